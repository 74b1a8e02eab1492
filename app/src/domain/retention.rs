//! How long the portal keeps what it no longer needs (GDPR art. 5(1)(e): no longer than
//! necessary), per kind of record, as the municipality decides under the archives rules; the
//! daily job deletes what is past its period (`ssr::jobs`). Each period counts from the moment
//! the record stopped being needed, never from when it was made: a session from its expiry, a
//! draft from its last change, a sent message from its sending, a log entry from its writing.
//! What is still needed is never a candidate: an unsent message, a draft changed within the
//! period, a live session.
//!
//! A case (a decision with its course, bookings, attendance, review flags, hearings, complaints
//! and the tasks about them) counts from when the last of it ended, and goes as a whole (see
//! [`Retention::cases_days`]). Where the rules leave it open, the reading that costs the citizen
//! no right is taken: a case is kept while anything in it can still be acted on.
use crate::domain::time_format::local_date;
use chrono::{DateTime, Duration, NaiveDate, Utc};

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
    /// Cases: days after the last thing in the case happened (default 1,827, five years, the
    /// period the municipalities' archives rules give case files under serviceloven). A
    /// decision goes with everything hanging on it only when all of these are past the period:
    /// it was made and became available to the citizen (so the complaint deadline, which runs
    /// from availability, ended long ago; a decision never made available is kept); every
    /// course on it had its last day and no session booked on it is later; no hearing is
    /// waiting for an answer or a decision; every complaint about it, or that led to it, is
    /// finished (closed or answered; one with Ankestyrelsen is kept, as Ankestyrelsen may send
    /// it back); no task about any of it is open; and no newer decision replacing it is kept.
    /// A service complaint goes when finished and past the period; a registered absence when
    /// it ended before the period and no kept booking names it.
    pub cases_days: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            sessions_days: 0,
            drafts_days: 90,
            sent_messages_days: 30,
            audit_days: 1_827,
            cases_days: 1_827,
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
    /// Cases whose last event was before this instant ...
    pub cases_ended_before: DateTime<Utc>,
    /// ... and whose last day (a course's, an absence's) was before this local date (the
    /// Copenhagen date of that instant).
    pub cases_ended_before_day: NaiveDate,
}

impl Retention {
    pub fn cutoffs(&self, now: DateTime<Utc>) -> Cutoffs {
        let days = |d: u32| now - Duration::days(i64::from(d));
        Cutoffs {
            sessions_expired_before: days(self.sessions_days),
            drafts_changed_before: days(self.drafts_days),
            messages_sent_before: days(self.sent_messages_days),
            audit_written_before: days(self.audit_days),
            cases_ended_before: days(self.cases_days),
            cases_ended_before_day: local_date(days(self.cases_days)),
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
    /// Decisions deleted with their case.
    pub cases: u64,
    /// Finished service complaints (about the training, not a decision).
    pub service_complaints: u64,
    /// Registered absences (a hospital stay, an illness).
    pub absences: u64,
    /// Message threads with the training unit, with their messages.
    pub message_threads: u64,
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
        assert_eq!(c.cases_ended_before, c.audit_written_before);
    }

    #[test]
    fn the_last_day_of_a_case_is_the_copenhagen_date_of_its_cutoff() {
        // The cutoff, 23:30 UTC on 4 March, is already 5 March in Copenhagen: a course whose
        // last day was 4 March had ended by then (a last day < 5 March); one ending 5 March
        // had not.
        let now = DateTime::parse_from_rfc3339("2031-03-04T23:30:00Z")
            .unwrap()
            .to_utc();
        let c = Retention {
            cases_days: 365,
            ..Retention::default()
        }
        .cutoffs(now);
        assert_eq!(
            c.cases_ended_before.to_rfc3339(),
            "2030-03-04T23:30:00+00:00"
        );
        assert_eq!(
            c.cases_ended_before_day,
            NaiveDate::from_ymd_opt(2030, 3, 5).unwrap()
        );
    }
}
