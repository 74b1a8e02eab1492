//! Attendance and the termination rules over HTTP, as without JavaScript (Brønderslev, T40/T41):
//! the first cancellation goes through; the second meets BRS-18b, so the cancellation page warns
//! and the citizen must tick that she has read it; confirmed, it is recorded and flagged for
//! staff. The therapist marks a no-show, which flags BRS-18c; a caseworker may look but not
//! mark; nothing ends the course; the citizen sees her own counts and the rules in plain words;
//! staff mark the flag reviewed.
use crate::booking::booked_now;
use crate::http::{location, person_of, Browser, NOW};
use crate::support::{at, on_both_backends, spawn_app, Backend};
use reqwest::StatusCode;

/// The rule ids of Brønderslev's open review flags, oldest first.
async fn open_flags(app: &crate::support::TestApp) -> Vec<String> {
    app.state
        .repo
        .open_review_flags("broenderslev")
        .await
        .unwrap()
        .into_iter()
        .map(|f| f.rule_id)
        .collect()
}

async fn a_second_cancellation_warns_and_is_flagged_and_the_therapist_marks_attendance(
    backend: Backend,
) {
    let app = spawn_app(backend, true, NOW).await;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let sessions: Vec<i64> = booked_now(&app, inger).await.iter().map(|s| s.id).collect();
    let (first, second, third) = (sessions[0], sessions[1], sessions[2]);
    let mut b = Browser::new(&app);
    b.sign_in_as("Inger Thomsen").await;

    // The first cancellation (T40): no warning, no box to tick.
    let (_, html) = b.page(&format!("/traening/afmeld/{first}")).await;
    assert!(!html.contains("name=\"confirm\""), "{html}");
    let res = b
        .post_form(
            &format!("/traening/afmeld/{first}"),
            "/api/booking/cancel",
            &[("session", &first.to_string())],
        )
        .await;
    assert_eq!(location(&res), format!("/traening?afmeldt={first}"));

    // The second (T41): the page says what it means under BRS-18b, and asks her to confirm.
    let (_, html) = b.page(&format!("/traening/afmeld/{second}")).await;
    let html = html.replace("<!---->", "");
    assert!(html.contains("2 afbud i forløbet."), "{html}");
    assert!(html.contains("Når du har meldt afbud 2 gange i forløbet"));
    assert!(html.contains("BRS-18b"));
    assert!(html.contains("name=\"confirm\""));
    // Without the tick: a message at the box, and the booking kept.
    let res = b
        .post_form(
            &format!("/traening/afmeld/{second}"),
            "/api/booking/cancel",
            &[("session", &second.to_string())],
        )
        .await;
    let back = location(&res);
    assert!(back.contains("__err"), "{back}");
    let (_, html) = b.page(back.trim_start_matches(&app.base)).await;
    assert!(html.contains("<a href=\"#confirm\">Sæt kryds"), "{html}");
    assert!(html.contains("id=\"confirm-fejl\""));
    assert_eq!(
        app.state
            .repo
            .booking_status(second, inger)
            .await
            .unwrap()
            .map(|s| s.code()),
        Some("booked")
    );
    assert!(open_flags(&app).await.is_empty());
    // Confirmed: cancelled, and flagged for review with the cancellation.
    let res = b
        .post_form(
            &format!("/traening/afmeld/{second}"),
            "/api/booking/cancel",
            &[("session", &second.to_string()), ("confirm", "ja")],
        )
        .await;
    assert_eq!(location(&res), format!("/traening?afmeldt={second}"));
    assert_eq!(open_flags(&app).await, vec!["BRS-18b"]);
    let flags = app
        .state
        .repo
        .open_review_flags("broenderslev")
        .await
        .unwrap();
    assert_eq!(flags[0].citizen_id, inger);

    // 25 March, 10:30: the session has begun. The caseworker may look, not mark.
    app.clock.set(at("2026-03-25T09:30:00Z"));
    let mut caseworker = Browser::new(&app);
    caseworker.sign_in_as("Birgitte Dahl").await;
    let (status, html) = caseworker.page(&format!("/personale/hold/{third}")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Inger Thomsen"));
    assert!(!html.contains("name=\"outcome\""));
    let res = caseworker
        .post_form(
            &format!("/personale/hold/{third}"),
            "/api/staff/attendance",
            &[
                ("session", &third.to_string()),
                ("citizen", &inger.to_string()),
                ("outcome", "no_show"),
            ],
        )
        .await;
    assert!(
        location(&res).contains("__err") || res.status() == StatusCode::FORBIDDEN,
        "a caseworker cannot mark: {}",
        res.status()
    );

    // The therapist marks her absent without notice: BRS-18c is flagged; the course goes on.
    let mut therapist = Browser::new(&app);
    therapist.sign_in_as("Kasper Vestergaard").await;
    let (_, html) = therapist.page(&format!("/personale/hold/{third}")).await;
    assert!(html.contains("value=\"no_show\""), "{html}");
    let res = therapist
        .post_form(
            &format!("/personale/hold/{third}"),
            "/api/staff/attendance",
            &[
                ("session", &third.to_string()),
                ("citizen", &inger.to_string()),
                ("outcome", "no_show"),
            ],
        )
        .await;
    assert_eq!(location(&res), format!("/personale/hold/{third}"));
    let (_, html) = therapist.page(&format!("/personale/hold/{third}")).await;
    assert!(html.contains("Fremmøde: Udeblevet uden afbud"), "{html}");
    assert_eq!(open_flags(&app).await, vec!["BRS-18b", "BRS-18c"]);
    let course = app.state.repo.current_course(inger).await.unwrap().unwrap();
    assert_eq!(
        course.status.code(),
        "active",
        "a flag never ends the course"
    );
    // A notice after the session has begun is accepted and recorded as late, with that
    // reason (FRB-15 reading: a notice is never refused), but the therapist's mark stands.
    let mut late_b = Browser::new(&app);
    late_b.sign_in_as("Inger Thomsen").await;
    let (_, html) = late_b.page(&format!("/traening/afmeld/{third}")).await;
    assert!(
        html.contains("Tiden er begyndt. Dit afbud bliver modtaget og registreret som for sent."),
        "{html}"
    );
    let res = late_b
        .post_form(
            "/traening",
            "/api/booking/cancel",
            &[("session", &third.to_string()), ("confirm", "ja")],
        )
        .await;
    assert_eq!(location(&res), format!("/traening?afmeldt={third}&sent=1"));
    let log = app.state.repo.audit_log_for(inger).await.unwrap();
    assert!(log.iter().any(|e| e.action == "cancel_session"
        && e.detail == format!("session {third} late (after_session_start)")));
    let history = app.state.repo.course_history(course.id).await.unwrap();
    assert_eq!(
        history.last().map(|h| (h.outcome.as_str(), h.marked)),
        Some(("no_show", true)),
        "the mark stands"
    );
    // A session that has not begun cannot be marked.
    let res = therapist
        .post_form(
            &format!("/personale/hold/{}", sessions[3]),
            "/api/staff/attendance",
            &[
                ("session", &sessions[3].to_string()),
                ("citizen", &inger.to_string()),
                ("outcome", "attended"),
            ],
        )
        .await;
    let back = location(&res);
    assert!(back.contains("__err"), "{back}");
    let (_, html) = therapist.page(back.trim_start_matches(&app.base)).await;
    assert!(html.contains("Fremmøde kan først registreres, når holdet er begyndt."));

    // Inger sees her own counts and the rules in plain words.
    b.sign_in_as("Inger Thomsen").await;
    let (_, html) = b.page("/traening").await;
    let html = html.replace("<!---->", "");
    assert!(
        html.contains("<dt>Afbud i god tid</dt><dd>2</dd>"),
        "{html}"
    );
    assert!(html.contains("<dt>Udeblevet uden afbud</dt><dd>1</dd>"));
    assert!(html.contains("<dt>Mødt</dt><dd>0</dd>"));
    assert!(html.contains("Hvis du udebliver uden afbud 1 gang inden for 21 dage"));
    assert!(html.contains("Forløbet slutter aldrig af sig selv"));

    // Staff see the flags on their start page and mark one reviewed.
    let (_, html) = caseworker.page("/personale").await;
    let html = html.replace("<!---->", "");
    assert!(html.contains("Forløb til vurdering"), "{html}");
    assert!(html.contains("Inger Thomsen (BRS-18c)"));
    let open = app
        .state
        .repo
        .open_review_flags("broenderslev")
        .await
        .unwrap();
    let res = caseworker
        .post_form(
            "/personale",
            "/api/staff/resolve_flag",
            &[("flag", &open[0].id.to_string())],
        )
        .await;
    assert_eq!(location(&res), "/personale");
    assert_eq!(open_flags(&app).await, vec!["BRS-18c"]);
    // Staff of another municipality cannot resolve Brønderslev's flags.
    let mut elsewhere = Browser::new(&app);
    elsewhere.sign_in_as("Mette Lund").await;
    let res = elsewhere
        .post_form(
            "/personale",
            "/api/staff/resolve_flag",
            &[("flag", &open[1].id.to_string())],
        )
        .await;
    assert_ne!(location(&res), "/personale");
    assert_eq!(open_flags(&app).await, vec!["BRS-18c"]);
}

/// FRB-15 reading: a notice after the session has begun is accepted and recorded late, and the
/// citizen stays on the therapist's list; the therapist's mark, given after it, decides.
async fn a_notice_after_the_start_is_accepted_and_the_therapists_later_mark_decides(
    backend: Backend,
) {
    let app = spawn_app(backend, true, NOW).await;
    let henrik = person_of(&app, "demo:fredensborg:borger").await;
    let s = booked_now(&app, henrik).await[0].clone();
    // A quarter of an hour after it began.
    app.clock.set(s.starts_at + chrono::Duration::minutes(15));
    let mut b = Browser::new(&app);
    b.sign_in_as("Henrik Larsen").await;
    let (_, html) = b.page(&format!("/traening/afmeld/{}", s.id)).await;
    assert!(html.contains("Tiden er begyndt."), "{html}");
    let res = b
        .post_form(
            &format!("/traening/afmeld/{}", s.id),
            "/api/booking/cancel",
            &[("session", &s.id.to_string())],
        )
        .await;
    assert_eq!(location(&res), format!("/traening?afmeldt={}&sent=1", s.id));
    let mut t = Browser::new(&app);
    t.sign_in_as("Mads Kjær").await;
    let page = format!("/personale/hold/{}", s.id);
    let (_, html) = t.page(&page).await;
    assert!(
        html.contains("Meldte afbud, efter holdet var begyndt."),
        "{html}"
    );
    let res = t
        .post_form(
            &page,
            "/api/staff/attendance",
            &[
                ("session", &s.id.to_string()),
                ("citizen", &henrik.to_string()),
                ("outcome", "attended"),
            ],
        )
        .await;
    assert_eq!(location(&res), page);
    let course = app
        .state
        .repo
        .current_course(henrik)
        .await
        .unwrap()
        .unwrap();
    let history = app.state.repo.course_history(course.id).await.unwrap();
    assert_eq!(
        history
            .iter()
            .map(|h| (h.outcome.as_str(), h.marked))
            .collect::<Vec<_>>(),
        [("attended", true)],
        "the mark decides"
    );
}

on_both_backends!(
    a_second_cancellation_warns_and_is_flagged_and_the_therapist_marks_attendance,
    a_notice_after_the_start_is_accepted_and_the_therapists_later_mark_decides,
);
