//! Complaints over HTTP, on both databases: about a decision on time (deadline and days left
//! shown), late (accepted, marked possibly late, GEN-5), by a relative with the complain scope;
//! each outcome of the re-assessment in one of the five municipalities, with the clocks both
//! sides see (T24, T25); complaints about the training routed to the unit each standard names.
use crate::booking::mail_to;
use crate::http::{location, person_of, Browser, NOW};
use crate::support::{at, on_both_backends, spawn_app, Backend, TestApp};

/// The demo citizen's decision with this outcome ("granted" today, "refused" six weeks ago),
/// not one made after a complaint.
pub(crate) async fn decision(app: &TestApp, citizen: i64, outcome: &str) -> i64 {
    app.state
        .repo
        .decisions_of(citizen)
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.outcome.code() == outcome && d.replaces_decision_id.is_none())
        .unwrap()
        .id
}

/// Complains about the decision from its form; returns the complaint's reference.
pub(crate) async fn complain(b: &mut Browser, decision: i64, body: &str) -> String {
    let form = format!("/klage/afgoerelse/{decision}");
    let res = b
        .post_form(
            &form,
            "/api/complaints/submit",
            &[("decision", &decision.to_string()), ("body", body)],
        )
        .await;
    let to = location(&res);
    assert!(
        to.starts_with("/klage/K-") && to.ends_with("?kvittering=1"),
        "{to}"
    );
    to.trim_start_matches("/klage/")
        .trim_end_matches("?kvittering=1")
        .to_string()
}

/// Posts the re-assessment; returns where the browser is sent (the case, or back with errors).
pub(crate) async fn settle(
    app: &TestApp,
    staff: &mut Browser,
    reference: &str,
    fields: &[(&str, &str)],
) -> String {
    let page = format!("/personale/klager/{reference}");
    let mut all = vec![("reference", reference)];
    all.extend_from_slice(fields);
    let res = staff
        .post_form(&page, "/api/staff/settle_complaint", &all)
        .await;
    location(&res).trim_start_matches(&app.base).to_string()
}

