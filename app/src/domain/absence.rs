//! An absence period as the citizen types it: from and to, both days included, not in the past,
//! and a reason. Each problem names its field. The municipality's file says which reasons are
//! excused: the sessions an excused absence cancels count toward no termination rule (a hospital
//! stay is not a cancellation), and a hospital stay may bring a re-assessment on discharge
//! (BRS-19).
use super::booking::Sourced;
use super::lang::Lang;
use super::time_format::parse_day;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Why the citizen will be away.
pub const REASONS: [&str; 4] = ["holiday", "hospital", "illness", "other"];

pub fn reason_label(code: &str, lang: Lang) -> &'static str {
    match code {
        "holiday" => lang.pick("Ferie", "Holiday"),
        "hospital" => lang.pick("Indlæggelse på sygehus", "Hospital stay"),
        "illness" => lang.pick("Sygdom", "Illness"),
        _ => lang.pick("Andet", "Other"),
    }
}

/// The municipality's rules for absence periods (`[rules.absence]`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AbsenceRules {
    /// Reasons whose absences are excused: their cancelled sessions count toward no termination
    /// rule and raise no warning for one. The rest count as the citizen's cancellations.
    pub excused: Vec<String>,
    /// The reading behind the list, in Danish, shown with the rules.
    pub reading: String,
    /// The standard's own rule on absence, where it has one (BRS-17).
    #[serde(default)]
    pub rule: Option<Sourced>,
    /// After a hospital stay the caseworker re-assesses the need on discharge (BRS-19): a
    /// hospital absence raises a re-assessment flag for the caseworker.
    #[serde(default)]
    pub reassess_on_discharge: Option<Sourced>,
}

impl Default for AbsenceRules {
    /// Where a file says nothing: a hospital stay and illness are excused (the reading that costs
    /// the citizen nothing).
    fn default() -> AbsenceRules {
        AbsenceRules {
            excused: vec!["hospital".into(), "illness".into()],
            reading: "Indlæggelse og sygdom er lovligt fravær og tæller ikke med.".into(),
            rule: None,
            reassess_on_discharge: None,
        }
    }
}

impl AbsenceRules {
    pub fn is_excused(&self, reason: &str) -> bool {
        self.excused.iter().any(|r| r == reason)
    }
}

/// A problem with one field: (field id, Danish, English).
pub use super::lang::FieldProblem;

pub fn parse_period(
    from: &str,
    to: &str,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), Vec<FieldProblem>> {
    let day = |text: &str, field: &'static str, missing: FieldProblem| {
        if text.trim().is_empty() {
            return Err(missing);
        }
        parse_day(text).ok_or((
            field,
            "Skriv datoen som dag.måned.år, for eksempel 24.3.2026.",
            "Write the date as day.month.year, for example 24.3.2026.",
        ))
    };
    let from = day(
        from,
        "fra",
        (
            "fra",
            "Skriv den første dag, du er væk.",
            "Enter the first day you are away.",
        ),
    );
    let to = day(
        to,
        "til",
        (
            "til",
            "Skriv den sidste dag, du er væk.",
            "Enter the last day you are away.",
        ),
    );
    match (from, to) {
        (Ok(f), Ok(t)) if t < f => Err(vec![(
            "til",
            "Den sidste dag skal være samme dag som eller efter den første.",
            "The last day must be the same as or after the first.",
        )]),
        (Ok(f), Ok(_)) if f < today => Err(vec![(
            "fra",
            "Fravær kan kun registreres fra i dag og frem.",
            "Absence can only be registered from today on.",
        )]),
        (Ok(f), Ok(t)) => Ok((f, t)),
        (f, t) => Err([f.err(), t.err()].into_iter().flatten().collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn a_period_as_typed_or_from_a_date_field() {
        assert_eq!(
            parse_period("16.3.2026", "2026-03-29", d(3, 4)),
            Ok((d(3, 16), d(3, 29)))
        );
        assert_eq!(
            parse_period("4.3.2026", "4.3.2026", d(3, 4)),
            Ok((d(3, 4), d(3, 4)))
        );
    }

    #[test]
    fn each_problem_names_its_field() {
        let fields = |r: Result<_, Vec<FieldProblem>>| {
            r.unwrap_err().iter().map(|p| p.0).collect::<Vec<_>>()
        };
        assert_eq!(fields(parse_period("", "", d(3, 4))), vec!["fra", "til"]);
        assert_eq!(
            fields(parse_period("32.3.2026", "1.4.2026", d(3, 4))),
            vec!["fra"]
        );
        assert_eq!(
            fields(parse_period("20.3.2026", "19.3.2026", d(3, 4))),
            vec!["til"]
        );
        assert_eq!(
            fields(parse_period("3.3.2026", "19.3.2026", d(3, 4))),
            vec!["fra"]
        );
    }
}
