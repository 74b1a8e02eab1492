//! What pages and server functions know about the current request: who is signed in, the
//! language, the app state. The session middleware (`ssr::session`) puts the first two in the
//! request's extensions before any page or server function runs.
use super::db::AuditEntry;
pub use super::db::NEW_ROW;
use super::state::AppState;
use crate::domain::audit::Action;
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
    /// How long the session lasts without activity, when there is one.
    pub session_left: Option<SessionLeft>,
    /// The client's address (see `rate_limit::client_address`), for the audit log.
    pub client_addr: Option<String>,
    /// The live session's id from its cookie, for what only this session may read or have made
    /// (`ssr::session_bound`); never stored, never printed.
    pub session_secret: Option<SessionSecret>,
    /// What this session typed in a form whose post just failed, to give back
    /// (`ssr::typed_back`); empty otherwise.
    pub typed: super::typed_back::TypedFields,
}

/// The session cookie's value, kept in memory for the request only.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct SessionSecret(pub String);

impl std::fmt::Debug for SessionSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionSecret(…)")
    }
}

tokio::task_local! {
    /// The request's context for the whole of its handling, also where Leptos's context is not
    /// (plain axum routes such as downloads and the calendar feed): the session middleware sets
    /// it, and every audit entry reads its session and client address from it.
    pub static REQUEST: RequestContext;
}

/// The current request's context: the session middleware's, or Leptos's (on a resource the
/// renderer runs on its own task), or an empty one outside a request (jobs, tests).
fn current_request() -> RequestContext {
    REQUEST.try_with(Clone::clone).unwrap_or_else(|_| context())
}

/// Seconds until the session ends if nothing more happens, and whether activity can extend it
/// (not when the absolute timeout comes first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionLeft {
    pub seconds: i64,
    pub extendable: bool,
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

/// The signed-in citizen acting for themself (giving a power, consenting, their own log); anyone
/// else is refused, and the attempt logged as refused.
pub async fn citizen_themself(
    state: &AppState,
    viewer: Option<Viewer>,
    action: Action,
) -> Result<Viewer, AppError> {
    let viewer = viewer.ok_or(AppError::NotSignedIn)?;
    if viewer.kind != crate::domain::people::ViewerKind::Citizen {
        audit_refused(
            state,
            Some(viewer.person_id),
            viewer.subject_citizen(),
            action,
            "only the citizen themself",
        )
        .await?;
        return Err(AppError::Forbidden);
    }
    Ok(viewer)
}

/// The citizen whose case the viewer works on, when the viewer may do `scope` there: the citizen
/// themself, or a relative whose power carries the scope. Anyone else is refused and logged.
pub async fn citizen_with_scope(
    state: &AppState,
    scope: crate::domain::people::Scope,
    action: Action,
) -> Result<(Viewer, i64), AppError> {
    let viewer = require_viewer()?;
    match viewer.subject_citizen() {
        Some(c) if viewer.may(c, scope) => Ok((viewer, c)),
        citizen => {
            audit_refused(
                state,
                Some(viewer.person_id),
                citizen,
                action,
                &format!("no {scope:?} scope for this citizen"),
            )
            .await?;
            Err(AppError::Forbidden)
        }
    }
}

/// A staff member of their municipality in one of `roles`, and the municipality; anyone else is
/// refused and logged.
pub async fn staff_member(
    state: &AppState,
    roles: &[crate::domain::people::StaffRole],
    action: Action,
) -> Result<(Viewer, String), AppError> {
    let viewer = require_viewer()?;
    let municipality = viewer.municipality.clone().unwrap_or_default();
    if !viewer.is_staff_of(&municipality, roles) {
        audit_refused(
            state,
            Some(viewer.person_id),
            None,
            action,
            &format!("not {roles:?} of the municipality"),
        )
        .await?;
        return Err(AppError::Forbidden);
    }
    Ok((viewer, municipality))
}

/// The fields typed in a form whose post just failed, kept for this session
/// (`ssr::typed_back`); none otherwise.
pub fn typed_fields() -> Vec<(String, String)> {
    context().typed.0.as_ref().clone()
}

