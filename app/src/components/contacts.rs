//! A municipality's contacts, as the municipality file gives them, with whether the phone is
//! open at `now` (the server's clock, when the page is made) where the file gives phone hours.
use crate::context::current_lang;
use crate::domain::municipality::Contact;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

#[component]
pub fn ContactList(contacts: Vec<Contact>, now: DateTime<Utc>) -> impl IntoView {
    let lang = current_lang();
    let items = contacts
        .into_iter()
        .map(|c| {
            let purpose = lang.pick(&c.purpose_da, &c.purpose_en).to_string();
            let hours = c.hours.as_ref().map(|h| {
                (
                    h.text(lang),
                    h.state(now).text(lang, now),
                    h.rule_id.clone(),
                    h.change_text(lang, now),
                )
            });
            let phone = c.phone.map(|p| {
                let href = format!("tel:+45{}", p.split('/').next().unwrap_or(&p).replace(' ', ""));
                view! { <li>{lang.pick("Telefon: ", "Phone: ")}<a href=href>{p}</a></li> }
            });
            let email = c.email.map(|e| {
                let href = format!("mailto:{e}");
                view! { <li>{lang.pick("E-mail: ", "Email: ")}<a href=href>{e}</a></li> }
            });
            let address = c.address.map(|a| view! { <li>{lang.pick("Adresse: ", "Address: ")}{a}</li> });
            let web = c.web.map(|w| view! { <li>{lang.pick("Hjemmeside: ", "Website: ")}<a href=w.clone()>{w.clone()}</a></li> });
            let hours = hours.map(|(when, state, rule, change)| view! {
                <li>{lang.pick("Telefontid: ", "Phone hours: ")}{when}" "<span class="rule-source">{format!("({rule})")}</span></li>
                {change.map(|c| view! { <li class="hours-change"><strong>{c}</strong></li> })}
                <li><strong>{state}</strong></li>
            });
            view! {
                <li class="contact">
                    <h3>{c.unit}</h3>
                    <p>{purpose}</p>
                    <ul class="plain">{phone}{email}{address}{web}{hours}</ul>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="contacts plain">{items}</ul> }
}
