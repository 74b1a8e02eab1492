//! How many places a team session has. A series is made with 1 to 50 places; staff may later
//! change one session's number within the same bounds, but never below the places booked and
//! held for the waiting list: nobody loses a place they have (issue 19). A larger number frees
//! places, which go to the waiting list first.
use super::lang::Lang;

/// The most places a session can have.
pub const MAX_PLACES: u32 = 50;

/// A number of places as typed ("8", " 10 "), when it is 1 to [`MAX_PLACES`].
pub fn parse_places(typed: &str) -> Option<u32> {
    typed
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|c| (1..=MAX_PLACES).contains(c))
}

/// Why a new number of places is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapacityProblem {
    /// Not a whole number from 1 to 50.
    NotANumber,
    /// Fewer than the places taken (booked and held).
    BelowTaken(u32),
}

impl CapacityProblem {
    pub fn text(self, lang: Lang) -> String {
        match (self, lang) {
            (CapacityProblem::NotANumber, Lang::Da) => {
                format!("Skriv antal pladser som et tal fra 1 til {MAX_PLACES}.")
            }
            (CapacityProblem::NotANumber, Lang::En) => {
                format!("Enter the number of places as a number from 1 to {MAX_PLACES}.")
            }
            (CapacityProblem::BelowTaken(n), Lang::Da) => format!(
                "{n} pladser er optaget. Holdet skal have mindst {n} pladser, så ingen mister sin plads."
            ),
            (CapacityProblem::BelowTaken(n), Lang::En) => format!(
                "{n} places are taken. The session needs at least {n} places, so nobody loses their place."
            ),
        }
    }
}

/// The new number of places, typed by staff, for a session with `taken` places booked or held.
pub fn new_capacity(typed: &str, taken: u32) -> Result<u32, CapacityProblem> {
    let places = parse_places(typed).ok_or(CapacityProblem::NotANumber)?;
    if places < taken {
        return Err(CapacityProblem::BelowTaken(taken));
    }
    Ok(places)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_from_one_to_fifty_is_read_as_typed() {
        assert_eq!(parse_places(" 12 "), Some(12));
        assert_eq!(parse_places("1"), Some(1));
        assert_eq!(parse_places("50"), Some(50));
        for bad in ["0", "51", "-3", "tolv", "", "8.5"] {
            assert_eq!(parse_places(bad), None, "{bad}");
        }
    }

    #[test]
    fn nobody_loses_a_place_booked_or_held() {
        assert_eq!(new_capacity("6", 6), Ok(6));
        assert_eq!(new_capacity("10", 6), Ok(10));
        assert_eq!(new_capacity("5", 6), Err(CapacityProblem::BelowTaken(6)));
        assert_eq!(new_capacity("100", 6), Err(CapacityProblem::NotANumber));
        assert!(CapacityProblem::BelowTaken(6)
            .text(Lang::Da)
            .contains("mindst 6 pladser"));
    }
}
