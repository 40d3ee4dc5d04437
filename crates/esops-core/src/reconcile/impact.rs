//! What a policy change means for the indices that already use it.
//!
//! ILM moves an index into a phase once its age (from its lifecycle date: creation, rollover or
//! origination date) reaches the phase's `min_age`. So shortening `delete` from 120d to 90d makes
//! every index aged 90–120 days due for deletion at the next ILM poll — the one thing an operator
//! must see before applying. Indices already inside a phase run it from a cached copy of its
//! definition until they leave it, so action changes reach them only in later phases.

use serde::Serialize;
use serde_json::Value;

use super::normalize::duration_nanos;
use super::plan::{ChangeAction, Plan};
use crate::es::resources::IndexLifecycle;
use crate::resources::ResourceKind;
use crate::resources::ilm::PHASES;

/// What one policy change does to the indices using the policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicyImpact {
    /// The policy.
    pub policy: String,
    /// Indices that use it (`index.lifecycle.name`).
    pub indices: usize,
    /// Their store size, replicas included.
    pub bytes: u64,
    /// Effects, phase by phase in execution order.
    pub effects: Vec<PhaseEffect>,
    /// What the change does to the disk forecast (set by [`with_forecast`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forecast: Option<ForecastShift>,
}

/// The audit's flood-stage forecast before and after one policy change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastShift {
    /// Bytes the change makes due for deletion now (its delete phase's [`Effect::DueNow`]).
    pub freed_now_bytes: u64,
    /// Days until the flood stage with the policy as it is (`None`: not within the forecast's reach).
    pub days_before: Option<u32>,
    /// Days until the flood stage with the declared policy.
    pub days_after: Option<u32>,
}

/// Joins each impact with the audit's disk forecast: the cluster as `snapshot` holds it, forecast
/// once with the policies it has and once with the one declared policy in their place (the
/// audit's model: growth per family net of what ILM delete phases remove).
pub fn with_forecast(
    impacts: &mut [PolicyImpact],
    plan: &Plan,
    snapshot: &crate::audit::ClusterSnapshot,
    now: chrono::DateTime<chrono::Utc>,
) {
    let options = crate::audit::AuditOptions::default();
    let days = |s: &crate::audit::ClusterSnapshot| {
        crate::audit::analyze(s, now, &options).disk.forecast.days_until_flood_stage
    };
    let before = days(snapshot);
    for impact in impacts.iter_mut() {
        let Some(new) = plan
            .changes
            .iter()
            .find(|c| c.kind == ResourceKind::IlmPolicy && c.name == impact.policy)
            .and_then(|c| c.new.as_ref())
        else {
            continue;
        };
        let mut changed = snapshot.clone();
        changed
            .policies
            .insert(impact.policy.clone(), crate::es::cluster_state::parse_policy(new.get("policy").unwrap_or(new)));
        impact.forecast = Some(ForecastShift {
            freed_now_bytes: impact
                .effects
                .iter()
                .filter(|e| e.phase == "delete" && e.effect == Effect::DueNow)
                .map(|e| e.bytes)
                .sum(),
            days_before: before,
            days_after: days(&changed),
        });
    }
}

/// What happens to a set of indices in one phase.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhaseEffect {
    /// The phase.
    pub phase: String,
    /// What changes for them.
    pub effect: Effect,
    /// The phase's `min_age` on the cluster now (`None`: no such phase).
    pub old_min_age: Option<String>,
    /// The declared `min_age` (`None`: no such phase).
    pub new_min_age: Option<String>,
    /// The indices affected, by name.
    pub indices: Vec<String>,
    /// Their store size.
    pub bytes: u64,
}

impl PhaseEffect {
    /// True when ILM will delete these indices, data and all, at its next poll: they become due
    /// for the `delete` phase.
    pub fn deletes_data(&self) -> bool {
        self.phase == "delete" && self.effect == Effect::DueNow
    }
}

/// The indices whose data the planned policy changes make ILM delete at its next poll, and their
/// store size: what `apply` asks a stronger confirmation for.
pub fn data_deleted(impacts: &[PolicyImpact]) -> (Vec<&str>, u64) {
    let effects = impacts.iter().flat_map(|i| &i.effects).filter(|e| e.deletes_data());
    effects.fold((Vec::new(), 0), |(mut names, bytes), e| {
        names.extend(e.indices.iter().map(String::as_str));
        (names, bytes + e.bytes)
    })
}

/// The kinds of effect a policy change has on indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// They are already old enough for the phase under the new timing: ILM moves them at its next poll.
    DueNow,
    /// They would have entered the phase by now and will wait longer.
    Postponed,
    /// The phase is removed; they will not enter it.
    NoLongerEntered,
    /// They are inside the phase, whose actions change: they keep the cached definition until they leave it.
    KeepCachedDefinition,
    /// The policy is to be deleted but they use it: Elasticsearch refuses to delete a policy in use.
    BlocksDelete,
}

