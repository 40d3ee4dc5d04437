//! The canonical form of a resource body: what is left once everything Elasticsearch adds,
//! defaults or rewrites on its way in or out is taken away.
//!
//! Both sides of a plan go through [`canonical`], so a body that was sent and read back compares
//! equal to what was sent — that is what makes `plan` settle to "no changes" after `apply`. The
//! same form is what `export` writes, because it is the smallest body that means the same thing.
//!
//! Rules (see `reference/es-api.md` §2, §4, §5):
//! - settings: flat keys with the `index.` prefix, scalar values as strings;
//! - ILM: `min_age` `0ms` is the default; per-action defaults (`delete_searchable_snapshot: true`,
//!   empty allocate rules, `migrate.enabled: true`, `force_merge_index: true`, …) equal absent;
//! - durations and byte sizes compare by value and are written in the largest exact unit
//!   (`168h` → `7d`, `51200mb` → `50gb`);
//! - server bookkeeping is dropped (ILM `version`/`modified_date`/`in_use_by`, 9.2+
//!   `created_date*`/`modified_date*`); a template's or pipeline's own `version` is user data and stays;
//! - templates: missing `composed_of` = `[]`, `data_stream: {}` = its defaults, mappings without
//!   the `_doc` wrapper, alias `routing` = index and search routing;
//! - ISM: the plugin's bookkeeping (`policy_id`, `last_updated_time`, `schema_version`, `user`,
//!   each template's `last_updated_time`) is dropped; the defaults it fills in (each action's
//!   `retry: {count: 3, backoff: exponential, delay: 1m}`, rollover's `copy_alias: false`,
//!   allocation's empty rules and `wait_for: false`, `transitions: []`, `error_notification:
//!   null`) equal absent; one `ism_template` object is a list of one;
//! - `_meta.managed_by` is esops's ownership mark, not content: it is compared separately.

use serde_json::{Map, Value, json};

use crate::resources::ResourceKind;
use crate::resources::units::{ByteSize, TimeValue};

/// The `_meta` key of esops's ownership mark (`managed_by: esops`).
pub const OWNER_KEY: &str = "managed_by";

/// `body` (a PUT body, or what GET returns for one resource) in canonical form.
/// An ILM policy's canonical form is the policy itself, without the `{"policy": …}` envelope.
pub fn canonical(kind: ResourceKind, body: &Value) -> Value {
    let mut out = match kind {
        ResourceKind::ClusterSettings => cluster_settings(body),
        ResourceKind::SnapshotRepository => snapshot_repository(body),
        ResourceKind::SlmPolicy => slm_policy(body),
        ResourceKind::IlmPolicy => ilm_policy(body.get("policy").unwrap_or(body)),
        ResourceKind::ComponentTemplate => component_template(body),
        ResourceKind::IndexTemplate => index_template(body),
        ResourceKind::IngestPipeline => pipeline(body),
        ResourceKind::DataStreamLifecycle => data_stream_lifecycle(body),
        ResourceKind::IsmPolicy => ism_policy(body.get("policy").unwrap_or(body)),
    };
    drop_ownership_mark(&mut out);
    out
}

/// Wraps a canonical body back into the form that is PUT (the inverse of the envelope removal).
pub fn put_body(kind: ResourceKind, canonical: Value) -> Value {
    match kind {
        ResourceKind::IlmPolicy | ResourceKind::IsmPolicy => json!({ "policy": canonical }),
        _ => canonical,
    }
}

/// The `_meta` object of a PUT or GET body, wherever the kind keeps it: an SLM policy keeps its
/// in `config.metadata` (which every snapshot it takes carries); repositories and cluster settings
/// have none.
pub fn meta(kind: ResourceKind, body: &Value) -> Option<&Map<String, Value>> {
    match kind {
        ResourceKind::ClusterSettings | ResourceKind::SnapshotRepository => None,
        ResourceKind::SlmPolicy => body.get("config")?.get("metadata")?.as_object(),
        ResourceKind::IlmPolicy => body.get("policy").unwrap_or(body).get("_meta")?.as_object(),
        _ => body.get("_meta")?.as_object(),
    }
}

