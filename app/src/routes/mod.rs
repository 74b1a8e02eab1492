//! One file per page.
pub mod acting_for;
pub mod apply;
pub mod casework;
pub mod decision;
pub mod dev_mail;
pub mod dev_sign_in;
pub mod home;
pub mod municipalities;
pub mod my_log;
pub mod not_found;
pub mod overview;
pub mod powers;
pub mod rules;
pub mod rules_preview;
pub mod sign_in;
pub mod staff;
pub mod staff_powers;
