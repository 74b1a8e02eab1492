//! Municipality settings over HTTP, as without JavaScript (issue 15; SAM-21): Samsø's
//! administrator sets the three July weeks for the coming summer; the staff start page stops
//! asking for them, and booking and planning use them at once, on this instance and on a second
//! one on the same database. A message on the municipality's pages is shown to citizens. Only
//! administrators may change settings, and every change is kept with who and when.
use crate::http::{location, Browser, NOW};
use crate::support::{on_both_backends, second_instance, spawn_app, Backend};
use app::domain::booking::check;
use app::domain::municipality::TrainingForm;
use app::domain::time_format::local_instant;
use chrono::{Duration, NaiveDate};

async fn an_administrator_sets_samsoes_july_weeks_and_the_rules_use_them_at_once(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let mut caseworker = Browser::new(&app);
    caseworker.sign_in_as("Hanne Krogh").await;
    let (_, html) = caseworker.page("/personale").await;
    assert!(
        html.contains("SAM-21: de ugenumre, der er lukket i 2026, er ikke fastsat endnu"),
        "{html}"
    );
    // A caseworker may not change settings.
    let res = caseworker
        .post_form(
            "/personale",
            "/api/staff/set_closure_weeks",
            &[
                ("rule", "SAM-21"),
                ("year", "2026"),
                ("weeks", "28, 29, 30"),
            ],
        )
        .await;
    assert!(location(&res).contains("__err"));

    let mut admin = Browser::new(&app);
    admin.sign_in_as("Mona Bak").await;
    let (_, html) = admin.page("/personale/indstillinger").await;
    assert!(
        html.contains("3 uger i juli"),
        "the standard's words: {html}"
    );
    // Two weeks where the standard says three: refused with a message at the field.
    let res = admin
        .post_form(
            "/personale/indstillinger",
            "/api/staff/set_closure_weeks",
            &[("rule", "SAM-21"), ("year", "2026"), ("weeks", "28, 29")],
        )
        .await;
    let back = location(&res);
    assert!(back.contains("__err"));
    let (_, html) = admin.page(back.trim_start_matches(&app.base)).await;
    assert!(html.contains("Skriv præcis så mange uger"), "{html}");
    let res = admin
        .post_form(
            "/personale/indstillinger",
            "/api/staff/set_closure_weeks",
            &[
                ("rule", "SAM-21"),
                ("year", "2026"),
                ("weeks", "28, 29, 30"),
            ],
        )
        .await;
    assert_eq!(location(&res), "/personale/indstillinger?gemt=1");

    // In force at once, on both instances: a team session on Tuesday 14 July 2026 (week 29)
    // is closed; Tuesday 28 July (week 31) is open.
    let other = second_instance(&app).await;
    for state in [&app.state, &other] {
        let m = app::ssr::rules_in_force::municipality(state, "samsoe")
            .await
            .unwrap();
        let closed = local_instant(NaiveDate::from_ymd_opt(2026, 7, 14).unwrap(), 10, 0).unwrap();
        let open = local_instant(NaiveDate::from_ymd_opt(2026, 7, 28).unwrap(), 10, 0).unwrap();
        let facts = Default::default();
        assert!(
            !check(
                &m.rules.booking,
                TrainingForm::Team,
                closed,
                closed + Duration::hours(1),
                facts
            )
            .allowed
        );
        let open_check = check(
            &m.rules.booking,
            TrainingForm::Team,
            open,
            open + Duration::hours(1),
            facts,
        );
        assert!(
            open_check.allowed && open_check.warnings.is_empty(),
            "{open_check:?}"
        );
    }
    // Planning a series over the summer leaves the July weeks out.
    let (_, html) = caseworker
        .page("/personale/hold/ny?titel=Hold&sted=Samsø&terapeut=&ugedag=2&starttid=10.00&varighed=60&pladser=8&fra=6.7.2026&til=4.8.2026")
        .await;
    let html = html.replace("<!>", "");
    assert!(
        html.contains("2 tider"),
        "July 7, 14 and 21 closed; 28 July and 4 August left: {html}"
    );

    let (_, html) = caseworker.page("/personale").await;
    assert!(
        !html.contains("er ikke fastsat endnu"),
        "no longer asked for"
    );

    // A message on the municipality's pages, seen by the citizen.
    let res = admin
        .post_form(
            "/personale/indstillinger",
            "/api/staff/set_message",
            &[("text", "Træningscentret er lukket for vand i uge 11.")],
        )
        .await;
    assert_eq!(location(&res), "/personale/indstillinger?gemt=1");
    let mut erik = Browser::new(&app);
    erik.sign_in_as("Erik Mikkelsen").await;
    let (_, html) = erik.page("/oversigt").await;
    assert!(html.contains("Træningscentret er lukket for vand i uge 11."));
    // Every change with who and when.
    let (_, html) = admin.page("/personale/indstillinger").await;
    assert!(
        html.contains("SAM-21 2026: 28,29,30") && html.contains("(Mona Bak)"),
        "{html}"
    );
}

on_both_backends!(an_administrator_sets_samsoes_july_weeks_and_the_rules_use_them_at_once);
