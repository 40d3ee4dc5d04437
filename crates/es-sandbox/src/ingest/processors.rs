//! Ingest processors: reading their configuration like ES's `ConfigurationUtils` (with its exact
//! `parse_exception`s) and running them against an [`IngestDocument`].

use std::borrow::Cow;

use regex::Regex;
use serde_json::{Map, Value, json};

use super::date::{DateFormat, OutputFormat, Zone};
use super::dissect::DissectPattern;
use super::document::{IngestDocument, java_string, java_type};
use super::mustache;
use crate::error::{EsError, EsResult};

/// Processors ES ships that the sandbox does not implement: refused by name, never ignored.
const UNSUPPORTED: [&str; 27] = [
    "attachment",
    "bytes",
    "circle",
    "community_id",
    "csv",
    "date_index_name",
    "enrich",
    "fingerprint",
    "foreach",
    "geo_grid",
    "geoip",
    "grok",
    "html_strip",
    "inference",
    "ip_location",
    "kv",
    "network_direction",
    "redact",
    "registered_domain",
    "reroute",
    "set_security_user",
    "sort",
    "terminate",
    "uri_parts",
    "urldecode",
    "user_agent",
    "json_extract",
];

/// The error for Painless, which the sandbox cannot run.
pub fn painless_unsupported(processor_type: &str) -> EsError {
    EsError::illegal_argument(
        "the esops sandbox cannot run Painless: [if] conditions and the [script] processor are not supported",
    )
    .with("processor_type", processor_type)
}

/// One configured processor.
#[derive(Debug, Clone)]
pub struct Processor {
    /// The processor type (`set`, `rename`, …).
    pub kind: String,
    /// `tag`.
    pub tag: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `ignore_failure`.
    pub ignore_failure: bool,
    /// The processor's own `on_failure` handlers.
    pub on_failure: Vec<Processor>,
    /// Whether running it may read `_ingest` metadata: its configuration (handlers included)
    /// names `_ingest` or has a template (a rendered field name may name it), or it runs a
    /// pipeline. Handlers that cannot read them are run without the `_ingest.on_failure_*`
    /// fields being set for them.
    pub reads_ingest_metadata: bool,
    /// What it does.
    pub action: Action,
}

/// What a processor does, with its configuration (fields are the ES options of the same name).
#[derive(Debug, Clone)]
pub enum Action {
    /// `set`
    Set {
        field: String,
        value: Option<Value>,
        copy_from: Option<String>,
        override_existing: bool,
        ignore_empty_value: bool,
    },
    /// `append`
    Append { field: String, value: Value, allow_duplicates: bool },
    /// `rename`
    Rename { field: String, target_field: String, ignore_missing: bool, override_existing: bool },
    /// `remove`
    Remove { fields: Vec<String>, keep: Vec<String>, ignore_missing: bool },
    /// `lowercase`, `uppercase`, `trim`, `gsub`, `split`, `convert`, `json`, `dissect`: processors
    /// that read one field and write a result.
    Transform { field: String, target_field: Option<String>, ignore_missing: bool, transform: Transform },
    /// `date`
    Date {
        field: String,
        target_field: String,
        formats: Vec<DateFormat>,
        timezone: Option<String>,
        output_format: OutputFormat,
    },
    /// `join`
    Join { field: String, separator: String, target_field: Option<String> },
    /// `dot_expander`
    DotExpander { field: String, path: Option<String>, override_existing: bool },
    /// `pipeline` (run by the pipeline runner).
    Pipeline { name: String, ignore_missing_pipeline: bool },
    /// `fail`
    Fail { message: String },
    /// `drop`
    Drop,
}

/// Single-field transformations.
#[derive(Debug, Clone)]
pub enum Transform {
    /// `lowercase`
    Lowercase,
    /// `uppercase`
    Uppercase,
    /// `trim`
    Trim,
    /// `gsub`
    Gsub(Regex, String),
    /// `split` (separator regex, `preserve_trailing`)
    Split(Regex, bool),
    /// `convert`
    Convert(String),
    /// `json`
    Json { add_to_root: bool, merge: bool, strict: bool },
    /// `dissect`
    Dissect(DissectPattern, String),
}

/// A processor's configuration being read, ES's `ConfigurationUtils` style.
struct Config {
    kind: String,
    tag: Option<String>,
    map: Map<String, Value>,
}

impl Config {
    fn error(&self, property: Option<&str>, reason: impl Into<String>) -> EsError {
        let mut e = EsError::parse(reason).with("processor_type", self.kind.as_str());
        if let Some(tag) = &self.tag {
            e = e.with("processor_tag", tag.as_str());
        }
        if let Some(p) = property {
            e = e.with("property_name", p);
        }
        e
    }

    fn missing(&self, name: &str) -> EsError {
        self.error(Some(name), format!("[{name}] required property is missing"))
    }

    fn optional_string(&mut self, name: &str) -> EsResult<Option<String>> {
        match self.map.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(self
                .error(Some(name), format!("[{name}] property isn't a string, but of type [{}]", java_type(&other)))),
        }
    }

    fn string(&mut self, name: &str) -> EsResult<String> {
        self.optional_string(name)?.ok_or_else(|| self.missing(name))
    }

    /// A field name, checked as a template when it is one.
    fn field(&mut self, name: &str) -> EsResult<String> {
        let field = self.string(name)?;
        mustache::validate(&field).map_err(|e| self.error(Some(name), e.reason))?;
        Ok(field)
    }

    fn optional_field(&mut self, name: &str) -> EsResult<Option<String>> {
        let field = self.optional_string(name)?;
        if let Some(f) = &field {
            mustache::validate(f).map_err(|e| self.error(Some(name), e.reason))?;
        }
        Ok(field)
    }

    fn boolean(&mut self, name: &str, default: bool) -> EsResult<bool> {
        match self.map.remove(name) {
            None | Some(Value::Null) => Ok(default),
            Some(Value::Bool(b)) => Ok(b),
            Some(Value::String(s)) if s == "true" || s == "false" => Ok(s == "true"),
            Some(other) => Err(self
                .error(Some(name), format!("[{name}] property isn't a boolean, but of type [{}]", java_type(&other)))),
        }
    }

    fn value(&mut self, name: &str) -> EsResult<Option<Value>> {
        let value = self.map.remove(name);
        if let Some(v) = &value {
            validate_templates(v).map_err(|e| self.error(Some(name), e.reason))?;
        }
        Ok(value)
    }

    fn strings(&mut self, name: &str) -> EsResult<Option<Vec<String>>> {
        match self.map.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(vec![s])),
            Some(Value::Array(items)) => Ok(Some(items.iter().map(java_string).collect())),
            Some(other) => Err(self.error(
                Some(name),
                format!("[{name}] property isn't a list or string, but of type [{}]", java_type(&other)),
            )),
        }
    }

    fn regex(&mut self, name: &str) -> EsResult<Regex> {
        let pattern = self.string(name)?;
        Regex::new(&pattern).map_err(|e| self.error(Some(name), format!("Invalid regex pattern [{pattern}]: {e}")))
    }
}

