//! Complaints, the citizen's side: complain about a decision from its letter (deadline and days
//! left shown, no reason required, a late complaint accepted and marked possibly late, GEN-5),
//! complain about the training or the staff (routed to the unit the standard names, GEN-6),
//! follow a complaint's steps and clocks, and answer after partial agreement. The citizen acts, or
//! a relative whose power carries the complain scope; seeing a complaint needs the view scope.
use crate::errors::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A way to reach a unit, in the reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RouteView {
    pub unit: String,
    pub ways: Vec<String>,
    pub web: Option<String>,
}

/// The complaint form for one decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionComplaintData {
    pub decision_id: i64,
    pub citizen_name: String,
    pub municipality_name: String,
    pub outcome_label: String,
    pub decided_at: DateTime<Utc>,
    pub appealable: bool,
    pub deadline: DateTime<Utc>,
    pub days_left: String,
    pub late: bool,
    /// "Kommunen skal have modtaget…" or, in Fredensborg, "Du skal have sendt…".
    pub counted_text: String,
    pub route: RouteView,
    /// The complaint already made about this decision.
    pub existing: Option<String>,
}

/// The form for a complaint about the training or the staff.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceComplaintData {
    pub citizen_name: String,
    pub municipality_name: String,
    pub route: RouteView,
    /// Set where the unit is the municipality itself because the standard names none.
    pub standard_silent: bool,
    /// Styrelsen for Patientklager, where the standard names it (Vejen).
    pub patient_complaints: Option<RouteView>,
    pub topics: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub at: DateTime<Utc>,
    pub who: Option<String>,
    pub text: String,
    pub note: String,
}

/// What staff need to handle the complaint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffSide {
    pub may_settle: bool,
    pub may_forward: bool,
    pub may_answer: bool,
    pub forms: Vec<(String, String, String)>,
    pub max_weeks: Option<u32>,
    pub draft: crate::domain::decision::DecisionInput,
    pub today: NaiveDate,
}

