//! A contact's phone hours as data (BRS-08: "Mandag – torsdag, kl. 8.00-9.00 og 10.00-14.00,
//! Fredag, kl. 8.00-9.00 og 10.00-13.30"), so the pages can say "Åben nu" or "Lukket – åbner …"
//! from the server's clock in Europe/Copenhagen. Closed on public holidays [INTERP: the standard
//! does not say; a holiday closes the town hall]. The hours read aloud are made from the same
//! data. Pure.
use super::calendar::is_public_holiday;
use super::lang::Lang;
use super::time_format::{
    clock_time, local_date, local_instant, long_date, long_date_time, parse_clock,
};
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Timelike, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// `[contacts.hours]` in a municipality file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneHours {
    pub rule_id: String,
    pub open: Vec<OpenDays>,
    /// Changes for a while that the municipality's administrator set in the portal (closed
    /// between Christmas and New Year, say); never from the file. The newest covering a day
    /// holds on that day.
    #[serde(skip)]
    pub changes: Vec<HoursChange>,
}

/// The phone open at other times (or not at all: `open` empty) from one day to another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HoursChange {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub open: Vec<OpenDays>,
    /// What the citizen is told, e.g. where to call instead.
    pub note: String,
}

/// How far ahead a coming change is announced with the hours.
const ANNOUNCE_DAYS: i64 = 14;

/// The same times on some weekdays: `days = ["mon", "tue"]`, `times = [["08:00", "09:00"]]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenDays {
    pub days: Vec<String>,
    pub times: Vec<[String; 2]>,
}

const DAYS: [(&str, Weekday, &str, &str); 7] = [
    ("mon", Weekday::Mon, "mandag", "Monday"),
    ("tue", Weekday::Tue, "tirsdag", "Tuesday"),
    ("wed", Weekday::Wed, "onsdag", "Wednesday"),
    ("thu", Weekday::Thu, "torsdag", "Thursday"),
    ("fri", Weekday::Fri, "fredag", "Friday"),
    ("sat", Weekday::Sat, "lørdag", "Saturday"),
    ("sun", Weekday::Sun, "søndag", "Sunday"),
];

fn weekday(code: &str) -> Option<Weekday> {
    DAYS.iter().find(|d| d.0 == code).map(|d| d.1)
}

fn times(o: &OpenDays) -> Vec<(NaiveTime, NaiveTime)> {
    o.times
        .iter()
        .filter_map(|[a, b]| Some((parse_clock(a)?, parse_clock(b)?)))
        .collect()
}

/// Whether the phone is open now, and until or from when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenState {
    Open { until: DateTime<Utc> },
    Closed { opens: Option<DateTime<Utc>> },
}

