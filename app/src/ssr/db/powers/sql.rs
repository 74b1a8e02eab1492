//! The SQL of [`PowerStore`](crate::ssr::db::PowerStore), for the backend that includes this file
//! (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
use super::audit::commit;
use super::outbox::queue_email_in_tx;
use super::Backend;
use crate::domain::people::PersonId;
use crate::ssr::db::*;
use chrono::{DateTime, NaiveDate, Utc};

#[async_trait::async_trait]
impl PowerStore for Backend {
    async fn insert_power(&self, p: &NewPower) -> DbResult<i64> {
        Ok(sqlx::query_scalar(
            "insert into powers_of_attorney (citizen_id, proxy_id, scope_view, scope_apply, scope_book,
                scope_complain, scope_consents, expires_on, source, document_ref, created_by, created_at, accepted_at,
                approved_at, scope_messages)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12,
                case when $9 = 'citizen' then null else $12 end, $13) returning id",
        )
        .bind(p.citizen_id)
        .bind(p.proxy_id)
        .bind(p.scopes.view)
        .bind(p.scopes.apply)
        .bind(p.scopes.book)
        .bind(p.scopes.complain)
        .bind(p.scopes.consents)
        .bind(p.expires_on)
        .bind(p.source.code())
        .bind(&p.document_ref)
        .bind(p.created_by)
        .bind(p.created_at)
        .bind(p.scopes.messages)
        .fetch_one(&self.writer)
        .await?)
    }

    async fn revoke_power(
        &self,
        id: i64,
        by: PersonId,
        at: DateTime<Utc>,
        notices: &[NewEmail],
    ) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "update powers_of_attorney set revoked_at = $2, revoked_by = $3, invite_token_hash = null
             where id = $1 and revoked_at is null",
        )
        .bind(id)
        .bind(at)
        .bind(by)
        .execute(&mut *tx)
        .await
        ?;
        if done.rows_affected() == 0 {
            return Err(DbError::NotFound);
        }
        for n in notices {
            queue_email_in_tx(&mut tx, n).await?;
        }
        commit(tx).await?;
        Ok(())
    }

    async fn insert_invitation(&self, i: &NewInvitation, email: &NewEmail) -> DbResult<i64> {
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "insert into powers_of_attorney (citizen_id, invite_token_hash, invite_email, invite_name,
                scope_view, scope_apply, scope_book, scope_complain, scope_consents, expires_on, source,
                document_ref, created_by, created_at, invite_expires_at, scope_messages)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) returning id",
        )
        .bind(i.citizen_id)
        .bind(&i.token_hash)
        .bind(&i.invite_email)
        .bind(&i.invite_name)
        .bind(i.scopes.view)
        .bind(i.scopes.apply)
        .bind(i.scopes.book)
        .bind(i.scopes.complain)
        .bind(i.scopes.consents)
        .bind(i.expires_on)
        .bind(i.source.code())
        .bind(&i.document_ref)
        .bind(i.created_by)
        .bind(i.created_at)
        .bind(i.invitation_expires_at)
        .bind(i.scopes.messages)
        .fetch_one(&mut *tx)
        .await
        ?;
        name_created(id);
        queue_email_in_tx(&mut tx, email).await?;
        commit(tx).await?;
        Ok(id)
    }

    async fn power(&self, id: i64) -> DbResult<Option<PowerRecord>> {
        let row: Option<PowerRow> = sqlx::query_as(&format!("{POWER_SELECT} where p.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(PowerRow::into_record))
    }

    async fn power_by_invitation(&self, token_hash: &str) -> DbResult<Option<PowerRecord>> {
        let row: Option<PowerRow> =
            sqlx::query_as(&format!("{POWER_SELECT} where p.invite_token_hash = $1"))
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(PowerRow::into_record))
    }

    async fn accept_invitation(
        &self,
        token_hash: &str,
        proxy: PersonId,
        name_matches: bool,
        now: DateTime<Utc>,
        notices: &[NewEmail],
    ) -> DbResult<Accepted> {
        let mut tx = self.begin_write().await?;
        // A differing name waits for confirmation; for a power registered by staff, that is a
        // new approval by a second staff member who sees the name.
        let (id, awaiting_confirmation): (i64, bool) = sqlx::query_as(
            "update powers_of_attorney set proxy_id = $2, accepted_at = $3, invite_token_hash = null,
                 awaiting_confirmation = $4,
                 approved_at = case when $4 and source <> 'citizen' then null else approved_at end,
                 approved_by = case when $4 and source <> 'citizen' then null else approved_by end
             where invite_token_hash = $1 and accepted_at is null and revoked_at is null
               and invite_expires_at > $3 and citizen_id <> $2 and created_by <> $2
               and (approved_by is null or approved_by <> $2)
             returning id, awaiting_confirmation",
        )
        .bind(token_hash)
        .bind(proxy)
        .bind(now)
        .bind(!name_matches)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(DbError::NotFound)?;
        for n in notices {
            queue_email_in_tx(&mut tx, n).await?;
        }
        commit(tx).await?;
        Ok(Accepted {
            id,
            awaiting_confirmation,
        })
    }

    async fn confirm_power(&self, id: i64, citizen: PersonId) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "update powers_of_attorney set awaiting_confirmation = $3
             where id = $1 and citizen_id = $2 and awaiting_confirmation and source = 'citizen'
               and revoked_at is null",
        )
        .bind(id)
        .bind(citizen)
        .bind(false)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(DbError::NotFound);
        }
        commit(tx).await?;
        Ok(())
    }

    async fn approve_power(
        &self,
        id: i64,
        by: PersonId,
        now: DateTime<Utc>,
        notices: &[NewEmail],
    ) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "update powers_of_attorney set approved_by = $2, approved_at = $3,
                 awaiting_confirmation = $4
             where id = $1 and source <> 'citizen' and approved_at is null and revoked_at is null
               and created_by <> $2 and (proxy_id is null or proxy_id <> $2)
               and expires_on >= $5 and (accepted_at is not null or invite_expires_at > $3)",
        )
        .bind(id)
        .bind(by)
        .bind(now)
        .bind(false)
        .bind(crate::domain::time_format::local_date(now))
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(DbError::NotFound);
        }
        for n in notices {
            queue_email_in_tx(&mut tx, n).await?;
        }
        commit(tx).await?;
        Ok(())
    }

    async fn powers_awaiting_approval(
        &self,
        municipality: &str,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> DbResult<Vec<PowerRecord>> {
        let rows: Vec<PowerRow> = sqlx::query_as(&format!(
            "{POWER_SELECT} where c.home_municipality = $1 and p.source <> 'citizen'
               and p.approved_at is null and p.revoked_at is null and p.expires_on >= $3
               and (p.accepted_at is not null or p.invite_expires_at > $2)
             order by p.created_at, p.id"
        ))
        .bind(municipality)
        .bind(now)
        .bind(today)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(PowerRow::into_record).collect())
    }

    async fn powers_given_by(&self, citizen: PersonId) -> DbResult<Vec<PowerRecord>> {
        let rows: Vec<PowerRow> = sqlx::query_as(&format!(
            "{POWER_SELECT} where p.citizen_id = $1 order by p.created_at desc, p.id desc"
        ))
        .bind(citizen)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(PowerRow::into_record).collect())
    }

    async fn powers_held_by(&self, proxy: PersonId) -> DbResult<Vec<PowerRecord>> {
        let rows: Vec<PowerRow> = sqlx::query_as(&format!(
            "{POWER_SELECT} where p.proxy_id = $1 order by p.created_at desc, p.id desc"
        ))
        .bind(proxy)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(PowerRow::into_record).collect())
    }

    async fn valid_powers_held_by(
        &self,
        proxy: PersonId,
        today: NaiveDate,
    ) -> DbResult<Vec<HeldPower>> {
        let rows: Vec<HeldPowerRow> = sqlx::query_as(
            "select p.id, p.citizen_id, c.name as citizen_name, p.scope_view, p.scope_apply, p.scope_book,
                    p.scope_complain, p.scope_consents, p.scope_messages, p.expires_on
             from powers_of_attorney p join people c on c.id = p.citizen_id
             where p.proxy_id = $1 and p.accepted_at is not null and p.revoked_at is null
               and p.expires_on >= $2 and not p.awaiting_confirmation
               and (p.source = 'citizen' or p.approved_at is not null)
             order by c.name, p.id",
        )
        .bind(proxy)
        .bind(today)
        .fetch_all(&self.pool)
        .await
        ?;
        Ok(rows.into_iter().map(HeldPowerRow::into_held).collect())
    }
}
