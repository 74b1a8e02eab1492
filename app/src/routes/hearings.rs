//! Hearings: the letter as the citizen reads and answers it (`/partshoering/:id`), and the
//! municipality's pages: the courses with their counts, the form starting a hearing, the list of
//! hearings and one hearing with its answer and decision forms.
use crate::components::decision_fields::{choice, delivery_fields};
use crate::components::form_errors::{ErrorSummary, FieldError};
use crate::components::loaded::{id_param, Loaded};
use crate::context::current_lang;
use crate::domain::hearing::{AnswerChannel, HearingStatus};
use crate::domain::lang::Lang;
use crate::domain::time_format::{iso_local, long_date, long_date_time};
use crate::errors::AppError;
use crate::functions::hearings::decide::DecideHearing;
use crate::functions::hearings::staff::{
    hearing_form, staff_courses, staff_hearings, CoursesData, HearingFormData, RecordPhoneAnswer,
    StartHearing,
};
use crate::functions::hearings::{hearing, AnswerHearing, HearingView, StaffHearingSide};
use leptos::prelude::*;
use leptos_meta::Title;

fn pick_list(lang: Lang, da: &[String], en: &[String]) -> Vec<String> {
    match lang {
        Lang::Da => da.to_vec(),
        Lang::En => en.to_vec(),
    }
}

/// The letter: the facts, the rule in the standard's words, what the municipality considers,
/// the deadline, and then the answer and the outcome when there are any.
fn letter_view(lang: Lang, h: &HearingView) -> impl IntoView {
    let lines = pick_list(lang, &h.facts.lines_da, &h.facts.lines_en)
        .into_iter()
        .map(|l| view! { <li>{l}</li> })
        .collect_view();
    let flag = match lang {
        Lang::Da => h.facts.flag_da.clone(),
        Lang::En => h.facts.flag_en.clone(),
    };
    let rule = h.facts.rule_id.clone().map(|id| {
        view! {
            <p>{format!("{} ({id}):", lang.pick("Kommunens kvalitetsstandard siger", "The municipality's quality standard says"))}</p>
            <blockquote lang="da">{h.facts.rule_source.clone().unwrap_or_default()}</blockquote>
        }
    });
    let answer = h.answer.clone().map(|a| {
        let how = match a.channel {
            AnswerChannel::Portal => format!("{} {}", lang.pick("Skrevet i portalen af", "Written in the portal by"), a.by_name),
            AnswerChannel::Phone => format!(
                "{} {}",
                lang.pick("Givet i telefonen og noteret af", "Given by phone and written down by"),
                a.recorded_by.clone().unwrap_or_default()
            ),
        };
        view! {
            <section aria-labelledby="svaret">
                <h2 id="svaret">{lang.pick("Svaret", "The answer")}</h2>
                <p class="own-words">{a.text.clone()}</p>
                <p class="hint">{format!("{how}, {}.", long_date_time(lang, a.at))}
                {a.late.then(|| lang.pick(" Svaret kom efter fristen og er taget med.", " The answer came after the deadline and is taken into account."))}</p>
            </section>
        }
    });
    let outcome = (!h.status.is_open()).then(|| {
        view! {
            <section aria-labelledby="udfald">
                <h2 id="udfald">{lang.pick("Kommunens afgørelse", "The municipality's decision")}</h2>
                <p><strong>{h.status.label(lang)}</strong>
                {h.decided_at.map(|at| format!(" · {}", long_date_time(lang, at)))}</p>
                {h.decision_note.clone().map(|n| view! { <p class="own-words">{n}</p> })}
                {h.decision_id.map(|d| view! {
                    <p><a href=crate::paths::decision(d)>{lang.pick("Læs afgørelsen med klagevejledning", "Read the decision with complaint guidance")}</a></p>
                })}
            </section>
        }
    });
    view! {
        <article class="letter">
            <p class="lead">{format!("{} · {}", h.municipality_name, long_date(lang, crate::domain::time_format::local_date(h.started_at)))}</p>
            <h1>{lang.pick("Partshøring om dit træningsforløb", "Hearing about your course of training")}</h1>
            <p>{format!("{} {}", lang.pick("Til", "To"), h.citizen_name)}</p>
            <p class="lead">{lang.pick(
                "Kommunen overvejer at afslutte dit forløb med vedligeholdende træning. Før kommunen træffer afgørelse, har du ret til at se de oplysninger, den vil lægge vægt på, og til at svare (forvaltningsloven § 19).",
                "The municipality is considering ending your course of maintenance training. Before it decides, you have the right to see the information it will rely on and to answer (Public Administration Act section 19).",
            )}</p>
            <section aria-labelledby="oplysninger">
                <h2 id="oplysninger">{lang.pick("Oplysningerne om dit fremmøde", "The record of your attendance")}</h2>
                <p>{lang.pick(&h.facts.summary_da, &h.facts.summary_en).to_string()}</p>
                {flag.map(|f| view! { <p>{f}</p> })}
                <ul>{lines}</ul>
                {rule}
            </section>
            <section aria-labelledby="overvejer">
                <h2 id="overvejer">{lang.pick("Det overvejer kommunen", "What the municipality is considering")}</h2>
                <p class="own-words">{h.considered.clone()}</p>
            </section>
            <section aria-labelledby="frist">
                <h2 id="frist">{lang.pick("Sådan svarer du", "How to answer")}</h2>
                <p class="deadline">
                    <strong>{lang.pick("Svarfrist: ", "Answer by: ")}</strong>
                    <time datetime=iso_local(h.answer_due_at)>{long_date_time(lang, h.answer_due_at)}</time>
                </p>
                <p>{lang.pick(
                    "Du kan svare her, eller ringe eller skrive til kommunen. Du behøver ikke at svare, og du behøver ikke at begrunde noget. Kommunen træffer ingen afgørelse, før du har svaret eller fristen er gået.",
                    "You can answer here, or call or write to the municipality. You do not have to answer, and you need not give reasons. The municipality decides nothing before you have answered or the deadline has passed.",
                )}</p>
            </section>
            {answer}
            {outcome}
        </article>
    }
}

