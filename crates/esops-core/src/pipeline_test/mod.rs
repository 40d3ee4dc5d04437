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
/// the tree declares, in the order they are first reached. Names computed from templates
/// (`{{…}}`) cannot be followed and are left out.
pub fn nested_pipelines<'a>(root: &DeclaredResource, declared: &'a [DeclaredResource]) -> Vec<&'a DeclaredResource> {
    let mut found: Vec<&DeclaredResource> = Vec::new();
    let mut seen = BTreeSet::from([root.name.clone()]);
    let mut pending = called_pipelines(&root.body);
    while let Some(name) = pending.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(nested) = declared.iter().find(|r| r.kind == ResourceKind::IngestPipeline && r.name == name) {
            found.push(nested);
            pending.extend(called_pipelines(&nested.body));
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
                if let Some(name) = map.get("pipeline").and_then(|p| p.get("name")).and_then(Value::as_str)
                    && !name.contains("{{")
                {
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
}
