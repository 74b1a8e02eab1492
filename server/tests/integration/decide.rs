//! Deciding an application and reading the letter, over HTTP: what the decision form lacks is
//! named and nothing is stored; a decision is made once, with generated complaint guidance, a
//! course for what is granted and an email that a decision is waiting; the complaint deadline
//! runs from receipt (publication, a letter's date, a hand-over), never from when it was opened;
//! the first deliberate reading is recorded for staff and Min log, and prefetches record nothing.
use crate::http::{location, person_of, Browser, NOW};
use crate::support::{at, on_both_backends, spawn_app, Backend};
use app::domain::deadlines::complaint_deadline;
use app::domain::lang::Lang;
use app::domain::time_format::long_date_time;
use chrono::Duration;
use reqwest::StatusCode;

/// The citizen's decisions on applications (not the demo data's), newest first.
async fn decided(app: &crate::support::TestApp, citizen: i64) -> Vec<app::ssr::db::DecisionRecord> {
    let all = app.state.repo.decisions_of(citizen).await.unwrap();
    all.into_iter()
        .filter(|d| d.application_id.is_some())
        .collect()
}
/// The "a decision is waiting" emails in the outbox.
async fn waiting_notices(app: &crate::support::TestApp) -> Vec<app::ssr::db::OutboxMessage> {
    let all = app.state.repo.outbox_messages(50).await.unwrap();
    all.into_iter()
        .filter(|m| m.subject.starts_with("Ny afgørelse"))
        .collect()
}

