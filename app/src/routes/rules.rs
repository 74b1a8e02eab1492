//! "Regler for vedligeholdende træning i <kommune>": each rule in plain words with the
//! standard's own phrase and its rule id (public).
use crate::components::loaded::error_view;
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::municipality::Municipality;
use crate::errors::AppError;
use crate::functions::municipalities::municipality_list;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn RulesPage() -> impl IntoView {
    let lang = current_lang();
    let slug = use_params_map().with_untracked(|p| p.get("slug").unwrap_or_default());
    let data = Resource::new(|| (), |_| municipality_list());
    let body = move || {
        let slug = slug.clone();
        Suspend::new(async move {
            match data.await {
                Ok(list) => match list.into_iter().find(|m| m.slug == slug) {
                    Some(m) => rules_view(lang, m).into_any(),
                    None => error_view(AppError::NotFound),
                },
                Err(e) => error_view(e),
            }
        })
    };
    view! { <Suspense fallback=|| ()>{body}</Suspense> }
}

/// The standard's phrase, quoted, with its rule id.
fn source(lang: Lang, rule_id: &str, phrase: Option<&str>) -> impl IntoView {
    let quote = phrase.map(|p| view! { <blockquote lang="da">{format!("“{p}”")}</blockquote> });
    let silent = phrase.is_none().then(|| {
        view! { <p class="rule-id">{lang.pick("Kvalitetsstandarden siger ikke noget om dette.", "The quality standard says nothing about this.")}</p> }
    });
    view! {
        {quote}
        {silent}
        <p class="rule-id">{lang.pick("Regel: ", "Rule: ")}{rule_id.to_string()}</p>
    }
}

fn rules_view(lang: Lang, m: Municipality) -> impl IntoView {
    let title = format!(
        "{} {}",
        lang.pick(
            "Regler for vedligeholdende træning i",
            "Rules for maintenance training in"
        ),
        m.name
    );
    let r = m.rules;
    let c = r.cancellation;
    let reading = c.reading.clone().map(|t| view! { <p>{lang.pick("Sådan læser vi reglen: ", "How we read the rule: ")}<span lang="da">{t}</span></p> });
    let k = r.complaint;
    let complaint_text = match lang {
        Lang::Da => format!(
            "Du kan klage over en afgørelse inden for {} uger efter, at du har modtaget den. Falder sidste dag på en weekend eller helligdag, rykkes fristen til næste hverdag. Du behøver ikke begrunde klagen, og du kan også klage mundtligt. En klage efter fristen bliver stadig modtaget.",
            k.weeks
        ),
        Lang::En => format!(
            "You can complain about a decision within {} weeks of receiving it. If the last day is a weekend or public holiday, the deadline moves to the next working day. You do not need to give reasons, and you can also complain orally. A complaint after the deadline is still accepted.",
            k.weeks
        ),
    };
    let levels = r
        .service_levels
        .iter()
        .filter(|l| !l.anchor.is_complaint())
        .map(|l| {
            let name = lang.pick(&l.name_da, &l.name_en).to_string();
            let soft = l
                .soft
                .then(|| lang.pick(" (et mål, ikke en frist)", " (a goal, not a deadline)"));
            view! {
                <li>
                    <h3>{name}{soft}</h3>
                    {source(lang, &l.rule_id, Some(&l.source))}
                </li>
            }
        })
        .collect_view();
    let terminations = r
        .termination
        .iter()
        .map(|t| {
            let reading = t.reading.clone().map(|x| view! { <p lang="da">{x}</p> });
            view! { <li>{source(lang, &t.rule_id, Some(&t.source))}{reading}</li> }
        })
        .collect_view();
    view! {
        <Title text=format!("{title} – Træningsportalen")/>
        <h1>{title.clone()}</h1>
        <p>{lang.pick("Reglerne kommer fra kommunens kvalitetsstandard: ", "The rules come from the municipality's quality standard: ")}<span lang="da">{m.standard.title.clone()}</span></p>
        <section aria-labelledby="afbud">
            <h2 id="afbud">{lang.pick("Afbud", "Cancelling a session")}</h2>
            <p>{c.rule.explain(lang)}</p>
            {reading}
            {source(lang, &c.rule_id, c.source.as_deref())}
        </section>
        <section aria-labelledby="klage">
            <h2 id="klage">{lang.pick("Klage over en afgørelse", "Complaining about a decision")}</h2>
            <p>{complaint_text}</p>
            {source(lang, &k.rule_id, k.source.as_deref())}
        </section>
        <section aria-labelledby="frister">
            <h2 id="frister">{lang.pick("Kommunens frister", "The municipality's deadlines")}</h2>
            <ul class="plain rules-list">{levels}</ul>
        </section>
        <section aria-labelledby="afslutning">
            <h2 id="afslutning">{lang.pick("Hvornår kan forløbet afsluttes?", "When can the course be ended?")}</h2>
            <p>{lang.pick(
                "Et forløb afsluttes aldrig automatisk. Kommunen skal først høre dig og give dig en skriftlig afgørelse med begrundelse og klagevejledning.",
                "A course is never ended automatically. The municipality must first hear you and give you a written decision with reasons and guidance on how to complain.",
            )}</p>
            <ul class="plain rules-list">{terminations}</ul>
        </section>
    }
}
