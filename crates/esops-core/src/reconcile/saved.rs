//! Saved plans (`plan --out FILE`, then `apply FILE`): the reviewed plan, bound to the cluster it
//! was made for, carried out exactly — or refused when the cluster no longer matches it, as
//! Terraform does with a saved plan whose state went stale.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::diff::diff;
use super::plan::{ChangeAction, Plan, PlannedChange};
use crate::resources::ResourceKind;

/// The marker key (and format version) of a saved plan file.
pub const FORMAT_KEY: &str = "esops_saved_plan";

/// A plan as written to a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedPlan {
    /// Format version (1).
    pub esops_saved_plan: u32,
    /// `cluster_uuid` of the cluster the plan was made against; apply refuses any other.
    pub cluster_uuid: String,
    /// Its `cluster_name`, for messages.
    pub cluster_name: String,
    /// When the plan was made (RFC 3339).
    pub created_at: String,
    /// Every change, unchanged ones included (their state is part of what the plan assumed).
    pub changes: Vec<SavedChange>,
}

/// One change of a saved plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedChange {
    /// Kind.
    pub kind: ResourceKind,
    /// Name.
    pub name: String,
    /// What happens to it.
    pub action: ChangeAction,
    /// The exact body to PUT (creates and updates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    /// The canonical body on the cluster when the plan was made (absent: it did not exist).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    /// The canonical body the change leaves (absent for deletes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
    /// The revision an update replaces (ISM policies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<crate::es::resources::Revision>,
}

impl SavedPlan {
    /// `plan`, as made against the cluster `cluster_uuid`/`cluster_name` at `created_at`.
    pub fn new(plan: &Plan, cluster_uuid: &str, cluster_name: &str, created_at: String) -> SavedPlan {
        SavedPlan {
            esops_saved_plan: 1,
            cluster_uuid: cluster_uuid.to_string(),
            cluster_name: cluster_name.to_string(),
            created_at,
            changes: plan
                .changes
                .iter()
                .map(|c| SavedChange {
                    kind: c.kind,
                    name: c.name.clone(),
                    action: c.action,
                    body: c.body.clone(),
                    old: c.old.clone(),
                    new: c.new.clone(),
                    revision: c.revision,
                })
                .collect(),
        }
    }

    /// Reads a saved plan from `text`; `None` when `text` is not one (a YAML tree file, say).
    pub fn parse(text: &str) -> Option<Result<SavedPlan, String>> {
        let value: Value = serde_json::from_str(text).ok()?;
        let version = value.get(FORMAT_KEY)?;
        if version != 1 {
            return Some(Err(format!("saved plan format {version} is not one this esops reads (1)")));
        }
        Some(serde_json::from_value(value).map_err(|e| format!("not a valid saved plan: {e}")))
    }

    /// The plan to carry out, field-level diffs recomputed.
    pub fn to_plan(&self) -> Plan {
        let changes = self
            .changes
            .iter()
            .map(|c| PlannedChange {
                kind: c.kind,
                name: c.name.clone(),
                action: c.action,
                diff: match (&c.action, &c.old, &c.new) {
                    (ChangeAction::Update, Some(old), Some(new)) => diff(old, new),
                    _ => Vec::new(),
                },
                body: c.body.clone(),
                old: c.old.clone(),
                new: c.new.clone(),
                source: None,
                revision: c.revision,
            })
            .collect();
        Plan { changes, ..Plan::default() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reconcile::plan::plan;
    use crate::reconcile::plan::tests::{declared, stored};
    use serde_json::json;

    #[test]
    fn a_saved_plan_round_trips() {
        let p = plan(
            &[declared(ResourceKind::IngestPipeline, "p", json!({"description": "new", "processors": []}))],
            &[stored(ResourceKind::IngestPipeline, "p", json!({"description": "old", "processors": []}))],
            false,
        );
        let saved = SavedPlan::new(&p, "uuid", "name", "2026-01-01T00:00:00Z".into());
        let text = serde_json::to_string(&saved).unwrap();
        let back = SavedPlan::parse(&text).unwrap().unwrap();
        assert_eq!(back, saved);
        assert_eq!(
            back.to_plan().changes,
            p.changes.iter().map(|c| PlannedChange { source: None, ..c.clone() }).collect::<Vec<_>>()
        );
        assert!(SavedPlan::parse("kind: ingest_pipeline").is_none());
        assert_eq!(
            SavedPlan::parse(r#"{"esops_saved_plan": 2}"#).unwrap().unwrap_err(),
            "saved plan format 2 is not one this esops reads (1)"
        );
    }
}
