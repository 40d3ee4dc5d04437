//! What ILM is doing with each index, from one `_ilm/explain` answer: the rows `esops ilm explain`
//! shows (errors first) and the decisions `esops ilm retry` takes. Pure: the answer and "now" in,
//! rows and decisions out; the cluster is reached only through [`IlmVerbSender`], which the ILM
//! verbs (`retry` here, `attach`, `detach` and `switch` in [`super::ilm_change`]) share.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;

use serde::Serialize;
use serde_json::Value;

use super::elapsed_millis;
use crate::es::cluster_state::IlmExplain;
use es_syntax::glob::simple_match;

/// ILM's phases in execution order.
const PHASE_ORDER: [&str; 6] = ["new", "hot", "warm", "cold", "frozen", "delete"];

/// Sort key listing phases in lifecycle order, other states (`unmanaged`, …) after them.
pub fn phase_rank(phase: &str) -> (usize, &str) {
    (PHASE_ORDER.iter().position(|p| *p == phase).unwrap_or(PHASE_ORDER.len()), phase)
}

/// Where an index stands with ILM. The order is the order `esops ilm explain` lists them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IlmStatus {
    /// A step failed: the index sits in the `ERROR` step until the cause is fixed and the step is
    /// retried (Elasticsearch retries some errors by itself, `is_auto_retryable_error`).
    Error,
    /// ILM reports an error although the index is not in the `ERROR` step: its policy does not
    /// exist (Elasticsearch's `only_errors` lists these too). A retry cannot help; ILM resumes
    /// once the policy exists.
    Blocked,
    /// Managed, and moving or waiting as the policy says.
    Ok,
    /// No ILM policy manages the index.
    Unmanaged,
}

/// The error ILM reports for an index: `step_info` when it is an Elasticsearch error cause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IlmError {
    /// `step_info.type`, e.g. `illegal_argument_exception`.
    #[serde(rename = "type")]
    pub error_type: String,
    /// `step_info.reason`.
    pub reason: String,
}

impl IlmError {
    /// `type: reason`.
    pub fn describe(&self) -> String {
        format!("{}: {}", self.error_type, self.reason)
    }
}

/// One index as `esops ilm explain` shows it. Every field is always present in JSON (null when
/// unknown), so that scripts can rely on the keys.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexIlmState {
    /// Index name.
    pub index: String,
    /// Where it stands.
    pub status: IlmStatus,
    /// The policy managing it (`index.lifecycle.name`).
    pub policy: Option<String>,
    /// Current phase.
    pub phase: Option<String>,
    /// Current action.
    pub action: Option<String>,
    /// Current step (`ERROR` when a step failed).
    pub step: Option<String>,
    /// In `ERROR`: the step that failed, which a retry runs again.
    pub failed_step: Option<String>,
    /// The date ILM ages the index from (creation, or rollover), epoch millis.
    pub lifecycle_date_millis: Option<i64>,
    /// Now minus the lifecycle date: the age ILM compares with each phase's `min_age`; `None`
    /// when unknown (no date, or a date after now: see [`clock_skew_millis`]).
    pub age_millis: Option<i64>,
    /// When the index entered its current step, epoch millis.
    pub step_time_millis: Option<i64>,
    /// Now minus the step time: for an `ERROR` step, how long the index has been stuck; `None`
    /// when unknown, like `age_millis`.
    pub time_in_step_millis: Option<i64>,
    /// The error, from `step_info`, when there is one.
    pub error: Option<IlmError>,
    /// `step_info` as Elasticsearch sent it: the whole error cause, or a waiting step's message.
    pub step_info: Option<Value>,
    /// Whether Elasticsearch retries the failed step by itself.
    pub is_auto_retryable_error: Option<bool>,
    /// How often the failed step was retried (by Elasticsearch or by hand).
    pub failed_step_retry_count: Option<u64>,
}

impl IndexIlmState {
    /// `phase/action/step`, `?` for what is unknown.
    pub fn position(&self) -> String {
        let part = |p: &Option<String>| p.clone().unwrap_or_else(|| "?".into());
        format!("{}/{}/{}", part(&self.phase), part(&self.action), part(&self.step))
    }

