//! `esops pipeline test`: the python-logs golden files (every sample line of every library and
//! the error cases), mismatches and `--update`, nested pipelines on a cluster, `--from-cluster`,
//! and `validate` on test case files.
//!
//! Runs on the sandbox, or on a real cluster with `ESOPS_TEST_URL` (see
//! docs/src/commands/pipeline-test.md): the golden files must pass unchanged on both.

use std::path::{Path, PathBuf};

use crate::common::{TestCluster, esops, write_file};
use serde_json::Value;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn cases_dir() -> PathBuf {
    repo("policies/tests/python-logs")
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Removes what `--put-nested` stored on a real cluster (a sandbox goes away by itself).
fn forget_pipelines(cluster: &TestCluster, names: &[&str]) {
    if cluster.is_real() && cluster.url().starts_with("http://") {
        for name in names {
            let _ = cluster.raw("DELETE", &format!("/_ingest/pipeline/{name}"), None);
        }
    }
}

#[test]
fn the_python_logs_golden_files_pass() {
    let cluster = TestCluster::start();
    let outcome = esops().args(["pipeline", "test", "--put-nested"]).args([&repo("policies")]).against(&cluster).run();
    forget_pipelines(&cluster, &["python-logs-loguru", "python-logs-failure"]);
    let outcome = outcome.success();
    for case in ["edge-cases", "loguru", "python-json-logger", "structlog"] {
        assert!(outcome.stdout.lines().any(|l| l.starts_with("  ok") && l.contains(case)), "{}", outcome.stdout);
    }
    assert!(outcome.stdout.contains("23 documents: 23 as expected, 0 differ"), "{}", outcome.stdout);
}

/// The test inputs are the samples as Filebeat ships them: one document per sample line, with
/// the line's keys at the root (or, for a line that is no JSON, the line as `message`).
#[test]
fn every_sample_line_of_every_library_is_a_test_input_with_expected_results() {
    let samples = repo("examples/python-logs/samples");
    let mut names: Vec<String> = std::fs::read_dir(&samples)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().trim_end_matches(".jsonl").to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["edge-cases", "loguru", "python-json-logger", "structlog"]);
    for name in names {
        let lines = std::fs::read_to_string(samples.join(format!("{name}.jsonl"))).unwrap();
        let inputs = std::fs::read_to_string(cases_dir().join(format!("{name}.input.ndjson"))).unwrap();
        let inputs: Vec<Value> = inputs.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let lines: Vec<&str> = lines.lines().collect();
        assert_eq!(lines.len(), inputs.len(), "{name}: regenerate with examples/python-logs/generate-samples.sh");
        for (line, input) in lines.iter().zip(&inputs) {
            match serde_json::from_str::<Value>(line) {
                Ok(Value::Object(record)) => {
                    for (key, value) in record {
                        assert_eq!(input.get(&key), Some(&value), "{name}: {key} of {line}");
                    }
                }
                _ => assert_eq!(input["message"], *line, "{name}"),
            }
        }
        let expected = read_json(&cases_dir().join(format!("{name}.expected.json")));
        assert_eq!(expected.as_array().map(Vec::len), Some(inputs.len()), "{name}: one expected result per line");
    }
}

/// What the error cases must come out as: every document survives (no `error` entry), and what
/// went wrong is on it. The golden test above proves the pipeline produces exactly this.
#[test]
fn documents_survive_failures_with_the_failure_recorded() {
    let expected = read_json(&cases_dir().join("edge-cases.expected.json"));
    let docs: Vec<&Value> = expected.as_array().unwrap().iter().map(|e| &e["doc"]).collect();
    assert!(docs.iter().all(|d| d.is_object()), "a document was lost: {expected:#}");
    // A line that is no JSON: Filebeat's error kept, the line searchable as the message.
    assert_eq!(docs[0]["message"], "Traceback (most recent call last):");
    assert_eq!(docs[0]["error"]["type"], "json");
    // A timestamp in a format nobody configured: Filebeat's @timestamp kept, the failure recorded.
    assert_eq!(docs[1]["event"]["kind"], "pipeline_error");
    assert_eq!(
        docs[1]["error"]["message"][0],
        "date processor record-time failed: unable to parse date [15/03/2025 10:30]"
    );
    assert!(docs[1]["@timestamp"].is_string());
    // Values that would conflict with the numeric mappings: dropped, recorded.
    assert_eq!(docs[2]["event"]["kind"], "pipeline_error");
    assert!(docs[2].get("duration").is_none() && docs[2].get("amount").is_none());
    assert_eq!(
        docs[2]["error"]["message"][0],
        "convert processor duration-to-number failed: unable to convert [1.5s] to float"
    );
    // A string `error` extra where ECS has an object: moved into error.message.
    assert_eq!(docs[4]["error"]["message"], "ReadTimeout: no answer after 30s");
    assert_eq!(docs[4]["log"]["level"], "ERROR");
}

