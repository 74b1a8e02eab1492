use crate::components::contacts::ContactList;
use crate::components::loaded::error_view;
use crate::context::{current_lang, current_viewer};
use crate::domain::lang::Lang;
use crate::domain::municipality::TrainingForm;
use crate::domain::people::ViewerKind;
use crate::domain::time_format::{clock_time, iso_local, long_date, long_date_time};
use crate::functions::overview::{citizen_overview, CourseView, OverviewData, SessionView};
use leptos::prelude::*;
use leptos_meta::Title;

/// The citizen's overview (or, for a relative, the overview of the citizen they act for).
#[component]
pub fn Overview() -> impl IntoView {
    let lang = current_lang();
    let data = Resource::new(|| (), |_| citizen_overview());
    let body = move || {
        Suspend::new(async move {
            match data.await {
                Ok(o) => overview_view(lang, o).into_any(),
                Err(e) => error_view(e),
            }
        })
    };
    view! {
        <Title text=lang.pick("Oversigt – Træningsportalen", "Overview – Træningsportalen")/>
        <Suspense fallback=|| ()>{body}</Suspense>
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
        <p class="lead">{o.citizen_name.clone()}{" · "}{o.municipality_name.clone()}</p>
        <section aria-labelledby="forloeb">
            <h2 id="forloeb">{lang.pick("Træningsforløb", "Training course")}</h2>
            {course_view(lang, o.course)}
        </section>
        <section aria-labelledby="tider">
            <h2 id="tider">{lang.pick("Kommende træningstider", "Upcoming training sessions")}</h2>
            {sessions_view(lang, o.sessions)}
        </section>
        <section aria-labelledby="kontakt">
            <h2 id="kontakt">{contact_heading}</h2>
            <ContactList contacts=o.contacts/>
        </section>
    }
}

fn course_view(lang: Lang, course: Option<CourseView>) -> AnyView {
    let Some(c) = course else {
        return view! { <p>{lang.pick("Der er ikke noget træningsforløb i gang.", "There is no training course under way.")}</p> }
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
