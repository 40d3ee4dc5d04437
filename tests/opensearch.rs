//! OpenSearch: `esops render --target opensearch` and `validate --target opensearch` (offline:
//! ILM policies as ISM policies, templates without ILM settings, refusals at file:line, the
//! `ism_policy` kind), the sandbox's OpenSearch profile (`GET /`, ISM's API and runner), and
//! plan/apply/export against it.
//!
//! The online tests run on `ESOPS_TEST_URL` when it is an OpenSearch cluster (and skip on an
//! Elasticsearch one); tests that move the sandbox's clock always run on a sandbox.

use std::path::Path;

use serde_json::{Value, json};

use crate::common::{TestCluster, esops, write_file};
use es_sandbox::SandboxConfig;
use es_sandbox::opensearch::OpenSearchVersion;

/// A fresh OpenSearch sandbox whose clock only moves when told.
fn opensearch_sandbox() -> TestCluster {
    TestCluster::sandbox(SandboxConfig {
        opensearch: Some(OpenSearchVersion::DEFAULT),
        start_millis: Some(1_765_000_000_000),
        frozen_clock: true,
        ..SandboxConfig::default()
    })
}

/// The OpenSearch cluster to test against: `ESOPS_TEST_URL` when it is one, `None` when it is
/// Elasticsearch (the test skips), else a sandbox with the OpenSearch profile.
fn opensearch_cluster() -> Option<TestCluster> {
    let cluster = TestCluster::start();
    if !cluster.is_real() {
        return Some(opensearch_sandbox());
    }
    let root = cluster.request("GET", "/", None);
    (root["version"]["distribution"] == "opensearch").then_some(cluster)
}

/// A name unique to this test run, for a shared real cluster.
fn unique(tag: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("esops-os-{tag}-{}-{nanos}", std::process::id())
}

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
    // The same tree is valid for Elasticsearch (given the SLM policy its wait_for_snapshot names,
    // which validate looks for in the tree), and render refuses it for OpenSearch.
    esops().args(["validate", "--assume-existing", "slm_policy/nightly"]).args([&file]).run().success();
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

#[test]
fn the_sandbox_answers_as_opensearch() {
    let cluster = opensearch_sandbox();
    let root = cluster.request("GET", "/", None);
    assert_eq!(root["version"]["distribution"], "opensearch");
    assert_eq!(root["version"]["number"], "2.19.1");
    assert_eq!(root["tagline"], "The OpenSearch Project: https://opensearch.org/");
    // ILM, SLM and the data stream lifecycle are X-Pack's: OpenSearch has no handler for them.
    let (status, body) = cluster.raw("GET", "/_ilm/policy", None);
    assert_eq!(status, 400);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap(),
        json!({"error": "no handler found for uri [/_ilm/policy] and method [GET]"})
    );
    assert_eq!(cluster.raw("GET", "/_slm/policy", None).0, 400);
    assert_eq!(cluster.raw("GET", "/_plugins/_ism/policies", None).0, 200);
    // `esops info` names the distribution.
    esops().against(&cluster).args(["info"]).run().success().stdout_has("OpenSearch");
}

