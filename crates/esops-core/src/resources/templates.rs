//! Component and composable index templates: the body fields Elasticsearch's parsers accept,
//! name and pattern rules, settings (scalar values, misspelt names) and mappings (field types).

use serde_json::Value;

use super::diagnostic::Code;
use super::report::{At, Report, child, type_name};
use super::schema::{Field, Ty, check_object, check_type};
use crate::suggest::did_you_mean;

const COMPONENT_FIELDS: [Field; 4] =
    [("template", Ty::Object), ("version", Ty::Int), ("_meta", Ty::Object), ("deprecated", Ty::Bool)];

const INDEX_TEMPLATE_FIELDS: [Field; 10] = [
    ("index_patterns", Ty::StrOrList),
    ("composed_of", Ty::StrOrList),
    ("priority", Ty::NonNegative),
    ("version", Ty::Int),
    ("_meta", Ty::Object),
    ("data_stream", Ty::Object),
    ("allow_auto_create", Ty::Bool),
    ("ignore_missing_component_templates", Ty::StrOrList),
    ("deprecated", Ty::Bool),
    ("template", Ty::Object),
];

const TEMPLATE_SECTION_FIELDS: [Field; 5] = [
    ("settings", Ty::Object),
    ("mappings", Ty::Object),
    ("aliases", Ty::Object),
    ("lifecycle", Ty::Object),
    ("data_stream_options", Ty::Object),
];

/// Checks a component template body.
pub fn check_component_template(r: &mut Report, body: &Value) {
    let Some(map) = check_object(r, "", body, "a component_template", &COMPONENT_FIELDS, &["template"]) else {
        return;
    };
    if let Some(section) = map.get("template") {
        check_template_section(r, "/template", section);
    }
}

/// Checks a composable index template body.
pub fn check_index_template(r: &mut Report, body: &Value) {
    let Some(map) = check_object(r, "", body, "an index_template", &INDEX_TEMPLATE_FIELDS, &["index_patterns"]) else {
        return;
    };
    for (i, pattern) in string_list(map.get("index_patterns")).iter().enumerate() {
        let at = if map.get("index_patterns").is_some_and(Value::is_array) {
            child("/index_patterns", &i.to_string())
        } else {
            "/index_patterns".to_string()
        };
        check_pattern(r, &at, pattern);
    }
    if map.get("index_patterns").and_then(Value::as_array).is_some_and(Vec::is_empty) {
        r.error(
            Code::TemplatePatterns,
            At::Value("/index_patterns"),
            "`index_patterns` is empty: the template would never apply",
        );
    }
    if let Some(ds) = map.get("data_stream") {
        check_object(
            r,
            "/data_stream",
            ds,
            "`data_stream`",
            &[("hidden", Ty::Bool), ("allow_custom_routing", Ty::Bool), ("failure_store", Ty::Any)],
            &[],
        );
    }
    if let Some(section) = map.get("template") {
        check_template_section(r, "/template", section);
        if section.get("lifecycle").is_some() && !map.contains_key("data_stream") {
            r.error(
                Code::InvalidValue,
                At::Key("/template/lifecycle"),
                "`template.lifecycle` only works with a data stream",
            )
            .hint("add `data_stream: {}`, or manage the indices with an ILM policy (index.lifecycle.name) instead");
        }
    }
}

/// ES's pattern rules (`MetadataIndexTemplateService.validate`).
fn check_pattern(r: &mut Report, pointer: &str, pattern: &str) {
    let problem = if pattern.is_empty() {
        Some("must not be empty".to_string())
    } else if pattern.starts_with('_') {
        Some("must not start with `_`".to_string())
    } else {
        pattern
            .chars()
            .find(|c| matches!(c, ' ' | ',' | '#' | ':' | '\\' | '/' | '?' | '"' | '<' | '>' | '|'))
            .map(|c| format!("must not contain `{c}`"))
    };
    if let Some(problem) = problem {
        r.error(Code::TemplatePatterns, At::Value(pointer), format!("index pattern `{pattern}` {problem}"))
            .hint("patterns are index names with `*` wildcards, e.g. python-logs-*");
    }
}

/// A string or list of strings, as a list.
pub fn string_list(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// The fields of a data stream lifecycle (`DataStreamLifecycle`'s parser), in a template's
/// `template.lifecycle` and in a `data_stream_lifecycle` resource.
const LIFECYCLE_FIELDS: [Field; 3] =
    [("data_retention", Ty::Duration), ("enabled", Ty::Bool), ("downsampling", Ty::List)];

/// Checks a data stream lifecycle at `pointer`: its fields, and each downsampling round's
/// `after` and `fixed_interval`.
pub fn check_lifecycle(r: &mut Report, pointer: &str, lifecycle: &Value) {
    let Some(map) = check_object(r, pointer, lifecycle, "a data stream lifecycle", &LIFECYCLE_FIELDS, &[]) else {
        return;
    };
    for (i, round) in map.get("downsampling").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let at = child(&child(pointer, "downsampling"), &i.to_string());
        check_object(
            r,
            &at,
            round,
            "a downsampling round",
            &[("after", Ty::Duration), ("fixed_interval", Ty::Str)],
            &["after", "fixed_interval"],
        );
    }
}