fn validate_templates(value: &Value) -> EsResult<()> {
    match value {
        Value::String(s) => mustache::validate(s),
        Value::Array(items) => items.iter().try_for_each(validate_templates),
        Value::Object(map) => map.values().try_for_each(validate_templates),
        _ => Ok(()),
    }
}

/// Reads a list of processor definitions (`processors` or `on_failure`).
pub fn parse_list(value: &Value) -> EsResult<Vec<Processor>> {
    let Some(items) = value.as_array() else {
        return Err(EsError::parse(format!("[processors] property isn't a list, but of type [{}]", java_type(value))));
    };
    if items.iter().any(|item| item.as_object().is_some_and(|m| m.len() > 1)) {
        return Err(EsError::illegal_argument(
            "[processors] contains nested objects but should be a list of single-entry objects",
        ));
    }
    let mut processors = Vec::new();
    for item in items {
        let Some(map) = item.as_object() else {
            return Err(EsError::parse(format!(
                "[processors] property isn't a map, but of type [{}]",
                java_type(item)
            )));
        };
        for (kind, config) in map {
            processors.push(parse_processor(kind, config)?);
        }
    }
    Ok(processors)
}

fn parse_processor(kind: &str, config: &Value) -> EsResult<Processor> {
    let map = match config {
        Value::Object(m) => m.clone(),
        // `{"drop": {}}` is usual, but a bare string (script source) also appears.
        Value::String(_) if kind == "script" => Map::new(),
        other => {
            return Err(EsError::parse(format!("[{kind}] property isn't a map, but of type [{}]", java_type(other)))
                .with("processor_type", kind));
        }
    };
    let tag = map.get("tag").map(java_string);
    let mut c = Config { kind: kind.to_string(), tag: tag.clone(), map };
    c.map.remove("tag");
    if kind == "script" || c.map.contains_key("if") {
        return Err(painless_unsupported(kind));
    }
    let description = c.optional_string("description")?;
    let ignore_failure = c.boolean("ignore_failure", false)?;
    let on_failure = match c.map.remove("on_failure") {
        None => Vec::new(),
        Some(list) => {
            let handlers = parse_list(&list)?;
            if handlers.is_empty() {
                return Err(c.error(Some("on_failure"), "[on_failure] processors list cannot be empty"));
            }
            handlers
        }
    };
    let action = parse_action(&mut c)?;
    if !c.map.is_empty() {
        let keys: Vec<&String> = c.map.keys().collect();
        let listed = keys.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ");
        return Err(c.error(
            None,
            format!("processor [{kind}] doesn't support one or more provided configuration parameters [{listed}]"),
        ));
    }
    let reads_ingest_metadata = kind == "pipeline"
        || mentions_ingest_metadata(config)
        || on_failure.iter().any(|handler| handler.reads_ingest_metadata);
    Ok(Processor {
        kind: kind.to_string(),
        tag,
        description,
        ignore_failure,
        on_failure,
        reads_ingest_metadata,
        action,
    })
}

/// Whether a configuration has a string (key or value, at any depth) that names `_ingest` or
/// is a template.
fn mentions_ingest_metadata(config: &Value) -> bool {
    let mentions = |text: &str| text.contains("_ingest") || mustache::is_template(text);
    match config {
        Value::String(s) => mentions(s),
        Value::Array(items) => items.iter().any(mentions_ingest_metadata),
        Value::Object(map) => map.iter().any(|(k, v)| mentions(k) || mentions_ingest_metadata(v)),
        _ => false,
    }
}

/// Every processor type the sandbox runs (what `GET /_nodes/ingest` lists), in ES's order: sorted.
pub const PROCESSOR_TYPES: &[&str] = &[
    "append",
    "convert",
    "date",
    "dissect",
    "dot_expander",
    "drop",
    "fail",
    "gsub",
    "join",
    "json",
    "lowercase",
    "pipeline",
    "remove",
    "rename",
    "set",
    "split",
    "trim",
    "uppercase",
];

