//! Loads and checks the municipality files at start-up. A bad file stops the server with a
//! message naming the file, the field and what is wrong.
use crate::domain::municipality::Municipality;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, Default)]
pub struct Municipalities(Vec<Municipality>);

/// The rules of one of the municipality files in this repository (for tests).
#[cfg(test)]
pub fn repo_rules(slug: &str) -> crate::domain::municipality::Rules {
    repo_municipality(slug).rules
}

/// One of the municipality files in this repository (for tests).
#[cfg(test)]
pub fn repo_municipality(slug: &str) -> Municipality {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/municipalities"));
    load_dir(&dir)
        .expect("the repository's municipality files load")
        .get(slug)
        .expect("a municipality of the repository")
        .clone()
}

impl Municipalities {
    /// Municipalities already checked (tests change a loaded file's contents this way).
    pub fn new(list: Vec<Municipality>) -> Municipalities {
        Municipalities(list)
    }

    pub fn all(&self) -> &[Municipality] {
        &self.0
    }

    pub fn get(&self, slug: &str) -> Option<&Municipality> {
        self.0.iter().find(|m| m.slug == slug)
    }

    pub fn name_of(&self, slug: &str) -> String {
        self.get(slug)
            .map(|m| m.name.clone())
            .unwrap_or_else(|| slug.to_string())
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct LoadError {
    pub file: PathBuf,
    pub field: String,
    pub problem: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: field `{}`: {}",
            self.file.display(),
            self.field,
            self.problem
        )
    }
}

impl std::error::Error for LoadError {}

