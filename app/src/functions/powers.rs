//! Powers of attorney: a citizen invites a relative by email, the relative accepts after signing
//! in with their own MitID, and either side revokes at once. Staff register one from a paper
//! power of attorney or a guardianship, with the document's reference.
// A server function's arguments are its form's fields, one by one.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
#[cfg(feature = "ssr")]
use crate::domain::power_of_attorney::PowerStatus;
use crate::errors::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::powers;
use crate::views::powers::PowerView;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PowersData {
    pub own_name: String,
    /// Whether the viewer acts for themself now (only then can they give powers).
    pub acting_for_self: bool,
    pub given: Vec<PowerView>,
    pub held: Vec<PowerView>,
}

/// What a relative sees when opening an invitation link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationView {
    pub citizen_name: String,
    pub invited_name: String,
    pub scopes_da: Vec<String>,
    pub scopes_en: Vec<String>,
    pub expires_on: NaiveDate,
    pub source: String,
    /// Can it still be accepted (not expired, revoked or already used)?
    pub usable: bool,
    /// The signed-in person is the citizen who gave it.
    pub own: bool,
}

/// The powers the signed-in person has given and holds (always their own, whoever they act for).
#[server(endpoint = "powers/list")]
pub async fn powers_overview() -> Result<PowersData, AppError> {
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let Ctx { state, viewer, .. } = Ctx::signed_in()?;
    if viewer.is_staff() {
        return Err(AppError::Forbidden);
    }
    let given = state.repo.powers_given_by(viewer.person_id).await?;
    let held = state.repo.powers_held_by(viewer.person_id).await?;
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(viewer.person_id),
        Action::ViewPowers,
        "",
    )
    .await?;
    Ok(PowersData {
        own_name: viewer.name.clone(),
        acting_for_self: viewer.acting_for.is_none(),
        given: given
            .into_iter()
            .map(|p| powers::view_of(&state, p, true))
            .collect(),
        held: held
            .into_iter()
            .map(|p| powers::view_of(&state, p, false))
            .collect(),
    })
}

/// The form inviting a relative, as sent: each scope "on" when ticked.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InviteForm {
    pub relative_name: String,
    pub relative_email: String,
    pub scope_apply: Option<String>,
    pub scope_book: Option<String>,
    pub scope_complain: Option<String>,
    pub scope_consents: Option<String>,
    pub scope_messages: Option<String>,
    pub expires_on: String,
}