fn parse_action(c: &mut Config) -> EsResult<Action> {
    let kind = c.kind.clone();
    let transform = |c: &mut Config, transform: Transform| -> EsResult<Action> {
        Ok(Action::Transform {
            field: c.field("field")?,
            target_field: c.optional_field("target_field")?,
            ignore_missing: c.boolean("ignore_missing", false)?,
            transform,
        })
    };
    Ok(match kind.as_str() {
        "set" => {
            let field = c.field("field")?;
            let value = c.value("value")?;
            let copy_from = c.optional_string("copy_from")?;
            match (&value, &copy_from) {
                (Some(_), Some(_)) => {
                    return Err(
                        c.error(Some("copy_from"), "cannot set both `copy_from` and `value` in the same processor")
                    );
                }
                (None, None) => return Err(c.missing("value")),
                _ => {}
            }
            c.map.remove("media_type");
            Action::Set {
                field,
                value,
                copy_from,
                override_existing: c.boolean("override", true)?,
                ignore_empty_value: c.boolean("ignore_empty_value", false)?,
            }
        }
        "append" => {
            let field = c.field("field")?;
            let value = c.value("value")?.ok_or_else(|| c.missing("value"))?;
            c.map.remove("media_type");
            Action::Append { field, value, allow_duplicates: c.boolean("allow_duplicates", true)? }
        }
        "rename" => Action::Rename {
            field: c.field("field")?,
            target_field: c.field("target_field")?,
            ignore_missing: c.boolean("ignore_missing", false)?,
            override_existing: c.boolean("override", false)?,
        },
        "remove" => {
            let fields = c.strings("field")?;
            let keep = c.strings("keep")?;
            let (fields, keep) = match (fields, keep) {
                (Some(_), Some(_)) => return Err(c.error(Some("keep"), "Too many fields specified")),
                (None, None) => return Err(c.missing("field")),
                (f, k) => (f.unwrap_or_default(), k.unwrap_or_default()),
            };
            Action::Remove { fields, keep, ignore_missing: c.boolean("ignore_missing", false)? }
        }
        "lowercase" => transform(c, Transform::Lowercase)?,
        "uppercase" => transform(c, Transform::Uppercase)?,
        "trim" => transform(c, Transform::Trim)?,
        "gsub" => {
            let pattern = c.regex("pattern")?;
            let replacement = java_replacement(&c.string("replacement")?);
            transform(c, Transform::Gsub(pattern, replacement))?
        }
        "split" => {
            let separator = c.regex("separator")?;
            let preserve_trailing = c.boolean("preserve_trailing", false)?;
            transform(c, Transform::Split(separator, preserve_trailing))?
        }
        "convert" => {
            let to = c.string("type")?;
            if !["integer", "long", "float", "double", "boolean", "string", "ip", "auto"].contains(&to.as_str()) {
                return Err(c.error(Some("type"), format!("type [{to}] not supported, cannot convert field.")));
            }
            transform(c, Transform::Convert(to))?
        }
        "json" => {
            let add_to_root = c.boolean("add_to_root", false)?;
            let strategy = c.optional_string("add_to_root_conflict_strategy")?;
            let merge = match strategy.as_deref() {
                None | Some("replace") => false,
                Some("merge") => true,
                Some(other) => {
                    return Err(c.error(
                        Some("add_to_root_conflict_strategy"),
                        format!("conflict strategy [{other}] not supported, cannot convert field."),
                    ));
                }
            };
            if strategy.is_some() && !add_to_root {
                return Err(c.error(
                    Some("add_to_root_conflict_strategy"),
                    "Cannot set `add_to_root_conflict_strategy` if `add_to_root` is false",
                ));
            }
            // Duplicate keys: serde keeps the last one, which is what `allow_duplicate_keys` asks for.
            c.map.remove("allow_duplicate_keys");
            let strict = c.boolean("strict_json_parsing", true)?;
            let action = transform(c, Transform::Json { add_to_root, merge, strict })?;
            if let Action::Transform { target_field: Some(_), .. } = &action
                && add_to_root
            {
                return Err(c.error(
                    Some("target_field"),
                    "Cannot set a target field while also setting `add_to_root` to true",
                ));
            }
            action
        }
        "dissect" => {
            let pattern = c.string("pattern")?;
            let parsed = DissectPattern::parse(&pattern).map_err(|e| c.error(Some("pattern"), e))?;
            let separator = c.optional_string("append_separator")?.unwrap_or_default();
            Action::Transform {
                field: c.field("field")?,
                target_field: None,
                ignore_missing: c.boolean("ignore_missing", false)?,
                transform: Transform::Dissect(parsed, separator),
            }
        }
        "date" => {
            let field = c.field("field")?;
            let target_field = c.optional_field("target_field")?.unwrap_or_else(|| "@timestamp".to_string());
            let specs = c.strings("formats")?.ok_or_else(|| c.missing("formats"))?;
            let formats = specs
                .iter()
                .map(|f| DateFormat::parse(f))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| c.error(Some("formats"), e))?;
            let timezone = c.optional_string("timezone")?;
            c.map.remove("locale");
            let output_format =
                c.optional_string("output_format")?.unwrap_or_else(|| "yyyy-MM-dd'T'HH:mm:ss.SSSXXX".into());
            let output_format = OutputFormat::parse(&output_format).map_err(|e| c.error(Some("output_format"), e))?;
            Action::Date { field, target_field, formats, timezone, output_format }
        }
        "join" => Action::Join {
            field: c.field("field")?,
            separator: c.string("separator")?,
            target_field: c.optional_field("target_field")?,
        },
        "dot_expander" => {
            let field = c.string("field")?;
            if field != "*" && !field.contains('.') {
                return Err(
                    c.error(Some("field"), format!("field [{field}] does not contain a dot and is not a wildcard"))
                );
            }
            Action::DotExpander {
                field,
                path: c.optional_string("path")?,
                override_existing: c.boolean("override", false)?,
            }
        }
        "pipeline" => {
            let name = c.field("name")?;
            Action::Pipeline { name, ignore_missing_pipeline: c.boolean("ignore_missing_pipeline", false)? }
        }
        "fail" => Action::Fail { message: c.field("message")? },
        "drop" => Action::Drop,
        other if UNSUPPORTED.contains(&other) => {
            return Err(EsError::illegal_argument(format!(
                "the esops sandbox does not implement the [{other}] processor"
            ))
            .with("processor_type", other));
        }
        other => {
            return Err(
                EsError::parse(format!("No processor type exists with name [{other}]")).with("processor_type", other)
            );
        }
    })
}

/// Java's `$1` replacement syntax is Rust's too, except that Java reads `\$` as a literal dollar.
fn java_replacement(replacement: &str) -> String {
    replacement.replace("\\$", "$$")
}

/// Renders a field name or other string when it is a template; a plain string (most field
/// names) is used as it is, without a copy per document.
pub fn render<'t>(text: &'t str, doc: &IngestDocument) -> Cow<'t, str> {
    if mustache::is_template(text) { Cow::Owned(mustache::render(text, doc)) } else { Cow::Borrowed(text) }
}

