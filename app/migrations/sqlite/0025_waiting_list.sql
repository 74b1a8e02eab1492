-- Issue 19: a waiting list for a full team session. A place freed on a full session is held for
-- the first on its list (`held`), so nobody else takes it while they are offered it; the places
-- booked and held never pass the capacity (the trigger, as SQLite cannot add a table check).
alter table team_sessions add column held integer not null default 0 check (held >= 0);
create trigger team_sessions_places_within_capacity
before update of booked, held, capacity on team_sessions
when new.booked + new.held > new.capacity
begin
    select raise(abort, 'booked and held places exceed the capacity');
end;

create table waiting_list (
    id integer primary key autoincrement,
    session_id integer not null references team_sessions(id),
    citizen_id integer not null references people(id),
    course_id integer not null references courses(id),
    status text not null default 'waiting'
        check (status in ('waiting', 'offered', 'accepted', 'lapsed', 'left')),
    joined_at text not null,
    joined_by integer not null references people(id),
    -- While offered: the place is held for them until offer_until.
    offered_at text,
    offer_until text,
    -- When the citizen was told of the offer (the notice is in the outbox).
    notified_at text,
    closed_at text,
    closed_by integer references people(id)
);
-- On a session's list once at a time; the queue is by joining.
create unique index waiting_list_open on waiting_list (session_id, citizen_id)
    where status in ('waiting', 'offered');
create index waiting_list_queue on waiting_list (session_id, status, joined_at, id);
create index waiting_list_citizen on waiting_list (citizen_id, status);
create index waiting_list_offers on waiting_list (status, offer_until);
