//! Hearings and termination decisions over HTTP, as without JavaScript (issue 15; GEN-2,
//! BRS-18d, FRB-16, VEJ-13). In each of the five municipalities the caseworker takes a course
//! from a review flag or the course list through a hearing to a termination decision; the citizen
//! reads the letter and answers (or staff record a phone answer, or the deadline passes), reads
//! the decision with its complaint deadline, and complains about it. Sessions after the last day
//! are cancelled by the municipality and never counted against the citizen.
use crate::booking::{booked_now, mail_to};
use crate::http::{clean, email_of, location, person_of, Browser, NOW};
use crate::support::{at, on_both_backends, spawn_app, Backend, TestApp};
use app::domain::deadlines::complaint_deadline;
use app::domain::hearing::{answer_deadline, HearingStatus};
use app::domain::lang::Lang;
use app::domain::time_format::{local_date, local_instant, long_date, long_date_time};
use app::ssr::clock::Clock;
use chrono::{Days, Duration};
use reqwest::StatusCode;

/// (municipality, citizen, relative, caseworker, how the hearing is answered)
const CASTS: [(&str, &str, &str, &str, Answer); 5] = [
    (
        "vejen",
        "Karen Østergaard",
        "Jens Østergaard",
        "Mette Lund",
        Answer::Citizen,
    ),
    (
        "samsoe",
        "Erik Mikkelsen",
        "Lone Mikkelsen",
        "Hanne Krogh",
        Answer::Phone,
    ),
    (
        "broenderslev",
        "Inger Thomsen",
        "Ole Thomsen",
        "Birgitte Dahl",
        Answer::Relative,
    ),
    (
        "fredensborg",
        "Henrik Larsen",
        "Sofie Larsen",
        "Camilla Friis",
        Answer::Citizen,
    ),
    (
        "mariagerfjord",
        "Grethe Nielsen",
        "Bo Nielsen",
        "Tina Skov",
        Answer::None,
    ),
];

#[derive(Clone, Copy, PartialEq)]
enum Answer {
    Citizen,
    Relative,
    Phone,
    None,
}

/// Brønderslev: two cancellations meet BRS-18b and raise a flag; the hearing starts from it.
async fn flag_by_two_cancellations(app: &TestApp, c: &mut Browser, citizen: i64) -> i64 {
    let sessions = booked_now(app, citizen).await;
    for s in &sessions[..2] {
        let res = c
            .post_form(
                &format!("/traening/afmeld/{}", s.id),
                "/api/booking/cancel",
                &[("session", &s.id.to_string()), ("confirm", "ja")],
            )
            .await;
        assert!(location(&res).starts_with("/traening?afmeldt="), "{res:?}");
    }
    let flags = app
        .state
        .repo
        .open_review_flags("broenderslev")
        .await
        .unwrap();
    assert_eq!(flags.len(), 1, "BRS-18b flagged");
    flags[0].id
}

