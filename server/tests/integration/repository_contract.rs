//! The repository's contract, the same on SQLite and PostgreSQL.
use crate::support::{at, on_both_backends, repo_municipalities, Backend, TestDb};
use app::domain::people::{Scopes, StaffRole};
use app::ssr::db::{
    AuditEntry, DbError, NewDecision, NewEmail, NewInvitation, NewPerson, NewPower, NewTeamSession,
    NewWebSession, PendingLogin, PowerSource, Repository,
};
use app::ssr::demo;
use chrono::{Duration, NaiveDate};
use std::sync::Arc;

fn person(subject: &str, name: &str, home: Option<&str>) -> NewPerson {
    NewPerson {
        subject: subject.into(),
        name: name.into(),
        email: None,
        phone: None,
        birth_date: NaiveDate::from_ymd_opt(1950, 1, 31),
        home_municipality: home.map(str::to_string),
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Karen (a citizen in Vejen) and Jens (a relative), created 1 March 2026.
async fn citizen_and_relative(repo: &dyn Repository) -> (i64, i64) {
    let t = at("2026-03-01T08:00:00Z");
    let citizen = repo
        .insert_person(&person("c:1", "Karen Østergaard", Some("vejen")), t)
        .await
        .unwrap();
    let relative = repo
        .insert_person(&person("p:1", "Jens Østergaard", None), t)
        .await
        .unwrap();
    (citizen, relative)
}

async fn with_municipalities(repo: &dyn Repository) {
    for m in repo_municipalities().all() {
        repo.sync_municipality(&m.slug, &m.name, at("2026-03-01T08:00:00Z"))
            .await
            .unwrap();
    }
}

/// A decision in Brønderslev on a 12-week team course from Monday 2 March 2026.
fn decision(citizen: i64, decided_by: i64, outcome: &str) -> NewDecision {
    NewDecision {
        application_id: None,
        complaint_guidance: None,
        replaces_decision_id: None,
        citizen_id: citizen,
        municipality: "broenderslev".into(),
        outcome: app::domain::complaint_guidance::DecisionOutcome::from_code(outcome).unwrap(),
        training_form: "team".into(),
        place: "Sundhedscenter Brønderslev".into(),
        sessions_per_week: 1,
        weeks: Some(12),
        start_on: date(2026, 3, 2),
        reasons: (outcome != "granted").then(|| "Kan træne selv".to_string()),
        legal_basis: "Lov om social service § 86, stk. 2".into(),
        decided_by,
        decided_at: at("2026-02-20T10:00:00Z"),
        delivery: app::domain::decision_delivery::Delivery::Portal(at("2026-02-20T10:00:00Z")),
        transport_outcome: None,
        transport_guidance: None,
        last_day_on: None,
    }
}

/// A citizen in Brønderslev with a granted course starting 2 March 2026.
async fn citizen_with_course(repo: &dyn Repository, subject: &str) -> (i64, app::ssr::db::Course) {
    let citizen = repo
        .insert_person(
            &person(subject, "Inger Thomsen", Some("broenderslev")),
            at("2026-03-01T08:00:00Z"),
        )
        .await
        .unwrap();
    let visitator = repo
        .insert_person(
            &person(&format!("{subject}:visitator"), "Birgitte Dahl", None),
            at("2026-03-01T08:00:00Z"),
        )
        .await
        .unwrap();
    let (_, created) = repo
        .insert_decision_with_course(&decision(citizen, visitator, "granted"))
        .await
        .unwrap();
    let course = repo.current_course(citizen).await.unwrap().expect("course");
    assert_eq!(created, Some(course.id));
    (citizen, course)
}

async fn session(repo: &dyn Repository, starts: &str, capacity: i64) -> i64 {
    let starts_at = at(starts);
    repo.insert_team_session(&NewTeamSession {
        municipality: "broenderslev".into(),
        title: "Holdtræning".into(),
        place: "Sundhedscenter Brønderslev".into(),
        starts_at,
        ends_at: starts_at + Duration::hours(1),
        capacity,
        therapist_id: None,
        created_at: at("2026-03-01T08:00:00Z"),
    })
    .await
    .unwrap()
}

async fn migrations_run_twice_and_municipalities_follow_their_files(backend: Backend) {
    let db = TestDb::new(backend).await;
    db.repo.migrate().await.unwrap();
    with_municipalities(db.repo.as_ref()).await;
    db.repo
        .sync_municipality("vejen", "Vejen Kommune (ny)", at("2026-03-02T08:00:00Z"))
        .await
        .unwrap();
    let slugs = db.repo.municipality_slugs().await.unwrap();
    assert_eq!(
        slugs,
        vec![
            "broenderslev",
            "fredensborg",
            "mariagerfjord",
            "samsoe",
            "vejen"
        ]
    );
}

async fn a_person_is_found_by_id_and_subject_and_subjects_are_unique(backend: Backend) {
    let db = TestDb::new(backend).await;
    with_municipalities(db.repo.as_ref()).await;
    let id = db
        .repo
        .insert_person(
            &person("broker:123", "Karen Østergaard", Some("vejen")),
            at("2026-03-01T08:00:00Z"),
        )
        .await
        .unwrap();
    let p = db.repo.person(id).await.unwrap().unwrap();
    assert_eq!(p.name, "Karen Østergaard");
    assert_eq!(p.birth_date, Some(date(1950, 1, 31)));
    assert_eq!(p.home_municipality.as_deref(), Some("vejen"));
    assert_eq!(p.created_at, at("2026-03-01T08:00:00Z"));
    assert_eq!(
        db.repo.person_by_subject("broker:123").await.unwrap(),
        Some(p)
    );
    assert!(db
        .repo
        .person_by_subject("broker:999")
        .await
        .unwrap()
        .is_none());
    let again = db
        .repo
        .insert_person(
            &person("broker:123", "Someone else", None),
            at("2026-03-01T08:00:00Z"),
        )
        .await;
    assert!(matches!(again, Err(DbError::Conflict)), "{again:?}");
}

async fn staff_belong_to_their_municipality(backend: Backend) {
    let db = TestDb::new(backend).await;
    with_municipalities(db.repo.as_ref()).await;
    let t = at("2026-03-01T08:00:00Z");
    let id = db
        .repo
        .insert_person(&person("staff:1", "Mads Kjær", None), t)
        .await
        .unwrap();
    db.repo
        .add_staff_role(id, "fredensborg", StaffRole::Therapist, t)
        .await
        .unwrap();
    db.repo
        .add_staff_role(id, "fredensborg", StaffRole::Therapist, t)
        .await
        .unwrap();
    let m = db.repo.staff_memberships(id).await.unwrap();
    assert_eq!(m.len(), 1);
    assert_eq!(
        (m[0].municipality.as_str(), m[0].role),
        ("fredensborg", StaffRole::Therapist)
    );
    let citizen = db
        .repo
        .insert_person(&person("c:1", "Henrik Larsen", Some("fredensborg")), t)
        .await
        .unwrap();
    assert!(db.repo.staff_memberships(citizen).await.unwrap().is_empty());
}

async fn a_power_of_attorney_counts_until_its_last_day_and_not_after_revocation(backend: Backend) {
    let db = TestDb::new(backend).await;
    with_municipalities(db.repo.as_ref()).await;
    let t = at("2026-03-01T08:00:00Z");
    let (citizen, proxy) = citizen_and_relative(db.repo.as_ref()).await;
    let scopes = Scopes {
        view: true,
        book: true,
        ..Scopes::default()
    };
    let id = db
        .repo
        .insert_power(&NewPower {
            citizen_id: citizen,
            proxy_id: proxy,
            scopes,
            expires_on: date(2026, 3, 31),
            source: PowerSource::Citizen,
            document_ref: None,
            created_by: citizen,
            created_at: t,
        })
        .await
        .unwrap();
    let held = db
        .repo
        .valid_powers_held_by(proxy, date(2026, 3, 31))
        .await
        .unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(
        (
            held[0].citizen_id,
            held[0].citizen_name.as_str(),
            held[0].scopes
        ),
        (citizen, "Karen Østergaard", scopes)
    );
    assert!(
        db.repo
            .valid_powers_held_by(proxy, date(2026, 4, 1))
            .await
            .unwrap()
            .is_empty(),
        "expired"
    );
    assert!(
        db.repo
            .valid_powers_held_by(citizen, date(2026, 3, 2))
            .await
            .unwrap()
            .is_empty(),
        "not the holder"
    );
    db.repo
        .revoke_power(id, citizen, at("2026-03-02T08:00:00Z"), &[])
        .await
        .unwrap();
    assert!(
        db.repo
            .valid_powers_held_by(proxy, date(2026, 3, 2))
            .await
            .unwrap()
            .is_empty(),
        "revoked"
    );
    assert!(matches!(
        db.repo.revoke_power(id, citizen, t, &[]).await,
        Err(DbError::NotFound)
    ));
}

async fn a_grant_creates_a_course_and_a_refusal_does_not(backend: Backend) {
    let db = TestDb::new(backend).await;
    with_municipalities(db.repo.as_ref()).await;
    let (citizen, course) = citizen_with_course(db.repo.as_ref(), "c:1").await;
    assert_eq!(course.citizen_id, citizen);
    assert_eq!(course.starts_on, date(2026, 3, 2));
    assert_eq!(
        course.ends_on,
        Some(date(2026, 5, 24)),
        "12 weeks from Monday 2 March end on Sunday 24 May"
    );
    assert_eq!(course.status.code(), "active");
    let other = db
        .repo
        .insert_person(
            &person("c:2", "Ole Thomsen", Some("broenderslev")),
            at("2026-03-01T08:00:00Z"),
        )
        .await
        .unwrap();
    let (_, none) = db
        .repo
        .insert_decision_with_course(&decision(other, citizen, "refused"))
        .await
        .unwrap();
    assert_eq!(none, None);
    assert!(db.repo.current_course(other).await.unwrap().is_none());
}

/// How a decision was delivered is stored whole for each way, and the first reading is
/// recorded once, by whoever read first, without touching the delivery.
async fn a_decision_keeps_how_it_was_delivered_and_its_first_reading_once(backend: Backend) {
    use app::domain::decision_delivery::Delivery;
    let db = TestDb::new(backend).await;
    with_municipalities(db.repo.as_ref()).await;
    let (citizen, relative) = citizen_and_relative(db.repo.as_ref()).await;
    let published = at("2026-02-20T22:30:00Z");
    for delivery in [
        Delivery::Portal(published),
        Delivery::Letter(date(2026, 2, 23)),
        Delivery::InPerson(date(2026, 2, 24)),
    ] {
        let (id, _) = db
            .repo
            .insert_decision_with_course(&NewDecision {
                delivery,
                ..decision(citizen, relative, "refused")
            })
            .await
            .unwrap();
        let stored = db.repo.decision(id).await.unwrap().unwrap();
        assert_eq!(stored.delivery(), delivery);
        assert_eq!(stored.first_opened_at, None);
        let read = at("2026-03-02T09:00:00Z");
        assert!(db
            .repo
            .record_first_opening(id, relative, read)
            .await
            .unwrap());
        assert!(
            !db.repo
                .record_first_opening(id, citizen, read + Duration::days(3))
                .await
                .unwrap(),
            "only the first reading counts"
        );
        let stored = db.repo.decision(id).await.unwrap().unwrap();
        assert_eq!(
            (stored.first_opened_at, stored.first_opened_by),
            (Some(read), Some(relative))
        );
        assert_eq!(stored.delivery(), delivery, "reading changes no delivery");
    }
}

/// The backend's migrations older than `version`, to make rows as they were before it.
async fn migrations_before(backend: Backend, version: i64) -> sqlx::migrate::Migrator {
    let dir = match backend {
        Backend::Sqlite => "../app/migrations/sqlite",
        Backend::Postgres => "../app/migrations/postgres",
    };
    let mut m = sqlx::migrate::Migrator::new(std::path::Path::new(dir))
        .await
        .unwrap();
    m.migrations = m
        .migrations
        .iter()
        .filter(|x| x.version < version)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    m
}

/// Migration 0011's reading of decisions made before it: published in the portal when made; one
/// already opened keeps the deadline it showed, counted from the opening (costing the citizen no
/// time she was told she had), one never opened counts from when it was made; what was stored as
/// "received" was the first opening and stays that.
async fn decisions_made_before_delivery_was_recorded_keep_the_deadline_they_showed(
    backend: Backend,
) {
    use app::domain::decision_delivery::Delivery;
    let db = TestDb::unmigrated(backend).await;
    let before = migrations_before(backend, 11).await;
    let t = at("2026-02-20T10:00:00Z");
    let opened = at("2026-03-13T18:00:00Z");
    macro_rules! rows_before_0011 {
        ($pool:expr) => {{
            let pool = $pool;
            before.run(&pool).await.unwrap();
            sqlx::query("insert into municipalities (slug, name, updated_at) values ('vejen', 'Vejen Kommune', $1)")
                .bind(t)
                .execute(&pool)
                .await
                .unwrap();
            let citizen: i64 = sqlx::query_scalar(
                "insert into people (subject, name, created_at) values ('c:1', 'Karen Østergaard', $1) returning id",
            )
            .bind(t)
            .fetch_one(&pool)
            .await
            .unwrap();
            for received in [Some(opened), None] {
                sqlx::query(
                    "insert into decisions (citizen_id, municipality, kind, outcome, training_form, place,
                        start_on, legal_basis, decided_by, decided_at, received_at, received_by)
                     values ($1, 'vejen', 'application', 'refused', '', '', $2, 'SEL § 86, stk. 2', $1, $3,
                        $4, $5)",
                )
                .bind(citizen)
                .bind(date(2026, 2, 20))
                .bind(t)
                .bind(received)
                .bind(received.map(|_| citizen))
                .execute(&pool)
                .await
                .unwrap();
            }
            pool.close().await;
            citizen
        }};
    }
    let citizen = match backend {
        Backend::Sqlite => {
            rows_before_0011!(sqlx::SqlitePool::connect(&db.url).await.unwrap())
        }
        Backend::Postgres => rows_before_0011!(sqlx::PgPool::connect(&db.url).await.unwrap()),
    };
    db.repo.migrate().await.unwrap();
    let mut decisions = db.repo.decisions_of(citizen).await.unwrap();
    decisions.sort_by_key(|d| d.id);
    assert_eq!(decisions.len(), 2);
    assert_eq!(decisions[0].delivery(), Delivery::Portal(opened));
    assert_eq!(decisions[1].delivery(), Delivery::Portal(t));
    assert_eq!(
        decisions[1].available_at,
        Some(t),
        "stored, not only defaulted"
    );
    assert_eq!(
        (decisions[0].first_opened_at, decisions[0].first_opened_by),
        (Some(opened), Some(citizen))
    );
    assert_eq!(decisions[1].first_opened_at, None);
}

/// Migration 0012's reading of cancellations made before it: one at the instant the citizen
/// booked another session of the course was a move; one at the instant an absence period was
/// registered belongs to that period; every other was the citizen's own.
async fn cancellations_made_before_their_kind_was_recorded_are_read_from_their_instants(
    backend: Backend,
) {
    let db = TestDb::unmigrated(backend).await;
    let before = migrations_before(backend, 12).await;
    let t0 = at("2026-03-01T08:00:00Z");
    let (moved_at, away_at, own_at) = (
        at("2026-03-02T10:00:00Z"),
        at("2026-03-03T10:00:00Z"),
        at("2026-03-04T10:00:00Z"),
    );
    macro_rules! rows_before_0012 {
        ($pool:expr) => {{
            let pool = $pool;
            before.run(&pool).await.unwrap();
            sqlx::query("insert into municipalities (slug, name, updated_at) values ('broenderslev', 'Brønderslev Kommune', $1)")
                .bind(t0).execute(&pool).await.unwrap();
            let citizen: i64 = sqlx::query_scalar(
                "insert into people (subject, name, created_at) values ('c:1', 'Inger Thomsen', $1) returning id")
                .bind(t0).fetch_one(&pool).await.unwrap();
            let decision: i64 = sqlx::query_scalar(
                "insert into decisions (citizen_id, municipality, kind, outcome, training_form, place, start_on,
                    legal_basis, decided_by, decided_at)
                 values ($1, 'broenderslev', 'application', 'granted', 'team', '', $2, 'SEL', $1, $3) returning id")
                .bind(citizen).bind(date(2026, 3, 2)).bind(t0).fetch_one(&pool).await.unwrap();
            let course: i64 = sqlx::query_scalar(
                "insert into courses (decision_id, citizen_id, municipality, training_form, place, starts_on, status, created_at)
                 values ($1, $2, 'broenderslev', 'team', '', $3, 'active', $4) returning id")
                .bind(decision).bind(citizen).bind(date(2026, 3, 2)).bind(t0).fetch_one(&pool).await.unwrap();
            sqlx::query("insert into absence_periods (citizen_id, from_on, to_on, reason, created_by, created_at)
                         values ($1, $2, $2, 'hospital', $1, $3)")
                .bind(citizen).bind(date(2026, 3, 25)).bind(away_at).execute(&pool).await.unwrap();
            // (session start, booked at, cancelled at, late)
            for (starts, booked, cancelled, late) in [
                ("2026-03-11T09:00:00Z", t0, Some(moved_at), Some(false)),
                ("2026-03-12T09:00:00Z", moved_at, None, None),
                ("2026-03-25T09:00:00Z", t0, Some(away_at), Some(true)),
                ("2026-04-01T09:00:00Z", t0, Some(own_at), Some(false)),
            ] {
                let s = at(starts);
                let session: i64 = sqlx::query_scalar(
                    "insert into team_sessions (municipality, title, place, starts_at, ends_at, capacity, created_at)
                     values ('broenderslev', 'Hold', 'Salen', $1, $2, 8, $3) returning id")
                    .bind(s).bind(s + Duration::hours(1)).bind(t0).fetch_one(&pool).await.unwrap();
                sqlx::query(
                    "insert into bookings (session_id, citizen_id, course_id, status, booked_at, booked_by,
                        cancelled_at, cancelled_by, cancelled_late)
                     values ($1, $2, $3, $4, $5, $2, $6, $7, $8)")
                    .bind(session).bind(citizen).bind(course)
                    .bind(if cancelled.is_some() { "cancelled" } else { "booked" })
                    .bind(booked).bind(cancelled).bind(cancelled.map(|_| citizen)).bind(late)
                    .execute(&pool).await.unwrap();
            }
            pool.close().await;
            course
        }};
    }
    let course = match backend {
        Backend::Sqlite => rows_before_0012!(sqlx::SqlitePool::connect(&db.url).await.unwrap()),
        Backend::Postgres => rows_before_0012!(sqlx::PgPool::connect(&db.url).await.unwrap()),
    };
    db.repo.migrate().await.unwrap();
    let history: Vec<_> = db
        .repo
        .course_history(course)
        .await
        .unwrap()
        .into_iter()
        .map(|h| (h.outcome, h.cancel_kind, h.absence_reason))
        .collect();
    let row =
        |o: &str, k: &str, r: Option<&str>| (o.to_string(), k.to_string(), r.map(str::to_string));
    assert_eq!(
        history,
        [
            row("cancelled_on_time", "moved", None),
            row("cancelled_late", "absence", Some("hospital")),
            row("cancelled_on_time", "cancelled", None),
        ]
    );
}

async fn a_session_never_holds_more_than_its_capacity(backend: Backend) {
    let db = TestDb::new(backend).await;
    with_municipalities(db.repo.as_ref()).await;
    let s = session(db.repo.as_ref(), "2026-03-11T09:00:00Z", 2).await;
    let mut courses = Vec::new();
    for i in 0..3 {
        courses.push(citizen_with_course(db.repo.as_ref(), &format!("c:{i}")).await);
    }
    let t = at("2026-03-05T08:00:00Z");
    db.repo
        .book(s, &courses[0].1, courses[0].0, t, None)
        .await
        .unwrap();
    assert!(
        matches!(
            db.repo.book(s, &courses[0].1, courses[0].0, t, None).await,
            Err(DbError::Conflict)
        ),
        "one booking per citizen"
    );
    db.repo
        .book(s, &courses[1].1, courses[1].0, t, None)
        .await
        .unwrap();
    assert!(matches!(
        db.repo.book(s, &courses[2].1, courses[2].0, t, None).await,
        Err(DbError::Full)
    ));
    let listed = db
        .repo
        .team_sessions_from("broenderslev", at("2026-03-01T00:00:00Z"), 10)
        .await
        .unwrap();
    assert_eq!((listed[0].booked, listed[0].capacity), (2, 2));
    // The refused double booking did not leave the count raised.
    assert_eq!(
        db.repo
            .booked_sessions_from(courses[0].0, t)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(db
        .repo
        .booked_sessions_from(courses[2].0, t)
        .await
        .unwrap()
        .is_empty());
}

async fn concurrent_bookings_fill_a_session_exactly(backend: Backend) {
    let db = TestDb::new(backend).await;
    with_municipalities(db.repo.as_ref()).await;
    let s = session(db.repo.as_ref(), "2026-03-11T09:00:00Z", 5).await;
    let mut courses = Vec::new();
    for i in 0..20 {
        courses.push(citizen_with_course(db.repo.as_ref(), &format!("c:{i}")).await);
    }
    let repo = db.repo.clone();
    let tasks: Vec<_> = courses
        .into_iter()
        .map(|(citizen, course)| {
            let repo = Arc::clone(&repo);
            tokio::spawn(async move {
                repo.book(s, &course, citizen, at("2026-03-05T08:00:00Z"), None)
                    .await
            })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => ok += 1,
            Err(DbError::Full) => {}
            Err(e) => panic!("unexpected error under contention: {e}"),
        }
    }
    assert_eq!(ok, 5);
    let listed = db
        .repo
        .team_sessions_from("broenderslev", at("2026-03-01T00:00:00Z"), 10)
        .await
        .unwrap();
    assert_eq!(listed[0].booked, 5);
}

async fn coming_sessions_are_listed_in_time_order_from_now(backend: Backend) {
    let db = TestDb::new(backend).await;
    with_municipalities(db.repo.as_ref()).await;
    let (citizen, course) = citizen_with_course(db.repo.as_ref(), "c:1").await;
    let late = session(db.repo.as_ref(), "2026-03-18T09:00:00Z", 8).await;
    let past = session(db.repo.as_ref(), "2026-03-04T09:00:00Z", 8).await;
    let early = session(db.repo.as_ref(), "2026-03-11T09:00:00.500Z", 8).await;
    for s in [late, past, early] {
        db.repo
            .book(s, &course, citizen, at("2026-03-01T08:00:00Z"), None)
            .await
            .unwrap();
    }
    let coming = db
        .repo
        .booked_sessions_from(citizen, at("2026-03-04T09:00:00.001Z"))
        .await
        .unwrap();
    assert_eq!(
        coming.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![early, late]
    );
    assert_eq!(coming[0].starts_at, at("2026-03-11T09:00:00.500Z"));
}

async fn web_sessions_are_stored_touched_and_ended(backend: Backend) {
    let db = TestDb::new(backend).await;
    with_municipalities(db.repo.as_ref()).await;
    let t = at("2026-03-01T08:00:00Z");
    let p = db
        .repo
        .insert_person(&person("c:1", "Karen Østergaard", Some("vejen")), t)
        .await
        .unwrap();
    for hash in ["h1", "h2"] {
        db.repo
            .insert_web_session(&NewWebSession {
                signed_in_with: None,
                id_hash: hash.into(),
                person_id: p,
                acting_for: None,
                created_at: t,
                expires_at: t + Duration::hours(8),
            })
            .await
            .unwrap();
    }
    let s = db.repo.web_session("h1").await.unwrap().unwrap();
    assert_eq!(
        (s.person_id, s.last_seen_at, s.expires_at),
        (p, t, t + Duration::hours(8))
    );
    db.repo
        .touch_web_session("h1", t + Duration::minutes(5))
        .await
        .unwrap();
    assert_eq!(
        db.repo
            .web_session("h1")
            .await
            .unwrap()
            .unwrap()
            .last_seen_at,
        t + Duration::minutes(5)
    );
    db.repo.delete_web_session("h1").await.unwrap();
    assert!(db.repo.web_session("h1").await.unwrap().is_none());
    assert_eq!(
        db.repo.delete_web_sessions_of(p).await.unwrap(),
        1,
        "sign out everywhere"
    );
    assert!(db.repo.web_session("h2").await.unwrap().is_none());
}

async fn the_audit_log_keeps_who_did_what_on_whose_behalf(backend: Backend) {
    let db = TestDb::new(backend).await;
    with_municipalities(db.repo.as_ref()).await;
    let (citizen, proxy) = citizen_and_relative(db.repo.as_ref()).await;
    let entry = |at_: &str, actor: i64, action: &str| AuditEntry {
        at: at(at_),
        actor_id: Some(actor),
        on_behalf_of: Some(citizen),
        action: action.into(),
        detail: String::new(),
        outcome: app::domain::states::AuditOutcome::Ok,
        session_hash: Some("ab12".into()),
        client_addr: Some("198.51.100.7".into()),
    };
    db.repo
        .audit(&entry("2026-03-01T09:00:00Z", proxy, "view_overview"))
        .await
        .unwrap();
    db.repo
        .audit(&entry("2026-03-01T08:30:00Z", citizen, "sign_in"))
        .await
        .unwrap();
    let log = db.repo.audit_log_for(citizen).await.unwrap();
    assert_eq!(
        log.iter()
            .map(|e| (e.actor_id, e.action.as_str()))
            .collect::<Vec<_>>(),
        vec![(Some(citizen), "sign_in"), (Some(proxy), "view_overview")]
    );
    assert_eq!(log[0].session_hash.as_deref(), Some("ab12"));
    assert_eq!(log[0].client_addr.as_deref(), Some("198.51.100.7"));
    assert!(db.repo.audit_log_for(proxy).await.unwrap().is_empty());
}

async fn people_are_keyed_by_issuer_and_subject(backend: Backend) {
    let db = TestDb::new(backend).await;
    with_municipalities(db.repo.as_ref()).await;
    let t = at("2026-03-01T08:00:00Z");
    let karen = db
        .repo
        .insert_person(&person("mitid:sub-1", "Karen Østergaard", Some("vejen")), t)
        .await
        .unwrap();
    let staff = db
        .repo
        .insert_person(&person("staff:sub-1", "Mette Lund", None), t)
        .await
        .unwrap();
    let demo = db
        .repo
        .insert_person(&person("demo:vejen:borger", "Demo", None), t)
        .await
        .unwrap();
    // The first start with the issuer in the key gives the stored people the broker of now.
    assert_eq!(
        db.repo
            .key_legacy_subjects("mitid", "https://broker-a.dk")
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        db.repo
            .key_legacy_subjects("staff", "https://idp.dk")
            .await
            .unwrap(),
        1
    );
    let by = |s: &'static str| {
        let repo = db.repo.clone();
        async move { repo.person_by_subject(s).await.unwrap().map(|p| p.id) }
    };
    assert_eq!(by("mitid:https://broker-a.dk|sub-1").await, Some(karen));
    assert_eq!(by("staff:https://idp.dk|sub-1").await, Some(staff));
    assert_eq!(
        by("demo:vejen:borger").await,
        Some(demo),
        "other subjects are left alone"
    );
    // Again, or after a change of broker, nothing more is rewritten...
    assert_eq!(
        db.repo
            .key_legacy_subjects("mitid", "https://broker-b.dk")
            .await
            .unwrap(),
        0
    );
    // ...so the same subject from the new broker is another person.
    assert_eq!(by("mitid:https://broker-b.dk|sub-1").await, None);
    let other = db
        .repo
        .insert_person(
            &person("mitid:https://broker-b.dk|sub-1", "Someone Else", None),
            t,
        )
        .await
        .unwrap();
    assert_ne!(other, karen);
}

/// Runs one statement outside the repository, as someone with the database's password would.
async fn raw(db: &TestDb, backend: Backend, sql: &str) -> Result<u64, String> {
    match backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(&db.url).await.unwrap();
            let r = sqlx::raw_sql(sql).execute(&pool).await;
            pool.close().await;
            r.map(|r| r.rows_affected()).map_err(|e| e.to_string())
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(&db.url).await.unwrap();
            let r = sqlx::raw_sql(sql).execute(&pool).await;
            pool.close().await;
            r.map(|r| r.rows_affected()).map_err(|e| e.to_string())
        }
    }
}

async fn the_audit_log_is_append_only_and_read_a_page_at_a_time(backend: Backend) {
    use app::ssr::db::AuditFilter;
    let db = TestDb::new(backend).await;
    with_municipalities(db.repo.as_ref()).await;
    let (citizen, proxy) = citizen_and_relative(db.repo.as_ref()).await;
    let start = at("2026-03-01T08:00:00Z");
    for i in 0..120i64 {
        let (actor, action) = match i % 3 {
            0 => (Some(citizen), "view_overview"),
            1 => (Some(proxy), "book_session"),
            _ => (None, "view_training"),
        };
        db.repo
            .audit(&AuditEntry {
                at: start + Duration::minutes(i),
                actor_id: actor,
                on_behalf_of: Some(citizen),
                action: action.into(),
                detail: format!("entry {i}"),
                outcome: app::domain::states::AuditOutcome::Ok,
                session_hash: None,
                client_addr: None,
            })
            .await
            .unwrap();
    }
    // Newest first, 50 a page.
    let page = |actor, actions: &[&str], offset| AuditFilter {
        actor,
        actions: actions.iter().map(|a| a.to_string()).collect(),
        limit: 50,
        offset,
    };
    let first = db
        .repo
        .audit_log_page(citizen, &page(None, &[], 0))
        .await
        .unwrap();
    assert_eq!(first.total, 120);
    assert_eq!(first.entries.len(), 50);
    assert_eq!(first.entries[0].detail, "entry 119");
    let last = db
        .repo
        .audit_log_page(citizen, &page(None, &[], 100))
        .await
        .unwrap();
    assert_eq!(last.entries.len(), 20);
    assert_eq!(last.entries[19].detail, "entry 0");
    // By one person, by the portal itself, by kind of action.
    let by_proxy = db
        .repo
        .audit_log_page(citizen, &page(Some(Some(proxy)), &[], 0))
        .await
        .unwrap();
    assert_eq!(by_proxy.total, 40);
    assert!(by_proxy.entries.iter().all(|e| e.actor_id == Some(proxy)));
    let by_portal = db
        .repo
        .audit_log_page(citizen, &page(Some(None), &[], 0))
        .await
        .unwrap();
    assert_eq!(by_portal.total, 40);
    assert!(by_portal.entries.iter().all(|e| e.actor_id.is_none()));
    let views = db
        .repo
        .audit_log_page(citizen, &page(None, &["view_overview"], 0))
        .await
        .unwrap();
    assert_eq!(views.total, 40);
    assert!(views.entries.iter().all(|e| e.action == "view_overview"));
    let mut actors = first.actors.clone();
    actors.sort();
    assert_eq!(actors, vec![None, Some(citizen), Some(proxy)]);
    assert_eq!(first.actions.len(), 3);
    // No statement changes or deletes an entry, from the portal or a client of the database...
    assert!(raw(&db, backend, "update audit_log set detail = 'changed'")
        .await
        .is_err());
    assert!(raw(&db, backend, "delete from audit_log").await.is_err());
    if backend == Backend::Postgres {
        assert!(raw(&db, backend, "truncate audit_log").await.is_err());
    }
    assert_eq!(db.repo.audit_log_for(citizen).await.unwrap().len(), 120);
    // ...except the retention job, inside a transaction that opens the gate and closes it.
    let purge = "begin;
        insert into audit_purge (started_at) values (current_timestamp);
        delete from audit_log where detail = 'entry 0';
        delete from audit_purge;
        commit;";
    raw(&db, backend, purge).await.unwrap();
    assert_eq!(db.repo.audit_log_for(citizen).await.unwrap().len(), 119);
    assert!(
        raw(&db, backend, "delete from audit_log").await.is_err(),
        "the gate is closed again"
    );
}

async fn demo_data_is_complete_and_idempotent(backend: Backend) {
    let db = TestDb::new(backend).await;
    with_municipalities(db.repo.as_ref()).await;
    let municipalities = repo_municipalities();
    let now = at("2026-03-04T09:00:00Z");
    demo::ensure_demo_data(db.repo.as_ref(), &municipalities, now)
        .await
        .unwrap();
    let first = db
        .repo
        .people_with_subject_prefix(demo::DEMO_PREFIX)
        .await
        .unwrap();
    demo::ensure_demo_data(
        db.repo.as_ref(),
        &municipalities,
        now + Duration::minutes(1),
    )
    .await
    .unwrap();
    let second = db
        .repo
        .people_with_subject_prefix(demo::DEMO_PREFIX)
        .await
        .unwrap();
    assert_eq!(first, second, "a second run adds no people");
    assert_eq!(
        first.len(),
        26,
        "five people in each of five municipalities, and Mariagerfjord's neighbour"
    );
    for m in municipalities.all() {
        let sessions = db.repo.team_sessions_from(&m.slug, now, 100).await.unwrap();
        // Mariagerfjord has one more: full, its one place the neighbour's (the waiting list).
        let full: Vec<_> = sessions.iter().filter(|s| s.free_places() == 0).collect();
        let expected_full = usize::from(m.slug == "mariagerfjord");
        assert_eq!(full.len(), expected_full, "{}: the full session", m.slug);
        assert_eq!(
            sessions.len(),
            8 + expected_full,
            "{}: a second run adds no sessions",
            m.slug
        );
        let citizen = db
            .repo
            .person_by_subject(&format!("demo:{}:borger", m.slug))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(citizen.home_municipality.as_deref(), Some(m.slug.as_str()));
        assert!(
            db.repo.current_course(citizen.id).await.unwrap().is_some(),
            "{}: granted course",
            m.slug
        );
        assert_eq!(
            db.repo
                .booked_sessions_from(citizen.id, now)
                .await
                .unwrap()
                .len(),
            8
        );
        let relative = db
            .repo
            .person_by_subject(&format!("demo:{}:paaroerende", m.slug))
            .await
            .unwrap()
            .unwrap();
        let powers = db
            .repo
            .valid_powers_held_by(relative.id, date(2026, 3, 4))
            .await
            .unwrap();
        assert_eq!(
            powers.iter().map(|p| p.citizen_id).collect::<Vec<_>>(),
            vec![citizen.id]
        );
        for (role, staff_role) in [
            ("visitator", StaffRole::Visitator),
            ("terapeut", StaffRole::Therapist),
        ] {
            let p = db
                .repo
                .person_by_subject(&format!("demo:{}:{role}", m.slug))
                .await
                .unwrap()
                .unwrap();
            let memberships = db.repo.staff_memberships(p.id).await.unwrap();
            assert_eq!(memberships.len(), 1);
            assert_eq!(
                (memberships[0].municipality.as_str(), memberships[0].role),
                (m.slug.as_str(), staff_role)
            );
        }
    }
    // When every demo session has passed, a later start adds new ones ahead.
    let later = now + Duration::days(70);
    demo::ensure_demo_data(db.repo.as_ref(), &municipalities, later)
        .await
        .unwrap();
    let citizen = db
        .repo
        .person_by_subject("demo:vejen:borger")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        db.repo
            .booked_sessions_from(citizen.id, later)
            .await
            .unwrap()
            .len(),
        8
    );
}

/// A pending sign-in is taken once only, and not after it expired.
async fn a_pending_sign_in_is_used_once_and_expires(backend: Backend) {
    let db = TestDb::new(backend).await;
    let t = at("2026-03-04T09:00:00Z");
    let pending = |hash: &str| PendingLogin {
        state_hash: hash.into(),
        kind: "citizen".into(),
        nonce: "n".into(),
        pkce_verifier: "v".into(),
        return_to: "/oversigt".into(),
        created_at: t,
        expires_at: t + Duration::minutes(10),
    };
    db.repo.insert_pending_login(&pending("a")).await.unwrap();
    db.repo.insert_pending_login(&pending("b")).await.unwrap();
    let taken = db
        .repo
        .take_pending_login("a", t + Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!(taken, Some(pending("a")));
    assert_eq!(
        db.repo
            .take_pending_login("a", t + Duration::minutes(1))
            .await
            .unwrap(),
        None,
        "used once only"
    );
    assert_eq!(
        db.repo
            .take_pending_login("b", t + Duration::minutes(10))
            .await
            .unwrap(),
        None,
        "expired at its tenth minute"
    );
}

/// The staff provider's roles replace the stored ones at each sign-in.
async fn staff_roles_follow_the_provider(backend: Backend) {
    let db = TestDb::new(backend).await;
    with_municipalities(db.repo.as_ref()).await;
    let t = at("2026-03-04T09:00:00Z");
    let p = db
        .repo
        .insert_person(&person("staff:x", "Birgit", None), t)
        .await
        .unwrap();
    db.repo
        .set_staff_roles(p, "vejen", &[StaffRole::Visitator, StaffRole::Admin], t)
        .await
        .unwrap();
    db.repo
        .set_staff_roles(p, "vejen", &[StaffRole::Therapist], t)
        .await
        .unwrap();
    let roles: Vec<StaffRole> = db
        .repo
        .staff_memberships(p)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.role)
        .collect();
    assert_eq!(roles, vec![StaffRole::Therapist]);
    db.repo
        .update_person_identity(p, "Birgit Holm", None)
        .await
        .unwrap();
    let stored = db.repo.person(p).await.unwrap().unwrap();
    assert_eq!(
        (stored.name.as_str(), stored.birth_date),
        ("Birgit Holm", NaiveDate::from_ymd_opt(1950, 1, 31))
    );
}

fn email(to: &str, t: &str) -> NewEmail {
    NewEmail {
        recipient_person_id: None,
        to_address: to.into(),
        subject: "Fuldmagt".into(),
        body_text: format!("Til {to}"),
        created_at: at(t),
        channel: app::ssr::db::OutboxChannel::Email,
    }
}

async fn an_invitation_is_accepted_once_in_time_and_never_by_the_citizen(backend: Backend) {
    let db = TestDb::new(backend).await;
    with_municipalities(db.repo.as_ref()).await;
    let (citizen, proxy) = citizen_and_relative(db.repo.as_ref()).await;
    let invite = |hash: &str| NewInvitation {
        citizen_id: citizen,
        invite_name: "Jens Østergaard".into(),
        invite_email: "jens@example.dk".into(),
        token_hash: hash.into(),
        scopes: Scopes {
            view: true,
            book: true,
            ..Scopes::default()
        },
        expires_on: NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(),
        source: PowerSource::Citizen,
        document_ref: None,
        created_by: citizen,
        created_at: at("2026-03-01T08:00:00Z"),
        invitation_expires_at: at("2026-03-15T08:00:00Z"),
    };
    let id = db
        .repo
        .insert_invitation(
            &invite("h1"),
            &email("jens@example.dk", "2026-03-01T08:00:00Z"),
        )
        .await
        .unwrap();
    let mail = db.repo.outbox_messages(10).await.unwrap();
    assert_eq!(mail.len(), 1, "the email is queued with the invitation");
    assert_eq!(mail[0].to_address, "jens@example.dk");
    let p = db.repo.power_by_invitation("h1").await.unwrap().unwrap();
    assert_eq!((p.id, p.proxy_id, p.accepted_at), (id, None, None));
    assert_eq!(p.invite_name.as_deref(), Some("Jens Østergaard"));
    assert_eq!(p.citizen_municipality.as_deref(), Some("vejen"));

    let now = at("2026-03-02T08:00:00Z");
    assert!(
        matches!(
            db.repo
                .accept_invitation("h1", citizen, true, now, &[])
                .await,
            Err(DbError::NotFound)
        ),
        "not by the citizen"
    );
    assert!(
        matches!(
            db.repo
                .accept_invitation("h1", proxy, true, at("2026-03-15T08:00:00Z"), &[])
                .await,
            Err(DbError::NotFound)
        ),
        "not once the link has expired"
    );
    assert_eq!(
        db.repo
            .accept_invitation(
                "h1",
                proxy,
                true,
                now,
                &[email("karen@example.dk", "2026-03-02T08:00:00Z")]
            )
            .await
            .unwrap()
            .id,
        id
    );
    assert_eq!(
        db.repo.outbox_messages(10).await.unwrap().len(),
        2,
        "the citizen's notice is queued with the acceptance"
    );
    assert!(
        matches!(
            db.repo.accept_invitation("h1", proxy, true, now, &[]).await,
            Err(DbError::NotFound)
        ),
        "only once"
    );
    assert!(
        db.repo.power_by_invitation("h1").await.unwrap().is_none(),
        "the token is gone"
    );
    let held = db
        .repo
        .valid_powers_held_by(proxy, NaiveDate::from_ymd_opt(2026, 3, 2).unwrap())
        .await
        .unwrap();
    assert_eq!(held.len(), 1);
    assert!(held[0].scopes.book && !held[0].scopes.apply);
    let given = db.repo.powers_given_by(citizen).await.unwrap();
    assert_eq!(given[0].proxy_name.as_deref(), Some("Jens Østergaard"));
    assert_eq!(db.repo.powers_held_by(proxy).await.unwrap()[0].id, id);

    // Revoking queues the notice with it; an invitation revoked before acceptance cannot be used.
    db.repo
        .revoke_power(
            id,
            citizen,
            now,
            &[email("jens@example.dk", "2026-03-02T08:00:00Z")],
        )
        .await
        .unwrap();
    assert_eq!(db.repo.outbox_messages(10).await.unwrap().len(), 3);
    let second = db
        .repo
        .insert_invitation(
            &invite("h2"),
            &email("jens@example.dk", "2026-03-01T08:00:00Z"),
        )
        .await
        .unwrap();
    db.repo
        .revoke_power(second, citizen, now, &[])
        .await
        .unwrap();
    assert!(matches!(
        db.repo.accept_invitation("h2", proxy, true, now, &[]).await,
        Err(DbError::NotFound)
    ));
    assert!(db
        .repo
        .valid_powers_held_by(proxy, NaiveDate::from_ymd_opt(2026, 3, 2).unwrap())
        .await
        .unwrap()
        .is_empty());
    // A differing name: accepted, but not in force until the citizen confirms.
    let third = db
        .repo
        .insert_invitation(
            &invite("h3"),
            &email("jens@example.dk", "2026-03-01T08:00:00Z"),
        )
        .await
        .unwrap();
    let accepted = db
        .repo
        .accept_invitation("h3", proxy, false, now, &[])
        .await
        .unwrap();
    assert!(accepted.awaiting_confirmation);
    let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    assert!(db
        .repo
        .valid_powers_held_by(proxy, today)
        .await
        .unwrap()
        .is_empty());
    assert!(
        matches!(
            db.repo.confirm_power(third, proxy).await,
            Err(DbError::NotFound)
        ),
        "not by the relative"
    );
    db.repo.confirm_power(third, citizen).await.unwrap();
    assert_eq!(
        db.repo
            .valid_powers_held_by(proxy, today)
            .await
            .unwrap()
            .len(),
        1
    );
    // Registered by staff: never accepted by the one who registered it; in force once a second
    // staff member approves, never the registrant.
    let staff = db
        .repo
        .insert_person(&person("s:1", "Mette Lund", None), now)
        .await
        .unwrap();
    let colleague = db
        .repo
        .insert_person(&person("s:2", "Per Dahl", None), now)
        .await
        .unwrap();
    let paper = |hash: &str| NewInvitation {
        source: PowerSource::Paper,
        document_ref: Some("J-1".into()),
        created_by: staff,
        ..invite(hash)
    };
    let registered = db
        .repo
        .insert_invitation(
            &paper("h4"),
            &email("jens@example.dk", "2026-03-01T08:00:00Z"),
        )
        .await
        .unwrap();
    assert!(matches!(
        db.repo.accept_invitation("h4", staff, true, now, &[]).await,
        Err(DbError::NotFound)
    ));
    assert!(matches!(
        db.repo.approve_power(registered, staff, now, &[]).await,
        Err(DbError::NotFound)
    ));
    db.repo
        .revoke_power(third, citizen, now, &[])
        .await
        .unwrap();
    db.repo
        .accept_invitation("h4", proxy, true, now, &[])
        .await
        .unwrap();
    assert!(db
        .repo
        .valid_powers_held_by(proxy, today)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        db.repo
            .powers_awaiting_approval("vejen", now, today)
            .await
            .unwrap()
            .len(),
        1
    );
    db.repo
        .approve_power(registered, colleague, now, &[])
        .await
        .unwrap();
    assert_eq!(
        db.repo
            .valid_powers_held_by(proxy, today)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(db
        .repo
        .powers_awaiting_approval("vejen", now, today)
        .await
        .unwrap()
        .is_empty());
}

async fn staff_find_citizens_of_their_municipality_by_name_and_birth_date(backend: Backend) {
    let db = TestDb::new(backend).await;
    with_municipalities(db.repo.as_ref()).await;
    let (citizen, _) = citizen_and_relative(db.repo.as_ref()).await;
    let born = db
        .repo
        .person(citizen)
        .await
        .unwrap()
        .unwrap()
        .birth_date
        .unwrap();
    let found = db
        .repo
        .citizens_named("vejen", "KAREN østergaard ", born)
        .await
        .unwrap();
    assert_eq!(
        found.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![citizen]
    );
    assert!(db
        .repo
        .citizens_named("samsoe", "Karen Østergaard", born)
        .await
        .unwrap()
        .is_empty());
    assert!(db
        .repo
        .citizens_named("vejen", "Karen Østergaard", born.succ_opt().unwrap())
        .await
        .unwrap()
        .is_empty());
}

/// A hearing: one open per course, answered once, and a termination that cancels the bookings
/// after the last day (freeing their places) in one step, with the decision linked; decided
/// once.
async fn a_hearing_is_answered_once_and_a_termination_cancels_what_lies_after_the_last_day(
    backend: Backend,
) {
    use app::domain::hearing::{AnswerChannel, HearingStatus};
    use app::ssr::db::{HearingAnswer, NewHearing, Termination};
    let db = TestDb::new(backend).await;
    with_municipalities(db.repo.as_ref()).await;
    let repo = db.repo.as_ref();
    let (citizen, course) = citizen_with_course(repo, "c:hearing").await;
    let before = session(repo, "2026-03-10T09:00:00Z", 8).await;
    let after = session(repo, "2026-03-17T09:00:00Z", 8).await;
    for s in [before, after] {
        repo.book(s, &course, citizen, at("2026-03-02T08:00:00Z"), None)
            .await
            .unwrap();
    }
    let new = |considered: &str| NewHearing {
        course_id: course.id,
        citizen_id: citizen,
        municipality: "broenderslev".into(),
        flag_id: None,
        rule_id: Some("BRS-18b".into()),
        facts: "{}".into(),
        considered: considered.into(),
        answer_due_at: at("2026-03-18T22:59:59Z"),
        started_by: citizen,
        started_at: at("2026-03-04T09:00:00Z"),
    };
    let id = repo
        .start_hearing(&new("To afbud."), &[])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        repo.start_hearing(&new("Igen."), &[]).await.unwrap(),
        None,
        "one open per course"
    );
    assert_eq!(
        repo.course(course.id).await.unwrap().unwrap().status.code(),
        "termination_review"
    );
    let answer = HearingAnswer {
        hearing: id,
        text: "Jeg var syg.".into(),
        by: citizen,
        channel: AnswerChannel::Portal,
        recorded_by: None,
        at: at("2026-03-05T09:00:00Z"),
    };
    assert!(repo.answer_hearing(&answer, &[]).await.unwrap());
    assert!(
        !repo.answer_hearing(&answer, &[]).await.unwrap(),
        "answered once"
    );
    let h = repo.hearing(id).await.unwrap().unwrap();
    assert_eq!(
        (h.status, h.answer.as_deref()),
        (HearingStatus::Answered, Some("Jeg var syg."))
    );

    let mut d = decision(citizen, citizen, "terminated");
    d.decided_at = at("2026-03-06T09:00:00Z");
    d.last_day_on = Some(date(2026, 3, 13));
    let t = Termination {
        hearing: id,
        decision: d,
        last_day: date(2026, 3, 13),
        cancel_from: at("2026-03-13T23:00:00Z"),
        seen: HearingStatus::Answered,
    };
    // Decided on the state before the answer came: refused, nothing written.
    let stale = Termination {
        seen: HearingStatus::AwaitingAnswer,
        ..t.clone()
    };
    assert_eq!(
        repo.terminate_course(&stale, &[]).await.unwrap(),
        None,
        "an answer came since"
    );
    assert_eq!(
        repo.hearing(id).await.unwrap().unwrap().status,
        HearingStatus::Answered
    );
    let (decision_id, cancelled) = repo.terminate_course(&t, &[]).await.unwrap().unwrap();
    assert_eq!(cancelled, vec![after]);
    assert_eq!(
        repo.terminate_course(&t, &[]).await.unwrap(),
        None,
        "decided once"
    );
    let saved = repo.decision(decision_id).await.unwrap().unwrap();
    assert_eq!(saved.kind.code(), "termination");
    assert_eq!(saved.last_day_on, Some(date(2026, 3, 13)));
    assert_eq!(
        repo.hearing_of_decision(decision_id)
            .await
            .unwrap()
            .unwrap()
            .id,
        id
    );
    let c = repo.course(course.id).await.unwrap().unwrap();
    assert_eq!(
        (c.status.code(), c.last_day_on),
        ("active", Some(date(2026, 3, 13)))
    );
    assert_eq!(
        repo.booking_status(before, citizen)
            .await
            .unwrap()
            .map(|s| s.code()),
        Some("booked")
    );
    assert_eq!(
        repo.booking_status(after, citizen)
            .await
            .unwrap()
            .map(|s| s.code()),
        Some("cancelled")
    );
    assert_eq!(repo.team_session(after).await.unwrap().unwrap().booked, 0);
    assert!(
        repo.course_history(course.id).await.unwrap().is_empty(),
        "not the citizen's cancellation"
    );
    assert_eq!(repo.hearings_in("broenderslev").await.unwrap().len(), 1);
    assert!(repo.hearings_in("vejen").await.unwrap().is_empty());
}

/// Tasks are raised once per kind and subject, given and closed once; the day's run is claimed
/// by one of two racing instances and finished with its emails once; phone hours changes keep
/// their days.
async fn tasks_and_the_daily_run_happen_once(backend: Backend) {
    use app::domain::tasks::{Obligation, TaskKind, TaskStatus};
    let db = TestDb::new(backend).await;
    let repo = db.repo.as_ref();
    with_municipalities(repo).await;
    let (karen, jens) = citizen_and_relative(repo).await;
    let now = at("2026-03-04T09:00:00Z");
    let task = |subject: i64| Obligation {
        kind: TaskKind::HearingDeadline,
        subject,
        rule_id: "GEN-2".into(),
        citizen_id: karen,
        due_on: date(2026, 3, 18),
        facts_da: "Svarfristen udløber.".into(),
        facts_en: "The answer period ends.".into(),
        link: "/personale/partshoeringer/1".into(),
    };
    assert_eq!(
        repo.raise_tasks("vejen", &[task(1), task(2)], now)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        repo.raise_tasks("vejen", &[task(1), task(3)], now)
            .await
            .unwrap(),
        1
    );
    let open = repo.open_tasks("vejen").await.unwrap();
    assert_eq!(open.len(), 3);
    assert_eq!(open[0].due_on, date(2026, 3, 18));
    assert_eq!(open[0].citizen_name, "Karen Østergaard");
    assert!(repo.open_tasks("samsoe").await.unwrap().is_empty());
    let id = open[0].id;
    assert!(
        repo.task(id, "samsoe").await.unwrap().is_none(),
        "not another municipality's"
    );
    assert!(repo.assign_task(id, "vejen", Some(jens)).await.unwrap());
    assert_eq!(
        repo.task(id, "vejen")
            .await
            .unwrap()
            .unwrap()
            .assignee_name
            .as_deref(),
        Some("Jens Østergaard")
    );
    assert!(!repo.close_task(id, "samsoe", jens, now, "x").await.unwrap());
    assert!(repo
        .close_task(id, "vejen", jens, now, "Ringet op")
        .await
        .unwrap());
    assert!(!repo
        .close_task(id, "vejen", jens, now, "igen")
        .await
        .unwrap());
    assert!(
        !repo.assign_task(id, "vejen", None).await.unwrap(),
        "a closed task stays closed"
    );
    let closed = repo.closed_tasks("vejen", 10).await.unwrap();
    assert_eq!(closed.len(), 1);
    assert_eq!(
        (
            closed[0].status,
            closed[0].close_note.as_deref(),
            closed[0].closed_by_name.as_deref()
        ),
        (
            TaskStatus::Closed,
            Some("Ringet op"),
            Some("Jens Østergaard")
        )
    );
    assert_eq!(
        repo.raise_tasks("vejen", &[task(open[0].subject)], now)
            .await
            .unwrap(),
        0
    );

    // Two instances claim the day at once: one wins. A stale unfinished run can be taken over.
    let day = date(2026, 3, 4);
    let stale = now - Duration::hours(1);
    let (a, b) = tokio::join!(
        repo.claim_daily_run(day, "a", now, stale),
        repo.claim_daily_run(day, "b", now, stale)
    );
    assert_eq!([a.unwrap(), b.unwrap()].iter().filter(|x| **x).count(), 1);
    let later = now + Duration::hours(2);
    assert!(repo
        .claim_daily_run(day, "c", later, later - Duration::hours(1))
        .await
        .unwrap());
    let mail = NewEmail {
        recipient_person_id: Some(jens),
        to_address: "jens@example.dk".into(),
        subject: "Træningsportalen: 1".into(),
        body_text: "x".into(),
        created_at: later,
        channel: app::ssr::db::OutboxChannel::Email,
    };
    assert!(repo
        .finish_daily_run(day, 2, std::slice::from_ref(&mail), later)
        .await
        .unwrap());
    assert!(!repo
        .finish_daily_run(day, 2, std::slice::from_ref(&mail), later)
        .await
        .unwrap());
    assert!(!repo
        .claim_daily_run(
            day,
            "d",
            later + Duration::hours(5),
            later + Duration::hours(4)
        )
        .await
        .unwrap());
    let sent: Vec<_> = repo
        .outbox_messages(10)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.subject == "Træningsportalen: 1")
        .collect();
    assert_eq!(sent.len(), 1, "the digest written once");
    let runs = repo.daily_runs(5).await.unwrap();
    assert_eq!(
        (
            runs[0].day,
            runs[0].instance.as_str(),
            runs[0].flags_raised,
            runs[0].digests_sent
        ),
        (day, "c", Some(2), Some(1))
    );

    repo.add_phone_hours_change(&app::ssr::db::NewPhoneHoursChange {
        municipality: "broenderslev".into(),
        rule_id: "BRS-08".into(),
        from_on: date(2026, 12, 21),
        to_on: date(2027, 1, 3),
        hours: "[]".into(),
        note: "Ring 1813".into(),
        set_by: jens,
        set_at: now,
    })
    .await
    .unwrap();
    let changes = repo.phone_hours_changes_of("broenderslev").await.unwrap();
    assert_eq!(
        (
            changes[0].from_on,
            changes[0].to_on,
            changes[0].set_by_name.as_str()
        ),
        (date(2026, 12, 21), date(2027, 1, 3), "Jens Østergaard")
    );
    assert!(repo
        .phone_hours_changes_of("vejen")
        .await
        .unwrap()
        .is_empty());
}

