//! "Sådan får du besked" (`/besked`): how the portal tells the signed-in citizen or relative
//! about their sessions, waiting lists and decisions: email, SMS or both, with the address and
//! the mobile number. A plain form, working without JavaScript; what was typed comes back with
//! the message at its field.
use crate::components::form_errors::{ErrorSummary, FieldError};
use crate::components::loaded::Loaded;
use crate::context::{current_lang, typed};
use crate::domain::lang::Lang;
use crate::domain::sms::NotifyBy;
use crate::functions::notify::{contact_page, ContactData, SaveContact};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NotifyPage() -> impl IntoView {
    let lang = current_lang();
    let saved = use_query_map().get_untracked().get("gemt").is_some();
    let save = ServerAction::<SaveContact>::new();
    view! {
        <Title text=lang.pick("Sådan får du besked – Træningsportalen", "How you are told – Træningsportalen")/>
        <h1>{lang.pick("Sådan får du besked", "How you are told")}</h1>
        {saved.then(|| view! {
            <div class="confirmation" role="status"><p>{lang.pick(
                "Dit valg er gemt. Vi bruger det fra nu af.",
                "Your choice is saved. We use it from now on.",
            )}</p></div>
        })}
        <ErrorSummary error=Signal::derive(move || save.value().get().and_then(Result::err))/>
        <Loaded load=move || contact_page() show=move |d| contact_form(lang, d, save)/>
    }
}

fn contact_form(lang: Lang, d: ContactData, save: ServerAction<SaveContact>) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let chosen = typed("notify_by")
        .and_then(|c| NotifyBy::from_code(&c))
        .unwrap_or(d.notify_by);
    let choice = move |value: NotifyBy, da: &'static str, en: &'static str| {
        let id = format!("besked-{}", value.code());
        view! {
            <div class="checkbox">
                <input type="radio" id=id.clone() name="notify_by" value=value.code() checked=chosen == value/>
                <label for=id>{lang.pick(da, en)}</label>
            </div>
        }
    };
    let email = typed("email").or(d.email.clone()).unwrap_or_default();
    let phone_now = d.phone.clone().map(|p| {
        view! {
            <p id="hint-phone">{format!(
                "{} {p}. {}",
                lang.pick("Dit nummer nu:", "Your number now:"),
                lang.pick("Skriv kun et nummer, hvis du vil skifte det.", "Type a number only to change it."),
            )}</p>
            <div class="checkbox">
                <input type="checkbox" id="remove_phone" name="remove_phone" value="ja" checked=typed("remove_phone").is_some()/>
                <label for="remove_phone">{lang.pick("Slet mit mobilnummer", "Remove my mobile number")}</label>
            </div>
        }
    });
    let choices = if d.sms_offered {
        view! {
            <fieldset class="field" id="notify_by">
                <legend>{lang.pick("Hvordan vil du have besked?", "How do you want to be told?")}</legend>
                <FieldError error=error field="notify_by"/>
                {choice(NotifyBy::Email, "På e-mail", "By email")}
                {choice(NotifyBy::Sms, "På sms", "By text message")}
                {choice(NotifyBy::Both, "På både e-mail og sms", "By both email and text message")}
            </fieldset>
        }
        .into_any()
    } else {
        view! {
            <input type="hidden" name="notify_by" value="email"/>
            <p>{lang.pick(
                "Kommunen sender ikke sms fra portalen endnu. Du får besked på e-mail.",
                "The municipality does not send text messages from the portal yet. You are told by email.",
            )}</p>
        }
        .into_any()
    };
    let sms_field = d.sms_offered.then(|| {
        view! {
            <div class="field">
                <label for="phone">{lang.pick("Mobilnummer", "Mobile number")}</label>
                <p class="hint" id="hint-phone-form">{lang.pick("Et dansk nummer med 8 cifre, fx 20 12 34 56.", "A Danish number with 8 digits, for example 20 12 34 56.")}</p>
                <FieldError error=error field="phone"/>
                <input type="tel" id="phone" name="phone" value=typed("phone") autocomplete="tel" inputmode="tel" aria-describedby=if d.phone.is_some() { "hint-phone-form hint-phone" } else { "hint-phone-form" }/>
                {phone_now}
            </div>
        }
    });
    view! {
        <p class="lead">{lang.pick(
            "Vi giver dig besked, når der sker noget: en påmindelse dagen før dit hold, når kommunen aflyser eller flytter et hold, når der er en plads til dig fra ventelisten, og når der er en afgørelse.",
            "We tell you when something happens: a reminder the day before your session, when the municipality cancels or moves a session, when a place from the waiting list is yours, and when there is a decision.",
        )}</p>
        <p>{lang.pick(
            "En sms siger kun det vigtigste: tiden og fristen. Den siger aldrig noget om dit helbred. Andre breve får du på e-mail. Har vi ingen e-mail, får du en sms om, at der er post til dig.",
            "A text message says only what matters most: the time and the deadline. It never says anything about your health. Other letters come by email. If we have no email address, you get a text message saying there is post for you.",
        )}</p>
        <ActionForm action=save>
            {choices}
            <div class="field">
                <label for="email">{lang.pick("E-mail", "Email")}</label>
                <FieldError error=error field="email"/>
                <input type="email" id="email" name="email" value=email autocomplete="email" spellcheck="false"/>
            </div>
            {sms_field}
            <button type="submit" class="button">{lang.pick("Gem", "Save")}</button>
        </ActionForm>
        <p><a href="/">{lang.pick("Tilbage til forsiden", "Back to the front page")}</a></p>
    }
}
