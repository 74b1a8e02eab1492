//! Termination rules over a course's attendance history (BRS-18a/b/c, FRB-16, VEJ-13). They
//! raise review flags with the facts for a therapist or caseworker; ending a course is always a
//! written decision after a hearing (GEN-1, GEN-2), never automatic.
//!
//! The history holds only what the rules may count: a booking the citizen moved to another time
//! is not in it (no training was lost), and a session missed for an excused reason (a hospital
//! stay, an absence marked excused) is `Excused`, which no rule counts. A rule met once can be met
//! again later (a second interruption, a further cancellation): each time it warns and flags.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionOutcome {
    Attended,
    NoShow,
    Excused,
    CancelledOnTime,
    CancelledLate,
}

impl SessionOutcome {
    fn is_cancellation(self) -> bool {
        matches!(
            self,
            SessionOutcome::CancelledOnTime | SessionOutcome::CancelledLate
        )
    }
}

/// One session of the course and what happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    pub date: NaiveDate,
    pub outcome: SessionOutcome,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Trigger {
    /// The n-th cancellation, on time or late (BRS-18b).
    CancellationCount { count: u32 },
    /// Training interrupted for more than `max_days` (BRS-18a): from the first missed session to
    /// the next attended one (or to today while still away).
    Interruption { max_days: i64 },
    /// At least `count` no-shows without notice within any `window_days` days (BRS-18c, reading A).
    NoShowsWithin { count: u32, window_days: i64 },
    /// More than `more_than` no-shows without notice in the course (FRB-16). Late cancellations
    /// are notices, not no-shows.
    NoShowsMoreThan { more_than: u32 },
    /// "gentagne gange": not quantified; the therapist judges, nothing is flagged (VEJ-13).
    Unquantified,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerminationRule {
    pub trigger: Trigger,
    pub rule_id: String,
    pub source: String,
    #[serde(default)]
    pub reading: Option<String>,
}

/// A rule that is met, with the facts, for review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewFlag {
    pub rule_id: String,
    pub facts_da: String,
    pub facts_en: String,
    /// Which occurrence of the rule this is: the day an interruption or a window of no-shows
    /// began. Two flags of a rule with the same day are the same occurrence (an interruption
    /// still running and the same one ended); none for rules counted over the course.
    #[serde(default)]
    pub since: Option<NaiveDate>,
}

impl ReviewFlag {
    /// The same occurrence of the same rule.
    pub fn same_as(&self, other: &ReviewFlag) -> bool {
        self.rule_id == other.rule_id
            && match (self.since, other.since) {
                (Some(a), Some(b)) => a == b,
                _ => self.facts_en == other.facts_en,
            }
    }
}

/// The flags the history raises as of `today`. `history` may be in any order.
pub fn evaluate(
    rules: &[TerminationRule],
    history: &[Attendance],
    today: NaiveDate,
) -> Vec<ReviewFlag> {
    let mut h = history.to_vec();
    h.sort_by_key(|a| a.date);
    rules.iter().flat_map(|r| flags(r, &h, today)).collect()
}

/// The flags that `next` would raise that the history does not already raise: what a citizen
/// must be warned about before confirming.
pub fn would_raise(
    rules: &[TerminationRule],
    history: &[Attendance],
    next: Attendance,
    today: NaiveDate,
) -> Vec<ReviewFlag> {
    would_raise_all(rules, history, &[next], today)
}

/// The flags that all of `next` together would raise that the history does not already raise
/// (an absence period cancelling several sessions at once).
pub fn would_raise_all(
    rules: &[TerminationRule],
    history: &[Attendance],
    next: &[Attendance],
    today: NaiveDate,
) -> Vec<ReviewFlag> {
    let before = evaluate(rules, history, today);
    let mut after_history = history.to_vec();
    after_history.extend_from_slice(next);
    evaluate(rules, &after_history, today)
        .into_iter()
        .filter(|f| !before.iter().any(|b| b.same_as(f)))
        .collect()
}

