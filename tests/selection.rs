//! The selection engine's limits (`--keep-last`, `--keep-total-below`, `--keep-disk-below`, the
//! `--min-age` floor), the `indices` actions on a selection, saved plans, and what a run reports
//! when the cluster loses its answers — attacked on the sandbox with several nodes and replicas.
//!
//! The tests that need the sandbox (several nodes, faults, its disk) skip themselves against a
//! real cluster (`ESOPS_TEST_URL`).

use std::collections::{BTreeMap, BTreeSet};

use crate::common::{Outcome, Scoped, TestCluster, esops};
use es_sandbox::SandboxConfig;
use serde_json::{Value, json};

const NOW: &str = "2024-06-01T12:00:00Z";

crate::common::scoped_fixture!();

impl Fixture {
    /// On the test cluster (a sandbox or the real one).
    fn new(tag: &str) -> Self {
        Fixture(Scoped::start("sel", tag))
    }

    /// Always a sandbox of `nodes` data nodes (replicas spread over them).
    fn sandbox(tag: &str, nodes: u64) -> Self {
        let scoped = Scoped::start("sel", tag);
        let cluster = TestCluster::sandbox(SandboxConfig { nodes: Some(nodes), ..Default::default() });
        Fixture(Scoped { cluster, prefix: scoped.prefix })
    }

    fn create(&self, rest: &str, body: Value) -> String {
        let name = self.name(rest);
        self.request("PUT", &format!("/{name}"), Some(body));
        name
    }

    fn names(&self) -> BTreeSet<String> {
        self.cat().keys().cloned().collect()
    }

    fn cat(&self) -> BTreeMap<String, Value> {
        let v = self.request(
            "GET",
            &format!(
                "/_cat/indices/{p}*,.ds-{p}*?format=json&bytes=b&expand_wildcards=all&h=index,status,rep,pri,store.size",
                p = self.prefix
            ),
            None,
        );
        v.as_array().into_iter().flatten().map(|r| (r["index"].as_str().unwrap().to_string(), r.clone())).collect()
    }

    fn run(&self, args: &[&str]) -> Outcome {
        esops().against(&self.cluster).args(args).args(["--now", NOW]).run()
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if !self.cluster.is_real() {
            return;
        }
        let names: Vec<String> = self.names().into_iter().collect();
        if !names.is_empty() {
            let _ = self.cluster.raw("DELETE", &format!("/{}", names.join(",")), None);
        }
    }
}

