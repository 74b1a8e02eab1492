//! Hardening against abuse (issue 16): what a crafted link, an oversized post or a stolen
//! calendar address can and cannot do, over HTTP on both databases.
use crate::http::{location, Browser, NOW};
use crate::support::{on_both_backends, serve_second_instance, spawn_app, Backend};
use reqwest::StatusCode;

const REFUSAL: &str = "Vi fandt ingen borger i kommunen";

/// The error box shows only what the portal answered this session's own form post, never text
/// from an address someone else wrote or copied.
async fn the_error_box_shows_only_the_portals_answer_to_this_sessions_post(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let register = [
        ("citizen_name", "Karen Østergaard"),
        ("citizen_birth_date", "17.5.1961"),
        ("relative_name", "Lone Mikkelsen"),
        ("relative_email", "lone@example.dk"),
        ("source", "paper"),
        ("document_ref", "J.nr. 1"),
        ("expires_on", "30.6.2027"),
    ];
    // Hanne works in another municipality: the portal refuses and sends her back with why.
    let mut h = Browser::new(&app);
    h.sign_in_as("Hanne Krogh").await;
    let res = h
        .post_form("/personale/fuldmagter", "/api/powers/register", &register)
        .await;
    let back = location(&res);
    let back = back.trim_start_matches(&app.base).to_string();
    assert!(back.contains("__err") && back.contains("__sig="), "{back}");
    let (_, html) = h.page(&back).await;
    assert!(
        html.contains("Der er et problem") && html.contains(REFUSAL),
        "{html}"
    );

    // The same address without its signature, or with another error under it: not shown.
    let unsigned: String = back
        .split('&')
        .filter(|p| !p.starts_with("__sig="))
        .collect::<Vec<_>>()
        .join("&");
    let (status, html) = h.page(&unsigned).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains(REFUSAL) && !html.contains("Der er et problem"));
    let sig = back.split("__sig=").nth(1).unwrap().to_string();
    let crafted = format!(
        "/personale/fuldmagter?__path=/api/powers/register&__err=eyJJbnZhbGlkIjpbeyJmaWVsZCI6bnVsbCwidGV4dCI6IlJpbmcgdGlsIDk5IDk5IDk5IDk5In1dfQ&__sig={sig}"
    );
    let (_, html) = h.page(&crafted).await;
    assert!(!html.contains("Ring til 99") && !html.contains("Der er et problem"));
    // Names written with percent-escapes are read as Leptos reads them, and removed too.
    let escaped = "/personale/fuldmagter?%5F%5Fpath=/api/powers/register&%5F%5Ferr=eyJJbnZhbGlkIjpbeyJmaWVsZCI6bnVsbCwidGV4dCI6IlJpbmcgdGlsIDk5IDk5IDk5IDk5In1dfQ";
    let (_, html) = h.page(escaped).await;
    assert!(!html.contains("Ring til 99") && !html.contains("Der er et problem"));
    // A second error added after a signed one: neither is shown (Leptos would show the last).
    let (_, html) = h
        .page(&format!("{back}&__err=eyJJbnZhbGlkIjpbeyJmaWVsZCI6bnVsbCwidGV4dCI6IlJpbmcgdGlsIDk5IDk5IDk5IDk5In1dfQ"))
        .await;
    assert!(!html.contains("Ring til 99"));
    // The signed address sent to a colleague (another session): not shown to her.
    let mut m = Browser::new(&app);
    m.sign_in_as("Mette Lund").await;
    let (status, html) = m.page(&back).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !html.contains(REFUSAL),
        "another session's error is not shown"
    );
    // After ten minutes Hanne's own error is gone from the page too.
    app.clock
        .set(app::ssr::clock::Clock::now(app.clock.as_ref()) + chrono::Duration::minutes(11));
    let (_, html) = h.page(&back).await;
    assert!(!html.contains(REFUSAL));
}

/// The sign-in limit is kept in the database: attempts spread over two instances count together.
async fn the_sign_in_limit_holds_across_instances(backend: Backend) {
    let app = spawn_app(backend, false, NOW).await;
    let other = serve_second_instance(&app).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for i in 0..20 {
        let base = if i % 2 == 0 { &app.base } else { &other };
        let res = client
            .get(format!("{base}/log-ind/mitid"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "attempt {i}");
    }
    for base in [&app.base, &other] {
        let res = client
            .get(format!("{base}/log-ind/mitid"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "{base}");
    }
    // A minute later the client may try again.
    app.clock
        .set(app::ssr::clock::Clock::now(app.clock.as_ref()) + chrono::Duration::seconds(61));
    let res = client
        .get(format!("{}/log-ind/mitid", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
}

on_both_backends!(
    the_error_box_shows_only_the_portals_answer_to_this_sessions_post,
    the_sign_in_limit_holds_across_instances,
);
