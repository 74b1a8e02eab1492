//! Server-side sessions and the per-request context.
//! The cookie carries a random id; the database keeps only its SHA-256, the person, whom they
//! act for, and the idle and absolute expiry.
use super::db::{NewWebSession, SessionOwner, WebSession};
use super::request::{RequestContext, SessionLeft};
use super::state::AppState;
use crate::domain::lang::Lang;
use crate::domain::people::{ActingFor, PersonId, Viewer, ViewerKind};
use crate::domain::time_format::local_date;
use crate::errors::AppError;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use rand::RngCore;
use sha2::{Digest, Sha256};

pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(8);
/// `last_seen_at` is written at most this often, so reading pages does not write every time.
const TOUCH_INTERVAL: Duration = Duration::seconds(60);
pub const LANG_COOKIE: &str = "tp_lang";

/// Production uses the `__Host-` prefix (Secure, no Domain, Path=/); development runs on plain
/// http, where browsers refuse that prefix.
pub fn session_cookie_name(development: bool) -> &'static str {
    if development {
        "tp_session"
    } else {
        "__Host-tp_session"
    }
}

pub fn cookie(name: &str, value: &str, max_age_seconds: i64, development: bool) -> HeaderValue {
    let secure = if development { "" } else { "; Secure" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; Max-Age={max_age_seconds}; HttpOnly; SameSite=Lax{secure}"
    ))
    .expect("cookie text is ASCII")
}

pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