/// The KQL queries of the walkthrough rely on these fields being alike for all three libraries.
#[test]
fn the_three_libraries_come_out_in_one_schema() {
    for name in ["python-json-logger", "structlog", "loguru"] {
        let expected = read_json(&cases_dir().join(format!("{name}.expected.json")));
        let docs: Vec<&Value> = expected.as_array().unwrap().iter().map(|e| &e["doc"]).collect();
        let order = docs[0];
        assert_eq!(order["log"]["level"], "INFO", "{name}");
        assert_eq!(order["order_id"], "ORD-123", "{name}");
        assert_eq!(order["duration"], 153.2, "{name}");
        assert_eq!(order["amount"], 42.5, "{name}");
        assert_eq!(order["trace"]["id"], "c0ffee00-0000-4000-8000-000000000001", "{name}");
        assert!(order["service"]["name"].is_string(), "{name}");
        assert!(order["log"]["logger"].is_string(), "{name}");
        assert_eq!(docs[1]["duration"], 1204.0, "{name}");
        let failed = docs[3];
        assert_eq!(failed["log"]["level"], "ERROR", "{name}");
        assert_eq!(failed["error"]["type"], "ZeroDivisionError", "{name}");
        assert_eq!(failed["error"]["message"], "division by zero", "{name}");
        let trace = failed["error"]["stack_trace"].as_str().unwrap();
        assert!(
            trace.starts_with("Traceback (most recent call last):\n") && trace.ends_with("division by zero"),
            "{name}"
        );
        assert_eq!(docs[4]["message"], "Bestellung bestätigt für Zoë — 東京 ✓ 🚚", "{name}");
        assert!(docs[5]["message"].as_str().unwrap().len() > 5000, "{name}");
        for doc in &docs {
            let at = doc["@timestamp"].as_str().unwrap();
            assert!(chrono::DateTime::parse_from_rfc3339(at).is_ok(), "{name}: {at}");
            assert!(doc.get("_tmp").is_none() && doc.get("record").is_none() && doc.get("asctime").is_none());
        }
    }
}

/// A small tree of its own: pipeline `{p}-levels` calls `{p}-upper`, one case of two documents.
fn small_tree(dir: &Path, p: &str) -> PathBuf {
    let tree = dir.join("tree");
    write_file(
        &tree,
        "pipelines.yaml",
        &format!(
            "kind: ingest_pipeline\nname: {p}-levels\nprocessors:\n  - pipeline: {{name: {p}-upper}}\n  - set: {{field: seen, value: true}}\n---\nkind: ingest_pipeline\nname: {p}-upper\nprocessors:\n  - uppercase: {{field: level}}\n"
        ),
    );
    write_file(
        &tree,
        &format!("tests/{p}-levels/basic.input.ndjson"),
        "{\"level\": \"info\"}\n{\"level\": \"error\"}\n",
    );
    write_file(
        &tree,
        &format!("tests/{p}-levels/basic.expected.json"),
        "[\n  {\"doc\": {\"level\": \"INFO\", \"seen\": true}},\n  {\"doc\": {\"level\": \"ERROR\", \"seen\": true}}\n]\n",
    );
    tree
}

#[test]
fn a_mismatch_exits_1_with_a_readable_diff_and_update_rewrites_the_expected_file() {
    let dir = tempfile::tempdir().unwrap();
    let tree = small_tree(dir.path(), "mm");
    let expected_path = tree.join("tests/mm-levels/basic.expected.json");
    let good = std::fs::read_to_string(&expected_path).unwrap();
    std::fs::write(&expected_path, good.replace("\"ERROR\"", "\"WARN\"").replace(", \"seen\": true}}\n]", "}}\n]"))
        .unwrap();
    let outcome = esops().args(["--sandbox", "pipeline", "test"]).args([&tree]).run().failure();
    let input = tree.join("tests/mm-levels/basic.input.ndjson");
    assert!(
        outcome.stdout.contains("  FAIL basic: 1 of 2 documents differ (- expected, + actual)"),
        "{}",
        outcome.stdout
    );
    assert!(outcome.stdout.contains(&format!("    {}:2\n", input.display())), "{}", outcome.stdout);
    assert!(outcome.stdout.contains("      ~ level: \"WARN\" → \"ERROR\"\n"), "{}", outcome.stdout);
    assert!(outcome.stdout.contains("      + seen: true (not expected)\n"), "{}", outcome.stdout);
    assert!(outcome.stdout.contains("2 documents: 1 as expected, 1 differ"), "{}", outcome.stdout);

    esops().args(["--sandbox", "pipeline", "test", "--update"]).args([&tree]).run().success().stdout_has("updated");
    let rewritten = read_json(&expected_path);
    assert_eq!(rewritten, serde_json::from_str::<Value>(&good).unwrap());
    esops().args(["--sandbox", "pipeline", "test"]).args([&tree]).run().success().stdout_has("  ok   basic");
}