async fn on_time_by_the_citizen_upheld_and_forwarded_in_vejen(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let karen = person_of(&app, "demo:vejen:borger").await;
    let granted = decision(&app, karen, "granted").await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Karen Østergaard").await;
    // The letter offers the complaint; the form shows the deadline, the days left and the route.
    let (_, letter) = b.page(&format!("/afgoerelse/{granted}")).await;
    assert!(
        letter.contains(&format!("href=\"/klage/afgoerelse/{granted}\"")),
        "{letter}"
    );
    let (_, form) = b.page(&format!("/klage/afgoerelse/{granted}")).await;
    // Published Wednesday 4 March: 4 weeks on is Wednesday 1 April, to the last second.
    assert!(form.contains("onsdag 1. april 2026 kl. 23.59"), "{form}");
    assert!(form.contains("28 dage tilbage."));
    assert!(form.contains("Vejen Kommune"));
    assert!(form.contains("(valgfrit)"), "no reason is required");

    // Sent with no text at all.
    let reference = complain(&mut b, granted, "").await;
    let (_, receipt) = b.page(&format!("/klage/{reference}?kvittering=1")).await;
    assert!(receipt.contains("Klagen er sendt"), "{receipt}");
    assert!(receipt.contains(&reference));
    assert!(!receipt.contains("måske for sent"));
    // The law's forwarding clock (GEN-5): 4 weeks from receiving the complaint.
    assert!(receipt.contains("Kommunen genvurderer afgørelsen"));
    assert!(receipt.contains("senest onsdag 1. april 2026"));
    let mail = mail_to(&app, "karen.oestergaard@example.dk", "Din klage").await;
    assert_eq!(mail.len(), 1, "a receipt by email");
    assert!(mail[0].contains(&reference));
    assert!(mail[0].contains("fordi klagen er din"));

    // Pressing again makes no second complaint; the letter now points to the complaint.
    let res = b
        .post_form(
            &format!("/klage/afgoerelse/{granted}"),
            "/api/complaints/submit",
            &[("decision", &granted.to_string()), ("body", "")],
        )
        .await;
    assert_eq!(location(&res), format!("/klage/{reference}"));
    assert_eq!(app.state.repo.complaints_of(karen).await.unwrap().len(), 1);
    let (_, letter) = b.page(&format!("/afgoerelse/{granted}")).await;
    assert!(letter.contains(&format!("href=\"/klage/{reference}\"")));

    // Staff: upheld needs reasons, said at the field; the form keeps the choice.
    let mut staff = Browser::new(&app);
    staff.sign_in_as("Mette Lund").await;
    let (_, inbox) = staff.page("/personale/klager").await;
    assert!(
        inbox.contains(&reference) && inbox.contains("Karen Østergaard"),
        "{inbox}"
    );
    let to = settle(
        &app,
        &mut staff,
        &reference,
        &[("outcome", "upheld"), ("reasons", "")],
    )
    .await;
    let (_, html) = staff.page(&to).await;
    assert!(html.contains("<a href=\"#felt-begrundelse\">"), "{html}");
    assert!(html.contains("value=\"upheld\" checked"), "{html}");
    let to = settle(
        &app,
        &mut staff,
        &reference,
        &[
            ("outcome", "upheld"),
            ("reasons", "Holdtræning dækker behovet."),
        ],
    )
    .await;
    assert_eq!(to, format!("/personale/klager/{reference}"));
    let (_, html) = staff.page(&to).await;
    assert!(
        html.contains("Sendt til Ankestyrelsen"),
        "the forwarding form: {html}"
    );
    let told = mail_to(&app, "karen.oestergaard@example.dk", "Din klage").await;
    assert!(told[0].contains("fastholder den") && told[0].contains("senest onsdag 1. april 2026"));
    // The citizen sees whose turn it is and by when.
    let (_, status) = b.page(&format!("/klage/{reference}")).await;
    assert!(status.contains("Skal sendes til Ankestyrelsen"), "{status}");
    assert!(status.contains("Kommunen: Kommunen sender klagen"));
    assert!(status.contains("Holdtræning dækker behovet."));

    // A forwarding date in the future is refused; today is recorded and the clock kept.
    let res = staff
        .post_form(
            &to,
            "/api/staff/forward_complaint",
            &[("reference", &reference), ("forwarded_on", "2026-03-20")],
        )
        .await;
    let (_, html) = staff
        .page(location(&res).trim_start_matches(&app.base))
        .await;
    assert!(
        html.contains("Datoen kan ikke ligge efter i dag."),
        "{html}"
    );
    staff
        .post_form(
            &to,
            "/api/staff/forward_complaint",
            &[("reference", &reference), ("forwarded_on", "2026-03-04")],
        )
        .await;
    let (_, status) = b.page(&format!("/klage/{reference}")).await;
    assert!(status.contains("Sendt til Ankestyrelsen"));
    assert!(status.contains("Ankestyrelsen behandler klagen"));
    assert!(status.contains("Overholdt"));
    assert!(status.contains("(Mette Lund)"), "who did what: {status}");
}

async fn a_late_complaint_is_accepted_and_marked_possibly_late(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let grethe = person_of(&app, "demo:mariagerfjord:borger").await;
    // Received six weeks ago: the deadline has passed.
    let refused = decision(&app, grethe, "refused").await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Grethe Nielsen").await;
    let (_, form) = b.page(&format!("/klage/afgoerelse/{refused}")).await;
    assert!(form.contains("Fristen er overskredet"), "{form}");
    assert!(form.contains("Ankestyrelsen kan se bort fra en overskredet frist"));
    assert!(form.contains("Send klagen"), "never blocked");
    let reference = complain(&mut b, refused, "Jeg var indlagt i hele perioden.").await;
    let (_, receipt) = b.page(&format!("/klage/{reference}?kvittering=1")).await;
    assert!(receipt.contains("klagen kom måske for sent"), "{receipt}");
    assert!(receipt.contains("Ankestyrelsen kan se bort fra en overskredet frist"));
    let c = app
        .state
        .repo
        .complaint_by_reference(&reference)
        .await
        .unwrap()
        .unwrap();
    assert!(c.possibly_late);
    assert_eq!(
        c.status.code(),
        "received",
        "routed into normal re-assessment"
    );
    let mail = mail_to(&app, "grethe.nielsen@example.dk", "Din klage").await;
    assert!(
        mail[0].contains("Din klage er muligvis kommet for sent"),
        "{}",
        mail[0]
    );
    // Staff see it marked in the inbox; past 1 April the re-assessment is flagged overdue.
    app.clock.set(at("2026-04-02T08:00:00Z"));
    let mut staff = Browser::new(&app);
    staff.sign_in_as("Tina Skov").await;
    let (_, inbox) = staff.page("/personale/klager").await;
    assert!(inbox.contains("Måske for sent."), "{inbox}");
    assert!(
        inbox.contains("Overskredet: Kommunen genvurderer afgørelsen"),
        "{inbox}"
    );
}

