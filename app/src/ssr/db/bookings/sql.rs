//! The SQL of [`BookingStore`](crate::ssr::db::BookingStore), for the backend that includes this file
//! (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
use super::audit::commit;
use super::outbox::queue_email_in_tx;
use super::review_flags::raise_flags_in_tx;
use super::{Backend, Db};
use crate::domain::people::PersonId;
use crate::ssr::db::*;
use chrono::{DateTime, Utc};
use sqlx::Transaction;

#[async_trait::async_trait]
impl BookingStore for Backend {
    async fn current_course(&self, citizen: PersonId) -> DbResult<Option<Course>> {
        Ok(sqlx::query_as(
            "select id, decision_id, citizen_id, municipality, training_form, place, sessions_per_week,
                    starts_on, ends_on, status, last_day_on
             from courses where citizen_id = $1 and status <> 'ended'
             order by starts_on desc, id desc limit 1",
        )
        .bind(citizen)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn course(&self, id: i64) -> DbResult<Option<Course>> {
        Ok(sqlx::query_as(
            "select id, decision_id, citizen_id, municipality, training_form, place, sessions_per_week,
                    starts_on, ends_on, status, last_day_on
             from courses where id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn first_session_of(&self, course: i64) -> DbResult<Option<DateTime<Utc>>> {
        Ok(sqlx::query_scalar(
            "select s.starts_at from bookings b join team_sessions s on s.id = b.session_id
             where b.course_id = $1 and b.status = 'booked'
             order by s.starts_at limit 1",
        )
        .bind(course)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn book(
        &self,
        session: i64,
        course: &Course,
        booked_by: PersonId,
        now: DateTime<Utc>,
        confirmation: Option<&NewEmail>,
    ) -> DbResult<i64> {
        let mut tx = self.begin_write().await?;
        let id = book_in_tx(&mut tx, session, course, booked_by, now).await?;
        if let Some(email) = confirmation {
            queue_email_in_tx(&mut tx, email).await?;
        }
        commit(tx).await?;
        Ok(id)
    }

    async fn cancel_booking(
        &self,
        c: &CancelBooking,
        receipt: Option<&NewEmail>,
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        if !cancel_in_tx(&mut tx, c, None).await? {
            return Ok(false);
        }
        if let Some(email) = receipt {
            queue_email_in_tx(&mut tx, email).await?;
        }
        commit(tx).await?;
        Ok(true)
    }

    async fn move_booking(
        &self,
        cancel: &CancelBooking,
        to_session: i64,
        course: &Course,
        email: Option<&NewEmail>,
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        if !cancel_in_tx(&mut tx, cancel, None).await? {
            return Ok(false);
        }
        book_in_tx(&mut tx, to_session, course, cancel.cancelled_by, cancel.at).await?;
        if let Some(email) = email {
            queue_email_in_tx(&mut tx, email).await?;
        }
        commit(tx).await?;
        Ok(true)
    }

    async fn register_absence(
        &self,
        a: &NewAbsence,
        cancellations: &[CancelBooking],
        receipt: Option<&NewEmail>,
    ) -> DbResult<Option<i64>> {
        let mut tx = self.begin_write().await?;
        let id: Option<i64> = sqlx::query_scalar(
            "insert into absence_periods (citizen_id, from_on, to_on, reason, created_by, created_at)
             values ($1, $2, $3, $4, $5, $6) on conflict do nothing returning id",
        )
        .bind(a.citizen_id)
        .bind(a.from_on)
        .bind(a.to_on)
        .bind(&a.reason)
        .bind(a.created_by)
        .bind(a.created_at)
        .fetch_optional(&mut *tx)
        .await
        ?;
        let Some(id) = id else {
            return Ok(None);
        };
        for c in cancellations {
            cancel_in_tx(&mut tx, c, Some(id)).await?;
        }
        raise_flags_in_tx(&mut tx, &a.review_flags).await?;
        if let Some(email) = receipt {
            queue_email_in_tx(&mut tx, email).await?;
        }
        commit(tx).await?;
        Ok(Some(id))
    }

    async fn booking_status(
        &self,
        session: i64,
        citizen: PersonId,
    ) -> DbResult<Option<crate::domain::states::BookingStatus>> {
        let code: Option<String> = sqlx::query_scalar(
            "select status from bookings where session_id = $1 and citizen_id = $2",
        )
        .bind(session)
        .bind(citizen)
        .fetch_optional(&self.pool)
        .await?;
        code.map(|c| {
            crate::domain::states::BookingStatus::try_from(c)
                .map_err(|e| DbError::Other(sqlx::Error::Decode(Box::new(e))))
        })
        .transpose()
    }

    async fn booked_sessions_from(
        &self,
        citizen: PersonId,
        from: DateTime<Utc>,
    ) -> DbResult<Vec<TeamSession>> {
        Ok(sqlx::query_as(&format!(
            "{SESSION_SELECT} join bookings b on b.session_id = s.id
             where b.citizen_id = $1 and b.status = 'booked' and s.starts_at >= $2
             order by s.starts_at, s.id"
        ))
        .bind(citizen)
        .bind(from)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn course_history(&self, course: i64) -> DbResult<Vec<HistoryEntry>> {
        Ok(sqlx::query_as(
            "select s.id as session_id, s.starts_at,
                    case when a.status is not null then a.status
                         when b.cancelled_late then 'cancelled_late'
                         else 'cancelled_on_time' end as outcome,
                    a.status is not null as marked,
                    coalesce(b.cancel_kind, 'cancelled') as cancel_kind,
                    ap.reason as absence_reason
             from bookings b
             join team_sessions s on s.id = b.session_id
             left join attendance a on a.session_id = b.session_id and a.citizen_id = b.citizen_id
             left join absence_periods ap on ap.id = b.absence_id
             where b.course_id = $1
               and ((b.status = 'cancelled' and b.cancelled_late is not null)
                    or a.status is not null)
             order by s.starts_at, s.id",
        )
        .bind(course)
        .fetch_all(&self.pool)
        .await?)
    }
}

/// Takes a place on a session for the course's citizen inside the caller's write transaction:
/// `Full` when no place is free, `Conflict` when the citizen already holds a booking for it.
pub(super) async fn book_in_tx(
    tx: &mut Transaction<'_, Db>,
    session: i64,
    course: &Course,
    booked_by: PersonId,
    now: DateTime<Utc>,
) -> DbResult<i64> {
    // A place held for the citizen from the waiting list becomes the booking; else a free
    // place, not one held for someone else. The session's row is locked first (the order of
    // `waiting_list/sql.rs`): offers are made only under that lock, so the one read next is
    // current on PostgreSQL too.
    super::waiting_list::lock_session(tx, session).await?;
    let offer: Option<i64> = sqlx::query_scalar(
        "select id from waiting_list
         where session_id = $1 and citizen_id = $2 and status = 'offered' and offer_until > $3",
    )
    .bind(session)
    .bind(course.citizen_id)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?;
    let taken = sqlx::query(&match offer {
        Some(_) => "update team_sessions set held = held - 1, booked = booked + 1
             where id = $1 and municipality = $2 and status = 'scheduled' and held > 0"
            .to_string(),
        // Not a place held for someone else, nor one kept for an answer to a move.
        None => format!(
            "update team_sessions set booked = booked + 1
             where id = $1 and municipality = $2 and status = 'scheduled'
               and booked + held + {KEPT} < capacity"
        ),
    })
    .bind(session)
    .bind(&course.municipality)
    .execute(&mut **tx)
    .await?;
    if taken.rows_affected() == 0 {
        return Err(DbError::Full);
    }
    // Off the list, booked: the offer taken, or a place free to anyone taken while waiting.
    let closed = sqlx::query(
        "update waiting_list set status = 'accepted', closed_at = $3, closed_by = $4
         where session_id = $1 and citizen_id = $2
           and (status = 'waiting' or (status = 'offered' and offer_until > $3))",
    )
    .bind(session)
    .bind(course.citizen_id)
    .bind(now)
    .bind(booked_by)
    .execute(&mut **tx)
    .await?;
    if offer.is_some() && closed.rows_affected() == 0 {
        // Cannot happen under the lock; never book on a place that was not theirs.
        return Err(DbError::Full);
    }
    let id: Option<i64> = sqlx::query_scalar(
        "insert into bookings (session_id, citizen_id, course_id, status, booked_at, booked_by)
         values ($1, $2, $3, 'booked', $4, $5)
         on conflict (session_id, citizen_id) do update
            set status = 'booked', course_id = excluded.course_id, booked_at = excluded.booked_at,
                booked_by = excluded.booked_by, cancelled_at = null, cancelled_by = null,
                cancelled_late = null, cancellation_rule = null, cancel_kind = null,
                late_reason = null, absence_id = null
            where bookings.status = 'cancelled'
         returning id",
    )
    .bind(session)
    .bind(course.citizen_id)
    .bind(course.id)
    .bind(now)
    .bind(booked_by)
    .fetch_optional(&mut **tx)
    .await?;
    id.ok_or(DbError::Conflict)
}

/// Cancels a booking inside the caller's write transaction: the place freed, the cancellation
/// recorded as on time or late, the review flags raised; false when there was nothing to cancel
/// (or the session has begun: then it is for the therapist's mark).
pub(super) async fn cancel_in_tx(
    tx: &mut Transaction<'_, Db>,
    c: &CancelBooking,
    absence: Option<i64>,
) -> DbResult<bool> {
    // A notice is accepted even after the session has begun (FRB-15). The citizen then
    // stays on the therapist's list, and a mark, before or after, decides what the rules
    // count (`session_participants`, `mark_attendance`, `course_history`).
    let done = sqlx::query(
        "update bookings set status = 'cancelled', cancelled_at = $3, cancelled_by = $4,
            cancelled_late = $5, cancellation_rule = $6, cancel_kind = $7, late_reason = $8,
            absence_id = $9
         where session_id = $1 and citizen_id = $2 and status = 'booked'",
    )
    .bind(c.session_id)
    .bind(c.citizen_id)
    .bind(c.at)
    .bind(c.cancelled_by)
    .bind(c.late)
    .bind(&c.rule_id)
    .bind(c.kind.code())
    .bind(c.late_reason.map(|r| r.code()))
    .bind(absence)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query("update team_sessions set booked = booked - 1 where id = $1")
        .bind(c.session_id)
        .execute(&mut **tx)
        .await?;
    // Held at once for the first waiting, so nobody else takes it meanwhile.
    super::waiting_list::offer_next_in_tx(tx, c.session_id, c.at, c.offer_until).await?;
    raise_flags_in_tx(tx, &c.review_flags).await?;
    Ok(true)
}
