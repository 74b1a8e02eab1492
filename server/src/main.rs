use app::ssr::settings::Settings;
use leptos::config::get_configuration;

/// mimalloc instead of the system's allocator: a page is built from many small strings and
/// vectors, and `malloc`/`free` took about a sixth of the core under load (issue 18's profile).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: server                 serve the portal (settings from the environment, see the README)
       server backup <file>   copy the SQLite database to a new file while the portal serves
       server restore <file>  put a backup in place of the SQLite database (every instance stopped)";

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let done = match args.as_slice() {
        [] => run()
            .await
            .map_err(|e| format!("Træningsportalen did not start: {e}")),
        ["backup", file] => backup(file).await,
        ["restore", file] => restore(file).await,
        ["--help" | "-h" | "help"] => {
            println!("{USAGE}");
            Ok(())
        }
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    };
    if let Err(e) = done {
        eprintln!("{e}");
        std::process::exit(1);
    }
}

async fn backup(file: &str) -> Result<(), String> {
    let database = app::ssr::settings::database_from_env().map_err(|e| e.to_string())?;
    app::ssr::backup::backup(&database, file.as_ref())
        .await
        .map_err(|e| format!("No backup made: {e}"))?;
    println!("Backed up to {file} (integrity checked).");
    Ok(())
}

async fn restore(file: &str) -> Result<(), String> {
    let database = app::ssr::settings::database_from_env().map_err(|e| e.to_string())?;
    let kept = app::ssr::backup::restore(&database, file.as_ref())
        .await
        .map_err(|e| format!("Nothing restored: {e}"))?;
    println!("Restored {file}.");
    if let Some(kept) = kept {
        println!("The database it replaced is kept as {}.", kept.display());
    }
    Ok(())
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let settings = Settings::from_env()?;
    // Held while serving: a restore cannot replace the SQLite file under a running portal.
    let _running = app::ssr::backup::hold_running_lock(&settings.database)?;
    server::request_log::init(settings.operations.log_format);
    let conf = get_configuration(None)?;
    let options = conf.leptos_options;
    let addr = options.site_addr;
    let env = settings.env;
    let operations = settings.operations.clone();
    let state = server::prepare(settings, options, None).await?;
    // Email goes out from the outbox when SMTP is configured; otherwise it waits there (in
    // development it can be read at /dev/post).
    if let Some(smtp) = state.settings.smtp.clone() {
        app::ssr::mailer::spawn(state.clone(), smtp, std::time::Duration::from_secs(2));
    }
    // Text messages likewise, through the SMS gateway when SMS_URL is set.
    if let Some(sms) = state.settings.sms.clone() {
        app::ssr::sms::spawn(state.clone(), sms, std::time::Duration::from_secs(2));
    }
    // Tasks are raised and the daily job run by every instance; each is done once across them.
    app::ssr::jobs::spawn(
        state.clone(),
        state.settings.jobs_every,
        state.settings.instance.clone(),
    );
    if let Some(metrics_addr) = operations.metrics_addr {
        let metrics = server::metrics::router(state.clone(), server::metrics::install());
        let listener = tokio::net::TcpListener::bind(metrics_addr).await?;
        tracing::info!("metrics on http://{metrics_addr}/metrics");
        tokio::spawn(async move { axum::serve(listener, metrics).await });
    }
    let app = server::router(state);
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!("Træningsportalen ({env:?}) listening on http://{addr}");
    server::serve::serve(listener, app, &operations, server::shutdown_signal()).await;
    Ok(())
}
