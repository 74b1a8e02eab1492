//! Never overbooked: 1,000 booking and cancellation requests over HTTP, 50 citizens at once, at
//! three small sessions; on PostgreSQL half of them go to a second server instance sharing the
//! database. Afterwards every session holds at most its capacity, its count equals its booked
//! rows, every citizen's last successful action is what the database holds, and no request got
//! a 5xx.
use crate::http::NOW;
use crate::support::{
    assert_told_is_held, book_or_cancel, on_both_backends, serve_second_instance, spawn_app,
    vejen_citizens_signed_in, vejen_sessions, Backend, Told,
};
use reqwest::redirect::Policy;
use std::collections::BTreeMap;

const CITIZENS: usize = 50;
const REQUESTS_EACH: usize = 20;
const CAPACITY: i64 = 5;

async fn a_thousand_concurrent_requests_never_overbook(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let repo = app.state.repo.clone();
    // Three sessions in three weeks (one session a week is the plan), all inside the courses.
    let sessions = vejen_sessions(
        &app.state,
        &[
            "2026-03-10T09:00:00Z",
            "2026-03-17T09:00:00Z",
            "2026-03-24T09:00:00Z",
        ],
        CAPACITY,
    )
    .await;
    // Fifty citizens of Vejen, each with a granted course and a signed-in session.
    let citizens = vejen_citizens_signed_in(&app.state, CITIZENS).await;
    // On PostgreSQL, a second instance serves every other citizen.
    let mut bases = vec![app.base.clone()];
    if matches!(backend, Backend::Postgres) {
        bases.push(serve_second_instance(&app).await);
    }

    // Each citizen acts one request after another; the citizens all at once.
    let client = reqwest::Client::builder()
        .redirect(Policy::none())
        .pool_max_idle_per_host(64)
        .build()
        .unwrap();
    let mut tasks = tokio::task::JoinSet::new();
    for (n, (citizen, cookie)) in citizens.iter().cloned().enumerate() {
        let client = client.clone();
        let base = bases[n % bases.len()].clone();
        let sessions = sessions.clone();
        tasks.spawn(async move {
            // What this citizen was told last, per session: booked or not.
            let mut told: BTreeMap<i64, bool> = BTreeMap::new();
            let mut server_errors = 0;
            for r in 0..REQUESTS_EACH {
                let session = sessions[(n + r) % sessions.len()];
                let book = (n * 7 + r * 3) % 5 != 0;
                // A refusal (full, or nothing to cancel) changes nothing for this citizen.
                match book_or_cancel(&client, &base, &cookie, session, book).await {
                    Told::Booked => {
                        told.insert(session, true);
                    }
                    Told::Cancelled => {
                        told.insert(session, false);
                    }
                    Told::Refused => {}
                    Told::Lost(_) => server_errors += 1,
                }
            }
            (citizen, told, server_errors)
        });
    }
    let mut expected = Vec::new();
    let mut server_errors = 0;
    while let Some(done) = tasks.join_next().await {
        let (citizen, told, errors) = done.unwrap();
        server_errors += errors;
        expected.push((citizen, told));
    }
    assert_eq!(server_errors, 0, "no request may get a 5xx");

    let expected: Vec<_> = expected
        .into_iter()
        .map(|(citizen, told)| {
            (
                citizen,
                told.into_iter().map(|(s, b)| (s, Some(b))).collect(),
            )
        })
        .collect();
    let told_booked = assert_told_is_held(&repo, (&sessions, CAPACITY), &expected).await;
    assert!(told_booked > 0, "some bookings went through");
}

on_both_backends!(a_thousand_concurrent_requests_never_overbook);
