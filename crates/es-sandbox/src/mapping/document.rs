//! Parsing one document against an index's mappings, as ES's `DocumentParser` does: every value
//! goes through its field's type (or is mapped dynamically first), and the document is either
//! accepted — with the mapping update it caused and the fields it ignored — or refused with
//! ES's error.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde_json::{Map, Value, json};

use super::dynamic::{DynamicRules, DynamicType, NewField};
use super::limits::{Limits, check_new_fields};
use super::types::{field_type, is_object_type, java_value, member};
use super::values::{Accepted, accept_scalar, accept_scalar_of_type};
use crate::error::EsError;
use crate::version::EsVersion;

/// A document the mapping accepted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedDocument {
    /// The index's whole new mapping, when the document added fields (dynamic mapping) or fixed
    /// a `constant_keyword`'s value.
    pub mapping_update: Option<Value>,
    /// Fields ES lists under `_ignored` (`ignore_malformed`, `ignore_above`, fields beyond the
    /// total-fields limit).
    pub ignored: Vec<String>,
}

/// One step of the JSON path to a value, to find where ES's parser would stand.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// `dynamic` of an object mapper, inherited by objects that do not set it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Dynamic {
    True,
    False,
    Strict,
    Runtime,
}

impl Dynamic {
    fn of(def: &Value, inherited: Dynamic) -> Dynamic {
        match member(def, "dynamic") {
            Some(Value::Bool(true)) => Dynamic::True,
            Some(Value::Bool(false)) => Dynamic::False,
            Some(Value::String(s)) => match s.as_str() {
                "true" => Dynamic::True,
                "false" => Dynamic::False,
                "strict" => Dynamic::Strict,
                "runtime" => Dynamic::Runtime,
                _ => inherited,
            },
            _ => inherited,
        }
    }
}

/// An object being parsed: its path, its mapping, its `dynamic`. Mappings are borrowed from the
/// index (`'m`): parsing a document clones nothing of them but the fields the document itself
/// adds.
struct Scope<'s, 'm> {
    /// The object's place: the object it is in and its name; `None` for the root.
    path: Option<FieldPath<'s, 'm>>,
    def: Option<Cow<'m, Value>>,
    dynamic: Dynamic,
    /// Inside an object that `dynamic: runtime` did not map: fields become runtime fields.
    unmapped: bool,
}

impl<'m> Scope<'_, 'm> {
    fn child_path<'a>(&'a self, name: &'a str) -> FieldPath<'a, 'm> {
        FieldPath { parent: self, name }
    }

    /// ES names the root object `_doc` in its messages.
    fn display_name(&self) -> String {
        self.path.map_or_else(|| "_doc".to_string(), |path| path.to_string())
    }
}

/// The full path of a field, joined only when a message, a record or a lookup needs it: most
/// values parse without any of them.
#[derive(Clone, Copy)]
struct FieldPath<'a, 'm> {
    /// The field's object.
    parent: &'a Scope<'a, 'm>,
    name: &'a str,
}

impl fmt::Display for FieldPath<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent.path {
            write!(f, "{parent}.")?;
        }
        f.write_str(self.name)
    }
}

/// Why a document is refused, before it is framed for the emulated version.
enum Failure {
    /// A `DocumentParsingException`/`MapperParsingException` with its own reason.
    Parsing { reason: String, cause: Option<EsError> },
    /// A field that reads text found an object: Jackson's "Can't get text on a START_OBJECT",
    /// whose column is known once the refusal's path is.
    NoText { reason: String },
    /// `StrictDynamicMappingException`.
    Strict(String),
    /// Any other exception, which ES wraps ("failed to parse: …").
    Other(EsError),
}

struct Refusal {
    /// Where the refused value stands in the source. Each object and array adds its step while
    /// the refusal travels out of it, so that a document that parses builds no path at all.
    at: Vec<Step>,
    failure: Failure,
}

impl Refusal {
    fn within(mut self, step: Step) -> Refusal {
        self.at.insert(0, step);
        self
    }
}

fn refuse(failure: Failure) -> Refusal {
    Refusal { at: Vec::new(), failure }
}

/// The dynamic templates an index request names for new fields (`_bulk`'s `dynamic_templates`):
/// full field path → template name.
pub type RequestedTemplates = BTreeMap<String, String>;

