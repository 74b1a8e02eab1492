//! Consent (samtykke): what a citizen agrees to, for which purpose, in which version of the
//! municipality's text, and what withdrawing it means. The texts are versioned in each
//! municipality's file: a consent always points at the exact words the citizen saw, and a text
//! once given is never changed (a new wording is a new version).
use super::lang::Lang;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// Processing the application for maintenance training.
    Application,
    /// Obtaining information from the citizen's GP or hospital.
    HealthInformation,
    /// Sharing information about the case with a relative the citizen names.
    ShareWithRelative,
}

impl Purpose {
    pub const ALL: [Purpose; 3] = [
        Purpose::Application,
        Purpose::HealthInformation,
        Purpose::ShareWithRelative,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Purpose::Application => "application",
            Purpose::HealthInformation => "health_information",
            Purpose::ShareWithRelative => "share_with_relative",
        }
    }

    pub fn from_code(code: &str) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Purpose::Application => lang.pick(
                "Brug af ansøgningen om træning",
                "Use of the application for training",
            ),
            Purpose::HealthInformation => lang.pick(
                "Oplysninger fra egen læge eller sygehus",
                "Information from the GP or hospital",
            ),
            Purpose::ShareWithRelative => {
                lang.pick("Oplysninger til en pårørende", "Information to a relative")
            }
        }
    }

    /// What withdrawing the consent means, said before the citizen confirms it.
    pub fn withdrawal_effect(self, lang: Lang) -> &'static str {
        match self {
            Purpose::Application => lang.pick(
                "Kommunen må ikke længere bruge din ansøgning ud fra dit samtykke. Er din sag ikke afgjort endnu, venter kommunen, til I har talt sammen. Kommunen ringer eller skriver til dig. Det, der allerede er afgjort, gælder stadig. Dit nej gælder fra nu og ikke bagud.",
                "The municipality may no longer use your application on the basis of your consent. If your case is not decided yet, the municipality waits until you have spoken together. The municipality will call or write to you. What has already been decided still applies. Your withdrawal applies from now, not backwards.",
            ),
            Purpose::HealthInformation => lang.pick(
                "Kommunen må ikke længere spørge din læge eller dit sygehus. Det, kommunen allerede ved, bliver i sagen. Så kan det være sværere for kommunen at se, hvilken træning du har brug for. Dit nej gælder fra nu og ikke bagud.",
                "The municipality may no longer ask your GP or hospital. What the municipality already knows stays in the case. It can then be harder for the municipality to see what training you need. Your withdrawal applies from now, not backwards.",
            ),
            Purpose::ShareWithRelative => lang.pick(
                "Kommunen må ikke længere fortælle den pårørende om din sag. En fuldmagt i portalen er noget andet. Har du givet en fuldmagt, gælder den stadig. Du kan trække den tilbage under Fuldmagter. Dit nej gælder fra nu og ikke bagud.",
                "The municipality may no longer tell the relative about your case. A power of attorney in the portal is something else. If you have given one, it still applies. You can revoke it under Powers of attorney. Your withdrawal applies from now, not backwards.",
            ),
        }
    }

    /// A consent for this purpose names the relative it is about.
    pub fn names_a_relative(self) -> bool {
        self == Purpose::ShareWithRelative
    }
}

/// One version of a municipality's consent text for a purpose.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentText {
    pub purpose: Purpose,
    pub version: u32,
    pub text_da: String,
    pub text_en: String,
}

impl ConsentText {
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da => &self.text_da,
            Lang::En => &self.text_en,
        }
    }
}

/// The text a citizen consents to now: the highest version for the purpose.
pub fn current(texts: &[ConsentText], purpose: Purpose) -> Option<&ConsentText> {
    texts
        .iter()
        .filter(|t| t.purpose == purpose)
        .max_by_key(|t| t.version)
}

/// What is wrong with a municipality's list of texts: every purpose needs a text in both
/// languages, and versions start at 1 and are unique per purpose.
pub fn problems(texts: &[ConsentText]) -> Vec<String> {
    let mut out = Vec::new();
    for purpose in Purpose::ALL {
        let mut versions: Vec<u32> = texts
            .iter()
            .filter(|t| t.purpose == purpose)
            .map(|t| t.version)
            .collect();
        if versions.is_empty() {
            out.push(format!("no text for the purpose '{}'", purpose.code()));
        }
        versions.sort_unstable();
        if versions.first() == Some(&0) {
            out.push(format!("'{}': versions start at 1", purpose.code()));
        }
        if versions.windows(2).any(|w| w[0] == w[1]) {
            out.push(format!("'{}': a version is given twice", purpose.code()));
        }
    }
    for t in texts {
        if t.text_da.trim().is_empty() || t.text_en.trim().is_empty() {
            out.push(format!(
                "'{}' version {}: both languages must be given",
                t.purpose.code(),
                t.version
            ));
        }
    }
    out
}

crate::coded! {
    /// How a consent was given: with MitID in the portal, on paper, or orally to staff who
    /// recorded it (GEN-7).
    pub enum ConsentMethod {
        Mitid = "mitid",
        Paper = "paper",
        OralRecorded = "oral_recorded",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(purpose: Purpose, version: u32) -> ConsentText {
        ConsentText {
            purpose,
            version,
            text_da: format!("Dansk {version}"),
            text_en: format!("English {version}"),
        }
    }

    fn all_purposes() -> Vec<ConsentText> {
        Purpose::ALL.into_iter().map(|p| text(p, 1)).collect()
    }

    #[test]
    fn the_citizen_consents_to_the_newest_version() {
        let mut texts = all_purposes();
        texts.push(text(Purpose::HealthInformation, 3));
        texts.push(text(Purpose::HealthInformation, 2));
        assert_eq!(
            current(&texts, Purpose::HealthInformation).map(|t| t.version),
            Some(3)
        );
        assert_eq!(
            current(&texts, Purpose::Application).map(|t| t.version),
            Some(1)
        );
    }

    #[test]
    fn a_list_missing_a_purpose_or_repeating_a_version_is_refused() {
        assert_eq!(problems(&all_purposes()), Vec::<String>::new());
        let missing: Vec<ConsentText> = all_purposes()
            .into_iter()
            .filter(|t| t.purpose != Purpose::ShareWithRelative)
            .collect();
        assert_eq!(
            problems(&missing),
            vec!["no text for the purpose 'share_with_relative'".to_string()]
        );
        let mut twice = all_purposes();
        twice.push(text(Purpose::Application, 1));
        assert_eq!(
            problems(&twice),
            vec!["'application': a version is given twice".to_string()]
        );
        let mut zero = all_purposes();
        zero.push(text(Purpose::Application, 0));
        assert_eq!(
            problems(&zero),
            vec!["'application': versions start at 1".to_string()]
        );
        let mut blank = all_purposes();
        blank[0].text_en = " ".into();
        assert_eq!(
            problems(&blank),
            vec!["'application' version 1: both languages must be given".to_string()]
        );
    }

    #[test]
    fn purposes_round_trip_through_their_codes() {
        for p in Purpose::ALL {
            assert_eq!(Purpose::from_code(p.code()), Some(p));
        }
        assert_eq!(Purpose::from_code("marketing"), None);
        assert!(Purpose::ShareWithRelative.names_a_relative());
        assert!(!Purpose::Application.names_a_relative());
    }
}
