//! The repository: every database operation the portal needs, as domain-level methods, one
//! module per area of the data (people, powers, consents, applications, decisions, bookings,
//! calendar feeds, team sessions, review flags, complaints, outbox, audit, municipalities).
//!
//! Each area module holds its records, its trait (the operations) and, in `sql.rs`, the SQL that
//! implements the trait. The SQL is written once: both backends (`sqlite.rs`, `postgres.rs`)
//! include each area's `sql.rs` as a module of their own, where `Db` and `Backend` name the
//! backend. `Repository` joins the area traits: it is the one thing a server function holds.
mod postgres;
mod sqlite;

pub mod applications;
pub mod audit;
pub mod bookings;
pub mod calendar_feeds;
pub mod complaints;
pub mod consents;
pub mod decisions;
pub mod hearings;
pub mod messages;
pub mod municipalities;
pub mod municipality_settings;
pub mod outbox;
pub mod people;
pub mod powers;
pub mod retention;
pub mod review_flags;
pub mod tasks;
pub mod team_sessions;
pub mod waiting_list;

pub use applications::*;
pub use audit::*;
pub use bookings::*;
pub use calendar_feeds::*;
pub use complaints::*;
pub use consents::*;
pub use decisions::*;
pub use hearings::*;
pub use messages::*;
pub use municipalities::*;
pub use municipality_settings::*;
pub use outbox::*;
pub use people::*;
pub use powers::*;
pub use retention::*;
pub use review_flags::*;
pub use tasks::*;
pub use team_sessions::*;
pub use waiting_list::*;

pub use postgres::PgRepository;
pub use sqlite::SqliteRepository;

use crate::domain::people::{PersonId, Scopes, StaffRole};
use crate::ssr::settings::DatabaseConfig;
use chrono::{DateTime, NaiveDate, Utc};
use std::sync::Arc;

/// What can go wrong in the database, classified so callers can act on it: `?` on an
/// `sqlx::Error` classifies it.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("the row already exists")]
    Conflict,
    #[error("the session is full")]
    Full,
    #[error("the session has a free place")]
    Free,
    #[error("not found")]
    NotFound,
    #[error("database error: {0}")]
    Other(sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl From<sqlx::Error> for DbError {
    /// Unique violations become `Conflict` (SQLite does not name constraints, so the kind is
    /// read, not the name) and a missing row `NotFound`; everything else is kept to be logged.
    fn from(e: sqlx::Error) -> DbError {
        match &e {
            sqlx::Error::Database(db) if db.kind() == sqlx::error::ErrorKind::UniqueViolation => {
                DbError::Conflict
            }
            sqlx::Error::RowNotFound => DbError::NotFound,
            _ => DbError::Other(e),
        }
    }
}

pub type DbResult<T> = Result<T, DbError>;

/// Every area's operations, on one backend. A `SharedRepository` (a trait object) offers every
/// area's methods as they are; code holding a backend type itself brings the area traits into
/// scope with `use crate::ssr::db::prelude::*`.
#[async_trait::async_trait]
pub trait Repository:
    MunicipalityStore
    + MunicipalitySettingsStore
    + PeopleStore
    + PowerStore
    + ConsentStore
    + ApplicationStore
    + DecisionStore
    + HearingStore
    + BookingStore
    + CalendarFeedStore
    + TeamSessionStore
    + WaitingListStore
    + MessageStore
    + ReviewFlagStore
    + RetentionStore
    + TaskStore
    + ComplaintStore
    + OutboxStore
    + AuditStore
    + Send
    + Sync
{
    /// Runs this backend's migrations (idempotent).
    async fn migrate(&self) -> DbResult<()>;
    /// Whether the database answers and has exactly the migrations this program knows: not
    /// fewer (not yet migrated) nor more (migrated by a newer version during an upgrade).
    async fn schema_current(&self) -> DbResult<bool>;
    /// How many connections the pool holds now, how many of them are idle, and at most.
    fn pool_use(&self) -> PoolUse;
}

/// The connection pool's use, for the metrics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolUse {
    pub open: u32,
    pub idle: usize,
    pub max: u32,
}

/// The migrations applied to a database, oldest first.
const APPLIED_MIGRATIONS: &str =
    "select version from _sqlx_migrations where success order by version";

/// Whether `applied` are exactly the migrations of `migrator`.
fn is_current(applied: &[i64], migrator: &sqlx::migrate::Migrator) -> bool {
    applied
        .iter()
        .copied()
        .eq(migrator.iter().map(|m| m.version))
}

/// The repository traits, to call their methods on a backend type (`SqliteRepository`, ...).
pub mod prelude {
    pub use super::{
        ApplicationStore, AuditStore, BookingStore, CalendarFeedStore, ComplaintStore,
        ConsentStore, DecisionStore, HearingStore, MessageStore, MunicipalitySettingsStore,
        MunicipalityStore, OutboxStore, PeopleStore, PowerStore, Repository, RetentionStore,
        ReviewFlagStore, TaskStore, TeamSessionStore, WaitingListStore,
    };
}

pub type SharedRepository = Arc<dyn Repository>;

/// Opens (creating if needed) and migrates the configured database.
pub async fn connect(config: &DatabaseConfig) -> DbResult<SharedRepository> {
    let repo: SharedRepository = match config {
        DatabaseConfig::Sqlite { path } => Arc::new(SqliteRepository::open(path).await?),
        DatabaseConfig::Postgres { url } => Arc::new(PgRepository::connect(url).await?),
    };
    repo.migrate().await?;
    Ok(repo)
}
