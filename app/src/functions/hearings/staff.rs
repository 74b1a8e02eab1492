//! The municipality's side of hearings: the courses with their attendance counts (VEJ-13's
//! review suggestion), starting a hearing, the list of hearings, an answer given by phone, and
//! the decision after the answer or the deadline.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::domain::hearing::{HearingFacts, HearingStatus};
use crate::errors::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One course on the staff's course list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CourseLine {
    pub course_id: i64,
    pub citizen_name: String,
    pub place: String,
    pub starts_on: NaiveDate,
    /// Set by a termination decision.
    pub last_day_on: Option<NaiveDate>,
    pub summary: crate::domain::hearing::AttendanceSummary,
    /// Cancellations and no-shows reach the file's suggestion (VEJ-13): a talk is suggested.
    pub review_suggested: bool,
    /// The hearing open on the course.
    pub open_hearing: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoursesData {
    pub municipality_name: String,
    pub courses: Vec<CourseLine>,
    /// The municipality's unquantified rule, where it has one (VEJ-13), in the standard's words.
    pub unquantified_rule: Option<(String, String)>,
    pub suggestion_at: Option<u32>,
    pub may_start: bool,
}

/// The form starting a hearing on a course.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HearingFormData {
    pub course_id: i64,
    pub flag_id: Option<i64>,
    pub citizen_name: String,
    /// What the letter will state.
    pub facts: HearingFacts,
    /// The municipality's termination rules: (id, the standard's words).
    pub rules: Vec<(String, String)>,
    pub chosen_rule: Option<String>,
    /// The answer deadline if the letter goes out now.
    pub answer_due_at: DateTime<Utc>,
    pub answer_days: u32,
    pub open_hearing: Option<i64>,
}

/// One hearing in the municipality's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HearingLine {
    pub id: i64,
    pub citizen_name: String,
    pub rule_id: Option<String>,
    pub status: HearingStatus,
    pub answer_due_at: DateTime<Utc>,
    /// The caseworker may decide now (answered, or the deadline passed).
    pub ready: bool,
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::domain::municipality::Municipality;
    use crate::domain::people::StaffRole;
    use crate::ssr::db::Course;
    use crate::ssr::state::AppState;

    pub const ALL_STAFF: [StaffRole; 3] =
        [StaffRole::Visitator, StaffRole::Therapist, StaffRole::Admin];

    /// A course of the staff member's own municipality.
    pub async fn course_of(
        state: &AppState,
        viewer: i64,
        action: Action,
        id: i64,
        municipality: &str,
    ) -> Result<Course, AppError> {
        match state.repo.course(id).await? {
            Some(c) if c.municipality == municipality => Ok(c),
            Some(c) => {
                crate::ssr::request::audit_refused(
                    state,
                    Some(viewer),
                    Some(c.citizen_id),
                    action,
                    &format!("course {id} of another municipality"),
                )
                .await?;
                Err(AppError::NotFound)
            }
            None => Err(AppError::NotFound),
        }
    }

    /// What the letter states about the course, now.
    pub async fn facts_of(
        state: &AppState,
        m: &Municipality,
        course: &Course,
        rule: Option<&str>,
        flag: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<HearingFacts, AppError> {
        let history = crate::ssr::courses::history(state, m, course.id).await?;
        let rule = rule.and_then(|id| m.rules.termination.iter().find(|r| r.rule_id == id));
        let flag_facts = match flag {
            Some(f) => state
                .repo
                .open_review_flags(&m.slug)
                .await?
                .into_iter()
                .find(|r| r.id == f && r.course_id == course.id)
                .and_then(|r| serde_json::from_str(&r.facts).ok()),
            None => None,
        };
        Ok(HearingFacts::of(
            &history,
            crate::domain::time_format::local_date(now),
            rule,
            flag_facts.as_ref(),
        ))
    }

    /// The rule a flag raised, when the flag is open on the course.
    pub async fn flag_rule(
        state: &AppState,
        slug: &str,
        course: i64,
        flag: Option<i64>,
    ) -> Result<Option<String>, AppError> {
        let Some(f) = flag else { return Ok(None) };
        Ok(state
            .repo
            .open_review_flags(slug)
            .await?
            .into_iter()
            .find(|r| r.id == f && r.course_id == course)
            .map(|r| r.rule_id))
    }

    pub async fn open_hearing_of(
        state: &AppState,
        citizen: i64,
        course: i64,
    ) -> Result<Option<i64>, AppError> {
        Ok(state
            .repo
            .hearings_of(citizen)
            .await?
            .into_iter()
            .find(|h| h.course_id == course && h.status.is_open())
            .map(|h| h.id))
    }
}

