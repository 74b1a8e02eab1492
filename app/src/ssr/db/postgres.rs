//! PostgreSQL backend, for deployments with several server instances sharing one database.
use super::repository_sql::{
    book_in_tx, cancel_in_tx, event_column, impl_repository, insert_consent, insert_decision,
    queue_email, raise_flags, HeldPowerRow, PowerRow, APPLICATION_COLUMNS, APPLICATION_SELECT,
    COMPLAINT_SELECT, DECISION_COLUMNS, INSERT_STAFF_ROLE, PERSON_SELECT, POWER_SELECT,
    SESSION_SELECT,
};
use super::*;
use sqlx::postgres::PgPoolOptions;
use sqlx::{PgPool, Postgres, Transaction};
use std::time::Duration;

pub struct PgRepository {
    pub(crate) pool: PgPool,
}

impl PgRepository {
    pub async fn connect(url: &str) -> DbResult<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await
            .map_err(DbError::from_sqlx)?;
        Ok(PgRepository { pool })
    }

    pub(crate) async fn begin_write(&self) -> DbResult<Transaction<'static, Postgres>> {
        self.pool.begin().await.map_err(DbError::from_sqlx)
    }

    pub async fn close(&self) {
        self.pool.close().await
    }
}

impl_repository!(PgRepository, "./migrations/postgres");
