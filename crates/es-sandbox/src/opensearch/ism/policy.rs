//! An ISM policy as the plugin parses and stores it (`Policy.kt`, `State.kt`, `Transition.kt`,
//! `ISMActionsParser.kt`, each action's `*Action.kt`): unknown fields refused, defaults filled in
//! (each action's `retry: {count: 3, backoff: exponential, delay: 1m}`, rollover's
//! `copy_alias: false`, allocation's empty rules and `wait_for: false`), the checks of the models'
//! `init` blocks, and the error messages they throw.

use serde_json::{Map, Value, json};

use crate::error::{EsError, EsResult};
use crate::units::{parse_bytes, parse_time_millis};

/// The actions the sandbox carries out (see [`super::runner`]).
pub const RUN_ACTIONS: [&str; 10] = [
    "rollover",
    "delete",
    "replica_count",
    "read_only",
    "read_write",
    "force_merge",
    "index_priority",
    "allocation",
    "open",
    "close",
];

/// Actions ISM has that the sandbox does not run: a policy using one is refused at PUT with
/// what to do, never accepted and left to fail later.
const NOT_RUN_ACTIONS: [&str; 10] = [
    "snapshot",
    "shrink",
    "rollup",
    "transform",
    "notification",
    "alias",
    "search_only",
    "stop_replication",
    "convert_index_to_remote",
    "close_index",
];

/// The `schema_version` the plugin writes into the policies it stores
/// (`IndexUtils.indexManagementConfigSchemaVersion`, the config index mapping's `_meta`).
fn schema_version(major: u32) -> u64 {
    if major >= 3 { 30 } else { 21 }
}

fn invalid_field(field: &str, what: &str) -> EsError {
    EsError::illegal_argument(format!("Invalid field: [{field}] found in {what}."))
}

fn object<'v>(value: &'v Value, what: &str) -> EsResult<&'v Map<String, Value>> {
    value.as_object().ok_or_else(|| {
        EsError::new(
            400,
            "parsing_exception",
            format!("Failed to parse object: expecting token of type [START_OBJECT] in {what}"),
        )
    })
}

fn text<'v>(value: &'v Value, field: &str) -> EsResult<&'v str> {
    value.as_str().ok_or_else(|| EsError::illegal_argument(format!("[{field}] must be a string")))
}

/// Parses the body of `PUT _plugins/_ism/policies/{id}` into the stored policy.
pub fn parse(id: &str, body: &Value, now_millis: i64, major: u32) -> EsResult<Value> {
    let wrapper = object(body, "the request body")?;
    let policy = match (wrapper.get("policy"), wrapper.len()) {
        (Some(p), 1) => object(p, "policy")?,
        _ => return Err(EsError::illegal_argument("Invalid policy request: expected a single \"policy\" object")),
    };
    let mut description = None;
    let mut default_state = None;
    let mut error_notification = Value::Null;
    let mut states = Vec::new();
    let mut ism_template = Value::Null;
    for (field, value) in policy {
        match field.as_str() {
            "schema_version" | "last_updated_time" | "policy_id" | "user" => {}
            "description" => description = Some(text(value, field)?.to_string()),
            "default_state" => default_state = Some(text(value, field)?.to_string()),
            "error_notification" => error_notification = value.clone(),
            "states" => {
                let list = value.as_array().ok_or_else(|| EsError::illegal_argument("[states] must be an array"))?;
                states = list.iter().map(parse_state).collect::<EsResult<Vec<_>>>()?;
            }
            "ism_template" => ism_template = parse_ism_templates(value, now_millis)?,
            other => return Err(invalid_field(other, "Policy")),
        }
    }
    let description = description.ok_or_else(|| EsError::illegal_argument("description is null"))?;
    let default_state = default_state.ok_or_else(|| EsError::illegal_argument("default_state is null"))?;
    let names: Vec<&str> = states.iter().filter_map(|s| s["name"].as_str()).collect();
    for state in &states {
        for transition in state["transitions"].as_array().into_iter().flatten() {
            let target = transition["state_name"].as_str().unwrap_or_default();
            if !names.contains(&target) {
                return Err(EsError::illegal_argument(format!(
                    "Policy contains a transition in state={} pointing to a nonexistent state={target}",
                    state["name"].as_str().unwrap_or_default()
                )));
            }
        }
    }
    let mut distinct = names.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() != names.len() {
        return Err(EsError::illegal_argument("Policy cannot have duplicate state names"));
    }
    if states.is_empty() {
        return Err(EsError::illegal_argument("Policy must contain at least one State"));
    }
    if !names.contains(&default_state.as_str()) {
        return Err(EsError::illegal_argument("Policy must have a valid default state"));
    }
    Ok(json!({
        "policy_id": id,
        "description": description,
        "last_updated_time": now_millis,
        "schema_version": schema_version(major),
        "error_notification": error_notification,
        "default_state": default_state,
        "states": states,
        "ism_template": ism_template,
    }))
}

