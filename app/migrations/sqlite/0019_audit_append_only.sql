-- Issue 16: every log entry carries the session (the SHA-256 of its id, as web_sessions keeps
-- it) and the client's address, and the log is append-only: the database itself refuses to
-- change or delete an entry. The one exception is the retention job (the operations issue),
-- which deletes entries past their period only inside a transaction that first puts a row in
-- audit_purge and removes it again before committing; no other transaction ever sees that row.
alter table audit_log add column session_hash text;
alter table audit_log add column client_addr text;
create index audit_log_by_actor on audit_log(on_behalf_of, actor_id);

create table audit_purge (started_at text not null);

create trigger audit_log_no_update before update on audit_log
begin
    select raise(abort, 'audit_log is append-only');
end;

create trigger audit_log_no_delete before delete on audit_log
when not exists (select 1 from audit_purge)
begin
    select raise(abort, 'audit_log is append-only');
end;