async fn a_relative_complains_and_the_citizen_maintains_after_partial_agreement(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let granted = decision(&app, inger, "granted").await;
    // Ole holds every scope and lands acting for Inger.
    let mut ole = Browser::new(&app);
    ole.sign_in_as("Ole Thomsen").await;
    let reference = complain(
        &mut ole,
        granted,
        "Min mor har brug for træning to gange om ugen.",
    )
    .await;
    let to_inger = mail_to(&app, "inger.thomsen@example.dk", "Din klage").await;
    let to_ole = mail_to(&app, "ole.thomsen@example.dk", "Din klage").await;
    assert_eq!((to_inger.len(), to_ole.len()), (1, 1));
    assert!(to_ole[0].contains("fuldmagt til at klage for Inger Thomsen"));
    // Brønderslev's own clocks (T24): re-assessment, new decision, forwarding, all 1 April.
    let (_, status) = ole.page(&format!("/klage/{reference}")).await;
    for clock in [
        "Kommunen genvurderer afgørelsen",
        "Du får en ny afgørelse, hvis du får medhold",
        "Klagen sendes til Ankestyrelsen, hvis afgørelsen fastholdes",
    ] {
        assert!(status.contains(clock), "{clock}: {status}");
    }
    assert_eq!(
        status.matches("senest onsdag 1. april 2026").count(),
        3,
        "{status}"
    );
    assert!(status.contains("Kommunen: Kommunen vurderer afgørelsen igen"));
    assert!(
        status.contains("Senest onsdag 1. april 2026."),
        "what happens next, by when"
    );

    // Partial agreement: a new decision (the plan is checked like any decision).
    let mut staff = Browser::new(&app);
    staff.sign_in_as("Birgitte Dahl").await;
    let to = settle(
        &app,
        &mut staff,
        &reference,
        &[
            ("outcome", "partial"),
            ("training_form", "team"),
            ("place", ""),
            ("sessions_per_week", "2"),
            ("start_on", "2026-03-09"),
            (
                "reasons",
                "Du får to gange om ugen, men ikke individuel træning.",
            ),
        ],
    )
    .await;
    let (_, html) = staff.page(&to).await;
    assert!(html.contains("<a href=\"#felt-sted\">"), "{html}");
    assert!(
        html.contains("Du får to gange om ugen"),
        "what was typed is kept: {html}"
    );
    // The new decision is made, and published in the portal, on Wednesday 10 June (T25).
    app.clock.set(at("2026-06-10T08:00:00Z"));
    staff.sign_in_as("Birgitte Dahl").await;
    settle(
        &app,
        &mut staff,
        &reference,
        &[
            ("outcome", "partial"),
            ("training_form", "team"),
            ("place", "Sundhedscenter Brønderslev"),
            ("sessions_per_week", "2"),
            ("start_on", "2026-06-15"),
            (
                "reasons",
                "Du får to gange om ugen, men ikke individuel træning.",
            ),
        ],
    )
    .await;
    let c = app
        .state
        .repo
        .complaint_by_reference(&reference)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.status.code(), "awaiting_citizen");
    let told = mail_to(&app, "inger.thomsen@example.dk", "Din klage").await;
    assert!(told[0].contains("giver dig delvist medhold"), "{}", told[0]);
    assert!(told[0].contains("4 uger til at sige, om du fastholder klagen"));
    let new_decision = c.new_decision_id.unwrap();
    // The course carries on under the new decision, with its bookings.
    let course = app.state.repo.current_course(inger).await.unwrap().unwrap();
    assert_eq!(course.decision_id, new_decision);
    assert_eq!(course.sessions_per_week, Some(2));

    // Received when published, Wednesday 10 June: 4 weeks to answer (T25), counted from then
    // and not from when Inger opens it, which she does a week later.
    app.clock.set(at("2026-06-17T08:00:00Z"));
    let mut b = Browser::new(&app);
    b.sign_in_as("Inger Thomsen").await;
    let (_, status) = b.page(&format!("/klage/{reference}")).await;
    assert!(
        status.contains("name=\"answer\""),
        "she may answer before opening the decision"
    );
    assert!(status.contains("onsdag 8. juli 2026 kl. 23.59"), "{status}");
    let (_, letter) = b.page(&format!("/afgoerelse/{new_decision}")).await;
    assert!(
        letter.contains("Svar, om du fastholder din klage"),
        "{letter}"
    );
    assert!(
        letter.contains("Sådan klager du"),
        "with complaint guidance"
    );
    assert!(
        !letter.contains("/klage/afgoerelse/"),
        "answered on the complaint, not anew"
    );
    let res = b
        .post_form(
            &format!("/afgoerelse/{new_decision}"),
            "/api/complaints/submit",
            &[("decision", &new_decision.to_string()), ("body", "")],
        )
        .await;
    assert_eq!(location(&res), format!("/klage/{reference}"));
    let (_, status) = b.page(&format!("/klage/{reference}")).await;
    assert!(status.contains("onsdag 8. juli 2026 kl. 23.59"), "{status}");
    assert!(status.contains("name=\"answer\""));
    // Maintained on Monday 22 June: forwarding due Monday 6 July (BRS-27, 14 days).
    app.clock.set(at("2026-06-22T08:00:00Z"));
    let mut b = Browser::new(&app);
    b.sign_in_as("Inger Thomsen").await;
    let res = b
        .post_form(
            &format!("/klage/{reference}"),
            "/api/complaints/answer",
            &[("reference", &reference), ("answer", "maintain")],
        )
        .await;
    assert_eq!(location(&res), format!("/klage/{reference}"));
    let (_, status) = b.page(&format!("/klage/{reference}")).await;
    assert!(status.contains("Klagen sendes til Ankestyrelsen, når du fastholder den"));
    assert!(status.contains("senest mandag 6. juli 2026"), "{status}");
    let told = mail_to(&app, "ole.thomsen@example.dk", "Din klage").await;
    assert!(told[0].contains("Du har fastholdt klagen"), "{}", told[0]);
    // Answering twice is refused in words.
    let res = b
        .post_form(
            &format!("/klage/{reference}"),
            "/api/complaints/answer",
            &[("reference", &reference), ("answer", "withdraw")],
        )
        .await;
    let (_, html) = b.page(location(&res).trim_start_matches(&app.base)).await;
    assert!(html.contains("Klagen venter ikke på dit svar."), "{html}");
    // Inger ends Ole's power: from now on only she is told.
    let ole = person_of(&app, "demo:broenderslev:paaroerende").await;
    let power = app.state.repo.powers_held_by(ole).await.unwrap()[0].id;
    app.state
        .repo
        .revoke_power(power, inger, at("2026-06-22T09:00:00Z"), &[])
        .await
        .unwrap();
    // Staff see the same clock, and forward it.
    let mut staff = Browser::new(&app);
    staff.sign_in_as("Birgitte Dahl").await;
    let page = format!("/personale/klager/{reference}");
    let (_, html) = staff.page(&page).await;
    assert!(html.contains("senest mandag 6. juli 2026"));
    staff
        .post_form(
            &page,
            "/api/staff/forward_complaint",
            &[("reference", &reference), ("forwarded_on", "22.6.2026")],
        )
        .await;
    let c = app
        .state
        .repo
        .complaint_by_reference(&reference)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.status.code(), "forwarded");
    // The step shows the day it was forwarded in the reader's language.
    let (_, html) = staff.page(&page).await;
    assert!(html.contains("Klagen blev sendt til Ankestyrelsen</strong>: mandag 22. juni 2026"));
    staff
        .post_form(&page, "/api/set_language", &[("lang", "en")])
        .await;
    let (_, html) = staff.page(&page).await;
    assert!(html.contains("</strong>: Monday 22 June 2026"));
    let sent = "Klagen blev sendt til Ankestyrelsen";
    assert!(mail_to(&app, "inger.thomsen@example.dk", "Din klage").await[0].contains(sent));
    assert!(!mail_to(&app, "ole.thomsen@example.dk", "Din klage").await[0].contains(sent));
}

