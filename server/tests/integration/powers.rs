//! Powers of attorney over HTTP, as a browser without JavaScript uses them: a citizen invites a
//! relative by email, the relative accepts with their own sign-in and acts within the scopes,
//! either side revokes at once, and staff register paper powers and guardianships.
use crate::http::{location, person_of, Browser, NOW};
use crate::support::{on_both_backends, spawn_app, Backend, TestApp};
use chrono::Duration;
use reqwest::StatusCode;

/// The newest queued email to `to`, and the invitation token in its link, if any.
pub(crate) async fn mail_to(app: &TestApp, to: &str) -> (String, Option<String>) {
    let mail = app.state.repo.outbox_messages(50).await.unwrap();
    let m = mail
        .into_iter()
        .find(|m| m.to_address == to)
        .unwrap_or_else(|| panic!("no email to {to}"));
    let token = m
        .body_text
        .split("https://portal.example.dk/fuldmagt/")
        .nth(1)
        .map(|rest| rest.split_whitespace().next().unwrap().to_string());
    (m.body_text, token)
}

/// Karen invites Erik by email to see her case and book for her, until 31 December 2027.
async fn karen_invites_erik(b: &mut Browser) -> reqwest::Response {
    b.post_form(
        "/fuldmagter/ny",
        "/api/powers/invite",
        &[
            ("relative_name", "Erik Mikkelsen"),
            ("relative_email", "erik@example.dk"),
            ("scope_book", "on"),
            ("expires_on", "2027-12-31"),
        ],
    )
    .await
}

async fn a_citizen_invites_a_relative_who_accepts_acts_and_loses_access_when_revoked(
    backend: Backend,
) {
    let app = spawn_app(backend, true, NOW).await;
    let karen = person_of(&app, "demo:vejen:borger").await;
    let erik = person_of(&app, "demo:samsoe:borger").await;

    let mut k = Browser::new(&app);
    k.sign_in_as("Karen Østergaard").await;
    let (status, html) = k.page("/fuldmagter/ny").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Den pårørendes e-mailadresse"));
    let res = karen_invites_erik(&mut k).await;
    let sent = location(&res);
    assert!(sent.starts_with("/fuldmagter?sendt="), "{sent}");
    let (_, html) = k.page(&sent).await;
    assert!(html.contains("Invitationen er sendt"), "{html}");
    assert!(html.contains("Erik Mikkelsen (erik@example.dk)"));
    assert!(html.contains("Venter på, at den bliver taget imod"));

    let (body, token) = mail_to(&app, "erik@example.dk").await;
    assert!(body.starts_with("Til Erik Mikkelsen\n"), "{body}");
    assert!(body.contains("Karen Østergaard vil give dig fuldmagt"));
    assert!(body.contains("  - se sagen\n  - booke og melde afbud\n"));
    let token = token.expect("the email carries the link");
    let link = format!("/fuldmagt/{token}");

    // Opened before signing in: a sign-in that comes back to the link.
    let mut e = Browser::new(&app);
    let (status, html) = e.page(&link).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Log ind med dit eget MitID"), "{html}");
    assert!(html.contains(&format!("/dev/log-ind?til={link}")));
    let (_, html) = e.page(&format!("/dev/log-ind?til={link}")).await;
    assert!(html.contains(&format!("name=\"til\" value=\"{link}\"")));
    e.sign_in_as("Erik Mikkelsen").await;
    let (_, html) = e.page(&link).await;
    assert!(html.contains("Fuldmagt fra Karen Østergaard"), "{html}");
    assert!(html.contains("se sagen, booke og melde afbud"));
    assert!(html.contains("fredag 31. december 2027"));
    let res = e
        .post_form(&link, "/api/powers/accept", &[("token", &token)])
        .await;
    assert_eq!(location(&res), "/oversigt");
    let (status, html) = e.page("/oversigt").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Du handler for <strong>Karen Østergaard</strong>"),
        "{html}"
    );
    assert!(html.contains("Oversigt for Karen Østergaard"));

    // The link works once.
    let res = e
        .post_form(&link, "/api/powers/accept", &[("token", &token)])
        .await;
    assert_ne!(location(&res), "/oversigt");

    let (_, html) = k.page("/fuldmagter").await;
    assert!(html.contains("Gælder"), "{html}");
    let power = app.state.repo.powers_given_by(karen).await.unwrap();
    let power = power
        .iter()
        .find(|p| p.proxy_id == Some(erik))
        .expect("Erik holds it");

    // Karen revokes: Erik's very next request no longer acts for her, and Erik is told.
    let res = k
        .post_form(
            "/fuldmagter",
            "/api/powers/revoke",
            &[("power", &power.id.to_string())],
        )
        .await;
    assert_eq!(location(&res), "/fuldmagter?ophoert=1");
    let (_, html) = e.page("/oversigt").await;
    assert!(!html.contains("Karen Østergaard"), "{html}");
    assert!(html.contains("Din oversigt"));
    let (body, _) = mail_to(&app, "erik.mikkelsen@example.dk").await;
    assert!(body.starts_with("Til Erik Mikkelsen\n"));
    assert!(body.contains("Karen Østergaard har tilbagekaldt fuldmagten til Erik Mikkelsen."));
    let res = e
        .post_form(
            "/handler-for",
            "/api/acting_for/switch",
            &[("citizen", &karen.to_string())],
        )
        .await;
    assert_ne!(location(&res), "/oversigt", "no switching back to Karen");

    let log = app.state.repo.audit_log_for(karen).await.unwrap();
    let actions: Vec<(&str, Option<i64>, &str)> = log
        .iter()
        .map(|e| (e.action.as_str(), e.actor_id, e.outcome.code()))
        .collect();
    for expected in [
        ("power_invite", Some(karen), "ok"),
        ("power_accept", Some(erik), "ok"),
        ("view_overview", Some(erik), "ok"),
        ("power_revoke", Some(karen), "ok"),
        ("act_for_refused", Some(erik), "refused"),
    ] {
        assert!(actions.contains(&expected), "{expected:?} in {actions:?}");
    }
}

