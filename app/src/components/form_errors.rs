//! The error summary at the top of a form (as on GOV.UK and borger.dk): what went wrong, in the
//! user's language, announced to screen readers. Works without JavaScript too: the server
//! function's error comes back to the page in the URL and fills the same action value.
use crate::context::current_lang;
use crate::errors::{AppError, Problem};
use leptos::prelude::*;

/// `error`: the latest error of the form's action, e.g.
/// `Signal::derive(move || action.value().get().and_then(Result::err))`.
#[component]
pub fn ErrorSummary(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let lang = current_lang();
    move || {
        let error = error.get()?;
        let problems: Vec<Problem> = match &error {
            AppError::Invalid(problems) => problems.clone(),
            other => vec![Problem::general(other.message(lang))],
        };
        let items = problems
            .into_iter()
            .map(|p| match p.field {
                Some(field) => {
                    view! { <li><a href=format!("#{field}")>{p.text}</a></li> }.into_any()
                }
                None => view! { <li>{p.text}</li> }.into_any(),
            })
            .collect_view();
        Some(view! {
            <div class="error-summary" role="alert" tabindex="-1">
                <h2>{lang.pick("Der er et problem", "There is a problem")}</h2>
                <ul>{items}</ul>
            </div>
        })
    }
}

/// The message for one field, shown at the field (above its input, as on GOV.UK) when the
/// form's latest error names it. Put it inside the field's label or legend area.
#[component]
pub fn FieldError(
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(into)] field: String,
) -> impl IntoView {
    let lang = current_lang();
    move || {
        let text = error.get()?.problem_at(&field)?;
        Some(view! {
            <p class="field-error" id=format!("{field}-fejl")>
                <span class="visually-hidden">{lang.pick("Fejl: ", "Error: ")}</span>{text}
            </p>
        })
    }
}
