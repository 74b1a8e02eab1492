//! Which cases have ended long enough ago to go, and what goes with each
//! (`Retention::cases_days` says when; this file says what, in SQL both databases read).
//!
//! A case hangs on a decision: its courses (a new decision after a complaint carries the course
//! on, so a course hangs on the newest decision), their bookings and attendance, the review
//! flags and hearings on those courses, hearings that led to the decision, complaints about it
//! or that led to it, and the tasks about any of these. Tasks name what raised them by kind and
//! id (`domain::tasks`), so they are matched kind by kind.

/// The case's parts, for the decision `{D}` (an SQL expression).
fn courses(d: &str) -> String {
    format!("select id from courses where decision_id = {d}")
}

fn hearings(d: &str) -> String {
    format!(
        "select id from hearings where decision_id = {d} or course_id in ({})",
        courses(d)
    )
}

fn complaints(d: &str) -> String {
    format!("select id from complaints where decision_id = {d} or new_decision_id = {d}")
}

fn bookings(d: &str) -> String {
    format!(
        "select id from bookings where course_id in ({})",
        courses(d)
    )
}

/// Whether the task `t` is about the case of decision `{D}`.
fn task_about(d: &str) -> String {
    format!(
        "(t.kind = 'decision_unopened' and t.subject = {d})
         or (t.kind = 'tell_waiting_time'
             and t.subject in (select application_id from decisions where id = {d}))
         or (t.kind = 'offer_alternative' and t.subject in ({bookings}))
         or (t.kind = 'reassess_on_discharge'
             and t.subject in (select id from review_flags where course_id in ({courses})))
         or (t.kind = 'partial_agreement_answer' and t.subject in ({complaints}))
         or (t.kind = 'hearing_deadline' and t.subject in ({hearings}))",
        bookings = bookings(d),
        courses = courses(d),
        complaints = complaints(d),
        hearings = hearings(d),
    )
}

/// Whether the course `c` still runs, or ended on or after the cutoff day `$2`: in a hearing
/// about ending it, without a last day (a course granted until further notice), or with a
/// session booked on it from the cutoff `$1` on. Written so that a missing value counts as
/// running, never as ended.
const COURSE_RUNNING: &str = "(c.status = 'termination_review'
     or coalesce(c.last_day_on, c.ends_on) is null
     or coalesce(c.last_day_on, c.ends_on) >= $2
     or exists (select 1 from bookings b join team_sessions s on s.id = b.session_id
                where b.course_id = c.id and s.starts_at >= $1))";

/// Whether the decision `{D}` and everything hanging on it ended before the cutoff (`$1` the
/// instant, `$2` the local day). See `Retention::cases_days` for the reading. A decision a
/// complaint led to away from it (a new decision) goes first, and the complaint with it; a
/// decision another replaces waits for that one. A complaint with Ankestyrelsen counts as
/// finished once it was sent more than the period ago (Ankestyrelsen decides within months; a
/// complaint it sends back years later is a new case).
fn ended(d: &str) -> String {
    format!(
        "exists (select 1 from decisions x where x.id = {d} and x.decided_at < $1
                   and ((x.available_at is not null and x.available_at < $1)
                        or (x.delivered_on is not null and x.delivered_on < $2)))
         and not exists (select 1 from decisions e where e.replaces_decision_id = {d})
         and not exists (select 1 from applications a join decisions x on x.application_id = a.id
                         where x.id = {d}
                           and (a.status not in ('decided', 'withdrawn') or a.updated_at >= $1))
         and not exists (select 1 from courses c where c.decision_id = {d} and {COURSE_RUNNING})
         and not exists (select 1 from hearings h join courses c on c.id = h.course_id
                         where (h.decision_id = {d} or c.decision_id = {d})
                           and (h.status in ('awaiting_answer', 'answered')
                                or h.decided_at is null or h.decided_at >= $1
                                or {COURSE_RUNNING}))
         and not exists (select 1 from complaints k
                         where k.decision_id = {d} and k.new_decision_id <> {d})
         and not exists (select 1 from complaints k
                         where (k.decision_id = {d} or k.new_decision_id = {d})
                           and (k.status not in ('closed', 'answered', 'forwarded')
                                or k.updated_at >= $1))
         and not exists (select 1 from tasks t where t.status = 'open' and ({tasks}))",
        tasks = task_about(d),
    )
}

/// The decisions made after a hearing on a course of decision `{D}` (a termination): they go
/// with `{D}`, not on their own, since the hearing and the course are theirs too.
fn after_hearing(d: &str) -> String {
    format!(
        "select h.decision_id from hearings h join courses c on c.id = h.course_id
         where c.decision_id = {d} and h.decision_id is not null and h.decision_id <> {d}"
    )
}

/// Decisions whose whole case ended before the cutoff, at most `$3` of them with an id above
/// `$4`, in id order, with their application. A decision made after a hearing on another
/// decision's course is chosen with that decision, when both have ended.
pub(in crate::ssr::db) fn ended_decisions() -> String {
    format!(
        "select d.id, d.application_id from decisions d
         where d.id > $4
           and {ended}
           and not exists (select 1 from hearings h join courses c on c.id = h.course_id
                           where h.decision_id = d.id and c.decision_id <> d.id)
           and not exists (select 1 from decisions lt where lt.id in ({after})
                           and not ({ended_after}))
         order by d.id
         limit $3",
        ended = ended("d.id"),
        after = after_hearing("d.id"),
        ended_after = ended("lt.id"),
    )
}

