//! The questions a citizen may answer before applying, and the advice they lead to. Advice
//! only: the portal never refuses an application by itself (GEN-1, BRS-05, T48); any refusal is
//! a written decision with reasons and guidance on how to complain.
use super::pension_age::{folkepensionsalder_reached, AELDRELOVEN_IN_FORCE};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A yes/no question from the municipality's file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub question_da: String,
    pub question_en: String,
    /// Asked only after another question got this answer (MAR-05's "same impairment").
    #[serde(default)]
    pub only_if: Option<Condition>,
    /// The answer that leads to the advice; absent for a question that only opens others.
    #[serde(default)]
    pub advise_when: Option<bool>,
    #[serde(default)]
    pub advice_da: Option<String>,
    #[serde(default)]
    pub advice_en: Option<String>,
    pub rule_id: String,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub question: String,
    pub answer: bool,
}

/// Advice shown before the citizen sends the application. It never stops them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Advice {
    pub rule_id: String,
    pub source: String,
    pub text_da: String,
    pub text_en: String,
}

/// Answers by question id; a question not answered is absent.
pub type Answers = BTreeMap<String, bool>;

/// The questions to show, given the answers so far.
pub fn questions_to_ask<'a>(questions: &'a [Question], answers: &Answers) -> Vec<&'a Question> {
    questions
        .iter()
        .filter(|q| {
            q.only_if
                .as_ref()
                .is_none_or(|c| answers.get(&c.question) == Some(&c.answer))
        })
        .collect()
}

/// The advice for the answers given, in the order of the questions. A question that is not
/// (or no longer) asked gives no advice.
pub fn advise(questions: &[Question], answers: &Answers) -> Vec<Advice> {
    questions_to_ask(questions, answers)
        .into_iter()
        .filter(|q| q.advise_when.is_some() && answers.get(&q.id) == q.advise_when.as_ref())
        .filter_map(|q| {
            Some(Advice {
                rule_id: q.rule_id.clone(),
                source: q.source.clone(),
                text_da: q.advice_da.clone()?,
                text_en: q.advice_en.clone()?,
            })
        })
        .collect()
}

/// GEN-10: from 1 July 2025 a citizen who has reached folkepensionsalderen may be served under
/// Ældreloven instead of SEL § 86. Advice to show, never a refusal.
pub fn pension_age_advice(birth: NaiveDate, today: NaiveDate) -> Option<Advice> {
    if today < AELDRELOVEN_IN_FORCE {
        return None;
    }
    let age = folkepensionsalder_reached(birth, today)?;
    Some(Advice {
        rule_id: "GEN-10".into(),
        source: "Personer, der kan modtage tilbud efter §§ 10, 13, 14, 16 og 17 i ældreloven, kan ikke modtage tilbud efter §§ 83, 83 a, 83 b, 84, og 86 i denne lov.".into(),
        text_da: format!(
            "Du har nået folkepensionsalderen ({}). Derfor kan din ansøgning blive behandlet efter ældreloven i stedet for serviceloven. Du kan stadig sende ansøgningen; kommunen vurderer, hvilken lov der gælder for dig.",
            age.text_da()
        ),
        text_en: format!(
            "You have reached the state pension age ({}). Your application may therefore be handled under the Danish Act on the Elderly (ældreloven) instead of the Social Services Act. You can still send the application; the municipality decides which act applies to you.",
            age.text_en()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(id: &str, advise_when: Option<bool>, only_if: Option<(&str, bool)>) -> Question {
        Question {
            id: id.into(),
            question_da: format!("{id}?"),
            question_en: format!("{id}?"),
            only_if: only_if.map(|(question, answer)| Condition {
                question: question.into(),
                answer,
            }),
            advise_when,
            advice_da: advise_when.map(|_| format!("råd om {id}")),
            advice_en: advise_when.map(|_| format!("advice on {id}")),
            rule_id: "MAR-05".into(),
            source: "…".into(),
        }
    }

    fn answers(list: &[(&str, bool)]) -> Answers {
        list.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    // T49 (MAR-05): outside the target group only for the same purpose and the same impairment.
    #[test]
    fn t49_vederlagsfri_overlap_needs_both_conditions() {
        let qs = vec![
            q("vederlagsfri", None, None),
            q("same_impairment", Some(true), Some(("vederlagsfri", true))),
        ];
        assert_eq!(questions_to_ask(&qs, &answers(&[])).len(), 1);
        assert!(advise(&qs, &answers(&[("vederlagsfri", false)])).is_empty());
        let same = answers(&[("vederlagsfri", true), ("same_impairment", true)]);
        assert_eq!(questions_to_ask(&qs, &same).len(), 2);
        assert_eq!(advise(&qs, &same)[0].text_da, "råd om same_impairment");
        let other = answers(&[("vederlagsfri", true), ("same_impairment", false)]);
        assert!(advise(&qs, &other).is_empty(), "a different impairment");
        // An answer left over from a follow-up that no longer applies gives no advice.
        let changed = answers(&[("vederlagsfri", false), ("same_impairment", true)]);
        assert!(advise(&qs, &changed).is_empty());
    }

    #[test]
    fn pension_age_advice_from_ældreloven_onwards() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        // Born 1959: folkepensionsalder 67, reached 10 May 2026.
        let a = pension_age_advice(d(1959, 5, 10), d(2026, 5, 10)).unwrap();
        assert_eq!(a.rule_id, "GEN-10");
        assert!(a.text_da.contains("(67 år)"));
        assert!(pension_age_advice(d(1959, 5, 10), d(2026, 5, 9)).is_none());
        // Born 1963: 68, not 67.
        assert!(pension_age_advice(d(1963, 1, 1), d(2030, 6, 1)).is_none());
        assert!(pension_age_advice(d(1963, 1, 1), d(2031, 1, 1)).is_some());
        // Before Ældreloven came into force there is nothing to say.
        assert!(pension_age_advice(d(1950, 1, 1), d(2025, 6, 30)).is_none());
        assert!(pension_age_advice(d(1950, 1, 1), d(2025, 7, 1)).is_some());
    }
}
