//! Dynamic mapping: what ES maps a field it has never seen to (`DynamicFieldsBuilder`), and
//! `dynamic_templates` (`DynamicTemplate`).

use es_syntax::glob::simple_match;
use serde_json::{Map, Value, json};

use super::values::DateFieldFormat;
use crate::error::{EsError, EsResult};

/// The kind of a new value as dynamic mapping sees it (`DynamicTemplate.XContentFieldType`);
/// dates and numbers may come from detection in strings.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum DynamicType {
    Object,
    String,
    Long,
    Double,
    Boolean,
    /// A string that one of `dynamic_date_formats` parses; the format that did.
    Date(String),
}

impl DynamicType {
    /// The name `match_mapping_type` uses.
    pub(crate) fn match_name(&self) -> &'static str {
        match self {
            DynamicType::Object => "object",
            DynamicType::String => "string",
            DynamicType::Long => "long",
            DynamicType::Double => "double",
            DynamicType::Boolean => "boolean",
            DynamicType::Date(_) => "date",
        }
    }

    /// The field type a template without `type` gives, and `{dynamic_type}` (`defaultMappingType`).
    fn default_type(&self) -> &'static str {
        match self {
            DynamicType::String => "text",
            DynamicType::Double => "float",
            other => other.match_name(),
        }
    }
}

/// `match_mapping_type` values (`XContentFieldType`).
const MAPPING_TYPES: &[&str] = &["object", "string", "long", "double", "boolean", "date", "binary"];

/// `RootObjectMapper.Defaults.DYNAMIC_DATE_TIME_FORMATTERS`: ES documents them as
/// `strict_date_optional_time` and `yyyy/MM/dd HH:mm:ss Z||yyyy/MM/dd Z`, and builds them as
/// these formatters (which is what a dynamically mapped date's `format` shows).
const DEFAULT_DATE_FORMATS: &[&str] = &[DateFieldFormat::DEFAULT, "yyyy/MM/dd HH:mm:ss||yyyy/MM/dd||epoch_millis"];

/// The root mapping's dynamic-mapping settings.
pub(crate) struct DynamicRules<'m> {
    date_detection: bool,
    numeric_detection: bool,
    date_formats: Vec<String>,
    templates: Vec<(&'m str, &'m Map<String, Value>)>,
}

fn flag(v: Option<&Value>, default: bool) -> bool {
    match v {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s == "true",
        _ => default,
    }
}

impl<'m> DynamicRules<'m> {
    /// Reads `date_detection`, `numeric_detection`, `dynamic_date_formats` and `dynamic_templates`.
    pub(crate) fn from_root(root: &'m Value) -> Self {
        let date_formats = match root.get("dynamic_date_formats") {
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            Some(Value::String(s)) => vec![s.clone()],
            _ => DEFAULT_DATE_FORMATS.iter().map(|s| s.to_string()).collect(),
        };
        let templates = root
            .get("dynamic_templates")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|t| t.as_object()?.iter().next())
            .filter_map(|(name, body)| Some((name.as_str(), body.as_object()?)))
            .collect();
        DynamicRules {
            date_detection: flag(root.get("date_detection"), true),
            numeric_detection: flag(root.get("numeric_detection"), false),
            date_formats,
            templates,
        }
    }

    /// The dynamic type of a JSON value (`DynamicFieldsBuilder#createDynamicFieldFromValue`).
    pub(crate) fn detect(&self, value: &Value) -> DynamicType {
        match value {
            Value::Object(_) => DynamicType::Object,
            Value::Bool(_) => DynamicType::Boolean,
            Value::Number(n) if n.is_f64() => DynamicType::Double,
            Value::Number(_) => DynamicType::Long,
            Value::String(text) => self.detect_string(text),
            // Arrays are mapped by their elements; null adds nothing.
            _ => DynamicType::String,
        }
    }

    fn detect_string(&self, text: &str) -> DynamicType {
        // "a safe check since "1" gets parsed as well": only text with at least two `:`, `-` or
        // `/` is tried as a date.
        let count = |c: char| text.matches(c).count();
        if self.date_detection && (count(':') > 1 || count('-') > 1 || count('/') > 1) {
            for spec in &self.date_formats {
                if DateFieldFormat::parse(spec).is_ok_and(|f| f.accepts(text)) {
                    return DynamicType::Date(spec.clone());
                }
            }
        }
        if self.numeric_detection {
            if text.parse::<i64>().is_ok() {
                return DynamicType::Long;
            }
            if text.parse::<f64>().is_ok() {
                return DynamicType::Double;
            }
        }
        DynamicType::String
    }

    /// The mapping a new field gets: the first matching dynamic template's, else ES's default
    /// (`DynamicFieldsBuilder.Concrete`). `Some(runtime)` when the field is a runtime field.
    pub(crate) fn mapping_for(&self, name: &str, path: &str, kind: &DynamicType, runtime: bool) -> NewField {
        let matching = self
            .templates
            .iter()
            .filter(|(_, body)| template_matches(body, name, path, kind))
            .find_map(|(template_name, body)| instantiate(template_name, body, name, kind));
        matching.unwrap_or_else(|| default_mapping(kind, runtime))
    }

    /// The mapping of a new field whose dynamic template the index request names (`_bulk`'s
    /// `dynamic_templates`, 7.13+): that template whatever its match conditions
    /// (`DynamicTemplate#match` with a template name), or ES's refusal when the mapping has no
    /// template of that name.
    pub(crate) fn mapping_from_named(
        &self,
        template_name: &str,
        name: &str,
        path: &str,
        kind: &DynamicType,
        runtime: bool,
    ) -> Result<NewField, String> {
        let (found, body) = self.templates.iter().find(|(t, _)| *t == template_name).ok_or_else(|| {
            format!("Can't find dynamic template for dynamic template name [{template_name}] of field [{path}]")
        })?;
        Ok(instantiate(found, body, name, kind).unwrap_or_else(|| default_mapping(kind, runtime)))
    }
}

