//! "Sådan får du besked" (issue 19, part 2): each citizen and each relative chooses for
//! themself how the portal tells them things (email, SMS or both), with their email address and
//! Danish mobile number. The number is kept as +45 and eight digits and shown and logged
//! masked. Staff are not told through the portal and have no such page.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::domain::sms::NotifyBy;
use crate::errors::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContactData {
    pub name: String,
    pub email: Option<String>,
    /// The mobile number, masked ("+45 •• •• •• 56").
    pub phone: Option<String>,
    pub notify_by: NotifyBy,
    /// Whether SMS can be chosen: the portal has an SMS gateway (or runs in development, where
    /// text messages wait in the outbox to be read at /dev/post).
    pub sms_offered: bool,
}

/// The signed-in citizen or relative: their own contact details. Staff are refused, logged.
#[cfg(feature = "ssr")]
async fn own(action: Action) -> Result<crate::ssr::request::Ctx, AppError> {
    use crate::domain::people::ViewerKind;
    use crate::ssr::request::{self, Ctx};
    let cx = Ctx::signed_in()?;
    if matches!(cx.viewer.kind, ViewerKind::Staff(_)) {
        request::audit_refused(
            &cx.state,
            Some(cx.viewer.person_id),
            None,
            action,
            "staff are not told through the portal",
        )
        .await?;
        return Err(AppError::Forbidden);
    }
    Ok(cx)
}

/// How the signed-in person is told now.
#[server(endpoint = "contact/show")]
pub async fn contact_page() -> Result<ContactData, AppError> {
    use crate::ssr::request;
    let cx = own(Action::ViewContact).await?;
    let me = cx
        .state
        .repo
        .person(cx.viewer.person_id)
        .await?
        .ok_or(AppError::NotFound)?;
    request::audit(&cx.state, Some(me.id), Some(me.id), Action::ViewContact, "").await?;
    Ok(ContactData {
        name: me.name,
        email: me.email,
        phone: me.phone.as_deref().map(crate::domain::sms::masked),
        notify_by: me.notify_by,
        sms_offered: crate::ssr::notify::sms_offered(&cx.state),
    })
}

/// Saves how the signed-in person is told: `notify_by` ("email", "sms", "both"), the email
/// address (empty removes it), a new mobile number (empty keeps the one there is), or
/// `remove_phone` = "ja" to remove it. Every problem is told at its field; nothing is saved
/// until all is right.
#[server(endpoint = "contact/save")]
pub async fn save_contact(
    notify_by: String,
    email: Option<String>,
    phone: Option<String>,
    remove_phone: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::sms::parse_phone;
    use crate::errors::Problem;
    use crate::ssr::request;
    let cx = own(Action::SetContact).await?;
    let (state, lang) = (&cx.state, cx.lang);
    let me = state
        .repo
        .person(cx.viewer.person_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut problems = vec![];
    let choice = NotifyBy::from_code(&notify_by).unwrap_or_default();
    let choice = if crate::ssr::notify::sms_offered(state) {
        choice
    } else {
        NotifyBy::Email
    };
    let email = email
        .map(|e| e.trim().to_string())
        .filter(|e| !e.is_empty());
    if let Some(e) = &email {
        if !crate::domain::power_of_attorney::plausible_email(e) {
            problems.push(Problem::at(
                "email",
                lang.pick(
                    "Skriv en e-mailadresse som navn@eksempel.dk.",
                    "Enter an email address like name@example.dk.",
                ),
            ));
        }
    }
    let typed_phone = phone.as_deref().map(str::trim).filter(|p| !p.is_empty());
    let phone = match (remove_phone.as_deref() == Some("ja"), typed_phone) {
        (true, _) => None,
        (false, Some(typed)) => match parse_phone(typed) {
            Ok(p) => Some(p),
            Err(problem) => {
                problems.push(Problem::at("phone", problem.explain(lang)));
                me.phone.clone()
            }
        },
        (false, None) => me.phone.clone(),
    };
    if choice.wants_sms()
        && phone.is_none()
        && !problems.iter().any(|p| p.field.as_deref() == Some("phone"))
    {
        problems.push(Problem::at(
            "phone",
            crate::domain::sms::PhoneProblem::Empty.explain(lang),
        ));
    }
    if choice.wants_email()
        && email.is_none()
        && !problems.iter().any(|p| p.field.as_deref() == Some("email"))
    {
        problems.push(Problem::at(
            "email",
            lang.pick(
                "Skriv din e-mailadresse, eller vælg at få besked på sms.",
                "Enter your email address, or choose to be told by text message.",
            ),
        ));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    // The log names the choice and the number masked, never the number.
    let detail = format!(
        "{}; phone {}",
        choice.code(),
        phone
            .as_deref()
            .map(crate::domain::sms::masked)
            .unwrap_or_else(|| "none".into())
    );
    request::record(state, Some(me.id), Some(me.id), Action::SetContact, &detail)
        .of(
            state,
            state
                .repo
                .set_contact(me.id, email.as_deref(), phone.as_deref(), choice),
        )
        .await?;
    leptos_axum::redirect("/besked?gemt=1");
    Ok(())
}
