//! Where a pipeline's test cases live and what they hold.
//!
//! Next to the file that declares ingest pipeline NAME, the folder `tests/NAME/` holds cases:
//!
//! - `CASE.input.ndjson`: the documents, one `_source` per line, as the shipper sends them;
//! - `CASE.expected.json`: what the pipeline makes of them, a JSON array with one entry per input
//!   line ([`super::golden`] describes the entries), written by `esops pipeline test --update`.
//!
//! The case files are JSON, not YAML, so that the config tree's loader (every `*.yaml` below a
//! folder) never takes them for resources.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde_json::Value;

use super::golden;
use crate::resources::schema::json_type;
use crate::resources::{Code, DeclaredResource, Diagnostic, Location, ResourceKind};

/// Ending of input files.
pub const INPUT_SUFFIX: &str = ".input.ndjson";
/// Ending of expected-result files.
pub const EXPECTED_SUFFIX: &str = ".expected.json";

/// The folder of the test cases of `pipeline`, declared in the file `declared_in`.
pub fn cases_dir(declared_in: &Path, pipeline: &str) -> PathBuf {
    declared_in.parent().unwrap_or(Path::new("")).join("tests").join(pipeline)
}

/// The files of one case, as found on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFiles {
    /// `CASE`.
    pub name: String,
    /// `CASE.input.ndjson`.
    pub input_path: PathBuf,
    /// Its text; `None` when only the expected file exists.
    pub input: Option<String>,
    /// `CASE.expected.json`.
    pub expected_path: PathBuf,
    /// Its text; `None` before the first `--update`.
    pub expected: Option<String>,
}

/// The cases in `dir` (none when it does not exist), sorted by name, and the files in it that
/// belong to no case.
pub fn read_case_files(dir: &Path) -> anyhow::Result<(Vec<CaseFiles>, Vec<PathBuf>)> {
    if !dir.is_dir() {
        return Ok((Vec::new(), Vec::new()));
    }
    let mut names = std::collections::BTreeSet::new();
    let mut strays = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with('.') {
            continue;
        }
        match file_name.strip_suffix(INPUT_SUFFIX).or_else(|| file_name.strip_suffix(EXPECTED_SUFFIX)) {
            Some(case) if !case.is_empty() => {
                names.insert(case.to_string());
            }
            _ => strays.push(entry.path()),
        }
    }
    strays.sort();
    let read = |path: &Path| -> anyhow::Result<Option<String>> {
        // Absent is "no such file yet"; anything present must be a readable regular file.
        if fs::symlink_metadata(path).is_err() {
            return Ok(None);
        }
        crate::resources::input::read_text_file(path).map(Some)
    };
    let cases = names
        .into_iter()
        .map(|name| {
            let input_path = dir.join(format!("{name}{INPUT_SUFFIX}"));
            let expected_path = dir.join(format!("{name}{EXPECTED_SUFFIX}"));
            Ok(CaseFiles {
                input: read(&input_path)?,
                expected: read(&expected_path)?,
                name,
                input_path,
                expected_path,
            })
        })
        .collect::<anyhow::Result<_>>()?;
    Ok((cases, strays))
}

/// One input document and the line it is on.
#[derive(Debug, Clone, PartialEq)]
pub struct InputDocument {
    /// Line in the input file, from 1.
    pub line: usize,
    /// The `_source`.
    pub source: Value,
}

/// A case that can run.
#[derive(Debug, Clone, PartialEq)]
pub struct TestCase {
    /// `CASE`.
    pub name: String,
    /// The input file.
    pub input_path: PathBuf,
    /// The expected-result file (which may not exist yet).
    pub expected_path: PathBuf,
    /// The documents, in file order.
    pub documents: Vec<InputDocument>,
    /// The expected results, one per document; `None` when there is no expected file yet.
    pub expected: Option<Vec<Value>>,
}

