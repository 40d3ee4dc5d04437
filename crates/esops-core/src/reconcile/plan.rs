//! Declared resources against stored ones: what to create, update, delete or leave alone, and
//! in which order.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::diff::{FieldChange, diff};
use super::ledger;
use super::normalize::{OWNER_KEY, canonical, managed_part, meta};
use crate::es::resources::StoredResource;
use crate::resources::{DeclaredResource, Location, MANAGED_BY, ResourceKind, TREE_OWNER_KEY};

/// What happens to one resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeAction {
    /// Declared, not on the cluster: PUT.
    Create,
    /// Declared and on the cluster, different: PUT.
    Update,
    /// On the cluster, marked as esops's, no longer declared, and `--prune` given: DELETE.
    Delete,
    /// Declared and on the cluster, equal.
    Unchanged,
}

/// One resource in a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedChange {
    /// Kind.
    pub kind: ResourceKind,
    /// Name.
    pub name: String,
    /// What happens to it.
    pub action: ChangeAction,
    /// Field-level differences, cluster → declared (empty for creates, deletes and unchanged).
    pub diff: Vec<FieldChange>,
    /// The exact body to PUT (creates and updates).
    pub body: Option<Value>,
    /// The canonical body on the cluster now.
    pub old: Option<Value>,
    /// The canonical body declared.
    pub new: Option<Value>,
    /// Where it is declared.
    pub source: Option<Location>,
    /// The revision of the stored resource an update replaces (ISM policies), so that apply
    /// refuses to overwrite a change made after the plan.
    pub revision: Option<crate::es::resources::Revision>,
}

/// A resource named by kind and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ResourceRef {
    /// Kind.
    pub kind: ResourceKind,
    /// Name.
    pub name: String,
}

impl std::fmt::Display for ResourceRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.kind, self.name)
    }
}

impl PlannedChange {
    /// `kind/name`.
    pub fn resource(&self) -> ResourceRef {
        ResourceRef { kind: self.kind, name: self.name.clone() }
    }
}

/// Who a stored resource belongs to, which decides whether `--prune` may delete it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ownership {
    /// Marked `_meta.managed_by: esops`.
    Esops,
    /// Elasticsearch's or Elastic's own (`_meta.managed: true`, or a name starting with `.`):
    /// never touched.
    Elastic,
    /// Anyone else's.
    Other,
}

/// Who owns `body` stored as `name`.
pub fn ownership(kind: ResourceKind, name: &str, body: &Value) -> Ownership {
    let meta = meta(kind, body);
    if name.starts_with('.') || meta.and_then(|m| m.get("managed")) == Some(&Value::Bool(true)) {
        Ownership::Elastic
    } else if meta.and_then(|m| m.get(OWNER_KEY)).and_then(Value::as_str) == Some(MANAGED_BY) {
        Ownership::Esops
    } else {
        Ownership::Other
    }
}

/// The owner of the tree `declared` (its `kind: esops` document), if it names one.
pub fn tree_of(declared: &[DeclaredResource]) -> Option<&str> {
    declared.iter().find_map(|d| d.owner.as_deref().or_else(|| tree_owner(d.kind, &d.body)))
}

/// The tree that applied a stored (or declared) resource: `_meta.esops_owner`, if any.
pub fn tree_owner(kind: ResourceKind, body: &Value) -> Option<&str> {
    meta(kind, body).and_then(|m| m.get(TREE_OWNER_KEY)).and_then(Value::as_str)
}

/// The whole plan.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    /// Every declared resource, and every pruned one, in apply order of kinds, then by name.
    pub changes: Vec<PlannedChange>,
    /// esops's resources on the cluster that the tree no longer declares, kept because `--prune`
    /// was not given.
    pub not_pruned: Vec<ResourceRef>,
    /// Declared resources equal to the cluster's copy except that it lacks the
    /// `_meta.managed_by: esops` mark (adopted from an export): `--prune` leaves them alone until
    /// their next change writes the mark.
    pub unmarked: Vec<ResourceRef>,
    /// Declared resources that another tree owns on the cluster (its `_meta.esops_owner` names
    /// another tree), with that owner: applying would take them over, so apply refuses.
    pub conflicts: Vec<(ResourceRef, String)>,
}

/// How many resources each action touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Totals {
    /// Creates.
    pub create: usize,
    /// Updates.
    pub update: usize,
    /// Deletes.
    pub delete: usize,
    /// Unchanged.
    pub unchanged: usize,
}

