//! The SQL of [`RetentionStore`](crate::ssr::db::RetentionStore), for the backend that includes
//! this file (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
use super::audit::commit;
use super::Backend;
use crate::domain::retention::{Cutoffs, Purged};
use crate::ssr::db::*;

#[async_trait::async_trait]
impl RetentionStore for Backend {
    async fn purge(&self, c: &Cutoffs) -> DbResult<Purged> {
        let mut tx = self.begin_write().await?;
        let mut purged = Purged::default();
        let mut delete = async |sql: &str, before: DateTime<Utc>| -> DbResult<u64> {
            Ok(sqlx::query(sql)
                .bind(before)
                .execute(&mut *tx)
                .await?
                .rows_affected())
        };
        // What was typed in a session goes with it (on delete cascade).
        purged.sessions += delete(
            "delete from web_sessions where expires_at < $1",
            c.sessions_expired_before,
        )
        .await?;
        purged.sessions += delete(
            "delete from oidc_logins where expires_at < $1",
            c.sessions_expired_before,
        )
        .await?;
        purged.sessions += delete(
            "delete from typed_back where expires_at < $1",
            c.sessions_expired_before,
        )
        .await?;
        purged.drafts += delete(
            "delete from decision_drafts where updated_at < $1",
            c.drafts_changed_before,
        )
        .await?;
        purged.drafts += delete(
            "delete from complaint_drafts where updated_at < $1",
            c.drafts_changed_before,
        )
        .await?;
        purged.drafts += delete(
            "delete from applications where status = 'draft' and updated_at < $1
             and not exists (select 1 from decisions d where d.application_id = applications.id)
             and not exists (select 1 from decision_drafts d where d.application_id = applications.id)",
            c.drafts_changed_before,
        )
        .await?;
        purged.sent_messages += delete(
            "delete from email_outbox where sent_at is not null and sent_at < $1",
            c.messages_sent_before,
        )
        .await?;
        // The log's one door: open only inside this transaction, closed before it commits.
        delete(
            "insert into audit_purge (started_at) values ($1)",
            c.audit_written_before,
        )
        .await?;
        purged.audit_entries += delete(
            "delete from audit_log where at < $1",
            c.audit_written_before,
        )
        .await?;
        sqlx::query("delete from audit_purge")
            .execute(&mut *tx)
            .await?;
        commit(tx).await?;
        Ok(purged)
    }
}
