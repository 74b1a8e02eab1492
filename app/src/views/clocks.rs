//! The clocks of a case as pages show them.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One of the municipality's promises for a case, as both sides see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClockView {
    pub name_da: String,
    pub name_en: String,
    pub rule_id: String,
    pub due: Option<NaiveDate>,
    /// "not_started", "running", "due_soon", "overdue", "kept", "kept_late"
    pub state: String,
    pub state_da: String,
    pub state_en: String,
    pub soft: bool,
    /// The day the promise was kept, once it has been.
    pub met: Option<NaiveDate>,
}
