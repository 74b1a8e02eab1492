//! Complaints, the citizen's side: complain about a decision from its letter (deadline and days
//! left shown, no reason required, a late complaint accepted and marked possibly late, GEN-5),
//! complain about the training or the staff (routed to the unit the standard names, GEN-6),
//! follow a complaint's steps and clocks, and answer after partial agreement. The citizen acts, or
//! a relative whose power carries the complain scope; seeing a complaint needs the view scope.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::complaints;
use crate::views::complaints::{ComplaintSummary, ComplaintView, RouteView};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The complaint form for one decision.
mod service;
pub use service::*;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionComplaintData {
    pub decision_id: i64,
    pub citizen_name: String,
    pub municipality_name: String,
    pub outcome: crate::domain::complaint_guidance::DecisionOutcome,
    pub decided_at: DateTime<Utc>,
    pub appealable: bool,
    pub deadline: DateTime<Utc>,
    pub days_left_da: String,
    pub days_left_en: String,
    pub late: bool,
    /// "Kommunen skal have modtaget…" or, in Fredensborg, "Du skal have sendt…".
    pub counted_text_da: String,
    pub counted_text_en: String,
    pub route: RouteView,
    /// The complaint already made about this decision.
    pub existing: Option<String>,
}

/// When a complaint counts as in time, as the form says it.
#[cfg(feature = "ssr")]
fn counted_text(
    at: crate::domain::municipality::ComplaintCountedAt,
    lang: crate::domain::lang::Lang,
) -> &'static str {
    use crate::domain::municipality::ComplaintCountedAt;
    match at {
        ComplaintCountedAt::Received => lang.pick(
            "Kommunen skal have modtaget klagen inden fristen. En klage sendt her i portalen er modtaget med det samme.",
            "The municipality must have received the complaint by the deadline. A complaint sent here in the portal is received at once.",
        ),
        ComplaintCountedAt::Sent => lang.pick(
            "Klagen skal være sendt inden fristen. En klage sendt her i portalen er sendt med det samme.",
            "The complaint must have been sent by the deadline. A complaint sent here in the portal is sent at once.",
        ),
    }
}

/// The complaint form for a decision: the decision, the deadline with days left, the route.
#[server(endpoint = "complaints/form")]
pub async fn decision_complaint_form(decision: i64) -> Result<DecisionComplaintData, AppError> {
    use crate::domain::complaint_guidance::Guidance;
    use crate::domain::complaints::{days_left_text, decision_route};

    use crate::domain::people::Scope;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let (Ctx { state, viewer, .. }, citizen) =
        Ctx::citizen(Scope::Complain, Action::ViewComplaintForm).await?;
    let d = complaints::decision_of(
        &state,
        &viewer,
        citizen,
        decision,
        Action::ViewComplaintForm,
    )
    .await?;
    let m = state
        .municipalities
        .get(&d.municipality)
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let deadline = complaints::deadline_of(&state, &d, m.rules.complaint.weeks);
    let guidance: Option<Guidance> = d
        .complaint_guidance
        .as_deref()
        .and_then(|g| serde_json::from_str(g).ok());
    let existing = match complaints::answered_complaint(&state, &d).await? {
        Some(c) => Some(c.reference),
        None => state
            .repo
            .live_complaint_about(d.id)
            .await?
            .map(|c| c.reference),
    };
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::ViewComplaintForm,
        &format!("decision {decision}"),
    )
    .await?;
    let citizen_name = state
        .repo
        .person(citizen)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    Ok(DecisionComplaintData {
        decision_id: d.id,
        citizen_name,
        municipality_name: m.name.clone(),
        outcome: d.outcome,
        decided_at: d.decided_at,
        appealable: guidance.is_none_or(|g| g.appealable),
        deadline: deadline.shown,
        days_left_da: days_left_text(deadline.shown, now, crate::domain::lang::Lang::Da),
        days_left_en: days_left_text(deadline.shown, now, crate::domain::lang::Lang::En),
        late: !deadline.is_on_time(now),
        counted_text_da: counted_text(m.rules.complaint.counted_at, crate::domain::lang::Lang::Da)
            .into(),
        counted_text_en: counted_text(m.rules.complaint.counted_at, crate::domain::lang::Lang::En)
            .into(),
        route: complaints::route_view(decision_route(m), m),
        existing,
    })
}

