//! The waiting list for a full session (issue 19), over HTTP as without JavaScript: joining from
//! the training page and seeing one's place in the queue; a place freed by a cancellation held
//! for the first in the queue in the same transaction (nobody else can take it), with a notice
//! by email, taken with one press; staff seeing the list; an offer not taken in time passing to
//! the next; "Nej tak" passing it on; a place nobody waits for free for anyone again; and no
//! offer close to the start; a larger team offering its new places; and a session the
//! municipality moves taking its queue to the new time. (A citizen's own move and absence
//! periods free places through the same cancellation code, `cancel_in_tx`.)
use crate::booking::mail_to;
use crate::http::{clean, location, Browser, NOW};
use crate::support::{
    at, book_or_cancel, on_both_backends, run_sql, spawn_app, vejen_citizens_signed_in,
    vejen_sessions, Backend, TestApp, Told,
};
use app::domain::waiting_list::WaitingStatus;

/// A browser signed in with the session cookie `cookie` ("name=value").
fn browser(app: &TestApp, cookie: &str) -> Browser {
    let mut b = Browser::new(app);
    let (k, v) = cookie.split_once('=').unwrap();
    b.cookies.insert(k.into(), v.into());
    b
}

/// A browser of the citizen signed in now (after the clock has moved past an idle session).
async fn signed_in_now(app: &TestApp, citizen: i64) -> Browser {
    let cookie = app::ssr::session::start_session(&app.state, citizen, None)
        .await
        .unwrap();
    browser(app, cookie.to_str().unwrap().split(';').next().unwrap())
}

async fn join(b: &mut Browser, session: i64) -> String {
    location(
        &b.post_form(
            "/traening",
            "/api/waiting/join",
            &[("session", &session.to_string())],
        )
        .await,
    )
}

async fn leave(b: &mut Browser, session: i64) -> String {
    location(
        &b.post_form(
            "/traening",
            "/api/waiting/leave",
            &[("session", &session.to_string())],
        )
        .await,
    )
}

async fn book(b: &mut Browser, session: i64) -> String {
    location(
        &b.post_form(
            "/traening",
            "/api/booking/book",
            &[("session", &session.to_string())],
        )
        .await,
    )
}

/// The citizen's open place on the session's list: its status and position.
async fn place_of(app: &TestApp, citizen: i64, session: i64) -> Option<(WaitingStatus, i64)> {
    app.state
        .repo
        .waiting_list_of(session)
        .await
        .unwrap()
        .into_iter()
        .find(|w| w.citizen_id == citizen)
        .map(|w| (w.status, w.position))
}

/// (booked, held) places of the session.
async fn places(app: &TestApp, session: i64) -> (i64, i64) {
    let s = app.state.repo.team_session(session).await.unwrap().unwrap();
    (s.booked, s.held)
}

/// The citizen answers the municipality's proposal to move the session; where they are sent.
async fn answer_move(b: &mut Browser, session: i64, yes: bool) -> String {
    let answer = if yes { "ja" } else { "nej" };
    location(
        &b.post_form(
            "/traening",
            "/api/booking/answer_move",
            &[("session", &session.to_string()), ("answer", answer)],
        )
        .await,
    )
}

/// Staff post a new number of places for the session from its page; where they are sent.
async fn change_places(b: &mut Browser, session: i64, places: &str) -> String {
    location(
        &b.post_form(
            &format!("/personale/hold/{session}"),
            "/api/staff/session_capacity",
            &[("session", &session.to_string()), ("capacity", places)],
        )
        .await,
    )
}

/// The page after a refused form post: the message shown.
async fn refused_with(b: &mut Browser, back: &str, message: &str) {
    assert!(back.contains("__err"), "refused: {back}");
    let (_, html) = b.page(back.trim_start_matches(&b.base.clone())).await;
    assert!(clean(&html).contains(message), "{message}: {html}");
}

