//! The data stream lifecycle (DSL, 8.11+): a data stream's own `lifecycle`, copied from its
//! template when the data stream is created and changed only through
//! `PUT|DELETE /_data_stream/{name}/_lifecycle` (a template change does not reach existing data
//! streams), `GET /_data_stream/{name}/_lifecycle`, `GET /{index}/_lifecycle/explain`, and the
//! service that, when the virtual clock moves, rolls the write index over and deletes the backing
//! indices past `data_retention` (ES's `DataStreamLifecycleService`). Backing indices ILM manages
//! (a policy set and `index.lifecycle.prefer_ilm` not false) are left to ILM, as in ES.

use serde_json::{Map, Value, json};

use super::data_streams::select;
use super::error::{EsError, EsResult};
use super::expression::{self, IndicesOptions};
use super::http::{SandboxRequest, SandboxResponse};
use super::rollover;
use super::router::no_handler;
use super::state::{Cluster, DataStream, Index};
use super::units::{format_millis, parse_time_millis};

const DAY: i64 = 86_400_000;

fn available(cluster: &Cluster, req: &SandboxRequest) -> EsResult<()> {
    // Before 8.11 the APIs sat behind a feature flag: the routes did not exist.
    if cluster.version.at_least(8, 11) { Ok(()) } else { Err(no_handler(req.method, &req.path)) }
}

/// A lifecycle as stored: `enabled` first (true unless said otherwise), then what was given.
pub fn stored_form(lifecycle: &Map<String, Value>) -> Value {
    let mut out = Map::new();
    out.insert("enabled".into(), lifecycle.get("enabled").cloned().unwrap_or(json!(true)));
    out.extend(lifecycle.iter().filter(|(k, _)| *k != "enabled").map(|(k, v)| (k.clone(), v.clone())));
    Value::Object(out)
}

fn enabled(lifecycle: &Value) -> bool {
    lifecycle.get("enabled") != Some(&json!(false))
}

/// The global retention settings (8.16+): a retention for data streams that set none, and a cap.
const DEFAULT_RETENTION: &str = "data_streams.lifecycle.retention.default";
const MAX_RETENTION: &str = "data_streams.lifecycle.retention.max";

/// The retention ES applies to the data stream `stream` (`DataStreamLifecycle`'s effective
/// retention, 8.16+): its own `data_retention`, unless the global settings say otherwise — the
/// default for a stream without one, the max as a cap. Internal (`.`-prefixed) data streams keep
/// their own. Text as configured, milliseconds, and the `retention_determined_by` value.
pub fn effective_retention(cluster: &Cluster, stream: &str, lifecycle: &Value) -> Option<(String, i64, &'static str)> {
    let millis = |text: &str| parse_time_millis(text, "data_retention").ok();
    let global = |key: &str| {
        (cluster.version.at_least(8, 16) && !stream.starts_with('.')).then(|| cluster.setting(key)).flatten()
    };
    let own = lifecycle.get("data_retention").and_then(Value::as_str);
    let (text, source) = match (own, global(DEFAULT_RETENTION), global(MAX_RETENTION)) {
        (None, Some(default), _) => (default, "default_global_retention"),
        (None, None, Some(max)) => (max, "max_global_retention"),
        (None, None, None) => return None,
        (Some(own), _, Some(max)) if matches!((millis(max), millis(own)), (Some(m), Some(o)) if m < o) => {
            (max, "max_global_retention")
        }
        (Some(own), _, _) => (own, "data_stream_configuration"),
    };
    Some((text.to_string(), millis(text)?, source))
}

/// The rollover `max_age` ES derives from the retention (`RolloverConfiguration`'s `auto`).
fn auto_max_age(retention: Option<i64>) -> (&'static str, i64) {
    match retention {
        None => ("30d", 30 * DAY),
        Some(r) if r <= DAY => ("1h", 3_600_000),
        Some(r) if r <= 14 * DAY => ("1d", DAY),
        Some(r) if r <= 90 * DAY => ("7d", 7 * DAY),
        Some(_) => ("30d", 30 * DAY),
    }
}

/// The lifecycle as GET shows it: with the effective retention (8.16+), and with
/// `include_defaults` the rollover conditions ES applies (`cluster.lifecycle.default.rollover`).
pub fn shown(cluster: &Cluster, stream: &str, lifecycle: &Value, include_defaults: bool) -> Value {
    let mut out = lifecycle.clone();
    let Some(map) = out.as_object_mut() else { return out };
    map.entry("enabled").or_insert(json!(true));
    let effective = effective_retention(cluster, stream, lifecycle);
    if cluster.version.at_least(8, 16)
        && let Some((text, _, source)) = &effective
    {
        map.insert("effective_retention".into(), json!(text));
        map.insert("retention_determined_by".into(), json!(source));
    }
    if include_defaults {
        let (max_age, _) = auto_max_age(effective.map(|(_, millis, _)| millis));
        map.insert(
            "rollover".into(),
            json!({"max_age": format!("{max_age} [automatic]"), "min_docs": 1,
                   "max_primary_shard_size": "50gb", "max_primary_shard_docs": 200_000_000}),
        );
    }
    out
}

