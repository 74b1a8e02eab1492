//! The portal over HTTP, as a browser without JavaScript uses it: plain links and
//! `application/x-www-form-urlencoded` form posts answered with redirects.
use crate::support::{on_both_backends, spawn_app, Backend, TestApp};
use chrono::Duration;
use reqwest::header::{ACCEPT, CONTENT_TYPE, COOKIE, LOCATION, ORIGIN, REFERER, SET_COOKIE};
use reqwest::redirect::Policy;
use reqwest::{Response, StatusCode};
use std::collections::BTreeMap;

/// A browser with JavaScript off: follows nothing by itself, keeps cookies.
struct Browser {
    client: reqwest::Client,
    base: String,
    cookies: BTreeMap<String, String>,
}

impl Browser {
    fn new(app: &TestApp) -> Browser {
        Browser {
            client: reqwest::Client::builder()
                .redirect(Policy::none())
                .build()
                .unwrap(),
            base: app.base.clone(),
            cookies: BTreeMap::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep_cookies(&mut self, res: &Response) {
        for v in res.headers().get_all(SET_COOKIE) {
            let first = v.to_str().unwrap().split(';').next().unwrap();
            let (k, v) = first.split_once('=').unwrap();
            let expired = v.is_empty();
            if expired {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_string(), v.to_string());
            }
        }
    }

    async fn get(&mut self, path: &str) -> Response {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .header(ACCEPT, "text/html")
            .header(COOKIE, self.cookie_header())
            .send()
            .await
            .unwrap();
        self.keep_cookies(&res);
        res
    }

    /// Gets a page and returns its status and body.
    async fn page(&mut self, path: &str) -> (StatusCode, String) {
        let res = self.get(path).await;
        (res.status(), res.text().await.unwrap())
    }

    /// Posts a form from `from_page` as a browser does (Referer, Origin, urlencoded).
    async fn post_form(
        &mut self,
        from_page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> Response {
        let body = fields
            .iter()
            .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let res = self
            .client
            .post(format!("{}{action}", self.base))
            .header(ACCEPT, "text/html")
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(REFERER, format!("{}{from_page}", self.base))
            .header(ORIGIN, self.base.clone())
            .header(COOKIE, self.cookie_header())
            .body(body)
            .send()
            .await
            .unwrap();
        self.keep_cookies(&res);
        res
    }

    /// Finds the demo person's id on the development sign-in page and signs in with the form.
    async fn sign_in_as(&mut self, name: &str) -> Response {
        let (status, html) = self.page("/dev/log-ind").await;
        assert_eq!(status, StatusCode::OK);
        let id = person_id_in_form(&html, name);
        self.post_form("/dev/log-ind", "/api/dev/sign_in", &[("person", &id)])
            .await
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The value of the hidden `person` field in the form whose button names `name`.
fn person_id_in_form(html: &str, name: &str) -> String {
    let button = html
        .find(&format!("Log ind som {name}"))
        .unwrap_or_else(|| panic!("no sign-in button for {name}"));
    let before = &html[..button];
    let field = before
        .rfind("name=\"person\" value=\"")
        .expect("person field")
        + "name=\"person\" value=\"".len();
    before[field..].split('"').next().unwrap().to_string()
}

fn location(res: &Response) -> String {
    res.headers()
        .get(LOCATION)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

// The clock stands at Wednesday 4 March 2026, 10:00 in Copenhagen.
const NOW: &str = "2026-03-04T09:00:00Z";

async fn the_front_page_is_danish_and_the_language_switch_works_without_javascript(
    backend: Backend,
) {
    let app = spawn_app(backend, true, NOW).await;
    let mut b = Browser::new(&app);
    let (status, html) = b.page("/kommuner").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<html lang=\"da\""), "Danish by default");
    assert!(html.contains("Kommuner og kontakt"));
    assert!(
        html.contains("Brønderslev Kommune") && html.contains("99 45 44 20"),
        "contacts from the municipality file"
    );

    let res = b
        .post_form("/kommuner", "/api/set_language", &[("lang", "en")])
        .await;
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(
        location(&res).trim_end_matches('?'),
        format!("{}/kommuner", app.base),
        "back to the page the form was on"
    );
    assert_eq!(b.cookies.get("tp_lang").map(String::as_str), Some("en"));

    let (_, html) = b.page("/kommuner").await;
    assert!(html.contains("<html lang=\"en\""));
    assert!(html.contains("Municipalities and contact"));
    let (_, html) = b.page("/").await;
    assert!(
        html.contains("Maintenance training"),
        "the choice is remembered on other pages"
    );

    b.post_form("/", "/api/set_language", &[("lang", "da")])
        .await;
    let (_, html) = b.page("/").await;
    assert!(html.contains("Vedligeholdende træning"));
}

async fn a_citizen_signs_in_with_a_form_post_and_sees_the_overview(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let mut b = Browser::new(&app);
    let res = b.sign_in_as("Karen Østergaard").await;
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(location(&res), "/oversigt");
    assert!(b.cookies.contains_key("tp_session"));

    let (status, html) = b.page("/oversigt").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Logget ind som <strong>Karen Østergaard</strong>"));
    assert!(
        html.contains("Vejen Kommune"),
        "the municipality is in the header"
    );
    assert!(html.contains("Holdtræning") && html.contains("Brørup Sundhedscenter"));
    // Vejen's demo team trains on Mondays at 10:00 local time; the first is 9 March 2026.
    assert!(html.contains("mandag 9. marts 2026 kl. 10.00"), "{html}");
    assert!(html.contains("datetime=\"2026-03-09T10:00:00+01:00\""));
    // After summer time starts on 29 March, 10:00 local is 08:00 UTC.
    assert!(html.contains("datetime=\"2026-03-30T10:00:00+02:00\""));
    assert!(
        html.contains("79 96 64 34"),
        "the municipality's phone number"
    );

    let log = app
        .state
        .repo
        .audit_log_for(person_of(&app, "demo:vejen:borger").await)
        .await
        .unwrap();
    assert_eq!(
        log.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        vec!["sign_in", "view_overview"]
    );
}

async fn person_of(app: &TestApp, subject: &str) -> i64 {
    app.state
        .repo
        .person_by_subject(subject)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn a_relative_sees_whom_they_act_for(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let mut b = Browser::new(&app);
    let res = b.sign_in_as("Jens Østergaard").await;
    assert_eq!(location(&res), "/oversigt");
    let (status, html) = b.page("/oversigt").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Du handler for <strong>Karen Østergaard</strong>"),
        "{html}"
    );
    assert!(html.contains("Oversigt for Karen Østergaard"));
    assert!(html.contains("mandag 9. marts 2026 kl. 10.00"));
    let citizen = person_of(&app, "demo:vejen:borger").await;
    let relative = person_of(&app, "demo:vejen:paaroerende").await;
    let log = app.state.repo.audit_log_for(citizen).await.unwrap();
    let view = log
        .iter()
        .find(|e| e.action == "view_overview")
        .expect("the view is logged");
    assert_eq!(
        view.actor_id,
        Some(relative),
        "logged as done by the relative on the citizen's behalf"
    );
}

async fn staff_see_their_municipalitys_sessions_and_not_citizen_pages(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let mut b = Browser::new(&app);
    let res = b.sign_in_as("Kasper Vestergaard").await;
    assert_eq!(location(&res), "/personale");
    let (status, html) = b.page("/personale").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Personale – Brønderslev Kommune"));
    assert!(
        html.contains("onsdag 11. marts 2026 kl. 10.00"),
        "Brønderslev's demo team trains on Wednesdays"
    );
    assert!(html.contains("1 / 8"));
    assert!(!html.contains("Brørup"), "no other municipality's sessions");
    let (status, html) = b.page("/oversigt").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("Ingen adgang"));
}

async fn signed_out_visitors_are_sent_to_sign_in(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let mut b = Browser::new(&app);
    let res = b.get("/oversigt").await;
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(location(&res), "/log-ind");
    let res = b.get("/personale").await;
    assert_eq!(location(&res), "/log-ind");
}

async fn signing_out_ends_the_session_on_the_server(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Karen Østergaard").await;
    let old_cookie = b.cookies.get("tp_session").cloned().unwrap();
    let res = b.post_form("/oversigt", "/api/sign_out", &[]).await;
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(location(&res), "/");
    assert!(
        !b.cookies.contains_key("tp_session"),
        "the cookie is cleared"
    );
    // Replaying the old cookie does not work either: the session is gone from the database.
    b.cookies.insert("tp_session".into(), old_cookie);
    let res = b.get("/oversigt").await;
    assert_eq!(location(&res), "/log-ind");
}

async fn a_session_ends_after_30_idle_minutes(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Karen Østergaard").await;
    app.clock
        .set(crate::support::at(NOW) + Duration::minutes(29));
    assert_eq!(b.get("/oversigt").await.status(), StatusCode::OK);
    app.clock
        .set(crate::support::at(NOW) + Duration::minutes(29 + 31));
    let res = b.get("/oversigt").await;
    assert_eq!(location(&res), "/log-ind");
}

async fn signing_in_again_gives_a_new_session_id(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let mut b = Browser::new(&app);
    b.sign_in_as("Karen Østergaard").await;
    let first = b.cookies.get("tp_session").cloned().unwrap();
    b.sign_in_as("Jens Østergaard").await;
    let second = b.cookies.get("tp_session").cloned().unwrap();
    assert_ne!(first, second);
    b.cookies.insert("tp_session".into(), first);
    assert_eq!(
        location(&b.get("/oversigt").await),
        "/log-ind",
        "the earlier session was ended"
    );
}

async fn cross_site_form_posts_are_refused(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let b = Browser::new(&app);
    let res = b
        .client
        .post(format!("{}/api/set_language", app.base))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(ORIGIN, "https://evil.example")
        .body("lang=en")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.headers().get(SET_COOKIE).is_none());
}

async fn production_has_no_development_sign_in(backend: Backend) {
    let app = spawn_app(backend, false, NOW).await;
    let mut b = Browser::new(&app);
    let (status, html) = b.page("/dev/log-ind").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Siden findes ikke"));
    assert!(!html.contains("Karen"));
    let res = b
        .post_form("/", "/api/dev/sign_in", &[("person", "1")])
        .await;
    assert!(
        res.headers().get(SET_COOKIE).is_none(),
        "no session in production"
    );
    assert!(
        app.state
            .repo
            .people_with_subject_prefix("demo:")
            .await
            .unwrap()
            .is_empty(),
        "no demo data in production"
    );
    let (_, html) = b.page("/log-ind").await;
    assert!(!html.contains("/dev/log-ind"));
}

async fn unknown_pages_answer_404_and_failures_500_without_detail(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let mut b = Browser::new(&app);
    let (status, html) = b.page("/findes-ikke").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Siden findes ikke"));
    assert!(html.contains("<html lang=\"da\""));

    b.sign_in_as("Karen Østergaard").await;
    // The database goes away under the running portal.
    match &app.db.sqlite {
        Some(sqlite) => sqlite.close().await,
        None => drop_connections(&app).await,
    }
    let (status, html) = b.page("/oversigt").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(html.contains("Der skete en fejl"));
    for secret in [
        "sqlx", "pool", "Pool", "database", "postgres", "sqlite", "panicked",
    ] {
        assert!(
            !html.contains(secret),
            "internal detail '{secret}' shown: {html}"
        );
    }
}

/// Terminates the test database's connections and forbids new ones.
async fn drop_connections(app: &TestApp) {
    let name = app.db.url.rsplit('/').next().unwrap().to_string();
    let admin_url = app.db.url.replace(&format!("/{name}"), "/postgres");
    let admin = sqlx::PgPool::connect(&admin_url).await.unwrap();
    sqlx::query(&format!("alter database {name} allow_connections false"))
        .execute(&admin)
        .await
        .unwrap();
    sqlx::query(&format!(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = '{name}'"
    ))
    .execute(&admin)
    .await
    .unwrap();
    admin.close().await;
}

async fn each_municipality_has_a_rules_page_with_the_standards_words(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let mut b = Browser::new(&app);
    let (status, html) = b.page("/regler/broenderslev").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Regler for vedligeholdende træning i Brønderslev Kommune"));
    assert!(html.contains("Du skal melde afbud senest kl. 12.00 dagen før træningen."));
    assert!(
        html.contains("skal du give leverandøren besked senest kl. 12:00 dagen før."),
        "the source phrase"
    );
    assert!(html.contains("BRS-16") && html.contains("BRS-18b"));
    let (_, html) = b.page("/regler/samsoe").await;
    assert!(html.contains("sætter ingen frist for afbud"));
    let (status, _) = b.page("/regler/aarhus").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    b.sign_in_as("Karen Østergaard").await;
    let (_, html) = b.page("/oversigt").await;
    assert!(
        html.contains("href=\"/regler/vejen\""),
        "the footer links to the citizen's own municipality's rules"
    );
}

on_both_backends!(
    each_municipality_has_a_rules_page_with_the_standards_words,
    the_front_page_is_danish_and_the_language_switch_works_without_javascript,
    a_citizen_signs_in_with_a_form_post_and_sees_the_overview,
    a_relative_sees_whom_they_act_for,
    staff_see_their_municipalitys_sessions_and_not_citizen_pages,
    signed_out_visitors_are_sent_to_sign_in,
    signing_out_ends_the_session_on_the_server,
    a_session_ends_after_30_idle_minutes,
    signing_in_again_gives_a_new_session_id,
    cross_site_form_posts_are_refused,
    production_has_no_development_sign_in,
    unknown_pages_answer_404_and_failures_500_without_detail,
);
