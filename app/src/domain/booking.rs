//! Whether a session may be placed or booked at a time: closures (SAM-21), training days
//! (VEJ-11, BRS-13, FRB-13, MAR-14), opening hours (FRB-13, a warning) and course length
//! (MAR-08 hard, SAM-06/07 soft). Every finding names its rule and the standard's words.
use super::calendar::{is_hverdag, iso_week, DaysOff};
use super::municipality::TrainingForm;
use super::time_format::{local_date, long_date};
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc};
use chrono_tz::Europe::Copenhagen;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookingRules {
    /// Training only on hverdage (Monday–Friday, not holidays, not 24 and 31 December).
    #[serde(default)]
    pub hverdage_only: Option<Sourced>,
    #[serde(default)]
    pub hours: Option<Hours>,
    #[serde(default)]
    pub max_weeks: Option<MaxWeeks>,
    #[serde(default)]
    pub closures: Vec<Closure>,
}

/// A rule's id and the standard's phrase.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sourced {
    pub rule_id: String,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    pub from: NaiveTime,
    pub to: NaiveTime,
    /// "som hovedregel": outside the hours is a warning, not a block.
    pub soft: bool,
    pub rule_id: String,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaxWeeks {
    pub weeks: u32,
    /// A hard limit blocks; a soft one ("som udgangspunkt") warns.
    pub hard: bool,
    pub rule_id: String,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Closure {
    /// The training forms the closure applies to.
    pub forms: Vec<TrainingForm>,
    /// ISO 8601 week numbers closed every year.
    #[serde(default)]
    pub iso_weeks: Vec<u32>,
    /// Yearly date ranges as "MM-DD", inclusive, possibly across New Year ("12-24" to "01-01").
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    pub rule_id: String,
    pub source: String,
    #[serde(default)]
    pub reading: Option<String>,
}

impl Closure {
    fn closes(&self, date: NaiveDate) -> bool {
        if self.iso_weeks.contains(&iso_week(date).1) {
            return true;
        }
        match (
            self.from.as_deref().and_then(month_day),
            self.to.as_deref().and_then(month_day),
        ) {
            (Some(from), Some(to)) => {
                let md = (date.month(), date.day());
                if from <= to {
                    from <= md && md <= to
                } else {
                    md >= from || md <= to
                }
            }
            _ => false,
        }
    }
}

/// "12-24" → (12, 24).
pub fn month_day(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.split_once('-')?;
    let (m, d) = (m.parse().ok()?, d.parse().ok()?);
    NaiveDate::from_ymd_opt(2024, m, d).map(|_| (m, d))
}

/// Something a rule says about a proposed session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub rule_id: String,
    pub source: String,
    pub text_da: String,
    pub text_en: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Bookable {
    pub allowed: bool,
    /// Why it is not allowed.
    pub reasons: Vec<Finding>,
    /// Allowed, but against a main rule.
    pub warnings: Vec<Finding>,
}

/// Checks a session from `start` to `end` of `form`; `course_start` is the date of the course's
/// first session, when the session belongs to a course.
pub fn check(
    rules: &BookingRules,
    form: TrainingForm,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    course_start: Option<NaiveDate>,
) -> Bookable {
    let mut reasons = Vec::new();
    let mut warnings = Vec::new();
    let day = local_date(start);
    for c in rules
        .closures
        .iter()
        .filter(|c| c.forms.contains(&form) && c.closes(day))
    {
        reasons.push(Finding {
            rule_id: c.rule_id.clone(),
            source: c.source.clone(),
            text_da: format!(
                "{} er lukket for {} (uge {}).",
                long_date(super::lang::Lang::Da, day),
                form.label(super::lang::Lang::Da).to_lowercase(),
                iso_week(day).1
            ),
            text_en: format!(
                "{} is closed for {} (week {}).",
                long_date(super::lang::Lang::En, day),
                form.label(super::lang::Lang::En).to_lowercase(),
                iso_week(day).1
            ),
        });
    }
    if let Some(s) = &rules.hverdage_only {
        if !is_hverdag(day, &DaysOff::SLA_DEFAULT) {
            reasons.push(Finding {
                rule_id: s.rule_id.clone(),
                source: s.source.clone(),
                text_da: format!(
                    "Træningen foregår på hverdage; {} er ikke en hverdag.",
                    long_date(super::lang::Lang::Da, day)
                ),
                text_en: format!(
                    "Training takes place on weekdays; {} is not a working day.",
                    long_date(super::lang::Lang::En, day)
                ),
            });
        }
    }
    if let Some(h) = &rules.hours {
        let from = start.with_timezone(&Copenhagen).time();
        let to = end.with_timezone(&Copenhagen).time();
        let same_day = local_date(end) == day;
        if from < h.from || to > h.to || !same_day {
            let f = Finding {
                rule_id: h.rule_id.clone(),
                source: h.source.clone(),
                text_da: format!(
                    "Uden for træningstiden {}–{}.",
                    h.from.format("%H.%M"),
                    h.to.format("%H.%M")
                ),
                text_en: format!(
                    "Outside training hours {}–{}.",
                    h.from.format("%H:%M"),
                    h.to.format("%H:%M")
                ),
            };
            if h.soft {
                warnings.push(f)
            } else {
                reasons.push(f)
            }
        }
    }
    if let (Some(m), Some(first)) = (&rules.max_weeks, course_start) {
        // "12 weeks" from the first session: the last allowed date is first + 7·n − 1 days (CAL-7).
        let last = first + Days::new(7 * u64::from(m.weeks) - 1);
        if day > last {
            let f = Finding {
                rule_id: m.rule_id.clone(),
                source: m.source.clone(),
                text_da: format!(
                    "Forløbet er højst {} uger; sidste dag er {}.",
                    m.weeks,
                    long_date(super::lang::Lang::Da, last)
                ),
                text_en: format!(
                    "The course is at most {} weeks; the last day is {}.",
                    m.weeks,
                    long_date(super::lang::Lang::En, last)
                ),
            };
            if m.hard {
                reasons.push(f)
            } else {
                warnings.push(f)
            }
        }
    }
    Bookable {
        allowed: reasons.is_empty(),
        reasons,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    fn samsoe() -> BookingRules {
        BookingRules {
            closures: vec![Closure {
                forms: vec![TrainingForm::Team],
                iso_weeks: vec![7, 42],
                from: Some("12-24".into()),
                to: Some("01-01".into()),
                rule_id: "SAM-21".into(),
                source: "Holdtræning holder ferielukket i uge 42, uge 7, mellem jul og nytår og 3 uger i juli.".into(),
                reading: None,
            }],
            max_weeks: Some(MaxWeeks { weeks: 12, hard: false, rule_id: "SAM-06".into(), source: "op til 12 uger".into() }),
            ..BookingRules::default()
        }
    }

    fn team(rules: &BookingRules, start: &str) -> Bookable {
        let s = at(start);
        check(
            rules,
            TrainingForm::Team,
            s,
            s + chrono::Duration::hours(1),
            None,
        )
    }

    // T51 (SAM-21, CAL-5): ISO week closures for team training only.
    #[test]
    fn t51_samsoe_iso_week_closures() {
        let r = samsoe();
        assert!(!team(&r, "2026-02-09T10:00:00+01:00").allowed, "ISO week 7");
        assert!(team(&r, "2026-02-16T10:00:00+01:00").allowed, "ISO week 8");
        assert!(
            !team(&r, "2026-10-14T10:00:00+02:00").allowed,
            "ISO week 42"
        );
        assert!(team(&r, "2026-10-19T10:00:00+02:00").allowed, "ISO week 43");
        assert!(
            !team(&r, "2027-02-17T10:00:00+01:00").allowed,
            "ISO week 7 of 2027"
        );
        let s = at("2026-10-14T10:00:00+02:00");
        assert!(
            check(&r, TrainingForm::Individual, s, s, None).allowed,
            "individual training is not closed"
        );
        let closed = team(&r, "2026-12-29T10:00:00+01:00");
        assert!(!closed.allowed, "between Christmas and New Year");
        assert_eq!(closed.reasons[0].rule_id, "SAM-21");
        assert!(closed.reasons[0]
            .text_da
            .contains("tirsdag 29. december 2026"));
        assert!(team(&r, "2027-01-04T10:00:00+01:00").allowed);
    }

    // T54 (MAR-08): a hard 12-week cap from the first session.
    #[test]
    fn t54_mariagerfjord_twelve_weeks() {
        let rules = BookingRules {
            max_weeks: Some(MaxWeeks {
                weeks: 12,
                hard: true,
                rule_id: "MAR-08".into(),
                source: "maksimalt 12 uger".into(),
            }),
            ..BookingRules::default()
        };
        let first = NaiveDate::from_ymd_opt(2026, 6, 8);
        let on = |s: &str| check(&rules, TrainingForm::Team, at(s), at(s), first);
        assert!(on("2026-08-28T10:00:00+02:00").allowed);
        assert!(
            on("2026-08-30T10:00:00+02:00").allowed,
            "Sunday 30 August is the last day"
        );
        let late = on("2026-08-31T10:00:00+02:00");
        assert!(!late.allowed);
        assert!(late.reasons[0].text_da.contains("søndag 30. august 2026"));
        // Samsø's 12 weeks are "som udgangspunkt": a warning only.
        let soft = check(
            &samsoe(),
            TrainingForm::Team,
            at("2026-08-31T10:00:00+02:00"),
            at("2026-08-31T11:00:00+02:00"),
            first,
        );
        assert!(soft.allowed);
        assert_eq!(soft.warnings[0].rule_id, "SAM-06");
    }

    // FRB-13: 08:00–15:30 as a main rule warns; hverdage only blocks.
    #[test]
    fn fredensborg_hours_warn_and_weekends_block() {
        let rules = BookingRules {
            hverdage_only: Some(Sourced {
                rule_id: "FRB-13".into(),
                source: "alle hverdage".into(),
            }),
            hours: Some(Hours {
                from: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
                to: NaiveTime::from_hms_opt(15, 30, 0).unwrap(),
                soft: true,
                rule_id: "FRB-13".into(),
                source: "som hovedregel i tidsrummet mellem kl. 8.00 og 15.30".into(),
            }),
            ..BookingRules::default()
        };
        let run = |s: &str, e: &str| check(&rules, TrainingForm::Team, at(s), at(e), None);
        let inside = run("2026-09-16T14:30:00+02:00", "2026-09-16T15:30:00+02:00");
        assert!(inside.allowed && inside.warnings.is_empty());
        let late = run("2026-09-16T15:00:00+02:00", "2026-09-16T16:00:00+02:00");
        assert!(late.allowed);
        assert_eq!(
            late.warnings[0].text_da,
            "Uden for træningstiden 08.00–15.30."
        );
        assert!(
            !run("2026-09-19T10:00:00+02:00", "2026-09-19T11:00:00+02:00").allowed,
            "Saturday"
        );
        assert!(
            !run("2026-05-14T10:00:00+02:00", "2026-05-14T11:00:00+02:00").allowed,
            "Kristi himmelfartsdag"
        );
        assert!(
            !run("2026-12-24T10:00:00+01:00", "2026-12-24T11:00:00+01:00").allowed,
            "24 December"
        );
    }

    #[test]
    fn month_days_are_checked() {
        assert_eq!(month_day("12-24"), Some((12, 24)));
        assert_eq!(month_day("02-30"), None);
        assert_eq!(month_day("xx"), None);
    }
}
