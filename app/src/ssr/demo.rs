//! Demo people, courses and team sessions, for development mode only. Idempotent: running it
//! again adds nothing, except fresh sessions when the demo citizen has none left ahead.
use super::db::{
    DbResult, NewDecision, NewPerson, NewPower, NewTeamSession, PowerSource, Repository,
};
use super::municipalities::Municipalities;
use crate::domain::complaint_guidance::{complaint_guidance, DecisionOutcome, DecisionSubject};
use crate::domain::decision_delivery::Delivery;
use crate::domain::people::{Scopes, StaffRole};
use crate::domain::time_format::{local_date, local_instant};
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};

pub const DEMO_PREFIX: &str = "demo:";

/// The demo cast of one municipality.
struct Cast {
    slug: &'static str,
    citizen: &'static str,
    relative: &'static str,
    visitator: &'static str,
    therapist: &'static str,
    /// The municipality's administrator (settings).
    admin: &'static str,
    place: &'static str,
    /// Day of the week of the team (0 = Monday) and local start hour.
    weekday: u64,
    hour: u32,
}

const CASTS: [Cast; 5] = [
    Cast {
        slug: "vejen",
        citizen: "Karen Østergaard",
        relative: "Jens Østergaard",
        visitator: "Mette Lund",
        therapist: "Anders Holm",
        admin: "Per Dahl",
        place: "Brørup Sundhedscenter",
        weekday: 0,
        hour: 10,
    },
    Cast {
        slug: "samsoe",
        citizen: "Erik Mikkelsen",
        relative: "Lone Mikkelsen",
        visitator: "Hanne Krogh",
        therapist: "Søren Bech",
        admin: "Mona Bak",
        place: "Sundhed, Træning og Tandplejen, Sygehusvej 26, Samsø",
        weekday: 1,
        hour: 10,
    },
    Cast {
        slug: "broenderslev",
        citizen: "Inger Thomsen",
        relative: "Ole Thomsen",
        visitator: "Birgitte Dahl",
        therapist: "Kasper Vestergaard",
        admin: "Lars Krog",
        place: "Sundhedscenter Brønderslev",
        weekday: 2,
        hour: 10,
    },
    Cast {
        slug: "fredensborg",
        citizen: "Henrik Larsen",
        relative: "Sofie Larsen",
        visitator: "Camilla Friis",
        therapist: "Mads Kjær",
        admin: "Rikke Lind",
        place: "Træningscentret, Kokkedal",
        weekday: 3,
        hour: 13,
    },
    Cast {
        slug: "mariagerfjord",
        citizen: "Grethe Nielsen",
        relative: "Bo Nielsen",
        visitator: "Tina Skov",
        therapist: "Jonas Brandt",
        admin: "Jonna Friis",
        place: "Sundhedscenter Hobro",
        weekday: 4,
        hour: 9,
    },
];

const SESSIONS_AHEAD: u64 = 8;
const CAPACITY: i64 = 8;

/// The role a demo subject stands for, from its last part (`demo:vejen:borger`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoRole {
    Citizen,
    Relative,
    Staff(StaffRole),
}

pub fn demo_role(subject: &str) -> Option<DemoRole> {
    match subject.rsplit(':').next()? {
        "borger" => Some(DemoRole::Citizen),
        "paaroerende" => Some(DemoRole::Relative),
        "visitator" => Some(DemoRole::Staff(StaffRole::Visitator)),
        "terapeut" => Some(DemoRole::Staff(StaffRole::Therapist)),
        "admin" => Some(DemoRole::Staff(StaffRole::Admin)),
        _ => None,
    }
}

fn subject(slug: &str, role: &str) -> String {
    format!("{DEMO_PREFIX}{slug}:{role}")
}

pub async fn ensure_demo_data(
    repo: &dyn Repository,
    municipalities: &Municipalities,
    now: DateTime<Utc>,
) -> DbResult<()> {
    for cast in CASTS
        .iter()
        .filter(|c| municipalities.get(c.slug).is_some())
    {
        ensure_cast(repo, municipalities, cast, now).await?;
    }
    Ok(())
}

