-- When the reminder the day before a booked session was written to the outbox (once).
alter table bookings add column reminded_at timestamptz;
