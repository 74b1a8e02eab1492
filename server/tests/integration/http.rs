//! The portal over HTTP, as a browser without JavaScript uses it: plain links and
//! `application/x-www-form-urlencoded` form posts answered with redirects.
use crate::support::{on_both_backends, spawn_app, Backend, TestApp};
use chrono::Duration;
use reqwest::header::{ACCEPT, CONTENT_TYPE, COOKIE, LOCATION, ORIGIN, REFERER, SET_COOKIE};
use reqwest::redirect::Policy;
use reqwest::{Response, StatusCode};
use std::collections::BTreeMap;

/// A browser with JavaScript off: follows nothing by itself, keeps cookies.
pub(crate) struct Browser {
    pub(crate) client: reqwest::Client,
    pub(crate) base: String,
    pub(crate) cookies: BTreeMap<String, String>,
}

impl Browser {
    pub(crate) fn new(app: &TestApp) -> Browser {
        Browser {
            client: reqwest::Client::builder()
                .redirect(Policy::none())
                .build()
                .unwrap(),
            base: app.base.clone(),
            cookies: BTreeMap::new(),
        }
    }

    pub(crate) fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub(crate) fn keep_cookies(&mut self, res: &Response) {
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

    pub(crate) async fn get(&mut self, path: &str) -> Response {
        self.get_with(path, &[]).await
    }

    /// A GET with more headers, as a prefetcher or another site's link sends them.
    pub(crate) async fn get_with(&mut self, path: &str, headers: &[(&str, &str)]) -> Response {
        let mut req = self
            .client
            .get(format!("{}{path}", self.base))
            .header(ACCEPT, "text/html")
            .header(COOKIE, self.cookie_header());
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let res = req.send().await.unwrap();
        self.keep_cookies(&res);
        res
    }

    /// Gets a page and returns its status and body.
    pub(crate) async fn page(&mut self, path: &str) -> (StatusCode, String) {
        let res = self.get(path).await;
        (res.status(), res.text().await.unwrap())
    }

    /// Posts a form from `from_page` as a browser does (Referer, Origin, urlencoded).
    /// A relative switches to acting for `citizen` (as the "Handler for" page does).
    pub(crate) async fn act_for(&mut self, citizen: i64) {
        self.post_form(
            "/handler-for",
            "/api/acting_for/switch",
            &[("citizen", &citizen.to_string())],
        )
        .await;
    }

    pub(crate) async fn post_form(
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
    pub(crate) async fn sign_in_as(&mut self, name: &str) -> Response {
        let (status, html) = self.page("/dev/log-ind").await;
        assert_eq!(status, StatusCode::OK);
        let id = person_id_in_form(&html, name);
        self.post_form("/dev/log-ind", "/api/dev/sign_in", &[("person", &id)])
            .await
    }
}

pub(crate) fn urlencode(s: &str) -> String {
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

pub(crate) fn location(res: &Response) -> String {
    res.headers()
        .get(LOCATION)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

// The clock stands at Wednesday 4 March 2026, 10:00 in Copenhagen.
pub(crate) const NOW: &str = "2026-03-04T09:00:00Z";

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

pub(crate) async fn person_of(app: &TestApp, subject: &str) -> i64 {
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

/// BRS-08's phone hours are data: the contacts page, the rules page and Inger's overview say
/// whether Visitationen's phone is open now, by the server's clock: closed 9-10 every day and on
/// public holidays.
async fn the_pages_say_whether_the_phone_is_open_now(backend: Backend) {
    // Wednesday 4 March 2026, 10:00 local: open until 14.
    let app = spawn_app(backend, true, "2026-03-04T09:00:00Z").await;
    let mut b = Browser::new(&app);
    let open = "Åben nu – lukker kl. 14.00";
    let hours = "Mandag–torsdag kl. 8.00–9.00 og 10.00–14.00, fredag kl. 8.00–9.00 og 10.00–13.30";
    for page in ["/kommuner", "/regler/broenderslev"] {
        let (_, html) = b.page(page).await;
        let html = html.replace("<!---->", "");
        assert!(html.contains(open), "{page}: {html}");
        assert!(html.contains(hours), "{page}");
        assert!(html.contains("BRS-08"), "{page}");
    }
    // 09:30: the gap between 9 and 10.
    app.clock.set(crate::support::at("2026-03-04T08:30:00Z"));
    b.sign_in_as("Inger Thomsen").await;
    let (_, html) = b.page("/oversigt").await;
    assert!(
        html.replace("<!---->", "")
            .contains("Lukket – åbner i dag kl. 10.00"),
        "{html}"
    );
    // Skærtorsdag 2 April: a holiday, as are the next days until Tuesday 7 April.
    app.clock.set(crate::support::at("2026-04-02T08:00:00Z"));
    let (_, html) = b.page("/regler/broenderslev").await;
    assert!(
        html.replace("<!---->", "")
            .contains("Lukket – åbner tirsdag 7. april 2026 kl. 08.00"),
        "{html}"
    );
}

/// Without a configured provider, MitID sign-in says so; an answer that this browser did not
/// start is refused, and neither signs anyone in.
async fn mitid_sign_in_refuses_what_it_cannot_trust(backend: Backend) {
    let app = spawn_app(backend, false, "2026-03-04T09:00:00Z").await;
    let mut b = Browser::new(&app);
    let res = b.get("/log-ind/mitid").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()[LOCATION], "/log-ind/fejl?grund=utilgaengelig");
    let (status, html) = b.page("/log-ind/fejl?grund=utilgaengelig").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(html.contains("MitID kan ikke nås lige nu"));
    let res = b.get("/log-ind/retur?code=abc&state=xyz").await;
    assert_eq!(res.headers()[LOCATION], "/log-ind/fejl?grund=udloebet");
    assert!(
        b.cookies.keys().all(|k| !k.contains("tp_session")),
        "no session"
    );
    let (status, html) = b.page("/log-ind/fejl?grund=sikringsniveau").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("betydeligt eller højt sikringsniveau"));
}

/// Every page has a Content-Security-Policy that lets no script run but the site's own files
/// and one with its nonce (a public page has none), may not be framed, and a signed-in page is not stored; production adds HSTS.
async fn pages_carry_security_headers(backend: Backend) {
    let app = spawn_app(backend, true, NOW).await;
    let mut b = Browser::new(&app);
    let res = b.get("/kommuner").await;
    let header = |res: &Response, name: &str| {
        res.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let csp = header(&res, "content-security-policy");
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|r| r.split('\'').next())
        .expect("a nonce in the policy")
        .to_string();
    assert_eq!(header(&res, "x-content-type-options"), "nosniff");
    assert_eq!(header(&res, "referrer-policy"), "same-origin");
    assert_eq!(
        header(&res, "cache-control"),
        "",
        "public pages may be cached"
    );
    assert_eq!(
        header(&res, "strict-transport-security"),
        "",
        "no HSTS over development http"
    );
    let html = res.text().await.unwrap();
    assert!(
        !html.contains("<script") && !nonce.is_empty(),
        "no script on a public page; only one with the nonce could run"
    );
    let again = header(&b.get("/kommuner").await, "content-security-policy");
    assert_ne!(again, csp, "a new nonce for every response");

    b.sign_in_as("Karen Østergaard").await;
    let res = b.get("/oversigt").await;
    assert_eq!(header(&res, "cache-control"), "no-store");

    let prod = spawn_app(backend, false, NOW).await;
    let res = reqwest::get(format!("{}/api/v1/municipalities", prod.base))
        .await
        .unwrap();
    assert_eq!(
        header(&res, "strict-transport-security"),
        "max-age=31536000; includeSubDomains"
    );
    assert!(header(&res, "content-security-policy").contains("default-src 'none'"));
}

/// A client gets 20 sign-in attempts a minute; then a plain page says to wait.
async fn sign_in_attempts_are_limited_per_client(backend: Backend) {
    let app = spawn_app(backend, false, NOW).await;
    let mut b = Browser::new(&app);
    for _ in 0..20 {
        assert_eq!(
            b.get("/log-ind/mitid").await.status(),
            StatusCode::SEE_OTHER
        );
    }
    let res = b.get("/log-ind/retur?state=x").await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(res.headers()["retry-after"], "60");
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("For mange forsøg på at logge ind"));
    assert_eq!(
        b.get("/kommuner").await.status(),
        StatusCode::OK,
        "other pages still answer"
    );
}

/// Behind our own load balancer every request comes from its address; the limit follows the
/// client address it forwards instead, and a forged header from outside changes nothing.
async fn behind_a_trusted_proxy_the_limit_follows_the_forwarded_client(backend: Backend) {
    let app = crate::support::spawn_app_with(
        backend,
        false,
        NOW,
        &[("PORTAL_TRUSTED_PROXIES", "127.0.0.1")],
    )
    .await;
    let client = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap();
    let attempt = |from: &'static str| {
        client
            .get(format!("{}/log-ind/mitid", app.base))
            .header("x-forwarded-for", from)
            .send()
    };
    for _ in 0..20 {
        assert_eq!(
            attempt("198.51.100.7").await.unwrap().status(),
            StatusCode::SEE_OTHER
        );
    }
    assert_eq!(
        attempt("198.51.100.7").await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        attempt("198.51.100.8").await.unwrap().status(),
        StatusCode::SEE_OTHER,
        "another client behind the same load balancer"
    );
    assert_eq!(
        attempt("203.0.113.1, 198.51.100.7").await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS,
        "a forged first entry does not escape the limit"
    );
}

/// A relative holding two powers of attorney switches between the citizens and back to
/// themself; a citizen they hold no power for is refused, and every switch is logged.
async fn a_relative_switches_between_the_citizens_they_act_for(backend: Backend) {
    use app::domain::people::Scopes;
    use app::ssr::db::{NewPower, PowerSource};
    let app = spawn_app(backend, true, NOW).await;
    let jens = person_of(&app, "demo:vejen:paaroerende").await;
    let erik = person_of(&app, "demo:samsoe:borger").await;
    let inger = person_of(&app, "demo:broenderslev:borger").await;
    app.state
        .repo
        .insert_power(&NewPower {
            citizen_id: erik,
            proxy_id: jens,
            scopes: Scopes {
                view: true,
                book: true,
                ..Scopes::default()
            },
            expires_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            source: PowerSource::Paper,
            document_ref: Some("J.nr. 2026-17".into()),
            created_by: erik,
            created_at: crate::support::at(NOW),
        })
        .await
        .unwrap();
    let mut b = Browser::new(&app);
    b.sign_in_as("Jens Østergaard").await;
    let (status, html) = b.page("/handler-for").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Karen Østergaard") && html.contains("Erik Mikkelsen"),
        "{html}"
    );
    assert!(
        html.contains("se sagen, booke og melde afbud"),
        "Erik's scopes in plain words"
    );
    assert!(
        html.contains("torsdag 31. december 2026"),
        "the expiry date"
    );

