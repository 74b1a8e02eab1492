//! What the application pages show: the form with its questions and advice, the check page, the
//! receipt.
use crate::domain::application::ApplicationDraft;
use crate::domain::municipality::Contact;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub code: String,
    pub label_da: String,
    pub label_en: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionView {
    pub id: String,
    pub text_da: String,
    pub text_en: String,
    /// For a follow-up: the question it follows, answered yes.
    pub after_da: Option<String>,
    pub after_en: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdviceView {
    pub rule_id: String,
    pub text_da: String,
    pub text_en: String,
}

/// Everything the application form shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApplicationForm {
    pub citizen_name: String,
    /// A relative is writing on the citizen's behalf.
    pub on_behalf: bool,
    /// The citizen's municipality, when known; otherwise they choose among `municipalities`.
    pub municipality: Option<String>,
    pub municipality_name: String,
    pub municipalities: Vec<Choice>,
    pub questions: Vec<QuestionView>,
    pub advice: Vec<AdviceView>,
    pub forms: Vec<Choice>,
    /// Where the municipality's training can take place (empty until the municipality is known).
    pub places: Vec<Choice>,
    /// The municipality's contacts about transport.
    pub transport_contacts: Vec<Contact>,
    pub draft: ApplicationDraft,
    /// Set once a draft has been saved.
    pub saved_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The check-your-answers page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckView {
    pub reference: String,
    pub citizen_name: String,
    pub on_behalf: bool,
    pub municipality_name: String,
    pub answers: Vec<(String, String, bool)>,
    pub advice: Vec<AdviceView>,
    pub needs: String,
    pub goals: String,
    pub form_da: String,
    pub form_en: String,
    pub place_da: String,
    pub place_en: String,
    pub transport_help: bool,
    /// A relative's application will wait for the citizen's consent.
    pub waits_for_consent: bool,
    /// The consent to processing the application, given by ticking it when sending (not when
    /// the application waits for the citizen).
    pub consent: Option<crate::views::consents::OfferView>,
    /// The optional consent to obtaining information from the GP or hospital.
    pub health_consent: Option<crate::views::consents::OfferView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReceiptView {
    pub reference: String,
    pub citizen_name: String,
    pub municipality_name: String,
    /// "submitted" or "awaiting_consent".
    pub status: crate::domain::states::ApplicationStatus,
    /// The municipality's promises and where each stands (from the day it was received).
    pub clocks: Vec<crate::views::clocks::ClockView>,
    /// Where the receipt email went, when the portal knows an address.
    pub email_to: Option<String>,
    /// The words the citizen consents to when the application waits for them.
    pub consent: Option<crate::views::consents::OfferView>,
}
