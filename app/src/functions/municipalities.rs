//! The municipalities the portal serves and how to reach them (public).
use crate::domain::municipality::Municipality;
use crate::errors::AppError;
use leptos::prelude::*;

#[server(endpoint = "municipalities")]
pub async fn municipality_list() -> Result<Vec<Municipality>, AppError> {
    let state = crate::ssr::request::state();
    Ok(state.municipalities.all().to_vec())
}
