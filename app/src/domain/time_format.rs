//! Dates and times as citizens read them, always in Europe/Copenhagen.
//! "tirsdag 10. marts 2026 kl. 12.00" / "Tuesday 10 March 2026 at 12:00".
use super::lang::Lang;
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc, Weekday};
use chrono_tz::Europe::Copenhagen;

const MONTHS_DA: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn weekday_name(lang: Lang, day: Weekday) -> &'static str {
    let (da, en) = match day {
        Weekday::Mon => ("mandag", "Monday"),
        Weekday::Tue => ("tirsdag", "Tuesday"),
        Weekday::Wed => ("onsdag", "Wednesday"),
        Weekday::Thu => ("torsdag", "Thursday"),
        Weekday::Fri => ("fredag", "Friday"),
        Weekday::Sat => ("lørdag", "Saturday"),
        Weekday::Sun => ("søndag", "Sunday"),
    };
    lang.pick(da, en)
}

pub fn month_name(lang: Lang, month0: u32) -> &'static str {
    match lang {
        Lang::Da => MONTHS_DA[month0 as usize],
        Lang::En => MONTHS_EN[month0 as usize],
    }
}

/// "tirsdag 10. marts 2026" / "Tuesday 10 March 2026".
pub fn long_date(lang: Lang, date: NaiveDate) -> String {
    let weekday = weekday_name(lang, date.weekday());
    let month = month_name(lang, date.month0());
    match lang {
        Lang::Da => format!("{weekday} {}. {month} {}", date.day(), date.year()),
        Lang::En => format!("{weekday} {} {month} {}", date.day(), date.year()),
    }
}

/// "12.00" in Danish, "12:00" in English, local time.
pub fn clock_time(lang: Lang, instant: DateTime<Utc>) -> String {
    let local = instant.with_timezone(&Copenhagen);
    let sep = lang.pick(".", ":");
    format!("{:02}{sep}{:02}", local.hour(), local.minute())
}

/// "tirsdag 10. marts 2026 kl. 12.00" / "Tuesday 10 March 2026 at 12:00".
pub fn long_date_time(lang: Lang, instant: DateTime<Utc>) -> String {
    let date = local_date(instant);
    format!(
        "{} {} {}",
        long_date(lang, date),
        lang.pick("kl.", "at"),
        clock_time(lang, instant)
    )
}

/// The calendar date in Denmark at this instant.
pub fn local_date(instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&Copenhagen).date_naive()
}

/// Machine-readable local time for `<time datetime=...>`.
pub fn iso_local(instant: DateTime<Utc>) -> String {
    instant
        .with_timezone(&Copenhagen)
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// The instant of a local Danish wall-clock time. `None` for a time that does not exist (the hour
/// skipped when summer time starts); for the hour that occurs twice in autumn, the first one.
pub fn local_instant(date: NaiveDate, hour: u32, minute: u32) -> Option<DateTime<Utc>> {
    use chrono::TimeZone;
    let naive = date.and_hms_opt(hour, minute, 0)?;
    Copenhagen
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// A time of day as a Dane types it ("10.00", "9.30") or a time field sends it ("10:00").
pub fn parse_clock(text: &str) -> Option<chrono::NaiveTime> {
    let (h, m) = text.trim().split_once(['.', ':'])?;
    chrono::NaiveTime::from_hms_opt(h.trim().parse().ok()?, m.trim().parse().ok()?, 0)
}

/// Why a typed local time could not be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalTimeProblem {
    /// Not a date and time like 2026-03-10T12:00 (or with seconds).
    Malformed,
    /// The hour skipped when summer time starts (02:00–02:59 on the last Sunday of March).
    Skipped,
}

/// A local Danish date and time as typed in a `datetime-local` field ("2026-03-10T12:00" or
/// "2026-03-10T12:00:01"). In the hour that occurs twice in autumn the first (summer time) one
/// is taken and `true` says so.
pub fn parse_local(text: &str) -> Result<(DateTime<Utc>, bool), LocalTimeProblem> {
    use chrono::{LocalResult, NaiveDateTime, TimeZone};
    let text = text.trim();
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M"))
        .map_err(|_| LocalTimeProblem::Malformed)?;
    match Copenhagen.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok((t.with_timezone(&Utc), false)),
        LocalResult::Ambiguous(first, _) => Ok((first.with_timezone(&Utc), true)),
        LocalResult::None => Err(LocalTimeProblem::Skipped),
    }
}