    let res = b
        .post_form(
            "/handler-for",
            "/api/acting_for/switch",
            &[("citizen", &erik.to_string())],
        )
        .await;
    assert_eq!(location(&res), "/oversigt");
    let (_, html) = b.page("/oversigt").await;
    assert!(
        html.contains("Du handler for <strong>Erik Mikkelsen</strong>"),
        "{html}"
    );
    assert!(html.contains("Samsø Kommune"));

    let res = b
        .post_form(
            "/handler-for",
            "/api/acting_for/switch",
            &[("citizen", &inger.to_string())],
        )
        .await;
    assert_ne!(location(&res), "/oversigt", "no power for Inger");
    let (_, html) = b.page("/oversigt").await;
    assert!(
        html.contains("Du handler for <strong>Erik Mikkelsen</strong>"),
        "unchanged"
    );

    b.post_form(
        "/handler-for",
        "/api/acting_for/switch",
        &[("citizen", "0")],
    )
    .await;
    let (_, html) = b.page("/oversigt").await;
    assert!(!html.contains("Du handler for"), "acting for himself");

    let log = app.state.repo.audit_log_for(inger).await.unwrap();
    assert!(log
        .iter()
        .any(|e| e.action == "act_for_refused" && e.actor_id == Some(jens)));
    let log = app.state.repo.audit_log_for(erik).await.unwrap();
    assert!(log
        .iter()
        .any(|e| e.action == "act_for" && e.actor_id == Some(jens)));
}

