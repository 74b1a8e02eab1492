//! A form refused for what was typed comes back with what was typed (issue 16): a caseworker's
//! notes from a long call are not lost when the registration is refused, nor the name and date
//! of an invitation with a mistyped email address. Only the browser session that typed it sees
//! it again, and the text comes back as text.
use crate::http::{location, Browser, NOW};
use crate::support::{on_both_backends, spawn_app, Backend};

async fn a_phone_application_refused_comes_back_with_its_notes_for_this_session_only(
    backend: Backend,
) {
    let app = spawn_app(backend, true, NOW).await;
    let mut s = Browser::new(&app);
    s.sign_in_as("Hanne Krogh").await;
    // A caseworker's notes from a long call, and markup a pasted text may hold: the form shows
    // it as text, exactly as typed.
    let needs = format!(
        "Aase ringede. Hun kan ikke gå på trapper & falder let </textarea><b>nu</b>. {}",
        "Datteren hjælper med indkøb om tirsdagen. ".repeat(25)
    );
    let search = "/personale/modtag?navn=Aase%20Holm&foedt=2.2.1940";
    let fields = |consent: &str, needs: &str| {
        vec![
            ("citizen_name".to_string(), "Aase Holm".to_string()),
            ("citizen_birth_date".to_string(), "2.2.1940".to_string()),
            ("channel".to_string(), "phone".to_string()),
            ("arrived_on".to_string(), "2026-03-02".to_string()),
            ("needs".to_string(), needs.to_string()),
            ("consent".to_string(), consent.to_string()),
            ("consent_on".to_string(), "2026-03-02".to_string()),
            ("consent_ref".to_string(), String::new()),
        ]
    };
    // Without the consent, the registration is refused: her notes stay in the form.
    let posted = fields("", &needs);
    let posted: Vec<(&str, &str)> = posted
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = s
        .post_form(search, "/api/staff/register_application", &posted)
        .await;
    let back = location(&res).trim_start_matches(&app.base).to_string();
    assert!(back.contains("__err"), "{back}");
    assert!(
        !back.contains("trapper"),
        "the text is sealed, not readable in the address: {back}"
    );
    assert!(
        back.len() < 4096,
        "short enough for a browser to send back as the next post's Referer"
    );
    let (_, html) = s.page(&back).await;
    assert!(html.contains("Der er et problem"), "{html}");
    let textarea = html
        .split("name=\"needs\"")
        .nth(1)
        .and_then(|t| t.split("</textarea>").next())
        .unwrap_or_default();
    let as_text = needs
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    assert!(
        textarea.contains(&as_text),
        "the notes are in the form again, as text: {html}"
    );
    assert!(!html.contains("<b>nu</b>"), "{html}");
    assert!(html.contains("value=\"Aase Holm\""), "{html}");
    assert!(app
        .state
        .repo
        .open_applications("samsoe")
        .await
        .unwrap()
        .is_empty());

    // The same address in another sign-in (a shared computer's history) shows neither.
    let mut other = Browser::new(&app);
    other.sign_in_as("Hanne Krogh").await;
    let (_, html) = other.page(&back).await;
    assert!(!html.contains("Datteren hjælper"), "{html}");
    assert!(!html.contains("Der er et problem"), "{html}");

    // With the consent it is registered, the notes as typed.
    let posted = fields("oral", &needs);
    let posted: Vec<(&str, &str)> = posted
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    s.post_form(&back, "/api/staff/register_application", &posted)
        .await;
    let open = app.state.repo.open_applications("samsoe").await.unwrap();
    assert_eq!(open.len(), 1, "registered once");
}

/// A text refused for being too long comes back whole, to be shortened rather than typed again,
/// and the address stays short enough for the browser to post from the page again. Signing out
/// forgets it.
async fn a_text_refused_for_being_too_long_comes_back_whole_until_sign_out(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Inger Thomsen").await;
    let needs = "Det er svært at rejse mig fra stolen. ".repeat(110);
    assert!(needs.chars().count() > app::domain::text_input::TEXT_MAX);
    let res = b
        .post_form(
            "/ansoeg",
            "/api/apply/save",
            &[
                ("prescreen[need]", "ja"),
                ("needs", needs.as_str()),
                ("goals", "Gå til købmanden igen"),
                ("training_form", "team"),
                ("place", "health_centre"),
                ("transport", ""),
                ("next", "kladde"),
            ],
        )
        .await;
    let back = location(&res).trim_start_matches(&app.base).to_string();
    assert!(
        back.starts_with("/ansoeg") && back.contains("__err"),
        "{back}"
    );
    assert!(back.len() < 4096, "{}", back.len());
    let (_, html) = b.page(&back).await;
    assert!(html.contains("højst være 4.000 tegn"), "{html}");
    let textarea = |html: &str, name: &str| {
        html.split(&format!("name=\"{name}\""))
            .nth(1)
            .and_then(|t| t.split("</textarea>").next())
            .and_then(|t| t.split_once('>'))
            .map(|(_, text)| text.to_string())
            .unwrap_or_default()
    };
    assert_eq!(textarea(&html, "needs"), needs, "the whole text is back");
    assert_eq!(textarea(&html, "goals"), "Gå til købmanden igen");

    // Kept in the database sealed (the text is not readable there), until sign-out.
    let id = back
        .split("__typed=")
        .nth(1)
        .unwrap()
        .split(['&', '#'])
        .next()
        .unwrap();
    let session = app::ssr::session::hash_session_id(&b.cookies["tp_session"]);
    let now = app.state.clock.now();
    let kept = app.state.repo.typed_back(id, &session, now).await.unwrap();
    assert!(kept.is_some_and(|k| !k.contains("stolen")));
    b.post_form(&back, "/api/sign_out", &[]).await;
    let kept = app.state.repo.typed_back(id, &session, now).await.unwrap();
    assert_eq!(kept, None, "forgotten at sign-out");
    b.sign_in_as("Inger Thomsen").await;
    let (_, html) = b.page(&back).await;
    assert!(!html.contains("Det er svært at rejse mig"), "{html}");
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
    a_phone_application_refused_comes_back_with_its_notes_for_this_session_only,
    a_text_refused_for_being_too_long_comes_back_whole_until_sign_out,
    an_invitation_with_a_mistyped_address_keeps_the_name_and_the_date,
);