fn json_of(outcome: &Outcome) -> Value {
    serde_json::from_str(&outcome.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", outcome.stdout))
}

fn selected(doc: &Value) -> Vec<String> {
    doc["selected"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap().to_string()).collect()
}

fn reason(doc: &Value, name: &str) -> Value {
    let excluded = doc["excluded"].as_array().unwrap();
    excluded.iter().find(|e| e["name"] == name).unwrap_or_else(|| panic!("{name} not excluded: {doc}"))["reason"]
        .clone()
}

#[test]
fn keep_last_keeps_the_newest_of_each_family_and_the_write_index_counts() {
    let f = Fixture::new("count");
    let a: Vec<String> = ["a-2024.05.01", "a-2024.05.02", "a-2024.05.03", "a-2024.05.04"]
        .iter()
        .map(|r| f.create(r, json!({})))
        .collect();
    let alias = f.name("b-write");
    let b_old = f.create("b-2024.05.01", json!({}));
    let b_write = f.create("b-2024.05.02", json!({"aliases": {alias.clone(): {"is_write_index": true}}}));
    let doc = json_of(&f.run(&["retention", &f.name("*"), "--keep-last", "2", "-o", "json"]).success());
    assert_eq!(selected(&doc), [a[0].clone(), a[1].clone()]);
    assert_eq!(doc["selected"][0]["selected_by"], "count");
    f.run(&["retention", &f.name("*"), "--keep-last", "1", "--execute", "--yes"]).success();
    // b keeps its write index (the newest, and protected); a keeps one.
    assert_eq!(f.names(), BTreeSet::from([a[3].clone(), b_write.clone()]));
    assert!(!f.names().contains(&b_old));
}

#[test]
fn size_pressure_never_takes_a_write_index_a_data_stream_write_index_or_a_young_index() {
    let f = Fixture::sandbox("space", 3);
    // The backing index is named after the clock's day: a month before NOW, old enough to go.
    f.request("POST", "/_sandbox/clock/_set?to=2024-05-01T00:00:00Z", None);
    let stream = f.name("stream");
    f.request(
        "PUT",
        &format!("/_index_template/{}", f.name("tpl")),
        Some(json!({"index_patterns": [format!("{stream}*")], "data_stream": {}, "priority": 500})),
    );
    f.request("PUT", &format!("/_data_stream/{stream}"), None);
    let alias = f.name("logs-write");
    let old: Vec<String> = ["logs-2024.04.01", "logs-2024.04.02"]
        .iter()
        .map(|r| f.create(r, json!({"settings": {"number_of_replicas": 2}})))
        .collect();
    let write = f.create("logs-2024.04.03", json!({"aliases": {alias.clone(): {"is_write_index": true}}}));
    // Ended 12 hours before NOW: under the default one-day floor.
    let young = f.create("other-2024.05.31", json!({}));
    let newest_other = f.create("other-2024.06.01", json!({}));
    let before = f.cat();
    // Replicas count: an index with two replicas on three nodes holds three copies.
    let one_copy = before[&young]["store.size"].as_str().unwrap().parse::<u64>().unwrap();
    let three = before[&old[0]]["store.size"].as_str().unwrap().parse::<u64>().unwrap();
    // (the young index has the default single replica: two copies)
    assert_eq!(three, 3 * (one_copy / 2), "{before:?}");
    let (pattern, backing) = (f.name("*"), format!(".ds-{stream}*"));
    let pressure =
        ["retention", &pattern, &backing, "--keep-total-below", "1b", "--total-of", "matched", "--include-hidden"];
    let doc = json_of(&f.run(&[&pressure[..], &["-o", "json"]].concat()).success());
    assert_eq!(selected(&doc), old, "only the unprotected old indices go: {doc}");
    assert_eq!(reason(&doc, &write)["code"], "write_index");
    assert_eq!(reason(&doc, &young), json!({"code": "below_min_age", "min_age_millis": 86_400_000}));
    let ds_write = f.names().into_iter().find(|n| n.starts_with(".ds-")).unwrap();
    assert_eq!(reason(&doc, &ds_write)["code"], "write_index");
    assert!(doc["unmet"][0].as_str().unwrap().contains("over --keep-total-below 1 B"), "{doc}");
    f.run(&[&pressure[..], &["--execute", "--yes"]].concat())
        .success()
        .stderr_has("after this selection, over --keep-total-below");
    let left = f.names();
    for survivor in [&write, &young, &newest_other, &ds_write] {
        assert!(left.contains(survivor), "{survivor} must survive: {left:?}");
    }
    assert!(old.iter().all(|o| !left.contains(o)));
}

#[test]
fn disk_pressure_takes_the_oldest_across_families_until_the_fullest_node_fits() {
    let f = Fixture::sandbox("disk", 3);
    let mut created = Vec::new();
    for day in 1..=6 {
        for family in ["web", "api"] {
            created
                .push(f.create(&format!("{family}-2024.05.{day:02}"), json!({"settings": {"number_of_replicas": 1}})));
        }
    }
    // Each node's disk: index data plus 11 kb of other files, on a 20 kb disk (over 60 %).
    f.cluster.raw("POST", "/_sandbox/disk?total=20kb&other=11kb", None);
    let out = f.run(&["retention", &f.name("*"), "--keep-disk-below", "60", "-o", "json"]).success();
    let doc = json_of(&out);
    let chosen = selected(&doc);
    assert!(!chosen.is_empty(), "{doc}");
    assert!(doc["selected"].as_array().unwrap().iter().all(|s| s["selected_by"] == "disk"));
    // Oldest first across both families: the chosen are the oldest of all, by name date.
    let by_date = |n: &String| n.rsplit('-').next().unwrap().to_string();
    let mut sorted = created.clone();
    sorted.sort_by_key(|n| (by_date(n), n.clone()));
    let oldest_dates: BTreeSet<String> = chosen.iter().map(by_date).collect();
    let newest_chosen = oldest_dates.iter().max().unwrap().clone();
    assert!(sorted.iter().filter(|n| by_date(n) < newest_chosen).all(|n| chosen.contains(n)), "{chosen:?}");
    // Recompute the fullest node from the raw allocation and shard placement: under 60 % after,
    // at or over it without the last choice.
    let shards = f.request("GET", "/_cat/shards?format=json&bytes=b&h=index,node,store", None);
    let alloc = f.request("GET", "/_cat/allocation?format=json&bytes=b&h=node,disk.used,disk.total", None);
    let fullest = |gone: &[String]| -> f64 {
        alloc
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["node"] != "UNASSIGNED")
            .map(|n| {
                let node = n["node"].as_str().unwrap();
                let freed: u64 = shards
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|s| s["node"] == node && gone.iter().any(|g| s["index"] == g.as_str()))
                    .map(|s| s["store"].as_str().unwrap().parse::<u64>().unwrap())
                    .sum();
                let used: u64 = n["disk.used"].as_str().unwrap().parse().unwrap();
                let total: u64 = n["disk.total"].as_str().unwrap().parse().unwrap();
                (used - freed) as f64 * 100.0 / total as f64
            })
            .fold(0.0, f64::max)
    };
    let order: Vec<String> = sorted.iter().filter(|n| chosen.contains(n)).cloned().collect();
    assert!(fullest(&order) < 60.0, "{}", fullest(&order));
    assert!(fullest(&order[..order.len() - 1]) >= 60.0);
    // Impossible pressure: everything but the newest of each family, and a warning.
    let out = f.run(&["retention", &f.name("*"), "--keep-disk-below", "1"]).success();
    assert!(out.stderr.contains("stays at") && out.stderr.contains("over --keep-disk-below 1%"), "{}", out.stderr);
    assert!(out.stdout.contains("10 selected"), "{}", out.stdout);
}