/// Parses `source` (document `id`) against `mapping`; see [`ParsedDocument`]. `requested`
/// names the dynamic template of new fields by path.
pub fn parse_document(
    mapping: &Value,
    limits: &Limits,
    version: EsVersion,
    id: &str,
    source: &Value,
    requested: &RequestedTemplates,
) -> Result<ParsedDocument, EsError> {
    let mut parser = DocumentParser {
        requested,
        rules: None,
        root: mapping,
        limits,
        id,
        added: Vec::new(),
        added_defs: HashMap::new(),
        ignored: Vec::new(),
        copies: Vec::new(),
        nested_docs: 0,
    };
    let root = Scope {
        path: None,
        def: Some(Cow::Borrowed(mapping)),
        dynamic: Dynamic::of(mapping, Dynamic::True),
        unmapped: false,
    };
    let outcome = match source.as_object() {
        Some(fields) => parser.parse_object(&root, fields).and_then(|()| parser.parse_copies(&root)),
        None => Ok(()),
    };
    if let Err(refusal) = outcome {
        return Err(frame(refusal, version, source));
    }
    let new_fields: usize = parser.added.iter().map(|(_, f)| count_fields(&f.def)).sum();
    let mut ignored = std::mem::take(&mut parser.ignored);
    let added = match check_new_fields(mapping, limits, version, new_fields) {
        Ok(()) => parser.added,
        Err(_) if limits.ignore_dynamic_beyond_limit => {
            // `index.mapping.total_fields.ignore_dynamic_beyond_limit`: the fields that fit are
            // mapped, the others listed in `_ignored`.
            let mut room = limits.total_fields.saturating_sub(super::types::total_fields(mapping));
            let mut kept = Vec::new();
            for (path, field) in parser.added {
                let n = count_fields(&field.def);
                if n <= room {
                    room -= n;
                    kept.push((path, field));
                } else {
                    ignored.push(path.join("."));
                }
            }
            kept
        }
        Err(e) => return Err(frame(refuse(Failure::Other(e)), version, source)),
    };
    if added.is_empty() {
        return Ok(ParsedDocument { mapping_update: None, ignored });
    }
    let mut updated = mapping.clone();
    for (path, field) in added {
        apply(&mut updated, &path, field);
    }
    if let Err(e) = super::limits::check(&updated, limits, version) {
        return Err(frame(refuse(Failure::Other(e)), version, source));
    }
    Ok(ParsedDocument { mapping_update: Some(updated), ignored })
}

/// Fields a new mapping entry adds to the total (itself, its multi-fields, its properties).
fn count_fields(def: &Value) -> usize {
    1 + def.get("fields").and_then(Value::as_object).map_or(0, Map::len)
}

/// Adds one dynamic field (or a runtime field, or a `constant_keyword` value) to the mapping.
fn apply(mapping: &mut Value, path: &[String], field: NewField) {
    if field.runtime {
        let runtime = mapping.as_object_mut().map(|m| m.entry("runtime").or_insert_with(|| json!({})));
        if let Some(Value::Object(r)) = runtime {
            r.insert(path.join("."), field.def);
        }
        return;
    }
    let mut node = mapping;
    for (i, name) in path.iter().enumerate() {
        let Some(obj) = node.as_object_mut() else { return };
        let props = obj.entry("properties").or_insert_with(|| json!({}));
        let Some(props) = props.as_object_mut() else { return };
        if i + 1 == path.len() {
            match props.get_mut(name) {
                // A `constant_keyword` whose value the document fixed.
                Some(existing) if field_type(existing) == "constant_keyword" => {
                    existing["value"] = field.def["value"].clone();
                }
                _ => {
                    props.insert(name.clone(), field.def);
                }
            }
            return;
        }
        node = props.entry(name.clone()).or_insert_with(|| json!({}));
    }
}

