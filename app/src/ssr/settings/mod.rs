//! Configuration from environment variables (documented in the README).
use chrono::{DateTime, Utc};
use std::path::PathBuf;

mod database;
mod operations;
mod retention;
pub use database::{DatabaseConfig, DEFAULT_SQLITE_PATH};
use operations::whole_number;
pub use operations::{LogFormat, OperationsSettings};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PortalEnv {
    Development,
    Production,
}

#[derive(Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    /// e.g. `smtp://127.0.0.1:2525` or `smtps://user:pass@mail.example.dk`
    pub url: String,
    pub from: String,
}

/// The HTTP SMS gateway (README, "SMS gateway"): messages are posted to `url` with the token.
#[derive(Clone, PartialEq, Eq)]
pub struct SmsSettings {
    /// e.g. `https://sms.example.dk/v1/messages`
    pub url: String,
    pub token: String,
}

#[derive(Clone, PartialEq, Eq)]
pub struct OidcSettings {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: Option<String>,
}

/// An address with any password in it replaced: `postgres://portal:…@db/portal`.
pub fn redacted_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    // A password may also be a query parameter (`?password=…`, PostgreSQL's form).
    let path = match path.split_once('?') {
        Some((p, query)) => {
            let query: Vec<String> = query
                .split('&')
                .map(|kv| match kv.split_once('=') {
                    Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=…"),
                    _ => kv.to_string(),
                })
                .collect();
            format!("{p}?{}", query.join("&"))
        }
        None => path.to_string(),
    };
    match authority.rsplit_once('@') {
        Some((user_info, host)) => {
            let user = user_info.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:…@{host}{path}")
        }
        None => format!("{scheme}://{authority}{path}"),
    }
}

// Settings are printed (in logs, in panics) without their secrets.
impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("url", &redacted_url(&self.url))
            .field("from", &self.from)
            .finish()
    }
}

impl std::fmt::Debug for SmsSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmsSettings")
            .field("url", &redacted_url(&self.url))
            .field("token", &"…")
            .finish()
    }
}

impl std::fmt::Debug for OidcSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcSettings")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "…"))
            .finish()
    }
}

#[derive(Clone, Debug)]
pub struct Settings {
    pub env: PortalEnv,
    pub database: DatabaseConfig,
    /// Public address of the portal, used in links in emails and calendar feeds.
    pub base_url: String,
    pub municipalities_dir: PathBuf,
    pub smtp: Option<SmtpSettings>,
    /// The SMS gateway (`SMS_URL`, `SMS_TOKEN`); without it text messages wait in the outbox.
    pub sms: Option<SmsSettings>,
    /// The citizens' sign-in provider (a MitID broker).
    pub oidc: Option<OidcSettings>,
    /// The staff sign-in provider (the municipalities' identity provider); may be the same issuer
    /// with another client.
    pub staff_oidc: Option<OidcSettings>,
    /// Development only: the clock starts at this instant and runs on.
    pub start_now: Option<DateTime<Utc>>,
    /// Development only: create demo people, courses and sessions.
    pub demo_data: bool,
    /// CAL-8: presume a letter received 6 delivery days after its date. Off by default, since
    /// the presumption is uncertain after PostNord stopped delivering letters (RULES.md T19).
    pub postal_receipt_presumption: bool,
    /// Sign-in attempts allowed per client address and minute.
    pub sign_in_per_minute: u32,
    /// Load balancers or proxies in front of the portal whose `X-Forwarded-For` is believed
    /// (`PORTAL_TRUSTED_PROXIES`, comma-separated addresses); empty: the peer address is the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// How often tasks are raised and the daily job is looked at (`PORTAL_JOBS_EVERY_SECS`,
    /// default 60).
    pub jobs_every: std::time::Duration,
    /// This instance's name in the record of daily runs (`PORTAL_INSTANCE`, default the host
    /// name and process id).
    pub instance: String,
    /// Metrics, the request log, timeouts and limits (`settings::operations`).
    pub operations: OperationsSettings,
    /// How long records no longer needed are kept (`domain::retention`).
    pub retention: crate::domain::retention::Retention,
}

/// A setting that is wrong: the variable, what is wrong, and a right value to copy.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{variable}: {problem} (for example {variable}={example})")]
pub struct SettingsError {
    pub variable: &'static str,
    pub problem: String,
    pub example: &'static str,
}

