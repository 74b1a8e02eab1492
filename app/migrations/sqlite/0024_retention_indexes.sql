-- Case retention (issue 17): the daily job finds what hangs on a decision, and every deletion
-- checks the rows that refer to it; these indexes keep both from reading whole tables while
-- SQLite's one writer waits.
create index courses_decision on courses(decision_id);
create index bookings_course on bookings(course_id);
create index bookings_absence on bookings(absence_id);
create index hearings_course on hearings(course_id);
create index hearings_decision on hearings(decision_id);
create index review_flags_course on review_flags(course_id);
create index complaints_new_decision on complaints(new_decision_id);
create index decisions_replaces on decisions(replaces_decision_id);
create index decisions_application on decisions(application_id);
create index decisions_decided on decisions(decided_at);
create index absence_periods_to on absence_periods(to_on);
