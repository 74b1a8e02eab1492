-- Træningsportalen: the whole product's schema (SQLite).
-- Instants are UTC, stored as RFC 3339 text; dates are local Danish calendar dates (YYYY-MM-DD).
-- The PostgreSQL migration of the same number has the same tables and columns.

create table municipalities (
    slug text primary key,
    name text not null,
    updated_at text not null
);

-- Citizens, relatives and staff. `subject` is the sign-in broker's stable person identifier.
-- No CPR number is stored: only the birth date, which age rules need.
create table people (
    id integer primary key autoincrement,
    subject text not null unique,
    name text not null,
    email text,
    phone text,
    birth_date text,
    home_municipality text references municipalities(slug),
    created_at text not null
);

create table staff_roles (
    person_id integer not null references people(id),
    municipality text not null references municipalities(slug),
    role text not null check (role in ('visitator', 'therapist', 'admin')),
    created_at text not null,
    primary key (person_id, municipality, role)
);

-- Fuldmagt: what a relative (proxy) may do for a citizen, each scope separately, until expires_on.
create table powers_of_attorney (
    id integer primary key autoincrement,
    citizen_id integer not null references people(id),
    proxy_id integer references people(id),
    invite_token_hash text unique,
    invite_email text,
    scope_view integer not null default 1 check (scope_view in (0, 1)),
    scope_apply integer not null default 0 check (scope_apply in (0, 1)),
    scope_book integer not null default 0 check (scope_book in (0, 1)),
    scope_complain integer not null default 0 check (scope_complain in (0, 1)),
    scope_consents integer not null default 0 check (scope_consents in (0, 1)),
    expires_on text not null,
    source text not null check (source in ('citizen', 'paper', 'guardianship')),
    document_ref text,
    created_by integer not null references people(id),
    created_at text not null,
    accepted_at text,
    revoked_at text,
    revoked_by integer references people(id)
);
create index powers_of_attorney_proxy on powers_of_attorney(proxy_id);
create index powers_of_attorney_citizen on powers_of_attorney(citizen_id);

create table consent_texts (
    id integer primary key autoincrement,
    municipality text not null references municipalities(slug),
    purpose text not null,
    version integer not null,
    text_da text not null,
    text_en text not null,
    created_at text not null,
    unique (municipality, purpose, version)
);

create table consents (
    id integer primary key autoincrement,
    citizen_id integer not null references people(id),
    consent_text_id integer not null references consent_texts(id),
    relative_id integer references people(id),
    given_by integer not null references people(id),
    method text not null check (method in ('mitid', 'paper', 'oral_recorded')),
    given_at text not null,
    withdrawn_at text,
    withdrawn_by integer references people(id)
);
create index consents_citizen on consents(citizen_id);

create table applications (
    id integer primary key autoincrement,
    reference text not null unique,
    citizen_id integer not null references people(id),
    municipality text not null references municipalities(slug),
    created_by integer not null references people(id),
    status text not null check (status in ('draft', 'awaiting_consent', 'submitted', 'in_progress', 'decided', 'withdrawn')),
    answers text not null default '{}',
    preferred_form text,
    preferred_place text,
    transport_need text,
    created_at text not null,
    updated_at text not null,
    submitted_at text,
    first_contact_at text,
    home_visit_at text,
    assessed_at text,
    visitation_at text,
    referral_received_at text,
    pre_exam_at text
);
create index applications_municipality_status on applications(municipality, status);
create index applications_citizen on applications(citizen_id);

create table decisions (
    id integer primary key autoincrement,
    application_id integer references applications(id),
    citizen_id integer not null references people(id),
    municipality text not null references municipalities(slug),
    kind text not null check (kind in ('application', 'termination', 'complaint_reassessment')),
    outcome text not null check (outcome in ('granted', 'partly_granted', 'refused', 'terminated')),
    training_form text,
    place text,
    sessions_per_week integer,
    weeks integer,
    start_on text,
    reasons text,
    legal_basis text not null,
    complaint_guidance text,
    decided_by integer not null references people(id),
    decided_at text not null,
    received_at text,
    received_by integer references people(id),
    replaces_decision_id integer references decisions(id)
);
create index decisions_citizen on decisions(citizen_id);

create table courses (
    id integer primary key autoincrement,
    decision_id integer not null references decisions(id),
    citizen_id integer not null references people(id),
    municipality text not null references municipalities(slug),
    training_form text not null,
    place text not null,
    sessions_per_week integer,
    starts_on text not null,
    ends_on text,
    status text not null check (status in ('active', 'termination_review', 'ended')),
    created_at text not null,
    ended_at text
);
create index courses_citizen on courses(citizen_id);

