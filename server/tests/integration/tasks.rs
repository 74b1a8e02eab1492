//! Tasks and the daily job over HTTP, as without JavaScript (issue 15, parts 3 and 4). An
//! obligation the rules create becomes a task on the municipality's list once, however often the
//! job looks (FRB-12 after Fredensborg cancels, BRS-19 after a hospital stay); staff take it,
//! give it to a colleague and close it with a note, and nothing closes it by itself. The daily
//! job runs once per day across two instances, raises the interruption nobody acted on (BRS-18a)
//! once, and emails each caseworker a digest of what is due.
use crate::booking::{booked_now, mail_to};
use crate::http::{clean, email_of, location, person_of, refusal, Browser, NOW};
use crate::support::{at, on_both_backends, second_instance, spawn_app, Backend};
use app::domain::tasks::{Obligation, TaskKind, TaskStatus};
use app::domain::time_format::local_date;
use app::ssr::jobs;

async fn fredensborgs_cancellation_is_a_task_staff_take_give_on_and_close(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let repo = &app.state.repo;
    let henrik = person_of(&app, "demo:fredensborg:borger").await;
    let mads = person_of(&app, "demo:fredensborg:terapeut").await;
    let rikke = person_of(&app, "demo:fredensborg:admin").await;
    let session = booked_now(&app, henrik).await[0].id;
    let offers = |tasks: &[app::ssr::db::TaskRecord]| {
        tasks
            .iter()
            .filter(|t| t.kind == TaskKind::OfferAlternative)
            .cloned()
            .collect::<Vec<_>>()
    };
    jobs::raise_tasks(&app.state).await.unwrap();
    assert!(offers(&repo.open_tasks("fredensborg").await.unwrap()).is_empty());

    let mut staff = Browser::new(&app);
    staff.sign_in_as("Camilla Friis").await;
    let page = format!("/personale/hold/{session}");
    staff
        .post_form(
            &page,
            "/api/staff/cancel_session",
            &[("session", &session.to_string())],
        )
        .await;
    // Raised once, however often the job looks, and on the day of the cancellation.
    jobs::raise_tasks(&app.state).await.unwrap();
    jobs::raise_tasks(&second_instance(&app).await)
        .await
        .unwrap();
    let open = offers(&repo.open_tasks("fredensborg").await.unwrap());
    assert_eq!(open.len(), 1, "one task for Henrik's booking");
    let task = open[0].clone();
    assert_eq!(
        (task.citizen_id, task.rule_id.as_str(), task.due_on),
        (henrik, "FRB-12", local_date(at(NOW)))
    );
    assert_eq!(task.assignee_id, None);

    let list = "/personale/opgaver";
    let (_, html) = staff.page(list).await;
    let html = clean(&html);
    assert!(
        html.contains("Tilbyd et andet hold efter aflysning (FRB-12)"),
        "{html}"
    );
    assert!(html.contains("Henrik Larsen"));
    assert!(html.contains("Ingen endnu"));
    assert!(html.contains("Forfalder inden for 2 hverdage"));
    assert!(html.contains("når borgeren er booket på et andet hold eller har sagt nej tak"));

    // Take it: it is hers, and on her own list.
    let id = task.id.to_string();
    let res = staff
        .post_form(list, "/api/staff/take_task", &[("id", &id)])
        .await;
    assert_eq!(
        location(&res),
        format!("/personale/opgaver?taget={id}#opgave-{id}")
    );
    let (_, mine) = staff.page("/personale/opgaver?vis=mine").await;
    let mine = clean(&mine);
    assert!(mine.contains("Henrik Larsen"), "{mine}");
    assert!(mine.contains("<dd>Dig</dd>"));

    // A colleague cannot take it from her by pressing "take": giving on is done on purpose.
    let mut admin = Browser::new(&app);
    admin.sign_in_as("Rikke Lind").await;
    let res = admin
        .post_form(list, "/api/staff/take_task", &[("id", &id)])
        .await;
    let (_, html) = admin
        .page(location(&res).trim_start_matches(&app.base))
        .await;
    assert!(
        html.contains("Opgaven er allerede taget af Camilla Friis."),
        "{html}"
    );

    // Give it to the administrator: off her list, on his.
    let res = staff
        .post_form(
            list,
            "/api/staff/reassign_task",
            &[("id", &id), ("to", &rikke.to_string())],
        )
        .await;
    assert!(location(&res).starts_with("/personale/opgaver?givet="));
    let (_, mine) = staff.page("/personale/opgaver?vis=mine").await;
    assert!(clean(&mine).contains("Ingen åbne opgaver her."), "{mine}");
    let (_, hers) = admin.page("/personale/opgaver?vis=mine").await;
    assert!(clean(&hers).contains("Henrik Larsen"), "{hers}");
    // Neither a citizen nor a therapist can have it: therapists do no casework.
    for not_a_caseworker in [henrik, mads] {
        let res = staff
            .post_form(
                list,
                "/api/staff/reassign_task",
                &[("id", &id), ("to", &not_a_caseworker.to_string())],
            )
            .await;
        let (_, html) = staff
            .page(location(&res).trim_start_matches(&app.base))
            .await;
        assert!(
            html.contains(&format!(
                "<a href=\"#felt-til-{id}\">Vælg en sagsbehandler eller administrator i kommunen.</a>"
            )),
            "{html}"
        );
    }
    let mut therapist = Browser::new(&app);
    therapist.sign_in_as("Mads Kjær").await;
    let (status, _) = therapist.page(list).await;
    assert_ne!(
        status,
        reqwest::StatusCode::OK,
        "the therapist has no task list"
    );

    // Another municipality's caseworker cannot reach it.
    let mut elsewhere = Browser::new(&app);
    elsewhere.sign_in_as("Mette Lund").await;
    let res = elsewhere
        .post_form(list, "/api/staff/take_task", &[("id", &id)])
        .await;
    assert!(location(&res).contains("__err"), "{res:?}");
    let (_, theirs) = elsewhere.page(list).await;
    assert!(!theirs.contains("Henrik Larsen"));

    // Closing needs a note of what was done; the note is kept with who closed it.
    let res = admin
        .post_form(list, "/api/staff/close_task", &[("id", &id), ("note", " ")])
        .await;
    let (_, html) = admin
        .page(location(&res).trim_start_matches(&app.base))
        .await;
    assert!(
        html.contains(&format!(
            "<a href=\"#felt-note-{id}\">Skriv kort, hvad der er gjort"
        )),
        "{html}"
    );
    let note = "Henrik er booket på holdet torsdag 12. marts.";
    let res = admin
        .post_form(
            list,
            "/api/staff/close_task",
            &[("id", &id), ("note", note)],
        )
        .await;
    assert_eq!(location(&res), format!("/personale/opgaver?lukket={id}"));
    let (_, html) = staff.page(list).await;
    let html = clean(&html);
    assert!(html.contains(note), "{html}");
    assert!(html.contains("<td>Rikke Lind</td>"));
    let res = staff
        .post_form(
            list,
            "/api/staff/close_task",
            &[("id", &id), ("note", "igen")],
        )
        .await;
    let (_, html) = staff
        .page(location(&res).trim_start_matches(&app.base))
        .await;
    assert!(html.contains("Opgaven er allerede lukket."), "{html}");

    // The job looking again raises nothing new and reopens nothing.
    jobs::raise_tasks(&app.state).await.unwrap();
    assert!(offers(&repo.open_tasks("fredensborg").await.unwrap()).is_empty());
    assert_eq!(
        repo.task(task.id, "fredensborg")
            .await
            .unwrap()
            .unwrap()
            .status,
        TaskStatus::Closed
    );

    // Henrik's Min log shows each step, by the municipality.
    let mut citizen = Browser::new(&app);
    citizen.sign_in_as("Henrik Larsen").await;
    let (_, log) = citizen.page("/min-log").await;
    for words in [
        "En medarbejder tog en opgave i din sag",
        "En opgave i din sag blev givet til en anden medarbejder",
        "En opgave i din sag blev lukket",
    ] {
        assert!(log.contains(words), "{words}: {log}");
    }
}

