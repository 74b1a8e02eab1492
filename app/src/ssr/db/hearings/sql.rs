//! The SQL of [`HearingStore`](crate::ssr::db::HearingStore), for the backend that includes this
//! file (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
use super::audit::commit;
use super::decisions::insert_decision_in_tx;
use super::outbox::queue_email_in_tx;
use super::Backend;
use crate::domain::people::PersonId;
use crate::ssr::db::*;
use chrono::{DateTime, Utc};

#[async_trait::async_trait]
impl HearingStore for Backend {
    async fn start_hearing(&self, h: &NewHearing, notices: &[NewEmail]) -> DbResult<Option<i64>> {
        let mut tx = self.begin_write().await?;
        let id: i64 = match sqlx::query_scalar(
            "insert into hearings (course_id, citizen_id, municipality, flag_id, rule_id, facts,
                considered, answer_due_at, status, started_by, started_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, 'awaiting_answer', $9, $10) returning id",
        )
        .bind(h.course_id)
        .bind(h.citizen_id)
        .bind(&h.municipality)
        .bind(h.flag_id)
        .bind(&h.rule_id)
        .bind(&h.facts)
        .bind(&h.considered)
        .bind(h.answer_due_at)
        .bind(h.started_by)
        .bind(h.started_at)
        .fetch_one(&mut *tx)
        .await
        {
            Ok(id) => id,
            Err(e) => {
                return match DbError::from(e) {
                    DbError::Conflict => Ok(None),
                    other => Err(other),
                }
            }
        };
        name_created(id);
        if let Some(flag) = h.flag_id {
            sqlx::query(
                "update review_flags set resolved_at = $2, resolved_by = $3, resolution = 'hearing'
                 where id = $1 and resolved_at is null",
            )
            .bind(flag)
            .bind(h.started_at)
            .bind(h.started_by)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query("update courses set status = 'termination_review' where id = $1")
            .bind(h.course_id)
            .execute(&mut *tx)
            .await?;
        for n in notices {
            queue_email_in_tx(&mut tx, n).await?;
        }
        commit(tx).await?;
        Ok(Some(id))
    }

