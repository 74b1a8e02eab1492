//! Consents over HTTP, as a browser without JavaScript uses them: a citizen gives one in her
//! municipality's current words, reads exactly what she agreed to and when, withdraws it after
//! being told what that means; a relative with the consents scope acts on her behalf, one with
//! only the view scope can look but not change; the caseworker sees it all on the case. A text
//! once consented to cannot change under the citizen: a new wording is a new version.
use crate::http::{location, person_of, Browser, NOW};
use crate::support::{at, on_both_backends, spawn_app, Backend, TestApp};
use app::domain::consent::{current, ConsentText, Purpose};
use app::domain::people::Scopes;
use reqwest::StatusCode;

fn text(app: &TestApp, slug: &str, purpose: Purpose) -> ConsentText {
    let m = app.state.municipalities.get(slug).unwrap();
    current(&m.consent_texts, purpose).unwrap().clone()
}

async fn a_citizen_gives_reads_and_withdraws_a_consent(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Inger Thomsen").await;
    let (status, html) = b.page("/samtykker").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Der er ingen gældende samtykker."), "{html}");
    let share = text(&app, "broenderslev", Purpose::ShareWithRelative);
    assert!(
        html.contains(&share.text_da),
        "the words she would agree to"
    );

    // Sharing with a relative needs the relative's name; nothing is recorded without it.
    let res = b
        .post_form(
            "/samtykker",
            "/api/consents/give",
            &[("purpose", "share_with_relative"), ("relative_name", " ")],
        )
        .await;
    let back = location(&res);
    assert!(back.contains("__err"), "{back}");
    let (_, html) = b.page(back.trim_start_matches(&app.base)).await;
    assert!(html.contains("Skriv navnet på den pårørende"), "{html}");
    assert!(app.state.repo.consents_of(inger).await.unwrap().is_empty());

    app.clock.set(at(NOW) + chrono::Duration::minutes(5));
    let res = b
        .post_form(
            "/samtykker",
            "/api/consents/give",
            &[
                ("purpose", "share_with_relative"),
                ("relative_name", "Kirsten Thomsen"),
            ],
        )
        .await;
    assert_eq!(location(&res), "/samtykker?givet=1");
    let consents = app.state.repo.consents_of(inger).await.unwrap();
    assert_eq!(consents.len(), 1);
    let c = &consents[0];
    assert_eq!(
        (
            c.purpose.as_str(),
            c.version,
            c.relative_name.as_deref(),
            c.given_by
        ),
        (
            "share_with_relative",
            share.version as i64,
            Some("Kirsten Thomsen"),
            inger
        )
    );
    assert_eq!(c.given_at, at(NOW) + chrono::Duration::minutes(5));
    let (_, html) = b.page("/samtykker?givet=1").await;
    let html = html.replace("<!---->", "");
    assert!(html.contains("Samtykket er givet."));
    assert!(html.contains("Kirsten Thomsen"));
    assert!(html.contains(&share.text_da));
    assert!(html.contains("Inger Thomsen"), "given by");

    // Withdrawing: first what it means, then a button that posts.
    let page = format!("/samtykker/{}/traek-tilbage", c.id);
    let (status, html) = b.page(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(Purpose::ShareWithRelative.withdrawal_effect(app::domain::lang::Lang::Da))
    );
    assert!(html.contains("name=\"id\""), "a form, not a link");
    app.clock.set(at(NOW) + chrono::Duration::minutes(10));
    for _ in 0..2 {
        let res = b
            .post_form(
                &page,
                "/api/consents/withdraw",
                &[("id", &c.id.to_string())],
            )
            .await;
        assert_eq!(location(&res), "/samtykker?trukket=1");
    }
    let consents = app.state.repo.consents_of(inger).await.unwrap();
    assert_eq!(
        consents[0].withdrawn_at,
        Some(at(NOW) + chrono::Duration::minutes(10)),
        "withdrawn once, at the first press"
    );
    let (_, html) = b.page("/samtykker?trukket=1").await;
    assert!(html.contains("Samtykket er trukket tilbage fra nu."));
    assert!(html.contains("Der er ingen gældende samtykker."));
    assert!(
        html.contains("Trukket tilbage"),
        "still listed, as withdrawn"
    );
    let log = app.state.repo.audit_log_for(inger).await.unwrap();
    assert_eq!(
        log.iter()
            .filter(|e| e.action == "withdraw_consent")
            .count(),
        1
    );
    assert!(log.iter().any(|e| e.action == "give_consent"));

    // Another citizen cannot see or withdraw Inger's consent.
    let mut other = Browser::new(&app);
    other.sign_in_as("Erik Mikkelsen").await;
    let (status, _) = other.page(&page).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn relatives_act_on_consents_only_within_their_power(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let ole = person_of(&app, "demo:broenderslev:paaroerende").await;
    let erik = person_of(&app, "demo:samsoe:borger").await;
    // Erik may only look at Inger's case.
    crate::apply::power_with(
        &app,
        inger,
        erik,
        Scopes {
            view: true,
            ..Scopes::default()
        },
    )
    .await;

    // Ole's power carries the consents scope: he consents on her behalf, and it says so.
    let mut o = Browser::new(&app);
    o.sign_in_as("Ole Thomsen").await;
    let res = o
        .post_form(
            "/samtykker",
            "/api/consents/give",
            &[("purpose", "health_information")],
        )
        .await;
    assert_eq!(location(&res), "/samtykker?givet=1");
    let consents = app.state.repo.consents_of(inger).await.unwrap();
    assert_eq!(
        (
            consents[0].purpose.as_str(),
            consents[0].citizen_id,
            consents[0].given_by
        ),
        ("health_information", inger, ole)
    );
    let (_, html) = o.page("/samtykker").await;
    let html = html.replace("<!---->", "");
    assert!(html.contains("Samtykker for Inger Thomsen"), "{html}");
    assert!(html.contains("Ole Thomsen (på borgerens vegne)"), "{html}");

    // Erik sees them, but has no form to give one and cannot withdraw.
    let mut e = Browser::new(&app);
    e.sign_in_as("Erik Mikkelsen").await;
    e.act_for(inger).await;
    let (_, html) = e.page("/samtykker").await;
    assert!(html.contains("Oplysninger fra egen læge eller sygehus"));
    assert!(html.contains("Din fuldmagt giver ikke lov"), "{html}");
    assert!(!html.contains("/api/consents/give"), "no form to give");
    let (_, html) = e
        .page(&format!("/samtykker/{}/traek-tilbage", consents[0].id))
        .await;
    assert!(!html.contains("/api/consents/withdraw"), "no button");
    let res = e
        .post_form(
            "/samtykker",
            "/api/consents/withdraw",
            &[("id", &consents[0].id.to_string())],
        )
        .await;
    assert!(location(&res).contains("__err"));
    assert_eq!(
        app.state.repo.consents_of(inger).await.unwrap()[0].withdrawn_at,
        None
    );
    assert!(app
        .state
        .repo
        .audit_log_for(inger)
        .await
        .unwrap()
        .iter()
        .any(|l| l.action == "withdraw_consent"
            && l.outcome.code() == "refused"
            && l.actor_id == Some(erik)));

    // The caseworker sees the consent on the case, with who gave it.
    let mut i = Browser::new(&app);
    i.sign_in_as("Inger Thomsen").await;
    let reference = crate::apply::apply_and_send(&app, &mut i, inger, "Trapper.").await;
    let mut staff = Browser::new(&app);
    staff.sign_in_as("Birgitte Dahl").await;
    let (_, html) = staff
        .page(&format!("/personale/ansoegninger/{reference}"))
        .await;
    let html = html.replace("<!---->", "");
    assert!(
        html.contains("Oplysninger fra egen læge eller sygehus"),
        "{html}"
    );
    assert!(html.contains("Ole Thomsen,"), "given by");
    assert!(
        html.contains("Brug af ansøgningen om træning"),
        "the application's own"
    );
}

/// A consent points at the exact words given: changing them is refused at start, and a new
/// version is what new consents use while old ones keep their words.
async fn consent_texts_are_versioned_never_rewritten(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let old = text(&app, "broenderslev", Purpose::HealthInformation);
    let health = |version: u32, given_at| app::ssr::db::NewConsent {
        citizen_id: inger,
        municipality: "broenderslev".into(),
        purpose: "health_information".into(),
        version: version as i64,
        relative_name: None,
        given_by: inger,
        given_at,
        method: app::domain::consent::ConsentMethod::Mitid,
        document_ref: None,
    };
    app.state
        .repo
        .give_consent(&health(old.version, at(NOW)))
        .await
        .unwrap();

    let changed = with_text(|texts| {
        texts
            .iter_mut()
            .find(|t| t.purpose == Purpose::HealthInformation)
            .unwrap()
            .text_da
            .push_str(" Også fra tandlægen.")
    });
    let refused = crate::support::prepare_on(&app, app.db.repo.clone(), changed)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string());
    assert!(
        refused
            .as_ref()
            .is_err_and(|e| e.contains("'health_information' version 1")),
        "{refused:?}"
    );

    // As a new version it is accepted, and consents can point at it; the old one keeps its words.
    let mut newer = old.clone();
    newer.version += 1;
    newer.text_da.push_str(" Også fra tandlægen.");
    let added = with_text(|texts| texts.push(newer.clone()));
    crate::support::prepare_on(&app, app.db.repo.clone(), added)
        .await
        .expect("a new version starts");
    app.state
        .repo
        .give_consent(&health(newer.version, at(NOW) + chrono::Duration::days(1)))
        .await
        .unwrap();
    let consents = app.state.repo.consents_of(inger).await.unwrap();
    assert_eq!(consents.len(), 2);
    assert_eq!(
        (consents[0].version, consents[0].text_da.as_str()),
        (newer.version as i64, newer.text_da.as_str())
    );
    assert_eq!(
        (consents[1].version, consents[1].text_da.as_str()),
        (old.version as i64, old.text_da.as_str())
    );
}

/// This repository's municipality files, with Brønderslev's consent texts changed by `change`.
fn with_text(
    change: impl FnOnce(&mut Vec<ConsentText>),
) -> app::ssr::municipalities::Municipalities {
    let all = crate::support::repo_municipalities();
    let mut list: Vec<_> = all.all().to_vec();
    let m = list.iter_mut().find(|m| m.slug == "broenderslev").unwrap();
    change(&mut m.consent_texts);
    app::ssr::municipalities::Municipalities::new(list)
}

on_both_backends!(
    a_citizen_gives_reads_and_withdraws_a_consent,
    relatives_act_on_consents_only_within_their_power,
    consent_texts_are_versioned_never_rewritten,
);
