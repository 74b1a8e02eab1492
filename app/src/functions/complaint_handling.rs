//! Complaints, the municipality's side: the inbox with each complaint's clocks (overdue ones
//! flagged), the outcome after re-assessment (full or partial agreement with a new decision, or
//! the decision upheld), the day it was sent to Ankestyrelsen, and the answer to a complaint
//! about the training. Caseworkers (visitator) and administrators of the municipality only.
// A server function's arguments are its form's fields, one by one.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::errors::AppError;
#[cfg(feature = "ssr")]
use crate::ssr::complaints_staff;
use crate::views::complaints::ComplaintSummary;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The municipality's complaints: open ones by the next clock due, overdue ones flagged.
#[server(endpoint = "staff/complaints")]
pub async fn complaint_inbox() -> Result<Vec<ComplaintSummary>, AppError> {
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let (Ctx { state, viewer, .. }, slug) = Ctx::caseworker(Action::ViewComplaintInbox).await?;
    let m = state.municipalities.get(&slug).ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let mut list: Vec<ComplaintSummary> = state
        .repo
        .complaints_in(&slug)
        .await?
        .iter()
        .map(|r| crate::ssr::complaints::summary(m, r, now))
        .collect();
    list.sort_by_key(|s| (s.closed, s.next_by.is_none(), s.next_by, s.submitted_at));
    request::audit(
        &state,
        Some(viewer.person_id),
        None,
        Action::ViewComplaintInbox,
        &slug,
    )
    .await?;
    Ok(list)
}

/// The re-assessment form as sent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReassessmentForm {
    pub outcome: Option<String>,
    pub training_form: Option<String>,
    pub place: Option<String>,
    pub sessions_per_week: Option<String>,
    pub weeks: Option<String>,
    pub start_on: Option<String>,
    pub reasons: Option<String>,
}

