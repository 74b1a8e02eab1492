//! Where each of the municipality's promises stands for one application: not started (its anchor
//! has not happened), running, due soon, overdue, kept or kept late. The caseworker's inbox sorts
//! by the next one due; the citizen sees the same clocks. Pure: the facts and today in, no clock.
use super::calendar::{add_hverdage, DaysOff};
use super::lang::Lang;
use super::municipality::Rules;
use super::service_levels::{Anchor, ServiceLevel};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Steps of a case that staff record, and that keep a promise when they happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseEvent {
    FirstContact,
    HomeVisit,
    Assessed,
    Visitation,
    ReferralReceived,
    PreExam,
    /// The citizen was told the waiting time because training could not start in time (VEJ-06).
    WaitingTimeTold,
    Decided,
    TrainingStarted,
}

impl CaseEvent {
    /// Every step of a case: those staff record first, then those that follow from the
    /// decision and the course.
    pub const ALL: [CaseEvent; 9] = [
        CaseEvent::FirstContact,
        CaseEvent::HomeVisit,
        CaseEvent::Assessed,
        CaseEvent::Visitation,
        CaseEvent::ReferralReceived,
        CaseEvent::PreExam,
        CaseEvent::WaitingTimeTold,
        CaseEvent::Decided,
        CaseEvent::TrainingStarted,
    ];

    /// The steps staff record.
    pub const RECORDED_BY_STAFF: &'static [CaseEvent] = Self::ALL.split_at(7).0;

    pub fn code(self) -> &'static str {
        match self {
            CaseEvent::FirstContact => "first_contact",
            CaseEvent::HomeVisit => "home_visit",
            CaseEvent::Assessed => "assessed",
            CaseEvent::Visitation => "visitation",
            CaseEvent::ReferralReceived => "referral_received",
            CaseEvent::PreExam => "pre_exam",
            CaseEvent::WaitingTimeTold => "waiting_time_told",
            CaseEvent::Decided => "decided",
            CaseEvent::TrainingStarted => "training_started",
        }
    }

    pub fn from_code(code: &str) -> Option<CaseEvent> {
        CaseEvent::ALL.into_iter().find(|e| e.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            CaseEvent::FirstContact => lang.pick("Første kontakt", "First contact"),
            CaseEvent::HomeVisit => lang.pick("Hjemmebesøg", "Home visit"),
            CaseEvent::Assessed => lang.pick("Vurdering", "Assessment"),
            CaseEvent::Visitation => lang.pick("Visitation", "Visitation"),
            CaseEvent::ReferralReceived => lang.pick("Henvisning modtaget", "Referral received"),
            CaseEvent::PreExam => lang.pick("Forundersøgelse", "Pre-examination"),
            CaseEvent::WaitingTimeTold => lang.pick(
                "Borgeren har fået besked om ventetiden",
                "The citizen was told the waiting time",
            ),
            CaseEvent::Decided => lang.pick("Afgørelse", "Decision"),
            CaseEvent::TrainingStarted => lang.pick("Træningen er begyndt", "Training started"),
        }
    }

    /// The anchor a clock runs from, when this event is one.
    pub fn as_anchor(self) -> Option<Anchor> {
        match self {
            CaseEvent::FirstContact => Some(Anchor::FirstContact),
            CaseEvent::Visitation => Some(Anchor::Visitation),
            CaseEvent::ReferralReceived => Some(Anchor::ReferralReceived),
            CaseEvent::PreExam => Some(Anchor::PreExam),
            _ => None,
        }
    }
}

/// The local dates on which a case's events happened.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CaseFacts {
    pub received: Option<NaiveDate>,
    pub events: Vec<(CaseEvent, NaiveDate)>,
    /// The day of the first session booked in the granted course, held or still to come.
    pub first_session: Option<NaiveDate>,
}

impl CaseFacts {
    pub fn on(&self, event: CaseEvent) -> Option<NaiveDate> {
        self.events
            .iter()
            .find(|(e, _)| *e == event)
            .map(|(_, d)| *d)
    }

