//! The retention periods (`PORTAL_RETAIN_*_DAYS`), each a whole number of days.
use super::operations::whole_number;
use super::SettingsError;
use crate::domain::retention::Retention;

/// A right value of every retention setting, for the message when one is wrong.
pub(super) const EXAMPLES: &[(&str, &str)] = &[
    ("PORTAL_RETAIN_SESSIONS_DAYS", "0"),
    ("PORTAL_RETAIN_DRAFTS_DAYS", "90"),
    ("PORTAL_RETAIN_SENT_MESSAGES_DAYS", "30"),
    ("PORTAL_RETAIN_AUDIT_DAYS", "1827"),
    ("PORTAL_RETAIN_CASES_DAYS", "1827"),
];

pub(super) fn read(get: &impl Fn(&str) -> Option<String>) -> Result<Retention, SettingsError> {
    let d = Retention::default();
    // A century is the longest period (a longer one would reach past the calendar's end).
    let days = |variable, default: u32, min| {
        whole_number(get, variable, u64::from(default), (min, 36_500))
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
    };
    Ok(Retention {
        sessions_days: days("PORTAL_RETAIN_SESSIONS_DAYS", d.sessions_days, 0)?,
        drafts_days: days("PORTAL_RETAIN_DRAFTS_DAYS", d.drafts_days, 1)?,
        sent_messages_days: days("PORTAL_RETAIN_SENT_MESSAGES_DAYS", d.sent_messages_days, 0)?,
        // The log must outlive every deadline a citizen can still act on (a complaint's four
        // weeks run from receipt), and the audit of a year's cases: at least a year.
        audit_days: days("PORTAL_RETAIN_AUDIT_DAYS", d.audit_days, 365)?,
        // A case ends long after its decision; still, at least a year after its last event.
        cases_days: days("PORTAL_RETAIN_CASES_DAYS", d.cases_days, 365)?,
    })
}
