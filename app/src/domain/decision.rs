//! What a decision on an application must hold before it can be made (Forvaltningsloven, RULES.md
//! GEN-1): the outcome, the plan for training that is granted, reasons unless everything asked
//! for is granted, and the municipality's hard limits on the plan: only a maximum the standard
//! states (MAR-08's 12 weeks); a usual level such as FRB-23's "1 gang om ugen" only warns when
//! booking. The complaint guidance is generated elsewhere, never typed. Pure.
use super::complaint_guidance::DecisionOutcome;
use super::lang::Lang;
use super::municipality::{Rules, TrainingForm};
use super::time_format::parse_day;
use chrono::NaiveDate;

/// The decision form as typed.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DecisionInput {
    /// "granted", "partly_granted" or "refused".
    pub outcome: String,
    pub training_form: String,
    pub place: String,
    pub sessions_per_week: String,
    /// Optional: the course's length in weeks.
    pub weeks: String,
    pub start_on: String,
    pub reasons: String,
    /// How the citizen gets the decision (kept with the rest when the form has a problem).
    #[serde(default)]
    pub delivery: super::decision_delivery::DeliveryInput,
    /// The law chosen: "sel_86_2" or "aeldreloven" (GEN-10).
    #[serde(default)]
    pub legal_basis: String,
    /// A part on transport under SEL § 117: "" (none), "granted" or "refused".
    #[serde(default)]
    pub transport: String,
}

/// The plan of training granted.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainingPlan {
    pub training_form: TrainingForm,
    pub place: String,
    pub sessions_per_week: u32,
    pub weeks: Option<u32>,
    pub start_on: NaiveDate,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CheckedDecision {
    pub outcome: DecisionOutcome,
    /// None for a refusal.
    pub plan: Option<TrainingPlan>,
    pub reasons: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecisionProblem {
    OutcomeMissing,
    FormNotOffered,
    PlaceMissing,
    SessionsNotANumber,
    SessionsOverLimit { max: u32 },
    WeeksNotANumber,
    WeeksOverLimit { max: u32 },
    StartMissing,
    StartInThePast,
    ReasonsMissing,
}

impl DecisionProblem {
    /// The form field the problem belongs to (its id on the case page).
    pub fn field(self) -> &'static str {
        match self {
            DecisionProblem::OutcomeMissing => "felt-resultat",
            DecisionProblem::FormNotOffered => "felt-traeningsform",
            DecisionProblem::PlaceMissing => "felt-sted",
            DecisionProblem::SessionsNotANumber | DecisionProblem::SessionsOverLimit { .. } => {
                "felt-gange"
            }
            DecisionProblem::WeeksNotANumber | DecisionProblem::WeeksOverLimit { .. } => {
                "felt-uger"
            }
            DecisionProblem::StartMissing | DecisionProblem::StartInThePast => "felt-start",
            DecisionProblem::ReasonsMissing => "felt-begrundelse",
        }
    }

    pub fn text(self, lang: Lang) -> String {
        match self {
            DecisionProblem::OutcomeMissing => lang.pick("Vælg afgørelsens resultat.", "Choose the outcome of the decision.").into(),
            DecisionProblem::FormNotOffered => lang.pick("Vælg en træningsform, kommunen tilbyder.", "Choose a training form the municipality offers.").into(),
            DecisionProblem::PlaceMissing => lang.pick("Skriv, hvor træningen foregår.", "Enter where the training takes place.").into(),
            DecisionProblem::SessionsNotANumber => lang.pick("Skriv antal gange om ugen som et tal fra 1 til 7.", "Enter sessions per week as a number from 1 to 7.").into(),
            DecisionProblem::SessionsOverLimit { max } => match lang {
                Lang::Da => format!("Kommunens kvalitetsstandard tillader højst {max} gang(e) om ugen."),
                Lang::En => format!("The municipality's standard allows at most {max} session(s) a week."),
            },
            DecisionProblem::WeeksNotANumber => lang.pick("Skriv forløbets længde i hele uger, eller lad feltet stå tomt.", "Enter the course's length in whole weeks, or leave the field empty.").into(),
            DecisionProblem::WeeksOverLimit { max } => match lang {
                Lang::Da => format!("Kommunens kvalitetsstandard tillader højst {max} uger."),
                Lang::En => format!("The municipality's standard allows at most {max} weeks."),
            },
            DecisionProblem::StartMissing => lang.pick("Skriv, hvornår træningen begynder, fx 16.3.2026.", "Enter when the training starts, e.g. 16.3.2026.").into(),
            DecisionProblem::StartInThePast => lang.pick("Træningen kan ikke begynde før i dag.", "The training cannot start before today.").into(),
            DecisionProblem::ReasonsMissing => lang.pick(
                "Skriv begrundelsen. Den er påkrævet, når borgeren ikke får alt, der er søgt om (forvaltningsloven § 22).",
                "Write the reasons. They are required when the citizen does not get everything applied for (Public Administration Act § 22).",
            ).into(),
        }
    }
}

