//! Sends what the outbox holds, over SMTP with lettre. Every change that means an email writes it
//! to the outbox in its own transaction; this worker takes due messages (each by one worker only,
//! however many instances run), sends them, marks them sent, and on failure tries again later
//! with a growing wait (`domain::outbox`). A message is never dropped.
use super::settings::SmtpSettings;
use super::state::AppState;
use crate::domain::outbox::{retry_delay, BATCH, LEASE};
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// What one round did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub failed: usize,
}

/// Writes the reminder for every booked session tomorrow (local time) that has had none, each
/// once however many workers run; returns how many it wrote.
pub async fn queue_reminders(state: &AppState) -> usize {
    use crate::domain::lang::Lang;
    use crate::domain::time_format::{local_date, local_instant};
    let now = state.clock.now();
    let tomorrow = local_date(now) + chrono::Days::new(1);
    let (Some(from), Some(until)) = (
        local_instant(tomorrow, 0, 0),
        local_instant(tomorrow + chrono::Days::new(1), 0, 0),
    ) else {
        return 0;
    };
    let due = match state.repo.due_reminders(from, until).await {
        Ok(d) => d,
        Err(e) => {
            tracing::error!(error = %e, "reminders: could not read bookings");
            return 0;
        }
    };
    let mut written = 0;
    for r in due {
        let Some(m) = state.municipalities.get(&r.municipality) else {
            continue;
        };
        let rule = m.rules.cancellation.rule;
        let shown =
            crate::domain::deadlines::cancellation_deadline(rule, r.starts_at).map(|d| d.shown);
        let n = crate::domain::notices::session_reminder(
            &r.name,
            &r.email,
            r.starts_at,
            &r.place,
            &crate::domain::rules_answers::cancellation_text(Lang::Da, rule, shown),
            &crate::domain::rules_answers::cancellation_text(Lang::En, rule, shown),
        );
        let email = super::db::NewEmail {
            recipient_person_id: Some(r.citizen_id),
            to_address: r.email.clone(),
            subject: n.subject,
            body_text: n.body,
            created_at: now,
        };
        match state.repo.queue_reminder(r.booking_id, &email).await {
            Ok(true) => written += 1,
            Ok(false) => {}
            Err(e) => tracing::error!(booking = r.booking_id, error = %e, "reminders: not written"),
        }
    }
    written
}

/// One round: takes the due messages and tries each once.
pub async fn send_due(state: &AppState, smtp: &SmtpSettings) -> Round {
    let now = state.clock.now();
    let claimed = match state.repo.claim_outbox(now, now + LEASE, BATCH).await {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "outbox: could not take messages");
            return Round::default();
        }
    };
    let mut round = Round::default();
    if claimed.is_empty() {
        return round;
    }
    let transport = match AsyncSmtpTransport::<Tokio1Executor>::from_url(&smtp.url) {
        Ok(t) => t.timeout(Some(Duration::from_secs(20))).build(),
        Err(e) => {
            tracing::error!(error = %e, "outbox: SMTP_URL cannot be used");
            return round;
        }
    };
    for m in claimed {
        // Alive while it works through a batch, however slow the mail server (`/readyz`).
        state.health.mailer_beat(state.clock.now());
        let result = match message(smtp, m.id, &m.to_address, &m.subject, &m.body_text) {
            Ok(msg) => transport
                .send(msg)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        let marked = match result {
            Ok(()) => {
                round.sent += 1;
                metrics::counter!("portal_emails_total", "result" => "sent").increment(1);
                state.repo.mark_email_sent(m.id, state.clock.now()).await
            }
            Err(error) => {
                round.failed += 1;
                metrics::counter!("portal_emails_total", "result" => "failed").increment(1);
                // The address is personal: the log names the message, not the recipient.
                // A mail server's answer may repeat the address: it is left out of the log.
                let said = without_addresses(&error);
                tracing::warn!(message = m.id, attempts = m.attempts, error = %said, "outbox: not sent, will try again");
                let again = state.clock.now() + retry_delay(m.attempts);
                state.repo.mark_email_failed(m.id, &error, again).await
            }
        };
        if let Err(e) = marked {
            // The lease runs out and another round takes it again.
            tracing::error!(message = m.id, error = %e, "outbox: could not record the result");
        }
    }
    round
}

/// `text` with every word holding an `@` (an email address, however quoted) replaced by `…@…`.
fn without_addresses(text: &str) -> String {
    text.split(' ')
        .map(|w| if w.contains('@') { "…@…" } else { w })
        .collect::<Vec<_>>()
        .join(" ")
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
            queue_reminders(&state).await;
            let round = send_due(&state, &smtp).await;
            if round.sent + round.failed < BATCH as usize {
                tokio::time::sleep(every).await;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mail_servers_answer_is_logged_without_the_address() {
        assert_eq!(
            without_addresses("permanent error (550): <karen.ostergaard@example.dk>: no such user"),
            "permanent error (550): …@… no such user"
        );
    }
}
