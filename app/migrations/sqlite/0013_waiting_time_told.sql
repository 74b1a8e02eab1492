-- VEJ-06: "Såfremt dette ikke er muligt, informeres borgeren om ventetiden." When training
-- cannot start by its date, the caseworker tells the citizen the waiting time and records when.
alter table applications add column waiting_time_told_at text;