fn parse_state(value: &Value) -> EsResult<Value> {
    let mut name = None;
    let mut actions = Vec::new();
    let mut transitions = Vec::new();
    for (field, v) in object(value, "state")? {
        match field.as_str() {
            "name" => name = Some(text(v, field)?.to_string()),
            "actions" => {
                let list = v.as_array().ok_or_else(|| EsError::illegal_argument("[actions] must be an array"))?;
                actions = list.iter().map(parse_action).collect::<EsResult<Vec<_>>>()?;
            }
            "transitions" => {
                let list = v.as_array().ok_or_else(|| EsError::illegal_argument("[transitions] must be an array"))?;
                transitions = list.iter().map(parse_transition).collect::<EsResult<Vec<_>>>()?;
            }
            other => return Err(invalid_field(other, "State")),
        }
    }
    let name = name.ok_or_else(|| EsError::illegal_argument("State name is null"))?;
    if name.trim().is_empty() {
        return Err(EsError::illegal_argument("State must contain a valid name"));
    }
    let mut has_delete = false;
    for action in &actions {
        if has_delete {
            return Err(EsError::illegal_argument(format!(
                "State={name} must not contain an action after a delete action"
            )));
        }
        has_delete = action_type(action) == "delete";
    }
    if has_delete && !transitions.is_empty() {
        return Err(EsError::illegal_argument(format!(
            "State={name} cannot contain transitions if using delete action"
        )));
    }
    Ok(json!({"name": name, "actions": actions, "transitions": transitions}))
}

/// The type of a stored action: its one key besides `timeout` and `retry`.
pub fn action_type(action: &Value) -> &str {
    action.as_object().and_then(|m| m.keys().find(|k| *k != "timeout" && *k != "retry")).map_or("", String::as_str)
}

/// One action: `{TYPE: {…}, timeout?, retry?}`, stored as `timeout`, `retry`, then the action.
fn parse_action(value: &Value) -> EsResult<Value> {
    let map = object(value, "action")?;
    let mut timeout = None;
    let mut retry = json!({"count": 3, "backoff": "exponential", "delay": "1m"});
    let mut found: Option<(String, Value)> = None;
    for (field, v) in map {
        match field.as_str() {
            "timeout" => {
                let t = text(v, "timeout")?;
                parse_time_millis(t, "timeout")?;
                timeout = Some(t.to_string());
            }
            "retry" => retry = parse_retry(v)?,
            kind if RUN_ACTIONS.contains(&kind) => {
                if found.is_some() {
                    return Err(EsError::illegal_argument("Each action must contain exactly one action type"));
                }
                found = Some((kind.to_string(), parse_action_config(kind, v)?));
            }
            kind if NOT_RUN_ACTIONS.contains(&kind) => {
                return Err(EsError::illegal_argument(format!(
                    "the esops sandbox does not run ISM's [{kind}] action; it runs {}: test a policy with [{kind}] on a real OpenSearch cluster",
                    RUN_ACTIONS.join(", ")
                )));
            }
            other => return Err(invalid_field(other, "Actions")),
        }
    }
    let (kind, config) = found.ok_or_else(|| EsError::illegal_argument("Action is missing an action type"))?;
    let mut out = Map::new();
    if let Some(t) = timeout {
        out.insert("timeout".into(), json!(t));
    }
    out.insert("retry".into(), retry);
    out.insert(kind, config);
    Ok(Value::Object(out))
}