fn render_value(value: &Value, doc: &IngestDocument) -> Value {
    match value {
        Value::String(s) => json!(render(s, doc)),
        Value::Array(items) => Value::Array(items.iter().map(|v| render_value(v, doc)).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (render(k, doc).into_owned(), render_value(v, doc))).collect())
        }
        other => other.clone(),
    }
}

/// The outcome of a processor that ran without failing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Go on with the next processor.
    Continue,
    /// The document was dropped.
    Dropped,
}

impl Processor {
    /// Runs every processor except `pipeline`, which needs the pipeline runner.
    pub fn execute(&self, doc: &mut IngestDocument, now_year: i32) -> EsResult<Flow> {
        match &self.action {
            Action::Set { field, value, copy_from, override_existing, ignore_empty_value } => {
                let field = render(field, doc);
                // A copied value is copied only once it is known to be set.
                let new_value = match (value, copy_from) {
                    (_, Some(source)) => match doc.lookup(source) {
                        Some(found) => Cow::Borrowed(found),
                        None if *ignore_empty_value => return Ok(Flow::Continue),
                        None => Cow::Borrowed(doc.get(source)?),
                    },
                    (Some(v), None) => Cow::Owned(render_value(v, doc)),
                    (None, None) => Cow::Owned(Value::Null),
                };
                let empty = new_value.is_null() || new_value.as_str() == Some("");
                if *ignore_empty_value && empty {
                    return Ok(Flow::Continue);
                }
                if !override_existing && doc.lookup(&field).is_some_and(|v| !v.is_null()) {
                    return Ok(Flow::Continue);
                }
                let new_value = new_value.into_owned();
                doc.set(&field, new_value)?;
            }
            Action::Append { field, value, allow_duplicates } => {
                let field = render(field, doc);
                let values = match render_value(value, doc) {
                    Value::Array(items) => items,
                    single => vec![single],
                };
                doc.append(&field, values, *allow_duplicates)?;
            }
            Action::Rename { field, target_field, ignore_missing, override_existing } => {
                let (field, target) = (render(field, doc), render(target_field, doc));
                if !doc.has(&field) {
                    if *ignore_missing {
                        return Ok(Flow::Continue);
                    }
                    return Err(EsError::illegal_argument(format!("field [{field}] doesn't exist")));
                }
                if doc.has(&target) && !override_existing {
                    return Err(EsError::illegal_argument(format!("field [{target}] already exists")));
                }
                let value = doc.remove(&field)?;
                if let Err((e, value)) = doc.set_or_return(&target, value) {
                    doc.set(&field, value)?;
                    return Err(e);
                }
            }
            Action::Remove { fields, keep, ignore_missing } => {
                if !keep.is_empty() {
                    let keep: Vec<Cow<'_, str>> = keep.iter().map(|k| render(k, doc)).collect();
                    let names: Vec<String> = doc.source().keys().cloned().collect();
                    for name in
                        names.iter().filter(|n| !keep.iter().any(|k| k == *n || k.starts_with(&format!("{n}."))))
                    {
                        doc.remove(name)?;
                    }
                    return Ok(Flow::Continue);
                }
                for field in fields {
                    let field = render(field, doc);
                    // ES's RemoveProcessor: a missing field is skipped when `ignore_missing`.
                    if *ignore_missing && !doc.has(&field) {
                        continue;
                    }
                    doc.remove(&field)?;
                }
            }
            Action::Transform { field, target_field, ignore_missing, transform } => {
                let field = render(field, doc);
                let value = match doc.lookup(&field) {
                    None | Some(Value::Null) if *ignore_missing => return Ok(Flow::Continue),
                    Some(found) => found,
                    None => doc.get(&field)?,
                };
                if value.is_null() {
                    match transform {
                        Transform::Json { .. } => {}
                        Transform::Convert(to) => {
                            return Err(EsError::illegal_argument(format!(
                                "Field [{field}] is null, cannot be converted to type [{to}]"
                            )));
                        }
                        _ => {
                            return Err(EsError::illegal_argument(format!(
                                "field [{field}] is null, cannot process it."
                            )));
                        }
                    }
                }
                let target = target_field.as_deref().map(|t| render(t, doc)).unwrap_or_else(|| field.clone());
                match transform_value(transform, &field, value, target == field)? {
                    Transformed::Set(result) => doc.set(&target, result)?,
                    Transformed::Unchanged => {}
                    Transformed::AddToRoot(map, merge) => {
                        for (k, v) in map {
                            let merged = match (doc.source_and_metadata.get(&k), merge) {
                                (Some(existing), true) => merge_maps(existing.clone(), v),
                                _ => v,
                            };
                            doc.source_and_metadata.insert(k, merged);
                        }
                    }
                    Transformed::Fields(extracted) => {
                        for (k, v) in extracted {
                            doc.set(&k, v)?;
                        }
                    }
                }
            }
            Action::Date { field, target_field, formats, timezone, output_format } => {
                let value = match doc.get(&render(field, doc))? {
                    Value::String(text) => Cow::Borrowed(text.as_str()),
                    other => Cow::Owned(java_string(other)),
                };
                let zone = match timezone {
                    Some(tz) => Zone::parse(&render(tz, doc)).map_err(EsError::illegal_argument)?,
                    None => Zone::utc(),
                };
                // The first format that reads the value wins; the error of the last one is what
                // ES reports when none does (written only then).
                let parsed = formats.iter().find_map(|f| f.read(&value, &zone, now_year));
                let Some(date) = parsed else {
                    let last = formats.last().map(|f| f.parse_date(&value, &zone, now_year));
                    let cause = EsError::illegal_argument(last.and_then(Result::err).unwrap_or_default());
                    return Err(EsError::illegal_argument(format!("unable to parse date [{value}]")).caused_by(cause));
                };
                // The parsed instant is shown in the processor's time zone.
                let shown = date.with_timezone(zone.at_utc_millis(date.timestamp_millis()).offset());
                let formatted = output_format.format(&shown);
                doc.set(&render(target_field, doc), json!(formatted))?;
            }
            Action::Join { field, separator, target_field } => {
                let field = render(field, doc);
                let Value::Array(items) = doc.get(&field)?.clone() else {
                    let v = doc.get(&field)?;
                    return Err(EsError::illegal_argument(format!(
                        "field [{field}] of type [{}] cannot be cast to [java.util.List]",
                        java_type(v)
                    )));
                };
                let joined = items.iter().map(java_string).collect::<Vec<_>>().join(separator);
                let target = target_field.as_deref().map(|t| render(t, doc)).unwrap_or(field);
                doc.set(&target, json!(joined))?;
            }
            Action::DotExpander { field, path, override_existing } => {
                dot_expand(doc, field, path.as_deref(), *override_existing)?
            }
            Action::Fail { message } => {
                return Err(EsError::new(500, "fail_processor_exception", render(message, doc)));
            }
            Action::Drop => return Ok(Flow::Dropped),
            Action::Pipeline { .. } => {}
        }
        Ok(Flow::Continue)
    }
}

