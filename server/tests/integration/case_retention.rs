//! Retention of cases (issue 17): six years on, the daily job deletes each case that ended more
//! than five years ago, whole (decision, course, bookings, attendance, complaint and its
//! new decision, a hearing and the termination decision after it, closed tasks, absences),
//! and keeps every case something can still act on: an
//! open complaint, an open task, a recent decision. The citizen's export shows what is kept.
//! Messages with the training unit go once nothing of the citizen's cases is left.
use crate::complaints::{complain, decision, settle};
use crate::http::{person_of, Browser, NOW};
use crate::support::{at, count_sql, on_both_backends, spawn_app, Backend, TestApp};
use app::domain::complaint_guidance::DecisionOutcome;
use app::domain::decision_delivery::Delivery;
use app::domain::tasks::unopened;
use app::domain::time_format::local_date;
use app::ssr::clock::Clock;
use app::ssr::db::{NewAbsence, NewCitizenMessage, NewDecision, NewPerson};
use chrono::{DateTime, Days, Duration, NaiveDate, Utc};

/// A granted 12-week team course for the citizen, decided and published at `now`.
async fn grant(app: &TestApp, citizen: i64, by: i64, now: DateTime<Utc>) -> i64 {
    let (id, _) = app
        .state
        .repo
        .insert_decision_with_course(&NewDecision {
            application_id: None,
            complaint_guidance: None,
            replaces_decision_id: None,
            citizen_id: citizen,
            municipality: "vejen".into(),
            outcome: DecisionOutcome::Granted,
            training_form: "team".into(),
            place: "Vejen Sundhedscenter".into(),
            sessions_per_week: 1,
            weeks: Some(12),
            start_on: local_date(now),
            reasons: None,
            legal_basis: "Serviceloven § 86, stk. 2".into(),
            decided_by: by,
            decided_at: now,
            delivery: Delivery::Portal(now),
            transport_outcome: None,
            transport_guidance: None,
            last_day_on: None,
        })
        .await
        .unwrap();
    id
}

async fn decisions_of(app: &TestApp, citizen: i64) -> Vec<i64> {
    let mut ids: Vec<i64> = app
        .state
        .repo
        .decisions_of(citizen)
        .await
        .unwrap()
        .iter()
        .map(|d| d.id)
        .collect();
    ids.sort();
    ids
}

