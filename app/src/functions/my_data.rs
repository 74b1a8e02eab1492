//! "Min log" and "Hent dine data": every access to and change of a citizen's data, and all the
//! data the portal holds about them, for the citizen themself.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
#[cfg(feature = "ssr")]
use crate::views::powers::PowerView;
#[cfg(feature = "ssr")]
use crate::views::sessions::{CourseView, SessionView};
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One line of "Min log", in both languages (the page shows the reader's).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogLine {
    pub at: DateTime<Utc>,
    /// Who did it: "Dig", a relative's name, or a staff member's name, municipality and role.
    pub who_da: String,
    pub who_en: String,
    pub action_da: String,
    pub action_en: String,
    pub detail: String,
    pub outcome_da: String,
    pub outcome_en: String,
    pub refused: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonData {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// How they chose to be told: "email", "sms" or "both".
    pub notify_by: String,
    pub birth_date: Option<NaiveDate>,
    pub municipality: Option<String>,
}

/// Everything the portal holds about the citizen (the download). The records of her case are
/// written as the portal keeps them (their fields and codes), so nothing is left out in a summary.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MyData {
    pub exported_at: DateTime<Utc>,
    pub person: PersonData,
    pub powers_given: Vec<PowerView>,
    pub powers_held: Vec<PowerView>,
    pub course: Option<CourseView>,
    pub booked_sessions: Vec<SessionView>,
    pub applications: Vec<serde_json::Value>,
    pub decisions: Vec<serde_json::Value>,
    pub consents: Vec<serde_json::Value>,
    pub complaints: Vec<serde_json::Value>,
    pub hearings: Vec<serde_json::Value>,
    /// How each session of the current course went (attended, cancelled, absent, ...).
    pub attendance: Vec<serde_json::Value>,
    /// The threads with the training unit, every message in them.
    pub messages: Vec<serde_json::Value>,
    pub log: Vec<LogLine>,
}

/// A choice in one of "Min log"'s filters: its value in the address and its words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogChoice {
    pub value: String,
    pub da: String,
    pub en: String,
}

/// One page of "Min log", newest first, and the filters it was chosen with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogPage {
    pub lines: Vec<LogLine>,
    /// 1-based; `pages` is at least 1.
    pub page: u32,
    pub pages: u32,
    /// How many entries the filters match.
    pub total: i64,
    pub who: String,
    pub action: String,
    pub who_choices: Vec<LogChoice>,
    pub action_choices: Vec<LogChoice>,
}