/// Frames a refusal as the emulated version reports it: 8.x/9.x `document_parsing_exception`
/// with the parser's `[line:column]`, 7.17 `mapper_parsing_exception` without it
/// (`DocumentParser#wrapInDocumentParsingException` / `wrapInMapperParsingException`).
fn frame(refusal: Refusal, version: EsVersion, source: &Value) -> EsError {
    let modern = version.major >= 8;
    let location = if modern {
        let column = locate(source, &refusal.at);
        format!("[1:{column}] ")
    } else {
        String::new()
    };
    let kind = if modern { "document_parsing_exception" } else { "mapper_parsing_exception" };
    let mut error = match refusal.failure {
        Failure::Parsing { reason, cause } => {
            let e = EsError::new(400, kind, format!("{location}{reason}"));
            match cause {
                Some(c) => e.caused_by(c),
                None => e,
            }
        }
        Failure::NoText { reason } => {
            let column = locate(source, &refusal.at);
            let cause =
                EsError::new(400, "illegal_state_exception", format!("Can't get text on a START_OBJECT at 1:{column}"));
            EsError::new(400, kind, format!("{location}{reason}")).caused_by(cause)
        }
        Failure::Strict(reason) => EsError::new(400, "strict_dynamic_mapping_exception", format!("{location}{reason}")),
        // 7.17 sends the total-fields limit back from the master's mapping update, unwrapped.
        Failure::Other(e) if !modern && e.reason.starts_with("Limit of total fields") => return e,
        Failure::Other(e) => {
            let reason =
                if modern { format!("{location}failed to parse: {}", e.reason) } else { "failed to parse".into() };
            EsError::new(400, kind, reason).caused_by(e)
        }
    };
    error.root_of_causes = true;
    error
}

/// The 1-based column at which Jackson stands on the value at `path` in the compact JSON of
/// `source` (what ES parses after an ingest pipeline re-serialized the document, and what
/// clients send unformatted).
fn locate(source: &Value, path: &[Step]) -> usize {
    let width = |v: &Value| serde_json::to_string(v).map_or(0, |s| s.chars().count());
    let mut column = 1;
    let mut node = source;
    for step in path {
        match (step, node) {
            (Step::Key(key), Value::Object(map)) => {
                column += 1; // `{`
                for (k, v) in map {
                    let key_width = width(&json!(k)) + 1; // `"k":`
                    if k == key {
                        column += key_width;
                        break;
                    }
                    column += key_width + width(v) + 1; // `,`
                }
                match map.get(key) {
                    Some(v) => node = v,
                    None => return column,
                }
            }
            (Step::Index(i), Value::Array(items)) => {
                column += 1; // `[`
                for item in items.iter().take(*i) {
                    column += width(item) + 1;
                }
                match items.get(*i) {
                    Some(v) => node = v,
                    None => return column,
                }
            }
            _ => return column,
        }
    }
    column
}

struct DocumentParser<'m> {
    requested: &'m RequestedTemplates,
    root: &'m Value,
    /// Read from the root mapping when the document has a field the mapping lacks.
    rules: Option<DynamicRules<'m>>,
    limits: &'m Limits,
    id: &'m str,
    /// Dynamic additions in the order they happened: path components and definition.
    added: Vec<(Vec<String>, NewField)>,
    /// The definitions of fields this document added (or changed), by full path, so that a
    /// later value of the same field parses against them.
    added_defs: HashMap<String, Value>,
    ignored: Vec<String>,
    /// `copy_to`: target path and value, parsed after the document.
    copies: Vec<(String, Value)>,
    nested_docs: usize,
}

type Parse = Result<(), Refusal>;

