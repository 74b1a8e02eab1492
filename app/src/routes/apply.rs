//! "Søg om vedligeholdende træning": the form (saved as a draft whenever it is sent, so nothing
//! typed is lost), the check-your-answers page, and the receipt. Plain forms throughout.
use crate::components::form_errors::{ErrorSummary, FieldError};
use crate::components::loaded::Loaded;
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::time_format::long_date_time;
use crate::functions::apply::{
    application_receipt, apply_form, check_application, AdviceView, ApplicationForm, CheckView,
    ConsentToApplication, ReceiptView, SaveApplication, SubmitApplication,
};
use crate::views::consents::OfferView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn pick(lang: Lang, da: &str, en: &str) -> String {
    match lang {
        Lang::Da => da.to_string(),
        Lang::En => en.to_string(),
    }
}

fn advice_view(lang: Lang, advice: Vec<AdviceView>) -> impl IntoView {
    advice
        .into_iter()
        .map(|a| {
            view! {
                <div class="inset">
                    <p>{pick(lang, &a.text_da, &a.text_en)}</p>
                    <p class="hint">{format!("{} {}", lang.pick("Regel", "Rule"), a.rule_id)}</p>
                </div>
            }
        })
        .collect_view()
}

#[component]
pub fn ApplyPage() -> impl IntoView {
    let lang = current_lang();
    let saved = use_query_map().get_untracked().get("gemt").is_some();
    let action = ServerAction::<SaveApplication>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <Title text=lang.pick("Søg om træning – Træningsportalen", "Apply for training – Træningsportalen")/>
        <ErrorSummary error=error/>
        <Loaded load=move || apply_form() show=move |f| form_view(lang, f, saved, action)/>
    }
}

/// One radio button with its label: checked as `checked` says, or as the person chose when the
/// form comes back after a failed post.
fn radio(name: &str, value: &str, id: String, label: String, checked: bool) -> impl IntoView {
    let checked = crate::context::typed(name).map_or(checked, |t| t == value);
    view! {
        <div class="checkbox">
            <input type="radio" id=id.clone() name=name.to_string() value=value.to_string() checked=checked/>
            <label for=id>{label}</label>
        </div>
    }
}