/// Entries on one page of "Min log".
pub const LOG_PAGE_SIZE: u32 = 50;

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::domain::audit::{action_label, outcome_label};
    use crate::domain::lang::Lang;
    use crate::ssr::db::AuditEntry;
    use crate::ssr::state::AppState;
    use std::collections::HashMap;

    /// How "Min log" names who did something: "Dig", a relative's name, or a staff member's
    /// name, municipality and role; the portal itself when no person did it.
    pub async fn who_labels(
        state: &AppState,
        citizen: i64,
        actors: Vec<i64>,
    ) -> Result<HashMap<i64, (String, String)>, AppError> {
        let mut who: HashMap<i64, (String, String)> = HashMap::new();
        for id in actors {
            if who.contains_key(&id) {
                continue;
            }
            let label = if id == citizen {
                ("Dig".to_string(), "You".to_string())
            } else {
                let name = state
                    .repo
                    .person(id)
                    .await?
                    .map(|p| p.name)
                    .unwrap_or_default();
                match state.repo.staff_memberships(id).await?.first() {
                    Some(m) => {
                        let staff = |lang: Lang| {
                            format!(
                                "{name} ({}, {})",
                                state.municipalities.name_of(&m.municipality),
                                m.role.label(lang).to_lowercase()
                            )
                        };
                        (staff(Lang::Da), staff(Lang::En))
                    }
                    None => (name.clone(), name),
                }
            };
            who.insert(id, label);
        }
        Ok(who)
    }

    pub const PORTAL: (&str, &str) = ("Portalen", "The portal");

    /// The entries as "Min log" shows them, in the order given.
    pub async fn lines(
        state: &AppState,
        citizen: i64,
        entries: Vec<AuditEntry>,
    ) -> Result<Vec<LogLine>, AppError> {
        let actors: Vec<i64> = entries.iter().filter_map(|e| e.actor_id).collect();
        let who = who_labels(state, citizen, actors).await?;
        Ok(entries
            .into_iter()
            .map(|e| {
                let (who_da, who_en) = e
                    .actor_id
                    .and_then(|id| who.get(&id).cloned())
                    .unwrap_or_else(|| (PORTAL.0.into(), PORTAL.1.into()));
                LogLine {
                    at: e.at,
                    who_da,
                    who_en,
                    action_da: action_label(&e.action, Lang::Da),
                    action_en: action_label(&e.action, Lang::En),
                    detail: e.detail,
                    outcome_da: outcome_label(e.outcome, Lang::Da).into(),
                    outcome_en: outcome_label(e.outcome, Lang::En).into(),
                    refused: e.outcome == crate::domain::states::AuditOutcome::Refused,
                }
            })
            .collect())
    }

    /// The whole log, newest first (the download).
    pub async fn log_lines(state: &AppState, citizen: i64) -> Result<Vec<LogLine>, AppError> {
        let mut entries = state.repo.audit_log_for(citizen).await?;
        entries.reverse();
        lines(state, citizen, entries).await
    }

    /// The value of the "who" filter for an actor: "dig", "portalen" or the person's number.
    pub fn who_value(citizen: i64, actor: Option<i64>) -> String {
        match actor {
            Some(id) if id == citizen => "dig".into(),
            Some(id) => id.to_string(),
            None => "portalen".into(),
        }
    }

    /// The actor a "who" value stands for; anything unknown (or "alle") is everyone.
    pub fn actor_of(citizen: i64, who: &str) -> Option<Option<i64>> {
        match who {
            "dig" => Some(Some(citizen)),
            "portalen" => Some(None),
            other => other.parse().ok().map(Some),
        }
    }

    pub async fn log_page(
        state: &AppState,
        citizen: i64,
        page: u32,
        who: String,
        action: String,
    ) -> Result<LogPage, AppError> {
        let actor = actor_of(citizen, &who);
        let known_action = crate::domain::audit::Action::from_code(&action).is_some();
        let size = i64::from(LOG_PAGE_SIZE);
        let page = page.clamp(1, 100_000);
        let found = state
            .repo
            .audit_log_page(
                citizen,
                &crate::ssr::db::AuditFilter {
                    actor,
                    actions: if known_action {
                        vec![action.clone()]
                    } else {
                        vec![]
                    },
                    limit: size,
                    offset: (i64::from(page) - 1) * size,
                },
            )
            .await?;
        let pages = u32::try_from(((found.total + size - 1) / size).max(1)).unwrap_or(u32::MAX);
        let actors: Vec<i64> = found.actors.iter().flatten().copied().collect();
        let labels = who_labels(state, citizen, actors).await?;
        let mut who_choices: Vec<LogChoice> = found
            .actors
            .iter()
            .map(|a| {
                let (da, en) = a
                    .and_then(|id| labels.get(&id).cloned())
                    .unwrap_or_else(|| (PORTAL.0.into(), PORTAL.1.into()));
                LogChoice {
                    value: who_value(citizen, *a),
                    da,
                    en,
                }
            })
            .collect();
        who_choices.sort_by(|a, b| (a.value != "dig", &a.da).cmp(&(b.value != "dig", &b.da)));
        let mut action_choices: Vec<LogChoice> = found
            .actions
            .iter()
            .map(|code| LogChoice {
                value: code.clone(),
                da: action_label(code, Lang::Da),
                en: action_label(code, Lang::En),
            })
            .collect();
        action_choices.sort_by(|a, b| a.da.cmp(&b.da));
        Ok(LogPage {
            lines: lines(state, citizen, found.entries).await?,
            page,
            pages,
            total: found.total,
            who: if actor.is_some() { who } else { String::new() },
            action: if known_action { action } else { String::new() },
            who_choices,
            action_choices,
        })
    }
}