    fn anchor_day(&self, anchor: Anchor) -> Option<NaiveDate> {
        match anchor {
            Anchor::ApplicationReceived => self.received,
            Anchor::FirstContact => self.on(CaseEvent::FirstContact),
            Anchor::Visitation => self.on(CaseEvent::Visitation),
            Anchor::ReferralReceived => self.on(CaseEvent::ReferralReceived),
            Anchor::PreExam => self.on(CaseEvent::PreExam),
            Anchor::ComplaintReceived | Anchor::ComplaintMaintained => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockState {
    /// Its starting event has not happened yet.
    NotStarted,
    Running,
    /// Due within the next two hverdage (or today).
    DueSoon,
    Overdue,
    Kept,
    KeptLate,
}

impl ClockState {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ClockState::NotStarted => lang.pick("Ikke begyndt", "Not started"),
            ClockState::Running => lang.pick("I gang", "Running"),
            ClockState::DueSoon => lang.pick("Snart", "Due soon"),
            ClockState::Overdue => lang.pick("Overskredet", "Overdue"),
            ClockState::Kept => lang.pick("Overholdt", "Kept"),
            ClockState::KeptLate => lang.pick("Overholdt for sent", "Kept late"),
        }
    }

    pub fn is_open(self) -> bool {
        matches!(
            self,
            ClockState::Running | ClockState::DueSoon | ClockState::Overdue
        )
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Clock<'a> {
    pub level: &'a ServiceLevel,
    pub due: Option<NaiveDate>,
    pub state: ClockState,
    /// The day the promise was kept, once it has been.
    pub met: Option<NaiveDate>,
    /// The day the clock started (its anchor event).
    pub started: Option<NaiveDate>,
}

/// The application's clocks (not the complaint ones), in the order of the municipality's file.
pub fn case_clocks<'a>(rules: &'a Rules, facts: &CaseFacts, today: NaiveDate) -> Vec<Clock<'a>> {
    rules
        .service_levels
        .iter()
        .filter(|l| !l.anchor.is_complaint())
        .map(|level| {
            let Some(anchor_day) = facts.anchor_day(level.anchor) else {
                return Clock {
                    level,
                    due: None,
                    state: ClockState::NotStarted,
                    met: None,
                    started: None,
                };
            };
            let due = level.due(anchor_day, &rules.sla_days_off);
            let met = level.met_by.and_then(|e| facts.on(e));
            let state = clock_state(due, met, today, &rules.sla_days_off);
            Clock {
                level,
                due: Some(due),
                state,
                met,
                started: Some(anchor_day),
            }
        })
        .collect()
}

/// Where a promise due on `due` stands today, kept on the day `met` if it has been.
pub fn clock_state(
    due: NaiveDate,
    met: Option<NaiveDate>,
    today: NaiveDate,
    days_off: &DaysOff,
) -> ClockState {
    match met {
        Some(day) if day <= due => ClockState::Kept,
        Some(_) => ClockState::KeptLate,
        None if today > due => ClockState::Overdue,
        None if add_hverdage(today, 2, days_off) >= due => ClockState::DueSoon,
        None => ClockState::Running,
    }
}

/// The earliest due date among the clocks still open (what sorts the inbox).
pub fn next_due(clocks: &[Clock]) -> Option<NaiveDate> {
    clocks
        .iter()
        .filter(|c| c.state.is_open())
        .filter_map(|c| c.due)
        .min()
}

/// The steps staff can record for a municipality: those its promises start from or are kept by,
/// and telling the citizen the waiting time where a promise asks for it (VEJ-06).
pub fn recordable_events(rules: &Rules) -> Vec<CaseEvent> {
    CaseEvent::RECORDED_BY_STAFF
        .iter()
        .copied()
        .filter(|e| {
            rules.service_levels.iter().any(|l| {
                l.met_by == Some(*e)
                    || e.as_anchor() == Some(l.anchor)
                    || (*e == CaseEvent::WaitingTimeTold && l.tell_waiting_time)
            })
        })
        .collect()
}

/// A start promise that cannot be kept (VEJ-06: "Såfremt dette ikke er muligt, informeres
/// borgeren om ventetiden"): its clock runs, no session is booked on or before its day, and the
/// citizen has not been told the waiting time. The caseworker's task, with the promise.
pub fn waiting_time_task<'a>(clocks: &[Clock<'a>], facts: &CaseFacts) -> Option<&'a ServiceLevel> {
    if facts.on(CaseEvent::WaitingTimeTold).is_some() {
        return None;
    }
    clocks
        .iter()
        .filter(|c| c.level.tell_waiting_time && c.state.is_open())
        .find(|c| match (c.due, facts.first_session) {
            (Some(due), Some(first)) => first > due,
            (Some(_), None) => true,
            (None, _) => false,
        })
        .map(|c| c.level)
}

