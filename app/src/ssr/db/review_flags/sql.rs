//! The SQL of [`ReviewFlagStore`](crate::ssr::db::ReviewFlagStore), for the backend that includes this file
//! (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
use super::audit::commit;
use super::{Backend, Db};
use crate::domain::people::PersonId;
use crate::ssr::db::*;
use chrono::{DateTime, Utc};
use sqlx::Transaction;

#[async_trait::async_trait]
impl ReviewFlagStore for Backend {
    async fn open_review_flags(&self, municipality: &str) -> DbResult<Vec<ReviewFlagRecord>> {
        Ok(sqlx::query_as(
            "select f.id, f.course_id, c.citizen_id, p.name as citizen_name, f.rule_id, f.facts, f.created_at
             from review_flags f
             join courses c on c.id = f.course_id
             join people p on p.id = c.citizen_id
             where c.municipality = $1 and f.resolved_at is null
             order by f.created_at, f.id",
        )
        .bind(municipality)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn review_flags_of_course(&self, course: i64) -> DbResult<Vec<ReviewFlagRecord>> {
        Ok(sqlx::query_as(
            "select f.id, f.course_id, c.citizen_id, p.name as citizen_name, f.rule_id, f.facts, f.created_at
             from review_flags f
             join courses c on c.id = f.course_id
             join people p on p.id = c.citizen_id
             where f.course_id = $1
             order by f.created_at, f.id",
        )
        .bind(course)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn raise_review_flags(&self, flags: &[NewReviewFlag]) -> DbResult<u64> {
        let mut tx = self.begin_write().await?;
        let raised = raise_flags_in_tx(&mut tx, flags).await?;
        commit(tx).await?;
        Ok(raised)
    }

    async fn resolve_review_flag(
        &self,
        id: i64,
        municipality: &str,
        by: PersonId,
        at: DateTime<Utc>,
        resolution: &str,
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "update review_flags set resolved_at = $3, resolved_by = $4, resolution = $5
             where id = $1 and resolved_at is null
               and course_id in (select id from courses where municipality = $2)",
        )
        .bind(id)
        .bind(municipality)
        .bind(at)
        .bind(by)
        .bind(resolution)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        commit(tx).await?;
        Ok(true)
    }
}

/// Raises review flags inside the caller's write transaction; a rule already flagged and not yet
/// resolved for the course is not flagged twice (a partial unique index, so also not when two
/// transactions raise it at once).
pub(super) async fn raise_flags_in_tx(
    tx: &mut Transaction<'_, Db>,
    flags: &[NewReviewFlag],
) -> DbResult<u64> {
    let mut raised = 0;
    for f in flags {
        raised += sqlx::query(
            "insert into review_flags (course_id, rule_id, facts, created_at)
             values ($1, $2, $3, $4)
             on conflict do nothing",
        )
        .bind(f.course_id)
        .bind(&f.rule_id)
        .bind(&f.facts)
        .bind(f.created_at)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    }
    Ok(raised)
}
