//! The field types the sandbox maps, the parameters each accepts, and the checks ES makes when a
//! mapping is defined or updated (`PUT /{index}/_mapping`, index creation, templates).
//!
//! Mappings stay the JSON `GET _mapping` shows (dotted names expanded); these functions read it.

use serde_json::{Map, Value};

use crate::error::{EsError, EsResult};
use crate::version::EsVersion;

/// Parameters every field mapper accepts (`FieldMapper.Builder`: `meta`, multi-fields, `copy_to`).
const COMMON: &[&str] = &["type", "meta", "fields", "copy_to"];
/// Parameters of fields that can also be computed by a script (`script`, `on_script_error`).
const SCRIPTABLE: &[&str] = &["script", "on_script_error"];
const NUMBER: &[&str] = &[
    "index",
    "doc_values",
    "store",
    "coerce",
    "ignore_malformed",
    "null_value",
    "time_series_dimension",
    "time_series_metric",
];

/// The parameters a concrete field type accepts besides [`COMMON`], or `None` for a type the
/// sandbox does not know (`MapperRegistry`: "No handler for type").
fn type_parameters(field_type: &str) -> Option<Vec<&'static str>> {
    let own: &[&str] = match field_type {
        // KeywordFieldMapper.Builder#getParameters
        "keyword" => &[
            "index",
            "doc_values",
            "store",
            "null_value",
            "ignore_above",
            "normalizer",
            "split_queries_on_whitespace",
            "eager_global_ordinals",
            "index_options",
            "norms",
            "similarity",
            "time_series_dimension",
            "script",
            "on_script_error",
        ],
        // TextFieldMapper.Builder#getParameters
        "text" => &[
            "analyzer",
            "search_analyzer",
            "search_quote_analyzer",
            "index",
            "store",
            "index_options",
            "norms",
            "term_vector",
            "index_phrases",
            "index_prefixes",
            "position_increment_gap",
            "similarity",
            "fielddata",
            "fielddata_frequency_filter",
            "eager_global_ordinals",
        ],
        // MatchOnlyTextFieldMapper.Builder#getParameters
        "match_only_text" => &["analyzer", "search_analyzer", "search_quote_analyzer"],
        // WildcardFieldMapper.Builder#getParameters
        "wildcard" => &["ignore_above", "null_value"],
        // NumberFieldMapper.Builder#getParameters
        "long" | "integer" | "short" | "byte" | "double" | "float" | "half_float" => {
            return Some([COMMON, NUMBER, SCRIPTABLE].concat());
        }
        // ScaledFloatFieldMapper.Builder#getParameters
        "scaled_float" => return Some([COMMON, NUMBER, &["scaling_factor"]].concat()),
        // UnsignedLongFieldMapper.Builder#getParameters
        "unsigned_long" => NUMBER,
        // BooleanFieldMapper.Builder#getParameters
        "boolean" => &["index", "doc_values", "store", "null_value", "ignore_malformed", "script", "on_script_error"],
        // DateFieldMapper.Builder#getParameters
        "date" | "date_nanos" => &[
            "index",
            "doc_values",
            "store",
            "format",
            "locale",
            "null_value",
            "ignore_malformed",
            "script",
            "on_script_error",
        ],
        // IpFieldMapper.Builder#getParameters
        "ip" => &[
            "index",
            "doc_values",
            "store",
            "null_value",
            "ignore_malformed",
            "time_series_dimension",
            "script",
            "on_script_error",
        ],
        // FlattenedFieldMapper.Builder#getParameters
        "flattened" => &[
            "depth_limit",
            "doc_values",
            "eager_global_ordinals",
            "ignore_above",
            "index",
            "index_options",
            "null_value",
            "similarity",
            "split_queries_on_whitespace",
            "time_series_dimensions",
        ],
        // ConstantKeywordFieldMapper.Builder#getParameters
        "constant_keyword" => &["value"],
        // FieldAliasMapper.TypeParser: only `path`.
        "alias" => return Some(vec!["type", "path"]),
        "binary" => &["doc_values", "store"],
        _ => return None,
    };
    Some([COMMON, own].concat())
}

