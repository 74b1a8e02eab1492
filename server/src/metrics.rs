//! Metrics in the Prometheus text format, on their own address (`PORTAL_METRICS_ADDR`, off by
//! default) so they are not reachable through the public one. The `metrics` crate records them
//! wherever they happen (requests here, emails in `ssr::mailer`, refused sign-ins in
//! `ssr::oidc` and `ssr::rate_limit`), and `metrics-exporter-prometheus` writes the format.
//! What the database holds (the pool, the outbox, the daily job) is read when scraped.
use app::ssr::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::Instant;

/// Request durations are counted in these buckets (seconds).
const DURATION_BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// Installs the recorder once for the process (later calls get the same one).
pub fn install() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full("portal_http_request_duration_seconds".into()),
                    &DURATION_BUCKETS,
                )
                .and_then(PrometheusBuilder::install_recorder)
                .expect("the metrics recorder is installed once")
        })
        .clone()
}

/// `/metrics`, for the metrics address only.
pub fn router(state: AppState, handle: PrometheusHandle) -> Router {
    Router::new()
        .route("/metrics", get(scrape))
        .with_state((state, handle))
}

async fn scrape(State((state, handle)): State<(AppState, PrometheusHandle)>) -> Response {
    let pool = state.repo.pool_use();
    metrics::gauge!("portal_db_pool_connections", "state" => "open").set(f64::from(pool.open));
    metrics::gauge!("portal_db_pool_connections", "state" => "idle").set(pool.idle as f64);
    metrics::gauge!("portal_db_pool_connections_max").set(f64::from(pool.max));
    let now = state.clock.now();
    match state.repo.outbox_backlog().await {
        Ok(b) => {
            let age = |at: Option<chrono::DateTime<chrono::Utc>>| {
                at.map_or(0, |at| (now - at).num_seconds().max(0)) as f64
            };
            metrics::gauge!("portal_outbox_unsent").set(b.unsent as f64);
            metrics::gauge!("portal_outbox_failing").set(b.failing as f64);
            metrics::gauge!("portal_outbox_oldest_unsent_age_seconds").set(age(b.oldest_unsent));
            metrics::gauge!("portal_outbox_oldest_untried_age_seconds").set(age(b.oldest_untried));
        }
        Err(e) => tracing::warn!(error = %e, "metrics: the outbox could not be read"),
    }
    match state.repo.daily_runs(2).await {
        Ok(runs) => {
            if let Some(finished) = runs.iter().find_map(|r| r.finished_at) {
                metrics::gauge!("portal_daily_job_last_finished_timestamp_seconds")
                    .set(finished.timestamp() as f64);
            }
        }
        Err(e) => tracing::warn!(error = %e, "metrics: the daily runs could not be read"),
    }
    (
        [(
            http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
        .into_response()
}

/// The route template a request matched (`/klage/{id}`), never its address: addresses can hold
/// a token (the calendar feed) or a search for a name.
pub fn route_of(req: &Request) -> String {
    req.extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "other".to_string(), |p| p.as_str().to_string())
}

/// Middleware: counts each request by route template, method and status, and its duration.
pub async fn count_requests(req: Request, next: Next) -> Response {
    let route = route_of(&req);
    // The methods the portal answers; anything else is one label, so a client inventing
    // methods cannot make new series without end.
    let method: &'static str = match *req.method() {
        http::Method::GET => "GET",
        http::Method::HEAD => "HEAD",
        http::Method::POST => "POST",
        http::Method::OPTIONS => "OPTIONS",
        _ => "other",
    };
    let started = Instant::now();
    let res = next.run(req).await;
    let status = res.status().as_u16().to_string();
    metrics::counter!(
        "portal_http_requests_total",
        "route" => route.clone(),
        "method" => method,
        "status" => status
    )
    .increment(1);
    metrics::histogram!("portal_http_request_duration_seconds", "route" => route)
        .record(started.elapsed().as_secs_f64());
    res
}
