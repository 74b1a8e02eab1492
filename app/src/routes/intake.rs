//! Registering an application or a complaint that arrived by phone, letter or referral
//! (`/personale/modtag`): find the citizen by name and birth date, then one form for each.
use crate::components::decision_fields::choice;
use crate::components::form_errors::{ErrorSummary, FieldError};
use crate::components::loaded::Loaded;
use crate::context::current_lang;
use crate::domain::intake::{Channel, ConsentGiven};
use crate::domain::lang::Lang;
use crate::domain::time_format::{long_date, long_date_time};
use crate::errors::AppError;
use crate::functions::intake::{
    intake_page, FoundCitizen, IntakeData, RegisterApplication, RegisterComplaint,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn IntakePage() -> impl IntoView {
    let lang = current_lang();
    let query = leptos_router::hooks::use_query_map().get_untracked();
    let name = query.get("navn");
    let born = query.get("foedt");
    let apply = ServerAction::<RegisterApplication>::new();
    let complain = ServerAction::<RegisterComplaint>::new();
    let err = Signal::derive(move || {
        apply
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| complain.value().get().and_then(Result::err))
    });
    view! {
        <Title text=lang.pick("Registrér henvendelse – Personale – Træningsportalen", "Register an enquiry – Staff – Træningsportalen")/>
        <h1>{lang.pick("Registrér en ansøgning eller klage", "Register an application or a complaint")}</h1>
        <p>{lang.pick(
            "Her registrerer du en ansøgning, der er kommet pr. telefon, brev, henvisning fra egen læge, fra en anden kommunal enhed eller via Borgerservice, og en klage over en afgørelse, der er kommet pr. telefon eller brev. Fristerne regnes fra den dag, henvendelsen kom.",
            "Here you register an application that arrived by phone, letter, a GP referral, another municipal unit or Borgerservice, and a complaint about a decision that arrived by phone or letter. The deadlines count from the day it arrived.",
        )}</p>
        <ErrorSummary error=err/>
        <Loaded load=move || intake_page(name.clone(), born.clone()) show=move |d| intake_view(lang, d, apply, complain, err)/>
    }
}

fn intake_view(
    lang: Lang,
    d: IntakeData,
    apply: ServerAction<RegisterApplication>,
    complain: ServerAction<RegisterComplaint>,
    err: Signal<Option<AppError>>,
) -> AnyView {
    let search = view! {
        <section aria-labelledby="find-borger">
            <h2 id="find-borger">{lang.pick("1. Find borgeren", "1. Find the citizen")}</h2>
            <form method="get" action="/personale/modtag">
                <div class="field" id="felt-borger">
                    <FieldError error=err field="felt-borger"/>
                    <label for="felt-navn">{lang.pick("Borgerens fulde navn", "The citizen's full name")}</label>
                    <input id="felt-navn" name="navn" type="text" autocomplete="off" value=d.name.clone()/>
                </div>
                <div class="field">
                    <label for="felt-foedt">{lang.pick("Fødselsdato", "Birth date")}</label>
                    <p class="hint" id="foedt-hint">{lang.pick("Som dag.måned.år, fx 4.7.1941.", "As day.month.year, e.g. 4.7.1941.")}</p>
                    <input id="felt-foedt" name="foedt" type="text" inputmode="numeric" aria-describedby="foedt-hint" value=d.birth_date.clone()/>
                </div>
                <button type="submit" class="button button-secondary">{lang.pick("Find borgeren", "Find the citizen")}</button>
            </form>
        </section>
    };
    let found = match (d.searched, d.citizens.len()) {
        (false, _) => ().into_any(),
        (true, 0) => view! {
            <p>{lang.pick(
                "Der er ingen borger i kommunen med det navn og den fødselsdato. Registrerer du en ansøgning, bliver borgeren oprettet.",
                "There is no citizen in the municipality with that name and birth date. If you register an application, the citizen is created.",
            )}</p>
            {application_form(lang, None, &d, apply, err)}
        }
        .into_any(),
        (true, 1) => {
            let c = d.citizens[0].clone();
            view! {
                <p>{format!("{}: {}{}", lang.pick("Fundet", "Found"), c.name, c.birth_date.map(|b| format!(", {} {}", lang.pick("født", "born"), long_date(lang, b))).unwrap_or_default())}</p>
                {application_form(lang, Some(&c), &d, apply, err)}
                {complaint_form(lang, &c, &d, complain, err)}
            }
            .into_any()
        }
        (true, _) => view! {
            <p>{lang.pick(
                "Flere borgere har det navn og den fødselsdato. Find borgeren i fagsystemet, og ring til support.",
                "Several citizens have that name and birth date. Find the citizen in the case system, and call support.",
            )}</p>
        }
        .into_any(),
    };
    view! { {search}{found} }.into_any()
}

