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

/// Ends this session and returns to the front page.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::ssr::request;
    let state = request::state();
    let ctx = request::context();
    if let (Some(hash), Some(viewer)) = (ctx.session_hash, ctx.viewer) {
        state.repo.delete_web_session(&hash).await?;
        request::audit(
            &state,
            Some(viewer.person_id),
            viewer.subject_citizen(),
            Action::SignOut,
            "",
        )
        .await?;
    }
    leave_for_front_page(&state);
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

/// Ends every session of the signed-in person, on every device, and returns to the front page.
#[server(endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let Ctx { state, viewer, .. } = Ctx::signed_in()?;
    let ended = state.repo.delete_web_sessions_of(viewer.person_id).await?;
    request::audit(
        &state,
        Some(viewer.person_id),
        viewer.subject_citizen(),
        Action::SignOutEverywhere,
        &format!("{ended} sessions ended"),
    )
    .await?;
    leave_for_front_page(&state);
    Ok(())
}

/// Removes the session cookie from this browser and sends it to the front page.
#[cfg(feature = "ssr")]
fn leave_for_front_page(state: &crate::ssr::state::AppState) {
    let opts = expect_context::<leptos_axum::ResponseOptions>();
    opts.append_header(
        http::header::SET_COOKIE,
        crate::ssr::session::clear_session_cookie(state.settings.is_development()),
    );
    leptos_axum::redirect("/");
}
