use crate::components::contacts::ContactList;
use crate::components::loaded::Loaded;
use crate::context::{current_lang, current_viewer};
use crate::domain::lang::Lang;
use crate::domain::municipality::TrainingForm;
use crate::domain::people::ViewerKind;
use crate::domain::time_format::{clock_time, iso_local, long_date, long_date_time};
use crate::functions::overview::{citizen_overview, OverviewData};
use crate::views::sessions::{CourseView, SessionView};
use leptos::prelude::*;
use leptos_meta::Title;

/// The citizen's overview (or, for a relative, the overview of the citizen they act for).
#[component]
pub fn Overview() -> impl IntoView {
    let lang = current_lang();
    view! {
        <Title text=lang.pick("Oversigt – Træningsportalen", "Overview – Træningsportalen")/>
        <Loaded load=move || citizen_overview() show=move |o| overview_view(lang, o)/>
    }
}

fn overview_view(lang: Lang, o: OverviewData) -> impl IntoView {
    let relative = matches!(current_viewer().map(|v| v.kind), Some(ViewerKind::Relative));
    let heading = if relative {
        format!(
            "{} {}",
            lang.pick("Oversigt for", "Overview for"),
            o.citizen_name
        )
    } else {
        lang.pick("Din oversigt", "Your overview").to_string()
    };
    let contact_heading = format!(
        "{} {}",
        lang.pick("Kontakt", "Contact"),
        o.municipality_name
    );
    view! {
        <h1>{heading}</h1>
        <p class="lead">{o.citizen_name.clone()}{(!o.municipality_name.is_empty()).then(|| format!(" · {}", o.municipality_name))}</p>
        {o.message.clone().map(|m| view! {
            <div class="warning-text" role="note"><p><strong>{lang.pick("Besked fra kommunen: ", "Message from the municipality: ")}</strong>{m}</p></div>
        })}
        {hearings_view(lang, o.hearings)}
        {decisions_view(lang, o.decisions)}
        {applications_view(lang, o.applications)}
        <section aria-labelledby="forloeb">
            <h2 id="forloeb">{lang.pick("Træningsforløb", "Training course")}</h2>
            {course_view(lang, o.course)}
        </section>
        <section aria-labelledby="tider">
            <h2 id="tider">{lang.pick("Næste tider", "Next sessions")}</h2>
            {sessions_view(lang, o.sessions)}
        </section>
        {contact_view(lang, contact_heading, o.municipality_name.is_empty(), o.contacts, o.now)}
    }
}

/// The municipality's contacts; a citizen not yet known by a municipality is told where to look.
fn contact_view(
    lang: Lang,
    heading: String,
    no_municipality: bool,
    contacts: Vec<crate::domain::municipality::Contact>,
    now: chrono::DateTime<chrono::Utc>,
) -> AnyView {
    if no_municipality {
        return view! {
            <section aria-labelledby="kontakt">
                <h2 id="kontakt">{lang.pick("Kontakt", "Contact")}</h2>
                <p>{lang.pick(
                    "Du er endnu ikke tilknyttet en kommune i portalen. Det bliver du, når du søger om træning.",
                    "You are not yet linked to a municipality in the portal. You will be when you apply for training.",
                )}</p>
                <p><a href="/kommuner">{lang.pick("Find din kommune", "Find your municipality")}</a></p>
            </section>
        }
        .into_any();
    }
    view! {
        <section aria-labelledby="kontakt">
            <h2 id="kontakt">{heading}</h2>
            <ContactList contacts=contacts now=now/>
        </section>
    }
    .into_any()
}

/// Decisions to read, newest first.
/// Hearings waiting for the citizen's answer, first on the page: they have a deadline.
fn hearings_view(lang: Lang, hearings: Vec<(i64, chrono::DateTime<chrono::Utc>)>) -> impl IntoView {
    use crate::domain::time_format::{iso_local, long_date_time};
    (!hearings.is_empty()).then(|| {
        let items = hearings
            .into_iter()
            .map(|(id, due)| view! {
                <li>
                    <a href=crate::paths::hearing(id)>{lang.pick("Kommunen vil høre dig, før den træffer afgørelse om dit forløb", "The municipality wants to hear from you before it decides on your course")}</a>
                    " · "{lang.pick("svar senest ", "answer by ")}<time datetime=iso_local(due)>{long_date_time(lang, due)}</time>
                </li>
            })
            .collect_view();
        view! {
            <section aria-labelledby="partshoering" class="warning-text">
                <h2 id="partshoering">{lang.pick("Partshøring", "Hearing")}</h2>
                <ul>{items}</ul>
            </section>
        }
    })
}

