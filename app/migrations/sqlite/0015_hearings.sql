-- Hearings before a termination decision (issue 15; GEN-2, BRS-18d, FRB-16, VEJ-13).
-- A caseworker starts a hearing (partshøring) on a course, from a review flag or from the course
-- itself: a letter with the facts, the rule and what the municipality considers, and a day by
-- which the citizen may answer. The citizen or a relative answers in the portal, or staff record
-- an answer given by phone. Then the caseworker decides: the course continues, or a termination
-- decision (a decision of kind 'termination', outcome 'terminated') with its last training day.
--   status        'awaiting_answer', 'answered', 'continued', 'terminated'
--   answer_due_at the last second of the answer period (Europe/Copenhagen), as the letter says it
--   answer_channel 'portal' (written by answered_by) or 'phone' (recorded by recorded_by)
--   draft         what the caseworker typed in the decision form when it had a problem (JSON)
create table hearings (
    id integer primary key autoincrement,
    course_id integer not null references courses(id),
    citizen_id integer not null references people(id),
    municipality text not null references municipalities(slug),
    flag_id integer references review_flags(id),
    rule_id text,
    facts text not null,
    considered text not null,
    answer_due_at text not null,
    status text not null check (status in ('awaiting_answer', 'answered', 'continued', 'terminated')),
    started_by integer not null references people(id),
    started_at text not null,
    answer text,
    answered_at text,
    answered_by integer references people(id),
    answer_channel text check (answer_channel in ('portal', 'phone')),
    recorded_by integer references people(id),
    decided_by integer references people(id),
    decided_at text,
    decision_reasons text,
    decision_id integer references decisions(id),
    draft text
);
create index hearings_municipality_status on hearings(municipality, status);
create index hearings_citizen on hearings(citizen_id);
-- One open hearing per course.
create unique index hearings_one_open on hearings(course_id) where status in ('awaiting_answer', 'answered');

-- A termination decision's last training day; the course ends after it (no booking past it).
alter table decisions add column last_day_on text;
alter table courses add column last_day_on text;