fn application_form(
    lang: Lang,
    citizen: Option<&FoundCitizen>,
    d: &IntakeData,
    apply: ServerAction<RegisterApplication>,
    err: Signal<Option<AppError>>,
) -> impl IntoView {
    let who = match citizen {
        Some(c) => {
            view! { <input type="hidden" name="citizen" value=c.id.to_string()/> }.into_any()
        }
        None => view! {
            <input type="hidden" name="citizen_name" value=d.name.clone()/>
            <input type="hidden" name="citizen_birth_date" value=d.birth_date.clone()/>
        }
        .into_any(),
    };
    let channels = Channel::APPLICATION
        .iter()
        .map(|c| choice("channel", c.code(), c.label(lang).into(), ""))
        .collect_view();
    let today = d.today.to_string();
    view! {
        <section aria-labelledby="ansoegning">
            <h2 id="ansoegning">{lang.pick("2. Registrér en ansøgning", "2. Register an application")}</h2>
            <ActionForm action=apply>
                {who}
                <fieldset class="field" id="felt-kanal">
                    <legend>{lang.pick("Sådan kom ansøgningen", "How the application arrived")}</legend>
                    <FieldError error=err field="felt-kanal"/>
                    {channels}
                </fieldset>
                <div class="field">
                    <label for="felt-modtaget">{lang.pick("Den dag, ansøgningen kom", "The day the application arrived")}</label>
                    <FieldError error=err field="felt-modtaget"/>
                    <input type="date" id="felt-modtaget" aria-describedby="felt-modtaget-fejl" name="arrived_on" value=crate::context::typed("arrived_on").unwrap_or_else(|| today.clone()) max=today.clone()/>
                </div>
                <div class="field">
                    <label for="felt-behov">{lang.pick("Hvad har borgeren brug for hjælp til?", "What does the citizen need help with?")}</label>
                    <FieldError error=err field="felt-behov"/>
                    <textarea id="felt-behov" aria-describedby="felt-behov-fejl" name="needs" rows="5" class="input-wide">{crate::components::textarea_text::in_textarea(&crate::context::typed("needs").unwrap_or_default())}</textarea>
                </div>
                <fieldset class="field" id="felt-samtykke">
                    <legend>{lang.pick("Borgerens samtykke til, at kommunen behandler ansøgningen", "The citizen's consent to the municipality processing the application")}</legend>
                    <FieldError error=err field="felt-samtykke"/>
                    {choice("consent", ConsentGiven::Oral.code(), lang.pick("Givet mundtligt til mig", "Given orally to me").into(), "")}
                    {choice("consent", ConsentGiven::Paper.code(), lang.pick("Givet på papir", "Given on paper").into(), "")}
                </fieldset>
                <div class="field">
                    <label for="felt-samtykke-dato">{lang.pick("Den dag, samtykket blev givet", "The day the consent was given")}</label>
                    <FieldError error=err field="felt-samtykke-dato"/>
                    <input type="date" id="felt-samtykke-dato" aria-describedby="felt-samtykke-dato-fejl" name="consent_on" value=crate::context::typed("consent_on").unwrap_or_else(|| today.clone()) max=today/>
                </div>
                <div class="field">
                    <label for="felt-samtykke-ref">{lang.pick("Samtykkeerklæringens reference (kun på papir)", "The consent form's reference (paper only)")}</label>
                    <FieldError error=err field="felt-samtykke-ref"/>
                    <input type="text" id="felt-samtykke-ref" aria-describedby="felt-samtykke-ref-fejl" name="consent_ref" value=crate::context::typed("consent_ref")/>
                </div>
                <button type="submit" class="button">{lang.pick("Registrér ansøgningen", "Register the application")}</button>
            </ActionForm>
        </section>
    }
}