fn check_template_section(r: &mut Report, pointer: &str, section: &Value) {
    let Some(map) = check_object(r, pointer, section, "`template`", &TEMPLATE_SECTION_FIELDS, &[]) else {
        return;
    };
    if let Some(lifecycle) = map.get("lifecycle") {
        check_lifecycle(r, &child(pointer, "lifecycle"), lifecycle);
    }
    if let Some(settings) = map.get("settings") {
        check_settings(r, &child(pointer, "settings"), settings);
    }
    if let Some(mappings) = map.get("mappings") {
        check_mappings(r, &child(pointer, "mappings"), mappings);
    }
    if let Some(aliases) = map.get("aliases").and_then(Value::as_object) {
        for (alias, definition) in aliases {
            check_object(
                r,
                &child(&child(pointer, "aliases"), alias),
                definition,
                &format!("alias `{alias}`"),
                &[
                    ("filter", Ty::Object),
                    ("routing", Ty::Any),
                    ("index_routing", Ty::Any),
                    ("search_routing", Ty::Any),
                    ("is_write_index", Ty::Bool),
                    ("is_hidden", Ty::Bool),
                ],
                &[],
            );
        }
    }
}

/// One index setting, flattened: `index.lifecycle.name`, its value, and where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting<'v> {
    /// The full name, with the `index.` prefix.
    pub name: String,
    /// The value as written.
    pub value: &'v Value,
    /// Its JSON pointer in the body.
    pub pointer: String,
}

/// Settings written nested (`index: {lifecycle: {name: x}}`) or dotted (`index.lifecycle.name: x`),
/// with or without the `index.` prefix, as a flat list of full names — the way ES normalizes them.
pub fn flatten_settings<'v>(settings: &'v Value, pointer: &str) -> Vec<Setting<'v>> {
    fn walk<'v>(prefix: &str, value: &'v Value, pointer: &str, out: &mut Vec<Setting<'v>>) {
        match value.as_object() {
            Some(map) => {
                for (key, v) in map {
                    let name = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                    walk(&name, v, &child(pointer, key), out);
                }
            }
            None => {
                let name = if prefix.starts_with("index.") { prefix.to_string() } else { format!("index.{prefix}") };
                out.push(Setting { name, value, pointer: pointer.to_string() });
            }
        }
    }
    let mut out = Vec::new();
    walk("", settings, pointer, &mut out);
    out
}

/// The value of setting `name` (full name), as text.
pub fn setting<'v>(settings: &[Setting<'v>], name: &str) -> Option<(&'v str, String)> {
    settings.iter().rev().find(|s| s.name == name).and_then(|s| s.value.as_str().map(|v| (v, s.pointer.clone())))
}

/// Index settings whose misspellings are worth catching (ES refuses unknown settings, but knows far
/// more than this list; a name is only reported when it is close to one of these and not one itself).
const KNOWN_SETTINGS: [&str; 38] = [
    "index.number_of_shards",
    "index.number_of_replicas",
    "index.number_of_routing_shards",
    "index.auto_expand_replicas",
    "index.refresh_interval",
    "index.codec",
    "index.hidden",
    "index.mode",
    "index.priority",
    "index.default_pipeline",
    "index.final_pipeline",
    "index.lifecycle.name",
    "index.lifecycle.rollover_alias",
    "index.lifecycle.parse_origination_date",
    "index.lifecycle.origination_date",
    "index.lifecycle.indexing_complete",
    "index.lifecycle.step.wait_time_threshold",
    "index.lifecycle.prefer_ilm",
    "index.max_result_window",
    "index.max_inner_result_window",
    "index.max_docvalue_fields_search",
    "index.mapping.total_fields.limit",
    "index.mapping.total_fields.ignore_dynamic_beyond_limit",
    "index.mapping.depth.limit",
    "index.mapping.nested_fields.limit",
    "index.mapping.nested_objects.limit",
    "index.mapping.field_name_length.limit",
    "index.mapping.ignore_malformed",
    "index.mapping.coerce",
    "index.query.default_field",
    "index.routing.allocation.total_shards_per_node",
    "index.routing.allocation.include._tier_preference",
    "index.unassigned.node_left.delayed_timeout",
    "index.translog.durability",
    "index.translog.sync_interval",
    "index.translog.flush_threshold_size",
    "index.sort.field",
    "index.sort.order",
];

