//! The unit's messages (`/personale/beskeder`): the inbox, those waiting longest first with the
//! day an answer is due (a late one named), and one thread with the form to answer.
use crate::components::form_errors::{ErrorSummary, FieldError};
use crate::components::loaded::{id_param, Loaded};
use crate::context::{current_lang, typed};
use crate::domain::lang::Lang;
use crate::domain::messages::MessageTopic;
use crate::domain::time_format::{long_date, long_date_time};
use crate::functions::staff_messages::{
    message_inbox, staff_message_thread, AnswerMessage, InboxThread, MessageInboxView,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn MessageInboxPage() -> impl IntoView {
    let lang = current_lang();
    view! {
        <Title text=lang.pick("Beskeder – Personale – Træningsportalen", "Messages – Staff – Træningsportalen")/>
        <h1>{lang.pick("Beskeder fra borgere", "Messages from citizens")}</h1>
        <Loaded load=move || message_inbox() show=move |d| inbox_view(lang, d)/>
    }
}

fn inbox_view(lang: Lang, d: MessageInboxView) -> impl IntoView {
    let (waiting, answered): (Vec<InboxThread>, Vec<InboxThread>) = d
        .threads
        .into_iter()
        .partition(|t| t.waiting_since.is_some());
    let goal = match lang {
        Lang::Da => format!(
            "{} svarer inden for {} hverdage. De, der har ventet længst, står øverst.",
            d.unit, d.answer_hverdage
        ),
        Lang::En => format!(
            "{} answers within {} working days. Those who have waited longest are first.",
            d.unit, d.answer_hverdage
        ),
    };
    view! {
        <p class="lead">{goal}</p>
        <h2>{lang.pick("Venter på svar", "Waiting for an answer")}</h2>
        {rows(lang, waiting)}
        <h2>{lang.pick("Besvaret", "Answered")}</h2>
        {rows(lang, answered)}
    }
}

fn rows(lang: Lang, threads: Vec<InboxThread>) -> AnyView {
    if threads.is_empty() {
        return view! { <p>{lang.pick("Ingen.", "None.")}</p> }.into_any();
    }
    view! {
        <ul class="sessions">
            {threads.into_iter().map(|t| {
                let topic = MessageTopic::from_code(&t.topic).map_or(t.topic.clone(), |x| x.label(lang).to_string());
                let due = t.answer_by.map(|by| {
                    let text = format!("{} {}", lang.pick("Svar senest", "Answer by"), long_date(lang, by));
                    if t.overdue {
                        view! { <br/><strong class="overdue">{format!("{text} – {}", lang.pick("fristen er overskredet", "the deadline has passed"))}</strong> }.into_any()
                    } else {
                        view! { <br/>{text} }.into_any()
                    }
                });
                let since = t.waiting_since.or(t.last_at).map(|at| format!(
                    "{} {}",
                    if t.waiting_since.is_some() { lang.pick("Skrevet", "Written") } else { lang.pick("Seneste", "Latest") },
                    long_date_time(lang, at)
                ));
                view! {
                    <li>
                        <a href=format!("/personale/beskeder/{}", t.id)>{format!("{} – {topic}", t.citizen_name)}</a>
                        {since.map(|s| view! { <br/>{s} })}
                        {due}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn MessageThreadPage() -> impl IntoView {
    let lang = current_lang();
    let thread = id_param("id");
    let answered = use_query_map().get_untracked().get("besvaret").is_some();
    let answer = ServerAction::<AnswerMessage>::new();
    let error = Signal::derive(move || answer.value().get().and_then(Result::err));
    view! {
        <Title text=lang.pick("Besked – Personale – Træningsportalen", "Message – Staff – Træningsportalen")/>
        {answered.then(|| view! {
            <div class="confirmation" role="status"><p>{lang.pick(
                "Svaret er sendt. Borgeren har fået besked om det.",
                "The answer is sent. The citizen has been told.",
            )}</p></div>
        })}
        <ErrorSummary error=error/>
        <Loaded load=move || staff_message_thread(thread) show=move |d| {
            let id = d.thread.id;
            view! {
                <h1>{format!("{} {}", lang.pick("Beskeder fra", "Messages from"), d.citizen_name)}</h1>
                {d.overdue.then(|| view! { <p><strong class="overdue">{lang.pick("Fristen for svar er overskredet.", "The deadline for an answer has passed.")}</strong></p> })}
                {crate::routes::messages::thread_view(lang, d.thread, true)}
                <h2>{lang.pick("Svar", "Answer")}</h2>
                <ActionForm action=answer>
                    <input type="hidden" name="thread" value=id.to_string()/>
                    <div class="field">
                        <label for="svar">{lang.pick("Dit svar", "Your answer")}</label>
                        <p class="hint">{lang.pick(
                            "Borgeren får besked om, at der er et svar. Beskeden siger ikke, hvad du har skrevet.",
                            "The citizen is told that there is an answer. The notice does not say what you wrote.",
                        )}</p>
                        <FieldError error=error field="svar"/>
                        <textarea id="svar" name="body" rows="6">{crate::components::textarea_text::in_textarea(&typed("body").unwrap_or_default())}</textarea>
                    </div>
                    <button type="submit" class="button">{lang.pick("Send svaret", "Send the answer")}</button>
                </ActionForm>
                <p><a href="/personale/beskeder">{lang.pick("Tilbage til beskederne", "Back to the messages")}</a></p>
            }
            .into_any()
        }/>
    }
}
