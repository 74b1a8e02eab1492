//! A municipality as described by its file in `app/municipalities/`: name, contacts and rules.
//! Parsing the file is I/O (see `ssr::municipalities`); checking what it says is here.
use super::booking::{BookingRules, Sourced};
use super::calendar::DaysOff;
use super::complaint_guidance::NotAppealable;
use super::deadlines::CancellationRule;
use super::prescreen::Question;
use super::provider_cancellation::ProviderCancellationRule;
use super::service_levels::ServiceLevel;
use super::termination::TerminationRule;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Municipality {
    /// URL-safe identifier; must equal the file name without `.toml`.
    pub slug: String,
    pub name: String,
    /// Danish kommunekode (three digits).
    pub kommunekode: String,
    /// The quality standard this file was written from.
    pub standard: Standard,
    /// Whom citizens contact, and for what. At least one.
    pub contacts: Vec<Contact>,
    /// The consent texts citizens agree to, every version ever used (`domain::consent`).
    pub consent_texts: Vec<super::consent::ConsentText>,
    /// How long a place freed on a full session is held for the first on its waiting list.
    pub waiting_list: super::waiting_list::WaitingListRules,
    /// Whom citizens write to in the portal, and how soon they are answered (issue 19).
    pub messages: super::messages::MessageRules,
    pub rules: Rules,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standard {
    pub title: String,
    /// The seed file in shared/seeds the rules were taken from.
    pub source_file: String,
    /// As the standard states it ("2023-12-04", "2025-04"); absent where it says nothing.
    #[serde(default)]
    pub approved: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub unit: String,
    /// What citizens contact this unit about, in Danish and English.
    pub purpose_da: String,
    pub purpose_en: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub web: Option<String>,
    /// Phone hours as data (BRS-08), where the standard gives them.
    #[serde(default)]
    pub hours: Option<super::opening_hours::PhoneHours>,
    /// The rule id in RULES.md the contact comes from, e.g. "VEJ-25".
    pub rule_id: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// e.g. "Lov om social service § 86, stk. 2".
    pub legal_basis: String,
    pub training_forms: Vec<TrainingForm>,
    /// Where training can take place, as the standard lists it.
    pub locations: Locations,
    pub cancellation: CancellationConfig,
    pub complaint: ComplaintConfig,
    /// Service-level promises; empty where the standard makes none.
    #[serde(default)]
    pub service_levels: Vec<ServiceLevel>,
    /// Closures, training days and hours, course length.
    #[serde(default)]
    pub booking: BookingRules,
    /// Rules that raise a review flag; empty where the standard has none.
    #[serde(default)]
    pub termination: Vec<TerminationRule>,
    /// The hearing before a termination decision: the answer period (GEN-2).
    #[serde(default)]
    pub hearing: super::hearing::HearingRules,
    /// Which absence reasons are excused, and a re-assessment after a hospital stay.
    #[serde(default)]
    pub absence: super::absence::AbsenceRules,
    /// What the municipality may do when it cannot hold a session; absent where it is silent.
    #[serde(default)]
    pub provider_cancellation: Option<ProviderCancellationRule>,
    /// Questions before applying, giving advice only (never a refusal).
    #[serde(default)]
    pub prescreen: Vec<Question>,
    /// Where the standard itself says an application needs the citizen's consent (SAM-13);
    /// general law (GEN-7) requires it everywhere.
    #[serde(default)]
    pub application_consent: Option<Sourced>,
    /// Days that do not count as hverdage for the municipality's own deadlines (CAL-1); defaults
    /// to 24 and 31 December only.
    #[serde(default = "sla_days_off")]
    pub sla_days_off: DaysOff,
    /// Every other rule of the standard (RULES.md), with what the portal does with it.
    #[serde(default)]
    pub other: Vec<OtherRule>,
}

fn sla_days_off() -> DaysOff {
    DaysOff::SLA_DEFAULT
}

/// Where training can take place (VEJ-09, SAM-04, BRS-02, FRB-23, MAR-12). An applicant chooses
/// a preference among these; the decision names the actual place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Locations {
    pub rule_id: String,
    /// The standard's phrase, verbatim.
    pub source: String,
    pub places: Vec<Place>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// Lower-case letters and '_', unique within the municipality.
    pub code: String,
    pub label_da: String,
    pub label_en: String,
}

impl Locations {
    pub fn place(&self, code: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.code == code)
    }
}

