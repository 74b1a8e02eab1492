//! Powers of attorney (fuldmagt): what a grant must hold, where a power stands, and the words for
//! both. A power starts as an invitation that the relative accepts after signing in with their own
//! MitID; it then holds until its last day, unless either side revokes it first.
use super::lang::Lang;
use super::people::Scopes;
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// How long an invitation link works.
pub const INVITATION_VALID: Duration = Duration::days(14);
/// The furthest ahead a power may run from the day it is given.
pub const LONGEST_YEARS: i32 = 10;

/// Where a power of attorney stands on a given instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PowerStatus {
    /// Sent to the relative, who has not yet accepted it.
    AwaitingAcceptance,
    /// The relative did not accept in time; the link no longer works.
    InvitationExpired,
    Active,
    /// Accepted by someone whose name (from their MitID) is not the one in the invitation: not in
    /// force until the citizen confirms it.
    AwaitingConfirmation,
    /// Registered by staff (from paper or a guardianship): not in force until a second staff
    /// member of the municipality approves it.
    AwaitingApproval,
    /// Its last day has passed.
    Expired,
    Revoked,
}

/// The facts about one power that its status follows from.
#[derive(Clone, Copy, Debug)]
pub struct PowerFacts {
    pub accepted: bool,
    pub revoked: bool,
    /// The last local date on which the power is valid.
    pub expires_on: NaiveDate,
    pub invitation_expires_at: Option<DateTime<Utc>>,
    /// The accepter's name differed from the invitation's, and no one has confirmed it yet.
    pub awaiting_confirmation: bool,
    /// Registered by staff and not yet approved by a second staff member.
    pub awaiting_approval: bool,
}

impl PowerStatus {
    pub fn of(f: PowerFacts, now: DateTime<Utc>, today: NaiveDate) -> PowerStatus {
        if f.revoked {
            PowerStatus::Revoked
        } else if today > f.expires_on {
            PowerStatus::Expired
        } else if f.accepted && f.awaiting_approval {
            PowerStatus::AwaitingApproval
        } else if f.accepted && f.awaiting_confirmation {
            PowerStatus::AwaitingConfirmation
        } else if f.accepted {
            PowerStatus::Active
        } else if f.invitation_expires_at.is_some_and(|t| now >= t) {
            PowerStatus::InvitationExpired
        } else {
            PowerStatus::AwaitingAcceptance
        }
    }

    /// Whether revoking still changes anything.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            PowerStatus::AwaitingAcceptance
                | PowerStatus::Active
                | PowerStatus::AwaitingConfirmation
                | PowerStatus::AwaitingApproval
        )
    }

    /// The status as the relative holding the power reads it (only the citizen can confirm).
    pub fn label_for_holder(self, lang: Lang) -> &'static str {
        match self {
            PowerStatus::AwaitingConfirmation => lang.pick(
                "Gælder ikke endnu: venter på, at borgeren bekræfter, at det er dig",
                "Not in force yet: waiting for the citizen to confirm that it is you",
            ),
            other => other.label(lang),
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PowerStatus::AwaitingAcceptance => lang.pick(
                "Venter på, at den bliver taget imod",
                "Waiting to be accepted",
            ),
            PowerStatus::InvitationExpired => lang.pick(
                "Ikke taget imod i tide – linket virker ikke længere",
                "Not accepted in time – the link no longer works",
            ),
            PowerStatus::Active => lang.pick("Gælder", "In force"),
            PowerStatus::AwaitingConfirmation => lang.pick(
                "Gælder ikke endnu: navnet passer ikke – venter på din bekræftelse",
                "Not in force yet: the name does not match – waiting for your confirmation",
            ),
            PowerStatus::AwaitingApproval => lang.pick(
                "Gælder ikke endnu: venter på godkendelse af en anden medarbejder i kommunen",
                "Not in force yet: waiting for approval by another member of the municipality's staff",
            ),
            PowerStatus::Expired => lang.pick("Udløbet", "Expired"),
            PowerStatus::Revoked => lang.pick("Tilbagekaldt", "Revoked"),
        }
    }
}

