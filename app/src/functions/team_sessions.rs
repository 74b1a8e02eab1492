//! Staff and one team session of their municipality: who is booked, and the therapist's marks
//! (attended, no-show, excused). A mark is measured against the municipality's termination
//! rules; a rule it meets raises a review flag for staff, never an automatic termination.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
use crate::views::sessions::SessionView;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParticipantView {
    pub citizen_id: i64,
    pub name: String,
    /// `termination::SessionOutcome` code of the therapist's mark, once given.
    pub attendance: Option<String>,
    /// Gave notice after the session had begun (FRB-15): the mark still decides.
    pub notice_after_start: bool,
    /// How they are told if the session is cancelled or moved (`ssr::notify`).
    pub told: crate::views::notify::ToldView,
}

/// Someone on the session's waiting list, as staff see them (issue 19).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueuedView {
    pub name: String,
    /// Their number in the queue (0 while a place is held for them).
    pub position: i64,
    /// A place is held for them until then.
    pub offered_until: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffSessionView {
    pub session: SessionView,
    /// "scheduled", "cancelled" or "move_proposed".
    pub status: crate::domain::states::SessionStatus,
    pub participants: Vec<ParticipantView>,
    /// The waiting list: places held first, then the queue.
    pub waiting: Vec<QueuedView>,
    /// The viewer may mark attendance (therapists and administrators, once the session began).
    pub may_mark: bool,
    pub started: bool,
    /// When the municipality proposes to move it, the new start.
    pub proposed_starts_at: Option<chrono::DateTime<chrono::Utc>>,
    /// What the municipality may do with a session it cannot hold, under its rule.
    pub provider: crate::domain::provider_cancellation::ProviderOptions,
    /// The rule's words in the municipality's standard.
    pub provider_source: Option<String>,
}

#[cfg(feature = "ssr")]
use crate::ssr::team_sessions as server;

/// One session: its participants and their marks.
#[server(endpoint = "staff/session")]
pub async fn staff_session(session: i64) -> Result<StaffSessionView, AppError> {
    use crate::ssr::request::Ctx;

    let (Ctx { state, viewer, .. }, slug) =
        Ctx::staff(&server::ALL_STAFF, Action::ViewTeamSession).await?;
    let s = server::session_of(
        &state,
        viewer.person_id,
        Action::ViewTeamSession,
        session,
        &slug,
    )
    .await?;
    let mut participants: Vec<ParticipantView> = vec![];
    for p in state.repo.session_participants(s.id).await? {
        let told = match state.repo.person(p.citizen_id).await? {
            Some(person) => crate::ssr::notify::told(&state, &person, true),
            None => crate::views::notify::ToldView {
                name: p.name.clone(),
                email: None,
                sms: None,
            },
        };
        participants.push(ParticipantView {
            citizen_id: p.citizen_id,
            name: p.name,
            attendance: p.attendance,
            notice_after_start: p.notice_after_start,
            told,
        });
    }
    let queue = state.repo.waiting_list_of(s.id).await?;
    // Each booked or waiting citizen's log shows that staff saw them on the session.
    let mut seen: Vec<i64> = participants.iter().map(|p| p.citizen_id).collect();
    seen.extend(queue.iter().map(|w| w.citizen_id));
    seen.sort_unstable();
    seen.dedup();
    crate::ssr::request::audit_each(
        &state,
        Some(viewer.person_id),
        &seen,
        Action::ViewTeamSession,
        &format!("session {}", s.id),
    )
    .await?;
    let started = s.starts_at <= state.clock.now();
    let rule = state
        .municipalities
        .get(&slug)
        .and_then(|m| m.rules.provider_cancellation.clone());
    Ok(StaffSessionView {
        proposed_starts_at: s.proposed_starts_at,
        provider: crate::domain::provider_cancellation::provider_options(rule.as_ref()),
        provider_source: rule.map(|r| r.source),
        status: s.status,
        may_mark: started && viewer.is_staff_of(&slug, &server::MARKERS),
        started,
        participants,
        waiting: queue
            .into_iter()
            .map(|w| QueuedView {
                name: w.name,
                position: w.position,
                offered_until: w
                    .offer_until
                    .filter(|_| w.status == crate::domain::waiting_list::WaitingStatus::Offered),
            })
            .collect(),
        session: s.into(),
    })
}

