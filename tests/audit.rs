//! `esops audit` end to end: a seeded sandbox moved along by the virtual clock so that ILM put
//! indices through their phases, one index stuck in ERROR, and the clutter real clusters have.

use crate::common::{TestCluster, esops};
use es_sandbox::SandboxConfig;
use serde_json::{Value, json};

/// 2024-03-15T12:30:00Z, when the sandbox starts.
const START: i64 = 1_710_505_800_000;
/// Four days later, when the audits run.
const AUDIT_NOW: &str = "2024-03-19T12:30:00Z";

fn sandbox_at_start() -> TestCluster {
    TestCluster::sandbox(SandboxConfig { start_millis: Some(START), frozen_clock: true, ..Default::default() })
}

fn ok(cluster: &TestCluster, method: &str, path: &str, body: Value) {
    cluster.request(method, path, Some(body));
}

/// Every finding code has a reason to fire in this cluster, and each fires only where it should.
fn staged_cluster() -> TestCluster {
    let c = sandbox_at_start();
    ok(
        &c,
        "POST",
        "/_sandbox/seed",
        json!({"family": "python-logs", "days": 40, "policy": "python-logs", "extras": true, "replicas": 0}),
    );
    // Two days of a family with 120 GiB primaries: too large, too many documents per shard.
    ok(
        &c,
        "POST",
        "/_sandbox/seed",
        json!({"family": "big-logs", "days": 2, "policy": "python-logs", "daily_bytes": 128_849_018_880u64, "replicas": 0}),
    );
    // A rollover policy on a date-named index: ILM stops in ERROR, and the index outlives its delete age.
    ok(
        &c,
        "PUT",
        "/_ilm/policy/rolling",
        json!({"policy": {"phases": {
        "hot": {"actions": {"rollover": {"max_age": "1d"}}},
        "delete": {"min_age": "2d", "actions": {"delete": {}}}}}}),
    );
    ok(
        &c,
        "PUT",
        "/stuck-logs-2024.03.15",
        json!({"settings": {"index.lifecycle.name": "rolling", "number_of_replicas": 0}}),
    );
    ok(
        &c,
        "PUT",
        "/_ilm/policy/keep-forever",
        json!({"policy": {"phases": {"hot": {"actions": {"set_priority": {"priority": 100}}}}}}),
    );
    ok(
        &c,
        "PUT",
        "/forever-000001",
        json!({"settings": {"index.lifecycle.name": "keep-forever", "number_of_replicas": 0},
        "aliases": {"forever": {"is_write_index": true}}}),
    );
    ok(
        &c,
        "PUT",
        "/ghost-2024.03.14",
        json!({"settings": {"index.lifecycle.name": "does-not-exist", "number_of_replicas": 0}}),
    );
    for index in ["bad-2024.02.30", "future-2099.01.01", "blocked-2024.03.14"] {
        ok(&c, "PUT", &format!("/{index}"), json!({"settings": {"number_of_replicas": 0}}));
    }
    for index in
        ["stuck-logs-2024.03.15", "ghost-2024.03.14", "bad-2024.02.30", "future-2099.01.01", "blocked-2024.03.14"]
    {
        ok(&c, "POST", &format!("/{index}/_doc"), json!({"message": "hello"}));
    }
    // The seeded disk is 27.10 % full: past low, below high, and a day's growth from the flood stage.
    // The 91 open shards are past 80 % of a 100-shard limit.
    ok(
        &c,
        "PUT",
        "/_cluster/settings",
        json!({"persistent": {
        "cluster.max_shards_per_node": "100",
        "cluster.routing.allocation.disk.watermark.low": "25%",
        "cluster.routing.allocation.disk.watermark.high": "27.12%",
        "cluster.routing.allocation.disk.watermark.flood_stage": "27.13%"}}),
    );
    ok(&c, "POST", "/_sandbox/clock/_advance?by=4d", json!({}));
    // After the clock moved: like ES's disk monitor, the sandbox releases a read_only_allow_delete
    // block on its next run when the node is below the high watermark.
    ok(&c, "PUT", "/blocked-2024.03.14/_settings", json!({"index.blocks.read_only_allow_delete": true}));
    c
}

fn audit_json(c: &TestCluster, extra: &[&str]) -> Value {
    let out = esops().against(c).args(["audit", "-o", "json", "--now", AUDIT_NOW]).args(extra).run().success();
    serde_json::from_str(&out.stdout).expect("audit JSON")
}

/// `code subject` for every finding, sorted.
fn finding_keys(report: &Value) -> Vec<String> {
    let mut keys: Vec<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| format!("{} {}", f["code"].as_str().unwrap(), f["subject"].as_str().unwrap()))
        .collect();
    keys.sort();
    keys
}

