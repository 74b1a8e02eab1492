//! Team sessions and series as staff plan them, moves, and attendance.
use super::*;

/// A weekly series of team sessions as staff plan it (see `domain::series`).
#[derive(Clone, Debug)]
pub struct NewSeries {
    pub municipality: String,
    pub title: String,
    pub place: String,
    pub weekday: i64,
    /// Local start, "10:00".
    pub local_start: String,
    pub duration_minutes: i64,
    pub capacity: i64,
    pub therapist_id: Option<PersonId>,
    pub from_on: NaiveDate,
    pub to_on: NaiveDate,
    pub created_by: PersonId,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct NewTeamSession {
    pub municipality: String,
    pub title: String,
    pub place: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i64,
    pub therapist_id: Option<PersonId>,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct TeamSession {
    pub id: i64,
    pub municipality: String,
    pub title: String,
    pub place: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i64,
    pub booked: i64,
    /// Places held for the first on the waiting list (`domain::waiting_list`).
    pub held: i64,
    #[sqlx(try_from = "String")]
    pub status: crate::domain::states::SessionStatus,
    /// The new time the municipality proposes, while the status is `move_proposed`.
    pub proposed_starts_at: Option<DateTime<Utc>>,
}

impl TeamSession {
    /// Places neither booked nor held for the first on the waiting list.
    pub fn free_places(&self) -> i64 {
        self.capacity - self.booked - self.held
    }
}

/// A citizen booked on a session, as the therapist's list shows them.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Participant {
    pub citizen_id: PersonId,
    pub name: String,
    pub course_id: i64,
    /// The therapist's mark, once given.
    pub attendance: Option<String>,
    /// The citizen gave notice after the session had begun: still the therapist's to mark.
    pub notice_after_start: bool,
}

#[async_trait::async_trait]
pub trait TeamSessionStore: Send + Sync {
    async fn insert_team_session(&self, s: &NewTeamSession) -> DbResult<i64>;
    /// Records a series and its sessions (start, end), together; None when the same series
    /// exists already (a second press).
    async fn create_series(
        &self,
        s: &NewSeries,
        sessions: &[(DateTime<Utc>, DateTime<Utc>)],
    ) -> DbResult<Option<i64>>;
    async fn team_session(&self, id: i64) -> DbResult<Option<TeamSession>>;
    /// Scheduled sessions of a municipality starting at or after `from`, earliest first.
    async fn team_sessions_from(
        &self,
        municipality: &str,
        from: DateTime<Utc>,
        limit: i64,
    ) -> DbResult<Vec<TeamSession>>;
    /// A municipality's sessions from `from` in every state (the staff list), earliest first.
    async fn staff_sessions_from(
        &self,
        municipality: &str,
        from: DateTime<Utc>,
        limit: i64,
    ) -> DbResult<Vec<TeamSession>>;
    /// The municipality cancels a session: every booking on it cancelled as the municipality's
    /// (not counted against the citizen), the notices written, together; false when it was
    /// already cancelled.
    async fn cancel_team_session(
        &self,
        session: i64,
        by: PersonId,
        at: DateTime<Utc>,
        rule_id: &str,
        notices: &[NewEmail],
    ) -> DbResult<bool>;
    /// The municipality proposes a new start for a scheduled session, with the notices; false
    /// when the session was not scheduled.
    async fn propose_move(
        &self,
        session: i64,
        starts_at: DateTime<Utc>,
        notices: &[NewEmail],
        now: DateTime<Utc>,
    ) -> DbResult<bool>;
    /// Sessions with a move proposal the citizen has not answered.
    async fn unanswered_moves(&self, citizen: PersonId) -> DbResult<Vec<i64>>;
    /// The citizen answers a proposal: declined, the booking stays; accepted, it moves to the
    /// session at the new time (made by the first to accept), together. None when there was no
    /// open proposal for them; otherwise the session they are booked on now.
    async fn answer_move(
        &self,
        session: i64,
        course: &Course,
        accept: bool,
        now: DateTime<Utc>,
    ) -> DbResult<Option<i64>>;
    /// The citizens booked on a session, by name, with the therapist's mark.
    async fn session_participants(&self, session: i64) -> DbResult<Vec<Participant>>;
    /// Marks how a booked citizen's session went (a new mark replaces the old one) and raises
    /// `flags`, together; false when the citizen is not booked on the session.
    async fn mark_attendance(
        &self,
        session: i64,
        citizen: PersonId,
        outcome: &str,
        by: PersonId,
        at: DateTime<Utc>,
        flags: &[NewReviewFlag],
    ) -> DbResult<bool>;
}

// The SQL both backends share (their statements are in `sql.rs`).

pub(in crate::ssr::db) const SESSION_SELECT: &str =
    "select s.id, s.municipality, s.title, s.place, s.starts_at, s.ends_at, s.capacity, s.booked, s.held,
            s.status, s.proposed_starts_at
     from team_sessions s";
