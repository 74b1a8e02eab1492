//! Calendar files: `GET /kalender/tid/{session}` downloads one booked session (signed in, for the
//! citizen or a relative who may see their case), and `GET /kalender/feed/{token}` is the
//! citizen's personal feed at a secret address that calendar programs fetch without signing in,
//! until the citizen revokes it. Each event says when to cancel by.
use super::request::{audit, audit_refused, RequestContext};
use super::state::AppState;
use crate::domain::audit::Action;
use crate::domain::ics::{calendar, IcsEvent};
use crate::domain::lang::Lang;
use crate::domain::people::{PersonId, Scope};
use crate::domain::rules_answers::cancellation_text;
use crate::errors::AppError;
use crate::ssr::db::TeamSession;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use http::{header, HeaderValue, StatusCode};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/kalender/tid/{session}", get(one_session))
        .route("/kalender/feed/{token}", get(feed))
}

/// The feed's address for a token.
pub fn feed_url(state: &AppState, token: &str) -> String {
    format!("{}/kalender/feed/{token}", state.settings.base_url)
}

fn events(state: &AppState, lang: Lang, sessions: &[TeamSession]) -> Vec<IcsEvent> {
    sessions
        .iter()
        .map(|s| {
            let rule = state
                .municipalities
                .get(&s.municipality)
                .map(|m| m.rules.cancellation.rule);
            let deadline = rule.and_then(|r| {
                crate::domain::deadlines::cancellation_deadline(r, s.starts_at).map(|d| d.shown)
            });
            let cancel = rule
                .map(|r| cancellation_text(lang, r, deadline))
                .unwrap_or_default();
            IcsEvent {
                uid: format!("session-{}@traeningsportalen", s.id),
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                summary: s.title.clone(),
                location: s.place.clone(),
                description: format!(
                    "{cancel} {} {}/traening",
                    lang.pick("Afmeld på", "Cancel at"),
                    state.settings.base_url
                ),
            }
        })
        .collect()
}

fn ics_response(body: String, filename: &str) -> Response {
    let mut res = body.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    // Personal: kept by no cache between, nor on the device.
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

fn refused(e: AppError, lang: Lang) -> Response {
    (e.status(), e.message(lang)).into_response()
}

async fn one_session(
    State(state): State<AppState>,
    Extension(ctx): Extension<RequestContext>,
    Path(session): Path<String>,
) -> Response {
    let lang = ctx.lang;
    let Some(viewer) = ctx.viewer else {
        return refused(AppError::NotSignedIn, lang);
    };
    let id: i64 = session.trim_end_matches(".ics").parse().unwrap_or_default();
    let Some(citizen) = viewer
        .subject_citizen()
        .filter(|c| viewer.may(*c, Scope::View))
    else {
        let detail = format!("session {id}: no View scope");
        return match audit_refused(
            &state,
            Some(viewer.person_id),
            viewer.subject_citizen(),
            Action::DownloadCalendar,
            &detail,
        )
        .await
        {
            Ok(()) => refused(AppError::Forbidden, lang),
            Err(e) => refused(e, lang),
        };
    };
    let now = state.clock.now();
    let booked = match state.repo.booked_sessions_from(citizen, now).await {
        Ok(b) => b,
        Err(e) => return refused(e.into(), lang),
    };
    let Some(s) = booked.into_iter().find(|s| s.id == id) else {
        let detail = format!("session {id}: not booked");
        return match audit_refused(
            &state,
            Some(viewer.person_id),
            Some(citizen),
            Action::DownloadCalendar,
            &detail,
        )
        .await
        {
            Ok(()) => refused(AppError::NotFound, lang),
            Err(e) => refused(e, lang),
        };
    };
    if let Err(e) = audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::DownloadCalendar,
        &format!("session {id}"),
    )
    .await
    {
        return refused(e, lang);
    }
    let body = calendar(
        lang.pick("Træning", "Training"),
        &events(&state, lang, std::slice::from_ref(&s)),
        now,
    );
    ics_response(body, &format!("traening-{id}.ics"))
}

/// Whether no calendar has fetched the citizen's feed yet this local day.
async fn first_read_today(
    state: &AppState,
    citizen: PersonId,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<bool, AppError> {
    use crate::domain::time_format::local_date;
    let last = state
        .repo
        .audit_log_page(
            citizen,
            &crate::ssr::db::AuditFilter {
                actor: Some(None),
                actions: vec![Action::CalendarFeedRead.code().to_string()],
                limit: 1,
                offset: 0,
            },
        )
        .await?;
    Ok(last
        .entries
        .first()
        .is_none_or(|e| local_date(e.at) != local_date(now)))
}

async fn feed(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let token = token.trim_end_matches(".ics");
    let hash = crate::ssr::session::hash_session_id(token);
    let owner: Option<PersonId> = match state.repo.calendar_feed_owner(&hash).await {
        Ok(o) => o,
        Err(e) => return refused(e.into(), Lang::Da),
    };
    let Some(citizen) = owner else {
        // Not about any citizen, and anyone can ask: noted for operators, not in anyone's log.
        tracing::info!("calendar feed: unknown or stopped address");
        return (
            StatusCode::NOT_FOUND,
            "Kalenderadressen findes ikke eller er stoppet.",
        )
            .into_response();
    };
    let now = state.clock.now();
    // Sessions from four weeks back, so the calendar keeps the recent past.
    let from = now - chrono::Duration::days(28);
    let sessions = match state.repo.booked_sessions_from(citizen, from).await {
        Ok(s) => s,
        Err(e) => return refused(e.into(), Lang::Da),
    };
    // Read by a calendar program, not a person: logged on her behalf with no one as the actor
    // (the entry carries the address it came from). Calendars fetch every few minutes, so the
    // first fetch of each local day is logged, and her log stays readable.
    match first_read_today(&state, citizen, now).await {
        Ok(true) => {
            let detail = format!("{} sessions", sessions.len());
            if let Err(e) = audit(
                &state,
                None,
                Some(citizen),
                Action::CalendarFeedRead,
                &detail,
            )
            .await
            {
                return refused(e, Lang::Da);
            }
        }
        Ok(false) => {}
        Err(e) => return refused(e, Lang::Da),
    }
    let body = calendar("Træning", &events(&state, Lang::Da, &sessions), now);
    ics_response(body, "traening.ics")
}