async fn full_agreement_in_fredensborg_and_withdrawal_in_samsoe_close_the_complaint(
    backend: Backend,
) {
    let app = spawn_app(backend, true, NOW).await;
    let henrik = person_of(&app, "demo:fredensborg:borger").await;
    let refused = decision(&app, henrik, "refused").await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Henrik Larsen").await;
    // Fredensborg counts the complaint as sent (FRB-29), and it goes to the leader (FRB-28).
    let granted = decision(&app, henrik, "granted").await;
    let (_, form) = b.page(&format!("/klage/afgoerelse/{granted}")).await;
    assert!(
        form.contains("Klagen skal være sendt inden fristen."),
        "{form}"
    );
    assert!(form.contains("Leder af Træning og Rehabilitering"));
    let reference = complain(&mut b, refused, "").await;
    let mut staff = Browser::new(&app);
    staff.sign_in_as("Camilla Friis").await;
    settle(
        &app,
        &mut staff,
        &reference,
        &[
            ("outcome", "full"),
            ("training_form", "team"),
            ("place", "Træningscenter Kokkedal"),
            ("sessions_per_week", "1"),
            ("start_on", "2026-03-12"),
            ("reasons", ""),
        ],
    )
    .await;
    let (_, status) = b.page(&format!("/klage/{reference}")).await;
    assert!(status.contains("Fuldt medhold"), "{status}");
    assert!(status.contains("Afsluttet"));
    assert!(status.contains("Læs den nye afgørelse"));
    let told = mail_to(&app, "henrik.larsen@example.dk", "Din klage").await;
    assert!(told[0].contains("giver dig medhold"));
    // Settled once: a second outcome is refused.
    let to = settle(
        &app,
        &mut staff,
        &reference,
        &[("outcome", "upheld"), ("reasons", "x")],
    )
    .await;
    let (_, html) = staff.page(&to).await;
    assert!(html.contains("Klagen er allerede afgjort."), "{html}");

    let erik = person_of(&app, "demo:samsoe:borger").await;
    let granted = decision(&app, erik, "granted").await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Erik Mikkelsen").await;
    let reference = complain(&mut b, granted, "").await;
    let mut staff = Browser::new(&app);
    staff.sign_in_as("Hanne Krogh").await;
    settle(
        &app,
        &mut staff,
        &reference,
        &[
            ("outcome", "partial"),
            ("training_form", "team"),
            ("place", "Samsø Sundhedscenter"),
            ("sessions_per_week", "2"),
            ("start_on", "2026-03-10"),
            ("reasons", "To gange om ugen i 12 uger."),
        ],
    )
    .await;
    let _c = app
        .state
        .repo
        .complaint_by_reference(&reference)
        .await
        .unwrap()
        .unwrap();
    // Outside Brønderslev the standard sets no rule for partial agreement: the law's fallback.
    // What was not agreed to goes on to Ankestyrelsen within 4 weeks of the complaint; the
    // citizen need not answer anything, and may withdraw it until it is sent.
    let (_, status) = b.page(&format!("/klage/{reference}")).await;
    assert!(
        !status.contains("Du svarer, om du fastholder klagen"),
        "{status}"
    );
    assert!(status.contains("Du behøver ikke gøre noget"), "{status}");
    assert!(status.contains("senest onsdag 1. april 2026"));
    let told = crate::booking::mail_to(&app, "erik.mikkelsen@example.dk", "Din klage").await;
    assert!(told[0].contains("Den del af klagen, du ikke fik medhold i, sender kommunen til Ankestyrelsen senest onsdag 1. april 2026"), "{}", told[0]);
    // Not yet sent after the day: overdue for the caseworker; withdrawing still closes it.
    app.clock.set(at("2026-04-02T08:00:00Z"));
    let mut staff = Browser::new(&app);
    staff.sign_in_as("Hanne Krogh").await;
    let (_, inbox) = staff.page("/personale/klager").await;
    assert!(inbox.contains("Overskredet"), "{inbox}");
    let mut b = Browser::new(&app);
    b.sign_in_as("Erik Mikkelsen").await;
    b.post_form(
        &format!("/klage/{reference}"),
        "/api/complaints/answer",
        &[("reference", &reference), ("answer", "withdraw")],
    )
    .await;
    let (_, status) = b.page(&format!("/klage/{reference}")).await;
    assert!(status.contains("Klagen blev trukket tilbage"), "{status}");
    assert!(status.contains("Afsluttet"));
}