/// A dynamic template's mapping for a new field (`{name}`/`{dynamic_type}` substituted, the
/// detected type filled in); `None` for a `runtime` template offered an object.
fn instantiate(template_name: &str, body: &Map<String, Value>, name: &str, kind: &DynamicType) -> Option<NewField> {
    let (section, is_runtime) = match (body.get("mapping"), body.get("runtime")) {
        (Some(m), _) => (m, false),
        (None, Some(r)) => (r, true),
        _ => return None,
    };
    // An object can only be mapped by a `mapping` template.
    if *kind == DynamicType::Object && is_runtime {
        return None;
    }
    let mut def = substitute(section, name, kind.default_type());
    if let Value::Object(m) = &mut def {
        if !m.contains_key("type") && *kind != DynamicType::Object {
            let t = if is_runtime { runtime_type(kind) } else { kind.default_type() };
            m.insert("type".into(), json!(t));
        }
        if let DynamicType::Date(format) = kind
            && !m.contains_key("format")
            && format != DateFieldFormat::DEFAULT
        {
            m.insert("format".into(), json!(format));
        }
    }
    Some(NewField { def, runtime: is_runtime, template: Some(template_name.to_string()) })
}

/// ES's mapping of a new field no template maps (`DynamicFieldsBuilder.Concrete`/`.Runtime`).
fn default_mapping(kind: &DynamicType, runtime: bool) -> NewField {
    if runtime && *kind != DynamicType::Object {
        let mut def = json!({"type": runtime_type(kind)});
        if let DynamicType::Date(format) = kind
            && format != DateFieldFormat::DEFAULT
        {
            def["format"] = json!(format);
        }
        return NewField { def, runtime: true, template: None };
    }
    let def = match kind {
        DynamicType::Object => json!({}),
        DynamicType::String => {
            json!({"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}})
        }
        DynamicType::Long => json!({"type": "long"}),
        DynamicType::Double => json!({"type": "float"}),
        DynamicType::Boolean => json!({"type": "boolean"}),
        DynamicType::Date(format) if format == DateFieldFormat::DEFAULT => json!({"type": "date"}),
        DynamicType::Date(format) => json!({"type": "date", "format": format}),
    };
    NewField { def, runtime: false, template: None }
}

/// A field dynamic mapping adds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NewField {
    /// Its definition.
    pub(crate) def: Value,
    /// Added under `runtime` (full path) rather than `properties`.
    pub(crate) runtime: bool,
    /// The dynamic template that produced it.
    pub(crate) template: Option<String>,
}

/// `DynamicFieldsBuilder.Runtime`: strings become keyword runtime fields, floats double.
fn runtime_type(kind: &DynamicType) -> &'static str {
    match kind {
        DynamicType::String => "keyword",
        DynamicType::Double => "double",
        other => other.match_name(),
    }
}