impl Plan {
    /// Counts per action.
    pub fn totals(&self) -> Totals {
        let mut t = Totals::default();
        for c in &self.changes {
            match c.action {
                ChangeAction::Create => t.create += 1,
                ChangeAction::Update => t.update += 1,
                ChangeAction::Delete => t.delete += 1,
                ChangeAction::Unchanged => t.unchanged += 1,
            }
        }
        t
    }

    /// True when applying would change anything.
    pub fn has_changes(&self) -> bool {
        self.changes.iter().any(|c| c.action != ChangeAction::Unchanged)
    }

    /// The changes in the order they must run: creates and updates by kind in apply order
    /// (component templates before the index templates composed of them, policies and pipelines
    /// before the templates naming them); then deletes in reverse (an index template goes before
    /// the component templates it used, which ES refuses to delete while in use). Puts come first
    /// so that a template moving to a new component stops using the old one before it is deleted.
    pub fn steps(&self) -> Vec<&PlannedChange> {
        let puts = self.changes.iter().filter(|c| matches!(c.action, ChangeAction::Create | ChangeAction::Update));
        let mut deletes: Vec<&PlannedChange> =
            self.changes.iter().filter(|c| c.action == ChangeAction::Delete).collect();
        deletes.sort_by(|a, b| b.kind.cmp(&a.kind).then_with(|| a.name.cmp(&b.name)));
        puts.chain(deletes).collect()
    }
}

/// Compares the declared tree with what the cluster stores. With `prune`, esops's own resources
/// that the tree no longer declares are deleted; Elastic's and everyone else's are never touched.
pub fn plan(declared: &[DeclaredResource], stored: &[StoredResource], prune: bool) -> Plan {
    let stored_by_ref: BTreeMap<ResourceRef, &StoredResource> =
        stored.iter().map(|s| (ResourceRef { kind: s.kind, name: s.name.clone() }, s)).collect();
    let mut out = Plan::default();
    // The tree's owner, from its `kind: esops` document.
    let owner = tree_of(declared);
    let declared = with_ledger(declared, stored, owner, prune, &mut out);
    let declared = declared.as_slice();
    for d in declared {
        let key = ResourceRef { kind: d.kind, name: d.name.clone() };
        let new = canonical(d.kind, &d.body);
        let (action, old, changes) = match stored_by_ref.get(&key) {
            None => (ChangeAction::Create, None, Vec::new()),
            Some(s) => {
                if let Some(other) = tree_owner(s.kind, &s.body).filter(|o| Some(*o) != owner) {
                    out.conflicts.push((key.clone(), other.to_string()));
                }
                // Of cluster settings, only the declared keys are compared.
                let old = managed_part(s.kind, canonical(s.kind, &s.body), &d.body);
                let mut changes = diff(&old, &new);
                for change in &mut changes {
                    change.written = d.written_as(&change.pointer).cloned();
                }
                if changes.is_empty() {
                    // Kinds with nowhere to carry the mark are never pruned: nothing to adopt.
                    if s.kind.carries_ownership() && ownership(s.kind, &s.name, &s.body) != Ownership::Esops {
                        out.unmarked.push(key.clone());
                    }
                    (ChangeAction::Unchanged, Some(old), changes)
                } else {
                    (ChangeAction::Update, Some(old), changes)
                }
            }
        };
        let writes = matches!(action, ChangeAction::Create | ChangeAction::Update);
        out.changes.push(PlannedChange {
            kind: d.kind,
            name: d.name.clone(),
            action,
            diff: changes,
            body: writes.then(|| d.body.clone()),
            old,
            new: Some(new),
            source: Some(d.location.clone()),
            revision: stored_by_ref.get(&key).and_then(|s| s.revision),
        });
    }
    let declared_refs: std::collections::BTreeSet<ResourceRef> =
        declared.iter().map(|d| ResourceRef { kind: d.kind, name: d.name.clone() }).collect();
    for (key, s) in &stored_by_ref {
        // Only this tree's own resources: another tree's (or, for a tree without an owner,
        // any tree's that has one) are never pruned.
        if declared_refs.contains(key)
            || ownership(s.kind, &s.name, &s.body) != Ownership::Esops
            || tree_owner(s.kind, &s.body) != owner
        {
            continue;
        }
        if !prune {
            out.not_pruned.push(key.clone());
            continue;
        }
        out.changes.push(deletion(s));
    }
    settle_ledger(&mut out, stored, owner);
    out.changes.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.name.cmp(&b.name)));
    out
}

