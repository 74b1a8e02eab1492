//! Bad input, tried systematically (issue 16): every server function and every page is sent
//! missing, malformed, wrongly typed, unicode-heavy and oversized parameters by each kind of
//! visitor. Nothing answers 500, nothing is written, an oversized post is told so in Danish and
//! English, and a form posted without JavaScript comes back with the portal's message in the
//! reader's language.
use crate::http::{urlencode, Browser, NOW};
use crate::support::{on_both_backends, spawn_app, Backend, TestApp};
use std::collections::BTreeMap;

/// Field names the portal's forms use, each sent with a value of the wrong kind.
const FIELDS: [&str; 24] = [
    "power",
    "token",
    "reference",
    "decision",
    "consent",
    "session",
    "hearing",
    "course",
    "flag",
    "task",
    "citizen",
    "id",
    "answer",
    "body",
    "reasons",
    "outcome",
    "relative_name",
    "relative_email",
    "expires_on",
    "from",
    "to",
    "lang",
    "page",
    "purpose",
];

/// Payloads a careless or hostile client sends.
fn payloads() -> Vec<(&'static str, String)> {
    let all = |v: &str| {
        FIELDS
            .iter()
            .map(|f| format!("{f}={}", urlencode(v)))
            .collect::<Vec<_>>()
            .join("&")
    };
    vec![
        ("missing", String::new()),
        ("malformed", "%%%&&==&power&=&token=%ZZ".into()),
        ("wrong type", all("ikke-et-tal")),
        ("negative and huge numbers", all("-99999999999999999999999")),
        (
            "unicode-heavy",
            all("Ærø ø å 😀\u{202E}\u{200B}\u{7}\n\r\u{2028}𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ﷽"),
        ),
        ("NUL", all("a\u{0}b")),
        ("repeated", format!("{0}&{0}", all("1"))),
    ]
}

/// Counts the rows in every table, but those that record the attempt itself (the log, sessions,
/// sign-in counts, what was typed kept for ten minutes to give back), in one query.
enum Counter {
    Sqlite(sqlx::SqlitePool, String, Vec<String>),
    Postgres(sqlx::PgPool, String, Vec<String>),
}

const SKIP: [&str; 5] = [
    "audit_log",
    "web_sessions",
    "sign_in_attempts",
    "typed_back",
    "_sqlx_migrations",
];

fn count_sql(tables: &[String]) -> String {
    let parts: Vec<String> = tables
        .iter()
        .map(|t| format!("(select count(*) from {t})"))
        .collect();
    format!("select {}", parts.join(", "))
}

impl Counter {
    async fn new(app: &TestApp) -> Counter {
        match app.db.url.strip_prefix("sqlite://") {
            Some(_) => {
                let pool = sqlx::SqlitePool::connect(&app.db.url).await.unwrap();
                let names: Vec<(String,)> = sqlx::query_as(
                    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'",
                )
                .fetch_all(&pool)
                .await
                .unwrap();
                let tables: Vec<String> = names
                    .into_iter()
                    .map(|(t,)| t)
                    .filter(|t| !SKIP.contains(&t.as_str()))
                    .collect();
                Counter::Sqlite(pool, count_sql(&tables), tables)
            }
            None => {
                let pool = sqlx::PgPool::connect(&app.db.url).await.unwrap();
                let names: Vec<(String,)> = sqlx::query_as(
                    "select tablename::text from pg_tables where schemaname = 'public'",
                )
                .fetch_all(&pool)
                .await
                .unwrap();
                let tables: Vec<String> = names
                    .into_iter()
                    .map(|(t,)| t)
                    .filter(|t| !SKIP.contains(&t.as_str()))
                    .collect();
                Counter::Postgres(pool, count_sql(&tables), tables)
            }
        }
    }

    async fn rows(&self) -> BTreeMap<String, i64> {
        use sqlx::Row;
        match self {
            Counter::Sqlite(pool, sql, tables) => {
                let row = sqlx::query(sql).fetch_one(pool).await.unwrap();
                tables
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (t.clone(), row.get::<i64, _>(i)))
                    .collect()
            }
            Counter::Postgres(pool, sql, tables) => {
                let row = sqlx::query(sql).fetch_one(pool).await.unwrap();
                tables
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (t.clone(), row.get::<i64, _>(i)))
                    .collect()
            }
        }
    }
}

/// Server functions that take no input worth the name, whose whole point is a change (a new
/// calendar address, signing out): they are still sent everything, but may write.
const NO_INPUT: [&str; 6] = [
    "/api/calendar/new_feed",
    "/api/calendar/stop_feed",
    "/api/sign_out",
    "/api/sign_out_everywhere",
    "/api/keep_alive",
    "/api/set_language",
];

