//! The citizen's view of where their application is: received, the steps their municipality
//! takes (first contact, home visit, assessment, …), decided, training running, ended. Each step
//! is done (with its day), the next one, or later. Steps the case went past without (no home
//! visit before a decision, say) are left out, so the list never shows something that will not
//! happen. Pure: the facts and today in.
use super::case_clocks::{recordable_events, CaseEvent, CaseFacts};
use super::lang::Lang;
use super::municipality::Rules;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    Done,
    Next,
    Later,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    Received,
    Event(CaseEvent),
    Ended,
}

impl StepKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            StepKind::Received => lang.pick("Ansøgningen er modtaget", "Application received"),
            StepKind::Event(CaseEvent::Decided) => lang.pick("Afgørelse", "Decision"),
            StepKind::Event(CaseEvent::TrainingStarted) => {
                lang.pick("Træningen begynder", "Training begins")
            }
            StepKind::Event(e) => e.label(lang),
            StepKind::Ended => lang.pick("Forløbet slutter", "The course ends"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub kind: StepKind,
    /// The day it happened, or for the course's start and end the day it is planned.
    pub on: Option<NaiveDate>,
    pub state: StepState,
}

/// What is known about one application.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineFacts {
    /// Received, and the steps staff recorded.
    pub case: CaseFacts,
    pub decided: Option<NaiveDate>,
    /// The course a granting decision created: its first day, and its last when known.
    pub course: Option<(NaiveDate, Option<NaiveDate>)>,
}

pub fn timeline(rules: &Rules, facts: &TimelineFacts, today: NaiveDate) -> Vec<Step> {
    let mut steps: Vec<(StepKind, Option<NaiveDate>)> =
        vec![(StepKind::Received, facts.case.received)];
    steps.extend(
        recordable_events(rules)
            .into_iter()
            .map(|e| (StepKind::Event(e), facts.case.on(e))),
    );
    steps.push((StepKind::Event(CaseEvent::Decided), facts.decided));
    // After a decision without a course (a refusal) there is nothing more to follow.
    if facts.decided.is_none() || facts.course.is_some() {
        let (start, end) = facts.course.map_or((None, None), |(s, e)| (Some(s), e));
        steps.push((StepKind::Event(CaseEvent::TrainingStarted), start));
        steps.push((StepKind::Ended, end.and_then(|e| e.succ_opt())));
    }
    let done = |on: Option<NaiveDate>| on.is_some_and(|d| d <= today);
    let last_done = steps.iter().rposition(|(_, on)| done(*on));
    let mut next_given = false;
    steps
        .into_iter()
        .enumerate()
        .filter(|(i, (_, on))| on.is_some() || last_done.is_none_or(|l| *i > l))
        .map(|(_, (kind, on))| {
            let state = if done(on) {
                StepState::Done
            } else if !next_given {
                next_given = true;
                StepState::Next
            } else {
                StepState::Later
            };
            // The course's last day is shown as planned; "ended" counts from the day after.
            let on = match kind {
                StepKind::Ended => on.and_then(|d| d.pred_opt()),
                _ => on,
            };
            Step { kind, on, state }
        })
        .collect()
}

// Against the real municipality files.
#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::ssr::municipalities::repo_rules as rules;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn kinds(steps: &[Step]) -> Vec<(StepKind, StepState)> {
        steps.iter().map(|s| (s.kind, s.state)).collect()
    }

    #[test]
    fn a_fresh_application_shows_every_step_of_the_municipality_with_the_next_marked() {
        let r = rules("fredensborg");
        let facts = TimelineFacts {
            case: CaseFacts {
                first_session: None,
                received: Some(d(2026, 3, 9)),
                events: vec![],
            },
            ..TimelineFacts::default()
        };
        let steps = timeline(&r, &facts, d(2026, 3, 10));
        assert_eq!(steps[0].kind, StepKind::Received);
        assert_eq!(steps[0].on, Some(d(2026, 3, 9)));
        assert_eq!(steps[0].state, StepState::Done);
        assert_eq!(steps[1].state, StepState::Next);
        assert!(steps[2..].iter().all(|s| s.state == StepState::Later));
        // Fredensborg's own steps come between receipt and decision.
        let own: Vec<StepKind> = recordable_events(&r)
            .into_iter()
            .map(StepKind::Event)
            .collect();
        assert!(!own.is_empty());
        assert_eq!(
            steps[1..1 + own.len()]
                .iter()
                .map(|s| s.kind)
                .collect::<Vec<_>>(),
            own
        );
        assert_eq!(
            steps.last().map(|s| s.kind),
            Some(StepKind::Ended),
            "the course's end is the last step to come"
        );
    }

    #[test]
    fn steps_the_case_went_past_are_left_out_and_a_running_course_is_shown_with_its_end() {
        let r = rules("fredensborg");
        let facts = TimelineFacts {
            case: CaseFacts {
                first_session: None,
                received: Some(d(2026, 3, 9)),
                events: vec![],
            },
            decided: Some(d(2026, 3, 20)),
            course: Some((d(2026, 4, 6), Some(d(2026, 6, 28)))),
        };
        // Before the course starts: decided is done, training is next.
        let steps = timeline(&r, &facts, d(2026, 3, 25));
        assert_eq!(
            kinds(&steps),
            vec![
                (StepKind::Received, StepState::Done),
                (StepKind::Event(CaseEvent::Decided), StepState::Done),
                (StepKind::Event(CaseEvent::TrainingStarted), StepState::Next),
                (StepKind::Ended, StepState::Later),
            ]
        );
        assert_eq!(steps[3].on, Some(d(2026, 6, 28)), "the planned last day");
        // On the last day the course still runs; the day after, it has ended.
        let last_day = timeline(&r, &facts, d(2026, 6, 28));
        assert_eq!(last_day[3].state, StepState::Next);
        let after = timeline(&r, &facts, d(2026, 6, 29));
        assert!(after.iter().all(|s| s.state == StepState::Done));
        assert_eq!(after[3].on, Some(d(2026, 6, 28)));
    }

    #[test]
    fn a_refusal_ends_the_timeline_at_the_decision() {
        let r = rules("vejen");
        let facts = TimelineFacts {
            case: CaseFacts {
                first_session: None,
                received: Some(d(2026, 3, 9)),
                events: vec![(CaseEvent::FirstContact, d(2026, 3, 10))],
            },
            decided: Some(d(2026, 3, 20)),
            course: None,
        };
        let steps = timeline(&r, &facts, d(2026, 3, 21));
        assert_eq!(
            steps.last().map(|s| (s.kind, s.state)),
            Some((StepKind::Event(CaseEvent::Decided), StepState::Done))
        );
        assert!(steps.iter().all(|s| s.state == StepState::Done));
    }
}
