//! Applying over HTTP, as a browser without JavaScript does: save a draft and come back to it,
//! get a clear message per missing field without losing what was typed, check the answers,
//! send once however often the button is pressed, and read the receipt with the municipality's
//! promised dates. A relative applies too, and their application waits for the citizen's consent
//! unless their power covers it.
use crate::http::{location, person_of, Browser, NOW};
use crate::support::{at, on_both_backends, spawn_app, Backend, TestApp};
use app::domain::application::promises_from_receipt;
use app::domain::people::Scopes;
use app::domain::time_format::long_date;
use app::ssr::db::{NewPower, PowerSource};
use reqwest::StatusCode;

fn form<'a>(needs: &'a str, transport: &'a str, next: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("prescreen[need]", "ja"),
        ("needs", needs),
        ("goals", "Gå til købmanden igen"),
        ("training_form", "team"),
        ("place", "health_centre"),
        ("transport", transport),
        ("next", next),
    ]
}

/// Brønderslev promises a decision within 2 weeks of the day the application arrives.
fn brs_decision_due(app: &TestApp) -> String {
    let rules = &app.state.municipalities.get("broenderslev").unwrap().rules;
    let today = app::domain::time_format::local_date(at(NOW));
    let promises = promises_from_receipt(rules, today);
    assert_eq!(promises.len(), 1);
    long_date(app::domain::lang::Lang::Da, promises[0].due)
}

