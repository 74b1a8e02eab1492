//! Booking and cancelling team sessions, for the citizen or a relative whose power carries the
//! book scope: the course plan, booked sessions with each one's cancellation deadline as a local
//! date and time (decided here, on the server, from the municipality's rule), free sessions that
//! fit the course, and cancelling through a confirmation page. A late cancellation is accepted
//! and recorded as late, never refused.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::courses;
use crate::views::sessions::{AttendanceView, RuleWarning, SessionWithDeadline, WaitingView};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanView {
    pub citizen_name: String,
    pub on_behalf: bool,
    /// The viewer may book and cancel (the citizen, or a relative with the book scope).
    pub may_book: bool,
    pub course: Option<crate::views::sessions::CourseView>,
    pub booked: Vec<SessionWithDeadline>,
    pub free: Vec<SessionWithDeadline>,
    /// Full sessions that fit the course, the citizen not on their lists.
    pub full: Vec<SessionWithDeadline>,
    /// The citizen's places on waiting lists, and places held for them.
    pub waiting: Vec<WaitingView>,
    /// How the municipality holds a freed place, in the viewer's language.
    pub waiting_rule: Option<String>,
    pub attendance: Option<AttendanceView>,
    /// Since when the citizen has had a calendar feed, while there is one (shown to the citizen
    /// only).
    pub calendar_feed_since: Option<chrono::DateTime<chrono::Utc>>,
    /// The feed's secret address, on the page the citizen is sent to just after making it.
    pub calendar_feed_new: Option<String>,
    /// The viewer is the citizen themself (who manages the calendar feed).
    pub own: bool,
    /// How the citizen gets reminders and waiting-list offers (`ssr::notify`).
    pub told: Option<crate::views::notify::ToldView>,
}

/// The cancellation page: the session, and what a cancellation now means under the rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CancelView {
    pub session: SessionWithDeadline,
    pub on_time: bool,
    pub rule_id: String,
    pub text_da: String,
    pub text_en: String,
    /// Termination rules this cancellation would meet; the citizen must confirm having read them.
    pub warnings: Vec<RuleWarning>,
}

