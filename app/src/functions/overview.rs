//! The citizen's overview: their municipality, course and coming sessions.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::domain::municipality::Contact;
use crate::errors::AppError;
use crate::views::sessions::{CourseView, SessionView};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OverviewData {
    pub citizen_name: String,
    pub municipality_name: String,
    pub contacts: Vec<Contact>,
    /// The server's clock when the page was made (whether a phone is open now).
    pub now: DateTime<Utc>,
    pub course: Option<CourseView>,
    pub sessions: Vec<SessionView>,
    /// Applications (reference, status) not yet decided, newest first.
    pub applications: Vec<(String, crate::domain::states::ApplicationStatus)>,
    /// Decisions (id, outcome, when), newest first.
    pub decisions: Vec<(
        i64,
        crate::domain::complaint_guidance::DecisionOutcome,
        DateTime<Utc>,
    )>,
    /// Hearings the municipality awaits an answer to: (id, answer deadline).
    pub hearings: Vec<(i64, DateTime<Utc>)>,
    /// The municipality's message on its pages, if any.
    pub message: Option<String>,
}

#[server(endpoint = "citizen_overview")]
pub async fn citizen_overview() -> Result<OverviewData, AppError> {
    use crate::domain::people::Scope;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    // The citizen themself, or a relative whose power carries the view scope; anyone else is
    // refused, and the attempt logged (in the citizen's log, when there is one).
    let (Ctx { state, viewer, .. }, citizen) =
        Ctx::citizen(Scope::View, Action::ViewOverview).await?;
    let person = state
        .repo
        .person(citizen)
        .await?
        .ok_or(AppError::NotFound)?;
    let municipality = person
        .home_municipality
        .as_deref()
        .and_then(|s| state.municipalities.get(s));
    let course = match state.repo.current_course(citizen).await? {
        Some(c) => Some(crate::ssr::courses::course_view(&state, c).await?),
        None => None,
    };
    let sessions = state
        .repo
        .booked_sessions_from(citizen, state.clock.now())
        .await?;
    let applications = state
        .repo
        .applications_of(citizen)
        .await?
        .into_iter()
        .filter(|a| {
            use crate::domain::states::ApplicationStatus::*;
            matches!(
                a.status,
                Draft | AwaitingConsent | Submitted | InProgress | Decided
            )
        })
        .map(|a| (a.reference, a.status))
        .collect();
    let hearings = state
        .repo
        .hearings_of(citizen)
        .await?
        .into_iter()
        .filter(|h| h.status == crate::domain::hearing::HearingStatus::AwaitingAnswer)
        .map(|h| (h.id, h.answer_due_at))
        .collect();
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::ViewOverview,
        "",
    )
    .await?;
    let (message, contacts) = match municipality {
        Some(m) => (
            crate::ssr::rules_in_force::message(&state, &m.slug).await?,
            // The contacts with any change to their phone hours set for a while.
            crate::ssr::rules_in_force::municipality(&state, &m.slug)
                .await?
                .contacts,
        ),
        None => (None, Vec::new()),
    };
    Ok(OverviewData {
        message,
        hearings,
        citizen_name: person.name,
        municipality_name: municipality.map(|m| m.name.clone()).unwrap_or_default(),
        contacts,
        now: state.clock.now(),
        course,
        sessions: sessions.into_iter().map(SessionView::from).collect(),
        applications,
        decisions: state
            .repo
            .decisions_of(citizen)
            .await?
            .into_iter()
            .map(|d| (d.id, d.outcome, d.decided_at))
            .collect(),
    })
}
