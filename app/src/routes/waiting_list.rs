//! The waiting list on the training page (issue 19): a place held for the citizen, with "Tag
//! pladsen" (booking it) and "Nej tak"; their places in queues; and the full sessions that fit
//! their course, each with "Skriv mig på venteliste". Plain forms, working without JavaScript.
use crate::domain::lang::Lang;
use crate::domain::time_format::long_date_time;
use crate::functions::booking::BookSession;
use crate::functions::waiting_list::{JoinWaitingList, LeaveWaitingList};
use crate::routes::booking::when;
use crate::views::sessions::{SessionWithDeadline, WaitingView};
use leptos::prelude::*;

/// The places held for the citizen: first on the page, as they run out.
pub fn offers_view(
    lang: Lang,
    waiting: &[WaitingView],
    may_book: bool,
    book: ServerAction<BookSession>,
    leave: ServerAction<LeaveWaitingList>,
) -> impl IntoView {
    waiting
        .iter()
        .filter_map(|w| Some((w, w.offered_until?)))
        .map(|(w, until)| {
            let s = w.session.clone();
            let buttons = may_book.then(|| {
                view! {
                    <div class="button-row">
                        <ActionForm action=book>
                            <input type="hidden" name="session" value=s.id.to_string()/>
                            <button type="submit" class="button">
                                {lang.pick("Tag pladsen", "Take the place")}
                                <span class="visually-hidden">{format!(" {}", long_date_time(lang, s.starts_at))}</span>
                            </button>
                        </ActionForm>
                        <ActionForm action=leave>
                            <input type="hidden" name="session" value=s.id.to_string()/>
                            <button type="submit" class="button button-secondary">
                                {lang.pick("Nej tak", "No, thank you")}
                                <span class="visually-hidden">{format!(" {}", long_date_time(lang, s.starts_at))}</span>
                            </button>
                        </ActionForm>
                    </div>
                }
            });
            let heading = format!("tilbud-{}", s.id);
            view! {
                <section class="warning-text" aria-labelledby=heading.clone()>
                    <h2 id=heading.clone()>{lang.pick("Der er en plads til dig", "A place is free for you")}</h2>
                    <p><strong class="session-time">{when(lang, &s)}</strong><br/>{s.place.clone()}</p>
                    <p>{format!(
                        "{} {}. {}",
                        lang.pick("Pladsen er holdt til dig til", "The place is held for you until"),
                        long_date_time(lang, until),
                        lang.pick(
                            "Tager du den ikke inden da, går den videre til den næste på ventelisten.",
                            "If you do not take it by then, it goes to the next on the waiting list.",
                        ),
                    )}</p>
                    <p>{lang.pick(&s.deadline_da, &s.deadline_en).to_string()}</p>
                    {buttons}
                </section>
            }
        })
        .collect_view()
}

/// The citizen's places in queues, and the full sessions they may queue for.
pub fn waiting_view(
    lang: Lang,
    waiting: Vec<WaitingView>,
    full: Vec<SessionWithDeadline>,
    rule: Option<String>,
    may_book: bool,
    join: ServerAction<JoinWaitingList>,
    leave: ServerAction<LeaveWaitingList>,
) -> impl IntoView {
    let queued: Vec<WaitingView> = waiting
        .into_iter()
        .filter(|w| w.offered_until.is_none())
        .collect();
    if queued.is_empty() && (full.is_empty() || !may_book) {
        return ().into_any();
    }
    let queued = (!queued.is_empty()).then(|| {
        view! {
            <ul class="sessions">
                {queued.into_iter().map(|w| {
                    let s = w.session;
                    let leave_button = may_book.then(|| view! {
                        <ActionForm action=leave>
                            <input type="hidden" name="session" value=s.id.to_string()/>
                            <button type="submit" class="button button-secondary">
                                {lang.pick("Forlad ventelisten", "Leave the waiting list")}
                                <span class="visually-hidden">{format!(" {}", long_date_time(lang, s.starts_at))}</span>
                            </button>
                        </ActionForm>
                    });
                    view! {
                        <li>
                            <strong class="session-time">{when(lang, &s)}</strong>
                            <br/>{s.place.clone()}
                            <br/>{match (w.position, lang) {
                                // An offer that ran out, not yet passed on by the jobs loop.
                                (0, _) => lang.pick(
                                    "Tiden til at tage pladsen er gået. Den går videre til den næste på ventelisten.",
                                    "The time to take the place has run out. It goes to the next on the waiting list.",
                                ).to_string(),
                                (n, Lang::Da) => format!("Du er nummer {n} på ventelisten."),
                                (n, Lang::En) => format!("You are number {n} on the waiting list."),
                            }}
                            {leave_button}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    });
    let full = (may_book && !full.is_empty()).then(|| {
        view! {
            <h3>{lang.pick("Fuldt bookede tider", "Fully booked sessions")}</h3>
            {rule.map(|r| view! { <p>{r}</p> })}
            <ul class="sessions">
                {full.into_iter().map(|s| view! {
                    <li>
                        <strong class="session-time">{when(lang, &s)}</strong>
                        <br/>{format!("{} · {}", s.place, lang.pick("Holdet er fuldt", "The session is full"))}
                        <ActionForm action=join>
                            <input type="hidden" name="session" value=s.id.to_string()/>
                            <button type="submit" class="button button-secondary">
                                {lang.pick("Skriv mig på venteliste", "Put me on the waiting list")}
                                <span class="visually-hidden">{format!(" {}", long_date_time(lang, s.starts_at))}</span>
                            </button>
                        </ActionForm>
                    </li>
                }).collect_view()}
            </ul>
        }
    });
    view! {
        <section aria-labelledby="venteliste">
            <h2 id="venteliste">{lang.pick("Venteliste", "Waiting list")}</h2>
            {queued}
            {full}
        </section>
    }
    .into_any()
}
