//! Deleting what is past its retention period (`domain::retention`), for the daily job.
use super::*;
use crate::domain::retention::{Cutoffs, Purged};

#[async_trait::async_trait]
pub trait RetentionStore: Send + Sync {
    /// Deletes every record past its cutoff, in one transaction: expired sessions (with what
    /// was typed in them) and pending sign-ins; drafts unchanged since their
    /// cutoff (an application never sent only if nothing refers to it); sent emails; and audit
    /// entries, through the one door the append-only log has (`audit_purge`, migration 0019).
    async fn purge(&self, cutoffs: &Cutoffs) -> DbResult<Purged>;
}
