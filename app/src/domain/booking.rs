//! Whether a session may be placed or booked at a time: closures (SAM-21, with July weeks set per
//! year), training days (VEJ-11, BRS-13, FRB-13, MAR-14), opening hours (FRB-13, a warning),
//! course length (MAR-08 hard, SAM-06/07 soft) and sessions per week (SAM-06/07, FRB-23, and the
//! citizen's own plan). Every finding names its rule and the standard's words.
use super::calendar::{is_hverdag, iso_week, DaysOff};
use super::municipality::TrainingForm;
use super::time_format::{local_date, long_date};
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Utc};
use chrono_tz::Europe::Copenhagen;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookingRules {
    /// Training only on hverdage (Monday–Friday, not public holidays; `DaysOff::TRAINING`).
    #[serde(default)]
    pub hverdage_only: Option<Sourced>,
    #[serde(default)]
    pub hours: Option<Hours>,
    #[serde(default)]
    pub max_weeks: Option<MaxWeeks>,
    #[serde(default)]
    pub closures: Vec<Closure>,
    #[serde(default)]
    pub sessions_per_week: Option<SessionsPerWeek>,
}

/// How many sessions a citizen may have in one ISO week.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionsPerWeek {
    pub max: u32,
    /// A hard limit blocks; a soft one ("som udgangspunkt") warns.
    pub hard: bool,
    pub forms: Vec<TrainingForm>,
    pub rule_id: String,
    pub source: String,
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
    /// Weeks of a month that the municipality sets each year ("3 uger i juli").
    #[serde(default)]
    pub per_year: Option<PerYear>,
    pub rule_id: String,
    pub source: String,
    #[serde(default)]
    pub reading: Option<String>,
}

/// `count` ISO weeks of `month`, announced each year: `weeks` maps a year ("2026") to its weeks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerYear {
    pub month: u32,
    pub count: u32,
    #[serde(default)]
    pub weeks: BTreeMap<String, Vec<u32>>,
}

impl PerYear {
    /// The weeks set for `year`, if the municipality has set them.
    pub fn weeks_of(&self, year: i32) -> Option<&Vec<u32>> {
        self.weeks.get(&year.to_string())
    }
}

/// What a closure says about a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ClosureAnswer {
    Open,
    Closed,
    /// In the month of a yearly closure whose weeks are not yet set for that year.
    NotYetSet,
}

impl Closure {
    fn answer(&self, date: NaiveDate) -> ClosureAnswer {
        if self.closes(date) {
            return ClosureAnswer::Closed;
        }
        let Some(p) = &self.per_year else {
            return ClosureAnswer::Open;
        };
        // Keyed by ISO year, so a set week that reaches into June or August closes all of it.
        let (year, week) = iso_week(date);
        match p.weeks_of(year) {
            Some(weeks) if weeks.contains(&week) => ClosureAnswer::Closed,
            None if date.month() == p.month => ClosureAnswer::NotYetSet,
            _ => ClosureAnswer::Open,
        }
    }

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
    /// The verdict in plain words; the findings give each rule's own.
    pub text_da: String,
    pub text_en: String,
}

/// What is known about the citizen's course when a session is checked for them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseFacts {
    /// The date of the course's first session.
    pub first_session: Option<NaiveDate>,
    /// Sessions the citizen already has in the ISO week of the proposed one.
    pub booked_in_week: u32,
    /// Sessions a week in the citizen's plan (the written decision), which binds.
    pub plan_per_week: Option<u32>,
}

