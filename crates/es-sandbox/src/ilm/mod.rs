//! Index Lifecycle Management: the `_ilm` endpoints and the engine that moves managed indices
//! through their policy's phases on the virtual clock.
//!
//! - [`policy`]: parsing, validation and the GET form of policies.
//! - [`engine`]: the step machine (`run_engine`), which the server calls after the clock moves.
//! - this file: the REST handlers.

pub mod engine;
pub mod policy;

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use self::policy::Policy;
use super::error::{EsError, EsResult};
use super::expression::{self, IndicesOptions};
use super::http::{SandboxRequest, SandboxResponse};
use super::state::{Cluster, Index, StoredPolicy};
use super::units::format_millis;
use super::xcontent::{strict_date_time, zoned_date_time_string};

pub use engine::{run_engine, run_index};

/// The setting that attaches a policy to an index.
pub const LIFECYCLE_NAME: &str = "index.lifecycle.name";

/// The policy an index is managed by, if any (an empty setting counts as none, like ES).
pub fn policy_of(index: &Index) -> Option<&str> {
    index.settings.get(LIFECYCLE_NAME).and_then(Value::as_str).filter(|s| !s.is_empty())
}

fn segment(req: &SandboxRequest, i: usize) -> &str {
    req.segments.get(i).map(String::as_str).unwrap_or("")
}

/// `PUT /_ilm/policy/{policy}`
pub fn put_policy(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let name = segment(req, 2).to_string();
    let body = req.json()?.ok_or_else(|| EsError::parse("request body is required"))?;
    let parsed = policy::parse_put_body(&req.body, &body, cluster.version)?;
    policy::validate_name(&name)?;
    check_referenced_resources(cluster, &name, &parsed)?;

    let new_value = parsed.to_value();
    let now = cluster.now_millis();
    let changed = match cluster.ilm_policies.get_mut(&name) {
        // ES skips the update when nothing changed: version and modified_date stay.
        Some(stored) if stored.policy == new_value => false,
        Some(stored) => {
            stored.policy = new_value;
            stored.version += 1;
            stored.modified_millis = now;
            true
        }
        None => {
            cluster
                .ilm_policies
                .insert(name.clone(), StoredPolicy { policy: new_value, version: 1, modified_millis: now });
            true
        }
    };
    if changed {
        engine::refresh_cached_phases(cluster, &name);
        // A policy change is a cluster state change: ES's ILM service reacts to it at once
        // (indices waiting for this policy start, cached phases move on).
        engine::run_policy(cluster, &name);
    }
    let mut response = SandboxResponse::acknowledged();
    if cluster.version.at_least(9, 3) {
        for warning in policy::max_size_deprecations(&parsed) {
            response = response.with_warning(cluster.version, &warning);
        }
    }
    Ok(response)
}

/// ES's checks of what a policy references: the repository of `searchable_snapshot` (which then
/// needs an enterprise licence the sandbox's basic one is not) and the SLM policy of
/// `wait_for_snapshot`.
fn check_referenced_resources(cluster: &Cluster, name: &str, parsed: &Policy) -> EsResult<()> {
    for phase in parsed.phases_in_order() {
        if let Some(action) = phase.actions.get("searchable_snapshot") {
            let repository = action["snapshot_repository"].as_str().unwrap_or_default();
            if !cluster.repositories.contains_key(repository) {
                return Err(EsError::illegal_argument(format!(
                    "no such repository [{repository}], the snapshot repository referenced by the [searchable_snapshot] action in the [{}] phase must exist before it can be referenced by an ILM policy",
                    phase.name
                )));
            }
            return Err(EsError::illegal_argument(format!(
                "policy [{name}] defines the [searchable_snapshot] action but the current license is non-compliant for [searchable-snapshots]"
            )));
        }
        if let Some(action) = phase.actions.get("wait_for_snapshot") {
            let slm = action["policy"].as_str().unwrap_or_default();
            if !cluster.slm.policies.contains_key(slm) {
                return Err(EsError::illegal_argument(format!(
                    "no such snapshot lifecycle policy [{slm}], the snapshot lifecycle policy referenced by the [wait_for_snapshot] action in the [{}] phase must exist before it can be referenced by an ILM policy",
                    phase.name
                )));
            }
        }
    }
    Ok(())
}