/// Parses the body of `PUT /_data_stream/{name}/_lifecycle` (`PutDataStreamLifecycleAction`).
fn parse_body(body: Option<Value>) -> EsResult<Map<String, Value>> {
    let body = body.unwrap_or_else(|| json!({}));
    let Some(map) = body.as_object() else {
        return Err(EsError::x_content_parse("[put_data_stream_lifecycle_request] expected an object"));
    };
    for (key, value) in map {
        match key.as_str() {
            "data_retention" => {
                let Some(text) = value.as_str() else {
                    return Err(EsError::x_content_parse(format!(
                        "[put_data_stream_lifecycle_request] failed to parse field [{key}]"
                    )));
                };
                parse_time_millis(text, "data_retention")?;
            }
            "enabled" if !value.is_boolean() => {
                return Err(EsError::x_content_parse(format!(
                    "[put_data_stream_lifecycle_request] failed to parse field [{key}]"
                )));
            }
            "enabled" => {}
            "downsampling" if !value.is_array() => {
                return Err(EsError::x_content_parse(format!(
                    "[put_data_stream_lifecycle_request] failed to parse field [{key}]"
                )));
            }
            "downsampling" => {}
            other => {
                return Err(EsError::x_content_parse(format!(
                    "[put_data_stream_lifecycle_request] unknown field [{other}]"
                )));
            }
        }
    }
    Ok(map.clone())
}

/// `PUT /_data_stream/{name}/_lifecycle`: all named data streams or none (a missing one is 404).
pub fn put(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    available(cluster, req)?;
    let lifecycle = stored_form(&parse_body(req.json()?)?);
    for name in select(cluster, req)? {
        if let Some(ds) = cluster.data_streams.get_mut(&name) {
            ds.lifecycle = Some(lifecycle.clone());
        }
    }
    Ok(SandboxResponse::acknowledged())
}

/// `DELETE /_data_stream/{name}/_lifecycle`
pub fn delete(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    available(cluster, req)?;
    for name in select(cluster, req)? {
        if let Some(ds) = cluster.data_streams.get_mut(&name) {
            ds.lifecycle = None;
        }
    }
    Ok(SandboxResponse::acknowledged())
}

/// `GET /_data_stream/{name}/_lifecycle`: every selected data stream, `lifecycle` only when it has
/// one; `global_retention` (8.16+) shows the global retention settings that are set.
pub fn get(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    available(cluster, req)?;
    let include_defaults = req.flag("include_defaults")?;
    let mut streams = Vec::new();
    for name in select(cluster, req)? {
        let mut entry = Map::new();
        entry.insert("name".into(), json!(name));
        if let Some(l) = &cluster.data_streams[&name].lifecycle {
            entry.insert("lifecycle".into(), shown(cluster, &name, l, include_defaults));
        }
        streams.push(Value::Object(entry));
    }
    let mut body = json!({"data_streams": streams});
    if cluster.version.at_least(8, 16) {
        let mut global = Map::new();
        for (field, key) in [("default_retention", DEFAULT_RETENTION), ("max_retention", MAX_RETENTION)] {
            if let Some(value) = cluster.setting(key) {
                global.insert(field.into(), json!(value));
            }
        }
        body["global_retention"] = Value::Object(global);
    }
    Ok(SandboxResponse::ok(body))
}

/// The data stream an index backs, when the data stream lifecycle manages that index: the data
/// stream has an enabled lifecycle and ILM does not claim the index.
fn managing_stream<'a>(cluster: &'a Cluster, index: &Index) -> Option<&'a DataStream> {
    let ds = cluster.data_streams.values().find(|ds| ds.indices.contains(&index.name))?;
    ds.lifecycle.as_ref().filter(|l| enabled(l))?;
    let ilm_claims = index.setting("index.lifecycle.name").is_some_and(|p| !p.is_empty())
        && index.setting("index.lifecycle.prefer_ilm") != Some("false");
    (!ilm_claims).then_some(ds)
}

