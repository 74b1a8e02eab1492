//! "Min log": who has seen or changed what in the citizen's data, and the download of it all.
use crate::components::loaded::Loaded;
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::time_format::{iso_local, long_date_time};
use crate::functions::my_data::{my_log, LogLine};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyLogPage() -> impl IntoView {
    let lang = current_lang();
    view! {
        <Title text=lang.pick("Min log – Træningsportalen", "My log – Træningsportalen")/>
        <h1>{lang.pick("Min log", "My log")}</h1>
        <Loaded load=move || my_log() show=move |lines| log_view(lang, lines)/>
    }
}

fn log_view(lang: Lang, lines: Vec<LogLine>) -> impl IntoView {
    let items = lines
        .into_iter()
        .map(|l| {
            let detail = (!l.detail.is_empty()).then(|| view! { <p class="hint">{l.detail}</p> });
            let outcome = l.refused.then(|| view! { <strong class="refused">{format!(" – {}", lang.pick(&l.outcome_da, &l.outcome_en))}</strong> });
            view! {
                <li>
                    <p class="log-time"><time datetime=iso_local(l.at)>{long_date_time(lang, l.at)}</time></p>
                    <p><strong>{lang.choose(l.who_da, l.who_en)}</strong>{": "}{lang.choose(l.action_da, l.action_en)}{outcome}</p>
                    {detail}
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="lead">{lang.pick(
            "Her kan du se, hvem der har set eller ændret noget i dine oplysninger – dig selv, pårørende med fuldmagt og kommunens medarbejdere. Det nyeste står øverst.",
            "Here you can see who has viewed or changed anything in your information – you, relatives with power of attorney and the municipality's staff. The newest is at the top.",
        )}</p>
        <p>
            <a class="button" href=crate::paths::MY_DATA download="traeningsportalen-mine-data.json">
                {lang.pick("Hent alle dine data og loggen (JSON-fil)", "Download all your data and the log (JSON file)")}
            </a>
        </p>
        <ol class="plain log">{items}</ol>
    }
}