async fn a_freed_place_goes_to_the_first_in_the_queue_who_takes_it_with_one_press(
    backend: Backend,
) {
    let app = spawn_app(backend, true, NOW).await;
    // Tuesday 10 March 10:00, room for one.
    let s = vejen_sessions(&app.state, &["2026-03-10T09:00:00Z"], 1).await[0];
    let people = vejen_citizens_signed_in(&app.state, 4).await;
    let [(_, a_cookie), (b, b_cookie), (c, c_cookie), (_, d_cookie)] =
        <[(i64, String); 4]>::try_from(people).unwrap();
    run_sql(
        &app.db,
        &format!("update people set email = 'bo@example.dk' where id = {b}"),
    )
    .await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    assert_eq!(
        book_or_cancel(&client, &app.base, &a_cookie, s, true).await,
        Told::Booked
    );

    // The full session is offered for the waiting list on Bo's page, with the rule in words.
    let mut bo = browser(&app, &b_cookie);
    let (_, html) = bo.page("/traening").await;
    let html = clean(&html);
    assert!(html.contains("Fuldt bookede tider"), "{html}");
    assert!(html.contains("Skriv mig på venteliste"), "{html}");
    assert!(
        html.contains("Pladsen bliver holdt til kl. 18.00"),
        "{html}"
    );
    assert!(html.contains("action=\"/api/waiting/join\""), "{html}");

    // Bo joins (twice pressed: once on the list), then Cille: numbers 1 and 2.
    for _ in 0..2 {
        assert_eq!(join(&mut bo, s).await, format!("/traening?venteliste={s}"));
    }
    let mut cille = browser(&app, &c_cookie);
    join(&mut cille, s).await;
    assert_eq!(
        place_of(&app, b, s).await,
        Some((WaitingStatus::Waiting, 1))
    );
    assert_eq!(
        place_of(&app, c, s).await,
        Some((WaitingStatus::Waiting, 2))
    );
    let (_, html) = cille.page(&format!("/traening?venteliste={s}")).await;
    let html = clean(&html);
    assert!(html.contains("Du er skrevet på ventelisten."), "{html}");
    assert!(html.contains("Du er nummer 2 på ventelisten."), "{html}");
    assert!(!html.contains("Skriv mig på venteliste"), "{html}");
    assert!(app
        .state
        .repo
        .audit_log_for(c)
        .await
        .unwrap()
        .iter()
        .any(|e| e.action == "join_waiting_list" && e.detail == format!("session {s}")));

    // Anne cancels: in the same transaction the place is held for Bo. Dorte, not waiting,
    // cannot take it, and neither can Cille before her turn.
    assert_eq!(
        book_or_cancel(&client, &app.base, &a_cookie, s, false).await,
        Told::Cancelled
    );
    assert_eq!(places(&app, s).await, (0, 1));
    assert_eq!(
        place_of(&app, b, s).await,
        Some((WaitingStatus::Offered, 0))
    );
    let mut dorte = browser(&app, &d_cookie);
    let back = book(&mut dorte, s).await;
    refused_with(&mut dorte, &back, "Holdet er fuldt.").await;
    let back = book(&mut cille, s).await;
    refused_with(&mut cille, &back, "Holdet er fuldt.").await;
    assert_eq!(places(&app, s).await, (0, 1));

    // Bo is told by email, once, until when the place is held (18:00 today), with the address.
    let notices = mail_to(&app, "bo@example.dk", "Der er en plads til dig").await;
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].contains("holdt til dig til onsdag 4. marts 2026 kl. 18.00"),
        "{}",
        notices[0]
    );
    assert!(notices[0].contains("/traening"), "{}", notices[0]);
    app::ssr::waiting_list::run(&app.state).await.unwrap();
    assert_eq!(
        mail_to(&app, "bo@example.dk", "Der er en plads til dig")
            .await
            .len(),
        1,
        "never told twice"
    );

    // Staff see the list on the session page: the place held for Bo, then Cille, number 1.
    let mut anders = Browser::new(&app);
    anders.sign_in_as("Anders Holm").await;
    let (_, html) = anders.page(&format!("/personale/hold/{s}")).await;
    let html = clean(&html);
    assert!(html.contains("(1 holdt fra ventelisten)"), "{html}");
    let bo_at = html.find("Borger 1").expect("Bo on the list");
    let cille_at = html.find("Borger 2").expect("Cille on the list");
    assert!(bo_at < cille_at, "{html}");
    assert!(
        html[bo_at..cille_at].contains("Plads holdt til onsdag 4. marts 2026 kl. 18.00"),
        "{html}"
    );
    assert!(html[cille_at..].contains("Nummer 1"), "{html}");

    // His page shows the offer first, with one press to take it.
    let (_, html) = bo.page("/traening").await;
    let html = clean(&html);
    assert!(html.contains("Der er en plads til dig"), "{html}");
    assert!(
        html.contains("Pladsen er holdt til dig til onsdag 4. marts 2026 kl. 18.00."),
        "{html}"
    );
    assert!(html.contains("Tag pladsen"), "{html}");
    assert_eq!(book(&mut bo, s).await, format!("/traening?booket={s}"));
    assert_eq!(places(&app, s).await, (1, 0));
    assert_eq!(place_of(&app, b, s).await, None, "off the list: booked");
    assert_eq!(
        place_of(&app, c, s).await,
        Some((WaitingStatus::Waiting, 1))
    );
    assert_eq!(
        app.state.repo.booking_status(s, b).await.unwrap(),
        Some(app::domain::states::BookingStatus::Booked)
    );
    let (_, html) = cille.page("/traening").await;
    assert!(clean(&html).contains("Du er nummer 1 på ventelisten."));
}

