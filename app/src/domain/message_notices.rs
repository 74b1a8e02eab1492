//! The notice that the training unit has answered a message (issue 19, part 3): it says only
//! that an answer waits, never what it says. Pure.
use super::notices::Notice;

/// To `recipient_name`: `unit` has answered a message in the portal.
pub fn message_answered(recipient_name: &str, recipient_email: &str, unit: &str) -> Notice {
    Notice {
        subject: "Du har fået svar / You have an answer".into(),
        body: format!(
            "Til {recipient_name}\n\n{unit} har svaret på en besked i Træningsportalen. \
             Du kan læse svaret, når du logger ind med MitID.\n\n\
             Denne e-mail er sendt til {recipient_name} ({recipient_email}), fordi der er skrevet til {unit}.\n\n---\n\n\
             To {recipient_name}\n\n{unit} has answered a message in Træningsportalen. \
             You can read the answer when you sign in with MitID.\n\n\
             This email was sent to {recipient_name} ({recipient_email}) because a message was written to {unit}.\n"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_says_who_answered_and_nothing_of_the_answer() {
        let n = message_answered("Karen", "karen@example.dk", "Brørup Sundhedscenter");
        assert!(n
            .body
            .contains("Brørup Sundhedscenter har svaret på en besked"));
        assert!(n.body.contains("(karen@example.dk)"));
    }
}
