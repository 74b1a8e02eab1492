-- What a caseworker typed in a decision form that could not be made yet (a problem to correct),
-- so nothing typed is lost, with or without JavaScript. Removed when the decision is made.
create table decision_drafts (
    application_id bigint not null references applications(id),
    staff_id bigint not null references people(id),
    fields text not null,
    updated_at timestamptz not null,
    primary key (application_id, staff_id)
);
