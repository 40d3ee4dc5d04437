//! Which ILM policy manages an index, and where the index stands in it: the decisions of
//! `esops ilm attach`, `detach`, `switch` and `move`, and what each would do to the indices
//! (which phases become due at once, when the policy deletes them). Pure: the indices' ILM state,
//! the policies and "now" in; decisions and impact out.
//!
//! The rules are Elasticsearch's. An index ILM starts managing ages from its lifecycle date (its
//! creation, or `index.lifecycle.origination_date`) and enters at once every phase whose
//! `min_age` it has reached. An index that changes policy finishes the phase it is in from the
//! definition cached when it entered it, whatever either policy says of that phase; the phases
//! after it come from the new policy (`PolicyStepsRegistry.parseStepsFromPhase` puts the cached
//! phase into the new policy's phases). A move (`_ilm/move`) is refused unless the index is
//! managed, on the step named as current, and the target step exists in its policy
//! (`IndexLifecycleTransition.validateTransition`).

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde_json::Value;

use super::ilm::{IlmStatus, IlmVerb, IndexIlmState, Sent, phase_rank};
use crate::es::resources::IndexLifecycle;
use crate::reconcile::impact::{PhaseEffect, phase_effects};
use crate::reconcile::normalize::duration_nanos;

/// A step of a policy as `_ilm/move` names it: `phase`, then optionally `action` and `name`
/// (the step). Elasticsearch (8.x) resolves a missing action or step to the first one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepKey {
    /// The phase (`hot`, `warm`, …, or `new`).
    pub phase: String,
    /// The action.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// The step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl StepKey {
    /// Parses `PHASE[/ACTION[/STEP]]`.
    pub fn parse(text: &str) -> Result<StepKey, String> {
        let parts: Vec<&str> = text.split('/').collect();
        if parts.len() > 3 || parts.iter().any(|p| p.trim().is_empty()) {
            return Err(format!(
                "`{text}` is not a step: expected PHASE[/ACTION[/STEP]], e.g. `warm`, `delete/delete` or \
                 `hot/rollover/check-rollover-ready`"
            ));
        }
        let phase = parts[0].to_string();
        if phase_rank(&phase).0 >= 6 {
            return Err(format!(
                "`{phase}` is not an ILM phase: expected new, hot, warm, cold, frozen or delete (in `{text}`)"
            ));
        }
        Ok(StepKey { phase, action: parts.get(1).map(|s| s.to_string()), name: parts.get(2).map(|s| s.to_string()) })
    }
}

impl fmt::Display for StepKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.phase)?;
        for part in [&self.action, &self.name].into_iter().flatten() {
            write!(f, "/{part}")?;
        }
        Ok(())
    }
}

/// Why a verb leaves an index alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum SkipReason {
    /// It is already managed by the policy asked for.
    AlreadyOnPolicy,
    /// Attach: another policy manages it (`esops ilm switch` changes that).
    ManagedByOther {
        /// Its policy.
        policy: String,
    },
    /// Detach or switch: no policy manages it.
    Unmanaged,
}

/// What an index's lifecycle becomes under the new policy.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IndexImpact {
    /// Now minus the lifecycle date: the age ILM compares with each phase's `min_age`.
    pub age_millis: Option<i64>,
    /// The phase it is in now, which it finishes from the cached definition (switch only).
    pub keeps_phase: Option<String>,
    /// Phases of the new policy it has already reached the `min_age` of, in order: ILM runs
    /// them at its next poll (after the kept phase, for a switch).
    pub due_now: Vec<String>,
    /// When the new policy deletes it, epoch millis (`None`: the policy never deletes).
    pub deletes_at_millis: Option<i64>,
    /// Store size, replicas included.
    pub size_bytes: u64,
}

/// One index as a verb sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexChange {
    /// Index name.
    pub index: String,
    /// The policy managing it before.
    pub policy_before: Option<String>,
    /// Where it stands (`phase/action/step`) before.
    pub position: Option<String>,
    /// Why it is left alone (`None`: it is changed).
    pub skipped: Option<SkipReason>,
    /// What the change means for it (attach and switch).
    pub impact: Option<IndexImpact>,
}