async fn a_hospital_stay_is_a_reassessment_task_due_on_discharge(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Inger Thomsen").await;
    let res = b
        .post_form(
            "/traening/fravaer?fra=16.3.2026&til=29.3.2026&grund=hospital",
            "/api/booking/absence",
            &[
                ("from", "2026-03-16"),
                ("to", "2026-03-29"),
                ("reason", "hospital"),
            ],
        )
        .await;
    assert_eq!(location(&res), "/traening?fravaer=2");
    jobs::raise_tasks(&app.state).await.unwrap();
    let tasks = app.state.repo.open_tasks("broenderslev").await.unwrap();
    let t = tasks
        .iter()
        .find(|t| t.kind == TaskKind::ReassessOnDischarge)
        .expect("a re-assessment task");
    assert_eq!(
        (t.citizen_id, t.rule_id.as_str(), t.due_on.to_string()),
        (inger, "BRS-19", "2026-03-29".to_string())
    );
    let mut s = Browser::new(&app);
    s.sign_in_as("Birgitte Dahl").await;
    let (_, html) = s.page("/personale/opgaver").await;
    let html = clean(&html);
    assert!(
        html.contains("Revurdér behovet ved udskrivning (BRS-19)"),
        "{html}"
    );
    assert!(html.contains("Indlagt til søndag 29. marts 2026."));
}

