//! Development sign-in with the demo people. In production these answer 404.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DemoPerson {
    pub id: i64,
    pub name: String,
    pub municipality: String,
    pub municipality_name: String,
    /// "citizen", "relative", "visitator", "therapist"
    pub role: String,
    /// For a relative: the citizen they hold a power of attorney for.
    pub acts_for: Option<String>,
}

#[server(endpoint = "dev/people")]
pub async fn demo_people() -> Result<Vec<DemoPerson>, AppError> {
    use crate::domain::time_format::local_date;
    use crate::ssr::demo::{demo_role, DemoRole, DEMO_PREFIX};
    use crate::ssr::request;
    let state = request::state();
    if !state.settings.is_development() {
        return Err(AppError::NotFound);
    }
    let today = local_date(state.clock.now());
    let mut out = Vec::new();
    for p in state.repo.people_with_subject_prefix(DEMO_PREFIX).await? {
        let Some(role) = demo_role(&p.subject) else {
            continue;
        };
        let municipality = p.subject.split(':').nth(1).unwrap_or_default().to_string();
        let acts_for = match role {
            DemoRole::Relative => state
                .repo
                .valid_powers_held_by(p.id, today)
                .await?
                .into_iter()
                .next()
                .map(|h| h.citizen_name),
            _ => None,
        };
        let role = match role {
            DemoRole::Citizen => "citizen",
            DemoRole::Relative => "relative",
            DemoRole::Staff(r) => r.code(),
        };
        out.push(DemoPerson {
            id: p.id,
            name: p.name,
            municipality_name: state.municipalities.name_of(&municipality),
            municipality,
            role: role.into(),
            acts_for,
        });
    }
    Ok(out)
}

/// Signs in as a demo person (development only) with a fresh session id.
#[server(endpoint = "dev/sign_in")]
pub async fn dev_sign_in(person: i64, til: Option<String>) -> Result<(), AppError> {
    use crate::domain::time_format::local_date;
    use crate::ssr::demo::{demo_role, DemoRole};
    use crate::ssr::{request, session};
    let state = request::state();
    if !state.settings.is_development() {
        return Err(AppError::NotFound);
    }
    let p = state.repo.person(person).await?.ok_or(AppError::NotFound)?;
    let role = demo_role(&p.subject).ok_or(AppError::Forbidden)?;
    if let Some(old) = request::context().session_hash {
        state.repo.delete_web_session(&old).await?;
    }
    let acting_for = match role {
        DemoRole::Relative => {
            let today = local_date(state.clock.now());
            state
                .repo
                .valid_powers_held_by(p.id, today)
                .await?
                .first()
                .map(|h| h.citizen_id)
        }
        _ => None,
    };
    let cookie = request::record(
        &state,
        Some(p.id),
        acting_for.or((role == DemoRole::Citizen).then_some(p.id)),
        Action::SignIn,
        "development sign-in",
    )
    .of(&state, session::start_session(&state, p.id, acting_for))
    .await?;
    expect_context::<leptos_axum::ResponseOptions>()
        .append_header(http::header::SET_COOKIE, cookie);
    let landing = match role {
        DemoRole::Staff(_) => "/personale",
        _ => "/oversigt",
    };
    let requested = til
        .as_deref()
        .and_then(crate::domain::sign_in::safe_return_path);
    leptos_axum::redirect(requested.unwrap_or(landing));
    Ok(())
}

/// A message in the outbox, as the development mail page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueuedMail {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub sent: bool,
}

/// The newest messages the portal has queued (development only: in production, 404).
#[server(endpoint = "dev/mail")]
pub async fn dev_mail() -> Result<Vec<QueuedMail>, AppError> {
    use crate::ssr::request;
    let state = request::state();
    if !state.settings.is_development() {
        return Err(AppError::NotFound);
    }
    Ok(state
        .repo
        .outbox_messages(50)
        .await?
        .into_iter()
        .map(|m| QueuedMail {
            id: m.id,
            to: m.to_address,
            // A text message has no subject: it is named as one.
            subject: if m.channel == "sms" {
                format!("SMS ({} tegn)", m.body_text.chars().count())
            } else {
                m.subject
            },
            body: m.body_text,
            created_at: m.created_at,
            sent: m.sent_at.is_some(),
        })
        .collect())
}