/// A complaint as both sides see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplaintView {
    pub reference: String,
    pub kind: String,
    pub topic: Option<String>,
    pub body: String,
    pub route: String,
    pub citizen_name: String,
    pub municipality_name: String,
    pub submitted_at: DateTime<Utc>,
    pub decision_id: Option<i64>,
    pub deadline: Option<DateTime<Utc>>,
    pub possibly_late: bool,
    pub status: String,
    pub status_label: String,
    pub outcome: Option<String>,
    pub outcome_label: Option<String>,
    pub reassessment: Option<String>,
    pub answer: Option<String>,
    pub new_decision_id: Option<i64>,
    pub forwarded_on: Option<NaiveDate>,
    pub events: Vec<EventView>,
    pub clocks: Vec<super::casework::ClockView>,
    pub next_actor: Option<String>,
    pub next_text: String,
    pub next_by: Option<NaiveDate>,
    /// The citizen (or relative) may now say whether the complaint is maintained.
    pub may_answer: bool,
    /// The citizen may withdraw a partly upheld complaint that goes on to Ankestyrelsen by law.
    pub may_withdraw: bool,
    pub maintain_deadline: Option<DateTime<Utc>>,
    /// The citizen has an email address, so receipts and changes are emailed.
    pub emailed: bool,
    pub staff: Option<StaffSide>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplaintSummary {
    pub reference: String,
    pub kind: String,
    pub submitted_at: DateTime<Utc>,
    pub status_label: String,
    pub next_by: Option<NaiveDate>,
    pub citizen_name: String,
    pub possibly_late: bool,
    /// Open clocks past their day (staff inbox).
    pub overdue: Vec<String>,
    pub due_soon: bool,
    pub closed: bool,
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::domain::case_clocks::ClockState;
    use crate::domain::complaint_notices::{complaint_update, Change};
    use crate::domain::complaints::{self as c, Actor, Facts, Kind, Outcome, Topic};
    use crate::domain::lang::Lang;
    use crate::domain::municipality::{Contact, Municipality};
    use crate::domain::time_format::local_date;
    use crate::ssr::db::{ComplaintRecord, NewEmail};
    use crate::ssr::state::AppState;

    pub fn route_view(contact: Option<&Contact>, m: &Municipality) -> RouteView {
        match contact {
            Some(c) => RouteView {
                unit: c.unit.clone(),
                ways: [c.phone.as_deref(), c.email.as_deref(), c.address.as_deref()]
                    .into_iter()
                    .flatten()
                    .map(str::to_string)
                    .collect(),
                web: c.web.clone(),
            },
            None => RouteView {
                unit: m.name.clone(),
                ways: vec![],
                web: None,
            },
        }
    }

    pub fn facts(r: &ComplaintRecord) -> Facts {
        Facts {
            kind: Kind::from_code(&r.kind).unwrap_or(Kind::Service),
            received_at: r.submitted_at,
            outcome: r
                .outcome
                .as_deref()
                .and_then(Outcome::from_code)
                .zip(r.outcome_at),
            new_decision_received: r.new_decision_delivery.as_deref().and_then(|code| {
                let delivery = crate::domain::decision_delivery::Delivery::from_parts(
                    code,
                    r.new_decision_available_at,
                    r.new_decision_delivered_on,
                )?;
                let presume = crate::ssr::request::state()
                    .settings
                    .postal_receipt_presumption;
                Some(delivery.receipt_day(presume))
            }),
            maintained_at: r.maintained_at,
            withdrawn_at: r.withdrawn_at,
            forwarded_on: r.forwarded_on,
            answered_at: r.answered_at,
            maintain_step: crate::ssr::request::state()
                .municipalities
                .get(&r.municipality)
                .is_some_and(|m| m.rules.complaint.partial_agreement.is_some()),
        }
    }

    pub fn actor_label(a: Actor, lang: Lang) -> String {
        match a {
            Actor::Municipality => lang.pick("Kommunen", "The municipality"),
            Actor::Citizen => lang.pick("Du", "You"),
        }
        .into()
    }

    fn event_text(kind: &str, lang: Lang) -> String {
        match kind {
            "received" => lang.pick("Klagen er modtaget", "The complaint was received"),
            "outcome_full" => lang.pick(
                "Kommunen gav fuldt medhold og traf en ny afgørelse",
                "The municipality agreed in full and made a new decision",
            ),
            "outcome_partial" => lang.pick(
                "Kommunen gav delvist medhold og traf en ny afgørelse",
                "The municipality agreed in part and made a new decision",
            ),
            "outcome_upheld" => lang.pick(
                "Kommunen fastholdt afgørelsen",
                "The municipality upheld the decision",
            ),
            "maintained" => lang.pick("Klagen blev fastholdt", "The complaint was maintained"),
            "withdrawn" => lang.pick("Klagen blev trukket tilbage", "The complaint was withdrawn"),
            "forwarded" => lang.pick(
                "Klagen blev sendt til Ankestyrelsen",
                "The complaint was sent to Ankestyrelsen",
            ),
            "answered" => lang.pick(
                "Kommunen svarede på klagen",
                "The municipality answered the complaint",
            ),
            other => other,
        }
        .into()
    }

    pub fn summary(
        m: &Municipality,
        r: &ComplaintRecord,
        lang: Lang,
        now: DateTime<Utc>,
    ) -> ComplaintSummary {
        let f = facts(r);
        let today = local_date(now);
        let clocks = c::clocks(m, &f, today);
        let status = c::status(&f);
        ComplaintSummary {
            reference: r.reference.clone(),
            kind: r.kind.clone(),
            submitted_at: r.submitted_at,
            status_label: status.label(lang).into(),
            next_by: c::next_step(m, &f, today).by,
            citizen_name: r.citizen_name.clone(),
            possibly_late: r.possibly_late,
            overdue: clocks
                .iter()
                .filter(|k| k.state == ClockState::Overdue)
                .map(|k| match k.actor {
                    // T25: nothing closes by itself; the caseworker follows up.
                    Actor::Citizen => lang
                        .pick(
                            "Borgeren har ikke svaret, om klagen fastholdes – følg op",
                            "The citizen has not said whether the complaint is maintained – follow up",
                        )
                        .to_string(),
                    Actor::Municipality => k.name(lang).to_string(),
                })
                .collect(),
            due_soon: clocks.iter().any(|k| k.state == ClockState::DueSoon),
            closed: matches!(
                status,
                c::Status::Closed | c::Status::Answered | c::Status::Forwarded
            ),
        }
    }

    /// The view of one complaint; `staff` is filled for staff of its municipality.
    pub async fn view(
        state: &AppState,
        m: &Municipality,
        r: &ComplaintRecord,
        lang: Lang,
        may_answer_scope: bool,
        staff: Option<StaffSide>,
    ) -> Result<ComplaintView, AppError> {
        let now = state.clock.now();
        let today = local_date(now);
        let f = facts(r);
        let status = c::status(&f);
        let clocks = c::clocks(m, &f, today);
        let next = c::next_step(m, &f, today);
        let maintain_deadline = clocks
            .iter()
            .find(|k| k.id == "maintain")
            .and_then(|k| k.due_at);
        let events = state
            .repo
            .complaint_events(r.id)
            .await?
            .into_iter()
            .map(|e| EventView {
                at: e.at,
                who: e.actor_name,
                text: event_text(&e.kind, lang),
                // A date is stored as such and shown in the reader's language.
                note: match e.note.parse::<NaiveDate>() {
                    Ok(day) => crate::domain::time_format::long_date(lang, day),
                    Err(_) => e.note,
                },
            })
            .collect();
        let outcome = f.outcome.map(|(o, _)| o);
        Ok(ComplaintView {
            reference: r.reference.clone(),
            kind: r.kind.clone(),
            topic: r
                .topic
                .as_deref()
                .and_then(Topic::from_code)
                .map(|t| t.label(lang).into()),
            body: r.body.clone(),
            route: r.route.clone(),
            citizen_name: r.citizen_name.clone(),
            municipality_name: m.name.clone(),
            submitted_at: r.submitted_at,
            decision_id: r.decision_id,
            deadline: r.deadline_at,
            possibly_late: r.possibly_late,
            status: status.code().into(),
            status_label: status.label(lang).into(),
            outcome: outcome.map(|o| o.code().into()),
            outcome_label: outcome.map(|o| o.label(lang).into()),
            reassessment: r.reassessment.clone(),
            answer: r.answer.clone(),
            new_decision_id: r.new_decision_id,
            forwarded_on: r.forwarded_on,
            events,
            clocks: clocks
                .iter()
                .map(|k| super::super::casework::ClockView {
                    name_da: k.name_da.clone(),
                    name_en: k.name_en.clone(),
                    rule_id: k.rule_id.clone(),
                    due: k.due,
                    state: super::super::casework::server::state_code(k.state).into(),
                    state_da: k.state.label(Lang::Da).into(),
                    state_en: k.state.label(Lang::En).into(),
                    soft: false,
                    met: None,
                })
                .collect(),
            next_actor: next.actor.map(|a| actor_label(a, lang)),
            next_text: match lang {
                Lang::Da => next.text_da,
                Lang::En => next.text_en,
            },
            next_by: next.by,
            may_answer: may_answer_scope
                && status == c::Status::AwaitingCitizen
                && f.new_decision_received.is_some(),
            may_withdraw: may_answer_scope && c::may_withdraw(&f),
            maintain_deadline,
            emailed: state
                .repo
                .person(r.citizen_id)
                .await?
                .is_some_and(|p| p.email.is_some()),
            staff,
        })
    }

    /// The emails about a change: to the citizen, and to the relative who made the complaint.
    pub async fn emails(
        state: &AppState,
        citizen_id: i64,
        submitted_by: i64,
        reference: &str,
        change: &Change,
        now: DateTime<Utc>,
    ) -> Result<Vec<NewEmail>, AppError> {
        let mut out = vec![];
        let citizen = state.repo.person(citizen_id).await?;
        let mut people = vec![(citizen.clone(), None)];
        // The relative who complained, while their power still lets them see the case.
        let still_holds = submitted_by != citizen_id
            && state
                .repo
                .valid_powers_held_by(submitted_by, local_date(now))
                .await?
                .iter()
                .any(|p| p.citizen_id == citizen_id && p.scopes.view);
        if still_holds {
            let citizen_name = citizen.as_ref().map(|p| p.name.clone());
            people.push((state.repo.person(submitted_by).await?, citizen_name));
        }
        for (person, on_behalf_of) in people {
            if let Some(e) =
                super::super::booking::server::email_to(person.as_ref(), now, |name, to| {
                    complaint_update(name, to, reference, on_behalf_of.as_deref(), change)
                })
            {
                out.push(e);
            }
        }
        Ok(out)
    }

    /// A complaint the viewer may see: the party (view scope), or staff of its municipality
    /// (`staff_roles`). Anyone else is refused and logged, and told it was not found.
    pub async fn complaint_for(
        state: &AppState,
        reference: &str,
        action: &str,
    ) -> Result<(crate::domain::people::Viewer, ComplaintRecord), AppError> {
        use crate::domain::people::{Scope, StaffRole};
        use crate::ssr::request;
        let viewer = request::require_viewer()?;
        let Some(r) = state.repo.complaint_by_reference(reference).await? else {
            return Err(AppError::NotFound);
        };
        let party = viewer.may(r.citizen_id, Scope::View);
        let staff = viewer.is_staff_of(&r.municipality, &[StaffRole::Visitator, StaffRole::Admin]);
        if !party && !staff {
            request::audit_refused(
                state,
                Some(viewer.person_id),
                Some(r.citizen_id),
                action,
                &format!("complaint {reference}"),
            )
            .await?;
            return Err(AppError::NotFound);
        }
        Ok((viewer, r))
    }

    /// Applies a change with its emails in one transaction; false when the complaint is no
    /// longer in the state the change expects.
    pub async fn change(
        state: &AppState,
        r: &ComplaintRecord,
        words: &Change,
        change: crate::ssr::db::ComplaintChange,
    ) -> Result<bool, AppError> {
        let emails = emails(
            state,
            r.citizen_id,
            r.submitted_by,
            &r.reference,
            words,
            change.at,
        )
        .await?;
        Ok(state.repo.change_complaint(r.id, &change, &emails).await?)
    }

    /// A decision of the citizen the viewer acts for; another's is refused, logged, not found.
    pub async fn decision_of(
        state: &AppState,
        viewer: &crate::domain::people::Viewer,
        citizen: i64,
        decision: i64,
        action: &str,
    ) -> Result<crate::ssr::db::DecisionRecord, AppError> {
        match state.repo.decision(decision).await? {
            Some(d) if d.citizen_id == citizen => Ok(d),
            other => {
                crate::ssr::request::audit_refused(
                    state,
                    Some(viewer.person_id),
                    other.map(|d| d.citizen_id),
                    action,
                    &format!("decision {decision}"),
                )
                .await?;
                Err(AppError::NotFound)
            }
        }
    }

    /// The complaint deadline of a decision, counted from its receipt (how it was delivered,
    /// CAL-8); opening the decision or the complaint form moves nothing.
    pub fn deadline_of(
        state: &AppState,
        d: &crate::ssr::db::DecisionRecord,
        weeks: u32,
    ) -> crate::domain::deadlines::Deadline {
        d.delivery()
            .complaint_deadline(weeks, state.settings.postal_receipt_presumption)
    }

    /// The complaint a decision answers in part, while it is not withdrawn: the citizen
    /// maintains that one rather than starting another (BRS-26).
    pub async fn answered_complaint(
        state: &AppState,
        d: &crate::ssr::db::DecisionRecord,
    ) -> Result<Option<ComplaintRecord>, AppError> {
        let Some(old) = d.replaces_decision_id else {
            return Ok(None);
        };
        Ok(state
            .repo
            .live_complaint_about(old)
            .await?
            .filter(|c| c.new_decision_id == Some(d.id) && c.outcome.as_deref() == Some("partial")))
    }

    /// The municipality the citizen trains with (their course), or their home municipality.
    pub async fn citizen_municipality(
        state: &AppState,
        citizen: i64,
    ) -> Result<(crate::ssr::db::Person, Municipality), AppError> {
        let person = state
            .repo
            .person(citizen)
            .await?
            .ok_or(AppError::NotFound)?;
        let course = state.repo.current_course(citizen).await?;
        let slug = course
            .map(|c| c.municipality)
            .or_else(|| person.home_municipality.clone());
        let m = slug
            .as_deref()
            .and_then(|s| state.municipalities.get(s))
            .ok_or(AppError::NotFound)?
            .clone();
        Ok((person, m))
    }

    /// A complaint's text: at most 5,000 characters, said at the field.
    pub fn check_length(lang: Lang, text: &str) -> Result<(), AppError> {
        if text.chars().count() > 5000 {
            return Err(AppError::Invalid(vec![crate::errors::Problem::at(
                "felt-klage",
                lang.pick(
                    "Teksten er for lang. Skriv højst 5.000 tegn, eller ring til kommunen.",
                    "The text is too long. Write at most 5,000 characters, or phone the municipality.",
                ),
            )]));
        }
        Ok(())
    }

    pub fn new_reference() -> String {
        let mut random = [0u8; 8];
        rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut random);
        c::reference(random)
    }
}