/// The deletion of a stored resource.
fn deletion(s: &StoredResource) -> PlannedChange {
    PlannedChange {
        kind: s.kind,
        name: s.name.clone(),
        action: ChangeAction::Delete,
        diff: Vec::new(),
        body: None,
        old: Some(canonical(s.kind, &s.body)),
        new: None,
        source: None,
        revision: s.revision,
    }
}

/// The ledger is written along with a change, never on its own: a tree adopted from an export
/// (whose resources the ledger does not name yet) plans to no changes, its resources reported as
/// [`Plan::unmarked`] — `--prune` leaves them alone until the next change writes the ledger, as for
/// the kinds that carry the mark. An unchanged ledger is not listed.
fn settle_ledger(out: &mut Plan, stored: &[StoredResource], owner: Option<&str>) {
    let name = ledger::ledger_name(owner);
    let is_ledger = |c: &PlannedChange| c.kind == ResourceKind::ComponentTemplate && c.name == name;
    let Some(at) = out.changes.iter().position(is_ledger) else { return };
    let alone = out.changes.iter().all(|c| is_ledger(c) || c.action == ChangeAction::Unchanged);
    let ledger = out.changes.remove(at);
    if ledger.action == ChangeAction::Unchanged || !alone {
        if ledger.action != ChangeAction::Unchanged {
            out.changes.push(ledger);
        }
        return;
    }
    let recorded = ledger::recorded(stored, owner);
    let wanted = ledger.body.map(|body| {
        ledger::recorded(&[StoredResource { kind: ledger.kind, name: ledger.name, body, revision: None }], owner)
    });
    for (kind, names) in wanted.unwrap_or_default() {
        for n in names.into_iter().filter(|n| !recorded.get(&kind).is_some_and(|r| r.contains(n))) {
            out.unmarked.push(ResourceRef { kind, name: n });
        }
    }
}

