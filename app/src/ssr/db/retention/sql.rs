//! The SQL of [`RetentionStore`](crate::ssr::db::RetentionStore), for the backend that includes
//! this file (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
use super::audit::commit;
use super::Backend;
use crate::domain::retention::{Cutoffs, Purged};
use crate::ssr::db::retention::{PURGES, PURGE_BATCH};
use crate::ssr::db::*;

impl Backend {
    /// Deletes, a batch per transaction, the rows `select_keys` picks; how many.
    async fn purge_batches(
        &self,
        (table, key, select_keys): (&str, &str, &str),
        before: DateTime<Utc>,
        through_audit_door: bool,
    ) -> DbResult<u64> {
        let sql = format!("delete from {table} where {key} in ({select_keys})");
        let mut total = 0;
        loop {
            let mut tx = self.begin_write().await?;
            if through_audit_door {
                sqlx::query("insert into audit_purge (started_at) values ($1)")
                    .bind(before)
                    .execute(&mut *tx)
                    .await?;
            }
            let done = sqlx::query(&sql)
                .bind(before)
                .bind(PURGE_BATCH)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if through_audit_door {
                // Closed again before anyone else can see it open.
                sqlx::query("delete from audit_purge")
                    .execute(&mut *tx)
                    .await?;
            }
            commit(tx).await?;
            total += done;
            if done < PURGE_BATCH as u64 {
                return Ok(total);
            }
        }
    }
}

#[async_trait::async_trait]
impl RetentionStore for Backend {
    async fn purge(&self, c: &Cutoffs) -> DbResult<Purged> {
        let [sessions, logins, typed, decision_drafts, complaint_drafts, applications, outbox] =
            PURGES;
        let mut purged = Purged::default();
        // What was typed in a session goes with it (on delete cascade).
        for kind in [sessions, logins, typed] {
            purged.sessions += self
                .purge_batches(kind, c.sessions_expired_before, false)
                .await?;
        }
        for kind in [decision_drafts, complaint_drafts, applications] {
            purged.drafts += self
                .purge_batches(kind, c.drafts_changed_before, false)
                .await?;
        }
        purged.sent_messages += self
            .purge_batches(outbox, c.messages_sent_before, false)
            .await?;
        purged.audit_entries += self
            .purge_batches(
                (
                    "audit_log",
                    "id",
                    "select id from audit_log where at < $1 limit $2",
                ),
                c.audit_written_before,
                true,
            )
            .await?;
        Ok(purged)
    }
}