/// `GET /_ilm/policy` and `GET /_ilm/policy/{policy}`
pub fn get_policy(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let names = expression::split_list(req.segments.get(2).map(String::as_str));
    if names.len() > 1 && names.iter().any(|n| n.contains('*')) {
        return Err(EsError::illegal_argument(
            "wildcard only supports a single value, please use comma-separated values or a single wildcard value",
        ));
    }
    let mut selected: Vec<&String> = Vec::new();
    if names.is_empty() {
        selected.extend(cluster.ilm_policies.keys());
    }
    for name in &names {
        if name.contains('*') {
            selected.extend(cluster.ilm_policies.keys().filter(|k| expression::simple_match(name, k)));
        } else {
            let (key, _) = cluster
                .ilm_policies
                .get_key_value(name)
                .ok_or_else(|| EsError::resource_not_found(format!("Lifecycle policy not found: {name}")))?;
            selected.push(key);
        }
    }
    let users =
        if cluster.version.at_least(7, 14) && !selected.is_empty() { Some(policy_users(cluster)) } else { None };
    let mut out = Map::new();
    for name in selected {
        let stored = &cluster.ilm_policies[name];
        let mut entry = Map::new();
        entry.insert("version".into(), json!(stored.version));
        entry.insert("modified_date".into(), json!(zoned_date_time_string(stored.modified_millis)));
        entry.insert("policy".into(), stored.policy.clone());
        if let Some(users) = &users {
            let of_policy = users.get(name.as_str()).map(PolicyUsers::to_json);
            entry.insert("in_use_by".into(), of_policy.unwrap_or_else(|| PolicyUsers::default().to_json()));
        }
        out.insert(name.clone(), Value::Object(entry));
    }
    Ok(SandboxResponse::ok(Value::Object(out)))
}

/// `in_use_by` of one policy: the indices, data streams and composable templates that use it.
#[derive(Default)]
struct PolicyUsers<'a> {
    indices: Vec<&'a str>,
    data_streams: Vec<&'a str>,
    composable_templates: Vec<&'a str>,
}

impl PolicyUsers<'_> {
    fn to_json(&self) -> Value {
        json!({"indices": self.indices, "data_streams": self.data_streams, "composable_templates": self.composable_templates})
    }
}

/// The users of every policy, by policy name, in one pass over the indices, the templates (each
/// composed once) and the data streams: a GET of 1,000 policies must not compose every template
/// once per policy.
fn policy_users(cluster: &Cluster) -> BTreeMap<String, PolicyUsers<'_>> {
    let mut users: BTreeMap<String, PolicyUsers<'_>> = BTreeMap::new();
    for (policy, indices) in cluster.indices.managed() {
        users.entry(policy.to_string()).or_default().indices.extend(indices.iter().map(String::as_str));
    }
    // A template uses the policy its composed settings name.
    let mut template_policies: BTreeMap<&str, String> = BTreeMap::new();
    for name in cluster.index_templates.keys() {
        let settings = super::templates::resolved_settings(cluster, name).unwrap_or_default();
        if let Some(policy) = settings.get(LIFECYCLE_NAME).and_then(Value::as_str) {
            users.entry(policy.to_string()).or_default().composable_templates.push(name);
            template_policies.insert(name, policy.to_string());
        }
    }
    // A data stream uses the policy of the template that matches it now.
    for data_stream in cluster.data_streams.keys() {
        let policy = super::templates::find_matching_template(cluster, data_stream, false)
            .and_then(|template| template_policies.get(template));
        if let Some(policy) = policy {
            users.entry(policy.clone()).or_default().data_streams.push(data_stream);
        }
    }
    users
}

/// `DELETE /_ilm/policy/{policy}`
pub fn delete_policy(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let name = segment(req, 2);
    // ES checks for users of the policy before checking that it exists.
    let users: Vec<&str> = cluster.indices.managed_by(name).collect();
    if !users.is_empty() {
        return Err(EsError::illegal_argument(format!(
            "Cannot delete policy [{name}]. It is in use by one or more indices: [{}]",
            users.join(", ")
        )));
    }
    if cluster.ilm_policies.remove(name).is_none() {
        return Err(EsError::resource_not_found(format!("Lifecycle policy not found: {name}")));
    }
    Ok(SandboxResponse::acknowledged())
}

/// `GET /_ilm/status`
pub fn get_status(cluster: &Cluster, _req: &SandboxRequest) -> EsResult<SandboxResponse> {
    Ok(SandboxResponse::ok(json!({"operation_mode": cluster.ilm_operation_mode})))
}

/// `POST /_ilm/start`
pub fn start(cluster: &mut Cluster, _req: &SandboxRequest) -> EsResult<SandboxResponse> {
    cluster.ilm_operation_mode = "RUNNING".to_string();
    Ok(SandboxResponse::acknowledged())
}

