//! Powers of attorney and the invitations that lead to them.
use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PowerSource {
    Citizen,
    Paper,
    Guardianship,
}

impl PowerSource {
    pub fn code(self) -> &'static str {
        match self {
            PowerSource::Citizen => "citizen",
            PowerSource::Paper => "paper",
            PowerSource::Guardianship => "guardianship",
        }
    }
}

#[derive(Clone, Debug)]
pub struct NewPower {
    pub citizen_id: PersonId,
    pub proxy_id: PersonId,
    pub scopes: Scopes,
    /// The last local date on which the power is valid.
    pub expires_on: NaiveDate,
    pub source: PowerSource,
    pub document_ref: Option<String>,
    pub created_by: PersonId,
    pub created_at: DateTime<Utc>,
}

/// A power of attorney as its holder sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct HeldPower {
    pub id: i64,
    pub citizen_id: PersonId,
    pub citizen_name: String,
    pub scopes: Scopes,
    pub expires_on: NaiveDate,
}

/// An invitation to become someone's proxy, sent to the relative by email (see migration 0003).
#[derive(Clone, Debug)]
pub struct NewInvitation {
    pub citizen_id: PersonId,
    pub invite_name: String,
    pub invite_email: String,
    /// SHA-256 of the link's token; the token itself is only in the email.
    pub token_hash: String,
    pub scopes: Scopes,
    pub expires_on: NaiveDate,
    pub source: PowerSource,
    pub document_ref: Option<String>,
    pub created_by: PersonId,
    pub created_at: DateTime<Utc>,
    pub invitation_expires_at: DateTime<Utc>,
}

/// A power of attorney with the names of both sides, whatever its state.
#[derive(Clone, Debug, PartialEq)]
pub struct PowerRecord {
    pub id: i64,
    pub citizen_id: PersonId,
    pub citizen_name: String,
    pub citizen_municipality: Option<String>,
    pub proxy_id: Option<PersonId>,
    pub proxy_name: Option<String>,
    pub invite_name: Option<String>,
    pub invite_email: Option<String>,
    pub scopes: Scopes,
    pub expires_on: NaiveDate,
    /// "citizen", "paper" or "guardianship".
    pub source: String,
    pub document_ref: Option<String>,
    pub created_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub invitation_expires_at: Option<DateTime<Utc>>,
    /// Who registered it (the citizen, or a staff member).
    pub created_by: PersonId,
    /// A power registered by staff: the second staff member who approved it, and when.
    pub approved_by: Option<PersonId>,
    pub approved_at: Option<DateTime<Utc>>,
    /// The accepting relative's name differed from the invitation's: waiting for confirmation.
    pub awaiting_confirmation: bool,
}

/// What happened when a relative accepted an invitation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Accepted {
    pub id: i64,
    /// Their name did not match the invitation's; the power waits for confirmation.
    pub awaiting_confirmation: bool,
}