async fn every_municipality_hears_the_citizen_before_ending_a_course(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    for (slug, citizen_name, relative_name, caseworker, answer) in CASTS {
        app.clock.set(at(NOW));
        let m = app.state.municipalities.get(slug).unwrap().clone();
        let citizen = person_of(&app, &format!("demo:{slug}:borger")).await;
        let relative = person_of(&app, &format!("demo:{slug}:paaroerende")).await;
        let mut c = Browser::new(&app);
        c.sign_in_as(citizen_name).await;
        let mut s = Browser::new(&app);
        s.sign_in_as(caseworker).await;
        let course = app
            .state
            .repo
            .current_course(citizen)
            .await
            .unwrap()
            .unwrap();

        // The caseworker starts the hearing: from the flag on the start page in Brønderslev,
        // from the course list elsewhere (Samsø and Mariagerfjord have no termination rule).
        let (flag, rule) = if slug == "broenderslev" {
            let flag = flag_by_two_cancellations(&app, &mut c, citizen).await;
            let (_, html) = s.page("/personale").await;
            let link = format!(
                "/personale/partshoeringer/ny?forloeb={}&amp;flag={flag}",
                course.id
            );
            assert!(
                html.contains(&link),
                "{slug}: the flag offers a hearing: {html}"
            );
            (Some(flag), Some("BRS-18b".to_string()))
        } else {
            let (status, html) = s.page("/personale/forloeb").await;
            assert_eq!(status, StatusCode::OK, "{slug}: {html}");
            assert!(html.contains(citizen_name), "{slug}: the course is listed");
            assert!(html.contains(&format!(
                "/personale/partshoeringer/ny?forloeb={}",
                course.id
            )));
            (None, m.rules.termination.first().map(|r| r.rule_id.clone()))
        };
        let form = match flag {
            Some(f) => format!(
                "/personale/partshoeringer/ny?forloeb={}&flag={f}",
                course.id
            ),
            None => format!("/personale/partshoeringer/ny?forloeb={}", course.id),
        };
        let (status, html) = s.page(&form).await;
        assert_eq!(status, StatusCode::OK, "{slug}: {html}");
        let due = answer_deadline(at(NOW), m.rules.hearing.answer_days).shown;
        assert!(
            clean(&html).contains(&long_date_time(Lang::Da, due)),
            "{slug}: {html}"
        );

        // Nothing typed about what the municipality considers: refused, nothing sent.
        let mut fields = vec![
            ("course", course.id.to_string()),
            ("considered", " ".to_string()),
        ];
        if let Some(f) = flag {
            fields.push(("flag", f.to_string()));
        }
        fields.push(("rule", rule.clone().unwrap_or_default()));
        let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let res = s.post_form(&form, "/api/staff/start_hearing", &refs).await;
        assert!(location(&res).contains("__err"), "{slug}: {res:?}");
        assert!(app
            .state
            .repo
            .hearings_of(citizen)
            .await
            .unwrap()
            .is_empty());

        fields[1].1 =
            "Du har meldt afbud flere gange. Kommunen overvejer at afslutte forløbet.".into();
        let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let res = s.post_form(&form, "/api/staff/start_hearing", &refs).await;
        let hearing = app.state.repo.hearings_of(citizen).await.unwrap()[0].clone();
        assert_eq!(
            location(&res),
            format!("/personale/partshoeringer/{}", hearing.id),
            "{slug}"
        );
        assert_eq!(hearing.status, HearingStatus::AwaitingAnswer);
        assert_eq!(hearing.answer_due_at, due);
        assert_eq!(hearing.rule_id, rule, "{slug}");
        if flag.is_some() {
            assert!(
                app.state
                    .repo
                    .open_review_flags(slug)
                    .await
                    .unwrap()
                    .is_empty(),
                "the flag is resolved by the hearing"
            );
        }
        // The answer deadline is a task on the municipality's list (GEN-2), linked to the
        // hearing, due the day the period ends.
        app::ssr::jobs::raise_tasks(&app.state).await.unwrap();
        let tasks = app.state.repo.open_tasks(slug).await.unwrap();
        let task = tasks
            .iter()
            .find(|t| {
                t.kind == app::domain::tasks::TaskKind::HearingDeadline && t.subject == hearing.id
            })
            .unwrap_or_else(|| panic!("{slug}: a hearing task"));
        assert_eq!(task.due_on, local_date(due), "{slug}");
        assert_eq!(task.citizen_id, citizen);
        assert_eq!(
            task.link,
            format!("/personale/partshoeringer/{}", hearing.id)
        );
        // The caseworker works it: takes it, and closes it with a note.
        let list = "/personale/opgaver";
        let (_, html) = s.page(list).await;
        assert!(
            clean(&html).contains("Partshøringens svarfrist udløber (GEN-2)"),
            "{slug}: {html}"
        );
        let id = task.id.to_string();
        let res = s
            .post_form(list, "/api/staff/take_task", &[("id", &id)])
            .await;
        assert!(
            location(&res).starts_with("/personale/opgaver?taget="),
            "{slug}"
        );
        let res = s
            .post_form(
                list,
                "/api/staff/close_task",
                &[("id", &id), ("note", "Svarfristen står i kalenderen.")],
            )
            .await;
        assert_eq!(
            location(&res),
            format!("/personale/opgaver?lukket={id}"),
            "{slug}"
        );
        // The letter reached the citizen and the relative who may see the case, by email.
        for who in [citizen, relative] {
            let mails = mail_to(&app, &email_of(&app, who).await, "Partshøring").await;
            assert_eq!(mails.len(), 1, "{slug}: one hearing email");
            assert!(
                mails[0].contains(&long_date_time(Lang::Da, due)),
                "{slug}: {}",
                mails[0]
            );
        }

        // The citizen finds it on her overview and reads the facts, the rule, the deadline.
        let (_, html) = c.page("/oversigt").await;
        assert!(
            html.contains(&format!("/partshoering/{}", hearing.id)),
            "{slug}: {html}"
        );
        let (status, html) = c.page(&format!("/partshoering/{}", hearing.id)).await;
        let html = clean(&html);
        assert_eq!(status, StatusCode::OK, "{slug}");
        assert!(
            html.contains("Kommunen overvejer at afslutte forløbet."),
            "{slug}"
        );
        assert!(html.contains(&long_date_time(Lang::Da, due)));
        if let Some(r) = &rule {
            let source = &m
                .rules
                .termination
                .iter()
                .find(|t| &t.rule_id == r)
                .unwrap()
                .source;
            assert!(
                html.contains(r) && html.contains(source.as_str()),
                "{slug}: the standard's words"
            );
        }
        if slug == "broenderslev" {
            assert!(
                html.contains("meldt afbud 2 gange i tide"),
                "{slug}: the record: {html}"
            );
        }

        // Before an answer or the deadline, the caseworker cannot decide.
        let case = format!("/personale/partshoeringer/{}", hearing.id);
        let (_, html) = s.page(&case).await;
        assert!(
            !html.contains("name=\"outcome\""),
            "{slug}: no decision form yet"
        );
        let res = s
            .post_form(
                &case,
                "/api/staff/decide_hearing",
                &[
                    ("hearing", &hearing.id.to_string()),
                    ("outcome", "continue"),
                ],
            )
            .await;
        assert!(location(&res).contains("__err"), "{slug}");

        // The answer: in the portal by the citizen or the relative, by phone, or none at all.
        let answered_at = at(NOW) + Duration::days(3);
        app.clock.set(answered_at);
        s.sign_in_as(caseworker).await;
        match answer {
            Answer::Citizen | Answer::Relative => {
                let mut who = if answer == Answer::Citizen {
                    c.sign_in_as(citizen_name).await;
                    c
                } else {
                    let mut r = Browser::new(&app);
                    r.sign_in_as(relative_name).await;
                    r.act_for(citizen).await;
                    r
                };
                let page = format!("/partshoering/{}", hearing.id);
                let res = who
                    .post_form(
                        &page,
                        "/api/hearings/answer",
                        &[
                            ("hearing", &hearing.id.to_string()),
                            ("answer", "Jeg var syg og vil gerne fortsætte."),
                        ],
                    )
                    .await;
                assert_eq!(location(&res), format!("{page}?svaret=1"), "{slug}");
                c = who;
            }
            Answer::Phone => {
                let res = s
                    .post_form(
                        &case,
                        "/api/staff/hearing_phone_answer",
                        &[
                            ("hearing", &hearing.id.to_string()),
                            ("answer", "Borgeren ringede: vil gerne fortsætte."),
                        ],
                    )
                    .await;
                assert_eq!(location(&res), case, "{slug}");
            }
            Answer::None => {
                app.clock.set(due + Duration::seconds(1));
            }
        }
        let h = app.state.repo.hearing(hearing.id).await.unwrap().unwrap();
        if answer == Answer::None {
            assert_eq!(h.status, HearingStatus::AwaitingAnswer);
        } else {
            assert_eq!(h.status, HearingStatus::Answered, "{slug}");
            assert!(h.answer.unwrap().contains("fortsætte"));
        }

        // The caseworker decides: a termination with reasons and a last day a week on.
        s.sign_in_as(caseworker).await;
        let now = app.clock.now();
        let last_day = local_date(now) + Days::new(7);
        let (_, html) = s.page(&case).await;
        assert!(
            html.contains("name=\"outcome\""),
            "{slug}: the decision form: {html}"
        );
        // Without reasons: refused, and the last day typed is kept.
        let res = s
            .post_form(
                &case,
                "/api/staff/decide_hearing",
                &[
                    ("hearing", &hearing.id.to_string()),
                    ("outcome", "terminate"),
                    ("reasons", ""),
                    ("last_day", &last_day.to_string()),
                    ("delivery", "portal"),
                ],
            )
            .await;
        let back = location(&res);
        assert!(back.contains("__err"), "{slug}");
        let (_, html) = s.page(back.trim_start_matches(&app.base)).await;
        assert!(html.contains("Skriv begrundelsen"), "{slug}: {html}");
        assert!(
            html.contains(&format!("value=\"{last_day}\"")),
            "{slug}: kept what was typed"
        );
        let before = booked_now(&app, citizen).await;
        let cancel_from = local_instant(last_day + Days::new(1), 0, 0).unwrap();
        let (kept, ending): (Vec<_>, Vec<_>) =
            before.iter().partition(|b| b.starts_at < cancel_from);
        assert!(
            !ending.is_empty(),
            "{slug}: sessions after the last day to cancel"
        );
        let res = s
            .post_form(
                &case,
                "/api/staff/decide_hearing",
                &[
                    ("hearing", &hearing.id.to_string()),
                    ("outcome", "terminate"),
                    ("reasons", "Du har ikke deltaget stabilt."),
                    ("last_day", &last_day.to_string()),
                    ("delivery", "portal"),
                ],
            )
            .await;
        assert_eq!(location(&res), case, "{slug}");
        let h = app.state.repo.hearing(hearing.id).await.unwrap().unwrap();
        assert_eq!(h.status, HearingStatus::Terminated);
        let decision = app
            .state
            .repo
            .decision(h.decision_id.unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(decision.kind.code(), "termination");
        assert_eq!(decision.outcome.code(), "terminated");
        assert_eq!(decision.last_day_on, Some(last_day));
        assert_eq!(
            decision.available_at,
            Some(now),
            "{slug}: received when published"
        );

        // The sessions after the last day are cancelled by the municipality: places freed, not
        // in the history the rules count; those up to the last day stand.
        let after = booked_now(&app, citizen).await;
        assert_eq!(
            after.iter().map(|x| x.id).collect::<Vec<_>>(),
            kept.iter().map(|x| x.id).collect::<Vec<_>>(),
            "{slug}"
        );
        for e in &ending {
            let now_s = app.state.repo.team_session(e.id).await.unwrap().unwrap();
            assert_eq!(now_s.booked, e.booked - 1, "{slug}: the place is freed");
        }
        let history = app.state.repo.course_history(course.id).await.unwrap();
        assert!(
            history
                .iter()
                .all(|x| !ending.iter().any(|e| e.id == x.session_id)),
            "{slug}: not counted"
        );
        let mails = mail_to(
            &app,
            &email_of(&app, citizen).await,
            "Afgørelse om dit træningsforløb",
        )
        .await;
        assert_eq!(mails.len(), 1, "{slug}");
        assert!(mails[0].contains(&long_date(Lang::Da, last_day)), "{slug}");
        assert!(
            mails[0].contains(&long_date_time(Lang::Da, ending[0].starts_at)),
            "{slug}: {}",
            mails[0]
        );

        // A session after the last day cannot be booked again.
        let res = c
            .post_form(
                "/traening",
                "/api/booking/book",
                &[("session", &ending[0].id.to_string())],
            )
            .await;
        assert!(
            location(&res).contains("__err"),
            "{slug}: booking past the last day"
        );

        // The citizen reads the decision: the last day, the facts, and the complaint deadline
        // counted from when it was published; then complains about it.
        c.sign_in_as(citizen_name).await;
        let (status, html) = c.page(&format!("/afgoerelse/{}", decision.id)).await;
        let html = clean(&html);
        assert_eq!(status, StatusCode::OK, "{slug}");
        assert!(
            html.contains("Dit træningsforløb afsluttes"),
            "{slug}: {html}"
        );
        assert!(html.contains(&long_date(Lang::Da, last_day)));
        let deadline = complaint_deadline(now, m.rules.complaint.weeks).shown;
        assert!(
            html.contains(&long_date_time(Lang::Da, deadline)),
            "{slug}: the complaint deadline"
        );
        assert!(
            html.contains(&format!("/klage/afgoerelse/{}", decision.id)),
            "{slug}: may complain"
        );
        let res = c
            .post_form(
                &format!("/klage/afgoerelse/{}", decision.id),
                "/api/complaints/submit",
                &[("decision", &decision.id.to_string()), ("body", "")],
            )
            .await;
        assert!(location(&res).starts_with("/klage/"), "{slug}: {res:?}");
        assert!(
            app.state
                .repo
                .live_complaint_about(decision.id)
                .await
                .unwrap()
                .is_some(),
            "{slug}"
        );

        // Min log names every step for the citizen.
        let (_, html) = c.page("/min-log").await;
        for words in [
            "Kommunen sendte et brev om partshøring",
            "Kommunen afgjorde partshøringen",
            "Så en partshøring",
        ] {
            assert!(html.contains(words), "{slug}: {words}");
        }
    }
}

on_both_backends!(every_municipality_hears_the_citizen_before_ending_a_course);

/// The course continues: the flag's course is active again, bookings stand, the citizen is told.
/// Staff of another municipality and a relative without the complain scope are refused; an
/// answer after the decision is refused.
async fn a_course_can_continue_and_others_cannot_reach_the_hearing(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let henrik = person_of(&app, "demo:fredensborg:borger").await;
    let course = app
        .state
        .repo
        .current_course(henrik)
        .await
        .unwrap()
        .unwrap();
    let mut s = Browser::new(&app);
    s.sign_in_as("Camilla Friis").await;
    let form = format!("/personale/partshoeringer/ny?forloeb={}", course.id);
    let res = s
        .post_form(
            &form,
            "/api/staff/start_hearing",
            &[
                ("course", &course.id.to_string()),
                ("rule", "FRB-16"),
                ("considered", "Tre udeblivelser."),
            ],
        )
        .await;
    let id = app.state.repo.hearings_of(henrik).await.unwrap()[0].id;
    assert_eq!(location(&res), format!("/personale/partshoeringer/{id}"));
    assert_eq!(
        app.state
            .repo
            .course(course.id)
            .await
            .unwrap()
            .unwrap()
            .status
            .code(),
        "termination_review"
    );
    // A second hearing on the same course while one is open: refused.
    let res = s
        .post_form(
            &form,
            "/api/staff/start_hearing",
            &[
                ("course", &course.id.to_string()),
                ("rule", "FRB-16"),
                ("considered", "Igen."),
            ],
        )
        .await;
    assert!(location(&res).contains("__err"));

    // Staff of another municipality: not found, for the page and the forms.
    let mut other = Browser::new(&app);
    other.sign_in_as("Mette Lund").await;
    let (status, _) = other.page(&format!("/partshoering/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let res = other
        .post_form(
            "/personale",
            "/api/staff/hearing_phone_answer",
            &[("hearing", &id.to_string()), ("answer", "x")],
        )
        .await;
    assert!(location(&res).contains("__err"));
    let (status, _) = other
        .page(&format!(
            "/personale/partshoeringer/ny?forloeb={}",
            course.id
        ))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The therapist may read it but not decide or start one.
    let mut t = Browser::new(&app);
    t.sign_in_as("Mads Kjær").await;
    let (status, html) = t.page(&format!("/partshoering/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(!html.contains("name=\"answer\""));

    // The deadline passes without an answer; the caseworker lets the course continue.
    let h = app.state.repo.hearing(id).await.unwrap().unwrap();
    app.clock.set(h.answer_due_at + Duration::hours(1));
    s.sign_in_as("Camilla Friis").await;
    let booked = booked_now(&app, henrik).await.len();
    let case = format!("/personale/partshoeringer/{id}");
    let res = s
        .post_form(
            &case,
            "/api/staff/decide_hearing",
            &[
                ("hearing", &id.to_string()),
                ("outcome", "continue"),
                ("reasons", ""),
            ],
        )
        .await;
    assert_eq!(location(&res), case);
    let h = app.state.repo.hearing(id).await.unwrap().unwrap();
    assert_eq!(h.status, HearingStatus::Continued);
    assert!(
        h.decision_id.is_none(),
        "no decision: nothing is taken from the citizen"
    );
    assert_eq!(
        app.state
            .repo
            .course(course.id)
            .await
            .unwrap()
            .unwrap()
            .status
            .code(),
        "active"
    );
    assert_eq!(booked_now(&app, henrik).await.len(), booked);
    let email = email_of(&app, henrik).await;
    assert_eq!(
        mail_to(&app, &email, "Dit træningsforløb fortsætter")
            .await
            .len(),
        1
    );
    // An answer after the decision: refused, and it says why.
    let mut c = Browser::new(&app);
    c.sign_in_as("Henrik Larsen").await;
    let res = c
        .post_form(
            &format!("/partshoering/{id}"),
            "/api/hearings/answer",
            &[("hearing", &id.to_string()), ("answer", "Sent svar")],
        )
        .await;
    assert!(location(&res).contains("__err"));
    assert!(app
        .state
        .repo
        .hearing(id)
        .await
        .unwrap()
        .unwrap()
        .answer
        .is_none());
    // With no hearing open, the therapist still cannot start one; the caseworker can.
    t.sign_in_as("Mads Kjær").await;
    let start = [
        ("course", course.id.to_string()),
        ("considered", "Igen udeblevet.".to_string()),
    ];
    let start: Vec<(&str, &str)> = start.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = t.post_form(&form, "/api/staff/start_hearing", &start).await;
    assert!(location(&res).contains("__err"));
    assert_eq!(app.state.repo.hearings_of(henrik).await.unwrap().len(), 1);
    let res = s.post_form(&form, "/api/staff/start_hearing", &start).await;
    assert!(
        location(&res).starts_with("/personale/partshoeringer/"),
        "{res:?}"
    );
    assert_eq!(app.state.repo.hearings_of(henrik).await.unwrap().len(), 2);
}

on_both_backends!(a_course_can_continue_and_others_cannot_reach_the_hearing);
