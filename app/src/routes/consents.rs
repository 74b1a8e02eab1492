//! "Samtykker": every consent given, in the words and version consented to; giving one; and
//! withdrawing one on a page that says what it means first. Plain forms, working without
//! JavaScript.
use crate::components::form_errors::{ErrorSummary, FieldError};
use crate::components::loaded::Loaded;
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::time_format::long_date_time;
use crate::functions::consents::{
    consent, consents_page, ConsentsData, GiveConsent, WithdrawConsent,
};
use crate::views::consents::{ConsentView, OfferView};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ConsentsPage() -> impl IntoView {
    let lang = current_lang();
    let query = use_query_map().get_untracked();
    let given = query.get("givet").is_some();
    let withdrawn = query.get("trukket").is_some();
    let give = ServerAction::<GiveConsent>::new();
    let done = match (given, withdrawn) {
        (true, _) => Some(lang.pick(
            "Samtykket er givet. Du kan trække det tilbage her, når du vil.",
            "The consent has been given. You can withdraw it here whenever you want.",
        )),
        (_, true) => Some(lang.pick(
            "Samtykket er trukket tilbage fra nu. Kommunen kan se det i sagen.",
            "The consent has been withdrawn from now on. The municipality can see it in the case.",
        )),
        _ => None,
    };
    view! {
        <Title text=lang.pick("Samtykker – Træningsportalen", "Consents – Træningsportalen")/>
        <h1>{lang.pick("Samtykker", "Consents")}</h1>
        {done.map(|t| view! { <div class="confirmation" role="status"><p>{t}</p></div> })}
        <ErrorSummary error=Signal::derive(move || give.value().get().and_then(Result::err))/>
        <Loaded load=move || consents_page() show=move |d| consents_view(lang, d, give)/>
    }
}

fn consents_view(lang: Lang, d: ConsentsData, give: ServerAction<GiveConsent>) -> impl IntoView {
    let whose = if d.on_behalf {
        format!(
            "{} {}.",
            lang.pick("Samtykker for", "Consents for"),
            d.citizen_name
        )
    } else {
        lang.pick(
            "Her er de samtykker, du har givet kommunen, med de ord, du sagde ja til.",
            "Here are the consents you have given the municipality, in the words you agreed to.",
        )
        .to_string()
    };
    let (active, withdrawn): (Vec<ConsentView>, Vec<ConsentView>) = d
        .consents
        .into_iter()
        .partition(|c| c.withdrawn_at.is_none());
    let may_manage = d.may_manage;
    let active_list = if active.is_empty() {
        view! { <p>{lang.pick("Der er ingen gældende samtykker.", "There are no consents in force.")}</p> }.into_any()
    } else {
        view! {
            <ul class="consent-list">
                {active.into_iter().map(|c| consent_item(lang, c, may_manage)).collect_view()}
            </ul>
        }
        .into_any()
    };
    let withdrawn_list = (!withdrawn.is_empty()).then(|| {
        view! {
            <h2>{lang.pick("Trukket tilbage", "Withdrawn")}</h2>
            <ul class="consent-list">
                {withdrawn.into_iter().map(|c| consent_item(lang, c, false)).collect_view()}
            </ul>
        }
    });
    let offers = if !may_manage {
        (!d.offers.is_empty()).then(|| {
            view! {
                <p>{lang.pick(
                    "Din fuldmagt giver ikke lov til at give eller trække samtykker tilbage.",
                    "Your power of attorney does not allow giving or withdrawing consents.",
                )}</p>
            }
            .into_any()
        })
    } else if d.municipality_name.is_none() {
        Some(view! { <p>{lang.pick(
            "Når du har søgt om træning, kan du give samtykker til din kommune her.",
            "Once you have applied for training, you can give consents to your municipality here.",
        )}</p> }.into_any())
    } else {
        Some(
            view! {
                <h2>{lang.pick("Giv et samtykke", "Give a consent")}</h2>
                {d.offers.into_iter().map(|o| offer_form(lang, o, give)).collect_view()}
            }
            .into_any(),
        )
    };
    view! {
        <p class="lead">{whose}</p>
        <h2>{lang.pick("Gældende samtykker", "Consents in force")}</h2>
        {active_list}
        {offers}
        {withdrawn_list}
    }
}

fn consent_item(lang: Lang, c: ConsentView, may_withdraw: bool) -> impl IntoView {
    let title = lang.pick(&c.title_da, &c.title_en).to_string();
    let relative = c.relative_name.clone().map(|n| {
        view! {
            <dt>{lang.pick("Pårørende", "Relative")}</dt>
            <dd>{n}</dd>
        }
    });
    let given_by = if c.given_on_behalf {
        format!(
            "{} ({})",
            c.given_by_name,
            lang.pick("på borgerens vegne", "on the citizen's behalf")
        )
    } else {
        c.given_by_name.clone()
    };
    let withdrawn = c.withdrawn_at.map(|at| {
        view! {
            <dt>{lang.pick("Trukket tilbage", "Withdrawn")}</dt>
            <dd>{format!("{}{}", long_date_time(lang, at),
                c.withdrawn_by_name.clone().map(|n| format!(" {} {n}", lang.pick("af", "by"))).unwrap_or_default())}</dd>
        }
    });
    let withdraw = may_withdraw.then(|| {
        view! {
            <p><a href=crate::paths::withdraw_consent(c.id)>
                {lang.pick("Træk samtykket tilbage", "Withdraw the consent")}
                <span class="visually-hidden">{format!(": {title}")}</span>
            </a></p>
        }
    });
    view! {
        <li class="consent">
            <h3>{title.clone()}</h3>
            <p class="consent-words">{lang.pick(&c.text_da, &c.text_en).to_string()}</p>
            <dl class="facts">
                {relative}
                <dt>{lang.pick("Tekstversion", "Text version")}</dt>
                <dd>{c.version}</dd>
                <dt>{lang.pick("Givet af", "Given by")}</dt>
                <dd>{given_by}</dd>
                <dt>{lang.pick("Givet", "Given")}</dt>
                <dd>{long_date_time(lang, c.given_at)}</dd>
                {withdrawn}
            </dl>
            {withdraw}
        </li>
    }
}

