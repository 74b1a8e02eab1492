//! Staff plan a weekly series of team sessions: a preview of the sessions the municipality's
//! rules allow, the dates skipped and why, and warnings on soft rules; then the series is created,
//! all sessions together.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeriesFormData {
    pub municipality_name: String,
    /// The municipality's therapists (id, name).
    pub therapists: Vec<(i64, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeriesPlanView {
    pub spec: crate::domain::series::SeriesSpec,
    pub plan: crate::domain::series::SeriesPlan,
}

#[cfg(feature = "ssr")]
mod server {

    use crate::domain::lang::Lang;
    use crate::domain::people::StaffRole;
    use crate::domain::series::SeriesSpec;
    use crate::errors::AppError;
    use chrono::{DateTime, Utc};

    pub const PLANNERS: [StaffRole; 3] =
        [StaffRole::Visitator, StaffRole::Therapist, StaffRole::Admin];

    pub fn spec(lang: Lang, fields: [&str; 6], now: DateTime<Utc>) -> Result<SeriesSpec, AppError> {
        let [weekday, start, minutes, capacity, from, to] = fields;
        crate::domain::series::parse_spec(
            weekday,
            start,
            minutes,
            capacity,
            from,
            to,
            crate::domain::time_format::local_date(now),
        )
        .map_err(|problems| AppError::fields(lang, problems))
    }
}

/// What the form offers: the municipality's therapists and places.
#[server(endpoint = "staff/series_form")]
pub async fn series_form() -> Result<SeriesFormData, AppError> {
    use crate::ssr::request::Ctx;

    let (Ctx { state, .. }, slug) = Ctx::staff(&server::PLANNERS, Action::PlanSeries).await?;
    let m = &crate::ssr::rules_in_force::municipality(&state, &slug).await?;
    Ok(SeriesFormData {
        municipality_name: m.name.clone(),
        therapists: state
            .repo
            .therapists_of(&slug)
            .await?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect(),
    })
}

/// The sessions a series would have, the dates skipped and the warnings.
#[server(endpoint = "staff/series_preview")]
pub async fn series_preview(
    weekday: String,
    start: String,
    minutes: String,
    capacity: String,
    from: String,
    to: String,
) -> Result<SeriesPlanView, AppError> {
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let (Ctx { state, .. }, slug) = Ctx::staff(&server::PLANNERS, Action::PlanSeries).await?;
    let m = &crate::ssr::rules_in_force::municipality(&state, &slug).await?;
    let spec = server::spec(
        request::lang(),
        [&weekday, &start, &minutes, &capacity, &from, &to],
        state.clock.now(),
    )?;
    let plan = crate::domain::series::plan(&m.rules.booking, &spec);
    Ok(SeriesPlanView { spec, plan })
}

/// The form planning a weekly series, as sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SeriesFields {
    pub title: String,
    pub place: String,
    pub therapist: Option<String>,
    pub weekday: String,
    pub start: String,
    pub minutes: String,
    pub capacity: String,
    pub from: String,
    pub to: String,
}

/// Creates the series and its sessions as previewed.
#[server(endpoint = "staff/create_series")]
pub async fn create_series(#[server(flatten)] form: SeriesFields) -> Result<(), AppError> {
    use crate::errors::Problem;
    use crate::ssr::db::NewSeries;
    use crate::ssr::request;
    let SeriesFields {
        title,
        place,
        therapist,
        weekday,
        start,
        minutes,
        capacity,
        from,
        to,
    } = form;
    let (
        request::Ctx {
            state,
            viewer,
            lang,
            ..
        },
        slug,
    ) = request::Ctx::staff(&server::PLANNERS, Action::CreateSeries).await?;
    let m = &crate::ssr::rules_in_force::municipality(&state, &slug).await?;
    let now = state.clock.now();
    let spec = server::spec(
        lang,
        [&weekday, &start, &minutes, &capacity, &from, &to],
        now,
    )?;
    let (title, place) = (title.trim().to_string(), place.trim().to_string());
    AppError::check_texts(
        lang,
        &[
            (
                "titel",
                &title,
                crate::domain::text_input::LINE_MAX,
                false,
                ("Holdets navn", "The team's name"),
            ),
            (
                "sted",
                &place,
                crate::domain::text_input::LINE_MAX,
                false,
                ("Stedet", "The place"),
            ),
        ],
    )?;
    let mut problems = Vec::new();
    if title.is_empty() {
        problems.push(Problem::at(
            "titel",
            lang.pick("Skriv holdets navn.", "Enter the team's name."),
        ));
    }
    if place.is_empty() {
        problems.push(Problem::at(
            "sted",
            lang.pick("Skriv, hvor holdet træner.", "Enter where the team trains."),
        ));
    }
    let therapists = state.repo.therapists_of(&slug).await?;
    // No therapist is "" or 0; anything else must be one of the municipality's therapists.
    let therapist = match therapist.as_deref().map(str::trim).unwrap_or("") {
        "" | "0" => None,
        t => Some(t.parse::<i64>().map_err(|_| AppError::NotFound)?),
    };
    if therapist.is_some_and(|t| !therapists.iter().any(|p| p.id == t)) {
        problems.push(Problem::at(
            "terapeut",
            lang.pick(
                "Vælg en af kommunens terapeuter.",
                "Choose one of the municipality's therapists.",
            ),
        ));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let plan = crate::domain::series::plan(&m.rules.booking, &spec);
    let sessions: Vec<_> = plan
        .sessions
        .iter()
        .filter(|s| s.starts_at > now)
        .map(|s| (s.starts_at, s.ends_at))
        .collect();
    if sessions.is_empty() {
        return Err(AppError::Invalid(vec![Problem::at(
            "fra",
            lang.pick(
                "Der er ingen tider i perioden, der kan holdes. Vælg andre datoer.",
                "There are no sessions in the period that can be held. Choose other dates.",
            ),
        )]));
    }
    let record = request::record(
        &state,
        Some(viewer.person_id),
        None,
        Action::CreateSeries,
        &format!(
            "series {}: {} sessions, {} skipped",
            request::NEW_ROW,
            sessions.len(),
            plan.skipped.len()
        ),
    );
    let new = NewSeries {
        municipality: slug.clone(),
        title,
        place,
        weekday: i64::from(spec.weekday),
        local_start: spec.start.format("%H:%M").to_string(),
        duration_minutes: i64::from(spec.minutes),
        capacity: i64::from(spec.capacity),
        therapist_id: therapist,
        from_on: spec.from,
        to_on: spec.to,
        created_by: viewer.person_id,
        created_at: now,
    };
    let created = record
        .of_if(
            &state,
            state.repo.create_series(&new, &sessions),
            Option::is_some,
        )
        .await?;
    if created.is_none() {
        // The same series again (a second press): created already.
        leptos_axum::redirect("/personale");
        return Ok(());
    }
    leptos_axum::redirect(&format!("/personale?serie={}", sessions.len()));
    Ok(())
}
