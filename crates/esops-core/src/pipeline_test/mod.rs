//! Golden-file tests of ingest pipelines: sample documents go through `_simulate`, and what comes
//! out is compared with the expected results checked in next to the pipeline.
//!
//! - [`cases`]: where the test cases of a pipeline live, reading and checking them.
//! - [`golden`]: the expected-result form of a simulated document, and the comparison.
//!
//! Everything here is pure but [`cases::read_case_files`] (and [`cases::check_tree_cases`], which
//! calls it); `commands/pipeline.rs` does the requests and the printing.

pub mod cases;
pub mod golden;

use std::collections::BTreeSet;

use serde_json::Value;

use crate::es::resources::StoredResource;
use crate::reconcile::normalize::canonical;
use crate::resources::pipeline::calls;
use crate::resources::{DeclaredResource, ResourceKind};

/// How a pipeline the tested one calls stands on the cluster, when it is not as declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NestedState {
    /// Not stored.
    Missing,
    /// Stored with another definition.
    Differs,
}

/// The `nested` pipelines that the cluster does not hold as the tree declares them (compared as
/// `plan` compares them). `_simulate` resolves `pipeline` processors against stored pipelines
/// only, so a test would otherwise run the cluster's version.
pub fn stale_nested<'a>(
    nested: &[&'a DeclaredResource],
    stored: &[StoredResource],
) -> Vec<(&'a DeclaredResource, NestedState)> {
    nested
        .iter()
        .filter_map(|declared| {
            let on_cluster = stored.iter().find(|s| s.kind == ResourceKind::IngestPipeline && s.name == declared.name);
            match on_cluster {
                None => Some((*declared, NestedState::Missing)),
                Some(s) if canonical(s.kind, &s.body) != canonical(declared.kind, &declared.body) => {
                    Some((*declared, NestedState::Differs))
                }
                Some(_) => None,
            }
        })
        .collect()
}

/// The pipelines `root` runs through `pipeline` processors, directly or through each other, that
/// the tree declares, in the order they are first reached. A name computed from a template
/// (`{{…}}`) reaches every declared pipeline it can render to.
pub fn nested_pipelines<'a>(root: &DeclaredResource, declared: &'a [DeclaredResource]) -> Vec<&'a DeclaredResource> {
    let mut found: Vec<&DeclaredResource> = Vec::new();
    let mut seen = BTreeSet::from([root.name.clone()]);
    let mut pending = called_pipelines(&root.body);
    while let Some(name) = pending.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let reached = declared.iter().filter(|r| r.kind == ResourceKind::IngestPipeline && calls(&name, &r.name));
        for nested in reached {
            if nested.name == name || seen.insert(nested.name.clone()) {
                found.push(nested);
                pending.extend(called_pipelines(&nested.body));
            }
        }
    }
    found
}

/// The names of `pipeline` processors anywhere in a pipeline body (processors, `on_failure`
/// handlers at any depth), in reverse document order (ready to be popped).
fn called_pipelines(body: &Value) -> Vec<String> {
    fn walk(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(name) = map.get("pipeline").and_then(|p| p.get("name")).and_then(Value::as_str) {
                    out.push(name.to_string());
                }
                map.values().for_each(|v| walk(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(body, &mut out);
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::Location;
    use serde_json::json;

    fn pipeline(name: &str, body: Value) -> DeclaredResource {
        DeclaredResource {
            kind: ResourceKind::IngestPipeline,
            name: name.into(),
            body,
            location: Location { file: "p.yaml".into(), line: 1, column: 1 },
            owner: None,
            written: Default::default(),
        }
    }

    #[test]
    fn nested_pipelines_are_followed_through_processors_and_handlers_once_each() {
        let root = pipeline(
            "root",
            json!({"processors": [
                {"pipeline": {"name": "a"}},
                {"date": {"field": "t", "formats": ["UNIX"], "on_failure": [{"pipeline": {"name": "fail"}}]}},
                {"pipeline": {"name": "{{service}}-logs"}},
                {"pipeline": {"name": "on-cluster-only"}}
            ]}),
        );
        let declared = vec![
            root.clone(),
            pipeline("a", json!({"processors": [{"pipeline": {"name": "b"}}, {"pipeline": {"name": "fail"}}]})),
            pipeline("b", json!({"processors": [{"pipeline": {"name": "root"}}]})),
            pipeline("fail", json!({"processors": [{"set": {"field": "x", "value": 1}}]})),
        ];
        let names: Vec<&str> = nested_pipelines(&root, &declared).iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "fail"]);
    }

    #[test]
    fn a_templated_name_reaches_every_pipeline_it_can_render_to() {
        let root = pipeline("root", json!({"processors": [{"pipeline": {"name": "root-{{{_tmp.route}}}"}}]}));
        let declared = vec![
            root.clone(),
            pipeline("root-a", json!({"processors": [{"pipeline": {"name": "shared"}}]})),
            pipeline("root-b", json!({"processors": [{"pipeline": {"name": "shared"}}]})),
            pipeline("shared", json!({"processors": []})),
            pipeline("other", json!({"processors": []})),
        ];
        let names: Vec<&str> = nested_pipelines(&root, &declared).iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["root-a", "root-b", "shared"]);
    }
}

