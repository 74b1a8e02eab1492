//! Calendar files over HTTP: a booked session downloads as an .ics file for the citizen only;
//! the personal feed at its secret address follows bookings and cancellations, shows local times
//! right across the spring clock change (in UTC), says when to cancel by, and stops working when
//! the citizen makes a new address or stops it.
use crate::booking::booked_now;
use crate::http::{location, person_of, Browser, NOW};
use crate::support::{on_both_backends, spawn_app, Backend};
use reqwest::StatusCode;

/// The feed address shown on the training page.
fn feed_address(html: &str) -> Option<String> {
    let start = html.find("id=\"kalenderadresse\"")?;
    let value = &html[start..];
    let value = &value[value.find("value=\"")? + 7..];
    Some(value[..value.find('"')?].to_string())
}

async fn fetch(url: &str) -> (StatusCode, String, String) {
    let res = reqwest::get(url).await.unwrap();
    let kind = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (
        res.status(),
        kind,
        res.text().await.unwrap().replace("\r\n ", ""),
    )
}

async fn the_calendar_feed_follows_bookings_and_stops_when_revoked(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let booked = booked_now(&app, inger).await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Inger Thomsen").await;

    // One session as a file: hers only.
    let first = booked[0].id;
    let res = b.get(&format!("/kalender/tid/{first}.ics")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let ics = res.text().await.unwrap().replace("\r\n ", "");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
    assert!(ics.contains("DTSTART:20260311T090000Z"), "{ics}");
    assert!(ics.contains("tirsdag 10. marts 2026 kl. 12.00"), "{ics}");
    let mut karen = Browser::new(&app);
    karen.sign_in_as("Karen Østergaard").await;
    let res = karen.get(&format!("/kalender/tid/{first}.ics")).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "not Karen's session");
    let (status, _, _) = fetch(&format!("{}/kalender/tid/{first}.ics", app.base)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // No feed yet; she makes one.
    let (_, html) = b.page("/traening").await;
    assert!(feed_address(&html).is_none());
    let res = b
        .post_form("/traening", "/api/calendar/new_feed", &[])
        .await;
    let made = location(&res);
    assert!(made.starts_with("/traening?kalender=ny&adresse="), "{made}");
    let (_, html) = b.page(&made).await;
    let shown = feed_address(&html).expect("the address is shown once, just after");
    assert!(html.contains("viser vi den kun denne ene gang"));
    // The page the browser is sent to carries it sealed for this session: not the address...
    assert!(!made.contains(shown.rsplit('/').next().unwrap()));
    // ...and useless in another session, even Inger's own on another device.
    let mut other = Browser::new(&app);
    other.sign_in_as("Inger Thomsen").await;
    let (_, html) = other.page(&made).await;
    assert!(feed_address(&html).is_none(), "not for another session");
    // Afterwards the page says there is one, since when, but not the address.
    let (_, html) = b.page("/traening").await;
    assert!(feed_address(&html).is_none());
    assert!(html.contains("Du har en kalenderadresse, lavet"), "{html}");
    let public = format!("{}/kalender/feed/", app.state.settings.base_url);
    assert!(shown.starts_with(&public), "{shown}");
    // The portal's public address; fetched here from the test server.
    let local = |shown: &str| shown.replace(&app.state.settings.base_url, &app.base);
    let url = local(&shown);

    // Fetched without signing in, as a calendar program does: all eight Wednesdays at 10:00
    // local, in UTC on both sides of 29 March.
    let (status, kind, ics) = fetch(&url).await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("text/calendar"), "{kind}");
    let res = reqwest::get(&url).await.unwrap();
    assert_eq!(res.headers()["cache-control"], "private, no-store");
    // Each fetch is in her log: by a calendar, not by a person, from its address.
    let log = app.state.repo.audit_log_for(inger).await.unwrap();
    let read = log
        .iter()
        .rev()
        .find(|e| e.action == "calendar_feed_read")
        .expect("the feed's read is logged");
    assert_eq!(read.actor_id, None);
    assert_eq!(read.client_addr.as_deref(), Some("127.0.0.1"));
    // The database keeps only the address's hash.
    let token = url
        .rsplit('/')
        .next()
        .unwrap()
        .trim_end_matches(".ics")
        .to_string();
    let hash = app::ssr::session::hash_session_id(&token);
    assert_eq!(
        app.state.repo.calendar_feed_owner(&hash).await.unwrap(),
        Some(inger)
    );
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 8);
    assert!(ics.contains("DTSTART:20260325T090000Z"), "10:00 CET: {ics}");
    assert!(
        ics.contains("DTSTART:20260401T080000Z"),
        "10:00 CEST: {ics}"
    );
    assert!(ics.contains("DTEND:20260401T090000Z"));
    assert!(ics.contains("LOCATION:Sundhedscenter Brønderslev"));
    assert!(
        ics.contains("tirsdag 31. marts 2026 kl. 12.00"),
        "the deadline of 1 April"
    );

    // A cancellation leaves the feed.
    b.post_form(
        "/traening",
        "/api/booking/cancel",
        &[("session", &first.to_string())],
    )
    .await;
    let (_, _, ics) = fetch(&url).await;
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 7);
    assert!(!ics.contains("DTSTART:20260311T090000Z"));

    // A new address stops the old one; stopping it stops the new one too.
    let res = b
        .post_form("/traening", "/api/calendar/new_feed", &[])
        .await;
    let (_, html) = b.page(&location(&res)).await;
    let new_url = local(&feed_address(&html).unwrap());
    assert_ne!(new_url, url);
    assert_eq!(fetch(&url).await.0, StatusCode::NOT_FOUND);
    assert_eq!(fetch(&new_url).await.0, StatusCode::OK);
    let res = b
        .post_form("/traening", "/api/calendar/stop_feed", &[])
        .await;
    assert_eq!(location(&res), "/traening?kalender=stoppet#kalender");
    assert_eq!(fetch(&new_url).await.0, StatusCode::NOT_FOUND);
    let (_, html) = b.page("/traening?kalender=stoppet").await;
    assert!(feed_address(&html).is_none());
    assert!(html.contains("Kalenderadressen er stoppet."));
    let log = app.state.repo.audit_log_for(inger).await.unwrap();
    assert_eq!(
        log.iter()
            .filter(|e| e.action == "calendar_feed_new")
            .count(),
        2
    );
}

