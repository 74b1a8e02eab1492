//! The public rules API (JSON, no sign-in): what each municipality's rules say for given facts.
//! Instants in and out are RFC 3339 (answers carry the Danish local offset); dates are YYYY-MM-DD.
use super::state::AppState;
use crate::domain::booking::CourseFacts;
use crate::domain::decision_delivery::Delivery;
use crate::domain::municipality::{Municipality, TrainingForm};
use crate::domain::rules_answers;
use crate::domain::service_levels::Anchor;
use crate::domain::time_format::local_date;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, NaiveDate, Utc};
use http::StatusCode;
use serde_json::{json, Value};
use std::collections::HashMap;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/municipalities", get(municipalities))
        .route("/rules/{slug}/cancellation", get(cancellation))
        .route("/rules/{slug}/complaint", get(complaint))
        .route("/rules/{slug}/complaint-handling", get(complaint_handling))
        .route("/rules/{slug}/service-levels", get(service_levels))
        .route("/rules/{slug}/bookable", get(bookable))
}

struct ApiError(StatusCode, Value);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(self.1)).into_response()
    }
}

type Params = Query<HashMap<String, String>>;

fn bad(parameter: &str, problem: &str) -> ApiError {
    ApiError(
        StatusCode::BAD_REQUEST,
        json!({ "error": problem, "parameter": parameter }),
    )
}

fn instant(params: &HashMap<String, String>, name: &str) -> Result<DateTime<Utc>, ApiError> {
    optional_instant(params, name)?.ok_or_else(|| bad(name, "missing"))
}

fn optional_instant(
    params: &HashMap<String, String>,
    name: &str,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    params
        .get(name)
        .map(|v| {
            DateTime::parse_from_rfc3339(v)
                .map(|t| t.to_utc())
                .map_err(|_| bad(name, "not an RFC 3339 instant such as 2026-03-10T12:00:00+01:00 (encode '+' as %2B)"))
        })
        .transpose()
}

fn municipality<'a>(state: &'a AppState, slug: &str) -> Result<&'a Municipality, ApiError> {
    state.municipalities.get(slug).ok_or_else(|| {
        ApiError(
            StatusCode::NOT_FOUND,
            json!({ "error": "unknown municipality", "parameter": "slug" }),
        )
    })
}

async fn municipalities(State(state): State<AppState>) -> Json<Value> {
    Json(Value::Array(
        state
            .municipalities
            .all()
            .iter()
            .map(|m| json!({ "slug": m.slug, "name": m.name }))
            .collect(),
    ))
}

async fn cancellation(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(p): Params,
) -> Result<Json<Value>, ApiError> {
    let m = municipality(&state, &slug)?;
    let session_start = instant(&p, "session_start")?;
    let at = instant(&p, "at")?;
    Ok(answer(rules_answers::cancellation(m, session_start, at)))
}

/// How the decision reached the citizen, exactly one of: `received`, the instant it became
/// available (published in the portal, Digital Post); `letter_date`, the date of a paper letter
/// (received on that date, or 6 delivery days later with the presumption switched on, T19);
/// `handed_over`, the day it was handed over. `submitted` is when a complaint was sent, and
/// `complaint_received` when the municipality got it (the same instant if left out).
async fn complaint(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(p): Params,
) -> Result<Json<Value>, ApiError> {
    let m = municipality(&state, &slug)?;
    let ways = [
        optional_instant(&p, "received")?.map(Delivery::Portal),
        date(&p, "letter_date")?.map(Delivery::Letter),
        date(&p, "handed_over")?.map(Delivery::InPerson),
    ];
    let delivery = match ways.iter().flatten().collect::<Vec<_>>()[..] {
        [one] => *one,
        [] => return Err(bad("received", "missing")),
        _ => {
            return Err(bad(
                "letter_date",
                "give one of received, letter_date and handed_over",
            ))
        }
    };
    let sent = optional_instant(&p, "submitted")?;
    let received = optional_instant(&p, "complaint_received")?;
    if received.is_some() && sent.is_none() {
        return Err(bad(
            "submitted",
            "missing: complaint_received needs submitted",
        ));
    }
    Ok(answer(rules_answers::complaint(
        m,
        delivery,
        state.settings.postal_receipt_presumption,
        sent,
        received,
    )))
}

