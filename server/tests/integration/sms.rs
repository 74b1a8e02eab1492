//! SMS (issue 19, part 2), over HTTP as without JavaScript and through a gateway on loopback
//! (`sms_gateway`): a citizen in each municipality chooses SMS on "Sådan får du besked" and gets
//! the reminder the day before with the municipality's cancellation deadline as a local date
//! and time; the number is shown and logged masked; a wrong number is told at its field with
//! what was typed kept; the municipality's cancellation, a waiting-list offer and a decision go
//! by the chosen channels; a gateway outage loses nothing, and two instances send each message
//! once.
use crate::booking::mail_to;
use crate::http::{clean, email_of, location, person_of, Browser, NOW};
use crate::sms_gateway::{SmsGateway, TOKEN};
use crate::support::{at, count_sql, on_both_backends, spawn_app_with, Backend, TestApp};
use app::domain::sms::fits_one_sms;
use app::domain::time_format::{local_date, local_instant};
use app::ssr::clock::Clock;
use app::ssr::db::{NewEmail, OutboxChannel};
use app::ssr::mailer::Round;
use app::ssr::reminders::queue_reminders;
use app::ssr::settings::SmsSettings;
use app::ssr::sms::send_due;
use chrono::{Days, Duration};

/// (municipality, its demo citizen)
const CASTS: [(&str, &str); 5] = [
    ("vejen", "Karen Østergaard"),
    ("samsoe", "Erik Mikkelsen"),
    ("broenderslev", "Inger Thomsen"),
    ("fredensborg", "Henrik Larsen"),
    ("mariagerfjord", "Grethe Nielsen"),
];

async fn with_gateway(backend: Backend) -> (SmsGateway, TestApp) {
    let gateway = SmsGateway::start().await;
    let url = gateway.url();
    let app = spawn_app_with(
        backend,
        true,
        NOW,
        &[("SMS_URL", &url), ("SMS_TOKEN", TOKEN)],
    )
    .await;
    (gateway, app)
}

fn gateway_settings(gateway: &SmsGateway) -> SmsSettings {
    SmsSettings {
        url: gateway.url(),
        token: TOKEN.into(),
    }
}

/// Saves a choice on "Sådan får du besked" as the form posts it, the email address as it was
/// (`email`); where the browser is sent.
async fn choose(b: &mut Browser, email: &str, notify_by: &str, phone: &str) -> String {
    location(
        &b.post_form(
            "/besked",
            "/api/contact/save",
            &[("notify_by", notify_by), ("email", email), ("phone", phone)],
        )
        .await,
    )
}

/// The text messages in the outbox to `number`.
async fn queued_sms(app: &TestApp, number: &str) -> Vec<String> {
    app.state
        .repo
        .outbox_messages(1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.channel == "sms" && m.to_address == number)
        .map(|m| m.body_text)
        .collect()
}

