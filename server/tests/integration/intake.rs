//! Intake by phone, letter and referral over HTTP, as without JavaScript (issue 15; GEN-5,
//! GEN-7, SAM-12, VEJ-05, FRB-29): a caseworker registers an application that arrived by phone
//! for a citizen the portal did not know, and a GP referral for one it knows, with the consent as
//! given, their clocks running from the day they arrived; and complaints that came by letter,
//! on time in Fredensborg (the day sent counts) and possibly late in Vejen (the day received).
use crate::booking::mail_to;
use crate::http::{location, person_of, Browser, NOW};
use crate::support::{at, on_both_backends, spawn_app, Backend};
use app::domain::application::promises_from_receipt;
use app::domain::lang::Lang;
use app::domain::time_format::{local_date, long_date};
use chrono::Duration;
use reqwest::StatusCode;

async fn a_phone_application_and_a_referral_are_registered_with_their_day_and_consent(
    backend: Backend,
) {
    let app = spawn_app(backend, true, NOW).await;
    let arrived = local_date(at(NOW)) - Duration::days(2);
    let mut s = Browser::new(&app);
    s.sign_in_as("Hanne Krogh").await;

    // Samsø (SAM-12): a call from someone the portal does not know.
    let search = "/personale/modtag?navn=Aase%20Holm&foedt=2.2.1940";
    let (status, html) = s.page(search).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("bliver borgeren oprettet"), "{html}");
    let fields = |consent: &'static str| {
        vec![
            ("citizen_name", "Aase Holm".to_string()),
            ("citizen_birth_date", "2.2.1940".to_string()),
            ("channel", "phone".to_string()),
            ("arrived_on", arrived.to_string()),
            ("needs", "Kan ikke gå på trapper.".to_string()),
            ("consent", consent.to_string()),
            ("consent_on", arrived.to_string()),
            ("consent_ref", String::new()),
        ]
    };
    let post = |f: &Vec<(&'static str, String)>| {
        f.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>()
    };
    // Without the consent: refused, nothing registered, no one created (GEN-7, SAM-13).
    let f = post(&fields(""));
    let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = s
        .post_form(search, "/api/staff/register_application", &refs)
        .await;
    let back = location(&res);
    assert!(back.contains("__err"), "{back}");
    let (_, html) = s.page(back.trim_start_matches(&app.base)).await;
    assert!(
        html.contains("Ansøgningen kræver borgerens samtykke"),
        "{html}"
    );
    assert!(app
        .state
        .repo
        .open_applications("samsoe")
        .await
        .unwrap()
        .is_empty());

    let f = post(&fields("oral"));
    let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = s
        .post_form(search, "/api/staff/register_application", &refs)
        .await;
    let open = app.state.repo.open_applications("samsoe").await.unwrap();
    assert_eq!(open.len(), 1);
    let (a, name, born) = &open[0];
    assert_eq!(
        location(&res),
        format!("/personale/ansoegninger/{}", a.reference)
    );
    assert_eq!(
        (name.as_str(), born.map(|b| b.to_string())),
        ("Aase Holm", Some("1940-02-02".into()))
    );
    // The clocks run from the day it arrived, not from today.
    assert_eq!(local_date(a.submitted_at.unwrap()), arrived);
    let m = app.state.municipalities.get("samsoe").unwrap();
    let (_, html) = s
        .page(&format!("/personale/ansoegninger/{}", a.reference))
        .await;
    for p in promises_from_receipt(&m.rules, arrived) {
        assert!(
            html.replace("<!---->", "")
                .contains(&long_date(Lang::Da, p.due)),
            "{}",
            p.level.name_da
        );
    }
    let consent = &app.state.repo.consents_of(a.citizen_id).await.unwrap()[0];
    let hanne = person_of(&app, "demo:samsoe:visitator").await;
    assert_eq!(
        (consent.method.as_str(), consent.given_by),
        ("oral_recorded", hanne)
    );
    assert_eq!(local_date(consent.given_at), arrived);

    // Vejen (VEJ-05): a GP referral for Karen, whom the portal knows, with a paper consent.
    let mut v = Browser::new(&app);
    v.sign_in_as("Mette Lund").await;
    let karen = person_of(&app, "demo:vejen:borger").await;
    let search = "/personale/modtag?navn=Karen%20%C3%98stergaard&foedt=17.5.1961";
    let (_, html) = v.page(search).await;
    assert!(
        html.contains(&format!("name=\"citizen\" value=\"{karen}\"")),
        "{html}"
    );
    let karen_id = karen.to_string();
    let res = v
        .post_form(
            search,
            "/api/staff/register_application",
            &[
                ("citizen", karen_id.as_str()),
                ("channel", "gp_referral"),
                ("arrived_on", &local_date(at(NOW)).to_string()),
                ("needs", "Henvist efter fald."),
                ("consent", "paper"),
                ("consent_on", &local_date(at(NOW)).to_string()),
                ("consent_ref", "J.nr. 27.12-2026"),
            ],
        )
        .await;
    assert!(
        location(&res).starts_with("/personale/ansoegninger/TP-"),
        "{res:?}"
    );
    let paper = app
        .state
        .repo
        .consents_of(karen)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.method == "paper")
        .unwrap();
    assert_eq!(paper.document_ref.as_deref(), Some("J.nr. 27.12-2026"));
    assert_eq!(
        mail_to(
            &app,
            "karen.oestergaard@example.dk",
            "Kvittering for ansøgning"
        )
        .await
        .len(),
        1,
        "the citizen gets the receipt"
    );
    // Another municipality's citizen cannot be named by id.
    let res = s
        .post_form(
            "/personale/modtag",
            "/api/staff/register_application",
            &[
                ("citizen", karen_id.as_str()),
                ("channel", "phone"),
                ("arrived_on", &local_date(at(NOW)).to_string()),
                ("needs", "x"),
                ("consent", "oral"),
                ("consent_on", &local_date(at(NOW)).to_string()),
            ],
        )
        .await;
    assert!(location(&res).contains("__err"));
    let log = app.state.repo.audit_log_for(karen).await.unwrap();
    assert!(log.iter().any(|e| e.action == "register_application"));
}