fn drop_ownership_mark(body: &mut Value) {
    let Some(obj) = body.as_object_mut() else { return };
    if let Some(Value::Object(meta)) = obj.get_mut("_meta") {
        meta.remove(OWNER_KEY);
        if meta.is_empty() {
            obj.remove("_meta");
        }
    }
    // An SLM policy's mark lives in its snapshots' metadata.
    if let Some(Value::Object(config)) = obj.get_mut("config") {
        if let Some(Value::Object(metadata)) = config.get_mut("metadata") {
            metadata.remove(OWNER_KEY);
            if metadata.is_empty() {
                config.remove("metadata");
            }
        }
        if config.is_empty() {
            obj.remove("config");
        }
    }
}

/// For kinds that manage only the keys they declare (cluster settings), the stored canonical body
/// cut down to the keys the declared body (as written, resets included) names: an undeclared key
/// is neither compared nor ever reset. Other kinds are compared whole.
pub fn managed_part(kind: ResourceKind, stored: Value, declared: &Value) -> Value {
    if kind != ResourceKind::ClusterSettings {
        return stored;
    }
    let wanted = crate::resources::cluster_settings::flat_persistent(declared);
    let persistent: Map<String, Value> = stored["persistent"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(k, _)| wanted.contains_key(*k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    json!({ "persistent": persistent })
}

// ---------------------------------------------------------------------------------------------
// Snapshots and cluster settings

/// Persistent settings flat with string values; a `null` (a reset) means absent.
fn cluster_settings(body: &Value) -> Value {
    let flat = crate::resources::cluster_settings::flat_persistent(body);
    let set: Map<String, Value> = flat.into_iter().filter(|(_, v)| !v.is_null()).collect();
    json!({ "persistent": set })
}

/// `type` and flat string `settings`; the repository UUID GET adds is the server's.
fn snapshot_repository(body: &Value) -> Value {
    let settings = crate::resources::snapshots::flat_settings(body.get("settings").unwrap_or(&Value::Null));
    json!({ "type": body.get("type").cloned().unwrap_or(Value::Null), "settings": settings })
}

/// The policy as PUT; `retention.expire_after` compared by value; an empty `config` = absent.
fn slm_policy(body: &Value) -> Value {
    let Some(src) = body.as_object() else { return body.clone() };
    let mut out = Map::new();
    for (key, value) in src {
        match key.as_str() {
            "retention" => {
                let mut retention = value.as_object().cloned().unwrap_or_default();
                if let Some(expire) = retention.get("expire_after").cloned() {
                    retention.insert("expire_after".into(), canonical_duration(&expire));
                }
                if !retention.is_empty() {
                    out.insert(key.clone(), Value::Object(retention));
                }
            }
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    Value::Object(out)
}

// ---------------------------------------------------------------------------------------------
// ILM

fn ilm_policy(policy: &Value) -> Value {
    let mut out = Map::new();
    let Some(src) = policy.as_object() else { return policy.clone() };
    for (key, value) in src {
        match key.as_str() {
            "phases" => {
                let phases = value.as_object().map(|p| p.iter().map(|(name, phase)| (name.clone(), ilm_phase(phase))));
                out.insert(key.clone(), Value::Object(phases.into_iter().flatten().collect()));
            }
            // GET entry fields, should a whole entry be handed in.
            "version" | "modified_date" | "in_use_by" => {}
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    Value::Object(out)
}

fn ilm_phase(phase: &Value) -> Value {
    let Some(src) = phase.as_object() else { return phase.clone() };
    let mut out = Map::new();
    for (key, value) in src {
        match key.as_str() {
            "min_age" => {
                if duration_nanos(value) != Some(0) {
                    out.insert(key.clone(), canonical_duration(value));
                }
            }
            "actions" => {
                let actions =
                    value.as_object().map(|a| a.iter().map(|(name, action)| (name.clone(), ilm_action(name, action))));
                out.insert(key.clone(), Value::Object(actions.into_iter().flatten().collect()));
            }
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    // GET always shows `actions`; a PUT may leave it out when empty.
    out.entry("actions").or_insert_with(|| Value::Object(Map::new()));
    Value::Object(out)
}

fn ilm_action(name: &str, action: &Value) -> Value {
    let Some(src) = action.as_object() else { return action.clone() };
    let mut out = Map::new();
    for (key, value) in src {
        let default_value = match (name, key.as_str()) {
            ("delete", "delete_searchable_snapshot") => Some(json!(true)),
            ("migrate", "enabled") => Some(json!(true)),
            ("searchable_snapshot", "force_merge_index") => Some(json!(true)),
            ("shrink", "allow_write_after_shrink") => Some(json!(false)),
            ("downsample", "wait_timeout") => Some(json!("1d")),
            _ => None,
        };
        if default_value.as_ref().is_some_and(|d| same_scalar(d, value)) {
            continue;
        }
        if name == "allocate" && matches!(key.as_str(), "include" | "exclude" | "require") {
            // Allocation rules are node attributes → strings, like index settings.
            match value.as_object() {
                Some(rules) if rules.is_empty() => {}
                Some(rules) => {
                    out.insert(key.clone(), rules.iter().map(|(k, v)| (k.clone(), scalar_string(v))).collect());
                }
                None => {
                    out.insert(key.clone(), value.clone());
                }
            }
            continue;
        }
        let canonical_value = match (name, key.as_str()) {
            (_, "max_age" | "min_age" | "fixed_interval" | "wait_timeout" | "replicate_for") => {
                canonical_duration(value)
            }
            (_, "max_size" | "min_size" | "max_primary_shard_size" | "min_primary_shard_size") => {
                canonical_byte_size(value)
            }
            (
                _,
                "max_docs"
                | "min_docs"
                | "max_primary_shard_docs"
                | "min_primary_shard_docs"
                | "priority"
                | "max_num_segments"
                | "number_of_shards"
                | "number_of_replicas"
                | "total_shards_per_node",
            ) => number(value),
            _ => value.clone(),
        };
        out.insert(key.clone(), canonical_value);
    }
    Value::Object(out)
}

/// Equal as JSON, or as the string ES would parse (`"true"` = `true`, `"1d"` = `"24h"`).
fn same_scalar(a: &Value, b: &Value) -> bool {
    a == b
        || scalar_string(a) == scalar_string(b)
        || duration_nanos(a).zip(duration_nanos(b)).is_some_and(|(x, y)| x == y)
}

/// A count sent as a string (`"1000"`) is the number ES stores.
fn number(value: &Value) -> Value {
    match value.as_str().and_then(|s| s.trim().parse::<i64>().ok()) {
        Some(n) => json!(n),
        None => value.clone(),
    }
}

// ---------------------------------------------------------------------------------------------
// Templates

fn component_template(body: &Value) -> Value {
    let Some(src) = body.as_object() else { return body.clone() };
    let mut out = Map::new();
    for (key, value) in src {
        match key.as_str() {
            "template" => {
                out.insert(key.clone(), template_section(value));
            }
            "deprecated" if value == &json!(false) => {}
            _ if is_server_date(key) => {}
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    Value::Object(out)
}

fn index_template(body: &Value) -> Value {
    let Some(src) = body.as_object() else { return body.clone() };
    let mut out = Map::new();
    for (key, value) in src {
        match key.as_str() {
            "template" => {
                let section = template_section(value);
                if section.as_object().is_none_or(|s| !s.is_empty()) {
                    out.insert(key.clone(), section);
                }
            }
            "index_patterns" => {
                out.insert(key.clone(), string_list(value));
            }
            "composed_of" | "ignore_missing_component_templates" => {
                let list = string_list(value);
                if list.as_array().is_none_or(|l| !l.is_empty()) {
                    out.insert(key.clone(), list);
                }
            }
            "data_stream" if value.is_null() => {}
            "data_stream" => {
                let mut ds = value.as_object().cloned().unwrap_or_default();
                for flag in ["hidden", "allow_custom_routing"] {
                    if ds.get(flag).is_some_and(|v| same_scalar(v, &json!(false))) {
                        ds.remove(flag);
                    }
                }
                out.insert(key.clone(), Value::Object(ds));
            }
            "deprecated" if value == &json!(false) => {}
            _ if is_server_date(key) => {}
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    Value::Object(out)
}

/// The `template` object of a component or index template.
fn template_section(section: &Value) -> Value {
    let Some(src) = section.as_object() else { return section.clone() };
    let mut out = Map::new();
    for (key, value) in src {
        let canonical_value = match key.as_str() {
            "settings" => flat_settings(value),
            "mappings" => unwrap_doc_type(value),
            "aliases" => match value.as_object() {
                Some(aliases) => aliases.iter().map(|(name, alias)| (name.clone(), alias_definition(alias))).collect(),
                None => value.clone(),
            },
            "lifecycle" => data_stream_lifecycle(value),
            _ => value.clone(),
        };
        // An empty settings, mappings or aliases object says nothing; ES may or may not echo it.
        if canonical_value.as_object().is_some_and(Map::is_empty) && key != "lifecycle" {
            continue;
        }
        out.insert(key.clone(), canonical_value);
    }
    Value::Object(out)
}

/// Settings as ES stores them: flat, `index.`-prefixed keys; scalar values as strings.
pub fn flat_settings(settings: &Value) -> Value {
    fn walk(prefix: &str, map: &Map<String, Value>, out: &mut Vec<(String, Value)>) {
        for (key, value) in map {
            let full = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
            match value {
                Value::Object(inner) => walk(&full, inner, out),
                Value::Array(items) => out.push((full, items.iter().map(|v| json!(scalar_string(v))).collect())),
                Value::Null => out.push((full, Value::Null)),
                scalar => out.push((full, json!(scalar_string(scalar)))),
            }
        }
    }
    let Some(map) = settings.as_object() else { return settings.clone() };
    let mut flat = Vec::new();
    walk("", map, &mut flat);
    let mut prefixed: Vec<(String, Value)> = flat
        .into_iter()
        .map(|(k, v)| if k.starts_with("index.") { (k, v) } else { (format!("index.{k}"), v) })
        .collect();
    prefixed.sort_by(|a, b| a.0.cmp(&b.0));
    Value::Object(prefixed.into_iter().collect())
}

fn unwrap_doc_type(mappings: &Value) -> Value {
    match mappings.as_object() {
        Some(m) if m.len() == 1 && m.get("_doc").is_some_and(Value::is_object) => m["_doc"].clone(),
        _ => mappings.clone(),
    }
}

/// `routing` is shorthand for `index_routing` plus `search_routing`; routing values are strings.
fn alias_definition(alias: &Value) -> Value {
    let Some(src) = alias.as_object() else { return alias.clone() };
    let mut out = Map::new();
    for (key, value) in src {
        match key.as_str() {
            "routing" => {
                for side in ["index_routing", "search_routing"] {
                    if !src.contains_key(side) {
                        out.insert(side.into(), json!(scalar_string(value)));
                    }
                }
            }
            "index_routing" | "search_routing" => {
                out.insert(key.clone(), json!(scalar_string(value)));
            }
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    let mut sorted: Vec<(String, Value)> = out.into_iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    Value::Object(sorted.into_iter().collect())
}

/// A data stream lifecycle: `enabled: true` is the default ES echoes; retention compares by value.
fn data_stream_lifecycle(lifecycle: &Value) -> Value {
    let Some(src) = lifecycle.as_object() else { return lifecycle.clone() };
    let mut out = Map::new();
    for (key, value) in src {
        match key.as_str() {
            "enabled" if same_scalar(value, &json!(true)) => {}
            // Derived by the server (8.16+), from the retention and the global retention settings.
            "effective_retention" | "retention_determined_by" => {}
            "data_retention" => {
                out.insert(key.clone(), canonical_duration(value));
            }
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    Value::Object(out)
}

// ---------------------------------------------------------------------------------------------
// Pipelines

fn pipeline(body: &Value) -> Value {
    let Some(src) = body.as_object() else { return body.clone() };
    let mut out = Map::new();
    for (key, value) in src {
        match key.as_str() {
            "deprecated" if value == &json!(false) => {}
            _ if is_server_date(key) => {}
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    Value::Object(out)
}

/// Creation and modification dates 9.2+ adds to templates and pipelines.
fn is_server_date(key: &str) -> bool {
    matches!(key, "created_date" | "created_date_millis" | "modified_date" | "modified_date_millis")
}

// ---------------------------------------------------------------------------------------------
// Values

/// The string ES stores for a scalar (`1` → `"1"`, `true` → `"true"`).
fn scalar_string(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn string_list(value: &Value) -> Value {
    match value {
        Value::Array(items) => items.iter().map(|v| json!(scalar_string(v))).collect(),
        Value::Null => json!([]),
        scalar => json!([scalar_string(scalar)]),
    }
}

// ---------------------------------------------------------------------------------------------
// ISM (OpenSearch)

/// An ISM policy without the plugin's bookkeeping and defaults (see the module rules).
fn ism_policy(policy: &Value) -> Value {
    let Some(obj) = policy.as_object() else { return policy.clone() };
    let mut out = Map::new();
    for (key, value) in obj {
        match key.as_str() {
            "policy_id" | "last_updated_time" | "schema_version" | "user" => {}
            "error_notification" | "ism_template" if value.is_null() => {}
            "ism_template" => {
                let list = if value.is_array() { value.clone() } else { json!([value]) };
                let templates: Vec<Value> = list
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|t| {
                        let mut t = t.clone();
                        if let Some(m) = t.as_object_mut() {
                            m.remove("last_updated_time");
                            if let Some(Value::String(p)) = m.get("index_patterns").cloned() {
                                m.insert("index_patterns".into(), json!([p]));
                            }
                        }
                        t
                    })
                    .collect();
                out.insert(key.clone(), Value::Array(templates));
            }
            "states" => {
                let states: Vec<Value> = value.as_array().into_iter().flatten().map(ism_state).collect();
                out.insert(key.clone(), Value::Array(states));
            }
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    Value::Object(out)
}

fn ism_state(state: &Value) -> Value {
    let mut out = state.clone();
    let Some(m) = out.as_object_mut() else { return out };
    if let Some(Value::Array(actions)) = m.get_mut("actions") {
        for action in actions.iter_mut() {
            ism_action(action);
        }
    }
    let transitions = m.remove("transitions").unwrap_or_else(|| json!([]));
    let transitions: Vec<Value> = transitions
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            let mut t = t.clone();
            if let Some(Value::Object(c)) = t.get_mut("conditions") {
                for (name, v) in c.iter_mut() {
                    *v = if name == "min_size" { canonical_byte_size(v) } else { canonical_duration(v) };
                }
            }
            t
        })
        .collect();
    m.insert("transitions".into(), Value::Array(transitions));
    out
}

fn ism_action(action: &mut Value) {
    let Some(m) = action.as_object_mut() else { return };
    let default_retry = m.get("retry").is_some_and(|r| {
        r["count"] == json!(3)
            && r.get("backoff").is_none_or(|b| b == "exponential")
            && r.get("delay").is_none_or(|d| duration_nanos(d) == duration_nanos(&json!("1m")))
    });
    if default_retry {
        m.remove("retry");
    }
    if let Some(t) = m.get_mut("timeout") {
        *t = canonical_duration(t);
    }
    if let Some(Value::Object(r)) = m.get_mut("rollover") {
        if r.get("copy_alias") == Some(&json!(false)) {
            r.remove("copy_alias");
        }
        for (name, v) in r.iter_mut() {
            match name.as_str() {
                "min_index_age" => *v = canonical_duration(v),
                "min_size" | "min_primary_shard_size" => *v = canonical_byte_size(v),
                _ => {}
            }
        }
    }
    if let Some(Value::Object(a)) = m.get_mut("allocation") {
        a.retain(|k, v| match k.as_str() {
            "wait_for" => v != &json!(false),
            _ => v.as_object().is_none_or(|o| !o.is_empty()),
        });
    }
}

/// Nanoseconds of a duration in ES units (`"7d"`, `"0"`); `None` when it is not one.
pub fn duration_nanos(value: &Value) -> Option<u64> {
    value.as_str().and_then(|s| TimeValue::parse(s).ok()).map(|t| t.value.nanos())
}

/// A duration in the largest exact ES unit (`168h` → `7d`); anything else as it is.
fn canonical_duration(value: &Value) -> Value {
    match value.as_str().and_then(|s| TimeValue::parse(s).ok()) {
        Some(t) => json!(t.value.to_es()),
        None => value.clone(),
    }
}

/// A byte size in the largest exact ES unit (`51200mb` → `50gb`); anything else as it is.
fn canonical_byte_size(value: &Value) -> Value {
    match value.as_str().and_then(|s| ByteSize::parse(s).ok()) {
        Some(b) => json!(b.value.to_es()),
        None => value.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(kind: ResourceKind, sent: Value, read_back: Value) {
        assert_eq!(canonical(kind, &sent), canonical(kind, &read_back), "sent {sent}\nread {read_back}");
    }

    #[test]
    fn an_ism_policy_read_back_equals_what_was_sent() {
        let sent = json!({"policy": {"description": "d", "default_state": "hot", "states": [
            {"name": "hot", "actions": [{"rollover": {"min_index_age": "24h"}}], "transitions": [{"state_name": "gone", "conditions": {"min_index_age": "7d"}}]},
            {"name": "gone", "actions": [{"delete": {}}]}],
            "ism_template": {"index_patterns": "logs-*", "priority": 1}}});
        let read_back = json!({"policy_id": "p", "description": "d", "last_updated_time": 1, "schema_version": 21,
            "error_notification": null, "default_state": "hot", "states": [
            {"name": "hot", "actions": [{"retry": {"count": 3, "backoff": "exponential", "delay": "1m"}, "rollover": {"min_index_age": "1d", "copy_alias": false}}],
             "transitions": [{"state_name": "gone", "conditions": {"min_index_age": "168h"}}]},
            {"name": "gone", "actions": [{"retry": {"count": 3, "backoff": "exponential", "delay": "1m"}, "delete": {}}], "transitions": []}],
            "ism_template": [{"index_patterns": ["logs-*"], "priority": 1, "last_updated_time": 5}]});
        same(ResourceKind::IsmPolicy, sent, read_back.clone());
        let other_retry = json!({"policy": {"description": "d", "default_state": "hot", "states": [
            {"name": "hot", "actions": [{"retry": {"count": 5}, "rollover": {"min_index_age": "1d"}}], "transitions": [{"state_name": "gone", "conditions": {"min_index_age": "7d"}}]},
            {"name": "gone", "actions": [{"delete": {}}]}], "ism_template": [{"index_patterns": ["logs-*"], "priority": 1}]}});
        assert_ne!(canonical(ResourceKind::IsmPolicy, &other_retry), canonical(ResourceKind::IsmPolicy, &read_back));
    }

    #[test]
    fn durations_and_byte_sizes_compare_by_value() {
        assert_eq!(canonical_duration(&json!("168h")), json!("7d"));
        assert_eq!(canonical_duration(&json!("90000ms")), json!("90s"));
        assert_eq!(canonical_duration(&json!("0s")), json!("0ms"));
        assert_eq!(canonical_duration(&json!("soon")), json!("soon"));
        assert_eq!(canonical_byte_size(&json!("51200mb")), json!("50gb"));
        assert_eq!(canonical_byte_size(&json!("1536MB")), json!("1536mb"));
        assert_eq!(canonical_byte_size(&json!("10k")), json!("10kb"));
        assert_eq!(duration_nanos(&json!("30d")), Some(30 * 86_400_000_000_000));
    }

    #[test]
    fn ilm_server_defaults_equal_absent() {
        same(
            ResourceKind::IlmPolicy,
            json!({"policy": {"phases": {
                "hot": {"actions": {"rollover": {"max_age": "1d", "max_primary_shard_size": "50gb"}}},
                "warm": {"min_age": "168h", "actions": {"allocate": {"number_of_replicas": 1}, "migrate": {}}},
                "cold": {"min_age": "30d", "actions": {"searchable_snapshot": {"snapshot_repository": "r"}}},
                "delete": {"min_age": "90d", "actions": {"delete": {}}}}}}),
            json!({"version": 4, "modified_date": "2024-03-15T10:00Z", "in_use_by": {"indices": ["a"]},
                "policy": {"phases": {
                "hot": {"min_age": "0ms", "actions": {"rollover": {"max_age": "24h", "max_primary_shard_size": "51200mb"}}},
                "warm": {"min_age": "7d", "actions": {
                    "allocate": {"number_of_replicas": 1, "include": {}, "exclude": {}, "require": {}},
                    "migrate": {"enabled": true}}},
                "cold": {"min_age": "30d", "actions": {"searchable_snapshot": {"snapshot_repository": "r", "force_merge_index": true}}},
                "delete": {"min_age": "90d", "actions": {"delete": {"delete_searchable_snapshot": true}}}}}}),
        );
    }

    #[test]
    fn ilm_differences_that_matter_survive() {
        let policy = |delete_after: &str, snapshot: bool| {
            json!({"policy": {"phases": {"delete": {"min_age": delete_after,
                "actions": {"delete": {"delete_searchable_snapshot": snapshot}}}}}})
        };
        let base = canonical(ResourceKind::IlmPolicy, &policy("90d", true));
        assert_ne!(base, canonical(ResourceKind::IlmPolicy, &policy("120d", true)));
        assert_ne!(base, canonical(ResourceKind::IlmPolicy, &policy("90d", false)));
        assert_eq!(base, json!({"phases": {"delete": {"min_age": "90d", "actions": {"delete": {}}}}}));
    }

    #[test]
    fn settings_flatten_with_index_prefix_and_string_values() {
        same(
            ResourceKind::ComponentTemplate,
            json!({"template": {"settings": {"number_of_shards": 1, "index.lifecycle.name": "p",
                "index": {"codec": "best_compression"}, "query": {"default_field": ["message", "msg"]}}}}),
            json!({"template": {"settings": {"index": {"number_of_shards": "1", "lifecycle": {"name": "p"},
                "codec": "best_compression", "query": {"default_field": ["message", "msg"]}}}}}),
        );
        assert_eq!(
            flat_settings(&json!({"refresh_interval": "30s", "index": {"hidden": true}})),
            json!({"index.hidden": "true", "index.refresh_interval": "30s"})
        );
    }

    #[test]
    fn index_template_defaults_equal_absent() {
        same(
            ResourceKind::IndexTemplate,
            json!({"index_patterns": "logs-*", "data_stream": {}, "priority": 200,
                "template": {"mappings": {"_doc": {"properties": {"a": {"type": "keyword"}}}},
                    "aliases": {"logs": {"routing": 1}}, "settings": {}},
                "_meta": {"managed_by": "esops"}}),
            json!({"index_patterns": ["logs-*"], "composed_of": [], "priority": 200,
                "data_stream": {"hidden": false, "allow_custom_routing": false},
                "template": {"mappings": {"properties": {"a": {"type": "keyword"}}},
                    "aliases": {"logs": {"index_routing": "1", "search_routing": "1"}}},
                "created_date_millis": 1, "modified_date_millis": 2}),
        );
        let hidden = json!({"index_patterns": ["a"], "data_stream": {"hidden": true}});
        assert_ne!(
            canonical(ResourceKind::IndexTemplate, &hidden),
            canonical(ResourceKind::IndexTemplate, &json!({"index_patterns": ["a"], "data_stream": {}}))
        );
        // No data stream at all is not the same as a data stream with defaults.
        assert_ne!(
            canonical(ResourceKind::IndexTemplate, &json!({"index_patterns": ["a"]})),
            canonical(ResourceKind::IndexTemplate, &json!({"index_patterns": ["a"], "data_stream": {}}))
        );
    }

    #[test]
    fn template_version_is_user_data_but_server_dates_are_not() {
        let v1 = canonical(ResourceKind::ComponentTemplate, &json!({"template": {}, "version": 1}));
        let v2 = canonical(ResourceKind::ComponentTemplate, &json!({"template": {}, "version": 2}));
        assert_ne!(v1, v2);
        same(
            ResourceKind::IngestPipeline,
            json!({"processors": [{"set": {"field": "a", "value": 1}}], "version": 3}),
            json!({"processors": [{"set": {"field": "a", "value": 1}}], "version": 3,
                "created_date_millis": 1, "modified_date_millis": 2, "deprecated": false}),
        );
    }

    #[test]
    fn data_stream_lifecycle_defaults_and_retention_units() {
        same(
            ResourceKind::IndexTemplate,
            json!({"index_patterns": ["a"], "data_stream": {}, "template": {"lifecycle": {"data_retention": "720h"}}}),
            json!({"index_patterns": ["a"], "data_stream": {},
                "template": {"lifecycle": {"enabled": true, "data_retention": "30d"}}}),
        );
    }

    #[test]
    fn the_ownership_mark_is_not_content_but_other_meta_is() {
        let marked = json!({"processors": [], "_meta": {"managed_by": "esops", "owner": "team-a"}});
        assert_eq!(
            canonical(ResourceKind::IngestPipeline, &marked),
            json!({"processors": [], "_meta": {"owner": "team-a"}})
        );
        let policy = json!({"policy": {"phases": {}, "_meta": {"managed_by": "esops"}}});
        assert_eq!(canonical(ResourceKind::IlmPolicy, &policy), json!({"phases": {}}));
        assert_eq!(meta(ResourceKind::IlmPolicy, &policy).unwrap()["managed_by"], "esops");
    }
}

#[cfg(test)]
mod snapshot_kind_tests {
    use super::*;

    #[test]
    fn cluster_settings_compare_declared_keys_only_flat_or_nested() {
        let declared = json!({"persistent": {"cluster": {"max_shards_per_node": 1500}, "slm.minimum_interval": null}});
        let stored = json!({"persistent": {"cluster.max_shards_per_node": "1500", "indices.recovery.max_bytes_per_sec": "80mb"}});
        let kind = ResourceKind::ClusterSettings;
        assert_eq!(canonical(kind, &declared), json!({"persistent": {"cluster.max_shards_per_node": "1500"}}));
        assert_eq!(managed_part(kind, canonical(kind, &stored), &declared), canonical(kind, &declared));
        let set_elsewhere =
            json!({"persistent": {"cluster.max_shards_per_node": "1500", "slm.minimum_interval": "30m"}});
        assert_eq!(
            managed_part(kind, canonical(kind, &set_elsewhere), &declared),
            json!({"persistent": {"cluster.max_shards_per_node": "1500", "slm.minimum_interval": "30m"}}),
            "a key declared null is compared: set on the cluster, it is to be reset"
        );
    }

    #[test]
    fn repositories_and_slm_policies_compare_as_elasticsearch_stores_them() {
        let repo = ResourceKind::SnapshotRepository;
        assert_eq!(
            canonical(repo, &json!({"type": "fs", "settings": {"location": "x", "compress": true}})),
            canonical(repo, &json!({"type": "fs", "uuid": "u", "settings": {"location": "x", "compress": "true"}}))
        );
        let slm = ResourceKind::SlmPolicy;
        let declared = json!({"schedule": "0 30 1 * * ?", "name": "n", "repository": "r",
            "config": {"metadata": {"managed_by": "esops"}}, "retention": {"expire_after": "720h"}});
        assert_eq!(
            canonical(slm, &declared),
            json!({"schedule": "0 30 1 * * ?", "name": "n", "repository": "r", "retention": {"expire_after": "30d"}})
        );
        assert_eq!(meta(slm, &declared).and_then(|m| m.get(OWNER_KEY)), Some(&json!("esops")));
    }
}
