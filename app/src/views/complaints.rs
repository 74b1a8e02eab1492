//! Complaints as pages show them.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplaintSummary {
    pub reference: String,
    pub kind: crate::domain::complaints::Kind,
    pub submitted_at: DateTime<Utc>,
    pub status_label_da: String,
    pub status_label_en: String,
    pub next_by: Option<NaiveDate>,
    pub citizen_name: String,
    pub possibly_late: bool,
    /// Open clocks past their day (staff inbox).
    pub overdue_da: Vec<String>,
    pub overdue_en: Vec<String>,
    pub due_soon: bool,
    pub closed: bool,
}

/// What staff need to handle the complaint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffSide {
    pub may_settle: bool,
    pub may_forward: bool,
    pub may_answer: bool,
    pub forms: Vec<(String, String, String)>,
    pub max_weeks: Option<u32>,
    pub draft: crate::domain::decision::DecisionInput,
    pub today: NaiveDate,
}

/// A way to reach a unit (its name and ways, as the municipality file gives them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RouteView {
    pub unit: String,
    pub ways: Vec<String>,
    pub web: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub at: DateTime<Utc>,
    pub who: Option<String>,
    pub text_da: String,
    pub text_en: String,
    pub note_da: String,
    pub note_en: String,
}

/// A complaint as both sides see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplaintView {
    pub reference: String,
    pub kind: crate::domain::complaints::Kind,
    pub topic_da: Option<String>,
    pub topic_en: Option<String>,
    pub body: String,
    pub route: String,
    pub citizen_name: String,
    pub municipality_name: String,
    pub submitted_at: DateTime<Utc>,
    pub decision_id: Option<i64>,
    pub deadline: Option<DateTime<Utc>>,
    pub possibly_late: bool,
    pub status: crate::domain::complaints::Status,
    pub status_label_da: String,
    pub status_label_en: String,
    pub outcome: Option<String>,
    pub outcome_label_da: Option<String>,
    pub outcome_label_en: Option<String>,
    pub reassessment: Option<String>,
    pub answer: Option<String>,
    pub new_decision_id: Option<i64>,
    pub forwarded_on: Option<NaiveDate>,
    pub events: Vec<EventView>,
    pub clocks: Vec<crate::views::clocks::ClockView>,
    pub next_actor_da: Option<String>,
    pub next_actor_en: Option<String>,
    pub next_text_da: String,
    pub next_text_en: String,
    pub next_by: Option<NaiveDate>,
    /// The citizen (or relative) may now say whether the complaint is maintained.
    pub may_answer: bool,
    /// The citizen may withdraw a partly upheld complaint that goes on to Ankestyrelsen by law.
    pub may_withdraw: bool,
    pub maintain_deadline: Option<DateTime<Utc>>,
    /// The citizen has an email address, so receipts and changes are emailed.
    pub emailed: bool,
    pub staff: Option<StaffSide>,
}
