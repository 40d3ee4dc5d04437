//! Index templates: composable (`_index_template`), component (`_component_template`) and legacy
//! (`_template`) templates, their validation (pattern overlaps, missing component templates), the
//! simulate APIs, and [`resolve_for_new_index`], which the server uses to build new indices and
//! data streams.
//!
//! Stored bodies are the GET form, except that `template.settings` (and a legacy template's
//! `settings`) hold the flat normalized map: GET renders it nested or flat on request.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::error::{EsError, EsResult};
use super::expression::simple_match;
use super::http::{ResponseBody, SandboxRequest, SandboxResponse};
use super::mapping;
use super::settings::{self, FlatSettings};
use super::state::Cluster;
use super::units::parse_time_millis;
use super::version::EsVersion;
use super::xcontent::{name_location, strict_date_time, unknown_field_message};

/// What a new index gets from the template that matches its name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResolvedTemplate {
    /// The winning template's name.
    pub name: String,
    /// Merged settings, flat and normalized (component templates in order, then the template's own).
    pub settings: FlatSettings,
    /// Merged mappings (`{}` or `{"properties": …}`), dotted field names expanded.
    pub mappings: Value,
    /// Merged aliases, by name, in GET form.
    pub aliases: Map<String, Value>,
    /// The template has `data_stream`: a matching name creates a data stream.
    pub data_stream: bool,
    /// `data_stream.hidden`: the data stream (and its backing indices) are hidden.
    pub hidden: bool,
    /// `allow_auto_create`, when the template sets it.
    pub allow_auto_create: Option<bool>,
    /// Data stream lifecycle (`template.lifecycle`), when set.
    pub lifecycle: Option<Value>,
    /// `template.data_stream_options` (9.x/8.18+: the failure store), the last section's.
    pub data_stream_options: Option<Value>,
}

fn segment(req: &SandboxRequest, i: usize) -> Option<&str> {
    req.segments.get(i).map(String::as_str)
}

fn not_found_empty() -> SandboxResponse {
    SandboxResponse { status: 404, body: ResponseBody::Empty, headers: Vec::new() }
}

/// Java's `List.toString()`: `[a, b]`.
fn java_list<S: AsRef<str>>(items: &[S]) -> String {
    format!("[{}]", items.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(", "))
}

fn invalid_template(name: &str, cause: &str) -> EsError {
    EsError::new(400, "invalid_index_template_exception", format!("index_template [{name}] invalid, cause [{cause}]"))
}

// ---------------------------------------------------------------------------------------------
// Body parsing

/// Checks the keys of an object against the fields a parser knows, like ES's `ObjectParser`.
fn check_fields(raw: &[u8], path: &[&str], value: &Value, parser: &str, known: &[&str]) -> EsResult<()> {
    for key in value.as_object().into_iter().flat_map(|m| m.keys()) {
        if !known.contains(&key.as_str()) {
            let mut field_path = path.to_vec();
            field_path.push(key);
            return Err(EsError::x_content_parse(format!(
                "{} {}",
                name_location(raw, &field_path),
                unknown_field_message(parser, key, known)
            )));
        }
    }
    Ok(())
}

/// `index_patterns` as a list (a single string is accepted too).
fn string_list(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items.iter().map(settings::scalar_string).collect(),
        _ => Vec::new(),
    }
}

/// Mappings without the `_doc` type wrapper that clients may still send.
fn unwrap_mappings(mappings: &Value) -> Value {
    match mappings.as_object() {
        Some(m) if m.len() == 1 && m.get("_doc").is_some_and(Value::is_object) => m["_doc"].clone(),
        _ => mappings.clone(),
    }
}

/// An alias definition in GET form: `routing` expands to index and search routing.
fn normalize_alias(alias: &Value) -> Value {
    let source = alias.as_object().cloned().unwrap_or_default();
    let mut out = Map::new();
    if let Some(filter) = source.get("filter") {
        out.insert("filter".into(), filter.clone());
    }
    let routing = source.get("routing").map(settings::scalar_string);
    let index_routing = source.get("index_routing").map(settings::scalar_string).or_else(|| routing.clone());
    let search_routing = source.get("search_routing").map(settings::scalar_string).or(routing);
    if let Some(r) = index_routing {
        out.insert("index_routing".into(), json!(r));
    }
    if let Some(r) = search_routing {
        out.insert("search_routing".into(), json!(r));
    }
    for flag in ["is_write_index", "is_hidden"] {
        if let Some(v) = source.get(flag) {
            out.insert(flag.into(), v.clone());
        }
    }
    Value::Object(out)
}

/// The `template` object of a composable or component template, normalized for storage.
fn parse_template_section(raw: &[u8], path: &[&str], value: &Value, version: EsVersion) -> EsResult<Value> {
    let mut known = vec!["settings", "mappings", "aliases"];
    if version.at_least(8, 11) {
        known.push("lifecycle");
    }
    if version.major >= 9 {
        known.push("data_stream_options");
    }
    check_fields(raw, path, value, "template", &known)?;
    let mut out = Map::new();
    if let Some(s) = value.get("settings").filter(|v| !v.is_null()) {
        out.insert("settings".into(), flat_value(&settings::normalize(s)?));
    }
    if let Some(m) = value.get("mappings").filter(|v| !v.is_null()) {
        out.insert("mappings".into(), unwrap_mappings(m));
    }
    if let Some(a) = value.get("aliases").and_then(Value::as_object) {
        let aliases: Map<String, Value> = a.iter().map(|(k, v)| (k.clone(), normalize_alias(v))).collect();
        out.insert("aliases".into(), Value::Object(aliases));
    }
    if let Some(l) = value.get("lifecycle").and_then(Value::as_object) {
        // ES echoes `enabled: true` first when the lifecycle does not say otherwise.
        let mut lifecycle = Map::new();
        lifecycle.insert("enabled".into(), l.get("enabled").cloned().unwrap_or(json!(true)));
        lifecycle.extend(l.iter().filter(|(k, _)| *k != "enabled").map(|(k, v)| (k.clone(), v.clone())));
        out.insert("lifecycle".into(), Value::Object(lifecycle));
    }
    if let Some(d) = value.get("data_stream_options") {
        out.insert("data_stream_options".into(), d.clone());
    }
    Ok(Value::Object(out))
}

fn flat_value(flat: &FlatSettings) -> Value {
    settings::render(flat, true)
}

fn stored_settings(template_section: &Value) -> FlatSettings {
    template_section
        .get("settings")
        .and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default()
}

/// Parses a composable index template body into its stored form.
fn parse_index_template(raw: &[u8], body: &Value, name: &str, version: EsVersion) -> EsResult<Value> {
    let mut known = vec!["index_patterns", "template", "composed_of", "priority", "version", "_meta", "data_stream"];
    if version.at_least(7, 13) {
        known.push("allow_auto_create");
    }
    if version.at_least(8, 7) {
        known.push("ignore_missing_component_templates");
    }
    if version.at_least(8, 12) {
        known.push("deprecated");
    }
    let tracking = version.at_least(9, 2);
    if tracking {
        known.extend(["created_date_millis", "modified_date_millis"]);
    }
    if !body.is_object() {
        return Err(EsError::parse("request body is required"));
    }
    check_fields(raw, &[], body, "index_template", &known)?;
    for (field, property) in [("created_date_millis", "created_date"), ("modified_date_millis", "modified_date")] {
        if tracking && body.get(field).is_some() {
            return Err(invalid_template(
                name,
                &format!("provided a template property which is managed by the system: {property}"),
            ));
        }
    }
    let patterns = string_list(body.get("index_patterns"));
    if body.get("index_patterns").is_none() {
        return Err(EsError::illegal_argument("Required [index_patterns]"));
    }
    let mut out = Map::new();
    out.insert("index_patterns".into(), json!(patterns));
    if let Some(t) = body.get("template").filter(|v| !v.is_null()) {
        out.insert("template".into(), parse_template_section(raw, &["template"], t, version)?);
    }
    if let Some(c) = body.get("composed_of").filter(|v| !v.is_null()) {
        out.insert("composed_of".into(), json!(string_list(Some(c))));
    }
    if let Some(p) = body.get("priority").filter(|v| !v.is_null()) {
        match p.as_i64() {
            Some(n) if n >= 0 => out.insert("priority".into(), json!(n)),
            _ => {
                return Err(EsError::validation(&["index template priority must be >= 0".to_string()]));
            }
        };
    }
    for field in ["version", "_meta"] {
        if let Some(v) = body.get(field).filter(|v| !v.is_null()) {
            out.insert(field.into(), v.clone());
        }
    }
    if let Some(ds) = body.get("data_stream").filter(|v| !v.is_null()) {
        let mut known_ds = vec!["hidden"];
        if version.major >= 8 {
            known_ds.push("allow_custom_routing");
        }
        // 8.18 moved the failure store to `data_stream_options`; the old boolean is still parsed
        // (templates written by 8.14-8.17 snapshots) but ignored: not kept, not shown on GET.
        if version.at_least(8, 18) {
            known_ds.push("failure_store");
        }
        check_fields(raw, &["data_stream"], ds, "data_stream_template", &known_ds)?;
        let mut d = Map::new();
        d.insert("hidden".into(), json!(ds.get("hidden").and_then(Value::as_bool).unwrap_or(false)));
        if version.major >= 8 {
            d.insert(
                "allow_custom_routing".into(),
                json!(ds.get("allow_custom_routing").and_then(Value::as_bool).unwrap_or(false)),
            );
        }
        out.insert("data_stream".into(), Value::Object(d));
    }
    if let Some(a) = body.get("allow_auto_create").filter(|v| !v.is_null()) {
        out.insert("allow_auto_create".into(), a.clone());
    }
    if let Some(i) = body.get("ignore_missing_component_templates").filter(|v| !v.is_null()) {
        out.insert("ignore_missing_component_templates".into(), json!(string_list(Some(i))));
    }
    if body.get("deprecated") == Some(&json!(true)) {
        out.insert("deprecated".into(), json!(true));
    }
    Ok(Value::Object(out))
}

