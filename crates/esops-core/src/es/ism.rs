//! OpenSearch's Index State Management, behind the same calls as ILM: on an OpenSearch cluster
//! (detected once from `GET /`), [`Client::ilm_explain`] reads `_plugins/_ism/explain` and
//! [`Client::ilm_verb`] sends ISM's retry, add, remove and change_policy, so `ilm explain`,
//! `ilm retry`, `ilm attach|detach|switch`, `audit` and `retention` work on both distributions.
//!
//! ISM's words map onto ILM's: a *state* is shown as the phase, an index whose action failed
//! for good is in `ERROR` (its failed step and ISM's message are the step and reason), and a
//! completed policy is ILM's `completed` phase.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::api::Distribution;
use super::cluster_state::{IlmExplain, IlmPolicy, PolicyPhase};
use super::indices::index_list_path;
use super::{Client, EsRequest, Method, RequestError};
use crate::lifecycle::ilm::{BatchAnswer, IlmVerb};

impl Client {
    /// The distribution of the cluster, from `GET /` (asked once per client, and not at all
    /// after [`Client::root_info`]).
    pub async fn distribution(&self) -> Result<Distribution, RequestError> {
        if let Some(d) = self.distribution.get() {
            return Ok(*d);
        }
        let d = self.root_info().await?.distribution();
        let _ = self.distribution.set(d);
        Ok(d)
    }

    /// `_plugins/_ism/explain` of `targets` (every index when empty), as ILM's explain reads.
    pub(crate) async fn ism_explain(&self, targets: &[String]) -> Result<BTreeMap<String, IlmExplain>, RequestError> {
        // Without a name ISM lists only managed indices, 20 per page: a pattern lists them all.
        let names: Vec<String> = if targets.is_empty() { vec!["*".to_string()] } else { targets.to_vec() };
        let path = format!("/_plugins/_ism/explain{}", super::cluster_state::expression_path(&names));
        let body: Value = self.json(&EsRequest::get(path)).await?;
        Ok(explain_as_ilm(&body))
    }

    /// Every ISM policy, as the phases an audit reads ([`ism_policy_as_ilm`]).
    pub(crate) async fn ism_policies_as_ilm(&self) -> Result<BTreeMap<String, IlmPolicy>, RequestError> {
        let req = EsRequest::get("/_plugins/_ism/policies").query("size", "10000");
        let body: Value = self.json(&req).await?;
        Ok(body
            .get("policies")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|p| Some((p.get("_id")?.as_str()?.to_string(), ism_policy_as_ilm(p.get("policy")?))))
            .collect())
    }

    /// ISM's counterpart of an ILM verb for `names`, in one request (`ISMStatusResponse`).
    pub(crate) async fn ism_verb(&self, verb: &IlmVerb, names: &[String]) -> Result<BatchAnswer, RequestError> {
        let (api, body) = match verb {
            IlmVerb::Retry => ("retry", None),
            IlmVerb::Attach { policy } => ("add", Some(json!({ "policy_id": policy }))),
            IlmVerb::Detach => ("remove", None),
            IlmVerb::Switch { policy } => ("change_policy", Some(json!({ "policy_id": policy }))),
        };
        let mut req = EsRequest::new(Method::Post, format!("/_plugins/_ism/{api}{}", index_list_path(names)));
        if let Some(body) = body {
            req = req.json(body);
        }
        let answer: Value = self.json(&req).await?;
        Ok(status_answer(&answer))
    }
}

/// Sorts an `ISMStatusResponse`'s `failed_indices` by their reason: an index not in the state
/// the verb needs (not failed, not managed, already managed) is left alone; one that is gone is
/// gone; anything else failed with ISM's reason.
pub fn status_answer(answer: &Value) -> BatchAnswer {
    let mut out = BatchAnswer { acknowledged: answer.get("updated_indices").is_some(), ..BatchAnswer::default() };
    for failed in answer.get("failed_indices").and_then(Value::as_array).into_iter().flatten() {
        let name = failed.get("index_name").and_then(Value::as_str).unwrap_or_default().to_string();
        let reason = failed.get("reason").and_then(Value::as_str).unwrap_or_default();
        let not_applicable = [
            "This index is not in failed state",
            "This index has no metadata information",
            "This index is not being managed",
            "This index already has a policy",
            "This index does not have a policy to remove",
        ];
        if not_applicable.iter().any(|p| reason.starts_with(p)) {
            out.not_applicable.push(name);
        } else if reason.contains("not found") || reason.contains("no such index") {
            out.failed.push(name);
        } else {
            out.refused.push((name, reason.to_string()));
        }
    }
    out
}

