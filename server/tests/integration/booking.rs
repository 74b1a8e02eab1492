//! Booking and cancelling over HTTP, as without JavaScript: each municipality's deadline shown
//! as a local date and time and applied to the second (Brønderslev 12:00 the day before,
//! inclusive; Fredensborg before 09:00 the same day, exclusive), a late cancellation accepted and
//! recorded as late, one booking however often the button is pressed, a full session refused
//! with a clear message, emails written with the booking, and a relative without the book scope
//! refused.
use crate::http::{location, person_of, Browser, NOW};
use crate::support::{at, on_both_backends, spawn_app, Backend, TestApp};
use app::domain::people::Scopes;
use app::ssr::db::NewTeamSession;
use reqwest::StatusCode;

/// A team session of the municipality, one hour from `starts_utc`.
pub(crate) async fn session(app: &TestApp, slug: &str, starts_utc: &str, capacity: i64) -> i64 {
    let starts_at = at(starts_utc);
    app.state
        .repo
        .insert_team_session(&NewTeamSession {
            municipality: slug.into(),
            title: "Vedligeholdende holdtræning".into(),
            place: "Træningssalen".into(),
            starts_at,
            ends_at: starts_at + chrono::Duration::hours(1),
            capacity,
            therapist_id: None,
            created_at: at(NOW),
        })
        .await
        .unwrap()
}

/// The citizen's booked sessions from the test's start, earliest first.
pub(crate) async fn booked_now(app: &TestApp, citizen: i64) -> Vec<app::ssr::db::TeamSession> {
    app.state
        .repo
        .booked_sessions_from(citizen, at(NOW))
        .await
        .unwrap()
}

/// The bodies of the emails to `to` whose subject starts so, newest first.
pub(crate) async fn mail_to(app: &TestApp, to: &str, subject_starts: &str) -> Vec<String> {
    app.state
        .repo
        .outbox_messages(1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.to_address == to && m.subject.starts_with(subject_starts))
        .map(|m| m.body_text)
        .collect()
}

