//! RULES.md section 6, run against the real municipality files: the data and the pure rules
//! together must give the worked examples' answers. (Examples that need no file data are unit
//! tests beside their module.)
use crate::domain::application_consent::{submission, Applicant, Submission};
use crate::domain::booking::CourseFacts;
use crate::domain::complaint_guidance::{complaint_guidance, DecisionOutcome, DecisionSubject};
use crate::domain::decision_delivery::Delivery;
use crate::domain::municipality::{Municipality, TrainingForm};
use crate::domain::prescreen::{advise, questions_to_ask, Answers};
use crate::domain::provider_cancellation::provider_options;
use crate::domain::rules_answers;
use crate::domain::service_levels::Anchor;
use crate::ssr::municipalities::load_dir;
use chrono::{DateTime, NaiveDate, Utc};
use std::path::PathBuf;

fn municipality(slug: &str) -> Municipality {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/municipalities"));
    load_dir(&dir)
        .expect("the municipality files load")
        .get(slug)
        .expect("the municipality exists")
        .clone()
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().to_utc()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn answers(list: &[(&str, bool)]) -> Answers {
    list.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

// T24 (BRS-24, BRS-25, BRS-28): Brønderslev receives a complaint on Mon 2 March 2026.
#[test]
fn t24_broenderslev_complaint_clocks() {
    let m = municipality("broenderslev");
    let clocks = rules_answers::clocks(&m, Anchor::ComplaintReceived, day(2026, 3, 2));
    let due = |rule: &str| clocks.iter().find(|c| c.rule_id == rule).unwrap().due;
    for rule in ["BRS-24", "BRS-25", "BRS-28"] {
        assert_eq!(due(rule), day(2026, 3, 30), "{rule}");
    }
    let c = clocks.iter().find(|c| c.rule_id == "BRS-28").unwrap();
    assert!(
        c.text_da.ends_with("senest mandag 30. marts 2026."),
        "{}",
        c.text_da
    );
}

// T25 (BRS-26, BRS-27): partial agreement received Wed 10 June 2026; maintained Mon 22 June.
#[test]
fn t25_broenderslev_partial_agreement() {
    let m = municipality("broenderslev");
    let maintain = rules_answers::complaint(
        &m,
        Delivery::Portal(at("2026-06-10T10:00:00+02:00")),
        false,
        None,
        None,
    );
    assert_eq!(maintain.deadline, "2026-07-08T23:59:59+02:00");
    let forward = rules_answers::clocks(&m, Anchor::ComplaintMaintained, day(2026, 6, 22));
    assert_eq!(forward[0].rule_id, "BRS-27");
    assert_eq!(forward[0].due, day(2026, 7, 6));
}

// T28 (MAR-18): training granted, § 117 transport refused.
#[test]
fn t28_transport_under_section_117_cannot_be_appealed() {
    let m = municipality("mariagerfjord");
    let transport = complaint_guidance(
        &m,
        DecisionSubject::TransportSel117,
        DecisionOutcome::Refused,
    );
    assert!(!transport.appealable);
    assert_eq!(transport.rule_id, "MAR-18");
    assert!(transport.paragraphs_da[0].contains("kan ikke påklages"));
    let training = complaint_guidance(&m, DecisionSubject::Training, DecisionOutcome::Granted);
    assert!(
        !training.required,
        "a full grant needs no guidance (Fvl § 25)"
    );
    assert!(training.appealable, "but it may still be shown");
    assert!(training.paragraphs_da[0].contains("Myndighed og Visitation"));
    // Elsewhere a § 117 decision follows the ordinary route.
    let vejen = municipality("vejen");
    assert!(
        complaint_guidance(
            &vejen,
            DecisionSubject::TransportSel117,
            DecisionOutcome::Refused
        )
        .appealable
    );
}

// GEN-1, GEN-5: the guidance names the route, oral complaints, no reasons, and the rule's count.
#[test]
fn complaint_guidance_follows_each_municipalitys_route() {
    let frb = complaint_guidance(
        &municipality("fredensborg"),
        DecisionSubject::Training,
        DecisionOutcome::Refused,
    );
    assert!(frb.required);
    let text = frb.paragraphs_da.join(" ");
    assert!(text.contains("Leder af Træning og Rehabilitering"));
    assert!(text.contains("mundtligt"));
    assert!(text.contains("behøver ikke at begrunde"));
    assert!(
        text.contains("Du skal have sendt din klage senest 4 uger"),
        "FRB-29 counts when sent"
    );
    let brs = complaint_guidance(
        &municipality("broenderslev"),
        DecisionSubject::Training,
        DecisionOutcome::PartlyGranted,
    );
    assert!(brs.paragraphs_da[1].starts_with("Kommunen skal have modtaget din klage"));
    // Vejen's standard names no route for decisions (VEJ-18): the municipality itself.
    let vej = complaint_guidance(
        &municipality("vejen"),
        DecisionSubject::Training,
        DecisionOutcome::Refused,
    );
    assert!(vej.paragraphs_da[0].contains("til Vejen Kommune."));
    assert_eq!(vej.rule_id, "GEN-5");
    // Every route Vejen's standard names: the leader of Træning & Livsstil (VEJ-16) for the
    // training and staff, Styrelsen for Patientklager (VEJ-17) for health-professional care.
    let text = vej.paragraphs_da.join(" ");
    assert!(text.contains("Leder af Træning & Livsstil, Brørup Sundhedscenter (79 96 64 34)"));
    assert!(text.contains("Styrelsen for Patientklager (https://stpk.dk/)"));
    // Samsø names no unit for complaints about the training: nothing more is said.
    let sam = complaint_guidance(
        &municipality("samsoe"),
        DecisionSubject::Training,
        DecisionOutcome::Refused,
    );
    assert_eq!(sam.paragraphs_da.len(), 3);
}

// T39 (BRS-15, FRB-12): provider cancellation.
#[test]
fn t39_provider_cancellation_per_municipality() {
    let brs = provider_options(
        municipality("broenderslev")
            .rules
            .provider_cancellation
            .as_ref(),
    );
    assert!(!brs.may_cancel && brs.may_propose_new_time);
    let frb = provider_options(
        municipality("fredensborg")
            .rules
            .provider_cancellation
            .as_ref(),
    );
    assert!(frb.may_cancel && frb.notify_at_once && frb.must_offer_alternative);
    let vej = provider_options(municipality("vejen").rules.provider_cancellation.as_ref());
    assert_eq!(vej.rule_id, None, "VEJ-15 is silent");
}

// T47 (SAM-13, GEN-7): a relative applying without consent waits for the citizen.
#[test]
fn t47_samsoe_application_without_consent() {
    let m = municipality("samsoe");
    let relative = Applicant::Representative {
        power_covers_consent: false,
    };
    match submission(relative, false, m.rules.application_consent.as_ref()) {
        Submission::AwaitingCitizenConsent {
            rule_id, text_da, ..
        } => {
            assert_eq!(rule_id, "SAM-13");
            assert!(text_da.starts_with("Ansøgningen kræver borgerens samtykke"));
        }
        other => panic!("expected to wait for consent, got {other:?}"),
    }
    assert_eq!(
        submission(relative, true, m.rules.application_consent.as_ref()),
        Submission::Allowed
    );
}

// T48 (BRS-05, GEN-1): "I can do the exercises myself" gives advice, never a refusal.
#[test]
fn t48_broenderslev_no_automatic_refusal() {
    let m = municipality("broenderslev");
    let advice = advise(&m.rules.prescreen, &answers(&[("self_training", true)]));
    assert_eq!(advice.len(), 1);
    assert_eq!(advice[0].rule_id, "BRS-05");
    assert!(advice[0].text_da.contains("kan du måske ikke få"));
    assert!(advice[0].text_da.contains("Du kan stadig ansøge"));
    // Sending depends on consent only; the pre-screen has no say.
    assert_eq!(
        submission(
            Applicant::Citizen,
            false,
            m.rules.application_consent.as_ref()
        ),
        Submission::Allowed
    );
    // Every piece of advice in every file tells the citizen they can still apply.
    for slug in [
        "vejen",
        "samsoe",
        "broenderslev",
        "fredensborg",
        "mariagerfjord",
    ] {
        for q in &municipality(slug).rules.prescreen {
            if let Some(a) = &q.advice_da {
                assert!(a.contains("Du kan stadig ansøge"), "{slug} {}", q.id);
            }
        }
    }
}

// T49 (MAR-05): vederlagsfri fysioterapi excludes only for the same purpose and impairment.
#[test]
fn t49_mariagerfjord_vederlagsfri_overlap() {
    let m = municipality("mariagerfjord");
    let q = &m.rules.prescreen;
    assert!(!questions_to_ask(q, &answers(&[]))
        .iter()
        .any(|q| q.id == "vederlagsfri_same"));
    let same = answers(&[
        ("need", true),
        ("vederlagsfri", true),
        ("vederlagsfri_same", true),
    ]);
    let advice = advise(q, &same);
    assert_eq!(advice.len(), 1);
    assert!(advice[0].text_da.contains("ikke i målgruppen"));
    let different = answers(&[
        ("need", true),
        ("vederlagsfri", true),
        ("vederlagsfri_same", false),
    ]);
    assert!(advise(q, &different).is_empty());
}

// T51 (SAM-21) and the July weeks, from Samsø's file: no July weeks are set yet, so July warns.
#[test]
fn t51_samsoe_closures_from_the_file() {
    let m = municipality("samsoe");
    let team = |s: &str| {
        let t = at(s);
        rules_answers::bookable(
            &m,
            TrainingForm::Team,
            t,
            t + chrono::Duration::hours(1),
            CourseFacts::default(),
        )
    };
    assert!(!team("2026-02-09T10:00:00+01:00").allowed);
    assert!(team("2026-02-16T10:00:00+01:00").allowed);
    assert!(!team("2026-10-14T10:00:00+02:00").allowed);
    assert!(team("2026-10-19T10:00:00+02:00").allowed);
    assert!(!team("2027-02-17T10:00:00+01:00").allowed);
    let july = team("2027-07-14T10:00:00+02:00");
    assert!(july.allowed && july.warnings[0].rule_id == "SAM-21");
}

// T54 (MAR-11, MAR-08): pre-examination Wed 3 June 2026; course from Mon 8 June.
#[test]
fn t54_mariagerfjord_start_and_twelve_weeks() {
    let m = municipality("mariagerfjord");
    let start = rules_answers::clocks(&m, Anchor::PreExam, day(2026, 6, 3));
    assert_eq!(start[0].rule_id, "MAR-11");
    assert_eq!(start[0].due, day(2026, 6, 17));
    let course = CourseFacts {
        first_session: Some(day(2026, 6, 8)),
        ..CourseFacts::default()
    };
    let on = |s: &str| {
        rules_answers::bookable(
            &m,
            TrainingForm::Team,
            at(s),
            at(s) + chrono::Duration::hours(1),
            course,
        )
    };
    assert!(on("2026-08-28T10:00:00+02:00").allowed);
    let late = on("2026-08-31T10:00:00+02:00");
    assert!(!late.allowed && late.reasons[0].rule_id == "MAR-08");
}

// FRB-23: once a week in Fredensborg is the usual level (a warning); the citizen's plan binds.
#[test]
fn fredensborg_once_a_week_unless_the_plan_says_otherwise() {
    let m = municipality("fredensborg");
    let t = at("2026-09-16T10:00:00+02:00");
    let with = |booked, plan| {
        rules_answers::bookable(
            &m,
            TrainingForm::Team,
            t,
            t + chrono::Duration::hours(1),
            CourseFacts {
                booked_in_week: booked,
                plan_per_week: plan,
                ..CourseFacts::default()
            },
        )
    };
    assert!(with(0, None).allowed);
    // "ydes 1 gang om ugen" is the usual level, assessed by the therapist: a warning.
    let second = with(1, None);
    assert!(second.allowed);
    assert_eq!(second.warnings[0].rule_id, "FRB-23");
    assert!(with(1, Some(2)).allowed, "a plan of twice a week");
    assert!(!with(1, Some(1)).allowed, "her plan of once a week binds");
}
