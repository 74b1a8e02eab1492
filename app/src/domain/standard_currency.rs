//! Whether a municipality's quality standard is current (GEN-9): staff are warned when it is more
//! than 12 months old, predates Ældreloven (in force 1 July 2025, GEN-10), or states no approval
//! date at all. The standard still governs what the portal does; the warning asks staff to have
//! the municipality confirm it. Pure.
use super::lang::Lang;
use super::pension_age::AELDRELOVEN_IN_FORCE;
use super::time_format::long_date;
use chrono::{Months, NaiveDate};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StandardWarning {
    NoApprovalDate,
    OlderThanAYear(NaiveDate),
    BeforeAeldreloven(NaiveDate),
}

/// The approval date as a file gives it: "2023-12-04", or "2025-04" for a month (read as its
/// first day, the earlier reading, so a warning comes no later than it should).
pub fn approved_on(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .or_else(|| NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d").ok())
}

pub fn warnings(approved: Option<&str>, today: NaiveDate) -> Vec<StandardWarning> {
    let Some(day) = approved.and_then(approved_on) else {
        return vec![StandardWarning::NoApprovalDate];
    };
    let mut out = Vec::new();
    if day + Months::new(12) < today {
        out.push(StandardWarning::OlderThanAYear(day));
    }
    if day < AELDRELOVEN_IN_FORCE {
        out.push(StandardWarning::BeforeAeldreloven(day));
    }
    out
}

impl StandardWarning {
    pub fn text(self, lang: Lang) -> String {
        match self {
            StandardWarning::NoApprovalDate => lang
                .pick(
                    "Kvalitetsstandarden angiver ingen godkendelsesdato. Få kommunen til at bekræfte, at den gælder (GEN-9).",
                    "The quality standard gives no approval date. Have the municipality confirm that it is in force (GEN-9).",
                )
                .into(),
            StandardWarning::OlderThanAYear(day) => format!(
                "{} {}. {}",
                lang.pick(
                    "Kvalitetsstandarden er mere end 12 måneder gammel: godkendt",
                    "The quality standard is more than 12 months old: approved"
                ),
                long_date(lang, day),
                lang.pick(
                    "Den skal vedtages mindst en gang om året (GEN-9).",
                    "It must be adopted at least once a year (GEN-9)."
                )
            ),
            StandardWarning::BeforeAeldreloven(day) => format!(
                "{} {}, {} {}. {}",
                lang.pick("Kvalitetsstandarden er godkendt", "The quality standard was approved"),
                long_date(lang, day),
                lang.pick("før Ældreloven trådte i kraft", "before Ældreloven came into force on"),
                long_date(lang, AELDRELOVEN_IN_FORCE),
                lang.pick(
                    "For borgere over folkepensionsalderen kan træningen høre under Ældreloven i stedet (GEN-10).",
                    "For citizens over the state pension age, training may fall under Ældreloven instead (GEN-10)."
                )
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_standard_is_flagged_when_old_before_aeldreloven_or_undated() {
        let today = d(2026, 3, 4);
        // Brønderslev, approved 4 December 2023: both.
        assert_eq!(
            warnings(Some("2023-12-04"), today),
            vec![
                StandardWarning::OlderThanAYear(d(2023, 12, 4)),
                StandardWarning::BeforeAeldreloven(d(2023, 12, 4))
            ]
        );
        // Samsø, "2025-04": read as 1 April 2025, before Ældreloven; a year old from 2 April 2026.
        assert_eq!(
            warnings(Some("2025-04"), today),
            vec![StandardWarning::BeforeAeldreloven(d(2025, 4, 1))]
        );
        assert_eq!(warnings(Some("2025-04"), d(2026, 4, 2)).len(), 2);
        // Fredensborg, 22 December 2025: current until 22 December 2026.
        assert!(warnings(Some("2025-12-22"), today).is_empty());
        assert!(warnings(Some("2025-12-22"), d(2026, 12, 22)).is_empty());
        assert_eq!(
            warnings(Some("2025-12-22"), d(2026, 12, 23)),
            vec![StandardWarning::OlderThanAYear(d(2025, 12, 22))]
        );
        // Vejen and Mariagerfjord state no date.
        assert_eq!(warnings(None, today), vec![StandardWarning::NoApprovalDate]);
        assert!(StandardWarning::BeforeAeldreloven(d(2023, 12, 4))
            .text(Lang::Da)
            .contains("før Ældreloven trådte i kraft tirsdag 1. juli 2025"));
    }
}
