//! The SQL of [`WaitingListStore`](crate::ssr::db::WaitingListStore), for the backend that
//! includes this file (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
//!
//! Every change locks the session's row first (`lock_session`), then its list: on PostgreSQL
//! a freed place, a join, an acceptance and a lapse of one session take their turns, in the
//! same order. A change of several sessions (a course ended) locks them in id order. The places booked and held never pass
//! the capacity (a check in the database).
use super::audit::commit;
use super::outbox::queue_email_in_tx;
use super::{Backend, Db};
use crate::domain::people::PersonId;
use crate::ssr::db::*;
use chrono::{DateTime, Utc};
use sqlx::Transaction;

/// The columns of [`WaitingPlace`], from `waiting_list w`, `team_sessions s` and `people p`.
const PLACE_COLUMNS: &str = "w.id, w.session_id, w.citizen_id, p.name, w.status, w.joined_at,
    w.offer_until,
    (select count(*) from waiting_list q
     where q.session_id = w.session_id and q.status = 'waiting' and q.id <= w.id) as position,
    s.municipality, s.title, s.place, s.starts_at, s.ends_at";

/// Locks the session's row for the rest of the transaction: (booked, held or kept, capacity),
/// when it exists. Places kept for those who have not answered a move count as held
/// (`team_sessions::KEPT`).
pub(super) async fn lock_session(
    tx: &mut Transaction<'_, Db>,
    session: i64,
) -> DbResult<Option<(i64, i64, i64)>> {
    let locked = sqlx::query("update team_sessions set held = held where id = $1")
        .bind(session)
        .execute(&mut **tx)
        .await?;
    if locked.rows_affected() == 0 {
        return Ok(None);
    }
    Ok(sqlx::query_as(&format!(
        "select s.booked, s.held + {KEPT_OF_S}, s.capacity from team_sessions s where s.id = $1"
    ))
    .bind(session)
    .fetch_optional(&mut **tx)
    .await?)
}

/// Offers a free place of the session (its row locked) to the first waiting, held until
/// `until`; false when there is no one waiting, no free place, or no `until` (too close to the
/// start: the place is then free for anyone).
pub(super) async fn offer_next_in_tx(
    tx: &mut Transaction<'_, Db>,
    session: i64,
    now: DateTime<Utc>,
    until: Option<DateTime<Utc>>,
) -> DbResult<bool> {
    let Some(until) = until else {
        return Ok(false);
    };
    let next: Option<i64> = sqlx::query_scalar(
        "select id from waiting_list where session_id = $1 and status = 'waiting'
         order by id limit 1",
    )
    .bind(session)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(next) = next else {
        return Ok(false);
    };
    let held = sqlx::query(&format!(
        "update team_sessions set held = held + 1
         where id = $1 and status = 'scheduled' and starts_at > $2
           and booked + held + {KEPT} < capacity"
    ))
    .bind(session)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    if held.rows_affected() == 0 {
        return Ok(false);
    }
    let offered = sqlx::query(
        "update waiting_list set status = 'offered', offered_at = $2, offer_until = $3
         where id = $1 and status = 'waiting'",
    )
    .bind(next)
    .bind(now)
    .bind(until)
    .execute(&mut **tx)
    .await?;
    if offered.rows_affected() == 0 {
        // Closed meanwhile (a course ended): the place is not held after all.
        sqlx::query("update team_sessions set held = held - 1 where id = $1")
            .bind(session)
            .execute(&mut **tx)
            .await?;
        return Ok(false);
    }
    Ok(true)
}

