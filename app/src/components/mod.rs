pub mod clocks;
pub mod contacts;
pub mod decision_fields;
pub mod form_errors;
pub mod layout;
pub mod loaded;
pub mod session_timeout;
pub mod textarea_text;
