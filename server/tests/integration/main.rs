//! Integration tests, in one binary so the portal is linked once:
//! repository contract tests and HTTP tests, each on SQLite and on PostgreSQL, and tests of the
//! built server binary.
mod support;

mod access_matrix;
mod apply;
mod attendance;
mod audit_atomic;
mod audit_trail;
mod bad_input;
mod binary;
mod booking;
mod booking_changes;
mod calendar;
mod case_retention;
mod casework;
mod complaints;
mod concurrent_booking;
mod consents;
mod decide;
mod five_municipalities;
mod hardening;
mod hearings;
mod http;
mod intake;
mod load_balanced;
mod my_data;
mod operations;
mod operations_binary;
mod outbox;
mod power_safety;
mod powers;
mod provider_changes;
mod report;
mod repository_contract;
mod retention;
mod rules_api;
mod series;
mod settings;
mod sms;
mod sms_gateway;
mod smtp_sink;
mod static_files;
mod tasks;
mod typed_back;
mod waiting_list;
mod waiting_list_concurrency;