async fn ensure_person(
    repo: &dyn Repository,
    slug: &str,
    role: &str,
    name: &str,
    home: bool,
    now: DateTime<Utc>,
) -> DbResult<i64> {
    let subject = subject(slug, role);
    if let Some(p) = repo.person_by_subject(&subject).await? {
        return Ok(p.id);
    }
    let email_name = name
        .to_lowercase()
        .replace(' ', ".")
        .replace('ø', "oe")
        .replace('æ', "ae")
        .replace('å', "aa");
    repo.insert_person(
        &NewPerson {
            subject,
            name: name.to_string(),
            email: Some(format!("{email_name}@example.dk")),
            phone: None,
            birth_date: home.then(|| NaiveDate::from_ymd_opt(1961, 5, 17).expect("valid date")),
            home_municipality: home.then(|| slug.to_string()),
        },
        now,
    )
    .await
}

fn demo_guidance(
    m: &crate::domain::municipality::Municipality,
    outcome: DecisionOutcome,
) -> String {
    let g = complaint_guidance(m, DecisionSubject::Training, outcome).under(&m.rules.legal_basis);
    serde_json::to_string(&g).expect("guidance serialises")
}

async fn ensure_cast(
    repo: &dyn Repository,
    municipalities: &Municipalities,
    c: &Cast,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let existed = repo
        .person_by_subject(&subject(c.slug, "borger"))
        .await?
        .is_some();
    let citizen = ensure_person(repo, c.slug, "borger", c.citizen, true, now).await?;
    let relative = ensure_person(repo, c.slug, "paaroerende", c.relative, false, now).await?;
    let visitator = ensure_person(repo, c.slug, "visitator", c.visitator, false, now).await?;
    let therapist = ensure_person(repo, c.slug, "terapeut", c.therapist, false, now).await?;
    repo.add_staff_role(visitator, c.slug, StaffRole::Visitator, now)
        .await?;
    repo.add_staff_role(therapist, c.slug, StaffRole::Therapist, now)
        .await?;
    let admin = ensure_person(repo, c.slug, "admin", c.admin, false, now).await?;
    repo.add_staff_role(admin, c.slug, StaffRole::Admin, now)
        .await?;
    let today = local_date(now);
    if !existed {
        repo.insert_power(&NewPower {
            citizen_id: citizen,
            proxy_id: relative,
            scopes: Scopes::all(),
            expires_on: today + Days::new(365),
            source: PowerSource::Citizen,
            document_ref: None,
            created_by: citizen,
            created_at: now,
        })
        .await?;
        let municipality = municipalities
            .get(c.slug)
            .expect("cast filtered on loaded municipalities");
        // An earlier refusal, published in the portal six weeks ago: its complaint deadline has
        // passed, so a complaint about it is accepted and marked possibly late (GEN-5).
        let earlier = now - chrono::Duration::days(42);
        let (refusal, _) = repo
            .insert_decision_with_course(&NewDecision {
                application_id: None,
                complaint_guidance: Some(demo_guidance(municipality, DecisionOutcome::Refused)),
                replaces_decision_id: None,
                citizen_id: citizen,
                municipality: c.slug.to_string(),
                outcome: crate::domain::complaint_guidance::DecisionOutcome::Refused,
                training_form: "individual".into(),
                place: String::new(),
                sessions_per_week: 0,
                weeks: None,
                start_on: local_date(earlier),
                reasons: Some("Du har søgt om individuel træning. Kommunen vurderer, at holdtræning kan dække dit behov, og at du kan deltage på et hold.".into()),
                legal_basis: municipality.rules.legal_basis.clone(),
                decided_by: visitator,
                decided_at: earlier,
                delivery: Delivery::Portal(earlier),
                transport_outcome: None,
                transport_guidance: None,
                last_day_on: None,
            })
            .await?;
        repo.record_first_opening(refusal, citizen, earlier + chrono::Duration::hours(1))
            .await?;
        repo.insert_decision_with_course(&granted_team_course(
            municipality,
            c,
            citizen,
            visitator,
            now,
        ))
        .await?;
    }
    let Some(course) = repo.current_course(citizen).await? else {
        return Ok(());
    };
    // The next SESSIONS_AHEAD weekly sessions on the cast's weekday, from tomorrow on.
    let tomorrow = today + Days::new(1);
    let offset = (c.weekday + 7 - u64::from(tomorrow.weekday().num_days_from_monday())) % 7;
    let first = tomorrow + Days::new(offset);
    if c.slug == FULL_SESSION_IN {
        ensure_full_session(repo, municipalities, c, first, now).await?;
    }
    if !repo.booked_sessions_from(citizen, now).await?.is_empty() {
        return Ok(());
    }
    for week in 0..SESSIONS_AHEAD {
        let day = first + Days::new(7 * week);
        let Some(starts_at) = local_instant(day, c.hour, 0) else {
            continue;
        };
        let session = repo
            .insert_team_session(&demo_session(c, starts_at, CAPACITY, Some(therapist), now))
            .await?;
        repo.book(session, &course, visitator, now, None).await?;
    }
    Ok(())
}