async fn a_citizen_saves_a_draft_resumes_checks_and_sends_once(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Inger Thomsen").await;
    let (status, html) = b.page("/ansoeg").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Søg om vedligeholdende træning"));
    assert!(html.contains("Ansøgningen sendes til Brønderslev Kommune"));

    // A draft, and coming back to it.
    let res = b
        .post_form(
            "/ansoeg",
            "/api/apply/save",
            &form("Trapper er svære.", "", "kladde"),
        )
        .await;
    assert_eq!(location(&res), "/ansoeg?gemt=1");
    let (_, html) = b.page("/ansoeg?gemt=1").await;
    assert!(html.contains("Din kladde er gemt"), "{html}");
    assert!(html.contains(">Trapper er svære.</textarea>"));
    assert!(
        html.contains("value=\"health_centre\" checked"),
        "her choice of place is kept"
    );
    assert!(
        html.contains("På det godkendte friplejehjem, hvis du bor der"),
        "Brønderslev's places (BRS-02) are offered"
    );

    // Going on without the transport answer: a message for that field, and the text kept.
    let res = b
        .post_form(
            "/ansoeg",
            "/api/apply/save",
            &form("Trapper er svære for mig.", "", "tjek"),
        )
        .await;
    let back = location(&res);
    assert!(back.contains("__err"), "{back}");
    let (_, html) = b.page(back.trim_start_matches(&app.base)).await;
    assert!(html.contains("Der er et problem"));
    assert!(html.contains("Vælg, om du selv kan komme frem til træningen."));
    // In the summary as a link to the question, and again at the question itself.
    assert!(html.contains("<a href=\"#felt-transport\">Vælg, om du selv kan komme frem"));
    assert!(html.contains("id=\"felt-transport-fejl\""), "{html}");
    assert!(
        !html.contains("id=\"felt-behov-fejl\""),
        "only where there is a problem"
    );
    assert!(
        html.contains(">Trapper er svære for mig.</textarea>"),
        "kept"
    );

    // A place the municipality does not offer is named as the problem (a tampered form).
    let mut elsewhere = form("Trapper er svære for mig.", "help", "tjek");
    elsewhere.retain(|(k, _)| *k != "place");
    elsewhere.push(("place", "hobro"));
    let res = b.post_form("/ansoeg", "/api/apply/save", &elsewhere).await;
    let back = location(&res);
    assert!(back.contains("__err"), "{back}");
    let (_, html) = b.page(back.trim_start_matches(&app.base)).await;
    assert!(
        html.contains("Vælg et af de steder, kommunen tilbyder"),
        "{html}"
    );

    let res = b
        .post_form(
            "/ansoeg",
            "/api/apply/save",
            &form("Trapper er svære for mig.", "help", "tjek"),
        )
        .await;
    assert_eq!(location(&res), "/ansoeg/tjek");
    let (status, html) = b.page("/ansoeg/tjek").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Tjek dine svar, før du sender"));
    assert!(html.contains("Trapper er svære for mig."));
    assert!(html.contains("Har brug for hjælp til transport"));
    assert!(
        html.contains("På et af kommunens sundhedscentre"),
        "the place in words"
    );
    assert!(
        html.contains("href=\"/ansoeg#felt-transport\""),
        "a change link"
    );
    let draft = app.state.repo.draft_of(inger).await.unwrap().unwrap();
    // The consents, in Brønderslev's current words and version, are ticked when sending.
    let texts = &app
        .state
        .municipalities
        .get("broenderslev")
        .unwrap()
        .consent_texts;
    let application_text =
        app::domain::consent::current(texts, app::domain::consent::Purpose::Application).unwrap();
    assert!(
        html.contains(&application_text.text_da),
        "the consent's words"
    );
    assert!(html.contains(&format!("(version {})", application_text.version)));

    // Without ticking the consent nothing is sent, and she is told why.
    let res = b
        .post_form(
            "/ansoeg/tjek",
            "/api/apply/submit",
            &[("reference", &draft.reference)],
        )
        .await;
    let back = location(&res);
    assert!(back.contains("__err"), "{back}");
    let (_, html) = b.page(back.trim_start_matches(&app.base)).await;
    assert!(html.contains("Sæt kryds ved samtykket"), "{html}");
    assert_eq!(
        app.state
            .repo
            .draft_of(inger)
            .await
            .unwrap()
            .map(|d| d.status),
        Some(app::domain::states::ApplicationStatus::Draft)
    );

    // Sent twice (a double click, or back and again): one application, one receipt email,
    // one record of each consent.
    for _ in 0..2 {
        let res = b
            .post_form(
                "/ansoeg/tjek",
                "/api/apply/submit",
                &[
                    ("reference", &draft.reference),
                    ("consent_application", "ja"),
                    ("consent_health", "ja"),
                ],
            )
            .await;
        assert_eq!(
            location(&res),
            format!("/ansoeg/kvittering/{}", draft.reference)
        );
    }
    let apps = app.state.repo.applications_of(inger).await.unwrap();
    assert_eq!(apps.len(), 1);
    assert_eq!(apps[0].status.code(), "submitted");
    assert_eq!(apps[0].submitted_at, Some(at(NOW)));
    let consents = app.state.repo.consents_of(inger).await.unwrap();
    let mut purposes: Vec<&str> = consents.iter().map(|c| c.purpose.as_str()).collect();
    purposes.sort();
    assert_eq!(purposes, ["application", "health_information"]);
    assert!(consents.iter().all(|c| c.given_by == inger
        && c.given_at == at(NOW)
        && c.municipality == "broenderslev"
        && c.withdrawn_at.is_none()));
    assert_eq!(consents[0].version, application_text.version as i64);
    let (_, html) = b
        .page(&format!("/ansoeg/kvittering/{}", draft.reference))
        .await;
    assert!(html.contains("Ansøgningen er sendt"), "{html}");
    assert!(html.contains(&draft.reference));
    let due = brs_decision_due(&app);
    assert!(
        html.contains(&format!("Du får en afgørelse</strong>: senest {due}")),
        "{due} in {html}"
    );
    let mail: Vec<_> = app
        .state
        .repo
        .outbox_messages(50)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.subject.contains(&draft.reference))
        .collect();
    assert_eq!(mail.len(), 1, "one receipt");
    assert_eq!(mail[0].to_address, "inger.thomsen@example.dk");
    assert!(mail[0]
        .body_text
        .contains(&format!("Du får en afgørelse: senest {due}")));
    assert!(
        !mail[0].body_text.contains("Trapper"),
        "no details of the application"
    );
}

