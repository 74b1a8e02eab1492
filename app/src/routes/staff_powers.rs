//! Staff register a power of attorney from a paper document or a guardianship (værgemål).
use crate::components::form_errors::ErrorSummary;
use crate::components::loaded::{refuse_unless, Loaded};
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::people::StaffRole;
use crate::domain::time_format::long_date;
use crate::functions::staff_powers::{
    powers_awaiting_approval, registered_power, ApprovePower, AwaitingApproval, RegisterPower,
};
use crate::routes::powers::{expiry_field, relative_fields, scope_fields};
use crate::views::powers::PowerView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffPowersPage() -> impl IntoView {
    let lang = current_lang();
    let may_register = |v: &crate::domain::people::Viewer| {
        v.is_staff_of(
            v.municipality.as_deref().unwrap_or_default(),
            &[StaffRole::Visitator, StaffRole::Admin],
        )
    };
    if let Some(refused) = refuse_unless(may_register) {
        return refused;
    }
    let action = ServerAction::<RegisterPower>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let registered: Option<i64> = use_query_map()
        .get_untracked()
        .get("registreret")
        .and_then(|s| s.parse().ok());
    let receipt = registered.map(|id| {
        view! { <Loaded load=move || registered_power(id) show=move |p| receipt_view(lang, p)/> }
    });
    let approve = ServerAction::<ApprovePower>::new();
    let approve_error = Signal::derive(move || approve.value().get().and_then(Result::err));
    let approved = use_query_map()
        .get_untracked()
        .get("godkendt")
        .is_some()
        .then(|| {
            view! { <div class="confirmation" role="status"><p>{lang.pick(
                "Fuldmagten er godkendt. Borgeren får besked.",
                "The power of attorney is approved. The citizen is told.",
            )}</p></div> }
        });
    view! {
        <Title text=lang.pick("Registrer fuldmagt – Træningsportalen", "Register a power of attorney – Træningsportalen")/>
        <h1>{lang.pick("Registrer fuldmagt eller værgemål", "Register a power of attorney or guardianship")}</h1>
        {receipt}
        {approved}
        <ErrorSummary error=approve_error/>
        <Loaded load=powers_awaiting_approval show=move |list| approval_list(lang, list, approve)/>
        <h2>{lang.pick("Registrer en ny", "Register a new one")}</h2>
        <ErrorSummary error=error/>
        <p>{lang.pick(
            "Brug formularen, når en borger har givet fuldmagt på papir, eller når der er et værgemål. Den pårørende får en e-mail og tager imod med sit eget MitID.",
            "Use the form when a citizen has given power of attorney on paper, or when there is a guardianship. The relative gets an email and accepts with their own MitID.",
        )}</p>
        <ActionForm action=action>
            <fieldset class="field">
                <legend>{lang.pick("Borgeren", "The citizen")}</legend>
                <div class="field">
                    <label for="felt-borger">{lang.pick("Borgerens navn", "The citizen's name")}</label>
                    <input type="text" id="felt-borger" name="citizen_name" autocomplete="off" required value=crate::context::typed("citizen_name")/>
                </div>
                <div class="field">
                    <label for="felt-foedt">{lang.pick("Borgerens fødselsdato", "The citizen's birth date")}</label>
                    <p class="hint" id="hint-foedt">{lang.pick("Fx 4.7.1941", "E.g. 4.7.1941")}</p>
                    <input type="text" id="felt-foedt" name="citizen_birth_date" inputmode="numeric" autocomplete="off" required aria-describedby="hint-foedt" value=crate::context::typed("citizen_birth_date")/>
                </div>
            </fieldset>
            <fieldset class="field">
                <legend>{lang.pick("Dokumentet", "The document")}</legend>
                <div class="checkbox">
                    <input type="radio" id="kilde-papir" name="source" value="paper" required checked=crate::context::typed("source").is_some_and(|t| t == "paper")/>
                    <label for="kilde-papir">{lang.pick("Fuldmagt på papir", "Power of attorney on paper")}</label>
                </div>
                <div class="checkbox">
                    <input type="radio" id="kilde-vaerge" name="source" value="guardianship" checked=crate::context::typed("source").is_some_and(|t| t == "guardianship")/>
                    <label for="kilde-vaerge">{lang.pick("Værgemål", "Guardianship")}</label>
                </div>
                <div class="field">
                    <label for="felt-ref">{lang.pick("Dokumentets reference", "The document's reference")}</label>
                    <p class="hint" id="hint-ref">{lang.pick("Journalnummer eller sagsnummer", "Case or file number")}</p>
                    <input type="text" id="felt-ref" name="document_ref" autocomplete="off" required maxlength="100" aria-describedby="hint-ref" value=crate::context::typed("document_ref")/>
                </div>
            </fieldset>
            <fieldset class="field">
                <legend>{lang.pick("Den pårørende eller værgen", "The relative or guardian")}</legend>
                {relative_fields(lang.pick("Navn", "Name"), lang.pick("E-mailadresse", "Email address"))}
            </fieldset>
            {scope_fields(lang)}
            {expiry_field(lang)}
            <button type="submit" class="button">{lang.pick("Registrer og send invitationen", "Register and send the invitation")}</button>
        </ActionForm>
    }
    .into_any()
}

