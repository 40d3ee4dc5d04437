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
