//! The SQL of [`PeopleStore`](crate::ssr::db::PeopleStore), for the backend that includes this file
//! (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
use super::audit::commit;
use super::Backend;
use crate::domain::people::{PersonId, StaffRole};
use crate::ssr::db::*;
use chrono::{DateTime, NaiveDate, Utc};

#[async_trait::async_trait]
impl PeopleStore for Backend {
    async fn insert_person(&self, p: &NewPerson, now: DateTime<Utc>) -> DbResult<PersonId> {
        let mut tx = self.begin_write().await?;
        let id: PersonId = sqlx::query_scalar(
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
        .fetch_one(&mut *tx)
        .await?;
        commit(tx).await?;
        Ok(id)
    }

    async fn person(&self, id: PersonId) -> DbResult<Option<Person>> {
        Ok(sqlx::query_as(&format!("{PERSON_SELECT} where id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn person_by_subject(&self, subject: &str) -> DbResult<Option<Person>> {
        Ok(
            sqlx::query_as(&format!("{PERSON_SELECT} where subject = $1"))
                .bind(subject)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn people_with_subject_prefix(&self, prefix: &str) -> DbResult<Vec<Person>> {
        Ok(sqlx::query_as(&format!(
            "{PERSON_SELECT} where subject like $1 order by id"
        ))
        .bind(format!("{prefix}%"))
        .fetch_all(&self.pool)
        .await?)
    }

    async fn citizens_named(
        &self,
        municipality: &str,
        name: &str,
        birth_date: NaiveDate,
    ) -> DbResult<Vec<Person>> {
        // Names are compared in Rust: SQLite's lower() only folds ASCII (not Æ, Ø, Å).
        let born: Vec<Person> = sqlx::query_as(&format!(
            "{PERSON_SELECT} where home_municipality = $1 and birth_date = $2
               and id not in (select person_id from staff_roles)
             order by id"
        ))
        .bind(municipality)
        .bind(birth_date)
        .fetch_all(&self.pool)
        .await?;
        let wanted = crate::ssr::db::name_key(name);
        Ok(born
            .into_iter()
            .filter(|p| crate::ssr::db::name_key(&p.name) == wanted)
            .collect())
    }

    async fn set_contact(
        &self,
        person: PersonId,
        email: Option<&str>,
        phone: Option<&str>,
        notify_by: crate::domain::sms::NotifyBy,
    ) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("update people set email = $2, phone = $3, notify_by = $4 where id = $1")
            .bind(person)
            .bind(email)
            .bind(phone)
            .bind(notify_by.code())
            .execute(&mut *tx)
            .await?;
        commit(tx).await?;
        Ok(())
    }

    async fn set_home_municipality(&self, person: PersonId, municipality: &str) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("update people set home_municipality = $2 where id = $1")
            .bind(person)
            .bind(municipality)
            .execute(&mut *tx)
            .await?;
        commit(tx).await?;
        Ok(())
    }

    async fn update_person_identity(
        &self,
        id: PersonId,
        name: &str,
        birth_date: Option<NaiveDate>,
    ) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "update people set name = $2, birth_date = coalesce($3, birth_date) where id = $1",
        )
        .bind(id)
        .bind(name)
        .bind(birth_date)
        .execute(&mut *tx)
        .await?;
        commit(tx).await?;
        Ok(())
    }

    async fn add_staff_role(
        &self,
        person: PersonId,
        municipality: &str,
        role: StaffRole,
        now: DateTime<Utc>,
    ) -> DbResult<()> {
        sqlx::query(INSERT_STAFF_ROLE)
            .bind(person)
            .bind(municipality)
            .bind(role.code())
            .bind(now)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    async fn set_staff_roles(
        &self,
        person: PersonId,
        municipality: &str,
        roles: &[StaffRole],
        now: DateTime<Utc>,
    ) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("delete from staff_roles where person_id = $1")
            .bind(person)
            .execute(&mut *tx)
            .await?;
        for role in roles {
            sqlx::query(INSERT_STAFF_ROLE)
                .bind(person)
                .bind(municipality)
                .bind(role.code())
                .bind(now)
                .execute(&mut *tx)
                .await?;
        }
        commit(tx).await?;
        Ok(())
    }

    async fn staff_memberships(&self, person: PersonId) -> DbResult<Vec<StaffMembership>> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "select municipality, role from staff_roles where person_id = $1 order by municipality, role",
        )
        .bind(person)
        .fetch_all(&self.pool)
        .await
        ?;
        Ok(rows
            .into_iter()
            .filter_map(|(municipality, role)| {
                StaffRole::from_code(&role).map(|role| StaffMembership { municipality, role })
            })
            .collect())
    }