/// `ActionRetry.kt`: `count` required and non-negative, `backoff` exponential (default),
/// constant or linear, `delay` a time value (default 1m).
fn parse_retry(value: &Value) -> EsResult<Value> {
    let map = object(value, "retry")?;
    let count = map.get("count").ok_or_else(|| EsError::illegal_argument("ActionRetry count is null"))?;
    let count = count.as_i64().ok_or_else(|| EsError::illegal_argument("[count] must be a number"))?;
    if count < 0 {
        return Err(EsError::illegal_argument("Count for ActionRetry must be a non-negative number"));
    }
    let backoff = map.get("backoff").and_then(Value::as_str).unwrap_or("exponential").to_ascii_lowercase();
    if !["exponential", "constant", "linear"].contains(&backoff.as_str()) {
        return Err(EsError::illegal_argument(format!(
            "No enum constant org.opensearch.indexmanagement.spi.indexstatemanagement.model.ActionRetry.Backoff.{}",
            backoff.to_ascii_uppercase()
        )));
    }
    let delay = map.get("delay").and_then(Value::as_str).unwrap_or("1m");
    parse_time_millis(delay, "delay")?;
    Ok(json!({"count": count, "backoff": backoff, "delay": delay}))
}

fn non_negative(config: &Map<String, Value>, field: &str, message: &str) -> EsResult<i64> {
    let n = config.get(field).and_then(Value::as_i64).ok_or_else(|| EsError::illegal_argument(message.to_string()))?;
    if n < 0 {
        return Err(EsError::illegal_argument(message.to_string()));
    }
    Ok(n)
}

fn only_fields(config: &Map<String, Value>, allowed: &[&str], what: &str) -> EsResult<()> {
    match config.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(invalid_field(k, what)),
        None => Ok(()),
    }
}

/// Each action's parameters as its parser reads them and its `populateAction` writes them.
fn parse_action_config(kind: &str, value: &Value) -> EsResult<Value> {
    let config = object(value, kind)?;
    Ok(match kind {
        "rollover" => {
            only_fields(
                config,
                &[
                    "min_size",
                    "min_doc_count",
                    "min_index_age",
                    "min_primary_shard_size",
                    "copy_alias",
                    "prevent_empty_rollover",
                ],
                "RolloverAction",
            )?;
            let mut out = Map::new();
            if let Some(size) = config.get("min_size") {
                if parse_bytes(text(size, "min_size")?, "min_size")? == 0 {
                    return Err(EsError::illegal_argument("RolloverAction minSize value must be greater than 0"));
                }
                out.insert("min_size".into(), size.clone());
            }
            if let Some(docs) = config.get("min_doc_count") {
                if docs.as_i64().is_none_or(|d| d <= 0) {
                    return Err(EsError::illegal_argument("RolloverAction minDocs value must be greater than 0"));
                }
                out.insert("min_doc_count".into(), docs.clone());
            }
            if let Some(age) = config.get("min_index_age") {
                parse_time_millis(text(age, "min_index_age")?, "min_index_age")?;
                out.insert("min_index_age".into(), age.clone());
            }
            if let Some(size) = config.get("min_primary_shard_size") {
                if parse_bytes(text(size, "min_primary_shard_size")?, "min_primary_shard_size")? == 0 {
                    return Err(EsError::illegal_argument(
                        "RolloverAction minPrimaryShardSize value must be greater than 0",
                    ));
                }
                out.insert("min_primary_shard_size".into(), size.clone());
            }
            out.insert("copy_alias".into(), json!(config.get("copy_alias").and_then(Value::as_bool).unwrap_or(false)));
            if config.get("prevent_empty_rollover").and_then(Value::as_bool) == Some(true) {
                out.insert("prevent_empty_rollover".into(), json!(true));
            }
            Value::Object(out)
        }
        "replica_count" => {
            only_fields(config, &["number_of_replicas"], "ReplicaCountAction")?;
            let n = non_negative(
                config,
                "number_of_replicas",
                "ReplicaCountAction number_of_replicas value must be a non-negative number",
            )?;
            json!({"number_of_replicas": n})
        }
        "index_priority" => {
            only_fields(config, &["priority"], "IndexPriorityAction")?;
            let n = non_negative(
                config,
                "priority",
                "IndexPriorityAction index_priority value must be a non-negative number",
            )?;
            json!({"priority": n})
        }
        "force_merge" => {
            only_fields(config, &["max_num_segments"], "ForceMergeAction")?;
            let n = config.get("max_num_segments").and_then(Value::as_i64).unwrap_or(0);
            if n <= 0 {
                return Err(EsError::illegal_argument("Force merge {max_num_segments} must be greater than 0"));
            }
            json!({"max_num_segments": n})
        }
        "allocation" => {
            only_fields(config, &["require", "include", "exclude", "wait_for"], "AllocationAction")?;
            let rules = |k: &str| config.get(k).cloned().unwrap_or_else(|| json!({}));
            let (require, include, exclude) = (rules("require"), rules("include"), rules("exclude"));
            let empty = |v: &Value| v.as_object().is_none_or(Map::is_empty);
            if empty(&require) && empty(&include) && empty(&exclude) {
                return Err(EsError::illegal_argument("At least one allocation parameter need to be specified."));
            }
            let wait_for = config.get("wait_for").and_then(Value::as_bool).unwrap_or(false);
            json!({"require": require, "include": include, "exclude": exclude, "wait_for": wait_for})
        }
        // delete, read_only, read_write, open, close: no parameters.
        _ => {
            only_fields(config, &[], kind)?;
            json!({})
        }
    })
}

