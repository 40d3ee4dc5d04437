//! The document a pipeline works on, with ES's `IngestDocument` field-path rules: dotted paths
//! into objects, list elements by index, `_source.` and `_ingest.` prefixes, and metadata fields
//! (`_index`, `_id`, …) next to the source. Error messages are ES's, word for word.

use serde_json::{Map, Value, json};

use crate::error::{EsError, EsResult};

/// Metadata fields that live next to the source in ES's `sourceAndMetadata` map.
pub const METADATA_FIELDS: [&str; 8] =
    ["_index", "_id", "_routing", "_version", "_version_type", "_if_seq_no", "_if_primary_term", "_dynamic_templates"];

/// Whether a key of `source_and_metadata` is a metadata field; most keys do not start with `_`.
fn is_metadata(key: &str) -> bool {
    key.starts_with('_') && METADATA_FIELDS.contains(&key)
}

/// A document being ingested.
#[derive(Debug, Clone, PartialEq)]
pub struct IngestDocument {
    /// Source fields and metadata fields in one map, as ES keeps them.
    pub source_and_metadata: Map<String, Value>,
    /// `_ingest` metadata: `timestamp`, `pipeline`, `on_failure_*`.
    pub ingest: Map<String, Value>,
}

/// The Java class name ES puts in type errors (`java.lang.String`, `java.util.ArrayList`, …).
pub fn java_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "java.lang.Boolean",
        Value::Number(n) if n.is_i64() && n.as_i64().is_some_and(|v| i32::try_from(v).is_ok()) => "java.lang.Integer",
        Value::Number(n) if n.is_i64() || n.is_u64() => "java.lang.Long",
        Value::Number(_) => "java.lang.Double",
        Value::String(_) => "java.lang.String",
        Value::Array(_) => "java.util.ArrayList",
        Value::Object(_) => "java.util.LinkedHashMap",
    }
}

/// Java's `toString()` of a value, used when templates and string processors render values.
pub fn java_string(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) => format!("[{}]", items.iter().map(java_string).collect::<Vec<_>>().join(", ")),
        Value::Object(map) => {
            format!("{{{}}}", map.iter().map(|(k, v)| format!("{k}={}", java_string(v))).collect::<Vec<_>>().join(", "))
        }
        other => other.to_string(),
    }
}

fn iae(message: String) -> EsError {
    EsError::illegal_argument(message)
}

