//! "Regler for vedligeholdende træning i <kommune>": each rule in plain words with the
//! standard's own phrase and its rule id (public).
use crate::components::loaded::{error_view, Loaded};
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
    view! {
        <Loaded load=municipality_list show=move |(list, now)| {
            match list.into_iter().find(|m| m.slug == slug) {
                Some(m) => rules_view(lang, m, now).into_any(),
                None => error_view(AppError::NotFound),
            }
        }/>
    }
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

fn rules_view(lang: Lang, m: Municipality, now: chrono::DateTime<chrono::Utc>) -> impl IntoView {
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
    let b = &r.booking;
    let mut when: Vec<AnyView> = Vec::new();
    if let Some(h) = &b.hverdage_only {
        when.push(view! { <li><p>{lang.pick("Træningen foregår på hverdage.", "Training takes place on weekdays.")}</p>{source(lang, &h.rule_id, Some(&h.source))}</li> }.into_any());
    }
    if let Some(h) = &b.hours {
        let text = match lang {
            Lang::Da => format!(
                "Træningen ligger {} mellem kl. {} og {}.",
                if h.soft { "som hovedregel" } else { "altid" },
                h.from.format("%H.%M"),
                h.to.format("%H.%M")
            ),
            Lang::En => format!(
                "Sessions are {} between {} and {}.",
                if h.soft { "as a main rule" } else { "always" },
                h.from.format("%H:%M"),
                h.to.format("%H:%M")
            ),
        };
        when.push(
            view! { <li><p>{text}</p>{source(lang, &h.rule_id, Some(&h.source))}</li> }.into_any(),
        );
    }
    for c in &b.closures {
        let forms = c
            .forms
            .iter()
            .map(|f| f.label(lang).to_lowercase())
            .collect::<Vec<_>>()
            .join(", ");
        let mut parts: Vec<String> = Vec::new();
        if !c.iso_weeks.is_empty() {
            let weeks = c
                .iso_weeks
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            parts.push(format!("{} {weeks}", lang.pick("uge", "week")));
        }
        if c.from.is_some() {
            parts.push(
                lang.pick("mellem jul og nytår", "between Christmas and New Year")
                    .into(),
            );
        }
        if let Some(p) = &c.per_year {
            let month = crate::domain::time_format::month_name(lang, p.month - 1);
            let set = p
                .weeks
                .iter()
                .map(|(y, w)| {
                    format!(
                        "{y}: {} {}",
                        lang.pick("uge", "weeks"),
                        w.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
                    )
                })
                .collect::<Vec<_>>();
            parts.push(match (lang, set.is_empty()) {
                (Lang::Da, true) => format!(
                    "{} uger i {month}, som kommunen fastsætter hvert år (ikke fastsat endnu)",
                    p.count
                ),
                (Lang::En, true) => format!(
                    "{} weeks of {month}, set by the municipality each year (not set yet)",
                    p.count
                ),
                (Lang::Da, false) => format!("{} uger i {month} ({})", p.count, set.join("; ")),
                (Lang::En, false) => format!("{} weeks of {month} ({})", p.count, set.join("; ")),
            });
        }
        let text = format!(
            "{} {forms}: {}.",
            lang.pick("Lukket for", "Closed for"),
            parts.join(", ")
        );
        when.push(
            view! { <li><p>{text}</p>{source(lang, &c.rule_id, Some(&c.source))}</li> }.into_any(),
        );
    }
    if let Some(w) = &b.sessions_per_week {
        let text = match lang {
            Lang::Da => format!(
                "{} {} gang{} om ugen. Din plan i afgørelsen gælder.",
                if w.hard {
                    "Højst"
                } else {
                    "Som udgangspunkt højst"
                },
                w.max,
                if w.max == 1 { "" } else { "e" }
            ),
            Lang::En => format!(
                "{} {} session{} a week. The plan in your decision applies.",
                if w.hard {
                    "At most"
                } else {
                    "As a starting point at most"
                },
                w.max,
                if w.max == 1 { "" } else { "s" }
            ),
        };
        when.push(
            view! { <li><p>{text}</p>{source(lang, &w.rule_id, Some(&w.source))}</li> }.into_any(),
        );
    }
    if let Some(w) = &b.max_weeks {
        let text = match lang {
            Lang::Da => format!(
                "Et forløb varer {} {} uger fra første træning.",
                if w.hard {
                    "højst"
                } else {
                    "som udgangspunkt op til"
                },
                w.weeks
            ),
            Lang::En => format!(
                "A course lasts {} {} weeks from the first session.",
                if w.hard {
                    "at most"
                } else {
                    "as a starting point up to"
                },
                w.weeks
            ),
        };
        when.push(
            view! { <li><p>{text}</p>{source(lang, &w.rule_id, Some(&w.source))}</li> }.into_any(),
        );
    }
    let provider = match &r.provider_cancellation {
        Some(p) => {
            let text = match p.kind {
                crate::domain::provider_cancellation::ProviderCancellationKind::ProposeNewTimeOnly => lang.pick(
                    "Kommunen må ikke aflyse en aftalt træning. Den kan kun foreslå en ny tid, og træningen flyttes kun, hvis du siger ja.",
                    "The municipality may not cancel an agreed session. It can only propose a new time, and the session moves only if you agree.",
                ),
                crate::domain::provider_cancellation::ProviderCancellationKind::CancelAndOfferAlternative => lang.pick(
                    "Aflyser eller ændrer kommunen en træning, får du besked med det samme, og du får tilbudt en anden tid.",
                    "If the municipality cancels or changes a session, you are told at once and offered another time.",
                ),
            };
            view! { <p>{text}</p>{source(lang, &p.rule_id, Some(&p.source))} }.into_any()
        }
        None => view! { <p>{lang.pick(
            "Kvalitetsstandarden siger ikke noget om, at kommunen aflyser. Aflyses en træning, får du besked med det samme.",
            "The quality standard says nothing about the municipality cancelling. If a session is cancelled, you are told at once.",
        )}</p> }.into_any(),
    };
    let prescreen = r
        .prescreen
        .iter()
        .filter(|q| q.only_if.is_none())
        .map(|q| view! { <li><p>{lang.pick(&q.question_da, &q.question_en).to_string()}</p>{source(lang, &q.rule_id, Some(&q.source))}</li> })
        .collect_view();
    let consent = r
        .application_consent
        .as_ref()
        .map(|c| source(lang, &c.rule_id, Some(&c.source)).into_any());
    let not_appealable = k
        .not_appealable
        .iter()
        .map(|n| {
            view! {
                <p>{n.subject.not_appealable(lang)}</p>
                {source(lang, &n.rule_id, Some(&n.source))}
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
    let phones = m
        .contacts
        .iter()
        .filter_map(|c| {
            let h = c.hours.as_ref()?;
            Some(view! {
                <li>
                    <p>{format!("{}: {}", c.unit, h.text(lang))}</p>
                    <p><strong>{h.state(now).text(lang, now)}</strong></p>
                    <p class="rule-id">{lang.pick("Regel: ", "Rule: ")}{h.rule_id.clone()}</p>
                </li>
            })
        })
        .collect::<Vec<_>>();
    let phones = (!phones.is_empty()).then(|| {
        view! {
            <section aria-labelledby="telefontid">
                <h2 id="telefontid">{lang.pick("Telefontid", "Phone hours")}</h2>
                <ul class="plain rules-list">{phones}</ul>
            </section>
        }
    });
    let absence = &r.absence;
    let excused = absence
        .excused
        .iter()
        .map(|reason| crate::domain::absence::reason_label(reason, lang).to_lowercase())
        .collect::<Vec<_>>()
        .join(lang.pick(" og ", " and "));
    let absence_rule = absence
        .rule
        .as_ref()
        .map(|a| source(lang, &a.rule_id, Some(&a.source)));
    let reassessment = absence.reassess_on_discharge.as_ref().map(|a| {
        view! {
            <p>{lang.pick(
                "Er du indlagt, revurderer kommunen dit behov for træning, når du bliver udskrevet. Melder du fravær for en indlæggelse, får en sagsbehandler besked.",
                "If you are in hospital, the municipality re-assesses your need for training when you are discharged. When you register absence for a hospital stay, a caseworker is told.",
            )}</p>
            {source(lang, &a.rule_id, Some(&a.source))}
        }
    });
    view! {
        <Title text=format!("{title} – Træningsportalen")/>
        <h1>{title.clone()}</h1>
        <p>{lang.pick("Reglerne kommer fra kommunens kvalitetsstandard: ", "The rules come from the municipality's quality standard: ")}<span lang="da">{m.standard.title.clone()}</span></p>
        {phones}
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
            {not_appealable}
        </section>
        <section aria-labelledby="hvem">
            <h2 id="hvem">{lang.pick("Før du søger", "Before you apply")}</h2>
            <p>{lang.pick(
                "Når du søger, stiller portalen dig disse spørgsmål. Svarene giver kun gode råd – du kan altid sende ansøgningen, og kommunen giver dig en skriftlig afgørelse.",
                "When you apply, the portal asks you these questions. The answers only give advice – you can always send the application, and the municipality gives you a written decision.",
            )}</p>
            <ul class="plain rules-list">{prescreen}</ul>
            <h3>{lang.pick("Samtykke", "Consent")}</h3>
            <p>{lang.pick(
                "Søger en pårørende for dig, skal du selv give samtykke med dit MitID, medmindre den pårørende har en fuldmagt, der dækker det.",
                "If a relative applies for you, you must consent yourself with your MitID, unless the relative holds a power of attorney that covers it.",
            )}</p>
            {consent}
        </section>
        <section aria-labelledby="hvornaar">
            <h2 id="hvornaar">{lang.pick("Hvornår er der træning?", "When are sessions held?")}</h2>
            <ul class="plain rules-list">{when}</ul>
        </section>
        <section aria-labelledby="kommunen-aflyser">
            <h2 id="kommunen-aflyser">{lang.pick("Hvis kommunen aflyser", "If the municipality cancels")}</h2>
            {provider}
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
        <section aria-labelledby="fravaer">
            <h2 id="fravaer">{lang.pick("Fravær", "Absence")}</h2>
            <p>{format!("{} {excused}. {}", lang.pick(
                "Lovligt fravær:",
                "Excused absence:",
            ), lang.pick(
                "Tider, du melder fra på grund af lovligt fravær, tæller ikke som afbud og kan ikke føre til, at forløbet afsluttes. At flytte en tid er heller ikke et afbud.",
                "Sessions you cancel for excused absence do not count as cancellations and cannot lead to the course ending. Moving a session is not a cancellation either.",
            ))}</p>
            <p lang="da">{absence.reading.clone()}</p>
            {absence_rule}
            {reassessment}
        </section>
    }
}
