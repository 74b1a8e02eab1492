//! Moving a booking and registering an absence, over HTTP as without JavaScript: a move cancels
//! the old time under the rule and books the new one together, once; an absence period cancels
//! the sessions in it, each judged on time or late, warns when the cancellations together meet a
//! termination rule, and keeps what was typed when something is wrong.
use crate::booking::{booked_now, mail_to, session};
use crate::http::{location, person_of, Browser, NOW};
use crate::support::{at, on_both_backends, spawn_app, Backend};

async fn a_booking_moves_to_a_free_time_in_one_step(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let henrik = person_of(&app, "demo:fredensborg:borger").await;
    let booked = booked_now(&app, henrik).await;
    // Thursday 12 March 13:00 moves to Tuesday 10 March 13:00, the same week.
    let old = booked[1].id;
    let new = session(&app, "fredensborg", "2026-03-10T12:00:00Z", 8).await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Henrik Larsen").await;
    let (_, html) = b.page(&format!("/traening/flyt/{old}")).await;
    let html = html.replace("<!>", "");
    assert!(html.contains(&format!("value=\"{new}\"")), "{html}");
    assert!(html.contains("tirsdag 10. marts 2026 kl. 13.00"));

    // No new time chosen: a message at the choice; nothing moved.
    let res = b
        .post_form(
            &format!("/traening/flyt/{old}"),
            "/api/booking/move",
            &[("session", &old.to_string())],
        )
        .await;
    let back = location(&res);
    assert!(back.contains("__err"), "{back}");
    let (_, html) = b.page(back.trim_start_matches(&app.base)).await;
    assert!(html.contains("<a href=\"#to\">Vælg den tid, du vil flytte til.</a>"));
    assert!(html.contains("id=\"to-fejl\""));

    // Moved, once, however often the button is pressed.
    for _ in 0..2 {
        b.post_form(
            &format!("/traening/flyt/{old}"),
            "/api/booking/move",
            &[("session", &old.to_string()), ("to", &new.to_string())],
        )
        .await;
    }
    let repo = &app.state.repo;
    assert_eq!(
        repo.booking_status(old, henrik).await.unwrap().as_deref(),
        Some("cancelled")
    );
    assert_eq!(
        repo.booking_status(new, henrik).await.unwrap().as_deref(),
        Some("booked")
    );
    assert_eq!(repo.team_session(new).await.unwrap().unwrap().booked, 1);
    assert_eq!(repo.team_session(old).await.unwrap().unwrap().booked, 0);
    let history = repo
        .course_history(repo.current_course(henrik).await.unwrap().unwrap().id)
        .await
        .unwrap();
    assert_eq!(
        history
            .iter()
            .map(|h| h.outcome.as_str())
            .collect::<Vec<_>>(),
        vec!["cancelled_on_time"],
        "the old time counts as cancelled in good time"
    );
    let moved = mail_to(
        &app,
        "henrik.larsen@example.dk",
        "Tid til træning er flyttet",
    )
    .await;
    assert_eq!(moved.len(), 1);
    assert!(moved[0].contains("Tiden torsdag 12. marts 2026 kl. 13.00 er afmeldt."));
    assert!(moved[0].contains("tirsdag 10. marts 2026 kl. 13.00"));
    assert!(moved[0].contains("Afmeld inden tirsdag 10. marts 2026 kl. 09.00."));
}

