//! A municipality's rules as in force now: its file, with what its administrator has set in the
//! portal (the closure weeks a standard leaves to each year, SAM-21). Read per request, so a
//! change holds at once on every instance.
use crate::domain::municipality::Municipality;
use crate::domain::opening_hours::HoursChange;
use crate::errors::AppError;
use crate::ssr::db::{ClosureWeeksRecord, PhoneHoursChangeRecord};
use crate::ssr::state::AppState;

pub async fn municipality(state: &AppState, slug: &str) -> Result<Municipality, AppError> {
    let mut m = state
        .municipalities
        .get(slug)
        .ok_or(AppError::NotFound)?
        .clone();
    let set = state.repo.closure_weeks_of(slug).await?;
    with_closure_weeks(&mut m, &set);
    let changes = state.repo.phone_hours_changes_of(slug).await?;
    with_phone_hours_changes(&mut m, &changes);
    Ok(m)
}

/// Puts the changes to phone hours (newest first) on the contacts whose hours they change, in
/// the order set (the newest covering a day holds).
pub fn with_phone_hours_changes(m: &mut Municipality, set: &[PhoneHoursChangeRecord]) {
    for hours in m.contacts.iter_mut().filter_map(|c| c.hours.as_mut()) {
        hours.changes = set
            .iter()
            .rev()
            .filter(|r| r.rule_id == hours.rule_id)
            .filter_map(|r| {
                // Written by the portal from checked input; a row that cannot be read changes
                // nothing rather than closing the phone.
                let open = serde_json::from_str(&r.hours)
                    .map_err(|e| tracing::error!(rule = %r.rule_id, error = %e, "phone hours change not read"))
                    .ok()?;
                Some(HoursChange {
                    from: r.from_on,
                    to: r.to_on,
                    open,
                    note: r.note.clone(),
                })
            })
            .collect();
    }
}

/// Puts the weeks set (newest first) into the closures they belong to; the newest per rule and
/// year is in force, over the file's.
pub fn with_closure_weeks(m: &mut Municipality, set: &[ClosureWeeksRecord]) {
    for c in m.rules.booking.closures.iter_mut() {
        let Some(p) = c.per_year.as_mut() else {
            continue;
        };
        for r in set.iter().rev().filter(|r| r.rule_id == c.rule_id) {
            p.weeks.insert(r.year.to_string(), r.week_numbers());
        }
    }
}

/// The message the municipality shows on its pages now, if any.
pub async fn message(state: &AppState, slug: &str) -> Result<Option<String>, AppError> {
    Ok(state
        .repo
        .messages_of(slug)
        .await?
        .into_iter()
        .next()
        .map(|m| m.text)
        .filter(|t| !t.trim().is_empty()))
}