/// An ISM policy as ILM phases: each state is a phase entered at the age its incoming
/// transition names (`min_index_age`, or `min_rollover_age`, ages from rollover as ILM's do),
/// the default state at 0; the state that deletes is the `delete` phase, whatever its name.
pub fn ism_policy_as_ilm(policy: &Value) -> IlmPolicy {
    let millis = |v: &Value| {
        v.as_str()
            .and_then(|s| crate::resources::units::TimeValue::parse(s).ok())
            .map(|t| (t.value.nanos() / 1_000_000) as i64)
    };
    let states = policy.get("states").and_then(Value::as_array).cloned().unwrap_or_default();
    let mut entered: BTreeMap<String, i64> = BTreeMap::new();
    for state in &states {
        for t in state.get("transitions").and_then(Value::as_array).into_iter().flatten() {
            let Some(to) = t.get("state_name").and_then(Value::as_str) else { continue };
            let age = t.get("conditions").and_then(|c| c.get("min_index_age").or_else(|| c.get("min_rollover_age")));
            let age = age.and_then(millis).unwrap_or(0);
            entered.entry(to.to_string()).or_insert(age);
        }
    }
    let mut phases = BTreeMap::new();
    for state in &states {
        let Some(name) = state.get("name").and_then(Value::as_str) else { continue };
        let actions: Vec<&Value> = state.get("actions").and_then(Value::as_array).into_iter().flatten().collect();
        let names: Vec<String> = actions
            .iter()
            .filter_map(|a| a.as_object()?.keys().find(|k| *k != "retry" && *k != "timeout").cloned())
            .collect();
        let rollover_max_age_millis =
            actions.iter().find_map(|a| a.get("rollover")).and_then(|r| r.get("min_index_age")).and_then(millis);
        let phase = if names.iter().any(|a| a == "delete") { "delete" } else { name };
        phases.insert(
            phase.to_string(),
            PolicyPhase {
                min_age_millis: entered.get(name).copied().unwrap_or(0),
                actions: names,
                rollover_max_age_millis,
            },
        );
    }
    IlmPolicy { phases }
}

/// An ISM policy as an ILM policy body (`{"phases": {NAME: {"min_age", "actions"}}}`), for the
/// previews that read ILM bodies ([`ism_policy_as_ilm`]'s phases).
pub fn ilm_shaped(policy: &Value) -> Value {
    let phases: serde_json::Map<String, Value> = ism_policy_as_ilm(policy)
        .phases
        .into_iter()
        .map(|(name, p)| {
            let actions: serde_json::Map<String, Value> = p.actions.into_iter().map(|a| (a, json!({}))).collect();
            (name, json!({"min_age": format!("{}ms", p.min_age_millis), "actions": actions}))
        })
        .collect();
    json!({ "phases": phases })
}

/// ISM's explain answer as ILM's explain entries (see the module doc).
pub fn explain_as_ilm(body: &Value) -> BTreeMap<String, IlmExplain> {
    let Some(map) = body.as_object() else { return BTreeMap::new() };
    map.iter()
        .filter(|(name, _)| name.as_str() != "total_managed_indices")
        .filter_map(|(name, e)| e.as_object().map(|_| (name.clone(), entry(e))))
        .collect()
}

