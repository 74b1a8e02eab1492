//! Two portal instances on one PostgreSQL behind Debian's nginx, with the shipped proxy
//! settings (`deploy/nginx/proxy.conf`): started by `scripts/load-balanced-test.sh`, which runs
//! this test with their addresses (it is ignored otherwise). A citizen signs in with the
//! stand-in MitID broker through nginx, and her address is the one nginx vouches for; then
//! citizens book and cancel at once while one instance is killed, and afterwards no session is
//! overbooked, every booking a citizen was told of is there, and the other instance carries on.
use crate::support::{
    assert_told_is_held, at, book_or_cancel, settings, vejen_citizens_signed_in, vejen_sessions,
    Told,
};
use app::ssr::clock::{FixedClock, SharedClock};
use app::ssr::db::{PgRepository, SharedRepository};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

const CITIZENS: usize = 30;
const REQUESTS_EACH: usize = 20;
const CAPACITY: i64 = 4;
/// The instant the instances' clocks start at (`PORTAL_NOW` in the script).
const NOW: &str = "2026-03-04T09:00:00Z";

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name}: run scripts/load-balanced-test.sh"))
}

/// Signs in through nginx with the stand-in broker's login form, from `client_addr`; the page
/// the portal lands on.
async fn sign_in_through_nginx(base: &str, client_addr: &str, login: &str) -> String {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .local_address(client_addr.parse::<std::net::IpAddr>().unwrap())
        .build()
        .unwrap();
    let form = client
        .get(format!("{base}/log-ind/mitid"))
        .send()
        .await
        .unwrap();
    let form_url = form.url().clone();
    let html = form.text().await.unwrap();
    let action = html
        .split("<form")
        .nth(1)
        .and_then(|f| f.split("action=\"").nth(1))
        .and_then(|a| a.split('"').next())
        .unwrap_or_else(|| panic!("no login form at {form_url}: {html}"));
    let landed = client
        .post(form_url.join(action).unwrap())
        .form(&[("prompt", "login"), ("login", login), ("password", "x")])
        .send()
        .await
        .unwrap();
    let url = landed.url().clone();
    let text = landed.text().await.unwrap();
    assert!(
        url.as_str().starts_with(base),
        "back on the portal through nginx: {url} {text}"
    );
    text
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs nginx and two instances: scripts/load-balanced-test.sh"]
async fn two_instances_behind_nginx_lose_no_acknowledged_booking_when_one_dies() {
    let base = var("LB_URL");
    let issuer = var("LB_OIDC_ISSUER");
    let client_addr = var("LB_CLIENT_ADDR");
    let repo: SharedRepository = Arc::new(
        PgRepository::connect(&var("LB_DATABASE_URL"))
            .await
            .unwrap(),
    );

    // A sign-in through nginx: the log records the citizen's own address, not nginx's.
    let page = sign_in_through_nginx(&base, &client_addr, "ida").await;
    assert!(page.contains("Ida Mortensen"), "{page}");
    let ida = repo
        .person_by_subject(&app::domain::sign_in::person_key("mitid", &issuer, "ida"))
        .await
        .unwrap()
        .expect("Ida is known after signing in");
    let log = repo.audit_log_for(ida.id).await.unwrap();
    let signed_in = log
        .iter()
        .find(|e| e.action == "sign_in")
        .expect("the sign-in is logged");
    assert_eq!(signed_in.client_addr.as_deref(), Some(client_addr.as_str()));

    // Citizens with courses and signed-in sessions, made as the instances would.
    let state = server::prepare_with(
        settings(&[("PORTAL_ENV", "development"), ("PORTAL_DEMO_DATA", "false")]),
        leptos::config::LeptosOptions::builder()
            .output_name("traeningsportalen")
            .build(),
        Arc::new(FixedClock::new(at(NOW))) as SharedClock,
        repo.clone(),
        crate::support::repo_municipalities(),
    )
    .await
    .unwrap();
    let sessions = vejen_sessions(
        &state,
        &[
            "2026-03-10T09:00:00Z",
            "2026-03-17T09:00:00Z",
            "2026-03-24T09:00:00Z",
        ],
        CAPACITY,
    )
    .await;
    let citizens = vejen_citizens_signed_in(&state, CITIZENS).await;

    // Halfway through, one instance is killed (`kill -9`: no goodbye).
    let done = Arc::new(AtomicUsize::new(0));
    let victim = var("LB_KILL_PID");
    let killer = {
        let done = done.clone();
        tokio::spawn(async move {
            while done.load(Ordering::Relaxed) < CITIZENS * REQUESTS_EACH / 2 {
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            }
            let killed = std::process::Command::new("kill")
                .args(["-KILL", &victim])
                .status()
                .unwrap();
            assert!(killed.success(), "instance {victim} was killed");
        })
    };
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut tasks = tokio::task::JoinSet::new();
    for (n, (citizen, cookie)) in citizens.iter().cloned().enumerate() {
        let (client, base, sessions, done) =
            (client.clone(), base.clone(), sessions.clone(), done.clone());
        tasks.spawn(async move {
            // What the citizen was told last per session; a session whose last answer was
            // lost (the instance died) is unknown until a later answer.
            let mut told: BTreeMap<i64, Option<bool>> = BTreeMap::new();
            let mut answered_after_kill = 0;
            for r in 0..REQUESTS_EACH {
                let session = sessions[(n + r) % sessions.len()];
                let book = (n * 7 + r * 3) % 5 != 0;
                let answer = book_or_cancel(&client, &base, &cookie, session, book).await;
                let after_kill =
                    done.fetch_add(1, Ordering::Relaxed) >= CITIZENS * REQUESTS_EACH / 2 + 50;
                match answer {
                    Told::Booked => {
                        told.insert(session, Some(true));
                    }
                    Told::Cancelled => {
                        told.insert(session, Some(false));
                    }
                    Told::Refused => {}
                    // The instance died with the request (nginx answers 502 or 504): it may or
                    // may not have been done.
                    Told::Lost(None | Some(502 | 504)) => {
                        told.insert(session, None);
                        continue;
                    }
                    Told::Lost(Some(status)) => panic!("session {session}: {status}"),
                }
                answered_after_kill += usize::from(after_kill);
            }
            (citizen, told, answered_after_kill)
        });
    }
    let mut expected = Vec::new();
    let mut answered_after_kill = 0;
    while let Some(result) = tasks.join_next().await {
        let (citizen, told, after) = result.unwrap();
        answered_after_kill += after;
        expected.push((citizen, told));
    }
    killer.await.unwrap();
    let victim_addr = var("LB_KILL_ADDR");
    assert!(
        std::net::TcpStream::connect(&victim_addr).is_err(),
        "the killed instance no longer answers"
    );
    assert!(
        answered_after_kill > CITIZENS * REQUESTS_EACH / 4,
        "the other instance carried on: {answered_after_kill} answers after the kill"
    );

    let acknowledged = assert_told_is_held(&repo, (&sessions, CAPACITY), &expected).await;
    assert!(acknowledged > 0, "bookings were made");
    let ready = reqwest::get(format!("{base}/readyz")).await.unwrap();
    assert_eq!(
        ready.status(),
        200,
        "nginx sends the health check to the live instance"
    );
}
