//! "Done when" of applying: in each of the five municipalities a citizen applies, follows the
//! municipality's own promises, and reads a decision whose complaint deadline is right; the
//! caseworker decides within that municipality's rules. Over HTTP, as without JavaScript.
use crate::http::{location, person_of, Browser, NOW};
use crate::support::{at, on_both_backends, spawn_app, Backend};
use app::domain::application::promises_from_receipt;
use app::domain::deadlines::complaint_deadline;
use app::domain::lang::Lang;
use app::domain::time_format::{local_date, long_date, long_date_time};
use chrono::Duration;
use reqwest::StatusCode;

/// (municipality, its demo citizen, its demo caseworker)
const CASTS: [(&str, &str, &str); 5] = [
    ("vejen", "Karen Østergaard", "Mette Lund"),
    ("samsoe", "Erik Mikkelsen", "Hanne Krogh"),
    ("broenderslev", "Inger Thomsen", "Birgitte Dahl"),
    ("fredensborg", "Henrik Larsen", "Camilla Friis"),
    ("mariagerfjord", "Grethe Nielsen", "Tina Skov"),
];

async fn every_municipality_takes_an_application_to_a_decision_with_its_own_dates(
    backend: Backend,
) {
    let app = spawn_app(backend, true, NOW).await;
    for (slug, citizen_name, caseworker_name) in CASTS {
        app.clock.set(at(NOW));
        let m = app.state.municipalities.get(slug).unwrap();
        let citizen = person_of(&app, &format!("demo:{slug}:borger")).await;
        let mut c = Browser::new(&app);
        c.sign_in_as(citizen_name).await;
        let reference = crate::apply::apply_and_send(&app, &mut c, citizen, "Balancen.").await;

        // The citizen follows it: every promise that runs from the day it arrived, dated.
        let (status, html) = c.page(&format!("/ansoegning/{reference}")).await;
        assert_eq!(status, StatusCode::OK, "{slug}: {html}");
        let html = html.replace("<!---->", "");
        assert!(html.contains("Ansøgningen er modtaget"), "{slug}");
        for p in promises_from_receipt(&m.rules, local_date(at(NOW))) {
            let line = format!(
                "{}</strong>: senest {}",
                p.level.name_da,
                long_date(Lang::Da, p.due)
            );
            assert!(html.contains(&line), "{slug}: {line} in {html}");
        }

        // The municipality's caseworker grants a course within its rules.
        let mut s = Browser::new(&app);
        s.sign_in_as(caseworker_name).await;
        let case = format!("/personale/ansoegninger/{reference}");
        let (_, html) = s.page("/personale/ansoegninger").await;
        assert!(html.contains(&reference), "{slug}: in the inbox");
        let weeks = m
            .rules
            .booking
            .max_weeks
            .as_ref()
            .map(|w| w.weeks.to_string())
            .unwrap_or_default();
        let start = (local_date(at(NOW)) + Duration::days(7)).to_string();
        let res = s
            .post_form(
                &case,
                "/api/decide/decide",
                &[
                    ("reference", reference.as_str()),
                    ("outcome", "granted"),
                    ("training_form", m.rules.training_forms[0].code()),
                    ("place", "Træningssalen"),
                    ("sessions_per_week", "1"),
                    ("weeks", weeks.as_str()),
                    ("start_on", start.as_str()),
                    ("reasons", ""),
                    ("legal_basis", "sel_86_2"),
                ],
            )
            .await;
        assert_eq!(location(&res), case, "{slug}: decided");

        // The citizen reads the letter a day later; the deadline counts from when it was
        // published in the portal (CAL-8), not from her reading, in the municipality's weeks.
        let read_at = at(NOW) + Duration::days(1) + Duration::hours(5);
        app.clock.set(read_at);
        c.sign_in_as(citizen_name).await;
        let (_, html) = c.page(&format!("/ansoegning/{reference}")).await;
        let decision = app.state.repo.decisions_of(citizen).await.unwrap()[0].id;
        assert!(
            html.contains(&format!("/afgoerelse/{decision}")),
            "{slug}: the case page links the letter"
        );
        let (status, html) = c.page(&format!("/afgoerelse/{decision}")).await;
        assert_eq!(status, StatusCode::OK, "{slug}");
        let published = app.state.repo.decision(decision).await.unwrap().unwrap();
        assert_eq!(published.available_at, Some(published.decided_at));
        assert_ne!(local_date(published.decided_at), local_date(read_at));
        let deadline = complaint_deadline(published.decided_at, m.rules.complaint.weeks).shown;
        assert!(
            html.replace("<!---->", "")
                .contains(&long_date_time(Lang::Da, deadline)),
            "{slug}: {} in {html}",
            long_date_time(Lang::Da, deadline)
        );
        assert!(html.contains(&m.name), "{slug}: the municipality's letter");
    }
}

on_both_backends!(every_municipality_takes_an_application_to_a_decision_with_its_own_dates);
