//! ISM's job runner on the sandbox's virtual clock (`ManagedIndexRunner.kt`).
//!
//! Each managed index is a job that runs every `plugins.index_state_management.job_interval`
//! minutes (5), and one run does one thing: initialize the policy, or carry out one step of the
//! current action (an action is one or more steps; moving to the next state is the `transition`
//! action's `attempt_transition_step`). A failed step is retried up to the action's
//! `retry.count` times, each after its backoff; then the index is failed and its job disabled
//! until `_plugins/_ism/retry`. When the clock jumps, the runs that fell due run back to back at
//! the new time, each index until it waits on a condition.

use serde_json::{Value, json};

use super::{ActionMeta, ManagedIndex, Metadata, StepMeta, StepStatus, Timed, policy};
use crate::expression;
use crate::indices;
use crate::rollover;
use crate::segments::MergedSegments;
use crate::settings;
use crate::state::Cluster;
use crate::units::{format_millis, parse_bytes, parse_time_millis};

/// Most runs one index makes in one tick of the clock, however far it jumped: a policy takes
/// a few dozen steps at most, and a bound keeps a jump of years cheap.
const MAX_RUNS_PER_TICK: i64 = 200;

/// `plugins.index_state_management.job_interval`, in millis (minutes in the setting; 5 by default).
pub fn job_interval_millis(cluster: &Cluster) -> i64 {
    let minutes = cluster
        .setting("plugins.index_state_management.job_interval")
        .and_then(|m| m.parse::<i64>().ok())
        .filter(|m| *m > 0)
        .unwrap_or(5);
    minutes * 60_000
}

/// Whether a job interval has passed since the jobs last ran (OpenSearch only).
pub fn due(cluster: &Cluster) -> bool {
    cluster
        .opensearch
        .as_ref()
        .is_some_and(|os| cluster.now_millis() - os.ism.last_run_millis >= job_interval_millis(cluster))
}

/// Runs the jobs that fell due since the last run (see the module doc).
pub fn run(cluster: &mut Cluster) {
    let now = cluster.now_millis();
    let interval = job_interval_millis(cluster);
    let Some(os) = cluster.opensearch.as_mut() else {
        return;
    };
    let elapsed = now - os.ism.last_run_millis;
    if elapsed < interval {
        return;
    }
    os.ism.last_run_millis = now;
    if cluster.setting("plugins.index_state_management.enabled") == Some("false") {
        return;
    }
    let runs = (elapsed / interval).min(MAX_RUNS_PER_TICK);
    let jobs: Vec<String> =
        cluster.opensearch.as_ref().map(|os| os.ism.managed.keys().cloned().collect()).unwrap_or_default();
    for uuid in jobs {
        for _ in 0..runs {
            if !run_once(cluster, &uuid, now) {
                break;
            }
        }
    }
}

fn managed(cluster: &Cluster, uuid: &str) -> Option<ManagedIndex> {
    cluster.opensearch.as_ref()?.ism.managed.get(uuid).cloned()
}

fn store(cluster: &mut Cluster, job: ManagedIndex) {
    if let Some(os) = cluster.opensearch.as_mut() {
        os.ism.managed.insert(job.index_uuid.clone(), job);
    }
}

fn forget(cluster: &mut Cluster, uuid: &str) {
    if let Some(os) = cluster.opensearch.as_mut() {
        os.ism.managed.remove(uuid);
    }
}

