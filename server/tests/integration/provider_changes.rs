//! When the municipality cannot hold a session (T39): Brønderslev may not cancel, only propose a
//! new time that each citizen accepts or declines (BRS-15); Fredensborg cancels, tells the
//! citizens at once and says an alternative will be offered (FRB-12). Neither counts against
//! the citizen.
use crate::booking::mail_to;
use crate::http::{location, person_of, Browser, NOW};
use crate::support::{at, on_both_backends, spawn_app, Backend};

async fn broenderslev_proposes_a_new_time_that_the_citizen_accepts_or_declines(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let repo = &app.state.repo;
    let booked = repo.booked_sessions_from(inger, at(NOW)).await.unwrap();
    let (first, second) = (booked[0].id, booked[1].id);
    let mut staff = Browser::new(&app);
    staff.sign_in_as("Birgitte Dahl").await;
    let page = format!("/personale/hold/{first}");
    let (_, html) = staff.page(&page).await;
    assert!(
        html.contains("Kommunen kan ikke aflyse en planlagt træning"),
        "{html}"
    );
    assert!(!html.contains("Aflys holdet"));
    assert!(html.contains("BRS-15"));

    // Cancelling is refused under BRS-15, even posted by hand.
    let res = staff
        .post_form(
            &page,
            "/api/staff/cancel_session",
            &[("session", &first.to_string())],
        )
        .await;
    let (_, html) = staff
        .page(location(&res).trim_start_matches(&app.base))
        .await;
    assert!(html.contains("(BRS-15)"), "{html}");
    assert_eq!(
        repo.team_session(first).await.unwrap().unwrap().status,
        app::domain::states::SessionStatus::Scheduled
    );

    // A proposal with a bad date and time: each said at its field.
    let res = staff
        .post_form(
            &page,
            "/api/staff/propose_move",
            &[
                ("session", &first.to_string()),
                ("date", "12.13.2026"),
                ("time", "25.00"),
            ],
        )
        .await;
    let (_, html) = staff
        .page(location(&res).trim_start_matches(&app.base))
        .await;
    assert!(html.contains("<a href=\"#ny-dato\">"), "{html}");
    assert!(html.contains("<a href=\"#nyt-tidspunkt\">"));

    // Thursday 12 March 10:00 instead of Wednesday 11 March: Inger is told and asked.
    for (session, date) in [(first, "12.3.2026"), (second, "19.3.2026")] {
        let res = staff
            .post_form(
                &format!("/personale/hold/{session}"),
                "/api/staff/propose_move",
                &[
                    ("session", &session.to_string()),
                    ("date", date),
                    ("time", "10.00"),
                ],
            )
            .await;
        assert_eq!(location(&res), format!("/personale/hold/{session}"));
    }
    let told = mail_to(&app, "inger.thomsen@example.dk", "Forslag om ny tid").await;
    assert_eq!(told.len(), 2);
    assert!(
        told.iter().any(|m| m.contains(
            "onsdag 11. marts 2026 kl. 10.00 på Sundhedscenter Brønderslev til torsdag 12. marts 2026 kl. 10.00"
        )),
        "{told:?}"
    );
    let mut b = Browser::new(&app);
    b.sign_in_as("Inger Thomsen").await;
    let (_, html) = b.page("/traening").await;
    let html = html.replace("<!---->", "");
    assert!(
        html.contains("Kommunen foreslår at flytte tiden til torsdag 12. marts 2026 kl. 10.00."),
        "{html}"
    );

    // Yes to the first: her booking moves; twice is once. No to the second: it stays.
    for _ in 0..2 {
        let res = b
            .post_form(
                "/traening",
                "/api/booking/answer_move",
                &[("session", &first.to_string()), ("answer", "ja")],
            )
            .await;
        assert_eq!(location(&res), "/traening?flytning=ja");
    }
    b.post_form(
        "/traening",
        "/api/booking/answer_move",
        &[("session", &second.to_string()), ("answer", "nej")],
    )
    .await;
    let now_booked = repo.booked_sessions_from(inger, at(NOW)).await.unwrap();
    assert_eq!(now_booked.len(), 8);
    assert_eq!(now_booked[0].starts_at, at("2026-03-12T09:00:00Z"));
    assert_eq!(now_booked[0].booked, 1);
    assert_eq!(now_booked[1].id, second, "declined: the old time stands");
    assert_eq!(repo.team_session(first).await.unwrap().unwrap().booked, 0);
    let course = repo.current_course(inger).await.unwrap().unwrap();
    assert!(
        repo.course_history(course.id).await.unwrap().is_empty(),
        "a move the municipality asked for is not her cancellation"
    );
    let (_, html) = b.page("/traening").await;
    assert!(!html.contains("Kommunen foreslår"), "answered: {html}");
}

async fn fredensborg_cancels_tells_at_once_and_offers_an_alternative(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let henrik = person_of(&app, "demo:fredensborg:borger").await;
    let repo = &app.state.repo;
    let thursday = repo.booked_sessions_from(henrik, at(NOW)).await.unwrap()[0].id;
    let mut staff = Browser::new(&app);
    staff.sign_in_as("Camilla Friis").await;
    let page = format!("/personale/hold/{thursday}");
    let (_, html) = staff.page(&page).await;
    assert!(
        html.contains("kommunen skal tilbyde dem et alternativ"),
        "{html}"
    );
    assert!(html.contains("FRB-12"));
    let res = staff
        .post_form(
            &page,
            "/api/staff/cancel_session",
            &[("session", &thursday.to_string())],
        )
        .await;
    assert_eq!(location(&res), page);
    let s = repo.team_session(thursday).await.unwrap().unwrap();
    assert_eq!((s.status.code(), s.booked), ("cancelled", 0));
    assert_eq!(
        repo.booking_status(thursday, henrik)
            .await
            .unwrap()
            .map(|s| s.code()),
        Some("cancelled")
    );
    let told = mail_to(&app, "henrik.larsen@example.dk", "Træning aflyst").await;
    assert_eq!(told.len(), 1);
    assert!(told[0].contains("Det tæller ikke som dit afbud."));
    assert!(told[0].contains("Kommunen finder et andet tidspunkt til dig"));
    let course = repo.current_course(henrik).await.unwrap().unwrap();
    assert!(repo.course_history(course.id).await.unwrap().is_empty());
    let (_, html) = staff.page("/personale").await;
    assert!(html.contains("Aflyst"));
    // Once cancelled, nothing more to cancel.
    let (_, html) = staff.page(&page).await;
    assert!(html.contains("Holdet er aflyst."));
    assert!(
        !html.contains("name=\"session\" value"),
        "no forms left: {html}"
    );
}

on_both_backends!(
    broenderslev_proposes_a_new_time_that_the_citizen_accepts_or_declines,
    fredensborg_cancels_tells_at_once_and_offers_an_alternative,
);