    /// What went wrong, in one line: `check-rollover-ready failed (retried 3 times): type: reason`
    /// for an `ERROR` step, `type: reason` for a blocked index; `None` when all is well.
    pub fn problem(&self) -> Option<String> {
        let error = self.error.as_ref().map(IlmError::describe);
        match self.status {
            IlmStatus::Error => {
                let step = self.failed_step.as_deref().unwrap_or("?");
                let retries = match self.failed_step_retry_count {
                    Some(n) if n > 0 => format!(" (retried {n} time{})", if n == 1 { "" } else { "s" }),
                    _ => String::new(),
                };
                Some(format!("{step} failed{retries}: {}", error.unwrap_or_else(|| "no reason given".into())))
            }
            IlmStatus::Blocked => error,
            IlmStatus::Ok | IlmStatus::Unmanaged => None,
        }
    }
}

/// `step_info` as an error, when it is an Elasticsearch error cause (`type` and `reason`);
/// waiting steps put a `message` there instead.
fn error_of(step_info: Option<&Value>) -> Option<IlmError> {
    let info = step_info?;
    Some(IlmError {
        error_type: info.get("type")?.as_str()?.to_string(),
        reason: info.get("reason").and_then(Value::as_str).unwrap_or("no reason given").to_string(),
    })
}

/// The state of every index in an `_ilm/explain` answer, aged against `now_millis`.
pub fn index_states(explain: &BTreeMap<String, IlmExplain>, now_millis: i64) -> Vec<IndexIlmState> {
    explain
        .iter()
        .map(|(index, e)| {
            let error = error_of(e.step_info.as_ref());
            let status = match (e.managed, e.step.as_deref()) {
                (false, _) => IlmStatus::Unmanaged,
                (true, Some("ERROR")) => IlmStatus::Error,
                (true, _) if error.is_some() => IlmStatus::Blocked,
                (true, _) => IlmStatus::Ok,
            };
            IndexIlmState {
                index: index.clone(),
                status,
                policy: e.policy.clone(),
                phase: e.phase.clone(),
                action: e.action.clone(),
                step: e.step.clone(),
                failed_step: e.failed_step.clone(),
                lifecycle_date_millis: e.lifecycle_date_millis,
                age_millis: e.lifecycle_date_millis.and_then(|d| elapsed_millis(now_millis, d)),
                step_time_millis: e.step_time_millis,
                time_in_step_millis: e.step_time_millis.and_then(|t| elapsed_millis(now_millis, t)),
                error,
                step_info: e.step_info.clone(),
                is_auto_retryable_error: e.is_auto_retryable_error,
                failed_step_retry_count: e.failed_step_retry_count,
            }
        })
        .collect()
}

/// The targets that name one index exactly (no wildcard, not `_all`, not an exclusion), split
/// at commas. What an operator names is always reported, even where a pattern's matches would
/// be summed up.
pub fn named_indices(targets: &[String]) -> BTreeSet<String> {
    targets
        .iter()
        .flat_map(|t| t.split(','))
        .map(str::trim)
        .filter(|t| !t.is_empty() && !t.contains('*') && *t != "_all" && !t.starts_with('-'))
        .map(str::to_string)
        .collect()
}

/// Which indices `esops ilm explain` lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExplainFilter {
    /// Only indices in `ERROR` or blocked.
    pub only_errors: bool,
    /// Only indices managed by a policy matching this (`*` wildcards).
    pub policy: Option<String>,
    /// Unmanaged indices too (by default only counted, unless named).
    pub include_unmanaged: bool,
    /// Indices named as targets: listed even when unmanaged.
    pub named: BTreeSet<String>,
}

/// Counts over the indices the targets and `--policy` select (before `--only-errors`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IlmCounts {
    /// Indices a policy manages.
    pub managed: usize,
    /// Managed indices in the `ERROR` step.
    pub error: usize,
    /// Managed indices ILM cannot move (their policy is missing).
    pub blocked: usize,
    /// Indices no policy manages.
    pub unmanaged: usize,
    /// Unmanaged indices left out of the list (no `--unmanaged`).
    pub unmanaged_hidden: usize,
    /// Managed indices per phase (`no phase` before ILM gave the index one).
    pub phases: BTreeMap<String, usize>,
}

