//! Decisions, the courses they grant, and the caseworker's unsent decision forms.
use super::*;

#[derive(Clone, Debug, PartialEq)]
pub struct NewDecision {
    /// The application decided (none for demo data).
    pub application_id: Option<i64>,
    pub citizen_id: PersonId,
    pub municipality: String,
    pub outcome: crate::domain::complaint_guidance::DecisionOutcome,
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
    /// A termination decision's last training day.
    pub last_day_on: Option<NaiveDate>,
}

impl NewDecision {
    /// A decision ending a course is a termination; one replacing another after a complaint is
    /// a re-assessment; otherwise it decides an application.
    pub fn kind(&self) -> crate::domain::states::DecisionKind {
        use crate::domain::states::DecisionKind;
        if self.outcome == crate::domain::complaint_guidance::DecisionOutcome::Terminated {
            DecisionKind::Termination
        } else if self.replaces_decision_id.is_some() {
            DecisionKind::ComplaintReassessment
        } else {
            DecisionKind::Application
        }
    }
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct DecisionRecord {
    pub id: i64,
    pub application_id: Option<i64>,
    pub citizen_id: PersonId,
    pub municipality: String,
    #[sqlx(try_from = "String")]
    pub outcome: crate::domain::complaint_guidance::DecisionOutcome,
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
    #[sqlx(try_from = "String")]
    pub kind: crate::domain::states::DecisionKind,
    pub replaces_decision_id: Option<i64>,
    /// "portal", "letter" or "in_person" (see `domain::decision_delivery`).
    pub delivery: String,
    pub available_at: Option<DateTime<Utc>>,
    pub delivered_on: Option<NaiveDate>,
    /// A part on transport under SEL § 117 ("granted" or "refused"), with its guidance (JSON).
    pub transport_outcome: Option<String>,
    pub transport_guidance: Option<String>,
    /// A termination decision's last training day.
    pub last_day_on: Option<NaiveDate>,
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

#[async_trait::async_trait]
pub trait DecisionStore: Send + Sync {
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
}

// The SQL both backends share (their statements are in `sql.rs`).

pub(in crate::ssr::db) const DECISION_COLUMNS: &str =
    "id, application_id, citizen_id, municipality, outcome, training_form, place, sessions_per_week, weeks,
     start_on, reasons, legal_basis, complaint_guidance, decided_by, decided_at, first_opened_at,
     first_opened_by, kind, replaces_decision_id, delivery, available_at, delivered_on, transport_outcome,
     transport_guidance, last_day_on";