// ---------------------------------------------------------------------------------------------
// Pattern overlap

/// Whether some index name can match both glob patterns (`*` matches any run of characters).
///
/// ES intersects the patterns' automata; for globs with only `*` that is a walk over pairs of
/// positions: a literal must meet an equal literal or a star that swallows it, and a star may
/// match nothing.
pub fn patterns_overlap(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut seen = vec![vec![false; b.len() + 1]; a.len() + 1];
    let mut stack = vec![(0usize, 0usize)];
    while let Some((i, j)) = stack.pop() {
        if seen[i][j] {
            continue;
        }
        seen[i][j] = true;
        if i == a.len() && j == b.len() {
            return true;
        }
        let (ca, cb) = (a.get(i).copied(), b.get(j).copied());
        if ca == Some('*') {
            stack.push((i + 1, j));
        }
        if cb == Some('*') {
            stack.push((i, j + 1));
        }
        match (ca, cb) {
            (Some('*'), Some(c)) if c != '*' => stack.push((i, j + 1)),
            (Some(c), Some('*')) if c != '*' => stack.push((i + 1, j)),
            (Some(x), Some(y)) if x == y && x != '*' => stack.push((i + 1, j + 1)),
            _ => {}
        }
    }
    false
}

fn lists_overlap(a: &[String], b: &[String]) -> bool {
    a.iter().any(|p| b.iter().any(|q| patterns_overlap(p, q)))
}

fn patterns_of(template: &Value) -> Vec<String> {
    string_list(template.get("index_patterns"))
}

fn priority_of(template: &Value) -> i64 {
    template.get("priority").and_then(Value::as_i64).unwrap_or(0)
}

/// `(OLD1 => [p],OLD2 => [q])`: how ES lists conflicting templates.
fn describe_conflicts(conflicts: &BTreeMap<String, Vec<String>>) -> (String, String) {
    let names = conflicts.keys().cloned().collect::<Vec<_>>().join(",");
    let patterns = conflicts.iter().map(|(n, p)| format!("{n} => {}", java_list(p))).collect::<Vec<_>>().join(",");
    (names, patterns)
}

/// Legacy templates whose patterns overlap `patterns` (`findConflictingV1Templates`).
fn conflicting_v1(cluster: &Cluster, patterns: &[String]) -> BTreeMap<String, Vec<String>> {
    cluster
        .legacy_templates
        .iter()
        .filter(|(_, t)| lists_overlap(&patterns_of(t), patterns))
        .map(|(n, t)| (n.clone(), patterns_of(t)))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Validation

/// `MetadataIndexTemplateService.validate`: name and pattern rules, collected ES-style.
fn validate_name_and_patterns(name: &str, patterns: &[String]) -> EsResult<()> {
    let mut errors = Vec::new();
    for (bad, what) in [(" ", "a space"), (",", "a ','"), ("#", "a '#'"), ("*", "a '*'")] {
        if name.contains(bad) {
            errors.push(format!("name must not contain {what}"));
        }
    }
    if name.starts_with('_') {
        errors.push("name must not start with '_'".into());
    }
    if name.to_lowercase() != name {
        errors.push("name must be lower cased".into());
    }
    for pattern in patterns {
        if pattern.contains(' ') {
            errors.push(format!("index_patterns [{pattern}] must not contain a space"));
        }
        if pattern.contains(',') {
            errors.push(format!("index_pattern [{pattern}] must not contain a ','"));
        }
        if pattern.contains('#') {
            errors.push(format!("index_pattern [{pattern}] must not contain a '#'"));
        }
        if pattern.contains(':') {
            errors.push(format!("index_pattern [{pattern}] must not contain a ':'"));
        }
        if pattern.starts_with('_') {
            errors.push(format!("index_pattern [{pattern}] must not start with '_'"));
        }
        if pattern.chars().any(|c| matches!(c, '\\' | '/' | '?' | '"' | '<' | '>' | '|')) {
            errors.push(format!(
                "index_pattern [{pattern}] must not contain the following characters [\\, /, ?, \", <, >, |,  , ,]"
            ));
        }
    }
    if errors.is_empty() {
        return Ok(());
    }
    let mut reason = String::from("Validation Failed: ");
    for (i, e) in errors.iter().enumerate() {
        reason.push_str(&format!("{}: {};", i + 1, e));
    }
    Err(invalid_template(name, &reason))
}

/// The component templates a template names that do not exist and are not optional.
fn missing_component_templates(cluster: &Cluster, template: &Value) -> (Vec<String>, Vec<String>) {
    let optional = string_list(template.get("ignore_missing_component_templates"));
    let missing: Vec<String> = string_list(template.get("composed_of"))
        .into_iter()
        .filter(|c| !cluster.component_templates.contains_key(c))
        .collect();
    let required = missing.iter().filter(|c| !optional.contains(c)).cloned().collect();
    (missing, required)
}

/// Everything ES checks before storing a composable template (except `create`), in ES's order.
/// Returns the warnings to send.
fn validate_index_template(cluster: &Cluster, name: &str, template: &Value) -> EsResult<Vec<String>> {
    let (_, required_missing) = missing_component_templates(cluster, template);
    if !required_missing.is_empty() {
        let cause = if template.get("ignore_missing_component_templates").is_some() {
            format!(
                "index template [{name}] specifies a missing component templates {} that does not exist and is not part of 'ignore_missing_component_templates'",
                java_list(&required_missing)
            )
        } else {
            format!(
                "index template [{name}] specifies component templates {} that do not exist",
                java_list(&required_missing)
            )
        };
        return Err(invalid_template(name, &cause));
    }
    let patterns = patterns_of(template);
    let resolved = Templates::of(cluster).compose(name, template);
    if patterns.iter().any(|p| p == "*") && resolved.settings.contains_key("index.hidden") {
        return Err(invalid_template(name, "global composable templates may not specify the setting index.hidden"));
    }
    if resolved.lifecycle.is_some() && template.get("data_stream").is_none() {
        return Err(EsError::illegal_argument(format!(
            "index template [{name}] specifies lifecycle configuration that can only be used in combination with a data stream"
        )));
    }
    // `validateDataStreamOptions`: a composed `data_stream_options` (a later `null` resets it)
    // needs a data stream template.
    if resolved.data_stream_options.as_ref().is_some_and(|o| !o.is_null()) && template.get("data_stream").is_none() {
        return Err(EsError::illegal_argument(format!(
            "index template [{name}] specifies data stream options that can only be used in combination with a data stream"
        )));
    }
    let priority = priority_of(template);
    let same_priority = Templates::of(cluster).conflicting(name, &patterns, Some(priority));
    if !same_priority.is_empty() {
        let (names, described) = describe_conflicts(&same_priority);
        return Err(EsError::illegal_argument(format!(
            "index template [{name}] has index patterns {} matching patterns from existing templates [{names}] with patterns ({described}) that have the same priority [{priority}], multiple index templates may not match during index creation, please use a different priority",
            java_list(&patterns)
        )));
    }
    let mut warnings = Vec::new();
    let legacy = conflicting_v1(cluster, &patterns);
    if !legacy.is_empty() {
        let (names, described) = describe_conflicts(&legacy);
        warnings.push(format!(
            "index template [{name}] has index patterns {} matching patterns from existing older templates [{names}] with patterns ({described}); this template [{name}] will take precedence during new index creation",
            java_list(&patterns)
        ));
    }
    validate_name_and_patterns(name, &patterns)?;
    validate_data_stream_coverage(cluster, name, template)?;
    check_composed_mappings(Templates::of(cluster), name, template, cluster.version)?;
    Ok(warnings)
}

/// The mapping half of `MetadataIndexTemplateService#validateCompositeTemplate`, run last: the
/// template composed with its component templates must give mappings a new index accepts
/// (within the composed `index.mapping.*` limits), with a date `@timestamp` for a data stream.
fn check_composed_mappings(templates: Templates, name: &str, template: &Value, version: EsVersion) -> EsResult<()> {
    let resolved = templates.compose(name, template);
    let limits = mapping::Limits::from_settings(name, &resolved.settings, version);
    mapping::limits::check_new_mapping(&resolved.mappings, &limits, version)
        .and_then(|()| if resolved.data_stream { check_timestamp_mapping(&resolved.mappings) } else { Ok(()) })
        .map_err(|cause| {
            let components = string_list(template.get("composed_of"));
            let with = if components.is_empty() {
                String::new()
            } else {
                format!("with component templates {} ", java_list(&components))
            };
            EsError::illegal_argument(format!(
                "composable template [{name}] template after composition {with}is invalid"
            ))
            .caused_by(EsError::illegal_argument(format!("invalid composite mappings for [{name}]")).caused_by(cause))
        })
}

/// `MetadataIndexTemplateService#validateTimestampFieldMapping`: a data stream's `@timestamp`,
/// when the template maps it, is an indexed `date` or `date_nanos` (unmapped, ES adds a `date`).
fn check_timestamp_mapping(mappings: &Value) -> EsResult<()> {
    let Some(field) = mappings.pointer("/properties/@timestamp") else { return Ok(()) };
    let kind = mapping::types::field_type(field);
    if !matches!(kind, "date" | "date_nanos") {
        return Err(EsError::illegal_argument(format!(
            "data stream timestamp field [@timestamp] is of type [{kind}], but [date,date_nanos] is expected"
        )));
    }
    if field.get("index").is_some_and(|i| i == false || i == "false") {
        return Err(EsError::illegal_argument("data stream timestamp field [@timestamp] is not indexed"));
    }
    Ok(())
}

/// Replacing a template must not leave an existing data stream without a data stream template.
fn validate_data_stream_coverage(cluster: &Cluster, name: &str, template: &Value) -> EsResult<()> {
    if template.get("data_stream").is_some() {
        return Ok(());
    }
    let current = Templates::of(cluster);
    let with_new = current.with_index_template(name, template);
    let orphaned: Vec<&String> = cluster
        .data_streams
        .keys()
        .filter(|ds| {
            current.find_matching(ds, false).is_some_and(|(t, body)| t == name || body.get("data_stream").is_some())
        })
        .filter(|ds| with_new.find_matching(ds, false).is_none_or(|(_, body)| body.get("data_stream").is_none()))
        .collect();
    if orphaned.is_empty() {
        return Ok(());
    }
    Err(EsError::illegal_argument(format!(
        "composable template [{name}] with index patterns {}, priority [{}] and no data stream configuration would cause data streams {} to no longer match a data stream template",
        java_list(&patterns_of(template)),
        template.get("priority").map(Value::to_string).unwrap_or_else(|| "null".into()),
        java_list(&orphaned)
    )))
}

// ---------------------------------------------------------------------------------------------
// Composition

/// Expands dotted field names (`"a.b": {…}` → `"a": {"properties": {"b": {…}}}`) in a
/// `properties` object, recursively.
fn expand_dots(properties: &Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for (key, field) in properties {
        let mut field = field.clone();
        if let Some(inner) = field.get("properties").and_then(Value::as_object) {
            let expanded = expand_dots(inner);
            field["properties"] = Value::Object(expanded);
        }
        let mut parts: Vec<&str> = key.split('.').collect();
        let leaf = parts.pop().unwrap_or(key);
        let mut wrapped = field;
        let mut name = leaf.to_string();
        while let Some(parent) = parts.pop() {
            let mut props = Map::new();
            props.insert(name, wrapped);
            wrapped = json!({ "properties": props });
            name = parent.to_string();
        }
        let mut single = Map::new();
        single.insert(name, wrapped);
        merge_properties(&mut out, &single);
    }
    out
}

fn is_object_mapper(field: &Value) -> bool {
    match field.get("type").and_then(Value::as_str) {
        None => field.get("properties").is_some() || field.as_object().is_some_and(Map::is_empty),
        Some(t) => t == "object" || t == "nested",
    }
}

/// Merges field mappings the way template composition does (`MergeReason.INDEX_TEMPLATE`):
/// object fields merge their properties and later parameters win; leaf fields are replaced.
fn merge_properties(base: &mut Map<String, Value>, update: &Map<String, Value>) {
    for (name, field) in update {
        match base.get_mut(name) {
            Some(existing) if is_object_mapper(existing) && is_object_mapper(field) => {
                let Some(existing_map) = existing.as_object_mut() else { continue };
                for (k, v) in field.as_object().into_iter().flatten() {
                    if k == "properties" {
                        let target = existing_map.entry("properties").or_insert_with(|| json!({}));
                        if let (Some(t), Some(u)) = (target.as_object_mut(), v.as_object()) {
                            merge_properties(t, u);
                        }
                    } else {
                        existing_map.insert(k.clone(), v.clone());
                    }
                }
            }
            _ => {
                base.insert(name.clone(), field.clone());
            }
        }
    }
}

/// Merges `update` mappings over `base` (both without `_doc`), as template composition and index
/// creation do: properties merge field by field (dotted names expanded), other top-level keys
/// are replaced.
pub fn merge_mappings(base: &mut Value, update: &Value) {
    let update = unwrap_mappings(update);
    let Some(update) = update.as_object() else { return };
    if !base.is_object() {
        *base = json!({});
    }
    let Some(base_map) = base.as_object_mut() else { return };
    for (key, value) in update {
        if key == "properties" {
            let expanded = value.as_object().map(expand_dots).unwrap_or_default();
            let target = base_map.entry("properties").or_insert_with(|| json!({}));
            if let Some(t) = target.as_object_mut() {
                merge_properties(t, &expanded);
            }
        } else {
            base_map.insert(key.clone(), value.clone());
        }
    }
}

/// The composable and component templates a request works with: the cluster's, or the cluster's
/// with one template put in (what a PUT validates and a simulation composes). A view rather than
/// a copy: validating a change must not copy a cluster of 100,000 indices.
#[derive(Clone, Copy)]
pub struct Templates<'a> {
    index_templates: &'a BTreeMap<String, Value>,
    component_templates: &'a BTreeMap<String, Value>,
    /// A composable template added or replaced, by name.
    put_index_template: Option<(&'a str, &'a Value)>,
    /// A component template added or replaced, by name.
    put_component_template: Option<(&'a str, &'a Value)>,
}

