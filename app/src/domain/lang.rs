//! The two languages of the portal: Danish first, English second.
use serde::{Deserialize, Serialize};

/// A problem with a form field: the field's id, and what to correct in Danish and English.
pub type FieldProblem = (&'static str, &'static str, &'static str);

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Da,
    En,
}

impl Lang {
    /// Chooses the text for this language. Every citizen-facing text is written as a pair.
    pub fn pick<'a>(self, da: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Da => da,
            Lang::En => en,
        }
    }

    /// Chooses this language's one of a pair of anything else (owned texts, lists).
    pub fn choose<T>(self, da: T, en: T) -> T {
        match self {
            Lang::Da => da,
            Lang::En => en,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    /// Unknown codes fall back to Danish.
    pub fn from_code(code: &str) -> Lang {
        match code.trim() {
            "en" => Lang::En,
            _ => Lang::Da,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Da => Lang::En,
            Lang::En => Lang::Da,
        }
    }

    /// The language's own name, shown on the switch (so a reader of that language finds it).
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Da => "Dansk",
            Lang::En => "English",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_codes_fall_back_to_danish() {
        assert_eq!(Lang::from_code("en"), Lang::En);
        assert_eq!(Lang::from_code("da"), Lang::Da);
        assert_eq!(Lang::from_code("de"), Lang::Da);
        assert_eq!(Lang::from_code(""), Lang::Da);
    }

    #[test]
    fn pick_chooses_by_language() {
        assert_eq!(Lang::Da.pick("Hej", "Hello"), "Hej");
        assert_eq!(Lang::En.pick("Hej", "Hello"), "Hello");
        assert_eq!(Lang::Da.other(), Lang::En);
    }
}