async fn a_citizen_in_each_municipality_chooses_sms_and_gets_the_reminder_with_the_deadline(
    backend: Backend,
) {
    let (gateway, app) = with_gateway(backend).await;
    let sms = gateway_settings(&gateway);
    for (i, (slug, name)) in CASTS.into_iter().enumerate() {
        app.clock.set(at(NOW));
        let citizen = person_of(&app, &format!("demo:{slug}:borger")).await;
        let email = email_of(&app, citizen).await;
        let mut b = Browser::new(&app);
        b.sign_in_as(name).await;
        let (status, html) = b.page("/besked").await;
        assert_eq!(status, reqwest::StatusCode::OK, "{slug}");
        assert!(html.contains("Sådan får du besked"), "{slug}");
        assert!(
            html.contains("value=\"email\" checked"),
            "{slug}: email until chosen"
        );

        // Typed as people type it; kept as +45 and eight digits.
        assert_eq!(
            choose(&mut b, &email, "sms", &format!("+45 20 12 34 0{i}")).await,
            "/besked?gemt=1"
        );
        let number = format!("+452012340{i}");
        let (_, html) = b.page("/besked?gemt=1").await;
        let html = clean(&html);
        assert!(html.contains("Dit valg er gemt"), "{slug}");
        assert!(
            html.contains(&format!("+45 •• •• •• 0{i}")),
            "{slug}: masked"
        );
        assert!(!html.contains("2012340"), "{slug}: never the whole number");
        assert!(html.contains("value=\"sms\" checked"), "{slug}");
        let (_, html) = b.page("/traening").await;
        assert!(
            clean(&html).contains(&format!("{name} får besked på sms til +45 •• •• •• 0{i}.")),
            "{slug}: the training page says how: {html}"
        );

        // The day before the first booked session, at 09:00 local time: the reminder.
        let first = app
            .state
            .repo
            .booked_sessions_from(citizen, at(NOW))
            .await
            .unwrap()[0]
            .clone();
        let day_before = local_date(first.starts_at) - Days::new(1);
        app.clock.set(local_instant(day_before, 9, 0).unwrap());
        assert!(queue_reminders(&app.state).await >= 1, "{slug}");
        assert_eq!(queue_reminders(&app.state).await, 0, "{slug}: once");
        let round = send_due(&app.state, &sms).await;
        assert_eq!(round.failed, 0, "{slug}");
        let got = gateway.to(&number);
        assert_eq!(got.len(), 1, "{slug}: one reminder by SMS");
        let m = app.state.municipalities.get(slug).unwrap();
        let text = &got[0].text;
        assert!(
            text.contains(&format!(
                "i morgen, {}.",
                app::domain::sms_notices::when(first.starts_at)
            )),
            "{slug}: {text}"
        );
        assert!(
            text.contains(&app::domain::sms_notices::deadline(
                m.rules.cancellation.rule,
                first.starts_at
            )),
            "{slug}: the municipality's deadline: {text}"
        );
        assert!(fits_one_sms(text), "{slug}: {text}");
        assert_eq!(got[0].idempotency_key, got[0].id, "{slug}");
        assert!(
            mail_to(&app, &email, "Påmindelse").await.is_empty(),
            "{slug}: SMS only, so no reminder email"
        );
    }
    // Brønderslev's rule in words: noon the day before, as its standard says (BRS).
    let inger = gateway.to("+4520123402");
    assert_eq!(
        inger[0].text,
        "Træningsportalen: Husk dit hold i morgen, onsdag 11. marts kl. 10.00. \
         Afmeld senest tirsdag 10. marts kl. 12.00 i Træningsportalen."
    );
    // The log holds the choice with the number masked, never the number.
    assert_eq!(
        count_sql(
            &app.db,
            "select count(*) from audit_log where detail like '%2012340%'"
        )
        .await,
        0
    );
    assert_eq!(
        count_sql(
            &app.db,
            "select count(*) from audit_log where action = 'set_contact' and detail like 'sms; phone +45 •• •• •• 0%'"
        )
        .await,
        5
    );
}

