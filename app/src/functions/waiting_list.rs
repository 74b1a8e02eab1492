//! The waiting list for a full session (issue 19, `domain::waiting_list`): joining it and leaving
//! it, for the citizen or a relative whose power carries the book scope. A place offered from
//! the list is taken by booking it (`booking::book_session`: the held place becomes the
//! booking); "Nej tak" leaves the list and passes the place on. Plain forms, working without
//! JavaScript.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
use leptos::prelude::*;

/// Puts the citizen on the list of a full session that fits their course, last in the queue.
/// Pressing twice puts them on it once.
#[server(endpoint = "waiting/join")]
pub async fn join_waiting_list(session: i64) -> Result<(), AppError> {
    use crate::domain::people::Scope;
    use crate::ssr::courses;
    use crate::ssr::db::DbError;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let (
        Ctx {
            state,
            viewer,
            lang,
            now,
        },
        citizen,
    ) = Ctx::citizen(Scope::Book, Action::JoinWaitingList).await?;
    let course = state.repo.current_course(citizen).await?.ok_or_else(|| {
        AppError::invalid(lang.pick(
            "Der er ikke et træningsforløb at skrive dig på venteliste til.",
            "There is no course of training to join a waiting list for.",
        ))
    })?;
    let m = &crate::ssr::rules_in_force::municipality(&state, &course.municipality).await?;
    let s = courses::scheduled_session(&state, &course, session).await?;
    if s.starts_at <= now {
        return Err(AppError::NotFound);
    }
    if state.repo.booking_status(s.id, citizen).await?
        == Some(crate::domain::states::BookingStatus::Booked)
    {
        // Booked already (the place came meanwhile): nothing to wait for.
        leptos_axum::redirect("/traening");
        return Ok(());
    }
    courses::require_fit(&state, m, &course, &s, now).await?;
    let joined = async {
        match state
            .repo
            .join_waiting_list(s.id, &course, viewer.person_id, now)
            .await
        {
            Ok(_) => Ok(true),
            Err(DbError::Free) => Err(AppError::invalid(lang.pick(
                "Der er en ledig plads på holdet. Du kan booke den i stedet.",
                "There is a free place on the session. You can book it instead.",
            ))),
            // On the list already (a second press): nothing more to do.
            Err(DbError::Conflict) => Ok(false),
            Err(e) => Err(e.into()),
        }
    };
    request::record(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::JoinWaitingList,
        &format!("session {}", s.id),
    )
    .of_if(&state, joined, |made| *made)
    .await?;
    leptos_axum::redirect(&format!("/traening?venteliste={}", s.id));
    Ok(())
}

/// Takes the citizen off a session's list, or declines the place offered: it goes to the next
/// on the list. Pressing twice leaves once.
#[server(endpoint = "waiting/leave")]
pub async fn leave_waiting_list(session: i64) -> Result<(), AppError> {
    use crate::domain::people::Scope;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let (
        Ctx {
            state, viewer, now, ..
        },
        citizen,
    ) = Ctx::citizen(Scope::Book, Action::LeaveWaitingList).await?;
    let Some(s) = state.repo.team_session(session).await? else {
        return Err(AppError::NotFound);
    };
    let m = state
        .municipalities
        .get(&s.municipality)
        .ok_or(AppError::NotFound)?;
    let until = crate::ssr::waiting_list::offer_until_for(m, &s, now);
    let left = async {
        Ok::<_, AppError>(
            state
                .repo
                .leave_waiting_list(s.id, citizen, viewer.person_id, now, until)
                .await?,
        )
    };
    request::record(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::LeaveWaitingList,
        &format!("session {}", s.id),
    )
    .of_if(&state, left, |done| *done)
    .await?;
    crate::ssr::waiting_list::notify_now(&state).await;
    leptos_axum::redirect("/traening?venteliste=forladt");
    Ok(())
}
