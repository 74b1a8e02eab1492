//! The repository: every database operation the portal needs, as domain-level methods.
//! One trait, two backends (SQLite and PostgreSQL) chosen from `DATABASE_URL`.
mod postgres;
mod repository_sql;
mod sqlite;

pub use postgres::PgRepository;
pub use sqlite::SqliteRepository;

use crate::domain::people::{PersonId, Scopes, StaffRole};
use crate::ssr::settings::DatabaseConfig;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("the row already exists")]
    Conflict,
    #[error("the session is full")]
    Full,
    #[error("not found")]
    NotFound,
    #[error("database error: {0}")]
    Other(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl DbError {
    /// Unique and foreign-key violations become `Conflict`; SQLite does not name constraints,
    /// so the kind is read, not the name.
    pub(crate) fn from_sqlx(e: sqlx::Error) -> DbError {
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

#[derive(Clone, Debug)]
pub struct NewPerson {
    pub subject: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub home_municipality: Option<String>,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Person {
    pub id: PersonId,
    pub subject: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub home_municipality: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StaffMembership {
    pub municipality: String,
    pub role: StaffRole,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PowerSource {
    Citizen,
    Paper,
    Guardianship,
}

impl PowerSource {
    pub fn code(self) -> &'static str {
        match self {
            PowerSource::Citizen => "citizen",
            PowerSource::Paper => "paper",
            PowerSource::Guardianship => "guardianship",
        }
    }
}

#[derive(Clone, Debug)]
pub struct NewPower {
    pub citizen_id: PersonId,
    pub proxy_id: PersonId,
    pub scopes: Scopes,
    /// The last local date on which the power is valid.
    pub expires_on: NaiveDate,
    pub source: PowerSource,
    pub document_ref: Option<String>,
    pub created_by: PersonId,
    pub created_at: DateTime<Utc>,
}

/// A power of attorney as its holder sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct HeldPower {
    pub id: i64,
    pub citizen_id: PersonId,
    pub citizen_name: String,
    pub scopes: Scopes,
    pub expires_on: NaiveDate,
}

#[derive(Clone, Debug)]
pub struct NewDecision {
    pub citizen_id: PersonId,
    pub municipality: String,
    pub outcome: String,
    pub training_form: String,
    pub place: String,
    pub sessions_per_week: i64,
    pub weeks: Option<i64>,
    pub start_on: NaiveDate,
    pub reasons: Option<String>,
    pub legal_basis: String,
    pub decided_by: PersonId,
    pub decided_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Course {
    pub id: i64,
    pub decision_id: i64,
    pub citizen_id: PersonId,
    pub municipality: String,
    pub training_form: String,
    pub place: String,
    pub sessions_per_week: Option<i64>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub status: String,
}

#[derive(Clone, Debug)]
pub struct NewTeamSession {
    pub municipality: String,
    pub title: String,
    pub place: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i64,
    pub therapist_id: Option<PersonId>,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct TeamSession {
    pub id: i64,
    pub municipality: String,
    pub title: String,
    pub place: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i64,
    pub booked: i64,
    pub status: String,
}

#[derive(Clone, Debug)]
pub struct NewWebSession {
    pub id_hash: String,
    pub person_id: PersonId,
    pub acting_for: Option<PersonId>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct WebSession {
    pub id_hash: String,
    pub person_id: PersonId,
    pub acting_for: Option<PersonId>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub actor_id: Option<PersonId>,
    pub on_behalf_of: Option<PersonId>,
    pub action: String,
    pub detail: String,
}

#[async_trait]
pub trait Repository: Send + Sync {
    /// Runs this backend's migrations (idempotent).
    async fn migrate(&self) -> DbResult<()>;

    /// Makes the municipalities table match the loaded files (slug and name).
    async fn sync_municipality(&self, slug: &str, name: &str, now: DateTime<Utc>) -> DbResult<()>;
    async fn municipality_slugs(&self) -> DbResult<Vec<String>>;

    async fn insert_person(&self, p: &NewPerson, now: DateTime<Utc>) -> DbResult<PersonId>;
    async fn person(&self, id: PersonId) -> DbResult<Option<Person>>;
    async fn person_by_subject(&self, subject: &str) -> DbResult<Option<Person>>;
    /// People whose subject starts with `prefix` (the demo people), by id.
    async fn people_with_subject_prefix(&self, prefix: &str) -> DbResult<Vec<Person>>;

    async fn add_staff_role(
        &self,
        person: PersonId,
        municipality: &str,
        role: StaffRole,
        now: DateTime<Utc>,
    ) -> DbResult<()>;
    async fn staff_memberships(&self, person: PersonId) -> DbResult<Vec<StaffMembership>>;

    async fn insert_power(&self, p: &NewPower) -> DbResult<i64>;
    async fn revoke_power(&self, id: i64, by: PersonId, at: DateTime<Utc>) -> DbResult<()>;
    /// Powers held by `proxy` that are accepted, not revoked, and valid on `today`.
    async fn valid_powers_held_by(
        &self,
        proxy: PersonId,
        today: NaiveDate,
    ) -> DbResult<Vec<HeldPower>>;

    /// Records a decision and, when it grants training, the course it creates.
    async fn insert_decision_with_course(&self, d: &NewDecision) -> DbResult<(i64, Option<i64>)>;
    /// The citizen's newest course that has not ended.
    async fn current_course(&self, citizen: PersonId) -> DbResult<Option<Course>>;

    async fn insert_team_session(&self, s: &NewTeamSession) -> DbResult<i64>;
    /// Scheduled sessions of a municipality starting at or after `from`, earliest first.
    async fn team_sessions_from(
        &self,
        municipality: &str,
        from: DateTime<Utc>,
        limit: i64,
    ) -> DbResult<Vec<TeamSession>>;
    /// Books a place: fails with `Full` when the session has no free place and `Conflict` when the
    /// citizen already holds a booking for it. The count and the row change together or not at all.
    async fn book(
        &self,
        session: i64,
        course: &Course,
        booked_by: PersonId,
        now: DateTime<Utc>,
    ) -> DbResult<i64>;
    /// The citizen's booked (not cancelled) sessions starting at or after `from`, earliest first.
    async fn booked_sessions_from(
        &self,
        citizen: PersonId,
        from: DateTime<Utc>,
    ) -> DbResult<Vec<TeamSession>>;

    async fn insert_web_session(&self, s: &NewWebSession) -> DbResult<()>;
    async fn web_session(&self, id_hash: &str) -> DbResult<Option<WebSession>>;
    async fn touch_web_session(&self, id_hash: &str, now: DateTime<Utc>) -> DbResult<()>;
    async fn delete_web_session(&self, id_hash: &str) -> DbResult<()>;
    async fn delete_web_sessions_of(&self, person: PersonId) -> DbResult<u64>;

    async fn audit(&self, entry: &AuditEntry) -> DbResult<()>;
    /// Everything done to or for one citizen, oldest first.
    async fn audit_log_for(&self, citizen: PersonId) -> DbResult<Vec<AuditEntry>>;
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
