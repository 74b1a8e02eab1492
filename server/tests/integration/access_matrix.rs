//! Who may reach what: every page and every server function, asked by nine kinds of visitor,
//! against the answer each should get. A page or server function without an entry here fails
//! the test, so nothing new goes out unchecked.
//!
//! Every answer is also checked for the security headers (nosniff, same-origin referrers, a CSP
//! that forbids framing and inline scripts, nonces on pages, no-store when signed in).
//!
//! Citizen A is Karen Østergaard (Vejen); each entry that shows A's data names a marker only A's
//! data contains, and "allowed, but not A's" asserts the marker is absent: no unexpected success.
use crate::http::{person_of, urlencode, NOW};
use crate::support::{on_both_backends, spawn_app, Backend, TestApp};
use app::domain::people::Scopes;
use app::ssr::db::{AuditEntry, NewEmail, NewInvitation, NewPower, PowerSource};
use app::ssr::session::{hash_session_id, start_session};
use chrono::{Duration, NaiveDate};
use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION, ORIGIN};
use reqwest::redirect::Policy;
use reqwest::StatusCode;
use std::collections::BTreeSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    CitizenA,
    CitizenB,
    RelativeOfA,
    RelativeExpired,
    RelativeWithoutScope,
    RelativeRevoked,
    StaffOfA,
    StaffElsewhere,
    Anonymous,
    /// A therapist of A's municipality (not a caseworker).
    TherapistOfA,
    /// An administrator of A's municipality.
    AdminOfA,
}
use Who::*;

const EVERYONE: [Who; 11] = [
    CitizenA,
    CitizenB,
    RelativeOfA,
    RelativeExpired,
    RelativeWithoutScope,
    RelativeRevoked,
    StaffOfA,
    StaffElsewhere,
    Anonymous,
    TherapistOfA,
    AdminOfA,
];

/// What a visitor should get.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// Allowed, and the answer holds A's data (the entry's marker).
    A,
    /// Allowed, and nothing of A's (the marker, when the entry has one, is absent).
    Yes,
    /// Refused: 401, 403, 400 or 404, a page that sends to sign-in, or a form error.
    No,
    /// Let through the access check, but an earlier visitor already took this one-shot action
    /// (a decision made, a move proposed): the form's answer, 400, not 401, 403 or 404.
    Taken,
}
use Expect::*;

/// Expected answers in the order of `EVERYONE`.
type Row = [Expect; 11];
const ALL_YES: Row = [Yes; 11];
const SIGNED_IN: Row = [Yes, Yes, Yes, Yes, Yes, Yes, Yes, Yes, No, Yes, Yes];
const STAFF_ONLY: Row = [No, No, No, No, No, No, Yes, Yes, No, Yes, Yes];
/// A's case: A, the relative with a valid power (both relatives here hold the view scope), and
/// those who end up seeing their own (a lapsed power falls back to acting for oneself).
const CASE_OF_A: Row = [A, Yes, A, Yes, A, Yes, No, No, No, No, No];
/// The citizen's own things, not for a relative acting for someone.
const OWN_ONLY: Row = [A, Yes, No, Yes, No, Yes, No, No, No, No, No];
const APPLY_FOR_A: Row = [A, Yes, A, Yes, No, Yes, No, No, No, No, No];
/// A's draft: only she and the relative with the apply scope (others have no draft: 404).
const DRAFT_OF_A: Row = [A, No, A, No, No, No, No, No, No, No, No];
/// Anything of A's that the view scope covers.
const SEE_A: Row = [A, No, A, No, A, No, No, No, No, No, No];
/// The inbox: staff of A's municipality see A's case; staff elsewhere their own inbox.
/// Therapists do no casework: applications, decisions and complaints are for caseworkers and
/// administrators.
const CASEWORK_OF_A: Row = [No, No, No, No, No, No, A, Yes, No, No, A];
const LETTER_OF_A: Row = [A, No, A, No, A, No, A, No, No, No, A];
const POWERS_HELD: Row = [A, Yes, A, Yes, A, Yes, No, No, No, No, No];
/// Complaining for A: A and the relative with the complain scope.
const COMPLAIN_FOR_A: Row = [A, No, A, No, No, No, No, No, No, No, No];
/// Only staff of A's municipality may act.
/// Only a caseworker of A's municipality may act. The administrator reaches the form too, but
/// the caseworker has already taken this one-shot action: its answer is the form's (400).
const STAFF_OF_A: Row = [No, No, No, No, No, No, Yes, No, No, No, Taken];

