//! The municipality's task list (`/personale/opgaver`): every obligation the rules and workflows
//! create (BRS-19, VEJ-06, FRB-12, BRS-26, GEN-2, CAL-8), raised by the job within a minute of
//! what caused it. Caseworkers and administrators take a task, give it to a colleague, and close
//! it with a note of what was done; nothing closes by itself. Each step is logged on the
//! citizen's behalf. Therapists do no casework: the tasks lead to cases, complaints and decisions
//! that are for caseworkers.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskView {
    pub id: i64,
    pub kind_da: String,
    pub kind_en: String,
    pub rule_id: String,
    pub citizen_name: String,
    pub due_on: NaiveDate,
    /// "overdue", "due_soon" or "later", with its words.
    pub urgency: String,
    pub urgency_da: String,
    pub urgency_en: String,
    pub facts_da: String,
    pub facts_en: String,
    pub link: String,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_by: Option<String>,
    pub close_note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TasksData {
    pub municipality_name: String,
    pub me: i64,
    /// The filter shown: "alle" (every open task), "mine" or "fri" (taken by nobody).
    pub filter: String,
    pub open: Vec<TaskView>,
    /// Open tasks in all, whatever the filter.
    pub open_count: usize,
    pub closed: Vec<TaskView>,
    /// The municipality's staff, to give a task to: (id, name).
    pub staff: Vec<(i64, String)>,
    /// The last daily run: its day and whether it finished.
    pub last_daily_run: Option<(NaiveDate, bool)>,
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::domain::lang::Lang;
    use crate::domain::tasks::Urgency;
    use crate::ssr::db::TaskRecord;
    use crate::ssr::request::{self, Ctx};

    pub fn already_closed(lang: Lang) -> AppError {
        AppError::invalid(lang.pick("Opgaven er allerede lukket.", "The task is already closed."))
    }

    pub fn view(
        t: TaskRecord,
        today: NaiveDate,
        days_off: &crate::domain::calendar::DaysOff,
    ) -> TaskView {
        let u = Urgency::of(t.due_on, today, days_off);
        TaskView {
            id: t.id,
            kind_da: t.kind.label(Lang::Da).into(),
            kind_en: t.kind.label(Lang::En).into(),
            rule_id: t.rule_id,
            citizen_name: t.citizen_name,
            due_on: t.due_on,
            urgency: match u {
                Urgency::Overdue => "overdue",
                Urgency::DueSoon => "due_soon",
                Urgency::Later => "later",
            }
            .into(),
            urgency_da: u.label(Lang::Da).into(),
            urgency_en: u.label(Lang::En).into(),
            facts_da: t.facts_da,
            facts_en: t.facts_en,
            link: t.link,
            assignee_id: t.assignee_id,
            assignee_name: t.assignee_name,
            closed_at: t.closed_at,
            closed_by: t.closed_by_name,
            close_note: t.close_note,
        }
    }

    /// Those a task can be given to: the municipality's caseworkers and administrators.
    pub async fn caseworkers(
        state: &crate::ssr::state::AppState,
        slug: &str,
    ) -> Result<Vec<crate::ssr::db::StaffMemberRole>, AppError> {
        Ok(state
            .repo
            .staff_members(slug)
            .await?
            .into_iter()
            .filter(|s| s.role == "visitator" || s.role == "admin")
            .collect())
    }

    /// The task of the viewer's municipality, open; a task of another municipality is refused
    /// and logged as not found.
    pub async fn open_task(
        ctx: &Ctx,
        slug: &str,
        id: &str,
        action: Action,
    ) -> Result<TaskRecord, AppError> {
        let id: i64 = id.trim().parse().map_err(|_| AppError::NotFound)?;
        let Some(t) = ctx.state.repo.task(id, slug).await? else {
            request::audit_refused(
                &ctx.state,
                Some(ctx.viewer.person_id),
                None,
                action,
                &format!("task {id} is not the municipality's"),
            )
            .await?;
            return Err(AppError::NotFound);
        };
        if t.status != crate::domain::tasks::TaskStatus::Open {
            return Err(already_closed(ctx.lang));
        }
        Ok(t)
    }
}

/// The task list: open tasks (all, mine, or taken by nobody), earliest due first, and the most
/// recently closed.
#[server(endpoint = "staff/tasks")]
pub async fn tasks_page(filter: Option<String>) -> Result<TasksData, AppError> {
    use crate::domain::time_format::local_date;
    use crate::ssr::request::{self, Ctx};
    let (
        Ctx {
            state, viewer, now, ..
        },
        slug,
    ) = Ctx::caseworker(Action::ViewTasks).await?;
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let today = local_date(now);
    let filter = match filter.as_deref() {
        Some("mine") => "mine",
        Some("fri") => "fri",
        _ => "alle",
    };
    let me = viewer.person_id;
    let open_all = state.repo.open_tasks(&slug).await?;
    let open_count = open_all.len();
    let open = open_all
        .into_iter()
        .filter(|t| match filter {
            "mine" => t.assignee_id == Some(me),
            "fri" => t.assignee_id.is_none(),
            _ => true,
        })
        .map(|t| server::view(t, today, &m.rules.sla_days_off))
        .collect();
    let closed = state
        .repo
        .closed_tasks(&slug, 20)
        .await?
        .into_iter()
        .map(|t| server::view(t, today, &m.rules.sla_days_off))
        .collect();
    let mut staff: Vec<(i64, String)> = Vec::new();
    for s in server::caseworkers(&state, &slug).await? {
        if !staff.iter().any(|(id, _)| *id == s.person_id) {
            staff.push((s.person_id, s.name));
        }
    }
    let last_daily_run = state
        .repo
        .daily_runs(1)
        .await?
        .into_iter()
        .next()
        .map(|r| (r.day, r.finished_at.is_some()));
    request::audit(&state, Some(me), None, Action::ViewTasks, filter).await?;
    Ok(TasksData {
        municipality_name: m.name.clone(),
        me,
        filter: filter.into(),
        open,
        open_count,
        closed,
        staff,
        last_daily_run,
    })
}

