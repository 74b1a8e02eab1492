//! The SQL of [`OutboxStore`](crate::ssr::db::OutboxStore), for the backend that includes this file
//! (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
use super::audit::commit;
use super::{Backend, Db};
use crate::ssr::db::*;
use chrono::{DateTime, Utc};
use sqlx::Transaction;

#[async_trait::async_trait]
impl OutboxStore for Backend {
    async fn queue_email(&self, e: &NewEmail) -> DbResult<i64> {
        Ok(sqlx::query_scalar(
            "insert into email_outbox (recipient_person_id, to_address, subject, body_text, created_at, next_attempt_at, channel)
             values ($1, $2, $3, $4, $5, $5, $6) returning id",
        )
        .bind(e.recipient_person_id)
        .bind(&e.to_address)
        .bind(&e.subject)
        .bind(&e.body_text)
        .bind(e.created_at)
        .bind(e.channel.code())
        .fetch_one(&self.writer)
        .await?)
    }

    async fn claim_outbox(
        &self,
        channel: OutboxChannel,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
    ) -> DbResult<Vec<ClaimedEmail>> {
        // The outer condition is checked again on each row as it is updated, so two
        // workers picking the same rows at once leave each row to the first.
        let mut tx = self.begin_write().await?;
        let claimed = sqlx::query_as(
            "update email_outbox set locked_until = $2, attempts = attempts + 1
             where id in (
                 select id from email_outbox
                 where channel = $4 and sent_at is null and next_attempt_at <= $1
                   and (locked_until is null or locked_until < $1)
                 order by id limit $3)
               and sent_at is null and (locked_until is null or locked_until < $1)
             returning id, to_address, subject, body_text, attempts",
        )
        .bind(now)
        .bind(lease_until)
        .bind(limit)
        .bind(channel.code())
        .fetch_all(&mut *tx)
        .await?;
        commit(tx).await?;
        Ok(claimed)
    }

    async fn mark_email_sent(&self, id: i64, now: DateTime<Utc>) -> DbResult<()> {
        sqlx::query(
            "update email_outbox set sent_at = $2, locked_until = null, last_error = null where id = $1",
        )
        .bind(id)
        .bind(now)
        .execute(&self.writer)
        .await
        ?;
        Ok(())
    }

    async fn mark_email_failed(
        &self,
        id: i64,
        error: &str,
        next_attempt_at: DateTime<Utc>,
    ) -> DbResult<()> {
        sqlx::query(
            "update email_outbox set locked_until = null, last_error = $2, next_attempt_at = $3 where id = $1",
        )
        .bind(id)
        .bind(error)
        .bind(next_attempt_at)
        .execute(&self.writer)
        .await
        ?;
        Ok(())
    }

    async fn outbox_messages(&self, limit: i64) -> DbResult<Vec<OutboxMessage>> {
        Ok(sqlx::query_as(
            "select id, channel, to_address, subject, body_text, created_at, sent_at from email_outbox
             order by id desc limit $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn outbox_backlog(&self) -> DbResult<OutboxBacklog> {
        let (unsent, failing): (i64, i64) = sqlx::query_as(
            "select count(*), count(case when attempts > 0 then 1 end)
             from email_outbox where sent_at is null",
        )
        .fetch_one(&self.pool)
        .await?;
        let oldest = |untried: bool| {
            let sql = if untried {
                "select created_at from email_outbox where sent_at is null and attempts = 0
                 order by id limit 1"
            } else {
                "select created_at from email_outbox where sent_at is null order by id limit 1"
            };
            sqlx::query_scalar::<_, DateTime<Utc>>(sql).fetch_optional(&self.pool)
        };
        Ok(OutboxBacklog {
            unsent,
            failing,
            oldest_unsent: oldest(false).await?,
            oldest_untried: oldest(true).await?,
        })
    }

    async fn due_reminders(
        &self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> DbResult<Vec<DueReminder>> {
        Ok(sqlx::query_as(
            "select b.id as booking_id, b.citizen_id, s.municipality, s.place, s.starts_at
             from bookings b
             join team_sessions s on s.id = b.session_id
             join people p on p.id = b.citizen_id
             where b.status = 'booked' and b.reminded_at is null and s.status = 'scheduled'
               and (p.email is not null or p.phone is not null)
               and s.starts_at >= $1 and s.starts_at < $2
             order by s.starts_at, b.id",
        )
        .bind(from)
        .bind(until)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn queue_reminder(
        &self,
        booking: i64,
        at: DateTime<Utc>,
        messages: &[NewEmail],
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "update bookings set reminded_at = $2 where id = $1 and reminded_at is null and status = 'booked'",
        )
        .bind(booking)
        .bind(at)
        .execute(&mut *tx)
        .await
        ?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        for m in messages {
            queue_email_in_tx(&mut tx, m).await?;
        }
        commit(tx).await?;
        Ok(true)
    }
}

/// Queues an email or SMS inside the caller's write transaction (the transactional outbox).
pub(super) async fn queue_email_in_tx(tx: &mut Transaction<'_, Db>, e: &NewEmail) -> DbResult<()> {
    sqlx::query(
        "insert into email_outbox (recipient_person_id, to_address, subject, body_text, created_at, next_attempt_at, channel)
         values ($1, $2, $3, $4, $5, $5, $6)",
    )
    .bind(e.recipient_person_id)
    .bind(&e.to_address)
    .bind(&e.subject)
    .bind(&e.body_text)
    .bind(e.created_at)
    .bind(e.channel.code())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
