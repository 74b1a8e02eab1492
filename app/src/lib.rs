//! Træningsportalen: pages, server functions and domain rules (shared by server and browser),
//! and the server-only parts under `ssr`.
pub mod app;
#[cfg(test)]
mod architecture_tests;
pub mod assets;
pub mod components;
pub mod context;
pub mod domain;
pub mod errors;
pub mod functions;
pub mod paths;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod views;

/// Islands mode: only `#[island]` components are hydrated in the browser; every page is complete
/// HTML from the server and works without JavaScript. No page has an island now, so no page
/// loads this (cargo-leptos still builds it; `app::shell` links no hydration script).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