async fn an_offer_not_taken_in_time_goes_to_the_next_and_no_thanks_passes_it_on(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let s = vejen_sessions(&app.state, &["2026-03-10T09:00:00Z"], 1).await[0];
    let people = vejen_citizens_signed_in(&app.state, 5).await;
    let ids: Vec<i64> = people.iter().map(|(id, _)| *id).collect();
    let mut browsers: Vec<Browser> = people.iter().map(|(_, c)| browser(&app, c)).collect();
    assert_eq!(
        book(&mut browsers[0], s).await,
        format!("/traening?booket={s}")
    );
    for b in browsers.iter_mut().take(4).skip(1) {
        join(b, s).await;
    }
    book_or_cancel(
        &reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        &app.base,
        &people[0].1,
        s,
        false,
    )
    .await;
    assert_eq!(
        place_of(&app, ids[1], s).await.unwrap().0,
        WaitingStatus::Offered
    );

    // At 18:00:00 the offer has run out: the jobs loop passes it to the next, held until 18:00
    // the next day (three hours at least).
    app.clock.set(at("2026-03-04T17:00:00Z"));
    for (n, id) in ids.iter().enumerate() {
        browsers[n] = signed_in_now(&app, *id).await;
    }
    let back = book(&mut browsers[1], s).await;
    refused_with(&mut browsers[1], &back, "Holdet er fuldt.").await;
    let round = app::ssr::waiting_list::run(&app.state).await.unwrap();
    assert_eq!((round.lapsed, round.offered), (1, 0));
    assert_eq!(place_of(&app, ids[1], s).await, None);
    let next = app.state.repo.waiting_list_of(s).await.unwrap();
    assert_eq!(next[0].citizen_id, ids[2]);
    assert_eq!(next[0].status, WaitingStatus::Offered);
    assert_eq!(next[0].offer_until, Some(at("2026-03-05T17:00:00Z")));
    assert_eq!(places(&app, s).await, (0, 1));
    let (_, html) = browsers[2].page("/traening").await;
    assert!(
        clean(&html).contains("torsdag 5. marts 2026 kl. 18.00"),
        "{html}"
    );

    // "Nej tak": the place goes on to the next.
    assert_eq!(
        leave(&mut browsers[2], s).await,
        "/traening?venteliste=forladt"
    );
    assert_eq!(place_of(&app, ids[2], s).await, None);
    assert_eq!(
        place_of(&app, ids[3], s).await.unwrap().0,
        WaitingStatus::Offered
    );
    assert_eq!(places(&app, s).await, (0, 1));
    // Leaving too, with nobody after: the place is free for anyone, here Eva.
    leave(&mut browsers[3], s).await;
    assert_eq!(places(&app, s).await, (0, 0));
    assert_eq!(
        book(&mut browsers[4], s).await,
        format!("/traening?booket={s}")
    );
    assert_eq!(places(&app, s).await, (1, 0));
    let log = app.state.repo.audit_log_for(ids[2]).await.unwrap();
    assert!(log.iter().any(|e| e.action == "leave_waiting_list"));
}

