//! Checks find problems in JSON bodies, addressed by JSON pointer (`/policy/phases/warm/min_age`);
//! a [`SourceMap`] says which key or value of the YAML file each pointer came from, and a
//! [`Report`] turns pointer + message into a located [`Diagnostic`].

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use super::Location;
use super::diagnostic::{Code, Diagnostic};
use super::yaml::{Node, NodeValue, Pos};

/// Where one part of a body came from: its key (absent for list items and the root) and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The key's position.
    pub key: Option<Pos>,
    /// The value's position.
    pub value: Pos,
}

/// JSON pointer → where in the file that part of the body came from.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    spans: HashMap<String, Span>,
    written: std::collections::BTreeMap<String, super::WrittenAs>,
}

impl SourceMap {
    /// Records that the part at `pointer` (into the compared body) was written as `written`.
    pub fn record_written(&mut self, pointer: &str, written: super::WrittenAs) {
        self.written.insert(pointer.to_string(), written);
    }

    /// What [`SourceMap::record_written`] recorded.
    pub fn written(&self) -> &std::collections::BTreeMap<String, super::WrittenAs> {
        &self.written
    }

    /// Records `node` at `pointer`, and everything below it.
    pub fn record_tree(&mut self, pointer: &str, key: Option<Pos>, node: &Node) {
        self.record(pointer, Span { key, value: node.at });
        match &node.value {
            NodeValue::Map(entries) => {
                for e in entries {
                    self.record_tree(&child(pointer, &e.key), Some(e.key_at), &e.value);
                }
            }
            NodeValue::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.record_tree(&child(pointer, &i.to_string()), None, item);
                }
            }
            _ => {}
        }
    }

    /// Records one span (for parts of a body expanded from a shorthand).
    pub fn record(&mut self, pointer: &str, span: Span) {
        self.spans.insert(pointer.to_string(), span);
    }

    /// The span of `pointer`, or of its nearest recorded ancestor (a default added by esops is
    /// reported where the thing it belongs to is written).
    fn span(&self, pointer: &str) -> Option<Span> {
        let mut p = pointer;
        loop {
            if let Some(span) = self.spans.get(p) {
                return Some(*span);
            }
            let cut = p.rfind('/')?;
            p = &p[..cut];
        }
    }

    /// Where the key of `pointer` is (its value's position for list items).
    pub fn key(&self, pointer: &str) -> Pos {
        self.span(pointer).map(|s| s.key.unwrap_or(s.value)).unwrap_or_default()
    }

    /// Where the value of `pointer` is.
    pub fn value(&self, pointer: &str) -> Pos {
        self.span(pointer).map(|s| s.value).unwrap_or_default()
    }
}

/// `pointer` extended by one key or index, escaped as JSON pointers require.
pub fn child(pointer: &str, key: &str) -> String {
    format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// What a problem is about: a key, a value (both by JSON pointer), or a file position.
#[derive(Debug, Clone, Copy)]
pub enum At<'p> {
    /// The key at this pointer (`unknown key`, `not allowed here`).
    Key(&'p str),
    /// The value at this pointer (`wrong type`, `bad duration`).
    Value(&'p str),
    /// A position in the file.
    Pos(Pos),
}

/// Collects the diagnostics of one resource (or one document, before it is known to be one).
pub struct Report<'a> {
    file: &'a Path,
    resource: Option<String>,
    map: &'a SourceMap,
    out: &'a mut Vec<Diagnostic>,
}

/// The diagnostic just reported, to attach a hint to.
pub struct Reported<'d>(&'d mut Diagnostic);

impl Reported<'_> {
    /// Says what to do about it.
    pub fn hint(self, hint: impl Into<String>) {
        self.0.hint = Some(hint.into());
    }
}

impl<'a> Report<'a> {
    /// A report for the resource `resource` (`ilm_policy/x`) in `file`.
    pub fn new(file: &'a Path, resource: Option<String>, map: &'a SourceMap, out: &'a mut Vec<Diagnostic>) -> Self {
        Report { file, resource, map, out }
    }

    /// The file position `at` refers to.
    pub fn locate(&self, at: At) -> Location {
        let pos = match at {
            At::Key(p) => self.map.key(p),
            At::Value(p) => self.map.value(p),
            At::Pos(pos) => pos,
        };
        Location { file: self.file.to_path_buf(), line: pos.line.max(1), column: pos.column.max(1) }
    }

    fn push(&mut self, d: Diagnostic) -> Reported<'_> {
        let d = match &self.resource {
            Some(r) => d.resource(r.clone()),
            None => d,
        };
        self.out.push(d);
        Reported(self.out.last_mut().expect("just pushed"))
    }

    /// Reports an error.
    pub fn error(&mut self, code: Code, at: At, message: impl Into<String>) -> Reported<'_> {
        let location = self.locate(at);
        self.push(Diagnostic::error(code, location, message))
    }

    /// Reports a warning.
    pub fn warning(&mut self, code: Code, at: At, message: impl Into<String>) -> Reported<'_> {
        let location = self.locate(at);
        self.push(Diagnostic::warning(code, location, message))
    }
}

/// How a JSON value's type reads in a message: "a string", "a list", …
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "empty (null)",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::yaml::parse_documents;

    #[test]
    fn pointers_map_to_keys_and_values_and_fall_back_to_ancestors() {
        let doc = &parse_documents("policy:\n  phases:\n    warm:\n      min_age: 5d\n").unwrap()[0];
        let mut map = SourceMap::default();
        map.record_tree("", None, doc);
        assert_eq!(map.key("/policy/phases/warm"), Pos { line: 3, column: 5 });
        assert_eq!(map.value("/policy/phases/warm/min_age"), Pos { line: 4, column: 16 });
        // Not written: reported at the nearest thing that is.
        assert_eq!(map.key("/policy/phases/warm/actions/forcemerge"), Pos { line: 3, column: 5 });
    }

    #[test]
    fn pointer_segments_are_escaped() {
        assert_eq!(child("/a", "x/y~z"), "/a/x~1y~0z");
    }
}
