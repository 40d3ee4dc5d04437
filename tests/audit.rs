//! `esops audit` end to end: a seeded sandbox moved along by the virtual clock so that ILM put
//! indices through their phases, one index stuck in ERROR, and the clutter real clusters have.

use crate::common::{Scoped, TestCluster, esops};
use es_sandbox::SandboxConfig;
use serde_json::{Value, json};

/// 2024-03-15T12:30:00Z, when the sandbox starts.
const START: i64 = 1_710_505_800_000;
/// Four days later, when the audits run.
const AUDIT_NOW: &str = "2024-03-19T12:30:00Z";

fn sandbox_at_start() -> TestCluster {
    let path_repo = vec!["/srv/esops-snapshots".into()];
    TestCluster::sandbox(SandboxConfig {
        start_millis: Some(START),
        frozen_clock: true,
        path_repo,
        ..Default::default()
    })
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
    // Backups: a repository that works and one whose storage is gone; SLM stopped all along, so
    // the daily policy nobody runs is stale, one run by hand into the broken repository failed,
    // and the weekly one ran by hand and succeeded (covering python-logs only).
    ok(&c, "PUT", "/_snapshot/backups", json!({"type": "fs", "settings": {"location": "backups"}}));
    ok(&c, "PUT", "/_snapshot/broken", json!({"type": "fs", "settings": {"location": "broken"}}));
    let slm = |schedule: &str, repository: &str, indices: &str| {
        json!({"schedule": schedule, "name": "<snap-{now/d}>", "repository": repository,
               "config": {"indices": [indices]}})
    };
    ok(&c, "PUT", "/_slm/policy/weekly", slm("0 30 1 ? * SUN", "backups", "python-logs-*"));
    ok(&c, "PUT", "/_slm/policy/forgotten", slm("0 30 1 * * ?", "backups", "nothing-*"));
    ok(&c, "PUT", "/_slm/policy/into-broken", slm("0 30 1 ? * SUN", "broken", "archive-*"));
    ok(&c, "POST", "/_slm/stop", json!({}));
    ok(&c, "POST", "/_sandbox/snapshot_faults", json!({"repository": "broken", "state": "UNREACHABLE"}));
    ok(&c, "PUT", "/_slm/policy/weekly/_execute", json!({}));
    ok(&c, "PUT", "/_slm/policy/into-broken/_execute", json!({}));
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
            "delete-without-snapshot python-logs",
            "delete-without-snapshot rolling",
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
            "slm-policy-failing into-broken",
            "slm-policy-stale forgotten",
            "snapshot-repository-unverified broken",
            "unmanaged-index bad",
            "unmanaged-index blocked",
            "unmanaged-index empty-index",
            "unmanaged-index future",
            "unmanaged-index logs-app-default",
            "unmanaged-index tmp-reindex-python-logs",
            "unparsable-date bad",
        ]
    );
    let finding = |code: &str| report["findings"].as_array().unwrap().iter().find(|f| f["code"] == code).unwrap();
    let unprotected = finding("delete-without-snapshot");
    assert!(
        unprotected["indices"].as_array().unwrap().iter().all(|i| i.as_str().unwrap().starts_with("big-logs-")),
        "python-logs-* is in the nightly SLM policy: {unprotected}"
    );
    let backups = report["repositories"].as_array().unwrap().iter().find(|r| r["name"] == "backups").unwrap();
    assert_eq!((&backups["snapshots"], &backups["verified"]), (&json!(1), &json!(true)));
    assert!(backups["size_bytes"].as_u64().unwrap() > 0);
    let stuck = finding("ilm-step-error");
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
    // One family: its mappings take two requests (field caps, ignored values).
    let expected = esops_core::audit::COLLECT_REQUESTS + esops_core::audit::MAPPING_REQUESTS_PER_FAMILY;
    assert_eq!(small, expected as u64);
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
    insta::assert_snapshot!("table_by_repository", run(&["--by", "repository"]));
    insta::assert_snapshot!("csv_by_repository", run(&["-o", "csv", "--by", "repository"]));
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