async fn brønderslev_deadline_is_noon_the_day_before_and_late_cancellations_are_recorded(
    backend: Backend,
) {
    let app = spawn_app(backend, true, NOW).await;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Inger Thomsen").await;

    // Her booked sessions (Wednesdays 10:00) each show the deadline in local time.
    let (status, html) = b.page("/traening").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let html = html.replace("<!---->", "");
    assert!(
        html.contains("tirsdag 10. marts 2026 kl. 12.00"),
        "the deadline of Wednesday 11 March's session: {html}"
    );

    // A free Wednesday in week 9 of her course (6 May, 10:00 local): booked once, however often
    // the button is pressed, with a confirmation that says the deadline.
    let free = session(&app, "broenderslev", "2026-05-06T08:00:00Z", 8).await;
    let (_, html) = b.page("/traening").await;
    assert!(
        html.contains(&format!("name=\"session\" value=\"{free}\"")),
        "{html}"
    );
    for _ in 0..2 {
        let res = b
            .post_form(
                "/traening",
                "/api/booking/book",
                &[("session", &free.to_string())],
            )
            .await;
        assert_eq!(location(&res), format!("/traening?booket={free}"));
    }
    let s = app.state.repo.team_session(free).await.unwrap().unwrap();
    assert_eq!(s.booked, 1, "one place taken");
    let confirmations = mail_to(&app, "inger.thomsen@example.dk", "Tid til træning").await;
    assert_eq!(confirmations.len(), 1);
    assert!(confirmations[0].contains("Afmeld senest tirsdag 5. maj 2026 kl. 12.00"));

    // Cancelled in good time: the place is free again, the receipt says nothing of lateness.
    let res = b
        .post_form(
            "/traening",
            "/api/booking/cancel",
            &[("session", &free.to_string())],
        )
        .await;
    assert_eq!(location(&res), format!("/traening?afmeldt={free}"));
    assert_eq!(
        app.state
            .repo
            .team_session(free)
            .await
            .unwrap()
            .unwrap()
            .booked,
        0
    );
    assert_eq!(
        app.state.repo.booking_status(free, inger).await.unwrap(),
        Some(app::domain::states::BookingStatus::Cancelled)
    );

    // Wednesday 11 March: at 12:00:00 the day before still on time (inclusive) ...
    let booked = booked_now(&app, inger).await;
    let (first, second) = (booked[0].id, booked[1].id);
    app.clock.set(at("2026-03-10T11:00:00Z"));
    b.sign_in_as("Inger Thomsen").await;
    let (_, html) = b.page(&format!("/traening/afmeld/{first}")).await;
    assert!(!html.contains("Fristen er overskredet"), "{html}");
    // ... one second later late: still accepted, recorded and confirmed as late.
    app.clock.set(at("2026-03-10T11:00:01Z"));
    let (_, html) = b.page(&format!("/traening/afmeld/{first}")).await;
    assert!(html.contains("Fristen er overskredet"), "{html}");
    // Her second cancellation in the course: BRS-18b asks her to confirm (see attendance.rs).
    assert!(html.contains("name=\"confirm\""), "{html}");
    let res = b
        .post_form(
            "/traening",
            "/api/booking/cancel",
            &[("session", &first.to_string()), ("confirm", "ja")],
        )
        .await;
    assert_eq!(location(&res), format!("/traening?afmeldt={first}&sent=1"));
    let (_, html) = b.page("/traening?afmeldt=1&sent=1").await;
    assert!(html.contains("registreret som et sent afbud"));
    let receipts = mail_to(&app, "inger.thomsen@example.dk", "Afbud modtaget").await;
    assert_eq!(receipts.len(), 2);
    assert_eq!(
        receipts.iter().filter(|r| r.contains("for sent")).count(),
        1,
        "only the late one says so"
    );
    let log = app.state.repo.audit_log_for(inger).await.unwrap();
    assert!(log.iter().any(|e| e.action == "cancel_session"
        && e.detail == format!("session {first} late (after_deadline)")));
    assert!(log
        .iter()
        .any(|e| e.action == "cancel_session" && e.detail == format!("session {free}")));
    // Her other sessions stand.
    assert_eq!(
        app.state.repo.booking_status(second, inger).await.unwrap(),
        Some(app::domain::states::BookingStatus::Booked)
    );
}

async fn fredensborg_deadline_is_before_nine_the_same_day(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let henrik = person_of(&app, "demo:fredensborg:borger").await;
    // Thursday 5 March, 13:00 local: on time until 08:59:59, late from 09:00:00.
    let booked = booked_now(&app, henrik).await;
    let thursday = &booked[0];
    assert_eq!(thursday.starts_at, at("2026-03-05T12:00:00Z"));
    let mut b = Browser::new(&app);
    app.clock.set(at("2026-03-05T07:59:59Z"));
    b.sign_in_as("Henrik Larsen").await;
    let (_, html) = b.page("/traening").await;
    assert!(
        html.replace("<!---->", "")
            .contains("torsdag 5. marts 2026 kl. 09.00"),
        "{html}"
    );
    let (_, html) = b.page(&format!("/traening/afmeld/{}", thursday.id)).await;
    assert!(!html.contains("Fristen er overskredet"));
    app.clock.set(at("2026-03-05T08:00:00Z"));
    let (_, html) = b.page(&format!("/traening/afmeld/{}", thursday.id)).await;
    assert!(
        html.contains("Fristen er overskredet"),
        "at 09:00 it is late"
    );
    let res = b
        .post_form(
            "/traening",
            "/api/booking/cancel",
            &[("session", &thursday.id.to_string())],
        )
        .await;
    assert!(location(&res).ends_with("&sent=1"));
}

