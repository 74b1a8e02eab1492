//! Messages with the training unit as pages show them (issue 19): the citizen's page and the
//! staff's thread page.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One message as the thread shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageView {
    /// The writer's name; for the unit's answers, the unit.
    pub from: String,
    /// From the unit (not the citizen's side).
    pub from_unit: bool,
    pub body: String,
    pub sent_at: DateTime<Utc>,
}

/// One thread: its subject, its messages, and by when the unit answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadView {
    pub id: i64,
    /// `domain::messages::Topic` code.
    pub topic: String,
    /// While a message waits for an answer: the day the unit has promised one by.
    pub answer_by: Option<NaiveDate>,
    pub messages: Vec<MessageView>,
}
