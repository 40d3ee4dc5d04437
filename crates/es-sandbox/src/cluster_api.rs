//! Cluster-level endpoints: `GET /` (info), `_cluster/health` and `_cluster/settings`.

use serde_json::{Map, Value, json};

use super::error::{EsError, EsResult};
use super::expression::{self, Expand, IndicesOptions, split_list};
use super::http::{SandboxRequest, SandboxResponse};
use super::indices::{Health, ShardTotals};
use super::settings::{self, FlatSettings};
use super::state::{Cluster, Index};

/// Lucene version and wire/index compatibility of the emulated release line.
pub(crate) fn release_facts(cluster: &Cluster) -> (&'static str, &'static str, &'static str) {
    let v = cluster.version;
    match v.major {
        7 => ("8.11.3", "6.8.0", "6.0.0-beta1"),
        8 if v.minor >= 15 => ("9.11.1", "7.17.0", "7.0.0"),
        8 => ("9.10.0", "7.17.0", "7.0.0"),
        _ => ("10.2.2", "8.19.0", "8.0.0"),
    }
}

/// `GET /`
pub fn info(cluster: &Cluster, _req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let (lucene, wire, index) = release_facts(cluster);
    Ok(SandboxResponse::ok(json!({
        "name": cluster.node_name,
        "cluster_name": cluster.name,
        "cluster_uuid": cluster.uuid,
        "version": {
            "number": cluster.version.to_string(),
            "build_flavor": "default",
            "build_type": "docker",
            "build_hash": "00000000",
            "build_date": "2024-08-05T10:05:34.233336849Z",
            "build_snapshot": false,
            "lucene_version": lucene,
            "minimum_wire_compatibility_version": wire,
            "minimum_index_compatibility_version": index,
        },
        "tagline": "You Know, for Search",
    })))
}

fn index_health(index: &Index, shards_level: bool, nodes: u64) -> Value {
    let c = ShardTotals::of([index], nodes);
    let mut v = json!({
        "status": index.health(nodes).as_str(),
        "number_of_shards": index.shards(),
        "number_of_replicas": index.replicas(nodes),
        "active_primary_shards": c.primaries,
        "active_shards": c.active,
        "relocating_shards": 0,
        "initializing_shards": 0,
        "unassigned_shards": c.unassigned,
        "unassigned_primary_shards": 0,
    });
    if shards_level {
        let per_shard = 1 + index.assigned_replicas(nodes);
        let unassigned = index.replicas(nodes) - index.assigned_replicas(nodes);
        let shards: Map<String, Value> = (0..index.shards())
            .map(|n| {
                (n.to_string(), json!({"status": index.health(nodes).as_str(), "primary_active": true, "active_shards": per_shard,
                    "relocating_shards": 0, "initializing_shards": 0, "unassigned_shards": unassigned, "unassigned_primary_shards": 0}))
            })
            .collect();
        v["shards"] = Value::Object(shards);
    }
    v
}

/// `GET /_cluster/health[/{index}]`. `wait_for_*` conditions are checked at once: time does not
/// pass while a request waits, so an unmet condition answers ES's timeout (`timed_out: true`):
/// status 200 since 8.0, which dropped 7.x's 408 (and its `return_200_for_cluster_health_timeout`).
pub fn health(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let expressions = split_list(req.param("index"));
    let opts =
        IndicesOptions { expand: Expand { open: true, closed: true, hidden: true }, ..IndicesOptions::STRICT_EXPAND }
            .from_request(req)?;
    let indices = expression::resolve_indices(cluster, &expressions, opts)?;
    let level = req.param("level").unwrap_or("cluster");
    if !["cluster", "indices", "shards"].contains(&level) {
        return Err(EsError::illegal_argument(format!(
            "level must be one of [cluster, indices, shards] but was [{level}]"
        )));
    }
    let nodes = cluster.nodes;
    let totals = ShardTotals::of(indices.iter().copied(), nodes);
    let (primaries, active, unassigned, status) = (totals.primaries, totals.active, totals.unassigned, totals.status);
    let per_index: Map<String, Value> = if level == "cluster" {
        Map::new()
    } else {
        indices.iter().map(|i| (i.name.clone(), index_health(i, level == "shards", nodes))).collect()
    };
    let mut timed_out = false;
    if let Some(wanted) = req.param("wait_for_status") {
        timed_out |= status > Health::parse(wanted)?;
    }
    if let Some(wanted) = req.param("wait_for_active_shards") {
        let needed = match wanted {
            "all" => active + unassigned,
            n => n.parse().map_err(|_| {
                EsError::illegal_argument(format!("failed to parse value [{n}] for wait_for_active_shards"))
            })?,
        };
        timed_out |= active < needed;
    }
    if let Some(wanted_nodes) = req.param("wait_for_nodes") {
        timed_out |= !nodes_condition_met(wanted_nodes, cluster.nodes);
    }
    let percent = totals.active_percent();
    let mut body = json!({
        "cluster_name": cluster.name,
        "status": status.as_str(),
        "timed_out": timed_out,
        "number_of_nodes": nodes,
        "number_of_data_nodes": nodes,
        "active_primary_shards": primaries,
        "active_shards": active,
        "relocating_shards": 0,
        "initializing_shards": 0,
        "unassigned_shards": unassigned,
        "unassigned_primary_shards": 0,
        "delayed_unassigned_shards": 0,
        "number_of_pending_tasks": 0,
        "number_of_in_flight_fetch": 0,
        "task_max_waiting_in_queue_millis": 0,
        "active_shards_percent_as_number": percent,
    });
    if level != "cluster" {
        body["indices"] = Value::Object(per_index);
    }
    if !cluster.version.at_least(8, 16) {
        drop_unassigned_primaries(&mut body);
    }
    let status = if timed_out && cluster.version.major == 7 { 408 } else { 200 };
    Ok(SandboxResponse::json(status, body))
}