/// Reads every `*.toml` in `dir`, in name order.
pub fn load_dir(dir: &Path) -> Result<Municipalities, LoadError> {
    let entries = std::fs::read_dir(dir).map_err(|e| LoadError {
        file: dir.to_path_buf(),
        field: "-".into(),
        problem: format!("cannot read the folder of municipality files: {e}"),
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(LoadError {
            file: dir.to_path_buf(),
            field: "-".into(),
            problem: "no municipality files (*.toml) found".into(),
        });
    }
    let mut list = Vec::with_capacity(files.len());
    for file in files {
        let text = std::fs::read_to_string(&file).map_err(|e| LoadError {
            file: file.clone(),
            field: "-".into(),
            problem: format!("cannot read: {e}"),
        })?;
        let stem = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        list.push(parse(&file, &stem, &text)?);
    }
    Ok(Municipalities(list))
}

/// Parses and checks one file's text.
pub fn parse(file: &Path, stem: &str, text: &str) -> Result<Municipality, LoadError> {
    let m: Municipality = toml::from_str(text).map_err(|e| LoadError {
        file: file.to_path_buf(),
        field: field_of_toml_error(text, &e),
        problem: e.message().to_string(),
    })?;
    if let Some(p) = m.problems(stem).into_iter().next() {
        return Err(LoadError {
            file: file.to_path_buf(),
            field: p.field,
            problem: p.problem,
        });
    }
    Ok(m)
}

/// Names the field a TOML error is about: the key it mentions, or the key on the line it points
/// at, qualified by the table it stands in (`contacts[1].phone`).
fn field_of_toml_error(text: &str, e: &toml::de::Error) -> String {
    let message = e.message();
    let mentioned = message
        .split('`')
        .nth(1)
        .filter(|_| message.contains("field `"));
    let Some(span) = e.span() else {
        return mentioned.unwrap_or("-").to_string();
    };
    let before = &text[..span.start.min(text.len())];
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line = text[line_start..].lines().next().unwrap_or("");
    let key = mentioned
        .map(str::to_string)
        .or_else(|| line.split_once('=').map(|(k, _)| k.trim().to_string()));
    // The table the error stands in, counting array-of-table entries.
    let mut table = String::new();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for l in before.lines() {
        let l = l.trim();
        if let Some(name) = l.strip_prefix("[[").and_then(|r| r.strip_suffix("]]")) {
            let n = match counts.iter_mut().find(|(k, _)| k == name) {
                Some((_, c)) => {
                    *c += 1;
                    *c
                }
                None => {
                    counts.push((name.to_string(), 0));
                    0
                }
            };
            table = format!("{name}[{n}]");
        } else if let Some(name) = l.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            table = name.to_string();
        }
    }
    match key {
        None if table.is_empty() => "-".into(),
        None => table,
        Some(k) if table.is_empty() => k,
        Some(k) => format!("{table}.{k}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo_dir() -> PathBuf {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/municipalities"))
    }

    #[test]
    fn the_five_municipality_files_load() {
        let m = load_dir(&repo_dir()).unwrap();
        let slugs: Vec<&str> = m.all().iter().map(|m| m.slug.as_str()).collect();
        assert_eq!(
            slugs,
            vec![
                "broenderslev",
                "fredensborg",
                "mariagerfjord",
                "samsoe",
                "vejen"
            ]
        );
        assert_eq!(m.name_of("samsoe"), "Samsø Kommune");
        assert_eq!(m.name_of("broenderslev"), "Brønderslev Kommune");
    }

    #[test]
    fn the_files_decide_each_municipalitys_cancellation_deadline() {
        use crate::domain::deadlines::cancellation_on_time;
        use crate::domain::municipality::ComplaintCountedAt;
        let all = load_dir(&repo_dir()).unwrap();
        let rule = |slug: &str| all.get(slug).unwrap().rules.cancellation.rule;
        let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        // T30: Brønderslev, session Wed 11 March 2026 10:00.
        let session = at("2026-03-11T10:00:00+01:00");
        assert!(cancellation_on_time(
            rule("broenderslev"),
            session,
            at("2026-03-10T12:00:00+01:00")
        ));
        assert!(!cancellation_on_time(
            rule("broenderslev"),
            session,
            at("2026-03-10T12:00:01+01:00")
        ));
        // T35: Fredensborg, session Wed 16 September 2026 13:00.
        let session = at("2026-09-16T13:00:00+02:00");
        assert!(cancellation_on_time(
            rule("fredensborg"),
            session,
            at("2026-09-16T08:59:59+02:00")
        ));
        assert!(!cancellation_on_time(
            rule("fredensborg"),
            session,
            at("2026-09-16T09:00:00+02:00")
        ));
        // VEJ-14: Vejen, any time the day before.
        assert!(cancellation_on_time(
            rule("vejen"),
            session,
            at("2026-09-15T23:59:59+02:00")
        ));
        assert!(!cancellation_on_time(
            rule("vejen"),
            session,
            at("2026-09-16T00:00:00+02:00")
        ));
        // T38: Samsø and Mariagerfjord have no deadline.
        for slug in ["samsoe", "mariagerfjord"] {
            assert!(
                cancellation_on_time(rule(slug), session, at("2026-09-16T12:30:00+02:00")),
                "{slug}"
            );
        }
        // FRB-29 counts when the complaint was sent; the others when it was received.
        for m in all.all() {
            let expected = if m.slug == "fredensborg" {
                ComplaintCountedAt::Sent
            } else {
                ComplaintCountedAt::Received
            };
            assert_eq!(m.rules.complaint.counted_at, expected, "{}", m.slug);
            assert_eq!(m.rules.complaint.weeks, 4, "{}", m.slug);
        }
    }

    #[test]
    fn the_files_give_each_municipalitys_service_levels() {
        use crate::domain::calendar::DaysOff;
        use crate::domain::service_levels::Anchor;
        let all = load_dir(&repo_dir()).unwrap();
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let due = |slug: &str, id: &str, anchor: Anchor, day| {
            let l = all
                .get(slug)
                .unwrap()
                .rules
                .service_levels
                .iter()
                .find(|l| l.id == id)
                .unwrap();
            assert_eq!(l.anchor, anchor, "{slug} {id}");
            l.due(day, &DaysOff::SLA_DEFAULT)
        };
        // T01: Fredensborg enquiry Wed 1 April 2026.
        assert_eq!(
            due(
                "fredensborg",
                "assessment_time",
                Anchor::ApplicationReceived,
                d(2026, 4, 1)
            ),
            d(2026, 4, 13)
        );
        assert_eq!(
            due(
                "fredensborg",
                "start_time_agreed",
                Anchor::ApplicationReceived,
                d(2026, 4, 1)
            ),
            d(2026, 4, 20)
        );
        // T05: Fredensborg enquiry Mon 22 December 2025.
        assert_eq!(
            due(
                "fredensborg",
                "assessment_time",
                Anchor::ApplicationReceived,
                d(2025, 12, 22)
            ),
            d(2026, 1, 5)
        );
        // T02 and T08: Mariagerfjord contact.
        assert_eq!(
            due(
                "mariagerfjord",
                "contact",
                Anchor::ApplicationReceived,
                d(2025, 5, 15)
            ),
            d(2025, 5, 22)
        );
        assert_eq!(
            due(
                "mariagerfjord",
                "contact",
                Anchor::ApplicationReceived,
                d(2026, 6, 1)
            ),
            d(2026, 6, 8)
        );
        // T54: Mariagerfjord start two weeks after the pre-examination.
        assert_eq!(
            due("mariagerfjord", "start", Anchor::PreExam, d(2026, 6, 3)),
            d(2026, 6, 17)
        );
        // VEJ-06: 10 hverdage after visitation on Mon 30 March 2026 (Easter 2-6 April) → 16 April.
        assert_eq!(
            due("vejen", "start", Anchor::Visitation, d(2026, 3, 30)),
            d(2026, 4, 16)
        );
        // T24: Brønderslev receives a complaint Mon 2 March 2026; all three clocks end 30 March.
        for id in [
            "reassessment",
            "new_decision_if_upheld",
            "forward_to_ankestyrelsen",
        ] {
            assert_eq!(
                due("broenderslev", id, Anchor::ComplaintReceived, d(2026, 3, 2)),
                d(2026, 3, 30),
                "{id}"
            );
        }
        // T25: maintained Mon 22 June 2026 → forwarded by Mon 6 July (14 calendar days).
        assert_eq!(
            due(
                "broenderslev",
                "forward_after_maintained",
                Anchor::ComplaintMaintained,
                d(2026, 6, 22)
            ),
            d(2026, 7, 6)
        );
        // Where the standard is silent, the law's 4 weeks apply (GEN-5).
        for slug in ["vejen", "samsoe", "fredensborg", "mariagerfjord"] {
            assert_eq!(
                due(
                    slug,
                    "forward_to_ankestyrelsen",
                    Anchor::ComplaintReceived,
                    d(2026, 3, 2)
                ),
                d(2026, 3, 30),
                "{slug}"
            );
        }
        // SAM-24 is a soft goal; BRS-11 a promise.
        let soft = |slug: &str, id: &str| {
            all.get(slug)
                .unwrap()
                .rules
                .service_levels
                .iter()
                .find(|l| l.id == id)
                .unwrap()
                .soft
        };
        assert!(soft("samsoe", "contact"));
        assert!(!soft("broenderslev", "decision"));
    }

    #[test]
    fn the_files_carry_the_termination_rules() {
        let all = load_dir(&repo_dir()).unwrap();
        let ids = |slug: &str| -> Vec<String> {
            all.get(slug)
                .unwrap()
                .rules
                .termination
                .iter()
                .map(|r| r.rule_id.clone())
                .collect()
        };
        assert_eq!(ids("broenderslev"), vec!["BRS-18a", "BRS-18b", "BRS-18c"]);
        assert_eq!(ids("fredensborg"), vec!["FRB-16"]);
        assert_eq!(ids("vejen"), vec!["VEJ-13"]);
        assert!(ids("samsoe").is_empty() && ids("mariagerfjord").is_empty());
    }

    /// Every rule id RULES.md gives a municipality appears in its file: as a computed rule, a
    /// contact, or an `[[rules.other]]` entry saying what the portal does with it.
    #[test]
    fn every_rule_id_of_rules_md_is_accounted_for_in_the_files() {
        // The specification lives beside the repository (`../shared/domain/RULES.md`); look in
        // every folder above this crate, or where RULES_MD points.
        let spec_path = std::env::var_os("RULES_MD")
            .map(PathBuf::from)
            .or_else(|| {
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .ancestors()
                    .map(|d| d.join("shared/domain/RULES.md"))
                    .find(|p| p.is_file())
            })
            .expect("shared/domain/RULES.md in a folder above the repository, or RULES_MD set");
        let spec = std::fs::read_to_string(&spec_path).expect("RULES.md is readable");
        let ids_in = |text: &str, prefix: &str| -> std::collections::BTreeSet<String> {
            text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .filter(|w| {
                    w.strip_prefix(prefix)
                        .and_then(|r| r.strip_prefix('-'))
                        .is_some_and(|n| {
                            n.chars().next().is_some_and(|c| c.is_ascii_digit())
                                && n.chars().all(|c| c.is_ascii_alphanumeric())
                        })
                })
                .map(str::to_string)
                .collect()
        };
        let table_ids = |prefix: &str| -> std::collections::BTreeSet<String> {
            spec.lines()
                .filter(|l| l.starts_with(&format!("| {prefix}-")))
                .flat_map(|l| ids_in(l.split('|').nth(1).unwrap_or(""), prefix))
                .collect()
        };
        for (slug, prefix) in [
            ("vejen", "VEJ"),
            ("samsoe", "SAM"),
            ("broenderslev", "BRS"),
            ("fredensborg", "FRB"),
            ("mariagerfjord", "MAR"),
        ] {
            let file = std::fs::read_to_string(repo_dir().join(format!("{slug}.toml"))).unwrap();
            let data: String = file
                .lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .collect::<Vec<_>>()
                .join("\n");
            let in_file = ids_in(&data, prefix);
            let missing: Vec<_> = table_ids(prefix).difference(&in_file).cloned().collect();
            assert!(
                missing.is_empty(),
                "{slug}.toml does not account for {missing:?}"
            );
        }
    }

    // T08: closing on Grundlovsdag is configuration, not code.
    #[test]
    fn a_municipality_can_close_on_grundlovsdag() {
        use crate::domain::service_levels::Anchor;
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let path = repo_dir().join("mariagerfjord.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let contact = |m: &Municipality| {
            let l = m
                .rules
                .service_levels
                .iter()
                .find(|l| l.id == "contact")
                .unwrap();
            assert_eq!(l.anchor, Anchor::ApplicationReceived);
            l.due(d(2026, 6, 1), &m.rules.sla_days_off)
        };
        assert_eq!(
            contact(&parse(&path, "mariagerfjord", &text).unwrap()),
            d(2026, 6, 8)
        );
        let closed = format!(
            "{text}\n[rules.sla_days_off]\nchristmas_eve = true\nnew_years_eve = true\ngrundlovsdag = true\nmay_first = false\nfriday_after_ascension = false\n"
        );
        assert_eq!(
            contact(&parse(&path, "mariagerfjord", &closed).unwrap()),
            d(2026, 6, 9)
        );
    }

    fn vejen_text() -> String {
        std::fs::read_to_string(repo_dir().join("vejen.toml")).unwrap()
    }

    #[test]
    fn a_misspelt_key_names_the_file_and_the_key() {
        let text = vejen_text().replacen("name = ", "nmae = ", 1);
        let e = parse(Path::new("vejen.toml"), "vejen", &text).unwrap_err();
        assert_eq!(e.field, "nmae");
        assert!(
            e.to_string()
                .starts_with("vejen.toml: field `nmae`: unknown field"),
            "{e}"
        );
    }

    #[test]
    fn a_wrong_type_inside_a_contact_names_the_contact() {
        let mut text = vejen_text();
        let at = text.find("[[contacts]]").unwrap();
        let rest = &text[at..];
        let unit_line_end = at + rest.find('\n').unwrap();
        text.insert_str(unit_line_end + 1, "phone = 79966434\n");
        let e = parse(Path::new("vejen.toml"), "vejen", &text).unwrap_err();
        assert!(
            e.field == "contacts[0].phone" || e.field == "contacts[0]",
            "{e}"
        );
    }

    #[test]
    fn a_missing_field_is_named() {
        let text: String = vejen_text()
            .lines()
            .filter(|l| !l.starts_with("kommunekode"))
            .map(|l| format!("{l}\n"))
            .collect();
        let e = parse(Path::new("vejen.toml"), "vejen", &text).unwrap_err();
        assert_eq!(e.field, "kommunekode", "{e}");
        assert!(e.problem.contains("missing field"), "{e}");
    }

    #[test]
    fn a_file_named_for_another_municipality_is_refused() {
        let e = parse(Path::new("samsoe.toml"), "samsoe", &vejen_text()).unwrap_err();
        assert_eq!(e.field, "slug");
    }

    #[test]
    fn an_empty_folder_is_an_error() {
        let dir = std::env::temp_dir().join(format!("tp-empty-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let e = load_dir(&dir).unwrap_err();
        assert!(e.problem.contains("no municipality files"));
        std::fs::remove_dir_all(&dir).ok();
    }
}