impl Place {
    pub fn label(&self, lang: super::lang::Lang) -> &str {
        lang.pick(&self.label_da, &self.label_en)
    }
}

/// A rule of the standard that is not (or not yet) a computation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtherRule {
    pub rule_id: String,
    pub status: OtherStatus,
    /// What the rule is about and what the portal does with it, in English.
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OtherStatus {
    /// Information for citizens or staff; nothing to compute.
    Informational,
    /// The standard is silent here; general law or nothing applies.
    Silent,
    /// Applied by a later part of the portal (the note names it).
    Later,
}

/// When a citizen must cancel a session, with the standard's own words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CancellationConfig {
    pub rule: CancellationRule,
    pub rule_id: String,
    /// The standard's phrase, verbatim; absent where the standard is silent.
    #[serde(default)]
    pub source: Option<String>,
    /// Our reading of an ambiguous phrase, in plain Danish (RULES.md [INTERP]).
    #[serde(default)]
    pub reading: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintCountedAt {
    /// The municipality must have received the complaint in time.
    Received,
    /// The complaint must have been sent in time (Fredensborg FRB-29).
    Sent,
}

/// The citizen's deadline for complaining about a decision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComplaintConfig {
    /// Weeks from receipt of the decision (CAL-8).
    pub weeks: u32,
    pub counted_at: ComplaintCountedAt,
    /// The municipality's rule, or GEN-5 where the standard is silent.
    pub rule_id: String,
    #[serde(default)]
    pub source: Option<String>,
    /// The rule id of the contact complaints go to; the municipality itself where absent.
    #[serde(default)]
    pub contact: Option<String>,
    /// Decisions that cannot be appealed (MAR-18).
    #[serde(default)]
    pub not_appealable: Vec<NotAppealable>,
    /// The rule id of the contact for complaints about the delivery or the staff (GEN-6); the
    /// municipality itself where the standard is silent.
    #[serde(default)]
    pub service_contact: Option<String>,
    /// The rule id of the Styrelsen for Patientklager contact, where the standard names it
    /// (VEJ-17).
    #[serde(default)]
    pub patient_complaints_contact: Option<String>,
    /// The standard's own rule for partial agreement (BRS-26), where it has one.
    #[serde(default)]
    pub partial_agreement: Option<RuleText>,
}

/// A rule of the standard, in its own words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleText {
    pub rule_id: String,
    pub source: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrainingForm {
    Team,
    Individual,
    GuidedSelfTraining,
    Digital,
    Home,
    LocalArea,
    WelfareTechnology,
}

impl TrainingForm {
    pub fn label(self, lang: super::lang::Lang) -> &'static str {
        let (da, en) = match self {
            TrainingForm::Team => ("Holdtræning", "Team training"),
            TrainingForm::Individual => ("Individuel træning", "Individual training"),
            TrainingForm::GuidedSelfTraining => {
                ("Vejledning i selvtræning", "Guided self-training")
            }
            TrainingForm::Digital => (
                "Digital træning (video eller app)",
                "Digital training (video or app)",
            ),
            TrainingForm::Home => ("Træning i eget hjem", "Training at home"),
            TrainingForm::LocalArea => ("Træning i lokalområdet", "Training in the local area"),
            TrainingForm::WelfareTechnology => (
                "Træning med velfærdsteknologi",
                "Training with welfare technology",
            ),
        };
        lang.pick(da, en)
    }

    pub fn code(self) -> &'static str {
        match self {
            TrainingForm::Team => "team",
            TrainingForm::Individual => "individual",
            TrainingForm::GuidedSelfTraining => "guided_self_training",
            TrainingForm::Digital => "digital",
            TrainingForm::Home => "home",
            TrainingForm::LocalArea => "local_area",
            TrainingForm::WelfareTechnology => "welfare_technology",
        }
    }

    pub fn from_code(code: &str) -> Option<TrainingForm> {
        [
            TrainingForm::Team,
            TrainingForm::Individual,
            TrainingForm::GuidedSelfTraining,
            TrainingForm::Digital,
            TrainingForm::Home,
            TrainingForm::LocalArea,
            TrainingForm::WelfareTechnology,
        ]
        .into_iter()
        .find(|f| f.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn training_form_codes_round_trip() {
        for f in [
            TrainingForm::Team,
            TrainingForm::WelfareTechnology,
            TrainingForm::Home,
        ] {
            assert_eq!(TrainingForm::from_code(f.code()), Some(f));
        }
        assert_eq!(TrainingForm::from_code("massage"), None);
    }
}
