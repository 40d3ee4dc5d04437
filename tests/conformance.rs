//! Fidelity of the sandbox, measured: runs Elasticsearch's own YAML REST tests against it.
//!
//! The corpus lives in the repository, `tests/conformance/corpus` (unmodified copies of
//! Elasticsearch's files, each with its path and commit in `SOURCES.md`; override the directory
//! with `ESOPS_REST_TESTS`). Every test gets a fresh sandbox; with `ESOPS_TEST_URL` (plus
//! `ESOPS_TEST_USER`/`ESOPS_TEST_PASSWORD` or `ESOPS_TEST_API_KEY`) the same tests run against a
//! real cluster instead.
//!
//! The test prints one line per file, one line per test that did not pass (with a reason
//! category), the most common failure causes and, last, `conformance: N passed, M failed, K skipped`.
//! It fails only when a test listed in `tests/conformance/expected-pass.txt` does not pass;
//! `ESOPS_CONFORMANCE_BLESS=1` adds the tests that pass now to that list (it only grows).
//! `ESOPS_CONFORMANCE_FILTER=substring` runs only the files whose path contains the substring;
//! `ESOPS_CONFORMANCE_VERBOSE=1` shows expected and actual values whole instead of shortened.
//!
//! Reason categories: `needs-search`, `needs-painless`, `needs-security` (the failing step needs
//! what the sandbox does not emulate), `out-of-scope-api:<api>` (no spec in the corpus, or the
//! cluster has no such route), `out-of-scope-feature[:processor:<name>]` (the sandbox says it does
//! not emulate it), `needs-feature:<name>` (a runner feature, cluster feature or
//! capability we lack), `version-skip`, `awaits-fix`, `yaml` (the file does not parse),
//! `sandbox-mismatch` (a fidelity bug), `corpus-divergence` (the test disagrees with the emulated
//! version's source, see `conformance/divergences.txt`), `needs-feature-flag` (the test needs a
//! feature that Elasticsearch's own test clusters switch on with a snapshot-only feature flag, see
//! `conformance/feature-flags.txt`) and `error` (transport or runner trouble).

mod assertions;
mod prereq;
mod report;
mod runner;
mod spec;
mod stash;
mod suite;
mod target;

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use prereq::{SkipVerdict, Version};
use report::TestResult;
use runner::{Outcome, Runner};
use serde_json::Value;
use spec::ApiRegistry;
use target::Target;

/// Where the API specs live inside the corpus.
const SPEC_DIR: &str = "rest-api-spec/src/main/resources/rest-api-spec/api";

/// Specs of APIs the tests use that the corpus lacks.
const EXTRA_SPECS: &str = include_str!("conformance/extra-api-spec.json");