/// `complaint_received`, and after a partial agreement `complaint_maintained` (optional).
async fn complaint_handling(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(p): Params,
) -> Result<Json<Value>, ApiError> {
    let m = municipality(&state, &slug)?;
    let received = local_date(instant(&p, "complaint_received")?);
    let mut clocks = rules_answers::clocks(m, Anchor::ComplaintReceived, received);
    // After a partial agreement, once the citizen maintains the complaint (BRS-27).
    if let Some(maintained) = optional_instant(&p, "complaint_maintained")? {
        let day = local_date(maintained);
        if day < received {
            return Err(bad(
                "complaint_maintained",
                "must not be before complaint_received",
            ));
        }
        clocks.extend(rules_answers::clocks(m, Anchor::ComplaintMaintained, day));
    }
    Ok(Json(json!({ "clocks": clocks })))
}

async fn service_levels(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(p): Params,
) -> Result<Json<Value>, ApiError> {
    let m = municipality(&state, &slug)?;
    let anchor = p
        .get("anchor")
        .ok_or_else(|| bad("anchor", "missing"))?
        .as_str();
    let anchor = Anchor::from_code(anchor)
        .filter(|a| !a.is_complaint())
        .ok_or_else(|| bad("anchor", "one of application_received, first_contact, visitation, referral_received, pre_exam"))?;
    let day = local_date(instant(&p, "at")?);
    let clocks = rules_answers::clocks(m, anchor, day);
    Ok(Json(json!({ "clocks": clocks })))
}

/// Optional facts about the citizen's course: `course_start` (date of the first session),
/// `booked_in_week` (sessions already in that ISO week) and `plan_per_week` (from the decision).
async fn bookable(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(p): Params,
) -> Result<Json<Value>, ApiError> {
    municipality(&state, &slug)?;
    // As in force: with the closure weeks the administrator has set (SAM-21).
    let in_force = crate::ssr::rules_in_force::municipality(&state, &slug)
        .await
        .map_err(|_| {
            ApiError(
                StatusCode::SERVICE_UNAVAILABLE,
                json!({ "error": "the database did not answer" }),
            )
        })?;
    let m = &in_force;
    let start = instant(&p, "start")?;
    let end = instant(&p, "end")?;
    if end <= start {
        return Err(bad("end", "must be after start"));
    }
    let form = match p.get("form").map(String::as_str) {
        Some("team") => TrainingForm::Team,
        Some("individual") => TrainingForm::Individual,
        Some(_) => return Err(bad("form", "team or individual")),
        None => return Err(bad("form", "missing")),
    };
    let course = CourseFacts {
        first_session: date(&p, "course_start")?,
        booked_in_week: count(&p, "booked_in_week")?.unwrap_or(0),
        plan_per_week: count(&p, "plan_per_week")?,
    };
    if course.plan_per_week == Some(0) {
        return Err(bad("plan_per_week", "must be at least 1"));
    }
    Ok(answer(rules_answers::bookable(m, form, start, end, course)))
}

fn answer(a: impl serde::Serialize) -> Json<Value> {
    Json(serde_json::to_value(a).expect("answers are plain data"))
}

fn date(p: &HashMap<String, String>, name: &str) -> Result<Option<NaiveDate>, ApiError> {
    p.get(name)
        .map(|v| {
            v.parse::<NaiveDate>()
                .map_err(|_| bad(name, "a date like 2026-06-08"))
        })
        .transpose()
}

fn count(p: &HashMap<String, String>, name: &str) -> Result<Option<u32>, ApiError> {
    p.get(name)
        .map(|v| {
            v.parse::<u32>()
                .ok()
                .filter(|n| *n <= 50)
                .ok_or_else(|| bad(name, "a whole number from 0 to 50"))
        })
        .transpose()
}
