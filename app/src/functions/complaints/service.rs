//! A complaint about the training or the staff (GEN-6): to the unit the municipality names, no
//! deadline, answered by the unit.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::complaints;
use crate::views::complaints::RouteView;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The form for a complaint about the training or the staff.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceComplaintData {
    pub citizen_name: String,
    pub municipality_name: String,
    pub route: RouteView,
    /// Set where the unit is the municipality itself because the standard names none.
    pub standard_silent: bool,
    /// Styrelsen for Patientklager, where the standard names it (Vejen).
    pub patient_complaints: Option<RouteView>,
    /// What a complaint can be about (code, Danish, English).
    pub topics: Vec<(String, String, String)>,
}

/// The form for complaining about the training or the staff, with where it goes.
#[server(endpoint = "complaints/service_form")]
pub async fn service_complaint_form() -> Result<ServiceComplaintData, AppError> {
    use crate::domain::complaints::{service_route, Topic};
    use crate::domain::people::Scope;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;

    let (Ctx { state, viewer, .. }, citizen) =
        Ctx::citizen(Scope::Complain, Action::ViewComplaintForm).await?;
    let (person, m) = complaints::citizen_municipality(&state, citizen).await?;
    let m = &m;
    let route = service_route(m);
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::ViewComplaintForm,
        "service",
    )
    .await?;
    Ok(ServiceComplaintData {
        citizen_name: person.name.clone(),
        municipality_name: m.name.clone(),
        route: complaints::route_view(route.unit, m),
        standard_silent: route.unit.is_none(),
        patient_complaints: route
            .patient_complaints
            .map(|c| complaints::route_view(Some(c), m)),
        topics: Topic::ALL
            .into_iter()
            .map(|t| {
                (
                    t.code().into(),
                    t.label(crate::domain::lang::Lang::Da).into(),
                    t.label(crate::domain::lang::Lang::En).into(),
                )
            })
            .collect(),
    })
}

/// Sends a complaint about the training or the staff to the unit the standard names.
#[server(endpoint = "complaints/submit_service")]
pub async fn submit_service_complaint(
    topic: Option<String>,
    body: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::complaint_notices::Change;
    use crate::domain::complaints::{route_name, Kind, Topic};
    use crate::domain::people::Scope;
    use crate::errors::Problem;
    use crate::ssr::db::NewComplaint;
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
    ) = Ctx::citizen(Scope::Complain, Action::Complain).await?;
    let (_, m) = complaints::citizen_municipality(&state, citizen).await?;
    let m = &m;
    // What it is about is optional; the text is the complaint.
    let topic = topic.as_deref().and_then(Topic::from_code);
    let body = body.unwrap_or_default().trim().to_string();
    if body.is_empty() {
        return Err(AppError::Invalid(vec![Problem::at(
            "felt-klage",
            lang.pick(
                "Skriv, hvad du vil klage over.",
                "Write what you want to complain about.",
            ),
        )]));
    }
    complaints::check_length(lang, &body)?;
    let now = state.clock.now();
    let route = route_name(m, Kind::Service);
    let new = NewComplaint {
        reference: complaints::new_reference(),
        citizen_id: citizen,
        municipality: m.slug.clone(),
        kind: Kind::Service,
        decision_id: None,
        topic: topic.map(|t| t.code().into()),
        body: body.clone(),
        route: route.clone(),
        submitted_by: viewer.person_id,
        submitted_at: now,
        deadline_at: None,
        possibly_late: false,
        status: crate::domain::complaints::Status::Received,
        reassessment_due_on: None,
        forward_due_on: None,
        channel: crate::domain::intake::Channel::Portal,
        sent_on: None,
    };
    let change = Change {
        da: format!("{route} har modtaget din klage over træningen. Du får svar her og på e-mail."),
        en: format!(
            "{route} has received your complaint about the training. You will get an answer here and by email."
        ),
    };
    let emails = complaints::emails(
        &state,
        citizen,
        viewer.person_id,
        &new.reference,
        &change,
        now,
    )
    .await?;
    let detail = format!(
        "complaint {} about the training ({})",
        new.reference,
        topic.map_or("no topic", |t| t.code())
    );
    let inserted = request::record(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::Complain,
        &detail,
    )
    .of_if(&state, state.repo.insert_complaint(&new, &emails), |id| {
        id.is_some()
    })
    .await?;
    let reference = match inserted {
        Some(_) => new.reference.clone(),
        // The same complaint sent again while unanswered: the first one stands, and only it is
        // in the log.
        None => state
            .repo
            .complaints_of(citizen)
            .await?
            .into_iter()
            .find(|c| {
                c.kind == crate::domain::complaints::Kind::Service
                    && c.body == body
                    && c.answered_at.is_none()
            })
            .map(|c| c.reference)
            .ok_or_else(|| {
                tracing::error!("a service complaint pressed twice left no complaint");
                AppError::Internal
            })?,
    };
    leptos_axum::redirect(&format!(
        "{}?kvittering=1",
        crate::paths::complaint(&reference)
    ));
    Ok(())
}
