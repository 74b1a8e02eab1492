-- Issue 16: the calendar feed's address is a secret the portal shows once, when it is made (as
-- services that issue secrets do); the database keeps only its SHA-256 (the primary key). Feeds
-- made before keep working through their hash.
alter table calendar_feeds drop column token;
