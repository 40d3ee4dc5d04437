//! The report (per file, per non-passing test, by category) and the list of tests that must pass.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use super::runner::Outcome;

/// One test's result.
pub struct TestResult {
    /// File path relative to the corpus root.
    pub file: String,
    /// Test name.
    pub name: String,
    /// Outcome.
    pub outcome: Outcome,
}

impl TestResult {
    /// The line that names this test in `expected-pass.txt`.
    pub fn key(&self) -> String {
        format!("{} :: {}", self.file, self.name)
    }
}

/// Passed/failed/skipped counts.
#[derive(Debug, Default, Clone, Copy)]
pub struct Totals {
    /// Passed.
    pub passed: usize,
    /// Failed.
    pub failed: usize,
    /// Skipped.
    pub skipped: usize,
}

impl Totals {
    fn add(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Passed => self.passed += 1,
            Outcome::Failed(_) => self.failed += 1,
            Outcome::Skipped(_) => self.skipped += 1,
        }
    }
}

impl std::fmt::Display for Totals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} passed, {} failed, {} skipped", self.passed, self.failed, self.skipped)
    }
}

/// Counts over all results.
pub fn totals(results: &[TestResult]) -> Totals {
    let mut t = Totals::default();
    results.iter().for_each(|r| t.add(&r.outcome));
    t
}

/// The full report text; the last line is `conformance: N passed, M failed, K skipped`.
pub fn render(results: &[TestResult], header: &str, expected: &BTreeSet<String>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{header}");
    let mut by_file: BTreeMap<&str, Vec<&TestResult>> = BTreeMap::new();
    for r in results {
        by_file.entry(r.file.as_str()).or_default().push(r);
    }
    for (file, tests) in &by_file {
        let mut t = Totals::default();
        tests.iter().for_each(|r| t.add(&r.outcome));
        let _ = writeln!(out, "{file}: {t}");
        for r in tests {
            match &r.outcome {
                Outcome::Passed => {}
                Outcome::Failed(f) => {
                    let _ = writeln!(out, "  FAIL {:?} [{}] {}: {}", r.name, f.category, f.step, f.message);
                }
                Outcome::Skipped(s) => {
                    let _ = writeln!(out, "  SKIP {:?} [{}] {}", r.name, s.category, s.reason);
                }
            }
        }
    }
    render_categories(&mut out, results);
    render_top_failures(&mut out, results);
    let unlisted: Vec<String> = results
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Passed))
        .map(TestResult::key)
        .filter(|k| !expected.contains(k))
        .collect();
    if !unlisted.is_empty() {
        let _ = writeln!(
            out,
            "\npassing but not in expected-pass.txt ({}; ESOPS_CONFORMANCE_BLESS=1 adds them):",
            unlisted.len()
        );
        unlisted.iter().for_each(|k| {
            let _ = writeln!(out, "  {k}");
        });
    }
    let _ = writeln!(out, "\nconformance: {}", totals(results));
    out
}

/// Non-passing tests per category.
fn render_categories(out: &mut String, results: &[TestResult]) {
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for r in results {
        match &r.outcome {
            Outcome::Failed(f) => counts.entry(f.category.clone()).or_default().0 += 1,
            Outcome::Skipped(s) => counts.entry(s.category.clone()).or_default().1 += 1,
            Outcome::Passed => {}
        }
    }
    let _ = writeln!(out, "\nnon-passing tests by category (failed / skipped):");
    let mut sorted: Vec<_> = counts.into_iter().collect();
    sorted.sort_by(|a, b| (b.1.0 + b.1.1).cmp(&(a.1.0 + a.1.1)).then(a.0.cmp(&b.0)));
    for (category, (failed, skipped)) in sorted {
        let _ = writeln!(out, "  {category}: {failed} / {skipped}");
    }
}

/// The most common failure causes: failures grouped by category, step kind and message head.
fn render_top_failures(out: &mut String, results: &[TestResult]) {
    let mut groups: BTreeMap<String, Vec<&TestResult>> = BTreeMap::new();
    for r in results {
        if let Outcome::Failed(f) = &r.outcome {
            groups.entry(failure_signature(&f.category, &f.step, &f.message)).or_default().push(r);
        }
    }
    if groups.is_empty() {
        return;
    }
    let mut sorted: Vec<_> = groups.into_iter().collect();
    sorted.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    let _ = writeln!(out, "\ntop failure causes:");
    for (signature, tests) in sorted.iter().take(20) {
        let _ = writeln!(out, "  {}× {signature}", tests.len());
        let _ = writeln!(out, "      e.g. {} :: {}", short_file(&tests[0].file), tests[0].name);
    }
}

