//! Deciding an application (staff) and the decision letter (the citizen and their relative). The
//! complaint guidance is generated from the municipality's rules, never typed. A grant creates the
//! course that booking uses. The caseworker says how the decision reaches the citizen (published
//! in the portal, a paper letter, or by hand); the complaint deadline runs from that receipt
//! (CAL-8, `domain::decision_delivery`). The first reading by the citizen's side is recorded as a
//! fact of its own, for staff and Min log; it moves no clock.
// A server function's arguments are its form's fields, one by one.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::decisions;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The decision letter, in the reader's language where it is generated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LetterView {
    pub id: i64,
    pub citizen_name: String,
    pub municipality_name: String,
    /// "granted", "partly_granted" or "refused".
    pub outcome: crate::domain::complaint_guidance::DecisionOutcome,
    pub training_form_da: Option<String>,
    pub training_form_en: Option<String>,
    pub place: Option<String>,
    pub sessions_per_week: Option<i64>,
    pub weeks: Option<i64>,
    pub start_on: Option<NaiveDate>,
    pub reasons: Option<String>,
    pub legal_basis: String,
    pub decided_at: DateTime<Utc>,
    pub decided_by: String,
    /// How the decision reached the citizen and when it counts as received, in the reader's
    /// language.
    pub delivery_text_da: String,
    pub delivery_text_en: String,
    /// The last moment a complaint is in time (shown as a local date and time), counted from
    /// receipt.
    pub complaint_deadline: DateTime<Utc>,
    /// For staff: when and by whom the citizen's side first read it ("læst første gang").
    pub first_read: Option<FirstRead>,
    pub staff_view: bool,
    pub guidance_da: Vec<String>,
    pub guidance_en: Vec<String>,
    pub appealable: bool,
    /// The reader may complain (the citizen, or a relative with the complain scope).
    pub may_complain: bool,
    /// The complaint already made about this decision.
    pub complaint_reference: Option<String>,
    /// This decision answers a complaint in part: the complaint waiting for the citizen to say
    /// whether it is maintained.
    pub answers_complaint: Option<String>,
    /// A part on transport under SEL § 117: "granted" or "refused", with its own guidance.
    pub transport_outcome: Option<crate::domain::complaint_guidance::DecisionOutcome>,
    pub transport_guidance_da: Vec<String>,
    pub transport_guidance_en: Vec<String>,
    /// A termination decision's last day and the hearing it followed.
    pub termination: Option<TerminationPart>,
}

/// What ended a course: the last training day and the hearing before it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TerminationPart {
    pub last_day: NaiveDate,
    pub hearing_id: i64,
    pub facts: crate::domain::hearing::HearingFacts,
    /// The answer given in the hearing.
    pub answer: Option<String>,
}

/// When, and by whom, a decision was first read on the citizen's side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FirstRead {
    pub at: DateTime<Utc>,
    pub by: String,
}

/// The decision form as sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DecisionForm {
    pub outcome: String,
    pub training_form: Option<String>,
    pub place: Option<String>,
    pub sessions_per_week: Option<String>,
    pub weeks: Option<String>,
    pub start_on: Option<String>,
    pub reasons: Option<String>,
    pub delivery: Option<String>,
    pub delivery_on: Option<String>,
    pub legal_basis: Option<String>,
    pub transport: Option<String>,
}