/// How far the latest ILM time (lifecycle date or step time) of `states` is after `now_millis`,
/// when one is: the cluster's clock runs ahead of the one ages are measured with, and those ages
/// are unknown. What `esops ilm explain` warns about.
pub fn clock_skew_millis(states: &[IndexIlmState], now_millis: i64) -> Option<i64> {
    states
        .iter()
        .flat_map(|s| [s.lifecycle_date_millis, s.step_time_millis])
        .flatten()
        .map(|t| t - now_millis)
        .filter(|ahead| *ahead > 0)
        .max()
}

/// The list `esops ilm explain` prints, and the counts under it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IlmOverview {
    /// The listed indices: errors first, then blocked, then by phase in lifecycle order and age
    /// (youngest first), unmanaged last.
    pub indices: Vec<IndexIlmState>,
    /// Counts.
    pub counts: IlmCounts,
}

impl IlmOverview {
    /// True when some selected index is in `ERROR` or blocked: what cron and CI alert on.
    pub fn has_errors(&self) -> bool {
        self.counts.error + self.counts.blocked > 0
    }

    /// Phase counts in lifecycle order.
    pub fn phases_in_order(&self) -> Vec<(&str, usize)> {
        let mut phases: Vec<(&str, usize)> = self.counts.phases.iter().map(|(p, n)| (p.as_str(), *n)).collect();
        phases.sort_by_key(|(p, _)| phase_rank(p));
        phases
    }
}

/// Filters, counts and sorts `states` for `esops ilm explain`.
pub fn overview(states: Vec<IndexIlmState>, filter: &ExplainFilter) -> IlmOverview {
    let mut counts = IlmCounts::default();
    let mut indices = Vec::new();
    for state in states {
        if let Some(pattern) = &filter.policy
            && !state.policy.as_deref().is_some_and(|p| simple_match(pattern, p))
        {
            continue;
        }
        match state.status {
            IlmStatus::Unmanaged => counts.unmanaged += 1,
            status => {
                counts.managed += 1;
                counts.error += usize::from(status == IlmStatus::Error);
                counts.blocked += usize::from(status == IlmStatus::Blocked);
                *counts.phases.entry(state.phase.clone().unwrap_or_else(|| "no phase".into())).or_default() += 1;
            }
        }
        let shown = match state.status {
            IlmStatus::Error | IlmStatus::Blocked => true,
            _ if filter.only_errors => false,
            IlmStatus::Ok => true,
            IlmStatus::Unmanaged => filter.include_unmanaged || filter.named.contains(&state.index),
        };
        if shown {
            indices.push(state);
        } else if state.status == IlmStatus::Unmanaged && !filter.only_errors {
            counts.unmanaged_hidden += 1;
        }
    }
    indices.sort_by(|a, b| {
        let key = |s: &IndexIlmState| (s.status, phase_rank(s.phase.as_deref().unwrap_or("")).0, s.age_millis);
        key(a).cmp(&key(b)).then_with(|| a.index.cmp(&b.index))
    });
    IlmOverview { indices, counts }
}

/// What `esops ilm retry` did, or did not do, to one index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum RetryOutcome {
    /// Elasticsearch moved it back to the failed step, which ILM runs again.
    Retried,
    /// Skipped: not in the `ERROR` step.
    NotInError,
    /// Skipped: ILM reports an error that is not a failed step (its policy is missing); a retry
    /// cannot help.
    Blocked,
    /// Skipped: no ILM policy manages it.
    Unmanaged,
    /// In `ERROR` when read, but not any more when the retry arrived: Elasticsearch's own
    /// retry of a retryable error, or someone else, got there first.
    LeftErrorMeanwhile,
    /// Deleted between the read and the retry.
    Gone,
    /// The retry request failed.
    Failed {
        /// What the cluster or the connection said.
        error: String,
    },
}

/// Which indices to retry, and why the others are left alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RetryPlan {
    /// Indices in the `ERROR` step, by name.
    pub retry: Vec<String>,
    /// Everything else, with the reason it is skipped.
    pub skipped: Vec<(String, RetryOutcome)>,
}

