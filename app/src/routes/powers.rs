//! "Fuldmagter": the powers a person has given and holds, giving a new one, and accepting an
//! invitation. Plain forms, so every step works without JavaScript.
use crate::components::form_errors::ErrorSummary;
use crate::components::loaded::{error_view, refuse_unless, Loaded};
use crate::context::{current_lang, is_development, oidc_configured};
use crate::domain::lang::Lang;
use crate::domain::people::ViewerKind;
use crate::domain::power_of_attorney::source_label;
use crate::domain::time_format::long_date;
use crate::errors::AppError;
use crate::functions::powers::{
    invitation, powers_overview, AcceptInvitation, ConfirmPower, InvitationView, InviteRelative,
    PowersData, RevokePower,
};
use crate::views::powers::PowerView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn scopes_text(lang: Lang, da: &[String], en: &[String]) -> String {
    match lang {
        Lang::Da => da.join(", "),
        Lang::En => en.join(", "),
    }
}

#[component]
pub fn PowersPage() -> impl IntoView {
    let lang = current_lang();
    let query = use_query_map().get_untracked();
    let sent: Option<i64> = query.get("sendt").and_then(|s| s.parse().ok());
    let ended = query.get("ophoert").is_some();
    let notice = if query.get("bekraeftet").is_some() {
        Some(lang.pick(
            "Tak. Fuldmagten gælder nu.",
            "Thank you. The power of attorney is now in force.",
        ))
    } else if query.get("venter").is_some() {
        Some(lang.pick(
            "Du har taget imod fuldmagten. Den gælder, når den er bekræftet – af borgeren, eller af kommunen for en fuldmagt, kommunen har registreret.",
            "You have accepted the power of attorney. It will be in force when it is confirmed – by the citizen, or by the municipality for a power the municipality registered.",
        ))
    } else {
        None
    };
    let notice = notice.map(|t| view! { <div class="confirmation" role="status"><p>{t}</p></div> });
    view! {
        <Title text=lang.pick("Fuldmagter – Træningsportalen", "Powers of attorney – Træningsportalen")/>
        <h1>{lang.pick("Fuldmagter", "Powers of attorney")}</h1>
        {notice}
        <Loaded load=move || powers_overview() show=move |d| powers_view(lang, d, sent, ended)/>
    }
}

fn powers_view(lang: Lang, d: PowersData, sent: Option<i64>, ended: bool) -> impl IntoView {
    let confirmation = sent
        .and_then(|id| d.given.iter().find(|p| p.id == id))
        .map(|p| {
            let to = p.invite_email.clone().unwrap_or_default();
            view! {
                <div class="confirmation" role="status">
                    <h2>{lang.pick("Invitationen er sendt", "The invitation has been sent")}</h2>
                    <p>{format!("{} {} ({to}). {}",
                        lang.pick("Vi har sendt en e-mail til", "We have sent an email to"),
                        p.other_name,
                        lang.pick(
                            "Fuldmagten gælder, når vedkommende har logget ind med sit eget MitID og taget imod. Linket virker i 14 dage.",
                            "The power of attorney takes effect when they have signed in with their own MitID and accepted. The link works for 14 days.",
                        ))}</p>
                </div>
            }
        });
    let ended = ended.then(|| {
        view! {
            <div class="confirmation" role="status">
                <p>{lang.pick("Fuldmagten gælder ikke længere. Den anden part får besked.", "The power of attorney is no longer in force. The other party is told.")}</p>
            </div>
        }
    });
    let give = if d.acting_for_self {
        view! { <p><a class="button" href="/fuldmagter/ny">{lang.pick("Giv en pårørende fuldmagt", "Give a relative power of attorney")}</a></p> }.into_any()
    } else {
        view! { <p>{lang.pick(
            "Du handler for en anden nu. For at give fuldmagt på dine egne vegne skal du først skifte til dig selv.",
            "You are acting for someone else now. To give power of attorney on your own behalf, first switch to yourself.",
        )}" "<a href="/handler-for">{lang.pick("Skift person", "Switch person")}</a></p> }.into_any()
    };
    let given = if d.given.is_empty() {
        view! { <p>{lang.pick("Du har ikke givet nogen fuldmagt.", "You have not given any power of attorney.")}</p> }.into_any()
    } else {
        view! { <ul class="plain powers">{d.given.into_iter().map(|p| power_item(lang, p, true)).collect_view()}</ul> }.into_any()
    };
    let held = if d.held.is_empty() {
        view! { <p>{lang.pick("Du har ingen fuldmagt fra andre.", "You hold no power of attorney from others.")}</p> }.into_any()
    } else {
        view! {
            <ul class="plain powers">{d.held.into_iter().map(|p| power_item(lang, p, false)).collect_view()}</ul>
            <p><a href="/handler-for">{lang.pick("Vælg, hvem du handler for", "Choose whom you act for")}</a></p>
        }
        .into_any()
    };
    view! {
        {confirmation}
        {ended}
        <p class="lead">{lang.pick(
            "Med en fuldmagt kan en pårørende se din sag og handle for dig i portalen – kun det, du vælger, og kun til den dato, du vælger. Du kan tilbagekalde den når som helst.",
            "With a power of attorney a relative can see your case and act for you in the portal – only what you choose, and only until the date you choose. You can revoke it at any time.",
        )}</p>
        <section aria-labelledby="givet">
            <h2 id="givet">{lang.pick("Fuldmagter, du har givet", "Powers you have given")}</h2>
            {give}
            {given}
        </section>
        <section aria-labelledby="faaet">
            <h2 id="faaet">{lang.pick("Fuldmagter, du har fået", "Powers you hold")}</h2>
            {held}
        </section>
    }
}

