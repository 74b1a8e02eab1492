//! Citizens' deadlines, decided to the second in Europe/Copenhagen: cancelling a session
//! (BRS-16, FRB-15, VEJ-14; none for Samsø and Mariagerfjord) and complaining about a decision
//! (CAL-8, GEN-5). Every deadline is an instant before which an action is on time.
use super::calendar::{add_hverdage, on_or_next_hverdag, DaysOff};
use super::lang::Lang;
use super::municipality::ComplaintCountedAt;
use super::time_format::{local_date, local_instant, long_date_time};
use chrono::{DateTime, Days, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A municipality's rule for when a citizen must cancel a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum CancellationRule {
    /// The standard sets no deadline (Samsø SAM-29, Mariagerfjord MAR-21).
    None,
    /// "senest dagen før": any time on the day before (VEJ-14).
    EndOfDayBefore,
    /// "senest kl. HH.MM dagen før", inclusive of that minute's first second (BRS-16).
    DayBeforeAt { hour: u32, minute: u32 },
    /// "samme dag inden kl. HH.MM", exclusive, and never after the session has started (FRB-15).
    SameDayBefore { hour: u32, minute: u32 },
}

impl CancellationRule {
    /// The rule in plain words, without a date.
    pub fn explain(self, lang: super::lang::Lang) -> String {
        match self {
            CancellationRule::None => lang
                .pick(
                    "Kommunens kvalitetsstandard sætter ingen frist for afbud. Meld gerne afbud så tidligt som muligt.",
                    "The municipality's quality standard sets no deadline for cancelling. Please cancel as early as you can.",
                )
                .into(),
            CancellationRule::EndOfDayBefore => lang
                .pick("Du skal melde afbud senest dagen før træningen.", "You must cancel no later than the day before the session.")
                .into(),
            CancellationRule::DayBeforeAt { hour, minute } => match lang {
                super::lang::Lang::Da => format!("Du skal melde afbud senest kl. {hour:02}.{minute:02} dagen før træningen."),
                super::lang::Lang::En => format!("You must cancel by {hour:02}:{minute:02} on the day before the session."),
            },
            CancellationRule::SameDayBefore { hour, minute } => match lang {
                super::lang::Lang::Da => format!(
                    "Du skal melde afbud senest samme dag inden kl. {hour:02}.{minute:02}, og før træningen begynder."
                ),
                super::lang::Lang::En => format!(
                    "You must cancel on the day itself before {hour:02}:{minute:02}, and before the session starts."
                ),
            },
        }
    }
}

/// When a cancellation stops being on time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The deadline as a citizen reads it ("senest tirsdag 10. marts kl. 12.00").
    pub shown: DateTime<Utc>,
    /// A cancellation is on time if it arrives strictly before this instant.
    pub on_time_before: DateTime<Utc>,
}

impl Deadline {
    pub fn is_on_time(&self, at: DateTime<Utc>) -> bool {
        at < self.on_time_before
    }
}

/// The deadline for cancelling a session starting at `session_start`, if the rule has one.
pub fn cancellation_deadline(
    rule: CancellationRule,
    session_start: DateTime<Utc>,
) -> Option<Deadline> {
    let day = local_date(session_start);
    let day_before = day - Days::new(1);
    match rule {
        CancellationRule::None => None,
        CancellationRule::EndOfDayBefore => {
            let midnight = start_of_local_day(day);
            Some(Deadline {
                shown: midnight - Duration::seconds(1),
                on_time_before: midnight,
            })
        }
        CancellationRule::DayBeforeAt { hour, minute } => {
            let at = local_instant(day_before, hour, minute)?;
            Some(Deadline {
                shown: at,
                on_time_before: at + Duration::seconds(1),
            })
        }
        CancellationRule::SameDayBefore { hour, minute } => {
            let at = local_instant(day, hour, minute)?.min(session_start);
            Some(Deadline {
                shown: at,
                on_time_before: at,
            })
        }
    }
}

/// Whether a cancellation at `at` is on time. With no deadline, every cancellation is.
pub fn cancellation_on_time(
    rule: CancellationRule,
    session_start: DateTime<Utc>,
    at: DateTime<Utc>,
) -> bool {
    cancellation_deadline(rule, session_start).is_none_or(|d| d.is_on_time(at))
}

/// The first instant of a local calendar day (midnight exists every day in Denmark).
fn start_of_local_day(day: chrono::NaiveDate) -> DateTime<Utc> {
    local_instant(day, 0, 0).expect("local midnight exists in Europe/Copenhagen")
}

/// The complaint deadline for a decision received at `received` (CAL-8): the receipt day is not
/// counted, `weeks` weeks on is the same weekday, rolled forward past days off in the citizen's
/// calendar, ending at 23:59:59 local time. `shown` is that last second.
pub fn complaint_deadline(received: DateTime<Utc>, weeks: u32) -> Deadline {
    complaint_deadline_from_day(local_date(received), weeks)
}