/// Reads a case. Problems come back as diagnostics at `file:line:column`; the case is `None`
/// when it cannot run (an error). A missing expected file is only a warning: `--update` makes it.
pub fn parse_case(files: &CaseFiles) -> (Option<TestCase>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let at = |path: &Path, line: usize, column: usize| Location { file: path.to_path_buf(), line, column };
    let Some(input) = &files.input else {
        problems.push(
            Diagnostic::error(
                Code::PipelineTestCase,
                at(&files.expected_path, 1, 1),
                format!("expected results without input: there is no {}", files.input_path.display()),
            )
            .hint("add the input documents, one JSON object per line, or delete the expected file"),
        );
        return (None, problems);
    };
    let mut documents = Vec::new();
    for (i, line) in input.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        match serde_json::from_str::<Value>(line) {
            Ok(source @ Value::Object(_)) => documents.push(InputDocument { line: i + 1, source }),
            Ok(other) => problems.push(Diagnostic::error(
                Code::PipelineTestCase,
                at(&files.input_path, i + 1, 1),
                format!("a document must be a JSON object, not {}", json_type(&other)),
            )),
            Err(e) => problems.push(
                Diagnostic::error(
                    Code::PipelineTestCase,
                    at(&files.input_path, i + 1, e.column().max(1)),
                    format!("invalid JSON: {}", without_position(&e)),
                )
                .hint("each line of an input file is one document (`_source`), a complete JSON object"),
            ),
        }
    }
    if documents.is_empty() && problems.is_empty() {
        problems.push(Diagnostic::error(
            Code::PipelineTestCase,
            at(&files.input_path, 1, 1),
            "no documents: write one JSON object per line",
        ));
    }
    let expected = match &files.expected {
        None => {
            problems.push(
                Diagnostic::warning(
                    Code::PipelineTestCase,
                    at(&files.input_path, 1, 1),
                    format!("no expected results yet ({})", files.expected_path.display()),
                )
                .hint("`esops pipeline test --update` writes them; review them before committing"),
            );
            None
        }
        // Counts are only compared with inputs that read cleanly: one broken line is one error.
        Some(text) => {
            let documents = problems.is_empty().then_some(documents.len());
            parse_expected(&files.expected_path, text, documents, &mut problems)
        }
    };
    if problems.iter().any(Diagnostic::is_error) {
        return (None, problems);
    }
    let case = TestCase {
        name: files.name.clone(),
        input_path: files.input_path.clone(),
        expected_path: files.expected_path.clone(),
        documents,
        expected,
    };
    (Some(case), problems)
}

fn parse_expected(
    path: &Path,
    text: &str,
    documents: Option<usize>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Vec<Value>> {
    let at = |line: usize, column: usize| Location { file: path.to_path_buf(), line, column };
    let entries = match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(entries)) => entries,
        Ok(other) => {
            problems.push(Diagnostic::error(
                Code::PipelineTestCase,
                at(1, 1),
                format!(
                    "expected results must be a JSON array (one entry per input document), not {}",
                    json_type(&other)
                ),
            ));
            return None;
        }
        Err(e) => {
            problems.push(
                Diagnostic::error(
                    Code::PipelineTestCase,
                    at(e.line().max(1), e.column().max(1)),
                    format!("invalid JSON: {}", without_position(&e)),
                )
                .hint("`esops pipeline test --update` rewrites the file from what the pipeline does now"),
            );
            return None;
        }
    };
    let before = problems.len();
    for (i, entry) in entries.iter().enumerate() {
        if let Err(problem) = golden::check_entry(entry) {
            problems.push(Diagnostic::error(Code::PipelineTestCase, at(1, 1), format!("entry [{i}]: {problem}")));
        }
    }
    if let Some(documents) = documents.filter(|n| *n != entries.len()) {
        problems.push(
            Diagnostic::error(
                Code::PipelineTestCase,
                at(1, 1),
                format!("{} expected results for {documents} input documents", entries.len()),
            )
            .hint("`esops pipeline test --update` rewrites the file from what the pipeline does now"),
        );
    }
    (problems.len() == before).then_some(entries)
}

