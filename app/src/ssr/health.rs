//! Health and readiness, for a load balancer or a monitor to call as often as every second:
//! `/healthz` answers while the process lives; `/readyz` answers 200 only when this instance can
//! serve: the database answers with exactly the migrations this version knows (an instance left
//! behind by an upgrade is taken out of the rotation), the municipality files are loaded, and the
//! mail worker is alive where SMTP is configured. Neither needs a sign-in or shows personal data;
//! both are served before any session work.
use super::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use http::{header, StatusCode};
use serde::Serialize;
use std::sync::atomic::{AtomicI64, Ordering};

/// The mail worker counts as alive when it has finished a round (or started) this recently. A
/// round waits 2 seconds when idle; sending a full batch to a slow mail server takes longer.
pub const MAILER_SILENT_AFTER_SECONDS: i64 = 120;

/// Signs of life from the background workers, in seconds since 1970 (0: none yet).
#[derive(Debug, Default)]
pub struct Beats {
    mailer: AtomicI64,
}

impl Beats {
    /// The mail worker is alive at `now`.
    pub fn mailer_beat(&self, now: DateTime<Utc>) {
        self.mailer.store(now.timestamp(), Ordering::Relaxed);
    }

    fn mailer_alive(&self, now: DateTime<Utc>) -> bool {
        let last = self.mailer.load(Ordering::Relaxed);
        last > 0 && now.timestamp() - last <= MAILER_SILENT_AFTER_SECONDS
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
}

async fn healthz() -> Response {
    ([(header::CACHE_CONTROL, "no-store")], "ok\n").into_response()
}

/// What `/readyz` found, one word per check.
#[derive(Serialize)]
struct Readiness {
    ready: bool,
    database: &'static str,
    municipalities: usize,
    mailer: &'static str,
}

async fn readyz(State(state): State<AppState>) -> Response {
    let database = match state.repo.schema_current().await {
        Ok(true) => "ok",
        Ok(false) => "migrations differ from this version's",
        Err(e) => {
            tracing::warn!(error = %e, "readiness: the database does not answer");
            "does not answer"
        }
    };
    let municipalities = state.municipalities.all().len();
    let mailer = match state.settings.smtp {
        None => "not configured",
        Some(_) if state.health.mailer_alive(state.clock.now()) => "ok",
        Some(_) => "silent",
    };
    let ready = database == "ok" && municipalities > 0 && mailer != "silent";
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = Readiness {
        ready,
        database,
        municipalities,
        mailer,
    };
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}
