//! One team session for staff: when and where, who is booked, and the therapist's attendance
//! marks (one small form per citizen, a button per mark: works without JavaScript).
use crate::components::form_errors::ErrorSummary;
use crate::components::form_errors::FieldError;
use crate::components::loaded::{id_param, Loaded};
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::termination::SessionOutcome;
use crate::domain::time_format::{clock_time, long_date_time};
use crate::functions::session_changes::{CancelTeamSession, ChangeCapacity, ProposeMove};
use crate::functions::team_sessions::{staff_session, MarkAttendance, StaffSessionView};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TeamSessionPage() -> impl IntoView {
    let lang = current_lang();
    let session = id_param("session");
    let mark = ServerAction::<MarkAttendance>::new();
    let cancel = ServerAction::<CancelTeamSession>::new();
    let propose = ServerAction::<ProposeMove>::new();
    let places = ServerAction::<ChangeCapacity>::new();
    // "?pladser=2": the places changed, and so many offered to the waiting list.
    let changed = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("pladser")
        .map(|n| n.parse::<u32>().unwrap_or(0));
    let err = Signal::derive(move || {
        mark.value()
            .get()
            .and_then(Result::err)
            .or_else(|| cancel.value().get().and_then(Result::err))
            .or_else(|| propose.value().get().and_then(Result::err))
            .or_else(|| places.value().get().and_then(Result::err))
    });
    view! {
        <Title text=lang.pick("Holdtræning – Træningsportalen", "Team session – Træningsportalen")/>
        {changed.map(|offered| view! { <div class="confirmation" role="status"><p>{
            match (lang, offered) {
                (Lang::Da, 0) => "Antallet af pladser er ændret.".to_string(),
                (Lang::Da, 1) => "Antallet af pladser er ændret. 1 plads er tilbudt den første på ventelisten.".to_string(),
                (Lang::Da, n) => format!("Antallet af pladser er ændret. {n} pladser er tilbudt de første på ventelisten."),
                (Lang::En, 0) => "The number of places has been changed.".to_string(),
                (Lang::En, 1) => "The number of places has been changed. 1 place is offered to the first on the waiting list.".to_string(),
                (Lang::En, n) => format!("The number of places has been changed. {n} places are offered to the first on the waiting list."),
            }
        }</p></div> })}
        <ErrorSummary error=err/>
        <Loaded load=move || staff_session(session) show=move |v| {
                    let capacity = capacity_view(lang, &v, places, err);
                    let changes = changes_view(lang, &v, cancel, propose, err);
                    view! { {session_view(lang, v, mark)} {capacity} {changes} }.into_any()
                }/>
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
                .and_then(SessionOutcome::from_code)
                .map_or(lang.pick("Ikke registreret", "Not recorded"), |o| o.label(lang));
            let name = p.name.clone();
            let form = may_mark.then(|| {
                view! {
                    <ActionForm action=mark>
                        <input type="hidden" name="session" value=session_id.to_string()/>
                        <input type="hidden" name="citizen" value=p.citizen_id.to_string()/>
                        <div class="button-row">
                            {SessionOutcome::MARKS.into_iter().map(|o| view! {
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
                    {p.notice_after_start.then(|| view! { <br/>{lang.pick("Meldte afbud, efter holdet var begyndt.", "Gave notice after the session had begun.")} })}
                    <br/>{format!("{}: {current}", lang.pick("Fremmøde", "Attendance"))}
                    <br/>{p.told.sentence(lang)}
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
    let waiting = (!v.waiting.is_empty()).then(|| {
        view! {
            <h2>{lang.pick("Venteliste", "Waiting list")}</h2>
            <ol class="sessions">
                {v.waiting.into_iter().map(|w| view! {
                    <li>
                        <strong>{w.name}</strong>
                        <br/>{match w.offered_until {
                            Some(until) => format!("{} {}", lang.pick("Plads holdt til", "Place held until"), long_date_time(lang, until)),
                            None => format!("{} {}", lang.pick("Nummer", "Number"), w.position),
                        }}
                    </li>
                }).collect_view()}
            </ol>
        }
    });
    view! {
        <h1>{lang.pick("Holdtræning", "Team session")}</h1>
        <p class="lead">{format!("{}–{} · {}", long_date_time(lang, s.starts_at), clock_time(lang, s.ends_at), s.place)}</p>
        <p>{format!("{} {} / {}", lang.pick("Tilmeldte:", "Booked:"), s.booked, s.capacity)}
            {(s.held > 0).then(|| match lang {
                Lang::Da => format!(" ({} holdt fra ventelisten)", s.held),
                Lang::En => format!(" ({} held from the waiting list)", s.held),
            })}
            {(s.kept > 0).then(|| match lang {
                Lang::Da => format!(" ({} holdt til dem, der ikke har svaret på flytningen)", s.kept),
                Lang::En => format!(" ({} kept for those who have not answered the move)", s.kept),
            })}</p>
        <h2>{lang.pick("Deltagere", "Participants")}</h2>
        {note.map(|t| view! { <p>{t}</p> })}
        <ul class="sessions">{rows}</ul>
        {waiting}
        <p><a href="/personale">{lang.pick("Tilbage til holdene", "Back to the sessions")}</a></p>
    }
}

/// Changing the number of places before the session begins (issue 19): never below those
/// booked and held; new places go to the waiting list first.
fn capacity_view(
    lang: Lang,
    v: &StaffSessionView,
    places: ServerAction<ChangeCapacity>,
    err: Signal<Option<crate::errors::AppError>>,
) -> impl IntoView {
    let open = v.status == crate::domain::states::SessionStatus::Scheduled && !v.started;
    let id = v.session.id;
    let current =
        crate::context::typed("capacity").unwrap_or_else(|| v.session.capacity.to_string());
    open.then(|| {
        view! {
            <section aria-labelledby="pladser-overskrift">
                <h2 id="pladser-overskrift">{lang.pick("Antal pladser", "Number of places")}</h2>
                <ActionForm action=places>
                    <input type="hidden" name="session" value=id.to_string()/>
                    <div class="field">
                        <label for="pladser">{lang.pick("Pladser på holdet", "Places on the session")}</label>
                        <p class="hint" id="pladser-hjaelp">{lang.pick(
                            "Fra 1 til 50, og ikke færre end dem, der er tilmeldt eller holdt til nogen. Nye pladser tilbydes dem på ventelisten først.",
                            "From 1 to 50, and not fewer than those booked or held for someone. New places are offered to those on the waiting list first.",
                        )}</p>
                        <FieldError error=err field="pladser"/>
                        <input type="text" id="pladser" name="capacity" inputmode="numeric" autocomplete="off" aria-describedby="pladser-hjaelp" value=current/>
                    </div>
                    <button type="submit" class="button button-secondary">{lang.pick("Gem antal pladser", "Save the number of places")}</button>
                </ActionForm>
            </section>
        }
    })
}

/// Cancelling or moving the session, as the municipality's rule allows (BRS-15, FRB-12).
fn changes_view(
    lang: Lang,
    v: &StaffSessionView,
    cancel: ServerAction<CancelTeamSession>,
    propose: ServerAction<ProposeMove>,
    err: Signal<Option<crate::errors::AppError>>,
) -> impl IntoView {
    let id = v.session.id;
    let status = match (v.status, v.proposed_starts_at) {
        (crate::domain::states::SessionStatus::Cancelled, _) => Some(
            lang.pick(
                "Holdet er aflyst. De tilmeldte har fået besked.",
                "The session is cancelled. Those booked have been told.",
            )
            .to_string(),
        ),
        (crate::domain::states::SessionStatus::MoveProposed, Some(t)) => Some(format!(
            "{} {}. {}",
            lang.pick("Der er foreslået en ny tid:", "A new time is proposed:"),
            long_date_time(lang, t),
            lang.pick(
                "Hver borger svarer selv; tiden flyttes kun for dem, der siger ja.",
                "Each citizen answers; the session moves only for those who agree."
            )
        )),
        _ => None,
    };
    let open = v.status == crate::domain::states::SessionStatus::Scheduled && !v.started;
    let rule = v.provider_source.clone().map(|src| {
        view! { <p class="rule-source">{format!("({}: »{}«)", v.provider.rule_id.clone().unwrap_or_default(), src)}</p> }
    });
    let cancel_form = (open && v.provider.may_cancel).then(|| {
        let note = if v.provider.must_offer_alternative {
            lang.pick("De tilmeldte får besked med det samme, som hver har valgt (se Deltagere), og kommunen skal tilbyde dem et alternativ.", "Those booked are told at once, as each has chosen (see Participants), and the municipality must offer them an alternative.")
        } else {
            lang.pick("De tilmeldte får besked med det samme, som hver har valgt (se Deltagere).", "Those booked are told at once, as each has chosen (see Participants).")
        };
        view! {
            <h3>{lang.pick("Aflys holdet", "Cancel the session")}</h3>
            <p>{note}</p>
            <ActionForm action=cancel>
                <input type="hidden" name="session" value=id.to_string()/>
                <button type="submit" class="button button-warning">{lang.pick("Aflys holdet", "Cancel the session")}</button>
            </ActionForm>
        }
    });
    let no_cancel = (open && !v.provider.may_cancel).then(|| {
        view! { <p>{lang.pick("Kommunen kan ikke aflyse en planlagt træning. Foreslå en ny tid; den flyttes kun for de borgere, der siger ja.", "The municipality cannot cancel a planned session. Propose a new time; it moves only for the citizens who agree.")}</p> }
    });
    let propose_form = (open && v.provider.may_propose_new_time).then(|| {
        view! {
            <h3>{lang.pick("Foreslå en ny tid", "Propose a new time")}</h3>
            <ActionForm action=propose>
                <input type="hidden" name="session" value=id.to_string()/>
                <div class="field">
                    <label for="ny-dato">{lang.pick("Ny dato", "New date")}</label>
                    <p class="hint" id="ny-dato-hjaelp">{lang.pick("For eksempel 24.3.2026", "For example 24.3.2026")}</p>
                    <FieldError error=err field="ny-dato"/>
                    <input type="text" id="ny-dato" name="date" inputmode="numeric" autocomplete="off" aria-describedby="ny-dato-hjaelp" value=crate::context::typed("date")/>
                </div>
                <div class="field">
                    <label for="nyt-tidspunkt">{lang.pick("Nyt tidspunkt", "New time")}</label>
                    <p class="hint" id="nyt-tidspunkt-hjaelp">{lang.pick("For eksempel 10.00", "For example 10.00")}</p>
                    <FieldError error=err field="nyt-tidspunkt"/>
                    <input type="text" id="nyt-tidspunkt" name="time" inputmode="numeric" autocomplete="off" aria-describedby="nyt-tidspunkt-hjaelp" value=crate::context::typed("time")/>
                </div>
                <button type="submit" class="button button-secondary">{lang.pick("Send forslaget til de tilmeldte", "Send the proposal to those booked")}</button>
            </ActionForm>
        }
    });
    view! {
        <section aria-labelledby="aendringer">
            <h2 id="aendringer">{lang.pick("Aflysning og flytning", "Cancelling and moving")}</h2>
            {status.map(|t| view! { <p class="lead">{t}</p> })}
            {no_cancel}
            {rule}
            {cancel_form}
            {propose_form}
        </section>
    }
}
