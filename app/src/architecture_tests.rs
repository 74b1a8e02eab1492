//! The dependency rule of `ARCHITECTURE.md`, checked on the source: a change that breaks it
//! fails here with the file and line, rather than in a review.
use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Where a file's tests begin: `#[cfg(test)]` or `#[cfg(all(test, ...))]` on a module (not on a
/// test-only import).
fn is_tests_start(line: &str, next: Option<&str>) -> bool {
    line.starts_with("#[cfg(")
        && line.contains("test")
        && next.is_some_and(|n| n.starts_with("mod "))
}

/// The lines of a file before its tests.
fn before_tests(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().collect();
    let end = (0..lines.len())
        .find(|&i| is_tests_start(lines[i], lines.get(i + 1).copied()))
        .unwrap_or(lines.len());
    lines[..end].to_vec()
}

/// The code of a file without its tests module and comments.
fn code_lines(path: &Path) -> Vec<(usize, String)> {
    let text = fs::read_to_string(path).unwrap();
    before_tests(&text)
        .into_iter()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(i, l)| (i + 1, l.to_string()))
        .collect()
}

/// Lines of `layer` that mention one of `forbidden`.
fn offences(layer: &str, forbidden: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for file in rust_files(&src().join(layer)) {
        for (n, line) in code_lines(&file) {
            if forbidden.iter().any(|f| line.contains(f)) {
                out.push(format!("{}:{n}: {}", file.display(), line.trim()));
            }
        }
    }
    out
}

#[test]
fn the_domain_does_no_io_and_knows_no_other_layer() {
    let found = offences(
        "domain",
        &[
            "crate::ssr",
            "crate::functions",
            "crate::routes",
            "crate::components",
            "sqlx::",
            "std::fs",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn shared_server_code_and_views_know_no_feature_or_page() {
    for layer in ["ssr", "views"] {
        let found = offences(layer, &["crate::functions", "crate::routes"]);
        assert!(found.is_empty(), "{found:#?}");
    }
}

#[test]
fn no_feature_imports_another() {
    let dir = src().join("functions");
    let features: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let stem = p.file_stem()?.to_str()?.to_string();
            (stem != "mod").then_some(stem)
        })
        .collect();
    let mut found = Vec::new();
    for file in rust_files(&dir) {
        // From a feature's own file `super` is `functions`; from a file in a feature's folder
        // it is the feature, and `super::super` is `functions`.
        let top_level = file.parent() == Some(dir.as_path());
        for (n, line) in code_lines(&file) {
            let sibling = features.iter().any(|f| {
                line.contains(&format!("crate::functions::{f}"))
                    || line.contains(&format!("super::super::{f}"))
                    || (top_level && line.contains(&format!("super::{f}::")))
            });
            if sibling {
                found.push(format!("{}:{n}: {}", file.display(), line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn no_source_file_outgrows_600_lines_of_code() {
    let long: Vec<String> = rust_files(&src())
        .into_iter()
        .filter_map(|f| {
            let lines = before_tests(&fs::read_to_string(&f).unwrap()).len();
            (lines > 600).then(|| format!("{}: {lines}", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "{long:#?}");
}

#[test]
fn no_two_types_share_a_name() {
    // `Db` and `Backend` name the database in each backend, on purpose (see `ssr/db/mod.rs`).
    let allowed = ["Db", "Backend"];
    let mut seen: std::collections::HashMap<String, String> = Default::default();
    let mut twice = Vec::new();
    for file in rust_files(&src()) {
        for (n, line) in code_lines(&file) {
            let words: Vec<&str> = line.split_whitespace().collect();
            let Some(i) = words
                .iter()
                .position(|w| matches!(*w, "struct" | "enum" | "type"))
            else {
                continue;
            };
            let Some(name) = words.get(i + 1).map(|w| {
                w.split(|c: char| !c.is_alphanumeric() && c != '_')
                    .next()
                    .unwrap_or("")
                    .to_string()
            }) else {
                continue;
            };
            if name.is_empty() || !name.starts_with(char::is_uppercase) {
                continue;
            }
            let at = format!("{}:{n}", file.display());
            if let Some(first) = seen.insert(name.clone(), at.clone()) {
                if !allowed.contains(&name.as_str()) {
                    twice.push(format!("{name}: {first} and {at}"));
                }
            }
        }
    }
    assert!(twice.is_empty(), "{twice:#?}");
}

#[test]
fn features_and_pages_compare_states_as_enums_not_strings() {
    // A state compared as text (`status == "booked"`) would silently miss a renamed code.
    let mut found = Vec::new();
    for layer in ["functions", "routes"] {
        for file in rust_files(&src().join(layer)) {
            for (n, line) in code_lines(&file) {
                let compares = ["status", "outcome", "kind"].iter().any(|field| {
                    [" == \"", " != \"", ".as_str() {", ".as_deref() == Some(\""]
                        .iter()
                        .any(|op| line.contains(&format!("{field}{op}")))
                });
                if compares {
                    found.push(format!("{}:{n}: {}", file.display(), line.trim()));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn no_lint_is_silenced_for_long_argument_lists() {
    let found = offences(".", &[concat!("clippy::too_many", "_arguments")]);
    assert!(found.is_empty(), "{found:#?}");
}

/// A change is logged in its own transaction (`request::record(..).of(..)`); only what changes
/// nothing (a read, a download, a refusal) is logged on its own with `audit`.
#[test]
fn only_reads_are_logged_apart_from_a_change() {
    // The log is written only through `ssr::request` (`audit`, `record`).
    let direct: Vec<String> = offences(".", &[concat!("repo.audit", "(")])
        .into_iter()
        .filter(|l| !l.contains("ssr/request.rs"))
        .collect();
    assert!(direct.is_empty(), "{direct:#?}");
    let reads = ["Action::View", "Action::Download", "Action::ExportData"];
    let reads = [&reads[..], &["Action::CalendarFeedRead"]].concat();
    let mut found = Vec::new();
    for layer in ["functions", "routes", "ssr"] {
        for file in rust_files(&src().join(layer)) {
            let lines = code_lines(&file);
            for (i, (n, line)) in lines.iter().enumerate() {
                let call = line.contains("request::audit(")
                    || line.contains("request::audit_each(")
                    || line.trim_start().starts_with("audit(")
                    || line.contains("= audit(")
                    || line.contains("Err(e) = audit(");
                if !call || line.contains("fn audit") {
                    continue;
                }
                let action = lines[i..(i + 8).min(lines.len())]
                    .iter()
                    .find_map(|(_, l)| l.find("Action::").map(|at| l[at..].to_string()));
                let is_read = action
                    .as_deref()
                    .is_some_and(|a| reads.iter().any(|r| a.starts_with(r)));
                if !is_read {
                    found.push(format!("{}:{n}: {}", file.display(), line.trim()));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

/// Leptos writes a textarea's text unescaped: every textarea with text escapes it
/// (`components::textarea_text`).
#[test]
fn every_textarea_escapes_its_text() {
    let found: Vec<String> = offences(".", &[concat!("}</text", "area>")])
        .into_iter()
        .filter(|line| !line.contains("in_textarea("))
        .collect();
    assert!(found.is_empty(), "{found:#?}");
}
