//! The caseworker's side of an application: the municipality's inbox sorted by the next promise
//! due, one case with its clocks, and recording the steps that start or keep the promises.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::cases;
use crate::views::clocks::ClockView;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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
    pub consents: Vec<crate::views::consents::ConsentView>,
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
    /// Who is told when the decision is published in the portal, and how (`ssr::notify`).
    pub told: Vec<crate::views::notify::ToldView>,
}

/// The municipality's open applications, the most urgent first; overdue ones flagged.
#[server(endpoint = "casework/inbox")]
pub async fn staff_inbox() -> Result<InboxData, AppError> {
    use crate::domain::case_clocks::{case_clocks, next_due};
    use crate::domain::lang::Lang;
    use crate::domain::time_format::local_date;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;

    let (Ctx { state, viewer, .. }, slug) = Ctx::caseworker(Action::ViewInbox).await?;
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let today = local_date(now);
    let mut rows: Vec<InboxRow> = state
        .repo
        .open_applications(&slug)
        .await?
        .into_iter()
        .map(|(a, name, birth)| {
            let clocks = case_clocks(&m.rules, &cases::facts(&a, now), today);
            let next = next_due(&clocks);
            let basis = cases::legal_basis(&a, birth, None, today);
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
    request::audit(
        &state,
        Some(viewer.person_id),
        None,
        Action::ViewInbox,
        &slug,
    )
    .await?;
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
    use crate::ssr::request::Ctx;
    let (Ctx { state, viewer, .. }, slug) = Ctx::caseworker(Action::ViewCase).await?;
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let a = cases::case_of(
        &state,
        viewer.person_id,
        Action::ViewCase,
        &reference,
        &slug,
    )
    .await?;
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
        Action::ViewCase,
        &format!("application {reference}"),
    )
    .await?;
    let decision = state
        .repo
        .decisions_of(a.citizen_id)
        .await?
        .into_iter()
        .find(|d| {
            d.application_id == Some(a.id)
                && d.kind == crate::domain::states::DecisionKind::Application
        });
    let decision_id = decision.as_ref().map(|d| d.id);
    let basis = cases::legal_basis(
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
        .map(crate::ssr::consents::consent_view)
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
    let (forms, max_weeks) = cases::decision_choices(m);
    let told = crate::ssr::decisions::case_people(&state, &citizen, now)
        .await?
        .iter()
        .map(|p| crate::ssr::notify::told(&state, p, true))
        .collect();
    Ok(CaseData {
        told,
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
        preferred_place_da: crate::ssr::cases::place_label(m, &draft.place, Lang::Da),
        preferred_place_en: crate::ssr::cases::place_label(m, &draft.place, Lang::En),
        legal_basis_da: basis.label(Lang::Da).into(),
        legal_basis_en: basis.label(Lang::En).into(),
        legal_basis_default: match basis {
            crate::domain::legal_basis::LegalBasis::ToBeDetermined => String::new(),
            b => b.code().into(),
        },
        clocks: cases::clock_views(&m.rules, &a, now),
        waiting_time_task: {
            let facts = cases::facts(&a, now);
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
    use crate::ssr::request::Ctx;
    let (Ctx { state, viewer, .. }, slug) = Ctx::caseworker(Action::RecordStep).await?;
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let a = cases::case_of(
        &state,
        viewer.person_id,
        Action::RecordStep,
        &reference,
        &slug,
    )
    .await?;
    let event = CaseEvent::from_code(&step)
        .filter(|e| recordable_events(&m.rules).contains(e))
        .ok_or_else(|| {
            AppError::invalid(request::lang().pick(
                "Det trin findes ikke i kommunens forløb.",
                "That step is not part of the municipality's process.",
            ))
        })?;
    request::record(
        &state,
        Some(viewer.person_id),
        Some(a.citizen_id),
        Action::RecordStep,
        &format!("application {reference}: {}", event.code()),
    )
    .of_if(
        &state,
        state.repo.record_case_event(a.id, event, state.clock.now()),
        |recorded| *recorded,
    )
    .await?;
    leptos_axum::redirect(&crate::paths::staff_case(&reference));
    Ok(())
}