// Against the real municipality files.
#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    use crate::ssr::municipalities::repo_rules as rules;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn fredensborg_contact_within_5_hverdage_is_kept_by_the_first_contact() {
        let r = rules("fredensborg");
        // Received Monday 9 March 2026: 5 hverdage on is Monday 16 March.
        let mut facts = CaseFacts {
            received: Some(d(2026, 3, 9)),
            events: vec![],
            first_session: None,
        };
        let clocks = case_clocks(&r, &facts, d(2026, 3, 10));
        let contact = clocks
            .iter()
            .find(|c| c.level.id == "assessment_time")
            .unwrap();
        assert_eq!(contact.due, Some(d(2026, 3, 16)));
        assert_eq!(contact.state, ClockState::Running);
        let plan = clocks
            .iter()
            .find(|c| c.level.id == "assessment_and_plan")
            .unwrap();
        assert_eq!(
            plan.state,
            ClockState::NotStarted,
            "runs from the first contact"
        );
        assert_eq!(next_due(&clocks), Some(d(2026, 3, 16)));

        assert_eq!(
            case_clocks(&r, &facts, d(2026, 3, 12))[0].state,
            ClockState::DueSoon
        );
        assert_eq!(
            case_clocks(&r, &facts, d(2026, 3, 17))[0].state,
            ClockState::Overdue
        );
        facts.events.push((CaseEvent::FirstContact, d(2026, 3, 16)));
        let clocks = case_clocks(&r, &facts, d(2026, 3, 20));
        assert_eq!(
            clocks[0].state,
            ClockState::Kept,
            "on the last day is in time"
        );
        let plan = clocks
            .iter()
            .find(|c| c.level.id == "assessment_and_plan")
            .unwrap();
        // 15 hverdage after Monday 16 March, across Easter 2026 (2, 3 and 6 April off).
        assert_eq!(plan.due, Some(d(2026, 4, 9)));
        facts.events[0].1 = d(2026, 3, 17);
        assert_eq!(
            case_clocks(&r, &facts, d(2026, 3, 20))[0].state,
            ClockState::KeptLate
        );
    }

    // VEJ-06: training starts within 10 hverdage of the visitation; if it cannot, the citizen is
    // told the waiting time. Kept by the first session, shown kept with its day.
    #[test]
    fn vejen_start_is_kept_by_the_first_session_or_the_citizen_is_told_the_waiting_time() {
        let r = rules("vejen");
        // Visitation Monday 2 March 2026: 10 hverdage on is Monday 16 March.
        let mut facts = CaseFacts {
            received: Some(d(2026, 2, 25)),
            events: vec![(CaseEvent::Visitation, d(2026, 3, 2))],
            first_session: None,
        };
        let start = |facts: &CaseFacts, today| {
            case_clocks(&r, facts, today)
                .into_iter()
                .find(|c| c.level.rule_id == "VEJ-06")
                .unwrap()
        };
        assert_eq!(start(&facts, d(2026, 3, 3)).due, Some(d(2026, 3, 16)));
        // Nothing booked: a task to tell the waiting time.
        let clocks = case_clocks(&r, &facts, d(2026, 3, 3));
        assert_eq!(
            waiting_time_task(&clocks, &facts).map(|l| l.rule_id.as_str()),
            Some("VEJ-06")
        );
        // The first session booked for 23 March, after the day: still the task.
        facts.first_session = Some(d(2026, 3, 23));
        let clocks = case_clocks(&r, &facts, d(2026, 3, 3));
        assert!(waiting_time_task(&clocks, &facts).is_some());
        // Told on 4 March: the task is done.
        facts
            .events
            .push((CaseEvent::WaitingTimeTold, d(2026, 3, 4)));
        let clocks = case_clocks(&r, &facts, d(2026, 3, 5));
        assert!(waiting_time_task(&clocks, &facts).is_none());
        // A session on 12 March: no task, and once held the promise shows kept, with the day.
        let facts = CaseFacts {
            first_session: Some(d(2026, 3, 12)),
            events: vec![
                (CaseEvent::Visitation, d(2026, 3, 2)),
                (CaseEvent::TrainingStarted, d(2026, 3, 12)),
            ],
            ..facts
        };
        let clocks = case_clocks(&r, &facts, d(2026, 4, 20));
        assert!(waiting_time_task(&clocks, &facts).is_none());
        let kept = start(&facts, d(2026, 4, 20));
        assert_eq!(
            (kept.state, kept.met),
            (ClockState::Kept, Some(d(2026, 3, 12)))
        );
    }

    // BRS-11: case processing up to 2 weeks, kept by the decision; never overdue once decided.
    #[test]
    fn broenderslev_processing_is_kept_by_the_decision() {
        let r = rules("broenderslev");
        let facts = CaseFacts {
            received: Some(d(2026, 3, 2)),
            events: vec![
                (CaseEvent::FirstContact, d(2026, 3, 2)),
                (CaseEvent::Decided, d(2026, 3, 10)),
            ],
            first_session: None,
        };
        let clocks = case_clocks(&r, &facts, d(2026, 5, 1));
        assert!(
            clocks.iter().all(|c| c.state == ClockState::Kept),
            "{clocks:?}"
        );
        assert_eq!(clocks[0].met, Some(d(2026, 3, 10)));
    }

    #[test]
    fn each_municipality_records_the_steps_its_promises_use() {
        let codes = |slug: &str| -> Vec<&str> {
            recordable_events(&rules(slug))
                .iter()
                .map(|e| e.code())
                .collect()
        };
        assert_eq!(codes("fredensborg"), vec!["first_contact", "assessed"]);
        assert_eq!(
            codes("mariagerfjord"),
            vec!["first_contact", "referral_received", "pre_exam"]
        );
        assert_eq!(codes("samsoe"), vec!["first_contact", "visitation"]);
        assert_eq!(codes("vejen"), vec!["visitation", "waiting_time_told"]);
        assert!(
            codes("broenderslev").is_empty(),
            "its one promise is kept by the decision"
        );
    }
}
