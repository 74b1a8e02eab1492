//! The portal's addresses with a part that varies, built in one place. The router in `app.rs`
//! holds the patterns (`/klage/:reference`); pages, server functions and emails build the
//! addresses here, so a renamed page is renamed once.
use std::fmt::Display;

/// A decision letter: `/afgoerelse/:id`.
pub fn decision(id: impl Display) -> String {
    format!("/afgoerelse/{id}")
}

/// The form for complaining about a decision: `/klage/afgoerelse/:id`.
pub fn decision_complaint(decision: impl Display) -> String {
    format!("/klage/afgoerelse/{decision}")
}

/// A complaint, as the citizen follows it: `/klage/:reference`.
pub fn complaint(reference: impl Display) -> String {
    format!("/klage/{reference}")
}

/// The receipt of an application: `/ansoeg/kvittering/:reference`.
pub fn application_receipt(reference: impl Display) -> String {
    format!("/ansoeg/kvittering/{reference}")
}

/// An application's status, as the citizen follows it: `/ansoegning/:reference`.
pub fn case_status(reference: impl Display) -> String {
    format!("/ansoegning/{reference}")
}

/// The cancellation page of a booked session: `/traening/afmeld/:session`.
pub fn cancel_session(session: impl Display) -> String {
    format!("/traening/afmeld/{session}")
}

/// The page moving a booked session: `/traening/flyt/:session`.
pub fn move_session(session: impl Display) -> String {
    format!("/traening/flyt/{session}")
}

/// One session as a calendar file: `/kalender/tid/:session.ics`.
pub fn session_ics(session: impl Display) -> String {
    format!("/kalender/tid/{session}.ics")
}

/// The page explaining and withdrawing a consent: `/samtykker/:id/traek-tilbage`.
pub fn withdraw_consent(consent: impl Display) -> String {
    format!("/samtykker/{consent}/traek-tilbage")
}

/// An invitation to hold a power of attorney: `/fuldmagt/:token`.
pub fn invitation(token: impl Display) -> String {
    format!("/fuldmagt/{token}")
}

/// A municipality's rules in plain words: `/regler/:slug`.
pub fn rules(municipality: impl Display) -> String {
    format!("/regler/{municipality}")
}

/// An application as the caseworker handles it: `/personale/ansoegninger/:reference`.
pub fn staff_case(reference: impl Display) -> String {
    format!("/personale/ansoegninger/{reference}")
}

/// A complaint as the caseworker handles it: `/personale/klager/:reference`.
pub fn staff_complaint(reference: impl Display) -> String {
    format!("/personale/klager/{reference}")
}

/// A team session as staff run it: `/personale/hold/:session`.
pub fn staff_session(session: impl Display) -> String {
    format!("/personale/hold/{session}")
}

/// The citizen's data and log as a file (a plain route, so a link downloads it).
pub const MY_DATA: &str = "/min-log/data.json";

/// A hearing letter, as the citizen reads and answers it: `/partshoering/:id`.
pub fn hearing(id: impl Display) -> String {
    format!("/partshoering/{id}")
}

/// A hearing, as the caseworker works it: `/personale/partshoeringer/:id`.
pub fn staff_hearing(id: impl Display) -> String {
    format!("/personale/partshoeringer/{id}")
}

/// The form starting a hearing on a course, from a review flag when there is one:
/// `/personale/partshoeringer/ny?forloeb=:course[&flag=:flag]`.
pub fn new_hearing(course: impl Display, flag: Option<i64>) -> String {
    match flag {
        Some(f) => format!("/personale/partshoeringer/ny?forloeb={course}&flag={f}"),
        None => format!("/personale/partshoeringer/ny?forloeb={course}"),
    }
}
