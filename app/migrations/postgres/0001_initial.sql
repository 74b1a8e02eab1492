-- Træningsportalen: the whole product's schema (PostgreSQL).
-- Instants are UTC, stored as timestamptz; dates are local Danish calendar dates.
-- The SQLite migration of the same number has the same tables and columns.

create table municipalities (
    slug text primary key,
    name text not null,
    updated_at timestamptz not null
);

-- Citizens, relatives and staff. `subject` is the sign-in broker's stable person identifier.
-- No CPR number is stored: only the birth date, which age rules need.
create table people (
    id bigint generated always as identity primary key,
    subject text not null unique,
    name text not null,
    email text,
    phone text,
    birth_date date,
    home_municipality text references municipalities(slug),
    created_at timestamptz not null
);

create table staff_roles (
    person_id bigint not null references people(id),
    municipality text not null references municipalities(slug),
    role text not null check (role in ('visitator', 'therapist', 'admin')),
    created_at timestamptz not null,
    primary key (person_id, municipality, role)
);

-- Fuldmagt: what a relative (proxy) may do for a citizen, each scope separately, until expires_on.
create table powers_of_attorney (
    id bigint generated always as identity primary key,
    citizen_id bigint not null references people(id),
    proxy_id bigint references people(id),
    invite_token_hash text unique,
    invite_email text,
    scope_view boolean not null default true,
    scope_apply boolean not null default false,
    scope_book boolean not null default false,
    scope_complain boolean not null default false,
    scope_consents boolean not null default false,
    expires_on date not null,
    source text not null check (source in ('citizen', 'paper', 'guardianship')),
    document_ref text,
    created_by bigint not null references people(id),
    created_at timestamptz not null,
    accepted_at timestamptz,
    revoked_at timestamptz,
    revoked_by bigint references people(id)
);
create index powers_of_attorney_proxy on powers_of_attorney(proxy_id);
create index powers_of_attorney_citizen on powers_of_attorney(citizen_id);

create table consent_texts (
    id bigint generated always as identity primary key,
    municipality text not null references municipalities(slug),
    purpose text not null,
    version bigint not null,
    text_da text not null,
    text_en text not null,
    created_at timestamptz not null,
    unique (municipality, purpose, version)
);

create table consents (
    id bigint generated always as identity primary key,
    citizen_id bigint not null references people(id),
    consent_text_id bigint not null references consent_texts(id),
    relative_id bigint references people(id),
    given_by bigint not null references people(id),
    method text not null check (method in ('mitid', 'paper', 'oral_recorded')),
    given_at timestamptz not null,
    withdrawn_at timestamptz,
    withdrawn_by bigint references people(id)
);
create index consents_citizen on consents(citizen_id);

create table applications (
    id bigint generated always as identity primary key,
    reference text not null unique,
    citizen_id bigint not null references people(id),
    municipality text not null references municipalities(slug),
    created_by bigint not null references people(id),
    status text not null check (status in ('draft', 'awaiting_consent', 'submitted', 'in_progress', 'decided', 'withdrawn')),
    answers text not null default '{}',
    preferred_form text,
    preferred_place text,
    transport_need text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    submitted_at timestamptz,
    first_contact_at timestamptz,
    home_visit_at timestamptz,
    assessed_at timestamptz,
    visitation_at timestamptz,
    referral_received_at timestamptz,
    pre_exam_at timestamptz
);
create index applications_municipality_status on applications(municipality, status);
create index applications_citizen on applications(citizen_id);

create table decisions (
    id bigint generated always as identity primary key,
    application_id bigint references applications(id),
    citizen_id bigint not null references people(id),
    municipality text not null references municipalities(slug),
    kind text not null check (kind in ('application', 'termination', 'complaint_reassessment')),
    outcome text not null check (outcome in ('granted', 'partly_granted', 'refused', 'terminated')),
    training_form text,
    place text,
    sessions_per_week bigint,
    weeks bigint,
    start_on date,
    reasons text,
    legal_basis text not null,
    complaint_guidance text,
    decided_by bigint not null references people(id),
    decided_at timestamptz not null,
    received_at timestamptz,
    received_by bigint references people(id),
    replaces_decision_id bigint references decisions(id)
);
create index decisions_citizen on decisions(citizen_id);

create table courses (
    id bigint generated always as identity primary key,
    decision_id bigint not null references decisions(id),
    citizen_id bigint not null references people(id),
    municipality text not null references municipalities(slug),
    training_form text not null,
    place text not null,
    sessions_per_week bigint,
    starts_on date not null,
    ends_on date,
    status text not null check (status in ('active', 'termination_review', 'ended')),
    created_at timestamptz not null,
    ended_at timestamptz
);
create index courses_citizen on courses(citizen_id);

create table team_series (
    id bigint generated always as identity primary key,
    municipality text not null references municipalities(slug),
    title text not null,
    place text not null,
    weekday bigint not null check (weekday between 1 and 7),
    local_start text not null,
    duration_minutes bigint not null check (duration_minutes > 0),
    capacity bigint not null check (capacity > 0),
    therapist_id bigint references people(id),
    from_on date not null,
    to_on date not null,
    created_by bigint not null references people(id),
    created_at timestamptz not null
);

