//! The reminder the day before a booked session, with the municipality's cancellation deadline:
//! by email, by SMS or both, as the citizen chose (`ssr::notify`). Written by the jobs loop,
//! each booking's once however many instances run; the outbox's workers send them.
use super::state::AppState;
use crate::domain::lang::Lang;
use crate::domain::time_format::{local_date, local_instant};

/// Reminders are written from this local hour on, so that no text message wakes anyone: an SMS
/// goes out as soon as it is written.
pub const FROM_HOUR: u32 = 9;

/// Writes the reminder for every booked session tomorrow (local time) that has had none, each
/// once however many workers run, from `FROM_HOUR` on; returns how many it wrote.
pub async fn queue_reminders(state: &AppState) -> usize {
    use chrono::Timelike;
    let now = state.clock.now();
    if now.with_timezone(&chrono_tz::Europe::Copenhagen).hour() < FROM_HOUR {
        return 0;
    }
    let tomorrow = local_date(now) + chrono::Days::new(1);
    let (Some(from), Some(until)) = (
        local_instant(tomorrow, 0, 0),
        local_instant(tomorrow + chrono::Days::new(1), 0, 0),
    ) else {
        return 0;
    };
    let due = match state.repo.due_reminders(from, until).await {
        Ok(d) => d,
        Err(e) => {
            tracing::error!(error = %e, "reminders: could not read bookings");
            return 0;
        }
    };
    let mut written = 0;
    for r in due {
        let Some(m) = state.municipalities.get(&r.municipality) else {
            continue;
        };
        let person = match state.repo.person(r.citizen_id).await {
            Ok(p) => p,
            Err(e) => {
                tracing::error!(booking = r.booking_id, error = %e, "reminders: not written");
                continue;
            }
        };
        let rule = m.rules.cancellation.rule;
        let shown =
            crate::domain::deadlines::cancellation_deadline(rule, r.starts_at).map(|d| d.shown);
        let messages = super::notify::notices_to(
            state,
            person.as_ref(),
            now,
            |name, to| {
                crate::domain::notices::session_reminder(
                    name,
                    to,
                    r.starts_at,
                    &r.place,
                    &crate::domain::rules_answers::cancellation_text(Lang::Da, rule, shown),
                    &crate::domain::rules_answers::cancellation_text(Lang::En, rule, shown),
                )
            },
            Some(crate::domain::sms_notices::reminder(r.starts_at, rule)),
        );
        match state
            .repo
            .queue_reminder(r.booking_id, now, &messages)
            .await
        {
            Ok(true) => written += 1,
            Ok(false) => {}
            Err(e) => tracing::error!(booking = r.booking_id, error = %e, "reminders: not written"),
        }
    }
    written
}
