//! Complaints: about a decision (GEN-5: 4 weeks, re-assessment, Ankestyrelsen) and about the
//! delivery or staff (GEN-6: the unit the municipality names, no deadline). Where a complaint
//! stands, whose turn it is and by when, and the clocks both sides see, all from the stored facts,
//! the municipality's rules and today. Pure: no I/O, no clock.
use super::calendar::DaysOff;
use super::case_clocks::{clock_state, ClockState};
use super::deadlines::complaint_deadline_from_day;
use super::lang::Lang;
use super::municipality::{Contact, Municipality, Rules};
use super::service_levels::ServiceLevel;
use super::time_format::local_date;
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

crate::coded! {
    /// What a complaint is about: a decision (GEN-5) or the training and staff (GEN-6).
    pub enum Kind {
        Decision = "decision",
        Service = "service",
    }
}

/// The municipality's answer after re-assessing the decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintOutcome {
    /// Full agreement: a new decision gives the citizen what they complained for.
    Full,
    /// Partial agreement: a new decision with complaint guidance; the citizen says within 4
    /// weeks whether the complaint is maintained (BRS-26).
    Partial,
    /// The decision is upheld: the complaint goes to Ankestyrelsen (Rsl § 66).
    Upheld,
}

impl ComplaintOutcome {
    pub const ALL: [ComplaintOutcome; 3] = [
        ComplaintOutcome::Full,
        ComplaintOutcome::Partial,
        ComplaintOutcome::Upheld,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ComplaintOutcome::Full => "full",
            ComplaintOutcome::Partial => "partial",
            ComplaintOutcome::Upheld => "upheld",
        }
    }

    pub fn from_code(code: &str) -> Option<ComplaintOutcome> {
        ComplaintOutcome::ALL.into_iter().find(|o| o.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ComplaintOutcome::Full => lang.pick("Fuldt medhold", "Full agreement"),
            ComplaintOutcome::Partial => lang.pick("Delvist medhold", "Partial agreement"),
            ComplaintOutcome::Upheld => {
                lang.pick("Afgørelsen fastholdes", "The decision is upheld")
            }
        }
    }

    /// The new decision's outcome code, where the outcome makes one.
    pub fn new_decision(self) -> Option<&'static str> {
        match self {
            ComplaintOutcome::Full => Some("granted"),
            ComplaintOutcome::Partial => Some("partly_granted"),
            ComplaintOutcome::Upheld => None,
        }
    }
}

/// What a service complaint is about (for routing and for the unit's overview).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Staff,
    Delivery,
    Content,
}

impl Topic {
    pub const ALL: [Topic; 3] = [Topic::Staff, Topic::Delivery, Topic::Content];

    pub fn code(self) -> &'static str {
        match self {
            Topic::Staff => "staff",
            Topic::Delivery => "delivery",
            Topic::Content => "content",
        }
    }

    pub fn from_code(code: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Topic::Staff => lang.pick("Personalet", "The staff"),
            Topic::Delivery => lang.pick(
                "Måden træningen bliver udført på",
                "The way the training is carried out",
            ),
            Topic::Content => lang.pick("Indholdet i træningen", "The content of the training"),
        }
    }
}

crate::coded! {
    /// Where a complaint stands. Derived from the facts by [`status`], stored for the inbox.
    #[derive(Default)]
    pub enum Status {
        /// The municipality re-assesses the decision, or (service) looks into the complaint.
        #[default]
        Received = "received",
        /// Partial agreement: the citizen says whether the complaint is maintained.
        AwaitingCitizen = "awaiting_citizen",
        /// The municipality must send the complaint to Ankestyrelsen.
        ToForward = "to_forward",
        /// With Ankestyrelsen.
        Forwarded = "forwarded",
        /// Finished in the municipality: full agreement, or withdrawn.
        Closed = "closed",
        /// A service complaint the unit has answered.
        Answered = "answered",
    }
}

impl Status {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Received => lang.pick(
                "Kommunen behandler klagen",
                "The municipality is handling the complaint",
            ),
            Status::AwaitingCitizen => lang.pick("Venter på dit svar", "Waiting for your answer"),
            Status::ToForward => lang.pick(
                "Skal sendes til Ankestyrelsen",
                "To be sent to Ankestyrelsen",
            ),
            Status::Forwarded => lang.pick("Sendt til Ankestyrelsen", "Sent to Ankestyrelsen"),
            Status::Closed => lang.pick("Afsluttet", "Closed"),
            Status::Answered => lang.pick("Besvaret", "Answered"),
        }
    }
}

