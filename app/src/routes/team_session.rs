//! One team session for staff: when and where, who is booked, and the therapist's attendance
//! marks (one small form per citizen, a button per mark: works without JavaScript).
use crate::components::form_errors::ErrorSummary;
use crate::components::loaded::{error_view, id_param};
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::termination::Outcome;
use crate::domain::time_format::{clock_time, long_date_time};
use crate::functions::team_sessions::{staff_session, MarkAttendance, StaffSessionView};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TeamSessionPage() -> impl IntoView {
    let lang = current_lang();
    let session = id_param("session");
    let mark = ServerAction::<MarkAttendance>::new();
    let data = Resource::new(|| (), move |_| staff_session(session));
    let body = move || {
        Suspend::new(async move {
            match data.await {
                Ok(v) => session_view(lang, v, mark).into_any(),
                Err(e) => error_view(e),
            }
        })
    };
    view! {
        <Title text=lang.pick("Holdtræning – Træningsportalen", "Team session – Træningsportalen")/>
        <ErrorSummary error=Signal::derive(move || mark.value().get().and_then(Result::err))/>
        <Suspense fallback=|| ()>{body}</Suspense>
    }
}

fn session_view(
    lang: Lang,
    v: StaffSessionView,
    mark: ServerAction<MarkAttendance>,
) -> impl IntoView {
    let s = v.session;
    let session_id = s.id;
    let may_mark = v.may_mark;
    let rows = v
        .participants
        .into_iter()
        .map(|p| {
            let current = p
                .attendance
                .as_deref()
                .and_then(Outcome::from_code)
                .map_or(lang.pick("Ikke registreret", "Not recorded"), |o| o.label(lang));
            let name = p.name.clone();
            let form = may_mark.then(|| {
                view! {
                    <ActionForm action=mark>
                        <input type="hidden" name="session" value=session_id.to_string()/>
                        <input type="hidden" name="citizen" value=p.citizen_id.to_string()/>
                        <div class="button-row">
                            {Outcome::MARKS.into_iter().map(|o| view! {
                                <button type="submit" name="outcome" value=o.code() class="button button-secondary">
                                    {o.label(lang)}
                                    <span class="visually-hidden">{format!(" – {name}")}</span>
                                </button>
                            }).collect_view()}
                        </div>
                    </ActionForm>
                }
            });
            view! {
                <li>
                    <strong>{p.name}</strong>
                    <br/>{format!("{}: {current}", lang.pick("Fremmøde", "Attendance"))}
                    {form}
                </li>
            }
        })
        .collect_view();
    let note = match (v.started, may_mark) {
        (false, _) => Some(lang.pick(
            "Fremmøde kan registreres, når holdet er begyndt.",
            "Attendance can be recorded once the session has begun.",
        )),
        (true, false) => Some(lang.pick(
            "Terapeuten registrerer fremmøde.",
            "The therapist records attendance.",
        )),
        _ => None,
    };
    view! {
        <h1>{lang.pick("Holdtræning", "Team session")}</h1>
        <p class="lead">{format!("{}–{} · {}", long_date_time(lang, s.starts_at), clock_time(lang, s.ends_at), s.place)}</p>
        <p>{format!("{} {} / {}", lang.pick("Tilmeldte:", "Booked:"), s.booked, s.capacity)}</p>
        <h2>{lang.pick("Deltagere", "Participants")}</h2>
        {note.map(|t| view! { <p>{t}</p> })}
        <ul class="sessions">{rows}</ul>
        <p><a href="/personale">{lang.pick("Tilbage til holdene", "Back to the sessions")}</a></p>
    }
}
