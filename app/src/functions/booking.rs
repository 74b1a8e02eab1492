//! Booking and cancelling team sessions, for the citizen or a relative whose power carries the
//! book scope: the course plan, booked sessions with each one's cancellation deadline as a local
//! date and time (decided here, on the server, from the municipality's rule), free sessions that
//! fit the course, and cancelling through a confirmation page. A late cancellation is accepted
//! and recorded as late, never refused.
use crate::errors::AppError;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionView {
    pub id: i64,
    pub title: String,
    pub place: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// "Afmeld senest …", or that the municipality has no deadline.
    pub deadline_da: String,
    pub deadline_en: String,
    /// The deadline has passed: a cancellation now is late.
    pub late_now: bool,
    pub free_places: i64,
    /// The municipality proposes this new start and awaits the citizen's answer.
    pub proposed_starts_at: Option<DateTime<Utc>>,
}

/// The citizen's own attendance counts and the termination rules, in plain words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttendanceView {
    pub counts: crate::domain::attendance::Counts,
    pub rules: Vec<crate::domain::attendance::RuleInWords>,
}

/// A termination rule an action would meet: what the citizen must read before confirming.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleWarning {
    pub flag: crate::domain::termination::ReviewFlag,
    pub rule: crate::domain::attendance::RuleInWords,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanView {
    pub citizen_name: String,
    pub on_behalf: bool,
    /// The viewer may book and cancel (the citizen, or a relative with the book scope).
    pub may_book: bool,
    pub course: Option<super::overview::CourseView>,
    pub booked: Vec<SessionView>,
    pub free: Vec<SessionView>,
    pub attendance: Option<AttendanceView>,
    /// The secret address of the citizen's calendar feed, while there is one (shown to the
    /// citizen only).
    pub calendar_feed: Option<String>,
    /// The viewer is the citizen themself (who manages the calendar feed).
    pub own: bool,
}

