//! `DATABASE_URL`: which database, in the forms sqlx's users know.
use super::redacted_url;
use std::path::PathBuf;

/// The SQLite file used when `DATABASE_URL` is not set.
pub const DEFAULT_SQLITE_PATH: &str = "data/traeningsportalen.sqlite";

#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseConfig {
    Sqlite { path: PathBuf },
    Postgres { url: String },
}

// Printed (in logs, in panics) without the password.
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

/// The database a `DATABASE_URL` names, or what is wrong with it.
///
/// PostgreSQL addresses go to sqlx as they are. For SQLite, `sqlite://path`, `sqlite:path` and
/// `sqlite:///absolute/path` name the file as sqlx reads them; the options sqlx users add
/// (`?mode=rwc`, `?mode=rw`) are understood, not made part of the file's name. The portal always
/// creates a missing file and always writes, so a read-only or in-memory database is refused.
pub fn parse(url: &str) -> Result<DatabaseConfig, String> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok(DatabaseConfig::Postgres {
            url: url.to_string(),
        });
    }
    let Some(rest) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    else {
        return Err(format!(
            "'{}' is not a database address the portal knows",
            redacted_url(url)
        ));
    };
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() || path == ":memory:" || path.starts_with(":memory:") {
        return Err(format!(
            "'{url}' names no file (an in-memory database would lose everything at a restart)"
        ));
    }
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        match (name.as_ref(), value.as_ref()) {
            ("mode", "rwc" | "rw") => {}
            ("mode", other) => {
                return Err(format!(
                    "mode={other} in '{url}': the portal writes to its database; use mode=rwc or leave it out"
                ))
            }
            (other, _) => {
                return Err(format!(
                    "the option '{other}' in '{url}' is not one the portal takes (only mode=rwc)"
                ))
            }
        }
    }
    Ok(DatabaseConfig::Sqlite {
        path: PathBuf::from(path),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(url: &str) -> PathBuf {
        match parse(url) {
            Ok(DatabaseConfig::Sqlite { path }) => path,
            other => panic!("{url}: {other:?}"),
        }
    }

    #[test]
    fn the_sqlite_forms_sqlx_users_know_name_the_file() {
        assert_eq!(
            file("sqlite://data/a.sqlite"),
            PathBuf::from("data/a.sqlite")
        );
        assert_eq!(file("sqlite:data/a.sqlite"), PathBuf::from("data/a.sqlite"));
        assert_eq!(
            file("sqlite:///var/lib/p.db"),
            PathBuf::from("/var/lib/p.db")
        );
        assert_eq!(
            file("sqlite://data/a.sqlite?mode=rwc"),
            PathBuf::from("data/a.sqlite")
        );
        assert_eq!(file("sqlite:a.db?mode=rw"), PathBuf::from("a.db"));
    }

    #[test]
    fn a_wrong_address_is_refused_without_its_password() {
        for wrong in [
            "mysql://portal:hemmelig@db/portal",
            "sqlite::memory:",
            "sqlite://",
            "sqlite://a.db?mode=ro",
            "sqlite://a.db?cache=shared",
            "data/portal.sqlite",
        ] {
            let problem = parse(wrong).unwrap_err();
            assert!(problem.contains('\''), "names what was given: {problem}");
            assert!(!problem.contains("hemmelig"), "{problem}");
        }
        assert!(matches!(
            parse("postgresql://postgres@127.0.0.1/x"),
            Ok(DatabaseConfig::Postgres { .. })
        ));
    }
}
