//! Every freed place goes to exactly one person, in queue order, whatever runs at once (issue
//! 19): over HTTP, the holders of a full session's places cancel while those in its queue press
//! "Tag pladsen" again and again, citizens not in the queue try to book, and newcomers join; on
//! PostgreSQL every other request goes to a second instance sharing the database. Twice: the
//! first three in the queue get the three places, then the next three. No session ever holds
//! more than its capacity, nobody outside the queue gets a place, and nobody is told of a
//! booking the database does not hold.
use crate::http::NOW;
use crate::support::{
    book_or_cancel, on_both_backends, serve_second_instance, spawn_app, vejen_citizens_signed_in,
    vejen_sessions, Backend, TestApp, Told,
};
use app::domain::states::BookingStatus;
use app::domain::waiting_list::WaitingStatus;
use std::collections::BTreeSet;

const CAPACITY: i64 = 3;
const QUEUE: usize = 10;
const OUTSIDERS: usize = 5;
const NEWCOMERS: usize = 4;
const PRESSES: usize = 8;

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(64)
        .build()
        .unwrap()
}

/// Posts a waiting-list form (`join` or `leave`) for the citizen with `cookie`; whether it was
/// done (the answer sends the browser back to the training page, not to an error).
async fn waiting(
    client: &reqwest::Client,
    base: &str,
    cookie: &str,
    what: &str,
    session: i64,
) -> bool {
    let res = client
        .post(format!("{base}/api/waiting/{what}"))
        .header(reqwest::header::COOKIE, cookie)
        .header(reqwest::header::REFERER, format!("{base}/traening"))
        .header(reqwest::header::ORIGIN, base)
        .header(reqwest::header::ACCEPT, "text/html")
        .form(&[("session", session.to_string())])
        .send()
        .await
        .unwrap();
    let back = res.headers()[reqwest::header::LOCATION].to_str().unwrap();
    res.status().is_redirection() && back.starts_with("/traening?venteliste=")
}

/// Who holds a booking of the session, and who an offered place.
async fn holders(app: &TestApp, session: i64, people: &[i64]) -> (BTreeSet<i64>, BTreeSet<i64>) {
    let repo = &app.state.repo;
    let mut booked = BTreeSet::new();
    for p in people {
        if repo.booking_status(session, *p).await.unwrap() == Some(BookingStatus::Booked) {
            booked.insert(*p);
        }
    }
    let offered = repo
        .waiting_list_of(session)
        .await
        .unwrap()
        .into_iter()
        .filter(|w| w.status == WaitingStatus::Offered)
        .map(|w| w.citizen_id)
        .collect();
    (booked, offered)
}

/// One round at once: `freeing` give up their places (cancel a booking, or decline an offer),
/// the queue presses "Tag pladsen", outsiders try to book and newcomers join. Who was told of a
/// booking.
async fn round(
    bases: &[String],
    session: i64,
    freeing: Vec<(String, bool)>,
    queue: &[(i64, String)],
    outsiders: &[(i64, String)],
    newcomers: &[(i64, String)],
) -> BTreeSet<i64> {
    let mut tasks = tokio::task::JoinSet::new();
    for (n, (cookie, booked)) in freeing.into_iter().enumerate() {
        let base = bases[n % bases.len()].clone();
        tasks.spawn(async move {
            if booked {
                let told = book_or_cancel(&client(), &base, &cookie, session, false).await;
                assert_eq!(told, Told::Cancelled);
            } else {
                assert!(waiting(&client(), &base, &cookie, "leave", session).await);
            }
            None
        });
    }
    for (n, (id, cookie)) in queue.iter().chain(outsiders).cloned().enumerate() {
        let base = bases[n % bases.len()].clone();
        tasks.spawn(async move {
            let client = client();
            for _ in 0..PRESSES {
                match book_or_cancel(&client, &base, &cookie, session, true).await {
                    Told::Booked => return Some(id),
                    Told::Refused => {}
                    other => panic!("{other:?}"),
                }
                tokio::time::sleep(std::time::Duration::from_millis(15)).await;
            }
            None
        });
    }
    for (n, (_, cookie)) in newcomers.iter().cloned().enumerate() {
        let base = bases[n % bases.len()].clone();
        tasks.spawn(async move {
            assert!(waiting(&client(), &base, &cookie, "join", session).await);
            None
        });
    }
    let mut told = BTreeSet::new();
    while let Some(done) = tasks.join_next().await {
        told.extend(done.unwrap());
    }
    told
}

