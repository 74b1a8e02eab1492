//! Who may be signed in, from what the OpenID provider vouches for after the token is verified:
//! the NSIS assurance level must be Substantial or High; a citizen needs a name; staff need one
//! municipality the portal serves and at least one known role. Refusals explain themselves.
use super::lang::Lang;
use super::people::StaffRole;
use chrono::NaiveDate;

/// The claim MitID brokers use for the NSIS assurance level.
pub const LOA_CLAIM: &str = "https://data.gov.dk/concept/core/nsis/loa";

/// NSIS assurance levels, lowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Loa {
    Low,
    Substantial,
    High,
}

impl Loa {
    pub fn parse(text: &str) -> Option<Loa> {
        match text.trim().to_ascii_lowercase().as_str() {
            "low" => Some(Loa::Low),
            "substantial" => Some(Loa::Substantial),
            "high" => Some(Loa::High),
            _ => None,
        }
    }
}

/// What the provider vouched for, as verified strings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vouched {
    /// The provider that vouched (its issuer URL): a person is keyed by issuer and subject, so
    /// the same subject from another broker is another person.
    pub issuer: String,
    pub subject: String,
    pub name: Option<String>,
    pub birthdate: Option<String>,
    pub loa: Option<String>,
    pub municipality: Option<String>,
    pub roles: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CitizenIdentity {
    /// The stored subject: "mitid:", the issuer, "|" and the provider's stable person identifier.
    pub subject: String,
    pub name: String,
    pub birth_date: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffIdentity {
    /// The stored subject, "staff:", the issuer, "|" and the identifier, so it never meets a
    /// citizen's.
    pub subject: String,
    pub name: String,
    pub municipality: String,
    pub roles: Vec<StaffRole>,
}

/// Why a sign-in is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Below NSIS Substantial, or no level given.
    AssuranceTooLow,
    /// The token was not valid: bad signature, issuer, audience, expiry or nonce.
    InvalidToken,
    /// The answer does not belong to a sign-in started in this browser, or it expired.
    UnknownState,
    /// The person cancelled at the provider, or the provider reported an error.
    Cancelled,
    /// The provider did not give what the portal needs (a name).
    MissingIdentity,
    /// Staff: no municipality the portal serves, or no role.
    NoStaffAccess,
    /// The provider could not be reached.
    ProviderUnavailable,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::AssuranceTooLow => "sikringsniveau",
            Refusal::InvalidToken => "ugyldig",
            Refusal::UnknownState => "udloebet",
            Refusal::Cancelled => "afbrudt",
            Refusal::MissingIdentity => "mangler-oplysninger",
            Refusal::NoStaffAccess => "ingen-adgang",
            Refusal::ProviderUnavailable => "utilgaengelig",
        }
    }

    pub fn from_code(code: &str) -> Option<Refusal> {
        [
            Refusal::AssuranceTooLow,
            Refusal::InvalidToken,
            Refusal::UnknownState,
            Refusal::Cancelled,
            Refusal::MissingIdentity,
            Refusal::NoStaffAccess,
            Refusal::ProviderUnavailable,
        ]
        .into_iter()
        .find(|r| r.code() == code)
    }

    pub fn heading(self, lang: Lang) -> &'static str {
        match self {
            Refusal::AssuranceTooLow => lang.pick(
                "Dit MitID skal have et højere sikringsniveau",
                "Your MitID needs a higher assurance level",
            ),
            Refusal::Cancelled => lang.pick("Du blev ikke logget ind", "You were not signed in"),
            Refusal::ProviderUnavailable => lang.pick(
                "MitID kan ikke nås lige nu",
                "MitID cannot be reached right now",
            ),
            _ => lang.pick("Log ind lykkedes ikke", "Signing in did not work"),
        }
    }

    pub fn explain(self, lang: Lang) -> &'static str {
        match self {
            Refusal::AssuranceTooLow => lang.pick(
                "Træningsportalen viser helbreds- og sagsoplysninger, og derfor skal du logge ind med MitID på betydeligt eller højt sikringsniveau, fx med MitID-appen. Du er ikke logget ind.",
                "Træningsportalen shows health and case information, so you must sign in with MitID at substantial or high assurance, for example with the MitID app. You are not signed in.",
            ),
            Refusal::InvalidToken => lang.pick(
                "Svaret fra MitID kunne ikke godkendes. Du er ikke logget ind. Prøv igen.",
                "The answer from MitID could not be accepted. You are not signed in. Please try again.",
            ),
            Refusal::UnknownState => lang.pick(
                "Log ind blev ikke startet i denne browser, eller det tog for lang tid. Du er ikke logget ind. Prøv igen.",
                "Signing in was not started in this browser, or it took too long. You are not signed in. Please try again.",
            ),
            Refusal::Cancelled => lang.pick(
                "Log ind blev afbrudt. Du kan prøve igen, når du er klar.",
                "Signing in was cancelled. You can try again when you are ready.",
            ),
            Refusal::MissingIdentity => lang.pick(
                "MitID sendte ikke dit navn, som portalen skal bruge. Du er ikke logget ind. Kontakt kommunen, hvis det bliver ved.",
                "MitID did not send your name, which the portal needs. You are not signed in. Contact the municipality if it goes on.",
            ),
            Refusal::NoStaffAccess => lang.pick(
                "Din brugerkonto giver ikke adgang som medarbejder i en af portalens kommuner. Kontakt din leder eller IT-afdeling.",
                "Your account does not give staff access in any of the portal's municipalities. Contact your manager or IT department.",
            ),
            Refusal::ProviderUnavailable => lang.pick(
                "Prøv igen om lidt. Du kan også ringe til kommunen.",
                "Please try again in a little while. You can also call the municipality.",
            ),
        }
    }
}

