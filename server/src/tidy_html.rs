//! What the framework writes into every page that browsers and assistive technology would have
//! to repair, repaired before it is sent (the W3C checker reports each as an error): the data
//! scripts after `</html>` (for hydration, which no page uses: there is no island) are dropped,
//! and the empty `<!>` markers become well-formed empty comments `<!---->` (the same DOM: a
//! comment node). Text and attribute values are escaped by the framework, so `<!>` occurs only
//! as a marker (or in a page title, which the code and the municipality files write: none holds
//! it). Every page with data is rendered whole before it is sent (`SsrMode::Async`); a page
//! streamed out of order would need the scripts after `</html>`, and no route is.
use axum::body::Body;
use axum::response::{IntoResponse, Response};
use http::header::{CONTENT_LENGTH, CONTENT_TYPE};

/// The largest page tidied; a larger one (none is near) is sent as it is.
const LIMIT: usize = 8 * 1024 * 1024;

pub async fn tidy(res: Response) -> Response {
    let html = res
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !html {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, LIMIT).await {
        Ok(b) => b,
        Err(_) => return http::StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    parts.headers.remove(CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(tidy_html(text)))
}

/// The page up to `</html>`, with every `<!>` written `<!---->`.
pub fn tidy_html(html: &str) -> String {
    let end = html
        .rfind("</html>")
        .map_or(html.len(), |i| i + "</html>".len());
    html[..end].replace("<!>", "<!---->")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_after_the_page_go_and_markers_become_comments() {
        let page = "<!DOCTYPE html><html><body><p>a<!>b</p><!></body></html><script>__RESOLVED_RESOURCES=[]</script>";
        assert_eq!(
            tidy_html(page),
            "<!DOCTYPE html><html><body><p>a<!---->b</p><!----></body></html>"
        );
        // Text that only looks like a marker is escaped by the framework and left alone.
        assert_eq!(tidy_html("<p>&lt;!&gt;</p>"), "<p>&lt;!&gt;</p>");
    }
}