/// What a verb would do to its targets.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ChangePlan {
    /// Every index of the targets, those changed first, then by name.
    pub indices: Vec<IndexChange>,
    /// What the change does phase by phase, per policy the indices leave (`""`: none), as the
    /// impact preview of `esops plan` shows a policy update.
    pub effects: BTreeMap<String, Vec<PhaseEffect>>,
}

impl ChangePlan {
    /// The indices the verb changes, by name.
    pub fn changed(&self) -> Vec<String> {
        self.indices.iter().filter(|c| c.skipped.is_none()).map(|c| c.index.clone()).collect()
    }

    /// Bytes of the changed indices that some phase deletes at once.
    pub fn deleted_now(&self) -> (usize, u64) {
        let due: Vec<&IndexImpact> = self
            .indices
            .iter()
            .filter(|c| c.skipped.is_none())
            .filter_map(|c| c.impact.as_ref())
            .filter(|i| i.due_now.iter().any(|p| p == "delete"))
            .collect();
        (due.len(), due.iter().map(|i| i.size_bytes).sum())
    }
}

/// An index's facts a verb needs besides its ILM state: from `_cat/indices`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IndexFacts {
    /// Creation date, epoch millis: the lifecycle date of an index ILM starts managing.
    pub creation_millis: Option<i64>,
    /// Store size, replicas included.
    pub size_bytes: u64,
}

fn min_age_millis(phase: &Value) -> Option<i64> {
    phase.get("min_age").map_or(Some(0), |v| duration_nanos(v).and_then(|n| i64::try_from(n / 1_000_000).ok()))
}

/// The phases of `policy` (`{"phases": {…}}`) in execution order, with their `min_age`.
fn phases_in_order(policy: &Value) -> Vec<(&str, i64, &Value)> {
    let mut phases: Vec<(&str, i64, &Value)> = policy
        .get("phases")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, phase)| (name.as_str(), min_age_millis(phase).unwrap_or(0), phase))
        .collect();
    phases.sort_by_key(|(name, _, _)| phase_rank(name));
    phases
}

/// When `policy` deletes an index whose lifecycle date is `lifecycle_date`.
fn deletes_at(policy: &Value, lifecycle_date: Option<i64>) -> Option<i64> {
    let (_, min_age, phase) = phases_in_order(policy).into_iter().find(|(name, _, _)| *name == "delete")?;
    phase.pointer("/actions/delete")?;
    Some(lifecycle_date? + min_age)
}

/// What managing `state`'s index with `policy` means for it: the phases after the one it is in
/// whose `min_age` it has reached are due now; it keeps the phase it is in (a switch).
/// The date ILM ages an index from: the one it recorded, else (an index ILM has not initialized
/// yet, or is about to start managing) its creation date.
fn lifecycle_date(state: &IndexIlmState, facts: IndexFacts) -> Option<i64> {
    state.lifecycle_date_millis.or(facts.creation_millis)
}

fn impact(state: &IndexIlmState, facts: IndexFacts, policy: &Value, now_millis: i64) -> IndexImpact {
    let lifecycle_date = lifecycle_date(state, facts);
    let age = lifecycle_date.map(|d| now_millis - d);
    let keeps_phase = state.phase.clone().filter(|p| p != "new" && state.status != IlmStatus::Unmanaged);
    let current_rank = phase_rank(keeps_phase.as_deref().unwrap_or("new")).0;
    let due_now = phases_in_order(policy)
        .into_iter()
        .filter(|(name, min_age, _)| phase_rank(name).0 > current_rank && age.is_some_and(|a| a >= *min_age))
        .map(|(name, _, _)| name.to_string())
        .collect();
    let deletes_at_millis = match keeps_phase.as_deref() {
        // Already deleting: the cached delete phase runs whatever the new policy says.
        Some("delete") => lifecycle_date,
        _ => deletes_at(policy, lifecycle_date),
    };
    IndexImpact { age_millis: age, keeps_phase, due_now, deletes_at_millis, size_bytes: facts.size_bytes }
}

