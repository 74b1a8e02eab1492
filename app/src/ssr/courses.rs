//! A citizen's course as the rules read it, shared by the booking, absence, move and
//! attendance features: its history, the warnings an action would raise, whether a session fits
//! the course, and sessions with their cancellation deadline.
use crate::domain::lang::Lang;
use crate::domain::municipality::Municipality;
use crate::domain::rules_answers::cancellation_text;
use crate::domain::termination::{would_raise, Attendance, ReviewFlag, SessionOutcome};
use crate::domain::time_format::local_date;
use crate::errors::AppError;
use crate::ssr::db::{NewReviewFlag, TeamSession};
use crate::ssr::state::AppState;
use crate::views::sessions::*;
use chrono::NaiveDate;
use chrono::{DateTime, Utc};

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
) -> Result<Vec<crate::views::sessions::RuleWarning>, AppError> {
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
    outcome: SessionOutcome,
    now: DateTime<Utc>,
) -> Vec<crate::views::sessions::RuleWarning> {
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
pub fn rule_warnings(
    m: &Municipality,
    flags: Vec<ReviewFlag>,
) -> Vec<crate::views::sessions::RuleWarning> {
    flags
        .into_iter()
        .filter_map(|flag| {
            let rule = m
                .rules
                .termination
                .iter()
                .find(|r| r.rule_id == flag.rule_id)?;
            Some(crate::views::sessions::RuleWarning {
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

/// The notice with no text message form to the person: by email when they have an address,
/// whatever they chose; without one, a text message that there is post (`ssr::notify`).
pub fn email_to(
    state: &crate::ssr::state::AppState,
    person: Option<&crate::ssr::db::Person>,
    now: DateTime<Utc>,
    notice: impl FnOnce(&str, &str) -> crate::domain::notices::Notice,
) -> Option<crate::ssr::db::NewEmail> {
    crate::ssr::notify::notices_to(state, person, now, notice, None).pop()
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
    let late_reason = crate::domain::attendance::LateReason::of(answer.on_time, s.starts_at, now);
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
            offer_until: crate::ssr::waiting_list::offer_until_for(m, s, now),
        },
        answer,
    )
}

/// Without the citizen's tick, an action that meets a termination rule is refused with a
/// message at the box.
pub fn require_confirmation(
    warnings: &[crate::views::sessions::RuleWarning],
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

pub fn cancellation_outcome(on_time: bool) -> SessionOutcome {
    if on_time {
        SessionOutcome::CancelledOnTime
    } else {
        SessionOutcome::CancelledLate
    }
}

/// The course as the citizen's pages show it, ending on its last day counted from its first
/// session.
pub async fn course_view(
    state: &AppState,
    c: crate::ssr::db::Course,
) -> Result<crate::views::sessions::CourseView, AppError> {
    let (_, last) = first_and_last_day(state, &c).await?;
    Ok(course_view_ending(c, last))
}

/// The course as shown, with its last day (from [`first_and_last_day`], when a page already
/// has it).
pub fn course_view_ending(
    c: crate::ssr::db::Course,
    last: Option<NaiveDate>,
) -> crate::views::sessions::CourseView {
    crate::views::sessions::CourseView {
        training_form: c.training_form,
        place: c.place,
        sessions_per_week: c.sessions_per_week,
        starts_on: c.starts_on,
        ends_on: last,
    }
}

/// A scheduled session of the course's municipality; not found otherwise.
pub async fn scheduled_session(
    state: &AppState,
    course: &crate::ssr::db::Course,
    session: i64,
) -> Result<TeamSession, AppError> {
    match state.repo.team_session(session).await? {
        Some(s)
            if s.municipality == course.municipality
                && s.status == crate::domain::states::SessionStatus::Scheduled =>
        {
            Ok(s)
        }
        _ => Err(AppError::NotFound),
    }
}

/// Refuses, in the rule's own words, a session that does not fit the course now, given the
/// citizen's booked sessions (`fits`).
pub async fn require_fit(
    state: &AppState,
    m: &Municipality,
    course: &crate::ssr::db::Course,
    s: &TeamSession,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let booked = state
        .repo
        .booked_sessions_from(course.citizen_id, now)
        .await?;
    let (first_day, _) = first_and_last_day(state, course).await?;
    let verdict = fits(m, course, first_day, &booked, s);
    if verdict.allowed {
        return Ok(());
    }
    let lang = crate::ssr::request::lang();
    Err(AppError::invalid(
        lang.pick(&verdict.text_da, &verdict.text_en),
    ))
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
    Ok((first, ended_by_decision(last, course.last_day_on)))
}

/// The course's last day, where a termination decision set one before its planned end.
fn ended_by_decision(planned: Option<NaiveDate>, last_day: Option<NaiveDate>) -> Option<NaiveDate> {
    match (planned, last_day) {
        (Some(p), Some(l)) => Some(p.min(l)),
        (p, l) => l.or(p),
    }
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
    let last = ended_by_decision(
        course_end_from_first_session(course.starts_on, course.ends_on, Some(first)),
        course.last_day_on,
    );
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

pub fn session_view(m: &Municipality, s: &TeamSession, now: DateTime<Utc>) -> SessionWithDeadline {
    let rule = m.rules.cancellation.rule;
    let deadline = crate::domain::deadlines::cancellation_deadline(rule, s.starts_at);
    SessionWithDeadline {
        id: s.id,
        title: s.title.clone(),
        place: s.place.clone(),
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        deadline_da: cancellation_text(Lang::Da, rule, deadline.map(|d| d.shown)),
        deadline_en: cancellation_text(Lang::En, rule, deadline.map(|d| d.shown)),
        late_now: deadline.is_some_and(|d| !d.is_on_time(now)),
        free_places: s.free_places(),
        proposed_starts_at: None,
    }
}

/// A session as the lists of sessions show it.
impl From<TeamSession> for crate::views::sessions::SessionView {
    fn from(s: crate::ssr::db::TeamSession) -> Self {
        crate::views::sessions::SessionView {
            id: s.id,
            title: s.title,
            place: s.place,
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            capacity: s.capacity,
            booked: s.booked,
            held: s.held,
            kept: s.kept,
            status: s.status,
        }
    }
}