pub fn hash_session_id(id: &str) -> String {
    let digest = Sha256::digest(id.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn new_session_id() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Starts a new session (always a new id) and returns the Set-Cookie header value.
pub async fn start_session(
    state: &AppState,
    person: PersonId,
    acting_for: Option<PersonId>,
) -> Result<HeaderValue, AppError> {
    start_session_with(state, person, acting_for, None).await
}

/// As [`start_session`], remembering the provider signed in with, so that signing out ends the
/// session there too.
pub async fn start_session_with(
    state: &AppState,
    person: PersonId,
    acting_for: Option<PersonId>,
    signed_in_with: Option<&str>,
) -> Result<HeaderValue, AppError> {
    let id = new_session_id();
    let now = state.clock.now();
    state
        .repo
        .insert_web_session(&NewWebSession {
            id_hash: hash_session_id(&id),
            person_id: person,
            acting_for,
            created_at: now,
            expires_at: now + ABSOLUTE_TIMEOUT,
            signed_in_with: signed_in_with.map(str::to_string),
        })
        .await?;
    let dev = state.settings.is_development();
    Ok(cookie(
        session_cookie_name(dev),
        &id,
        ABSOLUTE_TIMEOUT.num_seconds(),
        dev,
    ))
}

/// The Set-Cookie value that removes the session cookie.
pub fn clear_session_cookie(development: bool) -> HeaderValue {
    cookie(session_cookie_name(development), "", 0, development)
}

pub fn is_live(s: &WebSession, now: DateTime<Utc>) -> bool {
    now < s.expires_at && now - s.last_seen_at < IDLE_TIMEOUT
}

/// Who the session's person is for this request, from the database as it is now (read with the
/// session, `SessionOwner`): a revoked or expired power of attorney stops a relative's access on
/// their next request.
pub async fn viewer_for(state: &AppState, owner: SessionOwner) -> Result<Option<Viewer>, AppError> {
    let SessionOwner {
        session: s,
        person,
        staff,
    } = owner;
    if let Some(m) = staff.into_iter().next() {
        return Ok(Some(Viewer {
            person_id: person.id,
            name: person.name,
            kind: ViewerKind::Staff(m.role),
            municipality: Some(m.municipality),
            acting_for: None,
        }));
    }
    if let Some(citizen) = s.acting_for.filter(|c| *c != person.id) {
        let today = local_date(state.clock.now());
        let powers = state.repo.valid_powers_held_by(person.id, today).await?;
        match powers.into_iter().find(|p| p.citizen_id == citizen) {
            Some(p) => {
                let municipality = state
                    .repo
                    .person(p.citizen_id)
                    .await?
                    .and_then(|c| c.home_municipality);
                return Ok(Some(Viewer {
                    person_id: person.id,
                    name: person.name,
                    kind: ViewerKind::Relative,
                    municipality,
                    acting_for: Some(ActingFor {
                        citizen_id: p.citizen_id,
                        name: p.citizen_name,
                        scopes: p.scopes,
                    }),
                }));
            }
            // The power was revoked or has expired: from this request on, the person acts for
            // themself only, and the header no longer names the citizen.
            None => state.repo.set_session_acting_for(&s.id_hash, None).await?,
        }
    }
    Ok(Some(Viewer {
        person_id: person.id,
        name: person.name,
        kind: ViewerKind::Citizen,
        municipality: person.home_municipality,
        acting_for: None,
    }))
}

/// Refuses state-changing requests that a browser marks as coming from another site.
fn cross_site_write(req: &Request) -> bool {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    let headers = req.headers();
    if headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site") {
        return true;
    }
    match (headers.get(header::ORIGIN), headers.get(header::HOST)) {
        (Some(origin), Some(host)) => {
            let origin = origin.to_str().unwrap_or("");
            let host = host.to_str().unwrap_or("");
            let origin_host = origin.split_once("://").map(|(_, h)| h).unwrap_or(origin);
            origin != "null" && origin_host != host
        }
        _ => false,
    }
}

/// Middleware: reads the language and the session, and puts a `RequestContext` in the request.
pub async fn load_request_context(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    if cross_site_write(&req) {
        return (StatusCode::FORBIDDEN, "Cross-site request refused").into_response();
    }
    let dev = state.settings.is_development();
    let lang = cookie_value(req.headers(), LANG_COOKIE)
        .map(|c| Lang::from_code(&c))
        .unwrap_or_default();
    let peer = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    let forwarded_for = req
        .headers()
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok());
    let client_addr = peer.map(|peer| {
        super::rate_limit::client_address(peer, forwarded_for, &state.settings.trusted_proxies)
            .to_string()
    });
    let mut ctx = RequestContext {
        viewer: None,
        lang,
        session_hash: None,
        session_left: None,
        client_addr,
        session_secret: None,
        typed: Default::default(),
    };
    let mut clear_cookie = false;
    if let Some(id) =
        cookie_value(req.headers(), session_cookie_name(dev)).filter(|v| !v.is_empty())
    {
        let hash = hash_session_id(&id);
        match resolve(&state, &hash).await {
            Ok(Some((viewer, left))) => {
                // The request's log line names the person by internal id only.
                tracing::Span::current().record("person", viewer.person_id);
                ctx.viewer = Some(viewer);
                ctx.session_hash = Some(hash);
                ctx.session_left = Some(left);
                ctx.session_secret = Some(super::request::SessionSecret(id));
            }
            Ok(None) => clear_cookie = true,
            Err(_) => return error_response(lang),
        }
    }
    let signed_in = ctx.viewer.is_some();
    let secret = ctx.session_secret.clone().map(|s| s.0);
    let session_hash = ctx.session_hash.clone();
    let now = state.clock.now().timestamp();
    if let Some(uri) = without_foreign_error(req.uri(), secret.as_deref(), now) {
        *req.uri_mut() = uri;
    }
    let posted = req.method() == Method::POST;
    let query = req.uri().query().unwrap_or("");
    if let (false, true, Some(hash), Some(secret)) = (
        posted,
        query.contains(super::typed_back::PARAM),
        ctx.session_hash.as_deref(),
        secret.as_deref(),
    ) {
        ctx.typed = super::typed_back::load(&state, query, hash, secret, state.clock.now()).await;
    }
    // Kept (a shared handle, no copy) to seal only if the post fails: most posts succeed.
    let form = req
        .extensions()
        .get::<super::input_guard::FormBody>()
        .map(|b| b.0.clone());
    req.extensions_mut().insert(ctx.clone());
    let mut res = super::request::REQUEST.scope(ctx, next.run(req)).await;
    if let (true, Some(secret), Some(hash)) = (posted, secret.as_deref(), session_hash) {
        sign_error_location(&state, &mut res, (&hash, secret), form.as_deref()).await;
    }
    if signed_in {
        // Personal pages must not be kept by the browser or anything between.
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if clear_cookie {
        res.headers_mut()
            .append(header::SET_COOKIE, clear_session_cookie(dev));
    }
    res
}

/// The address without a form error this session was not sent (see `ssr::session_bound`).
fn without_foreign_error(uri: &http::Uri, secret: Option<&str>, now: i64) -> Option<http::Uri> {
    let query = uri.query()?;
    let kept = super::session_bound::without_foreign_error(query, secret, now)?;
    let path_and_query = if kept.is_empty() {
        uri.path().to_string()
    } else {
        format!("{}?{kept}", uri.path())
    };
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = path_and_query.parse().ok();
    http::Uri::from_parts(parts).ok()
}

/// Signs the error a failed form post sends the browser back with, for this session only, and
/// keeps what was typed (the posted `form`) for the form to show again; a post that succeeds is
/// sent on without fields given back before. `session` is the session's hash and cookie value.
async fn sign_error_location(
    state: &AppState,
    res: &mut Response,
    session: (&str, &str),
    form: Option<&[u8]>,
) {
    let (hash, secret) = session;
    let now = state.clock.now();
    let Some(location) = res
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .map(str::to_string)
    else {
        return;
    };
    let location =
        match super::session_bound::sign_error_location(&location, secret, now.timestamp()) {
            Some(signed) => {
                let kept = match form {
                    Some(form) => super::typed_back::keep(state, hash, secret, form, now).await,
                    None => None,
                };
                super::typed_back::with_fields(&signed, kept.as_deref())
            }
            // A post that succeeded goes on without what an earlier failure gave back.
            None if location.contains(super::typed_back::PARAM) => {
                super::typed_back::with_fields(&location, None)
            }
            None => return,
        };
    if let Ok(location) = HeaderValue::from_str(&location) {
        res.headers_mut().insert(header::LOCATION, location);
    }
}

async fn resolve(state: &AppState, hash: &str) -> Result<Option<(Viewer, SessionLeft)>, AppError> {
    let Some(mut owner) = state.repo.session_owner(hash).await? else {
        return Ok(None);
    };
    let session = &mut owner.session;
    let now = state.clock.now();
    if !is_live(session, now) {
        state.repo.delete_web_session(hash).await?;
        return Ok(None);
    }
    if now - session.last_seen_at >= TOUCH_INTERVAL {
        state.repo.touch_web_session(hash, now).await?;
        session.last_seen_at = now;
    }
    let left = session_left(now, session.last_seen_at, session.expires_at);
    Ok(viewer_for(state, owner).await?.map(|v| (v, left)))
}

/// What is left of a session last active at `last_seen` that ends for good at `expires_at`.
pub fn session_left(
    now: DateTime<Utc>,
    last_seen: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> SessionLeft {
    let idle_end = last_seen + IDLE_TIMEOUT;
    SessionLeft {
        seconds: (idle_end.min(expires_at) - now).num_seconds().max(0),
        extendable: idle_end < expires_at,
    }
}

/// Marks the session as active now (the "stay signed in" button) and returns what is left.
pub async fn keep_alive(state: &AppState, hash: &str) -> Result<Option<SessionLeft>, AppError> {
    let Some(session) = state.repo.web_session(hash).await? else {
        return Ok(None);
    };
    let now = state.clock.now();
    if !is_live(&session, now) {
        return Ok(None);
    }
    state.repo.touch_web_session(hash, now).await?;
    Ok(Some(session_left(now, now, session.expires_at)))
}

/// A bare 500 page for failures before the app can render (no internal detail).
pub fn error_response(lang: Lang) -> Response {
    let text = AppError::Internal.message(lang);
    let html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body><main><h1>{}</h1><p>{text}</p></main></body></html>",
        lang.code(),
        lang.pick("Fejl", "Error"),
        lang.pick("Der skete en fejl", "Something went wrong"),
    );
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(created: &str, last_seen: &str) -> WebSession {
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        WebSession {
            id_hash: "x".into(),
            person_id: 1,
            acting_for: None,
            created_at: t(created),
            last_seen_at: t(last_seen),
            expires_at: t(created) + ABSOLUTE_TIMEOUT,
            signed_in_with: None,
        }
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    #[test]
    fn a_session_ends_after_30_idle_minutes() {
        let s = session("2026-03-10T08:00:00Z", "2026-03-10T09:00:00Z");
        assert!(is_live(&s, at("2026-03-10T09:29:59Z")));
        assert!(!is_live(&s, at("2026-03-10T09:30:00Z")));
    }

    #[test]
    fn a_session_ends_after_8_hours_however_active() {
        let s = session("2026-03-10T08:00:00Z", "2026-03-10T15:59:00Z");
        assert!(is_live(&s, at("2026-03-10T15:59:59Z")));
        assert!(!is_live(&s, at("2026-03-10T16:00:00Z")));
    }

    #[test]
    fn cookies_are_read_by_exact_name() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a_tp_lang=xx; tp_lang=en; other=1"),
        );
        assert_eq!(cookie_value(&h, "tp_lang").as_deref(), Some("en"));
        assert_eq!(cookie_value(&h, "missing"), None);
    }

    #[test]
    fn production_cookies_are_host_prefixed_and_secure() {
        let c = cookie(session_cookie_name(false), "abc", 60, false);
        let c = c.to_str().unwrap();
        assert!(c.starts_with("__Host-tp_session=abc; Path=/;"));
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.ends_with("Secure"));
        let d = cookie(session_cookie_name(true), "abc", 60, true);
        assert!(!d.to_str().unwrap().contains("Secure"));
    }

    #[test]
    fn session_ids_are_stored_only_as_hashes() {
        let id = new_session_id();
        assert_eq!(id.len(), 43);
        let h = hash_session_id(&id);
        assert_eq!(h.len(), 64);
        assert_ne!(h, id);
        assert_ne!(new_session_id(), id);
    }
}
