//! The staff start page: their municipality's coming team sessions.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
use crate::views::sessions::SessionView;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffData {
    pub municipality_name: String,
    pub sessions: Vec<SessionView>,
    /// Termination rules met by a citizen's course, for review.
    pub flags: Vec<FlagView>,
    /// Why the municipality's quality standard may not be current (GEN-9), in Danish and English.
    pub standard_warnings: Vec<(String, String)>,
    /// The viewer may start a hearing (a caseworker or administrator).
    pub may_start_hearing: bool,
    /// Settings the rules need and nobody has made yet (SAM-21's July weeks for the coming
    /// summer), in Danish and English.
    pub missing_settings: Vec<(String, String)>,
    /// The municipality's message on its pages, if any.
    pub message: Option<String>,
    pub is_admin: bool,
    /// Open tasks overdue, and due within two hverdage.
    pub tasks_overdue: usize,
    pub tasks_due_soon: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlagView {
    pub id: i64,
    pub course_id: i64,
    pub citizen_name: String,
    pub rule_id: String,
    pub facts_da: String,
    pub facts_en: String,
    pub raised_at: chrono::DateTime<chrono::Utc>,
}

#[server(endpoint = "staff_overview")]
pub async fn staff_overview() -> Result<StaffData, AppError> {
    use crate::domain::people::StaffRole;
    use crate::ssr::request;
    let (request::Ctx { state, viewer, .. }, slug) = request::Ctx::staff(
        &[StaffRole::Visitator, StaffRole::Therapist, StaffRole::Admin],
        Action::ViewStaffOverview,
    )
    .await?;
    let slug = slug.as_str();
    let sessions = state
        .repo
        .staff_sessions_from(slug, state.clock.now(), 20)
        .await?;
    let open_flags = state.repo.open_review_flags(slug).await?;
    // The rules flagged for each citizen the page names, for their log.
    let mut flagged: std::collections::BTreeMap<i64, Vec<String>> = Default::default();
    for f in &open_flags {
        flagged
            .entry(f.citizen_id)
            .or_default()
            .push(format!("flag {}: {}", f.id, f.rule_id));
    }
    let flags = open_flags
        .into_iter()
        .map(|f| {
            let facts: Option<crate::domain::termination::ReviewFlag> =
                serde_json::from_str(&f.facts).ok();
            FlagView {
                id: f.id,
                course_id: f.course_id,
                citizen_name: f.citizen_name,
                rule_id: f.rule_id,
                facts_da: facts
                    .as_ref()
                    .map(|x| x.facts_da.clone())
                    .unwrap_or_default(),
                facts_en: facts.map(|x| x.facts_en).unwrap_or_default(),
                raised_at: f.created_at,
            }
        })
        .collect();
    let standard_warnings = match state.municipalities.get(slug) {
        Some(m) => crate::domain::standard_currency::warnings(
            m.standard.approved.as_deref(),
            crate::domain::time_format::local_date(state.clock.now()),
        )
        .into_iter()
        .map(|w| {
            use crate::domain::lang::Lang;
            (w.text(Lang::Da), w.text(Lang::En))
        })
        .collect(),
        None => Vec::new(),
    };
    let in_force = crate::ssr::rules_in_force::municipality(&state, slug).await?;
    let today = crate::domain::time_format::local_date(state.clock.now());
    let missing_settings = crate::domain::closure_weeks::missing(&in_force.rules.booking.closures, today)
        .into_iter()
        .map(|(c, year)| {
            (
                format!("{}: de ugenumre, der er lukket i {year}, er ikke fastsat endnu. Indtil de er, får tider i den måned en advarsel i stedet for at blive afvist.", c.rule_id),
                format!("{}: the closed week numbers for {year} are not set yet. Until they are, sessions in that month get a warning instead of being refused.", c.rule_id),
            )
        })
        .collect();
    let (mut tasks_overdue, mut tasks_due_soon) = (0, 0);
    let open_tasks = if viewer.is_staff_of(slug, &[StaffRole::Visitator, StaffRole::Admin]) {
        state.repo.open_tasks(slug).await?
    } else {
        Vec::new()
    };
    for t in open_tasks {
        use crate::domain::tasks::Urgency;
        match Urgency::of(t.due_on, today, &in_force.rules.sla_days_off) {
            Urgency::Overdue => tasks_overdue += 1,
            Urgency::DueSoon => tasks_due_soon += 1,
            Urgency::Later => {}
        }
    }
    request::audit(
        &state,
        Some(viewer.person_id),
        None,
        Action::ViewStaffOverview,
        slug,
    )
    .await?;
    for (citizen, rules) in flagged {
        request::audit(
            &state,
            Some(viewer.person_id),
            Some(citizen),
            Action::ViewReviewFlag,
            &rules.join(", "),
        )
        .await?;
    }
    Ok(StaffData {
        tasks_overdue,
        tasks_due_soon,
        missing_settings,
        message: crate::ssr::rules_in_force::message(&state, slug).await?,
        is_admin: viewer.is_staff_of(slug, &[StaffRole::Admin]),
        may_start_hearing: viewer.is_staff_of(slug, &[StaffRole::Visitator, StaffRole::Admin]),
        standard_warnings,
        municipality_name: state.municipalities.name_of(slug),
        sessions: sessions.into_iter().map(SessionView::from).collect(),
        flags,
    })
}