impl PhoneHours {
    /// What is wrong with the data, for the file check.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for o in &self.open {
            for d in &o.days {
                if weekday(d).is_none() {
                    out.push(format!(
                        "'{d}' is not a day (mon, tue, wed, thu, fri, sat, sun)"
                    ));
                }
            }
            for [a, b] in &o.times {
                match (parse_clock(a), parse_clock(b)) {
                    (Some(x), Some(y)) if x < y => {}
                    _ => out.push(format!("'{a}'–'{b}' is not a time span like 08:00–09:00")),
                }
            }
        }
        out
    }

    /// The change that holds on a day, if any (the newest set, which comes last).
    fn change_on(&self, day: NaiveDate) -> Option<&HoursChange> {
        self.changes
            .iter()
            .rev()
            .find(|c| c.from <= day && day <= c.to)
    }

    /// The change in force today or beginning within two weeks, in words: "Ændrede telefontider
    /// 21. december 2026 – 3. januar 2027: lukket. Ring til 1813 i stedet."
    pub fn change_text(&self, lang: Lang, now: DateTime<Utc>) -> Option<String> {
        let today = local_date(now);
        // The change that holds on the first day from today on, within two weeks, whose hours
        // differ from the usual ones (a change back to the usual hours ends one early).
        let c = (0..=ANNOUNCE_DAYS)
            .filter_map(|n| today.checked_add_days(Days::new(n as u64)))
            .filter_map(|d| self.change_on(d))
            .find(|c| c.open != self.open)?;
        let hours = if c.open.is_empty() {
            lang.pick("lukket", "closed").to_string()
        } else {
            PhoneHours {
                rule_id: self.rule_id.clone(),
                open: c.open.clone(),
                changes: Vec::new(),
            }
            .text(lang)
        };
        let note = if c.note.is_empty() {
            String::new()
        } else {
            format!(" {}", c.note)
        };
        Some(format!(
            "{} {} – {}: {hours}.{note}",
            lang.pick("Ændrede telefontider", "Changed phone hours"),
            long_date(lang, c.from),
            long_date(lang, c.to)
        ))
    }

    /// Hours in words, "lukket" for none (a change's record).
    pub fn text_of(open: &[OpenDays], lang: Lang) -> String {
        if open.is_empty() {
            return lang.pick("lukket", "closed").into();
        }
        PhoneHours {
            rule_id: String::new(),
            open: open.to_vec(),
            changes: Vec::new(),
        }
        .text(lang)
    }

    /// The spans the phone is open on a local day (none on a public holiday).
    fn spans_on(&self, day: NaiveDate) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        if is_public_holiday(day) {
            return Vec::new();
        }
        let open = self.change_on(day).map_or(&self.open, |c| &c.open);
        let mut spans: Vec<_> = open
            .iter()
            .filter(|o| o.days.iter().any(|d| weekday(d) == Some(day.weekday())))
            .flat_map(times)
            .filter_map(|(a, b)| {
                Some((
                    local_instant(day, a.hour(), a.minute())?,
                    local_instant(day, b.hour(), b.minute())?,
                ))
            })
            .collect();
        spans.sort();
        spans
    }

    pub fn state(&self, now: DateTime<Utc>) -> OpenState {
        let today = local_date(now);
        if let Some((_, until)) = self
            .spans_on(today)
            .into_iter()
            .find(|(from, to)| *from <= now && now < *to)
        {
            return OpenState::Open { until };
        }
        let opens = (0..15)
            .filter_map(|n| today.checked_add_days(Days::new(n)))
            .flat_map(|d| self.spans_on(d))
            .map(|(from, _)| from)
            .find(|from| *from > now);
        OpenState::Closed { opens }
    }

    /// The hours in words: "Mandag–torsdag kl. 8.00–9.00 og 10.00–14.00, fredag kl. …".
    pub fn text(&self, lang: Lang) -> String {
        let day_name = |code: &str| -> String {
            DAYS.iter()
                .find(|d| d.0 == code)
                .map_or(code, |d| lang.pick(d.2, d.3))
                .to_string()
        };
        let parts: Vec<String> = self
            .open
            .iter()
            .map(|o| {
                let days = match o.days.as_slice() {
                    [one] => day_name(one),
                    [first, .., last] => format!("{}–{}", day_name(first), day_name(last)),
                    [] => String::new(),
                };
                let spans: Vec<String> = times(o)
                    .iter()
                    .map(|(a, b)| match lang {
                        Lang::Da => format!("{}–{}", a.format("%-H.%M"), b.format("%-H.%M")),
                        Lang::En => format!("{}–{}", a.format("%-H:%M"), b.format("%-H:%M")),
                    })
                    .collect();
                format!(
                    "{days} {}{}",
                    lang.pick("kl. ", ""),
                    spans.join(lang.pick(" og ", " and "))
                )
            })
            .collect();
        let text = parts.join(", ");
        let mut chars = text.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
            .unwrap_or_default()
    }
}

/// What an administrator types for a change: the days, and closed, one span of time on the
/// usual days, or the usual hours again. Each problem names its field.
pub struct ChangeForm<'a> {
    pub from: &'a str,
    pub to: &'a str,
    /// "closed", "span" (open only from `opens` to `closes` on the usual days) or "usual" (back
    /// to the file's hours: ends or corrects an earlier change).
    pub way: &'a str,
    pub opens: &'a str,
    pub closes: &'a str,
    pub note: &'a str,
}

