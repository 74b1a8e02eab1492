//! Danish calendar rules (RULES.md CAL-1 to CAL-5, CAL-7): public holidays, hverdage under a
//! configurable set of customary days off, and ISO 8601 week numbers. Dates only, no time zone.
use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Easter Sunday (Gregorian computus, anonymous algorithm; CAL-3).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("computus gives a valid date")
}

/// Danish public holidays (helligdage, CAL-2), Sundays included. Store bededag is a holiday in
/// 2023 and earlier only.
pub fn is_public_holiday(date: NaiveDate) -> bool {
    if date.weekday() == Weekday::Sun {
        return true;
    }
    let (m, d) = (date.month(), date.day());
    if (m, d) == (1, 1) || (m, d) == (12, 25) || (m, d) == (12, 26) {
        return true;
    }
    let easter = easter_sunday(date.year());
    let offset = (date - easter).num_days();
    matches!(offset, -3 | -2 | 0 | 1 | 39 | 49 | 50) || (offset == 26 && date.year() <= 2023)
}

/// Days that are not helligdage but may be treated as days off (CAL-1), per calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DaysOff {
    pub christmas_eve: bool,
    pub new_years_eve: bool,
    pub grundlovsdag: bool,
    pub may_first: bool,
    pub friday_after_ascension: bool,
}

impl DaysOff {
    /// Counting municipal service deadlines: 24 and 31 December off, the rest working days.
    pub const SLA_DEFAULT: DaysOff = DaysOff {
        christmas_eve: true,
        new_years_eve: true,
        grundlovsdag: false,
        may_first: false,
        friday_after_ascension: false,
    };

    /// Training days ("hverdage" in VEJ-11, BRS-13, FRB-13, MAR-14): Monday to Friday except public
    /// holidays. 24 and 31 December are days off for counting service levels, not days without
    /// training; a municipality that does not train then says so with a closure in its file.
    pub const TRAINING: DaysOff = DaysOff {
        christmas_eve: false,
        new_years_eve: false,
        grundlovsdag: false,
        may_first: false,
        friday_after_ascension: false,
    };

    /// Rolling a citizen's filing deadline forward: also past Grundlovsdag (Forældelsesloven § 27).
    pub const CITIZEN_DEADLINE: DaysOff = DaysOff {
        christmas_eve: true,
        new_years_eve: true,
        grundlovsdag: true,
        may_first: false,
        friday_after_ascension: false,
    };

    fn is_off(&self, date: NaiveDate) -> bool {
        let (m, d) = (date.month(), date.day());
        (self.christmas_eve && (m, d) == (12, 24))
            || (self.new_years_eve && (m, d) == (12, 31))
            || (self.grundlovsdag && (m, d) == (6, 5))
            || (self.may_first && (m, d) == (5, 1))
            || (self.friday_after_ascension && (date - easter_sunday(date.year())).num_days() == 40)
    }
}

/// Monday to Friday, not a public holiday, not a day off in this calendar.
pub fn is_hverdag(date: NaiveDate, days_off: &DaysOff) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
        && !is_public_holiday(date)
        && !days_off.is_off(date)
}

/// The n-th hverdag after `from` (`from` itself is not counted, and may be a day off; CAL-7).
pub fn add_hverdage(from: NaiveDate, n: u32, days_off: &DaysOff) -> NaiveDate {
    let mut date = from;
    let mut left = n;
    while left > 0 {
        date = date + Days::new(1);
        if is_hverdag(date, days_off) {
            left -= 1;
        }
    }
    date
}

/// `date` if it is a hverdag, otherwise the next one (rolling a deadline forward).
pub fn on_or_next_hverdag(date: NaiveDate, days_off: &DaysOff) -> NaiveDate {
    let mut d = date;
    while !is_hverdag(d, days_off) {
        d = d + Days::new(1);
    }
    d
}

