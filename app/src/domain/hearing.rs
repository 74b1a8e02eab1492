//! Hearing the citizen before a course is ended (partshøring, GEN-2; BRS-18d, FRB-16, VEJ-13).
//!
//! Ending a granted course is a decision (GEN-1). Before it, the citizen must be told the facts
//! the municipality would rely on (here: the attendance record) and be given time to answer
//! (Fvl § 19). The answer period is practice, not statute (RULES.md GEN-2: "commonly 7–14
//! days"); each municipality's file sets it (`[rules.hearing] answer_days`, 14 in all five).
//!
//! Readings that cost the citizen no right:
//! - The period is counted as a complaint period is (CAL-8): the day the letter is published in
//!   the portal is not counted, and a last day on a Saturday, Sunday or public holiday moves to
//!   the next working day; the answer is in time until 23:59:59 that day.
//! - An answer that arrives after the deadline, but before the caseworker has decided, is still
//!   taken in and shown (marked late); the caseworker decides on everything received.
//! - Nothing ends by itself: the caseworker decides after the answer or after the deadline.
//! - Sessions after the last training day are cancelled by the municipality and never counted
//!   against the citizen.
use super::deadlines::Deadline;
use super::lang::{FieldProblem, Lang};
use super::termination::{Attendance, SessionOutcome};
use super::time_format::{local_date, long_date};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

crate::coded! {
    /// Where a hearing stands.
    pub enum HearingStatus {
        /// The letter is out; the citizen may answer.
        AwaitingAnswer = "awaiting_answer",
        /// The citizen (or a relative) answered, or staff recorded an answer by phone.
        Answered = "answered",
        /// The caseworker decided that the course continues.
        Continued = "continued",
        /// The caseworker made a termination decision.
        Terminated = "terminated",
    }
}

impl HearingStatus {
    /// Still waiting for the caseworker's decision.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            HearingStatus::AwaitingAnswer | HearingStatus::Answered
        )
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            HearingStatus::AwaitingAnswer => lang.pick("Venter på svar", "Awaiting an answer"),
            HearingStatus::Answered => lang.pick("Besvaret", "Answered"),
            HearingStatus::Continued => lang.pick("Forløbet fortsætter", "The course continues"),
            HearingStatus::Terminated => lang.pick("Forløbet afsluttes", "The course ends"),
        }
    }
}

crate::coded! {
    /// How an answer reached the municipality.
    pub enum AnswerChannel {
        /// Written in the portal by the citizen or a relative.
        Portal = "portal",
        /// Given by phone and recorded by staff.
        Phone = "phone",
    }
}

/// The municipality file's `[rules.hearing]`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HearingRules {
    /// Days the citizen has to answer, counted from the day after the letter.
    pub answer_days: u32,
    pub rule_id: String,
    /// Why this period (the standards are silent; GEN-2 names 7–14 days as practice).
    pub reading: String,
    /// Where a termination rule is not quantified (VEJ-13 "gentagne gange"), the number of
    /// cancellations and no-shows at which the staff's course list suggests a review. A
    /// suggestion, never a trigger.
    #[serde(default)]
    pub review_suggestion_at: Option<u32>,
}

impl Default for HearingRules {
    fn default() -> Self {
        HearingRules {
            answer_days: 14,
            rule_id: "GEN-2".into(),
            reading: "Standarden nævner ingen svarfrist; 14 dage er almindelig praksis (GEN-2)."
                .into(),
            review_suggestion_at: None,
        }
    }
}

/// The last moment to answer a hearing letter published at `published`.
pub fn answer_deadline(published: DateTime<Utc>, days: u32) -> Deadline {
    super::deadlines::citizen_deadline_after_days(local_date(published), u64::from(days))
}

/// Whether the caseworker may decide now: after an answer, or once the answer period is over.
pub fn may_decide(status: HearingStatus, answer_due: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    match status {
        HearingStatus::Answered => true,
        // The deadline's last second is `answer_due` (23:59:59): the period is over only from
        // the next instant on.
        HearingStatus::AwaitingAnswer => now >= answer_due + chrono::Duration::seconds(1),
        HearingStatus::Continued | HearingStatus::Terminated => false,
    }
}