fn assured(v: &Vouched) -> Result<(), Refusal> {
    match v.loa.as_deref().and_then(Loa::parse) {
        Some(l) if l >= Loa::Substantial => Ok(()),
        _ => Err(Refusal::AssuranceTooLow),
    }
}

fn name(v: &Vouched) -> Result<String, Refusal> {
    v.name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .ok_or(Refusal::MissingIdentity)
}

/// How a person signed in through a provider is stored: kind ("mitid" or "staff"), issuer and
/// subject. Subjects stored before the issuer was part of the key ("mitid:{sub}") are given
/// their issuer once, at start-up, by the provider configured then (see `legacy_subject_prefix`).
pub fn person_key(kind: &str, issuer: &str, subject: &str) -> String {
    format!("{kind}:{issuer}|{subject}")
}

pub fn accept_citizen(v: &Vouched) -> Result<CitizenIdentity, Refusal> {
    assured(v)?;
    if v.subject.trim().is_empty() {
        return Err(Refusal::MissingIdentity);
    }
    Ok(CitizenIdentity {
        subject: person_key("mitid", &v.issuer, &v.subject),
        name: name(v)?,
        birth_date: v
            .birthdate
            .as_deref()
            .and_then(|b| b.parse::<NaiveDate>().ok()),
    })
}

/// `served` are the slugs of the municipalities the portal serves.
pub fn accept_staff(v: &Vouched, served: &[&str]) -> Result<StaffIdentity, Refusal> {
    assured(v)?;
    let municipality = v
        .municipality
        .as_deref()
        .filter(|m| served.contains(m))
        .ok_or(Refusal::NoStaffAccess)?;
    let mut roles: Vec<StaffRole> = v
        .roles
        .iter()
        .filter_map(|r| StaffRole::from_code(r))
        .collect();
    roles.sort_by_key(|r| r.code());
    roles.dedup();
    if roles.is_empty() || v.subject.trim().is_empty() {
        return Err(Refusal::NoStaffAccess);
    }
    Ok(StaffIdentity {
        subject: person_key("staff", &v.issuer, &v.subject),
        name: name(v)?,
        municipality: municipality.to_string(),
        roles,
    })
}

