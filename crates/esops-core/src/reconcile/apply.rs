//! Carrying a plan out: one request per change, in [`Plan::steps`] order, stopping at the first
//! failure so that nothing runs on top of a missing dependency. Re-running converges: a new plan
//! starts from whatever did get applied.
//!
//! A change counts as applied only when the cluster holds it: every write must be acknowledged
//! (`{"acknowledged": true}`), and then the changed kinds are read back (one request per kind, as
//! the plan read them) and compared with the plan. A write whose answer was lost (a dropped
//! connection, a 5xx after doing the work, an answer of the wrong shape) is settled by that
//! read-back too; only when the read-back itself fails is its outcome reported as unknown.

use std::collections::BTreeSet;

use super::diff::diff;
use super::normalize::{canonical, managed_part};
use super::plan::{ChangeAction, Plan, PlannedChange, ResourceRef};
use crate::es::resources::StoredResource;
use crate::es::{Client, RequestError};
use crate::resources::ResourceKind;

/// What happened to each change of an apply.
#[derive(Debug)]
pub struct ApplyReport<'a> {
    /// Changes the cluster acknowledged and the read-back shows in place, in order.
    pub done: Vec<&'a PlannedChange>,
    /// The change that failed (refused, or not in place after its write), with why.
    pub failed: Option<(&'a PlannedChange, RequestError)>,
    /// Changes not attempted because an earlier one failed or the run was interrupted.
    pub not_attempted: Vec<&'a PlannedChange>,
    /// Changes whose outcome esops cannot tell, with what is known and what to check.
    pub unknown: Vec<(&'a PlannedChange, String)>,
    /// Changes among `done` whose answer was lost but whose read-back shows them in place, with what happened.
    pub recovered: Vec<(&'a PlannedChange, String)>,
    /// True when the run stopped early on Ctrl-C (or its `--deadline`).
    pub interrupted: bool,
}

impl ApplyReport<'_> {
    /// True when every change of the plan is confirmed in place.
    pub fn complete(&self) -> bool {
        self.failed.is_none() && self.unknown.is_empty() && self.not_attempted.is_empty() && !self.interrupted
    }
}

/// A write whose answer did not say "done", waiting for the read-back to settle it.
struct Unsettled<'a> {
    change: &'a PlannedChange,
    error: Option<RequestError>,
}

/// Applies `plan`'s changes in order; `progress` hears about each one before it is sent, and
/// `stop` is asked before each one whether to stop (Ctrl-C). The changed kinds are then read back.
pub async fn execute<'a>(
    client: &Client,
    plan: &'a Plan,
    mut progress: impl FnMut(&PlannedChange),
    stop: impl Fn() -> bool,
) -> ApplyReport<'a> {
    let mut report = ApplyReport {
        done: Vec::new(),
        failed: None,
        not_attempted: Vec::new(),
        unknown: Vec::new(),
        recovered: Vec::new(),
        interrupted: false,
    };
    let mut sent: Vec<Unsettled<'a>> = Vec::new();
    let mut halted = false;
    for change in plan.steps() {
        if halted || stop() {
            report.interrupted |= !halted;
            halted = true;
            report.not_attempted.push(change);
            continue;
        }
        progress(change);
        let body = || change.body.as_ref().expect("plan() gives every create and update the declared body");
        let outcome = match change.action {
            ChangeAction::Delete => client.delete_resource(change.kind, &change.name).await,
            ChangeAction::Create => client.create_resource(change.kind, &change.name, body()).await,
            _ => client.update_resource(change.kind, &change.name, body(), change.revision).await,
        };
        match outcome {
            Ok(()) => sent.push(Unsettled { change, error: None }),
            // The run's deadline came before this write went out: stop as on Ctrl-C.
            Err(RequestError::Deadline { sent: false, .. }) => {
                report.interrupted = true;
                report.not_attempted.push(change);
                halted = true;
            }
            // Refused before doing anything (4xx, no connection): nothing to read back.
            Err(e) if !e.outcome_unknown() => {
                report.failed = Some((change, e));
                halted = true;
            }
            Err(e) => {
                report.interrupted |= matches!(e, RequestError::Deadline { .. });
                sent.push(Unsettled { change, error: Some(e) });
                halted = true;
            }
        }
    }
    settle(client, sent, &mut report).await;
    report
}

