//! Language choice and signing out.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
use leptos::prelude::*;

/// Remembers the chosen language in a cookie for a year. Works without JavaScript: the form posts
/// here and the browser is sent back to the page it came from.
#[server(endpoint = "set_language")]
pub async fn set_language(lang: String) -> Result<(), AppError> {
    use crate::domain::lang::Lang;
    use crate::ssr::{request, session};
    let state = request::state();
    let lang = Lang::from_code(&lang);
    let opts = expect_context::<leptos_axum::ResponseOptions>();
    let dev = state.settings.is_development();
    opts.append_header(
        http::header::SET_COOKIE,
        session::cookie(session::LANG_COOKIE, lang.code(), 365 * 24 * 3600, dev),
    );
    Ok(())
}

/// Ends this session, and the session at the provider signed in with, and returns to the front
/// page.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::ssr::request;
    let state = request::state();
    let ctx = request::context();
    let mut provider = None;
    if let (Some(hash), Some(viewer)) = (ctx.session_hash, ctx.viewer) {
        provider = state
            .repo
            .web_session(&hash)
            .await?
            .and_then(|s| s.signed_in_with);
        request::record(
            &state,
            Some(viewer.person_id),
            viewer.subject_citizen(),
            Action::SignOut,
            "",
        )
        .of(&state, state.repo.delete_web_session(&hash))
        .await?;
    }
    leave(&state, provider.as_deref()).await;
    Ok(())
}

/// "Bliv logget ind": marks the session active now. Returns the seconds left, or None when the
/// session has already ended.
#[server(endpoint = "keep_alive")]
pub async fn keep_alive() -> Result<Option<i64>, AppError> {
    use crate::ssr::{request, session};
    let state = request::state();
    let Some(hash) = request::context().session_hash else {
        return Ok(None);
    };
    Ok(session::keep_alive(&state, &hash).await?.map(|l| l.seconds))
}

/// Ends every session of the signed-in person, on every device, and returns to the front page;
/// with `stop_calendar` (a citizen who chooses it) their calendar address stops too.
#[server(endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere(stop_calendar: Option<String>) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let Ctx {
        state, viewer, now, ..
    } = Ctx::signed_in()?;
    let own_citizen = viewer.kind == crate::domain::people::ViewerKind::Citizen;
    if stop_calendar.is_some() && own_citizen {
        request::record(
            &state,
            Some(viewer.person_id),
            Some(viewer.person_id),
            Action::CalendarFeedStop,
            "",
        )
        .of_if(
            &state,
            state.repo.revoke_calendar_feeds(viewer.person_id, now),
            |stopped| *stopped,
        )
        .await?;
    }
    let provider = match request::context().session_hash {
        Some(hash) => state
            .repo
            .web_session(&hash)
            .await?
            .and_then(|s| s.signed_in_with),
        None => None,
    };
    request::record(
        &state,
        Some(viewer.person_id),
        viewer.subject_citizen(),
        Action::SignOutEverywhere,
        &format!("{} sessions ended", request::NEW_ROW),
    )
    .of(&state, state.repo.delete_web_sessions_of(viewer.person_id))
    .await?;
    leave(&state, provider.as_deref()).await;
    Ok(())
}

/// Removes the session cookie from this browser and sends it to the provider signed in with, to
/// end the session there too, which sends it on to the front page; or straight to the front page.
#[cfg(feature = "ssr")]
async fn leave(state: &crate::ssr::state::AppState, signed_in_with: Option<&str>) {
    let opts = expect_context::<leptos_axum::ResponseOptions>();
    opts.append_header(
        http::header::SET_COOKIE,
        crate::ssr::session::clear_session_cookie(state.settings.is_development()),
    );
    let to = crate::ssr::oidc::end_session_url(state, signed_in_with).await;
    leptos_axum::redirect(to.as_deref().unwrap_or("/"));
}
