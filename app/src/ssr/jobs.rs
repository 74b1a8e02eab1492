//! What runs by itself: raising tasks from the obligations the rules and workflows create (every
//! round, so a task appears within a minute of what caused it), and the daily job, run once per
//! local day across all instances (the first to claim the day runs it): the review flags that
//! time alone triggers (BRS-18a, an interruption nobody acted on), each caseworker's digest of
//! tasks and clocks due within two hverdage or overdue, and deleting what is past its retention
//! period (`domain::retention`).
use super::cases;
use super::db::{NewEmail, NewReviewFlag};
use super::rules_in_force;
use super::state::AppState;
use crate::domain::case_clocks::{case_clocks, waiting_time_task, ClockState};
use crate::domain::municipality::Municipality;
use crate::domain::provider_cancellation::provider_options;
use crate::domain::tasks::{self, DigestLine, Obligation, TaskStatus, Urgency};
use crate::domain::termination::{evaluate, Attendance, ReviewFlag, SessionOutcome, Trigger};
use crate::domain::time_format::{local_date, local_instant};
use crate::errors::AppError;
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// How far back the job looks for what raises a task (cancellations, unopened decisions).
const LOOK_BACK_DAYS: i64 = 60;
/// The daily job runs from this local hour.
pub const DAILY_FROM_HOUR: u32 = 6;
/// An unfinished daily run older than this may be taken over by another instance.
const STALE_AFTER_MINUTES: i64 = 60;

/// Raises every obligation of every municipality not raised before; returns how many tasks are
/// new. Each is raised once, however often and on however many instances this runs.
pub async fn raise_tasks(state: &AppState) -> Result<u64, AppError> {
    let now = state.clock.now();
    let mut new = 0;
    for slug in state.municipalities.all().iter().map(|m| m.slug.clone()) {
        let m = rules_in_force::municipality(state, &slug).await?;
        let found = obligations(state, &m, now).await?;
        new += state.repo.raise_tasks(&slug, &found, now).await?;
    }
    Ok(new)
}

/// The obligations a municipality has at `now`, from the facts.
pub async fn obligations(
    state: &AppState,
    m: &Municipality,
    now: DateTime<Utc>,
) -> Result<Vec<Obligation>, AppError> {
    let today = local_date(now);
    let since = now - Duration::days(LOOK_BACK_DAYS);
    let slug = m.slug.as_str();
    let mut out = Vec::new();
    if let Some(rule) = &m.rules.absence.reassess_on_discharge {
        for f in state.repo.flag_sources(slug, &rule.rule_id).await? {
            let discharge = serde_json::from_str::<ReviewFlag>(&f.label)
                .ok()
                .and_then(|x| x.since)
                .unwrap_or_else(|| local_date(f.at));
            out.push(tasks::reassess(
                f.id,
                f.citizen_id,
                &rule.rule_id,
                discharge,
                "/personale".into(),
            ));
        }
    }
    if m.rules.service_levels.iter().any(|l| l.tell_waiting_time) {
        let received = state
            .repo
            .applications_received(slug, since - Duration::days(365), now + Duration::days(1))
            .await?;
        for a in &received {
            let facts = cases::facts(a, now);
            let clocks = case_clocks(&m.rules, &facts, today);
            let Some(level) = waiting_time_task(&clocks, &facts) else {
                continue;
            };
            let due = clocks
                .iter()
                .find(|c| std::ptr::eq(c.level, level))
                .and_then(|c| c.due);
            // Raised when the promised day is near (two hverdage) or past: until then a
            // booking may still keep the promise.
            if let Some(due) =
                due.filter(|d| Urgency::of(*d, today, &m.rules.sla_days_off) != Urgency::Later)
            {
                out.push(tasks::waiting_time(
                    a.id,
                    a.citizen_id,
                    &level.rule_id,
                    &a.reference,
                    due,
                    crate::paths::staff_case(&a.reference),
                ));
            }
        }
    }
    let provider = provider_options(m.rules.provider_cancellation.as_ref());
    if provider.must_offer_alternative {
        let rule_id = provider.rule_id.unwrap_or_default();
        for b in state.repo.cancelled_bookings(slug, since).await? {
            out.push(tasks::alternative(
                b.id,
                b.citizen_id,
                &rule_id,
                &b.title,
                b.starts_at,
                b.cancelled_at,
                crate::paths::staff_session(b.session_id),
            ));
        }
    }
    if let Some(rule) = &m.rules.complaint.partial_agreement {
        // The citizen's deadline is the complaint's own clock (the new decision's receipt and
        // four weeks, as her page shows it); raised once it has passed without an answer.
        for r in state.repo.complaints_in(slug).await? {
            if r.status != crate::domain::complaints::Status::AwaitingCitizen {
                continue;
            }
            let f = super::complaints::facts_with(state, &r);
            let deadline = crate::domain::complaints::clocks(m, &f, today)
                .into_iter()
                .filter(|c| c.actor == crate::domain::complaints::Actor::Citizen)
                .find_map(|c| c.due_at);
            if let Some(deadline) = deadline.filter(|d| *d < now) {
                out.push(tasks::partial_answer(
                    r.id,
                    r.citizen_id,
                    &rule.rule_id,
                    &r.reference,
                    deadline,
                    &m.rules.sla_days_off,
                    crate::paths::staff_complaint(&r.reference),
                ));
            }
        }
    }
    for h in state.repo.hearings_awaiting_answer(slug).await? {
        out.push(tasks::hearing_deadline(
            h.id,
            h.citizen_id,
            h.at,
            crate::paths::staff_hearing(h.id),
        ));
    }
    for d in state.repo.unopened_decisions(slug, since).await? {
        let link = if d.label.is_empty() {
            String::new()
        } else {
            crate::paths::staff_case(&d.label)
        };
        out.extend(tasks::unopened(d.id, d.citizen_id, d.at, today, link));
    }
    Ok(out)
}

