//! Expected results ("golden" entries) and how results are compared with them.
//!
//! One entry per simulated document, in the shape of ES's `_simulate` answer:
//! `{"doc": {…the _source…}}`, `{"error": {"type": …, "reason": …}}` when the pipeline failed
//! (indexing would reject the document), or `{"dropped": true}`. Object keys are sorted so that
//! the files diff well whatever order a cluster answers in. Volatile fields (the ingest time, …)
//! keep their place with the value [`VOLATILE`], so that their presence is still checked.

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use crate::es::ingest::SimulatedDocument;
use crate::reconcile::diff::{FieldChange, FieldPath, diff};

/// The value volatile fields are given in expected results.
pub const VOLATILE: &str = "<volatile>";

/// Fields that differ on every run and are compared by presence only: `event.ingested`, ECS's
/// ingest time, which pipelines set from `{{_ingest.timestamp}}`.
pub const DEFAULT_VOLATILE_FIELDS: [&str; 1] = ["event.ingested"];

/// The expected-result entry for a simulated document.
pub fn entry(result: &SimulatedDocument, volatile: &[String]) -> Value {
    match result {
        SimulatedDocument::Processed(source) => {
            let mut source = sorted(source);
            for field in volatile {
                mask(&mut source, field);
            }
            json!({ "doc": source })
        }
        SimulatedDocument::Failed { error_type, reason } => json!({"error": {"type": error_type, "reason": reason}}),
        SimulatedDocument::Dropped => json!({"dropped": true}),
    }
}

/// Checks the shape of an entry read from an expected file.
pub fn check_entry(entry: &Value) -> Result<(), String> {
    let shape_ok = match entry.as_object() {
        Some(map) if map.len() == 1 => match map.iter().next() {
            Some((key, Value::Object(_))) if key == "doc" => true,
            Some((key, Value::Object(error))) if key == "error" => {
                error.get("type").is_some_and(Value::is_string) && error.get("reason").is_some_and(Value::is_string)
            }
            Some((key, Value::Bool(true))) => key == "dropped",
            _ => false,
        },
        _ => false,
    };
    if shape_ok {
        Ok(())
    } else {
        Err(r#"must be {"doc": …}, {"error": {"type", "reason"}} or {"dropped": true}"#.to_string())
    }
}

/// A copy with the keys of every object in sorted order.
fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            Value::Object(keys.into_iter().map(|k| (k.clone(), sorted(&map[k]))).collect::<Map<_, _>>())
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// Replaces the value at the dotted `path` with [`VOLATILE`], when there is one.
fn mask(source: &mut Value, path: &str) {
    let mut current = source;
    for key in path.split('.') {
        match current.get_mut(key) {
            Some(next) => current = next,
            None => return,
        }
    }
    *current = json!(VOLATILE);
}

/// An input document whose result differs from the expected one.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    /// Position of the document in its case, from 0.
    pub index: usize,
    /// Its line in the input file.
    pub line: usize,
    /// What differs: `old` is expected, `new` is what the pipeline produced.
    pub changes: Vec<FieldChange>,
}

/// The documents whose `actual` entries differ from `expected` (both one entry per document,
/// documents given by their input lines).
pub fn compare(lines: &[usize], expected: &[Value], actual: &[Value]) -> Vec<Mismatch> {
    lines
        .iter()
        .enumerate()
        .filter_map(|(index, &line)| {
            let changes = diff(expected.get(index).unwrap_or(&Value::Null), actual.get(index).unwrap_or(&Value::Null));
            (!changes.is_empty()).then_some(Mismatch { index, line, changes })
        })
        .collect()
}

/// The differences of a mismatch, one per line: `~ field: expected → actual`, `- field: expected`
/// (missing), `+ field: actual` (unexpected). Long values are shortened.
pub fn describe(mismatch: &Mismatch) -> String {
    let mut out = String::new();
    for change in &mismatch.changes {
        // The fields of a document read better without the `doc.` every path starts with.
        let path = match change.path.0.split_first() {
            Some((_, rest)) if !rest.is_empty() => FieldPath(rest.to_vec()),
            _ => change.path.clone(),
        };
        let _ = match (&change.old, &change.new) {
            (Some(old), Some(new)) => writeln!(out, "~ {path}: {} → {}", shown(old), shown(new)),
            (Some(old), None) => writeln!(out, "- {path}: {} (expected, missing)", shown(old)),
            (None, Some(new)) => writeln!(out, "+ {path}: {} (not expected)", shown(new)),
            (None, None) => Ok(()),
        };
    }
    out
}

fn shown(value: &Value) -> String {
    const MAX: usize = 100;
    let text = value.to_string();
    if text.chars().count() <= MAX {
        return text;
    }
    let head: String = text.chars().take(MAX).collect();
    format!("{head}… ({} characters)", text.chars().count())
}

/// The text of an expected file: the entries, pretty-printed, with a final newline.
pub fn file_text(entries: &[Value]) -> String {
    let mut text = serde_json::to_string_pretty(entries).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_sort_keys_and_mask_volatile_fields() {
        let result =
            SimulatedDocument::Processed(json!({"b": 1, "event": {"ingested": "2024-…", "kind": "x"}, "a": 2}));
        let entry = entry(&result, &["event.ingested".into(), "not.there".into()]);
        assert_eq!(entry.to_string(), r#"{"doc":{"a":2,"b":1,"event":{"ingested":"<volatile>","kind":"x"}}}"#);
        assert!(check_entry(&entry).is_ok());
        let failed = super::entry(&SimulatedDocument::Failed { error_type: "t".into(), reason: "r".into() }, &[]);
        assert!(check_entry(&failed).is_ok());
        assert!(check_entry(&super::entry(&SimulatedDocument::Dropped, &[])).is_ok());
        assert!(check_entry(&json!({"doc": {}, "extra": 1})).is_err());
        assert!(check_entry(&json!({"error": {"type": "t"}})).is_err());
    }

    #[test]
    fn mismatches_say_which_fields_differ_and_how() {
        let expected = [json!({"doc": {"log": {"level": "ERROR"}, "gone": 1}}), json!({"doc": {"a": 1}})];
        let actual = [json!({"doc": {"log": {"level": "error"}, "new": "x".repeat(150)}}), json!({"doc": {"a": 1}})];
        let mismatches = compare(&[3, 4], &expected, &actual);
        assert_eq!(mismatches.len(), 1);
        assert_eq!((mismatches[0].index, mismatches[0].line), (0, 3));
        let text = describe(&mismatches[0]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], r#"~ log.level: "ERROR" → "error""#);
        assert!(lines[1].starts_with(r#"+ new: "xxx"#) && lines[1].ends_with("… (152 characters) (not expected)"));
        assert_eq!(lines[2], "- gone: 1 (expected, missing)");
    }
}
