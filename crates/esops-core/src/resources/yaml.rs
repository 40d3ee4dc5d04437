//! YAML documents as trees that remember where every key and value sits, so that any problem
//! found later — in a key, a value, or in something expanded from a shorthand — can be reported at
//! its `line:column`.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use serde_saphyr::{MessageFormatter, Spanned};

/// A place in a file, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

impl Pos {
    fn of(location: &serde_saphyr::Location) -> Pos {
        // Unknown locations (line 0) only come from buffered serde paths this module never takes;
        // 1:1 is still a place an editor can open.
        Pos {
            line: usize::try_from(location.line()).unwrap_or(1).max(1),
            column: usize::try_from(location.column()).unwrap_or(1).max(1),
        }
    }
}

/// A YAML value with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: NodeValue,
    /// Where the value starts.
    pub at: Pos,
}

/// The value of a [`Node`], with JSON's types (YAML's are resolved by the YAML 1.2 core schema).
#[derive(Debug, Clone, PartialEq)]
pub enum NodeValue {
    /// `null`, `~` or nothing.
    Null,
    /// `true` or `false` (not `yes`/`no`, which stay strings).
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in file order.
    Map(Vec<Entry>),
}

/// One key of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key, as text.
    pub key: String,
    /// Where the key starts.
    pub key_at: Pos,
    /// The value.
    pub value: Node,
}

impl Node {
    /// The mapping's entries, if this is a mapping.
    pub fn entries(&self) -> Option<&[Entry]> {
        match &self.value {
            NodeValue::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The entry for `key`, if this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries()?.iter().find(|e| e.key == key)
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            NodeValue::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The value as JSON.
    pub fn to_json(&self) -> Value {
        match &self.value {
            NodeValue::Null => Value::Null,
            NodeValue::Bool(b) => Value::Bool(*b),
            NodeValue::Int(i) => Value::from(*i),
            NodeValue::Float(f) => Value::from(*f),
            NodeValue::Str(s) => Value::String(s.clone()),
            NodeValue::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeValue::Map(entries) => {
                Value::Object(entries.iter().map(|e| (e.key.clone(), e.value.to_json())).collect::<Map<_, _>>())
            }
        }
    }
}

/// A YAML syntax error: where, and what the parser said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the parser stopped.
    pub at: Pos,
    /// The parser's message.
    pub message: String,
}

/// Parses every document of a YAML stream. Empty documents are dropped.
pub fn parse_documents(text: &str) -> Result<Vec<Node>, SyntaxError> {
    let options = serde_saphyr::options! {
        with_snippet: false,
        // The parser's default budget stops at 1,024 documents, which an export of a large cluster
        // exceeds. Input files are capped at 16 MiB before they get here (`input::MAX_INPUT_BYTES`),
        // which bounds documents and nodes far below these limits; depth and alias caps stay.
        budget: serde_saphyr::budget! {
            max_documents: 1_000_000,
            max_nodes: 20_000_000,
            max_events: 40_000_000,
        },
        // `yes`/`no`/`on`/`off` stay strings: Elasticsearch would not read them as booleans either.
        strict_booleans: true,
        // `007` is an identifier, not the number 7.
        leading_zero_numbers_as_strings: true,
    };
    let docs: Vec<Option<Node>> = serde_saphyr::from_multiple_with_options(text, options).map_err(|e| {
        let e = e.without_snippet();
        let at = e.location().map(|l| Pos::of(&l)).unwrap_or(Pos { line: 1, column: 1 });
        // The formatter's text is raw parser output; keep control characters off the terminal.
        let raw = serde_saphyr::DefaultMessageFormatter.format_message(e);
        let message: String = if raw.contains("budget breached") {
            format!("the YAML is nested too deeply or holds too many aliases for esops to read ({raw})")
        } else {
            raw.chars().filter(|c| !c.is_control()).collect()
        };
        SyntaxError { at, message }
    })?;
    Ok(docs.into_iter().flatten().filter(|n| n.value != NodeValue::Null).collect())
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<NodeValue>::deserialize(deserializer)?;
        Ok(Node { value: spanned.value, at: Pos::of(&spanned.referenced) })
    }
}

