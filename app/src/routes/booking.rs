//! "Træning": the course, booked sessions each with its cancellation deadline in plain local
//! time, free sessions to book; and the page that confirms a cancellation (a POST, never a link
//! a mail scanner could follow). Plain forms, working without JavaScript.
use crate::components::form_errors::{ErrorSummary, FieldError};
use crate::components::loaded::{id_param, Loaded};
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::time_format::{clock_time, long_date, long_date_time};
use crate::functions::booking::{
    cancel_info, training_plan, AnswerMove, BookSession, CancelSession, PlanView,
};
use crate::functions::calendar::{NewCalendarFeed, StopCalendarFeed};
use crate::functions::waiting_list::{JoinWaitingList, LeaveWaitingList};
use crate::views::sessions::{AttendanceView, RuleWarning, SessionWithDeadline};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// When a session is, as its lists show it: "tirsdag 10. marts 2026 kl. 10.00–11.00".
pub(crate) fn when(lang: Lang, s: &SessionWithDeadline) -> String {
    format!(
        "{}–{}",
        long_date_time(lang, s.starts_at),
        clock_time(lang, s.ends_at)
    )
}

#[component]
pub fn TrainingPage() -> impl IntoView {
    let lang = current_lang();
    let query = use_query_map().get_untracked();
    let booked = query.get("booket").is_some();
    let cancelled = query.get("afmeldt").is_some();
    let late = query.get("sent").is_some();
    let calendar = query.get("kalender");
    let sealed_feed = query.get("adresse");
    let book = ServerAction::<BookSession>::new();
    let moved = query.get("flyttet").is_some();
    let move_answer = query.get("flytning");
    let absence = query.get("fravaer");
    let waiting = query.get("venteliste");
    let join = ServerAction::<JoinWaitingList>::new();
    let leave = ServerAction::<LeaveWaitingList>::new();
    // Made here, with the page's other forms, so a refused answer is shown in the summary.
    let answer = ServerAction::<AnswerMove>::new();
    let done = match (booked || moved, cancelled, late) {
        (true, _, _) => Some(if moved {
            lang.pick(
                "Tiden er flyttet. Du får en bekræftelse.",
                "The session is moved. You will get a confirmation.",
            )
        } else {
            lang.pick(
                "Tiden er booket. Du får en bekræftelse.",
                "The session is booked. You will get a confirmation.",
            )
        }),
        (_, true, false) => Some(lang.pick(
            "Afbuddet er modtaget i god tid.",
            "The cancellation was received in good time.",
        )),
        (_, true, true) => Some(lang.pick(
            "Afbuddet er modtaget efter fristen og registreret som et sent afbud.",
            "The cancellation was received after the deadline and is recorded as a late cancellation.",
        )),
        _ if move_answer.as_deref() == Some("ja") => Some(lang.pick(
            "Tak. Tiden er flyttet til det nye tidspunkt.",
            "Thank you. The session has moved to the new time.",
        )),
        _ if move_answer.as_deref() == Some("nej") => Some(lang.pick(
            "Tak. Du beholder den oprindelige tid.",
            "Thank you. You keep the original time.",
        )),
        _ if waiting.as_deref() == Some("forladt") => Some(lang.pick(
            "Du er taget af ventelisten.",
            "You are off the waiting list.",
        )),
        _ if waiting.is_some() => Some(lang.pick(
            "Du er skrevet på ventelisten. Bliver der en plads ledig, får du besked.",
            "You are on the waiting list. If a place becomes free, you will be told.",
        )),
        _ if absence.is_some() => Some(lang.pick(
            "Fraværet er registreret, og tiderne i perioden er afmeldt. Du får en kvittering.",
            "The absence is registered, and the sessions in the period are cancelled. You will get a receipt.",
        )),
        _ => match calendar.as_deref() {
            Some("ny") => Some(lang.pick(
                "Din kalenderadresse er klar. Kopiér den ind i din kalender.",
                "Your calendar address is ready. Copy it into your calendar.",
            )),
            Some("stoppet") => Some(lang.pick(
                "Kalenderadressen er stoppet. Kalendere, der bruger den, får ikke flere tider.",
                "The calendar address is stopped. Calendars that use it get no more sessions.",
            )),
            _ => None,
        },
    };
    view! {
        <Title text=lang.pick("Træning – Træningsportalen", "Training – Træningsportalen")/>
        <h1>{lang.pick("Træning", "Training")}</h1>
        {done.map(|t| view! { <div class="confirmation" role="status"><p>{t}</p></div> })}
        <ErrorSummary error=Signal::derive(move || {
            book.value().get().and_then(Result::err)
                .or_else(|| join.value().get().and_then(Result::err))
                .or_else(|| leave.value().get().and_then(Result::err))
                .or_else(|| answer.value().get().and_then(Result::err))
        })/>
        <Loaded load=move || training_plan(sealed_feed.clone()) show=move |p| plan_view(lang, p, PlanForms { book, join, leave, answer })/>
    }
}