/// `POST /_ilm/stop`
///
/// ES goes to `STOPPING` and on to `STOPPED` once no index is inside an unsafe step. Every step
/// of the sandbox's engine is atomic, so nothing is ever in flight and it stops at once.
pub fn stop(cluster: &mut Cluster, _req: &SandboxRequest) -> EsResult<SandboxResponse> {
    cluster.ilm_operation_mode = "STOPPED".to_string();
    Ok(SandboxResponse::acknowledged())
}

/// `GET /{index}/_ilm/explain`
pub fn explain(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let expressions = expression::split_list(req.segments.first().map(String::as_str));
    let opts = IndicesOptions::STRICT_EXPAND_OPEN.from_request(req)?;
    let names = expression::resolve(cluster, &expressions, opts)?;
    let only_managed = req.flag("only_managed")?;
    let only_errors = req.flag("only_errors")?;
    let human = req.flag("human")?;
    let mut indices = Map::new();
    for name in names {
        let Some(index) = cluster.indices.get(&name) else { continue };
        let policy = policy_of(index);
        if (only_managed || only_errors) && policy.is_none() {
            continue;
        }
        if only_errors {
            let errored = index.ilm.as_ref().is_some_and(|s| s.step == "ERROR");
            let policy_missing = policy.is_some_and(|p| !cluster.ilm_policies.contains_key(p));
            if !errored && !policy_missing {
                continue;
            }
        }
        indices.insert(name.clone(), explain_index(cluster, index, human));
    }
    Ok(SandboxResponse::ok(json!({"indices": indices})))
}

/// One index's explain entry, fields in `IndexLifecycleExplainResponse.toXContent` order.
fn explain_index(cluster: &Cluster, index: &Index, human: bool) -> Value {
    let mut out = Map::new();
    out.insert("index".into(), json!(index.name));
    let Some(policy) = policy_of(index) else {
        out.insert("managed".into(), json!(false));
        return Value::Object(out);
    };
    let now = cluster.now_millis();
    let version = cluster.version;
    let time_field = |out: &mut Map<String, Value>, name: &str, millis: i64| {
        if human {
            out.insert(name.into(), json!(strict_date_time(millis)));
        }
        out.insert(format!("{name}_millis"), json!(millis));
    };
    let state = engine::current_state(cluster, index).unwrap_or_default();
    let present = |s: &str| !s.is_empty();
    out.insert("managed".into(), json!(true));
    out.insert("policy".into(), json!(policy));
    if version.at_least(8, 1) {
        time_field(&mut out, "index_creation_date", index.creation_millis);
        out.insert("time_since_index_creation".into(), json!(format_millis((now - index.creation_millis).max(0), 2)));
    }
    if let Some(lifecycle_date) = engine::lifecycle_date(index, &state) {
        time_field(&mut out, "lifecycle_date", lifecycle_date);
        out.insert("age".into(), json!(format_millis((now - lifecycle_date).max(0), 2)));
    }
    if present(&state.phase) {
        out.insert("phase".into(), json!(state.phase));
        time_field(&mut out, "phase_time", state.phase_time_millis);
        out.insert("action".into(), json!(state.action));
        time_field(&mut out, "action_time", state.action_time_millis);
        out.insert("step".into(), json!(state.step));
        time_field(&mut out, "step_time", state.step_time_millis);
    }
    if let Some(failed) = state.failed_step.as_deref().filter(|s| present(s)) {
        out.insert("failed_step".into(), json!(failed));
    }
    if let Some(retryable) = state.is_auto_retryable_error {
        out.insert("is_auto_retryable_error".into(), json!(retryable));
    }
    if let Some(count) = state.failed_step_retry_count {
        out.insert("failed_step_retry_count".into(), json!(count));
    }
    if let Some(info) = &state.step_info {
        out.insert("step_info".into(), info.clone());
    }
    if let Some(previous) = state.previous_step_info.as_ref().filter(|_| version.at_least(8, 16)) {
        out.insert("previous_step_info".into(), previous.clone());
    }
    if let Some(execution) = &state.phase_execution {
        out.insert("phase_execution".into(), execution.clone());
    }
    if version.at_least(9, 1) || (version.major == 8 && version.at_least(8, 19)) {
        let skip = index.settings.get("index.lifecycle.skip").and_then(Value::as_str) == Some("true");
        out.insert("skip".into(), json!(skip));
    }
    Value::Object(out)
}

