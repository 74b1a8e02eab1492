//! What a municipality's administrator sets in the portal: closure weeks per year and a message
//! on the municipality's pages. Rows are only added; the newest is in force.
use super::*;

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct ClosureWeeksRecord {
    pub rule_id: String,
    pub year: i64,
    /// Comma-separated ISO week numbers.
    pub weeks: String,
    pub set_by_name: String,
    pub set_at: DateTime<Utc>,
}

impl ClosureWeeksRecord {
    pub fn week_numbers(&self) -> Vec<u32> {
        self.weeks
            .split(',')
            .filter_map(|w| w.trim().parse().ok())
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct MessageRecord {
    pub text: String,
    pub set_by_name: String,
    pub set_at: DateTime<Utc>,
}

/// A change to a contact's phone hours for a while.
#[derive(Clone, Debug, PartialEq)]
pub struct NewPhoneHoursChange {
    pub municipality: String,
    /// The rule id of the contact's hours in the file (e.g. BRS-08).
    pub rule_id: String,
    pub from_on: NaiveDate,
    pub to_on: NaiveDate,
    /// JSON of the `open` list (`domain::opening_hours::OpenDays`); `[]` means closed.
    pub hours: String,
    pub note: String,
    pub set_by: PersonId,
    pub set_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct PhoneHoursChangeRecord {
    pub rule_id: String,
    pub from_on: NaiveDate,
    pub to_on: NaiveDate,
    pub hours: String,
    pub note: String,
    pub set_by_name: String,
    pub set_at: DateTime<Utc>,
}

#[async_trait::async_trait]
pub trait MunicipalitySettingsStore: Send + Sync {
    async fn set_closure_weeks(
        &self,
        municipality: &str,
        rule_id: &str,
        year: i32,
        weeks: &[u32],
        by: PersonId,
        at: DateTime<Utc>,
    ) -> DbResult<()>;
    /// Every setting of closure weeks, newest first (the first per rule and year is in force).
    async fn closure_weeks_of(&self, municipality: &str) -> DbResult<Vec<ClosureWeeksRecord>>;
    async fn set_message(
        &self,
        municipality: &str,
        text: &str,
        by: PersonId,
        at: DateTime<Utc>,
    ) -> DbResult<()>;
    /// Every message set, newest first (the first is in force; an empty one means none).
    async fn messages_of(&self, municipality: &str) -> DbResult<Vec<MessageRecord>>;
    async fn add_phone_hours_change(&self, c: &NewPhoneHoursChange) -> DbResult<()>;
    /// Every change to phone hours, newest first.
    async fn phone_hours_changes_of(
        &self,
        municipality: &str,
    ) -> DbResult<Vec<PhoneHoursChangeRecord>>;
}
