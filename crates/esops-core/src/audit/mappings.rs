//! Mapping trouble before it loses data: a family's field count near
//! `index.mapping.total_fields.limit`, a field mapped with different types across a family's
//! indices (Kibana's "conflict"), indices whose documents had values ignored (`_ignored`:
//! `ignore_malformed`, `ignore_above`). Pure: reads what [`super::collect`] gathered.

use super::FamilyMappings;
use super::report::{Finding, FindingCode, Severity};
use crate::es::cluster_state::{DEFAULT_TOTAL_FIELDS_LIMIT, IndexSettings};

/// Share of `index.mapping.total_fields.limit` from which the field count is reported.
pub const FIELD_LIMIT_WARN_PERCENT: u64 = 80;

/// One member of a family, as these findings need it.
pub struct Member<'a> {
    /// The index name.
    pub name: &'a str,
    /// Its settings, when it sets any.
    pub settings: Option<&'a IndexSettings>,
}

/// The mapping findings of family `family` over its selected `members` (oldest first).
pub fn findings(out: &mut Vec<Finding>, family: &str, members: &[Member<'_>], mappings: &FamilyMappings) {
    let caps = &mappings.field_caps;
    // A set, not a scan per member: 100 members of 100 indices each, over 1,000 families.
    let answered: std::collections::BTreeSet<&str> = caps.indices.iter().map(String::as_str).collect();
    let mapped: Vec<&Member<'_>> = members.iter().filter(|m| answered.contains(m.name)).collect();

    // The field count of the newest index: the one new fields are added to.
    if let Some(newest) = mapped.last() {
        let count = caps.field_count(newest.name) as u64;
        let limit = newest.settings.and_then(|s| s.total_fields_limit).unwrap_or(DEFAULT_TOTAL_FIELDS_LIMIT);
        if limit > 0 && count * 100 >= limit * FIELD_LIMIT_WARN_PERCENT {
            let full = count >= limit;
            out.push(Finding {
                code: FindingCode::MappingFieldLimit,
                severity: if full { Severity::Error } else { Severity::Warn },
                subject: family.to_string(),
                indices: vec![newest.name.to_string()],
                evidence: format!(
                    "{} maps {count} fields of its index.mapping.total_fields.limit of {limit} ({}%){}",
                    newest.name,
                    count * 100 / limit,
                    if full { ": documents with a new field are refused" } else { "" }
                ),
                action: "map free-form extras under one `flattened` field (or `dynamic: false` for a namespace) in the index template; raising the limit only postpones it".into(),
            });
        }
    }

    let names: Vec<&str> = mapped.iter().map(|m| m.name).collect();
    for (field, by_type) in caps.conflicts(&names) {
        let mut indices: Vec<String> = by_type.iter().flat_map(|(_, on)| on.iter().map(|i| i.to_string())).collect();
        indices.sort();
        indices.dedup();
        let types = by_type.iter().map(|(t, on)| format!("{t} in {}", describe(on))).collect::<Vec<_>>().join(", ");
        out.push(Finding {
            code: FindingCode::MappingTypeConflict,
            severity: Severity::Warn,
            subject: family.to_string(),
            indices,
            evidence: format!("field `{field}` is mapped as {types}: Kibana shows it as a conflict, and queries on it fail or miss documents in some indices"),
            action: format!("declare `{field}` in the family's index template with one type (or keep such fields under a `flattened` field); reindex the indices of the other type if their documents must be searched by it"),
        });
    }

    let mut ignored: Vec<(&str, &super::IgnoredValues)> =
        mapped.iter().filter_map(|m| mappings.ignored.get(m.name).map(|v| (m.name, v))).collect();
    ignored.sort_by_key(|(name, _)| *name);
    if !ignored.is_empty() {
        let docs: u64 = ignored.iter().map(|(_, v)| v.docs).sum();
        let mut fields: Vec<&str> = ignored.iter().flat_map(|(_, v)| v.fields.iter().map(String::as_str)).collect();
        fields.sort();
        fields.dedup();
        let malformed = ignored
            .iter()
            .any(|(name, _)| mapped.iter().any(|m| m.name == *name && m.settings.is_some_and(|s| s.ignore_malformed)));
        out.push(Finding {
            code: FindingCode::IgnoredValues,
            severity: Severity::Warn,
            subject: family.to_string(),
            indices: ignored.iter().map(|(name, _)| name.to_string()).collect(),
            evidence: format!(
                "{docs} document(s) kept values out of the index{} (fields: {}): the values are in _source, but no query or aggregation finds them",
                if malformed { " (index.mapping.ignore_malformed)" } else { " (ignore_malformed, ignore_above)" },
                fields.join(", ")
            ),
            action: "find them with the KQL `_ignored: *` (or `_ignored: FIELD`), fix what writes the values or the field's mapping".into(),
        });
    }
}

/// A list of index names, shortened past three.
fn describe(indices: &[&str]) -> String {
    match indices {
        [one] => one.to_string(),
        few if few.len() <= 3 => few.join(", "),
        many => format!("{} indices ({} … {})", many.len(), many[0], many[many.len() - 1]),
    }
}