/// Checks a session from `start` to `end` of `form`, for a citizen whose course is `course`
/// (`CourseFacts::default()` when the session is checked on its own, e.g. when staff plan it).
pub fn check(
    rules: &BookingRules,
    form: TrainingForm,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    course: CourseFacts,
) -> Bookable {
    let mut reasons = Vec::new();
    let mut warnings = Vec::new();
    let day = local_date(start);
    let (da, en) = (super::lang::Lang::Da, super::lang::Lang::En);
    for c in rules.closures.iter().filter(|c| c.forms.contains(&form)) {
        match c.answer(day) {
            ClosureAnswer::Open => {}
            ClosureAnswer::Closed => reasons.push(Finding {
                rule_id: c.rule_id.clone(),
                source: c.source.clone(),
                text_da: format!(
                    "{} er lukket for {} (uge {}).",
                    long_date(da, day),
                    form.label(da).to_lowercase(),
                    iso_week(day).1
                ),
                text_en: format!(
                    "{} is closed for {} (week {}).",
                    long_date(en, day),
                    form.label(en).to_lowercase(),
                    iso_week(day).1
                ),
            }),
            ClosureAnswer::NotYetSet => {
                let p = c.per_year.as_ref().expect("only yearly closures are unset");
                warnings.push(Finding {
                    rule_id: c.rule_id.clone(),
                    source: c.source.clone(),
                    text_da: format!(
                        "Kommunen har endnu ikke fastsat, hvilke {} uger i {} {} der er lukket for {}. Tiden kan blive aflyst.",
                        p.count,
                        super::time_format::month_name(da, p.month - 1),
                        day.year(),
                        form.label(da).to_lowercase()
                    ),
                    text_en: format!(
                        "The municipality has not yet set which {} weeks of {} {} are closed for {}. The session may be cancelled.",
                        p.count,
                        super::time_format::month_name(en, p.month - 1),
                        day.year(),
                        form.label(en).to_lowercase()
                    ),
                });
            }
        }
    }
    per_week(rules, form, day, course, &mut reasons, &mut warnings);
    let course_start = course.first_session;
    if let Some(s) = &rules.hverdage_only {
        if !is_hverdag(day, &DaysOff::TRAINING) {
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
    let (text_da, text_en) = match (reasons.len(), warnings.len()) {
        (0, 0) => (
            "Tiden kan bruges; ingen regler taler imod.",
            "The time can be used; no rule stands against it.",
        ),
        (0, _) => (
            "Tiden kan bruges, men se advarslerne.",
            "The time can be used, but see the warnings.",
        ),
        _ => (
            "Tiden kan ikke bruges; se hvorfor.",
            "The time cannot be used; see why.",
        ),
    };
    Bookable {
        allowed: reasons.is_empty(),
        reasons,
        warnings,
        text_da: text_da.into(),
        text_en: text_en.into(),
    }
}

/// The citizen's plan binds; without one, the municipality's own limit applies.
fn per_week(
    rules: &BookingRules,
    form: TrainingForm,
    day: NaiveDate,
    course: CourseFacts,
    reasons: &mut Vec<Finding>,
    warnings: &mut Vec<Finding>,
) {
    let week = iso_week(day).1;
    let rule = rules
        .sessions_per_week
        .as_ref()
        .filter(|r| r.forms.contains(&form));
    let (max, hard, rule_id, source) = match (course.plan_per_week, rule) {
        (Some(n), _) => (
            n,
            true,
            "GEN-1".to_string(),
            "Afgørelsen beskriver, hvad borgeren er blevet tildelt.".to_string(),
        ),
        (None, Some(r)) => (r.max, r.hard, r.rule_id.clone(), r.source.clone()),
        (None, None) => return,
    };
    if course.booked_in_week < max {
        return;
    }
    let whose = |lang: super::lang::Lang| match (course.plan_per_week.is_some(), lang) {
        (true, super::lang::Lang::Da) => "Din plan",
        (true, super::lang::Lang::En) => "Your plan",
        (false, super::lang::Lang::Da) => "Kommunens regel",
        (false, super::lang::Lang::En) => "The municipality's rule",
    };
    let f = Finding {
        rule_id,
        source,
        text_da: format!(
            "{} er {} gang{} om ugen, og du har allerede {} i uge {}.",
            whose(super::lang::Lang::Da),
            max,
            if max == 1 { "" } else { "e" },
            course.booked_in_week,
            week
        ),
        text_en: format!(
            "{} is {} session{} a week, and you already have {} in week {}.",
            whose(super::lang::Lang::En),
            max,
            if max == 1 { "" } else { "s" },
            course.booked_in_week,
            week
        ),
    };
    if hard {
        reasons.push(f)
    } else {
        warnings.push(f)
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
                per_year: Some(PerYear {
                    month: 7,
                    count: 3,
                    weeks: BTreeMap::from([("2026".to_string(), vec![28, 29, 30])]),
                }),
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
            CourseFacts::default(),
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
            check(&r, TrainingForm::Individual, s, s, CourseFacts::default()).allowed,
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
        let first = CourseFacts {
            first_session: NaiveDate::from_ymd_opt(2026, 6, 8),
            ..CourseFacts::default()
        };
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
        let run = |s: &str, e: &str| {
            check(
                &rules,
                TrainingForm::Team,
                at(s),
                at(e),
                CourseFacts::default(),
            )
        };
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
        // 24 and 31 December are days off for counting deadlines, not days without training.
        assert!(
            run("2026-12-24T10:00:00+01:00", "2026-12-24T11:00:00+01:00").allowed,
            "24 December"
        );
        assert!(
            run("2026-12-31T10:00:00+01:00", "2026-12-31T11:00:00+01:00").allowed,
            "31 December"
        );
        assert!(
            !run("2026-12-25T10:00:00+01:00", "2026-12-25T11:00:00+01:00").allowed,
            "Juledag"
        );
        // Where a file closes them (SAM-21, "mellem jul og nytår"), they are closed.
        assert!(!team(&samsoe(), "2026-12-24T10:00:00+01:00").allowed);
    }

    // SAM-21: three weeks of July, set per year; a year not yet set warns instead of guessing.
    #[test]
    fn samsoe_july_weeks_are_set_per_year() {
        let r = samsoe();
        let closed = team(&r, "2026-07-08T10:00:00+02:00");
        assert!(!closed.allowed, "ISO week 28 of 2026 is set as closed");
        assert!(closed.reasons[0].text_da.contains("uge 28"));
        assert!(
            team(&r, "2026-07-27T10:00:00+02:00").allowed,
            "ISO week 31 is open"
        );
        assert!(
            team(&r, "2026-07-01T10:00:00+02:00").allowed,
            "week 27 is open"
        );
        let unknown = team(&r, "2027-07-14T10:00:00+02:00");
        assert!(unknown.allowed, "2027 is not set: a warning, not a block");
        assert_eq!(
            unknown.warnings[0].text_da,
            "Kommunen har endnu ikke fastsat, hvilke 3 uger i juli 2027 der er lukket for holdtræning. Tiden kan blive aflyst."
        );
        assert!(
            team(&r, "2027-08-02T10:00:00+02:00").warnings.is_empty(),
            "August is outside the yearly closure"
        );
        let s = at("2026-07-08T10:00:00+02:00");
        assert!(check(&r, TrainingForm::Individual, s, s, CourseFacts::default()).allowed);
    }

    // SAM-06/07 (1–2 a week, soft), FRB-23 (once a week) and the citizen's plan (binding).
    #[test]
    fn sessions_per_week() {
        let mut r = samsoe();
        r.sessions_per_week = Some(SessionsPerWeek {
            max: 2,
            hard: false,
            forms: vec![TrainingForm::Team, TrainingForm::Individual],
            rule_id: "SAM-06".into(),
            source: "1-2 gange ugentligt".into(),
        });
        let s = at("2026-03-11T10:00:00+01:00");
        let with_rules = |r: &BookingRules, booked, plan| {
            check(
                r,
                TrainingForm::Team,
                s,
                s,
                CourseFacts {
                    booked_in_week: booked,
                    plan_per_week: plan,
                    ..CourseFacts::default()
                },
            )
        };
        let with = |booked, plan| with_rules(&r, booked, plan);
        assert!(
            with(1, None).warnings.is_empty(),
            "a second session is fine"
        );
        let third = with(2, None);
        assert!(third.allowed, "Samsø's limit is a starting point");
        assert_eq!(
            third.warnings[0].text_da,
            "Kommunens regel er 2 gange om ugen, og du har allerede 2 i uge 11."
        );
        let over_plan = with(1, Some(1));
        assert!(!over_plan.allowed, "the plan binds");
        assert_eq!(
            over_plan.reasons[0].text_en,
            "Your plan is 1 session a week, and you already have 1 in week 11."
        );
        assert!(with(1, Some(2)).allowed && with(1, Some(2)).warnings.is_empty());
        let mut once = r.clone();
        once.sessions_per_week.as_mut().unwrap().hard = true;
        once.sessions_per_week.as_mut().unwrap().max = 1;
        assert!(
            !with_rules(&once, 1, None).allowed,
            "a hard limit of one a week (FRB-23)"
        );
        assert!(with_rules(&once, 0, None).allowed);
    }

    #[test]
    fn month_days_are_checked() {
        assert_eq!(month_day("12-24"), Some((12, 24)));
        assert_eq!(month_day("02-30"), None);
        assert_eq!(month_day("xx"), None);
    }
}