async fn a_caseworker_decides_once_and_the_deadline_runs_from_publication_not_from_reading(
    backend: Backend,
) {
    let app = spawn_app(backend, true, NOW).await;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let mut i = Browser::new(&app);
    i.sign_in_as("Inger Thomsen").await;
    let reference = crate::apply::apply_and_send(&app, &mut i, inger, "Trapper.").await;

    let mut b = Browser::new(&app);
    b.sign_in_as("Birgitte Dahl").await;
    let case = format!("/personale/ansoegninger/{reference}");
    let (status, html) = b.page(&case).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Træf afgørelsen"), "{html}");

    // A partial grant without reasons: refused with the reason named; nothing stored.
    let decide = |outcome: &'static str, reasons: &'static str| {
        vec![
            ("reference", reference.clone()),
            ("outcome", outcome.to_string()),
            ("training_form", "team".to_string()),
            ("place", "Sundhedscenter Brønderslev".to_string()),
            ("sessions_per_week", "1".to_string()),
            ("weeks", "".to_string()),
            ("start_on", "16.3.2026".to_string()),
            ("reasons", reasons.to_string()),
            ("legal_basis", "sel_86_2".to_string()),
        ]
    };
    let res = post(&mut b, &case, decide("partly_granted", "")).await;
    let back = location(&res);
    assert!(back.contains("__err"), "{back}");
    assert!(
        !back.contains("Sundhedscenter"),
        "nothing typed travels in the URL"
    );
    let (_, html) = b.page(back.trim_start_matches(&app.base)).await;
    assert!(html.contains("Skriv begrundelsen."), "{html}");
    assert!(html.contains("<a href=\"#felt-begrundelse\">Skriv begrundelsen."));
    assert!(
        html.contains("id=\"felt-begrundelse-fejl\""),
        "at the field too"
    );
    assert!(decided(&app, inger).await.is_empty());
    // What she typed is in the form again, and stays there if she comes back later.
    let (_, html) = b.page(&case).await;
    assert!(
        html.contains("name=\"place\" value=\"Sundhedscenter Brønderslev\""),
        "{html}"
    );
    assert!(html.contains("value=\"partly_granted\" checked"), "{html}");
    assert!(html.contains("value=\"16.3.2026\""));
    let mut later = Browser::new(&app);
    later.sign_in_as("Birgitte Dahl").await;
    let (_, html) = later.page(&case).await;
    assert!(
        html.contains("Sundhedscenter Brønderslev"),
        "kept across sign-ins"
    );

    let res = post(
        &mut b,
        &case,
        decide("partly_granted", "Du får hold én gang om ugen, ikke to."),
    )
    .await;
    assert_eq!(location(&res), case);
    let decisions = decided(&app, inger).await;
    assert_eq!(decisions.len(), 1);
    let application = decisions[0].application_id.unwrap();
    let birgitte = person_of(&app, "demo:broenderslev:visitator").await;
    assert_eq!(
        app.state
            .repo
            .decision_draft(application, birgitte)
            .await
            .unwrap(),
        None,
        "the kept form goes once the decision is made"
    );
    let d = &decisions[0];
    assert_eq!(d.outcome.code(), "partly_granted");
    assert!(d
        .complaint_guidance
        .as_deref()
        .unwrap()
        .contains("Kommunen skal have modtaget din klage"));
    let course = app.state.repo.current_course(inger).await.unwrap().unwrap();
    assert_eq!(
        course.decision_id, d.id,
        "the grant is the course booking uses"
    );
    assert_eq!(
        app.state
            .repo
            .application_by_reference(&reference)
            .await
            .unwrap()
            .unwrap()
            .status,
        app::domain::states::ApplicationStatus::Decided
    );
    // Published in the portal: Inger and Ole (power of attorney, view scope) are told.
    let mut mail = waiting_notices(&app).await;
    mail.sort_by(|a, b| a.to_address.cmp(&b.to_address));
    let to: Vec<_> = mail.iter().map(|m| m.to_address.as_str()).collect();
    assert_eq!(to, ["inger.thomsen@example.dk", "ole.thomsen@example.dk"]);
    assert!(
        !mail[0].body_text.contains("én gang om ugen"),
        "nothing of the decision in the email"
    );
    let res = post(&mut b, &case, decide("granted", "")).await;
    assert!(location(&res).contains("__err"), "decided once");
    assert_eq!(decided(&app, inger).await.len(), 1);
    // BRS-11 ("Sagsbehandlingstid: Op til 2 uger") is kept by the decision: kept, with its day.
    let (_, receipt) = i.page(&format!("/ansoeg/kvittering/{reference}")).await;
    assert!(
        receipt
            .replace("<!---->", "")
            .contains("Overholdt onsdag 4. marts 2026"),
        "{receipt}"
    );

    // Received when published (CAL-8): the deadline is there before anyone has opened it, and
    // the caseworker sees that nobody has read it yet.
    let deadline = long_date_time(Lang::Da, complaint_deadline(at(NOW), 4).shown);
    let letter = format!("/afgoerelse/{}", d.id);
    let (status, html) = b.page(&letter).await;
    assert_eq!(status, StatusCode::OK);
    let html = html.replace("<!---->", "");
    assert!(html.contains(&deadline), "{deadline} in {html}");
    assert!(html.contains("Lagt i Træningsportalen og dermed modtaget"));
    assert!(html.contains("Borgeren har ikke læst afgørelsen i portalen endnu."));

    // Three weeks later: a link prefetch and a navigation from another site (a mail scanner,
    // a cross-site link) under Ole's session record nothing and move nothing.
    app.clock.set(at(NOW) + Duration::days(21));
    let mut o = Browser::new(&app);
    o.sign_in_as("Ole Thomsen").await;
    for headers in [
        [("Sec-Purpose", "prefetch")],
        [("Sec-Fetch-Site", "cross-site")],
    ] {
        let res = o.get_with(&letter, &headers).await;
        assert_eq!(res.status(), StatusCode::OK);
        let html = res.text().await.unwrap().replace("<!---->", "");
        assert!(html.contains(&deadline), "{html}");
    }
    let stored = app.state.repo.decision(d.id).await.unwrap().unwrap();
    assert_eq!(stored.first_opened_at, None, "nobody read it on purpose");

    // Ole opens it: the deadline still counts from publication, not from this reading.
    let (status, html) = o.page(&letter).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let html = html.replace("<!---->", "");
    assert!(html.contains("Du får delvist vedligeholdende træning"));
    assert!(html.contains("Du får hold én gang om ugen, ikke to."));
    assert!(html.contains("Lov om social service § 86, stk. 2"));
    assert!(html.contains("Du kan klage over afgørelsen til"));
    assert!(html.contains(&deadline), "{deadline} in {html}");
    assert!(
        !html.contains("Læst første gang"),
        "the reading is for staff"
    );
    let read = at(NOW) + Duration::days(21);
    app.clock.set(read + Duration::days(2));
    i.sign_in_as("Inger Thomsen").await;
    let (_, html) = i.page("/oversigt").await;
    assert!(
        html.contains(&format!("/afgoerelse/{}", d.id)),
        "listed on the overview"
    );
    let (_, html) = i.page(&letter).await;
    assert!(html.replace("<!---->", "").contains(&deadline));
    let stored = app.state.repo.decision(d.id).await.unwrap().unwrap();
    let ole = person_of(&app, "demo:broenderslev:paaroerende").await;
    assert_eq!(
        (stored.first_opened_at, stored.first_opened_by),
        (Some(read), Some(ole)),
        "the first reading, by whom, once"
    );
    // Staff see the first reading; Inger sees it in Min log.
    b.sign_in_as("Birgitte Dahl").await;
    let (_, html) = b.page(&letter).await;
    let html = html.replace("<!---->", "");
    assert!(
        html.contains(&format!(
            "Læst første gang {} (Ole Thomsen).",
            long_date_time(Lang::Da, read)
        )),
        "{html}"
    );
    let (_, html) = i.page("/min-log").await;
    // Once in the log (the filter offers the action too, as an option).
    assert_eq!(
        html.replace("<!---->", "")
            .matches("</strong>: Læste afgørelsen første gang")
            .count(),
        1,
        "{html}"
    );

    // Another municipality's caseworker and another citizen see nothing.
    let mut m = Browser::new(&app);
    m.sign_in_as("Mette Lund").await;
    assert_eq!(m.page(&letter).await.0, StatusCode::NOT_FOUND);
    let mut k = Browser::new(&app);
    k.sign_in_as("Karen Østergaard").await;
    assert_eq!(k.page(&letter).await.0, StatusCode::NOT_FOUND);
}

