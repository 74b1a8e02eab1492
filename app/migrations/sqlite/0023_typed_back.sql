-- Issue 16: what a person typed in a form whose post failed, kept for ten minutes so the form
-- can give it back (`ssr::typed_back`), however long the text. Sealed under a key from the
-- session's cookie, which the database never holds: only that session can read it. Ends with
-- the session (sign-out deletes it).
create table typed_back (
    id text primary key,
    session_hash text not null references web_sessions(id_hash) on delete cascade,
    sealed text not null,
    expires_at text not null
);
create index typed_back_session on typed_back(session_hash);
create index typed_back_expires on typed_back(expires_at);