async fn an_absence_period_cancels_its_sessions_under_the_rules(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let booked = booked_now(&app, inger).await;
    let ids: Vec<i64> = booked.iter().map(|s| s.id).collect();
    let mut b = Browser::new(&app);
    b.sign_in_as("Inger Thomsen").await;

    // A missing first day: said at the field, and the last day kept.
    let (_, html) = b.page("/traening/fravaer?fra=&til=29.3.2026").await;
    assert!(
        html.contains("<a href=\"#fra\">Skriv den første dag, du er væk.</a>"),
        "{html}"
    );
    assert!(html.contains("value=\"29.3.2026\""));

    // 16–29 March: 18 and 25 March, two cancellations at once, which meets BRS-18b.
    let page = "/traening/fravaer?fra=16.3.2026&til=29.3.2026";
    let (_, html) = b.page(page).await;
    let html = html.replace("<!>", "");
    assert!(html.contains("onsdag 18. marts 2026 kl. 10.00"), "{html}");
    assert!(html.contains("onsdag 25. marts 2026 kl. 10.00"));
    assert!(!html.contains("onsdag 11. marts 2026"));
    assert!(html.contains("2 afbud i forløbet."));
    let send = |extra: &[(&'static str, &'static str)]| {
        let mut fields = vec![("from", "2026-03-16"), ("to", "2026-03-29")];
        fields.extend_from_slice(extra);
        fields
    };
    // No reason, then no tick: each said; nothing cancelled.
    let res = b.post_form(page, "/api/booking/absence", &send(&[])).await;
    let (_, html) = b.page(location(&res).trim_start_matches(&app.base)).await;
    assert!(
        html.contains("<a href=\"#grund\">Vælg, hvorfor du er væk.</a>"),
        "{html}"
    );
    let res = b
        .post_form(
            page,
            "/api/booking/absence",
            &send(&[("reason", "holiday")]),
        )
        .await;
    let (_, html) = b.page(location(&res).trim_start_matches(&app.base)).await;
    assert!(html.contains("<a href=\"#confirm\">Sæt kryds"), "{html}");
    assert_eq!(
        app.state
            .repo
            .booked_sessions_from(inger, at(NOW))
            .await
            .unwrap()
            .len(),
        8
    );
    // Confirmed: both cancelled on time, flagged for review, one receipt.
    let res = b
        .post_form(
            page,
            "/api/booking/absence",
            &send(&[("reason", "holiday"), ("confirm", "ja")]),
        )
        .await;
    assert_eq!(location(&res), "/traening?fravaer=2");
    // A second press: the same period once, one receipt.
    let res = b
        .post_form(
            page,
            "/api/booking/absence",
            &send(&[("reason", "holiday"), ("confirm", "ja")]),
        )
        .await;
    assert_eq!(location(&res), "/traening?fravaer=0");
    let repo = &app.state.repo;
    for (id, expected) in [
        (ids[0], "booked"),
        (ids[1], "cancelled"),
        (ids[2], "cancelled"),
    ] {
        assert_eq!(
            repo.booking_status(id, inger).await.unwrap().as_deref(),
            Some(expected)
        );
    }
    let flags = repo.open_review_flags("broenderslev").await.unwrap();
    assert_eq!(
        flags.iter().map(|f| f.rule_id.as_str()).collect::<Vec<_>>(),
        vec!["BRS-18b"]
    );
    let receipts = mail_to(&app, "inger.thomsen@example.dk", "Fravær registreret").await;
    assert_eq!(receipts.len(), 1);
    assert!(receipts[0].contains("onsdag 18. marts 2026 kl. 10.00\n"));
    assert!(receipts[0].contains("onsdag 25. marts 2026 kl. 10.00\n"));

    // Tuesday 31 March 12:30: the deadline for 1 April has passed; the absence is still
    // registered, and that session recorded as a late cancellation.
    app.clock.set(at("2026-03-31T10:30:00Z"));
    b.sign_in_as("Inger Thomsen").await;
    let (_, html) = b.page("/traening/fravaer?fra=31.3.2026&til=1.4.2026").await;
    assert!(html.contains("registreres som sent afbud"), "{html}");
    let res = b
        .post_form(
            "/traening/fravaer?fra=31.3.2026&til=1.4.2026",
            "/api/booking/absence",
            &[
                ("from", "2026-03-31"),
                ("to", "2026-04-01"),
                ("reason", "hospital"),
                ("confirm", "ja"),
            ],
        )
        .await;
    assert_eq!(location(&res), "/traening?fravaer=1");
    let course = repo.current_course(inger).await.unwrap().unwrap();
    let history = repo.course_history(course.id).await.unwrap();
    assert_eq!(
        history.last().map(|h| h.outcome.as_str()),
        Some("cancelled_late")
    );
    let log = repo.audit_log_for(inger).await.unwrap();
    assert!(log.iter().any(|e| e.action == "register_absence"
        && e.detail == "2026-03-31 to 2026-04-01: 1 sessions cancelled, 1 late"));
}

on_both_backends!(
    a_booking_moves_to_a_free_time_in_one_step,
    an_absence_period_cancels_its_sessions_under_the_rules,
);
