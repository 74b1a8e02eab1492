//! Email that is never lost, against a real SMTP conversation on loopback: what the portal writes
//! to the outbox arrives; while the mail server is down nothing is dropped and everything arrives
//! once it is back (after the retry wait); and two server instances sharing the database send
//! each message once.
use crate::http::{person_of, Browser, NOW};
use crate::smtp_sink::SmtpSink;
use crate::support::{at, on_both_backends, spawn_app_with, Backend, TestApp};
use app::ssr::clock::Clock;
use app::ssr::db::NewEmail;
use app::ssr::mailer::{send_due, Round};
use app::ssr::reminders::queue_reminders;
use app::ssr::settings::SmtpSettings;
use chrono::Duration;
use std::collections::BTreeMap;

const FROM: &str = "Træningsportalen <noreply@traeningsportalen.dk>";

fn smtp(sink: &SmtpSink) -> SmtpSettings {
    SmtpSettings {
        url: sink.url(),
        from: FROM.into(),
    }
}

async fn queue(app: &TestApp, n: usize, tag: &str) {
    for i in 0..n {
        app.state
            .repo
            .queue_email(&NewEmail {
                recipient_person_id: None,
                to_address: format!("{tag}-{i}@example.dk"),
                subject: format!("Besked {tag} {i}"),
                body_text: "Hej.".into(),
                created_at: app.clock.now(),
                channel: app::ssr::db::OutboxChannel::Email,
            })
            .await
            .unwrap();
    }
}

/// A mail server on loopback, and the portal configured to send through it.
async fn with_mail_server(backend: Backend) -> (SmtpSink, TestApp) {
    let sink = SmtpSink::start().await;
    let url = sink.url();
    let app = spawn_app_with(
        backend,
        true,
        NOW,
        &[("SMTP_URL", &url), ("SMTP_FROM", FROM)],
    )
    .await;
    (sink, app)
}

/// How many times each outbox message arrived, by its Message-ID.
fn arrivals(sink: &SmtpSink) -> BTreeMap<String, usize> {
    let mut count = BTreeMap::new();
    for m in sink.messages() {
        *count
            .entry(m.message_id().expect("a Message-ID"))
            .or_insert(0) += 1;
    }
    count
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

async fn outbox_mail_arrives_and_an_outage_loses_nothing(backend: Backend) {
    let (mut sink, app) = with_mail_server(backend).await;
    let smtp = smtp(&sink);

    // A receipt written with the application, and more messages besides.
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Inger Thomsen").await;
    crate::apply::apply_and_send(&app, &mut b, inger, "Trapper.").await;
    queue(&app, 9, "first").await;
    assert_eq!(
        send_due(&app.state, &smtp).await,
        Round {
            sent: 10,
            failed: 0
        }
    );
    assert_eq!(unsent(&app).await, 0);
    let received = sink.messages();
    assert_eq!(received.len(), 10);
    assert!(received
        .iter()
        .any(|m| m.to == ["inger.thomsen@example.dk"] && !m.data.contains("Trapper")));
    assert!(arrivals(&sink).values().all(|n| *n == 1));

    // The mail server goes down while messages are written: each try fails, nothing is lost.
    sink.stop();
    queue(&app, 5, "outage").await;
    assert_eq!(
        send_due(&app.state, &smtp).await,
        Round { sent: 0, failed: 5 }
    );
    let waiting: Vec<_> = app
        .state
        .repo
        .outbox_messages(10_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.sent_at.is_none())
        .collect();
    assert_eq!(waiting.len(), 5);

    // Back up: not before the retry wait, then every message once.
    sink.restart().await;
    assert_eq!(
        send_due(&app.state, &smtp).await,
        Round::default(),
        "waits first"
    );
    app.clock.set(at(NOW) + Duration::seconds(31));
    assert_eq!(
        send_due(&app.state, &smtp).await,
        Round { sent: 5, failed: 0 }
    );
    assert_eq!(unsent(&app).await, 0);
    let count = arrivals(&sink);
    assert_eq!(count.len(), 15);
    assert!(count.values().all(|n| *n == 1), "{count:?}");
}

async fn two_instances_share_the_outbox_and_send_each_message_once(backend: Backend) {
    let (sink, app) = with_mail_server(backend).await;
    let smtp = smtp(&sink);
    queue(&app, 70, "shared").await;
    // A second instance: its own connection pool on the same database.
    let other = crate::support::second_instance(&app).await;
    while unsent(&app).await > 0 {
        let (a, b) = tokio::join!(send_due(&app.state, &smtp), send_due(&other, &smtp));
        assert_eq!(a.failed + b.failed, 0);
    }
    let count = arrivals(&sink);
    assert_eq!(count.len(), 70);
    assert!(count.values().all(|n| *n == 1), "sent twice: {count:?}");
}

/// The reminder the day before, with the deadline: written once for tomorrow's sessions only,
/// however often and on however many instances the worker runs.
async fn the_reminder_the_day_before_says_the_deadline_and_comes_once(backend: Backend) {
    let (sink, app) = with_mail_server(backend).await;
    // Inger (Brønderslev) trains on Wednesday 11 March 2026 at 10:00; on Tuesday at 09:00 the
    // reminder says the deadline is noon that day.
    // Not before 09:00 local time, so no text message wakes anyone.
    app.clock.set(at("2026-03-10T07:00:00Z"));
    assert_eq!(queue_reminders(&app.state).await, 0, "08:00 is too early");
    app.clock.set(at("2026-03-10T08:00:00Z"));
    let other = crate::support::second_instance(&app).await;
    let (a, b) = tokio::join!(queue_reminders(&app.state), queue_reminders(&other));
    let reminders: Vec<_> = app
        .state
        .repo
        .outbox_messages(1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.subject.starts_with("Påmindelse"))
        .collect();
    assert_eq!(a + b, reminders.len());
    let inger: Vec<_> = reminders
        .iter()
        .filter(|m| m.to_address == "inger.thomsen@example.dk")
        .collect();
    assert_eq!(inger.len(), 1, "once");
    assert!(inger[0]
        .body_text
        .contains("onsdag 11. marts 2026 kl. 10.00"));
    assert!(inger[0]
        .body_text
        .contains("Afmeld senest tirsdag 10. marts 2026 kl. 12.00"));
    assert_eq!(queue_reminders(&app.state).await, 0, "not again");
    // Only tomorrow's sessions: Henrik's Thursday 12 March is reminded on Wednesday.
    assert!(!reminders.iter().any(|m| m.to_address.starts_with("henrik")));
    send_due(&app.state, &smtp(&sink)).await;
    assert!(sink
        .messages()
        .iter()
        .any(|m| m.to == ["inger.thomsen@example.dk"]));
}

on_both_backends!(
    outbox_mail_arrives_and_an_outage_loses_nothing,
    two_instances_share_the_outbox_and_send_each_message_once,
    the_reminder_the_day_before_says_the_deadline_and_comes_once,
);
