//! Absence periods (holiday, hospital stay): the citizen or a relative with the book scope names
//! the days; the booked sessions in them are shown with what cancelling each means now (on time
//! or late), and any termination rule the cancellations together would meet; confirmed, the
//! period is recorded and its sessions cancelled under the same rules, together.
use super::booking::{RuleWarning, SessionView};
use crate::errors::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AbsenceView {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Booked sessions in the period, each with whether a cancellation now is on time.
    pub sessions: Vec<(SessionView, bool)>,
    pub warnings: Vec<RuleWarning>,
}

#[cfg(feature = "ssr")]
mod server {
    use crate::domain::lang::Lang;
    use crate::domain::people::PersonId;
    use crate::domain::termination::Attendance;
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
        crate::domain::absence::parse_period(from, to, local_date(now)).map_err(|problems| {
            AppError::Invalid(
                problems
                    .into_iter()
                    .map(|(field, da, en)| Problem::at(field, lang.pick(da, en)))
                    .collect(),
            )
        })
    }

    pub struct Plan {
        /// None when the citizen has no course: nothing to cancel.
        pub course: Option<Course>,
        pub sessions: Vec<TeamSession>,
        pub warnings: Vec<super::RuleWarning>,
    }

    /// The citizen's booked sessions in the period and what cancelling them all would meet.
    pub async fn plan(
        state: &AppState,
        citizen: PersonId,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Plan, AppError> {
        use super::super::booking::server as booking;
        let Some(course) = state.repo.current_course(citizen).await? else {
            return Ok(Plan {
                course: None,
                sessions: Vec::new(),
                warnings: Vec::new(),
            });
        };
        let m = state
            .municipalities
            .get(&course.municipality)
            .ok_or(AppError::NotFound)?;
        let sessions: Vec<TeamSession> = state
            .repo
            .booked_sessions_from(citizen, now)
            .await?
            .into_iter()
            .filter(|s| (from..=to).contains(&local_date(s.starts_at)))
            .collect();
        let next: Vec<Attendance> = sessions
            .iter()
            .map(|s| Attendance {
                date: local_date(s.starts_at),
                outcome: booking::cancellation_outcome(
                    crate::domain::rules_answers::cancellation(m, s.starts_at, now).on_time,
                ),
            })
            .collect();
        let history = booking::history(state, course.id).await?;
        let warnings = booking::rule_warnings(
            m,
            crate::domain::termination::would_raise_all(
                &m.rules.termination,
                &history,
                &next,
                local_date(now),
            ),
        );
        Ok(Plan {
            course: Some(course),
            sessions,
            warnings,
        })
    }
}

/// What registering the period would cancel.
#[server(endpoint = "booking/absence_preview")]
pub async fn absence_preview(from: String, to: String) -> Result<AbsenceView, AppError> {
    use crate::domain::people::Scope;
    use crate::ssr::request;
    let state = request::state();
    let (_, citizen) = request::citizen_with_scope(&state, Scope::View, "view_training").await?;
    let now = state.clock.now();
    let (from, to) = server::period(request::lang(), &from, &to, now)?;
    let plan = server::plan(&state, citizen, from, to, now).await?;
    let m = plan
        .course
        .as_ref()
        .and_then(|c| state.municipalities.get(&c.municipality));
    Ok(AbsenceView {
        from,
        to,
        sessions: m
            .into_iter()
            .flat_map(|m| plan.sessions.iter().map(move |s| (m, s)))
            .map(|(m, s)| {
                (
                    super::booking::server::session_view(m, s, now),
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
    use super::booking::server as booking;
    use crate::domain::people::Scope;
    use crate::errors::Problem;
    use crate::ssr::db::NewAbsence;
    use crate::ssr::request;
    let state = request::state();
    let lang = request::lang();
    let (viewer, citizen) =
        request::citizen_with_scope(&state, Scope::Book, "register_absence").await?;
    let now = state.clock.now();
    let (from_on, to_on) = server::period(lang, &from, &to, now)?;
    let Some(reason) = reason.filter(|r| crate::domain::absence::REASONS.contains(&r.as_str()))
    else {
        return Err(AppError::Invalid(vec![Problem::at(
            "grund",
            lang.pick("Vælg, hvorfor du er væk.", "Choose why you are away."),
        )]));
    };
    let plan = server::plan(&state, citizen, from_on, to_on, now).await?;
    booking::require_confirmation(&plan.warnings, confirm.as_deref())?;
    let m = plan
        .course
        .as_ref()
        .and_then(|c| state.municipalities.get(&c.municipality));
    // The flags go with the first cancellation; all are written together.
    let mut flags = plan
        .course
        .as_ref()
        .map(|c| booking::review_flags(c.id, plan.warnings.iter().map(|w| &w.flag), now));
    let cancellations: Vec<_> = m
        .into_iter()
        .flat_map(|m| plan.sessions.iter().map(move |s| (m, s)))
        .map(|(m, s)| {
            booking::cancellation_of(
                m,
                s,
                citizen,
                viewer.person_id,
                now,
                flags.take().unwrap_or_default(),
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
    let receipt = booking::email_to(person.as_ref(), now, |name, addr| {
        crate::domain::notices::absence_registered(name, addr, from_on, to_on, &listed)
    });
    let registered = state
        .repo
        .register_absence(
            &NewAbsence {
                citizen_id: citizen,
                from_on,
                to_on,
                reason,
                created_by: viewer.person_id,
                created_at: now,
            },
            &cancellations,
            receipt.as_ref(),
        )
        .await?;
    if registered.is_none() {
        // The same period again (a second press): already registered.
        leptos_axum::redirect("/traening?fravaer=0");
        return Ok(());
    }
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        "register_absence",
        &format!(
            "{from_on} to {to_on}: {} sessions cancelled, {} late",
            cancellations.len(),
            cancellations.iter().filter(|c| c.late).count()
        ),
    )
    .await?;
    leptos_axum::redirect(&format!("/traening?fravaer={}", cancellations.len()));
    Ok(())
}