fn decisions_view(
    lang: Lang,
    decisions: Vec<(
        i64,
        crate::domain::complaint_guidance::DecisionOutcome,
        chrono::DateTime<chrono::Utc>,
    )>,
) -> Option<impl IntoView> {
    if decisions.is_empty() {
        return None;
    }
    let items = decisions
        .into_iter()
        .map(|(id, outcome, at)| {
            use crate::domain::complaint_guidance::DecisionOutcome;
            let what = match outcome {
                DecisionOutcome::Granted => lang.pick("bevilget", "granted"),
                DecisionOutcome::PartlyGranted => lang.pick("delvist bevilget", "partly granted"),
                DecisionOutcome::Refused => lang.pick("afslag", "refused"),
                DecisionOutcome::Terminated => lang.pick("forløbet afsluttes", "the course ends"),
            };
            view! {
                <li><a href=crate::paths::decision(id)>
                    {format!("{} {} ({what})", lang.pick("Afgørelse af", "Decision of"), long_date(lang, crate::domain::time_format::local_date(at)))}
                </a></li>
            }
        })
        .collect_view();
    Some(view! {
        <section aria-labelledby="afgoerelser">
            <h2 id="afgoerelser">{lang.pick("Afgørelser", "Decisions")}</h2>
            <ul>{items}</ul>
        </section>
    })
}

/// Applications under way: a draft to finish, one waiting for consent, one sent.
fn applications_view(
    lang: Lang,
    applications: Vec<(String, crate::domain::states::ApplicationStatus)>,
) -> Option<impl IntoView> {
    if applications.is_empty() {
        return None;
    }
    let items = applications
        .into_iter()
        .map(|(reference, status)| {
            use crate::domain::states::ApplicationStatus;
            let (text, href) = match status {
                ApplicationStatus::Draft => (
                    lang.pick(
                        "Kladde – ikke sendt endnu. Fortsæt ansøgningen",
                        "Draft – not sent yet. Continue the application",
                    ),
                    "/ansoeg".to_string(),
                ),
                ApplicationStatus::AwaitingConsent => (
                    lang.pick("Venter på samtykke", "Waiting for consent"),
                    crate::paths::application_receipt(&reference),
                ),
                ApplicationStatus::Decided => (
                    lang.pick(
                        "Afgjort – se forløbet og afgørelsen",
                        "Decided – see the progress and the decision",
                    ),
                    crate::paths::case_status(&reference),
                ),
                _ => (
                    lang.pick("Sendt – se, hvordan det går", "Sent – see how it is going"),
                    crate::paths::case_status(&reference),
                ),
            };
            view! { <li><a href=href>{format!("{reference}: {text}")}</a></li> }
        })
        .collect_view();
    Some(view! {
        <section aria-labelledby="ansoegninger">
            <h2 id="ansoegninger">{lang.pick("Ansøgninger", "Applications")}</h2>
            <ul>{items}</ul>
        </section>
    })
}

fn course_view(lang: Lang, course: Option<CourseView>) -> AnyView {
    let Some(c) = course else {
        return view! {
            <p>{lang.pick("Der er ikke noget træningsforløb i gang.", "There is no training course under way.")}</p>
            <p><a class="button" href="/ansoeg">{lang.pick("Søg om vedligeholdende træning", "Apply for maintenance training")}</a></p>
        }
        .into_any();
    };
    let form = TrainingForm::from_code(&c.training_form)
        .map(|f| f.label(lang).to_string())
        .unwrap_or(c.training_form);
    let per_week = c.sessions_per_week.map(|n| {
        view! {
            <dt>{lang.pick("Antal gange om ugen", "Sessions per week")}</dt>
            <dd>{n}</dd>
        }
    });
    let ends = c.ends_on.map(|d| {
        view! {
            <dt>{lang.pick("Slutter", "Ends")}</dt>
            <dd>{long_date(lang, d)}</dd>
        }
    });
    view! {
        <dl class="facts">
            <dt>{lang.pick("Træningsform", "Training form")}</dt>
            <dd>{form}</dd>
            <dt>{lang.pick("Sted", "Place")}</dt>
            <dd>{c.place}</dd>
            {per_week}
            <dt>{lang.pick("Startede", "Started")}</dt>
            <dd>{long_date(lang, c.starts_on)}</dd>
            {ends}
        </dl>
    }
    .into_any()
}

fn sessions_view(lang: Lang, sessions: Vec<SessionView>) -> AnyView {
    if sessions.is_empty() {
        return view! { <p>{lang.pick("Du har ingen kommende træningstider.", "You have no upcoming training sessions.")}</p> }
            .into_any();
    }
    let items = sessions
        .into_iter()
        .map(|s| {
            view! {
                <li class="session">
                    <p class="session-time">
                        <time datetime=iso_local(s.starts_at)>{long_date_time(lang, s.starts_at)}</time>
                        {format!("–{}", clock_time(lang, s.ends_at))}
                    </p>
                    <p>{s.title}{" · "}{s.place}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="sessions plain">{items}</ul> }.into_any()
}
