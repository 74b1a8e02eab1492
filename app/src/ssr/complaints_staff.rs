//! The staff side of a complaint, shared by the citizen's complaint page (shown to staff) and
//! the staff complaint features.
use crate::domain::complaints::{status, Kind, Status};
use crate::domain::decision::DecisionInput;
use crate::domain::municipality::Municipality;
use crate::domain::people::Viewer;
use crate::domain::time_format::local_date;
use crate::errors::AppError;
use crate::ssr::db::ComplaintRecord;
use crate::ssr::state::AppState;
use crate::views::complaints::StaffSide;

/// A complaint of the staff member's own municipality. A complaint of another municipality is
/// refused as if it did not exist, and the attempt logged in the citizen's log under `action`.
pub async fn complaint_of(
    state: &AppState,
    viewer: crate::domain::people::PersonId,
    action: crate::domain::audit::Action,
    reference: &str,
    municipality: &str,
) -> Result<ComplaintRecord, AppError> {
    match state.repo.complaint_by_reference(reference).await? {
        Some(r) if r.municipality == municipality => Ok(r),
        Some(r) => {
            crate::ssr::request::audit_refused(
                state,
                Some(viewer),
                Some(r.citizen_id),
                action,
                &format!("complaint {reference} of another municipality"),
            )
            .await?;
            Err(AppError::NotFound)
        }
        None => Err(AppError::NotFound),
    }
}

/// What the handling form needs: the actions open now, and the decision form filled with
/// what was typed last, or else with the decision complained about.
pub async fn staff_side(
    state: &AppState,
    m: &Municipality,
    r: &ComplaintRecord,
    viewer: &Viewer,
) -> Result<StaffSide, AppError> {
    let f = crate::ssr::complaints::facts(r);
    let st = status(&f);
    let original = match r.decision_id {
        Some(id) => state.repo.decision(id).await?,
        None => None,
    };
    let typed = state
        .repo
        .complaint_draft(r.id, viewer.person_id)
        .await?
        .and_then(|f| serde_json::from_str::<DecisionInput>(&f).ok());
    let draft = typed.unwrap_or_else(|| DecisionInput {
        outcome: String::new(),
        training_form: original
            .as_ref()
            .map(|d| d.training_form.clone())
            .unwrap_or_default(),
        place: original
            .as_ref()
            .map(|d| d.place.clone())
            .unwrap_or_default(),
        sessions_per_week: original
            .as_ref()
            .and_then(|d| d.sessions_per_week)
            .filter(|n| *n > 0)
            .map(|n| n.to_string())
            .unwrap_or_default(),
        weeks: original
            .as_ref()
            .and_then(|d| d.weeks)
            .map(|n| n.to_string())
            .unwrap_or_default(),
        start_on: String::new(),
        reasons: String::new(),
        delivery: Default::default(),
        legal_basis: String::new(),
        transport: String::new(),
    });
    let (forms, max_weeks) = crate::ssr::cases::decision_choices(m);
    Ok(StaffSide {
        may_settle: f.kind == Kind::Decision && st == Status::Received,
        may_forward: st == Status::ToForward,
        may_answer: f.kind == Kind::Service && st == Status::Received,
        forms,
        max_weeks,
        draft,
        today: local_date(state.clock.now()),
    })
}