/// Decides, for each index of the targets, whether `verb` changes it, and what that means.
/// `policies` holds every policy body (`{"phases": {…}}`) by name; `verb`'s policy must be
/// among them (the caller refuses an unknown policy before).
pub fn plan_change(
    verb: &IlmVerb,
    states: &[IndexIlmState],
    facts: &BTreeMap<String, IndexFacts>,
    policies: &BTreeMap<String, Value>,
    now_millis: i64,
) -> ChangePlan {
    let target = verb.policy_after();
    let mut plan = ChangePlan::default();
    let mut leaving: BTreeMap<String, Vec<IndexLifecycle>> = BTreeMap::new();
    for state in states {
        let managed = state.status != IlmStatus::Unmanaged;
        let skipped = match (verb, state.policy.as_deref()) {
            (IlmVerb::Retry, _) => continue, // retry plans with `plan_retry`
            (_, Some(p)) if managed && Some(p) == target => Some(SkipReason::AlreadyOnPolicy),
            (IlmVerb::Attach { .. }, Some(p)) if managed => Some(SkipReason::ManagedByOther { policy: p.into() }),
            (IlmVerb::Switch { .. } | IlmVerb::Detach, _) if !managed => Some(SkipReason::Unmanaged),
            _ => None,
        };
        let index_facts = facts.get(&state.index).copied().unwrap_or_default();
        let new_policy = target.and_then(|t| policies.get(t));
        let impact = new_policy.map(|p| impact(state, index_facts, p, now_millis));
        if skipped.is_none() && new_policy.is_some() {
            leaving.entry(state.policy.clone().filter(|_| managed).unwrap_or_default()).or_default().push(
                IndexLifecycle {
                    index: state.index.clone(),
                    policy: state.policy.clone().unwrap_or_default(),
                    lifecycle_date_millis: lifecycle_date(state, index_facts),
                    phase: state.phase.clone().filter(|_| managed),
                    size_bytes: index_facts.size_bytes,
                },
            );
        }
        plan.indices.push(IndexChange {
            index: state.index.clone(),
            policy_before: state.policy.clone().filter(|_| managed),
            position: managed.then(|| state.position()),
            skipped,
            impact,
        });
    }
    if let Some(new_policy) = target.and_then(|t| policies.get(t)) {
        for (old, users) in leaving {
            let refs: Vec<&IndexLifecycle> = users.iter().collect();
            let effects = phase_effects(policies.get(&old), Some(new_policy), &refs, now_millis);
            if !effects.is_empty() {
                plan.effects.insert(old, effects);
            }
        }
    }
    plan.indices.sort_by(|a, b| (a.skipped.is_some(), &a.index).cmp(&(b.skipped.is_some(), &b.index)));
    plan
}

/// A deletion ILM has coming for a managed index: its policy's delete phase, by age.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueDeletion {
    /// The index.
    pub index: String,
    /// When its age reaches the delete phase's `min_age`, epoch millis (in the past: overdue).
    pub at_millis: i64,
}

/// The managed indices whose policy deletes them before `until_millis` and that are not in the
/// delete phase yet, soonest first: what `ilm start` lets go at once (until now) and what
/// `ilm stop` holds back (until some days ahead).
pub fn deletions_before(
    states: &[IndexIlmState],
    facts: &BTreeMap<String, IndexFacts>,
    policies: &BTreeMap<String, Value>,
    until_millis: i64,
) -> Vec<DueDeletion> {
    let mut due: Vec<DueDeletion> = states
        .iter()
        .filter(|s| s.status != IlmStatus::Unmanaged && s.phase.as_deref() != Some("delete"))
        .filter_map(|s| {
            let date = lifecycle_date(s, facts.get(&s.index).copied().unwrap_or_default());
            let at = deletes_at(policies.get(s.policy.as_deref()?)?, date)?;
            (at < until_millis).then(|| DueDeletion { index: s.index.clone(), at_millis: at })
        })
        .collect();
    due.sort_by(|a, b| (a.at_millis, &a.index).cmp(&(b.at_millis, &b.index)));
    due
}

