//! Assertions on a response (`match`, `length`, `is_true`, …) with the Java runner's semantics.
//!
//! Notable details kept from the Java runner:
//! - a `match` value written `/…/` is a regex, compiled with `Pattern.COMMENTS` (whitespace and
//!   `#` comments ignored) and searched for (`find`, not a full match); the actual value must be a string;
//! - at the top of a `match`, numbers of different types compare by value (`1` matches `1.0`);
//!   nested values compare like Java's `equals`, where an integer never equals a float;
//! - `is_true` fails on missing, `null`, `false`, `0` and `""`; an empty map or list is true.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use super::stash::{java_string, kind_of};

/// Checks one assertion. `actual` is `Null` when the path does not exist.
pub fn check(kind: &str, field: &str, actual: &Value, expected: &Value) -> Result<(), String> {
    match kind {
        "match" => check_match(field, actual, expected),
        "length" => check_length(field, actual, expected),
        "is_true" => check_truthiness(field, actual, true),
        "is_false" => check_truthiness(field, actual, false),
        "exists" if actual.is_null() => Err(format!("field [{field}] does not exist")),
        "exists" => Ok(()),
        "gt" | "gte" | "lt" | "lte" => check_order(kind, field, actual, expected),
        "contains" => check_contains(field, actual, expected),
        "close_to" => check_close_to(field, actual, expected),
        other => Err(format!("unknown assertion [{other}]")),
    }
}

/// The regex inside `/…/`, if `text` is written that way.
pub fn regex_literal(text: &str) -> Option<&str> {
    let s = text.trim();
    (s.len() > 2 && s.starts_with('/') && s.ends_with('/')).then(|| &s[1..s.len() - 1])
}

fn check_match(field: &str, actual: &Value, expected: &Value) -> Result<(), String> {
    if let Some(pattern) = expected.as_str().and_then(regex_literal) {
        let Value::String(text) = actual else {
            return Err(format!(
                "field [{field}] was expected to be a string matching /{pattern}/ but is {}",
                brief(actual)
            ));
        };
        let regex = java_regex(pattern, true)?;
        return if regex.is_match(text) {
            Ok(())
        } else {
            let pattern = Value::String(format!("/{}/", pattern.trim()));
            Err(format!("field [{field}] does not match {}: {}", brief(&pattern), brief(actual)))
        };
    }
    if expected.is_null() {
        return if actual.is_null() {
            Ok(())
        } else {
            Err(format!("field [{field}] should be null but was {}", brief(actual)))
        };
    }
    if actual.is_null() {
        return Err(format!("field [{field}] is null, expected {}", brief(expected)));
    }
    if let (Value::Number(a), Value::Number(e)) = (actual, expected)
        && a.as_f64() == e.as_f64()
    {
        return Ok(());
    }
    match first_difference(actual, expected, field) {
        None => Ok(()),
        Some(diff) => Err(diff),
    }
}

/// Where `actual` first differs from `expected`, described; `None` when they are equal.
fn first_difference(actual: &Value, expected: &Value, at: &str) -> Option<String> {
    let mismatch = || Some(format!("[{at}] expected {} but was {}", brief(expected), brief(actual)));
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            for (k, ev) in e {
                match a.get(k) {
                    Some(av) => {
                        if let Some(d) = first_difference(av, ev, &format!("{at}.{k}")) {
                            return Some(d);
                        }
                    }
                    None => return Some(format!("[{at}.{k}] expected {} but is missing", brief(ev))),
                }
            }
            a.keys().find(|k| !e.contains_key(*k)).map(|k| format!("[{at}.{k}] is unexpected: {}", brief(&a[k])))
        }
        (Value::Array(a), Value::Array(e)) => {
            if a.len() != e.len() {
                return Some(format!("[{at}] expected {} items but got {}: {}", e.len(), a.len(), brief(actual)));
            }
            a.iter().zip(e).enumerate().find_map(|(i, (av, ev))| first_difference(av, ev, &format!("{at}.{i}")))
        }
        (Value::Number(a), Value::Number(e)) => {
            let equal = match (a.is_f64(), e.is_f64()) {
                (false, false) => integer(a) == integer(e),
                (true, true) => a.as_f64() == e.as_f64(),
                _ => false,
            };
            if equal { None } else { mismatch() }
        }
        _ if actual == expected => None,
        _ => mismatch(),
    }
}

fn integer(n: &serde_json::Number) -> Option<i128> {
    n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from))
}

/// Values equal as Java's `equals` would see them (used by `contains`).
pub fn values_equal(actual: &Value, expected: &Value) -> bool {
    first_difference(actual, expected, "").is_none()
}

