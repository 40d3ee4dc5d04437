//! What a read returns of a stored document: ES's `_source` filtering (`FetchSourceContext`,
//! applied by `XContentMapValues#filter`) and stored fields (`stored_fields`), shared by
//! `GET /{index}/_doc/{id}` and the `get` section of update results.

use serde_json::{Map, Value};

use crate::error::{EsError, EsResult};
use crate::expression::{simple_match, split_list};
use crate::http::SandboxRequest;
use crate::mapping::types::collect_paths;
use crate::xcontent::token_name;

/// Whether and which part of `_source` a read returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFilter {
    /// `false` leaves `_source` out of the response.
    pub fetch: bool,
    /// Paths (with `*`) to keep; empty keeps everything.
    pub includes: Vec<String>,
    /// Paths (with `*`) to drop, applied after `includes`.
    pub excludes: Vec<String>,
}

impl SourceFilter {
    /// The whole `_source`.
    pub const ALL: SourceFilter = SourceFilter { fetch: true, includes: Vec::new(), excludes: Vec::new() };

    /// `FetchSourceContext#parseFromRestRequest`: `_source` (a boolean, or else a list of
    /// includes), `_source_includes`, `_source_excludes`; `None` when the request names none.
    pub fn from_params(req: &SandboxRequest) -> Option<SourceFilter> {
        let source = req.param("_source");
        let includes = req.param("_source_includes");
        let excludes = req.param("_source_excludes");
        if source.is_none() && includes.is_none() && excludes.is_none() {
            return None;
        }
        let mut filter = SourceFilter { fetch: true, includes: split_list(includes), excludes: split_list(excludes) };
        match source {
            Some("false") => filter.fetch = false,
            Some("true") | None => {}
            Some(list) => filter.includes = split_list(Some(list)),
        }
        Some(filter)
    }

    /// `FetchSourceContext#fromXContent`: the `_source` of a request body or bulk action line, a
    /// boolean, a path, a list of paths or `{"includes": …, "excludes": …}`.
    pub fn from_value(value: &Value) -> EsResult<SourceFilter> {
        let paths = |v: Option<&Value>, key: &str| -> EsResult<Vec<String>> {
            match v {
                None => Ok(Vec::new()),
                Some(Value::String(s)) => Ok(vec![s.clone()]),
                Some(Value::Array(items)) => items
                    .iter()
                    .map(|i| {
                        i.as_str()
                            .map(str::to_string)
                            .ok_or_else(|| EsError::parse(format!("Unknown key for a {} in [{key}].", token_name(i))))
                    })
                    .collect(),
                Some(other) => Err(EsError::parse(format!("Unknown key for a {} in [{key}].", token_name(other)))),
            }
        };
        match value {
            Value::Bool(fetch) => Ok(SourceFilter { fetch: *fetch, ..SourceFilter::ALL }),
            Value::String(_) | Value::Array(_) => {
                Ok(SourceFilter { includes: paths(Some(value), "_source")?, ..SourceFilter::ALL })
            }
            Value::Object(map) => {
                let mut filter = SourceFilter::ALL;
                for (key, v) in map {
                    match key.as_str() {
                        "includes" | "include" => filter.includes = paths(Some(v), key)?,
                        "excludes" | "exclude" => filter.excludes = paths(Some(v), key)?,
                        other => {
                            return Err(EsError::parse(format!("Unknown key for a {} in [{other}].", token_name(v))));
                        }
                    }
                }
                Ok(filter)
            }
            other => Err(EsError::parse(format!(
                "Expected one of [VALUE_BOOLEAN, START_OBJECT] but found [{}]",
                token_name(other)
            ))),
        }
    }

    /// The filtered source, or `None` when the source is not fetched.
    pub fn apply(&self, source: Value) -> Option<Value> {
        if !self.fetch {
            return None;
        }
        if self.includes.is_empty() && self.excludes.is_empty() {
            return Some(source);
        }
        Some(match source {
            Value::Object(map) => Value::Object(self.filter_object(map, "", self.includes.is_empty())),
            other => other,
        })
    }

