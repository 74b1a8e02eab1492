//! Static files and what a page makes the browser load (issue 18): the style sheet, the
//! idle-session script and the icon under content-hashed names, compressed ahead, cached for a
//! year, served before any session work; pages compressed when the browser accepts it; no
//! script at all on a page for someone not signed in, one small file on a signed-in page, no
//! wasm anywhere; nothing after `</html>` and no `<!>` markers.
use crate::http::{location, Browser};
use crate::support::{on_both_backends, spawn_app_on_site, Backend, TestApp};
use reqwest::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_SECURITY_POLICY, CONTENT_TYPE,
    COOKIE, SET_COOKIE,
};
use std::io::Read;

const CSS: &str = "body { margin: 0; font-family: system-ui, sans-serif; } ";
const SCRIPT: &str = include_str!("../../../public/session-timeout.js");
const ICON: &str = include_str!("../../../public/favicon.svg");

/// A built site with the three files, in a folder of its own.
fn site() -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("tp-site-{}", rand::random::<u64>()));
    std::fs::create_dir_all(root.join("pkg")).unwrap();
    std::fs::write(root.join("pkg/traeningsportalen.css"), CSS.repeat(50)).unwrap();
    std::fs::write(root.join("session-timeout.js"), SCRIPT).unwrap();
    std::fs::write(root.join("favicon.svg"), ICON).unwrap();
    root
}

/// The `attr="…"` value of the first tag containing `marker`.
fn attr_after(html: &str, marker: &str, attr: &str) -> String {
    let at = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker}: {html}"));
    // The tag's `<`: the marker's own, or the last before it.
    let tag_start = html[..=at].rfind('<').unwrap();
    let tag = &html[tag_start..tag_start + html[tag_start..].find('>').unwrap()];
    let value = tag
        .find(&format!("{attr}=\""))
        .unwrap_or_else(|| panic!("{attr} in {tag}"))
        + attr.len()
        + 2;
    tag[value..value + tag[value..].find('"').unwrap()].to_string()
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &bytes[..], &mut out).unwrap();
    out
}

/// Fetches `path` accepting `encoding`; the response's encoding and its body decoded.
async fn fetch(
    app: &TestApp,
    path: &str,
    encoding: &str,
    cookie: &str,
) -> (reqwest::Response, Option<String>) {
    let res = reqwest::Client::new()
        .get(format!("{}{path}", app.base))
        .header(ACCEPT_ENCODING, encoding)
        .header(COOKIE, cookie)
        .send()
        .await
        .unwrap();
    let enc = res
        .headers()
        .get(CONTENT_ENCODING)
        .map(|v| v.to_str().unwrap().to_string());
    (res, enc)
}

async fn body_of(res: reqwest::Response, encoding: Option<&str>) -> String {
    let bytes = res.bytes().await.unwrap();
    let plain = match encoding {
        Some("br") => unbrotli(&bytes),
        Some("gzip") => gunzip(&bytes),
        None => bytes.to_vec(),
        Some(other) => panic!("{other}"),
    };
    String::from_utf8(plain).unwrap()
}