/// Closes the session's list (the municipality cancelled or moves the session): nobody is
/// offered a place any more. The caller sets `held` to 0 with the session's new status.
pub(super) async fn close_list_in_tx(
    tx: &mut Transaction<'_, Db>,
    session: i64,
    now: DateTime<Utc>,
) -> DbResult<()> {
    sqlx::query(
        "update waiting_list set status = 'left', closed_at = $2
         where session_id = $1 and status in ('waiting', 'offered')",
    )
    .bind(session)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The municipality proposes to move the session: its queue waits for the new time. A place
/// held for someone is let go with the old time (the caller sets `held` to 0), and they go
/// back to the front of the queue, where their place in it was (the queue is by id).
pub(super) async fn keep_list_for_move_in_tx(
    tx: &mut Transaction<'_, Db>,
    session: i64,
) -> DbResult<()> {
    sqlx::query(
        "update waiting_list set status = 'waiting', offered_at = null, offer_until = null,
            notified_at = null
         where session_id = $1 and status = 'offered'",
    )
    .bind(session)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The queue of a session on the move goes with the first to accept to the session at the new
/// time (`new`, its row locked), in the same order, and is offered what is free there.
pub(super) async fn carry_list_in_tx(
    tx: &mut Transaction<'_, Db>,
    old: i64,
    new: i64,
    now: DateTime<Utc>,
    until: Option<DateTime<Utc>>,
) -> DbResult<()> {
    sqlx::query(
        "update waiting_list set session_id = $2 where session_id = $1 and status = 'waiting'",
    )
    .bind(old)
    .bind(new)
    .execute(&mut **tx)
    .await?;
    offer_free_places_in_tx(tx, new, now, until).await?;
    Ok(())
}

/// Offers every free place of the session (its row locked), each to the next in the queue;
/// how many were offered.
pub(super) async fn offer_free_places_in_tx(
    tx: &mut Transaction<'_, Db>,
    session: i64,
    now: DateTime<Utc>,
    until: Option<DateTime<Utc>>,
) -> DbResult<u32> {
    let mut offered = 0;
    while offer_next_in_tx(tx, session, now, until).await? {
        offered += 1;
    }
    Ok(offered)
}

/// The open list entries of the course on sessions from `from`.
const LISTED_FROM: &str = "course_id = $1 and status in ('waiting', 'offered')
    and session_id in (select id from team_sessions where starts_at >= $2)";

/// The sessions from `from` on whose lists the course is, for the caller to lock (in id order,
/// with the other sessions it changes) before [`leave_lists_from_in_tx`].
pub(super) async fn listed_sessions_from_in_tx(
    tx: &mut Transaction<'_, Db>,
    course: i64,
    from: DateTime<Utc>,
) -> DbResult<Vec<i64>> {
    Ok(sqlx::query_scalar(&format!(
        "select session_id from waiting_list where {LISTED_FROM}"
    ))
    .bind(course)
    .bind(from)
    .fetch_all(&mut **tx)
    .await?)
}

/// Takes the course off the lists of sessions from `from` (the course ends before them): a
/// place held for it is let go, for the jobs loop to offer to the next. The caller has locked
/// those sessions' rows ([`listed_sessions_from_in_tx`]).
pub(super) async fn leave_lists_from_in_tx(
    tx: &mut Transaction<'_, Db>,
    course: i64,
    from: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DbResult<()> {
    // offered_at is set while an offer is open (a move's `keep_list_for_move_in_tx` clears it
    // with the hold).
    let left: Vec<(i64, Option<DateTime<Utc>>)> = sqlx::query_as(&format!(
        "update waiting_list set status = 'left', closed_at = $3 where {LISTED_FROM}
         returning session_id, offered_at"
    ))
    .bind(course)
    .bind(from)
    .bind(now)
    .fetch_all(&mut **tx)
    .await?;
    for (session, _) in left.iter().filter(|(_, offered)| offered.is_some()) {
        sqlx::query("update team_sessions set held = held - 1 where id = $1 and held > 0")
            .bind(session)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A place held for someone is theirs no more (they left, or the offer ran out): it goes to the
/// next waiting, or is freed.
async fn pass_on_in_tx(
    tx: &mut Transaction<'_, Db>,
    session: i64,
    now: DateTime<Utc>,
    until: Option<DateTime<Utc>>,
) -> DbResult<()> {
    sqlx::query("update team_sessions set held = held - 1 where id = $1 and held > 0")
        .bind(session)
        .execute(&mut **tx)
        .await?;
    offer_next_in_tx(tx, session, now, until).await?;
    Ok(())
}

#[async_trait::async_trait]
impl WaitingListStore for Backend {
    async fn join_waiting_list(
        &self,
        session: i64,
        course: &Course,
        joined_by: PersonId,
        now: DateTime<Utc>,
    ) -> DbResult<i64> {
        let mut tx = self.begin_write().await?;
        let Some((booked, held, capacity)) = lock_session(&mut tx, session).await? else {
            return Err(DbError::NotFound);
        };
        let open: Option<i64> = sqlx::query_scalar(
            "select id from team_sessions
             where id = $1 and municipality = $2 and status = 'scheduled' and starts_at > $3",
        )
        .bind(session)
        .bind(&course.municipality)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        if open.is_none() {
            return Err(DbError::NotFound);
        }
        if booked + held < capacity {
            return Err(DbError::Free);
        }
        let booked_already: i64 = sqlx::query_scalar(
            "select count(*) from bookings
             where session_id = $1 and citizen_id = $2 and status = 'booked'",
        )
        .bind(session)
        .bind(course.citizen_id)
        .fetch_one(&mut *tx)
        .await?;
        if booked_already > 0 {
            return Err(DbError::Conflict);
        }
        let id: i64 = sqlx::query_scalar(
            "insert into waiting_list (session_id, citizen_id, course_id, status, joined_at, joined_by)
             values ($1, $2, $3, 'waiting', $4, $5)
             returning id",
        )
        .bind(session)
        .bind(course.citizen_id)
        .bind(course.id)
        .bind(now)
        .bind(joined_by)
        .fetch_one(&mut *tx)
        .await?;
        commit(tx).await?;
        Ok(id)
    }

    async fn leave_waiting_list(
        &self,
        session: i64,
        citizen: PersonId,
        left_by: PersonId,
        now: DateTime<Utc>,
        pass_on_until: Option<DateTime<Utc>>,
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        lock_session(&mut tx, session).await?;
        // offered_at is set once an offer is made, and an offer never goes back to waiting.
        let was: Option<Option<DateTime<Utc>>> = sqlx::query_scalar(
            "update waiting_list set status = 'left', closed_at = $3, closed_by = $4
             where session_id = $1 and citizen_id = $2 and status in ('waiting', 'offered')
             returning offered_at",
        )
        .bind(session)
        .bind(citizen)
        .bind(now)
        .bind(left_by)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(offered_at) = was else {
            return Ok(false);
        };
        if offered_at.is_some() {
            pass_on_in_tx(&mut tx, session, now, pass_on_until).await?;
        }
        commit(tx).await?;
        Ok(true)
    }

    async fn waiting_places_of(
        &self,
        citizen: PersonId,
        now: DateTime<Utc>,
    ) -> DbResult<Vec<WaitingPlace>> {
        Ok(sqlx::query_as(&format!(
            "select {PLACE_COLUMNS}
             from waiting_list w
             join team_sessions s on s.id = w.session_id
             join people p on p.id = w.citizen_id
             where w.citizen_id = $1 and w.status in ('waiting', 'offered')
               and s.status in ('scheduled', 'move_proposed') and s.starts_at > $2
             order by s.starts_at, s.id"
        ))
        .bind(citizen)
        .bind(now)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn waiting_list_of(&self, session: i64) -> DbResult<Vec<WaitingPlace>> {
        Ok(sqlx::query_as(&format!(
            "select {PLACE_COLUMNS}
             from waiting_list w
             join team_sessions s on s.id = w.session_id
             join people p on p.id = w.citizen_id
             where w.session_id = $1 and w.status in ('waiting', 'offered')
             order by case when w.status = 'offered' then 0 else 1 end, w.id"
        ))
        .bind(session)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn lapsed_offers(&self, now: DateTime<Utc>) -> DbResult<Vec<WaitingSession>> {
        Ok(sqlx::query_as(
            "select w.session_id, s.municipality, s.starts_at, w.id as entry_id
             from waiting_list w join team_sessions s on s.id = w.session_id
             where w.status = 'offered' and w.offer_until <= $1
             order by w.offer_until, w.id",
        )
        .bind(now)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn lapse_offer(
        &self,
        entry: i64,
        now: DateTime<Utc>,
        pass_on_until: Option<DateTime<Utc>>,
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let session: Option<i64> =
            sqlx::query_scalar("select session_id from waiting_list where id = $1")
                .bind(entry)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(session) = session else {
            return Ok(false);
        };
        lock_session(&mut tx, session).await?;
        let lapsed = sqlx::query(
            "update waiting_list set status = 'lapsed', closed_at = $2
             where id = $1 and status = 'offered' and offer_until <= $2",
        )
        .bind(entry)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if lapsed.rows_affected() == 0 {
            return Ok(false);
        }
        pass_on_in_tx(&mut tx, session, now, pass_on_until).await?;
        commit(tx).await?;
        Ok(true)
    }

    async fn free_places_with_waiting(&self, now: DateTime<Utc>) -> DbResult<Vec<WaitingSession>> {
        Ok(sqlx::query_as(&format!(
            "select s.id as session_id, s.municipality, s.starts_at, cast(null as bigint) as entry_id
             from team_sessions s
             where s.status = 'scheduled' and s.starts_at > $1
               and s.booked + s.held + {KEPT_OF_S} < s.capacity
               and exists (select 1 from waiting_list w
                           where w.session_id = s.id and w.status = 'waiting')
             order by s.starts_at, s.id"
        ))
        .bind(now)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn offer_free_place(
        &self,
        session: i64,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        if lock_session(&mut tx, session).await?.is_none() {
            return Ok(false);
        }
        if offer_free_places_in_tx(&mut tx, session, now, Some(until)).await? == 0 {
            return Ok(false);
        }
        commit(tx).await?;
        Ok(true)
    }

    async fn unnotified_offers(&self, now: DateTime<Utc>) -> DbResult<Vec<UnnotifiedOffer>> {
        Ok(sqlx::query_as(
            "select w.id, w.citizen_id, s.municipality, s.place, s.starts_at, w.offer_until
             from waiting_list w
             join team_sessions s on s.id = w.session_id
             where w.status = 'offered' and w.notified_at is null and w.offer_until > $1
               and s.status = 'scheduled'
             order by w.id",
        )
        .bind(now)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn notify_offer(
        &self,
        entry: i64,
        now: DateTime<Utc>,
        messages: &[NewEmail],
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let marked = sqlx::query(
            "update waiting_list set notified_at = $2
             where id = $1 and status = 'offered' and notified_at is null",
        )
        .bind(entry)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if marked.rows_affected() == 0 {
            return Ok(false);
        }
        for m in messages {
            queue_email_in_tx(&mut tx, m).await?;
        }
        commit(tx).await?;
        Ok(true)
    }
}