/// A course of team training, once a week for twelve weeks from today, granted by `visitator`.
fn granted_team_course(
    municipality: &crate::domain::municipality::Municipality,
    c: &Cast,
    citizen: i64,
    visitator: i64,
    now: DateTime<Utc>,
) -> NewDecision {
    NewDecision {
        application_id: None,
        complaint_guidance: Some(demo_guidance(municipality, DecisionOutcome::Granted)),
        replaces_decision_id: None,
        citizen_id: citizen,
        municipality: c.slug.to_string(),
        outcome: crate::domain::complaint_guidance::DecisionOutcome::Granted,
        training_form: "team".into(),
        place: c.place.to_string(),
        sessions_per_week: 1,
        weeks: Some(12),
        start_on: local_date(now),
        reasons: None,
        legal_basis: municipality.rules.legal_basis.clone(),
        decided_by: visitator,
        decided_at: now,
        delivery: Delivery::Portal(now),
        transport_outcome: None,
        transport_guidance: None,
        last_day_on: None,
    }
}

/// An hour of the cast's team training at `starts_at`.
fn demo_session(
    c: &Cast,
    starts_at: DateTime<Utc>,
    capacity: i64,
    therapist: Option<i64>,
    now: DateTime<Utc>,
) -> NewTeamSession {
    NewTeamSession {
        municipality: c.slug.to_string(),
        title: "Vedligeholdende holdtræning".into(),
        place: c.place.to_string(),
        starts_at,
        ends_at: starts_at + chrono::Duration::minutes(60),
        capacity,
        therapist_id: therapist,
        created_at: now,
    }
}

/// Where the demo has a full session, for the waiting list (issue 19).
const FULL_SESSION_IN: &str = "mariagerfjord";

/// A full session in the week after the demo citizen's booked ones: one place, taken by a
/// neighbour with a course of their own (`nabo`: not offered for sign-in).
async fn ensure_full_session(
    repo: &dyn Repository,
    municipalities: &Municipalities,
    c: &Cast,
    first: NaiveDate,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let neighbour = ensure_person(repo, c.slug, "nabo", "Poul Nabo", true, now).await?;
    let visitator = ensure_person(repo, c.slug, "visitator", c.visitator, false, now).await?;
    if repo.current_course(neighbour).await?.is_none() {
        let municipality = municipalities
            .get(c.slug)
            .expect("cast filtered on loaded municipalities");
        repo.insert_decision_with_course(&granted_team_course(
            municipality,
            c,
            neighbour,
            visitator,
            now,
        ))
        .await?;
    }
    let Some(course) = repo.current_course(neighbour).await? else {
        return Ok(());
    };
    if !repo.booked_sessions_from(neighbour, now).await?.is_empty() {
        return Ok(());
    }
    let day = first + Days::new(7 * SESSIONS_AHEAD);
    let Some(starts_at) = local_instant(day, c.hour, 0) else {
        return Ok(());
    };
    let session = repo
        .insert_team_session(&demo_session(c, starts_at, 1, None, now))
        .await?;
    repo.book(session, &course, visitator, now, None).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_roles_come_from_the_subject() {
        assert_eq!(demo_role("demo:vejen:borger"), Some(DemoRole::Citizen));
        assert_eq!(
            demo_role("demo:samsoe:paaroerende"),
            Some(DemoRole::Relative)
        );
        assert_eq!(
            demo_role("demo:fredensborg:terapeut"),
            Some(DemoRole::Staff(StaffRole::Therapist))
        );
        assert_eq!(demo_role("demo:fredensborg:x"), None);
    }
}
