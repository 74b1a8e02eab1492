//! Complaints as the citizen and staff features share them: facts for the rules, summaries,
//! changes with their emails.
use crate::domain::case_clocks::ClockState;
use crate::domain::complaint_notices::{complaint_update, Change};
use crate::domain::complaints::{self as c, Actor, ComplaintOutcome, Facts, Topic};
use crate::domain::lang::Lang;
use crate::domain::municipality::{Contact, Municipality};
use crate::domain::time_format::local_date;
use crate::errors::AppError;
use crate::ssr::db::{ComplaintRecord, NewEmail};
use crate::ssr::state::AppState;
use crate::views::complaints::*;
use chrono::{DateTime, NaiveDate, Utc};

pub fn route_view(contact: Option<&Contact>, m: &Municipality) -> RouteView {
    match contact {
        Some(c) => RouteView {
            unit: c.unit.clone(),
            ways: [c.phone.as_deref(), c.email.as_deref(), c.address.as_deref()]
                .into_iter()
                .flatten()
                .map(str::to_string)
                .collect(),
            web: c.web.clone(),
        },
        None => RouteView {
            unit: m.name.clone(),
            ways: vec![],
            web: None,
        },
    }
}

pub fn facts(r: &ComplaintRecord) -> Facts {
    facts_with(&crate::ssr::request::state(), r)
}

/// As [`facts`], with the state given (outside a page or server function: a file download).
pub fn facts_with(state: &AppState, r: &ComplaintRecord) -> Facts {
    Facts {
        kind: r.kind,
        received_at: r.submitted_at,
        outcome: r
            .outcome
            .as_deref()
            .and_then(ComplaintOutcome::from_code)
            .zip(r.outcome_at),
        new_decision_received: r.new_decision_delivery.as_deref().and_then(|code| {
            let delivery = crate::domain::decision_delivery::Delivery::from_parts(
                code,
                r.new_decision_available_at,
                r.new_decision_delivered_on,
            )?;
            let presume = state.settings.postal_receipt_presumption;
            Some(delivery.receipt_day(presume))
        }),
        maintained_at: r.maintained_at,
        withdrawn_at: r.withdrawn_at,
        forwarded_on: r.forwarded_on,
        answered_at: r.answered_at,
        maintain_step: state
            .municipalities
            .get(&r.municipality)
            .is_some_and(|m| m.rules.complaint.partial_agreement.is_some()),
    }
}

pub fn actor_label(a: Actor, lang: Lang) -> String {
    match a {
        Actor::Municipality => lang.pick("Kommunen", "The municipality"),
        Actor::Citizen => lang.pick("Du", "You"),
    }
    .into()
}

fn event_text(kind: &str, lang: Lang) -> String {
    match kind {
        "received" => lang.pick("Klagen er modtaget", "The complaint was received"),
        "outcome_full" => lang.pick(
            "Kommunen gav fuldt medhold og traf en ny afgørelse",
            "The municipality agreed in full and made a new decision",
        ),
        "outcome_partial" => lang.pick(
            "Kommunen gav delvist medhold og traf en ny afgørelse",
            "The municipality agreed in part and made a new decision",
        ),
        "outcome_upheld" => lang.pick(
            "Kommunen fastholdt afgørelsen",
            "The municipality upheld the decision",
        ),
        "maintained" => lang.pick("Klagen blev fastholdt", "The complaint was maintained"),
        "withdrawn" => lang.pick("Klagen blev trukket tilbage", "The complaint was withdrawn"),
        "forwarded" => lang.pick(
            "Klagen blev sendt til Ankestyrelsen",
            "The complaint was sent to Ankestyrelsen",
        ),
        "answered" => lang.pick(
            "Kommunen svarede på klagen",
            "The municipality answered the complaint",
        ),
        other => other,
    }
    .into()
}

