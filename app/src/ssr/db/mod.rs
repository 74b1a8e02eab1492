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

/// An invitation to become someone's proxy, sent to the relative by email (see migration 0003).
#[derive(Clone, Debug)]
pub struct NewInvitation {
    pub citizen_id: PersonId,
    pub invite_name: String,
    pub invite_email: String,
    /// SHA-256 of the link's token; the token itself is only in the email.
    pub token_hash: String,
    pub scopes: Scopes,
    pub expires_on: NaiveDate,
    pub source: PowerSource,
    pub document_ref: Option<String>,
    pub created_by: PersonId,
    pub created_at: DateTime<Utc>,
    pub invitation_expires_at: DateTime<Utc>,
}

/// A power of attorney with the names of both sides, whatever its state.
#[derive(Clone, Debug, PartialEq)]
pub struct PowerRecord {
    pub id: i64,
    pub citizen_id: PersonId,
    pub citizen_name: String,
    pub citizen_municipality: Option<String>,
    pub proxy_id: Option<PersonId>,
    pub proxy_name: Option<String>,
    pub invite_name: Option<String>,
    pub invite_email: Option<String>,
    pub scopes: Scopes,
    pub expires_on: NaiveDate,
    /// "citizen", "paper" or "guardianship".
    pub source: String,
    pub document_ref: Option<String>,
    pub created_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub invitation_expires_at: Option<DateTime<Utc>>,
}

/// An email to send, written in the same transaction as the change that causes it.
#[derive(Clone, Debug, PartialEq)]
pub struct NewEmail {
    pub recipient_person_id: Option<PersonId>,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub created_at: DateTime<Utc>,
}

/// A consent to record: the municipality's text for `purpose` in `version`, given by `given_by`
/// (the citizen, or a relative on their behalf).
#[derive(Clone, Debug, PartialEq)]
pub struct NewConsent {
    pub citizen_id: PersonId,
    pub municipality: String,
    /// `domain::consent::Purpose` code.
    pub purpose: String,
    pub version: i64,
    pub relative_name: Option<String>,
    pub given_by: PersonId,
    pub given_at: DateTime<Utc>,
}

/// A recorded consent with the words consented to and who gave and withdrew it.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ConsentRecord {
    pub id: i64,
    pub citizen_id: PersonId,
    pub municipality: String,
    pub purpose: String,
    pub version: i64,
    pub text_da: String,
    pub text_en: String,
    pub relative_name: Option<String>,
    pub given_by: PersonId,
    pub given_by_name: String,
    pub given_at: DateTime<Utc>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub withdrawn_by_name: Option<String>,
}

/// A message in the outbox, as the development mail page shows it.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct OutboxMessage {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// A citizen's cancellation of a booked session.
#[derive(Clone, Debug, PartialEq)]
pub struct CancelBooking {
    pub session_id: i64,
    pub citizen_id: PersonId,
    pub cancelled_by: PersonId,
    pub at: DateTime<Utc>,
    pub late: bool,
    /// The municipality's cancellation rule it was judged under.
    pub rule_id: String,
    /// The citizen's own cancellation, a move, or part of an absence period.
    pub kind: crate::domain::attendance::CancelKind,
    /// Why it is late, when it is.
    pub late_reason: Option<crate::domain::attendance::LateReason>,
    /// Termination rules the cancellation meets, raised for staff to review with it.
    pub review_flags: Vec<NewReviewFlag>,
}

/// An absence period the citizen registers (holiday, hospital stay): its sessions are cancelled.
#[derive(Clone, Debug, PartialEq)]
pub struct NewAbsence {
    pub citizen_id: PersonId,
    pub from_on: NaiveDate,
    pub to_on: NaiveDate,
    /// One of `domain::absence::REASONS`.
    pub reason: String,
    pub created_by: PersonId,
    pub created_at: DateTime<Utc>,
    /// Termination rules the absence meets and a re-assessment on discharge, raised with it.
    pub review_flags: Vec<NewReviewFlag>,
}

