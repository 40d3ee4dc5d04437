//! `GET /_nodes[/{node_id}][/{metric}]`: node info (`RestNodesInfoAction`, `NodeInfo.toXContent`),
//! which clients call to sniff the cluster's HTTP addresses (`GET /_nodes/_all/http`) and Kibana
//! and Beats read versions from.
//!
//! Every node of the sandbox is served by the one HTTP listener, so each publishes the address the
//! client reached it on (the `Host` header); transport addresses are 9300 on.

use serde_json::{Map, Value, json};

use super::error::{EsError, EsResult};
use super::expression::{simple_match, split_list};
use super::http::{SandboxRequest, SandboxResponse};
use super::ingest::processors::PROCESSOR_TYPES;
use super::router::no_handler;
use super::state::Cluster;

/// The node info metrics (`NodesInfoMetrics.Metric`) the sandbox answers, in ES's output order.
const METRICS: [&str; 10] =
    ["settings", "os", "process", "jvm", "thread_pool", "transport", "http", "plugins", "ingest", "aggregations"];

/// ES 8's default roles of a node without `node.roles`, sorted as `DiscoveryNode` writes them.
const DEFAULT_ROLES: [&str; 11] = [
    "data",
    "data_cold",
    "data_content",
    "data_frozen",
    "data_hot",
    "data_warm",
    "ingest",
    "master",
    "ml",
    "remote_cluster_client",
    "transform",
];

/// ES's HTTP default `http.max_content_length` (100mb).
const MAX_CONTENT_LENGTH: u64 = 100 * 1024 * 1024;

/// `GET /_nodes`, `/_nodes/{node_id}`, `/_nodes/{node_id}/{metric}`: a single path parameter that
/// lists only metric names is metrics (`RestNodesInfoAction`), as in `GET /_nodes/http`.
pub fn info(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let (node_ids, metrics) = match (req.param("node_id"), req.param("metric")) {
        (Some(ids), None) => {
            let names = split_list(Some(ids));
            // Other `_nodes/…` APIs (stats, usage, hot_threads) are not served: ES routes those
            // to their own handlers, never to node info.
            if matches!(ids, "stats" | "usage" | "hot_threads" | "reload_secure_settings" | "shutdown") {
                return Err(no_handler(req.method, &req.path));
            }
            if names.iter().all(|n| METRICS.contains(&n.as_str()) || n == "_all" || n == "_none") && ids != "_all" {
                (vec!["_all".to_string()], names)
            } else {
                (names, vec!["_all".to_string()])
            }
        }
        (ids, metrics) => (split_list(ids.or(Some("_all"))), split_list(metrics.or(Some("_all")))),
    };
    let metrics = selected_metrics(&metrics, &req.path)?;
    let host = http_host(req);
    let mut nodes = Map::new();
    for n in 0..usize::try_from(cluster.nodes).unwrap_or(1) {
        if !node_selected(cluster, n, &node_ids) {
            continue;
        }
        nodes.insert(cluster.node_id_of(n), node_info(cluster, n, &host, &metrics));
    }
    let count = nodes.len();
    Ok(SandboxResponse::ok(json!({
        "_nodes": {"total": count, "successful": count, "failed": 0},
        "cluster_name": cluster.name,
        "nodes": nodes,
    })))
}

/// The metrics asked for: `_all` (or nothing) is every one, `_none` none; an unknown name is
/// ES's 400.
fn selected_metrics(asked: &[String], path: &str) -> EsResult<Vec<&'static str>> {
    if asked.is_empty() || asked.iter().any(|m| m == "_all") {
        return Ok(METRICS.to_vec());
    }
    if asked == ["_none"] {
        return Ok(Vec::new());
    }
    let unknown: Vec<&str> = asked.iter().map(String::as_str).filter(|m| !METRICS.contains(m)).collect();
    if let Some(first) = unknown.first() {
        let which = if unknown.len() == 1 { "metric" } else { "metrics" };
        return Err(EsError::illegal_argument(format!(
            "request [{path}] contains unrecognized {which}: [{}]",
            if unknown.len() == 1 { (*first).to_string() } else { unknown.join(", ") }
        )));
    }
    Ok(METRICS.iter().copied().filter(|m| asked.iter().any(|a| a == m)).collect())
}