fn form_view(
    lang: Lang,
    f: ApplicationForm,
    saved: bool,
    action: ServerAction<SaveApplication>,
) -> impl IntoView {
    let err = Signal::derive(move || action.value().get().and_then(Result::err));
    let heading = if f.on_behalf {
        format!(
            "{} {}",
            lang.pick(
                "Søg om vedligeholdende træning for",
                "Apply for maintenance training for"
            ),
            f.citizen_name
        )
    } else {
        lang.pick(
            "Søg om vedligeholdende træning",
            "Apply for maintenance training",
        )
        .to_string()
    };
    let saved_note = (saved && f.saved_at.is_some()).then(|| {
        view! {
            <div class="confirmation" role="status">
                <p>{format!("{} {}. {}",
                    lang.pick("Din kladde er gemt", "Your draft is saved"),
                    f.saved_at.map(|t| long_date_time(lang, t)).unwrap_or_default(),
                    lang.pick("Du kan fortsætte nu eller en anden dag.", "You can go on now or another day."))}</p>
            </div>
        }
    });
    let municipality = match &f.municipality {
        Some(_) => view! { <p class="lead">{format!("{} {}", lang.pick("Ansøgningen sendes til", "The application goes to"), f.municipality_name)}</p> }.into_any(),
        None => {
            let options = f.municipalities.iter().map(|m| {
                let id = format!("kommune-{}", m.code);
                view! {
                    <div class="checkbox">
                        <input type="radio" id=id.clone() name="municipality" value=m.code.clone() checked=crate::context::typed("municipality").as_deref() == Some(m.code.as_str()) required/>
                        <label for=id>{m.label_da.clone()}</label>
                    </div>
                }
            }).collect_view();
            view! {
                <fieldset class="field" id="felt-kommune">
                    <legend>{lang.pick("Hvilken kommune bor du i?", "Which municipality do you live in?")}</legend>
                    <FieldError error=err field="felt-kommune"/>
                    {options}
                </fieldset>
            }.into_any()
        }
    };
    let questions = f.questions.iter().map(|q| {
        let name = format!("prescreen[{}]", q.id);
        let answer = f.draft.prescreen.get(&q.id).copied();
        let after = q.after_da.as_ref().map(|da| {
            let en = q.after_en.clone().unwrap_or_default();
            view! { <p class="hint">{format!("{} {}", lang.pick("Svar kun, hvis du svarede ja til:", "Answer only if you answered yes to:"), pick(lang, da, &en))}</p> }
        });
        view! {
            <fieldset class="field">
                <legend>{pick(lang, &q.text_da, &q.text_en)}</legend>
                {after}
                {radio(&name, "ja", format!("q-{}-ja", q.id), lang.pick("Ja", "Yes").into(), answer == Some(true))}
                {radio(&name, "nej", format!("q-{}-nej", q.id), lang.pick("Nej", "No").into(), answer == Some(false))}
            </fieldset>
        }
    }).collect_view();
    let has_questions = !f.questions.is_empty();
    // After a failed post, the place chosen then ("Ved ikke" posts an empty one, as does none).
    let place = if crate::context::typed_back() {
        crate::context::typed("place").unwrap_or_default()
    } else {
        f.draft.place.clone()
    };
    let places = f
        .places
        .iter()
        .map(|c| {
            radio(
                "place",
                &c.code,
                format!("sted-{}", c.code),
                pick(lang, &c.label_da, &c.label_en),
                place == c.code,
            )
        })
        .collect_view();
    let places_hint = f.places.is_empty().then(|| view! {
        <p class="hint">{lang.pick(
            "Når du har valgt kommune og gemt, kan du vælge blandt kommunens træningssteder.",
            "Once you have chosen your municipality and saved, you can choose among its training places.",
        )}</p>
    });
    let chosen = f.draft.training_form.clone();
    let forms = f
        .forms
        .iter()
        .map(|c| {
            radio(
                "training_form",
                &c.code,
                format!("form-{}", c.code),
                pick(lang, &c.label_da, &c.label_en),
                chosen.as_deref() == Some(c.code.as_str()),
            )
        })
        .collect_view();
    let transport = f.draft.transport.clone();
    let transport_contacts = f.transport_contacts.iter().map(|c| {
        view! { <li>{format!("{}: {}", c.unit, pick(lang, &c.purpose_da, &c.purpose_en))}{c.phone.clone().map(|p| format!(" ({} {p})", lang.pick("tlf.", "phone")))}</li> }
    }).collect_view();
    view! {
        <h1>{heading}</h1>
        {saved_note}
        <p>{lang.pick(
            "Skriv med dine egne ord. Du kan gemme en kladde og fortsætte senere. Du ser alle svar igen, før du sender.",
            "Write in your own words. You can save a draft and go on later. You see every answer again before you send.",
        )}</p>
        <ActionForm action=action>
            {municipality}
            {has_questions.then(|| view! {
                <h2>{lang.pick("Inden du søger", "Before you apply")}</h2>
                <p class="hint">{lang.pick(
                    "Spørgsmålene giver dig kun gode råd. Du kan altid sende ansøgningen; kommunen vurderer den.",
                    "The questions only give you advice. You can always send the application; the municipality assesses it.",
                )}</p>
            })}
            {questions}
            {advice_view(lang, f.advice)}
            <h2>{lang.pick("Dit behov", "Your needs")}</h2>
            <div class="field">
                <label for="felt-behov">{lang.pick("Hvad er svært for dig i hverdagen?", "What is hard for you in daily life?")}</label>
                <p class="hint" id="hint-behov">{lang.pick("Fx at gå på trapper, rejse dig fra en stol eller gå en tur.", "E.g. climbing stairs, getting up from a chair or going for a walk.")}</p>
                <FieldError error=err field="felt-behov"/>
                <textarea id="felt-behov" name="needs" rows="5" aria-describedby="hint-behov">{crate::components::textarea_text::in_textarea(&crate::context::typed("needs").unwrap_or(f.draft.needs.clone()))}</textarea>
            </div>
            <div class="field">
                <label for="felt-maal">{lang.pick("Hvad vil du gerne kunne? (valgfrit)", "What would you like to be able to do? (optional)")}</label>
                <textarea id="felt-maal" name="goals" rows="4">{crate::components::textarea_text::in_textarea(&crate::context::typed("goals").unwrap_or(f.draft.goals.clone()))}</textarea>
            </div>
            <h2>{lang.pick("Træningen", "The training")}</h2>
            <fieldset class="field" id="felt-form">
                <legend>{lang.pick("Hvordan vil du helst træne?", "How would you prefer to train?")}</legend>
                <FieldError error=err field="felt-form"/>
                {radio("training_form", "ved_ikke", "form-ved-ikke".into(), lang.pick("Ved ikke – kommunen vælger sammen med mig", "Don't know – the municipality decides with me").into(), chosen.is_none())}
                {forms}
            </fieldset>
            <fieldset class="field" id="felt-sted">
                <legend>{lang.pick("Hvor vil du helst træne?", "Where would you prefer to train?")}</legend>
                <FieldError error=err field="felt-sted"/>
                {places_hint}
                {radio("place", "", "sted-ved-ikke".into(), lang.pick("Ved ikke – kommunen foreslår et sted", "Don't know – the municipality suggests a place").into(), place.is_empty())}
                {places}
            </fieldset>
            <fieldset class="field" id="felt-transport">
                <legend>{lang.pick("Kan du selv komme frem til træningen?", "Can you get to the training yourself?")}</legend>
                <FieldError error=err field="felt-transport"/>
                {radio("transport", "self", "transport-selv".into(), lang.pick("Ja, jeg kan selv komme frem", "Yes, I can get there myself").into(), transport.as_deref() == Some("self"))}
                {radio("transport", "help", "transport-hjaelp".into(), lang.pick("Nej, jeg har brug for hjælp til transport", "No, I need help with transport").into(), transport.as_deref() == Some("help"))}
                <p class="hint">{lang.pick(
                    "Kommunen giver som udgangspunkt ikke kørsel til træningen. Har du brug for hjælp, kan du kontakte:",
                    "As a rule the municipality does not provide transport to the training. If you need help, you can contact:",
                )}</p>
                <ul class="hint">{transport_contacts}</ul>
            </fieldset>
            <div class="button-row">
                <button type="submit" name="next" value="tjek" class="button">{lang.pick("Fortsæt", "Continue")}</button>
                <button type="submit" name="next" value="kladde" class="button button-secondary">{lang.pick("Gem som kladde", "Save as draft")}</button>
            </div>
        </ActionForm>
    }
}