pub fn summary(m: &Municipality, r: &ComplaintRecord, now: DateTime<Utc>) -> ComplaintSummary {
    let f = facts(r);
    let today = local_date(now);
    let clocks = c::clocks(m, &f, today);
    let status = c::status(&f);
    ComplaintSummary {
        reference: r.reference.clone(),
        kind: r.kind,
        submitted_at: r.submitted_at,
        status_label_da: status.label(Lang::Da).into(),
        status_label_en: status.label(Lang::En).into(),
        next_by: c::next_step(m, &f, today).by,
        citizen_name: r.citizen_name.clone(),
        possibly_late: r.possibly_late,
        overdue_da: overdue(&clocks, Lang::Da),
        overdue_en: overdue(&clocks, Lang::En),
        due_soon: clocks.iter().any(|k| k.state == ClockState::DueSoon),
        closed: matches!(
            status,
            c::Status::Closed | c::Status::Answered | c::Status::Forwarded
        ),
    }
}

/// Open clocks past their day, in words (the staff inbox).
fn overdue(clocks: &[c::ComplaintClock], lang: Lang) -> Vec<String> {
    clocks
        .iter()
        .filter(|k| k.state == ClockState::Overdue)
        .map(|k| match k.actor {
            // T25: nothing closes by itself; the caseworker follows up.
            Actor::Citizen => lang
                .pick(
                    "Borgeren har ikke svaret, om klagen fastholdes – følg op",
                    "The citizen has not said whether the complaint is maintained – follow up",
                )
                .to_string(),
            Actor::Municipality => k.name(lang).to_string(),
        })
        .collect()
}

/// The day a "forwarded" step records: the complaint's forwarding day.
fn forwarded_day(event: &str, r: &ComplaintRecord) -> Option<NaiveDate> {
    (event == "forwarded").then_some(r.forwarded_on).flatten()
}

/// A stored note in a language: a date is stored as such and shown in the reader's language.
fn note_in(note: &str, lang: Lang) -> String {
    match note.parse::<NaiveDate>() {
        Ok(day) => crate::domain::time_format::long_date(lang, day),
        Err(_) => note.to_string(),
    }
}

/// The view of one complaint; `staff` is filled for staff of its municipality.
pub async fn view(
    state: &AppState,
    m: &Municipality,
    r: &ComplaintRecord,
    may_answer_scope: bool,
    staff: Option<StaffSide>,
) -> Result<ComplaintView, AppError> {
    let now = state.clock.now();
    let today = local_date(now);
    let f = facts(r);
    let status = c::status(&f);
    let clocks = c::clocks(m, &f, today);
    let next = c::next_step(m, &f, today);
    let maintain_deadline = clocks
        .iter()
        .find(|k| k.id == "maintain")
        .and_then(|k| k.due_at);
    let events = state
        .repo
        .complaint_events(r.id)
        .await?
        .into_iter()
        .map(|e| {
            // The day a complaint was forwarded is the complaint's own fact; older rows kept it
            // in the note as text in the caseworker's language.
            let note = forwarded_day(&e.kind, r).map_or(e.note, |d| d.to_string());
            EventView {
                at: e.at,
                who: e.actor_name,
                text_da: event_text(&e.kind, Lang::Da),
                text_en: event_text(&e.kind, Lang::En),
                note_da: note_in(&note, Lang::Da),
                note_en: note_in(&note, Lang::En),
            }
        })
        .collect();
    let outcome = f.outcome.map(|(o, _)| o);
    let topic = r.topic.as_deref().and_then(Topic::from_code);
    Ok(ComplaintView {
        reference: r.reference.clone(),
        kind: r.kind,
        topic_da: topic.map(|t| t.label(Lang::Da).into()),
        topic_en: topic.map(|t| t.label(Lang::En).into()),
        body: r.body.clone(),
        route: r.route.clone(),
        citizen_name: r.citizen_name.clone(),
        municipality_name: m.name.clone(),
        submitted_at: r.submitted_at,
        decision_id: r.decision_id,
        deadline: r.deadline_at,
        possibly_late: r.possibly_late,
        status,
        status_label_da: status.label(Lang::Da).into(),
        status_label_en: status.label(Lang::En).into(),
        outcome: outcome.map(|o| o.code().into()),
        outcome_label_da: outcome.map(|o| o.label(Lang::Da).into()),
        outcome_label_en: outcome.map(|o| o.label(Lang::En).into()),
        reassessment: r.reassessment.clone(),
        answer: r.answer.clone(),
        new_decision_id: r.new_decision_id,
        forwarded_on: r.forwarded_on,
        events,
        clocks: clocks
            .iter()
            .map(|k| crate::views::clocks::ClockView {
                name_da: k.name_da.clone(),
                name_en: k.name_en.clone(),
                rule_id: k.rule_id.clone(),
                due: k.due,
                state: crate::ssr::cases::state_code(k.state).into(),
                state_da: k.state.label(Lang::Da).into(),
                state_en: k.state.label(Lang::En).into(),
                soft: false,
                met: None,
            })
            .collect(),
        next_actor_da: next.actor.map(|a| actor_label(a, Lang::Da)),
        next_actor_en: next.actor.map(|a| actor_label(a, Lang::En)),
        next_text_da: next.text_da,
        next_text_en: next.text_en,
        next_by: next.by,
        may_answer: may_answer_scope
            && status == c::Status::AwaitingCitizen
            && f.new_decision_received.is_some(),
        may_withdraw: may_answer_scope && c::may_withdraw(&f),
        maintain_deadline,
        emailed: state
            .repo
            .person(r.citizen_id)
            .await?
            .is_some_and(|p| p.email.is_some()),
        staff,
    })
}