/// A decision sent as a letter or handed over counts from that day (with the postal presumption,
/// 6 delivery days after the letter's date, T19): on the letter, the complaint form and the
/// complaint itself. No "decision waiting" email goes out for it; a day out of reach is refused
/// at its field and nothing is stored.
async fn a_letter_or_a_hand_over_starts_the_deadline_on_its_own_day(backend: Backend) {
    use app::domain::deadlines::complaint_deadline_from_day;
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    // Friday 6 March + 4 weeks is Langfredag: the deadline rolls to Tuesday 7 April.
    for (presume, way, typed, receipt, words) in [
        (
            "false",
            "letter",
            "6.3.2026",
            day(6),
            "Sendt som brev og regnet for modtaget på brevets dato, fredag 6. marts 2026.",
        ),
        (
            "true",
            "letter",
            "6.3.2026",
            day(16),
            "Brevet regnes for modtaget 6 omdelingsdage efter, den mandag 16. marts 2026.",
        ),
        (
            "false",
            "in_person",
            "9.3.2026",
            day(9),
            "Udleveret personligt mandag 9. marts 2026.",
        ),
    ] {
        let app = crate::support::spawn_app_with(
            backend,
            true,
            NOW,
            &[("PORTAL_POSTAL_RECEIPT_PRESUMPTION", presume)],
        )
        .await;
        let inger = person_of(&app, "demo:broenderslev:borger").await;
        let mut i = Browser::new(&app);
        i.sign_in_as("Inger Thomsen").await;
        let reference = crate::apply::apply_and_send(&app, &mut i, inger, "Trapper.").await;
        let mut b = Browser::new(&app);
        b.sign_in_as("Birgitte Dahl").await;
        let case = format!("/personale/ansoegninger/{reference}");
        let fields = |on: &str| {
            vec![
                ("reference", reference.clone()),
                ("outcome", "refused".to_string()),
                ("reasons", "Du kan træne selv.".to_string()),
                ("legal_basis", "sel_86_2".to_string()),
                ("delivery", way.to_string()),
                ("delivery_on", on.to_string()),
            ]
        };
        let res = post(&mut b, &case, fields("1.4.2026")).await;
        let html = problems_after(&app, &mut b, res).await;
        assert!(
            html.contains("<a href=\"#felt-udlevering-dato\">Datoen kan højst ligge 14 dage efter afgørelsen."),
            "{html}"
        );
        assert!(decided(&app, inger).await.is_empty());
        let (_, html) = b.page(&case).await;
        assert!(
            html.contains(&format!("value=\"{way}\" checked")),
            "the choice is kept"
        );
        assert_eq!(location(&post(&mut b, &case, fields(typed)).await), case);
        let d = decided(&app, inger).await.remove(0);
        let waiting = waiting_notices(&app).await.len();
        assert_eq!(waiting, 0, "the portal announces only what it publishes");

        let deadline = complaint_deadline_from_day(receipt, 4).shown;
        let shown = long_date_time(Lang::Da, deadline);
        let (_, letter) = i.page(&format!("/afgoerelse/{}", d.id)).await;
        let letter = letter.replace("<!---->", "");
        assert!(letter.contains(&shown), "{shown} in {letter}");
        assert!(letter.contains(words), "{words} in {letter}");
        let form_page = format!("/klage/afgoerelse/{}", d.id);
        let (_, form) = i.page(&form_page).await;
        assert!(form.replace("<!---->", "").contains(&shown), "{form}");
        // A complaint on the last day, at noon, is in time.
        app.clock.set(crate::support::at(&format!(
            "{}T10:00:00Z",
            app::domain::time_format::local_date(deadline)
        )));
        i.sign_in_as("Inger Thomsen").await;
        let res = i
            .post_form(
                &form_page,
                "/api/complaints/submit",
                &[("decision", &d.id.to_string()), ("body", "")],
            )
            .await;
        assert!(
            location(&res).starts_with("/klage/K-"),
            "{}",
            location(&res)
        );
        let c = &app.state.repo.complaints_of(inger).await.unwrap()[0];
        assert_eq!(c.deadline_at, Some(deadline));
        assert!(!c.possibly_late, "{way} {presume}");
    }
}

