//! The mustache templates ingest processors accept in field names and values
//! (`{{field}}`, `{{{field}}}`, `{{_ingest.timestamp}}`).
//!
//! Only variables are supported; ES's default JSON escaping applies to `{{…}}`, none to `{{{…}}}`.
//! Sections (`{{#…}}`) are refused when the pipeline is stored rather than rendered wrongly.

use std::borrow::Cow;

use serde_json::Value;

use super::document::{IngestDocument, java_string};
use crate::error::{EsError, EsResult};

/// Whether a string is a template at all (ES only compiles strings containing `{{`).
///
/// Asked of every field name of every processor for every document: a byte scan, which for
/// these short strings is several times cheaper than `str::contains` and its searcher.
pub fn is_template(text: &str) -> bool {
    text.as_bytes().windows(2).any(|pair| pair == b"{{")
}

/// Checks at PUT time that a template only uses what the sandbox renders.
pub fn validate(text: &str) -> EsResult<()> {
    for part in text.split("{{").skip(1) {
        if part.starts_with(['#', '^', '/', '>', '!', '=', '&']) {
            return Err(EsError::illegal_argument(format!(
                "the esops sandbox only renders mustache variables ({{{{field}}}} and {{{{{{field}}}}}}), not sections or partials: [{text}]"
            )));
        }
    }
    Ok(())
}

/// Renders a template against the document.
pub fn render(text: &str, doc: &IngestDocument) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let (raw, open, close) = if after.starts_with("{{{") { (true, 3, "}}}") } else { (false, 2, "}}") };
        let Some(end) = after[open..].find(close) else {
            out.push_str(after);
            return out;
        };
        let name = after[open..open + end].trim();
        match (lookup(doc, name).as_deref(), raw) {
            (None, _) => {}
            (Some(Value::String(text)), true) => out.push_str(text),
            (Some(value), true) => out.push_str(&java_string(value)),
            (Some(value), false) => out.push_str(&json_escape(&java_string(value))),
        }
        rest = &after[open + end + close.len()..];
    }
    out.push_str(rest);
    out
}

/// Resolves a dotted name in ES's template model: the source and metadata, plus `_source` and
/// `_ingest`. Missing names render as empty, like mustache.
fn lookup<'d>(doc: &'d IngestDocument, name: &str) -> Option<Cow<'d, Value>> {
    if name == "_source" {
        return Some(Cow::Owned(Value::Object(doc.source())));
    }
    if name == "_ingest" {
        return Some(Cow::Owned(Value::Object(doc.ingest.clone())));
    }
    doc.lookup(name).map(Cow::Borrowed)
}

/// Mustache's JSON escaping (what ES uses by default): quotes, backslashes and control characters.
fn json_escape(value: &str) -> String {
    let quoted = serde_json::to_string(value).unwrap_or_default();
    quoted[1..quoted.len() - 1].to_string()
}

#[cfg(test)]
mod tests {
    use serde_json::{Map, json};

    use super::*;

    #[test]
    fn renders_variables_with_and_without_escaping() {
        let source = json!({"a": "x\"y", "n": 3, "o": {"l": [1, 2]}}).as_object().unwrap().clone();
        let doc = IngestDocument::new(source, Map::new(), "2024-01-01T00:00:00.000Z");
        assert_eq!(render("{{a}}|{{{a}}}|{{ n }}|{{o.l}}|{{missing}}", &doc), "x\\\"y|x\"y|3|[1, 2]|");
        assert_eq!(render("at {{_ingest.timestamp}}", &doc), "at 2024-01-01T00:00:00.000Z");
        assert!(validate("{{#each}}x{{/each}}").is_err());
        assert!(validate("{{a}}").is_ok());
    }
}
