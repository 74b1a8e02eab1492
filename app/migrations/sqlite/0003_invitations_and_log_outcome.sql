-- A power of attorney starts as an invitation: the relative's name and email as the citizen (or
-- staff, from a paper power or a guardianship) typed them, and until when the link works. The
-- link's token is kept only as its SHA-256 (`invite_token_hash`), and cleared when accepted.
alter table powers_of_attorney add column invite_name text;
alter table powers_of_attorney add column invite_expires_at text;

-- "Min log" shows whether each access or change went through or was refused.
alter table audit_log add column outcome text not null default 'ok' check (outcome in ('ok', 'refused'));