/// A step key as ES prints it in move-to-step errors: `{"phase":…,"action":…,"name":…}`.
fn step_key_json(phase: &str, action: Option<&str>, name: Option<&str>) -> String {
    let mut key = Map::new();
    key.insert("phase".into(), json!(phase));
    if let Some(a) = action {
        key.insert("action".into(), json!(a));
    }
    if let Some(n) = name {
        key.insert("name".into(), json!(n));
    }
    Value::Object(key).to_string()
}

/// `POST /_ilm/move/{index}`
pub fn move_to_step(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let name = segment(req, 2).to_string();
    let body = req.json()?.unwrap_or(Value::Null);
    let Some(index) = cluster.indices.get(&name) else {
        return Err(EsError::illegal_argument(format!("index [{name}] does not exist")));
    };
    let Some(policy_name) = policy_of(index).map(str::to_string) else {
        return Err(EsError::illegal_argument(format!(
            "index [{name}] is not associated with an Index Lifecycle Policy"
        )));
    };
    let field = |step: &str, key: &str| body[step][key].as_str().map(str::to_string);
    let (Some(cur_phase), Some(cur_action), Some(cur_name)) =
        (field("current_step", "phase"), field("current_step", "action"), field("current_step", "name"))
    else {
        return Err(EsError::x_content_parse("Required [current_step]"));
    };
    let Some(next_phase) = field("next_step", "phase") else {
        return Err(EsError::x_content_parse("Required [next_step]"));
    };
    let (next_action, next_name) = (field("next_step", "action"), field("next_step", "name"));

    let state = engine::current_state(cluster, index).unwrap_or_default();
    if (state.phase.as_str(), state.action.as_str(), state.step.as_str())
        != (cur_phase.as_str(), cur_action.as_str(), cur_name.as_str())
    {
        return Err(EsError::illegal_argument(format!(
            "index [{name}] is not on current step [{}], currently: [{}]",
            step_key_json(&cur_phase, Some(&cur_action), Some(&cur_name)),
            step_key_json(&state.phase, Some(&state.action), Some(&state.step))
        )));
    }
    let stored = cluster.ilm_policies.get(&policy_name);
    let target = stored.and_then(|s| {
        engine::find_step(&Policy::from_value(&s.policy), &next_phase, next_action.as_deref(), next_name.as_deref())
    });
    let Some((action, step)) = target else {
        return Err(EsError::illegal_argument(format!(
            "step [{}] for index [{name}] with policy [{policy_name}] does not exist",
            step_key_json(&next_phase, next_action.as_deref(), next_name.as_deref())
        )));
    };
    engine::move_to(cluster, &name, &next_phase, &action, &step);
    engine::run_index(cluster, &name);
    Ok(SandboxResponse::acknowledged())
}

/// `POST /{index}/_ilm/retry`
pub fn retry(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let expressions = expression::split_list(req.segments.first().map(String::as_str));
    // Missing names are reported by ES as IAE (400), not as index_not_found.
    let lenient = IndicesOptions { ignore_unavailable: true, ..IndicesOptions::STRICT_EXPAND_OPEN };
    let mut names = expression::resolve(cluster, &expressions, lenient)?;
    for expr in expressions.iter().filter(|e| !e.contains('*') && !e.starts_with('-')) {
        if expression::lookup(cluster, expr).is_none() {
            return Err(EsError::illegal_argument(format!("index [{expr}] does not exist")));
        }
    }
    names.sort();
    for name in &names {
        let errored = cluster.indices.get(name).and_then(|i| i.ilm.as_ref()).is_some_and(|s| s.step == "ERROR");
        if !errored {
            return Err(EsError::illegal_argument(format!(
                "cannot retry an action for an index [{name}] that has not encountered an error when running a Lifecycle Policy"
            )));
        }
    }
    for name in &names {
        engine::retry_failed_step(cluster, name, false);
        engine::run_index(cluster, name);
    }
    Ok(SandboxResponse::acknowledged())
}

/// `POST /{index}/_ilm/remove`
pub fn remove_policy(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let expressions = expression::split_list(req.segments.first().map(String::as_str));
    let opts = IndicesOptions::STRICT_EXPAND_OPEN.from_request(req)?;
    let names = expression::resolve(cluster, &expressions, opts)?;
    for name in names {
        if let Some(mut index) = cluster.indices.get_mut(&name) {
            for key in [LIFECYCLE_NAME, "index.lifecycle.rollover_alias", "index.lifecycle.skip"] {
                index.settings.remove(key);
            }
            index.ilm = None;
        }
    }
    Ok(SandboxResponse::ok(json!({"has_failures": false, "failed_indexes": []})))
}

#[cfg(test)]
mod tests;