/// The change, or everything wrong with the form. A change ends today or later, lasts at most a
/// year, and open hours lie on the days the phone is usually open.
pub fn check_change(
    hours: &PhoneHours,
    f: &ChangeForm,
    today: NaiveDate,
) -> Result<HoursChange, Vec<super::lang::FieldProblem>> {
    use super::time_format::parse_day;
    let mut problems = Vec::new();
    let from = parse_day(f.from);
    let to = parse_day(f.to);
    if from.is_none() {
        problems.push((
            "felt-fra",
            "Skriv den første dag, fx 21.12.2026.",
            "Give the first day, e.g. 21.12.2026.",
        ));
    }
    if to.is_none() {
        problems.push((
            "felt-til",
            "Skriv den sidste dag, fx 3.1.2027.",
            "Give the last day, e.g. 3.1.2027.",
        ));
    }
    if let Some(b) = to {
        let wrong_order = from.is_some_and(|a| b < a || (b - a).num_days() > 366);
        if b < today || wrong_order {
            problems.push((
                "felt-til",
                "Den sidste dag skal være i dag eller senere, efter den første og højst et år efter.",
                "The last day must be today or later, after the first and at most a year after it.",
            ));
        }
    }
    let span = (parse_clock(f.opens), parse_clock(f.closes));
    let open = match (f.way, span) {
        ("closed", _) => Vec::new(),
        ("usual", _) => hours.open.clone(),
        ("span", (Some(a), Some(b))) if a < b => {
            let mut days: Vec<String> = hours.open.iter().flat_map(|o| o.days.clone()).collect();
            days.sort_by_key(|d| DAYS.iter().position(|x| x.0 == d.as_str()));
            days.dedup();
            vec![OpenDays {
                days,
                times: vec![[a.format("%H:%M").to_string(), b.format("%H:%M").to_string()]],
            }]
        }
        ("span", _) => {
            problems.push((
                "felt-aabner",
                "Skriv hvornår telefonen åbner og lukker, fx 10.00 og 12.00.",
                "Give when the phone opens and closes, e.g. 10.00 and 12.00.",
            ));
            Vec::new()
        }
        _ => {
            problems.push((
                "felt-lukket",
                "Vælg lukket, åben i et tidsrum, eller som normalt.",
                "Choose closed, open for a time, or as usual.",
            ));
            Vec::new()
        }
    };
    let note = f.note.trim();
    if note.chars().count() > 300 || note.chars().any(char::is_control) {
        problems.push((
            "felt-note",
            "Beskeden kan højst være 300 tegn på én linje.",
            "The note can be at most 300 characters on one line.",
        ));
    }
    match (from, to, problems.is_empty()) {
        (Some(from), Some(to), true) => Ok(HoursChange {
            from,
            to,
            open,
            note: note.into(),
        }),
        _ => Err(problems),
    }
}

