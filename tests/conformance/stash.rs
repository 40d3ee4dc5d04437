//! The stash and object paths: how the YAML runner names values in responses and reuses them.
//!
//! Mirrors Elasticsearch's Java runner (`Stash`, `ObjectPath`): `$name` stands for a whole stashed
//! value, `${name}` is replaced inside a longer string, `$body` is the last response body, and paths
//! are dotted (`nodes.$master.http`, `index\.number_of_shards`, `items.0.index`).

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Value};

/// Values stashed by `set` / `transform_and_set`, plus `body` (the last response body).
#[derive(Debug, Default)]
pub struct Stash {
    values: Map<String, Value>,
}

impl Stash {
    /// Stores `value` under `key`.
    pub fn put(&mut self, key: &str, value: Value) {
        self.values.insert(key.to_string(), value);
    }

    /// Whether a string refers to the stash: `$name…` or anything containing `${name}`.
    pub fn is_reference(s: &str) -> bool {
        (s.len() > 1 && s.starts_with('$')) || embedded_key_spans(s).next().is_some()
    }

    /// Resolves a reference: `$a.b` gives the value at path `a.b` of the stash; a string with
    /// `${a}` parts gives that string with each part replaced by the value's text.
    pub fn resolve(&self, reference: &str) -> Result<Value, String> {
        if let Some(key) = reference.strip_prefix('$')
            && !key.starts_with('{')
        {
            return self.unstash(key);
        }
        let mut out = String::with_capacity(reference.len());
        let mut last = 0;
        for (start, end) in embedded_key_spans(reference) {
            out.push_str(&reference[last..start]);
            out.push_str(&java_string(&self.unstash(&reference[start + 2..end - 1])?));
            last = end;
        }
        out.push_str(&reference[last..]);
        Ok(Value::String(out))
    }

    /// Replaces stash references in a value, recursively, keys included (`stash_in_key`).
    pub fn substitute(&self, value: &Value) -> Result<Value, String> {
        Ok(match value {
            Value::String(s) if Self::is_reference(s) => self.resolve(s)?,
            Value::Array(items) => Value::Array(items.iter().map(|v| self.substitute(v)).collect::<Result<_, _>>()?),
            Value::Object(map) => {
                let mut out = Map::new();
                for (k, v) in map {
                    let key = if Self::is_reference(k) { java_string(&self.resolve(k)?) } else { k.clone() };
                    out.insert(key, self.substitute(v)?);
                }
                Value::Object(out)
            }
            other => other.clone(),
        })
    }

    fn unstash(&self, path: &str) -> Result<Value, String> {
        let root = Value::Object(self.values.clone());
        match evaluate(&root, path, None)? {
            Some(v) if !v.is_null() => Ok(v),
            _ => Err(format!("stashed value not found for key [{path}]")),
        }
    }
}

/// `${name}` inside a string, as the Java runner's `EXTENDED_KEY` pattern finds it.
static EMBEDDED_KEY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\$\{([^}]+)\}").expect("valid regex"));

/// Byte spans of `${…}` occurrences in `s` (start of `$` to one past `}`).
fn embedded_key_spans(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    EMBEDDED_KEY.find_iter(s).map(|m| (m.start(), m.end()))
}

/// Splits a path on unescaped dots; `\.` is a literal dot, empty segments are dropped
/// (so `.$idx.settings` is `[$idx, settings]`, the leading dot only defeating the stash rule).
pub fn parse_path(path: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'.') => {
                current.push('.');
                chars.next();
            }
            '.' => {
                if !current.is_empty() {
                    parts.push(std::mem::take(&mut current));
                }
            }
            _ => current.push(c),
        }
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

/// Evaluates a dotted path against `root`. `Ok(None)` when a key is absent (ES's "undefined");
/// `Err` when the path runs into a scalar or walks past the end of a list, as the Java runner does.
/// With a stash, segments that are stash references are resolved first (`stash_in_path`).
pub fn evaluate(root: &Value, path: &str, stash: Option<&Stash>) -> Result<Option<Value>, String> {
    let mut current = root;
    for part in parse_path(path) {
        let key = match stash {
            Some(stash) if Stash::is_reference(&part) => java_string(&stash.resolve(&part)?),
            _ => part,
        };
        current = match current {
            Value::Object(map) if key == "_arbitrary_key_" => {
                return match map.keys().next() {
                    Some(k) => Ok(Some(Value::String(k.clone()))),
                    None => Err(format!("requested [{key}] but the map was empty")),
                };
            }
            Value::Object(map) => match map.get(&key) {
                Some(v) => v,
                None => return Ok(None),
            },
            Value::Array(items) => {
                let index: usize =
                    key.parse().map_err(|_| format!("element was a list, but [{key}] was not numeric"))?;
                items.get(index).ok_or_else(|| {
                    format!("element was a list with {} elements, but [{key}] was out of bounds", items.len())
                })?
            }
            Value::Null => return Ok(None),
            other => return Err(format!("no object found for [{key}] within {}", kind_of(other))),
        };
    }
    Ok(Some(current.clone()))
}

