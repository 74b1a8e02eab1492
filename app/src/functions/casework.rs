//! The caseworker's side of an application: the municipality's inbox sorted by the next promise
//! due, one case with its clocks, and recording the steps that start or keep the promises.
use crate::errors::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One of the municipality's promises for a case, as both sides see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClockView {
    pub name_da: String,
    pub name_en: String,
    pub rule_id: String,
    pub due: Option<NaiveDate>,
    /// "not_started", "running", "due_soon", "overdue", "kept", "kept_late"
    pub state: String,
    pub state_da: String,
    pub state_en: String,
    pub soft: bool,
    /// The day the promise was kept, once it has been.
    pub met: Option<NaiveDate>,
}

/// A promise that cannot be kept and what the caseworker must do (VEJ-06: tell the citizen the
/// waiting time).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaitingTimeTask {
    pub rule_id: String,
    pub due: Option<NaiveDate>,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InboxRow {
    pub reference: String,
    /// The law the case falls under, or "to be determined" (GEN-10), in Danish and English.
    pub legal_basis_da: String,
    pub legal_basis_en: String,
    pub citizen_name: String,
    pub received: Option<NaiveDate>,
    pub next_due: Option<NaiveDate>,
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InboxData {
    pub municipality_name: String,
    pub rows: Vec<InboxRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepView {
    pub code: String,
    pub label_da: String,
    pub label_en: String,
    pub at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseData {
    pub reference: String,
    pub citizen_name: String,
    pub received: Option<chrono::DateTime<chrono::Utc>>,
    pub needs: String,
    pub goals: String,
    pub transport_help: bool,
    /// The applicant's preferred training form and place, in words.
    pub preferred_form_da: String,
    pub preferred_form_en: String,
    pub preferred_place_da: String,
    pub preferred_place_en: String,
    pub clocks: Vec<ClockView>,
    pub steps: Vec<StepView>,
    /// The training forms the municipality offers (code, Danish, English), for the decision.
    pub forms: Vec<(String, String, String)>,
    /// The decision, once made.
    pub decision_id: Option<i64>,
    /// The municipality's hard limits, shown beside the plan fields.
    pub max_weeks: Option<u32>,
    /// The citizen's consents, withdrawn ones too.
    pub consents: Vec<super::consents::ConsentView>,
    /// What this caseworker typed in the decision form last time, if it had a problem.
    pub decision_draft: crate::domain::decision::DecisionInput,
    /// Training cannot start by the promised day and the citizen has not been told the waiting
    /// time yet.
    pub waiting_time_task: Option<WaitingTimeTask>,
    /// The law the case is decided under, or "to be determined" (GEN-10), in Danish and English.
    pub legal_basis_da: String,
    pub legal_basis_en: String,
    /// The basis the decision form starts from ("sel_86_2", or "" when to be determined).
    pub legal_basis_default: String,
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::*;
    use crate::domain::case_clocks::{case_clocks, CaseEvent, CaseFacts, ClockState};
    use crate::domain::lang::Lang;
    use crate::domain::municipality::Rules;
    use crate::domain::people::{StaffRole, Viewer};
    use crate::domain::time_format::local_date;
    use crate::ssr::db::ApplicationRecord;
    use crate::ssr::request;
    use crate::ssr::state::AppState;

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
    pub async fn caseworker(state: &AppState, action: &str) -> Result<(Viewer, String), AppError> {
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

    /// An application of the caseworker's own municipality.
    pub async fn case_of(
        state: &AppState,
        reference: &str,
        municipality: &str,
    ) -> Result<ApplicationRecord, AppError> {
        match state.repo.application_by_reference(reference).await? {
            Some(a) if a.municipality == municipality && a.status != "draft" => Ok(a),
            _ => Err(AppError::NotFound),
        }
    }
}

/// The municipality's open applications, the most urgent first; overdue ones flagged.
#[server(endpoint = "casework/inbox")]
pub async fn staff_inbox() -> Result<InboxData, AppError> {
    use crate::domain::case_clocks::{case_clocks, next_due};
    use crate::domain::lang::Lang;
    use crate::domain::time_format::local_date;
    use crate::ssr::request;
    let state = request::state();
    let (_, slug) = server::caseworker(&state, "view_inbox").await?;
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let today = local_date(now);
    let mut rows: Vec<InboxRow> = state
        .repo
        .open_applications(&slug)
        .await?
        .into_iter()
        .map(|(a, name, birth)| {
            let clocks = case_clocks(&m.rules, &server::facts(&a, now), today);
            let next = next_due(&clocks);
            let basis = server::legal_basis(&a, birth, None, today);
            InboxRow {
                legal_basis_da: basis.label(Lang::Da).into(),
                legal_basis_en: basis.label(Lang::En).into(),
                reference: a.reference,
                citizen_name: name,
                received: a.submitted_at.map(local_date),
                next_due: next,
                overdue: next.is_some_and(|d| d < today),
            }
        })
        .collect();
    // The next due first; cases with no open promise last, oldest first.
    rows.sort_by_key(|r| (r.next_due.is_none(), r.next_due, r.received));
    Ok(InboxData {
        municipality_name: m.name.clone(),
        rows,
    })
}

/// One case for the caseworker: what the citizen wrote, the clocks, and the steps to record.
#[server(endpoint = "casework/case")]
pub async fn staff_case(reference: String) -> Result<CaseData, AppError> {
    use crate::domain::application::ApplicationDraft;
    use crate::domain::case_clocks::recordable_events;
    use crate::domain::lang::Lang;
    use crate::domain::time_format::local_date;
    use crate::ssr::request;
    let state = request::state();
    let (viewer, slug) = server::caseworker(&state, "view_case").await?;
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let a = server::case_of(&state, &reference, &slug).await?;
    let now = state.clock.now();
    let citizen = state
        .repo
        .person(a.citizen_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let draft: ApplicationDraft = serde_json::from_str(&a.answers).unwrap_or_default();
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(a.citizen_id),
        "view_case",
        &format!("application {reference}"),
    )
    .await?;
    let decision = state
        .repo
        .decisions_of(a.citizen_id)
        .await?
        .into_iter()
        .find(|d| d.application_id == Some(a.id) && d.kind == "application");
    let decision_id = decision.as_ref().map(|d| d.id);
    let basis = server::legal_basis(
        &a,
        citizen.birth_date,
        decision.as_ref().map(|d| d.legal_basis.as_str()),
        local_date(now),
    );
    let consents = state
        .repo
        .consents_of(a.citizen_id)
        .await?
        .into_iter()
        .map(super::consents::server::consent_view)
        .collect();
    let preferred_form = |lang: Lang| {
        draft
            .training_form
            .as_deref()
            .and_then(crate::domain::municipality::TrainingForm::from_code)
            .map_or(
                lang.pick(
                    "Ingen – kommunen vælger sammen med borgeren",
                    "None – the municipality decides with the citizen",
                ),
                |f| f.label(lang),
            )
            .to_string()
    };
    let decision_draft = state
        .repo
        .decision_draft(a.id, viewer.person_id)
        .await?
        .and_then(|f| serde_json::from_str(&f).ok())
        .unwrap_or_default();
    let (forms, max_weeks) = server::decision_choices(m);
    Ok(CaseData {
        decision_draft,
        consents,
        forms,
        decision_id,
        max_weeks,
        reference: a.reference.clone(),
        citizen_name: citizen.name,
        received: a.submitted_at,
        needs: draft.needs,
        goals: draft.goals,
        transport_help: draft.transport.as_deref() == Some("help"),
        preferred_form_da: preferred_form(Lang::Da),
        preferred_form_en: preferred_form(Lang::En),
        preferred_place_da: super::apply::server::place_label(m, &draft.place, Lang::Da),
        preferred_place_en: super::apply::server::place_label(m, &draft.place, Lang::En),
        legal_basis_da: basis.label(Lang::Da).into(),
        legal_basis_en: basis.label(Lang::En).into(),
        legal_basis_default: match basis {
            crate::domain::legal_basis::LegalBasis::ToBeDetermined => String::new(),
            b => b.code().into(),
        },
        clocks: server::clock_views(&m.rules, &a, now),
        waiting_time_task: {
            let facts = server::facts(&a, now);
            let clocks = crate::domain::case_clocks::case_clocks(&m.rules, &facts, local_date(now));
            crate::domain::case_clocks::waiting_time_task(&clocks, &facts).map(|l| {
                WaitingTimeTask {
                    rule_id: l.rule_id.clone(),
                    due: clocks
                        .iter()
                        .find(|c| c.level.id == l.id)
                        .and_then(|c| c.due),
                    source: l.source.clone(),
                }
            })
        },
        steps: recordable_events(&m.rules)
            .into_iter()
            .map(|e| StepView {
                code: e.code().into(),
                label_da: e.label(Lang::Da).into(),
                label_en: e.label(Lang::En).into(),
                at: a.event_at(e, now),
            })
            .collect(),
    })
}

/// Records that a step of the case happened now (first contact, home visit, …), which starts or
/// keeps the municipality's promises.
#[server(endpoint = "casework/record")]
pub async fn record_step(reference: String, step: String) -> Result<(), AppError> {
    use crate::domain::case_clocks::{recordable_events, CaseEvent};
    use crate::ssr::request;
    let state = request::state();
    let (viewer, slug) = server::caseworker(&state, "record_step").await?;
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let a = server::case_of(&state, &reference, &slug).await?;
    let event = CaseEvent::from_code(&step)
        .filter(|e| recordable_events(&m.rules).contains(e))
        .ok_or_else(|| {
            AppError::invalid(request::lang().pick(
                "Det trin findes ikke i kommunens forløb.",
                "That step is not part of the municipality's process.",
            ))
        })?;
    if state
        .repo
        .record_case_event(a.id, event, state.clock.now())
        .await?
    {
        request::audit(
            &state,
            Some(viewer.person_id),
            Some(a.citizen_id),
            "record_step",
            &format!("application {reference}: {}", event.code()),
        )
        .await?;
    }
    leptos_axum::redirect(&format!("/personale/ansoegninger/{reference}"));
    Ok(())
}