/// GEN-10: in 2028 the demo citizen (born 17 May 1961) has reached folkepensionsalderen (67).
/// Applying, she is told her case may fall under ældreloven, and can still send it; the case's
/// legal basis is "to be determined" in the inbox and on the case, the caseworker must choose the
/// law, and the letter and its complaint guidance name the law chosen.
async fn over_pension_age_the_caseworker_decides_the_law_and_the_letter_names_it(backend: Backend) {
    let app = spawn_app(backend, true, "2028-06-01T08:00:00Z").await;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let mut i = Browser::new(&app);
    i.sign_in_as("Inger Thomsen").await;
    let (_, html) = i.page("/ansoeg").await;
    assert!(
        html.replace("<!---->", "")
            .contains("Du har nået folkepensionsalderen (67 år)"),
        "{html}"
    );
    let reference = crate::apply::apply_and_send(&app, &mut i, inger, "Trapper.").await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Birgitte Dahl").await;
    let (_, inbox) = b.page("/personale/ansoegninger").await;
    assert!(inbox.contains("Lovgrundlag: Afklares"), "{inbox}");
    let case = format!("/personale/ansoegninger/{reference}");
    let (_, html) = b.page(&case).await;
    assert!(html.contains("Lovgrundlag: Afklares"));
    assert!(
        !html.contains("value=\"sel_86_2\" checked"),
        "no law chosen for her"
    );
    let fields = |basis: &'static str| {
        vec![
            ("reference", reference.clone()),
            ("outcome", "refused".to_string()),
            (
                "reasons",
                "Træningen gives som en del af helhedsplejen.".to_string(),
            ),
            ("legal_basis", basis.to_string()),
        ]
    };
    let res = post(&mut b, &case, fields("")).await;
    let html = problems_after(&app, &mut b, res).await;
    assert!(
        html.contains("<a href=\"#felt-lovgrundlag\">Vælg, hvilken lov afgørelsen træffes efter"),
        "{html}"
    );
    assert!(decided(&app, inger).await.is_empty());
    assert_eq!(
        location(&post(&mut b, &case, fields("aeldreloven")).await),
        case
    );
    let d = decided(&app, inger).await.remove(0);
    let (_, letter) = i.page(&format!("/afgoerelse/{}", d.id)).await;
    let letter = letter.replace("<!---->", "");
    assert!(
        letter.contains("<p>Ældreloven (lov nr. 1651 af 30. december 2024)</p>"),
        "{letter}"
    );
    assert!(letter
        .contains("Afgørelsen er truffet efter Ældreloven (lov nr. 1651 af 30. december 2024)."));
    let (_, html) = b.page(&case).await;
    assert!(html.contains("Lovgrundlag: Ældreloven"), "{html}");
}

