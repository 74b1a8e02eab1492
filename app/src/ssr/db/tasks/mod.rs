//! The municipality's task list (obligations the rules and workflows create), the facts the job
//! raises tasks from, and the record of the daily job's runs.
use super::*;
use crate::domain::tasks::{Obligation, TaskKind, TaskStatus};

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct TaskRecord {
    pub id: i64,
    pub municipality: String,
    #[sqlx(try_from = "String")]
    pub kind: TaskKind,
    pub subject: i64,
    pub rule_id: String,
    pub citizen_id: PersonId,
    pub citizen_name: String,
    pub due_on: NaiveDate,
    pub facts_da: String,
    pub facts_en: String,
    pub link: String,
    pub assignee_id: Option<PersonId>,
    pub assignee_name: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: TaskStatus,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_by_name: Option<String>,
    pub close_note: Option<String>,
}

/// Something that raises a task: its id, its citizen, a label (a reference, a session's title,
/// a flag's facts) and the instant the task's due day comes from.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct TaskSource {
    pub id: i64,
    pub citizen_id: PersonId,
    pub label: String,
    pub at: DateTime<Utc>,
}

/// A booking the municipality cancelled with its session (FRB-12).
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct CancelledBooking {
    pub id: i64,
    pub session_id: i64,
    pub citizen_id: PersonId,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub cancelled_at: DateTime<Utc>,
}

/// One staff member's role in a municipality, with their email for the digest.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct StaffMemberRole {
    pub person_id: PersonId,
    pub name: String,
    pub email: Option<String>,
    pub role: String,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct DailyRun {
    pub day: NaiveDate,
    pub instance: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub flags_raised: Option<i64>,
    pub digests_sent: Option<i64>,
}

#[async_trait::async_trait]
pub trait TaskStore: Send + Sync {
    /// Raises each obligation as a task once (a kind and subject already raised is left as it
    /// is, open or closed); returns how many were new.
    async fn raise_tasks(
        &self,
        municipality: &str,
        obligations: &[Obligation],
        now: DateTime<Utc>,
    ) -> DbResult<u64>;
    /// The municipality's open tasks, earliest due first.
    async fn open_tasks(&self, municipality: &str) -> DbResult<Vec<TaskRecord>>;
    /// The municipality's most recently closed tasks, newest first.
    async fn closed_tasks(&self, municipality: &str, limit: i64) -> DbResult<Vec<TaskRecord>>;
    async fn task(&self, id: i64, municipality: &str) -> DbResult<Option<TaskRecord>>;
    /// Gives an open task to a staff member (or to nobody); false when it is closed or not the
    /// municipality's.
    async fn assign_task(
        &self,
        id: i64,
        municipality: &str,
        assignee: Option<PersonId>,
    ) -> DbResult<bool>;
    /// Takes an open task for `me` when nobody has it (or `me` already does); false otherwise.
    async fn take_task(&self, id: i64, municipality: &str, me: PersonId) -> DbResult<bool>;
    /// Closes an open task, once; false when it was already closed.
    async fn close_task(
        &self,
        id: i64,
        municipality: &str,
        by: PersonId,
        at: DateTime<Utc>,
        note: &str,
    ) -> DbResult<bool>;
    /// Every staff member of the municipality, one row per role, by name.
    async fn staff_members(&self, municipality: &str) -> DbResult<Vec<StaffMemberRole>>;

    /// Unresolved review flags of one rule (BRS-19's re-assessment), with their facts as label.
    async fn flag_sources(&self, municipality: &str, rule_id: &str) -> DbResult<Vec<TaskSource>>;
    /// Bookings cancelled with their session by the municipality, of sessions cancelled since.
    async fn cancelled_bookings(
        &self,
        municipality: &str,
        since: DateTime<Utc>,
    ) -> DbResult<Vec<CancelledBooking>>;
    /// Hearings waiting for an answer, with their answer deadline.
    async fn hearings_awaiting_answer(&self, municipality: &str) -> DbResult<Vec<TaskSource>>;
    /// Decisions published in the portal since `since` and never opened, with when they became
    /// available and their application's reference as label (empty for one without).
    async fn unopened_decisions(
        &self,
        municipality: &str,
        since: DateTime<Utc>,
    ) -> DbResult<Vec<TaskSource>>;

    /// Claims the day's run for this instance: true for the first claim of the day, or when
    /// an unfinished run started before `stale_before`.
    async fn claim_daily_run(
        &self,
        day: NaiveDate,
        instance: &str,
        now: DateTime<Utc>,
        stale_before: DateTime<Utc>,
    ) -> DbResult<bool>;
    /// Finishes the day's run and writes its digest emails to the outbox, together and once:
    /// false (and nothing written) when the run was already finished.
    async fn finish_daily_run(
        &self,
        day: NaiveDate,
        flags_raised: i64,
        digests: &[NewEmail],
        now: DateTime<Utc>,
    ) -> DbResult<bool>;
    async fn daily_runs(&self, limit: i64) -> DbResult<Vec<DailyRun>>;
}
