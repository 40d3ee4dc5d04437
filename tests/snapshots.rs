//! Snapshots as code: `snapshot_repository`, `slm_policy` and `cluster_settings` through
//! validate → apply → plan (no changes) → export → plan (no changes), and what only those kinds do
//! (credentials refused, undeclared cluster settings left alone, dependency order).
//!
//! `fs` repositories need a `path.repo` on the cluster: the sandbox gets one; a real cluster
//! (`ESOPS_TEST_URL`) is used only when `ESOPS_TEST_PATH_REPO` names a directory in its
//! `path.repo`, and the tests skip otherwise.

use std::path::Path;

use crate::common::{TestCluster, esops, write_file};
use es_sandbox::SandboxConfig;
use serde_json::{Value, json};

/// The `path.repo` the sandbox of these tests has.
const SANDBOX_PATH_REPO: &str = "/srv/esops-snapshots";

/// A cluster whose `path.repo` is known, with it; `None` (skip) on a real cluster without
/// `ESOPS_TEST_PATH_REPO`.
pub(crate) fn cluster_with_path_repo() -> Option<(TestCluster, String)> {
    if std::env::var("ESOPS_TEST_URL").is_ok() {
        let Ok(dir) = std::env::var("ESOPS_TEST_PATH_REPO") else {
            eprintln!("skipped: ESOPS_TEST_PATH_REPO (a directory in the cluster's path.repo) is not set");
            return None;
        };
        return Some((TestCluster::start(), dir));
    }
    let config = SandboxConfig { path_repo: vec![SANDBOX_PATH_REPO.into()], ..Default::default() };
    Some((TestCluster::sandbox(config), SANDBOX_PATH_REPO.to_string()))
}

fn unique(tag: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("esops-{tag}-{}-{nanos}", std::process::id())
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

/// Deletes what a test declared on a real cluster.
struct Cleanup<'a> {
    cluster: &'a TestCluster,
    prefix: String,
    settings: Vec<&'static str>,
}

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        if !self.cluster.is_real() {
            return;
        }
        let p = &self.prefix;
        let _ = self.cluster.raw("DELETE", &format!("/_ilm/policy/{p}-logs"), None);
        let _ = self.cluster.raw("DELETE", &format!("/_slm/policy/{p}-nightly"), None);
        let _ = self.cluster.raw("DELETE", &format!("/_snapshot/{p}-repo"), None);
        let reset: serde_json::Map<String, Value> =
            self.settings.iter().map(|k| (k.to_string(), Value::Null)).collect();
        let body = json!({ "persistent": reset }).to_string();
        let _ = self.cluster.raw("PUT", "/_cluster/settings", Some(&body));
    }
}

fn tree(p: &str, location: &str, max_shards: u32) -> String {
    format!(
        r#"kind: cluster_settings
name: cluster
persistent:
  cluster.max_shards_per_node: {max_shards}
  cluster:
    routing.allocation.disk.watermark:
      high: 88%
---
kind: snapshot_repository
name: {p}-repo
type: fs
settings:
  location: {location}/{p}
  compress: true
  chunk_size: 1gb
---
kind: slm_policy
name: {p}-nightly
schedule: "0 30 1 * * ?"
snapshot_name: "<{p}-nightly-{{now/d}}>"
repository: {p}-repo
config:
  indices: ["{p}-*"]
  include_global_state: false
retention:
  expire_after: 720h
  min_count: 5
  max_count: 50
---
kind: ilm_policy
name: {p}-logs
policy:
  phases:
    hot:
      actions: {{}}
    delete:
      min_age: 30d
      actions:
        wait_for_snapshot: {{policy: {p}-nightly}}
        delete: {{}}
"#
    )
}

