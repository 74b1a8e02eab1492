//! Sessions and courses as pages show them.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionView {
    pub id: i64,
    pub title: String,
    pub place: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i64,
    pub booked: i64,
    /// Places held for the first on the waiting list.
    pub held: i64,
    /// Places kept for those who have not yet answered the move that made the session.
    pub kept: i64,
    /// "scheduled", "cancelled" or "move_proposed".
    pub status: crate::domain::states::SessionStatus,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CourseView {
    pub training_form: String,
    pub place: String,
    pub sessions_per_week: Option<i64>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionWithDeadline {
    pub id: i64,
    pub title: String,
    pub place: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// "Afmeld senest …", or that the municipality has no deadline.
    pub deadline_da: String,
    pub deadline_en: String,
    /// The deadline has passed: a cancellation now is late.
    pub late_now: bool,
    pub free_places: i64,
    /// The municipality proposes this new start and awaits the citizen's answer.
    pub proposed_starts_at: Option<DateTime<Utc>>,
}

/// A place on a full session's waiting list, as the citizen's training page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaitingView {
    pub session: SessionWithDeadline,
    /// How many are in the queue up to them, themselves included (1: next).
    pub position: i64,
    /// A place is held for them until then, while the offer is open.
    pub offered_until: Option<DateTime<Utc>>,
}

/// The citizen's own attendance counts and the termination rules, in plain words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttendanceView {
    pub counts: crate::domain::attendance::Counts,
    pub rules: Vec<crate::domain::attendance::RuleInWords>,
}

/// A termination rule an action would meet: what the citizen must read before confirming.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleWarning {
    pub flag: crate::domain::termination::ReviewFlag,
    pub rule: crate::domain::attendance::RuleInWords,
}
