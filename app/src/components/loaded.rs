//! How a page shows a failed load: the right HTTP status, a plain message, no internal detail.
#[cfg(feature = "ssr")]
use crate::context::set_status;
use crate::context::{current_lang, redirect};
use crate::errors::AppError;
use leptos::prelude::*;

pub fn error_view(error: AppError) -> AnyView {
    let lang = current_lang();
    if error == AppError::NotSignedIn {
        redirect("/log-ind");
    } else {
        #[cfg(feature = "ssr")]
        set_status(error.status().as_u16());
    }
    let heading = match error {
        AppError::NotSignedIn => lang.pick("Log ind", "Sign in"),
        AppError::Forbidden => lang.pick("Ingen adgang", "No access"),
        AppError::NotFound => lang.pick("Siden findes ikke", "Page not found"),
        _ => lang.pick("Der skete en fejl", "Something went wrong"),
    };
    view! {
        <h1>{heading}</h1>
        <p>{error.message(lang)}</p>
        <p><a href="/">{lang.pick("Gå til forsiden", "Go to the front page")}</a></p>
    }
    .into_any()
}
