//! The closure weeks a standard leaves to the municipality each year (SAM-21: "3 uger i juli",
//! which three not stated). An administrator sets them in the portal; the booking rules use them
//! at once, as if they were in the file. Until they are set, a session in that month is booked
//! with a warning, not refused, and the staff start page asks for them ahead of the summer.
use super::booking::{Closure, PerYear};
use super::lang::FieldProblem;
use chrono::{Datelike, NaiveDate, Weekday};

/// The ISO weeks of `year` that have a day in `month`.
pub fn weeks_touching(year: i32, month: u32) -> Vec<u32> {
    let mut weeks: Vec<u32> = (1..=31)
        .filter_map(|d| NaiveDate::from_ymd_opt(year, month, d))
        .filter(|d| d.iso_week().year() == year)
        .map(|d| d.iso_week().week())
        .collect();
    weeks.dedup();
    weeks
}

/// The Monday of ISO week `week` of `year`.
pub fn monday_of(year: i32, week: u32) -> Option<NaiveDate> {
    NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
}

/// Checks the weeks an administrator typed ("28, 29, 30") for `year`: as many as the standard
/// names, each with a day in its month, none twice, and not for a year already past.
pub fn check_weeks(
    text: &str,
    year: i32,
    p: &PerYear,
    today: NaiveDate,
) -> Result<Vec<u32>, FieldProblem> {
    const FIELD: &str = "felt-uger";
    if year < today.year() || year > today.year() + 2 {
        return Err((
            "felt-aar",
            "Vælg dette år eller et af de to næste.",
            "Choose this year or one of the next two.",
        ));
    }
    let mut weeks = Vec::new();
    for part in text.split([',', ' ', ';']).filter(|p| !p.trim().is_empty()) {
        match part.trim().parse::<u32>() {
            Ok(w) => weeks.push(w),
            Err(_) => {
                return Err((
                    FIELD,
                    "Skriv ugenumrene som tal adskilt af komma, fx 28, 29, 30.",
                    "Write the week numbers as numbers separated by commas, e.g. 28, 29, 30.",
                ))
            }
        }
    }
    weeks.sort_unstable();
    weeks.dedup();
    if weeks.len() != p.count as usize {
        return Err((
            FIELD,
            "Skriv præcis så mange uger, som kvalitetsstandarden siger.",
            "Give exactly as many weeks as the quality standard says.",
        ));
    }
    let allowed = weeks_touching(year, p.month);
    if weeks.iter().any(|w| !allowed.contains(w)) {
        return Err((
            FIELD,
            "Hver uge skal have mindst én dag i den måned, standarden nævner.",
            "Each week must have at least one day in the month the standard names.",
        ));
    }
    Ok(weeks)
}

/// The year whose weeks are needed next: this year until the month is over, then next year.
pub fn coming_year(p: &PerYear, today: NaiveDate) -> i32 {
    if today.month() <= p.month {
        today.year()
    } else {
        today.year() + 1
    }
}

/// The yearly closures whose weeks are not set for the coming year: (closure, year).
pub fn missing(closures: &[Closure], today: NaiveDate) -> Vec<(&Closure, i32)> {
    closures
        .iter()
        .filter_map(|c| {
            let p = c.per_year.as_ref()?;
            let year = coming_year(p, today);
            p.weeks_of(year).is_none().then_some((c, year))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn july() -> PerYear {
        PerYear {
            month: 7,
            count: 3,
            weeks: BTreeMap::new(),
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn july_weeks_are_three_weeks_with_a_day_in_july() {
        // July 2027: Thursday 1 July is in week 26, Saturday 31 July in week 30.
        assert_eq!(weeks_touching(2027, 7), vec![26, 27, 28, 29, 30]);
        let today = d(2026, 12, 1);
        assert_eq!(
            check_weeks("30, 28,29", 2027, &july(), today),
            Ok(vec![28, 29, 30])
        );
        assert_eq!(
            check_weeks("28, 29", 2027, &july(), today).unwrap_err().0,
            "felt-uger"
        );
        assert_eq!(
            check_weeks("29, 30, 31", 2027, &july(), today)
                .unwrap_err()
                .0,
            "felt-uger"
        );
        assert_eq!(
            check_weeks("uge 28", 2027, &july(), today).unwrap_err().0,
            "felt-uger"
        );
        assert_eq!(
            check_weeks("28, 29, 30", 2025, &july(), today)
                .unwrap_err()
                .0,
            "felt-aar"
        );
    }

    #[test]
    fn the_coming_summer_is_this_year_until_july_is_over() {
        assert_eq!(coming_year(&july(), d(2026, 7, 31)), 2026);
        assert_eq!(coming_year(&july(), d(2026, 8, 1)), 2027);
        assert_eq!(monday_of(2027, 28), Some(d(2027, 7, 12)));
    }
}