/// The cancellation page: the session, and what a cancellation now means under the rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CancelView {
    pub session: SessionView,
    pub on_time: bool,
    pub rule_id: String,
    pub text_da: String,
    pub text_en: String,
    /// Termination rules this cancellation would meet; the citizen must confirm having read them.
    pub warnings: Vec<RuleWarning>,
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::*;
    use crate::domain::lang::Lang;
    use crate::domain::municipality::Municipality;
    use crate::domain::rules_answers::cancellation_text;
    use crate::domain::termination::{would_raise, Attendance, Outcome, ReviewFlag};
    use crate::domain::time_format::local_date;
    use crate::ssr::db::{NewReviewFlag, TeamSession};
    use crate::ssr::state::AppState;
    use chrono::NaiveDate;

    /// The course's history as the termination rules read it (`attendance::counted`: moves
    /// left out, excused absences excused), leaving out one session (the one being marked
    /// again) when given.
    pub async fn history_without(
        state: &AppState,
        m: &Municipality,
        course: i64,
        without: Option<i64>,
    ) -> Result<Vec<Attendance>, AppError> {
        Ok(state
            .repo
            .course_history(course)
            .await?
            .into_iter()
            .filter(|h| Some(h.session_id) != without)
            .filter_map(|h| {
                Some(Attendance {
                    date: local_date(h.starts_at),
                    outcome: crate::domain::attendance::counted(
                        &h.outcome,
                        h.marked,
                        &h.cancel_kind,
                        h.absence_reason.as_deref(),
                        &m.rules.absence,
                    )?,
                })
            })
            .collect())
    }

    pub async fn history(
        state: &AppState,
        m: &Municipality,
        course: i64,
    ) -> Result<Vec<Attendance>, AppError> {
        history_without(state, m, course, None).await
    }

    /// What cancelling `s` would newly meet. Nothing once the therapist has marked the session
    /// for this course: the mark decides what the rules count, not a later notice.
    pub async fn cancellation_warnings(
        state: &AppState,
        m: &Municipality,
        course: &crate::ssr::db::Course,
        s: &TeamSession,
        on_time: bool,
        now: DateTime<Utc>,
    ) -> Result<Vec<super::RuleWarning>, AppError> {
        let entries = state.repo.course_history(course.id).await?;
        if entries.iter().any(|h| h.session_id == s.id && h.marked) {
            return Ok(Vec::new());
        }
        Ok(warnings(
            m,
            &history(state, m, course.id).await?,
            s,
            cancellation_outcome(on_time),
            now,
        ))
    }

    /// The termination rules that `outcome` of session `s` would newly meet, each with the rule
    /// in plain words.
    pub fn warnings(
        m: &Municipality,
        history: &[Attendance],
        s: &TeamSession,
        outcome: Outcome,
        now: DateTime<Utc>,
    ) -> Vec<super::RuleWarning> {
        let next = Attendance {
            date: local_date(s.starts_at),
            outcome,
        };
        rule_warnings(
            m,
            would_raise(&m.rules.termination, history, next, local_date(now)),
        )
    }

    /// Each flag with its rule in plain words, for the citizen to read before confirming.
    pub fn rule_warnings(m: &Municipality, flags: Vec<ReviewFlag>) -> Vec<super::RuleWarning> {
        flags
            .into_iter()
            .filter_map(|flag| {
                let rule = m
                    .rules
                    .termination
                    .iter()
                    .find(|r| r.rule_id == flag.rule_id)?;
                Some(super::RuleWarning {
                    rule: crate::domain::attendance::in_words(rule),
                    flag,
                })
            })
            .collect()
    }

    /// Flags to store for staff to review, on the course.
    pub fn review_flags<'a>(
        course_id: i64,
        flags: impl IntoIterator<Item = &'a ReviewFlag>,
        now: DateTime<Utc>,
    ) -> Vec<NewReviewFlag> {
        flags
            .into_iter()
            .map(|f| NewReviewFlag {
                course_id,
                rule_id: f.rule_id.clone(),
                facts: serde_json::to_string(f).unwrap_or_default(),
                created_at: now,
            })
            .collect()
    }

    /// An email to the person, when they have an address.
    pub fn email_to(
        person: Option<&crate::ssr::db::Person>,
        now: DateTime<Utc>,
        notice: impl FnOnce(&str, &str) -> crate::domain::notices::Notice,
    ) -> Option<crate::ssr::db::NewEmail> {
        let p = person?;
        let to = p.email.clone()?;
        let n = notice(&p.name, &to);
        Some(crate::ssr::db::NewEmail {
            recipient_person_id: Some(p.id),
            to_address: to,
            subject: n.subject,
            body_text: n.body,
            created_at: now,
        })
    }

    /// The citizen's cancellation (or move, or absence) of `s` now, judged on time or late under
    /// the municipality's rule, with the review flags it raises. After the session has begun it
    /// is late, with that reason (FRB-15: a notice is always accepted).
    pub fn cancellation_of(
        m: &Municipality,
        s: &TeamSession,
        kind: crate::domain::attendance::CancelKind,
        citizen: crate::domain::people::PersonId,
        by: crate::domain::people::PersonId,
        now: DateTime<Utc>,
        review_flags: Vec<NewReviewFlag>,
    ) -> (
        crate::ssr::db::CancelBooking,
        crate::domain::rules_answers::CancellationAnswer,
    ) {
        let answer = crate::domain::rules_answers::cancellation(m, s.starts_at, now);
        let late_reason =
            crate::domain::attendance::LateReason::of(answer.on_time, s.starts_at, now);
        (
            crate::ssr::db::CancelBooking {
                session_id: s.id,
                citizen_id: citizen,
                cancelled_by: by,
                at: now,
                late: late_reason.is_some(),
                rule_id: answer.rule_id.clone(),
                kind,
                late_reason,
                review_flags,
            },
            answer,
        )
    }

    /// Without the citizen's tick, an action that meets a termination rule is refused with a
    /// message at the box.
    pub fn require_confirmation(
        warnings: &[super::RuleWarning],
        confirm: Option<&str>,
    ) -> Result<(), AppError> {
        if warnings.is_empty() || confirm == Some("ja") {
            return Ok(());
        }
        Err(AppError::Invalid(vec![crate::errors::Problem::at(
            "confirm",
            crate::ssr::request::lang().pick(
                "Sæt kryds for at bekræfte, at du har læst, hvad afbuddet betyder for dit forløb.",
                "Tick the box to confirm that you have read what the cancellation means for your course.",
            ),
        )]))
    }

    pub fn cancellation_outcome(on_time: bool) -> Outcome {
        if on_time {
            Outcome::CancelledOnTime
        } else {
            Outcome::CancelledLate
        }
    }

    /// The course as the citizen's pages show it, ending on its last day counted from its first
    /// session.
    pub async fn course_view(
        state: &AppState,
        c: crate::ssr::db::Course,
    ) -> Result<super::super::overview::CourseView, AppError> {
        let (_, last) = first_and_last_day(state, &c).await?;
        Ok(super::super::overview::CourseView {
            training_form: c.training_form,
            place: c.place,
            sessions_per_week: c.sessions_per_week,
            starts_on: c.starts_on,
            ends_on: last,
        })
    }

    /// The day of the course's first session, and the course's last day counted from it.
    pub async fn first_and_last_day(
        state: &AppState,
        course: &crate::ssr::db::Course,
    ) -> Result<(Option<NaiveDate>, Option<NaiveDate>), AppError> {
        let first = state
            .repo
            .first_session_of(course.id)
            .await?
            .map(local_date);
        let last = crate::domain::decision::course_end_from_first_session(
            course.starts_on,
            course.ends_on,
            first,
        );
        Ok((first, last))
    }

    /// Whether `s` fits the citizen's course, given the sessions they have booked: inside the
    /// course's window (its weeks counted from its first session), and allowed by the
    /// municipality's booking rules (closures, sessions a week).
    pub fn fits(
        m: &Municipality,
        course: &crate::ssr::db::Course,
        first_session: Option<NaiveDate>,
        booked: &[TeamSession],
        s: &TeamSession,
    ) -> crate::domain::booking::Bookable {
        use crate::domain::booking::{check, Bookable, CourseFacts};
        use crate::domain::calendar::iso_week;
        use crate::domain::decision::course_end_from_first_session;
        use crate::domain::municipality::TrainingForm;
        use crate::domain::time_format::local_date;
        let day = local_date(s.starts_at);
        // The course's weeks run from its first session; this one, if none is booked before it.
        // Booked earlier than the first, it moves the end forward: no booked session may then
        // lie past the new end (MAR-08's 12 weeks are a maximum).
        let first = first_session.map_or(day, |f| f.min(day));
        let last = course_end_from_first_session(course.starts_on, course.ends_on, Some(first));
        let latest = booked
            .iter()
            .filter(|b| b.id != s.id)
            .map(|b| local_date(b.starts_at))
            .chain([day])
            .max();
        if day < course.starts_on || last.is_some_and(|e| latest.is_some_and(|l| l > e)) {
            return Bookable {
                allowed: false,
                text_da: "Tiden ligger uden for dit træningsforløb.".into(),
                text_en: "The session is outside your course of training.".into(),
                ..Bookable::default()
            };
        }
        let booked_in_week = booked
            .iter()
            .filter(|b| b.id != s.id && iso_week(local_date(b.starts_at)) == iso_week(day))
            .count() as u32;
        check(
            &m.rules.booking,
            TrainingForm::Team,
            s.starts_at,
            s.ends_at,
            CourseFacts {
                first_session: Some(first),
                booked_in_week,
                plan_per_week: course.sessions_per_week.map(|n| n as u32),
            },
        )
    }

    /// The citizen's booked sessions that have not ended: a session that has begun can still
    /// be given notice of (FRB-15), until it ends.
    pub async fn booked_not_ended(
        state: &AppState,
        citizen: crate::domain::people::PersonId,
        now: DateTime<Utc>,
    ) -> Result<Vec<TeamSession>, AppError> {
        Ok(state
            .repo
            .booked_sessions_from(citizen, now - chrono::Duration::days(1))
            .await?
            .into_iter()
            .filter(|s| s.ends_at > now)
            .collect())
    }

    /// What a cancellation of `s` at `now` is, in words: the rule's answer, or after the session
    /// has begun, that the notice is received and recorded as late (FRB-15: never refused).
    pub fn cancellation_words(
        m: &Municipality,
        s: &TeamSession,
        now: DateTime<Utc>,
    ) -> (bool, String, String, String) {
        use crate::domain::attendance::LateReason;
        let answer = crate::domain::rules_answers::cancellation(m, s.starts_at, now);
        match LateReason::of(answer.on_time, s.starts_at, now) {
            Some(LateReason::AfterSessionStart) => (
                false,
                answer.rule_id,
                "Tiden er begyndt. Dit afbud bliver modtaget og registreret som for sent. Terapeutens registrering af dit fremmøde afgør, hvad der tæller.".into(),
                "The session has begun. Your notice is received and recorded as late. The therapist's record of your attendance decides what counts.".into(),
            ),
            late => (late.is_none(), answer.rule_id, answer.text_da, answer.text_en),
        }
    }

    pub fn session_view(m: &Municipality, s: &TeamSession, now: DateTime<Utc>) -> SessionView {
        let rule = m.rules.cancellation.rule;
        let deadline = crate::domain::deadlines::cancellation_deadline(rule, s.starts_at);
        SessionView {
            id: s.id,
            title: s.title.clone(),
            place: s.place.clone(),
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            deadline_da: cancellation_text(Lang::Da, rule, deadline.map(|d| d.shown)),
            deadline_en: cancellation_text(Lang::En, rule, deadline.map(|d| d.shown)),
            late_now: deadline.is_some_and(|d| !d.is_on_time(now)),
            free_places: s.capacity - s.booked,
            proposed_starts_at: None,
        }
    }
}