/// The forms of the training page that post and come back to it.
#[derive(Clone, Copy)]
struct PlanForms {
    book: ServerAction<BookSession>,
    join: ServerAction<JoinWaitingList>,
    leave: ServerAction<LeaveWaitingList>,
    answer: ServerAction<AnswerMove>,
}

fn plan_view(lang: Lang, p: PlanView, actions: PlanForms) -> impl IntoView {
    let PlanForms {
        book,
        join,
        leave,
        answer,
    } = actions;
    let Some(course) = p.course.clone() else {
        return view! {
            <p>{lang.pick("Der er ikke et træningsforløb endnu. Når kommunen har bevilget træning, kan tiderne bookes her.", "There is no course of training yet. When the municipality has granted training, sessions can be booked here.")}</p>
        }
        .into_any();
    };
    let whose = p.on_behalf.then(|| {
        view! { <p class="lead">{format!("{} {}", lang.pick("Træning for", "Training for"), p.citizen_name)}</p> }
    });
    let told = p.told.clone().map(|t| {
        let change = p.own.then(|| {
            view! { " " <a href="/besked">{lang.pick("Skift, hvordan du får besked", "Change how you are told")}</a> }
        });
        view! {
            <p class="told">
                {lang.pick("Påmindelser dagen før og pladser fra ventelisten:", "Reminders the day before and places from the waiting list:")}
                " " {t.sentence(lang)} {change}
            </p>
        }
    });
    let may_book = p.may_book;
    let offers = crate::routes::waiting_list::offers_view(lang, &p.waiting, may_book, book, leave);
    let waiting = crate::routes::waiting_list::waiting_view(
        lang,
        p.waiting,
        p.full,
        p.waiting_rule,
        may_book,
        join,
        leave,
    );
    let attendance = p.attendance.map(|a| attendance_view(lang, a));
    let calendar = p
        .own
        .then(|| calendar_view(lang, p.calendar_feed_since, p.calendar_feed_new));
    let booked = if p.booked.is_empty() {
        view! { <p>{lang.pick("Ingen bookede tider.", "No booked sessions.")}</p> }.into_any()
    } else {
        view! {
            <ul class="sessions">
                {p.booked.into_iter().map(|s| {
                    let cancel = may_book.then(|| view! {
                        <a href=crate::paths::cancel_session(s.id)>
                            {lang.pick("Afmeld", "Cancel")}
                            <span class="visually-hidden">{format!(" {}", long_date_time(lang, s.starts_at))}</span>
                        </a>
                        " "
                        <a href=crate::paths::move_session(s.id)>
                            {lang.pick("Flyt", "Move")}
                            <span class="visually-hidden">{format!(" {}", long_date_time(lang, s.starts_at))}</span>
                        </a>
                    });
                    let proposal = s.proposed_starts_at.map(|to| {
                        let buttons = may_book.then(|| view! {
                            <ActionForm action=answer>
                                <input type="hidden" name="session" value=s.id.to_string()/>
                                <div class="button-row">
                                    <button type="submit" name="answer" value="ja" class="button">{lang.pick("Ja, flyt tiden", "Yes, move the session")}</button>
                                    <button type="submit" name="answer" value="nej" class="button button-secondary">{lang.pick("Nej, behold tiden", "No, keep the session")}</button>
                                </div>
                            </ActionForm>
                        });
                        view! {
                            <div class="warning-text">
                                <p><strong>{format!("{} {}.", lang.pick("Kommunen foreslår at flytte tiden til", "The municipality proposes to move the session to"), long_date_time(lang, to))}</strong>
                                " "{lang.pick("Tiden flyttes kun, hvis du siger ja.", "It moves only if you agree.")}</p>
                                {buttons}
                            </div>
                        }
                    });
                    view! {
                        <li>
                            <strong class="session-time">{when(lang, &s)}</strong>
                            <br/>{s.place.clone()}
                            <br/>{lang.pick(&s.deadline_da, &s.deadline_en).to_string()}
                            {proposal}
                            <br/>{cancel}
                            " "
                            <a href=crate::paths::session_ics(s.id) download="">
                                {lang.pick("Tilføj til kalender", "Add to calendar")}
                                <span class="visually-hidden">{format!(" {}", long_date_time(lang, s.starts_at))}</span>
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let free = if !may_book {
        view! { <p>{lang.pick("Din fuldmagt giver ikke lov til at booke og afmelde.", "Your power of attorney does not allow booking and cancelling.")}</p> }.into_any()
    } else if p.free.is_empty() {
        view! { <p>{lang.pick("Der er ingen ledige tider, der passer til dit forløb lige nu.", "There are no free sessions that fit your course right now.")}</p> }.into_any()
    } else {
        view! {
            <ul class="sessions">
                {p.free.into_iter().map(|s| view! {
                    <li>
                        <strong class="session-time">{when(lang, &s)}</strong>
                        <br/>{format!("{} · {} {}", s.place, s.free_places, lang.pick("ledige pladser", "places free"))}
                        <br/>{lang.pick(&s.deadline_da, &s.deadline_en).to_string()}
                        <ActionForm action=book>
                            <input type="hidden" name="session" value=s.id.to_string()/>
                            <button type="submit" class="button button-secondary">
                                {lang.pick("Book", "Book")}
                                <span class="visually-hidden">{format!(" {}", long_date_time(lang, s.starts_at))}</span>
                            </button>
                        </ActionForm>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        {whose}
        {told}
        {offers}
        <section aria-labelledby="forloeb">
            <h2 id="forloeb">{lang.pick("Dit forløb", "Your course")}</h2>
            <dl class="facts">
                <dt>{lang.pick("Træning", "Training")}</dt>
                <dd>{crate::domain::municipality::TrainingForm::from_code(&course.training_form)
                    .map_or(course.training_form.clone(), |f| f.label(lang).to_string())}</dd>
                <dt>{lang.pick("Sted", "Place")}</dt>
                <dd>{course.place.clone()}</dd>
                {course.sessions_per_week.map(|n| view! { <dt>{lang.pick("Gange om ugen", "Sessions a week")}</dt><dd>{n}</dd> })}
                <dt>{lang.pick("Periode", "Period")}</dt>
                <dd>{match course.ends_on {
                    Some(to) => format!("{} – {}", long_date(lang, course.starts_on), long_date(lang, to)),
                    None => format!("{} {}", lang.pick("Fra", "From"), long_date(lang, course.starts_on)),
                }}</dd>
            </dl>
        </section>
        <section aria-labelledby="bookede">
            <h2 id="bookede">{lang.pick("Dine tider", "Your sessions")}</h2>
            {booked}
            {may_book.then(|| view! {
                <p><a href="/traening/fravaer">{lang.pick("Meld fravær for en periode (ferie, sygehus)", "Register absence for a period (holiday, hospital)")}</a></p>
            })}
        </section>
        <section aria-labelledby="ledige">
            <h2 id="ledige">{lang.pick("Ledige tider", "Free sessions")}</h2>
            {free}
        </section>
        {waiting}
        {attendance}
        {calendar}
    }
    .into_any()
}

/// The personal calendar feed: its secret address (once, just after it is made), a new one, or
/// stopping it.
fn calendar_view(
    lang: Lang,
    since: Option<chrono::DateTime<chrono::Utc>>,
    new_address: Option<String>,
) -> impl IntoView {
    let make = ServerAction::<NewCalendarFeed>::new();
    let stop = ServerAction::<StopCalendarFeed>::new();
    let everywhere = ServerAction::<crate::functions::session::SignOutEverywhere>::new();
    let address = match new_address {
        Some(url) => view! {
            <div class="field">
            <label for="kalenderadresse">{lang.pick("Din kalenderadresse", "Your calendar address")}</label>
            <p class="hint" id="kalenderadresse-hjaelp">{lang.pick(
                "Kopiér adressen ind i din kalender nu. Af hensyn til din sikkerhed viser vi den kun denne ene gang. Hold den for dig selv: alle med adressen kan se dine tider.",
                "Copy the address into your calendar now. For your security we show it only this once. Keep it to yourself: anyone with it can see your sessions.",
            )}</p>
            <input type="text" id="kalenderadresse" readonly value=url class="input-wide" aria-describedby="kalenderadresse-hjaelp"/>
            </div>
        }
        .into_any(),
        None => {
            let since = since.map(|t| match lang {
                Lang::Da => format!(
                    "Du har en kalenderadresse, lavet {}. Af hensyn til din sikkerhed viser vi den ikke igen. Har du mistet den, så lav en ny: den gamle holder så op med at virke.",
                    crate::domain::time_format::long_date(lang, crate::domain::time_format::local_date(t))
                ),
                Lang::En => format!(
                    "You have a calendar address, made {}. For your security we do not show it again. If you have lost it, make a new one: the old one then stops working.",
                    crate::domain::time_format::long_date(lang, crate::domain::time_format::local_date(t))
                ),
            });
            since.map(|t| view! { <p>{t}</p> }).into_any()
        }
    };
    let body = match since {
        Some(_) => view! {
            {address}
            <div class="button-row">
                <ActionForm action=make>
                    <button type="submit" class="button button-secondary">{lang.pick("Lav en ny adresse", "Make a new address")}</button>
                </ActionForm>
                <ActionForm action=stop>
                    <button type="submit" class="button button-warning">{lang.pick("Stop adressen", "Stop the address")}</button>
                </ActionForm>
            </div>
            <ActionForm action=everywhere>
                <input type="hidden" name="stop_calendar" value="on"/>
                <p class="hint">{lang.pick(
                    "Har du mistet en telefon eller en computer? Så log ud alle steder, og stop adressen på én gang.",
                    "Have you lost a phone or a computer? Then sign out everywhere and stop the address at once.",
                )}</p>
                <button type="submit" class="button button-warning">{lang.pick("Log ud på alle enheder og stop adressen", "Sign out on all devices and stop the address")}</button>
            </ActionForm>
        }
        .into_any(),
        None => view! {
            <ActionForm action=make>
                <button type="submit" class="button button-secondary">{lang.pick("Lav en kalenderadresse", "Make a calendar address")}</button>
            </ActionForm>
        }
        .into_any(),
    };
    view! {
        <section aria-labelledby="kalender">
            <h2 id="kalender">{lang.pick("Tiderne i din kalender", "Your sessions in your calendar")}</h2>
            <p>{lang.pick(
                "Med en kalenderadresse kommer dine bookede tider selv ind i kalenderen på din telefon eller computer, også når du booker eller afmelder.",
                "With a calendar address your booked sessions appear in the calendar on your phone or computer by themselves, also when you book or cancel.",
            )}</p>
            {body}
        </section>
    }
}

/// The citizen's own counts, and the municipality's rules on cancellations and absence.
fn attendance_view(lang: Lang, a: AttendanceView) -> impl IntoView {
    let rows = a
        .counts
        .rows()
        .into_iter()
        .map(|(outcome, n)| view! { <dt>{outcome.label(lang)}</dt><dd>{n}</dd> })
        .collect_view();
    let rules = (!a.rules.is_empty()).then(|| {
        view! {
            <h3>{lang.pick("Kommunens regler om afbud og fravær", "The municipality's rules on cancellations and absence")}</h3>
            <ul>
                {a.rules.into_iter().map(|r| view! {
                    <li>
                        {lang.pick(&r.text_da, &r.text_en).to_string()}
                        <br/><span class="rule-source">{format!("({}: »{}«)", r.rule_id, r.source)}</span>
                    </li>
                }).collect_view()}
            </ul>
        }
    });
    view! {
        <section aria-labelledby="fremmoede">
            <h2 id="fremmoede">{lang.pick("Dit fremmøde", "Your attendance")}</h2>
            <dl class="facts">{rows}</dl>
            {rules}
        </section>
    }
}

/// What a cancellation would mean for the course, and the box to tick having read it.
pub(crate) fn warnings_view(
    lang: Lang,
    warnings: Vec<RuleWarning>,
    err: Signal<Option<crate::errors::AppError>>,
) -> impl IntoView {
    (!warnings.is_empty()).then(|| {
        view! {
            <div class="warning-text" id="advarsel">
                <h2>{lang.pick("Vigtigt om dit forløb", "Important about your course")}</h2>
                <ul>
                    {warnings.into_iter().map(|w| view! {
                        <li>
                            {format!("{} {}", lang.pick(&w.flag.facts_da, &w.flag.facts_en), lang.pick(&w.rule.text_da, &w.rule.text_en))}
                            <br/><span class="rule-source">{format!("({}: »{}«)", w.rule.rule_id, w.rule.source)}</span>
                        </li>
                    }).collect_view()}
                </ul>
                <p>{lang.pick("Hvis du melder afbud, får en medarbejder besked og kontakter dig.", "If you cancel, a member of staff is told and will contact you.")}</p>
            </div>
            <FieldError error=err field="confirm"/>
            <div class="checkbox">
                <input type="checkbox" id="confirm" name="confirm" value="ja" aria-describedby="advarsel"/>
                <label for="confirm">{lang.pick("Jeg har læst, hvad afbuddet betyder for mit forløb", "I have read what the cancellation means for my course")}</label>
            </div>
        }
    })
}

/// Cancelling one session: when it is, whether a cancellation now is on time or late under the
/// municipality's rule, and the button.
#[component]
pub fn CancelPage() -> impl IntoView {
    let lang = current_lang();
    let session = id_param("session");
    let cancel = ServerAction::<CancelSession>::new();
    let err = Signal::derive(move || cancel.value().get().and_then(Result::err));
    view! {
        <Title text=lang.pick("Afmeld tid – Træningsportalen", "Cancel session – Træningsportalen")/>
        <h1>{lang.pick("Afmeld tid", "Cancel session")}</h1>
        <ErrorSummary error=err/>
        <Loaded load=move || cancel_info(session) show=move |c| {
                    let note = if c.on_time {
                        view! { <p>{lang.pick(&c.text_da, &c.text_en).to_string()}</p> }.into_any()
                    } else {
                        view! {
                            <div class="warning-text">
                                <h2>{lang.pick("Fristen er overskredet", "The deadline has passed")}</h2>
                                <p>{lang.pick(&c.text_da, &c.text_en).to_string()}</p>
                            </div>
                        }
                        .into_any()
                    };
                    view! {
                        <p class="lead">{format!("{} · {}", when(lang, &c.session), c.session.place)}</p>
                        {note}
                        <ActionForm action=cancel>
                            <input type="hidden" name="session" value=c.session.id.to_string()/>
                            {warnings_view(lang, c.warnings, err)}
                            <button type="submit" class="button button-warning">{lang.pick("Afmeld tiden", "Cancel the session")}</button>
                        </ActionForm>
                        <p><a href="/traening">{lang.pick("Fortryd – behold tiden", "Go back – keep the session")}</a></p>
                    }
                    .into_any()
                }/>
    }
}
