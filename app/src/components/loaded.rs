//! How a page loads what it shows: [`Loaded`] runs the page's server function (on the server,
//! for the first response) and shows the result, or [`error_view`]: the right HTTP status, a
//! plain message, no internal detail.
#[cfg(feature = "ssr")]
use crate::context::set_status;
use crate::context::{current_lang, redirect};
use crate::errors::AppError;
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};
use std::future::Future;

/// Loads the page's data once with `load` and shows it with `show`; a failure shows the error
/// page (or the sign-in redirect). Every page that loads data uses this one loader.
#[component]
pub fn Loaded<T, Fut, L, S, V>(load: L, show: S) -> impl IntoView
where
    T: Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
    L: Fn() -> Fut + Send + Sync + 'static,
    S: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let data = Resource::new(|| (), move |_| load());
    let body = move || {
        let show = show.clone();
        Suspend::new(async move {
            match data.await {
                Ok(d) => show(d).into_any(),
                Err(e) => error_view(e),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{body}</Suspense> }
}

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

/// The sign-in redirect or the "no access" page, unless the signed-in viewer passes `allowed`.
/// For pages that show a form before loading anything: the server functions behind them check
/// again, this only spares the visitor a form they cannot send.
pub fn refuse_unless(
    allowed: impl FnOnce(&crate::domain::people::Viewer) -> bool,
) -> Option<AnyView> {
    match crate::context::current_viewer() {
        None => Some(error_view(AppError::NotSignedIn)),
        Some(v) if !allowed(&v) => Some(error_view(AppError::Forbidden)),
        Some(_) => None,
    }
}

/// A numeric route parameter (`/afgoerelse/:id`); 0, which matches nothing, when it is not a number.
pub fn id_param(name: &str) -> i64 {
    leptos_router::hooks::use_params_map()
        .get_untracked()
        .get(name)
        .and_then(|s| s.parse().ok())
        .unwrap_or_default()
}
