//! The benchmark's client side (`scripts/bench.sh`), for what `wrk` cannot do itself: sign a
//! demo person in, and book and cancel over HTTP as the browser does without JavaScript.
//!
//! Usage:
//!   bench_speed cookie <base url> <demo person's name>    prints a session cookie
//!   bench_speed writes <seconds> <clients> <base url>...  cancels and books again, `clients`
//!       at once (each on one of the five demo citizens' booked sessions, spread over the
//!       base urls), and prints `<successful writes/s> <p99 ms> <refused>`
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    match args.get(1).map(String::as_str) {
        Some("cookie") => {
            let base = args[2].trim_end_matches('/');
            println!("{}", sign_in(&http, base, &args[3]).await);
        }
        Some("writes") => {
            let seconds: u64 = args[2].parse().expect("seconds");
            let clients: usize = args[3].parse().expect("clients");
            let bases: Vec<String> = args[4..]
                .iter()
                .map(|b| b.trim_end_matches('/').to_string())
                .collect();
            assert!(!bases.is_empty(), "a base url");
            let (per_second, p99, refused) = writes(&http, &bases, seconds, clients).await;
            println!("{per_second:.0} {p99:.1} {refused}");
        }
        _ => {
            panic!("usage: bench_speed cookie <base> <name> | writes <seconds> <clients> <base>...")
        }
    }
}

/// Signs in a demo person through the development sign-in page; their session cookie.
async fn sign_in(http: &reqwest::Client, base: &str, name: &str) -> String {
    let page = http
        .get(format!("{base}/dev/log-ind"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let button = page
        .find(&format!("Log ind som {name}"))
        .expect("demo data (PORTAL_ENV=development)");
    let field = "name=\"person\" value=\"";
    let at = page[..button].rfind(field).unwrap() + field.len();
    let person = page[at..].split('"').next().unwrap().to_string();
    let res = http
        .post(format!("{base}/api/dev/sign_in"))
        .header("accept", "text/html")
        .header("origin", base)
        .form(&[("person", person)])
        .send()
        .await
        .unwrap();
    res.headers()
        .get("set-cookie")
        .and_then(|c| c.to_str().ok())
        .and_then(|c| c.split(';').next())
        .expect("a session cookie")
        .to_string()
}

/// A form post as the browser sends it without JavaScript; true when it went through (a
/// redirect that is not back to the form with an error).
async fn post(
    http: &reqwest::Client,
    base: &str,
    cookie: &str,
    path: &str,
    form: &[(&str, &str)],
) -> bool {
    match http
        .post(format!("{base}{path}"))
        .header("accept", "text/html")
        .header("origin", base)
        .header("referer", format!("{base}/traening"))
        .header("cookie", cookie)
        .form(form)
        .send()
        .await
    {
        Ok(res) => {
            let back = res
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .unwrap_or_default()
                .to_string();
            res.status().is_redirection() && !back.contains("__err")
        }
        Err(_) => false,
    }
}

/// Successful cancellations and bookings per second, their 99th percentile in milliseconds,
/// and how many were refused: `clients` loops at once, each cancelling one booked session of a
/// demo citizen and booking it again.
async fn writes(
    http: &reqwest::Client,
    bases: &[String],
    seconds: u64,
    clients: usize,
) -> (f64, f64, u64) {
    let citizens = [
        "Karen Østergaard",
        "Erik Mikkelsen",
        "Inger Thomsen",
        "Henrik Larsen",
        "Grethe Nielsen",
    ];
    // Each citizen's booked sessions, from their training page.
    let mut slots = Vec::new();
    for name in citizens {
        let cookie = sign_in(http, &bases[0], name).await;
        let page = http
            .get(format!("{}/traening", bases[0]))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let link = "/traening/afmeld/";
        // Not the soonest session: booking it again may be past its deadline. (The demo
        // sessions are made in order, so the smallest id is the soonest.)
        let mut sessions: Vec<u64> = page
            .match_indices(link)
            .filter_map(|(at, _)| {
                page[at + link.len()..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect::<String>()
                    .parse()
                    .ok()
            })
            .collect();
        sessions.sort();
        sessions.dedup();
        let sessions = sessions.into_iter().skip(1).map(|s| s.to_string());
        for s in sessions {
            slots.push((cookie.clone(), s));
        }
    }
    // Spread the clients over the citizens (one session each, so no two clients share one).
    let mut by_citizen: Vec<Vec<(String, String)>> = Vec::new();
    for slot in slots {
        match by_citizen.iter_mut().find(|v| v[0].0 == slot.0) {
            Some(v) => v.push(slot),
            None => by_citizen.push(vec![slot]),
        }
    }
    let mut chosen = Vec::new();
    let mut round = 0;
    while chosen.len() < clients && by_citizen.iter().any(|v| v.len() > round) {
        for v in &by_citizen {
            if let Some(slot) = v.get(round) {
                if chosen.len() < clients {
                    chosen.push(slot.clone());
                }
            }
        }
        round += 1;
    }
    let ok = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let start = Instant::now();
    let until = start + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for (i, (cookie, session)) in chosen.into_iter().enumerate() {
        let base = bases[i % bases.len()].clone();
        let (http, ok, failed, latencies) =
            (http.clone(), ok.clone(), failed.clone(), latencies.clone());
        tasks.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            while Instant::now() < until {
                for (path, form) in [
                    (
                        "/api/booking/cancel",
                        vec![("session", session.as_str()), ("confirm", "ja")],
                    ),
                    ("/api/booking/book", vec![("session", session.as_str())]),
                ] {
                    let t = Instant::now();
                    if post(&http, &base, &cookie, path, &form).await {
                        ok.fetch_add(1, Ordering::Relaxed);
                        mine.push(t.elapsed());
                    } else {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            latencies.lock().unwrap().extend(mine);
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let elapsed = start.elapsed().as_secs_f64();
    let mut all = latencies.lock().unwrap().clone();
    all.sort();
    let p99 = all
        .get((all.len() * 99 / 100).min(all.len().saturating_sub(1)))
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    (
        ok.load(Ordering::Relaxed) as f64 / elapsed,
        p99,
        failed.load(Ordering::Relaxed),
    )
}