/// The outcome of the re-assessment. Full or partial agreement makes a new decision (with
/// complaint guidance from the rules); upheld needs the reasons that go to Ankestyrelsen.
#[server(endpoint = "staff/settle_complaint")]
pub async fn settle_complaint(
    reference: String,
    #[server(flatten)] form: ReassessmentForm,
) -> Result<(), AppError> {
    use crate::domain::complaint_notices::Change;
    use crate::domain::complaints::{due, status, ComplaintOutcome};
    use crate::domain::decision::{check_decision, DecisionInput};
    use crate::domain::lang::Lang;
    use crate::domain::time_format::{local_date, long_date};
    use crate::errors::Problem;
    use crate::ssr::db::ComplaintChange;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let ReassessmentForm {
        outcome,
        training_form,
        place,
        sessions_per_week,
        weeks,
        start_on,
        reasons,
    } = form;
    let (
        Ctx {
            state,
            viewer,
            lang,
            ..
        },
        slug,
    ) = Ctx::caseworker(Action::SettleComplaint).await?;
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
    let r = complaints_staff::complaint_of(
        &state,
        viewer.person_id,
        Action::SettleComplaint,
        &reference,
        &slug,
    )
    .await?;
    let original = match r.decision_id {
        Some(id) => state.repo.decision(id).await?.ok_or(AppError::NotFound)?,
        None => return Err(AppError::NotFound),
    };
    let now = state.clock.now();
    let chosen = outcome.as_deref().and_then(ComplaintOutcome::from_code);
    let input = DecisionInput {
        outcome: chosen
            .and_then(ComplaintOutcome::new_decision)
            .unwrap_or("refused")
            .into(),
        training_form: training_form.unwrap_or_default(),
        place: place.unwrap_or_default(),
        sessions_per_week: sessions_per_week.unwrap_or_default(),
        weeks: weeks.unwrap_or_default(),
        start_on: start_on.unwrap_or_default(),
        reasons: reasons.unwrap_or_default(),
        delivery: Default::default(),
        legal_basis: String::new(),
        transport: String::new(),
    };
    let keep_typed = |problems: Vec<Problem>| async {
        // Kept on the server (the reasons are personal), shown again.
        let mut typed = input.clone();
        typed.outcome = outcome.clone().unwrap_or_default();
        let fields = serde_json::to_string(&typed)?;
        state
            .repo
            .save_complaint_draft(r.id, viewer.person_id, &fields, now)
            .await?;
        Err::<(), AppError>(AppError::Invalid(problems))
    };
    let Some(chosen) = chosen else {
        return keep_typed(vec![Problem::at(
            "felt-resultat",
            lang.pick(
                "Vælg resultatet af genvurderingen.",
                "Choose the outcome of the re-assessment.",
            ),
        )])
        .await;
    };
    let new_decision = match chosen.new_decision() {
        None => {
            if input.reasons.trim().is_empty() {
                return keep_typed(vec![Problem::at(
                    "felt-begrundelse",
                    lang.pick(
                        "Skriv begrundelsen for at fastholde afgørelsen. Den sendes til borgeren og til Ankestyrelsen.",
                        "Write the reasons for upholding the decision. They go to the citizen and to Ankestyrelsen.",
                    ),
                )])
                .await;
            }
            None
        }
        Some(_) => {
            let checked = match check_decision(&input, &m.rules, local_date(now)) {
                Ok(c) => c,
                Err(problems) => {
                    return keep_typed(
                        problems
                            .iter()
                            .map(|p| Problem::at(p.field(), p.text(lang)))
                            .collect(),
                    )
                    .await
                }
            };
            Some(crate::ssr::decisions::new_decision(
                m,
                &checked,
                crate::ssr::decisions::Deciding {
                    application_id: original.application_id,
                    citizen_id: r.citizen_id,
                    decided_by: viewer.person_id,
                    decided_at: now,
                    replaces_decision_id: Some(original.id),
                    // Published in the portal, where the citizen answers it.
                    delivery: crate::domain::decision_delivery::Delivery::Portal(now),
                    legal_basis: crate::domain::legal_basis::LegalBasis::of_law(
                        &original.legal_basis,
                    ),
                    // The complaint is about the training: the transport part carries on.
                    transport: original
                        .transport_outcome
                        .as_deref()
                        .and_then(crate::domain::complaint_guidance::DecisionOutcome::from_code),
                },
            )?)
        }
    };
    let mut f = crate::ssr::complaints::facts(&r);
    f.outcome = Some((chosen, now));
    let forward_due = due(m, &f, local_date(now), "forward");
    let change = match chosen {
        ComplaintOutcome::Full => Change {
            da: format!("{} giver dig medhold i klagen og har truffet en ny afgørelse. Du kan læse den i Træningsportalen.", m.name),
            en: format!("{} agrees with your complaint and has made a new decision. You can read it in Træningsportalen.", m.name),
        },
        ComplaintOutcome::Partial if f.maintain_step => Change {
            da: format!("{} giver dig delvist medhold og har truffet en ny afgørelse. Den er lagt i Træningsportalen i dag, og fra i dag har du 4 uger til at sige, om du fastholder klagen. Fastholder du den, sendes den til Ankestyrelsen.", m.name),
            en: format!("{} agrees with your complaint in part and has made a new decision. It is in Træningsportalen from today, and from today you have 4 weeks to say whether you maintain the complaint. If you do, it is sent to Ankestyrelsen.", m.name),
        },
        // The law's fallback (no maintain step in the standard): what was not agreed to goes on.
        ComplaintOutcome::Partial => Change {
            da: format!(
                "{} giver dig delvist medhold og har truffet en ny afgørelse, som er lagt i Træningsportalen. Den del af klagen, du ikke fik medhold i, sender kommunen til Ankestyrelsen{}. Du behøver ikke gøre noget; er du tilfreds med den nye afgørelse, kan du trække klagen tilbage.",
                m.name,
                forward_due.map(|d| format!(" senest {}", long_date(Lang::Da, d))).unwrap_or_default()
            ),
            en: format!(
                "{} agrees with your complaint in part and has made a new decision, which is in Træningsportalen. The municipality sends the part of the complaint you were not given your way on to Ankestyrelsen{}. You need not do anything; if you are satisfied with the new decision, you can withdraw the complaint.",
                m.name,
                forward_due.map(|d| format!(" by {}", long_date(Lang::En, d))).unwrap_or_default()
            ),
        },
        ComplaintOutcome::Upheld => Change {
            da: format!(
                "{} har vurderet afgørelsen igen og fastholder den. Kommunen sender din klage til Ankestyrelsen{}.",
                m.name,
                forward_due.map(|d| format!(" senest {}", long_date(Lang::Da, d))).unwrap_or_default()
            ),
            en: format!(
                "{} has looked at the decision again and upholds it. The municipality sends your complaint to Ankestyrelsen{}.",
                m.name,
                forward_due.map(|d| format!(" by {}", long_date(Lang::En, d))).unwrap_or_default()
            ),
        },
    };
    let made = crate::ssr::complaints::change(
        &state,
        &r,
        &change,
        ComplaintChange {
            expected_status: crate::domain::complaints::Status::Received,
            status: status(&f),
            at: now,
            by: viewer.person_id,
            event: format!("outcome_{}", chosen.code()),
            note: String::new(),
            outcome: Some(chosen),
            reassessment: Some(input.reasons.trim().to_string()).filter(|t| !t.is_empty()),
            new_decision,
            forward_due_on: forward_due,
            ..Default::default()
        },
    );
    let done = request::record(
        &state,
        Some(viewer.person_id),
        Some(r.citizen_id),
        Action::SettleComplaint,
        &format!("complaint {reference}: {}", chosen.code()),
    )
    .of_if(&state, made, |done| *done)
    .await?;
    if !done {
        return Err(AppError::invalid(lang.pick(
            "Klagen er allerede afgjort.",
            "The complaint has already been settled.",
        )));
    }
    leptos_axum::redirect(&crate::paths::staff_complaint(&reference));
    Ok(())
}

