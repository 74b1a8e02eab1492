//! Server-only code: settings, clock, database, sessions, demo data.
pub mod calendar;
pub mod cases;
pub mod clock;
pub mod complaints;
pub mod complaints_staff;
pub mod consents;
pub mod courses;
pub mod db;
pub mod decision_complaints;
pub mod decisions;
pub mod demo;
pub mod input_guard;
pub mod jobs;
pub mod mailer;
pub mod municipalities;
pub mod oidc;
pub mod powers;
pub mod rate_limit;
pub mod request;
pub mod rules_api;
pub mod rules_in_force;
pub mod session;
pub mod session_bound;
pub mod settings;
pub mod state;
pub mod tokens;
#[cfg(test)]
mod worked_examples;