#[test]
fn snapshot_kinds_settle_after_apply_and_after_export() {
    let Some((cluster, location)) = cluster_with_path_repo() else { return };
    let p = unique("snapkinds");
    let _cleanup = Cleanup {
        cluster: &cluster,
        prefix: p.clone(),
        settings: vec!["cluster.max_shards_per_node", "cluster.routing.allocation.disk.watermark.high"],
    };
    let dir = tempfile::tempdir().unwrap();
    write_file(dir.path(), "stack.yaml", &tree(&p, &location, 1200));
    esops().args(["validate", path(dir.path())]).run().success();

    let planned = esops().against(&cluster).args(["plan", "--detailed-exitcode", path(dir.path())]).run().code(2);
    // dependency order: settings, repository, SLM policy, then the ILM policy waiting on it
    let order: Vec<usize> = ["cluster_settings/cluster", "snapshot_repository/", "slm_policy/", "ilm_policy/"]
        .iter()
        .map(|k| planned.stdout.find(k).unwrap_or_else(|| panic!("{k} missing:\n{}", planned.stdout)))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{}", planned.stdout);
    esops().against(&cluster).args(["apply", "--yes", path(dir.path())]).run().success();
    esops()
        .against(&cluster)
        .args(["plan", "--detailed-exitcode", path(dir.path())])
        .run()
        .success()
        .stdout_has("No changes: the cluster matches the tree.");

    // What ES stores: strings, flat settings, the SLM snapshot name under `name`.
    let repo = cluster.request("GET", &format!("/_snapshot/{p}-repo"), None);
    assert_eq!(repo[format!("{p}-repo")]["settings"]["compress"], "true");
    let slm = cluster.request("GET", &format!("/_slm/policy/{p}-nightly"), None);
    assert_eq!(slm[format!("{p}-nightly")]["policy"]["name"], format!("<{p}-nightly-{{now/d}}>"));
    assert_eq!(slm[format!("{p}-nightly")]["policy"]["config"]["metadata"]["managed_by"], "esops");

    let out = tempfile::tempdir().unwrap();
    esops().against(&cluster).args(["export", "--out", path(out.path()), &format!("{p}-*"), "cluster"]).run().success();
    let exported = std::fs::read_to_string(out.path().join(format!("slm_policy/{p}-nightly.yaml"))).unwrap();
    assert!(exported.contains(&format!("snapshot_name: <{p}-nightly-{{now/d}}>")), "{exported}");
    assert!(exported.contains("expire_after: 30d"), "{exported}");
    esops()
        .against(&cluster)
        .args(["plan", "--detailed-exitcode", path(out.path())])
        .run()
        .success()
        .stdout_has("No changes: the cluster matches the tree.");
}

#[test]
fn cluster_settings_manage_only_declared_keys_and_plan_each_with_its_current_value() {
    let Some((cluster, location)) = cluster_with_path_repo() else { return };
    let p = unique("settings");
    let _cleanup = Cleanup {
        cluster: &cluster,
        prefix: p.clone(),
        settings: vec![
            "cluster.max_shards_per_node",
            "cluster.routing.allocation.disk.watermark.high",
            "indices.recovery.max_bytes_per_sec",
        ],
    };
    // a key someone else set, which the tree does not name
    cluster.request(
        "PUT",
        "/_cluster/settings",
        Some(json!({"persistent": {"indices.recovery.max_bytes_per_sec": "80mb"}})),
    );
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(dir.path(), "stack.yaml", &tree(&p, &location, 1200));
    esops().against(&cluster).args(["apply", "--yes", path(dir.path())]).run().success();

    std::fs::write(&file, tree(&p, &location, 1500)).unwrap();
    let out =
        esops().against(&cluster).args(["plan", "-o", "json", "--detailed-exitcode", path(dir.path())]).run().code(2);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    let change = doc["changes"].as_array().unwrap().iter().find(|c| c["kind"] == "cluster_settings").unwrap().clone();
    assert_eq!(change["action"], "update");
    assert_eq!(
        change["diff"],
        json!([{"path": "persistent[\"cluster.max_shards_per_node\"]",
                "pointer": "/persistent/cluster.max_shards_per_node", "old": "1200", "new": "1500"}]),
        "one line per changed key, with the cluster's current value"
    );
    esops()
        .against(&cluster)
        .args(["plan", path(dir.path())])
        .run()
        .success()
        .stdout_has("persistent[\"cluster.max_shards_per_node\"]: \"1200\" → \"1500\"");
    esops().against(&cluster).args(["apply", "--yes", path(dir.path())]).run().success();
    let settings = cluster.request("GET", "/_cluster/settings?flat_settings=true", None);
    assert_eq!(settings["persistent"]["cluster.max_shards_per_node"], "1500");
    assert_eq!(
        settings["persistent"]["indices.recovery.max_bytes_per_sec"], "80mb",
        "an undeclared key is never reset"
    );
}

