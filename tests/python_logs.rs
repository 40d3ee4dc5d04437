//! The Python-logs corpus (examples/python-logs/corpus): every documented JSON setup of
//! python-json-logger, structlog and loguru, shipped as Filebeat ships it, through the
//! python-logs pipeline and indexed under its template (`esops pipeline test`): every document
//! right or marked, none refused; and the KQL examples of the docs return every matching line.
//!
//! The golden test runs on the sandbox, or on a real cluster with `ESOPS_TEST_URL`; the others
//! read the committed files.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{TestCluster, esops};
use crate::pipeline::forget_pipelines;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn cases_dir() -> PathBuf {
    repo("policies/tests/python-logs")
}

/// The setups, by case name.
fn setups() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo("examples/python-logs/corpus/logs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().trim_end_matches(".log").to_string())
        .collect();
    names.sort();
    names
}

/// The documents the pipeline makes of a setup's lines (its golden file).
fn documents(setup: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(cases_dir().join(format!("{setup}.expected.json"))).unwrap();
    let expected: Vec<Value> = serde_json::from_str(&text).unwrap();
    expected.into_iter().map(|e| e["doc"].clone()).collect()
}

fn inputs(setup: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(cases_dir().join(format!("{setup}.input.ndjson"))).unwrap();
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn all_documents() -> Vec<Value> {
    setups().iter().flat_map(|s| documents(s)).collect()
}

const PIPELINES: [&str; 9] = [
    "python-logs-unparsed",
    "python-logs-empty",
    "python-logs-record",
    "python-logs-stdlib",
    "python-logs-structlog",
    "python-logs-loguru",
    "python-logs-loguru-traceback",
    "python-logs-normalize",
    "python-logs-failure",
];

#[test]
fn the_corpus_passes_its_golden_files_indexed_under_the_template() {
    let cluster = TestCluster::start();
    let outcome = esops().args(["pipeline", "test", "--put-nested"]).args([&repo("policies")]).against(&cluster).run();
    forget_pipelines(&cluster, &PIPELINES);
    let outcome = outcome.success();
    for setup in setups() {
        assert!(
            outcome.stdout.lines().any(|l| l.starts_with("  ok") && l.contains(&setup)),
            "{setup}: {}",
            outcome.stdout
        );
    }
    let lines: usize = setups().iter().map(|s| inputs(s).len()).sum();
    assert!(lines >= 300, "the corpus has {lines} lines");
    assert!(
        outcome.stdout.contains(&format!("{lines} documents: {lines} as expected, 0 differ")),
        "{}",
        outcome.stdout
    );
}

/// The inputs are the generated log files as Filebeat ships them: one event per line, the record
/// under `python` untouched (but Go's numbers), a line that is no JSON as `message`.
#[test]
fn every_line_of_every_setup_is_a_test_input_with_an_expected_document() {
    let setups = setups();
    assert!(setups.len() >= 15, "{setups:?}");
    for setup in setups {
        let log = std::fs::read_to_string(repo(&format!("examples/python-logs/corpus/logs/{setup}.log"))).unwrap();
        let lines: Vec<&str> = log.lines().collect();
        let inputs = inputs(&setup);
        assert_eq!(lines.len(), inputs.len(), "{setup}: regenerate with examples/python-logs/corpus/generate.py");
        for (line, input) in lines.iter().zip(&inputs) {
            // Filebeat's own fields never come from the record.
            assert_eq!(input["input"]["type"], "filestream", "{setup}");
            assert!(input["@timestamp"].as_str().unwrap().ends_with('Z'));
            match serde_json::from_str::<Value>(line) {
                Ok(Value::Object(record)) if !record.is_empty() => {
                    assert_eq!(input["python"].as_object().map(|p| p.len()), Some(record.len()), "{setup}: {line}");
                    assert!(input.get("message").is_none(), "{setup}: {line}");
                }
                _ => assert!(input["message"] == *line || input.get("python").is_none(), "{setup}: {line}"),
            }
        }
        assert_eq!(documents(&setup).len(), inputs.len(), "{setup}: one expected document per line");
    }
}

/// Nothing lost, nothing silently wrong: a document is either marked (event.kind, with the
/// reason) or has a UTC @timestamp, a level in one vocabulary and a message; nothing the
/// pipeline used is left behind, and every record key is either moved or kept under `python`.
#[test]
fn every_document_is_right_or_marked_with_the_reason() {
    let levels = ["TRACE", "DEBUG", "INFO", "SUCCESS", "NOTICE", "WARNING", "ERROR", "CRITICAL"];
    let mut marked = 0;
    for doc in all_documents() {
        assert!(doc.get("_tmp").is_none(), "{doc:#}");
        let at = doc["@timestamp"].as_str().unwrap();
        assert!(at.ends_with('Z') && chrono::DateTime::parse_from_rfc3339(at).is_ok(), "{at}");
        if doc["event"]["kind"] == "pipeline_error" {
            marked += 1;
            let reasons = doc["error"]["message"].as_array().expect("the reasons, a list");
            assert!(
                !reasons.is_empty() && reasons.iter().all(|r| r.as_str().is_some_and(|r| !r.is_empty())),
                "{doc:#}"
            );
            continue;
        }
        assert!(levels.contains(&doc["log"]["level"].as_str().unwrap_or("")), "{doc:#}");
        assert!(doc["message"].is_string(), "{doc:#}");
        assert!(doc["event"]["timezone"] == "Europe/Berlin", "{doc:#}");
        let python = doc["python"].as_object().unwrap();
        for consumed in ["asctime", "timestamp", "@timestamp", "levelname", "level", "exc_info", "text", "record"] {
            assert!(!python.contains_key(consumed), "{consumed} left in {doc:#}");
        }
        if let Some(trace) = doc["error"]["stack_trace"].as_str() {
            assert!(trace.contains("Traceback (most recent call last):"), "{trace}");
        }
    }
    assert!(marked > 0);
}

/// The scenario's exceptions, for every setup whose records carry them: the logged exception's
/// type and message, whatever the shape (string, lines, dict_tracebacks, loguru's record).
#[test]
fn exceptions_are_right_for_plain_chained_grouped_multi_line_and_structured_ones() {
    let expected: [(&str, &str, Option<&str>); 6] = [
        ("payment failed", "ZeroDivisionError", Some("division by zero")),
        ("chained exception", "ValueError", Some("card rejected")),
        ("exception during handling", "LookupError", Some("while handling: no fallback provider")),
        (
            "multi-line exception message",
            "ValueError",
            Some("first line of the reason\nsecond line: details\nthird line"),
        ),
        ("exception without a message", "RuntimeError", None),
        ("exception group", "ExceptionGroup", Some("all providers failed (3 sub-exceptions)")),
    ];
    let mut checked = 0;
    for setup in setups() {
        // The docs' custom loguru serializer writes no exception (its traceback follows as text).
        if setup == "loguru-patch-serializer" {
            continue;
        }
        let docs = documents(&setup);
        for (message, error_type, error_message) in expected {
            let doc = docs.iter().find(|d| d["message"] == message).unwrap_or_else(|| panic!("{setup}: {message}"));
            assert_eq!(doc["error"]["type"], error_type, "{setup}: {message}");
            match &doc["error"]["message"] {
                // Marked (python-json-logger formats without a time or a level): the reasons follow.
                Value::Array(all) => {
                    assert_eq!(doc["event"]["kind"], "pipeline_error", "{setup}: {message}");
                    if let Some(error_message) = error_message {
                        assert_eq!(all[0], error_message, "{setup}: {message}");
                    }
                }
                one => {
                    assert_eq!(one.as_str(), error_message, "{setup}: {message}");
                    assert_eq!(doc["log"]["level"], "ERROR", "{setup}: {message}");
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 16 * 6);
}

/// Every setup logs a record every 97 s across Europe/Berlin's spring-forward (2026-03-29
/// 01:00 UTC): zone-less local times (asctime, TimeStamper(utc=False)) read by the zone's name
/// come out 97 s apart across the change too, not an hour off on one side.
#[test]
fn records_written_across_a_daylight_saving_change_keep_their_spacing() {
    for setup in setups() {
        let times: Vec<i64> = documents(&setup)
            .iter()
            .filter(|d| d["event"]["kind"] != "pipeline_error" && d["python"].is_object())
            .map(|d| chrono::DateTime::parse_from_rfc3339(d["@timestamp"].as_str().unwrap()).unwrap().timestamp())
            .collect();
        if times.is_empty() {
            continue; // python-json-logger's default format: no time of its own (marked)
        }
        assert!(times.first() < Some(&1_774_746_000) && times.last() > Some(&1_774_746_000), "{setup}: {times:?}");
        for pair in times.windows(2) {
            let gap = pair[1] - pair[0];
            assert!(gap % 97 <= 1 || gap % 97 == 96, "{setup}: {gap} s between records: {times:?}");
        }
    }
}

/// The KQL examples of docs/src/python-logs.md (its "Kibana queries" table) find exactly the
/// corpus lines they claim: every matching line, under the field types the template declares.
#[test]
fn the_documented_kql_examples_return_every_matching_line_of_the_corpus() {
    let doc = std::fs::read_to_string(repo("docs/src/python-logs.md")).unwrap();
    let rows: Vec<(String, usize)> = doc
        .lines()
        .skip_while(|l| !l.starts_with("| KQL |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells[1].trim_matches('`').to_string(), cells[2].parse().unwrap())
        })
        .collect();
    assert!(rows.len() >= 10, "{rows:?}");
    let docs = all_documents();
    for (query, claimed) in rows {
        let hits = docs.iter().filter(|d| kql::matches(&query, d)).count();
        assert_eq!(hits, claimed, "{query}");
        assert!(hits > 0, "{query} finds nothing");
    }
}

/// KQL as Kibana turns it into a query, for the field types of python-logs-templates.yaml:
/// `match_only_text` fields match phrases of lower-cased words; keyword and `flattened` leaves
/// match their exact text (a number's too: `python.status: 200`); `duration`/`amount` compare
/// as numbers. Clauses joined by `and`, each maybe negated by `not`; `*` ends a prefix.
mod kql {
    use serde_json::Value;

    const TEXT: [&str; 2] = ["message", "error.message"];
    const NUMERIC: [&str; 2] = ["duration", "amount"];

    pub fn matches(query: &str, doc: &Value) -> bool {
        query.split(" and ").all(|clause| match clause.strip_prefix("not ") {
            Some(clause) => !clause_matches(clause, doc),
            None => clause_matches(clause, doc),
        })
    }

    fn clause_matches(clause: &str, doc: &Value) -> bool {
        for op in [">=", "<=", ">", "<"] {
            if let Some((field, bound)) = clause.split_once(&format!(" {op} ")) {
                let bound: f64 = bound.trim().parse().unwrap();
                return leaves(doc, field.trim()).into_iter().filter_map(Value::as_f64).any(|v| match op {
                    ">=" => v >= bound,
                    "<=" => v <= bound,
                    ">" => v > bound,
                    _ => v < bound,
                });
            }
        }
        let (field, value) = clause.split_once(':').unwrap_or_else(|| panic!("not a KQL clause: {clause}"));
        let (field, value) = (field.trim(), value.trim());
        let quoted = value.starts_with('"');
        let value = value.trim_matches('"');
        leaves(doc, field).iter().any(|leaf| {
            let text = match leaf {
                Value::String(s) => s.clone(),
                Value::Null => return false,
                other => other.to_string(),
            };
            if TEXT.contains(&field) {
                let words = |s: &str| -> Vec<String> {
                    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
                };
                let (have, want) = (words(&text), words(value));
                have.windows(want.len().max(1)).any(|w| w == want.as_slice())
            } else if NUMERIC.contains(&field) {
                leaf.as_f64() == value.parse().ok()
            } else if let Some(prefix) = value.strip_suffix('*').filter(|_| !quoted) {
                text.starts_with(prefix)
            } else {
                text == value
            }
        })
    }

    /// The values at a dotted path, through objects and arrays (as ES reads `a.b` in both).
    fn leaves<'a>(doc: &'a Value, path: &str) -> Vec<&'a Value> {
        let mut current = vec![doc];
        for part in path.split('.') {
            current = current
                .into_iter()
                .flat_map(|v| match v {
                    Value::Array(items) => items.iter().collect::<Vec<_>>(),
                    other => vec![other],
                })
                .filter_map(|v| v.get(part))
                .collect();
        }
        current
            .into_iter()
            .flat_map(|v| match v {
                Value::Array(items) => items.iter().collect::<Vec<_>>(),
                other => vec![other],
            })
            .collect()
    }
}