/// `GET /{index}/_lifecycle/explain`
pub fn explain(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    available(cluster, req)?;
    let include_defaults = req.flag("include_defaults")?;
    let expressions = expression::split_list(req.segments.first().map(String::as_str));
    let names = expression::resolve(cluster, &expressions, IndicesOptions::STRICT_EXPAND_OPEN.from_request(req)?)?;
    let now = cluster.now_millis();
    let mut indices = Map::new();
    for name in names {
        let Some(index) = cluster.indices.get(&name) else { continue };
        let mut entry = Map::new();
        entry.insert("index".into(), json!(name));
        match managing_stream(cluster, index) {
            None => {
                entry.insert("managed_by_lifecycle".into(), json!(false));
            }
            Some(ds) => {
                entry.insert("managed_by_lifecycle".into(), json!(true));
                entry.insert("index_creation_date_millis".into(), json!(index.creation_millis));
                entry.insert(
                    "time_since_index_creation".into(),
                    json!(format_millis((now - index.creation_millis).max(0), 2)),
                );
                if let Some(rolled) = index.rolled_over_millis {
                    entry.insert("rollover_date_millis".into(), json!(rolled));
                    entry.insert("time_since_rollover".into(), json!(format_millis((now - rolled).max(0), 2)));
                    entry.insert("generation_time".into(), json!(format_millis((now - rolled).max(0), 2)));
                }
                if let Some(l) = &ds.lifecycle {
                    entry.insert("lifecycle".into(), shown(cluster, &ds.name, l, include_defaults));
                }
            }
        }
        indices.insert(name, Value::Object(entry));
    }
    Ok(SandboxResponse::ok(json!({"indices": indices})))
}