/// serde_json's message without its " at line L column C" (the location is reported apart).
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// The test cases of every pipeline of a tree that has a tests folder, checked: for
/// `esops validate`. Files in such a folder that belong to no case are warned about.
pub fn check_tree_cases(resources: &[DeclaredResource]) -> anyhow::Result<Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    for pipeline in resources.iter().filter(|r| r.kind == ResourceKind::IngestPipeline) {
        let dir = cases_dir(&pipeline.location.file, &pipeline.name);
        let (cases, strays) = read_case_files(&dir)?;
        for case in &cases {
            diagnostics.extend(parse_case(case).1);
        }
        for stray in strays {
            diagnostics.push(
                Diagnostic::warning(
                    Code::PipelineTestCase,
                    Location { file: stray, line: 1, column: 1 },
                    format!("not a test case file of ingest_pipeline/{}", pipeline.name),
                )
                .hint(format!("test cases are CASE{INPUT_SUFFIX} and CASE{EXPECTED_SUFFIX}")),
            );
        }
    }
    Ok(diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(input: Option<&str>, expected: Option<&str>) -> CaseFiles {
        CaseFiles {
            name: "c".into(),
            input_path: "t/c.input.ndjson".into(),
            input: input.map(str::to_string),
            expected_path: "t/c.expected.json".into(),
            expected: expected.map(str::to_string),
        }
    }

    fn messages(diagnostics: &[Diagnostic]) -> Vec<String> {
        diagnostics.iter().map(|d| format!("{:?} {d}", d.severity)).collect()
    }

    #[test]
    fn a_case_is_its_documents_with_their_lines_and_its_expected_results() {
        let (case, problems) =
            parse_case(&files(Some("{\"a\": 1}\n\n{\"b\": 2}\n"), Some(r#"[{"doc": {}}, {"dropped": true}]"#)));
        assert!(problems.is_empty(), "{problems:?}");
        let case = case.unwrap();
        assert_eq!(case.documents.iter().map(|d| d.line).collect::<Vec<_>>(), [1, 3]);
        assert_eq!(case.expected.unwrap().len(), 2);
    }

    #[test]
    fn broken_lines_are_reported_at_their_line_and_column() {
        let (case, problems) = parse_case(&files(Some("{\"a\": 1}\n{\"b\": }\n[1]\n"), None));
        assert!(case.is_none());
        assert_eq!(
            messages(&problems),
            [
                "Error t/c.input.ndjson:2:7: invalid JSON: expected value",
                "Error t/c.input.ndjson:3:1: a document must be a JSON object, not an array",
                "Warning t/c.input.ndjson:1:1: no expected results yet (t/c.expected.json)",
            ]
        );
    }

    #[test]
    fn expected_files_must_match_the_inputs() {
        let (_, problems) = parse_case(&files(Some("{}\n"), Some("[\n  {\"doc\": {}},\n  {\"doc\": ")));
        assert_eq!(messages(&problems), ["Error t/c.expected.json:3:10: invalid JSON: EOF while parsing a value"]);
        let (_, problems) = parse_case(&files(Some("{}\n"), Some(r#"[{"doc": {}}, {"doc": {}}]"#)));
        assert_eq!(messages(&problems), ["Error t/c.expected.json:1:1: 2 expected results for 1 input documents"]);
        let (_, problems) = parse_case(&files(Some("{}\n"), Some(r#"[{"source": {}}]"#)));
        assert_eq!(
            messages(&problems),
            [
                "Error t/c.expected.json:1:1: entry [0]: must be {\"doc\": …}, {\"error\": {\"type\", \"reason\"}} or {\"dropped\": true}"
            ]
        );
        let (_, problems) = parse_case(&files(None, Some("[]")));
        assert_eq!(
            messages(&problems),
            ["Error t/c.expected.json:1:1: expected results without input: there is no t/c.input.ndjson"]
        );
    }
}