/// What the attendance record shows, as the letter and the staff's course list state it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceSummary {
    pub attended: u32,
    pub no_shows: u32,
    pub cancelled_on_time: u32,
    pub cancelled_late: u32,
    pub excused: u32,
    /// The longest run from a missed session to the next attended one (or to `today` while
    /// still away), in days.
    pub longest_interruption_days: i64,
}

impl AttendanceSummary {
    pub fn of(history: &[Attendance], today: NaiveDate) -> AttendanceSummary {
        let mut s = AttendanceSummary::default();
        let mut missed_since: Option<NaiveDate> = None;
        for a in history {
            match a.outcome {
                SessionOutcome::Attended => s.attended += 1,
                SessionOutcome::NoShow => s.no_shows += 1,
                SessionOutcome::CancelledOnTime => s.cancelled_on_time += 1,
                SessionOutcome::CancelledLate => s.cancelled_late += 1,
                SessionOutcome::Excused => s.excused += 1,
            }
            match a.outcome {
                SessionOutcome::Attended => {
                    if let Some(from) = missed_since.take() {
                        s.longest_interruption_days =
                            s.longest_interruption_days.max((a.date - from).num_days());
                    }
                }
                SessionOutcome::Excused => {}
                _ => {
                    missed_since.get_or_insert(a.date);
                }
            }
        }
        if let Some(from) = missed_since {
            s.longest_interruption_days = s
                .longest_interruption_days
                .max((today - from).num_days().max(0));
        }
        s
    }

    /// Cancellations and no-shows together: what "gentagne gange" (VEJ-13) speaks of.
    pub fn missed(&self) -> u32 {
        self.no_shows + self.cancelled_on_time + self.cancelled_late
    }

    /// The record in one sentence.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Da => format!(
                "Du har deltaget i {} træninger. Du har meldt afbud {} gange i tide og {} gange for sent, og du er udeblevet uden afbud {} gange. {} aflyste tider skyldtes lovligt fravær og tæller ikke med. Den længste afbrydelse var {} dage.",
                self.attended, self.cancelled_on_time, self.cancelled_late, self.no_shows, self.excused, self.longest_interruption_days
            ),
            Lang::En => format!(
                "You have attended {} sessions. You cancelled {} times on time and {} times late, and did not show up without notice {} times. {} cancelled sessions were excused absences and do not count. The longest interruption was {} days.",
                self.attended, self.cancelled_on_time, self.cancelled_late, self.no_shows, self.excused, self.longest_interruption_days
            ),
        }
    }
}

/// The attendance record line by line, as the letter lists it.
pub fn history_lines(history: &[Attendance], lang: Lang) -> Vec<String> {
    history
        .iter()
        .map(|a| {
            let what = match a.outcome {
                SessionOutcome::Attended => lang.pick("deltog", "attended"),
                SessionOutcome::NoShow => lang.pick("udeblev uden afbud", "no-show without notice"),
                SessionOutcome::CancelledOnTime => lang.pick("afbud i tide", "cancelled on time"),
                SessionOutcome::CancelledLate => lang.pick("afbud for sent", "cancelled late"),
                SessionOutcome::Excused => lang.pick("lovligt fravær", "excused absence"),
            };
            format!("{}: {what}", long_date(lang, a.date))
        })
        .collect()
}

/// VEJ-13's "gentagne gange" is not a number, so nothing is flagged; the staff's course list
/// suggests a talk once cancellations and no-shows reach `at` (the file's
/// `review_suggestion_at`). A suggestion only, never a trigger.
pub fn review_suggested(summary: &AttendanceSummary, at: Option<u32>) -> bool {
    at.is_some_and(|n| n > 0 && summary.missed() >= n)
}

