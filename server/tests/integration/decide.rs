//! Deciding an application and reading the letter, over HTTP: what the decision form lacks is
//! named and nothing is stored; a decision is made once, with generated complaint guidance, a
//! course for what is granted and an email that a decision is waiting; the letter records when
//! the citizen's side first opened it, and shows the complaint deadline from then.
use crate::http::{location, person_of, Browser, NOW};
use crate::support::{at, on_both_backends, spawn_app, Backend};
use app::domain::deadlines::complaint_deadline;
use app::domain::lang::Lang;
use app::domain::time_format::long_date_time;
use chrono::Duration;
use reqwest::StatusCode;

/// The citizen's decisions on applications (not the demo data's), newest first.
async fn decided(app: &crate::support::TestApp, citizen: i64) -> Vec<app::ssr::db::DecisionRecord> {
    let all = app.state.repo.decisions_of(citizen).await.unwrap();
    all.into_iter()
        .filter(|d| d.application_id.is_some())
        .collect()
}
async fn a_caseworker_decides_once_and_the_letter_shows_the_deadline_from_first_reading(
    backend: Backend,
) {
    let app = spawn_app(backend, true, NOW).await;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let mut i = Browser::new(&app);
    i.sign_in_as("Inger Thomsen").await;
    let reference = crate::apply::apply_and_send(&app, &mut i, inger, "Trapper.").await;

    let mut b = Browser::new(&app);
    b.sign_in_as("Birgitte Dahl").await;
    let case = format!("/personale/ansoegninger/{reference}");
    let (status, html) = b.page(&case).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Træf afgørelsen"), "{html}");

    // A partial grant without reasons: refused with the reason named; nothing stored.
    let decide = |outcome: &'static str, reasons: &'static str| {
        vec![
            ("reference", reference.clone()),
            ("outcome", outcome.to_string()),
            ("training_form", "team".to_string()),
            ("place", "Sundhedscenter Brønderslev".to_string()),
            ("sessions_per_week", "1".to_string()),
            ("weeks", "".to_string()),
            ("start_on", "16.3.2026".to_string()),
            ("reasons", reasons.to_string()),
        ]
    };
    let res = post(&mut b, &case, decide("partly_granted", "")).await;
    let back = location(&res);
    assert!(back.contains("__err"), "{back}");
    assert!(
        !back.contains("Sundhedscenter"),
        "nothing typed travels in the URL"
    );
    let (_, html) = b.page(back.trim_start_matches(&app.base)).await;
    assert!(html.contains("Skriv begrundelsen."), "{html}");
    assert!(html.contains("<a href=\"#felt-begrundelse\">Skriv begrundelsen."));
    assert!(
        html.contains("id=\"felt-begrundelse-fejl\""),
        "at the field too"
    );
    assert!(decided(&app, inger).await.is_empty());
    // What she typed is in the form again, and stays there if she comes back later.
    let (_, html) = b.page(&case).await;
    assert!(
        html.contains("name=\"place\" value=\"Sundhedscenter Brønderslev\""),
        "{html}"
    );
    assert!(html.contains("value=\"partly_granted\" checked"), "{html}");
    assert!(html.contains("value=\"16.3.2026\""));
    let mut later = Browser::new(&app);
    later.sign_in_as("Birgitte Dahl").await;
    let (_, html) = later.page(&case).await;
    assert!(
        html.contains("Sundhedscenter Brønderslev"),
        "kept across sign-ins"
    );

    let res = post(
        &mut b,
        &case,
        decide("partly_granted", "Du får hold én gang om ugen, ikke to."),
    )
    .await;
    assert_eq!(location(&res), case);
    let decisions = decided(&app, inger).await;
    assert_eq!(decisions.len(), 1);
    let application = decisions[0].application_id.unwrap();
    let birgitte = person_of(&app, "demo:broenderslev:visitator").await;
    assert_eq!(
        app.state
            .repo
            .decision_draft(application, birgitte)
            .await
            .unwrap(),
        None,
        "the kept form goes once the decision is made"
    );
    let d = &decisions[0];
    assert_eq!(d.outcome, "partly_granted");
    assert!(d
        .complaint_guidance
        .as_deref()
        .unwrap()
        .contains("Kommunen skal have modtaget din klage"));
    let course = app.state.repo.current_course(inger).await.unwrap().unwrap();
    assert_eq!(
        course.decision_id, d.id,
        "the grant is the course booking uses"
    );
    assert_eq!(
        app.state
            .repo
            .application_by_reference(&reference)
            .await
            .unwrap()
            .unwrap()
            .status,
        "decided"
    );
    let mail: Vec<_> = app
        .state
        .repo
        .outbox_messages(50)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.subject.starts_with("Ny afgørelse"))
        .collect();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to_address, "inger.thomsen@example.dk");
    assert!(
        !mail[0].body_text.contains("én gang om ugen"),
        "nothing of the decision in the email"
    );
    let res = post(&mut b, &case, decide("granted", "")).await;
    assert!(location(&res).contains("__err"), "decided once");
    assert_eq!(decided(&app, inger).await.len(), 1);

    // The caseworker's look does not count as received; the relative's first look does.
    let letter = format!("/afgoerelse/{}", d.id);
    let (status, html) = b.page(&letter).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("Klagefrist"), "{html}");
    app.clock.set(at(NOW) + Duration::hours(3));
    let mut o = Browser::new(&app);
    o.sign_in_as("Ole Thomsen").await;
    let (status, html) = o.page(&letter).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let html = html.replace("<!>", "");
    assert!(html.contains("Du får delvist vedligeholdende træning"));
    assert!(html.contains("Du får hold én gang om ugen, ikke to."));
    assert!(html.contains("Lov om social service § 86, stk. 2"));
    assert!(html.contains("Du kan klage over afgørelsen til"));
    let received = at(NOW) + Duration::hours(3);
    let deadline = complaint_deadline(received, 4).shown;
    assert!(
        html.contains(&long_date_time(Lang::Da, deadline)),
        "{} in {html}",
        long_date_time(Lang::Da, deadline)
    );
    app.clock.set(at(NOW) + Duration::days(2));
    i.sign_in_as("Inger Thomsen").await;
    let (_, html) = i.page("/oversigt").await;
    assert!(
        html.contains(&format!("/afgoerelse/{}", d.id)),
        "listed on the overview"
    );
    let (_, html) = i.page(&letter).await;
    assert!(
        html.contains(&long_date_time(Lang::Da, deadline)),
        "unchanged by a later look"
    );
    let stored = app.state.repo.decision(d.id).await.unwrap().unwrap();
    assert_eq!(stored.received_at, Some(received));

    // Another municipality's caseworker and another citizen see nothing.
    let mut m = Browser::new(&app);
    m.sign_in_as("Mette Lund").await;
    assert_eq!(m.page(&letter).await.0, StatusCode::NOT_FOUND);
    let mut k = Browser::new(&app);
    k.sign_in_as("Karen Østergaard").await;
    assert_eq!(k.page(&letter).await.0, StatusCode::NOT_FOUND);
}

async fn post(b: &mut Browser, case: &str, v: Vec<(&'static str, String)>) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = v.iter().map(|(k, v)| (*k, v.as_str())).collect();
    b.post_form(case, "/api/decide/decide", &pairs).await
}

on_both_backends!(a_caseworker_decides_once_and_the_letter_shows_the_deadline_from_first_reading);
