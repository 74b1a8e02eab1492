//! What the citizen is told when a power of attorney over them changes hands: a relative
//! accepted it (by the name on their own MitID), or a second staff member approved a power the
//! municipality registered. Told at once, so a power that fell into the wrong hands is seen.
use super::lang::Lang;
use super::notices::Notice;
use super::people::Scopes;
use super::power_of_attorney::PowerStatus;
use super::time_format::long_date;
use chrono::NaiveDate;

fn scope_lines(scopes: &Scopes, lang: Lang) -> String {
    scopes
        .labels(lang)
        .into_iter()
        .map(|s| format!("  - {s}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The power as the citizen's page shows it.
const PAGE: &str = "/fuldmagter";

/// The citizen a notice goes to, and the portal's address for the link.
pub struct ToCitizen<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub base_url: &'a str,
}

/// A power as a notice describes it: who holds it, what they may do, until when.
pub struct PowerTerms<'a> {
    /// The relative's name: from their MitID once accepted, else as typed.
    pub relative: &'a str,
    pub scopes: &'a Scopes,
    pub expires_on: NaiveDate,
}

/// Tells the citizen that the relative (by the name on their MitID) accepted the power invited
/// as `invited_name`; when the names differ, that it is not in force until confirmed.
pub fn power_accepted(
    to: &ToCitizen<'_>,
    terms: &PowerTerms<'_>,
    invited_name: &str,
    status: PowerStatus,
) -> Notice {
    let (citizen_name, citizen_email, base_url) = (to.name, to.email, to.base_url);
    let (accepter, scopes, expires_on) = (terms.relative, terms.scopes, terms.expires_on);
    let until_da = long_date(Lang::Da, expires_on);
    let until_en = long_date(Lang::En, expires_on);
    let (next_da, next_en) = if status == PowerStatus::AwaitingApproval {
        (
            "Fuldmagten gælder, når en anden medarbejder i kommunen har godkendt den. Du får besked.".to_string(),
            "The power of attorney will be in force when another member of the municipality's staff has approved it. You will be told.".to_string(),
        )
    } else if status == PowerStatus::AwaitingConfirmation {
        (
            format!(
                "Navnet fra MitID er ikke det navn, der stod i invitationen ({invited_name}). Derfor gælder fuldmagten ikke endnu. Er {accepter} den, du ville give fuldmagt, så bekræft det på {base_url}{PAGE}. Er det ikke, så tilbagekald fuldmagten samme sted."
            ),
            format!(
                "The name from MitID is not the name in the invitation ({invited_name}). So the power of attorney is not in force yet. If {accepter} is the person you meant, confirm it at {base_url}{PAGE}. If not, revoke it there."
            ),
        )
    } else {
        (
            format!("Fuldmagten gælder nu. Du kan se eller tilbagekalde den på {base_url}{PAGE}."),
            format!("The power of attorney is now in force. You can see or revoke it at {base_url}{PAGE}."),
        )
    };
    let body = format!(
        "Til {citizen_name}\n\n\
         {accepter} har taget imod din fuldmagt og er logget ind med MitID.\n\n\
         {accepter} må:\n{}\n\nFuldmagten gælder til og med {until_da}.\n\n{next_da}\n\n\
         Denne e-mail er sendt til {citizen_name} ({citizen_email}).\n\n\
         ---\n\n\
         To {citizen_name}\n\n\
         {accepter} has accepted your power of attorney, signed in with MitID.\n\n\
         {accepter} may:\n{}\n\nThe power of attorney is valid until {until_en}.\n\n{next_en}\n\n\
         This email was sent to {citizen_name} ({citizen_email}).\n",
        scope_lines(scopes, Lang::Da),
        scope_lines(scopes, Lang::En),
    );
    Notice {
        subject: "Din fuldmagt er taget imod / Your power of attorney was accepted".into(),
        body,
    }
}

/// Tells the citizen that the municipality registered a power of attorney or guardianship for
/// the relative, now approved by a second member of staff.
pub fn power_registered(
    to: &ToCitizen<'_>,
    terms: &PowerTerms<'_>,
    municipality: &str,
    guardianship: bool,
    accepted: bool,
) -> Notice {
    let (citizen_name, citizen_email, base_url) = (to.name, to.email, to.base_url);
    let (relative, scopes, expires_on) = (terms.relative, terms.scopes, terms.expires_on);
    let (what_da, what_en) = if guardianship {
        ("et værgemål", "a guardianship")
    } else {
        ("en fuldmagt på papir", "a power of attorney on paper")
    };
    let (when_da, when_en) = if accepted {
        (String::new(), String::new())
    } else {
        (
            format!(" {relative} skal først tage imod med sit eget MitID."),
            format!(" {relative} must first accept with their own MitID."),
        )
    };
    let body = format!(
        "Til {citizen_name}\n\n\
         {municipality} har registreret {what_da}, så {relative} kan handle for dig i Træningsportalen. To medarbejdere har kontrolleret det.{when_da}\n\n\
         {relative} må:\n{}\n\nDet gælder til og med {}.\n\n\
         Du kan se det på {base_url}{PAGE}. Er der noget galt, så ring til kommunen.\n\n\
         Denne e-mail er sendt til {citizen_name} ({citizen_email}).\n\n\
         ---\n\n\
         To {citizen_name}\n\n\
         {municipality} has registered {what_en}, so {relative} can act for you in Træningsportalen. Two members of staff have checked it.{when_en}\n\n\
         {relative} may:\n{}\n\nIt is valid until {}.\n\n\
         You can see it at {base_url}{PAGE}. If anything is wrong, please call the municipality.\n\n\
         This email was sent to {citizen_name} ({citizen_email}).\n",
        scope_lines(scopes, Lang::Da),
        long_date(Lang::Da, expires_on),
        scope_lines(scopes, Lang::En),
        long_date(Lang::En, expires_on),
    );
    Notice {
        subject:
            "Fuldmagt registreret af kommunen / Power of attorney registered by the municipality"
                .into(),
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scopes() -> Scopes {
        Scopes {
            view: true,
            book: true,
            ..Scopes::default()
        }
    }

    #[test]
    fn the_citizen_is_told_who_accepted_what_until_when_and_to_confirm_a_differing_name() {
        let until = NaiveDate::from_ymd_opt(2027, 6, 30).unwrap();
        let to = ToCitizen {
            name: "Karen Østergaard",
            email: "karen@example.dk",
            base_url: "https://p.dk",
        };
        let scopes = scopes();
        let terms = |relative| PowerTerms {
            relative,
            scopes: &scopes,
            expires_on: until,
        };
        let n = power_accepted(
            &to,
            &terms("Jens Østergaard"),
            "Jens Østergaard",
            PowerStatus::Active,
        );
        assert!(n
            .body
            .contains("Jens Østergaard har taget imod din fuldmagt"));
        assert!(n.body.contains("30. juni 2027"), "{}", n.body);
        assert!(n.body.contains("Fuldmagten gælder nu"));
        let n = power_accepted(
            &to,
            &terms("Erik Fremmed"),
            "Jens Østergaard",
            PowerStatus::AwaitingConfirmation,
        );
        assert!(n
            .body
            .contains("ikke det navn, der stod i invitationen (Jens Østergaard)"));
        assert!(
            n.body.contains("gælder fuldmagten ikke endnu")
                && n.body.contains("https://p.dk/fuldmagter")
        );
        assert!(!n.body.contains("Fuldmagten gælder nu"));
    }
}
