//! The caseworker's decision after a hearing: the course continues, or a termination decision.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
#[cfg(feature = "ssr")]
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The decision form after a hearing, as sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HearingDecisionForm {
    /// The hearing's id (as the form sends it: text).
    pub hearing: String,
    pub outcome: Option<String>,
    pub reasons: Option<String>,
    pub last_day: Option<String>,
    pub delivery: Option<String>,
    pub delivery_on: Option<String>,
    /// The hearing's state as the page showed it (`HearingStatus` code): an answer that arrived
    /// since refuses the decision, so nothing is decided on facts the caseworker has not seen.
    pub seen: Option<String>,
}

/// The caseworker decides after the answer or the deadline: the course continues, or a
/// termination decision (reasons, legal basis and complaint guidance from the rules, a last
/// training day, delivered and received as any decision). Bookings after the last day are
/// cancelled by the municipality and never counted against the citizen.
#[server(endpoint = "staff/decide_hearing")]
pub async fn decide_hearing(#[server(flatten)] form: HearingDecisionForm) -> Result<(), AppError> {
    use crate::domain::complaint_guidance::{complaint_guidance, DecisionOutcome, DecisionSubject};
    use crate::domain::decision_delivery::{check_delivery, Delivery, DeliveryInput};
    use crate::domain::hearing::{check_decision, HearingDecision, TerminationInput};
    use crate::domain::hearing_notices::{course_continues, course_ends};
    use crate::domain::time_format::{local_date, local_instant};
    use crate::errors::Problem;
    use crate::ssr::db::{NewDecision, Termination};
    use crate::ssr::request::{self, Ctx};
    let (
        Ctx {
            state,
            viewer,
            lang,
            now,
        },
        slug,
    ) = Ctx::caseworker(Action::DecideHearing).await?;
    AppError::check_texts(
        lang,
        &[(
            "felt-begrundelse",
            form.reasons.as_deref().unwrap_or_default(),
            crate::domain::text_input::LETTER_MAX,
            true,
            ("Begrundelsen", "The reasons"),
        )],
    )?;
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let id: i64 = form
        .hearing
        .trim()
        .parse()
        .map_err(|_| AppError::NotFound)?;
    let h = match state.repo.hearing(id).await? {
        Some(h) if h.municipality == slug => h,
        Some(h) => {
            crate::ssr::request::audit_refused(
                &state,
                Some(viewer.person_id),
                Some(h.citizen_id),
                Action::DecideHearing,
                &format!("hearing {id} of another municipality"),
            )
            .await?;
            return Err(AppError::NotFound);
        }
        None => return Err(AppError::NotFound),
    };
    let seen = form
        .seen
        .as_deref()
        .and_then(crate::domain::hearing::HearingStatus::from_code)
        .unwrap_or(h.status);
    let new_answer = lang.pick(
        "Der er kommet et nyt svar i partshøringen, siden du åbnede siden. Læs det, før du træffer afgørelse.",
        "A new answer to the hearing has arrived since you opened the page. Read it before you decide.",
    );
    if seen != h.status && h.status.is_open() {
        return Err(AppError::invalid(new_answer));
    }
    if !crate::domain::hearing::may_decide(h.status, h.answer_due_at, now) {
        return Err(AppError::invalid(if h.status.is_open() {
            lang.pick(
                "Borgeren har svarfrist endnu. Du kan træffe afgørelse, når borgeren har svaret, eller fristen er udløbet.",
                "The citizen can still answer. You can decide once the citizen has answered or the deadline has passed.",
            )
        } else {
            lang.pick(
                "Partshøringen er allerede afgjort.",
                "The hearing has already been decided.",
            )
        }));
    }
    let text = |o: &Option<String>| o.clone().unwrap_or_default();
    let input = TerminationInput {
        outcome: text(&form.outcome),
        reasons: text(&form.reasons),
        last_day: text(&form.last_day),
    };
    let today = local_date(now);
    let delivery_input = DeliveryInput {
        way: text(&form.delivery),
        on: text(&form.delivery_on),
    };
    let checked = check_decision(&input, today);
    let delivered = check_delivery(&delivery_input, now);
    let mut problems: Vec<Problem> = match &checked {
        Ok(_) => Vec::new(),
        Err(ps) => ps.iter().map(|p| Problem::of_field(lang, *p)).collect(),
    };
    if let (Ok(HearingDecision::Terminate { .. }), Err(p)) = (&checked, &delivered) {
        problems.push(Problem::at(p.field(), p.text(lang)));
    }
    if !problems.is_empty() {
        let draft = super::server::DraftFields {
            input,
            delivery: delivery_input.way,
            delivery_on: delivery_input.on,
        };
        state
            .repo
            .save_hearing_draft(h.id, &serde_json::to_string(&draft)?)
            .await?;
        return Err(AppError::Invalid(problems));
    }
    let person = state
        .repo
        .person(h.citizen_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Whether it was decided; either way the record is written with the change.
    let decided = match checked {
        Ok(HearingDecision::Continue { note }) => {
            let notices = crate::ssr::decisions::case_emails(
                &state,
                &person,
                now,
                |n, to| course_continues(n, to, &m.name),
                |_| None,
            )
            .await?;
            let done = request::record(
                &state,
                Some(viewer.person_id),
                Some(h.citizen_id),
                Action::DecideHearing,
                &format!("hearing {}: the course continues", h.id),
            )
            .of_if(
                &state,
                state
                    .repo
                    .continue_course(h.id, viewer.person_id, now, &note, seen, &notices),
                |done| *done,
            )
            .await?;
            done.then_some(())
        }
        Ok(HearingDecision::Terminate { reasons, last_day }) => {
            let delivery = delivered.unwrap_or(Delivery::Portal(now));
            let course = state
                .repo
                .course(h.course_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let granted = state.repo.decision(course.decision_id).await?;
            let law = granted
                .map(|d| d.legal_basis)
                .unwrap_or_else(|| m.rules.legal_basis.clone());
            let guidance =
                complaint_guidance(m, DecisionSubject::Training, DecisionOutcome::Terminated)
                    .under(&law);
            let cancel_from =
                local_instant(last_day + chrono::Days::new(1), 0, 0).ok_or(AppError::NotFound)?;
            let cancelled: Vec<DateTime<Utc>> = state
                .repo
                .booked_sessions_from(h.citizen_id, cancel_from)
                .await?
                .into_iter()
                .map(|s| s.starts_at)
                .collect();
            let published = matches!(delivery, Delivery::Portal(_));
            // A decision: its SMS form says only that a decision is waiting.
            let notices = crate::ssr::decisions::case_emails(
                &state,
                &person,
                now,
                |n, to| course_ends(n, to, &m.name, last_day, &cancelled, published),
                |own| Some(crate::domain::sms_notices::decision_waiting(own)),
            )
            .await?;
            let decision = NewDecision {
                application_id: None,
                citizen_id: h.citizen_id,
                municipality: slug.clone(),
                outcome: DecisionOutcome::Terminated,
                training_form: course.training_form.clone(),
                place: course.place.clone(),
                sessions_per_week: 0,
                weeks: None,
                start_on: course.starts_on,
                reasons: Some(reasons),
                legal_basis: law,
                decided_by: viewer.person_id,
                decided_at: now,
                complaint_guidance: Some(serde_json::to_string(&guidance)?),
                replaces_decision_id: None,
                delivery,
                transport_outcome: None,
                transport_guidance: None,
                last_day_on: Some(last_day),
            };
            let record = request::record(
                &state,
                Some(viewer.person_id),
                Some(h.citizen_id),
                Action::DecideHearing,
                &format!(
                    "hearing {}: termination decision {}, last day {last_day}, {} bookings cancelled",
                    h.id,
                    request::NEW_ROW,
                    cancelled.len()
                ),
            );
            let termination = Termination {
                hearing: h.id,
                decision,
                last_day,
                cancel_from,
                seen,
            };
            record
                .of_if(
                    &state,
                    state.repo.terminate_course(&termination, &notices),
                    Option::is_some,
                )
                .await?
                .map(|_| ())
        }
        Err(_) => None,
    };
    if decided.is_none() {
        let now_open = state
            .repo
            .hearing(h.id)
            .await?
            .is_some_and(|x| x.status.is_open());
        return Err(AppError::invalid(if now_open {
            new_answer
        } else {
            lang.pick(
                "Partshøringen er allerede afgjort.",
                "The hearing has already been decided.",
            )
        }));
    }
    leptos_axum::redirect(&crate::paths::staff_hearing(h.id));
    Ok(())
}