impl<'a> Templates<'a> {
    /// The cluster's templates as they are.
    pub fn of(cluster: &'a Cluster) -> Self {
        Templates {
            index_templates: &cluster.index_templates,
            component_templates: &cluster.component_templates,
            put_index_template: None,
            put_component_template: None,
        }
    }

    /// These templates with the composable template `name` added or replaced.
    fn with_index_template(self, name: &'a str, template: &'a Value) -> Self {
        Templates { put_index_template: Some((name, template)), ..self }
    }

    /// These templates with the component template `name` added or replaced.
    fn with_component_template(self, name: &'a str, template: &'a Value) -> Self {
        Templates { put_component_template: Some((name, template)), ..self }
    }

    /// The composable template `name`.
    fn index_template(&self, name: &str) -> Option<&'a Value> {
        match self.put_index_template {
            Some((put, template)) if put == name => Some(template),
            _ => self.index_templates.get(name),
        }
    }

    /// The component template `name`.
    fn component_template(&self, name: &str) -> Option<&'a Value> {
        match self.put_component_template {
            Some((put, template)) if put == name => Some(template),
            _ => self.component_templates.get(name),
        }
    }

    /// Every composable template, in name order.
    fn index_templates(&self) -> impl Iterator<Item = (&'a str, &'a Value)> + 'a {
        use std::ops::Bound::{Excluded, Unbounded};
        let all = self.index_templates;
        let (before, put, after) = match self.put_index_template {
            Some((name, template)) => (
                all.range::<str, _>((Unbounded, Excluded(name))),
                Some((name, template)),
                Some(all.range::<str, _>((Excluded(name), Unbounded))),
            ),
            None => (all.range::<str, _>((Unbounded, Unbounded)), None, None),
        };
        let entry = |(name, template): (&'a String, &'a Value)| (name.as_str(), template);
        before.map(entry).chain(put).chain(after.into_iter().flatten().map(entry))
    }

    /// Composes a composable template: its component templates in order (missing ones skipped),
    /// then its own `template`.
    fn compose(&self, name: &str, template: &Value) -> ResolvedTemplate {
        let mut sections: Vec<&Value> = string_list(template.get("composed_of"))
            .iter()
            .filter_map(|c| self.component_template(c))
            .filter_map(|ct| ct.get("template"))
            .collect();
        if let Some(own) = template.get("template") {
            sections.push(own);
        }
        let mut resolved = ResolvedTemplate { name: name.to_string(), mappings: json!({}), ..Default::default() };
        for section in sections {
            settings::merge(&mut resolved.settings, &stored_settings(section));
            if let Some(m) = section.get("mappings") {
                merge_mappings(&mut resolved.mappings, m);
            }
            for (alias, definition) in section.get("aliases").and_then(Value::as_object).into_iter().flatten() {
                resolved.aliases.insert(alias.clone(), definition.clone());
            }
            if let Some(l) = section.get("lifecycle") {
                resolved.lifecycle = Some(l.clone());
            }
            if let Some(o) = section.get("data_stream_options") {
                resolved.data_stream_options = Some(o.clone());
            }
        }
        if let Some(ds) = template.get("data_stream") {
            resolved.data_stream = true;
            resolved.hidden = ds.get("hidden").and_then(Value::as_bool).unwrap_or(false);
        }
        resolved.allow_auto_create = template.get("allow_auto_create").and_then(Value::as_bool);
        resolved
    }

    /// The composable template that applies to a new index called `index` (`findV2Template`):
    /// the highest priority among those whose patterns match. Global (`*`) templates do not
    /// apply to hidden indices.
    pub fn find_matching(&self, index: &str, hidden: bool) -> Option<(&'a str, &'a Value)> {
        self.index_templates()
            .filter(|(_, t)| {
                let patterns = patterns_of(t);
                let matches = patterns.iter().any(|p| simple_match(p, index));
                matches && !(hidden && patterns.iter().any(|p| p == "*"))
            })
            // Highest priority wins; ties (only possible with legacy data) go to the first name.
            .min_by(|(an, a), (bn, b)| priority_of(b).cmp(&priority_of(a)).then_with(|| an.cmp(bn)))
    }

    /// Composable templates other than `name` whose patterns overlap `patterns`
    /// (`findConflictingV2Templates`), optionally only those with the same priority.
    fn conflicting(&self, name: &str, patterns: &[String], priority: Option<i64>) -> BTreeMap<String, Vec<String>> {
        self.index_templates()
            .filter(|(n, _)| *n != name)
            .filter(|(_, t)| priority.is_none_or(|p| priority_of(t) == p))
            .filter(|(_, t)| lists_overlap(&patterns_of(t), patterns))
            .map(|(n, t)| (n.to_string(), patterns_of(t)))
            .collect()
    }
}