/// MAR-18 (T28): a decision can carry a part on transport under SEL § 117, with its own
/// guidance, which in Mariagerfjord says it cannot be appealed; the training part keeps its
/// ordinary route. GEN-5/VEJ-16/17: the guidance names every route the standard names.
async fn a_transport_part_and_every_route_the_standard_names(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let grethe = person_of(&app, "demo:mariagerfjord:borger").await;
    let mut g = Browser::new(&app);
    g.sign_in_as("Grethe Nielsen").await;
    let reference = crate::apply::apply_and_send(&app, &mut g, grethe, "Trapper.").await;
    let mut t = Browser::new(&app);
    t.sign_in_as("Tina Skov").await;
    let case = format!("/personale/ansoegninger/{reference}");
    let fields = vec![
        ("reference", reference.clone()),
        ("outcome", "partly_granted".to_string()),
        ("training_form", "team".to_string()),
        ("place", "Sundhedshuset Hobro".to_string()),
        ("sessions_per_week", "1".to_string()),
        ("weeks", "12".to_string()),
        ("start_on", "16.3.2026".to_string()),
        ("reasons", "Du kan selv komme frem med bus.".to_string()),
        ("legal_basis", "sel_86_2".to_string()),
        ("transport", "refused".to_string()),
    ];
    assert_eq!(location(&post(&mut t, &case, fields).await), case);
    let d = decided(&app, grethe).await.remove(0);
    assert_eq!(d.transport_outcome.as_deref(), Some("refused"));
    let (_, letter) = g.page(&format!("/afgoerelse/{}", d.id)).await;
    let letter = letter.replace("<!---->", "");
    assert!(
        letter.contains("Du får ikke kørsel til træningen."),
        "{letter}"
    );
    assert!(letter.contains(
        "Afgørelsen om befordring efter servicelovens § 117 kan ikke påklages til en anden offentlig myndighed."
    ));
    assert!(
        letter.contains(&format!("href=\"/klage/afgoerelse/{}\"", d.id)),
        "the training part can still be appealed"
    );
    // Vejen: the decision's route, and the leader of Træning & Livsstil and Styrelsen for
    // Patientklager for the training itself and the care.
    let karen = person_of(&app, "demo:vejen:borger").await;
    let refused = app
        .state
        .repo
        .decisions_of(karen)
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.outcome.code() == "refused")
        .unwrap();
    let mut k = Browser::new(&app);
    k.sign_in_as("Karen Østergaard").await;
    let (_, letter) = k.page(&format!("/afgoerelse/{}", refused.id)).await;
    let letter = letter.replace("<!---->", "");
    assert!(
        letter.contains("Leder af Træning &amp; Livsstil, Brørup Sundhedscenter"),
        "{letter}"
    );
    assert!(letter.contains("Styrelsen for Patientklager"));
    assert!(
        !letter.contains("Kørsel til træningen"),
        "no transport part"
    );
}

