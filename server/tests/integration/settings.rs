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
    let html = html.replace("<!---->", "");
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

/// Brønderslev's Visitationen (BRS-08) closes its phone on Thursday and Friday: the citizen's
/// overview announces it, and on the day says closed until Monday.
async fn an_administrator_closes_the_phone_for_two_days_and_citizens_are_told(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let mut admin = Browser::new(&app);
    admin.sign_in_as("Lars Krog").await;
    let page = "/personale/indstillinger";
    let (_, html) = admin.page(page).await;
    let html = html.replace("<!---->", "");
    assert!(html.contains("Telefontid – Visitationen"), "{html}");
    assert!(html.contains("Normalt: Mandag–torsdag kl. 8.00–9.00 og 10.00–14.00"));
    // Wrong days and no hours: each said at its field, nothing saved.
    let res = admin
        .post_form(
            page,
            "/api/staff/set_phone_hours",
            &[("rule", "BRS-08"), ("from", "6.3.2026"), ("to", "5.3.2026")],
        )
        .await;
    let (_, html) = admin
        .page(location(&res).trim_start_matches(&app.base))
        .await;
    assert!(
        html.contains("<a href=\"#felt-til\">Den sidste dag skal være i dag eller senere"),
        "{html}"
    );
    assert!(html
        .contains("<a href=\"#felt-lukket\">Vælg lukket, åben i et tidsrum, eller som normalt."));
    assert!(app
        .state
        .repo
        .phone_hours_changes_of("broenderslev")
        .await
        .unwrap()
        .is_empty());
    let res = admin
        .post_form(
            page,
            "/api/staff/set_phone_hours",
            &[
                ("rule", "BRS-08"),
                ("from", "5.3.2026"),
                ("to", "6.3.2026"),
                ("way", "closed"),
                ("note", "Ring til Borgerservice på 99 45 45 45."),
            ],
        )
        .await;
    assert_eq!(location(&res), "/personale/indstillinger?gemt=1");
    let (_, html) = admin.page(page).await;
    assert!(
        html.contains("BRS-08 torsdag 5. marts 2026 – fredag 6. marts 2026: lukket (Ring til Borgerservice på 99 45 45 45.)"),
        "{html}"
    );
    assert!(html.contains("Lars Krog"));

    // Inger reads it on her overview the day before, and on the day the phone is closed.
    let mut inger = Browser::new(&app);
    inger.sign_in_as("Inger Thomsen").await;
    let (_, html) = inger.page("/oversigt").await;
    let html = html.replace("<!---->", "");
    assert!(
        html.contains("Ændrede telefontider torsdag 5. marts 2026 – fredag 6. marts 2026: lukket. Ring til Borgerservice på 99 45 45 45."),
        "{html}"
    );
    app.clock.set(crate::support::at("2026-03-05T09:30:00Z"));
    let mut inger = Browser::new(&app);
    inger.sign_in_as("Inger Thomsen").await;
    let (_, html) = inger.page("/oversigt").await;
    assert!(
        html.replace("<!---->", "")
            .contains("Lukket – åbner mandag 9. marts 2026 kl. 08.00"),
        "{html}"
    );
    // The public list of municipalities says the same.
    let (_, html) = Browser::new(&app).page("/kommuner").await;
    assert!(html
        .replace("<!---->", "")
        .contains("Ændrede telefontider torsdag 5. marts 2026"));
    // Only an administrator changes it.
    let mut caseworker = Browser::new(&app);
    caseworker.sign_in_as("Birgitte Dahl").await;
    let res = caseworker
        .post_form(
            "/personale",
            "/api/staff/set_phone_hours",
            &[
                ("rule", "BRS-08"),
                ("from", "9.3.2026"),
                ("to", "9.3.2026"),
                ("way", "closed"),
            ],
        )
        .await;
    assert!(location(&res).contains("__err"));
    assert_eq!(
        app.state
            .repo
            .phone_hours_changes_of("broenderslev")
            .await
            .unwrap()
            .len(),
        1
    );
}

on_both_backends!(
    an_administrator_sets_samsoes_july_weeks_and_the_rules_use_them_at_once,
    an_administrator_closes_the_phone_for_two_days_and_citizens_are_told,
);