async fn the_daily_job_runs_once_across_two_instances(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let repo = &app.state.repo;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let birgitte = person_of(&app, "demo:broenderslev:visitator").await;
    let lars = person_of(&app, "demo:broenderslev:admin").await;
    let course = repo.current_course(inger).await.unwrap().unwrap();
    let booked = booked_now(&app, inger).await;
    // The second instance starts now: starting, the demo data books sessions for a demo
    // citizen who has none.
    let other = second_instance(&app).await;

    // Inger cancels Wednesday 11 March. Her later sessions were moved away (a move counts for
    // nothing), so nothing is booked after it: the cancellation alone meets no rule (T40).
    for s in &booked[1..] {
        repo.cancel_booking(
            &app::ssr::db::CancelBooking {
                session_id: s.id,
                citizen_id: inger,
                cancelled_by: inger,
                at: at(NOW),
                late: false,
                rule_id: "BRS-14".into(),
                kind: app::domain::attendance::CancelKind::Moved,
                late_reason: None,
                review_flags: vec![],
                offer_until: None,
            },
            None,
        )
        .await
        .unwrap();
    }
    let mut c = Browser::new(&app);
    c.sign_in_as("Inger Thomsen").await;
    let first = booked[0].id.to_string();
    let res = c
        .post_form(
            &format!("/traening/afmeld/{first}"),
            "/api/booking/cancel",
            &[("session", &first), ("confirm", "ja")],
        )
        .await;
    assert!(location(&res).starts_with("/traening?afmeldt="), "{res:?}");
    assert!(repo
        .open_review_flags("broenderslev")
        .await
        .unwrap()
        .is_empty());

    // A task due on Thursday 19 March, given to the administrator.
    repo.raise_tasks(
        "broenderslev",
        &[Obligation {
            kind: TaskKind::DecisionUnopened,
            subject: 990_001,
            rule_id: "CAL-8".into(),
            citizen_id: inger,
            due_on: local_date(at("2026-03-19T06:00:00Z")),
            facts_da: "Afgørelsen er ikke åbnet.".into(),
            facts_en: "The decision has not been opened.".into(),
            link: String::new(),
        }],
        at(NOW),
    )
    .await
    .unwrap();
    let task = repo.open_tasks("broenderslev").await.unwrap();
    let task = task.iter().find(|t| t.subject == 990_001).unwrap().id;
    repo.assign_task(task, "broenderslev", Some(lars))
        .await
        .unwrap();

    // Thursday 19 March, 05:59 local: not yet the hour.
    app.clock.set(at("2026-03-19T04:59:00Z"));
    assert_eq!(jobs::daily(&app.state, "a").await.unwrap(), None);
    // 07:00: both instances try at once; one runs it.
    app.clock.set(at("2026-03-19T06:00:00Z"));
    let (x, y) = tokio::join!(jobs::daily(&app.state, "a"), jobs::daily(&other, "b"));
    let runs: Vec<_> = [x.unwrap(), y.unwrap()].into_iter().flatten().collect();
    assert_eq!(runs.len(), 1, "the day's job ran once");
    assert_eq!(runs[0].flags_raised, 1);
    let flags = repo.open_review_flags("broenderslev").await.unwrap();
    assert_eq!(flags.len(), 1);
    assert_eq!(
        (flags[0].rule_id.as_str(), flags[0].course_id),
        ("BRS-18a", course.id)
    );
    assert!(
        flags[0].facts.contains("afbrudt siden 2026-03-11 (8 dage)"),
        "{}",
        flags[0].facts
    );
    // The digests: the administrator's names the task given to him; the caseworker's does not.
    let to_lars = mail_to(&app, &email_of(&app, lars).await, "Træningsportalen:").await;
    let to_birgitte = mail_to(&app, &email_of(&app, birgitte).await, "Træningsportalen:").await;
    assert_eq!((to_lars.len(), to_birgitte.len()), (1, 1));
    assert!(
        to_lars[0].contains(&format!("Opgave {task}: Afgørelsen er ikke åbnet (CAL-8)")),
        "{}",
        to_lars[0]
    );
    assert!(to_lars[0].contains("https://portal.example.dk/personale/opgaver"));
    assert!(
        !to_lars[0].contains("Inger"),
        "no citizen's name in an email"
    );
    assert!(!to_birgitte[0].contains(&format!("Opgave {task}:")));
    // The therapist gets none.
    let therapist = person_of(&app, "demo:broenderslev:terapeut").await;
    assert!(
        mail_to(&app, &email_of(&app, therapist).await, "Træningsportalen:")
            .await
            .is_empty()
    );

    // Later the same day: nothing runs again.
    app.clock.set(at("2026-03-19T14:00:00Z"));
    assert_eq!(jobs::daily(&other, "b").await.unwrap(), None);
    assert_eq!(
        mail_to(&app, &email_of(&app, lars).await, "Træningsportalen:")
            .await
            .len(),
        1
    );
    // The caseworker resolves the flag; the next day the same interruption is not flagged again.
    repo.resolve_review_flag(
        flags[0].id,
        "broenderslev",
        birgitte,
        at("2026-03-19T14:00:00Z"),
        "called",
    )
    .await
    .unwrap();
    app.clock.set(at("2026-03-20T06:00:00Z"));
    let run = jobs::daily(&other, "b")
        .await
        .unwrap()
        .expect("Friday's run");
    assert_eq!(run.flags_raised, 0);
    assert!(repo
        .open_review_flags("broenderslev")
        .await
        .unwrap()
        .is_empty());
    let runs = repo.daily_runs(5).await.unwrap();
    assert_eq!(runs.len(), 2);
    assert!(runs.iter().all(|r| r.finished_at.is_some()));
    let mut s = Browser::new(&app);
    s.sign_in_as("Birgitte Dahl").await;
    let (_, html) = s.page("/personale/opgaver").await;
    assert!(
        clean(&html).contains("Den daglige kørsel (frister, påmindelser og overblik pr. e-mail) kørte sidst fredag 20. marts 2026."),
        "{html}"
    );
}