/// Field types Elasticsearch has that the sandbox does not emulate: refused with a clear
/// error rather than accepted and then parsed wrongly.
const NOT_EMULATED: &[&str] = &[
    "geo_point",
    "geo_shape",
    "point",
    "shape",
    "dense_vector",
    "sparse_vector",
    "semantic_text",
    "rank_feature",
    "rank_features",
    "search_as_you_type",
    "completion",
    "token_count",
    "histogram",
    "aggregate_metric_double",
    "annotated_text",
    "percolator",
    "join",
    "version",
    "murmur3",
    "integer_range",
    "float_range",
    "long_range",
    "double_range",
    "date_range",
    "ip_range",
    "counted_keyword",
    "passthrough",
];

/// Parameters an existing field may change (`Parameter#updateable`); everything else must stay.
const UPDATEABLE: &[&str] = &[
    "ignore_above",
    "meta",
    "fields",
    "copy_to",
    "ignore_malformed",
    "coerce",
    "search_analyzer",
    "search_quote_analyzer",
    "eager_global_ordinals",
    "fielddata",
    "split_queries_on_whitespace",
    "time_series_metric",
    "on_script_error",
];

/// The mapping type of a field definition: its `type`, or `object` when it has none.
pub(crate) fn field_type(def: &Value) -> &str {
    member(def, "type").and_then(Value::as_str).unwrap_or("object")
}

/// `Value::get` for the objects of a mapping, which parsing a document reads for every value.
/// Most are small (a field's `type` and a few parameters, an object's few properties), and
/// comparing their keys costs less than hashing the one looked up with serde_json's SipHash.
pub(crate) fn member<'v>(object: &'v Value, key: &str) -> Option<&'v Value> {
    const SCANNED: usize = 8;
    match object {
        Value::Object(map) if map.len() <= SCANNED => map.iter().find_map(|(k, v)| (k == key).then_some(v)),
        Value::Object(map) => map.get(key),
        _ => None,
    }
}

/// True for `object` and `nested`: mappers with `properties`.
pub(crate) fn is_object_type(t: &str) -> bool {
    t == "object" || t == "nested"
}

fn mapper_parsing(reason: impl Into<String>) -> EsError {
    EsError::new(400, "mapper_parsing_exception", reason)
}

/// ES's rendering of leftover parameters: `[name : value]` joined with `, ` (a Java map's entries).
fn unsupported(params: &Map<String, Value>, known: &[&str]) -> Option<String> {
    let left: Vec<String> = params
        .iter()
        .filter(|(k, _)| !known.contains(&k.as_str()))
        .map(|(k, v)| format!("[{k} : {}]", java_value(v)))
        .collect();
    (!left.is_empty()).then(|| left.join(", "))
}

/// How a value prints as a Java object (`Map.toString`, `List.toString`).
pub(crate) fn java_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "null".to_string(),
        Value::Array(a) => format!("[{}]", a.iter().map(java_value).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => {
            format!("{{{}}}", o.iter().map(|(k, v)| format!("{k}={}", java_value(v))).collect::<Vec<_>>().join(", "))
        }
        other => other.to_string(),
    }
}

/// Root-level mapping parameters (`RootObjectMapper.TypeParser` plus the metadata mappers).
const ROOT_PARAMETERS: &[&str] = &[
    "properties",
    "dynamic",
    "enabled",
    "subobjects",
    "date_detection",
    "numeric_detection",
    "dynamic_date_formats",
    "dynamic_templates",
    "runtime",
    "_source",
    "_routing",
    "_meta",
    "_data_stream_timestamp",
    "_field_names",
    "_doc_count",
    "_tier",
    "_index",
    "_id",
    "_ignored",
    "_size",
];