/// A grant as typed into the form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GrantInput {
    pub relative_name: String,
    pub relative_email: String,
    /// Scope codes ticked: "apply", "book", "complain", "consents", "messages". Seeing the case is always
    /// included, since no other scope can be used without it.
    pub scopes: Vec<String>,
    pub expires_on: String,
}

/// A grant that may be stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Grant {
    pub relative_name: String,
    pub relative_email: String,
    pub scopes: Scopes,
    pub expires_on: NaiveDate,
}

/// What is wrong with a grant, each in words the citizen can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GrantProblem {
    NameMissing,
    NameTooLong,
    /// A line break, control or format character (Unicode Cc, Cf) in the name: it would reach
    /// the invitation email and the citizen's pages as the portal's own text.
    NameHidden,
    EmailInvalid,
    UnknownScope,
    ExpiryMissing,
    ExpiryNotADate,
    ExpiryPassed,
    ExpiryTooFar,
}

impl GrantProblem {
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            GrantProblem::NameMissing => lang.pick(
                "Skriv navnet på den, du giver fuldmagt.",
                "Enter the name of the person you give power of attorney.",
            ),
            GrantProblem::NameTooLong => lang.pick(
                "Navnet må højst være 200 tegn.",
                "The name can be at most 200 characters.",
            ),
            GrantProblem::NameHidden => lang.pick(
                "Navnet må kun have almindelige bogstaver og tegn – ingen linjeskift eller usynlige tegn.",
                "The name can only have ordinary letters and characters – no line breaks or invisible characters.",
            ),
            GrantProblem::EmailInvalid => lang.pick(
                "Skriv en e-mailadresse som navn@eksempel.dk.",
                "Enter an email address like name@example.dk.",
            ),
            GrantProblem::UnknownScope => lang.pick(
                "Vælg kun blandt de viste muligheder.",
                "Choose only among the options shown.",
            ),
            GrantProblem::ExpiryMissing => lang.pick(
                "Skriv den sidste dag, fuldmagten skal gælde.",
                "Enter the last day the power of attorney is valid.",
            ),
            GrantProblem::ExpiryNotADate => lang.pick(
                "Skriv datoen som dag.måned.år, fx 31.12.2027.",
                "Enter the date as day.month.year, e.g. 31.12.2027.",
            ),
            GrantProblem::ExpiryPassed => lang.pick(
                "Den sidste dag kan ikke ligge før i dag.",
                "The last day cannot be before today.",
            ),
            GrantProblem::ExpiryTooFar => lang.pick(
                "En fuldmagt kan højst gælde 10 år frem.",
                "A power of attorney can run at most 10 years ahead.",
            ),
        }
    }
}

/// Checks a grant typed on `today`; every problem is reported at once.
pub fn check_grant(input: &GrantInput, today: NaiveDate) -> Result<Grant, Vec<GrantProblem>> {
    let mut problems = Vec::new();
    let name = input.relative_name.trim();
    if name.is_empty() {
        problems.push(GrantProblem::NameMissing);
    } else if name.chars().count() > super::text_input::NAME_MAX {
        problems.push(GrantProblem::NameTooLong);
    } else if super::text_input::check(&input.relative_name, super::text_input::NAME_MAX, false)
        .is_some()
    {
        problems.push(GrantProblem::NameHidden);
    }
    let email = input.relative_email.trim();
    if !plausible_email(email) {
        problems.push(GrantProblem::EmailInvalid);
    }
    let mut scopes = Scopes {
        view: true,
        ..Scopes::default()
    };
    for code in &input.scopes {
        match code.as_str() {
            "view" => {}
            "apply" => scopes.apply = true,
            "book" => scopes.book = true,
            "complain" => scopes.complain = true,
            "consents" => scopes.consents = true,
            "messages" => scopes.messages = true,
            _ => problems.push(GrantProblem::UnknownScope),
        }
    }
    let expires_on = match parse_date(&input.expires_on) {
        Err(p) => {
            problems.push(p);
            None
        }
        Ok(d) if d < today => {
            problems.push(GrantProblem::ExpiryPassed);
            None
        }
        Ok(d) if d > add_years(today, LONGEST_YEARS) => {
            problems.push(GrantProblem::ExpiryTooFar);
            None
        }
        Ok(d) => Some(d),
    };
    match expires_on {
        Some(expires_on) if problems.is_empty() => Ok(Grant {
            relative_name: name.to_string(),
            relative_email: email.to_string(),
            scopes,
            expires_on,
        }),
        _ => Err(problems),
    }
}

