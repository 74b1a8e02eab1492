//! How long the portal keeps what it no longer needs (GDPR art. 5(1)(e): no longer than
//! necessary), per kind of record, as the municipality decides under the archives rules; the
//! daily job deletes what is past its period (`ssr::jobs`). Each period counts from the moment
//! the record stopped being needed, never from when it was made: a session from its expiry, a
//! draft from its last change, a sent message from its sending, a log entry from its writing.
//! What is still needed is never a candidate: an unsent message, a draft changed within the
//! period, a live session.
use chrono::{DateTime, Duration, Utc};

/// The retention periods, in days (`PORTAL_RETAIN_*_DAYS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retention {
    /// Sign-in sessions, pending sign-ins and what was typed kept to give back: days after
    /// they expired (default 0: as soon as they expired).
    pub sessions_days: u32,
    /// Caseworkers' decision and complaint drafts, and applications a citizen started but
    /// never sent: days after their last change (default 90).
    pub drafts_days: u32,
    /// Emails sent: days after sending (default 30). Unsent ones are kept until sent.
    pub sent_messages_days: u32,
    /// The audit log (and so Min log and the export): days after each entry (default 1,827,
    /// five years).
    pub audit_days: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            sessions_days: 0,
            drafts_days: 90,
            sent_messages_days: 30,
            audit_days: 1_827,
        }
    }
}

/// The instants before which each kind of record is past its period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cutoffs {
    pub sessions_expired_before: DateTime<Utc>,
    pub drafts_changed_before: DateTime<Utc>,
    pub messages_sent_before: DateTime<Utc>,
    pub audit_written_before: DateTime<Utc>,
}

impl Retention {
    pub fn cutoffs(&self, now: DateTime<Utc>) -> Cutoffs {
        let days = |d: u32| now - Duration::days(i64::from(d));
        Cutoffs {
            sessions_expired_before: days(self.sessions_days),
            drafts_changed_before: days(self.drafts_days),
            messages_sent_before: days(self.sent_messages_days),
            audit_written_before: days(self.audit_days),
        }
    }
}

/// How many records of each kind a run deleted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub sessions: u64,
    pub drafts: u64,
    pub sent_messages: u64,
    pub audit_entries: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_period_counts_back_from_now_in_whole_days() {
        let now = DateTime::parse_from_rfc3339("2026-03-04T05:00:00Z")
            .unwrap()
            .to_utc();
        let c = Retention::default().cutoffs(now);
        assert_eq!(c.sessions_expired_before, now);
        assert_eq!(
            c.drafts_changed_before.to_rfc3339(),
            "2025-12-04T05:00:00+00:00"
        );
        assert_eq!(
            c.messages_sent_before.to_rfc3339(),
            "2026-02-02T05:00:00+00:00"
        );
        // 1,827 days: five years even when two of them are leap years, so here a day more.
        assert_eq!(
            c.audit_written_before.to_rfc3339(),
            "2021-03-03T05:00:00+00:00"
        );
    }
}