fn check_length(field: &str, actual: &Value, expected: &Value) -> Result<(), String> {
    let want =
        expected.as_u64().ok_or_else(|| format!("length of [{field}] expects a number, got {}", brief(expected)))?;
    let got = match actual {
        Value::String(s) => s.chars().count(),
        Value::Array(a) => a.len(),
        Value::Object(m) => m.len(),
        Value::Null => return Err(format!("field [{field}] is null")),
        other => return Err(format!("field [{field}] has no length: {}", brief(other))),
    };
    if got as u64 == want { Ok(()) } else { Err(format!("field [{field}] has length {got}, expected {want}")) }
}

/// Java: `toString()` compared with `""`, `"false"` (any case) and `"0"`.
fn check_truthiness(field: &str, actual: &Value, want_true: bool) -> Result<(), String> {
    let falsy = match actual {
        Value::Null => true,
        other => {
            let text = java_string(other);
            text.is_empty() || text.eq_ignore_ascii_case("false") || text == "0"
        }
    };
    match (want_true, falsy) {
        (true, true) => Err(format!("field [{field}] is not true: {}", brief(actual))),
        (false, false) => Err(format!("field [{field}] is not false: {}", brief(actual))),
        _ => Ok(()),
    }
}

fn check_order(kind: &str, field: &str, actual: &Value, expected: &Value) -> Result<(), String> {
    let ordering = match (actual, expected) {
        (Value::Number(a), Value::Number(e)) => {
            a.as_f64().zip(e.as_f64()).and_then(|(a, e)| a.partial_cmp(&e)).ok_or("numbers are not comparable")?
        }
        (Value::String(a), Value::String(e)) => a.cmp(e),
        _ => return Err(format!("[{field}] {} is not comparable with {}", brief(actual), brief(expected))),
    };
    use std::cmp::Ordering::*;
    let ok = match kind {
        "gt" => ordering == Greater,
        "gte" => ordering != Less,
        "lt" => ordering == Less,
        _ => ordering != Greater,
    };
    if ok { Ok(()) } else { Err(format!("[{field}] {} is not {kind} {}", brief(actual), brief(expected))) }
}

fn check_contains(field: &str, actual: &Value, expected: &Value) -> Result<(), String> {
    let found = match (actual, expected) {
        (Value::Array(items), Value::Object(want)) => items.iter().any(|item| {
            item.as_object().is_some_and(|obj| want.iter().all(|(k, v)| obj.get(k).is_some_and(|a| values_equal(a, v))))
        }),
        (Value::String(text), Value::String(want)) => text.contains(want.as_str()),
        (Value::Array(items), want) => items.iter().any(|item| values_equal(item, want)),
        _ => return Err(format!("[{field}] is {}, cannot contain {}", brief(actual), brief(expected))),
    };
    if found { Ok(()) } else { Err(format!("[{field}] {} does not contain {}", brief(actual), brief(expected))) }
}

fn check_close_to(field: &str, actual: &Value, expected: &Value) -> Result<(), String> {
    let value = expected.get("value").and_then(Value::as_f64);
    let error = expected.get("error").and_then(Value::as_f64);
    let (Some(value), Some(error)) = (value, error) else {
        return Err(format!("close_to of [{field}] needs {{value, error}}, got {}", brief(expected)));
    };
    let got = actual.as_f64().ok_or_else(|| format!("[{field}] is not a number: {}", brief(actual)))?;
    if (got - value).abs() <= error { Ok(()) } else { Err(format!("[{field}] {got} is not within {error} of {value}")) }
}

/// Compiles a Java regex with Rust's engine. `comments` is Java's `Pattern.COMMENTS` (Rust's `x`).
///
/// Java's `$` (without MULTILINE) also matches before a final line terminator, and `\Z` is its
/// spelling of that; both become `\n?\z`, which is equivalent for a search whose pattern ends there
/// (the only way the tests use them: cat output ends with a newline).
pub fn java_regex(pattern: &str, comments: bool) -> Result<Regex, String> {
    let mut out = String::with_capacity(pattern.len() + 8);
    if comments {
        out.push_str("(?x)");
    }
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('Z') => out.push_str(r"(?:\n?\z)"),
                Some('h') => out.push_str(r"[ \t]"),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                // a `]` right after `[` or `[^` is a literal in Java
                let rest = chars.as_str();
                if let Some(after) = rest.strip_prefix("^]") {
                    out.push_str(r"^\]");
                    chars = after.chars();
                } else if let Some(after) = rest.strip_prefix(']') {
                    out.push_str(r"\]");
                    chars = after.chars();
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            '$' if !in_class => out.push_str(r"(?:\n?\z)"),
            _ => out.push(c),
        }
    }
    Regex::new(&out).map_err(|e| format!("regex /{pattern}/ is not supported: {}", first_line(&e.to_string())))
}

fn first_line(s: &str) -> &str {
    s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or(s)
}

