//! `cluster_settings`: persistent cluster settings as a declared resource.
//!
//! Only the keys declared are managed: a plan compares them alone, apply sends them alone, and a
//! key the tree does not name is never reset (ES's `PUT /_cluster/settings` leaves unnamed keys
//! as they are). `null` declares a key that must be unset. Flat (`cluster.max_shards_per_node`)
//! and nested (`cluster: {max_shards_per_node: …}`) forms are the same setting; values compare as
//! the strings ES stores. Transient settings are deprecated in Elasticsearch and not declarable.

use serde_json::{Map, Value};

use super::diagnostic::Code;
use super::report::{At, Report, child};
use super::schema::{Field, Ty, check_object, check_type};
use super::snapshots::flat_settings;

/// The one name a `cluster_settings` resource has: a cluster has one set of settings.
pub const NAME: &str = "cluster";

/// Settings whose values esops can check offline, with their type.
const TYPED: [(&str, Ty); 10] = [
    ("cluster.max_shards_per_node", Ty::Positive),
    ("cluster.max_shards_per_node.frozen", Ty::Positive),
    ("action.destructive_requires_name", Ty::Bool),
    ("cluster.routing.allocation.disk.threshold_enabled", Ty::Bool),
    ("indices.lifecycle.poll_interval", Ty::Duration),
    ("slm.minimum_interval", Ty::Duration),
    ("slm.retention_duration", Ty::Duration),
    ("indices.recovery.max_bytes_per_sec", Ty::ByteSize),
    ("cluster.routing.allocation.node_concurrent_recoveries", Ty::Positive),
    ("cluster.routing.allocation.cluster_concurrent_rebalance", Ty::NonNegative),
];

/// Checks a `cluster_settings` body (`persistent:`), the resource's name and each key.
pub fn check(r: &mut Report, name: &str, body: &Value) {
    const FIELDS: [Field; 1] = [("persistent", Ty::Object)];
    if name != NAME {
        r.error(
            Code::Name,
            At::Pos(Default::default()),
            format!("a cluster_settings resource is named `{NAME}`, not `{name}`"),
        )
        .hint("a cluster has one set of settings: write `name: cluster`");
    }
    if body.get("transient").is_some() {
        r.error(Code::UnknownKey, At::Key("/transient"), "transient settings cannot be declared")
            .hint("Elasticsearch deprecates transient settings (they vanish on a full restart); declare them under `persistent`");
        return;
    }
    let Some(map) = check_object(r, "", body, "a cluster_settings resource", &FIELDS, &["persistent"]) else { return };
    let Some(persistent) = map.get("persistent") else { return };
    let mut seen: Map<String, Value> = Map::new();
    collect(r, "/persistent", "", persistent, &mut seen);
    for (key, value) in &seen {
        let at = pointer_of(persistent, key);
        if !es_syntax::settings::CLUSTER_SETTING_NAMESPACES.iter().any(|ns| key.starts_with(ns)) {
            r.error(Code::UnknownSetting, At::Key(&at), format!("`{key}` is not a cluster setting"))
                .hint("cluster settings start with cluster., indices., action., search., xpack., slm., …; index settings belong in a template");
            continue;
        }
        if value.is_null() {
            continue;
        }
        if let Some((_, ty)) = TYPED.iter().find(|(k, _)| k == key) {
            // ES accepts the string forms too ("1000", "true"); check what they mean.
            let typed = match (ty, value) {
                (Ty::Positive | Ty::NonNegative, Value::String(s)) => {
                    s.parse::<i64>().map(Value::from).unwrap_or(value.clone())
                }
                (Ty::Bool, Value::String(s)) => s.parse::<bool>().map(Value::from).unwrap_or(value.clone()),
                _ => value.clone(),
            };
            check_type(r, &at, &typed, key, *ty);
        }
    }
}

/// Flattens `value` under `prefix`, reporting a key written twice (once flat, once nested).
fn collect(r: &mut Report, pointer: &str, prefix: &str, value: &Value, out: &mut Map<String, Value>) {
    let Some(map) = value.as_object() else { return };
    for (k, v) in map {
        let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
        let at = child(pointer, k);
        match v {
            Value::Object(_) => collect(r, &at, &key, v, out),
            _ => {
                if out.contains_key(&key) {
                    r.error(Code::DuplicateName, At::Key(&at), format!("`{key}` is declared twice (flat and nested)"));
                }
                out.insert(key, v.clone());
            }
        }
    }
}

/// Where flat `key` is written in `persistent`: flat, nested, or partly nested.
fn pointer_of(persistent: &Value, key: &str) -> String {
    let parts: Vec<&str> = key.split('.').collect();
    let mut pointer = "/persistent".to_string();
    let mut node = persistent;
    let mut i = 0;
    while i < parts.len() {
        // the longest dotted prefix that is a key here
        let found = (i + 1..=parts.len()).rev().find(|&j| node.get(parts[i..j].join(".")).is_some());
        let Some(j) = found else { break };
        let k = parts[i..j].join(".");
        pointer = child(&pointer, &k);
        node = &node[&k];
        i = j;
    }
    pointer
}

/// The persistent settings of a PUT or GET body, flat, scalar values as strings (`null` kept: a
/// declared reset).
pub fn flat_persistent(body: &Value) -> Map<String, Value> {
    flat_settings(body.get("persistent").unwrap_or(&Value::Null))
}
