//! The SQL of [`TeamSessionStore`](crate::ssr::db::TeamSessionStore), for the backend that includes this file
//! (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
use super::audit::commit;
use super::bookings::book_in_tx;
use super::outbox::queue_email_in_tx;
use super::review_flags::raise_flags_in_tx;
use super::Backend;
use crate::domain::people::PersonId;
use crate::ssr::db::*;
use chrono::{DateTime, Utc};

#[async_trait::async_trait]
impl TeamSessionStore for Backend {
    async fn insert_team_session(&self, s: &NewTeamSession) -> DbResult<i64> {
        Ok(sqlx::query_scalar(
            "insert into team_sessions (municipality, title, place, starts_at, ends_at, capacity,
                therapist_id, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
        )
        .bind(&s.municipality)
        .bind(&s.title)
        .bind(&s.place)
        .bind(s.starts_at)
        .bind(s.ends_at)
        .bind(s.capacity)
        .bind(s.therapist_id)
        .bind(s.created_at)
        .fetch_one(&self.writer)
        .await?)
    }

    async fn create_series(
        &self,
        n: &NewSeries,
        sessions: &[(DateTime<Utc>, DateTime<Utc>)],
    ) -> DbResult<Option<i64>> {
        let mut tx = self.begin_write().await?;
        let id: Option<i64> = sqlx::query_scalar(
            "insert into team_series (municipality, title, place, weekday, local_start, duration_minutes,
                capacity, therapist_id, from_on, to_on, created_by, created_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
             on conflict do nothing returning id",
        )
        .bind(&n.municipality)
        .bind(&n.title)
        .bind(&n.place)
        .bind(n.weekday)
        .bind(&n.local_start)
        .bind(n.duration_minutes)
        .bind(n.capacity)
        .bind(n.therapist_id)
        .bind(n.from_on)
        .bind(n.to_on)
        .bind(n.created_by)
        .bind(n.created_at)
        .fetch_optional(&mut *tx)
        .await
        ?;
        let Some(id) = id else {
            return Ok(None);
        };
        name_created(id);
        for (starts_at, ends_at) in sessions {
            sqlx::query(
                "insert into team_sessions (municipality, series_id, title, place, starts_at, ends_at, capacity,
                    therapist_id, created_at)
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(&n.municipality)
            .bind(id)
            .bind(&n.title)
            .bind(&n.place)
            .bind(starts_at)
            .bind(ends_at)
            .bind(n.capacity)
            .bind(n.therapist_id)
            .bind(n.created_at)
            .execute(&mut *tx)
            .await
            ?;
        }
        commit(tx).await?;
        Ok(Some(id))
    }

