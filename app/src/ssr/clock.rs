//! The one source of "now". Everything that needs the time gets it from a `Clock`.
use chrono::{DateTime, Utc};
use std::sync::{Arc, Mutex};
use std::time::Instant;

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

pub type SharedClock = Arc<dyn Clock>;

/// The real time. The only clock in production.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Starts at a chosen instant and runs on from it (development: `PORTAL_NOW`).
pub struct StartedAtClock {
    start: DateTime<Utc>,
    started: Instant,
}

impl StartedAtClock {
    pub fn new(start: DateTime<Utc>) -> Self {
        StartedAtClock {
            start,
            started: Instant::now(),
        }
    }
}

impl Clock for StartedAtClock {
    fn now(&self) -> DateTime<Utc> {
        let elapsed = chrono::Duration::from_std(self.started.elapsed()).unwrap_or_default();
        self.start + elapsed
    }
}

/// Stands still until moved (tests).
pub struct FixedClock(Mutex<DateTime<Utc>>);

impl FixedClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        FixedClock(Mutex::new(at))
    }

    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().expect("clock lock") = at;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().expect("clock lock")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn started_at_clock_runs_on_from_its_start() {
        let start = DateTime::parse_from_rfc3339("2026-03-10T11:59:00Z")
            .unwrap()
            .to_utc();
        let clock = StartedAtClock::new(start);
        let a = clock.now();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let b = clock.now();
        assert!(a >= start && a < start + chrono::Duration::seconds(1));
        assert!(b > a);
    }

    #[test]
    fn fixed_clock_moves_only_when_set() {
        let t = DateTime::parse_from_rfc3339("2026-10-25T00:59:59Z")
            .unwrap()
            .to_utc();
        let clock = FixedClock::new(t);
        assert_eq!(clock.now(), t);
        clock.set(t + chrono::Duration::seconds(1));
        assert_eq!(clock.now(), t + chrono::Duration::seconds(1));
    }
}
