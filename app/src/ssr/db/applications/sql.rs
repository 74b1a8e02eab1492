//! The SQL of [`ApplicationStore`](crate::ssr::db::ApplicationStore), for the backend that includes this file
//! (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
use super::audit::commit;
use super::consents::insert_consent_in_tx;
use super::outbox::queue_email_in_tx;
use super::Backend;
use crate::domain::people::PersonId;
use crate::ssr::db::*;
use chrono::{DateTime, NaiveDate, Utc};

#[async_trait::async_trait]
impl ApplicationStore for Backend {
    async fn save_draft(&self, d: &DraftSave) -> DbResult<ApplicationRecord> {
        let mut tx = self.begin_write().await?;
        let updated: Option<ApplicationRecord> = sqlx::query_as(&format!(
            "update applications set municipality = $2, answers = $3, preferred_form = $4,
                preferred_place = $5, transport_need = $6, updated_at = $7
             where citizen_id = $1 and status = 'draft' returning {APPLICATION_COLUMNS}"
        ))
        .bind(d.citizen_id)
        .bind(&d.municipality)
        .bind(&d.answers)
        .bind(&d.preferred_form)
        .bind(&d.preferred_place)
        .bind(&d.transport_need)
        .bind(d.now)
        .fetch_optional(&mut *tx)
        .await?;
        let record = match updated {
            Some(r) => r,
            None => sqlx::query_as(&format!(
                "insert into applications (reference, citizen_id, municipality, created_by, status, answers,
                    preferred_form, preferred_place, transport_need, created_at, updated_at)
                 values ($1, $2, $3, $4, 'draft', $5, $6, $7, $8, $9, $9) returning {APPLICATION_COLUMNS}"
            ))
            .bind(&d.new_reference)
            .bind(d.citizen_id)
            .bind(&d.municipality)
            .bind(d.created_by)
            .bind(&d.answers)
            .bind(&d.preferred_form)
            .bind(&d.preferred_place)
            .bind(&d.transport_need)
            .bind(d.now)
            .fetch_one(&mut *tx)
            .await
            ?,
        };
        name_created(&record.reference);
        commit(tx).await?;
        Ok(record)
    }

    async fn draft_of(&self, citizen: PersonId) -> DbResult<Option<ApplicationRecord>> {
        Ok(sqlx::query_as(&format!(
            "select {APPLICATION_SELECT} from applications where citizen_id = $1 and status = 'draft'"
        ))
        .bind(citizen)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn application_by_reference(
        &self,
        reference: &str,
    ) -> DbResult<Option<ApplicationRecord>> {
        Ok(sqlx::query_as(&format!(
            "select {APPLICATION_SELECT} from applications where reference = $1"
        ))
        .bind(reference)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn submit_draft(
        &self,
        id: i64,
        status: crate::domain::states::ApplicationStatus,
        now: DateTime<Utc>,
        consents: &[NewConsent],
        receipt: Option<&NewEmail>,
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let submitted_at =
            (status == crate::domain::states::ApplicationStatus::Submitted).then_some(now);
        let done = sqlx::query(
            "update applications set status = $2, submitted_at = $3, updated_at = $4
             where id = $1 and status = 'draft'",
        )
        .bind(id)
        .bind(status.code())
        .bind(submitted_at)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        for c in consents {
            insert_consent_in_tx(&mut tx, c).await?;
        }
        if let Some(email) = receipt {
            queue_email_in_tx(&mut tx, email).await?;
        }
        commit(tx).await?;
        Ok(true)
    }

    async fn register_application(&self, a: &RegisteredApplication) -> DbResult<i64> {
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "insert into applications (reference, citizen_id, municipality, created_by, status, answers,
                created_at, updated_at, submitted_at, channel, registered_by)
             values ($1, $2, $3, $4, 'submitted', $5, $6, $6, $7, $8, $4) returning id",
        )
        .bind(&a.reference)
        .bind(a.citizen_id)
        .bind(&a.municipality)
        .bind(a.registered_by)
        .bind(&a.answers)
        .bind(a.registered_at)
        .bind(a.received_at)
        .bind(a.channel.code())
        .fetch_one(&mut *tx)
        .await?;
        insert_consent_in_tx(&mut tx, &a.consent).await?;
        if let Some(email) = &a.receipt {
            queue_email_in_tx(&mut tx, email).await?;
        }
        commit(tx).await?;
        Ok(id)
    }

    async fn applications_received(
        &self,
        municipality: &str,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> DbResult<Vec<ApplicationRecord>> {
        Ok(sqlx::query_as(&format!(
            "select {APPLICATION_SELECT} from applications
             where municipality = $1 and submitted_at >= $2 and submitted_at < $3
               and status in ('submitted', 'in_progress', 'decided')
             order by submitted_at, id"
        ))
        .bind(municipality)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn consent_to_application(&self, id: i64, consent: &NewConsent) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "update applications set status = 'submitted', submitted_at = $2, updated_at = $2
             where id = $1 and status = 'awaiting_consent'",
        )
        .bind(id)
        .bind(consent.given_at)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        insert_consent_in_tx(&mut tx, consent).await?;
        commit(tx).await?;
        Ok(true)
    }

    async fn applications_of(&self, citizen: PersonId) -> DbResult<Vec<ApplicationRecord>> {
        Ok(sqlx::query_as(&format!(
            "select {APPLICATION_SELECT} from applications where citizen_id = $1
             order by created_at desc, id desc"
        ))
        .bind(citizen)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn open_applications(
        &self,
        municipality: &str,
    ) -> DbResult<Vec<(ApplicationRecord, String, Option<NaiveDate>)>> {
        let rows: Vec<ApplicationRecord> = sqlx::query_as(&format!(
            "select {APPLICATION_SELECT} from applications
             where municipality = $1 and status in ('submitted', 'in_progress')
             order by submitted_at, id"
        ))
        .bind(municipality)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let (name, birth): (String, Option<NaiveDate>) =
                sqlx::query_as("select name, birth_date from people where id = $1")
                    .bind(r.citizen_id)
                    .fetch_one(&self.pool)
                    .await?;
            out.push((r, name, birth));
        }
        Ok(out)
    }

    async fn record_case_event(
        &self,
        id: i64,
        event: crate::domain::case_clocks::CaseEvent,
        at: DateTime<Utc>,
    ) -> DbResult<bool> {
        let Some(column) = event_column(event) else {
            return Ok(false);
        };
        // Telling the waiting time (VEJ-06) usually comes after the grant: a decided case
        // records it and stays decided.
        let decided_too = if event == crate::domain::case_clocks::CaseEvent::WaitingTimeTold {
            ", 'decided'"
        } else {
            ""
        };
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(&format!(
            "update applications set {column} = $2, updated_at = $2,
                status = case when status = 'decided' then status else 'in_progress' end
             where id = $1 and {column} is null and status in ('submitted', 'in_progress'{decided_too})"
        ))
        .bind(id)
        .bind(at)
        .execute(&mut *tx)
        .await
        ?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        commit(tx).await?;
        Ok(true)
    }
}
