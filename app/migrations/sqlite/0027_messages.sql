-- Issue 19, part 3: messages between a citizen (or a relative whose power carries the new
-- messages scope) and the training unit of their municipality, one thread per subject.
alter table powers_of_attorney add column scope_messages integer not null default 0
    check (scope_messages in (0, 1));

create table message_threads (
    id integer primary key autoincrement,
    citizen_id integer not null references people(id),
    municipality text not null references municipalities(slug),
    topic text not null check (topic in ('course', 'application', 'complaint')),
    created_at text not null
);
create unique index message_threads_one_per_topic on message_threads (citizen_id, municipality, topic);
create index message_threads_municipality on message_threads (municipality);

create table messages (
    id integer primary key autoincrement,
    thread_id integer not null references message_threads(id),
    author_id integer not null references people(id),
    -- 'citizen' (the citizen or a relative for them) or 'staff' (the unit answering).
    side text not null check (side in ('citizen', 'staff')),
    body text not null,
    sent_at text not null
);
create index messages_thread on messages (thread_id, id);