async fn every_server_function_and_page_survives_bad_input_and_writes_nothing(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let visitors = [
        None,
        Some("Karen Østergaard"),
        Some("Jens Østergaard"),
        Some("Mette Lund"),
        Some("Anders Holm"),
        Some("Per Dahl"),
    ];
    let mut functions: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(p, _)| p.to_string())
        .filter(|p| !p.starts_with("/api/dev/"))
        .collect();
    functions.sort();
    functions.dedup();
    let counter = Counter::new(&app).await;
    let mut wrong = Vec::new();
    for who in visitors {
        let mut b = Browser::new(&app);
        if let Some(name) = who {
            b.sign_in_as(name).await;
        }
        for f in &functions {
            for (what, body) in payloads() {
                let before = counter.rows().await;
                let res = b
                    .client
                    .post(format!("{}{f}", app.base))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .header("origin", &app.base)
                    .header("cookie", b.cookie_header())
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                let status = res.status();
                if status.is_server_error() {
                    let text = res.text().await.unwrap_or_default();
                    wrong.push(format!("{f} {what} as {who:?}: {status} {text}"));
                    continue;
                }
                if NO_INPUT.contains(&f.as_str()) {
                    // Signing out ends the session this browser had: sign in again.
                    if let Some(name) = who {
                        b.cookies.clear();
                        b.sign_in_as(name).await;
                    }
                    continue;
                }
                // A refusal writes nothing; input the portal accepted (text is text) may.
                if !status.is_client_error() {
                    continue;
                }
                let after = counter.rows().await;
                if before != after {
                    let changed: Vec<_> = after
                        .iter()
                        .filter(|(t, n)| before.get(*t) != Some(n))
                        .map(|(t, n)| format!("{t}: {} -> {n}", before.get(t).unwrap_or(&0)))
                        .collect();
                    wrong.push(format!(
                        "{f} {what} as {who:?} ({status}) wrote: {changed:?}"
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // Every page, its parameters garbled, as each visitor: never a 500.
    let pages: Vec<String> = server::page_paths()
        .into_iter()
        .chain(
            server::PLAIN_ROUTES
                .iter()
                .map(|p| p.replace('{', ":").replace('}', "")),
        )
        .filter(|p| !p.starts_with("/api/{"))
        .collect();
    let garbage = [
        "abc",
        "-1",
        "99999999999999999999",
        "%F0%9F%98%80%E2%80%AE",
        "%00",
    ];
    for who in visitors {
        let mut b = Browser::new(&app);
        if let Some(name) = who {
            b.sign_in_as(name).await;
        }
        for p in &pages {
            for g in garbage {
                let path: String = p
                    .split('/')
                    .map(|seg| {
                        if seg.starts_with(':') || seg.starts_with('*') {
                            g
                        } else {
                            seg
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("/");
                let query = [
                    "side",
                    "hvem",
                    "handling",
                    "fra",
                    "til",
                    "navn",
                    "foedt",
                    "kalender",
                    "adresse",
                    "grund",
                    "til",
                    "serie",
                    "sendt",
                    "registreret",
                    "__err",
                    "__path",
                ]
                .iter()
                .map(|k| format!("{k}={g}"))
                .collect::<Vec<_>>()
                .join("&");
                let res = b.get(&format!("{path}?{query}")).await;
                if res.status().is_server_error() {
                    wrong.push(format!("GET {path}?… ({g}) as {who:?}: {}", res.status()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// An oversized post is refused before anything is read, in both languages; a form posted
/// without JavaScript with bad input comes back to its page with the portal's own message.
async fn oversized_and_bad_form_posts_get_a_clear_answer(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let mut k = Browser::new(&app);
    k.sign_in_as("Karen Østergaard").await;
    let counter = Counter::new(&app).await;
    let before = counter.rows().await;
    // Just over the limit, and a megabyte: the sender reads the answer (the server reads the
    // rest of the body before it answers, so the connection is not reset under the sender).
    for size in [server::BODY_LIMIT + 1, 1024 * 1024] {
        let huge = "x".repeat(size);
        let res = k
            .post_form(
                "/ansoeg",
                "/api/apply/save",
                &[("needs", &huge), ("next", "kladde")],
            )
            .await;
        assert_eq!(res.status(), reqwest::StatusCode::PAYLOAD_TOO_LARGE);
        let text = res.text().await.unwrap();
        assert!(
            text.contains("for stort") && text.contains("too large"),
            "{text}"
        );
    }
    assert_eq!(counter.rows().await, before, "nothing saved");
    // A draft over the limit, but within the body limit: refused with the numbers, not saved.
    let long = "å".repeat(4_001);
    let res = k
        .post_form(
            "/ansoeg",
            "/api/apply/save",
            &[("needs", &long), ("goals", ""), ("next", "kladde")],
        )
        .await;
    let back = crate::http::location(&res);
    assert!(back.contains("__err"), "{back}");
    let (_, html) = k.page(back.trim_start_matches(&app.base)).await;
    assert!(
        html.contains("må højst være 4.000 tegn. Du har skrevet 4.001."),
        "{html}"
    );
    assert_eq!(counter.rows().await, before, "nothing saved");
    // In English for a reader who chose English.
    k.post_form("/", "/api/set_language", &[("lang", "en")])
        .await;
    let res = k
        .post_form(
            "/ansoeg",
            "/api/apply/save",
            &[("needs", &long), ("goals", ""), ("next", "kladde")],
        )
        .await;
    let back = crate::http::location(&res);
    let (_, html) = k.page(back.trim_start_matches(&app.base)).await;
    assert!(
        html.contains("can be at most 4,000 characters long. You have written 4,001."),
        "{html}"
    );
}

on_both_backends!(
    every_server_function_and_page_survives_bad_input_and_writes_nothing,
    oversized_and_bad_form_posts_get_a_clear_answer,
);