#[test]
fn credentials_and_bad_schedules_are_refused_offline_with_where_they_go() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(
        dir.path(),
        "bad.yaml",
        "kind: snapshot_repository\nname: s3-backups\ntype: s3\nsettings:\n  bucket: backups\n  secret_key: hunter2\n---\n\
         kind: slm_policy\nname: nightly\nschedule: \"0 30 1 * *\"\nsnapshot_name: \"<Nightly-{now/d}>\"\nrepository: s3-backups\n---\n\
         kind: snapshot_repository\nname: local\ntype: fs\nsettings: {locaton: /mnt/backups}\n---\n\
         kind: cluster_settings\nname: cluster\npersistent: {index.number_of_replicas: 1}\n",
    );
    let out = esops().args(["validate"]).args([&file]).run().failure();
    let f = file.display();
    for needle in [
        format!("{f}:6:3: snapshot_repository/s3-backups: `secret_key` is a credential"),
        "bin/elasticsearch-keystore add s3.client.CLIENT.secret_key".to_string(),
        format!("{f}:10:11: slm_policy/nightly: `schedule`: invalid cron expression [0 30 1 * *]"),
        "`snapshot_name` `<Nightly-{now/d}>` must be lower case".to_string(),
        "unknown key `locaton` in the settings of a `fs` repository".to_string(),
        "did you mean `location`?".to_string(),
        "`index.number_of_replicas` is not a cluster setting".to_string(),
    ] {
        assert!(out.stderr.contains(&needle), "{needle} missing:\n{}", out.stderr);
    }
    assert!(!out.stderr.contains("hunter2"), "a secret is never echoed:\n{}", out.stderr);
}

#[test]
fn an_slm_policy_naming_an_undeclared_repository_is_an_error_unless_assumed() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(
        dir.path(),
        "slm.yaml",
        "kind: slm_policy\nname: nightly\nschedule: \"0 30 1 * * ?\"\nsnapshot_name: \"<nightly-{now/d}>\"\nrepository: backups\n",
    );
    esops()
        .args(["validate"])
        .args([&file])
        .run()
        .failure()
        .stderr_has("slm_policy/nightly: snapshot_repository/backups is not declared in the tree");
    esops().args(["validate", "--assume-existing", "snapshot_repository/backups"]).args([&file]).run().success();
}

/// "Now" for the retention runs: the indices are named for January 2024.
const RETENTION_NOW: &str = "2024-06-01T00:00:00Z";

/// A sandbox (sandbox-only: the tests inject snapshot outcomes) with a repository `nightly` and
/// three old daily indices plus today's.
fn retention_cluster() -> Option<TestCluster> {
    if std::env::var("ESOPS_TEST_URL").is_ok() {
        eprintln!("skipped: needs the sandbox's snapshot fault injection");
        return None;
    }
    let (cluster, _) = cluster_with_path_repo()?;
    cluster.request("PUT", "/_snapshot/nightly", Some(json!({"type": "fs", "settings": {"location": "nightly"}})));
    for day in ["2024.01.01", "2024.01.02", "2024.01.03", "2024.06.01"] {
        cluster.request("PUT", &format!("/logs-{day}"), Some(json!({"settings": {"number_of_replicas": 0}})));
        cluster.request("POST", &format!("/logs-{day}/_doc"), Some(json!({"message": day})));
    }
    Some(cluster)
}

fn indices(cluster: &TestCluster) -> Vec<String> {
    let rows = cluster.request("GET", "/_cat/indices/logs-*?format=json&h=index&s=index", None);
    rows.as_array().unwrap().iter().map(|r| r["index"].as_str().unwrap().to_string()).collect()
}

fn retention_with_snapshot(cluster: &TestCluster, extra: &[&str]) -> crate::common::Outcome {
    esops()
        .against(cluster)
        .args(["retention", "logs-*", "--older-than", "30d", "--now", RETENTION_NOW, "--execute", "--yes"])
        .args(["--snapshot-to", "nightly"])
        .args(extra)
        .run()
}