/// Where a sign-in may send the browser afterwards: a path on this site only (never another
/// site through `//host` or `/\\host`), or nothing.
pub fn safe_return_path(path: &str) -> Option<&str> {
    let local = path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && path.len() <= 300
        && !path.chars().any(|c| c.is_control() || c == '\\');
    local.then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn citizen(loa: Option<&str>) -> Vouched {
        Vouched {
            issuer: "https://broker.example.dk".into(),
            subject: "9208-2002-2-123456789012".into(),
            name: Some("Karen Østergaard".into()),
            birthdate: Some("1948-05-02".into()),
            loa: loa.map(str::to_string),
            ..Vouched::default()
        }
    }

    #[test]
    fn substantial_or_high_assurance_is_required() {
        for ok in ["Substantial", "High", "substantial"] {
            assert!(accept_citizen(&citizen(Some(ok))).is_ok(), "{ok}");
        }
        for refused in [Some("Low"), None, Some("Medium")] {
            assert_eq!(
                accept_citizen(&citizen(refused)),
                Err(Refusal::AssuranceTooLow),
                "{refused:?}"
            );
        }
    }

    #[test]
    fn a_citizen_is_stored_by_the_brokers_identifier_with_a_birth_date_and_no_cpr() {
        let c = accept_citizen(&citizen(Some("High"))).unwrap();
        assert_eq!(
            c.subject,
            "mitid:https://broker.example.dk|9208-2002-2-123456789012"
        );
        // The same identifier from another broker is another person.
        let mut other = citizen(Some("High"));
        other.issuer = "https://other-broker.example.dk".into();
        assert_ne!(accept_citizen(&other).unwrap().subject, c.subject);
        assert_eq!(c.birth_date, NaiveDate::from_ymd_opt(1948, 5, 2));
        let mut nameless = citizen(Some("High"));
        nameless.name = Some("  ".into());
        assert_eq!(accept_citizen(&nameless), Err(Refusal::MissingIdentity));
    }

    #[test]
    fn staff_need_a_served_municipality_and_a_known_role() {
        let staff = |m: Option<&str>, roles: &[&str]| Vouched {
            issuer: "https://idp.example.dk".into(),
            subject: "abc".into(),
            name: Some("Kasper Vestergaard".into()),
            loa: Some("Substantial".into()),
            municipality: m.map(str::to_string),
            roles: roles.iter().map(|r| r.to_string()).collect(),
            ..Vouched::default()
        };
        let served = ["broenderslev", "vejen"];
        let ok = accept_staff(
            &staff(
                Some("broenderslev"),
                &["therapist", "visitator", "therapist", "chef"],
            ),
            &served,
        )
        .unwrap();
        assert_eq!(ok.subject, "staff:https://idp.example.dk|abc");
        assert_eq!(ok.roles, vec![StaffRole::Therapist, StaffRole::Visitator]);
        assert_eq!(
            accept_staff(&staff(Some("aarhus"), &["therapist"]), &served),
            Err(Refusal::NoStaffAccess)
        );
        assert_eq!(
            accept_staff(&staff(None, &["therapist"]), &served),
            Err(Refusal::NoStaffAccess)
        );
        assert_eq!(
            accept_staff(&staff(Some("vejen"), &["chef"]), &served),
            Err(Refusal::NoStaffAccess)
        );
        let mut low = staff(Some("vejen"), &["admin"]);
        low.loa = Some("Low".into());
        assert_eq!(accept_staff(&low, &served), Err(Refusal::AssuranceTooLow));
    }

    #[test]
    fn only_paths_on_this_site_are_returned_to() {
        assert_eq!(safe_return_path("/fuldmagt/abc"), Some("/fuldmagt/abc"));
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example/",
            "fuldmagt",
            "/a\nb",
            "",
        ] {
            assert_eq!(safe_return_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn refusal_codes_round_trip() {
        for r in [
            Refusal::AssuranceTooLow,
            Refusal::UnknownState,
            Refusal::NoStaffAccess,
        ] {
            assert_eq!(Refusal::from_code(r.code()), Some(r));
        }
    }
}
