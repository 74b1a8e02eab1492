//! The text messages (issue 19, part 2): one SMS each, at most 160 GSM-7 characters, in plain
//! Danish, with times as local dates and times and no health details (no course, no name of a
//! training, no decision's content): "dit hold" and the time, and where to read more. The
//! email of the same notice has the rest. Pure.
use super::deadlines::{cancellation_deadline, CancellationRule};
use super::time_format::{clock_time, month_name, weekday_name};
use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Europe::Copenhagen;

use super::lang::Lang;

const FROM: &str = "Træningsportalen:";
const READ_MORE: &str = "Log ind på Træningsportalen for at se mere.";

/// "tirsdag 10. marts kl. 12.00", local time, without the year (a message is about days ahead).
pub fn when(t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&Copenhagen);
    format!(
        "{} {}. {} kl. {}",
        weekday_name(Lang::Da, local.weekday()),
        local.day(),
        month_name(Lang::Da, local.month0()),
        clock_time(Lang::Da, t)
    )
}

/// The municipality's cancellation deadline for a session, worded as on the training page:
/// "senest" up to and including the time, "inden" strictly before it.
pub fn deadline(rule: CancellationRule, starts_at: DateTime<Utc>) -> String {
    match (rule, cancellation_deadline(rule, starts_at)) {
        (CancellationRule::SameDayBefore { .. }, Some(d)) => {
            format!("Afmeld inden {} i Træningsportalen.", when(d.shown))
        }
        (_, Some(d)) => format!("Afmeld senest {} i Træningsportalen.", when(d.shown)),
        (_, None) => "Du kan afmelde i Træningsportalen.".into(),
    }
}

/// The reminder the day before a booked session, with the cancellation deadline.
pub fn reminder(starts_at: DateTime<Utc>, rule: CancellationRule) -> String {
    format!(
        "{FROM} Husk dit hold i morgen, {}. {}",
        when(starts_at),
        deadline(rule, starts_at)
    )
}

/// The municipality cancelled a booked session.
pub fn session_cancelled(starts_at: DateTime<Utc>) -> String {
    format!(
        "{FROM} Kommunen har aflyst dit hold {}. Det tæller ikke som dit afbud. {READ_MORE}",
        when(starts_at)
    )
}

/// The municipality proposes to move a booked session; it moves only if the citizen says yes.
pub fn move_proposed(from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    format!(
        "{FROM} Kommunen vil flytte dit hold {} til {}. Svar ja eller nej i Træningsportalen.",
        when(from),
        when(to)
    )
}

/// A place held for the first on a waiting list until `until`.
pub fn waiting_list_offer(starts_at: DateTime<Utc>, until: DateTime<Utc>) -> String {
    format!(
        "{FROM} En plads er ledig til dig på holdet {}. Tag den i Træningsportalen inden {}.",
        when(starts_at),
        when(until)
    )
}

/// Anything else for someone with no email address: that there is post, nothing of what.
pub fn post_waiting() -> String {
    format!("{FROM} Der er ny post til dig. {READ_MORE}")
}

/// The training unit has answered a message.
pub fn message_answered() -> String {
    format!("{FROM} Du har fået svar på en besked fra kommunen. {READ_MORE}")
}

/// A decision is waiting: to the citizen (`own`), or to a relative who follows the case.
pub fn decision_waiting(own: bool) -> String {
    let whose = if own { "Du har fået" } else { "Der er kommet" };
    format!(
        "{FROM} {whose} en afgørelse fra kommunen. Log ind på Træningsportalen for at læse den."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sms::fits_one_sms;
    use chrono::{Duration, TimeZone};

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Copenhagen
            .with_ymd_and_hms(y, mo, d, h, mi, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn times_are_local_and_the_deadline_is_worded_by_its_rule() {
        // Tuesday 31 March 2026, 10:00 summer time (08:00 UTC).
        let start = at(2026, 3, 31, 10, 0);
        assert_eq!(when(start), "tirsdag 31. marts kl. 10.00");
        assert_eq!(
            deadline(
                CancellationRule::DayBeforeAt {
                    hour: 12,
                    minute: 0
                },
                start
            ),
            "Afmeld senest mandag 30. marts kl. 12.00 i Træningsportalen."
        );
        assert_eq!(
            deadline(
                CancellationRule::SameDayBefore { hour: 8, minute: 0 },
                start
            ),
            "Afmeld inden tirsdag 31. marts kl. 08.00 i Træningsportalen."
        );
        assert_eq!(
            deadline(CancellationRule::EndOfDayBefore, start),
            "Afmeld senest mandag 30. marts kl. 23.59 i Træningsportalen."
        );
        assert_eq!(
            deadline(CancellationRule::None, start),
            "Du kan afmelde i Træningsportalen."
        );
        let r = reminder(
            start,
            CancellationRule::DayBeforeAt {
                hour: 12,
                minute: 0,
            },
        );
        assert!(r.contains("i morgen, tirsdag 31. marts kl. 10.00"), "{r}");
        assert!(
            r.contains("Afmeld senest mandag 30. marts kl. 12.00 i"),
            "{r}"
        );
    }

    #[test]
    fn every_message_fits_one_sms_on_its_longest_days() {
        let rules = [
            CancellationRule::None,
            CancellationRule::EndOfDayBefore,
            CancellationRule::DayBeforeAt {
                hour: 12,
                minute: 0,
            },
            CancellationRule::SameDayBefore { hour: 8, minute: 0 },
        ];
        // Every day of a year (the longest weekday and month names among them), at 23:45.
        let first = at(2026, 1, 1, 23, 45);
        for day in 0..366 {
            let t = first + Duration::days(day);
            let later = t + Duration::days(20);
            let mut texts = vec![
                session_cancelled(t),
                move_proposed(t, later),
                waiting_list_offer(later, t),
                decision_waiting(true),
                decision_waiting(false),
                message_answered(),
                post_waiting(),
            ];
            texts.extend(rules.iter().map(|r| reminder(t, *r)));
            for text in texts {
                assert!(
                    fits_one_sms(&text),
                    "{} characters: {text}",
                    text.chars().count()
                );
            }
        }
    }

    #[test]
    fn no_message_names_the_training_or_the_decision() {
        let t = at(2026, 9, 30, 10, 0);
        for text in [
            reminder(t, CancellationRule::EndOfDayBefore),
            session_cancelled(t),
            move_proposed(t, t),
            waiting_list_offer(t, t),
            decision_waiting(true),
            decision_waiting(false),
            message_answered(),
            post_waiting(),
        ] {
            for word in [
                "vedligeholdende",
                "genoptræning",
                "bevilget",
                "afslag",
                "diagnose",
            ] {
                assert!(!text.to_lowercase().contains(word), "{text}");
            }
        }
    }
}
