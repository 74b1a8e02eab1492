//! The emails about a complaint: one frame for every change (received, the municipality's answer,
//! the citizen's answer, forwarded), each saying whom it is for and why. Danish first, English
//! after; the complaint's own text is never repeated in an email.
use super::notices::Notice;

/// What happened to the complaint, in one or two sentences per language.
pub struct Change {
    pub da: String,
    pub en: String,
}

/// The email to one recipient: the citizen, or the relative who acts for them.
pub fn complaint_update(
    recipient_name: &str,
    recipient_email: &str,
    reference: &str,
    on_behalf_of: Option<&str>,
    change: &Change,
) -> Notice {
    let (why_da, why_en) = match on_behalf_of {
        None => (
            "fordi klagen er din".to_string(),
            "because the complaint is yours".to_string(),
        ),
        Some(citizen) => (
            format!("fordi du har fuldmagt til at klage for {citizen}"),
            format!("because you hold a power of attorney to complain for {citizen}"),
        ),
    };
    Notice {
        subject: format!("Din klage {reference} / Your complaint {reference}"),
        body: format!(
            "Til {recipient_name}\n\n{}\n\nDu kan følge klagen i Træningsportalen under \"Klager\". Klagens nummer er {reference}.\n\n\
             Denne e-mail er sendt til {recipient_name} ({recipient_email}), {why_da}.\n\n---\n\n\
             To {recipient_name}\n\n{}\n\nYou can follow the complaint in Træningsportalen under \"Klager\" (Complaints). Its number is {reference}.\n\n\
             This email was sent to {recipient_name} ({recipient_email}) {why_en}.\n",
            change.da, change.en
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_whom_it_is_for_and_why_in_both_languages() {
        let n = complaint_update(
            "Ole Thomsen",
            "ole@example.dk",
            "K-ABCD2345",
            Some("Inger Thomsen"),
            &Change {
                da: "Kommunen har modtaget klagen.".into(),
                en: "The municipality has received the complaint.".into(),
            },
        );
        assert!(n.subject.contains("K-ABCD2345"));
        assert!(n
            .body
            .starts_with("Til Ole Thomsen\n\nKommunen har modtaget klagen."));
        assert!(n.body.contains("fuldmagt til at klage for Inger Thomsen"));
        assert!(n
            .body
            .contains("power of attorney to complain for Inger Thomsen"));
        assert!(n
            .body
            .contains("The municipality has received the complaint."));
    }
}
