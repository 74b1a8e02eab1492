//! A change and its entry in the log are written in one transaction: when the entry cannot be
//! written, the change is not made either, so nothing is ever done that the log does not show.
//! The log is made to refuse entries of some kinds (a trigger, as a full disk or a broken
//! permission would), and the citizen's and staff's changes of those kinds are tried.
use crate::booking::{mail_to, session};
use crate::http::{location, person_of, Browser, NOW};
use crate::support::{at, on_both_backends, spawn_app, Backend, TestApp};
use app::domain::states::BookingStatus;

/// Makes the log refuse new entries of `actions` (and only those, so pages still open).
async fn log_refuses(app: &TestApp, actions: &[&str]) {
    let list = actions
        .iter()
        .map(|a| format!("'{a}'"))
        .collect::<Vec<_>>()
        .join(", ");
    match app.db.url.strip_prefix("sqlite://") {
        Some(_) => {
            let pool = sqlx::SqlitePool::connect(&app.db.url).await.unwrap();
            sqlx::query(&format!(
                "create trigger audit_down before insert on audit_log
                 when new.action in ({list})
                 begin select raise(abort, 'the log cannot be written'); end"
            ))
            .execute(&pool)
            .await
            .unwrap();
            pool.close().await;
        }
        None => {
            let pool = sqlx::PgPool::connect(&app.db.url).await.unwrap();
            sqlx::query(&format!(
                "create function audit_down() returns trigger language plpgsql as $$
                 begin
                     if new.action in ({list}) then
                         raise exception 'the log cannot be written';
                     end if;
                     return new;
                 end $$"
            ))
            .execute(&pool)
            .await
            .unwrap();
            sqlx::query(
                "create trigger audit_down before insert on audit_log
                 for each row execute function audit_down()",
            )
            .execute(&pool)
            .await
            .unwrap();
            pool.close().await;
        }
    }
}

/// Lets the log take every entry again.
async fn log_mended(app: &TestApp) {
    match app.db.url.strip_prefix("sqlite://") {
        Some(_) => {
            let pool = sqlx::SqlitePool::connect(&app.db.url).await.unwrap();
            sqlx::query("drop trigger audit_down")
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
        }
        None => {
            let pool = sqlx::PgPool::connect(&app.db.url).await.unwrap();
            sqlx::query("drop trigger audit_down on audit_log")
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
        }
    }
}

async fn entries(app: &TestApp, citizen: i64, action: &str) -> usize {
    let log = app.state.repo.audit_log_for(citizen).await.unwrap();
    log.iter().filter(|e| e.action == action).count()
}

async fn a_booking_change_whose_entry_cannot_be_logged_is_not_made(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let repo = &app.state.repo;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let first = repo.booked_sessions_from(inger, at(NOW)).await.unwrap()[0].id;
    let free = session(&app, "broenderslev", "2026-05-06T08:00:00Z", 8).await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Inger Thomsen").await;
    let mails_before = repo.outbox_messages(1000).await.unwrap().len();

    log_refuses(&app, &["book_session", "cancel_session"]).await;
    let res = b
        .post_form(
            "/traening",
            "/api/booking/book",
            &[("session", &free.to_string())],
        )
        .await;
    assert_ne!(location(&res), format!("/traening?booket={free}"));
    assert_eq!(repo.booking_status(free, inger).await.unwrap(), None);
    assert_eq!(repo.team_session(free).await.unwrap().unwrap().booked, 0);

    let res = b
        .post_form(
            "/traening",
            "/api/booking/cancel",
            &[("session", &first.to_string())],
        )
        .await;
    assert!(!location(&res).contains("afmeldt="), "{}", location(&res));
    assert_eq!(
        repo.booking_status(first, inger).await.unwrap(),
        Some(BookingStatus::Booked),
        "the booking stands"
    );
    // Neither a confirmation nor a receipt was sent for what did not happen.
    assert_eq!(
        repo.outbox_messages(1000).await.unwrap().len(),
        mails_before
    );
    assert_eq!(entries(&app, inger, "book_session").await, 0);
    assert_eq!(entries(&app, inger, "cancel_session").await, 0);

    // With the log working again, the same posts are made and logged.
    log_mended(&app).await;
    let res = b
        .post_form(
            "/traening",
            "/api/booking/book",
            &[("session", &free.to_string())],
        )
        .await;
    assert_eq!(location(&res), format!("/traening?booket={free}"));
    assert_eq!(entries(&app, inger, "book_session").await, 1);
    assert_eq!(
        mail_to(&app, "inger.thomsen@example.dk", "Tid til træning")
            .await
            .len(),
        1
    );
    let res = b
        .post_form(
            "/traening",
            "/api/booking/cancel",
            &[("session", &first.to_string())],
        )
        .await;
    assert!(location(&res).contains("afmeldt="), "{}", location(&res));
    assert_eq!(entries(&app, inger, "cancel_session").await, 1);
}

