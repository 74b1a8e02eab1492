//! A contact's phone hours as data (BRS-08: "Mandag – torsdag, kl. 8.00-9.00 og 10.00-14.00,
//! Fredag, kl. 8.00-9.00 og 10.00-13.30"), so the pages can say "Åben nu" or "Lukket – åbner …"
//! from the server's clock in Europe/Copenhagen. Closed on public holidays [INTERP: the standard
//! does not say; a holiday closes the town hall]. The hours read aloud are made from the same
//! data. Pure.
use super::calendar::is_public_holiday;
use super::lang::Lang;
use super::time_format::{clock_time, local_date, local_instant, long_date_time, parse_clock};
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, Timelike, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// `[contacts.hours]` in a municipality file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneHours {
    pub rule_id: String,
    pub open: Vec<OpenDays>,
}

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

    /// The spans the phone is open on a local day (none on a public holiday).
    fn spans_on(&self, day: NaiveDate) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        if is_public_holiday(day) {
            return Vec::new();
        }
        let mut spans: Vec<_> = self
            .open
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
        }
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