/// The course, booked sessions and free sessions that fit; `sealed_feed` is the calendar
/// address just made, sealed for this session.
#[server(endpoint = "booking/plan")]
pub async fn training_plan(sealed_feed: Option<String>) -> Result<PlanView, AppError> {
    use crate::domain::people::Scope;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let (
        Ctx {
            state,
            viewer,
            lang,
            ..
        },
        citizen,
    ) = Ctx::citizen(Scope::View, Action::ViewTraining).await?;
    // Read with the session: the person's own name, or the name of whom a relative acts for.
    let citizen_name = viewer.subject_name().ok_or(AppError::NotFound)?.to_string();
    let now = state.clock.now();
    let course = state.repo.current_course(citizen).await?;
    let in_force = match &course {
        Some(c) => Some(crate::ssr::rules_in_force::municipality(&state, &c.municipality).await?),
        None => None,
    };
    let m = in_force.as_ref();
    let booked_sessions = courses::booked_not_ended(&state, citizen, now).await?;
    let unanswered = state.repo.unanswered_moves(citizen).await?;
    let (first_day, last_day) = match &course {
        Some(c) => courses::first_and_last_day(&state, c).await?,
        None => (None, None),
    };
    let (booked, free, full, waiting) = match (&course, m) {
        (Some(course), Some(m)) => {
            let booked: Vec<SessionWithDeadline> = booked_sessions
                .iter()
                .map(|s| SessionWithDeadline {
                    proposed_starts_at: s.proposed_starts_at.filter(|_| unanswered.contains(&s.id)),
                    ..courses::session_view(m, s, now)
                })
                .collect();
            let places = state.repo.waiting_places_of(citizen, now).await?;
            let upcoming = state.repo.team_sessions_from(&m.slug, now, 200).await?;
            let fitting: Vec<&crate::ssr::db::TeamSession> = upcoming
                .iter()
                .filter(|s| !booked_sessions.iter().any(|b| b.id == s.id))
                .filter(|s| courses::fits(m, course, first_day, &booked_sessions, s).allowed)
                .collect();
            let free = fitting
                .iter()
                .filter(|s| s.free_places() > 0)
                .map(|s| courses::session_view(m, s, now))
                .collect();
            let full = fitting
                .iter()
                .filter(|s| s.free_places() <= 0)
                .filter(|s| !places.iter().any(|w| w.session_id == s.id))
                .map(|s| courses::session_view(m, s, now))
                .collect();
            let mut waiting = Vec::new();
            for w in places {
                let s = match upcoming.iter().find(|s| s.id == w.session_id) {
                    Some(s) => s.clone(),
                    None => match state.repo.team_session(w.session_id).await? {
                        Some(s) => s,
                        None => continue,
                    },
                };
                let open_offer = w.status == crate::domain::waiting_list::WaitingStatus::Offered;
                waiting.push(WaitingView {
                    session: courses::session_view(m, &s, now),
                    position: w.position,
                    offered_until: w.offer_until.filter(|until| open_offer && *until > now),
                });
            }
            (booked, free, full, waiting)
        }
        _ => (Vec::new(), Vec::new(), Vec::new(), Vec::new()),
    };
    let attendance = match (&course, m) {
        (Some(course), Some(m)) => Some(AttendanceView {
            counts: crate::domain::attendance::Counts::of(
                &courses::history(&state, m, course.id).await?,
            ),
            rules: m
                .rules
                .termination
                .iter()
                .map(crate::domain::attendance::in_words)
                .collect(),
        }),
        _ => None,
    };
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::ViewTraining,
        "",
    )
    .await?;
    // The feed is the citizen's own; a relative does not see it.
    let own = viewer.person_id == citizen;
    let calendar_feed_since = match own {
        true => state.repo.calendar_feed_of(citizen).await?,
        false => None,
    };
    // The address just made, if it is still the live one.
    let secret = request::context().session_secret;
    let calendar_feed_new = match (own, sealed_feed, secret) {
        (true, Some(sealed), Some(secret)) => {
            let opened = crate::ssr::session_bound::open(&sealed, &secret.0);
            // Shown for ten minutes after it was made, then only the fact that there is one.
            let fresh =
                opened
                    .as_deref()
                    .and_then(|o| o.split_once('|'))
                    .and_then(|(at, token)| {
                        let at: i64 = at.parse().ok()?;
                        (0..=600)
                            .contains(&(now.timestamp() - at))
                            .then(|| token.to_string())
                    });
            match fresh {
                Some(token) => {
                    let hash = crate::ssr::session::hash_session_id(&token);
                    (state.repo.calendar_feed_owner(&hash).await? == Some(citizen))
                        .then(|| crate::ssr::calendar::feed_url(&state, &token))
                }
                None => None,
            }
        }
        _ => None,
    };
    let told = state
        .repo
        .person(citizen)
        .await?
        .map(|p| crate::ssr::notify::told(&state, &p, p.id == viewer.person_id));
    Ok(PlanView {
        told,
        own: viewer.person_id == citizen,
        attendance,
        calendar_feed_since,
        calendar_feed_new,
        citizen_name,
        on_behalf: viewer.person_id != citizen,
        may_book: viewer.may(citizen, Scope::Book),
        course: course.map(|c| courses::course_view_ending(c, last_day)),
        booked,
        free,
        full,
        waiting,
        waiting_rule: m.map(|m| m.waiting_list.in_words(lang)),
    })
}

/// Books a free place on a session that fits the course, with a confirmation email.
#[server(endpoint = "booking/book")]
pub async fn book_session(session: i64) -> Result<(), AppError> {
    use crate::domain::people::Scope;
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
    ) = Ctx::citizen(Scope::Book, Action::BookSession).await?;
    let course = state.repo.current_course(citizen).await?.ok_or_else(|| {
        AppError::invalid(lang.pick(
            "Der er ikke et træningsforløb at booke tider i.",
            "There is no course of training to book sessions in.",
        ))
    })?;
    let m = &crate::ssr::rules_in_force::municipality(&state, &course.municipality).await?;
    let s = courses::scheduled_session(&state, &course, session).await?;
    if state.repo.booking_status(s.id, citizen).await?
        == Some(crate::domain::states::BookingStatus::Booked)
    {
        // Already booked (a second press, or the back button): show it again.
        leptos_axum::redirect(&format!("/traening?booket={}", s.id));
        return Ok(());
    }
    if s.starts_at <= now {
        return Err(AppError::invalid(lang.pick(
            "Tiden er allerede begyndt.",
            "The session has already started.",
        )));
    }
    courses::require_fit(&state, m, &course, &s, now).await?;
    let person = state.repo.person(citizen).await?;
    let shown = courses::session_view(m, &s, now);
    let confirmation = courses::email_to(&state, person.as_ref(), now, |name, to| {
        crate::domain::notices::booking_confirmed(
            name,
            to,
            s.starts_at,
            &s.place,
            &shown.deadline_da,
            &shown.deadline_en,
        )
    });
    // Whether this press booked the place.
    let booking = async {
        match state
            .repo
            .book(s.id, &course, viewer.person_id, now, confirmation.as_ref())
            .await
        {
            Ok(_) => Ok(true),
            Err(DbError::Full) => Err(AppError::invalid(lang.pick(
                "Holdet er fuldt. Vælg en anden tid.",
                "The session is full. Please choose another time.",
            ))),
            // Already booked (a second press): nothing more to do.
            Err(DbError::Conflict) => Ok(false),
            Err(e) => Err(e.into()),
        }
    };
    request::record(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::BookSession,
        &format!("session {}", s.id),
    )
    .of_if(&state, booking, |made| *made)
    .await?;
    leptos_axum::redirect(&format!("/traening?booket={}", s.id));
    Ok(())
}