    /// Keeps the keys of `map` (at `prefix`) an include accepts, minus what an exclude names.
    /// `included` says an enclosing object was accepted whole.
    fn filter_object(&self, map: Map<String, Value>, prefix: &str, included: bool) -> Map<String, Value> {
        let mut out = Map::new();
        for (key, value) in map {
            let path = format!("{prefix}{key}");
            if self.excludes.iter().any(|e| simple_match(e, &path)) {
                continue;
            }
            let accepted = included || self.includes.iter().any(|i| simple_match(i, &path));
            let below = format!("{path}.");
            let partial = !accepted && self.includes.iter().any(|i| may_match_below(i, &below));
            if !accepted && !partial {
                continue;
            }
            match value {
                Value::Object(child) => {
                    let kept = self.filter_object(child, &below, accepted);
                    // An object accepted whole stays even when the excludes empty it.
                    if accepted || !kept.is_empty() {
                        out.insert(key, Value::Object(kept));
                    }
                }
                Value::Array(items) => {
                    let kept = self.filter_array(items, &below, accepted);
                    if accepted || !kept.is_empty() {
                        out.insert(key, Value::Array(kept));
                    }
                }
                scalar if accepted => {
                    out.insert(key, scalar);
                }
                _ => {}
            }
        }
        out
    }

    /// Array elements: objects are filtered at the array's path, values kept when it is accepted.
    fn filter_array(&self, items: Vec<Value>, below: &str, accepted: bool) -> Vec<Value> {
        items
            .into_iter()
            .filter_map(|item| match item {
                Value::Object(child) => {
                    let kept = self.filter_object(child, below, accepted);
                    (accepted || !kept.is_empty()).then_some(Value::Object(kept))
                }
                Value::Array(inner) => Some(Value::Array(self.filter_array(inner, below, accepted))),
                scalar => accepted.then_some(scalar),
            })
            .collect()
    }
}

/// True when `pattern` (`*` matching any run, dots included) can match some path that starts
/// with `prefix`: the literal head before the first `*` agrees with the prefix.
fn may_match_below(pattern: &str, prefix: &str) -> bool {
    match pattern.find('*') {
        None => pattern.starts_with(prefix),
        Some(star) => {
            let head = &pattern[..star];
            if head.len() <= prefix.len() { prefix.starts_with(head) } else { head.starts_with(prefix) }
        }
    }
}

/// The `stored_fields` of a request: the names asked for (`_source` among them asks for the
/// source too).
#[derive(Debug, Clone, Default)]
pub struct StoredFields {
    names: Vec<String>,
}

impl StoredFields {
    /// `stored_fields=a,b`; `None` without the parameter.
    pub fn from_params(req: &SandboxRequest) -> Option<StoredFields> {
        req.param("stored_fields").map(|v| StoredFields { names: split_list(Some(v)) })
    }

    /// ES fetches the source alongside stored fields only when `_source` is one of them
    /// (`ShardGetService#normalizeFetchSourceContent`).
    pub fn wants_source(&self) -> bool {
        self.names.iter().any(|n| n == "_source")
    }

    /// `fields` of a GET: the values of each requested field mapped with `store: true`, as arrays
    /// (metadata fields such as `_routing` are answered at the top level instead).
    pub fn values(&self, mappings: &Value, source: &Value) -> Map<String, Value> {
        let mut mapped = Vec::new();
        collect_paths(mappings, "", &mut mapped);
        let mut fields = Map::new();
        for name in self.names.iter().filter(|n| !n.starts_with('_')) {
            let stored = mapped.iter().any(|(path, def)| {
                simple_match(name, path) && def.get("store").is_some_and(|s| s == true || s == "true")
            });
            if !stored {
                continue;
            }
            for (path, _) in mapped.iter().filter(|(path, _)| simple_match(name, path)) {
                let mut values = Vec::new();
                values_at(source, path, &mut values);
                if !values.is_empty() {
                    fields.insert(path.clone(), Value::Array(values));
                }
            }
        }
        fields
    }
}

