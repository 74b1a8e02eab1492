//! Development only: the messages the portal has queued, so invitations and receipts can be
//! read without a mail server. In production this page is a 404.
use crate::components::loaded::Loaded;
use crate::context::{current_lang, is_development};
use crate::domain::lang::Lang;
use crate::domain::time_format::long_date_time;
use crate::functions::dev::{dev_mail, QueuedMail};
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DevMailPage() -> impl IntoView {
    if !is_development() {
        return view! { <NotFound/> }.into_any();
    }
    let lang = current_lang();
    view! {
        <Title text=lang.pick("Udviklingspost – Træningsportalen", "Development mail – Træningsportalen")/>
        <h1>{lang.pick("Udviklingspost", "Development mail")}</h1>
        <p>{lang.pick(
            "Denne side findes kun i udviklingstilstand. Den viser de nyeste e-mails og sms'er, portalen har lagt i kø.",
            "This page exists in development mode only. It shows the newest emails and text messages the portal has queued.",
        )}</p>
        <Loaded load=move || dev_mail() show=move |d| match d {
                list if list.is_empty() => view! { <p>{lang.pick("Ingen e-mails endnu.", "No emails yet.")}</p> }.into_any(),
                list => view! { <ol class="plain mails">{list.into_iter().map(|m| mail_view(lang, m)).collect_view()}</ol> }.into_any(),
}/>
    }
    .into_any()
}

fn mail_view(lang: Lang, m: QueuedMail) -> impl IntoView {
    view! {
        <li class="mail">
            <h2>{m.subject}</h2>
            <dl class="facts">
                <dt>{lang.pick("Til", "To")}</dt>
                <dd>{m.to}</dd>
                <dt>{lang.pick("Lagt i kø", "Queued")}</dt>
                <dd>{long_date_time(lang, m.created_at)}</dd>
                <dt>{lang.pick("Sendt", "Sent")}</dt>
                <dd>{if m.sent { lang.pick("Ja", "Yes") } else { lang.pick("Ikke endnu", "Not yet") }}</dd>
            </dl>
            <pre class="mail-body">{m.body}</pre>
        </li>
    }
}