fn power_item(lang: Lang, p: PowerView, given: bool) -> impl IntoView {
    let revoke = ServerAction::<RevokePower>::new();
    let scopes = scopes_text(lang, &p.scopes_da, &p.scopes_en);
    let status = match lang {
        Lang::Da => p.status_da.clone(),
        Lang::En => p.status_en.clone(),
    };
    let button_text = if given {
        format!(
            "{} {}",
            lang.pick(
                "Tilbagekald fuldmagten til",
                "Revoke the power of attorney given to"
            ),
            p.other_name
        )
    } else {
        format!(
            "{} {}",
            lang.pick("Opsig fuldmagten fra", "Give up the power of attorney from"),
            p.other_name
        )
    };
    let button = p.open.then(|| {
        view! {
            <ActionForm action=revoke>
                <input type="hidden" name="power" value=p.id.to_string()/>
                <button type="submit" class="button button-warning">{button_text}</button>
            </ActionForm>
        }
    });
    // Accepted by someone whose MitID name is not the one she typed: she confirms, or revokes.
    let confirm = ServerAction::<ConfirmPower>::new();
    let confirmation = p.awaiting_confirmation.then(|| {
        let text = match lang {
            Lang::Da => format!(
                "Fuldmagten er taget imod af {} (navnet fra MitID), men du skrev {} i invitationen. Er det den rigtige person, så bekræft det. Er det ikke, så tilbagekald fuldmagten.",
                p.other_name,
                p.invited_name.clone().unwrap_or_default()
            ),
            Lang::En => format!(
                "The power of attorney was accepted by {} (the name from MitID), but you wrote {} in the invitation. If this is the right person, confirm it. If not, revoke the power.",
                p.other_name,
                p.invited_name.clone().unwrap_or_default()
            ),
        };
        let button = format!("{} {}", lang.pick("Ja, bekræft", "Yes, confirm"), p.other_name);
        view! {
            <div class="warning-text"><p>{text}</p></div>
            <ActionForm action=confirm>
                <input type="hidden" name="power" value=p.id.to_string()/>
                <button type="submit" class="button">{button}</button>
            </ActionForm>
        }
    });
    let email = p.invite_email.clone().map(|e| {
        view! {
            <dt>{lang.pick("Invitation sendt til", "Invitation sent to")}</dt>
            <dd>{e}</dd>
        }
    });
    let document = p.document_ref.clone().map(|r| {
        view! {
            <dt>{lang.pick("Dokument", "Document")}</dt>
            <dd>{format!("{}: {r}", source_label(&p.source, lang))}</dd>
        }
    });
    view! {
        <li class="power">
            <h3>{p.other_name.clone()}</h3>
            <dl class="facts">
                <dt>{lang.pick("Status", "Status")}</dt>
                <dd>{status}</dd>
                <dt>{if given { lang.pick("Må", "May") } else { lang.pick("Du må", "You may") }}</dt>
                <dd>{scopes}</dd>
                <dt>{lang.pick("Gælder til og med", "Valid until")}</dt>
                <dd>{long_date(lang, p.expires_on)}</dd>
                {email}
                {document}
            </dl>
            {confirmation}
            {button}
        </li>
    }
}

