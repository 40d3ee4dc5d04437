//! `?filter_path=`: ES's response filtering (comma list of dotted paths, `*` within a name, `**`
//! across levels, `-path` to exclude). Arrays are transparent; a field name that itself contains
//! dots (`docs.count` in `_cat` JSON) matches the same dotted path.

use serde_json::{Map, Value};

use super::expression::simple_match;

/// Applies a `filter_path` parameter to a response body. Everything filtered away leaves `{}`.
pub fn apply(body: Value, filter_path: &str) -> Value {
    let mut includes: Vec<Vec<&str>> = Vec::new();
    let mut excludes: Vec<Vec<&str>> = Vec::new();
    for f in filter_path.split(',').map(str::trim).filter(|f| !f.is_empty()) {
        match f.strip_prefix('-') {
            Some(ex) => excludes.push(ex.split('.').collect()),
            None => includes.push(f.split('.').collect()),
        }
    }
    let mut out = body;
    if !includes.is_empty() {
        let refs: Vec<&[&str]> = includes.iter().map(Vec::as_slice).collect();
        out = include(out, &refs).unwrap_or_else(|| Value::Object(Map::new()));
    }
    if !excludes.is_empty() {
        let refs: Vec<&[&str]> = excludes.iter().map(Vec::as_slice).collect();
        out = exclude(out, &refs);
    }
    out
}

/// The remainders of `filters` after a field named `key` consumed their head(s).
fn advance<'a>(filters: &[&'a [&'a str]], key: &str) -> Vec<&'a [&'a str]> {
    let dotted = key.contains('.');
    let mut next = Vec::new();
    for &f in filters {
        let Some(&head) = f.first() else { continue };
        if head == "**" {
            // `**` may swallow this level and stay, or match nothing and let the rest match here.
            next.push(f);
            next.extend(advance(&[&f[1..]], key));
            continue;
        }
        if simple_match(head, key) {
            next.push(&f[1..]);
        }
        // A dotted key (`docs.count`) may consume several filter segments at once.
        if dotted {
            for n in 2..=f.len() {
                if simple_match(&f[..n].join("."), key) {
                    next.push(&f[n..]);
                }
            }
        }
    }
    next
}

fn include(value: Value, filters: &[&[&str]]) -> Option<Value> {
    match value {
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, child) in map {
                let next = advance(filters, &key);
                if next.iter().any(|f| f.is_empty()) {
                    out.insert(key, child);
                } else if !next.is_empty()
                    && let Some(kept) = include(child, &next)
                {
                    out.insert(key, kept);
                }
            }
            (!out.is_empty()).then_some(Value::Object(out))
        }
        Value::Array(items) => {
            let kept: Vec<Value> = items.into_iter().filter_map(|i| include(i, filters)).collect();
            (!kept.is_empty()).then_some(Value::Array(kept))
        }
        _ => None,
    }
}

fn exclude(value: Value, filters: &[&[&str]]) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter_map(|(key, child)| {
                    let next = advance(filters, &key);
                    if next.iter().any(|f| f.is_empty()) {
                        None
                    } else if next.is_empty() {
                        Some((key, child))
                    } else {
                        Some((key, exclude(child, &next)))
                    }
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(|i| exclude(i, filters)).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn includes_by_path_wildcard_and_double_star() {
        let body = json!({"a": {"b": 1, "c": 2}, "d": [{"e": 1, "f": 2}], "g": 3});
        assert_eq!(apply(body.clone(), "a.b"), json!({"a": {"b": 1}}));
        assert_eq!(apply(body.clone(), "a.*,g"), json!({"a": {"b": 1, "c": 2}, "g": 3}));
        assert_eq!(apply(body.clone(), "d.e"), json!({"d": [{"e": 1}]}));
        assert_eq!(apply(body.clone(), "**.f"), json!({"d": [{"f": 2}]}));
        assert_eq!(apply(body.clone(), "nothing"), json!({}));
    }

    #[test]
    fn excludes_and_dotted_keys() {
        let body = json!({"a": {"b": 1, "c": 2}, "g": 3});
        assert_eq!(apply(body.clone(), "-a.b"), json!({"a": {"c": 2}, "g": 3}));
        assert_eq!(apply(body, "a,-a.c"), json!({"a": {"b": 1}}));
        let cat = json!([{"index": "x", "docs.count": "1", "store.size": "2"}]);
        assert_eq!(apply(cat, "docs.count"), json!([{"docs.count": "1"}]));
    }
}