async fn complaints_about_the_training_go_to_the_unit_the_standard_names(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Karen Østergaard").await;
    let (_, form) = b.page("/klage/traening").await;
    // VEJ-16 and VEJ-17.
    assert!(
        form.contains("Leder af Træning &amp; Livsstil, Brørup Sundhedscenter"),
        "{form}"
    );
    assert!(form.contains("Styrelsen for Patientklager"));
    assert!(form.contains("https://stpk.dk/"));
    assert!(form.contains("Der er ingen frist"));
    // Without a text: said at the field.
    let res = b
        .post_form(
            "/klage/traening",
            "/api/complaints/submit_service",
            &[("topic", "staff"), ("body", "  ")],
        )
        .await;
    let (_, html) = b.page(location(&res).trim_start_matches(&app.base)).await;
    assert!(
        html.contains("<a href=\"#felt-klage\">Skriv, hvad du vil klage over.</a>"),
        "{html}"
    );
    let res = b
        .post_form(
            "/klage/traening",
            "/api/complaints/submit_service",
            &[
                ("topic", "staff"),
                ("body", "Terapeuten kom 20 minutter for sent."),
            ],
        )
        .await;
    let to = location(&res);
    let reference = to
        .trim_start_matches("/klage/")
        .trim_end_matches("?kvittering=1")
        .to_string();
    let (_, status) = b.page(&to).await;
    assert!(status.contains("Personalet"), "{status}");
    assert!(
        !status.contains("Frister"),
        "no deadline for a service complaint"
    );
    let mut staff = Browser::new(&app);
    staff.sign_in_as("Mette Lund").await;
    let page = format!("/personale/klager/{reference}");
    staff
        .post_form(
            &page,
            "/api/staff/answer_complaint",
            &[
                ("reference", &reference),
                ("answer", "Vi har talt med terapeuten."),
            ],
        )
        .await;
    let (_, status) = b.page(&format!("/klage/{reference}")).await;
    assert!(status.contains("Vi har talt med terapeuten."), "{status}");
    assert!(status.contains("Besvaret"));
    let told = mail_to(&app, "karen.oestergaard@example.dk", "Din klage").await;
    assert!(told[0].contains("har svaret på din klage"));

    // Samsø's standard names no unit: the complaint goes to the municipality.
    let mut b = Browser::new(&app);
    b.sign_in_as("Erik Mikkelsen").await;
    let (_, form) = b.page("/klage/traening").await;
    assert!(form.contains("nævner ikke en bestemt enhed"), "{form}");
    assert!(!form.contains("Styrelsen for Patientklager"));
}