/// Impact of every ILM policy change in `plan` on `indices`, as of `now_millis`.
pub fn policy_impacts(plan: &Plan, indices: &[IndexLifecycle], now_millis: i64) -> Vec<PolicyImpact> {
    plan.changes
        .iter()
        .filter(|c| c.kind == ResourceKind::IlmPolicy && c.action != ChangeAction::Unchanged)
        .filter_map(|c| {
            let users: Vec<&IndexLifecycle> = indices.iter().filter(|i| i.policy == c.name).collect();
            if users.is_empty() {
                return None;
            }
            let effects = match c.action {
                ChangeAction::Delete => vec![effect("", Effect::BlocksDelete, None, None, &users)],
                _ => phase_effects(c.old.as_ref(), c.new.as_ref(), &users, now_millis),
            };
            Some(PolicyImpact {
                policy: c.name.clone(),
                indices: users.len(),
                bytes: users.iter().map(|i| i.size_bytes).sum(),
                effects,
                forecast: None,
            })
        })
        .collect()
}

fn effect(
    phase: &str,
    kind: Effect,
    old: Option<&Value>,
    new: Option<&Value>,
    indices: &[&IndexLifecycle],
) -> PhaseEffect {
    let min_age =
        |phase: Option<&Value>| phase.map(|p| p.get("min_age").and_then(Value::as_str).unwrap_or("0ms").to_string());
    PhaseEffect {
        phase: phase.to_string(),
        effect: kind,
        old_min_age: min_age(old),
        new_min_age: min_age(new),
        indices: indices.iter().map(|i| i.index.clone()).collect(),
        bytes: indices.iter().map(|i| i.size_bytes).sum(),
    }
}

/// Where a phase sits in execution order; `new` (not started) comes before `hot`, and `completed`
/// after everything.
fn phase_rank(phase: Option<&str>) -> usize {
    match phase {
        Some("completed") => PHASES.len() + 1,
        Some(p) => PHASES.iter().position(|x| *x == p).map_or(0, |i| i + 1),
        None => 0,
    }
}

