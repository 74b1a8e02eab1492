//! Hearings before a course is ended (partshøring, GEN-2; BRS-18d, FRB-16, VEJ-13). The
//! caseworker starts one from a review flag or a course (`staff.rs`); the citizen or a relative
//! reads the letter and answers here; the caseworker decides after the answer or the deadline:
//! the course continues, or a termination decision with reasons, complaint guidance and a last
//! training day. Nothing ends without that decision.
#[cfg(feature = "ssr")]
use crate::domain::audit::Action;
use crate::domain::hearing::{AnswerChannel, HearingFacts, HearingStatus, TerminationInput};
use crate::errors::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub mod decide;
pub mod staff;

/// A hearing as its letter and its course show it, to the citizen's side and to staff.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HearingView {
    pub id: i64,
    pub citizen_name: String,
    pub municipality_name: String,
    pub status: HearingStatus,
    pub started_at: DateTime<Utc>,
    /// The last second to answer (shown as a local date and time).
    pub answer_due_at: DateTime<Utc>,
    pub facts: HearingFacts,
    /// What the municipality considers, in the caseworker's words.
    pub considered: String,
    pub answer: Option<AnswerView>,
    pub decided_at: Option<DateTime<Utc>>,
    /// The caseworker's note (the course continues) or reasons (it ends).
    pub decision_note: Option<String>,
    /// The termination decision, once made.
    pub decision_id: Option<i64>,
    /// The reader may answer now (the citizen, or a relative with the complain scope, while
    /// the caseworker has not decided).
    pub may_answer: bool,
    /// What staff see and may do.
    pub staff: Option<StaffHearingSide>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerView {
    pub text: String,
    pub at: DateTime<Utc>,
    pub by_name: String,
    pub channel: AnswerChannel,
    /// The staff member who wrote down an answer given by phone.
    pub recorded_by: Option<String>,
    /// Received after the deadline (still taken into account).
    pub late: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffHearingSide {
    /// The answer or the deadline is there: the caseworker may decide.
    pub may_decide: bool,
    /// The viewer may decide and record answers (a caseworker or administrator).
    pub caseworker: bool,
    /// What the caseworker typed when the form had a problem.
    pub draft: TerminationInput,
    pub draft_delivery: String,
    pub draft_delivery_on: String,
    pub today: NaiveDate,
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::*;
    use crate::ssr::db::HearingRecord;
    use crate::ssr::state::AppState;

    async fn name_of(state: &AppState, id: Option<i64>) -> Result<Option<String>, AppError> {
        Ok(match id {
            Some(id) => state.repo.person(id).await?.map(|p| p.name),
            None => None,
        })
    }

    /// The view of a hearing; `staff` with the staff side when the reader is staff.
    pub async fn view_of(
        state: &AppState,
        h: HearingRecord,
        may_answer: bool,
        staff: Option<(bool, DateTime<Utc>)>,
    ) -> Result<HearingView, AppError> {
        let facts: HearingFacts = serde_json::from_str(&h.facts).unwrap_or_default();
        let answer = match (&h.answer, h.answered_at) {
            (Some(text), Some(at)) => Some(AnswerView {
                text: text.clone(),
                at,
                by_name: name_of(state, h.answered_by).await?.unwrap_or_default(),
                channel: h
                    .answer_channel
                    .as_deref()
                    .and_then(AnswerChannel::from_code)
                    .unwrap_or(AnswerChannel::Portal),
                recorded_by: name_of(state, h.recorded_by).await?,
                late: at >= h.answer_due_at + chrono::Duration::seconds(1),
            }),
            _ => None,
        };
        let staff = staff.map(|(caseworker, now)| {
            let draft: Option<DraftFields> = h
                .draft
                .as_deref()
                .and_then(|d| serde_json::from_str(d).ok());
            let draft = draft.unwrap_or_default();
            StaffHearingSide {
                may_decide: caseworker
                    && crate::domain::hearing::may_decide(h.status, h.answer_due_at, now),
                caseworker,
                draft: draft.input,
                draft_delivery: draft.delivery,
                draft_delivery_on: draft.delivery_on,
                today: crate::domain::time_format::local_date(now),
            }
        });
        Ok(HearingView {
            id: h.id,
            citizen_name: h.citizen_name,
            municipality_name: state.municipalities.name_of(&h.municipality),
            status: h.status,
            started_at: h.started_at,
            answer_due_at: h.answer_due_at,
            facts,
            considered: h.considered,
            answer,
            decided_at: h.decided_at,
            decision_note: h.decision_reasons.filter(|r| !r.is_empty()),
            decision_id: h.decision_id,
            may_answer: may_answer && h.status == HearingStatus::AwaitingAnswer,
            staff,
        })
    }

    /// What the decision form held when it had a problem.
    #[derive(Default, Serialize, Deserialize)]
    pub struct DraftFields {
        pub input: TerminationInput,
        pub delivery: String,
        pub delivery_on: String,
    }
}

/// A hearing letter, for the citizen, a relative who may see the case, or the municipality's
/// staff. Anyone else is refused (and logged) as if it did not exist.
#[server(endpoint = "hearings/one")]
pub async fn hearing(id: i64) -> Result<HearingView, AppError> {
    use crate::domain::people::{Scope, StaffRole};
    use crate::ssr::request::{self, Ctx};
    let Ctx {
        state, viewer, now, ..
    } = Ctx::signed_in()?;
    let Some(h) = state.repo.hearing(id).await? else {
        return Err(AppError::NotFound);
    };
    let party = viewer.may(h.citizen_id, Scope::View);
    let all_staff = [StaffRole::Visitator, StaffRole::Therapist, StaffRole::Admin];
    let staff = viewer.is_staff_of(&h.municipality, &all_staff);
    if !party && !staff {
        request::audit_refused(
            &state,
            Some(viewer.person_id),
            Some(h.citizen_id),
            Action::ViewHearing,
            &format!("hearing {id}"),
        )
        .await?;
        return Err(AppError::NotFound);
    }
    request::audit(
        &state,
        Some(viewer.person_id),
        Some(h.citizen_id),
        Action::ViewHearing,
        &format!("hearing {id}"),
    )
    .await?;
    let caseworker = viewer.is_staff_of(&h.municipality, &[StaffRole::Visitator, StaffRole::Admin]);
    let may_answer = viewer.may(h.citizen_id, Scope::Complain);
    server::view_of(
        &state,
        h,
        may_answer,
        (staff && !party).then_some((caseworker, now)),
    )
    .await
}

/// The citizen's (or a relative's) answer in the portal. No reason is required of them, and an
/// answer after the deadline is still taken in while the caseworker has not decided.
#[server(endpoint = "hearings/answer")]
pub async fn answer_hearing(hearing: i64, answer: String) -> Result<(), AppError> {
    use crate::domain::hearing_notices::answer_received;
    use crate::domain::people::Scope;
    use crate::ssr::db::HearingAnswer;
    use crate::ssr::request::{self, Ctx};
    let (
        Ctx {
            state,
            viewer,
            lang,
            now,
        },
        citizen,
    ) = Ctx::citizen(Scope::Complain, Action::AnswerHearing).await?;
    let h = match state.repo.hearing(hearing).await? {
        Some(h) if h.citizen_id == citizen => h,
        // Another citizen's hearing: logged in the log of the citizen it is about.
        Some(h) => {
            request::audit_refused(
                &state,
                Some(viewer.person_id),
                Some(h.citizen_id),
                Action::AnswerHearing,
                &format!("hearing {hearing} of another citizen"),
            )
            .await?;
            return Err(AppError::NotFound);
        }
        None => return Err(AppError::NotFound),
    };
    AppError::check_texts(
        lang,
        &[(
            "felt-svar",
            &answer,
            crate::domain::text_input::TEXT_MAX,
            true,
            ("Dit svar", "Your answer"),
        )],
    )?;
    let text = answer.trim();
    if text.is_empty() {
        return Err(AppError::Invalid(vec![crate::errors::Problem::at(
            "felt-svar",
            lang.pick(
                "Skriv dit svar. Du behøver ikke at svare; vil du ikke svare, kan du lade være.",
                "Write your answer. You do not have to answer; if you do not want to, you can leave it.",
            ),
        )]));
    }
    let person = state
        .repo
        .person(citizen)
        .await?
        .ok_or(AppError::NotFound)?;
    let municipality = state.municipalities.name_of(&h.municipality);
    let notices = crate::ssr::decisions::case_emails(
        &state,
        &person,
        now,
        |name, to| answer_received(name, to, &municipality),
        |_| None,
    )
    .await?;
    let given = HearingAnswer {
        hearing,
        text: text.to_string(),
        by: viewer.person_id,
        channel: AnswerChannel::Portal,
        recorded_by: None,
        at: now,
    };
    let done = request::record(
        &state,
        Some(viewer.person_id),
        Some(citizen),
        Action::AnswerHearing,
        &format!("hearing {hearing}"),
    )
    .of_if(
        &state,
        state.repo.answer_hearing(&given, &notices),
        |done| *done,
    )
    .await?;
    if !done {
        return Err(AppError::invalid(lang.pick(
            "Partshøringen er allerede besvaret eller afgjort.",
            "The hearing has already been answered or decided.",
        )));
    }
    leptos_axum::redirect(&format!("{}?svaret=1", crate::paths::hearing(hearing)));
    Ok(())
}