/// Groups failures that have the same cause: the step without its number, and the message with
/// numbers blanked and cut short.
fn failure_signature(category: &str, step: &str, message: &str) -> String {
    let step: String = step.split_whitespace().filter(|w| !w.starts_with('#')).collect::<Vec<_>>().join(" ");
    let step: String = step.chars().take(70).collect();
    let head: String = message.chars().take(110).map(|c| if c.is_ascii_digit() { '0' } else { c }).collect();
    format!("[{category}] {step} — {head}")
}

/// `…/rest-api-spec/test/ilm/10_basic.yml` → `ilm/10_basic.yml`.
pub fn short_file(file: &str) -> &str {
    file.rsplit_once("rest-api-spec/test/").map_or(file, |(_, rest)| rest)
}

/// Reads `expected-pass.txt`: `path :: test name` per line, `#` comments, blank lines ignored.
pub fn read_expected(path: &Path) -> Result<BTreeSet<String>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeSet::new()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    Ok(text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(normalize_key).collect())
}

/// `a  ::  b` → `a :: b`, so hand edits compare equal.
fn normalize_key(line: &str) -> String {
    match line.split_once("::") {
        Some((file, name)) => format!("{} :: {}", file.trim(), name.trim()),
        None => line.to_string(),
    }
}

/// `divergences.txt`: test key → why the test, not the sandbox, is at odds with the emulated version.
pub fn read_divergences(path: &Path) -> Result<std::collections::BTreeMap<String, String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (key, reason) = l.rsplit_once(" :: ")?;
            Some((normalize_key(key), reason.trim().to_string()))
        })
        .collect())
}

/// Rewrites `expected-pass.txt` with `tests`, sorted, keeping the file's leading comment block
/// (it records why entries were removed on purpose).
pub fn write_expected(path: &Path, tests: &BTreeSet<String>) -> Result<(), String> {
    let existing = std::fs::read_to_string(path).unwrap_or_default();
    let header: String = existing.lines().take_while(|l| l.starts_with('#')).map(|l| format!("{l}\n")).collect();
    let mut text = if header.is_empty() {
        String::from(
            "# Elasticsearch YAML REST tests that must pass against the sandbox (tests/conformance.rs).\n\
             # One `path/relative/to/the/corpus.yml :: test name` per line. The list only grows:\n\
             # ESOPS_CONFORMANCE_BLESS=1 cargo test --test integration conformance:: adds the tests that pass now.\n",
        )
    } else {
        header
    };
    for t in tests {
        text.push_str(t);
        text.push('\n');
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blessing_keeps_the_comment_block() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("expected.txt");
        std::fs::write(&path, "# why\n# removed x\nold :: t\n").unwrap();
        let tests: BTreeSet<String> = ["a :: b".to_string(), "old :: t".to_string()].into();
        write_expected(&path, &tests).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "# why\n# removed x\na :: b\nold :: t\n");
    }

    #[test]
    fn keys_are_normalized_and_comments_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("expected.txt");
        std::fs::write(&path, "# c\n\na/b.yml::  Test one \n a/b.yml :: Two\n").unwrap();
        let set = read_expected(&path).unwrap();
        assert!(set.contains("a/b.yml :: Test one"));
        assert!(set.contains("a/b.yml :: Two"));
        assert_eq!(set.len(), 2);
        write_expected(&path, &set).unwrap();
        assert_eq!(read_expected(&path).unwrap(), set);
    }

    #[test]
    fn signatures_ignore_step_numbers_and_digits() {
        let a = failure_signature("sandbox-mismatch", "setup #2 do indices.create", "expected 2xx, got PUT /x → 400");
        let b = failure_signature("sandbox-mismatch", "setup #3 do indices.create", "expected 2xx, got PUT /x → 404");
        assert_eq!(a, b);
    }
}
