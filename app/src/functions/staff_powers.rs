//! Powers registered by staff from paper or a guardianship, for a citizen of their municipality.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::powers;
use crate::views::powers::PowerView;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The form registering a paper power or a guardianship, as sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RegisterPowerForm {
    pub citizen_name: String,
    pub citizen_birth_date: String,
    pub relative_name: String,
    pub relative_email: String,
    pub source: String,
    pub document_ref: String,
    pub scope_apply: Option<String>,
    pub scope_book: Option<String>,
    pub scope_complain: Option<String>,
    pub scope_consents: Option<String>,
    pub scope_messages: Option<String>,
    pub expires_on: String,
}

/// Staff (caseworkers and administrators) register a power from a paper power of attorney or a
/// guardianship for a citizen of their own municipality, found by name and birth date. The
/// relative gets the invitation by email and accepts with their own MitID.
#[server(endpoint = "powers/register")]
pub async fn register_power(#[server(flatten)] form: RegisterPowerForm) -> Result<(), AppError> {
    use crate::domain::power_of_attorney::{check_grant, PaperSource};
    use crate::domain::time_format::parse_day;
    use crate::ssr::db::PowerSource;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let RegisterPowerForm {
        citizen_name,
        citizen_birth_date,
        relative_name,
        relative_email,
        source,
        document_ref,
        scope_apply,
        scope_book,
        scope_complain,
        scope_consents,
        scope_messages,
        expires_on,
    } = form;
    let (
        Ctx {
            state,
            viewer,
            lang,
            ..
        },
        municipality,
    ) = Ctx::caseworker(Action::PowerRegister).await?;
    let mut problems: Vec<String> = Vec::new();
    let source = match PaperSource::from_code(&source) {
        Some(PaperSource::Paper) => Some(PowerSource::Paper),
        Some(PaperSource::Guardianship) => Some(PowerSource::Guardianship),
        None => {
            problems.push(
                lang.pick(
                    "Vælg, om det er en fuldmagt på papir eller et værgemål.",
                    "Choose whether it is a power of attorney on paper or a guardianship.",
                )
                .into(),
            );
            None
        }
    };
    AppError::check_texts(
        lang,
        &[(
            "felt-borger",
            &citizen_name,
            crate::domain::text_input::NAME_MAX,
            false,
            ("Borgerens navn", "The citizen's name"),
        )],
    )?;
    let document_ref = document_ref.trim().to_string();
    if let Some(p) = crate::domain::text_input::check(&document_ref, 100, false) {
        problems.push(crate::domain::text_input::in_words(
            lang,
            p,
            ("Dokumentets reference", "The document's reference"),
        ));
    } else if document_ref.is_empty() {
        problems.push(
            lang.pick(
                "Skriv dokumentets reference (journalnummer e.l.), højst 100 tegn.",
                "Enter the document's reference (case number or similar), at most 100 characters.",
            )
            .into(),
        );
    }
    let birth_date = match parse_day(&citizen_birth_date) {
        Some(d) => Some(d),
        None => {
            problems.push(
                lang.pick(
                    "Skriv borgerens fødselsdato som dag.måned.år, fx 4.7.1941.",
                    "Enter the citizen's birth date as day.month.year, e.g. 4.7.1941.",
                )
                .into(),
            );
            None
        }
    };
    let today = crate::domain::time_format::local_date(state.clock.now());
    let grant = match check_grant(
        &powers::grant_input(
            relative_name,
            relative_email,
            [
                scope_apply,
                scope_book,
                scope_complain,
                scope_consents,
                scope_messages,
            ],
            expires_on,
        ),
        today,
    ) {
        Ok(g) => Some(g),
        Err(p) => {
            problems.extend(p.iter().map(|p| p.text(lang).to_string()));
            None
        }
    };
    let citizen = match birth_date {
        Some(b) if !citizen_name.trim().is_empty() => {
            let found = state
                .repo
                .citizens_named(&municipality, &citizen_name, b)
                .await?;
            match found.len() {
                1 => found.into_iter().next(),
                0 => {
                    problems.push(lang.pick(
                        "Vi fandt ingen borger i kommunen med det navn og den fødselsdato. Tjek stavningen.",
                        "We found no citizen of the municipality with that name and birth date. Check the spelling.",
                    ).into());
                    None
                }
                _ => {
                    problems.push(lang.pick(
                        "Flere borgere har det navn og den fødselsdato. Kontakt support, så vi kan registrere fuldmagten.",
                        "Several citizens have that name and birth date. Contact support so we can register the power.",
                    ).into());
                    None
                }
            }
        }
        _ => {
            if citizen_name.trim().is_empty() {
                problems.push(
                    lang.pick("Skriv borgerens navn.", "Enter the citizen's name.")
                        .into(),
                );
            }
            None
        }
    };
    let (Some(source), Some(grant), Some(citizen), true) =
        (source, grant, citizen, problems.is_empty())
    else {
        return Err(AppError::Invalid(
            problems
                .into_iter()
                .map(crate::errors::Problem::general)
                .collect(),
        ));
    };
    let record = request::record(
        &state,
        Some(viewer.person_id),
        Some(citizen.id),
        Action::PowerRegister,
        &format!(
            "power {} registered from {} ({document_ref}) for {} ({}) until {}",
            request::NEW_ROW,
            source.code(),
            grant.relative_name,
            grant.relative_email,
            grant.expires_on
        ),
    );
    let sending = powers::send_invitation(
        &state,
        &citizen,
        &grant,
        source,
        Some(document_ref.clone()),
        crate::domain::notices::GivenBy::Municipality {
            name: state.municipalities.name_of(&municipality),
        },
        viewer.person_id,
    );
    let id = record.of(&state, sending).await?;
    leptos_axum::redirect(&format!("/personale/fuldmagter?registreret={id}"));
    Ok(())
}

