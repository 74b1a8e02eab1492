//! The SQL of [`DecisionStore`](crate::ssr::db::DecisionStore), for the backend that includes this file
//! (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
use super::audit::commit;
use super::outbox::queue_email_in_tx;
use super::{Backend, Db};
use crate::domain::people::PersonId;
use crate::ssr::db::*;
use chrono::{DateTime, Utc};
use sqlx::Transaction;

#[async_trait::async_trait]
impl DecisionStore for Backend {
    async fn insert_decision_with_course(&self, d: &NewDecision) -> DbResult<(i64, Option<i64>)> {
        let mut tx = self.begin_write().await?;
        let ids = insert_decision_in_tx(&mut tx, d).await?;
        name_created(ids.0);
        commit(tx).await?;
        Ok(ids)
    }

    async fn decide_application(
        &self,
        application: i64,
        d: &NewDecision,
        notices: &[NewEmail],
    ) -> DbResult<Option<i64>> {
        let mut tx = self.begin_write().await?;
        let open = sqlx::query(
            "update applications set status = 'decided', updated_at = $2
             where id = $1 and status in ('submitted', 'in_progress')",
        )
        .bind(application)
        .bind(d.decided_at)
        .execute(&mut *tx)
        .await?;
        if open.rows_affected() == 0 {
            return Ok(None);
        }
        let (decision, _) = insert_decision_in_tx(&mut tx, d).await?;
        name_created(decision);
        sqlx::query("delete from decision_drafts where application_id = $1")
            .bind(application)
            .execute(&mut *tx)
            .await?;
        for email in notices {
            queue_email_in_tx(&mut tx, email).await?;
        }
        commit(tx).await?;
        Ok(Some(decision))
    }

    async fn decision(&self, id: i64) -> DbResult<Option<DecisionRecord>> {
        Ok(sqlx::query_as(&format!(
            "select {DECISION_COLUMNS} from decisions where id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn decisions_of(&self, citizen: PersonId) -> DbResult<Vec<DecisionRecord>> {
        Ok(sqlx::query_as(&format!(
            "select {DECISION_COLUMNS} from decisions where citizen_id = $1
             order by decided_at desc, id desc"
        ))
        .bind(citizen)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn record_first_opening(
        &self,
        id: i64,
        by: PersonId,
        at: DateTime<Utc>,
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "update decisions set first_opened_at = $2, first_opened_by = $3
             where id = $1 and first_opened_at is null",
        )
        .bind(id)
        .bind(at)
        .bind(by)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        commit(tx).await?;
        Ok(true)
    }

    async fn save_decision_draft(
        &self,
        application: i64,
        staff: PersonId,
        fields: &str,
        now: DateTime<Utc>,
    ) -> DbResult<()> {
        sqlx::query(
            "insert into decision_drafts (application_id, staff_id, fields, updated_at) values ($1, $2, $3, $4)
             on conflict (application_id, staff_id) do update set fields = excluded.fields, updated_at = excluded.updated_at",
        )
        .bind(application)
        .bind(staff)
        .bind(fields)
        .bind(now)
        .execute(&self.writer)
        .await
        ?;
        Ok(())
    }

    async fn decision_draft(&self, application: i64, staff: PersonId) -> DbResult<Option<String>> {
        Ok(sqlx::query_scalar(
            "select fields from decision_drafts where application_id = $1 and staff_id = $2",
        )
        .bind(application)
        .bind(staff)
        .fetch_optional(&self.pool)
        .await?)
    }
}

/// Inserts a decision, and the course it grants, inside the caller's write transaction.
pub(super) async fn insert_decision_in_tx(
    tx: &mut Transaction<'_, Db>,
    d: &NewDecision,
) -> DbResult<(i64, Option<i64>)> {
    let decision: i64 = sqlx::query_scalar(
        "insert into decisions (application_id, citizen_id, municipality, kind, outcome, training_form, place,
            sessions_per_week, weeks, start_on, reasons, legal_basis, complaint_guidance, decided_by, decided_at,
            replaces_decision_id, delivery, available_at, delivered_on, transport_outcome, transport_guidance,
            last_day_on)
         values ($1, $2, $3, $21, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
            $19, $20, $22) returning id",
    )
    .bind(d.application_id)
    .bind(d.citizen_id)
    .bind(&d.municipality)
    .bind(d.outcome.code())
    .bind(&d.training_form)
    .bind(&d.place)
    .bind(d.sessions_per_week)
    .bind(d.weeks)
    .bind(d.start_on)
    .bind(&d.reasons)
    .bind(&d.legal_basis)
    .bind(&d.complaint_guidance)
    .bind(d.decided_by)
    .bind(d.decided_at)
    .bind(d.replaces_decision_id)
    .bind(d.delivery.code())
    .bind(d.delivery.available_at())
    .bind(d.delivery.delivered_on())
    .bind(&d.transport_outcome)
    .bind(&d.transport_guidance)
    .bind(d.kind().code())
    .bind(d.last_day_on)
    .fetch_one(&mut **tx)
    .await?;
    let granted = d.outcome.grants_training();
    let ends_on = crate::domain::decision::course_last_day(d.start_on, d.weeks);
    // A new decision after a complaint carries the replaced decision's course on, with
    // its bookings; otherwise a grant starts a course.
    let carried: Option<i64> = match d.replaces_decision_id {
        Some(old) if granted => {
            sqlx::query_scalar(
                "update courses set decision_id = $2, training_form = $3, place = $4, sessions_per_week = $5,
                     starts_on = $6, ends_on = $7
                 where decision_id = $1 and status <> 'ended' returning id",
            )
            .bind(old)
            .bind(decision)
            .bind(&d.training_form)
            .bind(&d.place)
            .bind(d.sessions_per_week)
            .bind(d.start_on)
            .bind(ends_on)
            .fetch_optional(&mut **tx)
            .await?
        }
        _ => None,
    };
    let course = if carried.is_some() {
        carried
    } else if granted {
        let id: i64 = sqlx::query_scalar(
            "insert into courses (decision_id, citizen_id, municipality, training_form, place,
                sessions_per_week, starts_on, ends_on, status, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9) returning id",
        )
        .bind(decision)
        .bind(d.citizen_id)
        .bind(&d.municipality)
        .bind(&d.training_form)
        .bind(&d.place)
        .bind(d.sessions_per_week)
        .bind(d.start_on)
        .bind(ends_on)
        .bind(d.decided_at)
        .fetch_one(&mut **tx)
        .await?;
        Some(id)
    } else {
        None
    };
    Ok((decision, course))
}
