//! Applications and complaints that arrive by phone, letter or referral, registered by staff
//! (GEN-5: a complaint may be oral; SAM-12: apply by phone or through Borgerservice; VEJ-05:
//! referral by the GP or another municipal unit). The clocks start from the day it arrived, not
//! the day it was registered; a consent given orally or on paper is recorded as such (GEN-7).
//!
//! Readings that cost the citizen no right:
//! - The hour a letter or call arrived on an earlier day is not known; the portal counts it from
//!   noon that day. Every clock here counts days, so the hour changes no date.
//! - A letter complaint's day sent is the postmark or the letter's own date; where Fredensborg
//!   counts "sent" (FRB-29) it decides whether it is on time, elsewhere the day received does.
//!   An undated letter counts as sent the day it was received. A late complaint, however old,
//!   is registered all the same, marked possibly late (GEN-5).
use super::lang::{FieldProblem, Lang};
use super::time_format::{local_date, local_instant, parse_day};
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

crate::coded! {
    /// How an application or a complaint reached the municipality.
    pub enum Channel {
        Portal = "portal",
        Phone = "phone",
        Letter = "letter",
        GpReferral = "gp_referral",
        MunicipalUnit = "municipal_unit",
        Borgerservice = "borgerservice",
    }
}

impl Channel {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Channel::Portal => lang.pick("Træningsportalen", "Træningsportalen"),
            Channel::Phone => lang.pick("Telefon", "Phone"),
            Channel::Letter => lang.pick("Brev", "Letter"),
            Channel::GpReferral => lang.pick("Henvisning fra egen læge", "Referral from the GP"),
            Channel::MunicipalUnit => lang.pick(
                "Henvendelse fra en anden kommunal enhed",
                "Referral from another municipal unit",
            ),
            Channel::Borgerservice => lang.pick("Via Borgerservice", "Through Borgerservice"),
        }
    }

    /// The ways staff register an application.
    pub const APPLICATION: [Channel; 5] = [
        Channel::Phone,
        Channel::Letter,
        Channel::GpReferral,
        Channel::MunicipalUnit,
        Channel::Borgerservice,
    ];
    /// The ways staff register a complaint.
    pub const COMPLAINT: [Channel; 2] = [Channel::Phone, Channel::Letter];
}

crate::coded! {
    /// How the citizen consented, when not in the portal with MitID.
    pub enum ConsentGiven {
        /// Said so to the staff member registering it (recorded: who, when).
        Oral = "oral",
        /// Signed on paper (with the document's reference).
        Paper = "paper",
    }
}

/// How long back an arrival may be registered.
pub const OLDEST_DAYS: u64 = 365;

/// The instant the clocks run from for something that arrived on `day`: now when it is today,
/// noon that day otherwise (see the module's reading).
pub fn arrival_instant(day: NaiveDate, now: DateTime<Utc>) -> DateTime<Utc> {
    if day >= local_date(now) {
        now
    } else {
        local_instant(day, 12, 0).unwrap_or(now)
    }
}

/// A day typed in a form that must lie within the last year and not ahead.
fn past_day(
    text: &str,
    today: NaiveDate,
    field: &'static str,
    missing: FieldProblem,
) -> Result<NaiveDate, FieldProblem> {
    past_day_within(text, today, field, missing, Some(OLDEST_DAYS))
}

/// As [`past_day`], with `oldest` days back at most (none: any day, as for a complaint, which
/// is never refused for its age, GEN-5).
fn past_day_within(
    text: &str,
    today: NaiveDate,
    field: &'static str,
    missing: FieldProblem,
    oldest: Option<u64>,
) -> Result<NaiveDate, FieldProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(missing);
    }
    match parse_day(text) {
        None => Err((
            field,
            "Skriv datoen som dag.måned.år, for eksempel 16.3.2026.",
            "Write the date as day.month.year, for example 16.3.2026.",
        )),
        Some(d) if d > today => Err((
            field,
            "Datoen kan ikke ligge efter i dag.",
            "The date cannot be after today.",
        )),
        Some(d) if oldest.is_some_and(|n| d + Days::new(n) < today) => Err((
            field,
            "Datoen kan højst ligge et år tilbage.",
            "The date can be at most a year back.",
        )),
        Some(d) => Ok(d),
    }
}

