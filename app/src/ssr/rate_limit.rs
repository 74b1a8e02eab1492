//! Sign-in attempts per client are limited (a fixed window per IP address), so passwords and
//! codes cannot be tried at speed through the portal. Kept in memory per server instance.
use super::state::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use http::{header, StatusCode};
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);

pub struct RateLimiter {
    per_window: u32,
    hits: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl RateLimiter {
    pub fn new(per_minute: u32) -> RateLimiter {
        RateLimiter {
            per_window: per_minute,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Counts an attempt from `client` at `now`; false once the client has used up its minute.
    pub fn allow(&self, client: IpAddr, now: Instant) -> bool {
        let mut hits = self.hits.lock().unwrap_or_else(|e| e.into_inner());
        if hits.len() > 10_000 {
            hits.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
        }
        let entry = hits.entry(client).or_insert((now, 0));
        if now.duration_since(entry.0) >= WINDOW {
            *entry = (now, 0);
        }
        entry.1 += 1;
        entry.1 <= self.per_window
    }
}

/// The client's address: the peer, or, when the peer is one of our own proxies, the nearest
/// address in `X-Forwarded-For` that is not (a client can put anything at the start of that
/// header, so it is read from the right, and only as far as our proxies vouch for it).
pub fn client_address(
    peer: IpAddr,
    forwarded_for: Option<&str>,
    trusted_proxies: &[IpAddr],
) -> IpAddr {
    if !trusted_proxies.contains(&peer) {
        return peer;
    }
    let mut nearest = peer;
    for hop in forwarded_for.unwrap_or("").rsplit(',').map(str::trim) {
        match hop.parse::<IpAddr>() {
            Ok(addr) if trusted_proxies.contains(&addr) => nearest = addr,
            Ok(addr) => return addr,
            Err(_) => break,
        }
    }
    nearest
}

/// Middleware for the sign-in routes.
pub async fn limit_sign_in(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
    let forwarded_for = req
        .headers()
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok());
    let client = client_address(peer, forwarded_for, &state.settings.trusted_proxies);
    if state.sign_in_limiter.allow(client, Instant::now()) {
        return next.run(req).await;
    }
    tracing::warn!(%client, "sign-in attempts limited");
    (
        StatusCode::TOO_MANY_REQUESTS,
        [(header::RETRY_AFTER, "60")],
        Html(
            "<!DOCTYPE html><html lang=\"da\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>For mange forsøg – Træningsportalen</title></head>\
             <body><main><h1>For mange forsøg på at logge ind</h1><p>Vent et minut, og prøv så igen.</p>\
             <p lang=\"en\">Too many sign-in attempts. Please wait a minute and try again.</p><p><a href=\"/log-ind\">Log ind</a></p></main></body></html>",
        ),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_addresses_count_only_behind_our_own_proxies() {
        let lb: IpAddr = "10.0.0.5".parse().unwrap();
        let inner: IpAddr = "10.0.0.6".parse().unwrap();
        let client: IpAddr = "198.51.100.7".parse().unwrap();
        let trusted = [lb, inner];
        // Straight from the internet: the header is the client's own claim and is ignored.
        assert_eq!(
            client_address(client, Some("203.0.113.9"), &trusted),
            client
        );
        // Through the load balancer: the address it saw.
        assert_eq!(client_address(lb, Some("198.51.100.7"), &trusted), client);
        // A forged first entry is skipped; two proxies deep, the first untrusted from the right.
        assert_eq!(
            client_address(lb, Some("203.0.113.9, 198.51.100.7, 10.0.0.6"), &trusted),
            client
        );
        assert_eq!(client_address(lb, None, &trusted), lb);
        assert_eq!(client_address(lb, Some("nonsense"), &trusted), lb);
        assert_eq!(
            client_address(lb, Some("198.51.100.7"), &[]),
            lb,
            "no trusted proxies"
        );
    }

    #[test]
    fn a_client_gets_its_attempts_per_minute_and_others_are_not_affected() {
        let limiter = RateLimiter::new(3);
        let a: IpAddr = "192.0.2.1".parse().unwrap();
        let b: IpAddr = "192.0.2.2".parse().unwrap();
        let t = Instant::now();
        assert!((0..3).all(|_| limiter.allow(a, t)));
        assert!(!limiter.allow(a, t + Duration::from_secs(59)));
        assert!(limiter.allow(b, t + Duration::from_secs(59)));
        assert!(
            limiter.allow(a, t + Duration::from_secs(60)),
            "a new minute"
        );
    }
}
