//! Staff and one team session of their municipality: who is booked, and the therapist's marks
//! (attended, no-show, excused). A mark is measured against the municipality's termination
//! rules; a rule it meets raises a review flag for staff, never an automatic termination.
use super::overview::SessionView;
use crate::errors::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParticipantView {
    pub citizen_id: i64,
    pub name: String,
    /// `termination::Outcome` code of the therapist's mark, once given.
    pub attendance: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffSessionView {
    pub session: SessionView,
    /// "scheduled", "cancelled" or "move_proposed".
    pub status: String,
    pub participants: Vec<ParticipantView>,
    /// The viewer may mark attendance (therapists and administrators, once the session began).
    pub may_mark: bool,
    pub started: bool,
}

#[cfg(feature = "ssr")]
mod server {
    use crate::domain::people::StaffRole;
    use crate::errors::AppError;
    use crate::ssr::db::TeamSession;
    use crate::ssr::state::AppState;

    pub const MARKERS: [StaffRole; 2] = [StaffRole::Therapist, StaffRole::Admin];
    pub const ALL_STAFF: [StaffRole; 3] =
        [StaffRole::Visitator, StaffRole::Therapist, StaffRole::Admin];

    /// A session of the staff member's own municipality.
    pub async fn session_of(
        state: &AppState,
        id: i64,
        municipality: &str,
    ) -> Result<TeamSession, AppError> {
        match state.repo.team_session(id).await? {
            Some(s) if s.municipality == municipality => Ok(s),
            _ => Err(AppError::NotFound),
        }
    }
}

/// One session: its participants and their marks.
#[server(endpoint = "staff/session")]
pub async fn staff_session(session: i64) -> Result<StaffSessionView, AppError> {
    use crate::ssr::request;
    let state = request::state();
    let (viewer, slug) =
        request::staff_member(&state, &server::ALL_STAFF, "view_team_session").await?;
    let s = server::session_of(&state, session, &slug).await?;
    let participants = state
        .repo
        .session_participants(s.id)
        .await?
        .into_iter()
        .map(|p| ParticipantView {
            citizen_id: p.citizen_id,
            name: p.name,
            attendance: p.attendance,
        })
        .collect();
    let started = s.starts_at <= state.clock.now();
    Ok(StaffSessionView {
        status: s.status.clone(),
        may_mark: started && viewer.is_staff_of(&slug, &server::MARKERS),
        started,
        participants,
        session: s.into(),
    })
}

/// Marks how a booked citizen's session went. A mark that newly meets a termination rule raises a
/// review flag for the course, in the same transaction.
#[server(endpoint = "staff/attendance")]
pub async fn mark_attendance(session: i64, citizen: i64, outcome: String) -> Result<(), AppError> {
    use crate::domain::termination::Outcome;
    use crate::ssr::request;
    let state = request::state();
    let lang = request::lang();
    let (viewer, slug) = request::staff_member(&state, &server::MARKERS, "mark_attendance").await?;
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let s = server::session_of(&state, session, &slug).await?;
    let now = state.clock.now();
    let outcome = Outcome::from_code(&outcome)
        .filter(|o| Outcome::MARKS.contains(o))
        .ok_or_else(|| {
            AppError::invalid(lang.pick(
                "Vælg mødt, udeblevet eller fraværende med gyldig grund.",
                "Choose attended, no-show or absent with good reason.",
            ))
        })?;
    if s.starts_at > now {
        return Err(AppError::invalid(lang.pick(
            "Fremmøde kan først registreres, når holdet er begyndt.",
            "Attendance can be recorded once the session has begun.",
        )));
    }
    let participant = state
        .repo
        .session_participants(s.id)
        .await?
        .into_iter()
        .find(|p| p.citizen_id == citizen)
        .ok_or(AppError::NotFound)?;
    // The flags this mark newly raises: measured on the history without this session's mark.
    let history: Vec<_> = super::booking::server::history(&state, participant.course_id)
        .await?
        .into_iter()
        .filter(|a| a.date != crate::domain::time_format::local_date(s.starts_at))
        .collect();
    let warnings = super::booking::server::warnings(m, &history, &s, outcome, now);
    let flags = super::booking::server::review_flags(
        participant.course_id,
        warnings.iter().map(|w| &w.flag),
        now,
    );
    if !state
        .repo
        .mark_attendance(s.id, citizen, outcome.code(), viewer.person_id, now, &flags)
        .await?
    {
        return Err(AppError::NotFound);
    }
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        "mark_attendance",
        &format!("session {}: {}", s.id, outcome.code()),
    )
    .await?;
    leptos_axum::redirect(&format!("/personale/hold/{}", s.id));
    Ok(())
}

/// Closes a review flag once staff have looked at it (the course goes on, or a hearing is
/// started outside the portal).
#[server(endpoint = "staff/resolve_flag")]
pub async fn resolve_flag(flag: i64) -> Result<(), AppError> {
    use crate::ssr::request;
    let state = request::state();
    let (viewer, slug) =
        request::staff_member(&state, &server::ALL_STAFF, "resolve_review_flag").await?;
    let open = state.repo.open_review_flags(&slug).await?;
    let f = open
        .iter()
        .find(|f| f.id == flag)
        .ok_or(AppError::NotFound)?;
    if state
        .repo
        .resolve_review_flag(flag, &slug, viewer.person_id, state.clock.now(), "reviewed")
        .await?
    {
        request::audit(
            &state,
            Some(viewer.person_id),
            Some(f.citizen_id),
            "resolve_review_flag",
            &format!("flag {flag}: {}", f.rule_id),
        )
        .await?;
    }
    leptos_axum::redirect("/personale");
    Ok(())
}
