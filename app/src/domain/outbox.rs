//! When an email that could not be sent is tried again: soon at first, then less often, never
//! given up (a message in the outbox is a promise to the citizen). Pure.
use chrono::Duration;

/// How long a worker holds the messages it took before another worker may take them (a worker
/// that dies mid-send lets them go after this).
pub const LEASE: Duration = Duration::minutes(2);

/// How many messages one round takes.
pub const BATCH: i64 = 20;

/// The wait after the `attempts`-th failed try: 30 seconds, doubling, at most an hour.
pub fn retry_delay(attempts: i64) -> Duration {
    let doublings = attempts.clamp(1, 8) - 1;
    std::cmp::min(Duration::seconds(30 << doublings), Duration::hours(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_from_half_a_minute_to_an_hour() {
        assert_eq!(retry_delay(1), Duration::seconds(30));
        assert_eq!(retry_delay(2), Duration::minutes(1));
        assert_eq!(retry_delay(3), Duration::minutes(2));
        assert_eq!(retry_delay(7), Duration::minutes(32));
        assert_eq!(retry_delay(8), Duration::hours(1));
        assert_eq!(retry_delay(50), Duration::hours(1), "never longer");
        assert_eq!(retry_delay(0), Duration::seconds(30));
    }
}
