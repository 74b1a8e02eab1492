//! Folkepensionsalderen by date of birth (lov om social pension § 1 a), kept as a table and never
//! assumed to be 67 (GEN-10). Ældreloven (LOV nr. 1651 af 30/12/2024) applies from 1 July 2025.
use chrono::{Months, NaiveDate};

pub const AELDRELOVEN_IN_FORCE: NaiveDate = match NaiveDate::from_ymd_opt(2025, 7, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// A pension age in whole months (65½ years is 786 months).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PensionAge {
    pub months: u32,
}

impl PensionAge {
    /// "67 år" / "65½ år".
    pub fn text_da(self) -> String {
        self.text("år")
    }

    pub fn text_en(self) -> String {
        self.text("years")
    }

    fn text(self, unit: &str) -> String {
        let half = if self.months % 12 == 6 { "½" } else { "" };
        format!("{}{half} {unit}", self.months / 12)
    }
}

/// (born on or after, pension age in months), newest first. Lov om social pension § 1 a, as
/// amended up to the 2025 act that raised it to 70 for people born 1971 or later.
const TABLE: [((i32, u32, u32), u32); 7] = [
    ((1971, 1, 1), 70 * 12),
    ((1967, 1, 1), 69 * 12),
    ((1963, 1, 1), 68 * 12),
    ((1955, 7, 1), 67 * 12),
    ((1955, 1, 1), 66 * 12 + 6),
    ((1954, 7, 1), 66 * 12),
    ((1954, 1, 1), 65 * 12 + 6),
];

/// The pension age of someone born on `birth`.
pub fn folkepensionsalder(birth: NaiveDate) -> PensionAge {
    let months = TABLE
        .iter()
        .find(|((y, m, d), _)| {
            NaiveDate::from_ymd_opt(*y, *m, *d).is_some_and(|from| birth >= from)
        })
        .map_or(65 * 12, |(_, months)| *months);
    PensionAge { months }
}

/// The day someone born on `birth` reaches their pension age. Someone born on 29 February
/// reaches it on 28 February in a year without a leap day.
pub fn pension_age_day(birth: NaiveDate) -> NaiveDate {
    birth
        .checked_add_months(Months::new(folkepensionsalder(birth).months))
        .expect("within chrono's range")
}

/// The pension age, if reached on `today`.
pub fn folkepensionsalder_reached(birth: NaiveDate, today: NaiveDate) -> Option<PensionAge> {
    (today >= pension_age_day(birth)).then(|| folkepensionsalder(birth))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_table_rises_with_the_year_of_birth() {
        let years = |b| folkepensionsalder(b).text_da();
        assert_eq!(years(d(1953, 12, 31)), "65 år");
        assert_eq!(years(d(1954, 3, 1)), "65½ år");
        assert_eq!(years(d(1955, 6, 30)), "66½ år");
        assert_eq!(years(d(1955, 7, 1)), "67 år");
        assert_eq!(years(d(1962, 12, 31)), "67 år");
        assert_eq!(years(d(1963, 1, 1)), "68 år");
        assert_eq!(years(d(1966, 12, 31)), "68 år");
        assert_eq!(years(d(1967, 1, 1)), "69 år");
        assert_eq!(years(d(1971, 1, 1)), "70 år");
        assert_eq!(folkepensionsalder(d(1980, 5, 5)).text_en(), "70 years");
    }

    #[test]
    fn the_day_it_is_reached_including_a_leap_day_birth() {
        assert_eq!(pension_age_day(d(1960, 2, 29)), d(2027, 2, 28));
        assert_eq!(pension_age_day(d(1964, 2, 29)), d(2032, 2, 29));
        assert_eq!(pension_age_day(d(1954, 2, 10)), d(2019, 8, 10));
        assert!(folkepensionsalder_reached(d(1960, 2, 29), d(2027, 2, 27)).is_none());
        assert!(folkepensionsalder_reached(d(1960, 2, 29), d(2027, 2, 28)).is_some());
    }
}
