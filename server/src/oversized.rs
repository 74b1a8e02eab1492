//! Bodies over [`BODY_LIMIT`]: refused before any work is done on them, with a plain answer in
//! both languages that the sender gets to read.
//!
//! A server that answers and closes while the client is still sending makes the client's
//! system reset the connection, and the browser (or `reqwest`) then shows a connection error
//! instead of the answer. So a body declared too large is read and thrown away, up to
//! [`DRAIN_LIMIT`], before the answer goes; a larger one is answered at once, and the
//! connection closed (its sender may see the reset: nothing a person types is that large).
//! `PORTAL_REQUEST_TIMEOUT_SECS` bounds the time a slow sender can keep it reading.
use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, StatusCode};
use http_body_util::BodyExt;

/// The largest request body the portal takes: the largest form (an application with both texts
/// at their limit of 4,000 characters, each up to 4 bytes in UTF-8 and 3 when percent-encoded)
/// fits many times over.
pub const BODY_LIMIT: usize = 64 * 1024;

/// How much of a body over the limit is read and thrown away so that its sender sees the answer.
pub const DRAIN_LIMIT: u64 = 4 * 1024 * 1024;

/// Middleware, outside the body limit: a body whose declared length is over the limit is drained
/// (see the module) and answered with [`answer`].
pub async fn refuse_declared(req: Request, next: Next) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match declared {
        Some(n) if n > BODY_LIMIT as u64 => {
            // A sender that asked first (`Expect: 100-continue`) has sent nothing yet, and
            // need not: reading the body would ask it to.
            let asked_first = req.headers().contains_key(header::EXPECT);
            if n <= DRAIN_LIMIT && !asked_first {
                drain(req.into_body()).await;
            }
            let mut res = answer();
            res.headers_mut()
                .insert(header::CONNECTION, http::HeaderValue::from_static("close"));
            res
        }
        _ => next.run(req).await,
    }
}

/// Reads a body to its end, or to an error, keeping nothing.
async fn drain(mut body: Body) {
    while let Some(frame) = body.frame().await {
        if frame.is_err() {
            return;
        }
    }
}

/// Middleware: a 413 from further in (a body that grew past the limit while streaming) gets the
/// same plain answer, not an empty one.
pub async fn plain_answer(res: Response) -> Response {
    if res.status() == StatusCode::PAYLOAD_TOO_LARGE {
        answer()
    } else {
        res
    }
}

fn answer() -> Response {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Det, du sendte, er for stort. Gør teksten kortere, og prøv igen.\n\
         What you sent is too large. Please shorten the text and try again.\n",
    )
        .into_response()
}
