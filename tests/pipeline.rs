//! `esops pipeline test`: mismatches and `--update`, outputs the template's mappings refuse,
//! nested pipelines on a cluster, `--from-cluster`, and `validate` on test case files (the
//! python-logs golden files: `python_logs`).
//!
//! Runs on the sandbox, or on a real cluster with `ESOPS_TEST_URL` (see
//! docs/src/commands/pipeline-test.md): the golden files must pass unchanged on both.

use std::path::{Path, PathBuf};

use crate::common::{TestCluster, esops, write_file};
use serde_json::Value;

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Removes what `--put-nested` stored on a real cluster (a sandbox goes away by itself).
pub(crate) fn forget_pipelines(cluster: &TestCluster, names: &[&str]) {
    if cluster.is_real() && cluster.url().starts_with("http://") {
        for name in names {
            let _ = cluster.raw("DELETE", &format!("/_ingest/pipeline/{name}"), None);
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
