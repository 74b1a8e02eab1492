//! The SQL of [`ComplaintStore`](crate::ssr::db::ComplaintStore), for the backend that includes this file
//! (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
use super::audit::commit;
use super::decisions::insert_decision_in_tx;
use super::outbox::queue_email_in_tx;
use super::Backend;
use crate::domain::people::PersonId;
use crate::ssr::db::*;
use chrono::{DateTime, Utc};

#[async_trait::async_trait]
impl ComplaintStore for Backend {
    async fn insert_complaint(
        &self,
        c: &NewComplaint,
        emails: &[NewEmail],
    ) -> DbResult<Option<i64>> {
        let mut tx = self.begin_write().await?;
        let id: Option<i64> = sqlx::query_scalar(
            "insert into complaints (reference, citizen_id, municipality, kind, decision_id, topic, body, route,
                submitted_by, submitted_at, deadline_at, possibly_late, status, reassessment_due_on,
                forward_due_on, updated_at, body_hash, channel, sent_on)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $10, $16, $17,
                $18)
             on conflict do nothing returning id",
        )
        .bind(&c.reference)
        .bind(c.citizen_id)
        .bind(&c.municipality)
        .bind(c.kind.code())
        .bind(c.decision_id)
        .bind(&c.topic)
        .bind(&c.body)
        .bind(&c.route)
        .bind(c.submitted_by)
        .bind(c.submitted_at)
        .bind(c.deadline_at)
        .bind(c.possibly_late)
        .bind(c.status.code())
        .bind(c.reassessment_due_on)
        .bind(c.forward_due_on)
        // The same text twice is the same complaint; a hash keeps the index small.
        .bind(crate::ssr::session::hash_session_id(&c.body))
        .bind(c.channel.code())
        .bind(c.sent_on)
        .fetch_optional(&mut *tx)
        .await
        ?;
        let Some(id) = id else {
            return Ok(None);
        };
        sqlx::query(
            "insert into complaint_events (complaint_id, at, actor_id, kind, note)
             values ($1, $2, $3, 'received', '')",
        )
        .bind(id)
        .bind(c.submitted_at)
        .bind(c.submitted_by)
        .execute(&mut *tx)
        .await?;
        for email in emails {
            queue_email_in_tx(&mut tx, email).await?;
        }
        commit(tx).await?;
        Ok(Some(id))
    }

    async fn complaint_by_reference(&self, reference: &str) -> DbResult<Option<ComplaintRecord>> {
        Ok(
            sqlx::query_as(&format!("{COMPLAINT_SELECT} where c.reference = $1"))
                .bind(reference)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn live_complaint_about(&self, decision: i64) -> DbResult<Option<ComplaintRecord>> {
        Ok(sqlx::query_as(&format!(
            "{COMPLAINT_SELECT} where c.decision_id = $1 and c.kind = 'decision' and c.withdrawn_at is null"
        ))
        .bind(decision)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn complaints_of(&self, citizen: PersonId) -> DbResult<Vec<ComplaintRecord>> {
        Ok(sqlx::query_as(&format!(
            "{COMPLAINT_SELECT} where c.citizen_id = $1 order by c.submitted_at desc, c.id desc"
        ))
        .bind(citizen)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn complaints_in(&self, municipality: &str) -> DbResult<Vec<ComplaintRecord>> {
        Ok(sqlx::query_as(&format!(
            "{COMPLAINT_SELECT} where c.municipality = $1 order by c.submitted_at, c.id"
        ))
        .bind(municipality)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn complaint_events(&self, complaint: i64) -> DbResult<Vec<ComplaintEvent>> {
        Ok(sqlx::query_as(
            "select e.at, p.name as actor_name, e.kind, e.note
             from complaint_events e left join people p on p.id = e.actor_id
             where e.complaint_id = $1 order by e.at, e.id",
        )
        .bind(complaint)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn save_complaint_draft(
        &self,
        complaint: i64,
        staff: PersonId,
        fields: &str,
        now: DateTime<Utc>,
    ) -> DbResult<()> {
        sqlx::query(
            "insert into complaint_drafts (complaint_id, staff_id, fields, updated_at) values ($1, $2, $3, $4)
             on conflict (complaint_id, staff_id) do update set fields = excluded.fields, updated_at = excluded.updated_at",
        )
        .bind(complaint)
        .bind(staff)
        .bind(fields)
        .bind(now)
        .execute(&self.writer)
        .await
        ?;
        Ok(())
    }

    async fn complaint_draft(&self, complaint: i64, staff: PersonId) -> DbResult<Option<String>> {
        Ok(sqlx::query_scalar(
            "select fields from complaint_drafts where complaint_id = $1 and staff_id = $2",
        )
        .bind(complaint)
        .bind(staff)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn change_complaint(
        &self,
        complaint: i64,
        change: &ComplaintChange,
        emails: &[NewEmail],
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let new_decision = match &change.new_decision {
            Some(d) => Some(insert_decision_in_tx(&mut tx, d).await?.0),
            None => None,
        };
        let at = change.at;
        let done = sqlx::query(
            "update complaints set status = $3, updated_at = $4, handled_by = coalesce($5, handled_by),
                 outcome = coalesce($6, outcome),
                 outcome_at = case when $6 is null then outcome_at else $4 end,
                 reassessment = coalesce($7, reassessment),
                 new_decision_id = coalesce($8, new_decision_id),
                 maintained_at = case when $9 then $4 else maintained_at end,
                 withdrawn_at = case when $10 then $4 else withdrawn_at end,
                 forward_due_on = coalesce($11, forward_due_on),
                 forwarded_on = coalesce($12, forwarded_on),
                 answer = coalesce($13, answer),
                 answered_at = case when $13 is null then answered_at else $4 end
             where id = $1 and status = $2",
        )
        .bind(complaint)
        .bind(change.expected_status.code())
        .bind(change.status.code())
        .bind(at)
        .bind(Some(change.by).filter(|_| !change.maintained && !change.withdrawn))
        .bind(change.outcome.map(|o| o.code()))
        .bind(&change.reassessment)
        .bind(new_decision)
        .bind(change.maintained)
        .bind(change.withdrawn)
        .bind(change.forward_due_on)
        .bind(change.forwarded_on)
        .bind(&change.answer)
        .execute(&mut *tx)
        .await
        ?;
        if done.rows_affected() != 1 {
            // Rolled back: the new decision is not kept either.
            return Ok(false);
        }
        sqlx::query(
            "insert into complaint_events (complaint_id, at, actor_id, kind, note) values ($1, $2, $3, $4, $5)",
        )
        .bind(complaint)
        .bind(at)
        .bind(change.by)
        .bind(&change.event)
        .bind(&change.note)
        .execute(&mut *tx)
        .await
        ?;
        for email in emails {
            queue_email_in_tx(&mut tx, email).await?;
        }
        commit(tx).await?;
        Ok(true)
    }
}
