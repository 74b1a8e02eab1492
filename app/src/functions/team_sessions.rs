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
mod server {
    use crate::domain::people::StaffRole;
    use crate::errors::AppError;
    use crate::ssr::db::TeamSession;
    use crate::ssr::state::AppState;

    pub const MARKERS: [StaffRole; 2] = [StaffRole::Therapist, StaffRole::Admin];
    pub const ALL_STAFF: [StaffRole; 3] = StaffRole::ALL;

    /// The notice to each booked citizen: the email, and the text message `sms`, by the
    /// channels each chose (`ssr::notify`).
    pub async fn notices_to_participants(
        state: &AppState,
        s: &TeamSession,
        notice: impl Fn(&str, &str) -> crate::domain::notices::Notice,
        sms: String,
    ) -> Result<Vec<crate::ssr::db::NewEmail>, AppError> {
        let now = state.clock.now();
        let mut out = Vec::new();
        for p in state.repo.session_participants(s.id).await? {
            let person = state.repo.person(p.citizen_id).await?;
            out.extend(crate::ssr::notify::notices_to(
                state,
                person.as_ref(),
                now,
                &notice,
                Some(sms.clone()),
            ));
        }
        Ok(out)
    }

    /// The citizens booked on a session, each once (with or without an email address).
    pub async fn participant_ids(
        state: &AppState,
        session: i64,
    ) -> Result<Vec<crate::domain::people::PersonId>, AppError> {
        let mut ids: Vec<_> = state
            .repo
            .session_participants(session)
            .await?
            .into_iter()
            .map(|p| p.citizen_id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }

    /// A session of the staff member's own municipality. A session of another municipality is
    /// refused as if it did not exist, and the attempt logged under `action`: in the log of
    /// each citizen booked on it, or without a citizen when none is.
    pub async fn session_of(
        state: &AppState,
        viewer: crate::domain::people::PersonId,
        action: crate::domain::audit::Action,
        id: i64,
        municipality: &str,
    ) -> Result<TeamSession, AppError> {
        match state.repo.team_session(id).await? {
            Some(s) if s.municipality == municipality => Ok(s),
            Some(s) => {
                let detail = format!("session {id} of another municipality");
                let citizens = participant_ids(state, s.id).await?;
                crate::ssr::request::audit_refused_each(
                    state,
                    Some(viewer),
                    &citizens,
                    action,
                    &detail,
                )
                .await?;
                Err(AppError::NotFound)
            }
            None => Err(AppError::NotFound),
        }
    }
}

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

/// The municipality cancels a session it cannot hold, where its rule allows (not Brønderslev:
/// BRS-15). Every booked citizen is told at once; in Fredensborg the notice says an alternative
/// will be offered (FRB-12). The cancellation is not counted against the citizens.
#[server(endpoint = "staff/cancel_session")]
pub async fn cancel_team_session(session: i64) -> Result<(), AppError> {
    use crate::domain::provider_cancellation::provider_options;
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
    ) = Ctx::staff(&server::ALL_STAFF, Action::CancelTeamSession).await?;
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let s = server::session_of(
        &state,
        viewer.person_id,
        Action::CancelTeamSession,
        session,
        &slug,
    )
    .await?;
    let options = provider_options(m.rules.provider_cancellation.as_ref());
    if !options.may_cancel {
        return Err(AppError::invalid(lang.pick(
            "Kommunen kan ikke aflyse en planlagt træning, kun foreslå en ny tid, som borgeren siger ja til (BRS-15).",
            "The municipality cannot cancel a planned session, only propose a new time the citizen agrees to (BRS-15).",
        )));
    }
    let now = state.clock.now();
    if s.starts_at <= now {
        return Err(AppError::invalid(lang.pick(
            "Holdet er allerede begyndt.",
            "The session has already begun.",
        )));
    }
    let notices = server::notices_to_participants(
        &state,
        &s,
        |name, to| {
            crate::domain::notices::session_cancelled_by_municipality(
                name,
                to,
                s.starts_at,
                &s.place,
                options.must_offer_alternative,
            )
        },
        crate::domain::sms_notices::session_cancelled(s.starts_at),
    )
    .await?;
    let rule_id = options
        .rule_id
        .clone()
        .unwrap_or_else(|| "municipality".into());
    // Who is booked, read before the cancellation (after it, no one is booked on the session):
    // each of them, with an email address or not, sees the cancellation in their log.
    let citizens = server::participant_ids(&state, s.id).await?;
    let detail = format!(
        "session {} ({rule_id}), {} told",
        s.id,
        crate::ssr::notify::people_told(&notices)
    );
    request::record_each(
        &state,
        Some(viewer.person_id),
        &citizens,
        Action::CancelTeamSession,
        &detail,
    )
    .of_if(
        &state,
        state
            .repo
            .cancel_team_session(s.id, viewer.person_id, now, &rule_id, &notices),
        |made| *made,
    )
    .await?;
    leptos_axum::redirect(&crate::paths::staff_session(s.id));
    Ok(())
}

