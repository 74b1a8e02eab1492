//! Waiting lists for full team sessions (issue 19, `domain::waiting_list`): joining, leaving,
//! the place held for the first in the queue when one frees, offers that lapse, and the notice.
use super::*;
use crate::domain::waiting_list::WaitingStatus;

/// A place on a session's waiting list, with the session it is for.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct WaitingPlace {
    pub id: i64,
    pub session_id: i64,
    pub citizen_id: PersonId,
    /// The citizen's name (for staff).
    pub name: String,
    #[sqlx(try_from = "String")]
    pub status: WaitingStatus,
    pub joined_at: DateTime<Utc>,
    /// While offered: the place is held until then.
    pub offer_until: Option<DateTime<Utc>>,
    /// Among those waiting, how many are before them, themselves included (1: next).
    pub position: i64,
    pub municipality: String,
    pub title: String,
    pub place: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// An offer whose notice is not yet in the outbox, with what the notice says.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct UnnotifiedOffer {
    pub id: i64,
    pub citizen_id: PersonId,
    pub municipality: String,
    pub place: String,
    pub starts_at: DateTime<Utc>,
    pub offer_until: DateTime<Utc>,
}

/// A session with a free place and someone waiting for it, or an offer that ran out: what the
/// next offer's time needs.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct WaitingSession {
    pub session_id: i64,
    pub municipality: String,
    pub starts_at: DateTime<Utc>,
    /// The offer that ran out, for a lapse.
    pub entry_id: Option<i64>,
}

#[async_trait::async_trait]
pub trait WaitingListStore: Send + Sync {
    /// Puts the course's citizen last on a full session's list: `Free` when a place is free (to
    /// be booked instead), `Conflict` when they are on it or booked, `NotFound` when the session
    /// is not a scheduled one of the course's municipality.
    async fn join_waiting_list(
        &self,
        session: i64,
        course: &Course,
        joined_by: PersonId,
        now: DateTime<Utc>,
    ) -> DbResult<i64>;
    /// Takes the citizen off the session's list (false when they were not on it); a place held
    /// for them goes to the next, held until `pass_on_until`, or is freed when that is none.
    async fn leave_waiting_list(
        &self,
        session: i64,
        citizen: PersonId,
        left_by: PersonId,
        now: DateTime<Utc>,
        pass_on_until: Option<DateTime<Utc>>,
    ) -> DbResult<bool>;
    /// The citizen's places on lists of sessions not yet begun, earliest session first.
    async fn waiting_places_of(
        &self,
        citizen: PersonId,
        now: DateTime<Utc>,
    ) -> DbResult<Vec<WaitingPlace>>;
    /// A session's list, in queue order (offered first), for staff.
    async fn waiting_list_of(&self, session: i64) -> DbResult<Vec<WaitingPlace>>;
    /// Offers that ran out unanswered by `now`.
    async fn lapsed_offers(&self, now: DateTime<Utc>) -> DbResult<Vec<WaitingSession>>;
    /// Ends an offer that ran out (false when it was answered meanwhile), passing the place on
    /// as `leave_waiting_list` does.
    async fn lapse_offer(
        &self,
        entry: i64,
        now: DateTime<Utc>,
        pass_on_until: Option<DateTime<Utc>>,
    ) -> DbResult<bool>;
    /// Scheduled sessions not yet begun with a free place and someone waiting (a place freed
    /// where no offer was made at once).
    async fn free_places_with_waiting(&self, now: DateTime<Utc>) -> DbResult<Vec<WaitingSession>>;
    /// Offers each free place of the session to the next waiting, held until `until` (false
    /// when there was no free place or no one waiting).
    async fn offer_free_place(
        &self,
        session: i64,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> DbResult<bool>;
    /// Open offers (of scheduled sessions, not run out by `now`) whose notice is not yet written.
    async fn unnotified_offers(&self, now: DateTime<Utc>) -> DbResult<Vec<UnnotifiedOffer>>;
    /// Marks the offer's notice written, with its messages (email, SMS), once (false when done
    /// already or the offer is no longer open).
    async fn notify_offer(
        &self,
        entry: i64,
        now: DateTime<Utc>,
        messages: &[NewEmail],
    ) -> DbResult<bool>;
}