on_both_backends!(
    the_pages_say_whether_the_phone_is_open_now,
    behind_a_trusted_proxy_the_limit_follows_the_forwarded_client,
    a_relative_switches_between_the_citizens_they_act_for,
    pages_carry_security_headers,
    sign_in_attempts_are_limited_per_client,
    mitid_sign_in_refuses_what_it_cannot_trust,
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

/// A page's text without the markers the renderer leaves between pieces.
pub(crate) fn clean(html: &str) -> String {
    html.replace("<!---->", "")
}

/// A person's email address.
pub(crate) async fn email_of(app: &TestApp, person: i64) -> String {
    app.state
        .repo
        .person(person)
        .await
        .unwrap()
        .unwrap()
        .email
        .unwrap()
}

/// A refusal published in the portal at `at` (the facts a decision task or complaint needs).
pub(crate) fn refusal(
    citizen: i64,
    municipality: &str,
    decided_by: i64,
    at: chrono::DateTime<chrono::Utc>,
) -> app::ssr::db::NewDecision {
    app::ssr::db::NewDecision {
        application_id: None,
        citizen_id: citizen,
        municipality: municipality.into(),
        outcome: app::domain::complaint_guidance::DecisionOutcome::Refused,
        training_form: String::new(),
        place: String::new(),
        sessions_per_week: 0,
        weeks: None,
        start_on: app::domain::time_format::local_date(at),
        reasons: Some("Begrundelse".into()),
        legal_basis: "Lov om social service § 86, stk. 2".into(),
        decided_by,
        decided_at: at,
        complaint_guidance: None,
        replaces_decision_id: None,
        delivery: app::domain::decision_delivery::Delivery::Portal(at),
        transport_outcome: None,
        transport_guidance: None,
        last_day_on: None,
    }
}