/// What the hearing letter states, kept with the hearing as it was sent: the attendance record
/// and the rule in the standard's own words.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HearingFacts {
    pub summary_da: String,
    pub summary_en: String,
    pub lines_da: Vec<String>,
    pub lines_en: Vec<String>,
    pub rule_id: Option<String>,
    /// The standard's words for the rule.
    pub rule_source: Option<String>,
    /// The review flag's facts, when the hearing answers one.
    pub flag_da: Option<String>,
    pub flag_en: Option<String>,
}

impl HearingFacts {
    pub fn of(
        history: &[Attendance],
        today: NaiveDate,
        rule: Option<&super::termination::TerminationRule>,
        flag: Option<&super::termination::ReviewFlag>,
    ) -> HearingFacts {
        let summary = AttendanceSummary::of(history, today);
        HearingFacts {
            summary_da: summary.text(Lang::Da),
            summary_en: summary.text(Lang::En),
            lines_da: history_lines(history, Lang::Da),
            lines_en: history_lines(history, Lang::En),
            rule_id: rule.map(|r| r.rule_id.clone()),
            rule_source: rule.map(|r| r.source.clone()),
            flag_da: flag.map(|f| f.facts_da.clone()),
            flag_en: flag.map(|f| f.facts_en.clone()),
        }
    }
}

/// The caseworker's termination, as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TerminationInput {
    pub outcome: String,
    pub reasons: String,
    pub last_day: String,
}

/// What the caseworker decided.
#[derive(Clone, Debug, PartialEq)]
pub enum HearingDecision {
    Continue {
        note: String,
    },
    Terminate {
        reasons: String,
        last_day: NaiveDate,
    },
}

