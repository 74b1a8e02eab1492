//! The SQL of [`CalendarFeedStore`](crate::ssr::db::CalendarFeedStore), for the backend that includes this file
//! (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
use super::audit::commit;
use super::Backend;
use crate::domain::people::PersonId;
use crate::ssr::db::*;
use chrono::{DateTime, Utc};

#[async_trait::async_trait]
impl CalendarFeedStore for Backend {
    async fn create_calendar_feed(
        &self,
        citizen: PersonId,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("update calendar_feeds set revoked_at = $2 where citizen_id = $1 and revoked_at is null")
            .bind(citizen)
            .bind(now)
            .execute(&mut *tx)
            .await
            ?;
        sqlx::query(
            "insert into calendar_feeds (token_hash, citizen_id, created_at) values ($1, $2, $3)",
        )
        .bind(token_hash)
        .bind(citizen)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        commit(tx).await?;
        Ok(())
    }

    async fn calendar_feed_of(&self, citizen: PersonId) -> DbResult<Option<DateTime<Utc>>> {
        Ok(sqlx::query_scalar(
            "select created_at from calendar_feeds where citizen_id = $1 and revoked_at is null
             order by created_at desc limit 1",
        )
        .bind(citizen)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn calendar_feed_owner(&self, token_hash: &str) -> DbResult<Option<PersonId>> {
        Ok(sqlx::query_scalar(
            "select citizen_id from calendar_feeds where token_hash = $1 and revoked_at is null",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn revoke_calendar_feeds(&self, citizen: PersonId, now: DateTime<Utc>) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "update calendar_feeds set revoked_at = $2 where citizen_id = $1 and revoked_at is null",
        )
        .bind(citizen)
        .bind(now)
        .execute(&mut *tx)
        .await
        ?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        commit(tx).await?;
        Ok(true)
    }
}