async fn ended_cases_go_whole_and_running_ones_stay(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let now = at(NOW);
    let repo = app.state.repo.clone();
    let today = local_date(now);

    // Karen (Vejen): a refusal and a granted course with weekly sessions booked. She trains
    // once, and is in hospital for ten days in June.
    let karen = person_of(&app, "demo:vejen:borger").await;
    let karen_course = repo.current_course(karen).await.unwrap().unwrap();
    let karens_old = decisions_of(&app, karen).await;
    let sessions = repo.booked_sessions_from(karen, now).await.unwrap();
    let anders = person_of(&app, "demo:vejen:terapeut").await;
    assert!(repo
        .mark_attendance(
            sessions[0].id,
            karen,
            "attended",
            anders,
            sessions[0].starts_at,
            &[]
        )
        .await
        .unwrap());
    let june = |d| NaiveDate::from_ymd_opt(2026, 6, d).unwrap();
    repo.register_absence(
        &NewAbsence {
            citizen_id: karen,
            from_on: june(1),
            to_on: june(10),
            reason: "hospital".into(),
            created_by: karen,
            created_at: now,
            review_flags: Vec::new(),
        },
        &[],
        None,
    )
    .await
    .unwrap();

    // Henrik (Fredensborg) complains about his refusal and is given a 12-week course instead:
    // the complaint is closed, the new decision replaces the refusal.
    let henrik = person_of(&app, "demo:fredensborg:borger").await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Henrik Larsen").await;
    let refused = decision(&app, henrik, "refused").await;
    let henriks_complaint = complain(&mut b, refused, "").await;
    let mut camilla = Browser::new(&app);
    camilla.sign_in_as("Camilla Friis").await;
    settle(
        &app,
        &mut camilla,
        &henriks_complaint,
        &[
            ("outcome", "full"),
            ("training_form", "team"),
            ("place", "Træningscenter Kokkedal"),
            ("sessions_per_week", "1"),
            ("weeks", "12"),
            ("start_on", "2026-03-12"),
            ("reasons", ""),
        ],
    )
    .await;
    let henriks = decisions_of(&app, henrik).await;
    assert_eq!(henriks.len(), 3, "refusal, grant and the new decision");

    // Erik (Samsø) complains about his grant; nobody has handled it yet.
    let erik = person_of(&app, "demo:samsoe:borger").await;
    let eriks_grant = decision(&app, erik, "granted").await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Erik Mikkelsen").await;
    let eriks_complaint = complain(&mut b, eriks_grant, "Jeg har brug for mere.").await;

    // Inger's (Brønderslev) and Grethe's (Mariagerfjord) grants were never opened: a task
    // each. Grethe's is done; Inger's is still open.
    let later_today = today + Days::new(30);
    for (slug, subject) in [("broenderslev", "borger"), ("mariagerfjord", "borger")] {
        let citizen = person_of(&app, &format!("demo:{slug}:{subject}")).await;
        let grant = decision(&app, citizen, "granted").await;
        let task = unopened(grant, citizen, now, later_today, String::new()).unwrap();
        repo.raise_tasks(slug, &[task], now).await.unwrap();
    }
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let ingers_grant = decision(&app, inger, "granted").await;
    let grethe = person_of(&app, "demo:mariagerfjord:borger").await;
    let tina = person_of(&app, "demo:mariagerfjord:visitator").await;
    let gretes_task = repo.open_tasks("mariagerfjord").await.unwrap()[0].id;
    assert!(repo
        .close_task(
            gretes_task,
            "mariagerfjord",
            tina,
            now,
            "Ringet til borgeren."
        )
        .await
        .unwrap());

    // Grethe's course is ended after a hearing nobody answered: a termination decision with a
    // last day a week after the answer period. It goes with her grant, as one case.
    let grethes_course = repo.current_course(grethe).await.unwrap().unwrap();
    let mut tina_b = Browser::new(&app);
    tina_b.sign_in_as("Tina Skov").await;
    let form = format!("/personale/partshoeringer/ny?forloeb={}", grethes_course.id);
    let considered = "Du har meldt afbud flere gange. Kommunen overvejer at afslutte forløbet.";
    tina_b
        .post_form(
            &form,
            "/api/staff/start_hearing",
            &[
                ("course", &grethes_course.id.to_string()),
                ("considered", considered),
                ("rule", ""),
            ],
        )
        .await;
    let hearing = repo.hearings_of(grethe).await.unwrap()[0].clone();
    app.clock.set(hearing.answer_due_at + Duration::days(1));
    tina_b.sign_in_as("Tina Skov").await;
    let last_day = local_date(app.clock.now()) + Days::new(7);
    let case = format!("/personale/partshoeringer/{}", hearing.id);
    tina_b
        .post_form(
            &case,
            "/api/staff/decide_hearing",
            &[
                ("hearing", &hearing.id.to_string()),
                ("outcome", "terminate"),
                ("reasons", "Du har ikke deltaget stabilt."),
                ("last_day", &last_day.to_string()),
                ("delivery", "portal"),
            ],
        )
        .await;
    let termination = repo
        .hearing(hearing.id)
        .await
        .unwrap()
        .unwrap()
        .decision_id
        .expect("a termination decision");
    assert_eq!(decisions_of(&app, grethe).await.len(), 3);

    // Two threads with the unit: Karen's (a new case will keep it) and Ole's, who asked before
    // applying and never did (it goes when the period has passed).
    let ole = repo
        .insert_person(
            &NewPerson {
                subject: "test:ole".into(),
                name: "Ole Spørger".into(),
                email: None,
                phone: None,
                birth_date: None,
                home_municipality: Some("vejen".into()),
            },
            now,
        )
        .await
        .unwrap();
    for who in [karen, ole] {
        repo.add_citizen_message(&NewCitizenMessage {
            citizen_id: who,
            municipality: "vejen".into(),
            topic: "application".into(),
            author_id: who,
            body: "Hvornår kan jeg begynde?".into(),
            at: now,
        })
        .await
        .unwrap();
    }
    let threads_before = count_sql(&app.db, "select count(*) from message_threads").await;

    // Six years on, Karen is granted training again.
    let six_years_on = now + Duration::days(6 * 365);
    app.clock.set(six_years_on);
    let mette = person_of(&app, "demo:vejen:visitator").await;
    let karens_new = grant(&app, karen, mette, six_years_on).await;
    let decisions_before = count_sql(&app.db, "select count(*) from decisions").await;

    let run = app::ssr::jobs::daily(&app.state, "a")
        .await
        .unwrap()
        .unwrap();

    // Karen: only the new case is left; the old course went with its bookings, attendance and
    // her hospital stay. The municipality's sessions themselves stay (its planning).
    assert_eq!(decisions_of(&app, karen).await, vec![karens_new]);
    assert_eq!(repo.course(karen_course.id).await.unwrap(), None);
    for (table, rows) in [("bookings", 0), ("attendance", 0), ("absence_periods", 0)] {
        let n = count_sql(
            &app.db,
            &format!("select count(*) from {table} where citizen_id = {karen}"),
        )
        .await;
        assert_eq!(n, rows, "{table}");
    }
    assert!(repo.team_session(sessions[0].id).await.unwrap().is_some());
    // Henrik: the complaint, the decision it led to and the refusal it replaced are gone.
    assert_eq!(decisions_of(&app, henrik).await, Vec::<i64>::new());
    assert!(repo
        .complaint_by_reference(&henriks_complaint)
        .await
        .unwrap()
        .is_none());
    // Erik's complaint is open: his grant stays with its course and complaint; his refusal,
    // a case of its own that ended, goes.
    assert_eq!(decisions_of(&app, erik).await, vec![eriks_grant]);
    assert!(repo.current_course(erik).await.unwrap().is_some());
    assert!(repo
        .complaint_by_reference(&eriks_complaint)
        .await
        .unwrap()
        .is_some());
    // Inger's open task keeps her grant. Grethe's closed task went with hers, and so did the
    // hearing and the termination decision made after it.
    assert_eq!(decisions_of(&app, inger).await, vec![ingers_grant]);
    assert_eq!(repo.open_tasks("broenderslev").await.unwrap().len(), 1);
    assert_eq!(decisions_of(&app, grethe).await, Vec::<i64>::new());
    assert!(repo.hearing(hearing.id).await.unwrap().is_none());
    assert_eq!(repo.hearing_of_decision(termination).await.unwrap(), None);
    assert_eq!(
        count_sql(
            &app.db,
            "select count(*) from tasks where municipality = 'mariagerfjord'"
        )
        .await,
        0
    );

    let decisions_after = count_sql(&app.db, "select count(*) from decisions").await;
    assert_eq!(
        run.purged.cases,
        (decisions_before - decisions_after) as u64
    );
    assert_eq!(run.purged.absences, 1);
    assert!(
        repo.threads_of(ole).await.unwrap().is_empty(),
        "no case: gone"
    );
    assert_eq!(
        repo.threads_of(karen).await.unwrap().len(),
        1,
        "kept with her new case"
    );
    let threads_after = count_sql(&app.db, "select count(*) from message_threads").await;
    assert_eq!(
        run.purged.message_threads,
        (threads_before - threads_after) as u64
    );
    assert_eq!(run.purged.service_complaints, 0);
    // Nothing is left to delete.
    let again = repo
        .purge(&app.state.settings.retention.cutoffs(six_years_on))
        .await
        .unwrap();
    assert_eq!((again.cases, again.absences), (0, 0));

    // Karen's own copy of her data holds what is kept, and nothing of the old case.
    let mut b = Browser::new(&app);
    b.sign_in_as("Karen Østergaard").await;
    let export: serde_json::Value = b.get("/min-log/data.json").await.json().await.unwrap();
    let ids: Vec<i64> = export["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![karens_new]);
    assert_eq!(export["attendance"].as_array().unwrap().len(), 0);
    for old in karens_old {
        let (status, _) = b.page(&format!("/afgoerelse/{old}")).await;
        assert_eq!(status, 404, "the old decision letter is gone");
    }
}

on_both_backends!(ended_cases_go_whole_and_running_ones_stay);