/// Reads back the kinds of the `sent` changes and sorts each into done, failed or unknown.
async fn settle<'a>(client: &Client, sent: Vec<Unsettled<'a>>, report: &mut ApplyReport<'a>) {
    if sent.is_empty() {
        return;
    }
    let kinds: BTreeSet<ResourceKind> = sent.iter().map(|u| u.change.kind).collect();
    let kinds: Vec<ResourceKind> = kinds.into_iter().collect();
    let stored = match super::read_cluster(client, &kinds).await {
        Ok(s) => s,
        Err(read_error) => {
            for u in sent {
                let answer = match &u.error {
                    None => "acknowledged".to_string(),
                    Some(e) => format!("no clear answer ({e})"),
                };
                report.unknown.push((
                    u.change,
                    format!(
                        "{answer}, but reading it back failed ({read_error}); run `esops plan` to see whether it is in place"
                    ),
                ));
            }
            return;
        }
    };
    for u in sent {
        match (mismatch(u.change, &stored), u.error) {
            (None, None) => report.done.push(u.change),
            // The master committed it, but not every node confirmed within the ack timeout.
            (None, Some(e @ RequestError::NotAcknowledged { .. })) => report.unknown.push((
                u.change,
                format!(
                    "{e}; the read-back shows it stored, but nodes may not all have it yet: check \
                     `GET _cluster/health` and `GET _cluster/pending_tasks`, then run `esops plan`"
                ),
            )),
            // The answer was lost (dropped connection, 5xx after the work), but the cluster has it.
            (None, Some(e)) => {
                report
                    .recovered
                    .push((u.change, format!("the answer was lost ({e}); the read-back shows it in place")));
                report.done.push(u.change);
            }
            (Some(what), None) => report.unknown.push((
                u.change,
                format!(
                    "acknowledged, but the read-back shows {what}: another writer (a concurrent apply?) may have \
                     changed it; run `esops plan` to see what the cluster holds"
                ),
            )),
            // The write's answer was unclear and the cluster does not hold the change: it failed.
            (Some(_), Some(e)) => {
                if report.failed.is_none() {
                    report.failed = Some((u.change, e));
                } else {
                    report.unknown.push((u.change, format!("{e}; not in place")));
                }
            }
        }
    }
}

/// How the cluster's copy differs from what `change` should have left, or `None` when it matches.
pub fn mismatch(change: &PlannedChange, stored: &[StoredResource]) -> Option<String> {
    let found = stored.iter().find(|s| s.kind == change.kind && s.name == change.name);
    match (change.action, found) {
        (ChangeAction::Delete, None) => None,
        (ChangeAction::Delete, Some(_)) => Some("it still exists".into()),
        (_, None) => Some("it does not exist".into()),
        (_, Some(s)) => {
            let wanted = change.new.as_ref()?;
            // Of cluster settings, only the declared keys (resets included) are esops's to check.
            let declared = change.body.as_ref().unwrap_or(wanted);
            let changes = diff(&managed_part(s.kind, canonical(s.kind, &s.body), declared), wanted);
            let first = changes.first()?;
            Some(format!("a different {} ({} field(s) differ)", first.path, changes.len()))
        }
    }
}

/// The changes of `plan` whose resource the cluster no longer holds as the plan saw it
/// (changed, created or deleted since), each with what changed. Empty when the plan still fits.
pub fn stale(plan: &Plan, stored: &[StoredResource]) -> Vec<(ResourceRef, String)> {
    plan.changes
        .iter()
        .filter_map(|change| {
            let found = stored.iter().find(|s| s.kind == change.kind && s.name == change.name);
            let what = match (&change.old, found) {
                (None, None) => return None,
                (None, Some(_)) => "created since the plan".to_string(),
                (Some(_), None) => "deleted since the plan".to_string(),
                (Some(old), Some(s)) => {
                    // Compared as the plan compared it: of cluster settings, the declared keys only.
                    let declared = change.body.as_ref().or(change.new.as_ref()).unwrap_or(&serde_json::Value::Null);
                    let changes = diff(old, &managed_part(s.kind, canonical(s.kind, &s.body), declared));
                    let first = changes.first()?;
                    format!("changed since the plan ({})", first.path)
                }
            };
            Some((change.resource(), what))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reconcile::plan::plan;
    use crate::reconcile::plan::tests::{declared, stored};
    use serde_json::json;

    fn pipeline(description: &str) -> serde_json::Value {
        json!({"description": description, "processors": [], "_meta": {"managed_by": "esops"}})
    }

    #[test]
    fn read_back_compares_with_the_plan() {
        let p = plan(&[declared(ResourceKind::IngestPipeline, "p", pipeline("new"))], &[], false);
        let change = &p.changes[0];
        assert_eq!(mismatch(change, &[]), Some("it does not exist".into()));
        assert_eq!(mismatch(change, &[stored(ResourceKind::IngestPipeline, "p", pipeline("new"))]), None);
        assert_eq!(
            mismatch(change, &[stored(ResourceKind::IngestPipeline, "p", pipeline("other"))]),
            Some("a different description (1 field(s) differ)".into())
        );
    }

    #[test]
    fn a_plan_goes_stale_when_its_resources_change() {
        let cluster = [stored(ResourceKind::IngestPipeline, "p", pipeline("old"))];
        let p = plan(
            &[
                declared(ResourceKind::IngestPipeline, "p", pipeline("new")),
                declared(ResourceKind::IngestPipeline, "q", pipeline("q")),
            ],
            &cluster,
            false,
        );
        assert!(stale(&p, &cluster).is_empty());
        let now = [
            stored(ResourceKind::IngestPipeline, "p", pipeline("someone else's")),
            stored(ResourceKind::IngestPipeline, "q", pipeline("q")),
        ];
        let found: Vec<String> = stale(&p, &now).iter().map(|(r, w)| format!("{r}: {w}")).collect();
        assert_eq!(
            found,
            ["ingest_pipeline/p: changed since the plan (description)", "ingest_pipeline/q: created since the plan"]
        );
    }
}
