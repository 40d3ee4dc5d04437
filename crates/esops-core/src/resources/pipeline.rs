//! Ingest pipeline bodies: processors that exist, their required and known properties (ES's
//! `ConfigurationUtils` refuses unknown ones), non-empty `on_failure` lists, and a warning for
//! Painless (`if`, `script`), which is valid but cannot be tested offline or in the sandbox.

use serde_json::Value;

use super::diagnostic::Code;
use super::report::{At, Report, child, type_name};
use super::schema::{Field, Ty, check_object};
use crate::suggest::did_you_mean;

const PIPELINE_FIELDS: [Field; 6] = [
    ("description", Ty::Str),
    ("processors", Ty::List),
    ("on_failure", Ty::List),
    ("version", Ty::Int),
    ("_meta", Ty::Object),
    ("deprecated", Ty::Bool),
];

/// Every processor type Elasticsearch ships (ingest-common, ingest-geoip, ingest-user-agent,
/// attachment, enrich, inference, redact).
const PROCESSORS: [&str; 46] = [
    "append",
    "attachment",
    "bytes",
    "circle",
    "community_id",
    "convert",
    "csv",
    "date",
    "date_index_name",
    "dissect",
    "dot_expander",
    "drop",
    "enrich",
    "fail",
    "fingerprint",
    "foreach",
    "geo_grid",
    "geoip",
    "grok",
    "gsub",
    "html_strip",
    "inference",
    "ip_location",
    "join",
    "json",
    "kv",
    "lowercase",
    "network_direction",
    "pipeline",
    "redact",
    "registered_domain",
    "remove",
    "rename",
    "reroute",
    "script",
    "set",
    "set_security_user",
    "sort",
    "split",
    "terminate",
    "trim",
    "uppercase",
    "uri_parts",
    "urldecode",
    "user_agent",
    "json_extract",
];

/// Properties every processor accepts.
const COMMON: [Field; 5] = [
    ("if", Ty::Str),
    ("tag", Ty::Str),
    ("description", Ty::Str),
    ("ignore_failure", Ty::Bool),
    ("on_failure", Ty::List),
];