/// The resolved settings of the composable template `name` (used by ILM's `in_use_by`).
pub fn resolved_settings(cluster: &Cluster, name: &str) -> Option<FlatSettings> {
    let templates = Templates::of(cluster);
    templates.index_template(name).map(|t| templates.compose(name, t).settings)
}

/// The composable template that applies to a new index called `index`: see [`Templates::find_matching`].
pub fn find_matching_template<'a>(cluster: &'a Cluster, index: &str, hidden: bool) -> Option<&'a str> {
    Templates::of(cluster).find_matching(index, hidden).map(|(name, _)| name)
}

/// What a new index called `name` gets from templates: the matching composable template, or else
/// the matching legacy templates merged by `order`. `None` when no template matches.
pub fn resolve_for_new_index(cluster: &Cluster, name: &str) -> Option<ResolvedTemplate> {
    let templates = Templates::of(cluster);
    if let Some((template_name, template)) = templates.find_matching(name, false) {
        return Some(templates.compose(template_name, template));
    }
    let mut legacy: Vec<(&String, &Value)> =
        cluster.legacy_templates.iter().filter(|(_, t)| patterns_of(t).iter().any(|p| simple_match(p, name))).collect();
    if legacy.is_empty() {
        return None;
    }
    // Lower `order` first, so that higher orders override.
    legacy.sort_by_key(|(n, t)| (t.get("order").and_then(Value::as_i64).unwrap_or(0), (*n).clone()));
    let mut resolved = ResolvedTemplate { mappings: json!({}), ..Default::default() };
    for (template_name, template) in legacy {
        resolved.name = template_name.clone();
        settings::merge(&mut resolved.settings, &stored_settings(template));
        if let Some(m) = template.get("mappings") {
            merge_mappings(&mut resolved.mappings, m);
        }
        for (alias, definition) in template.get("aliases").and_then(Value::as_object).into_iter().flatten() {
            resolved.aliases.insert(alias.clone(), definition.clone());
        }
    }
    Some(resolved)
}

// ---------------------------------------------------------------------------------------------
// Composable index template handlers

/// `PUT /_index_template/{name}` and `POST /_index_template/{name}`
pub fn put_index_template(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let name = segment(req, 1).unwrap_or_default().to_string();
    let body = req.json()?.ok_or_else(|| EsError::parse("request body is required"))?;
    let mut template = parse_index_template(&req.body, &body, &name, cluster.version)?;
    let existing = cluster.index_templates.get(&name);
    if req.flag("create")? && existing.is_some() {
        return Err(EsError::illegal_argument(format!("index template [{name}] already exists")));
    }
    let warnings = validate_index_template(cluster, &name, &template)?;
    if cluster.version.at_least(9, 2) {
        let now = cluster.now_millis();
        let created = existing.and_then(|t| t.get("created_date_millis")).cloned().unwrap_or(json!(now));
        if let Some(t) = template.as_object_mut() {
            t.insert("created_date_millis".into(), created);
            t.insert("modified_date_millis".into(), json!(now));
        }
    }
    cluster.index_templates.insert(name, template);
    let version = cluster.version;
    Ok(warnings.iter().fold(SandboxResponse::acknowledged(), |r, w| r.with_warning(version, w)))
}

