-- A decision may carry a part on transport to the training under SEL § 117 (MAR-18):
-- 'granted' or 'refused', with its own complaint guidance (JSON), which in Mariagerfjord says
-- it cannot be appealed. Null where the decision says nothing about transport.
alter table decisions add column transport_outcome text check (transport_outcome in ('granted', 'refused'));
alter table decisions add column transport_guidance text;
