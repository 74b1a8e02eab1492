//! Sends the outbox's email over SMTP with lettre (`ssr::outbox` takes and marks the messages).
use super::db::OutboxChannel;
use super::outbox::round;
pub use super::outbox::Round;
use super::settings::SmtpSettings;
use super::state::AppState;
use crate::domain::outbox::BATCH;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// One round: takes the due emails and tries each once.
pub async fn send_due(state: &AppState, smtp: &SmtpSettings) -> Round {
    let transport = match AsyncSmtpTransport::<Tokio1Executor>::from_url(&smtp.url) {
        Ok(t) => t.timeout(Some(Duration::from_secs(20))).build(),
        Err(e) => {
            tracing::error!(error = %e, "outbox: SMTP_URL cannot be used");
            return Round::default();
        }
    };
    let transport = &transport;
    round(state, OutboxChannel::Email, |m| async move {
        let msg = message(smtp, m.id, &m.to_address, &m.subject, &m.body_text)?;
        transport
            .send(msg)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    })
    .await
}

/// The email for outbox message `id`; its Message-ID names the message, so a receiving system
/// (and the tests) can tell one message from another.
fn message(
    smtp: &SmtpSettings,
    id: i64,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<Message, String> {
    let domain = smtp
        .from
        .rsplit_once('@')
        .map_or("traeningsportalen", |(_, d)| d.trim_end_matches('>'));
    Message::builder()
        .from(smtp.from.parse().map_err(|e| format!("from: {e}"))?)
        .to(to.parse().map_err(|e| format!("to: {e}"))?)
        .subject(subject)
        .message_id(Some(format!("<outbox-{id}@{domain}>")))
        .header(ContentType::TEXT_PLAIN)
        .body(body.to_string())
        .map_err(|e| e.to_string())
}

/// Runs rounds for as long as the server runs: at once when the last round was full, otherwise
/// every `every`.
pub fn spawn(state: AppState, smtp: SmtpSettings, every: Duration) {
    tokio::spawn(async move {
        loop {
            state.health.mailer_beat(state.clock.now());
            let round = send_due(&state, &smtp).await;
            if round.sent + round.failed < BATCH as usize {
                tokio::time::sleep(every).await;
            }
        }
    });
}
