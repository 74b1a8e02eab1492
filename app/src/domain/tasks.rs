//! The municipality's task list: every obligation the rules and workflows create, each with its
//! rule, due day, citizen and status. A task is raised once per thing that created it (the kind
//! and its subject); staff take, reassign and close it, and nothing closes it by itself (FRB-12's
//! "done when the citizen is booked on another session or declines" is for the person closing it
//! to judge). Pure: the facts come in, the task's words and due day go out.
use super::calendar::{add_hverdage, DaysOff};
use super::lang::Lang;
use super::time_format::{local_date, long_date, long_date_time};
use chrono::{DateTime, Days, NaiveDate, Utc};

crate::coded! {
    /// What the obligation is.
    pub enum TaskKind {
        /// BRS-19: the need for training is re-assessed when the citizen leaves hospital.
        ReassessOnDischarge = "reassess_on_discharge",
        /// VEJ-06: training cannot start by its promised day; the citizen is told the waiting time.
        TellWaitingTime = "tell_waiting_time",
        /// FRB-12: the municipality cancelled a session; the citizen is offered an alternative.
        OfferAlternative = "offer_alternative",
        /// BRS-26: after partial agreement the citizen says whether the complaint is maintained;
        /// unanswered by the deadline, the caseworker follows up.
        PartialAgreementAnswer = "partial_agreement_answer",
        /// GEN-2: a hearing's answer period ends; the caseworker decides.
        HearingDeadline = "hearing_deadline",
        /// CAL-8: a decision published in the portal has not been opened; the caseworker
        /// considers another way to reach the citizen (the deadline still runs from availability).
        DecisionUnopened = "decision_unopened",
    }
}

crate::coded! {
    pub enum TaskStatus {
        Open = "open",
        Closed = "closed",
    }
}

impl TaskKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            TaskKind::ReassessOnDischarge => lang.pick(
                "Revurdér behovet ved udskrivning",
                "Re-assess the need on discharge",
            ),
            TaskKind::TellWaitingTime => lang.pick(
                "Fortæl borgeren ventetiden",
                "Tell the citizen the waiting time",
            ),
            TaskKind::OfferAlternative => lang.pick(
                "Tilbyd et andet hold efter aflysning",
                "Offer another session after a cancellation",
            ),
            TaskKind::PartialAgreementAnswer => lang.pick(
                "Følg op: delvist medhold ikke besvaret",
                "Follow up: partial agreement not answered",
            ),
            TaskKind::HearingDeadline => lang.pick(
                "Partshøringens svarfrist udløber",
                "The hearing's answer period ends",
            ),
            TaskKind::DecisionUnopened => lang.pick(
                "Afgørelsen er ikke åbnet",
                "The decision has not been opened",
            ),
        }
    }
}

impl TaskKind {
    /// The words in an email, which may be read anywhere: no health detail (a re-assessment
    /// says nothing of a hospital).
    pub fn digest_label(self, lang: Lang) -> &'static str {
        match self {
            TaskKind::ReassessOnDischarge => lang.pick(
                "Revurdér behovet for træning",
                "Re-assess the need for training",
            ),
            other => other.label(lang),
        }
    }
}

/// Days after a decision became available in the portal before an unopened one becomes a task.
pub const UNOPENED_AFTER_DAYS: u64 = 7;

/// An obligation found in the facts, to be raised as a task once.
#[derive(Clone, Debug, PartialEq)]
pub struct Obligation {
    pub kind: TaskKind,
    /// The id of what raised it (a flag, an application, a booking, a complaint, a hearing, a
    /// decision); with the kind, it names the task.
    pub subject: i64,
    pub rule_id: String,
    pub citizen_id: i64,
    pub due_on: NaiveDate,
    pub facts_da: String,
    pub facts_en: String,
    /// The staff page where the work is done, if there is one.
    pub link: String,
}

/// How close a task's due day is: the staff list and the digest sort by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    Overdue,
    /// Due within two hverdage (CAL-7), today included.
    DueSoon,
    Later,
}

impl Urgency {
    pub fn of(due: NaiveDate, today: NaiveDate, days_off: &DaysOff) -> Urgency {
        if due < today {
            Urgency::Overdue
        } else if due <= add_hverdage(today, 2, days_off) {
            Urgency::DueSoon
        } else {
            Urgency::Later
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Urgency::Overdue => lang.pick("Overskredet", "Overdue"),
            Urgency::DueSoon => lang.pick("Inden for 2 hverdage", "Within 2 working days"),
            Urgency::Later => lang.pick("Senere", "Later"),
        }
    }
}

