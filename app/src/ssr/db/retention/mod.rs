//! Deleting what is past its retention period (`domain::retention`), for the daily job.
use super::*;
use crate::domain::retention::{Cutoffs, Purged};

pub(in crate::ssr::db) mod cases;

/// Rows deleted per transaction, so the first run over years of log never holds the database
/// (SQLite's one writer) long enough to make a citizen's booking wait.
pub const PURGE_BATCH: i64 = 2_000;

#[async_trait::async_trait]
pub trait RetentionStore: Send + Sync {
    /// Deletes every record past its cutoff, in transactions of at most [`PURGE_BATCH`] rows:
    /// expired sessions (with what was typed in them) and pending sign-ins; drafts unchanged
    /// since their cutoff whose case is decided or closed (a caseworker's draft of an open case
    /// is kept, also of a complaint with Ankestyrelsen, which may send it back; so is an
    /// application never sent that anything refers to); sent emails; ended cases, each whole in
    /// one transaction, with finished service complaints and old absences ([`cases`]); and
    /// audit entries, through the one door the append-only log has (`audit_purge`, migration
    /// 0019).
    async fn purge(&self, cutoffs: &Cutoffs) -> DbResult<Purged>;
}

/// Each kind's deletion: the rows of `table` whose key `key` is among those `select_keys`
/// picks (at most `$2` of them, past `$1`).
pub(in crate::ssr::db) const PURGES: [(&str, &str, &str); 7] = [
    (
        "web_sessions",
        "id_hash",
        "select id_hash from web_sessions where expires_at < $1 limit $2",
    ),
    (
        "oidc_logins",
        "state_hash",
        "select state_hash from oidc_logins where expires_at < $1 limit $2",
    ),
    (
        "typed_back",
        "id",
        "select id from typed_back where expires_at < $1 limit $2",
    ),
    (
        "decision_drafts",
        "application_id",
        "select d.application_id from decision_drafts d
         join applications a on a.id = d.application_id
         where d.updated_at < $1 and a.status in ('decided', 'withdrawn') limit $2",
    ),
    (
        "complaint_drafts",
        "complaint_id",
        "select d.complaint_id from complaint_drafts d
         join complaints c on c.id = d.complaint_id
         where d.updated_at < $1 and c.status in ('closed', 'answered') limit $2",
    ),
    (
        "applications",
        "id",
        "select id from applications where status = 'draft' and updated_at < $1
         and not exists (select 1 from decisions d where d.application_id = applications.id)
         and not exists (select 1 from decision_drafts d where d.application_id = applications.id)
         limit $2",
    ),
    (
        "email_outbox",
        "id",
        "select id from email_outbox where sent_at is not null and sent_at < $1 limit $2",
    ),
];