impl<'m> DocumentParser<'m> {
    fn rules(&mut self) -> &DynamicRules<'m> {
        self.rules.get_or_insert_with(|| DynamicRules::from_root(self.root))
    }

    fn parse_object(&mut self, scope: &Scope, fields: &Map<String, Value>) -> Parse {
        for (key, value) in fields {
            self.parse_key(scope, key, value).map_err(|r| r.within(Step::Key(key.clone())))?;
        }
        Ok(())
    }

    /// A key of the document: dotted names are objects (`DocumentParser#parseObject`, with
    /// `subobjects: true`).
    fn parse_key(&mut self, scope: &Scope, key: &str, value: &Value) -> Parse {
        if key.is_empty() {
            return Err(refuse(Failure::Other(EsError::illegal_argument("field name cannot be an empty string"))));
        }
        if key.chars().all(char::is_whitespace) {
            return Err(refuse(Failure::Other(EsError::illegal_argument("field name cannot contain only whitespace"))));
        }
        // Keys are short: a plain scan finds the dot sooner than `split_once`'s searcher.
        let Some(dot) = key.bytes().position(|b| b == b'.') else {
            return self.parse_field(scope, key, value);
        };
        let (head, rest) = (&key[..dot], &key[dot + 1..]);
        if head.is_empty() || rest.is_empty() || rest.split('.').any(str::is_empty) {
            return Err(refuse(Failure::Other(EsError::illegal_argument(format!(
                "field name cannot contain only dots or begin/end with a dot: [{key}]"
            )))));
        }
        let def = self.lookup(scope, head);
        match def.as_deref().map(field_type) {
            Some(t) if !is_object_type(t) && t != "flattened" => {
                Err(refuse(Failure::Other(EsError::illegal_argument(format!(
                    "Could not dynamically add mapping for field [{}]. Existing mapping for [{}] must be of type object but found [{t}].",
                    scope.child_path(key),
                    scope.child_path(head)
                )))))
            }
            _ => {
                let mut wrapped = Map::new();
                wrapped.insert(rest.to_string(), value.clone());
                self.parse_field(scope, head, &Value::Object(wrapped))
            }
        }
    }

    /// The mapping of `name` in `scope`: static, or added earlier by this document.
    fn lookup(&self, scope: &Scope<'_, 'm>, name: &str) -> Option<Cow<'m, Value>> {
        if !self.added_defs.is_empty()
            && let Some(def) = self.added_defs.get(&scope.child_path(name).to_string())
        {
            return Some(Cow::Owned(def.clone()));
        }
        match scope.def.as_ref()? {
            Cow::Borrowed(def) => member(member(def, "properties")?, name).map(Cow::Borrowed),
            Cow::Owned(def) => member(member(def, "properties")?, name).cloned().map(Cow::Owned),
        }
    }

    fn is_runtime_field(&self, path: FieldPath) -> bool {
        let path = path.to_string();
        self.root.get("runtime").and_then(|r| r.get(&path)).is_some()
            || self.added_defs.contains_key(&format!("runtime:{path}"))
    }

    fn parse_field(&mut self, scope: &Scope, name: &str, value: &Value) -> Parse {
        let path = scope.child_path(name);
        match value {
            Value::Null => Ok(()),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.parse_field(scope, name, item).map_err(|r| r.within(Step::Index(i)))?;
                }
                Ok(())
            }
            Value::Object(fields) => {
                let Some(def) = self.lookup(scope, name) else {
                    return self.dynamic_object(scope, name, fields);
                };
                match field_type(&def) {
                    t if is_object_type(t) => {
                        if t == "nested" {
                            self.count_nested_doc()?;
                        }
                        if member(&def, "enabled").is_some_and(|e| e == &json!(false) || e == "false") {
                            return Ok(());
                        }
                        let child = Scope {
                            path: Some(path),
                            dynamic: Dynamic::of(&def, scope.dynamic),
                            def: Some(def),
                            unmapped: false,
                        };
                        self.parse_object(&child, fields)
                    }
                    "flattened" => self.parse_flattened(path, &def, value),
                    t => self.parse_leaf(path, &def, t, value),
                }
            }
            scalar => match self.lookup(scope, name) {
                Some(def) => match field_type(&def) {
                    t if is_object_type(t) => Err(refuse(Failure::Parsing {
                        reason: format!(
                            "object mapping for [{path}] tried to parse field [{name}] as object, but found a concrete value"
                        ),
                        cause: None,
                    })),
                    t => self.parse_leaf(path, &def, t, scalar),
                },
                None if self.is_runtime_field(path) => Ok(()),
                None => self.dynamic_value(scope, name, scalar),
            },
        }
    }

    /// `index.mapping.nested_objects.limit`, per document.
    fn count_nested_doc(&mut self) -> Parse {
        self.nested_docs += 1;
        if self.nested_docs as u64 > self.limits.nested_objects {
            return Err(refuse(Failure::Other(EsError::illegal_argument(format!(
                "The number of nested documents has exceeded the allowed limit of [{}]. This limit can be set by changing the [index.mapping.nested_objects.limit] index level setting.",
                self.limits.nested_objects
            )))));
        }
        Ok(())
    }

    /// `StrictDynamicMappingException`.
    fn strict(&self, scope: &Scope, name: &str) -> Refusal {
        refuse(Failure::Strict(format!(
            "mapping set to strict, dynamic introduction of [{name}] within [{}] is not allowed",
            scope.display_name()
        )))
    }

    fn dynamic_object(&mut self, scope: &Scope, name: &str, fields: &Map<String, Value>) -> Parse {
        let path = scope.child_path(name);
        let dynamic = if scope.unmapped { Dynamic::Runtime } else { scope.dynamic };
        match dynamic {
            Dynamic::Strict => Err(self.strict(scope, name)),
            Dynamic::False => Ok(()),
            Dynamic::Runtime => {
                // No object mapper: the object's leaves become runtime fields named by full path.
                let child = Scope { path: Some(path), def: None, dynamic, unmapped: true };
                self.parse_object(&child, fields)
            }
            Dynamic::True => {
                let field = self.new_field(name, path, &DynamicType::Object, false)?;
                let def = field.def.clone();
                if !is_object_type(field_type(&def)) {
                    // A template mapped the object to a concrete type (e.g. flattened).
                    self.add(scope, name, field);
                    return match field_type(&def) {
                        "flattened" => self.parse_flattened(path, &def, &Value::Object(fields.clone())),
                        t => self.parse_leaf(path, &def, t, &Value::Object(fields.clone())),
                    };
                }
                self.add(scope, name, field);
                let child = Scope {
                    path: Some(path),
                    dynamic: Dynamic::of(&def, scope.dynamic),
                    def: Some(Cow::Owned(def)),
                    unmapped: false,
                };
                self.parse_object(&child, fields)
            }
        }
    }

    fn dynamic_value(&mut self, scope: &Scope, name: &str, value: &Value) -> Parse {
        let path = scope.child_path(name);
        let dynamic = if scope.unmapped { Dynamic::Runtime } else { scope.dynamic };
        match dynamic {
            Dynamic::Strict => Err(self.strict(scope, name)),
            Dynamic::False => Ok(()),
            Dynamic::True | Dynamic::Runtime => {
                let kind = self.rules().detect(value);
                let field = self.new_field(name, path, &kind, dynamic == Dynamic::Runtime)?;
                let def = field.def.clone();
                let runtime = field.runtime;
                self.add(scope, name, field);
                if runtime { Ok(()) } else { self.parse_leaf(path, &def, field_type(&def), value) }
            }
        }
    }

    /// The mapping of a new field: the dynamic template the request names for its path, else
    /// the first one matching, else ES's default.
    fn new_field(
        &mut self,
        name: &str,
        path: FieldPath,
        kind: &DynamicType,
        runtime: bool,
    ) -> Result<NewField, Refusal> {
        let path = path.to_string();
        match self.requested.get(&path) {
            Some(template) => self
                .rules()
                .mapping_from_named(template, name, &path, kind, runtime)
                .map_err(|reason| refuse(Failure::Other(EsError::new(400, "mapper_parsing_exception", reason)))),
            None => Ok(self.rules().mapping_for(name, &path, kind, runtime)),
        }
    }

    /// Records a dynamic addition so that the rest of the document sees it.
    fn add(&mut self, scope: &Scope, name: &str, field: NewField) {
        let path = scope.child_path(name).to_string();
        let components: Vec<String> =
            if field.runtime { vec![path.clone()] } else { path.split('.').map(str::to_string).collect() };
        let key = if field.runtime { format!("runtime:{path}") } else { path };
        self.added_defs.insert(key, field.def.clone());
        self.added.push((components, field));
    }

    /// A value for a concrete field (`FieldMapper#parse`), with its multi-fields and `copy_to`.
    fn parse_leaf(&mut self, path: FieldPath, def: &Value, field_type: &str, value: &Value) -> Parse {
        match field_type {
            "alias" => {
                return Err(refuse(Failure::Other(EsError::illegal_argument(format!(
                    "Cannot write to a field alias [{path}]."
                )))));
            }
            "constant_keyword" => return self.parse_constant_keyword(path, def, value),
            "flattened" => return self.parse_flattened(path, def, value),
            _ => {}
        }
        if value.is_object() {
            return Err(self.no_text(path, def, value));
        }
        match accept_scalar_of_type(def, field_type, value, self.limits.coerce) {
            Ok(Accepted::Indexed) => {}
            Ok(Accepted::IgnoredAbove) => self.ignore(path),
            Err(cause) => {
                if self.ignores_malformed(def) {
                    self.ignore(path);
                    return Ok(());
                }
                return Err(self.field_failure(path, def, value, cause));
            }
        }
        for (sub, sub_def) in member(def, "fields").and_then(Value::as_object).into_iter().flatten() {
            let sub_path = || format!("{path}.{sub}");
            match accept_scalar(sub_def, value, self.limits.coerce) {
                Ok(Accepted::Indexed) => {}
                Ok(Accepted::IgnoredAbove) => self.ignore(sub_path()),
                Err(_) if self.ignores_malformed(sub_def) => self.ignore(sub_path()),
                Err(cause) => return Err(self.field_failure(sub_path(), sub_def, value, cause)),
            }
        }
        for target in copy_targets(def) {
            self.copies.push((target, value.clone()));
        }
        Ok(())
    }

    fn ignore(&mut self, path: impl fmt::Display) {
        let path = path.to_string();
        if !self.ignored.contains(&path) {
            self.ignored.push(path);
        }
    }

    /// `ignore_malformed` of the field, defaulting to `index.mapping.ignore_malformed`, for the
    /// types that have the parameter.
    fn ignores_malformed(&self, def: &Value) -> bool {
        let supported = matches!(
            field_type(def),
            "long"
                | "integer"
                | "short"
                | "byte"
                | "double"
                | "float"
                | "half_float"
                | "scaled_float"
                | "unsigned_long"
                | "date"
                | "date_nanos"
                | "ip"
                | "boolean"
        );
        supported
            && def.get("ignore_malformed").map_or(self.limits.ignore_malformed, |v| v == &json!(true) || v == "true")
    }

    /// "failed to parse field [%s] of type [%s] in document with id '%s'. Preview of field's
    /// value: '%s'" (`FieldMapper#parse`).
    fn field_failure(&self, path: impl fmt::Display, def: &Value, value: &Value, cause: EsError) -> Refusal {
        refuse(Failure::Parsing { reason: self.failure_reason(path, def, value), cause: Some(cause) })
    }

    fn failure_reason(&self, path: impl fmt::Display, def: &Value, value: &Value) -> String {
        format!(
            "failed to parse field [{path}] of type [{}] in document with id '{}'. Preview of field's value: '{}'",
            field_type(def),
            self.id,
            java_value(value)
        )
    }

    /// An object where a field reads text: Jackson's "Can't get text on a START_OBJECT".
    fn no_text(&self, path: FieldPath, def: &Value, value: &Value) -> Refusal {
        refuse(Failure::NoText { reason: self.failure_reason(path, def, value) })
    }

    /// `ConstantKeywordFieldMapper#parseCreateField`: the first value fixes the mapping's
    /// `value`; every other must equal it.
    fn parse_constant_keyword(&mut self, path: FieldPath, def: &Value, value: &Value) -> Parse {
        let Some(text) = super::values::scalar_text(value) else {
            return Err(self.no_text(path, def, value));
        };
        match def.get("value").and_then(Value::as_str) {
            Some(expected) if expected == text => Ok(()),
            Some(expected) => Err(refuse(Failure::Other(EsError::illegal_argument(format!(
                "[constant_keyword] field [{path}] only accepts values that are equal to the value defined in the mappings [{expected}], but got [{text}]"
            ))))),
            None => {
                let mut fixed = def.clone();
                fixed["value"] = json!(text);
                let path = path.to_string();
                let components = path.split('.').map(str::to_string).collect();
                self.added_defs.insert(path, fixed.clone());
                self.added.push((components, NewField { def: fixed, runtime: false, template: None }));
                Ok(())
            }
        }
    }

    /// `FlattenedFieldParser`: an object (depth at most `depth_limit`, leaves over `ignore_above`
    /// ignored).
    fn parse_flattened(&mut self, path: FieldPath, def: &Value, value: &Value) -> Parse {
        if !value.is_object() {
            return Err(self.field_failure(
                path,
                def,
                value,
                EsError::new(
                    400,
                    "parsing_exception",
                    format!(
                        "Failed to parse object: expecting token of type [START_OBJECT] but found [{}]",
                        crate::xcontent::token_name(value)
                    ),
                ),
            ));
        }
        let limit = member(def, "depth_limit").and_then(Value::as_u64).unwrap_or(20);
        if depth(value) > limit {
            return Err(refuse(Failure::Other(EsError::illegal_argument(format!(
                "The provided [flattened] field [{path}] exceeds the maximum depth limit of [{limit}]."
            )))));
        }
        Ok(())
    }

    fn parse_copies(&mut self, root: &Scope) -> Parse {
        let copies = std::mem::take(&mut self.copies);
        for (target, value) in copies {
            let components: Vec<&str> = target.split('.').collect();
            let mut doc = value;
            for name in components.iter().rev() {
                let mut m = Map::new();
                m.insert(name.to_string(), doc);
                doc = Value::Object(m);
            }
            if let Value::Object(fields) = doc {
                self.parse_object(root, &fields)?;
            }
        }
        Ok(())
    }
}

fn copy_targets(def: &Value) -> Vec<String> {
    match member(def, "copy_to") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// Object nesting depth of a flattened value (1 for a flat object).
fn depth(v: &Value) -> u64 {
    match v {
        Value::Object(m) => 1 + m.values().map(depth).max().unwrap_or(0),
        Value::Array(a) => a.iter().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}
