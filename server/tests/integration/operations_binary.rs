//! Operating the built server binary (issue 17): the request log as a log collector reads it,
//! the metrics address, backup and restore from the command line, and a shutdown that does not
//! wait for ever.
use crate::binary::{
    dev_sign_in, free_port, http_get, run_to_end, server, start, temp_dir, wait_until_serving,
    Running,
};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Sends SIGTERM and waits for the server to exit (at most 20 seconds).
fn stop(running: &mut Running) -> (ExitStatus, Duration) {
    let asked = Instant::now();
    let pid = running.0.id().to_string();
    assert!(std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    loop {
        if let Some(status) = running.0.try_wait().unwrap() {
            return (status, asked.elapsed());
        }
        assert!(asked.elapsed() < Duration::from_secs(20), "did not stop");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A GET with one more header; the whole answer.
fn get_with(port: u16, path: &str, header: &str, cookie: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/html\r\n{header}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

const DEV: (&str, &str) = ("PORTAL_ENV", "development");
const NOW: (&str, &str) = ("PORTAL_NOW", "2026-03-04T10:00:00+01:00");

#[tokio::test]
async fn the_request_log_has_a_line_per_request_naming_no_one() {
    let dir = temp_dir("log");
    let port = free_port();
    let log = std::fs::File::create(dir.join("stdout.log")).unwrap();
    let child = server(
        port,
        &dir,
        &[
            DEV,
            NOW,
            ("PORTAL_LOG_FORMAT", "json"),
            ("RUST_LOG", "info"),
        ],
    )
    .stdout(log)
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    let mut running = Running(child);
    wait_until_serving(port);

    let answer = get_with(port, "/kommuner", "X-Request-Id: ops-test-1", "");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:.200}");
    let cookie = dev_sign_in(port, "Karen Østergaard");
    let overview = get_with(port, "/oversigt", "X-Request-Id: ops-test-2", &cookie);
    assert!(overview.starts_with("HTTP/1.1 200"), "{overview:.200}");
    get_with(
        port,
        "/kalender/feed/hemmelig-token-4711",
        "X-Request-Id: ops-test-3",
        "",
    );
    let (status, _) = stop(&mut running);
    assert!(status.success());

    let text = std::fs::read_to_string(dir.join("stdout.log")).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
        .collect();
    let request = |id: &str| {
        lines
            .iter()
            .find(|l| l["message"] == "request" && l["span"]["id"] == id)
            .unwrap_or_else(|| panic!("no line for {id}: {text}"))
            .clone()
    };
    let kommuner = request("ops-test-1");
    assert_eq!(kommuner["span"]["route"], "/kommuner");
    assert_eq!(kommuner["span"]["method"], "GET");
    assert_eq!(kommuner["status"], 200);
    assert!(kommuner["duration_ms"].as_f64().is_some(), "{kommuner}");
    assert!(kommuner["span"].get("person").is_none(), "nobody signed in");
    let signed_in = request("ops-test-2");
    assert_eq!(signed_in["span"]["route"], "/oversigt");
    // Karen's internal id, as her session holds it.
    let karen = {
        use app::ssr::db::prelude::*;
        let repo = app::ssr::db::SqliteRepository::open(&dir.join("portal.sqlite"))
            .await
            .unwrap();
        let hash = app::ssr::session::hash_session_id(cookie.split('=').nth(1).unwrap());
        let id = repo.web_session(&hash).await.unwrap().unwrap().person_id;
        repo.close().await;
        id
    };
    assert_eq!(
        signed_in["span"]["person"].as_i64(),
        Some(karen),
        "the person's internal id: {signed_in}"
    );
    let feed = request("ops-test-3");
    assert_eq!(feed["span"]["route"], "/kalender/feed/{token}");
    // Never who someone is, their address, a token or a session.
    let session = cookie.split('=').nth(1).unwrap();
    for secret in [
        "Karen",
        "Østergaard",
        "@example.dk",
        "hemmelig-token-4711",
        session,
    ] {
        assert!(!text.contains(secret), "the log holds {secret}: {text}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn metrics_answer_on_their_own_address_only() {
    let dir = temp_dir("metrics");
    let port = free_port();
    let metrics_port = free_port();
    let metrics_addr = format!("127.0.0.1:{metrics_port}");
    let _running = start(
        port,
        &dir,
        &[DEV, NOW, ("PORTAL_METRICS_ADDR", metrics_addr.as_str())],
    );
    wait_until_serving(metrics_port);

    assert!(http_get(port, "/kommuner", "").starts_with("HTTP/1.1 200"));
    // A sign-in answer that belongs to no sign-in begun here is refused.
    let refused = http_get(port, "/log-ind/retur?state=ukendt&code=x", "");
    assert!(
        refused.contains("/log-ind/fejl?grund=udloebet"),
        "{refused:.300}"
    );
    assert!(
        http_get(port, "/metrics", "").starts_with("HTTP/1.1 404"),
        "not on the public address"
    );

    let scraped = http_get(metrics_port, "/metrics", "");
    assert!(scraped.starts_with("HTTP/1.1 200"), "{scraped:.300}");
    let line = |prefix: &str, has: &[&str]| {
        scraped
            .lines()
            .find(|l| l.starts_with(prefix) && has.iter().all(|h| l.contains(h)))
            .unwrap_or_else(|| panic!("no {prefix} {has:?} in {scraped}"))
            .to_string()
    };
    let requests = line(
        "portal_http_requests_total{",
        &["route=\"/kommuner\"", "status=\"200\"", "method=\"GET\""],
    );
    assert!(requests.ends_with(" 1"), "{requests}");
    line(
        "portal_http_request_duration_seconds_bucket{",
        &["route=\"/kommuner\""],
    );
    let refusals = line("portal_sign_ins_refused_total{", &["reason=\"udloebet\""]);
    assert!(refusals.ends_with(" 1"), "{refusals}");
    line("portal_db_pool_connections{", &["state=\"open\""]);
    line("portal_db_pool_connections_max", &[]);
    line("portal_outbox_unsent", &[]);
    line("portal_outbox_oldest_unsent_age_seconds", &[]);
    std::fs::remove_dir_all(&dir).ok();
}

/// `server backup` and `server restore`, as an operator runs them.
fn command(dir: &std::path::Path, args: &[&str], database: &str) -> (bool, String) {
    let mut cmd = server(0, dir, &[("DATABASE_URL", database)]);
    cmd.args(args);
    let out = run_to_end(cmd);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), said)
}

#[test]
fn backup_and_restore_from_the_command_line_never_replace_a_running_portals_database() {
    let dir = temp_dir("backup-cli");
    let port = free_port();
    let database = format!("sqlite://{}?mode=rwc", dir.join("portal.sqlite").display());
    let mut running = start(port, &dir, &[DEV, NOW, ("DATABASE_URL", database.as_str())]);
    assert!(
        dir.join("portal.sqlite").exists(),
        "?mode=rwc is an option, not part of the file's name"
    );
    let backup = dir.join("backup.sqlite").display().to_string();

    let (ok, said) = command(&dir, &["backup", &backup], &database);
    assert!(ok, "{said}");
    assert!(said.contains("integrity checked"), "{said}");
    let (ok, said) = command(&dir, &["backup", &backup], &database);
    assert!(!ok && said.contains("already exists"), "{said}");
    let (ok, said) = command(&dir, &["restore", &backup], &database);
    assert!(!ok && said.contains("a portal is running"), "{said}");

    let (status, _) = stop(&mut running);
    assert!(status.success());
    std::fs::write(dir.join("not-a-database.sqlite"), "hello").unwrap();
    let not_one = dir.join("not-a-database.sqlite").display().to_string();
    let (ok, said) = command(&dir, &["restore", &not_one], &database);
    assert!(
        !ok && said.contains("not a sound portal database"),
        "{said}"
    );
    let (ok, said) = command(&dir, &["restore", &backup], &database);
    assert!(ok, "{said}");
    assert!(
        said.contains("kept as"),
        "the replaced database is kept: {said}"
    );

    // The portal starts on the restored database, with the demo people of the backup.
    let _running = start(port, &dir, &[DEV, NOW, ("DATABASE_URL", database.as_str())]);
    let cookie = dev_sign_in(port, "Karen Østergaard");
    assert!(http_get(port, "/oversigt", &cookie).starts_with("HTTP/1.1 200"));

    let (ok, said) = command(
        &dir,
        &["backup", &dir.join("pg.sqlite").display().to_string()],
        "postgres://postgres@127.0.0.1:5432/postgres",
    );
    assert!(!ok && said.contains("pg_dump"), "{said}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_shutdown_waits_for_requests_in_flight_no_longer_than_its_grace() {
    let dir = temp_dir("grace");
    let port = free_port();
    let mut running = start(port, &dir, &[DEV, NOW, ("PORTAL_SHUTDOWN_GRACE_SECS", "1")]);
    // A post whose body never comes keeps a request in flight.
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "POST /api/set_language HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nlang=").unwrap();
    s.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let (status, took) = stop(&mut running);
    assert!(status.success(), "{status}");
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(5),
        "waited its grace of one second, then stopped: {took:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