async fn a_full_session_and_a_relative_without_the_book_scope_are_refused_clearly(
    backend: Backend,
) {
    let app = spawn_app(backend, true, NOW).await;
    let repo = &app.state.repo;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let erik = person_of(&app, "demo:samsoe:borger").await;

    // Another citizen of Brønderslev with a course takes the only place.
    let neighbour = repo
        .insert_person(
            &app::ssr::db::NewPerson {
                subject: "test:naboen".into(),
                name: "Nabo Nielsen".into(),
                email: None,
                phone: None,
                birth_date: None,
                home_municipality: Some("broenderslev".into()),
            },
            at(NOW),
        )
        .await
        .unwrap();
    let inger_course = repo.current_course(inger).await.unwrap().unwrap();
    repo.insert_decision_with_course(&app::ssr::db::NewDecision {
        application_id: None,
        citizen_id: neighbour,
        municipality: "broenderslev".into(),
        outcome: app::domain::complaint_guidance::DecisionOutcome::Granted,
        training_form: "team".into(),
        place: "Træningssalen".into(),
        sessions_per_week: 1,
        weeks: Some(12),
        start_on: inger_course.starts_on,
        reasons: None,
        legal_basis: "Lov om social service § 86, stk. 2".into(),
        complaint_guidance: None,
        replaces_decision_id: None,
        decided_by: inger,
        decided_at: at(NOW),
        delivery: app::domain::decision_delivery::Delivery::Portal(at(NOW)),
        transport_outcome: None,
        transport_guidance: None,
        last_day_on: None,
    })
    .await
    .unwrap();
    let neighbours_course = repo.current_course(neighbour).await.unwrap().unwrap();
    let full = session(&app, "broenderslev", "2026-05-06T08:00:00Z", 1).await;
    repo.book(full, &neighbours_course, neighbour, at(NOW), None)
        .await
        .unwrap();

    // Ole (Inger's relative, with the book scope) tries for her: a clear message, nothing booked.
    let mut o = Browser::new(&app);
    o.sign_in_as("Ole Thomsen").await;
    let res = o
        .post_form(
            "/traening",
            "/api/booking/book",
            &[("session", &full.to_string())],
        )
        .await;
    let back = location(&res);
    assert!(back.contains("__err"), "{back}");
    let (_, html) = o.page(back.trim_start_matches(&app.base)).await;
    assert!(
        html.contains("Holdet er fuldt. Vælg en anden tid."),
        "{html}"
    );
    assert_eq!(repo.booking_status(full, inger).await.unwrap(), None);
    assert_eq!(repo.team_session(full).await.unwrap().unwrap().booked, 1);

    // Erik may see Inger's training but not book: no buttons, and a refusal if he tries.
    let mut e = crate::apply::erik_acting_for_inger(
        &app,
        Scopes {
            view: true,
            ..Scopes::default()
        },
    )
    .await;
    let (_, html) = e.page("/traening").await;
    assert!(
        html.contains("Din fuldmagt giver ikke lov til at booke og afmelde."),
        "{html}"
    );
    assert!(!html.contains("/api/booking/book"));
    let other = session(&app, "broenderslev", "2026-05-13T08:00:00Z", 8).await;
    let res = e
        .post_form(
            "/traening",
            "/api/booking/book",
            &[("session", &other.to_string())],
        )
        .await;
    assert!(location(&res).contains("__err"));
    assert_eq!(repo.booking_status(other, inger).await.unwrap(), None);
    assert!(repo
        .audit_log_for(inger)
        .await
        .unwrap()
        .iter()
        .any(|l| l.action == "book_session"
            && l.outcome.code() == "refused"
            && l.actor_id == Some(erik)));
}

