//! Reconcile: the declared tree against the cluster. Normalize both sides, diff them into a
//! [`plan::Plan`], preview the plan's impact on existing indices, and apply it in dependency order.
//!
//! Everything but [`read_cluster`] and [`apply::execute`] is pure: data in, data out, "now"
//! passed in.

pub mod apply;
pub mod diff;
pub mod export;
pub mod impact;
pub mod ledger;
pub mod normalize;
pub mod plan;
pub mod render;
pub mod saved;

use crate::es::resources::StoredResource;
use crate::es::{Client, RequestError};
use crate::resources::{ResourceKind, Target};

/// Every stored resource of `kinds`, one request per kind whatever the number of resources.
pub async fn read_cluster(client: &Client, kinds: &[ResourceKind]) -> Result<Vec<StoredResource>, RequestError> {
    let mut stored = Vec::new();
    for kind in kinds {
        stored.extend(client.stored_resources(*kind).await?);
    }
    Ok(stored)
}

/// The kinds a plan of a tree declaring `declared` kinds reads: every kind that carries esops's
/// ownership mark (its resources may be esops's own, to prune or to report as no longer declared),
/// and the other kinds (cluster settings, repositories, data stream lifecycles, ISM policies) only
/// when the tree declares them: a tree without them needs neither the requests nor the privileges.
/// Only the kinds `target` has are read (OpenSearch answers ILM's paths with "no handler").
/// ([`prepare`] also reads the kinds the tree's [`ledger`] names, to prune them.)
pub fn kinds_to_read(declared: impl IntoIterator<Item = ResourceKind>, target: Target) -> Vec<ResourceKind> {
    let declared: std::collections::BTreeSet<ResourceKind> = declared.into_iter().collect();
    target.kinds().into_iter().filter(|k| k.carries_ownership() || declared.contains(k)).collect()
}

/// A plan and its impact on existing indices, ready to show or apply.
#[derive(Debug)]
pub struct PreparedPlan {
    /// The plan.
    pub plan: plan::Plan,
    /// What its ILM policy changes do to the indices using them.
    pub impacts: Vec<impact::PolicyImpact>,
}

/// Reads the cluster (one request per kind of [`kinds_to_read`], plus two for index lifecycles when a policy
/// changes, and the audit's nine for the disk forecast when the change touches indices) and
/// plans `declared` against it as of `now_millis`.
pub async fn prepare(
    client: &Client,
    declared: &[crate::resources::DeclaredResource],
    prune: bool,
    now_millis: i64,
    target: Target,
) -> Result<PreparedPlan, RequestError> {
    let kinds = kinds_to_read(declared.iter().map(|d| d.kind), target);
    let mut stored = read_cluster(client, &kinds).await?;
    // What the owner's ledger names of kinds the tree no longer declares: read too, to prune.
    let owner = plan::tree_of(declared);
    let recorded = ledger::recorded(&stored, owner);
    let missing: Vec<ResourceKind> =
        ledger::kinds(&recorded).filter(|k| !kinds.contains(k) && target.kinds().contains(k)).collect();
    stored.extend(read_cluster(client, &missing).await?);
    let plan = plan::plan(declared, &stored, prune);
    let policies_change =
        plan.changes.iter().any(|c| c.kind == ResourceKind::IlmPolicy && c.action != plan::ChangeAction::Unchanged);
    let mut impacts = if policies_change {
        impact::policy_impacts(&plan, &client.index_lifecycles().await?, now_millis)
    } else {
        Vec::new()
    };
    if !impacts.is_empty() {
        // The audit's read (a constant twelve requests, no mappings) for the disk forecast.
        let snapshot = crate::audit::collect_without_mappings(client).await?;
        let now = chrono::DateTime::from_timestamp_millis(now_millis).unwrap_or_default();
        impact::with_forecast(&mut impacts, &plan, &snapshot, now);
    }
    Ok(PreparedPlan { plan, impacts })
}
