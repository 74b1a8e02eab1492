//! Integration tests, in one binary so the portal is linked once:
//! repository contract tests and HTTP tests, each on SQLite and on PostgreSQL, and tests of the
//! built server binary.
mod support;

mod binary;
mod http;
mod repository_contract;
mod rules_api;