async fn a_relatives_application_waits_for_the_citizens_consent_unless_the_power_covers_it(
    backend: Backend,
) {
    let app = spawn_app(backend, true, NOW).await;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let erik = person_of(&app, "demo:samsoe:borger").await;
    let mut e = erik_acting_for_inger(
        &app,
        Scopes {
            view: true,
            apply: true,
            ..Scopes::default()
        },
    )
    .await;
    let (_, html) = e.page("/ansoeg").await;
    assert!(
        html.contains("Søg om vedligeholdende træning for Inger Thomsen"),
        "{html}"
    );
    e.post_form(
        "/ansoeg",
        "/api/apply/save",
        &form("Hun falder ofte.", "self", "tjek"),
    )
    .await;
    let (_, html) = e.page("/ansoeg/tjek").await;
    assert!(
        html.contains("venter ansøgningen på, at Inger Thomsen giver samtykke"),
        "{html}"
    );
    let reference = app
        .state
        .repo
        .draft_of(inger)
        .await
        .unwrap()
        .unwrap()
        .reference;
    assert!(
        !html.contains("name=\"consent_application\""),
        "Erik cannot consent for her"
    );
    e.post_form(
        "/ansoeg/tjek",
        "/api/apply/submit",
        &[("reference", &reference), ("consent_application", "ja")],
    )
    .await;
    let apps = app.state.repo.applications_of(inger).await.unwrap();
    assert_eq!(apps[0].status.code(), "awaiting_consent");
    assert_eq!(
        app.state.repo.consents_of(inger).await.unwrap(),
        vec![],
        "no consent is recorded for her"
    );
    assert_eq!(
        apps[0].submitted_at, None,
        "the municipality has not received it"
    );
    let (_, html) = e.page(&format!("/ansoeg/kvittering/{reference}")).await;
    assert!(html.contains("Ansøgningen venter på samtykke"));
    assert!(
        !html.contains("Jeg giver samtykke"),
        "only the citizen consents"
    );
    let res = e
        .post_form("/", "/api/apply/consent", &[("reference", &reference)])
        .await;
    assert!(location(&res).contains("__err"));

    // Inger sees it waiting on her overview and consents in her own sign-in.
    app.clock.set(at(NOW) + chrono::Duration::days(1));
    let mut i = Browser::new(&app);
    i.sign_in_as("Inger Thomsen").await;
    let (_, html) = i.page("/oversigt").await;
    assert!(
        html.contains(&format!("{reference}: Venter på samtykke")),
        "{html}"
    );
    let (_, html) = i.page(&format!("/ansoeg/kvittering/{reference}")).await;
    assert!(html.contains("Jeg giver samtykke – send ansøgningen"));
    assert!(
        html.contains("Jeg giver samtykke til, at Brønderslev Kommune må bruge min ansøgning"),
        "she reads the words she consents to"
    );
    i.post_form(
        &format!("/ansoeg/kvittering/{reference}"),
        "/api/apply/consent",
        &[("reference", &reference)],
    )
    .await;
    let apps = app.state.repo.applications_of(inger).await.unwrap();
    assert_eq!(apps[0].status.code(), "submitted");
    assert_eq!(
        apps[0].submitted_at,
        Some(at(NOW) + chrono::Duration::days(1)),
        "received when she consented"
    );
    let log = app.state.repo.audit_log_for(inger).await.unwrap();
    assert!(log
        .iter()
        .any(|e| e.action == "submit_application" && e.actor_id == Some(erik)));
    assert!(log
        .iter()
        .any(|e| e.action == "application_consent" && e.actor_id == Some(inger)));
    let consents = app.state.repo.consents_of(inger).await.unwrap();
    assert_eq!(consents.len(), 1);
    assert_eq!(
        (consents[0].purpose.as_str(), consents[0].given_by),
        ("application", inger)
    );

    // Ole's power covers consent: his application is sent at once.
    let ole = person_of(&app, "demo:broenderslev:paaroerende").await;
    let mut o = Browser::new(&app);
    o.sign_in_as("Ole Thomsen").await;
    o.post_form(
        "/ansoeg",
        "/api/apply/save",
        &form("Trapper.", "self", "tjek"),
    )
    .await;
    let reference = app
        .state
        .repo
        .draft_of(inger)
        .await
        .unwrap()
        .unwrap()
        .reference;
    let (_, html) = o.page("/ansoeg/tjek").await;
    assert!(html.contains("Jeg giver på borgerens vegne samtykke"));
    o.post_form(
        "/ansoeg/tjek",
        "/api/apply/submit",
        &[("reference", &reference), ("consent_application", "ja")],
    )
    .await;
    let consents = app.state.repo.consents_of(inger).await.unwrap();
    assert_eq!(
        (consents[0].purpose.as_str(), consents[0].given_by),
        ("application", ole),
        "Ole consented on her behalf"
    );
    let sent = app
        .state
        .repo
        .application_by_reference(&reference)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sent.status.code(), "submitted");
}

