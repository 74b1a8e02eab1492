//! How a decision reached the citizen, and so when it was received (CAL-8, RULES.md "Receipt
//! rules"). The complaint deadline runs from receipt: the day the decision became *available*
//! to the citizen. Opening it later moves nothing, and an unopened decision has a deadline too.
//!
//! - Published in the portal: available, and so received, at that instant (as Digital Post: "er
//!   kommet frem, når den er tilgængelig").
//! - A paper letter: with the presumption switched on (`PORTAL_POSTAL_RECEIPT_PRESUMPTION`),
//!   received 6 delivery days after the letter's date; switched off, on the letter's date.
//! - Handed over in person: received on the day staff give.
use super::deadlines::{complaint_deadline_from_day, presumed_postal_receipt, Deadline};
use super::lang::Lang;
use super::time_format::{local_date, long_date, long_date_time};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// How far ahead a letter may be dated or a hand-over planned when the decision is made.
pub const LATEST_DAYS_AHEAD: u64 = 14;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delivery {
    /// Published in the portal at this instant.
    Portal(DateTime<Utc>),
    /// Sent as a paper letter with this date on it.
    Letter(NaiveDate),
    /// Handed over in person on this day.
    InPerson(NaiveDate),
}

impl Delivery {
    pub fn code(self) -> &'static str {
        match self {
            Delivery::Portal(_) => "portal",
            Delivery::Letter(_) => "letter",
            Delivery::InPerson(_) => "in_person",
        }
    }

    /// From the stored columns; None when they do not fit together.
    pub fn from_parts(
        code: &str,
        available_at: Option<DateTime<Utc>>,
        delivered_on: Option<NaiveDate>,
    ) -> Option<Delivery> {
        match code {
            "portal" => available_at.map(Delivery::Portal),
            "letter" => delivered_on.map(Delivery::Letter),
            "in_person" => delivered_on.map(Delivery::InPerson),
            _ => None,
        }
    }

    /// The instant a portal publication made it available (None for paper and hand-over).
    pub fn available_at(self) -> Option<DateTime<Utc>> {
        match self {
            Delivery::Portal(at) => Some(at),
            _ => None,
        }
    }

    /// The letter's date or the hand-over day (None for the portal).
    pub fn delivered_on(self) -> Option<NaiveDate> {
        match self {
            Delivery::Portal(_) => None,
            Delivery::Letter(d) | Delivery::InPerson(d) => Some(d),
        }
    }

    /// The local day the citizen received the decision: the day the complaint deadline counts
    /// from (that day itself not counted).
    pub fn receipt_day(self, presume_postal: bool) -> NaiveDate {
        match self {
            Delivery::Portal(at) => local_date(at),
            Delivery::Letter(dated) if presume_postal => presumed_postal_receipt(dated),
            Delivery::Letter(dated) => dated,
            Delivery::InPerson(day) => day,
        }
    }

    /// The complaint deadline for a decision delivered this way.
    pub fn complaint_deadline(self, weeks: u32, presume_postal: bool) -> Deadline {
        complaint_deadline_from_day(self.receipt_day(presume_postal), weeks)
    }

    /// How it was delivered, in a sentence for the letter and the staff pages.
    pub fn text(self, lang: Lang, presume_postal: bool) -> String {
        match self {
            Delivery::Portal(at) => format!(
                "{} {}.",
                lang.pick(
                    "Lagt i Træningsportalen og dermed modtaget",
                    "Published in Træningsportalen, and so received,"
                ),
                long_date_time(lang, at)
            ),
            Delivery::Letter(dated) if presume_postal => format!(
                "{} {}. {} {}.",
                lang.pick("Sendt som brev dateret", "Sent as a letter dated"),
                long_date(lang, dated),
                lang.pick(
                    "Brevet regnes for modtaget 6 omdelingsdage efter, den",
                    "The letter counts as received 6 delivery days later, on"
                ),
                long_date(lang, presumed_postal_receipt(dated))
            ),
            Delivery::Letter(dated) => format!(
                "{} {}.",
                lang.pick(
                    "Sendt som brev og regnet for modtaget på brevets dato,",
                    "Sent as a letter and counted as received on the letter's date,"
                ),
                long_date(lang, dated)
            ),
            Delivery::InPerson(day) => format!(
                "{} {}.",
                lang.pick("Udleveret personligt", "Handed over in person on"),
                long_date(lang, day)
            ),
        }
    }
}

/// What a caseworker chose in the decision form: the way, and for paper or hand-over the day.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DeliveryInput {
    /// "portal" (also when empty), "letter" or "in_person".
    pub way: String,
    /// The letter's date or the hand-over day, as typed.
    pub on: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeliveryProblem {
    UnknownWay,
    MissingDay,
    BadDay,
    BeforeDecision,
    TooFarAhead,
}

