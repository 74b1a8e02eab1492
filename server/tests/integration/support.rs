//! Test databases (a fresh one per test on each backend) and a portal served on port 0.
use app::ssr::clock::{FixedClock, SharedClock};
use app::ssr::db::{PgRepository, SharedRepository, SqliteRepository};
use app::ssr::municipalities::{self, Municipalities};
use app::ssr::settings::Settings;
use app::ssr::state::AppState;
use chrono::{DateTime, Utc};
use leptos::config::LeptosOptions;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where the PostgreSQL server is; each test creates and drops its own database there.
fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn unique_name() -> String {
    format!(
        "tp_test_{}_{:016x}",
        std::process::id(),
        rand::random::<u64>()
    )
}

pub struct TestDb {
    pub repo: SharedRepository,
    /// Kept so a test can close the pool under the running app.
    pub sqlite: Option<Arc<SqliteRepository>>,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    File(PathBuf),
    Database { admin_url: String, name: String },
}

impl TestDb {
    pub async fn new(backend: Backend) -> TestDb {
        let db = TestDb::unmigrated(backend).await;
        db.repo.migrate().await.expect("migrate");
        db
    }

    /// An empty database, no migration run (for testing a migration on rows made before it).
    pub async fn unmigrated(backend: Backend) -> TestDb {
        match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("{}.sqlite", unique_name()));
                let repo = Arc::new(SqliteRepository::open(&path).await.expect("open sqlite"));
                TestDb {
                    repo: repo.clone(),
                    sqlite: Some(repo),
                    url: format!("sqlite://{}", path.display()),
                    cleanup: Cleanup::File(path),
                }
            }
            Backend::Postgres => {
                let admin_url = postgres_admin_url();
                let name = unique_name();
                let admin = sqlx::PgPool::connect(&admin_url)
                    .await
                    .expect("PostgreSQL must run at TEST_POSTGRES_URL (default 127.0.0.1:5432)");
                sqlx::query(&format!("create database {name}"))
                    .execute(&admin)
                    .await
                    .expect("create database");
                admin.close().await;
                let base = admin_url
                    .rsplit_once('/')
                    .map(|(b, _)| b)
                    .unwrap_or(&admin_url);
                let url = format!("{base}/{name}");
                let repo = PgRepository::connect(&url).await.expect("connect");
                TestDb {
                    repo: Arc::new(repo),
                    sqlite: None,
                    url,
                    cleanup: Cleanup::Database { admin_url, name },
                }
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Database { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Runs even when the test panicked; a thread of its own, since Drop cannot await.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .unwrap();
                    rt.block_on(async {
                        if let Ok(admin) = sqlx::PgPool::connect(&admin_url).await {
                            let _ = sqlx::query(&format!(
                                "drop database if exists {name} with (force)"
                            ))
                            .execute(&admin)
                            .await;
                            admin.close().await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

/// Runs a test body once per backend, each with a fresh database.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$name($crate::support::Backend::Sqlite).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$name($crate::support::Backend::Postgres).await
                }
            }
        )*
    };
}
pub(crate) use on_both_backends;

pub fn repo_municipalities() -> Municipalities {
    municipalities::load_dir(&PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../app/municipalities"
    )))
    .unwrap()
}

pub fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap().to_utc()
}

pub fn settings(vars: &[(&str, &str)]) -> Settings {
    let map: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Settings::from_lookup(|k| map.get(k).cloned()).expect("test settings")
}

/// A portal serving on 127.0.0.1 at a free port, with its clock under the test's control.
pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub clock: Arc<FixedClock>,
    pub db: TestDb,
}

pub async fn spawn_app(backend: Backend, development: bool, now: &str) -> TestApp {
    spawn_app_with(backend, development, now, &[]).await
}

/// As [`spawn_app`], with more environment variables for the settings.
pub async fn spawn_app_with(
    backend: Backend,
    development: bool,
    now: &str,
    extra: &[(&str, &str)],
) -> TestApp {
    let options = LeptosOptions::builder()
        .output_name("traeningsportalen")
        .build();
    spawn_app_on(backend, development, now, extra, options).await
}

/// As [`spawn_app_with`], serving the built site in `site_root` (its style sheet, script and
/// icon under hashed names).
pub async fn spawn_app_on_site(backend: Backend, site_root: &std::path::Path) -> TestApp {
    let options = LeptosOptions::builder()
        .output_name("traeningsportalen")
        .site_root(site_root.to_string_lossy().to_string())
        .build();
    spawn_app_on(backend, true, crate::http::NOW, &[], options).await
}

