//! "Min log" and the download of all a citizen's data, over HTTP.
use crate::http::{person_of, Browser, NOW};
use crate::support::{on_both_backends, spawn_app, Backend};
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use reqwest::StatusCode;

async fn the_citizen_sees_who_viewed_and_changed_their_data_and_downloads_it(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let karen = person_of(&app, "demo:vejen:borger").await;

    // Jens views Karen's overview on her behalf; Erik, without a power, tries to act for her.
    let mut j = Browser::new(&app);
    j.sign_in_as("Jens Østergaard").await;
    assert_eq!(j.page("/oversigt").await.0, StatusCode::OK);
    let mut e = Browser::new(&app);
    e.sign_in_as("Erik Mikkelsen").await;
    e.act_for(karen).await;
    // A caseworker in Vejen registers a guardianship for her.
    let mut m = Browser::new(&app);
    m.sign_in_as("Mette Lund").await;
    m.post_form(
        "/personale/fuldmagter",
        "/api/powers/register",
        &[
            ("citizen_name", "Karen Østergaard"),
            ("citizen_birth_date", "17.05.1961"),
            ("relative_name", "Lone Mikkelsen"),
            ("relative_email", "lone@example.dk"),
            ("source", "guardianship"),
            ("document_ref", "FRH-2026-551"),
            ("expires_on", "2027-06-30"),
        ],
    )
    .await;

    let mut k = Browser::new(&app);
    k.sign_in_as("Karen Østergaard").await;
    let (status, html) = k.page("/min-log").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    // Leptos marks the joins between text parts with comments.
    let html = html.replace("<!>", "");
    assert!(html.contains("<strong>Dig</strong>: Loggede ind"), "{html}");
    assert!(html.contains("<strong>Jens Østergaard</strong>: Så oversigten over træning og tider"));
    assert!(html.contains(
        "<strong>Mette Lund (Vejen Kommune, visitator)</strong>: Registrerede en fuldmagt eller et værgemål"
    ));
    assert!(html.contains("FRH-2026-551"));
    assert!(
        html.contains(
            "<strong>Erik Mikkelsen</strong>: Forsøgte at handle for dig uden gyldig fuldmagt"
        ),
        "{html}"
    );
    assert!(html.contains("Afvist"), "the refused attempt is marked");
    assert!(
        html.contains("onsdag 4. marts 2026 kl. 10.00"),
        "local time"
    );

    let res = k.get("/min-log/data.json").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    assert!(res.headers()[CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    let data: serde_json::Value = res.json().await.unwrap();
    assert_eq!(data["person"]["name"], "Karen Østergaard");
    assert_eq!(data["person"]["birth_date"], "1961-05-17");
    assert_eq!(data["person"]["municipality"], "Vejen Kommune");
    let given: Vec<&str> = data["powers_given"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["other_name"].as_str().unwrap())
        .collect();
    assert!(given.contains(&"Jens Østergaard") && given.contains(&"Lone Mikkelsen"));
    assert_eq!(data["course"]["place"], "Brørup Sundhedscenter");
    assert_eq!(data["booked_sessions"].as_array().unwrap().len(), 8);
    // States are written as the codes the portal stores, not as program names.
    assert_eq!(data["booked_sessions"][0]["status"], "scheduled");
    let log = data["log"].as_array().unwrap();
    assert!(log.iter().any(|l| l["who_da"] == "Jens Østergaard"));
    assert!(log
        .iter()
        .any(|l| l["action_en"] == "Viewed the overview of training and sessions"));
    assert!(log.iter().any(|l| l["refused"] == true));

    // The log is the citizen's own: not for the relative acting for her, nor for staff.
    for b in [&mut j, &mut m] {
        assert_eq!(b.page("/min-log").await.0, StatusCode::FORBIDDEN);
        assert_eq!(
            b.get("/min-log/data.json").await.status(),
            StatusCode::FORBIDDEN
        );
    }
}

on_both_backends!(the_citizen_sees_who_viewed_and_changed_their_data_and_downloads_it);
