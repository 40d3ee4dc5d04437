//! Cluster → esops YAML: the first step of adopting an existing cluster. Each resource becomes one
//! document in the plain-body form (`kind`, `name`, then exactly what would be PUT), with the
//! server's defaults and bookkeeping taken out by the same normalizer the plan uses — so planning
//! an exported tree against the cluster it came from shows no changes.

use std::path::PathBuf;

use serde_json::{Map, Value, json};

use super::normalize::{canonical, put_body};
use super::plan::{Ownership, ownership};
use crate::es::resources::StoredResource;
use crate::resources::ResourceKind;
use es_syntax::glob::simple_match;

/// Which stored resources to export.
#[derive(Debug, Clone, Default)]
pub struct ExportFilter {
    /// Only these kinds (empty: all).
    pub kinds: Vec<ResourceKind>,
    /// Only names matching one of these `*` patterns (empty: all).
    pub names: Vec<String>,
    /// Also Elastic's own resources (`_meta.managed: true`, names starting with `.`).
    pub include_managed: bool,
}

impl ExportFilter {
    fn selects(&self, r: &StoredResource) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&r.kind))
            && (self.names.is_empty() || self.names.iter().any(|p| simple_match(p, &r.name)))
            && (self.include_managed || ownership(r.kind, &r.name, &r.body) != Ownership::Elastic)
            // esops's own bookkeeping, not a resource of any tree.
            && !super::ledger::is_ledger(r.kind, &r.body)
    }
}

/// One exported resource.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedResource {
    /// Kind.
    pub kind: ResourceKind,
    /// Name.
    pub name: String,
    /// Where it goes under the output directory: `ilm_policy/python-logs.yaml`.
    pub path: PathBuf,
    /// The YAML document.
    pub yaml: String,
}

/// The documents for the resources `filter` selects, ordered by kind (apply order), then name.
pub fn export(stored: &[StoredResource], filter: &ExportFilter) -> anyhow::Result<Vec<ExportedResource>> {
    let mut selected: Vec<&StoredResource> = stored.iter().filter(|r| filter.selects(r)).collect();
    selected.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.name.cmp(&b.name)));
    let mut out: Vec<ExportedResource> = Vec::new();
    for r in selected {
        let path = PathBuf::from(r.kind.as_str()).join(format!("{}.yaml", file_stem(&r.name)));
        if let Some(clash) = out.iter().find(|e| e.path == path) {
            anyhow::bail!(
                "{}/{} and {}/{} would both be written to {}",
                r.kind,
                r.name,
                clash.kind,
                clash.name,
                path.display()
            );
        }
        out.push(ExportedResource { kind: r.kind, name: r.name.clone(), path, yaml: document(r)? });
    }
    Ok(out)
}

/// A file name for a resource name: characters that are awkward in paths become `_`.
fn file_stem(name: &str) -> String {
    let stem: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || "-_.@+".contains(c) { c } else { '_' }).collect();
    // A leading dot would hide the file.
    if stem.starts_with('.') { format!("_{stem}") } else { stem }
}

fn document(r: &StoredResource) -> anyhow::Result<String> {
    let mut doc = Map::new();
    doc.insert("kind".into(), json!(r.kind.as_str()));
    doc.insert("name".into(), json!(r.name));
    if let Value::Object(body) = crate::resources::yaml_body(r.kind, put_body(r.kind, canonical(r.kind, &r.body))) {
        doc.extend(body);
    }
    Ok(serde_saphyr::to_string(&Value::Object(doc))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reconcile::plan::tests::stored;

    #[test]
    fn documents_are_plain_bodies_without_server_defaults() {
        let stored = [
            stored(
                ResourceKind::IlmPolicy,
                "python-logs",
                json!({"policy": {"phases": {
                "hot": {"min_age": "0ms", "actions": {}},
                "delete": {"min_age": "90d", "actions": {"delete": {"delete_searchable_snapshot": true}}}}}}),
            ),
            stored(
                ResourceKind::IndexTemplate,
                "t",
                json!({"index_patterns": ["t-*"],
                "template": {"settings": {"index": {"number_of_shards": "1"}}}}),
            ),
            stored(ResourceKind::IlmPolicy, "logs", json!({"policy": {"phases": {}, "_meta": {"managed": true}}})),
            stored(ResourceKind::IngestPipeline, ".internal", json!({"processors": []})),
        ];
        let out = export(&stored, &ExportFilter::default()).unwrap();
        let paths: Vec<String> = out.iter().map(|e| e.path.display().to_string()).collect();
        assert_eq!(paths, ["ilm_policy/python-logs.yaml", "index_template/t.yaml"]);
        assert_eq!(
            out[0].yaml,
            "kind: ilm_policy\nname: python-logs\npolicy:\n  phases:\n    hot:\n      actions: {}\n    delete:\n      min_age: 90d\n      actions:\n        delete: {}\n"
        );
        assert!(
            out[1].yaml.contains("index.number_of_shards: '1'")
                || out[1].yaml.contains("index.number_of_shards: \"1\""),
            "{}",
            out[1].yaml
        );

        let all = export(&stored, &ExportFilter { include_managed: true, ..Default::default() }).unwrap();
        assert_eq!(all.len(), 4);
        assert!(all.iter().any(|e| e.path == std::path::Path::new("ingest_pipeline/_.internal.yaml")));

        let some =
            ExportFilter { kinds: vec![ResourceKind::IlmPolicy], names: vec!["py*".into()], include_managed: true };
        assert_eq!(export(&stored, &some).unwrap().len(), 1);
    }
}
