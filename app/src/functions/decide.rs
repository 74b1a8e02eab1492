//! Deciding an application (staff) and the decision letter (the citizen and their relative). The
//! complaint guidance is generated from the municipality's rules, never typed. A grant creates the
//! course that booking uses. The first time the citizen or a relative opens the letter, that
//! instant is recorded as received, and the complaint deadline runs from it.
// A server function's arguments are its form's fields, one by one.
#![allow(clippy::too_many_arguments)]
use crate::errors::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The decision letter, in the reader's language where it is generated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LetterView {
    pub id: i64,
    pub citizen_name: String,
    pub municipality_name: String,
    /// "granted", "partly_granted" or "refused".
    pub outcome: String,
    pub training_form_da: Option<String>,
    pub training_form_en: Option<String>,
    pub place: Option<String>,
    pub sessions_per_week: Option<i64>,
    pub weeks: Option<i64>,
    pub start_on: Option<NaiveDate>,
    pub reasons: Option<String>,
    pub legal_basis: String,
    pub decided_at: DateTime<Utc>,
    pub decided_by: String,
    pub received_at: Option<DateTime<Utc>>,
    /// The last moment a complaint is in time (shown as a local date and time), once received.
    pub complaint_deadline: Option<DateTime<Utc>>,
    pub guidance_da: Vec<String>,
    pub guidance_en: Vec<String>,
    pub appealable: bool,
    /// The reader may complain (the citizen, or a relative with the complain scope).
    pub may_complain: bool,
    /// The complaint already made about this decision.
    pub complaint_reference: Option<String>,
    /// This decision answers a complaint in part: the complaint waiting for the citizen to say
    /// whether it is maintained.
    pub answers_complaint: Option<String>,
}

#[cfg(feature = "ssr")]
pub mod server {
    use crate::domain::complaint_guidance::{complaint_guidance, DecisionSubject};
    use crate::domain::decision::CheckedDecision;
    use crate::domain::municipality::Municipality;
    use crate::domain::time_format::local_date;
    use crate::errors::AppError;
    use crate::ssr::db::NewDecision;
    use chrono::{DateTime, Utc};

    /// Who decides what, on which application, and which decision it replaces after a complaint.
    pub struct Deciding {
        pub application_id: Option<i64>,
        pub citizen_id: i64,
        pub decided_by: i64,
        pub decided_at: DateTime<Utc>,
        pub replaces_decision_id: Option<i64>,
    }

    /// The decision to store for a checked form, with its complaint guidance generated from the
    /// municipality's rules.
    pub fn new_decision(
        m: &Municipality,
        checked: &CheckedDecision,
        who: Deciding,
    ) -> Result<NewDecision, AppError> {
        let guidance = complaint_guidance(m, DecisionSubject::Training, checked.outcome);
        let plan = checked.plan.as_ref();
        Ok(NewDecision {
            application_id: who.application_id,
            replaces_decision_id: who.replaces_decision_id,
            complaint_guidance: Some(
                serde_json::to_string(&guidance).map_err(|_| AppError::Internal)?,
            ),
            citizen_id: who.citizen_id,
            municipality: m.slug.clone(),
            outcome: checked.outcome.code().into(),
            training_form: plan
                .map(|p| p.training_form.code().to_string())
                .unwrap_or_default(),
            place: plan.map(|p| p.place.clone()).unwrap_or_default(),
            sessions_per_week: plan.map_or(0, |p| i64::from(p.sessions_per_week)),
            weeks: plan.and_then(|p| p.weeks).map(i64::from),
            start_on: plan.map_or(local_date(who.decided_at), |p| p.start_on),
            reasons: checked.reasons.clone(),
            legal_basis: m.rules.legal_basis.clone(),
            decided_by: who.decided_by,
            decided_at: who.decided_at,
        })
    }
}