/// The letter as the citizen or a relative reads it, with the answer form while it is open.
#[component]
pub fn HearingPage() -> impl IntoView {
    let lang = current_lang();
    let id = id_param("id");
    let answer = ServerAction::<AnswerHearing>::new();
    let err = Signal::derive(move || answer.value().get().and_then(Result::err));
    let answered = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("svaret")
        .is_some();
    view! {
        <Title text=lang.pick("Partshøring – Træningsportalen", "Hearing – Træningsportalen")/>
        {answered.then(|| view! { <div class="confirmation" role="status"><p>{lang.pick("Dit svar er sendt til kommunen. Du får en kvittering.", "Your answer has been sent to the municipality. You will get a receipt.")}</p></div> })}
        <ErrorSummary error=err/>
        <Loaded load=move || hearing(id) show=move |h| {
            let form = h.may_answer.then(|| view! {
                <section aria-labelledby="dit-svar">
                    <h2 id="dit-svar">{lang.pick("Dit svar", "Your answer")}</h2>
                    <ActionForm action=answer>
                        <input type="hidden" name="hearing" value=h.id.to_string()/>
                        <div class="field">
                            <label for="felt-svar">{lang.pick("Skriv det, du vil sige til kommunen", "Write what you want to tell the municipality")}</label>
                            <FieldError error=err field="felt-svar"/>
                            <textarea id="felt-svar" aria-describedby="felt-svar-fejl" name="answer" rows="8" class="input-wide">{crate::components::textarea_text::in_textarea(&crate::context::typed("answer").unwrap_or_default())}</textarea>
                        </div>
                        <button type="submit" class="button">{lang.pick("Send svaret", "Send the answer")}</button>
                    </ActionForm>
                </section>
            });
            view! { {letter_view(lang, &h)}{form} }.into_any()
        }/>
    }
}