/// What cancelling a booked session means now: on time or late, under which rule.
#[server(endpoint = "booking/cancel_info")]
pub async fn cancel_info(session: i64) -> Result<CancelView, AppError> {
    use crate::domain::people::Scope;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;

    let (
        Ctx {
            state, viewer, now, ..
        },
        citizen,
    ) = Ctx::citizen(Scope::View, Action::ViewTraining).await?;
    let s = courses::booked_not_ended(&state, citizen, now)
        .await?
        .into_iter()
        .find(|s| s.id == session)
        .ok_or(AppError::NotFound)?;
    let m = state
        .municipalities
        .get(&s.municipality)
        .ok_or(AppError::NotFound)?;
    let (on_time, rule_id, text_da, text_en) = courses::cancellation_words(m, &s, now);
    let warnings = match state.repo.current_course(citizen).await? {
        Some(course) => {
            courses::cancellation_warnings(&state, m, &course, &s, on_time, now).await?
        }
        None => Vec::new(),
    };
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::ViewTraining,
        &format!("cancel preview: session {}", s.id),
    )
    .await?;
    Ok(CancelView {
        warnings,
        session: courses::session_view(m, &s, now),
        on_time,
        rule_id,
        text_da,
        text_en,
    })
}

/// Cancels a booked session. After the deadline the cancellation is still accepted, and
/// recorded and confirmed as late. Pressing twice cancels once. When the cancellation meets a
/// termination rule, the citizen must have confirmed the warning (`confirm` = "ja"); the rule is
/// then flagged for staff to review, with the cancellation.
#[server(endpoint = "booking/cancel")]
pub async fn cancel_session(session: i64, confirm: Option<String>) -> Result<(), AppError> {
    use crate::domain::people::Scope;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let (
        Ctx {
            state, viewer, now, ..
        },
        citizen,
    ) = Ctx::citizen(Scope::Book, Action::CancelSession).await?;
    let Some(s) = state.repo.team_session(session).await? else {
        return Err(AppError::NotFound);
    };
    match state.repo.booking_status(s.id, citizen).await? {
        Some(crate::domain::states::BookingStatus::Booked) => {}
        // Cancelled already (a second press): show the plan.
        Some(_) => {
            leptos_axum::redirect("/traening");
            return Ok(());
        }
        None => return Err(AppError::NotFound),
    }
    // A notice is accepted until the session ends, after it has begun too (FRB-15); once it
    // has ended, the therapist's record of attendance is what there is.
    if s.ends_at <= now {
        return Err(AppError::invalid(request::lang().pick(
            "Tiden er slut. Terapeuten registrerer, om du var der. Kontakt terapeuten, hvis du var forhindret.",
            "The session has ended. The therapist records whether you attended. Please contact the therapist if you could not come.",
        )));
    }
    let m = state
        .municipalities
        .get(&s.municipality)
        .ok_or(AppError::NotFound)?;
    let (on_time, _, text_da, text_en) = courses::cancellation_words(m, &s, now);
    let course = state.repo.current_course(citizen).await?;
    let warnings = match &course {
        Some(course) => courses::cancellation_warnings(&state, m, course, &s, on_time, now).await?,
        None => Vec::new(),
    };
    courses::require_confirmation(&warnings, confirm.as_deref())?;
    let flags = match &course {
        Some(course) => courses::review_flags(course.id, warnings.iter().map(|w| &w.flag), now),
        None => Vec::new(),
    };
    let (cancellation, _) = courses::cancellation_of(
        m,
        &s,
        crate::domain::attendance::CancelKind::Cancelled,
        citizen,
        viewer.person_id,
        now,
        flags,
    );
    let late = cancellation.late;
    let person = state.repo.person(citizen).await?;
    let receipt = courses::email_to(&state, person.as_ref(), now, |name, to| {
        crate::domain::notices::booking_cancelled(
            name,
            to,
            s.starts_at,
            late.then_some((text_da.as_str(), text_en.as_str())),
        )
    });
    request::record(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::CancelSession,
        &format!(
            "session {}{}",
            s.id,
            cancellation
                .late_reason
                .map(|r| format!(" late ({})", r.code()))
                .unwrap_or_default()
        ),
    )
    .of_if(
        &state,
        state.repo.cancel_booking(&cancellation, receipt.as_ref()),
        |cancelled| *cancelled,
    )
    .await?;
    // The place freed may be held for the first on the waiting list: tell them now.
    crate::ssr::waiting_list::notify_now(&state).await;
    leptos_axum::redirect(&format!(
        "/traening?afmeldt={}{}",
        s.id,
        if late { "&sent=1" } else { "" }
    ));
    Ok(())
}

