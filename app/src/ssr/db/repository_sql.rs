//! The SQL behind `Repository`, written once for both backends. Both SQLite and PostgreSQL
//! accept `$1`-style parameters, `returning`, and `on conflict`; what differs between them (how a
//! write transaction begins, where the migrations are) is supplied by each backend's module.

pub(crate) const INSERT_STAFF_ROLE: &str =
    "insert into staff_roles (person_id, municipality, role, created_at) values ($1, $2, $3, $4)
     on conflict do nothing";

/// Queues an email inside the caller's write transaction (the transactional outbox).
macro_rules! queue_email {
    ($tx:ident, $e:expr) => {
        sqlx::query(
            "insert into email_outbox (recipient_person_id, to_address, subject, body_text, created_at, next_attempt_at)
             values ($1, $2, $3, $4, $5, $5)",
        )
        .bind($e.recipient_person_id)
        .bind(&$e.to_address)
        .bind(&$e.subject)
        .bind(&$e.body_text)
        .bind($e.created_at)
        .execute(&mut *$tx)
        .await
        .map_err(DbError::from_sqlx)
    };
}

/// Takes a place on a session for the course's citizen inside the caller's write transaction:
/// `Full` when no place is free, `Conflict` when the citizen already holds a booking for it.
macro_rules! book_in_tx {
    ($tx:ident, $session:expr, $course:expr, $booked_by:expr, $now:expr) => {
        async {
            let (session, course) = ($session, $course);
            let taken = sqlx::query(
                "update team_sessions set booked = booked + 1
                 where id = $1 and municipality = $2 and status = 'scheduled' and booked < capacity",
            )
            .bind(session)
            .bind(&course.municipality)
            .execute(&mut *$tx)
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
                        cancelled_late = null, cancellation_rule = null, cancel_kind = null,
                        late_reason = null, absence_id = null
                    where bookings.status = 'cancelled'
                 returning id",
            )
            .bind(session)
            .bind(course.citizen_id)
            .bind(course.id)
            .bind($now)
            .bind($booked_by)
            .fetch_optional(&mut *$tx)
            .await
            .map_err(DbError::from_sqlx)?;
            id.ok_or(DbError::Conflict)
        }
    };
}

/// Cancels a booking inside the caller's write transaction: the place freed, the cancellation
/// recorded as on time or late, the review flags raised; false when there was nothing to cancel
/// (or the session has begun: then it is for the therapist's mark).
macro_rules! cancel_in_tx {
    ($tx:ident, $c:expr, $absence:expr) => {
        async {
            let c = $c;
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
            .bind($absence)
            .execute(&mut *$tx)
            .await
            .map_err(DbError::from_sqlx)?;
            if done.rows_affected() == 0 {
                return Ok::<bool, DbError>(false);
            }
            sqlx::query("update team_sessions set booked = booked - 1 where id = $1")
                .bind(c.session_id)
                .execute(&mut *$tx)
                .await
                .map_err(DbError::from_sqlx)?;
            raise_flags!($tx, &c.review_flags).await?;
            Ok(true)
        }
    };
}

/// Raises review flags inside the caller's write transaction; a rule already flagged and not yet
/// resolved for the course is not flagged twice (a partial unique index, so also not when two
/// transactions raise it at once).
macro_rules! raise_flags {
    ($tx:ident, $flags:expr) => {
        async {
            for f in $flags {
                sqlx::query(
                    "insert into review_flags (course_id, rule_id, facts, created_at)
                     values ($1, $2, $3, $4)
                     on conflict do nothing",
                )
                .bind(f.course_id)
                .bind(&f.rule_id)
                .bind(&f.facts)
                .bind(f.created_at)
                .execute(&mut *$tx)
                .await
                .map_err(DbError::from_sqlx)?;
            }
            Ok::<(), DbError>(())
        }
    };
}

/// Records a consent inside the caller's write transaction; `NotFound` without its text.
macro_rules! insert_consent {
    ($tx:ident, $c:expr) => {
        sqlx::query_scalar::<_, i64>(
            "insert into consents (citizen_id, consent_text_id, relative_name, given_by, method, given_at)
             select $1, id, $2, $3, 'mitid', $4 from consent_texts
             where municipality = $5 and purpose = $6 and version = $7
             returning id",
        )
        .bind($c.citizen_id)
        .bind(&$c.relative_name)
        .bind($c.given_by)
        .bind($c.given_at)
        .bind(&$c.municipality)
        .bind(&$c.purpose)
        .bind($c.version)
        .fetch_one(&mut *$tx)
        .await
        .map_err(DbError::from_sqlx)
    };
}