/// BRS-19: a hospital stay ends; the flag raised when it was registered says when.
pub fn reassess(
    flag_id: i64,
    citizen_id: i64,
    rule_id: &str,
    discharge: NaiveDate,
    link: String,
) -> Obligation {
    Obligation {
        kind: TaskKind::ReassessOnDischarge,
        subject: flag_id,
        rule_id: rule_id.into(),
        citizen_id,
        due_on: discharge,
        facts_da: format!(
            "Indlagt til {}. Behovet for træning revurderes ved udskrivningen.",
            long_date(Lang::Da, discharge)
        ),
        facts_en: format!(
            "In hospital until {}. The need for training is re-assessed on discharge.",
            long_date(Lang::En, discharge)
        ),
        link,
    }
}

/// VEJ-06: the start promise's day, with no session booked on or before it.
pub fn waiting_time(
    application_id: i64,
    citizen_id: i64,
    rule_id: &str,
    reference: &str,
    promised: NaiveDate,
    link: String,
) -> Obligation {
    Obligation {
        kind: TaskKind::TellWaitingTime,
        subject: application_id,
        rule_id: rule_id.into(),
        citizen_id,
        due_on: promised,
        facts_da: format!(
            "Sag {reference}: træningen skal starte senest {}, og ingen tid er booket inden. Borgeren skal have besked om ventetiden.",
            long_date(Lang::Da, promised)
        ),
        facts_en: format!(
            "Case {reference}: training is to start by {}, and no session is booked by then. The citizen must be told the waiting time.",
            long_date(Lang::En, promised)
        ),
        link,
    }
}

/// FRB-12: the municipality cancelled a session the citizen was booked on. Due at once: the
/// standard says "hurtigst muligt", so the day it was cancelled.
pub fn alternative(
    booking_id: i64,
    citizen_id: i64,
    rule_id: &str,
    session: &str,
    starts_at: DateTime<Utc>,
    cancelled_at: DateTime<Utc>,
    link: String,
) -> Obligation {
    Obligation {
        kind: TaskKind::OfferAlternative,
        subject: booking_id,
        rule_id: rule_id.into(),
        citizen_id,
        due_on: local_date(cancelled_at),
        facts_da: format!(
            "Kommunen aflyste «{session}» {}. Borgeren skal tilbydes et andet hold. Opgaven er løst, når borgeren er booket på et andet hold eller har sagt nej tak.",
            long_date_time(Lang::Da, starts_at)
        ),
        facts_en: format!(
            "The municipality cancelled “{session}” {}. The citizen must be offered another session. The task is done when the citizen is booked on another session or has declined.",
            long_date_time(Lang::En, starts_at)
        ),
        link,
    }
}

/// BRS-26: the citizen's deadline to say whether a partly upheld complaint is maintained has
/// passed with no answer (raised only then: an answer in time leaves nothing to follow up). Due
/// the next hverdag.
pub fn partial_answer(
    complaint_id: i64,
    citizen_id: i64,
    rule_id: &str,
    reference: &str,
    deadline: DateTime<Utc>,
    days_off: &DaysOff,
    link: String,
) -> Obligation {
    Obligation {
        kind: TaskKind::PartialAgreementAnswer,
        subject: complaint_id,
        rule_id: rule_id.into(),
        citizen_id,
        due_on: add_hverdage(local_date(deadline), 1, days_off),
        facts_da: format!(
            "Klage {reference}: borgeren skulle senest {} sige, om klagen fastholdes, og har ikke svaret. Kontakt borgeren.",
            long_date_time(Lang::Da, deadline)
        ),
        facts_en: format!(
            "Complaint {reference}: the citizen was to say by {} whether the complaint is maintained, and has not answered. Contact the citizen.",
            long_date_time(Lang::En, deadline)
        ),
        link,
    }
}

/// GEN-2: the hearing's answer period ends; after it the caseworker decides.
pub fn hearing_deadline(
    hearing_id: i64,
    citizen_id: i64,
    answer_due_at: DateTime<Utc>,
    link: String,
) -> Obligation {
    Obligation {
        kind: TaskKind::HearingDeadline,
        subject: hearing_id,
        rule_id: "GEN-2".into(),
        citizen_id,
        due_on: local_date(answer_due_at),
        facts_da: format!(
            "Svarfristen i partshøringen udløber {}. Derefter træffer sagsbehandleren afgørelse: forløbet fortsætter, eller det afsluttes.",
            long_date_time(Lang::Da, answer_due_at)
        ),
        facts_en: format!(
            "The hearing's answer period ends {}. Then the caseworker decides: the course continues, or it ends.",
            long_date_time(Lang::En, answer_due_at)
        ),
        link,
    }
}

/// CAL-8: a decision available in the portal for [`UNOPENED_AFTER_DAYS`] days and not opened.
/// None before then. The complaint deadline runs from availability all the same; the task is to
/// make sure the citizen knows (a letter, a call).
pub fn unopened(
    decision_id: i64,
    citizen_id: i64,
    available_at: DateTime<Utc>,
    today: NaiveDate,
    link: String,
) -> Option<Obligation> {
    let due = local_date(available_at) + Days::new(UNOPENED_AFTER_DAYS);
    (due <= today).then(|| Obligation {
        kind: TaskKind::DecisionUnopened,
        subject: decision_id,
        rule_id: "CAL-8".into(),
        citizen_id,
        due_on: due,
        facts_da: format!(
            "Afgørelsen har ligget i portalen siden {} uden at være åbnet. Klagefristen løber alligevel. Overvej at sende den som brev eller ringe til borgeren.",
            long_date(Lang::Da, local_date(available_at))
        ),
        facts_en: format!(
            "The decision has been in the portal since {} without being opened. The complaint deadline runs all the same. Consider sending it as a letter or calling the citizen.",
            long_date(Lang::En, local_date(available_at))
        ),
        link,
    })
}

