//! The citizen's personal calendar feed: made (or made anew, which stops the old address) and
//! stopped by the citizen themself; a relative neither sees nor makes it, so a revoked power
//! leaves no address behind. The feed itself is served by `ssr::calendar`.
use crate::errors::AppError;
use leptos::prelude::*;

/// Makes a new secret feed address; any earlier one stops working.
#[server(endpoint = "calendar/new_feed")]
pub async fn new_calendar_feed() -> Result<(), AppError> {
    use crate::ssr::request;
    let state = request::state();
    let viewer = request::citizen_themself(&state, request::viewer(), "calendar_feed_new").await?;
    let citizen = viewer.person_id;
    let (token, hash) = crate::ssr::tokens::new_token();
    state
        .repo
        .create_calendar_feed(citizen, &token, &hash, state.clock.now())
        .await?;
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        "calendar_feed_new",
        "",
    )
    .await?;
    leptos_axum::redirect("/traening?kalender=ny#kalender");
    Ok(())
}

/// Stops the feed address: calendars that use it get nothing more.
#[server(endpoint = "calendar/stop_feed")]
pub async fn stop_calendar_feed() -> Result<(), AppError> {
    use crate::ssr::request;
    let state = request::state();
    let viewer = request::citizen_themself(&state, request::viewer(), "calendar_feed_stop").await?;
    let citizen = viewer.person_id;
    if state
        .repo
        .revoke_calendar_feeds(citizen, state.clock.now())
        .await?
    {
        request::audit(
            &state,
            Some(viewer.person_id),
            Some(citizen),
            "calendar_feed_stop",
            "",
        )
        .await?;
    }
    leptos_axum::redirect("/traening?kalender=stoppet#kalender");
    Ok(())
}