/// The lost log line: `status` logged as `200`, then as `"timeout"`. `_simulate` passes
/// both, but the template maps `status` as `long`, so a real cluster refuses the second: with
/// `--sandbox` the outputs are indexed under the declared template and the test fails with ES's
/// error, which `--update` cannot paper over.
#[test]
fn an_output_the_template_mapping_refuses_fails_the_test() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
    write_file(
        &tree,
        "tree.yaml",
        "kind: ingest_pipeline\nname: mapped\nprocessors:\n  - set: {field: seen, value: true}\n---\n\
         kind: component_template\nname: mapped-settings\ntemplate:\n  settings:\n    index:\n      default_pipeline: mapped\n---\n\
         kind: index_template\nname: mapped\nindex_patterns: [mapped-*]\ncomposed_of: [mapped-settings]\npriority: 100\n\
         template:\n  mappings:\n    properties:\n      status: {type: long}\n",
    );
    write_file(&tree, "tests/mapped/basic.input.ndjson", "{\"status\": 200}\n{\"status\": \"timeout\"}\n");
    write_file(
        &tree,
        "tests/mapped/basic.expected.json",
        "[\n  {\"doc\": {\"status\": 200, \"seen\": true}},\n  {\"doc\": {\"status\": \"timeout\", \"seen\": true}}\n]\n",
    );
    for update in [false, true] {
        let flags: &[&str] = if update { &["--update"] } else { &[] };
        let outcome = esops().args(["--sandbox", "pipeline", "test"]).args(flags).args([&tree]).run().failure();
        let input = tree.join("tests/mapped/basic.input.ndjson");
        assert!(outcome.stderr.contains("outputs are indexed into mapped-esops-pipeline-test"), "{}", outcome.stderr);
        assert!(
            outcome.stdout.contains("  FAIL basic: 1 of 2 documents refused by the index mappings"),
            "{}",
            outcome.stdout
        );
        assert!(outcome.stdout.contains(&format!("    {}:2\n", input.display())), "{}", outcome.stdout);
        assert!(
            outcome.stdout.contains("failed to parse field [status] of type [long]")
                && outcome
                    .stdout
                    .contains("Preview of field's value: 'timeout' (caused by: For input string: \"timeout\")"),
            "{}",
            outcome.stdout
        );
        assert!(
            outcome.stdout.contains("2 documents: 1 as expected, 1 differ; 1 refused by the index mappings"),
            "{}",
            outcome.stdout
        );
    }
}

/// On a cluster (not a fresh sandbox) nothing is stored: the called pipeline must already be
/// there as declared, and `--from-cluster` tests what is stored.
#[test]
fn on_a_cluster_called_pipelines_must_be_applied_first() {
    let cluster = TestCluster::start();
    let dir = tempfile::tempdir().unwrap();
    let tree = small_tree(dir.path(), "nested-esops-test");
    let test = || esops().args(["pipeline", "test"]).args([&tree]).against(&cluster);
    test()
        .run()
        .failure()
        .stderr_has("nested-esops-test-levels calls pipelines that the cluster does not hold as declared: nested-esops-test-upper (not on the cluster)")
        .stderr_has("--put-nested");
    esops().args(["apply", "--yes"]).args([&tree]).against(&cluster).run().success();
    let passed = test().run();
    let from_cluster = test().args(["--from-cluster"]).run();
    forget_pipelines(&cluster, &["nested-esops-test-levels", "nested-esops-test-upper"]);
    passed.success().stdout_has("  ok   basic");
    from_cluster.success().stdout_has("2 documents: 2 as expected, 0 differ");
}

#[test]
fn validate_reports_broken_test_case_files_at_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let tree = small_tree(dir.path(), "broken");
    let input =
        write_file(&tree, "tests/broken-levels/basic.input.ndjson", "{\"level\": \"info\"}\n{\"level\": info}\n");
    write_file(&tree, "tests/broken-levels/notes.txt", "about these cases");
    let outcome = esops().args(["validate"]).args([&tree]).run().failure();
    outcome
        .stderr_has(&format!("{}:2:11: invalid JSON: expected value", input.display()))
        .stderr_has("notes.txt:1:1: not a test case file of ingest_pipeline/broken-levels")
        .stderr_has("2 resources, 1 error, 1 warning");
    // The tree itself is fine: a broken test does not block apply or plan.
    esops().args(["--sandbox", "plan"]).args([&tree]).run().success();
}
