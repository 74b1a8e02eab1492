//! Consents as pages show them.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsentView {
    pub id: i64,
    pub purpose: String,
    pub title_da: String,
    pub title_en: String,
    pub version: i64,
    pub text_da: String,
    pub text_en: String,
    pub relative_name: Option<String>,
    pub given_by_name: String,
    /// Given by a relative on the citizen's behalf.
    pub given_on_behalf: bool,
    pub given_at: DateTime<Utc>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub withdrawn_by_name: Option<String>,
    pub effect_da: String,
    pub effect_en: String,
}

/// A consent the citizen can give on the page, in the municipality's current text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfferView {
    pub purpose: String,
    pub title_da: String,
    pub title_en: String,
    pub version: i64,
    pub text_da: String,
    pub text_en: String,
    pub names_relative: bool,
}
