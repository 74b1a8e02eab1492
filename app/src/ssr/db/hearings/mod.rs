//! Hearings before a termination decision (GEN-2), and the decision that ends a course: its
//! bookings after the last training day cancelled by the municipality, never counted against
//! the citizen.
use super::*;

/// A hearing the caseworker starts on a course.
#[derive(Clone, Debug, PartialEq)]
pub struct NewHearing {
    pub course_id: i64,
    pub citizen_id: PersonId,
    pub municipality: String,
    /// The review flag it answers, resolved with it.
    pub flag_id: Option<i64>,
    /// The termination rule relied on; none for a reason the rules do not list (FRB-17, the goal
    /// reached).
    pub rule_id: Option<String>,
    /// JSON of `views::hearings::HearingFacts`: the record and the rule's words as the letter
    /// states them.
    pub facts: String,
    /// What the municipality considers, in the caseworker's words.
    pub considered: String,
    pub answer_due_at: DateTime<Utc>,
    pub started_by: PersonId,
    pub started_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct HearingRecord {
    pub id: i64,
    pub course_id: i64,
    pub citizen_id: PersonId,
    pub citizen_name: String,
    pub municipality: String,
    pub flag_id: Option<i64>,
    pub rule_id: Option<String>,
    pub facts: String,
    pub considered: String,
    pub answer_due_at: DateTime<Utc>,
    #[sqlx(try_from = "String")]
    pub status: crate::domain::hearing::HearingStatus,
    pub started_by: PersonId,
    pub started_at: DateTime<Utc>,
    pub answer: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    pub answered_by: Option<PersonId>,
    /// "portal" or "phone" (`domain::hearing::AnswerChannel`).
    pub answer_channel: Option<String>,
    pub recorded_by: Option<PersonId>,
    pub decided_by: Option<PersonId>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_reasons: Option<String>,
    pub decision_id: Option<i64>,
    /// What the caseworker typed in the decision form when it had a problem (JSON).
    pub draft: Option<String>,
}

/// An answer to a hearing: written in the portal, or given by phone and recorded by staff.
#[derive(Clone, Debug, PartialEq)]
pub struct HearingAnswer {
    pub hearing: i64,
    pub text: String,
    /// The citizen or relative who answered (for a phone answer, the one who called).
    pub by: PersonId,
    pub channel: crate::domain::hearing::AnswerChannel,
    /// The staff member who recorded a phone answer.
    pub recorded_by: Option<PersonId>,
    pub at: DateTime<Utc>,
}

/// The caseworker's termination: the decision, the last training day, and from when bookings
/// are cancelled (the start of the day after the last day).
#[derive(Clone, Debug, PartialEq)]
pub struct Termination {
    pub hearing: i64,
    pub decision: NewDecision,
    pub last_day: NaiveDate,
    pub cancel_from: DateTime<Utc>,
    /// The hearing's state the caseworker decided on: a new answer since refuses the decision.
    pub seen: crate::domain::hearing::HearingStatus,
}

/// A course of the municipality, with its citizen, for the staff's course list.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct CourseRow {
    pub id: i64,
    pub citizen_id: PersonId,
    pub citizen_name: String,
    pub place: String,
    pub starts_on: NaiveDate,
    pub last_day_on: Option<NaiveDate>,
    #[sqlx(try_from = "String")]
    pub status: crate::domain::states::CourseStatus,
}

#[async_trait::async_trait]
pub trait HearingStore: Send + Sync {
    /// Starts a hearing, with its flag resolved, the course under review and the letters'
    /// notices, together. None when the course already has an open hearing.
    async fn start_hearing(&self, h: &NewHearing, notices: &[NewEmail]) -> DbResult<Option<i64>>;
    async fn hearing(&self, id: i64) -> DbResult<Option<HearingRecord>>;
    /// The hearing a termination decision was made after.
    async fn hearing_of_decision(&self, decision: i64) -> DbResult<Option<HearingRecord>>;
    /// The municipality's hearings, open ones first, then newest first.
    async fn hearings_in(&self, municipality: &str) -> DbResult<Vec<HearingRecord>>;
    /// A citizen's hearings, newest first.
    async fn hearings_of(&self, citizen: PersonId) -> DbResult<Vec<HearingRecord>>;
    /// Records the answer, once, while the caseworker has not decided; false otherwise.
    async fn answer_hearing(&self, a: &HearingAnswer, notices: &[NewEmail]) -> DbResult<bool>;
    /// The course continues: the hearing closed, the course active again. False when the
    /// hearing is no longer in the state `seen` (decided, or answered since).
    async fn continue_course(
        &self,
        hearing: i64,
        by: PersonId,
        at: DateTime<Utc>,
        note: &str,
        seen: crate::domain::hearing::HearingStatus,
        notices: &[NewEmail],
    ) -> DbResult<bool>;
    /// Makes the termination decision: the decision, the course's last day, the bookings after
    /// it cancelled by the municipality (not the citizen's), the hearing closed, the notices.
    /// None when the hearing was already decided; else the decision and the cancelled sessions.
    async fn terminate_course(
        &self,
        t: &Termination,
        notices: &[NewEmail],
    ) -> DbResult<Option<(i64, Vec<i64>)>>;
    /// Keeps what the caseworker typed in the decision form when it had a problem.
    async fn save_hearing_draft(&self, hearing: i64, fields: &str) -> DbResult<()>;
    /// The municipality's courses that have not ended, oldest first.
    async fn courses_in(&self, municipality: &str) -> DbResult<Vec<CourseRow>>;
}

pub(in crate::ssr::db) const HEARING_COLUMNS: &str =
    "h.id, h.course_id, h.citizen_id, p.name as citizen_name, h.municipality, h.flag_id, h.rule_id,
     h.facts, h.considered, h.answer_due_at, h.status, h.started_by, h.started_at, h.answer,
     h.answered_at, h.answered_by, h.answer_channel, h.recorded_by, h.decided_by, h.decided_at,
     h.decision_reasons, h.decision_id, h.draft";
