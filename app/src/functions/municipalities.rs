//! The municipalities the portal serves and how to reach them (public).
use crate::domain::municipality::Municipality;
use crate::errors::AppError;
use leptos::prelude::*;

/// The municipalities, and the server's clock when the page is made (whether a phone is open).
#[server(endpoint = "municipalities")]
pub async fn municipality_list(
) -> Result<(Vec<Municipality>, chrono::DateTime<chrono::Utc>), AppError> {
    let state = crate::ssr::request::state();
    Ok((state.municipalities.all().to_vec(), state.clock.now()))
}
