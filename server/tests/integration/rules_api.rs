//! The public rules API over HTTP (it reads the municipality files, not the database).
use crate::support::{spawn_app, spawn_app_with, Backend, TestApp};
use reqwest::StatusCode;
use serde_json::Value;

async fn get(app: &TestApp, path_and_query: &str) -> (StatusCode, Value) {
    let res = reqwest::get(format!("{}{path_and_query}", app.base))
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap())
}

async fn app() -> TestApp {
    spawn_app(Backend::Sqlite, false, "2026-03-04T09:00:00Z").await
}

#[tokio::test]
async fn lists_the_municipalities() {
    let app = app().await;
    let (status, body) = get(&app, "/api/v1/municipalities").await;
    assert_eq!(status, StatusCode::OK);
    let slugs: Vec<&str> = body
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["slug"].as_str().unwrap())
        .collect();
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
    assert_eq!(body[3]["name"], "Samsø Kommune");
}

#[tokio::test]
async fn broenderslev_cancellation_at_the_noon_boundary() {
    let app = app().await;
    let q = "session_start=2026-03-11T10:00:00%2B01:00";
    let (status, on_time) = get(
        &app,
        &format!("/api/v1/rules/broenderslev/cancellation?{q}&at=2026-03-10T12:00:00%2B01:00"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(on_time["deadline"], "2026-03-10T12:00:00+01:00");
    assert_eq!(on_time["on_time"], true);
    assert_eq!(on_time["rule_id"], "BRS-16");
    assert_eq!(
        on_time["text_da"],
        "Afmeld senest tirsdag 10. marts 2026 kl. 12.00. Et afbud på det tidspunkt er rettidigt."
    );
    assert_eq!(
        on_time["text_en"],
        "Cancel by Tuesday 10 March 2026 at 12:00. A cancellation at that time is on time."
    );
    assert!(on_time["source"]
        .as_str()
        .unwrap()
        .contains("senest kl. 12:00 dagen før"));
    let (_, late) = get(
        &app,
        &format!("/api/v1/rules/broenderslev/cancellation?{q}&at=2026-03-10T11:00:01Z"),
    )
    .await;
    assert_eq!(late["on_time"], false);
    assert!(late["text_da"]
        .as_str()
        .unwrap()
        .contains("registreret som sent afbud"));
}

#[tokio::test]
async fn no_deadline_where_the_standard_sets_none() {
    let app = app().await;
    let (_, body) = get(&app, "/api/v1/rules/samsoe/cancellation?session_start=2026-03-11T09:00:00Z&at=2026-03-11T08:30:00Z").await;
    assert_eq!(body["deadline"], Value::Null);
    assert_eq!(body["on_time"], true);
    assert_eq!(body["rule_id"], "SAM-29");
}

#[tokio::test]
async fn complaint_deadline_after_the_autumn_clock_change() {
    let app = app().await;
    let base = "/api/v1/rules/mariagerfjord/complaint?received=2026-09-28T09:00:00Z";
    let (_, body) = get(&app, &format!("{base}&submitted=2026-10-26T22:30:00Z")).await;
    assert_eq!(body["deadline"], "2026-10-26T23:59:59+01:00");
    assert_eq!(body["on_time"], true);
    assert_eq!(body["rule_id"], "MAR-19");
    let (_, body) = get(&app, &format!("{base}&submitted=2026-10-26T23:00:00Z")).await;
    assert_eq!(body["on_time"], false);
    assert!(body["text_da"]
        .as_str()
        .unwrap()
        .contains("Ankestyrelsen kan se bort fra en overskredet frist"));
    let (_, body) = get(&app, base).await;
    assert_eq!(body["on_time"], Value::Null);
    assert_eq!(
        body["text_da"],
        "Du kan klage til og med mandag 26. oktober 2026 kl. 23.59. En klage efter fristen bliver stadig modtaget."
    );
}

// FRB-29 counts when the complaint was sent; BRS-23 when the municipality received it.
#[tokio::test]
async fn sent_or_received_per_municipality() {
    let app = app().await;
    let q = "received=2026-03-05T11:00:00Z&submitted=2026-04-07T14:00:00Z&complaint_received=2026-04-09T07:00:00Z";
    let (_, frb) = get(&app, &format!("/api/v1/rules/fredensborg/complaint?{q}")).await;
    assert_eq!(
        (frb["on_time"].clone(), frb["counted_at"].clone()),
        (Value::Bool(true), Value::from("sent"))
    );
    let (_, brs) = get(&app, &format!("/api/v1/rules/broenderslev/complaint?{q}")).await;
    assert_eq!(
        (brs["on_time"].clone(), brs["counted_at"].clone()),
        (Value::Bool(false), Value::from("received"))
    );
    let (status, body) = get(&app, "/api/v1/rules/broenderslev/complaint?received=2026-03-05T11:00:00Z&complaint_received=2026-04-09T07:00:00Z").await;
    assert_eq!(
        (status, body["parameter"].clone()),
        (StatusCode::BAD_REQUEST, Value::from("submitted"))
    );
}

// T19 (CAL-8, ordinary post) sits behind PORTAL_POSTAL_RECEIPT_PRESUMPTION: switched off, a
// letter counts from its date, as in the case flow; a hand-over from its day.
#[tokio::test]
async fn presumed_receipt_of_a_letter_only_when_switched_on() {
    let q = "/api/v1/rules/vejen/complaint?letter_date=2026-03-02";
    let off = app().await;
    let (status, body) = get(&off, q).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["decision_received"], "2026-03-02");
    assert_eq!(body["deadline"], "2026-03-30T23:59:59+02:00");
    let (_, body) = get(&off, "/api/v1/rules/vejen/complaint?handed_over=2026-03-05").await;
    assert_eq!(body["decision_received"], "2026-03-05");
    let (status, body) = get(
        &off,
        "/api/v1/rules/vejen/complaint?letter_date=2026-03-02&received=2026-03-02T09:00:00Z",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "one way only");
    assert_eq!(body["parameter"], "letter_date");
    let on = spawn_app_with(
        Backend::Sqlite,
        false,
        "2026-03-04T09:00:00Z",
        &[("PORTAL_POSTAL_RECEIPT_PRESUMPTION", "true")],
    )
    .await;
    let (status, body) = get(&on, q).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["decision_received"], "2026-03-10");
    assert_eq!(body["deadline"], "2026-04-07T23:59:59+02:00");
    assert!(body["text_da"]
        .as_str()
        .unwrap()
        .starts_with("Brevet regnes for modtaget tirsdag 10. marts 2026."));
}

