-- The feed's address is shown to its owner again whenever they look (as calendar services do),
-- so the token is kept; requests are still looked up by its hash, the primary key.
alter table calendar_feeds add column token text;