/// The complaint form for a decision: the decision, the deadline with days left, the route.
#[server(endpoint = "complaints/form")]
pub async fn decision_complaint_form(decision: i64) -> Result<DecisionComplaintData, AppError> {
    use crate::domain::complaint_guidance::Guidance;
    use crate::domain::complaints::{days_left_text, decision_route};
    use crate::domain::municipality::ComplaintCountedAt;
    use crate::domain::people::Scope;
    use crate::ssr::request;
    let state = request::state();
    let lang = request::lang();
    let (viewer, citizen) =
        request::citizen_with_scope(&state, Scope::Complain, "view_complaint_form").await?;
    let d = server::decision_of(&state, &viewer, citizen, decision, "view_complaint_form").await?;
    let m = state
        .municipalities
        .get(&d.municipality)
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let deadline = server::deadline_of(&state, &d, m.rules.complaint.weeks);
    let guidance: Option<Guidance> = d
        .complaint_guidance
        .as_deref()
        .and_then(|g| serde_json::from_str(g).ok());
    let existing = match server::answered_complaint(&state, &d).await? {
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
        "view_complaint_form",
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
        outcome_label: match d.outcome.as_str() {
            "granted" => lang.pick("Bevilget", "Granted"),
            "partly_granted" => lang.pick("Delvist bevilget", "Partly granted"),
            _ => lang.pick("Afslag", "Refused"),
        }
        .into(),
        decided_at: d.decided_at,
        appealable: guidance.is_none_or(|g| g.appealable),
        deadline: deadline.shown,
        days_left: days_left_text(deadline.shown, now, lang),
        late: !deadline.is_on_time(now),
        counted_text: match m.rules.complaint.counted_at {
            ComplaintCountedAt::Received => lang.pick(
                "Kommunen skal have modtaget klagen inden fristen. En klage sendt her i portalen er modtaget med det samme.",
                "The municipality must have received the complaint by the deadline. A complaint sent here in the portal is received at once.",
            ),
            ComplaintCountedAt::Sent => lang.pick(
                "Klagen skal være sendt inden fristen. En klage sendt her i portalen er sendt med det samme.",
                "The complaint must have been sent by the deadline. A complaint sent here in the portal is sent at once.",
            ),
        }
        .into(),
        route: server::route_view(decision_route(m), m),
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
    use crate::domain::complaint_notices::Change;
    use crate::domain::complaints::{due, route_name, status, Facts, Kind};
    use crate::domain::deadlines::complaint_timing;
    use crate::domain::people::Scope;
    use crate::domain::time_format::{local_date, long_date, long_date_time};
    use crate::ssr::db::NewComplaint;
    use crate::ssr::request;
    let state = request::state();
    let lang = request::lang();
    let (viewer, citizen) =
        request::citizen_with_scope(&state, Scope::Complain, "complain").await?;
    let d = server::decision_of(&state, &viewer, citizen, decision, "complain").await?;
    let m = state
        .municipalities
        .get(&d.municipality)
        .ok_or(AppError::NotFound)?;
    let body = body.unwrap_or_default().trim().to_string();
    server::check_length(lang, &body)?;
    // One complaint per decision; a decision that answers a complaint in part is answered on
    // that complaint's page.
    let existing = match server::answered_complaint(&state, &d).await? {
        Some(c) => Some(c),
        None => state.repo.live_complaint_about(d.id).await?,
    };
    if let Some(existing) = existing {
        leptos_axum::redirect(&format!("/klage/{}", existing.reference));
        return Ok(());
    }
    let now = state.clock.now();
    let deadline = server::deadline_of(&state, &d, m.rules.complaint.weeks);
    // Sent and received at once: sent here in the portal.
    let timing = complaint_timing(deadline, m.rules.complaint.counted_at, now, Some(now));
    let possibly_late = !timing.on_time;
    let facts = Facts {
        kind: Kind::Decision,
        received_at: now,
        outcome: None,
        new_decision_received: None,
        maintained_at: None,
        withdrawn_at: None,
        forwarded_on: None,
        answered_at: None,
        maintain_step: m.rules.complaint.partial_agreement.is_some(),
    };
    let due = |id: &str| due(m, &facts, local_date(now), id);
    let new = NewComplaint {
        reference: server::new_reference(),
        citizen_id: citizen,
        municipality: m.slug.clone(),
        kind: Kind::Decision.code().into(),
        decision_id: Some(d.id),
        topic: None,
        body,
        route: route_name(m, Kind::Decision),
        submitted_by: viewer.person_id,
        submitted_at: now,
        deadline_at: Some(deadline.shown),
        possibly_late,
        status: status(&facts).code().into(),
        reassessment_due_on: due("reassessment"),
        forward_due_on: due("forward"),
    };
    let by = due("reassessment");
    let (late_da, late_en) = if possibly_late {
        (
            format!(" {}", timing.text_da),
            format!(" {}", timing.text_en),
        )
    } else {
        (String::new(), String::new())
    };
    let change = Change {
        da: format!(
            "{} modtog din klage over afgørelsen {}. Kommunen vurderer afgørelsen igen{}.{late_da}",
            m.name,
            long_date_time(crate::domain::lang::Lang::Da, now),
            by.map(|b| format!(" senest {}", long_date(crate::domain::lang::Lang::Da, b)))
                .unwrap_or_default()
        ),
        en: format!(
            "{} received your complaint about the decision {}. The municipality looks at the decision again{}.{late_en}",
            m.name,
            long_date_time(crate::domain::lang::Lang::En, now),
            by.map(|b| format!(" by {}", long_date(crate::domain::lang::Lang::En, b)))
                .unwrap_or_default()
        ),
    };
    let emails = server::emails(
        &state,
        citizen,
        viewer.person_id,
        &new.reference,
        &change,
        now,
    )
    .await?;
    let reference = match state.repo.insert_complaint(&new, &emails).await? {
        Some(_) => new.reference.clone(),
        // Pressed twice at once: the first complaint stands.
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
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        "complain",
        &format!(
            "complaint {reference} about decision {}{}",
            d.id,
            if possibly_late {
                " (possibly late)"
            } else {
                ""
            }
        ),
    )
    .await?;
    leptos_axum::redirect(&format!("/klage/{reference}?kvittering=1"));
    Ok(())
}

/// The form for complaining about the training or the staff, with where it goes.
#[server(endpoint = "complaints/service_form")]
pub async fn service_complaint_form() -> Result<ServiceComplaintData, AppError> {
    use crate::domain::complaints::{service_route, Topic};
    use crate::domain::people::Scope;
    use crate::ssr::request;
    let state = request::state();
    let lang = request::lang();
    let (_viewer, citizen) =
        request::citizen_with_scope(&state, Scope::Complain, "view_complaint_form").await?;
    let (person, m) = server::citizen_municipality(&state, citizen).await?;
    let m = &m;
    let route = service_route(m);
    Ok(ServiceComplaintData {
        citizen_name: person.name.clone(),
        municipality_name: m.name.clone(),
        route: server::route_view(route.unit, m),
        standard_silent: route.unit.is_none(),
        patient_complaints: route
            .patient_complaints
            .map(|c| server::route_view(Some(c), m)),
        topics: Topic::ALL
            .into_iter()
            .map(|t| (t.code().into(), t.label(lang).into()))
            .collect(),
    })
}

/// Sends a complaint about the training or the staff to the unit the standard names.
#[server(endpoint = "complaints/submit_service")]
pub async fn submit_service_complaint(
    topic: Option<String>,
    body: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::complaint_notices::Change;
    use crate::domain::complaints::{route_name, Kind, Topic};
    use crate::domain::people::Scope;
    use crate::errors::Problem;
    use crate::ssr::db::NewComplaint;
    use crate::ssr::request;
    let state = request::state();
    let lang = request::lang();
    let (viewer, citizen) =
        request::citizen_with_scope(&state, Scope::Complain, "complain").await?;
    let (_, m) = server::citizen_municipality(&state, citizen).await?;
    let m = &m;
    // What it is about is optional; the text is the complaint.
    let topic = topic.as_deref().and_then(Topic::from_code);
    let body = body.unwrap_or_default().trim().to_string();
    if body.is_empty() {
        return Err(AppError::Invalid(vec![Problem::at(
            "felt-klage",
            lang.pick(
                "Skriv, hvad du vil klage over.",
                "Write what you want to complain about.",
            ),
        )]));
    }
    server::check_length(lang, &body)?;
    let now = state.clock.now();
    let route = route_name(m, Kind::Service);
    let new = NewComplaint {
        reference: server::new_reference(),
        citizen_id: citizen,
        municipality: m.slug.clone(),
        kind: Kind::Service.code().into(),
        decision_id: None,
        topic: topic.map(|t| t.code().into()),
        body: body.clone(),
        route: route.clone(),
        submitted_by: viewer.person_id,
        submitted_at: now,
        deadline_at: None,
        possibly_late: false,
        status: crate::domain::complaints::Status::Received.code().into(),
        reassessment_due_on: None,
        forward_due_on: None,
    };
    let change = Change {
        da: format!("{route} har modtaget din klage over træningen. Du får svar her og på e-mail."),
        en: format!(
            "{route} has received your complaint about the training. You will get an answer here and by email."
        ),
    };
    let emails = server::emails(
        &state,
        citizen,
        viewer.person_id,
        &new.reference,
        &change,
        now,
    )
    .await?;
    let reference = match state.repo.insert_complaint(&new, &emails).await? {
        Some(_) => new.reference.clone(),
        // The same complaint sent again while unanswered: the first one stands.
        None => state
            .repo
            .complaints_of(citizen)
            .await?
            .into_iter()
            .find(|c| c.kind == "service" && c.body == body && c.answered_at.is_none())
            .map(|c| c.reference)
            .ok_or_else(|| {
                tracing::error!("a service complaint pressed twice left no complaint");
                AppError::Internal
            })?,
    };
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        "complain",
        &format!(
            "complaint {reference} about the training ({})",
            topic.map_or("no topic", |t| t.code())
        ),
    )
    .await?;
    leptos_axum::redirect(&format!("/klage/{reference}?kvittering=1"));
    Ok(())
}