/// What moving `users` from policy `old` to `new` (inner bodies, `{"phases": {…}}`; `old`
/// `None` for indices no policy managed) does to them, phase by phase in execution order.
pub fn phase_effects(
    old: Option<&Value>,
    new: Option<&Value>,
    users: &[&IndexLifecycle],
    now_millis: i64,
) -> Vec<PhaseEffect> {
    let phase_of =
        |policy: Option<&Value>, name: &str| policy.and_then(|p| p.get("phases")).and_then(|p| p.get(name)).cloned();
    let min_age_millis = |phase: &Value| {
        phase.get("min_age").map_or(Some(0), |v| duration_nanos(v).and_then(|n| i64::try_from(n / 1_000_000).ok()))
    };
    let age = |i: &IndexLifecycle| i.lifecycle_date_millis.map(|d| now_millis - d);
    let mut out = Vec::new();
    for (rank, name) in PHASES.iter().enumerate().map(|(i, p)| (i + 1, *p)) {
        let (old_phase, new_phase) = (phase_of(old, name), phase_of(new, name));
        let before_phase = |i: &&&IndexLifecycle| phase_rank(i.phase.as_deref()) < rank;
        let aged = |i: &&&IndexLifecycle, from: i64, to: Option<i64>| {
            age(i).is_some_and(|a| a >= from && to.is_none_or(|t| a < t))
        };
        let old_min = old_phase.as_ref().and_then(min_age_millis);
        let new_min = new_phase.as_ref().and_then(min_age_millis);
        let (kind, affected): (Effect, Vec<&IndexLifecycle>) = match (old_min, new_min) {
            (old_min, Some(n)) if old_min.is_none_or(|o| o > n) => {
                (Effect::DueNow, users.iter().filter(before_phase).filter(|i| aged(i, n, old_min)).copied().collect())
            }
            (Some(o), Some(n)) if o < n => (
                Effect::Postponed,
                users.iter().filter(before_phase).filter(|i| aged(i, o, Some(n))).copied().collect(),
            ),
            (Some(_), None) => (Effect::NoLongerEntered, users.iter().filter(before_phase).copied().collect()),
            _ if old_phase.is_some() && old_phase != new_phase => (
                Effect::KeepCachedDefinition,
                users.iter().filter(|i| i.phase.as_deref() == Some(name)).copied().collect(),
            ),
            _ => continue,
        };
        if !affected.is_empty() {
            out.push(effect(name, kind, old_phase.as_ref(), new_phase.as_ref(), &affected));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reconcile::plan::{plan, tests::declared, tests::stored};
    use serde_json::json;

    const DAY: i64 = 86_400_000;
    const NOW: i64 = 1_000 * DAY;

    fn index(name: &str, age_days: i64, phase: &str, gib: u64) -> IndexLifecycle {
        IndexLifecycle {
            index: name.into(),
            policy: "python-logs".into(),
            lifecycle_date_millis: Some(NOW - age_days * DAY),
            phase: Some(phase.into()),
            size_bytes: gib << 30,
        }
    }

    fn policy(warm_actions: Value, delete_after: Option<&str>) -> Value {
        let mut phases = json!({"hot": {"actions": {}}, "warm": {"min_age": "7d", "actions": warm_actions}});
        if let Some(d) = delete_after {
            phases["delete"] = json!({"min_age": d, "actions": {"delete": {}}});
        }
        json!({"policy": {"phases": phases}})
    }

    fn impacts(old: Value, new: Value, indices: &[IndexLifecycle]) -> Vec<PolicyImpact> {
        let p = plan(
            &[declared(ResourceKind::IlmPolicy, "python-logs", new)],
            &[stored(ResourceKind::IlmPolicy, "python-logs", old)],
            false,
        );
        policy_impacts(&p, indices, NOW)
    }

    #[test]
    fn shortening_delete_makes_indices_between_the_two_ages_due_now() {
        let indices = [
            index("python-logs-a", 10, "warm", 1),
            index("python-logs-b", 95, "warm", 2),
            index("python-logs-c", 119, "warm", 3),
            index("python-logs-d", 121, "delete", 4), // already deleting under the old timing
        ];
        let got = impacts(policy(json!({}), Some("120d")), policy(json!({}), Some("90d")), &indices);
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].indices, got[0].bytes), (4, 10 << 30));
        let e = &got[0].effects;
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!((e[0].phase.as_str(), e[0].effect), ("delete", Effect::DueNow));
        assert_eq!(e[0].indices, ["python-logs-b", "python-logs-c"]);
        assert_eq!((e[0].old_min_age.as_deref(), e[0].new_min_age.as_deref()), (Some("120d"), Some("90d")));
        assert_eq!(e[0].bytes, 5 << 30);
    }

    #[test]
    fn longer_timing_postpones_removed_phases_are_not_entered_and_action_changes_are_cached() {
        let indices = [index("i-30", 30, "warm", 1), index("i-100", 100, "warm", 1)];
        let longer = impacts(policy(json!({}), Some("60d")), policy(json!({}), Some("120d")), &indices);
        assert_eq!(longer[0].effects[0].effect, Effect::Postponed);
        assert_eq!(longer[0].effects[0].indices, ["i-100"]);

        let removed = impacts(policy(json!({}), Some("60d")), policy(json!({}), None), &indices);
        assert_eq!(removed[0].effects[0].effect, Effect::NoLongerEntered);
        assert_eq!(removed[0].effects[0].indices.len(), 2);

        let actions =
            impacts(policy(json!({}), None), policy(json!({"forcemerge": {"max_num_segments": 1}}), None), &indices);
        assert_eq!(actions[0].effects[0].effect, Effect::KeepCachedDefinition);
        assert_eq!(actions[0].effects[0].phase, "warm");
    }

    #[test]
    fn creating_a_policy_indices_already_name_starts_their_lifecycle() {
        let p = plan(&[declared(ResourceKind::IlmPolicy, "python-logs", policy(json!({}), Some("90d")))], &[], false);
        let indices = [index("old", 100, "new", 1), index("young", 1, "new", 1)];
        let got = policy_impacts(&p, &indices, NOW);
        let delete = got[0].effects.iter().find(|e| e.phase == "delete").unwrap();
        assert_eq!(
            (delete.effect, delete.indices.clone(), delete.old_min_age.clone()),
            (Effect::DueNow, vec!["old".to_string()], None)
        );
    }

    #[test]
    fn pruning_a_policy_indices_use_is_flagged() {
        let marked = json!({"policy": {"phases": {}, "_meta": {"managed_by": "esops"}}});
        let p = plan(&[], &[stored(ResourceKind::IlmPolicy, "python-logs", marked)], true);
        let got = policy_impacts(&p, &[index("a", 1, "hot", 1)], NOW);
        assert_eq!(got[0].effects[0].effect, Effect::BlocksDelete);
        assert_eq!(got[0].effects[0].indices, ["a"]);
    }

    #[test]
    fn unaffected_policies_have_no_impact() {
        assert!(
            impacts(policy(json!({}), Some("90d")), policy(json!({}), Some("90d")), &[index("x", 1, "hot", 1)])
                .is_empty()
        );
        assert!(impacts(policy(json!({}), Some("120d")), policy(json!({}), Some("90d")), &[]).is_empty());
    }
}