    async fn hearing(&self, id: i64) -> DbResult<Option<HearingRecord>> {
        Ok(sqlx::query_as(&format!(
            "select {HEARING_COLUMNS} from hearings h join people p on p.id = h.citizen_id
             where h.id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn hearing_of_decision(&self, decision: i64) -> DbResult<Option<HearingRecord>> {
        Ok(sqlx::query_as(&format!(
            "select {HEARING_COLUMNS} from hearings h join people p on p.id = h.citizen_id
             where h.decision_id = $1"
        ))
        .bind(decision)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn hearings_in(&self, municipality: &str) -> DbResult<Vec<HearingRecord>> {
        Ok(sqlx::query_as(&format!(
            "select {HEARING_COLUMNS} from hearings h join people p on p.id = h.citizen_id
             where h.municipality = $1
             order by case when h.status in ('awaiting_answer', 'answered') then 0 else 1 end,
                      h.answer_due_at, h.id desc"
        ))
        .bind(municipality)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn hearings_of(&self, citizen: PersonId) -> DbResult<Vec<HearingRecord>> {
        Ok(sqlx::query_as(&format!(
            "select {HEARING_COLUMNS} from hearings h join people p on p.id = h.citizen_id
             where h.citizen_id = $1 order by h.started_at desc, h.id desc"
        ))
        .bind(citizen)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn answer_hearing(&self, a: &HearingAnswer, notices: &[NewEmail]) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "update hearings set status = 'answered', answer = $2, answered_at = $3, answered_by = $4,
                answer_channel = $5, recorded_by = $6
             where id = $1 and status = 'awaiting_answer'",
        )
        .bind(a.hearing)
        .bind(&a.text)
        .bind(a.at)
        .bind(a.by)
        .bind(a.channel.code())
        .bind(a.recorded_by)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        for n in notices {
            queue_email_in_tx(&mut tx, n).await?;
        }
        commit(tx).await?;
        Ok(true)
    }

    async fn continue_course(
        &self,
        hearing: i64,
        by: PersonId,
        at: DateTime<Utc>,
        note: &str,
        seen: crate::domain::hearing::HearingStatus,
        notices: &[NewEmail],
    ) -> DbResult<bool> {
        let mut tx = self.begin_write().await?;
        let course: Option<i64> = sqlx::query_scalar(
            "update hearings set status = 'continued', decided_by = $2, decided_at = $3,
                decision_reasons = $4, draft = null
             where id = $1 and status = $5 returning course_id",
        )
        .bind(hearing)
        .bind(by)
        .bind(at)
        .bind(note)
        .bind(seen.code())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(course) = course else {
            return Ok(false);
        };
        sqlx::query(
            "update courses set status = 'active' where id = $1 and status = 'termination_review'",
        )
        .bind(course)
        .execute(&mut *tx)
        .await?;
        for n in notices {
            queue_email_in_tx(&mut tx, n).await?;
        }
        commit(tx).await?;
        Ok(true)
    }

    async fn terminate_course(
        &self,
        t: &Termination,
        notices: &[NewEmail],
    ) -> DbResult<Option<(i64, Vec<i64>)>> {
        let mut tx = self.begin_write().await?;
        let course: Option<i64> = sqlx::query_scalar(
            "update hearings set status = 'terminated', decided_by = $2, decided_at = $3,
                decision_reasons = $4, draft = null
             where id = $1 and status = $5 returning course_id",
        )
        .bind(t.hearing)
        .bind(t.decision.decided_by)
        .bind(t.decision.decided_at)
        .bind(&t.decision.reasons)
        .bind(t.seen.code())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(course) = course else {
            return Ok(None);
        };
        let (decision, _) = insert_decision_in_tx(&mut tx, &t.decision).await?;
        name_created(decision);
        sqlx::query("update hearings set decision_id = $2 where id = $1")
            .bind(t.hearing)
            .bind(decision)
            .execute(&mut *tx)
            .await?;
        // The course runs to its last day (the citizen may still train until then); nothing
        // can be booked after it.
        sqlx::query("update courses set status = 'active', last_day_on = $2 where id = $1")
            .bind(course)
            .bind(t.last_day)
            .execute(&mut *tx)
            .await?;
        // Sessions after the last day: cancelled by the municipality. `cancelled_late` stays
        // null, so no termination rule counts them (as a municipality cancellation).
        // Only the bookings this statement cancelled free a place, so a booking the citizen
        // cancels at the same moment is not freed twice.
        let mut sessions: Vec<i64> = sqlx::query_scalar(
            "update bookings set status = 'cancelled', cancelled_at = $3, cancelled_by = $4,
                cancel_kind = 'course_ended'
             where course_id = $1 and status = 'booked'
               and session_id in (select id from team_sessions where starts_at >= $2)
             returning session_id",
        )
        .bind(course)
        .bind(t.cancel_from)
        .bind(t.decision.decided_at)
        .bind(t.decision.decided_by)
        .fetch_all(&mut *tx)
        .await?;
        sessions.sort_unstable();
        // Every session this changes, booked or waited for, locked in id order first: two
        // courses ending at once cannot deadlock on PostgreSQL.
        let mut changed = sessions.clone();
        changed.extend(
            super::waiting_list::listed_sessions_from_in_tx(&mut tx, course, t.cancel_from).await?,
        );
        changed.sort_unstable();
        changed.dedup();
        for session in &changed {
            super::waiting_list::lock_session(&mut tx, *session).await?;
        }
        for session in &sessions {
            sqlx::query(
                "update team_sessions set booked = booked - 1 where id = $1 and booked > 0",
            )
            .bind(session)
            .execute(&mut *tx)
            .await?;
        }
        super::waiting_list::leave_lists_from_in_tx(
            &mut tx,
            course,
            t.cancel_from,
            t.decision.decided_at,
        )
        .await?;
        for n in notices {
            queue_email_in_tx(&mut tx, n).await?;
        }
        commit(tx).await?;
        Ok(Some((decision, sessions)))
    }

    async fn save_hearing_draft(&self, hearing: i64, fields: &str) -> DbResult<()> {
        sqlx::query("update hearings set draft = $2 where id = $1")
            .bind(hearing)
            .bind(fields)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    async fn courses_in(&self, municipality: &str) -> DbResult<Vec<CourseRow>> {
        Ok(sqlx::query_as(
            "select c.id, c.citizen_id, p.name as citizen_name, c.place, c.starts_on, c.last_day_on,
                    c.status
             from courses c join people p on p.id = c.citizen_id
             where c.municipality = $1 and c.status <> 'ended'
             order by c.starts_on, c.id",
        )
        .bind(municipality)
        .fetch_all(&self.pool)
        .await?)
    }
}
