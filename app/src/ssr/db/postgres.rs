//! PostgreSQL backend, for deployments with several server instances sharing one database.
// Each area's `sql.rs` is included by both backends on purpose: the same SQL, compiled once for
// each database type (`Db`), so it is written once.
#![allow(clippy::duplicate_mod)]
use super::{DbResult, Repository};
use sqlx::postgres::PgPoolOptions;
use sqlx::{PgPool, Postgres, Transaction};
use std::time::Duration;

/// The database the area modules' SQL (included below) runs on here.
type Db = Postgres;
type Backend = PgRepository;

pub struct PgRepository {
    pub(crate) pool: PgPool,
    /// Writes go through the same pool (PostgreSQL queues writers itself); the name is shared
    /// with the SQLite backend's SQL, where it is the same pool too.
    pub(crate) writer: PgPool,
    pub(crate) audit_batch: audit::GroupCommit,
}

impl PgRepository {
    pub async fn connect(url: &str) -> DbResult<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect(url)
            .await?;
        let audit_batch = audit::GroupCommit::start(pool.clone(), "BEGIN");
        Ok(PgRepository {
            writer: pool.clone(),
            pool,
            audit_batch,
        })
    }

    pub(crate) async fn begin_write(&self) -> DbResult<Transaction<'static, Postgres>> {
        Ok(self.pool.begin().await?)
    }

    pub async fn close(&self) {
        self.pool.close().await
    }
}

#[async_trait::async_trait]
impl Repository for PgRepository {
    async fn migrate(&self) -> DbResult<()> {
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    async fn schema_current(&self) -> DbResult<bool> {
        let applied: Vec<i64> = sqlx::query_scalar(super::APPLIED_MIGRATIONS)
            .fetch_all(&self.pool)
            .await?;
        Ok(super::is_current(&applied, &MIGRATOR))
    }

    fn pool_use(&self) -> super::PoolUse {
        super::PoolUse {
            open: self.pool.size(),
            idle: self.pool.num_idle(),
            max: self.pool.options().get_max_connections(),
        }
    }
}

/// This backend's migrations, built into the program.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

#[path = "applications/sql.rs"]
mod applications;
#[path = "audit/sql.rs"]
mod audit;
#[path = "bookings/sql.rs"]
mod bookings;
#[path = "calendar_feeds/sql.rs"]
mod calendar_feeds;
#[path = "complaints/sql.rs"]
mod complaints;
#[path = "consents/sql.rs"]
mod consents;
#[path = "decisions/sql.rs"]
mod decisions;
#[path = "hearings/sql.rs"]
mod hearings;
#[path = "messages/sql.rs"]
mod messages;
#[path = "municipalities/sql.rs"]
mod municipalities;
#[path = "municipality_settings/sql.rs"]
mod municipality_settings;
#[path = "outbox/sql.rs"]
mod outbox;
#[path = "people/sql.rs"]
mod people;
#[path = "powers/sql.rs"]
mod powers;
#[path = "retention/sql.rs"]
mod retention;
#[path = "review_flags/sql.rs"]
mod review_flags;
#[path = "tasks/sql.rs"]
mod tasks;
#[path = "team_sessions/sql.rs"]
mod team_sessions;
#[path = "waiting_list/sql.rs"]
mod waiting_list;
