//! Applying for maintenance training: write (and save as a draft), check the answers, send, and
//! the receipt with the dates the municipality promises. For the citizen, or a relative whose
//! power of attorney carries the apply scope; the citizen's consent decides whether a relative's
//! application is sent at once or waits for them (RULES.md SAM-13, GEN-7).
// A server function's arguments are its form's fields, one by one.
#[cfg(feature = "ssr")]
use crate::domain::application::ApplicationDraft;
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod views;
pub use views::*;

#[cfg(feature = "ssr")]
mod server;

/// The form, filled with the saved draft if there is one.
#[server(endpoint = "apply/form")]
pub async fn apply_form() -> Result<ApplicationForm, AppError> {
    use crate::domain::lang::Lang;
    use crate::ssr::request;
    let (request::Ctx { state, viewer, .. }, citizen) =
        server::applicant(Action::ViewApplication).await?;
    let record = state.repo.draft_of(citizen.id).await?;
    let draft = server::draft_of(record.as_ref());
    let municipality = server::municipality_of(&state, &citizen, record.as_ref());
    let questions = municipality
        .map(|m| {
            m.rules
                .prescreen
                .iter()
                .map(|q| {
                    let after = q
                        .only_if
                        .as_ref()
                        .and_then(|c| m.rules.prescreen.iter().find(|p| p.id == c.question));
                    QuestionView {
                        id: q.id.clone(),
                        text_da: q.question_da.clone(),
                        text_en: q.question_en.clone(),
                        after_da: after.map(|a| a.question_da.clone()),
                        after_en: after.map(|a| a.question_en.clone()),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let forms = municipality
        .map(|m| {
            m.rules
                .training_forms
                .iter()
                .map(|f| Choice {
                    code: f.code().into(),
                    label_da: f.label(Lang::Da).into(),
                    label_en: f.label(Lang::En).into(),
                })
                .collect()
        })
        .unwrap_or_default();
    let places = municipality
        .map(|m| {
            m.rules
                .locations
                .places
                .iter()
                .map(|p| Choice {
                    code: p.code.clone(),
                    label_da: p.label_da.clone(),
                    label_en: p.label_en.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    let transport_contacts = municipality
        .map(|m| {
            m.contacts
                .iter()
                .filter(|c| c.purpose_da.to_lowercase().contains("kørsel"))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen.id),
        Action::ViewApplication,
        "",
    )
    .await?;
    Ok(ApplicationForm {
        citizen_name: citizen.name.clone(),
        on_behalf: viewer.person_id != citizen.id,
        municipality: municipality.map(|m| m.slug.clone()),
        municipality_name: municipality.map(|m| m.name.clone()).unwrap_or_default(),
        municipalities: state
            .municipalities
            .all()
            .iter()
            .map(|m| Choice {
                code: m.slug.clone(),
                label_da: m.name.clone(),
                label_en: m.name.clone(),
            })
            .collect(),
        advice: municipality
            .map(|m| {
                server::advice(
                    m,
                    &draft,
                    citizen.birth_date,
                    crate::domain::time_format::local_date(state.clock.now()),
                )
            })
            .unwrap_or_default(),
        questions,
        forms,
        places,
        transport_contacts,
        draft,
        saved_at: record.map(|r| r.updated_at),
    })
}

/// The application form as sent (one step of it, and where to go next).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApplicationFields {
    pub municipality: Option<String>,
    pub prescreen: Option<BTreeMap<String, String>>,
    pub needs: String,
    pub goals: String,
    pub training_form: Option<String>,
    pub place: Option<String>,
    pub transport: Option<String>,
    pub next: String,
}

/// Saves what is written (always, so nothing typed is lost), then either stays on the form
/// ("kladde") or goes on to check the answers ("tjek"), where what is missing is named per field.
#[server(endpoint = "apply/save")]
pub async fn save_application(#[server(flatten)] form: ApplicationFields) -> Result<(), AppError> {
    use crate::ssr::db::DraftSave;
    use crate::ssr::request;
    let ApplicationFields {
        municipality,
        prescreen,
        needs,
        goals,
        training_form,
        place,
        transport,
        next,
    } = form;
    let (
        request::Ctx {
            state,
            viewer,
            lang,
            ..
        },
        citizen,
    ) = server::applicant(Action::SaveApplication).await?;
    // Checked before anything is saved: a draft too is kept only within the limits.
    AppError::check_texts(
        lang,
        &[
            (
                "felt-behov",
                &needs,
                crate::domain::text_input::TEXT_MAX,
                true,
                ("Teksten om dine behov", "The text about your needs"),
            ),
            (
                "felt-maal",
                &goals,
                crate::domain::text_input::TEXT_MAX,
                true,
                ("Teksten om dine mål", "The text about your goals"),
            ),
            (
                "felt-sted",
                place.as_deref().unwrap_or_default(),
                crate::domain::text_input::LINE_MAX,
                false,
                ("Stedet", "The place"),
            ),
        ],
    )?;
    let training_form = training_form.filter(|f| f.chars().count() <= 40);
    let transport = transport.filter(|t| t.chars().count() <= 40);
    let prescreen: Option<std::collections::BTreeMap<String, String>> = prescreen.map(|p| {
        p.into_iter()
            .filter(|(id, _)| id.chars().count() <= 40)
            .take(50)
            .collect()
    });
    let existing = state.repo.draft_of(citizen.id).await?;
    let slug = citizen
        .home_municipality
        .clone()
        .or(municipality.filter(|m| state.municipalities.get(m).is_some()))
        .or(existing.as_ref().map(|r| r.municipality.clone()));
    let Some(slug) = slug else {
        return Err(AppError::Invalid(vec![crate::errors::Problem::at(
            "felt-kommune",
            lang.pick(
                "Vælg den kommune, du bor i.",
                "Choose the municipality you live in.",
            ),
        )]));
    };
    let draft = ApplicationDraft {
        prescreen: prescreen
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(id, v)| match v.as_str() {
                "ja" => Some((id, true)),
                "nej" => Some((id, false)),
                _ => None,
            })
            .collect(),
        needs: needs.trim().to_string(),
        goals: goals.trim().to_string(),
        training_form: training_form.filter(|f| !f.is_empty() && f != "ved_ikke"),
        place: place.unwrap_or_default().trim().to_string(),
        transport: transport.filter(|t| !t.is_empty()),
    };
    let mut random = [0u8; 8];
    rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut random);
    let save = DraftSave {
        citizen_id: citizen.id,
        municipality: slug.clone(),
        created_by: viewer.person_id,
        new_reference: crate::domain::application::reference(random),
        answers: serde_json::to_string(&draft)?,
        preferred_form: draft.training_form.clone(),
        preferred_place: Some(draft.place.clone()).filter(|p| !p.is_empty()),
        transport_need: draft.transport.clone(),
        now: state.clock.now(),
    };
    request::record(
        &state,
        Some(viewer.person_id),
        Some(citizen.id),
        Action::SaveApplication,
        &format!("application {}", request::NEW_ROW),
    )
    .of(&state, state.repo.save_draft(&save))
    .await?;
    if next == "tjek" {
        let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
        if let Some(e) = server::invalid(&draft, m, lang) {
            return Err(e);
        }
        leptos_axum::redirect("/ansoeg/tjek");
    } else {
        leptos_axum::redirect("/ansoeg?gemt=1");
    }
    Ok(())
}

/// The answers as they will be sent, with what each municipality's pre-screen says about them.
#[server(endpoint = "apply/check")]
pub async fn check_application() -> Result<CheckView, AppError> {
    use crate::domain::consent::Purpose;
    use crate::domain::lang::Lang;
    use crate::domain::municipality::TrainingForm;
    use crate::domain::people::Scope;
    use crate::ssr::request;
    let (request::Ctx { state, viewer, .. }, citizen) =
        server::applicant(Action::ViewApplication).await?;
    let record = state
        .repo
        .draft_of(citizen.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let draft = server::draft_of(Some(&record));
    let m = server::municipality_of(&state, &citizen, Some(&record)).ok_or(AppError::NotFound)?;
    let answers = m
        .rules
        .prescreen
        .iter()
        .filter_map(|q| {
            draft
                .prescreen
                .get(&q.id)
                .map(|a| (q.question_da.clone(), q.question_en.clone(), *a))
        })
        .collect();
    let form = draft
        .training_form
        .as_deref()
        .and_then(TrainingForm::from_code);
    let on_behalf = viewer.person_id != citizen.id;
    let waits_for_consent = on_behalf && !viewer.may(citizen.id, Scope::Consents);
    let offer = |p| {
        (!waits_for_consent)
            .then(|| crate::ssr::consents::offer(m, p))
            .flatten()
    };
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen.id),
        Action::ViewApplication,
        &format!("application {} check", record.reference),
    )
    .await?;
    Ok(CheckView {
        consent: offer(Purpose::Application),
        health_consent: offer(Purpose::HealthInformation),
        reference: record.reference,
        citizen_name: citizen.name,
        on_behalf,
        municipality_name: m.name.clone(),
        answers,
        advice: server::advice(
            m,
            &draft,
            citizen.birth_date,
            crate::domain::time_format::local_date(state.clock.now()),
        ),
        needs: draft.needs,
        goals: draft.goals,
        form_da: form
            .map_or("Kommunen vælger sammen med mig", |f| f.label(Lang::Da))
            .into(),
        form_en: form
            .map_or("The municipality decides with me", |f| f.label(Lang::En))
            .into(),
        place_da: crate::ssr::cases::place_label(m, &draft.place, Lang::Da),
        place_en: crate::ssr::cases::place_label(m, &draft.place, Lang::En),
        transport_help: draft.transport.as_deref() == Some("help"),
        waits_for_consent,
    })
}

/// Sends the application. Pressing twice sends it once. A relative whose power does not cover
/// consent sends it to wait for the citizen's own consent.
#[server(endpoint = "apply/submit")]
pub async fn submit_application(
    reference: String,
    consent_application: Option<String>,
    consent_health: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::application::promises_from_receipt;
    use crate::domain::application_consent::{submission, Applicant, Submission};
    use crate::domain::consent::Purpose;
    use crate::domain::notices::application_receipt;
    use crate::domain::people::Scope;
    use crate::domain::time_format::local_date;
    use crate::ssr::db::NewEmail;
    use crate::ssr::request;
    let (
        request::Ctx {
            state,
            viewer,
            lang,
            ..
        },
        citizen,
    ) = server::applicant(Action::SubmitApplication).await?;
    let record = server::own_application(
        &state,
        viewer.person_id,
        Action::SubmitApplication,
        &reference,
        citizen.id,
    )
    .await?;
    let receipt_page = crate::paths::application_receipt(&record.reference);
    if record.status != crate::domain::states::ApplicationStatus::Draft {
        // Already sent (a second press, or the back button): show the receipt again.
        leptos_axum::redirect(&receipt_page);
        return Ok(());
    }
    let draft = server::draft_of(Some(&record));
    let m = server::municipality_of(&state, &citizen, Some(&record)).ok_or(AppError::NotFound)?;
    if let Some(AppError::Invalid(problems)) = server::invalid(&draft, m, lang) {
        // On this page the fields are behind the change links: name them without linking.
        return Err(AppError::Invalid(
            problems
                .into_iter()
                .map(|p| crate::errors::Problem::general(p.text))
                .collect(),
        ));
    }
    let applicant = if viewer.person_id == citizen.id {
        Applicant::Citizen
    } else {
        Applicant::Representative {
            power_covers_consent: viewer.may(citizen.id, Scope::Consents),
        }
    };
    let status = match submission(applicant, false, m.rules.application_consent.as_ref()) {
        Submission::Allowed => crate::domain::states::ApplicationStatus::Submitted,
        Submission::AwaitingCitizenConsent { .. } => {
            crate::domain::states::ApplicationStatus::AwaitingConsent
        }
    };
    let now = state.clock.now();
    // Whoever may consent gives it by ticking the box; without it nothing is sent.
    let mut consents = Vec::new();
    if status == crate::domain::states::ApplicationStatus::Submitted {
        if consent_application.as_deref() != Some("ja") {
            return Err(AppError::Invalid(vec![crate::errors::Problem::at("samtykke-application", lang.pick(
                    "Sæt kryds ved samtykket til, at kommunen behandler ansøgningen. Uden samtykket kan vi ikke sende den.",
                    "Tick the consent to the municipality processing the application. Without it we cannot send it.",
                ))]));
        }
        let wanted = [
            (Purpose::Application, true),
            (
                Purpose::HealthInformation,
                consent_health.as_deref() == Some("ja"),
            ),
        ];
        for (purpose, _) in wanted.into_iter().filter(|(_, w)| *w) {
            consents.extend(crate::ssr::consents::new_consent(
                m,
                purpose,
                citizen.id,
                viewer.person_id,
                None,
                now,
            ));
        }
    }
    let sender = state.repo.person(viewer.person_id).await?;
    let receipt = sender.as_ref().and_then(|p| p.email.clone()).map(|to| {
        let promises = if status == crate::domain::states::ApplicationStatus::Submitted {
            promises_from_receipt(&m.rules, local_date(now))
                .into_iter()
                .map(|p| (p.level.name_da.clone(), p.due))
                .collect()
        } else {
            Vec::new()
        };
        let n = application_receipt(
            &sender.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
            &to,
            &record.reference,
            &m.name,
            status == crate::domain::states::ApplicationStatus::AwaitingConsent,
            &promises,
        );
        NewEmail {
            recipient_person_id: Some(viewer.person_id),
            to_address: to,
            subject: n.subject,
            body_text: n.body,
            created_at: now,
            channel: crate::ssr::db::OutboxChannel::Email,
        }
    });
    // Recorded only when this press sent it (a second press finds it sent already).
    request::record(
        &state,
        Some(viewer.person_id),
        Some(citizen.id),
        Action::SubmitApplication,
        &format!("application {} {}", record.reference, status.code()),
    )
    .of_if(
        &state,
        async {
            let sent = state
                .repo
                .submit_draft(record.id, status, now, &consents, receipt.as_ref())
                .await?;
            if sent && citizen.home_municipality.is_none() {
                state
                    .repo
                    .set_home_municipality(citizen.id, &m.slug)
                    .await?;
            }
            Ok::<_, AppError>(sent)
        },
        |sent| *sent,
    )
    .await?;
    leptos_axum::redirect(&receipt_page);
    Ok(())
}

/// The receipt: the reference, and the municipality's promises counted from the day it arrived.
#[server(endpoint = "apply/receipt")]
pub async fn application_receipt(reference: String) -> Result<ReceiptView, AppError> {
    use crate::domain::people::Scope;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    // The citizen themself, or a relative whose power carries the view scope; anyone else is
    // refused, and the attempt logged (in the citizen's log, when there is one).
    let (Ctx { state, viewer, .. }, citizen) =
        Ctx::citizen(Scope::View, Action::ViewApplication).await?;
    let record = server::own_application(
        &state,
        viewer.person_id,
        Action::ViewApplication,
        &reference,
        citizen,
    )
    .await?;
    let person = state
        .repo
        .person(citizen)
        .await?
        .ok_or(AppError::NotFound)?;
    let m = server::municipality_of(&state, &person, Some(&record)).ok_or(AppError::NotFound)?;
    let email_to = state
        .repo
        .person(viewer.person_id)
        .await?
        .and_then(|p| p.email);
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::ViewApplication,
        &format!("application {reference}"),
    )
    .await?;
    let clocks = if record.submitted_at.is_some() {
        crate::ssr::cases::clock_views(&m.rules, &record, state.clock.now())
    } else {
        Vec::new()
    };
    let waiting_for_viewer = record.status
        == crate::domain::states::ApplicationStatus::AwaitingConsent
        && viewer.person_id == citizen;
    Ok(ReceiptView {
        consent: waiting_for_viewer
            .then(|| crate::ssr::consents::offer(m, crate::domain::consent::Purpose::Application))
            .flatten(),
        clocks,
        reference: record.reference,
        citizen_name: person.name,
        municipality_name: m.name.clone(),
        status: record.status,
        email_to,
    })
}

/// The citizen consents, in their own sign-in, to an application a relative wrote: it is sent.
#[server(endpoint = "apply/consent")]
pub async fn consent_to_application(reference: String) -> Result<(), AppError> {
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let Ctx { state, viewer, .. } = Ctx::citizen_themself(Action::ApplicationConsent).await?;
    let record = server::own_application(
        &state,
        viewer.person_id,
        Action::ApplicationConsent,
        &reference,
        viewer.person_id,
    )
    .await?;
    let m = state
        .municipalities
        .get(&record.municipality)
        .ok_or(AppError::NotFound)?;
    let consent = crate::ssr::consents::new_consent(
        m,
        crate::domain::consent::Purpose::Application,
        viewer.person_id,
        viewer.person_id,
        None,
        state.clock.now(),
    )
    .ok_or(AppError::NotFound)?;
    request::record(
        &state,
        Some(viewer.person_id),
        Some(viewer.person_id),
        Action::ApplicationConsent,
        &format!("application {reference} sent with the citizen's consent"),
    )
    .of_if(
        &state,
        state.repo.consent_to_application(record.id, &consent),
        |sent| *sent,
    )
    .await?;
    leptos_axum::redirect(&crate::paths::application_receipt(&reference));
    Ok(())
}
