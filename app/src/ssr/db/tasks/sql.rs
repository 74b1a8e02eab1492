//! The SQL of [`TaskStore`](crate::ssr::db::TaskStore), for the backend that includes this file
//! (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
use super::audit::commit;
use super::outbox::queue_email_in_tx;
use super::Backend;
use crate::domain::people::PersonId;
use crate::domain::tasks::Obligation;
use crate::ssr::db::*;
use chrono::{DateTime, NaiveDate, Utc};

const TASK_SELECT: &str = "select t.id, t.municipality, t.kind, t.subject, t.rule_id, t.citizen_id,
        c.name as citizen_name, t.due_on, t.facts_da, t.facts_en, t.link, t.assignee_id,
        a.name as assignee_name, t.status, t.created_at, t.closed_at, cb.name as closed_by_name,
        t.close_note
     from tasks t
     join people c on c.id = t.citizen_id
     left join people a on a.id = t.assignee_id
     left join people cb on cb.id = t.closed_by";

#[async_trait::async_trait]
impl TaskStore for Backend {
    async fn raise_tasks(
        &self,
        municipality: &str,
        obligations: &[Obligation],
        now: DateTime<Utc>,
    ) -> DbResult<u64> {
        // Most rounds find nothing new: read first, and take the write lock only for new ones.
        let known: Vec<(String, i64)> =
            sqlx::query_as("select kind, subject from tasks where municipality = $1")
                .bind(municipality)
                .fetch_all(&self.pool)
                .await?;
        let fresh: Vec<&Obligation> = obligations
            .iter()
            .filter(|o| {
                !known
                    .iter()
                    .any(|(k, s)| k == o.kind.code() && *s == o.subject)
            })
            .collect();
        if fresh.is_empty() {
            return Ok(0);
        }
        let mut tx = self.begin_write().await?;
        let mut new = 0;
        for o in fresh {
            new += sqlx::query(
                "insert into tasks (municipality, kind, subject, rule_id, citizen_id, due_on,
                                    facts_da, facts_en, link, status, created_at)
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10)
                 on conflict do nothing",
            )
            .bind(municipality)
            .bind(o.kind.code())
            .bind(o.subject)
            .bind(&o.rule_id)
            .bind(o.citizen_id)
            .bind(o.due_on)
            .bind(&o.facts_da)
            .bind(&o.facts_en)
            .bind(&o.link)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        commit(tx).await?;
        Ok(new)
    }

    async fn open_tasks(&self, municipality: &str) -> DbResult<Vec<TaskRecord>> {
        Ok(sqlx::query_as(&format!(
            "{TASK_SELECT} where t.municipality = $1 and t.status = 'open'
             order by t.due_on, t.id"
        ))
        .bind(municipality)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn closed_tasks(&self, municipality: &str, limit: i64) -> DbResult<Vec<TaskRecord>> {
        Ok(sqlx::query_as(&format!(
            "{TASK_SELECT} where t.municipality = $1 and t.status = 'closed'
             order by t.closed_at desc, t.id desc limit $2"
        ))
        .bind(municipality)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn task(&self, id: i64, municipality: &str) -> DbResult<Option<TaskRecord>> {
        Ok(sqlx::query_as(&format!(
            "{TASK_SELECT} where t.id = $1 and t.municipality = $2"
        ))
        .bind(id)
        .bind(municipality)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn assign_task(
        &self,
        id: i64,
        municipality: &str,
        assignee: Option<PersonId>,
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "update tasks set assignee_id = $3
             where id = $1 and municipality = $2 and status = 'open'",
        )
        .bind(id)
        .bind(municipality)
        .bind(assignee)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        commit(tx).await?;
        Ok(true)
    }

    async fn take_task(&self, id: i64, municipality: &str, me: PersonId) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "update tasks set assignee_id = $3
             where id = $1 and municipality = $2 and status = 'open'
               and (assignee_id is null or assignee_id = $3)",
        )
        .bind(id)
        .bind(municipality)
        .bind(me)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        commit(tx).await?;
        Ok(true)
    }

    async fn close_task(
        &self,
        id: i64,
        municipality: &str,
        by: PersonId,
        at: DateTime<Utc>,
        note: &str,
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "update tasks set status = 'closed', closed_at = $3, closed_by = $4, close_note = $5
             where id = $1 and municipality = $2 and status = 'open'",
        )
        .bind(id)
        .bind(municipality)
        .bind(at)
        .bind(by)
        .bind(note)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        commit(tx).await?;
        Ok(true)
    }

    async fn staff_members(&self, municipality: &str) -> DbResult<Vec<StaffMemberRole>> {
        Ok(sqlx::query_as(
            "select p.id as person_id, p.name, p.email, r.role
             from staff_roles r join people p on p.id = r.person_id
             where r.municipality = $1
             order by p.name, p.id, r.role",
        )
        .bind(municipality)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn flag_sources(&self, municipality: &str, rule_id: &str) -> DbResult<Vec<TaskSource>> {
        Ok(sqlx::query_as(
            "select f.id, c.citizen_id, f.facts as label, f.created_at as at
             from review_flags f join courses c on c.id = f.course_id
             where c.municipality = $1 and f.rule_id = $2 and f.resolved_at is null
             order by f.id",
        )
        .bind(municipality)
        .bind(rule_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn cancelled_bookings(
        &self,
        municipality: &str,
        since: DateTime<Utc>,
    ) -> DbResult<Vec<CancelledBooking>> {
        // The municipality's cancellation cancels each booking at the session's cancelled_at and
        // never marks it late (the citizen's own cancellations are marked on time or late).
        Ok(sqlx::query_as(
            "select b.id, b.session_id, b.citizen_id, s.title, s.starts_at, s.cancelled_at
             from bookings b join team_sessions s on s.id = b.session_id
             where s.municipality = $1 and s.status = 'cancelled' and s.cancelled_at >= $2
               and b.status = 'cancelled' and b.cancelled_late is null
               and b.cancelled_at = s.cancelled_at
             order by b.id",
        )
        .bind(municipality)
        .bind(since)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn hearings_awaiting_answer(&self, municipality: &str) -> DbResult<Vec<TaskSource>> {
        Ok(sqlx::query_as(
            "select id, citizen_id, '' as label, answer_due_at as at
             from hearings
             where municipality = $1 and status = 'awaiting_answer'
             order by id",
        )
        .bind(municipality)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn unopened_decisions(
        &self,
        municipality: &str,
        since: DateTime<Utc>,
    ) -> DbResult<Vec<TaskSource>> {
        Ok(sqlx::query_as(
            "select d.id, d.citizen_id, coalesce(a.reference, '') as label, d.available_at as at
             from decisions d left join applications a on a.id = d.application_id
             where d.municipality = $1 and d.delivery = 'portal' and d.first_opened_at is null
               and d.available_at is not null and d.available_at >= $2
             order by d.id",
        )
        .bind(municipality)
        .bind(since)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn claim_daily_run(
        &self,
        day: NaiveDate,
        instance: &str,
        now: DateTime<Utc>,
        stale_before: DateTime<Utc>,
    ) -> DbResult<bool> {
        let new = sqlx::query(
            "insert into daily_runs (day, instance, started_at) values ($1, $2, $3)
             on conflict do nothing",
        )
        .bind(day)
        .bind(instance)
        .bind(now)
        .execute(&self.writer)
        .await?;
        if new.rows_affected() == 1 {
            return Ok(true);
        }
        let taken_over = sqlx::query(
            "update daily_runs set instance = $2, started_at = $3
             where day = $1 and finished_at is null and started_at < $4",
        )
        .bind(day)
        .bind(instance)
        .bind(now)
        .bind(stale_before)
        .execute(&self.writer)
        .await?;
        Ok(taken_over.rows_affected() == 1)
    }

    async fn finish_daily_run(
        &self,
        day: NaiveDate,
        flags_raised: i64,
        digests: &[NewEmail],
        now: DateTime<Utc>,
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "update daily_runs set finished_at = $2, flags_raised = $3, digests_sent = $4
             where day = $1 and finished_at is null",
        )
        .bind(day)
        .bind(now)
        .bind(flags_raised)
        .bind(digests.len() as i64)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        for e in digests {
            queue_email_in_tx(&mut tx, e).await?;
        }
        commit(tx).await?;
        Ok(true)
    }

    async fn daily_runs(&self, limit: i64) -> DbResult<Vec<DailyRun>> {
        Ok(sqlx::query_as(
            "select day, instance, started_at, finished_at, flags_raised, digests_sent
             from daily_runs order by day desc limit $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }
}