/// Every time the history meets the rule: one flag for a rule counted over the course, one per
/// interruption or window of no-shows.
fn flags(rule: &TerminationRule, h: &[Attendance], today: NaiveDate) -> Vec<ReviewFlag> {
    let raise = |(since, da, en): (Option<NaiveDate>, String, String)| ReviewFlag {
        rule_id: rule.rule_id.clone(),
        facts_da: da,
        facts_en: en,
        since,
    };
    match rule.trigger {
        Trigger::Interruption { max_days } => interruptions(h, max_days, today)
            .into_iter()
            .map(raise)
            .collect(),
        Trigger::NoShowsWithin { count, window_days } => {
            let dates: Vec<NaiveDate> = h
                .iter()
                .filter(|a| a.outcome == SessionOutcome::NoShow)
                .map(|a| a.date)
                .collect();
            dates
                .iter()
                .enumerate()
                .filter(|(i, d)| {
                    dates[*i..]
                        .iter()
                        .take_while(|e| (**e - **d).num_days() < window_days)
                        .count() as u32
                        >= count
                })
                .map(|(_, d)| {
                    raise((
                        Some(*d),
                        format!("Udeblivelse uden afbud den {d}."),
                        format!("No-show without notice on {d}."),
                    ))
                })
                .collect()
        }
        _ => flag(rule, h)
            .map(|(da, en)| raise((None, da, en)))
            .into_iter()
            .collect(),
    }
}

/// Each interruption of more than `max_days`: from the first missed session to the next attended
/// one, or to `today` while it lasts. An excused session starts none, and ends a running one at
/// its date: the days of an excused absence never count.
fn interruptions(
    h: &[Attendance],
    max_days: i64,
    today: NaiveDate,
) -> Vec<(Option<NaiveDate>, String, String)> {
    let mut out = Vec::new();
    let mut first_missed: Option<NaiveDate> = None;
    for a in h {
        match (a.outcome, first_missed) {
            (SessionOutcome::Excused, None) => {}
            (SessionOutcome::Attended | SessionOutcome::Excused, Some(m)) => {
                let days = (a.date - m).num_days();
                if days > max_days {
                    out.push((
                        Some(m),
                        format!(
                            "Træningen var afbrudt fra {m} til {} ({days} dage).",
                            a.date
                        ),
                        format!(
                            "Training was interrupted from {m} to {} ({days} days).",
                            a.date
                        ),
                    ));
                }
                first_missed = None;
            }
            (SessionOutcome::Attended, None) => {}
            (_, None) => first_missed = Some(a.date),
            (_, Some(_)) => {}
        }
    }
    if let Some(m) = first_missed {
        let days = (today - m).num_days();
        if days > max_days {
            out.push((
                Some(m),
                format!("Træningen har været afbrudt siden {m} ({days} dage)."),
                format!("Training has been interrupted since {m} ({days} days)."),
            ));
        }
    }
    out
}

