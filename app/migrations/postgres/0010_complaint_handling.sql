-- Complaints (issue 7): what a service complaint is about, the municipality's written
-- re-assessment and answer, a withdrawal after partial agreement, and the day the complaint was
-- sent to Ankestyrelsen (a date staff record, possibly earlier than the day they record it).
alter table complaints add column topic text;
alter table complaints add column reassessment text;
alter table complaints add column answer text;
alter table complaints add column answered_at timestamptz;
alter table complaints add column withdrawn_at timestamptz;
alter table complaints add column forwarded_on date;
alter table complaints add column body_hash text;
alter table complaints add column handled_by bigint references people(id);

-- One live complaint per decision, however often the button is pressed.
create unique index complaints_once_per_decision on complaints(decision_id) where kind = 'decision' and withdrawn_at is null;
-- The same service complaint sent twice while unanswered is one complaint (by a hash of its
-- text: a long text would not fit in an index entry).
create unique index complaints_service_once on complaints(citizen_id, body_hash) where kind = 'service' and answered_at is null;
create index complaints_citizen on complaints(citizen_id);
create index complaint_events_complaint on complaint_events(complaint_id);

-- What a caseworker typed in the re-assessment form, kept when the form had a problem.
create table complaint_drafts (
    complaint_id bigint not null references complaints(id),
    staff_id bigint not null references people(id),
    fields text not null,
    updated_at timestamptz not null,
    primary key (complaint_id, staff_id)
);
