//! The index settings that bound and tune mappings (`index.mapping.*`), and ES's checks of them
//! (`MappingLookup#checkLimits`).

use serde_json::Value;

use super::types::{collect_paths, field_type, total_fields};
use crate::error::{EsError, EsResult};
use crate::settings::FlatSettings;
use crate::state::Index;
use crate::version::EsVersion;

/// `index.mapping.*` settings of one index, with ES's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Index name, for 7.17's limit messages.
    pub index: String,
    /// `index.mapping.total_fields.limit` (1000).
    pub total_fields: usize,
    /// `index.mapping.total_fields.ignore_dynamic_beyond_limit` (8.13+, false).
    pub ignore_dynamic_beyond_limit: bool,
    /// `index.mapping.depth.limit` (20).
    pub depth: usize,
    /// `index.mapping.nested_fields.limit` (50).
    pub nested_fields: usize,
    /// `index.mapping.nested_objects.limit` (10000), per document.
    pub nested_objects: u64,
    /// `index.mapping.field_name_length.limit` (unbounded).
    pub field_name_length: usize,
    /// `index.mapping.ignore_malformed` (false): default of the fields' `ignore_malformed`.
    pub ignore_malformed: bool,
    /// `index.mapping.coerce` (true): default of the fields' `coerce`.
    pub coerce: bool,
}

impl Limits {
    /// Reads an index's settings.
    pub fn of(index: &Index, version: EsVersion) -> Limits {
        Limits::from_settings(&index.name, &index.settings, version)
    }

    /// Reads flat `index.`-prefixed settings (an index's, or a template's composed ones).
    pub fn from_settings(index: &str, settings: &FlatSettings, version: EsVersion) -> Limits {
        let setting = |key: &str| crate::settings::get(settings, key);
        let number = |key: &str, default: usize| setting(key).and_then(|s| s.parse().ok()).unwrap_or(default);
        let flag = |key: &str, default: bool| setting(key).map_or(default, |s| s == "true");
        Limits {
            index: index.to_string(),
            total_fields: number("index.mapping.total_fields.limit", 1000),
            ignore_dynamic_beyond_limit: version.at_least(8, 13)
                && flag("index.mapping.total_fields.ignore_dynamic_beyond_limit", false),
            depth: number("index.mapping.depth.limit", 20),
            nested_fields: number("index.mapping.nested_fields.limit", 50),
            nested_objects: number("index.mapping.nested_objects.limit", 10_000) as u64,
            field_name_length: number("index.mapping.field_name_length.limit", usize::MAX),
            ignore_malformed: flag("index.mapping.ignore_malformed", false),
            coerce: flag("index.mapping.coerce", true),
        }
    }
}

fn total_fields_exceeded(limits: &Limits, version: EsVersion, added: Option<usize>) -> EsError {
    let limit = limits.total_fields;
    EsError::illegal_argument(match added {
        // DocumentParserContext#addDynamicMapper (8.13+) counts the fields a document adds.
        Some(n) if version.at_least(8, 13) => {
            format!("Limit of total fields [{limit}] has been exceeded while adding new fields [{n}]")
        }
        _ if version.major == 7 => {
            format!("Limit of total fields [{limit}] in index [{}] has been exceeded", limits.index)
        }
        _ => format!("Limit of total fields [{limit}] has been exceeded"),
    })
}

/// Whether `added` more fields fit under the total-fields limit.
pub(crate) fn check_new_fields(mapping: &Value, limits: &Limits, version: EsVersion, added: usize) -> EsResult<()> {
    if added > 0 && total_fields(mapping) + added > limits.total_fields {
        return Err(total_fields_exceeded(limits, version, Some(added)));
    }
    Ok(())
}

