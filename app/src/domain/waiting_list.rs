//! The waiting list for a full team session (issue 19).
//!
//! A citizen whose course a full session fits may join its list. When a place frees (a
//! cancellation, a move, an absence period, a larger capacity), the first on the list is
//! offered it in the same transaction that freed it: the place is held for them, so nobody who
//! happens to look at that moment takes it first. The offer is held until a time set in the
//! municipality's file (`[waiting_list]`); one not accepted by then passes to the next.
//!
//! Readings that cost the citizen no right (the standards say nothing about waiting lists; this
//! is the portal's service, set per municipality):
//! - A held place is held until the file's time of day (e.g. 18:00), at least `min_hold_hours`
//!   after the offer: an offer made late in the day is held until that time the next day.
//! - Not past the session's cancellation deadline: whoever accepts can still cancel on time,
//!   so accepting costs them no late cancellation.
//! - When the deadline is nearer than `short_hold_minutes`, or past, the place is held that
//!   short time instead (the deadline cannot be kept then).
//! - Never held later than `last_offer_minutes` before the start, and no offer is made after
//!   that: the place is then free for anyone to book, rather than held for someone who cannot
//!   know in time.
//! - The queue is by the time of joining; leaving and joining again puts a person last.
use super::deadlines::Deadline;
use super::lang::Lang;
use super::time_format::{local_date, local_instant};
use chrono::{DateTime, Days, Duration, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Serialize};

/// How long an offered place is held, from the municipality's file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaitingListRules {
    /// The local time of day an offer is held until ("18:00").
    pub hold_until: NaiveTime,
    /// An offer is held at least this long; made later in the day, it is held until
    /// `hold_until` the next day.
    pub min_hold_hours: u32,
    /// Close to the start, how long an offer is held.
    pub short_hold_minutes: u32,
    /// No offer later than this many minutes before the start.
    pub last_offer_minutes: u32,
}

impl WaitingListRules {
    /// The rule as the training page says it.
    pub fn in_words(&self, lang: Lang) -> String {
        let until = format!(
            "{:02}.{:02}",
            self.hold_until.hour(),
            self.hold_until.minute()
        );
        let min_hold = duration_in_words(lang, self.min_hold_hours * 60);
        let short = duration_in_words(lang, self.short_hold_minutes);
        let last = duration_in_words(lang, self.last_offer_minutes);
        match lang {
            Lang::Da => format!(
                "Bliver en plads ledig, får den første på ventelisten den tilbudt. \
                 Pladsen bliver holdt til kl. {until}, dog mindst {min_hold} og ikke efter fristen for afbud. \
                 Er fristen tæt på eller overskredet, bliver pladsen holdt i {short}. \
                 Den bliver aldrig holdt til senere end {last} før starten. \
                 Derefter bliver den ikke tilbudt, men kan bookes af alle."
            ),
            Lang::En => format!(
                "When a place becomes free, the first on the waiting list is offered it. \
                 The place is held until {until}, for at least {min_hold}, and not past the cancellation deadline. \
                 When that deadline is near or past, the place is held for {short}. \
                 It is never held later than {last} before the start. \
                 After that it is not offered, and anyone can book it."
            ),
        }
    }
}

/// "en time", "3 timer", "45 minutter"; "an hour", "3 hours", "45 minutes".
fn duration_in_words(lang: Lang, minutes: u32) -> String {
    match (minutes % 60, minutes / 60, lang) {
        (0, 1, Lang::Da) => "en time".into(),
        (0, 1, Lang::En) => "an hour".into(),
        (0, h, Lang::Da) => format!("{h} timer"),
        (0, h, Lang::En) => format!("{h} hours"),
        (_, _, Lang::Da) => format!("{minutes} minutter"),
        (_, _, Lang::En) => format!("{minutes} minutes"),
    }
}

crate::coded! {
    /// Where a place on a waiting list stands.
    pub enum WaitingStatus {
        /// In the queue.
        Waiting = "waiting",
        /// A place is held for them until `offer_until`.
        Offered = "offered",
        /// They took the offered place: it is now their booking.
        Accepted = "accepted",
        /// The offer ran out unanswered (or was declined): the place went on to the next.
        Lapsed = "lapsed",
        /// They left the list (or the session started, was cancelled or stopped fitting).
        Left = "left",
    }
}

impl WaitingStatus {
    /// Still on the list: in the queue or holding an offer.
    pub fn is_open(self) -> bool {
        matches!(self, WaitingStatus::Waiting | WaitingStatus::Offered)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            WaitingStatus::Waiting => lang.pick("På venteliste", "On the waiting list"),
            WaitingStatus::Offered => lang.pick("Plads tilbudt", "Place offered"),
            WaitingStatus::Accepted => lang.pick("Plads taget", "Place taken"),
            WaitingStatus::Lapsed => lang.pick("Tilbud udløbet", "Offer lapsed"),
            WaitingStatus::Left => lang.pick("Afmeldt ventelisten", "Left the list"),
        }
    }
}

/// Until when a place freed at `now` is held for the first on the list of a session starting at
/// `starts_at` with the cancellation deadline `deadline` (none where the rule has none). None:
/// no offer, the place is free for anyone.
pub fn offer_until(
    rules: &WaitingListRules,
    now: DateTime<Utc>,
    starts_at: DateTime<Utc>,
    deadline: Option<&Deadline>,
) -> Option<DateTime<Utc>> {
    // The last instant a cancellation is on time: accepted by then, it can still be cancelled
    // on time.
    let deadline = deadline.map(|d| d.on_time_before - Duration::seconds(1));
    let short = Duration::minutes(i64::from(rules.short_hold_minutes));
    let latest_offer = starts_at - Duration::minutes(i64::from(rules.last_offer_minutes));
    if now >= latest_offer {
        return None;
    }
    let normal = next_time_of_day(
        now + Duration::hours(i64::from(rules.min_hold_hours)),
        rules.hold_until,
    );
    // The deadline bounds the hold, unless it is too near or past: then the short hold.
    let held = match deadline {
        Some(d) if d - now >= short => normal.min(d),
        Some(_) => now + short,
        None => normal,
    };
    Some(held.min(latest_offer))
}

