//! The outbox's workers. Every change that means a message writes it to the outbox in its own
//! transaction; a worker of each channel takes due messages of that channel (each by one worker
//! only, however many instances run), sends them, marks them sent, and on failure tries again
//! later with a growing wait (`domain::outbox`). A message is never dropped. `mailer` sends
//! email over SMTP, `sms` text messages through the SMS gateway; one's outage holds up only its
//! own messages.
use super::db::{ClaimedEmail, OutboxChannel};
use super::state::AppState;
use crate::domain::outbox::{retry_delay, BATCH, LEASE};
use std::future::Future;

/// What one round did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub failed: usize,
}

/// One round of `channel`: takes the due messages and tries each once with `send`.
pub async fn round<F, Fut>(state: &AppState, channel: OutboxChannel, mut send: F) -> Round
where
    F: FnMut(ClaimedEmail) -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    let now = state.clock.now();
    let claimed = match state
        .repo
        .claim_outbox(channel, now, now + LEASE, BATCH)
        .await
    {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(channel = channel.code(), error = %e, "outbox: could not take messages");
            return Round::default();
        }
    };
    let counter = match channel {
        OutboxChannel::Email => "portal_emails_total",
        OutboxChannel::Sms => "portal_sms_total",
    };
    let mut round = Round::default();
    for m in claimed {
        if channel == OutboxChannel::Email {
            // Alive while it works through a batch, however slow the mail server (`/readyz`).
            state.health.mailer_beat(state.clock.now());
        }
        let (id, attempts) = (m.id, m.attempts);
        let marked = match send(m).await {
            Ok(()) => {
                round.sent += 1;
                metrics::counter!(counter, "result" => "sent").increment(1);
                state.repo.mark_email_sent(id, state.clock.now()).await
            }
            Err(error) => {
                round.failed += 1;
                metrics::counter!(counter, "result" => "failed").increment(1);
                // The address is personal: the log names the message, not the recipient, and
                // leaves out an address or number the server's answer repeats.
                let said = without_addresses(&error);
                tracing::warn!(channel = channel.code(), message = id, attempts, error = %said, "outbox: not sent, will try again");
                let again = state.clock.now() + retry_delay(attempts);
                state.repo.mark_email_failed(id, &said, again).await
            }
        };
        if let Err(e) = marked {
            // The lease runs out and another round takes it again.
            tracing::error!(message = id, error = %e, "outbox: could not record the result");
        }
    }
    round
}

/// `text` with every word holding an `@` (an email address, however quoted) replaced by `…@…`,
/// and every run of six or more digits (a phone number, however written) by `…`.
pub fn without_addresses(text: &str) -> String {
    let words: Vec<String> = text
        .split(' ')
        .map(|w| {
            if w.contains('@') {
                "…@…".to_string()
            } else {
                w.to_string()
            }
        })
        .collect();
    let mut out = String::new();
    let mut digits = String::new();
    let flush = |out: &mut String, digits: &mut String| {
        if digits.chars().filter(char::is_ascii_digit).count() >= 6 {
            out.push('…');
            if digits.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push_str(digits);
        }
        digits.clear();
    };
    for c in words.join(" ").chars() {
        if c.is_ascii_digit()
            || (c == '+' && digits.is_empty())
            || (!digits.is_empty() && matches!(c, ' ' | '-' | '.'))
        {
            digits.push(c);
        } else {
            flush(&mut out, &mut digits);
            out.push(c);
        }
    }
    flush(&mut out, &mut digits);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_servers_answer_is_logged_without_the_address_or_number() {
        assert_eq!(
            without_addresses("permanent error (550): <karen.ostergaard@example.dk>: no such user"),
            "permanent error (550): …@… no such user"
        );
        assert_eq!(
            without_addresses("400 Bad Request: +45 20 12 34 56 is not a mobile"),
            "400 Bad Request: … is not a mobile"
        );
        assert_eq!(without_addresses("503 for 30 s"), "503 for 30 s");
        assert_eq!(without_addresses("to 20-12-34-56."), "to …");
    }
}
