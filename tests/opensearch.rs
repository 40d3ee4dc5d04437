//! `esops render --target opensearch` and `validate --target opensearch`: ILM policies as ISM
//! policies, templates without ILM settings, refusals at file:line, and the `ism_policy` kind.
//! Offline: no request is sent, so these run the same with `ESOPS_TEST_URL` set.

use std::path::Path;

use serde_json::{Value, json};

use crate::common::{esops, write_file};

fn shipped_policies() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("policies")
}

/// The shipped tree renders for OpenSearch: its ILM policy becomes an ISM policy attached to the
/// template's patterns, and no ILM setting reaches OpenSearch (which refuses unknown settings).
#[test]
fn the_shipped_tree_renders_as_an_ism_policy() {
    let out =
        esops().args(["render", "--target", "opensearch", "-o", "json"]).args([shipped_policies()]).run().success();
    let requests: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let ism = requests.iter().find(|r| r["kind"] == "ism_policy").expect("an ism_policy request");
    assert_eq!(ism["path"], "/_plugins/_ism/policies/python-logs");
    let policy = &ism["body"]["policy"];
    assert_eq!(policy["default_state"], "hot");
    assert_eq!(policy["ism_template"], json!([{"index_patterns": ["python-logs-*"], "priority": 200}]));
    let warm = &policy["states"][1];
    assert_eq!(warm["name"], "warm");
    assert_eq!(
        warm["actions"],
        json!([{"index_priority": {"priority": 50}}, {"force_merge": {"max_num_segments": 1}}])
    );
    assert_eq!(warm["transitions"], json!([{"state_name": "cold", "conditions": {"min_index_age": "30d"}}]));
    let template = requests.iter().find(|r| r["name"] == "python-logs-settings").unwrap();
    let settings = serde_json::to_string(&template["body"]["template"]["settings"]).unwrap();
    assert!(!settings.contains("lifecycle"), "no index.lifecycle.* setting is sent to OpenSearch: {settings}");
    assert!(settings.contains("number_of_shards"), "other settings stay: {settings}");
    assert!(!out.stdout.contains("/_ilm/"), "no ILM request either");
    // The ISM policy goes before the template that makes the indices it attaches to.
    let order: Vec<&str> = requests.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    let position = |k: &str| order.iter().position(|o| *o == k).unwrap();
    assert!(position("ism_policy") < position("index_template"), "{order:?}");
    // Without --target, the same tree is Elasticsearch's.
    esops().args(["render"]).args([shipped_policies()]).run().success().stdout_has("path: /_ilm/policy/python-logs\n");
}

#[test]
fn validate_for_opensearch_refuses_what_ism_cannot_do_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(
        dir.path(),
        "policy.yaml",
        "kind: ilm_policy\nname: logs\nphases:\n  hot: 7d\n  warm: {until: 30d, shrink: 1}\n  delete: {wait_for_snapshot: nightly}\n",
    );
    let out = esops().args(["validate", "--target", "opensearch"]).args([&file]).run().failure();
    let shown = file.display().to_string();
    assert!(out.stderr.contains(&format!("{shown}:5:22: ")), "{}", out.stderr);
    assert!(out.stderr.contains("ILM's shrink has no faithful ISM equivalent"), "{}", out.stderr);
    assert!(out.stderr.contains(&format!("{shown}:6:12: ")), "{}", out.stderr);
    assert!(out.stderr.contains("wait_for_snapshot has no ISM equivalent"), "{}", out.stderr);
    assert!(out.stderr.contains("2 errors"), "{}", out.stderr);
    // Machine-readable, with a stable code.
    let json = esops().args(["validate", "--target", "opensearch", "-o", "json"]).args([&file]).run().failure();
    let diagnostics: Vec<Value> = serde_json::from_str(&json.stdout).unwrap();
    assert!(diagnostics.iter().all(|d| d["code"] == "opensearch-untranslatable"), "{diagnostics:?}");
    // The same tree is valid for Elasticsearch, and render refuses it for OpenSearch.
    esops().args(["validate"]).args([&file]).run().success();
    esops().args(["render", "--target", "opensearch"]).args([&file]).run().failure().stderr_has("shrink");
}

#[test]
fn an_ism_policy_is_checked_offline_and_belongs_to_opensearch() {
    let dir = tempfile::tempdir().unwrap();
    let good = "kind: ism_policy\nname: hot-delete\npolicy:\n  description: roll daily, delete after 30 days\n  default_state: hot\n  states:\n    - name: hot\n      actions: [{rollover: {min_index_age: 1d}}]\n      transitions: [{state_name: delete, conditions: {min_rollover_age: 30d}}]\n    - name: delete\n      actions: [{delete: {}}]\n  ism_template: [{index_patterns: [app-*], priority: 10}]\n";
    let file = write_file(dir.path(), "ism.yaml", good);
    let out = esops().args(["render", "--target", "opensearch"]).args([&file]).run().success();
    assert!(out.stdout.contains("path: /_plugins/_ism/policies/hot-delete\n"), "{}", out.stdout);
    assert!(!out.stdout.contains("_meta"), "ISM policies refuse _meta: {}", out.stdout);
    esops()
        .args(["validate"])
        .args([&file])
        .run()
        .failure()
        .stderr_has(&format!("{}:2:7: ", file.display()))
        .stderr_has("an ism_policy is an OpenSearch resource");
    let bad = write_file(dir.path(), "bad.yaml", &good.replace("state_name: delete", "state_name: deleet"));
    esops()
        .args(["validate", "--target", "opensearch"])
        .args([&bad])
        .run()
        .failure()
        .stderr_has(&format!("{}:9:34: ", bad.display()))
        .stderr_has("state_name `deleet` names no state of this policy")
        .stderr_has("did you mean `delete`?");
}
