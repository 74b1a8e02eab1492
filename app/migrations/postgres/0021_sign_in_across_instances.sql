-- Issue 16: signing out also ends the session at the provider the person signed in with
-- ('citizen' or 'staff'; none for the development sign-in), and the sign-in attempts per client
-- address are counted here, so the limit holds across every instance behind a load balancer.
alter table web_sessions add column signed_in_with text;

create table sign_in_attempts (
    client text not null,
    -- Whole minutes since 1970 (UTC): one row per client and minute.
    window_minute bigint not null,
    attempts bigint not null,
    primary key (client, window_minute)
);
