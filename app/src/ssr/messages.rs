//! What the citizen's and the staff's message pages share (issue 19, `domain::messages`): the
//! municipality a citizen writes to, a thread as pages show it, and who is told of an answer.
use crate::domain::municipality::Municipality;
use crate::domain::people::Scope;
use crate::errors::AppError;
use crate::ssr::db::{Person, ThreadSummary};
use crate::ssr::state::AppState;
use crate::views::messages::{MessageView, ThreadView};
use chrono::{DateTime, Utc};

/// The municipality the citizen writes to: their home municipality, once known.
pub fn municipality_of<'a>(state: &'a AppState, citizen: &Person) -> Option<&'a Municipality> {
    state
        .municipalities
        .get(citizen.home_municipality.as_deref()?)
}

/// A thread with its messages; the unit's answers signed with the unit (`staff_names`: with the
/// staff member's name instead, for staff).
pub async fn thread_view(
    state: &AppState,
    t: &ThreadSummary,
    staff_names: bool,
) -> Result<ThreadView, AppError> {
    let m = state.municipalities.get(&t.municipality);
    let unit = m.map_or_else(|| t.municipality.clone(), |m| m.messages.unit.clone());
    let messages = state
        .repo
        .thread_messages(t.id)
        .await?
        .into_iter()
        .map(|r| {
            let from_unit = r.side == "staff";
            MessageView {
                from: if from_unit && !staff_names {
                    unit.clone()
                } else {
                    r.author_name
                },
                from_unit,
                body: r.body,
                sent_at: r.sent_at,
            }
        })
        .collect();
    Ok(ThreadView {
        id: t.id,
        topic: t.topic.clone(),
        answer_by: match (m, t.waiting_since) {
            (Some(m), Some(since)) => Some(crate::domain::messages::answer_by(&m.messages, since)),
            _ => None,
        },
        messages,
    })
}

/// Who is told that the unit has answered: the citizen, and each relative whose power carries
/// the messages scope today.
pub async fn told_of_answer(
    state: &AppState,
    citizen: &Person,
    now: DateTime<Utc>,
) -> Result<Vec<Person>, AppError> {
    crate::ssr::notify::people_to_tell(state, citizen, now, Scope::Messages).await
}
