pub mod contacts;
pub mod layout;
pub mod loaded;
