//! The site's static files, read once at start, named by a hash of their content, compressed
//! ahead (brotli and gzip) and served from memory by their own route before any page or session
//! work, with `Cache-Control: public, max-age=31536000, immutable`. A file changes name when it
//! changes, so a year's caching never shows an old one. The plain addresses keep working
//! (leptos_axum's file handler), for a page cached before a release.
use axum::body::Bytes;
use axum::extract::Path;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path as FsPath;
use std::sync::Arc;

/// Where hashed files are served.
pub const PREFIX: &str = "/static/";

/// One file, in each encoding worth sending.
struct Asset {
    content_type: &'static str,
    identity: Bytes,
    gzip: Bytes,
    brotli: Bytes,
}

#[derive(Default)]
pub struct Assets {
    /// `traeningsportalen.1a2b3c4d5e.css` → the file.
    files: HashMap<String, Asset>,
    /// `traeningsportalen.css` → `/static/traeningsportalen.1a2b3c4d5e.css`.
    paths: HashMap<String, String>,
}

/// The files the pages link to: (where in the site root, the name pages ask for).
fn site_files(output_name: &str) -> [(String, String); 3] {
    [
        (
            format!("pkg/{output_name}.css"),
            format!("{output_name}.css"),
        ),
        ("session-timeout.js".into(), "session-timeout.js".into()),
        ("favicon.svg".into(), "favicon.svg".into()),
    ]
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// `name.ext` with the first ten hex digits of the content's SHA-256: `name.<hash>.ext`.
fn hashed_name(name: &str, content: &[u8]) -> String {
    let digest = Sha256::digest(content);
    let hash: String = digest[..5].iter().map(|b| format!("{b:02x}")).collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{name}.{hash}"),
    }
}

fn gzip(content: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(content).expect("writing to memory");
    e.finish().expect("writing to memory")
}

fn brotli(content: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &content[..], &mut out, &params).expect("writing to memory");
    out
}

impl Assets {
    /// Reads and compresses the site's files from `site_root`; a missing file is left out (it
    /// is then linked by its plain address).
    pub fn load(site_root: &FsPath, output_name: &str) -> Assets {
        let mut assets = Assets::default();
        for (file, name) in site_files(output_name) {
            let Ok(content) = std::fs::read(site_root.join(&file)) else {
                continue;
            };
            let hashed = hashed_name(&name, &content);
            assets
                .paths
                .insert(name.clone(), format!("{PREFIX}{hashed}"));
            assets.files.insert(
                hashed,
                Asset {
                    content_type: content_type(&name),
                    gzip: gzip(&content).into(),
                    brotli: brotli(&content).into(),
                    identity: content.into(),
                },
            );
        }
        assets
    }
}

impl Assets {
    /// The hashed address of `name`, when it was loaded.
    pub fn path(&self, name: &str) -> Option<&str> {
        self.paths.get(name).map(String::as_str)
    }
}

/// The weight the browser gives `coding` in Accept-Encoding (`*` counts for any not named);
/// zero when it refuses it or does not say.
fn weight(headers: &HeaderMap, coding: &str) -> f32 {
    let mut named = None;
    let mut any = None;
    for part in headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
    {
        let mut it = part.split(';');
        let name = it.next().unwrap_or("").trim();
        let q = it
            .filter_map(|p| {
                let (k, v) = p.split_once('=')?;
                k.trim()
                    .eq_ignore_ascii_case("q")
                    .then(|| v.trim().parse::<f32>().ok())?
            })
            .next()
            .unwrap_or(1.0);
        if name.eq_ignore_ascii_case(coding) {
            named = Some(q);
        } else if name == "*" {
            any = Some(q);
        }
    }
    named.or(any).unwrap_or(0.0)
}

/// The encoding to send: the one the browser weighs highest of brotli and gzip (brotli on a
/// tie, it is smaller); none when it accepts neither.
fn choose(headers: &HeaderMap) -> Option<&'static str> {
    let (br, gzip) = (weight(headers, "br"), weight(headers, "gzip"));
    match (br > 0.0, gzip > 0.0) {
        (false, false) => None,
        _ if br >= gzip => Some("br"),
        _ => Some("gzip"),
    }
}

async fn serve(
    State(assets): State<Arc<Assets>>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(asset) = assets.files.get(&file) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let encoding = choose(&headers);
    let body = match encoding {
        Some("br") => &asset.brotli,
        Some(_) => &asset.gzip,
        None => &asset.identity,
    };
    let mut res = body.clone().into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Some(e) = encoding {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(e));
    }
    res
}

/// `GET /static/{file}`, before any session work.
pub fn router(assets: Arc<Assets>) -> Router {
    Router::new()
        .route("/static/{file}", get(serve))
        .with_state(assets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_named_by_its_content() {
        let a = hashed_name("traeningsportalen.css", b"body{}");
        let b = hashed_name("traeningsportalen.css", b"body{color:red}");
        assert!(
            a.starts_with("traeningsportalen.") && a.ends_with(".css"),
            "{a}"
        );
        assert_eq!(a.len(), "traeningsportalen..css".len() + 10);
        assert_ne!(a, b);
        assert_eq!(a, hashed_name("traeningsportalen.css", b"body{}"));
    }

    #[test]
    fn the_encoding_is_the_one_the_browser_prefers() {
        let with = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(v));
            choose(&h)
        };
        assert_eq!(with("gzip, deflate, br"), Some("br"));
        assert_eq!(with("gzip;q=1.0, br;Q=0"), Some("gzip"));
        assert_eq!(with("br;q=0.5, gzip;q=0.8"), Some("gzip"));
        assert_eq!(with("identity"), None);
        assert_eq!(with("*"), Some("br"));
        assert_eq!(with("*;q=0, gzip"), Some("gzip"));
        assert_eq!(choose(&HeaderMap::new()), None);
    }

    #[test]
    fn compressed_copies_unpack_to_the_file() {
        let css = "body { margin: 0 } ".repeat(100);
        let mut out = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(&gzip(css.as_bytes())[..]),
            &mut out,
        )
        .unwrap();
        assert_eq!(out, css.as_bytes());
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut &brotli(css.as_bytes())[..], &mut out).unwrap();
        assert_eq!(out, css.as_bytes());
        assert!(brotli(css.as_bytes()).len() < css.len() / 10);
    }
}
