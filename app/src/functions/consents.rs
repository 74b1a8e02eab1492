//! The citizen's consents: every consent given, in the exact words and version consented to, by
//! whom and when; giving a new one; and withdrawing one after reading what that means. A relative
//! sees them with the view scope and gives or withdraws them with the consents scope.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::consents;
use crate::views::consents::{ConsentView, OfferView};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsentsData {
    pub citizen_name: String,
    pub on_behalf: bool,
    /// The viewer may give and withdraw (the citizen, or a relative with the consents scope).
    pub may_manage: bool,
    pub municipality_name: Option<String>,
    pub consents: Vec<ConsentView>,
    pub offers: Vec<OfferView>,
}

/// The citizen's consents, and those they can give in their municipality's current words.
#[server(endpoint = "consents/list")]
pub async fn consents_page() -> Result<ConsentsData, AppError> {
    use crate::domain::consent::Purpose;
    use crate::domain::people::Scope;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let (Ctx { state, viewer, .. }, citizen) =
        Ctx::citizen(Scope::View, Action::ViewConsents).await?;
    let (person, m) = consents::citizen_and_municipality(&state, citizen).await?;
    let consents: Vec<ConsentView> = state
        .repo
        .consents_of(citizen)
        .await?
        .into_iter()
        .map(consents::consent_view)
        .collect();
    // The application consent is given with an application; the others can be given here.
    let offers = m
        .map(|m| {
            [Purpose::HealthInformation, Purpose::ShareWithRelative]
                .into_iter()
                .filter_map(|p| consents::offer(m, p))
                .collect()
        })
        .unwrap_or_default();
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::ViewConsents,
        "",
    )
    .await?;
    Ok(ConsentsData {
        citizen_name: person.name,
        on_behalf: viewer.person_id != citizen,
        may_manage: viewer.may(citizen, Scope::Consents),
        municipality_name: m.map(|m| m.name.clone()),
        consents,
        offers,
    })
}

/// The most consents (given and withdrawn) kept for one citizen.
pub const CONSENTS_MAX: usize = 100;

/// Gives a consent in the municipality's current text (for a relative: on the citizen's behalf).
#[server(endpoint = "consents/give")]
pub async fn give_consent(purpose: String, relative_name: Option<String>) -> Result<(), AppError> {
    use crate::domain::consent::Purpose;
    use crate::domain::people::Scope;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let (
        Ctx {
            state,
            viewer,
            lang,
            ..
        },
        citizen,
    ) = Ctx::citizen(Scope::Consents, Action::GiveConsent).await?;
    AppError::check_texts(
        lang,
        &[(
            "relative_name",
            relative_name.as_deref().unwrap_or_default().trim(),
            crate::domain::text_input::NAME_MAX,
            false,
            ("Navnet", "The name"),
        )],
    )?;
    let (_, m) = consents::citizen_and_municipality(&state, citizen).await?;
    let m = m.ok_or_else(|| {
        AppError::invalid(lang.pick(
            "Vi ved endnu ikke, hvilken kommune du hører til. Samtykker gives, når du søger.",
            "We do not know your municipality yet. Consents are given when you apply.",
        ))
    })?;
    let purpose = Purpose::from_code(&purpose)
        .filter(|p| *p != Purpose::Application)
        .ok_or(AppError::NotFound)?;
    let relative_name = relative_name
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    if purpose.names_a_relative() && relative_name.is_none() {
        return Err(AppError::Invalid(vec![crate::errors::Problem::at(
            "relative_name",
            lang.pick(
                "Skriv navnet på den pårørende, kommunen må dele oplysninger med.",
                "Write the name of the relative the municipality may share information with.",
            ),
        )]));
    }
    // At most CONSENTS_MAX consents kept per citizen (given and withdrawn), so a script cannot
    // fill the database; far more than a person gives in years.
    if state.repo.consents_of(citizen).await?.len() >= CONSENTS_MAX {
        return Err(AppError::invalid(lang.pick(
            "Der er registreret så mange samtykker, at du ikke kan give flere her. Ring til kommunen, så hjælper de dig.",
            "So many consents are registered that you cannot give more here. Please call the municipality, and they will help you.",
        )));
    }
    let consent = consents::new_consent(
        m,
        purpose,
        citizen,
        viewer.person_id,
        relative_name.filter(|_| purpose.names_a_relative()),
        state.clock.now(),
    )
    .ok_or(AppError::NotFound)?;
    request::record(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::GiveConsent,
        &format!(
            "consent {}: {} version {}",
            request::NEW_ROW,
            consent.purpose,
            consent.version
        ),
    )
    .of(&state, state.repo.give_consent(&consent))
    .await?;
    leptos_axum::redirect("/samtykker?givet=1");
    Ok(())
}

/// One consent, for the page that explains withdrawing it, and whether the viewer may withdraw it.
#[server(endpoint = "consents/one")]
pub async fn consent(id: i64) -> Result<(ConsentView, bool), AppError> {
    use crate::domain::people::Scope;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;

    let (Ctx { state, viewer, .. }, citizen) =
        Ctx::citizen(Scope::View, Action::ViewConsents).await?;
    let Some(c) = state
        .repo
        .consents_of(citizen)
        .await?
        .into_iter()
        .find(|c| c.id == id)
    else {
        // Not one of this citizen's consents (another citizen's, or none): whose it is stays
        // unknown here.
        request::audit_refused(
            &state,
            Some(viewer.person_id),
            None,
            Action::ViewConsents,
            &format!("consent {id}: not one of the citizen's"),
        )
        .await?;
        return Err(AppError::NotFound);
    };
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::ViewConsents,
        &format!("consent {id}"),
    )
    .await?;
    Ok((
        consents::consent_view(c),
        viewer.may(citizen, Scope::Consents),
    ))
}

/// Withdraws a consent from now on. Pressing twice withdraws it once.
#[server(endpoint = "consents/withdraw")]
pub async fn withdraw_consent(id: i64) -> Result<(), AppError> {
    use crate::domain::people::Scope;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let (Ctx { state, viewer, .. }, citizen) =
        Ctx::citizen(Scope::Consents, Action::WithdrawConsent).await?;
    let record = state
        .repo
        .consents_of(citizen)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or(AppError::NotFound)?;
    request::record(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::WithdrawConsent,
        &format!(
            "consent {id}: {} version {}",
            record.purpose, record.version
        ),
    )
    .of_if(
        &state,
        state
            .repo
            .withdraw_consent(id, citizen, viewer.person_id, state.clock.now()),
        |withdrawn| *withdrawn,
    )
    .await?;
    leptos_axum::redirect("/samtykker?trukket=1");
    Ok(())
}