/// The same day `years` later (28 February for 29 February in a year without it).
fn add_years(day: NaiveDate, years: i32) -> NaiveDate {
    use chrono::Datelike;
    let year = day.year() + years;
    NaiveDate::from_ymd_opt(year, day.month(), day.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, day.month(), day.day() - 1))
        .unwrap_or(day)
}

/// The expiry date as typed (see [`super::time_format::parse_day`]).
pub fn parse_date(text: &str) -> Result<NaiveDate, GrantProblem> {
    if text.trim().is_empty() {
        return Err(GrantProblem::ExpiryMissing);
    }
    super::time_format::parse_day(text).ok_or(GrantProblem::ExpiryNotADate)
}

/// Enough to catch typing slips; the relative proves the address by opening the link.
pub fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    email.len() <= 254
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Where a staff-registered power comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaperSource {
    /// A power of attorney on paper, signed by the citizen.
    Paper,
    /// A guardianship (værgemål) decided by Familieretshuset or a court.
    Guardianship,
}

impl PaperSource {
    pub fn from_code(code: &str) -> Option<PaperSource> {
        match code {
            "paper" => Some(PaperSource::Paper),
            "guardianship" => Some(PaperSource::Guardianship),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            PaperSource::Paper => "paper",
            PaperSource::Guardianship => "guardianship",
        }
    }
}

