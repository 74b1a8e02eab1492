//! The law a case is decided under (GEN-10). Since 1 July 2025 a citizen within Ældreloven's
//! scope cannot receive SEL § 86 (SEL § 2, stk. 5): their training falls under Ældreloven. The
//! municipality decides who is within it (Ældreloven § 2, stk. 3), so the portal never refuses an
//! application for age: a case of someone who has reached folkepensionsalderen is "to be
//! determined" until the caseworker decides which law applies, and the letter and its complaint
//! guidance name that law.
use super::lang::Lang;
use super::pension_age::{folkepensionsalder_reached, AELDRELOVEN_IN_FORCE};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LegalBasis {
    /// Serviceloven § 86, stk. 2.
    Sel86Stk2,
    /// Ældreloven (LOV nr. 1651 af 30/12/2024). Which paragraph carries maintenance training is
    /// not settled (RULES.md GEN-10 [UNCERTAIN]), so the act is named, not a paragraph.
    Aeldreloven,
    /// The applicant has reached folkepensionsalderen: the caseworker decides.
    ToBeDetermined,
}

impl LegalBasis {
    /// The bases a decision can be made under.
    pub const DECIDABLE: [LegalBasis; 2] = [LegalBasis::Sel86Stk2, LegalBasis::Aeldreloven];

    pub fn code(self) -> &'static str {
        match self {
            LegalBasis::Sel86Stk2 => "sel_86_2",
            LegalBasis::Aeldreloven => "aeldreloven",
            LegalBasis::ToBeDetermined => "undetermined",
        }
    }

    pub fn from_code(code: &str) -> Option<LegalBasis> {
        [
            LegalBasis::Sel86Stk2,
            LegalBasis::Aeldreloven,
            LegalBasis::ToBeDetermined,
        ]
        .into_iter()
        .find(|b| b.code() == code)
    }

    /// The law as a decision letter names it (stored with the decision).
    pub fn law(self) -> &'static str {
        match self {
            LegalBasis::Sel86Stk2 | LegalBasis::ToBeDetermined => {
                "Lov om social service § 86, stk. 2"
            }
            LegalBasis::Aeldreloven => "Ældreloven (lov nr. 1651 af 30. december 2024)",
        }
    }

    /// The basis a stored decision names.
    pub fn of_law(law: &str) -> LegalBasis {
        if law.starts_with("Ældreloven") {
            LegalBasis::Aeldreloven
        } else {
            LegalBasis::Sel86Stk2
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            LegalBasis::Sel86Stk2 => lang.pick(
                "Serviceloven § 86, stk. 2",
                "Social Services Act section 86(2)",
            ),
            LegalBasis::Aeldreloven => lang.pick("Ældreloven", "The Act on the Elderly (ældreloven)"),
            LegalBasis::ToBeDetermined => lang.pick(
                "Afklares: borgeren har nået folkepensionsalderen (serviceloven eller ældreloven)",
                "To be determined: the citizen has reached the state pension age (Social Services Act or Act on the Elderly)",
            ),
        }
    }
}

/// The basis of an undecided case: to be determined for someone who has reached
/// folkepensionsalderen on `on` (from 1 July 2025), otherwise SEL § 86, stk. 2. Without a birth
/// date the portal cannot tell, and the caseworker decides ("to be determined").
pub fn initial(birth: Option<NaiveDate>, on: NaiveDate) -> LegalBasis {
    match birth {
        _ if on < AELDRELOVEN_IN_FORCE => LegalBasis::Sel86Stk2,
        None => LegalBasis::ToBeDetermined,
        Some(b) if folkepensionsalder_reached(b, on).is_some() => LegalBasis::ToBeDetermined,
        Some(_) => LegalBasis::Sel86Stk2,
    }
}

/// The caseworker's choice in the decision form.
pub fn check_choice(code: &str) -> Result<LegalBasis, &'static str> {
    LegalBasis::from_code(code)
        .filter(|b| LegalBasis::DECIDABLE.contains(b))
        .ok_or("felt-lovgrundlag")
}

pub fn choice_problem(lang: Lang) -> &'static str {
    lang.pick(
        "Vælg, hvilken lov afgørelsen træffes efter: serviceloven eller ældreloven.",
        "Choose which act the decision is made under: the Social Services Act or the Act on the Elderly.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn over_pension_age_the_law_is_to_be_determined_never_refused() {
        // Born 10 May 1959: pension age 67 on 10 May 2026.
        assert_eq!(
            initial(Some(d(1959, 5, 10)), d(2026, 5, 9)),
            LegalBasis::Sel86Stk2
        );
        assert_eq!(
            initial(Some(d(1959, 5, 10)), d(2026, 5, 10)),
            LegalBasis::ToBeDetermined
        );
        // Before Ældreloven everyone was under SEL § 86.
        assert_eq!(
            initial(Some(d(1940, 1, 1)), d(2025, 6, 30)),
            LegalBasis::Sel86Stk2
        );
        assert_eq!(initial(None, d(2026, 3, 4)), LegalBasis::ToBeDetermined);
        assert_eq!(check_choice("aeldreloven"), Ok(LegalBasis::Aeldreloven));
        assert!(check_choice("undetermined").is_err());
        assert!(check_choice("").is_err());
        assert_eq!(
            LegalBasis::of_law(LegalBasis::Aeldreloven.law()),
            LegalBasis::Aeldreloven
        );
        assert_eq!(
            LegalBasis::of_law("Lov om social service § 86, stk. 2"),
            LegalBasis::Sel86Stk2
        );
    }
}