/// A value as compact JSON, shortened for messages.
pub fn brief(value: &Value) -> String {
    let text = match value {
        Value::Null => "null (absent)".to_string(),
        other => other.to_string(),
    };
    let described = if matches!(value, Value::Array(_) | Value::Object(_)) || text.len() < 160 {
        text
    } else {
        format!("{} {}", kind_of(value), text)
    };
    brief_str(&described)
}

/// Whether failure messages keep values whole (`ESOPS_CONFORMANCE_VERBOSE=1`).
static VERBOSE: LazyLock<bool> = LazyLock::new(|| std::env::var("ESOPS_CONFORMANCE_VERBOSE").is_ok_and(|v| v == "1"));

/// Shortens text for messages, unless verbose.
pub fn brief_str(text: &str) -> String {
    const MAX: usize = 240;
    if *VERBOSE || text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn regex_with_comments_flag_ignores_whitespace() {
        let re = java_regex("^ epoch \\s+ timestamp  # the header\n \\s+ count \\s* $", true).unwrap();
        assert!(re.is_match("epoch   timestamp count \n"));
        let cat = json!("green open test  1 0\n");
        assert!(check("match", "$body", &cat, &json!("/^(green \\s+ open \\s+ test \\s+ 1 \\s+ 0 \\s*)$/")).is_ok());
        assert!(check("match", "$body", &json!("yellow"), &json!("/^green$/")).is_err());
    }

    #[test]
    fn regex_is_a_search_and_needs_a_string() {
        assert!(
            check("match", "f", &json!("abc resource_already_exists_exception"), &json!("/resource_already_exists/"))
                .is_ok()
        );
        assert!(check("match", "f", &json!(12), &json!("/\\d+/")).is_err());
        assert!(java_regex(r"\/_cat\/\w+ [^]a]", false).is_ok());
        assert!(java_regex(r"[^]]", false).unwrap().is_match("x"));
    }

    #[test]
    fn dollar_matches_before_a_final_newline() {
        assert!(java_regex("^foo$", false).unwrap().is_match("foo\n"));
        assert!(!java_regex("^foo$", false).unwrap().is_match("foo\nbar"));
        assert!(java_regex(r"foo\Z", false).unwrap().is_match("foo\n"));
        assert!(java_regex(r"a[$]", false).unwrap().is_match("a$"));
    }

    #[test]
    fn match_numbers_and_nested_values() {
        assert!(check("match", "f", &json!(1), &json!(1.0)).is_ok());
        assert!(check("match", "f", &json!({"a": 1}), &json!({"a": 1})).is_ok());
        assert!(check("match", "f", &json!({"a": 1}), &json!({"a": 1.0})).is_err());
        assert!(check("match", "f", &json!({"a": 1, "b": 2}), &json!({"a": 1})).is_err());
        assert!(check("match", "f", &json!("1"), &json!(1)).is_err());
        assert!(check("match", "f", &Value::Null, &Value::Null).is_ok());
        assert!(check("match", "f", &Value::Null, &json!("x")).is_err());
        let err = check("match", "r", &json!({"a": {"b": [1, 2]}}), &json!({"a": {"b": [1, 3]}})).unwrap_err();
        assert!(err.contains("[r.a.b.1]"), "{err}");
    }

    #[test]
    fn truthiness() {
        for v in [json!(true), json!("x"), json!(1), json!({}), json!([]), json!(0.0)] {
            assert!(check("is_true", "f", &v, &Value::Null).is_ok(), "{v}");
        }
        for v in [Value::Null, json!(false), json!(""), json!(0), json!("FALSE")] {
            assert!(check("is_false", "f", &v, &Value::Null).is_ok(), "{v}");
        }
    }

    #[test]
    fn length_order_contains() {
        assert!(check("length", "f", &json!([1, 2]), &json!(2)).is_ok());
        assert!(check("length", "f", &json!({"a": 1}), &json!(2)).is_err());
        assert!(check("length", "f", &json!("abc"), &json!(3)).is_ok());
        assert!(check("gte", "f", &json!(5), &json!(5)).is_ok());
        assert!(check("gt", "f", &json!(5), &json!(5)).is_err());
        assert!(check("lt", "f", &json!(1.5), &json!(2)).is_ok());
        let list = json!([{"type": "append", "x": 1}, {"type": "date"}]);
        assert!(check("contains", "f", &list, &json!({"type": "date"})).is_ok());
        assert!(check("contains", "f", &list, &json!({"type": "grok"})).is_err());
        assert!(check("contains", "f", &json!(["a", "b"]), &json!("b")).is_ok());
        assert!(check("contains", "f", &json!("must be mapped"), &json!("be map")).is_ok());
        assert!(check("close_to", "f", &json!(0.5), &json!({"value": 0.49, "error": 0.02})).is_ok());
    }
}
