//! "Flyt tid": the booked session, what cancelling it now means, the free times it can move to
//! (radio buttons) and the button; one POST moves it.
use crate::components::form_errors::{ErrorSummary, FieldError};
use crate::components::loaded::{id_param, Loaded};
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::time_format::{clock_time, long_date_time};
use crate::functions::move_booking::{move_info, MoveSession, MoveView};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MovePage() -> impl IntoView {
    let lang = current_lang();
    let session = id_param("session");
    let action = ServerAction::<MoveSession>::new();
    let err = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <Title text=lang.pick("Flyt tid – Træningsportalen", "Move session – Træningsportalen")/>
        <h1>{lang.pick("Flyt tid", "Move session")}</h1>
        <ErrorSummary error=err/>
        <Loaded load=move || move_info(session) show=move |v| move_view(lang, v, action, err)/>
    }
}

fn move_view(
    lang: Lang,
    v: MoveView,
    action: ServerAction<MoveSession>,
    err: Signal<Option<crate::errors::AppError>>,
) -> impl IntoView {
    let s = v.session;
    let note = lang.pick(&v.text_da, &v.text_en).to_string();
    let late = (!v.on_time).then(|| {
        view! { <h2>{lang.pick("Fristen er overskredet", "The deadline has passed")}</h2> }
    });
    let options = if v.options.is_empty() {
        view! { <p>{lang.pick("Der er ingen ledige tider, der passer til dit forløb lige nu.", "There are no free sessions that fit your course right now.")}</p> }.into_any()
    } else {
        v.options
            .into_iter()
            .map(|o| {
                let id = format!("to-{}", o.id);
                view! {
                    <div class="checkbox">
                        <input type="radio" id=id.clone() name="to" value=o.id.to_string()/>
                        <label for=id>{format!("{}–{} · {}", long_date_time(lang, o.starts_at), clock_time(lang, o.ends_at), o.place)}</label>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <p class="lead">{format!("{}–{} · {}", long_date_time(lang, s.starts_at), clock_time(lang, s.ends_at), s.place)}</p>
        <div class=if v.on_time { "" } else { "warning-text" }>
            {late}
            <p>{note}</p>
        </div>
        <ActionForm action=action>
            <input type="hidden" name="session" value=s.id.to_string()/>
            <fieldset class="field" id="to">
                <legend>{lang.pick("Vælg den nye tid", "Choose the new time")}</legend>
                <FieldError error=err field="to"/>
                {options}
            </fieldset>
            <p class="hint">{lang.pick(
                "At flytte en tid er ikke et afbud: du mister ingen træning.",
                "Moving a session is not a cancellation: you lose no training.",
            )}</p>
            <button type="submit" class="button">{lang.pick("Flyt tiden", "Move the session")}</button>
        </ActionForm>
        <p><a href="/traening">{lang.pick("Fortryd – behold tiden", "Go back – keep the session")}</a></p>
    }
}