/// Only an index in the `ERROR` step can be retried: Elasticsearch refuses the others, and
/// would refuse the whole request with them (it moves every named index in one cluster state
/// update, all or none).
pub fn plan_retry(states: &[IndexIlmState]) -> RetryPlan {
    let mut plan = RetryPlan::default();
    for s in states {
        match s.status {
            IlmStatus::Error => plan.retry.push(s.index.clone()),
            IlmStatus::Blocked => plan.skipped.push((s.index.clone(), RetryOutcome::Blocked)),
            IlmStatus::Ok => plan.skipped.push((s.index.clone(), RetryOutcome::NotInError)),
            IlmStatus::Unmanaged => plan.skipped.push((s.index.clone(), RetryOutcome::Unmanaged)),
        }
    }
    plan
}

/// A change esops asks Elasticsearch to make to explicit indices, one request per batch of names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "verb", rename_all = "snake_case")]
pub enum IlmVerb {
    /// `POST /NAMES/_ilm/retry`: back to the failed step.
    Retry,
    /// `PUT /NAMES/_settings {"index.lifecycle.name": POLICY}` on unmanaged indices.
    Attach {
        /// The policy.
        policy: String,
    },
    /// `POST /NAMES/_ilm/remove`: ILM lets go of the indices.
    Detach,
    /// `PUT /NAMES/_settings {"index.lifecycle.name": POLICY}` on managed indices.
    Switch {
        /// The new policy.
        policy: String,
    },
}

impl IlmVerb {
    /// The policy the indices should name once the change is made (`None`: no policy; retry
    /// changes none).
    pub fn policy_after(&self) -> Option<&str> {
        match self {
            IlmVerb::Attach { policy } | IlmVerb::Switch { policy } => Some(policy),
            IlmVerb::Retry | IlmVerb::Detach => None,
        }
    }
}

/// Why a request for a batch of indices was refused as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchFailure {
    /// An index of the request is no longer in the state the change needs (for a retry: not in
    /// `ERROR` any more).
    NotApplicable,
    /// An index of the request does not exist (any more).
    Missing,
    /// Anything else, with the message.
    Other(String),
}

/// What Elasticsearch's success answer says of a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchAnswer {
    /// `acknowledged: true` (or, for `_ilm/remove`, the answer that has no such field): the
    /// change is in the cluster state. False: the master applied it but not every node confirmed
    /// in time, so only a read-back can tell.
    pub acknowledged: bool,
    /// Indices the answer lists as not changed (`_ilm/remove`'s `failed_indexes`).
    pub failed: Vec<String>,
    /// Indices the answer lists as not in the state the change needs (ISM's per-index
    /// `failed_indices`: not failed, not managed, already managed).
    pub not_applicable: Vec<String>,
    /// Indices the answer lists as refused for another reason, with it (ISM: closed, …).
    pub refused: Vec<(String, String)>,
}

/// How the change went for one index, as Elasticsearch answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    /// The answer says it was done.
    Applied,
    /// The request was accepted without `acknowledged: true`: to be read back.
    Unacknowledged,
    /// Refused: no longer in the state the change needs.
    NotApplicable,
    /// Refused or listed as failed: the index does not exist (any more).
    Gone,
    /// Refused for another reason.
    Failed(String),
}

/// Sends an [`IlmVerb`] for explicit index names, all or none per request.
pub trait IlmVerbSender {
    /// One request for `names`.
    fn send(&self, verb: &IlmVerb, names: &[String]) -> impl Future<Output = Result<BatchAnswer, BatchFailure>>;
}

