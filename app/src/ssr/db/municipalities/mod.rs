//! The municipalities loaded from their files.
use super::*;

#[async_trait::async_trait]
pub trait MunicipalityStore: Send + Sync {
    /// Makes the municipalities table match the loaded files (slug and name).
    async fn sync_municipality(&self, slug: &str, name: &str, now: DateTime<Utc>) -> DbResult<()>;
    async fn municipality_slugs(&self) -> DbResult<Vec<String>>;
}
