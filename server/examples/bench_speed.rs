//! PRODUCT.md's server-speed target, measured in one run against a running portal: a signed-in
//! booking page (`/traening`: session lookup, database reads, full render) against a static file
//! of the same size served by the same binary; and booking throughput: the five demo citizens at
//! once, each cancelling and booking again one of their sessions (each a write transaction with
//! its email in the outbox). Run by `scripts/bench-speed.sh`, on SQLite and on PostgreSQL.
//!
//! Usage: bench_speed <base url> <site root> [seconds per measurement] [concurrent clients]
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = args
        .get(1)
        .expect("base url")
        .trim_end_matches('/')
        .to_string();
    let site_root = std::path::PathBuf::from(args.get(2).expect("site root"));
    let seconds: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(10);
    let clients: usize = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(16);
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    let cookie = sign_in(&http, &base, "Karen Østergaard").await;

    let page = http
        .get(format!("{base}/traening"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let body = page.bytes().await.unwrap();
    assert!(
        String::from_utf8_lossy(&body).contains("Afmeld senest"),
        "the booking page with its deadlines"
    );
    // A static file of the same size, served by the same binary from its site root.
    let static_name = "bench-static.html";
    std::fs::write(site_root.join(static_name), vec![b'x'; body.len()]).unwrap();

    let dynamic = measure(
        &http,
        &format!("{base}/traening"),
        &cookie,
        seconds,
        clients,
    )
    .await;
    let fixed = measure(
        &http,
        &format!("{base}/{static_name}"),
        "",
        seconds,
        clients,
    )
    .await;
    std::fs::remove_file(site_root.join(static_name)).ok();
    let (ops, failed) = measure_booking(&http, &base, seconds).await;
    println!("booking page: {} bytes", body.len());
    println!("signed-in booking page: {dynamic:.0} requests/s");
    println!("static file, same size: {fixed:.0} requests/s");
    println!(
        "ratio: {:.1} % (target >= 10 %), {clients} clients, {seconds} s each",
        100.0 * dynamic / fixed
    );
    println!(
        "booking: {ops:.0} cancellations and bookings/s (5 citizens at once, {failed} refused)"
    );
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

/// Cancellations and bookings per second: each demo citizen cancels their last booked session
/// and books it again, over and over, all five at once.
async fn measure_booking(http: &reqwest::Client, base: &str, seconds: u64) -> (f64, u64) {
    let citizens = [
        "Karen Østergaard",
        "Erik Mikkelsen",
        "Inger Thomsen",
        "Henrik Larsen",
        "Grethe Nielsen",
    ];
    let ok = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let until = start + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for name in citizens {
        let cookie = sign_in(http, base, name).await;
        let page = http
            .get(format!("{base}/traening"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let link = "/traening/afmeld/";
        let at = page.rfind(link).expect("a booked session") + link.len();
        let session: String = page[at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let (http, base, ok, failed) = (http.clone(), base.to_string(), ok.clone(), failed.clone());
        tasks.push(tokio::spawn(async move {
            while Instant::now() < until {
                for (path, form) in [
                    (
                        "/api/booking/cancel",
                        vec![("session", session.as_str()), ("confirm", "ja")],
                    ),
                    ("/api/booking/book", vec![("session", session.as_str())]),
                ] {
                    if post(&http, &base, &cookie, path, &form).await {
                        ok.fetch_add(1, Ordering::Relaxed);
                    } else {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    (
        ok.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64(),
        failed.load(Ordering::Relaxed),
    )
}

/// Requests per second answered 200 for `seconds`, from `clients` clients at once.
async fn measure(
    http: &reqwest::Client,
    url: &str,
    cookie: &str,
    seconds: u64,
    clients: usize,
) -> f64 {
    let ok = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let until = start + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (http, url, cookie, ok) = (
            http.clone(),
            url.to_string(),
            cookie.to_string(),
            ok.clone(),
        );
        tasks.push(tokio::spawn(async move {
            while Instant::now() < until {
                let mut req = http.get(&url);
                if !cookie.is_empty() {
                    req = req.header("cookie", &cookie);
                }
                if let Ok(res) = req.send().await {
                    let good = res.status() == 200;
                    if res.bytes().await.is_ok() && good {
                        ok.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    ok.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64()
}