/// `Transition.kt` and its `Conditions`: at most one condition, positive counts and sizes.
fn parse_transition(value: &Value) -> EsResult<Value> {
    let mut state_name = None;
    let mut conditions = None;
    for (field, v) in object(value, "transition")? {
        match field.as_str() {
            "state_name" => state_name = Some(text(v, field)?.to_string()),
            "conditions" => conditions = Some(parse_conditions(v)?),
            other => return Err(invalid_field(other, "Transition")),
        }
    }
    let state_name = state_name.ok_or_else(|| EsError::illegal_argument("Transition state name is null"))?;
    let mut out = json!({"state_name": state_name});
    if let Some(c) = conditions {
        out["conditions"] = c;
    }
    Ok(out)
}

fn parse_conditions(value: &Value) -> EsResult<Value> {
    let map = object(value, "conditions")?;
    for (field, v) in map {
        match field.as_str() {
            "min_index_age" | "min_rollover_age" | "min_state_age" => {
                parse_time_millis(text(v, field)?, field)?;
            }
            "min_doc_count" => {
                if v.as_i64().is_none_or(|d| d <= 0) {
                    return Err(EsError::illegal_argument("Transition doc count condition must be greater than 0"));
                }
            }
            "min_size" => {
                if parse_bytes(text(v, field)?, field)? == 0 {
                    return Err(EsError::illegal_argument("Transition size condition must be greater than 0"));
                }
            }
            "cron" | "no_alias" => {
                return Err(EsError::illegal_argument(format!(
                    "the esops sandbox does not evaluate the [{field}] transition condition; use min_index_age, min_rollover_age, min_doc_count or min_size"
                )));
            }
            other => return Err(invalid_field(other, "Conditions")),
        }
    }
    if map.len() > 1 {
        return Err(EsError::illegal_argument("Cannot provide more than one Transition condition"));
    }
    Ok(value.clone())
}

/// `ism_template`: one object or a list; each needs index patterns and a priority >= 0, and gets
/// the time it was written (an index created before it is not auto-managed by it).
fn parse_ism_templates(value: &Value, now_millis: i64) -> EsResult<Value> {
    let list = match value {
        Value::Null => return Ok(Value::Null),
        Value::Array(items) => items.clone(),
        Value::Object(_) => vec![value.clone()],
        _ => return Err(EsError::illegal_argument("[ism_template] must be an object or an array")),
    };
    let mut out = Vec::new();
    for item in &list {
        let map = object(item, "ism_template")?;
        let mut patterns = Vec::new();
        let mut priority = 0;
        for (field, v) in map {
            match field.as_str() {
                "index_patterns" => {
                    patterns = match v {
                        Value::String(s) => vec![s.clone()],
                        Value::Array(a) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
                        _ => return Err(EsError::illegal_argument("[index_patterns] must be a string or an array")),
                    }
                }
                "priority" => {
                    priority = v.as_i64().ok_or_else(|| EsError::illegal_argument("[priority] must be a number"))?
                }
                "last_updated_time" => {}
                other => return Err(invalid_field(other, "ISMTemplate")),
            }
        }
        if priority < 0 {
            return Err(EsError::illegal_argument("Requires priority to be >= 0"));
        }
        if patterns.is_empty() {
            return Err(EsError::illegal_argument("Requires at least one index pattern"));
        }
        out.push(json!({"index_patterns": patterns, "priority": priority, "last_updated_time": now_millis}));
    }
    Ok(Value::Array(out))
}

