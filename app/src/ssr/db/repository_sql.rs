//! The SQL behind `Repository`, written once for both backends. Both SQLite and PostgreSQL
//! accept `$1`-style parameters, `returning`, and `on conflict`; what differs between them (how a
//! write transaction begins, where the migrations are) is supplied by each backend's module.

/// Implements `Repository` for a backend type that has a `pool` field and a `begin_write` method.
macro_rules! impl_repository {
    ($repo:ty, $migrations:literal) => {
        #[async_trait::async_trait]
        impl $crate::ssr::db::Repository for $repo {
            async fn migrate(&self) -> DbResult<()> {
                sqlx::migrate!($migrations).run(&self.pool).await?;
                Ok(())
            }

            async fn sync_municipality(&self, slug: &str, name: &str, now: DateTime<Utc>) -> DbResult<()> {
                sqlx::query(
                    "insert into municipalities (slug, name, updated_at) values ($1, $2, $3)
                     on conflict (slug) do update set name = excluded.name, updated_at = excluded.updated_at",
                )
                .bind(slug)
                .bind(name)
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                Ok(())
            }

            async fn municipality_slugs(&self) -> DbResult<Vec<String>> {
                sqlx::query_scalar("select slug from municipalities order by slug")
                    .fetch_all(&self.pool)
                    .await
                    .map_err(DbError::from_sqlx)
            }

            async fn insert_person(&self, p: &NewPerson, now: DateTime<Utc>) -> DbResult<PersonId> {
                sqlx::query_scalar(
                    "insert into people (subject, name, email, phone, birth_date, home_municipality, created_at)
                     values ($1, $2, $3, $4, $5, $6, $7) returning id",
                )
                .bind(&p.subject)
                .bind(&p.name)
                .bind(&p.email)
                .bind(&p.phone)
                .bind(p.birth_date)
                .bind(&p.home_municipality)
                .bind(now)
                .fetch_one(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn person(&self, id: PersonId) -> DbResult<Option<Person>> {
                sqlx::query_as(&format!("{PERSON_SELECT} where id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(DbError::from_sqlx)
            }

            async fn person_by_subject(&self, subject: &str) -> DbResult<Option<Person>> {
                sqlx::query_as(&format!("{PERSON_SELECT} where subject = $1"))
                    .bind(subject)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(DbError::from_sqlx)
            }

            async fn people_with_subject_prefix(&self, prefix: &str) -> DbResult<Vec<Person>> {
                sqlx::query_as(&format!("{PERSON_SELECT} where subject like $1 order by id"))
                    .bind(format!("{prefix}%"))
                    .fetch_all(&self.pool)
                    .await
                    .map_err(DbError::from_sqlx)
            }

            async fn add_staff_role(&self, person: PersonId, municipality: &str, role: StaffRole, now: DateTime<Utc>) -> DbResult<()> {
                sqlx::query(
                    "insert into staff_roles (person_id, municipality, role, created_at) values ($1, $2, $3, $4)
                     on conflict do nothing",
                )
                .bind(person)
                .bind(municipality)
                .bind(role.code())
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                Ok(())
            }

            async fn staff_memberships(&self, person: PersonId) -> DbResult<Vec<StaffMembership>> {
                let rows: Vec<(String, String)> = sqlx::query_as(
                    "select municipality, role from staff_roles where person_id = $1 order by municipality, role",
                )
                .bind(person)
                .fetch_all(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                Ok(rows
                    .into_iter()
                    .filter_map(|(municipality, role)| {
                        StaffRole::from_code(&role).map(|role| StaffMembership { municipality, role })
                    })
                    .collect())
            }

            async fn insert_power(&self, p: &NewPower) -> DbResult<i64> {
                sqlx::query_scalar(
                    "insert into powers_of_attorney (citizen_id, proxy_id, scope_view, scope_apply, scope_book,
                        scope_complain, scope_consents, expires_on, source, document_ref, created_by, created_at, accepted_at)
                     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) returning id",
                )
                .bind(p.citizen_id)
                .bind(p.proxy_id)
                .bind(p.scopes.view)
                .bind(p.scopes.apply)
                .bind(p.scopes.book)
                .bind(p.scopes.complain)
                .bind(p.scopes.consents)
                .bind(p.expires_on)
                .bind(p.source.code())
                .bind(&p.document_ref)
                .bind(p.created_by)
                .bind(p.created_at)
                .fetch_one(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn revoke_power(&self, id: i64, by: PersonId, at: DateTime<Utc>) -> DbResult<()> {
                let done = sqlx::query(
                    "update powers_of_attorney set revoked_at = $2, revoked_by = $3 where id = $1 and revoked_at is null",
                )
                .bind(id)
                .bind(at)
                .bind(by)
                .execute(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                if done.rows_affected() == 0 {
                    return Err(DbError::NotFound);
                }
                Ok(())
            }

            async fn valid_powers_held_by(&self, proxy: PersonId, today: NaiveDate) -> DbResult<Vec<HeldPower>> {
                let rows: Vec<HeldPowerRow> = sqlx::query_as(
                    "select p.id, p.citizen_id, c.name as citizen_name, p.scope_view, p.scope_apply, p.scope_book,
                            p.scope_complain, p.scope_consents, p.expires_on
                     from powers_of_attorney p join people c on c.id = p.citizen_id
                     where p.proxy_id = $1 and p.accepted_at is not null and p.revoked_at is null
                       and p.expires_on >= $2
                     order by c.name, p.id",
                )
                .bind(proxy)
                .bind(today)
                .fetch_all(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                Ok(rows.into_iter().map(HeldPowerRow::into_held).collect())
            }

            async fn insert_decision_with_course(&self, d: &NewDecision) -> DbResult<(i64, Option<i64>)> {
                let mut tx = self.begin_write().await?;
                let decision: i64 = sqlx::query_scalar(
                    "insert into decisions (citizen_id, municipality, kind, outcome, training_form, place,
                        sessions_per_week, weeks, start_on, reasons, legal_basis, decided_by, decided_at)
                     values ($1, $2, 'application', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id",
                )
                .bind(d.citizen_id)
                .bind(&d.municipality)
                .bind(&d.outcome)
                .bind(&d.training_form)
                .bind(&d.place)
                .bind(d.sessions_per_week)
                .bind(d.weeks)
                .bind(d.start_on)
                .bind(&d.reasons)
                .bind(&d.legal_basis)
                .bind(d.decided_by)
                .bind(d.decided_at)
                .fetch_one(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
                let course = if d.outcome == "granted" || d.outcome == "partly_granted" {
                    let ends_on = d.weeks.map(|w| d.start_on + chrono::Days::new((w * 7 - 1) as u64));
                    let id: i64 = sqlx::query_scalar(
                        "insert into courses (decision_id, citizen_id, municipality, training_form, place,
                            sessions_per_week, starts_on, ends_on, status, created_at)
                         values ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9) returning id",
                    )
                    .bind(decision)
                    .bind(d.citizen_id)
                    .bind(&d.municipality)
                    .bind(&d.training_form)
                    .bind(&d.place)
                    .bind(d.sessions_per_week)
                    .bind(d.start_on)
                    .bind(ends_on)
                    .bind(d.decided_at)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(DbError::from_sqlx)?;
                    Some(id)
                } else {
                    None
                };
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok((decision, course))
            }

            async fn current_course(&self, citizen: PersonId) -> DbResult<Option<Course>> {
                sqlx::query_as(
                    "select id, decision_id, citizen_id, municipality, training_form, place, sessions_per_week,
                            starts_on, ends_on, status
                     from courses where citizen_id = $1 and status <> 'ended'
                     order by starts_on desc, id desc limit 1",
                )
                .bind(citizen)
                .fetch_optional(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn insert_team_session(&self, s: &NewTeamSession) -> DbResult<i64> {
                sqlx::query_scalar(
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
                .fetch_one(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn team_sessions_from(&self, municipality: &str, from: DateTime<Utc>, limit: i64) -> DbResult<Vec<TeamSession>> {
                sqlx::query_as(&format!(
                    "{SESSION_SELECT} where s.municipality = $1 and s.status = 'scheduled' and s.starts_at >= $2
                     order by s.starts_at, s.id limit $3"
                ))
                .bind(municipality)
                .bind(from)
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn book(&self, session: i64, course: &Course, booked_by: PersonId, now: DateTime<Utc>) -> DbResult<i64> {
                let mut tx = self.begin_write().await?;
                let taken = sqlx::query(
                    "update team_sessions set booked = booked + 1
                     where id = $1 and municipality = $2 and status = 'scheduled' and booked < capacity",
                )
                .bind(session)
                .bind(&course.municipality)
                .execute(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
                if taken.rows_affected() == 0 {
                    return Err(DbError::Full);
                }
                let id: Option<i64> = sqlx::query_scalar(
                    "insert into bookings (session_id, citizen_id, course_id, status, booked_at, booked_by)
                     values ($1, $2, $3, 'booked', $4, $5)
                     on conflict (session_id, citizen_id) do update
                        set status = 'booked', course_id = excluded.course_id, booked_at = excluded.booked_at,
                            booked_by = excluded.booked_by, cancelled_at = null, cancelled_by = null,
                            cancelled_late = null, cancellation_rule = null
                        where bookings.status = 'cancelled'
                     returning id",
                )
                .bind(session)
                .bind(course.citizen_id)
                .bind(course.id)
                .bind(now)
                .bind(booked_by)
                .fetch_optional(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
                let Some(id) = id else {
                    return Err(DbError::Conflict);
                };
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(id)
            }

            async fn booked_sessions_from(&self, citizen: PersonId, from: DateTime<Utc>) -> DbResult<Vec<TeamSession>> {
                sqlx::query_as(&format!(
                    "{SESSION_SELECT} join bookings b on b.session_id = s.id
                     where b.citizen_id = $1 and b.status = 'booked' and s.starts_at >= $2
                     order by s.starts_at, s.id"
                ))
                .bind(citizen)
                .bind(from)
                .fetch_all(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn insert_web_session(&self, s: &NewWebSession) -> DbResult<()> {
                sqlx::query(
                    "insert into web_sessions (id_hash, person_id, acting_for, created_at, last_seen_at, expires_at)
                     values ($1, $2, $3, $4, $4, $5)",
                )
                .bind(&s.id_hash)
                .bind(s.person_id)
                .bind(s.acting_for)
                .bind(s.created_at)
                .bind(s.expires_at)
                .execute(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                Ok(())
            }

            async fn web_session(&self, id_hash: &str) -> DbResult<Option<WebSession>> {
                sqlx::query_as(
                    "select id_hash, person_id, acting_for, created_at, last_seen_at, expires_at
                     from web_sessions where id_hash = $1",
                )
                .bind(id_hash)
                .fetch_optional(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn touch_web_session(&self, id_hash: &str, now: DateTime<Utc>) -> DbResult<()> {
                sqlx::query("update web_sessions set last_seen_at = $2 where id_hash = $1")
                    .bind(id_hash)
                    .bind(now)
                    .execute(&self.pool)
                    .await
                    .map_err(DbError::from_sqlx)?;
                Ok(())
            }

            async fn delete_web_session(&self, id_hash: &str) -> DbResult<()> {
                sqlx::query("delete from web_sessions where id_hash = $1")
                    .bind(id_hash)
                    .execute(&self.pool)
                    .await
                    .map_err(DbError::from_sqlx)?;
                Ok(())
            }

            async fn delete_web_sessions_of(&self, person: PersonId) -> DbResult<u64> {
                let done = sqlx::query("delete from web_sessions where person_id = $1")
                    .bind(person)
                    .execute(&self.pool)
                    .await
                    .map_err(DbError::from_sqlx)?;
                Ok(done.rows_affected())
            }

            async fn audit(&self, e: &AuditEntry) -> DbResult<()> {
                sqlx::query(
                    "insert into audit_log (at, actor_id, on_behalf_of, action, detail) values ($1, $2, $3, $4, $5)",
                )
                .bind(e.at)
                .bind(e.actor_id)
                .bind(e.on_behalf_of)
                .bind(&e.action)
                .bind(&e.detail)
                .execute(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                Ok(())
            }

            async fn audit_log_for(&self, citizen: PersonId) -> DbResult<Vec<AuditEntry>> {
                sqlx::query_as(
                    "select at, actor_id, on_behalf_of, action, detail from audit_log
                     where on_behalf_of = $1 order by at, id",
                )
                .bind(citizen)
                .fetch_all(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }
        }
    };
}

pub(crate) use impl_repository;

use super::HeldPower;
use crate::domain::people::{PersonId, Scopes};
use chrono::NaiveDate;

pub(crate) const PERSON_SELECT: &str =
    "select id, subject, name, email, phone, birth_date, home_municipality, created_at from people";

pub(crate) const SESSION_SELECT: &str =
    "select s.id, s.municipality, s.title, s.place, s.starts_at, s.ends_at, s.capacity, s.booked, s.status
     from team_sessions s";

#[derive(sqlx::FromRow)]
pub(crate) struct HeldPowerRow {
    id: i64,
    citizen_id: PersonId,
    citizen_name: String,
    scope_view: bool,
    scope_apply: bool,
    scope_book: bool,
    scope_complain: bool,
    scope_consents: bool,
    expires_on: NaiveDate,
}

impl HeldPowerRow {
    pub(crate) fn into_held(self) -> HeldPower {
        HeldPower {
            id: self.id,
            citizen_id: self.citizen_id,
            citizen_name: self.citizen_name,
            scopes: Scopes {
                view: self.scope_view,
                apply: self.scope_apply,
                book: self.scope_book,
                complain: self.scope_complain,
                consents: self.scope_consents,
            },
            expires_on: self.expires_on,
        }
    }
}
