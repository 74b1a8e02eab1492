//! Powers of attorney that cannot fall into the wrong hands (issue 16): the citizen is told at
//! once who accepted, a differing name waits for her confirmation, a power registered by staff
//! needs a second pair of eyes, and invitations are limited. Over HTTP, on both databases.
use crate::http::{clean, email_of, location, person_of, Browser, NOW};
use crate::powers::mail_to;
use crate::support::{on_both_backends, spawn_app, Backend, TestApp};
use reqwest::StatusCode;

async fn invite(b: &mut Browser, name: &str, email: &str) -> reqwest::Response {
    b.post_form(
        "/fuldmagter/ny",
        "/api/powers/invite",
        &[
            ("relative_name", name),
            ("relative_email", email),
            ("scope_book", "on"),
            ("expires_on", "2027-12-31"),
        ],
    )
    .await
}

/// Whether `relative` may act for `citizen` now (the powers the portal counts as in force).
async fn acts_for(app: &TestApp, relative: i64, citizen: i64) -> bool {
    let today =
        app::domain::time_format::local_date(app::ssr::clock::Clock::now(app.clock.as_ref()));
    app.state
        .repo
        .valid_powers_held_by(relative, today)
        .await
        .unwrap()
        .iter()
        .any(|p| p.citizen_id == citizen)
}

async fn the_citizen_is_told_who_accepted_and_confirms_a_name_she_did_not_type(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let karen = person_of(&app, "demo:vejen:borger").await;
    let erik = person_of(&app, "demo:samsoe:borger").await;
    let karen_email = email_of(&app, karen).await;
    let mut k = Browser::new(&app);
    k.sign_in_as("Karen Østergaard").await;
    // She typed "Erik Mikkelsen"; the link is opened by Erik, whose MitID says so: in force.
    invite(&mut k, "erik mikkelsen", "erik@example.dk").await;
    let (_, token) = mail_to(&app, "erik@example.dk").await;
    let token = token.unwrap();
    let mut e = Browser::new(&app);
    e.sign_in_as("Erik Mikkelsen").await;
    let res = e
        .post_form(
            &format!("/fuldmagt/{token}"),
            "/api/powers/accept",
            &[("token", &token)],
        )
        .await;
    assert_eq!(location(&res), "/oversigt");
    assert!(acts_for(&app, erik, karen).await);
    let (body, _) = mail_to(&app, &karen_email).await;
    assert!(
        body.contains("Erik Mikkelsen har taget imod din fuldmagt"),
        "{body}"
    );
    assert!(body.contains("booke og melde afbud") && body.contains("31. december 2027"));
    assert!(body.contains("Fuldmagten gælder nu"));

    // An invitation meant for "Jens Hansen" is forwarded, and Lone accepts it with her MitID.
    invite(&mut k, "Jens Hansen", "jens.hansen@example.dk").await;
    let (_, token) = mail_to(&app, "jens.hansen@example.dk").await;
    let token = token.unwrap();
    let lone = person_of(&app, "demo:samsoe:paaroerende").await;
    let mut l = Browser::new(&app);
    l.sign_in_as("Lone Mikkelsen").await;
    let res = l
        .post_form(
            &format!("/fuldmagt/{token}"),
            "/api/powers/accept",
            &[("token", &token)],
        )
        .await;
    assert_eq!(location(&res), "/fuldmagter?venter=1");
    assert!(
        !acts_for(&app, lone, karen).await,
        "not in force before Karen confirms"
    );
    assert_eq!(l.page("/oversigt").await.0, StatusCode::OK);
    let (body, _) = mail_to(&app, &karen_email).await;
    assert!(
        body.contains("Lone Mikkelsen har taget imod din fuldmagt"),
        "{body}"
    );
    assert!(body.contains("ikke det navn, der stod i invitationen (Jens Hansen)"));
    // Karen sees both names on /fuldmagter and confirms.
    let (_, html) = k.page("/fuldmagter").await;
    let text = clean(&html);
    assert!(
        text.contains("taget imod af Lone Mikkelsen (navnet fra MitID), men du skrev Jens Hansen"),
        "{text}"
    );
    let power = app
        .state
        .repo
        .powers_given_by(karen)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.proxy_id == Some(lone))
        .unwrap()
        .id;
    // Lone cannot confirm it herself.
    let res = l
        .post_form(
            "/fuldmagter",
            "/api/powers/confirm",
            &[("power", &power.to_string())],
        )
        .await;
    assert!(location(&res).contains("__err"), "{}", location(&res));
    assert!(!acts_for(&app, lone, karen).await);
    let res = k
        .post_form(
            "/fuldmagter",
            "/api/powers/confirm",
            &[("power", &power.to_string())],
        )
        .await;
    assert_eq!(location(&res), "/fuldmagter?bekraeftet=1");
    assert!(acts_for(&app, lone, karen).await);
    let log = app.state.repo.audit_log_for(karen).await.unwrap();
    assert!(log
        .iter()
        .any(|e| e.action == "power_confirm" && e.actor_id == Some(karen)));
}