/// The decisions `$1` takes with it (see [`after_hearing`]), with their applications.
pub(in crate::ssr::db) fn taken_along() -> String {
    format!(
        "select id, application_id from decisions where id in ({})",
        after_hearing("$1")
    )
}

/// What goes with the decision `$1`, in an order the foreign keys allow; the decision last.
pub(in crate::ssr::db) fn delete_decision() -> Vec<String> {
    let d = "$1";
    vec![
        format!(
            "delete from tasks where id in (select t.id from tasks t where {})",
            task_about(d)
        ),
        format!(
            "delete from attendance where exists (
                 select 1 from bookings b where b.course_id in ({})
                   and b.session_id = attendance.session_id and b.citizen_id = attendance.citizen_id)",
            courses(d)
        ),
        format!("delete from hearings where id in ({})", hearings(d)),
        // The sessions stay; their count of places taken drops by the bookings that go.
        format!(
            "update team_sessions set booked = booked - (
                 select count(*) from bookings b where b.session_id = team_sessions.id
                   and b.status = 'booked' and b.course_id in ({courses}))
             where id in (select session_id from bookings
                          where status = 'booked' and course_id in ({courses}))",
            courses = courses(d)
        ),
        format!("delete from bookings where id in ({})", bookings(d)),
        format!(
            "delete from review_flags where course_id in ({})",
            courses(d)
        ),
        format!(
            "delete from complaint_events where complaint_id in ({})",
            complaints(d)
        ),
        format!(
            "delete from complaint_drafts where complaint_id in ({})",
            complaints(d)
        ),
        format!("delete from complaints where id in ({})", complaints(d)),
        // Places on waiting lists go with the course; a place held for it is let go.
        format!(
            "update team_sessions set held = held - (
                 select count(*) from waiting_list w where w.session_id = team_sessions.id
                   and w.status = 'offered' and w.course_id in ({courses}))
             where id in (select session_id from waiting_list
                          where status = 'offered' and course_id in ({courses}))",
            courses = courses(d)
        ),
        format!(
            "delete from waiting_list where course_id in ({})",
            courses(d)
        ),
        format!("delete from courses where decision_id = {d}"),
        format!("delete from decisions where id = {d}"),
    ]
}

/// The application `$1` with its drafts, once no decision is made on it any more.
pub(in crate::ssr::db) const DELETE_APPLICATION: [&str; 2] = [
    "delete from decision_drafts where application_id = $1
     and not exists (select 1 from decisions where application_id = $1)",
    "delete from applications where id = $1
     and not exists (select 1 from decisions where application_id = $1)",
];

/// Service complaints (about no decision) finished before the cutoff `$1`, at most `$2`.
pub(in crate::ssr::db) const ENDED_SERVICE_COMPLAINTS: &str = "select k.id from complaints k
     where k.decision_id is null and k.new_decision_id is null
       and k.status in ('closed', 'answered') and k.updated_at < $1
       and not exists (select 1 from tasks t where t.status = 'open'
                       and t.kind = 'partial_agreement_answer' and t.subject = k.id)
     order by k.id
     limit $2";

/// What goes with the service complaint `$1`.
pub(in crate::ssr::db) const DELETE_SERVICE_COMPLAINT: [&str; 4] = [
    "delete from tasks where kind = 'partial_agreement_answer' and subject = $1",
    "delete from complaint_events where complaint_id = $1",
    "delete from complaint_drafts where complaint_id = $1",
    "delete from complaints where id = $1",
];

/// Registered absences that ended before the cutoff day `$1` and that no kept booking names,
/// at most `$2` of them.
pub(in crate::ssr::db) const DELETE_ENDED_ABSENCES: &str = "delete from absence_periods
     where id in (select a.id from absence_periods a
                  where a.to_on < $1
                    and not exists (select 1 from bookings b where b.absence_id = a.id)
                  limit $2)";

/// Message threads with the training unit (issue 19) that go: the last message written before
/// the cutoff `$1` (the thread made then, if it has none), and nothing left of the citizen's
/// cases: no application, no decision, no complaint (a service complaint needs no case); at
/// most `$2`. The messages are kept as long as any
/// case of the citizen is, so no conversation about a case goes before the case does.
pub(in crate::ssr::db) const ENDED_MESSAGE_THREADS: &str = "select t.id from message_threads t
     where coalesce((select max(m.sent_at) from messages m where m.thread_id = t.id),
                    t.created_at) < $1
       and not exists (select 1 from decisions d where d.citizen_id = t.citizen_id)
       and not exists (select 1 from applications a where a.citizen_id = t.citizen_id)
       and not exists (select 1 from complaints k where k.citizen_id = t.citizen_id)
     order by t.id
     limit $2";

/// What goes with the message thread `$1`.
pub(in crate::ssr::db) const DELETE_MESSAGE_THREAD: [&str; 2] = [
    "delete from messages where thread_id = $1",
    "delete from message_threads where id = $1",
];

/// Cases handled per transaction.
pub(in crate::ssr::db) const CASE_BATCH: i64 = 100;
