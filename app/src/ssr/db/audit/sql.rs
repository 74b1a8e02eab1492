//! The SQL of [`AuditStore`](crate::ssr::db::AuditStore), for the backend that includes this file
//! (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
use super::Backend;
use crate::domain::people::PersonId;
use crate::ssr::db::*;

#[async_trait::async_trait]
impl AuditStore for Backend {
    async fn audit(&self, e: &AuditEntry) -> DbResult<()> {
        sqlx::query(
            "insert into audit_log (at, actor_id, on_behalf_of, action, detail, outcome)
             values ($1, $2, $3, $4, $5, $6)",
        )
        .bind(e.at)
        .bind(e.actor_id)
        .bind(e.on_behalf_of)
        .bind(&e.action)
        .bind(&e.detail)
        .bind(e.outcome.code())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn audit_log_for(&self, citizen: PersonId) -> DbResult<Vec<AuditEntry>> {
        Ok(sqlx::query_as(
            "select at, actor_id, on_behalf_of, action, detail, outcome from audit_log
             where on_behalf_of = $1 order by at, id",
        )
        .bind(citizen)
        .fetch_all(&self.pool)
        .await?)
    }
}
