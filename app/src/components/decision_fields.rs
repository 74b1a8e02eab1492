//! The fields of a decision's plan of training (form, place, sessions, weeks, start), shared by
//! the decision on an application and the new decision after a complaint. Field ids match
//! `domain::decision::DecisionProblem::field`, so each problem shows at its field.
use crate::components::form_errors::FieldError;
use crate::context::typed;
use crate::domain::decision::DecisionInput;
use crate::domain::lang::Lang;
use crate::errors::AppError;
use leptos::prelude::*;

/// One radio button with its label: chosen as `chosen` says, or as the person chose when the
/// form comes back after a failed post.
pub fn choice(name: &str, value: &str, label: String, chosen: &str) -> impl IntoView {
    let id = format!("{name}-{value}");
    let chosen = typed(name).map_or(chosen == value, |t| t == value);
    view! {
        <div class="checkbox">
            <input type="radio" id=id.clone() name=name.to_string() value=value.to_string() checked=chosen/>
            <label for=id>{label}</label>
        </div>
    }
}

pub fn plan_fields(
    lang: Lang,
    forms: &[(String, String, String)],
    max_weeks: Option<u32>,
    d: &DecisionInput,
    err: Signal<Option<AppError>>,
) -> AnyView {
    let d = d.clone();
    let forms = forms
        .iter()
        .map(|(code, da, en)| {
            choice(
                "training_form",
                code,
                if lang == Lang::Da {
                    da.clone()
                } else {
                    en.clone()
                },
                &d.training_form,
            )
        })
        .collect_view();
    let weeks_hint = max_weeks.map(|w| match lang {
        Lang::Da => format!("Højst {w} uger efter kommunens kvalitetsstandard."),
        Lang::En => format!("At most {w} weeks under the municipality's standard."),
    });
    view! {
        <fieldset class="field" id="felt-traeningsform">
            <legend>{lang.pick("Træningsform", "Training form")}</legend>
            <FieldError error=err field="felt-traeningsform"/>
            {forms}
        </fieldset>
        <div class="field">
            <label for="felt-sted">{lang.pick("Sted", "Place")}</label>
            <FieldError error=err field="felt-sted"/>
            <input type="text" id="felt-sted" aria-describedby="felt-sted-fejl" name="place" value=typed("place").unwrap_or(d.place)/>
        </div>
        <div class="field">
            <label for="felt-gange">{lang.pick("Antal gange om ugen", "Sessions per week")}</label>
            <FieldError error=err field="felt-gange"/>
            <input type="text" inputmode="numeric" id="felt-gange" aria-describedby="felt-gange-fejl" name="sessions_per_week" size="3" value=typed("sessions_per_week").unwrap_or(d.sessions_per_week)/>
        </div>
        <div class="field">
            <label for="felt-uger">{lang.pick("Forløbets længde i uger (valgfrit)", "Length of the course in weeks (optional)")}</label>
            <FieldError error=err field="felt-uger"/>
            {weeks_hint.map(|h| view! { <p class="hint">{h}</p> })}
            <input type="text" inputmode="numeric" id="felt-uger" aria-describedby="felt-uger-fejl" name="weeks" size="3" value=typed("weeks").unwrap_or(d.weeks)/>
        </div>
        <div class="field">
            <label for="felt-start">{lang.pick("Begynder", "Starts")}</label>
            <FieldError error=err field="felt-start"/>
            <input type="date" id="felt-start" aria-describedby="felt-start-fejl" name="start_on" value=typed("start_on").unwrap_or(d.start_on)/>
        </div>
    }
    .into_any()
}

/// How the citizen gets a decision (the complaint deadline counts from it, CAL-8): published in
/// the portal now, a letter, or by hand, with the letter's date or the day of the hand-over.
pub fn delivery_fields(
    lang: Lang,
    err: Signal<Option<AppError>>,
    way: &str,
    on: &str,
) -> impl IntoView {
    let way = if way.is_empty() { "portal" } else { way };
    view! {
        <fieldset class="field" id="felt-udlevering" aria-describedby="udlevering-hint">
            <legend>{lang.pick("Sådan får borgeren afgørelsen", "How the citizen gets the decision")}</legend>
            <p class="hint" id="udlevering-hint">{lang.pick(
                "Klagefristen regnes fra den dag, borgeren får afgørelsen. Lægges den i portalen, har borgeren den med det samme, og borgeren og pårørende med fuldmagt får en e-mail.",
                "The complaint deadline counts from the day the citizen gets the decision. Published in the portal, the citizen has it at once, and the citizen and relatives with a power of attorney get an email.",
            )}</p>
            <FieldError error=err field="felt-udlevering"/>
            {choice("delivery", "portal", lang.pick("Lægges i Træningsportalen nu", "Published in Træningsportalen now").into(), way)}
            {choice("delivery", "letter", lang.pick("Sendes som brev", "Sent as a letter").into(), way)}
            {choice("delivery", "in_person", lang.pick("Udleveres personligt", "Handed over in person").into(), way)}
        </fieldset>
        <div class="field">
            <label for="felt-udlevering-dato">{lang.pick("Brevets dato eller dagen, den udleveres (kun ved brev eller personlig udlevering)", "The letter's date or the day it is handed over (letter or in person only)")}</label>
            <FieldError error=err field="felt-udlevering-dato"/>
            <input type="date" id="felt-udlevering-dato" aria-describedby="felt-udlevering-dato-fejl" name="delivery_on" value=typed("delivery_on").unwrap_or_else(|| on.to_string())/>
        </div>
    }
}
