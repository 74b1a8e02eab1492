//! "Din ansøgning": the timeline of one application and the municipality's promises, for the
//! citizen and a relative with the view scope. An ordered list, read sensibly aloud.
use crate::components::clocks::clocks_view;
use crate::components::loaded::Loaded;
use crate::context::current_lang;
use crate::domain::case_timeline::StepState;
use crate::domain::lang::Lang;
use crate::domain::time_format::long_date;
use crate::functions::case_status::{case_status, CaseStatusView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CaseStatusPage() -> impl IntoView {
    let lang = current_lang();
    let reference = use_params_map()
        .get_untracked()
        .get("reference")
        .unwrap_or_default();
    view! {
        <Title text=lang.pick("Din ansøgning – Træningsportalen", "Your application – Træningsportalen")/>
        <Loaded load=move || case_status(reference.clone()) show=move |c| case_view(lang, c)/>
    }
}

fn case_view(lang: Lang, c: CaseStatusView) -> impl IntoView {
    let heading = if c.on_behalf {
        format!(
            "{} {}",
            lang.pick("Ansøgning for", "Application for"),
            c.citizen_name
        )
    } else {
        lang.pick("Din ansøgning", "Your application").to_string()
    };
    let steps = c
        .steps
        .into_iter()
        .map(|s| {
            let label = lang.pick(&s.label_da, &s.label_en).to_string();
            let (class, state) = match s.state {
                StepState::Done => ("step-done", lang.pick("Sket", "Done")),
                StepState::Next => ("step-next", lang.pick("Næste skridt", "Next step")),
                StepState::Later => ("step-later", lang.pick("Senere", "Later")),
            };
            let when = s.on.map(|d| {
                let prefix = match s.state {
                    StepState::Done => "",
                    _ => lang.pick("planlagt ", "planned "),
                };
                format!(", {prefix}{}", long_date(lang, d))
            });
            view! {
                <li class=class>
                    <strong>{label}</strong>
                    {when}
                    <span class="step-state">{format!(" – {state}")}</span>
                </li>
            }
        })
        .collect_view();
    let decision = c.decision_id.map(|id| {
        view! {
            <p><a href=crate::paths::decision(id)>{lang.pick("Læs afgørelsen", "Read the decision")}</a></p>
        }
    });
    let waiting = (c.status == crate::domain::states::ApplicationStatus::AwaitingConsent).then(|| {
        view! {
            <div class="inset">
                <p>{lang.pick("Ansøgningen venter på borgerens samtykke. Kommunen har ikke modtaget den endnu.", "The application is waiting for the citizen's consent. The municipality has not received it yet.")}" "
                <a href=crate::paths::application_receipt(&c.reference)>{lang.pick("Se, hvordan der gives samtykke", "See how to consent")}</a></p>
            </div>
        }
    });
    let clocks = (!c.clocks.is_empty()).then(|| {
        view! {
            <section aria-labelledby="frister">
                <h2 id="frister">{lang.pick("Det lover kommunen", "What the municipality promises")}</h2>
                {clocks_view(lang, c.clocks)}
            </section>
        }
    });
    view! {
        <h1>{heading}</h1>
        <p class="lead">{format!("{} {} · {}", lang.pick("Referencenummer", "Reference"), c.reference, c.municipality_name)}</p>
        {waiting}
        <section aria-labelledby="forloeb">
            <h2 id="forloeb">{lang.pick("Sådan går det med ansøgningen", "How the application is going")}</h2>
            <ol class="timeline">{steps}</ol>
            {decision}
        </section>
        {clocks}
    }
}
