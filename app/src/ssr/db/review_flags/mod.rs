//! Termination rules met, for staff to review.
use super::*;

/// A termination rule met, for a therapist or caseworker to review (never an action by itself).
#[derive(Clone, Debug, PartialEq)]
pub struct NewReviewFlag {
    pub course_id: i64,
    pub rule_id: String,
    /// JSON of `domain::termination::ReviewFlag`.
    pub facts: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ReviewFlagRecord {
    pub id: i64,
    pub course_id: i64,
    pub citizen_id: PersonId,
    pub citizen_name: String,
    pub rule_id: String,
    pub facts: String,
    pub created_at: DateTime<Utc>,
}

#[async_trait::async_trait]
pub trait ReviewFlagStore: Send + Sync {
    /// Review flags of a municipality's courses not yet resolved, oldest first.
    async fn open_review_flags(&self, municipality: &str) -> DbResult<Vec<ReviewFlagRecord>>;
    /// Every flag ever raised on the course, resolved or not, oldest first: an occurrence of a
    /// rule already flagged is not flagged again (`termination::ReviewFlag::same_as`).
    async fn review_flags_of_course(&self, course: i64) -> DbResult<Vec<ReviewFlagRecord>>;
    /// Raises flags outside any other change (the daily job); an open flag of the same rule on
    /// the course is not raised twice. Returns how many were raised.
    async fn raise_review_flags(&self, flags: &[NewReviewFlag]) -> DbResult<u64>;
    /// Resolves an open flag of the municipality, once; false when there was none.
    async fn resolve_review_flag(
        &self,
        id: i64,
        municipality: &str,
        by: PersonId,
        at: DateTime<Utc>,
        resolution: &str,
    ) -> DbResult<bool>;
}
