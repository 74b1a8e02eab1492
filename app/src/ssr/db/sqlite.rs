//! SQLite backend: one file, WAL, foreign keys on, a busy timeout, and `BEGIN IMMEDIATE` for
//! write transactions (a deferred transaction that later writes fails at once under contention).
use super::repository_sql::{
    book_in_tx, cancel_in_tx, event_column, impl_repository, insert_consent, insert_decision,
    queue_email, raise_flags, HeldPowerRow, PowerRow, APPLICATION_COLUMNS, APPLICATION_SELECT,
    COMPLAINT_SELECT, DECISION_COLUMNS, INSERT_STAFF_ROLE, PERSON_SELECT, POWER_SELECT,
    SESSION_SELECT,
};
use super::*;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::path::Path;
use std::time::Duration;

pub struct SqliteRepository {
    pub(crate) pool: SqlitePool,
}

impl SqliteRepository {
    /// Opens the file, creating it and its folder if missing.
    pub async fn open(path: &Path) -> DbResult<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| DbError::Other(sqlx::Error::Io(e)))?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(DbError::from_sqlx)?;
        Ok(SqliteRepository { pool })
    }

    pub(crate) async fn begin_write(&self) -> DbResult<Transaction<'static, Sqlite>> {
        self.pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(DbError::from_sqlx)
    }

    /// Closes the pool (tests use it to simulate a database that has gone away).
    pub async fn close(&self) {
        self.pool.close().await
    }
}

impl_repository!(SqliteRepository, "./migrations/sqlite");