/// An application registered by staff, as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApplicationIntake {
    pub channel: String,
    pub arrived_on: String,
    pub needs: String,
    pub consent: String,
    pub consent_on: String,
    pub consent_ref: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CheckedApplication {
    pub channel: Channel,
    pub arrived_on: NaiveDate,
    pub needs: String,
    pub consent: ConsentGiven,
    pub consent_on: NaiveDate,
    pub consent_ref: Option<String>,
}

pub fn check_application(
    input: &ApplicationIntake,
    today: NaiveDate,
) -> Result<CheckedApplication, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let channel = Channel::from_code(&input.channel).filter(|c| Channel::APPLICATION.contains(c));
    if channel.is_none() {
        problems.push((
            "felt-kanal",
            "Vælg, hvordan ansøgningen kom.",
            "Choose how the application arrived.",
        ));
    }
    let arrived = past_day(
        &input.arrived_on,
        today,
        "felt-modtaget",
        (
            "felt-modtaget",
            "Skriv den dag, ansøgningen kom.",
            "Give the day the application arrived.",
        ),
    )
    .map_err(|p| problems.push(p))
    .ok();
    let needs = input.needs.trim().to_string();
    if needs.is_empty() {
        problems.push((
            "felt-behov",
            "Skriv kort, hvad borgeren har brug for hjælp til.",
            "Write briefly what the citizen needs help with.",
        ));
    } else if super::text_input::check(&needs, super::text_input::TEXT_MAX, true).is_some() {
        problems.push((
            "felt-behov",
            "Teksten kan højst være 4.000 tegn, uden usynlige styretegn.",
            "The text can be at most 4,000 characters, without invisible control characters.",
        ));
    }
    let consent = ConsentGiven::from_code(&input.consent);
    if consent.is_none() {
        problems.push((
            "felt-samtykke",
            "Ansøgningen kræver borgerens samtykke. Vælg, om det er givet mundtligt eller på papir.",
            "The application needs the citizen's consent. Choose whether it was given orally or on paper.",
        ));
    }
    let consent_on = past_day(
        &input.consent_on,
        today,
        "felt-samtykke-dato",
        (
            "felt-samtykke-dato",
            "Skriv den dag, borgeren gav samtykke.",
            "Give the day the citizen consented.",
        ),
    )
    .map_err(|p| problems.push(p))
    .ok();
    let consent_ref = Some(input.consent_ref.trim().to_string()).filter(|r| !r.is_empty());
    if consent == Some(ConsentGiven::Paper)
        && consent_ref.as_ref().is_none_or(|r| r.chars().count() > 100)
    {
        problems.push((
            "felt-samtykke-ref",
            "Skriv samtykkeerklæringens reference (journalnummer e.l.), højst 100 tegn.",
            "Give the consent form's reference (case number or similar), at most 100 characters.",
        ));
    }
    match (channel, arrived, consent, consent_on, problems.is_empty()) {
        (Some(channel), Some(arrived_on), Some(consent), Some(consent_on), true) => {
            Ok(CheckedApplication {
                channel,
                arrived_on,
                needs,
                consent,
                consent_on,
                consent_ref: consent_ref.filter(|_| consent == ConsentGiven::Paper),
            })
        }
        _ => Err(problems),
    }
}

/// A complaint about a decision registered by staff, as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ComplaintIntake {
    pub channel: String,
    pub received_on: String,
    pub sent_on: String,
    pub body: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CheckedComplaint {
    pub channel: Channel,
    pub received_on: NaiveDate,
    /// The day sent: a letter's postmark or date; a call is sent as it is received.
    pub sent_on: NaiveDate,
    pub body: String,
}

