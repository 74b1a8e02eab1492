//! The build's files at their plain addresses (`/pkg/<name>`), served from memory: every file
//! directly in the `pkg` folder is read once when the router is made, so a request costs no
//! disk work and no thread of the blocking pool. Each is sent as it is (the hashed copies under
//! `/static/` are the compressed ones the pages link), with an `ETag` from its content: a
//! browser that has the file gets `304 Not Modified`. A file that was not there at start (or
//! is in a folder below `pkg`) is still served from disk by tower-http's `ServeDir`.
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// Files larger than this stay on disk: memory is kept for what pages fetch.
const MAX_IN_MEMORY: u64 = 4 * 1024 * 1024;

struct File {
    content_type: HeaderValue,
    etag: HeaderValue,
    body: Bytes,
}

struct PkgFiles {
    /// `/pkg/traeningsportalen.css` (the address) → the file.
    files: HashMap<String, File>,
    disk: ServeDir,
}

/// A strong validator from the content: FNV-1a over the bytes, with the length.
fn etag_of(content: &[u8]) -> HeaderValue {
    let hash = content.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    HeaderValue::from_str(&format!("\"{:x}-{hash:016x}\"", content.len()))
        .expect("hex digits and quotes are a valid header value")
}

fn load(folder: &Path, prefix: &str) -> HashMap<String, File> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return HashMap::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.metadata()
                .is_ok_and(|m| m.is_file() && m.len() <= MAX_IN_MEMORY)
        })
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let content = std::fs::read(e.path()).ok()?;
            let mime = mime_guess::from_path(&name).first_or_octet_stream();
            let content_type = HeaderValue::from_str(mime.as_ref()).ok()?;
            Some((
                format!("{prefix}{name}"),
                File {
                    content_type,
                    etag: etag_of(&content),
                    body: content.into(),
                },
            ))
        })
        .collect()
}

async fn serve(State(pkg): State<Arc<PkgFiles>>, req: Request) -> Response {
    let Some(file) = pkg.files.get(req.uri().path()) else {
        return match pkg.disk.clone().oneshot(req).await {
            Ok(res) => res.into_response(),
            Err(never) => match never {},
        };
    };
    let unchanged = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| {
            tags.split(',')
                .any(|t| t.trim() == "*" || t.trim().trim_start_matches("W/") == file.etag)
        });
    let mut res = if unchanged {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut res = file.body.clone().into_response();
        res.headers_mut()
            .insert(header::CONTENT_TYPE, file.content_type.clone());
        res
    };
    res.headers_mut().insert(header::ETAG, file.etag.clone());
    res
}

/// `GET /pkg/{file}` from memory (disk for what was not loaded), where `site_root/pkg_dir` is
/// the build's folder.
pub fn router(site_root: &str, pkg_dir: &str) -> Router {
    let pkg = PkgFiles {
        files: load(&Path::new(site_root).join(pkg_dir), &format!("/{pkg_dir}/")),
        // Asked with the whole address, so it is rooted where `/pkg` is a folder.
        disk: ServeDir::new(site_root),
    };
    Router::new()
        .route(&format!("/{pkg_dir}/{{*file}}"), get(serve))
        .with_state(Arc::new(pkg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_etag_changes_with_the_content() {
        assert_eq!(etag_of(b"body{}"), etag_of(b"body{}"));
        assert_ne!(etag_of(b"body{}"), etag_of(b"body{ }"));
        assert_ne!(etag_of(b"a"), etag_of(b"b"));
    }
}
