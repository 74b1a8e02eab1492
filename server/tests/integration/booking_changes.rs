//! Moving a booking and registering an absence, over HTTP as without JavaScript: a move cancels
//! the old time under the notice rule and books the new one together, once, and is no
//! cancellation for the termination rules; an absence period cancels the sessions in it, each
//! judged on time or late, counts for nothing when its reason is excused (a hospital stay), warns
//! before it is registered when it will meet a termination rule (the interruption it causes
//! included), and keeps what was typed when something is wrong.
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
    let html = html.replace("<!---->", "");
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
        repo.booking_status(old, henrik)
            .await
            .unwrap()
            .map(|s| s.code()),
        Some("cancelled")
    );
    assert_eq!(
        repo.booking_status(new, henrik)
            .await
            .unwrap()
            .map(|s| s.code()),
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
            .map(|h| (h.outcome.as_str(), h.cancel_kind.as_str()))
            .collect::<Vec<_>>(),
        vec![("cancelled_on_time", "moved")],
        "the old time is recorded as moved, in good time"
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
    let repo = &app.state.repo;
    let mut b = Browser::new(&app);
    b.sign_in_as("Inger Thomsen").await;

    // A missing first day and no reason: each said at its field, and the last day kept.
    let (_, html) = b.page("/traening/fravaer?fra=&til=29.3.2026").await;
    assert!(
        html.contains("<a href=\"#fra\">Skriv den første dag, du er væk.</a>"),
        "{html}"
    );
    assert!(html.contains("<a href=\"#grund\">Vælg, hvorfor du er væk.</a>"));
    assert!(html.contains("value=\"29.3.2026\""));

    // In hospital 16–29 March (18 and 25 March): excused in Brønderslev's file, so no
    // termination rule is met and nothing needs confirming; the caseworker re-assesses on
    // discharge (BRS-19).
    let page = "/traening/fravaer?fra=16.3.2026&til=29.3.2026&grund=hospital";
    let (_, html) = b.page(page).await;
    let html = html.replace("<!---->", "");
    assert!(html.contains("onsdag 18. marts 2026 kl. 10.00"), "{html}");
    assert!(html.contains("onsdag 25. marts 2026 kl. 10.00"));
    assert!(!html.contains("onsdag 11. marts 2026"));
    assert!(
        html.contains("value=\"hospital\" checked"),
        "the reason is kept"
    );
    assert!(html.contains("tæller ikke som afbud"), "{html}");
    assert!(html.contains("revurderer Brønderslev Kommune dit behov for træning"));
    assert!(!html.contains("name=\"confirm\""), "nothing to confirm");
    let send = |from: &'static str, to: &'static str, extra: &[(&'static str, &'static str)]| {
        let mut fields = vec![("from", from), ("to", to)];
        fields.extend_from_slice(extra);
        fields
    };
    let res = b
        .post_form(
            page,
            "/api/booking/absence",
            &send("2026-03-16", "2026-03-29", &[("reason", "hospital")]),
        )
        .await;
    assert_eq!(location(&res), "/traening?fravaer=2");
    // A second press: the same period once.
    let res = b
        .post_form(
            page,
            "/api/booking/absence",
            &send("2026-03-16", "2026-03-29", &[("reason", "hospital")]),
        )
        .await;
    assert_eq!(location(&res), "/traening?fravaer=0");
    for (id, expected) in [
        (ids[0], "booked"),
        (ids[1], "cancelled"),
        (ids[2], "cancelled"),
    ] {
        assert_eq!(
            repo.booking_status(id, inger)
                .await
                .unwrap()
                .map(|s| s.code()),
            Some(expected)
        );
    }
    let flags = repo.open_review_flags("broenderslev").await.unwrap();
    assert_eq!(
        flags.iter().map(|f| f.rule_id.as_str()).collect::<Vec<_>>(),
        vec!["BRS-19"],
        "a re-assessment, and no termination flag"
    );
    assert!(flags[0].facts.contains("2026-03-29"), "{}", flags[0].facts);
    let (_, plan) = b.page("/traening").await;
    assert!(
        plan.replace("<!---->", "")
            .contains("<dt>Fraværende med gyldig grund</dt><dd>2</dd>"),
        "counted as excused: {plan}"
    );
    let receipts = mail_to(&app, "inger.thomsen@example.dk", "Fravær registreret").await;
    assert_eq!(receipts.len(), 1);
    assert!(receipts[0].contains("onsdag 18. marts 2026 kl. 10.00\n"));
    assert!(receipts[0].contains("onsdag 25. marts 2026 kl. 10.00\n"));

    // Tuesday 31 March 12:30: a holiday 31 March – 12 April cancels 1 and 8 April (1 April
    // late: its deadline has passed). Before it is registered she is warned: the training will
    // be interrupted from 1 April to her next session on 15 April (BRS-18a), and these are two
    // cancellations (BRS-18b). The hospital stay counts toward neither.
    app.clock.set(at("2026-03-31T10:30:00Z"));
    b.sign_in_as("Inger Thomsen").await;
    let page = "/traening/fravaer?fra=31.3.2026&til=12.4.2026&grund=holiday";
    let (_, html) = b.page(page).await;
    let html = html.replace("<!---->", "");
    assert!(html.contains("registreres som sent afbud"), "{html}");
    assert!(
        html.contains("Træningen var afbrudt fra 2026-04-01 til 2026-04-15 (14 dage)."),
        "{html}"
    );
    assert!(html.contains("2 afbud i forløbet."));
    let holiday = send("2026-03-31", "2026-04-12", &[("reason", "holiday")]);
    let res = b.post_form(page, "/api/booking/absence", &holiday).await;
    let (_, html) = b.page(location(&res).trim_start_matches(&app.base)).await;
    assert!(html.contains("<a href=\"#confirm\">Sæt kryds"), "{html}");
    assert_eq!(
        repo.booking_status(booked[3].id, inger)
            .await
            .unwrap()
            .map(|s| s.code()),
        Some("booked"),
        "nothing cancelled without the tick"
    );
    let res = b
        .post_form(
            page,
            "/api/booking/absence",
            &send(
                "2026-03-31",
                "2026-04-12",
                &[("reason", "holiday"), ("confirm", "ja")],
            ),
        )
        .await;
    assert_eq!(location(&res), "/traening?fravaer=2");
    let mut flags: Vec<String> = repo
        .open_review_flags("broenderslev")
        .await
        .unwrap()
        .into_iter()
        .map(|f| f.rule_id)
        .collect();
    flags.sort();
    assert_eq!(flags, ["BRS-18a", "BRS-18b", "BRS-19"]);
    let course = repo.current_course(inger).await.unwrap().unwrap();
    let history = repo.course_history(course.id).await.unwrap();
    let last: Vec<_> = history
        .iter()
        .map(|h| (h.outcome.as_str(), h.absence_reason.as_deref()))
        .collect();
    assert_eq!(
        last,
        [
            ("cancelled_on_time", Some("hospital")),
            ("cancelled_on_time", Some("hospital")),
            ("cancelled_late", Some("holiday")),
            ("cancelled_on_time", Some("holiday")),
        ]
    );
    let log = repo.audit_log_for(inger).await.unwrap();
    assert!(log.iter().any(|e| e.action == "register_absence"
        && e.detail == "2026-03-31 to 2026-04-12 (holiday): 2 sessions cancelled, 1 late"));
}

