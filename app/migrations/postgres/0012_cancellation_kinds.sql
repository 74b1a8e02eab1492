-- What a cancelled booking was (issue 13), so the termination rules count only what the
-- standard counts:
--   cancel_kind  'cancelled' the citizen's own cancellation of a session;
--                'moved'     moved to another time by the citizen: no training lost, counts for
--                            nothing (BRS-18b counts "aflyst");
--                'absence'   cancelled by the absence period absence_id; whether it counts
--                            depends on the period's reason and the municipality's file
--                            (`[rules.absence] excused`).
--   late_reason  why a cancellation was late: 'after_deadline', or 'after_session_start' (a
--                notice after an early session has begun is accepted, FRB-15).
alter table bookings add column cancel_kind text;
alter table bookings add column absence_id bigint references absence_periods(id);
alter table bookings add column late_reason text;

-- Bookings cancelled before this migration. A move cancelled the old booking and booked the new
-- one in one transaction at one instant; an absence period cancelled its sessions at the instant
-- it was registered. Those instants tell them apart; every other cancellation was the citizen's.
update bookings set cancel_kind = 'moved'
 where status = 'cancelled' and exists (
    select 1 from bookings n
     where n.citizen_id = bookings.citizen_id and n.course_id = bookings.course_id
       and n.id <> bookings.id and n.booked_at = bookings.cancelled_at);
update bookings set cancel_kind = 'absence', absence_id = (
    select min(ap.id) from absence_periods ap
     where ap.citizen_id = bookings.citizen_id and ap.created_at = bookings.cancelled_at)
 where status = 'cancelled' and cancel_kind is null and exists (
    select 1 from absence_periods ap
     where ap.citizen_id = bookings.citizen_id and ap.created_at = bookings.cancelled_at);
update bookings set cancel_kind = 'cancelled' where status = 'cancelled' and cancel_kind is null;
update bookings set late_reason = 'after_deadline' where status = 'cancelled' and cancelled_late;