crate::common::scoped_fixture!();

impl Drop for Fixture {
    fn drop(&mut self) {
        if self.cluster.is_real() {
            let _ = self.cluster.raw("DELETE", &format!("/{}-*", self.prefix), None);
        }
    }
}

/// Mapping trouble, seen before it loses data: one day's `status` a long and the next day's a
/// keyword (Kibana's conflict), a day whose mapping nears its field limit, a day whose typed field
/// kept a value out of the index (`ignore_malformed`). Works on a real cluster too.
#[test]
fn mapping_trouble_is_reported_before_data_is_lost() {
    let f = Fixture(Scoped::start("audit", "mappings"));
    let family = f.name("app");
    let index = |day: &str| format!("{family}-2024.03.{day}");
    let settings = |extra: Value| {
        let mut s = json!({"number_of_replicas": 0});
        s.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        s
    };
    f.request("PUT", &format!("/{}", index("13")), Some(json!({"settings": settings(json!({}))})));
    f.request("POST", &format!("/{}/_doc?refresh=true", index("13")), Some(json!({"status": 200})));
    // The next day: `status` a keyword, 9 fields of a limit of 10.
    f.request(
        "PUT",
        &format!("/{}", index("14")),
        Some(json!({"settings": settings(json!({"index.mapping.total_fields.limit": 10, "index.mapping.ignore_malformed": true})),
                     "mappings": {"properties": {
                         "duration": {"type": "float"}, "status": {"type": "keyword"},
                         "a": {"type": "keyword"}, "b": {"type": "keyword"}, "c": {"type": "keyword"},
                         "d": {"type": "keyword"}, "e": {"type": "keyword"}, "g": {"type": "keyword"}, "h": {"type": "keyword"}}}})),
    );
    f.request(
        "POST",
        &format!("/{}/_doc?refresh=true", index("14")),
        Some(json!({"status": "timeout", "duration": "1.5s", "a": "x", "b": "x", "c": "x", "d": "x", "e": "x", "g": "x"})),
    );
    f.request("POST", &format!("/{}/_doc?refresh=true", index("14")), Some(json!({"duration": 2.5})));

    let out = esops()
        .against(&f.cluster)
        .args(["audit", "-o", "json", "--now", "2024-03-15T12:00:00Z", "--family", &family])
        .run()
        .success();
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let findings: Vec<&Value> =
        report["findings"].as_array().unwrap().iter().filter(|f| f["subject"] == family).collect();
    let find =
        |code: &str| *findings.iter().find(|f| f["code"] == code).unwrap_or_else(|| panic!("no {code}: {findings:#?}"));

    let conflict = find("mapping-type-conflict");
    assert_eq!(conflict["severity"], "warn");
    assert_eq!(conflict["indices"], json!([index("13"), index("14")]));
    let evidence = conflict["evidence"].as_str().unwrap();
    assert!(
        evidence.contains(&format!("field `status` is mapped as keyword in {}, long in {}", index("14"), index("13"))),
        "{evidence}"
    );

    let limit = find("mapping-field-limit");
    assert_eq!(limit["severity"], "warn");
    assert_eq!(limit["indices"], json!([index("14")]));
    assert!(
        limit["evidence"]
            .as_str()
            .unwrap()
            .contains("maps 9 fields of its index.mapping.total_fields.limit of 10 (90%)"),
        "{limit}"
    );

    let ignored = find("ignored-values");
    assert_eq!(ignored["indices"], json!([index("14")]));
    let evidence = ignored["evidence"].as_str().unwrap();
    assert!(
        evidence.starts_with(
            "1 document(s) kept values out of the index (index.mapping.ignore_malformed) (fields: duration)"
        ),
        "{evidence}"
    );
    // The same findings in the table, like every other finding.
    let table = esops()
        .against(&f.cluster)
        .args(["audit", "--now", "2024-03-15T12:00:00Z", "--family", &family])
        .run()
        .success()
        .stdout;
    for code in ["mapping-type-conflict", "mapping-field-limit", "ignored-values"] {
        assert!(table.contains(code), "{table}");
    }
}
