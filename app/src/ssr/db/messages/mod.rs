//! Messages with the training unit (issue 19, `domain::messages`): one thread per citizen and
//! subject, the messages in it, and the staff inbox sorted by how long each thread has waited.
use super::*;

/// A thread as the lists show it.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ThreadSummary {
    pub id: i64,
    pub citizen_id: PersonId,
    pub citizen_name: String,
    pub municipality: String,
    /// `domain::messages::Topic` code.
    pub topic: String,
    pub created_at: DateTime<Utc>,
    /// When the newest message came.
    pub last_at: Option<DateTime<Utc>>,
    /// When the first message not yet answered came; none when the unit has answered all.
    pub waiting_since: Option<DateTime<Utc>>,
}

/// One message of a thread.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ThreadMessage {
    pub id: i64,
    pub author_id: PersonId,
    pub author_name: String,
    /// "citizen" (the citizen or a relative for them) or "staff".
    pub side: String,
    pub body: String,
    pub sent_at: DateTime<Utc>,
}

/// A message from the citizen's side, to the thread of its subject (made with the first).
#[derive(Clone, Debug, PartialEq)]
pub struct NewCitizenMessage {
    pub citizen_id: PersonId,
    pub municipality: String,
    pub topic: String,
    pub author_id: PersonId,
    pub body: String,
    pub at: DateTime<Utc>,
}

#[async_trait::async_trait]
pub trait MessageStore: Send + Sync {
    /// Adds the message to the citizen's thread of its subject, making the thread with the
    /// first; returns the thread.
    async fn add_citizen_message(&self, m: &NewCitizenMessage) -> DbResult<i64>;
    /// The unit's answer on `thread`, with the notices that an answer waits, together.
    async fn add_staff_answer(
        &self,
        thread: i64,
        author: PersonId,
        body: &str,
        at: DateTime<Utc>,
        notices: &[NewEmail],
    ) -> DbResult<()>;
    /// The citizen's threads, newest first.
    async fn threads_of(&self, citizen: PersonId) -> DbResult<Vec<ThreadSummary>>;
    /// The municipality's threads: those waiting longest first, then the answered, newest first.
    async fn message_inbox(&self, municipality: &str) -> DbResult<Vec<ThreadSummary>>;
    async fn message_thread(&self, id: i64) -> DbResult<Option<ThreadSummary>>;
    /// The thread's messages, oldest first.
    async fn thread_messages(&self, thread: i64) -> DbResult<Vec<ThreadMessage>>;
}

// The SQL both backends share (their statements are in `sql.rs`).

/// Threads with their newest message and how long they have waited.
pub(in crate::ssr::db) const THREAD_SELECT: &str = "select t.id, t.citizen_id,
        p.name as citizen_name, t.municipality, t.topic, t.created_at,
        (select max(m.sent_at) from messages m where m.thread_id = t.id) as last_at,
        (select min(m.sent_at) from messages m
         where m.thread_id = t.id and m.side = 'citizen'
           and m.id > coalesce((select max(s.id) from messages s
                                where s.thread_id = t.id and s.side = 'staff'), 0)) as waiting_since
     from message_threads t join people p on p.id = t.citizen_id";
