//! Whom a relative acts for: everyone they hold a valid power of attorney for, and switching
//! between them (or back to themselves). The header always shows whom they act for.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeldPowerView {
    pub citizen_id: i64,
    pub citizen_name: String,
    /// The scopes in plain Danish and English.
    pub scopes_da: Vec<String>,
    pub scopes_en: Vec<String>,
    pub expires_on: chrono::NaiveDate,
    pub current: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActingForData {
    pub own_name: String,
    pub acting_for_self: bool,
    pub powers: Vec<HeldPowerView>,
}

#[server(endpoint = "acting_for/list")]
pub async fn powers_held() -> Result<ActingForData, AppError> {
    use crate::domain::time_format::local_date;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;

    let Ctx { state, viewer, .. } = Ctx::signed_in()?;
    if viewer.is_staff() {
        return Err(AppError::Forbidden);
    }
    let today = local_date(state.clock.now());
    let current = viewer.acting_for.as_ref().map(|a| a.citizen_id);
    let powers = state
        .repo
        .valid_powers_held_by(viewer.person_id, today)
        .await?
        .into_iter()
        .map(|p| HeldPowerView {
            citizen_id: p.citizen_id,
            citizen_name: p.citizen_name,
            scopes_da: p.scopes.labels(crate::domain::lang::Lang::Da),
            scopes_en: p.scopes.labels(crate::domain::lang::Lang::En),
            expires_on: p.expires_on,
            current: current == Some(p.citizen_id),
        })
        .collect();
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(viewer.person_id),
        Action::ViewPowers,
        "powers held",
    )
    .await?;
    Ok(ActingForData {
        own_name: viewer.name.clone(),
        acting_for_self: current.is_none(),
        powers,
    })
}

/// Acts for `citizen` from now on (0: for oneself). Only with a valid power of attorney.
#[server(endpoint = "acting_for/switch")]
pub async fn act_for(citizen: i64) -> Result<(), AppError> {
    use crate::domain::time_format::local_date;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let Ctx { state, viewer, .. } = Ctx::signed_in()?;
    let hash = request::context()
        .session_hash
        .ok_or(AppError::NotSignedIn)?;
    if viewer.is_staff() {
        return Err(AppError::Forbidden);
    }
    let target = if citizen == 0 || citizen == viewer.person_id {
        None
    } else {
        let today = local_date(state.clock.now());
        let held = state
            .repo
            .valid_powers_held_by(viewer.person_id, today)
            .await?;
        if !held.iter().any(|p| p.citizen_id == citizen) {
            request::audit_refused(
                &state,
                Some(viewer.person_id),
                Some(citizen),
                Action::ActForRefused,
                "no valid power of attorney",
            )
            .await?;
            return Err(AppError::Forbidden);
        }
        Some(citizen)
    };
    request::record(
        &state,
        Some(viewer.person_id),
        target.or(Some(viewer.person_id)),
        Action::ActFor,
        if target.is_some() {
            "acts for the citizen"
        } else {
            "acts for themself"
        },
    )
    .of(&state, state.repo.set_session_acting_for(&hash, target))
    .await?;
    leptos_axum::redirect("/oversigt");
    Ok(())
}