async fn a_wrong_number_is_told_at_its_field_and_nothing_is_saved(backend: Backend) {
    let (_gateway, app) = with_gateway(backend).await;
    let karen = person_of(&app, "demo:vejen:borger").await;
    let email = email_of(&app, karen).await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Karen Østergaard").await;
    for (typed, said) in [
        ("20 12 34", "Et dansk mobilnummer har 8 cifre"),
        ("+46 70 123 45 67", "Vi kan kun sende sms til danske numre"),
        ("20 12 34 5x", "Skriv kun tal i mobilnummeret"),
        ("", "Skriv dit mobilnummer"),
    ] {
        let back = choose(&mut b, &email, "both", typed).await;
        assert!(back.contains("__err"), "{typed}: {back}");
        let (_, html) = b.page(back.trim_start_matches(&app.base)).await;
        let html = clean(&html);
        assert!(html.contains(said), "{typed}: {html}");
        assert!(
            html.contains("<a href=\"#phone\">"),
            "{typed}: linked to the field"
        );
        // What was typed, and the choice, come back in the form.
        assert!(html.contains("value=\"both\" checked"), "{typed}: {html}");
        if !typed.is_empty() {
            assert!(
                html.contains(&format!("value=\"{typed}\"")),
                "{typed}: {html}"
            );
        }
        let me = app.state.repo.person(karen).await.unwrap().unwrap();
        assert_eq!(
            (me.phone, me.notify_by),
            (None, app::domain::sms::NotifyBy::Email),
            "{typed}: nothing saved"
        );
    }
    // Email only, with the address removed: refused at the address.
    let res = b
        .post_form(
            "/besked",
            "/api/contact/save",
            &[("notify_by", "email"), ("email", "")],
        )
        .await;
    let (_, html) = b.page(location(&res).trim_start_matches(&app.base)).await;
    assert!(html.contains("Skriv din e-mailadresse"), "{html}");
    assert!(app
        .state
        .repo
        .person(karen)
        .await
        .unwrap()
        .unwrap()
        .email
        .is_some());

    // A number, then removed: back to email, by her choice.
    assert_eq!(
        choose(&mut b, &email, "both", "20123456").await,
        "/besked?gemt=1"
    );
    let res = b
        .post_form(
            "/besked",
            "/api/contact/save",
            &[
                ("notify_by", "email"),
                ("email", &email),
                ("phone", ""),
                ("remove_phone", "ja"),
            ],
        )
        .await;
    assert_eq!(location(&res), "/besked?gemt=1");
    let me = app.state.repo.person(karen).await.unwrap().unwrap();
    assert_eq!(me.phone, None);
}

