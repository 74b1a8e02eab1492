//! Refuses, before anything else reads it, a request carrying the NUL character (in the path,
//! the query or the body, raw, percent-encoded or JSON-escaped). No one types it, and PostgreSQL
//! cannot store it in text, so letting it through would end as a failure (500) deep in a query
//! rather than a plain answer about the input.
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, StatusCode};

/// Whether `bytes` (a path, a query or a body) carries NUL in any of its spellings.
pub fn carries_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
        || bytes
            .windows(3)
            .any(|w| w[0] == b'%' && w[1] == b'0' && w[2] == b'0')
        || bytes.windows(6).any(|w| w.eq_ignore_ascii_case(b"\\u0000"))
}

fn refused() -> Response {
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Det, du sendte, indeholder et tegn, vi ikke kan bruge. Gå tilbage, og skriv teksten igen.\n\
         What you sent contains a character we cannot use. Please go back and type the text again.\n",
    )
        .into_response()
}

/// A form post's body as it came, kept for the session middleware to give the fields back with
/// the form when the post fails (`ssr::typed_back`); read once, here.
#[derive(Clone, Debug)]
pub struct FormBody(pub Bytes);

/// Middleware: the request as it came, or a plain refusal. Runs inside the body limit, so the
/// body read here is never larger than that.
pub async fn refuse_nul(req: Request, next: Next) -> Response {
    let uri = req.uri();
    if carries_nul(uri.path().as_bytes()) || carries_nul(uri.query().unwrap_or("").as_bytes()) {
        return refused();
    }
    let (parts, body) = req.into_parts();
    let bytes: Bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(b) => b,
        // Over the body limit (the layer outside answers 413 for a declared length; a body that
        // grows past it while streaming ends here).
        Err(e) => {
            let too_large = e.into_inner().is::<http_body_util::LengthLimitError>();
            return if too_large {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                // A body that did not arrive whole in time (`PORTAL_REQUEST_TIMEOUT_SECS`).
                StatusCode::REQUEST_TIMEOUT
            }
            .into_response();
        }
    };
    if carries_nul(&bytes) {
        return refused();
    }
    let mut req = Request::from_parts(parts, Body::from(bytes.clone()));
    let form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if form {
        req.extensions_mut().insert(FormBody(bytes));
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_is_found_however_it_is_written() {
        assert!(carries_nul(b"reference=TP%00X"));
        assert!(carries_nul(b"{\"text\":\"a\\u0000b\"}"));
        assert!(carries_nul(&[b'a', 0, b'b']));
        assert!(!carries_nul("needs=Ærø%20100%25".as_bytes()));
        assert!(!carries_nul(b"side=100"));
    }
}