fn flag(rule: &TerminationRule, h: &[Attendance]) -> Option<(String, String)> {
    let raise = |da: String, en: String| Some((da, en));
    match rule.trigger {
        Trigger::Unquantified | Trigger::Interruption { .. } => None,
        Trigger::CancellationCount { count } => {
            let n = h.iter().filter(|a| a.outcome.is_cancellation()).count() as u32;
            (n >= count).then_some(())?;
            raise(
                format!("{n} afbud i forløbet."),
                format!("{n} cancellations in the course."),
            )
        }
        Trigger::NoShowsMoreThan { more_than } => {
            let n = h
                .iter()
                .filter(|a| a.outcome == SessionOutcome::NoShow)
                .count() as u32;
            (n > more_than).then_some(())?;
            raise(
                format!("{n} udeblivelser uden afbud."),
                format!("{n} no-shows without notice."),
            )
        }
        Trigger::NoShowsWithin { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn rule(trigger: Trigger, id: &str) -> TerminationRule {
        TerminationRule {
            trigger,
            rule_id: id.into(),
            source: String::new(),
            reading: None,
        }
    }

    fn broenderslev() -> Vec<TerminationRule> {
        vec![
            rule(Trigger::Interruption { max_days: 7 }, "BRS-18a"),
            rule(Trigger::CancellationCount { count: 2 }, "BRS-18b"),
            rule(
                Trigger::NoShowsWithin {
                    count: 1,
                    window_days: 21,
                },
                "BRS-18c",
            ),
        ]
    }

    fn a(date: NaiveDate, outcome: SessionOutcome) -> Attendance {
        Attendance { date, outcome }
    }

    // T40: weekly Tuesdays from 3 March 2026; 10 March cancelled on time, 17 March attended.
    #[test]
    fn t40_first_on_time_cancellation() {
        let h = [
            a(d(3, 3), SessionOutcome::Attended),
            a(d(3, 10), SessionOutcome::CancelledOnTime),
            a(d(3, 17), SessionOutcome::Attended),
        ];
        assert_eq!(evaluate(&broenderslev(), &h, d(3, 18)), vec![]);
    }

    // T41: the second cancellation is warned about, then raises BRS-18b (and nothing ends).
    #[test]
    fn t41_second_cancellation() {
        let h = [
            a(d(3, 3), SessionOutcome::Attended),
            a(d(3, 10), SessionOutcome::CancelledOnTime),
            a(d(3, 17), SessionOutcome::Attended),
        ];
        let warn = would_raise(
            &broenderslev(),
            &h,
            a(d(3, 24), SessionOutcome::CancelledOnTime),
            d(3, 20),
        );
        assert_eq!(
            warn.iter().map(|f| f.rule_id.as_str()).collect::<Vec<_>>(),
            vec!["BRS-18b"]
        );
        assert_eq!(warn[0].facts_da, "2 afbud i forløbet.");
    }

    #[test]
    fn an_absence_of_two_sessions_at_once_is_warned_about_as_the_second_cancellation() {
        let h = [a(d(3, 3), SessionOutcome::Attended)];
        let away = [
            a(d(3, 10), SessionOutcome::CancelledOnTime),
            a(d(3, 17), SessionOutcome::CancelledOnTime),
        ];
        let warn = would_raise_all(&broenderslev(), &h, &away, d(3, 5));
        assert_eq!(
            warn.iter().map(|f| f.rule_id.as_str()).collect::<Vec<_>>(),
            vec!["BRS-18b"]
        );
        assert!(would_raise_all(&broenderslev(), &h, &away[..1], d(3, 5)).is_empty());
    }

    #[test]
    fn brs_18a_two_missed_weeks_is_an_interruption() {
        let h = [
            a(d(3, 3), SessionOutcome::Attended),
            a(d(3, 10), SessionOutcome::CancelledOnTime),
            a(d(3, 17), SessionOutcome::CancelledLate),
            a(d(3, 24), SessionOutcome::Attended),
        ];
        let flags = evaluate(
            &[rule(Trigger::Interruption { max_days: 7 }, "BRS-18a")],
            &h,
            d(3, 25),
        );
        assert_eq!(
            flags[0].facts_en,
            "Training was interrupted from 2026-03-10 to 2026-03-24 (14 days)."
        );
        // Still away: measured to today.
        let away = [
            a(d(3, 3), SessionOutcome::Attended),
            a(d(3, 10), SessionOutcome::CancelledOnTime),
        ];
        assert!(evaluate(&broenderslev()[..1], &away, d(3, 17)).is_empty());
        assert_eq!(evaluate(&broenderslev()[..1], &away, d(3, 18)).len(), 1);
    }

    #[test]
    fn an_excused_absence_counts_toward_no_rule() {
        // Three weeks in hospital: no interruption, no cancellations, no no-show.
        let h = [
            a(d(3, 3), SessionOutcome::Attended),
            a(d(3, 10), SessionOutcome::Excused),
            a(d(3, 17), SessionOutcome::Excused),
            a(d(3, 24), SessionOutcome::Excused),
            a(d(3, 31), SessionOutcome::Attended),
        ];
        assert!(evaluate(&broenderslev(), &h, d(4, 1)).is_empty());
        // Still in hospital a month on: nothing either.
        assert!(evaluate(&broenderslev(), &h[..4], d(4, 20)).is_empty());
        // One cancellation, then a hospital stay: the interruption ends where the excused
        // absence begins (7 days, no flag); the stay's days never count.
        let h = [
            a(d(3, 3), SessionOutcome::Attended),
            a(d(3, 10), SessionOutcome::CancelledOnTime),
            a(d(3, 17), SessionOutcome::Excused),
            a(d(3, 24), SessionOutcome::Excused),
            a(d(3, 31), SessionOutcome::Attended),
        ];
        assert!(evaluate(&broenderslev()[..1], &h, d(4, 1)).is_empty());
        // Two cancellations before it: 14 days, a flag, up to the stay.
        let h = [
            a(d(3, 3), SessionOutcome::Attended),
            a(d(3, 10), SessionOutcome::CancelledOnTime),
            a(d(3, 17), SessionOutcome::CancelledOnTime),
            a(d(3, 24), SessionOutcome::Excused),
            a(d(3, 31), SessionOutcome::Attended),
        ];
        let flags = evaluate(&broenderslev()[..1], &h, d(4, 1));
        assert_eq!(
            flags[0].facts_en,
            "Training was interrupted from 2026-03-10 to 2026-03-24 (14 days)."
        );
    }

    #[test]
    fn a_second_no_show_meets_brs_18c_again_and_an_ending_interruption_is_the_same_one() {
        let brs_18c = &broenderslev()[2..];
        let h = [
            a(d(3, 3), SessionOutcome::Attended),
            a(d(3, 10), SessionOutcome::NoShow),
        ];
        let again = would_raise(brs_18c, &h, a(d(4, 14), SessionOutcome::NoShow), d(4, 15));
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].since, Some(d(4, 14)));
        // An interruption running since 10 March, ended by attending on 24 March: the same
        // occurrence, no second warning.
        let running = [
            a(d(3, 3), SessionOutcome::Attended),
            a(d(3, 10), SessionOutcome::CancelledOnTime),
            a(d(3, 17), SessionOutcome::CancelledOnTime),
        ];
        assert!(would_raise(
            &broenderslev()[..1],
            &running,
            a(d(3, 24), SessionOutcome::Attended),
            d(3, 24)
        )
        .is_empty());
    }

    #[test]
    fn a_rule_met_again_later_warns_again() {
        let first = [
            a(d(3, 3), SessionOutcome::Attended),
            a(d(3, 10), SessionOutcome::CancelledOnTime),
            a(d(3, 17), SessionOutcome::CancelledOnTime),
            a(d(3, 24), SessionOutcome::Attended),
            a(d(3, 31), SessionOutcome::Attended),
        ];
        let interruption = &broenderslev()[..1];
        assert_eq!(evaluate(interruption, &first, d(4, 1)).len(), 1);
        // A second interruption in May is warned about and flagged on its own.
        let again = [
            a(d(5, 5), SessionOutcome::CancelledOnTime),
            a(d(5, 12), SessionOutcome::CancelledOnTime),
            a(d(5, 19), SessionOutcome::Attended),
        ];
        let warn = would_raise_all(interruption, &first, &again, d(5, 1));
        assert_eq!(warn.len(), 1);
        assert!(warn[0].facts_en.contains("from 2026-05-05 to 2026-05-19"));
        // The third cancellation meets "2 cancellations" again.
        let count = &broenderslev()[1..2];
        let warn = would_raise(
            count,
            &first,
            a(d(5, 5), SessionOutcome::CancelledOnTime),
            d(5, 1),
        );
        assert_eq!(warn[0].facts_da, "3 afbud i forløbet.");
    }

    #[test]
    fn brs_18c_an_unexcused_no_show() {
        let h = [
            a(d(3, 3), SessionOutcome::Attended),
            a(d(3, 10), SessionOutcome::NoShow),
        ];
        assert_eq!(
            evaluate(&broenderslev()[2..], &h, d(3, 11))[0].rule_id,
            "BRS-18c"
        );
        let excused = [a(d(3, 10), SessionOutcome::Excused)];
        assert!(evaluate(&broenderslev()[2..], &excused, d(3, 11)).is_empty());
    }

    // T45 (FRB-16): more than two no-shows; a late cancellation is not a no-show.
    #[test]
    fn t45_fredensborg_third_no_show() {
        let rules = [rule(Trigger::NoShowsMoreThan { more_than: 2 }, "FRB-16")];
        let mut h = vec![
            a(d(9, 2), SessionOutcome::NoShow),
            a(d(9, 9), SessionOutcome::NoShow),
            a(d(9, 16), SessionOutcome::CancelledLate),
        ];
        assert!(evaluate(&rules, &h, d(9, 17)).is_empty());
        h.push(a(d(9, 23), SessionOutcome::NoShow));
        assert_eq!(
            evaluate(&rules, &h, d(9, 24))[0].facts_da,
            "3 udeblivelser uden afbud."
        );
    }

    #[test]
    fn vejen_repeated_absence_is_left_to_the_therapist() {
        let rules = [rule(Trigger::Unquantified, "VEJ-13")];
        let h: Vec<_> = (1..=9)
            .map(|w| a(d(3, w), SessionOutcome::NoShow))
            .collect();
        assert!(evaluate(&rules, &h, d(3, 30)).is_empty());
    }
}
