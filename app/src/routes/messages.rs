//! "Beskeder" (`/beskeder`): the citizen's threads with the training unit, one per subject, each
//! with its messages and by when the unit answers; and the form to write. Plain forms, working
//! without JavaScript; what was typed comes back with the message at its field.
use crate::components::form_errors::{ErrorSummary, FieldError};
use crate::components::loaded::Loaded;
use crate::context::{current_lang, typed};
use crate::domain::lang::Lang;
use crate::domain::messages::MessageTopic;
use crate::domain::time_format::{long_date, long_date_time};
use crate::functions::messages::{messages_page, MessagesData, SendMessage};
use crate::views::messages::ThreadView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn MessagesPage() -> impl IntoView {
    let lang = current_lang();
    let sent = use_query_map().get_untracked().get("sendt").is_some();
    let send = ServerAction::<SendMessage>::new();
    view! {
        <Title text=lang.pick("Beskeder – Træningsportalen", "Messages – Træningsportalen")/>
        <h1>{lang.pick("Beskeder", "Messages")}</h1>
        {sent.then(|| view! {
            <div class="confirmation" role="status"><p>{lang.pick(
                "Beskeden er sendt. Du kan se den herunder.",
                "The message is sent. You can see it below.",
            )}</p></div>
        })}
        <ErrorSummary error=Signal::derive(move || send.value().get().and_then(Result::err))/>
        <Loaded load=move || messages_page() show=move |d| messages_view(lang, d, send)/>
    }
}

fn messages_view(lang: Lang, d: MessagesData, send: ServerAction<SendMessage>) -> impl IntoView {
    let whose = d.on_behalf.then(|| {
        view! { <p class="lead">{format!("{} {}", lang.pick("Beskeder for", "Messages for"), d.citizen_name)}</p> }
    });
    let Some((unit, days)) = d.unit.clone() else {
        return view! {
            {whose}
            <p>{lang.pick(
                "Når du har søgt om træning, kan du skrive til kommunen her.",
                "Once you have applied for training, you can write to the municipality here.",
            )}</p>
        }
        .into_any();
    };
    let told = (!d.told.is_empty()).then(|| {
        view! {
            <p>{lang.pick("Når de svarer, får I besked:", "When they answer, you are told:")}</p>
            <ul>{d.told.iter().map(|t| view! { <li>{t.sentence(lang)}</li> }).collect_view()}</ul>
        }
    });
    let threads = if d.threads.is_empty() {
        view! { <p>{lang.pick("Du har ikke skrevet endnu.", "You have not written yet.")}</p> }
            .into_any()
    } else {
        d.threads
            .into_iter()
            .map(|t| thread_view(lang, t, false))
            .collect_view()
            .into_any()
    };
    view! {
        {whose}
        <p class="lead">{match lang {
            Lang::Da => format!(
                "Her kan du skrive til {unit}. Du får svar inden for {days} {}.",
                if days == 1 { "hverdag" } else { "hverdage" }
            ),
            Lang::En => format!(
                "Here you can write to {unit}. You get an answer within {days} working {}.",
                if days == 1 { "day" } else { "days" }
            ),
        }}</p>
        <p>{lang.pick(
            "En besked er ikke et afbud, en klage eller en ansøgning. Dem giver du under Træning, Klager og Søg.",
            "A message is not a cancellation, a complaint or an application. You make those under Training, Complaints and Apply.",
        )}</p>
        {threads}
        {write_form(lang, send)}
        {told}
    }
    .into_any()
}

/// One thread: its subject, when an answer is due, and its messages, oldest first; worded for
/// the citizen ("Min træning", "Du får svar senest …"), or for staff (`staff`).
pub fn thread_view(lang: Lang, t: ThreadView, staff: bool) -> impl IntoView {
    let title = MessageTopic::from_code(&t.topic).map_or(t.topic.clone(), |topic| {
        if staff {
            topic.about(lang).to_string()
        } else {
            topic.label(lang).to_string()
        }
    });
    let heading = format!("traad-{}", t.id);
    let labelled_by = heading.clone();
    let status = match t.answer_by {
        Some(by) if staff => format!(
            "{} {}.",
            lang.pick(
                "Venter på svar. Svar senest",
                "Waiting for an answer. Answer by"
            ),
            long_date(lang, by)
        ),
        Some(by) => format!(
            "{} {}.",
            lang.pick(
                "Venter på svar. Du får svar senest",
                "Waiting for an answer. You get one by"
            ),
            long_date(lang, by)
        ),
        None => lang.pick("Besvaret.", "Answered.").to_string(),
    };
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading>{title}</h2>
            <p><strong>{status}</strong></p>
            <ol class="plain messages">
                {t.messages.into_iter().map(|m| view! {
                    <li class=if m.from_unit { "message message-unit" } else { "message" }>
                        <p class="message-meta">{format!("{}, {}", m.from, long_date_time(lang, m.sent_at))}</p>
                        <p class="message-body">{m.body}</p>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

fn write_form(lang: Lang, send: ServerAction<SendMessage>) -> impl IntoView {
    let error = Signal::derive(move || send.value().get().and_then(Result::err));
    let chosen = typed("topic");
    view! {
        <h2>{lang.pick("Skriv en besked", "Write a message")}</h2>
        <ActionForm action=send>
            <fieldset class="field" id="emne">
                <legend>{lang.pick("Hvad handler beskeden om?", "What is the message about?")}</legend>
                <FieldError error=error field="emne"/>
                {MessageTopic::ALL.into_iter().map(|t| {
                    let id = format!("emne-{}", t.code());
                    view! {
                        <div class="checkbox">
                            <input type="radio" id=id.clone() name="topic" value=t.code() checked=chosen.as_deref() == Some(t.code())/>
                            <label for=id>{t.label(lang)}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label for="besked">{lang.pick("Din besked", "Your message")}</label>
                <p class="hint">{lang.pick("Skriv ikke om andre end dig selv.", "Do not write about anyone but yourself.")}</p>
                <FieldError error=error field="besked"/>
                <textarea id="besked" name="body" rows="6">{crate::components::textarea_text::in_textarea(&typed("body").unwrap_or_default())}</textarea>
            </div>
            <button type="submit" class="button">{lang.pick("Send beskeden", "Send the message")}</button>
        </ActionForm>
    }
}
