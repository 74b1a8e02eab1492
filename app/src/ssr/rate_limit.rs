//! Sign-in attempts per client are limited (a fixed window of one minute per IP address), so
//! passwords and codes cannot be tried at speed through the portal. Counted in the database, so
//! the limit holds across every instance behind a load balancer; behind the trusted proxies the
//! client is the address they vouch for.
use super::state::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use http::{header, StatusCode};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

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
    let minute = state.clock.now().timestamp().div_euclid(60);
    let allowed = match state
        .repo
        .count_sign_in_attempt(&client.to_string(), minute)
        .await
    {
        Ok(attempts) => attempts <= i64::from(state.settings.sign_in_per_minute),
        Err(e) => {
            // Signing in needs the database anyway; let the sign-in itself say it is unavailable.
            tracing::warn!(error = %e, "sign-in attempts could not be counted");
            true
        }
    };
    if allowed {
        return next.run(req).await;
    }
    tracing::warn!(%client, "sign-in attempts limited");
    metrics::counter!("portal_sign_ins_refused_total", "reason" => "too_many_attempts")
        .increment(1);
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
}