/// Moving is not cancelling (BRS-18b counts "aflyst"): a move loses no training, so it warns of
/// no termination rule and is left out of what the rules count; a later cancellation is then
/// the first, not the second.
async fn a_move_is_not_a_cancellation_for_the_termination_rules(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let booked = booked_now(&app, inger).await;
    // Wednesday 11 March 10:00 moves to Thursday 12 March 10:00, the same week.
    let new = session(&app, "broenderslev", "2026-03-12T09:00:00Z", 8).await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Inger Thomsen").await;
    let (_, html) = b.page(&format!("/traening/flyt/{}", booked[0].id)).await;
    assert!(html.contains("At flytte en tid er ikke et afbud"), "{html}");
    assert!(!html.contains("name=\"confirm\""));
    let res = b
        .post_form(
            &format!("/traening/flyt/{}", booked[0].id),
            "/api/booking/move",
            &[
                ("session", &booked[0].id.to_string()),
                ("to", &new.to_string()),
            ],
        )
        .await;
    assert!(!location(&res).contains("__err"), "{}", location(&res));
    assert_eq!(
        app.state
            .repo
            .booking_status(new, inger)
            .await
            .unwrap()
            .map(|s| s.code()),
        Some("booked")
    );
    // Cancelling 18 March is her first cancellation: no BRS-18b warning, nothing to confirm.
    let (_, html) = b.page(&format!("/traening/afmeld/{}", booked[1].id)).await;
    assert!(!html.contains("name=\"confirm\""), "{html}");
    let res = b
        .post_form(
            "/traening",
            "/api/booking/cancel",
            &[("session", &booked[1].id.to_string())],
        )
        .await;
    assert_eq!(
        location(&res),
        format!("/traening?afmeldt={}", booked[1].id)
    );
    assert!(app
        .state
        .repo
        .open_review_flags("broenderslev")
        .await
        .unwrap()
        .is_empty());
    let (_, plan) = b.page("/traening").await;
    assert!(
        plan.replace("<!---->", "")
            .contains("<dt>Afbud i god tid</dt><dd>1</dd>"),
        "{plan}"
    );
}

on_both_backends!(
    a_booking_moves_to_a_free_time_in_one_step,
    an_absence_period_cancels_its_sessions_under_the_rules,
    a_move_is_not_a_cancellation_for_the_termination_rules,
);