#[test]
fn elasticsearch_yaml_rest_tests() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let expected_path = manifest.join("tests/conformance/expected-pass.txt");
    let expected = report::read_expected(&expected_path).unwrap_or_else(|e| panic!("{e}"));
    let corpus = corpus_dir(manifest);
    if !corpus.join(SPEC_DIR).is_dir() {
        assert!(
            expected.is_empty(),
            "conformance corpus not found at {} (set ESOPS_REST_TESTS), but expected-pass.txt lists tests",
            corpus.display()
        );
        emit(&format!("conformance: corpus not found at {}; nothing run\n", corpus.display()));
        return;
    }
    let filter = std::env::var("ESOPS_CONFORMANCE_FILTER").unwrap_or_default();
    let mut results = run_corpus(&corpus, &filter).unwrap_or_else(|e| panic!("conformance: {e}"));
    // Failures explained from Elasticsearch's source: the category they are reported under, and
    // how the explanation is introduced.
    let explained = [
        ("divergences.txt", "corpus-divergence", "the test, not the sandbox"),
        ("feature-flags.txt", "needs-feature-flag", "a snapshot-build feature flag the emulated release lacks"),
    ];
    for (list, category, preface) in explained {
        let reasons =
            report::read_divergences(&manifest.join("tests/conformance").join(list)).unwrap_or_else(|e| panic!("{e}"));
        for result in &mut results {
            let key = result.key();
            if let (Outcome::Failed(failure), Some(reason)) = (&mut result.outcome, reasons.get(&key)) {
                failure.category = category.into();
                failure.message = format!("{} ({preface}: {reason})", failure.message);
            }
        }
    }

    let header = format!("conformance corpus: {}", corpus.display());
    let text = report::render(&results, &header, &expected);
    emit(&text);
    let _ = std::fs::write(Path::new(env!("CARGO_TARGET_TMPDIR")).join("conformance-report.txt"), &text);

    let passing: BTreeSet<String> =
        results.iter().filter(|r| matches!(r.outcome, Outcome::Passed)).map(TestResult::key).collect();
    let in_scope = |key: &String| key.contains(filter.as_str());
    let regressions: Vec<&String> = expected.iter().filter(|k| in_scope(k) && !passing.contains(*k)).collect();
    if std::env::var("ESOPS_CONFORMANCE_BLESS").is_ok_and(|v| v == "1") {
        let union: BTreeSet<String> = expected.union(&passing).cloned().collect();
        report::write_expected(&expected_path, &union).unwrap_or_else(|e| panic!("{e}"));
        emit(&format!("conformance: blessed {} tests into {}\n", union.len(), expected_path.display()));
    }
    assert!(
        regressions.is_empty(),
        "{} test(s) listed in tests/conformance/expected-pass.txt no longer pass:\n  {}",
        regressions.len(),
        regressions.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n  ")
    );
}

/// `$ESOPS_REST_TESTS`, or the corpus kept in the repository.
fn corpus_dir(manifest: &Path) -> PathBuf {
    match std::env::var_os("ESOPS_REST_TESTS") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => manifest.join("tests/conformance/corpus"),
    }
}

/// Writes to the real stdout: the report must show even when the test harness captures output.
fn emit(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Loads the specs, starts the target and runs every YAML file whose path contains `filter`.
fn run_corpus(corpus: &Path, filter: &str) -> Result<Vec<TestResult>, String> {
    let mut specs = ApiRegistry::load_dir(&corpus.join(SPEC_DIR))?;
    specs.add_json(EXTRA_SPECS)?;
    let files: Vec<PathBuf> =
        yaml_tests(corpus)?.into_iter().filter(|f| relative(corpus, f).contains(filter)).collect();

    let (target, http) = Target::from_env()?;
    let info = http.get_json("/")?;
    let number = info.pointer("/version/number").and_then(Value::as_str).unwrap_or_default();
    let version = Version::parse(number).ok_or_else(|| format!("GET / reports no usable version: {info}"))?;
    emit(&format!(
        "conformance: {} files, {} API specs, target {} reporting Elasticsearch {number}\n",
        files.len(),
        specs.len(),
        target.describe()
    ));

    let mut runner = Runner { specs: &specs, http, target, version };
    let mut results = Vec::new();
    for path in &files {
        let file = relative(corpus, path);
        let parsed = std::fs::read_to_string(path).map_err(|e| e.to_string()).and_then(|text| suite::parse_file(&text));
        match parsed {
            Ok(suite) => {
                for (name, outcome) in runner.run_file(&suite, target::test_cluster_nodes(&file)) {
                    results.push(TestResult { file: file.clone(), name, outcome });
                }
            }
            Err(e) => {
                let outcome = Outcome::Skipped(SkipVerdict { category: "yaml".into(), reason: e });
                results.push(TestResult { file: file.clone(), name: "(whole file)".into(), outcome });
            }
        }
    }
    runner.finish()?;
    Ok(results)
}

/// Every `*.yml` below a `rest-api-spec/test` directory, sorted.
fn yaml_tests(corpus: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let mut pending = vec![corpus.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "yml")
                && relative(corpus, &path).contains("rest-api-spec/test/")
            {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// `path` relative to the corpus root, with `/` separators.
fn relative(corpus: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(corpus).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