/// `matchesIndexPatterns`: some inclusion pattern matches and no `-`exclusion does.
pub fn matches_patterns(name: &str, patterns: &[&str]) -> bool {
    let (exclusions, inclusions): (Vec<&str>, Vec<&str>) = patterns.iter().partition(|p| p.starts_with('-'));
    inclusions.iter().any(|p| es_syntax::glob::simple_match(p, name))
        && !exclusions.iter().any(|p| es_syntax::glob::simple_match(&p[1..], name))
}

/// The `ism_template` entries of a stored policy as `(patterns, priority)`.
pub fn templates_of(policy: &Value) -> Vec<(Vec<String>, i64)> {
    policy
        .get("ism_template")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|t| {
            let patterns =
                t["index_patterns"].as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_string);
            (patterns.collect(), t["priority"].as_i64().unwrap_or(0))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(policy: Value) -> EsResult<Value> {
        parse("p", &json!({ "policy": policy }), 1_000, 2)
    }

    #[test]
    fn defaults_are_filled_in_as_the_plugin_stores_them() {
        let p = parsed(json!({
            "description": "d", "default_state": "hot",
            "states": [
                {"name": "hot", "actions": [{"rollover": {"min_index_age": "1d"}}],
                 "transitions": [{"state_name": "delete", "conditions": {"min_index_age": "30d"}}]},
                {"name": "delete", "actions": [{"delete": {}}]}
            ],
            "ism_template": {"index_patterns": ["logs-*"], "priority": 1}
        }))
        .unwrap();
        assert_eq!(
            p["states"][0]["actions"][0],
            json!({"retry": {"count": 3, "backoff": "exponential", "delay": "1m"}, "rollover": {"min_index_age": "1d", "copy_alias": false}})
        );
        assert_eq!(p["states"][1]["transitions"], json!([]));
        assert_eq!(
            p["ism_template"],
            json!([{"index_patterns": ["logs-*"], "priority": 1, "last_updated_time": 1_000}])
        );
        assert_eq!(p["policy_id"], "p");
        assert_eq!(p["error_notification"], Value::Null);
    }

    #[test]
    fn the_models_checks_refuse_with_the_plugins_messages() {
        let reason = |policy: Value| parsed(policy).unwrap_err().reason;
        let state = |name: &str, to: &str| json!({"name": name, "actions": [], "transitions": [{"state_name": to}]});
        assert_eq!(
            reason(json!({"description": "d", "default_state": "a", "states": [state("a", "b")]})),
            "Policy contains a transition in state=a pointing to a nonexistent state=b"
        );
        assert_eq!(reason(json!({"default_state": "a", "states": []})), "description is null");
        assert_eq!(
            reason(json!({"description": "d", "default_state": "a", "states": []})),
            "Policy must contain at least one State"
        );
        assert_eq!(
            reason(json!({"description": "d", "default_state": "x", "states": [state("a", "a")]})),
            "Policy must have a valid default state"
        );
        assert_eq!(
            reason(json!({"description": "d", "default_state": "a", "nope": 1})),
            "Invalid field: [nope] found in Policy."
        );
        assert_eq!(
            reason(
                json!({"description": "d", "default_state": "a", "states": [{"name": "a", "actions": [{"delete": {}}, {"read_only": {}}]}]})
            ),
            "State=a must not contain an action after a delete action"
        );
        assert_eq!(
            reason(
                json!({"description": "d", "default_state": "a", "states": [{"name": "a", "actions": [{"frobnicate": {}}]}]})
            ),
            "Invalid field: [frobnicate] found in Actions."
        );
        assert!(
            reason(json!({"description": "d", "default_state": "a", "states": [{"name": "a", "actions": [{"shrink": {}}]}]}))
                .contains("does not run ISM's [shrink] action")
        );
        assert_eq!(
            reason(
                json!({"description": "d", "default_state": "a", "states": [{"name": "a", "actions": [], "transitions": [{"state_name": "a", "conditions": {"min_index_age": "1d", "min_doc_count": 5}}]}]})
            ),
            "Cannot provide more than one Transition condition"
        );
        assert_eq!(
            reason(
                json!({"description": "d", "default_state": "a", "states": [state("a", "a")], "ism_template": {"index_patterns": [], "priority": 1}})
            ),
            "Requires at least one index pattern"
        );
    }

    #[test]
    fn patterns_include_and_exclude() {
        assert!(matches_patterns("logs-a", &["logs-*"]));
        assert!(!matches_patterns("logs-debug-1", &["logs-*", "-logs-debug-*"]));
        assert!(!matches_patterns("other", &["logs-*"]));
    }
}
