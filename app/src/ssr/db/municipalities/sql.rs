//! The SQL of [`MunicipalityStore`](crate::ssr::db::MunicipalityStore), for the backend that includes this file
//! (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
use super::Backend;
use crate::ssr::db::*;
use chrono::{DateTime, Utc};

#[async_trait::async_trait]
impl MunicipalityStore for Backend {
    async fn sync_municipality(&self, slug: &str, name: &str, now: DateTime<Utc>) -> DbResult<()> {
        sqlx::query(
            "insert into municipalities (slug, name, updated_at) values ($1, $2, $3)
             on conflict (slug) do update set name = excluded.name, updated_at = excluded.updated_at",
        )
        .bind(slug)
        .bind(name)
        .bind(now)
        .execute(&self.writer)
        .await
        ?;
        Ok(())
    }

    async fn municipality_slugs(&self) -> DbResult<Vec<String>> {
        Ok(
            sqlx::query_scalar("select slug from municipalities order by slug")
                .fetch_all(&self.pool)
                .await?,
        )
    }
}
