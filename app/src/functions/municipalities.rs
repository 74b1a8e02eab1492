//! The municipalities the portal serves and how to reach them (public).
use crate::domain::municipality::Municipality;
use crate::errors::AppError;
use leptos::prelude::*;

/// The municipalities, and the server's clock when the page is made (whether a phone is open).
#[server(endpoint = "municipalities")]
pub async fn municipality_list(
) -> Result<(Vec<Municipality>, chrono::DateTime<chrono::Utc>), AppError> {
    let state = crate::ssr::request::state();
    // As in force: with the closure weeks each administrator has set.
    let mut all = Vec::new();
    for m in state.municipalities.all() {
        all.push(crate::ssr::rules_in_force::municipality(&state, &m.slug).await?);
    }
    Ok((all, state.clock.now()))
}
