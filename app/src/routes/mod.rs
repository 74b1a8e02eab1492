//! One file per page.
pub mod dev_sign_in;
pub mod home;
pub mod municipalities;
pub mod not_found;
pub mod overview;
pub mod rules;
pub mod sign_in;
pub mod staff;