/// The municipality's courses with what their attendance shows; for Vejen's unquantified rule
/// (VEJ-13) a review is suggested, never triggered.
#[server(endpoint = "staff/courses")]
pub async fn staff_courses() -> Result<CoursesData, AppError> {
    use crate::domain::hearing::{review_suggested, AttendanceSummary};
    use crate::domain::people::StaffRole;
    use crate::domain::termination::Trigger;
    use crate::ssr::request::{self, Ctx};
    let (
        Ctx {
            state, viewer, now, ..
        },
        slug,
    ) = Ctx::staff(&server::ALL_STAFF, Action::ViewCourses).await?;
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let today = crate::domain::time_format::local_date(now);
    let open: Vec<_> = state
        .repo
        .hearings_in(&slug)
        .await?
        .into_iter()
        .filter(|h| h.status.is_open())
        .collect();
    let suggestion_at = m.rules.hearing.review_suggestion_at;
    let mut courses = Vec::new();
    for c in state.repo.courses_in(&slug).await? {
        let history = crate::ssr::courses::history(&state, m, c.id).await?;
        let summary = AttendanceSummary::of(&history, today);
        courses.push(CourseLine {
            course_id: c.id,
            citizen_name: c.citizen_name,
            place: c.place,
            starts_on: c.starts_on,
            last_day_on: c.last_day_on,
            review_suggested: review_suggested(&summary, suggestion_at),
            summary,
            open_hearing: open.iter().find(|h| h.course_id == c.id).map(|h| h.id),
        });
    }
    request::audit(
        &state,
        Some(viewer.person_id),
        None,
        Action::ViewCourses,
        &format!("{} courses", courses.len()),
    )
    .await?;
    Ok(CoursesData {
        municipality_name: m.name.clone(),
        courses,
        unquantified_rule: m
            .rules
            .termination
            .iter()
            .find(|r| r.trigger == Trigger::Unquantified)
            .map(|r| (r.rule_id.clone(), r.source.clone())),
        suggestion_at,
        may_start: viewer.is_staff_of(&slug, &[StaffRole::Visitator, StaffRole::Admin]),
    })
}

/// The form starting a hearing: what the letter will say and by when the citizen may answer.
#[server(endpoint = "staff/hearing_form")]
pub async fn hearing_form(course: i64, flag: Option<i64>) -> Result<HearingFormData, AppError> {
    use crate::ssr::request::{self, Ctx};
    let (
        Ctx {
            state, viewer, now, ..
        },
        slug,
    ) = Ctx::caseworker(Action::ViewHearingForm).await?;
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let c = server::course_of(
        &state,
        viewer.person_id,
        Action::ViewHearingForm,
        course,
        &slug,
    )
    .await?;
    let chosen_rule = server::flag_rule(&state, &slug, course, flag).await?;
    let facts = server::facts_of(&state, m, &c, chosen_rule.as_deref(), flag, now).await?;
    let citizen = state
        .repo
        .person(c.citizen_id)
        .await?
        .ok_or(AppError::NotFound)?;
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(c.citizen_id),
        Action::ViewHearingForm,
        &format!("course {course}"),
    )
    .await?;
    Ok(HearingFormData {
        course_id: c.id,
        flag_id: chosen_rule.as_ref().and(flag),
        citizen_name: citizen.name,
        facts,
        rules: m
            .rules
            .termination
            .iter()
            .map(|r| (r.rule_id.clone(), r.source.clone()))
            .collect(),
        chosen_rule,
        answer_due_at: crate::domain::hearing::answer_deadline(now, m.rules.hearing.answer_days)
            .shown,
        answer_days: m.rules.hearing.answer_days,
        open_hearing: server::open_hearing_of(&state, c.citizen_id, c.id).await?,
    })
}