#[tokio::test]
async fn complaint_handling_and_service_level_clocks() {
    let app = app().await;
    let (_, body) = get(
        &app,
        "/api/v1/rules/broenderslev/complaint-handling?complaint_received=2026-03-02T10:00:00Z",
    )
    .await;
    let clocks = body["clocks"].as_array().unwrap();
    assert_eq!(clocks.len(), 3);
    assert!(clocks.iter().all(|c| c["due"] == "2026-03-30"));
    assert!(clocks.iter().all(|c| c["text_da"]
        .as_str()
        .unwrap()
        .ends_with("senest mandag 30. marts 2026.")
        && c["source"].is_string()));
    // T25: maintained on Mon 22 June after a partial agreement; forwarding due 6 July (BRS-27).
    let (_, body) = get(
        &app,
        "/api/v1/rules/broenderslev/complaint-handling?complaint_received=2026-06-01T10:00:00Z&complaint_maintained=2026-06-22T10:00:00Z",
    )
    .await;
    let maintained = body["clocks"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (maintained["rule_id"].clone(), maintained["due"].clone()),
        (Value::from("BRS-27"), Value::from("2026-07-06"))
    );
    let (_, body) = get(&app, "/api/v1/rules/fredensborg/service-levels?anchor=application_received&at=2026-04-01T09:00:00Z").await;
    let due: Vec<(&str, &str)> = body["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["due"].as_str().unwrap()))
        .collect();
    assert_eq!(
        due,
        vec![
            ("assessment_time", "2026-04-13"),
            ("start_time_agreed", "2026-04-20")
        ]
    );
    let (_, body) = get(
        &app,
        "/api/v1/rules/vejen/service-levels?anchor=pre_exam&at=2026-04-01T09:00:00Z",
    )
    .await;
    assert_eq!(
        body["clocks"],
        serde_json::json!([]),
        "Vejen has no clock from a pre-examination"
    );
}

#[tokio::test]
async fn bookable_follows_each_municipalitys_closures_and_course_length() {
    let app = app().await;
    let (_, body) = get(&app, "/api/v1/rules/samsoe/bookable?start=2026-02-09T09:00:00Z&end=2026-02-09T10:00:00Z&form=team").await;
    assert_eq!(body["allowed"], false);
    assert_eq!(body["reasons"][0]["rule_id"], "SAM-21");
    let (_, body) = get(&app, "/api/v1/rules/samsoe/bookable?start=2026-02-09T09:00:00Z&end=2026-02-09T10:00:00Z&form=individual").await;
    assert_eq!(body["allowed"], true);
    let q = "start=2026-08-31T08:00:00Z&end=2026-08-31T09:00:00Z&form=team&course_start=2026-06-08";
    let (_, body) = get(&app, &format!("/api/v1/rules/mariagerfjord/bookable?{q}")).await;
    assert_eq!(
        (
            body["allowed"].clone(),
            body["reasons"][0]["rule_id"].clone()
        ),
        (Value::Bool(false), Value::from("MAR-08"))
    );
    let (_, body) = get(&app, "/api/v1/rules/fredensborg/bookable?start=2026-09-16T14:00:00Z&end=2026-09-16T15:00:00Z&form=team").await;
    assert_eq!(
        body["allowed"], true,
        "16:00-17:00 is outside the main rule's hours, which only warns"
    );
    assert_eq!(body["warnings"][0]["rule_id"], "FRB-13");
    assert_eq!(body["text_da"], "Tiden kan bruges, men se advarslerne.");
    // FRB-23: once a week is the usual level, a warning; the citizen's plan binds.
    let q = "start=2026-09-16T08:00:00Z&end=2026-09-16T09:00:00Z&form=team&booked_in_week=1";
    let (_, body) = get(&app, &format!("/api/v1/rules/fredensborg/bookable?{q}")).await;
    assert_eq!(
        (
            body["allowed"].clone(),
            body["warnings"][0]["rule_id"].clone()
        ),
        (Value::Bool(true), Value::from("FRB-23"))
    );
    let (_, body) = get(
        &app,
        &format!("/api/v1/rules/fredensborg/bookable?{q}&plan_per_week=1"),
    )
    .await;
    assert_eq!(body["allowed"], false, "her plan of once a week binds");
    let (_, body) = get(
        &app,
        &format!("/api/v1/rules/fredensborg/bookable?{q}&plan_per_week=2"),
    )
    .await;
    assert_eq!(body["allowed"], true);
    let (status, body) = get(
        &app,
        &format!("/api/v1/rules/fredensborg/bookable?{q}&plan_per_week=0"),
    )
    .await;
    assert_eq!(
        (status, body["parameter"].clone()),
        (StatusCode::BAD_REQUEST, Value::from("plan_per_week"))
    );
}

#[tokio::test]
async fn bad_parameters_are_named_and_unknown_municipalities_are_404() {
    let app = app().await;
    let (status, body) = get(
        &app,
        "/api/v1/rules/vejen/cancellation?at=2026-03-10T12:00:00Z",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["parameter"], "session_start");
    let (status, body) = get(
        &app,
        "/api/v1/rules/vejen/complaint?received=2026-03-10 12:00",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["parameter"], "received");
    let (status, body) = get(
        &app,
        "/api/v1/rules/vejen/service-levels?anchor=decision&at=2026-03-10T12:00:00Z",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["parameter"], "anchor");
    let (status, _) = get(
        &app,
        "/api/v1/rules/aarhus/complaint?received=2026-03-10T12:00:00Z",
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

// The staff rules preview answers as the API does for each way a decision is delivered.
#[tokio::test]
async fn the_rules_preview_counts_a_letter_and_a_hand_over_as_the_api_does() {
    let app = spawn_app(Backend::Sqlite, true, "2026-03-04T09:00:00Z").await;
    let mut staff = crate::http::Browser::new(&app);
    staff.sign_in_as("Mette Lund").await;
    for (way, day) in [("letter_date", "2026-03-06"), ("handed_over", "2026-03-09")] {
        let (status, api) = get(&app, &format!("/api/v1/rules/vejen/complaint?{way}={day}")).await;
        assert_eq!(status, StatusCode::OK);
        let (status, html) = staff
            .page(&format!(
                "/personale/regler?q=klage&kommune=vejen&{way}={day}"
            ))
            .await;
        assert_eq!(status, StatusCode::OK);
        let html = html.replace("<!---->", "");
        assert!(
            html.contains(api["text_da"].as_str().unwrap()),
            "{} in {html}",
            api["text_da"]
        );
    }
    // Friday 6 March + 4 weeks is Langfredag: rolled to Tuesday 7 April.
    let (_, api) = get(&app, "/api/v1/rules/vejen/complaint?letter_date=2026-03-06").await;
    assert_eq!(api["deadline"], "2026-04-07T23:59:59+02:00");
    let (_, html) = staff
        .page("/personale/regler?q=klage&kommune=vejen&received=2026-03-04T10:00&letter_date=2026-03-06")
        .await;
    assert!(html.contains("Udfyld kun én af de tre"), "{html}");
}