/// "Min log": who has seen or changed what in the citizen's data, newest first, a page at a
/// time, by one person and of one kind of action when chosen.
#[server(endpoint = "my_log")]
pub async fn my_log(
    page: Option<u32>,
    who: Option<String>,
    action: Option<String>,
) -> Result<LogPage, AppError> {
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let Ctx { state, viewer, .. } = Ctx::citizen_themself(Action::ViewLog).await?;
    let found = server::log_page(
        &state,
        viewer.person_id,
        page.unwrap_or(1),
        who.unwrap_or_default(),
        action.unwrap_or_default(),
    )
    .await?;
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(viewer.person_id),
        Action::ViewLog,
        "",
    )
    .await?;
    Ok(found)
}

/// All the citizen's data and their log (the download at `/min-log/data.json`, a plain GET
/// route below, since a server function answers a browser's link with a redirect).
#[cfg(feature = "ssr")]
pub async fn my_data(
    state: &crate::ssr::state::AppState,
    viewer: Option<crate::domain::people::Viewer>,
) -> Result<MyData, AppError> {
    use crate::ssr::request;
    let viewer = request::citizen_themself(state, viewer, Action::ExportData).await?;
    let me = viewer.person_id;
    let person = state.repo.person(me).await?.ok_or(AppError::NotFound)?;
    request::audit(state, Some(me), Some(me), Action::ExportData, "").await?;
    let view = |p, given| crate::ssr::powers::view_of(state, p, given);
    let powers_given = state
        .repo
        .powers_given_by(me)
        .await?
        .into_iter()
        .map(|p| view(p, true))
        .collect();
    let powers_held = state
        .repo
        .powers_held_by(me)
        .await?
        .into_iter()
        .map(|p| view(p, false))
        .collect();
    let course = match state.repo.current_course(me).await? {
        Some(c) => Some(crate::ssr::courses::course_view(state, c).await?),
        None => None,
    };
    let booked_sessions = state
        .repo
        .booked_sessions_from(me, DateTime::<Utc>::UNIX_EPOCH)
        .await?
        .into_iter()
        .map(SessionView::from)
        .collect();
    let log = server::log_lines(state, me).await?;
    use serde_json::json;
    let applications = state
        .repo
        .applications_of(me)
        .await?
        .into_iter()
        .map(|a| {
            json!({
                "reference": a.reference, "municipality": a.municipality,
                "status": a.status.code(),
                "answers": serde_json::from_str::<serde_json::Value>(&a.answers).unwrap_or_default(),
                "created_at": a.created_at, "submitted_at": a.submitted_at,
                "first_contact_at": a.first_contact_at, "home_visit_at": a.home_visit_at,
                "assessed_at": a.assessed_at, "visitation_at": a.visitation_at,
                "waiting_time_told_at": a.waiting_time_told_at, "decided_at": a.decided_at,
            })
        })
        .collect();
    let decisions = state
        .repo
        .decisions_of(me)
        .await?
        .into_iter()
        .map(|d| {
            json!({
                "id": d.id, "municipality": d.municipality, "kind": d.kind.code(),
                "outcome": d.outcome.code(), "training_form": d.training_form,
                "place": d.place, "sessions_per_week": d.sessions_per_week, "weeks": d.weeks,
                "start_on": d.start_on, "reasons": d.reasons, "legal_basis": d.legal_basis,
                "complaint_guidance": d.complaint_guidance, "decided_at": d.decided_at,
                "delivery": d.delivery, "available_at": d.available_at,
                "delivered_on": d.delivered_on, "first_opened_at": d.first_opened_at,
                "transport_outcome": d.transport_outcome,
            })
        })
        .collect();
    let consents = state
        .repo
        .consents_of(me)
        .await?
        .into_iter()
        .map(|c| {
            json!({
                "id": c.id, "municipality": c.municipality, "purpose": c.purpose,
                "version": c.version, "text_da": c.text_da, "text_en": c.text_en,
                "relative_name": c.relative_name, "given_by": c.given_by_name,
                "given_at": c.given_at, "method": c.method, "withdrawn_at": c.withdrawn_at,
                "withdrawn_by": c.withdrawn_by_name,
            })
        })
        .collect();
    let complaints = state
        .repo
        .complaints_of(me)
        .await?
        .into_iter()
        .map(|c| {
            json!({
                "reference": c.reference, "municipality": c.municipality, "kind": c.kind.code(),
                "decision_id": c.decision_id, "topic": c.topic, "text": c.body,
                "submitted_at": c.submitted_at, "deadline_at": c.deadline_at,
                "possibly_late": c.possibly_late, "status": c.status.code(),
                "outcome": c.outcome, "outcome_at": c.outcome_at,
                "new_decision_id": c.new_decision_id, "forwarded_on": c.forwarded_on,
                "answer": c.answer, "answered_at": c.answered_at,
                "withdrawn_at": c.withdrawn_at,
            })
        })
        .collect();
    let hearings = state
        .repo
        .hearings_of(me)
        .await?
        .into_iter()
        .map(|h| {
            json!({
                "id": h.id, "municipality": h.municipality, "rule_id": h.rule_id,
                "facts": h.facts, "considered": h.considered, "answer_due_at": h.answer_due_at,
                "status": h.status.code(), "started_at": h.started_at, "answer": h.answer,
                "answered_at": h.answered_at, "answer_channel": h.answer_channel,
                "decided_at": h.decided_at, "decision_reasons": h.decision_reasons,
                "decision_id": h.decision_id,
            })
        })
        .collect();
    let attendance = match state.repo.current_course(me).await? {
        Some(c) => state
            .repo
            .course_history(c.id)
            .await?
            .into_iter()
            .map(|h| {
                json!({
                    "session_id": h.session_id, "starts_at": h.starts_at,
                    "outcome": h.outcome, "marked_by_therapist": h.marked,
                    "cancel_kind": h.cancel_kind, "absence_reason": h.absence_reason,
                })
            })
            .collect(),
        None => Vec::new(),
    };
    let mut messages = Vec::new();
    for t in state.repo.threads_of(me).await? {
        let written: Vec<serde_json::Value> = state
            .repo
            .thread_messages(t.id)
            .await?
            .into_iter()
            .map(|m| json!({ "from": m.author_name, "side": m.side, "text": m.body, "sent_at": m.sent_at }))
            .collect();
        messages.push(json!({
            "topic": t.topic, "municipality": t.municipality, "messages": written,
        }));
    }
    Ok(MyData {
        messages,
        applications,
        decisions,
        consents,
        complaints,
        hearings,
        attendance,
        exported_at: state.clock.now(),
        person: PersonData {
            name: person.name,
            email: person.email,
            phone: person.phone,
            notify_by: person.notify_by.code().into(),
            birth_date: person.birth_date,
            municipality: person
                .home_municipality
                .map(|m| state.municipalities.name_of(&m)),
        },
        powers_given,
        powers_held,
        course,
        booked_sessions,
        log,
    })
}

/// `GET` [`crate::paths::MY_DATA`]: the citizen's own data and log as a file to keep.
#[cfg(feature = "ssr")]
pub async fn download(
    axum::extract::State(state): axum::extract::State<crate::ssr::state::AppState>,
    axum::Extension(ctx): axum::Extension<crate::ssr::request::RequestContext>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    use http::{header, HeaderValue};
    match my_data(&state, ctx.viewer).await {
        Ok(data) => {
            let mut res = axum::Json(data).into_response();
            res.headers_mut().insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static(
                    "attachment; filename=\"traeningsportalen-mine-data.json\"",
                ),
            );
            res
        }
        Err(e) => (e.status(), e.message(ctx.lang)).into_response(),
    }
}