/// A session of a course the citizen was booked on, and how it went: the therapist's mark
/// (`attended`, `no_show`, `excused`) or the citizen's cancellation (`cancelled_on_time`,
/// `cancelled_late`); codes of `domain::termination::Outcome`.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct HistoryEntry {
    pub session_id: i64,
    pub starts_at: DateTime<Utc>,
    /// The therapist's mark when there is one, else the cancellation (on time or late).
    pub outcome: String,
    /// Whether `outcome` is the therapist's mark.
    pub marked: bool,
    /// "cancelled", "moved" or "absence" (see migration 0012).
    pub cancel_kind: String,
    /// The reason of the absence period that cancelled it.
    pub absence_reason: Option<String>,
}

/// A citizen booked on a session, as the therapist's list shows them.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Participant {
    pub citizen_id: PersonId,
    pub name: String,
    pub course_id: i64,
    /// The therapist's mark, once given.
    pub attendance: Option<String>,
    /// The citizen gave notice after the session had begun: still the therapist's to mark.
    pub notice_after_start: bool,
}

/// A termination rule met, for a therapist or caseworker to review (never an action by itself).
#[derive(Clone, Debug, PartialEq)]
pub struct NewReviewFlag {
    pub course_id: i64,
    pub rule_id: String,
    /// JSON of `domain::termination::ReviewFlag`.
    pub facts: String,
    pub created_at: DateTime<Utc>,
}

/// A complaint as the citizen sends it.
#[derive(Clone, Debug, PartialEq)]
pub struct NewComplaint {
    pub reference: String,
    pub citizen_id: PersonId,
    pub municipality: String,
    /// "decision" or "service".
    pub kind: String,
    pub decision_id: Option<i64>,
    /// What a service complaint is about (`domain::complaints::Topic` code).
    pub topic: Option<String>,
    pub body: String,
    /// The unit it goes to, by name.
    pub route: String,
    pub submitted_by: PersonId,
    pub submitted_at: DateTime<Utc>,
    /// The last second of the complaint deadline (decision complaints).
    pub deadline_at: Option<DateTime<Utc>>,
    pub possibly_late: bool,
    pub status: String,
    pub reassessment_due_on: Option<NaiveDate>,
    pub forward_due_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ComplaintRecord {
    pub id: i64,
    pub reference: String,
    pub citizen_id: PersonId,
    pub municipality: String,
    pub kind: String,
    pub decision_id: Option<i64>,
    pub topic: Option<String>,
    pub body: String,
    pub route: String,
    pub submitted_by: PersonId,
    pub submitted_at: DateTime<Utc>,
    pub deadline_at: Option<DateTime<Utc>>,
    pub possibly_late: bool,
    pub status: String,
    pub outcome: Option<String>,
    pub outcome_at: Option<DateTime<Utc>>,
    pub new_decision_id: Option<i64>,
    pub reassessment: Option<String>,
    pub maintained_at: Option<DateTime<Utc>>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub forwarded_on: Option<NaiveDate>,
    pub answer: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    /// How the new decision (partial agreement) was delivered: its receipt starts the citizen's
    /// 4 weeks to say whether the complaint is maintained (see `DecisionRecord::delivery`).
    pub new_decision_delivery: Option<String>,
    pub new_decision_available_at: Option<DateTime<Utc>>,
    pub new_decision_delivered_on: Option<NaiveDate>,
    pub citizen_name: String,
}

/// One step in a complaint's history, with who took it.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ComplaintEvent {
    pub at: DateTime<Utc>,
    pub actor_name: Option<String>,
    pub kind: String,
    pub note: String,
}