/// The shipped tree, applied to OpenSearch: the ILM policy goes as an ISM policy, `plan` settles
/// to no changes, `export` gives back a tree that plans to no changes, and an update names the
/// revision it replaces.
#[test]
fn the_shipped_tree_applies_to_opensearch_and_settles() {
    let Some(cluster) = opensearch_cluster() else { return };
    if cluster.is_real() {
        // The shipped names are fixed: not on a shared real cluster.
        return;
    }
    let out = esops().against(&cluster).args(["apply", "--yes"]).args([shipped_policies()]).run().success();
    assert!(out.stdout.contains("+ ism_policy/python-logs"), "{}", out.stdout);
    assert!(!out.stdout.contains("ilm_policy"), "{}", out.stdout);
    esops()
        .against(&cluster)
        .args(["plan", "--detailed-exitcode"])
        .args([shipped_policies()])
        .run()
        .success()
        .stdout_has("No changes: the cluster matches the tree.");
    let stored = cluster.request("GET", "/_plugins/_ism/policies/python-logs", None);
    assert_eq!(stored["policy"]["ism_template"][0]["index_patterns"], json!(["python-logs-*"]));
    // No ILM setting reached OpenSearch: a daily index created after the policy (ISM attaches
    // templates only to indices created after they were written) is picked up by ISM.
    cluster.request("POST", "/_sandbox/clock/_advance?by=1s", None);
    cluster.request("PUT", "/python-logs-2025.12.06", None);
    let explain = cluster.request("GET", "/_plugins/_ism/explain/python-logs-2025.12.06", None);
    assert_eq!(explain["python-logs-2025.12.06"]["policy_id"], "python-logs");

    // Export, then plan the exported tree: nothing to change.
    let dir = tempfile::tempdir().unwrap();
    esops().against(&cluster).args(["export", "--out"]).args([dir.path()]).run().success();
    let exported = std::fs::read_to_string(dir.path().join("ism_policy/python-logs.yaml")).unwrap();
    assert!(exported.starts_with("kind: ism_policy\nname: python-logs\n"), "{exported}");
    assert!(!exported.contains("last_updated_time") && !exported.contains("schema_version"), "{exported}");
    esops()
        .against(&cluster)
        .args(["plan", "--detailed-exitcode"])
        .args([dir.path()])
        .run()
        .success()
        .stdout_has("No changes");

    // An update is sent with the revision the plan read.
    let file = dir.path().join("ism_policy/python-logs.yaml");
    std::fs::write(&file, exported.replace("min_index_age: 90d", "min_index_age: 60d")).unwrap();
    let before = cluster.request("GET", "/_plugins/_ism/policies/python-logs", None);
    let out = esops().against(&cluster).args(["-v", "apply", "--yes"]).args([&file]).run().success();
    let sent = format!(
        "PUT /_plugins/_ism/policies/python-logs?if_seq_no={}&if_primary_term={}",
        before["_seq_no"], before["_primary_term"]
    );
    assert!(out.stderr.contains(&sent), "{}", out.stderr);
    let after = cluster.request("GET", "/_plugins/_ism/policies/python-logs", None);
    assert_eq!(after["policy"]["states"][2]["transitions"][0]["conditions"]["min_index_age"], "60d");
    esops().against(&cluster).args(["plan", "--detailed-exitcode"]).args([&file]).run().success();
}

/// A policy changed by someone else after the plan was saved is not overwritten.
#[test]
fn a_policy_changed_since_the_plan_is_not_overwritten() {
    let Some(cluster) = opensearch_cluster() else { return };
    let name = unique("race");
    let dir = tempfile::tempdir().unwrap();
    let tree = |age: &str| {
        format!(
            "kind: ism_policy\nname: {name}\npolicy:\n  description: d\n  default_state: hot\n  states:\n    - name: hot\n      actions: []\n      transitions: [{{state_name: gone, conditions: {{min_index_age: {age}}}}}]\n    - name: gone\n      actions: [{{delete: {{}}}}]\n"
        )
    };
    let file = write_file(dir.path(), "p.yaml", &tree("30d"));
    esops().against(&cluster).args(["apply", "--yes"]).args([&file]).run().success();
    write_file(dir.path(), "p.yaml", &tree("20d"));
    let saved = dir.path().join("plan.json");
    esops().against(&cluster).args(["plan", "--out"]).args([&saved, &file]).run().success();
    // Someone else updates the policy meanwhile, naming the revision they read.
    let current = cluster.request("GET", &format!("/_plugins/_ism/policies/{name}"), None);
    let mut body = json!({"policy": current["policy"].clone()});
    body["policy"]["description"] = json!("changed by hand");
    cluster.request(
        "PUT",
        &format!(
            "/_plugins/_ism/policies/{name}?if_seq_no={}&if_primary_term={}",
            current["_seq_no"], current["_primary_term"]
        ),
        Some(body),
    );
    esops()
        .against(&cluster)
        .args(["apply", "--yes"])
        .args([&saved])
        .run()
        .failure()
        .stderr_has("no longer matches the plan");
    let kept = cluster.request("GET", &format!("/_plugins/_ism/policies/{name}"), None);
    assert_eq!(kept["policy"]["description"], "changed by hand");
    cluster.raw("DELETE", &format!("/_plugins/_ism/policies/{name}"), None);
}