    async fn team_session(&self, id: i64) -> DbResult<Option<TeamSession>> {
        Ok(sqlx::query_as(&format!("{SESSION_SELECT} where s.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn team_sessions_from(
        &self,
        municipality: &str,
        from: DateTime<Utc>,
        limit: i64,
    ) -> DbResult<Vec<TeamSession>> {
        Ok(sqlx::query_as(&format!(
            "{SESSION_SELECT} where s.municipality = $1 and s.status = 'scheduled' and s.starts_at >= $2
             order by s.starts_at, s.id limit $3"
        ))
        .bind(municipality)
        .bind(from)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn staff_sessions_from(
        &self,
        municipality: &str,
        from: DateTime<Utc>,
        limit: i64,
    ) -> DbResult<Vec<TeamSession>> {
        Ok(sqlx::query_as(&format!(
            "{SESSION_SELECT} where s.municipality = $1 and s.starts_at >= $2
             order by s.starts_at, s.id limit $3"
        ))
        .bind(municipality)
        .bind(from)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn cancel_team_session(
        &self,
        session: i64,
        by: PersonId,
        at: DateTime<Utc>,
        rule_id: &str,
        notices: &[NewEmail],
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "update team_sessions set status = 'cancelled', cancelled_at = $2, booked = 0, held = 0
             where id = $1 and status in ('scheduled', 'move_proposed')",
        )
        .bind(session)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        // cancelled_late stays null: the municipality's cancellation is not the citizen's.
        sqlx::query(
            "update bookings set status = 'cancelled', cancelled_at = $2, cancelled_by = $3,
                cancellation_rule = $4
             where session_id = $1 and status = 'booked'",
        )
        .bind(session)
        .bind(at)
        .bind(by)
        .bind(rule_id)
        .execute(&mut *tx)
        .await?;
        super::waiting_list::close_list_in_tx(&mut tx, session, at).await?;
        for n in notices {
            queue_email_in_tx(&mut tx, n).await?;
        }
        commit(tx).await?;
        Ok(true)
    }

    async fn propose_move(
        &self,
        session: i64,
        starts_at: DateTime<Utc>,
        notices: &[NewEmail],
        now: DateTime<Utc>,
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "update team_sessions set status = 'move_proposed', proposed_starts_at = $2, held = 0
             where id = $1 and status = 'scheduled' and starts_at > $3",
        )
        .bind(session)
        .bind(starts_at)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        // Nobody is offered a place at the old time; the queue waits for the new one
        // (`answer_move` carries it).
        super::waiting_list::keep_list_for_move_in_tx(&mut tx, session).await?;
        for n in notices {
            queue_email_in_tx(&mut tx, n).await?;
        }
        commit(tx).await?;
        Ok(true)
    }

    async fn change_capacity(
        &self,
        session: i64,
        capacity: u32,
        now: DateTime<Utc>,
        offer_until: Option<DateTime<Utc>>,
    ) -> DbResult<CapacityChange> {
        let mut tx = self.begin_write().await?;
        // The row locked first, as every change of its places does (`waiting_list::lock_session`).
        let Some((booked, held, _)) = super::waiting_list::lock_session(&mut tx, session).await?
        else {
            return Ok(CapacityChange::NotOpen);
        };
        let changed = sqlx::query(&format!(
            "update team_sessions set capacity = $2
             where id = $1 and status = 'scheduled' and starts_at > $3
               and booked + held + {KEPT} <= $2"
        ))
        .bind(session)
        .bind(i64::from(capacity))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() == 0 {
            let taken = booked + held;
            return Ok(if taken > i64::from(capacity) {
                CapacityChange::BelowTaken(u32::try_from(taken).unwrap_or(u32::MAX))
            } else {
                CapacityChange::NotOpen
            });
        }
        let offered =
            super::waiting_list::offer_free_places_in_tx(&mut tx, session, now, offer_until)
                .await?;
        commit(tx).await?;
        Ok(CapacityChange::Changed { offered })
    }

    async fn close_move_answers(&self, now: DateTime<Utc>) -> DbResult<u64> {
        let mut tx = self.begin_write().await?;
        let closed = sqlx::query(
            "update bookings set move_answer = 'unanswered'
             where status = 'booked' and move_answer is null
               and session_id in (select id from team_sessions
                                  where status = 'move_proposed' and starts_at <= $1)",
        )
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        commit(tx).await?;
        Ok(closed)
    }

    async fn unanswered_moves(&self, citizen: PersonId) -> DbResult<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "select s.id from team_sessions s join bookings b on b.session_id = s.id
             where b.citizen_id = $1 and b.status = 'booked' and b.move_answer is null
               and s.status = 'move_proposed'
             order by s.starts_at",
        )
        .bind(citizen)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn answer_move(
        &self,
        session: i64,
        course: &Course,
        accept: bool,
        now: DateTime<Utc>,
        offer_until: Option<DateTime<Utc>>,
    ) -> DbResult<Option<i64>> {
        let mut tx = self.begin_write().await?;
        // The old session's row first, as every change of a session's places locks it: a "no"
        // waits for a first "yes" at the same moment, and then sees the session it made.
        super::waiting_list::lock_session(&mut tx, session).await?;
        let old: Option<TeamSession> = sqlx::query_as(&format!(
            "{SESSION_SELECT} join bookings b on b.session_id = s.id
             where s.id = $1 and s.status = 'move_proposed' and b.citizen_id = $2
               and b.status = 'booked' and b.move_answer is null and s.starts_at > $3"
        ))
        .bind(session)
        .bind(course.citizen_id)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(old) = old else {
            return Ok(None);
        };
        let Some(starts_at) = old.proposed_starts_at.filter(|t| *t > now) else {
            return Ok(None);
        };
        // Guarded by the same conditions as the read, so a concurrent answer changes nothing.
        let answered = sqlx::query(
            "update bookings set move_answer = $3
             where session_id = $1 and citizen_id = $2 and status = 'booked' and move_answer is null",
        )
        .bind(session)
        .bind(course.citizen_id)
        .bind(if accept { "accepted" } else { "declined" })
        .execute(&mut *tx)
        .await
        ?;
        if answered.rows_affected() == 0 {
            return Ok(None);
        }
        if !accept {
            // A place kept at the new time for this answer is free now: the queue's first.
            let moved: Option<i64> =
                sqlx::query_scalar("select id from team_sessions where moved_from_session_id = $1")
                    .bind(session)
                    .fetch_optional(&mut *tx)
                    .await?;
            if let Some(new) = moved {
                super::waiting_list::lock_session(&mut tx, new).await?;
                super::waiting_list::offer_free_places_in_tx(&mut tx, new, now, offer_until)
                    .await?;
            }
            commit(tx).await?;
            return Ok(Some(session));
        }
        let ends_at = starts_at + (old.ends_at - old.starts_at);
        sqlx::query(
            "insert into team_sessions (municipality, series_id, title, place, starts_at, ends_at, capacity,
                therapist_id, moved_from_session_id, created_at)
             select municipality, series_id, title, place, $2, $3, capacity, therapist_id, id, $4
             from team_sessions where id = $1
             on conflict (moved_from_session_id) do nothing",
        )
        .bind(session)
        .bind(starts_at)
        .bind(ends_at)
        .bind(now)
        .execute(&mut *tx)
        .await
        ?;
        let new: i64 =
            sqlx::query_scalar("select id from team_sessions where moved_from_session_id = $1")
                .bind(session)
                .fetch_one(&mut *tx)
                .await?;
        name_created(new);
        sqlx::query(
            "update bookings set status = 'cancelled', cancelled_at = $3, cancelled_by = $2,
                cancellation_rule = 'moved'
             where session_id = $1 and citizen_id = $2 and status = 'booked'",
        )
        .bind(session)
        .bind(course.citizen_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query("update team_sessions set booked = booked - 1 where id = $1")
            .bind(session)
            .execute(&mut *tx)
            .await?;
        book_in_tx(&mut tx, new, course, course.citizen_id, now).await?;
        super::waiting_list::carry_list_in_tx(&mut tx, session, new, now, offer_until).await?;
        commit(tx).await?;
        Ok(Some(new))
    }

    async fn session_participants(&self, session: i64) -> DbResult<Vec<Participant>> {
        Ok(sqlx::query_as(
            "select b.citizen_id, p.name, b.course_id, a.status as attendance,
                    b.status = 'cancelled' as notice_after_start
             from bookings b
             join people p on p.id = b.citizen_id
             join team_sessions s on s.id = b.session_id
             left join attendance a on a.session_id = b.session_id and a.citizen_id = b.citizen_id
             where b.session_id = $1
               and (b.status = 'booked' or (b.status = 'cancelled' and b.cancelled_at >= s.starts_at))
             order by p.name, b.citizen_id",
        )
        .bind(session)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn mark_attendance(
        &self,
        session: i64,
        citizen: PersonId,
        outcome: &str,
        by: PersonId,
        at: DateTime<Utc>,
        flags: &[NewReviewFlag],
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "insert into attendance (session_id, citizen_id, status, marked_by, marked_at)
             select $1, $2, $3, $4, $5
             where exists (
                select 1 from bookings b join team_sessions s on s.id = b.session_id
                where b.session_id = $1 and b.citizen_id = $2
                  and (b.status = 'booked' or (b.status = 'cancelled' and b.cancelled_at >= s.starts_at)))
             on conflict (session_id, citizen_id) do update
                set status = excluded.status, marked_by = excluded.marked_by, marked_at = excluded.marked_at",
        )
        .bind(session)
        .bind(citizen)
        .bind(outcome)
        .bind(by)
        .bind(at)
        .execute(&mut *tx)
        .await
        ?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        raise_flags_in_tx(&mut tx, flags).await?;
        commit(tx).await?;
        Ok(true)
    }
}