/// A caseworker decides an application of their municipality. Everything the form lacks is
/// named at once; nothing is stored until it is complete.
#[server(endpoint = "decide/decide")]
pub async fn decide_application(
    reference: String,
    outcome: String,
    training_form: Option<String>,
    place: Option<String>,
    sessions_per_week: Option<String>,
    weeks: Option<String>,
    start_on: Option<String>,
    reasons: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::decision::{check_decision, DecisionInput};
    use crate::domain::time_format::local_date;
    use crate::ssr::request;
    let state = request::state();
    let lang = request::lang();
    let (viewer, slug) = super::casework::server::caseworker(&state, "decide").await?;
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let a = super::casework::server::case_of(&state, &reference, &slug).await?;
    let now = state.clock.now();
    let input = DecisionInput {
        outcome,
        training_form: training_form.unwrap_or_default(),
        place: place.unwrap_or_default(),
        sessions_per_week: sessions_per_week.unwrap_or_default(),
        weeks: weeks.unwrap_or_default(),
        start_on: start_on.unwrap_or_default(),
        reasons: reasons.unwrap_or_default(),
    };
    let checked = match check_decision(&input, &m.rules, local_date(now)) {
        Ok(c) => c,
        Err(problems) => {
            // Kept on the server (not in the URL: the reasons are personal), shown again.
            let fields = serde_json::to_string(&input).map_err(|_| AppError::Internal)?;
            state
                .repo
                .save_decision_draft(a.id, viewer.person_id, &fields, now)
                .await?;
            return Err(AppError::Invalid(
                problems
                    .iter()
                    .map(|p| crate::errors::Problem::at(p.field(), p.text(lang)))
                    .collect(),
            ));
        }
    };
    let outcome_code = checked.outcome.code();
    let citizen = state
        .repo
        .person(a.citizen_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let notice = citizen.email.clone().map(|to| {
        let n = crate::domain::notices::decision_waiting(&citizen.name, &to, &m.name);
        crate::ssr::db::NewEmail {
            recipient_person_id: Some(citizen.id),
            to_address: to,
            subject: n.subject,
            body_text: n.body,
            created_at: now,
        }
    });
    let decided = state
        .repo
        .decide_application(
            a.id,
            &server::new_decision(
                m,
                &checked,
                server::Deciding {
                    application_id: Some(a.id),
                    citizen_id: a.citizen_id,
                    decided_by: viewer.person_id,
                    decided_at: now,
                    replaces_decision_id: None,
                },
            )?,
            notice.as_ref(),
        )
        .await?;
    let Some(decision) = decided else {
        return Err(AppError::invalid(lang.pick(
            "Ansøgningen er allerede afgjort.",
            "The application has already been decided.",
        )));
    };
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(a.citizen_id),
        "decide",
        &format!("application {reference}: decision {decision} {outcome_code}"),
    )
    .await?;
    leptos_axum::redirect(&format!("/personale/ansoegninger/{reference}"));
    Ok(())
}

/// The decision letter. The citizen's or relative's first look records it as received.
#[server(endpoint = "decide/letter")]
pub async fn decision_letter(decision: i64) -> Result<LetterView, AppError> {
    use crate::domain::complaint_guidance::Guidance;
    use crate::domain::deadlines::complaint_deadline;
    use crate::domain::lang::Lang;
    use crate::domain::municipality::TrainingForm;
    use crate::domain::people::Scope;
    use crate::ssr::request;
    let state = request::state();
    let viewer = request::require_viewer()?;
    let Some(d) = state.repo.decision(decision).await? else {
        return Err(AppError::NotFound);
    };
    let reader_is_party = viewer.may(d.citizen_id, Scope::View);
    let staff_of_case = viewer.is_staff_of(
        &d.municipality,
        &[
            crate::domain::people::StaffRole::Visitator,
            crate::domain::people::StaffRole::Admin,
        ],
    );
    if !reader_is_party && !staff_of_case {
        request::audit_refused(
            &state,
            Some(viewer.person_id),
            Some(d.citizen_id),
            "view_decision",
            &format!("decision {decision}"),
        )
        .await?;
        return Err(AppError::NotFound);
    }
    let now = state.clock.now();
    let received_at = match d.received_at {
        Some(at) => Some(at),
        None if reader_is_party => {
            state
                .repo
                .mark_decision_received(decision, viewer.person_id, now)
                .await?;
            Some(now)
        }
        None => None,
    };
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(d.citizen_id),
        "view_decision",
        &format!("decision {decision}"),
    )
    .await?;
    let m = state
        .municipalities
        .get(&d.municipality)
        .ok_or(AppError::NotFound)?;
    let guidance: Option<Guidance> = d
        .complaint_guidance
        .as_deref()
        .and_then(|g| serde_json::from_str(g).ok());
    let form = TrainingForm::from_code(&d.training_form);
    let granted = d.outcome != "refused";
    let citizen = state
        .repo
        .person(d.citizen_id)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    let answered = super::complaints::server::answered_complaint(&state, &d).await?;
    let answers_complaint = answered
        .as_ref()
        .filter(|c| c.status == "awaiting_citizen")
        .map(|c| c.reference.clone());
    let complaint_reference = match answered {
        Some(c) => Some(c.reference),
        None => state
            .repo
            .live_complaint_about(d.id)
            .await?
            .map(|c| c.reference),
    };
    let decided_by = state
        .repo
        .person(d.decided_by)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    Ok(LetterView {
        id: d.id,
        citizen_name: citizen,
        municipality_name: m.name.clone(),
        outcome: d.outcome.clone(),
        training_form_da: form.filter(|_| granted).map(|f| f.label(Lang::Da).into()),
        training_form_en: form.filter(|_| granted).map(|f| f.label(Lang::En).into()),
        place: Some(d.place.clone()).filter(|p| granted && !p.is_empty()),
        sessions_per_week: d.sessions_per_week.filter(|_| granted),
        weeks: d.weeks.filter(|_| granted),
        start_on: Some(d.start_on).filter(|_| granted),
        reasons: d.reasons.clone(),
        legal_basis: d.legal_basis.clone(),
        decided_at: d.decided_at,
        decided_by,
        received_at,
        complaint_deadline: received_at
            .map(|r| complaint_deadline(r, m.rules.complaint.weeks).shown),
        appealable: guidance.as_ref().is_none_or(|g| g.appealable),
        guidance_da: guidance
            .as_ref()
            .map(|g| g.paragraphs_da.clone())
            .unwrap_or_default(),
        guidance_en: guidance.map(|g| g.paragraphs_en).unwrap_or_default(),
        may_complain: viewer.may(d.citizen_id, Scope::Complain),
        complaint_reference,
        answers_complaint,
    })
}