#[component]
pub fn CheckPage() -> impl IntoView {
    let lang = current_lang();
    let submit = ServerAction::<SubmitApplication>::new();
    let error = Signal::derive(move || submit.value().get().and_then(Result::err));
    view! {
        <Title text=lang.pick("Tjek dine svar – Træningsportalen", "Check your answers – Træningsportalen")/>
        <ErrorSummary error=error/>
        <Loaded load=move || check_application() show=move |c| check_view(lang, c, submit)/>
    }
}

fn check_view(lang: Lang, c: CheckView, submit: ServerAction<SubmitApplication>) -> impl IntoView {
    let change = |anchor: &str, what: &str| {
        view! { <a href=format!("/ansoeg#{anchor}")>{lang.pick("Ret", "Change")}<span class="visually-hidden">{format!(" {what}")}</span></a> }
    };
    let answers = c
        .answers
        .iter()
        .map(|(da, en, yes)| {
            view! {
                <dt>{pick(lang, da, en)}</dt>
                <dd>{if *yes { lang.pick("Ja", "Yes") } else { lang.pick("Nej", "No") }}</dd>
            }
        })
        .collect_view();
    let not_given = lang.pick("Ikke udfyldt", "Not filled in");
    let or_none = |t: &str| {
        if t.is_empty() {
            not_given.to_string()
        } else {
            t.to_string()
        }
    };
    let waits = c.waits_for_consent.then(|| view! {
        <div class="inset">
            <p>{format!("{} {} {}",
                lang.pick("Når du sender, venter ansøgningen på, at", "When you send it, the application waits for"),
                c.citizen_name,
                lang.pick("giver samtykke ved at logge ind med sit eget MitID. Først da modtager kommunen den.", "to consent by signing in with their own MitID. Only then does the municipality receive it."))}</p>
        </div>
    });
    view! {
        <h1>{lang.pick("Tjek dine svar, før du sender", "Check your answers before you send")}</h1>
        <p class="lead">{format!("{} {}", lang.pick("Ansøgning til", "Application to"), c.municipality_name)}</p>
        {(!c.answers.is_empty()).then(|| view! {
            <h2>{lang.pick("Inden du søger", "Before you apply")}</h2>
            <dl class="facts">{answers}</dl>
        })}
        {advice_view(lang, c.advice)}
        <h2>{lang.pick("Dit behov", "Your needs")}</h2>
        <dl class="facts">
            <dt>{lang.pick("Det er svært i hverdagen", "Hard in daily life")}</dt>
            <dd class="own-words">{c.needs.clone()}" "{change("felt-behov", lang.pick("behov", "needs"))}</dd>
            <dt>{lang.pick("Det vil du gerne kunne", "What you would like to do")}</dt>
            <dd class="own-words">{or_none(&c.goals)}" "{change("felt-maal", lang.pick("mål", "goals"))}</dd>
        </dl>
        <h2>{lang.pick("Træningen", "The training")}</h2>
        <dl class="facts">
            <dt>{lang.pick("Træningsform", "Training form")}</dt>
            <dd>{pick(lang, &c.form_da, &c.form_en)}" "{change("felt-form", lang.pick("træningsform", "training form"))}</dd>
            <dt>{lang.pick("Sted", "Place")}</dt>
            <dd>{pick(lang, &c.place_da, &c.place_en)}" "{change("felt-sted", lang.pick("sted", "place"))}</dd>
            <dt>{lang.pick("Transport", "Transport")}</dt>
            <dd>{if c.transport_help { lang.pick("Har brug for hjælp til transport", "Needs help with transport") } else { lang.pick("Kan selv komme frem", "Can get there themself") }}" "{change("felt-transport", lang.pick("transport", "transport"))}</dd>
        </dl>
        {waits}
        <ActionForm action=submit>
            <input type="hidden" name="reference" value=c.reference/>
            {consent_boxes(lang, c.on_behalf, c.consent, c.health_consent, Signal::derive(move || submit.value().get().and_then(Result::err)))}
            <button type="submit" class="button">{lang.pick("Send ansøgningen", "Send the application")}</button>
        </ActionForm>
    }
}