/// What is recorded about one complaint.
#[derive(Clone, Debug, PartialEq)]
pub struct Facts {
    pub kind: Kind,
    pub received_at: DateTime<Utc>,
    pub outcome: Option<(ComplaintOutcome, DateTime<Utc>)>,
    /// The day the citizen received the new decision after partial agreement (CAL-8: when it
    /// became available, not when it was opened).
    pub new_decision_received: Option<NaiveDate>,
    pub maintained_at: Option<DateTime<Utc>>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub forwarded_on: Option<NaiveDate>,
    pub answered_at: Option<DateTime<Utc>>,
    /// The standard asks the citizen whether a partly upheld complaint is maintained (BRS-26:
    /// "har du 4 uger til at meddele om klagen fastholdes"). Where it does not, the law's
    /// fallback applies: what the municipality did not agree to goes on to Ankestyrelsen within
    /// the law's 4 weeks of receiving the complaint (Rsl § 66), unless the citizen withdraws it.
    /// [INTERP] The reading that costs the citizen no right: silence never ends a complaint.
    pub maintain_step: bool,
}

pub fn status(f: &Facts) -> Status {
    if f.kind == Kind::Service {
        return if f.answered_at.is_some() {
            Status::Answered
        } else {
            Status::Received
        };
    }
    if f.forwarded_on.is_some() {
        return Status::Forwarded;
    }
    if f.withdrawn_at.is_some() {
        return Status::Closed;
    }
    match f.outcome.map(|(o, _)| o) {
        None => Status::Received,
        Some(ComplaintOutcome::Full) => Status::Closed,
        Some(ComplaintOutcome::Upheld) => Status::ToForward,
        Some(ComplaintOutcome::Partial) if f.maintained_at.is_some() || !f.maintain_step => {
            Status::ToForward
        }
        Some(ComplaintOutcome::Partial) => Status::AwaitingCitizen,
    }
}

/// Whether the citizen may still withdraw a partly upheld complaint that goes on to
/// Ankestyrelsen by law (no maintain step in the standard), until it is sent.
pub fn may_withdraw(f: &Facts) -> bool {
    !f.maintain_step
        && f.outcome.is_some_and(|o| o.0 == ComplaintOutcome::Partial)
        && status(f) == Status::ToForward
}

/// Who acts on a clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    Municipality,
    Citizen,
}

/// One deadline in the handling of a complaint, with where it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct ComplaintClock {
    pub id: &'static str,
    pub rule_id: String,
    pub name_da: String,
    pub name_en: String,
    pub actor: Actor,
    /// The last day; None until its starting event has happened.
    pub due: Option<NaiveDate>,
    /// For the citizen's clock, the last second (23:59:59 local), as for a complaint deadline.
    pub due_at: Option<DateTime<Utc>>,
    pub state: ClockState,
    /// The standard's phrase, or the law where it is silent.
    pub source: String,
    /// The day the clock started and the day it was kept (the service-level report's days).
    pub started: Option<NaiveDate>,
    pub met: Option<NaiveDate>,
}

impl ComplaintClock {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da => &self.name_da,
            Lang::En => &self.name_en,
        }
    }
}

fn level<'a>(rules: &'a Rules, id: &str) -> Option<&'a ServiceLevel> {
    rules.service_levels.iter().find(|l| l.id == id)
}

fn municipal_clock(
    rules: &Rules,
    l: &ServiceLevel,
    id: &'static str,
    from: NaiveDate,
    met: Option<NaiveDate>,
    today: NaiveDate,
) -> ComplaintClock {
    let due = l.due(from, &rules.sla_days_off);
    ComplaintClock {
        id,
        rule_id: l.rule_id.clone(),
        name_da: l.name_da.clone(),
        name_en: l.name_en.clone(),
        actor: Actor::Municipality,
        due: Some(due),
        due_at: None,
        state: clock_state(due, met, today, &rules.sla_days_off),
        source: l.source.clone(),
        started: Some(from),
        met,
    }
}

