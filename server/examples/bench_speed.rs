//! PRODUCT.md's server-speed target, measured in one run against a running portal: a signed-in
//! booking page (`/traening`: session lookup, database reads, full render) against a static file
//! of the same size served by the same binary. Run by `scripts/bench-speed.sh`.
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

    // Sign in as the demo citizen Karen Østergaard through the development sign-in page.
    let page = http
        .get(format!("{base}/dev/log-ind"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let karen = page
        .find("Log ind som Karen Østergaard")
        .expect("demo data (PORTAL_ENV=development)");
    let field = "name=\"person\" value=\"";
    let at = page[..karen].rfind(field).unwrap() + field.len();
    let person = page[at..].split('"').next().unwrap().to_string();
    let res = http
        .post(format!("{base}/api/dev/sign_in"))
        .header("accept", "text/html")
        .form(&[("person", person)])
        .send()
        .await
        .unwrap();
    let cookie = res
        .headers()
        .get("set-cookie")
        .and_then(|c| c.to_str().ok())
        .and_then(|c| c.split(';').next())
        .expect("a session cookie")
        .to_string();

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
    println!("booking page: {} bytes", body.len());
    println!("signed-in booking page: {dynamic:.0} requests/s");
    println!("static file, same size: {fixed:.0} requests/s");
    println!(
        "ratio: {:.1} % (target >= 10 %), {clients} clients, {seconds} s each",
        100.0 * dynamic / fixed
    );
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
