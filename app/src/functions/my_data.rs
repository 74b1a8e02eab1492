//! "Min log" and "Hent dine data": every access to and change of a citizen's data, and all the
//! data the portal holds about them, for the citizen themself.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
use crate::views::powers::PowerView;
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
    pub birth_date: Option<NaiveDate>,
    pub municipality: Option<String>,
}

/// Everything the portal holds about the citizen (the download).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyData {
    pub exported_at: DateTime<Utc>,
    pub person: PersonData,
    pub powers_given: Vec<PowerView>,
    pub powers_held: Vec<PowerView>,
    pub course: Option<CourseView>,
    pub booked_sessions: Vec<SessionView>,
    pub log: Vec<LogLine>,
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::domain::audit::{action_label, outcome_label};
    use crate::domain::lang::Lang;
    use crate::ssr::state::AppState;
    use std::collections::HashMap;

    pub async fn log_lines(state: &AppState, citizen: i64) -> Result<Vec<LogLine>, AppError> {
        let entries = state.repo.audit_log_for(citizen).await?;
        let mut who: HashMap<i64, (String, String)> = HashMap::new();
        for id in entries.iter().filter_map(|e| e.actor_id) {
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
        Ok(entries
            .into_iter()
            .rev()
            .map(|e| {
                let (who_da, who_en) = e
                    .actor_id
                    .and_then(|id| who.get(&id).cloned())
                    .unwrap_or_else(|| ("Portalen".into(), "The portal".into()));
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
}

/// "Min log": who has seen or changed what in the citizen's data, newest first.
#[server(endpoint = "my_log")]
pub async fn my_log() -> Result<Vec<LogLine>, AppError> {
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let Ctx { state, viewer, .. } = Ctx::citizen_themself(Action::ViewLog).await?;
    let lines = server::log_lines(&state, viewer.person_id).await?;
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(viewer.person_id),
        Action::ViewLog,
        "",
    )
    .await?;
    Ok(lines)
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
    Ok(MyData {
        exported_at: state.clock.now(),
        person: PersonData {
            name: person.name,
            email: person.email,
            phone: person.phone,
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