#[test]
fn a_saved_plan_runs_exactly_as_reviewed_or_not_at_all() {
    let f = Fixture::new("plan");
    let old: Vec<String> = ["2024.01.01", "2024.01.02", "2024.01.03"].iter().map(|r| f.create(r, json!({}))).collect();
    let newest = f.create("2024.05.31", json!({}));
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    let plan = plan.to_str().unwrap();
    f.run(&["retention", &f.name("*"), "--older-than", "30d", "--plan-out", plan]).success().stderr_has("plan saved");
    // The cluster drifts: one planned index is deleted by someone else.
    f.request("DELETE", &format!("/{}", old[0]), None);
    let before = f.names();
    f.run(&["retention", "--execute", "--yes", "--plan", plan])
        .failure()
        .stderr_has("no longer matches the reviewed plan")
        .stderr_has(&format!("{} is gone", old[0]));
    assert_eq!(f.names(), before, "a stale plan changes nothing");
    // A new plan, reviewed, then carried out as is — even with a different --now on the command line.
    f.run(&["retention", &f.name("*"), "--older-than", "30d", "--plan-out", plan]).success();
    f.run(&["retention", "--execute", "--yes", "--plan", plan]).success().stdout_has("2 deleted");
    assert_eq!(f.names(), BTreeSet::from([newest]));
    // Another action's command refuses the plan.
    f.run(&["indices", "close", "--execute", "--yes", "--plan", plan]).failure().stderr_has("the plan is for `delete`");
}

