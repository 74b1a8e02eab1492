//! Where the pages find the site's static files: under content-hashed names
//! (`/static/traeningsportalen.1a2b3c4d5e.css`) where the server loaded them at start
//! (`ssr::assets`, in the `AppState`), so a browser keeps each for a year and fetches a new one only when it
//! changed; under their plain addresses otherwise (a test server without a built site).

/// The address of the site file `name` (`traeningsportalen.css`, `session-timeout.js`,
/// `favicon.svg`).
pub fn path(name: &str) -> String {
    #[cfg(feature = "ssr")]
    if let Some(hashed) = leptos::prelude::use_context::<crate::ssr::state::AppState>()
        .and_then(|s| s.assets.path(name).map(str::to_string))
    {
        return hashed;
    }
    plain_path(name)
}

/// The address a file has without a hash: the style sheet in `pkg/`, the rest at the root.
pub fn plain_path(name: &str) -> String {
    if name.ends_with(".css") {
        format!("/pkg/{name}")
    } else {
        format!("/{name}")
    }
}