/// "Log ud på alle enheder" also stops the calendar address, when the citizen chooses it.
async fn signing_out_everywhere_can_stop_the_calendar_address(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Inger Thomsen").await;
    let res = b
        .post_form("/traening", "/api/calendar/new_feed", &[])
        .await;
    let (_, html) = b.page(&location(&res)).await;
    let url = feed_address(&html)
        .unwrap()
        .replace(&app.state.settings.base_url, &app.base);
    // Signing out everywhere from the header leaves the calendar alone...
    b.post_form("/traening", "/api/sign_out_everywhere", &[])
        .await;
    assert_eq!(fetch(&url).await.0, StatusCode::OK);
    // ...and from the calendar section, with the choice, stops it.
    b.sign_in_as("Inger Thomsen").await;
    let (_, html) = b.page("/traening").await;
    assert!(html.contains("Log ud på alle enheder og stop adressen"));
    b.post_form(
        "/traening",
        "/api/sign_out_everywhere",
        &[("stop_calendar", "on")],
    )
    .await;
    assert_eq!(fetch(&url).await.0, StatusCode::NOT_FOUND);
    assert!(app
        .state
        .repo
        .calendar_feed_of(inger)
        .await
        .unwrap()
        .is_none());
}

on_both_backends!(
    the_calendar_feed_follows_bookings_and_stops_when_revoked,
    signing_out_everywhere_can_stop_the_calendar_address,
);