create table team_series (
    id integer primary key autoincrement,
    municipality text not null references municipalities(slug),
    title text not null,
    place text not null,
    weekday integer not null check (weekday between 1 and 7),
    local_start text not null,
    duration_minutes integer not null check (duration_minutes > 0),
    capacity integer not null check (capacity > 0),
    therapist_id integer references people(id),
    from_on text not null,
    to_on text not null,
    created_by integer not null references people(id),
    created_at text not null
);

-- `booked` can never exceed `capacity`: bookings raise it with a conditional update.
create table team_sessions (
    id integer primary key autoincrement,
    municipality text not null references municipalities(slug),
    series_id integer references team_series(id),
    title text not null,
    place text not null,
    starts_at text not null,
    ends_at text not null,
    capacity integer not null check (capacity > 0),
    booked integer not null default 0 check (booked >= 0 and booked <= capacity),
    therapist_id integer references people(id),
    status text not null default 'scheduled' check (status in ('scheduled', 'cancelled', 'move_proposed')),
    proposed_starts_at text,
    cancelled_at text,
    moved_from_session_id integer references team_sessions(id),
    created_at text not null
);
create index team_sessions_municipality_start on team_sessions(municipality, starts_at);

create table bookings (
    id integer primary key autoincrement,
    session_id integer not null references team_sessions(id),
    citizen_id integer not null references people(id),
    course_id integer not null references courses(id),
    status text not null check (status in ('booked', 'cancelled')),
    booked_at text not null,
    booked_by integer not null references people(id),
    cancelled_at text,
    cancelled_by integer references people(id),
    cancelled_late integer check (cancelled_late in (0, 1)),
    cancellation_rule text,
    unique (session_id, citizen_id)
);
create index bookings_citizen on bookings(citizen_id);

create table attendance (
    session_id integer not null references team_sessions(id),
    citizen_id integer not null references people(id),
    status text not null check (status in ('attended', 'no_show', 'excused')),
    marked_by integer not null references people(id),
    marked_at text not null,
    primary key (session_id, citizen_id)
);

create table absence_periods (
    id integer primary key autoincrement,
    citizen_id integer not null references people(id),
    from_on text not null,
    to_on text not null,
    reason text not null,
    created_by integer not null references people(id),
    created_at text not null
);

-- Raised by termination rules for a therapist or caseworker to review; never an action.
create table review_flags (
    id integer primary key autoincrement,
    course_id integer not null references courses(id),
    rule_id text not null,
    facts text not null,
    created_at text not null,
    resolved_at text,
    resolved_by integer references people(id),
    resolution text
);

create table complaints (
    id integer primary key autoincrement,
    reference text not null unique,
    citizen_id integer not null references people(id),
    municipality text not null references municipalities(slug),
    kind text not null check (kind in ('decision', 'service')),
    decision_id integer references decisions(id),
    body text not null default '',
    route text not null,
    submitted_by integer not null references people(id),
    submitted_at text not null,
    deadline_at text,
    possibly_late integer not null default 0 check (possibly_late in (0, 1)),
    status text not null,
    reassessment_due_on text,
    outcome text check (outcome in ('full', 'partial', 'upheld')),
    outcome_at text,
    new_decision_id integer references decisions(id),
    maintain_deadline_at text,
    maintained_at text,
    forward_due_on text,
    forwarded_at text,
    updated_at text not null
);
create index complaints_municipality_status on complaints(municipality, status);

create table complaint_events (
    id integer primary key autoincrement,
    complaint_id integer not null references complaints(id),
    at text not null,
    actor_id integer references people(id),
    kind text not null,
    note text not null default ''
);

-- Written in the same transaction as the change that causes the message; a worker sends.
create table email_outbox (
    id integer primary key autoincrement,
    recipient_person_id integer references people(id),
    to_address text not null,
    subject text not null,
    body_text text not null,
    created_at text not null,
    attempts integer not null default 0,
    next_attempt_at text not null,
    locked_until text,
    sent_at text,
    last_error text
);
create index email_outbox_pending on email_outbox(sent_at, next_attempt_at);

-- Who did what, on whose behalf. Never holds CPR numbers.
create table audit_log (
    id integer primary key autoincrement,
    at text not null,
    actor_id integer references people(id),
    on_behalf_of integer references people(id),
    action text not null,
    detail text not null default ''
);
create index audit_log_on_behalf_of on audit_log(on_behalf_of, at);

-- Server-side sessions; the cookie holds a random id, the database only its SHA-256.
create table web_sessions (
    id_hash text primary key,
    person_id integer not null references people(id),
    acting_for integer references people(id),
    created_at text not null,
    last_seen_at text not null,
    expires_at text not null
);
create index web_sessions_person on web_sessions(person_id);

create table calendar_feeds (
    token_hash text primary key,
    citizen_id integer not null references people(id),
    created_at text not null,
    revoked_at text
);

create table municipality_settings (
    municipality text not null references municipalities(slug),
    key text not null,
    value text not null,
    updated_by integer references people(id),
    updated_at text not null,
    primary key (municipality, key)
);