/// The clocks of a complaint about a decision, in the order they run. A service complaint has
/// none (GEN-6). Every municipality's file has the law's forwarding clock (GEN-5); Brønderslev's
/// adds re-assessment (BRS-24), a new decision (BRS-25) and forwarding after the citizen
/// maintains the complaint (BRS-27).
pub fn clocks(m: &Municipality, f: &Facts, today: NaiveDate) -> Vec<ComplaintClock> {
    let rules = &m.rules;
    if f.kind == Kind::Service {
        return vec![];
    }
    let received = local_date(f.received_at);
    let outcome = f.outcome.map(|(o, at)| (o, local_date(at)));
    let mut out = vec![];
    let forward = level(rules, "forward_to_ankestyrelsen");
    // Re-assessment: the municipality's own promise, or else it must be done in time to forward
    // within the law's 4 weeks (GEN-5).
    let reassess = level(rules, "reassessment").or(forward);
    if let Some(l) = reassess {
        let mut c = municipal_clock(
            rules,
            l,
            "reassessment",
            received,
            outcome.map(|o| o.1),
            today,
        );
        if l.id != "reassessment" {
            c.name_da = "Kommunen genvurderer afgørelsen".into();
            c.name_en = "The municipality re-assesses the decision".into();
        }
        out.push(c);
    }
    let outcome_kind = outcome.map(|o| o.0);
    if let Some(l) = level(rules, "new_decision_if_upheld") {
        if outcome_kind != Some(ComplaintOutcome::Upheld) {
            let met = outcome
                .filter(|o| o.0 != ComplaintOutcome::Upheld)
                .map(|o| o.1);
            out.push(municipal_clock(
                rules,
                l,
                "new_decision",
                received,
                met,
                today,
            ));
        }
    }
    let partial_forwarded_by_law =
        outcome_kind == Some(ComplaintOutcome::Partial) && !f.maintain_step;
    if outcome_kind.is_none()
        || outcome_kind == Some(ComplaintOutcome::Upheld)
        || partial_forwarded_by_law
    {
        if let Some(l) = forward {
            out.push(municipal_clock(
                rules,
                l,
                "forward",
                received,
                f.forwarded_on,
                today,
            ));
        }
    }
    if outcome_kind == Some(ComplaintOutcome::Partial) && f.maintain_step {
        let answered = f.maintained_at.or(f.withdrawn_at).map(local_date);
        let deadline = f
            .new_decision_received
            .map(|r| complaint_deadline_from_day(r, rules.complaint.weeks).shown);
        let due = deadline.map(local_date);
        let partial = rules.complaint.partial_agreement.as_ref();
        out.push(ComplaintClock {
            id: "maintain",
            rule_id: partial.map_or("GEN-5", |p| p.rule_id.as_str()).into(),
            name_da: "Du svarer, om du fastholder klagen".into(),
            name_en: "You say whether you maintain the complaint".into(),
            actor: Actor::Citizen,
            due,
            due_at: deadline,
            state: match due {
                // No new decision delivered yet: the 4 weeks have not begun, but a partial
                // agreement left that long without one is for the caseworker to follow up (T25:
                // nothing closes).
                None if answered.is_none()
                    && outcome.is_some_and(|o| {
                        today > o.1 + Days::new(7 * u64::from(rules.complaint.weeks))
                    }) =>
                {
                    ClockState::Overdue
                }
                None => ClockState::NotStarted,
                // Counted like a complaint deadline, in calendar weeks.
                Some(d) => clock_state(d, answered, today, &DaysOff::CITIZEN_DEADLINE),
            },
            source: partial.map_or_else(
                || "Ved delvist medhold får du en ny afgørelse med klagevejledning og siger til, om du fastholder klagen (retssikkerhedsloven § 66).".into(),
                |p| p.source.clone(),
            ),
            started: f.new_decision_received,
            met: answered,
        });
        if let Some(maintained) = f.maintained_at.map(local_date) {
            out.push(match level(rules, "forward_after_maintained") {
                Some(l) => municipal_clock(
                    rules,
                    l,
                    "forward_after_maintained",
                    maintained,
                    f.forwarded_on,
                    today,
                ),
                // [INTERP] The standard is silent: the law's 4 weeks, counted from the day the
                // complaint is maintained, as if it were received again.
                None => municipal_clock(
                    rules,
                    &law_forward_after_maintaining(),
                    "forward_after_maintained",
                    maintained,
                    f.forwarded_on,
                    today,
                ),
            });
        }
    }
    out
}