pub fn check_complaint(
    input: &ComplaintIntake,
    today: NaiveDate,
) -> Result<CheckedComplaint, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let channel = Channel::from_code(&input.channel).filter(|c| Channel::COMPLAINT.contains(c));
    if channel.is_none() {
        problems.push((
            "felt-klage-kanal",
            "Vælg, om klagen kom i telefonen eller med brev.",
            "Choose whether the complaint came by phone or by letter.",
        ));
    }
    let received = past_day_within(
        &input.received_on,
        today,
        "felt-klage-modtaget",
        (
            "felt-klage-modtaget",
            "Skriv den dag, kommunen modtog klagen.",
            "Give the day the municipality received the complaint.",
        ),
        None,
    )
    .map_err(|p| problems.push(p))
    .ok();
    let sent = match channel {
        // An undated letter without a postmark counts as sent the day it was received: the
        // reading that costs the citizen nothing where the day sent decides (FRB-29).
        Some(Channel::Letter) if !input.sent_on.trim().is_empty() => past_day_within(
            &input.sent_on,
            today,
            "felt-klage-sendt",
            ("felt-klage-sendt", "", ""),
            None,
        )
        .map_err(|p| problems.push(p))
        .ok(),
        _ => received,
    };
    if let (Some(s), Some(r)) = (sent, received) {
        if s > r {
            problems.push((
                "felt-klage-sendt",
                "Brevet kan ikke være sendt efter, at det blev modtaget.",
                "The letter cannot have been sent after it was received.",
            ));
        }
    }
    let body = input.body.trim().to_string();
    if super::text_input::check(&body, super::text_input::LETTER_MAX, true).is_some() {
        problems.push((
            "felt-klage-tekst",
            "Teksten kan højst være 10.000 tegn, uden usynlige styretegn.",
            "The text can be at most 10,000 characters, without invisible control characters.",
        ));
    }
    match (channel, received, sent, problems.is_empty()) {
        (Some(channel), Some(received_on), Some(sent_on), true) => Ok(CheckedComplaint {
            channel,
            received_on,
            sent_on,
            body,
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn an_earlier_arrival_counts_from_that_day_and_today_from_now() {
        let now = local_instant(d(2026, 3, 4), 10, 15).unwrap();
        assert_eq!(arrival_instant(d(2026, 3, 4), now), now);
        let earlier = arrival_instant(d(2026, 3, 2), now);
        assert_eq!(local_date(earlier), d(2026, 3, 2));
    }

    #[test]
    fn a_phone_application_needs_its_day_what_is_needed_and_a_consent() {
        let today = d(2026, 3, 4);
        let ok = ApplicationIntake {
            channel: "phone".into(),
            arrived_on: "2.3.2026".into(),
            needs: "Balance".into(),
            consent: "oral".into(),
            consent_on: "2026-03-02".into(),
            consent_ref: "ignored".into(),
        };
        let c = check_application(&ok, today).unwrap();
        assert_eq!(
            (c.channel, c.arrived_on, c.consent_ref),
            (Channel::Phone, d(2026, 3, 2), None)
        );
        let fields = |i: ApplicationIntake| -> Vec<&str> {
            check_application(&i, today)
                .unwrap_err()
                .into_iter()
                .map(|p| p.0)
                .collect()
        };
        assert_eq!(
            fields(ApplicationIntake {
                channel: "portal".into(),
                arrived_on: "5.3.2026".into(),
                needs: " ".into(),
                consent: String::new(),
                ..ok.clone()
            }),
            ["felt-kanal", "felt-modtaget", "felt-behov", "felt-samtykke"]
        );
        assert_eq!(
            fields(ApplicationIntake {
                consent: "paper".into(),
                consent_ref: String::new(),
                ..ok.clone()
            }),
            ["felt-samtykke-ref"]
        );
        assert_eq!(
            fields(ApplicationIntake {
                arrived_on: "1.3.2025".into(),
                ..ok
            }),
            ["felt-modtaget"]
        );
    }

    #[test]
    fn a_letter_complaint_has_a_day_sent_not_after_it_was_received() {
        let today = d(2026, 3, 4);
        let letter = ComplaintIntake {
            channel: "letter".into(),
            received_on: "4.3.2026".into(),
            sent_on: "2.3.2026".into(),
            body: String::new(),
        };
        let c = check_complaint(&letter, today).unwrap();
        assert_eq!((c.sent_on, c.received_on), (d(2026, 3, 2), d(2026, 3, 4)));
        let phone = ComplaintIntake {
            channel: "phone".into(),
            sent_on: String::new(),
            ..letter.clone()
        };
        assert_eq!(
            check_complaint(&phone, today).unwrap().sent_on,
            d(2026, 3, 4)
        );
        let bad = ComplaintIntake {
            sent_on: "5.3.2026".into(),
            received_on: "3.3.2026".into(),
            ..letter
        };
        let fields: Vec<&str> = check_complaint(&bad, today)
            .unwrap_err()
            .into_iter()
            .map(|p| p.0)
            .collect();
        assert_eq!(fields, ["felt-klage-sendt"]);
    }
}
