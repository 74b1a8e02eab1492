//! Development-only pages (a 404 in production): the queued mail, and signing in as a demo person.
pub mod mail;
pub mod sign_in;

pub use mail::DevMailPage;
pub use sign_in::DevSignIn;
