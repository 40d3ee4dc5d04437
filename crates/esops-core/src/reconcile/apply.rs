//! Carrying a plan out: one request per change, in [`Plan::steps`] order, stopping at the first
//! failure so that nothing runs on top of a missing dependency. Re-running converges: a new plan
//! starts from whatever did get applied.

use super::plan::{ChangeAction, Plan, PlannedChange};
use crate::es::{Client, RequestError};

/// What happened to each change of an apply.
#[derive(Debug)]
pub struct ApplyReport<'a> {
    /// Changes the cluster acknowledged, in order.
    pub done: Vec<&'a PlannedChange>,
    /// The change the cluster refused (or that could not be sent), with why.
    pub failed: Option<(&'a PlannedChange, RequestError)>,
    /// Changes not attempted because an earlier one failed.
    pub not_attempted: Vec<&'a PlannedChange>,
}

/// Applies `plan`'s changes in order; `progress` hears about each one before it is sent.
pub async fn execute<'a>(client: &Client, plan: &'a Plan, mut progress: impl FnMut(&PlannedChange)) -> ApplyReport<'a> {
    let mut report = ApplyReport { done: Vec::new(), failed: None, not_attempted: Vec::new() };
    for change in plan.steps() {
        if report.failed.is_some() {
            report.not_attempted.push(change);
            continue;
        }
        progress(change);
        let outcome = if change.action == ChangeAction::Delete {
            client.delete_resource(change.kind, &change.name).await
        } else {
            let body = change.body.as_ref().expect("plan() gives every create and update the declared body");
            client.put_resource(change.kind, &change.name, body).await
        };
        match outcome {
            Ok(()) => report.done.push(change),
            Err(e) => report.failed = Some((change, e)),
        }
    }
    report
}
