-- What a municipality's administrator sets in the portal because the file cannot know it in
-- advance (issue 15): the closure weeks a standard leaves to each year (SAM-21's three July
-- weeks), and a message shown on the municipality's pages. Rows are only added: the newest for
-- a (municipality, rule, year) or a municipality's message is in force, the older ones are the
-- record of who changed what and when. An empty message ends the message.
create table closure_weeks (
    id bigint generated always as identity primary key,
    municipality text not null references municipalities(slug),
    rule_id text not null,
    year bigint not null,
    weeks text not null,
    set_by bigint not null references people(id),
    set_at timestamptz not null
);
create index closure_weeks_municipality on closure_weeks(municipality, rule_id, year);

create table municipality_messages (
    id bigint generated always as identity primary key,
    municipality text not null references municipalities(slug),
    text text not null,
    set_by bigint not null references people(id),
    set_at timestamptz not null
);
create index municipality_messages_municipality on municipality_messages(municipality);