/// ISO 8601 week: (ISO year, week number). Danish "uge N" (CAL-5).
pub fn iso_week(date: NaiveDate) -> (i32, u32) {
    let w = date.iso_week();
    (w.year(), w.week())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_2023_to_2030_matches_the_reference_table() {
        let expected = [
            (2023, 4, 9),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2029, 4, 1),
            (2030, 4, 21),
        ];
        for (y, m, day) in expected {
            assert_eq!(easter_sunday(y), d(y, m, day), "{y}");
        }
    }

    #[test]
    fn holidays_of_2026() {
        for (m, day) in [
            (1, 1),
            (4, 2),
            (4, 3),
            (4, 5),
            (4, 6),
            (5, 14),
            (5, 24),
            (5, 25),
            (12, 25),
            (12, 26),
        ] {
            assert!(is_public_holiday(d(2026, m, day)), "2026-{m}-{day}");
        }
        for (m, day) in [(5, 1), (6, 5), (12, 24), (12, 31), (5, 15), (4, 7)] {
            assert!(
                !is_public_holiday(d(2026, m, day)),
                "2026-{m}-{day} is not a helligdag"
            );
        }
    }

    #[test]
    fn store_bededag_is_a_holiday_up_to_2023_only() {
        assert!(is_public_holiday(d(2023, 5, 5)));
        assert!(!is_public_holiday(d(2024, 4, 26)));
        assert!(!is_public_holiday(d(2025, 5, 16)));
    }

    #[test]
    fn whit_monday_2028_falls_on_grundlovsdag() {
        assert!(is_public_holiday(d(2028, 6, 5)));
        assert!(!is_hverdag(d(2028, 6, 5), &DaysOff::SLA_DEFAULT));
    }

    // RULES.md T01 (FRB-07, FRB-09): Easter inside a weekday count.
    #[test]
    fn t01_easter_inside_a_weekday_count() {
        let enquiry = d(2026, 4, 1);
        assert_eq!(
            add_hverdage(enquiry, 5, &DaysOff::SLA_DEFAULT),
            d(2026, 4, 13)
        );
        assert_eq!(
            add_hverdage(enquiry, 10, &DaysOff::SLA_DEFAULT),
            d(2026, 4, 20)
        );
    }

    // T02 (MAR-09): the former Store bededag counts as a hverdag.
    #[test]
    fn t02_store_bededag_abolished() {
        assert_eq!(
            add_hverdage(d(2025, 5, 15), 5, &DaysOff::SLA_DEFAULT),
            d(2025, 5, 22)
        );
    }

    // T05 (FRB-07): Christmas; counting 24 and 31 December as hverdage is configuration.
    #[test]
    fn t05_christmas() {
        assert_eq!(
            add_hverdage(d(2025, 12, 22), 5, &DaysOff::SLA_DEFAULT),
            d(2026, 1, 5)
        );
        let working = DaysOff {
            christmas_eve: false,
            new_years_eve: false,
            ..DaysOff::SLA_DEFAULT
        };
        assert_eq!(add_hverdage(d(2025, 12, 22), 5, &working), d(2025, 12, 31));
    }

    // T08 (MAR-09): Grundlovsdag in an SLA.
    #[test]
    fn t08_grundlovsdag() {
        assert_eq!(
            add_hverdage(d(2026, 6, 1), 5, &DaysOff::SLA_DEFAULT),
            d(2026, 6, 8)
        );
        let closed = DaysOff {
            grundlovsdag: true,
            ..DaysOff::SLA_DEFAULT
        };
        assert_eq!(add_hverdage(d(2026, 6, 1), 5, &closed), d(2026, 6, 9));
    }

    #[test]
    fn counting_starts_after_a_day_off() {
        // From Saturday 7 March 2026, the first hverdag is Monday 9 March.
        assert_eq!(
            add_hverdage(d(2026, 3, 7), 1, &DaysOff::SLA_DEFAULT),
            d(2026, 3, 9)
        );
        assert_eq!(
            on_or_next_hverdag(d(2026, 4, 2), &DaysOff::CITIZEN_DEADLINE),
            d(2026, 4, 7)
        );
        assert_eq!(
            on_or_next_hverdag(d(2026, 4, 8), &DaysOff::CITIZEN_DEADLINE),
            d(2026, 4, 8)
        );
    }

    #[test]
    fn the_friday_after_ascension_is_configurable() {
        let off = DaysOff {
            friday_after_ascension: true,
            ..DaysOff::SLA_DEFAULT
        };
        assert!(is_hverdag(d(2026, 5, 15), &DaysOff::SLA_DEFAULT));
        assert!(!is_hverdag(d(2026, 5, 15), &off));
    }

    // CAL-5 and T51: ISO weeks, not %W.
    #[test]
    fn iso_weeks() {
        assert_eq!(iso_week(d(2026, 2, 9)), (2026, 7));
        assert_eq!(iso_week(d(2026, 2, 16)), (2026, 8));
        assert_eq!(iso_week(d(2026, 10, 14)), (2026, 42));
        assert_eq!(iso_week(d(2026, 10, 19)), (2026, 43));
        assert_eq!(iso_week(d(2027, 2, 17)), (2027, 7));
        // 2026 has 53 weeks: 31 Dec 2026 and 1 Jan 2027 are both in week 53 of 2026.
        assert_eq!(iso_week(d(2026, 12, 31)), (2026, 53));
        assert_eq!(iso_week(d(2027, 1, 1)), (2026, 53));
        assert_eq!(iso_week(d(2027, 1, 4)), (2027, 1));
    }

    #[test]
    fn leap_day_counts_as_a_hverdag() {
        assert!(is_hverdag(d(2028, 2, 29), &DaysOff::SLA_DEFAULT));
        assert_eq!(
            add_hverdage(d(2028, 2, 28), 1, &DaysOff::SLA_DEFAULT),
            d(2028, 2, 29)
        );
    }
}