#[test]
fn every_finding_code_fires_where_it_should_and_nowhere_else() {
    let c = staged_cluster();
    let report = audit_json(&c, &[]);
    assert_eq!(
        finding_keys(&report),
        [
            "disk-watermark sandbox-node-1",
            "empty-index empty-index",
            "flood-stage-forecast cluster",
            "future-date future",
            "ilm-step-error stuck-logs",
            "past-retention stuck-logs",
            "policy-missing ghost",
            "policy-without-delete keep-forever",
            "read-only-block cluster",
            "rollover-on-date-named stuck-logs",
            "shard-limit cluster",
            "shard-too-large big-logs",
            "shard-too-many-docs big-logs",
            "shard-too-small logs-app-default",
            "unmanaged-index bad",
            "unmanaged-index blocked",
            "unmanaged-index empty-index",
            "unmanaged-index future",
            "unmanaged-index logs-app-default",
            "unmanaged-index tmp-reindex-python-logs",
            "unparsable-date bad",
        ]
    );
    let stuck = report["findings"].as_array().unwrap().iter().find(|f| f["code"] == "ilm-step-error").unwrap();
    assert_eq!(stuck["severity"], "error");
    assert_eq!(stuck["indices"], json!(["stuck-logs-2024.03.15"]));
    assert!(
        stuck["evidence"].as_str().unwrap().contains("rollover_alias"),
        "the step_info reason is the evidence: {}",
        stuck["evidence"]
    );
    assert_eq!(report["schema_version"], 1);
    let shards = &report["shards"];
    assert_eq!(
        (&shards["limit"], &shards["max_shards_per_node"], &shards["data_nodes"]),
        (&json!(100), &json!(100), &json!(1))
    );
    let open = shards["open"].as_u64().expect("open shards");
    assert!((80..100).contains(&open), "past 80 % of the limit, not at it: {open}");
    let python = report["families"].as_array().unwrap().iter().find(|f| f["name"] == "python-logs").unwrap();
    assert_eq!(python["indices"], 40);
    assert_eq!(python["policy"], "python-logs");
    assert_eq!(python["phases"], json!({"hot": 3, "warm": 23, "cold": 14}));
}

#[test]
fn fail_on_sets_the_exit_code() {
    let c = staged_cluster();
    esops().against(&c).args(["audit", "-q", "--now", AUDIT_NOW, "--fail-on", "error"]).run().code(2);
    // The healthy family alone: the cluster-wide disk warning remains, nothing at error.
    let family = ["audit", "-q", "--now", AUDIT_NOW, "--family", "python-logs", "--horizon", "0d"];
    esops().against(&c).args(family).args(["--fail-on", "error"]).run().code(0);
    esops().against(&c).args(family).args(["--fail-on", "warn"]).run().code(2);
    esops().against(&c).args(family).run().code(0);
}

#[test]
fn the_request_count_does_not_depend_on_the_number_of_indices() {
    let count_for = |days: u32| {
        let c = sandbox_at_start();
        ok(&c, "POST", "/_sandbox/seed", json!({"family": "python-logs", "days": days, "replicas": 0}));
        ok(&c, "DELETE", "/_sandbox/requests", json!({}));
        esops().against(&c).args(["audit", "-o", "json", "--now", "2024-03-15T12:30:00Z"]).run().success();
        let (_, counts) = c.raw("GET", "/_sandbox/requests", None);
        let counts: Value = serde_json::from_str(&counts).unwrap();
        counts["total"].as_u64().unwrap()
    };
    let small = count_for(10);
    assert_eq!(small, esops_core::audit::COLLECT_REQUESTS as u64);
    assert_eq!(count_for(10_000), small);
}

/// Every output format, as the staged cluster renders it (the clock and the seed are fixed, so
/// the only thing to redact would be the port, which no format prints).
#[test]
fn output_formats() {
    let c = staged_cluster();
    let run = |args: &[&str]| esops().against(&c).args(["audit", "--now", AUDIT_NOW]).args(args).run().success().stdout;
    insta::assert_snapshot!("table", run(&[]));
    insta::assert_snapshot!("table_by_phase", run(&["--by", "phase"]));
    insta::assert_snapshot!("table_by_day", run(&["--by", "day", "--family", "python-logs"]));
    insta::assert_snapshot!("csv", run(&["-o", "csv"]));
    insta::assert_snapshot!("csv_by_node", run(&["-o", "csv", "--by", "node"]));
    insta::assert_snapshot!("prometheus", run(&["-o", "prometheus"]));
    insta::assert_snapshot!("markdown", run(&["-o", "markdown"]));
    insta::assert_snapshot!("json_one_family", run(&["-o", "json", "--family", "big-logs"]));
}

/// What any cluster can stage: a few date-named indices under a unique prefix, audited by
/// pattern, then removed. Runs against `ESOPS_TEST_URL` too.
#[test]
fn families_and_unmanaged_indices_on_any_cluster() {
    let c = TestCluster::start();
    let prefix = format!("esops-audit-{}", std::process::id());
    let names: Vec<String> =
        ["2024.03.13", "2024.03.14", "2024.03.15"].iter().map(|d| format!("{prefix}-{d}")).collect();
    for name in &names {
        ok(&c, "PUT", &format!("/{name}"), json!({"settings": {"number_of_replicas": 0}}));
    }
    let report = audit_json(&c, &["--pattern", &format!("{prefix}-*")]);
    for name in &names {
        ok(&c, "DELETE", &format!("/{name}"), json!({}));
    }
    assert_eq!(report["totals"]["indices"], 3);
    let family = &report["families"][0];
    assert_eq!(family["name"], prefix);
    assert_eq!(family["oldest_date"], "2024-03-13");
    assert_eq!(family["newest_date"], "2024-03-15");
    assert_eq!(family["phases"], json!({"unmanaged": 3}));
    assert_eq!(finding_keys(&report).iter().filter(|k| k.starts_with("unmanaged-index")).count(), 1);
}
