//! The SQL of [`AuditStore`](crate::ssr::db::AuditStore), for the backend that includes this file
//! (see `ssr/db/sqlite.rs` and `ssr/db/postgres.rs`).
use super::{Backend, Db};
use crate::domain::people::PersonId;
use crate::ssr::db::*;
use sqlx::Transaction;

/// Commits a write transaction, first writing in it the audit entries that record this change
/// (`audit::recording`), so a change is never left unlogged. Every write commits through here.
pub(super) async fn commit(mut tx: Transaction<'static, Db>) -> DbResult<()> {
    for e in take_pending() {
        insert(&mut *tx, &e).await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn insert<'c>(conn: impl sqlx::Executor<'c, Database = Db>, e: &AuditEntry) -> DbResult<()> {
    sqlx::query(
        "insert into audit_log
             (at, actor_id, on_behalf_of, action, detail, outcome, session_hash, client_addr)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(e.at)
    .bind(e.actor_id)
    .bind(e.on_behalf_of)
    .bind(&e.action)
    .bind(&e.detail)
    .bind(e.outcome.code())
    .bind(&e.session_hash)
    .bind(&e.client_addr)
    .execute(conn)
    .await?;
    Ok(())
}

/// An entry waiting for the next group commit, with the one waiting for it to be written: told
/// `Some(true)` when the group was committed, `Some(false)` when it was not (an entry refused,
/// the database gone), `None` when the commit itself failed and may or may not have happened.
type Waiting = (AuditEntry, tokio::sync::oneshot::Sender<Option<bool>>);

/// The entries written on their own (reads, refusals; a change's entries go in its own
/// transaction, `commit` above), written together: each in the log before its reader gets an
/// answer, as before, but in one transaction with the others that came meanwhile. A page view
/// then costs its log a share of a commit, not a commit of its own, and nothing is kept only in
/// memory: an entry not yet committed has no answer waiting on it.
pub(crate) struct GroupCommit(tokio::sync::mpsc::UnboundedSender<Waiting>);

/// At most this many entries in one commit.
const GROUP_MAX: usize = 256;

impl GroupCommit {
    /// Starts the task that writes the entries, on `pool`, beginning each transaction with
    /// `begin`. It ends when the repository is dropped.
    pub(crate) fn start(pool: sqlx::Pool<Db>, begin: &'static str) -> Self {
        let (sender, mut queue) = tokio::sync::mpsc::unbounded_channel::<Waiting>();
        tokio::spawn(async move {
            let mut group = Vec::with_capacity(GROUP_MAX);
            while queue.recv_many(&mut group, GROUP_MAX).await > 0 {
                let written = write_group(&pool, begin, &group).await;
                if let Err(e) = &written {
                    tracing::warn!(entries = group.len(), error = %e, "audit group commit failed");
                }
                for (_, waiting) in group.drain(..) {
                    let _ = waiting.send(written.as_ref().ok().copied());
                }
            }
        });
        GroupCommit(sender)
    }

    /// What became of the entry (see [`Waiting`]): `Some(false)` when the task was gone before
    /// it was handed the entry; `None` when it went after (the read is refused, to be safe).
    async fn commit(&self, e: &AuditEntry) -> Option<bool> {
        let (done, written) = tokio::sync::oneshot::channel();
        if self.0.send((e.clone(), done)).is_err() {
            tracing::warn!("audit group task gone: writing the entry on its own");
            return Some(false);
        }
        written.await.unwrap_or(None)
    }
}

/// `Ok(true)` when committed, `Ok(false)` when the group failed before its commit, an error when
/// the commit failed.
async fn write_group(pool: &sqlx::Pool<Db>, begin: &str, group: &[Waiting]) -> DbResult<bool> {
    let written = async {
        let mut tx = pool.begin_with(begin.to_owned()).await?;
        for (e, _) in group {
            insert(&mut *tx, e).await?;
        }
        Ok::<_, DbError>(tx)
    };
    match written.await {
        Ok(tx) => {
            tx.commit().await?;
            Ok(true)
        }
        Err(e) => {
            tracing::warn!(entries = group.len(), error = %e, "audit group refused");
            Ok(false)
        }
    }
}

#[async_trait::async_trait]
impl AuditStore for Backend {
    async fn audit(&self, e: &AuditEntry) -> DbResult<()> {
        match self.audit_batch.commit(e).await {
            Some(true) => Ok(()),
            // The group was not written (one entry refused, or the database gone): this entry
            // on its own, so that its own error, if any, is what the reader is told.
            Some(false) => insert(&self.writer, e).await,
            // The commit failed and may have happened: the read is refused rather than its entry
            // written twice.
            None => Err(DbError::Other(sqlx::Error::Protocol(
                "the audit entries' commit failed".into(),
            ))),
        }
    }

    async fn audit_log_for(&self, citizen: PersonId) -> DbResult<Vec<AuditEntry>> {
        Ok(sqlx::query_as(
            "select at, actor_id, on_behalf_of, action, detail, outcome, session_hash, client_addr
             from audit_log where on_behalf_of = $1 order by at, id",
        )
        .bind(citizen)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn audit_log_page(&self, citizen: PersonId, f: &AuditFilter) -> DbResult<AuditPage> {
        // $2: 0 anyone, 1 the person $3, 2 the portal itself (no actor). $4: the action codes,
        // comma-separated, or '' for all.
        const MATCHES: &str = "on_behalf_of = $1
            and ($2 = 0 or ($2 = 1 and actor_id = $3) or ($2 = 2 and actor_id is null))
            and ($4 = '' or (',' || $4 || ',') like ('%,' || action || ',%'))";
        let (mode, actor) = match f.actor {
            None => (0i64, None),
            Some(Some(id)) => (1, Some(id)),
            Some(None) => (2, None),
        };
        let actions = f.actions.join(",");
        let entries = sqlx::query_as(&format!(
            "select at, actor_id, on_behalf_of, action, detail, outcome, session_hash, client_addr
             from audit_log where {MATCHES} order by at desc, id desc limit $5 offset $6"
        ))
        .bind(citizen)
        .bind(mode)
        .bind(actor)
        .bind(&actions)
        .bind(f.limit)
        .bind(f.offset)
        .fetch_all(&self.pool)
        .await?;
        let (total,): (i64,) =
            sqlx::query_as(&format!("select count(*) from audit_log where {MATCHES}"))
                .bind(citizen)
                .bind(mode)
                .bind(actor)
                .bind(&actions)
                .fetch_one(&self.pool)
                .await?;
        let actors: Vec<(Option<PersonId>,)> =
            sqlx::query_as("select distinct actor_id from audit_log where on_behalf_of = $1")
                .bind(citizen)
                .fetch_all(&self.pool)
                .await?;
        let actions: Vec<(String,)> =
            sqlx::query_as("select distinct action from audit_log where on_behalf_of = $1")
                .bind(citizen)
                .fetch_all(&self.pool)
                .await?;
        Ok(AuditPage {
            entries,
            total,
            actors: actors.into_iter().map(|(a,)| a).collect(),
            actions: actions.into_iter().map(|(a,)| a).collect(),
        })
    }
}