/// A change to a complaint, applied only while it has `expected_status`; fields left None
/// keep their value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ComplaintChange {
    pub expected_status: String,
    pub status: String,
    pub at: DateTime<Utc>,
    pub by: PersonId,
    /// The event recorded in the history, e.g. "outcome_partial", "maintained", "forwarded".
    pub event: String,
    pub note: String,
    pub outcome: Option<String>,
    pub reassessment: Option<String>,
    pub new_decision: Option<NewDecision>,
    pub maintained: bool,
    pub withdrawn: bool,
    pub forward_due_on: Option<NaiveDate>,
    pub forwarded_on: Option<NaiveDate>,
    pub answer: Option<String>,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ReviewFlagRecord {
    pub id: i64,
    pub course_id: i64,
    pub citizen_id: PersonId,
    pub citizen_name: String,
    pub rule_id: String,
    pub facts: String,
    pub created_at: DateTime<Utc>,
}

/// A booked session that starts soon and has had no reminder, with what the reminder says.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct DueReminder {
    pub booking_id: i64,
    pub citizen_id: PersonId,
    pub name: String,
    pub email: String,
    pub municipality: String,
    pub place: String,
    pub starts_at: DateTime<Utc>,
}

/// A message a worker has taken from the outbox to send.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ClaimedEmail {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    /// Tries so far, this one included.
    pub attempts: i64,
}