/// One run of the service over every data stream, as ES's runs every poll interval: the write
/// index rolls over once it is as old as the automatic `max_age` and holds a document; backing
/// indices whose generation (rollover) time is older than `data_retention` are deleted. The
/// clock may have moved by more than a poll interval: each due step is taken once per call.
pub fn run(cluster: &mut Cluster) {
    if !cluster.version.at_least(8, 11) {
        return;
    }
    let now = cluster.now_millis();
    let streams: Vec<String> = cluster.data_streams.keys().cloned().collect();
    for name in streams {
        let Some(ds) = cluster.data_streams.get(&name) else { continue };
        let Some(lifecycle) = ds.lifecycle.clone().filter(enabled) else { continue };
        let retention = effective_retention(cluster, &name, &lifecycle).map(|(_, millis, _)| millis);
        // Rollover of the write index.
        if let Some(write) = ds.indices.last().and_then(|w| cluster.indices.get(w))
            && managing_stream(cluster, write).is_some()
            && write.doc_count() >= 1
            && now - write.creation_millis >= auto_max_age(retention).1
        {
            let _ = rollover::rollover_target(cluster, &name, &json!({}), false);
        }
        // Retention of the backing indices that are no longer written to.
        let Some(retention) = retention else { continue };
        let Some(ds) = cluster.data_streams.get(&name) else { continue };
        let write = ds.indices.last().cloned();
        let expired: Vec<String> = ds
            .indices
            .iter()
            .filter(|i| Some(*i) != write.as_ref())
            .filter_map(|i| cluster.indices.get(i))
            .filter(|index| managing_stream(cluster, index).is_some())
            .filter(|index| now - index.rolled_over_millis.unwrap_or(index.creation_millis) >= retention)
            .map(|index| index.name.clone())
            .collect();
        for index in expired {
            cluster.indices.remove(&index);
            if let Some(ds) = cluster.data_streams.get_mut(&name) {
                ds.indices.retain(|i| *i != index);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::{Method, ResponseBody};
    use crate::router::test_request as request;
    use crate::version::EsVersion;

    const T0: i64 = 1_700_000_000_000;

    fn json_of(response: &SandboxResponse) -> Value {
        match &response.body {
            ResponseBody::Json(v) => v.clone(),
            other => panic!("not JSON: {other:?}"),
        }
    }

    fn cluster_with_stream(version: EsVersion) -> Cluster {
        let mut c = Cluster::new(version, T0);
        crate::templates::put_index_template(
            &mut c,
            &request(
                Method::Put,
                "/_index_template/t",
                json!({"index_patterns": ["logs-*"], "data_stream": {},
                       "template": {"settings": {"index.number_of_replicas": 0}, "lifecycle": {"data_retention": "10d"}}}),
            ),
        )
        .unwrap();
        crate::data_streams::create_data_stream(&mut c, "logs-a").unwrap();
        c
    }

    fn get_lifecycle(c: &mut Cluster, names: &str) -> EsResult<Value> {
        get(c, &request(Method::Get, &format!("/_data_stream/{names}/_lifecycle"), Value::Null)).map(|r| json_of(&r))
    }

    #[test]
    fn a_data_stream_takes_its_templates_lifecycle_and_keeps_its_own() {
        let mut c = cluster_with_stream(EsVersion::DEFAULT);
        let body = get_lifecycle(&mut c, "logs-a").unwrap();
        assert_eq!(body["data_streams"][0]["lifecycle"], json!({"enabled": true, "data_retention": "10d"}));
        put(&mut c, &request(Method::Put, "/_data_stream/logs-a/_lifecycle", json!({"data_retention": "30d"})))
            .unwrap();
        let body = get_lifecycle(&mut c, "*").unwrap();
        assert_eq!(body["data_streams"][0]["lifecycle"]["data_retention"], "30d");
        delete(&mut c, &request(Method::Delete, "/_data_stream/logs-a/_lifecycle", Value::Null)).unwrap();
        let body = get_lifecycle(&mut c, "logs-a").unwrap();
        assert_eq!(body["data_streams"][0], json!({"name": "logs-a"}));
    }

    #[test]
    fn global_retention_sets_a_default_and_caps_from_8_16() {
        let mut c = cluster_with_stream(EsVersion::parse("8.17.0").unwrap());
        let effective = |c: &mut Cluster| {
            let body = get_lifecycle(c, "logs-a").unwrap();
            let l = &body["data_streams"][0]["lifecycle"];
            (l["effective_retention"].clone(), l["retention_determined_by"].clone())
        };
        assert_eq!(effective(&mut c), (json!("10d"), json!("data_stream_configuration")));
        c.persistent_settings.insert(MAX_RETENTION.into(), json!("7d"));
        assert_eq!(effective(&mut c), (json!("7d"), json!("max_global_retention")));
        let ds = crate::data_streams::get(&c, &request(Method::Get, "/_data_stream/logs-a", Value::Null)).unwrap();
        assert_eq!(json_of(&ds)["data_streams"][0]["lifecycle"]["effective_retention"], "7d", "GET _data_stream too");
        put(&mut c, &request(Method::Put, "/_data_stream/logs-a/_lifecycle", json!({}))).unwrap();
        c.persistent_settings.insert(DEFAULT_RETENTION.into(), json!("3d"));
        assert_eq!(effective(&mut c), (json!("3d"), json!("default_global_retention")));
        assert_eq!(
            get_lifecycle(&mut c, "logs-a").unwrap()["global_retention"],
            json!({"default_retention": "3d", "max_retention": "7d"})
        );
        // Internal data streams keep their own; before 8.16 nothing is global.
        assert_eq!(
            effective_retention(&c, ".internal", &json!({"data_retention": "30d"})).unwrap().2,
            "data_stream_configuration"
        );
        let mut old = cluster_with_stream(EsVersion::DEFAULT);
        old.persistent_settings.insert(MAX_RETENTION.into(), json!("7d"));
        assert_eq!(effective_retention(&old, "logs-a", &json!({"data_retention": "30d"})).unwrap().1, 30 * DAY);
    }

    #[test]
    fn errors_match_es() {
        let mut c = cluster_with_stream(EsVersion::DEFAULT);
        let e = get_lifecycle(&mut c, "logs-a,does-not-exist").unwrap_err();
        assert_eq!((e.status, e.reason.as_str()), (404, "no such index [does-not-exist]"));
        let e = put(&mut c, &request(Method::Put, "/_data_stream/logs-a/_lifecycle", json!({"retention": "1d"})))
            .unwrap_err();
        assert!(e.reason.contains("unknown field [retention]"), "{}", e.reason);
        let e =
            put(&mut c, &request(Method::Put, "/_data_stream/logs-a/_lifecycle", json!({"data_retention": "soon"})))
                .unwrap_err();
        assert!(e.reason.contains("failed to parse setting [data_retention]"), "{}", e.reason);
        let mut old = Cluster::new(EsVersion::parse("8.10.4").unwrap(), T0);
        let e = get_lifecycle(&mut old, "x").unwrap_err();
        assert_eq!(e.status, 400, "no such route before 8.11");
    }

    #[test]
    fn the_service_rolls_over_and_deletes_past_the_retention() {
        let mut c = cluster_with_stream(EsVersion::DEFAULT);
        let first = c.data_streams["logs-a"].indices[0].clone();
        crate::documents::index_auto_id(
            &mut c,
            &request(Method::Post, "/logs-a/_doc", json!({"@timestamp": "2023-11-14T22:13:20Z", "message": "m"})),
        )
        .unwrap();
        // 10d retention: rollover after 1d (automatic max_age), deletion 10d after the rollover.
        c.clock.advance(DAY);
        run(&mut c);
        assert_eq!(c.data_streams["logs-a"].indices.len(), 2, "rolled over");
        c.clock.advance(9 * DAY);
        run(&mut c);
        assert!(c.indices.contains_key(&first), "9 days after its rollover it stays");
        c.clock.advance(DAY);
        run(&mut c);
        assert!(!c.indices.contains_key(&first), "10 days after its rollover it is deleted");
        assert!(!c.data_streams["logs-a"].indices.contains(&first));
    }
}