/// The municipality proposes a new time for a session; each booked citizen is told and answers.
/// The session moves for a citizen only when they say yes.
#[server(endpoint = "staff/propose_move")]
pub async fn propose_move(session: i64, date: String, time: String) -> Result<(), AppError> {
    use crate::domain::time_format::{local_instant, parse_clock, parse_day};
    use crate::errors::Problem;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    use chrono::Timelike;
    let (
        Ctx {
            state,
            viewer,
            lang,
            ..
        },
        slug,
    ) = Ctx::staff(&server::ALL_STAFF, Action::ProposeMove).await?;
    let s = server::session_of(
        &state,
        viewer.person_id,
        Action::ProposeMove,
        session,
        &slug,
    )
    .await?;
    let now = state.clock.now();
    let mut problems = Vec::new();
    let day = parse_day(&date);
    if day.is_none() {
        problems.push(Problem::at(
            "ny-dato",
            lang.pick(
                "Skriv datoen som dag.måned.år, for eksempel 24.3.2026.",
                "Write the date as day.month.year, for example 24.3.2026.",
            ),
        ));
    }
    let clock = parse_clock(&time);
    if clock.is_none() {
        problems.push(Problem::at(
            "nyt-tidspunkt",
            lang.pick(
                "Skriv tidspunktet som time.minut, for eksempel 10.00.",
                "Write the time as hour.minute, for example 10.00.",
            ),
        ));
    }
    let starts_at = match (day, clock) {
        (Some(d), Some(c)) => local_instant(d, c.hour(), c.minute()),
        _ => None,
    };
    match starts_at {
        Some(t) if t > now => {}
        Some(_) => problems.push(Problem::at(
            "ny-dato",
            lang.pick(
                "Den nye tid skal ligge i fremtiden.",
                "The new time must be in the future.",
            ),
        )),
        None if problems.is_empty() => problems.push(Problem::at(
            "nyt-tidspunkt",
            lang.pick(
                "Det tidspunkt findes ikke den dag (sommertiden begynder).",
                "That time does not exist on that day (summer time begins).",
            ),
        )),
        None => {}
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let starts_at = starts_at.expect("checked above");
    let notices = server::notices_to_participants(
        &state,
        &s,
        |name, to| {
            crate::domain::notices::session_move_proposed(
                name,
                to,
                s.starts_at,
                starts_at,
                &s.place,
            )
        },
        crate::domain::sms_notices::move_proposed(s.starts_at, starts_at),
    )
    .await?;
    // Each booked citizen, with an email address or not, sees the proposal in their log.
    let citizens = server::participant_ids(&state, s.id).await?;
    let detail = format!(
        "session {} to {starts_at}, {} told",
        s.id,
        crate::ssr::notify::people_told(&notices)
    );
    let proposed = request::record_each(
        &state,
        Some(viewer.person_id),
        &citizens,
        Action::ProposeMove,
        &detail,
    )
    .of_if(
        &state,
        state
            .repo
            .propose_move(s.id, starts_at, &notices, state.clock.now()),
        |made| *made,
    )
    .await?;
    if !proposed {
        return Err(AppError::invalid(lang.pick(
            "Der er allerede foreslået en ny tid, eller holdet er aflyst.",
            "A new time is already proposed, or the session is cancelled.",
        )));
    }
    leptos_axum::redirect(&crate::paths::staff_session(s.id));
    Ok(())
}