/// As [`complaint_deadline`], from the local day the decision was received.
pub fn complaint_deadline_from_day(received: NaiveDate, weeks: u32) -> Deadline {
    citizen_deadline_after_days(received, 7 * u64::from(weeks))
}

/// A citizen's deadline `days` days after `from` (a day not counted), rolled forward past days
/// off in the citizen's calendar, ending at 23:59:59 local time: how complaint periods (CAL-8)
/// and hearing answer periods are counted.
pub fn citizen_deadline_after_days(from: NaiveDate, days: u64) -> Deadline {
    let raw = from + Days::new(days);
    let last_day = on_or_next_hverdag(raw, &DaysOff::CITIZEN_DEADLINE);
    let next_midnight = start_of_local_day(last_day + Days::new(1));
    Deadline {
        shown: next_midnight - Duration::seconds(1),
        on_time_before: next_midnight,
    }
}

/// CAL-8, ordinary post: a letter with no proof of receipt is presumed received 6 delivery days
/// (hverdage) after the date on it. RULES.md marks this uncertain since PostNord stopped
/// delivering letters, so the portal uses it only behind a feature flag.
pub fn presumed_postal_receipt(letter_date: NaiveDate) -> NaiveDate {
    add_hverdage(letter_date, 6, &DaysOff::CITIZEN_DEADLINE)
}

/// Whether a complaint came in time, and what to tell the citizen (GEN-5: a late complaint is
/// accepted all the same).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplaintTiming {
    pub on_time: bool,
    pub text_da: String,
    pub text_en: String,
}