async fn spawn_app_on(
    backend: Backend,
    development: bool,
    now: &str,
    extra: &[(&str, &str)],
    options: LeptosOptions,
) -> TestApp {
    let db = TestDb::new(backend).await;
    let env = if development {
        "development"
    } else {
        "production"
    };
    let mut vars = vec![
        ("PORTAL_ENV", env),
        ("PORTAL_BASE_URL", "https://portal.example.dk"),
    ];
    vars.extend_from_slice(extra);
    let settings = settings(&vars);
    let clock = Arc::new(FixedClock::new(at(now)));
    let state = server::prepare_with(
        settings,
        options,
        clock.clone() as SharedClock,
        db.repo.clone(),
        repo_municipalities(),
    )
    .await
    .expect("prepare app");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    serve_in_background(listener, state.clone());
    TestApp {
        base,
        state,
        clock,
        db,
    }
}

/// Starts the portal again on the test's database with `repo` (its pool, or a new one) and
/// `municipalities`, as a restart or another instance does; the app's clock and settings.
pub async fn prepare_on(
    app: &TestApp,
    repo: SharedRepository,
    municipalities: Municipalities,
) -> Result<AppState, server::StartError> {
    server::prepare_with(
        app.state.settings.as_ref().clone(),
        LeptosOptions::builder()
            .output_name("traeningsportalen")
            .build(),
        app.clock.clone() as SharedClock,
        repo,
        municipalities,
    )
    .await
}

/// Serves the portal of `state` on `listener` as the server binary does (`server::serve`).
pub fn serve_in_background(listener: tokio::net::TcpListener, state: AppState) {
    let limits = state.settings.operations.clone();
    let router = server::router(state);
    tokio::spawn(async move {
        server::serve::serve(listener, router, &limits, std::future::pending()).await;
    });
}

/// Serves another instance of the portal on the same database, as behind a load balancer; its
/// address.
pub async fn serve_second_instance(app: &TestApp) -> String {
    let state = second_instance(app).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    serve_in_background(listener, state);
    base
}

/// Another server instance on the test's database: its own connection pool.
pub async fn second_instance(app: &TestApp) -> AppState {
    let repo: SharedRepository = match app.db.url.strip_prefix("sqlite://") {
        Some(path) => Arc::new(SqliteRepository::open(&PathBuf::from(path)).await.unwrap()),
        None => Arc::new(PgRepository::connect(&app.db.url).await.unwrap()),
    };
    prepare_on(app, repo, repo_municipalities()).await.unwrap()
}

/// Runs `sql` on the test's database (either backend), as an operator or another program would.
pub async fn run_sql(db: &TestDb, sql: &str) {
    match db.url.strip_prefix("sqlite://") {
        Some(_) => {
            let pool = sqlx::SqlitePool::connect(&db.url).await.unwrap();
            sqlx::query(sql).execute(&pool).await.unwrap();
            pool.close().await;
        }
        None => {
            let pool = sqlx::PgPool::connect(&db.url).await.unwrap();
            sqlx::query(sql).execute(&pool).await.unwrap();
            pool.close().await;
        }
    }
}

/// The number `sql` (a `select count(*) ...`) gives on the test's database, either backend.
pub async fn count_sql(db: &TestDb, sql: &str) -> i64 {
    match db.url.strip_prefix("sqlite://") {
        Some(_) => {
            let pool = sqlx::SqlitePool::connect(&db.url).await.unwrap();
            let n = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
            pool.close().await;
            n
        }
        None => {
            let pool = sqlx::PgPool::connect(&db.url).await.unwrap();
            let n = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
            pool.close().await;
            n
        }
    }
}

/// Team sessions of Vejen starting at `starts` (an hour each), with room for `capacity`.
pub async fn vejen_sessions(state: &AppState, starts: &[&str], capacity: i64) -> Vec<i64> {
    let now = state.clock.now();
    let mut sessions = Vec::new();
    for day in starts {
        sessions.push(
            state
                .repo
                .insert_team_session(&app::ssr::db::NewTeamSession {
                    municipality: "vejen".into(),
                    title: "Hold".into(),
                    place: "Salen".into(),
                    starts_at: at(day),
                    ends_at: at(day) + chrono::Duration::hours(1),
                    capacity,
                    therapist_id: None,
                    created_at: now,
                })
                .await
                .unwrap(),
        );
    }
    sessions
}

