//! People, staff roles, sign-ins under way and web sessions.
use super::*;

/// A name as staff search for it: case and spacing do not matter.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

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
    /// How they chose to be told (`domain::sms`); `phone` is their mobile number, +45 and eight
    /// digits.
    #[sqlx(try_from = "String")]
    pub notify_by: crate::domain::sms::NotifyBy,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StaffMembership {
    pub municipality: String,
    pub role: StaffRole,
}

#[derive(Clone, Debug)]
pub struct NewWebSession {
    pub id_hash: String,
    pub person_id: PersonId,
    pub acting_for: Option<PersonId>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// The provider signed in with ("citizen" or "staff"); none for the development sign-in.
    pub signed_in_with: Option<String>,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct WebSession {
    pub id_hash: String,
    pub person_id: PersonId,
    pub acting_for: Option<PersonId>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub signed_in_with: Option<String>,
}

/// A web session with the person it belongs to and their staff roles (none for a citizen), as
/// the session middleware reads them on every request, in one query.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionOwner {
    pub session: WebSession,
    pub person: Person,
    pub staff: Vec<StaffMembership>,
}

/// A sign-in under way with the OpenID provider (see migration 0002).
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct PendingLogin {
    pub state_hash: String,
    /// "citizen" or "staff".
    pub kind: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub return_to: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

#[async_trait::async_trait]
pub trait PeopleStore: Send + Sync {
    async fn insert_person(&self, p: &NewPerson, now: DateTime<Utc>) -> DbResult<PersonId>;
    async fn person(&self, id: PersonId) -> DbResult<Option<Person>>;
    async fn person_by_subject(&self, subject: &str) -> DbResult<Option<Person>>;
    /// Gives the people stored as `{kind}:{subject}` before the issuer was part of the key
    /// the issuer of the provider configured now: `{kind}:{issuer}|{subject}`. How many.
    async fn key_legacy_subjects(&self, kind: &str, issuer: &str) -> DbResult<u64>;
    /// People whose subject starts with `prefix` (the demo people), by id.
    async fn people_with_subject_prefix(&self, prefix: &str) -> DbResult<Vec<Person>>;
    /// Citizens of a municipality with this name and birth date (staff finding a citizen).
    async fn citizens_named(
        &self,
        municipality: &str,
        name: &str,
        birth_date: NaiveDate,
    ) -> DbResult<Vec<Person>>;
    /// The person's own choice of how they are told, with their address and mobile number
    /// (`None` removes them).
    async fn set_contact(
        &self,
        person: PersonId,
        email: Option<&str>,
        phone: Option<&str>,
        notify_by: crate::domain::sms::NotifyBy,
    ) -> DbResult<()>;
    async fn set_home_municipality(&self, person: PersonId, municipality: &str) -> DbResult<()>;
    /// Updates what the sign-in provider says about a person (name, birth date).
    async fn update_person_identity(
        &self,
        id: PersonId,
        name: &str,
        birth_date: Option<NaiveDate>,
    ) -> DbResult<()>;
    async fn add_staff_role(
        &self,
        person: PersonId,
        municipality: &str,
        role: StaffRole,
        now: DateTime<Utc>,
    ) -> DbResult<()>;
    /// Replaces a staff member's roles with those the staff provider gives at sign-in.
    async fn set_staff_roles(
        &self,
        person: PersonId,
        municipality: &str,
        roles: &[StaffRole],
        now: DateTime<Utc>,
    ) -> DbResult<()>;
    async fn staff_memberships(&self, person: PersonId) -> DbResult<Vec<StaffMembership>>;
    /// The therapists of a municipality, by name.
    async fn therapists_of(&self, municipality: &str) -> DbResult<Vec<Person>>;
    async fn insert_pending_login(&self, l: &PendingLogin) -> DbResult<()>;
    /// Removes and returns the pending sign-in with this state, so it can be used once only.
    /// Pending sign-ins that expired before `now` are cleared at the same time.
    async fn take_pending_login(
        &self,
        state_hash: &str,
        now: DateTime<Utc>,
    ) -> DbResult<Option<PendingLogin>>;
    async fn insert_web_session(&self, s: &NewWebSession) -> DbResult<()>;
    /// Whom the session's person acts for from now on (None: themself).
    async fn set_session_acting_for(
        &self,
        id_hash: &str,
        citizen: Option<PersonId>,
    ) -> DbResult<()>;
    async fn web_session(&self, id_hash: &str) -> DbResult<Option<WebSession>>;
    async fn session_owner(&self, id_hash: &str) -> DbResult<Option<SessionOwner>>;
    async fn touch_web_session(&self, id_hash: &str, now: DateTime<Utc>) -> DbResult<()>;
    async fn delete_web_session(&self, id_hash: &str) -> DbResult<()>;
    async fn delete_web_sessions_of(&self, person: PersonId) -> DbResult<u64>;
    /// Counts a sign-in attempt from `client` in the minute `window_minute` and forgets earlier
    /// minutes; the attempts from that client in that minute, this one included.
    async fn count_sign_in_attempt(&self, client: &str, window_minute: i64) -> DbResult<i64>;
    /// Keeps what was typed in a failed form post (sealed for the session) under `id` until
    /// `expires_at`, with at most four earlier ones of the session, and forgets what expired
    /// before `now` (`ssr::typed_back`).
    async fn keep_typed_back(
        &self,
        id: &str,
        session_hash: &str,
        sealed: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> DbResult<()>;
    /// What the session `session_hash` typed, kept under `id` and not expired at `now`.
    async fn typed_back(
        &self,
        id: &str,
        session_hash: &str,
        now: DateTime<Utc>,
    ) -> DbResult<Option<String>>;
}

// The SQL both backends share (their statements are in `sql.rs`).

pub(in crate::ssr::db) const PERSON_SELECT: &str =
    "select id, subject, name, email, phone, birth_date, home_municipality, created_at, notify_by
     from people";

pub(in crate::ssr::db) const INSERT_STAFF_ROLE: &str =
    "insert into staff_roles (person_id, municipality, role, created_at) values ($1, $2, $3, $4)
     on conflict do nothing";