/// Whether this request is a person reading the page on purpose: not a link prefetch or a
/// browser prerender (`Sec-Purpose`/`Purpose: prefetch`, `prerender`), and not a navigation
/// started by another site (`Sec-Fetch-Site: cross-site`, e.g. a mail scanner following a link).
/// Only such a read is recorded as a first reading; none of them starts or moves a clock.
pub fn deliberate_read() -> bool {
    let Some(parts) = use_context::<Parts>() else {
        return false;
    };
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default()
    };
    let speculative = ["sec-purpose", "purpose", "x-purpose", "x-moz"]
        .iter()
        .any(|h| {
            let v = header(h);
            v.contains("prefetch") || v.contains("prerender") || v.contains("preview")
        });
    !speculative && header("sec-fetch-site") != "cross-site"
}

/// Records who did what, on whose behalf. Failure to write the log fails the action.
pub async fn audit(
    state: &AppState,
    actor: Option<i64>,
    on_behalf_of: Option<i64>,
    action: Action,
    detail: &str,
) -> Result<(), AppError> {
    write_audit(
        state,
        actor,
        on_behalf_of,
        action,
        detail,
        crate::domain::states::AuditOutcome::Ok,
    )
    .await
}

/// Records an attempt that was refused, so the citizen sees it in "Min log" too.
pub async fn audit_refused(
    state: &AppState,
    actor: Option<i64>,
    on_behalf_of: Option<i64>,
    action: Action,
    detail: &str,
) -> Result<(), AppError> {
    write_audit(
        state,
        actor,
        on_behalf_of,
        action,
        detail,
        crate::domain::states::AuditOutcome::Refused,
    )
    .await
}

/// Records one action that concerns several citizens (a session's participants): an entry in
/// each one's log, or one with no citizen when there are none.
pub async fn audit_each(
    state: &AppState,
    actor: Option<i64>,
    citizens: &[i64],
    action: Action,
    detail: &str,
) -> Result<(), AppError> {
    write_each(
        state,
        actor,
        citizens,
        action,
        detail,
        crate::domain::states::AuditOutcome::Ok,
    )
    .await
}

/// As [`audit_each`], for an attempt that was refused.
pub async fn audit_refused_each(
    state: &AppState,
    actor: Option<i64>,
    citizens: &[i64],
    action: Action,
    detail: &str,
) -> Result<(), AppError> {
    write_each(
        state,
        actor,
        citizens,
        action,
        detail,
        crate::domain::states::AuditOutcome::Refused,
    )
    .await
}

async fn write_each(
    state: &AppState,
    actor: Option<i64>,
    citizens: &[i64],
    action: Action,
    detail: &str,
    outcome: crate::domain::states::AuditOutcome,
) -> Result<(), AppError> {
    for e in entries(state, actor, citizens, action, detail, outcome) {
        state.repo.audit(&e).await?;
    }
    Ok(())
}

async fn write_audit(
    state: &AppState,
    actor: Option<i64>,
    on_behalf_of: Option<i64>,
    action: Action,
    detail: &str,
    outcome: crate::domain::states::AuditOutcome,
) -> Result<(), AppError> {
    let e = entry(state, actor, on_behalf_of, action, detail, outcome);
    state.repo.audit(&e).await?;
    Ok(())
}

/// An entry of the log, with the current request's session and client address.
fn entry(
    state: &AppState,
    actor: Option<i64>,
    on_behalf_of: Option<i64>,
    action: Action,
    detail: &str,
    outcome: crate::domain::states::AuditOutcome,
) -> AuditEntry {
    let request = current_request();
    AuditEntry {
        at: state.clock.now(),
        actor_id: actor,
        on_behalf_of,
        action: action.code().to_string(),
        detail: detail.to_string(),
        outcome,
        session_hash: request.session_hash,
        client_addr: request.client_addr,
    }
}

/// An entry in each citizen's log, or one with no citizen when there are none.
fn entries(
    state: &AppState,
    actor: Option<i64>,
    citizens: &[i64],
    action: Action,
    detail: &str,
    outcome: crate::domain::states::AuditOutcome,
) -> Vec<AuditEntry> {
    if citizens.is_empty() {
        return vec![entry(state, actor, None, action, detail, outcome)];
    }
    citizens
        .iter()
        .map(|c| entry(state, actor, Some(*c), action, detail, outcome))
        .collect()
}

