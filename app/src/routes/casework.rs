//! The caseworker's inbox of applications and one case with its clocks and steps.
use crate::components::clocks::clocks_view;
use crate::components::decision_fields::delivery_fields;
use crate::components::decision_fields::{choice, plan_fields};
use crate::components::form_errors::{ErrorSummary, FieldError};
use crate::components::loaded::Loaded;
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::time_format::{long_date, long_date_time};
use crate::functions::casework::{staff_case, staff_inbox, CaseData, InboxData, RecordStep};
use crate::functions::decision::DecideApplication;
use crate::views::consents::ConsentView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn InboxPage() -> impl IntoView {
    let lang = current_lang();
    view! {
        <Title text=lang.pick("Ansøgninger – Træningsportalen", "Applications – Træningsportalen")/>
        <Loaded load=move || staff_inbox() show=move |d| inbox_view(lang, d)/>
    }
}

fn inbox_view(lang: Lang, d: InboxData) -> impl IntoView {
    let rows = if d.rows.is_empty() {
        view! { <p>{lang.pick("Der er ingen åbne ansøgninger.", "There are no open applications.")}</p> }.into_any()
    } else {
        let items = d.rows.into_iter().map(|r| {
            let due = match r.next_due {
                Some(due) => format!("{} {}", lang.pick("Næste frist", "Next due"), long_date(lang, due)),
                None => lang.pick("Ingen løbende frist", "No running deadline").to_string(),
            };
            let overdue = r.overdue.then(|| view! { <strong class="overdue">{lang.pick("Overskredet", "Overdue")}</strong>" " });
            view! {
                <li class=if r.overdue { "case overdue-case" } else { "case" }>
                    <p><a href=crate::paths::staff_case(&r.reference)>{format!("{} – {}", r.citizen_name, r.reference)}</a></p>
                    <p>{overdue}{due}{r.received.map(|d| format!(" · {} {}", lang.pick("modtaget", "received"), long_date(lang, d)))}</p>
                    <p>{format!("{}: {}", lang.pick("Lovgrundlag", "Legal basis"), lang.pick(&r.legal_basis_da, &r.legal_basis_en))}</p>
                </li>
            }
        }).collect_view();
        view! { <ol class="plain cases">{items}</ol> }.into_any()
    };
    view! {
        <h1>{format!("{} – {}", lang.pick("Ansøgninger", "Applications"), d.municipality_name)}</h1>
        <p class="lead">{lang.pick("Den sag, hvis næste frist kommer først, står øverst.", "The case whose next deadline comes first is at the top.")}</p>
        {rows}
    }
}

#[component]
pub fn CasePage() -> impl IntoView {
    let lang = current_lang();
    let reference = use_params_map()
        .get_untracked()
        .get("reference")
        .unwrap_or_default();
    let record = ServerAction::<RecordStep>::new();
    let decide = ServerAction::<DecideApplication>::new();
    let error = Signal::derive(move || {
        record
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| decide.value().get().and_then(Result::err))
    });
    view! {
        <Title text=lang.pick("Ansøgning – Træningsportalen", "Application – Træningsportalen")/>
        <p><a href="/personale/ansoegninger">{lang.pick("Tilbage til ansøgningerne", "Back to the applications")}</a></p>
        <ErrorSummary error=error/>
        <Loaded load=move || staff_case(reference.clone()) show=move |c| case_view(lang, c, record, decide)/>
    }
}