/// `esops ism explain` (the `ilm` verbs on OpenSearch) shows a failed ISM action as ERROR with
/// ISM's message, and `esops ism retry` sends ISM's retry: the rollover then happens.
#[test]
fn ism_explain_and_retry_drive_ism() {
    let cluster = opensearch_sandbox();
    let policy = json!({"policy": {"description": "roll", "default_state": "hot",
        "states": [{"name": "hot", "actions": [{"retry": {"count": 1, "backoff": "constant", "delay": "1m"}, "rollover": {"min_doc_count": 1}}], "transitions": []}],
        "ism_template": {"index_patterns": ["app-*"], "priority": 1}}});
    cluster.request("PUT", "/_plugins/_ism/policies/roll", Some(policy));
    cluster.request("POST", "/_sandbox/clock/_advance?by=1s", None);
    cluster.request("PUT", "/app-000001", None);
    for _ in 0..4 {
        cluster.request("POST", "/_sandbox/clock/_advance?by=5m", None);
    }
    let out = esops().against(&cluster).args(["ism", "explain", "--only-errors", "-o", "json"]).run().success();
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let row = &report["indices"][0];
    assert_eq!(row["index"], "app-000001", "{report}");
    assert_eq!(row["step"], "ERROR");
    assert_eq!(row["failed_step"], "attempt_rollover");
    assert!(row.to_string().contains("Missing rollover_alias index setting [index=app-000001]"), "{row}");
    // The `ilm` verbs ISM has no counterpart for say so.
    esops().against(&cluster).args(["ism", "status"]).run().failure().stderr_has("whose ISM has no such operation");

    // Fix the cause, retry through esops: ISM rolls over at its next run.
    cluster.request(
        "PUT",
        "/app-000001/_settings",
        Some(json!({"plugins.index_state_management.rollover_alias": "app"})),
    );
    cluster.request(
        "POST",
        "/_aliases",
        Some(json!({"actions": [{"add": {"index": "app-000001", "alias": "app", "is_write_index": true}}]})),
    );
    cluster.request("PUT", "/app-000001/_doc/1", Some(json!({"message": "x"})));
    let out = esops().against(&cluster).args(["ism", "retry", "--yes", "app-000001"]).run().success();
    assert!(out.stdout.contains("app-000001"), "{}", out.stdout);
    cluster.request("POST", "/_sandbox/clock/_advance?by=5m", None);
    let explain = cluster.request("GET", "/_plugins/_ism/explain/app-000001", None);
    assert_eq!(explain["app-000001"]["rolled_over"], true, "{explain}");
    // A second retry finds nothing failed and says so.
    esops().against(&cluster).args(["ism", "retry", "--yes", "app-000001"]).run().success().stdout_has("not in ERROR");
}

/// On a seeded OpenSearch sandbox, `audit` counts the ISM-managed family as managed (its
/// policy and states shown, no unmanaged finding for it), and `retention` reports the indices
/// ISM will delete instead of deleting them.
#[test]
fn audit_and_retention_recognise_ism_managed_indices() {
    let cluster = TestCluster::sandbox(SandboxConfig {
        opensearch: Some(OpenSearchVersion::DEFAULT),
        start_millis: Some(1_765_000_000_000),
        frozen_clock: true,
        seed: Some(es_sandbox::SeedSpec {
            family: "python-logs".into(),
            days: 60,
            policy: Some("python-logs".into()),
            ..es_sandbox::SeedSpec::default()
        }),
        ..SandboxConfig::default()
    });
    let out = esops().against(&cluster).args(["audit", "-o", "json"]).run();
    let audit: Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stderr));
    let family = audit["families"].as_array().unwrap().iter().find(|f| f["name"] == "python-logs").unwrap();
    assert_eq!(family["policy"], "python-logs", "{family}");
    assert_eq!(family["phases"], json!({"hot": 7, "warm": 23, "cold": 30}), "ISM states as phases: {family}");
    assert!(!out.stdout.contains("\"unmanaged-index\""), "no unmanaged finding: {}", out.stdout);
    let out = esops()
        .against(&cluster)
        .args(["retention", "--older-than", "30d", "python-logs-*", "-o", "json"])
        .run()
        .success();
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["selected"], json!([]), "ISM-managed indices are not selected: {report}");
    let excluded = report["excluded"].as_array().unwrap();
    assert!(!excluded.is_empty());
    let managed: Vec<&Value> = excluded.iter().filter(|e| e["reason"]["code"] == "ilm_managed").collect();
    assert_eq!(managed.len(), excluded.len() - 1, "all but the family's newest are reported as ISM's: {report}");
    assert!(managed.iter().all(|e| e["reason"]["policy"] == "python-logs"), "{report}");
    // With --include-managed they are selected, as for ILM.
    let out = esops()
        .against(&cluster)
        .args(["retention", "--older-than", "30d", "python-logs-*", "--include-managed", "-o", "json"])
        .run()
        .success();
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(!report["selected"].as_array().unwrap().is_empty(), "{report}");
}
