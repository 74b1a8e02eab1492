//! Language choice and signing out.
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
    use crate::ssr::{request, session};
    let state = request::state();
    let ctx = request::context();
    if let (Some(hash), Some(viewer)) = (ctx.session_hash, ctx.viewer) {
        state.repo.delete_web_session(&hash).await?;
        request::audit(
            &state,
            Some(viewer.person_id),
            viewer.subject_citizen(),
            "sign_out",
            "",
        )
        .await?;
    }
    let opts = expect_context::<leptos_axum::ResponseOptions>();
    opts.append_header(
        http::header::SET_COOKIE,
        session::clear_session_cookie(state.settings.is_development()),
    );
    leptos_axum::redirect("/");
    Ok(())
}
