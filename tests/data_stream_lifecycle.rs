//! The data stream lifecycle as a declared resource (`kind: data_stream_lifecycle`, 8.11+):
//! validate, plan, apply, then plan shows no changes; export gives it back; the sandbox's
//! lifecycle service deletes what the retention lets go. Runs against the sandbox, or a real
//! cluster with `ESOPS_TEST_URL` (the clock and version tests are sandbox-only).

use crate::common::{Outcome, Scoped, TestCluster, esops, write_file};
use es_sandbox::SandboxConfig;
use serde_json::{Value, json};

crate::common::scoped_fixture!();

impl Fixture {
    /// A data stream `PREFIX-logs-app` from a template whose lifecycle keeps data 10 days.
    fn new(tag: &str) -> Self {
        let f = Fixture(Scoped::start("dsl", tag));
        f.request(
            "PUT",
            &format!("/_index_template/{}", f.name("t")),
            Some(json!({"index_patterns": [f.name("logs-*")], "priority": 500, "data_stream": {},
                        "template": {"settings": {"index.number_of_replicas": 0}, "lifecycle": {"data_retention": "10d"}}})),
        );
        f.request("PUT", &format!("/_data_stream/{}", f.name("logs-app")), None);
        f
    }

    fn esops(&self, args: &[&str]) -> Outcome {
        esops().against(&self.cluster).args(args).run()
    }

    /// A tree declaring the data stream's lifecycle with `body` (YAML lines).
    fn tree(&self, dir: &std::path::Path, body: &str) -> String {
        write_file(dir, "dsl.yaml", &format!("kind: data_stream_lifecycle\nname: {}\n{body}", self.name("logs-app")));
        dir.to_str().unwrap().to_string()
    }

