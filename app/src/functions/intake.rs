//! Intake by phone, letter and referral: a caseworker finds the citizen of their municipality
//! (by name and birth date, or creates them), then registers an application that arrived by
//! phone, letter, GP referral, another municipal unit or Borgerservice, with the consent as it was
//! given; or a complaint about a decision that arrived by phone or letter, with the day it was
//! sent and the day it was received (`domain::intake`).
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::domain::complaint_guidance::DecisionOutcome;
use crate::errors::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A citizen found, with the decisions a complaint can be about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FoundCitizen {
    pub id: i64,
    pub name: String,
    pub birth_date: Option<NaiveDate>,
    /// (id, outcome, when), newest first.
    pub decisions: Vec<(i64, DecisionOutcome, DateTime<Utc>)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IntakeData {
    pub municipality_name: String,
    /// The search as typed, and whether it was complete.
    pub name: String,
    pub birth_date: String,
    pub searched: bool,
    pub citizens: Vec<FoundCitizen>,
    pub today: NaiveDate,
}

/// The application form, as sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApplicationIntakeForm {
    /// The citizen found; empty to create one by name and birth date.
    pub citizen: Option<String>,
    pub citizen_name: Option<String>,
    pub citizen_birth_date: Option<String>,
    pub channel: Option<String>,
    pub arrived_on: Option<String>,
    pub needs: Option<String>,
    pub consent: Option<String>,
    pub consent_on: Option<String>,
    pub consent_ref: Option<String>,
}

impl ApplicationIntakeForm {
    pub fn intake(&self) -> crate::domain::intake::ApplicationIntake {
        let t = |o: &Option<String>| o.clone().unwrap_or_default();
        crate::domain::intake::ApplicationIntake {
            channel: t(&self.channel),
            arrived_on: t(&self.arrived_on),
            needs: t(&self.needs),
            consent: t(&self.consent),
            consent_on: t(&self.consent_on),
            consent_ref: t(&self.consent_ref),
        }
    }
}

/// The complaint form, as sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ComplaintIntakeForm {
    pub decision: Option<String>,
    /// How it arrived (`phone` or `letter`).
    pub way: Option<String>,
    pub received_on: Option<String>,
    pub sent_on: Option<String>,
    pub body: Option<String>,
}

impl ComplaintIntakeForm {
    pub fn intake(&self) -> crate::domain::intake::ComplaintIntake {
        let t = |o: &Option<String>| o.clone().unwrap_or_default();
        crate::domain::intake::ComplaintIntake {
            channel: t(&self.way),
            received_on: t(&self.received_on),
            sent_on: t(&self.sent_on),
            body: t(&self.body),
        }
    }
}

#[cfg(feature = "ssr")]
mod server {
    use crate::errors::{AppError, Problem};
    use crate::ssr::db::Person;
    use crate::ssr::state::AppState;

    /// The citizen of the municipality an intake form names: the one found, or, when none is
    /// found by the name and birth date, a new one (signed in with MitID later, they are a
    /// person of their own: see the README). A citizen of another municipality is refused as if
    /// not found, and the attempt logged in their log under `action`.
    pub async fn citizen_for(
        state: &AppState,
        viewer: crate::domain::people::PersonId,
        action: crate::domain::audit::Action,
        lang: crate::domain::lang::Lang,
        municipality: &str,
        form: &super::ApplicationIntakeForm,
    ) -> Result<(Person, bool), AppError> {
        use crate::domain::time_format::parse_day;
        if let Some(id) = form
            .citizen
            .as_deref()
            .and_then(|c| c.trim().parse::<i64>().ok())
        {
            return match state.repo.person(id).await? {
                Some(p) if p.home_municipality.as_deref() == Some(municipality) => Ok((p, false)),
                Some(p) => {
                    crate::ssr::request::audit_refused(
                        state,
                        Some(viewer),
                        Some(p.id),
                        action,
                        &format!("citizen {id} of another municipality"),
                    )
                    .await?;
                    Err(AppError::NotFound)
                }
                None => Err(AppError::NotFound),
            };
        }
        let name = form.citizen_name.clone().unwrap_or_default();
        let name = name.trim();
        let born = form.citizen_birth_date.as_deref().and_then(parse_day);
        let (Some(born), false) = (born, name.is_empty()) else {
            return Err(AppError::Invalid(vec![Problem::at(
                "felt-borger",
                lang.pick(
                    "Find borgeren først: skriv navn og fødselsdato.",
                    "Find the citizen first: give the name and birth date.",
                ),
            )]));
        };
        let found = state.repo.citizens_named(municipality, name, born).await?;
        match found.len() {
            0 => {
                let (subject, _) = crate::ssr::tokens::new_token();
                let now = state.clock.now();
                let id = state
                    .repo
                    .insert_person(
                        &crate::ssr::db::NewPerson {
                            subject: format!("registered:{subject}"),
                            name: name.to_string(),
                            email: None,
                            phone: None,
                            birth_date: Some(born),
                            home_municipality: Some(municipality.to_string()),
                        },
                        now,
                    )
                    .await?;
                let p = state.repo.person(id).await?.ok_or(AppError::NotFound)?;
                Ok((p, true))
            }
            1 => Ok((found.into_iter().next().ok_or(AppError::NotFound)?, false)),
            _ => Err(AppError::Invalid(vec![Problem::at(
                "felt-borger",
                lang.pick(
                    "Flere borgere har det navn og den fødselsdato. Find borgeren i fagsystemet, og ring til support.",
                    "Several citizens have that name and birth date. Find the citizen in the case system, and call support.",
                ),
            )])),
        }
    }
}