/// One line of a caseworker's daily digest: a task or a clock due soon or overdue. It names no
/// citizen and no health detail: an email may be read anywhere; the portal shows the rest.
#[derive(Clone, Debug, PartialEq)]
pub struct DigestLine {
    pub urgency: Urgency,
    pub due: NaiveDate,
    pub what_da: String,
    pub what_en: String,
    pub rule_id: String,
}

/// The daily digest for one caseworker; none when nothing is due within two hverdage.
pub fn digest(
    name: &str,
    municipality: &str,
    mut lines: Vec<DigestLine>,
    link: &str,
) -> Option<super::notices::Notice> {
    if lines.is_empty() {
        return None;
    }
    lines.sort_by_key(|l| (l.urgency, l.due));
    let list = |lang: Lang| {
        lines
            .iter()
            .map(|l| {
                format!(
                    "- {}: {} ({}), {} {}",
                    l.urgency.label(lang),
                    lang.pick(&l.what_da, &l.what_en),
                    l.rule_id,
                    lang.pick("frist", "due"),
                    long_date(lang, l.due)
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let n = lines.len();
    Some(super::notices::Notice {
        subject: format!(
            "Træningsportalen: {n} frister og opgaver i {municipality} / {n} deadlines and tasks"
        ),
        body: format!(
            "Til {name}\n\nDisse opgaver og frister i {municipality} er overskredet eller forfalder inden for 2 hverdage:\n\n{}\n\n\
             Se dem og tag dem i Træningsportalen: {link}\n\n---\n\n\
             To {name}\n\nThese tasks and deadlines in {municipality} are overdue or due within 2 working days:\n\n{}\n\n\
             See and take them in Træningsportalen: {link}\n",
            list(Lang::Da),
            list(Lang::En)
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time_format::local_instant;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn urgency_counts_two_working_days_across_a_weekend() {
        let off = DaysOff::SLA_DEFAULT;
        // Thursday 3 December: Friday and Monday are the two working days.
        let thu = d(12, 3);
        assert_eq!(Urgency::of(d(12, 2), thu, &off), Urgency::Overdue);
        assert_eq!(Urgency::of(thu, thu, &off), Urgency::DueSoon);
        assert_eq!(Urgency::of(d(12, 7), thu, &off), Urgency::DueSoon);
        assert_eq!(Urgency::of(d(12, 8), thu, &off), Urgency::Later);
    }

    #[test]
    fn an_unopened_decision_is_a_task_after_seven_days_counted_from_availability() {
        // Available in the evening of 1 December, local time.
        let at = local_instant(d(12, 1), 23, 30).unwrap();
        assert!(unopened(1, 2, at, d(12, 7), String::new()).is_none());
        let t = unopened(1, 2, at, d(12, 8), String::new()).unwrap();
        assert_eq!(t.due_on, d(12, 8));
        assert!(t.facts_da.contains("1. december 2026"), "{}", t.facts_da);
    }

    #[test]
    fn the_digest_lists_overdue_first_and_is_not_sent_empty() {
        assert!(digest("Mette", "Vejen", vec![], "x").is_none());
        let line = |u, day, what: &str| DigestLine {
            urgency: u,
            due: d(12, day),
            what_da: what.into(),
            what_en: what.into(),
            rule_id: "R".into(),
        };
        let n = digest(
            "Mette",
            "Vejen",
            vec![
                line(Urgency::DueSoon, 3, "later one"),
                line(Urgency::Overdue, 1, "overdue one"),
            ],
            "https://portal/personale/opgaver",
        )
        .unwrap();
        assert!(n.subject.contains("2 frister"));
        let overdue = n.body.find("overdue one").unwrap();
        let later = n.body.find("later one").unwrap();
        assert!(overdue < later, "{}", n.body);
        assert!(
            n.body.contains("Overskredet") && n.body.contains("https://portal/personale/opgaver")
        );
    }

    #[test]
    fn a_cancellation_is_due_the_local_day_it_was_made() {
        // 23:30 UTC on 1 December is 00:30 on 2 December in Copenhagen.
        let cancelled = DateTime::parse_from_rfc3339("2026-12-01T23:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let t = alternative(7, 2, "FRB-12", "Hold", cancelled, cancelled, String::new());
        assert_eq!(t.due_on, d(12, 2));
        assert_eq!(t.kind.code(), "offer_alternative");
    }
}
