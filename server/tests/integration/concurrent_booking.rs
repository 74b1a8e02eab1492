//! Never overbooked: 1,000 booking and cancellation requests over HTTP, 50 citizens at once, at
//! three small sessions; on PostgreSQL half of them go to a second server instance sharing the
//! database. Afterwards every session holds at most its capacity, its count equals its booked
//! rows, every citizen's last successful action is what the database holds, and no request got
//! a 5xx.
use crate::http::NOW;
use crate::support::{at, on_both_backends, second_instance, spawn_app, Backend};
use app::ssr::db::{NewDecision, NewPerson, NewTeamSession};
use app::ssr::session::start_session;
use reqwest::redirect::Policy;
use std::collections::BTreeMap;

const CITIZENS: usize = 50;
const REQUESTS_EACH: usize = 20;
const CAPACITY: i64 = 5;

async fn a_thousand_concurrent_requests_never_overbook(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let repo = app.state.repo.clone();
    let now = at(NOW);
    // Three sessions in three weeks (one session a week is the plan), all inside the courses.
    let mut sessions = Vec::new();
    for day in [
        "2026-03-10T09:00:00Z",
        "2026-03-17T09:00:00Z",
        "2026-03-24T09:00:00Z",
    ] {
        sessions.push(
            repo.insert_team_session(&NewTeamSession {
                municipality: "vejen".into(),
                title: "Hold".into(),
                place: "Salen".into(),
                starts_at: at(day),
                ends_at: at(day) + chrono::Duration::hours(1),
                capacity: CAPACITY,
                therapist_id: None,
                created_at: now,
            })
            .await
            .unwrap(),
        );
    }
    // Fifty citizens of Vejen, each with a granted course and a signed-in session.
    let mut citizens = Vec::new();
    for i in 0..CITIZENS {
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
        let cookie = start_session(&app.state, id, None).await.unwrap();
        let cookie = cookie
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string();
        citizens.push((id, cookie));
    }
    // On PostgreSQL, a second instance serves every other citizen.
    let mut bases = vec![app.base.clone()];
    if matches!(backend, Backend::Postgres) {
        let other = second_instance(&app).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        bases.push(format!("http://{}", listener.local_addr().unwrap()));
        let router = server::router(other);
        tokio::spawn(async move {
            axum::serve(
                listener,
                router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .await
            .unwrap()
        });
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
                let path = if book { "book" } else { "cancel" };
                let res = client
                    .post(format!("{base}/api/booking/{path}"))
                    .header(reqwest::header::COOKIE, &cookie)
                    .header(reqwest::header::REFERER, format!("{base}/traening"))
                    .header(reqwest::header::ACCEPT, "text/html")
                    .form(&[("session", session.to_string())])
                    .send()
                    .await
                    .unwrap();
                if res.status().is_server_error() {
                    server_errors += 1;
                    continue;
                }
                let location = res
                    .headers()
                    .get(reqwest::header::LOCATION)
                    .map(|l| l.to_str().unwrap().to_string())
                    .unwrap_or_default();
                // A refusal (full, or nothing to cancel) changes nothing for this citizen.
                if location.contains("__err") {
                    continue;
                }
                if location.contains("booket=") {
                    told.insert(session, true);
                } else if location.contains("afmeldt=") {
                    told.insert(session, false);
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

    for s in &sessions {
        let session = repo.team_session(*s).await.unwrap().unwrap();
        assert!(
            session.booked <= CAPACITY,
            "session {s}: {}",
            session.booked
        );
        let mut rows = 0;
        for (citizen, _) in &citizens {
            if repo
                .booking_status(*s, *citizen)
                .await
                .unwrap()
                .map(|s| s.code())
                == Some("booked")
            {
                rows += 1;
            }
        }
        assert_eq!(session.booked, rows, "session {s}: the count is its rows");
    }
    let mut told_booked = 0;
    for (citizen, told) in expected {
        for (session, booked) in told {
            let status = repo.booking_status(session, citizen).await.unwrap();
            assert_eq!(
                status.map(|s| s.code()) == Some("booked"),
                booked,
                "citizen {citizen}, session {session}: told {booked}, holds {status:?}"
            );
            told_booked += usize::from(booked);
        }
    }
    assert!(told_booked > 0, "some bookings went through");
}

on_both_backends!(a_thousand_concurrent_requests_never_overbook);