fn case_view(
    lang: Lang,
    c: CaseData,
    record: ServerAction<RecordStep>,
    decide: ServerAction<DecideApplication>,
) -> impl IntoView {
    let decision = decision_view(lang, &c, decide);
    let steps = c.steps.into_iter().map(|s| {
        let label = match lang { Lang::Da => s.label_da, Lang::En => s.label_en };
        let done = match s.at {
            Some(at) => view! { <p>{format!("{label}: {}", long_date_time(lang, at))}</p> }.into_any(),
            None => {
                let reference = c.reference.clone();
                view! {
                    <ActionForm action=record>
                        <input type="hidden" name="reference" value=reference/>
                        <input type="hidden" name="step" value=s.code/>
                        <button type="submit" class="button button-secondary">{format!("{} {}", lang.pick("Registrér nu:", "Record now:"), label)}</button>
                    </ActionForm>
                }.into_any()
            }
        };
        view! { <li>{done}</li> }
    }).collect_view();
    let consents = consents_table(lang, c.consents);
    view! {
        <h1>{format!("{} – {}", c.citizen_name, c.reference)}</h1>
        <p class="lead">{c.received.map(|r| format!("{} {}", lang.pick("Modtaget", "Received"), long_date_time(lang, r)))}</p>
        <p>{format!("{}: {}", lang.pick("Lovgrundlag", "Legal basis"), lang.pick(&c.legal_basis_da, &c.legal_basis_en))}</p>
        <section aria-labelledby="frister">
            <h2 id="frister">{lang.pick("Kommunens frister", "The municipality's deadlines")}</h2>
            {clocks_view(lang, c.clocks)}
        </section>
        {c.waiting_time_task.map(|t| view! {
            <section class="warning-text" aria-labelledby="opgave">
                <h2 id="opgave">{lang.pick("Opgave: fortæl borgeren ventetiden", "Task: tell the citizen the waiting time")}</h2>
                <p>{format!("{} {}", match t.due {
                    Some(d) => format!("{} {}.", lang.pick("Træningen kan ikke begynde senest", "Training cannot start by"), long_date(lang, d)),
                    None => String::new(),
                }, lang.pick(
                    "Fortæl borgeren, hvor lang ventetiden er, og registrér det under Forløbet.",
                    "Tell the citizen how long the wait is, and record it under The process.",
                ))}</p>
                <blockquote lang="da">{format!("“{}”", t.source)}</blockquote>
                <p class="rule-id">{format!("{} {}", lang.pick("Regel:", "Rule:"), t.rule_id)}</p>
            </section>
        })}
        <section aria-labelledby="trin">
            <h2 id="trin">{lang.pick("Forløbet", "The process")}</h2>
            <ul class="plain steps">{steps}</ul>
        </section>
        {decision}
        <section aria-labelledby="ansoegningen">
            <h2 id="ansoegningen">{lang.pick("Ansøgningen", "The application")}</h2>
            <dl class="facts">
                <dt>{lang.pick("Det er svært i hverdagen", "Hard in daily life")}</dt>
                <dd class="own-words">{c.needs}</dd>
                <dt>{lang.pick("Det vil borgeren gerne kunne", "What the citizen would like to do")}</dt>
                <dd class="own-words">{c.goals}</dd>
                <dt>{lang.pick("Ønsket træningsform", "Preferred training form")}</dt>
                <dd>{lang.pick(&c.preferred_form_da, &c.preferred_form_en).to_string()}</dd>
                <dt>{lang.pick("Ønsket sted", "Preferred place")}</dt>
                <dd>{lang.pick(&c.preferred_place_da, &c.preferred_place_en).to_string()}</dd>
                <dt>{lang.pick("Transport", "Transport")}</dt>
                <dd>{if c.transport_help { lang.pick("Har brug for hjælp", "Needs help") } else { lang.pick("Kommer selv", "Gets there themself") }}</dd>
            </dl>
        </section>
        <section aria-labelledby="samtykker">
            <h2 id="samtykker">{lang.pick("Samtykker", "Consents")}</h2>
            {consents}
        </section>
    }
}