/// Inserts a decision, and the course it grants, inside the caller's write transaction.
macro_rules! insert_decision {
    ($tx:ident, $d:expr) => {
        async {
            let d = $d;
            let decision: i64 = sqlx::query_scalar(
                "insert into decisions (application_id, citizen_id, municipality, kind, outcome, training_form, place,
                    sessions_per_week, weeks, start_on, reasons, legal_basis, complaint_guidance, decided_by, decided_at,
                    replaces_decision_id, delivery, available_at, delivered_on, transport_outcome, transport_guidance)
                 values ($1, $2, $3, case when $15 is null then 'application' else 'complaint_reassessment' end,
                    $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) returning id",
            )
            .bind(d.application_id)
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
            .bind(&d.complaint_guidance)
            .bind(d.decided_by)
            .bind(d.decided_at)
            .bind(d.replaces_decision_id)
            .bind(d.delivery.code())
            .bind(d.delivery.available_at())
            .bind(d.delivery.delivered_on())
            .bind(&d.transport_outcome)
            .bind(&d.transport_guidance)
            .fetch_one(&mut *$tx)
            .await
            .map_err(DbError::from_sqlx)?;
            let granted = d.outcome == "granted" || d.outcome == "partly_granted";
            let ends_on = $crate::domain::decision::course_last_day(d.start_on, d.weeks);
            // A new decision after a complaint carries the replaced decision's course on, with
            // its bookings; otherwise a grant starts a course.
            let carried: Option<i64> = match d.replaces_decision_id {
                Some(old) if granted => sqlx::query_scalar(
                    "update courses set decision_id = $2, training_form = $3, place = $4, sessions_per_week = $5,
                         starts_on = $6, ends_on = $7
                     where decision_id = $1 and status <> 'ended' returning id",
                )
                .bind(old)
                .bind(decision)
                .bind(&d.training_form)
                .bind(&d.place)
                .bind(d.sessions_per_week)
                .bind(d.start_on)
                .bind(ends_on)
                .fetch_optional(&mut *$tx)
                .await
                .map_err(DbError::from_sqlx)?,
                _ => None,
            };
            let course = if carried.is_some() {
                carried
            } else if granted {
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
                .fetch_one(&mut *$tx)
                .await
                .map_err(DbError::from_sqlx)?;
                Some(id)
            } else {
                None
            };
            Ok::<(i64, Option<i64>), DbError>((decision, course))
        }
        .await
    };
}

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

            async fn sync_consent_texts(
                &self,
                municipality: &str,
                texts: &[crate::domain::consent::ConsentText],
                now: DateTime<Utc>,
            ) -> DbResult<Vec<(String, i64)>> {
                let mut changed = Vec::new();
                for t in texts {
                    let stored: Option<(String, String)> = sqlx::query_as(
                        "select text_da, text_en from consent_texts
                         where municipality = $1 and purpose = $2 and version = $3",
                    )
                    .bind(municipality)
                    .bind(t.purpose.code())
                    .bind(t.version as i64)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(DbError::from_sqlx)?;
                    match stored {
                        Some((da, en)) if da != t.text_da || en != t.text_en => {
                            changed.push((t.purpose.code().to_string(), t.version as i64));
                        }
                        Some(_) => {}
                        None => {
                            sqlx::query(
                                "insert into consent_texts (municipality, purpose, version, text_da, text_en, created_at)
                                 values ($1, $2, $3, $4, $5, $6) on conflict do nothing",
                            )
                            .bind(municipality)
                            .bind(t.purpose.code())
                            .bind(t.version as i64)
                            .bind(&t.text_da)
                            .bind(&t.text_en)
                            .bind(now)
                            .execute(&self.pool)
                            .await
                            .map_err(DbError::from_sqlx)?;
                        }
                    }
                }
                Ok(changed)
            }

            async fn give_consent(&self, c: &NewConsent) -> DbResult<i64> {
                let mut tx = self.begin_write().await?;
                let id = insert_consent!(tx, c)?;
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(id)
            }

            async fn consents_of(&self, citizen: PersonId) -> DbResult<Vec<ConsentRecord>> {
                sqlx::query_as(
                    "select c.id, c.citizen_id, t.municipality, t.purpose, t.version, t.text_da, t.text_en,
                            c.relative_name, c.given_by, g.name as given_by_name, c.given_at, c.withdrawn_at,
                            w.name as withdrawn_by_name
                     from consents c
                     join consent_texts t on t.id = c.consent_text_id
                     join people g on g.id = c.given_by
                     left join people w on w.id = c.withdrawn_by
                     where c.citizen_id = $1
                     order by c.given_at desc, c.id desc",
                )
                .bind(citizen)
                .fetch_all(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn withdraw_consent(&self, id: i64, citizen: PersonId, by: PersonId, now: DateTime<Utc>) -> DbResult<bool> {
                let done = sqlx::query(
                    "update consents set withdrawn_at = $4, withdrawn_by = $3
                     where id = $1 and citizen_id = $2 and withdrawn_at is null",
                )
                .bind(id)
                .bind(citizen)
                .bind(by)
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                Ok(done.rows_affected() == 1)
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
                sqlx::query(INSERT_STAFF_ROLE)
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

            async fn revoke_power(&self, id: i64, by: PersonId, at: DateTime<Utc>, notices: &[NewEmail]) -> DbResult<()> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "update powers_of_attorney set revoked_at = $2, revoked_by = $3, invite_token_hash = null
                     where id = $1 and revoked_at is null",
                )
                .bind(id)
                .bind(at)
                .bind(by)
                .execute(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
                if done.rows_affected() == 0 {
                    return Err(DbError::NotFound);
                }
                for n in notices {
                    queue_email!(tx, n)?;
                }
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(())
            }

            async fn insert_invitation(&self, i: &NewInvitation, email: &NewEmail) -> DbResult<i64> {
                let mut tx = self.begin_write().await?;
                let id: i64 = sqlx::query_scalar(
                    "insert into powers_of_attorney (citizen_id, invite_token_hash, invite_email, invite_name,
                        scope_view, scope_apply, scope_book, scope_complain, scope_consents, expires_on, source,
                        document_ref, created_by, created_at, invite_expires_at)
                     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning id",
                )
                .bind(i.citizen_id)
                .bind(&i.token_hash)
                .bind(&i.invite_email)
                .bind(&i.invite_name)
                .bind(i.scopes.view)
                .bind(i.scopes.apply)
                .bind(i.scopes.book)
                .bind(i.scopes.complain)
                .bind(i.scopes.consents)
                .bind(i.expires_on)
                .bind(i.source.code())
                .bind(&i.document_ref)
                .bind(i.created_by)
                .bind(i.created_at)
                .bind(i.invitation_expires_at)
                .fetch_one(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
                queue_email!(tx, email)?;
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(id)
            }

            async fn power(&self, id: i64) -> DbResult<Option<PowerRecord>> {
                let row: Option<PowerRow> = sqlx::query_as(&format!("{POWER_SELECT} where p.id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(DbError::from_sqlx)?;
                Ok(row.map(PowerRow::into_record))
            }

            async fn power_by_invitation(&self, token_hash: &str) -> DbResult<Option<PowerRecord>> {
                let row: Option<PowerRow> = sqlx::query_as(&format!("{POWER_SELECT} where p.invite_token_hash = $1"))
                    .bind(token_hash)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(DbError::from_sqlx)?;
                Ok(row.map(PowerRow::into_record))
            }

            async fn accept_invitation(&self, token_hash: &str, proxy: PersonId, now: DateTime<Utc>) -> DbResult<i64> {
                sqlx::query_scalar(
                    "update powers_of_attorney set proxy_id = $2, accepted_at = $3, invite_token_hash = null
                     where invite_token_hash = $1 and accepted_at is null and revoked_at is null
                       and invite_expires_at > $3 and citizen_id <> $2
                     returning id",
                )
                .bind(token_hash)
                .bind(proxy)
                .bind(now)
                .fetch_optional(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?
                .ok_or(DbError::NotFound)
            }

            async fn powers_given_by(&self, citizen: PersonId) -> DbResult<Vec<PowerRecord>> {
                let rows: Vec<PowerRow> = sqlx::query_as(&format!(
                    "{POWER_SELECT} where p.citizen_id = $1 order by p.created_at desc, p.id desc"
                ))
                .bind(citizen)
                .fetch_all(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                Ok(rows.into_iter().map(PowerRow::into_record).collect())
            }

            async fn powers_held_by(&self, proxy: PersonId) -> DbResult<Vec<PowerRecord>> {
                let rows: Vec<PowerRow> = sqlx::query_as(&format!(
                    "{POWER_SELECT} where p.proxy_id = $1 order by p.created_at desc, p.id desc"
                ))
                .bind(proxy)
                .fetch_all(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                Ok(rows.into_iter().map(PowerRow::into_record).collect())
            }

            async fn citizens_named(&self, municipality: &str, name: &str, birth_date: NaiveDate) -> DbResult<Vec<Person>> {
                // Names are compared in Rust: SQLite's lower() only folds ASCII (not Æ, Ø, Å).
                let born: Vec<Person> = sqlx::query_as(&format!(
                    "{PERSON_SELECT} where home_municipality = $1 and birth_date = $2
                       and id not in (select person_id from staff_roles)
                     order by id"
                ))
                .bind(municipality)
                .bind(birth_date)
                .fetch_all(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                let wanted = $crate::ssr::db::name_key(name);
                Ok(born.into_iter().filter(|p| $crate::ssr::db::name_key(&p.name) == wanted).collect())
            }

            async fn save_draft(&self, d: &DraftSave) -> DbResult<ApplicationRecord> {
                let mut tx = self.begin_write().await?;
                let updated: Option<ApplicationRecord> = sqlx::query_as(&format!(
                    "update applications set municipality = $2, answers = $3, preferred_form = $4,
                        preferred_place = $5, transport_need = $6, updated_at = $7
                     where citizen_id = $1 and status = 'draft' returning {APPLICATION_COLUMNS}"
                ))
                .bind(d.citizen_id)
                .bind(&d.municipality)
                .bind(&d.answers)
                .bind(&d.preferred_form)
                .bind(&d.preferred_place)
                .bind(&d.transport_need)
                .bind(d.now)
                .fetch_optional(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
                let record = match updated {
                    Some(r) => r,
                    None => sqlx::query_as(&format!(
                        "insert into applications (reference, citizen_id, municipality, created_by, status, answers,
                            preferred_form, preferred_place, transport_need, created_at, updated_at)
                         values ($1, $2, $3, $4, 'draft', $5, $6, $7, $8, $9, $9) returning {APPLICATION_COLUMNS}"
                    ))
                    .bind(&d.new_reference)
                    .bind(d.citizen_id)
                    .bind(&d.municipality)
                    .bind(d.created_by)
                    .bind(&d.answers)
                    .bind(&d.preferred_form)
                    .bind(&d.preferred_place)
                    .bind(&d.transport_need)
                    .bind(d.now)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(DbError::from_sqlx)?,
                };
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(record)
            }

            async fn draft_of(&self, citizen: PersonId) -> DbResult<Option<ApplicationRecord>> {
                sqlx::query_as(&format!(
                    "select {APPLICATION_SELECT} from applications where citizen_id = $1 and status = 'draft'"
                ))
                .bind(citizen)
                .fetch_optional(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn application_by_reference(&self, reference: &str) -> DbResult<Option<ApplicationRecord>> {
                sqlx::query_as(&format!(
                    "select {APPLICATION_SELECT} from applications where reference = $1"
                ))
                .bind(reference)
                .fetch_optional(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn submit_draft(
                &self,
                id: i64,
                status: &str,
                now: DateTime<Utc>,
                consents: &[NewConsent],
                receipt: Option<&NewEmail>,
            ) -> DbResult<bool> {
                let mut tx = self.begin_write().await?;
                let submitted_at = (status == "submitted").then_some(now);
                let done = sqlx::query(
                    "update applications set status = $2, submitted_at = $3, updated_at = $4
                     where id = $1 and status = 'draft'",
                )
                .bind(id)
                .bind(status)
                .bind(submitted_at)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
                if done.rows_affected() == 0 {
                    return Ok(false);
                }
                for c in consents {
                    insert_consent!(tx, c)?;
                }
                if let Some(email) = receipt {
                    queue_email!(tx, email)?;
                }
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(true)
            }

            async fn consent_to_application(&self, id: i64, consent: &NewConsent) -> DbResult<bool> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "update applications set status = 'submitted', submitted_at = $2, updated_at = $2
                     where id = $1 and status = 'awaiting_consent'",
                )
                .bind(id)
                .bind(consent.given_at)
                .execute(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
                if done.rows_affected() == 0 {
                    return Ok(false);
                }
                insert_consent!(tx, consent)?;
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(true)
            }

            async fn applications_of(&self, citizen: PersonId) -> DbResult<Vec<ApplicationRecord>> {
                sqlx::query_as(&format!(
                    "select {APPLICATION_SELECT} from applications where citizen_id = $1
                     order by created_at desc, id desc"
                ))
                .bind(citizen)
                .fetch_all(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn open_applications(&self, municipality: &str) -> DbResult<Vec<(ApplicationRecord, String, Option<NaiveDate>)>> {
                let rows: Vec<ApplicationRecord> = sqlx::query_as(&format!(
                    "select {APPLICATION_SELECT} from applications
                     where municipality = $1 and status in ('submitted', 'in_progress')
                     order by submitted_at, id"
                ))
                .bind(municipality)
                .fetch_all(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    let (name, birth): (String, Option<NaiveDate>) =
                        sqlx::query_as("select name, birth_date from people where id = $1")
                            .bind(r.citizen_id)
                            .fetch_one(&self.pool)
                            .await
                            .map_err(DbError::from_sqlx)?;
                    out.push((r, name, birth));
                }
                Ok(out)
            }

            async fn record_case_event(&self, id: i64, event: crate::domain::case_clocks::CaseEvent, at: DateTime<Utc>) -> DbResult<bool> {
                let Some(column) = event_column(event) else {
                    return Ok(false);
                };
                // Telling the waiting time (VEJ-06) usually comes after the grant: a decided case
                // records it and stays decided.
                let decided_too = if event == crate::domain::case_clocks::CaseEvent::WaitingTimeTold {
                    ", 'decided'"
                } else {
                    ""
                };
                let done = sqlx::query(&format!(
                    "update applications set {column} = $2, updated_at = $2,
                        status = case when status = 'decided' then status else 'in_progress' end
                     where id = $1 and {column} is null and status in ('submitted', 'in_progress'{decided_too})"
                ))
                .bind(id)
                .bind(at)
                .execute(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                Ok(done.rows_affected() == 1)
            }

            async fn set_home_municipality(&self, person: PersonId, municipality: &str) -> DbResult<()> {
                sqlx::query("update people set home_municipality = $2 where id = $1")
                    .bind(person)
                    .bind(municipality)
                    .execute(&self.pool)
                    .await
                    .map_err(DbError::from_sqlx)?;
                Ok(())
            }

            async fn queue_email(&self, e: &NewEmail) -> DbResult<i64> {
                sqlx::query_scalar(
                    "insert into email_outbox (recipient_person_id, to_address, subject, body_text, created_at, next_attempt_at)
                     values ($1, $2, $3, $4, $5, $5) returning id",
                )
                .bind(e.recipient_person_id)
                .bind(&e.to_address)
                .bind(&e.subject)
                .bind(&e.body_text)
                .bind(e.created_at)
                .fetch_one(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn claim_outbox(
                &self,
                now: DateTime<Utc>,
                lease_until: DateTime<Utc>,
                limit: i64,
            ) -> DbResult<Vec<ClaimedEmail>> {
                // The outer condition is checked again on each row as it is updated, so two
                // workers picking the same rows at once leave each row to the first.
                let mut tx = self.begin_write().await?;
                let claimed = sqlx::query_as(
                    "update email_outbox set locked_until = $2, attempts = attempts + 1
                     where id in (
                         select id from email_outbox
                         where sent_at is null and next_attempt_at <= $1
                           and (locked_until is null or locked_until < $1)
                         order by id limit $3)
                       and sent_at is null and (locked_until is null or locked_until < $1)
                     returning id, to_address, subject, body_text, attempts",
                )
                .bind(now)
                .bind(lease_until)
                .bind(limit)
                .fetch_all(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(claimed)
            }

            async fn due_reminders(&self, from: DateTime<Utc>, until: DateTime<Utc>) -> DbResult<Vec<DueReminder>> {
                sqlx::query_as(
                    "select b.id as booking_id, b.citizen_id, p.name, p.email, s.municipality, s.place, s.starts_at
                     from bookings b
                     join team_sessions s on s.id = b.session_id
                     join people p on p.id = b.citizen_id
                     where b.status = 'booked' and b.reminded_at is null and s.status = 'scheduled'
                       and p.email is not null and s.starts_at >= $1 and s.starts_at < $2
                     order by s.starts_at, b.id",
                )
                .bind(from)
                .bind(until)
                .fetch_all(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn queue_reminder(&self, booking: i64, email: &NewEmail) -> DbResult<bool> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "update bookings set reminded_at = $2 where id = $1 and reminded_at is null and status = 'booked'",
                )
                .bind(booking)
                .bind(email.created_at)
                .execute(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
                if done.rows_affected() == 0 {
                    return Ok(false);
                }
                queue_email!(tx, email)?;
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(true)
            }

            async fn mark_email_sent(&self, id: i64, now: DateTime<Utc>) -> DbResult<()> {
                sqlx::query(
                    "update email_outbox set sent_at = $2, locked_until = null, last_error = null where id = $1",
                )
                .bind(id)
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                Ok(())
            }

            async fn mark_email_failed(&self, id: i64, error: &str, next_attempt_at: DateTime<Utc>) -> DbResult<()> {
                sqlx::query(
                    "update email_outbox set locked_until = null, last_error = $2, next_attempt_at = $3 where id = $1",
                )
                .bind(id)
                .bind(error)
                .bind(next_attempt_at)
                .execute(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                Ok(())
            }

            async fn outbox_messages(&self, limit: i64) -> DbResult<Vec<OutboxMessage>> {
                sqlx::query_as(
                    "select id, to_address, subject, body_text, created_at, sent_at from email_outbox
                     order by id desc limit $1",
                )
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
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
                let ids = insert_decision!(tx, d)?;
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(ids)
            }

            async fn decide_application(&self, application: i64, d: &NewDecision, notices: &[NewEmail]) -> DbResult<Option<i64>> {
                let mut tx = self.begin_write().await?;
                let open = sqlx::query(
                    "update applications set status = 'decided', updated_at = $2
                     where id = $1 and status in ('submitted', 'in_progress')",
                )
                .bind(application)
                .bind(d.decided_at)
                .execute(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
                if open.rows_affected() == 0 {
                    return Ok(None);
                }
                let (decision, _) = insert_decision!(tx, d)?;
                sqlx::query("delete from decision_drafts where application_id = $1")
                    .bind(application)
                    .execute(&mut *tx)
                    .await
                    .map_err(DbError::from_sqlx)?;
                for email in notices {
                    queue_email!(tx, email)?;
                }
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(Some(decision))
            }

            async fn save_decision_draft(
                &self,
                application: i64,
                staff: PersonId,
                fields: &str,
                now: DateTime<Utc>,
            ) -> DbResult<()> {
                sqlx::query(
                    "insert into decision_drafts (application_id, staff_id, fields, updated_at) values ($1, $2, $3, $4)
                     on conflict (application_id, staff_id) do update set fields = excluded.fields, updated_at = excluded.updated_at",
                )
                .bind(application)
                .bind(staff)
                .bind(fields)
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                Ok(())
            }

            async fn decision_draft(&self, application: i64, staff: PersonId) -> DbResult<Option<String>> {
                sqlx::query_scalar(
                    "select fields from decision_drafts where application_id = $1 and staff_id = $2",
                )
                .bind(application)
                .bind(staff)
                .fetch_optional(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn decision(&self, id: i64) -> DbResult<Option<DecisionRecord>> {
                sqlx::query_as(&format!("select {DECISION_COLUMNS} from decisions where id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(DbError::from_sqlx)
            }

            async fn decisions_of(&self, citizen: PersonId) -> DbResult<Vec<DecisionRecord>> {
                sqlx::query_as(&format!(
                    "select {DECISION_COLUMNS} from decisions where citizen_id = $1
                     order by decided_at desc, id desc"
                ))
                .bind(citizen)
                .fetch_all(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn record_first_opening(&self, id: i64, by: PersonId, at: DateTime<Utc>) -> DbResult<bool> {
                let done = sqlx::query(
                    "update decisions set first_opened_at = $2, first_opened_by = $3
                     where id = $1 and first_opened_at is null",
                )
                .bind(id)
                .bind(at)
                .bind(by)
                .execute(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                Ok(done.rows_affected() == 1)
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

            async fn first_session_of(&self, course: i64) -> DbResult<Option<DateTime<Utc>>> {
                sqlx::query_scalar(
                    "select s.starts_at from bookings b join team_sessions s on s.id = b.session_id
                     where b.course_id = $1 and b.status = 'booked'
                     order by s.starts_at limit 1",
                )
                .bind(course)
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

            async fn book(
                &self,
                session: i64,
                course: &Course,
                booked_by: PersonId,
                now: DateTime<Utc>,
                confirmation: Option<&NewEmail>,
            ) -> DbResult<i64> {
                let mut tx = self.begin_write().await?;
                let id = book_in_tx!(tx, session, course, booked_by, now).await?;
                if let Some(email) = confirmation {
                    queue_email!(tx, email)?;
                }
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(id)
            }

            async fn cancel_booking(&self, c: &CancelBooking, receipt: Option<&NewEmail>) -> DbResult<bool> {
                let mut tx = self.begin_write().await?;
                if !cancel_in_tx!(tx, c, None::<i64>).await? {
                    return Ok(false);
                }
                if let Some(email) = receipt {
                    queue_email!(tx, email)?;
                }
                tx.commit().await.map_err(DbError::from_sqlx)?;
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
                if !cancel_in_tx!(tx, cancel, None::<i64>).await? {
                    return Ok(false);
                }
                book_in_tx!(tx, to_session, course, cancel.cancelled_by, cancel.at).await?;
                if let Some(email) = email {
                    queue_email!(tx, email)?;
                }
                tx.commit().await.map_err(DbError::from_sqlx)?;
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
                .map_err(DbError::from_sqlx)?;
                let Some(id) = id else {
                    return Ok(None);
                };
                for c in cancellations {
                    cancel_in_tx!(tx, c, Some(id)).await?;
                }
                raise_flags!(tx, &a.review_flags).await?;
                if let Some(email) = receipt {
                    queue_email!(tx, email)?;
                }
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(Some(id))
            }

            async fn booking_status(&self, session: i64, citizen: PersonId) -> DbResult<Option<String>> {
                sqlx::query_scalar("select status from bookings where session_id = $1 and citizen_id = $2")
                    .bind(session)
                    .bind(citizen)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(DbError::from_sqlx)
            }

            async fn team_session(&self, id: i64) -> DbResult<Option<TeamSession>> {
                sqlx::query_as(&format!("{SESSION_SELECT} where s.id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(DbError::from_sqlx)
            }

            async fn course_history(&self, course: i64) -> DbResult<Vec<HistoryEntry>> {
                sqlx::query_as(
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
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn session_participants(&self, session: i64) -> DbResult<Vec<Participant>> {
                sqlx::query_as(
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
                .await
                .map_err(DbError::from_sqlx)
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
                .map_err(DbError::from_sqlx)?;
                if done.rows_affected() == 0 {
                    return Ok(false);
                }
                raise_flags!(tx, flags).await?;
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(true)
            }

            async fn open_review_flags(&self, municipality: &str) -> DbResult<Vec<ReviewFlagRecord>> {
                sqlx::query_as(
                    "select f.id, f.course_id, c.citizen_id, p.name as citizen_name, f.rule_id, f.facts, f.created_at
                     from review_flags f
                     join courses c on c.id = f.course_id
                     join people p on p.id = c.citizen_id
                     where c.municipality = $1 and f.resolved_at is null
                     order by f.created_at, f.id",
                )
                .bind(municipality)
                .fetch_all(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn insert_complaint(&self, c: &NewComplaint, emails: &[NewEmail]) -> DbResult<Option<i64>> {
                let mut tx = self.begin_write().await?;
                let id: Option<i64> = sqlx::query_scalar(
                    "insert into complaints (reference, citizen_id, municipality, kind, decision_id, topic, body, route,
                        submitted_by, submitted_at, deadline_at, possibly_late, status, reassessment_due_on,
                        forward_due_on, updated_at, body_hash)
                     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $10, $16)
                     on conflict do nothing returning id",
                )
                .bind(&c.reference)
                .bind(c.citizen_id)
                .bind(&c.municipality)
                .bind(&c.kind)
                .bind(c.decision_id)
                .bind(&c.topic)
                .bind(&c.body)
                .bind(&c.route)
                .bind(c.submitted_by)
                .bind(c.submitted_at)
                .bind(c.deadline_at)
                .bind(c.possibly_late)
                .bind(&c.status)
                .bind(c.reassessment_due_on)
                .bind(c.forward_due_on)
                // The same text twice is the same complaint; a hash keeps the index small.
                .bind(crate::ssr::session::hash_session_id(&c.body))
                .fetch_optional(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
                let Some(id) = id else {
                    return Ok(None);
                };
                sqlx::query(
                    "insert into complaint_events (complaint_id, at, actor_id, kind, note)
                     values ($1, $2, $3, 'received', '')",
                )
                .bind(id)
                .bind(c.submitted_at)
                .bind(c.submitted_by)
                .execute(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
                for email in emails {
                    queue_email!(tx, email)?;
                }
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(Some(id))
            }

            async fn complaint_by_reference(&self, reference: &str) -> DbResult<Option<ComplaintRecord>> {
                sqlx::query_as(&format!("{COMPLAINT_SELECT} where c.reference = $1"))
                    .bind(reference)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(DbError::from_sqlx)
            }

            async fn live_complaint_about(&self, decision: i64) -> DbResult<Option<ComplaintRecord>> {
                sqlx::query_as(&format!(
                    "{COMPLAINT_SELECT} where c.decision_id = $1 and c.kind = 'decision' and c.withdrawn_at is null"
                ))
                .bind(decision)
                .fetch_optional(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn complaints_of(&self, citizen: PersonId) -> DbResult<Vec<ComplaintRecord>> {
                sqlx::query_as(&format!(
                    "{COMPLAINT_SELECT} where c.citizen_id = $1 order by c.submitted_at desc, c.id desc"
                ))
                .bind(citizen)
                .fetch_all(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn complaints_in(&self, municipality: &str) -> DbResult<Vec<ComplaintRecord>> {
                sqlx::query_as(&format!(
                    "{COMPLAINT_SELECT} where c.municipality = $1 order by c.submitted_at, c.id"
                ))
                .bind(municipality)
                .fetch_all(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn complaint_events(&self, complaint: i64) -> DbResult<Vec<ComplaintEvent>> {
                sqlx::query_as(
                    "select e.at, p.name as actor_name, e.kind, e.note
                     from complaint_events e left join people p on p.id = e.actor_id
                     where e.complaint_id = $1 order by e.at, e.id",
                )
                .bind(complaint)
                .fetch_all(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn save_complaint_draft(
                &self,
                complaint: i64,
                staff: PersonId,
                fields: &str,
                now: DateTime<Utc>,
            ) -> DbResult<()> {
                sqlx::query(
                    "insert into complaint_drafts (complaint_id, staff_id, fields, updated_at) values ($1, $2, $3, $4)
                     on conflict (complaint_id, staff_id) do update set fields = excluded.fields, updated_at = excluded.updated_at",
                )
                .bind(complaint)
                .bind(staff)
                .bind(fields)
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                Ok(())
            }

            async fn complaint_draft(&self, complaint: i64, staff: PersonId) -> DbResult<Option<String>> {
                sqlx::query_scalar(
                    "select fields from complaint_drafts where complaint_id = $1 and staff_id = $2",
                )
                .bind(complaint)
                .bind(staff)
                .fetch_optional(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn change_complaint(
                &self,
                complaint: i64,
                change: &ComplaintChange,
                emails: &[NewEmail],
            ) -> DbResult<bool> {
                let mut tx = self.begin_write().await?;
                let new_decision = match &change.new_decision {
                    Some(d) => Some(insert_decision!(tx, d)?.0),
                    None => None,
                };
                let at = change.at;
                let done = sqlx::query(
                    "update complaints set status = $3, updated_at = $4, handled_by = coalesce($5, handled_by),
                         outcome = coalesce($6, outcome),
                         outcome_at = case when $6 is null then outcome_at else $4 end,
                         reassessment = coalesce($7, reassessment),
                         new_decision_id = coalesce($8, new_decision_id),
                         maintained_at = case when $9 then $4 else maintained_at end,
                         withdrawn_at = case when $10 then $4 else withdrawn_at end,
                         forward_due_on = coalesce($11, forward_due_on),
                         forwarded_on = coalesce($12, forwarded_on),
                         answer = coalesce($13, answer),
                         answered_at = case when $13 is null then answered_at else $4 end
                     where id = $1 and status = $2",
                )
                .bind(complaint)
                .bind(&change.expected_status)
                .bind(&change.status)
                .bind(at)
                .bind(Some(change.by).filter(|_| !change.maintained && !change.withdrawn))
                .bind(&change.outcome)
                .bind(&change.reassessment)
                .bind(new_decision)
                .bind(change.maintained)
                .bind(change.withdrawn)
                .bind(change.forward_due_on)
                .bind(change.forwarded_on)
                .bind(&change.answer)
                .execute(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
                if done.rows_affected() != 1 {
                    // Rolled back: the new decision is not kept either.
                    return Ok(false);
                }
                sqlx::query(
                    "insert into complaint_events (complaint_id, at, actor_id, kind, note) values ($1, $2, $3, $4, $5)",
                )
                .bind(complaint)
                .bind(at)
                .bind(change.by)
                .bind(&change.event)
                .bind(&change.note)
                .execute(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
                for email in emails {
                    queue_email!(tx, email)?;
                }
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(true)
            }

            async fn resolve_review_flag(
                &self,
                id: i64,
                municipality: &str,
                by: PersonId,
                at: DateTime<Utc>,
                resolution: &str,
            ) -> DbResult<bool> {
                let done = sqlx::query(
                    "update review_flags set resolved_at = $3, resolved_by = $4, resolution = $5
                     where id = $1 and resolved_at is null
                       and course_id in (select id from courses where municipality = $2)",
                )
                .bind(id)
                .bind(municipality)
                .bind(at)
                .bind(by)
                .bind(resolution)
                .execute(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                Ok(done.rows_affected() == 1)
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
                .map_err(DbError::from_sqlx)?;
                let Some(id) = id else {
                    return Ok(None);
                };
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
                    .map_err(DbError::from_sqlx)?;
                }
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(Some(id))
            }

            async fn therapists_of(&self, municipality: &str) -> DbResult<Vec<Person>> {
                sqlx::query_as(&format!(
                    "{PERSON_SELECT} where id in (select person_id from staff_roles
                                                  where municipality = $1 and role = 'therapist')
                     order by name, id"
                ))
                .bind(municipality)
                .fetch_all(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn staff_sessions_from(&self, municipality: &str, from: DateTime<Utc>, limit: i64) -> DbResult<Vec<TeamSession>> {
                sqlx::query_as(&format!(
                    "{SESSION_SELECT} where s.municipality = $1 and s.starts_at >= $2
                     order by s.starts_at, s.id limit $3"
                ))
                .bind(municipality)
                .bind(from)
                .bind(limit)
                .fetch_all(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
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
                    "update team_sessions set status = 'cancelled', cancelled_at = $2, booked = 0
                     where id = $1 and status in ('scheduled', 'move_proposed')",
                )
                .bind(session)
                .bind(at)
                .execute(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
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
                .await
                .map_err(DbError::from_sqlx)?;
                for n in notices {
                    queue_email!(tx, n)?;
                }
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(true)
            }

            async fn propose_move(&self, session: i64, starts_at: DateTime<Utc>, notices: &[NewEmail]) -> DbResult<bool> {
                let mut tx = self.begin_write().await?;
                let done = sqlx::query(
                    "update team_sessions set status = 'move_proposed', proposed_starts_at = $2
                     where id = $1 and status = 'scheduled'",
                )
                .bind(session)
                .bind(starts_at)
                .execute(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
                if done.rows_affected() == 0 {
                    return Ok(false);
                }
                for n in notices {
                    queue_email!(tx, n)?;
                }
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(true)
            }

            async fn unanswered_moves(&self, citizen: PersonId) -> DbResult<Vec<i64>> {
                sqlx::query_scalar(
                    "select s.id from team_sessions s join bookings b on b.session_id = s.id
                     where b.citizen_id = $1 and b.status = 'booked' and b.move_answer is null
                       and s.status = 'move_proposed'
                     order by s.starts_at",
                )
                .bind(citizen)
                .fetch_all(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn answer_move(
                &self,
                session: i64,
                course: &Course,
                accept: bool,
                now: DateTime<Utc>,
            ) -> DbResult<Option<i64>> {
                let mut tx = self.begin_write().await?;
                let old: Option<TeamSession> = sqlx::query_as(&format!(
                    "{SESSION_SELECT} join bookings b on b.session_id = s.id
                     where s.id = $1 and s.status = 'move_proposed' and b.citizen_id = $2
                       and b.status = 'booked' and b.move_answer is null"
                ))
                .bind(session)
                .bind(course.citizen_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
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
                .map_err(DbError::from_sqlx)?;
                if answered.rows_affected() == 0 {
                    return Ok(None);
                }
                if !accept {
                    tx.commit().await.map_err(DbError::from_sqlx)?;
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
                .map_err(DbError::from_sqlx)?;
                let new: i64 = sqlx::query_scalar("select id from team_sessions where moved_from_session_id = $1")
                    .bind(session)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(DbError::from_sqlx)?;
                sqlx::query(
                    "update bookings set status = 'cancelled', cancelled_at = $3, cancelled_by = $2,
                        cancellation_rule = 'moved'
                     where session_id = $1 and citizen_id = $2 and status = 'booked'",
                )
                .bind(session)
                .bind(course.citizen_id)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
                sqlx::query("update team_sessions set booked = booked - 1 where id = $1")
                    .bind(session)
                    .execute(&mut *tx)
                    .await
                    .map_err(DbError::from_sqlx)?;
                book_in_tx!(tx, new, course, course.citizen_id, now).await?;
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(Some(new))
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

            async fn create_calendar_feed(
                &self,
                citizen: PersonId,
                token: &str,
                token_hash: &str,
                now: DateTime<Utc>,
            ) -> DbResult<()> {
                let mut tx = self.begin_write().await?;
                sqlx::query("update calendar_feeds set revoked_at = $2 where citizen_id = $1 and revoked_at is null")
                    .bind(citizen)
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(DbError::from_sqlx)?;
                sqlx::query(
                    "insert into calendar_feeds (token_hash, citizen_id, created_at, token) values ($1, $2, $3, $4)",
                )
                .bind(token_hash)
                .bind(citizen)
                .bind(now)
                .bind(token)
                .execute(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(())
            }

            async fn calendar_feed_of(&self, citizen: PersonId) -> DbResult<Option<String>> {
                sqlx::query_scalar(
                    "select token from calendar_feeds where citizen_id = $1 and revoked_at is null
                     order by created_at desc limit 1",
                )
                .bind(citizen)
                .fetch_optional(&self.pool)
                .await
                .map(Option::flatten)
                .map_err(DbError::from_sqlx)
            }

            async fn calendar_feed_owner(&self, token_hash: &str) -> DbResult<Option<PersonId>> {
                sqlx::query_scalar(
                    "select citizen_id from calendar_feeds where token_hash = $1 and revoked_at is null",
                )
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await
                .map_err(DbError::from_sqlx)
            }

            async fn revoke_calendar_feeds(&self, citizen: PersonId, now: DateTime<Utc>) -> DbResult<bool> {
                let done = sqlx::query(
                    "update calendar_feeds set revoked_at = $2 where citizen_id = $1 and revoked_at is null",
                )
                .bind(citizen)
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                Ok(done.rows_affected() > 0)
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
                .execute(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                Ok(())
            }

            async fn take_pending_login(&self, state_hash: &str, now: DateTime<Utc>) -> DbResult<Option<PendingLogin>> {
                let mut tx = self.begin_write().await?;
                let found: Option<PendingLogin> = sqlx::query_as(
                    "delete from oidc_logins where state_hash = $1
                     returning state_hash, kind, nonce, pkce_verifier, return_to, created_at, expires_at",
                )
                .bind(state_hash)
                .fetch_optional(&mut *tx)
                .await
                .map_err(DbError::from_sqlx)?;
                sqlx::query("delete from oidc_logins where expires_at < $1")
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(DbError::from_sqlx)?;
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(found.filter(|l| now < l.expires_at))
            }

            async fn update_person_identity(&self, id: PersonId, name: &str, birth_date: Option<NaiveDate>) -> DbResult<()> {
                sqlx::query("update people set name = $2, birth_date = coalesce($3, birth_date) where id = $1")
                    .bind(id)
                    .bind(name)
                    .bind(birth_date)
                    .execute(&self.pool)
                    .await
                    .map_err(DbError::from_sqlx)?;
                Ok(())
            }

            async fn set_staff_roles(&self, person: PersonId, municipality: &str, roles: &[StaffRole], now: DateTime<Utc>) -> DbResult<()> {
                let mut tx = self.begin_write().await?;
                sqlx::query("delete from staff_roles where person_id = $1")
                    .bind(person)
                    .execute(&mut *tx)
                    .await
                    .map_err(DbError::from_sqlx)?;
                for role in roles {
                    sqlx::query(INSERT_STAFF_ROLE)
                    .bind(person)
                    .bind(municipality)
                    .bind(role.code())
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(DbError::from_sqlx)?;
                }
                tx.commit().await.map_err(DbError::from_sqlx)?;
                Ok(())
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

            async fn set_session_acting_for(&self, id_hash: &str, citizen: Option<PersonId>) -> DbResult<()> {
                sqlx::query("update web_sessions set acting_for = $2 where id_hash = $1")
                    .bind(id_hash)
                    .bind(citizen)
                    .execute(&self.pool)
                    .await
                    .map_err(DbError::from_sqlx)?;
                Ok(())
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
                    "insert into audit_log (at, actor_id, on_behalf_of, action, detail, outcome)
                     values ($1, $2, $3, $4, $5, $6)",
                )
                .bind(e.at)
                .bind(e.actor_id)
                .bind(e.on_behalf_of)
                .bind(&e.action)
                .bind(&e.detail)
                .bind(&e.outcome)
                .execute(&self.pool)
                .await
                .map_err(DbError::from_sqlx)?;
                Ok(())
            }

            async fn audit_log_for(&self, citizen: PersonId) -> DbResult<Vec<AuditEntry>> {
                sqlx::query_as(
                    "select at, actor_id, on_behalf_of, action, detail, outcome from audit_log
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

pub(crate) use book_in_tx;
pub(crate) use cancel_in_tx;
pub(crate) use impl_repository;
pub(crate) use insert_consent;
pub(crate) use insert_decision;
pub(crate) use queue_email;
pub(crate) use raise_flags;

use super::{HeldPower, PowerRecord};
use crate::domain::people::{PersonId, Scopes};
use chrono::{DateTime, NaiveDate, Utc};

pub(crate) const DECISION_COLUMNS: &str =
    "id, application_id, citizen_id, municipality, outcome, training_form, place, sessions_per_week, weeks,
     start_on, reasons, legal_basis, complaint_guidance, decided_by, decided_at, first_opened_at,
     first_opened_by, kind, replaces_decision_id, delivery, available_at, delivered_on, transport_outcome,
     transport_guidance";

pub(crate) const COMPLAINT_SELECT: &str =
    "select c.id, c.reference, c.citizen_id, c.municipality, c.kind, c.decision_id, c.topic, c.body, c.route,
            c.submitted_by, c.submitted_at, c.deadline_at, c.possibly_late, c.status, c.outcome, c.outcome_at,
            c.new_decision_id, c.reassessment, c.maintained_at, c.withdrawn_at, c.forwarded_on, c.answer,
            c.answered_at, nd.delivery as new_decision_delivery, nd.available_at as new_decision_available_at,
            nd.delivered_on as new_decision_delivered_on, p.name as citizen_name
     from complaints c join people p on p.id = c.citizen_id left join decisions nd on nd.id = c.new_decision_id";

/// An application's own columns, written once for both lists below.
macro_rules! application_columns {
    () => {
        "id, reference, citizen_id, municipality, created_by, status, answers, created_at, updated_at, submitted_at,
     first_contact_at, home_visit_at, assessed_at, visitation_at, referral_received_at, pre_exam_at,
     waiting_time_told_at"
    };
}

pub(crate) const APPLICATION_COLUMNS: &str = application_columns!();

/// An application's columns with when it was decided and when the first session of the course it
/// granted starts, the facts that keep the promises met by the decision or the first session.
pub(crate) const APPLICATION_SELECT: &str = concat!(
    application_columns!(),
    ",
     (select min(d.decided_at) from decisions d
       where d.application_id = applications.id and d.kind = 'application') as decided_at,
     (select min(s.starts_at) from decisions d
       join courses c on c.decision_id = d.id
       join bookings b on b.course_id = c.id and b.status = 'booked'
       join team_sessions s on s.id = b.session_id
       where d.application_id = applications.id) as first_session_at"
);

/// The column a recorded case step is kept in (a fixed list: never text from a request).
pub(crate) fn event_column(event: crate::domain::case_clocks::CaseEvent) -> Option<&'static str> {
    use crate::domain::case_clocks::CaseEvent::*;
    match event {
        FirstContact => Some("first_contact_at"),
        HomeVisit => Some("home_visit_at"),
        Assessed => Some("assessed_at"),
        Visitation => Some("visitation_at"),
        ReferralReceived => Some("referral_received_at"),
        PreExam => Some("pre_exam_at"),
        WaitingTimeTold => Some("waiting_time_told_at"),
        Decided | TrainingStarted => None,
    }
}

pub(crate) const POWER_SELECT: &str =
    "select p.id, p.citizen_id, c.name as citizen_name, c.home_municipality as citizen_municipality,
            p.proxy_id, x.name as proxy_name, p.invite_name, p.invite_email,
            p.scope_view, p.scope_apply, p.scope_book, p.scope_complain, p.scope_consents,
            p.expires_on, p.source, p.document_ref, p.created_at, p.accepted_at, p.revoked_at,
            p.invite_expires_at
     from powers_of_attorney p join people c on c.id = p.citizen_id left join people x on x.id = p.proxy_id";

#[derive(sqlx::FromRow)]
pub(crate) struct PowerRow {
    id: i64,
    citizen_id: PersonId,
    citizen_name: String,
    citizen_municipality: Option<String>,
    proxy_id: Option<PersonId>,
    proxy_name: Option<String>,
    invite_name: Option<String>,
    invite_email: Option<String>,
    scope_view: bool,
    scope_apply: bool,
    scope_book: bool,
    scope_complain: bool,
    scope_consents: bool,
    expires_on: NaiveDate,
    source: String,
    document_ref: Option<String>,
    created_at: DateTime<Utc>,
    accepted_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
    invite_expires_at: Option<DateTime<Utc>>,
}

impl PowerRow {
    pub(crate) fn into_record(self) -> PowerRecord {
        PowerRecord {
            id: self.id,
            citizen_id: self.citizen_id,
            citizen_name: self.citizen_name,
            citizen_municipality: self.citizen_municipality,
            proxy_id: self.proxy_id,
            proxy_name: self.proxy_name,
            invite_name: self.invite_name,
            invite_email: self.invite_email,
            scopes: Scopes {
                view: self.scope_view,
                apply: self.scope_apply,
                book: self.scope_book,
                complain: self.scope_complain,
                consents: self.scope_consents,
            },
            expires_on: self.expires_on,
            source: self.source,
            document_ref: self.document_ref,
            created_at: self.created_at,
            accepted_at: self.accepted_at,
            revoked_at: self.revoked_at,
            invitation_expires_at: self.invite_expires_at,
        }
    }
}

pub(crate) const PERSON_SELECT: &str =
    "select id, subject, name, email, phone, birth_date, home_municipality, created_at from people";

pub(crate) const SESSION_SELECT: &str =
    "select s.id, s.municipality, s.title, s.place, s.starts_at, s.ends_at, s.capacity, s.booked, s.status,
            s.proposed_starts_at
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