/// Sends each batch in one request. Elasticsearch applies a batch all or none, so when one is
/// refused (an index changed state or was deleted since it was read), its indices are sent one
/// by one, so that each gets its own outcome and the others still get their change.
pub async fn send_in_batches<S: IlmVerbSender>(
    sender: &S,
    verb: &IlmVerb,
    batches: &[Vec<String>],
) -> Vec<(String, Sent)> {
    let refused = |failure: BatchFailure| match failure {
        BatchFailure::NotApplicable => Sent::NotApplicable,
        BatchFailure::Missing => Sent::Gone,
        BatchFailure::Other(error) => Sent::Failed(error),
    };
    let answered = |name: &String, answer: &BatchAnswer| match () {
        _ if answer.failed.contains(name) => Sent::Gone,
        _ if answer.not_applicable.contains(name) => Sent::NotApplicable,
        _ if let Some((_, reason)) = answer.refused.iter().find(|(n, _)| n == name) => Sent::Failed(reason.clone()),
        _ if answer.acknowledged => Sent::Applied,
        _ => Sent::Unacknowledged,
    };
    let mut results = Vec::new();
    for batch in batches.iter().filter(|b| !b.is_empty()) {
        match sender.send(verb, batch).await {
            Ok(answer) => results.extend(batch.iter().map(|n| (n.clone(), answered(n, &answer)))),
            Err(failure) if batch.len() == 1 => results.push((batch[0].clone(), refused(failure))),
            Err(_) => {
                for name in batch {
                    let sent = match sender.send(verb, std::slice::from_ref(name)).await {
                        Ok(answer) => answered(name, &answer),
                        Err(failure) => refused(failure),
                    };
                    results.push((name.clone(), sent));
                }
            }
        }
    }
    results
}

