//! Answers to "what do this municipality's rules say for these facts?", each with its rule id,
//! the standard's phrase and a plain Danish and English explanation. The public rules API and the
//! staff rules preview both answer from here.
use super::booking::{check, Bookable, CourseFacts};
use super::deadlines::{cancellation_deadline, complaint_timing, CancellationRule};
use super::decision_delivery::Delivery;
use super::lang::Lang;
use super::municipality::{ComplaintCountedAt, Municipality, TrainingForm};
use super::service_levels::Anchor;
use super::time_format::{iso_local, local_date, long_date, long_date_time};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CancellationAnswer {
    /// The deadline as shown to citizens (RFC 3339, local offset), or None where there is none.
    pub deadline: Option<String>,
    pub on_time: bool,
    pub rule_id: String,
    pub source: Option<String>,
    pub reading: Option<String>,
    pub text_da: String,
    pub text_en: String,
}

pub fn cancellation(
    m: &Municipality,
    session_start: DateTime<Utc>,
    at: DateTime<Utc>,
) -> CancellationAnswer {
    let config = &m.rules.cancellation;
    let deadline = cancellation_deadline(config.rule, session_start);
    let on_time = deadline.is_none_or(|d| d.is_on_time(at));
    let text = |lang: Lang| {
        let rule = cancellation_text(lang, config.rule, deadline.map(|d| d.shown));
        let verdict = match (deadline.is_some(), on_time, lang) {
            (false, _, _) => "",
            (true, true, Lang::Da) => " Et afbud på det tidspunkt er rettidigt.",
            (true, true, Lang::En) => " A cancellation at that time is on time.",
            (true, false, Lang::Da) => {
                " Et afbud på det tidspunkt er for sent, men bliver stadig modtaget og registreret som sent afbud."
            }
            (true, false, Lang::En) => {
                " A cancellation at that time is late, but it is still accepted and recorded as a late cancellation."
            }
        };
        format!("{rule}{verdict}")
    };
    CancellationAnswer {
        deadline: deadline.map(|d| iso_local(d.shown)),
        on_time,
        rule_id: config.rule_id.clone(),
        source: config.source.clone(),
        reading: config.reading.clone(),
        text_da: text(Lang::Da),
        text_en: text(Lang::En),
    }
}

