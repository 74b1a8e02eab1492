//! Moving a booked session to another free time that fits the course, in one step: the old time
//! is cancelled (on time or late, under the municipality's notice rule for the old time) and the
//! new one booked, together or not at all. A move loses no training: it is not a cancellation
//! for any termination rule (BRS-18b counts "aflyst"), so it warns of none and flags none.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
use crate::views::sessions::SessionWithDeadline;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MoveView {
    pub session: SessionWithDeadline,
    pub on_time: bool,
    /// What cancelling the old time now means.
    pub text_da: String,
    pub text_en: String,
    /// Free times that fit the course in its place.
    pub options: Vec<SessionWithDeadline>,
}

#[cfg(feature = "ssr")]
mod server {
    use crate::domain::people::PersonId;
    use crate::errors::AppError;
    use crate::ssr::db::{Course, TeamSession};
    use crate::ssr::state::AppState;
    use chrono::{DateTime, Utc};

    /// The citizen's course, the booked session to move, and the free sessions it may move to.
    pub async fn plan(
        state: &AppState,
        citizen: PersonId,
        session: i64,
        now: DateTime<Utc>,
    ) -> Result<(Course, TeamSession, Vec<TeamSession>), AppError> {
        let course = state
            .repo
            .current_course(citizen)
            .await?
            .ok_or(AppError::NotFound)?;
        let m = &crate::ssr::rules_in_force::municipality(state, &course.municipality).await?;
        let booked = state.repo.booked_sessions_from(citizen, now).await?;
        let from = booked
            .iter()
            .find(|s| s.id == session)
            .cloned()
            .ok_or(AppError::NotFound)?;
        let others: Vec<TeamSession> = booked.into_iter().filter(|s| s.id != session).collect();
        let (first_day, _) = crate::ssr::courses::first_and_last_day(state, &course).await?;
        let options = state
            .repo
            .team_sessions_from(&m.slug, now, 200)
            .await?
            .into_iter()
            .filter(|s| s.id != session && s.free_places() > 0)
            .filter(|s| !others.iter().any(|b| b.id == s.id))
            .filter(|s| crate::ssr::courses::fits(m, &course, first_day, &others, s).allowed)
            .collect();
        Ok((course, from, options))
    }
}

/// The booked session, what cancelling it now means, and the times it can move to.
#[server(endpoint = "booking/move_info")]
pub async fn move_info(session: i64) -> Result<MoveView, AppError> {
    use crate::domain::people::Scope;
    use crate::ssr::courses as booking;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;

    let (
        Ctx {
            state, viewer, now, ..
        },
        citizen,
    ) = Ctx::citizen(Scope::View, Action::ViewTraining).await?;
    let (course, from, options) = server::plan(&state, citizen, session, now).await?;
    let m = state
        .municipalities
        .get(&course.municipality)
        .ok_or(AppError::NotFound)?;
    let answer = crate::domain::rules_answers::cancellation(m, from.starts_at, now);
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::ViewTraining,
        &format!("move preview: session {}", from.id),
    )
    .await?;
    Ok(MoveView {
        session: booking::session_view(m, &from, now),
        on_time: answer.on_time,
        text_da: answer.text_da,
        text_en: answer.text_en,
        options: options
            .iter()
            .map(|s| booking::session_view(m, s, now))
            .collect(),
    })
}

/// Moves a booking to `to`. Pressing twice moves once (the old booking is gone the second time).
#[server(endpoint = "booking/move")]
pub async fn move_session(session: i64, to: Option<i64>) -> Result<(), AppError> {
    use crate::domain::people::Scope;
    use crate::errors::Problem;
    use crate::ssr::courses as booking;
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
    ) = Ctx::citizen(Scope::Book, Action::MoveSession).await?;
    let (course, from, options) = match server::plan(&state, citizen, session, now).await {
        Ok(p) => p,
        // Already moved (a second press): show the plan.
        Err(AppError::NotFound)
            if state.repo.booking_status(session, citizen).await?
                == Some(crate::domain::states::BookingStatus::Cancelled) =>
        {
            leptos_axum::redirect("/traening");
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    let Some(target) = to.and_then(|id| options.into_iter().find(|s| s.id == id)) else {
        return Err(AppError::Invalid(vec![Problem::at(
            "to",
            lang.pick(
                "Vælg den tid, du vil flytte til.",
                "Choose the time you want to move to.",
            ),
        )]));
    };
    let m = state
        .municipalities
        .get(&course.municipality)
        .ok_or(AppError::NotFound)?;
    let (cancellation, _) = booking::cancellation_of(
        m,
        &from,
        crate::domain::attendance::CancelKind::Moved,
        citizen,
        viewer.person_id,
        now,
        Vec::new(),
    );
    let shown = booking::session_view(m, &target, now);
    let person = state.repo.person(citizen).await?;
    let email = booking::email_to(&state, person.as_ref(), now, |name, addr| {
        crate::domain::notices::booking_moved(
            name,
            addr,
            from.starts_at,
            target.starts_at,
            &target.place,
            &shown.deadline_da,
            &shown.deadline_en,
        )
    });
    let moved = async {
        match state
            .repo
            .move_booking(&cancellation, target.id, &course, email.as_ref())
            .await
        {
            Ok(true) => Ok(()),
            Ok(false) => Err(AppError::NotFound),
            Err(DbError::Full) | Err(DbError::Conflict) => Err(AppError::invalid(lang.pick(
                "Den nye tid blev optaget lige før. Din gamle tid står stadig. Vælg en anden.",
                "The new time was taken just before. Your old time still stands. Please choose another.",
            ))),
            Err(e) => Err(e.into()),
        }
    };
    request::record(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::MoveSession,
        &format!(
            "session {} to {}{}",
            from.id,
            target.id,
            if cancellation.late { " late" } else { "" }
        ),
    )
    .of(&state, moved)
    .await?;
    // The place left may be held for the first on its waiting list: tell them now.
    crate::ssr::waiting_list::notify_now(&state).await;
    leptos_axum::redirect(&format!("/traening?flyttet={}", target.id));
    Ok(())
}
