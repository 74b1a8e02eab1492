//! Server functions: every one is a public HTTP endpoint and checks who is signed in and what
//! they may do inside itself.
pub mod absence;
pub mod acting_for;
pub mod apply;
pub mod booking;
pub mod calendar;
pub mod case_status;
pub mod casework;
pub mod complaint_handling;
pub mod complaints;
pub mod consents;
pub mod decision;
pub mod dev;
pub mod hearings;
pub mod intake;
pub mod move_booking;
pub mod municipalities;
pub mod municipality_settings;
pub mod my_data;
pub mod overview;
pub mod powers;
pub mod rules_preview;
pub mod series;
pub mod session;
pub mod staff;
pub mod staff_powers;
pub mod team_sessions;
