//! Messages with the training unit (issue 19, part 3), over HTTP as without JavaScript: in each
//! municipality the citizen writes about their training, sees by when the unit answers (in
//! hverdage), staff find the thread in their inbox (waiting longest first) and answer, the
//! citizen is told that an answer waits (only that) and reads it; a relative needs the new
//! messages scope; staff of another municipality cannot read a thread; every read and write is
//! in the log.
use crate::booking::mail_to;
use crate::http::{clean, email_of, location, person_of, Browser, NOW};
use crate::support::{at, count_sql, on_both_backends, spawn_app, Backend};
use app::domain::lang::Lang;
use app::domain::messages::answer_by;
use app::domain::time_format::long_date;
use reqwest::StatusCode;

/// (municipality, its demo citizen, a staff member of its unit)
const CASTS: [(&str, &str, &str); 5] = [
    ("vejen", "Karen Østergaard", "Anders Holm"),
    ("samsoe", "Erik Mikkelsen", "Søren Bech"),
    ("broenderslev", "Inger Thomsen", "Kasper Vestergaard"),
    ("fredensborg", "Henrik Larsen", "Mads Kjær"),
    ("mariagerfjord", "Grethe Nielsen", "Jonas Brandt"),
];

async fn a_citizen_in_each_municipality_writes_to_the_unit_and_reads_the_answer(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    for (slug, name, therapist) in CASTS {
        let m = app.state.municipalities.get(slug).unwrap();
        // As the page writes it ("Træning &amp; Livsstil").
        let unit_html = m.messages.unit.replace('&', "&amp;");
        let citizen = person_of(&app, &format!("demo:{slug}:borger")).await;
        let mut c = Browser::new(&app);
        c.sign_in_as(name).await;
        let (status, html) = c.page("/beskeder").await;
        assert_eq!(status, StatusCode::OK, "{slug}");
        let html = clean(&html);
        assert!(
            html.contains(&format!(
                "Her kan du skrive til {unit_html}. Du får svar inden for {} hverdage.",
                m.messages.answer_hverdage
            )),
            "{slug}: {html}"
        );

        // Nothing chosen, nothing written: both told at their fields, nothing sent.
        let res = c
            .post_form("/beskeder", "/api/messages/send", &[("body", "  ")])
            .await;
        let back = location(&res);
        assert!(back.contains("__err"), "{slug}: {back}");
        let (_, html) = c.page(back.trim_start_matches(&app.base)).await;
        assert!(html.contains("Vælg, hvad beskeden handler om."), "{slug}");
        assert!(html.contains("Skriv din besked."), "{slug}");
        assert!(app.state.repo.threads_of(citizen).await.unwrap().is_empty());

        let question = format!("Kan jeg tage min rollator med på holdet? ({slug})");
        let res = c
            .post_form(
                "/beskeder",
                "/api/messages/send",
                &[("topic", "course"), ("body", &question)],
            )
            .await;
        assert_eq!(location(&res), "/beskeder?sendt=1", "{slug}");
        let (_, html) = c.page("/beskeder?sendt=1").await;
        let html = clean(&html);
        assert!(html.contains("Beskeden er sendt."), "{slug}");
        assert!(html.contains(&question), "{slug}");
        // Promised in hverdage from Wednesday 4 March 2026.
        let by = answer_by(&m.messages, at(NOW));
        assert!(
            html.contains(&format!(
                "Venter på svar. Du får svar senest {}.",
                long_date(Lang::Da, by)
            )),
            "{slug}: {html}"
        );

        // The unit's inbox: the thread, with the day the answer is due.
        let mut s = Browser::new(&app);
        s.sign_in_as(therapist).await;
        let (status, html) = s.page("/personale/beskeder").await;
        assert_eq!(status, StatusCode::OK, "{slug}");
        let html = clean(&html);
        assert!(
            html.contains(&format!("{name} – Min træning")),
            "{slug}: {html}"
        );
        assert!(
            html.contains(&format!("Svar senest {}", long_date(Lang::Da, by))),
            "{slug}"
        );
        let thread = app.state.repo.threads_of(citizen).await.unwrap()[0].id;
        let page = format!("/personale/beskeder/{thread}");
        let (_, html) = s.page(&page).await;
        assert!(clean(&html).contains(&question), "{slug}");
        let answer = "Ja, det kan du godt. Vi har plads til den i salen.";
        let res = s
            .post_form(
                &page,
                "/api/staff/answer_message",
                &[("thread", &thread.to_string()), ("body", answer)],
            )
            .await;
        assert_eq!(location(&res), format!("{page}?besvaret=1"), "{slug}");

        // Told that an answer waits, and nothing of what it says.
        let told = mail_to(&app, &email_of(&app, citizen).await, "Du har fået svar").await;
        assert_eq!(told.len(), 1, "{slug}");
        assert!(
            told[0].contains(&format!("{} har svaret", m.messages.unit)),
            "{slug}"
        );
        assert!(!told[0].contains("salen"), "{slug}: not the answer itself");
        let (_, html) = c.page("/beskeder").await;
        let html = clean(&html);
        assert!(html.contains(answer), "{slug}");
        assert!(html.contains("Besvaret."), "{slug}");
        assert!(
            html.contains(&format!("{unit_html},")),
            "{slug}: signed by the unit"
        );
    }
    // Every read and write is in the log, on the citizen.
    for action in [
        "view_messages",
        "send_message",
        "view_message_inbox",
        "view_message_thread",
        "answer_message",
    ] {
        assert!(
            count_sql(
                &app.db,
                &format!("select count(*) from audit_log where action = '{action}' and on_behalf_of is not null")
            )
            .await
                >= 5,
            "{action}"
        );
    }
}

