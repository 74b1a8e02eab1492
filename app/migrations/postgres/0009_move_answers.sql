-- A citizen's answer to the municipality's proposal to move a session (BRS-15: it moves only
-- with the citizen's agreement): 'accepted' (the booking moved to the new session) or 'declined'
-- (the booking stays).
alter table bookings add column move_answer text;

-- One new session per moved session, however many citizens accept at once.
create unique index team_sessions_moved_from on team_sessions(moved_from_session_id);
