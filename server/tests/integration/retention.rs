//! Data retention (issue 17): the daily job deletes what is past its period as the settings say,
//! and nothing still needed: a live session, an unsent email, a draft changed within the
//! period, the recent log. The citizen's Min log shows what is kept.
use crate::http::{Browser, NOW};
use crate::support::{at, on_both_backends, spawn_app_with, Backend};
use app::domain::states::AuditOutcome;
use app::ssr::db::{AuditEntry, NewEmail};
use chrono::Duration;

/// Who the browser is signed in as.
async fn person_of(app: &crate::support::TestApp, b: &Browser) -> i64 {
    let hash = app::ssr::session::hash_session_id(&b.cookies["tp_session"]);
    app.state
        .repo
        .web_session(&hash)
        .await
        .unwrap()
        .unwrap()
        .person_id
}

async fn sent_email(
    app: &crate::support::TestApp,
    subject: &str,
    at: chrono::DateTime<chrono::Utc>,
    sent: bool,
) -> i64 {
    let repo = &app.state.repo;
    let id = repo
        .queue_email(&NewEmail {
            recipient_person_id: None,
            to_address: "borger@example.dk".into(),
            subject: subject.into(),
            body_text: "Tekst".into(),
            created_at: at,
            channel: app::ssr::db::OutboxChannel::Email,
        })
        .await
        .unwrap();
    if sent {
        repo.mark_email_sent(id, at).await.unwrap();
    }
    id
}

async fn the_daily_job_deletes_only_what_is_past_its_period(backend: Backend) {
    let app = spawn_app_with(backend, true, NOW, &[("PORTAL_RETAIN_DRAFTS_DAYS", "60")]).await;
    let now = at(NOW);
    let repo = app.state.repo.clone();

    // Made 90 days ago: a sign-in (long expired), an application a citizen started and left,
    // a caseworker's decision draft, an email sent then and one never sent.
    let then = now - Duration::days(90);
    app.clock.set(then);
    let mut old = Browser::new(&app);
    old.sign_in_as("Inger Thomsen").await;
    let inger = person_of(&app, &old).await;
    old.post_form(
        "/ansoeg",
        "/api/apply/save",
        &[
            ("prescreen[need]", "ja"),
            ("needs", "Det er svært at rejse mig fra stolen."),
            ("goals", ""),
            ("training_form", "team"),
            ("place", "health_centre"),
            ("transport", ""),
            ("next", "kladde"),
        ],
    )
    .await;
    assert!(repo.draft_of(inger).await.unwrap().is_some());
    // Two applications taken by phone in Samsø, for the caseworker's drafts.
    let mut hanne = Browser::new(&app);
    hanne.sign_in_as("Hanne Krogh").await;
    for (name, born) in [("Aase Holm", "2.2.1940"), ("Bent Holm", "3.3.1941")] {
        hanne
            .post_form(
                "/personale/modtag",
                "/api/staff/register_application",
                &[
                    ("citizen_name", name),
                    ("citizen_birth_date", born),
                    ("channel", "phone"),
                    ("arrived_on", "2025-12-04"),
                    ("needs", "Svært ved trapper."),
                    ("consent", "oral"),
                    ("consent_on", "2025-12-04"),
                    ("consent_ref", ""),
                ],
            )
            .await;
    }
    let applications = repo.open_applications("samsoe").await.unwrap();
    let (first, second) = (&applications[0].0, &applications[1].0);
    repo.save_decision_draft(first.id, inger, "{}", then)
        .await
        .unwrap();
    let old_sent = sent_email(&app, "Gammel", then, true).await;
    let never_sent = sent_email(&app, "Aldrig sendt", then, false).await;
    // A log entry six years old.
    repo.audit(&AuditEntry {
        at: now - Duration::days(6 * 365),
        actor_id: Some(inger),
        on_behalf_of: Some(inger),
        action: "read_overview".into(),
        detail: "seks år gammel".into(),
        outcome: AuditOutcome::Ok,
        session_hash: None,
        client_addr: None,
    })
    .await
    .unwrap();

    // Today: a live session, a fresh draft, an email sent yesterday.
    app.clock.set(now);
    let mut today = Browser::new(&app);
    today.sign_in_as("Inger Thomsen").await;
    repo.save_decision_draft(second.id, inger, "{}", now)
        .await
        .unwrap();
    let recent = sent_email(&app, "Ny", now - Duration::days(1), true).await;

    let before = repo.audit_log_for(inger).await.unwrap();
    assert!(before.iter().any(|e| e.detail == "seks år gammel"));

    let run = app::ssr::jobs::daily(&app.state, "a")
        .await
        .unwrap()
        .unwrap();
    assert!(run.purged.sessions >= 1, "{run:?}");
    assert_eq!(run.purged.drafts, 1, "the application never sent: {run:?}");
    assert!(run.purged.sent_messages >= 1, "{run:?}");
    assert_eq!(run.purged.audit_entries, 1, "{run:?}");
    assert_eq!(
        app::ssr::jobs::daily(&app.state, "b").await.unwrap(),
        None,
        "once a day across instances"
    );

    // The expired session's row is gone (not merely refused when used).
    let old_hash = app::ssr::session::hash_session_id(&old.cookies["tp_session"]);
    let old_session = repo.web_session(&old_hash).await.unwrap();
    assert_eq!(old_session.map(|s| s.person_id), None);
    let (status, _) = today.page("/oversigt").await;
    assert_eq!(status, 200, "the live session is kept");
    assert_eq!(repo.draft_of(inger).await.unwrap(), None);
    // A caseworker's draft of a case still open is kept however old; the recent one too.
    assert!(repo
        .decision_draft(first.id, inger)
        .await
        .unwrap()
        .is_some());
    assert!(repo
        .decision_draft(second.id, inger)
        .await
        .unwrap()
        .is_some());
    let outbox: Vec<i64> = repo
        .outbox_messages(1_000)
        .await
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    assert!(!outbox.contains(&old_sent));
    assert!(
        outbox.contains(&never_sent),
        "an unsent email waits until sent"
    );
    assert!(outbox.contains(&recent));
    // Min log and the export read the same log: the old entry is gone, today's sign-in is there.
    let (_, log) = today.page("/min-log").await;
    assert!(!log.contains("seks år gammel"), "{log}");
    let export: serde_json::Value = today.get("/min-log/data.json").await.json().await.unwrap();
    let log = export["log"].as_array().unwrap();
    assert!(!log.iter().any(|l| l["detail"] == "seks år gammel"));
    assert!(
        log.iter().any(|l| l["action_da"] == "Loggede ind"),
        "today's sign-in is kept: {log:?}"
    );
}

on_both_backends!(the_daily_job_deletes_only_what_is_past_its_period);
