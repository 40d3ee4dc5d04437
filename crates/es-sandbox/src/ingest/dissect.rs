//! ES's dissect syntax: `%{key}` fields separated by literal delimiters, with the modifiers
//! `%{+key}` / `%{+key/2}` (append, ordered), `%{?key}` and `%{}` (skip), `%{*key}` / `%{&key}`
//! (key and value taken from the text), and `%{key->}` (skip repeated delimiters).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

/// What a key does with the text it matches.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Modifier {
    /// `%{key}`
    None,
    /// `%{+key}` with its `/N` order.
    Append(u32),
    /// `%{?key}` or `%{}`
    Skip,
    /// `%{*key}`: the text names a field.
    FieldName,
    /// `%{&key}`: the text is the value of the field named by the `*key` match.
    FieldValue,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    name: String,
    modifier: Modifier,
    /// `->`: the delimiter after this key may repeat.
    right_padding: bool,
    /// The literal text that follows the key (empty for the last key).
    delimiter: String,
}

/// A parsed dissect pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DissectPattern {
    pattern: String,
    leading: String,
    keys: Vec<Key>,
}

impl DissectPattern {
    /// Parses a pattern; the error is ES's `Unable to parse pattern: … Reason: …`.
    pub fn parse(pattern: &str) -> Result<Self, String> {
        let fail = |reason: &str| format!("Unable to parse pattern: {pattern} Reason: {reason}");
        let mut keys: Vec<Key> = Vec::new();
        let mut rest = pattern;
        let mut leading = String::new();
        while let Some(start) = rest.find("%{") {
            let literal = &rest[..start];
            match keys.last_mut() {
                Some(previous) => previous.delimiter = literal.to_string(),
                None => leading = literal.to_string(),
            }
            let Some(end) = rest[start..].find('}') else { return Err(fail("Unable to find any keys or delimiters.")) };
            keys.push(parse_key(&rest[start + 2..start + end]));
            rest = &rest[start + end + 1..];
        }
        if keys.is_empty() {
            return Err(fail("Unable to find any keys or delimiters."));
        }
        if let Some(last) = keys.last_mut() {
            last.delimiter = rest.to_string();
        }
        let names =
            |m: Modifier| keys.iter().filter(move |k| k.modifier == m).map(|k| k.name.clone()).collect::<Vec<_>>();
        let mut field_names = names(Modifier::FieldName);
        let mut field_values = names(Modifier::FieldValue);
        field_names.sort();
        field_values.sort();
        if field_names != field_values {
            return Err(fail("Invalid reference keys: every [*key] needs a matching [&key] and the other way around"));
        }
        Ok(DissectPattern { pattern: pattern.to_string(), leading, keys })
    }

    /// Matches the pattern against `source`; the error is ES's `Unable to find match …`.
    pub fn apply(&self, source: &str, append_separator: &str) -> Result<Map<String, Value>, String> {
        let no_match =
            || format!("Unable to find match for dissect pattern: {} against source: {source}", self.pattern);
        let mut rest = source.strip_prefix(self.leading.as_str()).ok_or_else(no_match)?;
        let mut matches: Vec<(&Key, &str)> = Vec::new();
        for (i, key) in self.keys.iter().enumerate() {
            let is_last = i + 1 == self.keys.len();
            let value = if key.delimiter.is_empty() && is_last {
                let v = rest;
                rest = "";
                v
            } else if key.delimiter.is_empty() {
                // Two adjacent keys: the first one matches nothing.
                ""
            } else {
                let at = rest.find(key.delimiter.as_str()).ok_or_else(no_match)?;
                let v = &rest[..at];
                rest = &rest[at + key.delimiter.len()..];
                if key.right_padding {
                    while let Some(stripped) = rest.strip_prefix(key.delimiter.as_str()) {
                        rest = stripped;
                    }
                }
                v
            };
            matches.push((key, value));
        }
        let mut appended: BTreeMap<&str, Vec<(u32, usize, &str)>> = BTreeMap::new();
        let mut result = Map::new();
        let mut references: BTreeMap<&str, (Option<&str>, Option<&str>)> = BTreeMap::new();
        for (position, (key, value)) in matches.into_iter().enumerate() {
            match key.modifier {
                Modifier::None => {
                    result.insert(key.name.clone(), json!(value));
                }
                Modifier::Append(order) => appended.entry(&key.name).or_default().push((order, position, value)),
                Modifier::Skip => {}
                Modifier::FieldName => references.entry(&key.name).or_default().0 = Some(value),
                Modifier::FieldValue => references.entry(&key.name).or_default().1 = Some(value),
            }
        }
        for (name, mut parts) in appended {
            parts.sort();
            let joined = parts.iter().map(|(_, _, v)| *v).collect::<Vec<_>>().join(append_separator);
            result.insert(name.to_string(), json!(joined));
        }
        for (field, value) in references.into_values() {
            if let (Some(field), Some(value)) = (field, value) {
                result.insert(field.to_string(), json!(value));
            }
        }
        Ok(result)
    }
}

fn parse_key(spec: &str) -> Key {
    let (spec, right_padding) = match spec.strip_suffix("->") {
        Some(s) => (s, true),
        None => (spec, false),
    };
    let (modifier, name) = if spec.is_empty() {
        (Modifier::Skip, "")
    } else if let Some(rest) = spec.strip_prefix('+') {
        match rest.rsplit_once('/') {
            Some((name, order)) if order.parse::<u32>().is_ok() => (Modifier::Append(order.parse().unwrap_or(0)), name),
            _ => (Modifier::Append(0), rest),
        }
    } else if let Some(rest) = spec.strip_prefix('?') {
        (Modifier::Skip, rest)
    } else if let Some(rest) = spec.strip_prefix('*') {
        (Modifier::FieldName, rest)
    } else if let Some(rest) = spec.strip_prefix('&') {
        (Modifier::FieldValue, rest)
    } else {
        (Modifier::None, spec)
    };
    Key { name: name.to_string(), modifier, right_padding, delimiter: String::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dissect(pattern: &str, source: &str) -> Result<Map<String, Value>, String> {
        DissectPattern::parse(pattern)?.apply(source, " ")
    }

    #[test]
    fn plain_keys_and_mismatch() {
        assert_eq!(
            Value::Object(dissect("%{a} %{b} %{c}", "foo bar baz").unwrap()),
            json!({"a": "foo", "b": "bar", "c": "baz"})
        );
        assert_eq!(
            dissect("%{a},%{b},%{c}", "foo bar baz").unwrap_err(),
            "Unable to find match for dissect pattern: %{a},%{b},%{c} against source: foo bar baz"
        );
        assert!(DissectPattern::parse("bad pattern").unwrap_err().starts_with("Unable to parse pattern: bad pattern"));
    }

    #[test]
    fn modifiers() {
        let out = dissect("[%{ts}] %{+name} %{+name} %{?skip} %{*k} %{&k}", "[2024] john smith x level info").unwrap();
        assert_eq!(Value::Object(out), json!({"ts": "2024", "name": "john smith", "level": "info"}));
        let out = dissect("%{+a/2} %{+a/1}", "world hello").unwrap();
        assert_eq!(out["a"], "hello world");
        let out = dissect("%{a->} %{b}", "x     y").unwrap();
        assert_eq!(Value::Object(out), json!({"a": "x", "b": "y"}));
        let out = dissect("%{} %{b}", "x y").unwrap();
        assert_eq!(Value::Object(out), json!({"b": "y"}));
    }
}