/// Records the day the complaint was sent to Ankestyrelsen (today or earlier, not before it
/// could be sent).
#[server(endpoint = "staff/forward_complaint")]
pub async fn record_forwarding(
    reference: String,
    forwarded_on: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::complaint_notices::Change;
    use crate::domain::complaints::{status, Status};
    use crate::domain::lang::Lang;
    use crate::domain::time_format::{local_date, long_date, parse_day};
    use crate::errors::Problem;
    use crate::ssr::db::ComplaintChange;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let (
        Ctx {
            state,
            viewer,
            lang,
            ..
        },
        slug,
    ) = Ctx::caseworker(Action::ForwardComplaint).await?;
    let r = complaints_staff::complaint_of(
        &state,
        viewer.person_id,
        Action::ForwardComplaint,
        &reference,
        &slug,
    )
    .await?;
    let now = state.clock.now();
    let today = local_date(now);
    let earliest = r
        .maintained_at
        .or(r.outcome_at)
        .map(local_date)
        .unwrap_or(today);
    let day = match forwarded_on.as_deref().map(str::trim).and_then(parse_day) {
        None => Err(lang.pick(
            "Skriv datoen, klagen blev sendt til Ankestyrelsen, som dd-mm-åååå.",
            "Write the date the complaint was sent to Ankestyrelsen, as dd-mm-yyyy.",
        )),
        Some(d) if d > today => Err(lang.pick(
            "Datoen kan ikke ligge efter i dag.",
            "The date cannot be after today.",
        )),
        Some(d) if d < earliest => Err(lang.pick(
            "Datoen kan ikke ligge før genvurderingen eller borgerens svar.",
            "The date cannot be before the re-assessment or the citizen's answer.",
        )),
        Some(d) => Ok(d),
    }
    .map_err(|text| AppError::Invalid(vec![Problem::at("felt-sendt", text)]))?;
    let mut f = crate::ssr::complaints::facts(&r);
    f.forwarded_on = Some(day);
    let change = Change {
        da: format!(
            "Klagen blev sendt til Ankestyrelsen {}. Ankestyrelsen behandler den nu og skriver direkte til dig.",
            long_date(Lang::Da, day)
        ),
        en: format!(
            "The complaint was sent to Ankestyrelsen on {}. Ankestyrelsen now handles it and writes to you directly.",
            long_date(Lang::En, day)
        ),
    };
    let made = crate::ssr::complaints::change(
        &state,
        &r,
        &change,
        ComplaintChange {
            expected_status: Status::ToForward,
            status: status(&f),
            at: now,
            by: viewer.person_id,
            event: "forwarded".into(),
            note: day.to_string(),
            forwarded_on: Some(day),
            ..Default::default()
        },
    );
    let done = request::record(
        &state,
        Some(viewer.person_id),
        Some(r.citizen_id),
        Action::ForwardComplaint,
        &format!("complaint {reference}: sent to Ankestyrelsen on {day}"),
    )
    .of_if(&state, made, |done| *done)
    .await?;
    if !done {
        return Err(AppError::invalid(lang.pick(
            "Klagen venter ikke på at blive sendt til Ankestyrelsen.",
            "The complaint is not waiting to be sent to Ankestyrelsen.",
        )));
    }
    leptos_axum::redirect(&crate::paths::staff_complaint(&reference));
    Ok(())
}

