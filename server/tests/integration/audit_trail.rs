//! What staff and the citizen's side read, what staff of another municipality are refused, and
//! what the municipality does to a team session all reach the citizen's log ("Min log").
use crate::http::{clean, location, person_of, Browser, NOW};
use crate::support::{at, on_both_backends, spawn_app, Backend, TestApp};
use reqwest::StatusCode;

/// Whether the citizen's log holds an entry of `action` by `actor` with `outcome` ("ok" or
/// "refused").
async fn logged(app: &TestApp, citizen: i64, action: &str, actor: i64, outcome: &str) -> bool {
    app.state
        .repo
        .audit_log_for(citizen)
        .await
        .unwrap()
        .iter()
        .any(|e| {
            e.action == action
                && e.actor_id == Some(actor)
                && e.on_behalf_of == Some(citizen)
                && e.outcome.code() == outcome
        })
}

async fn reading_a_session_a_flag_and_a_cancel_preview_is_in_the_citizens_log(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let repo = &app.state.repo;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let birgitte = person_of(&app, "demo:broenderslev:visitator").await;
    let first = repo.booked_sessions_from(inger, at(NOW)).await.unwrap()[0].id;
    let mut staff = Browser::new(&app);
    staff.sign_in_as("Birgitte Dahl").await;

    // The session page names Inger among those booked.
    let (status, html) = staff.page(&format!("/personale/hold/{first}")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Inger Thomsen"), "{html}");
    assert!(logged(&app, inger, "view_team_session", birgitte, "ok").await);

    // The start page names her with a flag raised on her course.
    let course = repo.current_course(inger).await.unwrap().unwrap();
    repo.raise_review_flags(&[app::ssr::db::NewReviewFlag {
        course_id: course.id,
        rule_id: "BRS-18c".into(),
        facts: "{}".into(),
        created_at: at(NOW),
    }])
    .await
    .unwrap();
    let (status, html) = staff.page("/personale").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(clean(&html).contains("Inger Thomsen (BRS-18c)"), "{html}");
    let log = repo.audit_log_for(inger).await.unwrap();
    assert!(
        log.iter().any(|e| e.action == "view_review_flag"
            && e.actor_id == Some(birgitte)
            && e.detail.contains("BRS-18c")),
        "{log:?}"
    );

    // What cancelling would mean, read before cancelling.
    let mut b = Browser::new(&app);
    b.sign_in_as("Inger Thomsen").await;
    let (status, html) = b.page(&format!("/traening/afmeld/{first}")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let log = repo.audit_log_for(inger).await.unwrap();
    assert!(
        log.iter().any(|e| e.action == "view_training"
            && e.actor_id == Some(inger)
            && e.detail.starts_with("cancel preview")),
        "{log:?}"
    );
}

async fn staff_of_another_municipality_are_refused_in_the_citizens_log(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let repo = &app.state.repo;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let mette = person_of(&app, "demo:vejen:visitator").await;
    let mut i = Browser::new(&app);
    i.sign_in_as("Inger Thomsen").await;
    let reference = crate::apply::apply_and_send(&app, &mut i, inger, "Trapper.").await;
    let first = repo.booked_sessions_from(inger, at(NOW)).await.unwrap()[0].id;

    // Vejen's caseworker tries Brønderslev's case and session: as if they did not exist.
    let mut m = Browser::new(&app);
    m.sign_in_as("Mette Lund").await;
    let (status, html) = m
        .page(&format!("/personale/ansoegninger/{reference}"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!html.contains("Trapper."));
    assert!(logged(&app, inger, "view_case", mette, "refused").await);
    assert!(!logged(&app, inger, "view_case", mette, "ok").await);

    let (status, html) = m.page(&format!("/personale/hold/{first}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!html.contains("Inger Thomsen"));
    assert!(logged(&app, inger, "view_team_session", mette, "refused").await);
    assert!(!logged(&app, inger, "view_team_session", mette, "ok").await);
}

async fn a_cancelled_team_session_is_in_each_booked_citizens_log(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let repo = &app.state.repo;
    let henrik = person_of(&app, "demo:fredensborg:borger").await;
    let camilla = person_of(&app, "demo:fredensborg:visitator").await;
    let thursday = repo.booked_sessions_from(henrik, at(NOW)).await.unwrap()[0].id;

    // Another citizen of Fredensborg, with no email address, is booked on the same session.
    let neighbour = repo
        .insert_person(
            &app::ssr::db::NewPerson {
                subject: "test:naboen".into(),
                name: "Nabo Nielsen".into(),
                email: None,
                phone: None,
                birth_date: None,
                home_municipality: Some("fredensborg".into()),
            },
            at(NOW),
        )
        .await
        .unwrap();
    let henriks_course = repo.current_course(henrik).await.unwrap().unwrap();
    repo.insert_decision_with_course(&app::ssr::db::NewDecision {
        application_id: None,
        citizen_id: neighbour,
        municipality: "fredensborg".into(),
        outcome: app::domain::complaint_guidance::DecisionOutcome::Granted,
        training_form: "team".into(),
        place: "Træningscentret, Kokkedal".into(),
        sessions_per_week: 1,
        weeks: Some(12),
        start_on: henriks_course.starts_on,
        reasons: None,
        legal_basis: "Lov om social service § 86, stk. 2".into(),
        complaint_guidance: None,
        replaces_decision_id: None,
        decided_by: camilla,
        decided_at: at(NOW),
        delivery: app::domain::decision_delivery::Delivery::Portal(at(NOW)),
        transport_outcome: None,
        transport_guidance: None,
        last_day_on: None,
    })
    .await
    .unwrap();
    let neighbours_course = repo.current_course(neighbour).await.unwrap().unwrap();
    repo.book(thursday, &neighbours_course, camilla, at(NOW), None)
        .await
        .unwrap();

    let mut staff = Browser::new(&app);
    staff.sign_in_as("Camilla Friis").await;
    let page = format!("/personale/hold/{thursday}");
    let res = staff
        .post_form(
            &page,
            "/api/staff/cancel_session",
            &[("session", &thursday.to_string())],
        )
        .await;
    assert_eq!(location(&res), page);
    assert_eq!(
        repo.team_session(thursday)
            .await
            .unwrap()
            .unwrap()
            .status
            .code(),
        "cancelled"
    );
    for citizen in [henrik, neighbour] {
        assert!(
            logged(&app, citizen, "cancel_team_session", camilla, "ok").await,
            "citizen {citizen}"
        );
    }

    // Henrik reads it in his own words in "Min log".
    let mut h = Browser::new(&app);
    h.sign_in_as("Henrik Larsen").await;
    let (status, html) = h.page("/min-log").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        clean(&html).contains("Kommunen aflyste en holdtræning"),
        "{html}"
    );
}

on_both_backends!(
    reading_a_session_a_flag_and_a_cancel_preview_is_in_the_citizens_log,
    staff_of_another_municipality_are_refused_in_the_citizens_log,
    a_cancelled_team_session_is_in_each_booked_citizens_log,
);
