//! An application for maintenance training as the citizen (or a relative) writes it: what it must
//! hold before it can be sent, and the dates the municipality promises from the day it arrives.
//! Pure: no I/O, no clock.
use super::calendar::DaysOff;
use super::lang::Lang;
use super::municipality::{Rules, TrainingForm};
use super::prescreen::Answers;
use super::service_levels::{Anchor, ServiceLevel};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The longest free text kept per field.
pub const TEXT_MAX: usize = 4000;

/// What the applicant has written so far (a draft may be incomplete).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApplicationDraft {
    /// The pre-screen answers by question id (advice only).
    #[serde(default)]
    pub prescreen: Answers,
    /// What is hard in daily life, in the applicant's own words.
    #[serde(default)]
    pub needs: String,
    /// What they want to be able to do.
    #[serde(default)]
    pub goals: String,
    /// A training form the municipality offers, or none ("the municipality decides").
    #[serde(default)]
    pub training_form: Option<String>,
    /// Where they would prefer to train: a place code of the municipality's file, or empty
    /// ("the municipality suggests a place").
    #[serde(default)]
    pub place: String,
    /// "self" (can get there themself) or "help" (needs help with transport).
    #[serde(default)]
    pub transport: Option<String>,
}

/// What keeps a draft from being sent, per field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApplyProblem {
    NeedsMissing,
    TextTooLong,
    UnknownTrainingForm,
    UnknownPlace,
    TransportMissing,
}

impl ApplyProblem {
    /// The form field the problem belongs to (its id on the page).
    pub fn field(self) -> &'static str {
        match self {
            ApplyProblem::NeedsMissing | ApplyProblem::TextTooLong => "felt-behov",
            ApplyProblem::UnknownTrainingForm => "felt-form",
            ApplyProblem::UnknownPlace => "felt-sted",
            ApplyProblem::TransportMissing => "felt-transport",
        }
    }

    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            ApplyProblem::NeedsMissing => lang.pick(
                "Skriv, hvad der er svært for dig i hverdagen. Det er nok med et par linjer.",
                "Write what is hard for you in daily life. A few lines are enough.",
            ),
            ApplyProblem::TextTooLong => lang.pick(
                "Hvert tekstfelt kan højst have 4000 tegn.",
                "Each text field can have at most 4000 characters.",
            ),
            ApplyProblem::UnknownTrainingForm => lang.pick(
                "Vælg en af de træningsformer, kommunen tilbyder.",
                "Choose one of the training forms the municipality offers.",
            ),
            ApplyProblem::UnknownPlace => lang.pick(
                "Vælg et af de steder, kommunen tilbyder, eller lad kommunen foreslå et.",
                "Choose one of the places the municipality offers, or let the municipality suggest one.",
            ),
            ApplyProblem::TransportMissing => lang.pick(
                "Vælg, om du selv kan komme frem til træningen.",
                "Choose whether you can get to the training yourself.",
            ),
        }
    }
}

/// Every problem that keeps the draft from being sent, in the order of the form.
pub fn problems(draft: &ApplicationDraft, rules: &Rules) -> Vec<ApplyProblem> {
    let mut out = Vec::new();
    if draft.needs.trim().is_empty() {
        out.push(ApplyProblem::NeedsMissing);
    }
    if [&draft.needs, &draft.goals]
        .iter()
        .any(|t| t.chars().count() > TEXT_MAX)
    {
        out.push(ApplyProblem::TextTooLong);
    }
    if let Some(form) = &draft.training_form {
        let offered =
            TrainingForm::from_code(form).is_some_and(|f| rules.training_forms.contains(&f));
        if !offered {
            out.push(ApplyProblem::UnknownTrainingForm);
        }
    }
    if !draft.place.is_empty() && rules.locations.place(&draft.place).is_none() {
        out.push(ApplyProblem::UnknownPlace);
    }
    if !matches!(draft.transport.as_deref(), Some("self" | "help")) {
        out.push(ApplyProblem::TransportMissing);
    }
    out
}