/// The scope checkboxes shared by the citizen's and the staff form.
pub fn scope_fields(lang: Lang) -> impl IntoView {
    let boxes = [
        (
            "scope_apply",
            lang.pick("Søge om træning for mig", "Apply for training for me"),
        ),
        (
            "scope_book",
            lang.pick(
                "Booke træningstider og melde afbud",
                "Book training sessions and cancel",
            ),
        ),
        (
            "scope_complain",
            lang.pick("Klage over afgørelser", "Complain about decisions"),
        ),
        (
            "scope_consents",
            lang.pick("Give og trække samtykker", "Give and withdraw consents"),
        ),
        (
            "scope_messages",
            lang.pick(
                "Skrive til kommunen og læse svarene",
                "Write to the municipality and read the answers",
            ),
        ),
    ]
    .into_iter()
    .map(|(name, label)| {
        let id = format!("felt-{name}");
        // Unticked beforehand; ticked again when ticked in a post that failed.
        let ticked = crate::context::typed_back()
            && crate::context::typed_all(name).iter().any(|v| v == "on");
        view! {
            <div class="checkbox">
                <input type="checkbox" id=id.clone() name=name value="on" checked=ticked/>
                <label for=id>{label}</label>
            </div>
        }
    })
    .collect_view();
    view! {
        <fieldset class="field">
            <legend>{lang.pick("Hvad må vedkommende?", "What may they do?")}</legend>
            <p class="hint">{lang.pick(
                "At se sagen er altid med. Vælg det, vedkommende også må.",
                "Seeing the case is always included. Choose what else they may do.",
            )}</p>
            {boxes}
        </fieldset>
    }
}

/// The relative's name and email, shared by the citizen's and the staff form.
pub fn relative_fields(name_label: &'static str, email_label: &'static str) -> impl IntoView {
    view! {
        <div class="field">
            <label for="felt-navn">{name_label}</label>
            <input type="text" id="felt-navn" name="relative_name" value=crate::context::typed("relative_name") autocomplete="off" required maxlength="200"/>
        </div>
        <div class="field">
            <label for="felt-email">{email_label}</label>
            <input type="email" id="felt-email" name="relative_email" value=crate::context::typed("relative_email") autocomplete="off" required spellcheck="false"/>
        </div>
    }
}

/// The "last day" field shared by both forms.
pub fn expiry_field(lang: Lang) -> impl IntoView {
    view! {
        <div class="field">
            <label for="felt-udloeb">{lang.pick("Sidste dag, fuldmagten gælder", "Last day the power of attorney is valid")}</label>
            <p class="hint" id="hint-udloeb">{lang.pick("Fx 31.12.2027. Højst 10 år frem.", "E.g. 31.12.2027. At most 10 years ahead.")}</p>
            <input type="date" id="felt-udloeb" name="expires_on" value=crate::context::typed("expires_on") required aria-describedby="hint-udloeb"/>
        </div>
    }
}

#[component]
pub fn GrantPage() -> impl IntoView {
    let lang = current_lang();
    // Only a citizen acting for themself gives a power of attorney.
    if let Some(refused) = refuse_unless(|v| v.kind == ViewerKind::Citizen) {
        return refused;
    }
    let action = ServerAction::<InviteRelative>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <Title text=lang.pick("Giv en pårørende fuldmagt – Træningsportalen", "Give a relative power of attorney – Træningsportalen")/>
        <p><a href="/fuldmagter">{lang.pick("Tilbage til fuldmagter", "Back to powers of attorney")}</a></p>
        <h1>{lang.pick("Giv en pårørende fuldmagt", "Give a relative power of attorney")}</h1>
        <ErrorSummary error=error/>
        <p>{lang.pick(
            "Vi sender en e-mail med et link. Din pårørende logger ind med sit eget MitID og tager imod. Først da gælder fuldmagten.",
            "We send an email with a link. Your relative signs in with their own MitID and accepts. Only then does the power of attorney take effect.",
        )}</p>
        <ActionForm action=action>
            {relative_fields(
                lang.pick("Den pårørendes navn", "The relative's name"),
                lang.pick("Den pårørendes e-mailadresse", "The relative's email address"),
            )}
            {scope_fields(lang)}
            {expiry_field(lang)}
            <button type="submit" class="button">{lang.pick("Send invitationen", "Send the invitation")}</button>
        </ActionForm>
    }
    .into_any()
}

