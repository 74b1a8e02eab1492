//! The staff start page: their municipality's coming team sessions.
use super::overview::SessionView;
use crate::errors::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffData {
    pub municipality_name: String,
    pub sessions: Vec<SessionView>,
}

#[server(endpoint = "staff_overview")]
pub async fn staff_overview() -> Result<StaffData, AppError> {
    use crate::domain::people::ViewerKind;
    use crate::ssr::request;
    let state = request::state();
    let viewer = request::require_viewer()?;
    let (ViewerKind::Staff(_), Some(slug)) = (&viewer.kind, viewer.municipality.as_deref()) else {
        return Err(AppError::Forbidden);
    };
    let sessions = state
        .repo
        .team_sessions_from(slug, state.clock.now(), 20)
        .await?;
    Ok(StaffData {
        municipality_name: state.municipalities.name_of(slug),
        sessions: sessions.into_iter().map(SessionView::from).collect(),
    })
}
