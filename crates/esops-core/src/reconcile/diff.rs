//! Field-level differences between two canonical bodies.

use std::fmt;

use serde::Serialize;
use serde_json::Value;

/// One step of a path into a JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// An object key.
    Key(String),
    /// An array position.
    Index(usize),
}

/// Where in a body a difference is, e.g. `phases.delete.min_age` or
/// `template.settings["index.lifecycle.name"]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldPath(pub Vec<PathSegment>);

impl FieldPath {
    fn child(&self, segment: PathSegment) -> FieldPath {
        let mut segments = self.0.clone();
        segments.push(segment);
        FieldPath(segments)
    }

    /// The RFC 6901 JSON pointer (`/phases/delete/min_age`), for machines.
    pub fn pointer(&self) -> String {
        self.0
            .iter()
            .map(|s| match s {
                PathSegment::Key(k) => format!("/{}", k.replace('~', "~0").replace('/', "~1")),
                PathSegment::Index(i) => format!("/{i}"),
            })
            .collect()
    }
}

impl fmt::Display for FieldPath {
    /// Dotted keys; keys that are not plain words (settings like `index.lifecycle.name`) in
    /// brackets, so the dots of the path stay unambiguous.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                PathSegment::Key(k)
                    if !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || "_-@".contains(c)) =>
                {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                PathSegment::Key(k) => write!(f, "[{}]", Value::String(k.clone()))?,
                PathSegment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

impl Serialize for FieldPath {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

/// A value that differs: absent on one side (`None`) or changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// Where.
    pub path: FieldPath,
    /// The same place as a JSON pointer.
    pub pointer: String,
    /// On the cluster now (`None`: absent).
    pub old: Option<Value>,
    /// As declared (`None`: absent).
    pub new: Option<Value>,
    /// How the tree wrote it, when not in Elasticsearch's form (the ILM shorthand); set by the plan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub written: Option<crate::resources::WrittenAs>,
}

/// The differences that turn `old` into `new`, deepest first-differing fields, in document order
/// (keys of `new` first, then keys only `old` has).
pub fn diff(old: &Value, new: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    walk(&FieldPath::default(), Some(old), Some(new), &mut out);
    out
}

fn walk(path: &FieldPath, old: Option<&Value>, new: Option<&Value>, out: &mut Vec<FieldChange>) {
    match (old, new) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            for (key, value) in b {
                walk(&path.child(PathSegment::Key(key.clone())), a.get(key), Some(value), out);
            }
            for (key, value) in a.iter().filter(|(k, _)| !b.contains_key(*k)) {
                walk(&path.child(PathSegment::Key(key.clone())), Some(value), None, out);
            }
        }
        // Arrays position by position: a changed processor shows as that processor's fields.
        (Some(Value::Array(a)), Some(Value::Array(b))) => {
            for i in 0..a.len().max(b.len()) {
                walk(&path.child(PathSegment::Index(i)), a.get(i), b.get(i), out);
            }
        }
        (a, b) if a == b => {}
        (a, b) => out.push(FieldChange {
            path: path.clone(),
            pointer: path.pointer(),
            old: a.cloned(),
            new: b.cloned(),
            written: None,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn lines(old: Value, new: Value) -> Vec<String> {
        diff(&old, &new)
            .iter()
            .map(|c| {
                format!(
                    "{}: {:?} -> {:?}",
                    c.path,
                    c.old.as_ref().map(Value::to_string),
                    c.new.as_ref().map(Value::to_string)
                )
            })
            .collect()
    }

    #[test]
    fn nested_changes_additions_and_removals() {
        let old = json!({"phases": {"warm": {"min_age": "7d"}, "delete": {"min_age": "120d"}}});
        let new = json!({"phases": {"hot": {"min_age": "0ms"}, "delete": {"min_age": "90d"}}});
        assert_eq!(
            lines(old, new),
            [
                r#"phases.hot: None -> Some("{\"min_age\":\"0ms\"}")"#,
                r#"phases.delete.min_age: Some("\"120d\"") -> Some("\"90d\"")"#,
                r#"phases.warm: Some("{\"min_age\":\"7d\"}") -> None"#,
            ]
        );
    }

    #[test]
    fn equal_documents_have_no_changes() {
        let v = json!({"a": [1, {"b": null}], "c": "d"});
        assert!(diff(&v, &v).is_empty());
    }

    #[test]
    fn arrays_compare_by_position_and_keys_with_dots_are_bracketed() {
        let old = json!({"processors": [{"set": {"field": "a"}}], "settings": {"index.lifecycle.name": "p"}});
        let new =
            json!({"processors": [{"set": {"field": "b"}}, {"drop": {}}], "settings": {"index.lifecycle.name": "q"}});
        let changes = diff(&old, &new);
        let paths: Vec<String> = changes.iter().map(|c| c.path.to_string()).collect();
        assert_eq!(paths, ["processors[0].set.field", "processors[1]", r#"settings["index.lifecycle.name"]"#]);
        assert_eq!(changes[2].pointer, "/settings/index.lifecycle.name");
    }

    #[test]
    fn a_type_change_is_one_change() {
        assert_eq!(lines(json!({"a": {"b": 1}}), json!({"a": 2})), [r#"a: Some("{\"b\":1}") -> Some("2")"#]);
    }
}
