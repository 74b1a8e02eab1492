use app::ssr::settings::Settings;
use leptos::config::get_configuration;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    if let Err(e) = run().await {
        eprintln!("Træningsportalen did not start: {e}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let settings = Settings::from_env()?;
    let conf = get_configuration(None)?;
    let options = conf.leptos_options;
    let addr = options.site_addr;
    let env = settings.env;
    let state = server::prepare(settings, options, None).await?;
    // Email goes out from the outbox when SMTP is configured; otherwise it waits there (in
    // development it can be read at /dev/post).
    if let Some(smtp) = state.settings.smtp.clone() {
        app::ssr::mailer::spawn(state.clone(), smtp, std::time::Duration::from_secs(2));
    }
    // Tasks are raised and the daily job run by every instance; each is done once across them.
    app::ssr::jobs::spawn(
        state.clone(),
        state.settings.jobs_every,
        state.settings.instance.clone(),
    );
    let app = server::router(state);
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("Træningsportalen ({env:?}) listening on http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(server::shutdown_signal())
    .await?;
    Ok(())
}
