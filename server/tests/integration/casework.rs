//! The caseworker's inbox and the clocks of a case, over HTTP: Samsø promises contact within 2
//! weeks of the application (a goal) and a start within a number of days of visitation.
use crate::http::{location, person_of, Browser, NOW};
use crate::support::{at, on_both_backends, spawn_app, Backend};
use app::domain::lang::Lang;
use app::domain::time_format::{local_date, long_date};
use chrono::Duration;
use reqwest::StatusCode;

async fn caseworkers_see_what_is_due_and_recording_steps_moves_the_clocks(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let erik = person_of(&app, "demo:samsoe:borger").await;
    let mut e = Browser::new(&app);
    e.sign_in_as("Erik Mikkelsen").await;
    let reference = crate::apply::apply_and_send(&app, &mut e, erik, "Balancen er dårlig.").await;

    let samsoe = &app.state.municipalities.get("samsoe").unwrap().rules;
    let level = |id: &str| {
        samsoe
            .service_levels
            .iter()
            .find(|l| l.id == id)
            .unwrap()
            .clone()
    };
    let received = local_date(at(NOW));
    let contact_due = level("contact").due(received, &samsoe.sla_days_off);

    let mut h = Browser::new(&app);
    h.sign_in_as("Hanne Krogh").await;
    let (status, html) = h.page("/personale/ansoegninger").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains(&format!("Erik Mikkelsen – {reference}")),
        "{html}"
    );
    assert!(html.contains(&format!("Næste frist {}", long_date(Lang::Da, contact_due))));
    assert!(!html.contains("Overskredet"));

    // Two weeks and a day later, with no contact recorded: overdue, on both sides.
    app.clock.set(at(NOW) + Duration::days(15));
    h.sign_in_as("Hanne Krogh").await;
    e.sign_in_as("Erik Mikkelsen").await;
    let (_, html) = h.page("/personale/ansoegninger").await;
    assert!(html.contains("Overskredet"), "{html}");
    let (_, html) = e.page(&format!("/ansoeg/kvittering/{reference}")).await;
    assert!(
        html.contains("Overskredet"),
        "the citizen sees it too: {html}"
    );

    let case = format!("/personale/ansoegninger/{reference}");
    let (_, html) = h.page(&case).await;
    assert!(html.contains("Balancen er dårlig."));
    assert!(html.contains("Registrér nu: Første kontakt"));
    assert!(html.contains("Registrér nu: Visitation"));
    assert!(
        !html.contains("Forundersøgelse"),
        "not a step of Samsø's process"
    );
    let res = h
        .post_form(
            &case,
            "/api/casework/record",
            &[("reference", &reference), ("step", "first_contact")],
        )
        .await;
    assert_eq!(location(&res), case);
    let res = h
        .post_form(
            &case,
            "/api/casework/record",
            &[("reference", &reference), ("step", "visitation")],
        )
        .await;
    assert_eq!(location(&res), case);
    let (_, html) = h.page(&case).await;
    assert!(html.contains("Overholdt for sent"), "{html}");
    let start_due = level("start").due(
        local_date(at(NOW) + Duration::days(15)),
        &samsoe.sla_days_off,
    );
    assert!(
        html.contains(&format!("senest {}", long_date(Lang::Da, start_due))),
        "{html}"
    );
    let (_, html) = h.page("/personale/ansoegninger").await;
    assert!(html.contains(&format!("Næste frist {}", long_date(Lang::Da, start_due))));
    assert!(!html.contains("Overskredet"));

    // Erik follows it on his own page: the steps so far with their days, what comes next, and
    // the promise now running.
    let (status, html) = e.page(&format!("/ansoegning/{reference}")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let html = html
        .replace("<!---->", "")
        .replace("<span class=\"step-state\">", "");
    let day = |d| long_date(Lang::Da, d);
    let contacted = local_date(at(NOW) + Duration::days(15));
    for done in [
        format!("Ansøgningen er modtaget</strong>, {} – Sket", day(received)),
        format!("Første kontakt</strong>, {} – Sket", day(contacted)),
        format!("Visitation</strong>, {} – Sket", day(contacted)),
    ] {
        assert!(html.contains(&done), "{done} in {html}");
    }
    assert!(html.contains("Afgørelse</strong> – Næste skridt"), "{html}");
    assert!(html.contains("Træningen begynder</strong> – Senere"));
    assert!(html.contains(&format!("senest {}", day(start_due))));

    // A step not in Samsø's process is refused; staff elsewhere and therapists see nothing.
    let res = h
        .post_form(
            &case,
            "/api/casework/record",
            &[("reference", &reference), ("step", "pre_exam")],
        )
        .await;
    assert!(location(&res).contains("__err"));
    let mut m = Browser::new(&app);
    m.sign_in_as("Mette Lund").await;
    assert_eq!(m.page(&case).await.0, StatusCode::NOT_FOUND);
    let (_, html) = m.page("/personale/ansoegninger").await;
    assert!(!html.contains(&reference));
    let mut t = Browser::new(&app);
    t.sign_in_as("Søren Bech").await;
    assert_eq!(
        t.page("/personale/ansoegninger").await.0,
        StatusCode::FORBIDDEN
    );
    let log = app.state.repo.audit_log_for(erik).await.unwrap();
    assert!(log
        .iter()
        .any(|e| e.action == "record_step" && e.detail.ends_with("visitation")));
}