/// One run of one job; whether running it again at once could do more.
fn run_once(cluster: &mut Cluster, uuid: &str, now: i64) -> bool {
    let Some(mut job) = managed(cluster, uuid) else {
        return false;
    };
    // The coordinator removes the job of a deleted index.
    let Some(index) = cluster.indices.get(&job.index).filter(|i| i.uuid == job.index_uuid) else {
        forget(cluster, uuid);
        return false;
    };
    let creation = index.creation_millis;
    if !job.enabled {
        return false;
    }
    let Some(mut meta) = job.metadata.clone() else {
        initialize(cluster, &mut job, creation, now);
        store(cluster, job);
        return true;
    };
    if meta.policy_completed || meta.is_failed() {
        job.enabled = false;
        store(cluster, job);
        return false;
    }
    let state_name = meta.transition_to.clone().or_else(|| meta.state.as_ref().map(|s| s.name.clone()));
    let Some(state) = state_name.as_deref().and_then(|n| find_state(&job.policy, n)).cloned() else {
        meta.policy_failed = true;
        meta.info = json!({"message": format!("Failed to find state={} in policy={}", state_name.unwrap_or_default(), job.policy_id)});
        job.metadata = Some(meta);
        store(cluster, job);
        return false;
    };
    let actions: Vec<Value> = state["actions"].as_array().cloned().unwrap_or_default();
    let (action_index, action_name) = action_to_execute(&meta, &actions);
    if job.change_policy.is_some() && action_name == "transition" {
        change_policy(cluster, &mut job, meta, now);
        store(cluster, job);
        return true;
    }
    let action_config = actions.get(action_index).cloned().unwrap_or(Value::Null);
    let steps = steps_of(&action_name);
    // A new action (state entered, or the next action) starts with fresh retry bookkeeping.
    let entering_state = meta.state.as_ref().is_none_or(|s| Some(&s.name) != state_name.as_ref());
    let same_action = !entering_state
        && meta.transition_to.is_none()
        && meta.action.as_ref().is_some_and(|a| a.index == action_index && a.name == action_name);
    let mut action_meta = if same_action {
        let mut a = meta.action.clone().unwrap_or_else(|| new_action(&action_name, action_index, now));
        a.start_time = a.start_time.or(Some(now));
        a
    } else {
        new_action(&action_name, action_index, now)
    };
    if action_meta.consumed_retries > 0
        && let Some(last) = action_meta.last_retry_time
        && now < last + backoff_millis(&action_config, action_meta.consumed_retries)
    {
        return false;
    }
    let step_name = match (&meta.step, same_action) {
        (Some(step), true) if step.step_status == StepStatus::Completed => {
            steps.iter().position(|s| *s == step.name).and_then(|i| steps.get(i + 1)).copied().unwrap_or(steps[0])
        }
        (Some(step), true) => steps.iter().find(|s| **s == step.name).copied().unwrap_or(steps[0]),
        _ => steps[0],
    };
    if timed_out(&action_config, &action_meta, now) {
        action_meta.failed = true;
        meta.action = Some(action_meta);
        meta.step = Some(StepMeta { name: step_name.to_string(), start_time: now, step_status: StepStatus::Failed });
        meta.info = json!({"message": "Action timed out"});
        job.metadata = Some(meta);
        store(cluster, job);
        return false;
    }
    if entering_state {
        meta.state = Some(Timed { name: state["name"].as_str().unwrap_or_default().to_string(), start_time: now });
    }
    meta.transition_to = None;
    let config = action_config.get(&action_name).cloned().unwrap_or(Value::Null);
    let outcome = if action_name == "transition" {
        attempt_transition(cluster, &job.index, &state, &meta)
    } else {
        execute_step(cluster, &job.index, &action_name, step_name, &config, &meta)
    };
    if outcome.deleted {
        forget(cluster, uuid);
        return false;
    }
    if outcome.status == StepStatus::Failed {
        let allowed = action_config.get("retry").and_then(|r| r["count"].as_u64()).unwrap_or(3);
        if action_meta.consumed_retries >= allowed {
            action_meta.failed = true;
        } else {
            action_meta.consumed_retries += 1;
            action_meta.last_retry_time = Some(now);
        }
    }
    meta.action = Some(action_meta);
    meta.step = Some(StepMeta { name: step_name.to_string(), start_time: now, step_status: outcome.status });
    meta.info = outcome.info;
    meta.policy_completed |= outcome.policy_completed;
    if let Some(new_index) = outcome.rolled_over_to {
        meta.rolled_over = true;
        meta.rolled_over_index_name = Some(new_index);
    }
    meta.transition_to = outcome.transition_to;
    let progressed = outcome.status != StepStatus::ConditionNotMet;
    job.metadata = Some(meta);
    store(cluster, job);
    progressed
}

fn new_action(name: &str, index: usize, now: i64) -> ActionMeta {
    ActionMeta {
        name: name.to_string(),
        start_time: Some(now),
        index,
        failed: false,
        consumed_retries: 0,
        last_retry_time: None,
    }
}

