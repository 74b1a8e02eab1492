//! The citizen's private calendar feed addresses.
use super::*;

#[async_trait::async_trait]
pub trait CalendarFeedStore: Send + Sync {
    /// Gives the citizen a new calendar feed address, revoking any earlier one, together.
    async fn create_calendar_feed(
        &self,
        citizen: PersonId,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> DbResult<()>;
    /// Since when the citizen has had the feed that is not revoked, if any (its address is not
    /// kept: only its hash).
    async fn calendar_feed_of(&self, citizen: PersonId) -> DbResult<Option<DateTime<Utc>>>;
    /// Whose feed the token (by its hash) opens, while it is not revoked.
    async fn calendar_feed_owner(&self, token_hash: &str) -> DbResult<Option<PersonId>>;
    /// Revokes the citizen's feed; false when there was none.
    async fn revoke_calendar_feeds(&self, citizen: PersonId, now: DateTime<Utc>) -> DbResult<bool>;
}
