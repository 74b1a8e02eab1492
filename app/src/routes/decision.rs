//! The decision letter: every part Forvaltningsloven requires, with headings and no layout
//! tables, so it prints (see the print styles) and reads aloud in order.
use crate::components::loaded::Loaded;
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::time_format::{iso_local, long_date, long_date_time};
use crate::functions::decision::{decision_letter, LetterView};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DecisionPage() -> impl IntoView {
    let lang = current_lang();
    let id = crate::components::loaded::id_param("id");
    view! {
        <Title text=lang.pick("Afgørelse – Træningsportalen", "Decision – Træningsportalen")/>
        <Loaded load=move || decision_letter(id) show=move |l| letter_view(lang, l)/>
    }
}

fn pick(lang: Lang, da: &[String], en: &[String]) -> Vec<String> {
    match lang {
        Lang::Da => da.to_vec(),
        Lang::En => en.to_vec(),
    }
}

fn letter_view(lang: Lang, l: LetterView) -> impl IntoView {
    use crate::domain::complaint_guidance::DecisionOutcome;
    let (heading, summary) = match l.outcome {
        DecisionOutcome::Granted => (
            lang.pick(
                "Du får vedligeholdende træning",
                "You are granted maintenance training",
            ),
            lang.pick(
                "Du får det, du har søgt om.",
                "You are granted what you applied for.",
            ),
        ),
        DecisionOutcome::PartlyGranted => (
            lang.pick(
                "Du får delvist vedligeholdende træning",
                "You are partly granted maintenance training",
            ),
            lang.pick(
                "Du får en del af det, du har søgt om. Begrundelsen står nedenfor.",
                "You are granted part of what you applied for. The reasons are below.",
            ),
        ),
        DecisionOutcome::Refused => (
            lang.pick(
                "Du får ikke vedligeholdende træning",
                "You are not granted maintenance training",
            ),
            lang.pick(
                "Du får ikke det, du har søgt om. Begrundelsen står nedenfor.",
                "You are not granted what you applied for. The reasons are below.",
            ),
        ),
        DecisionOutcome::Terminated => (
            lang.pick(
                "Dit træningsforløb afsluttes",
                "Your course of training ends",
            ),
            lang.pick(
                "Kommunen har besluttet at afslutte dit forløb med vedligeholdende træning efter partshøringen. Begrundelsen står nedenfor.",
                "The municipality has decided to end your course of maintenance training after the hearing. The reasons are below.",
            ),
        ),
    };
    let plan = l.training_form_da.clone().map(|da| {
        let form = match lang {
            Lang::Da => da,
            Lang::En => l.training_form_en.clone().unwrap_or_default(),
        };
        view! {
            <section aria-labelledby="plan">
                <h2 id="plan">{lang.pick("Din træning", "Your training")}</h2>
                <dl class="facts">
                    <dt>{lang.pick("Træningsform", "Training form")}</dt>
                    <dd>{form}</dd>
                    <dt>{lang.pick("Sted", "Place")}</dt>
                    <dd>{l.place.clone().unwrap_or_default()}</dd>
                    <dt>{lang.pick("Antal gange om ugen", "Sessions per week")}</dt>
                    <dd>{l.sessions_per_week.map(|n| n.to_string()).unwrap_or_default()}</dd>
                    {l.weeks.map(|w| view! {
                        <dt>{lang.pick("Forløbets længde", "Length of the course")}</dt>
                        <dd>{format!("{w} {}", lang.pick("uger", "weeks"))}</dd>
                    })}
                    <dt>{lang.pick("Begynder", "Starts")}</dt>
                    <dd>{l.start_on.map(|d| long_date(lang, d)).unwrap_or_default()}</dd>
                </dl>
            </section>
        }
    });
    let ending = l.termination.clone().map(|t| {
        let lines = pick(lang, &t.facts.lines_da, &t.facts.lines_en)
            .into_iter()
            .map(|x| view! { <li>{x}</li> })
            .collect_view();
        view! {
            <section aria-labelledby="afslutning">
                <h2 id="afslutning">{lang.pick("Sidste træningsdag", "Last training day")}</h2>
                <p><strong>{long_date(lang, t.last_day)}</strong></p>
                <p>{lang.pick(
                    "Tider efter den sidste træningsdag er aflyst af kommunen. De tæller ikke som dine afbud.",
                    "Sessions after the last training day are cancelled by the municipality. They do not count as your cancellations.",
                )}</p>
            </section>
            <section aria-labelledby="fakta">
                <h2 id="fakta">{lang.pick("Det har kommunen lagt vægt på", "What the municipality relied on")}</h2>
                <p>{lang.pick(&t.facts.summary_da, &t.facts.summary_en).to_string()}</p>
                <ul>{lines}</ul>
                {t.facts.rule_id.clone().map(|id| view! {
                    <p>{format!("{} ({id}):", lang.pick("Kvalitetsstandarden siger", "The quality standard says"))}</p>
                    <blockquote lang="da">{t.facts.rule_source.clone().unwrap_or_default()}</blockquote>
                })}
                <p>{match &t.answer {
                    Some(a) => format!("{} {}", lang.pick("Dit svar i partshøringen:", "Your answer to the hearing:"), a),
                    None => lang.pick("Kommunen modtog ikke et svar i partshøringen.", "The municipality received no answer to the hearing.").to_string(),
                }}</p>
                <p><a href=crate::paths::hearing(t.hearing_id)>{lang.pick("Se partshøringen", "See the hearing")}</a></p>
            </section>
        }
    });
    let reasons = l.reasons.clone().map(|r| {
        view! {
            <section aria-labelledby="begrundelse">
                <h2 id="begrundelse">{lang.pick("Begrundelse", "Reasons")}</h2>
                <p class="own-words">{r}</p>
            </section>
        }
    });
    let deadline = l.appealable.then(|| {
        let deadline = l.complaint_deadline;
        view! {
            <p class="deadline">
                <strong>{lang.pick("Klagefrist: ", "Complaint deadline: ")}</strong>
                <time datetime=iso_local(deadline)>{long_date_time(lang, deadline)}</time>
            </p>
            <p class="hint">{lang.pick(
                "Fristen regnes fra den dag, du fik afgørelsen, ikke fra den dag, du læser den.",
                "The deadline counts from the day you got the decision, not from the day you read it.",
            )}</p>
        }
    });
    let complain = match (&l.answers_complaint, &l.complaint_reference) {
        (Some(r), _) => Some(view! {
            <p><a class="button" href=crate::paths::complaint(r)>{lang.pick("Svar, om du fastholder din klage", "Answer whether you maintain your complaint")}</a></p>
        }.into_any()),
        (None, Some(r)) => Some(view! {
            <p>{lang.pick("Der er klaget over afgørelsen.", "A complaint has been made about the decision.")}" "
            <a href=crate::paths::complaint(r)>{format!("{} {r}", lang.pick("Se klagen", "See the complaint"))}</a></p>
        }.into_any()),
        (None, None) if l.may_complain && l.appealable => Some(view! {
            <p><a class="button" href=crate::paths::decision_complaint(l.id)>{lang.pick("Klag over afgørelsen", "Complain about the decision")}</a></p>
        }.into_any()),
        _ => None,
    };
    let transport = l.transport_outcome.map(|o| {
        let outcome = match o {
            crate::domain::complaint_guidance::DecisionOutcome::Granted => lang.pick("Du får kørsel til træningen.", "You are granted transport to the training."),
            _ => lang.pick("Du får ikke kørsel til træningen.", "You are not granted transport to the training."),
        };
        let guidance = pick(lang, &l.transport_guidance_da, &l.transport_guidance_en)
            .into_iter()
            .map(|p| view! { <p>{p}</p> })
            .collect_view();
        view! {
            <section aria-labelledby="koersel">
                <h2 id="koersel">{lang.pick("Kørsel til træningen (servicelovens § 117)", "Transport to the training (Social Services Act section 117)")}</h2>
                <p>{outcome}</p>
                <h3>{lang.pick("Klagevejledning for kørslen", "How to complain about the transport")}</h3>
                {guidance}
            </section>
        }
    });
    let guidance = pick(lang, &l.guidance_da, &l.guidance_en)
        .into_iter()
        .map(|p| view! { <p>{p}</p> })
        .collect_view();
    view! {
        <article class="letter">
            <p class="lead">{format!("{} · {}", l.municipality_name, long_date(lang, crate::domain::time_format::local_date(l.decided_at)))}</p>
            <h1>{heading}</h1>
            <p>{format!("{} {}", lang.pick("Afgørelse til", "Decision for"), l.citizen_name)}</p>
            <p class="lead">{summary}</p>
            {plan}
            {ending}
            {reasons}
            <section aria-labelledby="lovgrundlag">
                <h2 id="lovgrundlag">{lang.pick("Lovgrundlag", "Legal basis")}</h2>
                <p>{l.legal_basis.clone()}</p>
            </section>
            {transport}
            <section aria-labelledby="klagevejledning">
                <h2 id="klagevejledning">{lang.pick("Sådan klager du", "How to complain")}</h2>
                {deadline}
                {complain}
                {guidance}
            </section>
            <p>{format!("{} {} {}", lang.pick("Afgørelsen er truffet af", "The decision was made by"), l.decided_by, long_date_time(lang, l.decided_at))}</p>
            <p class="hint">{lang.pick(&l.delivery_text_da, &l.delivery_text_en).to_string()}</p>
            {l.staff_view.then(|| view! {
                <p class="hint">{match &l.first_read {
                    Some(r) => format!("{} {} ({}).", lang.pick("Læst første gang", "First read"), long_date_time(lang, r.at), r.by),
                    None => lang.pick("Borgeren har ikke læst afgørelsen i portalen endnu.", "The citizen has not read the decision in the portal yet.").to_string(),
                }}</p>
            })}
        </article>
    }
}