/// A power registered by staff that waits for a second staff member's approval.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AwaitingApproval {
    pub power: PowerView,
    pub registered_by: String,
    /// The relative as the document names them (typed at registration).
    pub invited_name: String,
    /// The relative who accepted it, by the name on their MitID, when accepted.
    pub accepted_by: Option<String>,
    /// The viewer registered it (or holds it), so may not approve it.
    pub own: bool,
}

/// Whether the viewer is a party to the power and so may not approve it: the staff member who
/// registered it, or the relative it is for. A staff sign-in and the same person's MitID are two
/// person records, so the relative is also recognised by name.
#[cfg(feature = "ssr")]
fn is_party(viewer: &crate::domain::people::Viewer, p: &crate::ssr::db::PowerRecord) -> bool {
    use crate::ssr::db::name_key;
    let me = name_key(&viewer.name);
    p.created_by == viewer.person_id
        || p.proxy_id == Some(viewer.person_id)
        || [p.proxy_name.as_deref(), p.invite_name.as_deref()]
            .into_iter()
            .flatten()
            .any(|n| name_key(n) == me)
}

/// The powers of the municipality waiting for a second staff member's approval (four eyes).
#[server(endpoint = "powers/awaiting_approval")]
pub async fn powers_awaiting_approval() -> Result<Vec<AwaitingApproval>, AppError> {
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let (
        Ctx {
            state, viewer, now, ..
        },
        municipality,
    ) = Ctx::caseworker(Action::ViewPower).await?;
    let today = crate::domain::time_format::local_date(now);
    let mut out = Vec::new();
    for p in state
        .repo
        .powers_awaiting_approval(&municipality, now, today)
        .await?
    {
        request::audit(
            &state,
            Some(viewer.person_id),
            Some(p.citizen_id),
            Action::ViewPower,
            &format!("power {}: awaiting approval", p.id),
        )
        .await?;
        let registered_by = state
            .repo
            .person(p.created_by)
            .await?
            .map(|x| x.name)
            .unwrap_or_default();
        let own = is_party(&viewer, &p);
        out.push(AwaitingApproval {
            registered_by,
            accepted_by: p.proxy_name.clone(),
            invited_name: p.invite_name.clone().unwrap_or_default(),
            own,
            power: powers::view_of(&state, p, false),
        });
    }
    Ok(out)
}

