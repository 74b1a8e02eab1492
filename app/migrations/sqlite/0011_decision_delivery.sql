-- Receipt of a decision (issue 13, CAL-8): the complaint deadline runs from when the decision
-- became available to the citizen, not from when someone first opened it.
--   delivery      'portal' (published in the portal: available at available_at),
--                 'letter' (a paper letter dated delivered_on) or
--                 'in_person' (handed over on delivered_on).
--   first_opened_at / first_opened_by: when and by whom the citizen's side first read it. A fact
--                 shown to staff and in Min log; it starts or moves no clock.
-- Existing decisions: the portal published every decision when it was made (and emailed the
-- citizen that it was waiting), so they are read as delivery 'portal', available at decided_at.
-- What was recorded as "received" was in fact the first opening, and is kept as that.
alter table decisions rename column received_at to first_opened_at;
alter table decisions rename column received_by to first_opened_by;
alter table decisions add column delivery text not null default 'portal'
    check (delivery in ('portal', 'letter', 'in_person'));
alter table decisions add column available_at text;
alter table decisions add column delivered_on text;
update decisions set available_at = decided_at where delivery = 'portal';