/// Judges a complaint sent at `sent` and received by the municipality at `received` (the same
/// instant when it is made in the portal), counted as the municipality's rule says: when sent
/// (Fredensborg, FRB-29) or when received (Brønderslev, BRS-23, and the law elsewhere).
pub fn complaint_timing(
    deadline: Deadline,
    counted_at: ComplaintCountedAt,
    sent: DateTime<Utc>,
    received: Option<DateTime<Utc>>,
) -> ComplaintTiming {
    let counted = match counted_at {
        ComplaintCountedAt::Sent => sent,
        ComplaintCountedAt::Received => received.unwrap_or(sent),
    };
    let on_time = deadline.is_on_time(counted);
    let when = |lang| long_date_time(lang, deadline.shown);
    let (text_da, text_en) = if on_time {
        (
            format!("Klagen er kommet inden fristen, {}.", when(Lang::Da)),
            format!("The complaint is within the deadline, {}.", when(Lang::En)),
        )
    } else {
        (
            format!(
                "Din klage er muligvis kommet for sent: fristen var {}. Klagen bliver alligevel behandlet, og Ankestyrelsen kan se bort fra en overskredet frist, hvis der er særlige grunde.",
                when(Lang::Da)
            ),
            format!(
                "Your complaint may be late: the deadline was {}. It is handled all the same, and Ankestyrelsen can disregard a missed deadline for special reasons.",
                when(Lang::En)
            ),
        )
    };
    ComplaintTiming {
        on_time,
        text_da,
        text_en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    const BRS: CancellationRule = CancellationRule::DayBeforeAt {
        hour: 12,
        minute: 0,
    };
    const FRB: CancellationRule = CancellationRule::SameDayBefore { hour: 9, minute: 0 };
    const VEJ: CancellationRule = CancellationRule::EndOfDayBefore;

    // T29, T30 (BRS-16): session Wed 11 March 2026 10:00; "senest kl. 12 dagen før" is inclusive.
    #[test]
    fn t29_t30_broenderslev_noon_the_day_before() {
        let session = at("2026-03-11T10:00:00+01:00");
        assert!(cancellation_on_time(
            BRS,
            session,
            at("2026-03-10T11:59:00+01:00")
        ));
        assert!(cancellation_on_time(
            BRS,
            session,
            at("2026-03-10T12:00:00+01:00")
        ));
        assert!(!cancellation_on_time(
            BRS,
            session,
            at("2026-03-10T12:00:01+01:00")
        ));
        assert!(!cancellation_on_time(
            BRS,
            session,
            at("2026-03-10T12:01:00+01:00")
        ));
        assert!(cancellation_on_time(
            BRS,
            session,
            at("2026-03-09T23:59:59+01:00")
        ));
        assert_eq!(
            cancellation_deadline(BRS, session).unwrap().shown,
            at("2026-03-10T12:00:00+01:00")
        );
    }

    // T33 (BRS-16, CAL-6): the day after summer time starts, noon is 10:00Z.
    #[test]
    fn t33_the_day_after_summer_time_starts() {
        let session = at("2026-03-30T09:00:00+02:00");
        assert_eq!(
            cancellation_deadline(BRS, session).unwrap().shown,
            at("2026-03-29T10:00:00Z")
        );
        assert!(!cancellation_on_time(
            BRS,
            session,
            at("2026-03-29T10:30:00Z")
        ));
        assert!(cancellation_on_time(
            BRS,
            session,
            at("2026-03-29T09:59:59Z")
        ));
    }

    // T35 (FRB-15): "inden kl. 9" the same day is exclusive.
    #[test]
    fn t35_fredensborg_before_nine_the_same_day() {
        let session = at("2026-09-16T13:00:00+02:00");
        assert!(cancellation_on_time(
            FRB,
            session,
            at("2026-09-16T08:59:59+02:00")
        ));
        assert!(!cancellation_on_time(
            FRB,
            session,
            at("2026-09-16T09:00:00+02:00")
        ));
        assert!(cancellation_on_time(
            FRB,
            session,
            at("2026-09-15T20:00:00+02:00")
        ));
    }

    #[test]
    fn fredensborg_never_after_the_session_has_started() {
        let session = at("2026-09-16T08:00:00+02:00");
        assert_eq!(cancellation_deadline(FRB, session).unwrap().shown, session);
        assert!(!cancellation_on_time(
            FRB,
            session,
            at("2026-09-16T08:30:00+02:00")
        ));
        assert!(cancellation_on_time(
            FRB,
            session,
            at("2026-09-16T07:59:59+02:00")
        ));
    }

    // VEJ-14: any time on the day before, to the last second, in local time.
    #[test]
    fn vejen_end_of_the_day_before() {
        let session = at("2026-10-26T10:00:00+01:00");
        // 25 October is the autumn clock change; the day before ends at 23:59:59 CET = 22:59:59Z.
        assert!(cancellation_on_time(
            VEJ,
            session,
            at("2026-10-25T22:59:59Z")
        ));
        assert!(!cancellation_on_time(
            VEJ,
            session,
            at("2026-10-25T23:00:00Z")
        ));
        assert_eq!(
            cancellation_deadline(VEJ, session).unwrap().shown,
            at("2026-10-25T22:59:59Z")
        );
    }

    // T38 (SAM-29, MAR-21): no deadline, every cancellation on time.
    #[test]
    fn t38_no_deadline_configured() {
        let session = at("2026-03-11T10:00:00+01:00");
        assert_eq!(cancellation_deadline(CancellationRule::None, session), None);
        assert!(cancellation_on_time(
            CancellationRule::None,
            session,
            at("2026-03-11T09:30:00+01:00")
        ));
    }

    // T10 (GEN-5, CAL-8): Easter holidays inside the period do not extend it.
    #[test]
    fn t10_received_the_friday_a_week_before_easter() {
        let d = complaint_deadline(at("2026-03-27T10:00:00+01:00"), 4);
        assert_eq!(d.shown, at("2026-04-24T21:59:59Z"));
    }

    // T12 (CAL-8): a raw deadline on Skærtorsdag rolls to Tuesday after Easter.
    #[test]
    fn t12_raw_deadline_on_maundy_thursday() {
        let d = complaint_deadline(at("2026-03-05T12:00:00+01:00"), 4);
        assert_eq!(d.shown, at("2026-04-07T23:59:59+02:00"));
    }

    // T14 (CAL-8): received on a Saturday; the deadline rolls from Saturday to Monday.
    #[test]
    fn t14_received_on_a_saturday() {
        let d = complaint_deadline(at("2026-01-10T09:15:00+01:00"), 4);
        assert_eq!(d.shown, at("2026-02-09T23:59:59+01:00"));
    }

    // T20 (CAL-6, CAL-8): a deadline day after the autumn change ends at 22:59:59Z.
    #[test]
    fn t20_end_of_day_after_the_autumn_change() {
        // Received Monday 28 September 2026 (summer time); four weeks on is Monday 26 October.
        let d = complaint_deadline(at("2026-09-28T11:00:00+02:00"), 4);
        assert_eq!(d.shown, at("2026-10-26T22:59:59Z"));
        assert!(d.is_on_time(at("2026-10-26T22:30:00Z")));
        assert!(!d.is_on_time(at("2026-10-26T23:00:00Z")));
    }

    #[test]
    fn receipt_late_in_the_evening_counts_by_the_danish_date() {
        // 23:30Z on Tuesday 3 March 2026 is already Wednesday 4 March in Copenhagen.
        let d = complaint_deadline(at("2026-03-03T23:30:00Z"), 4);
        assert_eq!(d.shown, at("2026-04-01T23:59:59+02:00"));
        let d = complaint_deadline(at("2026-03-03T22:30:00Z"), 4);
        assert_eq!(d.shown, at("2026-03-31T23:59:59+02:00"));
    }

    // T25 (BRS-26): after a partial-agreement decision received Wed 10 June 2026, the citizen has
    // until Wed 8 July to say the complaint is maintained.
    #[test]
    fn t25_deadline_to_maintain_a_complaint() {
        let d = complaint_deadline(at("2026-06-10T09:00:00+02:00"), 4);
        assert_eq!(d.shown, at("2026-07-08T23:59:59+02:00"));
    }

    // 2027: summer time starts on Easter Sunday 28 March and ends on 31 October.
    #[test]
    fn clock_changes_of_2027() {
        let session = at("2027-03-29T09:00:00+02:00");
        assert_eq!(
            cancellation_deadline(BRS, session).unwrap().shown,
            at("2027-03-28T10:00:00Z")
        );
        assert!(!cancellation_on_time(
            BRS,
            session,
            at("2027-03-28T10:30:00Z")
        ));
        let session = at("2027-11-01T10:00:00+01:00");
        assert_eq!(
            cancellation_deadline(VEJ, session).unwrap().shown,
            at("2027-10-31T22:59:59Z")
        );
        let d = complaint_deadline(at("2027-10-04T10:00:00+02:00"), 4);
        assert_eq!(d.shown, at("2027-11-01T22:59:59Z"));
        // Raw deadline Skærtorsdag 25 March 2027 → Tuesday 30 March, in summer time.
        let d = complaint_deadline(at("2027-02-25T10:00:00+01:00"), 4);
        assert_eq!(d.shown, at("2027-03-30T21:59:59Z"));
    }

    #[test]
    fn christmas_and_grundlovsdag_roll_a_citizen_deadline() {
        // Raw deadline Thu 24 Dec 2026 → 25, 26 (Sat), 27 (Sun) off → Mon 28 Dec.
        let d = complaint_deadline(at("2026-11-26T10:00:00+01:00"), 4);
        assert_eq!(d.shown, at("2026-12-28T23:59:59+01:00"));
        // Raw deadline Fri 5 June 2026 (Grundlovsdag) → Mon 8 June.
        let d = complaint_deadline(at("2026-05-08T10:00:00+02:00"), 4);
        assert_eq!(d.shown, at("2026-06-08T23:59:59+02:00"));
    }

    // T19 (CAL-8 ordinary post, behind a flag): dated Mon 2 March 2026, presumed received
    // Tue 10 March (6 delivery days), deadline Tue 7 April 2026.
    #[test]
    fn t19_presumed_receipt_of_a_letter() {
        let letter = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let received = presumed_postal_receipt(letter);
        assert_eq!(received, NaiveDate::from_ymd_opt(2026, 3, 10).unwrap());
        let d = complaint_deadline_from_day(received, 4);
        assert_eq!(d.shown, at("2026-04-07T23:59:59+02:00"));
        // Over Easter 2026 the delivery days skip Skærtorsdag to 2. påskedag.
        let easter = presumed_postal_receipt(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
        assert_eq!(easter, NaiveDate::from_ymd_opt(2026, 4, 13).unwrap());
    }

    // T22 (GEN-5): a complaint one day after the deadline is accepted, marked possibly late,
    // and the citizen is told that Ankestyrelsen can disregard a missed deadline.
    #[test]
    fn t22_a_late_complaint_is_judged_not_blocked() {
        let d = complaint_deadline(at("2026-03-05T12:00:00+01:00"), 4);
        let late = complaint_timing(
            d,
            ComplaintCountedAt::Received,
            at("2026-04-08T10:00:00+02:00"),
            None,
        );
        assert!(!late.on_time);
        assert!(late.text_da.contains("muligvis kommet for sent"));
        assert!(late.text_da.contains("tirsdag 7. april 2026 kl. 23.59"));
        assert!(late
            .text_en
            .contains("Ankestyrelsen can disregard a missed deadline"));
        let on_time = complaint_timing(
            d,
            ComplaintCountedAt::Received,
            at("2026-04-07T23:59:59+02:00"),
            None,
        );
        assert!(on_time.on_time);
    }

    // FRB-29 counts when the complaint was sent, BRS-23 when the municipality received it.
    #[test]
    fn sent_or_received_decides_a_letter_posted_on_the_last_day() {
        let d = complaint_deadline(at("2026-03-05T12:00:00+01:00"), 4);
        let sent = at("2026-04-07T16:00:00+02:00");
        let received = Some(at("2026-04-09T09:00:00+02:00"));
        assert!(complaint_timing(d, ComplaintCountedAt::Sent, sent, received).on_time);
        assert!(!complaint_timing(d, ComplaintCountedAt::Received, sent, received).on_time);
        assert!(complaint_timing(d, ComplaintCountedAt::Received, sent, None).on_time);
    }
}
