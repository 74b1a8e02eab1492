//! The SQL of [`RetentionStore`](crate::ssr::db::RetentionStore), for the backend that includes
//! this file (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
use super::audit::commit;
use super::{Backend, Db};
use crate::domain::retention::{Cutoffs, Purged};
use crate::ssr::db::retention::cases::{self, CASE_BATCH};
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

    /// Deletes the cases that ended before the cutoff, each whole; how many decisions went.
    /// Chosen inside the transaction that deletes them, [`CASE_BATCH`] at a time, each case in
    /// a savepoint: one that cannot be deleted (on PostgreSQL, something added to it in the
    /// meantime fails the deletion on its foreign key) is left whole, logged, and tried again.
    async fn purge_cases(&self, c: &Cutoffs) -> DbResult<u64> {
        let select = cases::ended_decisions();
        let taken_along = cases::taken_along();
        let delete = cases::delete_decision();
        let mut total = 0;
        // Passes over the decisions in id order. A decision that waited for the newer one
        // replacing it is chosen in the next pass; a pass that deletes nothing is the last.
        loop {
            let mut after = 0i64;
            let mut deleted = 0;
            loop {
                let mut tx = self.begin_write().await?;
                let chosen: Vec<(i64, Option<i64>)> = sqlx::query_as(&select)
                    .bind(c.cases_ended_before)
                    .bind(c.cases_ended_before_day)
                    .bind(CASE_BATCH)
                    .bind(after)
                    .fetch_all(&mut *tx)
                    .await?;
                let Some(&(last, _)) = chosen.last() else {
                    break;
                };
                after = last;
                for &(decision, application) in &chosen {
                    let mut case = sqlx::Acquire::begin(&mut *tx).await?;
                    let along: Vec<(i64, Option<i64>)> = sqlx::query_as(&taken_along)
                        .bind(decision)
                        .fetch_all(&mut *case)
                        .await?;
                    let mut all = vec![(decision, application)];
                    all.extend(along);
                    match delete_case(&mut case, &all, &delete).await {
                        Ok(()) => {
                            case.commit().await?;
                            deleted += all.len() as u64;
                        }
                        Err(e) => {
                            case.rollback().await?;
                            tracing::warn!(decision, error = %e,
                                "retention: a case could not be deleted; it is tried again");
                        }
                    }
                }
                commit(tx).await?;
            }
            total += deleted;
            if deleted == 0 {
                return Ok(total);
            }
        }
    }

    /// Deletes what `choose` picks before the cutoff, each with the statements of `delete`,
    /// in batches; how many.
    async fn purge_each(
        &self,
        choose: &str,
        delete: &[&str],
        before: DateTime<Utc>,
    ) -> DbResult<u64> {
        let mut total = 0;
        loop {
            let mut tx = self.begin_write().await?;
            let chosen: Vec<i64> = sqlx::query_scalar(choose)
                .bind(before)
                .bind(CASE_BATCH)
                .fetch_all(&mut *tx)
                .await?;
            for id in &chosen {
                for sql in delete {
                    sqlx::query(sql).bind(id).execute(&mut *tx).await?;
                }
            }
            commit(tx).await?;
            if chosen.is_empty() {
                return Ok(total);
            }
            total += chosen.len() as u64;
        }
    }

    /// Deletes absences that ended before the cutoff day; how many.
    async fn purge_absences(&self, before: NaiveDate) -> DbResult<u64> {
        let mut total = 0;
        loop {
            let mut tx = self.begin_write().await?;
            let done = sqlx::query(cases::DELETE_ENDED_ABSENCES)
                .bind(before)
                .bind(PURGE_BATCH)
                .execute(&mut *tx)
                .await?
                .rows_affected();
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
        // Cases before absences: a booking of a deleted case no longer keeps its absence.
        purged.cases += self.purge_cases(c).await?;
        purged.service_complaints += self
            .purge_each(
                cases::ENDED_SERVICE_COMPLAINTS,
                &cases::DELETE_SERVICE_COMPLAINT,
                c.cases_ended_before,
            )
            .await?;
        // After the cases: a thread stays while any case of its citizen does.
        purged.message_threads += self
            .purge_each(
                cases::ENDED_MESSAGE_THREADS,
                &cases::DELETE_MESSAGE_THREAD,
                c.cases_ended_before,
            )
            .await?;
        purged.absences += self.purge_absences(c.cases_ended_before_day).await?;
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

/// Deletes the decisions (the first, then those taken along with it) with what hangs on each.
async fn delete_case(
    case: &mut sqlx::Transaction<'_, Db>,
    decisions: &[(i64, Option<i64>)],
    delete: &[String],
) -> Result<(), sqlx::Error> {
    for &(decision, application) in decisions {
        for sql in delete {
            sqlx::query(sql).bind(decision).execute(&mut **case).await?;
        }
        if let Some(application) = application {
            for sql in cases::DELETE_APPLICATION {
                sqlx::query(sql)
                    .bind(application)
                    .execute(&mut **case)
                    .await?;
            }
        }
    }
    Ok(())
}