/// CAL-8: a decision in the portal not opened after seven days is a task (the complaint deadline
/// runs from availability all the same); opening it later closes nothing by itself.
async fn a_decision_not_opened_for_a_week_is_a_task(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let repo = &app.state.repo;
    let karen = person_of(&app, "demo:vejen:borger").await;
    let mette = person_of(&app, "demo:vejen:visitator").await;
    let refusal = |available| refusal(karen, "vejen", mette, available);
    // Published Wednesday 25 February 18:00 (eight days ago) and Sunday 1 March (three days).
    let (old, _) = repo
        .insert_decision_with_course(&refusal(at("2026-02-25T17:00:00Z")))
        .await
        .unwrap();
    let (recent, _) = repo
        .insert_decision_with_course(&refusal(at("2026-03-01T10:00:00Z")))
        .await
        .unwrap();
    jobs::raise_tasks(&app.state).await.unwrap();
    let unopened = |tasks: Vec<app::ssr::db::TaskRecord>| {
        tasks
            .into_iter()
            .filter(|t| t.kind == TaskKind::DecisionUnopened)
            .map(|t| (t.subject, t.due_on.to_string(), t.status))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        unopened(repo.open_tasks("vejen").await.unwrap()),
        vec![(old, "2026-03-04".to_string(), TaskStatus::Open)],
        "the recent one ({recent}) is not a task yet"
    );
    // Karen opens it now; the task stays until a caseworker closes it.
    repo.record_first_opening(old, karen, at(NOW))
        .await
        .unwrap();
    jobs::raise_tasks(&app.state).await.unwrap();
    assert_eq!(unopened(repo.open_tasks("vejen").await.unwrap()).len(), 1);
    let mut s = Browser::new(&app);
    s.sign_in_as("Mette Lund").await;
    let (_, html) = s.page("/personale/opgaver").await;
    let html = clean(&html);
    assert!(html.contains("Afgørelsen er ikke åbnet (CAL-8)"), "{html}");
    assert!(html.contains("Afgørelsen har ligget i portalen siden onsdag 25. februar 2026"));
}

