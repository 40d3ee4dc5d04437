//! The ownership ledger: what esops manages of the kinds that have no place for its
//! `_meta.managed_by` mark ([`ResourceKind::carries_ownership`]): snapshot repositories, cluster
//! settings keys, data stream lifecycles and ISM policies.
//!
//! Without it those kinds could never be pruned: esops cannot tell the repository it created from
//! one made by hand. The ledger is the `_meta` of a component template esops owns, one per tree
//! owner (`esops-ledger`, or `esops-ledger-{owner}` for a tree whose `kind: esops` document names
//! an owner), listing per kind the names (for cluster settings, the keys) the tree declared:
//!
//! - a component template because esops already needs `manage_index_templates` for every tree,
//!   on Elasticsearch and OpenSearch alike, and an empty one (`template: {}`) matches no index
//!   and changes nothing; its `_meta` is free-form and kept as written. A cluster setting or the
//!   `_meta` of a repository would need privileges (or a place) esops does not otherwise have;
//! - it is planned and applied like any declared resource (created, updated in the same apply,
//!   read back), so a plan after apply settles to no changes, and a run that fails midway leaves
//!   a ledger that names at most what was declared;
//! - pruning deletes (or, for cluster settings keys, resets to null) only what the ledger of the
//!   tree's own owner names and the tree no longer declares: a repository or a key created by
//!   hand, or by another tree, is never named and never touched. Without `--prune` the names stay
//!   in the ledger, so a later `--prune` still finds them.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::plan::{Ownership, ownership, tree_owner};
use crate::es::resources::StoredResource;
use crate::resources::{DeclaredResource, Location, MANAGED_BY, ResourceKind, TREE_OWNER_KEY};

/// The `_meta` key holding the ledger (kind → sorted names).
const LEDGER_KEY: &str = "esops_ledger";

/// The name of the ledger of the trees of `owner`.
pub fn ledger_name(owner: Option<&str>) -> String {
    match owner {
        Some(owner) => format!("esops-ledger-{owner}"),
        None => "esops-ledger".to_string(),
    }
}

/// True for a ledger (of any owner): not a resource of the tree, never exported.
pub fn is_ledger(kind: ResourceKind, body: &Value) -> bool {
    kind == ResourceKind::ComponentTemplate && body.get("_meta").and_then(|m| m.get(LEDGER_KEY)).is_some()
}

/// What a ledger names, per kind.
pub type Ledger = BTreeMap<ResourceKind, BTreeSet<String>>;

/// The ledger of `owner` as stored on the cluster (empty when there is none, or when it is not
/// marked as esops's, or another owner's).
pub fn recorded(stored: &[StoredResource], owner: Option<&str>) -> Ledger {
    let name = ledger_name(owner);
    let Some(ledger) = stored.iter().find(|s| {
        s.kind == ResourceKind::ComponentTemplate
            && s.name == name
            && ownership(s.kind, &s.name, &s.body) == Ownership::Esops
            && tree_owner(s.kind, &s.body) == owner
    }) else {
        return Ledger::new();
    };
    let entries = ledger.body.get("_meta").and_then(|m| m.get(LEDGER_KEY)).and_then(Value::as_object);
    entries
        .into_iter()
        .flatten()
        .filter_map(|(kind, names)| {
            let kind = ResourceKind::ALL.into_iter().find(|k| k.as_str() == kind && !k.carries_ownership())?;
            let names = names.as_array()?.iter().filter_map(Value::as_str).map(str::to_string).collect();
            Some((kind, names))
        })
        .collect()
}

/// The kinds a ledger names, which a plan must read even when the tree no longer declares them.
pub fn kinds(ledger: &Ledger) -> impl Iterator<Item = ResourceKind> + '_ {
    ledger.iter().filter(|(_, names)| !names.is_empty()).map(|(k, _)| *k)
}

/// The names `declared` manages of the ledger's kinds (cluster settings: the keys it sets; a key
/// declared `null` is a reset, not managed).
pub fn declared_names(declared: &[DeclaredResource]) -> Ledger {
    let mut out = Ledger::new();
    for d in declared.iter().filter(|d| !d.kind.carries_ownership()) {
        let names = out.entry(d.kind).or_default();
        if d.kind == ResourceKind::ClusterSettings {
            let flat = crate::resources::cluster_settings::flat_persistent(&d.body);
            names.extend(flat.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, _)| k));
        } else {
            names.insert(d.name.clone());
        }
    }
    out
}

/// The ledger as declared: `names`, marked as esops's (and the owner's), at `location`.
pub fn declared_ledger(owner: Option<&str>, names: &Ledger, location: Location) -> DeclaredResource {
    let entries: Map<String, Value> = names
        .iter()
        .filter(|(_, n)| !n.is_empty())
        .map(|(kind, n)| (kind.as_str().to_string(), json!(n.iter().collect::<Vec<_>>())))
        .collect();
    let mut meta = Map::new();
    meta.insert(
        "description".into(),
        json!("esops: what this tree manages of the kinds without a _meta (never composed into an index template)"),
    );
    meta.insert(LEDGER_KEY.into(), Value::Object(entries));
    meta.insert(super::normalize::OWNER_KEY.into(), json!(MANAGED_BY));
    if let Some(owner) = owner {
        meta.insert(TREE_OWNER_KEY.into(), json!(owner));
    }
    DeclaredResource {
        kind: ResourceKind::ComponentTemplate,
        name: ledger_name(owner),
        body: json!({"template": {}, "_meta": meta}),
        location,
        owner: owner.map(str::to_string),
        written: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ledger_round_trips_and_only_the_owners_counts() {
        let names = Ledger::from([
            (ResourceKind::SnapshotRepository, BTreeSet::from(["nightly".to_string()])),
            (ResourceKind::ClusterSettings, BTreeSet::from(["cluster.max_shards_per_node".to_string()])),
        ]);
        let location = Location { file: "t.yaml".into(), line: 1, column: 1 };
        let declared = declared_ledger(Some("team-a"), &names, location);
        assert_eq!(declared.name, "esops-ledger-team-a");
        let stored = [StoredResource {
            kind: declared.kind,
            name: declared.name.clone(),
            body: declared.body.clone(),
            revision: None,
        }];
        assert_eq!(recorded(&stored, Some("team-a")), names);
        assert!(recorded(&stored, None).is_empty(), "another owner's ledger");
        assert!(is_ledger(declared.kind, &declared.body));
        assert_eq!(kinds(&names).collect::<Vec<_>>().len(), 2);
    }
}