/// The emails about a change: to the citizen, and to the relative who made the complaint.
pub async fn emails(
    state: &AppState,
    citizen_id: i64,
    submitted_by: i64,
    reference: &str,
    change: &Change,
    now: DateTime<Utc>,
) -> Result<Vec<NewEmail>, AppError> {
    let mut out = vec![];
    let citizen = state.repo.person(citizen_id).await?;
    let mut people = vec![(citizen.clone(), None)];
    // The relative who complained, while their power still lets them see the case.
    let still_holds = submitted_by != citizen_id
        && state
            .repo
            .valid_powers_held_by(submitted_by, local_date(now))
            .await?
            .iter()
            .any(|p| p.citizen_id == citizen_id && p.scopes.view);
    if still_holds {
        let citizen_name = citizen.as_ref().map(|p| p.name.clone());
        people.push((state.repo.person(submitted_by).await?, citizen_name));
    }
    for (person, on_behalf_of) in people {
        if let Some(e) = crate::ssr::courses::email_to(state, person.as_ref(), now, |name, to| {
            complaint_update(name, to, reference, on_behalf_of.as_deref(), change)
        }) {
            out.push(e);
        }
    }
    Ok(out)
}

/// A complaint the viewer may see: the party (view scope), or staff of its municipality
/// (`staff_roles`). Anyone else is refused and logged, and told it was not found.
pub async fn complaint_for(
    reference: &str,
    action: crate::domain::audit::Action,
) -> Result<(crate::ssr::request::Ctx, ComplaintRecord), AppError> {
    use crate::domain::people::{Scope, StaffRole};
    use crate::ssr::request;
    let cx = request::Ctx::signed_in()?;
    let (state, viewer) = (&cx.state, &cx.viewer);
    let Some(r) = state.repo.complaint_by_reference(reference).await? else {
        return Err(AppError::NotFound);
    };
    let party = viewer.may(r.citizen_id, Scope::View);
    let staff = viewer.is_staff_of(&r.municipality, &[StaffRole::Visitator, StaffRole::Admin]);
    if !party && !staff {
        request::audit_refused(
            state,
            Some(viewer.person_id),
            Some(r.citizen_id),
            action,
            &format!("complaint {reference}"),
        )
        .await?;
        return Err(AppError::NotFound);
    }
    Ok((cx, r))
}

