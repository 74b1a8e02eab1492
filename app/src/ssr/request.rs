//! What pages and server functions know about the current request: who is signed in, the
//! language, the app state. The session middleware (`ssr::session`) puts the first two in the
//! request's extensions before any page or server function runs.
use super::state::AppState;
use crate::domain::lang::Lang;
use crate::domain::people::Viewer;
use crate::errors::AppError;
use http::request::Parts;
use leptos::prelude::{expect_context, use_context};

/// Set by the session middleware for every request.
#[derive(Clone, Debug, Default)]
pub struct RequestContext {
    pub viewer: Option<Viewer>,
    pub lang: Lang,
    /// SHA-256 of the session cookie's id, when there is a live session.
    pub session_hash: Option<String>,
}

pub fn context() -> RequestContext {
    use_context::<Parts>()
        .and_then(|p| p.extensions.get::<RequestContext>().cloned())
        .unwrap_or_default()
}

pub fn state() -> AppState {
    expect_context::<AppState>()
}

pub fn lang() -> Lang {
    context().lang
}

pub fn viewer() -> Option<Viewer> {
    context().viewer
}

pub fn require_viewer() -> Result<Viewer, AppError> {
    viewer().ok_or(AppError::NotSignedIn)
}

/// Records who did what, on whose behalf. Failure to write the log fails the action.
pub async fn audit(
    state: &AppState,
    actor: Option<i64>,
    on_behalf_of: Option<i64>,
    action: &str,
    detail: &str,
) -> Result<(), AppError> {
    let entry = super::db::AuditEntry {
        at: state.clock.now(),
        actor_id: actor,
        on_behalf_of,
        action: action.to_string(),
        detail: detail.to_string(),
    };
    state.repo.audit(&entry).await?;
    Ok(())
}
