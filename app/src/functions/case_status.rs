//! "Din ansøgning": where one application stands for the citizen (or a relative with the view
//! scope): the timeline from receipt to the course's end, and every promise of the municipality
//! with its due date and whether it is kept, due soon or overdue.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineStepView {
    pub label_da: String,
    pub label_en: String,
    pub on: Option<NaiveDate>,
    pub state: crate::domain::case_timeline::StepState,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseStatusView {
    pub reference: String,
    pub citizen_name: String,
    pub on_behalf: bool,
    pub municipality_name: String,
    /// "awaiting_consent", "submitted", "in_progress", "decided", …
    pub status: crate::domain::states::ApplicationStatus,
    pub steps: Vec<TimelineStepView>,
    pub clocks: Vec<crate::views::clocks::ClockView>,
    pub decision_id: Option<i64>,
}

#[server(endpoint = "case/status")]
pub async fn case_status(reference: String) -> Result<CaseStatusView, AppError> {
    use crate::domain::case_timeline::{timeline, TimelineFacts};
    use crate::domain::decision::course_last_day;
    use crate::domain::lang::Lang;
    use crate::domain::people::Scope;
    use crate::domain::time_format::local_date;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let (Ctx { state, viewer, .. }, citizen) =
        Ctx::citizen(Scope::View, Action::ViewApplication).await?;
    let record = match state.repo.application_by_reference(&reference).await? {
        Some(a)
            if a.citizen_id == citizen
                && a.status != crate::domain::states::ApplicationStatus::Draft =>
        {
            a
        }
        Some(a) if a.citizen_id != citizen => {
            // Another citizen's application: refused as if it did not exist, and logged in
            // that citizen's log.
            request::audit_refused(
                &state,
                Some(viewer.person_id),
                Some(a.citizen_id),
                Action::ViewApplication,
                &format!("application {reference} of another citizen"),
            )
            .await?;
            return Err(AppError::NotFound);
        }
        _ => return Err(AppError::NotFound),
    };
    let person = state
        .repo
        .person(citizen)
        .await?
        .ok_or(AppError::NotFound)?;
    let m = state
        .municipalities
        .get(&record.municipality)
        .ok_or(AppError::NotFound)?;
    let decision = state
        .repo
        .decisions_of(citizen)
        .await?
        .into_iter()
        .find(|d| {
            d.application_id == Some(record.id)
                && d.kind == crate::domain::states::DecisionKind::Application
        });
    let today = local_date(state.clock.now());
    let facts = TimelineFacts {
        case: crate::ssr::cases::facts(&record, state.clock.now()),
        decided: decision.as_ref().map(|d| local_date(d.decided_at)),
        course: decision
            .as_ref()
            .filter(|d| d.outcome.grants_training())
            .map(|d| {
                // Its weeks run from the first session, once there is one (MAR-08, T54).
                let first = record.first_session_at.map(local_date);
                let end = crate::domain::decision::course_end_from_first_session(
                    d.start_on,
                    course_last_day(d.start_on, d.weeks),
                    first,
                );
                (d.start_on, end)
            }),
    };
    let steps = timeline(&m.rules, &facts, today)
        .into_iter()
        .map(|s| TimelineStepView {
            label_da: s.kind.label(Lang::Da).into(),
            label_en: s.kind.label(Lang::En).into(),
            on: s.on,
            state: s.state,
        })
        .collect();
    let clocks = if record.submitted_at.is_some() {
        crate::ssr::cases::clock_views(&m.rules, &record, state.clock.now())
    } else {
        Vec::new()
    };
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::ViewApplication,
        &format!("application {reference}"),
    )
    .await?;
    Ok(CaseStatusView {
        reference: record.reference,
        citizen_name: person.name,
        on_behalf: viewer.person_id != citizen,
        municipality_name: m.name.clone(),
        status: record.status,
        steps,
        clocks,
        decision_id: decision.map(|d| d.id),
    })
}
