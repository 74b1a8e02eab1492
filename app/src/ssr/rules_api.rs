//! The public rules API (JSON, no sign-in): what each municipality's rules say for given facts.
//! Instants in and out are RFC 3339 (answers carry the Danish local offset); dates are YYYY-MM-DD.
use super::state::AppState;
use crate::domain::deadlines::{cancellation_deadline, complaint_deadline, CancellationRule};
use crate::domain::lang::Lang;
use crate::domain::municipality::{Municipality, TrainingForm};
use crate::domain::service_levels::Anchor;
use crate::domain::time_format::{iso_local, local_date, long_date, long_date_time};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
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

fn cancellation_text(lang: Lang, rule: CancellationRule, shown: Option<DateTime<Utc>>) -> String {
    match (rule, shown) {
        (CancellationRule::None, _) | (_, None) => lang
            .pick(
                "Kommunen har ingen frist for afbud.",
                "The municipality has no cancellation deadline.",
            )
            .into(),
        (CancellationRule::EndOfDayBefore, Some(t)) => {
            format!(
                "{} {}",
                lang.pick("Afmeld senest dagen før:", "Cancel by the day before:"),
                long_date(lang, local_date(t))
            )
        }
        (CancellationRule::DayBeforeAt { .. }, Some(t)) => {
            format!(
                "{} {}",
                lang.pick("Afmeld senest", "Cancel by"),
                long_date_time(lang, t)
            )
        }
        (CancellationRule::SameDayBefore { .. }, Some(t)) => {
            format!(
                "{} {}",
                lang.pick("Afmeld inden", "Cancel before"),
                long_date_time(lang, t)
            )
        }
    }
}

async fn cancellation(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(p): Params,
) -> Result<Json<Value>, ApiError> {
    let m = municipality(&state, &slug)?;
    let session_start = instant(&p, "session_start")?;
    let at = instant(&p, "at")?;
    let config = &m.rules.cancellation;
    let deadline = cancellation_deadline(config.rule, session_start);
    Ok(Json(json!({
        "deadline": deadline.map(|d| iso_local(d.shown)),
        "on_time": deadline.is_none_or(|d| d.is_on_time(at)),
        "rule_id": config.rule_id,
        "source": config.source,
        "text_da": cancellation_text(Lang::Da, config.rule, deadline.map(|d| d.shown)),
        "text_en": cancellation_text(Lang::En, config.rule, deadline.map(|d| d.shown)),
    })))
}

async fn complaint(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(p): Params,
) -> Result<Json<Value>, ApiError> {
    let m = municipality(&state, &slug)?;
    let received = instant(&p, "received")?;
    let submitted = optional_instant(&p, "submitted")?;
    let config = &m.rules.complaint;
    let deadline = complaint_deadline(received, config.weeks);
    let when = |lang: Lang| long_date_time(lang, deadline.shown);
    Ok(Json(json!({
        "deadline": iso_local(deadline.shown),
        "on_time": submitted.map(|s| deadline.is_on_time(s)),
        "rule_id": config.rule_id,
        "source": config.source,
        "text_da": format!("Du kan klage til og med {}. En klage efter fristen bliver stadig modtaget.", when(Lang::Da)),
        "text_en": format!("You can complain until {}. A complaint after the deadline is still accepted.", when(Lang::En)),
    })))
}

fn clocks(
    m: &Municipality,
    anchor_day: chrono::NaiveDate,
    keep: impl Fn(Anchor) -> bool,
) -> Vec<Value> {
    m.rules
        .service_levels
        .iter()
        .filter(|l| keep(l.anchor))
        .map(|l| {
            json!({
                "id": l.id,
                "rule_id": l.rule_id,
                "name_da": l.name_da,
                "name_en": l.name_en,
                "due": l.due(anchor_day, &m.rules.sla_days_off).to_string(),
                "soft": l.soft,
                "source": l.source,
            })
        })
        .collect()
}

async fn complaint_handling(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(p): Params,
) -> Result<Json<Value>, ApiError> {
    let m = municipality(&state, &slug)?;
    let received = local_date(instant(&p, "complaint_received")?);
    Ok(Json(
        json!({ "clocks": clocks(m, received, |a| a == Anchor::ComplaintReceived) }),
    ))
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
    Ok(Json(json!({ "clocks": clocks(m, day, |a| a == anchor) })))
}

async fn bookable(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(p): Params,
) -> Result<Json<Value>, ApiError> {
    let m = municipality(&state, &slug)?;
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
    let course_start = p
        .get("course_start")
        .map(|v| {
            v.parse::<chrono::NaiveDate>()
                .map_err(|_| bad("course_start", "a date like 2026-06-08"))
        })
        .transpose()?;
    let answer = crate::domain::booking::check(&m.rules.booking, form, start, end, course_start);
    Ok(Json(serde_json::to_value(answer).expect("serialisable")))
}
