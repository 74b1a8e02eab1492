//! The task list (`/personale/opgaver`): the municipality's open tasks, overdue first, each with
//! its rule, citizen, due day and who has it; take it, give it to a colleague, or close it with a
//! note. The most recently closed are listed below, with who closed them and why.
use crate::components::form_errors::{ErrorSummary, FieldError};
use crate::components::loaded::Loaded;
use crate::context::current_lang;
use crate::domain::lang::Lang;
use crate::domain::time_format::{long_date, long_date_time};
use crate::errors::AppError;
use crate::functions::tasks::{tasks_page, CloseTask, ReassignTask, TakeTask, TaskView, TasksData};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[derive(Clone, Copy)]
struct TaskForms {
    take: ServerAction<TakeTask>,
    reassign: ServerAction<ReassignTask>,
    close: ServerAction<CloseTask>,
    err: Signal<Option<AppError>>,
}

#[component]
pub fn TasksPage() -> impl IntoView {
    let lang = current_lang();
    let take = ServerAction::<TakeTask>::new();
    let reassign = ServerAction::<ReassignTask>::new();
    let close = ServerAction::<CloseTask>::new();
    let err = Signal::derive(move || {
        take.value()
            .get()
            .and_then(Result::err)
            .or_else(|| reassign.value().get().and_then(Result::err))
            .or_else(|| close.value().get().and_then(Result::err))
    });
    let forms = TaskForms {
        take,
        reassign,
        close,
        err,
    };
    let query = use_query_map();
    let q = query.get_untracked();
    let filter = q.get("vis");
    let done = [
        ("taget", "Opgaven er din nu.", "The task is yours now."),
        ("givet", "Opgaven er givet videre.", "The task has been given on."),
        ("lukket", "Opgaven er lukket.", "The task is closed."),
    ]
    .into_iter()
    .find(|(k, _, _)| q.get(k).is_some())
    .map(|(_, da, en)| view! { <div class="confirmation" role="status"><p>{lang.pick(da, en)}</p></div> });
    view! {
        <Title text=lang.pick("Opgaver – Personale – Træningsportalen", "Tasks – Staff – Træningsportalen")/>
        {done}
        <ErrorSummary error=err/>
        <Loaded load=move || tasks_page(filter.clone()) show=move |d| tasks_view(lang, d, forms)/>
    }
}

