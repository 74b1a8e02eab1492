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
    /// Places kept, on a session made by a move, for those who have not yet answered it.
    pub kept: i64,
    #[sqlx(try_from = "String")]
    pub status: crate::domain::states::SessionStatus,
    /// The new time the municipality proposes, while the status is `move_proposed`.
    pub proposed_starts_at: Option<DateTime<Utc>>,
}

impl TeamSession {
    /// Places neither booked, held for the first on the waiting list, nor kept for those who
    /// have not answered a move.
    pub fn free_places(&self) -> i64 {
        self.capacity - self.booked - self.held - self.kept
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

/// What a change of a session's number of places did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapacityChange {
    /// Changed; so many of the places it freed were offered to the waiting list.
    Changed { offered: u32 },
    /// Not changed: fewer than the places booked and held (so many).
    BelowTaken(u32),
    /// Not changed: the session is cancelled, on the move or has begun.
    NotOpen,
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
    /// The municipality proposes a new start for a scheduled session that has not begun, with
    /// the notices; false when it was not. Its waiting list waits for the new time.
    async fn propose_move(
        &self,
        session: i64,
        starts_at: DateTime<Utc>,
        notices: &[NewEmail],
        now: DateTime<Utc>,
    ) -> DbResult<bool>;
    /// Staff change how many places a scheduled session that has not begun has (issue 19):
    /// never below the places booked and held; the places a larger number frees are offered to
    /// the first on the waiting list in the same transaction, held until `offer_until` (none
    /// close to the start: the places are then free for anyone).
    async fn change_capacity(
        &self,
        session: i64,
        capacity: u32,
        now: DateTime<Utc>,
        offer_until: Option<DateTime<Utc>>,
    ) -> DbResult<CapacityChange>;
    /// Once a session on the move has begun at its old time, those who never answered kept it
    /// (`move_answer` 'unanswered'), and the places kept for them at the new time are free
    /// (for the waiting list first, at the jobs loop's next step); how many.
    async fn close_move_answers(&self, now: DateTime<Utc>) -> DbResult<u64>;
    /// Sessions with a move proposal the citizen has not answered.
    async fn unanswered_moves(&self, citizen: PersonId) -> DbResult<Vec<i64>>;
    /// The citizen answers a proposal: declined, the booking stays; accepted, it moves to the
    /// session at the new time (made by the first to accept), together. None when there was no
    /// open proposal for them; otherwise the session they are booked on now. The old time's
    /// waiting list goes with the first acceptance to the new session, whose places are kept
    /// for those who have not answered (`KEPT`); a place free there (a decline) is offered to
    /// the queue's first, held until `offer_until`.
    async fn answer_move(
        &self,
        session: i64,
        course: &Course,
        accept: bool,
        now: DateTime<Utc>,
        offer_until: Option<DateTime<Utc>>,
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

/// The places a session made by a move keeps for the citizens of the old time who have not yet
/// answered the proposal (`$outer` names the session's table): each may still say yes, and must
/// then find their place. Counted from the bookings, so it cannot drift.
macro_rules! kept_for_answers {
    ($outer:literal) => {
        concat!(
            "(select count(*) from bookings k join team_sessions o on o.id = k.session_id
              where o.id = ",
            $outer,
            ".moved_from_session_id and o.status = 'move_proposed'
                and k.status = 'booked' and k.move_answer is null)"
        )
    };
}

/// [`kept_for_answers`] in a statement on `team_sessions` itself (an update's guard).
pub(in crate::ssr::db) const KEPT: &str = kept_for_answers!("team_sessions");
/// [`kept_for_answers`] in a query of `team_sessions s`.
pub(in crate::ssr::db) const KEPT_OF_S: &str = kept_for_answers!("s");

pub(in crate::ssr::db) const SESSION_SELECT: &str = concat!(
    "select s.id, s.municipality, s.title, s.place, s.starts_at, s.ends_at, s.capacity, s.booked, s.held, ",
    kept_for_answers!("s"),
    " as kept, s.status, s.proposed_starts_at
     from team_sessions s"
);
