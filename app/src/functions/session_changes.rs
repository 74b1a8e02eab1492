//! The municipality changes a session: cancels it where its rule allows (BRS-15, FRB-12),
//! proposes a new time, or changes how many places it has (issue 19: a larger team offers the
//! new places to its waiting list at once).
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::team_sessions as server;
use leptos::prelude::*;

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
    // Each booked citizen, with an email address or not, and each on the waiting list (whose
    // place waits for the new time) sees the proposal in their log.
    let mut citizens = server::participant_ids(&state, s.id).await?;
    citizens.extend(
        state
            .repo
            .waiting_list_of(s.id)
            .await?
            .into_iter()
            .map(|w| w.citizen_id),
    );
    citizens.sort_unstable();
    citizens.dedup();
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
            "Der er allerede foreslået en ny tid, holdet er aflyst, eller det er begyndt.",
            "A new time is already proposed, the session is cancelled, or it has begun.",
        )));
    }
    leptos_axum::redirect(&crate::paths::staff_session(s.id));
    Ok(())
}

/// Staff change how many places a session has (issue 19). A larger number offers the new places
/// to the waiting list at once, each held for the next in the queue and told by their chosen
/// channels; a smaller one may not take a place from anyone booked or held.
#[server(endpoint = "staff/session_capacity")]
pub async fn change_capacity(session: i64, capacity: String) -> Result<(), AppError> {
    use crate::domain::session_capacity::{new_capacity, CapacityProblem};
    use crate::errors::Problem;
    use crate::ssr::db::CapacityChange;
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
    ) = Ctx::staff(&server::ALL_STAFF, Action::ChangeCapacity).await?;
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let s = server::session_of(
        &state,
        viewer.person_id,
        Action::ChangeCapacity,
        session,
        &slug,
    )
    .await?;
    let now = state.clock.now();
    let problem =
        |p: CapacityProblem| AppError::Invalid(vec![Problem::at("pladser", p.text(lang))]);
    let taken = u32::try_from(s.booked + s.held + s.kept).unwrap_or(u32::MAX);
    let places = new_capacity(&capacity, taken).map_err(problem)?;
    // Each citizen in the queue sees in their log that the places changed: the first of them
    // are offered what frees.
    let queue: Vec<i64> = state
        .repo
        .waiting_list_of(s.id)
        .await?
        .into_iter()
        .map(|w| w.citizen_id)
        .collect();
    let detail = format!("session {}: {} to {places} places", s.id, s.capacity);
    let until = crate::ssr::waiting_list::offer_until_for(m, &s, now);
    let changed = request::record_each(
        &state,
        Some(viewer.person_id),
        &queue,
        Action::ChangeCapacity,
        &detail,
    )
    .of_if(
        &state,
        state.repo.change_capacity(s.id, places, now, until),
        |c| matches!(c, CapacityChange::Changed { .. }),
    )
    .await?;
    let offered = match changed {
        CapacityChange::Changed { offered } => offered,
        // Booked or held meanwhile: the number read above was already too old.
        CapacityChange::BelowTaken(n) => return Err(problem(CapacityProblem::BelowTaken(n))),
        CapacityChange::NotOpen => {
            return Err(AppError::invalid(lang.pick(
                "Antallet af pladser kan kun ændres, før holdet begynder, og når det hverken er aflyst eller ved at blive flyttet.",
                "The number of places can only be changed before the session begins, and when it is neither cancelled nor being moved.",
            )))
        }
    };
    crate::ssr::waiting_list::notify_now(&state).await;
    leptos_axum::redirect(&format!(
        "{}?pladser={offered}",
        crate::paths::staff_session(s.id)
    ));
    Ok(())
}