/// What one daily run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DailyOutcome {
    pub flags_raised: u64,
    pub digests: u64,
    /// What was past its retention period and deleted (`domain::retention`).
    pub purged: crate::domain::retention::Purged,
}

/// Runs the day's job if it is the day's hour and no instance has run it; None when it was not
/// this instance's to run.
pub async fn daily(state: &AppState, instance: &str) -> Result<Option<DailyOutcome>, AppError> {
    let now = state.clock.now();
    let today = local_date(now);
    match local_instant(today, DAILY_FROM_HOUR, 0) {
        Some(from) if now >= from => {}
        _ => return Ok(None),
    }
    let stale = now - Duration::minutes(STALE_AFTER_MINUTES);
    if !state
        .repo
        .claim_daily_run(today, instance, now, stale)
        .await?
    {
        return Ok(None);
    }
    raise_tasks(state).await?;
    let mut run = DailyOutcome::default();
    let mut digests = Vec::new();
    for slug in state.municipalities.all().iter().map(|m| m.slug.clone()) {
        let m = rules_in_force::municipality(state, &slug).await?;
        let (raised, rule_ids) = interruption_flags(state, &m, today, now).await?;
        run.flags_raised += raised;
        // Caseworkers read the digest on working days; a weekend's flags and tasks are in
        // Monday's (or the next hverdag's).
        if crate::domain::calendar::is_hverdag(today, &m.rules.sla_days_off) {
            digests.extend(digests_for(state, &m, today, now, (raised, &rule_ids)).await?);
        }
    }
    run.digests = digests.len() as u64;
    if !state
        .repo
        .finish_daily_run(today, run.flags_raised as i64, &digests, now)
        .await?
    {
        // Another instance took over this run and finished it.
        return Ok(None);
    }
    // After the digests are out: deleting is never a reason for a caseworker to miss them, and
    // what it did not finish today it does tomorrow.
    match state
        .repo
        .purge(&state.settings.retention.cutoffs(now))
        .await
    {
        Ok(purged) => run.purged = purged,
        Err(e) => {
            tracing::error!(error = %e, "retention: not everything past its period was deleted")
        }
    }
    Ok(Some(run))
}

