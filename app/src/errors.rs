//! The one error type of server functions and pages. Its text is safe to show and to put in a URL:
//! no personal data, no internal detail (those are logged on the server).
use crate::domain::lang::Lang;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not signed in")]
    NotSignedIn,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// Input the user can correct: messages in the user's language, each with the id of the
    /// form field it is about when there is one.
    #[error("invalid input")]
    Invalid(Vec<Problem>),
    #[error("internal error")]
    Internal,
    #[error("request error")]
    Request(String),
}

/// A typed text to check: field id, text, most characters, whether it has lines, and what it is
/// called in Danish and English.
pub type TypedText<'a> = (&'a str, &'a str, usize, bool, (&'a str, &'a str));

/// One thing to correct in a form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The id of the field on the page (the error summary links to it, and the message is
    /// repeated there); none for a problem with the form as a whole.
    pub field: Option<String>,
    pub text: String,
}

impl Problem {
    pub fn at(field: &str, text: impl Into<String>) -> Problem {
        Problem {
            field: Some(field.to_string()),
            text: text.into(),
        }
    }

    /// A rule's problem with a field (`domain::lang::FieldProblem`), in the reader's language.
    pub fn of_field(lang: Lang, (field, da, en): crate::domain::lang::FieldProblem) -> Problem {
        Problem::at(field, lang.pick(da, en))
    }

    pub fn general(text: impl Into<String>) -> Problem {
        Problem {
            field: None,
            text: text.into(),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(e: ServerFnErrorErr) -> Self {
        AppError::Request(e.to_string())
    }
}

impl AppError {
    /// The problems a rule found with a form's fields, in the reader's language.
    pub fn fields(
        lang: Lang,
        problems: impl IntoIterator<Item = crate::domain::lang::FieldProblem>,
    ) -> AppError {
        AppError::Invalid(
            problems
                .into_iter()
                .map(|p| Problem::of_field(lang, p))
                .collect(),
        )
    }

    /// Checks typed texts before anything is saved (`domain::text_input`): each is
    /// `(field id, text, most characters, has lines, (what in Danish, what in English))`.
    pub fn check_texts(lang: Lang, texts: &[TypedText<'_>]) -> Result<(), AppError> {
        let problems: Vec<Problem> = texts
            .iter()
            .filter_map(|(field, text, max, multiline, what)| {
                crate::domain::text_input::check(text, *max, *multiline).map(|p| {
                    Problem::at(field, crate::domain::text_input::in_words(lang, p, *what))
                })
            })
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(problems))
        }
    }

    /// Input to correct, not about one field.
    pub fn invalid(text: impl Into<String>) -> AppError {
        AppError::Invalid(vec![Problem::general(text)])
    }

    /// The message for one field, when the error names it.
    pub fn problem_at(&self, field: &str) -> Option<String> {
        match self {
            AppError::Invalid(problems) => problems
                .iter()
                .find(|p| p.field.as_deref() == Some(field))
                .map(|p| p.text.clone()),
            _ => None,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::NotSignedIn => lang.pick("Du skal logge ind for at se siden.", "You need to sign in to see this page.").into(),
            AppError::Forbidden => lang.pick("Du har ikke adgang til dette.", "You do not have access to this.").into(),
            AppError::NotFound => lang.pick("Vi kunne ikke finde det, du leder efter.", "We could not find what you are looking for.").into(),
            AppError::Invalid(problems) => problems
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            AppError::Internal | AppError::Request(_) => lang
                .pick(
                    "Der skete en fejl hos os. Prøv igen om lidt. Fejlen er ikke din.",
                    "Something went wrong on our side. Please try again shortly. It is not your fault.",
                )
                .into(),
        }
    }

    #[cfg(feature = "ssr")]
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            AppError::NotSignedIn => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Invalid(_) | AppError::Request(_) => StatusCode::BAD_REQUEST,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<crate::ssr::db::DbError> for AppError {
    /// Database failures are logged here and never shown.
    fn from(e: crate::ssr::db::DbError) -> Self {
        tracing::error!(error = %e, "database error");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<serde_json::Error> for AppError {
    /// Data the server could not write or read as JSON: logged here, never shown.
    fn from(e: serde_json::Error) -> Self {
        tracing::error!(error = %e, "JSON error");
        AppError::Internal
    }
}
