//! The municipalities the portal serves: their contacts, and each one's rules in plain words.
pub mod list;
pub mod rules;

pub use list::MunicipalitiesPage;
pub use rules::RulesPage;