/// The kinds without an ownership mark, through the owner's [`ledger`]: what it names and the
/// tree no longer declares is deleted with `prune` (cluster settings keys: declared `null`, a
/// reset) and listed as not pruned without; the ledger itself joins the declared resources, naming
/// what stays managed — the declared names, and without `prune` the undeclared ones still there.
fn with_ledger(
    declared: &[DeclaredResource],
    stored: &[StoredResource],
    owner: Option<&str>,
    prune: bool,
    out: &mut Plan,
) -> Vec<DeclaredResource> {
    let mut declared = declared.to_vec();
    let recorded = ledger::recorded(stored, owner);
    let mut names = ledger::declared_names(&declared);
    let settings_now: std::collections::BTreeSet<String> = stored
        .iter()
        .filter(|s| s.kind == ResourceKind::ClusterSettings)
        .flat_map(|s| crate::resources::cluster_settings::flat_persistent(&s.body).keys().cloned().collect::<Vec<_>>())
        .collect();
    let mut resets = serde_json::Map::new();
    for (kind, recorded_names) in &recorded {
        for name in recorded_names {
            let still_there = if *kind == ResourceKind::ClusterSettings {
                settings_now.contains(name)
            } else {
                stored.iter().any(|s| s.kind == *kind && s.name == *name)
            };
            if !still_there || names.get(kind).is_some_and(|n| n.contains(name)) {
                continue;
            }
            if !prune {
                out.not_pruned.push(ResourceRef { kind: *kind, name: name.clone() });
                names.entry(*kind).or_default().insert(name.clone());
            } else if *kind == ResourceKind::ClusterSettings {
                resets.insert(name.clone(), Value::Null);
            } else {
                if let Some(s) = stored.iter().find(|s| s.kind == *kind && s.name == *name) {
                    out.changes.push(deletion(s));
                }
            }
        }
    }
    let location = declared.first().map(|d| d.location.clone()).unwrap_or_else(|| Location {
        file: ledger::ledger_name(owner).into(),
        line: 1,
        column: 1,
    });
    if !resets.is_empty() {
        match declared.iter_mut().find(|d| d.kind == ResourceKind::ClusterSettings) {
            Some(d) => {
                let mut persistent = crate::resources::cluster_settings::flat_persistent(&d.body);
                persistent.extend(resets);
                d.body["persistent"] = Value::Object(persistent);
            }
            None => declared.push(DeclaredResource {
                kind: ResourceKind::ClusterSettings,
                name: "cluster".into(),
                body: serde_json::json!({ "persistent": resets }),
                location: location.clone(),
                owner: owner.map(str::to_string),
                written: Default::default(),
            }),
        }
    }
    let ledger_stored =
        stored.iter().any(|s| s.kind == ResourceKind::ComponentTemplate && s.name == ledger::ledger_name(owner));
    if names.values().any(|n| !n.is_empty()) || ledger_stored {
        declared.push(ledger::declared_ledger(owner, &names, location));
    }
    declared
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde_json::json;

    pub(crate) fn declared(kind: ResourceKind, name: &str, body: Value) -> DeclaredResource {
        DeclaredResource {
            kind,
            name: name.into(),
            body,
            location: Location { file: format!("{kind}/{name}.yaml").into(), line: 1, column: 1 },
            owner: None,
            written: Default::default(),
        }
    }

    pub(crate) fn stored(kind: ResourceKind, name: &str, body: Value) -> StoredResource {
        StoredResource { kind, name: name.into(), body, revision: None }
    }

    fn policy(delete_after: &str, owner: Option<&str>) -> Value {
        let mut p = json!({"policy": {"phases": {"delete": {"min_age": delete_after, "actions": {"delete": {}}}}}});
        if let Some(o) = owner {
            p["policy"]["_meta"] = json!({"managed_by": o});
        }
        p
    }

    fn summary(plan: &Plan) -> Vec<String> {
        plan.changes.iter().map(|c| format!("{:?} {}", c.action, c.resource())).collect()
    }

    #[test]
    fn kinds_without_a_mark_are_pruned_through_the_ledger_only() {
        use std::collections::BTreeSet;
        let names = ledger::Ledger::from([
            (ResourceKind::SnapshotRepository, BTreeSet::from(["ours".to_string()])),
            (ResourceKind::ClusterSettings, BTreeSet::from(["a.x".to_string()])),
        ]);
        let recorded = ledger::declared_ledger(None, &names, Location { file: "t".into(), line: 1, column: 1 });
        let repo = json!({"type": "fs", "settings": {"location": "x"}});
        let cluster = [
            stored(ResourceKind::SnapshotRepository, "ours", repo.clone()),
            stored(ResourceKind::SnapshotRepository, "manual", repo.clone()),
            stored(ResourceKind::ClusterSettings, "cluster", json!({"persistent": {"a.x": "1", "b.y": "2"}})),
            stored(recorded.kind, &recorded.name, recorded.body.clone()),
        ];
        let kept = plan(&[], &cluster, false);
        assert!(!kept.has_changes(), "{:?}", kept.changes);
        assert_eq!(kept.not_pruned.len(), 2, "{:?}", kept.not_pruned);
        let pruned = plan(&[], &cluster, true);
        assert_eq!(
            summary(&pruned),
            [
                "Update cluster_settings/cluster",
                "Delete snapshot_repository/ours",
                "Update component_template/esops-ledger"
            ]
        );
        let reset = pruned.changes.iter().find(|c| c.kind == ResourceKind::ClusterSettings).unwrap();
        assert_eq!(reset.body, Some(json!({"persistent": {"a.x": null}})), "b.y was never declared: untouched");
        // Adopting a repository from an export writes no ledger on its own.
        let adopted = plan(&[declared(ResourceKind::SnapshotRepository, "manual", repo)], &cluster[1..3], true);
        assert!(!adopted.has_changes(), "{:?}", adopted.changes);
        assert_eq!(adopted.unmarked, [ResourceRef { kind: ResourceKind::SnapshotRepository, name: "manual".into() }]);
    }

    #[test]
    fn create_update_unchanged_and_a_field_diff() {
        let tree = [
            declared(ResourceKind::IlmPolicy, "new", policy("30d", Some("esops"))),
            declared(ResourceKind::IlmPolicy, "python-logs", policy("90d", Some("esops"))),
            declared(ResourceKind::IngestPipeline, "same", json!({"processors": [], "_meta": {"managed_by": "esops"}})),
        ];
        let cluster = [
            stored(ResourceKind::IlmPolicy, "python-logs", policy("120d", Some("esops"))),
            stored(ResourceKind::IngestPipeline, "same", json!({"processors": [], "_meta": {"managed_by": "esops"}})),
        ];
        let plan = plan(&tree, &cluster, false);
        assert_eq!(
            summary(&plan),
            ["Create ilm_policy/new", "Update ilm_policy/python-logs", "Unchanged ingest_pipeline/same"]
        );
        let update = &plan.changes[1];
        assert_eq!(update.diff.len(), 1);
        assert_eq!(update.diff[0].path.to_string(), "phases.delete.min_age");
        assert_eq!((update.diff[0].old.clone(), update.diff[0].new.clone()), (Some(json!("120d")), Some(json!("90d"))));
        assert_eq!(update.body.as_ref(), Some(&tree[1].body), "the PUT body is the declared one, verbatim");
        assert_eq!(plan.totals(), Totals { create: 1, update: 1, delete: 0, unchanged: 1 });
        assert!(plan.has_changes());
    }

    #[test]
    fn prune_deletes_only_esops_resources_absent_from_the_tree() {
        let cluster = [
            stored(ResourceKind::IlmPolicy, "ours", policy("30d", Some("esops"))),
            stored(ResourceKind::IlmPolicy, "theirs", policy("30d", Some("terraform"))),
            stored(ResourceKind::IlmPolicy, "unmarked", policy("30d", None)),
            stored(
                ResourceKind::IlmPolicy,
                "logs",
                json!({"policy": {"phases": {}, "_meta": {"managed": true, "managed_by": "esops"}}}),
            ),
            stored(
                ResourceKind::IndexTemplate,
                ".kibana-ish",
                json!({"index_patterns": ["x"], "_meta": {"managed_by": "esops"}}),
            ),
        ];
        let kept = plan(&[], &cluster, false);
        assert!(!kept.has_changes());
        assert_eq!(kept.not_pruned, [ResourceRef { kind: ResourceKind::IlmPolicy, name: "ours".into() }]);
        let pruned = plan(&[], &cluster, true);
        assert_eq!(summary(&pruned), ["Delete ilm_policy/ours"]);
        assert!(pruned.not_pruned.is_empty());
    }

    #[test]
    fn prune_keeps_to_the_trees_own_resources_and_conflicts_are_named() {
        let owned = |owner: &str| json!({"processors": [], "_meta": {"managed_by": "esops", "esops_owner": owner}});
        let cluster = [
            stored(ResourceKind::IngestPipeline, "a-old", owned("team-a")),
            stored(ResourceKind::IngestPipeline, "b-old", owned("team-b")),
            stored(ResourceKind::IngestPipeline, "legacy", json!({"processors": [], "_meta": {"managed_by": "esops"}})),
            stored(ResourceKind::IngestPipeline, "shared", owned("team-b")),
        ];
        let tree = [declared(ResourceKind::IngestPipeline, "shared", owned("team-a"))];
        let p = plan(&tree, &cluster, true);
        assert_eq!(summary(&p), ["Delete ingest_pipeline/a-old", "Update ingest_pipeline/shared"]);
        assert_eq!(
            p.conflicts,
            [(ResourceRef { kind: ResourceKind::IngestPipeline, name: "shared".into() }, "team-b".into())]
        );
        // A tree without an owner prunes only unowned esops resources, as before owners existed.
        let legacy = plan(&[], &cluster, true);
        assert_eq!(summary(&legacy), ["Delete ingest_pipeline/legacy"]);
    }

    #[test]
    fn puts_run_in_dependency_order_and_deletes_in_reverse_after_them() {
        let esops = json!({"_meta": {"managed_by": "esops"}, "index_patterns": ["a"], "template": {}});
        let tree = [
            declared(ResourceKind::IndexTemplate, "it", esops.clone()),
            declared(ResourceKind::IngestPipeline, "p", json!({"processors": []})),
            declared(ResourceKind::IlmPolicy, "ilm", policy("1d", None)),
            declared(ResourceKind::ComponentTemplate, "ct-new", json!({"template": {}})),
        ];
        let cluster = [
            stored(ResourceKind::ComponentTemplate, "ct-old", esops.clone()),
            stored(ResourceKind::IndexTemplate, "it-old", esops.clone()),
        ];
        let plan = plan(&tree, &cluster, true);
        let order: Vec<String> = plan.steps().iter().map(|c| format!("{:?} {}", c.action, c.resource())).collect();
        assert_eq!(
            order,
            [
                "Create component_template/ct-new",
                "Create ilm_policy/ilm",
                "Create ingest_pipeline/p",
                "Create index_template/it",
                "Delete index_template/it-old",
                "Delete component_template/ct-old",
            ]
        );
    }

    #[test]
    fn an_adopted_resource_is_unchanged_but_reported_unmarked() {
        let tree =
            [declared(ResourceKind::IngestPipeline, "p", json!({"processors": [], "_meta": {"managed_by": "esops"}}))];
        let cluster = [stored(ResourceKind::IngestPipeline, "p", json!({"processors": []}))];
        let plan = plan(&tree, &cluster, true);
        assert!(!plan.has_changes());
        assert_eq!(plan.unmarked.len(), 1);
    }
}
