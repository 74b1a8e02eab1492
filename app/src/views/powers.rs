//! Powers of attorney as pages show them.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One power, from the side of the person looking at it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PowerView {
    pub id: i64,
    /// The other side: the relative (for a power given) or the citizen (for a power held).
    pub other_name: String,
    /// Where the invitation was sent (powers given only).
    pub invite_email: Option<String>,
    pub scopes_da: Vec<String>,
    pub scopes_en: Vec<String>,
    pub expires_on: NaiveDate,
    pub source: String,
    pub document_ref: Option<String>,
    pub status_da: String,
    pub status_en: String,
    /// Revoking still changes something.
    pub open: bool,
    /// Powers given only: the relative's MitID name differed from the invitation's (here
    /// `invited_name`), and the citizen must confirm it before it is in force.
    pub awaiting_confirmation: bool,
    pub invited_name: Option<String>,
}
