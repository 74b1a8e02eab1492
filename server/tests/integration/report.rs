//! The service-level report over HTTP (issue 15): the municipality's own clocks counted over the
//! cases received in a period, kept, late, overdue or running, with the days taken; the same as
//! a CSV file; for the municipality's staff only.
use crate::http::{location, person_of, Browser, NOW};
use crate::support::{at, on_both_backends, spawn_app, Backend};
use app::domain::time_format::local_date;
use chrono::Duration;
use reqwest::StatusCode;

async fn the_report_counts_each_clock_over_the_cases_of_the_period(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let today = local_date(at(NOW));
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let mut c = Browser::new(&app);
    c.sign_in_as("Inger Thomsen").await;
    let reference = crate::apply::apply_and_send(&app, &mut c, inger, "Balancen.").await;
    let mut s = Browser::new(&app);
    s.sign_in_as("Birgitte Dahl").await;
    // Inger's application is decided the day it arrived: BRS-11 kept, in 0 days.
    let case = format!("/personale/ansoegninger/{reference}");
    let start = (today + Duration::days(7)).to_string();
    let res = s
        .post_form(
            &case,
            "/api/decide/decide",
            &[
                ("reference", reference.as_str()),
                ("outcome", "granted"),
                ("training_form", "team"),
                ("place", "Træningssalen"),
                ("sessions_per_week", "1"),
                ("weeks", "12"),
                ("start_on", start.as_str()),
                ("reasons", ""),
                ("legal_basis", "sel_86_2"),
            ],
        )
        .await;
    assert_eq!(location(&res), case);
    // A phone application that arrived 20 days ago and is not decided: BRS-11 overdue.
    // One from December lies outside the period and is not counted.
    for (name, arrived) in [
        ("Aase Holm", today - Duration::days(20)),
        ("Bent Berg", today - Duration::days(93)),
    ] {
        let arrived = arrived.to_string();
        let res = s
            .post_form(
                "/personale/modtag",
                "/api/staff/register_application",
                &[
                    ("citizen_name", name),
                    ("citizen_birth_date", "2.2.1940"),
                    ("channel", "phone"),
                    ("arrived_on", &arrived),
                    ("needs", "Trapper."),
                    ("consent", "oral"),
                    ("consent_on", &arrived),
                ],
            )
            .await;
        assert!(
            location(&res).starts_with("/personale/ansoegninger/"),
            "{res:?}"
        );
    }
    let period = format!("fra={}&til={}", today - Duration::days(30), today);
    let (status, html) = s.page(&format!("/personale/rapport?{period}")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let html = html.replace("<!---->", "");
    assert!(html.contains("Du får en afgørelse (BRS-11)"), "{html}");
    assert!(
        html.contains("role=\"img\""),
        "the chart is an image with a text alternative"
    );
    let res = s.get(&format!("/personale/rapport.csv?{period}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let csv = res.text().await.unwrap();
    assert!(
        csv.contains("\"BRS-11\";\"Du får en afgørelse\";1;0;1;0;0.0;0"),
        "{csv}"
    );

    // Not for a citizen; not another municipality's cases.
    let res = c.get(&format!("/personale/rapport.csv?{period}")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let mut other = Browser::new(&app);
    other.sign_in_as("Mette Lund").await;
    let csv = other
        .get(&format!("/personale/rapport.csv?{period}"))
        .await
        .text()
        .await
        .unwrap();
    // Vejen counts nothing of Brønderslev's: no case of Vejen's, no row.
    assert_eq!(csv.lines().count(), 1, "only the header: {csv}");
    // A period that ends before it begins is explained.
    let (status, html) = s
        .page(&format!(
            "/personale/rapport?fra={today}&til={}",
            today - Duration::days(1)
        ))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{html}");
    assert!(html.contains("Slutdatoen skal ligge efter startdatoen."));
}

on_both_backends!(the_report_counts_each_clock_over_the_cases_of_the_period);