/// Takes a task: it becomes the viewer's.
#[server(endpoint = "staff/take_task")]
pub async fn take_task(id: String) -> Result<(), AppError> {
    use crate::ssr::request::{self, Ctx};
    let (ctx, slug) = Ctx::caseworker(Action::TakeTask).await?;
    let t = server::open_task(&ctx, &slug, &id, Action::TakeTask).await?;
    let me = ctx.viewer.person_id;
    let taken = request::record(
        &ctx.state,
        Some(me),
        Some(t.citizen_id),
        Action::TakeTask,
        &format!("task {} {}", t.id, t.kind.code()),
    )
    .of_if(
        &ctx.state,
        ctx.state.repo.take_task(t.id, &slug, me),
        |made| *made,
    )
    .await?;
    if !taken {
        // A colleague has it (or took it a moment ago): giving it on is a choice made on purpose.
        let holder = ctx
            .state
            .repo
            .task(t.id, &slug)
            .await?
            .and_then(|t| t.assignee_name)
            .unwrap_or_default();
        return Err(AppError::invalid(format!(
            "{} {holder}. {}",
            ctx.lang.pick(
                "Opgaven er allerede taget af",
                "The task has already been taken by"
            ),
            ctx.lang.pick(
                "Brug »Giv videre«, hvis den skal skifte hænder.",
                "Use “Give on” if it is to change hands."
            ),
        )));
    }
    leptos_axum::redirect(&format!(
        "/personale/opgaver?taget={}#opgave-{}",
        t.id, t.id
    ));
    Ok(())
}

/// Gives a task to a colleague of the municipality, or to nobody (`to` empty).
#[server(endpoint = "staff/reassign_task")]
pub async fn reassign_task(id: String, to: String) -> Result<(), AppError> {
    use crate::errors::Problem;
    use crate::ssr::request::{self, Ctx};
    let (ctx, slug) = Ctx::caseworker(Action::ReassignTask).await?;
    let t = server::open_task(&ctx, &slug, &id, Action::ReassignTask).await?;
    let field = format!("felt-til-{}", t.id);
    let to = match to.trim() {
        "" => None,
        s => {
            let colleague = s.parse::<i64>().ok();
            let staff = server::caseworkers(&ctx.state, &slug).await?;
            match colleague.filter(|c| staff.iter().any(|s| s.person_id == *c)) {
                Some(c) => Some(c),
                None => {
                    return Err(AppError::Invalid(vec![Problem::at(
                        &field,
                        ctx.lang.pick(
                            "Vælg en sagsbehandler eller administrator i kommunen.",
                            "Choose a caseworker or administrator of the municipality.",
                        ),
                    )]))
                }
            }
        }
    };
    let assigned = request::record(
        &ctx.state,
        Some(ctx.viewer.person_id),
        Some(t.citizen_id),
        Action::ReassignTask,
        &format!(
            "task {} {} to {}",
            t.id,
            t.kind.code(),
            to.map_or("nobody".into(), |p| p.to_string())
        ),
    )
    .of_if(
        &ctx.state,
        ctx.state.repo.assign_task(t.id, &slug, to),
        |made| *made,
    )
    .await?;
    if !assigned {
        return Err(server::already_closed(ctx.lang));
    }
    leptos_axum::redirect(&format!(
        "/personale/opgaver?givet={}#opgave-{}",
        t.id, t.id
    ));
    Ok(())
}

/// Closes a task with a note of what was done (e.g. "booket på holdet 9. dec" or "sagde nej
/// tak"). Only a person closes a task.
#[server(endpoint = "staff/close_task")]
pub async fn close_task(id: String, note: String) -> Result<(), AppError> {
    use crate::errors::Problem;
    use crate::ssr::request::{self, Ctx};
    let (ctx, slug) = Ctx::caseworker(Action::CloseTask).await?;
    let t = server::open_task(&ctx, &slug, &id, Action::CloseTask).await?;
    let note = note.trim();
    if note.is_empty()
        || note.chars().count() > 1000
        || note
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r')
    {
        return Err(AppError::Invalid(vec![Problem::at(
            &format!("felt-note-{}", t.id),
            ctx.lang.pick(
                "Skriv kort, hvad der er gjort (højst 1000 tegn).",
                "Write briefly what was done (at most 1000 characters).",
            ),
        )]));
    }
    let closed = request::record(
        &ctx.state,
        Some(ctx.viewer.person_id),
        Some(t.citizen_id),
        Action::CloseTask,
        &format!("task {} {}", t.id, t.kind.code()),
    )
    .of_if(
        &ctx.state,
        ctx.state
            .repo
            .close_task(t.id, &slug, ctx.viewer.person_id, ctx.now, note),
        |made| *made,
    )
    .await?;
    if !closed {
        return Err(server::already_closed(ctx.lang));
    }
    leptos_axum::redirect(&format!("/personale/opgaver?lukket={}", t.id));
    Ok(())
}
