//! A form refused for what was typed comes back with what was typed (issue 16): an application
//! whose text is a little too long is not lost, nor the name and date of an invitation with
//! a mistyped email address. Only the browser session that typed it sees it again.
use crate::http::{location, person_of, Browser, NOW};
use crate::support::{on_both_backends, spawn_app, Backend};

async fn an_application_too_long_comes_back_with_its_text_for_this_session_only(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Inger Thomsen").await;
    let needs = format!(
        "Jeg kan ikke gå på trapper, og jeg falder let. {}",
        "Det er svært at rejse mig fra stolen. ".repeat(110)
    );
    assert!(needs.chars().count() > app::domain::text_input::TEXT_MAX);
    let fields = |needs: &str| {
        vec![
            ("prescreen[need]".to_string(), "ja".to_string()),
            ("needs".to_string(), needs.to_string()),
            ("goals".to_string(), "Gå til købmanden igen".to_string()),
            ("training_form".to_string(), "team".to_string()),
            ("place".to_string(), "health_centre".to_string()),
            ("transport".to_string(), String::new()),
            ("next".to_string(), "kladde".to_string()),
        ]
    };
    let posted = fields(&needs);
    let posted: Vec<(&str, &str)> = posted
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = b.post_form("/ansoeg", "/api/apply/save", &posted).await;
    let back = location(&res).trim_start_matches(&app.base).to_string();
    assert!(
        back.starts_with("/ansoeg") && back.contains("__err"),
        "{back}"
    );
    assert!(
        !back.contains("trapper"),
        "the text is sealed, not readable in the address: {back}"
    );
    let (_, html) = b.page(&back).await;
    assert!(html.contains("Der er et problem"), "{html}");
    let textarea = html
        .split("name=\"needs\"")
        .nth(1)
        .and_then(|t| t.split("</textarea>").next())
        .unwrap_or_default();
    assert!(
        textarea.contains(&needs),
        "her text is in the form again: {html}"
    );
    assert!(html.contains(">Gå til købmanden igen</textarea>"), "{html}");
    assert!(
        html.contains("value=\"health_centre\" checked"),
        "her choice of place too: {html}"
    );
    assert!(
        app.state.repo.draft_of(inger).await.unwrap().is_none(),
        "nothing was saved"
    );

    // The same address in another sign-in (a shared computer's history) shows neither.
    let mut other = Browser::new(&app);
    other.sign_in_as("Inger Thomsen").await;
    let (_, html) = other.page(&back).await;
    assert!(!html.contains("rejse mig fra stolen"), "{html}");
    assert!(!html.contains("Der er et problem"), "{html}");

    // Shortened, it is saved.
    let short: String = needs.chars().take(200).collect();
    let posted = fields(&short);
    let posted: Vec<(&str, &str)> = posted
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = b.post_form(&back, "/api/apply/save", &posted).await;
    assert_eq!(location(&res), "/ansoeg?gemt=1");
}

async fn an_invitation_with_a_mistyped_address_keeps_the_name_and_the_date(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Inger Thomsen").await;
    let res = b
        .post_form(
            "/fuldmagter/ny",
            "/api/powers/invite",
            &[
                ("relative_name", "Kirsten Thomsen"),
                ("relative_email", "kirsten.thomsen@"),
                ("expires_on", "2027-03-01"),
                ("scope_book", "on"),
            ],
        )
        .await;
    let back = location(&res);
    assert!(back.contains("__err"), "{back}");
    let (_, html) = b.page(back.trim_start_matches(&app.base)).await;
    assert!(html.contains("Der er et problem"), "{html}");
    assert!(html.contains("value=\"Kirsten Thomsen\""), "{html}");
    assert!(html.contains("value=\"kirsten.thomsen@\""), "{html}");
    assert!(html.contains("value=\"2027-03-01\""), "{html}");
}

on_both_backends!(
    an_application_too_long_comes_back_with_its_text_for_this_session_only,
    an_invitation_with_a_mistyped_address_keeps_the_name_and_the_date,
);
