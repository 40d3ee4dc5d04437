//! The sandbox through the flows esops drives: seed, audit-style reads, rollover dry run and
//! execution, retention deletes in batches, and the clock moving ILM along.

use es_sandbox::{BackgroundSandbox, SandboxConfig, SeedSpec};
use serde_json::{Value, json};

/// 2024-03-15T12:30:00Z
const NOW: i64 = 1_710_505_800_000;

/// A sandbox configured as given, its clock frozen at [`NOW`]: the flows assert dates.
fn sandbox_at_now(config: SandboxConfig) -> BackgroundSandbox {
    BackgroundSandbox::start(SandboxConfig { start_millis: Some(NOW), frozen_clock: true, ..config }).expect("sandbox")
}

struct Client {
    url: String,
    http: reqwest::Client,
    runtime: tokio::runtime::Runtime,
}

impl Client {
    fn new(sandbox: &BackgroundSandbox) -> Self {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        Client { url: sandbox.url(), http: reqwest::Client::new(), runtime }
    }

    fn send(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        self.runtime.block_on(async {
            let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
            let mut request = self.http.request(method, format!("{}{path}", self.url));
            if let Some(b) = body {
                request = request.json(&b);
            }
            let response = request.send().await.expect("request");
            let status = response.status().as_u16();
            let text = response.text().await.expect("body");
            (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
        })
    }
}

#[test]
fn audit_reads_take_a_constant_number_of_requests_over_a_seeded_cluster() {
    let seed = SeedSpec { days: 40, policy: Some("python-logs".into()), extras: true, ..SeedSpec::default() };
    let sandbox = sandbox_at_now(SandboxConfig { seed: Some(seed), ..Default::default() });
    let c = Client::new(&sandbox);
    let (_, cat) =
        c.send("GET", "/_cat/indices?format=json&bytes=b&expand_wildcards=all&h=index,pri.store.size,cd", None);
    let rows = cat.as_array().expect("cat rows");
    assert!(rows.len() >= 40 + 40 + 3, "family, data stream backing indices and clutter: {}", rows.len());
    assert!(rows.iter().all(|r| r["pri.store.size"].is_string() && r["cd"].is_string()));
    let (_, allocation) = c.send("GET", "/_cat/allocation?format=json&bytes=b", None);
    assert_eq!(allocation[0]["node"], "sandbox-node-1");
    assert_eq!(allocation.as_array().map(Vec::len), Some(1), "one node, no replica to leave unassigned: {allocation}");
    let (status, explain) = c.send("GET", "/python-logs-*/_ilm/explain", None);
    assert_eq!(status, 200);
    assert_eq!(explain["indices"]["python-logs-2024.03.01"]["phase"], "warm");
    let (_, streams) = c.send("GET", "/_data_stream", None);
    assert_eq!(streams["data_streams"][0]["name"], "logs-app-default");
    let (_, counts) = c.send("GET", "/_sandbox/requests", None);
    assert_eq!(counts["total"], 4);
    assert_eq!(counts["by_route"]["GET /{index}/_ilm/explain"], 1);
}

#[test]
fn rollover_dry_run_then_execute_through_an_alias() {
    let sandbox = sandbox_at_now(SandboxConfig::default());
    let c = Client::new(&sandbox);
    let (status, _) =
        c.send("PUT", "/%3Capp-%7Bnow%2Fd%7D-000001%3E", Some(json!({"aliases": {"app": {"is_write_index": true}}})));
    assert_eq!(status, 200);
    for id in 0..3 {
        c.send("PUT", &format!("/app/_doc/{id}"), Some(json!({"msg": "x"})));
    }
    let conditions = json!({"conditions": {"max_docs": 3, "max_age": "7d"}});
    let (_, dry) = c.send("POST", "/app/_rollover?dry_run=true", Some(conditions.clone()));
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["rolled_over"], false);
    assert_eq!(dry["new_index"], "app-2024.03.15-000002");
    assert_eq!(dry["conditions"], json!({"[max_age: 7d]": false, "[max_docs: 3]": true}));
    let (_, done) = c.send("POST", "/app/_rollover", Some(conditions));
    assert_eq!(done["rolled_over"], true);
    let (_, aliases) = c.send("GET", "/_alias/app", None);
    assert_eq!(aliases["app-2024.03.15-000001"]["aliases"]["app"]["is_write_index"], false);
    assert_eq!(aliases["app-2024.03.15-000002"]["aliases"]["app"]["is_write_index"], true);
}

#[test]
fn retention_deletes_by_name_and_ilm_deletes_on_the_clock() {
    let seed = SeedSpec { days: 20, ..SeedSpec::default() };
    let sandbox = sandbox_at_now(SandboxConfig { seed: Some(seed), ..Default::default() });
    let c = Client::new(&sandbox);
    let (status, refused) = c.send("DELETE", "/python-logs-*", None);
    assert_eq!(status, 400);
    assert_eq!(refused["error"]["reason"], "Wildcard expressions or all indices are not allowed");
    let (status, _) = c.send("DELETE", "/python-logs-2024.02.25,python-logs-2024.02.26", None);
    assert_eq!(status, 200);
    let (status, missing) = c.send("DELETE", "/python-logs-2024.02.25", None);
    assert_eq!(status, 404);
    assert_eq!(missing["error"]["type"], "index_not_found_exception");

    // Attach a 10-day delete policy; moving the clock lets ILM delete what aged past it.
    let policy = json!({"policy": {"phases": {"delete": {"min_age": "10d", "actions": {"delete": {}}}}}});
    assert_eq!(c.send("PUT", "/_ilm/policy/short", Some(policy)).0, 200);
    assert_eq!(c.send("PUT", "/python-logs-*/_settings", Some(json!({"index.lifecycle.name": "short"}))).0, 200);
    let (_, clock) = c.send("POST", "/_sandbox/clock/_advance?by=1d", None);
    assert_eq!(clock["now"], "2024-03-16T12:30:00.000Z");
    let (_, left) = c.send("GET", "/_cat/indices/python-logs-*?format=json&h=index&s=index", None);
    let names: Vec<&str> = left.as_array().expect("rows").iter().filter_map(|r| r["index"].as_str()).collect();
    assert_eq!(names.first(), Some(&"python-logs-2024.03.07"), "10 days and more are gone: {names:?}");
    assert_eq!(names.last(), Some(&"python-logs-2024.03.15"));
}