/// A second caseworker or administrator of the municipality approves a power a colleague
/// registered; from then on it is in force (once accepted), and the citizen is told.
#[server(endpoint = "powers/approve")]
pub async fn approve_power(power: i64) -> Result<(), AppError> {
    use crate::domain::power_notices::{power_registered, PowerTerms, ToCitizen};
    use crate::ssr::db::{DbError, NewEmail};
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let (
        Ctx {
            state,
            viewer,
            lang,
            now,
        },
        municipality,
    ) = Ctx::caseworker(Action::PowerApprove).await?;
    let Some(p) = state.repo.power(power).await? else {
        return Err(AppError::NotFound);
    };
    let refuse = |why: String| {
        let state = state.clone();
        async move {
            request::audit_refused(
                &state,
                Some(viewer.person_id),
                Some(p.citizen_id),
                Action::PowerApprove,
                &format!("power {power}: {why}"),
            )
            .await
        }
    };
    if p.citizen_municipality.as_deref() != Some(municipality.as_str()) {
        refuse("another municipality's citizen".into()).await?;
        return Err(AppError::NotFound);
    }
    if is_party(&viewer, &p) {
        refuse("registered or held by the approver".into()).await?;
        return Err(AppError::invalid(lang.pick(
            "En anden medarbejder skal godkende fuldmagten – ikke den, der har registreret den.",
            "Another member of staff must approve the power – not the one who registered it.",
        )));
    }
    let citizen = state.repo.person(p.citizen_id).await?;
    let relative = p
        .proxy_name
        .clone()
        .or(p.invite_name.clone())
        .unwrap_or_default();
    let notices: Vec<NewEmail> = citizen
        .and_then(|c| c.email.map(|e| (c.name, e)))
        .map(|(name, email)| {
            let n = power_registered(
                &ToCitizen {
                    name: &name,
                    email: &email,
                    base_url: &state.settings.base_url,
                },
                &PowerTerms {
                    relative: &relative,
                    scopes: &p.scopes,
                    expires_on: p.expires_on,
                },
                &state.municipalities.name_of(&municipality),
                p.source == "guardianship",
                p.accepted_at.is_some(),
            );
            NewEmail {
                recipient_person_id: Some(p.citizen_id),
                to_address: email,
                subject: n.subject,
                body_text: n.body,
                created_at: now,
                channel: crate::ssr::db::OutboxChannel::Email,
            }
        })
        .into_iter()
        .collect();
    let approved = request::record(
        &state,
        Some(viewer.person_id),
        Some(p.citizen_id),
        Action::PowerApprove,
        &format!("power {power} to {relative}"),
    )
    .of_if(
        &state,
        async {
            match state
                .repo
                .approve_power(power, viewer.person_id, now, &notices)
                .await
            {
                Ok(()) => Ok(true),
                Err(DbError::NotFound) => Ok(false),
                Err(e) => Err(e),
            }
        },
        |made| *made,
    )
    .await?;
    if !approved {
        refuse("not waiting for approval".into()).await?;
        return Err(AppError::invalid(lang.pick(
            "Fuldmagten venter ikke på godkendelse.",
            "The power is not waiting for approval.",
        )));
    }
    leptos_axum::redirect("/personale/fuldmagter?godkendt=1");
    Ok(())
}

/// A power registered by staff of the viewer's municipality (the receipt after registering).
#[server(endpoint = "powers/registered")]
pub async fn registered_power(power: i64) -> Result<PowerView, AppError> {
    use crate::domain::people::StaffRole;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let Ctx { state, viewer, .. } = Ctx::signed_in()?;
    let Some(p) = state.repo.power(power).await? else {
        return Err(AppError::NotFound);
    };
    let municipality = p.citizen_municipality.clone().unwrap_or_default();
    if !viewer.is_staff_of(&municipality, &[StaffRole::Visitator, StaffRole::Admin]) {
        return Err(AppError::Forbidden);
    }
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(p.citizen_id),
        Action::ViewPower,
        &format!("power {power}"),
    )
    .await?;
    let citizen = p.citizen_name.clone();
    let mut view = powers::view_of(&state, p, true);
    view.other_name = format!("{} → {citizen}", view.other_name);
    Ok(view)
}
