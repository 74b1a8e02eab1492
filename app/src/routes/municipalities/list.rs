use crate::components::contacts::ContactList;
use crate::components::loaded::Loaded;
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::municipality::Municipality;
use crate::functions::municipalities::municipality_list;
use leptos::prelude::*;
use leptos_meta::Title;

/// The municipalities the portal serves, with their contacts (public).
#[component]
pub fn MunicipalitiesPage() -> impl IntoView {
    let lang = current_lang();
    view! {
        <Title text=lang.pick("Kommuner og kontakt – Træningsportalen", "Municipalities and contact – Træningsportalen")/>
        <h1>{lang.pick("Kommuner og kontakt", "Municipalities and contact")}</h1>
        <Loaded load=move || municipality_list() show=move |(list, now)| list
                    .into_iter()
                    .map(|m| municipality_view(lang, m, now))
                    .collect_view()
                    />
    }
}

fn municipality_view(
    lang: Lang,
    m: Municipality,
    now: chrono::DateTime<chrono::Utc>,
) -> impl IntoView {
    // The approval day, written as a date is read ("4. december 2023"), when the file gives one.
    let approved = m.standard.approved.clone().map(|a| {
        let day = chrono::NaiveDate::parse_from_str(&a, "%Y-%m-%d")
            .map(|d| crate::domain::time_format::long_date(lang, d))
            .unwrap_or(a);
        view! { <p>{lang.pick("Godkendt af kommunen ", "Approved by the municipality on ")}{day}"."</p> }
    });
    view! {
        <section class="municipality-card" aria-labelledby=format!("k-{}", m.slug)>
            <h2 id=format!("k-{}", m.slug)>{m.name.clone()}</h2>
            <p>{m.standard.title.clone()}</p>
            {approved}
            <p>
                <a href=crate::paths::rules(&m.slug)>
                    {format!("{} {}", lang.pick("Regler for vedligeholdende træning i", "Rules for maintenance training in"), m.name)}
                </a>
            </p>
            <ContactList contacts=m.contacts now=now/>
        </section>
    }
}
