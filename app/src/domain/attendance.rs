//! A course's attendance history as the citizen and staff see it: what the therapist marked
//! (attended, no-show, excused) and the citizen's own cancellations (on time or late), counted,
//! and the termination rules that history is measured against, in plain words. The rules
//! themselves are in `termination`; a cancellation by the municipality is not in the history.
use super::lang::Lang;
use super::termination::{Attendance, SessionOutcome, TerminationRule, Trigger};
use serde::{Deserialize, Serialize};

impl SessionOutcome {
    pub fn code(self) -> &'static str {
        match self {
            SessionOutcome::Attended => "attended",
            SessionOutcome::NoShow => "no_show",
            SessionOutcome::Excused => "excused",
            SessionOutcome::CancelledOnTime => "cancelled_on_time",
            SessionOutcome::CancelledLate => "cancelled_late",
        }
    }

    pub fn from_code(code: &str) -> Option<SessionOutcome> {
        [
            SessionOutcome::Attended,
            SessionOutcome::NoShow,
            SessionOutcome::Excused,
            SessionOutcome::CancelledOnTime,
            SessionOutcome::CancelledLate,
        ]
        .into_iter()
        .find(|o| o.code() == code)
    }

    /// What a therapist can mark for a session that took place.
    pub const MARKS: [SessionOutcome; 3] = [
        SessionOutcome::Attended,
        SessionOutcome::NoShow,
        SessionOutcome::Excused,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            SessionOutcome::Attended => lang.pick("Mødt", "Attended"),
            SessionOutcome::NoShow => lang.pick("Udeblevet uden afbud", "No-show without notice"),
            SessionOutcome::Excused => {
                lang.pick("Fraværende med gyldig grund", "Absent with good reason")
            }
            SessionOutcome::CancelledOnTime => lang.pick("Afbud i god tid", "Cancelled on time"),
            SessionOutcome::CancelledLate => lang.pick("Sent afbud", "Cancelled late"),
        }
    }
}

/// What a cancelled booking was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CancelKind {
    /// The citizen cancelled the session.
    Cancelled,
    /// The citizen moved it to another time: no training is lost.
    Moved,
    /// An absence period cancelled it; whether it counts depends on the period's reason.
    Absence,
}

impl CancelKind {
    pub fn code(self) -> &'static str {
        match self {
            CancelKind::Cancelled => "cancelled",
            CancelKind::Moved => "moved",
            CancelKind::Absence => "absence",
        }
    }
}

/// Why a cancellation is late.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LateReason {
    /// After the municipality's deadline.
    AfterDeadline,
    /// After the session had begun (a notice is accepted all the same, FRB-15).
    AfterSessionStart,
}

impl LateReason {
    pub fn code(self) -> &'static str {
        match self {
            LateReason::AfterDeadline => "after_deadline",
            LateReason::AfterSessionStart => "after_session_start",
        }
    }

    /// Late or not, and why, for a cancellation at `at` of a session starting `starts` with the
    /// municipality rule's verdict `on_time` (a rule with a deadline is past it once the session
    /// has begun).
    pub fn of(
        on_time: bool,
        starts: chrono::DateTime<chrono::Utc>,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Option<LateReason> {
        match (on_time, at >= starts) {
            // Where the standard sets no deadline (Samsø, Mariagerfjord), nothing is late.
            (true, _) => None,
            (false, true) => Some(LateReason::AfterSessionStart),
            (false, false) => Some(LateReason::AfterDeadline),
        }
    }
}

/// What one entry of a course's history counts as for the termination rules: the therapist's
/// mark when there is one; a booking moved to another time counts for nothing; a session an
/// excused absence cancelled (the municipality's file says which reasons are excused) counts
/// as excused; any other cancellation as a cancellation.
pub fn counted(
    outcome: &str,
    marked: bool,
    kind: &str,
    absence_reason: Option<&str>,
    absence: &super::absence::AbsenceRules,
) -> Option<SessionOutcome> {
    let outcome = SessionOutcome::from_code(outcome)?;
    if marked {
        return Some(outcome);
    }
    match kind {
        "moved" => None,
        "absence" if absence_reason.is_some_and(|r| absence.is_excused(r)) => {
            Some(SessionOutcome::Excused)
        }
        _ => Some(outcome),
    }
}

/// How many sessions of the course ended each way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub attended: u32,
    pub no_show: u32,
    pub excused: u32,
    pub cancelled_on_time: u32,
    pub cancelled_late: u32,
}