fn entry(e: &Value) -> IlmExplain {
    let policy = e.get("policy_id").and_then(Value::as_str).map(str::to_string);
    let Some(policy) = policy else { return IlmExplain::default() };
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
    let action = e.get("action");
    let step = e.get("step");
    let failed = action.and_then(|a| a["failed"].as_bool()).unwrap_or(false)
        || e.pointer("/retry_info/failed").and_then(Value::as_bool).unwrap_or(false);
    let message = e.pointer("/info/message").and_then(Value::as_str);
    let mut out = IlmExplain {
        managed: true,
        policy: Some(policy),
        lifecycle_date_millis: e.get("index_creation_date").and_then(Value::as_i64),
        phase: text(e.pointer("/state/name")).or_else(|| text(e.get("transition_to"))),
        action: text(action.and_then(|a| a.get("name"))),
        step: text(step.and_then(|s| s.get("name"))),
        step_time_millis: step.and_then(|s| s["start_time"].as_i64()),
        failed_step_retry_count: action.and_then(|a| a["consumed_retries"].as_u64()),
        ..IlmExplain::default()
    };
    if e.get("policy_completed").and_then(Value::as_bool) == Some(true) {
        out.phase = Some("completed".into());
        out.action = Some("completed".into());
        out.step = Some("completed".into());
    } else if failed {
        out.failed_step = out.step.take().or_else(|| out.action.clone());
        out.step = Some("ERROR".into());
        let cause = e.pointer("/info/cause").and_then(Value::as_str);
        let reason = match (message, cause) {
            (Some(m), Some(c)) => format!("{m}: {c}"),
            (Some(m), None) => m.to_string(),
            (None, _) => "the ISM action failed".to_string(),
        };
        out.step_info = Some(json!({"type": "ism_action_failed", "reason": reason}));
        out.is_auto_retryable_error = Some(false);
    } else if let Some(m) = message {
        out.step_info = Some(json!({ "message": m }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explain_entries_read_as_ilms() {
        let body = json!({
            "a": {"index.plugins.index_state_management.policy_id": "p", "policy_id": "p", "index_creation_date": 5,
                  "state": {"name": "warm", "start_time": 6}, "action": {"name": "transition", "failed": false, "consumed_retries": 0},
                  "step": {"name": "attempt_transition_step", "start_time": 7, "step_status": "condition_not_met"},
                  "info": {"message": "Evaluating transition conditions [index=a]"}, "enabled": true},
            "b": {"policy_id": "p", "state": {"name": "hot"}, "action": {"name": "rollover", "failed": true, "consumed_retries": 3},
                  "step": {"name": "attempt_rollover", "start_time": 8}, "info": {"message": "Missing rollover_alias index setting [index=b]"}},
            "c": {"index.plugins.index_state_management.policy_id": null, "enabled": null},
            "d": {"policy_id": "p", "policy_completed": true},
            "total_managed_indices": 3
        });
        let e = explain_as_ilm(&body);
        assert_eq!(e.len(), 4);
        assert_eq!(e["a"].phase.as_deref(), Some("warm"));
        assert_eq!(e["a"].lifecycle_date_millis, Some(5));
        assert_eq!(e["a"].waiting_for(), Some("Evaluating transition conditions [index=a]"));
        assert_eq!(e["b"].step.as_deref(), Some("ERROR"));
        assert_eq!(e["b"].failed_step.as_deref(), Some("attempt_rollover"));
        assert_eq!(e["b"].reason(), Some("Missing rollover_alias index setting [index=b]"));
        assert!(!e["c"].managed);
        assert_eq!(e["d"].phase.as_deref(), Some("completed"));
    }

    #[test]
    fn a_policy_reads_as_phases_entered_at_their_transition_age() {
        let policy = json!({"default_state": "hot", "states": [
            {"name": "hot", "actions": [{"rollover": {"min_index_age": "1d"}}], "transitions": [{"state_name": "warm", "conditions": {"min_index_age": "7d"}}]},
            {"name": "warm", "actions": [], "transitions": [{"state_name": "gone", "conditions": {"min_index_age": "30d"}}]},
            {"name": "gone", "actions": [{"retry": {"count": 3}, "delete": {}}], "transitions": []}]});
        let p = ism_policy_as_ilm(&policy);
        assert_eq!(p.delete_after_millis(), Some(30 * 86_400_000));
        assert_eq!(p.phases["warm"].min_age_millis, 7 * 86_400_000);
        assert_eq!(p.phases["hot"].rollover_max_age_millis, Some(86_400_000));
        assert!(p.rolls_over());
    }

    #[test]
    fn failed_indices_are_sorted_by_reason() {
        let answer = status_answer(&json!({"updated_indices": 1, "failures": true, "failed_indices": [
            {"index_name": "x", "index_uuid": "u", "reason": "This index is not in failed state."},
            {"index_name": "y", "index_uuid": "v", "reason": "This index is closed"}]}));
        assert!(answer.acknowledged);
        assert_eq!(answer.not_applicable, ["x"]);
        assert_eq!(answer.refused, [("y".to_string(), "This index is closed".to_string())]);
    }
}
