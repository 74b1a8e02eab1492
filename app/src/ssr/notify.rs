//! The messages of a notice to one person, by the channels they chose (`domain::sms`): what goes
//! into the outbox, and what a page says about who is told and how.
use crate::domain::notices::Notice;
use crate::domain::sms::{channels, masked, OutboxChannel};
use crate::ssr::db::{NewEmail, Person};
use crate::views::notify::ToldView;
use chrono::{DateTime, Utc};

/// The messages of one notice to `person`: the email `notice(name, address)` and the text
/// message `sms` (the notice's SMS form, if it has one), each when `domain::sms::channels` says
/// it goes. None when there is no person or no way to reach them.
pub fn notices_to(
    person: Option<&Person>,
    now: DateTime<Utc>,
    notice: impl FnOnce(&str, &str) -> Notice,
    sms: Option<String>,
) -> Vec<NewEmail> {
    let Some(p) = person else {
        return vec![];
    };
    let how = channels(
        p.notify_by,
        p.email.is_some(),
        p.phone.is_some(),
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
    if let (true, Some(phone), Some(text)) = (how.sms, p.phone.as_ref(), sms) {
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
    state: &crate::ssr::state::AppState,
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

/// How a notice with a text message form reaches `person`, for the page that sends it.
pub fn told(person: &Person) -> ToldView {
    let how = channels(
        person.notify_by,
        person.email.is_some(),
        person.phone.is_some(),
        true,
    );
    ToldView {
        name: person.name.clone(),
        email: person.email.clone().filter(|_| how.email),
        sms: person.phone.as_deref().filter(|_| how.sms).map(masked),
    }
}

/// Whether a person can choose SMS: the portal has an SMS gateway, or runs in development (where
/// text messages wait in the outbox, to be read at /dev/post).
pub fn sms_offered(state: &crate::ssr::state::AppState) -> bool {
    state.settings.sms.is_some()
        || state.settings.env == crate::ssr::settings::PortalEnv::Development
}