/// `getInitializedManagedIndexMetaData`: the default state (or a pending change's), entered now.
fn initialize(cluster: &Cluster, job: &mut ManagedIndex, creation: i64, now: i64) {
    let mut start_state = None;
    if let Some(change) = job.change_policy.take()
        && let Some(stored) = cluster.opensearch.as_ref().and_then(|os| os.ism.policies.get(&change.policy_id))
    {
        job.policy_id = change.policy_id.clone();
        job.policy = stored.policy.clone();
        job.policy_seq_no = stored.seq_no;
        job.policy_primary_term = stored.primary_term;
        start_state = change.state;
    }
    let state = start_state.unwrap_or_else(|| job.policy["default_state"].as_str().unwrap_or_default().to_string());
    job.metadata = Some(Metadata {
        index_creation_date: creation,
        state: Some(Timed { name: state, start_time: now }),
        info: json!({"message": format!("Successfully initialized policy: {}", job.policy_id)}),
        policy_seq_no: job.policy_seq_no,
        policy_primary_term: job.policy_primary_term,
        ..Metadata::default()
    });
}

/// `initChangePolicy`, at a safe point: the job takes the new policy; it goes to the requested
/// state, or evaluates the transitions of the state of the same name in the new policy.
fn change_policy(cluster: &Cluster, job: &mut ManagedIndex, mut meta: Metadata, now: i64) {
    let Some(change) = job.change_policy.take() else {
        return;
    };
    let Some(stored) = cluster.opensearch.as_ref().and_then(|os| os.ism.policies.get(&change.policy_id)) else {
        meta.info = json!({"message": format!("Failed to load change policy: {}", change.policy_id)});
        meta.policy_failed = true;
        job.metadata = Some(meta);
        return;
    };
    job.policy_id = change.policy_id.clone();
    job.policy = stored.policy.clone();
    job.policy_seq_no = stored.seq_no;
    job.policy_primary_term = stored.primary_term;
    meta.policy_seq_no = stored.seq_no;
    meta.policy_primary_term = stored.primary_term;
    meta.info = json!({"message": format!("Attempting to change policy to {}", change.policy_id)});
    meta.transition_to = change.state;
    meta.step = None;
    if meta.transition_to.is_none() {
        let actions = meta
            .state
            .as_ref()
            .and_then(|s| find_state(&job.policy, &s.name))
            .map_or(0, |s| s["actions"].as_array().map_or(0, Vec::len));
        meta.action = Some(new_action("transition", actions, now));
    } else {
        meta.action = None;
    }
    job.metadata = Some(meta);
}

fn find_state<'p>(policy: &'p Value, name: &str) -> Option<&'p Value> {
    policy["states"].as_array()?.iter().find(|s| s["name"] == json!(name))
}

/// `State.getActionToExecute`: the first action on entering a state; the next one once the
/// current action's last step completed; `transition` after the last.
fn action_to_execute(meta: &Metadata, actions: &[Value]) -> (usize, String) {
    let at = |i: usize| match actions.get(i) {
        Some(a) => (i, policy::action_type(a).to_string()),
        None => (actions.len(), "transition".to_string()),
    };
    let Some(current) = meta.action.as_ref().filter(|_| meta.transition_to.is_none()) else {
        return at(0);
    };
    if current.name == "transition" {
        return (actions.len(), current.name.clone());
    }
    let last_step_done = meta.step.as_ref().is_some_and(|s| {
        s.step_status == StepStatus::Completed && steps_of(&current.name).last() == Some(&s.name.as_str())
    });
    if last_step_done { at(current.index + 1) } else { at(current.index) }
}

/// Each action's steps, in order (`*Action.getSteps`).
fn steps_of(action: &str) -> &'static [&'static str] {
    match action {
        "rollover" => &["attempt_rollover"],
        "delete" => &["attempt_delete"],
        "replica_count" => &["attempt_set_replica_count"],
        "read_only" => &["set_read_only"],
        "read_write" => &["set_read_write"],
        "force_merge" => &["attempt_set_read_only", "attempt_call_force_merge", "wait_for_force_merge"],
        "index_priority" => &["attempt_set_index_priority"],
        "allocation" => &["attempt_allocation"],
        "open" => &["attempt_open"],
        "close" => &["attempt_close"],
        _ => &["attempt_transition_step"],
    }
}