/// Checks a decision typed on `today` against the municipality's rules; every problem at once.
pub fn check_decision(
    input: &DecisionInput,
    rules: &Rules,
    today: NaiveDate,
) -> Result<CheckedDecision, Vec<DecisionProblem>> {
    let mut problems = Vec::new();
    let outcome = match input.outcome.as_str() {
        "granted" => Some(DecisionOutcome::Granted),
        "partly_granted" => Some(DecisionOutcome::PartlyGranted),
        "refused" => Some(DecisionOutcome::Refused),
        _ => {
            problems.push(DecisionProblem::OutcomeMissing);
            None
        }
    };
    let reasons = Some(input.reasons.trim().to_string()).filter(|r| !r.is_empty());
    if matches!(
        outcome,
        Some(DecisionOutcome::PartlyGranted | DecisionOutcome::Refused)
    ) && reasons.is_none()
    {
        problems.push(DecisionProblem::ReasonsMissing);
    }
    let plan = match outcome {
        Some(DecisionOutcome::Granted | DecisionOutcome::PartlyGranted) => {
            check_plan(input, rules, today, &mut problems)
        }
        _ => None,
    };
    match outcome {
        Some(outcome) if problems.is_empty() => Ok(CheckedDecision {
            outcome,
            plan,
            reasons,
        }),
        _ => Err(problems),
    }
}

fn check_plan(
    input: &DecisionInput,
    rules: &Rules,
    today: NaiveDate,
    problems: &mut Vec<DecisionProblem>,
) -> Option<TrainingPlan> {
    let form =
        TrainingForm::from_code(&input.training_form).filter(|f| rules.training_forms.contains(f));
    if form.is_none() {
        problems.push(DecisionProblem::FormNotOffered);
    }
    let place = input.place.trim();
    if place.is_empty() {
        problems.push(DecisionProblem::PlaceMissing);
    }
    let sessions = input
        .sessions_per_week
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=7).contains(n));
    match (sessions, &rules.booking.sessions_per_week) {
        (None, _) => problems.push(DecisionProblem::SessionsNotANumber),
        (Some(n), Some(limit))
            if limit.hard && n > limit.max && form.is_some_and(|f| limit.forms.contains(&f)) =>
        {
            problems.push(DecisionProblem::SessionsOverLimit { max: limit.max })
        }
        _ => {}
    }
    let weeks = match input.weeks.trim() {
        "" => Ok(None),
        w => w
            .parse::<u32>()
            .ok()
            .filter(|n| *n >= 1)
            .map(Some)
            .ok_or(()),
    };
    match (&weeks, &rules.booking.max_weeks) {
        (Err(()), _) => problems.push(DecisionProblem::WeeksNotANumber),
        (Ok(Some(w)), Some(max)) if max.hard && *w > max.weeks => {
            problems.push(DecisionProblem::WeeksOverLimit { max: max.weeks })
        }
        _ => {}
    }
    let start = match parse_day(&input.start_on) {
        Some(d) if d < today => {
            problems.push(DecisionProblem::StartInThePast);
            None
        }
        Some(d) => Some(d),
        None => {
            problems.push(DecisionProblem::StartMissing);
            None
        }
    };
    Some(TrainingPlan {
        training_form: form?,
        place: place.to_string(),
        sessions_per_week: sessions?,
        weeks: weeks.ok()?,
        start_on: start?,
    })
}

/// The last day of a course of `weeks` weeks starting on `start`; open-ended without weeks.
pub fn course_last_day(start: NaiveDate, weeks: Option<i64>) -> Option<NaiveDate> {
    weeks
        .filter(|w| *w > 0)
        .map(|w| start + chrono::Days::new((w * 7 - 1) as u64))
}

/// The last day of a course once its first session is known: its weeks run from the first
/// session (MAR-08, RULES.md T54: "12 uger" = first session + 83 days), not from the decided
/// start, so the decided end moves on by as many days as the first session came after the start.
pub fn course_end_from_first_session(
    starts_on: NaiveDate,
    decided_end: Option<NaiveDate>,
    first_session: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let shift = first_session.map_or(0, |f| (f - starts_on).num_days().max(0));
    decided_end.map(|e| e + chrono::Days::new(shift as u64))
}