async fn the_inbox_puts_the_longest_waiting_first_and_other_municipalities_see_nothing(
    backend: Backend,
) {
    let app = spawn_app(backend, true, NOW).await;
    // Two Vejen citizens write a day apart; the later one is answered by no one yet.
    let karen = person_of(&app, "demo:vejen:borger").await;
    let mut k = Browser::new(&app);
    k.sign_in_as("Karen Østergaard").await;
    k.post_form(
        "/beskeder",
        "/api/messages/send",
        &[
            ("topic", "application"),
            ("body", "Hvornår hører jeg noget?"),
        ],
    )
    .await;
    let first = app.state.repo.threads_of(karen).await.unwrap()[0].id;
    app.clock.set(at(NOW) + chrono::Duration::days(1));
    // Karen writes again the next day on the same subject: the same thread, and the promised
    // day does not move.
    let mut k = Browser::new(&app);
    k.sign_in_as("Karen Østergaard").await;
    k.post_form(
        "/beskeder",
        "/api/messages/send",
        &[("topic", "application"), ("body", "Jeg venter stadig.")],
    )
    .await;
    let threads = app.state.repo.threads_of(karen).await.unwrap();
    assert_eq!(threads.len(), 1, "one thread per subject");
    assert_eq!(threads[0].waiting_since, Some(at(NOW)));
    assert_eq!(
        app.state.repo.thread_messages(first).await.unwrap().len(),
        2
    );

    // Someone who has waited longer (a day before Karen) comes first in Vejen's inbox.
    let jens = person_of(&app, "demo:vejen:paaroerende").await;
    app.state
        .repo
        .add_citizen_message(&app::ssr::db::NewCitizenMessage {
            citizen_id: jens,
            municipality: "vejen".into(),
            topic: "course".into(),
            author_id: jens,
            body: "Et ældre spørgsmål.".into(),
            at: at(NOW) - chrono::Duration::days(1),
        })
        .await
        .unwrap();
    let mut anders = Browser::new(&app);
    anders.sign_in_as("Anders Holm").await;
    let (_, html) = anders.page("/personale/beskeder").await;
    let html = clean(&html);
    let (older, newer) = (
        html.find("Jens Østergaard – Min træning")
            .expect("Jens's thread"),
        html.find("Karen Østergaard – Min ansøgning")
            .expect("Karen's thread"),
    );
    assert!(older < newer, "the longest waiting first: {html}");

    // Staff of Samsø: not in their inbox, and the thread itself is refused and logged.
    let mut samsoe = Browser::new(&app);
    samsoe.sign_in_as("Søren Bech").await;
    let (_, html) = samsoe.page("/personale/beskeder").await;
    assert!(!html.contains("Karen Østergaard"));
    let (status, html) = samsoe.page(&format!("/personale/beskeder/{first}")).await;
    assert_ne!(status, StatusCode::OK, "{html}");
    assert!(!html.contains("Jeg venter stadig"));
    let res = samsoe
        .post_form(
            "/personale/beskeder",
            "/api/staff/answer_message",
            &[("thread", &first.to_string()), ("body", "Forkert kommune.")],
        )
        .await;
    assert_ne!(
        location(&res),
        format!("/personale/beskeder/{first}?besvaret=1")
    );
    assert_eq!(
        app.state.repo.thread_messages(first).await.unwrap().len(),
        2
    );
    assert!(
        count_sql(
            &app.db,
            "select count(*) from audit_log where action = 'answer_message' and detail like '%another municipality%'"
        )
        .await
            >= 1
    );

    // A relative without the messages scope cannot read or write (one with it can: the access
    // matrix's relative of A holds every scope).
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let mut l = crate::apply::erik_acting_for_inger(
        &app,
        app::domain::people::Scopes {
            view: true,
            book: true,
            ..Default::default()
        },
    )
    .await;
    let (status, _) = l.page("/beskeder").await;
    assert_ne!(status, StatusCode::OK, "no messages scope");
    let res = l
        .post_form(
            "/beskeder",
            "/api/messages/send",
            &[("topic", "course"), ("body", "Fra Erik.")],
        )
        .await;
    assert!(location(&res).contains("__err") || res.status().is_client_error());
    assert!(app.state.repo.threads_of(inger).await.unwrap().is_empty());
}

on_both_backends!(
    a_citizen_in_each_municipality_writes_to_the_unit_and_reads_the_answer,
    the_inbox_puts_the_longest_waiting_first_and_other_municipalities_see_nothing,
);