#[test]
fn retention_snapshots_first_and_logs_the_restore_request_of_each_deleted_index() {
    let Some(cluster) = retention_cluster() else { return };
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("retention.jsonl");
    retention_with_snapshot(&cluster, &["--snapshot-name", "before-delete", "--log-file", path(&log)])
        .success()
        .stderr_has("snapshotting 3 indices into repository nightly before deleting")
        .stderr_has("snapshot nightly/before-delete holds all 3 indices (SUCCESS)");
    assert_eq!(indices(&cluster), ["logs-2024.06.01"]);
    let taken = cluster.request("GET", "/_snapshot/nightly/before-delete", None);
    assert_eq!(taken["snapshots"][0]["indices"], json!(["logs-2024.01.01", "logs-2024.01.02", "logs-2024.01.03"]));
    assert_eq!(taken["snapshots"][0]["include_global_state"], false);

    let all: Vec<Value> =
        std::fs::read_to_string(&log).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    // The intent of the snapshot step, then of the one batch, then an outcome per index: every
    // line names the snapshot.
    let (intents, lines): (Vec<&Value>, Vec<&Value>) = all.iter().partition(|l| l["event"] == "intent");
    assert_eq!(intents.len(), 2);
    assert_eq!((intents[0]["action"].as_str(), intents[1]["action"].as_str()), (Some("snapshot"), Some("delete")));
    assert!(intents.iter().all(|i| i["snapshot"] == json!({"repository": "nightly", "name": "before-delete"})));
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|l| l["event"] == "outcome" && l["snapshot"]["name"] == "before-delete"));
    let first = lines[0];
    assert_eq!(first["snapshot"], json!({"repository": "nightly", "name": "before-delete"}));
    let restore = first["restore"].as_str().unwrap();
    assert_eq!(
        restore,
        format!(
            r#"POST _snapshot/nightly/before-delete/_restore {{"indices":"{}","include_global_state":false,"include_aliases":false}}"#,
            first["index"].as_str().unwrap()
        )
    );
    // The logged request brings the index back.
    let (request, body) = restore.split_once(' ').unwrap().1.split_once(' ').unwrap();
    let (status, _) = cluster.raw("POST", &format!("/{request}?wait_for_completion=true"), Some(body));
    assert_eq!(status, 200);
    assert!(indices(&cluster).contains(&first["index"].as_str().unwrap().to_string()));
}

#[test]
fn a_partial_or_failed_snapshot_deletes_nothing_and_says_why() {
    let Some(cluster) = retention_cluster() else { return };
    let before = indices(&cluster);
    cluster.request(
        "POST",
        "/_sandbox/snapshot_faults",
        Some(json!({"repository": "nightly", "state": "PARTIAL", "indices": ["logs-2024.01.02"], "count": 1})),
    );
    retention_with_snapshot(&cluster, &["--snapshot-name", "try-1"])
        .failure()
        .stderr_has("the snapshot ended PARTIAL: shards failed in logs-2024.01.02")
        .stderr_has("nothing was deleted");
    assert_eq!(indices(&cluster), before);

    cluster.request(
        "POST",
        "/_sandbox/snapshot_faults",
        Some(json!({"repository": "nightly", "state": "FAILED", "reason": "no space left on device", "count": 1})),
    );
    retention_with_snapshot(&cluster, &["--snapshot-name", "try-2"])
        .failure()
        .stderr_has("the snapshot ended FAILED: no space left on device")
        .stderr_has("nothing was deleted");
    assert_eq!(indices(&cluster), before);

    // Unknown repository: refused before anything is deleted.
    esops()
        .against(&cluster)
        .args(["retention", "logs-*", "--older-than", "30d", "--now", RETENTION_NOW, "--execute", "--yes"])
        .args(["--snapshot-to", "nope"])
        .run()
        .failure()
        .stderr_has("[nope] missing")
        .stderr_has("nothing was deleted");
    assert_eq!(indices(&cluster), before);
}

#[test]
fn a_snapshot_that_outlasts_the_timeout_deletes_nothing() {
    let Some(cluster) = retention_cluster() else { return };
    let before = indices(&cluster);
    cluster.request(
        "POST",
        "/_sandbox/faults",
        Some(json!({"method": "PUT", "path": "/_snapshot/nightly/", "latency_ms": 3000, "count": 1})),
    );
    retention_with_snapshot(&cluster, &["--snapshot-timeout", "1s"])
        .failure()
        .stderr_has("did not succeed")
        .stderr_has("nothing was deleted")
        .stderr_has("GET _snapshot/nightly/_current");
    assert_eq!(indices(&cluster), before);
}