    fn lifecycle(&self) -> Value {
        self.request("GET", &format!("/_data_stream/{}/_lifecycle", self.name("logs-app")), None)["data_streams"][0]
            ["lifecycle"]
            .clone()
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if self.cluster.is_real() {
            let _ = self.cluster.raw("DELETE", &format!("/_data_stream/{}", self.name("logs-app")), None);
            let _ = self.cluster.raw("DELETE", &format!("/_index_template/{}", self.name("t")), None);
        }
    }
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_declared_retention_is_planned_applied_and_then_settles() {
    let f = Fixture::new("apply");
    let dir = tempfile::tempdir().unwrap();
    let tree = f.tree(dir.path(), "data_retention: 720h\n");
    f.esops(&["validate", &tree]).success();
    let plan = f.esops(&["plan", "--detailed-exitcode", &tree]).code(2);
    let text = flat(&plan.stdout);
    assert!(text.contains(&format!("~ data_stream_lifecycle/{}", f.name("logs-app"))), "{text}");
    assert!(text.contains("data_retention: \"10d\" → \"30d\""), "{text}");
    f.esops(&["apply", &tree, "--yes"]).success();
    assert_eq!(f.lifecycle()["data_retention"], "720h");
    // 720h is 30d: written either way, the plan settles.
    f.esops(&["plan", "--detailed-exitcode", &tree]).success().stdout_has("No changes");
    let same = f.tree(dir.path(), "data_retention: 30d\nenabled: true\n");
    f.esops(&["plan", "--detailed-exitcode", &same]).success().stdout_has("No changes");
}

#[test]
fn export_gives_the_lifecycle_back_and_it_plans_to_no_changes() {
    let f = Fixture::new("export");
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    f.esops(&["export", "--out", dir, "--kind", "data_stream_lifecycle", &f.name("*")]).success();
    let file = out.path().join("data_stream_lifecycle").join(format!("{}.yaml", f.name("logs-app")));
    let yaml = std::fs::read_to_string(&file).unwrap();
    assert!(yaml.contains("data_retention: 10d"), "{yaml}");
    assert!(!yaml.contains("_meta"), "a lifecycle has no _meta: {yaml}");
    f.esops(&["plan", "--detailed-exitcode", dir]).success().stdout_has("No changes");
}

#[test]
fn bad_lifecycles_are_refused_with_file_and_line() {
    let f = Fixture::new("bad");
    let dir = tempfile::tempdir().unwrap();
    let tree = f.tree(dir.path(), "data_retention: soon\nretention: 1d\n");
    let out = f.esops(&["validate", &tree]).failure();
    let text = flat(&out.stderr);
    assert!(text.contains("dsl.yaml:3:"), "{text}");
    assert!(text.contains("retention"), "{text}");
    assert!(text.contains("dsl.yaml:4:"), "the unknown field is reported too: {text}");
}

#[test]
fn a_lifecycle_is_never_pruned() {
    let f = Fixture::new("prune");
    let dir = tempfile::tempdir().unwrap();
    write_file(dir.path(), "empty.yaml", "");
    let plan = f.esops(&["plan", "--prune", dir.path().to_str().unwrap()]).success();
    assert!(!plan.stdout.contains("data_stream_lifecycle"), "{}", plan.stdout);
}

#[test]
fn a_lifecycle_the_tree_declared_is_pruned_through_its_owners_ledger() {
    let f = Fixture::new("ledger");
    let dir = tempfile::tempdir().unwrap();
    // An owner scopes the ledger (and so the prune) to this test's tree, on a shared cluster too.
    let owner = format!("{}-team", f.prefix);
    let pipeline = f.name("keep");
    write_file(
        dir.path(),
        "owner.yaml",
        &format!(
            "kind: esops\nowner: {owner}\n---\nkind: ingest_pipeline\nname: {pipeline}\nprocessors:\n  - set: {{field: a, value: b}}\n"
        ),
    );
    let tree = f.tree(dir.path(), "data_retention: 30d\n");
    f.esops(&["apply", &tree, "--yes"]).success();
    f.esops(&["plan", "--detailed-exitcode", &tree]).success().stdout_has("No changes");
    std::fs::remove_file(dir.path().join("dsl.yaml")).unwrap();
    let kept = f.esops(&["plan", &tree]).success();
    assert!(kept.stdout.contains(&format!("data_stream_lifecycle/{}", f.name("logs-app"))), "{}", kept.stdout);
    assert!(kept.stdout.contains("kept without --prune"), "{}", kept.stdout);
    f.esops(&["plan", "--prune", &tree])
        .success()
        .stdout_has(&format!("data_stream_lifecycle/{}  (delete)", f.name("logs-app")));
    f.esops(&["apply", "--prune", "--yes", &tree]).success();
    assert_eq!(f.lifecycle(), Value::Null, "the lifecycle is removed");
    f.esops(&["plan", "--prune", "--detailed-exitcode", &tree]).success().stdout_has("No changes");
    assert!(f.request("GET", &format!("/_component_template/esops-ledger-{owner}"), None).is_object());
    if f.cluster.is_real() {
        let _ = f.cluster.raw("DELETE", &format!("/_component_template/esops-ledger-{owner}"), None);
        let _ = f.cluster.raw("DELETE", &format!("/_ingest/pipeline/{pipeline}"), None);
    }
}

#[test]
fn the_sandbox_deletes_backing_indices_past_the_declared_retention() {
    let f = Fixture::new("clock");
    if f.cluster.is_real() {
        return; // needs the virtual clock
    }
    let stream = f.name("logs-app");
    f.request("POST", &format!("/{stream}/_doc"), Some(json!({"@timestamp": "2024-01-01T00:00:00Z"})));
    let backing = |f: &Fixture| -> Vec<String> {
        let ds = f.request("GET", &format!("/_data_stream/{stream}"), None);
        ds["data_streams"][0]["indices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["index_name"].as_str().unwrap().to_string())
            .collect()
    };
    let first = backing(&f)[0].clone();
    let dir = tempfile::tempdir().unwrap();
    f.esops(&["apply", &f.tree(dir.path(), "data_retention: 3d\n"), "--yes"]).success();
    // 3d retention: the write index rolls over after a day (automatic max_age), and goes 3 days later.
    f.request("POST", "/_sandbox/clock/_advance?by=1d", Some(json!({})));
    assert_eq!(backing(&f).len(), 2, "rolled over");
    f.request("POST", "/_sandbox/clock/_advance?by=3d", Some(json!({})));
    assert!(!backing(&f).contains(&first), "deleted past the retention");
    assert_eq!(f.cluster.raw("GET", &format!("/{first}"), None).0, 404);
}

#[test]
fn before_8_11_there_is_no_data_stream_lifecycle_to_plan() {
    let cluster = TestCluster::sandbox(SandboxConfig {
        es_version: es_sandbox::version::EsVersion::parse("8.10.4").unwrap(),
        ..SandboxConfig::default()
    });
    let dir = tempfile::tempdir().unwrap();
    write_file(dir.path(), "dsl.yaml", "kind: data_stream_lifecycle\nname: logs-x\ndata_retention: 7d\n");
    let out = esops().against(&cluster).args(["apply", dir.path().to_str().unwrap(), "--yes"]).run();
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("no handler found"), "{}", out.stderr);
}
