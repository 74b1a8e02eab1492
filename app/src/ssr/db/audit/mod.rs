//! The audit log: who did what, on whose behalf.
use super::*;

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub actor_id: Option<PersonId>,
    pub on_behalf_of: Option<PersonId>,
    pub action: String,
    pub detail: String,
    /// "ok", or "refused" when the access or change was not allowed.
    #[sqlx(try_from = "String")]
    pub outcome: crate::domain::states::AuditOutcome,
}

#[async_trait::async_trait]
pub trait AuditStore: Send + Sync {
    async fn audit(&self, entry: &AuditEntry) -> DbResult<()>;
    /// Everything done to or for one citizen, oldest first.
    async fn audit_log_for(&self, citizen: PersonId) -> DbResult<Vec<AuditEntry>>;
}