/// Where golden documents are indexed to check them against the mappings a real cluster would
/// apply: the declared index template whose indices run the pipeline by default (or as final
/// pipeline), the declared component templates it is composed of, and an index name it matches.
#[derive(Debug)]
pub struct IndexingTarget<'a> {
    /// The index template.
    pub index_template: &'a DeclaredResource,
    /// Its component templates that the tree declares, in `composed_of` order.
    pub components: Vec<&'a DeclaredResource>,
    /// A name matching the template's first pattern (`*` → `esops-pipeline-test`).
    pub index: String,
    /// The template makes data streams (documents are then written with `create`).
    pub data_stream: bool,
}

/// The [`IndexingTarget`] of `pipeline`, if the tree declares a template that uses it.
pub fn indexing_target<'a>(pipeline: &str, declared: &'a [DeclaredResource]) -> Option<IndexingTarget<'a>> {
    let components_of = |template: &DeclaredResource| -> Vec<&'a DeclaredResource> {
        let names = template.body.get("composed_of").and_then(Value::as_array).cloned().unwrap_or_default();
        names
            .iter()
            .filter_map(Value::as_str)
            .filter_map(|n| declared.iter().find(|r| r.kind == ResourceKind::ComponentTemplate && r.name == n))
            .collect()
    };
    declared.iter().filter(|r| r.kind == ResourceKind::IndexTemplate).find_map(|template| {
        let components = components_of(template);
        let sections = components.iter().map(|c| &c.body).chain([&template.body]);
        let uses = sections.filter_map(|b| b.pointer("/template/settings")).any(|settings| {
            let mut flat = Vec::new();
            flatten_settings(settings, "", &mut flat);
            flat.iter().any(|(key, value)| {
                let key = key.strip_prefix("index.").unwrap_or(key);
                (key == "default_pipeline" || key == "final_pipeline") && value == pipeline
            })
        });
        let pattern = template.body.get("index_patterns").and_then(|p| match p {
            Value::String(s) => Some(s.clone()),
            Value::Array(a) => a.first().and_then(Value::as_str).map(str::to_string),
            _ => None,
        })?;
        uses.then(|| IndexingTarget {
            index_template: template,
            components,
            index: pattern.replace('*', "esops-pipeline-test"),
            data_stream: template.body.get("data_stream").is_some(),
        })
    })
}

/// Settings as `(dotted.key, value as text)`, whether written nested or flat.
fn flatten_settings(value: &Value, prefix: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten_settings(v, &key, out);
            }
        }
        Value::String(s) => out.push((prefix.to_string(), s.clone())),
        other => out.push((prefix.to_string(), other.to_string())),
    }
}

#[cfg(test)]
mod indexing_tests {
    use serde_json::json;

    use super::*;
    use crate::resources::Location;

    fn resource(kind: ResourceKind, name: &str, body: Value) -> DeclaredResource {
        DeclaredResource {
            kind,
            name: name.into(),
            body,
            location: Location { file: "t.yaml".into(), line: 1, column: 1 },
            owner: None,
            written: Default::default(),
        }
    }

    #[test]
    fn the_template_whose_settings_run_the_pipeline_is_the_target() {
        let declared = vec![
            resource(
                ResourceKind::ComponentTemplate,
                "settings",
                json!({"template": {"settings": {"index": {"default_pipeline": "logs"}}}}),
            ),
            resource(ResourceKind::ComponentTemplate, "mappings", json!({"template": {"mappings": {}}})),
            resource(
                ResourceKind::IndexTemplate,
                "logs",
                json!({"index_patterns": ["logs-*"], "composed_of": ["settings", "mappings", "elsewhere"]}),
            ),
        ];
        let target = indexing_target("logs", &declared).unwrap();
        assert_eq!(target.index, "logs-esops-pipeline-test");
        assert_eq!(target.components.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["settings", "mappings"]);
        assert!(!target.data_stream);
        assert!(indexing_target("other", &declared).is_none());
    }
}