/// `n` citizens of Vejen, each with a course of team training granted today (one session a
/// week for twelve weeks) and a signed-in session: their ids and session cookies.
pub async fn vejen_citizens_signed_in(state: &AppState, n: usize) -> Vec<(i64, String)> {
    use app::ssr::db::{NewDecision, NewPerson};
    let repo = &state.repo;
    let now = state.clock.now();
    let mut citizens = Vec::new();
    for i in 0..n {
        let id = repo
            .insert_person(
                &NewPerson {
                    subject: format!("load:{i}"),
                    name: format!("Borger {i}"),
                    email: None,
                    phone: None,
                    birth_date: None,
                    home_municipality: Some("vejen".into()),
                },
                now,
            )
            .await
            .unwrap();
        repo.insert_decision_with_course(&NewDecision {
            application_id: None,
            citizen_id: id,
            municipality: "vejen".into(),
            outcome: app::domain::complaint_guidance::DecisionOutcome::Granted,
            training_form: "team".into(),
            place: "Salen".into(),
            sessions_per_week: 1,
            weeks: Some(12),
            start_on: app::domain::time_format::local_date(now),
            reasons: None,
            legal_basis: "Lov om social service § 86, stk. 2".into(),
            complaint_guidance: None,
            replaces_decision_id: None,
            decided_by: id,
            decided_at: now,
            delivery: app::domain::decision_delivery::Delivery::Portal(now),
            transport_outcome: None,
            transport_guidance: None,
            last_day_on: None,
        })
        .await
        .unwrap();
        let cookie = app::ssr::session::start_session(state, id, None)
            .await
            .unwrap();
        let cookie = cookie
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string();
        citizens.push((id, cookie));
    }
    citizens
}

/// What the portal answered a citizen who asked, over HTTP as a browser's form post does, to
/// book or cancel a team session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Told {
    Booked,
    Cancelled,
    /// Refused (full, or nothing to cancel): nothing changed.
    Refused,
    /// No answer of the portal's: a 5xx status (`Some`), or the connection was lost (`None`).
    /// The change may or may not have been made.
    Lost(Option<u16>),
}

/// Asks the portal at `base` to book (`book`) or cancel `session` for the citizen signed in
/// with `cookie`; what it answered.
pub async fn book_or_cancel(
    client: &reqwest::Client,
    base: &str,
    cookie: &str,
    session: i64,
    book: bool,
) -> Told {
    let path = if book { "book" } else { "cancel" };
    let res = client
        .post(format!("{base}/api/booking/{path}"))
        .header(reqwest::header::COOKIE, cookie)
        .header(reqwest::header::REFERER, format!("{base}/traening"))
        .header(reqwest::header::ORIGIN, base)
        .header(reqwest::header::ACCEPT, "text/html")
        .form(&[("session", session.to_string())])
        .send()
        .await;
    let res = match res {
        Ok(res) => res,
        Err(_) => return Told::Lost(None),
    };
    if res.status().is_server_error() {
        return Told::Lost(Some(res.status().as_u16()));
    }
    assert!(
        res.status().is_redirection(),
        "{path} {session}: {}",
        res.status()
    );
    let location = res.headers()[reqwest::header::LOCATION].to_str().unwrap();
    if location.contains("booket=") {
        Told::Booked
    } else if location.contains("afmeldt=") {
        Told::Cancelled
    } else {
        Told::Refused
    }
}

/// Checks what citizens were told against what the database holds, after they booked and
/// cancelled at once: no session holds more than `capacity`, each session's count is its
/// booked rows, and each citizen's last answer per session (`None`: the answer was lost) is
/// what the database holds. How many bookings the citizens were told of.
pub async fn assert_told_is_held(
    repo: &SharedRepository,
    (sessions, capacity): (&[i64], i64),
    told: &[(i64, std::collections::BTreeMap<i64, Option<bool>>)],
) -> usize {
    let booked = |status: Option<app::domain::states::BookingStatus>| {
        status.map(|s| s.code()) == Some("booked")
    };
    for s in sessions {
        let session = repo.team_session(*s).await.unwrap().unwrap();
        assert!(
            session.booked <= capacity,
            "session {s}: {}",
            session.booked
        );
        let mut rows = 0;
        for (citizen, _) in told {
            rows += i64::from(booked(repo.booking_status(*s, *citizen).await.unwrap()));
        }
        assert_eq!(session.booked, rows, "session {s}: the count is its rows");
    }
    let mut told_booked = 0;
    for (citizen, last) in told {
        for (session, answer) in last {
            let Some(was_booked) = answer else { continue };
            let status = repo.booking_status(*session, *citizen).await.unwrap();
            assert_eq!(
                booked(status),
                *was_booked,
                "citizen {citizen}, session {session}: told {was_booked}, holds {status:?}"
            );
            told_booked += usize::from(*was_booked);
        }
    }
    told_booked
}

/// Listens again on a loopback port that was ours a moment ago (a stand-in server coming back
/// after an outage); binding it again may need a few tries.
pub async fn listen_again(port: u16) -> tokio::net::TcpListener {
    for _ in 0..50 {
        if let Ok(l) = tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
            return l;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("could not listen on port {port} again");
}
