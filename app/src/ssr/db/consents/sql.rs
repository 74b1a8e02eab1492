//! The SQL of [`ConsentStore`](crate::ssr::db::ConsentStore), for the backend that includes this file
//! (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
use super::audit::commit;
use super::{Backend, Db};
use crate::domain::people::PersonId;
use crate::ssr::db::*;
use chrono::{DateTime, Utc};
use sqlx::Transaction;

#[async_trait::async_trait]
impl ConsentStore for Backend {
    async fn sync_consent_texts(
        &self,
        municipality: &str,
        texts: &[crate::domain::consent::ConsentText],
        now: DateTime<Utc>,
    ) -> DbResult<Vec<(String, i64)>> {
        let mut changed = Vec::new();
        for t in texts {
            let stored: Option<(String, String)> = sqlx::query_as(
                "select text_da, text_en from consent_texts
                 where municipality = $1 and purpose = $2 and version = $3",
            )
            .bind(municipality)
            .bind(t.purpose.code())
            .bind(t.version as i64)
            .fetch_optional(&self.pool)
            .await?;
            match stored {
                Some((da, en)) if da != t.text_da || en != t.text_en => {
                    changed.push((t.purpose.code().to_string(), t.version as i64));
                }
                Some(_) => {}
                None => {
                    sqlx::query(
                        "insert into consent_texts (municipality, purpose, version, text_da, text_en, created_at)
                         values ($1, $2, $3, $4, $5, $6) on conflict do nothing",
                    )
                    .bind(municipality)
                    .bind(t.purpose.code())
                    .bind(t.version as i64)
                    .bind(&t.text_da)
                    .bind(&t.text_en)
                    .bind(now)
                    .execute(&self.writer)
                    .await
                    ?;
                }
            }
        }
        Ok(changed)
    }

    async fn give_consent(&self, c: &NewConsent) -> DbResult<i64> {
        let mut tx = self.begin_write().await?;
        let id = insert_consent_in_tx(&mut tx, c).await?;
        name_created(id);
        commit(tx).await?;
        Ok(id)
    }

    async fn consents_of(&self, citizen: PersonId) -> DbResult<Vec<ConsentRecord>> {
        Ok(sqlx::query_as(
            "select c.id, c.citizen_id, t.municipality, t.purpose, t.version, t.text_da, t.text_en,
                    c.relative_name, c.given_by, g.name as given_by_name, c.given_at, c.withdrawn_at,
                    w.name as withdrawn_by_name, c.method, c.document_ref
             from consents c
             join consent_texts t on t.id = c.consent_text_id
             join people g on g.id = c.given_by
             left join people w on w.id = c.withdrawn_by
             where c.citizen_id = $1
             order by c.given_at desc, c.id desc",
        )
        .bind(citizen)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn withdraw_consent(
        &self,
        id: i64,
        citizen: PersonId,
        by: PersonId,
        now: DateTime<Utc>,
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "update consents set withdrawn_at = $4, withdrawn_by = $3
             where id = $1 and citizen_id = $2 and withdrawn_at is null",
        )
        .bind(id)
        .bind(citizen)
        .bind(by)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        commit(tx).await?;
        Ok(true)
    }
}

/// Records a consent inside the caller's write transaction; `NotFound` without its text.
pub(super) async fn insert_consent_in_tx(
    tx: &mut Transaction<'_, Db>,
    c: &NewConsent,
) -> DbResult<i64> {
    Ok(sqlx::query_scalar(
        "insert into consents (citizen_id, consent_text_id, relative_name, given_by, method, given_at,
            document_ref)
         select $1, id, $2, $3, $8, $4, $9 from consent_texts
         where municipality = $5 and purpose = $6 and version = $7
         returning id",
    )
    .bind(c.citizen_id)
    .bind(&c.relative_name)
    .bind(c.given_by)
    .bind(c.given_at)
    .bind(&c.municipality)
    .bind(&c.purpose)
    .bind(c.version)
    .bind(c.method.code())
    .bind(&c.document_ref)
    .fetch_one(&mut **tx)
    .await?)
}