async fn a_relative_gives_up_a_power_and_the_citizen_is_told(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let karen = person_of(&app, "demo:vejen:borger").await;
    let jens = person_of(&app, "demo:vejen:paaroerende").await;
    let mut j = Browser::new(&app);
    j.sign_in_as("Jens Østergaard").await;
    let (_, html) = j.page("/fuldmagter").await;
    assert!(html.contains("Fuldmagter, du har fået"));
    assert!(
        html.contains("Opsig fuldmagten fra Karen Østergaard"),
        "{html}"
    );
    let held = app.state.repo.powers_held_by(jens).await.unwrap();
    let res = j
        .post_form(
            "/fuldmagter",
            "/api/powers/revoke",
            &[("power", &held[0].id.to_string())],
        )
        .await;
    assert_eq!(location(&res), "/fuldmagter?ophoert=1");
    let (body, _) = mail_to(&app, "karen.oestergaard@example.dk").await;
    assert!(body.starts_with("Til Karen Østergaard\n"));
    assert!(body.contains("Jens Østergaard har opsagt fuldmagten fra Karen Østergaard."));
    let (status, _) = j.page("/oversigt").await;
    assert_eq!(status, StatusCode::OK);
    let (_, html) = j.page("/oversigt").await;
    assert!(!html.contains("Du handler for"));
    assert!(app
        .state
        .repo
        .audit_log_for(karen)
        .await
        .unwrap()
        .iter()
        .any(|e| e.action == "power_revoke" && e.actor_id == Some(jens)));
}