impl OpenState {
    /// "Åben nu – lukker kl. 9.00" / "Lukket – åbner i dag kl. 10.00" / "… i morgen …".
    pub fn text(self, lang: Lang, now: DateTime<Utc>) -> String {
        match self {
            OpenState::Open { until } => format!(
                "{} {}",
                lang.pick("Åben nu – lukker kl.", "Open now – closes at"),
                clock_time(lang, until)
            ),
            OpenState::Closed { opens: None } => lang.pick("Lukket", "Closed").into(),
            OpenState::Closed { opens: Some(at) } => {
                let days = (local_date(at) - local_date(now)).num_days();
                let when = match days {
                    0 => format!(
                        "{} {}",
                        lang.pick("i dag kl.", "today at"),
                        clock_time(lang, at)
                    ),
                    1 => format!(
                        "{} {}",
                        lang.pick("i morgen kl.", "tomorrow at"),
                        clock_time(lang, at)
                    ),
                    _ => long_date_time(lang, at),
                };
                format!("{} {when}", lang.pick("Lukket – åbner", "Closed – opens"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brs_08() -> PhoneHours {
        let span = |a: &str, b: &str| [a.to_string(), b.to_string()];
        PhoneHours {
            rule_id: "BRS-08".into(),
            open: vec![
                OpenDays {
                    days: vec!["mon".into(), "tue".into(), "wed".into(), "thu".into()],
                    times: vec![span("08:00", "09:00"), span("10:00", "14:00")],
                },
                OpenDays {
                    days: vec!["fri".into()],
                    times: vec![span("08:00", "09:00"), span("10:00", "13:30")],
                },
            ],
            changes: Vec::new(),
        }
    }

    #[test]
    fn a_change_is_checked_field_by_field() {
        let h = brs_08();
        let today = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
        let form = |from, to, way, opens, closes| ChangeForm {
            from,
            to,
            way,
            opens,
            closes,
            note: "",
        };
        let fields = |r: Result<HoursChange, Vec<super::super::lang::FieldProblem>>| {
            r.unwrap_err().iter().map(|p| p.0).collect::<Vec<_>>()
        };
        assert_eq!(
            fields(check_change(
                &h,
                &form("", "3.3.2026", "closed", "", ""),
                today
            )),
            vec!["felt-fra", "felt-til"]
        );
        assert_eq!(
            fields(check_change(
                &h,
                &form("5.3.2026", "4.3.2026", "closed", "", ""),
                today
            )),
            vec!["felt-til"]
        );
        assert_eq!(
            fields(check_change(
                &h,
                &form("5.3.2026", "6.3.2026", "span", "12.00", "10.00"),
                today
            )),
            vec!["felt-aabner"]
        );
        let c = check_change(
            &h,
            &form("5.3.2026", "6.3.2026", "span", "10.00", "12.00"),
            today,
        )
        .unwrap();
        assert_eq!(c.open[0].days, vec!["mon", "tue", "wed", "thu", "fri"]);
        assert_eq!(
            c.open[0].times,
            vec![["10:00".to_string(), "12:00".to_string()]]
        );
        assert!(check_change(
            &h,
            &form("2026-03-05", "2026-03-06", "closed", "", ""),
            today
        )
        .unwrap()
        .open
        .is_empty());
    }

    #[test]
    fn a_change_for_a_while_holds_on_its_days_and_is_announced_two_weeks_ahead() {
        let d = |m: u32, day: u32| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let mut h = brs_08();
        h.changes.push(HoursChange {
            from: d(3, 5),
            to: d(3, 6),
            open: Vec::new(),
            note: "Ring til Borgerservice.".into(),
        });
        // Wednesday 4 March 10:30: open as usual, and the change is announced.
        let now = at("2026-03-04T10:30:00+01:00");
        assert_eq!(
            h.state(now),
            OpenState::Open {
                until: at("2026-03-04T14:00:00+01:00")
            }
        );
        assert_eq!(
            h.change_text(Lang::Da, now).unwrap(),
            "Ændrede telefontider torsdag 5. marts 2026 – fredag 6. marts 2026: lukket. Ring til Borgerservice."
        );
        // Thursday 5 March 10:30: closed for the change; opens Monday 9 March at 8.
        let now = at("2026-03-05T10:30:00+01:00");
        assert_eq!(
            h.state(now).text(Lang::Da, now),
            "Lukket – åbner mandag 9. marts 2026 kl. 08.00"
        );
        // Set back to the usual hours for Friday: Friday is open again, and only Thursday is
        // announced as changed.
        let usual = h.open.clone();
        h.changes.push(HoursChange {
            from: d(3, 6),
            to: d(3, 6),
            open: usual,
            note: String::new(),
        });
        let fri = at("2026-03-06T10:30:00+01:00");
        assert_eq!(
            h.state(fri),
            OpenState::Open {
                until: at("2026-03-06T13:30:00+01:00")
            }
        );
        let now = at("2026-03-04T10:30:00+01:00");
        assert!(h.change_text(Lang::Da, now).unwrap().starts_with(
            "Ændrede telefontider torsdag 5. marts 2026 – fredag 6. marts 2026: lukket."
        ));
        let thu = at("2026-03-05T16:00:00+01:00");
        assert!(h.change_text(Lang::Da, thu).is_some());
        assert!(
            h.change_text(Lang::Da, fri).is_none(),
            "back to usual on Friday"
        );
        // After it, nothing is announced; a change a month ahead is not announced yet.
        let after = at("2026-03-09T10:30:00+01:00");
        assert!(h.change_text(Lang::Da, after).is_none());
        h.changes.push(HoursChange {
            from: d(4, 20),
            to: d(4, 20),
            open: vec![OpenDays {
                days: vec!["mon".into()],
                times: vec![["10:00".into(), "11:00".into()]],
            }],
            note: String::new(),
        });
        assert!(h.change_text(Lang::Da, after).is_none());
        let near = at("2026-04-10T10:30:00+02:00");
        assert_eq!(
            h.change_text(Lang::Da, near).unwrap(),
            "Ændrede telefontider mandag 20. april 2026 – mandag 20. april 2026: Mandag kl. 10.00–11.00."
        );
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    #[test]
    fn brønderslev_is_closed_from_nine_to_ten_and_on_holidays() {
        let h = brs_08();
        assert!(h.problems().is_empty());
        assert_eq!(
            h.text(Lang::Da),
            "Mandag–torsdag kl. 8.00–9.00 og 10.00–14.00, fredag kl. 8.00–9.00 og 10.00–13.30"
        );
        // Wednesday 4 March 2026, 08:30: open until 9.
        let now = at("2026-03-04T08:30:00+01:00");
        assert_eq!(
            h.state(now).text(Lang::Da, now),
            "Åben nu – lukker kl. 09.00"
        );
        // 09:30: the gap; opens again at 10 the same day.
        let now = at("2026-03-04T09:30:00+01:00");
        assert_eq!(
            h.state(now).text(Lang::Da, now),
            "Lukket – åbner i dag kl. 10.00"
        );
        // Friday 13:45: closed after 13.30; Monday 08:00 next.
        let now = at("2026-03-06T13:45:00+01:00");
        assert_eq!(
            h.state(now).text(Lang::Da, now),
            "Lukket – åbner mandag 9. marts 2026 kl. 08.00"
        );
        // Skærtorsdag 2 April 2026 is a holiday, as are Langfredag and 2. påskedag: from
        // Wednesday 1 April 14:00 the next opening is Tuesday 7 April at 8 (summer time).
        let now = at("2026-04-01T14:00:00+02:00");
        assert_eq!(
            h.state(now),
            OpenState::Closed {
                opens: Some(at("2026-04-07T08:00:00+02:00"))
            }
        );
        // Thursday 16:00: tomorrow at 8.
        let now = at("2026-03-05T16:00:00+01:00");
        assert_eq!(
            h.state(now).text(Lang::Da, now),
            "Lukket – åbner i morgen kl. 08.00"
        );
    }
}