fn complaint_form(
    lang: Lang,
    c: &FoundCitizen,
    d: &IntakeData,
    complain: ServerAction<RegisterComplaint>,
    err: Signal<Option<AppError>>,
) -> impl IntoView {
    use crate::domain::complaint_guidance::DecisionOutcome;
    if c.decisions.is_empty() {
        return view! {
            <p>{lang.pick("Borgeren har ingen afgørelser, der kan klages over.", "The citizen has no decisions to complain about.")}</p>
        }
        .into_any();
    }
    let decisions = c
        .decisions
        .iter()
        .map(|(id, outcome, at)| {
            let label = format!(
                "{} {} ({})",
                lang.pick("Afgørelse af", "Decision of"),
                long_date_time(lang, *at),
                DecisionOutcome::label(*outcome, lang)
            );
            choice("decision", &id.to_string(), label, "")
        })
        .collect_view();
    let today = d.today.to_string();
    view! {
        <section aria-labelledby="klage">
            <h2 id="klage">{lang.pick("3. Registrér en klage over en afgørelse", "3. Register a complaint about a decision")}</h2>
            <p class="hint">{lang.pick(
                "En klage kan gives mundtligt og behøver ingen begrundelse. En klage, der kommer for sent, registreres alligevel og markeres som muligvis for sen.",
                "A complaint may be oral and needs no reasons. A complaint that arrives late is registered all the same and marked as possibly late.",
            )}</p>
            <ActionForm action=complain>
                <fieldset class="field" id="felt-afgoerelse">
                    <legend>{lang.pick("Afgørelsen, der klages over", "The decision complained about")}</legend>
                    <FieldError error=err field="felt-afgoerelse"/>
                    {decisions}
                </fieldset>
                <fieldset class="field" id="felt-klage-kanal">
                    <legend>{lang.pick("Sådan kom klagen", "How the complaint arrived")}</legend>
                    <FieldError error=err field="felt-klage-kanal"/>
                    {Channel::COMPLAINT.iter().map(|ch| choice("way", ch.code(), ch.label(lang).into(), "")).collect_view()}
                </fieldset>
                <div class="field">
                    <label for="felt-klage-modtaget">{lang.pick("Den dag, kommunen modtog klagen", "The day the municipality received the complaint")}</label>
                    <FieldError error=err field="felt-klage-modtaget"/>
                    <input type="date" id="felt-klage-modtaget" aria-describedby="felt-klage-modtaget-fejl" name="received_on" value=crate::context::typed("received_on").unwrap_or_else(|| today.clone()) max=today.clone()/>
                </div>
                <div class="field">
                    <label for="felt-klage-sendt">{lang.pick("Den dag, brevet blev sendt (poststempel eller brevets dato; kun ved brev)", "The day the letter was sent (postmark or the letter's date; letters only)")}</label>
                    <FieldError error=err field="felt-klage-sendt"/>
                    <input type="date" id="felt-klage-sendt" aria-describedby="felt-klage-sendt-fejl" name="sent_on" value=crate::context::typed("sent_on") max=today/>
                </div>
                <div class="field">
                    <label for="felt-klage-tekst">{lang.pick("Hvad borgeren skrev eller sagde (kan være tomt)", "What the citizen wrote or said (may be empty)")}</label>
                    <FieldError error=err field="felt-klage-tekst"/>
                    <textarea id="felt-klage-tekst" aria-describedby="felt-klage-tekst-fejl" name="body" rows="5" class="input-wide">{crate::components::textarea_text::in_textarea(&crate::context::typed("body").unwrap_or_default())}</textarea>
                </div>
                <button type="submit" class="button">{lang.pick("Registrér klagen", "Register the complaint")}</button>
            </ActionForm>
        </section>
    }
    .into_any()
}