async fn the_municipalitys_cancellation_an_offer_and_a_decision_go_by_the_chosen_channels(
    backend: Backend,
) {
    let (gateway, app) = with_gateway(backend).await;
    let repo = &app.state.repo;

    // Henrik (Fredensborg) chose both: the municipality's cancellation comes both ways, and
    // staff see how he is told before they cancel.
    let henrik = person_of(&app, "demo:fredensborg:borger").await;
    let mut h = Browser::new(&app);
    h.sign_in_as("Henrik Larsen").await;
    let henriks = email_of(&app, henrik).await;
    assert_eq!(
        choose(&mut h, &henriks, "both", "30 30 30 77").await,
        "/besked?gemt=1"
    );
    let thursday = repo.booked_sessions_from(henrik, at(NOW)).await.unwrap()[0].clone();
    let mut staff = Browser::new(&app);
    staff.sign_in_as("Camilla Friis").await;
    let page = format!("/personale/hold/{}", thursday.id);
    let (_, html) = staff.page(&page).await;
    assert!(
        clean(&html).contains(&format!(
            "Henrik Larsen får besked på sms til +45 •• •• •• 77 og e-mail til {henriks}."
        )),
        "{html}"
    );
    staff
        .post_form(
            &page,
            "/api/staff/cancel_session",
            &[("session", &thursday.id.to_string())],
        )
        .await;
    assert_eq!(
        queued_sms(&app, "+4530303077").await,
        vec![
            "Træningsportalen: Kommunen har aflyst dit hold torsdag 5. marts kl. 13.00. \
             Det tæller ikke som dit afbud. Log ind på Træningsportalen for at se mere."
                .to_string()
        ]
    );
    assert_eq!(mail_to(&app, &henriks, "Træning aflyst").await.len(), 1);

    // Grethe (Mariagerfjord) waits for the full Friday session by SMS only; her neighbour
    // cancels, and the place held for her is told by SMS.
    let grethe = person_of(&app, "demo:mariagerfjord:borger").await;
    let mut g = Browser::new(&app);
    g.sign_in_as("Grethe Nielsen").await;
    let grethes = email_of(&app, grethe).await;
    assert_eq!(
        choose(&mut g, &grethes, "sms", "40 40 40 11").await,
        "/besked?gemt=1"
    );
    let nabo = person_of(&app, "demo:mariagerfjord:nabo").await;
    let full = repo.booked_sessions_from(nabo, at(NOW)).await.unwrap()[0].clone();
    g.post_form(
        "/traening",
        "/api/waiting/join",
        &[("session", &full.id.to_string())],
    )
    .await;
    let cookie = app::ssr::session::start_session(&app.state, nabo, None)
        .await
        .unwrap();
    let mut n = Browser::new(&app);
    let (k, v) = cookie
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap();
    n.cookies.insert(k.into(), v.into());
    n.post_form(
        "/traening",
        "/api/booking/cancel",
        &[("session", &full.id.to_string())],
    )
    .await;
    let offer = queued_sms(&app, "+4540404011").await;
    assert_eq!(offer.len(), 1, "{offer:?}");
    assert!(
        offer[0].starts_with(
            "Træningsportalen: En plads er ledig til dig på holdet fredag 1. maj kl. 09.00. \
             Tag den i Træningsportalen inden "
        ),
        "{offer:?}"
    );
    assert!(
        mail_to(&app, &email_of(&app, grethe).await, "Der er en plads")
            .await
            .is_empty(),
        "SMS only"
    );

    // Inger (Brønderslev), SMS only, applies; the decision is published in the portal and she
    // is told by SMS that it waits, with nothing of what it says.
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let mut i = Browser::new(&app);
    i.sign_in_as("Inger Thomsen").await;
    let ingers = email_of(&app, inger).await;
    assert_eq!(
        choose(&mut i, &ingers, "sms", "50 50 50 22").await,
        "/besked?gemt=1"
    );
    let reference = crate::apply::apply_and_send(&app, &mut i, inger, "Trapper.").await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Birgitte Dahl").await;
    let case = format!("/personale/ansoegninger/{reference}");
    let fields = [
        ("reference", reference.as_str()),
        ("outcome", "refused"),
        ("reasons", "Du kan bruge et motionshold."),
        ("legal_basis", "sel_86_2"),
        ("delivery", "portal"),
        ("delivery_on", ""),
    ];
    assert_eq!(
        location(&b.post_form(&case, "/api/decide/decide", &fields).await),
        case
    );
    assert_eq!(
        queued_sms(&app, "+4550505022").await,
        vec!["Træningsportalen: Du har fået en afgørelse fra kommunen. \
             Log ind på Træningsportalen for at læse den."
            .to_string()]
    );
    // Everything queued reaches the gateway, each once.
    send_due(&app.state, &gateway_settings(&gateway)).await;
    for number in ["+4530303077", "+4540404011", "+4550505022"] {
        assert_eq!(gateway.to(number).len(), 1, "{number}");
    }
}

async fn queue(app: &TestApp, n: usize, tag: &str) {
    for i in 0..n {
        app.state
            .repo
            .queue_email(&NewEmail {
                recipient_person_id: None,
                to_address: format!("+45{}", 20_000_000 + i),
                subject: String::new(),
                body_text: format!("Besked {tag} {i}"),
                created_at: app.clock.now(),
                channel: OutboxChannel::Sms,
            })
            .await
            .unwrap();
    }
}

async fn unsent(app: &TestApp) -> usize {
    app.state
        .repo
        .outbox_messages(10_000)
        .await
        .unwrap()
        .iter()
        .filter(|m| m.sent_at.is_none())
        .count()
}

/// How many times each outbox message arrived, by its id.
fn arrivals(gateway: &SmsGateway) -> std::collections::BTreeMap<String, usize> {
    let mut count = std::collections::BTreeMap::new();
    for m in gateway.messages() {
        *count.entry(m.id).or_insert(0) += 1;
    }
    count
}

