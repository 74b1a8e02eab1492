//! Configuration from environment variables (documented in the README).
use chrono::{DateTime, Utc};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PortalEnv {
    Development,
    Production,
}

#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseConfig {
    Sqlite { path: PathBuf },
    Postgres { url: String },
}

#[derive(Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    /// e.g. `smtp://127.0.0.1:2525` or `smtps://user:pass@mail.example.dk`
    pub url: String,
    pub from: String,
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
impl std::fmt::Debug for DatabaseConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DatabaseConfig::Sqlite { path } => {
                f.debug_struct("Sqlite").field("path", path).finish()
            }
            DatabaseConfig::Postgres { url } => f
                .debug_struct("Postgres")
                .field("url", &redacted_url(url))
                .finish(),
        }
    }
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("url", &redacted_url(&self.url))
            .field("from", &self.from)
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
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{variable}: {problem}")]
pub struct SettingsError {
    pub variable: &'static str,
    pub problem: String,
}

fn err(variable: &'static str, problem: impl Into<String>) -> SettingsError {
    SettingsError {
        variable,
        problem: problem.into(),
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

pub const DEFAULT_SQLITE_PATH: &str = "data/traeningsportalen.sqlite";

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

        let database = match get("DATABASE_URL") {
            None => DatabaseConfig::Sqlite { path: PathBuf::from(DEFAULT_SQLITE_PATH) },
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                DatabaseConfig::Postgres { url }
            }
            Some(url) => match url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) {
                Some(path) if !path.is_empty() => DatabaseConfig::Sqlite { path: PathBuf::from(path) },
                _ => {
                    return Err(err(
                        "DATABASE_URL",
                        "must start with postgres:// or sqlite:// (or be unset for the default SQLite file)",
                    ))
                }
            },
        };

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

        let sign_in_per_minute = match get("PORTAL_SIGN_IN_PER_MINUTE") {
            None => 20,
            Some(v) => v.parse::<u32>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                err(
                    "PORTAL_SIGN_IN_PER_MINUTE",
                    format!("'{v}' must be a whole number of at least 1"),
                )
            })?,
        };

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

        let jobs_every = match get("PORTAL_JOBS_EVERY_SECS") {
            None => 60,
            Some(v) => v.parse::<u64>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                err(
                    "PORTAL_JOBS_EVERY_SECS",
                    format!("'{v}' must be a whole number of at least 1"),
                )
            })?,
        };
        let instance = get("PORTAL_INSTANCE").unwrap_or_else(|| {
            let host = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
            format!("{}-{}", host.trim(), std::process::id())
        });

        Ok(Settings {
            jobs_every: std::time::Duration::from_secs(jobs_every),
            instance,
            env,
            database,
            base_url,
            municipalities_dir,
            smtp,
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
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn settings(vars: &[(&str, &str)]) -> Result<Settings, SettingsError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(|k| map.get(k).cloned())
    }

    const PROD: (&str, &str) = ("PORTAL_BASE_URL", "https://portal.example.dk");

    #[test]
    fn production_is_the_default_and_uses_the_default_sqlite_file() {
        let s = settings(&[PROD]).unwrap();
        assert_eq!(s.env, PortalEnv::Production);
        assert_eq!(
            s.database,
            DatabaseConfig::Sqlite {
                path: DEFAULT_SQLITE_PATH.into()
            }
        );
        assert!(!s.demo_data);
        assert_eq!(s.start_now, None);
    }

    #[test]
    fn production_refuses_development_settings() {
        assert_eq!(
            settings(&[PROD, ("PORTAL_NOW", "2026-03-10T12:00:00+01:00")])
                .unwrap_err()
                .variable,
            "PORTAL_NOW"
        );
        assert_eq!(
            settings(&[PROD, ("PORTAL_DEMO_DATA", "true")])
                .unwrap_err()
                .variable,
            "PORTAL_DEMO_DATA"
        );
        assert_eq!(settings(&[]).unwrap_err().variable, "PORTAL_BASE_URL");
        assert_eq!(
            settings(&[
                PROD,
                ("OIDC_ISSUER", "http://127.0.0.1:9000"),
                ("OIDC_CLIENT_ID", "x")
            ])
            .unwrap_err()
            .variable,
            "OIDC_ISSUER"
        );
    }

    #[test]
    fn development_accepts_a_start_instant_and_has_demo_data() {
        let s = settings(&[
            ("PORTAL_ENV", "development"),
            ("PORTAL_NOW", "2026-03-10T11:59:00+01:00"),
        ])
        .unwrap();
        assert!(s.demo_data);
        assert_eq!(
            s.start_now.unwrap().to_rfc3339(),
            "2026-03-10T10:59:00+00:00"
        );
        assert_eq!(s.base_url, "http://127.0.0.1:3000");
        let bad =
            settings(&[("PORTAL_ENV", "development"), ("PORTAL_NOW", "tomorrow")]).unwrap_err();
        assert_eq!(bad.variable, "PORTAL_NOW");
    }

    #[test]
    fn database_url_chooses_the_backend() {
        let pg = settings(&[PROD, ("DATABASE_URL", "postgres://postgres@127.0.0.1/x")]).unwrap();
        assert!(matches!(pg.database, DatabaseConfig::Postgres { .. }));
        let file = settings(&[PROD, ("DATABASE_URL", "sqlite://tmp/a.sqlite")]).unwrap();
        assert_eq!(
            file.database,
            DatabaseConfig::Sqlite {
                path: "tmp/a.sqlite".into()
            }
        );
        assert_eq!(
            settings(&[PROD, ("DATABASE_URL", "mysql://x")])
                .unwrap_err()
                .variable,
            "DATABASE_URL"
        );
    }

    #[test]
    fn smtp_needs_both_url_and_sender() {
        assert_eq!(
            settings(&[PROD, ("SMTP_URL", "smtp://127.0.0.1:2525")])
                .unwrap_err()
                .variable,
            "SMTP_FROM"
        );
        let s = settings(&[
            PROD,
            ("SMTP_URL", "smtp://127.0.0.1:2525"),
            ("SMTP_FROM", "Træningsportalen <noreply@example.dk>"),
        ])
        .unwrap();
        assert_eq!(s.smtp.unwrap().url, "smtp://127.0.0.1:2525");
        assert_eq!(
            settings(&[PROD, ("SMTP_URL", "smtp://x"), ("SMTP_FROM", "nobody")])
                .unwrap_err()
                .variable,
            "SMTP_FROM"
        );
    }

    #[test]
    fn printed_settings_keep_no_secret() {
        let s = settings(&[
            PROD,
            (
                "DATABASE_URL",
                "postgres://portal:db-secret-1@db.example.dk:5432/portal",
            ),
            ("SMTP_URL", "smtps://mailer:mail-secret-2@mail.example.dk"),
            ("SMTP_FROM", "Træningsportalen <noreply@example.dk>"),
            ("OIDC_ISSUER", "https://broker.example.dk"),
            ("OIDC_CLIENT_ID", "portal"),
            ("OIDC_CLIENT_SECRET", "oidc-secret-3"),
        ])
        .unwrap();
        let printed = format!("{s:?}");
        for secret in ["db-secret-1", "mail-secret-2", "oidc-secret-3"] {
            assert!(!printed.contains(secret), "{printed}");
        }
        assert!(
            printed.contains("postgres://portal:…@db.example.dk:5432/portal"),
            "{printed}"
        );
        assert!(printed.contains("smtps://mailer:…@mail.example.dk"));
        assert!(
            printed.contains("https://broker.example.dk"),
            "the rest is still there"
        );
        assert_eq!(
            redacted_url("sqlite://data/portal.sqlite"),
            "sqlite://data/portal.sqlite"
        );
        assert_eq!(
            redacted_url(
                "postgres://db.example.dk/portal?user=portal&password=s3cret&sslmode=require"
            ),
            "postgres://db.example.dk/portal?user=portal&password=…&sslmode=require"
        );
    }
}