/// `Backoff.getNextRetryTime`: exponential `2^(n-1) × delay`, constant `delay`, linear `n × delay`.
fn backoff_millis(action: &Value, consumed: u64) -> i64 {
    let retry = action.get("retry");
    let delay =
        retry.and_then(|r| r["delay"].as_str()).and_then(|d| parse_time_millis(d, "delay").ok()).unwrap_or(60_000);
    match retry.and_then(|r| r["backoff"].as_str()).unwrap_or("exponential") {
        "constant" => delay,
        "linear" => consumed as i64 * delay,
        _ => (1_i64 << consumed.saturating_sub(1).min(30)) * delay,
    }
}

fn timed_out(action: &Value, meta: &ActionMeta, now: i64) -> bool {
    let timeout = action.get("timeout").and_then(Value::as_str).and_then(|t| parse_time_millis(t, "timeout").ok());
    matches!((timeout, meta.start_time), (Some(t), Some(start)) if now - start > t)
}

/// What one step did.
struct Outcome {
    status: StepStatus,
    info: Value,
    policy_completed: bool,
    rolled_over_to: Option<String>,
    transition_to: Option<String>,
    deleted: bool,
}

impl Outcome {
    fn new(status: StepStatus, message: String) -> Self {
        Outcome {
            status,
            info: json!({ "message": message }),
            policy_completed: false,
            rolled_over_to: None,
            transition_to: None,
            deleted: false,
        }
    }

    fn done(message: String) -> Self {
        Self::new(StepStatus::Completed, message)
    }

    fn failed(message: String) -> Self {
        Self::new(StepStatus::Failed, message)
    }
}

/// Sets index settings in place (what the actions' update-settings requests do).
fn set_settings(cluster: &mut Cluster, index: &str, pairs: &[(String, Value)]) {
    if let Some(mut ix) = cluster.indices.get_mut(index) {
        for (key, value) in pairs {
            ix.settings.insert(key.clone(), value.clone());
        }
    }
}

fn execute_step(
    cluster: &mut Cluster,
    index: &str,
    action: &str,
    step: &str,
    config: &Value,
    meta: &Metadata,
) -> Outcome {
    match (action, step) {
        ("rollover", _) => attempt_rollover(cluster, index, config, meta),
        ("delete", _) => {
            if let Some(ds) = cluster.data_streams.values().find(|d| d.indices.last().is_some_and(|w| w == index)) {
                let mut o = Outcome::failed(format!("Failed to delete index [index={index}]"));
                o.info["cause"] = json!(format!(
                    "index [{index}] is the write index for data stream [{}] and cannot be deleted",
                    ds.name
                ));
                return o;
            }
            indices::delete_indices(cluster, &[index.to_string()]);
            let mut o = Outcome::done(format!("Successfully deleted index [index={index}]"));
            o.deleted = true;
            o
        }
        ("replica_count", _) => {
            let n = config["number_of_replicas"].as_i64().unwrap_or(0);
            set_settings(cluster, index, &[("index.number_of_replicas".into(), json!(n.to_string()))]);
            Outcome::done(format!("Successfully set number_of_replicas to {n} [index={index}]"))
        }
        ("read_only", _) | ("force_merge", "attempt_set_read_only") => {
            set_settings(cluster, index, &[("index.blocks.write".into(), json!("true"))]);
            Outcome::done(format!("Successfully set index to read-only [index={index}]"))
        }
        ("read_write", _) => {
            set_settings(cluster, index, &[("index.blocks.write".into(), json!("false"))]);
            Outcome::done(format!("Successfully set index to read-write [index={index}]"))
        }
        ("force_merge", "attempt_call_force_merge") => {
            let max = config["max_num_segments"].as_u64().unwrap_or(1);
            if let Some(mut ix) = cluster.indices.get_mut(index) {
                ix.merged = Some(MergedSegments { docs: ix.doc_count(), max_segments: max });
            }
            Outcome::done(format!("Successfully called force merge [index={index}]"))
        }
        ("force_merge", _) => Outcome::done(format!("Successfully confirmed segments force merged [index={index}]")),
        ("index_priority", _) => {
            let n = config["priority"].as_i64().unwrap_or(0);
            set_settings(cluster, index, &[("index.priority".into(), json!(n.to_string()))]);
            Outcome::done(format!("Successfully set index priority to {n} [index={index}]"))
        }
        ("allocation", _) => {
            let mut pairs = Vec::new();
            for rule in ["require", "include", "exclude"] {
                for (attr, value) in config[rule].as_object().into_iter().flatten() {
                    pairs.push((
                        format!("index.routing.allocation.{rule}.{attr}"),
                        json!(settings::scalar_string(value)),
                    ));
                }
            }
            set_settings(cluster, index, &pairs);
            Outcome::done(format!("Successfully updated allocation setting [index={index}]"))
        }
        ("open", _) => {
            if let Some(mut ix) = cluster.indices.get_mut(index) {
                ix.state = "open".to_string();
            }
            Outcome::done(format!("Successfully opened index [index={index}]"))
        }
        ("close", _) => {
            if let Some(mut ix) = cluster.indices.get_mut(index) {
                ix.state = "close".to_string();
            }
            Outcome::done(format!("Successfully closed index [index={index}]"))
        }
        _ => Outcome::failed(format!("Failed to find action={action} in state")),
    }
}