fn tasks_view(lang: Lang, d: TasksData, forms: TaskForms) -> AnyView {
    let filters = [
        ("alle", "Alle åbne", "All open"),
        ("mine", "Mine", "Mine"),
        ("fri", "Ikke taget", "Not taken"),
    ]
    .into_iter()
    .map(|(code, da, en)| {
        let href = format!("/personale/opgaver?vis={code}");
        let current = (d.filter == code).then_some("page");
        view! { <li><a href=href aria-current=current>{lang.pick(da, en)}</a></li> }
    })
    .collect_view();
    let run = match d.last_daily_run {
        Some((day, true)) => format!(
            "{} {}.",
            lang.pick(
                "Den daglige kørsel (frister, påmindelser og overblik pr. e-mail) kørte sidst",
                "The daily run (deadlines, reminders and the email digest) last ran"
            ),
            long_date(lang, day)
        ),
        Some((day, false)) => format!(
            "{} {}.",
            lang.pick(
                "Den daglige kørsel er i gang eller blev afbrudt",
                "The daily run is running or was interrupted on"
            ),
            long_date(lang, day)
        ),
        None => lang
            .pick(
                "Den daglige kørsel har ikke kørt endnu.",
                "The daily run has not run yet.",
            )
            .into(),
    };
    let groups = [
        ("overdue", "Overskredet", "Overdue"),
        ("due_soon", "Forfalder inden for 2 hverdage", "Due within 2 working days"),
        ("later", "Senere", "Later"),
    ]
    .into_iter()
    .filter_map(|(code, da, en)| {
        let tasks: Vec<&TaskView> = d.open.iter().filter(|t| t.urgency == code).collect();
        if tasks.is_empty() {
            return None;
        }
        let id = format!("gruppe-{code}");
        let labelled = id.clone();
        let items = tasks
            .into_iter()
            .map(|t| task_item(lang, t, d.me, &d.staff, forms))
            .collect_view();
        Some(view! {
            <section aria-labelledby=labelled>
                <h2 id=id>{format!("{} ({})", lang.pick(da, en), d.open.iter().filter(|t| t.urgency == code).count())}</h2>
                <ul class="task-list">{items}</ul>
            </section>
        })
    })
    .collect_view();
    let none = d.open.is_empty().then(|| {
        view! { <p>{lang.pick("Ingen åbne opgaver her.", "No open tasks here.")}</p> }
    });
    let closed = d
        .closed
        .iter()
        .map(|t| {
            view! {
                <tr>
                    <td>{format!("{} ({})", lang.pick(&t.kind_da, &t.kind_en), t.rule_id)}</td>
                    <td>{t.citizen_name.clone()}</td>
                    <td>{t.closed_at.map(|at| long_date_time(lang, at)).unwrap_or_default()}</td>
                    <td>{t.closed_by.clone().unwrap_or_default()}</td>
                    <td>{t.close_note.clone().unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h1>{format!("{} – {}", lang.pick("Opgaver", "Tasks"), d.municipality_name)}</h1>
        <p>{lang.pick(
            "De pligter, reglerne skaber: revurdering ved udskrivning, besked om ventetid, et andet hold efter en aflysning, opfølgning på delvist medhold, partshøringers svarfrist og afgørelser, der ikke er åbnet. En opgave lukkes kun af en medarbejder.",
            "The obligations the rules create: re-assessment on discharge, telling the waiting time, another session after a cancellation, following up partial agreement, hearings' answer periods and decisions not opened. Only a staff member closes a task.",
        )}</p>
        <p class="hint">{run}</p>
        <nav aria-label=lang.pick("Vis opgaver", "Show tasks")>
            <ul class="filter-links">{filters}</ul>
        </nav>
        <p>{format!("{} {}", d.open_count, lang.pick("åbne opgaver i alt.", "open tasks in all."))}</p>
        {none}
        {groups}
        <section aria-labelledby="lukkede">
            <h2 id="lukkede">{lang.pick("Senest lukkede", "Recently closed")}</h2>
            <table>
                <thead><tr>
                    <th scope="col">{lang.pick("Opgave", "Task")}</th>
                    <th scope="col">{lang.pick("Borger", "Citizen")}</th>
                    <th scope="col">{lang.pick("Lukket", "Closed")}</th>
                    <th scope="col">{lang.pick("Af", "By")}</th>
                    <th scope="col">{lang.pick("Hvad der blev gjort", "What was done")}</th>
                </tr></thead>
                <tbody>{closed}</tbody>
            </table>
        </section>
    }
    .into_any()
}

/// What was typed in the field `name` when a form of task `id` came back after a failed post.
/// Every task's forms have the same field names, so only the task the post came from (its hidden
/// `id`) shows them again.
fn typed_for(id: i64, name: &str) -> Option<String> {
    crate::context::typed("id")
        .filter(|posted| *posted == id.to_string())
        .and_then(|_| crate::context::typed(name))
}

fn task_item(lang: Lang, t: &TaskView, me: i64, staff: &[(i64, String)], f: TaskForms) -> AnyView {
    let id = t.id;
    let anchor = format!("opgave-{id}");
    let heading_id = format!("opgave-titel-{id}");
    let labelled = heading_id.clone();
    // Each task's buttons are named as the others'; the task's title tells them apart.
    let described = heading_id.clone();
    let (give_described, close_described) = (heading_id.clone(), heading_id.clone());
    let to_field = format!("felt-til-{id}");
    let note_field = format!("felt-note-{id}");
    let who = match (&t.assignee_name, t.assignee_id == Some(me)) {
        (Some(_), true) => lang.pick("Dig", "You").to_string(),
        (Some(name), false) => name.clone(),
        (None, _) => lang.pick("Ingen endnu", "Nobody yet").to_string(),
    };
    let take = (t.assignee_id != Some(me)).then(|| {
        view! {
            <ActionForm action=f.take>
                <input type="hidden" name="id" value=id.to_string()/>
                <button type="submit" class="button" aria-describedby=described.clone()>{lang.pick("Tag opgaven", "Take the task")}</button>
            </ActionForm>
        }
    });
    let typed_to = typed_for(id, "to");
    let options = staff
        .iter()
        .map(|(pid, name)| {
            let selected = typed_to
                .as_deref()
                .map_or(t.assignee_id == Some(*pid), |v| v == pid.to_string());
            view! { <option value=pid.to_string() selected=selected>{name.clone()}</option> }
        })
        .collect_view();
    let link = (!t.link.is_empty()).then(|| {
        let href = t.link.clone();
        view! { <p><a href=href>{lang.pick("Gå til sagen", "Go to the case")}</a></p> }
    });
    let title = format!("{} ({})", lang.pick(&t.kind_da, &t.kind_en), t.rule_id);
    let citizen = t.citizen_name.clone();
    let due = format!(
        "{} – {}",
        long_date(lang, t.due_on),
        lang.pick(&t.urgency_da, &t.urgency_en)
    );
    let facts = lang.pick(&t.facts_da, &t.facts_en).to_string();
    let nobody = typed_to
        .as_deref()
        .map_or(t.assignee_id.is_none(), str::is_empty);
    view! {
        <li id=anchor>
            <article aria-labelledby=labelled>
                <h3 id=heading_id>{title}</h3>
                <dl>
                    <dt>{lang.pick("Borger", "Citizen")}</dt><dd>{citizen}</dd>
                    <dt>{lang.pick("Frist", "Due")}</dt>
                    <dd>{due}</dd>
                    <dt>{lang.pick("Ansvarlig", "Assigned to")}</dt><dd>{who}</dd>
                </dl>
                <p>{facts}</p>
                {link}
                {take}
                <ActionForm action=f.reassign>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <div class="field">
                        <label for=to_field.clone()>{lang.pick("Giv opgaven til", "Give the task to")}</label>
                        <FieldError error=f.err field=to_field.clone()/>
                        <select id=to_field.clone() name="to" aria-describedby=format!("{to_field}-fejl")>
                            <option value="" selected=nobody>{lang.pick("Ingen", "Nobody")}</option>
                            {options}
                        </select>
                    </div>
                    <button type="submit" class="button secondary" aria-describedby=give_described>{lang.pick("Giv videre", "Give on")}</button>
                </ActionForm>
                <ActionForm action=f.close>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <div class="field">
                        <label for=note_field.clone()>{lang.pick("Hvad er gjort? (påkrævet for at lukke)", "What was done? (required to close)")}</label>
                        <FieldError error=f.err field=note_field.clone()/>
                        <textarea id=note_field.clone() name="note" rows="2" class="input-wide" aria-describedby=format!("{note_field}-fejl")>{crate::components::textarea_text::in_textarea(&typed_for(id, "note").unwrap_or_default())}</textarea>
                    </div>
                    <button type="submit" class="button secondary" aria-describedby=close_described>{lang.pick("Luk opgaven", "Close the task")}</button>
                </ActionForm>
            </article>
        </li>
    }
    .into_any()
}
