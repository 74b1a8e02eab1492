//! Operating the portal (issue 17), in process on both databases: health and readiness for a
//! load balancer, the request id, timeouts and the connection limit against slow clients, and a
//! backup taken while citizens book that holds every booking they were told of.
use crate::http::NOW;
use crate::support::{
    book_or_cancel, on_both_backends, run_sql, spawn_app, spawn_app_with, vejen_citizens_signed_in,
    vejen_sessions, Backend, Told,
};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn readiness(base: &str) -> (u16, serde_json::Value) {
    let res = reqwest::get(format!("{base}/readyz")).await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap())
}

async fn readiness_tells_a_load_balancer_whether_this_instance_can_serve(backend: Backend) {
    let app = spawn_app(backend, false, NOW).await;
    let res = reqwest::get(format!("{}/healthz", app.base)).await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers().get("set-cookie").is_none(), "no session work");
    assert_eq!(res.text().await.unwrap(), "ok\n");

    let (status, body) = readiness(&app.base).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["ready"], true);
    assert_eq!(body["database"], "ok");
    assert_eq!(body["municipalities"], 5);
    assert_eq!(body["mailer"], "not configured");

    // The database lacks a migration this version has (an upgrade not yet run): not ready, so
    // the load balancer sends no citizen to a portal whose queries would fail.
    run_sql(
        &app.db,
        "delete from _sqlx_migrations where version = (select max(version) from _sqlx_migrations)",
    )
    .await;
    let (status, body) = readiness(&app.base).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["ready"], false);
    assert_eq!(body["database"], "migrations differ from this version's");
    let res = reqwest::get(format!("{}/healthz", app.base)).await.unwrap();
    assert_eq!(res.status(), 200, "the process still lives");

    // The database gone away.
    if let Some(sqlite) = &app.db.sqlite {
        sqlite.close().await;
        let (status, body) = readiness(&app.base).await;
        assert_eq!(status, 503, "{body}");
        assert_eq!(body["database"], "does not answer");
    }
}

async fn every_answer_carries_its_request_id(backend: Backend) {
    let app = spawn_app(backend, false, NOW).await;
    let client = reqwest::Client::new();
    let res = client
        .get(format!("{}/kommuner", app.base))
        .send()
        .await
        .unwrap();
    let id = res.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let again = client
        .get(format!("{}/kommuner", app.base))
        .send()
        .await
        .unwrap();
    assert_ne!(again.headers()["x-request-id"].to_str().unwrap(), id);
    // A proxy's id is kept, so one request is found in both logs.
    let res = client
        .get(format!("{}/healthz", app.base))
        .header("x-request-id", "nginx-4711")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["x-request-id"], "nginx-4711");
    // Text a client makes up is not put in the log: it gets an id of ours.
    let res = client
        .get(format!("{}/healthz", app.base))
        .header("x-request-id", "Karen Ostergaard <karen@example.dk>")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["x-request-id"].len(), 36);
}

/// Reads what the server sends on `stream` until it closes it (or `limit` passes).
async fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> Option<String> {
    let mut out = Vec::new();
    tokio::time::timeout(limit, stream.read_to_end(&mut out))
        .await
        .ok()
        .map(|_| String::from_utf8_lossy(&out).into_owned())
}

async fn a_slow_client_is_cut_off_and_cannot_hold_every_connection(backend: Backend) {
    let app = spawn_app_with(
        backend,
        false,
        NOW,
        &[
            ("PORTAL_HEADER_TIMEOUT_SECS", "1"),
            ("PORTAL_REQUEST_TIMEOUT_SECS", "2"),
            ("PORTAL_MAX_CONNECTIONS", "2"),
        ],
    )
    .await;
    let addr = app.base.trim_start_matches("http://").to_string();

    // Headers sent slower than allowed: the connection is closed.
    let started = Instant::now();
    let mut slow = TcpStream::connect(&addr).await.unwrap();
    slow.write_all(b"GET /kommuner HTTP/1.1\r\nHost: portal\r\n")
        .await
        .unwrap();
    let answer = read_until_closed(&mut slow, Duration::from_secs(10)).await;
    assert!(
        answer.is_some(),
        "the server kept a slow client's connection"
    );
    assert!(started.elapsed() < Duration::from_secs(5));

    // A body that never comes: 408 after the request timeout, and the language not changed.
    let mut stalled = TcpStream::connect(&addr).await.unwrap();
    stalled
        .write_all(
            b"POST /api/set_language HTTP/1.1\r\nHost: portal\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nlang=",
        )
        .await
        .unwrap();
    let answer = read_until_closed(&mut stalled, Duration::from_secs(10))
        .await
        .unwrap_or_default();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:.200}");
    assert!(!answer.contains("tp_lang"), "{answer:.300}");

    // Two slow clients hold both connections: a third person waits only until they are cut off.
    let mut hogs = Vec::new();
    for _ in 0..2 {
        let mut hog = TcpStream::connect(&addr).await.unwrap();
        hog.write_all(b"GET / HTTP/1.1\r\n").await.unwrap();
        hogs.push(hog);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    let res = reqwest::Client::new()
        .get(format!("{}/healthz", app.base))
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .expect("served once a slow client is cut off");
    assert_eq!(res.status(), 200);
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(500),
        "the limit of two connections held: answered after {waited:?}"
    );
}

