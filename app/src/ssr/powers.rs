//! Powers of attorney as the features show and grant them.
use crate::domain::lang::Lang;
use crate::domain::power_of_attorney::{PowerFacts, PowerStatus};
use crate::errors::AppError;
use crate::ssr::db::PowerRecord;
use crate::ssr::state::AppState;
use crate::ssr::tokens::new_token;
use crate::views::powers::PowerView;

pub fn status_of(state: &AppState, p: &PowerRecord) -> PowerStatus {
    status_at(p, state.clock.now())
}

/// The power's status at `now`.
pub fn status_at(p: &PowerRecord, now: chrono::DateTime<chrono::Utc>) -> PowerStatus {
    PowerStatus::of(
        PowerFacts {
            accepted: p.accepted_at.is_some(),
            revoked: p.revoked_at.is_some(),
            expires_on: p.expires_on,
            invitation_expires_at: p.invitation_expires_at,
            awaiting_confirmation: p.awaiting_confirmation,
            awaiting_approval: p.source != "citizen" && p.approved_at.is_none(),
        },
        now,
        crate::domain::time_format::local_date(now),
    )
}

pub fn view_of(state: &AppState, p: PowerRecord, given: bool) -> PowerView {
    let status = status_of(state, &p);
    let other_name = if given {
        p.proxy_name
            .clone()
            .or(p.invite_name.clone())
            .unwrap_or_default()
    } else {
        p.citizen_name.clone()
    };
    PowerView {
        id: p.id,
        other_name,
        invite_email: given.then(|| p.invite_email.clone()).flatten(),
        scopes_da: p.scopes.labels(Lang::Da),
        scopes_en: p.scopes.labels(Lang::En),
        expires_on: p.expires_on,
        source: p.source,
        document_ref: p.document_ref,
        status_da: if given {
            status.label(Lang::Da)
        } else {
            status.label_for_holder(Lang::Da)
        }
        .into(),
        status_en: if given {
            status.label(Lang::En)
        } else {
            status.label_for_holder(Lang::En)
        }
        .into(),
        open: status.is_open(),
        awaiting_confirmation: given
            && status == crate::domain::power_of_attorney::PowerStatus::AwaitingConfirmation,
        invited_name: given.then(|| p.invite_name.clone()).flatten(),
    }
}

/// The grant as the form sent it: the four scope boxes are "on" when ticked (apply, book,
/// complain, consents, in that order).
pub fn grant_input(
    relative_name: String,
    relative_email: String,
    ticked: [Option<String>; 5],
    expires_on: String,
) -> crate::domain::power_of_attorney::GrantInput {
    let scopes = ["apply", "book", "complain", "consents", "messages"]
        .into_iter()
        .zip(ticked)
        .filter(|(_, on)| on.is_some())
        .map(|(code, _)| code.to_string())
        .collect();
    crate::domain::power_of_attorney::GrantInput {
        relative_name,
        relative_email,
        scopes,
        expires_on,
    }
}

pub fn invalid(
    problems: &[crate::domain::power_of_attorney::GrantProblem],
    lang: Lang,
) -> AppError {
    AppError::Invalid(
        problems
            .iter()
            .map(|p| crate::errors::Problem::general(p.text(lang)))
            .collect(),
    )
}

/// Stores an invitation and queues the email with its link, together.
pub async fn send_invitation(
    state: &AppState,
    citizen: &crate::ssr::db::Person,
    grant: &crate::domain::power_of_attorney::Grant,
    source: crate::ssr::db::PowerSource,
    document_ref: Option<String>,
    given_by: crate::domain::notices::GivenBy,
    created_by: i64,
) -> Result<i64, AppError> {
    use crate::domain::notices::{invitation, InvitationEmail};
    use crate::domain::power_of_attorney::INVITATION_VALID;
    use crate::ssr::db::{NewEmail, NewInvitation};
    let now = state.clock.now();
    let (token, hash) = new_token();
    let link = format!(
        "{}/fuldmagt/{token}",
        state.settings.base_url.trim_end_matches('/')
    );
    let link_expires_at = now + INVITATION_VALID;
    let notice = invitation(&InvitationEmail {
        relative_name: &grant.relative_name,
        relative_email: &grant.relative_email,
        citizen_name: &citizen.name,
        given_by,
        scopes: grant.scopes,
        expires_on: grant.expires_on,
        link: &link,
        link_expires_at,
    });
    let id = state
        .repo
        .insert_invitation(
            &NewInvitation {
                citizen_id: citizen.id,
                invite_name: grant.relative_name.clone(),
                invite_email: grant.relative_email.clone(),
                token_hash: hash,
                scopes: grant.scopes,
                expires_on: grant.expires_on,
                source,
                document_ref,
                created_by,
                created_at: now,
                invitation_expires_at: link_expires_at,
            },
            &NewEmail {
                recipient_person_id: None,
                to_address: grant.relative_email.clone(),
                subject: notice.subject,
                body_text: notice.body,
                created_at: now,
                channel: crate::ssr::db::OutboxChannel::Email,
            },
        )
        .await?;
    Ok(id)
}