/// The citizen's consents as the caseworker needs them: what is in force, and what was withdrawn
/// and when (a withdrawn application consent means: talk to the citizen before deciding).
fn consents_table(lang: Lang, consents: Vec<ConsentView>) -> AnyView {
    if consents.is_empty() {
        return view! { <p>{lang.pick("Ingen samtykker registreret.", "No consents recorded.")}</p> }.into_any();
    }
    let rows = consents
        .into_iter()
        .map(|c| {
            let status = match c.withdrawn_at {
                Some(at) => format!(
                    "{} {}",
                    lang.pick("Trukket tilbage", "Withdrawn"),
                    long_date_time(lang, at)
                ),
                None => lang.pick("Gælder", "In force").to_string(),
            };
            let about = match &c.relative_name {
                Some(n) => format!("{} ({n})", lang.pick(&c.title_da, &c.title_en)),
                None => lang.pick(&c.title_da, &c.title_en).to_string(),
            };
            view! {
                <tr>
                    <th scope="row">{about}</th>
                    <td>{c.version}</td>
                    <td>{format!("{}, {}", c.given_by_name, long_date_time(lang, c.given_at))}</td>
                    <td>{status}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data">
            <thead><tr>
                <th scope="col">{lang.pick("Formål", "Purpose")}</th>
                <th scope="col">{lang.pick("Tekstversion", "Text version")}</th>
                <th scope="col">{lang.pick("Givet af", "Given by")}</th>
                <th scope="col">{lang.pick("Status", "Status")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// The decision form, or a link to the letter once decided. The complaint guidance is added by
/// the portal from the municipality's rules.
fn decision_view(lang: Lang, c: &CaseData, decide: ServerAction<DecideApplication>) -> AnyView {
    let told: Vec<String> = c.told.iter().map(|t| t.sentence(lang)).collect();
    if let Some(id) = c.decision_id {
        return view! {
            <section aria-labelledby="afgoerelse">
                <h2 id="afgoerelse">{lang.pick("Afgørelse", "Decision")}</h2>
                <p><a href=crate::paths::decision(id)>{lang.pick("Se afgørelsen", "See the decision")}</a></p>
            </section>
        }
        .into_any();
    }
    let d = c.decision_draft.clone();
    let reference = c.reference.clone();
    let legal_default = c.legal_basis_default.clone();
    let err = Signal::derive(move || decide.value().get().and_then(Result::err));
    let fields = plan_fields(lang, &c.forms, c.max_weeks, &d, err);
    view! {
        <section aria-labelledby="afgoerelse">
            <h2 id="afgoerelse">{lang.pick("Træf afgørelse", "Decide")}</h2>
            <p class="hint">{lang.pick(
                "Klagevejledningen laves ud fra kommunens regler og kommer med i afgørelsen af sig selv.",
                "The complaint guidance is made from the municipality's rules and is added to the decision by itself.",
            )}</p>
            <ActionForm action=decide>
                <input type="hidden" name="reference" value=reference/>
                <fieldset class="field" id="felt-resultat">
                    <legend>{lang.pick("Resultat", "Outcome")}</legend>
                    <FieldError error=err field="felt-resultat"/>
                    {choice("outcome", "granted", lang.pick("Bevilget", "Granted").into(), &d.outcome)}
                    {choice("outcome", "partly_granted", lang.pick("Delvist bevilget", "Partly granted").into(), &d.outcome)}
                    {choice("outcome", "refused", lang.pick("Afslag", "Refused").into(), &d.outcome)}
                </fieldset>
                {fields}
                <div class="field">
                    <label for="felt-begrundelse">{lang.pick("Begrundelse (påkrævet, medmindre alt bevilges)", "Reasons (required unless everything is granted)")}</label>
                    <FieldError error=err field="felt-begrundelse"/>
                    <textarea id="felt-begrundelse" name="reasons" rows="6">{crate::components::textarea_text::in_textarea(&crate::context::typed("reasons").unwrap_or(d.reasons))}</textarea>
                </div>
                <fieldset class="field" id="felt-koersel">
                    <legend>{lang.pick("Kørsel til træningen efter servicelovens § 117 (valgfrit)", "Transport to the training under section 117 of the Social Services Act (optional)")}</legend>
                    <FieldError error=err field="felt-koersel"/>
                    {choice("transport", "", lang.pick("Afgørelsen handler ikke om kørsel", "The decision is not about transport").into(), &d.transport)}
                    {choice("transport", "granted", lang.pick("Kørsel bevilget", "Transport granted").into(), &d.transport)}
                    {choice("transport", "refused", lang.pick("Kørsel afslået", "Transport refused").into(), &d.transport)}
                </fieldset>
                <fieldset class="field" id="felt-lovgrundlag" aria-describedby="lovgrundlag-hint">
                    <legend>{lang.pick("Lovgrundlag", "Legal basis")}</legend>
                    <p class="hint" id="lovgrundlag-hint">{lang.pick(
                        "Har borgeren nået folkepensionsalderen, kan træningen høre under ældreloven i stedet for serviceloven (GEN-10). Kommunen vurderer det; ansøgningen afvises aldrig af den grund.",
                        "If the citizen has reached the state pension age, training may fall under the Act on the Elderly instead of the Social Services Act (GEN-10). The municipality assesses it; the application is never refused for that reason.",
                    )}</p>
                    <FieldError error=err field="felt-lovgrundlag"/>
                    {choice("legal_basis", "sel_86_2", lang.pick("Serviceloven § 86, stk. 2", "Social Services Act section 86(2)").into(), if d.legal_basis.is_empty() { &legal_default } else { &d.legal_basis })}
                    {choice("legal_basis", "aeldreloven", lang.pick("Ældreloven", "The Act on the Elderly (ældreloven)").into(), if d.legal_basis.is_empty() { &legal_default } else { &d.legal_basis })}
                </fieldset>
                {delivery_fields(lang, err, &d.delivery.way, &d.delivery.on)}
                <div class="field">
                    <p>{lang.pick("Lægges afgørelsen i portalen, får disse besked om den:", "If the decision is published in the portal, these are told of it:")}</p>
                    <ul>{told.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                </div>
                <button type="submit" class="button">{lang.pick("Træf afgørelsen", "Make the decision")}</button>
            </ActionForm>
        </section>
    }
    .into_any()
}