/// What an ILM verb did to one index, once the cluster was read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum ChangeOutcome {
    /// Elasticsearch said so, and the index reads back as asked.
    Changed,
    /// Left alone.
    Skipped {
        /// Why.
        #[serde(flatten)]
        reason: SkipReason,
    },
    /// Changed, and already deleted by ILM: the new policy's delete phase was due (ILM runs the
    /// phases an index has reached right after the change).
    ChangedThenDeleted,
    /// Deleted between the read and the change.
    Gone,
    /// The request failed.
    Failed {
        /// What the cluster or the connection said.
        error: String,
    },
    /// Sent, but the index does not read back as asked (or could not be read back): check it.
    Unconfirmed {
        /// The policy it reads back with (`None`: unmanaged, or not read).
        found: Option<String>,
    },
}

/// Each index's outcome: the plan's skips, and for the indices sent, what Elasticsearch answered
/// checked against the read-back `after` (`None` when the read-back failed). An acknowledged
/// change that does not read back is not counted as done.
pub fn outcomes(
    plan: &ChangePlan,
    verb: &IlmVerb,
    sent: &[(String, Sent)],
    after: Option<&[IndexIlmState]>,
) -> Vec<(String, ChangeOutcome)> {
    let sent: BTreeMap<&str, &Sent> = sent.iter().map(|(n, s)| (n.as_str(), s)).collect();
    let after: Option<BTreeMap<&str, &IndexIlmState>> =
        after.map(|states| states.iter().map(|s| (s.index.as_str(), s)).collect());
    plan.indices
        .iter()
        .map(|c| {
            let outcome = match (&c.skipped, sent.get(c.index.as_str())) {
                (Some(reason), _) => ChangeOutcome::Skipped { reason: reason.clone() },
                (None, None) => ChangeOutcome::Failed { error: "not sent".into() },
                (None, Some(Sent::Gone)) => ChangeOutcome::Gone,
                (None, Some(Sent::Failed(error))) => ChangeOutcome::Failed { error: error.clone() },
                (None, Some(Sent::NotApplicable)) => {
                    ChangeOutcome::Failed { error: "refused: the index changed state since it was read".into() }
                }
                (None, Some(Sent::Applied | Sent::Unacknowledged)) => match after.as_ref() {
                    None => ChangeOutcome::Unconfirmed { found: None },
                    Some(after) => match after.get(c.index.as_str()) {
                        None if c.impact.as_ref().is_some_and(|i| i.due_now.iter().any(|p| p == "delete")) => {
                            ChangeOutcome::ChangedThenDeleted
                        }
                        None => ChangeOutcome::Gone,
                        Some(state) => {
                            let found = state.policy.clone().filter(|_| state.status != IlmStatus::Unmanaged);
                            if found.as_deref() == verb.policy_after() {
                                ChangeOutcome::Changed
                            } else {
                                ChangeOutcome::Unconfirmed { found }
                            }
                        }
                    },
                },
            };
            (c.index.clone(), outcome)
        })
        .collect()
}

/// A move `esops ilm move` would make.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MovePlan {
    /// The index.
    pub index: String,
    /// Its policy.
    pub policy: String,
    /// The step it is on (what `_ilm/move` must be told as `current_step`).
    pub current: StepKey,
    /// Where it goes.
    pub target: StepKey,
    /// The target is in the delete phase: ILM deletes the index at once.
    pub deletes: bool,
    /// The target is an earlier phase than the current one: ILM runs it again, and the phases
    /// after it, from the policy as it is now.
    pub goes_back: bool,
}

