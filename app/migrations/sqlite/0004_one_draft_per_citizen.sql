-- A citizen has at most one application being written at a time: saving again updates it.
create unique index applications_one_draft on applications(citizen_id) where status = 'draft';