/// The unit's answer to a complaint about the training or the staff, sent to the citizen.
#[server(endpoint = "staff/answer_complaint")]
pub async fn answer_service_complaint(
    reference: String,
    answer: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::complaint_notices::Change;
    use crate::domain::complaints::Status;
    use crate::errors::Problem;
    use crate::ssr::db::ComplaintChange;
    use crate::ssr::request;
    use crate::ssr::request::Ctx;
    let (
        Ctx {
            state,
            viewer,
            lang,
            ..
        },
        slug,
    ) = Ctx::caseworker(Action::AnswerServiceComplaint).await?;
    AppError::check_texts(
        lang,
        &[(
            "felt-svar",
            answer.as_deref().unwrap_or_default(),
            crate::domain::text_input::LETTER_MAX,
            true,
            ("Svaret", "The answer"),
        )],
    )?;
    let r = complaints_staff::complaint_of(
        &state,
        viewer.person_id,
        Action::AnswerServiceComplaint,
        &reference,
        &slug,
    )
    .await?;
    if r.kind != crate::domain::complaints::Kind::Service {
        return Err(AppError::NotFound);
    }
    let answer = answer.unwrap_or_default().trim().to_string();
    if answer.is_empty() {
        return Err(AppError::Invalid(vec![Problem::at(
            "felt-svar",
            lang.pick(
                "Skriv svaret til borgeren.",
                "Write the answer to the citizen.",
            ),
        )]));
    }
    let now = state.clock.now();
    let change = Change {
        da: format!(
            "{} har svaret på din klage over træningen. Du kan læse svaret i Træningsportalen.",
            r.route
        ),
        en: format!(
            "{} has answered your complaint about the training. You can read the answer in Træningsportalen.",
            r.route
        ),
    };
    let made = crate::ssr::complaints::change(
        &state,
        &r,
        &change,
        ComplaintChange {
            expected_status: Status::Received,
            status: Status::Answered,
            at: now,
            by: viewer.person_id,
            event: "answered".into(),
            answer: Some(answer),
            ..Default::default()
        },
    );
    let done = request::record(
        &state,
        Some(viewer.person_id),
        Some(r.citizen_id),
        Action::AnswerServiceComplaint,
        &format!("complaint {reference}"),
    )
    .of_if(&state, made, |done| *done)
    .await?;
    if !done {
        return Err(AppError::invalid(lang.pick(
            "Klagen er allerede besvaret.",
            "The complaint has already been answered.",
        )));
    }
    leptos_axum::redirect(&crate::paths::staff_complaint(&reference));
    Ok(())
}
