//! The SQL of [`MunicipalitySettingsStore`](crate::ssr::db::MunicipalitySettingsStore), for the
//! backend that includes this file (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
use super::audit::commit;
use super::Backend;
use crate::domain::people::PersonId;
use crate::ssr::db::*;
use chrono::{DateTime, Utc};

#[async_trait::async_trait]
impl MunicipalitySettingsStore for Backend {
    async fn set_closure_weeks(
        &self,
        municipality: &str,
        rule_id: &str,
        year: i32,
        weeks: &[u32],
        by: PersonId,
        at: DateTime<Utc>,
    ) -> DbResult<()> {
        let weeks: Vec<String> = weeks.iter().map(u32::to_string).collect();
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "insert into closure_weeks (municipality, rule_id, year, weeks, set_by, set_at)
             values ($1, $2, $3, $4, $5, $6)",
        )
        .bind(municipality)
        .bind(rule_id)
        .bind(i64::from(year))
        .bind(weeks.join(","))
        .bind(by)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        commit(tx).await?;
        Ok(())
    }

    async fn closure_weeks_of(&self, municipality: &str) -> DbResult<Vec<ClosureWeeksRecord>> {
        Ok(sqlx::query_as(
            "select w.rule_id, w.year, w.weeks, p.name as set_by_name, w.set_at
             from closure_weeks w join people p on p.id = w.set_by
             where w.municipality = $1 order by w.set_at desc, w.id desc",
        )
        .bind(municipality)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn set_message(
        &self,
        municipality: &str,
        text: &str,
        by: PersonId,
        at: DateTime<Utc>,
    ) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "insert into municipality_messages (municipality, text, set_by, set_at)
             values ($1, $2, $3, $4)",
        )
        .bind(municipality)
        .bind(text)
        .bind(by)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        commit(tx).await?;
        Ok(())
    }

    async fn messages_of(&self, municipality: &str) -> DbResult<Vec<MessageRecord>> {
        Ok(sqlx::query_as(
            "select m.text, p.name as set_by_name, m.set_at
             from municipality_messages m join people p on p.id = m.set_by
             where m.municipality = $1 order by m.set_at desc, m.id desc",
        )
        .bind(municipality)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn add_phone_hours_change(&self, c: &NewPhoneHoursChange) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "insert into phone_hour_changes (municipality, rule_id, from_on, to_on, hours, note, set_by, set_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&c.municipality)
        .bind(&c.rule_id)
        .bind(c.from_on)
        .bind(c.to_on)
        .bind(&c.hours)
        .bind(&c.note)
        .bind(c.set_by)
        .bind(c.set_at)
        .execute(&mut *tx)
        .await?;
        commit(tx).await?;
        Ok(())
    }

    async fn phone_hours_changes_of(
        &self,
        municipality: &str,
    ) -> DbResult<Vec<PhoneHoursChangeRecord>> {
        Ok(sqlx::query_as(
            "select c.rule_id, c.from_on, c.to_on, c.hours, c.note, p.name as set_by_name, c.set_at
             from phone_hour_changes c join people p on p.id = c.set_by
             where c.municipality = $1 order by c.set_at desc, c.id desc",
        )
        .bind(municipality)
        .fetch_all(&self.pool)
        .await?)
    }
}
