//! Staff and one team session of their municipality: reading it as theirs (a session of another
//! municipality refused and logged), who is booked on it, and the notice each is sent.
use crate::domain::people::StaffRole;
use crate::errors::AppError;
use crate::ssr::db::TeamSession;
use crate::ssr::state::AppState;

/// Who marks attendance.
pub const MARKERS: [StaffRole; 2] = [StaffRole::Therapist, StaffRole::Admin];
/// Every staff role.
pub const ALL_STAFF: [StaffRole; 3] = StaffRole::ALL;

/// The notice to each booked citizen: the email, and the text message `sms`, by the
/// channels each chose (`ssr::notify`).
pub async fn notices_to_participants(
    state: &AppState,
    s: &TeamSession,
    notice: impl Fn(&str, &str) -> crate::domain::notices::Notice,
    sms: String,
) -> Result<Vec<crate::ssr::db::NewEmail>, AppError> {
    let now = state.clock.now();
    let mut out = Vec::new();
    for p in state.repo.session_participants(s.id).await? {
        let person = state.repo.person(p.citizen_id).await?;
        out.extend(crate::ssr::notify::notices_to(
            state,
            person.as_ref(),
            now,
            &notice,
            Some(sms.clone()),
        ));
    }
    Ok(out)
}

/// The citizens booked on a session, each once (with or without an email address).
pub async fn participant_ids(
    state: &AppState,
    session: i64,
) -> Result<Vec<crate::domain::people::PersonId>, AppError> {
    let mut ids: Vec<_> = state
        .repo
        .session_participants(session)
        .await?
        .into_iter()
        .map(|p| p.citizen_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// A session of the staff member's own municipality. A session of another municipality is
/// refused as if it did not exist, and the attempt logged under `action`: in the log of
/// each citizen booked on it, or without a citizen when none is.
pub async fn session_of(
    state: &AppState,
    viewer: crate::domain::people::PersonId,
    action: crate::domain::audit::Action,
    id: i64,
    municipality: &str,
) -> Result<TeamSession, AppError> {
    match state.repo.team_session(id).await? {
        Some(s) if s.municipality == municipality => Ok(s),
        Some(s) => {
            let detail = format!("session {id} of another municipality");
            let citizens = participant_ids(state, s.id).await?;
            crate::ssr::request::audit_refused_each(
                state,
                Some(viewer),
                &citizens,
                action,
                &detail,
            )
            .await?;
            Err(AppError::NotFound)
        }
        None => Err(AppError::NotFound),
    }
}