/// Records a step of the case from its page; returns where the browser is sent.
async fn record_step(b: &mut Browser, reference: &str, step: &str) -> String {
    let case = format!("/personale/ansoegninger/{reference}");
    let res = b
        .post_form(
            &case,
            "/api/casework/record",
            &[("reference", reference), ("step", step)],
        )
        .await;
    location(&res)
}

/// VEJ-06: training starts within 10 hverdage of the visitation; "Såfremt dette ikke er muligt,
/// informeres borgeren om ventetiden." With no session booked by then, the caseworker has the task
/// of telling the citizen the waiting time, and the case page shows when that was done. The
/// promise is kept by the first session once it has begun, and then shows kept, with its day,
/// never overdue.
async fn vejen_tells_the_waiting_time_and_the_first_session_keeps_the_start(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let karen = person_of(&app, "demo:vejen:borger").await;
    let mut k = Browser::new(&app);
    k.sign_in_as("Karen Østergaard").await;
    let reference = crate::apply::apply_and_send(&app, &mut k, karen, "Trapperne.").await;
    let mut m = Browser::new(&app);
    m.sign_in_as("Mette Lund").await;
    let case = format!("/personale/ansoegninger/{reference}");
    let (_, html) = m.page(&case).await;
    assert!(
        !html.contains("Opgave: fortæl borgeren ventetiden"),
        "not before visitation"
    );
    assert_eq!(record_step(&mut m, &reference, "visitation").await, case);
    let (_, html) = m.page(&case).await;
    let html = html.replace("<!---->", "");
    // Visitation Wednesday 4 March: 10 hverdage on is Wednesday 18 March.
    assert!(
        html.contains("Opgave: fortæl borgeren ventetiden"),
        "{html}"
    );
    assert!(html.contains("Træningen kan ikke begynde senest onsdag 18. marts 2026."));
    assert!(html.contains("VEJ-06"));
    // On the task list once the promised day is two hverdage away (Monday 16 March), not before.
    let waiting = || async {
        app.state
            .repo
            .open_tasks("vejen")
            .await
            .unwrap()
            .into_iter()
            .filter(|t| t.kind == app::domain::tasks::TaskKind::TellWaitingTime)
            .map(|t| (t.rule_id, t.due_on.to_string(), t.link))
            .collect::<Vec<_>>()
    };
    app::ssr::jobs::raise_tasks(&app.state).await.unwrap();
    assert!(
        waiting().await.is_empty(),
        "the promise is still two weeks away"
    );
    app.clock.set(at("2026-03-16T07:00:00Z"));
    app::ssr::jobs::raise_tasks(&app.state).await.unwrap();
    assert_eq!(
        waiting().await,
        vec![("VEJ-06".to_string(), "2026-03-18".to_string(), case.clone())]
    );
    app.clock.set(at(NOW));
    m.sign_in_as("Mette Lund").await;
    // Granted, and the first session of the new course booked for Monday 23 March.
    let res = m
        .post_form(
            &case,
            "/api/decide/decide",
            &[
                ("reference", reference.as_str()),
                ("outcome", "granted"),
                ("training_form", "team"),
                ("place", "Brørup Sundhedscenter"),
                ("sessions_per_week", "1"),
                ("weeks", ""),
                ("start_on", "2026-03-23"),
                ("reasons", ""),
                ("legal_basis", "sel_86_2"),
            ],
        )
        .await;
    assert_eq!(location(&res), case, "decided");
    // Granted to start on 23 March, after the promised day: the task stays, and telling the
    // waiting time is recorded on the decided case.
    let (_, html) = m.page(&case).await;
    assert!(html
        .replace("<!---->", "")
        .contains("Opgave: fortæl borgeren ventetiden"));
    assert_eq!(
        record_step(&mut m, &reference, "waiting_time_told").await,
        case
    );
    let (_, html) = m.page(&case).await;
    let html = html.replace("<!---->", "");
    assert!(
        !html.contains("Opgave: fortæl borgeren ventetiden"),
        "{html}"
    );
    assert!(html.contains("Borgeren har fået besked om ventetiden: onsdag 4. marts 2026"));

    let course = app.state.repo.current_course(karen).await.unwrap().unwrap();
    assert_eq!(
        course.starts_on,
        chrono::NaiveDate::from_ymd_opt(2026, 3, 23).unwrap()
    );
    let first = crate::booking::session(&app, "vejen", "2026-03-23T09:00:00Z", 8).await;
    app.state
        .repo
        .book(first, &course, karen, at(NOW), None)
        .await
        .unwrap();
    // Before it has begun the promise is late and still open; once begun it is kept late, with
    // the day, and stays so.
    app.clock.set(at("2026-03-23T10:30:00Z"));
    m.sign_in_as("Mette Lund").await;
    let (_, html) = m.page(&case).await;
    let html = html.replace("<!---->", "");
    assert!(
        html.contains("Overholdt for sent mandag 23. marts 2026"),
        "{html}"
    );
    app.clock.set(at("2026-06-01T08:00:00Z"));
    m.sign_in_as("Mette Lund").await;
    let (_, html) = m.page(&case).await;
    assert!(html
        .replace("<!---->", "")
        .contains("Overholdt for sent mandag 23. marts 2026"));
    assert!(!html.contains("Overskredet"), "{html}");
}