/// Applies a change with its emails in one transaction; false when the complaint is no
/// longer in the state the change expects.
pub async fn change(
    state: &AppState,
    r: &ComplaintRecord,
    words: &Change,
    change: crate::ssr::db::ComplaintChange,
) -> Result<bool, AppError> {
    let emails = emails(
        state,
        r.citizen_id,
        r.submitted_by,
        &r.reference,
        words,
        change.at,
    )
    .await?;
    Ok(state.repo.change_complaint(r.id, &change, &emails).await?)
}

/// A decision of the citizen the viewer acts for; another's is refused, logged, not found.
pub async fn decision_of(
    state: &AppState,
    viewer: &crate::domain::people::Viewer,
    citizen: i64,
    decision: i64,
    action: crate::domain::audit::Action,
) -> Result<crate::ssr::db::DecisionRecord, AppError> {
    match state.repo.decision(decision).await? {
        Some(d) if d.citizen_id == citizen => Ok(d),
        other => {
            crate::ssr::request::audit_refused(
                state,
                Some(viewer.person_id),
                other.map(|d| d.citizen_id),
                action,
                &format!("decision {decision}"),
            )
            .await?;
            Err(AppError::NotFound)
        }
    }
}

/// The complaint deadline of a decision, counted from its receipt (how it was delivered,
/// CAL-8); opening the decision or the complaint form moves nothing.
pub fn deadline_of(
    state: &AppState,
    d: &crate::ssr::db::DecisionRecord,
    weeks: u32,
) -> crate::domain::deadlines::Deadline {
    d.delivery()
        .complaint_deadline(weeks, state.settings.postal_receipt_presumption)
}

/// The complaint a decision answers in part, while it is not withdrawn: the citizen
/// maintains that one rather than starting another (BRS-26).
pub async fn answered_complaint(
    state: &AppState,
    d: &crate::ssr::db::DecisionRecord,
) -> Result<Option<ComplaintRecord>, AppError> {
    let Some(old) = d.replaces_decision_id else {
        return Ok(None);
    };
    Ok(state.repo.live_complaint_about(old).await?.filter(|c| {
        c.new_decision_id == Some(d.id)
            && c.outcome.as_deref().and_then(ComplaintOutcome::from_code)
                == Some(ComplaintOutcome::Partial)
    }))
}

/// The municipality the citizen trains with (their course), or their home municipality.
pub async fn citizen_municipality(
    state: &AppState,
    citizen: i64,
) -> Result<(crate::ssr::db::Person, Municipality), AppError> {
    let person = state
        .repo
        .person(citizen)
        .await?
        .ok_or(AppError::NotFound)?;
    let course = state.repo.current_course(citizen).await?;
    let slug = course
        .map(|c| c.municipality)
        .or_else(|| person.home_municipality.clone());
    let m = slug
        .as_deref()
        .and_then(|s| state.municipalities.get(s))
        .ok_or(AppError::NotFound)?
        .clone();
    Ok((person, m))
}

/// A complaint's text: at most 5,000 characters, said at the field, and no hidden characters
/// (`domain::text_input`).
pub fn check_length(lang: Lang, text: &str) -> Result<(), AppError> {
    if crate::domain::text_input::check(text, usize::MAX, true).is_some() {
        return Err(AppError::check_texts(
            lang,
            &[(
                "felt-klage",
                text,
                usize::MAX,
                true,
                ("Teksten", "The text"),
            )],
        )
        .unwrap_err());
    }
    if text.chars().count() > 5000 {
        return Err(AppError::Invalid(vec![crate::errors::Problem::at(
            "felt-klage",
            lang.pick(
                "Teksten er for lang. Skriv højst 5.000 tegn, eller ring til kommunen.",
                "The text is too long. Write at most 5,000 characters, or phone the municipality.",
            ),
        )]));
    }
    Ok(())
}

pub fn new_reference() -> String {
    let mut random = [0u8; 8];
    rand::RngCore::fill_bytes(&mut rand::thread_rng(), &mut random);
    c::reference(random)
}