/// Marks how a booked citizen's session went. A mark that newly meets a termination rule raises a
/// review flag for the course, in the same transaction.
#[server(endpoint = "staff/attendance")]
pub async fn mark_attendance(session: i64, citizen: i64, outcome: String) -> Result<(), AppError> {
    use crate::domain::termination::SessionOutcome;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let (
        Ctx {
            state,
            viewer,
            lang,
            ..
        },
        slug,
    ) = Ctx::staff(&server::MARKERS, Action::MarkAttendance).await?;
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let s = server::session_of(
        &state,
        viewer.person_id,
        Action::MarkAttendance,
        session,
        &slug,
    )
    .await?;
    let now = state.clock.now();
    let outcome = SessionOutcome::from_code(&outcome)
        .filter(|o| SessionOutcome::MARKS.contains(o))
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
    let Some(participant) = state
        .repo
        .session_participants(s.id)
        .await?
        .into_iter()
        .find(|p| p.citizen_id == citizen)
    else {
        // Logged for the citizen named, when there is such a person.
        let named = state.repo.person(citizen).await?.map(|p| p.id);
        request::audit_refused(
            &state,
            Some(viewer.person_id),
            named,
            Action::MarkAttendance,
            &format!("session {}: citizen {citizen} is not booked on it", s.id),
        )
        .await?;
        return Err(AppError::NotFound);
    };
    // The flags this mark newly raises: measured on the history without this session's mark.
    let history =
        crate::ssr::courses::history_without(&state, m, participant.course_id, Some(s.id)).await?;
    let warnings = crate::ssr::courses::warnings(m, &history, &s, outcome, now);
    let flags = crate::ssr::courses::review_flags(
        participant.course_id,
        warnings.iter().map(|w| &w.flag),
        now,
    );
    let marked = request::record(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::MarkAttendance,
        &format!("session {}: {}", s.id, outcome.code()),
    )
    .of_if(
        &state,
        state
            .repo
            .mark_attendance(s.id, citizen, outcome.code(), viewer.person_id, now, &flags),
        |made| *made,
    )
    .await?;
    if !marked {
        return Err(AppError::NotFound);
    }
    leptos_axum::redirect(&crate::paths::staff_session(s.id));
    Ok(())
}

/// Closes a review flag once staff have looked at it and the course goes on (a hearing started
/// from the flag resolves it too).
#[server(endpoint = "staff/resolve_flag")]
pub async fn resolve_flag(flag: i64) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let (Ctx { state, viewer, .. }, slug) =
        Ctx::staff(&server::ALL_STAFF, Action::ResolveReviewFlag).await?;
    let open = state.repo.open_review_flags(&slug).await?;
    let Some(f) = open.iter().find(|f| f.id == flag) else {
        request::audit_refused(
            &state,
            Some(viewer.person_id),
            None,
            Action::ResolveReviewFlag,
            &format!("flag {flag}: not an open flag of the municipality"),
        )
        .await?;
        return Err(AppError::NotFound);
    };
    request::record(
        &state,
        Some(viewer.person_id),
        Some(f.citizen_id),
        Action::ResolveReviewFlag,
        &format!("flag {flag}: {}", f.rule_id),
    )
    .of_if(
        &state,
        state.repo.resolve_review_flag(
            flag,
            &slug,
            viewer.person_id,
            state.clock.now(),
            "reviewed",
        ),
        |made| *made,
    )
    .await?;
    leptos_axum::redirect("/personale");
    Ok(())
}