/// Retries the failed step of each batch ([`send_in_batches`] with [`IlmVerb::Retry`]).
pub async fn retry_in_batches<S: IlmVerbSender>(sender: &S, batches: &[Vec<String>]) -> Vec<(String, RetryOutcome)> {
    send_in_batches(sender, &IlmVerb::Retry, batches)
        .await
        .into_iter()
        .map(|(name, sent)| {
            let outcome = match sent {
                // A retry's answer is `{acknowledged}`; ILM runs the step at its next poll anyway.
                Sent::Applied | Sent::Unacknowledged => RetryOutcome::Retried,
                Sent::NotApplicable => RetryOutcome::LeftErrorMeanwhile,
                Sent::Gone => RetryOutcome::Gone,
                Sent::Failed(error) => RetryOutcome::Failed { error },
            };
            (name, outcome)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use serde_json::json;

    use super::*;

    const NOW: i64 = 1_710_000_000_000;
    const HOUR: i64 = 3_600_000;

    fn managed(policy: &str, phase: &str, action: &str, step: &str, age_hours: i64) -> IlmExplain {
        IlmExplain {
            managed: true,
            policy: Some(policy.into()),
            lifecycle_date_millis: Some(NOW - age_hours * HOUR),
            phase: Some(phase.into()),
            action: Some(action.into()),
            step: Some(step.into()),
            step_time_millis: Some(NOW - HOUR),
            ..Default::default()
        }
    }

    fn failed(age_hours: i64) -> IlmExplain {
        IlmExplain {
            failed_step: Some("check-rollover-ready".into()),
            step_info: Some(json!({"type": "illegal_argument_exception",
                "reason": "setting [index.lifecycle.rollover_alias] for index [x] is empty or not defined",
                "stack_trace": "…"})),
            is_auto_retryable_error: Some(true),
            failed_step_retry_count: Some(2),
            ..managed("rolling", "hot", "rollover", "ERROR", age_hours)
        }
    }

    fn unmanaged() -> IlmExplain {
        IlmExplain { managed: false, ..Default::default() }
    }

    /// A policy that does not exist: ES records why, and leaves the index where it was.
    fn policy_missing() -> IlmExplain {
        IlmExplain {
            managed: true,
            policy: Some("ghost".into()),
            step_info: Some(json!({"type": "illegal_argument_exception", "reason": "policy [ghost] does not exist"})),
            ..Default::default()
        }
    }

    fn cluster() -> BTreeMap<String, IlmExplain> {
        BTreeMap::from([
            ("logs-3".to_string(), managed("logs", "warm", "complete", "complete", 200)),
            ("logs-1".to_string(), managed("logs", "hot", "complete", "complete", 5)),
            ("logs-2".to_string(), managed("logs", "hot", "complete", "complete", 30)),
            ("stuck".to_string(), failed(100)),
            ("ghosted".to_string(), policy_missing()),
            (
                "waiting".to_string(),
                IlmExplain {
                    step_info: Some(json!({"message": "Waiting for all shard copies to be active"})),
                    ..managed("logs", "warm", "allocate", "check-allocation", 190)
                },
            ),
            ("tmp".to_string(), unmanaged()),
        ])
    }

    fn names(o: &IlmOverview) -> Vec<&str> {
        o.indices.iter().map(|s| s.index.as_str()).collect()
    }

    #[test]
    fn errors_come_first_then_blocked_then_phases_in_order_youngest_first() {
        let o = overview(index_states(&cluster(), NOW), &ExplainFilter::default());
        assert_eq!(names(&o), ["stuck", "ghosted", "logs-1", "logs-2", "waiting", "logs-3"]);
        assert_eq!(o.counts.managed, 6);
        assert_eq!((o.counts.error, o.counts.blocked, o.counts.unmanaged, o.counts.unmanaged_hidden), (1, 1, 1, 1));
        assert_eq!(o.phases_in_order(), [("hot", 3), ("warm", 2), ("no phase", 1)]);
        assert!(o.has_errors());
    }

    #[test]
    fn ages_and_time_in_step_count_from_the_given_now() {
        let states = index_states(&cluster(), NOW);
        let stuck = states.iter().find(|s| s.index == "stuck").unwrap();
        assert_eq!(stuck.status, IlmStatus::Error);
        assert_eq!(stuck.age_millis, Some(100 * HOUR));
        assert_eq!(stuck.time_in_step_millis, Some(HOUR));
        assert_eq!(
            stuck.problem().unwrap(),
            "check-rollover-ready failed (retried 2 times): illegal_argument_exception: \
             setting [index.lifecycle.rollover_alias] for index [x] is empty or not defined"
        );
        let ghosted = states.iter().find(|s| s.index == "ghosted").unwrap();
        assert_eq!(ghosted.problem().unwrap(), "illegal_argument_exception: policy [ghost] does not exist");
        assert_eq!((ghosted.age_millis, ghosted.position()), (None, "?/?/?".to_string()));
    }

    #[test]
    fn times_after_now_are_unknown_ages_and_a_clock_skew_never_negative() {
        let states = index_states(&cluster(), NOW - 2 * HOUR);
        let stuck = states.iter().find(|s| s.index == "stuck").unwrap();
        assert_eq!(stuck.age_millis, Some(98 * HOUR));
        assert_eq!(stuck.time_in_step_millis, None, "the step began an hour after this now");
        assert_eq!(clock_skew_millis(&states, NOW - 2 * HOUR), Some(HOUR));
        assert_eq!(clock_skew_millis(&index_states(&cluster(), NOW), NOW), None);
    }

    #[test]
    fn a_waiting_message_is_not_an_error() {
        let states = index_states(&cluster(), NOW);
        let waiting = states.iter().find(|s| s.index == "waiting").unwrap();
        assert_eq!((waiting.status, waiting.error.as_ref()), (IlmStatus::Ok, None));
        assert_eq!(waiting.problem(), None);
    }

    #[test]
    fn only_errors_keeps_errors_and_blocked_and_the_counts() {
        let filter = ExplainFilter { only_errors: true, ..Default::default() };
        let o = overview(index_states(&cluster(), NOW), &filter);
        assert_eq!(names(&o), ["stuck", "ghosted"]);
        assert_eq!((o.counts.managed, o.counts.unmanaged_hidden), (6, 0));
    }

    #[test]
    fn policy_filter_takes_wildcards_and_drops_unmanaged() {
        let filter = ExplainFilter { policy: Some("log*".into()), include_unmanaged: true, ..Default::default() };
        let o = overview(index_states(&cluster(), NOW), &filter);
        assert_eq!(names(&o), ["logs-1", "logs-2", "waiting", "logs-3"]);
        assert!(!o.has_errors());
        assert_eq!(o.counts.unmanaged, 0);
    }

    #[test]
    fn unmanaged_indices_are_counted_unless_asked_for_or_named() {
        let all = ExplainFilter { include_unmanaged: true, ..Default::default() };
        assert_eq!(names(&overview(index_states(&cluster(), NOW), &all)).last(), Some(&"tmp"));
        let named = ExplainFilter { named: named_indices(&["tmp,logs-*".into()]), ..Default::default() };
        let o = overview(index_states(&cluster(), NOW), &named);
        assert!(names(&o).contains(&"tmp"));
        assert_eq!(o.counts.unmanaged_hidden, 0);
    }

    #[test]
    fn only_plain_names_are_named() {
        let targets = ["a,b*".to_string(), "_all".into(), "-c".into(), " d ".into(), "*".into()];
        assert_eq!(named_indices(&targets), BTreeSet::from(["a".to_string(), "d".to_string()]));
    }

    #[test]
    fn only_indices_in_error_are_retried() {
        let plan = plan_retry(&index_states(&cluster(), NOW));
        assert_eq!(plan.retry, ["stuck"]);
        let skipped: BTreeMap<&str, &RetryOutcome> = plan.skipped.iter().map(|(n, o)| (n.as_str(), o)).collect();
        assert_eq!(skipped["ghosted"], &RetryOutcome::Blocked);
        assert_eq!(skipped["logs-1"], &RetryOutcome::NotInError);
        assert_eq!(skipped["tmp"], &RetryOutcome::Unmanaged);
        assert_eq!(skipped.len(), 6);
    }

    #[test]
    fn phases_rank_in_lifecycle_order() {
        let mut phases = ["delete", "unmanaged", "hot", "new", "cold", "frozen", "warm"];
        phases.sort_by_key(|p| phase_rank(p));
        assert_eq!(phases, ["new", "hot", "warm", "cold", "frozen", "delete", "unmanaged"]);
    }

    /// Answers like Elasticsearch: a request naming an index that is not in ERROR (any more) or
    /// does not exist fails as a whole.
    struct FakeCluster {
        not_in_error: Vec<&'static str>,
        missing: Vec<&'static str>,
        forbidden: Vec<&'static str>,
        calls: RefCell<Vec<Vec<String>>>,
    }

    impl IlmVerbSender for FakeCluster {
        async fn send(&self, _verb: &IlmVerb, names: &[String]) -> Result<BatchAnswer, BatchFailure> {
            self.calls.borrow_mut().push(names.to_vec());
            let any = |list: &[&str]| names.iter().any(|n| list.contains(&n.as_str()));
            if any(&self.missing) {
                return Err(BatchFailure::Missing);
            }
            if any(&self.not_in_error) {
                return Err(BatchFailure::NotApplicable);
            }
            if any(&self.forbidden) {
                return Err(BatchFailure::Other("403 Forbidden".into()));
            }
            Ok(BatchAnswer { acknowledged: true, ..BatchAnswer::default() })
        }
    }

    fn block_on<F: Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
    }

    fn batch(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn a_batch_is_one_request_when_all_are_still_in_error() {
        let fake = FakeCluster { not_in_error: vec![], missing: vec![], forbidden: vec![], calls: RefCell::default() };
        let results = block_on(retry_in_batches(&fake, &[batch(&["a", "b"]), batch(&["c"])]));
        assert!(results.iter().all(|(_, o)| *o == RetryOutcome::Retried));
        assert_eq!(fake.calls.borrow().len(), 2);
    }

    #[test]
    fn a_refused_batch_is_retried_index_by_index_and_each_gets_its_outcome() {
        let fake = FakeCluster {
            not_in_error: vec!["b"],
            missing: vec!["c"],
            forbidden: vec!["e"],
            calls: RefCell::default(),
        };
        let results = block_on(retry_in_batches(&fake, &[batch(&["a", "b", "c", "d"]), batch(&["e"]), vec![]]));
        assert_eq!(
            results,
            [
                ("a".to_string(), RetryOutcome::Retried),
                ("b".to_string(), RetryOutcome::LeftErrorMeanwhile),
                ("c".to_string(), RetryOutcome::Gone),
                ("d".to_string(), RetryOutcome::Retried),
                ("e".to_string(), RetryOutcome::Failed { error: "403 Forbidden".into() }),
            ]
        );
        // The batch, then its four indices; a batch of one is not sent twice; an empty one not at all.
        assert_eq!(fake.calls.borrow().len(), 6);
    }

    #[test]
    fn outcomes_serialize_with_a_result_tag() {
        assert_eq!(serde_json::to_value(RetryOutcome::Retried).unwrap(), json!({"result": "retried"}));
        assert_eq!(
            serde_json::to_value(RetryOutcome::Failed { error: "x".into() }).unwrap(),
            json!({"result": "failed", "error": "x"})
        );
    }
}
