//! The municipalities' consent texts and the consents citizens give.
use super::*;

/// A consent to record: the municipality's text for `purpose` in `version`, given by `given_by`
/// (the citizen, or a relative on their behalf).
#[derive(Clone, Debug, PartialEq)]
pub struct NewConsent {
    pub citizen_id: PersonId,
    pub municipality: String,
    /// `domain::consent::Purpose` code.
    pub purpose: String,
    pub version: i64,
    pub relative_name: Option<String>,
    pub given_by: PersonId,
    pub given_at: DateTime<Utc>,
    /// MitID in the portal, or paper or oral as staff registered it.
    pub method: crate::domain::consent::ConsentMethod,
    /// A paper consent's reference.
    pub document_ref: Option<String>,
}

/// A recorded consent with the words consented to and who gave and withdrew it.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ConsentRecord {
    pub id: i64,
    pub citizen_id: PersonId,
    pub municipality: String,
    pub purpose: String,
    pub version: i64,
    pub text_da: String,
    pub text_en: String,
    pub relative_name: Option<String>,
    pub given_by: PersonId,
    pub given_by_name: String,
    pub given_at: DateTime<Utc>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub withdrawn_by_name: Option<String>,
    /// "mitid", "paper" or "oral_recorded" (`domain::consent::ConsentMethod`).
    pub method: String,
    /// A paper consent's reference.
    pub document_ref: Option<String>,
}

#[async_trait::async_trait]
pub trait ConsentStore: Send + Sync {
    /// Adds the municipality's consent texts not yet stored. Returns the (purpose, version) of
    /// any stored text whose words differ from the file: a text once given must not change.
    async fn sync_consent_texts(
        &self,
        municipality: &str,
        texts: &[crate::domain::consent::ConsentText],
        now: DateTime<Utc>,
    ) -> DbResult<Vec<(String, i64)>>;
    /// Records a consent; `NotFound` when the municipality has no such text version.
    async fn give_consent(&self, c: &NewConsent) -> DbResult<i64>;
    /// Every consent of a citizen, withdrawn ones too, newest first.
    async fn consents_of(&self, citizen: PersonId) -> DbResult<Vec<ConsentRecord>>;
    /// Withdraws a consent of `citizen`, once: false when it was already withdrawn or not theirs.
    async fn withdraw_consent(
        &self,
        id: i64,
        citizen: PersonId,
        by: PersonId,
        now: DateTime<Utc>,
    ) -> DbResult<bool>;
}
