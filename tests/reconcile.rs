//! `esops plan` and `esops apply` against a cluster: the invariant (after apply, plan shows no
//! changes) for every kind, field-level plans, pruning, partial failures, the request budget, the
//! impact preview, and the confirmation rules.
//!
//! Tests that need the sandbox's fault injection, request counts or seeding, and the prune tests
//! (pruning acts on every esops resource of a cluster, so on a shared real cluster it would delete
//! other tests' resources), always run on a sandbox; the rest run on `ESOPS_TEST_URL` when set.
//! Every test names its resources with its own prefix.

use std::path::Path;

use crate::common::{Outcome, TestCluster, esops, write_file};
use es_sandbox::SandboxConfig;
use serde_json::{Value, json};

/// One field of a plan's diff: JSON path, old value, new value.
type FieldChange = (String, Value, Value);

/// A tree with every kind, written the way people write them: the ILM shorthand, a plain policy
/// with values ES echoes in other forms (`168h`, `50gb`, action defaults), settings as numbers
/// and nested objects, `data_stream: {}`, a pipeline with `on_failure`.
fn full_tree(p: &str) -> String {
    format!(
        r#"
kind: ilm_policy
name: {p}-logs
phases:
  hot: 7d
  warm: 30d
  cold: 90d
  delete: true
---
kind: ilm_policy
name: {p}-metrics
policy:
  phases:
    hot:
      actions:
        rollover: {{max_age: 1d, max_primary_shard_size: 50gb}}
        set_priority: {{priority: 100}}
    warm:
      min_age: 168h
      actions:
        allocate: {{number_of_replicas: 0}}
        forcemerge: {{max_num_segments: 1}}
    delete:
      min_age: 30d
      actions:
        delete: {{}}
  _meta: {{owner: platform}}
---
kind: component_template
name: {p}-settings
template:
  settings:
    number_of_shards: 1
    index:
      number_of_replicas: 0
      lifecycle: {{name: {p}-metrics}}
    index.refresh_interval: 30s
  mappings:
    properties:
      "@timestamp": {{type: date}}
      message: {{type: text}}
      level: {{type: keyword}}
---
kind: ingest_pipeline
name: {p}-json
description: parse JSON log lines
version: 2
processors:
  - json: {{field: message, target_field: json, ignore_failure: true}}
  - rename: {{field: json.levelname, target_field: level, ignore_missing: true}}
on_failure:
  - set: {{field: error.message, value: "{{{{ _ingest.on_failure_message }}}}"}}
---
kind: index_template
name: {p}-metrics
index_patterns: ["{p}-metrics-*"]
composed_of: [{p}-settings]
priority: 500
version: 3
data_stream: {{}}
template:
  settings:
    index.default_pipeline: {p}-json
  aliases:
    {p}-all: {{}}
_meta:
  description: metrics of the {p} services
"#
    )
}

/// A unique prefix for a test's resources.
fn prefix(test: &str) -> String {
    format!("esops-{test}-{}", std::process::id())
}

/// Runs esops against `cluster`.
fn run(cluster: &TestCluster, args: &[&str]) -> Outcome {
    esops().against(cluster).args(args).run()
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

fn json_of(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}"))
}

/// Deletes a test's resources on drop, index templates first (they use the others).
struct Cleanup<'a> {
    cluster: &'a TestCluster,
    prefix: String,
}

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        if !self.cluster.is_real() {
            return;
        }
        for api in ["_index_template", "_component_template", "_ingest/pipeline", "_ilm/policy"] {
            let _ = self.cluster.raw("DELETE", &format!("/{api}/{}-*", self.prefix), None);
        }
    }
}