/// A dotted path's elements, as `split('.')` gives them: by bytes, which for paths this short
/// is cheaper than `split`'s searcher (paths are split for every processor and document).
fn elements(path: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(path);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.as_bytes().iter().position(|b| *b == b'.') {
            Some(at) => {
                rest = Some(&current[at + 1..]);
                Some(&current[..at])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// Which map a path starts in, and the path within it (dotted).
fn split_path(path: &str) -> (bool, &str) {
    if let Some(rest) = path.strip_prefix("_ingest.") {
        (true, rest)
    } else if let Some(rest) = path.strip_prefix("_source.") {
        (false, rest)
    } else {
        (false, path)
    }
}

/// Why a path does not resolve. Processors with `ignore_missing` only ask whether it does, for
/// every document, so ES's message is only written when an error is reported.
#[derive(Debug, Clone, Copy)]
enum Miss<'d, 'p> {
    /// The path itself is not valid (`_ingest`, empty).
    Invalid,
    /// An object lacks the element.
    NotPresent(&'p str),
    /// A list was addressed with something that is no number.
    NotAnIndex(&'p str),
    /// A list was addressed past its end: the index and the list's length.
    OutOfBounds(usize, usize),
    /// A scalar (or null) was addressed with the element.
    CannotResolve(&'p str, &'d Value),
}

impl Miss<'_, '_> {
    /// ES's error for the miss, word for word.
    fn error(self, path: &str) -> EsError {
        match self {
            Miss::Invalid => iae(format!("path [{path}] is not valid")),
            Miss::NotPresent(element) => not_present(element, path),
            Miss::NotAnIndex(element) => {
                iae(format!("[{element}] is not an integer, cannot be used as an index as part of path [{path}]"))
            }
            Miss::OutOfBounds(index, len) => {
                iae(format!("[{index}] is out of bounds for array with length [{len}] as part of path [{path}]"))
            }
            Miss::CannotResolve(element, value) => cannot_resolve(element, value, path),
        }
    }
}

impl IngestDocument {
    /// A document with the given source and metadata, stamped with the ingest timestamp.
    pub fn new(mut source: Map<String, Value>, metadata: Map<String, Value>, timestamp: &str) -> Self {
        // The metadata first, then the source, whose value wins for a key in both. Without such
        // a key the metadata is put in front of the source map as it is, rather than every
        // source key being hashed again into a new map.
        let source_and_metadata = if metadata.keys().any(|k| source.contains_key(k)) {
            let mut map = metadata;
            map.extend(source);
            map
        } else {
            for (index, (key, value)) in metadata.into_iter().enumerate() {
                source.shift_insert(index, key, value);
            }
            source
        };
        let mut ingest = Map::new();
        ingest.insert("timestamp".into(), json!(timestamp));
        IngestDocument { source_and_metadata, ingest }
    }

    fn root(&self, in_ingest: bool) -> &Map<String, Value> {
        if in_ingest { &self.ingest } else { &self.source_and_metadata }
    }

    fn root_mut(&mut self, in_ingest: bool) -> &mut Map<String, Value> {
        if in_ingest { &mut self.ingest } else { &mut self.source_and_metadata }
    }

    /// The source without metadata.
    pub fn source(&self) -> Map<String, Value> {
        self.source_and_metadata.iter().filter(|(k, _)| !is_metadata(k)).map(|(k, v)| (k.clone(), v.clone())).collect()
    }

    /// The source without metadata, taken out of the document.
    pub fn into_source(self) -> Map<String, Value> {
        let mut source = self.source_and_metadata;
        source.retain(|k, _| !is_metadata(k));
        source
    }

    /// A metadata field as a string (`_index`, `_id`).
    pub fn metadata_string(&self, field: &str) -> Option<String> {
        self.source_and_metadata.get(field).filter(|v| !v.is_null()).map(java_string)
    }

    /// `getFieldValue`: the value at `path`, or ES's error for the first element that is missing.
    pub fn get(&self, path: &str) -> EsResult<&Value> {
        self.find(path).map_err(|miss| miss.error(path))
    }

    /// The value at `path`, if there is one: [`get`](Self::get) without building an error.
    pub fn lookup(&self, path: &str) -> Option<&Value> {
        self.find(path).ok()
    }

    /// `hasField`.
    pub fn has(&self, path: &str) -> bool {
        self.find(path).is_ok()
    }

    fn find<'p>(&self, path: &'p str) -> Result<&Value, Miss<'_, 'p>> {
        if path == "_ingest" {
            return Err(Miss::Invalid);
        }
        let (in_ingest, rest) = split_path(path);
        let mut current: Option<&Value> = None;
        for element in elements(rest) {
            current = Some(match current {
                None => self.root(in_ingest).get(element).ok_or(Miss::NotPresent(element))?,
                Some(value) => resolve(value, element)?,
            });
        }
        current.ok_or(Miss::Invalid)
    }

    /// `setFieldValue`: creates missing objects on the way; lists are addressed by index.
    pub fn set(&mut self, path: &str, value: Value) -> EsResult<()> {
        self.put(path, value).map_err(|(error, _)| error)
    }

    /// [`set`](Self::set) that hands the value back when it cannot be set, so that a caller
    /// who moved it out of the document can put it back without having kept a copy.
    pub fn set_or_return(&mut self, path: &str, value: Value) -> Result<(), (EsError, Value)> {
        self.put(path, value)
    }

    /// `appendFieldValue`: turns a scalar into a list and appends (`allow_duplicates` as in ES).
    pub fn append(&mut self, path: &str, values: Vec<Value>, allow_duplicates: bool) -> EsResult<()> {
        let mut list = match self.lookup(path) {
            Some(Value::Array(existing)) => existing.clone(),
            Some(Value::Null) | None => Vec::new(),
            Some(other) => vec![other.clone()],
        };
        for value in values {
            if allow_duplicates || !list.contains(&value) {
                list.push(value);
            }
        }
        self.set(path, Value::Array(list))
    }

    /// Sets `value` at `path`, creating objects on the way; the value comes back with the error.
    fn put(&mut self, path: &str, value: Value) -> Result<(), (EsError, Value)> {
        let (in_ingest, rest) = split_path(path);
        let mut elements = elements(rest);
        // `split` yields at least one element, even for an empty path.
        let first = elements.next().unwrap_or_default();
        let mut next = elements.next();
        let root = self.root_mut(in_ingest);
        let Some(mut element) = next else {
            root.insert(first.to_string(), value);
            return Ok(());
        };
        let mut slot = root.entry(first).or_insert_with(|| json!({}));
        loop {
            next = elements.next();
            let last = next.is_none();
            slot = match slot {
                Value::Object(map) if last => {
                    map.insert(element.to_string(), value);
                    return Ok(());
                }
                Value::Object(map) => map.entry(element).or_insert_with(|| json!({})),
                Value::Array(list) => match list_index(element, list.len()) {
                    Ok(index) => &mut list[index],
                    Err(miss) => return Err((miss.error(path), value)),
                },
                Value::Null => {
                    let error = iae(format!("cannot set [{element}] with null parent as part of path [{path}]"));
                    return Err((error, value));
                }
                other => {
                    let error = iae(format!(
                        "cannot set [{element}] with parent object of type [{}] as part of path [{path}]",
                        java_type(other)
                    ));
                    return Err((error, value));
                }
            };
            match next {
                Some(following) => element = following,
                None => {
                    *slot = value;
                    return Ok(());
                }
            }
        }
    }

    /// `removeField`.
    pub fn remove(&mut self, path: &str) -> EsResult<Value> {
        let (in_ingest, rest) = split_path(path);
        let Some((parent, last)) =
            rest.as_bytes().iter().rposition(|b| *b == b'.').map(|at| (&rest[..at], &rest[at + 1..]))
        else {
            return self.root_mut(in_ingest).remove(rest).ok_or_else(|| not_present(rest, path));
        };
        let prefixed = || if in_ingest { format!("_ingest.{parent}") } else { parent.to_string() };
        // ES resolves the parent read-only first, and its errors name the parent's path. A parent
        // that starts with a prefix again (`_source._ingest.a.b`) resolves elsewhere read-only;
        // any other resolves alike both ways, so the read-only pass is only needed for a message.
        if parent.starts_with("_ingest") || parent.starts_with("_source") {
            self.get(&prefixed())?;
        }
        let removed = self.remove_below(in_ingest, parent, last, path);
        if removed.is_err() {
            self.get(&prefixed())?;
        }
        removed
    }

    /// Removes `last` from the value at `parent` (dotted, in the root `in_ingest` names).
    fn remove_below(&mut self, in_ingest: bool, parent: &str, last: &str, path: &str) -> EsResult<Value> {
        let mut parents = elements(parent);
        let first = parents.next().unwrap_or_default();
        let mut current = self.root_mut(in_ingest).get_mut(first).ok_or_else(|| not_present(first, path))?;
        for element in parents {
            current = match current {
                Value::Object(map) => map.get_mut(element).ok_or_else(|| not_present(element, path))?,
                Value::Array(list) => {
                    let index = list_index(element, list.len()).map_err(|m| m.error(path))?;
                    &mut list[index]
                }
                other => return Err(cannot_resolve(element, other, path)),
            };
        }
        match current {
            Value::Object(map) => map.remove(last).ok_or_else(|| not_present(last, path)),
            Value::Array(list) => {
                let index = list_index(last, list.len()).map_err(|m| m.error(path))?;
                Ok(list.remove(index))
            }
            other => Err(cannot_remove(last, other, path)),
        }
    }

    /// The document as `_simulate` shows it: metadata, `_source`, `_ingest`.
    pub fn to_simulate_value(&self) -> Value {
        let mut doc = Map::new();
        for field in METADATA_FIELDS {
            if let Some(value) = self.source_and_metadata.get(field).filter(|v| !v.is_null()) {
                doc.insert(field.into(), json!(java_string(value)));
            }
        }
        doc.insert("_source".into(), Value::Object(self.source()));
        doc.insert("_ingest".into(), Value::Object(self.ingest.clone()));
        Value::Object(doc)
    }
}

fn not_present(element: &str, path: &str) -> EsError {
    iae(format!("field [{element}] not present as part of path [{path}]"))
}

fn cannot_resolve(element: &str, value: &Value, path: &str) -> EsError {
    match value {
        Value::Null => iae(format!("cannot resolve [{element}] from null as part of path [{path}]")),
        other => iae(format!(
            "cannot resolve [{element}] from object of type [{}] as part of path [{path}]",
            java_type(other)
        )),
    }
}

fn cannot_remove(element: &str, value: &Value, path: &str) -> EsError {
    match value {
        Value::Null => iae(format!("cannot remove [{element}] from null as part of path [{path}]")),
        other => iae(format!(
            "cannot remove [{element}] from object of type [{}] as part of path [{path}]",
            java_type(other)
        )),
    }
}

fn list_index(element: &str, len: usize) -> Result<usize, Miss<'static, '_>> {
    let index: usize = element.parse().map_err(|_| Miss::NotAnIndex(element))?;
    if index >= len {
        return Err(Miss::OutOfBounds(index, len));
    }
    Ok(index)
}

fn resolve<'v, 'p>(value: &'v Value, element: &'p str) -> Result<&'v Value, Miss<'v, 'p>> {
    match value {
        Value::Object(map) => map.get(element).ok_or(Miss::NotPresent(element)),
        Value::Array(list) => Ok(&list[list_index(element, list.len())?]),
        other => Err(Miss::CannotResolve(element, other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(source: Value) -> IngestDocument {
        let mut meta = Map::new();
        meta.insert("_index".into(), json!("idx"));
        IngestDocument::new(source.as_object().unwrap().clone(), meta, "2024-01-01T00:00:00.000Z")
    }

    #[test]
    fn paths_into_objects_lists_and_ingest() {
        let d = doc(json!({"foo": {"bar": [{"item": "HELLO"}]}}));
        assert_eq!(d.get("foo.bar.0.item").unwrap(), "HELLO");
        assert_eq!(d.get("_source.foo.bar.0.item").unwrap(), "HELLO");
        assert_eq!(d.get("_ingest.timestamp").unwrap(), "2024-01-01T00:00:00.000Z");
        assert_eq!(d.get("_index").unwrap(), "idx");
        assert_eq!(d.get("nope").unwrap_err().reason, "field [nope] not present as part of path [nope]");
        assert_eq!(d.get("foo.baz").unwrap_err().reason, "field [baz] not present as part of path [foo.baz]");
        assert_eq!(
            d.get("foo.bar.5").unwrap_err().reason,
            "[5] is out of bounds for array with length [1] as part of path [foo.bar.5]"
        );
    }

    #[test]
    fn set_creates_objects_and_refuses_scalars() {
        let mut d = doc(json!({"s": "x"}));
        d.set("a.b.c", json!(1)).unwrap();
        assert_eq!(d.source()["a"], json!({"b": {"c": 1}}));
        assert_eq!(
            d.set("s.t", json!(1)).unwrap_err().reason,
            "cannot set [t] with parent object of type [java.lang.String] as part of path [s.t]"
        );
    }

    #[test]
    fn remove_and_append() {
        let mut d = doc(json!({"a": {"b": 1}, "l": "one"}));
        assert_eq!(d.remove("a.b").unwrap(), json!(1));
        assert_eq!(d.remove("a.b").unwrap_err().reason, "field [b] not present as part of path [a.b]");
        d.append("l", vec![json!("two"), json!("one")], false).unwrap();
        assert_eq!(d.source()["l"], json!(["one", "two"]));
    }

    /// The remove of a missing parent names the parent's path, as ES's read-only resolution does.
    #[test]
    fn remove_through_a_missing_parent_names_the_parent() {
        let mut d = doc(json!({"a": {"b": 1}, "s": "x"}));
        assert_eq!(d.remove("x.y.z").unwrap_err().reason, "field [x] not present as part of path [x.y]");
        assert_eq!(
            d.remove("s.t").unwrap_err().reason,
            "cannot remove [t] from object of type [java.lang.String] as part of path [s.t]"
        );
        assert_eq!(d.remove("_source.a.b").unwrap(), json!(1));
    }

    /// Metadata comes first and the source's own value wins: the order shows in which key a
    /// removal (a swap with the last key) moves.
    #[test]
    fn metadata_goes_in_front_of_the_source() {
        let keys = |d: &IngestDocument| d.source_and_metadata.keys().cloned().collect::<Vec<_>>();
        let mut d = doc(json!({"a": 1, "b": 2, "c": 3}));
        assert_eq!(keys(&d), ["_index", "a", "b", "c"]);
        d.remove("_index").unwrap();
        assert_eq!(keys(&d), ["c", "a", "b"]);
        let d = doc(json!({"a": 1, "_index": "mine"}));
        assert_eq!(keys(&d), ["_index", "a"]);
        assert_eq!(d.get("_index").unwrap(), "mine");
    }

    #[test]
    fn simulate_shape_separates_metadata() {
        let d = doc(json!({"f": 1}));
        assert_eq!(
            d.to_simulate_value(),
            json!({"_index": "idx", "_source": {"f": 1}, "_ingest": {"timestamp": "2024-01-01T00:00:00.000Z"}})
        );
    }
}