/// What saving an application writes: the draft's fields, and for a new draft its reference.
#[derive(Clone, Debug)]
pub struct DraftSave {
    pub citizen_id: PersonId,
    pub municipality: String,
    pub created_by: PersonId,
    /// Used only when the citizen has no draft yet.
    pub new_reference: String,
    /// The whole draft as JSON (`domain::application::ApplicationDraft`).
    pub answers: String,
    pub preferred_form: Option<String>,
    pub preferred_place: Option<String>,
    pub transport_need: Option<String>,
    pub now: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ApplicationRecord {
    pub id: i64,
    pub reference: String,
    pub citizen_id: PersonId,
    pub municipality: String,
    pub created_by: PersonId,
    /// draft, awaiting_consent, submitted, in_progress, decided, withdrawn
    pub status: String,
    pub answers: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub first_contact_at: Option<DateTime<Utc>>,
    pub home_visit_at: Option<DateTime<Utc>>,
    pub assessed_at: Option<DateTime<Utc>>,
    pub visitation_at: Option<DateTime<Utc>>,
    pub referral_received_at: Option<DateTime<Utc>>,
    pub pre_exam_at: Option<DateTime<Utc>>,
    pub waiting_time_told_at: Option<DateTime<Utc>>,
    /// When the application was decided (its decision of kind 'application').
    #[sqlx(default)]
    pub decided_at: Option<DateTime<Utc>>,
    /// When the first session of the course it granted starts (booked, held or to come).
    #[sqlx(default)]
    pub first_session_at: Option<DateTime<Utc>>,
}

impl ApplicationRecord {
    /// When a step of the case happened, if it has: those staff record, the decision, and the
    /// first session of the course once it has begun (`now`).
    pub fn event_at(
        &self,
        event: crate::domain::case_clocks::CaseEvent,
        now: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        use crate::domain::case_clocks::CaseEvent::*;
        match event {
            FirstContact => self.first_contact_at,
            HomeVisit => self.home_visit_at,
            Assessed => self.assessed_at,
            Visitation => self.visitation_at,
            ReferralReceived => self.referral_received_at,
            PreExam => self.pre_exam_at,
            WaitingTimeTold => self.waiting_time_told_at,
            Decided => self.decided_at,
            TrainingStarted => self.first_session_at.filter(|at| *at <= now),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct NewDecision {
    /// The application decided (none for demo data).
    pub application_id: Option<i64>,
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
    /// The generated complaint guidance (JSON of `domain::complaint_guidance::Guidance`).
    pub complaint_guidance: Option<String>,
    /// The decision this one replaces after a complaint (kind 'complaint_reassessment'); its
    /// course, if any, carries on under the new decision.
    pub replaces_decision_id: Option<i64>,
    /// How it reaches the citizen, and so when it is received (CAL-8).
    pub delivery: crate::domain::decision_delivery::Delivery,
    /// A part on transport under SEL § 117 ("granted" or "refused"), with its guidance (JSON).
    pub transport_outcome: Option<String>,
    pub transport_guidance: Option<String>,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct DecisionRecord {
    pub id: i64,
    pub application_id: Option<i64>,
    pub citizen_id: PersonId,
    pub municipality: String,
    pub outcome: String,
    pub training_form: String,
    pub place: String,
    pub sessions_per_week: Option<i64>,
    pub weeks: Option<i64>,
    pub start_on: NaiveDate,
    pub reasons: Option<String>,
    pub legal_basis: String,
    pub complaint_guidance: Option<String>,
    pub decided_by: PersonId,
    pub decided_at: DateTime<Utc>,
    /// When, and by whom, the citizen or a relative first read it. Shown to staff and in Min
    /// log; it starts or moves no clock.
    pub first_opened_at: Option<DateTime<Utc>>,
    pub first_opened_by: Option<PersonId>,
    /// "application" or "complaint_reassessment".
    pub kind: String,
    pub replaces_decision_id: Option<i64>,
    /// "portal", "letter" or "in_person" (see `domain::decision_delivery`).
    pub delivery: String,
    pub available_at: Option<DateTime<Utc>>,
    pub delivered_on: Option<NaiveDate>,
    /// A part on transport under SEL § 117 ("granted" or "refused"), with its guidance (JSON).
    pub transport_outcome: Option<String>,
    pub transport_guidance: Option<String>,
}

impl DecisionRecord {
    /// How the decision reached the citizen. A row always has the columns its way needs (the
    /// insert writes them together); should one not, the decision counts as published when it
    /// was made, the reading the migration gives existing rows.
    pub fn delivery(&self) -> crate::domain::decision_delivery::Delivery {
        crate::domain::decision_delivery::Delivery::from_parts(
            &self.delivery,
            self.available_at,
            self.delivered_on,
        )
        .unwrap_or(crate::domain::decision_delivery::Delivery::Portal(
            self.decided_at,
        ))
    }
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

/// A weekly series of team sessions as staff plan it (see `domain::series`).
#[derive(Clone, Debug)]
pub struct NewSeries {
    pub municipality: String,
    pub title: String,
    pub place: String,
    pub weekday: i64,
    /// Local start, "10:00".
    pub local_start: String,
    pub duration_minutes: i64,
    pub capacity: i64,
    pub therapist_id: Option<PersonId>,
    pub from_on: NaiveDate,
    pub to_on: NaiveDate,
    pub created_by: PersonId,
    pub created_at: DateTime<Utc>,
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
    /// The new time the municipality proposes, while the status is `move_proposed`.
    pub proposed_starts_at: Option<DateTime<Utc>>,
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

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub actor_id: Option<PersonId>,
    pub on_behalf_of: Option<PersonId>,
    pub action: String,
    pub detail: String,
    /// "ok", or "refused" when the access or change was not allowed.
    pub outcome: String,
}

#[async_trait]
pub trait Repository: Send + Sync {
    /// Runs this backend's migrations (idempotent).
    async fn migrate(&self) -> DbResult<()>;

    /// Makes the municipalities table match the loaded files (slug and name).
    async fn sync_municipality(&self, slug: &str, name: &str, now: DateTime<Utc>) -> DbResult<()>;
    async fn municipality_slugs(&self) -> DbResult<Vec<String>>;
    /// Adds the municipality's consent texts not yet stored. Returns the (purpose, version) of
    /// any stored text whose words differ from the file: a text once given must not change.
    async fn sync_consent_texts(
        &self,
        municipality: &str,
        texts: &[crate::domain::consent::ConsentText],
        now: DateTime<Utc>,
    ) -> DbResult<Vec<(String, i64)>>;
    /// Records a consent; `NotFound` when the municipality has no such text version.
    async fn give_consent(&self, c: &NewConsent) -> DbResult<i64>;
    /// Every consent of a citizen, withdrawn ones too, newest first.
    async fn consents_of(&self, citizen: PersonId) -> DbResult<Vec<ConsentRecord>>;
    /// Withdraws a consent of `citizen`, once: false when it was already withdrawn or not theirs.
    async fn withdraw_consent(
        &self,
        id: i64,
        citizen: PersonId,
        by: PersonId,
        now: DateTime<Utc>,
    ) -> DbResult<bool>;

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
    /// Revokes an open power (or invitation) and queues the notices in the same transaction;
    /// `NotFound` when it is already revoked.
    async fn revoke_power(
        &self,
        id: i64,
        by: PersonId,
        at: DateTime<Utc>,
        notices: &[NewEmail],
    ) -> DbResult<()>;
    /// Stores an invitation and the email that carries its link, together or not at all.
    async fn insert_invitation(&self, i: &NewInvitation, email: &NewEmail) -> DbResult<i64>;
    async fn power(&self, id: i64) -> DbResult<Option<PowerRecord>>;
    async fn power_by_invitation(&self, token_hash: &str) -> DbResult<Option<PowerRecord>>;
    /// Makes `proxy` the holder of the invited power: only once, only before the invitation
    /// expires and while it is not revoked, and never for the citizen themself (`NotFound`).
    async fn accept_invitation(
        &self,
        token_hash: &str,
        proxy: PersonId,
        now: DateTime<Utc>,
    ) -> DbResult<i64>;
    /// Every power a citizen has given, newest first, whatever its state.
    async fn powers_given_by(&self, citizen: PersonId) -> DbResult<Vec<PowerRecord>>;
    /// Every power a person holds or has held, newest first.
    async fn powers_held_by(&self, proxy: PersonId) -> DbResult<Vec<PowerRecord>>;
    /// Citizens of a municipality with this name and birth date (staff finding a citizen).
    async fn citizens_named(
        &self,
        municipality: &str,
        name: &str,
        birth_date: NaiveDate,
    ) -> DbResult<Vec<Person>>;
    /// Writes the citizen's draft: updates the one there is, or starts one.
    async fn save_draft(&self, d: &DraftSave) -> DbResult<ApplicationRecord>;
    async fn draft_of(&self, citizen: PersonId) -> DbResult<Option<ApplicationRecord>>;
    async fn application_by_reference(
        &self,
        reference: &str,
    ) -> DbResult<Option<ApplicationRecord>>;
    /// Moves a draft to `status` ("submitted" or "awaiting_consent") with the consents given on
    /// the way and the receipt email, all or nothing, once: false when it was no longer a draft
    /// (a second press of the button).
    async fn submit_draft(
        &self,
        id: i64,
        status: &str,
        now: DateTime<Utc>,
        consents: &[NewConsent],
        receipt: Option<&NewEmail>,
    ) -> DbResult<bool>;
    /// The citizen consents to an application waiting for it: the consent is recorded and the
    /// application sent, together, once.
    async fn consent_to_application(&self, id: i64, consent: &NewConsent) -> DbResult<bool>;
    async fn applications_of(&self, citizen: PersonId) -> DbResult<Vec<ApplicationRecord>>;
    /// Sent applications of a municipality not yet decided, with the citizen's name and birth
    /// date.
    async fn open_applications(
        &self,
        municipality: &str,
    ) -> DbResult<Vec<(ApplicationRecord, String, Option<NaiveDate>)>>;
    /// Records when a step of the case happened (the first time only) and marks the case in
    /// progress; false when it was already recorded or the application is not open.
    async fn record_case_event(
        &self,
        id: i64,
        event: crate::domain::case_clocks::CaseEvent,
        at: DateTime<Utc>,
    ) -> DbResult<bool>;
    async fn set_home_municipality(&self, person: PersonId, municipality: &str) -> DbResult<()>;
    /// The newest messages in the outbox (the development mail page).
    /// Queues an email on its own (one not written with another change).
    async fn queue_email(&self, e: &NewEmail) -> DbResult<i64>;
    /// Takes up to `limit` unsent messages that are due and not held by another worker, holding
    /// them until `lease_until`; each is taken by one worker only, on several instances too.
    async fn claim_outbox(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
    ) -> DbResult<Vec<ClaimedEmail>>;
    async fn mark_email_sent(&self, id: i64, now: DateTime<Utc>) -> DbResult<()>;
    /// Booked sessions starting in [`from`, `until`) whose citizen has an email address and has
    /// had no reminder for them.
    async fn due_reminders(
        &self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> DbResult<Vec<DueReminder>>;
    /// Marks the booking reminded and queues its email, together and once (false when another
    /// worker did it first).
    async fn queue_reminder(&self, booking: i64, email: &NewEmail) -> DbResult<bool>;
    /// A failed try: the error, and when to try again.
    async fn mark_email_failed(
        &self,
        id: i64,
        error: &str,
        next_attempt_at: DateTime<Utc>,
    ) -> DbResult<()>;
    async fn outbox_messages(&self, limit: i64) -> DbResult<Vec<OutboxMessage>>;
    /// Powers held by `proxy` that are accepted, not revoked, and valid on `today`.
    async fn valid_powers_held_by(
        &self,
        proxy: PersonId,
        today: NaiveDate,
    ) -> DbResult<Vec<HeldPower>>;

    /// Records a decision and, when it grants training, the course it creates.
    async fn insert_decision_with_course(&self, d: &NewDecision) -> DbResult<(i64, Option<i64>)>;
    /// Decides an open application: the decision, the course it grants, the application marked
    /// decided and the emails saying a decision is waiting, together. None when the application
    /// was no longer open (decided already).
    async fn decide_application(
        &self,
        application: i64,
        d: &NewDecision,
        notices: &[NewEmail],
    ) -> DbResult<Option<i64>>;
    async fn decision(&self, id: i64) -> DbResult<Option<DecisionRecord>>;
    /// Keeps what a caseworker typed in a decision form that had a problem (JSON of
    /// `domain::decision::DecisionInput`); one per application and caseworker.
    async fn save_decision_draft(
        &self,
        application: i64,
        staff: PersonId,
        fields: &str,
        now: DateTime<Utc>,
    ) -> DbResult<()>;
    async fn decision_draft(&self, application: i64, staff: PersonId) -> DbResult<Option<String>>;
    /// Decisions on a citizen's applications, newest first.
    async fn decisions_of(&self, citizen: PersonId) -> DbResult<Vec<DecisionRecord>>;
    /// Records when the citizen or their relative first read the decision; true the first time
    /// only. A fact for staff and Min log: no clock runs from it.
    async fn record_first_opening(
        &self,
        id: i64,
        by: PersonId,
        at: DateTime<Utc>,
    ) -> DbResult<bool>;
    /// The citizen's newest course that has not ended.
    async fn current_course(&self, citizen: PersonId) -> DbResult<Option<Course>>;
    /// When the course's first session (booked, held or to come; not cancelled) starts.
    async fn first_session_of(&self, course: i64) -> DbResult<Option<DateTime<Utc>>>;

    async fn insert_team_session(&self, s: &NewTeamSession) -> DbResult<i64>;
    /// Records a series and its sessions (start, end), together; None when the same series
    /// exists already (a second press).
    async fn create_series(
        &self,
        s: &NewSeries,
        sessions: &[(DateTime<Utc>, DateTime<Utc>)],
    ) -> DbResult<Option<i64>>;
    /// The therapists of a municipality, by name.
    async fn therapists_of(&self, municipality: &str) -> DbResult<Vec<Person>>;
    /// Scheduled sessions of a municipality starting at or after `from`, earliest first.
    async fn team_sessions_from(
        &self,
        municipality: &str,
        from: DateTime<Utc>,
        limit: i64,
    ) -> DbResult<Vec<TeamSession>>;
    /// Books a place: fails with `Full` when the session has no free place and `Conflict` when the
    /// citizen already holds a booking for it. The count, the row and the confirmation email
    /// change together or not at all.
    async fn book(
        &self,
        session: i64,
        course: &Course,
        booked_by: PersonId,
        now: DateTime<Utc>,
        confirmation: Option<&NewEmail>,
    ) -> DbResult<i64>;
    /// Cancels the citizen's booking of a session, once (false when there was none to cancel):
    /// the place is freed, the cancellation recorded as on time or late under `rule_id`, and the
    /// receipt email written, together.
    async fn cancel_booking(&self, c: &CancelBooking, receipt: Option<&NewEmail>)
        -> DbResult<bool>;
    /// Moves a booking: cancels `cancel` (judged on time or late, with its flags) and books
    /// `to_session` for the course, with the email, together; false when the old booking was not
    /// there. `Full` or `Conflict` from the new session leave the old booking as it was.
    async fn move_booking(
        &self,
        cancel: &CancelBooking,
        to_session: i64,
        course: &Course,
        email: Option<&NewEmail>,
    ) -> DbResult<bool>;
    /// Records an absence period and cancels its booked sessions, with one receipt, together;
    /// None when the same period was registered already (a second press).
    async fn register_absence(
        &self,
        absence: &NewAbsence,
        cancellations: &[CancelBooking],
        receipt: Option<&NewEmail>,
    ) -> DbResult<Option<i64>>;
    async fn team_session(&self, id: i64) -> DbResult<Option<TeamSession>>;
    /// A municipality's sessions from `from` in every state (the staff list), earliest first.
    async fn staff_sessions_from(
        &self,
        municipality: &str,
        from: DateTime<Utc>,
        limit: i64,
    ) -> DbResult<Vec<TeamSession>>;
    /// The municipality cancels a session: every booking on it cancelled as the municipality's
    /// (not counted against the citizen), the notices written, together; false when it was
    /// already cancelled.
    async fn cancel_team_session(
        &self,
        session: i64,
        by: PersonId,
        at: DateTime<Utc>,
        rule_id: &str,
        notices: &[NewEmail],
    ) -> DbResult<bool>;
    /// The municipality proposes a new start for a scheduled session, with the notices; false
    /// when the session was not scheduled.
    async fn propose_move(
        &self,
        session: i64,
        starts_at: DateTime<Utc>,
        notices: &[NewEmail],
    ) -> DbResult<bool>;
    /// Sessions with a move proposal the citizen has not answered.
    async fn unanswered_moves(&self, citizen: PersonId) -> DbResult<Vec<i64>>;
    /// The citizen answers a proposal: declined, the booking stays; accepted, it moves to the
    /// session at the new time (made by the first to accept), together. None when there was no
    /// open proposal for them; otherwise the session they are booked on now.
    async fn answer_move(
        &self,
        session: i64,
        course: &Course,
        accept: bool,
        now: DateTime<Utc>,
    ) -> DbResult<Option<i64>>;
    /// How each session of the course the citizen was booked on went, earliest first: marked
    /// sessions and the citizen's own cancellations (not the municipality's).
    async fn course_history(&self, course: i64) -> DbResult<Vec<HistoryEntry>>;
    /// The citizens booked on a session, by name, with the therapist's mark.
    async fn session_participants(&self, session: i64) -> DbResult<Vec<Participant>>;
    /// Marks how a booked citizen's session went (a new mark replaces the old one) and raises
    /// `flags`, together; false when the citizen is not booked on the session.
    async fn mark_attendance(
        &self,
        session: i64,
        citizen: PersonId,
        outcome: &str,
        by: PersonId,
        at: DateTime<Utc>,
        flags: &[NewReviewFlag],
    ) -> DbResult<bool>;
    /// Records a complaint with its first history step and its receipt emails, once: None when
    /// the same complaint is already there (a second press).
    async fn insert_complaint(
        &self,
        c: &NewComplaint,
        emails: &[NewEmail],
    ) -> DbResult<Option<i64>>;
    async fn complaint_by_reference(&self, reference: &str) -> DbResult<Option<ComplaintRecord>>;
    /// The complaint about a decision that has not been withdrawn.
    async fn live_complaint_about(&self, decision: i64) -> DbResult<Option<ComplaintRecord>>;
    /// A citizen's complaints, newest first.
    async fn complaints_of(&self, citizen: PersonId) -> DbResult<Vec<ComplaintRecord>>;
    /// A municipality's complaints, oldest first.
    async fn complaints_in(&self, municipality: &str) -> DbResult<Vec<ComplaintRecord>>;
    async fn complaint_events(&self, complaint: i64) -> DbResult<Vec<ComplaintEvent>>;
    /// Keeps what a caseworker typed in the re-assessment form (JSON), replacing the last.
    async fn save_complaint_draft(
        &self,
        complaint: i64,
        staff: PersonId,
        fields: &str,
        now: DateTime<Utc>,
    ) -> DbResult<()>;
    async fn complaint_draft(&self, complaint: i64, staff: PersonId) -> DbResult<Option<String>>;
    /// Applies a change (and any new decision) with its history step and emails in one
    /// transaction, only while the complaint has the expected status; false otherwise.
    async fn change_complaint(
        &self,
        complaint: i64,
        change: &ComplaintChange,
        emails: &[NewEmail],
    ) -> DbResult<bool>;
    /// Review flags of a municipality's courses not yet resolved, oldest first.
    async fn open_review_flags(&self, municipality: &str) -> DbResult<Vec<ReviewFlagRecord>>;
    /// Resolves an open flag of the municipality, once; false when there was none.
    async fn resolve_review_flag(
        &self,
        id: i64,
        municipality: &str,
        by: PersonId,
        at: DateTime<Utc>,
        resolution: &str,
    ) -> DbResult<bool>;
    /// "booked" or "cancelled" when the citizen has (had) a booking for the session.
    async fn booking_status(&self, session: i64, citizen: PersonId) -> DbResult<Option<String>>;
    /// The citizen's booked (not cancelled) sessions starting at or after `from`, earliest first.
    async fn booked_sessions_from(
        &self,
        citizen: PersonId,
        from: DateTime<Utc>,
    ) -> DbResult<Vec<TeamSession>>;

    /// Gives the citizen a new calendar feed address, revoking any earlier one, together.
    async fn create_calendar_feed(
        &self,
        citizen: PersonId,
        token: &str,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> DbResult<()>;
    /// The token of the citizen's feed that is not revoked, if any.
    async fn calendar_feed_of(&self, citizen: PersonId) -> DbResult<Option<String>>;
    /// Whose feed the token (by its hash) opens, while it is not revoked.
    async fn calendar_feed_owner(&self, token_hash: &str) -> DbResult<Option<PersonId>>;
    /// Revokes the citizen's feed; false when there was none.
    async fn revoke_calendar_feeds(&self, citizen: PersonId, now: DateTime<Utc>) -> DbResult<bool>;

    async fn insert_pending_login(&self, l: &PendingLogin) -> DbResult<()>;
    /// Removes and returns the pending sign-in with this state, so it can be used once only.
    /// Pending sign-ins that expired before `now` are cleared at the same time.
    async fn take_pending_login(
        &self,
        state_hash: &str,
        now: DateTime<Utc>,
    ) -> DbResult<Option<PendingLogin>>;
    /// Updates what the sign-in provider says about a person (name, birth date).
    async fn update_person_identity(
        &self,
        id: PersonId,
        name: &str,
        birth_date: Option<NaiveDate>,
    ) -> DbResult<()>;
    /// Replaces a staff member's roles with those the staff provider gives at sign-in.
    async fn set_staff_roles(
        &self,
        person: PersonId,
        municipality: &str,
        roles: &[StaffRole],
        now: DateTime<Utc>,
    ) -> DbResult<()>;

    async fn insert_web_session(&self, s: &NewWebSession) -> DbResult<()>;
    /// Whom the session's person acts for from now on (None: themself).
    async fn set_session_acting_for(
        &self,
        id_hash: &str,
        citizen: Option<PersonId>,
    ) -> DbResult<()>;
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
