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
    /// SHA-256 of the session's id (as `web_sessions` keeps it), when the person was signed in.
    pub session_hash: Option<String>,
    /// The client's address (behind our trusted proxies, the one they vouch for).
    pub client_addr: Option<String>,
}

/// Which part of a citizen's log to show: newest first, `limit` entries from `offset`, by one
/// person (`Some(None)`: by the portal itself) and of some actions only, when given.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AuditFilter {
    pub actor: Option<Option<PersonId>>,
    pub actions: Vec<String>,
    pub limit: i64,
    pub offset: i64,
}

/// One page of a citizen's log, how many entries the filter matches in all, and who and which
/// actions occur in the whole log (to choose a filter from).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: i64,
    pub actors: Vec<Option<PersonId>>,
    pub actions: Vec<String>,
}

tokio::task_local! {
    /// The entries that record the change being made (see [`recording`]): the change's
    /// transaction writes them as it commits (`commit` in `audit/sql.rs`).
    static PENDING: std::cell::RefCell<Vec<AuditEntry>>;
}

/// Runs `change` so that the first transaction it commits also writes `entries`: the change and
/// its record stand or fall together. Returns the change's result and the entries no commit
/// took (the change committed nothing: it found nothing to change, or failed).
pub async fn recording<T>(
    entries: Vec<AuditEntry>,
    change: impl std::future::Future<Output = T>,
) -> (T, Vec<AuditEntry>) {
    PENDING
        .scope(std::cell::RefCell::new(entries), async {
            let result = change.await;
            (result, PENDING.with(|p| p.take()))
        })
        .await
}

/// Where an entry's detail names the row its change creates, whose id is known only inside the
/// change's transaction: the repository puts the id there ([`name_created`]) before committing.
/// (Control characters, which no text a person types may hold: `domain::text_input`.)
pub const NEW_ROW: &str = "\u{1}new\u{1}";

/// Names the row this change created in the entries waiting for its commit ([`NEW_ROW`]).
/// Called by the repository's inserts, inside the transaction; nothing outside [`recording`].
pub(crate) fn name_created(id: impl std::fmt::Display) {
    let id = id.to_string();
    let _ = PENDING.try_with(|p| {
        for e in p.borrow_mut().iter_mut() {
            e.detail = e.detail.replace(NEW_ROW, &id);
        }
    });
}

/// The entries a commit is to write with its change, taken once: none outside [`recording`].
pub(crate) fn take_pending() -> Vec<AuditEntry> {
    PENDING.try_with(|p| p.take()).unwrap_or_default()
}

#[async_trait::async_trait]
pub trait AuditStore: Send + Sync {
    async fn audit(&self, entry: &AuditEntry) -> DbResult<()>;
    /// Everything done to or for one citizen, oldest first.
    async fn audit_log_for(&self, citizen: PersonId) -> DbResult<Vec<AuditEntry>>;
    /// One page of what was done to or for one citizen, newest first.
    async fn audit_log_page(&self, citizen: PersonId, filter: &AuditFilter) -> DbResult<AuditPage>;
}
