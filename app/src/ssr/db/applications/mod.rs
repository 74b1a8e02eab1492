//! Applications: drafts, sending, consent, and the steps of the case.
use super::*;

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

/// An application received by phone, letter or referral and registered by staff: sent as it
/// is registered, its clocks running from when it arrived, with the consent as it was given.
#[derive(Clone, Debug)]
pub struct RegisteredApplication {
    pub reference: String,
    pub citizen_id: PersonId,
    pub municipality: String,
    pub registered_by: PersonId,
    pub registered_at: DateTime<Utc>,
    /// JSON of `domain::application::ApplicationDraft`.
    pub answers: String,
    pub channel: crate::domain::intake::Channel,
    /// When it arrived (`domain::intake::arrival_instant`): the clocks start here.
    pub received_at: DateTime<Utc>,
    pub consent: NewConsent,
    pub receipt: Option<NewEmail>,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ApplicationRecord {
    pub id: i64,
    pub reference: String,
    pub citizen_id: PersonId,
    pub municipality: String,
    pub created_by: PersonId,
    #[sqlx(try_from = "String")]
    pub status: crate::domain::states::ApplicationStatus,
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

#[async_trait::async_trait]
pub trait ApplicationStore: Send + Sync {
    /// Writes the citizen's draft: updates the one there is, or starts one.
    async fn save_draft(&self, d: &DraftSave) -> DbResult<ApplicationRecord>;
    async fn draft_of(&self, citizen: PersonId) -> DbResult<Option<ApplicationRecord>>;
    async fn application_by_reference(
        &self,
        reference: &str,
    ) -> DbResult<Option<ApplicationRecord>>;
    /// Moves a draft to `status` (submitted, or awaiting the citizen's consent) with the consents given on
    /// the way and the receipt email, all or nothing, once: false when it was no longer a draft
    /// (a second press of the button).
    async fn submit_draft(
        &self,
        id: i64,
        status: crate::domain::states::ApplicationStatus,
        now: DateTime<Utc>,
        consents: &[NewConsent],
        receipt: Option<&NewEmail>,
    ) -> DbResult<bool>;
    /// The citizen consents to an application waiting for it: the consent is recorded and the
    /// application sent, together, once.
    async fn consent_to_application(&self, id: i64, consent: &NewConsent) -> DbResult<bool>;
    /// Registers an application received outside the portal, with its consent and the
    /// receipt, together; the application's id.
    async fn register_application(&self, a: &RegisteredApplication) -> DbResult<i64>;
    /// A municipality's applications received in `[from, to)`, sent and not withdrawn (the
    /// service-level report).
    async fn applications_received(
        &self,
        municipality: &str,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> DbResult<Vec<ApplicationRecord>>;
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
}

// The SQL both backends share (their statements are in `sql.rs`).

/// An application's own columns, written once for both lists below.
macro_rules! application_columns {
    () => {
        "id, reference, citizen_id, municipality, created_by, status, answers, created_at, updated_at, submitted_at,
     first_contact_at, home_visit_at, assessed_at, visitation_at, referral_received_at, pre_exam_at,
     waiting_time_told_at"
    };
}

pub(in crate::ssr::db) const APPLICATION_COLUMNS: &str = application_columns!();

/// An application's columns with when it was decided and when the first session of the course it
/// granted starts, the facts that keep the promises met by the decision or the first session.
pub(in crate::ssr::db) const APPLICATION_SELECT: &str = concat!(
    application_columns!(),
    ",
     (select min(d.decided_at) from decisions d
       where d.application_id = applications.id and d.kind = 'application') as decided_at,
     (select min(s.starts_at) from decisions d
       join courses c on c.decision_id = d.id
       join bookings b on b.course_id = c.id and b.status = 'booked'
       join team_sessions s on s.id = b.session_id
       where d.application_id = applications.id) as first_session_at"
);

/// The column a recorded case step is kept in (a fixed list: never text from a request).
pub(in crate::ssr::db) fn event_column(
    event: crate::domain::case_clocks::CaseEvent,
) -> Option<&'static str> {
    use crate::domain::case_clocks::CaseEvent::*;
    match event {
        FirstContact => Some("first_contact_at"),
        HomeVisit => Some("home_visit_at"),
        Assessed => Some("assessed_at"),
        Visitation => Some("visitation_at"),
        ReferralReceived => Some("referral_received_at"),
        PreExam => Some("pre_exam_at"),
        WaitingTimeTold => Some("waiting_time_told_at"),
        Decided | TrainingStarted => None,
    }
}
