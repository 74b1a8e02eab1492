//! "Min log" and the download of all a citizen's data, over HTTP.
use crate::http::{clean, person_of, Browser, NOW};
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
    let html = html.replace("<!---->", "");
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
    // Everything kept about her case: applications, decisions, consents, complaints, hearings
    // and how her sessions went, as well as the person, powers, bookings and the log.
    for kind in [
        "applications",
        "decisions",
        "consents",
        "complaints",
        "hearings",
        "attendance",
    ] {
        assert!(data[kind].is_array(), "{kind} is in the export");
    }
    let decisions = data["decisions"].as_array().unwrap();
    assert!(!decisions.is_empty(), "Karen's decision is in the export");
    assert!(decisions[0]["legal_basis"]
        .as_str()
        .unwrap()
        .contains("§ 86"));
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

async fn a_long_log_is_shown_a_page_at_a_time_and_filtered_without_javascript(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let karen = person_of(&app, "demo:vejen:borger").await;
    let jens = person_of(&app, "demo:vejen:paaroerende").await;
    let mut j = Browser::new(&app);
    j.sign_in_as("Jens Østergaard").await;
    assert_eq!(j.page("/oversigt").await.0, StatusCode::OK);
    // Each entry says from which session and address it came.
    let entries = app.state.repo.audit_log_for(karen).await.unwrap();
    let jens_view = entries
        .iter()
        .find(|e| e.actor_id == Some(jens) && e.action == "view_overview")
        .expect("Jens's view is logged");
    assert_eq!(jens_view.client_addr.as_deref(), Some("127.0.0.1"));
    let hash = jens_view.session_hash.clone().expect("the session's hash");
    assert_eq!(hash.len(), 64, "a SHA-256, never the cookie itself");
    assert!(!j.cookie_header().contains(&hash));

    // A few thousand entries, as years of use give.
    for i in 0..2400i64 {
        app.state
            .repo
            .audit(&app::ssr::db::AuditEntry {
                at: chrono::DateTime::parse_from_rfc3339("2025-01-01T08:00:00Z")
                    .unwrap()
                    .with_timezone(&chrono::Utc)
                    + chrono::Duration::minutes(i),
                actor_id: Some(if i % 2 == 0 { karen } else { jens }),
                on_behalf_of: Some(karen),
                action: if i % 2 == 0 {
                    "view_training"
                } else {
                    "book_session"
                }
                .into(),
                detail: format!("old entry {i}"),
                outcome: app::domain::states::AuditOutcome::Ok,
                session_hash: None,
                client_addr: None,
            })
            .await
            .unwrap();
    }
    let mut k = Browser::new(&app);
    k.sign_in_as("Karen Østergaard").await;
    let (status, html) = k.page("/min-log").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.len() < 120_000,
        "one page, not the whole log: {} bytes",
        html.len()
    );
    assert_eq!(
        html.matches("class=\"log-time\"").count(),
        50,
        "50 entries a page"
    );
    let text = clean(&html);
    assert!(text.contains("Side 1 af"), "{text}");
    assert!(
        !text.contains(">old entry 0<"),
        "the oldest is not on the first page"
    );
    assert!(
        html.contains("href=\"/min-log?side=2\""),
        "a link to older entries"
    );
    // The last page holds the oldest entry.
    let total = app.state.repo.audit_log_for(karen).await.unwrap().len();
    let last = total.div_ceil(50);
    let (_, html) = k.page(&format!("/min-log?side={last}")).await;
    assert!(
        clean(&html).contains(">old entry 0<"),
        "the oldest entry is on the last page"
    );
    // Filtered by who and what, with a plain GET form.
    assert!(html.contains("<form method=\"get\" action=\"/min-log\""));
    let (_, html) = k
        .page(&format!("/min-log?hvem={jens}&handling=book_session"))
        .await;
    let text = clean(&html);
    assert!(text.contains("Side 1 af 24 (1200 linjer)"), "{text}");
    assert!(
        !text.contains("<strong>Dig</strong>"),
        "only Jens's entries: {text}"
    );
    assert_eq!(text.matches("<strong>Jens Østergaard</strong>").count(), 50);
    assert!(
        html.contains(&format!(
            "href=\"/min-log?side=2&amp;hvem={jens}&amp;handling=book_session\""
        )) || html.contains(&format!(
            "href=\"/min-log?side=2&hvem={jens}&handling=book_session\""
        )),
        "the next page keeps the filters"
    );
    // Nonsense in the address shows the first page of everything, never an error.
    let (status, _) = k
        .page("/min-log?side=abc&hvem=%E2%80%AE&handling=%3Cscript%3E")
        .await;
    assert_eq!(status, StatusCode::OK);
}

on_both_backends!(
    the_citizen_sees_who_viewed_and_changed_their_data_and_downloads_it,
    a_long_log_is_shown_a_page_at_a_time_and_filtered_without_javascript,
);