// Against the real municipality files.
#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    use crate::ssr::municipalities::repo_rules as rules;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 4).unwrap()
    }

    fn grant() -> DecisionInput {
        DecisionInput {
            outcome: "granted".into(),
            training_form: "team".into(),
            place: "Sundhedscenter Hobro".into(),
            sessions_per_week: "1".into(),
            weeks: "12".into(),
            start_on: "16.3.2026".into(),
            reasons: String::new(),
            delivery: Default::default(),
            legal_basis: String::new(),
            transport: String::new(),
        }
    }

    #[test]
    fn a_full_grant_needs_a_plan_but_no_reasons() {
        let d = check_decision(&grant(), &rules("mariagerfjord"), today()).unwrap();
        assert_eq!(d.outcome, DecisionOutcome::Granted);
        assert_eq!(d.reasons, None);
        let plan = d.plan.unwrap();
        assert_eq!(plan.training_form, TrainingForm::Team);
        assert_eq!(plan.weeks, Some(12));
        assert_eq!(plan.start_on, NaiveDate::from_ymd_opt(2026, 3, 16).unwrap());
    }

    #[test]
    fn reasons_are_required_unless_everything_is_granted() {
        let r = rules("vejen");
        for outcome in ["partly_granted", "refused"] {
            let input = DecisionInput {
                outcome: outcome.into(),
                ..grant()
            };
            assert_eq!(
                check_decision(&input, &r, today()),
                Err(vec![DecisionProblem::ReasonsMissing]),
                "{outcome}"
            );
        }
        let refusal = DecisionInput {
            outcome: "refused".into(),
            reasons: "Du kan bruge almindelige træningstilbud.".into(),
            ..DecisionInput::default()
        };
        let d = check_decision(&refusal, &r, today()).unwrap();
        assert_eq!((d.outcome, d.plan), (DecisionOutcome::Refused, None));
    }

    #[test]
    fn only_a_stated_maximum_binds_the_plan() {
        // MAR-08: at most 12 weeks, hard.
        let long = DecisionInput {
            weeks: "13".into(),
            ..grant()
        };
        assert_eq!(
            check_decision(&long, &rules("mariagerfjord"), today()),
            Err(vec![DecisionProblem::WeeksOverLimit { max: 12 }])
        );
        // FRB-23 "ydes 1 gang om ugen" is the usual level, assessed by the therapist, not a
        // maximum: twice a week can be decided (booking warns).
        let twice = DecisionInput {
            sessions_per_week: "2".into(),
            place: "Træningscentret, Kokkedal".into(),
            ..grant()
        };
        let frb = rules("fredensborg");
        assert!(!frb.booking.sessions_per_week.clone().unwrap().hard);
        assert!(check_decision(&twice, &frb, today()).is_ok());
        // Samsø's limit (2) is soft too: a warning elsewhere, never a block here.
        let thrice = DecisionInput {
            sessions_per_week: "3".into(),
            ..twice
        };
        assert!(check_decision(&thrice, &rules("samsoe"), today()).is_ok());
        // Every hard limit left in the five files is a maximum the standard states.
        for slug in [
            "vejen",
            "samsoe",
            "broenderslev",
            "fredensborg",
            "mariagerfjord",
        ] {
            let b = rules(slug).booking;
            let hard: Vec<_> = [
                b.max_weeks.filter(|m| m.hard).map(|m| m.rule_id),
                b.sessions_per_week.filter(|m| m.hard).map(|m| m.rule_id),
            ]
            .into_iter()
            .flatten()
            .collect();
            let expected: &[&str] = if slug == "mariagerfjord" {
                &["MAR-08"]
            } else {
                &[]
            };
            assert_eq!(hard, expected, "{slug}");
        }
    }

    // T54: a 12-week course decided from Monday 1 June whose first session is Monday 8 June
    // ends Sunday 30 August (8 June + 83 days), not 23 August.
    #[test]
    fn t54_the_weeks_run_from_the_first_session() {
        let start = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let decided = course_last_day(start, Some(12));
        assert_eq!(decided, NaiveDate::from_ymd_opt(2026, 8, 23));
        let first = NaiveDate::from_ymd_opt(2026, 6, 8);
        assert_eq!(
            course_end_from_first_session(start, decided, first),
            NaiveDate::from_ymd_opt(2026, 8, 30)
        );
        assert_eq!(course_end_from_first_session(start, decided, None), decided);
        assert_eq!(course_end_from_first_session(start, None, first), None);
    }

    #[test]
    fn every_problem_of_a_plan_is_reported_at_once() {
        let bad = DecisionInput {
            outcome: "granted".into(),
            training_form: "trampolin".into(),
            place: " ".into(),
            sessions_per_week: "mange".into(),
            weeks: "x".into(),
            start_on: "3.3.2026".into(),
            reasons: String::new(),
            delivery: Default::default(),
            legal_basis: String::new(),
            transport: String::new(),
        };
        assert_eq!(
            check_decision(&bad, &rules("vejen"), today()),
            Err(vec![
                DecisionProblem::FormNotOffered,
                DecisionProblem::PlaceMissing,
                DecisionProblem::SessionsNotANumber,
                DecisionProblem::WeeksNotANumber,
                DecisionProblem::StartInThePast,
            ])
        );
        assert_eq!(
            check_decision(&DecisionInput::default(), &rules("vejen"), today()),
            Err(vec![DecisionProblem::OutcomeMissing])
        );
    }
}