/// A decision published in the portal is received at once, so it is published only when someone
/// is told: a citizen with no email address (and no relative to tell) gets it by letter or by
/// hand instead.
async fn no_portal_publication_without_anyone_to_tell(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let repo = &app.state.repo;
    let now = crate::support::at(NOW);
    let anna = repo
        .insert_person(
            &app::ssr::db::NewPerson {
                subject: "test:anna".into(),
                name: "Anna Uden Mail".into(),
                email: None,
                phone: None,
                birth_date: chrono::NaiveDate::from_ymd_opt(1970, 1, 1),
                home_municipality: Some("vejen".into()),
            },
            now,
        )
        .await
        .unwrap();
    let a = repo
        .save_draft(&app::ssr::db::DraftSave {
            citizen_id: anna,
            municipality: "vejen".into(),
            created_by: anna,
            new_reference: "TP-ANNA-0001".into(),
            answers: r#"{"needs":"Trapper.","transport":"self"}"#.into(),
            preferred_form: None,
            preferred_place: None,
            transport_need: Some("self".into()),
            now,
        })
        .await
        .unwrap();
    assert!(repo
        .submit_draft(
            a.id,
            app::domain::states::ApplicationStatus::Submitted,
            now,
            &[],
            None
        )
        .await
        .unwrap());
    let mut m = Browser::new(&app);
    m.sign_in_as("Mette Lund").await;
    let case = "/personale/ansoegninger/TP-ANNA-0001";
    let fields = |way: &str, on: &str| {
        vec![
            ("reference", "TP-ANNA-0001".to_string()),
            ("outcome", "refused".to_string()),
            ("reasons", "Du kan bruge et motionshold.".to_string()),
            ("legal_basis", "sel_86_2".to_string()),
            ("delivery", way.to_string()),
            ("delivery_on", on.to_string()),
        ]
    };
    let res = post(&mut m, case, fields("portal", "")).await;
    let html = problems_after(&app, &mut m, res).await;
    assert!(html.contains("Borgeren har ingen e-mailadresse"), "{html}");
    assert!(decided(&app, anna).await.is_empty(), "nothing stored");
    assert_eq!(
        location(&post(&mut m, case, fields("letter", "4.3.2026")).await),
        case
    );
    assert_eq!(decided(&app, anna).await[0].delivery, "letter");
}

/// The page a refused form post sends the browser back to, with its problems.
async fn problems_after(
    app: &crate::support::TestApp,
    b: &mut Browser,
    res: reqwest::Response,
) -> String {
    let back = location(&res);
    assert!(back.contains("__err"), "{back}");
    b.page(back.trim_start_matches(&app.base)).await.1
}

async fn post(b: &mut Browser, case: &str, v: Vec<(&'static str, String)>) -> reqwest::Response {
    let pairs: Vec<(&str, &str)> = v.iter().map(|(k, v)| (*k, v.as_str())).collect();
    b.post_form(case, "/api/decide/decide", &pairs).await
}

on_both_backends!(
    a_caseworker_decides_once_and_the_deadline_runs_from_publication_not_from_reading,
    a_letter_or_a_hand_over_starts_the_deadline_on_its_own_day,
    over_pension_age_the_caseworker_decides_the_law_and_the_letter_names_it,
    a_transport_part_and_every_route_the_standard_names,
    no_portal_publication_without_anyone_to_tell,
);