async fn a_relative_without_the_apply_scope_cannot_apply(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let mut e = erik_acting_for_inger(
        &app,
        Scopes {
            view: true,
            book: true,
            ..Scopes::default()
        },
    )
    .await;
    assert_eq!(e.page("/ansoeg").await.0, StatusCode::FORBIDDEN);
    let res = e
        .post_form("/ansoeg", "/api/apply/save", &form("x", "self", "kladde"))
        .await;
    assert!(location(&res).contains("__err"));
    assert!(app.state.repo.draft_of(inger).await.unwrap().is_none());
}

/// Erik (a demo citizen of Samsø) signed in and acting for Inger under a power with `scopes`.
pub(crate) async fn erik_acting_for_inger(app: &TestApp, scopes: Scopes) -> Browser {
    let inger = person_of(app, "demo:broenderslev:borger").await;
    let erik = person_of(app, "demo:samsoe:borger").await;
    power_with(app, inger, erik, scopes).await;
    let mut e = Browser::new(app);
    e.sign_in_as("Erik Mikkelsen").await;
    e.act_for(inger).await;
    e
}

/// `citizen` gives `proxy` an accepted power with `scopes` until the end of 2026.
pub(crate) async fn power_with(app: &TestApp, citizen: i64, proxy: i64, scopes: Scopes) {
    app.state
        .repo
        .insert_power(&NewPower {
            citizen_id: citizen,
            proxy_id: proxy,
            scopes,
            expires_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            source: PowerSource::Citizen,
            document_ref: None,
            created_by: citizen,
            created_at: at(NOW),
        })
        .await
        .unwrap();
}

/// The signed-in person applies for `citizen` with `needs` and sends it; the reference.
pub(crate) async fn apply_and_send(
    app: &TestApp,
    b: &mut Browser,
    citizen: i64,
    needs: &str,
) -> String {
    b.post_form(
        "/ansoeg",
        "/api/apply/save",
        &[
            ("needs", needs),
            ("goals", ""),
            ("place", ""),
            ("transport", "self"),
            ("next", "tjek"),
        ],
    )
    .await;
    let reference = app
        .state
        .repo
        .draft_of(citizen)
        .await
        .unwrap()
        .unwrap()
        .reference;
    b.post_form(
        "/ansoeg/tjek",
        "/api/apply/submit",
        &[("reference", &reference), ("consent_application", "ja")],
    )
    .await;
    reference
}

on_both_backends!(
    a_citizen_saves_a_draft_resumes_checks_and_sends_once,
    a_relatives_application_waits_for_the_citizens_consent_unless_the_power_covers_it,
    a_relative_without_the_apply_scope_cannot_apply,
);