/// The consents given by sending: processing the application (required) and information from
/// the GP or hospital (optional), each in the municipality's current words and version.
fn consent_boxes(
    lang: Lang,
    on_behalf: bool,
    application: Option<OfferView>,
    health: Option<OfferView>,
    err: Signal<Option<crate::errors::AppError>>,
) -> impl IntoView {
    let application = application?;
    let boxed = move |o: OfferView, name: &'static str, required: bool| {
        let text_id = format!("samtykke-{name}-tekst");
        // Never ticked beforehand: ticked only when the person ticked it in a post that failed.
        let ticked = crate::context::typed_back()
            && crate::context::typed_all(&format!("consent_{name}"))
                .iter()
                .any(|v| v == "ja");
        let label = match (required, on_behalf) {
            (true, false) => lang.pick("Jeg giver samtykke til, at kommunen behandler min ansøgning", "I consent to the municipality processing my application"),
            (true, true) => lang.pick("Jeg giver på borgerens vegne samtykke til, at kommunen behandler ansøgningen", "On the citizen's behalf I consent to the municipality processing the application"),
            (false, false) => lang.pick("Jeg giver samtykke til, at kommunen må indhente oplysninger fra min læge eller sygehuset (frivilligt)", "I consent to the municipality obtaining information from my GP or the hospital (optional)"),
            (false, true) => lang.pick("Jeg giver på borgerens vegne samtykke til, at kommunen må indhente oplysninger fra egen læge eller sygehuset (frivilligt)", "On the citizen's behalf I consent to the municipality obtaining information from the GP or the hospital (optional)"),
        };
        view! {
            <div class="consent-text" id=text_id.clone()>
                <h3>{format!("{} ({} {})", pick(lang, &o.title_da, &o.title_en), lang.pick("version", "version"), o.version)}</h3>
                <p>{pick(lang, &o.text_da, &o.text_en)}</p>
            </div>
            <FieldError error=err field=if required { "samtykke-application" } else { "samtykke-health" }/>
            <div class="checkbox">
                <input type="checkbox" id=format!("samtykke-{name}") name=format!("consent_{name}") value="ja" checked=ticked aria-describedby=text_id/>
                <label for=format!("samtykke-{name}")>{label}</label>
            </div>
        }
    };
    Some(view! {
        <fieldset class="consents">
            <legend><h2>{lang.pick("Samtykke", "Consent")}</h2></legend>
            <p>{lang.pick("Du kan altid trække et samtykke tilbage under Samtykker.", "You can always withdraw a consent under Consents.")}</p>
            {boxed(application, "application", true)}
            {health.map(|h| boxed(h, "health", false))}
        </fieldset>
    })
}