fn cast_error(field: &str, value: &Value) -> EsError {
    EsError::illegal_argument(format!(
        "field [{field}] of type [{}] cannot be cast to [java.lang.String]",
        java_type(value)
    ))
}

/// Applies `f` to a string value, or to every element of a list of strings.
fn map_strings(field: &str, value: &Value, f: &dyn Fn(&str) -> EsResult<Value>) -> EsResult<Value> {
    match value {
        Value::String(s) => f(s),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => f(s),
                other => Err(cast_error(field, other)),
            })
            .collect::<EsResult<Vec<_>>>()
            .map(Value::Array),
        other => Err(cast_error(field, other)),
    }
}

/// What a single-field transformation makes of a value.
enum Transformed {
    /// The value to write to the target field.
    Set(Value),
    /// The same string, to be written where it is: nothing to do.
    Unchanged,
    /// `json` with `add_to_root`: the fields to add, and whether to merge them.
    AddToRoot(Map<String, Value>, bool),
    /// `dissect`: the fields it extracted.
    Fields(Map<String, Value>),
}

/// Transforms `value` (read from `field`) without touching the document, so that the value need
/// not be copied out of it; `in_place` says the result goes back to `field`.
fn transform_value(transform: &Transform, field: &str, value: &Value, in_place: bool) -> EsResult<Transformed> {
    let result = match transform {
        Transform::Lowercase => map_strings(field, value, &|s| Ok(json!(s.to_lowercase())))?,
        Transform::Uppercase => map_strings(field, value, &|s| Ok(json!(s.to_uppercase())))?,
        Transform::Trim => map_strings(field, value, &|s| Ok(json!(s.trim())))?,
        Transform::Gsub(pattern, replacement) => match value {
            // No match: the pattern pipelines use to test for a string (`^$`) changes nothing.
            Value::String(s) => match pattern.replace_all(s, replacement.as_str()) {
                Cow::Borrowed(_) if in_place => return Ok(Transformed::Unchanged),
                replaced => json!(replaced),
            },
            other => map_strings(field, other, &|s| Ok(json!(pattern.replace_all(s, replacement.as_str()))))?,
        },
        Transform::Split(separator, preserve_trailing) => {
            let Value::String(s) = value else { return Err(cast_error(field, value)) };
            let mut parts: Vec<&str> = separator.split(s).collect();
            if !preserve_trailing {
                // Java's String.split drops trailing empty strings.
                while parts.last() == Some(&"") {
                    parts.pop();
                }
            }
            json!(parts)
        }
        Transform::Convert(to) => match value {
            Value::Array(items) => Value::Array(items.iter().map(|v| convert(v, to)).collect::<EsResult<_>>()?),
            other => convert(other, to)?,
        },
        Transform::Json { add_to_root, merge, strict } => {
            // ES parses the value's `toString()`: numbers and booleans survive, objects do not.
            let parsed = parse_json(&java_string(value), *strict)?;
            if *add_to_root {
                let Value::Object(map) = parsed else {
                    return Err(EsError::illegal_argument("cannot add non-map fields to root of document"));
                };
                return Ok(Transformed::AddToRoot(map, *merge));
            }
            parsed
        }
        Transform::Dissect(pattern, separator) => {
            let Value::String(s) = value else { return Err(cast_error(field, value)) };
            let extracted = pattern.apply(s, separator).map_err(|m| EsError::new(500, "find_match", m))?;
            return Ok(Transformed::Fields(extracted));
        }
    };
    // Only strings: maps that are equal may still differ in their keys' order.
    match (&result, value) {
        (Value::String(new), Value::String(old)) if in_place && new == old => Ok(Transformed::Unchanged),
        _ => Ok(Transformed::Set(result)),
    }
}

fn merge_maps(existing: Value, update: Value) -> Value {
    match (existing, update) {
        (Value::Object(mut base), Value::Object(update)) => {
            for (k, v) in update {
                let merged = match base.remove(&k) {
                    Some(old) => merge_maps(old, v),
                    None => v,
                };
                base.insert(k, merged);
            }
            Value::Object(base)
        }
        (_, update) => update,
    }
}

/// The `json` processor's parsing: strict (the whole text) or lenient (the first value).
fn parse_json(text: &str, strict: bool) -> EsResult<Value> {
    if strict {
        return serde_json::from_str(text).map_err(|e| EsError::illegal_argument(e.to_string()));
    }
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    match stream.next() {
        Some(Ok(v)) => Ok(v),
        Some(Err(e)) => Err(EsError::illegal_argument(e.to_string())),
        None => Ok(Value::Null),
    }
}

