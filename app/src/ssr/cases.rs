//! An application as a case: its clocks and facts, the caseworker check, the choices a decision
//! offers; shared by casework, deciding, complaints and the citizen's case status.
use crate::domain::case_clocks::{case_clocks, CaseEvent, CaseFacts, ClockState};
use crate::domain::lang::Lang;
use crate::domain::municipality::Municipality;
use crate::domain::municipality::Rules;
use crate::domain::people::{StaffRole, Viewer};
use crate::domain::time_format::local_date;
use crate::errors::AppError;
use crate::ssr::db::ApplicationRecord;
use crate::ssr::request;
use crate::ssr::state::AppState;
use crate::views::clocks::*;
use chrono::NaiveDate;

/// The case's facts at `now`: the steps staff recorded, the decision, and the first session
/// of the granted course (a step once it has begun; booked, it tells whether the start
/// promise can be kept).
pub fn facts(record: &ApplicationRecord, now: chrono::DateTime<chrono::Utc>) -> CaseFacts {
    CaseFacts {
        received: record.submitted_at.map(local_date),
        events: CaseEvent::ALL
            .into_iter()
            .filter_map(|e| record.event_at(e, now).map(|at| (e, local_date(at))))
            .collect(),
        first_session: record.first_session_at.map(local_date),
    }
}

pub fn state_code(s: ClockState) -> &'static str {
    match s {
        ClockState::NotStarted => "not_started",
        ClockState::Running => "running",
        ClockState::DueSoon => "due_soon",
        ClockState::Overdue => "overdue",
        ClockState::Kept => "kept",
        ClockState::KeptLate => "kept_late",
    }
}

pub fn clock_views(
    rules: &Rules,
    record: &ApplicationRecord,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<ClockView> {
    case_clocks(rules, &facts(record, now), local_date(now))
        .into_iter()
        .map(|c| ClockView {
            name_da: c.level.name_da.clone(),
            name_en: c.level.name_en.clone(),
            rule_id: c.level.rule_id.clone(),
            due: c.due,
            state: state_code(c.state).into(),
            state_da: c.state.label(Lang::Da).into(),
            state_en: c.state.label(Lang::En).into(),
            soft: c.level.soft,
            met: c.met,
        })
        .collect()
}

/// The law a case falls under: the decision's, once decided; before, from the citizen's age
/// on the day the application arrived (to be determined over folkepensionsalderen, GEN-10).
pub fn legal_basis(
    record: &ApplicationRecord,
    birth: Option<NaiveDate>,
    decided_law: Option<&str>,
    today: NaiveDate,
) -> crate::domain::legal_basis::LegalBasis {
    use crate::domain::legal_basis::{initial, LegalBasis};
    match decided_law {
        Some(law) => LegalBasis::of_law(law),
        None => initial(birth, record.submitted_at.map_or(today, local_date)),
    }
}

/// Caseworkers and administrators of a municipality handle its applications.
pub async fn caseworker(
    state: &AppState,
    action: crate::domain::audit::Action,
) -> Result<(Viewer, String), AppError> {
    request::staff_member(state, &[StaffRole::Visitator, StaffRole::Admin], action).await
}

/// The training forms a decision can grant (code, Danish, English), and the standard's hard
/// limit on a course's weeks.
pub fn decision_choices(
    m: &crate::domain::municipality::Municipality,
) -> (Vec<(String, String, String)>, Option<u32>) {
    use crate::domain::lang::Lang;
    let forms = m
        .rules
        .training_forms
        .iter()
        .map(|f| {
            (
                f.code().into(),
                f.label(Lang::Da).into(),
                f.label(Lang::En).into(),
            )
        })
        .collect();
    let max_weeks = m
        .rules
        .booking
        .max_weeks
        .as_ref()
        .filter(|w| w.hard)
        .map(|w| w.weeks);
    (forms, max_weeks)
}

/// An application of the caseworker's own municipality. An application of another
/// municipality (or one not yet sent) is refused as if it did not exist, and the attempt logged
/// in the citizen's log under `action`.
pub async fn case_of(
    state: &AppState,
    viewer: crate::domain::people::PersonId,
    action: crate::domain::audit::Action,
    reference: &str,
    municipality: &str,
) -> Result<ApplicationRecord, AppError> {
    match state.repo.application_by_reference(reference).await? {
        Some(a)
            if a.municipality == municipality
                && a.status != crate::domain::states::ApplicationStatus::Draft =>
        {
            Ok(a)
        }
        Some(a) => {
            let why = if a.municipality == municipality {
                "not sent yet"
            } else {
                "of another municipality"
            };
            request::audit_refused(
                state,
                Some(viewer),
                Some(a.citizen_id),
                action,
                &format!("application {reference} {why}"),
            )
            .await?;
            Err(AppError::NotFound)
        }
        None => Err(AppError::NotFound),
    }
}

/// The preferred place as the applicant chose it, in words.
pub fn place_label(m: &Municipality, code: &str, lang: Lang) -> String {
    match m.rules.locations.place(code) {
        Some(p) => p.label(lang).to_string(),
        None if code.is_empty() => lang
            .pick(
                "Kommunen foreslår et sted",
                "The municipality suggests a place",
            )
            .to_string(),
        None => code.to_string(),
    }
}