/// Removes `unassigned_primary_shards` at every level: the field arrived in 8.16. Removal keeps
/// the field order, which ES clients do not need but people reading responses do.
fn drop_unassigned_primaries(value: &mut Value) {
    if let Value::Object(m) = value {
        m.shift_remove("unassigned_primary_shards");
        for child in m.values_mut() {
            drop_unassigned_primaries(child);
        }
    }
}

/// `wait_for_nodes` (`1`, `>=1`, `<2`, `ge(1)`) against the node count.
fn nodes_condition_met(spec: &str, nodes: u64) -> bool {
    let spec = spec.trim();
    let parse = |s: &str| s.trim().trim_start_matches('(').trim_end_matches(')').parse::<u64>().ok();
    let (op, rest) = [">=", "<=", ">", "<", "ge", "le", "gt", "lt"]
        .iter()
        .find_map(|op| spec.strip_prefix(op).map(|r| (*op, r)))
        .unwrap_or(("==", spec));
    let Some(n) = parse(rest) else { return false };
    match op {
        ">=" | "ge" => nodes >= n,
        "<=" | "le" => nodes <= n,
        ">" | "gt" => nodes > n,
        "<" | "lt" => nodes < n,
        _ => nodes == n,
    }
}

/// Defaults shown by `include_defaults` (the ones clients look at).
fn cluster_defaults(cluster: &Cluster) -> FlatSettings {
    let destructive = if cluster.version.major >= 8 { "true" } else { "false" };
    [
        ("action.destructive_requires_name", destructive),
        ("cluster.max_shards_per_node", "1000"),
        ("cluster.name", cluster.name.as_str()),
        ("cluster.routing.allocation.disk.threshold_enabled", "true"),
        ("cluster.routing.allocation.disk.watermark.low", "85%"),
        ("cluster.routing.allocation.disk.watermark.high", "90%"),
        ("cluster.routing.allocation.disk.watermark.flood_stage", "95%"),
        ("cluster.routing.allocation.disk.watermark.flood_stage.frozen", "95%"),
        ("cluster.routing.allocation.enable", "all"),
        ("indices.lifecycle.poll_interval", "10m"),
        ("indices.lifecycle.history_index_enabled", "true"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), json!(v)))
    .collect()
}

fn as_flat(map: &std::collections::BTreeMap<String, Value>) -> FlatSettings {
    map.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
}

/// `GET /_cluster/settings`
pub fn get_settings(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let flat = req.flag("flat_settings")?;
    let mut body = json!({
        "persistent": settings::render(&as_flat(&cluster.persistent_settings), flat),
        "transient": settings::render(&as_flat(&cluster.transient_settings), flat),
    });
    if req.flag("include_defaults")? {
        // Node settings show as defaults, over the built-in ones (`ClusterGetSettingsResponse`).
        let mut defaults = cluster_defaults(cluster);
        defaults.extend(as_flat(&cluster.node_settings));
        defaults
            .retain(|k, _| !cluster.persistent_settings.contains_key(k) && !cluster.transient_settings.contains_key(k));
        body["defaults"] = settings::render(&defaults, flat);
    }
    Ok(SandboxResponse::ok(body))
}