/// BRS-18a by time alone: an interruption still running today that has grown past the rule's
/// days with nobody doing anything (no booking attended, no new notice). An occurrence already
/// flagged, even if resolved since, is not flagged again.
async fn interruption_flags(
    state: &AppState,
    m: &Municipality,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(u64, String), AppError> {
    let rules: Vec<_> = m
        .rules
        .termination
        .iter()
        .filter(|r| matches!(r.trigger, Trigger::Interruption { .. }))
        .cloned()
        .collect();
    if rules.is_empty() {
        return Ok((0, String::new()));
    }
    let rule_ids = rules
        .iter()
        .map(|r| r.rule_id.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let mut new = Vec::new();
    for course in state.repo.courses_in(&m.slug).await? {
        if course.status != crate::domain::states::CourseStatus::Active {
            continue;
        }
        // A session the citizen was booked on that has begun and that the therapist has not
        // marked counts as attended here [INTERP]: a booking kept is training, and the reading
        // that costs the citizen no right flags nothing the record does not show. A no-show is
        // marked, and then counted.
        let mut history = super::courses::history(state, m, course.id).await?;
        let marked: Vec<i64> = state
            .repo
            .course_history(course.id)
            .await?
            .iter()
            .map(|h| h.session_id)
            .collect();
        let from = local_instant(course.starts_on, 0, 0).unwrap_or(now);
        history.extend(
            state
                .repo
                .booked_sessions_from(course.citizen_id, from)
                .await?
                .into_iter()
                .filter(|s| s.starts_at <= now && !marked.contains(&s.id))
                .map(|s| Attendance {
                    date: local_date(s.starts_at),
                    outcome: SessionOutcome::Attended,
                }),
        );
        let raised: Vec<ReviewFlag> = state
            .repo
            .review_flags_of_course(course.id)
            .await?
            .into_iter()
            .filter_map(|f| serde_json::from_str(&f.facts).ok())
            .collect();
        for flag in evaluate(&rules, &history, today) {
            if raised.iter().any(|r| r.same_as(&flag)) {
                continue;
            }
            new.push(NewReviewFlag {
                course_id: course.id,
                rule_id: flag.rule_id.clone(),
                facts: serde_json::to_string(&flag).unwrap_or_default(),
                created_at: now,
            });
        }
    }
    Ok((state.repo.raise_review_flags(&new).await?, rule_ids))
}

/// Each caseworker's digest (visitators and administrators with an email address): the open
/// tasks given to them or to nobody, and the municipality's case and complaint clocks, that are
/// overdue or due within two hverdage.
async fn digests_for(
    state: &AppState,
    m: &Municipality,
    today: NaiveDate,
    now: DateTime<Utc>,
    (flags_raised, flag_rules): (u64, &str),
) -> Result<Vec<NewEmail>, AppError> {
    let days_off = &m.rules.sla_days_off;
    let due = |d: NaiveDate| Some(Urgency::of(d, today, days_off)).filter(|u| *u != Urgency::Later);
    let mut clocks = Vec::new();
    let received = state
        .repo
        .applications_received(
            &m.slug,
            now - Duration::days(3 * 365),
            now + Duration::days(1),
        )
        .await?;
    for a in &received {
        for c in case_clocks(&m.rules, &cases::facts(a, now), today) {
            let open = matches!(c.state, ClockState::DueSoon | ClockState::Overdue);
            if let (true, Some(d)) = (open, c.due) {
                clocks.push(DigestLine {
                    urgency: due(d).unwrap_or(Urgency::Overdue),
                    due: d,
                    what_da: format!("Sag {}: {}", a.reference, c.level.name_da),
                    what_en: format!("Case {}: {}", a.reference, c.level.name_en),
                    rule_id: c.level.rule_id.clone(),
                });
            }
        }
    }
    for r in state.repo.complaints_in(&m.slug).await? {
        let f = super::complaints::facts_with(state, &r);
        for c in crate::domain::complaints::clocks(m, &f, today) {
            let open = matches!(c.state, ClockState::DueSoon | ClockState::Overdue);
            let ours = c.actor == crate::domain::complaints::Actor::Municipality;
            if let (true, true, Some(d)) = (open, ours, c.due) {
                clocks.push(DigestLine {
                    urgency: due(d).unwrap_or(Urgency::Overdue),
                    due: d,
                    what_da: format!("Klage {}: {}", r.reference, c.name_da),
                    what_en: format!("Complaint {}: {}", r.reference, c.name_en),
                    rule_id: c.rule_id.clone(),
                });
            }
        }
    }
    if flags_raised > 0 {
        clocks.push(DigestLine {
            urgency: Urgency::DueSoon,
            due: today,
            what_da: format!("{flags_raised} forløb har mødt en regel om afslutning og skal gennemses (se startsiden)"),
            what_en: format!("{flags_raised} courses have met a rule for ending and are to be reviewed (see the start page)"),
            rule_id: flag_rules.to_string(),
        });
    }
    let open_tasks = state.repo.open_tasks(&m.slug).await?;
    let staff = state.repo.staff_members(&m.slug).await?;
    let link = format!("{}/personale/opgaver", state.settings.base_url);
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for s in staff
        .iter()
        .filter(|s| s.role == "visitator" || s.role == "admin")
    {
        let Some(email) = s.email.clone().filter(|e| !e.is_empty()) else {
            continue;
        };
        if seen.contains(&s.person_id) {
            continue;
        }
        seen.push(s.person_id);
        let mut lines = clocks.clone();
        lines.extend(
            open_tasks
                .iter()
                .filter(|t| t.status == TaskStatus::Open)
                .filter(|t| t.assignee_id.is_none() || t.assignee_id == Some(s.person_id))
                .filter_map(|t| {
                    Some(DigestLine {
                        urgency: due(t.due_on)?,
                        due: t.due_on,
                        what_da: format!(
                            "Opgave {}: {}",
                            t.id,
                            t.kind.label(crate::domain::lang::Lang::Da)
                        ),
                        what_en: format!(
                            "Task {}: {}",
                            t.id,
                            t.kind.label(crate::domain::lang::Lang::En)
                        ),
                        rule_id: t.rule_id.clone(),
                    })
                }),
        );
        if let Some(n) = tasks::digest(&s.name, &m.name, lines, &link) {
            out.push(NewEmail {
                recipient_person_id: Some(s.person_id),
                to_address: email,
                subject: n.subject,
                body_text: n.body,
                created_at: now,
                channel: crate::ssr::db::OutboxChannel::Email,
            });
        }
    }
    Ok(out)
}

/// How often an instance asks whether the day's job is due: it runs within this of 06:00.
const DAILY_CHECK_EVERY: std::time::Duration = std::time::Duration::from_secs(300);

/// Raises tasks and runs the waiting lists (`ssr::waiting_list`) every `every`, and every five
/// minutes looks whether the daily job is due, for as
/// long as the server runs. Failures are logged and tried again next round.
pub fn spawn(state: AppState, every: std::time::Duration, instance: String) {
    tokio::spawn(async move {
        let mut next_daily_check = tokio::time::Instant::now();
        loop {
            if let Err(e) = raise_tasks(&state).await {
                tracing::error!(error = %e, "tasks: not raised");
            }
            // The reminders for tomorrow's sessions (email and SMS), each once.
            crate::ssr::reminders::queue_reminders(&state).await;
            // Offers that ran out pass on; places freed without an offer are offered.
            if let Err(e) = crate::ssr::waiting_list::run(&state).await {
                tracing::error!(error = %e, "waiting lists: not run");
            }
            if tokio::time::Instant::now() >= next_daily_check {
                next_daily_check += DAILY_CHECK_EVERY;
                match daily(&state, &instance).await {
                    Ok(Some(run)) => tracing::info!(
                        flags = run.flags_raised,
                        digests = run.digests,
                        purged_sessions = run.purged.sessions,
                        purged_drafts = run.purged.drafts,
                        purged_sent_messages = run.purged.sent_messages,
                        purged_audit_entries = run.purged.audit_entries,
                        purged_cases = run.purged.cases,
                        purged_service_complaints = run.purged.service_complaints,
                        purged_absences = run.purged.absences,
                        purged_message_threads = run.purged.message_threads,
                        "daily job done"
                    ),
                    Ok(None) => {}
                    Err(e) => tracing::error!(error = %e, "daily job failed"),
                }
            }
            tokio::time::sleep(every).await;
        }
    });
}