#[component]
pub fn ReceiptPage() -> impl IntoView {
    let lang = current_lang();
    let reference = use_params_map()
        .get_untracked()
        .get("reference")
        .unwrap_or_default();
    let consent = ServerAction::<ConsentToApplication>::new();
    view! {
        <Title text=lang.pick("Kvittering – Træningsportalen", "Receipt – Træningsportalen")/>
        <Loaded load=move || application_receipt(reference.clone()) show=move |r| receipt_view(lang, r, consent)/>
    }
}

fn receipt_view(
    lang: Lang,
    r: ReceiptView,
    consent: ServerAction<ConsentToApplication>,
) -> impl IntoView {
    let waiting = r.status == crate::domain::states::ApplicationStatus::AwaitingConsent;
    let heading = if waiting {
        lang.pick(
            "Ansøgningen venter på samtykke",
            "The application is waiting for consent",
        )
    } else {
        lang.pick("Ansøgningen er sendt", "The application has been sent")
    };
    let next = if waiting {
        let reference = r.reference.clone();
        let button = r.consent.map(move |o| view! {
            <div class="consent-text">
                <h2>{format!("{} ({} {})", pick(lang, &o.title_da, &o.title_en), lang.pick("version", "version"), o.version)}</h2>
                <p>{pick(lang, &o.text_da, &o.text_en)}</p>
            </div>
            <ActionForm action=consent>
                <input type="hidden" name="reference" value=reference/>
                <button type="submit" class="button">{lang.pick("Jeg giver samtykke – send ansøgningen", "I consent – send the application")}</button>
            </ActionForm>
        });
        view! {
            <p>{format!("{} {} {}",
                lang.pick("Ansøgningen er skrevet for", "The application was written for"),
                r.citizen_name,
                lang.pick("af en pårørende. Kommunen modtager den, når borgeren selv har givet samtykke.", "by a relative. The municipality receives it when the citizen has consented."))}</p>
            {button}
        }.into_any()
    } else if !r.clocks.is_empty() {
        view! {
            <h2>{lang.pick("Det lover kommunen", "What the municipality promises")}</h2>
            {crate::components::clocks::clocks_view(lang, r.clocks)}
        }
        .into_any()
    } else {
        view! { <p>{format!("{} {}.", r.municipality_name, lang.pick("kontakter dig", "will contact you"))}</p> }.into_any()
    };
    let follow = (!waiting).then(|| view! {
        <p><a href=crate::paths::case_status(&r.reference)>{lang.pick("Følg ansøgningen", "Follow the application")}</a></p>
    });
    let email = match &r.email_to {
        Some(to) => format!("{} {to}.", lang.pick("Vi har sendt en kvittering til", "We have sent a receipt to")),
        None => lang.pick("Vi har ikke din e-mailadresse, så vi sender ingen kvittering. Skriv referencenummeret ned.", "We do not have your email address, so we send no receipt. Please note the reference.").to_string(),
    };
    view! {
        <div class="confirmation" role="status">
            <h1>{heading}</h1>
            <p>{lang.pick("Referencenummer", "Reference")}<br/><strong class="reference">{r.reference.clone()}</strong></p>
        </div>
        <p>{format!("{} {}", lang.pick("Ansøgningen er til", "The application is to"), r.municipality_name)}</p>
        {next}
        <p>{email}</p>
        {follow}
        <p><a href="/oversigt">{lang.pick("Gå til din oversigt", "Go to your overview")}</a></p>
    }
}