/// `convert` for one value, with ES's messages.
fn convert(value: &Value, to: &str) -> EsResult<Value> {
    let text = java_string(value);
    let fail = || EsError::illegal_argument(format!("unable to convert [{text}] to {to}"));
    let decode = |s: &str| -> Option<i64> {
        let (negative, digits) = match s.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        // Java's `Long.decode`: `0x`/`#` hexadecimal, a leading `0` octal.
        let magnitude = if let Some(hex) =
            digits.strip_prefix("0x").or_else(|| digits.strip_prefix("0X")).or_else(|| digits.strip_prefix('#'))
        {
            i64::from_str_radix(hex, 16).ok()?
        } else if digits.len() > 1 && digits.starts_with('0') {
            i64::from_str_radix(&digits[1..], 8).ok()?
        } else {
            digits.parse::<i64>().ok()?
        };
        Some(if negative { -magnitude } else { magnitude })
    };
    Ok(match to {
        "integer" => json!(decode(&text).filter(|v| i32::try_from(*v).is_ok()).ok_or_else(fail)?),
        "long" => json!(decode(&text).ok_or_else(fail)?),
        "float" | "double" => {
            let f: f64 = text.trim().parse().map_err(|_| fail())?;
            if to == "float" {
                // A Java float prints with its own shortest digits (`1.1`, not `1.100000023841858`).
                let printed = (f as f32).to_string();
                let printed = if printed.contains(['.', 'e', 'E']) { printed } else { format!("{printed}.0") };
                serde_json::from_str::<Value>(&printed).map_err(|_| fail())?
            } else {
                json!(f)
            }
        }
        "boolean" => match text.to_lowercase().as_str() {
            "true" => json!(true),
            "false" => json!(false),
            _ => {
                return Err(EsError::illegal_argument(format!(
                    "[{text}] is not a boolean value, cannot convert to boolean"
                )));
            }
        },
        "string" => json!(text),
        "ip" => {
            if text.parse::<std::net::IpAddr>().is_err() {
                return Err(EsError::illegal_argument(format!("'{text}' is not an IP string literal.")));
            }
            json!(text)
        }
        _ => {
            let Value::String(s) = value else { return Ok(value.clone()) };
            ["boolean", "integer", "long", "float", "double"]
                .iter()
                .find_map(|t| convert(value, t).ok())
                .unwrap_or_else(|| json!(s))
        }
    })
}