enum Call {
    Page(&'static str),
    Fn(&'static str, fn(&Fixture, usize) -> Vec<(String, String)>),
}

struct Entry {
    /// The route pattern or server function path this entry covers.
    covers: &'static str,
    call: Call,
    /// Text only A's data contains, when the answer can hold A's data.
    marker: Option<&'static str>,
    expect: Row,
}

fn entry(covers: &'static str, call: Call, marker: Option<&'static str>, expect: Row) -> Entry {
    Entry {
        covers,
        call,
        marker,
        expect,
    }
}

fn none(_: &Fixture, _: usize) -> Vec<(String, String)> {
    vec![]
}

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

const PROBE_EMAIL: &str = "probe-a@example.dk";
const LOG_MARKER: &str = "MARKOER-A";
const VEJEN_PLACE: &str = "Brørup Sundhedscenter";
const KAREN: &str = "Karen Østergaard";
/// Only A's message to the training unit says this.
const MESSAGE_MARKER: &str = "MARKOER-BESKED";
const NEEDS_MARKER: &str = "Karens trapper";
/// The relative named in A's consent to share information.
const CONSENT_MARKER: &str = "Birthe Samtykkesen";
/// A's complaint about her decision, its text, one to settle and forward, one about the training.
const COMPLAINT_OF_A: &str = "K-MATR-IXAA";
const COMPLAINT_MARKER: &str = "Klagetekst fra Karen";
const COMPLAINT_TO_SETTLE: &str = "K-MATR-IXBB";
const SERVICE_COMPLAINT_OF_A: &str = "K-MATR-IXCC";
/// What the municipality considers, in A's hearing letters.
const HEARING_MARKER: &str = "HOERING-A overvejer";

fn entries() -> Vec<Entry> {
    vec![
        // Public pages.
        entry("/", Call::Page("/"), None, ALL_YES),
        entry("/log-ind", Call::Page("/log-ind"), None, ALL_YES),
        entry(
            "/log-ind/fejl",
            Call::Page("/log-ind/fejl?grund=ugyldig"),
            None,
            ALL_YES,
        ),
        entry("/kommuner", Call::Page("/kommuner"), None, ALL_YES),
        entry("/regler/:slug", Call::Page("/regler/vejen"), None, ALL_YES),
        // Development only (this app runs in development mode; production answers 404).
        entry("/dev/log-ind", Call::Page("/dev/log-ind"), None, ALL_YES),
        entry("/dev/post", Call::Page("/dev/post"), None, ALL_YES),
        // The citizen's pages.
        entry(
            "/oversigt",
            Call::Page("/oversigt"),
            Some(VEJEN_PLACE),
            CASE_OF_A,
        ),
        entry(
            "/handler-for",
            Call::Page("/handler-for"),
            Some(KAREN),
            POWERS_HELD,
        ),
        entry(
            "/fuldmagter",
            Call::Page("/fuldmagter"),
            Some(PROBE_EMAIL),
            [A, Yes, Yes, Yes, Yes, Yes, No, No, No, No, No],
        ),
        entry(
            "/fuldmagter/ny",
            Call::Page("/fuldmagter/ny"),
            None,
            [Yes, Yes, No, Yes, No, Yes, No, No, No, No, No],
        ),
        // The link in an invitation from A: anyone signed in who holds the link sees it; before
        // signing in, not even whom it is from.
        entry(
            "/fuldmagt/:token",
            Call::Page("/fuldmagt/matrix-token"),
            Some(KAREN),
            [A, A, A, A, A, A, No, No, Yes, No, No],
        ),
        entry(
            "/min-log",
            Call::Page("/min-log"),
            Some(LOG_MARKER),
            OWN_ONLY,
        ),
        // Messages with the training unit: A, and the relative whose power carries the messages
        // scope (a lapsed power falls back to one's own, without a municipality to write to).
        entry(
            "/beskeder",
            Call::Page("/beskeder"),
            Some(MESSAGE_MARKER),
            [A, Yes, A, Yes, No, Yes, No, No, No, No, No],
        ),
        entry(
            "/api/messages/page",
            Call::Fn("/api/messages/page", none),
            Some(MESSAGE_MARKER),
            [A, Yes, A, Yes, No, Yes, No, No, No, No, No],
        ),
        entry(
            "/api/messages/send",
            Call::Fn("/api/messages/send", |_, _| {
                vec![
                    ("topic".into(), "course".into()),
                    ("body".into(), "Et spørgsmål.".into()),
                ]
            }),
            None,
            [Yes, Yes, Yes, No, No, No, No, No, No, No, No],
        ),
        // The unit's side: staff of A's municipality, every role; another municipality's staff
        // see their own inbox and not A's thread.
        entry(
            "/personale/beskeder",
            Call::Page("/personale/beskeder"),
            Some(KAREN),
            [No, No, No, No, No, No, A, Yes, No, A, A],
        ),
        entry(
            "/api/staff/messages",
            Call::Fn("/api/staff/messages", none),
            Some(KAREN),
            [No, No, No, No, No, No, A, Yes, No, A, A],
        ),
        entry(
            "/personale/beskeder/:id",
            Call::Page("/personale/beskeder/THREAD"),
            Some(MESSAGE_MARKER),
            [No, No, No, No, No, No, A, No, No, A, A],
        ),
        entry(
            "/api/staff/message_thread",
            Call::Fn("/api/staff/message_thread", |f, _| {
                vec![("thread".into(), f.thread.to_string())]
            }),
            Some(MESSAGE_MARKER),
            [No, No, No, No, No, No, A, No, No, A, A],
        ),
        entry(
            "/api/staff/answer_message",
            Call::Fn("/api/staff/answer_message", |f, _| {
                vec![
                    ("thread".into(), f.thread.to_string()),
                    ("body".into(), "Et svar.".into()),
                ]
            }),
            None,
            [No, No, No, No, No, No, Yes, No, No, Yes, Yes],
        ),
        // How one is told: every citizen and relative their own (a relative's page holds their
        // own address, never A's); staff are not told through the portal.
        entry(
            "/besked",
            Call::Page("/besked"),
            Some("karen.oestergaard@example.dk"),
            [A, Yes, Yes, Yes, Yes, Yes, No, No, No, No, No],
        ),
        // Plain routes outside Leptos.
        entry(
            "/kalender/tid/:session",
            Call::Page("/kalender/tid/SESSION.ics"),
            Some(VEJEN_PLACE),
            SEE_A,
        ),
        // The feed's secret address works for whoever holds it, signed in or not: that is what
        // a calendar program is. It is shown once, kept only as its hash, and can be stopped.
        entry(
            "/kalender/feed/:token",
            Call::Page("/kalender/feed/matrix-feed-token.ics"),
            Some(VEJEN_PLACE),
            [A; 11],
        ),
        // No provider is configured in these tests: every visitor is sent to the refusal page.
        entry("/log-ind/mitid", Call::Page("/log-ind/mitid"), None, [No; 11]),
        entry(
            "/log-ind/medarbejder",
            Call::Page("/log-ind/medarbejder"),
            None,
            [No; 11],
        ),
        entry(
            "/log-ind/retur",
            Call::Page("/log-ind/retur?state=matrix&code=x"),
            None,
            [No; 11],
        ),
        entry(
            "/personale/rapport.csv",
            Call::Page("/personale/rapport.csv"),
            None,
            STAFF_ONLY,
        ),
        entry(
            "/api/v1/municipalities",
            Call::Page("/api/v1/municipalities"),
            None,
            ALL_YES,
        ),
        entry(
            "/api/v1/rules/:slug/cancellation",
            Call::Page("/api/v1/rules/vejen/cancellation?session_start=2026-03-09T10:00:00Z&at=2026-03-04T09:00:00Z"),
            None,
            ALL_YES,
        ),
        entry(
            "/api/v1/rules/:slug/complaint",
            Call::Page("/api/v1/rules/vejen/complaint?received=2026-03-02T10:00:00Z"),
            None,
            ALL_YES,
        ),
        entry(
            "/api/v1/rules/:slug/complaint-handling",
            Call::Page("/api/v1/rules/vejen/complaint-handling?complaint_received=2026-03-02T10:00:00Z"),
            None,
            ALL_YES,
        ),
        entry(
            "/api/v1/rules/:slug/service-levels",
            Call::Page("/api/v1/rules/vejen/service-levels?anchor=application_received&at=2026-03-02T10:00:00Z"),
            None,
            ALL_YES,
        ),
        entry(
            "/api/v1/rules/:slug/bookable",
            Call::Page("/api/v1/rules/vejen/bookable?start=2026-03-09T09:00:00Z&end=2026-03-09T10:00:00Z&form=team"),
            None,
            ALL_YES,
        ),
        entry(
            "/min-log/data.json",
            Call::Page("/min-log/data.json"),
            Some(LOG_MARKER),
            OWN_ONLY,
        ),
        // Staff pages.
        entry(
            "/personale",
            Call::Page("/personale"),
            Some(VEJEN_PLACE),
            [No, No, No, No, No, No, A, Yes, No, A, A],
        ),
        entry(
            "/personale/regler",
            Call::Page("/personale/regler"),
            None,
            STAFF_ONLY,
        ),
        entry(
            "/personale/fuldmagter",
            Call::Page("/personale/fuldmagter"),
            None,
            [No, No, No, No, No, No, Yes, Yes, No, No, Yes],
        ),
        // Server functions.
        entry(
            "/api/set_language",
            Call::Fn("/api/set_language", |_, _| pairs(&[("lang", "en")])),
            None,
            ALL_YES,
        ),
        entry(
            "/api/sign_out",
            Call::Fn("/api/sign_out", none),
            None,
            ALL_YES,
        ),
        entry(
            "/api/keep_alive",
            Call::Fn("/api/keep_alive", none),
            None,
            ALL_YES,
        ),
        entry(
            "/api/sign_out_everywhere",
            Call::Fn("/api/sign_out_everywhere", none),
            None,
            SIGNED_IN,
        ),
        entry(
            "/api/municipalities",
            Call::Fn("/api/municipalities", none),
            None,
            ALL_YES,
        ),
        entry(
            "/api/dev/people",
            Call::Fn("/api/dev/people", none),
            None,
            ALL_YES,
        ),
        entry(
            "/api/dev/mail",
            Call::Fn("/api/dev/mail", none),
            None,
            ALL_YES,
        ),
        entry(
            "/api/dev/sign_in",
            Call::Fn("/api/dev/sign_in", |f, _| {
                vec![("person".into(), f.karen.to_string())]
            }),
            None,
            ALL_YES,
        ),
        entry(
            "/api/citizen_overview",
            Call::Fn("/api/citizen_overview", none),
            Some(VEJEN_PLACE),
            CASE_OF_A,
        ),
        entry(
            "/api/staff_overview",
            Call::Fn("/api/staff_overview", none),
            Some(VEJEN_PLACE),
            [No, No, No, No, No, No, A, Yes, No, A, A],
        ),
        entry(
            "/api/rules_preview",
            Call::Fn("/api/rules_preview", |_, _| {
                pairs(&[("query[q]", "afbud"), ("query[kommune]", "vejen")])
            }),
            None,
            STAFF_ONLY,
        ),
        entry(
            "/api/acting_for/list",
            Call::Fn("/api/acting_for/list", none),
            Some(KAREN),
            POWERS_HELD,
        ),
        entry(
            "/api/acting_for/switch",
            Call::Fn("/api/acting_for/switch", |f, _| {
                vec![("citizen".into(), f.karen.to_string())]
            }),
            None,
            [Yes, No, Yes, No, Yes, No, No, No, No, No, No],
        ),
        entry(
            "/api/powers/list",
            Call::Fn("/api/powers/list", none),
            Some(PROBE_EMAIL),
            [A, Yes, Yes, Yes, Yes, Yes, No, No, No, No, No],
        ),
        entry(
            "/api/powers/invite",
            Call::Fn("/api/powers/invite", |_, _| {
                pairs(&[
                    ("relative_name", "Nils Nabo"),
                    ("relative_email", "nils@example.dk"),
                    ("scope_book", "on"),
                    ("expires_on", "2027-01-31"),
                ])
            }),
            None,
            // A passes the access check, but the fixture's invitations (one per visitor, for the
            // accept entry) are more than the 5 open she may have: the limit answers (tested
            // itself in power_safety.rs).
            [Taken, Yes, No, Yes, No, Yes, No, No, No, No, No],
        ),
        entry(
            "/api/powers/invitation",
            Call::Fn("/api/powers/invitation", |_, _| {
                pairs(&[("token", "matrix-token")])
            }),
            Some(KAREN),
            [A, A, A, A, A, A, No, No, No, No, No],
        ),
        // Each visitor gets an invitation of their own to accept, from a third citizen, so that
        // accepting does not change what they may do for A. (A accepting her own invitation is
        // refused: see the powers tests.)
        entry(
            "/api/powers/accept",
            Call::Fn("/api/powers/accept", |_, i| {
                vec![("token".into(), format!("accept-{i}"))]
            }),
            None,
            [Yes, Yes, Yes, Yes, Yes, Yes, No, No, No, No, No],
        ),
        // Each visitor tries to revoke a power of their own from A to the relative of A.
        entry(
            "/api/powers/revoke",
            Call::Fn("/api/powers/revoke", |f, i| {
                vec![("power".into(), f.revocable[i].to_string())]
            }),
            None,
            [Yes, No, Yes, No, No, No, No, No, No, No, No],
        ),
        entry(
            "/api/powers/register",
            Call::Fn("/api/powers/register", |_, _| {
                pairs(&[
                    ("citizen_name", KAREN),
                    ("citizen_birth_date", "17.5.1961"),
                    ("relative_name", "Vera Værge"),
                    ("relative_email", "vera@example.dk"),
                    ("source", "guardianship"),
                    ("document_ref", "FRH-1"),
                    ("expires_on", "2027-01-31"),
                ])
            }),
            None,
            [No, No, No, No, No, No, Yes, No, No, No, Yes],
        ),
        entry(
            "/api/powers/confirm",
            Call::Fn("/api/powers/confirm", |f, i| {
                vec![("power".into(), f.revocable[i].to_string())]
            }),
            None,
            [Taken, No, No, No, No, No, No, No, No, No, No],
        ),
        entry(
            "/api/powers/awaiting_approval",
            Call::Fn("/api/powers/awaiting_approval", none),
            Some(KAREN),
            CASEWORK_OF_A,
        ),
        // Four eyes: the caseworker who registered it may not approve it; the administrator may.
        entry(
            "/api/powers/approve",
            Call::Fn("/api/powers/approve", |f, _| {
                vec![("power".into(), f.registered.to_string())]
            }),
            None,
            [No, No, No, No, No, No, No, No, No, No, Yes],
        ),
        entry(
            "/api/powers/registered",
            Call::Fn("/api/powers/registered", |f, _| {
                vec![("power".into(), f.registered.to_string())]
            }),
            Some(KAREN),
            [No, No, No, No, No, No, A, No, No, No, A],
        ),
        entry(
            "/api/my_log",
            Call::Fn("/api/my_log", none),
            Some(LOG_MARKER),
            OWN_ONLY,
        ),
        // Applying: the citizen, or a relative whose power carries the apply scope (the relative
        // with only the view scope may not); a lapsed power falls back to one's own application.
        entry("/ansoeg", Call::Page("/ansoeg"), Some(KAREN), APPLY_FOR_A),
        entry(
            "/ansoeg/tjek",
            Call::Page("/ansoeg/tjek"),
            Some(NEEDS_MARKER),
            DRAFT_OF_A,
        ),
        // Where A's application stands: A and her relatives with the view scope.
        entry(
            "/ansoegning/:reference",
            Call::Page("/ansoegning/TP-SENT-0001"),
            Some("TP-SENT-0001"),
            SEE_A,
        ),
        entry(
            "/api/case/status",
            Call::Fn("/api/case/status", |_, _| {
                pairs(&[("reference", "TP-SENT-0001")])
            }),
            Some("TP-SENT-0001"),
            SEE_A,
        ),
        entry(
            "/ansoeg/kvittering/:reference",
            Call::Page("/ansoeg/kvittering/TP-SENT-0001"),
            Some("TP-SENT-0001"),
            SEE_A,
        ),
        entry(
            "/api/apply/form",
            Call::Fn("/api/apply/form", none),
            Some(KAREN),
            APPLY_FOR_A,
        ),
        entry(
            "/api/apply/check",
            Call::Fn("/api/apply/check", none),
            Some(NEEDS_MARKER),
            DRAFT_OF_A,
        ),
        entry(
            "/api/apply/receipt",
            Call::Fn("/api/apply/receipt", |_, _| {
                pairs(&[("reference", "TP-SENT-0001")])
            }),
            Some("TP-SENT-0001"),
            SEE_A,
        ),
        // Saving writes a draft of one's own (or A's, for A and her relative).
        entry(
            "/api/apply/save",
            Call::Fn("/api/apply/save", |_, _| {
                pairs(&[
                    ("municipality", "vejen"),
                    ("needs", NEEDS_MARKER),
                    ("goals", ""),
                    ("place", ""),
                    ("transport", "self"),
                    ("next", "kladde"),
                ])
            }),
            None,
            [Yes, Yes, Yes, Yes, No, Yes, No, No, No, No, No],
        ),
        // Only the citizen themself consents to an application waiting for it.
        entry(
            "/api/apply/consent",
            Call::Fn("/api/apply/consent", |_, _| {
                pairs(&[("reference", "TP-WAIT-0001")])
            }),
            None,
            [Yes, No, No, No, No, No, No, No, No, No, No],
        ),
        // Sending A's draft: A, or her relative with the apply scope (a second send shows the receipt).
        entry(
            "/api/apply/submit",
            Call::Fn("/api/apply/submit", |_, _| {
                pairs(&[("reference", "TP-DRAF-0001"), ("consent_application", "ja")])
            }),
            None,
            [Yes, No, Yes, No, No, No, No, No, No, No, No],
        ),
        // Casework: caseworkers of A's municipality only.
        entry(
            "/personale/ansoegninger",
            Call::Page("/personale/ansoegninger"),
            Some("TP-SENT-0001"),
            CASEWORK_OF_A,
        ),
        entry(
            "/personale/ansoegninger/:reference",
            Call::Page("/personale/ansoegninger/TP-SENT-0001"),
            Some("TP-SENT-0001"),
            [No, No, No, No, No, No, A, No, No, No, A],
        ),
        entry(
            "/api/casework/inbox",
            Call::Fn("/api/casework/inbox", none),
            Some("TP-SENT-0001"),
            CASEWORK_OF_A,
        ),
        entry(
            "/api/casework/case",
            Call::Fn("/api/casework/case", |_, _| {
                pairs(&[("reference", "TP-SENT-0001")])
            }),
            Some("TP-SENT-0001"),
            [No, No, No, No, No, No, A, No, No, No, A],
        ),
        entry(
            "/api/casework/record",
            Call::Fn("/api/casework/record", |_, _| {
                pairs(&[("reference", "TP-SENT-0001"), ("step", "visitation")])
            }),
            None,
            [No, No, No, No, No, No, Yes, No, No, No, Yes],
        ),
        // A's decision letter: A, her relatives with the view scope, and her municipality's caseworkers.
        entry(
            "/afgoerelse/:id",
            Call::Page("/afgoerelse/DECISION"),
            Some(KAREN),
            LETTER_OF_A,
        ),
        entry(
            "/api/decide/letter",
            Call::Fn("/api/decide/letter", |f, _| {
                vec![("decision".into(), f.decision.to_string())]
            }),
            Some(KAREN),
            LETTER_OF_A,
        ),
        // A's complaints: made with the complain scope, seen with the view scope and by her
        // municipality's caseworkers, handled by them only.
        entry(
            "/klage/afgoerelse/:id",
            Call::Page("/klage/afgoerelse/DECISION"),
            Some(KAREN),
            COMPLAIN_FOR_A,
        ),
        entry(
            "/api/complaints/form",
            Call::Fn("/api/complaints/form", |f, _| {
                vec![("decision".into(), f.decision.to_string())]
            }),
            Some(KAREN),
            COMPLAIN_FOR_A,
        ),
        entry(
            "/api/complaints/submit",
            Call::Fn("/api/complaints/submit", |f, _| {
                vec![("decision".into(), f.decision.to_string())]
            }),
            None,
            [Yes, No, Yes, No, No, No, No, No, No, No, No],
        ),
        entry(
            "/klage/traening",
            Call::Page("/klage/traening"),
            Some(KAREN),
            [A, Yes, A, No, No, No, No, No, No, No, No],
        ),
        entry(
            "/api/complaints/service_form",
            Call::Fn("/api/complaints/service_form", none),
            Some(KAREN),
            [A, Yes, A, No, No, No, No, No, No, No, No],
        ),
        entry(
            "/api/complaints/submit_service",
            Call::Fn("/api/complaints/submit_service", |_, i| {
                vec![
                    ("topic".into(), "content".into()),
                    ("body".into(), format!("Matrix-klage {i}")),
                ]
            }),
            None,
            [Yes, Yes, Yes, No, No, No, No, No, No, No, No],
        ),
        entry(
            "/klager",
            Call::Page("/klager"),
            Some(COMPLAINT_OF_A),
            CASE_OF_A,
        ),
        entry(
            "/api/complaints/list",
            Call::Fn("/api/complaints/list", none),
            Some(COMPLAINT_OF_A),
            CASE_OF_A,
        ),
        entry(
            "/klage/:reference",
            Call::Page("/klage/COMPLAINT"),
            Some(COMPLAINT_MARKER),
            LETTER_OF_A,
        ),
        entry(
            "/personale/klager/:reference",
            Call::Page("/personale/klager/COMPLAINT"),
            Some(COMPLAINT_MARKER),
            LETTER_OF_A,
        ),
        entry(
            "/api/complaints/status",
            Call::Fn("/api/complaints/status", |_, _| {
                pairs(&[("reference", COMPLAINT_OF_A)])
            }),
            Some(COMPLAINT_MARKER),
            LETTER_OF_A,
        ),
        entry(
            "/api/complaints/answer",
            Call::Fn("/api/complaints/answer", |f, i| {
                vec![
                    ("reference".into(), f.awaiting[i].clone()),
                    ("answer".into(), "withdraw".into()),
                ]
            }),
            None,
            [Yes, No, Yes, No, No, No, No, No, No, No, No],
        ),
        entry(
            "/personale/klager",
            Call::Page("/personale/klager"),
            Some(COMPLAINT_OF_A),
            CASEWORK_OF_A,
        ),
        entry(
            "/api/staff/complaints",
            Call::Fn("/api/staff/complaints", none),
            Some(COMPLAINT_OF_A),
            CASEWORK_OF_A,
        ),
        entry(
            "/api/staff/settle_complaint",
            Call::Fn("/api/staff/settle_complaint", |_, _| {
                pairs(&[
                    ("reference", COMPLAINT_TO_SETTLE),
                    ("outcome", "upheld"),
                    ("reasons", "Fastholdt"),
                ])
            }),
            None,
            STAFF_OF_A,
        ),
        entry(
            "/api/staff/forward_complaint",
            Call::Fn("/api/staff/forward_complaint", |_, _| {
                pairs(&[
                    ("reference", COMPLAINT_TO_SETTLE),
                    ("forwarded_on", "2026-03-04"),
                ])
            }),
            None,
            STAFF_OF_A,
        ),
        entry(
            "/api/staff/answer_complaint",
            Call::Fn("/api/staff/answer_complaint", |_, _| {
                pairs(&[("reference", SERVICE_COMPLAINT_OF_A), ("answer", "Svar")])
            }),
            None,
            STAFF_OF_A,
        ),
        // A's consents: seen with the view scope, given and withdrawn with the consents scope.
        entry(
            "/samtykker",
            Call::Page("/samtykker"),
            Some(CONSENT_MARKER),
            CASE_OF_A,
        ),
        entry(
            "/samtykker/:id/traek-tilbage",
            Call::Page("/samtykker/CONSENT/traek-tilbage"),
            Some(CONSENT_MARKER),
            SEE_A,
        ),
        entry(
            "/api/consents/list",
            Call::Fn("/api/consents/list", none),
            Some(CONSENT_MARKER),
            CASE_OF_A,
        ),
        entry(
            "/api/consents/one",
            Call::Fn("/api/consents/one", |f, _| {
                vec![("id".into(), f.consent.to_string())]
            }),
            Some(CONSENT_MARKER),
            SEE_A,
        ),
        // Giving needs the consents scope and a municipality (those falling back to acting for
        // themselves here have none).
        entry(
            "/api/consents/give",
            Call::Fn("/api/consents/give", |_, _| {
                pairs(&[("purpose", "health_information")])
            }),
            None,
            [Yes, Yes, Yes, No, No, No, No, No, No, No, No],
        ),
        entry(
            "/api/consents/withdraw",
            Call::Fn("/api/consents/withdraw", |f, _| {
                vec![("id".into(), f.withdrawable.to_string())]
            }),
            None,
            [Yes, No, Yes, No, No, No, No, No, No, No, No],
        ),
        // A's training: seen with the view scope, booked and cancelled with the book scope.
        entry(
            "/traening",
            Call::Page("/traening"),
            Some(VEJEN_PLACE),
            CASE_OF_A,
        ),
        entry(
            "/api/booking/plan",
            Call::Fn("/api/booking/plan", none),
            Some(VEJEN_PLACE),
            CASE_OF_A,
        ),
        entry(
            "/traening/afmeld/:session",
            Call::Page("/traening/afmeld/SESSION"),
            Some(VEJEN_PLACE),
            SEE_A,
        ),
        entry(
            "/api/booking/cancel_info",
            Call::Fn("/api/booking/cancel_info", |f, _| {
                vec![("session".into(), f.booked_session.to_string())]
            }),
            Some(VEJEN_PLACE),
            SEE_A,
        ),
        entry(
            "/traening/flyt/:session",
            Call::Page("/traening/flyt/SESSION"),
            Some(VEJEN_PLACE),
            SEE_A,
        ),
        entry(
            "/api/booking/move_info",
            Call::Fn("/api/booking/move_info", |f, _| {
                vec![("session".into(), f.booked_session.to_string())]
            }),
            Some(VEJEN_PLACE),
            SEE_A,
        ),
        // The absence form is for anyone with a case in view; what it would cancel shows each
        // their own case.
        entry(
            "/traening/fravaer",
            Call::Page("/traening/fravaer"),
            None,
            [Yes, Yes, Yes, Yes, Yes, Yes, No, No, No, No, No],
        ),
        entry(
            "/api/booking/absence_preview",
            Call::Fn("/api/booking/absence_preview", |_, _| {
                pairs(&[
                    ("from", "2026-03-09"),
                    ("to", "2026-03-15"),
                    ("reason", "holiday"),
                ])
            }),
            Some(VEJEN_PLACE),
            CASE_OF_A,
        ),
        // Booking a free session of A's municipality, then cancelling it (a second press of
        // either only shows the result again).
        entry(
            "/api/booking/book",
            Call::Fn("/api/booking/book", |f, _| {
                vec![("session".into(), f.free_session.to_string())]
            }),
            None,
            [Yes, No, Yes, No, No, No, No, No, No, No, No],
        ),
        // The waiting list of a full session in A's course: A, or the relative with the book
        // scope, puts her on it (pressed again: the same place) and takes her off. Leaving a
        // list one is not on changes nothing: the same answer.
        entry(
            "/api/waiting/join",
            Call::Fn("/api/waiting/join", |f, _| {
                vec![("session".into(), f.full_session.to_string())]
            }),
            None,
            [Yes, No, Yes, No, No, No, No, No, No, No, No],
        ),
        entry(
            "/api/waiting/leave",
            Call::Fn("/api/waiting/leave", |f, _| {
                vec![("session".into(), f.full_session.to_string())]
            }),
            None,
            [Yes, Yes, Yes, Yes, No, Yes, No, No, No, No, No],
        ),
        entry(
            "/api/contact/show",
            Call::Fn("/api/contact/show", none),
            Some("karen.oestergaard@example.dk"),
            [A, Yes, Yes, Yes, Yes, Yes, No, No, No, No, No],
        ),
        // Each saves their own choice, with an address of their own (after the entries above
        // that look for A's address).
        entry(
            "/api/contact/save",
            Call::Fn("/api/contact/save", |_, i| {
                vec![
                    ("notify_by".into(), "email".into()),
                    ("email".into(), format!("matrix-{i}@example.dk")),
                ]
            }),
            None,
            [Yes, Yes, Yes, Yes, Yes, Yes, No, No, No, No, No],
        ),
        entry(
            "/api/booking/cancel",
            Call::Fn("/api/booking/cancel", |f, _| {
                vec![("session".into(), f.free_session.to_string())]
            }),
            None,
            [Yes, No, Yes, No, No, No, No, No, No, No, No],
        ),
        // The calendar feed: the citizen's own, never a relative's acting for them (a revoked
        // power must leave no secret address behind).
        entry(
            "/api/calendar/new_feed",
            Call::Fn("/api/calendar/new_feed", none),
            None,
            [Yes, Yes, No, Yes, No, Yes, No, No, No, No, No],
        ),
        entry(
            "/api/calendar/stop_feed",
            Call::Fn("/api/calendar/stop_feed", none),
            None,
            [Yes, Yes, No, Yes, No, Yes, No, No, No, No, No],
        ),
        // Planning a series: the staff of any municipality, each for their own.
        entry(
            "/personale/hold/ny",
            Call::Page("/personale/hold/ny"),
            None,
            STAFF_ONLY,
        ),
        entry(
            "/api/staff/series_form",
            Call::Fn("/api/staff/series_form", none),
            None,
            STAFF_ONLY,
        ),
        entry(
            "/api/staff/series_preview",
            Call::Fn("/api/staff/series_preview", |_, _| {
                pairs(&[
                    ("weekday", "1"),
                    ("start", "10.00"),
                    ("minutes", "60"),
                    ("capacity", "8"),
                    ("from", "1.6.2026"),
                    ("to", "15.6.2026"),
                ])
            }),
            None,
            STAFF_ONLY,
        ),
        entry(
            "/api/staff/create_series",
            Call::Fn("/api/staff/create_series", |_, _| {
                pairs(&[
                    ("title", "Matrixhold"),
                    ("place", "Matrixsalen"),
                    ("weekday", "1"),
                    ("start", "10.00"),
                    ("minutes", "60"),
                    ("capacity", "8"),
                    ("from", "1.6.2026"),
                    ("to", "15.6.2026"),
                ])
            }),
            None,
            STAFF_ONLY,
        ),
        // A team session of A's municipality, with A among the participants: its staff only.
        entry(
            "/personale/hold/:session",
            Call::Page("/personale/hold/SESSION"),
            Some(KAREN),
            [No, No, No, No, No, No, A, No, No, A, A],
        ),
        entry(
            "/api/staff/session",
            Call::Fn("/api/staff/session", |f, _| {
                vec![("session".into(), f.booked_session.to_string())]
            }),
            Some(KAREN),
            [No, No, No, No, No, No, A, No, No, A, A],
        ),
        // Therapists mark attendance; A's staff here is a caseworker (attendance.rs has the
        // therapist).
        entry(
            "/api/staff/attendance",
            Call::Fn("/api/staff/attendance", |f, _| {
                pairs(&[
                    ("session", &f.booked_session.to_string()),
                    ("citizen", &f.karen.to_string()),
                    ("outcome", "attended"),
                ])
            }),
            None,
            [No; 11],
        ),
        entry(
            "/api/staff/resolve_flag",
            Call::Fn("/api/staff/resolve_flag", |f, _| {
                vec![("flag".into(), f.flag.to_string())]
            }),
            None,
            // The therapist and the administrator may resolve flags too, but the caseworker has
            // resolved this one: it is no longer open (404).
            [No, No, No, No, No, No, Yes, No, No, No, No],
        ),
        // Registering an absence on Monday 20 April (one of A's sessions): each their own.
        entry(
            "/api/booking/absence",
            Call::Fn("/api/booking/absence", |_, _| {
                pairs(&[
                    ("from", "2026-04-20"),
                    ("to", "2026-04-21"),
                    ("reason", "holiday"),
                    ("confirm", "ja"),
                ])
            }),
            None,
            [Yes, Yes, Yes, Yes, No, Yes, No, No, No, No, No],
        ),
        // Moving A's booked session to the free one (after the staff entries, which list A on
        // it); a second press only shows the plan again.
        entry(
            "/api/booking/move",
            Call::Fn("/api/booking/move", |f, _| {
                pairs(&[
                    ("session", &f.booked_session.to_string()),
                    ("to", &f.free_session.to_string()),
                ])
            }),
            None,
            [Yes, No, Yes, No, No, No, No, No, No, No, No],
        ),
        // Answering a proposed move: only those with the book scope and a course (no proposal is
        // open here, so nothing changes).
        entry(
            "/api/booking/answer_move",
            Call::Fn("/api/booking/answer_move", |f, _| {
                pairs(&[("session", &f.free_session.to_string()), ("answer", "nej")])
            }),
            None,
            [Yes, Yes, Yes, No, No, No, No, No, No, No, No],
        ),
        // A's municipality's staff change the free session's places (to 20, then to 20 again:
        // more than anyone takes).
        entry(
            "/api/staff/session_capacity",
            Call::Fn("/api/staff/session_capacity", |f, _| {
                pairs(&[("session", &f.free_session.to_string()), ("capacity", "20")])
            }),
            None,
            [No, No, No, No, No, No, Yes, No, No, Yes, Yes],
        ),
        // A's municipality's staff propose a new time for, then cancel, sessions of theirs.
        entry(
            "/api/staff/propose_move",
            Call::Fn("/api/staff/propose_move", |f, _| {
                pairs(&[
                    ("session", &f.booked_session.to_string()),
                    ("date", "11.5.2026"),
                    ("time", "10.00"),
                ])
            }),
            None,
            [No, No, No, No, No, No, Yes, No, No, Taken, Taken],
        ),
        entry(
            "/api/staff/cancel_session",
            Call::Fn("/api/staff/cancel_session", |f, _| {
                vec![("session".into(), f.free_session.to_string())]
            }),
            None,
            [No, No, No, No, No, No, Yes, No, No, Yes, Yes],
        ),
        // Last: deciding closes A's open application.
        entry(
            "/api/decide/decide",
            Call::Fn("/api/decide/decide", |_, _| {
                pairs(&[
                    ("reference", "TP-SENT-0001"),
                    ("outcome", "granted"),
                    ("training_form", "team"),
                    ("place", "Brørup Sundhedscenter"),
                    ("sessions_per_week", "1"),
                    ("start_on", "2026-03-16"),
                    ("legal_basis", "sel_86_2"),
                ])
            }),
            None,
            [No, No, No, No, No, No, Yes, No, No, No, Taken],
        ),
        // Hearings (issue 15): A's letter for her side and her municipality's staff; starting,
        // recording a phone answer and deciding for its caseworkers and administrators only.
        entry(
            "/partshoering/:id",
            Call::Page("/partshoering/HEARING"),
            Some(HEARING_MARKER),
            [A, No, A, No, A, No, A, No, No, A, A],
        ),
        entry(
            "/api/hearings/one",
            Call::Fn("/api/hearings/one", |f, _| {
                vec![("id".into(), f.hearings[0].to_string())]
            }),
            Some(HEARING_MARKER),
            [A, No, A, No, A, No, A, No, No, A, A],
        ),
        entry(
            "/api/hearings/answer",
            Call::Fn("/api/hearings/answer", |f, i| {
                vec![
                    ("hearing".into(), f.hearings[i].to_string()),
                    ("answer".into(), "Mit svar".into()),
                ]
            }),
            None,
            [Yes, No, Yes, No, No, No, No, No, No, No, No],
        ),
        entry(
            "/personale/forloeb",
            Call::Page("/personale/forloeb"),
            Some(KAREN),
            [No, No, No, No, No, No, A, Yes, No, A, A],
        ),
        entry(
            "/api/staff/courses",
            Call::Fn("/api/staff/courses", none),
            Some(KAREN),
            [No, No, No, No, No, No, A, Yes, No, A, A],
        ),
        entry(
            "/personale/partshoeringer",
            Call::Page("/personale/partshoeringer"),
            Some(KAREN),
            [No, No, No, No, No, No, A, Yes, No, A, A],
        ),
        entry(
            "/api/staff/hearings",
            Call::Fn("/api/staff/hearings", none),
            Some(KAREN),
            [No, No, No, No, No, No, A, Yes, No, A, A],
        ),
        entry(
            "/personale/partshoeringer/ny",
            Call::Page("/personale/partshoeringer/ny?forloeb=COURSE"),
            Some(KAREN),
            [No, No, No, No, No, No, A, No, No, No, A],
        ),
        entry(
            "/api/staff/hearing_form",
            Call::Fn("/api/staff/hearing_form", |f, _| {
                vec![("course".into(), f.courses[0].to_string())]
            }),
            Some(KAREN),
            [No, No, No, No, No, No, A, No, No, No, A],
        ),
        entry(
            "/api/staff/start_hearing",
            Call::Fn("/api/staff/start_hearing", |f, i| {
                vec![
                    ("course".into(), f.courses[i].to_string()),
                    ("considered".into(), "Overvejer at afslutte.".into()),
                ]
            }),
            None,
            [No, No, No, No, No, No, Yes, No, No, No, Yes],
        ),
        entry(
            "/personale/partshoeringer/:id",
            Call::Page("/personale/partshoeringer/HEARING"),
            Some(HEARING_MARKER),
            [A, No, A, No, A, No, A, No, No, A, A],
        ),
        entry(
            "/api/staff/hearing_phone_answer",
            Call::Fn("/api/staff/hearing_phone_answer", |f, i| {
                vec![
                    ("hearing".into(), f.hearings[i].to_string()),
                    ("answer".into(), "Borgeren ringede.".into()),
                ]
            }),
            None,
            [No, No, No, No, No, No, Yes, No, No, No, Yes],
        ),
        entry(
            "/api/staff/decide_hearing",
            Call::Fn("/api/staff/decide_hearing", |f, i| {
                vec![
                    ("hearing".into(), f.hearings[i].to_string()),
                    ("outcome".into(), "continue".into()),
                ]
            }),
            None,
            [No, No, No, No, No, No, Yes, No, No, No, Yes],
        ),
        // Intake by phone, letter and referral (issue 15): caseworkers and administrators only.
        entry(
            "/personale/modtag",
            Call::Page("/personale/modtag?navn=Karen%20%C3%98stergaard&foedt=17.5.1961"),
            // The search is echoed in its fields; A's data is the citizen found.
            Some("Fundet: Karen Østergaard"),
            [No, No, No, No, No, No, A, Yes, No, No, A],
        ),
        entry(
            "/api/staff/intake",
            Call::Fn("/api/staff/intake", |_, _| {
                pairs(&[("name", KAREN), ("born", "17.5.1961")])
            }),
            Some("\"birth_date\":\"1961-05-17\""),
            [No, No, No, No, No, No, A, Yes, No, No, A],
        ),
        entry(
            "/api/staff/register_application",
            Call::Fn("/api/staff/register_application", |f, _| {
                vec![
                    ("citizen".into(), f.karen.to_string()),
                    ("channel".into(), "phone".into()),
                    ("arrived_on".into(), "2026-03-04".into()),
                    ("needs".into(), "Trapper".into()),
                    ("consent".into(), "oral".into()),
                    ("consent_on".into(), "2026-03-04".into()),
                ]
            }),
            None,
            [No, No, No, No, No, No, Yes, No, No, No, Yes],
        ),
        entry(
            "/api/staff/register_complaint",
            Call::Fn("/api/staff/register_complaint", |f, i| {
                vec![
                    ("decision".into(), f.uncomplained[i].to_string()),
                    ("way".into(), "phone".into()),
                    ("received_on".into(), "2026-03-04".into()),
                ]
            }),
            None,
            [No, No, No, No, No, No, Yes, No, No, No, Yes],
        ),
        // Municipality settings (issue 15): administrators only. Vejen's file has no yearly
        // closure, so the weeks are refused even to its administrator (not found).
        entry(
            "/personale/indstillinger",
            Call::Page("/personale/indstillinger"),
            None,
            [No, No, No, No, No, No, No, No, No, No, Yes],
        ),
        entry(
            "/api/staff/settings",
            Call::Fn("/api/staff/settings", none),
            None,
            [No, No, No, No, No, No, No, No, No, No, Yes],
        ),
        entry(
            "/api/staff/set_closure_weeks",
            Call::Fn("/api/staff/set_closure_weeks", |_, _| {
                pairs(&[
                    ("rule", "SAM-21"),
                    ("year", "2026"),
                    ("weeks", "28, 29, 30"),
                ])
            }),
            None,
            [No; 11],
        ),
        // Brønderslev's contact has phone hours as data; Vejen's has none (not found).
        entry(
            "/api/staff/set_phone_hours",
            Call::Fn("/api/staff/set_phone_hours", |_, _| {
                pairs(&[
                    ("rule", "BRS-08"),
                    ("from", "5.3.2026"),
                    ("to", "6.3.2026"),
                    ("way", "closed"),
                ])
            }),
            None,
            [No; 11],
        ),
        entry(
            "/api/staff/set_message",
            Call::Fn("/api/staff/set_message", |_, _| {
                pairs(&[("text", "Lukket i dag.")])
            }),
            None,
            [No, No, No, No, No, No, No, No, No, No, Yes],
        ),
        // The service-level report (issue 15): counts only, for the municipality's staff.
        entry(
            "/personale/rapport",
            Call::Page("/personale/rapport"),
            None,
            STAFF_ONLY,
        ),
        entry(
            "/api/staff/report",
            Call::Fn("/api/staff/report", none),
            None,
            STAFF_ONLY,
        ),
        entry(
            "/personale/rapport.csv",
            Call::Page("/personale/rapport.csv"),
            None,
            STAFF_ONLY,
        ),
        // Tasks (issue 15): caseworkers and administrators of the municipality (therapists do no
        // casework); A's tasks only in hers.
        entry(
            "/personale/opgaver",
            Call::Page("/personale/opgaver"),
            Some(KAREN),
            CASEWORK_OF_A,
        ),
        entry(
            "/api/staff/tasks",
            Call::Fn("/api/staff/tasks", none),
            Some(KAREN),
            CASEWORK_OF_A,
        ),
        entry(
            "/api/staff/take_task",
            Call::Fn("/api/staff/take_task", |f, i| {
                vec![("id".into(), f.tasks[i].to_string())]
            }),
            None,
            [No, No, No, No, No, No, Yes, No, No, No, Yes],
        ),
        entry(
            "/api/staff/reassign_task",
            Call::Fn("/api/staff/reassign_task", |f, i| {
                vec![
                    ("id".into(), f.tasks[i].to_string()),
                    ("to".into(), String::new()),
                ]
            }),
            None,
            [No, No, No, No, No, No, Yes, No, No, No, Yes],
        ),
        entry(
            "/api/staff/close_task",
            Call::Fn("/api/staff/close_task", |f, i| {
                vec![
                    ("id".into(), f.tasks[i].to_string()),
                    ("note".into(), "Ringet til borgeren.".into()),
                ]
            }),
            None,
            [No, No, No, No, No, No, Yes, No, No, No, Yes],
        ),
    ]
}

/// The people and powers behind the nine visitors.
struct Fixture {
    karen: i64,
    people: Vec<Option<(i64, Option<i64>)>>,
    /// One power from A to the relative of A per visitor, for the revoke entry.
    revocable: Vec<i64>,
    /// A power registered by Vejen's staff for A.
    registered: i64,
    /// A decision on an application of A's.
    decision: i64,
    /// A's consent naming `CONSENT_MARKER`, and one to withdraw.
    consent: i64,
    withdrawable: i64,
    /// A session A has booked, and a free one in her course.
    booked_session: i64,
    free_session: i64,
    /// A full session in her course, for the waiting list.
    full_session: i64,
    /// A review flag on A's course.
    flag: i64,
    /// One complaint of A's per visitor, waiting for her answer after partial agreement.
    awaiting: Vec<String>,
    /// One open hearing on a course of A's per visitor (its letter says `HEARING_MARKER`), and one
    /// course of A's without a hearing per visitor, to start one on.
    hearings: Vec<i64>,
    courses: Vec<i64>,
    /// One refusal of A's per visitor without a complaint, to register one by letter.
    uncomplained: Vec<i64>,
    /// One open task of Vejen's about A per visitor, to take, give on and close.
    tasks: Vec<i64>,
    /// A's thread with the training unit (its message says `MESSAGE_MARKER`).
    thread: i64,
}

async fn fixture(app: &TestApp) -> Fixture {
    let repo = &app.state.repo;
    let now = crate::support::at(NOW);
    let today = NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
    let karen = person_of(app, "demo:vejen:borger").await;
    let jens = person_of(app, "demo:vejen:paaroerende").await;
    let new_person = |subject: &'static str, name: &'static str| async move {
        repo.insert_person(
            &app::ssr::db::NewPerson {
                subject: subject.into(),
                name: name.into(),
                email: None,
                phone: None,
                birth_date: None,
                home_municipality: None,
            },
            now,
        )
        .await
        .unwrap()
    };
    let power = |proxy: i64, scopes: Scopes, expires_on: NaiveDate| NewPower {
        citizen_id: karen,
        proxy_id: proxy,
        scopes,
        expires_on,
        source: PowerSource::Citizen,
        document_ref: None,
        created_by: karen,
        created_at: now,
    };
    let expired = new_person("matrix:expired", "Ulla Udløbet").await;
    repo.insert_power(&power(expired, Scopes::all(), today - Duration::days(1)))
        .await
        .unwrap();
    let view_only = new_person("matrix:view-only", "Sven Seer").await;
    repo.insert_power(&power(
        view_only,
        Scopes {
            view: true,
            ..Scopes::default()
        },
        today + Duration::days(30),
    ))
    .await
    .unwrap();
    let revoked = new_person("matrix:revoked", "Rita Retur").await;
    let id = repo
        .insert_power(&power(revoked, Scopes::all(), today + Duration::days(30)))
        .await
        .unwrap();
    repo.revoke_power(id, karen, now, &[]).await.unwrap();

    // A's pending invitation (marker: its address, which only A sees), the link every visitor
    // opens, and one invitation per visitor to accept.
    let invitation = |hash: String, email: &str| NewInvitation {
        citizen_id: karen,
        invite_name: "Probe".into(),
        invite_email: email.into(),
        token_hash: hash,
        scopes: Scopes::all(),
        expires_on: today + Duration::days(30),
        source: PowerSource::Citizen,
        document_ref: None,
        created_by: karen,
        created_at: now,
        invitation_expires_at: now + Duration::days(14),
    };
    let mail = NewEmail {
        recipient_person_id: None,
        to_address: PROBE_EMAIL.into(),
        subject: "x".into(),
        body_text: "x".into(),
        created_at: now,
        channel: app::ssr::db::OutboxChannel::Email,
    };
    repo.insert_invitation(
        &invitation(hash_session_id("matrix-token"), PROBE_EMAIL),
        &mail,
    )
    .await
    .unwrap();
    let erik = person_of(app, "demo:samsoe:borger").await;
    for i in 0..EVERYONE.len() {
        repo.insert_invitation(
            &NewInvitation {
                citizen_id: erik,
                created_by: erik,
                ..invitation(hash_session_id(&format!("accept-{i}")), "other@example.dk")
            },
            &mail,
        )
        .await
        .unwrap();
    }
    let mut revocable = Vec::new();
    for _ in 0..EVERYONE.len() {
        revocable.push(
            repo.insert_power(&power(jens, Scopes::all(), today + Duration::days(30)))
                .await
                .unwrap(),
        );
    }
    let mette = person_of(app, "demo:vejen:visitator").await;
    let admin = new_person("matrix:admin", "Alice Administrator").await;
    repo.add_staff_role(admin, "vejen", app::domain::people::StaffRole::Admin, now)
        .await
        .unwrap();
    repo.create_calendar_feed(karen, &hash_session_id("matrix-feed-token"), now)
        .await
        .unwrap();
    let registered = repo
        .insert_invitation(
            &NewInvitation {
                source: PowerSource::Paper,
                document_ref: Some("J-1".into()),
                created_by: mette,
                ..invitation(hash_session_id("registered"), "paper@example.dk")
            },
            &mail,
        )
        .await
        .unwrap();
    // A's applications: one sent, one waiting for her consent, and a draft ready to send.
    let draft = |reference: &str| app::ssr::db::DraftSave {
        citizen_id: karen,
        municipality: "vejen".into(),
        created_by: karen,
        new_reference: reference.into(),
        answers: format!(r#"{{"needs":"{NEEDS_MARKER}","transport":"self"}}"#),
        preferred_form: None,
        preferred_place: None,
        transport_need: Some("self".into()),
        now,
    };
    for (reference, status) in [
        ("TP-SENT-0001", "submitted"),
        ("TP-WAIT-0001", "awaiting_consent"),
    ] {
        let a = repo.save_draft(&draft(reference)).await.unwrap();
        assert!(repo
            .submit_draft(
                a.id,
                app::domain::states::ApplicationStatus::from_code(status).unwrap(),
                now,
                &[],
                None
            )
            .await
            .unwrap());
    }
    let decided = repo.save_draft(&draft("TP-DECI-0001")).await.unwrap();
    assert!(repo
        .submit_draft(
            decided.id,
            app::domain::states::ApplicationStatus::Submitted,
            now,
            &[],
            None
        )
        .await
        .unwrap());
    let decision = repo
        .decide_application(
            decided.id,
            &app::ssr::db::NewDecision {
                application_id: Some(decided.id),
                citizen_id: karen,
                municipality: "vejen".into(),
                outcome: app::domain::complaint_guidance::DecisionOutcome::Refused,
                training_form: String::new(),
                place: String::new(),
                sessions_per_week: 0,
                weeks: None,
                start_on: today,
                reasons: Some("Begrundelse".into()),
                legal_basis: "Lov om social service § 86, stk. 2".into(),
                decided_by: mette,
                decided_at: now,
                complaint_guidance: None,
                replaces_decision_id: None,
                delivery: app::domain::decision_delivery::Delivery::Portal(now),
                transport_outcome: None,
                transport_guidance: None,
                last_day_on: None,
            },
            &[],
        )
        .await
        .unwrap()
        .unwrap();
    repo.save_draft(&draft("TP-DRAF-0001")).await.unwrap();
    let consent = |relative: &str| app::ssr::db::NewConsent {
        citizen_id: karen,
        municipality: "vejen".into(),
        purpose: "share_with_relative".into(),
        version: 1,
        relative_name: Some(relative.into()),
        given_by: karen,
        given_at: now,
        method: app::domain::consent::ConsentMethod::Mitid,
        document_ref: None,
    };
    let withdrawable = repo
        .give_consent(&consent("Anden Pårørende"))
        .await
        .unwrap();
    let consent = repo.give_consent(&consent(CONSENT_MARKER)).await.unwrap();
    let booked_session = repo.booked_sessions_from(karen, now).await.unwrap()[0].id;
    // Monday 4 May 2026, week 9 of her course: no session booked that week.
    let free_session = repo
        .insert_team_session(&app::ssr::db::NewTeamSession {
            municipality: "vejen".into(),
            title: "Vedligeholdende holdtræning".into(),
            place: VEJEN_PLACE.into(),
            starts_at: crate::support::at("2026-05-04T08:00:00Z"),
            ends_at: crate::support::at("2026-05-04T09:00:00Z"),
            capacity: 8,
            therapist_id: None,
            created_at: now,
        })
        .await
        .unwrap();
    let full_session = repo
        .insert_team_session(&app::ssr::db::NewTeamSession {
            municipality: "vejen".into(),
            title: "Vedligeholdende holdtræning".into(),
            place: VEJEN_PLACE.into(),
            starts_at: crate::support::at("2026-05-11T08:00:00Z"),
            ends_at: crate::support::at("2026-05-11T09:00:00Z"),
            capacity: 1,
            therapist_id: None,
            created_at: now,
        })
        .await
        .unwrap();
    // Its one place taken by someone the matrix does not know.
    crate::support::run_sql(
        &app.db,
        &format!("update team_sessions set booked = 1 where id = {full_session}"),
    )
    .await;
    let course = repo.current_course(karen).await.unwrap().unwrap();
    repo.mark_attendance(
        booked_session,
        karen,
        "no_show",
        mette,
        now,
        &[app::ssr::db::NewReviewFlag {
            course_id: course.id,
            rule_id: "VEJ-13".into(),
            facts: "{}".into(),
            created_at: now,
        }],
    )
    .await
    .unwrap();
    let flag = repo.open_review_flags("vejen").await.unwrap()[0].id;
    // Dated later than the matrix's own requests, so it is on the first page of her log.
    repo.audit(&AuditEntry {
        at: now + chrono::Duration::days(1),
        actor_id: Some(karen),
        on_behalf_of: Some(karen),
        action: "matrix_probe".into(),
        detail: LOG_MARKER.into(),
        outcome: app::domain::states::AuditOutcome::Ok,
        session_hash: None,
        client_addr: None,
    })
    .await
    .unwrap();

    // A's complaints: about the decision, one to settle, one about the training, and one per
    // visitor waiting for her answer after partial agreement.
    let complaint = |reference: String, kind: &str, decision: Option<i64>, body: &str| {
        app::ssr::db::NewComplaint {
            reference,
            citizen_id: karen,
            municipality: "vejen".into(),
            kind: app::domain::complaints::Kind::from_code(kind).unwrap(),
            decision_id: decision,
            topic: None,
            body: body.into(),
            route: "Vejen Kommune".into(),
            submitted_by: karen,
            submitted_at: now,
            deadline_at: None,
            possibly_late: false,
            status: app::domain::complaints::Status::Received,
            reassessment_due_on: None,
            forward_due_on: None,
            channel: app::domain::intake::Channel::Portal,
            sent_on: None,
        }
    };
    let refusal = || app::ssr::db::NewDecision {
        application_id: None,
        citizen_id: karen,
        municipality: "vejen".into(),
        outcome: app::domain::complaint_guidance::DecisionOutcome::Refused,
        training_form: String::new(),
        place: String::new(),
        sessions_per_week: 0,
        weeks: None,
        start_on: today,
        reasons: Some("Begrundelse".into()),
        legal_basis: "Lov om social service § 86, stk. 2".into(),
        decided_by: mette,
        decided_at: now,
        complaint_guidance: None,
        replaces_decision_id: None,
        delivery: app::domain::decision_delivery::Delivery::Portal(now),
        transport_outcome: None,
        transport_guidance: None,
        last_day_on: None,
    };
    repo.insert_complaint(
        &complaint(
            COMPLAINT_OF_A.into(),
            "decision",
            Some(decision),
            COMPLAINT_MARKER,
        ),
        &[],
    )
    .await
    .unwrap()
    .unwrap();
    let (other, _) = repo.insert_decision_with_course(&refusal()).await.unwrap();
    repo.insert_complaint(
        &complaint(COMPLAINT_TO_SETTLE.into(), "decision", Some(other), ""),
        &[],
    )
    .await
    .unwrap()
    .unwrap();
    repo.insert_complaint(
        &complaint(
            SERVICE_COMPLAINT_OF_A.into(),
            "service",
            None,
            "Om træningen",
        ),
        &[],
    )
    .await
    .unwrap()
    .unwrap();
    let mut awaiting = Vec::new();
    for i in 0..EVERYONE.len() {
        let (old, _) = repo.insert_decision_with_course(&refusal()).await.unwrap();
        let reference = format!("K-WAIT-000{i}");
        let id = repo
            .insert_complaint(
                &complaint(reference.clone(), "decision", Some(old), ""),
                &[],
            )
            .await
            .unwrap()
            .unwrap();
        assert!(repo
            .change_complaint(
                id,
                &app::ssr::db::ComplaintChange {
                    expected_status: app::domain::complaints::Status::Received,
                    // Vejen's standard has no maintain step: what was not agreed to goes on to
                    // Ankestyrelsen by law, and the citizen may withdraw it until then.
                    status: app::domain::complaints::Status::ToForward,
                    at: now,
                    by: mette,
                    event: "outcome_partial".into(),
                    outcome: Some(app::domain::complaints::ComplaintOutcome::Partial),
                    new_decision: Some(app::ssr::db::NewDecision {
                        replaces_decision_id: Some(old),
                        ..refusal()
                    }),
                    ..Default::default()
                },
                &[],
            )
            .await
            .unwrap());
        awaiting.push(reference);
    }
    // Courses of A's that started a year ago (so her current course stays the demo one), one
    // with an open hearing and one without, per visitor.
    let mut hearings = Vec::new();
    let mut courses = Vec::new();
    for _ in 0..EVERYONE.len() {
        let mut ids = Vec::new();
        for _ in 0..2 {
            let (_, course) = repo
                .insert_decision_with_course(&app::ssr::db::NewDecision {
                    outcome: app::domain::complaint_guidance::DecisionOutcome::Granted,
                    training_form: "team".into(),
                    place: VEJEN_PLACE.into(),
                    sessions_per_week: 1,
                    start_on: today - Duration::days(365),
                    ..refusal()
                })
                .await
                .unwrap();
            ids.push(course.unwrap());
        }
        hearings.push(
            repo.start_hearing(
                &app::ssr::db::NewHearing {
                    course_id: ids[0],
                    citizen_id: karen,
                    municipality: "vejen".into(),
                    flag_id: None,
                    rule_id: None,
                    facts: "{}".into(),
                    considered: format!("{HEARING_MARKER} at afslutte forløbet."),
                    answer_due_at: now + Duration::days(14),
                    started_by: mette,
                    started_at: now,
                },
                &[],
            )
            .await
            .unwrap()
            .unwrap(),
        );
        courses.push(ids[1]);
    }
    let mut uncomplained = Vec::new();
    for _ in 0..EVERYONE.len() {
        let (id, _) = repo.insert_decision_with_course(&refusal()).await.unwrap();
        uncomplained.push(id);
    }

    // Tasks on A's decisions not opened (the kind matters not here; each visitor its own).
    let obligations: Vec<_> = uncomplained
        .iter()
        .map(|d| app::domain::tasks::Obligation {
            kind: app::domain::tasks::TaskKind::DecisionUnopened,
            subject: *d,
            rule_id: "CAL-8".into(),
            citizen_id: karen,
            due_on: today,
            facts_da: "Afgørelsen er ikke åbnet.".into(),
            facts_en: "The decision has not been opened.".into(),
            link: String::new(),
        })
        .collect();
    repo.raise_tasks("vejen", &obligations, now).await.unwrap();
    let mut tasks = Vec::new();
    for t in repo.open_tasks("vejen").await.unwrap() {
        if uncomplained.contains(&t.subject) {
            tasks.push(t.id);
        }
    }
    assert_eq!(tasks.len(), EVERYONE.len());

    let mut people = Vec::new();
    for who in EVERYONE {
        people.push(match who {
            CitizenA => Some((karen, None)),
            CitizenB => Some((person_of(app, "demo:broenderslev:borger").await, None)),
            RelativeOfA => Some((jens, Some(karen))),
            RelativeExpired => Some((expired, Some(karen))),
            RelativeWithoutScope => Some((view_only, Some(karen))),
            RelativeRevoked => Some((revoked, Some(karen))),
            StaffOfA => Some((mette, None)),
            StaffElsewhere => Some((person_of(app, "demo:samsoe:visitator").await, None)),
            Anonymous => None,
            TherapistOfA => Some((person_of(app, "demo:vejen:terapeut").await, None)),
            AdminOfA => Some((admin, None)),
        });
    }
    let thread = repo
        .add_citizen_message(&app::ssr::db::NewCitizenMessage {
            citizen_id: karen,
            municipality: "vejen".into(),
            topic: "course".into(),
            author_id: karen,
            body: MESSAGE_MARKER.into(),
            at: now,
        })
        .await
        .unwrap();
    Fixture {
        thread,
        karen,
        people,
        revocable,
        registered,
        decision,
        consent,
        withdrawable,
        booked_session,
        free_session,
        full_session,
        flag,
        awaiting,
        hearings,
        courses,
        uncomplained,
        tasks,
    }
}

/// What every answer must carry, whoever asks: problems found, if any.
fn header_problems(res: &reqwest::Response, signed_in: bool) -> Vec<String> {
    let h = |name: &str| {
        res.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    let mut problems = Vec::new();
    if h("x-content-type-options") != "nosniff" {
        problems.push("no X-Content-Type-Options: nosniff".to_string());
    }
    if h("referrer-policy") != "same-origin" {
        problems.push("no Referrer-Policy: same-origin".into());
    }
    let csp = h("content-security-policy");
    if !csp.contains("frame-ancestors 'none'") || csp.contains("'unsafe-inline'") {
        problems.push(format!("CSP {csp:?}"));
    }
    if h("content-type").starts_with("text/html")
        && csp.contains("script-src")
        && !csp.contains("'nonce-")
    {
        problems.push("a page's scripts without a nonce".into());
    }
    if signed_in && h("cache-control") != "no-store" {
        problems.push("a signed-in answer without Cache-Control: no-store".into());
    }
    problems
}

/// What one visitor got: allowed (and the body), or refused; and any missing headers.
/// A page path with the fixture's ids in place of DECISION, CONSENT and SESSION.
fn concrete(path: &str, f: &Fixture) -> String {
    path.replace("DECISION", &f.decision.to_string())
        .replace("COMPLAINT", COMPLAINT_OF_A)
        .replace("CONSENT", &f.consent.to_string())
        .replace("SESSION", &f.booked_session.to_string())
        .replace("THREAD", &f.thread.to_string())
        .replace("HEARING", &f.hearings[0].to_string())
        .replace("COURSE", &f.courses[0].to_string())
}

async fn ask(
    app: &TestApp,
    f: &Fixture,
    e: &Entry,
    i: usize,
) -> (bool, String, String, Vec<String>) {
    let client = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap();
    // A fresh session per question, so signing out in one entry does not touch the next.
    let cookie = match f.people[i] {
        Some((person, acting_for)) => {
            let set = start_session(&app.state, person, acting_for).await.unwrap();
            set.to_str().unwrap().split(';').next().unwrap().to_string()
        }
        None => String::new(),
    };
    let (path, res) = match &e.call {
        Call::Page(path) => (
            concrete(path, f),
            client
                .get(format!("{}{}", app.base, concrete(path, f)))
                .header(reqwest::header::ACCEPT, "text/html")
                .header(COOKIE, &cookie)
                .send()
                .await
                .unwrap(),
        ),
        Call::Fn(path, fields) => {
            let body = fields(f, i)
                .iter()
                .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
                .collect::<Vec<_>>()
                .join("&");
            (
                path.to_string(),
                client
                    .post(format!("{}{path}", app.base))
                    .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(ORIGIN, &app.base)
                    .header(COOKIE, &cookie)
                    .body(body)
                    .send()
                    .await
                    .unwrap(),
            )
        }
    };
    let status = res.status();
    let headers = header_problems(&res, f.people[i].is_some());
    let location = res
        .headers()
        .get(LOCATION)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = res.text().await.unwrap();
    assert!(
        !status.is_server_error(),
        "{path} as {:?}: {status} {body}",
        EVERYONE[i]
    );
    // A page that explains a bad request (the sign-in refusal page answers 400) is still shown;
    // a server function answering 400 refused the input.
    let is_fn = matches!(e.call, Call::Fn(..));
    let refused = matches!(
        status,
        StatusCode::UNAUTHORIZED
            | StatusCode::FORBIDDEN
            | StatusCode::NOT_FOUND
            | StatusCode::TOO_MANY_REQUESTS
    ) || (is_fn && status == StatusCode::BAD_REQUEST)
        || location.starts_with("/log-ind")
        || location.contains("__err");
    (!refused, body, format!("{status} {location}"), headers)
}

/// Route patterns as the matrix writes them (`:param`), whatever syntax the router lists.
fn pattern(path: &str) -> String {
    path.split('/')
        .map(|seg| {
            if let Some(name) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                format!(":{name}")
            } else {
                seg.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

async fn every_page_and_server_function_answers_each_visitor_as_expected(backend: Backend) {
    let matrix = entries();
    let covered: BTreeSet<&str> = matrix.iter().map(|e| e.covers).collect();
    let mut missing: Vec<String> = server::page_paths()
        .iter()
        .map(|p| pattern(p))
        .chain(leptos::server_fn::axum::server_fn_paths().map(|(p, _)| p.to_string()))
        // The server functions' own route is covered by each function's entry.
        .chain(
            server::PLAIN_ROUTES
                .iter()
                .filter(|p| **p != "/api/{*fn_name}")
                .map(|p| p.to_string()),
        )
        .filter(|p| !covered.contains(p.as_str()))
        .collect();
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "pages or server functions without an entry in the access matrix: {missing:?}"
    );

    let app = spawn_app(backend, true, NOW).await;
    let f = fixture(&app).await;
    let mut wrong = Vec::new();
    for e in &matrix {
        for (i, who) in EVERYONE.iter().enumerate() {
            let (allowed, body, got, headers) = ask(&app, &f, e, i).await;
            for h in headers {
                wrong.push(format!("{} as {who:?}: {h}", e.covers));
            }
            let has_marker = e.marker.is_some_and(|m| body.contains(m));
            let ok = match e.expect[i] {
                No => !allowed,
                Taken => !allowed && got.starts_with("400"),
                Yes => allowed && !has_marker,
                A => allowed && (e.marker.is_none() || has_marker),
            };
            if !ok {
                wrong.push(format!(
                    "{} as {who:?}: expected {:?}, got {got}{}",
                    e.covers,
                    e.expect[i],
                    if has_marker { " with A's data" } else { "" }
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

on_both_backends!(every_page_and_server_function_answers_each_visitor_as_expected);