impl<'de> Deserialize<'de> for NodeValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = NodeValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<NodeValue, E> {
        Ok(NodeValue::Null)
    }

    fn visit_none<E>(self) -> Result<NodeValue, E> {
        Ok(NodeValue::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<NodeValue, D::Error> {
        NodeValue::deserialize(deserializer)
    }

    fn visit_bool<E>(self, v: bool) -> Result<NodeValue, E> {
        Ok(NodeValue::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<NodeValue, E> {
        Ok(NodeValue::Int(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<NodeValue, E> {
        Ok(i64::try_from(v).map(NodeValue::Int).unwrap_or(NodeValue::Float(v as f64)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<NodeValue, E> {
        Ok(NodeValue::Float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<NodeValue, E> {
        Ok(NodeValue::Str(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<NodeValue, E> {
        Ok(NodeValue::Str(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NodeValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(NodeValue::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NodeValue, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, value)) = map.next_entry::<Node, Node>()? {
            // JSON (and so Elasticsearch) only has string keys; `1: x` becomes `"1": x`.
            let text = match key.value {
                NodeValue::Str(s) => s,
                NodeValue::Int(i) => i.to_string(),
                NodeValue::Float(f) => f.to_string(),
                NodeValue::Bool(b) => b.to_string(),
                NodeValue::Null => "null".to_string(),
                NodeValue::Seq(_) | NodeValue::Map(_) => {
                    return Err(de::Error::custom("a mapping key must be a plain value, not a list or mapping"));
                }
            };
            // The parser refuses duplicates of one type; keys of different types that read the
            // same as JSON (`1:` and `"1":`, `null:` and `"null":`) would silently overwrite.
            if let Some(first) = entries.iter().find(|e: &&Entry| e.key == text) {
                return Err(de::Error::custom(format!(
                    "duplicate mapping key {text:?} at line {}, column {} (first at line {}, column {}): \
                     keys of different YAML types read the same in JSON",
                    key.at.line, key.at.column, first.key_at.line, first.key_at.column
                )));
            }
            entries.push(Entry { key: text, key_at: key.at, value });
        }
        Ok(NodeValue::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: usize, column: usize) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn every_key_and_value_has_its_position() {
        let docs = parse_documents("# c\nkind: x\nphases:\n  hot: 7d\n  warm: {until: 30d, forcemerge: 1}\n").unwrap();
        let doc = &docs[0];
        assert_eq!(doc.get("kind").unwrap().key_at, pos(2, 1));
        let phases = &doc.get("phases").unwrap().value;
        assert_eq!(phases.get("hot").unwrap().value.at, pos(4, 8));
        let warm = &phases.get("warm").unwrap().value;
        assert_eq!(warm.get("forcemerge").unwrap().key_at, pos(5, 22));
        assert_eq!(warm.get("forcemerge").unwrap().value.value, NodeValue::Int(1));
    }

    #[test]
    fn documents_are_split_and_empty_ones_dropped() {
        let docs = parse_documents("---\n---\na: 1\n---\nb: [x, 2]\n").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].to_json(), serde_json::json!({"b": ["x", 2]}));
    }

    #[test]
    fn yes_and_leading_zeros_stay_strings() {
        let docs = parse_documents("a: yes\nb: 007\nc: true\nd:\n").unwrap();
        assert_eq!(docs[0].to_json(), serde_json::json!({"a": "yes", "b": "007", "c": true, "d": null}));
    }

    #[test]
    fn syntax_errors_and_duplicate_keys_have_positions() {
        let e = parse_documents("a: 1\nb: [x\nc: 2\n").unwrap_err();
        assert!(e.at.line >= 2, "{e:?}");
        let e = parse_documents("a:\n  x: 1\n  x: 2\n").unwrap_err();
        assert_eq!(e.at, pos(3, 3));
        assert!(e.message.contains("duplicate"), "{}", e.message);
    }

    #[test]
    fn duplicate_keys_of_different_types_are_refused() {
        let e = parse_documents("a:\n  1: x\n  \"1\": y\n").unwrap_err();
        let expected = "duplicate mapping key \"1\" at line 3, column 3 (first at line 2, column 3)";
        assert!(e.message.starts_with(expected), "{}", e.message);
        let e = parse_documents("null: x\n\"null\": y\n").unwrap_err();
        let expected = "duplicate mapping key \"null\" at line 2, column 1 (first at line 1, column 1)";
        assert!(e.message.starts_with(expected), "{}", e.message);
        // Same-typed spellings are the parser's own catch.
        assert!(parse_documents("true: 1\n'true': 2\n").unwrap_err().message.contains("duplicate mapping key"));
    }

    #[test]
    fn more_than_1024_documents_read() {
        let stream: Vec<String> = (0..1500).map(|i| format!("name: r{i}\n")).collect();
        assert_eq!(parse_documents(&stream.join("---\n")).unwrap().len(), 1500);
    }
}