/// Sends a complaint about a decision. No reason is required; a late complaint is accepted and
/// marked possibly late. Pressing twice makes one complaint.
#[server(endpoint = "complaints/submit")]
pub async fn submit_decision_complaint(
    decision: i64,
    body: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::people::Scope;
    use crate::ssr::decision_complaints::{decision_complaint, DecisionComplaint, Received};
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let (
        Ctx {
            state,
            viewer,
            lang,
            ..
        },
        citizen,
    ) = Ctx::citizen(Scope::Complain, Action::Complain).await?;
    let d = complaints::decision_of(&state, &viewer, citizen, decision, Action::Complain).await?;
    let m = state
        .municipalities
        .get(&d.municipality)
        .ok_or(AppError::NotFound)?;
    let body = body.unwrap_or_default().trim().to_string();
    complaints::check_length(lang, &body)?;
    // One complaint per decision; a decision that answers a complaint in part is answered on
    // that complaint's page.
    let existing = match complaints::answered_complaint(&state, &d).await? {
        Some(c) => Some(c),
        None => state.repo.live_complaint_about(d.id).await?,
    };
    if let Some(existing) = existing {
        leptos_axum::redirect(&crate::paths::complaint(&existing.reference));
        return Ok(());
    }
    let now = state.clock.now();
    // Sent and received at once: sent here in the portal.
    let DecisionComplaint {
        new,
        emails,
        possibly_late,
    } = decision_complaint(
        &state,
        m,
        &d,
        Received {
            citizen,
            by: viewer.person_id,
            body,
            channel: crate::domain::intake::Channel::Portal,
            sent_at: now,
            received_at: now,
        },
    )
    .await?;
    let detail = format!(
        "complaint {} about decision {}{}",
        new.reference,
        d.id,
        if possibly_late {
            " (possibly late)"
        } else {
            ""
        }
    );
    let inserted = request::record(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::Complain,
        &detail,
    )
    .of_if(&state, state.repo.insert_complaint(&new, &emails), |id| {
        id.is_some()
    })
    .await?;
    let reference = match inserted {
        Some(_) => new.reference.clone(),
        // Pressed twice at once: the first complaint stands, and only it is in the log.
        None => match state.repo.live_complaint_about(d.id).await? {
            Some(c) => c.reference,
            None => {
                tracing::error!(
                    decision = d.id,
                    "a complaint pressed twice left no complaint"
                );
                return Err(AppError::Internal);
            }
        },
    };
    leptos_axum::redirect(&format!(
        "{}?kvittering=1",
        crate::paths::complaint(&reference)
    ));
    Ok(())
}

/// One complaint, for the citizen, a relative with the view scope, or staff of its municipality.
#[server(endpoint = "complaints/status")]
pub async fn complaint_status(reference: String) -> Result<ComplaintView, AppError> {
    use crate::domain::people::{Scope, StaffRole};
    use crate::ssr::request;
    let (request::Ctx { state, viewer, .. }, r) =
        complaints::complaint_for(&reference, Action::ViewComplaint).await?;
    let m = state
        .municipalities
        .get(&r.municipality)
        .ok_or(AppError::NotFound)?;
    let staff = if viewer.is_staff_of(&r.municipality, &[StaffRole::Visitator, StaffRole::Admin]) {
        Some(crate::ssr::complaints_staff::staff_side(&state, m, &r, &viewer).await?)
    } else {
        None
    };
    let view = complaints::view(
        &state,
        m,
        &r,
        viewer.may(r.citizen_id, Scope::Complain),
        staff,
    )
    .await?;
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(r.citizen_id),
        Action::ViewComplaint,
        &format!("complaint {reference}"),
    )
    .await?;
    Ok(view)
}

/// The citizen's complaints, newest first.
#[server(endpoint = "complaints/list")]
pub async fn my_complaints() -> Result<Vec<ComplaintSummary>, AppError> {
    use crate::domain::people::Scope;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let (
        Ctx {
            state, viewer, now, ..
        },
        citizen,
    ) = Ctx::citizen(Scope::View, Action::ViewComplaints).await?;
    let list = state
        .repo
        .complaints_of(citizen)
        .await?
        .iter()
        .filter_map(|r| {
            let m = state.municipalities.get(&r.municipality)?;
            Some(complaints::summary(m, r, now))
        })
        .collect();
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::ViewComplaints,
        "",
    )
    .await?;
    Ok(list)
}