/// The page behind the link in an invitation email.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let lang = current_lang();
    let token = use_params_map()
        .get_untracked()
        .get("token")
        .unwrap_or_default();
    let accept = ServerAction::<AcceptInvitation>::new();
    let error = Signal::derive(move || accept.value().get().and_then(Result::err));
    let path = crate::paths::invitation(&token);
    let data = {
        let token = token.clone();
        Resource::new(|| (), move |_| invitation(token.clone()))
    };
    let body = move || {
        let token = token.clone();
        let path = path.clone();
        Suspend::new(async move {
            match data.await {
                Ok(i) => invitation_view(lang, i, token, accept).into_any(),
                Err(AppError::NotSignedIn) => sign_in_first(lang, &path).into_any(),
                Err(AppError::NotFound) => view! {
                    <h1>{lang.pick("Invitationen findes ikke", "The invitation does not exist")}</h1>
                    <p>{lang.pick(
                        "Linket virker ikke. Måske er invitationen allerede taget imod eller tilbagekaldt. Bed den, der sendte den, om en ny.",
                        "The link does not work. The invitation may already have been accepted or revoked. Ask whoever sent it for a new one.",
                    )}</p>
                }
                .into_any(),
                Err(e) => error_view(e),
            }
        })
    };
    view! {
        <Title text=lang.pick("Fuldmagt – Træningsportalen", "Power of attorney – Træningsportalen")/>
        <ErrorSummary error=error/>
        <Suspense fallback=|| ()>{body}</Suspense>
    }
}

fn sign_in_first(lang: Lang, path: &str) -> impl IntoView {
    let (mitid, _) = oidc_configured();
    let mitid = mitid.then(|| {
        view! { <p><a class="button" href=format!("/log-ind/mitid?til={path}")>{lang.pick("Log ind med MitID", "Sign in with MitID")}</a></p> }
    });
    let dev = is_development().then(|| {
        view! { <p><a href=format!("/dev/log-ind?til={path}")>{lang.pick("Log ind som demoperson (udvikling)", "Sign in as a demo person (development)")}</a></p> }
    });
    view! {
        <h1>{lang.pick("Du er inviteret til at få en fuldmagt", "You are invited to hold a power of attorney")}</h1>
        <p>{lang.pick(
            "Log ind med dit eget MitID for at se invitationen og tage imod den.",
            "Sign in with your own MitID to see the invitation and accept it.",
        )}</p>
        {mitid}
        {dev}
    }
}

fn invitation_view(
    lang: Lang,
    i: InvitationView,
    token: String,
    accept: ServerAction<AcceptInvitation>,
) -> impl IntoView {
    let heading = format!(
        "{} {}",
        lang.pick("Fuldmagt fra", "Power of attorney from"),
        i.citizen_name
    );
    let scopes = scopes_text(lang, &i.scopes_da, &i.scopes_en);
    let action = if i.own {
        view! { <p>{lang.pick(
            "Det er din egen invitation. Den skal tages imod af den, du har givet fuldmagt.",
            "This is your own invitation. It must be accepted by the person you gave power of attorney.",
        )}</p> }
        .into_any()
    } else if !i.usable {
        view! { <p>{lang.pick(
            "Invitationen kan ikke længere bruges. Den er udløbet eller tilbagekaldt. Bed om en ny.",
            "The invitation can no longer be used. It has expired or been revoked. Ask for a new one.",
        )}</p> }
        .into_any()
    } else {
        view! {
            <ActionForm action=accept>
                <input type="hidden" name="token" value=token/>
                <button type="submit" class="button">{lang.pick("Tag imod fuldmagten", "Accept the power of attorney")}</button>
            </ActionForm>
            <p>{lang.pick(
                "Vil du ikke tage imod, så gør ingenting. Invitationen udløber af sig selv.",
                "If you do not want to accept, do nothing. The invitation expires by itself.",
            )}</p>
        }
        .into_any()
    };
    view! {
        <h1>{heading}</h1>
        <dl class="facts">
            <dt>{lang.pick("Sendt til", "Sent to")}</dt>
            <dd>{i.invited_name}</dd>
            <dt>{lang.pick("Givet som", "Given as")}</dt>
            <dd>{source_label(&i.source, lang)}</dd>
            <dt>{lang.pick("Du må", "You may")}</dt>
            <dd>{scopes}</dd>
            <dt>{lang.pick("Gælder til og med", "Valid until")}</dt>
            <dd>{long_date(lang, i.expires_on)}</dd>
        </dl>
        <p>{lang.pick(
            "Når du tager imod, handler du på vegne af en anden. Alt, hvad du gør, bliver logget, og personen kan se det og tilbagekalde fuldmagten når som helst.",
            "When you accept, you act on someone else's behalf. Everything you do is logged, and the person can see it and revoke the power at any time.",
        )}</p>
        {action}
    }
}
