//! Making a decision: the record to write and the notices that a decision is waiting.
use crate::domain::complaint_guidance::{complaint_guidance, DecisionSubject};
use crate::domain::decision::CheckedDecision;
use crate::domain::municipality::Municipality;
use crate::domain::time_format::local_date;
use crate::errors::AppError;
use crate::ssr::db::NewDecision;
use chrono::{DateTime, Utc};

/// Who decides what, on which application, and which decision it replaces after a complaint.
pub struct Deciding {
    pub application_id: Option<i64>,
    pub citizen_id: i64,
    pub decided_by: i64,
    pub decided_at: DateTime<Utc>,
    pub replaces_decision_id: Option<i64>,
    pub delivery: crate::domain::decision_delivery::Delivery,
    /// The law the decision is made under (GEN-10).
    pub legal_basis: crate::domain::legal_basis::LegalBasis,
    /// A part on transport under SEL § 117 (granted or refused), if the decision has one.
    pub transport: Option<crate::domain::complaint_guidance::DecisionOutcome>,
}

/// The decision to store for a checked form, with its complaint guidance generated from the
/// municipality's rules.
pub fn new_decision(
    m: &Municipality,
    checked: &CheckedDecision,
    who: Deciding,
) -> Result<NewDecision, AppError> {
    let law = who.legal_basis.law();
    let guidance = complaint_guidance(m, DecisionSubject::Training, checked.outcome).under(law);
    let plan = checked.plan.as_ref();
    Ok(NewDecision {
        application_id: who.application_id,
        replaces_decision_id: who.replaces_decision_id,
        complaint_guidance: Some(serde_json::to_string(&guidance)?),
        citizen_id: who.citizen_id,
        municipality: m.slug.clone(),
        outcome: checked.outcome,
        training_form: plan
            .map(|p| p.training_form.code().to_string())
            .unwrap_or_default(),
        place: plan.map(|p| p.place.clone()).unwrap_or_default(),
        sessions_per_week: plan.map_or(0, |p| i64::from(p.sessions_per_week)),
        weeks: plan.and_then(|p| p.weeks).map(i64::from),
        start_on: plan.map_or(local_date(who.decided_at), |p| p.start_on),
        reasons: checked.reasons.clone(),
        legal_basis: law.into(),
        decided_by: who.decided_by,
        decided_at: who.decided_at,
        delivery: who.delivery,
        transport_outcome: who.transport.map(|o| o.code().into()),
        // Its own guidance: in Mariagerfjord it cannot be appealed (MAR-18, T28).
        last_day_on: None,
        transport_guidance: who
            .transport
            .map(|o| {
                serde_json::to_string(&complaint_guidance(m, DecisionSubject::TransportSel117, o))
            })
            .transpose()?,
    })
}

/// The emails saying a decision is waiting in the portal: to the citizen, and to each
/// relative whose power lets them see the case today. A decision sent by letter or handed
/// over is not announced here: the portal's notice would make it available, and received,
/// before the letter or the hand-over that the caseworker chose.
pub async fn decision_notices(
    state: &crate::ssr::state::AppState,
    citizen: &crate::ssr::db::Person,
    municipality: &str,
    now: DateTime<Utc>,
) -> Result<Vec<crate::ssr::db::NewEmail>, AppError> {
    use crate::domain::notices::decision_waiting;
    case_emails(
        state,
        citizen,
        now,
        |name, to| decision_waiting(name, to, municipality),
        |own| Some(crate::domain::sms_notices::decision_waiting(own)),
    )
    .await
}

/// The citizen and each relative whose power lets them see the case today: who is told of a
/// decision, a hearing or a course's end.
pub async fn case_people(
    state: &crate::ssr::state::AppState,
    citizen: &crate::ssr::db::Person,
    now: DateTime<Utc>,
) -> Result<Vec<crate::ssr::db::Person>, AppError> {
    crate::ssr::notify::people_to_tell(state, citizen, now, crate::domain::people::Scope::View)
        .await
}

/// The notice to each of [`case_people`]: the email `notice(name, address)`, and the text
/// message `sms(to the citizen themself)` where the notice has one, each by the channels the
/// person chose (`ssr::notify`).
pub async fn case_emails(
    state: &crate::ssr::state::AppState,
    citizen: &crate::ssr::db::Person,
    now: DateTime<Utc>,
    notice: impl Fn(&str, &str) -> crate::domain::notices::Notice,
    sms: impl Fn(bool) -> Option<String>,
) -> Result<Vec<crate::ssr::db::NewEmail>, AppError> {
    Ok(case_people(state, citizen, now)
        .await?
        .iter()
        .flat_map(|p| {
            crate::ssr::notify::notices_to(state, Some(p), now, &notice, sms(p.id == citizen.id))
        })
        .collect())
}
