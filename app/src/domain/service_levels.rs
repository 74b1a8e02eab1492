//! A municipality's service-level promises ("we contact you within 5 hverdage"), each running
//! from its own anchor event, and their due dates (CAL-7). Municipal SLA dates are not rolled
//! forward: a due date on a day off is shown as it is.
use super::calendar::{add_hverdage, DaysOff};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// The case event a clock runs from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    ApplicationReceived,
    FirstContact,
    Visitation,
    ReferralReceived,
    PreExam,
    /// The municipality received a complaint about a decision (re-assessment, forwarding).
    ComplaintReceived,
    /// The citizen maintained a complaint after partial agreement (Brønderslev BRS-27).
    ComplaintMaintained,
}

impl Anchor {
    pub fn code(self) -> &'static str {
        match self {
            Anchor::ApplicationReceived => "application_received",
            Anchor::FirstContact => "first_contact",
            Anchor::Visitation => "visitation",
            Anchor::ReferralReceived => "referral_received",
            Anchor::PreExam => "pre_exam",
            Anchor::ComplaintReceived => "complaint_received",
            Anchor::ComplaintMaintained => "complaint_maintained",
        }
    }

    /// Whether the clock belongs to complaint handling rather than to the application.
    pub fn is_complaint(self) -> bool {
        matches!(
            self,
            Anchor::ComplaintReceived | Anchor::ComplaintMaintained
        )
    }

    pub fn from_code(code: &str) -> Option<Anchor> {
        [
            Anchor::ApplicationReceived,
            Anchor::FirstContact,
            Anchor::Visitation,
            Anchor::ReferralReceived,
            Anchor::PreExam,
            Anchor::ComplaintReceived,
            Anchor::ComplaintMaintained,
        ]
        .into_iter()
        .find(|a| a.code() == code)
    }
}

/// How long a clock runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "unit", content = "n", rename_all = "snake_case")]
pub enum Period {
    /// "senest N hverdage efter": the N-th hverdag after the anchor day.
    Hverdage(u32),
    /// "inden for N uger": the same weekday N weeks on.
    Weeks(u32),
    /// "indenfor N dage": N calendar days on.
    Days(u32),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceLevel {
    /// Stable id, e.g. "contact", "start".
    pub id: String,
    pub rule_id: String,
    pub name_da: String,
    pub name_en: String,
    pub anchor: Anchor,
    pub period: Period,
    /// A goal ("helst", "kvalitetsmål") rather than a promise.
    #[serde(default)]
    pub soft: bool,
    /// The step of the case that keeps the promise (absent for complaint clocks).
    #[serde(default)]
    pub met_by: Option<super::case_clocks::CaseEvent>,
    /// When the promise cannot be kept, the citizen is told the waiting time (VEJ-06): the
    /// caseworker gets that task, and records it.
    #[serde(default)]
    pub tell_waiting_time: bool,
    /// The standard's phrase, verbatim.
    pub source: String,
    #[serde(default)]
    pub reading: Option<String>,
}

impl ServiceLevel {
    /// The last day on which the promise is kept, for an anchor event on `anchor_day` (local date).
    pub fn due(&self, anchor_day: NaiveDate, days_off: &DaysOff) -> NaiveDate {
        match self.period {
            Period::Hverdage(n) => add_hverdage(anchor_day, n, days_off),
            Period::Weeks(n) => anchor_day + Days::new(7 * u64::from(n)),
            Period::Days(n) => anchor_day + Days::new(u64::from(n)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(period: Period) -> ServiceLevel {
        ServiceLevel {
            id: "x".into(),
            rule_id: "MAR-11".into(),
            name_da: "x".into(),
            name_en: "x".into(),
            anchor: Anchor::PreExam,
            period,
            soft: false,
            source: "x".into(),
            reading: None,
            met_by: None,
            tell_waiting_time: false,
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weeks_are_the_same_weekday_and_not_rolled() {
        // T54 (MAR-11): pre-examination Wed 3 June 2026 → start by Wed 17 June.
        assert_eq!(
            level(Period::Weeks(2)).due(d(2026, 6, 3), &DaysOff::SLA_DEFAULT),
            d(2026, 6, 17)
        );
        // Two weeks after Thu 10 December 2026 is Thu 24 December, shown as it is.
        assert_eq!(
            level(Period::Weeks(2)).due(d(2026, 12, 10), &DaysOff::SLA_DEFAULT),
            d(2026, 12, 24)
        );
    }

    #[test]
    fn hverdage_and_days() {
        assert_eq!(
            level(Period::Hverdage(5)).due(d(2026, 4, 1), &DaysOff::SLA_DEFAULT),
            d(2026, 4, 13)
        );
        assert_eq!(
            level(Period::Days(14)).due(d(2026, 2, 20), &DaysOff::SLA_DEFAULT),
            d(2026, 3, 6)
        );
    }

    #[test]
    fn anchor_codes_round_trip() {
        for code in [
            "application_received",
            "first_contact",
            "visitation",
            "referral_received",
            "pre_exam",
        ] {
            assert_eq!(Anchor::from_code(code).map(Anchor::code), Some(code));
        }
        assert_eq!(Anchor::from_code("decision"), None);
    }
}