/// Whether node `n` matches the node filters: `_all`, `_local`/`_master` (the first node answers
/// and is the master), ids and names with wildcards.
fn node_selected(cluster: &Cluster, n: usize, filters: &[String]) -> bool {
    filters.iter().any(|f| match f.as_str() {
        "_all" | "*" => true,
        "_local" | "_master" => n == 0,
        pattern => simple_match(pattern, &cluster.node_id_of(n)) || simple_match(pattern, &cluster.node_name_of(n)),
    })
}

/// The address the client reached the sandbox on, which every node publishes.
fn http_host(req: &SandboxRequest) -> String {
    req.headers.get("host").cloned().unwrap_or_else(|| "127.0.0.1:9200".to_string())
}

fn node_info(cluster: &Cluster, n: usize, host: &str, metrics: &[&str]) -> Value {
    let ip = host.rsplit_once(':').map_or(host, |(ip, _)| ip).trim_start_matches('[').trim_end_matches(']');
    let transport = if ip.contains(':') { format!("[{ip}]:{}", 9300 + n) } else { format!("{ip}:{}", 9300 + n) };
    let mut node = Map::new();
    node.insert("name".into(), json!(cluster.node_name_of(n)));
    node.insert("transport_address".into(), json!(transport));
    node.insert("host".into(), json!(ip));
    node.insert("ip".into(), json!(ip));
    node.insert("version".into(), json!(cluster.version.to_string()));
    node.insert("build_flavor".into(), json!("default"));
    node.insert("build_type".into(), json!("docker"));
    node.insert("build_hash".into(), json!("00000000"));
    node.insert("total_indexing_buffer".into(), json!(53_687_091));
    let roles: Vec<&str> = if cluster.version.major == 7 {
        DEFAULT_ROLES.iter().copied().filter(|r| *r != "data_frozen" || cluster.version.at_least(7, 12)).collect()
    } else {
        DEFAULT_ROLES.to_vec()
    };
    node.insert("roles".into(), json!(roles));
    // `node.attr.NAME` node settings are the node's attributes.
    let mut attributes: Map<String, Value> = cluster
        .node_settings
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("node.attr.").map(|name| (name.to_string(), v.clone())))
        .collect();
    attributes.insert("xpack.installed".into(), json!("true"));
    node.insert("attributes".into(), Value::Object(attributes));
    for metric in metrics {
        let section = match *metric {
            "settings" => json!({
                "cluster": {"name": cluster.name},
                "node": {"name": cluster.node_name_of(n), "attr": node.get("attributes").cloned().unwrap_or_default()},
                "http": {"type.default": "netty4"},
                "transport": {"type.default": "netty4"},
            }),
            "os" => json!({
                "refresh_interval_in_millis": 1000,
                "name": "Linux",
                "pretty_name": "Ubuntu 22.04.4 LTS",
                "arch": "amd64",
                "available_processors": 2,
                "allocated_processors": 2,
            }),
            "process" => json!({"refresh_interval_in_millis": 1000, "id": 7 + n, "mlockall": false}),
            "jvm" => json!({
                "pid": 7 + n,
                "version": "22.0.1",
                "vm_name": "OpenJDK 64-Bit Server VM",
                "vm_vendor": "Oracle Corporation",
                "bundled_jdk": true,
                "using_bundled_jdk": true,
                "mem": {"heap_init_in_bytes": 1_073_741_824u64, "heap_max_in_bytes": 1_073_741_824u64,
                    "non_heap_init_in_bytes": 7_667_712, "non_heap_max_in_bytes": 0, "direct_max_in_bytes": 0},
                "gc_collectors": ["G1 Young Generation", "G1 Concurrent GC", "G1 Old Generation"],
                "memory_pools": ["CodeHeap 'non-nmethods'", "Metaspace", "CodeHeap 'profiled nmethods'",
                    "Compressed Class Space", "G1 Eden Space", "G1 Old Gen", "G1 Survivor Space",
                    "CodeHeap 'non-profiled nmethods'"],
                "using_compressed_ordinary_object_pointers": "true",
                "input_arguments": [],
            }),
            "thread_pool" => json!({
                "generic": {"type": "scaling", "core": 4, "max": 128, "keep_alive": "30s", "queue_size": -1},
                "get": {"type": "fixed", "size": 3, "queue_size": 1000},
                "management": {"type": "scaling", "core": 1, "max": 2, "keep_alive": "5m", "queue_size": -1},
                "search": {"type": "fixed", "size": 4, "queue_size": 1000},
                "write": {"type": "fixed", "size": 2, "queue_size": 10000},
            }),
            "transport" => json!({"bound_address": [transport], "publish_address": transport, "profiles": {}}),
            "http" => json!({
                "bound_address": [host],
                "publish_address": host,
                "max_content_length_in_bytes": MAX_CONTENT_LENGTH,
            }),
            "plugins" => {
                // The `plugins` metric writes both lists; the sandbox has neither plugins nor modules.
                node.insert("plugins".into(), json!([]));
                json!([])
            }
            "ingest" => {
                let processors: Vec<Value> = PROCESSOR_TYPES.iter().map(|t| json!({"type": t})).collect();
                json!({"processors": processors})
            }
            // The sandbox runs no aggregations.
            _ => json!({}),
        };
        let key = if *metric == "plugins" { "modules" } else { *metric };
        node.insert(key.into(), section);
    }
    Value::Object(node)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::{Method, ResponseBody};
    use crate::router::test_request;
    use crate::version::EsVersion;

    fn get(c: &mut Cluster, uri: &str) -> EsResult<Value> {
        let mut req = test_request(Method::Get, uri, Value::Null);
        req.headers.insert("host".into(), "127.0.0.1:9277".into());
        match info(c, &req)?.body {
            ResponseBody::Json(v) => Ok(v),
            other => panic!("not JSON: {other:?}"),
        }
    }

    #[test]
    fn sniffing_reads_every_nodes_http_publish_address() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 0);
        c.nodes = 2;
        let v = get(&mut c, "/_nodes/_all/http").unwrap();
        assert_eq!(v["_nodes"], json!({"total": 2, "successful": 2, "failed": 0}));
        let first = &v["nodes"][c.node_id_of(0)];
        assert_eq!(first["http"]["publish_address"], "127.0.0.1:9277");
        assert_eq!(first["version"], "8.15.0");
        assert!(first["roles"].as_array().unwrap().contains(&json!("master")));
        assert!(first.get("jvm").is_none(), "only the metrics asked for");
        // `/_nodes/http`: one parameter of metric names is metrics, not a node id.
        assert_eq!(get(&mut c, "/_nodes/http").unwrap()["nodes"].as_object().unwrap().len(), 2);
        let local = get(&mut c, "/_nodes/_local").unwrap();
        assert_eq!(local["nodes"].as_object().unwrap().len(), 1);
        assert!(local["nodes"][c.node_id_of(0)]["jvm"]["gc_collectors"].is_array());
        let named = get(&mut c, "/_nodes/sandbox-node-2/ingest").unwrap();
        assert_eq!(named["nodes"][c.node_id_of(1)]["ingest"]["processors"][0], json!({"type": "append"}));
        let e = get(&mut c, "/_nodes/_all/bogus").unwrap_err();
        assert_eq!(e.reason, "request [/_nodes/_all/bogus] contains unrecognized metric: [bogus]");
    }
}