    async fn therapists_of(&self, municipality: &str) -> DbResult<Vec<Person>> {
        Ok(sqlx::query_as(&format!(
            "{PERSON_SELECT} where id in (select person_id from staff_roles
                                          where municipality = $1 and role = 'therapist')
             order by name, id"
        ))
        .bind(municipality)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn insert_pending_login(&self, l: &PendingLogin) -> DbResult<()> {
        sqlx::query(
            "insert into oidc_logins (state_hash, kind, nonce, pkce_verifier, return_to, created_at, expires_at)
             values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&l.state_hash)
        .bind(&l.kind)
        .bind(&l.nonce)
        .bind(&l.pkce_verifier)
        .bind(&l.return_to)
        .bind(l.created_at)
        .bind(l.expires_at)
        .execute(&self.writer)
        .await
        ?;
        Ok(())
    }

    async fn take_pending_login(
        &self,
        state_hash: &str,
        now: DateTime<Utc>,
    ) -> DbResult<Option<PendingLogin>> {
        let mut tx = self.begin_write().await?;
        let found: Option<PendingLogin> = sqlx::query_as(
            "delete from oidc_logins where state_hash = $1
             returning state_hash, kind, nonce, pkce_verifier, return_to, created_at, expires_at",
        )
        .bind(state_hash)
        .fetch_optional(&mut *tx)
        .await?;
        sqlx::query("delete from oidc_logins where expires_at < $1")
            .bind(now)
            .execute(&mut *tx)
            .await?;
        commit(tx).await?;
        Ok(found.filter(|l| now < l.expires_at))
    }

    async fn insert_web_session(&self, s: &NewWebSession) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "insert into web_sessions
                 (id_hash, person_id, acting_for, created_at, last_seen_at, expires_at, signed_in_with)
             values ($1, $2, $3, $4, $4, $5, $6)",
        )
        .bind(&s.id_hash)
        .bind(s.person_id)
        .bind(s.acting_for)
        .bind(s.created_at)
        .bind(s.expires_at)
        .bind(&s.signed_in_with)
        .execute(&mut *tx)
        .await
        ?;
        commit(tx).await?;
        Ok(())
    }

    async fn set_session_acting_for(
        &self,
        id_hash: &str,
        citizen: Option<PersonId>,
    ) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("update web_sessions set acting_for = $2 where id_hash = $1")
            .bind(id_hash)
            .bind(citizen)
            .execute(&mut *tx)
            .await?;
        commit(tx).await?;
        Ok(())
    }

    async fn count_sign_in_attempt(&self, client: &str, window_minute: i64) -> DbResult<i64> {
        let mut tx = self.begin_write().await?;
        sqlx::query("delete from sign_in_attempts where window_minute < $1")
            .bind(window_minute - 1)
            .execute(&mut *tx)
            .await?;
        let (attempts,): (i64,) = sqlx::query_as(
            "insert into sign_in_attempts (client, window_minute, attempts) values ($1, $2, 1)
             on conflict (client, window_minute) do update
                 set attempts = sign_in_attempts.attempts + 1
             returning attempts",
        )
        .bind(client)
        .bind(window_minute)
        .fetch_one(&mut *tx)
        .await?;
        commit(tx).await?;
        Ok(attempts)
    }

    async fn key_legacy_subjects(&self, kind: &str, issuer: &str) -> DbResult<u64> {
        let prefix = format!("{kind}:");
        let done = sqlx::query(
            "update people set subject = $1 || $2 || '|' || substr(subject, $3)
             where subject like $4 and subject not like '%|%'",
        )
        .bind(&prefix)
        .bind(issuer)
        .bind(i32::try_from(prefix.len() + 1).unwrap_or(i32::MAX))
        .bind(format!("{prefix}%"))
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected())
    }

    async fn keep_typed_back(
        &self,
        id: &str,
        session_hash: &str,
        sealed: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("delete from typed_back where expires_at < $1")
            .bind(now)
            .execute(&mut *tx)
            .await?;
        // A session keeps its last few failed forms (tabs side by side), never more.
        sqlx::query(
            "delete from typed_back where session_hash = $1 and id not in
                 (select id from typed_back where session_hash = $1
                  order by expires_at desc limit 4)",
        )
        .bind(session_hash)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "insert into typed_back (id, session_hash, sealed, expires_at) values ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(session_hash)
        .bind(sealed)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        commit(tx).await?;
        Ok(())
    }

    async fn typed_back(
        &self,
        id: &str,
        session_hash: &str,
        now: DateTime<Utc>,
    ) -> DbResult<Option<String>> {
        Ok(sqlx::query_scalar(
            "select sealed from typed_back
             where id = $1 and session_hash = $2 and expires_at >= $3",
        )
        .bind(id)
        .bind(session_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn web_session(&self, id_hash: &str) -> DbResult<Option<WebSession>> {
        Ok(sqlx::query_as(
            "select id_hash, person_id, acting_for, created_at, last_seen_at, expires_at,
                 signed_in_with
             from web_sessions where id_hash = $1",
        )
        .bind(id_hash)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn session_owner(&self, id_hash: &str) -> DbResult<Option<SessionOwner>> {
        use sqlx::Row;
        let rows = sqlx::query(
            // The person's columns under their own names (read as `Person`); the session's
            // `created_at` renamed.
            "select s.id_hash, s.person_id, s.acting_for, s.created_at as session_created_at,
                 s.last_seen_at, s.expires_at, s.signed_in_with, p.id, p.subject, p.name,
                 p.email, p.phone, p.birth_date, p.home_municipality, p.created_at, p.notify_by,
                 r.municipality as staff_municipality, r.role as staff_role
             from web_sessions s
             join people p on p.id = s.person_id
             left join staff_roles r on r.person_id = s.person_id
             where s.id_hash = $1
             order by r.municipality, r.role",
        )
        .bind(id_hash)
        .fetch_all(&self.pool)
        .await?;
        let Some(row) = rows.first() else {
            return Ok(None);
        };
        let session = WebSession {
            id_hash: row.try_get("id_hash")?,
            person_id: row.try_get("person_id")?,
            acting_for: row.try_get("acting_for")?,
            created_at: row.try_get("session_created_at")?,
            last_seen_at: row.try_get("last_seen_at")?,
            expires_at: row.try_get("expires_at")?,
            signed_in_with: row.try_get("signed_in_with")?,
        };
        let person = <Person as sqlx::FromRow<_>>::from_row(row)?;
        let mut staff = Vec::new();
        for row in &rows {
            let municipality: Option<String> = row.try_get("staff_municipality")?;
            let role: Option<String> = row.try_get("staff_role")?;
            if let (Some(municipality), Some(role)) =
                (municipality, role.as_deref().and_then(StaffRole::from_code))
            {
                staff.push(StaffMembership { municipality, role });
            }
        }
        Ok(Some(SessionOwner {
            session,
            person,
            staff,
        }))
    }

    async fn touch_web_session(&self, id_hash: &str, now: DateTime<Utc>) -> DbResult<()> {
        sqlx::query("update web_sessions set last_seen_at = $2 where id_hash = $1")
            .bind(id_hash)
            .bind(now)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    async fn delete_web_session(&self, id_hash: &str) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("delete from web_sessions where id_hash = $1")
            .bind(id_hash)
            .execute(&mut *tx)
            .await?;
        commit(tx).await?;
        Ok(())
    }

    async fn delete_web_sessions_of(&self, person: PersonId) -> DbResult<u64> {
        let mut tx = self.begin_write().await?;
        let ended = sqlx::query("delete from web_sessions where person_id = $1")
            .bind(person)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        // Named even when none ended: the caller's record ("0 sessions ended") is then written
        // on its own.
        name_created(ended);
        if ended > 0 {
            commit(tx).await?;
        }
        Ok(ended)
    }
}
