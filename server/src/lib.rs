//! The portal's HTTP server: settings, database, municipality files, demo data, routes.
pub mod metrics;
pub mod oversized;
pub mod pkg_files;
pub mod request_log;
pub mod serve;
pub mod tidy_html;

use app::app::{shell, App};
use app::ssr::clock::{SharedClock, StartedAtClock, SystemClock};
use app::ssr::db::{self, SharedRepository};
use app::ssr::municipalities::{self, Municipalities};
use app::ssr::settings::Settings;
use app::ssr::state::AppState;
use app::ssr::{demo, session};
use axum::body::Body;
use axum::extract::Request;
use axum::middleware;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use std::sync::Arc;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("configuration: {0}")]
    Settings(#[from] app::ssr::settings::SettingsError),
    #[error("municipality file: {0}")]
    Municipality(#[from] municipalities::LoadError),
    #[error("database: {0}")]
    Database(#[from] db::DbError),
    #[error("municipality file {0}: the words of consent text {1} changed after citizens may have consented to them; add a new version instead")]
    ConsentTextChanged(String, String),
}

/// Loads the municipality files, opens and migrates the database, and in development adds the
/// demo data. Everything the app needs, before it serves a request.
pub async fn prepare(
    settings: Settings,
    leptos_options: LeptosOptions,
    clock: Option<SharedClock>,
) -> Result<AppState, StartError> {
    let municipalities = municipalities::load_dir(&settings.municipalities_dir)?;
    let clock: SharedClock = match (clock, settings.start_now) {
        (Some(c), _) => c,
        (None, Some(start)) => Arc::new(StartedAtClock::new(start)),
        (None, None) => Arc::new(SystemClock),
    };
    let repo = db::connect(&settings.database).await?;
    prepare_with(settings, leptos_options, clock, repo, municipalities).await
}

pub async fn prepare_with(
    settings: Settings,
    leptos_options: LeptosOptions,
    clock: SharedClock,
    repo: SharedRepository,
    municipalities: Municipalities,
) -> Result<AppState, StartError> {
    let now = clock.now();
    // People stored before the issuer was part of their key get the issuer configured now, once
    // (issue 16): after a change of broker, the same subject from the new one is someone else.
    for (kind, provider) in [("mitid", &settings.oidc), ("staff", &settings.staff_oidc)] {
        if let Some(p) = provider {
            repo.key_legacy_subjects(kind, &p.issuer).await?;
        }
    }
    for m in municipalities.all() {
        repo.sync_municipality(&m.slug, &m.name, now).await?;
        let changed = repo
            .sync_consent_texts(&m.slug, &m.consent_texts, now)
            .await?;
        if !changed.is_empty() {
            let which = changed
                .iter()
                .map(|(purpose, version)| format!("'{purpose}' version {version}"))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(StartError::ConsentTextChanged(m.slug.clone(), which));
        }
    }
    if settings.demo_data {
        demo::ensure_demo_data(repo.as_ref(), &municipalities, now).await?;
    }
    let assets = Arc::new(app::ssr::assets::Assets::load(
        std::path::Path::new(&*leptos_options.site_root),
        &leptos_options.output_name,
    ));
    Ok(AppState {
        leptos_options,
        repo,
        clock,
        settings: Arc::new(settings),
        municipalities: Arc::new(municipalities),
        oidc: Arc::new(app::ssr::oidc::Providers::default()),
        health: Arc::default(),
        assets,
    })
}

/// The app's page routes, generated once per process. Generating them sets a process-wide flag
/// that keeps resources from loading (leptos issue #4773), so it must never overlap a page being
/// rendered; with several routers in one process (the tests) that happened and hung a page.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The routes served outside Leptos (downloads, the calendar feed, sign-in, the rules API), with
/// `:param` segments, for the access matrix test: each must have its entry there too.
pub const PLAIN_ROUTES: [&str; 14] = [
    "/kalender/tid/:session",
    "/kalender/feed/:token",
    "/log-ind/mitid",
    "/log-ind/medarbejder",
    "/log-ind/retur",
    "/min-log/data.json",
    "/personale/rapport.csv",
    "/api/v1/municipalities",
    "/api/v1/rules/:slug/cancellation",
    "/api/v1/rules/:slug/complaint",
    "/api/v1/rules/:slug/complaint-handling",
    "/api/v1/rules/:slug/service-levels",
    "/api/v1/rules/:slug/bookable",
    "/api/{*fn_name}",
];

/// Every page path the app routes (with `:param` segments), for the access matrix test.
pub fn page_paths() -> Vec<String> {
    route_list().iter().map(|r| r.path().to_string()).collect()
}

/// A server function's error answers 500 whatever it was; give it the status that fits the
/// error instead (401 not signed in, 403 forbidden, 404, 400 invalid input), so clients and the
/// access matrix can tell a refusal from a failure. The browser's client reads any 4xx/5xx body
/// as the error, so nothing changes for it.
async fn with_error_status(res: axum::response::Response) -> axum::response::Response {
    if res.status() != http::StatusCode::INTERNAL_SERVER_ERROR
        || !res.headers().contains_key("serverfnerror")
    {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return axum::response::Response::from_parts(parts, Body::empty());
    };
    if let Ok(e) = serde_json::from_slice::<app::errors::AppError>(&bytes) {
        parts.status = e.status();
    }
    axum::response::Response::from_parts(parts, Body::from(bytes))
}

pub use oversized::BODY_LIMIT;

/// Everything the portal serves: health and readiness and the hashed static files first (no
/// session work), then the portal; every request timed out after `PORTAL_REQUEST_TIMEOUT_SECS` (a slow body too),
/// counted for the metrics, and logged with its id.
pub fn router(state: AppState) -> Router {
    let timeout = state.settings.operations.request_timeout;
    let all = Router::new()
        .merge(app::ssr::health::router().with_state(state.clone()))
        .merge(static_files(&state))
        .merge(portal(state))
        // A body that does not arrive in time: 408 (the client was too slow).
        .layer(RequestBodyTimeoutLayer::new(timeout))
        // A request the portal did not finish in time: 503 with a page that says so. Five
        // seconds later than the body's limit, so a body that never comes is the client's 408.
        .layer(TimeoutLayer::with_status_code(
            http::StatusCode::SERVICE_UNAVAILABLE,
            timeout + std::time::Duration::from_secs(5),
        ))
        .layer(middleware::map_response(timed_out))
        // Outside the timeouts, so a request cut off is counted too.
        .layer(middleware::from_fn(metrics::count_requests));
    request_log::layer(all)
}

/// The site's files, before any session work, from memory: the hashed ones
/// (`app::ssr::assets`) and the build's at their plain addresses (`pkg_files`), with the headers a file needs
/// (no framing, no sniffing, nothing run from it).
fn static_files(state: &AppState) -> Router {
    let options = &state.leptos_options;
    Router::new()
        .merge(app::ssr::assets::router(state.assets.clone()))
        .merge(pkg_files::router(&options.site_root, &options.site_pkg_dir))
        .layer(SetResponseHeaderLayer::overriding(
            http::header::CONTENT_SECURITY_POLICY,
            http::HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            http::header::X_CONTENT_TYPE_OPTIONS,
            http::HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            http::header::STRICT_TRANSPORT_SECURITY,
            hsts(state),
        ))
}

/// HSTS in production only: development runs on plain http.
fn hsts(state: &AppState) -> Option<http::HeaderValue> {
    (!state.settings.is_development())
        .then(|| http::HeaderValue::from_static("max-age=31536000; includeSubDomains"))
}

/// The timeout's bare 503 gets a plain answer in both languages. Every change is one
/// transaction, so it was made whole or not at all; the person is told to look before trying
/// again.
async fn timed_out(res: axum::response::Response) -> axum::response::Response {
    if res.status() != http::StatusCode::SERVICE_UNAVAILABLE
        || res.headers().contains_key(http::header::CONTENT_TYPE)
    {
        return res;
    }
    (
        http::StatusCode::SERVICE_UNAVAILABLE,
        [(http::header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Det tog for lang tid. Se efter, om det, du gjorde, blev gemt, før du prøver igen.\n\
         It took too long. Please check whether what you did was saved before trying again.\n",
    )
        .into_response()
}

/// The portal's routes: pages, server functions, static files; the session middleware on every
/// request.
fn portal(state: AppState) -> Router {
    let routes = route_list();
    let hsts = hsts(&state);
    let page_state = state.clone();
    let fn_state = state.clone();
    let fallback_state = state.clone();
    Router::new()
        .nest("/api/v1", app::ssr::rules_api::router())
        .merge(app::ssr::calendar::router())
        .merge(
            app::ssr::oidc::router().route_layer(middleware::from_fn_with_state(
                state.clone(),
                app::ssr::rate_limit::limit_sign_in,
            )),
        )
        .route(app::paths::MY_DATA, get(app::functions::my_data::download))
        .route(
            "/personale/rapport.csv",
            get(app::functions::service_report::report_csv),
        )
        .route(
            "/api/{*fn_name}",
            post(move |req: Request<Body>| {
                let state = fn_state.clone();
                handle_server_fns_with_context(move || provide_context(state.clone()), req)
            }),
        )
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(page_state.clone()),
            {
                let options = state.leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(
            move || provide_context(fallback_state.clone()), shell
        ))
        // Server functions are also routed by `leptos_routes_with_context`, so their errors get
        // their status here, for every route.
        .layer(middleware::map_response(with_error_status))
        .layer(middleware::map_response(tidy_html::tidy))
        // Pages compressed for browsers that accept it; the hashed static files are compressed
        // ahead (`app::ssr::assets`). A middle level: most of the saving for little work.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            session::load_request_context,
        ))
        // Bodies are limited before any work is done on them, and NUL refused in any input.
        .layer(middleware::from_fn(app::ssr::input_guard::refuse_nul))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(middleware::map_response(oversized::plain_answer))
        .layer(middleware::from_fn(oversized::refuse_declared))
        // A bug must not show a browser error or internal detail: a plain 500 page instead.
        .layer(CatchPanicLayer::custom(|_| {
            session::error_response(app::domain::lang::Lang::Da)
        }))
        // Pages set their own policy with a nonce (app::app::shell); everything else gets this.
        .layer(SetResponseHeaderLayer::if_not_present(
            http::header::CONTENT_SECURITY_POLICY,
            http::HeaderValue::from_static(
                "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
            ),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            http::header::STRICT_TRANSPORT_SECURITY,
            hsts,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            http::header::REFERRER_POLICY,
            http::HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            http::header::X_CONTENT_TYPE_OPTIONS,
            http::HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            http::header::X_FRAME_OPTIONS,
            http::HeaderValue::from_static("DENY"),
        ))
        .with_state(state)
}

/// Waits for Ctrl-C or SIGTERM; the server then stops accepting and lets requests finish.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
