//! `server backup <file>` and `server restore <file>` for the SQLite database: a consistent copy
//! taken while the portal serves (SQLite's `VACUUM INTO`, one read transaction, so every write
//! acknowledged before it began is in the copy), checked with `integrity_check`; and a restore
//! that refuses while a portal is running on the database. PostgreSQL is backed up with its own
//! tools (`pg_dump`/`pg_restore`, see the README).
//!
//! A running portal holds a shared lock on `<database>.lock` ([`hold_running_lock`]); a restore
//! takes it exclusively, so neither can start while the other runs.
use super::settings::DatabaseConfig;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::ConnectOptions;
use std::fs::File;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("the database is PostgreSQL: back it up with pg_dump and restore it with pg_restore (see the README, \"Operating the portal\")")]
    Postgres,
    #[error("{0} already exists; choose a new file, so no backup is overwritten")]
    Exists(PathBuf),
    #[error("{0} does not exist")]
    Missing(PathBuf),
    #[error(
        "a portal is running on {0}; stop every instance first (systemctl stop traeningsportalen)"
    )]
    Running(PathBuf),
    #[error("{0} is not a sound portal database: {1}")]
    Damaged(PathBuf, String),
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
}

fn sqlite_path(config: &DatabaseConfig) -> Result<&Path, BackupError> {
    match config {
        DatabaseConfig::Sqlite { path } => Ok(path),
        DatabaseConfig::Postgres { .. } => Err(BackupError::Postgres),
    }
}

/// The lock file beside the database `path`, named from its real folder, so a relative path,
/// `./`, or a symbolic link to the folder all lock the same file.
fn lock_path(path: &Path) -> PathBuf {
    let mut name = canonical(path).into_os_string();
    name.push(".lock");
    PathBuf::from(name)
}

/// `path` with its folder resolved (the file itself may not exist yet).
fn canonical(path: &Path) -> PathBuf {
    let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => dir.to_path_buf(),
        None => PathBuf::from("."),
    };
    match (dir.canonicalize(), path.file_name()) {
        (Ok(dir), Some(file)) => dir.join(file),
        _ => path.to_path_buf(),
    }
}

/// `path` with `suffix` added to its name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Moves the database `db` and its write-ahead log (`-wal`, `-shm`) to `to`.
fn move_database(db: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::rename(db, to)?;
    for part in ["-wal", "-shm"] {
        let from_part = with_suffix(db, part);
        if from_part.exists() {
            std::fs::rename(&from_part, with_suffix(to, part))?;
        }
    }
    Ok(())
}

/// Gives `file` the owner and permissions of `like` (the database it replaces), so a restore
/// run as root leaves a database the service's user can still write.
#[cfg(unix)]
fn same_owner(file: &Path, like: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(like)?;
    std::os::unix::fs::chown(file, Some(meta.uid()), Some(meta.gid()))?;
    std::fs::set_permissions(file, meta.permissions())
}

#[cfg(not(unix))]
fn same_owner(_file: &Path, _like: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Held by a running portal on a SQLite database (shared: several instances may run), so a
/// restore cannot replace the database under it; `None` for PostgreSQL.
pub fn hold_running_lock(config: &DatabaseConfig) -> Result<Option<File>, BackupError> {
    let Ok(path) = sqlite_path(config) else {
        return Ok(None);
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| BackupError::Io(dir.to_path_buf(), e))?;
    }
    let lock = lock_path(path);
    let file = File::create(&lock).map_err(|e| BackupError::Io(lock.clone(), e))?;
    file.try_lock_shared()
        .map_err(|_| BackupError::Running(path.to_path_buf()))?;
    Ok(Some(file))
}

/// Copies the configured SQLite database to the new file `to`, while the portal may serve, and
/// checks the copy.
pub async fn backup(config: &DatabaseConfig, to: &Path) -> Result<(), BackupError> {
    let from = sqlite_path(config)?;
    if to.exists() {
        return Err(BackupError::Exists(to.to_path_buf()));
    }
    if !from.exists() {
        return Err(BackupError::Missing(from.to_path_buf()));
    }
    let mut db = SqliteConnectOptions::new()
        .filename(from)
        .busy_timeout(std::time::Duration::from_secs(30))
        .connect()
        .await?;
    sqlx::query("vacuum into $1")
        .bind(to.to_string_lossy().as_ref())
        .execute(&mut db)
        .await?;
    check(to).await
}

/// Whether `file` is a whole SQLite database (`integrity_check`) holding the portal's tables.
pub async fn check(file: &Path) -> Result<(), BackupError> {
    if !file.exists() {
        return Err(BackupError::Missing(file.to_path_buf()));
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(SqliteConnectOptions::new().filename(file).read_only(true))
        .await?;
    let damaged = |problem: String| BackupError::Damaged(file.to_path_buf(), problem);
    let found: Vec<String> = sqlx::query_scalar("pragma integrity_check")
        .fetch_all(&pool)
        .await
        .map_err(|e| damaged(e.to_string()))?;
    if found != ["ok"] {
        return Err(damaged(found.join("; ")));
    }
    let migrations: i64 = sqlx::query_scalar("select count(*) from _sqlx_migrations")
        .fetch_one(&pool)
        .await
        .map_err(|_| damaged("it holds no portal tables".into()))?;
    pool.close().await;
    if migrations == 0 {
        return Err(damaged("it holds no portal tables".into()));
    }
    Ok(())
}

/// Puts the backup `from` in place of the configured SQLite database, after checking it, when
/// no portal is running on it. The database replaced is kept beside it (its name with
/// `.before-restore-<seconds since 1970>`); its path, if there was one.
pub async fn restore(config: &DatabaseConfig, from: &Path) -> Result<Option<PathBuf>, BackupError> {
    let to = sqlite_path(config)?;
    check(from).await?;
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| BackupError::Io(p, e)
    };
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
    }
    let lock = lock_path(to);
    let held = File::create(&lock).map_err(io(&lock))?;
    held.try_lock()
        .map_err(|_| BackupError::Running(to.to_path_buf()))?;
    // Copied beside the database first, so the swap is a rename on one file system.
    let incoming = with_suffix(to, ".restoring");
    std::fs::copy(from, &incoming).map_err(io(&incoming))?;
    File::open(&incoming)
        .and_then(|f| f.sync_all())
        .map_err(io(&incoming))?;
    let owner = if to.exists() { Some(to) } else { to.parent() };
    if let Some(like) = owner.filter(|p| !p.as_os_str().is_empty()) {
        same_owner(&incoming, like).map_err(io(&incoming))?;
    }
    let kept = if to.exists() {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let aside = with_suffix(to, &format!(".before-restore-{stamp}"));
        if let Err(e) = move_database(to, &aside) {
            let _ = move_database(&aside, to);
            let _ = std::fs::remove_file(&incoming);
            return Err(BackupError::Io(to.to_path_buf(), e));
        }
        Some(aside)
    } else {
        None
    };
    if let Err(e) = std::fs::rename(&incoming, to) {
        // Put the database back as it was: a portal must never start on an empty one.
        if let Some(aside) = &kept {
            let _ = move_database(aside, to);
        }
        let _ = std::fs::remove_file(&incoming);
        return Err(BackupError::Io(to.to_path_buf(), e));
    }
    drop(held);
    Ok(kept)
}
