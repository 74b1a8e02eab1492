//! Who is told of something and how, as pages show it (issue 19: "the portal says on every page
//! that sends something who will receive it and how").
use crate::domain::lang::Lang;
use serde::{Deserialize, Serialize};

/// One person told, with the ways a notice with a text message form reaches them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToldView {
    pub name: String,
    /// The email address it goes to, if it goes by email.
    pub email: Option<String>,
    /// The mobile number it goes to, masked ("+45 •• •• •• 56"), if it goes by SMS.
    pub sms: Option<String>,
}

impl ToldView {
    /// "på sms til +45 •• •• •• 56 og e-mail til karen@example.dk"; `None` when they cannot be
    /// told.
    pub fn how(&self, lang: Lang) -> Option<String> {
        let sms = self
            .sms
            .as_ref()
            .map(|n| format!("{} {n}", lang.pick("på sms til", "by text message to")));
        let email = self.email.as_ref().map(|a| {
            let by = if sms.is_some() {
                lang.pick("e-mail til", "email to")
            } else {
                lang.pick("på e-mail til", "by email to")
            };
            format!("{by} {a}")
        });
        match (sms, email) {
            (Some(s), Some(e)) => Some(format!("{s} {} {e}", lang.pick("og", "and"))),
            (Some(one), None) | (None, Some(one)) => Some(one),
            (None, None) => None,
        }
    }

    /// "Karen Østergaard får besked på sms til …", or that we cannot tell them.
    pub fn sentence(&self, lang: Lang) -> String {
        match self.how(lang) {
            Some(how) => format!(
                "{} {} {how}.",
                self.name,
                lang.pick("får besked", "is told")
            ),
            None => format!(
                "{} {}",
                lang.pick("Vi kan ikke give besked til", "We cannot tell"),
                lang.pick(
                    &format!("{}: der er hverken e-mail eller mobilnummer.", self.name),
                    &format!(
                        "{}: there is neither an email address nor a mobile number.",
                        self.name
                    ),
                )
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_each_way_and_when_there_is_none() {
        let mut t = ToldView {
            name: "Karen".into(),
            email: Some("karen@example.dk".into()),
            sms: Some("+45 •• •• •• 56".into()),
        };
        assert_eq!(
            t.sentence(Lang::Da),
            "Karen får besked på sms til +45 •• •• •• 56 og e-mail til karen@example.dk."
        );
        t.sms = None;
        assert_eq!(
            t.sentence(Lang::Da),
            "Karen får besked på e-mail til karen@example.dk."
        );
        t.email = None;
        assert_eq!(
            t.sentence(Lang::En),
            "We cannot tell Karen: there is neither an email address nor a mobile number."
        );
    }
}