/// The municipality's courses with what their attendance shows.
#[component]
pub fn CoursesPage() -> impl IntoView {
    let lang = current_lang();
    view! {
        <Title text=lang.pick("Forløb – Personale – Træningsportalen", "Courses – Staff – Træningsportalen")/>
        <Loaded load=move || staff_courses() show=move |d| courses_view(lang, d)/>
    }
}

fn courses_view(lang: Lang, d: CoursesData) -> AnyView {
    let rule = d.unquantified_rule.clone().map(|(id, source)| view! {
        <div class="warning-text">
            <p>{format!("{} ({id}):", lang.pick("Kvalitetsstandarden siger", "The quality standard says"))}</p>
            <blockquote lang="da">{source}</blockquote>
            <p>{match d.suggestion_at {
                Some(n) => format!("{} {n} {}", lang.pick("Reglen siger ikke, hvor mange gange. Portalen foreslår en vurdering fra", "The rule does not say how many times. The portal suggests a review from"), lang.pick("afbud og udeblivelser. Det er et forslag, ikke en grænse; terapeuten vurderer.", "cancellations and no-shows. It is a suggestion, not a limit; the therapist judges.")),
                None => lang.pick("Reglen siger ikke, hvor mange gange; terapeuten vurderer.", "The rule does not say how many times; the therapist judges.").to_string(),
            }}</p>
        </div>
    });
    let rows = d
        .courses
        .into_iter()
        .map(|c| {
            let action = match (c.open_hearing, c.last_day_on, d.may_start) {
                (Some(h), _, _) => view! { <a href=crate::paths::staff_hearing(h)>{lang.pick("Åben partshøring", "Open hearing")}</a> }.into_any(),
                (None, Some(l), _) => view! { <span>{format!("{} {}", lang.pick("Afsluttes", "Ends"), long_date(lang, l))}</span> }.into_any(),
                (None, None, true) => view! { <a href=crate::paths::new_hearing(c.course_id, None)>{lang.pick("Start partshøring", "Start a hearing")}<span class="visually-hidden">{format!(" – {}", c.citizen_name)}</span></a> }.into_any(),
                (None, None, false) => ().into_any(),
            };
            let s = c.summary;
            view! {
                <tr>
                    <td>{c.citizen_name.clone()}</td>
                    <td>{long_date(lang, c.starts_on)}</td>
                    <td>{s.attended}</td>
                    <td>{s.cancelled_on_time + s.cancelled_late}</td>
                    <td>{s.no_shows}</td>
                    <td>{s.excused}</td>
                    <td>{c.review_suggested.then(|| view! { <strong>{lang.pick("Foreslår vurdering", "Review suggested")}</strong> })}</td>
                    <td>{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h1>{format!("{} – {}", lang.pick("Forløb", "Courses"), d.municipality_name)}</h1>
        <p>{lang.pick(
            "Fremmødet for hvert forløb, som reglerne tæller det: lovligt fravær tæller ikke, og flyttede tider er ikke med. Et forløb afsluttes kun ved en afgørelse efter partshøring.",
            "Attendance for each course as the rules count it: excused absence does not count, and moved sessions are left out. A course ends only by a decision after a hearing.",
        )}</p>
        {rule}
        <p><a href="/personale/partshoeringer">{lang.pick("Se alle partshøringer", "See all hearings")}</a></p>
        <div class="table-scroll">
            <table>
                <caption class="visually-hidden">{lang.pick("Forløb med fremmøde", "Courses with attendance")}</caption>
                <thead><tr>
                    <th scope="col">{lang.pick("Borger", "Citizen")}</th>
                    <th scope="col">{lang.pick("Begyndte", "Started")}</th>
                    <th scope="col">{lang.pick("Deltaget", "Attended")}</th>
                    <th scope="col">{lang.pick("Afbud", "Cancelled")}</th>
                    <th scope="col">{lang.pick("Udeblevet", "No-shows")}</th>
                    <th scope="col">{lang.pick("Lovligt fravær", "Excused")}</th>
                    <th scope="col">{lang.pick("Forslag", "Suggestion")}</th>
                    <th scope="col">{lang.pick("Handling", "Action")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The form starting a hearing on a course (from a review flag when there is one).
#[component]
pub fn NewHearingPage() -> impl IntoView {
    let lang = current_lang();
    let query = leptos_router::hooks::use_query_map().get_untracked();
    let course: i64 = query
        .get("forloeb")
        .and_then(|s| s.parse().ok())
        .unwrap_or_default();
    let flag: Option<i64> = query.get("flag").and_then(|s| s.parse().ok());
    let start = ServerAction::<StartHearing>::new();
    let err = Signal::derive(move || start.value().get().and_then(Result::err));
    view! {
        <Title text=lang.pick("Start partshøring – Personale – Træningsportalen", "Start a hearing – Staff – Træningsportalen")/>
        <ErrorSummary error=err/>
        <Loaded load=move || hearing_form(course, flag) show=move |d| new_hearing_view(lang, d, start, err)/>
    }
}

fn new_hearing_view(
    lang: Lang,
    d: HearingFormData,
    start: ServerAction<StartHearing>,
    err: Signal<Option<AppError>>,
) -> AnyView {
    if let Some(h) = d.open_hearing {
        return view! {
            <h1>{lang.pick("Der er allerede en partshøring", "There is already a hearing")}</h1>
            <p><a href=crate::paths::staff_hearing(h)>{lang.pick("Gå til partshøringen", "Go to the hearing")}</a></p>
        }
        .into_any();
    }
    let chosen = d.chosen_rule.clone().unwrap_or_default();
    let rules = d
        .rules
        .iter()
        .map(|(id, source)| choice("rule", id, format!("{id}: {source}"), &chosen))
        .collect_view();
    let lines = pick_list(lang, &d.facts.lines_da, &d.facts.lines_en)
        .into_iter()
        .map(|l| view! { <li>{l}</li> })
        .collect_view();
    view! {
        <h1>{format!("{} – {}", lang.pick("Start partshøring", "Start a hearing"), d.citizen_name)}</h1>
        <p>{lang.pick(
            "Borgeren (og pårørende med fuldmagt) får et brev i portalen og en e-mail. Forløbet fortsætter, til du har truffet afgørelse efter svaret eller fristen.",
            "The citizen (and relatives with a power of attorney) get a letter in the portal and an email. The course goes on until you decide after the answer or the deadline.",
        )}</p>
        <section aria-labelledby="brevets-fakta">
            <h2 id="brevets-fakta">{lang.pick("Det står i brevet om fremmødet", "What the letter says about attendance")}</h2>
            <p>{lang.pick(&d.facts.summary_da, &d.facts.summary_en).to_string()}</p>
            <ul>{lines}</ul>
        </section>
        <ActionForm action=start>
            <input type="hidden" name="course" value=d.course_id.to_string()/>
            {d.flag_id.map(|f| view! { <input type="hidden" name="flag" value=f.to_string()/> })}
            <fieldset class="field" id="felt-regel">
                <legend>{lang.pick("Reglen, kommunen vil bruge", "The rule the municipality would rely on")}</legend>
                <FieldError error=err field="felt-regel"/>
                {rules}
                {choice("rule", "", lang.pick("En anden grund (beskriv den nedenfor, fx at målet er nået)", "Another reason (describe it below, e.g. the goal is reached)").into(), &chosen)}
            </fieldset>
            <div class="field">
                <label for="felt-overvejer">{lang.pick("Det overvejer kommunen, og hvorfor", "What the municipality is considering, and why")}</label>
                <FieldError error=err field="felt-overvejer"/>
                <textarea id="felt-overvejer" aria-describedby="felt-overvejer-fejl" name="considered" rows="6" class="input-wide">{crate::components::textarea_text::in_textarea(&crate::context::typed("considered").unwrap_or_default())}</textarea>
            </div>
            <p>{format!("{} {} ({} {}).",
                lang.pick("Svarfristen bliver", "The answer deadline will be"),
                long_date_time(lang, d.answer_due_at),
                d.answer_days,
                lang.pick("dage efter brevet, efter kommunens regler", "days after the letter, by the municipality's rules"))}</p>
            <button type="submit" class="button">{lang.pick("Send brevet om partshøring", "Send the hearing letter")}</button>
        </ActionForm>
    }
    .into_any()
}

/// The municipality's hearings.
#[component]
pub fn HearingsPage() -> impl IntoView {
    let lang = current_lang();
    view! {
        <Title text=lang.pick("Partshøringer – Personale – Træningsportalen", "Hearings – Staff – Træningsportalen")/>
        <h1>{lang.pick("Partshøringer", "Hearings")}</h1>
        <p><a href="/personale/forloeb">{lang.pick("Start en partshøring fra et forløb", "Start a hearing from a course")}</a></p>
        <Loaded load=move || staff_hearings() show=move |list| {
            if list.is_empty() {
                return view! { <p>{lang.pick("Der er ingen partshøringer.", "There are no hearings.")}</p> }.into_any();
            }
            let rows = list.into_iter().map(|h| view! {
                <tr>
                    <td><a href=crate::paths::staff_hearing(h.id)>{h.citizen_name.clone()}</a></td>
                    <td>{h.rule_id.clone().unwrap_or_else(|| "–".into())}</td>
                    <td><time datetime=iso_local(h.answer_due_at)>{long_date_time(lang, h.answer_due_at)}</time></td>
                    <td>{h.status.label(lang)}{(h.ready && h.status.is_open()).then(|| view! { <strong>{lang.pick(" · klar til afgørelse", " · ready for a decision")}</strong> })}</td>
                </tr>
            }).collect_view();
            view! {
                <div class="table-scroll"><table>
                    <caption class="visually-hidden">{lang.pick("Partshøringer", "Hearings")}</caption>
                    <thead><tr>
                        <th scope="col">{lang.pick("Borger", "Citizen")}</th>
                        <th scope="col">{lang.pick("Regel", "Rule")}</th>
                        <th scope="col">{lang.pick("Svarfrist", "Answer by")}</th>
                        <th scope="col">{lang.pick("Status", "Status")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table></div>
            }.into_any()
        }/>
    }
}

/// One hearing for staff: the letter, the answer, and the forms to record a phone answer and
/// to decide.
#[component]
pub fn StaffHearingPage() -> impl IntoView {
    let lang = current_lang();
    let id = id_param("id");
    let phone = ServerAction::<RecordPhoneAnswer>::new();
    let decide = ServerAction::<DecideHearing>::new();
    let err = Signal::derive(move || {
        phone
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| decide.value().get().and_then(Result::err))
    });
    view! {
        <Title text=lang.pick("Partshøring – Personale – Træningsportalen", "Hearing – Staff – Træningsportalen")/>
        <ErrorSummary error=err/>
        <Loaded load=move || hearing(id) show=move |h| {
            let forms = h.staff.clone().map(|s| staff_forms(lang, &h, s, phone, decide, err));
            view! {
                {letter_view(lang, &h)}
                {forms}
                <p><a href="/personale/partshoeringer">{lang.pick("Tilbage til partshøringerne", "Back to the hearings")}</a></p>
            }
            .into_any()
        }/>
    }
}

fn staff_forms(
    lang: Lang,
    h: &HearingView,
    s: StaffHearingSide,
    phone: ServerAction<RecordPhoneAnswer>,
    decide: ServerAction<DecideHearing>,
    err: Signal<Option<AppError>>,
) -> impl IntoView {
    let id = h.id.to_string();
    let seen = h.status.code();
    let due = h.answer_due_at;
    let phone_id = id.clone();
    let phone_form = (s.caseworker && h.status == HearingStatus::AwaitingAnswer).then(move || view! {
        <section aria-labelledby="telefonsvar">
            <h2 id="telefonsvar">{lang.pick("Svar givet i telefonen", "An answer given by phone")}</h2>
            <ActionForm action=phone>
                <input type="hidden" name="hearing" value=phone_id/>
                <div class="field">
                    <label for="felt-telefonsvar">{lang.pick("Hvad sagde borgeren eller den pårørende? Skriv også, hvem der ringede.", "What did the citizen or the relative say? Also write who called.")}</label>
                    <FieldError error=err field="felt-telefonsvar"/>
                    <textarea id="felt-telefonsvar" aria-describedby="felt-telefonsvar-fejl" name="answer" rows="5" class="input-wide">{crate::components::textarea_text::in_textarea(&crate::context::typed("answer").unwrap_or_default())}</textarea>
                </div>
                <button type="submit" class="button button-secondary">{lang.pick("Gem svaret", "Save the answer")}</button>
            </ActionForm>
        </section>
    });
    let waiting = (s.caseworker && h.status.is_open() && !s.may_decide).then(move || view! {
        <p class="hint">{format!("{} {}.",
            lang.pick("Du kan træffe afgørelse, når borgeren har svaret, eller når fristen er gået:", "You can decide once the citizen has answered, or once the deadline has passed:"),
            long_date_time(lang, due))}</p>
    });
    let d = s.draft.clone();
    let decide_form = s.may_decide.then(move || view! {
        <section aria-labelledby="afgoer">
            <h2 id="afgoer">{lang.pick("Afgørelse efter partshøringen", "Decision after the hearing")}</h2>
            <ActionForm action=decide>
                <input type="hidden" name="hearing" value=id/>
                <input type="hidden" name="seen" value=seen/>
                <fieldset class="field" id="felt-resultat">
                    <legend>{lang.pick("Resultat", "Outcome")}</legend>
                    <FieldError error=err field="felt-resultat"/>
                    {choice("outcome", "continue", lang.pick("Forløbet fortsætter", "The course continues").into(), &d.outcome)}
                    {choice("outcome", "terminate", lang.pick("Forløbet afsluttes – afgørelse med begrundelse og klagevejledning", "The course ends – a decision with reasons and complaint guidance").into(), &d.outcome)}
                </fieldset>
                <div class="field">
                    <label for="felt-begrundelse">{lang.pick("Begrundelse (påkrævet, når forløbet afsluttes; kommunens hovedhensyn og de faktiske forhold)", "Reasons (required when the course ends; the main considerations and the facts)")}</label>
                    <FieldError error=err field="felt-begrundelse"/>
                    <textarea id="felt-begrundelse" aria-describedby="felt-begrundelse-fejl" name="reasons" rows="6" class="input-wide">{crate::components::textarea_text::in_textarea(&crate::context::typed("reasons").unwrap_or(d.reasons.clone()))}</textarea>
                </div>
                <div class="field">
                    <label for="felt-sidste-dag">{lang.pick("Sidste træningsdag (når forløbet afsluttes)", "Last training day (when the course ends)")}</label>
                    <FieldError error=err field="felt-sidste-dag"/>
                    <input type="date" id="felt-sidste-dag" aria-describedby="felt-sidste-dag-fejl" name="last_day" value=crate::context::typed("last_day").unwrap_or(d.last_day.clone()) min=s.today.to_string()/>
                </div>
                {delivery_fields(lang, err, &s.draft_delivery, &s.draft_delivery_on)}
                <p class="hint">{lang.pick(
                    "Tider efter den sidste træningsdag aflyses af kommunen og tæller ikke som borgerens afbud. Borgeren får besked.",
                    "Sessions after the last training day are cancelled by the municipality and do not count as the citizen's cancellations. The citizen is told.",
                )}</p>
                <button type="submit" class="button">{lang.pick("Træf afgørelsen", "Make the decision")}</button>
            </ActionForm>
        </section>
    });
    view! { {phone_form}{waiting}{decide_form} }
}
