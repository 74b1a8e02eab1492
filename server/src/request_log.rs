//! One structured line per request (JSON with `PORTAL_LOG_FORMAT=json`): its id (also sent back
//! in `X-Request-Id`, and taken from a proxy that set one), method, route template, status,
//! duration, and the signed-in person's internal id (recorded by the session middleware). Never
//! the address itself (it may hold a token or a searched name), a name, CPR, email or typed text.
//! `tower-http`'s trace and request-id layers.
use app::ssr::settings::LogFormat;
use axum::extract::Request;
use axum::Router;
use http::Response;
use std::time::Duration;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use tracing::Span;
use tracing_subscriber::EnvFilter;

/// Sets up the process's log: `RUST_LOG` filters (default `info`), `format` chooses the lines.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let log = tracing_subscriber::fmt().with_env_filter(filter);
    match format {
        LogFormat::Text => log.init(),
        LogFormat::Json => log
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .init(),
    }
}

/// `router` with a request id on every request and its response, and one line per request.
pub fn layer(router: Router) -> Router {
    router
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request| {
                    let id = req
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default();
                    tracing::info_span!(
                        "request",
                        id = %id,
                        method = %req.method(),
                        route = %crate::metrics::route_of(req),
                        person = tracing::field::Empty,
                    )
                })
                .on_request(())
                .on_response(
                    |res: &Response<axum::body::Body>, latency: Duration, _span: &Span| {
                        tracing::info!(
                            status = res.status().as_u16(),
                            duration_ms = latency.as_secs_f64() * 1000.0,
                            "request"
                        );
                    },
                )
                .on_failure(()),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(axum::middleware::from_fn(drop_unsound_request_id))
}

/// Whether a request id from outside is one to keep: a proxy's id (nginx's `$request_id` is 32
/// hex digits, others are UUIDs), not text a client chose to put in our log and answers.
fn sound_request_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

/// Middleware: an incoming `X-Request-Id` that is not [`sound_request_id`] is replaced by ours.
async fn drop_unsound_request_id(
    mut req: Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let unsound = req
        .headers()
        .get("x-request-id")
        .is_some_and(|v| !v.to_str().is_ok_and(sound_request_id));
    if unsound {
        req.headers_mut().remove("x-request-id");
    }
    next.run(req).await
}