#[test]
fn prune_removes_what_the_ledger_names_and_never_what_was_made_by_hand() {
    // Pruning acts on every esops resource of a cluster: a sandbox only.
    if std::env::var("ESOPS_TEST_URL").is_ok() {
        eprintln!("skipped: --prune would touch other tests' resources on a shared cluster");
        return;
    }
    let Some((cluster, location)) = cluster_with_path_repo() else { return };
    let p = unique("prune");
    let manual = format!("{p}-manual");
    cluster.request("PUT", &format!("/_snapshot/{manual}"), Some(json!({"type": "fs", "settings": {"location": "m"}})));
    cluster.request(
        "PUT",
        "/_cluster/settings",
        Some(json!({"persistent": {"cluster.routing.allocation.enable": "all"}})),
    );
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(dir.path(), "stack.yaml", &tree(&p, &location, 1200));
    esops().against(&cluster).args(["apply", "--yes", path(dir.path())]).run().success();
    esops().against(&cluster).args(["plan", "--detailed-exitcode", path(dir.path())]).run().success();
    // Left in the tree: one of the two settings keys, nothing else.
    let settings_only = "kind: cluster_settings\nname: cluster\npersistent:\n  cluster.max_shards_per_node: 1200\n";
    std::fs::write(&file, settings_only).unwrap();
    let plan = |prune: bool| -> Value {
        let mut args = vec!["plan", "-o", "json", path(dir.path())];
        if prune {
            args.insert(1, "--prune");
        }
        serde_json::from_str(&esops().against(&cluster).args(args).run().success().stdout).unwrap()
    };
    let writes = |doc: &Value, action: &str| -> Vec<String> {
        doc["changes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["action"] == action)
            .map(|c| format!("{}/{}", c["kind"].as_str().unwrap(), c["name"].as_str().unwrap()))
            .collect()
    };
    let kept = plan(false);
    assert!(writes(&kept, "delete").is_empty(), "nothing goes without --prune: {kept}");
    assert!(writes(&kept, "update").is_empty(), "no reset without --prune: {kept}");
    let pruned = plan(true);
    assert_eq!(
        writes(&pruned, "delete"),
        [format!("snapshot_repository/{p}-repo"), format!("slm_policy/{p}-nightly"), format!("ilm_policy/{p}-logs")]
    );
    // The key declared before and removed since is reset; the one set by hand is not named.
    let update = pruned["changes"].as_array().unwrap().iter().find(|c| c["kind"] == "cluster_settings").unwrap();
    assert_eq!(update["action"], "update", "{update}");
    let text = update.to_string();
    assert!(text.contains("cluster.routing.allocation.disk.watermark.high"), "{text}");
    assert!(!text.contains("cluster.routing.allocation.enable"), "{text}");

    esops().against(&cluster).args(["apply", "--prune", "--yes", path(dir.path())]).run().success();
    esops()
        .against(&cluster)
        .args(["plan", "--prune", "--detailed-exitcode", path(dir.path())])
        .run()
        .success()
        .stdout_has("No changes");
    assert!(cluster.request("GET", "/_slm/policy", None).get(format!("{p}-nightly")).is_none());
    let repositories = cluster.request("GET", "/_snapshot", None);
    assert!(repositories.get(format!("{p}-repo")).is_none(), "the declared repository is pruned");
    assert!(repositories.get(&manual).is_some(), "a repository made by hand is never pruned");
    let settings = cluster.request("GET", "/_cluster/settings?flat_settings=true", None);
    assert!(settings["persistent"].get("cluster.routing.allocation.disk.watermark.high").is_none(), "{settings}");
    assert_eq!(settings["persistent"]["cluster.max_shards_per_node"], "1200");
    assert_eq!(settings["persistent"]["cluster.routing.allocation.enable"], "all", "undeclared keys are never reset");
}

fn indices_snapshot(cluster: &TestCluster, extra: &[&str]) -> crate::common::Outcome {
    esops()
        .against(cluster)
        .args(["indices", "snapshot", "--to", "nightly", "logs-*", "--older-than", "30d", "--now", RETENTION_NOW])
        .args(extra)
        .run()
}

#[test]
fn indices_snapshot_takes_one_checked_snapshot_of_the_selection_and_logs_its_restore() {
    let Some(cluster) = retention_cluster() else { return };
    let before = indices(&cluster);
    // Dry run by default: nothing is taken.
    indices_snapshot(&cluster, &[])
        .success()
        .stderr_has("dry run: nothing was changed; add --execute to snapshot the selected indices")
        .stderr_has("one snapshot of them goes into repository nightly as <esops-snapshot-{now{yyyy.MM.dd-HH.mm.ss}}>");
    assert_eq!(cluster.request("GET", "/_snapshot/nightly/_all", None)["snapshots"], json!([]));

    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("snapshot.jsonl");
    let out = indices_snapshot(&cluster, &["--execute", "--yes", "--log-file", path(&log), "-o", "json"])
        .success()
        .stderr_has("snapshotting 3 indices into repository nightly (waiting up to 1h)")
        .stderr_has("holds all 3 indices (SUCCESS)")
        .stderr_has("to restore them: POST _snapshot/nightly/esops-snapshot-");
    assert_eq!(indices(&cluster), before, "a snapshot changes no index");
    let taken = cluster.request("GET", "/_snapshot/nightly/_all", None);
    let snapshot = &taken["snapshots"][0];
    let name = snapshot["snapshot"].as_str().unwrap().to_string();
    assert!(name.starts_with("esops-snapshot-2"), "date math resolved by ES: {name}");
    assert_eq!(snapshot["indices"], json!(["logs-2024.01.01", "logs-2024.01.02", "logs-2024.01.03"]));
    assert_eq!(snapshot["metadata"]["taken_by"], "esops indices snapshot");
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["action"], "snapshot");
    assert_eq!(doc["execution"]["snapshot"]["snapshot"], name.as_str());
    assert!(doc["execution"]["results"].as_array().unwrap().iter().all(|r| r["result"] == "done"), "{doc}");

    let lines: Vec<Value> =
        std::fs::read_to_string(&log).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["event"], "intent");
    assert_eq!(lines[0]["action"], "snapshot");
    let outcomes: Vec<&Value> = lines.iter().filter(|l| l["event"] == "outcome").collect();
    assert_eq!(outcomes.len(), 3);
    for line in outcomes {
        assert_eq!(line["done"], true);
        let index = line["index"].as_str().unwrap();
        assert_eq!(
            line["restore"].as_str().unwrap(),
            format!(
                r#"POST _snapshot/nightly/{name}/_restore {{"indices":"{index}","include_global_state":false,"include_aliases":false}}"#
            )
        );
    }
}