async fn every_freed_place_goes_to_one_person_in_queue_order(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let s = vejen_sessions(&app.state, &["2026-03-10T09:00:00Z"], CAPACITY).await[0];
    let people = vejen_citizens_signed_in(
        &app.state,
        CAPACITY as usize + QUEUE + OUTSIDERS + NEWCOMERS,
    )
    .await;
    let (first, rest) = people.split_at(CAPACITY as usize);
    let (queue, rest) = rest.split_at(QUEUE);
    let (outsiders, newcomers) = rest.split_at(OUTSIDERS);
    let everyone: Vec<i64> = people.iter().map(|(id, _)| *id).collect();
    let mut bases = vec![app.base.clone()];
    if matches!(backend, Backend::Postgres) {
        bases.push(serve_second_instance(&app).await);
    }
    for (_, cookie) in first {
        assert_eq!(
            book_or_cancel(&client(), &app.base, cookie, s, true).await,
            Told::Booked
        );
    }
    // The queue joins one after another: its order is known.
    for (_, cookie) in queue {
        assert!(waiting(&client(), &app.base, cookie, "join", s).await);
    }

    // Round one: the three holders cancel; the first three in the queue get the places.
    let freeing = first.iter().map(|(_, c)| (c.clone(), true)).collect();
    let told = round(&bases, s, freeing, queue, outsiders, newcomers).await;
    let (booked, offered) = holders(&app, s, &everyone).await;
    let expected: BTreeSet<i64> = queue[..3].iter().map(|(id, _)| *id).collect();
    assert_eq!(
        booked.union(&offered).copied().collect::<BTreeSet<_>>(),
        expected,
        "the places went to the first three in the queue"
    );
    assert!(told.is_subset(&booked), "told {told:?}, booked {booked:?}");
    let session = app.state.repo.team_session(s).await.unwrap().unwrap();
    assert_eq!(session.booked, booked.len() as i64);
    assert_eq!(
        session.held,
        offered.len() as i64,
        "each held place has its offer"
    );
    assert_eq!(session.booked + session.held, CAPACITY);
    // The newcomers wait behind the rest of the queue.
    let list = app.state.repo.waiting_list_of(s).await.unwrap();
    let waiting: Vec<i64> = list
        .iter()
        .filter(|w| w.status == WaitingStatus::Waiting)
        .map(|w| w.citizen_id)
        .collect();
    assert_eq!(waiting.len(), QUEUE - 3 + NEWCOMERS);
    let rest_of_queue: Vec<i64> = queue[3..].iter().map(|(id, _)| *id).collect();
    assert_eq!(waiting[..QUEUE - 3], rest_of_queue[..]);

    // Round two: each of them gives the place up again (a booking cancelled, an offer
    // declined); the next three in the queue get them.
    let freeing = queue[..3]
        .iter()
        .map(|(id, c)| (c.clone(), booked.contains(id)))
        .collect();
    let told = round(&bases, s, freeing, &queue[3..], outsiders, &[]).await;
    let (booked, offered) = holders(&app, s, &everyone).await;
    let expected: BTreeSet<i64> = queue[3..6].iter().map(|(id, _)| *id).collect();
    assert_eq!(
        booked.union(&offered).copied().collect::<BTreeSet<_>>(),
        expected,
        "then to the next three"
    );
    assert!(told.is_subset(&booked));
    let session = app.state.repo.team_session(s).await.unwrap().unwrap();
    assert_eq!(session.booked, booked.len() as i64);
    assert_eq!(
        session.held,
        offered.len() as i64,
        "each held place has its offer"
    );
    assert_eq!(session.booked + session.held, CAPACITY);
}

on_both_backends!(every_freed_place_goes_to_one_person_in_queue_order);