/// A citizen, acting for themself, invites a relative. Seeing the case is always included; the
/// other scopes are ticked one by one ("on" when ticked); the last day is required.
#[server(endpoint = "powers/invite")]
pub async fn invite_relative(#[server(flatten)] form: InviteForm) -> Result<(), AppError> {
    let InviteForm {
        relative_name,
        relative_email,
        scope_apply,
        scope_book,
        scope_complain,
        scope_consents,
        scope_messages,
        expires_on,
    } = form;
    use crate::domain::power_of_attorney::check_grant;
    use crate::ssr::db::PowerSource;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let Ctx {
        state,
        viewer,
        lang,
        ..
    } = Ctx::citizen_themself(Action::PowerInvite).await?;
    let input = powers::grant_input(
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
    );
    let now = state.clock.now();
    let today = crate::domain::time_format::local_date(now);
    let grant = check_grant(&input, today).map_err(|p| powers::invalid(&p, lang))?;
    // Limits, so the portal cannot be used to send invitations at will: 5 open, 10 a day.
    let given = state.repo.powers_given_by(viewer.person_id).await?;
    // Her own invitations only: powers the municipality registers do not use up her limit.
    let own: Vec<_> = given
        .iter()
        .filter(|p| p.created_by == viewer.person_id)
        .collect();
    let open = own
        .iter()
        .filter(|p| powers::status_at(p, now) == PowerStatus::AwaitingAcceptance)
        .count();
    let today_sent = own
        .iter()
        .filter(|p| crate::domain::time_format::local_date(p.created_at) == today)
        .count();
    if open >= OPEN_INVITATIONS_MAX || today_sent >= INVITATIONS_PER_DAY_MAX {
        request::audit_refused(
            &state,
            Some(viewer.person_id),
            Some(viewer.person_id),
            Action::PowerInvite,
            &format!("{open} open invitations, {today_sent} sent today"),
        )
        .await?;
        return Err(AppError::invalid(if open >= OPEN_INVITATIONS_MAX {
            lang.pick(
                "Du har allerede 5 invitationer, som ingen har taget imod. Tilbagekald en af dem, før du sender en ny.",
                "You already have 5 invitations that no one has accepted. Revoke one of them before you send a new one.",
            )
        } else {
            lang.pick(
                "Du har sendt 10 invitationer i dag. Du kan sende flere i morgen.",
                "You have sent 10 invitations today. You can send more tomorrow.",
            )
        }));
    }
    let citizen = state
        .repo
        .person(viewer.person_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let record = request::record(
        &state,
        Some(viewer.person_id),
        Some(viewer.person_id),
        Action::PowerInvite,
        &format!(
            "power {}: invitation to {} ({}) until {}",
            request::NEW_ROW,
            grant.relative_name,
            grant.relative_email,
            grant.expires_on
        ),
    );
    let sending = powers::send_invitation(
        &state,
        &citizen,
        &grant,
        PowerSource::Citizen,
        None,
        crate::domain::notices::GivenBy::Citizen,
        viewer.person_id,
    );
    let id = record.of(&state, sending).await?;
    leptos_axum::redirect(&format!("/fuldmagter?sendt={id}"));
    Ok(())
}

/// Invitations a citizen may have open (sent, not accepted, not revoked, not expired).
pub const OPEN_INVITATIONS_MAX: usize = 5;
/// Invitations a citizen may send in one day.
pub const INVITATIONS_PER_DAY_MAX: usize = 10;

/// The invitation behind a link, for the signed-in person who opened it.
#[server(endpoint = "powers/invitation")]
pub async fn invitation(token: String) -> Result<InvitationView, AppError> {
    use crate::ssr::request::Ctx;

    let Ctx { state, viewer, .. } = Ctx::signed_in()?;
    if viewer.is_staff() {
        return Err(AppError::Forbidden);
    }
    let hash = crate::ssr::session::hash_session_id(&token);
    let Some(p) = state.repo.power_by_invitation(&hash).await? else {
        return Err(AppError::NotFound);
    };
    let status = powers::status_of(&state, &p);
    Ok(InvitationView {
        citizen_name: p.citizen_name.clone(),
        invited_name: p.invite_name.clone().unwrap_or_default(),
        scopes_da: p.scopes.labels(crate::domain::lang::Lang::Da),
        scopes_en: p.scopes.labels(crate::domain::lang::Lang::En),
        expires_on: p.expires_on,
        source: p.source.clone(),
        usable: status == PowerStatus::AwaitingAcceptance
            && p.created_by != viewer.person_id
            && p.approved_by != Some(viewer.person_id),
        own: p.citizen_id == viewer.person_id,
    })
}

/// The signed-in relative accepts the invitation and from now on acts for the citizen.
#[server(endpoint = "powers/accept")]
pub async fn accept_invitation(token: String) -> Result<(), AppError> {
    use crate::ssr::db::DbError;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let Ctx {
        state,
        viewer,
        lang,
        ..
    } = Ctx::signed_in()?;
    if viewer.is_staff() {
        return Err(AppError::Forbidden);
    }
    let hash = crate::ssr::session::hash_session_id(&token);
    let now = state.clock.now();
    let invited = state.repo.power_by_invitation(&hash).await?;
    let citizen = invited.as_ref().map(|p| p.citizen_id);
    // The name on the accepter's own MitID against the name the invitation was for.
    let invited_name = invited
        .as_ref()
        .and_then(|p| p.invite_name.clone())
        .unwrap_or_default();
    let name_matches =
        crate::ssr::db::name_key(&viewer.name) == crate::ssr::db::name_key(&invited_name);
    // Whoever registered or approved a power never accepts it, not even signed in with their
    // own MitID (another person record than their staff sign-in): recognised by name too.
    if let Some(p) = &invited {
        let mut staff = vec![p.created_by];
        staff.extend(p.approved_by);
        for id in staff.into_iter().filter(|id| *id != p.citizen_id) {
            let same = match state.repo.person(id).await? {
                Some(s) => {
                    id == viewer.person_id
                        || crate::ssr::db::name_key(&s.name)
                            == crate::ssr::db::name_key(&viewer.name)
                }
                None => false,
            };
            if same {
                request::audit_refused(
                    &state,
                    Some(viewer.person_id),
                    Some(p.citizen_id),
                    Action::PowerAccept,
                    &format!("power {}: registered or approved by the accepter", p.id),
                )
                .await?;
                return Err(AppError::invalid(lang.pick(
                    "Du kan ikke tage imod denne fuldmagt: den er registreret eller godkendt af en medarbejder i kommunen med dit navn. Af sikkerhedshensyn skal en anden medarbejder registrere den. Ring til kommunen.",
                    "You cannot accept this power of attorney: it was registered or approved by a member of the municipality's staff with your name. For security, another member of staff must register it. Please call the municipality.",
                )));
            }
        }
    }
    // What the power will be once accepted: in force, or waiting for the citizen's confirmation
    // of a differing name (a power registered by staff: for a new approval).
    let after = invited.as_ref().map(|p| {
        let mut p = p.clone();
        p.accepted_at = Some(now);
        p.proxy_id = Some(viewer.person_id);
        p.awaiting_confirmation = !name_matches;
        if !name_matches && p.source != "citizen" {
            p.approved_at = None;
        }
        powers::status_at(&p, now)
    });
    // The citizen is told at once who accepted, what they may do and until when.
    let notices: Vec<crate::ssr::db::NewEmail> = match (&invited, after) {
        (Some(p), Some(status)) => {
            let person = state.repo.person(p.citizen_id).await?;
            match person.and_then(|c| c.email.map(|e| (c.name, e))) {
                Some((name, email)) => {
                    use crate::domain::power_notices::{power_accepted, PowerTerms, ToCitizen};
                    let n = power_accepted(
                        &ToCitizen {
                            name: &name,
                            email: &email,
                            base_url: &state.settings.base_url,
                        },
                        &PowerTerms {
                            relative: &viewer.name,
                            scopes: &p.scopes,
                            expires_on: p.expires_on,
                        },
                        &invited_name,
                        status,
                    );
                    vec![crate::ssr::db::NewEmail {
                        recipient_person_id: Some(p.citizen_id),
                        to_address: email,
                        subject: n.subject,
                        body_text: n.body,
                        created_at: now,
                        channel: crate::ssr::db::OutboxChannel::Email,
                    }]
                }
                None => vec![],
            }
        }
        _ => vec![],
    };
    // The power accepted is the one the invitation names (with no invitation, the acceptance
    // is refused below and nothing is recorded as done).
    let id = invited.as_ref().map_or(0, |p| p.id);
    let accepted = request::record(
        &state,
        Some(viewer.person_id),
        citizen,
        Action::PowerAccept,
        &format!(
            "power {id} accepted by {}{}",
            viewer.name,
            if name_matches {
                ""
            } else {
                " (not the invited name: waits for confirmation)"
            }
        ),
    )
    .of_if(
        &state,
        async {
            match state
                .repo
                .accept_invitation(&hash, viewer.person_id, name_matches, now, &notices)
                .await
            {
                Ok(a) => Ok(Some(a)),
                Err(DbError::NotFound) => Ok(None),
                Err(e) => Err(e),
            }
        },
        |a| a.is_some(),
    )
    .await?;
    if accepted.is_none() {
        request::audit_refused(
            &state,
            Some(viewer.person_id),
            citizen,
            Action::PowerAccept,
            "invitation expired, revoked, used, the citizen's own, or registered or approved by the accepter",
        )
        .await?;
        return Err(AppError::invalid(lang.pick(
            "Invitationen kan ikke bruges. Den er måske udløbet, tilbagekaldt eller allerede taget imod.",
            "The invitation cannot be used. It may have expired, been revoked or already been accepted.",
        )));
    }
    let citizen = citizen.ok_or(AppError::NotFound)?;
    let in_force = after == Some(PowerStatus::Active);
    if in_force {
        if let Some(session) = request::context().session_hash {
            state
                .repo
                .set_session_acting_for(&session, Some(citizen))
                .await?;
        }
    }
    leptos_axum::redirect(if in_force {
        "/oversigt"
    } else {
        "/fuldmagter?venter=1"
    });
    Ok(())
}

/// The citizen confirms a power accepted by someone whose MitID name differed from the name
/// they typed in the invitation; from then on it is in force.
#[server(endpoint = "powers/confirm")]
pub async fn confirm_power(power: i64) -> Result<(), AppError> {
    use crate::ssr::db::DbError;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let Ctx {
        state,
        viewer,
        lang,
        ..
    } = Ctx::citizen_themself(Action::PowerConfirm).await?;
    let confirmed = request::record(
        &state,
        Some(viewer.person_id),
        Some(viewer.person_id),
        Action::PowerConfirm,
        &format!("power {power}"),
    )
    .of_if(
        &state,
        async {
            match state.repo.confirm_power(power, viewer.person_id).await {
                Ok(()) => Ok(true),
                Err(DbError::NotFound) => Ok(false),
                Err(e) => Err(e),
            }
        },
        |made| *made,
    )
    .await?;
    if !confirmed {
        request::audit_refused(
            &state,
            Some(viewer.person_id),
            Some(viewer.person_id),
            Action::PowerConfirm,
            &format!("power {power}: not hers, or not waiting for confirmation"),
        )
        .await?;
        return Err(AppError::invalid(lang.pick(
            "Fuldmagten venter ikke på din bekræftelse.",
            "The power of attorney is not waiting for your confirmation.",
        )));
    }
    leptos_axum::redirect("/fuldmagter?bekraeftet=1");
    Ok(())
}

/// Ends a power at once: the citizen who gave it, or the relative who holds it. The other side
/// is told by email, when the portal knows their address.
#[server(endpoint = "powers/revoke")]
pub async fn revoke_power(power: i64) -> Result<(), AppError> {
    use crate::domain::notices::{power_ended, EndedBy};
    use crate::ssr::db::NewEmail;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let Ctx { state, viewer, .. } = Ctx::signed_in()?;
    let Some(p) = state.repo.power(power).await? else {
        return Err(AppError::NotFound);
    };
    let ended_by = if p.citizen_id == viewer.person_id {
        EndedBy::Citizen
    } else if p.proxy_id == Some(viewer.person_id) {
        EndedBy::Relative
    } else {
        request::audit_refused(
            &state,
            Some(viewer.person_id),
            Some(p.citizen_id),
            Action::PowerRevoke,
            &format!("power {power}: not a party to it"),
        )
        .await?;
        return Err(AppError::Forbidden);
    };
    if !powers::status_of(&state, &p).is_open() {
        return Err(AppError::invalid(request::lang().pick(
            "Fuldmagten gælder allerede ikke.",
            "The power of attorney is already not in force.",
        )));
    }
    let now = state.clock.now();
    let relative_name = p
        .proxy_name
        .clone()
        .or(p.invite_name.clone())
        .unwrap_or_default();
    // The other side: the relative (their own address, else the invitation's) or the citizen.
    let (recipient_id, recipient_name, recipient_email) = match ended_by {
        EndedBy::Citizen => {
            let proxy = match p.proxy_id {
                Some(id) => state.repo.person(id).await?,
                None => None,
            };
            (
                p.proxy_id,
                relative_name.clone(),
                proxy.and_then(|x| x.email).or(p.invite_email.clone()),
            )
        }
        EndedBy::Relative => (
            Some(p.citizen_id),
            p.citizen_name.clone(),
            state.repo.person(p.citizen_id).await?.and_then(|c| c.email),
        ),
    };
    let notices: Vec<NewEmail> = recipient_email
        .map(|to| {
            let n = power_ended(
                &recipient_name,
                &to,
                &p.citizen_name,
                &relative_name,
                ended_by,
            );
            NewEmail {
                recipient_person_id: recipient_id,
                to_address: to,
                subject: n.subject,
                body_text: n.body,
                created_at: now,
                channel: crate::ssr::db::OutboxChannel::Email,
            }
        })
        .into_iter()
        .collect();
    request::record(
        &state,
        Some(viewer.person_id),
        Some(p.citizen_id),
        Action::PowerRevoke,
        &format!(
            "power {power} to {relative_name} {}",
            match ended_by {
                EndedBy::Citizen => "revoked by the citizen",
                EndedBy::Relative => "given up by the relative",
            }
        ),
    )
    .of(
        &state,
        state
            .repo
            .revoke_power(power, viewer.person_id, now, &notices),
    )
    .await?;
    leptos_axum::redirect("/fuldmagter?ophoert=1");
    Ok(())
}