fn check_settings(r: &mut Report, pointer: &str, settings: &Value) {
    for s in flatten_settings(settings, pointer) {
        let scalar = match s.value {
            Value::Array(items) => items.iter().all(|i| !i.is_object() && !i.is_array()),
            _ => true,
        };
        if !scalar {
            r.error(
                Code::WrongType,
                At::Value(&s.pointer),
                format!("setting `{}` must be a plain value, not {}", s.name, type_name(s.value)),
            );
        }
        if KNOWN_SETTINGS.contains(&s.name.as_str()) {
            continue;
        }
        if let Some(best) = did_you_mean(&s.name, &KNOWN_SETTINGS) {
            r.error(Code::UnknownSetting, At::Key(&s.pointer), format!("unknown setting `{}`", s.name))
                .hint(format!("did you mean `{best}`?"));
        }
    }
}

/// Root keys of a mapping.
const MAPPING_ROOT_FIELDS: [Field; 14] = [
    ("properties", Ty::Object),
    ("dynamic", Ty::Any),
    ("dynamic_templates", Ty::List),
    ("date_detection", Ty::Bool),
    ("numeric_detection", Ty::Bool),
    ("dynamic_date_formats", Ty::StrOrList),
    ("_source", Ty::Object),
    ("_routing", Ty::Object),
    ("_meta", Ty::Object),
    ("runtime", Ty::Object),
    ("_data_stream_timestamp", Ty::Object),
    ("subobjects", Ty::Any),
    ("enabled", Ty::Bool),
    ("_field_names", Ty::Object),
];

/// Field types Elasticsearch (with its default plugins) knows.
const FIELD_TYPES: [&str; 50] = [
    "text",
    "match_only_text",
    "keyword",
    "constant_keyword",
    "wildcard",
    "long",
    "integer",
    "short",
    "byte",
    "double",
    "float",
    "half_float",
    "scaled_float",
    "unsigned_long",
    "date",
    "date_nanos",
    "boolean",
    "binary",
    "ip",
    "object",
    "nested",
    "flattened",
    "passthrough",
    "geo_point",
    "geo_shape",
    "point",
    "shape",
    "completion",
    "search_as_you_type",
    "token_count",
    "alias",
    "version",
    "histogram",
    "dense_vector",
    "sparse_vector",
    "rank_feature",
    "rank_features",
    "semantic_text",
    "integer_range",
    "long_range",
    "float_range",
    "double_range",
    "date_range",
    "ip_range",
    "join",
    "percolator",
    "aggregate_metric_double",
    "counted_keyword",
    "murmur3",
    "annotated_text",
];

fn check_mappings(r: &mut Report, pointer: &str, mappings: &Value) {
    // Clients may still wrap mappings in the pre-7.0 type name.
    let (pointer, mappings) = match mappings.get("_doc") {
        Some(inner) if mappings.as_object().is_some_and(|m| m.len() == 1) => (child(pointer, "_doc"), inner),
        _ => (pointer.to_string(), mappings),
    };
    let Some(map) = check_object(r, &pointer, mappings, "`mappings`", &MAPPING_ROOT_FIELDS, &[]) else { return };
    check_dynamic(r, &pointer, map.get("dynamic"));
    if let Some(properties) = map.get("properties") {
        check_properties(r, &child(&pointer, "properties"), properties);
    }
    for (i, template) in map.get("dynamic_templates").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let at = child(&child(&pointer, "dynamic_templates"), &i.to_string());
        let single = template.as_object().filter(|m| m.len() == 1);
        let Some((name, definition)) = single.and_then(|m| m.iter().next()) else {
            r.error(
                Code::Mapping,
                At::Value(&at),
                "each dynamic template must be a mapping of one name to its definition",
            )
            .hint("e.g. `- strings_as_keyword: {match_mapping_type: string, mapping: {type: keyword}}`");
            continue;
        };
        let at = child(&at, name);
        check_object(
            r,
            &at,
            definition,
            &format!("dynamic template `{name}`"),
            &[
                ("mapping", Ty::Object),
                ("runtime", Ty::Object),
                ("match_mapping_type", Ty::StrOrList),
                ("unmatch_mapping_type", Ty::StrOrList),
                ("match", Ty::StrOrList),
                ("unmatch", Ty::StrOrList),
                ("path_match", Ty::StrOrList),
                ("path_unmatch", Ty::StrOrList),
                ("match_pattern", Ty::Str),
            ],
            &[],
        );
        if let Some(field_type) = definition.get("mapping").and_then(|m| m.get("type")).and_then(Value::as_str) {
            check_field_type(r, &child(&child(&at, "mapping"), "type"), field_type);
        }
    }
}

