//! Server functions: every one is a public HTTP endpoint and checks who is signed in and what
//! they may do inside itself.
pub mod dev;
pub mod municipalities;
pub mod overview;
pub mod session;
pub mod staff;
