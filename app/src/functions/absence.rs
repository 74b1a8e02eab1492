//! Absence periods (holiday, hospital stay, illness): the citizen or a relative with the book
//! scope names the days and the reason; the booked sessions in them are shown with what
//! cancelling each means now (on time or late), and any termination rule the absence would meet,
//! before it is registered; confirmed, the period is recorded and its sessions cancelled under the
//! same rules, together.
//!
//! - An excused reason (the municipality's file, `[rules.absence] excused`) cancels sessions that
//!   count toward no termination rule: a hospital stay is not a cancellation.
//! - The interruption the absence causes (BRS-18a) is judged when it is registered: from the first
//!   session it cancels to the next booked session after it, or past its last day when none is
//!   booked ("warn before, not after").
//! - A hospital stay where the standard re-assesses on discharge (BRS-19) raises a re-assessment
//!   flag for the caseworker, with the discharge day.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
use crate::views::sessions::{RuleWarning, SessionWithDeadline};
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AbsenceView {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: String,
    /// The reason is excused: the cancelled sessions count toward no termination rule.
    pub excused: bool,
    /// What happens after a hospital stay (BRS-19), in Danish and English, where it applies.
    pub reassessment: Option<(String, String)>,
    /// Booked sessions in the period, each with whether a cancellation now is on time.
    pub sessions: Vec<(SessionWithDeadline, bool)>,
    pub warnings: Vec<RuleWarning>,
}

#[cfg(feature = "ssr")]
mod server {
    use crate::domain::lang::Lang;
    use crate::domain::people::PersonId;
    use crate::domain::termination::{Attendance, ReviewFlag};
    use crate::domain::time_format::local_date;
    use crate::errors::{AppError, Problem};
    use crate::ssr::db::{Course, TeamSession};
    use crate::ssr::state::AppState;
    use chrono::{DateTime, NaiveDate, Utc};

    pub fn period(
        lang: Lang,
        from: &str,
        to: &str,
        now: DateTime<Utc>,
    ) -> Result<(NaiveDate, NaiveDate), AppError> {
        crate::domain::absence::parse_period(from, to, local_date(now))
            .map_err(|problems| AppError::fields(lang, problems))
    }

    /// The reason chosen, one of `domain::absence::REASONS`.
    pub fn reason(lang: Lang, reason: Option<String>) -> Result<String, AppError> {
        reason
            .filter(|r| crate::domain::absence::REASONS.contains(&r.as_str()))
            .ok_or_else(|| {
                AppError::Invalid(vec![Problem::at(
                    "grund",
                    lang.pick("Vælg, hvorfor du er væk.", "Choose why you are away."),
                )])
            })
    }

    pub struct AbsencePlan {
        /// None when the citizen has no course: nothing to cancel.
        pub course: Option<Course>,
        pub sessions: Vec<TeamSession>,
        pub excused: bool,
        pub warnings: Vec<crate::views::sessions::RuleWarning>,
        /// The re-assessment on discharge (BRS-19), for the caseworker.
        pub reassessment: Option<ReviewFlag>,
    }

