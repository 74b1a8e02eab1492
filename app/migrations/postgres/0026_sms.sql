-- Issue 19, part 2: SMS. Each person chooses how the portal tells them things (email, SMS or
-- both); their mobile number is the existing `people.phone`, kept as +45 and eight digits.
alter table people add column notify_by text not null default 'email'
    check (notify_by in ('email', 'sms', 'both'));

-- SMS goes through the same outbox as email: a row per message and channel, written in the
-- same transaction as the change, taken by one worker of its channel at a time.
alter table email_outbox add column channel text not null default 'email'
    check (channel in ('email', 'sms'));
create index email_outbox_channel_pending on email_outbox (channel, sent_at, next_attempt_at);