fn ism_setting<'c>(cluster: &'c Cluster, index: &str, key: &str) -> Option<&'c str> {
    let ix = cluster.indices.get(index)?;
    settings::get(&ix.settings, &format!("index.plugins.index_state_management.{key}"))
        .or_else(|| settings::get(&ix.settings, &format!("index.opendistro.index_state_management.{key}")))
}

/// `AttemptRolloverStep`: the target is the parent data stream or the index's
/// `rollover_alias`; the index must be the alias's write index (or its only index); any one
/// condition met (or none given) rolls over.
fn attempt_rollover(cluster: &mut Cluster, index: &str, config: &Value, meta: &Metadata) -> Outcome {
    if ism_setting(cluster, index, "rollover_skip") == Some("true") {
        return Outcome::done(format!("Skipped rollover action for [index={index}]"));
    }
    let data_stream =
        cluster.data_streams.values().find(|d| d.indices.iter().any(|i| i == index)).map(|d| d.name.clone());
    let target = match &data_stream {
        Some(ds) => ds.clone(),
        None => match ism_setting(cluster, index, "rollover_alias") {
            Some(alias) => alias.to_string(),
            None => return Outcome::failed(format!("Missing rollover_alias index setting [index={index}]")),
        },
    };
    let already = meta.rolled_over || cluster.indices.get(index).is_some_and(|i| i.rolled_over_millis.is_some());
    if already {
        return Outcome::done(format!(
            "This index has already been rolled over using this alias, treating as a success [index={index}, alias={target}]"
        ));
    }
    if data_stream.is_none() {
        let carries = cluster.indices.get(index).and_then(|i| i.aliases.get(&target)).cloned();
        let ok = match carries {
            None => false,
            Some(alias) if alias.is_write_index == Some(true) => true,
            Some(_) => expression::alias_members(cluster, &target).len() <= 1,
        };
        if !ok {
            return Outcome::failed(format!("Missing alias or not the write index when rollover [index={index}]"));
        }
    }
    let Some(stats) = rollover::stats_of(cluster, index) else {
        return Outcome::failed(format!("Failed to rollover index [index={index}]"));
    };
    let mut report = serde_json::Map::new();
    let mut met = Vec::new();
    if let Some(age) = config["min_index_age"].as_str() {
        let creation = cluster.indices.get(index).map_or(0, |i| i.creation_millis);
        report.insert(
            "min_index_age".into(),
            json!({"condition": age, "current": format_millis(stats.age_millis as i64, 0), "creationDate": creation}),
        );
        met.push(parse_time_millis(age, "min_index_age").is_ok_and(|t| t as u64 <= stats.age_millis));
    }
    if let Some(docs) = config["min_doc_count"].as_u64() {
        report.insert("min_doc_count".into(), json!({"condition": docs, "current": stats.docs}));
        met.push(docs <= stats.docs);
    }
    if let Some(size) = config["min_size"].as_str() {
        report.insert("min_size".into(), json!({"condition": size, "current": format!("{}b", stats.size_bytes)}));
        met.push(parse_bytes(size, "min_size").is_ok_and(|b| b <= stats.size_bytes));
    }
    if let Some(size) = config["min_primary_shard_size"].as_str() {
        report.insert(
            "min_primary_shard_size".into(),
            json!({"condition": size, "current": format!("{}b", stats.max_primary_shard_bytes), "shard": 0}),
        );
        met.push(parse_bytes(size, "min_primary_shard_size").is_ok_and(|b| b <= stats.max_primary_shard_bytes));
    }
    if config["prevent_empty_rollover"] == json!(true) && stats.docs == 0 {
        let mut o = Outcome::new(
            StepStatus::ConditionNotMet,
            format!("Rollover prevented: index is empty (0 documents) [index={index}]"),
        );
        o.info["conditions"] =
            json!({"prevent_empty_rollover": {"condition": "index must have at least 1 document", "current": 0}});
        return o;
    }
    if !met.is_empty() && !met.contains(&true) {
        let mut o = Outcome::new(StepStatus::ConditionNotMet, format!("Pending rollover of index [index={index}]"));
        o.info["conditions"] = Value::Object(report);
        return o;
    }
    match rollover::rollover_target(cluster, &target, &json!({}), false) {
        Ok(answer) => {
            let mut o = Outcome::done(format!("Successfully rolled over index [index={index}]"));
            o.info["conditions"] = Value::Object(report);
            o.rolled_over_to = answer["new_index"].as_str().map(str::to_string);
            o
        }
        Err(e) => {
            let mut o = match &data_stream {
                Some(ds) => Outcome::failed(format!("Failed to rollover data stream [data_stream={ds}]")),
                None => Outcome::failed(format!("Failed to rollover index [index={index}]")),
            };
            o.info["cause"] = json!(e.reason);
            o
        }
    }
}

