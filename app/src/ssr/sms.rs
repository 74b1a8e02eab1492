//! Sends the outbox's text messages through the HTTP SMS gateway (`SMS_URL`, `SMS_TOKEN`; its
//! API is in the README, "SMS gateway"): one POST of JSON per message with the bearer token,
//! and the message's id as `Idempotency-Key`, so a gateway that gets a message again (a worker
//! that stopped after sending, before marking it sent) sends it once. A 2xx answer is sent;
//! anything else, or no answer within 10 seconds, is tried again later (`ssr::outbox`).
use super::db::OutboxChannel;
use super::outbox::{round, Round};
use super::settings::SmsSettings;
use super::state::AppState;
use crate::domain::outbox::BATCH;
use std::time::Duration;

/// How long the gateway has to answer.
const TIMEOUT: Duration = Duration::from_secs(10);

/// One round: takes the due text messages and tries each once.
pub async fn send_due(state: &AppState, sms: &SmsSettings) -> Round {
    let client = match reqwest::Client::builder().timeout(TIMEOUT).build() {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "outbox: no HTTP client for the SMS gateway");
            return Round::default();
        }
    };
    let client = &client;
    round(state, OutboxChannel::Sms, |m| async move {
        let id = format!("outbox-{}", m.id);
        let answer = client
            .post(&sms.url)
            .bearer_auth(&sms.token)
            .header("Idempotency-Key", &id)
            .json(&serde_json::json!({ "id": id, "to": m.to_address, "text": m.body_text }))
            .send()
            .await
            .map_err(|e| format!("SMS gateway: {}", e.without_url()))?;
        let status = answer.status();
        if status.is_success() {
            return Ok(());
        }
        let said: String = answer
            .text()
            .await
            .unwrap_or_default()
            .chars()
            .take(200)
            .collect();
        Err(format!("SMS gateway answered {status}: {said}"))
    })
    .await
}

/// Runs rounds for as long as the server runs: at once when the last round was full, otherwise
/// every `every`.
pub fn spawn(state: AppState, sms: SmsSettings, every: Duration) {
    tokio::spawn(async move {
        loop {
            let round = send_due(&state, &sms).await;
            if round.sent + round.failed < BATCH as usize {
                tokio::time::sleep(every).await;
            }
        }
    });
}