/// After partial agreement: the citizen maintains the complaint (it goes to Ankestyrelsen) or
/// withdraws it. Once.
#[server(endpoint = "complaints/answer")]
pub async fn answer_partial_agreement(
    reference: String,
    answer: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::complaint_notices::Change;
    use crate::domain::complaints::{due, status, Status};
    use crate::domain::lang::Lang;
    use crate::domain::people::Scope;
    use crate::domain::time_format::{local_date, long_date};
    use crate::ssr::db::ComplaintChange;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let (
        Ctx {
            state,
            viewer,
            lang,
            ..
        },
        citizen,
    ) = Ctx::citizen(Scope::Complain, Action::AnswerComplaint).await?;
    let r = match state.repo.complaint_by_reference(&reference).await? {
        Some(r) if r.citizen_id == citizen => r,
        other => {
            request::audit_refused(
                &state,
                Some(viewer.person_id),
                other.map(|r| r.citizen_id),
                Action::AnswerComplaint,
                &format!("complaint {reference}"),
            )
            .await?;
            return Err(AppError::NotFound);
        }
    };
    let m = state
        .municipalities
        .get(&r.municipality)
        .ok_or(AppError::NotFound)?;
    let maintained = match answer.as_deref() {
        Some("maintain") => true,
        Some("withdraw") => false,
        _ => {
            return Err(AppError::Invalid(vec![crate::errors::Problem::at(
                "felt-svar",
                lang.pick(
                    "Vælg, om du fastholder klagen eller trækker den tilbage.",
                    "Choose whether you maintain the complaint or withdraw it.",
                ),
            )]))
        }
    };
    let now = state.clock.now();
    let mut f = complaints::facts(&r);
    let was = status(&f);
    // Where the standard asks (BRS-26) the citizen maintains or withdraws; where the law
    // forwards what was not agreed to, she may only withdraw it before it is sent.
    let awaiting = was == Status::AwaitingCitizen && f.new_decision_received.is_some();
    if !(awaiting || (!maintained && crate::domain::complaints::may_withdraw(&f))) {
        return Err(AppError::invalid(lang.pick(
            "Klagen venter ikke på dit svar.",
            "The complaint is not waiting for your answer.",
        )));
    }
    if maintained {
        f.maintained_at = Some(now);
    } else {
        f.withdrawn_at = Some(now);
    }
    let forward_due = due(m, &f, local_date(now), "forward_after_maintained");
    let change = if maintained {
        Change {
            da: format!(
                "Du har fastholdt klagen. {} sender den til Ankestyrelsen{}.",
                m.name,
                forward_due
                    .map(|d| format!(" senest {}", long_date(Lang::Da, d)))
                    .unwrap_or_default()
            ),
            en: format!(
                "You have maintained the complaint. {} sends it to Ankestyrelsen{}.",
                m.name,
                forward_due
                    .map(|d| format!(" by {}", long_date(Lang::En, d)))
                    .unwrap_or_default()
            ),
        }
    } else {
        Change {
            da: "Du har trukket klagen tilbage. Den nye afgørelse gælder.".into(),
            en: "You have withdrawn the complaint. The new decision applies.".into(),
        }
    };
    let answered = complaints::change(
        &state,
        &r,
        &change,
        ComplaintChange {
            expected_status: was,
            status: status(&f),
            at: now,
            by: viewer.person_id,
            event: if maintained {
                "maintained"
            } else {
                "withdrawn"
            }
            .into(),
            maintained,
            withdrawn: !maintained,
            forward_due_on: forward_due,
            ..Default::default()
        },
    );
    let done = request::record(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::AnswerComplaint,
        &format!(
            "complaint {reference}: {}",
            if maintained {
                "maintained"
            } else {
                "withdrawn"
            }
        ),
    )
    .of_if(&state, answered, |done| *done)
    .await?;
    if !done {
        return Err(AppError::invalid(lang.pick(
            "Klagen venter ikke længere på dit svar.",
            "The complaint is no longer waiting for your answer.",
        )));
    }
    leptos_axum::redirect(&crate::paths::complaint(&reference));
    Ok(())
}
