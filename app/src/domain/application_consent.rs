//! An application needs the citizen's own consent before it is sent (SAM-13 states it; general
//! law implies it everywhere, GEN-7). When a relative applies, the application waits for the
//! citizen unless the relative's power of attorney covers consent (T47).
use super::booking::Sourced;
use serde::{Deserialize, Serialize};

/// Who is sending the application.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applicant {
    Citizen,
    /// A relative or other representative; `power_covers_consent` when their registered power
    /// of attorney carries the consent scope.
    Representative {
        power_covers_consent: bool,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Submission {
    Allowed,
    /// Sent only when the citizen has consented in their own sign-in.
    AwaitingCitizenConsent {
        rule_id: String,
        source: Option<String>,
        text_da: String,
        text_en: String,
    },
}

/// Whether the application may be sent now. `rule` is the municipality's own statement, if any.
pub fn submission(
    applicant: Applicant,
    citizen_consent_recorded: bool,
    rule: Option<&Sourced>,
) -> Submission {
    let covered = match applicant {
        Applicant::Citizen => true,
        Applicant::Representative {
            power_covers_consent,
        } => power_covers_consent || citizen_consent_recorded,
    };
    if covered {
        return Submission::Allowed;
    }
    Submission::AwaitingCitizenConsent {
        rule_id: rule.map_or("GEN-7".into(), |r| r.rule_id.clone()),
        source: rule.map(|r| r.source.clone()),
        text_da: "Ansøgningen kræver borgerens samtykke. Borgeren kan give samtykke ved at logge ind med sit eget MitID. Indtil da venter ansøgningen.".into(),
        text_en: "The application needs the citizen's consent. The citizen can consent by signing in with their own MitID. Until then the application waits.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samsoe() -> Sourced {
        Sourced {
            rule_id: "SAM-13".into(),
            source: "En ansøgning skal altid være med samtykke fra borgeren".into(),
        }
    }

    // T47 with the real file is in ssr::worked_examples; here the ways past the wait.
    #[test]
    fn a_power_covering_consent_or_the_citizen_themself_needs_no_wait() {
        let rule = samsoe();
        let relative = Applicant::Representative {
            power_covers_consent: false,
        };
        assert_ne!(
            submission(relative, false, Some(&rule)),
            Submission::Allowed
        );
        assert_eq!(submission(relative, true, Some(&rule)), Submission::Allowed);
        let power = Applicant::Representative {
            power_covers_consent: true,
        };
        assert_eq!(submission(power, false, Some(&rule)), Submission::Allowed);
        assert_eq!(
            submission(Applicant::Citizen, false, Some(&rule)),
            Submission::Allowed
        );
    }

    #[test]
    fn where_the_standard_is_silent_general_law_applies() {
        let relative = Applicant::Representative {
            power_covers_consent: false,
        };
        match submission(relative, false, None) {
            Submission::AwaitingCitizenConsent {
                rule_id, source, ..
            } => {
                assert_eq!(rule_id, "GEN-7");
                assert_eq!(source, None);
            }
            other => panic!("expected to wait for consent, got {other:?}"),
        }
    }
}