#[test]
fn after_apply_plan_shows_no_changes_for_every_kind() {
    let cluster = TestCluster::start();
    let p = prefix("invariant");
    let _cleanup = Cleanup { cluster: &cluster, prefix: p.clone() };
    let dir = tempfile::tempdir().unwrap();
    write_file(dir.path(), "stack.yaml", &full_tree(&p));

    run(&cluster, &["plan", "--detailed-exitcode", path(dir.path())])
        .code(2)
        .stdout_has(&format!("+ component_template/{p}-settings  (create)"))
        .stdout_has("Plan: 5 to create, 0 to update, 0 to delete, 0 unchanged.");
    run(&cluster, &["apply", "--yes", path(dir.path())])
        .success()
        .stdout_has("Applied 5 of 5 changes:")
        .stderr_has("applying the plan to http://");
    run(&cluster, &["plan", "--detailed-exitcode", path(dir.path())])
        .success()
        .stdout_has("No changes: the cluster matches the tree.")
        .stdout_has("Plan: 0 to create, 0 to update, 0 to delete, 5 unchanged.");
    // Applying again sends nothing.
    run(&cluster, &["apply", path(dir.path())]).success();
}

#[test]
fn the_shipped_policies_settle_after_apply() {
    let policies = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies");
    if !policies.exists() {
        eprintln!("no policies/ folder yet; nothing to check");
        return;
    }
    // The shipped names are fixed, so this one always runs on a fresh sandbox.
    let cluster = TestCluster::sandbox(SandboxConfig::default());
    run(&cluster, &["apply", "--yes", path(&policies)]).success();
    run(&cluster, &["plan", "--detailed-exitcode", path(&policies)]).success().stdout_has("No changes");
}

