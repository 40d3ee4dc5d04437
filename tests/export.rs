//! `esops export`: a cluster's resources as an esops tree that plans clean against the cluster it
//! came from.

use crate::common::{Outcome, TestCluster, esops, write_file};

fn run(cluster: &TestCluster, args: &[&str]) -> Outcome {
    esops().against(cluster).args(args).run()
}

/// Creates resources the way another tool (or Kibana) would: no esops mark, ES-side forms.
fn put_foreign_resources(cluster: &TestCluster, p: &str) {
    let puts = [
        (
            format!("/_ilm/policy/{p}-ilm"),
            r#"{"policy":{"phases":{"hot":{"actions":{"rollover":{"max_age":"30d","max_primary_shard_size":"50gb"}}},
                "delete":{"min_age":"90d","actions":{"delete":{}}}},"_meta":{"owner":"kibana-user"}}}"#
                .to_string(),
        ),
        (
            format!("/_component_template/{p}-ct"),
            r#"{"template":{"settings":{"number_of_shards":1},"mappings":{"properties":{"a":{"type":"keyword"}}}},"version":1}"#
                .to_string(),
        ),
        (
            format!("/_ingest/pipeline/{p}-pipe"),
            r#"{"description":"lower","processors":[{"lowercase":{"field":"a"}}]}"#.to_string(),
        ),
        (
            format!("/_index_template/{p}-it"),
            format!(
                r#"{{"index_patterns":["{p}-x-*"],"composed_of":["{p}-ct"],"priority":300,"data_stream":{{}},
                "template":{{"settings":{{"index.lifecycle.name":"{p}-ilm","index.default_pipeline":"{p}-pipe"}}}}}}"#
            ),
        ),
        (format!("/_ingest/pipeline/{p}-elastic"), r#"{"processors":[],"_meta":{"managed":true}}"#.to_string()),
    ];
    for (path, body) in puts {
        let (status, answer) = cluster.raw("PUT", &path, Some(&body));
        assert_eq!(status, 200, "PUT {path}: {answer}");
    }
}

fn cleanup(cluster: &TestCluster, p: &str) {
    if cluster.is_real() {
        for path in
            ["_index_template/{p}-it", "_component_template/{p}-ct", "_ingest/pipeline/{p}-*", "_ilm/policy/{p}-ilm"]
        {
            let _ = cluster.raw("DELETE", &format!("/{}", path.replace("{p}", p)), None);
        }
    }
}

#[test]
fn an_exported_tree_plans_clean_against_its_cluster() {
    let cluster = TestCluster::start();
    let p = format!("esops-export-{}", std::process::id());
    put_foreign_resources(&cluster, &p);
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("tree");
    let pattern = format!("{p}-*");
    run(&cluster, &["export", "--out", dir.to_str().unwrap(), &pattern])
        .success()
        .stderr_has("Exported 4 resource(s).");

    let policy = std::fs::read_to_string(dir.join(format!("ilm_policy/{p}-ilm.yaml"))).unwrap();
    // Plain-body form, server defaults (`min_age: 0ms`, `delete_searchable_snapshot`) left out.
    assert!(
        policy.starts_with(&format!("kind: ilm_policy\nname: {p}-ilm\npolicy:\n  phases:\n    hot:\n      actions:\n"))
    );
    for line in ["max_age: 30d", "max_primary_shard_size: 50gb", "min_age: 90d", "delete: {}", "owner: kibana-user"] {
        assert!(policy.contains(line), "{line} missing:\n{policy}");
    }
    assert!(!policy.contains("0ms") && !policy.contains("delete_searchable_snapshot"), "{policy}");
    assert!(dir.join(format!("component_template/{p}-ct.yaml")).exists());
    assert!(dir.join(format!("index_template/{p}-it.yaml")).exists());
    assert!(!dir.join(format!("ingest_pipeline/{p}-elastic.yaml")).exists(), "Elastic's own are left out");

    let plan = run(&cluster, &["plan", "--detailed-exitcode", dir.to_str().unwrap()]).success();
    assert!(plan.stdout.contains("Plan: 0 to create, 0 to update, 0 to delete, 4 unchanged."), "{}", plan.stdout);
    // Adopted, not yet marked as esops's: the plan says so.
    assert!(plan.stdout.contains("Not marked _meta.managed_by: esops"), "{}", plan.stdout);
    cleanup(&cluster, &p);
}

