-- Issue 16: a power of attorney cannot fall into the wrong hands.
-- A power registered by staff (from paper or a guardianship) is in force only once a second
-- staff member of the municipality, never the one who registered it, has approved it. Powers
-- registered and accepted before this keep the force they had (approved_at = when registered).
alter table powers_of_attorney add column approved_by bigint references people(id);
alter table powers_of_attorney add column approved_at timestamptz;
-- (Only those already accepted: an invitation not yet taken waits for a second pair of eyes.)
update powers_of_attorney set approved_at = created_at
where source <> 'citizen' and accepted_at is not null;
-- The name from the accepting relative's MitID differed from the name in the invitation: the
-- power waits until the citizen confirms it (a power registered by staff: until a second staff
-- member approves it knowing the name).
alter table powers_of_attorney add column awaiting_confirmation boolean not null default false;
