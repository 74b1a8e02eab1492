-- Applications and complaints received by phone, letter or referral and registered by staff
-- (issue 15; GEN-5, GEN-7, SAM-12, VEJ-05).
--   applications.channel       how it arrived: 'portal' (sent by the citizen or a relative),
--                              'phone', 'letter', 'gp_referral', 'municipal_unit', 'borgerservice'
--   applications.registered_by the staff member who registered it (null for the portal)
--   complaints.channel         'portal', 'phone' or 'letter'
--   complaints.sent_on         the day a letter complaint was sent (Fredensborg counts "sent",
--                              FRB-29); submitted_at is when it was received
--   consents.document_ref      the reference of a consent given on paper (method 'paper'); an
--                              oral consent (method 'oral_recorded') names who took it in
--                              given_by and when in given_at
alter table applications add column channel text not null default 'portal'
    check (channel in ('portal', 'phone', 'letter', 'gp_referral', 'municipal_unit', 'borgerservice'));
alter table applications add column registered_by integer references people(id);
alter table complaints add column channel text not null default 'portal'
    check (channel in ('portal', 'phone', 'letter'));
alter table complaints add column sent_on text;
alter table consents add column document_ref text;
