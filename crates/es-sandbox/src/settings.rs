//! Index settings normalization, shared by templates, index creation and ILM.
//!
//! Elasticsearch keeps settings as a flat map of `index.`-prefixed keys to strings, whatever the
//! request sent (`{"number_of_shards": 1}`, `{"index": {"number_of_shards": "1"}}` and
//! `{"index.number_of_shards": 1}` are the same setting), and renders them nested by dots on GET
//! unless `?flat_settings=true`. Clients diff what they sent against what GET returns, so the
//! sandbox must normalize exactly the same way.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::error::{EsError, EsResult};

/// Settings in canonical form: flat `index.`-prefixed keys; values are strings, arrays of strings,
/// or `null` (a reset request).
pub type FlatSettings = BTreeMap<String, Value>;

/// Normalizes a settings object as sent by a client into [`FlatSettings`]: flattens nested
/// objects with dots, prefixes keys with `index.`, and turns scalars into strings.
pub fn normalize(settings: &Value) -> EsResult<FlatSettings> {
    let mut flat = FlatSettings::new();
    match settings {
        Value::Null => {}
        Value::Object(map) => flatten_into("", map, &mut flat),
        other => {
            return Err(EsError::illegal_argument(format!("Failed to load settings from [{other}]")));
        }
    }
    Ok(flat
        .into_iter()
        .map(|(k, v)| if k.starts_with("index.") { (k, v) } else { (format!("index.{k}"), v) })
        .collect())
}

/// Flattens a settings object with dots and string values, without the `index.` prefix
/// (cluster settings: `{"cluster":{"routing":…}}` → `cluster.routing…`).
pub fn flatten(settings: &Value) -> EsResult<FlatSettings> {
    let mut flat = FlatSettings::new();
    match settings {
        Value::Null => {}
        Value::Object(map) => flatten_into("", map, &mut flat),
        other => return Err(EsError::illegal_argument(format!("Failed to load settings from [{other}]"))),
    }
    Ok(flat)
}

fn flatten_into(prefix: &str, map: &Map<String, Value>, flat: &mut FlatSettings) {
    for (key, value) in map {
        let full = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        match value {
            Value::Object(inner) => flatten_into(&full, inner, flat),
            Value::Array(items) => {
                flat.insert(full, Value::Array(items.iter().map(|v| Value::String(scalar_string(v))).collect()));
            }
            Value::Null => {
                flat.insert(full, Value::Null);
            }
            scalar => {
                flat.insert(full, Value::String(scalar_string(scalar)));
            }
        }
    }
}

/// The string ES stores for a scalar setting value (`1` → `"1"`, `true` → `"true"`).
pub fn scalar_string(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Renders settings nested by dots (`{"index":{"lifecycle":{"name":"p"}}}`), as GET does by default.
pub fn nested(flat: &FlatSettings) -> Value {
    let mut root = Map::new();
    for (key, value) in flat {
        let mut parts: Vec<&str> = key.split('.').collect();
        let Some(last) = parts.pop() else { continue };
        let mut node = &mut root;
        for part in parts {
            let entry = node.entry(part.to_string()).or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                // A key that is both a value and a prefix (`a` and `a.b`): ES keeps the value
                // under its flat name; do the same rather than losing either.
                *entry = Value::Object(Map::new());
            }
            let Value::Object(next) = entry else { unreachable!("just made an object") };
            node = next;
        }
        node.insert(last.to_string(), value.clone());
    }
    Value::Object(root)
}

/// Renders settings as GET would: nested by dots, or flat with `?flat_settings=true`.
pub fn render(flat: &FlatSettings, flat_settings: bool) -> Value {
    if flat_settings { Value::Object(flat.iter().map(|(k, v)| (k.clone(), v.clone())).collect()) } else { nested(flat) }
}

/// Applies `update` on top of `base`: later values win, `null` removes the key (ES's reset).
pub fn merge(base: &mut FlatSettings, update: &FlatSettings) {
    for (key, value) in update {
        if value.is_null() {
            base.remove(key);
        } else {
            base.insert(key.clone(), value.clone());
        }
    }
}

/// A string setting, if present.
pub fn get<'a>(flat: &'a FlatSettings, key: &str) -> Option<&'a str> {
    flat.get(key).and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn normalizes_prefix_nesting_and_strings() {
        let flat = normalize(&json!({
            "number_of_shards": 1,
            "index": {"lifecycle": {"name": "p"}, "hidden": true},
            "index.number_of_replicas": "0",
            "routing.allocation.include._tier_preference": ["data_hot", "data_warm"]
        }))
        .unwrap();
        assert_eq!(flat["index.number_of_shards"], json!("1"));
        assert_eq!(flat["index.lifecycle.name"], json!("p"));
        assert_eq!(flat["index.hidden"], json!("true"));
        assert_eq!(flat["index.number_of_replicas"], json!("0"));
        assert_eq!(flat["index.routing.allocation.include._tier_preference"], json!(["data_hot", "data_warm"]));
    }

    #[test]
    fn renders_nested_and_flat() {
        let flat = normalize(&json!({"number_of_shards": 1, "number_of_replicas": 0})).unwrap();
        assert_eq!(render(&flat, false), json!({"index": {"number_of_replicas": "0", "number_of_shards": "1"}}));
        assert_eq!(render(&flat, true), json!({"index.number_of_replicas": "0", "index.number_of_shards": "1"}));
    }

    #[test]
    fn merge_resets_with_null() {
        let mut base = normalize(&json!({"a": 1, "b": 2})).unwrap();
        merge(&mut base, &normalize(&json!({"a": null, "b": 3})).unwrap());
        assert_eq!(base.len(), 1);
        assert_eq!(base["index.b"], json!("3"));
    }

    #[test]
    fn rejects_non_object_settings() {
        assert_eq!(normalize(&json!(3)).unwrap_err().status, 400);
    }
}
