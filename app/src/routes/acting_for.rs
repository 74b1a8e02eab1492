//! "Hvem handler du for?": a relative chooses among the citizens whose powers of attorney they
//! hold, or themself. Plain forms, so it works without JavaScript.
use crate::components::loaded::Loaded;
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::time_format::long_date;
use crate::functions::acting_for::{powers_held, ActFor, ActingForData};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ActingForPage() -> impl IntoView {
    let lang = current_lang();
    view! {
        <Title text=lang.pick("Hvem handler du for? – Træningsportalen", "Whom are you acting for? – Træningsportalen")/>
        <h1>{lang.pick("Hvem handler du for?", "Whom are you acting for?")}</h1>
        <Loaded load=move || powers_held() show=move |d| choices(lang, d)/>
    }
}

fn choice(
    lang: Lang,
    citizen: i64,
    label: String,
    current: bool,
    details: Option<AnyView>,
) -> impl IntoView {
    let action = ServerAction::<ActFor>::new();
    let heading = label.clone();
    let button = if current {
        view! { <p><strong>{lang.pick("Det er den, du handler for nu.", "This is whom you act for now.")}</strong></p> }.into_any()
    } else {
        view! {
            <ActionForm action=action>
                <input type="hidden" name="citizen" value=citizen.to_string()/>
                <button type="submit" class="button">{format!("{} {label}", lang.pick("Handl for", "Act for"))}</button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <li>
            <h2>{heading}</h2>
            {details}
            {button}
        </li>
    }
}

fn choices(lang: Lang, d: ActingForData) -> impl IntoView {
    let intro = if d.powers.is_empty() {
        lang.pick(
            "Du har ingen gyldige fuldmagter. Du handler for dig selv.",
            "You hold no valid powers of attorney. You act for yourself.",
        )
    } else {
        lang.pick(
            "Du har fuldmagt fra disse personer. Vælg, hvem du vil handle for. Du kan altid skifte her.",
            "These people have given you power of attorney. Choose whom to act for. You can always switch here.",
        )
    };
    let powers = d
        .powers
        .into_iter()
        .map(|p| {
            let scopes = match lang {
                Lang::Da => p.scopes_da.join(", "),
                Lang::En => p.scopes_en.join(", "),
            };
            let details = view! {
                <p>{lang.pick("Du må: ", "You may: ")}{scopes}</p>
                <p>{lang.pick("Fuldmagten gælder til og med ", "The power of attorney is valid until ")}{long_date(lang, p.expires_on)}</p>
            }
            .into_any();
            choice(lang, p.citizen_id, p.citizen_name, p.current, Some(details))
        })
        .collect_view();
    let own = format!("{} ({})", d.own_name, lang.pick("dig selv", "yourself"));
    view! {
        <p>{intro}</p>
        <ul class="plain choices">
            {powers}
            {choice(lang, 0, own, d.acting_for_self, None)}
        </ul>
    }
}