/// GEN-5, where the standard sets no forwarding clock after the citizen maintains the complaint.
fn law_forward_after_maintaining() -> ServiceLevel {
    ServiceLevel {
        id: "forward_after_maintained".into(),
        rule_id: "GEN-5".into(),
        name_da: "Klagen sendes til Ankestyrelsen, når du fastholder den".into(),
        name_en: "The complaint is sent to Ankestyrelsen once you maintain it".into(),
        anchor: super::service_levels::Anchor::ComplaintMaintained,
        period: super::service_levels::Period::Weeks(4),
        soft: false,
        met_by: None,
        tell_waiting_time: false,
        source: "Kvalitetsstandarden sætter ingen frist; portalen regner lovens 4 uger fra den dag, du fastholder klagen (retssikkerhedsloven § 66).".into(),
        reading: None,
    }
}

/// The last day of one of the complaint's clocks ("reassessment", "forward",
/// "forward_after_maintained", …), once it runs.
pub fn due(m: &Municipality, f: &Facts, today: NaiveDate, id: &str) -> Option<NaiveDate> {
    clocks(m, f, today)
        .into_iter()
        .find(|c| c.id == id)
        .and_then(|c| c.due)
}

/// Whose turn it is, what they must do and by when (None: nobody in the municipality or the
/// citizen; Ankestyrelsen or no one).
#[derive(Clone, Debug, PartialEq)]
pub struct NextStep {
    pub actor: Option<Actor>,
    pub text_da: String,
    pub text_en: String,
    pub by: Option<NaiveDate>,
}

pub fn next_step(m: &Municipality, f: &Facts, today: NaiveDate) -> NextStep {
    let clocks = clocks(m, f, today);
    let open_due = |actor: Actor| {
        clocks
            .iter()
            .filter(|c| c.actor == actor && c.state.is_open())
            .filter_map(|c| c.due)
            .min()
    };
    let step = |actor: Option<Actor>, da: &str, en: &str, by: Option<NaiveDate>| NextStep {
        actor,
        text_da: da.into(),
        text_en: en.into(),
        by,
    };
    match status(f) {
        Status::Received if f.kind == Kind::Service => step(
            Some(Actor::Municipality),
            "Kommunen ser på din klage og svarer dig. Der er ingen frist i loven for klager over træningen eller personalet.",
            "The municipality looks into your complaint and answers you. The law sets no deadline for complaints about the training or the staff.",
            None,
        ),
        Status::Received => step(
            Some(Actor::Municipality),
            "Kommunen vurderer afgørelsen igen og giver dig enten helt eller delvist medhold, eller sender klagen til Ankestyrelsen.",
            "The municipality looks at the decision again and either agrees with you fully or partly, or sends the complaint to Ankestyrelsen.",
            open_due(Actor::Municipality),
        ),
        Status::AwaitingCitizen if f.new_decision_received.is_none() => step(
            Some(Actor::Citizen),
            "Læs den nye afgørelse. Fra du har fået den, har du 4 uger til at sige, om du fastholder klagen.",
            "Read the new decision. From when you receive it, you have 4 weeks to say whether you maintain the complaint.",
            None,
        ),
        Status::AwaitingCitizen => step(
            Some(Actor::Citizen),
            "Sig til, om du fastholder klagen. Fastholder du den, sender kommunen den til Ankestyrelsen.",
            "Say whether you maintain the complaint. If you do, the municipality sends it to Ankestyrelsen.",
            open_due(Actor::Citizen),
        ),
        Status::ToForward
            if f.outcome.is_some_and(|o| o.0 == ComplaintOutcome::Partial) && f.maintained_at.is_none() =>
        {
            step(
                Some(Actor::Municipality),
                "Kommunen sender den del af klagen, du ikke fik medhold i, til Ankestyrelsen. Er du tilfreds med den nye afgørelse, kan du trække klagen tilbage.",
                "The municipality sends the part of the complaint you were not given your way on to Ankestyrelsen. If you are satisfied with the new decision, you can withdraw the complaint.",
                open_due(Actor::Municipality),
            )
        }
        Status::ToForward => step(
            Some(Actor::Municipality),
            "Kommunen sender klagen og sagens papirer til Ankestyrelsen.",
            "The municipality sends the complaint and the case papers to Ankestyrelsen.",
            open_due(Actor::Municipality),
        ),
        Status::Forwarded => step(
            None,
            "Ankestyrelsen behandler klagen og skriver direkte til dig.",
            "Ankestyrelsen handles the complaint and writes to you directly.",
            None,
        ),
        Status::Closed | Status::Answered => step(None, "Klagen er afsluttet.", "The complaint is closed.", None),
    }
}