on_both_backends!(a_phone_application_and_a_referral_are_registered_with_their_day_and_consent);

async fn a_letter_complaint_counts_the_day_sent_where_the_standard_says_so(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    // Each demo citizen's refusal was published 42 days ago: its 4 weeks ran out 14 days ago.
    // The letter was sent 15 days ago and arrived yesterday.
    let sent = (local_date(at(NOW)) - Duration::days(15)).to_string();
    let received = (local_date(at(NOW)) - Duration::days(1)).to_string();
    for (slug, citizen, caseworker, late) in [
        ("fredensborg", "Henrik Larsen", "Camilla Friis", false),
        ("vejen", "Karen Østergaard", "Mette Lund", true),
    ] {
        let id = person_of(&app, &format!("demo:{slug}:borger")).await;
        let refusal = app
            .state
            .repo
            .decisions_of(id)
            .await
            .unwrap()
            .into_iter()
            .find(|d| d.outcome.code() == "refused")
            .unwrap();
        let mut s = Browser::new(&app);
        s.sign_in_as(caseworker).await;
        let search = format!(
            "/personale/modtag?navn={}&foedt=17.5.1961",
            crate::http::urlencode(citizen)
        );
        let (_, html) = s.page(&search).await;
        assert!(
            html.contains(&format!("name=\"decision\" value=\"{}\"", refusal.id)),
            "{slug}: {html}"
        );
        // A letter cannot have been sent after it arrived.
        let decision = refusal.id.to_string();
        let today = local_date(at(NOW)).to_string();
        let res = s
            .post_form(
                &search,
                "/api/staff/register_complaint",
                &[
                    ("decision", &decision),
                    ("way", "letter"),
                    ("received_on", &received),
                    ("sent_on", &today),
                    ("body", ""),
                ],
            )
            .await;
        assert!(location(&res).contains("__err"), "{slug}");
        let res = s
            .post_form(
                &search,
                "/api/staff/register_complaint",
                &[
                    ("decision", &decision),
                    ("way", "letter"),
                    ("received_on", &received),
                    ("sent_on", &sent),
                    ("body", "Jeg er uenig."),
                ],
            )
            .await;
        let c = app
            .state
            .repo
            .live_complaint_about(refusal.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            location(&res),
            format!("/personale/klager/{}", c.reference),
            "{slug}"
        );
        assert_eq!(c.possibly_late, late, "{slug}: the standard's rule decides");
        assert_eq!(
            local_date(c.submitted_at),
            local_date(at(NOW)) - Duration::days(1),
            "{slug}: received yesterday"
        );
        // The citizen sees it among her complaints.
        let mut b = Browser::new(&app);
        b.sign_in_as(citizen).await;
        let (_, html) = b.page("/klager").await;
        assert!(html.contains(&c.reference), "{slug}");
        // The same decision twice: refused with a clear message.
        let res = s
            .post_form(
                &search,
                "/api/staff/register_complaint",
                &[
                    ("decision", &decision),
                    ("way", "phone"),
                    ("received_on", &received),
                ],
            )
            .await;
        assert!(location(&res).contains("__err"), "{slug}");
    }
}

on_both_backends!(a_letter_complaint_counts_the_day_sent_where_the_standard_says_so);