async fn close_to_the_start_a_freed_place_is_free_for_anyone(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    // Wednesday 4 March 11:30, in an hour and a half: too close for an offer (two hours).
    let s = vejen_sessions(&app.state, &["2026-03-04T10:30:00Z"], 1).await[0];
    let people = vejen_citizens_signed_in(&app.state, 3).await;
    let mut browsers: Vec<Browser> = people.iter().map(|(_, c)| browser(&app, c)).collect();
    book(&mut browsers[0], s).await;
    join(&mut browsers[1], s).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    book_or_cancel(&client, &app.base, &people[0].1, s, false).await;
    assert_eq!(places(&app, s).await, (0, 0));
    assert_eq!(
        place_of(&app, people[1].0, s).await,
        Some((WaitingStatus::Waiting, 1))
    );
    assert_eq!(
        app::ssr::waiting_list::run(&app.state)
            .await
            .unwrap()
            .offered,
        0
    );
    assert_eq!(
        book(&mut browsers[2], s).await,
        format!("/traening?booket={s}")
    );
}

async fn places_freed_without_an_offer_go_to_the_queue_and_a_cancelled_session_closes_its_list(
    backend: Backend,
) {
    let app = spawn_app(backend, true, NOW).await;
    let s = vejen_sessions(&app.state, &["2026-03-10T09:00:00Z"], 2).await[0];
    let people = vejen_citizens_signed_in(&app.state, 5).await;
    let ids: Vec<i64> = people.iter().map(|(id, _)| *id).collect();
    let mut browsers: Vec<Browser> = people.iter().map(|(_, c)| browser(&app, c)).collect();
    for b in browsers.iter_mut().take(2) {
        assert_eq!(book(b, s).await, format!("/traening?booket={s}"));
    }
    for b in browsers.iter_mut().skip(2) {
        join(b, s).await;
    }
    // Both places freed with no offer made (as when the rule gave none): the jobs loop offers
    // both in one round, to the first two in the queue.
    for citizen in &ids[..2] {
        let cancelled = app
            .state
            .repo
            .cancel_booking(
                &app::ssr::db::CancelBooking {
                    session_id: s,
                    citizen_id: *citizen,
                    cancelled_by: *citizen,
                    at: at(NOW),
                    late: false,
                    rule_id: "VEJ-14".into(),
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
    assert_eq!(places(&app, s).await, (0, 0));
    let round = app::ssr::waiting_list::run(&app.state).await.unwrap();
    assert_eq!(round.offered, 1, "one session");
    assert_eq!(places(&app, s).await, (0, 2));
    assert_eq!(
        place_of(&app, ids[2], s).await.unwrap().0,
        WaitingStatus::Offered
    );
    assert_eq!(
        place_of(&app, ids[3], s).await.unwrap().0,
        WaitingStatus::Offered
    );
    assert_eq!(
        place_of(&app, ids[4], s).await,
        Some((WaitingStatus::Waiting, 1))
    );

    // The municipality cancels the session: its list closes, no place stays held, and nobody
    // is told of an offer any more.
    assert!(app
        .state
        .repo
        .cancel_team_session(s, ids[0], at(NOW), "VEJ-14", &[])
        .await
        .unwrap());
    assert!(app.state.repo.waiting_list_of(s).await.unwrap().is_empty());
    assert_eq!(places(&app, s).await, (0, 0));
    assert!(app
        .state
        .repo
        .unnotified_offers(at(NOW))
        .await
        .unwrap()
        .is_empty());
    let (_, html) = browsers[4].page("/traening").await;
    assert!(!clean(&html).contains("på ventelisten"), "{html}");
}

/// Staff give a full session more places: the new places go to the first in the queue at once,
/// each held and told; fewer places than are taken, or a number that is not one, are refused at
/// the field with what was typed kept; staff of another municipality cannot change it.
async fn a_larger_team_offers_its_new_places_to_the_queue_in_order(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let s = vejen_sessions(&app.state, &["2026-03-10T09:00:00Z"], 1).await[0];
    let people = vejen_citizens_signed_in(&app.state, 4).await;
    let ids: Vec<i64> = people.iter().map(|(id, _)| *id).collect();
    let mut browsers: Vec<Browser> = people.iter().map(|(_, c)| browser(&app, c)).collect();
    run_sql(
        &app.db,
        &format!(
            "update people set email = 'bo@example.dk' where id = {}",
            ids[1]
        ),
    )
    .await;
    assert_eq!(
        book(&mut browsers[0], s).await,
        format!("/traening?booket={s}")
    );
    for b in browsers.iter_mut().skip(1) {
        join(b, s).await;
    }
    let page = format!("/personale/hold/{s}");

    // Staff of another municipality cannot, and it is logged in the booked citizen's log.
    let mut birgitte = Browser::new(&app);
    birgitte.sign_in_as("Birgitte Dahl").await;
    let back = change_places(&mut birgitte, s, "3").await;
    assert!(back.contains("__err"), "{back}");
    assert_eq!(
        app.state
            .repo
            .team_session(s)
            .await
            .unwrap()
            .unwrap()
            .capacity,
        1
    );
    assert!(app
        .state
        .repo
        .audit_log_for(ids[0])
        .await
        .unwrap()
        .iter()
        .any(|e| e.action == "change_capacity" && e.outcome.code() == "refused"));

    // The form is on the session page; "nul" is told at the field, with what was typed kept.
    let mut anders = Browser::new(&app);
    anders.sign_in_as("Anders Holm").await;
    let (_, html) = anders.page(&page).await;
    assert!(clean(&html).contains("Antal pladser"), "{html}");
    assert!(
        html.contains("action=\"/api/staff/session_capacity\""),
        "{html}"
    );
    let back = change_places(&mut anders, s, "nul").await;
    refused_with(
        &mut anders,
        &back,
        "Skriv antal pladser som et tal fra 1 til 50.",
    )
    .await;
    let (_, html) = anders
        .page(back.trim_start_matches(&anders.base.clone()))
        .await;
    assert!(html.contains("value=\"nul\""), "kept: {html}");

    // Three places: the two new ones are held for Bo and Cille, in queue order; Dorte is next.
    assert_eq!(
        change_places(&mut anders, s, "3").await,
        format!("{page}?pladser=2")
    );
    assert_eq!(places(&app, s).await, (1, 2));
    assert_eq!(
        place_of(&app, ids[1], s).await.unwrap().0,
        WaitingStatus::Offered
    );
    assert_eq!(
        place_of(&app, ids[2], s).await.unwrap().0,
        WaitingStatus::Offered
    );
    assert_eq!(
        place_of(&app, ids[3], s).await,
        Some((WaitingStatus::Waiting, 1))
    );
    let notices = mail_to(&app, "bo@example.dk", "Der er en plads til dig").await;
    assert_eq!(notices.len(), 1, "told at once, once: {notices:?}");
    let (_, html) = anders.page(&format!("{page}?pladser=2")).await;
    let html = clean(&html);
    assert!(
        html.contains(
            "Antallet af pladser er ændret. 2 pladser er tilbudt de første på ventelisten."
        ),
        "{html}"
    );
    assert!(
        html.contains("Tilmeldte: 1 / 3 (2 holdt fra ventelisten)"),
        "{html}"
    );
    assert!(app
        .state
        .repo
        .audit_log_for(ids[3])
        .await
        .unwrap()
        .iter()
        .any(
            |e| e.action == "change_capacity" && e.detail == format!("session {s}: 1 to 3 places")
        ));

    // Nobody loses a place: two is fewer than the three booked and held.
    let back = change_places(&mut anders, s, "2").await;
    refused_with(
        &mut anders,
        &back,
        "3 pladser er optaget. Holdet skal have mindst 3 pladser, så ingen mister sin plads.",
    )
    .await;
    assert_eq!(
        app.state
            .repo
            .team_session(s)
            .await
            .unwrap()
            .unwrap()
            .capacity,
        3
    );

    // Bo takes his place with one press; the session is then full at three.
    assert_eq!(
        book(&mut browsers[1], s).await,
        format!("/traening?booket={s}")
    );
    assert_eq!(places(&app, s).await, (2, 1));
}

/// The municipality moves a full session: the queue goes with it to the new time. A place held
/// at the old time goes back to the queue; at the new time the places of those who have not
/// answered are kept for them (one who says yes late still finds hers), and a place freed there
/// (room left, a no, or an answer that can no longer come) goes to the queue's first, not to
/// anyone else.
async fn a_moved_session_takes_its_queue_and_keeps_places_for_those_who_have_not_answered(
    backend: Backend,
) {
    let app = spawn_app(backend, true, NOW).await;
    // Tuesday 10 March 10:00, room for five.
    let s = vejen_sessions(&app.state, &["2026-03-10T09:00:00Z"], 5).await[0];
    // Anna, Bent, Carla, Erik and Frida are booked; Tove and Dennis wait; Ulla is neither.
    let people = vejen_citizens_signed_in(&app.state, 8).await;
    let ids: Vec<i64> = people.iter().map(|(id, _)| *id).collect();
    let mut browsers: Vec<Browser> = people.iter().map(|(_, c)| browser(&app, c)).collect();
    let (anna, bent, carla, tove, dennis, ulla, erik, frida) = (0, 1, 2, 3, 4, 5, 6, 7);
    run_sql(
        &app.db,
        &format!(
            "update people set email = 'tove@example.dk' where id = {}",
            ids[tove]
        ),
    )
    .await;
    for who in [anna, bent, carla, erik, frida] {
        assert_eq!(
            book(&mut browsers[who], s).await,
            format!("/traening?booket={s}")
        );
    }
    for who in [tove, dennis] {
        join(&mut browsers[who], s).await;
    }
    // Carla cancels: the place is held for Tove.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    assert_eq!(
        book_or_cancel(&client, &app.base, &people[carla].1, s, false).await,
        Told::Cancelled
    );
    assert_eq!(
        place_of(&app, ids[tove], s).await.unwrap().0,
        WaitingStatus::Offered
    );

    // Staff propose Thursday 12 March 10:00: nothing is held at the old time, Tove is first in
    // the queue again, and she still sees her place; the proposal is in her log.
    let mut anders = Browser::new(&app);
    anders.sign_in_as("Anders Holm").await;
    let page = format!("/personale/hold/{s}");
    let res = anders
        .post_form(
            &page,
            "/api/staff/propose_move",
            &[
                ("session", &s.to_string()),
                ("date", "12.3.2026"),
                ("time", "10.00"),
            ],
        )
        .await;
    assert_eq!(location(&res), page);
    assert_eq!(places(&app, s).await, (4, 0));
    assert_eq!(
        place_of(&app, ids[tove], s).await,
        Some((WaitingStatus::Waiting, 1))
    );
    let (_, html) = browsers[tove].page("/traening").await;
    assert!(
        clean(&html).contains("Du er nummer 1 på ventelisten."),
        "{html}"
    );
    assert!(app
        .state
        .repo
        .audit_log_for(ids[tove])
        .await
        .unwrap()
        .iter()
        .any(|e| e.action == "propose_move"));

    // Anna says yes: the new session is made, with the queue. Bent, Erik and Frida have not
    // answered, so three places are kept for them; the fifth, free, is held for Tove at once.
    let to = answer_move(&mut browsers[anna], s, true).await;
    assert_eq!(to, "/traening?flytning=ja");
    let new = app
        .state
        .repo
        .booked_sessions_from(ids[anna], at(NOW))
        .await
        .unwrap()[0]
        .clone();
    assert_eq!(new.starts_at, at("2026-03-12T09:00:00Z"));
    assert_eq!((new.booked, new.held, new.kept), (1, 1, 3));
    assert_eq!(
        place_of(&app, ids[tove], new.id).await.unwrap().0,
        WaitingStatus::Offered
    );
    assert_eq!(
        place_of(&app, ids[dennis], new.id).await,
        Some((WaitingStatus::Waiting, 1))
    );
    assert!(app.state.repo.waiting_list_of(s).await.unwrap().is_empty());
    let told = mail_to(&app, "tove@example.dk", "Der er en plads til dig").await;
    assert_eq!(
        told.len(),
        2,
        "the old time's offer, then the new one: {told:?}"
    );
    assert!(
        told.iter()
            .any(|m| m.contains("holdtræning torsdag 12. marts 2026 kl. 10.00")),
        "{told:?}"
    );

    // Nobody else takes a kept place; staff see them kept.
    let back = book(&mut browsers[ulla], new.id).await;
    refused_with(&mut browsers[ulla], &back, "Holdet er fuldt.").await;
    let (_, html) = anders.page(&format!("/personale/hold/{}", new.id)).await;
    assert!(
        clean(&html).contains("(3 holdt til dem, der ikke har svaret på flytningen)"),
        "{html}"
    );

    // Bent says no and keeps his old time: his place at the new time goes to Dennis.
    let to = answer_move(&mut browsers[bent], s, false).await;
    assert_eq!(to, "/traening?flytning=nej");
    let now_new = app.state.repo.team_session(new.id).await.unwrap().unwrap();
    assert_eq!((now_new.booked, now_new.held, now_new.kept), (1, 2, 2));
    assert_eq!(
        place_of(&app, ids[dennis], new.id).await.unwrap().0,
        WaitingStatus::Offered
    );

    // Erik says yes after the queue's offers were made: his kept place is his.
    let to = answer_move(&mut browsers[erik], s, true).await;
    assert_eq!(to, "/traening?flytning=ja");
    assert_eq!(
        app.state
            .repo
            .booking_status(new.id, ids[erik])
            .await
            .unwrap(),
        Some(app::domain::states::BookingStatus::Booked)
    );
    // Tove takes her place with one press.
    assert_eq!(
        book(&mut browsers[tove], new.id).await,
        format!("/traening?booket={}", new.id)
    );
    let now_new = app.state.repo.team_session(new.id).await.unwrap().unwrap();
    assert_eq!((now_new.booked, now_new.held, now_new.kept), (3, 1, 1));

    // Frida never answers. Once the old time has begun she kept it: her kept place at the new
    // time is free (Dennis's offer has run out meanwhile, and nobody else waits), Ulla can book
    // it, and Frida can no longer answer.
    app.clock.set(at("2026-03-10T09:00:00Z"));
    app::ssr::waiting_list::run(&app.state).await.unwrap();
    let now_new = app.state.repo.team_session(new.id).await.unwrap().unwrap();
    assert_eq!((now_new.booked, now_new.held, now_new.kept), (3, 0, 0));
    let mut ulla_now = signed_in_now(&app, ids[ulla]).await;
    assert_eq!(
        book(&mut ulla_now, new.id).await,
        format!("/traening?booket={}", new.id)
    );
    let mut frida_now = signed_in_now(&app, ids[frida]).await;
    let res = frida_now
        .post_form(
            "/traening",
            "/api/booking/answer_move",
            &[("session", &s.to_string()), ("answer", "ja")],
        )
        .await;
    refused_with(
        &mut frida_now,
        &location(&res),
        "Holdet er begyndt på den gamle tid, så du kan ikke længere svare.",
    )
    .await;
    assert_eq!(
        app.state.repo.booking_status(s, ids[frida]).await.unwrap(),
        Some(app::domain::states::BookingStatus::Booked),
        "she keeps the old time"
    );
}

on_both_backends!(
    a_freed_place_goes_to_the_first_in_the_queue_who_takes_it_with_one_press,
    an_offer_not_taken_in_time_goes_to_the_next_and_no_thanks_passes_it_on,
    close_to_the_start_a_freed_place_is_free_for_anyone,
    places_freed_without_an_offer_go_to_the_queue_and_a_cancelled_session_closes_its_list,
    a_larger_team_offers_its_new_places_to_the_queue_in_order,
    a_moved_session_takes_its_queue_and_keeps_places_for_those_who_have_not_answered,
);