/// In each municipality: full agreement on the old refusal, then partial agreement on the new
/// decision (maintained and forwarded), and the decision granted today upheld and forwarded;
/// every clock as the municipality's file and the law say, seen by both sides.
async fn every_outcome_in_every_municipality(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    for (slug, citizen, staff, place, after_maintaining) in [
        (
            "vejen",
            "Karen Østergaard",
            "Mette Lund",
            "Brørup Sundhedscenter",
            "onsdag 1. april 2026",
        ),
        (
            "samsoe",
            "Erik Mikkelsen",
            "Hanne Krogh",
            "Samsø Sundhedscenter",
            "onsdag 1. april 2026",
        ),
        (
            "broenderslev",
            "Inger Thomsen",
            "Birgitte Dahl",
            "Sundhedscenter Brønderslev",
            "onsdag 18. marts 2026",
        ),
        (
            "fredensborg",
            "Henrik Larsen",
            "Camilla Friis",
            "Træningscenter Kokkedal",
            "onsdag 1. april 2026",
        ),
        (
            "mariagerfjord",
            "Grethe Nielsen",
            "Tina Skov",
            "Sundhedscenter Hobro",
            "onsdag 1. april 2026",
        ),
    ] {
        let id = person_of(&app, &format!("demo:{slug}:borger")).await;
        let mut b = Browser::new(&app);
        b.sign_in_as(citizen).await;
        let mut s = Browser::new(&app);
        s.sign_in_as(staff).await;
        let plan = |outcome: &'static str| {
            vec![
                ("outcome", outcome),
                ("training_form", "team"),
                ("place", place),
                ("sessions_per_week", "1"),
                ("start_on", "2026-03-16"),
                ("reasons", "Begrundelse for den nye afgørelse."),
            ]
        };
        // Full agreement on the refusal (a late complaint, still handled).
        let refused = decision(&app, id, "refused").await;
        let first = complain(&mut b, refused, "").await;
        settle(&app, &mut s, &first, &plan("full")).await;
        let c = app
            .state
            .repo
            .complaint_by_reference(&first)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (c.status.code(), c.possibly_late),
            ("closed", true),
            "{slug}"
        );
        // Partial agreement on that new decision: maintained, then forwarded.
        let new = c.new_decision_id.unwrap();
        let second = complain(&mut b, new, "").await;
        settle(&app, &mut s, &second, &plan("partial")).await;
        let c = app
            .state
            .repo
            .complaint_by_reference(&second)
            .await
            .unwrap()
            .unwrap();
        if slug == "broenderslev" {
            // BRS-26: the citizen says whether it is maintained; BRS-27: 14 days to forward.
            b.post_form(
                &format!("/klage/{second}"),
                "/api/complaints/answer",
                &[("reference", &second), ("answer", "maintain")],
            )
            .await;
            for (who, page) in [
                (&mut b, format!("/klage/{second}")),
                (&mut s, format!("/personale/klager/{second}")),
            ] {
                let (_, html) = who.page(&page).await;
                assert!(
                    html.contains(&format!("Klagen sendes til Ankestyrelsen, når du fastholder den</strong>: senest {after_maintaining}")),
                    "{slug}: {html}"
                );
            }
        } else {
            // The law's fallback: what was not agreed to goes on within 4 weeks of the
            // complaint; nothing for the citizen to do, and she may withdraw it until then.
            assert_eq!(c.status.code(), "to_forward", "{slug}");
            let (_, html) = b.page(&format!("/klage/{second}")).await;
            assert!(html.contains("Træk klagen tilbage"), "{slug}: {html}");
            assert!(!html.contains("Fastholder du klagen?"), "{slug}");
            assert!(
                html.contains(&format!("senest {after_maintaining}")),
                "{slug}"
            );
            let (_, html) = s.page(&format!("/personale/klager/{second}")).await;
            assert!(
                html.contains(&format!("senest {after_maintaining}")),
                "{slug}"
            );
        }
        s.post_form(
            &format!("/personale/klager/{second}"),
            "/api/staff/forward_complaint",
            &[("reference", &second), ("forwarded_on", "2026-03-04")],
        )
        .await;
        // Upheld on the decision granted today, and forwarded.
        let granted = decision(&app, id, "granted").await;
        let third = complain(&mut b, granted, "").await;
        let (_, html) = s.page(&format!("/personale/klager/{third}")).await;
        assert!(
            html.contains("senest onsdag 1. april 2026"),
            "{slug}: {html}"
        );
        settle(
            &app,
            &mut s,
            &third,
            &[("outcome", "upheld"), ("reasons", "Fastholdt.")],
        )
        .await;
        s.post_form(
            &format!("/personale/klager/{third}"),
            "/api/staff/forward_complaint",
            &[("reference", &third), ("forwarded_on", "2026-03-04")],
        )
        .await;
        let statuses: Vec<(String, Option<String>)> = app
            .state
            .repo
            .complaints_of(id)
            .await
            .unwrap()
            .into_iter()
            .map(|c| (c.status.code().to_string(), c.outcome))
            .collect();
        assert_eq!(
            statuses,
            vec![
                ("forwarded".to_string(), Some("upheld".to_string())),
                ("forwarded".to_string(), Some("partial".to_string())),
                ("closed".to_string(), Some("full".to_string())),
            ],
            "{slug}"
        );
        let (_, mine) = b.page("/klager").await;
        assert_eq!(mine.matches("Sendt til Ankestyrelsen").count(), 2, "{slug}");
    }
}

on_both_backends!(
    every_outcome_in_every_municipality,
    on_time_by_the_citizen_upheld_and_forwarded_in_vejen,
    a_late_complaint_is_accepted_and_marked_possibly_late,
    a_relative_complains_and_the_citizen_maintains_after_partial_agreement,
    full_agreement_in_fredensborg_and_withdrawal_in_samsoe_close_the_complaint,
    complaints_about_the_training_go_to_the_unit_the_standard_names,
);
