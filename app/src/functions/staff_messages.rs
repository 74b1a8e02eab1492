//! The unit's side of messages (issue 19, part 3): staff of the municipality read the threads
//! from an inbox sorted by how long each has waited, with the day an answer is due, and answer;
//! the citizen (and each relative with the messages scope) is told that an answer waits, by the
//! channels each chose. Every thread read and every answer is logged on the citizen.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
use crate::views::messages::ThreadView;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A thread in the inbox.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InboxThread {
    pub id: i64,
    pub citizen_name: String,
    /// `domain::messages::Topic` code.
    pub topic: String,
    /// Since when the citizen has waited for an answer; none when all is answered.
    pub waiting_since: Option<DateTime<Utc>>,
    pub answer_by: Option<NaiveDate>,
    pub overdue: bool,
    pub last_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageInboxView {
    pub unit: String,
    pub answer_hverdage: u32,
    pub threads: Vec<InboxThread>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffThread {
    pub citizen_name: String,
    pub thread: ThreadView,
    pub overdue: bool,
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::domain::people::StaffRole;
    use crate::ssr::db::ThreadSummary;
    use crate::ssr::request::{self, Ctx};

    pub const ALL_STAFF: [StaffRole; 3] = StaffRole::ALL;

    /// The thread `id` of the staff member's own municipality; another's is refused, logged,
    /// and told not found.
    pub async fn own_thread(
        cx: &Ctx,
        slug: &str,
        id: i64,
        action: Action,
    ) -> Result<ThreadSummary, AppError> {
        match cx.state.repo.message_thread(id).await? {
            Some(t) if t.municipality == slug => Ok(t),
            Some(t) => {
                request::audit_refused(
                    &cx.state,
                    Some(cx.viewer.person_id),
                    Some(t.citizen_id),
                    action,
                    &format!("thread {id} of another municipality"),
                )
                .await?;
                Err(AppError::NotFound)
            }
            None => Err(AppError::NotFound),
        }
    }
}

/// The municipality's threads, those waiting longest first.
#[server(endpoint = "staff/messages")]
pub async fn message_inbox() -> Result<MessageInboxView, AppError> {
    use crate::domain::messages::{answer_by, overdue};
    use crate::domain::time_format::local_date;
    use crate::ssr::request::{self, Ctx};
    let (cx, slug) = Ctx::staff(&server::ALL_STAFF, Action::ViewMessageInbox).await?;
    let m = cx
        .state
        .municipalities
        .get(&slug)
        .ok_or(AppError::NotFound)?;
    let today = local_date(cx.now);
    let rows = cx.state.repo.message_inbox(&slug).await?;
    let mut seen: Vec<i64> = rows.iter().map(|t| t.citizen_id).collect();
    seen.sort_unstable();
    seen.dedup();
    request::audit_each(
        &cx.state,
        Some(cx.viewer.person_id),
        &seen,
        Action::ViewMessageInbox,
        "in the message inbox",
    )
    .await?;
    Ok(MessageInboxView {
        unit: m.messages.unit.clone(),
        answer_hverdage: m.messages.answer_hverdage,
        threads: rows
            .into_iter()
            .map(|t| {
                let by = t.waiting_since.map(|s| answer_by(&m.messages, s));
                InboxThread {
                    id: t.id,
                    citizen_name: t.citizen_name,
                    topic: t.topic,
                    waiting_since: t.waiting_since,
                    answer_by: by,
                    overdue: by.is_some_and(|b| overdue(b, today)),
                    last_at: t.last_at,
                }
            })
            .collect(),
    })
}

/// One thread, for staff of its municipality.
#[server(endpoint = "staff/message_thread")]
pub async fn staff_message_thread(thread: i64) -> Result<StaffThread, AppError> {
    use crate::domain::time_format::local_date;
    use crate::ssr::request::{self, Ctx};
    let (cx, slug) = Ctx::staff(&server::ALL_STAFF, Action::ViewMessageThread).await?;
    let t = server::own_thread(&cx, &slug, thread, Action::ViewMessageThread).await?;
    let view = crate::ssr::messages::thread_view(&cx.state, &t, true).await?;
    request::audit(
        &cx.state,
        Some(cx.viewer.person_id),
        Some(t.citizen_id),
        Action::ViewMessageThread,
        &format!("thread {}", t.id),
    )
    .await?;
    Ok(StaffThread {
        citizen_name: t.citizen_name,
        overdue: view
            .answer_by
            .is_some_and(|b| crate::domain::messages::overdue(b, local_date(cx.now))),
        thread: view,
    })
}

/// Answers a thread; the citizen and each relative with the messages scope are told that an
/// answer waits (only that), by the channels each chose.
#[server(endpoint = "staff/answer_message")]
pub async fn answer_message(thread: i64, body: String) -> Result<(), AppError> {
    use crate::domain::messages::MESSAGE_MAX;
    use crate::errors::Problem;
    use crate::ssr::request::{self, Ctx};
    let (cx, slug) = Ctx::staff(&server::ALL_STAFF, Action::AnswerMessage).await?;
    let t = server::own_thread(&cx, &slug, thread, Action::AnswerMessage).await?;
    let lang = cx.lang;
    let body = body.trim().to_string();
    if body.is_empty() {
        return Err(AppError::Invalid(vec![Problem::at(
            "svar",
            lang.pick("Skriv svaret.", "Write the answer."),
        )]));
    }
    AppError::check_texts(
        lang,
        &[(
            "svar",
            body.as_str(),
            MESSAGE_MAX,
            true,
            ("Svaret", "The answer"),
        )],
    )?;
    let m = cx
        .state
        .municipalities
        .get(&slug)
        .ok_or(AppError::NotFound)?;
    let citizen = cx
        .state
        .repo
        .person(t.citizen_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut notices = vec![];
    for p in crate::ssr::messages::told_of_answer(&cx.state, &citizen, cx.now).await? {
        notices.extend(crate::ssr::notify::notices_to(
            &cx.state,
            Some(&p),
            cx.now,
            |name, to| crate::domain::message_notices::message_answered(name, to, &m.messages.unit),
            Some(crate::domain::sms_notices::message_answered()),
        ));
    }
    request::record(
        &cx.state,
        Some(cx.viewer.person_id),
        Some(t.citizen_id),
        Action::AnswerMessage,
        &format!(
            "thread {}, {} told",
            t.id,
            crate::ssr::notify::people_told(&notices)
        ),
    )
    .of(
        &cx.state,
        cx.state
            .repo
            .add_staff_answer(t.id, cx.viewer.person_id, &body, cx.now, &notices),
    )
    .await?;
    leptos_axum::redirect(&format!("/personale/beskeder/{}?besvaret=1", t.id));
    Ok(())
}