/// T54 (MAR-08): Mariagerfjord's 12 weeks run from the first session, not from the decided
/// start: a session on the 84th day from the first is bookable, the day after is not, and the
/// training page shows that last day.
async fn mariagerfjords_twelve_weeks_run_from_the_first_session(backend: Backend) {
    use app::domain::lang::Lang;
    use app::domain::time_format::{local_date, local_instant, long_date};
    use chrono::{Datelike, Days, Weekday};
    let app = spawn_app(backend, true, NOW).await;
    let grethe = person_of(&app, "demo:mariagerfjord:borger").await;
    let course = app
        .state
        .repo
        .current_course(grethe)
        .await
        .unwrap()
        .unwrap();
    // She cancels her first two sessions: her first session is two weeks after the start.
    for s in booked_now(&app, grethe).await.into_iter().take(2) {
        let cancelled = app
            .state
            .repo
            .cancel_booking(
                &app::ssr::db::CancelBooking {
                    session_id: s.id,
                    citizen_id: grethe,
                    cancelled_by: grethe,
                    at: at(NOW),
                    late: false,
                    rule_id: "MAR-07".into(),
                    kind: app::domain::attendance::CancelKind::Cancelled,
                    late_reason: None,
                    review_flags: vec![],
                    offer_until: None,
                },
                None,
            )
            .await
            .unwrap();
        assert!(cancelled);
    }
    let first = local_date(booked_now(&app, grethe).await[0].starts_at);
    let last = first + Days::new(83);
    assert!(
        first > course.starts_on && last > course.ends_on.unwrap(),
        "the first session comes after the decided start"
    );
    let weekday_on_or_before = |mut d: chrono::NaiveDate| {
        while matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            d = d.pred_opt().unwrap();
        }
        d
    };
    let weekday_after = |mut d: chrono::NaiveDate| {
        d = d.succ_opt().unwrap();
        while matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            d = d.succ_opt().unwrap();
        }
        d
    };
    let inside = weekday_on_or_before(last);
    assert!(inside > course.ends_on.unwrap(), "past the decided end");
    let outside = weekday_after(last);
    let at_ten = |d| local_instant(d, 10, 0).unwrap().to_rfc3339();
    let ok = session(&app, "mariagerfjord", &at_ten(inside), 8).await;
    let late = session(&app, "mariagerfjord", &at_ten(outside), 8).await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Grethe Nielsen").await;
    let (_, plan) = b.page("/traening").await;
    let plan = plan.replace("<!---->", "");
    assert!(plan.contains(&long_date(Lang::Da, last)), "{plan}");
    assert!(
        plan.contains(&format!("value=\"{ok}\"")),
        "bookable: {plan}"
    );
    assert!(!plan.contains(&format!("value=\"{late}\"")), "not offered");
    let res = b
        .post_form(
            "/traening",
            "/api/booking/book",
            &[("session", &ok.to_string())],
        )
        .await;
    assert_eq!(location(&res), format!("/traening?booket={ok}"));
    let res = b
        .post_form(
            "/traening",
            "/api/booking/book",
            &[("session", &late.to_string())],
        )
        .await;
    assert!(location(&res).contains("__err"), "{}", location(&res));
    // A session a week before her first one (a week she now has nothing booked in) would move
    // the 12 weeks back, so that the session she just booked lay past them: not offered, and
    // refused.
    let week_before_first = first - Days::new(7);
    assert!(week_before_first > local_date(at(NOW)), "still to come");
    let earlier = session(&app, "mariagerfjord", &at_ten(week_before_first), 8).await;
    let (_, plan) = b.page("/traening").await;
    assert!(
        !plan.contains(&format!("value=\"{earlier}\"")),
        "the 12 weeks stay a maximum"
    );
    let res = b
        .post_form(
            "/traening",
            "/api/booking/book",
            &[("session", &earlier.to_string())],
        )
        .await;
    assert!(location(&res).contains("__err"), "{}", location(&res));
}

on_both_backends!(
    mariagerfjords_twelve_weeks_run_from_the_first_session,
    brønderslev_deadline_is_noon_the_day_before_and_late_cancellations_are_recorded,
    fredensborg_deadline_is_before_nine_the_same_day,
    a_full_session_and_a_relative_without_the_book_scope_are_refused_clearly,
);