#[test]
fn one_changed_field_per_kind_is_exactly_what_the_plan_shows_and_apply_converges() {
    let cluster = TestCluster::start();
    let p = prefix("fields");
    let _cleanup = Cleanup { cluster: &cluster, prefix: p.clone() };
    let dir = tempfile::tempdir().unwrap();
    let tree = write_file(dir.path(), "stack.yaml", &full_tree(&p));
    run(&cluster, &["apply", "--yes", path(dir.path())]).success();

    let changed = full_tree(&p)
        .replace("cold: 90d", "cold: 60d")
        .replace("number_of_shards: 1", "number_of_shards: 2")
        .replace("target_field: level,", "target_field: log.level,")
        .replace("priority: 500", "priority: 600");
    std::fs::write(&tree, changed).unwrap();
    let out = run(&cluster, &["plan", "-o", "json", "--detailed-exitcode", path(dir.path())]).code(2);
    let doc = json_of(&out.stdout);
    assert_eq!(doc["format_version"], 1);
    assert_eq!(doc["totals"], json!({"create": 0, "update": 4, "delete": 0, "unchanged": 1}));
    let updates: Vec<(String, Vec<FieldChange>)> = doc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["action"] == "update")
        .map(|c| {
            let diff = c["diff"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| (d["path"].as_str().unwrap().to_string(), d["old"].clone(), d["new"].clone()))
                .collect();
            (format!("{}/{}", c["kind"].as_str().unwrap(), c["name"].as_str().unwrap()), diff)
        })
        .collect();
    assert_eq!(
        updates,
        [
            (
                format!("component_template/{p}-settings"),
                vec![(r#"template.settings["index.number_of_shards"]"#.into(), json!("1"), json!("2"))]
            ),
            (format!("ilm_policy/{p}-logs"), vec![("phases.delete.min_age".into(), json!("90d"), json!("60d"))]),
            (
                format!("ingest_pipeline/{p}-json"),
                vec![("processors[1].rename.target_field".into(), json!("level"), json!("log.level"))]
            ),
            (format!("index_template/{p}-metrics"), vec![("priority".into(), json!(500), json!(600))]),
        ]
    );
    run(&cluster, &["plan", path(dir.path())]).success().stdout_has(&format!(
        "~ ilm_policy/{p}-logs  phases.cold: \"90d\" → \"60d\"  ({}:7, phases.delete.min_age)",
        tree.display()
    ));
    run(&cluster, &["apply", "--yes", path(dir.path())]).success().stdout_has("Applied 4 of 4 changes:");
    run(&cluster, &["plan", "--detailed-exitcode", path(dir.path())]).success();
}

#[test]
fn prune_deletes_only_esops_resources_the_tree_no_longer_declares() {
    let cluster = TestCluster::sandbox(SandboxConfig::default());
    let dir = tempfile::tempdir().unwrap();
    let pipeline =
        |name: &str| format!("kind: ingest_pipeline\nname: {name}\nprocessors: [{{set: {{field: a, value: b}}}}]\n");
    let kept = write_file(dir.path(), "kept.yaml", &pipeline("kept"));
    let dropped = write_file(dir.path(), "dropped.yaml", &pipeline("dropped"));
    run(&cluster, &["apply", "--yes", path(dir.path())]).success();
    // Someone else's pipeline, and Elastic's own (marked managed, even carrying esops's mark).
    cluster.raw("PUT", "/_ingest/pipeline/theirs", Some(r#"{"processors":[]}"#));
    cluster.raw(
        "PUT",
        "/_ingest/pipeline/elastic",
        Some(r#"{"processors":[],"_meta":{"managed":true,"managed_by":"esops"}}"#),
    );
    std::fs::remove_file(&dropped).unwrap();

    run(&cluster, &["plan", "--detailed-exitcode", path(&kept)])
        .success()
        .stdout_has("Not declared any more, kept without --prune: ingest_pipeline/dropped");
    run(&cluster, &["plan", "--prune", "--detailed-exitcode", path(&kept)])
        .code(2)
        .stdout_has("- ingest_pipeline/dropped  (delete)")
        .stdout_has("Plan: 0 to create, 0 to update, 1 to delete, 1 unchanged.");
    run(&cluster, &["apply", "--prune", "--yes", path(&kept)]).success();
    let (_, body) = cluster.raw("GET", "/_ingest/pipeline", None);
    let names: Vec<String> = json_of(&body).as_object().unwrap().keys().cloned().collect();
    assert_eq!(names, ["elastic", "kept", "theirs"]);
    run(&cluster, &["plan", "--prune", "--detailed-exitcode", path(&kept)]).success();
}

#[test]
fn prune_deletes_an_index_template_before_the_component_template_it_uses() {
    let cluster = TestCluster::sandbox(SandboxConfig::default());
    let dir = tempfile::tempdir().unwrap();
    write_file(dir.path(), "stack.yaml", &full_tree("old"));
    run(&cluster, &["apply", "--yes", path(dir.path())]).success();
    let next = tempfile::tempdir().unwrap();
    write_file(next.path(), "p.yaml", "kind: ingest_pipeline\nname: new\nprocessors: []\n");
    run(&cluster, &["apply", "--prune", "--yes", path(next.path())]).success().stdout_has("Applied 6 of 6 changes:");
    run(&cluster, &["plan", "--prune", "--detailed-exitcode", path(next.path())]).success();
}

#[test]
fn a_failed_write_stops_apply_reports_what_ran_and_a_rerun_converges() {
    let cluster = TestCluster::sandbox(SandboxConfig::default());
    let dir = tempfile::tempdir().unwrap();
    write_file(dir.path(), "stack.yaml", &full_tree("pf"));
    // Writes run component template, two policies, pipeline, index template: fail the 3rd.
    let fault = r#"{"method":"PUT","skip":2,"count":1,"status":500,
        "body":{"error":{"type":"exception","reason":"injected"},"status":500}}"#;
    assert_eq!(cluster.raw("POST", "/_sandbox/faults", Some(fault)).0, 200);

    let out = run(&cluster, &["apply", "--yes", path(dir.path())])
        .failure()
        .stdout_has("Applied 2 of 5 changes:\n  + component_template/pf-settings\n  + ilm_policy/pf-logs\nFailed:\n  + ilm_policy/pf-metrics")
        .stdout_has("Not applied:\n  + ingest_pipeline/pf-json\n  + index_template/pf-metrics\n")
        .stderr_has("applying ilm_policy/pf-metrics failed");
    assert!(out.stderr.contains("injected"), "{}", out.stderr);
    let exists = |p: &str| cluster.raw("GET", p, None).0 == 200;
    assert!(exists("/_component_template/pf-settings") && exists("/_ilm/policy/pf-logs"));
    assert!(!exists("/_ilm/policy/pf-metrics") && !exists("/_ingest/pipeline/pf-json"));
    assert!(!exists("/_index_template/pf-metrics"));

    run(&cluster, &["apply", "--yes", path(dir.path())])
        .success()
        .stdout_has("Plan: 3 to create, 0 to update, 0 to delete, 2 unchanged.");
    run(&cluster, &["plan", "--detailed-exitcode", path(dir.path())]).success();
}

/// Requests the sandbox answered since the last reset, reset afterwards.
fn requests(cluster: &TestCluster) -> Value {
    let (_, body) = cluster.raw("GET", "/_sandbox/requests", None);
    cluster.raw("DELETE", "/_sandbox/requests", None);
    json_of(&body)
}

#[test]
fn planning_300_resources_costs_as_many_requests_as_planning_4() {
    let cluster = TestCluster::sandbox(SandboxConfig::default());
    let big = tempfile::tempdir().unwrap();
    let mut tree = String::new();
    for i in 0..75 {
        tree.push_str(&format!(
            "kind: ilm_policy\nname: p{i}\nphases: {{hot: 1d, delete: true}}\n---\n\
             kind: component_template\nname: c{i}\ntemplate: {{settings: {{number_of_shards: 1}}}}\n---\n\
             kind: ingest_pipeline\nname: i{i}\nprocessors: [{{set: {{field: n, value: {i}}}}}]\n---\n\
             kind: index_template\nname: t{i}\nindex_patterns: [\"t{i}-*\"]\ncomposed_of: [c{i}]\n---\n"
        ));
    }
    write_file(big.path(), "big.yaml", &tree);
    let small = tempfile::tempdir().unwrap();
    write_file(small.path(), "small.yaml", tree.split("---\n").take(4).collect::<Vec<_>>().join("---\n").as_str());
    run(&cluster, &["apply", "--yes", path(big.path())]).success().stdout_has("Applied 300 of 300 changes:");

    requests(&cluster);
    run(&cluster, &["plan", "--detailed-exitcode", path(big.path())]).success().stdout_has("300 unchanged");
    let for_300 = requests(&cluster);
    run(&cluster, &["plan", path(small.path())]).success();
    let for_4 = requests(&cluster);
    // GET / for the target line, then one list per kind a tree of templates, policies and
    // pipelines reads: the five kinds that carry esops's mark (SLM policies too).
    assert_eq!(for_300["total"], 6, "{for_300}");
    assert_eq!(for_300, for_4);

    // A policy change adds the impact preview: one _ilm/explain, and one _cat/indices for the
    // sizes when some index is managed (here none is), still constant.
    let changed = tempfile::tempdir().unwrap();
    write_file(changed.path(), "big.yaml", &tree.replace("hot: 1d, delete", "hot: 2d, delete"));
    run(&cluster, &["plan", path(changed.path())]).success().stdout_has("75 to update");
    assert_eq!(requests(&cluster)["total"], 7);
    // With a managed index: the sizes, and the audit's reads for the disk forecast of its impact.
    cluster.raw("PUT", "/t0-2024.03.15", Some(r#"{"settings": {"index.lifecycle.name": "p0"}}"#));
    requests(&cluster);
    run(&cluster, &["plan", path(changed.path())]).success().stdout_has("75 to update");
    assert_eq!(requests(&cluster)["total"], 8 + esops_core::audit::COLLECT_REQUESTS as u64);
}

#[test]
fn the_impact_preview_counts_indices_that_become_due() {
    let cluster = TestCluster::sandbox(SandboxConfig::default());
    let seed = r#"{"family":"python-logs","days":120,"policy":"python-logs","replicas":0}"#;
    assert_eq!(cluster.raw("POST", "/_sandbox/seed", Some(seed)).0, 200);
    let dir = tempfile::tempdir().unwrap();
    write_file(
        dir.path(),
        "p.yaml",
        "kind: ilm_policy\nname: python-logs\nphases: {hot: 7d, warm: 30d, cold: 60d, delete: true}\n",
    );
    let out = run(&cluster, &["plan", path(dir.path())])
        .success()
        .stdout_has("~ ilm_policy/python-logs  phases.cold: \"90d\" → \"60d\"  (")
        .stdout_has("Impact on existing indices:")
        .stdout_has("keep its cached definition");
    let line = out.stdout.lines().find(|l| l.contains("delete after 90d → 60d:")).expect("a delete effect");
    assert!(
        line.contains("ILM will delete the data of 30 indices,") && line.contains("at its next poll: python-logs-"),
        "{line}"
    );
    let doc = json_of(&run(&cluster, &["plan", "-o", "json", path(dir.path())]).success().stdout);
    let effect = &doc["impact"][0]["effects"][0];
    assert_eq!((effect["phase"].as_str(), effect["effect"].as_str()), (Some("delete"), Some("due_now")));
    // Daily indices aged 60 to 89 days.
    assert_eq!(effect["indices"].as_array().unwrap().len(), 30, "{effect}");
    let md = run(&cluster, &["plan", "-o", "markdown", path(dir.path())]).success().stdout;
    assert!(md.starts_with("### esops plan\n\n**Plan: 0 to create, 1 to update, 0 to delete, 0 unchanged.**"), "{md}");
    assert!(md.contains("#### Impact on existing indices"), "{md}");
}

#[test]
fn apply_off_a_terminal_without_yes_refuses_and_changes_nothing() {
    let cluster = TestCluster::start();
    let p = prefix("noyes");
    let _cleanup = Cleanup { cluster: &cluster, prefix: p.clone() };
    let dir = tempfile::tempdir().unwrap();
    write_file(dir.path(), "p.yaml", &format!("kind: ingest_pipeline\nname: {p}-x\nprocessors: []\n"));
    run(&cluster, &["apply", path(dir.path())])
        .failure()
        .stdout_has(&format!("+ ingest_pipeline/{p}-x  (create)"))
        .stderr_has("pass --yes to apply without asking (nothing was changed)");
    assert_eq!(cluster.raw("GET", &format!("/_ingest/pipeline/{p}-x"), None).0, 404);
}

#[test]
fn an_invalid_tree_is_refused_before_any_request() {
    let cluster = TestCluster::sandbox(SandboxConfig::default());
    let dir = tempfile::tempdir().unwrap();
    write_file(dir.path(), "bad.yaml", "kind: ilm_policy\nname: x\nphases: {hot: 30d, warm: 7d}\n");
    requests(&cluster);
    run(&cluster, &["apply", "--yes", path(dir.path())]).failure().stderr_has("nothing was sent");
    assert_eq!(requests(&cluster)["total"], 0);
}

#[test]
fn the_ci_example_is_valid_yaml_and_its_esops_commands_parse() {
    use clap::Parser;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ci/github-actions.yml");
    let workflow: Value = serde_saphyr::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let jobs = workflow["jobs"].as_object().expect("jobs");
    assert_eq!(jobs.keys().collect::<Vec<_>>(), ["validate", "plan", "apply"]);
    let mut commands = Vec::new();
    for job in jobs.values() {
        for step in job["steps"].as_array().unwrap() {
            let script = step["run"].as_str().unwrap_or_default();
            commands.extend(script.lines().map(str::trim).filter(|l| l.starts_with("esops ")).map(str::to_string));
        }
    }
    assert_eq!(commands.len(), 4, "{commands:?}");
    for command in commands {
        let words: Vec<&str> = command.split_whitespace().take_while(|w| *w != ">").collect();
        if let Err(e) = esops::cli::Cli::try_parse_from(&words) {
            panic!("`{command}` does not parse: {e}");
        }
    }
}

fn on_a_terminal(cluster: &TestCluster, args: &str, answer: &str) -> Option<(i32, String)> {
    crate::common::on_a_terminal(&[("ESOPS_URL", cluster.url())], args, answer)
}

#[test]
fn on_a_terminal_apply_asks_and_only_yes_applies() {
    let cluster = TestCluster::sandbox(SandboxConfig::default());
    let dir = tempfile::tempdir().unwrap();
    write_file(dir.path(), "p.yaml", "kind: ingest_pipeline\nname: asked\nprocessors: []\n");
    let Some((code, screen)) = on_a_terminal(&cluster, &format!("apply {}", path(dir.path())), "y\n") else {
        eprintln!("no `script` command: cannot stage a terminal here");
        return;
    };
    assert_eq!(code, 1, "{screen}");
    assert!(screen.contains("Apply these changes to http://127.0.0.1:"), "{screen}");
    assert!(screen.contains("Not applied."), "{screen}");
    assert_eq!(cluster.raw("GET", "/_ingest/pipeline/asked", None).0, 404);

    let (code, screen) = on_a_terminal(&cluster, &format!("apply {}", path(dir.path())), "yes\n").unwrap();
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("Applied 1 of 1 change:"), "{screen}");
    assert_eq!(cluster.raw("GET", "/_ingest/pipeline/asked", None).0, 200);
}

#[test]
fn apply_that_makes_ilm_delete_data_asks_for_the_cluster_name_not_yes() {
    let cluster = TestCluster::sandbox(SandboxConfig::default());
    let seed = r#"{"family":"python-logs","days":120,"policy":"python-logs","replicas":0}"#;
    assert_eq!(cluster.raw("POST", "/_sandbox/seed", Some(seed)).0, 200);
    let name = json_of(&cluster.raw("GET", "/", None).1)["cluster_name"].as_str().unwrap().to_owned();
    let dir = tempfile::tempdir().unwrap();
    write_file(
        dir.path(),
        "p.yaml",
        "kind: ilm_policy\nname: python-logs\nphases: {hot: 7d, warm: 30d, cold: 60d, delete: true}\n",
    );
    let args = format!("apply {}", path(dir.path()));
    let Some((code, screen)) = on_a_terminal(&cluster, &args, "yes\n") else {
        eprintln!("no `script` command: cannot stage a terminal here");
        return;
    };
    assert_eq!(code, 1, "{screen}");
    assert!(screen.contains("this plan makes ILM delete the data of 30 indices ("), "{screen}");
    assert!(screen.contains(&format!("Type the cluster name ({name}) to apply and delete that data: ")), "{screen}");
    assert!(screen.contains("Not applied."), "{screen}");
    let (code, screen) = on_a_terminal(&cluster, &args, &format!("{name}\n")).unwrap();
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("Apply complete (read back: the cluster holds the plan)."), "{screen}");
}

#[test]
fn a_change_in_the_shorthand_is_named_as_written_with_its_line() {
    let cluster = TestCluster::start();
    let p = prefix("written");
    let _cleanup = Cleanup { cluster: &cluster, prefix: p.clone() };
    let dir = tempfile::tempdir().unwrap();
    let tree = write_file(dir.path(), "stack.yaml", &full_tree(&p));
    run(&cluster, &["apply", "--yes", path(dir.path())]).success();
    std::fs::write(&tree, full_tree(&p).replace("cold: 90d", "cold: 60d")).unwrap();
    let out = run(&cluster, &["plan", "--detailed-exitcode", path(dir.path())]).code(2);
    // `cold: 90d` (line 7) is where the delete phase's min_age comes from.
    let expected =
        format!("~ ilm_policy/{p}-logs  phases.cold: \"90d\" → \"60d\"  ({}:7, phases.delete.min_age)", tree.display());
    assert!(out.stdout.contains(&expected), "expected {expected:?} in:\n{}", out.stdout);
    let out = run(&cluster, &["plan", "-o", "json", "--detailed-exitcode", path(dir.path())]).code(2);
    let doc = json_of(&out.stdout);
    let change = doc["changes"].as_array().unwrap().iter().find(|c| c["name"] == format!("{p}-logs")).unwrap();
    assert_eq!(change["diff"][0]["path"], "phases.delete.min_age");
    assert_eq!(change["diff"][0]["written"], json!({"path": "phases.cold", "line": 7}));
}
