//! What the server sends to pages and more than one feature shows: the shared view types.
//! A feature's own view types stay in its file in `functions/`.
pub mod clocks;
pub mod complaints;
pub mod consents;
pub mod messages;
pub mod notify;
pub mod powers;
pub mod sessions;