/// Checks the decision form: the course continues (a note is optional), or it ends with
/// reasons (Fvl § 22: the decision goes against the citizen) and a last training day that is not
/// in the past.
pub fn check_decision(
    input: &TerminationInput,
    today: NaiveDate,
) -> Result<HearingDecision, Vec<FieldProblem>> {
    match input.outcome.as_str() {
        "continue" => Ok(HearingDecision::Continue {
            note: input.reasons.trim().to_string(),
        }),
        "terminate" => {
            let mut problems = Vec::new();
            let reasons = input.reasons.trim().to_string();
            if reasons.is_empty() {
                problems.push((
                    "felt-begrundelse",
                    "Skriv begrundelsen for at afslutte forløbet. Borgeren har ret til at kende den.",
                    "Write the reasons for ending the course. The citizen has a right to know them.",
                ));
            }
            let day = super::time_format::parse_day(input.last_day.trim());
            match day {
                None if input.last_day.trim().is_empty() => problems.push((
                    "felt-sidste-dag",
                    "Skriv den sidste træningsdag.",
                    "Give the last training day.",
                )),
                None => problems.push((
                    "felt-sidste-dag",
                    "Skriv datoen som dag.måned.år, for eksempel 16.3.2026.",
                    "Write the date as day.month.year, for example 16.3.2026.",
                )),
                Some(d) if d < today => problems.push((
                    "felt-sidste-dag",
                    "Den sidste træningsdag kan ikke ligge før i dag.",
                    "The last training day cannot be before today.",
                )),
                Some(_) => {}
            }
            match (problems.is_empty(), day) {
                (true, Some(last_day)) => Ok(HearingDecision::Terminate { reasons, last_day }),
                _ => Err(problems),
            }
        }
        _ => Err(vec![(
            "felt-resultat",
            "Vælg, om forløbet fortsætter eller afsluttes.",
            "Choose whether the course continues or ends.",
        )]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time_format::local_instant;
    use chrono::Duration;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_answer_period_counts_from_the_day_after_the_letter_and_ends_on_a_working_day() {
        // Published Wednesday 18 March 2026 at 16:00: 14 days on is Wednesday 1 April.
        let published = local_instant(d(2026, 3, 18), 16, 0).unwrap();
        let due = answer_deadline(published, 14);
        assert_eq!(local_date(due.shown), d(2026, 4, 1));
        assert_eq!(
            crate::domain::time_format::clock_time(Lang::Da, due.shown),
            "23.59"
        );
        // Published Thursday 19 March: 14 days on is Skærtorsdag 2 April; then Langfredag,
        // the weekend and 2. påskedag: the last day is Tuesday 7 April.
        let published = local_instant(d(2026, 3, 19), 9, 0).unwrap();
        assert_eq!(
            local_date(answer_deadline(published, 14).shown),
            d(2026, 4, 7)
        );
    }

    #[test]
    fn the_caseworker_decides_after_an_answer_or_after_the_deadline_never_before() {
        let published = local_instant(d(2026, 3, 18), 16, 0).unwrap();
        let due = answer_deadline(published, 14).shown;
        let during = published + Duration::days(3);
        assert!(!may_decide(HearingStatus::AwaitingAnswer, due, during));
        assert!(!may_decide(HearingStatus::AwaitingAnswer, due, due));
        assert!(may_decide(
            HearingStatus::AwaitingAnswer,
            due,
            due + Duration::seconds(1)
        ));
        assert!(may_decide(HearingStatus::Answered, due, during));
        assert!(!may_decide(
            HearingStatus::Terminated,
            due,
            due + Duration::days(9)
        ));
    }

    #[test]
    fn the_summary_counts_what_the_rules_count_and_the_longest_interruption() {
        use SessionOutcome::*;
        let h = [
            Attendance {
                date: d(2026, 3, 3),
                outcome: Attended,
            },
            Attendance {
                date: d(2026, 3, 10),
                outcome: CancelledOnTime,
            },
            Attendance {
                date: d(2026, 3, 17),
                outcome: NoShow,
            },
            Attendance {
                date: d(2026, 3, 24),
                outcome: Attended,
            },
            Attendance {
                date: d(2026, 3, 31),
                outcome: Excused,
            },
            Attendance {
                date: d(2026, 4, 7),
                outcome: CancelledLate,
            },
        ];
        let s = AttendanceSummary::of(&h, d(2026, 4, 10));
        assert_eq!(
            (
                s.attended,
                s.cancelled_on_time,
                s.cancelled_late,
                s.no_shows,
                s.excused
            ),
            (2, 1, 1, 1, 1)
        );
        assert_eq!(s.longest_interruption_days, 14);
        assert_eq!(s.missed(), 3);
        assert!(s.text(Lang::Da).contains("udeblevet uden afbud 1 gange"));
        assert!(review_suggested(&s, Some(3)));
        assert!(!review_suggested(&s, Some(4)));
        assert!(!review_suggested(&s, None));
        assert_eq!(
            history_lines(&h, Lang::Da)[1],
            "tirsdag 10. marts 2026: afbud i tide"
        );
    }

    #[test]
    fn ending_a_course_needs_reasons_and_a_last_day_not_in_the_past() {
        let today = d(2026, 4, 10);
        let input = |o: &str, r: &str, l: &str| TerminationInput {
            outcome: o.into(),
            reasons: r.into(),
            last_day: l.into(),
        };
        assert_eq!(
            check_decision(
                &input("terminate", "Udeblevet tre gange.", "2026-04-17"),
                today
            ),
            Ok(HearingDecision::Terminate {
                reasons: "Udeblevet tre gange.".into(),
                last_day: d(2026, 4, 17)
            })
        );
        let fields = |r: Result<HearingDecision, Vec<FieldProblem>>| {
            r.unwrap_err().into_iter().map(|p| p.0).collect::<Vec<_>>()
        };
        assert_eq!(
            fields(check_decision(&input("terminate", " ", ""), today)),
            ["felt-begrundelse", "felt-sidste-dag"]
        );
        assert_eq!(
            fields(check_decision(&input("terminate", "x", "9.4.2026"), today)),
            ["felt-sidste-dag"]
        );
        assert_eq!(
            fields(check_decision(&input("", "", ""), today)),
            ["felt-resultat"]
        );
        assert_eq!(
            check_decision(&input("continue", "", ""), today),
            Ok(HearingDecision::Continue {
                note: String::new()
            })
        );
    }
}