/// `PUT /_cluster/settings`
pub fn put_settings(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let body = req.json()?.unwrap_or_else(|| json!({}));
    let persistent = settings::flatten(body.get("persistent").unwrap_or(&Value::Null))?;
    let transient = settings::flatten(body.get("transient").unwrap_or(&Value::Null))?;
    if persistent.is_empty() && transient.is_empty() {
        return Err(EsError::validation(&["no settings to update".to_string()]));
    }
    for (scope, update) in [("persistent", &persistent), ("transient", &transient)] {
        for key in update.keys() {
            if !es_syntax::settings::CLUSTER_SETTING_NAMESPACES.iter().any(|p| key.starts_with(p))
                && !crate::opensearch::cluster_setting_known(cluster, key)
            {
                return Err(EsError::illegal_argument(format!("{scope} setting [{key}], not recognized")));
            }
        }
    }
    let apply = |target: &mut std::collections::BTreeMap<String, Value>, update: &FlatSettings| {
        for (k, v) in update {
            if v.is_null() {
                // `null` resets the key, and a trailing `*` resets a whole namespace.
                match k.strip_suffix('*') {
                    Some(prefix) => target.retain(|key, _| !key.starts_with(prefix)),
                    None => {
                        target.remove(k);
                    }
                }
            } else {
                target.insert(k.clone(), v.clone());
            }
        }
    };
    apply(&mut cluster.persistent_settings, &persistent);
    apply(&mut cluster.transient_settings, &transient);
    let flat = req.flag("flat_settings")?;
    let shown = |u: &FlatSettings| {
        settings::render(&u.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), v.clone())).collect(), flat)
    };
    let mut response = SandboxResponse::ok(
        json!({"acknowledged": true, "persistent": shown(&persistent), "transient": shown(&transient)}),
    );
    if !transient.is_empty() && cluster.version.major >= 8 {
        response = response.with_warning(
            cluster.version,
            "[transient settings removal] Updating cluster settings through transientSettings is deprecated. Use persistent settings instead.",
        );
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::http::{Method, ResponseBody};
    use crate::indices::{Origin, create_index};
    use crate::version::EsVersion;

    fn req(query: &[(&str, &str)], body: &str) -> SandboxRequest {
        SandboxRequest {
            method: Method::Get,
            path: "/".into(),
            segments: vec![],
            query: query.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<BTreeMap<_, _>>(),
            headers: BTreeMap::new(),
            body: body.as_bytes().to_vec(),
        }
    }

    fn json_of(r: SandboxResponse) -> Value {
        match r.body {
            ResponseBody::Json(v) => v,
            other => panic!("not json: {other:?}"),
        }
    }

    #[test]
    fn health_is_yellow_with_unassigned_replicas_and_times_out_on_green_wait() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 0);
        create_index(&mut c, "a", &json!({}), Origin::Api).unwrap();
        create_index(&mut c, "b", &json!({"settings": {"number_of_replicas": 0}}), Origin::Api).unwrap();
        let h = json_of(health(&c, &req(&[], "")).unwrap());
        assert_eq!(h["status"], "yellow");
        assert_eq!(h["active_shards"], 2);
        assert_eq!(h["unassigned_shards"], 1);
        assert_eq!(h["active_shards_percent_as_number"], json!(2.0 * 100.0 / 3.0));
        let r = health(&c, &req(&[("wait_for_status", "green")], "")).unwrap();
        assert_eq!((r.status, json_of(r)["timed_out"].clone()), (200, json!(true)));
        let b = json_of(health(&c, &req(&[("index", "b"), ("level", "shards")], "")).unwrap());
        assert_eq!(b["status"], "green");
        assert_eq!(b["indices"]["b"]["shards"]["0"]["primary_active"], true);
        assert!(b["indices"]["b"].get("unassigned_primary_shards").is_none(), "8.16+ only");
        c.version = EsVersion::new(8, 16, 0);
        let h = json_of(health(&c, &req(&[], "")).unwrap());
        assert_eq!(h["unassigned_primary_shards"], 0);
    }

    #[test]
    fn cluster_settings_round_trip_with_defaults_and_reset() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 0);
        let put = json_of(
            put_settings(
                &mut c,
                &req(&[], r#"{"persistent":{"cluster":{"routing.allocation.disk.watermark.low":"80%"}}}"#),
            )
            .unwrap(),
        );
        assert_eq!(put["persistent"]["cluster"]["routing"]["allocation"]["disk"]["watermark"]["low"], "80%");
        let got =
            json_of(get_settings(&c, &req(&[("flat_settings", "true"), ("include_defaults", "true")], "")).unwrap());
        assert_eq!(got["persistent"]["cluster.routing.allocation.disk.watermark.low"], "80%");
        assert_eq!(got["defaults"]["cluster.routing.allocation.disk.watermark.high"], "90%");
        assert!(got["defaults"].get("cluster.routing.allocation.disk.watermark.low").is_none());
        assert_eq!(got["defaults"]["action.destructive_requires_name"], "true");
        put_settings(&mut c, &req(&[], r#"{"persistent":{"cluster.routing.allocation.disk.watermark.low":null}}"#))
            .unwrap();
        assert!(c.persistent_settings.is_empty());
        let e = put_settings(&mut c, &req(&[], r#"{"persistent":{"bogus.x":1}}"#)).unwrap_err();
        assert_eq!(e.reason, "persistent setting [bogus.x], not recognized");
    }
}
