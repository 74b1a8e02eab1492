//! SMS (issue 19, part 2): how each person is told (email, SMS or both), Danish mobile numbers
//! (read as typed, kept as `+45` and eight digits, shown and logged masked), and what fits in
//! one SMS (160 characters of the GSM 03.38 alphabet, which has æ, ø and å). Pure.
use serde::{Deserialize, Serialize};

/// How a person chose to be told.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotifyBy {
    #[default]
    Email,
    Sms,
    Both,
}

impl NotifyBy {
    pub fn code(self) -> &'static str {
        match self {
            NotifyBy::Email => "email",
            NotifyBy::Sms => "sms",
            NotifyBy::Both => "both",
        }
    }

    pub fn from_code(code: &str) -> Option<NotifyBy> {
        [NotifyBy::Email, NotifyBy::Sms, NotifyBy::Both]
            .into_iter()
            .find(|n| n.code() == code)
    }

    pub fn wants_sms(self) -> bool {
        self != NotifyBy::Email
    }

    pub fn wants_email(self) -> bool {
        self != NotifyBy::Sms
    }
}

/// As stored (the database allows only the three codes).
impl From<String> for NotifyBy {
    fn from(code: String) -> NotifyBy {
        NotifyBy::from_code(&code).unwrap_or_default()
    }
}

/// The way one message in the outbox goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutboxChannel {
    Email,
    Sms,
}

impl OutboxChannel {
    pub fn code(self) -> &'static str {
        match self {
            OutboxChannel::Email => "email",
            OutboxChannel::Sms => "sms",
        }
    }
}

/// Which channels one notice goes by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Channels {
    pub email: bool,
    pub sms: bool,
}

/// The channels for one notice to one person. An SMS goes when the notice has a text message
/// form and the person has a number, and chose SMS or has no email address. An email goes when
/// they have an address and chose email, and also when no SMS goes: a person who chose SMS only
/// still gets by email what has no SMS form (a hearing letter, a receipt) and everything while
/// they have no number. No notice is lost to a choice (the reading that costs the citizen no
/// right). `has_phone` is false where the portal cannot send SMS.
pub fn channels(
    choice: NotifyBy,
    has_email: bool,
    has_phone: bool,
    has_sms_form: bool,
) -> Channels {
    let sms = has_sms_form && has_phone && (choice.wants_sms() || !has_email);
    Channels {
        sms,
        email: has_email && (choice.wants_email() || !sms),
    }
}

/// Why a typed number was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneProblem {
    Empty,
    /// Letters or other signs than digits, spaces, `-`, `.`, `(`, `)` and a leading `+`.
    NotANumber,
    /// Another country's code.
    NotDanish,
    /// Not eight digits after +45, or beginning with 0 or 1 (no Danish number does).
    WrongLength,
}

impl PhoneProblem {
    pub fn explain(self, lang: super::lang::Lang) -> &'static str {
        match self {
            PhoneProblem::Empty => lang.pick(
                "Skriv dit mobilnummer, så vi kan sende sms til dig.",
                "Enter your mobile number so that we can text you.",
            ),
            PhoneProblem::NotANumber => lang.pick(
                "Skriv kun tal i mobilnummeret, fx 20 12 34 56.",
                "Use only digits in the mobile number, for example 20 12 34 56.",
            ),
            PhoneProblem::NotDanish => lang.pick(
                "Vi kan kun sende sms til danske numre (+45).",
                "We can only text Danish numbers (+45).",
            ),
            PhoneProblem::WrongLength => lang.pick(
                "Et dansk mobilnummer har 8 cifre, fx 20 12 34 56.",
                "A Danish mobile number has 8 digits, for example 20 12 34 56.",
            ),
        }
    }
}

/// A Danish number as typed ("20 12 34 56", "+45 20123456", "0045-20-12-34-56") kept as
/// "+4520123456".
pub fn parse_phone(typed: &str) -> Result<String, PhoneProblem> {
    // Spaces, dashes, dots and brackets are how people group a number; they do not count.
    let t: String = typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    if t.is_empty() {
        return Err(PhoneProblem::Empty);
    }
    let (plus, digits) = match t.strip_prefix('+') {
        Some(r) => (true, r),
        None => (false, t.as_str()),
    };
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(PhoneProblem::NotANumber);
    }
    let national = if plus {
        digits.strip_prefix("45").ok_or(PhoneProblem::NotDanish)?
    } else if let Some(n) = digits.strip_prefix("0045") {
        n
    } else if digits.starts_with("00") {
        return Err(PhoneProblem::NotDanish);
    } else if digits.len() == 10 && digits.starts_with("45") {
        &digits[2..]
    } else {
        digits
    };
    if national.len() != 8 || national.starts_with(['0', '1']) {
        return Err(PhoneProblem::WrongLength);
    }
    Ok(format!("+45{national}"))
}

/// An email address shown to someone else than its owner: "k…@example.dk".
pub fn masked_email(address: &str) -> String {
    match address.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}…@{domain}")
        }
        None => "…".into(),
    }
}

/// A kept number as shown and logged: the last two digits only, "+45 •• •• •• 56".
pub fn masked(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    let last: String = digits[digits.len().saturating_sub(2)..].iter().collect();
    format!("+45 •• •• •• {last}")
}