/// One complaint, for the citizen, a relative with the view scope, or staff of its municipality.
#[server(endpoint = "complaints/status")]
pub async fn complaint_status(reference: String) -> Result<ComplaintView, AppError> {
    use crate::domain::people::{Scope, StaffRole};
    use crate::ssr::request;
    let state = request::state();
    let lang = request::lang();
    let (viewer, r) = server::complaint_for(&state, &reference, "view_complaint").await?;
    let m = state
        .municipalities
        .get(&r.municipality)
        .ok_or(AppError::NotFound)?;
    let staff = if viewer.is_staff_of(&r.municipality, &[StaffRole::Visitator, StaffRole::Admin]) {
        Some(super::complaint_handling::server::staff_side(&state, m, &r, &viewer).await?)
    } else {
        None
    };
    let view = server::view(
        &state,
        m,
        &r,
        lang,
        viewer.may(r.citizen_id, Scope::Complain),
        staff,
    )
    .await?;
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(r.citizen_id),
        "view_complaint",
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
    let state = request::state();
    let lang = request::lang();
    let (viewer, citizen) =
        request::citizen_with_scope(&state, Scope::View, "view_complaints").await?;
    let now = state.clock.now();
    let list = state
        .repo
        .complaints_of(citizen)
        .await?
        .iter()
        .filter_map(|r| {
            let m = state.municipalities.get(&r.municipality)?;
            Some(server::summary(m, r, lang, now))
        })
        .collect();
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        "view_complaints",
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
    let state = request::state();
    let lang = request::lang();
    let (viewer, citizen) =
        request::citizen_with_scope(&state, Scope::Complain, "answer_complaint").await?;
    let r = match state.repo.complaint_by_reference(&reference).await? {
        Some(r) if r.citizen_id == citizen => r,
        other => {
            request::audit_refused(
                &state,
                Some(viewer.person_id),
                other.map(|r| r.citizen_id),
                "answer_complaint",
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
    let mut f = server::facts(&r);
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
    let done = server::change(
        &state,
        &r,
        &change,
        ComplaintChange {
            expected_status: was.code().into(),
            status: status(&f).code().into(),
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
    )
    .await?;
    if !done {
        return Err(AppError::invalid(lang.pick(
            "Klagen venter ikke længere på dit svar.",
            "The complaint is no longer waiting for your answer.",
        )));
    }
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        "answer_complaint",
        &format!(
            "complaint {reference}: {}",
            if maintained {
                "maintained"
            } else {
                "withdrawn"
            }
        ),
    )
    .await?;
    leptos_axum::redirect(&format!("/klage/{reference}"));
    Ok(())
}
