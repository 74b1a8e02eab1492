//! Pure domain logic: no I/O, no system clock. Compiled for the server and the browser.
pub mod booking;
pub mod calendar;
pub mod deadlines;
pub mod lang;
pub mod municipality;
pub mod people;
pub mod service_levels;
pub mod termination;
pub mod time_format;