#[test]
fn a_full_disk_blocks_writes_at_the_flood_stage_until_space_is_freed() {
    let seed = SeedSpec { days: 10, daily_bytes: 1 << 30, replicas: Some(0), ..SeedSpec::default() };
    let sandbox = sandbox_at_now(SandboxConfig { seed: Some(seed), ..Default::default() });
    let c = Client::new(&sandbox);
    let (_, disk) = c.send("POST", "/_sandbox/disk?total=9gb&other=1gb", None);
    assert_eq!(disk["used_bytes"], disk["total_bytes"], "{disk}");
    let (_, allocation) = c.send("GET", "/_cat/allocation?format=json&h=disk.percent", None);
    assert!(allocation[0]["disk.percent"].as_str().expect("percent").parse::<u32>().expect("number") >= 95);
    let (status, refused) = c.send("PUT", "/python-logs-2024.03.15/_doc/1", Some(json!({"msg": "x"})));
    assert_eq!(status, 429);
    assert_eq!(refused["error"]["type"], "cluster_block_exception");
    // Deleting is what the block allows; the monitor releases it below the high watermark.
    let (status, _) = c.send("DELETE", "/python-logs-2024.03.06,python-logs-2024.03.07,python-logs-2024.03.08", None);
    assert_eq!(status, 200);
    c.send("POST", "/_sandbox/clock/_advance?by=30s", None);
    let (status, _) = c.send("PUT", "/python-logs-2024.03.15/_doc/1", Some(json!({"msg": "x"})));
    assert_eq!(status, 201);
}

#[test]
fn on_several_nodes_replicas_are_assigned_and_the_cluster_is_green() {
    let seed = SeedSpec { days: 10, shards: 2, replicas: Some(1), ..SeedSpec::default() };
    let sandbox = sandbox_at_now(SandboxConfig { seed: Some(seed), nodes: Some(3), ..Default::default() });
    let c = Client::new(&sandbox);
    let (status, health) = c.send("GET", "/_cluster/health?wait_for_status=green&wait_for_nodes=3", None);
    assert_eq!((status, &health["status"], &health["number_of_nodes"]), (200, &json!("green"), &json!(3)), "{health}");
    assert_eq!(health["active_shards"], json!(2 * health["active_primary_shards"].as_u64().expect("primaries")));

    let (_, allocation) = c.send("GET", "/_cat/allocation?format=json&bytes=b&h=node,shards,disk.indices", None);
    let rows = allocation.as_array().expect("rows");
    let nodes: Vec<&str> = rows.iter().filter_map(|r| r["node"].as_str()).collect();
    assert_eq!(nodes, ["sandbox-node-1", "sandbox-node-2", "sandbox-node-3"], "no UNASSIGNED row: {allocation}");
    let on_nodes: u64 = rows.iter().map(|r| r["shards"].as_str().expect("shards").parse::<u64>().expect("n")).sum();
    assert_eq!(on_nodes, health["active_shards"].as_u64().expect("active"));

    let (_, shards) = c.send("GET", "/_cat/shards/python-logs-*?format=json&h=index,shard,prirep,state,node", None);
    let shards = shards.as_array().expect("rows");
    assert_eq!(shards.len(), 10 * 2 * 2, "10 indices, 2 shards, a primary and a replica each");
    for copy in shards.iter().filter(|s| s["prirep"] == "r") {
        assert_eq!(copy["state"], "STARTED");
        let primary = shards
            .iter()
            .find(|p| p["prirep"] == "p" && p["index"] == copy["index"] && p["shard"] == copy["shard"])
            .expect("primary");
        assert_ne!(primary["node"], copy["node"], "a replica never sits with its primary: {copy}");
    }
    let (_, sizes) = c.send("GET", "/_cat/indices/python-logs-*?format=json&bytes=b&h=store.size,pri.store.size", None);
    for row in sizes.as_array().expect("rows") {
        let bytes = |k: &str| row[k].as_str().expect("size").parse::<u64>().expect("bytes");
        assert_eq!(bytes("store.size"), 2 * bytes("pri.store.size"));
    }

    // More replicas than other nodes: the extra copy stays unassigned, as on a real cluster.
    let body = json!({"settings": {"number_of_replicas": 3}});
    assert_eq!(c.send("PUT", "/too-many-replicas", Some(body)).0, 200);
    let (_, health) = c.send("GET", "/_cluster/health/too-many-replicas", None);
    assert_eq!((&health["status"], &health["unassigned_shards"]), (&json!("yellow"), &json!(1)), "{health}");
}
