//! The states a stored record can be in, as enums. The database keeps each as its code (the same
//! words as the schema's check constraints); the repository decodes a code into its enum when it
//! reads a row (`#[sqlx(try_from = "String")]`), so pages and server functions compare enums,
//! never strings.

/// A stored code the portal does not know: the row is not read rather than read wrongly.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown code {0:?}")]
pub struct UnknownCode(pub String);

/// An enum of stored codes: `code()` writes it, `from_code()` reads it, and `TryFrom<String>` lets
/// the repository decode a column into it. Written once here for every state below and for the
/// coded enums of other domain modules.
#[macro_export]
macro_rules! coded {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        $vis enum $name { $($(#[$vmeta])* $variant,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The code stored in the database.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.code() == code)
            }
        }

        $crate::coded!(try_from $name);
    };
    (try_from $name:ident) => {
        impl TryFrom<String> for $name {
            type Error = $crate::domain::states::UnknownCode;
            fn try_from(code: String) -> Result<$name, Self::Error> {
                $name::from_code(&code).ok_or($crate::domain::states::UnknownCode(code))
            }
        }
    };
}

coded! {
    /// Where an application stands.
    pub enum ApplicationStatus {
        Draft = "draft",
        /// A relative sent it; the citizen must consent before it counts as received.
        AwaitingConsent = "awaiting_consent",
        Submitted = "submitted",
        InProgress = "in_progress",
        Decided = "decided",
        Withdrawn = "withdrawn",
    }
}

impl ApplicationStatus {
    /// Sent and not yet decided: a case for the caseworker.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            ApplicationStatus::Submitted | ApplicationStatus::InProgress
        )
    }
}

coded! {
    /// Why a decision was made.
    pub enum DecisionKind {
        /// On an application.
        Application = "application",
        /// A new decision after a complaint (it replaces an earlier one).
        ComplaintReassessment = "complaint_reassessment",
        /// Ending a course (allowed by the schema; made after a hearing).
        Termination = "termination",
    }
}

coded! {
    /// A team session as planned.
    pub enum SessionStatus {
        Scheduled = "scheduled",
        /// Cancelled by the municipality.
        Cancelled = "cancelled",
        /// The municipality proposes a new time and awaits the citizens' answers.
        MoveProposed = "move_proposed",
    }
}

coded! {
    /// A citizen's booking of a session.
    pub enum BookingStatus {
        Booked = "booked",
        Cancelled = "cancelled",
    }
}

coded! {
    /// A course of training a decision granted.
    pub enum CourseStatus {
        Active = "active",
        TerminationReview = "termination_review",
        Ended = "ended",
    }
}

coded! {
    /// Whether a logged attempt went through.
    pub enum AuditOutcome {
        Ok = "ok",
        /// The access or change was not allowed.
        Refused = "refused",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_reads_back_as_its_state_and_an_unknown_code_is_refused() {
        for s in ApplicationStatus::ALL {
            assert_eq!(ApplicationStatus::try_from(s.code().to_string()), Ok(*s));
        }
        for s in SessionStatus::ALL {
            assert_eq!(SessionStatus::from_code(s.code()), Some(*s));
        }
        assert_eq!(
            BookingStatus::try_from("lost".to_string()),
            Err(UnknownCode("lost".into()))
        );
        assert!(ApplicationStatus::InProgress.is_open());
        assert!(!ApplicationStatus::AwaitingConsent.is_open());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_state_is_sent_to_pages_and_files_as_its_code() {
        assert_eq!(
            serde_json::to_string(&SessionStatus::MoveProposed).unwrap(),
            "\"move_proposed\""
        );
        for s in ApplicationStatus::ALL {
            assert_eq!(
                serde_json::to_string(s).unwrap(),
                format!("\"{}\"", s.code())
            );
        }
    }

    #[test]
    fn codes_match_the_schema() {
        let schema = include_str!("../../migrations/sqlite/0001_initial.sql");
        for code in ApplicationStatus::ALL
            .iter()
            .map(|s| s.code())
            .chain(SessionStatus::ALL.iter().map(|s| s.code()))
            .chain(BookingStatus::ALL.iter().map(|s| s.code()))
            .chain(CourseStatus::ALL.iter().map(|s| s.code()))
        {
            assert!(
                schema.contains(&format!("'{code}'")),
                "{code} not in the schema"
            );
        }
    }
}
