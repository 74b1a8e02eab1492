//! Planning a weekly series of team sessions (staff): one session on the weekday from the first
//! to the last date, except days off (public holidays, 24 and 31 December) and closures or other
//! hard rules of the municipality; soft rules (e.g. outside Fredensborg's hours, FRB-13) are
//! warnings on the sessions they concern. Every skip and warning says why.
use super::booking::{check, BookingRules, CourseFacts, Finding};
use super::calendar::{is_hverdag, DaysOff};
use super::lang::Lang;
use super::municipality::TrainingForm;
use super::time_format::{local_instant, long_date, parse_clock, parse_day};
use chrono::{Datelike, Days, NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesSpec {
    /// 1 = Monday … 5 = Friday.
    pub weekday: u32,
    pub start: NaiveTime,
    pub minutes: u32,
    pub capacity: u32,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Planned {
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub ends_at: chrono::DateTime<chrono::Utc>,
    pub warnings: Vec<Finding>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Skipped {
    pub date: NaiveDate,
    pub reasons_da: Vec<String>,
    pub reasons_en: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SeriesPlan {
    pub sessions: Vec<Planned>,
    pub skipped: Vec<Skipped>,
}

pub const WEEKDAYS_DA: [&str; 5] = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag"];
pub const WEEKDAYS_EN: [&str; 5] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

pub fn plan(rules: &BookingRules, spec: &SeriesSpec) -> SeriesPlan {
    let mut out = SeriesPlan::default();
    let offset = (spec.weekday + 7 - spec.from.weekday().number_from_monday()) % 7;
    let mut day = spec.from + Days::new(u64::from(offset));
    while day <= spec.to {
        let skip = |da: String, en: String| Skipped {
            date: day,
            reasons_da: vec![da],
            reasons_en: vec![en],
        };
        if !is_hverdag(day, &DaysOff::TRAINING) {
            out.skipped.push(skip(
                format!("{} er en helligdag.", long_date(Lang::Da, day)),
                format!("{} is a public holiday.", long_date(Lang::En, day)),
            ));
        } else if let Some(starts_at) = local_instant(day, spec.start.hour(), spec.start.minute()) {
            let ends_at = starts_at + chrono::Duration::minutes(i64::from(spec.minutes));
            let verdict = check(
                rules,
                TrainingForm::Team,
                starts_at,
                ends_at,
                CourseFacts::default(),
            );
            if verdict.allowed {
                out.sessions.push(Planned {
                    starts_at,
                    ends_at,
                    warnings: verdict.warnings,
                });
            } else {
                out.skipped.push(Skipped {
                    date: day,
                    reasons_da: verdict.reasons.iter().map(|f| f.text_da.clone()).collect(),
                    reasons_en: verdict.reasons.iter().map(|f| f.text_en.clone()).collect(),
                });
            }
        } else {
            out.skipped.push(skip(
                "Tidspunktet findes ikke den dag (sommertiden begynder).".into(),
                "The time does not exist that day (summer time begins).".into(),
            ));
        }
        day = day + Days::new(7);
    }
    out
}

/// A problem with one field: (field id, Danish, English).
pub use super::lang::FieldProblem;

/// The series form as typed; every problem names its field.
pub fn parse_spec(
    weekday: &str,
    start: &str,
    minutes: &str,
    capacity: &str,
    from: &str,
    to: &str,
    today: NaiveDate,
) -> Result<SeriesSpec, Vec<FieldProblem>> {
    let mut problems: Vec<FieldProblem> = Vec::new();
    let weekday = weekday.parse::<u32>().ok().filter(|d| (1..=5).contains(d));
    if weekday.is_none() {
        problems.push(("ugedag", "Vælg en ugedag.", "Choose a weekday."));
    }
    let start = parse_clock(start);
    if start.is_none() {
        problems.push((
            "starttid",
            "Skriv starttidspunktet som time.minut, for eksempel 10.00.",
            "Write the start time as hour.minute, for example 10.00.",
        ));
    }
    let minutes = minutes
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|m| (15..=240).contains(m));
    if minutes.is_none() {
        problems.push((
            "varighed",
            "Skriv varigheden i minutter, mellem 15 og 240.",
            "Enter the duration in minutes, between 15 and 240.",
        ));
    }
    let capacity = super::session_capacity::parse_places(capacity);
    if capacity.is_none() {
        problems.push((
            "pladser",
            "Skriv antal pladser, mellem 1 og 50.",
            "Enter the number of places, between 1 and 50.",
        ));
    }
    let from = parse_day(from);
    let to = parse_day(to);
    match from {
        None => problems.push((
            "fra",
            "Skriv den første dato som dag.måned.år, for eksempel 2.3.2026.",
            "Write the first date as day.month.year, for example 2.3.2026.",
        )),
        Some(f) if f < today => problems.push((
            "fra",
            "Den første dato kan ikke ligge før i dag.",
            "The first date cannot be before today.",
        )),
        _ => {}
    }
    match (from, to) {
        (_, None) => problems.push((
            "til",
            "Skriv den sidste dato som dag.måned.år, for eksempel 29.5.2026.",
            "Write the last date as day.month.year, for example 29.5.2026.",
        )),
        (Some(f), Some(t)) if t < f => problems.push((
            "til",
            "Den sidste dato skal ligge efter den første.",
            "The last date must be after the first.",
        )),
        (Some(f), Some(t)) if (t - f).num_days() > 366 => problems.push((
            "til",
            "En serie kan højst vare et år.",
            "A series can last at most a year.",
        )),
        _ => {}
    }
    match (weekday, start, minutes, capacity, from, to) {
        (Some(weekday), Some(start), Some(minutes), Some(capacity), Some(from), Some(to))
            if problems.is_empty() =>
        {
            Ok(SeriesSpec {
                weekday,
                start,
                minutes,
                capacity,
                from,
                to,
            })
        }
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::booking::{Closure, Hours};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rules(slug: &str) -> BookingRules {
        match slug {
            "fredensborg" => BookingRules {
                hours: Some(Hours {
                    from: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
                    to: NaiveTime::from_hms_opt(15, 30, 0).unwrap(),
                    soft: true,
                    rule_id: "FRB-13".into(),
                    source: "…".into(),
                }),
                ..BookingRules::default()
            },
            "samsoe" => BookingRules {
                closures: vec![Closure {
                    forms: vec![TrainingForm::Team],
                    iso_weeks: vec![7, 42],
                    from: None,
                    to: None,
                    per_year: None,
                    rule_id: "SAM-21".into(),
                    source: "…".into(),
                    reading: None,
                }],
                ..BookingRules::default()
            },
            _ => BookingRules::default(),
        }
    }

    fn spec(weekday: u32, h: u32, from: NaiveDate, to: NaiveDate) -> SeriesSpec {
        SeriesSpec {
            weekday,
            start: NaiveTime::from_hms_opt(h, 0, 0).unwrap(),
            minutes: 60,
            capacity: 8,
            from,
            to,
        }
    }

    #[test]
    fn mondays_around_easter_skip_easter_monday() {
        // Easter Monday 2026 is 6 April.
        let p = plan(
            &rules("vejen"),
            &spec(1, 10, d(2026, 3, 30), d(2026, 4, 13)),
        );
        let days: Vec<NaiveDate> = p
            .sessions
            .iter()
            .map(|s| crate::domain::time_format::local_date(s.starts_at))
            .collect();
        assert_eq!(days, vec![d(2026, 3, 30), d(2026, 4, 13)]);
        assert_eq!(p.skipped.len(), 1);
        assert_eq!(p.skipped[0].date, d(2026, 4, 6));
        assert!(p.skipped[0].reasons_da[0].contains("helligdag"));
        // 10:00 local on both sides of the clock change.
        assert_eq!(
            p.sessions[0].starts_at.to_rfc3339(),
            "2026-03-30T08:00:00+00:00"
        );
    }

    #[test]
    fn fredensborg_warns_outside_its_hours_and_samsoe_skips_its_closed_weeks() {
        let late = plan(
            &rules("fredensborg"),
            &spec(2, 15, d(2026, 3, 2), d(2026, 3, 9)),
        );
        assert_eq!(late.sessions.len(), 1);
        assert_eq!(late.sessions[0].warnings[0].rule_id, "FRB-13");
        // Samsø closes team training in weeks 7 and 42 (SAM-21).
        let samsoe = plan(
            &rules("samsoe"),
            &spec(2, 10, d(2026, 2, 9), d(2026, 2, 23)),
        );
        assert_eq!(samsoe.skipped.len(), 1, "{samsoe:?}");
        assert_eq!(samsoe.skipped[0].date, d(2026, 2, 10));
    }

    #[test]
    fn the_form_names_each_problem() {
        let fields = |r: Result<SeriesSpec, Vec<FieldProblem>>| {
            r.unwrap_err().iter().map(|p| p.0).collect::<Vec<_>>()
        };
        let today = d(2026, 3, 4);
        assert_eq!(
            fields(parse_spec("6", "25.00", "5", "0", "1.3.2026", "", today)),
            vec!["ugedag", "starttid", "varighed", "pladser", "fra", "til"]
        );
        assert_eq!(
            fields(parse_spec(
                "1", "10.00", "60", "8", "9.3.2026", "2.3.2026", today
            )),
            vec!["til"]
        );
        assert!(parse_spec("1", "10.00", "60", "8", "9.3.2026", "29.5.2026", today).is_ok());
    }
}
