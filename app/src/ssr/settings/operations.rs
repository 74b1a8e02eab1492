//! What an operator sets to run the portal among other systems: metrics, the request log,
//! timeouts and limits against slow or too many clients, and how long a shutdown may take.
//! Every one has a default that suits one small server (documented in the README).
use super::{err, SettingsError};
use std::net::SocketAddr;
use std::time::Duration;

/// How the request log is written (`PORTAL_LOG_FORMAT`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// One readable line per event (the default).
    Text,
    /// One JSON object per line, for a log collector.
    Json,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationsSettings {
    /// Where `/metrics` answers (Prometheus text format); `None` (the default): no metrics.
    /// Kept apart from the portal's own address so it is not reachable from outside.
    pub metrics_addr: Option<SocketAddr>,
    pub log_format: LogFormat,
    /// How long a client may take to send a request's headers (`PORTAL_HEADER_TIMEOUT_SECS`,
    /// default 10 s); a slower connection is closed.
    pub header_timeout: Duration,
    /// How long a request may take, its body included (`PORTAL_REQUEST_TIMEOUT_SECS`, default
    /// 30 s); then it is answered 408 and nothing half-written stays (every write is one
    /// transaction).
    pub request_timeout: Duration,
    /// Connections served at once (`PORTAL_MAX_CONNECTIONS`, default 1024); more wait to be
    /// accepted.
    pub max_connections: usize,
    /// How long a shutdown waits for requests in flight (`PORTAL_SHUTDOWN_GRACE_SECS`, default
    /// 20 s) before it closes what is left.
    pub shutdown_grace: Duration,
}

/// A right value of every operations setting, for the message when one is wrong.
pub(super) const EXAMPLES: &[(&str, &str)] = &[
    ("PORTAL_METRICS_ADDR", "127.0.0.1:9100"),
    ("PORTAL_LOG_FORMAT", "json"),
    ("PORTAL_HEADER_TIMEOUT_SECS", "10"),
    ("PORTAL_REQUEST_TIMEOUT_SECS", "30"),
    ("PORTAL_MAX_CONNECTIONS", "1024"),
    ("PORTAL_SHUTDOWN_GRACE_SECS", "20"),
];

/// A whole number from `min` to `max` from `variable`, or `default` when it is not set.
pub(super) fn whole_number(
    get: &impl Fn(&str) -> Option<String>,
    variable: &'static str,
    default: u64,
    (min, max): (u64, u64),
) -> Result<u64, SettingsError> {
    match get(variable) {
        None => Ok(default),
        Some(v) => v
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| {
                err(
                    variable,
                    format!("'{v}' must be a whole number from {min} to {max}"),
                )
            }),
    }
}

/// An hour is the longest any timeout may be.
const HOUR: u64 = 3_600;

pub(super) fn read(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<OperationsSettings, SettingsError> {
    let metrics_addr = match get("PORTAL_METRICS_ADDR") {
        None => None,
        Some(v) => Some(v.trim().parse::<SocketAddr>().map_err(|_| {
            err(
                "PORTAL_METRICS_ADDR",
                format!("'{v}' is not an address and port"),
            )
        })?),
    };
    let log_format = match get("PORTAL_LOG_FORMAT").as_deref().map(str::trim) {
        None | Some("text") => LogFormat::Text,
        Some("json") => LogFormat::Json,
        Some(other) => {
            return Err(err(
                "PORTAL_LOG_FORMAT",
                format!("'{other}' must be 'text' or 'json'"),
            ))
        }
    };
    let secs = |variable, default| {
        whole_number(get, variable, default, (1, HOUR)).map(Duration::from_secs)
    };
    Ok(OperationsSettings {
        metrics_addr,
        log_format,
        header_timeout: secs("PORTAL_HEADER_TIMEOUT_SECS", 10)?,
        request_timeout: secs("PORTAL_REQUEST_TIMEOUT_SECS", 30)?,
        max_connections: usize::try_from(whole_number(
            get,
            "PORTAL_MAX_CONNECTIONS",
            1024,
            (1, 100_000),
        )?)
        .unwrap_or(usize::MAX),
        shutdown_grace: secs("PORTAL_SHUTDOWN_GRACE_SECS", 20)?,
    })
}