async fn a_power_registered_by_staff_needs_a_second_staff_member(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let karen = person_of(&app, "demo:vejen:borger").await;
    let mette = person_of(&app, "demo:vejen:visitator").await;
    let lone = person_of(&app, "demo:samsoe:paaroerende").await;
    let karen_email = email_of(&app, karen).await;
    let mut m = Browser::new(&app);
    m.sign_in_as("Mette Lund").await;
    let res = m
        .post_form(
            "/personale/fuldmagter",
            "/api/powers/register",
            &[
                ("citizen_name", "Karen Østergaard"),
                ("citizen_birth_date", "17.5.1961"),
                ("relative_name", "Lone Mikkelsen"),
                ("relative_email", "lone@example.dk"),
                ("source", "guardianship"),
                ("document_ref", "FRH-2026-77"),
                ("expires_on", "30.6.2027"),
            ],
        )
        .await;
    assert!(location(&res).starts_with("/personale/fuldmagter?registreret="));
    let power = app.state.repo.powers_given_by(karen).await.unwrap()[0].clone();
    // Lone accepts with her MitID: the name matches, but nobody else has approved it.
    let (_, token) = mail_to(&app, "lone@example.dk").await;
    let token = token.unwrap();
    let mut l = Browser::new(&app);
    l.sign_in_as("Lone Mikkelsen").await;
    l.post_form(
        &format!("/fuldmagt/{token}"),
        "/api/powers/accept",
        &[("token", &token)],
    )
    .await;
    assert!(
        !acts_for(&app, lone, karen).await,
        "not in force on one staff member's word"
    );
    // Mette cannot approve what she registered.
    let (_, html) = m.page("/personale/fuldmagter").await;
    assert!(
        clean(&html).contains("Du har selv registreret den"),
        "{html}"
    );
    let res = m
        .post_form(
            "/personale/fuldmagter",
            "/api/powers/approve",
            &[("power", &power.id.to_string())],
        )
        .await;
    assert!(location(&res).contains("__err"), "{}", location(&res));
    assert!(!acts_for(&app, lone, karen).await);
    // Nor can a caseworker of another municipality.
    let mut h = Browser::new(&app);
    h.sign_in_as("Hanne Krogh").await;
    let res = h
        .post_form(
            "/personale/fuldmagter",
            "/api/powers/approve",
            &[("power", &power.id.to_string())],
        )
        .await;
    assert!(location(&res).contains("__err") || res.status().is_client_error());
    assert!(!acts_for(&app, lone, karen).await);
    // Per, Vejen's administrator, approves: in force, and Karen is told.
    let mut p = Browser::new(&app);
    p.sign_in_as("Per Dahl").await;
    let (_, html) = p.page("/personale/fuldmagter").await;
    assert!(clean(&html).contains("Venter på godkendelse") && html.contains("FRH-2026-77"));
    let res = p
        .post_form(
            "/personale/fuldmagter",
            "/api/powers/approve",
            &[("power", &power.id.to_string())],
        )
        .await;
    assert_eq!(location(&res), "/personale/fuldmagter?godkendt=1");
    assert!(acts_for(&app, lone, karen).await);
    let (body, _) = mail_to(&app, &karen_email).await;
    assert!(
        body.contains("Vejen Kommune har registreret et værgemål, så Lone Mikkelsen"),
        "{body}"
    );
    let rec = app.state.repo.power(power.id).await.unwrap().unwrap();
    assert_eq!(rec.created_by, mette);
    assert_ne!(rec.approved_by, Some(mette));

    // Whoever registered or approved a power can never accept it.
    let res = m
        .post_form(
            "/personale/fuldmagter",
            "/api/powers/register",
            &[
                ("citizen_name", "Karen Østergaard"),
                ("citizen_birth_date", "17.5.1961"),
                ("relative_name", "Mette Lund"),
                ("relative_email", "mette.privat@example.dk"),
                ("source", "paper"),
                ("document_ref", "FRH-2026-78"),
                ("expires_on", "30.6.2027"),
            ],
        )
        .await;
    assert!(location(&res).starts_with("/personale/fuldmagter?registreret="));
    let (_, token) = mail_to(&app, "mette.privat@example.dk").await;
    let token = token.unwrap();
    let res = m
        .post_form(
            &format!("/fuldmagt/{token}"),
            "/api/powers/accept",
            &[("token", &token)],
        )
        .await;
    assert!(
        !location(&res).starts_with("/oversigt"),
        "staff cannot accept at all"
    );
    assert!(!acts_for(&app, mette, karen).await);
    // Nor with her own MitID, which is another person record than her staff sign-in.
    let mette_citizen = app
        .state
        .repo
        .insert_person(
            &app::ssr::db::NewPerson {
                subject: "mitid:https://broker.example.dk|mette-privat".into(),
                name: "Mette Lund".into(),
                email: None,
                phone: None,
                birth_date: None,
                home_municipality: None,
            },
            app::ssr::clock::Clock::now(app.clock.as_ref()),
        )
        .await
        .unwrap();
    let set = app::ssr::session::start_session(&app.state, mette_citizen, None)
        .await
        .unwrap();
    let (name, value) = set
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap();
    let mut mp = Browser::new(&app);
    mp.cookies.insert(name.to_string(), value.to_string());
    let res = mp
        .post_form(
            &format!("/fuldmagt/{token}"),
            "/api/powers/accept",
            &[("token", &token)],
        )
        .await;
    let back = location(&res);
    assert!(back.contains("__err"), "{back}");
    let (_, html) = mp.page(back.trim_start_matches(&app.base)).await;
    assert!(
        html.contains("registreret eller godkendt af en medarbejder i kommunen med dit navn"),
        "{html}"
    );
    assert!(!acts_for(&app, mette_citizen, karen).await);
    // And Per cannot approve a power that names him as the relative.
    let res = m
        .post_form(
            "/personale/fuldmagter",
            "/api/powers/register",
            &[
                ("citizen_name", "Karen Østergaard"),
                ("citizen_birth_date", "17.5.1961"),
                ("relative_name", "Per Dahl"),
                ("relative_email", "per.privat@example.dk"),
                ("source", "paper"),
                ("document_ref", "FRH-2026-79"),
                ("expires_on", "30.6.2027"),
            ],
        )
        .await;
    let id = location(&res).rsplit('=').next().unwrap().to_string();
    let res = p
        .post_form(
            "/personale/fuldmagter",
            "/api/powers/approve",
            &[("power", &id)],
        )
        .await;
    assert!(location(&res).contains("__err"), "{}", location(&res));
}

