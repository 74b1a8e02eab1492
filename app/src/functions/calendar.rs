//! The citizen's personal calendar feed: made (or made anew, which stops the old address) and
//! stopped by the citizen themself; a relative neither sees nor makes it, so a revoked power
//! leaves no address behind. The feed itself is served by `ssr::calendar`.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
use leptos::prelude::*;

/// Makes a new secret feed address; any earlier one stops working. The address is shown once:
/// the page it returns to carries it sealed for this session (`ssr::session_bound`), and the
/// database keeps only its hash.
#[server(endpoint = "calendar/new_feed")]
pub async fn new_calendar_feed() -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let Ctx { state, viewer, .. } = Ctx::citizen_themself(Action::CalendarFeedNew).await?;
    let citizen = viewer.person_id;
    let secret = request::context()
        .session_secret
        .ok_or(AppError::NotSignedIn)?;
    let (token, hash) = crate::ssr::tokens::new_token();
    request::record(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::CalendarFeedNew,
        "",
    )
    .of(
        &state,
        state
            .repo
            .create_calendar_feed(citizen, &hash, state.clock.now()),
    )
    .await?;
    // Sealed with the time it was made: the page shows it for a few minutes only.
    let sealed = crate::ssr::session_bound::seal(
        &format!("{}|{token}", state.clock.now().timestamp()),
        &secret.0,
    );
    leptos_axum::redirect(&format!("/traening?kalender=ny&adresse={sealed}#kalender"));
    Ok(())
}

/// Stops the feed address: calendars that use it get nothing more.
#[server(endpoint = "calendar/stop_feed")]
pub async fn stop_calendar_feed() -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let Ctx { state, viewer, .. } = Ctx::citizen_themself(Action::CalendarFeedStop).await?;
    let citizen = viewer.person_id;
    request::record(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::CalendarFeedStop,
        "",
    )
    .of_if(
        &state,
        state.repo.revoke_calendar_feeds(citizen, state.clock.now()),
        |made| *made,
    )
    .await?;
    leptos_axum::redirect("/traening?kalender=stoppet#kalender");
    Ok(())
}
