//! The built server binary: start-up checks, the development clock, graceful shutdown.
use app::ssr::db::prelude::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub(crate) fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "tp-{tag}-{}-{:x}",
        std::process::id(),
        rand::random::<u32>()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn municipalities_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../app/municipalities"
    ))
}

pub(crate) fn server(port: u16, dir: &Path, vars: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_server"));
    cmd.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LEPTOS_OUTPUT_NAME", "traeningsportalen")
        .env("LEPTOS_SITE_ROOT", dir.join("site"))
        .env("LEPTOS_SITE_PKG_DIR", "pkg")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.join("portal.sqlite").display()),
        )
        .env("PORTAL_MUNICIPALITIES_DIR", municipalities_dir())
        .env("RUST_LOG", "warn");
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd
}

pub(crate) fn run_to_end(mut cmd: Command) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("the server kept running although it should have refused to start");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_bad_municipality_file_stops_the_server_naming_file_and_field() {
    let dir = temp_dir("bad-file");
    let files = dir.join("municipalities");
    std::fs::create_dir_all(&files).unwrap();
    for entry in std::fs::read_dir(municipalities_dir()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, files.join(path.file_name().unwrap())).unwrap();
    }
    let samsoe = files.join("samsoe.toml");
    let text = std::fs::read_to_string(&samsoe).unwrap();
    assert!(text.contains("kommunekode = \"741\""));
    std::fs::write(
        &samsoe,
        text.replace("kommunekode = \"741\"", "kommunekode = \"74\""),
    )
    .unwrap();

    let files_str = files.display().to_string();
    let out = run_to_end(server(
        free_port(),
        &dir,
        &[
            ("PORTAL_ENV", "development"),
            ("PORTAL_MUNICIPALITIES_DIR", &files_str),
        ],
    ));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("samsoe.toml"), "{stderr}");
    assert!(stderr.contains("field `kommunekode`"), "{stderr}");
    assert!(stderr.contains("'74' must be three digits"), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn production_refuses_to_start_with_development_settings() {
    let dir = temp_dir("prod");
    let out = run_to_end(server(
        free_port(),
        &dir,
        &[
            ("PORTAL_BASE_URL", "https://portal.example.dk"),
            ("PORTAL_NOW", "2026-03-04T10:00:00+01:00"),
        ],
    ));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("PORTAL_NOW") && stderr.contains("development setting"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

pub(crate) struct Running(pub(crate) Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the server quietly on `port` with `vars` and waits until it accepts connections.
pub(crate) fn start(port: u16, dir: &Path, vars: &[(&str, &str)]) -> Running {
    let child = server(port, dir, vars)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let running = Running(child);
    wait_until_serving(port);
    running
}

pub(crate) fn wait_until_serving(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
}

pub(crate) fn http_get(port: u16, path: &str, cookie: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/html\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

pub(crate) fn http_post(port: u16, path: &str, body: &str, cookie: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/html\r\nCookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

/// Signs in as a demo person on the development sign-in page; the session cookie.
pub(crate) fn dev_sign_in(port: u16, name: &str) -> String {
    let page = http_get(port, "/dev/log-ind", "");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    let field = "name=\"person\" value=\"";
    let at = page.find(&format!("Log ind som {name}")).unwrap();
    let id_at = page[..at].rfind(field).unwrap() + field.len();
    let id = page[id_at..].split('"').next().unwrap().to_string();
    let answer = http_post(port, "/api/dev/sign_in", &format!("person={id}"), "");
    answer
        .lines()
        .find_map(|l| {
            l.strip_prefix("set-cookie: ")
                .or_else(|| l.strip_prefix("Set-Cookie: "))
        })
        .and_then(|c| c.split(';').next())
        .unwrap_or_else(|| panic!("no session cookie: {answer}"))
        .to_string()
}

#[test]
fn development_clock_starts_at_portal_now_and_sigterm_lets_requests_finish() {
    let dir = temp_dir("dev");
    let port = free_port();
    let child = server(
        port,
        &dir,
        &[
            ("PORTAL_ENV", "development"),
            ("PORTAL_NOW", "2026-03-04T10:00:00+01:00"),
        ],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    let mut running = Running(child);
    wait_until_serving(port);

    // Demo data was made relative to PORTAL_NOW: Vejen's Monday team starts on 9 March 2026.
    let cookie = dev_sign_in(port, "Karen Østergaard");
    let overview = http_get(port, "/oversigt", &cookie);
    assert!(
        overview.contains("mandag 9. marts 2026 kl. 10.00"),
        "{overview}"
    );

    // A request is half sent when SIGTERM arrives; it is still answered, then the server exits.
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET /kommuner HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n").unwrap();
    s.flush().unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let pid = running.0.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    std::thread::sleep(Duration::from_millis(300));
    write!(s, "Accept: text/html\r\nConnection: close\r\n\r\n").unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "in-flight request was cut off: {answer:.200}"
    );
    assert!(answer.contains("Kommuner og kontakt"));

    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = running.0.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "the server did not stop after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status}");
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "no longer accepting"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// With SMTP configured, the server's own worker sends what is waiting in the outbox.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_sends_waiting_mail_when_smtp_is_configured() {
    use app::ssr::db::{NewEmail, Repository, SqliteRepository};
    let sink = crate::smtp_sink::SmtpSink::start().await;
    let dir = temp_dir("mail");
    let repo = SqliteRepository::open(&dir.join("portal.sqlite"))
        .await
        .unwrap();
    repo.migrate().await.unwrap();
    repo.queue_email(&NewEmail {
        recipient_person_id: None,
        to_address: "borger@example.dk".into(),
        subject: "Din træning".into(),
        body_text: "Hej.".into(),
        created_at: chrono::Utc::now() - chrono::Duration::minutes(1),
        channel: app::ssr::db::OutboxChannel::Email,
    })
    .await
    .unwrap();
    drop(repo);

    let url = sink.url();
    let port = free_port();
    let log = dir.join("server.log");
    let mut running = Running(
        server(
            port,
            &dir,
            &[
                ("PORTAL_ENV", "development"),
                ("SMTP_URL", &url),
                ("SMTP_FROM", "Træningsportalen <noreply@example.dk>"),
                ("RUST_LOG", "info"),
            ],
        )
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap(),
    );
    // Development mode also has demo data, whose reminders may be due by the real clock; only
    // the waiting message is this test's.
    let ours = || {
        sink.messages()
            .into_iter()
            .filter(|m| m.to == ["borger@example.dk"])
            .collect::<Vec<_>>()
    };
    let deadline = Instant::now() + Duration::from_secs(90);
    while ours().is_empty() {
        let exited = running.0.try_wait().unwrap();
        assert!(
            Instant::now() < deadline && exited.is_none(),
            "no mail arrived (server exited: {exited:?}): {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Once, even after another turn of the worker.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(ours().len(), 1);
    std::fs::remove_dir_all(&dir).ok();
}

/// PRODUCT.md's crash safety: a booking the citizen was told about survives kill -9 and a restart.
#[test]
fn an_acknowledged_booking_survives_kill_9_and_a_restart() {
    let dir = temp_dir("crash");
    let vars = [
        ("PORTAL_ENV", "development"),
        ("PORTAL_NOW", "2026-03-04T10:00:00+01:00"),
    ];
    let port = free_port();
    let mut running = Running(
        server(port, &dir, &vars)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_until_serving(port);
    let cookie = dev_sign_in(port, "Karen Østergaard");
    let page = http_get(port, "/traening", &cookie);
    let marker = "/traening/afmeld/";
    let at = page.find(marker).expect("a booked session") + marker.len();
    let session: String = page[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    // Cancel it, and book it again: the answer to the booking is the acknowledgement.
    let body = format!("session={session}");
    let answer = http_post(port, "/api/booking/cancel", &body, &cookie);
    assert!(answer.contains("afmeldt="), "{answer:.300}");
    let answer = http_post(port, "/api/booking/book", &body, &cookie);
    assert!(
        answer.contains(&format!("booket={session}")),
        "{answer:.300}"
    );
    let pid = running.0.id().to_string();
    assert!(Command::new("kill")
        .args(["-KILL", &pid])
        .status()
        .unwrap()
        .success());
    let _ = running.0.wait();

    let port = free_port();
    let _again = Running(
        server(port, &dir, &vars)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_until_serving(port);
    let cookie = dev_sign_in(port, "Karen Østergaard");
    let page = http_get(port, "/traening", &cookie);
    assert!(
        page.contains(&format!("{marker}{session}\"")),
        "the booking is still there"
    );
    std::fs::remove_dir_all(&dir).ok();
}
