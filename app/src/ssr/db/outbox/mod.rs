//! The transactional outbox of emails and text messages, and the reminders it sends.
use super::*;
pub use crate::domain::sms::OutboxChannel;

/// A message to send, written in the same transaction as the change that causes it: an email,
/// or an SMS (`to_address` a mobile number, +45 and eight digits; no subject).
#[derive(Clone, Debug, PartialEq)]
pub struct NewEmail {
    pub recipient_person_id: Option<PersonId>,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub created_at: DateTime<Utc>,
    pub channel: OutboxChannel,
}

/// A message in the outbox, as the development mail page shows it.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct OutboxMessage {
    pub id: i64,
    /// "email" or "sms".
    pub channel: String,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// What waits in the outbox.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OutboxBacklog {
    /// Messages not yet sent.
    pub unsent: i64,
    /// Of those, the ones tried and refused at least once (a wrong address is retried on).
    pub failing: i64,
    /// When the oldest unsent message was written.
    pub oldest_unsent: Option<DateTime<Utc>>,
    /// When the oldest message never yet tried was written: mail is not going out if old.
    pub oldest_untried: Option<DateTime<Utc>>,
}

/// A message a worker has taken from the outbox to send.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ClaimedEmail {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    /// Tries so far, this one included.
    pub attempts: i64,
}

/// A booked session that starts soon and has had no reminder, with what the reminder says.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct DueReminder {
    pub booking_id: i64,
    pub citizen_id: PersonId,
    pub municipality: String,
    pub place: String,
    pub starts_at: DateTime<Utc>,
}

#[async_trait::async_trait]
pub trait OutboxStore: Send + Sync {
    /// The newest messages in the outbox (the development mail page).
    /// Queues an email on its own (one not written with another change).
    async fn queue_email(&self, e: &NewEmail) -> DbResult<i64>;
    /// Takes up to `limit` unsent messages of `channel` that are due and not held by another
    /// worker, holding them until `lease_until`; each is taken by one worker only, on several
    /// instances too.
    async fn claim_outbox(
        &self,
        channel: OutboxChannel,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: i64,
    ) -> DbResult<Vec<ClaimedEmail>>;
    async fn mark_email_sent(&self, id: i64, now: DateTime<Utc>) -> DbResult<()>;
    /// A failed try: the error, and when to try again.
    async fn mark_email_failed(
        &self,
        id: i64,
        error: &str,
        next_attempt_at: DateTime<Utc>,
    ) -> DbResult<()>;
    async fn outbox_messages(&self, limit: i64) -> DbResult<Vec<OutboxMessage>>;
    /// What waits in the outbox (metrics).
    async fn outbox_backlog(&self) -> DbResult<OutboxBacklog>;
    /// Booked sessions starting in [`from`, `until`) whose citizen has an email address or a
    /// mobile number and has had no reminder for them.
    async fn due_reminders(
        &self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> DbResult<Vec<DueReminder>>;
    /// Marks the booking reminded at `at` and queues its messages (an email, an SMS or both, or
    /// none when the citizen can be reached no way: then it is not read again every round),
    /// together and once (false when another worker did it first).
    async fn queue_reminder(
        &self,
        booking: i64,
        at: DateTime<Utc>,
        messages: &[NewEmail],
    ) -> DbResult<bool>;
}
