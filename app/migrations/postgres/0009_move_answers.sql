-- A citizen's answer to the municipality's proposal to move a session (BRS-15: it moves only
-- with the citizen's agreement): 'accepted' (the booking moved to the new session) or 'declined'
-- (the booking stays).
alter table bookings add column move_answer text;

-- One new session per moved session, however many citizens accept at once.
create unique index team_sessions_moved_from on team_sessions(moved_from_session_id);

-- One open review flag per rule and course, however many actions meet it at once.
create unique index review_flags_open_once on review_flags(course_id, rule_id) where resolved_at is null;

-- The same absence period registered twice (a second press) is one period.
create unique index absence_periods_once on absence_periods(citizen_id, from_on, to_on);

-- The same series created twice (a second press) is one series.
create unique index team_series_once on team_series(municipality, title, place, weekday, local_start, from_on, to_on);
