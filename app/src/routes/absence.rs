//! "Meld fravær": the days the citizen will be away and why (a GET form, so the preview works
//! without JavaScript and keeps what was typed), the booked sessions in them with what cancelling
//! each means now, any termination rule met, and the button that registers the absence.
use crate::components::form_errors::{ErrorSummary, FieldError};
use crate::context::current_lang;
use crate::domain::absence::{reason_label, REASONS};
use crate::domain::lang::Lang;
use crate::domain::time_format::long_date;
use crate::errors::AppError;
use crate::functions::absence::{absence_preview, AbsenceView, RegisterAbsence};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AbsencePage() -> AnyView {
    let lang = current_lang();
    if let Some(refused) =
        crate::components::loaded::refuse_unless(|v| v.subject_citizen().is_some())
    {
        return refused;
    }
    let query = use_query_map().get_untracked();
    let from = query.get("fra").unwrap_or_default();
    let to = query.get("til").unwrap_or_default();
    let reason = query.get("grund");
    let asked = query.get("fra").is_some();
    let register = ServerAction::<RegisterAbsence>::new();
    let register_err = Signal::derive(move || register.value().get().and_then(Result::err));
    let (f, t, r) = (from.clone(), to.clone(), reason.clone());
    let data = Resource::new(
        || (),
        move |_| {
            let (f, t, r) = (f.clone(), t.clone(), r.clone());
            async move {
                match asked {
                    true => Some(absence_preview(f, t, r).await),
                    false => None,
                }
            }
        },
    );
    let body = move || {
        let (from, to, reason) = (from.clone(), to.clone(), reason.clone());
        Suspend::new(async move {
            let result = data.await;
            let preview_err: Option<AppError> = result.clone().and_then(Result::err);
            let err = Signal::derive(move || register_err.get().or(preview_err.clone()));
            if let Some(Err(e)) = &result {
                if !matches!(e, AppError::Invalid(_)) {
                    return crate::components::loaded::error_view(e.clone());
                }
            }
            view! {
                <ErrorSummary error=err/>
                {period_form(lang, from, to, reason.unwrap_or_default(), err)}
                {result.and_then(Result::ok).map(|a| preview_view(lang, a, register, err))}
            }
            .into_any()
        })
    };
    view! {
        <Title text=lang.pick("Meld fravær – Træningsportalen", "Register absence – Træningsportalen")/>
        <h1>{lang.pick("Meld fravær", "Register absence")}</h1>
        <p class="lead">{lang.pick(
            "Skal du på ferie eller på sygehuset? Skriv de dage, du er væk. Dine bookede tider i perioden bliver afmeldt.",
            "Going on holiday or into hospital? Enter the days you will be away. Your booked sessions in the period are cancelled.",
        )}</p>
        <Suspense fallback=|| ()>{body}</Suspense>
    }
    .into_any()
}

fn period_form(
    lang: Lang,
    from: String,
    to: String,
    reason: String,
    err: Signal<Option<AppError>>,
) -> impl IntoView {
    let reasons = REASONS
        .into_iter()
        .map(|r| {
            let id = format!("grund-{r}");
            view! {
                <div class="checkbox">
                    <input type="radio" id=id.clone() name="grund" value=r checked=reason == r/>
                    <label for=id>{reason_label(r, lang)}</label>
                </div>
            }
        })
        .collect_view();
    let field = move |id: &'static str, label: &'static str, value: String| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <p class="hint" id=format!("{id}-hjaelp")>{lang.pick("For eksempel 16.3.2026", "For example 16.3.2026")}</p>
                <FieldError error=err field=id/>
                <input type="text" id=id name=id value=value inputmode="numeric" autocomplete="off" aria-describedby=format!("{id}-hjaelp")/>
            </div>
        }
    };
    view! {
        <form method="get" action="/traening/fravaer">
            {field("fra", lang.pick("Første dag du er væk", "First day you are away"), from)}
            {field("til", lang.pick("Sidste dag du er væk", "Last day you are away"), to)}
            <fieldset class="field" id="grund">
                <legend>{lang.pick("Hvorfor er du væk?", "Why are you away?")}</legend>
                <FieldError error=err field="grund"/>
                {reasons}
            </fieldset>
            <button type="submit" class="button button-secondary">{lang.pick("Se hvilke tider der bliver afmeldt", "See which sessions are cancelled")}</button>
        </form>
    }
}

fn preview_view(
    lang: Lang,
    a: AbsenceView,
    register: ServerAction<RegisterAbsence>,
    err: Signal<Option<AppError>>,
) -> impl IntoView {
    let sessions = if a.sessions.is_empty() {
        view! { <p>{lang.pick("Du har ingen bookede tider i perioden.", "You have no booked sessions in the period.")}</p> }.into_any()
    } else {
        view! {
            <ul class="sessions">
                {a.sessions.into_iter().map(|(s, on_time)| view! {
                    <li>
                        <strong class="session-time">{crate::domain::time_format::long_date_time(lang, s.starts_at)}</strong>
                        <br/>{s.place}
                        <br/>{if on_time {
                            lang.pick("Afbud i god tid.", "Cancelled on time.")
                        } else {
                            lang.pick("Fristen er overskredet: registreres som sent afbud.", "The deadline has passed: recorded as a late cancellation.")
                        }}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let warnings = crate::routes::booking::warnings_view(lang, a.warnings, err);
    let excused = a.excused.then(|| view! {
        <p>{lang.pick(
            "Kommunen regner det som lovligt fravær: de afmeldte tider tæller ikke som afbud og kan ikke føre til, at din træning stopper.",
            "The municipality counts this as excused absence: the cancelled sessions do not count as cancellations and cannot lead to your training ending.",
        )}</p>
    });
    let reassessment = a
        .reassessment
        .map(|(da, en)| view! { <p>{lang.pick(&da, &en).to_string()}</p> });
    view! {
        <h2>{format!("{} {} {} {}", lang.pick("Fra", "From"), long_date(lang, a.from), lang.pick("til", "to"), long_date(lang, a.to))}</h2>
        {sessions}
        <ActionForm action=register>
            <input type="hidden" name="from" value=a.from.to_string()/>
            <input type="hidden" name="to" value=a.to.to_string()/>
            <input type="hidden" name="reason" value=a.reason.clone()/>
            <p>{format!("{}: {}.", lang.pick("Grund", "Reason"), reason_label(&a.reason, lang))}</p>
            {excused}
            {reassessment}
            {warnings}
            <button type="submit" class="button">{lang.pick("Registrér fraværet", "Register the absence")}</button>
        </ActionForm>
        <p><a href="/traening">{lang.pick("Fortryd", "Go back")}</a></p>
    }
}