/// A right value of every setting, for the message when one is wrong.
const EXAMPLES: &[(&str, &str)] = &[
    ("PORTAL_ENV", "production"),
    ("DATABASE_URL", "sqlite://data/portal.sqlite"),
    ("PORTAL_BASE_URL", "https://traening.example.dk"),
    ("SMTP_URL", "smtps://portal:password@mail.example.dk"),
    ("SMTP_FROM", "Træningsportalen <noreply@example.dk>"),
    ("SMS_URL", "https://sms.example.dk/v1/messages"),
    ("SMS_TOKEN", "a-long-secret-from-the-provider"),
    ("OIDC_ISSUER", "https://broker.example.dk"),
    ("OIDC_CLIENT_ID", "traeningsportalen"),
    ("STAFF_OIDC_ISSUER", "https://login.kommune.example.dk"),
    ("STAFF_OIDC_CLIENT_ID", "traeningsportalen"),
    ("PORTAL_NOW", "2026-03-10T11:59:00+01:00"),
    ("PORTAL_DEMO_DATA", "false"),
    ("PORTAL_POSTAL_RECEIPT_PRESUMPTION", "false"),
    ("PORTAL_SIGN_IN_PER_MINUTE", "20"),
    ("PORTAL_TRUSTED_PROXIES", "10.0.0.5,10.0.0.6"),
    ("PORTAL_JOBS_EVERY_SECS", "60"),
];

fn err(variable: &'static str, problem: impl Into<String>) -> SettingsError {
    SettingsError {
        variable,
        problem: problem.into(),
        example: EXAMPLES
            .iter()
            .chain(operations::EXAMPLES)
            .chain(retention::EXAMPLES)
            .find(|(v, _)| *v == variable)
            .map(|(_, e)| *e)
            .unwrap_or(""),
    }
}

/// An OpenID provider from three variables: issuer and client id together or neither.
fn oidc_settings(
    get: &impl Fn(&str) -> Option<String>,
    dev: bool,
    issuer_var: &'static str,
    client_var: &'static str,
    secret_var: &'static str,
) -> Result<Option<OidcSettings>, SettingsError> {
    match (get(issuer_var), get(client_var)) {
        (None, None) => Ok(None),
        (Some(issuer), Some(client_id)) => {
            if !dev && !issuer.starts_with("https://") {
                return Err(err(issuer_var, "production needs an https:// issuer"));
            }
            if !(issuer.starts_with("https://") || issuer.starts_with("http://")) {
                return Err(err(issuer_var, "must be an http(s):// address"));
            }
            Ok(Some(OidcSettings {
                issuer,
                client_id,
                client_secret: get(secret_var),
            }))
        }
        (Some(_), None) => Err(err(
            client_var,
            format!("must be set when {issuer_var} is set"),
        )),
        (None, Some(_)) => Err(err(
            issuer_var,
            format!("must be set when {client_var} is set"),
        )),
    }
}

/// The database only (for `server backup` and `server restore`, which need nothing else).
pub fn database_from_env() -> Result<DatabaseConfig, SettingsError> {
    database_from_lookup(&|k: &str| std::env::var(k).ok().filter(|v| !v.is_empty()))
}