/// The GSM 03.38 basic alphabet, one septet each.
const GSM7_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// The extension table: two septets each (an escape, then the sign).
const GSM7_EXTENDED: &str = "^{}\\[~]|€\u{c}";

/// One SMS holds 160 septets.
pub const SMS_SEPTETS: usize = 160;

/// The septets `text` takes, or `None` when a sign is not in the GSM alphabet (the message would
/// go as UCS-2, 70 characters, or be garbled on an old phone).
pub fn gsm7_septets(text: &str) -> Option<usize> {
    text.chars().try_fold(0, |n, c| {
        if GSM7_BASIC.contains(c) {
            Some(n + 1)
        } else if GSM7_EXTENDED.contains(c) {
            Some(n + 2)
        } else {
            None
        }
    })
}

/// Whether `text` goes as one SMS on any phone.
pub fn fits_one_sms(text: &str) -> bool {
    gsm7_septets(text).is_some_and(|n| n <= SMS_SEPTETS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_numbers_are_read_as_people_type_them() {
        for typed in [
            "20123456",
            "20 12 34 56",
            "+45 20 12 34 56",
            "+4520123456",
            "0045 20123456",
            "4520123456",
            " 20-12-34-56 ",
            "(+45) 20.12.34.56",
        ] {
            assert_eq!(parse_phone(typed), Ok("+4520123456".into()), "{typed}");
        }
    }

    #[test]
    fn wrong_numbers_get_the_reason() {
        assert_eq!(parse_phone("  "), Err(PhoneProblem::Empty));
        assert_eq!(parse_phone("20 12 34 5x"), Err(PhoneProblem::NotANumber));
        assert_eq!(
            parse_phone("+46 70 123 45 67"),
            Err(PhoneProblem::NotDanish)
        );
        assert_eq!(parse_phone("0046701234567"), Err(PhoneProblem::NotDanish));
        assert_eq!(parse_phone("2012345"), Err(PhoneProblem::WrongLength));
        assert_eq!(parse_phone("201234567"), Err(PhoneProblem::WrongLength));
        assert_eq!(parse_phone("10123456"), Err(PhoneProblem::WrongLength));
        assert_eq!(parse_phone("+45 0123 4567"), Err(PhoneProblem::WrongLength));
    }

    #[test]
    fn an_address_shown_to_others_keeps_its_first_letter_and_domain() {
        assert_eq!(
            masked_email("karen.oestergaard@example.dk"),
            "k…@example.dk"
        );
    }

    #[test]
    fn a_number_is_shown_by_its_last_two_digits() {
        assert_eq!(masked("+4520123456"), "+45 •• •• •• 56");
        assert!(!masked("+4520123456").contains("2012"));
    }

    #[test]
    fn danish_letters_fit_the_gsm_alphabet_and_dashes_do_not() {
        assert_eq!(gsm7_septets("Æble, øl og å"), Some(13));
        assert_eq!(
            gsm7_septets("pris 10 €"),
            Some(10),
            "the euro sign takes two"
        );
        assert_eq!(gsm7_septets("kl. 10–12"), None, "an en dash is not GSM");
        assert!(fits_one_sms(&"a".repeat(160)));
        assert!(!fits_one_sms(&"a".repeat(161)));
        assert!(!fits_one_sms(&format!("{}€", "a".repeat(159))));
    }

    #[test]
    fn a_notice_goes_by_the_chosen_channels_and_is_never_lost_to_the_choice() {
        let c = |choice, email, phone, form| channels(choice, email, phone, form);
        assert_eq!(
            c(NotifyBy::Email, true, true, true),
            Channels {
                email: true,
                sms: false
            }
        );
        assert_eq!(
            c(NotifyBy::Sms, true, true, true),
            Channels {
                email: false,
                sms: true
            }
        );
        assert_eq!(
            c(NotifyBy::Both, true, true, true),
            Channels {
                email: true,
                sms: true
            }
        );
        // No SMS form (a hearing letter): by email whatever the choice.
        assert_eq!(
            c(NotifyBy::Sms, true, true, false),
            Channels {
                email: true,
                sms: false
            }
        );
        // SMS chosen, the number gone: by email.
        assert_eq!(
            c(NotifyBy::Sms, true, false, true),
            Channels {
                email: true,
                sms: false
            }
        );
        // Email chosen, but no address: by SMS where there is a number.
        assert_eq!(
            c(NotifyBy::Email, false, true, true),
            Channels {
                email: false,
                sms: true
            }
        );
        // Neither: nothing can go.
        assert_eq!(
            c(NotifyBy::Email, false, false, true),
            Channels {
                email: false,
                sms: false
            }
        );
        assert_eq!(
            c(NotifyBy::Both, false, true, true),
            Channels {
                email: false,
                sms: true
            }
        );
    }

    #[test]
    fn choices_have_codes() {
        for n in [NotifyBy::Email, NotifyBy::Sms, NotifyBy::Both] {
            assert_eq!(NotifyBy::from_code(n.code()), Some(n));
        }
        assert_eq!(NotifyBy::from_code("fax"), None);
    }
}