/// A stored template in GET form: settings nested (or flat), `?human` dates.
fn render_template(stored: &Value, req: &SandboxRequest) -> EsResult<Value> {
    let flat = req.flag("flat_settings")?;
    let human = req.flag("human")?;
    let mut out = Map::new();
    for (key, value) in stored.as_object().into_iter().flatten() {
        match key.as_str() {
            "template" => {
                let mut section = value.as_object().cloned().unwrap_or_default();
                if let Some(s) = section.get_mut("settings") {
                    *s = settings::render(&stored_settings(&json!({"settings": s.clone()})), flat);
                }
                if let Some(l) = section.get_mut("lifecycle") {
                    *l = lifecycle_for_output(l, req.flag("include_defaults")?);
                }
                out.insert(key.clone(), Value::Object(section));
            }
            "created_date_millis" | "modified_date_millis" => {
                if human && let Some(millis) = value.as_i64() {
                    let human_key = key.trim_end_matches("_millis").to_string();
                    out.insert(human_key, json!(strict_date_time(millis)));
                }
                out.insert(key.clone(), value.clone());
            }
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    Ok(Value::Object(out))
}

/// A data stream lifecycle as GET shows it; with `include_defaults` ES adds the rollover
/// conditions it would apply (`cluster.lifecycle.default.rollover`), `max_age` derived from the
/// retention and marked `[automatic]`.
fn lifecycle_for_output(lifecycle: &Value, include_defaults: bool) -> Value {
    let mut out = lifecycle.clone();
    if !include_defaults {
        return out;
    }
    let day = 86_400_000;
    let retention = lifecycle
        .get("data_retention")
        .and_then(Value::as_str)
        .and_then(|r| parse_time_millis(r, "data_retention").ok());
    let max_age = match retention {
        None => "30d",
        Some(r) if r <= day => "1h",
        Some(r) if r <= 14 * day => "1d",
        Some(r) if r <= 90 * day => "7d",
        Some(_) => "30d",
    };
    if let Some(map) = out.as_object_mut() {
        map.insert(
            "rollover".into(),
            json!({
                "max_age": format!("{max_age} [automatic]"),
                "max_primary_shard_size": "50gb",
                "max_primary_shard_docs": 200_000_000,
                "min_docs": 1,
            }),
        );
    }
    out
}

/// Selects templates by a single name or wildcard; `None` name means all.
fn select<'a>(all: &'a BTreeMap<String, Value>, name: Option<&str>) -> EsResult<Vec<(&'a String, &'a Value)>> {
    if let Some(n) = name
        && n.contains(',')
    {
        return Err(EsError::validation(&["template name may not contain ','".to_string()]));
    }
    Ok(all.iter().filter(|(k, _)| name.is_none_or(|n| n == "_all" || simple_match(n, k))).collect())
}

/// `GET /_index_template` and `GET /_index_template/{name}`
pub fn get_index_template(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let name = segment(req, 1);
    let selected = select(&cluster.index_templates, name)?;
    let mut list = Vec::new();
    for (n, t) in selected {
        list.push(json!({"name": n, "index_template": render_template(t, req)?}));
    }
    match name {
        Some(n) if list.is_empty() && !n.contains('*') => {
            Err(EsError::resource_not_found(format!("index template matching [{n}] not found")))
        }
        Some(_) if list.is_empty() => Ok(SandboxResponse::json(404, json!({"index_templates": []}))),
        _ => Ok(SandboxResponse::ok(json!({"index_templates": list}))),
    }
}

/// `HEAD /_index_template/{name}`
pub fn exists_index_template(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let found = !select(&cluster.index_templates, segment(req, 1))?.is_empty();
    Ok(if found {
        SandboxResponse { status: 200, body: ResponseBody::Empty, headers: Vec::new() }
    } else {
        not_found_empty()
    })
}

/// Names for a DELETE: a comma list of exact names or a single wildcard.
fn names_to_delete(all: &BTreeMap<String, Value>, expression: &str) -> (Vec<String>, Vec<String>) {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for name in expression.split(',').filter(|s| !s.is_empty()) {
        if name.contains('*') {
            found.extend(all.keys().filter(|k| simple_match(name, k)).cloned());
        } else if all.contains_key(name) {
            found.push(name.to_string());
        } else {
            missing.push(name.to_string());
        }
    }
    (found, missing)
}

/// `DELETE /_index_template/{name}`
pub fn delete_index_template(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let expression = segment(req, 1).unwrap_or_default();
    let (names, missing) = names_to_delete(&cluster.index_templates, expression);
    if !missing.is_empty() {
        return Err(EsError::new(
            404,
            "index_template_missing_exception",
            format!("index_template [{}] missing", missing.join(",")),
        ));
    }
    // Data streams whose only matching data stream templates are being removed.
    let deleting: BTreeSet<&str> = names.iter().map(String::as_str).collect();
    let in_use: BTreeSet<&String> = cluster
        .data_streams
        .keys()
        .filter(|ds| {
            let matching: Vec<&String> = cluster
                .index_templates
                .iter()
                .filter(|(_, t)| t.get("data_stream").is_some() && patterns_of(t).iter().any(|p| simple_match(p, ds)))
                .map(|(n, _)| n)
                .collect();
            !matching.is_empty() && matching.iter().all(|n| deleting.contains(n.as_str()))
        })
        .collect();
    if !in_use.is_empty() {
        return Err(EsError::illegal_argument(format!(
            "unable to remove composable templates {} as they are in use by a data streams {}",
            java_list(&deleting.iter().collect::<Vec<_>>().iter().map(|s| s.to_string()).collect::<Vec<_>>()),
            java_list(&in_use.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        )));
    }
    for name in &names {
        cluster.index_templates.remove(name);
    }
    Ok(SandboxResponse::acknowledged())
}

// ---------------------------------------------------------------------------------------------
// Component templates

/// `PUT /_component_template/{name}` and `POST /_component_template/{name}`
pub fn put_component_template(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let name = segment(req, 1).unwrap_or_default().to_string();
    let body = req.json()?.ok_or_else(|| EsError::parse("request body is required"))?;
    let version = cluster.version;
    let mut known = vec!["template", "version", "_meta"];
    if version.at_least(8, 12) {
        known.push("deprecated");
    }
    let tracking = version.at_least(9, 2);
    if tracking {
        known.extend(["created_date", "modified_date", "created_date_millis", "modified_date_millis"]);
    }
    check_fields(&req.body, &[], &body, "component_template", &known)?;
    for field in ["created_date", "modified_date", "created_date_millis", "modified_date_millis"] {
        if tracking && body.get(field).is_some() {
            return Err(EsError::validation(&[format!(
                "Provided a template property which is managed by the system: {}",
                field.trim_end_matches("_millis")
            )]));
        }
    }
    let Some(section) = body.get("template").filter(|t| t.is_object()) else {
        return Err(EsError::illegal_argument("Required [template]"));
    };
    let existing = cluster.component_templates.get(&name);
    if req.flag("create")? && existing.is_some() {
        return Err(EsError::illegal_argument(format!("component template [{name}] already exists")));
    }
    let mut stored = Map::new();
    stored.insert("template".into(), parse_template_section(&req.body, &["template"], section, version)?);
    for field in ["version", "_meta"] {
        if let Some(v) = body.get(field).filter(|v| !v.is_null()) {
            stored.insert(field.into(), v.clone());
        }
    }
    if body.get("deprecated") == Some(&json!(true)) {
        stored.insert("deprecated".into(), json!(true));
    }
    if tracking {
        let created =
            existing.and_then(|t| t.get("created_date_millis")).cloned().unwrap_or(json!(cluster.now_millis()));
        stored.insert("created_date_millis".into(), created);
        stored.insert("modified_date_millis".into(), json!(cluster.now_millis()));
    }
    let stored = Value::Object(stored);
    // `validateTemplate`: the component's own mappings must suit a new index with its settings.
    if let Some(section) = stored.get("template")
        && let Some(mappings) = section.get("mappings")
    {
        let limits = mapping::Limits::from_settings(&name, &stored_settings(section), version);
        mapping::limits::check_new_mapping(mappings, &limits, version)?;
    }
    // Every composable template using it must still be valid after the change.
    let updated = Templates::of(cluster).with_component_template(&name, &stored);
    for (template_name, template) in &cluster.index_templates {
        if !string_list(template.get("composed_of")).contains(&name) {
            continue;
        }
        let invalidated = |cause: EsError| {
            EsError::illegal_argument(format!(
                "updating component template [{name}] results in invalid composable template [{template_name}] after templates are merged"
            ))
            .caused_by(cause)
        };
        let resolved = updated.compose(template_name, template);
        if patterns_of(template).iter().any(|p| p == "*") && resolved.settings.contains_key("index.hidden") {
            return Err(invalidated(invalid_template(
                template_name,
                "global composable templates may not specify the setting index.hidden",
            )));
        }
        check_composed_mappings(updated, template_name, template, version).map_err(invalidated)?;
    }
    cluster.component_templates.insert(name, stored);
    Ok(SandboxResponse::acknowledged())
}

/// `GET /_component_template` and `GET /_component_template/{name}`
pub fn get_component_template(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let name = segment(req, 1);
    let selected = select(&cluster.component_templates, name)?;
    let mut list = Vec::new();
    for (n, t) in selected {
        list.push(json!({"name": n, "component_template": render_template(t, req)?}));
    }
    match name {
        Some(n) if list.is_empty() && !n.contains('*') => {
            Err(EsError::resource_not_found(format!("component template matching [{n}] not found")))
        }
        Some(_) if list.is_empty() => Ok(SandboxResponse::json(404, json!({"component_templates": []}))),
        _ => Ok(SandboxResponse::ok(json!({"component_templates": list}))),
    }
}

/// `HEAD /_component_template/{name}`
pub fn exists_component_template(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let found = !select(&cluster.component_templates, segment(req, 1))?.is_empty();
    Ok(if found {
        SandboxResponse { status: 200, body: ResponseBody::Empty, headers: Vec::new() }
    } else {
        not_found_empty()
    })
}

/// `DELETE /_component_template/{name}`
pub fn delete_component_template(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let expression = segment(req, 1).unwrap_or_default();
    let (names, missing) = names_to_delete(&cluster.component_templates, expression);
    if !missing.is_empty() {
        return Err(EsError::resource_not_found(missing.join(",")));
    }
    // Only required uses block: templates that list it as optional do not.
    let users: Vec<&String> = cluster
        .index_templates
        .iter()
        .filter(|(_, t)| {
            let optional = string_list(t.get("ignore_missing_component_templates"));
            string_list(t.get("composed_of")).iter().any(|c| names.contains(c) && !optional.contains(c))
        })
        .map(|(n, _)| n)
        .collect();
    if !users.is_empty() {
        let used: Vec<&String> = names
            .iter()
            .filter(|n| users.iter().any(|u| string_list(cluster.index_templates[*u].get("composed_of")).contains(n)))
            .collect();
        return Err(EsError::illegal_argument(format!(
            "component templates {} cannot be removed as they are still in use by index templates {}",
            java_list(&used),
            java_list(&users)
        )));
    }
    for name in &names {
        cluster.component_templates.remove(name);
    }
    Ok(SandboxResponse::acknowledged())
}

// ---------------------------------------------------------------------------------------------
// Simulation

/// The `_simulate*` response for a resolved template: `{template:{settings,mappings,aliases},overlapping}`.
fn simulation_response(
    cluster: &Cluster,
    templates: Templates<'_>,
    resolved: &ResolvedTemplate,
    patterns: &[String],
    req: &SandboxRequest,
) -> EsResult<SandboxResponse> {
    let mut settings = resolved.settings.clone();
    // ES's data tier setting provider adds a tier preference to every new index (since 7.10).
    let tier_key = "index.routing.allocation.include._tier_preference";
    if cluster.version.at_least(7, 10)
        && !settings.keys().any(|k| k.starts_with("index.routing.allocation.include._tier"))
    {
        let tier = if resolved.data_stream { "data_hot" } else { "data_content" };
        settings.insert(tier_key.into(), json!(tier));
    }
    let mut template = Map::new();
    template.insert("settings".into(), settings::render(&settings, req.flag("flat_settings")?));
    template.insert("mappings".into(), resolved.mappings.clone());
    template.insert("aliases".into(), Value::Object(resolved.aliases.clone()));
    if let Some(lifecycle) = &resolved.lifecycle {
        template.insert("lifecycle".into(), lifecycle_for_output(lifecycle, req.flag("include_defaults")?));
    }
    let mut overlapping: Vec<Value> = Vec::new();
    for (name, p) in conflicting_v1(cluster, patterns) {
        overlapping.push(json!({"name": name, "index_patterns": p}));
    }
    for (name, p) in templates.conflicting(&resolved.name, patterns, None) {
        overlapping.push(json!({"name": name, "index_patterns": p}));
    }
    Ok(SandboxResponse::ok(json!({"template": template, "overlapping": overlapping})))
}

/// The request body's template, to be added under `name`, validated like a PUT.
fn body_template(cluster: &Cluster, req: &SandboxRequest, name: &str) -> EsResult<Option<Value>> {
    let Some(body) = req.json()? else { return Ok(None) };
    let template = parse_index_template(&req.body, &body, name, cluster.version)?;
    if req.flag("create")? && cluster.index_templates.contains_key(name) {
        return Err(EsError::illegal_argument(format!("index template [{name}] already exists")));
    }
    let (_, required_missing) = missing_component_templates(cluster, &template);
    if !required_missing.is_empty() {
        return Err(invalid_template(
            name,
            &format!(
                "index template [{name}] specifies component templates {} that do not exist",
                java_list(&required_missing)
            ),
        ));
    }
    Ok(Some(template))
}

/// The name under which a simulated body template is added (ES uses a random suffix).
const SIMULATED_TEMPLATE: &str = "simulate_index_template";

/// `POST /_index_template/_simulate_index/{index}`
pub fn simulate_index(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let index = segment(req, 2).unwrap_or_default();
    let simulated = body_template(cluster, req, SIMULATED_TEMPLATE)?;
    let templates = match &simulated {
        Some(template) => Templates::of(cluster).with_index_template(SIMULATED_TEMPLATE, template),
        None => Templates::of(cluster),
    };
    let Some((winner, template)) = templates.find_matching(index, false) else {
        return Ok(SandboxResponse { status: 200, body: ResponseBody::Empty, headers: Vec::new() });
    };
    let resolved = templates.compose(winner, template);
    simulation_response(cluster, templates, &resolved, &patterns_of(template), req)
}

/// `POST /_index_template/_simulate` and `POST /_index_template/_simulate/{name}`
pub fn simulate_template(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let name = segment(req, 2);
    let simulated = body_template(cluster, req, name.unwrap_or(SIMULATED_TEMPLATE))?;
    let templates = match &simulated {
        Some(template) => Templates::of(cluster).with_index_template(name.unwrap_or(SIMULATED_TEMPLATE), template),
        None => Templates::of(cluster),
    };
    let template_name = match (name, simulated.is_some()) {
        (Some(n), _) => n,
        (None, true) => SIMULATED_TEMPLATE,
        (None, false) => {
            return Err(EsError::validation(&["must specify a template name or a template body".to_string()]));
        }
    };
    let Some(template) = templates.index_template(template_name) else {
        return Err(EsError::illegal_argument(format!(
            "unable to simulate template [{template_name}] that does not exist"
        )));
    };
    let resolved = templates.compose(template_name, template);
    simulation_response(cluster, templates, &resolved, &patterns_of(template), req)
}

// ---------------------------------------------------------------------------------------------
// Legacy templates

/// `PUT /_template/{name}` and `POST /_template/{name}`
pub fn put_legacy_template(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let name = segment(req, 1).unwrap_or_default().to_string();
    let body = req.json()?.ok_or_else(|| EsError::parse("request body is required"))?;
    let version = cluster.version;
    check_fields(
        &req.body,
        &[],
        &body,
        "index_template",
        &["index_patterns", "order", "version", "settings", "mappings", "aliases"],
    )?;
    if req.flag("create")? && cluster.legacy_templates.contains_key(&name) {
        return Err(EsError::illegal_argument(format!("index_template [{name}] already exists")));
    }
    let patterns = string_list(body.get("index_patterns"));
    if patterns.is_empty() {
        return Err(invalid_template(&name, "Validation Failed: 1: index patterns are missing;"));
    }
    let unchanged_update =
        cluster.legacy_templates.get(&name).is_some_and(|existing| patterns_of(existing) == patterns);
    if !unchanged_update && !patterns.iter().any(|p| p == "*") {
        let conflicts = Templates::of(cluster).conflicting("", &patterns, None);
        if !conflicts.is_empty() {
            let (names, described) = describe_conflicts(&conflicts);
            return Err(EsError::illegal_argument(format!(
                "legacy template [{name}] has index patterns {} matching patterns from existing composable templates [{names}] with patterns ({described}), use composable templates (/_index_template) instead",
                java_list(&patterns)
            )));
        }
    }
    validate_name_and_patterns(&name, &patterns)?;
    // `validateTemplate`: the mappings must suit a new index with the template's settings.
    let flat = settings::normalize(body.get("settings").unwrap_or(&Value::Null))?;
    let mappings = body.get("mappings").map(unwrap_mappings).unwrap_or(json!({}));
    mapping::limits::check_new_mapping(&mappings, &mapping::Limits::from_settings(&name, &flat, version), version)?;
    let order =
        req.param("order").and_then(|o| o.parse::<i64>().ok()).or_else(|| body.get("order").and_then(Value::as_i64));
    let mut stored = Map::new();
    stored.insert("order".into(), json!(order.unwrap_or(0)));
    if let Some(v) = body.get("version").filter(|v| !v.is_null()) {
        stored.insert("version".into(), v.clone());
    }
    stored.insert("index_patterns".into(), json!(patterns));
    stored.insert("settings".into(), flat_value(&flat));
    stored.insert("mappings".into(), mappings);
    let aliases: Map<String, Value> = body
        .get("aliases")
        .and_then(Value::as_object)
        .map(|a| a.iter().map(|(k, v)| (k.clone(), normalize_alias(v))).collect())
        .unwrap_or_default();
    stored.insert("aliases".into(), Value::Object(aliases));
    cluster.legacy_templates.insert(name, Value::Object(stored));
    Ok(SandboxResponse::acknowledged())
}

/// `GET /_template` and `GET /_template/{name}` (comma lists and wildcards)
pub fn get_legacy_template(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let flat = req.flag("flat_settings")?;
    let requested: Vec<&str> = segment(req, 1).map(|n| n.split(',').collect()).unwrap_or_default();
    let mut out = Map::new();
    for (name, template) in &cluster.legacy_templates {
        if !requested.is_empty() && !requested.iter().any(|r| simple_match(r, name)) {
            continue;
        }
        let mut rendered = template.as_object().cloned().unwrap_or_default();
        rendered.insert("settings".into(), settings::render(&stored_settings(template), flat));
        out.insert(name.clone(), Value::Object(rendered));
    }
    let status = if out.is_empty() && !requested.is_empty() { 404 } else { 200 };
    Ok(SandboxResponse::json(status, Value::Object(out)))
}

/// `HEAD /_template/{name}`
pub fn exists_legacy_template(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let requested: Vec<&str> = segment(req, 1).map(|n| n.split(',').collect()).unwrap_or_default();
    let found = cluster.legacy_templates.keys().any(|k| requested.iter().any(|r| simple_match(r, k)));
    Ok(if found {
        SandboxResponse { status: 200, body: ResponseBody::Empty, headers: Vec::new() }
    } else {
        not_found_empty()
    })
}

/// `DELETE /_template/{name}`
pub fn delete_legacy_template(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let expression = segment(req, 1).unwrap_or_default();
    let (names, missing) = names_to_delete(&cluster.legacy_templates, expression);
    if !missing.is_empty() || (names.is_empty() && !expression.contains('*')) {
        return Err(EsError::new(
            404,
            "index_template_missing_exception",
            format!("index_template [{}] missing", expression),
        ));
    }
    for name in names {
        cluster.legacy_templates.remove(&name);
    }
    Ok(SandboxResponse::acknowledged())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;
    use crate::router::test_request as request;
    use crate::state::DataStream;

    fn body_of(r: &SandboxResponse) -> Value {
        match &r.body {
            ResponseBody::Json(v) => v.clone(),
            other => panic!("not JSON: {other:?}"),
        }
    }

    fn cluster() -> Cluster {
        Cluster::new(EsVersion::DEFAULT, 1_700_000_000_000)
    }

    fn put_it(c: &mut Cluster, name: &str, body: Value) -> EsResult<SandboxResponse> {
        put_index_template(c, &request(Method::Put, &format!("/_index_template/{name}"), body))
    }

    fn put_ct(c: &mut Cluster, name: &str, body: Value) {
        put_component_template(c, &request(Method::Put, &format!("/_component_template/{name}"), body)).unwrap();
    }

    #[test]
    fn glob_overlap() {
        assert!(patterns_overlap("logs-*", "logs-app-*"));
        assert!(patterns_overlap("*-x", "y-*"));
        assert!(patterns_overlap("abc", "a*c"));
        assert!(patterns_overlap("*", "anything"));
        assert!(patterns_overlap("a*b*c", "*bbc"));
        assert!(!patterns_overlap("a*", "b*"));
        assert!(!patterns_overlap("abc", "abd"));
        assert!(!patterns_overlap("*a", "*b"));
        assert!(!patterns_overlap("a*b", "c*"));
        assert!(!patterns_overlap("logs-*-x", "metrics-*"));
    }

    #[test]
    fn get_normalizes_settings_mappings_aliases_and_defaults() {
        let mut c = cluster();
        put_it(
            &mut c,
            "test",
            json!({
                "index_patterns": "test-*",
                "data_stream": {},
                "template": {
                    "settings": {"number_of_shards": 1, "index.lifecycle.name": "p"},
                    "mappings": {"_doc": {"properties": {"field": {"type": "keyword"}}}},
                    "aliases": {"b": {"routing": "r"}, "a": {}}
                }
            }),
        )
        .unwrap();
        let got =
            body_of(&get_index_template(&c, &request(Method::Get, "/_index_template/test", Value::Null)).unwrap());
        let t = &got["index_templates"][0]["index_template"];
        assert_eq!(t["index_patterns"], json!(["test-*"]));
        assert_eq!(t["template"]["settings"], json!({"index": {"lifecycle": {"name": "p"}, "number_of_shards": "1"}}));
        assert_eq!(t["template"]["mappings"], json!({"properties": {"field": {"type": "keyword"}}}));
        assert_eq!(t["template"]["aliases"], json!({"b": {"index_routing": "r", "search_routing": "r"}, "a": {}}));
        assert_eq!(t["data_stream"], json!({"hidden": false, "allow_custom_routing": false}));
        assert!(t.get("composed_of").is_none());
        let flat = body_of(
            &get_index_template(&c, &request(Method::Get, "/_index_template/test?flat_settings=true", Value::Null))
                .unwrap(),
        );
        assert_eq!(flat["index_templates"][0]["index_template"]["template"]["settings"]["index.number_of_shards"], "1");
    }

    #[test]
    fn same_priority_overlap_is_refused_with_es_message() {
        let mut c = cluster();
        put_it(&mut c, "a", json!({"index_patterns": ["logs-*"]})).unwrap();
        put_it(&mut c, "b", json!({"index_patterns": ["other-*", "logs-x*"], "priority": 0})).unwrap_err();
        let e = put_it(&mut c, "new", json!({"index_patterns": ["logs-app-*", "x"]})).unwrap_err();
        assert_eq!(
            e.reason,
            "index template [new] has index patterns [logs-app-*, x] matching patterns from existing templates [a] with patterns (a => [logs-*]) that have the same priority [0], multiple index templates may not match during index creation, please use a different priority"
        );
        put_it(&mut c, "new", json!({"index_patterns": ["logs-app-*"], "priority": 1})).unwrap();
        // Replacing a template does not conflict with itself.
        put_it(&mut c, "a", json!({"index_patterns": ["logs-*"], "version": 2})).unwrap();
    }

    #[test]
    fn missing_component_templates() {
        let mut c = cluster();
        put_ct(&mut c, "red", json!({"template": {"mappings": {"properties": {"foo": {"type": "keyword"}}}}}));
        let e = put_it(&mut c, "blue", json!({"index_patterns": ["p"], "composed_of": ["red", "blue"]})).unwrap_err();
        assert_eq!(e.kind, "invalid_index_template_exception");
        assert_eq!(
            e.reason,
            "index_template [blue] invalid, cause [index template [blue] specifies component templates [blue] that do not exist]"
        );
        let e = put_it(
            &mut c,
            "blue",
            json!({"index_patterns": ["p"], "composed_of": ["red", "blue"], "ignore_missing_component_templates": ["foo"]}),
        )
        .unwrap_err();
        assert!(e.reason.starts_with(
            "index_template [blue] invalid, cause [index template [blue] specifies a missing component templates [blue] that does not exist"
        ));
        put_it(
            &mut c,
            "blue",
            json!({"index_patterns": ["p"], "composed_of": ["red", "blue"], "ignore_missing_component_templates": ["blue"]}),
        )
        .unwrap();
        assert_eq!(
            resolve_for_new_index(&c, "p").unwrap().mappings,
            json!({"properties": {"foo": {"type": "keyword"}}})
        );
    }

    #[test]
    fn create_flag_and_unknown_fields() {
        let mut c = cluster();
        put_it(&mut c, "t", json!({"index_patterns": ["t-*"]})).unwrap();
        let e = put_index_template(
            &mut c,
            &request(Method::Put, "/_index_template/t?create=true", json!({"index_patterns": ["t-*"]})),
        )
        .unwrap_err();
        assert_eq!(e.reason, "index template [t] already exists");
        let e = put_it(&mut c, "u", json!({"index_patterns": ["u"], "settings": {}})).unwrap_err();
        assert_eq!(e.kind, "x_content_parse_exception");
        assert!(e.reason.ends_with("[index_template] unknown field [settings]"), "{}", e.reason);
        let e = put_it(&mut c, "u", json!({})).unwrap_err();
        assert_eq!(e.status, 400);
    }

    // MetadataIndexTemplateServiceTests#testIndexTemplateFailsToOverrideComponentTemplateMappingField
    // and DataStreamIT#testTimestampFieldCustomAttributes: composed mappings are validated at PUT,
    // errors chained as ES chains them; a component breaking a composable template is refused.
    #[test]
    fn template_mappings_are_validated_at_put_as_es_does() {
        let mut c = cluster();
        let bad_type = json!({"properties": {"x": {"type": "nosuchtype"}}});
        let e =
            put_it(&mut c, "t", json!({"index_patterns": ["t-*"], "template": {"mappings": bad_type}})).unwrap_err();
        let body = e.to_body();
        assert_eq!(body["error"]["reason"], "composable template [t] template after composition is invalid");
        assert_eq!(body["error"]["caused_by"]["reason"], "invalid composite mappings for [t]");
        assert_eq!(body["error"]["caused_by"]["caused_by"]["type"], "mapper_parsing_exception");
        assert_eq!(body["error"]["root_cause"][0]["reason"], "No handler for type [nosuchtype] declared on field [x]");

        let e = put_component_template(
            &mut c,
            &request(Method::Put, "/_component_template/bad", json!({"template": {"mappings": bad_type}})),
        )
        .unwrap_err();
        assert_eq!(
            (e.kind.as_str(), e.reason.as_str()),
            (
                "mapper_parsing_exception",
                "Failed to parse mapping: No handler for type [nosuchtype] declared on field [x]"
            )
        );

        put_ct(&mut c, "ts", json!({"template": {"mappings": {"properties": {"@timestamp": {"type": "date"}}}}}));
        put_it(&mut c, "ds", json!({"index_patterns": ["ds-*"], "data_stream": {}, "composed_of": ["ts"]})).unwrap();
        let keyword_ts = json!({"template": {"mappings": {"properties": {"@timestamp": {"type": "keyword"}}}}});
        let e =
            put_component_template(&mut c, &request(Method::Put, "/_component_template/ts", keyword_ts)).unwrap_err();
        assert_eq!(
            e.reason,
            "updating component template [ts] results in invalid composable template [ds] after templates are merged"
        );
        assert_eq!(
            e.to_body()["error"]["caused_by"]["reason"],
            "composable template [ds] template after composition with component templates [ts] is invalid"
        );
        assert_eq!(
            e.to_body()["error"]["root_cause"][0]["reason"],
            "data stream timestamp field [@timestamp] is of type [keyword], but [date,date_nanos] is expected"
        );

        let limited = json!({"index_patterns": ["l-*"], "template": {
            "settings": {"index.mapping.total_fields.limit": 1},
            "mappings": {"properties": {"a": {"type": "keyword"}, "b": {"type": "keyword"}}}}});
        let e = put_it(&mut c, "l", limited).unwrap_err();
        assert_eq!(e.to_body()["error"]["root_cause"][0]["reason"], "Limit of total fields [1] has been exceeded");
        assert!(c.index_templates.contains_key("ds") && !c.index_templates.contains_key("l"));
    }

    #[test]
    fn the_failure_store_boolean_is_unknown_before_8_18_and_ignored_after() {
        let body = json!({"index_patterns": ["fs-*"], "data_stream": {"failure_store": true}});
        let e = put_it(&mut cluster(), "fs", body.clone()).unwrap_err();
        assert!(e.reason.ends_with("[data_stream_template] unknown field [failure_store]"), "{}", e.reason);
        let mut nine = Cluster::new(EsVersion::new(9, 1, 0), 1_700_000_000_000);
        put_it(&mut nine, "fs", body).unwrap();
        let got =
            body_of(&get_index_template(&nine, &request(Method::Get, "/_index_template/fs", Value::Null)).unwrap());
        let stream = &got["index_templates"][0]["index_template"]["data_stream"];
        assert_eq!(stream, &json!({"hidden": false, "allow_custom_routing": false}), "not kept: {got}");
    }

    #[test]
    fn get_and_delete_not_found_shapes() {
        let mut c = cluster();
        let e = get_index_template(&c, &request(Method::Get, "/_index_template/nope", Value::Null)).unwrap_err();
        assert_eq!((e.status, e.reason.as_str()), (404, "index template matching [nope] not found"));
        let r = get_index_template(&c, &request(Method::Get, "/_index_template/nope*", Value::Null)).unwrap();
        assert_eq!((r.status, body_of(&r)), (404, json!({"index_templates": []})));
        assert_eq!(
            get_index_template(&c, &request(Method::Get, "/_index_template/a,b", Value::Null)).unwrap_err().status,
            400
        );
        let e =
            delete_index_template(&mut c, &request(Method::Delete, "/_index_template/x,y", Value::Null)).unwrap_err();
        assert_eq!(
            (e.kind.as_str(), e.reason.as_str()),
            ("index_template_missing_exception", "index_template [x,y] missing")
        );
        delete_index_template(&mut c, &request(Method::Delete, "/_index_template/*", Value::Null)).unwrap();
        let e = get_component_template(&c, &request(Method::Get, "/_component_template/ct", Value::Null)).unwrap_err();
        assert_eq!(e.reason, "component template matching [ct] not found");
        let e = delete_component_template(&mut c, &request(Method::Delete, "/_component_template/ct1", Value::Null))
            .unwrap_err();
        assert_eq!((e.status, e.reason.as_str()), (404, "ct1"));
        let head = exists_index_template(&c, &request(Method::Head, "/_index_template/zzz", Value::Null)).unwrap();
        assert_eq!(head.status, 404);
    }

    #[test]
    fn component_template_in_use_cannot_be_deleted() {
        let mut c = cluster();
        put_ct(
            &mut c,
            "ct",
            json!({"template": {"settings": {"number_of_replicas": 0}}, "version": 2, "_meta": {"a": 1}}),
        );
        put_it(&mut c, "t", json!({"index_patterns": ["t-*"], "composed_of": ["ct"]})).unwrap();
        let e = delete_component_template(&mut c, &request(Method::Delete, "/_component_template/ct", Value::Null))
            .unwrap_err();
        assert_eq!(
            e.reason,
            "component templates [ct] cannot be removed as they are still in use by index templates [t]"
        );
        let got = body_of(
            &get_component_template(&c, &request(Method::Get, "/_component_template/ct", Value::Null)).unwrap(),
        );
        assert_eq!(
            got["component_templates"][0],
            json!({"name": "ct", "component_template": {"template": {"settings": {"index": {"number_of_replicas": "0"}}}, "version": 2, "_meta": {"a": 1}}})
        );
    }

    #[test]
    fn composition_order_and_mapping_merge() {
        let mut c = cluster();
        put_ct(
            &mut c,
            "ct_low",
            json!({"template": {"settings": {"number_of_replicas": 1}, "aliases": {"aliasname": {"is_write_index": false}},
            "mappings": {"properties": {"object1.red": {"type": "keyword"}, "object2.red": {"type": "keyword"}}}}}),
        );
        put_ct(
            &mut c,
            "ct_high",
            json!({"template": {"settings": {"index.number_of_replicas": 0},
            "mappings": {"properties": {"object2.red": {"type": "text"}, "object1.blue": {"type": "text"}}}}}),
        );
        put_it(
            &mut c,
            "my-template",
            json!({"index_patterns": ["foo", "bar-*"], "composed_of": ["ct_low", "ct_high"], "priority": 400,
                "template": {"settings": {"index.number_of_shards": 2}, "aliases": {"aliasname": {"filter": {"match_all": {}}}},
                    "mappings": {"properties": {"object2.blue": {"type": "integer"}}}}}),
        )
        .unwrap();
        let r = resolve_for_new_index(&c, "bar-baz").unwrap();
        assert_eq!(r.name, "my-template");
        assert_eq!(r.settings["index.number_of_replicas"], "0");
        assert_eq!(r.settings["index.number_of_shards"], "2");
        assert_eq!(r.aliases["aliasname"], json!({"filter": {"match_all": {}}}));
        assert_eq!(
            r.mappings,
            json!({"properties": {
                "object1": {"properties": {"red": {"type": "keyword"}, "blue": {"type": "text"}}},
                "object2": {"properties": {"red": {"type": "text"}, "blue": {"type": "integer"}}}
            }})
        );
        assert!(resolve_for_new_index(&c, "nothing").is_none());
    }

    #[test]
    fn simulate_index_and_template() {
        let mut c = cluster();
        put_legacy_template(
            &mut c,
            &request(
                Method::Put,
                "/_template/v1_template",
                json!({"index_patterns": ["test*", "t1*"], "settings": {"number_of_shards": 5}}),
            ),
        )
        .unwrap();
        let r = put_it(
            &mut c,
            "v2_template",
            json!({"index_patterns": "test*", "priority": 10, "template": {"settings": {"number_of_shards": 10}}}),
        )
        .unwrap();
        assert_eq!(
            r.headers[0].1,
            "299 Elasticsearch-8.15.0-00000000 \"index template [v2_template] has index patterns [test*] matching patterns from existing older templates [v1_template] with patterns (v1_template => [test*, t1*]); this template [v2_template] will take precedence during new index creation\""
        );
        put_it(
            &mut c,
            "winning",
            json!({"index_patterns": "test*", "priority": 20, "template": {"settings": {"number_of_shards": 1}}}),
        )
        .unwrap();
        let sim = body_of(
            &simulate_index(&c, &request(Method::Post, "/_index_template/_simulate_index/test", Value::Null)).unwrap(),
        );
        assert_eq!(sim["template"]["settings"]["index"]["number_of_shards"], "1");
        assert_eq!(
            sim["template"]["settings"]["index"]["routing"]["allocation"]["include"]["_tier_preference"],
            "data_content"
        );
        assert_eq!(
            sim["overlapping"],
            json!([{"name": "v1_template", "index_patterns": ["test*", "t1*"]}, {"name": "v2_template", "index_patterns": ["test*"]}])
        );
        let none =
            simulate_index(&c, &request(Method::Post, "/_index_template/_simulate_index/will_not_match", Value::Null))
                .unwrap();
        assert_eq!((none.status, none.body), (200, ResponseBody::Empty));

        put_ct(&mut c, "ct", json!({"template": {"settings": {"index.number_of_replicas": 3}}}));
        let body = json!({"index_patterns": "te*", "priority": 10, "composed_of": ["ct"], "template": {"settings": {"index.blocks.write": true}}});
        let sim = body_of(
            &simulate_template(&c, &request(Method::Post, "/_index_template/_simulate/v2_template", body)).unwrap(),
        );
        assert_eq!(sim["template"]["settings"]["index"]["blocks"]["write"], "true");
        assert_eq!(sim["template"]["settings"]["index"]["number_of_replicas"], "3");
        assert_eq!(sim["overlapping"].as_array().unwrap().len(), 2);
        // Simulation changes nothing.
        assert_eq!(c.index_templates["v2_template"]["priority"], 10);
        assert!(c.index_templates["v2_template"].get("composed_of").is_none());
    }

    #[test]
    fn legacy_templates_round_trip_and_conflict_with_composable() {
        let mut c = cluster();
        put_it(&mut c, "modern", json!({"index_patterns": ["logs-*"]})).unwrap();
        let e = put_legacy_template(
            &mut c,
            &request(Method::Put, "/_template/old", json!({"index_patterns": ["logs-a*"]})),
        )
        .unwrap_err();
        assert_eq!(
            e.reason,
            "legacy template [old] has index patterns [logs-a*] matching patterns from existing composable templates [modern] with patterns (modern => [logs-*]), use composable templates (/_index_template) instead"
        );
        put_legacy_template(
            &mut c,
            &request(
                Method::Put,
                "/_template/old",
                json!({"index_patterns": ["m-*"], "order": 3, "settings": {"number_of_shards": 2}}),
            ),
        )
        .unwrap();
        let got = body_of(&get_legacy_template(&c, &request(Method::Get, "/_template/old", Value::Null)).unwrap());
        assert_eq!(
            got["old"],
            json!({"order": 3, "index_patterns": ["m-*"], "settings": {"index": {"number_of_shards": "2"}}, "mappings": {}, "aliases": {}})
        );
        assert_eq!(resolve_for_new_index(&c, "m-1").unwrap().settings["index.number_of_shards"], "2");
        let missing = get_legacy_template(&c, &request(Method::Get, "/_template/none", Value::Null)).unwrap();
        assert_eq!((missing.status, body_of(&missing)), (404, json!({})));
    }

    #[test]
    fn lifecycle_defaults_on_request() {
        let mut c = cluster();
        put_ct(&mut c, "lc", json!({"template": {"lifecycle": {"data_retention": "10d"}}}));
        let plain = body_of(
            &get_component_template(&c, &request(Method::Get, "/_component_template/lc", Value::Null)).unwrap(),
        );
        assert_eq!(
            plain["component_templates"][0]["component_template"]["template"]["lifecycle"],
            json!({"enabled": true, "data_retention": "10d"})
        );
        let full = body_of(
            &get_component_template(
                &c,
                &request(Method::Get, "/_component_template/lc?include_defaults=true", Value::Null),
            )
            .unwrap(),
        );
        assert_eq!(
            full["component_templates"][0]["component_template"]["template"]["lifecycle"]["rollover"]["max_age"],
            "1d [automatic]"
        );
    }

    #[test]
    fn data_stream_templates_in_use() {
        let mut c = cluster();
        put_it(&mut c, "ds", json!({"index_patterns": ["logs-app-*"], "data_stream": {}})).unwrap();
        c.data_streams.insert(
            "logs-app-default".into(),
            DataStream {
                name: "logs-app-default".into(),
                indices: vec![],
                generation: 1,
                template: "ds".into(),
                hidden: false,
                meta: None,
                lifecycle: None,
            },
        );
        let e =
            delete_index_template(&mut c, &request(Method::Delete, "/_index_template/ds", Value::Null)).unwrap_err();
        assert_eq!(
            e.reason,
            "unable to remove composable templates [ds] as they are in use by a data streams [logs-app-default]"
        );
        let e = put_it(&mut c, "ds", json!({"index_patterns": ["logs-app-*"]})).unwrap_err();
        assert!(
            e.reason.contains("would cause data streams [logs-app-default] to no longer match a data stream template"),
            "{}",
            e.reason
        );
        let r = resolve_for_new_index(&c, "logs-app-x").unwrap();
        assert!(r.data_stream && !r.hidden);
    }
}