/// A value's text the way Java's `toString()` renders the parsed YAML/JSON (`{a=1, b=[x, y]}`).
/// Used where the Java runner compares or substitutes text: stash `${…}`, `is_true`, `catch: /re/`.
pub fn java_string(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => format!("[{}]", items.iter().map(java_string).collect::<Vec<_>>().join(", ")),
        Value::Object(map) => {
            let entries: Vec<String> = map.iter().map(|(k, v)| format!("{k}={}", java_string(v))).collect();
            format!("{{{}}}", entries.join(", "))
        }
    }
}

/// A short name for a value's type, for messages.
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "map",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn stash() -> Stash {
        let mut s = Stash::default();
        s.put("idx", json!("logs-000001"));
        s.put("count", json!(3));
        s.put("body", json!({"a": {"b": [10, 20]}}));
        s
    }

    #[test]
    fn path_with_escaped_dots_and_leading_dot() {
        assert_eq!(
            parse_path(r"test.settings.index\.number_of_shards"),
            ["test", "settings", "index.number_of_shards"]
        );
        assert_eq!(parse_path(".$idx.settings"), ["$idx", "settings"]);
        assert!(parse_path("").is_empty());
    }

    #[test]
    fn evaluate_lists_maps_and_missing_keys() {
        let body = json!({"items": [{"index": {"_id": "1"}}], "a.b": 1});
        assert_eq!(evaluate(&body, "items.0.index._id", None).unwrap(), Some(json!("1")));
        assert_eq!(evaluate(&body, r"a\.b", None).unwrap(), Some(json!(1)));
        assert_eq!(evaluate(&body, "missing.deeper", None).unwrap(), None);
        assert_eq!(evaluate(&body, "", None).unwrap(), Some(body.clone()));
        assert!(evaluate(&body, "items.5", None).is_err());
        assert!(evaluate(&body, "items.x", None).is_err());
        assert!(evaluate(&body, "items._arbitrary_key_", None).is_err());
    }

    #[test]
    fn arbitrary_key_gives_first_key() {
        let body = json!({"nodes": {"n1": {"name": "x"}}});
        assert_eq!(evaluate(&body, "nodes._arbitrary_key_", None).unwrap(), Some(json!("n1")));
    }

    #[test]
    fn stash_in_path_segments() {
        let body = json!({"logs-000001": {"settings": {"x": 1}}});
        let s = stash();
        assert_eq!(evaluate(&body, ".$idx.settings.x", Some(&s)).unwrap(), Some(json!(1)));
        assert_eq!(evaluate(&body, "${idx}.settings.x", Some(&s)).unwrap(), Some(json!(1)));
    }

    #[test]
    fn whole_and_embedded_substitution() {
        let s = stash();
        assert_eq!(s.resolve("$count").unwrap(), json!(3));
        assert_eq!(s.resolve("$body.a.b.1").unwrap(), json!(20));
        assert_eq!(s.resolve("prefix-${idx}-${count}").unwrap(), json!("prefix-logs-000001-3"));
        assert!(s.resolve("$nope").is_err());
        let v = s.substitute(&json!({"$idx": {"n": "$count", "l": ["${idx}", "plain"]}})).unwrap();
        assert_eq!(v, json!({"logs-000001": {"n": 3, "l": ["logs-000001", "plain"]}}));
    }

    #[test]
    fn references_are_recognised() {
        assert!(Stash::is_reference("$x"));
        assert!(Stash::is_reference("a ${x} b"));
        assert!(!Stash::is_reference("$"));
        assert!(!Stash::is_reference("costs 5 dollars"));
    }

    #[test]
    fn java_rendering() {
        assert_eq!(java_string(&json!({"a": 1, "b": [true, "x"]})), "{a=1, b=[true, x]}");
        assert_eq!(java_string(&json!(1.5)), "1.5");
    }
}