fn check_dynamic(r: &mut Report, pointer: &str, dynamic: Option<&Value>) {
    let ok = match dynamic {
        None | Some(Value::Bool(_)) => true,
        Some(Value::String(s)) => matches!(s.as_str(), "true" | "false" | "strict" | "runtime"),
        Some(_) => false,
    };
    if !ok {
        r.error(
            Code::Mapping,
            At::Value(&child(pointer, "dynamic")),
            "`dynamic` must be true, false, strict or runtime",
        );
    }
}

fn check_properties(r: &mut Report, pointer: &str, properties: &Value) {
    let Some(fields) = properties.as_object() else {
        r.error(
            Code::WrongType,
            At::Value(pointer),
            format!("`properties` must be a mapping, not {}", type_name(properties)),
        );
        return;
    };
    for (field, definition) in fields {
        let at = child(pointer, field);
        let Some(def) = definition.as_object() else {
            r.error(
                Code::Mapping,
                At::Value(&at),
                format!("field `{field}` must be a mapping like {{type: keyword}}, not {}", type_name(definition)),
            );
            continue;
        };
        match def.get("type") {
            Some(Value::String(t)) => check_field_type(r, &child(&at, "type"), t),
            Some(other) => check_type(r, &child(&at, "type"), other, "type", Ty::Str),
            None => {}
        }
        if def.get("type").and_then(Value::as_str) == Some("scaled_float") && !def.contains_key("scaling_factor") {
            r.error(Code::Mapping, At::Key(&at), format!("field `{field}` is a scaled_float without `scaling_factor`"))
                .hint("e.g. `scaling_factor: 100` to keep two decimals");
        }
        check_dynamic(r, &at, def.get("dynamic"));
        if let Some(nested) = def.get("properties") {
            check_properties(r, &child(&at, "properties"), nested);
        }
        if let Some(multi) = def.get("fields") {
            check_properties(r, &child(&at, "fields"), multi);
        }
    }
}

fn check_field_type(r: &mut Report, pointer: &str, field_type: &str) {
    if FIELD_TYPES.contains(&field_type) || field_type == "{dynamic_type}" {
        return;
    }
    let reported = r.error(Code::Mapping, At::Value(pointer), format!("no field type `{field_type}`"));
    if let Some(best) = did_you_mean(field_type, &FIELD_TYPES) {
        reported.hint(format!("did you mean `{best}`?"));
    }
}

/// Whether some index name matches both patterns, where `*` matches any run of characters
/// (Elasticsearch's only wildcard in index patterns) — ES's automaton intersection, for globs.
pub fn patterns_overlap(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    // can[i][j]: the suffixes a[i..] and b[j..] can match a common string.
    let mut can = vec![vec![false; b.len() + 1]; a.len() + 1];
    for i in (0..=a.len()).rev() {
        for j in (0..=b.len()).rev() {
            can[i][j] = match (a.get(i), b.get(j)) {
                (None, None) => true,
                // A star may match nothing, or swallow one character the other side must produce.
                (Some('*'), _) if can[i + 1][j] => true,
                (_, Some('*')) if can[i][j + 1] => true,
                (Some('*'), Some(_)) => can[i][j + 1],
                (Some(_), Some('*')) => can[i + 1][j],
                (Some(x), Some(y)) => x == y && can[i + 1][j + 1],
                _ => false,
            };
        }
    }
    can[0][0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_overlap() {
        assert!(patterns_overlap("logs-*", "logs-app-*"));
        assert!(patterns_overlap("logs-*", "*-app"));
        assert!(patterns_overlap("*", "anything"));
        assert!(patterns_overlap("python-logs-*", "python-logs-2024.*"));
        assert!(patterns_overlap("a*b", "*"));
        assert!(patterns_overlap("a*c", "ab*"));
        assert!(!patterns_overlap("logs-*", "metrics-*"));
        assert!(!patterns_overlap("a*b", "a*c"));
        assert!(!patterns_overlap("abc", "abd"));
        assert!(!patterns_overlap("python-logs-*", "python-log"));
        assert!(patterns_overlap("x", "x"));
        assert!(!patterns_overlap("x*", "yx*"));
        assert!(patterns_overlap("*x", "y*"));
    }

    #[test]
    fn settings_flatten_nested_dotted_and_unprefixed() {
        let settings = serde_json::json!({"number_of_shards": 1, "index": {"lifecycle": {"name": "p"}}, "index.codec": "best_compression"});
        let flat = flatten_settings(&settings, "/template/settings");
        let names: Vec<&str> = flat.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["index.number_of_shards", "index.lifecycle.name", "index.codec"]);
        assert_eq!(flat[1].pointer, "/template/settings/index/lifecycle/name");
        assert_eq!(setting(&flat, "index.lifecycle.name").map(|(v, _)| v), Some("p"));
    }
}
