-- Issue 16: every log entry carries the session (the SHA-256 of its id, as web_sessions keeps
-- it) and the client's address, and the log is append-only: the database itself refuses to
-- change, delete or truncate an entry. The one exception is the retention job (the operations
-- issue), which deletes entries past their period only inside a transaction that first puts a
-- row in audit_purge and removes it again before committing; no other transaction sees that row.
alter table audit_log add column session_hash text;
alter table audit_log add column client_addr text;
create index audit_log_by_actor on audit_log(on_behalf_of, actor_id);

create table audit_purge (started_at timestamptz not null);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and exists (select 1 from audit_purge) then
        return old;
    end if;
    raise exception 'audit_log is append-only';
end
$$;

create trigger audit_log_no_change before update or delete on audit_log
    for each row execute function audit_log_append_only();

create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only();