/// Whole local days from today to the deadline's day: 0 on the last day, negative after it.
pub fn days_left(deadline: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    (local_date(deadline) - local_date(now)).num_days()
}

/// "12 dage tilbage", "Sidste dag i dag", "Fristen er overskredet".
pub fn days_left_text(deadline: DateTime<Utc>, now: DateTime<Utc>, lang: Lang) -> String {
    match days_left(deadline, now) {
        n if n < 0 || now > deadline => lang
            .pick("Fristen er overskredet.", "The deadline has passed.")
            .into(),
        0 => lang
            .pick("Sidste dag er i dag.", "Today is the last day.")
            .into(),
        1 => lang.pick("1 dag tilbage.", "1 day left.").into(),
        n => format!("{n} {}", lang.pick("dage tilbage.", "days left.")),
    }
}

/// Where a complaint about the delivery or the staff goes (RULES.md section 3), and the
/// Styrelsen for Patientklager route where the standard names it (VEJ-17).
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceRoute<'a> {
    /// The unit the standard names, or None where it is silent (the municipality itself).
    pub unit: Option<&'a Contact>,
    pub patient_complaints: Option<&'a Contact>,
}

pub fn service_route(m: &Municipality) -> ServiceRoute<'_> {
    let find = |id: &Option<String>| {
        id.as_deref()
            .and_then(|id| m.contacts.iter().find(|c| c.rule_id == id))
    };
    ServiceRoute {
        unit: find(&m.rules.complaint.service_contact),
        patient_complaints: find(&m.rules.complaint.patient_complaints_contact),
    }
}

/// Where a complaint about a decision goes: the contact the rules name, or the municipality.
pub fn decision_route(m: &Municipality) -> Option<&Contact> {
    m.rules
        .complaint
        .contact
        .as_deref()
        .and_then(|id| m.contacts.iter().find(|c| c.rule_id == id))
}

/// The stored route: the unit's name, or the municipality's.
pub fn route_name(m: &Municipality, kind: Kind) -> String {
    let contact = match kind {
        Kind::Decision => decision_route(m),
        Kind::Service => service_route(m).unit,
    };
    contact.map_or_else(|| m.name.clone(), |c| c.unit.clone())
}

/// A complaint's reference, read aloud like an application's: "K-ABCD-EFGH".
pub fn reference(random: [u8; 8]) -> String {
    format!("K-{}", &super::application::reference(random)[3..])
}

