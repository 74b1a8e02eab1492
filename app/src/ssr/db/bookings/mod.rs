//! A citizen's course and bookings: booking, cancelling, moving, absence, history.
use super::*;

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Course {
    pub id: i64,
    pub decision_id: i64,
    pub citizen_id: PersonId,
    pub municipality: String,
    pub training_form: String,
    pub place: String,
    pub sessions_per_week: Option<i64>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    #[sqlx(try_from = "String")]
    pub status: crate::domain::states::CourseStatus,
    /// The last training day set by a termination decision; nothing is booked after it.
    pub last_day_on: Option<NaiveDate>,
}

/// A citizen's cancellation of a booked session.
#[derive(Clone, Debug, PartialEq)]
pub struct CancelBooking {
    pub session_id: i64,
    pub citizen_id: PersonId,
    pub cancelled_by: PersonId,
    pub at: DateTime<Utc>,
    pub late: bool,
    /// The municipality's cancellation rule it was judged under.
    pub rule_id: String,
    /// The citizen's own cancellation, a move, or part of an absence period.
    pub kind: crate::domain::attendance::CancelKind,
    /// Why it is late, when it is.
    pub late_reason: Option<crate::domain::attendance::LateReason>,
    /// Termination rules the cancellation meets, raised for staff to review with it.
    pub review_flags: Vec<NewReviewFlag>,
    /// Until when the freed place is held for the first on the session's waiting list (none:
    /// no offer, too close to the start; `domain::waiting_list`).
    pub offer_until: Option<DateTime<Utc>>,
}

/// An absence period the citizen registers (holiday, hospital stay): its sessions are cancelled.
#[derive(Clone, Debug, PartialEq)]
pub struct NewAbsence {
    pub citizen_id: PersonId,
    pub from_on: NaiveDate,
    pub to_on: NaiveDate,
    /// One of `domain::absence::REASONS`.
    pub reason: String,
    pub created_by: PersonId,
    pub created_at: DateTime<Utc>,
    /// Termination rules the absence meets and a re-assessment on discharge, raised with it.
    pub review_flags: Vec<NewReviewFlag>,
}

/// A session of a course the citizen was booked on, and how it went: the therapist's mark
/// (`attended`, `no_show`, `excused`) or the citizen's cancellation (`cancelled_on_time`,
/// `cancelled_late`); codes of `domain::termination::SessionOutcome`.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct HistoryEntry {
    pub session_id: i64,
    pub starts_at: DateTime<Utc>,
    /// The therapist's mark when there is one, else the cancellation (on time or late).
    pub outcome: String,
    /// Whether `outcome` is the therapist's mark.
    pub marked: bool,
    /// "cancelled", "moved" or "absence" (see migration 0012).
    pub cancel_kind: String,
    /// The reason of the absence period that cancelled it.
    pub absence_reason: Option<String>,
}

#[async_trait::async_trait]
pub trait BookingStore: Send + Sync {
    /// The citizen's newest course that has not ended.
    async fn current_course(&self, citizen: PersonId) -> DbResult<Option<Course>>;
    async fn course(&self, id: i64) -> DbResult<Option<Course>>;
    /// When the course's first session (booked, held or to come; not cancelled) starts.
    async fn first_session_of(&self, course: i64) -> DbResult<Option<DateTime<Utc>>>;
    /// Books a place: fails with `Full` when the session has no free place and `Conflict` when the
    /// citizen already holds a booking for it. The count, the row and the confirmation email
    /// change together or not at all.
    async fn book(
        &self,
        session: i64,
        course: &Course,
        booked_by: PersonId,
        now: DateTime<Utc>,
        confirmation: Option<&NewEmail>,
    ) -> DbResult<i64>;
    /// Cancels the citizen's booking of a session, once (false when there was none to cancel):
    /// the place is freed, the cancellation recorded as on time or late under `rule_id`, and the
    /// receipt email written, together.
    async fn cancel_booking(&self, c: &CancelBooking, receipt: Option<&NewEmail>)
        -> DbResult<bool>;
    /// Moves a booking: cancels `cancel` (judged on time or late, with its flags) and books
    /// `to_session` for the course, with the email, together; false when the old booking was not
    /// there. `Full` or `Conflict` from the new session leave the old booking as it was.
    async fn move_booking(
        &self,
        cancel: &CancelBooking,
        to_session: i64,
        course: &Course,
        email: Option<&NewEmail>,
    ) -> DbResult<bool>;
    /// Records an absence period and cancels its booked sessions, with one receipt, together;
    /// None when the same period was registered already (a second press).
    async fn register_absence(
        &self,
        absence: &NewAbsence,
        cancellations: &[CancelBooking],
        receipt: Option<&NewEmail>,
    ) -> DbResult<Option<i64>>;
    /// Whether the citizen holds (or held) a booking for the session.
    async fn booking_status(
        &self,
        session: i64,
        citizen: PersonId,
    ) -> DbResult<Option<crate::domain::states::BookingStatus>>;
    /// The citizen's booked (not cancelled) sessions starting at or after `from`, earliest first.
    async fn booked_sessions_from(
        &self,
        citizen: PersonId,
        from: DateTime<Utc>,
    ) -> DbResult<Vec<TeamSession>>;
    /// How each session of the course the citizen was booked on went, earliest first: marked
    /// sessions and the citizen's own cancellations (not the municipality's).
    async fn course_history(&self, course: i64) -> DbResult<Vec<HistoryEntry>>;
}