fn string_list(v: Option<&Value>) -> Vec<&str> {
    match v {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// `DynamicTemplate#match`: every condition present must hold.
fn template_matches(body: &Map<String, Value>, name: &str, path: &str, kind: &DynamicType) -> bool {
    let regex = body.get("match_pattern").and_then(Value::as_str) == Some("regex");
    let matches = |pattern: &str, text: &str| {
        if regex {
            regex::Regex::new(&format!("^(?:{pattern})$")).is_ok_and(|r| r.is_match(text))
        } else {
            simple_match(pattern, text)
        }
    };
    let any = |key: &str, text: &str| string_list(body.get(key)).iter().any(|p| matches(p, text));
    let has = |key: &str| body.contains_key(key);
    if has("match") && !any("match", name) || any("unmatch", name) {
        return false;
    }
    if has("path_match") && !any("path_match", path) || any("path_unmatch", path) {
        return false;
    }
    let type_name = kind.match_name();
    let types = string_list(body.get("match_mapping_type"));
    if !types.is_empty() && !types.iter().any(|t| *t == "*" || *t == type_name) {
        return false;
    }
    // `DynamicTemplate#parse`: without `match_mapping_type`, `match` or `path_match`, a template
    // matches every type but objects (a catch-all template must not map objects).
    if types.is_empty() && *kind == DynamicType::Object && !has("match") && !has("path_match") {
        return false;
    }
    if string_list(body.get("unmatch_mapping_type")).contains(&type_name) {
        return false;
    }
    true
}

/// `{name}` and `{dynamic_type}` in every string of a template's mapping.
fn substitute(v: &Value, name: &str, dynamic_type: &str) -> Value {
    match v {
        Value::String(s) => json!(s.replace("{name}", name).replace("{dynamic_type}", dynamic_type)),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    (
                        k.replace("{name}", name).replace("{dynamic_type}", dynamic_type),
                        substitute(v, name, dynamic_type),
                    )
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(|x| substitute(x, name, dynamic_type)).collect()),
        other => other.clone(),
    }
}

/// Checks one dynamic template as `DynamicTemplate.parse` does.
pub(crate) fn validate_template(name: &str, body: &Value, version: crate::version::EsVersion) -> EsResult<()> {
    let Some(body) = body.as_object() else {
        return Err(EsError::new(400, "mapper_parsing_exception", format!("template [{name}] must be an object")));
    };
    const KNOWN: &[&str] = &[
        "match",
        "unmatch",
        "path_match",
        "path_unmatch",
        "match_mapping_type",
        "unmatch_mapping_type",
        "match_pattern",
        "mapping",
        "runtime",
    ];
    let iae = |reason: String| {
        EsError::new(400, "mapper_parsing_exception", "Failed to parse mapping: ".to_string() + &reason)
            .caused_by(EsError::illegal_argument(reason))
    };
    if let Some(key) = body.keys().find(|k| !KNOWN.contains(&k.as_str())) {
        return Err(iae(format!("Illegal dynamic template parameter: [{key}]")));
    }
    for t in
        string_list(body.get("match_mapping_type")).into_iter().chain(string_list(body.get("unmatch_mapping_type")))
    {
        if t != "*" && !MAPPING_TYPES.contains(&t) {
            return Err(iae(format!(
                "No field type matched on [{t}], possible values are [object, string, long, double, boolean, date, binary]"
            )));
        }
    }
    if let Some(p) = body.get("match_pattern").and_then(Value::as_str)
        && p != "simple"
        && p != "regex"
    {
        return Err(iae(format!("No matching pattern matched on [{p}]")));
    }
    if !body.contains_key("mapping") && !body.contains_key("runtime") {
        return Err(iae(format!("template [{name}] must have either mapping or runtime set")));
    }
    // RootObjectMapper#validateDynamicTemplate: a template's mapping must parse for the types
    // it can apply to; placeholders are filled with a sample name and type first.
    if let Some(mapping) = body.get("mapping").filter(|m| m.get("type").is_some()) {
        let sample = substitute(mapping, "__dynamic__", "keyword");
        let mut props = Map::new();
        props.insert(format!("__dynamic__{name}"), sample);
        super::types::validate(&json!({"properties": props}), version).map_err(|e| {
            let reason = e.reason.replace(&format!("__dynamic__{name}"), name);
            EsError::new(400, "mapper_parsing_exception", format!("Failed to parse mapping: {reason}"))
                .caused_by(EsError::illegal_argument(reason))
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(root: &Value) -> DynamicRules<'_> {
        DynamicRules::from_root(root)
    }

    /// `DynamicFieldsBuilder.Concrete`: string → text + keyword(ignore_above 256), integer → long,
    /// float → float, boolean → boolean.
    #[test]
    fn default_dynamic_types() {
        let root = json!({});
        let r = rules(&root);
        let m = |v: Value| r.mapping_for("f", "f", &r.detect(&v), false).def;
        assert_eq!(
            m(json!("hi")),
            json!({"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}})
        );
        assert_eq!(m(json!(3)), json!({"type": "long"}));
        assert_eq!(m(json!(3.5)), json!({"type": "float"}));
        assert_eq!(m(json!(true)), json!({"type": "boolean"}));
        assert_eq!(m(json!({})), json!({}));
    }

    /// `DynamicFieldsBuilder#createDynamicFieldFromValue`: date detection on by default with the
    /// two default formats, only for text with two of `:`, `-`, `/`; numeric detection off.
    #[test]
    fn date_and_numeric_detection() {
        let root = json!({});
        let r = rules(&root);
        assert_eq!(r.detect(&json!("2024-03-15T10:00:00Z")), DynamicType::Date(DateFieldFormat::DEFAULT.into()));
        assert_eq!(
            r.mapping_for("d", "d", &r.detect(&json!("2024/03/15")), false).def,
            json!({"type": "date", "format": "yyyy/MM/dd HH:mm:ss||yyyy/MM/dd||epoch_millis"})
        );
        assert_eq!(r.detect(&json!("1710460800000")), DynamicType::String, "epoch-like text is not a date");
        assert_eq!(r.detect(&json!("12")), DynamicType::String);
        let root = json!({"numeric_detection": true, "date_detection": false});
        let r = rules(&root);
        assert_eq!(r.detect(&json!("12")), DynamicType::Long);
        assert_eq!(r.detect(&json!("1.5")), DynamicType::Double);
        assert_eq!(r.detect(&json!("2024-03-15")), DynamicType::String);
    }

    /// `DynamicTemplate#match` and `#mappingForName`: conditions, then `{name}`/`{dynamic_type}`.
    #[test]
    fn templates_match_and_substitute() {
        let root = json!({"dynamic_templates": [
            {"longs_as_strings": {"match_mapping_type": "string", "match": "long_*", "unmatch": "*_text", "mapping": {"type": "long"}}},
            {"labels": {"path_match": "labels.*", "mapping": {"type": "keyword", "meta": {"from": "{name}/{dynamic_type}"}}}},
            {"rt": {"match": "rt_*", "runtime": {}}}
        ]});
        let r = rules(&root);
        let f = |name: &str, path: &str, v: Value| r.mapping_for(name, path, &r.detect(&v), false);
        assert_eq!(f("long_a", "long_a", json!("1")).def, json!({"type": "long"}));
        assert_eq!(f("long_text", "long_text", json!("1")).def["type"], "text");
        assert_eq!(f("env", "labels.env", json!("x")).def, json!({"type": "keyword", "meta": {"from": "env/text"}}));
        let rt = f("rt_x", "rt_x", json!(1.5));
        assert_eq!((rt.def, rt.runtime), (json!({"type": "double"}), true));
    }

    /// `DynamicFieldsBuilder.Runtime` (`dynamic: runtime`).
    #[test]
    fn runtime_dynamic_types() {
        let root = json!({});
        let r = rules(&root);
        let f = r.mapping_for("s", "s", &DynamicType::String, true);
        assert_eq!((f.def, f.runtime), (json!({"type": "keyword"}), true));
        assert!(!r.mapping_for("o", "o", &DynamicType::Object, true).runtime);
    }

    /// `DynamicTemplate.parse`: unknown parameters and mapping types are refused.
    #[test]
    fn template_validation() {
        let e = validate_template("t", &json!({"matchh": "*", "mapping": {}}), crate::version::EsVersion::DEFAULT)
            .unwrap_err();
        assert_eq!(e.caused_by.unwrap().reason, "Illegal dynamic template parameter: [matchh]");
        let e = validate_template(
            "t",
            &json!({"match_mapping_type": "text", "mapping": {}}),
            crate::version::EsVersion::DEFAULT,
        )
        .unwrap_err();
        assert!(e.reason.contains("No field type matched on [text]"));
        validate_template(
            "t",
            &json!({"match_mapping_type": ["long", "double"], "mapping": {}}),
            crate::version::EsVersion::DEFAULT,
        )
        .unwrap();
    }
}
