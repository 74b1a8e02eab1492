//! The service-level report (`/personale/rapport`): whether the municipality keeps the clocks of
//! its own quality standard, over the applications and complaints received in a period; as a
//! table, a bar chart and a CSV file (`/personale/rapport.csv`). Counts only, no personal data.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::domain::service_report::ReportRow;
use crate::errors::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportData {
    pub municipality_name: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Applications and complaints about decisions received in the period.
    pub applications: u32,
    pub complaints: u32,
    pub application_rows: Vec<ReportRow>,
    pub complaint_rows: Vec<ReportRow>,
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::*;
    use crate::domain::lang::Lang;
    use crate::domain::people::StaffRole;
    use crate::domain::service_report::{rows, ClockSample};
    use crate::domain::time_format::{local_date, local_instant, parse_day};
    use crate::errors::Problem;
    use crate::ssr::state::AppState;
    use chrono::{DateTime, Datelike, Utc};

    pub const READERS: [StaffRole; 3] =
        [StaffRole::Visitator, StaffRole::Therapist, StaffRole::Admin];

    /// The period asked for: from 1 January this year to today when not given.
    pub fn period(
        lang: Lang,
        from: Option<String>,
        to: Option<String>,
        today: NaiveDate,
    ) -> Result<(NaiveDate, NaiveDate), AppError> {
        let day = |text: Option<String>, default: NaiveDate, field: &str| match text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            None => Ok(default),
            Some(t) => parse_day(t).ok_or_else(|| {
                Problem::at(
                    field,
                    lang.pick(
                        "Skriv datoen som dag.måned.år, for eksempel 16.3.2026.",
                        "Write the date as day.month.year, for example 16.3.2026.",
                    ),
                )
            }),
        };
        let start_of_year = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
        let from = day(from, start_of_year, "felt-fra");
        let to = day(to, today, "felt-til");
        match (from, to) {
            (Ok(f), Ok(t)) if f <= t => Ok((f, t)),
            (Ok(_), Ok(_)) => Err(AppError::Invalid(vec![Problem::at(
                "felt-til",
                lang.pick(
                    "Slutdatoen skal ligge efter startdatoen.",
                    "The end date must be after the start date.",
                ),
            )])),
            (f, t) => Err(AppError::Invalid(
                [f.err(), t.err()].into_iter().flatten().collect(),
            )),
        }
    }

    fn start(day: NaiveDate) -> DateTime<Utc> {
        local_instant(day, 0, 0).unwrap_or_default()
    }

    pub async fn report(
        state: &AppState,
        slug: &str,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<ReportData, AppError> {
        let m = crate::ssr::rules_in_force::municipality(state, slug).await?;
        let today = local_date(now);
        let (lo, hi) = (start(from), start(to + chrono::Days::new(1)));
        let applications = state.repo.applications_received(slug, lo, hi).await?;
        let mut samples = Vec::new();
        for a in &applications {
            let clocks = crate::domain::case_clocks::case_clocks(
                &m.rules,
                &crate::ssr::cases::facts(a, now),
                today,
            );
            samples.extend(clocks.into_iter().map(|c| ClockSample {
                rule_id: c.level.rule_id.clone(),
                name_da: c.level.name_da.clone(),
                name_en: c.level.name_en.clone(),
                state: c.state,
                started: c.started,
                met: c.met,
            }));
        }
        let complaints: Vec<_> = state
            .repo
            .complaints_in(slug)
            .await?
            .into_iter()
            .filter(|c| {
                c.kind == crate::domain::complaints::Kind::Decision
                    && c.submitted_at >= lo
                    && c.submitted_at < hi
            })
            .collect();
        let mut complaint_samples = Vec::new();
        for c in &complaints {
            let f = crate::ssr::complaints::facts_with(state, c);
            complaint_samples.extend(
                crate::domain::complaints::clocks(&m, &f, today)
                    .into_iter()
                    .map(|k| ClockSample {
                        rule_id: k.rule_id.clone(),
                        name_da: k.name_da.clone(),
                        name_en: k.name_en.clone(),
                        state: k.state,
                        started: k.started,
                        met: k.met,
                    }),
            );
        }
        Ok(ReportData {
            municipality_name: m.name.clone(),
            from,
            to,
            applications: applications.len() as u32,
            complaints: complaints.len() as u32,
            application_rows: rows(&samples),
            complaint_rows: rows(&complaint_samples),
        })
    }
}

/// The report for a period (from 1 January this year to today when none is given).
#[server(endpoint = "staff/report")]
pub async fn service_report(
    fra: Option<String>,
    til: Option<String>,
) -> Result<ReportData, AppError> {
    use crate::ssr::request::{self, Ctx};
    let (
        Ctx {
            state,
            viewer,
            lang,
            now,
        },
        slug,
    ) = Ctx::staff(&server::READERS, Action::ViewReport).await?;
    let (from, to) = server::period(lang, fra, til, crate::domain::time_format::local_date(now))?;
    let data = server::report(&state, &slug, from, to, now).await?;
    request::audit(
        &state,
        Some(viewer.person_id),
        None,
        Action::ViewReport,
        &format!("{from} to {to}"),
    )
    .await?;
    Ok(data)
}

/// The query of the report's addresses.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PeriodQuery {
    pub fra: Option<String>,
    pub til: Option<String>,
}

/// `GET /personale/rapport.csv`: the report as a CSV file, for staff of the municipality.
#[cfg(feature = "ssr")]
pub async fn report_csv(
    axum::extract::State(state): axum::extract::State<crate::ssr::state::AppState>,
    axum::Extension(ctx): axum::Extension<crate::ssr::request::RequestContext>,
    axum::extract::Query(q): axum::extract::Query<PeriodQuery>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    use http::{header, HeaderValue};
    let lang = ctx.lang;
    let result = async {
        let viewer = ctx.viewer.clone().ok_or(AppError::NotSignedIn)?;
        let slug = viewer.municipality.clone().unwrap_or_default();
        if !viewer.is_staff_of(&slug, &server::READERS) {
            crate::ssr::request::audit_refused(
                &state,
                Some(viewer.person_id),
                None,
                Action::DownloadReport,
                "not staff of the municipality",
            )
            .await?;
            return Err(AppError::Forbidden);
        }
        let now = state.clock.now();
        let (from, to) = server::period(
            lang,
            q.fra,
            q.til,
            crate::domain::time_format::local_date(now),
        )?;
        let data = server::report(&state, &slug, from, to, now).await?;
        crate::ssr::request::audit(
            &state,
            Some(viewer.person_id),
            None,
            Action::DownloadReport,
            &format!("{from} to {to}"),
        )
        .await?;
        let mut rows = data.application_rows;
        rows.extend(data.complaint_rows);
        Ok::<_, AppError>((
            crate::domain::service_report::csv(&rows, lang),
            format!("attachment; filename=\"servicemaal-{slug}-{from}-{to}.csv\""),
        ))
    }
    .await;
    match result {
        Ok((body, disposition)) => {
            let mut res = body.into_response();
            res.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            if let Ok(v) = HeaderValue::from_str(&disposition) {
                res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
            }
            res
        }
        Err(e) => (e.status(), e.message(lang)).into_response(),
    }
}
