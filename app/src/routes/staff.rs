use crate::components::loaded::Loaded;
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::time_format::{iso_local, long_date_time};
use crate::functions::staff::{staff_overview, FlagView, StaffData};
use crate::functions::team_sessions::ResolveFlag;
use leptos::prelude::*;
use leptos_meta::Title;

/// Staff start page: the municipality's coming team sessions and how full they are.
#[component]
pub fn StaffHome() -> impl IntoView {
    let lang = current_lang();
    let created = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("serie")
        // Only a number: the address must not put words of someone else's in the banner.
        .and_then(|n| n.parse::<u32>().ok())
        .map(|n| {
            format!(
                "{n} {}",
                lang.pick("tider er oprettet.", "sessions are created.")
            )
        });
    view! {
        <Title text=lang.pick("Personale – Træningsportalen", "Staff – Træningsportalen")/>
        {created.map(|t| view! { <div class="confirmation" role="status"><p>{t}</p></div> })}
        <Loaded load=move || staff_overview() show=move |o| staff_view(lang, o)/>
    }
}

fn staff_view(lang: Lang, o: StaffData) -> impl IntoView {
    let rows = o
        .sessions
        .into_iter()
        .map(|s| {
            view! {
                <tr>
                    <td><a href=crate::paths::staff_session(s.id)><time datetime=iso_local(s.starts_at)>{long_date_time(lang, s.starts_at)}</time></a></td>
                    <td>{s.place}</td>
                    <td>{match s.status {
                        crate::domain::states::SessionStatus::Cancelled => lang.pick("Aflyst", "Cancelled").to_string(),
                        crate::domain::states::SessionStatus::MoveProposed => format!("{} / {} · {}", s.booked, s.capacity, lang.pick("ny tid foreslået", "new time proposed")),
                        _ => format!("{} / {}", s.booked, s.capacity),
                    }}</td>
                </tr>
            }
        })
        .collect_view();
    let flags = flags_view(lang, o.flags, o.may_start_hearing);
    let standard = (!o.standard_warnings.is_empty()).then(|| {
        view! {
            <section class="warning-text" aria-labelledby="standard-advarsel">
                <h2 id="standard-advarsel">{lang.pick("Kvalitetsstandarden bør bekræftes", "The quality standard should be confirmed")}</h2>
                <ul>
                    {o.standard_warnings.into_iter().map(|(da, en)| view! { <li>{lang.pick(&da, &en).to_string()}</li> }).collect_view()}
                </ul>
            </section>
        }
    });
    let message = o.message.clone().map(|m| {
        view! {
            <div class="warning-text" role="note"><p><strong>{lang.pick("Besked fra kommunen: ", "Message from the municipality: ")}</strong>{m}</p></div>
        }
    });
    let is_admin = o.is_admin;
    let missing = (!o.missing_settings.is_empty()).then(|| {
        view! {
            <section class="warning-text" aria-labelledby="mangler">
                <h2 id="mangler">{lang.pick("Indstillinger mangler", "Settings missing")}</h2>
                <ul>
                    {o.missing_settings.into_iter().map(|(da, en)| view! { <li>{lang.pick(&da, &en).to_string()}</li> }).collect_view()}
                </ul>
                {is_admin.then(|| view! { <p><a href="/personale/indstillinger">{lang.pick("Gå til indstillingerne", "Go to the settings")}</a></p> })}
            </section>
        }
    });
    let tasks = (o.tasks_overdue + o.tasks_due_soon > 0).then(|| {
        view! {
            <section aria-labelledby="opgaver-nu">
                <h2 id="opgaver-nu">{lang.pick("Opgaver, der haster", "Tasks that are due")}</h2>
                <p>{format!(
                    "{} {}, {} {}.",
                    o.tasks_overdue,
                    lang.pick("overskredet", "overdue"),
                    o.tasks_due_soon,
                    lang.pick("forfalder inden for 2 hverdage", "due within 2 working days"),
                )}</p>
                <p><a href="/personale/opgaver">{lang.pick("Gå til opgaverne", "Go to the tasks")}</a></p>
            </section>
        }
    });
    view! {
        <h1>{format!("{} – {}", lang.pick("Personale", "Staff"), o.municipality_name)}</h1>
        {message}
        {tasks}
        {missing}
        {standard}
        {flags}
        <h2>{lang.pick("Kommende holdtræninger", "Upcoming team sessions")}</h2>
        <p><a href="/personale/hold/ny">{lang.pick("Opret et nyt hold", "Create a new team")}</a></p>
        <div class="table-scroll">
            <table>
                <caption class="visually-hidden">{lang.pick("Holdtræninger med tilmeldte", "Team sessions with bookings")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{lang.pick("Tidspunkt", "Time")}</th>
                        <th scope="col">{lang.pick("Sted", "Place")}</th>
                        <th scope="col">{lang.pick("Tilmeldte / pladser", "Booked / places")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Termination rules met by a course: for staff to review with the citizen, never an ending.
fn flags_view(lang: Lang, flags: Vec<FlagView>, may_start: bool) -> impl IntoView {
    let resolve = ServerAction::<ResolveFlag>::new();
    (!flags.is_empty()).then(|| {
        view! {
            <section aria-labelledby="til-vurdering">
                <h2 id="til-vurdering">{lang.pick("Forløb til vurdering", "Courses to review")}</h2>
                <p>{lang.pick(
                    "Et forløb afsluttes aldrig automatisk. Tal med borgeren; en afslutning kræver en skriftlig afgørelse efter partshøring. Start partshøringen her, eller markér forløbet som vurderet, hvis det fortsætter.",
                    "A course never ends automatically. Talk to the citizen; ending it takes a written decision after a hearing. Start the hearing here, or mark the course as reviewed if it goes on.",
                )}</p>
                <ul class="flags">
                    {flags.into_iter().map(|f| view! {
                        <li>
                            <strong>{format!("{} ({})", f.citizen_name, f.rule_id)}</strong>
                            <br/>{lang.pick(&f.facts_da, &f.facts_en).to_string()}
                            <br/>{format!("{} {}", lang.pick("Rejst", "Raised"), long_date_time(lang, f.raised_at))}
                            {may_start.then(|| view! { <p><a class="button" href=crate::paths::new_hearing(f.course_id, Some(f.id))>
                                {lang.pick("Start partshøring", "Start a hearing")}
                                <span class="visually-hidden">{format!(" {} {}", f.citizen_name, f.rule_id)}</span>
                            </a></p> })}
                            <ActionForm action=resolve>
                                <input type="hidden" name="flag" value=f.id.to_string()/>
                                <button type="submit" class="button button-secondary">
                                    {lang.pick("Markér som vurderet", "Mark as reviewed")}
                                    <span class="visually-hidden">{format!(" {} {}", f.citizen_name, f.rule_id)}</span>
                                </button>
                            </ActionForm>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