/// The first instant at or after `from` that is `time` o'clock in Denmark.
fn next_time_of_day(from: DateTime<Utc>, time: NaiveTime) -> DateTime<Utc> {
    let day = local_date(from);
    [day, day + Days::new(1), day + Days::new(2)]
        .into_iter()
        .filter_map(|d| local_instant(d, time.hour(), time.minute()))
        .find(|t| *t >= from)
        .expect("a time of day comes within two days")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deadlines::{cancellation_deadline, CancellationRule};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    fn rules() -> WaitingListRules {
        WaitingListRules {
            hold_until: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
            min_hold_hours: 3,
            short_hold_minutes: 60,
            last_offer_minutes: 120,
        }
    }

    /// Vejen's rule: the day before, to 23:59:59.
    fn vejen_deadline(starts_at: DateTime<Utc>) -> Option<Deadline> {
        cancellation_deadline(CancellationRule::EndOfDayBefore, starts_at)
    }

    #[test]
    fn the_rule_in_words_says_the_numbers_of_the_file() {
        let da = rules().in_words(Lang::Da);
        assert!(da.contains("til kl. 18.00, dog mindst 3 timer"), "{da}");
        assert!(da.contains("holdt i en time"), "{da}");
        assert!(da.contains("senere end 2 timer før starten"), "{da}");
        let r = WaitingListRules {
            short_hold_minutes: 45,
            ..rules()
        };
        assert!(r.in_words(Lang::En).contains("held for 45 minutes"));
    }

    #[test]
    fn freed_in_the_morning_held_until_six_that_evening() {
        let starts = at("2026-03-12T10:00:00+01:00");
        let now = at("2026-03-09T09:15:00+01:00");
        assert_eq!(
            offer_until(&rules(), now, starts, vejen_deadline(starts).as_ref()),
            Some(at("2026-03-09T18:00:00+01:00"))
        );
    }

    #[test]
    fn freed_late_in_the_day_held_until_six_the_next_evening() {
        let starts = at("2026-03-12T10:00:00+01:00");
        // 15:30 + 3 hours is past 18:00: the next day's 18:00.
        let now = at("2026-03-09T15:30:00+01:00");
        assert_eq!(
            offer_until(&rules(), now, starts, vejen_deadline(starts).as_ref()),
            Some(at("2026-03-10T18:00:00+01:00"))
        );
    }

    #[test]
    fn never_held_past_the_cancellation_deadline() {
        // Starts Thursday 10:00; the deadline is Wednesday 23:59:59. Freed Wednesday 20:00: the
        // next 18:00 is Thursday's, past the deadline, so it is held until the deadline.
        let starts = at("2026-03-12T10:00:00+01:00");
        let now = at("2026-03-11T20:00:00+01:00");
        assert_eq!(
            offer_until(&rules(), now, starts, vejen_deadline(starts).as_ref()),
            Some(at("2026-03-11T23:59:59+01:00"))
        );
    }

    #[test]
    fn close_to_the_start_held_a_short_time_then_free_for_anyone() {
        let starts = at("2026-03-12T10:00:00+01:00");
        // After the deadline, early on the day: an hour.
        let now = at("2026-03-12T06:00:00+01:00");
        assert_eq!(
            offer_until(&rules(), now, starts, vejen_deadline(starts).as_ref()),
            Some(at("2026-03-12T07:00:00+01:00"))
        );
        // Ten minutes before the deadline: the deadline is too near, an hour instead.
        let now = at("2026-03-11T23:50:00+01:00");
        assert_eq!(
            offer_until(&rules(), now, starts, vejen_deadline(starts).as_ref()),
            Some(at("2026-03-12T00:50:00+01:00"))
        );
        // Never held later than two hours before the start.
        for now in ["2026-03-12T07:00:00+01:00", "2026-03-12T07:59:59+01:00"] {
            assert_eq!(
                offer_until(&rules(), at(now), starts, vejen_deadline(starts).as_ref()),
                Some(at("2026-03-12T08:00:00+01:00")),
                "{now}"
            );
        }
        // From then, no offer: the place is free for anyone.
        let now = at("2026-03-12T08:00:00+01:00");
        assert_eq!(
            offer_until(&rules(), now, starts, vejen_deadline(starts).as_ref()),
            None
        );
        let now = at("2026-03-12T09:30:00+01:00");
        assert_eq!(
            offer_until(&rules(), now, starts, vejen_deadline(starts).as_ref()),
            None
        );
    }

    #[test]
    fn without_a_deadline_held_until_six_but_not_past_the_last_offer() {
        let starts = at("2026-03-10T19:00:00+01:00");
        let now = at("2026-03-10T09:00:00+01:00");
        assert_eq!(
            offer_until(&rules(), now, starts, None),
            Some(at("2026-03-10T17:00:00+01:00"))
        );
    }

    #[test]
    fn six_in_the_evening_is_local_time_across_summer_time() {
        // Summer time begins on 29 March 2026: 18:00 is then 16:00 UTC.
        let starts = at("2026-04-02T10:00:00+02:00");
        let now = at("2026-03-29T09:00:00+02:00");
        assert_eq!(
            offer_until(&rules(), now, starts, vejen_deadline(starts).as_ref()),
            Some(at("2026-03-29T16:00:00Z"))
        );
    }
}