async fn a_consent_and_a_staff_cancellation_whose_entries_cannot_be_logged_are_not_made(
    backend: Backend,
) {
    let app = spawn_app(backend, true, NOW).await;
    let repo = &app.state.repo;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    let henrik = person_of(&app, "demo:fredensborg:borger").await;
    let thursday = repo.booked_sessions_from(henrik, at(NOW)).await.unwrap()[0].id;
    let consents_before = repo.consents_of(inger).await.unwrap().len();
    let mut citizen = Browser::new(&app);
    citizen.sign_in_as("Inger Thomsen").await;
    let mut staff = Browser::new(&app);
    staff.sign_in_as("Camilla Friis").await;

    log_refuses(&app, &["give_consent", "cancel_team_session"]).await;
    let res = citizen
        .post_form(
            "/samtykker",
            "/api/consents/give",
            &[
                ("purpose", "share_with_relative"),
                ("relative_name", "Kirsten Thomsen"),
            ],
        )
        .await;
    assert!(!location(&res).contains("givet"), "{}", location(&res));
    assert_eq!(
        repo.consents_of(inger).await.unwrap().len(),
        consents_before
    );

    // A session with a booked citizen: neither cancelled nor anyone's booking touched.
    let page = format!("/personale/hold/{thursday}");
    staff
        .post_form(
            &page,
            "/api/staff/cancel_session",
            &[("session", &thursday.to_string())],
        )
        .await;
    assert_eq!(
        repo.team_session(thursday)
            .await
            .unwrap()
            .unwrap()
            .status
            .code(),
        "scheduled"
    );
    assert_eq!(
        repo.booking_status(thursday, henrik).await.unwrap(),
        Some(BookingStatus::Booked)
    );
    assert_eq!(entries(&app, henrik, "cancel_team_session").await, 0);

    log_mended(&app).await;
    staff
        .post_form(
            &page,
            "/api/staff/cancel_session",
            &[("session", &thursday.to_string())],
        )
        .await;
    assert_eq!(
        repo.team_session(thursday)
            .await
            .unwrap()
            .unwrap()
            .status
            .code(),
        "cancelled"
    );
    assert_eq!(entries(&app, henrik, "cancel_team_session").await, 1);
}

/// Reads are logged in groups (one commit for the entries that came meanwhile): forty page
/// views at once are each in the log, once, before their page is shown. When the log refuses
/// one kind of entry, only the views of that kind fail; the others are shown and logged, each
/// once. (Whether a refused entry shares a group with others depends on timing; when it does,
/// this checks the group's fallback to entry by entry. The test holds either way.)
async fn reads_logged_together_each_stand_alone(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let karen = person_of(&app, "demo:vejen:borger").await;
    let erik = person_of(&app, "demo:samsoe:borger").await;
    let mut k = Browser::new(&app);
    k.sign_in_as("Karen Østergaard").await;
    let mut e = Browser::new(&app);
    e.sign_in_as("Erik Mikkelsen").await;
    let training_before = entries(&app, karen, "view_training").await;
    log_refuses(&app, &["view_consents"]).await;
    let mut views = tokio::task::JoinSet::new();
    for i in 0..40 {
        let (b, path) = if i % 2 == 0 {
            (&k, "/traening")
        } else {
            (&e, "/samtykker")
        };
        let req = b
            .client
            .get(format!("{}{path}", b.base))
            .header(reqwest::header::COOKIE, b.cookie_header());
        views.spawn(async move {
            let res = req.send().await.unwrap();
            (path, res.status(), res.text().await.unwrap())
        });
    }
    while let Some(view) = views.join_next().await {
        let (path, status, html) = view.unwrap();
        if path == "/traening" {
            assert_eq!(status, reqwest::StatusCode::OK);
            assert!(html.contains("Afmeld senest"), "{html}");
        } else {
            assert!(
                !status.is_success(),
                "a view that could not be logged was shown"
            );
        }
    }
    assert_eq!(
        entries(&app, karen, "view_training").await,
        training_before + 20
    );
    assert_eq!(entries(&app, erik, "view_consents").await, 0);
    log_mended(&app).await;
    let (status, _) = e.page("/samtykker").await;
    assert_eq!(status, reqwest::StatusCode::OK);
    assert_eq!(entries(&app, erik, "view_consents").await, 1);
}

on_both_backends!(
    reads_logged_together_each_stand_alone,
    a_booking_change_whose_entry_cannot_be_logged_is_not_made,
    a_consent_and_a_staff_cancellation_whose_entries_cannot_be_logged_are_not_made,
);
