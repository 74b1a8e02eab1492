-- Receipt of a decision (issue 13, CAL-8): the complaint deadline runs from when the decision
-- became available to the citizen, not from when someone first opened it.
--   delivery      'portal' (published in the portal: available at available_at),
--                 'letter' (a paper letter dated delivered_on) or
--                 'in_person' (handed over on delivered_on).
--   first_opened_at / first_opened_by: when and by whom the citizen's side first read it. A fact
--                 shown to staff and in Min log; it starts or moves no clock.
-- Existing decisions: the portal published every decision when it was made, so they are read as
-- delivery 'portal'. One already opened was shown a complaint deadline counted from that opening;
-- it keeps it (available at the opening, the later day: the reading that costs the citizen no
-- time she was told she had). One never opened counts from when it was made. What was recorded
-- as "received" was the first opening, and is kept as that too.
alter table decisions rename column received_at to first_opened_at;
alter table decisions rename column received_by to first_opened_by;
alter table decisions add column delivery text not null default 'portal'
    check (delivery in ('portal', 'letter', 'in_person'));
alter table decisions add column available_at timestamptz;
alter table decisions add column delivered_on date;
update decisions set available_at = coalesce(first_opened_at, decided_at) where delivery = 'portal';
