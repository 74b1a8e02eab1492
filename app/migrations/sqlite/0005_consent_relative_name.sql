-- A consent to share information with a relative names that relative, as the citizen wrote it
-- (the relative need not use the portal).
alter table consents add column relative_name text;