impl Counts {
    pub fn of(history: &[Attendance]) -> Counts {
        let mut c = Counts::default();
        for a in history {
            *match a.outcome {
                SessionOutcome::Attended => &mut c.attended,
                SessionOutcome::NoShow => &mut c.no_show,
                SessionOutcome::Excused => &mut c.excused,
                SessionOutcome::CancelledOnTime => &mut c.cancelled_on_time,
                SessionOutcome::CancelledLate => &mut c.cancelled_late,
            } += 1;
        }
        c
    }

    /// Each outcome with its count, in the order shown to the citizen.
    pub fn rows(&self) -> [(SessionOutcome, u32); 5] {
        [
            (SessionOutcome::Attended, self.attended),
            (SessionOutcome::CancelledOnTime, self.cancelled_on_time),
            (SessionOutcome::CancelledLate, self.cancelled_late),
            (SessionOutcome::Excused, self.excused),
            (SessionOutcome::NoShow, self.no_show),
        ]
    }
}

/// A termination rule in plain words, with the standard's own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleInWords {
    pub rule_id: String,
    pub text_da: String,
    pub text_en: String,
    /// The municipality's standard, quoted (Danish).
    pub source: String,
}

pub fn in_words(rule: &TerminationRule) -> RuleInWords {
    let (da, en) = match rule.trigger {
        Trigger::CancellationCount { count } => (
            format!("Når du har meldt afbud {count} gange i forløbet, ser kommunen på, om forløbet skal afsluttes. Det gælder både afbud i god tid og sene afbud."),
            format!("When you have cancelled {count} times in the course, the municipality reviews whether the course should end. Cancellations on time and late both count."),
        ),
        Trigger::Interruption { max_days } => (
            format!("Hvis træningen er afbrudt i mere end {max_days} dage, ser kommunen på, om forløbet skal afsluttes."),
            format!("If training is interrupted for more than {max_days} days, the municipality reviews whether the course should end."),
        ),
        Trigger::NoShowsWithin { count, window_days } => (
            format!("Hvis du udebliver uden afbud {count} {} inden for {window_days} dage, ser kommunen på, om forløbet skal afsluttes.", if count == 1 { "gang" } else { "gange" }),
            format!("If you miss a session without notice {count} {} within {window_days} days, the municipality reviews whether the course should end.", if count == 1 { "time" } else { "times" }),
        ),
        Trigger::NoShowsMoreThan { more_than } => (
            format!("Hvis du udebliver uden afbud mere end {more_than} gange, kan forløbet afsluttes. Et sent afbud er stadig et afbud."),
            format!("If you miss a session without notice more than {more_than} times, the course can end. A late cancellation is still a cancellation."),
        ),
        Trigger::Unquantified => (
            "Hvis du gentagne gange melder afbud eller udebliver, vurderer terapeuten sammen med dig, om forløbet skal fortsætte.".to_string(),
            "If you repeatedly cancel or miss sessions, the therapist reviews with you whether the course should continue.".to_string(),
        ),
    };
    RuleInWords {
        rule_id: rule.rule_id.clone(),
        text_da: format!(
            "{da} Forløbet slutter aldrig af sig selv: det kræver en skriftlig afgørelse, og du bliver hørt først."
        ),
        text_en: format!(
            "{en} A course never ends by itself: it takes a written decision, and you are heard first."
        ),
        source: rule.source.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn a(day: u32, outcome: SessionOutcome) -> Attendance {
        Attendance {
            date: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
            outcome,
        }
    }

    #[test]
    fn counts_each_outcome_once() {
        let h = [
            a(3, SessionOutcome::Attended),
            a(10, SessionOutcome::CancelledLate),
            a(17, SessionOutcome::Attended),
            a(24, SessionOutcome::NoShow),
        ];
        let c = Counts::of(&h);
        assert_eq!((c.attended, c.cancelled_late, c.no_show), (2, 1, 1));
        assert_eq!(c.rows().iter().map(|r| r.1).sum::<u32>(), 4);
    }

    #[test]
    fn codes_round_trip() {
        for o in [
            SessionOutcome::Attended,
            SessionOutcome::NoShow,
            SessionOutcome::Excused,
            SessionOutcome::CancelledOnTime,
            SessionOutcome::CancelledLate,
        ] {
            assert_eq!(SessionOutcome::from_code(o.code()), Some(o));
        }
        assert_eq!(SessionOutcome::from_code("late"), None);
    }

    #[test]
    fn a_rule_in_plain_words_says_nothing_ends_by_itself() {
        let r = in_words(&TerminationRule {
            trigger: Trigger::CancellationCount { count: 2 },
            rule_id: "BRS-18b".into(),
            source: "• træningen aflyses 2 gange".into(),
            reading: None,
        });
        assert!(r.text_da.starts_with("Når du har meldt afbud 2 gange"));
        assert!(r.text_da.contains("skriftlig afgørelse"));
        assert_eq!(r.source, "• træningen aflyses 2 gange");
    }
}
