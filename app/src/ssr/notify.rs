//! The messages of a notice to one person, by the channels they chose (`domain::sms`): what goes
//! into the outbox, and what a page says about who is told and how.
use crate::domain::notices::Notice;
use crate::domain::sms::{channels, masked, masked_email, OutboxChannel};
use crate::ssr::db::{NewEmail, Person};
use crate::ssr::state::AppState;
use crate::views::notify::ToldView;
use chrono::{DateTime, Utc};

/// The messages of one notice to `person`: the email `notice(name, address)` and the text
/// message `sms` (the notice's SMS form, if it has one), each when `domain::sms::channels` says
/// it goes. Someone with no email address gets a text message that there is post
/// (`sms_notices::post_waiting`) for a notice with no SMS form. SMS only where the portal can
/// send it (`sms_offered`). None when there is no person or no way to reach them.
pub fn notices_to(
    state: &AppState,
    person: Option<&Person>,
    now: DateTime<Utc>,
    notice: impl FnOnce(&str, &str) -> Notice,
    sms: Option<String>,
) -> Vec<NewEmail> {
    let Some(p) = person else {
        return vec![];
    };
    let phone = p.phone.as_ref().filter(|_| sms_offered(state));
    let sms = sms.or_else(|| {
        p.email
            .is_none()
            .then(crate::domain::sms_notices::post_waiting)
    });
    let how = channels(
        p.notify_by,
        p.email.is_some(),
        phone.is_some(),
        sms.is_some(),
    );
    let mut out = vec![];
    if let (true, Some(to)) = (how.email, p.email.as_ref()) {
        let n = notice(&p.name, to);
        out.push(NewEmail {
            recipient_person_id: Some(p.id),
            to_address: to.clone(),
            subject: n.subject,
            body_text: n.body,
            created_at: now,
            channel: OutboxChannel::Email,
        });
    }
    if let (true, Some(phone), Some(text)) = (how.sms, phone, sms) {
        out.push(NewEmail {
            recipient_person_id: Some(p.id),
            to_address: phone.clone(),
            subject: String::new(),
            body_text: text,
            created_at: now,
            channel: OutboxChannel::Sms,
        });
    }
    out
}

/// The citizen and each relative whose power carries `scope` today: who is told of something
/// in the citizen's case.
pub async fn people_to_tell(
    state: &AppState,
    citizen: &Person,
    now: DateTime<Utc>,
    scope: crate::domain::people::Scope,
) -> Result<Vec<Person>, crate::errors::AppError> {
    use crate::domain::power_of_attorney::PowerStatus;
    let mut people = vec![citizen.clone()];
    for p in state.repo.powers_given_by(citizen.id).await? {
        let active = crate::ssr::powers::status_at(&p, now) == PowerStatus::Active;
        if let (true, true, Some(proxy)) = (active, p.scopes.has(scope), p.proxy_id) {
            people.extend(state.repo.person(proxy).await?);
        }
    }
    Ok(people)
}

/// How many people the messages reach (one person may have an email and an SMS).
pub fn people_told(messages: &[NewEmail]) -> usize {
    let mut ids: Vec<_> = messages.iter().map(|m| m.recipient_person_id).collect();
    ids.sort();
    ids.dedup();
    ids.len()
}

/// How a notice with a text message form reaches `person`, for the page that sends it. The
/// number is always masked; the address too unless `full` (the person themself, or staff).
pub fn told(state: &AppState, person: &Person, full: bool) -> ToldView {
    let phone = person.phone.as_deref().filter(|_| sms_offered(state));
    let how = channels(
        person.notify_by,
        person.email.is_some(),
        phone.is_some(),
        true,
    );
    ToldView {
        name: person.name.clone(),
        email: person.email.as_deref().filter(|_| how.email).map(|a| {
            if full {
                a.to_string()
            } else {
                masked_email(a)
            }
        }),
        sms: phone.filter(|_| how.sms).map(masked),
    }
}

/// Whether a person can choose SMS: the portal has an SMS gateway, or runs in development (where
/// text messages wait in the outbox, to be read at /dev/post).
pub fn sms_offered(state: &AppState) -> bool {
    state.settings.sms.is_some()
        || state.settings.env == crate::ssr::settings::PortalEnv::Development
}
