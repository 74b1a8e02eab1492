//! Consents as the features give and show them: the current text offered, a consent to record.
use crate::domain::consent::Purpose;
use crate::domain::lang::Lang;
use crate::errors::AppError;
use crate::ssr::db::ConsentRecord;
use crate::views::consents::*;
use chrono::{DateTime, Utc};

/// The citizen and their municipality, when the portal knows it.
pub async fn citizen_and_municipality(
    state: &crate::ssr::state::AppState,
    citizen: i64,
) -> Result<
    (
        crate::ssr::db::Person,
        Option<&crate::domain::municipality::Municipality>,
    ),
    AppError,
> {
    let person = state
        .repo
        .person(citizen)
        .await?
        .ok_or(AppError::NotFound)?;
    let m = person
        .home_municipality
        .as_deref()
        .and_then(|s| state.municipalities.get(s));
    Ok((person, m))
}

/// The municipality's current text for `purpose`, as a consent the viewer can give.
pub fn offer(m: &crate::domain::municipality::Municipality, purpose: Purpose) -> Option<OfferView> {
    crate::domain::consent::current(&m.consent_texts, purpose).map(|t| OfferView {
        purpose: purpose.code().into(),
        title_da: purpose.title(Lang::Da).into(),
        title_en: purpose.title(Lang::En).into(),
        version: t.version as i64,
        text_da: t.text_da.clone(),
        text_en: t.text_en.clone(),
        names_relative: purpose.names_a_relative(),
    })
}

/// A consent to record now, in the municipality's current text for `purpose`.
pub fn new_consent(
    m: &crate::domain::municipality::Municipality,
    purpose: Purpose,
    citizen: i64,
    given_by: i64,
    relative_name: Option<String>,
    now: DateTime<Utc>,
) -> Option<crate::ssr::db::NewConsent> {
    crate::domain::consent::current(&m.consent_texts, purpose).map(|t| crate::ssr::db::NewConsent {
        citizen_id: citizen,
        municipality: m.slug.clone(),
        purpose: purpose.code().into(),
        version: t.version as i64,
        relative_name,
        given_by,
        given_at: now,
        method: crate::domain::consent::ConsentMethod::Mitid,
        document_ref: None,
    })
}

pub fn consent_view(r: ConsentRecord) -> ConsentView {
    let purpose = Purpose::from_code(&r.purpose);
    let title = |lang: Lang| purpose.map_or(String::new(), |p| p.title(lang).into());
    let effect = |lang: Lang| purpose.map_or(String::new(), |p| p.withdrawal_effect(lang).into());
    ConsentView {
        id: r.id,
        title_da: title(Lang::Da),
        title_en: title(Lang::En),
        effect_da: effect(Lang::Da),
        effect_en: effect(Lang::En),
        purpose: r.purpose,
        version: r.version,
        text_da: r.text_da,
        text_en: r.text_en,
        relative_name: r.relative_name,
        given_on_behalf: r.given_by != r.citizen_id,
        given_by_name: r.given_by_name,
        given_at: r.given_at,
        withdrawn_at: r.withdrawn_at,
        withdrawn_by_name: r.withdrawn_by_name,
    }
}