#[test]
fn an_applied_tree_exports_back_to_a_clean_plan() {
    let cluster = TestCluster::start();
    let p = format!("esops-roundtrip-{}", std::process::id());
    let src = tempfile::tempdir().unwrap();
    write_file(
        src.path(),
        "stack.yaml",
        &format!(
            "kind: ilm_policy\nname: {p}-logs\nphases: {{hot: 7d, warm: 30d, cold: 90d, delete: true}}\n---\n\
             kind: index_template\nname: {p}-logs\nindex_patterns: [\"{p}-logs-*\"]\npriority: 250\n\
             template: {{settings: {{index.lifecycle.name: {p}-logs, number_of_replicas: 0}}}}\n"
        ),
    );
    run(&cluster, &["apply", "--yes", src.path().to_str().unwrap()]).success();
    let out = tempfile::tempdir().unwrap();
    run(&cluster, &["export", "--out", out.path().to_str().unwrap(), &format!("{p}-*")]).success();
    run(&cluster, &["plan", "--detailed-exitcode", out.path().to_str().unwrap()])
        .success()
        .stdout_has("Plan: 0 to create, 0 to update, 0 to delete, 2 unchanged.");
    let _ = cluster.raw("DELETE", &format!("/_index_template/{p}-logs"), None);
    let _ = cluster.raw("DELETE", &format!("/_ilm/policy/{p}-logs"), None);
}

#[test]
fn export_refuses_to_overwrite_files_unless_forced() {
    let cluster = TestCluster::start();
    let p = format!("esops-overwrite-{}", std::process::id());
    put_foreign_resources(&cluster, &p);
    let out = tempfile::tempdir().unwrap();
    let existing = write_file(out.path(), &format!("ingest_pipeline/{p}-pipe.yaml"), "mine\n");
    let dir = out.path().to_str().unwrap();
    run(&cluster, &["export", "--out", dir, &format!("{p}-*")])
        .failure()
        .stderr_has("1 file(s) exist and would be overwritten")
        .stderr_has("--force");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "mine\n");
    assert!(!out.path().join("ilm_policy").exists(), "nothing is written when anything would be overwritten");
    run(&cluster, &["export", "--out", dir, "--force", &format!("{p}-*")]).success();
    assert!(std::fs::read_to_string(&existing).unwrap().starts_with("kind: ingest_pipeline\n"));
    cleanup(&cluster, &p);
}

#[test]
fn kinds_patterns_and_managed_resources_select_what_is_exported() {
    let cluster = TestCluster::start();
    let p = format!("esops-select-{}", std::process::id());
    put_foreign_resources(&cluster, &p);
    let pattern = format!("{p}-*");
    let pipelines = run(&cluster, &["export", "--kind", "ingest_pipeline", &pattern]).success().stdout;
    assert_eq!(pipelines.matches("kind: ingest_pipeline").count(), 1, "{pipelines}");
    let with_managed =
        run(&cluster, &["export", "--kind", "ingest_pipeline", "--include-managed", &pattern]).success().stdout;
    assert_eq!(with_managed.matches("kind: ingest_pipeline").count(), 2, "{with_managed}");
    assert!(with_managed.contains("\n---\n"), "a multi-document stream: {with_managed}");
    let exact = run(&cluster, &["export", &format!("{p}-ct")]).success().stdout;
    assert!(exact.starts_with(&format!("kind: component_template\nname: {p}-ct\n")), "{exact}");
    run(&cluster, &["export", "--kind", "bogus"]).failure().stderr_has("unknown kind");
    cleanup(&cluster, &p);
}