/// The properties of processors esops knows in detail, and which of them are required. Others are
/// checked only for their type existing.
fn processor_fields(kind: &str) -> Option<(&'static [Field], &'static [&'static str])> {
    const FIELD_ONLY: [Field; 3] = [("field", Ty::Str), ("target_field", Ty::Str), ("ignore_missing", Ty::Bool)];
    Some(match kind {
        "set" => (
            &[
                ("field", Ty::Str),
                ("value", Ty::Any),
                ("copy_from", Ty::Str),
                ("override", Ty::Bool),
                ("ignore_empty_value", Ty::Bool),
                ("media_type", Ty::Str),
            ],
            &["field"],
        ),
        "append" => (
            &[("field", Ty::Str), ("value", Ty::Any), ("allow_duplicates", Ty::Bool), ("media_type", Ty::Str)],
            &["field", "value"],
        ),
        "rename" => (
            &[("field", Ty::Str), ("target_field", Ty::Str), ("ignore_missing", Ty::Bool), ("override", Ty::Bool)],
            &["field", "target_field"],
        ),
        "remove" => (&[("field", Ty::StrOrList), ("keep", Ty::StrOrList), ("ignore_missing", Ty::Bool)], &[]),
        "date" => (
            &[
                ("field", Ty::Str),
                ("formats", Ty::StrOrList),
                ("target_field", Ty::Str),
                ("timezone", Ty::Str),
                ("locale", Ty::Str),
                ("output_format", Ty::Str),
            ],
            &["field", "formats"],
        ),
        "json" => (
            &[
                ("field", Ty::Str),
                ("target_field", Ty::Str),
                ("add_to_root", Ty::Bool),
                ("add_to_root_conflict_strategy", Ty::Str),
                ("allow_duplicate_keys", Ty::Bool),
                ("strict_json_parsing", Ty::Bool),
            ],
            &["field"],
        ),
        "convert" => (
            &[("field", Ty::Str), ("type", Ty::Str), ("target_field", Ty::Str), ("ignore_missing", Ty::Bool)],
            &["field", "type"],
        ),
        "lowercase" | "uppercase" | "trim" | "urldecode" | "html_strip" | "bytes" => (&FIELD_ONLY, &["field"]),
        "gsub" => (
            &[
                ("field", Ty::Str),
                ("pattern", Ty::Str),
                ("replacement", Ty::Str),
                ("target_field", Ty::Str),
                ("ignore_missing", Ty::Bool),
            ],
            &["field", "pattern", "replacement"],
        ),
        "dissect" => (
            &[("field", Ty::Str), ("pattern", Ty::Str), ("append_separator", Ty::Str), ("ignore_missing", Ty::Bool)],
            &["field", "pattern"],
        ),
        "dot_expander" => (&[("field", Ty::Str), ("path", Ty::Str), ("override", Ty::Bool)], &["field"]),
        "pipeline" => (&[("name", Ty::Str), ("ignore_missing_pipeline", Ty::Bool)], &["name"]),
        "split" => (
            &[
                ("field", Ty::Str),
                ("separator", Ty::Str),
                ("target_field", Ty::Str),
                ("ignore_missing", Ty::Bool),
                ("preserve_trailing", Ty::Bool),
            ],
            &["field", "separator"],
        ),
        "join" => (&[("field", Ty::Str), ("separator", Ty::Str), ("target_field", Ty::Str)], &["field", "separator"]),
        "drop" => (&[], &[]),
        "fail" => (&[("message", Ty::Str)], &["message"]),
        "grok" => (
            &[
                ("field", Ty::Str),
                ("patterns", Ty::List),
                ("pattern_definitions", Ty::Object),
                ("ignore_missing", Ty::Bool),
                ("trace_match", Ty::Bool),
                ("ecs_compatibility", Ty::Str),
            ],
            &["field", "patterns"],
        ),
        "script" => (&[("source", Ty::Any), ("id", Ty::Str), ("lang", Ty::Str), ("params", Ty::Object)], &[]),
        "foreach" => {
            (&[("field", Ty::Str), ("processor", Ty::Object), ("ignore_missing", Ty::Bool)], &["field", "processor"])
        }
        _ => return None,
    })
}

/// Checks a pipeline body.
pub fn check(r: &mut Report, body: &Value) {
    let Some(map) = check_object(r, "", body, "an ingest_pipeline", &PIPELINE_FIELDS, &["processors"]) else {
        return;
    };
    if let Some(list) = map.get("processors") {
        check_processors(r, "/processors", list);
    }
    if let Some(list) = map.get("on_failure") {
        check_handlers(r, "/on_failure", list);
    }
}

/// An `on_failure` list: processors, at least one.
fn check_handlers(r: &mut Report, pointer: &str, list: &Value) {
    if list.as_array().is_some_and(Vec::is_empty) {
        r.error(Code::InvalidValue, At::Value(pointer), "`on_failure` is empty (Elasticsearch refuses that)")
            .hint("remove it, or add the processors to run when one fails");
    }
    check_processors(r, pointer, list);
}

fn check_processors(r: &mut Report, pointer: &str, list: &Value) {
    let Some(items) = list.as_array() else { return };
    for (i, item) in items.iter().enumerate() {
        check_item(r, &child(pointer, &i.to_string()), item);
    }
}

/// One `{type: settings}` item of a processor list (or foreach's `processor`).
fn check_item(r: &mut Report, pointer: &str, item: &Value) {
    let single = item.as_object().filter(|m| m.len() == 1);
    let Some((kind, config)) = single.and_then(|m| m.iter().next()) else {
        let what = if item.is_object() { "several or none" } else { type_name(item) };
        r.error(
            Code::WrongType,
            At::Value(pointer),
            format!("a processor must be a mapping of one processor type to its settings, not {what}"),
        )
        .hint("e.g. `- set: {field: event.kind, value: event}`; put each processor in its own list item");
        return;
    };
    check_processor(r, &child(pointer, kind), kind, config);
}

fn check_processor(r: &mut Report, pointer: &str, kind: &str, config: &Value) {
    if !PROCESSORS.contains(&kind) {
        let reported = r.error(Code::UnknownProcessor, At::Key(pointer), format!("there is no processor `{kind}`"));
        if let Some(best) = did_you_mean(kind, &PROCESSORS) {
            reported.hint(format!("did you mean `{best}`?"));
        }
        return;
    }
    let map = match processor_fields(kind) {
        Some((fields, required)) => {
            let all: Vec<Field> = fields.iter().chain(COMMON.iter()).copied().collect();
            check_object(r, pointer, config, &format!("the {kind} processor"), &all, required)
        }
        None => {
            if !config.is_object() {
                r.error(
                    Code::WrongType,
                    At::Value(pointer),
                    format!("the {kind} processor's settings must be a mapping, not {}", type_name(config)),
                );
            }
            config.as_object()
        }
    };
    let Some(map) = map else { return };
    let has = |k: &str| map.contains_key(k);
    match kind {
        "set" if has("value") == has("copy_from") => {
            r.error(Code::MissingKey, At::Key(pointer), "set needs exactly one of `value` and `copy_from`");
        }
        "remove" if has("field") == has("keep") => {
            r.error(Code::MissingKey, At::Key(pointer), "remove needs exactly one of `field` and `keep`");
        }
        "script" if has("source") == has("id") => {
            r.error(Code::MissingKey, At::Key(pointer), "script needs exactly one of `source` and `id`");
        }
        "convert" => {
            let to = map.get("type").and_then(Value::as_str).unwrap_or("auto");
            const TYPES: [&str; 8] = ["integer", "long", "float", "double", "boolean", "ip", "string", "auto"];
            if !TYPES.contains(&to) {
                r.error(
                    Code::InvalidValue,
                    At::Value(&child(pointer, "type")),
                    format!("convert cannot convert to `{to}`"),
                )
                .hint(format!("types: {}", TYPES.join(", ")));
            }
        }
        "json" => {
            if let Some(strategy) = map.get("add_to_root_conflict_strategy").and_then(Value::as_str)
                && !matches!(strategy, "replace" | "merge")
            {
                r.error(
                    Code::InvalidValue,
                    At::Value(&child(pointer, "add_to_root_conflict_strategy")),
                    format!("`add_to_root_conflict_strategy` is replace or merge, not `{strategy}`"),
                );
            }
            if has("target_field") && map.get("add_to_root") == Some(&Value::Bool(true)) {
                r.error(
                    Code::InvalidValue,
                    At::Key(pointer),
                    "json cannot set `target_field` and `add_to_root: true` together",
                );
            }
        }
        "dot_expander" => {
            if let Some(field) = map.get("field").and_then(Value::as_str)
                && field != "*"
                && !field.contains('.')
            {
                r.error(
                    Code::InvalidValue,
                    At::Value(&child(pointer, "field")),
                    format!("dot_expander field `{field}` has no dot to expand"),
                )
                .hint("name a dotted field (`log.level`) or `*` for all");
            }
        }
        _ => {}
    }
    if kind == "script" || has("if") {
        let what = if kind == "script" { "a script processor" } else { "an `if` condition" };
        r.warning(
            Code::Painless,
            At::Key(if kind == "script" { pointer.to_string() } else { child(pointer, "if") }.as_str()),
            format!("{what} runs Painless, which esops cannot check offline and the sandbox cannot run"),
        )
        .hint("test it against a real cluster (`esops pipeline test` with ESOPS_URL)");
    }
    if let Some(handlers) = map.get("on_failure") {
        check_handlers(r, &child(pointer, "on_failure"), handlers);
    }
    if let Some(inner) = map.get("processor") {
        check_item(r, &child(pointer, "processor"), inner);
    }
}

/// Whether a `pipeline` processor's name calls the pipeline `name`. ES renders a name holding
/// template snippets (`logs-{{{route}}}`) per document, so such a name calls every pipeline its
/// fixed parts match: each snippet stands for any text, like `*` in an index pattern.
pub fn calls(called: &str, name: &str) -> bool {
    if !called.contains("{{") {
        return called == name;
    }
    let mut pattern = String::new();
    let mut rest = called;
    while let Some(start) = rest.find("{{") {
        pattern.push_str(&rest[..start]);
        pattern.push('*');
        let close = if rest[start..].starts_with("{{{") { "}}}" } else { "}}" };
        rest = rest[start..].find(close).map_or("", |end| &rest[start + end + close.len()..]);
    }
    pattern.push_str(rest);
    es_syntax::glob::simple_match(&pattern, name)
}

/// Every pipeline a body's `pipeline` processors call, with the pointer of the name.
pub fn called_pipelines(body: &Value) -> Vec<(String, String)> {
    fn walk(value: &Value, pointer: &str, out: &mut Vec<(String, String)>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::Object(config)) = map.get("pipeline")
                    && let Some(name) = config.get("name").and_then(Value::as_str)
                    && config.get("ignore_missing_pipeline") != Some(&Value::Bool(true))
                {
                    out.push((name.to_string(), child(&child(pointer, "pipeline"), "name")));
                }
                for (k, v) in map {
                    walk(v, &child(pointer, k), out);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, &child(pointer, &i.to_string()), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for list in ["processors", "on_failure"] {
        if let Some(v) = body.get(list) {
            walk(v, &child("", list), &mut out);
        }
    }
    out
}

#[cfg(test)]
mod calls_tests {
    use super::calls;

    #[test]
    fn templated_names_call_every_pipeline_their_fixed_parts_match() {
        assert!(calls("logs", "logs"));
        assert!(!calls("logs", "logs-a"));
        assert!(calls("logs-{{{route}}}", "logs-unparsed"));
        assert!(calls("{{service}}-logs-{{{v}}}", "web-logs-2"));
        assert!(!calls("logs-{{{route}}}", "metrics-a"));
        assert!(!calls("logs-{{{route}}}-x", "logs-a"));
    }
}