-- `booked` can never exceed `capacity`: bookings raise it with a conditional update.
create table team_sessions (
    id bigint generated always as identity primary key,
    municipality text not null references municipalities(slug),
    series_id bigint references team_series(id),
    title text not null,
    place text not null,
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    capacity bigint not null check (capacity > 0),
    booked bigint not null default 0 check (booked >= 0 and booked <= capacity),
    therapist_id bigint references people(id),
    status text not null default 'scheduled' check (status in ('scheduled', 'cancelled', 'move_proposed')),
    proposed_starts_at timestamptz,
    cancelled_at timestamptz,
    moved_from_session_id bigint references team_sessions(id),
    created_at timestamptz not null
);
create index team_sessions_municipality_start on team_sessions(municipality, starts_at);

create table bookings (
    id bigint generated always as identity primary key,
    session_id bigint not null references team_sessions(id),
    citizen_id bigint not null references people(id),
    course_id bigint not null references courses(id),
    status text not null check (status in ('booked', 'cancelled')),
    booked_at timestamptz not null,
    booked_by bigint not null references people(id),
    cancelled_at timestamptz,
    cancelled_by bigint references people(id),
    cancelled_late boolean,
    cancellation_rule text,
    unique (session_id, citizen_id)
);
create index bookings_citizen on bookings(citizen_id);

create table attendance (
    session_id bigint not null references team_sessions(id),
    citizen_id bigint not null references people(id),
    status text not null check (status in ('attended', 'no_show', 'excused')),
    marked_by bigint not null references people(id),
    marked_at timestamptz not null,
    primary key (session_id, citizen_id)
);

create table absence_periods (
    id bigint generated always as identity primary key,
    citizen_id bigint not null references people(id),
    from_on date not null,
    to_on date not null,
    reason text not null,
    created_by bigint not null references people(id),
    created_at timestamptz not null
);

-- Raised by termination rules for a therapist or caseworker to review; never an action.
create table review_flags (
    id bigint generated always as identity primary key,
    course_id bigint not null references courses(id),
    rule_id text not null,
    facts text not null,
    created_at timestamptz not null,
    resolved_at timestamptz,
    resolved_by bigint references people(id),
    resolution text
);

create table complaints (
    id bigint generated always as identity primary key,
    reference text not null unique,
    citizen_id bigint not null references people(id),
    municipality text not null references municipalities(slug),
    kind text not null check (kind in ('decision', 'service')),
    decision_id bigint references decisions(id),
    body text not null default '',
    route text not null,
    submitted_by bigint not null references people(id),
    submitted_at timestamptz not null,
    deadline_at timestamptz,
    possibly_late boolean not null default false,
    status text not null,
    reassessment_due_on date,
    outcome text check (outcome in ('full', 'partial', 'upheld')),
    outcome_at timestamptz,
    new_decision_id bigint references decisions(id),
    maintain_deadline_at timestamptz,
    maintained_at timestamptz,
    forward_due_on date,
    forwarded_at timestamptz,
    updated_at timestamptz not null
);
create index complaints_municipality_status on complaints(municipality, status);

create table complaint_events (
    id bigint generated always as identity primary key,
    complaint_id bigint not null references complaints(id),
    at timestamptz not null,
    actor_id bigint references people(id),
    kind text not null,
    note text not null default ''
);

-- Written in the same transaction as the change that causes the message; a worker sends.
create table email_outbox (
    id bigint generated always as identity primary key,
    recipient_person_id bigint references people(id),
    to_address text not null,
    subject text not null,
    body_text text not null,
    created_at timestamptz not null,
    attempts bigint not null default 0,
    next_attempt_at timestamptz not null,
    locked_until timestamptz,
    sent_at timestamptz,
    last_error text
);
create index email_outbox_pending on email_outbox(sent_at, next_attempt_at);

-- Who did what, on whose behalf. Never holds CPR numbers.
create table audit_log (
    id bigint generated always as identity primary key,
    at timestamptz not null,
    actor_id bigint references people(id),
    on_behalf_of bigint references people(id),
    action text not null,
    detail text not null default ''
);
create index audit_log_on_behalf_of on audit_log(on_behalf_of, at);

-- Server-side sessions; the cookie holds a random id, the database only its SHA-256.
create table web_sessions (
    id_hash text primary key,
    person_id bigint not null references people(id),
    acting_for bigint references people(id),
    created_at timestamptz not null,
    last_seen_at timestamptz not null,
    expires_at timestamptz not null
);
create index web_sessions_person on web_sessions(person_id);

create table calendar_feeds (
    token_hash text primary key,
    citizen_id bigint not null references people(id),
    created_at timestamptz not null,
    revoked_at timestamptz
);

create table municipality_settings (
    municipality text not null references municipalities(slug),
    key text not null,
    value text not null,
    updated_by bigint references people(id),
    updated_at timestamptz not null,
    primary key (municipality, key)
);