/// The intake page: the citizens found by name and birth date (each read logged), and what the
/// forms need.
#[server(endpoint = "staff/intake")]
pub async fn intake_page(
    name: Option<String>,
    born: Option<String>,
) -> Result<IntakeData, AppError> {
    use crate::domain::time_format::{local_date, parse_day};
    use crate::ssr::request::{self, Ctx};
    let (
        Ctx {
            state, viewer, now, ..
        },
        slug,
    ) = Ctx::caseworker(Action::ViewIntake).await?;
    let name = name.unwrap_or_default().trim().to_string();
    let birth_date = born.unwrap_or_default().trim().to_string();
    let searched = !name.is_empty() && parse_day(&birth_date).is_some();
    let mut citizens = Vec::new();
    if let (true, Some(b)) = (searched, parse_day(&birth_date)) {
        for p in state.repo.citizens_named(&slug, &name, b).await? {
            let decisions = state
                .repo
                .decisions_of(p.id)
                .await?
                .into_iter()
                .filter(|d| d.municipality == slug)
                .map(|d| (d.id, d.outcome, d.decided_at))
                .collect();
            request::audit(
                &state,
                Some(viewer.person_id),
                Some(p.id),
                Action::ViewIntake,
                "found by name and birth date",
            )
            .await?;
            citizens.push(FoundCitizen {
                id: p.id,
                name: p.name,
                birth_date: p.birth_date,
                decisions,
            });
        }
    }
    Ok(IntakeData {
        municipality_name: state.municipalities.name_of(&slug),
        name,
        birth_date,
        searched,
        citizens,
        today: local_date(now),
    })
}

/// Registers an application that arrived by phone, letter or referral. Its clocks start from
/// the day it arrived; the consent is recorded as given orally (who took it: the caseworker) or
/// on paper (the document's reference).
#[server(endpoint = "staff/register_application")]
pub async fn register_application(
    #[server(flatten)] form: ApplicationIntakeForm,
) -> Result<(), AppError> {
    use crate::domain::application::{promises_from_receipt, ApplicationDraft};
    use crate::domain::consent::{ConsentMethod, Purpose};
    use crate::domain::intake::{arrival_instant, check_application, ConsentGiven};
    use crate::domain::notices::application_receipt;
    use crate::domain::time_format::local_date;
    use crate::ssr::db::{NewEmail, RegisteredApplication};
    use crate::ssr::request::{self, Ctx};
    let (
        Ctx {
            state,
            viewer,
            lang,
            now,
        },
        slug,
    ) = Ctx::caseworker(Action::RegisterApplication).await?;
    AppError::check_texts(
        lang,
        &[(
            "felt-borger",
            form.citizen_name.as_deref().unwrap_or_default(),
            crate::domain::text_input::NAME_MAX,
            false,
            ("Borgerens navn", "The citizen's name"),
        )],
    )?;
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let checked = check_application(&form.intake(), local_date(now))
        .map_err(|p| AppError::fields(lang, p))?;
    let (citizen, created) = server::citizen_for(
        &state,
        viewer.person_id,
        Action::RegisterApplication,
        lang,
        &slug,
        &form,
    )
    .await?;
    let received_at = arrival_instant(checked.arrived_on, now);
    let mut consent = crate::ssr::consents::new_consent(
        m,
        Purpose::Application,
        citizen.id,
        viewer.person_id,
        None,
        arrival_instant(checked.consent_on, now),
    )
    .ok_or(AppError::NotFound)?;
    consent.method = match checked.consent {
        ConsentGiven::Oral => ConsentMethod::OralRecorded,
        ConsentGiven::Paper => ConsentMethod::Paper,
    };
    consent.document_ref = checked.consent_ref.clone();
    let mut random = [0u8; 8];
    rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut random);
    let reference = crate::domain::application::reference(random);
    let receipt = citizen.email.clone().map(|to| {
        let promises: Vec<_> = promises_from_receipt(&m.rules, local_date(received_at))
            .into_iter()
            .map(|p| (p.level.name_da.clone(), p.due))
            .collect();
        let n = application_receipt(&citizen.name, &to, &reference, &m.name, false, &promises);
        NewEmail {
            recipient_person_id: Some(citizen.id),
            to_address: to,
            subject: n.subject,
            body_text: n.body,
            created_at: now,
            channel: crate::ssr::db::OutboxChannel::Email,
        }
    });
    let draft = ApplicationDraft {
        needs: checked.needs.clone(),
        ..ApplicationDraft::default()
    };
    let application = RegisteredApplication {
        reference: reference.clone(),
        citizen_id: citizen.id,
        municipality: slug.clone(),
        registered_by: viewer.person_id,
        registered_at: now,
        answers: serde_json::to_string(&draft)?,
        channel: checked.channel,
        received_at,
        consent,
        receipt,
    };
    request::record(
        &state,
        Some(viewer.person_id),
        Some(citizen.id),
        Action::RegisterApplication,
        &format!(
            "application {reference} by {} arrived {}{}",
            checked.channel.code(),
            checked.arrived_on,
            if created { ", citizen registered" } else { "" }
        ),
    )
    .of(&state, state.repo.register_application(&application))
    .await?;
    leptos_axum::redirect(&crate::paths::staff_case(&reference));
    Ok(())
}

