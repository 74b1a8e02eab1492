//! Settings read from the environment, right and wrong.
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
    let bad = settings(&[("PORTAL_ENV", "development"), ("PORTAL_NOW", "tomorrow")]).unwrap_err();
    assert_eq!(bad.variable, "PORTAL_NOW");
}

#[test]
fn database_url_chooses_the_backend() {
    let pg = settings(&[PROD, ("DATABASE_URL", "postgres://postgres@127.0.0.1/x")]).unwrap();
    assert!(matches!(pg.database, DatabaseConfig::Postgres { .. }));
    let file = settings(&[PROD, ("DATABASE_URL", "sqlite://tmp/a.sqlite?mode=rwc")]).unwrap();
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
fn the_sms_gateway_needs_its_token_and_https_outside_this_machine() {
    assert_eq!(
        settings(&[PROD, ("SMS_URL", "https://sms.example.dk/v1/messages")])
            .unwrap_err()
            .variable,
        "SMS_TOKEN"
    );
    assert_eq!(
        settings(&[PROD, ("SMS_TOKEN", "t")]).unwrap_err().variable,
        "SMS_URL"
    );
    assert_eq!(
        settings(&[
            PROD,
            ("SMS_URL", "http://sms.example.dk/v1/messages"),
            ("SMS_TOKEN", "t")
        ])
        .unwrap_err()
        .variable,
        "SMS_URL",
        "a token is not sent in the clear across a network"
    );
    assert_eq!(
        settings(&[
            PROD,
            ("SMS_URL", "http://localhost.example.dk/v1/messages"),
            ("SMS_TOKEN", "t")
        ])
        .unwrap_err()
        .variable,
        "SMS_URL",
        "a host that only begins like this machine's"
    );
    let s = settings(&[
        PROD,
        ("SMS_URL", "http://127.0.0.1:9000/v1/messages"),
        ("SMS_TOKEN", "sms-secret-4"),
    ])
    .unwrap();
    assert_eq!(
        s.sms.as_ref().unwrap().url,
        "http://127.0.0.1:9000/v1/messages"
    );
    assert!(
        !format!("{s:?}").contains("sms-secret-4"),
        "printed without its token"
    );
    assert!(settings(&[PROD]).unwrap().sms.is_none());
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
        redacted_url("postgres://db.example.dk/portal?user=portal&password=s3cret&sslmode=require"),
        "postgres://db.example.dk/portal?user=portal&password=…&sslmode=require"
    );
}

#[test]
fn every_wrong_setting_names_its_variable_and_a_right_value() {
    let dev = ("PORTAL_ENV", "development");
    for (variable, wrong) in [
        ("PORTAL_ENV", "prod"),
        ("DATABASE_URL", "sqlite://data/p.sqlite?cache=shared"),
        ("PORTAL_BASE_URL", "traening.example.dk"),
        ("SMTP_URL", "mail.example.dk"),
        ("PORTAL_NOW", "i morgen"),
        ("PORTAL_DEMO_DATA", "ja"),
        ("PORTAL_POSTAL_RECEIPT_PRESUMPTION", "ja"),
        ("PORTAL_SIGN_IN_PER_MINUTE", "0"),
        ("PORTAL_TRUSTED_PROXIES", "proxy.example.dk"),
        ("PORTAL_JOBS_EVERY_SECS", "ti"),
        ("PORTAL_METRICS_ADDR", "9100"),
        ("PORTAL_LOG_FORMAT", "xml"),
        ("PORTAL_HEADER_TIMEOUT_SECS", "0"),
        ("PORTAL_REQUEST_TIMEOUT_SECS", "-1"),
        ("PORTAL_MAX_CONNECTIONS", "mange"),
        ("PORTAL_SHUTDOWN_GRACE_SECS", "1.5"),
        ("PORTAL_RETAIN_DRAFTS_DAYS", "0"),
        ("PORTAL_RETAIN_AUDIT_DAYS", "30"),
        ("PORTAL_RETAIN_CASES_DAYS", "364"),
        ("PORTAL_RETAIN_SENT_MESSAGES_DAYS", "en måned"),
        ("PORTAL_RETAIN_SESSIONS_DAYS", "99999999"),
        ("PORTAL_MAX_CONNECTIONS", "99999999999"),
    ] {
        // The mail server's address is read only with a sender beside it.
        let from = ("SMTP_FROM", "Træningsportalen <noreply@example.dk>");
        let with = |value| match variable {
            "SMTP_URL" => settings(&[dev, from, (variable, value)]),
            _ => settings(&[dev, (variable, value)]),
        };
        let e = with(wrong).unwrap_err();
        assert_eq!(e.variable, variable);
        let message = e.to_string();
        assert!(
            message.starts_with(variable) && message.contains(&format!("for example {variable}=")),
            "{message}"
        );
        // The example given is itself right (another variable may then be missing).
        let right = with(e.example);
        assert!(
            right
                .as_ref()
                .map_or_else(|e| e.variable != variable, |_| true),
            "{variable}={}: {right:?}",
            e.example
        );
    }
}

#[test]
fn operations_settings_have_defaults_for_one_small_server() {
    let s = settings(&[PROD]).unwrap().operations;
    assert_eq!(s.metrics_addr, None, "metrics are off unless asked for");
    assert_eq!(s.log_format, LogFormat::Text);
    assert_eq!(s.header_timeout, std::time::Duration::from_secs(10));
    assert_eq!(s.request_timeout, std::time::Duration::from_secs(30));
    assert_eq!(s.max_connections, 1024);
    let s = settings(&[
        PROD,
        ("PORTAL_METRICS_ADDR", "127.0.0.1:9100"),
        ("PORTAL_LOG_FORMAT", "json"),
    ])
    .unwrap()
    .operations;
    assert_eq!(s.metrics_addr, Some("127.0.0.1:9100".parse().unwrap()));
    assert_eq!(s.log_format, LogFormat::Json);
}