impl DeliveryProblem {
    /// The form field the problem belongs to.
    pub fn field(self) -> &'static str {
        match self {
            DeliveryProblem::UnknownWay => "felt-udlevering",
            _ => "felt-udlevering-dato",
        }
    }

    pub fn text(self, lang: Lang) -> String {
        match self {
            DeliveryProblem::UnknownWay => lang
                .pick(
                    "Vælg, hvordan borgeren får afgørelsen.",
                    "Choose how the citizen gets the decision.",
                )
                .into(),
            DeliveryProblem::MissingDay => lang
                .pick(
                    "Skriv brevets dato eller dagen, afgørelsen udleveres.",
                    "Give the letter's date or the day the decision is handed over.",
                )
                .into(),
            DeliveryProblem::BadDay => lang
                .pick(
                    "Skriv datoen som dag.måned.år, for eksempel 16.3.2026.",
                    "Write the date as day.month.year, for example 16.3.2026.",
                )
                .into(),
            DeliveryProblem::BeforeDecision => lang
                .pick(
                    "Datoen kan ikke ligge før afgørelsen.",
                    "The date cannot be before the decision.",
                )
                .into(),
            DeliveryProblem::TooFarAhead => format!(
                "{} {LATEST_DAYS_AHEAD} {}",
                lang.pick("Datoen kan højst ligge", "The date can be at most"),
                lang.pick("dage efter afgørelsen.", "days after the decision."),
            ),
        }
    }
}

/// Checks the caseworker's choice for a decision made at `now`.
pub fn check_delivery(
    input: &DeliveryInput,
    now: DateTime<Utc>,
) -> Result<Delivery, DeliveryProblem> {
    let day = || -> Result<NaiveDate, DeliveryProblem> {
        let text = input.on.trim();
        if text.is_empty() {
            return Err(DeliveryProblem::MissingDay);
        }
        let day = super::time_format::parse_day(text).ok_or(DeliveryProblem::BadDay)?;
        let today = local_date(now);
        if day < today {
            Err(DeliveryProblem::BeforeDecision)
        } else if day > today + chrono::Days::new(LATEST_DAYS_AHEAD) {
            Err(DeliveryProblem::TooFarAhead)
        } else {
            Ok(day)
        }
    };
    match input.way.as_str() {
        "" | "portal" => Ok(Delivery::Portal(now)),
        "letter" => day().map(Delivery::Letter),
        "in_person" => day().map(Delivery::InPerson),
        _ => Err(DeliveryProblem::UnknownWay),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time_format::local_instant;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_portal_decision_is_received_when_published_even_late_at_night() {
        // Published 23:30 local on Tuesday 10 March: received that Tuesday; 4 weeks on is
        // Tuesday 7 April (2. påskedag is Monday 6 April), last second local.
        let published = local_instant(d(2026, 3, 10), 23, 30).unwrap();
        let delivery = Delivery::Portal(published);
        assert_eq!(delivery.receipt_day(false), d(2026, 3, 10));
        let deadline = delivery.complaint_deadline(4, false).shown;
        assert_eq!(local_date(deadline), d(2026, 4, 7));
    }

    #[test]
    fn a_letter_counts_from_its_date_or_six_delivery_days_later_with_the_presumption() {
        // T19: a letter dated and posted Monday 2 March 2026 is presumed received Tuesday
        // 10 March, and the deadline is Tuesday 7 April.
        let letter = Delivery::Letter(d(2026, 3, 2));
        assert_eq!(letter.receipt_day(false), d(2026, 3, 2));
        assert_eq!(letter.receipt_day(true), d(2026, 3, 10));
        assert_eq!(
            local_date(letter.complaint_deadline(4, true).shown),
            d(2026, 4, 7)
        );
        assert!(letter.text(Lang::Da, true).contains("10. marts 2026"));
    }

    #[test]
    fn a_hand_over_counts_from_its_day() {
        let by_hand = Delivery::InPerson(d(2026, 3, 12));
        assert_eq!(by_hand.receipt_day(true), d(2026, 3, 12));
        assert_eq!(
            Delivery::from_parts("in_person", None, Some(d(2026, 3, 12))),
            Some(by_hand)
        );
        assert_eq!(Delivery::from_parts("letter", None, None), None);
    }

    #[test]
    fn the_form_takes_the_portal_by_default_and_a_day_only_within_reach() {
        let now = local_instant(d(2026, 3, 10), 10, 0).unwrap();
        let input = |way: &str, on: &str| DeliveryInput {
            way: way.into(),
            on: on.into(),
        };
        assert_eq!(
            check_delivery(&input("", ""), now),
            Ok(Delivery::Portal(now))
        );
        assert_eq!(
            check_delivery(&input("letter", "11.3.2026"), now),
            Ok(Delivery::Letter(d(2026, 3, 11)))
        );
        assert_eq!(
            check_delivery(&input("in_person", ""), now),
            Err(DeliveryProblem::MissingDay)
        );
        assert_eq!(
            check_delivery(&input("in_person", "9.3.2026"), now),
            Err(DeliveryProblem::BeforeDecision)
        );
        assert_eq!(
            check_delivery(&input("letter", "25.3.2026"), now),
            Err(DeliveryProblem::TooFarAhead)
        );
        assert_eq!(
            check_delivery(&input("letter", "i morgen"), now),
            Err(DeliveryProblem::BadDay)
        );
        assert_eq!(
            check_delivery(&input("fax", ""), now),
            Err(DeliveryProblem::UnknownWay)
        );
    }
}