/// The citizen's answer to the municipality's proposal to move a session: "ja" moves their
/// booking to the new time, "nej" keeps it. Answering twice changes nothing.
#[server(endpoint = "booking/answer_move")]
pub async fn answer_move(session: i64, answer: String) -> Result<(), AppError> {
    use crate::domain::people::Scope;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let (Ctx { state, viewer, .. }, citizen) =
        Ctx::citizen(Scope::Book, Action::AnswerMove).await?;
    let accept = match answer.as_str() {
        "ja" => true,
        "nej" => false,
        _ => {
            return Err(AppError::invalid(request::lang().pick(
                "Svar ja eller nej til den nye tid.",
                "Answer yes or no to the new time.",
            )))
        }
    };
    let course = state
        .repo
        .current_course(citizen)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let old = state.repo.team_session(session).await?;
    let on_the_move = old
        .as_ref()
        .filter(|s| s.status == crate::domain::states::SessionStatus::MoveProposed);
    if on_the_move.is_some_and(|s| s.starts_at <= now) {
        return Err(AppError::invalid(request::lang().pick(
            "Holdet er begyndt på den gamle tid, så du kan ikke længere svare. Du beholdt den gamle tid; kommunen kontakter dig.",
            "The session has begun at its old time, so you can no longer answer. You kept the old time; the municipality will contact you.",
        )));
    }
    let expired = on_the_move.is_some_and(|s| s.proposed_starts_at.is_some_and(|t| t <= now));
    // A place freed at the new time is held for the waiting list's first until then.
    let offer_until = old
        .as_ref()
        .and_then(|s| {
            Some((
                state.municipalities.get(&s.municipality)?,
                s.proposed_starts_at?,
            ))
        })
        .and_then(|(m, starts_at)| crate::ssr::waiting_list::offer_until(m, starts_at, now));
    if expired {
        return Err(AppError::invalid(request::lang().pick(
            "Den foreslåede tid er passeret. Din tid står stadig; kommunen kontakter dig.",
            "The proposed time has passed. Your session still stands; the municipality will contact you.",
        )));
    }
    let record = request::record(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::AnswerMove,
        &format!(
            "session {session}: {}",
            if accept {
                format!("accepted, now {}", request::NEW_ROW)
            } else {
                "declined".into()
            }
        ),
    );
    let answering = async {
        match state
            .repo
            .answer_move(session, &course, accept, now, offer_until)
            .await
        {
            Ok(a) => Ok(a),
            Err(crate::ssr::db::DbError::Full) | Err(crate::ssr::db::DbError::Conflict) => {
                Err(AppError::invalid(request::lang().pick(
                    "Den nye tid er desværre fuld. Din tid står stadig; kommunen kontakter dig.",
                    "The new time is full. Your session still stands; the municipality will contact you.",
                )))
            }
            Err(e) => Err(e.into()),
        }
    };
    record.of_if(&state, answering, Option::is_some).await?;
    crate::ssr::waiting_list::notify_now(&state).await;
    leptos_axum::redirect(&format!("/traening?flytning={answer}"));
    Ok(())
}