/// Checks a whole mapping (without `_doc`) as `MapperService` parses it: root parameters, then
/// every field. Errors are ES's `mapper_parsing_exception`s (the caller adds "Failed to parse
/// mapping: " where ES's index creation does).
pub fn validate(mapping: &Value, version: EsVersion) -> EsResult<()> {
    let Some(root) = mapping.as_object() else {
        return Err(mapper_parsing("Failed to parse mapping: mapping must be an object"));
    };
    if let Some(left) = unsupported(root, ROOT_PARAMETERS) {
        return Err(mapper_parsing(format!("Root mapping definition has unsupported parameters:  {left}")));
    }
    if let Some(d) = root.get("dynamic") {
        check_dynamic(d)?;
    }
    if root.get("_source").and_then(|s| s.get("mode")).is_some_and(|m| m != "stored") {
        return Err(mapper_parsing("the esops sandbox does not emulate synthetic or disabled _source modes"));
    }
    if let Some(props) = root.get("properties") {
        validate_properties(props, "", version)?;
    }
    if let Some(Value::Array(templates)) = root.get("dynamic_templates") {
        for t in templates {
            let Some((name, body)) = t.as_object().filter(|o| o.len() == 1).and_then(|o| o.iter().next()) else {
                return Err(mapper_parsing(
                    "A dynamic template must be defined with a name and a body, e.g. {\"name\": {...}}",
                ));
            };
            super::dynamic::validate_template(name, body, version)?;
        }
    }
    validate_aliases(mapping)
}

fn check_dynamic(value: &Value) -> EsResult<()> {
    let text = match value {
        Value::Bool(b) => b.to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if ["true", "false", "strict", "runtime"].contains(&text.as_str()) {
        Ok(())
    } else {
        // ObjectMapper.Dynamic: parsed with `Booleans.parseBoolean` after the named values.
        Err(mapper_parsing(format!("Could not convert [{text}] to boolean: only [true] or [false] are allowed")))
    }
}

fn validate_properties(props: &Value, prefix: &str, version: EsVersion) -> EsResult<()> {
    let Some(props) = props.as_object() else {
        return Err(mapper_parsing(format!(
            "Expected map for property [fields] on field [{}] but got a class java.lang.String",
            prefix.trim_end_matches('.')
        )));
    };
    for (name, def) in props {
        if name.is_empty() {
            return Err(EsError::illegal_argument("field name cannot be an empty string"));
        }
        let full = format!("{prefix}{name}");
        let Some(def) = def.as_object() else {
            return Err(mapper_parsing(format!(
                "Expected map for property [fields] on field [{full}] but got a {def}"
            )));
        };
        validate_field(&full, def, version)?;
    }
    Ok(())
}

/// One field's definition (`TypeParsers`, `FieldMapper.Builder#parse`, `ObjectMapper.TypeParser`).
fn validate_field(name: &str, def: &Map<String, Value>, version: EsVersion) -> EsResult<()> {
    let field_type = match def.get("type") {
        None => "object",
        Some(Value::String(t)) => t.as_str(),
        Some(other) => {
            return Err(mapper_parsing(format!(
                "No type specified for field [{name}]: [type] must be a string, got {other}"
            )));
        }
    };
    if is_object_type(field_type) {
        // ObjectMapper.TypeParser / NestedObjectMapper.TypeParser: leftovers are reported by
        // `MappingParser.checkNoRemainingFields`.
        let mut known = vec!["type", "properties", "dynamic", "enabled", "subobjects"];
        if field_type == "nested" {
            known.extend(["include_in_parent", "include_in_root"]);
        }
        if let Some(left) = unsupported(def, &known) {
            return Err(mapper_parsing(format!("Mapping definition for [{name}] has unsupported parameters:  {left}")));
        }
        if let Some(d) = def.get("dynamic") {
            check_dynamic(d)?;
        }
        if let Some(props) = def.get("properties") {
            validate_properties(props, &format!("{name}."), version)?;
        }
        return Ok(());
    }
    if NOT_EMULATED.contains(&field_type) {
        return Err(mapper_parsing(format!(
            "the esops sandbox does not emulate the [{field_type}] field type (field [{name}])"
        )));
    }
    let Some(mut known) = type_parameters(field_type) else {
        return Err(mapper_parsing(format!("No handler for type [{field_type}] declared on field [{name}]")));
    };
    if version.major == 7 {
        // Index-time boosts were removed for indices created in 8.0 (`FieldMapper#parse`).
        known.push("boost");
    }
    if let Some(param) = def.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(mapper_parsing(format!("unknown parameter [{param}] on mapper [{name}] of type [{field_type}]")));
    }
    match field_type {
        "scaled_float" if def.get("scaling_factor").is_none() => {
            return Err(mapper_parsing("Field [scaling_factor] is required"));
        }
        "alias" if def.get("path").and_then(Value::as_str).is_none() => {
            return Err(mapper_parsing(format!("The [path] property must be specified for field [{name}].")));
        }
        _ => {}
    }
    if let Some(above) = def.get("ignore_above")
        && !(above.is_i64() || above.as_str().is_some_and(|s| s.parse::<i64>().is_ok()))
    {
        return Err(mapper_parsing(format!("Failed to parse mapping: For input string: \"{}\"", java_value(above))));
    }
    if let Some(format) = def.get("format").and_then(Value::as_str) {
        super::values::DateFieldFormat::parse(format)
            .map_err(|e| mapper_parsing(format!("Error parsing [format] on field [{name}]: {e}")))?;
    }
    if let Some(fields) = def.get("fields") {
        let Some(subs) = fields.as_object() else {
            return Err(mapper_parsing(format!(
                "Expected map for property [fields] on field [{name}] but got a class java.lang.String"
            )));
        };
        for (sub, sub_def) in subs {
            let full = format!("{name}.{sub}");
            let Some(sub_def) = sub_def.as_object() else {
                return Err(mapper_parsing(format!("Expected map for property [fields] on field [{full}]")));
            };
            if is_object_type(field_type_of(sub_def)) {
                return Err(mapper_parsing(format!("Type [{}] cannot be used in multi field", field_type_of(sub_def))));
            }
            validate_field(&full, sub_def, version)?;
        }
    }
    Ok(())
}

