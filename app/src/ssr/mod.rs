//! Server-only code: settings, clock, database, sessions, demo data.
pub mod calendar;
pub mod clock;
pub mod data_export;
pub mod db;
pub mod demo;
pub mod mailer;
pub mod municipalities;
pub mod oidc;
pub mod rate_limit;
pub mod request;
pub mod rules_api;
pub mod session;
pub mod settings;
pub mod state;
#[cfg(test)]
mod worked_examples;
