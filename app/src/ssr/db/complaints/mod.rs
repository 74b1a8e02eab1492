//! Complaints, their history and the caseworker's unsent forms.
use super::*;

/// A complaint as the citizen sends it.
#[derive(Clone, Debug, PartialEq)]
pub struct NewComplaint {
    pub reference: String,
    pub citizen_id: PersonId,
    pub municipality: String,
    /// "decision" or "service".
    pub kind: crate::domain::complaints::Kind,
    pub decision_id: Option<i64>,
    /// What a service complaint is about (`domain::complaints::Topic` code).
    pub topic: Option<String>,
    pub body: String,
    /// The unit it goes to, by name.
    pub route: String,
    pub submitted_by: PersonId,
    pub submitted_at: DateTime<Utc>,
    /// The last second of the complaint deadline (decision complaints).
    pub deadline_at: Option<DateTime<Utc>>,
    pub possibly_late: bool,
    pub status: crate::domain::complaints::Status,
    pub reassessment_due_on: Option<NaiveDate>,
    pub forward_due_on: Option<NaiveDate>,
    /// How it arrived: the portal, or by phone or letter as staff registered it.
    pub channel: crate::domain::intake::Channel,
    /// The day a letter complaint was sent.
    pub sent_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ComplaintRecord {
    pub id: i64,
    pub reference: String,
    pub citizen_id: PersonId,
    pub municipality: String,
    #[sqlx(try_from = "String")]
    pub kind: crate::domain::complaints::Kind,
    pub decision_id: Option<i64>,
    pub topic: Option<String>,
    pub body: String,
    pub route: String,
    pub submitted_by: PersonId,
    pub submitted_at: DateTime<Utc>,
    pub deadline_at: Option<DateTime<Utc>>,
    pub possibly_late: bool,
    #[sqlx(try_from = "String")]
    pub status: crate::domain::complaints::Status,
    pub outcome: Option<String>,
    pub outcome_at: Option<DateTime<Utc>>,
    pub new_decision_id: Option<i64>,
    pub reassessment: Option<String>,
    pub maintained_at: Option<DateTime<Utc>>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub forwarded_on: Option<NaiveDate>,
    pub answer: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    /// How the new decision (partial agreement) was delivered: its receipt starts the citizen's
    /// 4 weeks to say whether the complaint is maintained (see `DecisionRecord::delivery`).
    pub new_decision_delivery: Option<String>,
    pub new_decision_available_at: Option<DateTime<Utc>>,
    pub new_decision_delivered_on: Option<NaiveDate>,
    pub citizen_name: String,
}

/// One step in a complaint's history, with who took it.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ComplaintEvent {
    pub at: DateTime<Utc>,
    pub actor_name: Option<String>,
    pub kind: String,
    pub note: String,
}

/// A change to a complaint, applied only while it has `expected_status`; fields left None
/// keep their value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ComplaintChange {
    pub expected_status: crate::domain::complaints::Status,
    pub status: crate::domain::complaints::Status,
    pub at: DateTime<Utc>,
    pub by: PersonId,
    /// The event recorded in the history, e.g. "outcome_partial", "maintained", "forwarded".
    pub event: String,
    pub note: String,
    pub outcome: Option<crate::domain::complaints::ComplaintOutcome>,
    pub reassessment: Option<String>,
    pub new_decision: Option<NewDecision>,
    pub maintained: bool,
    pub withdrawn: bool,
    pub forward_due_on: Option<NaiveDate>,
    pub forwarded_on: Option<NaiveDate>,
    pub answer: Option<String>,
}

#[async_trait::async_trait]
pub trait ComplaintStore: Send + Sync {
    /// Records a complaint with its first history step and its receipt emails, once: None when
    /// the same complaint is already there (a second press).
    async fn insert_complaint(
        &self,
        c: &NewComplaint,
        emails: &[NewEmail],
    ) -> DbResult<Option<i64>>;
    async fn complaint_by_reference(&self, reference: &str) -> DbResult<Option<ComplaintRecord>>;
    /// The complaint about a decision that has not been withdrawn.
    async fn live_complaint_about(&self, decision: i64) -> DbResult<Option<ComplaintRecord>>;
    /// A citizen's complaints, newest first.
    async fn complaints_of(&self, citizen: PersonId) -> DbResult<Vec<ComplaintRecord>>;
    /// A municipality's complaints, oldest first.
    async fn complaints_in(&self, municipality: &str) -> DbResult<Vec<ComplaintRecord>>;
    async fn complaint_events(&self, complaint: i64) -> DbResult<Vec<ComplaintEvent>>;
    /// Keeps what a caseworker typed in the re-assessment form (JSON), replacing the last.
    async fn save_complaint_draft(
        &self,
        complaint: i64,
        staff: PersonId,
        fields: &str,
        now: DateTime<Utc>,
    ) -> DbResult<()>;
    async fn complaint_draft(&self, complaint: i64, staff: PersonId) -> DbResult<Option<String>>;
    /// Applies a change (and any new decision) with its history step and emails in one
    /// transaction, only while the complaint has the expected status; false otherwise.
    async fn change_complaint(
        &self,
        complaint: i64,
        change: &ComplaintChange,
        emails: &[NewEmail],
    ) -> DbResult<bool>;
}

// The SQL both backends share (their statements are in `sql.rs`).

pub(in crate::ssr::db) const COMPLAINT_SELECT: &str =
    "select c.id, c.reference, c.citizen_id, c.municipality, c.kind, c.decision_id, c.topic, c.body, c.route,
            c.submitted_by, c.submitted_at, c.deadline_at, c.possibly_late, c.status, c.outcome, c.outcome_at,
            c.new_decision_id, c.reassessment, c.maintained_at, c.withdrawn_at, c.forwarded_on, c.answer,
            c.answered_at, nd.delivery as new_decision_delivery, nd.available_at as new_decision_available_at,
            nd.delivered_on as new_decision_delivered_on, p.name as citizen_name
     from complaints c join people p on p.id = c.citizen_id left join decisions nd on nd.id = c.new_decision_id";