/// Starts the hearing: the letter in the portal, an email to the citizen and each relative who
/// may see the case, the flag resolved, the course under review.
#[server(endpoint = "staff/start_hearing")]
pub async fn start_hearing(
    course: i64,
    flag: Option<i64>,
    rule: Option<String>,
    considered: String,
) -> Result<(), AppError> {
    use crate::domain::hearing_notices::hearing_letter;
    use crate::domain::lang::Lang;
    use crate::domain::time_format::long_date_time;
    use crate::errors::Problem;
    use crate::ssr::db::NewHearing;
    use crate::ssr::request::{self, Ctx};
    let (
        Ctx {
            state,
            viewer,
            lang,
            now,
        },
        slug,
    ) = Ctx::caseworker(Action::StartHearing).await?;
    AppError::check_texts(
        lang,
        &[(
            "felt-overvejer",
            &considered,
            crate::domain::text_input::LETTER_MAX,
            true,
            ("Teksten", "The text"),
        )],
    )?;
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let c = server::course_of(
        &state,
        viewer.person_id,
        Action::StartHearing,
        course,
        &slug,
    )
    .await?;
    let mut problems = Vec::new();
    let rule = rule.filter(|r| !r.is_empty());
    if rule
        .as_deref()
        .is_some_and(|r| !m.rules.termination.iter().any(|t| t.rule_id == r))
    {
        problems.push(Problem::at(
            "felt-regel",
            lang.pick(
                "Vælg en af kommunens regler.",
                "Choose one of the municipality's rules.",
            ),
        ));
    }
    let considered = considered.trim().to_string();
    if considered.is_empty() {
        problems.push(Problem::at(
            "felt-overvejer",
            lang.pick(
                "Skriv, hvad kommunen overvejer og hvorfor. Borgeren skal kunne svare på det.",
                "Write what the municipality is considering and why. The citizen must be able to answer it.",
            ),
        ));
    }
    if c.last_day_on.is_some() {
        problems.push(Problem::general(lang.pick(
            "Forløbet er allerede afsluttet ved en afgørelse.",
            "The course has already been ended by a decision.",
        )));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let flag = match server::flag_rule(&state, &slug, course, flag).await? {
        Some(_) => flag,
        None => None,
    };
    let facts = server::facts_of(&state, m, &c, rule.as_deref(), flag, now).await?;
    let due = crate::domain::hearing::answer_deadline(now, m.rules.hearing.answer_days).shown;
    let person = state
        .repo
        .person(c.citizen_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let notices = crate::ssr::decisions::case_emails(
        &state,
        &person,
        now,
        |name, to| {
            hearing_letter(
                name,
                to,
                &m.name,
                &long_date_time(Lang::Da, due),
                &long_date_time(Lang::En, due),
            )
        },
        |_| None,
    )
    .await?;
    let record = request::record(
        &state,
        Some(viewer.person_id),
        Some(c.citizen_id),
        Action::StartHearing,
        &format!(
            "hearing {} on course {course}{}",
            request::NEW_ROW,
            rule.as_ref().map(|r| format!(" ({r})")).unwrap_or_default()
        ),
    );
    let hearing = NewHearing {
        course_id: c.id,
        citizen_id: c.citizen_id,
        municipality: slug.clone(),
        flag_id: flag,
        rule_id: rule,
        facts: serde_json::to_string(&facts)?,
        considered,
        answer_due_at: due,
        started_by: viewer.person_id,
        started_at: now,
    };
    let started = record
        .of_if(
            &state,
            state.repo.start_hearing(&hearing, &notices),
            Option::is_some,
        )
        .await?;
    let Some(id) = started else {
        return Err(AppError::invalid(lang.pick(
            "Der er allerede en åben partshøring om forløbet.",
            "There is already an open hearing on the course.",
        )));
    };
    leptos_axum::redirect(&crate::paths::staff_hearing(id));
    Ok(())
}

/// The municipality's hearings, open ones first by their deadline.
#[server(endpoint = "staff/hearings")]
pub async fn staff_hearings() -> Result<Vec<HearingLine>, AppError> {
    use crate::ssr::request::{self, Ctx};
    let (
        Ctx {
            state, viewer, now, ..
        },
        slug,
    ) = Ctx::staff(&server::ALL_STAFF, Action::ViewHearings).await?;
    let lines: Vec<HearingLine> = state
        .repo
        .hearings_in(&slug)
        .await?
        .into_iter()
        .map(|h| HearingLine {
            ready: crate::domain::hearing::may_decide(h.status, h.answer_due_at, now),
            id: h.id,
            citizen_name: h.citizen_name,
            rule_id: h.rule_id,
            status: h.status,
            answer_due_at: h.answer_due_at,
        })
        .collect();
    request::audit(
        &state,
        Some(viewer.person_id),
        None,
        Action::ViewHearings,
        &format!("{} hearings", lines.len()),
    )
    .await?;
    Ok(lines)
}

/// Staff write down an answer the citizen or a relative gave by phone.
#[server(endpoint = "staff/hearing_phone_answer")]
pub async fn record_phone_answer(hearing: i64, answer: String) -> Result<(), AppError> {
    use crate::domain::hearing::AnswerChannel;
    use crate::ssr::db::HearingAnswer;
    use crate::ssr::request::{self, Ctx};
    let (
        Ctx {
            state,
            viewer,
            lang,
            now,
        },
        slug,
    ) = Ctx::caseworker(Action::RecordHearingAnswer).await?;
    AppError::check_texts(
        lang,
        &[(
            "felt-telefonsvar",
            &answer,
            crate::domain::text_input::TEXT_MAX,
            true,
            ("Svaret", "The answer"),
        )],
    )?;
    let h = match state.repo.hearing(hearing).await? {
        Some(h) if h.municipality == slug => h,
        Some(h) => {
            request::audit_refused(
                &state,
                Some(viewer.person_id),
                Some(h.citizen_id),
                Action::RecordHearingAnswer,
                &format!("hearing {hearing} of another municipality"),
            )
            .await?;
            return Err(AppError::NotFound);
        }
        None => return Err(AppError::NotFound),
    };
    let text = answer.trim();
    if text.is_empty() {
        return Err(AppError::Invalid(vec![crate::errors::Problem::at(
            "felt-telefonsvar",
            lang.pick(
                "Skriv, hvad borgeren eller den pårørende sagde.",
                "Write what the citizen or the relative said.",
            ),
        )]));
    }
    let given = HearingAnswer {
        hearing,
        text: text.to_string(),
        by: h.citizen_id,
        channel: AnswerChannel::Phone,
        recorded_by: Some(viewer.person_id),
        at: now,
    };
    let done = request::record(
        &state,
        Some(viewer.person_id),
        Some(h.citizen_id),
        Action::RecordHearingAnswer,
        &format!("hearing {hearing}"),
    )
    .of_if(&state, state.repo.answer_hearing(&given, &[]), |done| *done)
    .await?;
    if !done {
        return Err(AppError::invalid(lang.pick(
            "Partshøringen er allerede besvaret eller afgjort.",
            "The hearing has already been answered or decided.",
        )));
    }
    leptos_axum::redirect(&crate::paths::staff_hearing(hearing));
    Ok(())
}