on_both_backends!(
    tasks_and_the_daily_run_happen_once,
    a_hearing_is_answered_once_and_a_termination_cancels_what_lies_after_the_last_day,
    an_invitation_is_accepted_once_in_time_and_never_by_the_citizen,
    staff_find_citizens_of_their_municipality_by_name_and_birth_date,
    a_pending_sign_in_is_used_once_and_expires,
    staff_roles_follow_the_provider,
    migrations_run_twice_and_municipalities_follow_their_files,
    a_person_is_found_by_id_and_subject_and_subjects_are_unique,
    staff_belong_to_their_municipality,
    a_power_of_attorney_counts_until_its_last_day_and_not_after_revocation,
    a_grant_creates_a_course_and_a_refusal_does_not,
    a_decision_keeps_how_it_was_delivered_and_its_first_reading_once,
    decisions_made_before_delivery_was_recorded_keep_the_deadline_they_showed,
    cancellations_made_before_their_kind_was_recorded_are_read_from_their_instants,
    a_session_never_holds_more_than_its_capacity,
    concurrent_bookings_fill_a_session_exactly,
    coming_sessions_are_listed_in_time_order_from_now,
    web_sessions_are_stored_touched_and_ended,
    the_audit_log_keeps_who_did_what_on_whose_behalf,
    the_audit_log_is_append_only_and_read_a_page_at_a_time,
    people_are_keyed_by_issuer_and_subject,
    demo_data_is_complete_and_idempotent,
);