async fn invitations_are_limited_and_names_with_hidden_characters_refused(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let karen = person_of(&app, "demo:vejen:borger").await;
    let mut k = Browser::new(&app);
    k.sign_in_as("Karen Østergaard").await;
    let before = app.state.repo.powers_given_by(karen).await.unwrap().len();
    // A name that would put a line of its own in the invitation email.
    for name in [
        "Jens\nAfsender: Vejen Kommune",
        "Jens\u{202E}nesnaH",
        "Je\u{200B}ns",
    ] {
        let res = invite(&mut k, name, "jens@example.dk").await;
        let back = location(&res);
        assert!(back.contains("__err"), "{name:?}: {back}");
        let (_, html) = k.page(back.trim_start_matches(&app.base)).await;
        assert!(
            html.contains("Navnet må kun have almindelige bogstaver"),
            "{html}"
        );
    }
    assert_eq!(
        app.state.repo.powers_given_by(karen).await.unwrap().len(),
        before
    );
    // Five open invitations at most.
    let open_before = app
        .state
        .repo
        .powers_given_by(karen)
        .await
        .unwrap()
        .iter()
        .filter(|p| p.accepted_at.is_none() && p.revoked_at.is_none())
        .count();
    for i in open_before..5 {
        let res = invite(
            &mut k,
            &format!("Slægtning {i}"),
            &format!("s{i}@example.dk"),
        )
        .await;
        assert!(location(&res).starts_with("/fuldmagter?sendt="), "{i}");
    }
    let res = invite(&mut k, "Slægtning 6", "s6@example.dk").await;
    let back = location(&res);
    assert!(back.contains("__err"), "{back}");
    let (_, html) = k.page(back.trim_start_matches(&app.base)).await;
    assert!(html.contains("Du har allerede 5 invitationer"), "{html}");
    assert!(app
        .state
        .repo
        .outbox_messages(200)
        .await
        .unwrap()
        .iter()
        .all(|m| m.to_address != "s6@example.dk"));
    let log = app.state.repo.audit_log_for(karen).await.unwrap();
    assert!(log
        .iter()
        .any(|e| e.action == "power_invite"
            && e.outcome == app::domain::states::AuditOutcome::Refused));
}

on_both_backends!(
    the_citizen_is_told_who_accepted_and_confirms_a_name_she_did_not_type,
    a_power_registered_by_staff_needs_a_second_staff_member,
    invitations_are_limited_and_names_with_hidden_characters_refused,
);