/// A date as a browser's date field sends it (2027-12-31) or as a Dane types it (31.12.2027,
/// 31-12-2027, 31/12/2027, 4.7.1941); None when it is not a date.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = text.split(['.', '-', '/']).map(str::trim).collect();
    match parts[..] {
        [d, m, y] if y.len() == 4 => {
            NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn winter_time_is_utc_plus_one() {
        let t = utc("2026-03-10T11:00:00Z");
        assert_eq!(
            long_date_time(Lang::Da, t),
            "tirsdag 10. marts 2026 kl. 12.00"
        );
        assert_eq!(
            long_date_time(Lang::En, t),
            "Tuesday 10 March 2026 at 12:00"
        );
    }

    #[test]
    fn summer_time_is_utc_plus_two_from_the_last_sunday_of_march() {
        // 2026-03-29 01:00Z is the switch; 10:00Z is 12:00 CEST.
        assert_eq!(clock_time(Lang::Da, utc("2026-03-29T10:00:00Z")), "12.00");
        assert_eq!(clock_time(Lang::Da, utc("2026-03-29T00:59:59Z")), "01.59");
        assert_eq!(clock_time(Lang::Da, utc("2026-03-29T01:00:00Z")), "03.00");
        assert_eq!(
            iso_local(utc("2026-03-29T10:00:00Z")),
            "2026-03-29T12:00:00+02:00"
        );
    }

    #[test]
    fn local_date_changes_at_local_midnight_not_utc_midnight() {
        // 23:30Z on 26 Oct 2026 is 00:30 CET on 27 Oct (after the autumn change).
        assert_eq!(
            local_date(utc("2026-10-26T23:30:00Z")),
            NaiveDate::from_ymd_opt(2026, 10, 27).unwrap()
        );
        // 22:30Z on 24 Oct 2026 is still summer time: 00:30 CEST on 25 Oct.
        assert_eq!(
            local_date(utc("2026-10-24T22:30:00Z")),
            NaiveDate::from_ymd_opt(2026, 10, 25).unwrap()
        );
    }

    #[test]
    fn clock_times_as_typed() {
        let t = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(parse_clock("10.00"), t(10, 0));
        assert_eq!(parse_clock(" 9:30"), t(9, 30));
        assert_eq!(parse_clock("24.00"), None);
        assert_eq!(parse_clock("kl 10"), None);
    }

    #[test]
    fn local_instants_across_clock_changes() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            local_instant(d(2026, 3, 10), 12, 0),
            Some(utc("2026-03-10T11:00:00Z"))
        );
        assert_eq!(
            local_instant(d(2026, 3, 30), 9, 0),
            Some(utc("2026-03-30T07:00:00Z"))
        );
        // 02:30 does not exist on 29 March 2026.
        assert_eq!(local_instant(d(2026, 3, 29), 2, 30), None);
        // 02:30 occurs twice on 25 October 2026; the first is still summer time.
        assert_eq!(
            local_instant(d(2026, 10, 25), 2, 30),
            Some(utc("2026-10-25T00:30:00Z"))
        );
    }

    #[test]
    fn leap_day_is_named() {
        let d = NaiveDate::from_ymd_opt(2028, 2, 29).unwrap();
        assert_eq!(long_date(Lang::Da, d), "tirsdag 29. februar 2028");
        assert_eq!(long_date(Lang::En, d), "Tuesday 29 February 2028");
        let t = Utc.with_ymd_and_hms(2028, 2, 29, 7, 5, 0).unwrap();
        assert_eq!(clock_time(Lang::En, t), "08:05");
    }

    #[test]
    fn typed_local_times_across_the_clock_changes() {
        assert_eq!(
            parse_local("2026-03-10T12:00:01"),
            Ok((utc("2026-03-10T11:00:01Z"), false))
        );
        assert_eq!(
            parse_local("2026-06-10T12:00"),
            Ok((utc("2026-06-10T10:00:00Z"), false))
        );
        assert_eq!(
            parse_local("2026-03-29T02:30"),
            Err(LocalTimeProblem::Skipped)
        );
        assert_eq!(
            parse_local("2026-10-25T02:30"),
            Ok((utc("2026-10-25T00:30:00Z"), true))
        );
        assert_eq!(
            parse_local("10/03/2026 12:00"),
            Err(LocalTimeProblem::Malformed)
        );
    }

    #[test]
    fn days_are_read_as_browsers_send_them_and_as_danes_type_them() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(parse_day("2027-12-31"), d(2027, 12, 31));
        assert_eq!(parse_day(" 4.7.1941 "), d(1941, 7, 4));
        assert_eq!(parse_day("31-12-2027"), d(2027, 12, 31));
        assert_eq!(parse_day("29/02/2028"), d(2028, 2, 29));
        for bad in ["", "31.02.2027", "i morgen", "31.12.27", "2027-13-01"] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
    }
}