/// Checks a move as Elasticsearch would (index managed, its current step known, the target
/// phase and action in its policy) and says what it would do. `policy` is the policy body
/// (`None`: it does not exist); `full_key_required` for versions before 8, whose `_ilm/move`
/// needs the action and step of the target.
pub fn plan_move(
    state: &IndexIlmState,
    policy: Option<&Value>,
    target: &StepKey,
    full_key_required: bool,
) -> Result<MovePlan, String> {
    let index = &state.index;
    let Some(policy_name) = state.policy.clone().filter(|_| state.status != IlmStatus::Unmanaged) else {
        return Err(format!(
            "index [{index}] is not associated with an Index Lifecycle Policy (attach one with `esops ilm attach`)"
        ));
    };
    let Some(policy) = policy else {
        return Err(format!(
            "the policy [{policy_name}] of index [{index}] does not exist: there is no step to move to"
        ));
    };
    let (Some(phase), Some(action), Some(step)) = (&state.phase, &state.action, &state.step) else {
        return Err(format!(
            "ILM has not started on index [{index}] yet (no current step): wait for its first poll, then move it"
        ));
    };
    if full_key_required && (target.action.is_none() || target.name.is_none()) {
        return Err(format!(
            "this version's _ilm/move needs the whole target step: PHASE/ACTION/STEP, e.g. `{}/complete/complete`",
            target.phase
        ));
    }
    let does_not_exist = || {
        format!(
            "step [{}] for index [{index}] with policy [{policy_name}] does not exist (its phases: {})",
            target,
            phases_in_order(policy).iter().map(|(n, _, _)| *n).collect::<Vec<_>>().join(", ")
        )
    };
    if target.phase != "new" {
        let Some(definition) = policy.pointer(&format!("/phases/{}", target.phase)) else {
            return Err(does_not_exist());
        };
        // `complete` ends every phase; ES adds `migrate` and `unfollow` to phases on its own.
        let implicit = ["complete", "migrate", "unfollow"];
        if let Some(a) = &target.action
            && !implicit.contains(&a.as_str())
            && definition.pointer(&format!("/actions/{a}")).is_none()
        {
            return Err(does_not_exist());
        }
    } else if target.action.as_deref().is_some_and(|a| a != "complete" && a != "init") {
        return Err(does_not_exist());
    }
    let current = StepKey { phase: phase.clone(), action: Some(action.clone()), name: Some(step.clone()) };
    let lands_on_current = target.phase == current.phase
        && target.action.as_ref().is_none_or(|a| Some(a) == current.action.as_ref())
        && target.name.as_ref().is_some_and(|n| Some(n) == current.name.as_ref());
    if lands_on_current {
        return Err(format!("index [{index}] is already on step [{current}]: nothing to move"));
    }
    Ok(MovePlan {
        index: index.clone(),
        policy: policy_name,
        deletes: target.phase == "delete",
        goes_back: phase_rank(&target.phase).0 < phase_rank(phase).0,
        current,
        target: target.clone(),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::es::cluster_state::IlmExplain;
    use crate::lifecycle::ilm::index_states;

    const DAY: i64 = 86_400_000;
    const NOW: i64 = 1_000 * DAY;

    fn policy(delete_after: &str) -> Value {
        json!({"phases": {
            "hot": {"min_age": "0ms", "actions": {"set_priority": {"priority": 100}}},
            "warm": {"min_age": "7d", "actions": {"forcemerge": {"max_num_segments": 1}}},
            "delete": {"min_age": delete_after, "actions": {"delete": {}}}
        }})
    }

    fn states() -> Vec<IndexIlmState> {
        let managed = |policy: &str, phase: &str, age_days: i64| IlmExplain {
            managed: true,
            policy: Some(policy.into()),
            lifecycle_date_millis: Some(NOW - age_days * DAY),
            phase: Some(phase.into()),
            action: Some("complete".into()),
            step: Some("complete".into()),
            ..Default::default()
        };
        let explain = BTreeMap::from([
            ("old-plain".to_string(), IlmExplain::default()),
            ("young-plain".to_string(), IlmExplain::default()),
            ("on-long".to_string(), managed("long", "warm", 40)),
            ("on-short".to_string(), managed("short", "hot", 1)),
            ("deleting".to_string(), managed("long", "delete", 200)),
        ]);
        index_states(&explain, NOW)
    }

    fn facts() -> BTreeMap<String, IndexFacts> {
        let f =
            |age_days: i64, gib: u64| IndexFacts { creation_millis: Some(NOW - age_days * DAY), size_bytes: gib << 30 };
        BTreeMap::from([
            ("old-plain".to_string(), f(45, 4)),
            ("young-plain".to_string(), f(2, 1)),
            ("on-long".to_string(), f(40, 2)),
            ("on-short".to_string(), f(1, 1)),
            ("deleting".to_string(), f(200, 1)),
        ])
    }

    fn policies() -> BTreeMap<String, Value> {
        BTreeMap::from([("long".to_string(), policy("180d")), ("short".to_string(), policy("30d"))])
    }

    fn change<'a>(plan: &'a ChangePlan, index: &str) -> &'a IndexChange {
        plan.indices.iter().find(|c| c.index == index).unwrap()
    }

    #[test]
    fn attach_changes_only_unmanaged_indices_and_ages_them_from_creation() {
        let plan = plan_change(&IlmVerb::Attach { policy: "short".into() }, &states(), &facts(), &policies(), NOW);
        assert_eq!(plan.changed(), ["old-plain", "young-plain"]);
        let old = change(&plan, "old-plain").impact.clone().unwrap();
        assert_eq!(old.due_now, ["hot", "warm", "delete"]);
        assert_eq!(old.deletes_at_millis, Some(NOW - 15 * DAY));
        let young = change(&plan, "young-plain").impact.clone().unwrap();
        assert_eq!((young.due_now.clone(), young.deletes_at_millis), (vec!["hot".to_string()], Some(NOW + 28 * DAY)));
        assert_eq!(change(&plan, "on-short").skipped, Some(SkipReason::AlreadyOnPolicy));
        assert_eq!(change(&plan, "on-long").skipped, Some(SkipReason::ManagedByOther { policy: "long".into() }));
        assert_eq!(plan.deleted_now(), (1, 4 << 30));
        let delete = plan.effects[""].iter().find(|e| e.phase == "delete").unwrap();
        assert_eq!(delete.indices, ["old-plain"]);
    }

    #[test]
    fn switch_keeps_the_current_phase_and_takes_the_next_ones_from_the_new_policy() {
        let plan = plan_change(&IlmVerb::Switch { policy: "short".into() }, &states(), &facts(), &policies(), NOW);
        assert_eq!(plan.changed(), ["deleting", "on-long"]);
        let moved = change(&plan, "on-long").impact.clone().unwrap();
        assert_eq!(moved.keeps_phase.as_deref(), Some("warm"));
        assert_eq!(moved.due_now, ["delete"], "40 days old: the new 30d delete is due once warm is done");
        assert_eq!(change(&plan, "old-plain").skipped, Some(SkipReason::Unmanaged));
        // Already in delete: it is deleted whatever the new policy says.
        let deleting = change(&plan, "deleting").impact.clone().unwrap();
        assert_eq!((deleting.due_now.len(), deleting.deletes_at_millis), (0, Some(NOW - 200 * DAY)));
        let effects = &plan.effects["long"];
        assert!(effects.iter().any(|e| e.phase == "delete" && e.indices == ["on-long"]), "{effects:?}");
    }

    #[test]
    fn detach_changes_managed_indices_only() {
        let plan = plan_change(&IlmVerb::Detach, &states(), &facts(), &policies(), NOW);
        assert_eq!(plan.changed(), ["deleting", "on-long", "on-short"]);
        assert!(plan.indices.iter().all(|c| c.impact.is_none()));
        assert!(plan.effects.is_empty());
    }

    fn one(index: &str) -> IndexIlmState {
        states().into_iter().find(|s| s.index == index).unwrap()
    }

    #[test]
    fn moves_are_checked_as_elasticsearch_does() {
        let long = policy("180d");
        let to = |t: &str| StepKey::parse(t).unwrap();
        let plan = plan_move(&one("on-long"), Some(&long), &to("delete"), false).unwrap();
        assert!(plan.deletes && !plan.goes_back);
        assert_eq!(plan.current.to_string(), "warm/complete/complete");
        let back = plan_move(&one("on-long"), Some(&long), &to("hot/set_priority"), false).unwrap();
        assert!(back.goes_back);
        let err = |r: Result<MovePlan, String>| r.unwrap_err();
        assert!(err(plan_move(&one("on-long"), Some(&long), &to("cold"), false)).contains("does not exist"));
        assert!(err(plan_move(&one("on-long"), Some(&long), &to("warm/shrink"), false)).contains("does not exist"));
        assert!(plan_move(&one("on-long"), Some(&long), &to("warm/migrate"), false).is_ok(), "ES injects migrate");
        assert!(err(plan_move(&one("old-plain"), None, &to("hot"), false)).contains("not associated"));
        assert!(err(plan_move(&one("on-long"), None, &to("hot"), false)).contains("does not exist"));
        assert!(err(plan_move(&one("on-long"), Some(&long), &to("warm/complete/complete"), false)).contains("already"));
        assert!(err(plan_move(&one("on-long"), Some(&long), &to("delete"), true)).contains("PHASE/ACTION/STEP"));
    }

    #[test]
    fn step_keys_parse_and_print() {
        assert_eq!(StepKey::parse("warm/forcemerge").unwrap().to_string(), "warm/forcemerge");
        assert!(StepKey::parse("lukewarm").unwrap_err().contains("not an ILM phase"));
        assert!(StepKey::parse("warm//x").is_err());
        assert!(StepKey::parse("a/b/c/d").is_err());
        let key = StepKey::parse("hot").unwrap();
        assert_eq!(serde_json::to_value(&key).unwrap(), json!({"phase": "hot"}));
    }

    #[test]
    fn a_change_counts_only_when_it_reads_back() {
        let verb = IlmVerb::Attach { policy: "short".into() };
        let plan = plan_change(&verb, &states(), &facts(), &policies(), NOW);
        let sent = vec![("old-plain".to_string(), Sent::Applied), ("young-plain".to_string(), Sent::Unacknowledged)];
        let mut after = states();
        for s in after.iter_mut().filter(|s| s.index == "old-plain") {
            s.status = IlmStatus::Ok;
            s.policy = Some("short".into());
        }
        let read_back = after.clone();
        // Its delete phase was due: ILM deleting it right away is the change taking effect.
        after.retain(|s| s.index != "old-plain");
        let got: BTreeMap<String, ChangeOutcome> = outcomes(&plan, &verb, &sent, Some(&after)).into_iter().collect();
        assert_eq!(got["old-plain"], ChangeOutcome::ChangedThenDeleted);
        let after = read_back;
        let got: BTreeMap<String, ChangeOutcome> = outcomes(&plan, &verb, &sent, Some(&after)).into_iter().collect();
        assert_eq!(got["old-plain"], ChangeOutcome::Changed);
        assert_eq!(got["young-plain"], ChangeOutcome::Unconfirmed { found: None }, "unacknowledged and not read back");
        assert!(matches!(got["on-long"], ChangeOutcome::Skipped { .. }));
        let unread: BTreeMap<String, ChangeOutcome> = outcomes(&plan, &verb, &sent, None).into_iter().collect();
        assert_eq!(unread["old-plain"], ChangeOutcome::Unconfirmed { found: None });
        assert_eq!(
            serde_json::to_value(&got["on-long"]).unwrap(),
            json!({"result": "skipped", "reason": "managed_by_other", "policy": "long"})
        );
    }

    #[test]
    fn deletions_before_a_date_skip_the_unmanaged_and_those_already_deleting() {
        let due = deletions_before(&states(), &facts(), &policies(), NOW);
        assert!(due.is_empty(), "nothing managed is past its delete age yet: {due:?}");
        let within_a_year = deletions_before(&states(), &facts(), &policies(), NOW + 400 * DAY);
        let names: Vec<&str> = within_a_year.iter().map(|d| d.index.as_str()).collect();
        assert_eq!(names, ["on-short", "on-long"], "soonest first; `deleting` is in delete already");
        assert_eq!(within_a_year[0].at_millis, NOW + 29 * DAY);
    }
}