    /// The citizen's booked sessions in the period and what the absence would meet.
    pub async fn plan(
        state: &AppState,
        citizen: PersonId,
        from: NaiveDate,
        to: NaiveDate,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<AbsencePlan, AppError> {
        use crate::domain::termination::SessionOutcome;
        use crate::ssr::courses as booking;
        let Some(course) = state.repo.current_course(citizen).await? else {
            return Ok(AbsencePlan {
                course: None,
                sessions: Vec::new(),
                excused: false,
                warnings: Vec::new(),
                reassessment: None,
            });
        };
        let m = state
            .municipalities
            .get(&course.municipality)
            .ok_or(AppError::NotFound)?;
        let booked = state.repo.booked_sessions_from(citizen, now).await?;
        let (sessions, after): (Vec<TeamSession>, Vec<TeamSession>) = booked
            .into_iter()
            .filter(|s| local_date(s.starts_at) >= from)
            .partition(|s| local_date(s.starts_at) <= to);
        let excused = m.rules.absence.is_excused(reason);
        let mut next: Vec<Attendance> = sessions
            .iter()
            .map(|s| Attendance {
                date: local_date(s.starts_at),
                outcome: match excused {
                    true => SessionOutcome::Excused,
                    false => booking::cancellation_outcome(
                        crate::domain::rules_answers::cancellation(m, s.starts_at, now).on_time,
                    ),
                },
            })
            .collect();
        // An excused absence is excused from its first day, sessions booked in it or not: it
        // ends a running interruption there.
        if excused {
            next.push(Attendance {
                date: from,
                outcome: SessionOutcome::Excused,
            });
        }
        // The interruption runs to the next booked session after the period (as if attended),
        // or, with none booked, at least past the period's last day.
        if let Some(s) = after.first() {
            next.push(Attendance {
                date: local_date(s.starts_at),
                outcome: SessionOutcome::Attended,
            });
        }
        let judged_on = local_date(now).max(to + chrono::Days::new(1));
        let history = booking::history(state, m, course.id).await?;
        let warnings = booking::rule_warnings(
            m,
            crate::domain::termination::would_raise_all(
                &m.rules.termination,
                &history,
                &next,
                judged_on,
            ),
        );
        let reassessment = m
            .rules
            .absence
            .reassess_on_discharge
            .as_ref()
            .filter(|_| reason == "hospital")
            .map(|rule| ReviewFlag {
                rule_id: rule.rule_id.clone(),
                facts_da: format!(
                    "Indlagt fra {from} til {to}. Behovet for træning revurderes ved udskrivningen."
                ),
                facts_en: format!(
                    "In hospital from {from} to {to}. The need for training is re-assessed on discharge."
                ),
                since: Some(to),
            });
        Ok(AbsencePlan {
            course: Some(course),
            sessions,
            excused,
            warnings,
            reassessment,
        })
    }

    /// What the citizen reads about a re-assessment on discharge.
    pub fn reassessment_words(m_name: &str, to: NaiveDate) -> (String, String) {
        use crate::domain::time_format::long_date;
        (
            format!(
                "Når du bliver udskrevet (regnet til {}), revurderer {m_name} dit behov for træning. En sagsbehandler kontakter dig.",
                long_date(Lang::Da, to)
            ),
            format!(
                "When you are discharged (expected {}), {m_name} re-assesses your need for training. A caseworker will contact you.",
                long_date(Lang::En, to)
            ),
        )
    }
}

/// What registering the period would cancel and meet.
#[server(endpoint = "booking/absence_preview")]
pub async fn absence_preview(
    from: String,
    to: String,
    reason: Option<String>,
) -> Result<AbsenceView, AppError> {
    use crate::domain::people::Scope;
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
    ) = Ctx::citizen(Scope::View, Action::ViewTraining).await?;
    let period = server::period(lang, &from, &to, now);
    let reason = server::reason(lang, reason);
    let ((from, to), reason) = match (period, reason) {
        (Ok(p), Ok(r)) => (p, r),
        (p, r) => {
            let mut problems = Vec::new();
            for e in [p.err(), r.err()].into_iter().flatten() {
                if let AppError::Invalid(mut ps) = e {
                    problems.append(&mut ps);
                }
            }
            return Err(AppError::Invalid(problems));
        }
    };
    let plan = server::plan(&state, citizen, from, to, &reason, now).await?;
    let m = plan
        .course
        .as_ref()
        .and_then(|c| state.municipalities.get(&c.municipality));
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::ViewTraining,
        &format!("absence preview: {from} to {to}"),
    )
    .await?;
    Ok(AbsenceView {
        from,
        to,
        excused: plan.excused,
        reassessment: m
            .filter(|_| plan.reassessment.is_some())
            .map(|m| server::reassessment_words(&m.name, to)),
        reason,
        sessions: m
            .into_iter()
            .flat_map(|m| plan.sessions.iter().map(move |s| (m, s)))
            .map(|(m, s)| {
                (
                    crate::ssr::courses::session_view(m, s, now),
                    crate::domain::rules_answers::cancellation(m, s.starts_at, now).on_time,
                )
            })
            .collect(),
        warnings: plan.warnings,
    })
}

/// Records the period and cancels its sessions, each judged on time or late, with one receipt.
#[server(endpoint = "booking/absence")]
pub async fn register_absence(
    from: String,
    to: String,
    reason: Option<String>,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::people::Scope;
    use crate::ssr::courses as booking;
    use crate::ssr::db::NewAbsence;
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
    ) = Ctx::citizen(Scope::Book, Action::RegisterAbsence).await?;
    let (from_on, to_on) = server::period(lang, &from, &to, now)?;
    let reason = server::reason(lang, reason)?;
    let plan = server::plan(&state, citizen, from_on, to_on, &reason, now).await?;
    booking::require_confirmation(&plan.warnings, confirm.as_deref())?;
    let m = plan
        .course
        .as_ref()
        .and_then(|c| state.municipalities.get(&c.municipality));
    // The termination flags and the re-assessment go with the period, written together.
    let review_flags = plan
        .course
        .as_ref()
        .map(|c| {
            let flags = plan.warnings.iter().map(|w| &w.flag);
            booking::review_flags(c.id, flags.chain(plan.reassessment.as_ref()), now)
        })
        .unwrap_or_default();
    let cancellations: Vec<_> = m
        .into_iter()
        .flat_map(|m| plan.sessions.iter().map(move |s| (m, s)))
        .map(|(m, s)| {
            booking::cancellation_of(
                m,
                s,
                crate::domain::attendance::CancelKind::Absence,
                citizen,
                viewer.person_id,
                now,
                Vec::new(),
            )
            .0
        })
        .collect();
    let person = state.repo.person(citizen).await?;
    let listed: Vec<_> = plan
        .sessions
        .iter()
        .zip(&cancellations)
        .map(|(s, c)| (s.starts_at, c.late))
        .collect();
    let receipt = booking::email_to(&state, person.as_ref(), now, |name, addr| {
        crate::domain::notices::absence_registered(name, addr, from_on, to_on, &listed)
    });
    let absence = NewAbsence {
        citizen_id: citizen,
        from_on,
        to_on,
        reason: reason.clone(),
        created_by: viewer.person_id,
        created_at: now,
        review_flags,
    };
    let registered = request::record(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::RegisterAbsence,
        &format!(
            "{from_on} to {to_on} ({reason}): {} sessions cancelled, {} late",
            cancellations.len(),
            cancellations.iter().filter(|c| c.late).count()
        ),
    )
    .of_if(
        &state,
        state
            .repo
            .register_absence(&absence, &cancellations, receipt.as_ref()),
        |r| r.is_some(),
    )
    .await?;
    if registered.is_none() {
        // The same period again (a second press): already registered.
        leptos_axum::redirect("/traening?fravaer=0");
        return Ok(());
    }
    // The places freed may be held for the first on their waiting lists: tell them now.
    crate::ssr::waiting_list::notify_now(&state).await;
    leptos_axum::redirect(&format!("/traening?fravaer={}", cancellations.len()));
    Ok(())
}
