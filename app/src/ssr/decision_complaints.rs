//! A complaint about a decision as it is received: in the portal (sent and received at once) or
//! by phone or letter as staff register it (sent and received on their own days). Whether it is
//! in time follows the municipality's rule (received, or sent in Fredensborg: FRB-29); a late one
//! is accepted and marked possibly late (GEN-5). Its clocks run from when it was received.
use crate::domain::complaint_notices::Change;
use crate::domain::complaints::{due, route_name, status, Facts, Kind};
use crate::domain::deadlines::complaint_timing;
use crate::domain::intake::Channel;
use crate::domain::lang::Lang;
use crate::domain::municipality::Municipality;
use crate::domain::time_format::{local_date, long_date, long_date_time};
use crate::errors::AppError;
use crate::ssr::complaints;
use crate::ssr::db::{DecisionRecord, NewComplaint, NewEmail};
use crate::ssr::state::AppState;
use chrono::{DateTime, Utc};

/// Who sent what, and when it was sent and received.
pub struct Received {
    pub citizen: i64,
    /// The citizen or relative who sent it, or the staff member who registered it.
    pub by: i64,
    pub body: String,
    pub channel: Channel,
    pub sent_at: DateTime<Utc>,
    pub received_at: DateTime<Utc>,
}

/// The complaint to store and the emails of its receipt.
pub struct DecisionComplaint {
    pub new: NewComplaint,
    pub emails: Vec<NewEmail>,
    pub possibly_late: bool,
}

pub async fn decision_complaint(
    state: &AppState,
    m: &Municipality,
    d: &DecisionRecord,
    r: Received,
) -> Result<DecisionComplaint, AppError> {
    let deadline = complaints::deadline_of(state, d, m.rules.complaint.weeks);
    let timing = complaint_timing(
        deadline,
        m.rules.complaint.counted_at,
        r.sent_at,
        Some(r.received_at),
    );
    let possibly_late = !timing.on_time;
    let facts = Facts {
        kind: Kind::Decision,
        received_at: r.received_at,
        outcome: None,
        new_decision_received: None,
        maintained_at: None,
        withdrawn_at: None,
        forwarded_on: None,
        answered_at: None,
        maintain_step: m.rules.complaint.partial_agreement.is_some(),
    };
    let due = |id: &str| due(m, &facts, local_date(r.received_at), id);
    let new = NewComplaint {
        reference: complaints::new_reference(),
        citizen_id: r.citizen,
        municipality: m.slug.clone(),
        kind: Kind::Decision,
        decision_id: Some(d.id),
        topic: None,
        body: r.body,
        route: route_name(m, Kind::Decision),
        submitted_by: r.by,
        submitted_at: r.received_at,
        deadline_at: Some(deadline.shown),
        possibly_late,
        status: status(&facts),
        reassessment_due_on: due("reassessment"),
        forward_due_on: due("forward"),
        channel: r.channel,
        sent_on: (r.channel == Channel::Letter).then(|| local_date(r.sent_at)),
    };
    let by = due("reassessment");
    let (late_da, late_en) = if possibly_late {
        (
            format!(" {}", timing.text_da),
            format!(" {}", timing.text_en),
        )
    } else {
        (String::new(), String::new())
    };
    let change = Change {
        da: format!(
            "{} modtog din klage over afgørelsen {}. Kommunen vurderer afgørelsen igen{}.{late_da}",
            m.name,
            long_date_time(Lang::Da, r.received_at),
            by.map(|b| format!(" senest {}", long_date(Lang::Da, b)))
                .unwrap_or_default()
        ),
        en: format!(
            "{} received your complaint about the decision {}. The municipality looks at the decision again{}.{late_en}",
            m.name,
            long_date_time(Lang::En, r.received_at),
            by.map(|b| format!(" by {}", long_date(Lang::En, b)))
                .unwrap_or_default()
        ),
    };
    let emails = complaints::emails(
        state,
        r.citizen,
        r.by,
        &new.reference,
        &change,
        r.received_at,
    )
    .await?;
    Ok(DecisionComplaint {
        new,
        emails,
        possibly_late,
    })
}
