//! What the application server functions share: who applies, for which municipality, the
//! draft as it stands, the advice it gets and what is missing.
use super::*;
use crate::domain::application::problems;
use crate::domain::lang::Lang;
use crate::domain::municipality::Municipality;
use crate::domain::people::Scope;
use crate::ssr::db::{ApplicationRecord, Person};
use crate::ssr::request;
use crate::ssr::state::AppState;

/// The citizen the viewer applies for, when they may: themself, or the citizen whose power
/// carries the apply scope.
pub async fn applicant(
    action: crate::domain::audit::Action,
) -> Result<(request::Ctx, Person), AppError> {
    let (cx, citizen) = request::Ctx::citizen(Scope::Apply, action).await?;
    let person = cx
        .state
        .repo
        .person(citizen)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((cx, person))
}

pub fn municipality_of<'a>(
    state: &'a AppState,
    person: &Person,
    record: Option<&ApplicationRecord>,
) -> Option<&'a Municipality> {
    person
        .home_municipality
        .as_deref()
        .or(record.map(|r| r.municipality.as_str()))
        .and_then(|s| state.municipalities.get(s))
}

pub fn draft_of(record: Option<&ApplicationRecord>) -> ApplicationDraft {
    record
        .and_then(|r| serde_json::from_str(&r.answers).ok())
        .unwrap_or_default()
}

/// The municipality's pre-screen advice for the answers, and GEN-10's pension-age advice
/// from the applicant's birth date: advice only, never a refusal.
pub fn advice(
    m: &Municipality,
    draft: &ApplicationDraft,
    birth: Option<chrono::NaiveDate>,
    today: chrono::NaiveDate,
) -> Vec<AdviceView> {
    let pension = birth.and_then(|b| crate::domain::prescreen::pension_age_advice(b, today));
    crate::domain::prescreen::advise(&m.rules.prescreen, &draft.prescreen)
        .into_iter()
        .chain(pension)
        .map(|a| AdviceView {
            rule_id: a.rule_id,
            text_da: a.text_da,
            text_en: a.text_en,
        })
        .collect()
}

pub fn invalid(draft: &ApplicationDraft, m: &Municipality, lang: Lang) -> Option<AppError> {
    let p = problems(draft, &m.rules);
    (!p.is_empty()).then(|| {
        AppError::Invalid(
            p.iter()
                .map(|p| crate::errors::Problem::at(p.field(), p.text(lang)))
                .collect(),
        )
    })
}

/// The application behind a reference, when it is the viewer's citizen's. Another citizen's is
/// refused as if it did not exist, and the attempt logged in that citizen's log under `action`.
pub async fn own_application(
    state: &AppState,
    viewer: crate::domain::people::PersonId,
    action: crate::domain::audit::Action,
    reference: &str,
    citizen: i64,
) -> Result<ApplicationRecord, AppError> {
    match state.repo.application_by_reference(reference).await? {
        Some(a) if a.citizen_id == citizen => Ok(a),
        Some(a) => {
            request::audit_refused(
                state,
                Some(viewer),
                Some(a.citizen_id),
                action,
                &format!("application {reference} of another citizen"),
            )
            .await?;
            Err(AppError::NotFound)
        }
        None => Err(AppError::NotFound),
    }
}
