//! Checking a JSON object against the fields a parser knows, the way Elasticsearch's object
//! parsers do — unknown keys, wrong types, missing keys — but reporting every problem, each at its
//! key or value, with a did-you-mean for misspelt keys.

use serde_json::{Map, Value};

use super::diagnostic::Code;
use super::report::{At, Report, child, type_name};
use super::units::{ByteSize, TimeValue};
use crate::suggest::did_you_mean;

/// The type a field's value must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// Any JSON value.
    Any,
    /// A string.
    Str,
    /// A string, or a list of strings.
    StrOrList,
    /// A list.
    List,
    /// A mapping.
    Object,
    /// `true` or `false`.
    Bool,
    /// An integer.
    Int,
    /// An integer ≥ 0.
    NonNegative,
    /// An integer > 0.
    Positive,
    /// An Elasticsearch time value (`7d`).
    Duration,
    /// An Elasticsearch byte size (`50gb`).
    ByteSize,
}

/// A field a parser knows: name and type.
pub type Field = (&'static str, Ty);

/// Checks that `value` (at `pointer`, described as `what` in messages) is a mapping whose keys are
/// among `fields`, with values of the right types, and that `required` keys are present.
/// Returns the mapping when it is one, for further checks.
pub fn check_object<'v>(
    r: &mut Report,
    pointer: &str,
    value: &'v Value,
    what: &str,
    fields: &[Field],
    required: &[&str],
) -> Option<&'v Map<String, Value>> {
    let Some(map) = value.as_object() else {
        r.error(Code::WrongType, At::Value(pointer), format!("{what} must be a mapping, not {}", type_name(value)));
        return None;
    };
    for (key, v) in map {
        let at = child(pointer, key);
        match fields.iter().find(|(name, _)| name == key) {
            Some((_, ty)) => check_type(r, &at, v, key, *ty),
            None => unknown_key(r, At::Key(&at), key, what, &fields.iter().map(|(n, _)| *n).collect::<Vec<_>>()),
        }
    }
    for name in required {
        if !map.contains_key(*name) {
            r.error(Code::MissingKey, At::Key(pointer), format!("{what} needs `{name}`"));
        }
    }
    Some(map)
}

/// Reports `key` (at `at`) as unknown in `what`, suggesting the closest of `known`.
pub fn unknown_key(r: &mut Report, at: At, key: &str, what: &str, known: &[&str]) {
    let reported = r.error(Code::UnknownKey, at, format!("unknown key `{key}` in {what}"));
    match did_you_mean(key, known) {
        Some(best) => reported.hint(format!("did you mean `{best}`?")),
        None if known.is_empty() => reported.hint("this takes no keys; write `{}`"),
        None => reported.hint(format!("valid keys: {}", known.join(", "))),
    }
}

/// Checks one value against its type. `name` is the key, for messages.
pub fn check_type(r: &mut Report, pointer: &str, value: &Value, name: &str, ty: Ty) {
    let ok = match ty {
        Ty::Any => true,
        Ty::Str => value.is_string(),
        Ty::StrOrList => value.is_string() || value.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
        Ty::List => value.is_array(),
        Ty::Object => value.is_object(),
        Ty::Bool => value.is_boolean(),
        Ty::Int | Ty::NonNegative | Ty::Positive => value.is_i64(),
        Ty::Duration => return check_duration(r, pointer, value, name),
        Ty::ByteSize => return check_byte_size(r, pointer, value, name),
    };
    if !ok {
        let expected = match ty {
            Ty::Str => "a string",
            Ty::StrOrList => "a string or a list of strings",
            Ty::List => "a list",
            Ty::Object => "a mapping",
            Ty::Bool => "true or false",
            _ => "a whole number",
        };
        r.error(Code::WrongType, At::Value(pointer), format!("`{name}` must be {expected}, not {}", type_name(value)));
        return;
    }
    let n = value.as_i64().unwrap_or_default();
    match ty {
        Ty::NonNegative if n < 0 => {
            r.error(Code::InvalidValue, At::Value(pointer), format!("`{name}` must be 0 or more, not {n}"));
        }
        Ty::Positive if n <= 0 => {
            r.error(Code::InvalidValue, At::Value(pointer), format!("`{name}` must be greater than 0, not {n}"));
        }
        _ => {}
    }
}

/// An Elasticsearch time value: `7d`, `12h`, `0`. Other readable forms (`1w`) are refused with the
/// ES spelling to use, since this is the body Elasticsearch will read.
pub fn check_duration(r: &mut Report, pointer: &str, value: &Value, name: &str) {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => {
            r.error(
                Code::WrongType,
                At::Value(pointer),
                format!("`{name}` must be a duration like 7d, not {}", type_name(other)),
            );
            return;
        }
    };
    match TimeValue::parse(&text) {
        Err(e) => r.error(Code::Duration, At::Value(pointer), format!("`{name}`: {e}")).hint(DURATION_HINT),
        Ok(p) if !p.es_native => r
            .error(Code::Duration, At::Value(pointer), format!("`{name}`: `{text}` is not an Elasticsearch time value"))
            .hint(format!("write `{}` (Elasticsearch units: d, h, m, s, ms)", p.value)),
        Ok(_) => {}
    }
}

/// An Elasticsearch byte size: `50gb`.
pub fn check_byte_size(r: &mut Report, pointer: &str, value: &Value, name: &str) {
    let Some(text) = value.as_str() else {
        r.error(
            Code::WrongType,
            At::Value(pointer),
            format!("`{name}` must be a size like 50gb, not {}", type_name(value)),
        );
        return;
    };
    match ByteSize::parse(text) {
        Err(e) => r.error(Code::ByteSize, At::Value(pointer), format!("`{name}`: {e}")).hint(SIZE_HINT),
        Ok(p) if !p.es_native => r
            .error(Code::ByteSize, At::Value(pointer), format!("`{name}`: `{text}` is not an Elasticsearch byte size"))
            .hint(format!("write `{}` (Elasticsearch units: b, kb, mb, gb, tb, pb; all binary)", p.value.to_es())),
        Ok(_) => {}
    }
}

const DURATION_HINT: &str = "durations are a whole number and a unit: 30d, 12h, 90m, 30s, 500ms";
const SIZE_HINT: &str = "sizes are a whole number and a unit: 50gb, 512mb, 1tb";

/// How a JSON value's type reads in a message: `a string`, `an array`, `null`.
pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
