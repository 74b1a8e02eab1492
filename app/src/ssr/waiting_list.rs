//! The waiting lists' work outside a person's request (`domain::waiting_list`): offers that ran
//! out pass to the next, places freed without an offer (a course ended by a decision, or kept
//! at a moved session's new time for an answer that can no longer come) are offered, and each offer's notice is written to the outbox once. Run by the jobs loop, and
//! right after a request that may have made an offer, so the notice does not wait for it.
use crate::domain::municipality::Municipality;
use crate::errors::AppError;
use crate::ssr::db::TeamSession;
use crate::ssr::state::AppState;
use chrono::{DateTime, Utc};

/// Until when a place of `s` freed at `now` is held for the first on its list.
pub fn offer_until(
    m: &Municipality,
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let deadline =
        crate::domain::deadlines::cancellation_deadline(m.rules.cancellation.rule, starts_at);
    crate::domain::waiting_list::offer_until(&m.waiting_list, now, starts_at, deadline.as_ref())
}

/// [`offer_until`] for a session.
pub fn offer_until_for(
    m: &Municipality,
    s: &TeamSession,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    offer_until(m, s.starts_at, now)
}

/// What one round did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WaitingListRound {
    pub lapsed: u64,
    pub offered: u64,
    pub notified: u64,
}

/// Lapses the offers that ran out, offers free places to those waiting, and writes the notices.
pub async fn run(state: &AppState) -> Result<WaitingListRound, AppError> {
    let now = state.clock.now();
    let mut round = WaitingListRound::default();
    // Places kept at a new time for answers that can no longer come are free for the queue.
    state.repo.close_move_answers(now).await?;
    for o in state.repo.lapsed_offers(now).await? {
        let Some(m) = state.municipalities.get(&o.municipality) else {
            continue;
        };
        let Some(entry) = o.entry_id else { continue };
        if state
            .repo
            .lapse_offer(entry, now, offer_until(m, o.starts_at, now))
            .await?
        {
            round.lapsed += 1;
        }
    }
    for s in state.repo.free_places_with_waiting(now).await? {
        let Some(m) = state.municipalities.get(&s.municipality) else {
            continue;
        };
        let Some(until) = offer_until(m, s.starts_at, now) else {
            continue;
        };
        if state
            .repo
            .offer_free_place(s.session_id, now, until)
            .await?
        {
            round.offered += 1;
        }
    }
    round.notified = notify(state).await?;
    Ok(round)
}

/// Writes the notice of every offer not yet told, once each.
pub async fn notify(state: &AppState) -> Result<u64, AppError> {
    let now = state.clock.now();
    let mut told = 0;
    for o in state.repo.unnotified_offers(now).await? {
        let person = state.repo.person(o.citizen_id).await?;
        let messages = crate::ssr::notify::notices_to(
            state,
            person.as_ref(),
            now,
            |name, to| {
                crate::domain::notices::waiting_list_offer(
                    name,
                    to,
                    o.starts_at,
                    &o.place,
                    o.offer_until,
                    &format!("{}/traening", state.settings.base_url),
                )
            },
            Some(crate::domain::sms_notices::waiting_list_offer(
                o.starts_at,
                o.offer_until,
            )),
        );
        if state.repo.notify_offer(o.id, now, &messages).await? {
            told += 1;
        }
    }
    Ok(told)
}

/// [`notify`] right after a change that may have made an offer; a failure is logged and left to
/// the jobs loop (the offer stands: it was made with the change).
pub async fn notify_now(state: &AppState) {
    if let Err(e) = notify(state).await {
        tracing::warn!(error = %e, "waiting list: offer notices left for the jobs loop");
    }
}
