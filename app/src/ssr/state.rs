//! What every request handler, page and server function can reach.
use super::clock::SharedClock;
use super::db::SharedRepository;
use super::municipalities::Municipalities;
use super::settings::Settings;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub repo: SharedRepository,
    pub clock: SharedClock,
    pub settings: Arc<Settings>,
    pub municipalities: Arc<Municipalities>,
    /// The OpenID providers for citizens and staff, discovered on first use.
    pub oidc: Arc<super::oidc::Providers>,
    /// Signs of life from the background workers, for `/readyz`.
    pub health: Arc<super::health::Beats>,
    /// The site's static files under hashed names, compressed ahead.
    pub assets: Arc<super::assets::Assets>,
}
