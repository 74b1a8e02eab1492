//! Staff plan a weekly series over HTTP (Fredensborg): the preview skips Easter Monday, warns
//! that 15:00–16:00 is outside the hours (FRB-13, a soft rule), keeps what was typed when a field
//! is wrong, and the series is created with its sessions together.
use crate::http::{location, person_of, Browser, NOW};
use crate::support::{at, on_both_backends, spawn_app, Backend};

async fn a_series_skips_days_off_and_warns_on_soft_rules(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let mads = person_of(&app, "demo:fredensborg:terapeut").await;
    let mut staff = Browser::new(&app);
    staff.sign_in_as("Mads Kjær").await;
    let (_, html) = staff.page("/personale/hold/ny").await;
    assert!(
        html.contains(&format!("<option value=\"{mads}\"")),
        "{html}"
    );

    // A wrong start time: said at the field; the other answers kept.
    let (_, html) = staff
        .page("/personale/hold/ny?titel=Balancehold&sted=Kokkedal&terapeut=0&ugedag=1&starttid=25.00&varighed=60&pladser=6&fra=30.3.2026&til=13.4.2026")
        .await;
    assert!(html.contains("<a href=\"#starttid\">"), "{html}");
    assert!(html.contains("value=\"Balancehold\""));
    assert!(html.contains("value=\"30.3.2026\""));
    assert!(!html.contains("Opret holdet"));

    let query = format!("titel=Balancehold&sted=Kokkedal&terapeut={mads}&ugedag=1&starttid=15.00&varighed=60&pladser=6&fra=30.3.2026&til=13.4.2026");
    let (_, html) = staff.page(&format!("/personale/hold/ny?{query}")).await;
    let html = html.replace("<!---->", "");
    assert!(html.contains("2 tider"), "{html}");
    assert!(html.contains("mandag 30. marts 2026 kl. 15.00–16.00"));
    assert!(html.contains("Uden for træningstiden 08.00–15.30. (FRB-13)"));
    assert!(html.contains("mandag 6. april 2026: mandag 6. april 2026 er en helligdag."));

    let fields = [
        ("title", "Balancehold".to_string()),
        ("place", "Kokkedal".into()),
        ("therapist", mads.to_string()),
        ("weekday", "1".into()),
        ("start", "15.00".into()),
        ("minutes", "60".into()),
        ("capacity", "6".into()),
        ("from", "30.3.2026".into()),
        ("to", "13.4.2026".into()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = staff
        .post_form(
            &format!("/personale/hold/ny?{query}"),
            "/api/staff/create_series",
            &fields,
        )
        .await;
    assert_eq!(location(&res), "/personale?serie=2");
    // A second press creates nothing more.
    let res = staff
        .post_form(
            &format!("/personale/hold/ny?{query}"),
            "/api/staff/create_series",
            &fields,
        )
        .await;
    assert_eq!(location(&res), "/personale");
    let sessions: Vec<_> = app
        .state
        .repo
        .staff_sessions_from("fredensborg", at(NOW), 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|s| s.title == "Balancehold")
        .collect();
    assert_eq!(
        sessions.iter().map(|s| s.starts_at).collect::<Vec<_>>(),
        vec![at("2026-03-30T13:00:00Z"), at("2026-04-13T13:00:00Z")]
    );
    assert!(sessions
        .iter()
        .all(|s| s.capacity == 6 && s.place == "Kokkedal"));
    let (_, html) = staff.page("/personale?serie=2").await;
    assert!(html.contains("2 tider er oprettet."));
}

on_both_backends!(a_series_skips_days_off_and_warns_on_soft_rules,);