#[test]
fn indices_snapshot_reports_partial_failed_and_timeout_with_a_failing_exit() {
    let Some(cluster) = retention_cluster() else { return };
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("snapshot.jsonl");
    cluster.request(
        "POST",
        "/_sandbox/snapshot_faults",
        Some(json!({"repository": "nightly", "state": "PARTIAL", "indices": ["logs-2024.01.02"], "count": 1})),
    );
    indices_snapshot(&cluster, &["--execute", "--yes", "--snapshot-name", "try-1", "--log-file", path(&log)])
        .failure()
        .stderr_has("the snapshot ended PARTIAL: shards failed in logs-2024.01.02")
        .stderr_has("the indices are not backed up by it");
    let failed: Value = serde_json::from_str(std::fs::read_to_string(&log).unwrap().lines().last().unwrap()).unwrap();
    assert_eq!((failed["event"].as_str(), failed["done"].as_bool()), (Some("outcome"), Some(false)), "{failed}");
    assert!(failed["error"].as_str().unwrap().contains("PARTIAL"), "{failed}");

    cluster.request(
        "POST",
        "/_sandbox/snapshot_faults",
        Some(json!({"repository": "nightly", "state": "FAILED", "reason": "no space left on device", "count": 1})),
    );
    indices_snapshot(&cluster, &["--execute", "--yes", "--snapshot-name", "try-2"])
        .failure()
        .stderr_has("the snapshot ended FAILED: no space left on device");

    cluster.request(
        "POST",
        "/_sandbox/faults",
        Some(json!({"method": "PUT", "path": "/_snapshot/nightly/", "latency_ms": 3000, "count": 1})),
    );
    indices_snapshot(&cluster, &["--execute", "--yes", "--snapshot-timeout", "1s"])
        .failure()
        .stderr_has("did not succeed")
        .stderr_has("GET _snapshot/nightly/_current");
}
