//! The read APIs over mappings: `GET /{index}/_mapping/field/{fields}` and `_field_caps`.

use std::collections::BTreeMap;

use es_syntax::glob::simple_match;
use serde_json::{Map, Value, json};

use super::types::{collect_paths, field_type, is_object_type};
use crate::error::EsResult;
use crate::expression::{self, IndicesOptions, split_list};
use crate::http::{SandboxRequest, SandboxResponse};
use crate::state::Cluster;

/// Every mapped field of a mapping by full path (objects, fields, multi-fields, then runtime
/// fields), with the definition under its leaf name.
fn mapped_fields(mapping: &Value) -> Vec<(String, Value, FieldKind)> {
    let mut paths = Vec::new();
    collect_paths(mapping, "", &mut paths);
    let multi: Vec<String> = paths
        .iter()
        .flat_map(|(p, d)| {
            d.get("fields").and_then(Value::as_object).into_iter().flatten().map(move |(s, _)| format!("{p}.{s}"))
        })
        .collect();
    let mut out: Vec<(String, Value, FieldKind)> = paths
        .into_iter()
        .map(|(p, d)| {
            let kind = if multi.contains(&p) { FieldKind::MultiField } else { FieldKind::Field };
            (p, d.clone(), kind)
        })
        .collect();
    for (name, def) in mapping.get("runtime").and_then(Value::as_object).into_iter().flatten() {
        out.push((name.clone(), def.clone(), FieldKind::Runtime));
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum FieldKind {
    Field,
    MultiField,
    Runtime,
}

/// `GET [/{index}]/_mapping/field/{fields}` (`TransportGetFieldMappingsIndexAction`): each
/// concrete field whose full name matches, as `{full_name, mapping: {leaf: definition}}`.
pub fn get_field_mapping(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let opts = IndicesOptions::STRICT_EXPAND_OPEN.from_request(req)?;
    let patterns = split_list(req.param("fields"));
    let include_defaults = req.flag("include_defaults")?;
    let mut out = Map::new();
    for name in expression::resolve(cluster, &split_list(req.param("index")), opts)? {
        let Some(index) = cluster.indices.get(&name) else { continue };
        let mut fields = Map::new();
        for (path, def, kind) in mapped_fields(&index.mappings) {
            if kind == FieldKind::Runtime || is_object_type(field_type(&def)) {
                continue;
            }
            if patterns.iter().any(|p| simple_match(p, &path)) {
                let leaf = path.rsplit('.').next().unwrap_or(&path).to_string();
                let mut shown = def.clone();
                if let Value::Object(m) = &mut shown {
                    m.remove("fields");
                    if include_defaults {
                        for (k, v) in parameter_defaults(field_type(&def)) {
                            m.entry(k.to_string()).or_insert_with(|| v.clone());
                        }
                    }
                }
                let mut mapping = Map::new();
                mapping.insert(leaf, shown);
                fields.insert(path.clone(), json!({"full_name": path, "mapping": mapping}));
            }
        }
        out.insert(name, json!({"mappings": fields}));
    }
    Ok(SandboxResponse::ok(Value::Object(out)))
}

/// The defaults `include_defaults` adds (each `FieldMapper.Parameter`'s default value).
fn parameter_defaults(field_type: &str) -> Vec<(&'static str, Value)> {
    let mut out = vec![("meta", json!({})), ("copy_to", json!([]))];
    let indexed = [("index", json!(true)), ("store", json!(false))];
    match field_type {
        "text" => {
            out.extend(indexed);
            out.extend([
                ("analyzer", json!("default")),
                ("search_analyzer", json!("default")),
                ("search_quote_analyzer", json!("default")),
                ("norms", json!(true)),
                ("eager_global_ordinals", json!(false)),
                ("fielddata", json!(false)),
                ("index_phrases", json!(false)),
                ("position_increment_gap", json!(100)),
                ("similarity", json!("BM25")),
                ("term_vector", json!("no")),
                ("index_options", json!("positions")),
            ]);
        }
        "keyword" => {
            out.extend(indexed);
            out.extend([
                ("doc_values", json!(true)),
                ("ignore_above", json!(2147483647)),
                ("norms", json!(false)),
                ("eager_global_ordinals", json!(false)),
                ("split_queries_on_whitespace", json!(false)),
                ("index_options", json!("docs")),
                ("similarity", json!("BM25")),
                ("null_value", Value::Null),
                ("normalizer", Value::Null),
            ]);
        }
        "long" | "integer" | "short" | "byte" | "double" | "float" | "half_float" | "unsigned_long"
        | "scaled_float" => {
            out.extend(indexed);
            out.extend([
                ("doc_values", json!(true)),
                ("coerce", json!(true)),
                ("ignore_malformed", json!(false)),
                ("null_value", Value::Null),
            ]);
        }
        "date" | "date_nanos" => {
            out.extend(indexed);
            out.extend([
                ("doc_values", json!(true)),
                ("format", json!(super::values::DateFieldFormat::DEFAULT)),
                ("locale", json!("ENGLISH")),
                ("ignore_malformed", json!(false)),
                ("null_value", Value::Null),
            ]);
        }
        "boolean" | "ip" => {
            out.extend(indexed);
            out.extend([("doc_values", json!(true)), ("null_value", Value::Null)]);
        }
        _ => {}
    }
    out
}

/// Metadata fields `_field_caps` lists (`MetadataFieldMapper`s of every index): name,
/// searchable, aggregatable.
const METADATA_FIELDS: &[(&str, bool, bool)] = &[
    ("_id", true, false),
    ("_index", true, true),
    ("_source", false, false),
    ("_seq_no", true, true),
    ("_ignored", true, false),
    ("_routing", true, false),
    ("_version", false, false),
    ("_field_names", true, false),
    ("_tier", true, true),
];

/// The capabilities of one field in one index.
#[derive(Debug, Clone, PartialEq)]
struct Capability {
    field_type: String,
    metadata: bool,
    searchable: bool,
    aggregatable: bool,
    meta: Map<String, Value>,
}

fn flag(def: &Value, key: &str, default: bool) -> bool {
    def.get(key).map_or(default, |v| v == &json!(true) || v == "true")
}

/// `MappedFieldType#isSearchable`/`#isAggregatable` per type.
fn capability(def: &Value, kind: FieldKind) -> Capability {
    let t = field_type(def).to_string();
    let indexed = flag(def, "index", true);
    let doc_values = flag(def, "doc_values", true);
    let (searchable, aggregatable) = match (kind, t.as_str()) {
        (FieldKind::Runtime, _) => (true, true),
        (_, "object" | "nested") => (false, false),
        (_, "text") => (indexed, flag(def, "fielddata", false)),
        (_, "match_only_text") => (true, false),
        (_, "wildcard" | "constant_keyword") => (true, true),
        (_, "binary") => (false, doc_values && def.get("doc_values").is_some()),
        // Points or doc values make numbers, dates, ips and booleans searchable.
        (_, _) => (indexed || doc_values, doc_values),
    };
    let meta = def.get("meta").and_then(Value::as_object).cloned().unwrap_or_default();
    Capability { field_type: t, metadata: false, searchable, aggregatable, meta }
}

/// `GET|POST [/{index}]/_field_caps?fields=…` (`TransportFieldCapabilitiesAction`): per field and
/// type, whether it is searchable and aggregatable, with the indices where it differs.
pub fn field_caps(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let opts = IndicesOptions::STRICT_EXPAND_OPEN.from_request(req)?;
    let body = req.json()?.unwrap_or_else(|| json!({}));
    // Both need to know which fields hold values, which takes evaluating queries over documents.
    if body.get("index_filter").is_some() || req.param("include_empty_fields") == Some("false") {
        return Err(crate::EsError::illegal_argument(
            "the esops sandbox does not evaluate [index_filter] or [include_empty_fields=false] in field_caps requests",
        ));
    }
    let mut patterns = split_list(req.param("fields"));
    if let Some(fields) = body.get("fields") {
        patterns.extend(match fields {
            Value::String(s) => split_list(Some(s)),
            Value::Array(a) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            _ => Vec::new(),
        });
    }
    if patterns.is_empty() {
        return Err(crate::EsError::validation(&["specified fields can't be null or empty".to_string()]));
    }
    let filters = split_list(req.param("filters"));
    let types = split_list(req.param("types"));
    let include_unmapped = req.flag("include_unmapped")?;
    let names = expression::resolve(cluster, &split_list(req.param("index")), opts)?;
    // field → index → capability
    let mut found: BTreeMap<String, BTreeMap<String, Capability>> = BTreeMap::new();
    for name in &names {
        let Some(index) = cluster.indices.get(name) else { continue };
        let mut per_index: Vec<(String, Capability, FieldKind)> = mapped_fields(&index.mappings)
            .into_iter()
            .map(|(p, d, k)| {
                let c = capability(&d, k);
                (p, c, k)
            })
            .collect();
        if !filters.iter().any(|f| f == "-metadata") {
            for (field, searchable, aggregatable) in METADATA_FIELDS {
                let cap = Capability {
                    field_type: field.to_string(),
                    metadata: true,
                    searchable: *searchable,
                    aggregatable: *aggregatable,
                    meta: Map::new(),
                };
                per_index.push((field.to_string(), cap, FieldKind::Field));
            }
        }
        let nested: Vec<String> =
            per_index.iter().filter(|(_, c, _)| c.field_type == "nested").map(|(p, _, _)| p.clone()).collect();
        for (path, cap, kind) in per_index {
            if !patterns.iter().any(|p| simple_match(p, &path)) {
                continue;
            }
            let excluded = filters.iter().any(|f| match f.as_str() {
                "+metadata" => !cap.metadata,
                "-metadata" => cap.metadata,
                "-parent" => cap.field_type == "object" || cap.field_type == "nested",
                "-nested" => nested.iter().any(|n| path == *n || path.starts_with(&format!("{n}."))),
                "-multifield" => kind == FieldKind::MultiField,
                _ => false,
            });
            if excluded || (!types.is_empty() && !types.contains(&cap.field_type)) {
                continue;
            }
            found.entry(path).or_default().insert(name.clone(), cap);
        }
    }
    let mut fields = Map::new();
    for (field, per_index) in &found {
        let mut by_type: BTreeMap<&str, Vec<(&String, &Capability)>> = BTreeMap::new();
        for (index, cap) in per_index {
            by_type.entry(cap.field_type.as_str()).or_default().push((index, cap));
        }
        let several_types = by_type.len() > 1 || (include_unmapped && per_index.len() < names.len());
        let mut entry = Map::new();
        for (field_type, members) in &by_type {
            let mut caps = Map::new();
            caps.insert("type".into(), json!(field_type));
            caps.insert("metadata_field".into(), json!(members[0].1.metadata));
            let searchable: Vec<&String> = members.iter().filter(|(_, c)| c.searchable).map(|(i, _)| *i).collect();
            let aggregatable: Vec<&String> = members.iter().filter(|(_, c)| c.aggregatable).map(|(i, _)| *i).collect();
            caps.insert("searchable".into(), json!(searchable.len() == members.len()));
            caps.insert("aggregatable".into(), json!(aggregatable.len() == members.len()));
            let indices: Vec<&String> = members.iter().map(|(i, _)| *i).collect();
            if several_types {
                caps.insert("indices".into(), json!(indices));
            }
            if !searchable.is_empty() && searchable.len() < members.len() {
                let non: Vec<&&String> = indices.iter().filter(|i| !searchable.contains(i)).collect();
                caps.insert("non_searchable_indices".into(), json!(non));
            }
            if !aggregatable.is_empty() && aggregatable.len() < members.len() {
                let non: Vec<&&String> = indices.iter().filter(|i| !aggregatable.contains(i)).collect();
                caps.insert("non_aggregatable_indices".into(), json!(non));
            }
            // `meta` merges into one list of values per key.
            let mut meta: BTreeMap<String, Vec<Value>> = BTreeMap::new();
            for (_, c) in members {
                for (k, v) in &c.meta {
                    let values = meta.entry(k.clone()).or_default();
                    if !values.contains(v) {
                        values.push(v.clone());
                    }
                }
            }
            if !meta.is_empty() {
                caps.insert("meta".into(), json!(meta));
            }
            entry.insert(field_type.to_string(), Value::Object(caps));
        }
        if include_unmapped && per_index.len() < names.len() {
            let unmapped: Vec<&String> = names.iter().filter(|n| !per_index.contains_key(*n)).collect();
            entry.insert(
                "unmapped".into(),
                json!({"type": "unmapped", "metadata_field": false, "searchable": false, "aggregatable": false,
                       "indices": unmapped}),
            );
        }
        fields.insert(field.clone(), Value::Object(entry));
    }
    Ok(SandboxResponse::ok(json!({"indices": names, "fields": fields})))
}