/// GEN-9: staff are warned when their municipality's quality standard is more than 12 months
/// old, predates Ældreloven, or states no approval date.
async fn staff_are_warned_of_a_standard_that_may_not_be_current(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    for (name, expected) in [
        (
            "Birgitte Dahl",
            &[
                "mere end 12 måneder gammel: godkendt mandag 4. december 2023",
                "før Ældreloven trådte i kraft",
            ][..],
        ),
        ("Hanne Krogh", &["før Ældreloven trådte i kraft"][..]),
        ("Mette Lund", &["angiver ingen godkendelsesdato"][..]),
        ("Camilla Friis", &[][..]),
    ] {
        let mut b = Browser::new(&app);
        b.sign_in_as(name).await;
        let (_, html) = b.page("/personale").await;
        let html = html.replace("<!---->", "");
        assert_eq!(
            html.contains("Kvalitetsstandarden bør bekræftes"),
            !expected.is_empty(),
            "{name}: {html}"
        );
        for text in expected {
            assert!(html.contains(text), "{name}: {text}");
        }
    }
}

on_both_backends!(
    staff_are_warned_of_a_standard_that_may_not_be_current,
    caseworkers_see_what_is_due_and_recording_steps_moves_the_clocks,
    vejen_tells_the_waiting_time_and_the_first_session_keeps_the_start,
);