/// `MapperService#merge` of a mapping into a new, empty index (what template validation does
/// with a temporary index): parse errors come as `mapper_parsing_exception` "Failed to parse
/// mapping: …" (`MapperService#parseMapping`), limit violations as they are.
pub fn check_new_mapping(mapping: &Value, limits: &Limits, version: EsVersion) -> EsResult<()> {
    super::types::validate(mapping, version).map_err(|cause| {
        EsError::new(400, "mapper_parsing_exception", format!("Failed to parse mapping: {}", cause.reason))
            .caused_by(cause)
    })?;
    check(mapping, limits, version)
}

/// `MappingLookup#checkLimits`: total fields, object depth, nested fields, field name length.
pub fn check(mapping: &Value, limits: &Limits, version: EsVersion) -> EsResult<()> {
    if total_fields(mapping) > limits.total_fields {
        return Err(total_fields_exceeded(limits, version, None));
    }
    let mut paths = Vec::new();
    collect_paths(mapping, "", &mut paths);
    let mut nested = 0;
    for (path, def) in &paths {
        let leaf = path.rsplit('.').next().unwrap_or(path);
        if leaf.chars().count() > limits.field_name_length {
            return Err(EsError::illegal_argument(format!(
                "Field name [{leaf}] is longer than the limit of [{}] characters",
                limits.field_name_length
            )));
        }
        let t = field_type(def);
        if t == "object" || t == "nested" {
            // MappingLookup#checkObjectDepthLimit: an object at `a.b` is two levels deep.
            let depth = path.matches('.').count() + 1;
            if depth > limits.depth {
                return Err(EsError::illegal_argument(format!(
                    "Limit of mapping depth [{}] has been exceeded due to object field [{path}]",
                    limits.depth
                )));
            }
        }
        if t == "nested" {
            nested += 1;
        }
    }
    if nested > limits.nested_fields {
        return Err(EsError::illegal_argument(format!(
            "Limit of nested fields [{}] has been exceeded",
            limits.nested_fields
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn limits() -> Limits {
        Limits {
            index: "i".into(),
            total_fields: 3,
            ignore_dynamic_beyond_limit: false,
            depth: 2,
            nested_fields: 1,
            nested_objects: 10,
            field_name_length: 5,
            ignore_malformed: false,
            coerce: true,
        }
    }

    /// `MappingLookup#checkFieldLimit`, `#checkObjectDepthLimit`, `#checkNestedLimit`,
    /// `#checkFieldNameLengthLimit`.
    #[test]
    fn mapping_limits() {
        let v8 = EsVersion::new(8, 15, 0);
        let ok = json!({"properties": {"a": {"properties": {"b": {"type": "long"}}}}});
        check(&ok, &limits(), v8).unwrap();
        let many = json!({"properties": {"a": {"type": "long"}, "b": {"type": "long"}, "c": {"type": "text", "fields": {"k": {"type": "keyword"}}}}});
        assert_eq!(check(&many, &limits(), v8).unwrap_err().reason, "Limit of total fields [3] has been exceeded");
        assert_eq!(
            check(&many, &limits(), EsVersion::new(7, 17, 0)).unwrap_err().reason,
            "Limit of total fields [3] in index [i] has been exceeded"
        );
        let deep = json!({"properties": {"a": {"properties": {"b": {"properties": {"c": {}}}}}}});
        assert_eq!(
            check(&deep, &limits(), v8).unwrap_err().reason,
            "Limit of mapping depth [2] has been exceeded due to object field [a.b.c]"
        );
        let nested = json!({"properties": {"a": {"type": "nested"}, "b": {"type": "nested"}}});
        assert_eq!(check(&nested, &limits(), v8).unwrap_err().reason, "Limit of nested fields [1] has been exceeded");
        let long_name = json!({"properties": {"abcdef": {"type": "long"}}});
        assert_eq!(
            check(&long_name, &limits(), v8).unwrap_err().reason,
            "Field name [abcdef] is longer than the limit of [5] characters"
        );
        assert_eq!(
            check_new_fields(&ok, &limits(), v8, 2).unwrap_err().reason,
            "Limit of total fields [3] has been exceeded while adding new fields [2]"
        );
    }
}