fn offer_form(lang: Lang, o: OfferView, give: ServerAction<GiveConsent>) -> impl IntoView {
    let text_id = format!("tekst-{}", o.purpose);
    let heading_id = format!("tilbud-{}", o.purpose);
    let labelled_by = heading_id.clone();
    let purpose = o.purpose.clone();
    // Every offer's form names its field `relative_name`: only the form that was sent gets back
    // what was typed in it.
    let typed_name = crate::context::typed("purpose")
        .filter(|p| *p == o.purpose)
        .and_then(|_| crate::context::typed("relative_name"));
    let relative = o.names_relative.then(|| {
        view! {
            <div class="field">
                <label for="relative_name">{lang.pick("Den pårørendes navn", "The relative's name")}</label>
                <FieldError error=Signal::derive(move || give.value().get().and_then(Result::err)) field="relative_name"/>
                <input type="text" id="relative_name" name="relative_name" value=typed_name autocomplete="off" required/>
            </div>
        }
    });
    view! {
        <section class="consent-offer" aria-labelledby=labelled_by>
            <h3 id=heading_id>{lang.pick(&o.title_da, &o.title_en).to_string()}</h3>
            <p id=text_id.clone() class="consent-words">{lang.pick(&o.text_da, &o.text_en).to_string()}</p>
            <ActionForm action=give>
                <input type="hidden" name="purpose" value=purpose/>
                {relative}
                <button type="submit" class="button button-secondary" aria-describedby=text_id>
                    {format!("{}: {}", lang.pick("Giv samtykke", "Give consent"), lang.pick(&o.title_da, &o.title_en))}
                </button>
            </ActionForm>
        </section>
    }
}

/// Withdrawing: what it means, then a button (a POST, never a link a mail scanner could follow).
#[component]
pub fn WithdrawConsentPage() -> impl IntoView {
    let lang = current_lang();
    let id = crate::components::loaded::id_param("id");
    let withdraw = ServerAction::<WithdrawConsent>::new();
    view! {
            <Title text=lang.pick("Træk samtykke tilbage – Træningsportalen", "Withdraw consent – Træningsportalen")/>
            <h1>{lang.pick("Træk samtykke tilbage", "Withdraw consent")}</h1>
            <ErrorSummary error=Signal::derive(move || withdraw.value().get().and_then(Result::err))/>
            <Loaded load=move || consent(id) show=move |d| match d {
                    (c, _) if c.withdrawn_at.is_some() => view! {
                        <p>{lang.pick("Samtykket er allerede trukket tilbage.", "The consent has already been withdrawn.")}</p>
                        <p><a href="/samtykker">{lang.pick("Tilbage til samtykker", "Back to consents")}</a></p>
                    }
                    .into_any(),
                    (c, may_withdraw) => {
                        let title = match &c.relative_name {
                            Some(n) => format!("{}: {n}", lang.pick(&c.title_da, &c.title_en)),
                            None => lang.pick(&c.title_da, &c.title_en).to_string(),
                        };
                        let action = if may_withdraw {
                            view! {
                                <ActionForm action=withdraw>
                                    <input type="hidden" name="id" value=c.id.to_string()/>
                                    <button type="submit" class="button button-warning">{lang.pick("Træk samtykket tilbage", "Withdraw the consent")}</button>
                                </ActionForm>
                                <p><a href="/samtykker">{lang.pick("Fortryd – behold samtykket", "Cancel – keep the consent")}</a></p>
                            }
                            .into_any()
                        } else {
                            view! {
                                <p>{lang.pick(
                                    "Din fuldmagt giver ikke lov til at trække samtykker tilbage. Borgeren kan selv gøre det.",
                                    "Your power of attorney does not allow withdrawing consents. The citizen can do it themself.",
                                )}</p>
                                <p><a href="/samtykker">{lang.pick("Tilbage til samtykker", "Back to consents")}</a></p>
                            }
                            .into_any()
                        };
                        view! {
                            <h2>{title}</h2>
                            <p class="consent-words">{lang.pick(&c.text_da, &c.text_en).to_string()}</p>
                            <div class="warning-text">
                                <h2>{lang.pick("Det betyder det", "What this means")}</h2>
                                <p>{lang.pick(&c.effect_da, &c.effect_en).to_string()}</p>
                            </div>
                            {action}
                        }
                        .into_any()
                    }
    }/>
        }
}