#[test]
fn a_delete_whose_answer_is_lost_is_reported_as_done_by_this_run_and_logged() {
    let f = Fixture::new("lost");
    if f.cluster.is_real() {
        return; // needs sandbox faults
    }
    let old: Vec<String> = ["2024.01.01", "2024.01.02"].iter().map(|r| f.create(r, json!({}))).collect();
    f.create("2024.05.31", json!({}));
    let log = tempfile::NamedTempFile::new().unwrap();
    for fault in [
        json!({"method": "DELETE", "path": f.prefix, "status": 504, "after_work": true, "count": 1}),
        json!({"method": "DELETE", "path": f.prefix, "drop_connection": true, "after_work": true, "count": 1}),
    ] {
        let old: Vec<String> = if f.names().contains(&old[0]) {
            old.clone()
        } else {
            ["2023.01.01", "2023.01.02"].iter().map(|r| f.create(r, json!({}))).collect()
        };
        f.request("POST", "/_sandbox/faults", Some(fault));
        let pattern = f.name("*");
        let out = f.run(&[
            "retention",
            &pattern,
            "--older-than",
            "30d",
            "--execute",
            "--yes",
            "-o",
            "json",
            "--log-file",
            log.path().to_str().unwrap(),
        ]);
        let doc = json_of(&out.success());
        for name in &old {
            let result =
                doc["execution"]["results"].as_array().unwrap().iter().find(|r| r["index"] == name.as_str()).unwrap();
            assert_eq!(result["result"], "done_answer_lost", "{result}");
        }
        assert!(old.iter().all(|o| !f.names().contains(o)));
        let lines: Vec<Value> =
            std::fs::read_to_string(log.path()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        for name in &old {
            assert!(
                lines.iter().any(|l| l["event"] == "intent" && l["indices"].as_array().unwrap().contains(&json!(name)))
            );
            assert!(lines.iter().any(|l| l["event"] == "outcome" && l["index"] == name.as_str() && l["done"] == true));
        }
    }
}

#[test]
fn a_cluster_that_keeps_failing_costs_one_request_not_one_per_index() {
    let f = Fixture::new("503");
    if f.cluster.is_real() {
        return; // needs sandbox faults
    }
    let old: Vec<String> = (1..=9).map(|d| f.create(&format!("2024.01.{d:02}"), json!({}))).collect();
    f.create("2024.05.31", json!({}));
    f.request(
        "POST",
        "/_sandbox/faults",
        Some(json!({"method": "DELETE", "status": 503, "headers": {"Retry-After": "1"}})),
    );
    f.cluster.raw("DELETE", "/_sandbox/requests", None);
    let started = std::time::Instant::now();
    let out = f.run(&["retention", &f.name("*"), "--older-than", "30d", "--execute", "--yes"]).failure();
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
    assert!(out.stdout.contains("0 deleted") && out.stdout.contains("9 failed"), "{}", out.stdout);
    let (_, counts) = f.cluster.raw("GET", "/_sandbox/requests", None);
    let counts: Value = serde_json::from_str(&counts).unwrap();
    assert_eq!(counts["by_route"]["DELETE /{index}"], json!(1), "{counts}");
    assert_eq!(f.names().len(), old.len() + 1);
}

#[test]
fn indices_actions_close_open_set_replicas_and_forcemerge_a_selection() {
    let f = Fixture::new("actions");
    let old: Vec<String> = ["2024.01.01", "2024.01.02"].iter().map(|r| f.create(r, json!({}))).collect();
    let newest = f.create("2024.05.31", json!({}));
    let pattern = f.name("*");
    let before = f.cat();
    f.run(&["indices", "close", &pattern, "--older-than", "30d"]).success().stderr_has("dry run: nothing was changed");
    assert_eq!(f.cat(), before);
    f.run(&["indices", "close", &pattern, "--older-than", "30d", "--execute", "--yes"]).success().stdout_has("2 done");
    let cat = f.cat();
    assert!(old.iter().all(|o| cat[o]["status"] == "close") && cat[&newest]["status"] == "open", "{cat:?}");
    // Closing again has nothing to do, and says so.
    let doc = json_of(&f.run(&["indices", "close", &pattern, "--older-than", "30d", "-o", "json"]).success());
    assert_eq!(reason(&doc, &old[0]), json!({"code": "nothing_to_do", "why": "already closed"}));
    f.run(&["indices", "open", &pattern, "--older-than", "30d", "--execute", "--yes"]).success();
    assert!(f.cat().values().all(|r| r["status"] == "open"));
    f.run(&["indices", "set-replicas", "0", &pattern, "--older-than", "30d", "--execute", "--yes"]).success();
    let cat = f.cat();
    assert!(old.iter().all(|o| cat[o]["rep"] == "0") && cat[&newest]["rep"] == "1", "{cat:?}");
    f.run(&["indices", "forcemerge", "--max-segments", "1", &pattern, "--older-than", "30d", "--execute", "--yes"])
        .success()
        .stdout_has("merged to ≤ 1 segments per shard");
}

#[test]
fn shrink_checks_and_explains_the_prerequisites_then_shrinks() {
    let f = Fixture::sandbox("shrink", 1);
    let ready = f.create("2024.01.01", json!({"settings": {"number_of_shards": 4, "number_of_replicas": 0}}));
    let unblocked = f.create("2024.01.02", json!({"settings": {"number_of_shards": 4, "number_of_replicas": 0}}));
    let prime = f.create("2024.01.03", json!({"settings": {"number_of_shards": 3, "number_of_replicas": 0}}));
    f.create("2024.05.31", json!({}));
    for name in [&ready, &prime] {
        f.request("PUT", &format!("/{name}/_settings"), Some(json!({"index.blocks.write": true})));
    }
    let pattern = f.name("*");
    let doc = json_of(
        &f.run(&["indices", "shrink", "--shards", "2", &pattern, "--older-than", "30d", "-o", "json"]).success(),
    );
    assert_eq!(selected(&doc), std::slice::from_ref(&ready));
    assert!(reason(&doc, &unblocked)["why"].as_str().unwrap().contains("not write-blocked"), "{doc}");
    assert!(reason(&doc, &prime)["why"].as_str().unwrap().contains("2 is not a factor of its 3 primary shards"));
    f.run(&["indices", "shrink", "--shards", "2", &pattern, "--older-than", "30d", "--execute", "--yes"]).success();
    let target = f.request("GET", &format!("/_cat/indices/shrink-{ready}?format=json&h=pri"), None);
    assert_eq!(target[0]["pri"], "2", "{target}");
    // The sandbox refuses as Elasticsearch does when a prerequisite is missing.
    let (status, body) = f.cluster.raw("POST", &format!("/{unblocked}/_shrink/x-{unblocked}"), Some("{}"));
    assert_eq!(status, 500);
    assert!(body.contains("must be read-only to resize index"), "{body}");
}

#[test]
fn ctrl_c_stops_after_the_request_in_flight_and_says_what_was_done() {
    let f = Fixture::new("sigint");
    if f.cluster.is_real() {
        return; // needs sandbox faults and request counts
    }
    let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let names: Vec<String> =
        (0..160).map(|i| f.create(&(start + chrono::Days::new(i)).format("%Y.%m.%d").to_string(), json!({}))).collect();
    // The first DELETE takes 2 s: time to interrupt while it is in flight.
    f.request("POST", "/_sandbox/faults", Some(json!({"method": "DELETE", "latency_ms": 2000, "count": 1})));
    f.cluster.raw("DELETE", "/_sandbox/requests", None);
    let log = tempfile::NamedTempFile::new().unwrap();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_esops"))
        .env_clear()
        .env("ESOPS_URL", f.cluster.url())
        .env("HOME", std::env::temp_dir())
        .args(["retention", &f.name("*"), "--older-than", "30d", "--now", NOW, "--execute", "--yes", "--max", "200"])
        .args(["--log-file", log.path().to_str().unwrap()])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let (_, counts) = f.cluster.raw("GET", "/_sandbox/requests", None);
        if serde_json::from_str::<Value>(&counts).unwrap()["by_route"]["DELETE /{index}"].as_u64().unwrap_or(0) > 0 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "esops never sent a DELETE");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    let status = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(stderr.contains("interrupted: stopping after the request in flight"), "{stderr}");
    assert!(stdout.contains("not attempted") && stdout.contains("— interrupted"), "{stdout}");
    // Exactly the batch in flight went, and the log accounts for each of its indices.
    let lines: Vec<Value> =
        std::fs::read_to_string(log.path()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let intents: Vec<&Value> = lines.iter().filter(|l| l["event"] == "intent").collect();
    assert_eq!(intents.len(), 1, "{lines:?}");
    let sent: BTreeSet<String> =
        intents[0]["indices"].as_array().unwrap().iter().map(|n| n.as_str().unwrap().to_string()).collect();
    let left = f.names();
    assert!(sent.iter().all(|n| !left.contains(n)));
    let done: BTreeSet<String> = lines
        .iter()
        .filter(|l| l["event"] == "outcome" && l["done"] == true)
        .map(|l| l["index"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(done, sent);
    assert_eq!(left.len(), names.len() - sent.len());
}

#[test]
fn an_answer_without_the_success_shape_is_never_counted_as_deleted() {
    let f = Fixture::new("shape");
    if f.cluster.is_real() {
        return; // needs sandbox faults
    }
    let old = f.create("2024.01.01", json!({}));
    f.create("2024.05.31", json!({}));
    for body in [json!({"acknowledged": false}), json!("<html>please log in</html>"), json!({})] {
        f.request(
            "POST",
            "/_sandbox/faults",
            Some(json!({"method": "DELETE", "status": 200, "body": body, "count": 1})),
        );
        let out = f.run(&["retention", &f.name("*"), "--older-than", "30d", "--execute", "--yes"]).failure();
        assert!(out.stdout.contains("0 deleted") && out.stdout.contains("1 failed"), "{body}: {}", out.stdout);
        assert!(out.stdout.contains("the re-read shows it not done"), "{}", out.stdout);
        assert!(f.names().contains(&old));
    }
}
