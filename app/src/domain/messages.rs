//! Messages with the training unit (issue 19, part 3): a citizen, or a relative with the
//! messages scope, writes to the unit named in the municipality's file (`[messages]`) about
//! their course, their application or their complaint, one thread per subject; staff of that
//! municipality answer from an inbox sorted by how long each has waited. The answer goal is set
//! per municipality in hverdage and shown to the citizen ("Du får svar senest …"). Pure.
//!
//! Readings that cost the citizen no right (the standards set no answer time for written
//! questions; the goal is the portal's service, set per municipality):
//! - The goal runs from the day of the first message not yet answered: writing again while
//!   waiting does not move the promised day later.
//! - Counted in hverdage (Monday to Friday, not public holidays, CAL-7): a message on a
//!   Saturday is answered by the goal counted from that Saturday.
//! - A message is a question to the unit, never a complaint, a cancellation or an application:
//!   the page says so, and where those are made.
use super::calendar::{add_hverdage, DaysOff};
use super::lang::Lang;
use super::time_format::local_date;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The most characters in one message.
pub const MESSAGE_MAX: usize = 5_000;

/// Whom citizens write to, and how soon they are answered, from the municipality's file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageRules {
    /// The unit that reads and answers, as the file's contacts name it.
    pub unit: String,
    /// Answered within this many hverdage of the day the first unanswered message came.
    pub answer_hverdage: u32,
}

/// What a thread is about: one thread per subject and citizen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MessageTopic {
    Course,
    Application,
    Complaint,
}

impl MessageTopic {
    pub const ALL: [MessageTopic; 3] = [
        MessageTopic::Course,
        MessageTopic::Application,
        MessageTopic::Complaint,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MessageTopic::Course => "course",
            MessageTopic::Application => "application",
            MessageTopic::Complaint => "complaint",
        }
    }

    pub fn from_code(code: &str) -> Option<MessageTopic> {
        MessageTopic::ALL.into_iter().find(|t| t.code() == code)
    }

    /// As staff read it: "Om træningen".
    pub fn about(self, lang: Lang) -> &'static str {
        match self {
            MessageTopic::Course => lang.pick("Om træningen", "About the training"),
            MessageTopic::Application => lang.pick("Om ansøgningen", "About the application"),
            MessageTopic::Complaint => lang.pick("Om klagen", "About the complaint"),
        }
    }

    /// As the citizen reads it: "Min træning".
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            MessageTopic::Course => lang.pick("Min træning", "My training"),
            MessageTopic::Application => lang.pick("Min ansøgning", "My application"),
            MessageTopic::Complaint => lang.pick("Min klage", "My complaint"),
        }
    }
}

/// The day the unit has promised an answer by, for a thread whose first unanswered message came
/// at `waiting_since`.
pub fn answer_by(rules: &MessageRules, waiting_since: DateTime<Utc>) -> NaiveDate {
    add_hverdage(
        local_date(waiting_since),
        rules.answer_hverdage,
        &DaysOff::SLA_DEFAULT,
    )
}

/// Whether an answer due `by` is late on `today`.
pub fn overdue(by: NaiveDate, today: NaiveDate) -> bool {
    today > by
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Europe::Copenhagen;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Copenhagen
            .with_ymd_and_hms(y, m, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn rules(n: u32) -> MessageRules {
        MessageRules {
            unit: "Træningsenheden".into(),
            answer_hverdage: n,
        }
    }

    #[test]
    fn the_answer_is_due_in_hverdage_from_the_local_day_it_came() {
        // Wednesday 4 March 2026: two hverdage later is Friday 6 March.
        assert_eq!(
            answer_by(&rules(2), at(2026, 3, 4, 10)),
            NaiveDate::from_ymd_opt(2026, 3, 6).unwrap()
        );
        // Friday afternoon: Tuesday.
        assert_eq!(
            answer_by(&rules(2), at(2026, 3, 6, 16)),
            NaiveDate::from_ymd_opt(2026, 3, 10).unwrap()
        );
        // 00:30 on a Thursday in Denmark is still Wednesday in UTC: the local day counts.
        assert_eq!(
            answer_by(&rules(1), at(2026, 3, 5, 0)),
            NaiveDate::from_ymd_opt(2026, 3, 6).unwrap()
        );
        // Over Easter 2026 (Thursday 2 April to Monday 6 April are holidays).
        assert_eq!(
            answer_by(&rules(2), at(2026, 4, 1, 9)),
            NaiveDate::from_ymd_opt(2026, 4, 8).unwrap()
        );
    }

    #[test]
    fn late_only_after_the_day() {
        let by = NaiveDate::from_ymd_opt(2026, 3, 6).unwrap();
        assert!(!overdue(by, by));
        assert!(overdue(by, by.succ_opt().unwrap()));
    }

    #[test]
    fn topics_have_codes() {
        for t in MessageTopic::ALL {
            assert_eq!(MessageTopic::from_code(t.code()), Some(t));
        }
        assert_eq!(MessageTopic::from_code("other"), None);
    }
}