/// BRS-26: after partial agreement Inger has four weeks from the new decision to say whether
/// her complaint is maintained. While they run there is nothing to follow up; once they have
/// passed without an answer, the caseworker has a task, due the next hverdag (Easter falls
/// between).
async fn an_unanswered_partial_agreement_is_a_task_once_the_citizens_deadline_has_passed(
    backend: Backend,
) {
    let app = spawn_app(backend, true, NOW).await;
    let repo = &app.state.repo;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let birgitte = person_of(&app, "demo:broenderslev:visitator").await;
    let now = at(NOW);
    let refusal = || refusal(inger, "broenderslev", birgitte, now);
    let (old, _) = repo.insert_decision_with_course(&refusal()).await.unwrap();
    let id = repo
        .insert_complaint(
            &app::ssr::db::NewComplaint {
                reference: "K-TASK-0026".into(),
                citizen_id: inger,
                municipality: "broenderslev".into(),
                kind: app::domain::complaints::Kind::Decision,
                decision_id: Some(old),
                topic: None,
                body: "Jeg klager.".into(),
                route: "Brønderslev Kommune".into(),
                submitted_by: inger,
                submitted_at: now,
                deadline_at: None,
                possibly_late: false,
                status: app::domain::complaints::Status::Received,
                reassessment_due_on: None,
                forward_due_on: None,
                channel: app::domain::intake::Channel::Portal,
                sent_on: None,
            },
            &[],
        )
        .await
        .unwrap()
        .unwrap();
    assert!(repo
        .change_complaint(
            id,
            &app::ssr::db::ComplaintChange {
                expected_status: app::domain::complaints::Status::Received,
                status: app::domain::complaints::Status::AwaitingCitizen,
                at: now,
                by: birgitte,
                event: "outcome_partial".into(),
                outcome: Some(app::domain::complaints::ComplaintOutcome::Partial),
                new_decision: Some(app::ssr::db::NewDecision {
                    replaces_decision_id: Some(old),
                    ..refusal()
                }),
                ..Default::default()
            },
            &[],
        )
        .await
        .unwrap());
    let follow_ups = || async {
        repo.open_tasks("broenderslev")
            .await
            .unwrap()
            .into_iter()
            .filter(|t| t.kind == TaskKind::PartialAgreementAnswer)
            .collect::<Vec<_>>()
    };
    // Her four weeks run until Wednesday 1 April, 23:59:59.
    for instant in [NOW, "2026-04-01T21:59:00Z"] {
        app.clock.set(at(instant));
        jobs::raise_tasks(&app.state).await.unwrap();
        assert!(follow_ups().await.is_empty(), "{instant}: her time runs");
    }
    app.clock.set(at("2026-04-02T06:00:00Z"));
    jobs::raise_tasks(&app.state).await.unwrap();
    let tasks = follow_ups().await;
    assert_eq!(tasks.len(), 1);
    assert_eq!(
        (
            tasks[0].rule_id.as_str(),
            tasks[0].due_on.to_string(),
            tasks[0].link.as_str()
        ),
        (
            "BRS-26",
            "2026-04-07".to_string(),
            "/personale/klager/K-TASK-0026"
        ),
        "due the first hverdag after Easter"
    );
    assert!(
        tasks[0].facts_da.contains("onsdag 1. april 2026 kl. 23.59"),
        "{}",
        tasks[0].facts_da
    );
}

on_both_backends!(
    an_unanswered_partial_agreement_is_a_task_once_the_citizens_deadline_has_passed,
    a_decision_not_opened_for_a_week_is_a_task,
    fredensborgs_cancellation_is_a_task_staff_take_give_on_and_close,
    a_hospital_stay_is_a_reassessment_task_due_on_discharge,
    the_daily_job_runs_once_across_two_instances,
);