/// A promise that runs from the day the application arrives, and its last day.
#[derive(Clone, Debug, PartialEq)]
pub struct Promise<'a> {
    pub level: &'a ServiceLevel,
    pub due: NaiveDate,
}

/// The municipality's promises that start when an application arrives on `received` (a local
/// date), with their due dates counted under its own calendar.
pub fn promises_from_receipt(rules: &Rules, received: NaiveDate) -> Vec<Promise<'_>> {
    let days_off: &DaysOff = &rules.sla_days_off;
    rules
        .service_levels
        .iter()
        .filter(|l| l.anchor == Anchor::ApplicationReceived)
        .map(|level| Promise {
            level,
            due: level.due(received, days_off),
        })
        .collect()
}

/// A reference a person can read aloud on the phone: "TP-" and eight characters without the
/// ones that are easily confused (0/O, 1/I/L), from `random` (any bytes).
pub fn reference(random: [u8; 8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let chars: String = random
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    format!("TP-{}-{}", &chars[..4], &chars[4..])
}

// Against the real municipality files (read with the server's loader).
#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    use crate::ssr::municipalities::repo_rules as rules;

    fn complete() -> ApplicationDraft {
        ApplicationDraft {
            needs: "Jeg har svært ved at gå på trapper.".into(),
            transport: Some("self".into()),
            ..ApplicationDraft::default()
        }
    }

    #[test]
    fn an_application_needs_the_need_in_own_words_and_the_transport_answer_only() {
        let r = rules("vejen");
        assert!(problems(&complete(), &r).is_empty());
        assert_eq!(
            problems(&ApplicationDraft::default(), &r),
            vec![ApplyProblem::NeedsMissing, ApplyProblem::TransportMissing]
        );
        let long = ApplicationDraft {
            goals: "x".repeat(TEXT_MAX + 1),
            ..complete()
        };
        assert_eq!(problems(&long, &r), vec![ApplyProblem::TextTooLong]);
    }

    #[test]
    fn only_a_training_form_the_municipality_offers_can_be_chosen() {
        let with = |form: &str| ApplicationDraft {
            training_form: Some(form.into()),
            ..complete()
        };
        let vejen = rules("vejen");
        assert!(problems(&with("digital"), &vejen).is_empty());
        assert_eq!(
            problems(&with("trampolin"), &vejen),
            vec![ApplyProblem::UnknownTrainingForm]
        );
        let mariagerfjord = rules("mariagerfjord");
        let offered: Vec<_> = mariagerfjord
            .training_forms
            .iter()
            .map(|f| f.code())
            .collect();
        for code in ["team", "individual", "guided_self_training", "digital"] {
            assert_eq!(
                problems(&with(code), &mariagerfjord).is_empty(),
                offered.contains(&code),
                "{code}"
            );
        }
    }

    #[test]
    fn receipt_dates_follow_each_municipalitys_promises_from_the_day_of_arrival() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        // Brønderslev promises contact within a number of hverdage of the application.
        let brs = rules("broenderslev");
        let promises = promises_from_receipt(&brs, d(2026, 3, 30));
        assert!(!promises.is_empty());
        for p in &promises {
            assert_eq!(p.level.anchor, Anchor::ApplicationReceived);
            assert_eq!(p.due, p.level.due(d(2026, 3, 30), &brs.sla_days_off));
            assert!(p.due > d(2026, 3, 30));
        }
        // Vejen promises nothing from the application itself (its clock runs from visitation).
        assert!(promises_from_receipt(&rules("vejen"), d(2026, 3, 30)).is_empty());
    }

    #[test]
    fn references_are_readable_and_avoid_confusable_characters() {
        let r = reference([0, 1, 2, 3, 30, 31, 200, 255]);
        assert_eq!(r.len(), "TP-XXXX-XXXX".len());
        assert!(r.starts_with("TP-") && r.chars().nth(7) == Some('-'));
        assert!(!r[3..].chars().any(|c| "01OIL".contains(c)), "{r}");
        assert_ne!(r, reference([9; 8]));
    }
}