/// "Afmeld senest tirsdag 10. marts 2026 kl. 12.00", or that there is no deadline.
pub fn cancellation_text(
    lang: Lang,
    rule: CancellationRule,
    shown: Option<DateTime<Utc>>,
) -> String {
    match (rule, shown) {
        (CancellationRule::None, _) | (_, None) => lang
            .pick(
                "Kommunen har ingen frist for afbud.",
                "The municipality has no cancellation deadline.",
            )
            .into(),
        (CancellationRule::EndOfDayBefore, Some(t)) => format!(
            "{} {}.",
            lang.pick("Afmeld senest dagen før:", "Cancel by the day before:"),
            long_date(lang, local_date(t))
        ),
        (CancellationRule::DayBeforeAt { .. }, Some(t)) => format!(
            "{} {}.",
            lang.pick("Afmeld senest", "Cancel by"),
            long_date_time(lang, t)
        ),
        (CancellationRule::SameDayBefore { .. }, Some(t)) => format!(
            "{} {}.",
            lang.pick("Afmeld inden", "Cancel before"),
            long_date_time(lang, t)
        ),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplaintAnswer {
    /// The last second of the last day (RFC 3339, local offset).
    pub deadline: String,
    /// Whether the complaint sent at `sent` (received at `received`) was in time; None if no
    /// complaint was given.
    pub on_time: Option<bool>,
    pub counted_at: ComplaintCountedAt,
    /// The day the decision counts as received (for a letter, its date or, with the presumption
    /// on, 6 delivery days later).
    pub decision_received: NaiveDate,
    pub rule_id: String,
    pub source: Option<String>,
    pub text_da: String,
    pub text_en: String,
}

/// The complaint deadline for a decision delivered as `delivery` (the same rule the case flow
/// uses, `domain::decision_delivery`), and whether a complaint sent at `sent` (received by the
/// municipality at `received`) was in time.
pub fn complaint(
    m: &Municipality,
    delivery: Delivery,
    presume_postal: bool,
    sent: Option<DateTime<Utc>>,
    received: Option<DateTime<Utc>>,
) -> ComplaintAnswer {
    let config = &m.rules.complaint;
    let day = delivery.receipt_day(presume_postal);
    let deadline = delivery.complaint_deadline(config.weeks, presume_postal);
    let timing = sent.map(|s| complaint_timing(deadline, config.counted_at, s, received));
    let presumed = |lang: Lang| match delivery {
        Delivery::Portal(_) => String::new(),
        Delivery::Letter(_) if presume_postal => format!(
            "{} {}. ",
            lang.pick(
                "Brevet regnes for modtaget",
                "The letter is presumed received on"
            ),
            long_date(lang, day)
        ),
        Delivery::Letter(_) => format!(
            "{} {}. ",
            lang.pick(
                "Brevet regnes for modtaget på brevets dato,",
                "The letter counts as received on its date,"
            ),
            long_date(lang, day)
        ),
        Delivery::InPerson(_) => format!(
            "{} {}. ",
            lang.pick(
                "Afgørelsen blev udleveret",
                "The decision was handed over on"
            ),
            long_date(lang, day)
        ),
    };
    let (text_da, text_en) = match &timing {
        Some(t) => (t.text_da.clone(), t.text_en.clone()),
        None => (
            format!(
                "{}Du kan klage til og med {}. En klage efter fristen bliver stadig modtaget.",
                presumed(Lang::Da),
                long_date_time(Lang::Da, deadline.shown)
            ),
            format!(
                "{}You can complain until {}. A complaint after the deadline is still accepted.",
                presumed(Lang::En),
                long_date_time(Lang::En, deadline.shown)
            ),
        ),
    };
    ComplaintAnswer {
        deadline: iso_local(deadline.shown),
        on_time: timing.map(|t| t.on_time),
        counted_at: config.counted_at,
        decision_received: day,
        rule_id: config.rule_id.clone(),
        source: config.source.clone(),
        text_da,
        text_en,
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClockAnswer {
    pub id: String,
    pub rule_id: String,
    pub name_da: String,
    pub name_en: String,
    pub due: NaiveDate,
    pub soft: bool,
    pub source: String,
    pub reading: Option<String>,
    pub text_da: String,
    pub text_en: String,
}

/// The clocks that run from `anchor`, for an anchor event on the local day `day`.
pub fn clocks(m: &Municipality, anchor: Anchor, day: NaiveDate) -> Vec<ClockAnswer> {
    m.rules
        .service_levels
        .iter()
        .filter(|l| l.anchor == anchor)
        .map(|l| {
            let due = l.due(day, &m.rules.sla_days_off);
            ClockAnswer {
                id: l.id.clone(),
                rule_id: l.rule_id.clone(),
                name_da: l.name_da.clone(),
                name_en: l.name_en.clone(),
                due,
                soft: l.soft,
                source: l.source.clone(),
                reading: l.reading.clone(),
                text_da: format!(
                    "{}: senest {}.{}",
                    l.name_da,
                    long_date(Lang::Da, due),
                    if l.soft {
                        " Det er et mål, ikke en frist."
                    } else {
                        ""
                    }
                ),
                text_en: format!(
                    "{}: by {}.{}",
                    l.name_en,
                    long_date(Lang::En, due),
                    if l.soft {
                        " This is a goal, not a deadline."
                    } else {
                        ""
                    }
                ),
            }
        })
        .collect()
}

pub fn bookable(
    m: &Municipality,
    form: TrainingForm,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    course: CourseFacts,
) -> Bookable {
    check(&m.rules.booking, form, start, end, course)
}