/// `dot_expander`: `{"a.b": 1}` → `{"a": {"b": 1}}`, under `path` when given.
fn dot_expand(doc: &mut IngestDocument, field: &str, path: Option<&str>, override_existing: bool) -> EsResult<()> {
    let names: Vec<String> = {
        let container = match path {
            Some(p) => doc.get(p)?.as_object().cloned().unwrap_or_default(),
            None => doc.source(),
        };
        container.keys().filter(|k| k.contains('.') && (field == "*" || *k == field)).cloned().collect()
    };
    for name in names {
        let full = match path {
            Some(p) => format!("{p}.{name}"),
            None => name.clone(),
        };
        // Remove the dotted key from its container directly: a path lookup would split it.
        let value = match path {
            Some(p) => {
                let mut container = doc.get(p)?.clone();
                let v = container.as_object_mut().and_then(|m| m.remove(&name)).unwrap_or(Value::Null);
                doc.set(p, container)?;
                v
            }
            None => doc.source_and_metadata.remove(&name).unwrap_or(Value::Null),
        };
        match doc.get(&full) {
            Ok(existing) if !override_existing && !existing.is_null() => {
                let existing = existing.clone();
                let mut list = match existing {
                    Value::Array(items) => items,
                    other => vec![other],
                };
                list.push(value);
                doc.set(&full, Value::Array(list))?;
            }
            _ => doc.set(&full, value)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(source: Value) -> IngestDocument {
        IngestDocument::new(source.as_object().unwrap().clone(), Map::new(), "2024-01-01T00:00:00.000Z")
    }

    fn run(processor: Value, source: Value) -> EsResult<Value> {
        let processors = parse_list(&json!([processor]))?;
        let mut d = doc(source);
        processors[0].execute(&mut d, 2024)?;
        Ok(Value::Object(d.source()))
    }

    #[test]
    fn config_errors_match_es() {
        let e = parse_list(&json!([{"set": {"tag": "fritag"}}])).unwrap_err();
        let body = e.to_body()["error"].clone();
        assert_eq!(body["reason"], "[field] required property is missing");
        assert_eq!(
            (body["processor_type"].as_str(), body["processor_tag"].as_str(), body["property_name"].as_str()),
            (Some("set"), Some("fritag"), Some("field"))
        );
        let e = parse_list(&json!([{"set": {"field": "a"}}])).unwrap_err();
        assert_eq!(e.reason, "[value] required property is missing");
        assert!(e.to_body()["error"].get("processor_tag").is_none());
        for kind in PROCESSOR_TYPES {
            let e = parse_list(&json!([{*kind: {}}])).err().map(|e| e.reason).unwrap_or_default();
            assert!(!e.starts_with("No processor type"), "{kind} is listed but not run: {e}");
        }
        let e = parse_list(&json!([{"foo": {}}])).unwrap_err();
        assert_eq!(
            (e.kind.as_str(), e.reason.as_str()),
            ("parse_exception", "No processor type exists with name [foo]")
        );
        assert_eq!(e.metadata["processor_type"], "foo");
        let e = parse_list(&json!([{"set": {"field": "a", "value": 1, "bogus": 2}}])).unwrap_err();
        assert_eq!(e.reason, "processor [set] doesn't support one or more provided configuration parameters [bogus]");
        let e = parse_list(&json!([{"fail": {"message": "m", "on_failure": []}}])).unwrap_err();
        assert_eq!(e.reason, "[on_failure] processors list cannot be empty");
        let e = parse_list(&json!([{"set": {"field": "a", "value": 1, "if": "ctx.x"}}])).unwrap_err();
        assert!(e.reason.contains("cannot run Painless"));
        assert!(parse_list(&json!([{"script": {"source": "x"}}])).unwrap_err().reason.contains("[script] processor"));
        assert!(parse_list(&json!([{"grok": {"field": "m", "patterns": []}}])).unwrap_err().reason.contains("[grok]"));
        assert!(
            parse_list(&json!([{"dissect": {"field": "m", "pattern": "bad pattern"}}]))
                .unwrap_err()
                .reason
                .starts_with("Unable to parse pattern")
        );
    }

    #[test]
    fn set_with_templates_copy_and_override() {
        assert_eq!(run(json!({"set": {"field": "f", "value": "{{a}}-x"}}), json!({"a": "v"})).unwrap()["f"], "v-x");
        assert_eq!(
            run(
                json!({"set": {"field": "f", "value": "{{b}}", "ignore_empty_value": true}}),
                json!({"f": "keep", "b": ""})
            )
            .unwrap()["f"],
            "keep"
        );
        assert_eq!(
            run(json!({"set": {"field": "f", "value": 2, "override": false}}), json!({"f": 1})).unwrap()["f"],
            1
        );
        assert_eq!(
            run(json!({"set": {"field": "c", "copy_from": "o"}}), json!({"o": {"h": "w"}})).unwrap()["c"],
            json!({"h": "w"})
        );
        assert_eq!(run(json!({"set": {"field": "{{n}}", "value": 1}}), json!({"n": "dyn"})).unwrap()["dyn"], 1);
    }

    /// ES's `RenameProcessor` renders `field` and `target_field` as templates, then looks the
    /// rendered text up as a path: `{{message}}` names the field called after message's value.
    #[test]
    fn rename_renders_templated_field_names() {
        assert_eq!(
            run(
                json!({"rename": {"field": "{{which}}", "target_field": "{{to}}.x"}}),
                json!({"which": "a", "to": "b", "a": 1})
            )
            .unwrap(),
            json!({"which": "a", "to": "b", "b": {"x": 1}})
        );
        let e = run(
            json!({"rename": {"field": "{{message}}", "target_field": "event.original"}}),
            json!({"message": "test"}),
        )
        .unwrap_err();
        assert_eq!(e.reason, "field [test] doesn't exist");
        assert_eq!(
            run(
                json!({"rename": {"field": "{{foo}}", "target_field": "bar", "ignore_missing": true}}),
                json!({"m": 1})
            )
            .unwrap(),
            json!({"m": 1})
        );
        assert_eq!(
            run(
                json!({"rename": {"field": "{{which}}", "target_field": "event.original", "override": true}}),
                json!({"which": "m", "m": "new", "event": {"original": "old"}})
            )
            .unwrap(),
            json!({"which": "m", "event": {"original": "new"}})
        );
    }

    #[test]
    fn rename_remove_and_append() {
        assert_eq!(
            run(json!({"rename": {"field": "a", "target_field": "b.c"}}), json!({"a": 1})).unwrap(),
            json!({"b": {"c": 1}})
        );
        let e = run(json!({"rename": {"field": "x", "target_field": "y"}}), json!({})).unwrap_err();
        assert_eq!(e.reason, "field [x] doesn't exist");
        assert!(run(json!({"rename": {"field": "x", "target_field": "y", "ignore_missing": true}}), json!({})).is_ok());
        let e = run(json!({"rename": {"field": "a", "target_field": "b"}}), json!({"a": 1, "b": 2})).unwrap_err();
        assert_eq!(e.reason, "field [b] already exists");
        assert_eq!(
            run(json!({"remove": {"field": ["a", "b"]}}), json!({"a": 1, "b": 2, "c": 3})).unwrap(),
            json!({"c": 3})
        );
        assert_eq!(run(json!({"remove": {"keep": ["c"]}}), json!({"a": 1, "c": 3})).unwrap(), json!({"c": 3}));
        let e = run(json!({"remove": {"field": "zz"}}), json!({})).unwrap_err();
        assert_eq!(e.reason, "field [zz] not present as part of path [zz]");
        assert_eq!(
            run(json!({"append": {"field": "l", "value": ["b", "c"]}}), json!({"l": "a"})).unwrap()["l"],
            json!(["a", "b", "c"])
        );
    }

    #[test]
    fn string_processors() {
        assert_eq!(run(json!({"uppercase": {"field": "f"}}), json!({"f": "ab"})).unwrap()["f"], "AB");
        assert_eq!(
            run(json!({"lowercase": {"field": "f", "target_field": "g"}}), json!({"f": "AB"})).unwrap()["g"],
            "ab"
        );
        assert_eq!(run(json!({"trim": {"field": "f"}}), json!({"f": ["  a ", "b "]})).unwrap()["f"], json!(["a", "b"]));
        let e = run(json!({"uppercase": {"field": "foo"}}), json!({"not_foo": "bar"})).unwrap_err();
        assert_eq!(
            (e.kind.as_str(), e.reason.as_str()),
            ("illegal_argument_exception", "field [foo] not present as part of path [foo]")
        );
        let e = run(json!({"uppercase": {"field": "n"}}), json!({"n": 1})).unwrap_err();
        assert_eq!(e.reason, "field [n] of type [java.lang.Integer] cannot be cast to [java.lang.String]");
        assert_eq!(
            run(json!({"gsub": {"field": "f", "pattern": "-", "replacement": "."}}), json!({"f": "127-0-0-1"}))
                .unwrap()["f"],
            "127.0.0.1"
        );
        assert_eq!(
            run(json!({"split": {"field": "f", "separator": "-"}}), json!({"f": "a-b-"})).unwrap()["f"],
            json!(["a", "b"])
        );
        assert_eq!(run(json!({"join": {"field": "f", "separator": "-"}}), json!({"f": ["1", 2]})).unwrap()["f"], "1-2");
    }

    /// A string gsub leaves unchanged is not written back: the document is as it was.
    #[test]
    fn gsub_without_a_match_leaves_the_document_alone() {
        let out = run(json!({"gsub": {"field": "m", "pattern": "^$", "replacement": ""}}), json!({"m": "x", "n": 1}))
            .unwrap();
        assert_eq!(out, json!({"m": "x", "n": 1}));
        let e = run(json!({"gsub": {"field": "m", "pattern": "^$", "replacement": ""}}), json!({"m": 1})).unwrap_err();
        assert_eq!(e.reason, "field [m] of type [java.lang.Integer] cannot be cast to [java.lang.String]");
    }

    /// Handlers that cannot read the failure's metadata run without it; those that can see it.
    #[test]
    fn handlers_that_read_ingest_metadata_are_known() {
        let reads = |config: Value| parse_list(&json!([config])).unwrap()[0].reads_ingest_metadata;
        assert!(!reads(json!({"set": {"field": "route", "value": "record"}})));
        assert!(reads(json!({"set": {"field": "m", "value": "{{_ingest.on_failure_message}}"}})));
        assert!(reads(json!({"set": {"field": "m", "copy_from": "_ingest.on_failure_message"}})));
        assert!(reads(json!({"set": {"field": "{{which}}", "value": 1}})));
        assert!(reads(json!({"pipeline": {"name": "p"}})));
        assert!(reads(
            json!({"rename": {"field": "a", "target_field": "b", "on_failure": [{"pipeline": {"name": "p"}}]}})
        ));
    }

    #[test]
    fn convert_types() {
        let conv = |to: &str, v: Value| {
            run(json!({"convert": {"field": "f", "type": to}}), json!({"f": v})).map(|d| d["f"].clone())
        };
        assert_eq!(conv("integer", json!(["127", "0"])).unwrap(), json!([127, 0]));
        assert_eq!(conv("integer", json!("0x10")).unwrap(), json!(16));
        assert_eq!(conv("float", json!("1.5")).unwrap(), json!(1.5));
        assert_eq!(conv("float", json!("1.1")).unwrap(), json!(1.1));
        assert_eq!(conv("integer", json!("010")).unwrap(), json!(8));
        assert_eq!(conv("boolean", json!("TRUE")).unwrap(), json!(true));
        assert_eq!(conv("string", json!(5)).unwrap(), json!("5"));
        assert_eq!(conv("auto", json!("12")).unwrap(), json!(12));
        assert_eq!(conv("auto", json!("x")).unwrap(), json!("x"));
        assert_eq!(conv("integer", json!("bar")).unwrap_err().reason, "unable to convert [bar] to integer");
        assert_eq!(
            conv("boolean", json!("yes")).unwrap_err().reason,
            "[yes] is not a boolean value, cannot convert to boolean"
        );
        assert_eq!(conv("ip", json!("1.2.3")).unwrap_err().reason, "'1.2.3' is not an IP string literal.");
    }

    #[test]
    fn json_processor() {
        assert_eq!(
            run(json!({"json": {"field": "f"}}), json!({"f": "{\"hello\": \"world\"}"})).unwrap()["f"],
            json!({"hello": "world"})
        );
        assert_eq!(run(json!({"json": {"field": "f"}}), json!({"f": 3})).unwrap()["f"], json!(3));
        assert_eq!(
            run(json!({"json": {"field": "f", "target_field": "t"}}), json!({"f": "true"})).unwrap()["t"],
            json!(true)
        );
        let merged = run(
            json!({"json": {"field": "j", "add_to_root": true, "add_to_root_conflict_strategy": "merge"}}),
            json!({"j": "{\"foo\": {\"bar\": \"baz\"}}", "foo": {"bar": "old", "qux": "quux"}}),
        )
        .unwrap();
        assert_eq!(merged["foo"], json!({"bar": "baz", "qux": "quux"}));
        assert_eq!(
            run(json!({"json": {"field": "m", "strict_json_parsing": false}}), json!({"m": "123 foo"})).unwrap()["m"],
            json!(123)
        );
        assert!(run(json!({"json": {"field": "m"}}), json!({"m": "{bad"})).is_err());
        assert!(parse_list(&json!([{"json": {"field": "f", "target_field": "t", "add_to_root": true}}])).is_err());
    }

    #[test]
    fn date_processor() {
        let out = run(
            json!({"date": {"field": "d", "target_field": "t", "formats": ["dd/MM/yyyy"], "timezone": "+02:00"}}),
            json!({"d": "12/06/2010"}),
        )
        .unwrap();
        assert_eq!(out["t"], "2010-06-12T00:00:00.000+02:00");
        let out = run(
            json!({"date": {"field": "d", "formats": ["ISO8601"], "timezone": "+01:00"}}),
            json!({"d": "2010-06-01T00:00:00.000Z"}),
        )
        .unwrap();
        assert_eq!(out["@timestamp"], "2010-06-01T01:00:00.000+01:00");
        let out = run(
            json!({"date": {"field": "d", "formats": ["yyyy-MM-dd HH:mm:ss,SSS"], "output_format": "yyyy/MM/dd"}}),
            json!({"d": "2024-03-15 10:20:30,123"}),
        )
        .unwrap();
        assert_eq!(out["@timestamp"], "2024/03/15");
        let e = run(json!({"date": {"field": "d", "formats": ["yyyy"]}}), json!({"d": "nope"})).unwrap_err();
        assert_eq!(e.reason, "unable to parse date [nope]");
        let e = run(json!({"date": {"field": "date", "formats": ["yyyy"]}}), json!({})).unwrap_err();
        assert_eq!(e.reason, "field [date] not present as part of path [date]");
    }

    #[test]
    fn dissect_dot_expander_fail_and_drop() {
        let out = run(json!({"dissect": {"field": "m", "pattern": "%{a} %{b}"}}), json!({"m": "x y"})).unwrap();
        assert_eq!((out["a"].as_str(), out["b"].as_str()), (Some("x"), Some("y")));
        let e = run(json!({"dissect": {"field": "m", "pattern": "%{a},%{b}"}}), json!({"m": "x y"})).unwrap_err();
        assert_eq!(e.reason, "Unable to find match for dissect pattern: %{a},%{b} against source: x y");
        assert_eq!(
            run(json!({"dot_expander": {"field": "a.b"}}), json!({"a.b": 1, "a": {"c": 2}})).unwrap(),
            json!({"a": {"c": 2, "b": 1}})
        );
        assert_eq!(run(json!({"dot_expander": {"field": "*"}}), json!({"x.y": 1})).unwrap(), json!({"x": {"y": 1}}));
        assert!(parse_list(&json!([{"dot_expander": {"field": "nodot"}}])).is_err());
        let e = run(json!({"fail": {"message": "bad {{f}}"}}), json!({"f": "thing"})).unwrap_err();
        assert_eq!((e.kind.as_str(), e.reason.as_str()), ("fail_processor_exception", "bad thing"));
        let processors = parse_list(&json!([{"drop": {}}])).unwrap();
        assert_eq!(processors[0].execute(&mut doc(json!({})), 2024).unwrap(), Flow::Dropped);
    }
}