/// Citizens book while the database is backed up; the backup, restored to a new file, holds
/// every booking a citizen was told of before the backup began.
async fn a_backup_taken_while_citizens_book_holds_every_acknowledged_booking(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let Some(path) = app
        .db
        .url
        .strip_prefix("sqlite://")
        .map(std::path::PathBuf::from)
    else {
        // PostgreSQL is backed up with pg_dump (README); the command says so.
        let config = app::ssr::settings::DatabaseConfig::Postgres {
            url: app.db.url.clone(),
        };
        let refused = app::ssr::backup::backup(&config, std::path::Path::new("/tmp/x"))
            .await
            .unwrap_err();
        assert!(refused.to_string().contains("pg_dump"), "{refused}");
        return;
    };
    let sessions = vejen_sessions(
        &app.state,
        &[
            "2026-03-10T09:00:00Z",
            "2026-03-17T09:00:00Z",
            "2026-03-24T09:00:00Z",
        ],
        100,
    )
    .await;
    let citizens = vejen_citizens_signed_in(&app.state, 20).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut load = tokio::task::JoinSet::new();
    // Told of the first acknowledged booking: the backup begins under load, whatever the speed.
    let (first, mut first_told) = tokio::sync::mpsc::unbounded_channel::<()>();
    for (citizen, cookie) in citizens {
        let (client, base, sessions) = (client.clone(), app.base.clone(), sessions.clone());
        let first = first.clone();
        load.spawn(async move {
            let mut told = Vec::new();
            for session in sessions {
                if book_or_cancel(&client, &base, &cookie, session, true).await == Told::Booked {
                    told.push((Instant::now(), citizen, session));
                    let _ = first.send(());
                }
            }
            told
        });
    }
    tokio::time::timeout(Duration::from_secs(60), first_told.recv())
        .await
        .expect("a booking is acknowledged");
    let dir = std::env::temp_dir().join(format!("tp-backup-{:x}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = app::ssr::settings::DatabaseConfig::Sqlite { path };
    let began = Instant::now();
    app::ssr::backup::backup(&config, &dir.join("backup.sqlite"))
        .await
        .unwrap();
    let mut acknowledged = Vec::new();
    while let Some(told) = load.join_next().await {
        acknowledged.extend(told.unwrap());
    }
    let before: Vec<_> = acknowledged.iter().filter(|(at, ..)| *at < began).collect();
    assert!(!before.is_empty(), "the backup was taken under load");
    assert!(
        app::ssr::backup::backup(&config, &dir.join("backup.sqlite"))
            .await
            .is_err(),
        "a backup is never overwritten"
    );

    let restored = app::ssr::settings::DatabaseConfig::Sqlite {
        path: dir.join("restored.sqlite"),
    };
    app::ssr::backup::restore(&restored, &dir.join("backup.sqlite"))
        .await
        .unwrap();
    let repo = app::ssr::db::SqliteRepository::open(&dir.join("restored.sqlite"))
        .await
        .unwrap();
    use app::ssr::db::prelude::*;
    for (_, citizen, session) in before {
        let status = repo.booking_status(*session, *citizen).await.unwrap();
        assert_eq!(
            status.map(|s| s.code()),
            Some("booked"),
            "citizen {citizen}, session {session}"
        );
    }
    repo.close().await;
    std::fs::remove_dir_all(&dir).ok();
}

on_both_backends!(
    readiness_tells_a_load_balancer_whether_this_instance_can_serve,
    every_answer_carries_its_request_id,
    a_slow_client_is_cut_off_and_cannot_hold_every_connection,
    a_backup_taken_while_citizens_book_holds_every_acknowledged_booking,
);