/// A caseworker decides an application of their municipality. Everything the form lacks is
/// named at once; nothing is stored until it is complete.
#[server(endpoint = "decide/decide")]
pub async fn decide_application(
    reference: String,
    #[server(flatten)] form: DecisionForm,
) -> Result<(), AppError> {
    use crate::domain::decision::{check_decision, DecisionInput};
    use crate::domain::decision_delivery::{check_delivery, Delivery, DeliveryInput};
    use crate::domain::time_format::local_date;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let DecisionForm {
        outcome,
        training_form,
        place,
        sessions_per_week,
        weeks,
        start_on,
        reasons,
        delivery,
        delivery_on,
        legal_basis,
        transport,
    } = form;
    let (
        Ctx {
            state,
            viewer,
            lang,
            ..
        },
        slug,
    ) = Ctx::caseworker(Action::Decide).await?;
    AppError::check_texts(
        lang,
        &[
            (
                "felt-begrundelse",
                reasons.as_deref().unwrap_or_default(),
                crate::domain::text_input::LETTER_MAX,
                true,
                ("Begrundelsen", "The reasons"),
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
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let a = crate::ssr::cases::case_of(&state, viewer.person_id, Action::Decide, &reference, &slug)
        .await?;
    let now = state.clock.now();
    let input = DecisionInput {
        outcome,
        training_form: training_form.unwrap_or_default(),
        place: place.unwrap_or_default(),
        sessions_per_week: sessions_per_week.unwrap_or_default(),
        weeks: weeks.unwrap_or_default(),
        start_on: start_on.unwrap_or_default(),
        reasons: reasons.unwrap_or_default(),
        delivery: DeliveryInput {
            way: delivery.unwrap_or_default(),
            on: delivery_on.unwrap_or_default(),
        },
        legal_basis: legal_basis.unwrap_or_default(),
        transport: transport.unwrap_or_default(),
    };
    let checked = check_decision(&input, &m.rules, local_date(now));
    let delivered = check_delivery(&input.delivery, now);
    let basis = crate::domain::legal_basis::check_choice(&input.legal_basis);
    // The transport part: none, granted or refused (a tampered value is refused, not ignored).
    let transport = match input.transport.as_str() {
        "" => Ok(None),
        "granted" => Ok(Some(
            crate::domain::complaint_guidance::DecisionOutcome::Granted,
        )),
        "refused" => Ok(Some(
            crate::domain::complaint_guidance::DecisionOutcome::Refused,
        )),
        _ => Err("felt-koersel"),
    };
    let (checked, delivered, basis, transport) = match (checked, delivered, basis, transport) {
        (Ok(c), Ok(d), Ok(b), Ok(t)) => (c, d, b, t),
        (checked, delivered, basis, transport) => {
            // Kept on the server (not in the URL: the reasons are personal), shown again.
            let fields = serde_json::to_string(&input)?;
            state
                .repo
                .save_decision_draft(a.id, viewer.person_id, &fields, now)
                .await?;
            let mut problems: Vec<_> = checked
                .err()
                .unwrap_or_default()
                .iter()
                .map(|p| crate::errors::Problem::at(p.field(), p.text(lang)))
                .collect();
            if let Err(p) = delivered {
                problems.push(crate::errors::Problem::at(p.field(), p.text(lang)));
            }
            if let Err(field) = basis {
                problems.push(crate::errors::Problem::at(
                    field,
                    crate::domain::legal_basis::choice_problem(lang),
                ));
            }
            if let Err(field) = transport {
                problems.push(crate::errors::Problem::at(
                    field,
                    lang.pick(
                        "Vælg, om afgørelsen handler om kørsel.",
                        "Choose whether the decision is about transport.",
                    ),
                ));
            }
            return Err(AppError::Invalid(problems));
        }
    };
    let outcome_code = checked.outcome.code();
    let citizen = state
        .repo
        .person(a.citizen_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let notices = match delivered {
        Delivery::Portal(_) => decisions::decision_notices(&state, &citizen, &m.name, now).await?,
        Delivery::Letter(_) | Delivery::InPerson(_) => Vec::new(),
    };
    // Published in the portal, a decision is received at once: only when someone is told. With
    // no email address and no number for SMS to tell, it goes by letter or by hand, and nothing
    // is stored.
    if matches!(delivered, Delivery::Portal(_)) && notices.is_empty() {
        let fields = serde_json::to_string(&input)?;
        state
            .repo
            .save_decision_draft(a.id, viewer.person_id, &fields, now)
            .await?;
        return Err(AppError::Invalid(vec![crate::errors::Problem::at(
            "felt-udlevering",
            lang.pick(
                "Borgeren har ingen e-mailadresse eller mobilnummer til sms og får ikke besked, hvis afgørelsen kun lægges i portalen. Send den som brev, eller udlever den personligt.",
                "The citizen has no email address or mobile number for text messages and would not be told if the decision were only published in the portal. Send it as a letter, or hand it over in person.",
            ),
        )]));
    }
    let record = request::record(
        &state,
        Some(viewer.person_id),
        Some(a.citizen_id),
        Action::Decide,
        &format!(
            "application {reference}: decision {} {outcome_code} under {}, delivered by {}",
            request::NEW_ROW,
            basis.code(),
            delivered.code()
        ),
    );
    let decided = record
        .of_if(
            &state,
            state.repo.decide_application(
                a.id,
                &decisions::new_decision(
                    m,
                    &checked,
                    decisions::Deciding {
                        application_id: Some(a.id),
                        citizen_id: a.citizen_id,
                        decided_by: viewer.person_id,
                        decided_at: now,
                        replaces_decision_id: None,
                        delivery: delivered,
                        legal_basis: basis,
                        transport,
                    },
                )?,
                &notices,
            ),
            Option::is_some,
        )
        .await?;
    if decided.is_none() {
        return Err(AppError::invalid(lang.pick(
            "Ansøgningen er allerede afgjort.",
            "The application has already been decided.",
        )));
    }
    leptos_axum::redirect(&crate::paths::staff_case(&reference));
    Ok(())
}

/// The decision letter, with the complaint deadline counted from receipt. The citizen's or
/// relative's first deliberate read is recorded as a fact of its own; no clock moves with it.
#[server(endpoint = "decide/letter")]
pub async fn decision_letter(decision: i64) -> Result<LetterView, AppError> {
    use crate::domain::complaint_guidance::Guidance;
    use crate::domain::lang::Lang;
    use crate::domain::municipality::TrainingForm;
    use crate::domain::people::Scope;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let Ctx { state, viewer, .. } = Ctx::signed_in()?;
    let Some(d) = state.repo.decision(decision).await? else {
        return Err(AppError::NotFound);
    };
    let reader_is_party = viewer.may(d.citizen_id, Scope::View);
    let staff_of_case = viewer.is_staff_of(
        &d.municipality,
        &[
            crate::domain::people::StaffRole::Visitator,
            crate::domain::people::StaffRole::Admin,
        ],
    );
    if !reader_is_party && !staff_of_case {
        request::audit_refused(
            &state,
            Some(viewer.person_id),
            Some(d.citizen_id),
            Action::ViewDecision,
            &format!("decision {decision}"),
        )
        .await?;
        return Err(AppError::NotFound);
    }
    let now = state.clock.now();
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(d.citizen_id),
        Action::ViewDecision,
        &format!("decision {decision}"),
    )
    .await?;
    if reader_is_party && d.first_opened_at.is_none() && request::deliberate_read() {
        request::record(
            &state,
            Some(viewer.person_id),
            Some(d.citizen_id),
            Action::FirstReadDecision,
            &format!("decision {decision}"),
        )
        .of_if(
            &state,
            state
                .repo
                .record_first_opening(decision, viewer.person_id, now),
            |first| *first,
        )
        .await?;
    }
    let presume = state.settings.postal_receipt_presumption;
    let delivery = d.delivery();
    let m = state
        .municipalities
        .get(&d.municipality)
        .ok_or(AppError::NotFound)?;
    let guidance: Option<Guidance> = d
        .complaint_guidance
        .as_deref()
        .and_then(|g| serde_json::from_str(g).ok());
    let transport_guidance: Option<Guidance> = d
        .transport_guidance
        .as_deref()
        .and_then(|g| serde_json::from_str(g).ok());
    let form = TrainingForm::from_code(&d.training_form);
    let granted = d.outcome.grants_training();
    let citizen = state
        .repo
        .person(d.citizen_id)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    let answered = crate::ssr::complaints::answered_complaint(&state, &d).await?;
    let answers_complaint = answered
        .as_ref()
        .filter(|c| c.status == crate::domain::complaints::Status::AwaitingCitizen)
        .map(|c| c.reference.clone());
    let complaint_reference = match answered {
        Some(c) => Some(c.reference),
        None => state
            .repo
            .live_complaint_about(d.id)
            .await?
            .map(|c| c.reference),
    };
    let decided_by = state
        .repo
        .person(d.decided_by)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    let termination = match (d.last_day_on, state.repo.hearing_of_decision(d.id).await?) {
        (Some(last_day), Some(h)) => Some(TerminationPart {
            last_day,
            hearing_id: h.id,
            facts: serde_json::from_str(&h.facts).unwrap_or_default(),
            answer: h.answer,
        }),
        _ => None,
    };
    Ok(LetterView {
        termination,
        id: d.id,
        citizen_name: citizen,
        municipality_name: m.name.clone(),
        outcome: d.outcome,
        training_form_da: form.filter(|_| granted).map(|f| f.label(Lang::Da).into()),
        training_form_en: form.filter(|_| granted).map(|f| f.label(Lang::En).into()),
        place: Some(d.place.clone()).filter(|p| granted && !p.is_empty()),
        sessions_per_week: d.sessions_per_week.filter(|_| granted),
        weeks: d.weeks.filter(|_| granted),
        start_on: Some(d.start_on).filter(|_| granted),
        reasons: d.reasons.clone(),
        legal_basis: d.legal_basis.clone(),
        decided_at: d.decided_at,
        decided_by,
        delivery_text_da: delivery.text(Lang::Da, presume),
        delivery_text_en: delivery.text(Lang::En, presume),
        complaint_deadline: delivery
            .complaint_deadline(m.rules.complaint.weeks, presume)
            .shown,
        first_read: match (staff_of_case, d.first_opened_at, d.first_opened_by) {
            (true, Some(at), Some(by)) => Some(FirstRead {
                at,
                by: state
                    .repo
                    .person(by)
                    .await?
                    .map(|p| p.name)
                    .unwrap_or_default(),
            }),
            _ => None,
        },
        staff_view: staff_of_case && !reader_is_party,
        appealable: guidance.as_ref().is_none_or(|g| g.appealable),
        guidance_da: guidance
            .as_ref()
            .map(|g| g.paragraphs_da.clone())
            .unwrap_or_default(),
        guidance_en: guidance.map(|g| g.paragraphs_en).unwrap_or_default(),
        may_complain: viewer.may(d.citizen_id, Scope::Complain),
        complaint_reference,
        answers_complaint,
        transport_guidance_da: transport_guidance
            .as_ref()
            .map(|g| g.paragraphs_da.clone())
            .unwrap_or_default(),
        transport_guidance_en: transport_guidance
            .map(|g| g.paragraphs_en)
            .unwrap_or_default(),
        transport_outcome: d
            .transport_outcome
            .as_deref()
            .and_then(crate::domain::complaint_guidance::DecisionOutcome::from_code),
    })
}
