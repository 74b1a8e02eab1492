//! The error summary at the top of a form (as on GOV.UK and borger.dk): what went wrong, in the
//! user's language, announced to screen readers. Works without JavaScript too: the server
//! function's error comes back to the page in the URL and fills the same action value.
use crate::context::current_lang;
use crate::errors::AppError;
use leptos::prelude::*;

/// `error`: the latest error of the form's action, e.g.
/// `Signal::derive(move || action.value().get().and_then(Result::err))`.
#[component]
pub fn ErrorSummary(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let lang = current_lang();
    move || {
        let error = error.get()?;
        let lines: Vec<String> = match &error {
            AppError::Invalid(text) => text.lines().map(str::to_string).collect(),
            other => vec![other.message(lang)],
        };
        Some(view! {
            <div class="error-summary" role="alert" tabindex="-1">
                <h2>{lang.pick("Der er et problem", "There is a problem")}</h2>
                <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            </div>
        })
    }
}