async fn an_sms_gateway_outage_loses_nothing_and_two_instances_send_each_once(backend: Backend) {
    let (mut gateway, app) = with_gateway(backend).await;
    let sms = gateway_settings(&gateway);
    queue(&app, 4, "first").await;
    assert_eq!(
        send_due(&app.state, &sms).await,
        Round { sent: 4, failed: 0 }
    );

    // The gateway goes down: each try fails, nothing is lost; email is not held up by it.
    gateway.stop();
    queue(&app, 5, "outage").await;
    let email = app
        .state
        .repo
        .queue_email(&NewEmail {
            recipient_person_id: None,
            to_address: "someone@example.dk".into(),
            subject: "Hej".into(),
            body_text: "Hej.".into(),
            created_at: app.clock.now(),
            channel: OutboxChannel::Email,
        })
        .await
        .unwrap();
    assert_eq!(
        send_due(&app.state, &sms).await,
        Round { sent: 0, failed: 5 }
    );
    let now = app.clock.now();
    let mails = app
        .state
        .repo
        .claim_outbox(OutboxChannel::Email, now, now + Duration::minutes(2), 20)
        .await
        .unwrap();
    assert_eq!(mails.iter().map(|m| m.id).collect::<Vec<_>>(), vec![email]);
    app.state.repo.mark_email_sent(email, now).await.unwrap();
    assert_eq!(unsent(&app).await, 5);
    // A wrong token is a failure too, tried again like any other.
    gateway.restart().await;
    let wrong = SmsSettings {
        url: gateway.url(),
        token: "wrong".into(),
    };
    app.clock.set(at(NOW) + Duration::seconds(31));
    assert_eq!(
        send_due(&app.state, &wrong).await,
        Round { sent: 0, failed: 5 }
    );
    // Back with the right token: not before the retry wait, then every message once.
    assert_eq!(
        send_due(&app.state, &sms).await,
        Round::default(),
        "waits first"
    );
    app.clock.set(at(NOW) + Duration::seconds(31 + 61));
    assert_eq!(
        send_due(&app.state, &sms).await,
        Round { sent: 5, failed: 0 }
    );
    assert_eq!(unsent(&app).await, 0);

    // Two instances sharing the database send each message once.
    queue(&app, 60, "shared").await;
    let other = crate::support::second_instance(&app).await;
    while unsent(&app).await > 0 {
        let (a, b) = tokio::join!(send_due(&app.state, &sms), send_due(&other, &sms));
        assert_eq!(a.failed + b.failed, 0);
    }
    let count = arrivals(&gateway);
    assert_eq!(count.len(), 4 + 5 + 60);
    assert!(count.values().all(|n| *n == 1), "sent twice: {count:?}");
    assert!(gateway.messages().iter().all(|m| m.idempotency_key == m.id));

    // A number the provider refuses, repeating it in its answer: tried again later, and the
    // number is not in the outbox's record of the failure.
    app.state
        .repo
        .queue_email(&NewEmail {
            recipient_person_id: None,
            to_address: "+4529999999".into(),
            subject: String::new(),
            body_text: "Besked".into(),
            created_at: app.clock.now(),
            channel: OutboxChannel::Sms,
        })
        .await
        .unwrap();
    assert_eq!(
        send_due(&app.state, &sms).await,
        Round { sent: 0, failed: 1 }
    );
    assert_eq!(
        count_sql(
            &app.db,
            "select count(*) from email_outbox where last_error like '%answered 400%'"
        )
        .await,
        1,
        "the failure is recorded"
    );
    assert_eq!(
        count_sql(
            &app.db,
            "select count(*) from email_outbox where last_error like '%999999%'"
        )
        .await,
        0,
        "without the number"
    );
}

on_both_backends!(
    a_citizen_in_each_municipality_chooses_sms_and_gets_the_reminder_with_the_deadline,
    a_wrong_number_is_told_at_its_field_and_nothing_is_saved,
    the_municipalitys_cancellation_an_offer_and_a_decision_go_by_the_chosen_channels,
    an_sms_gateway_outage_loses_nothing_and_two_instances_send_each_once,
);
