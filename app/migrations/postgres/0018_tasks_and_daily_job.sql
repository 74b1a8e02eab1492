-- Tasks (issue 15): every obligation the rules and workflows create, one list per municipality.
-- A task is raised once per thing that created it (kind + subject, e.g. the hearing or the
-- cancelled booking), by the job that looks for obligations; staff take, reassign and close it.
-- Nothing closes a task by itself.
--   kind     'reassess_on_discharge' (BRS-19), 'tell_waiting_time' (VEJ-06),
--            'offer_alternative' (FRB-12), 'partial_agreement_answer' (BRS-26),
--            'hearing_deadline' (GEN-2), 'decision_unopened' (CAL-8)
--   subject  the id of what raised it: a review flag, an application, a booking, a complaint,
--            a hearing, a decision
--   status   'open' or 'closed'
create table tasks (
    id bigint generated always as identity primary key,
    municipality text not null references municipalities(slug),
    kind text not null check (kind in ('reassess_on_discharge', 'tell_waiting_time',
        'offer_alternative', 'partial_agreement_answer', 'hearing_deadline', 'decision_unopened')),
    subject bigint not null,
    rule_id text not null,
    citizen_id bigint not null references people(id),
    due_on date not null,
    facts_da text not null,
    facts_en text not null,
    link text not null default '',
    assignee_id bigint references people(id),
    status text not null default 'open' check (status in ('open', 'closed')),
    created_at timestamptz not null,
    closed_at timestamptz,
    closed_by bigint references people(id),
    close_note text
);
create unique index tasks_once on tasks(kind, subject);
create index tasks_municipality_status on tasks(municipality, status, due_on);

-- The daily job runs once per local day across all instances: the first to insert the day's row
-- runs it. A run that did not finish within an hour may be taken over (its steps are each done
-- once: flags and emails are deduplicated).
create table daily_runs (
    day date primary key,
    instance text not null,
    started_at timestamptz not null,
    finished_at timestamptz,
    flags_raised bigint,
    digests_sent bigint
);

-- Temporary changes to a contact's phone hours (issue 15, settings): from a day to a day the
-- contact's phone is closed or open at other times. Rows are only added; the newest covering a
-- day is in force. hours is JSON of the file's `open` list; '[]' means closed.
create table phone_hour_changes (
    id bigint generated always as identity primary key,
    municipality text not null references municipalities(slug),
    rule_id text not null,
    from_on date not null,
    to_on date not null,
    hours text not null,
    note text not null default '',
    set_by bigint not null references people(id),
    set_at timestamptz not null
);
create index phone_hour_changes_municipality on phone_hour_changes(municipality);