async fn a_page_loads_only_what_it_needs(backend: Backend) {
    let root = site();
    let app = spawn_app_on_site(backend, &root).await;

    // The front page, not signed in: the style sheet under its hashed name, no script, no wasm.
    let mut anon = Browser::new(&app);
    let (_, home) = anon.page("/").await;
    let css = attr_after(&home, "rel=\"stylesheet\"", "href");
    assert!(
        css.starts_with("/static/traeningsportalen.") && css.ends_with(".css"),
        "{css}"
    );
    assert!(!home.contains("<script"), "{home}");
    assert!(!home.contains(".wasm") && !home.contains("modulepreload"));
    assert!(
        home.trim_end().ends_with("</html>"),
        "nothing after the page"
    );
    assert!(!home.contains("<!>"), "no bogus comments");
    let icon = attr_after(&home, "rel=\"icon\"", "href");
    assert!(icon.starts_with("/static/favicon.") && icon.ends_with(".svg"));

    // The file, in each encoding, is the same bytes, cached for a year, and sets no cookie.
    for encoding in ["br, gzip", "gzip", "identity"] {
        let (res, enc) = fetch(&app, &css, encoding, "").await;
        assert_eq!(res.status(), 200);
        assert_eq!(
            res.headers()[CACHE_CONTROL],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(res.headers()[CONTENT_TYPE], "text/css; charset=utf-8");
        assert!(res.headers().get(SET_COOKIE).is_none());
        let expected = match encoding {
            "br, gzip" => Some("br"),
            "gzip" => Some("gzip"),
            _ => None,
        };
        assert_eq!(enc.as_deref(), expected, "{encoding}");
        assert_eq!(body_of(res, expected).await, CSS.repeat(50), "{encoding}");
    }
    assert_eq!(
        fetch(&app, &css, "", "").await.0.headers()["x-content-type-options"],
        "nosniff"
    );
    // A name the site does not have, or an old hash, is not found.
    let (res, _) = fetch(&app, "/static/traeningsportalen.0000000000.css", "", "").await;
    assert_eq!(res.status(), 404);

    // Signed in: one script, the idle-session warning's small file, deferred; still no wasm.
    let mut karen = Browser::new(&app);
    karen.sign_in_as("Karen Østergaard").await;
    let res = karen.get("/oversigt").await;
    let policy = res.headers()[CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_string();
    assert!(!policy.contains("wasm"), "{policy}");
    let page = res.text().await.unwrap();
    assert_eq!(page.matches("<script").count(), 1, "{page}");
    let script = attr_after(&page, "<script", "src");
    assert!(
        script.starts_with("/static/session-timeout.") && script.ends_with(".js"),
        "{script}"
    );
    assert!(page.contains("defer"));
    assert!(page.contains("id=\"session-warning\""));
    assert!(!page.contains(".wasm"));
    let (res, enc) = fetch(&app, &script, "gzip", "").await;
    assert_eq!(
        res.headers()[CONTENT_TYPE],
        "text/javascript; charset=utf-8"
    );
    assert_eq!(body_of(res, enc.as_deref()).await, SCRIPT);

    // The page itself is compressed for a browser that accepts it.
    let cookie = karen.cookie_header();
    for (accept, expected) in [("br", "br"), ("gzip", "gzip")] {
        let (res, enc) = fetch(&app, "/oversigt", accept, &cookie).await;
        assert_eq!(enc.as_deref(), Some(expected));
        let html = body_of(res, enc.as_deref()).await;
        assert!(html.contains("Logget ind som"), "{html}");
        assert!(html.trim_end().ends_with("</html>"));
    }

    // With JavaScript, "Bliv logget ind" asks for the seconds left and stays on the page ...
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{}/api/keep_alive", app.base))
        .header("accept", "application/json")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", &app.base)
        .header(COOKIE, karen.cookie_header())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let left: i64 = res.json().await.unwrap();
    assert_eq!(left, 30 * 60, "a fresh half hour");
    // ... and without, it is a form post that returns to the page.
    let res = karen.post_form("/oversigt", "/api/keep_alive", &[]).await;
    assert!(res.status().is_redirection(), "{res:?}");
    let back = location(&res);
    assert!(back.trim_end_matches('?').ends_with("/oversigt"), "{back}");
    std::fs::remove_dir_all(root).unwrap();
}

on_both_backends!(a_page_loads_only_what_it_needs);

/// The plain address of a build file (a page cached before a release may ask for it) is served
/// from memory with an `ETag`: a browser that has it gets 304. A file that came after the start
/// is still served (from disk), a missing one is 404, and nothing outside the folder is reached.
async fn plain_addresses_answer_from_memory(backend: Backend) {
    let root = site();
    let app = spawn_app_on_site(backend, &root).await;
    let (res, enc) = fetch(&app, "/pkg/traeningsportalen.css", "", "").await;
    assert_eq!(res.status(), 200);
    assert_eq!(enc, None);
    assert_eq!(res.headers()[CONTENT_TYPE], "text/css");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    let etag = res.headers()["etag"].to_str().unwrap().to_string();
    assert_eq!(body_of(res, None).await, CSS.repeat(50));

    let again = |tag: String| {
        let url = format!("{}/pkg/traeningsportalen.css", app.base);
        async move {
            reqwest::Client::new()
                .get(url)
                .header("if-none-match", tag)
                .send()
                .await
                .unwrap()
        }
    };
    let res = again(etag.clone()).await;
    assert_eq!(res.status(), 304);
    assert_eq!(res.headers()["etag"].to_str().unwrap(), etag);
    assert!(res.bytes().await.unwrap().is_empty());
    let res = again("\"0-0000000000000000\"".into()).await;
    assert_eq!(res.status(), 200, "another version's tag gets the file");

    // Changed on disk after the start: the address still answers with what was loaded.
    std::fs::write(root.join("pkg/traeningsportalen.css"), "changed").unwrap();
    let (res, _) = fetch(&app, "/pkg/traeningsportalen.css", "", "").await;
    assert_eq!(body_of(res, None).await, CSS.repeat(50));
    // A file added after the start is found on disk.
    std::fs::write(root.join("pkg/later.js"), "let later = 1;").unwrap();
    let (res, _) = fetch(&app, "/pkg/later.js", "", "").await;
    assert_eq!(res.status(), 200);
    assert_eq!(body_of(res, None).await, "let later = 1;");
    let (res, _) = fetch(&app, "/pkg/missing.css", "", "").await;
    assert_eq!(res.status(), 404);
    let (res, _) = fetch(&app, "/pkg/..%2Ffavicon.svg", "", "").await;
    assert_ne!(res.status(), 200);
    std::fs::remove_dir_all(root).unwrap();
}

on_both_backends!(plain_addresses_answer_from_memory);