/// Powers a colleague registered, waiting for a second pair of eyes (never the registrant's).
fn approval_list(
    lang: Lang,
    list: Vec<AwaitingApproval>,
    approve: ServerAction<ApprovePower>,
) -> impl IntoView {
    if list.is_empty() {
        return ().into_any();
    }
    let items = list
        .into_iter()
        .map(|a| {
            let id = a.power.id.to_string();
            let accepted = match &a.accepted_by {
                Some(name) => format!("{} {name}.", lang.pick("Taget imod med MitID af", "Accepted with MitID by")),
                None => lang.pick("Ikke taget imod endnu.", "Not accepted yet.").to_string(),
            };
            let facts = format!(
                "{} {}. {} {}. {} {}.",
                lang.pick("Til", "To"),
                a.invited_name,
                lang.pick("Registreret af", "Registered by"),
                a.registered_by,
                lang.pick("Dokument", "Document"),
                a.power.document_ref.clone().unwrap_or_default(),
            );
            let until = format!(
                "{} {}.",
                lang.pick("Gælder til og med", "Valid until"),
                long_date(lang, a.power.expires_on)
            );
            let action = if a.own {
                view! { <p class="hint">{lang.pick(
                    "Du har selv registreret den, så en kollega skal godkende den.",
                    "You registered it yourself, so a colleague must approve it.",
                )}</p> }
                .into_any()
            } else {
                view! {
                    <ActionForm action=approve>
                        <input type="hidden" name="power" value=id/>
                        <button type="submit" class="button">{lang.pick("Godkend", "Approve")}</button>
                    </ActionForm>
                }
                .into_any()
            };
            view! {
                <li>
                    <h3>{a.power.other_name.clone()}</h3>
                    <p>{facts}</p>
                    <p>{accepted}" "{until}</p>
                    {action}
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="venter">
            <h2 id="venter">{lang.pick("Venter på godkendelse", "Waiting for approval")}</h2>
            <p>{lang.pick(
                "En fuldmagt eller et værgemål, der er registreret her, gælder først, når en anden medarbejder har kontrolleret dokumentet og godkendt den.",
                "A power of attorney or guardianship registered here is in force only when another member of staff has checked the document and approved it.",
            )}</p>
            <ul class="plain">{items}</ul>
        </section>
    }
    .into_any()
}

fn receipt_view(lang: Lang, p: PowerView) -> impl IntoView {
    view! {
        <div class="confirmation" role="status">
            <h2>{lang.pick("Fuldmagten er registreret", "The power of attorney is registered")}</h2>
            <p>{p.other_name}</p>
            <p>{format!("{} {}. {} {}.",
                lang.pick("Invitationen er sendt til", "The invitation has been sent to"),
                p.invite_email.unwrap_or_default(),
                lang.pick("Den gælder til og med", "It is valid until"),
                long_date(lang, p.expires_on))}</p>
            <p>{lang.pick(
                "Den gælder først, når en anden medarbejder i kommunen har godkendt den.",
                "It is in force only when another member of the municipality's staff has approved it.",
            )}</p>
        </div>
    }
}