/// The log's record of a change, written in the change's own transaction by [`Record::of`]:
/// the change and its record stand or fall together. (Reads and refusals change nothing, and
/// are written at once by [`audit`] and [`audit_refused`].)
#[must_use = "a record is written only by making its change with `of`"]
pub struct Record {
    entries: Vec<AuditEntry>,
}

/// The record of `action`, done by `actor` for `on_behalf_of`.
pub fn record(
    state: &AppState,
    actor: Option<i64>,
    on_behalf_of: Option<i64>,
    action: Action,
    detail: &str,
) -> Record {
    let ok = crate::domain::states::AuditOutcome::Ok;
    Record {
        entries: vec![entry(state, actor, on_behalf_of, action, detail, ok)],
    }
}

/// The record of one action that concerns several citizens (a session's participants): an
/// entry in each one's log, or one with no citizen when there are none.
pub fn record_each(
    state: &AppState,
    actor: Option<i64>,
    citizens: &[i64],
    action: Action,
    detail: &str,
) -> Record {
    let ok = crate::domain::states::AuditOutcome::Ok;
    Record {
        entries: entries(state, actor, citizens, action, detail, ok),
    }
}

impl Record {
    /// Makes `change` (repository writes) and writes this record in the transaction that
    /// commits it. A change that succeeds without committing anything (it found itself already
    /// made) is still recorded, on its own, so nothing done goes unlogged.
    pub async fn of<T, E>(
        self,
        state: &AppState,
        change: impl std::future::Future<Output = Result<T, E>>,
    ) -> Result<T, AppError>
    where
        AppError: From<E>,
    {
        self.of_if(state, change, |_| true).await
    }

    /// As [`Record::of`], for a change that tells whether it was made: when it committed
    /// nothing, the record is written only if `made` says it was.
    pub async fn of_if<T, E>(
        self,
        state: &AppState,
        change: impl std::future::Future<Output = Result<T, E>>,
        made: impl FnOnce(&T) -> bool,
    ) -> Result<T, AppError>
    where
        AppError: From<E>,
    {
        let (result, left) = super::db::recording(self.entries, change).await;
        let value = result?;
        if made(&value) {
            for e in left {
                state.repo.audit(&e).await?;
            }
        }
        Ok(value)
    }
}

/// What a server function works with, from one call that also checks who may act: the app
/// state, the signed-in viewer, the reader's language and the clock's now.
pub struct Ctx {
    pub state: AppState,
    pub viewer: Viewer,
    pub lang: Lang,
    pub now: chrono::DateTime<chrono::Utc>,
}

impl Ctx {
    fn with(state: AppState, viewer: Viewer) -> Ctx {
        let now = state.clock.now();
        Ctx {
            state,
            viewer,
            lang: lang(),
            now,
        }
    }

    /// Anyone signed in.
    pub fn signed_in() -> Result<Ctx, AppError> {
        Ok(Ctx::with(state(), require_viewer()?))
    }

    /// The citizen whose case the viewer works on, when the viewer may do `scope` there (the
    /// citizen themself, or a relative whose power carries it); anyone else refused and logged.
    pub async fn citizen(
        scope: crate::domain::people::Scope,
        action: Action,
    ) -> Result<(Ctx, crate::domain::people::PersonId), AppError> {
        let state = state();
        let (viewer, citizen) = citizen_with_scope(&state, scope, action).await?;
        Ok((Ctx::with(state, viewer), citizen))
    }

    /// The signed-in citizen acting for themself; anyone else refused and logged.
    pub async fn citizen_themself(action: Action) -> Result<Ctx, AppError> {
        let state = state();
        let viewer = citizen_themself(&state, viewer(), action).await?;
        Ok(Ctx::with(state, viewer))
    }

    /// A staff member of their municipality in one of `roles`, and the municipality; anyone
    /// else refused and logged.
    pub async fn staff(
        roles: &[crate::domain::people::StaffRole],
        action: Action,
    ) -> Result<(Ctx, String), AppError> {
        let state = state();
        let (viewer, municipality) = staff_member(&state, roles, action).await?;
        Ok((Ctx::with(state, viewer), municipality))
    }

    /// A caseworker (visitator) or administrator of their municipality, and the municipality.
    pub async fn caseworker(action: Action) -> Result<(Ctx, String), AppError> {
        use crate::domain::people::StaffRole;
        Ctx::staff(&[StaffRole::Visitator, StaffRole::Admin], action).await
    }
}