#[async_trait::async_trait]
pub trait PowerStore: Send + Sync {
    /// A power in force from its creation (demo data; tests): accepted, and for one from paper
    /// or a guardianship, approved as it is made.
    async fn insert_power(&self, p: &NewPower) -> DbResult<i64>;
    /// Revokes an open power (or invitation) and queues the notices in the same transaction;
    /// `NotFound` when it is already revoked.
    async fn revoke_power(
        &self,
        id: i64,
        by: PersonId,
        at: DateTime<Utc>,
        notices: &[NewEmail],
    ) -> DbResult<()>;
    /// Stores an invitation and the email that carries its link, together or not at all.
    async fn insert_invitation(&self, i: &NewInvitation, email: &NewEmail) -> DbResult<i64>;
    async fn power(&self, id: i64) -> DbResult<Option<PowerRecord>>;
    async fn power_by_invitation(&self, token_hash: &str) -> DbResult<Option<PowerRecord>>;
    /// Makes `proxy` the holder of the invited power: only once, only before the invitation
    /// expires and while it is not revoked, and never for the citizen themself (`NotFound`).
    /// Nor by anyone who registered or approved it. `name_matches`: the accepter's name from
    /// their MitID is the invitation's; if not, the power waits for confirmation (and a power
    /// registered by staff needs its approval again), with `notices` queued in the same
    /// transaction.
    async fn accept_invitation(
        &self,
        token_hash: &str,
        proxy: PersonId,
        name_matches: bool,
        now: DateTime<Utc>,
        notices: &[NewEmail],
    ) -> DbResult<Accepted>;
    /// The citizen confirms a power whose relative's name differed; `NotFound` unless it waits
    /// for that.
    async fn confirm_power(&self, id: i64, citizen: PersonId) -> DbResult<()>;
    /// A second staff member approves a power registered by staff, with the notices;
    /// `NotFound` unless it waits for approval and `by` neither registered nor holds it.
    async fn approve_power(
        &self,
        id: i64,
        by: PersonId,
        now: DateTime<Utc>,
        notices: &[NewEmail],
    ) -> DbResult<()>;
    /// Powers registered by staff for citizens of `municipality` that wait for a second staff
    /// member's approval (not revoked), oldest first.
    /// Only those that can still come into force: not past their last day, and accepted or
    /// with an invitation that still works.
    async fn powers_awaiting_approval(
        &self,
        municipality: &str,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> DbResult<Vec<PowerRecord>>;
    /// Every power a citizen has given, newest first, whatever its state.
    async fn powers_given_by(&self, citizen: PersonId) -> DbResult<Vec<PowerRecord>>;
    /// Every power a person holds or has held, newest first.
    async fn powers_held_by(&self, proxy: PersonId) -> DbResult<Vec<PowerRecord>>;
    /// Powers held by `proxy` that are accepted, not revoked, and valid on `today`.
    async fn valid_powers_held_by(
        &self,
        proxy: PersonId,
        today: NaiveDate,
    ) -> DbResult<Vec<HeldPower>>;
}

// The SQL both backends share (their statements are in `sql.rs`).

pub(in crate::ssr::db) const POWER_SELECT: &str =
    "select p.id, p.citizen_id, c.name as citizen_name, c.home_municipality as citizen_municipality,
            p.proxy_id, x.name as proxy_name, p.invite_name, p.invite_email,
            p.scope_view, p.scope_apply, p.scope_book, p.scope_complain, p.scope_consents,
            p.scope_messages,
            p.expires_on, p.source, p.document_ref, p.created_at, p.accepted_at, p.revoked_at,
            p.invite_expires_at, p.created_by, p.approved_by, p.approved_at, p.awaiting_confirmation
     from powers_of_attorney p join people c on c.id = p.citizen_id left join people x on x.id = p.proxy_id";

#[derive(sqlx::FromRow)]
pub(in crate::ssr::db) struct PowerRow {
    id: i64,
    citizen_id: PersonId,
    citizen_name: String,
    citizen_municipality: Option<String>,
    proxy_id: Option<PersonId>,
    proxy_name: Option<String>,
    invite_name: Option<String>,
    invite_email: Option<String>,
    scope_view: bool,
    scope_apply: bool,
    scope_book: bool,
    scope_complain: bool,
    scope_consents: bool,
    scope_messages: bool,
    expires_on: NaiveDate,
    source: String,
    document_ref: Option<String>,
    created_at: DateTime<Utc>,
    accepted_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
    invite_expires_at: Option<DateTime<Utc>>,
    created_by: PersonId,
    approved_by: Option<PersonId>,
    approved_at: Option<DateTime<Utc>>,
    awaiting_confirmation: bool,
}

impl PowerRow {
    pub(in crate::ssr::db) fn into_record(self) -> PowerRecord {
        PowerRecord {
            id: self.id,
            citizen_id: self.citizen_id,
            citizen_name: self.citizen_name,
            citizen_municipality: self.citizen_municipality,
            proxy_id: self.proxy_id,
            proxy_name: self.proxy_name,
            invite_name: self.invite_name,
            invite_email: self.invite_email,
            scopes: Scopes {
                view: self.scope_view,
                apply: self.scope_apply,
                book: self.scope_book,
                complain: self.scope_complain,
                consents: self.scope_consents,
                messages: self.scope_messages,
            },
            expires_on: self.expires_on,
            source: self.source,
            document_ref: self.document_ref,
            created_at: self.created_at,
            accepted_at: self.accepted_at,
            revoked_at: self.revoked_at,
            invitation_expires_at: self.invite_expires_at,
            created_by: self.created_by,
            approved_by: self.approved_by,
            approved_at: self.approved_at,
            awaiting_confirmation: self.awaiting_confirmation,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(in crate::ssr::db) struct HeldPowerRow {
    id: i64,
    citizen_id: PersonId,
    citizen_name: String,
    scope_view: bool,
    scope_apply: bool,
    scope_book: bool,
    scope_complain: bool,
    scope_consents: bool,
    scope_messages: bool,
    expires_on: NaiveDate,
}

impl HeldPowerRow {
    pub(in crate::ssr::db) fn into_held(self) -> HeldPower {
        HeldPower {
            id: self.id,
            citizen_id: self.citizen_id,
            citizen_name: self.citizen_name,
            scopes: Scopes {
                view: self.scope_view,
                apply: self.scope_apply,
                book: self.scope_book,
                complain: self.scope_complain,
                consents: self.scope_consents,
                messages: self.scope_messages,
            },
            expires_on: self.expires_on,
        }
    }
}