/// The course, booked sessions and free sessions that fit.
#[server(endpoint = "booking/plan")]
pub async fn training_plan() -> Result<PlanView, AppError> {
    use crate::domain::people::Scope;
    use crate::ssr::request;
    let state = request::state();
    let (viewer, citizen) =
        request::citizen_with_scope(&state, Scope::View, "view_training").await?;
    let person = state
        .repo
        .person(citizen)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let course = state.repo.current_course(citizen).await?;
    let m = course
        .as_ref()
        .and_then(|c| state.municipalities.get(&c.municipality));
    let booked_sessions = server::booked_not_ended(&state, citizen, now).await?;
    let unanswered = state.repo.unanswered_moves(citizen).await?;
    let first_day = match &course {
        Some(c) => server::first_and_last_day(&state, c).await?.0,
        None => None,
    };
    let (booked, free) = match (&course, m) {
        (Some(course), Some(m)) => {
            let booked: Vec<SessionView> = booked_sessions
                .iter()
                .map(|s| SessionView {
                    proposed_starts_at: s.proposed_starts_at.filter(|_| unanswered.contains(&s.id)),
                    ..server::session_view(m, s, now)
                })
                .collect();
            let free = state
                .repo
                .team_sessions_from(&m.slug, now, 200)
                .await?
                .into_iter()
                .filter(|s| s.booked < s.capacity)
                .filter(|s| !booked_sessions.iter().any(|b| b.id == s.id))
                .filter(|s| server::fits(m, course, first_day, &booked_sessions, s).allowed)
                .map(|s| server::session_view(m, &s, now))
                .collect();
            (booked, free)
        }
        _ => (Vec::new(), Vec::new()),
    };
    let attendance = match (&course, m) {
        (Some(course), Some(m)) => Some(AttendanceView {
            counts: crate::domain::attendance::Counts::of(
                &server::history(&state, m, course.id).await?,
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
        "view_training",
        "",
    )
    .await?;
    // The feed's secret address is the citizen's own; a relative does not see it.
    let calendar_feed = match viewer.person_id == citizen {
        true => state
            .repo
            .calendar_feed_of(citizen)
            .await?
            .map(|t| crate::ssr::calendar::feed_url(&state, &t)),
        false => None,
    };
    Ok(PlanView {
        own: viewer.person_id == citizen,
        attendance,
        calendar_feed,
        citizen_name: person.name,
        on_behalf: viewer.person_id != citizen,
        may_book: viewer.may(citizen, Scope::Book),
        course: match course {
            Some(c) => Some(server::course_view(&state, c).await?),
            None => None,
        },
        booked,
        free,
    })
}

/// Books a free place on a session that fits the course, with a confirmation email.
#[server(endpoint = "booking/book")]
pub async fn book_session(session: i64) -> Result<(), AppError> {
    use crate::domain::people::Scope;
    use crate::ssr::db::DbError;
    use crate::ssr::request;
    let state = request::state();
    let lang = request::lang();
    let (viewer, citizen) =
        request::citizen_with_scope(&state, Scope::Book, "book_session").await?;
    let now = state.clock.now();
    let course = state.repo.current_course(citizen).await?.ok_or_else(|| {
        AppError::invalid(lang.pick(
            "Der er ikke et træningsforløb at booke tider i.",
            "There is no course of training to book sessions in.",
        ))
    })?;
    let m = state
        .municipalities
        .get(&course.municipality)
        .ok_or(AppError::NotFound)?;
    let s = match state.repo.team_session(session).await? {
        Some(s) if s.municipality == course.municipality && s.status == "scheduled" => s,
        _ => return Err(AppError::NotFound),
    };
    if state.repo.booking_status(s.id, citizen).await?.as_deref() == Some("booked") {
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
    let booked = state.repo.booked_sessions_from(citizen, now).await?;
    let (first_day, _) = server::first_and_last_day(&state, &course).await?;
    let verdict = server::fits(m, &course, first_day, &booked, &s);
    if !verdict.allowed {
        return Err(AppError::invalid(
            lang.pick(&verdict.text_da, &verdict.text_en),
        ));
    }
    let person = state.repo.person(citizen).await?;
    let shown = server::session_view(m, &s, now);
    let confirmation = server::email_to(person.as_ref(), now, |name, to| {
        crate::domain::notices::booking_confirmed(
            name,
            to,
            s.starts_at,
            &s.place,
            &shown.deadline_da,
            &shown.deadline_en,
        )
    });
    match state
        .repo
        .book(s.id, &course, viewer.person_id, now, confirmation.as_ref())
        .await
    {
        Ok(_) => {}
        Err(DbError::Full) => {
            return Err(AppError::invalid(lang.pick(
                "Holdet er fuldt. Vælg en anden tid.",
                "The session is full. Please choose another time.",
            )))
        }
        // Already booked (a second press): nothing more to do.
        Err(DbError::Conflict) => {
            leptos_axum::redirect(&format!("/traening?booket={}", s.id));
            return Ok(());
        }
        Err(e) => return Err(e.into()),
    }
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        "book_session",
        &format!("session {}", s.id),
    )
    .await?;
    leptos_axum::redirect(&format!("/traening?booket={}", s.id));
    Ok(())
}

/// What cancelling a booked session means now: on time or late, under which rule.
#[server(endpoint = "booking/cancel_info")]
pub async fn cancel_info(session: i64) -> Result<CancelView, AppError> {
    use crate::domain::people::Scope;
    use crate::ssr::request;
    let state = request::state();
    let (_, citizen) = request::citizen_with_scope(&state, Scope::View, "view_training").await?;
    let now = state.clock.now();
    let s = server::booked_not_ended(&state, citizen, now)
        .await?
        .into_iter()
        .find(|s| s.id == session)
        .ok_or(AppError::NotFound)?;
    let m = state
        .municipalities
        .get(&s.municipality)
        .ok_or(AppError::NotFound)?;
    let (on_time, rule_id, text_da, text_en) = server::cancellation_words(m, &s, now);
    let warnings = match state.repo.current_course(citizen).await? {
        Some(course) => server::cancellation_warnings(&state, m, &course, &s, on_time, now).await?,
        None => Vec::new(),
    };
    Ok(CancelView {
        warnings,
        session: server::session_view(m, &s, now),
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
    let state = request::state();
    let (viewer, citizen) =
        request::citizen_with_scope(&state, Scope::Book, "cancel_session").await?;
    let now = state.clock.now();
    let Some(s) = state.repo.team_session(session).await? else {
        return Err(AppError::NotFound);
    };
    match state.repo.booking_status(s.id, citizen).await?.as_deref() {
        Some("booked") => {}
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
    let (on_time, _, text_da, text_en) = server::cancellation_words(m, &s, now);
    let course = state.repo.current_course(citizen).await?;
    let warnings = match &course {
        Some(course) => server::cancellation_warnings(&state, m, course, &s, on_time, now).await?,
        None => Vec::new(),
    };
    server::require_confirmation(&warnings, confirm.as_deref())?;
    let flags = match &course {
        Some(course) => server::review_flags(course.id, warnings.iter().map(|w| &w.flag), now),
        None => Vec::new(),
    };
    let (cancellation, _) = server::cancellation_of(
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
    let receipt = server::email_to(person.as_ref(), now, |name, to| {
        crate::domain::notices::booking_cancelled(
            name,
            to,
            s.starts_at,
            late.then_some((text_da.as_str(), text_en.as_str())),
        )
    });
    let cancelled = state
        .repo
        .cancel_booking(&cancellation, receipt.as_ref())
        .await?;
    if cancelled {
        request::audit(
            &state,
            Some(viewer.person_id),
            Some(citizen),
            "cancel_session",
            &format!(
                "session {}{}",
                s.id,
                cancellation
                    .late_reason
                    .map(|r| format!(" late ({})", r.code()))
                    .unwrap_or_default()
            ),
        )
        .await?;
    }
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
    let state = request::state();
    let (viewer, citizen) = request::citizen_with_scope(&state, Scope::Book, "answer_move").await?;
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
    let expired = state.repo.team_session(session).await?.is_some_and(|s| {
        s.status == "move_proposed" && s.proposed_starts_at.is_some_and(|t| t <= now)
    });
    if expired {
        return Err(AppError::invalid(request::lang().pick(
            "Den foreslåede tid er passeret. Din tid står stadig; kommunen kontakter dig.",
            "The proposed time has passed. Your session still stands; the municipality will contact you.",
        )));
    }
    let answered = match state.repo.answer_move(session, &course, accept, now).await {
        Ok(a) => a,
        Err(crate::ssr::db::DbError::Full) | Err(crate::ssr::db::DbError::Conflict) => {
            return Err(AppError::invalid(request::lang().pick(
                "Den nye tid er desværre fuld. Din tid står stadig; kommunen kontakter dig.",
                "The new time is full. Your session still stands; the municipality will contact you.",
            )))
        }
        Err(e) => return Err(e.into()),
    };
    if let Some(now_on) = answered {
        request::audit(
            &state,
            Some(viewer.person_id),
            Some(citizen),
            "answer_move",
            &format!(
                "session {session}: {}",
                if accept {
                    format!("accepted, now {now_on}")
                } else {
                    "declined".into()
                }
            ),
        )
        .await?;
    }
    leptos_axum::redirect(&format!("/traening?flytning={answer}"));
    Ok(())
}
