//! What the portal accepts as typed text, checked before anything is saved: a length for each
//! kind of field, and no characters that nobody types but that can hide or fake text. A
//! one-line field (a name, a place) takes no control characters (Unicode category Cc), no
//! format characters (Cf: invisible joiners, direction overrides) and no line breaks. A text
//! with lines takes line breaks and tabs, and the invisible characters that text pasted from a
//! word processor or a phone carries (soft hyphens, joiners in emoji), but no other control
//! characters and no direction controls, which can make text read backwards.
use super::lang::Lang;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// Names of people.
pub const NAME_MAX: usize = 200;
/// Short lines: a place, a title, a reference.
pub const LINE_MAX: usize = 300;
/// Notes and short answers.
pub const NOTE_MAX: usize = 1_000;
/// The citizen's texts: needs, goals, answers to a hearing, a complaint.
pub const TEXT_MAX: usize = 4_000;
/// Staff's letters: the reasons of a decision, an answer to a complaint.
pub const LETTER_MAX: usize = 10_000;

/// What is wrong with a typed text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextProblem {
    TooLong {
        max: usize,
        typed: usize,
    },
    /// A line break in a one-line field.
    LineBreak,
    /// A control or format character (see the module).
    Hidden,
}

/// Direction controls (bidi): they turn the text around as it is shown.
fn direction_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The problem with `text` for a field of at most `max` characters (`multiline`: line breaks and
/// tabs allowed), if any.
pub fn check(text: &str, max: usize, multiline: bool) -> Option<TextProblem> {
    let typed = text.chars().count();
    if typed > max {
        return Some(TextProblem::TooLong { max, typed });
    }
    if multiline {
        let hidden = text
            .chars()
            .any(|c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || direction_control(c));
        return hidden.then_some(TextProblem::Hidden);
    }
    if text.chars().any(line_break) {
        return Some(TextProblem::LineBreak);
    }
    let hidden = text
        .chars()
        .any(|c| c.is_control() || c.general_category() == GeneralCategory::Format);
    hidden.then_some(TextProblem::Hidden)
}

/// Thousands with a dot, as Danish writes them ("4.000").
fn number(lang: Lang, n: usize) -> String {
    let digits = n.to_string();
    let sep = lang.pick(".", ",");
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// The problem in plain words, naming the field (`what`, e.g. "Navnet"/"The name").
pub fn in_words(lang: Lang, problem: TextProblem, what: (&str, &str)) -> String {
    let what = lang.pick(what.0, what.1);
    match (problem, lang) {
        (TextProblem::TooLong { max, typed }, Lang::Da) => format!(
            "{what} må højst være {} tegn. Du har skrevet {}.",
            number(lang, max),
            number(lang, typed)
        ),
        (TextProblem::TooLong { max, typed }, Lang::En) => format!(
            "{what} can be at most {} characters long. You have written {}.",
            number(lang, max),
            number(lang, typed)
        ),
        (TextProblem::LineBreak, Lang::Da) => format!("{what} skal stå på én linje."),
        (TextProblem::LineBreak, Lang::En) => format!("{what} must be on one line."),
        (TextProblem::Hidden, Lang::Da) => format!(
            "{what} indeholder et usynligt tegn, vi ikke kan bruge. Skriv det igen med almindelige bogstaver."
        ),
        (TextProblem::Hidden, Lang::En) => format!(
            "{what} contains an invisible character we cannot use. Please type it again with ordinary letters."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_refused_when_too_long_or_holding_hidden_characters() {
        assert_eq!(check("Karen Østergaard", NAME_MAX, false), None);
        assert_eq!(
            check(&"å".repeat(201), NAME_MAX, false),
            Some(TextProblem::TooLong {
                max: 200,
                typed: 201
            })
        );
        assert_eq!(
            check(&"å".repeat(200), NAME_MAX, false),
            None,
            "characters, not bytes"
        );
        for broken in [
            "Karen\nØstergaard",
            "Karen\rX",
            "Karen\u{2028}X",
            "Karen\u{85}",
        ] {
            assert_eq!(
                check(broken, NAME_MAX, false),
                Some(TextProblem::LineBreak),
                "{broken:?}"
            );
        }
        for hidden in [
            "Ka\u{0}ren",
            "Karen\u{202E}draagretsØ",
            "Ka\u{200B}ren",
            "\u{FEFF}Karen",
            "Ka\u{AD}ren",
        ] {
            assert_eq!(
                check(hidden, NAME_MAX, false),
                Some(TextProblem::Hidden),
                "{hidden:?}"
            );
        }
        // A text with lines may have line breaks, tabs and what pasted text carries (a soft
        // hyphen, an emoji's joiner), but no direction control and no other control character.
        assert_eq!(check("Første linje\r\nAnden\tlinje", TEXT_MAX, true), None);
        assert_eq!(check("træ\u{AD}ning 👩\u{200D}🦳", TEXT_MAX, true), None);
        assert_eq!(
            check("Tekst\u{202E}", TEXT_MAX, true),
            Some(TextProblem::Hidden)
        );
        assert_eq!(
            check("Tekst\u{7}", TEXT_MAX, true),
            Some(TextProblem::Hidden)
        );
    }

    #[test]
    fn the_problem_is_said_in_plain_words_with_the_numbers() {
        let p = TextProblem::TooLong {
            max: 4000,
            typed: 4312,
        };
        assert_eq!(
            in_words(Lang::Da, p, ("Teksten", "The text")),
            "Teksten må højst være 4.000 tegn. Du har skrevet 4.312."
        );
        assert_eq!(
            in_words(Lang::En, p, ("Teksten", "The text")),
            "The text can be at most 4,000 characters long. You have written 4,312."
        );
    }
}