/// The non-null values at a dotted `path` of a source, whether its objects are nested
/// (`{"a": {"b": 1}}`) or written with dots (`{"a.b": 1}`); arrays are flattened.
pub fn values_at(value: &Value, path: &str, out: &mut Vec<Value>) {
    match value {
        Value::Array(items) => items.iter().for_each(|i| values_at(i, path, out)),
        Value::Object(map) => {
            for (key, child) in map {
                if key == path {
                    push_leaves(child, out);
                } else if let Some(rest) = path.strip_prefix(key.as_str()).and_then(|r| r.strip_prefix('.')) {
                    values_at(child, rest, out);
                }
            }
        }
        _ => {}
    }
}

fn push_leaves(value: &Value, out: &mut Vec<Value>) {
    match value {
        Value::Array(items) => items.iter().for_each(|i| push_leaves(i, out)),
        Value::Null => {}
        other => out.push(other.clone()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn filter(includes: &[&str], excludes: &[&str]) -> SourceFilter {
        SourceFilter {
            fetch: true,
            includes: includes.iter().map(|s| s.to_string()).collect(),
            excludes: excludes.iter().map(|s| s.to_string()).collect(),
        }
    }

    // XContentMapValuesTests#testFilter…: an include names a path or an object (whole), `*`
    // spans dots, excludes win, objects emptied by a partial include disappear.
    #[test]
    fn includes_and_excludes_follow_xcontent_map_values() {
        let source = json!({"include": {"field1": "v1", "field2": "v2"}, "count": 1, "list": [{"a": 1, "b": 2}, 3]});
        let f = |i: &[&str], e: &[&str]| filter(i, e).apply(source.clone()).unwrap();
        assert_eq!(f(&["include.field1"], &[]), json!({"include": {"field1": "v1"}}));
        assert_eq!(f(&["include"], &["*.field2"]), json!({"include": {"field1": "v1"}}));
        assert_eq!(f(&["incl*"], &[]), json!({"include": {"field1": "v1", "field2": "v2"}}));
        assert_eq!(f(&["*1"], &[]), json!({"include": {"field1": "v1"}}));
        assert_eq!(f(&["*.a"], &[]), json!({"list": [{"a": 1}]}));
        assert_eq!(f(&[], &["include", "list.b"]), json!({"count": 1, "list": [{"a": 1}, 3]}));
        assert_eq!(f(&["nothing"], &[]), json!({}));
        assert_eq!(filter(&[], &[]).apply(source.clone()), Some(source.clone()));
        assert_eq!(SourceFilter { fetch: false, ..SourceFilter::ALL }.apply(source), None);
    }

    #[test]
    fn body_source_forms_parse_as_fetch_source_context() {
        assert!(!SourceFilter::from_value(&json!(false)).unwrap().fetch);
        assert_eq!(SourceFilter::from_value(&json!("a")).unwrap(), filter(&["a"], &[]));
        assert_eq!(
            SourceFilter::from_value(&json!({"includes": ["a"], "excludes": "b"})).unwrap(),
            filter(&["a"], &["b"])
        );
        assert!(SourceFilter::from_value(&json!({"nope": 1})).is_err());
        assert!(SourceFilter::from_value(&json!(1)).is_err());
    }

    #[test]
    fn stored_fields_read_only_fields_mapped_with_store() {
        let mappings = json!({"properties": {"count": {"type": "integer", "store": true}, "foo": {"type": "keyword"},
                                              "o": {"properties": {"n": {"type": "long", "store": true}}}}});
        let source = json!({"count": 1, "foo": "bar", "o.n": [2, 3]});
        let fields = StoredFields { names: vec!["count".into(), "foo".into(), "o.*".into()] };
        assert_eq!(Value::Object(fields.values(&mappings, &source)), json!({"count": [1], "o.n": [2, 3]}));
        assert!(!fields.wants_source());
    }
}