/// The words for where a power comes from.
pub fn source_label(code: &str, lang: Lang) -> &'static str {
    match code {
        "paper" => lang.pick("Fuldmagt på papir", "Power of attorney on paper"),
        "guardianship" => lang.pick("Værgemål", "Guardianship"),
        _ => lang.pick("Givet i portalen", "Given in the portal"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    fn input(expires: &str) -> GrantInput {
        GrantInput {
            relative_name: " Jens Østergaard ".into(),
            relative_email: "jens@example.dk".into(),
            scopes: vec!["book".into()],
            expires_on: expires.into(),
        }
    }

    #[test]
    fn a_grant_always_includes_seeing_the_case_and_only_the_scopes_ticked() {
        let g = check_grant(&input("31.12.2027"), day("2026-11-23")).unwrap();
        assert_eq!(g.relative_name, "Jens Østergaard");
        assert_eq!(g.expires_on, day("2027-12-31"));
        assert!(g.scopes.view && g.scopes.book);
        assert!(!g.scopes.apply && !g.scopes.complain && !g.scopes.consents);
    }

    #[test]
    fn the_expiry_date_is_required_and_may_be_today_but_not_before() {
        let today = day("2026-11-23");
        assert_eq!(
            check_grant(&input(""), today),
            Err(vec![GrantProblem::ExpiryMissing])
        );
        assert!(check_grant(&input("2026-11-23"), today).is_ok());
        assert_eq!(
            check_grant(&input("22-11-2026"), today),
            Err(vec![GrantProblem::ExpiryPassed])
        );
        assert_eq!(
            check_grant(&input("31.02.2027"), today),
            Err(vec![GrantProblem::ExpiryNotADate])
        );
    }

    #[test]
    fn a_name_with_a_line_break_or_a_hidden_character_is_refused() {
        let today = day("2026-11-23");
        for name in [
            "Jens\nAfsender: Vejen Kommune",
            "Jens\r\nØstergaard",
            "Jens\u{202E}draagretsØ",
            "Je\u{200B}ns",
            "Jens\u{7}",
        ] {
            let mut i = input("31.12.2027");
            i.relative_name = name.into();
            assert_eq!(
                check_grant(&i, today),
                Err(vec![GrantProblem::NameHidden]),
                "{name:?}"
            );
        }
        let mut i = input("31.12.2027");
        i.relative_name = "Jens-Ole Ærø Østergaard".into();
        assert!(check_grant(&i, today).is_ok());
    }

    #[test]
    fn a_power_runs_at_most_ten_years_from_a_leap_day_too() {
        let leap = day("2028-02-29");
        assert!(check_grant(&input("28.02.2038"), leap).is_ok());
        assert_eq!(
            check_grant(&input("01.03.2038"), leap),
            Err(vec![GrantProblem::ExpiryTooFar])
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let bad = GrantInput {
            relative_name: "  ".into(),
            relative_email: "jens@example".into(),
            scopes: vec!["delete_everything".into()],
            expires_on: "i morgen".into(),
        };
        assert_eq!(
            check_grant(&bad, day("2026-11-23")),
            Err(vec![
                GrantProblem::NameMissing,
                GrantProblem::EmailInvalid,
                GrantProblem::UnknownScope,
                GrantProblem::ExpiryNotADate
            ])
        );
    }

    #[test]
    fn emails_with_typing_slips_are_caught() {
        for ok in ["a@b.dk", "jens.oestergaard+fuldmagt@post.example.dk"] {
            assert!(plausible_email(ok), "{ok}");
        }
        for bad in [
            "", "jens", "jens@", "@b.dk", "a@b", "a@@b.dk", "a b@c.dk", "a@b.dk.",
        ] {
            assert!(!plausible_email(bad), "{bad}");
        }
    }

    #[test]
    fn the_status_follows_revocation_expiry_acceptance_and_the_invitation_window() {
        let now = at("2026-11-23T10:00:00Z");
        let today = day("2026-11-23");
        let facts = PowerFacts {
            accepted: false,
            revoked: false,
            expires_on: day("2026-12-31"),
            invitation_expires_at: Some(at("2026-12-07T10:00:00Z")),
            awaiting_confirmation: false,
            awaiting_approval: false,
        };
        assert_eq!(
            PowerStatus::of(facts, now, today),
            PowerStatus::AwaitingAcceptance
        );
        assert_eq!(
            PowerStatus::of(facts, at("2026-12-07T10:00:00Z"), day("2026-12-07")),
            PowerStatus::InvitationExpired
        );
        let accepted = PowerFacts {
            accepted: true,
            ..facts
        };
        assert_eq!(PowerStatus::of(accepted, now, today), PowerStatus::Active);
        assert_eq!(
            PowerStatus::of(accepted, now, day("2026-12-31")),
            PowerStatus::Active,
            "valid through its last day"
        );
        assert_eq!(
            PowerStatus::of(accepted, now, day("2027-01-01")),
            PowerStatus::Expired
        );
        let revoked = PowerFacts {
            revoked: true,
            ..accepted
        };
        assert_eq!(PowerStatus::of(revoked, now, today), PowerStatus::Revoked);
        assert!(!PowerStatus::Revoked.is_open() && PowerStatus::Active.is_open());
        // Accepted by someone else by name, or registered by staff and not approved: not in force.
        let unconfirmed = PowerFacts {
            awaiting_confirmation: true,
            ..accepted
        };
        assert_eq!(
            PowerStatus::of(unconfirmed, now, today),
            PowerStatus::AwaitingConfirmation
        );
        let unapproved = PowerFacts {
            awaiting_approval: true,
            ..accepted
        };
        assert_eq!(
            PowerStatus::of(unapproved, now, today),
            PowerStatus::AwaitingApproval
        );
        assert_eq!(
            PowerStatus::of(
                PowerFacts {
                    revoked: true,
                    ..unapproved
                },
                now,
                today
            ),
            PowerStatus::Revoked
        );
    }
}