/// Registers a complaint about a decision that arrived by phone or letter: on time or possibly
/// late by the same rule as a complaint in the portal (FRB-29 counts the day sent), never refused.
#[server(endpoint = "staff/register_complaint")]
pub async fn register_complaint(
    #[server(flatten)] form: ComplaintIntakeForm,
) -> Result<(), AppError> {
    use crate::domain::intake::{arrival_instant, check_complaint};
    use crate::domain::time_format::local_date;
    use crate::errors::Problem;
    use crate::ssr::decision_complaints::{decision_complaint, DecisionComplaint, Received};
    use crate::ssr::request::{self, Ctx};
    let (
        Ctx {
            state,
            viewer,
            lang,
            now,
        },
        slug,
    ) = Ctx::caseworker(Action::RegisterComplaint).await?;
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let Some(id) = form
        .decision
        .as_deref()
        .and_then(|d| d.trim().parse::<i64>().ok())
    else {
        return Err(AppError::Invalid(vec![Problem::at(
            "felt-afgoerelse",
            lang.pick(
                "Vælg den afgørelse, der klages over.",
                "Choose the decision the complaint is about.",
            ),
        )]));
    };
    let d = match state.repo.decision(id).await? {
        Some(d) if d.municipality == slug => d,
        Some(d) => {
            request::audit_refused(
                &state,
                Some(viewer.person_id),
                Some(d.citizen_id),
                Action::RegisterComplaint,
                &format!("decision {id} of another municipality"),
            )
            .await?;
            return Err(AppError::NotFound);
        }
        None => return Err(AppError::NotFound),
    };
    let checked =
        check_complaint(&form.intake(), local_date(now)).map_err(|p| AppError::fields(lang, p))?;
    if let Some(existing) = state.repo.live_complaint_about(d.id).await? {
        return Err(AppError::invalid(format!(
            "{} {}.",
            lang.pick(
                "Der er allerede en klage over afgørelsen:",
                "There is already a complaint about the decision:"
            ),
            existing.reference
        )));
    }
    let DecisionComplaint {
        new,
        emails,
        possibly_late,
    } = decision_complaint(
        &state,
        m,
        &d,
        Received {
            citizen: d.citizen_id,
            by: viewer.person_id,
            body: checked.body,
            channel: checked.channel,
            sent_at: arrival_instant(checked.sent_on, now),
            received_at: arrival_instant(checked.received_on, now),
        },
    )
    .await?;
    let reference = new.reference.clone();
    let inserted = request::record(
        &state,
        Some(viewer.person_id),
        Some(d.citizen_id),
        Action::RegisterComplaint,
        &format!(
            "complaint {reference} about decision {} by {}{}",
            d.id,
            checked.channel.code(),
            if possibly_late {
                " (possibly late)"
            } else {
                ""
            }
        ),
    )
    .of_if(&state, state.repo.insert_complaint(&new, &emails), |id| {
        id.is_some()
    })
    .await?;
    if inserted.is_none() {
        return Err(AppError::invalid(lang.pick(
            "Der er allerede en klage over afgørelsen.",
            "There is already a complaint about the decision.",
        )));
    }
    leptos_axum::redirect(&crate::paths::staff_complaint(&reference));
    Ok(())
}