/// `AttemptTransitionStep`: no transitions completes the policy; otherwise the first
/// transition whose condition holds (or that has none) names the next state.
fn attempt_transition(cluster: &Cluster, index: &str, state: &Value, meta: &Metadata) -> Outcome {
    let transitions = state["transitions"].as_array().cloned().unwrap_or_default();
    if transitions.is_empty() {
        let mut o = Outcome::done(format!("Policy has completed [index={index}]"));
        o.info = meta.info.clone();
        o.policy_completed = true;
        return o;
    }
    let Some(ix) = cluster.indices.get(index) else {
        return Outcome::failed(format!("Failed to transition index [index={index}]"));
    };
    let rolled_over = ix.rolled_over_millis;
    if transitions.iter().any(|t| t["conditions"].get("min_rollover_age").is_some()) && rolled_over.is_none() {
        return Outcome::failed(format!(
            "Failed to transition index as min_rollover_age condition was used, but the index has never been rolled over [index={index}]"
        ));
    }
    let now = cluster.now_millis();
    let state_start = meta.state.as_ref().map_or(now, |s| s.start_time);
    let holds = |conditions: &Value| -> bool {
        let Some(map) = conditions.as_object() else {
            return true;
        };
        map.iter().any(|(name, value)| {
            let time = || value.as_str().and_then(|t| parse_time_millis(t, name).ok());
            let bytes = || value.as_str().and_then(|b| parse_bytes(b, name).ok());
            match name.as_str() {
                "min_index_age" => time().is_some_and(|t| now - ix.creation_millis >= t),
                "min_rollover_age" => time().zip(rolled_over).is_some_and(|(t, r)| now - r >= t),
                "min_state_age" => time().is_some_and(|t| now - state_start >= t),
                "min_doc_count" => value.as_u64().is_some_and(|d| ix.doc_count() >= d),
                "min_size" => bytes().is_some_and(|b| ix.docs_bytes() >= b),
                _ => false,
            }
        })
    };
    match transitions.iter().find(|t| t.get("conditions").is_none_or(holds)) {
        Some(t) => {
            let to = t["state_name"].as_str().unwrap_or_default().to_string();
            let mut o = Outcome::done(format!("Transitioning to {to} [index={index}]"));
            o.transition_to = Some(to);
            o
        }
        None => Outcome::new(StepStatus::ConditionNotMet, format!("Evaluating transition conditions [index={index}]")),
    }
}
