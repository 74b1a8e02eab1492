//! "Beskeder" (issue 19, part 3): the citizen, or a relative whose power carries the messages
//! scope, writes to the training unit named in the municipality's file about their training,
//! their application or their complaint, one thread per subject, and reads the answers. The page
//! says by when the unit answers ("Du får svar senest …", counted in hverdage). Plain forms,
//! working without JavaScript.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
use crate::views::messages::ThreadView;
use crate::views::notify::ToldView;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessagesData {
    pub citizen_name: String,
    pub on_behalf: bool,
    /// The unit written to, and its answer goal in hverdage; none before the citizen has a
    /// municipality.
    pub unit: Option<(String, u32)>,
    pub threads: Vec<ThreadView>,
    /// Who is told when the unit answers, and how.
    pub told: Vec<ToldView>,
}

/// The citizen's threads with the unit.
#[server(endpoint = "messages/page")]
pub async fn messages_page() -> Result<MessagesData, AppError> {
    use crate::domain::people::Scope;
    use crate::ssr::request::{self, Ctx};
    let (
        Ctx {
            state, viewer, now, ..
        },
        citizen,
    ) = Ctx::citizen(Scope::Messages, Action::ViewMessages).await?;
    let person = state
        .repo
        .person(citizen)
        .await?
        .ok_or(AppError::NotFound)?;
    let m = crate::ssr::messages::municipality_of(&state, &person);
    let mut threads = vec![];
    for t in state.repo.threads_of(citizen).await? {
        threads.push(crate::ssr::messages::thread_view(&state, &t, false).await?);
    }
    let told = crate::ssr::messages::told_of_answer(&state, &person, now)
        .await?
        .iter()
        .map(|p| crate::ssr::notify::told(&state, p, p.id == viewer.person_id))
        .collect();
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::ViewMessages,
        &format!("{} threads", threads.len()),
    )
    .await?;
    Ok(MessagesData {
        citizen_name: person.name,
        on_behalf: viewer.person_id != citizen,
        unit: m.map(|m| (m.messages.unit.clone(), m.messages.answer_hverdage)),
        threads,
        told,
    })
}

/// Sends a message to the unit, in the thread of its subject (`topic`: "course",
/// "application" or "complaint"). An empty or too long message, or no subject, is told at its
/// field; nothing is sent until all is right.
#[server(endpoint = "messages/send")]
pub async fn send_message(topic: Option<String>, body: String) -> Result<(), AppError> {
    use crate::domain::messages::{MessageTopic, MESSAGE_MAX};
    use crate::domain::people::Scope;
    use crate::errors::Problem;
    use crate::ssr::db::NewCitizenMessage;
    use crate::ssr::request::{self, Ctx};
    let (
        Ctx {
            state,
            viewer,
            lang,
            now,
        },
        citizen,
    ) = Ctx::citizen(Scope::Messages, Action::SendMessage).await?;
    let person = state
        .repo
        .person(citizen)
        .await?
        .ok_or(AppError::NotFound)?;
    let m = crate::ssr::messages::municipality_of(&state, &person).ok_or_else(|| {
        AppError::invalid(lang.pick(
            "Vi ved endnu ikke, hvilken kommune du hører til. Søg om træning først, eller ring til kommunen.",
            "We do not know your municipality yet. Apply for training first, or phone the municipality.",
        ))
    })?;
    let mut problems = vec![];
    let topic = topic.as_deref().and_then(MessageTopic::from_code);
    if topic.is_none() {
        problems.push(Problem::at(
            "emne",
            lang.pick(
                "Vælg, hvad beskeden handler om.",
                "Choose what the message is about.",
            ),
        ));
    }
    let body = body.trim().to_string();
    if body.is_empty() {
        problems.push(Problem::at(
            "besked",
            lang.pick("Skriv din besked.", "Write your message."),
        ));
    } else if let Err(AppError::Invalid(mut p)) = AppError::check_texts(
        lang,
        &[(
            "besked",
            body.as_str(),
            MESSAGE_MAX,
            true,
            ("Beskeden", "The message"),
        )],
    ) {
        problems.append(&mut p);
    }
    let Some(topic) = topic.filter(|_| problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };
    let new = NewCitizenMessage {
        citizen_id: citizen,
        municipality: m.slug.clone(),
        topic: topic.code().into(),
        author_id: viewer.person_id,
        body,
        at: now,
    };
    request::record(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::SendMessage,
        &format!("about {} to {}", topic.code(), m.slug),
    )
    .of(&state, state.repo.add_citizen_message(&new))
    .await?;
    leptos_axum::redirect("/beskeder?sendt=1");
    Ok(())
}