fn field_type_of(def: &Map<String, Value>) -> &str {
    def.get("type").and_then(Value::as_str).unwrap_or("object")
}

/// Aliases must point at an existing concrete field (`FieldAliasMapper#validate`).
fn validate_aliases(mapping: &Value) -> EsResult<()> {
    let mut leaves = Vec::new();
    collect_paths(mapping, "", &mut leaves);
    for (path, def) in &leaves {
        if field_type(def) != "alias" {
            continue;
        }
        let target = def.get("path").and_then(Value::as_str).unwrap_or_default();
        let found = leaves.iter().find(|(p, _)| p == target).map(|(_, d)| field_type(d));
        match found {
            None => {
                return Err(mapper_parsing(format!(
                    "Invalid [path] value [{target}] for field alias [{path}]: an alias must refer to an existing field in the mappings."
                )));
            }
            Some("alias") => {
                return Err(mapper_parsing(format!(
                    "Invalid [path] value [{target}] for field alias [{path}]: an alias cannot refer to another alias."
                )));
            }
            Some(t) if is_object_type(t) => {
                return Err(mapper_parsing(format!(
                    "Invalid [path] value [{target}] for field alias [{path}]: an alias cannot refer to an object field."
                )));
            }
            Some(_) if target == path => {
                return Err(mapper_parsing(format!(
                    "Invalid [path] value [{target}] for field alias [{path}]: an alias cannot refer to itself."
                )));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Every mapped path (objects, fields and multi-fields) with its definition, in mapping order.
pub(crate) fn collect_paths<'m>(mapping: &'m Value, prefix: &str, out: &mut Vec<(String, &'m Value)>) {
    for (name, def) in mapping.get("properties").and_then(Value::as_object).into_iter().flatten() {
        let path = format!("{prefix}{name}");
        out.push((path.clone(), def));
        for (sub, sub_def) in def.get("fields").and_then(Value::as_object).into_iter().flatten() {
            out.push((format!("{path}.{sub}"), sub_def));
        }
        collect_paths(def, &format!("{path}."), out);
    }
}

/// What `index.mapping.total_fields.limit` counts (`MappingLookup#getTotalFieldsCount`): every
/// field mapper (multi-fields included), object mapper below the root, alias and runtime field.
pub fn total_fields(mapping: &Value) -> usize {
    let mut paths = Vec::new();
    collect_paths(mapping, "", &mut paths);
    paths.len() + mapping.get("runtime").and_then(Value::as_object).map_or(0, Map::len)
}

/// Checks that `update` can be merged into `current` (`Mapper#merge`, `MergeReason.MAPPING_UPDATE`):
/// a field keeps its type and its non-updateable parameters; objects and fields do not swap.
pub fn check_merge(current: &Value, update: &Value) -> EsResult<()> {
    check_properties_merge(current.get("properties"), update.get("properties"), "")
}

fn check_properties_merge(current: Option<&Value>, update: Option<&Value>, prefix: &str) -> EsResult<()> {
    let (Some(current), Some(update)) = (current.and_then(Value::as_object), update.and_then(Value::as_object)) else {
        return Ok(());
    };
    for (name, new_def) in update {
        let Some(old_def) = current.get(name) else { continue };
        let path = format!("{prefix}{name}");
        let (old_type, new_type) = (field_type(old_def), field_type(new_def));
        match (is_object_type(old_type), is_object_type(new_type)) {
            (true, true) => {
                if old_type != new_type {
                    return Err(EsError::illegal_argument(if old_type == "nested" {
                        format!("can't merge a nested mapping [{path}] with a non-nested mapping")
                    } else {
                        format!("can't merge a non-nested mapping [{path}] with a nested mapping")
                    }));
                }
                check_properties_merge(old_def.get("properties"), new_def.get("properties"), &format!("{path}."))?;
            }
            (true, false) => {
                return Err(EsError::illegal_argument(format!(
                    "can't merge a non object mapping [{path}] with an object mapping"
                )));
            }
            (false, true) => {
                return Err(EsError::illegal_argument(format!(
                    "mapper [{path}] cannot be changed from type [{old_type}] to [{new_type}]"
                )));
            }
            (false, false) if old_type != new_type => {
                return Err(EsError::illegal_argument(format!(
                    "mapper [{path}] cannot be changed from type [{old_type}] to [{new_type}]"
                )));
            }
            (false, false) => check_parameters_merge(&path, old_def, new_def)?,
        }
    }
    Ok(())
}

/// `FieldMapper.Conflicts`: every non-updateable parameter that changes is listed.
fn check_parameters_merge(path: &str, old: &Value, new: &Value) -> EsResult<()> {
    let (Some(old), Some(new)) = (old.as_object(), new.as_object()) else { return Ok(()) };
    let mut conflicts = Vec::new();
    let keys: Vec<&String> = old.keys().chain(new.keys().filter(|k| !old.contains_key(*k))).collect();
    for key in keys {
        if key == "type" || UPDATEABLE.contains(&key.as_str()) {
            continue;
        }
        let (a, b) = (old.get(key), new.get(key));
        if a != b && b.is_some() {
            let show = |v: Option<&Value>| v.map_or("null".to_string(), java_value);
            conflicts.push(format!("Cannot update parameter [{key}] from [{}] to [{}]", show(a), show(b)));
        }
    }
    if conflicts.is_empty() {
        return Ok(());
    }
    Err(EsError::illegal_argument(format!(
        "Mapper for [{path}] conflicts with existing mapper:\n\t{}",
        conflicts.join("\n\t")
    )))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const V8: EsVersion = EsVersion::new(8, 15, 0);

    fn reason(r: EsResult<()>) -> String {
        r.unwrap_err().reason
    }

    /// `FieldMapper.Builder#parse`: "unknown parameter [%s] on mapper [%s] of type [%s]".
    #[test]
    fn unknown_parameters_are_refused_like_field_mapper_builder() {
        let m = json!({"properties": {"a": {"type": "keyword", "ignore_abovee": 3}}});
        assert_eq!(reason(validate(&m, V8)), "unknown parameter [ignore_abovee] on mapper [a] of type [keyword]");
        let m = json!({"properties": {"o": {"properties": {"b": {"type": "long", "format": "x"}}}}});
        assert_eq!(reason(validate(&m, V8)), "unknown parameter [format] on mapper [o.b] of type [long]");
    }

    /// `TypeParsers` / `MapperRegistry`: "No handler for type [%s] declared on field [%s]".
    #[test]
    fn unknown_types_have_no_handler() {
        let m = json!({"properties": {"a": {"type": "strnig"}}});
        assert_eq!(reason(validate(&m, V8)), "No handler for type [strnig] declared on field [a]");
    }

    /// `MappingParser.checkNoRemainingFields` for objects and the root.
    #[test]
    fn leftovers_on_objects_and_the_root_are_unsupported_parameters() {
        let m = json!({"properties": {"o": {"index": false, "properties": {}}}});
        assert_eq!(reason(validate(&m, V8)), "Mapping definition for [o] has unsupported parameters:  [index : false]");
        let m = json!({"dynamik": "strict"});
        assert_eq!(reason(validate(&m, V8)), "Root mapping definition has unsupported parameters:  [dynamik : strict]");
    }

    /// Real types the sandbox does not emulate are refused, saying so.
    #[test]
    fn types_not_emulated_are_refused_by_name() {
        let m = json!({"properties": {"geo": {"type": "geo_point"}}});
        assert_eq!(
            reason(validate(&m, V8)),
            "the esops sandbox does not emulate the [geo_point] field type (field [geo])"
        );
    }

    /// `ScaledFloatFieldMapper`: scaling_factor is required; `FieldAliasMapper`: path must exist.
    #[test]
    fn required_parameters_and_alias_targets() {
        let m = json!({"properties": {"p": {"type": "scaled_float"}}});
        assert_eq!(reason(validate(&m, V8)), "Field [scaling_factor] is required");
        let m = json!({"properties": {"a": {"type": "alias", "path": "missing"}}});
        assert!(reason(validate(&m, V8)).contains("an alias must refer to an existing field"));
        let m = json!({"properties": {"a": {"type": "alias", "path": "b"}, "b": {"type": "long"}}});
        validate(&m, V8).unwrap();
    }

    /// 7.17 still accepts an index-time `boost`; 8.0 removed it.
    #[test]
    fn boost_is_a_7x_parameter() {
        let m = json!({"properties": {"a": {"type": "keyword", "boost": 2}}});
        validate(&m, EsVersion::new(7, 17, 0)).unwrap();
        assert!(validate(&m, V8).is_err());
    }

    /// `FieldMapper#merge` and `ObjectMapper#merge`: types stay, non-updateable parameters stay.
    #[test]
    fn merge_conflicts_follow_mapper_merge() {
        let cur = json!({"properties": {"a": {"type": "long"}, "o": {"properties": {}}, "k": {"type": "keyword", "index": true}}});
        let upd = json!({"properties": {"a": {"type": "keyword"}}});
        assert_eq!(reason(check_merge(&cur, &upd)), "mapper [a] cannot be changed from type [long] to [keyword]");
        let upd = json!({"properties": {"o": {"type": "keyword"}}});
        assert_eq!(reason(check_merge(&cur, &upd)), "can't merge a non object mapping [o] with an object mapping");
        let upd = json!({"properties": {"k": {"type": "keyword", "index": false}}});
        assert_eq!(
            reason(check_merge(&cur, &upd)),
            "Mapper for [k] conflicts with existing mapper:\n\tCannot update parameter [index] from [true] to [false]"
        );
        let upd = json!({"properties": {"k": {"type": "keyword", "index": true, "ignore_above": 10}}});
        check_merge(&cur, &upd).unwrap();
    }

    /// `MappingLookup#getTotalFieldsCount`: objects, fields, multi-fields and runtime fields count.
    #[test]
    fn total_fields_count_objects_multi_fields_and_runtime_fields() {
        let m = json!({
            "runtime": {"r": {"type": "keyword"}},
            "properties": {"o": {"properties": {"m": {"type": "text", "fields": {"keyword": {"type": "keyword"}}}}}}
        });
        assert_eq!(total_fields(&m), 4);
    }
}