fn database_from_lookup(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<DatabaseConfig, SettingsError> {
    match get("DATABASE_URL") {
        None => Ok(DatabaseConfig::Sqlite {
            path: PathBuf::from(DEFAULT_SQLITE_PATH),
        }),
        Some(url) => database::parse(&url).map_err(|problem| err("DATABASE_URL", problem)),
    }
}

impl Settings {
    pub fn from_env() -> Result<Settings, SettingsError> {
        Settings::from_lookup(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
    }

    /// Reads settings through `get`, so tests can pass their own variables.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Settings, SettingsError> {
        let env = match get("PORTAL_ENV").as_deref() {
            None | Some("production") => PortalEnv::Production,
            Some("development") => PortalEnv::Development,
            Some(other) => {
                return Err(err(
                    "PORTAL_ENV",
                    format!("'{other}' must be 'production' or 'development'"),
                ))
            }
        };
        let dev = env == PortalEnv::Development;

        let database = database_from_lookup(&get)?;

        let site_addr = get("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let base_url = get("PORTAL_BASE_URL").unwrap_or_else(|| format!("http://{site_addr}"));
        let base_url = base_url.trim_end_matches('/').to_string();
        if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
            return Err(err(
                "PORTAL_BASE_URL",
                "must start with https:// (or http:// in development)",
            ));
        }
        if !dev && !base_url.starts_with("https://") {
            return Err(err(
                "PORTAL_BASE_URL",
                "production needs an https:// address; set PORTAL_BASE_URL",
            ));
        }

        let municipalities_dir = get("PORTAL_MUNICIPALITIES_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/municipalities"))
            });

        let smtp = match (get("SMTP_URL"), get("SMTP_FROM")) {
            (None, None) => None,
            (Some(url), Some(from)) => {
                if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
                    return Err(err("SMTP_URL", "must start with smtp:// or smtps://"));
                }
                if from.parse::<lettre::message::Mailbox>().is_err() {
                    return Err(err(
                        "SMTP_FROM",
                        format!("'{from}' is not an email address"),
                    ));
                }
                Some(SmtpSettings { url, from })
            }
            (Some(_), None) => return Err(err("SMTP_FROM", "must be set when SMTP_URL is set")),
            (None, Some(_)) => return Err(err("SMTP_URL", "must be set when SMTP_FROM is set")),
        };

        let sms = match (get("SMS_URL"), get("SMS_TOKEN")) {
            (None, None) => None,
            (Some(url), Some(token)) => {
                let host = url
                    .parse::<http::Uri>()
                    .ok()
                    .and_then(|u| u.host().map(str::to_string))
                    .unwrap_or_default();
                let local = matches!(host.as_str(), "127.0.0.1" | "localhost" | "[::1]");
                if !(url.starts_with("https://") || (local || dev) && url.starts_with("http://")) {
                    return Err(err(
                        "SMS_URL",
                        "must be an https:// address (http:// only on this machine or in development)",
                    ));
                }
                Some(SmsSettings { url, token })
            }
            (Some(_), None) => return Err(err("SMS_TOKEN", "must be set when SMS_URL is set")),
            (None, Some(_)) => return Err(err("SMS_URL", "must be set when SMS_TOKEN is set")),
        };

        let oidc = oidc_settings(
            &get,
            dev,
            "OIDC_ISSUER",
            "OIDC_CLIENT_ID",
            "OIDC_CLIENT_SECRET",
        )?;
        let staff_oidc = oidc_settings(
            &get,
            dev,
            "STAFF_OIDC_ISSUER",
            "STAFF_OIDC_CLIENT_ID",
            "STAFF_OIDC_CLIENT_SECRET",
        )?;

        let start_now = match get("PORTAL_NOW") {
            None => None,
            Some(_) if !dev => {
                return Err(err(
                    "PORTAL_NOW",
                    "is a development setting; production uses the system clock only",
                ))
            }
            Some(s) => Some(
                DateTime::parse_from_rfc3339(&s)
                    .map_err(|_| {
                        err(
                            "PORTAL_NOW",
                            format!(
                                "'{s}' is not an RFC 3339 instant like 2026-03-10T11:59:00+01:00"
                            ),
                        )
                    })?
                    .to_utc(),
            ),
        };

        let demo_data = match get("PORTAL_DEMO_DATA").as_deref() {
            None => dev,
            Some("1") | Some("true") if !dev => {
                return Err(err(
                    "PORTAL_DEMO_DATA",
                    "demo data exists in development mode only",
                ))
            }
            Some("1") | Some("true") => true,
            Some("0") | Some("false") => false,
            Some(other) => {
                return Err(err(
                    "PORTAL_DEMO_DATA",
                    format!("'{other}' must be true or false"),
                ))
            }
        };

        let postal_receipt_presumption = match get("PORTAL_POSTAL_RECEIPT_PRESUMPTION").as_deref() {
            None | Some("0") | Some("false") => false,
            Some("1") | Some("true") => true,
            Some(other) => {
                return Err(err(
                    "PORTAL_POSTAL_RECEIPT_PRESUMPTION",
                    format!("'{other}' must be true or false"),
                ))
            }
        };

        let sign_in_per_minute = u32::try_from(whole_number(
            &get,
            "PORTAL_SIGN_IN_PER_MINUTE",
            20,
            (1, 1_000_000),
        )?)
        .unwrap_or(u32::MAX);

        let trusted_proxies = match get("PORTAL_TRUSTED_PROXIES") {
            None => Vec::new(),
            Some(v) => v
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(|a| {
                    a.parse().map_err(|_| {
                        err(
                            "PORTAL_TRUSTED_PROXIES",
                            format!("'{a}' is not an IP address"),
                        )
                    })
                })
                .collect::<Result<_, _>>()?,
        };

        let jobs_every = whole_number(&get, "PORTAL_JOBS_EVERY_SECS", 60, (1, 86_400))?;
        let instance = get("PORTAL_INSTANCE").unwrap_or_else(|| {
            let host = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
            format!("{}-{}", host.trim(), std::process::id())
        });

        Ok(Settings {
            operations: operations::read(&get)?,
            retention: retention::read(&get)?,
            jobs_every: std::time::Duration::from_secs(jobs_every),
            instance,
            env,
            database,
            base_url,
            municipalities_dir,
            smtp,
            sms,
            oidc,
            start_now,
            demo_data,
            postal_receipt_presumption,
            staff_oidc,
            sign_in_per_minute,
            trusted_proxies,
        })
    }

    pub fn is_development(&self) -> bool {
        self.env == PortalEnv::Development
    }
}

#[cfg(test)]
mod tests;