async fn bad_invitations_get_clear_messages_and_nothing_is_stored(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let karen = person_of(&app, "demo:vejen:borger").await;
    let mut k = Browser::new(&app);
    k.sign_in_as("Karen Østergaard").await;
    let before = app.state.repo.outbox_messages(50).await.unwrap().len();
    let res = k
        .post_form(
            "/fuldmagter/ny",
            "/api/powers/invite",
            &[
                ("relative_name", "Erik Mikkelsen"),
                ("relative_email", "erik@example"),
                ("expires_on", "3.3.2026"),
            ],
        )
        .await;
    let back = location(&res);
    assert!(back.contains("/fuldmagter/ny"), "{back}");
    assert!(
        !back.contains("erik"),
        "no personal data in the URL: {back}"
    );
    let path = back.trim_start_matches(&app.base);
    let (status, html) = k.page(path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Der er et problem"), "{html}");
    assert!(html.contains("Skriv en e-mailadresse som navn@eksempel.dk."));
    assert!(html.contains("Den sidste dag kan ikke ligge før i dag."));
    assert_eq!(
        app.state.repo.outbox_messages(50).await.unwrap().len(),
        before,
        "no email queued"
    );
    assert!(app
        .state
        .repo
        .powers_given_by(karen)
        .await
        .unwrap()
        .iter()
        .all(|p| p.invite_email.is_none()));
}

async fn an_invitation_not_accepted_within_14_days_no_longer_works(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let mut k = Browser::new(&app);
    k.sign_in_as("Karen Østergaard").await;
    karen_invites_erik(&mut k).await;
    let (_, token) = mail_to(&app, "erik@example.dk").await;
    let token = token.unwrap();
    app.clock.set(crate::support::at(NOW) + Duration::days(14));
    let mut e = Browser::new(&app);
    e.sign_in_as("Erik Mikkelsen").await;
    let (_, html) = e.page(&format!("/fuldmagt/{token}")).await;
    assert!(
        html.contains("Invitationen kan ikke længere bruges"),
        "{html}"
    );
    let res = e
        .post_form("/", "/api/powers/accept", &[("token", &token)])
        .await;
    assert_ne!(location(&res), "/oversigt");
    let erik = person_of(&app, "demo:samsoe:borger").await;
    assert!(app
        .state
        .repo
        .powers_held_by(erik)
        .await
        .unwrap()
        .is_empty());
}

async fn nobody_else_can_revoke_or_use_a_power(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let jens = person_of(&app, "demo:vejen:paaroerende").await;
    let held = app.state.repo.powers_held_by(jens).await.unwrap();
    for who in ["Inger Thomsen", "Mette Lund"] {
        let mut b = Browser::new(&app);
        b.sign_in_as(who).await;
        let res = b
            .post_form(
                "/fuldmagter",
                "/api/powers/revoke",
                &[("power", &held[0].id.to_string())],
            )
            .await;
        assert_ne!(location(&res), "/fuldmagter?ophoert=1", "{who}");
    }
    assert!(app
        .state
        .repo
        .power(held[0].id)
        .await
        .unwrap()
        .unwrap()
        .revoked_at
        .is_none());
    // Karen cannot accept her own invitation.
    let mut k = Browser::new(&app);
    k.sign_in_as("Karen Østergaard").await;
    karen_invites_erik(&mut k).await;
    let (_, token) = mail_to(&app, "erik@example.dk").await;
    let res = k
        .post_form("/", "/api/powers/accept", &[("token", &token.unwrap())])
        .await;
    assert_ne!(location(&res), "/oversigt");
}

async fn staff_register_a_paper_power_for_a_citizen_of_their_own_municipality(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let karen = person_of(&app, "demo:vejen:borger").await;
    let register = |source: &'static str| {
        vec![
            ("citizen_name", "karen østergaard"),
            ("citizen_birth_date", "17.5.1961"),
            ("relative_name", "Lone Mikkelsen"),
            ("relative_email", "lone@example.dk"),
            ("source", source),
            ("document_ref", "J.nr. 27.12.04-2026-88"),
            ("scope_complain", "on"),
            ("expires_on", "30.6.2027"),
        ]
    };

    let mut m = Browser::new(&app);
    m.sign_in_as("Mette Lund").await;
    let (status, html) = m.page("/personale/fuldmagter").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Dokumentets reference"));
    let res = m
        .post_form(
            "/personale/fuldmagter",
            "/api/powers/register",
            &register("guardianship"),
        )
        .await;
    let receipt = location(&res);
    assert!(
        receipt.starts_with("/personale/fuldmagter?registreret="),
        "{receipt}"
    );
    let (_, html) = m.page(&receipt).await;
    assert!(html.contains("Fuldmagten er registreret"), "{html}");
    assert!(html.contains("Lone Mikkelsen → Karen Østergaard"));
    assert!(html.contains("lone@example.dk"));
    let (body, token) = mail_to(&app, "lone@example.dk").await;
    assert!(body.contains("Vejen Kommune har registreret, at du har fuldmagt for Karen Østergaard"));
    assert!(token.is_some());
    let given = app.state.repo.powers_given_by(karen).await.unwrap();
    let p = given
        .iter()
        .find(|p| p.invite_email.as_deref() == Some("lone@example.dk"))
        .unwrap();
    assert_eq!(p.source, "guardianship");
    assert_eq!(p.document_ref.as_deref(), Some("J.nr. 27.12.04-2026-88"));
    assert!(p.scopes.view && p.scopes.complain && !p.scopes.book);
    assert!(app
        .state
        .repo
        .audit_log_for(karen)
        .await
        .unwrap()
        .iter()
        .any(|e| e.action == "power_register" && e.detail.contains("J.nr. 27.12.04-2026-88")));

    // Staff of another municipality do not find Karen; a therapist may not register at all.
    let mut h = Browser::new(&app);
    h.sign_in_as("Hanne Krogh").await;
    let res = h
        .post_form(
            "/personale/fuldmagter",
            "/api/powers/register",
            &register("paper"),
        )
        .await;
    let back = location(&res);
    assert!(back.contains("__err"), "{back}");
    let (_, html) = h.page(back.trim_start_matches(&app.base)).await;
    assert!(html.contains("Vi fandt ingen borger i kommunen"), "{html}");
    let (status, _) = h.page(&receipt).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "another municipality's receipt"
    );
    let mut t = Browser::new(&app);
    t.sign_in_as("Anders Holm").await;
    let res = t
        .post_form(
            "/personale/fuldmagter",
            "/api/powers/register",
            &register("paper"),
        )
        .await;
    assert!(location(&res).contains("__err"));
    assert_eq!(
        app.state.repo.powers_given_by(karen).await.unwrap().len(),
        given.len(),
        "nothing more stored"
    );
}

on_both_backends!(
    a_citizen_invites_a_relative_who_accepts_acts_and_loses_access_when_revoked,
    a_relative_gives_up_a_power_and_the_citizen_is_told,
    bad_invitations_get_clear_messages_and_nothing_is_stored,
    an_invitation_not_accepted_within_14_days_no_longer_works,
    nobody_else_can_revoke_or_use_a_power,
    staff_register_a_paper_power_for_a_citizen_of_their_own_municipality,
);
