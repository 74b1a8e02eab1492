//! A municipality's contacts, as the municipality file gives them.
use crate::context::current_lang;
use crate::domain::municipality::Contact;
use leptos::prelude::*;

#[component]
pub fn ContactList(contacts: Vec<Contact>) -> impl IntoView {
    let lang = current_lang();
    let items = contacts
        .into_iter()
        .map(|c| {
            let purpose = lang.pick(&c.purpose_da, &c.purpose_en).to_string();
            let hours = match (&c.hours_da, &c.hours_en) {
                (Some(da), Some(en)) => Some(lang.pick(da, en).to_string()),
                _ => None,
            };
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
            let hours = hours.map(|h| view! { <li>{lang.pick("Åbningstid: ", "Opening hours: ")}{h}</li> });
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
