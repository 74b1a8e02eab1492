//! "Min log": who has seen or changed what in the citizen's data, and the download of it all.
use crate::components::loaded::Loaded;
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::time_format::{iso_local, long_date_time};
use crate::functions::my_data::{my_log, LogChoice, LogPage};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/min-log?side=2&hvem=…&handling=…`: a page of the log, filtered by who and by the kind of
/// action (a plain GET form, so it works without JavaScript).
#[component]
pub fn MyLogPage() -> impl IntoView {
    let lang = current_lang();
    let query = leptos_router::hooks::use_query_map().get_untracked();
    let page = query.get("side").and_then(|p| p.trim().parse::<u32>().ok());
    let who = query.get("hvem");
    let action = query.get("handling");
    view! {
        <Title text=lang.pick("Min log – Træningsportalen", "My log – Træningsportalen")/>
        <h1>{lang.pick("Min log", "My log")}</h1>
        <Loaded load=move || my_log(page, who.clone(), action.clone()) show=move |p| log_view(lang, p)/>
    }
}

/// The address of another page of the log with the same filters.
fn page_link(p: &LogPage, page: u32) -> String {
    let mut q = vec![format!("side={page}")];
    if !p.who.is_empty() {
        q.push(format!("hvem={}", p.who));
    }
    if !p.action.is_empty() {
        q.push(format!("handling={}", p.action));
    }
    format!("/min-log?{}", q.join("&"))
}

fn options(lang: Lang, all: &'static str, chosen: &str, choices: Vec<LogChoice>) -> impl IntoView {
    let any = view! { <option value="" selected=chosen.is_empty()>{all}</option> };
    let rest = choices
        .into_iter()
        .map(|c| {
            let selected = c.value == chosen;
            view! { <option value=c.value selected=selected>{lang.choose(c.da, c.en)}</option> }
        })
        .collect_view();
    (any, rest)
}

fn filters(lang: Lang, p: &LogPage) -> impl IntoView {
    let who = options(
        lang,
        lang.pick("Alle", "Everyone"),
        &p.who,
        p.who_choices.clone(),
    );
    let action = options(
        lang,
        lang.pick("Alle handlinger", "All actions"),
        &p.action,
        p.action_choices.clone(),
    );
    view! {
        <form method="get" action="/min-log" class="log-filters">
            <div class="field">
                <label for="felt-hvem">{lang.pick("Hvem", "Who")}</label>
                <select id="felt-hvem" name="hvem">{who}</select>
            </div>
            <div class="field">
                <label for="felt-handling">{lang.pick("Hvad", "What")}</label>
                <select id="felt-handling" name="handling">{action}</select>
            </div>
            <button type="submit" class="button button-secondary">{lang.pick("Vis", "Show")}</button>
        </form>
    }
}

fn pager(lang: Lang, p: &LogPage) -> impl IntoView {
    let newer = (p.page > 1).then(|| {
        let href = page_link(p, p.page.min(p.pages + 1) - 1);
        view! { <a rel="prev" href=href>{lang.pick("← Nyere", "← Newer")}</a> }
    });
    let older = (p.page < p.pages).then(|| {
        let href = page_link(p, p.page + 1);
        view! { <a rel="next" href=href>{lang.pick("Ældre →", "Older →")}</a> }
    });
    let where_ = match lang {
        Lang::Da => format!("Side {} af {} ({} linjer)", p.page, p.pages, p.total),
        Lang::En => format!("Page {} of {} ({} lines)", p.page, p.pages, p.total),
    };
    let label = lang.pick("Sider i loggen", "Pages of the log");
    view! {
        <nav class="pager" aria-label=label>
            <p>{where_}</p>
            <p>{newer}" "{older}</p>
        </nav>
    }
}

fn log_view(lang: Lang, p: LogPage) -> impl IntoView {
    let filter_form = filters(lang, &p);
    let pages = pager(lang, &p);
    let empty = p.lines.is_empty().then(|| {
        view! { <p>{lang.pick("Der er ingen linjer i loggen, der passer til det, du har valgt.", "There are no lines in the log that match your choice.")}</p> }
    });
    let items = p
        .lines
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
        {filter_form}
        {empty}
        <ol class="plain log">{items}</ol>
        {pages}
    }
}