// Against the real municipality files (RULES.md T24, T25).
#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::ssr::municipalities::repo_municipality as municipality;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn at(y: i32, m: u32, day: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, day, h, 0, 0).unwrap()
    }

    fn facts(received: DateTime<Utc>) -> Facts {
        Facts {
            kind: Kind::Decision,
            received_at: received,
            outcome: None,
            new_decision_received: None,
            maintained_at: None,
            withdrawn_at: None,
            forwarded_on: None,
            answered_at: None,
            maintain_step: true,
        }
    }

    fn due(cs: &[ComplaintClock], id: &str) -> Option<NaiveDate> {
        cs.iter().find(|c| c.id == id).and_then(|c| c.due)
    }

    #[test]
    fn t24_broenderslev_complaint_received_monday_2_march() {
        let m = municipality("broenderslev");
        let f = facts(at(2026, 3, 2, 9));
        let cs = clocks(&m, &f, d(2026, 3, 3));
        assert_eq!(due(&cs, "reassessment"), Some(d(2026, 3, 30)));
        assert_eq!(due(&cs, "new_decision"), Some(d(2026, 3, 30)));
        assert_eq!(due(&cs, "forward"), Some(d(2026, 3, 30)));
        assert_eq!(cs[0].rule_id, "BRS-24");
        assert_eq!(status(&f), Status::Received);
        assert_eq!(next_step(&m, &f, d(2026, 3, 3)).by, Some(d(2026, 3, 30)));
        assert_eq!(clocks(&m, &f, d(2026, 3, 31))[0].state, ClockState::Overdue);
    }

    #[test]
    fn t25_partial_agreement_in_broenderslev() {
        let m = municipality("broenderslev");
        let mut f = facts(at(2026, 5, 20, 9));
        f.outcome = Some((ComplaintOutcome::Partial, at(2026, 6, 9, 12)));
        let cs = clocks(&m, &f, d(2026, 6, 9));
        assert!(
            due(&cs, "forward").is_none(),
            "no forwarding until maintained"
        );
        let maintain = cs.iter().find(|c| c.id == "maintain").unwrap();
        assert_eq!(maintain.state, ClockState::NotStarted);
        assert_eq!(status(&f), Status::AwaitingCitizen);
        // No new decision delivered for more than 4 weeks: overdue, for the caseworker.
        let unopened = clocks(&m, &f, d(2026, 7, 8));
        let maintain = unopened.iter().find(|c| c.id == "maintain").unwrap();
        assert_eq!((maintain.due, maintain.state), (None, ClockState::Overdue));
        // The new decision is received Wed 10 June (published in the portal that day; when it
        // is opened does not matter): the citizen has until Wed 8 July 23:59:59.
        f.new_decision_received = Some(d(2026, 6, 10));
        let cs = clocks(&m, &f, d(2026, 6, 11));
        let maintain = cs.iter().find(|c| c.id == "maintain").unwrap();
        assert_eq!(maintain.due, Some(d(2026, 7, 8)));
        assert_eq!(
            maintain.due_at,
            Some(at(2026, 7, 8, 21) + chrono::Duration::seconds(3599))
        );
        assert_eq!(maintain.actor, Actor::Citizen);
        assert_eq!(maintain.rule_id, "BRS-26");
        // Unanswered past the deadline: overdue, for the caseworker to follow up; not closed.
        let late = clocks(&m, &f, d(2026, 7, 9));
        assert_eq!(
            late.iter().find(|c| c.id == "maintain").unwrap().state,
            ClockState::Overdue
        );
        assert_eq!(status(&f), Status::AwaitingCitizen);
        // Maintained Mon 22 June: forwarding due Mon 6 July (14 calendar days, BRS-27).
        f.maintained_at = Some(at(2026, 6, 22, 10));
        let cs = clocks(&m, &f, d(2026, 6, 23));
        assert_eq!(due(&cs, "forward_after_maintained"), Some(d(2026, 7, 6)));
        assert_eq!(status(&f), Status::ToForward);
        f.forwarded_on = Some(d(2026, 7, 6));
        let cs = clocks(&m, &f, d(2026, 7, 7));
        assert_eq!(
            cs.iter()
                .find(|c| c.id == "forward_after_maintained")
                .unwrap()
                .state,
            ClockState::Kept
        );
        assert_eq!(status(&f), Status::Forwarded);
    }

    #[test]
    fn every_municipality_forwards_an_upheld_decision_within_the_laws_4_weeks() {
        for slug in [
            "vejen",
            "samsoe",
            "broenderslev",
            "fredensborg",
            "mariagerfjord",
        ] {
            let m = municipality(slug);
            let mut f = facts(at(2026, 3, 2, 9));
            let cs = clocks(&m, &f, d(2026, 3, 2));
            assert_eq!(due(&cs, "reassessment"), Some(d(2026, 3, 30)), "{slug}");
            f.outcome = Some((ComplaintOutcome::Upheld, at(2026, 3, 20, 9)));
            let cs = clocks(&m, &f, d(2026, 3, 31));
            assert_eq!(cs[0].state, ClockState::Kept, "{slug}: re-assessed in time");
            let fwd = cs.iter().find(|c| c.id == "forward").unwrap();
            assert_eq!(
                (fwd.due, fwd.state),
                (Some(d(2026, 3, 30)), ClockState::Overdue),
                "{slug}"
            );
            assert!(cs.iter().all(|c| c.id != "new_decision"), "{slug}");
            f.forwarded_on = Some(d(2026, 3, 31));
            let cs = clocks(&m, &f, d(2026, 4, 1));
            assert_eq!(
                cs.iter().find(|c| c.id == "forward").unwrap().state,
                ClockState::KeptLate
            );
        }
    }

    // Outside Brønderslev no standard asks the citizen to maintain a partly upheld complaint: by
    // law what was not agreed to goes on to Ankestyrelsen within 4 weeks of the complaint
    // (Rsl § 66), with no step for the citizen; withdrawing it closes it.
    #[test]
    fn outside_broenderslev_a_partly_upheld_complaint_is_forwarded_by_law() {
        for slug in ["vejen", "samsoe", "fredensborg", "mariagerfjord"] {
            let m = municipality(slug);
            assert!(m.rules.complaint.partial_agreement.is_none(), "{slug}");
            let mut f = facts(at(2026, 3, 2, 9));
            f.maintain_step = false;
            f.outcome = Some((ComplaintOutcome::Partial, at(2026, 3, 10, 9)));
            f.new_decision_received = Some(d(2026, 3, 10));
            assert_eq!(status(&f), Status::ToForward, "{slug}");
            let cs = clocks(&m, &f, d(2026, 3, 17));
            assert!(
                cs.iter().all(|c| c.id != "maintain"),
                "{slug}: no step for the citizen"
            );
            assert_eq!(due(&cs, "forward"), Some(d(2026, 3, 30)), "{slug}");
            let next = next_step(&m, &f, d(2026, 3, 17));
            assert_eq!(next.actor, Some(Actor::Municipality));
            assert!(next.text_da.contains("kan du trække klagen tilbage"));
            f.withdrawn_at = Some(at(2026, 3, 18, 9));
            assert_eq!(status(&f), Status::Closed);
        }
    }

    #[test]
    fn full_agreement_and_withdrawal_close_the_complaint() {
        let m = municipality("fredensborg");
        let mut f = facts(at(2026, 3, 2, 9));
        f.outcome = Some((ComplaintOutcome::Full, at(2026, 3, 5, 9)));
        assert_eq!(status(&f), Status::Closed);
        assert!(next_step(&m, &f, d(2026, 3, 6)).actor.is_none());
        let mut g = facts(at(2026, 3, 2, 9));
        g.outcome = Some((ComplaintOutcome::Partial, at(2026, 3, 5, 9)));
        g.withdrawn_at = Some(at(2026, 3, 6, 9));
        assert_eq!(status(&g), Status::Closed);
    }

    #[test]
    fn service_complaints_have_no_clock_and_go_to_the_named_unit() {
        let vejen = municipality("vejen");
        let route = service_route(&vejen);
        assert_eq!(route.unit.unwrap().rule_id, "VEJ-16");
        assert_eq!(
            route.patient_complaints.unwrap().unit,
            "Styrelsen for Patientklager"
        );
        for (slug, unit) in [
            ("broenderslev", Some("BRS-22")),
            ("fredensborg", Some("FRB-28")),
            ("mariagerfjord", Some("MAR-20")),
            ("samsoe", None),
        ] {
            let m = municipality(slug);
            let r = service_route(&m);
            assert_eq!(r.unit.map(|c| c.rule_id.as_str()), unit, "{slug}");
            assert!(r.patient_complaints.is_none(), "{slug}");
        }
        assert_eq!(
            route_name(&municipality("samsoe"), Kind::Service),
            "Samsø Kommune"
        );
        let mut f = facts(at(2026, 3, 2, 9));
        f.kind = Kind::Service;
        assert!(clocks(&vejen, &f, d(2026, 3, 2)).is_empty());
        assert_eq!(status(&f), Status::Received);
        f.answered_at = Some(at(2026, 3, 4, 9));
        assert_eq!(status(&f), Status::Answered);
    }

    #[test]
    fn days_left_counts_local_days_to_the_last_day() {
        // Deadline Tue 7 April 2026 23:59:59 CEST.
        let deadline = at(2026, 4, 7, 21) + chrono::Duration::seconds(3599);
        assert_eq!(
            days_left_text(deadline, at(2026, 4, 4, 10), Lang::Da),
            "3 dage tilbage."
        );
        assert_eq!(
            days_left_text(deadline, at(2026, 4, 7, 21), Lang::Da),
            "Sidste dag er i dag."
        );
        // 00:30 local on 8 April is 22:30Z on the 7th: already past.
        assert_eq!(
            days_left_text(
                deadline,
                at(2026, 4, 7, 22) + chrono::Duration::minutes(30),
                Lang::En
            ),
            "The deadline has passed."
        );
    }
}
