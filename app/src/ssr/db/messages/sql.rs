//! The SQL of [`MessageStore`](crate::ssr::db::MessageStore), for the backend that includes this
//! file (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
use super::audit::commit;
use super::outbox::queue_email_in_tx;
use super::Backend;
use crate::domain::people::PersonId;
use crate::ssr::db::messages::THREAD_SELECT;
use crate::ssr::db::*;
use chrono::{DateTime, Utc};

#[async_trait::async_trait]
impl MessageStore for Backend {
    async fn add_citizen_message(&self, m: &NewCitizenMessage) -> DbResult<i64> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "insert into message_threads (citizen_id, municipality, topic, created_at)
             values ($1, $2, $3, $4)
             on conflict (citizen_id, municipality, topic) do nothing",
        )
        .bind(m.citizen_id)
        .bind(&m.municipality)
        .bind(&m.topic)
        .bind(m.at)
        .execute(&mut *tx)
        .await?;
        let thread: i64 = sqlx::query_scalar(
            "select id from message_threads where citizen_id = $1 and municipality = $2 and topic = $3",
        )
        .bind(m.citizen_id)
        .bind(&m.municipality)
        .bind(&m.topic)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "insert into messages (thread_id, author_id, side, body, sent_at)
             values ($1, $2, 'citizen', $3, $4)",
        )
        .bind(thread)
        .bind(m.author_id)
        .bind(&m.body)
        .bind(m.at)
        .execute(&mut *tx)
        .await?;
        commit(tx).await?;
        Ok(thread)
    }

    async fn add_staff_answer(
        &self,
        thread: i64,
        author: PersonId,
        body: &str,
        at: DateTime<Utc>,
        notices: &[NewEmail],
    ) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "insert into messages (thread_id, author_id, side, body, sent_at)
             values ($1, $2, 'staff', $3, $4)",
        )
        .bind(thread)
        .bind(author)
        .bind(body)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        for n in notices {
            queue_email_in_tx(&mut tx, n).await?;
        }
        commit(tx).await?;
        Ok(())
    }

    async fn threads_of(&self, citizen: PersonId) -> DbResult<Vec<ThreadSummary>> {
        Ok(sqlx::query_as(&format!(
            "{THREAD_SELECT} where t.citizen_id = $1 order by last_at desc, t.id desc"
        ))
        .bind(citizen)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn message_inbox(&self, municipality: &str) -> DbResult<Vec<ThreadSummary>> {
        Ok(sqlx::query_as(&format!(
            "select * from ({THREAD_SELECT} where t.municipality = $1) inbox
             order by case when waiting_since is null then 1 else 0 end, waiting_since,
                      last_at desc, id desc"
        ))
        .bind(municipality)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn message_thread(&self, id: i64) -> DbResult<Option<ThreadSummary>> {
        Ok(sqlx::query_as(&format!("{THREAD_SELECT} where t.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn thread_messages(&self, thread: i64) -> DbResult<Vec<ThreadMessage>> {
        Ok(sqlx::query_as(
            "select m.id, m.author_id, p.name as author_name, m.side, m.body, m.sent_at
             from messages m join people p on p.id = m.author_id
             where m.thread_id = $1 order by m.id",
        )
        .bind(thread)
        .fetch_all(&self.pool)
        .await?)
    }
}
