//! The ILM engine: moves each managed index through its policy on the virtual clock.
//!
//! ES runs a chain of small steps per action, re-checking waiting steps every poll interval.
//! The sandbox keeps ES's observable states — the phase/action/step names `_ilm/explain` shows
//! while an index waits (`check-rollover-ready`, `complete`), the `ERROR` step with `failed_step`
//! and `step_info`, cached phase definitions — but executes each action in one go, because
//! nothing in memory needs to wait for shards.

use serde_json::{Map, Value, json};

use super::policy::{PHASE_ORDER, Phase, Policy, ordered_actions};
use super::policy_of;
use crate::error::EsError;
use crate::rollover;
use crate::settings::scalar_string;
use crate::state::{Cluster, IlmExecution, Index, StoredPolicy};
use crate::units::{parse_bytes, parse_time_millis};

/// ES's default `indices.lifecycle.poll_interval`: how often failed retryable steps are retried.
const DEFAULT_POLL_INTERVAL_MILLIS: i64 = 10 * 60 * 1000;

/// Upper bound of steps one index takes per engine run (a policy has at most a few dozen).
const MAX_TRANSITIONS: usize = 64;

/// The step names ES runs for each action, in order. The first one is where an index lands when
/// it enters the action; `_ilm/move` accepts any of them.
fn action_steps(action: &str) -> &'static [&'static str] {
    match action {
        "rollover" => &[
            "check-rollover-ready",
            "attempt-rollover",
            "wait-for-active-shards",
            "update-rollover-lifecycle-date",
            "set-indexing-complete",
        ],
        "delete" => &["wait-for-shard-history-leases", "delete"],
        "allocate" => &["allocate", "check-allocation"],
        "migrate" => &["branch-check-skip-action", "migrate", "check-migration"],
        "forcemerge" => &["readonly", "forcemerge", "segment-count"],
        "shrink" => &[
            "wait-for-shard-history-leases",
            "readonly",
            "check-target-shards-count",
            "generate-shrink-name",
            "set-single-node-allocation",
            "check-shrink-allocation",
            "shrink",
            "shrunk-shards-allocated",
            "copy-execution-state",
            "shrink-switch-alias",
        ],
        "unfollow" => &["wait-for-indexing-complete", "pause-follower-index", "unfollow-follower-index"],
        "searchable_snapshot" => &["create-snapshot", "mount-snapshot"],
        "wait_for_snapshot" => &["wait-for-snapshot"],
        "downsample" => &["check-not-write-index", "readonly", "rollup", "swap-aliases"],
        "set_priority" => &["set_priority"],
        "readonly" => &["readonly"],
        "freeze" => &["freeze"],
        _ => &[],
    }
}

/// The actions ILM runs in a phase, in order, including the `migrate` action ES injects into
/// warm and cold phases that do not manage allocation themselves.
fn phase_actions(phase: &Phase) -> Vec<(String, Value)> {
    let allocate_rules = phase.actions.get("allocate").is_some_and(|a| {
        ["include", "exclude", "require"].iter().any(|k| a[*k].as_object().is_some_and(|m| !m.is_empty()))
    });
    let inject_migrate = ordered_actions(&phase.name).contains(&"migrate")
        && !phase.actions.contains_key("migrate")
        && !phase.actions.contains_key("searchable_snapshot")
        && !allocate_rules;
    ordered_actions(&phase.name)
        .iter()
        .filter_map(|name| match phase.actions.get(*name) {
            Some(config) => Some((name.to_string(), config.clone())),
            None if *name == "migrate" && inject_migrate => Some((name.to_string(), json!({"enabled": true}))),
            None => None,
        })
        .collect()
}

/// The date ILM ages an index from: `index.lifecycle.origination_date`, a date parsed from the name
/// (`index.lifecycle.parse_origination_date`), else the lifecycle date ILM recorded (creation, or
/// the rollover time once the rollover action completed). `None` before ILM initialized the index.
pub fn lifecycle_date(index: &Index, state: &IlmExecution) -> Option<i64> {
    let setting = |k: &str| index.settings.get(k).and_then(Value::as_str);
    if let Some(origination) = setting("index.lifecycle.origination_date").and_then(|v| v.parse().ok()) {
        return Some(origination);
    }
    if setting("index.lifecycle.parse_origination_date") == Some("true")
        && let Some(parsed) = date_from_index_name(&index.name)
    {
        return Some(parsed);
    }
    state.lifecycle_date_millis
}

/// `IndexLifecycleOriginationDateParser`: the `yyyy.MM.dd` date in `name-yyyy.MM.dd[-NNNNNN]`.
fn date_from_index_name(name: &str) -> Option<i64> {
    let trimmed = match name.rsplit_once('-') {
        Some((head, tail)) if !tail.is_empty() && tail.bytes().all(|b| b.is_ascii_digit()) => head,
        _ => name,
    };
    let (_, date) = trimmed.rsplit_once('-')?;
    let parsed = chrono::NaiveDate::parse_from_str(date, "%Y.%m.%d").ok()?;
    Some(parsed.and_hms_opt(0, 0, 0)?.and_utc().timestamp_millis())
}

/// Runs ILM for every managed index, as ES's periodic trigger does. Call after the clock moves.
/// Does nothing unless ILM is `RUNNING`.
pub fn run_engine(cluster: &mut Cluster) {
    run_managed(cluster, None);
}

/// Runs ILM for the indices managed by `policy`: what a change of that policy can move.
///
/// ES's ILM service reacts to every cluster state change by running each managed index's
/// cluster-state steps (`triggerPolicies`), but a policy update only changes the inputs of the
/// indices naming that policy; for the others only time can have moved something, which the
/// periodic run picks up, as after index creations and settings updates (see [`run_index`]).
pub fn run_policy(cluster: &mut Cluster, policy: &str) {
    run_managed(cluster, Some(policy));
}

/// Runs ILM for the indices managed by `policy`, or by any policy, in name order, found through
/// the policy table of the indices (never a scan of every index).
fn run_managed(cluster: &mut Cluster, policy: Option<&str>) {
    if cluster.ilm_operation_mode != "RUNNING" {
        return;
    }
    // `index.lifecycle.skip` (8.19+) pauses ILM for one index.
    let skipped = |i: &Index| i.settings.get("index.lifecycle.skip").and_then(Value::as_str) == Some("true");
    let mut seen = std::collections::BTreeSet::new();
    // Rollovers create indices that ES starts managing at once; pick those up too.
    loop {
        let managed: Vec<&str> = match policy {
            Some(policy) => cluster.indices.managed_by(policy).collect(),
            None => cluster.indices.managed().flat_map(|(_, names)| names.iter().map(String::as_str)).collect(),
        };
        let mut pending: Vec<String> = managed
            .into_iter()
            .filter(|name| !seen.contains(*name) && cluster.indices.get(*name).is_some_and(|i| !skipped(i)))
            .map(str::to_string)
            .collect();
        if pending.is_empty() {
            return;
        }
        pending.sort();
        for name in pending {
            run_index(cluster, &name);
            seen.insert(name);
        }
    }
}

/// Advances one index as far as it can go right now (call after creating a managed index, as
/// ES's ILM service reacts to the new index at once). Does nothing unless ILM is `RUNNING`.
pub fn run_index(cluster: &mut Cluster, name: &str) {
    if cluster.ilm_operation_mode != "RUNNING" {
        return;
    }
    for _ in 0..MAX_TRANSITIONS {
        if !advance(cluster, name) {
            break;
        }
    }
}

/// What happened when an action ran.
enum Outcome {
    /// The action finished; go on to the next one.
    Done,
    /// The action waits at this step (rollover conditions not met, shards not where they must
    /// be), with the `step_info` ES shows meanwhile, if any.
    Waiting(&'static str, Option<Value>),
    /// The step failed; the index goes to `ERROR`.
    Failed { step: &'static str, error: Box<EsError> },
    /// The index no longer exists (delete action).
    Deleted,
}

/// Takes one transition. Returns false when the index has to wait.
fn advance(cluster: &mut Cluster, name: &str) -> bool {
    let now = cluster.now_millis();
    let Some(index) = cluster.indices.get(name) else { return false };
    let Some(policy_name) = policy_of(index).map(str::to_string) else { return false };
    let Some(stored) = cluster.ilm_policies.get(&policy_name).cloned() else {
        // `markPolicyDoesNotExist`: the index stays where it is and says why.
        if let Some(mut index) = cluster.indices.get_mut(name) {
            let state = index.ilm.get_or_insert_with(IlmExecution::default);
            state.step_info = Some(json!({
                "type": "illegal_argument_exception",
                "reason": format!("policy [{policy_name}] does not exist"),
            }));
        }
        return false;
    };
    let policy = Policy::from_value(&stored.policy);
    let execution_info = |phase: Option<&Phase>| phase_execution(&policy_name, &stored, phase);

    let state = index.ilm.clone().unwrap_or_default();
    if state.phase.is_empty() {
        let initial = initial_state(index, &policy_name, &stored);
        set_state(cluster, name, initial);
        return true;
    }
    if state.step == "ERROR" {
        let retryable = state.is_auto_retryable_error == Some(true);
        if retryable && now - state.step_time_millis >= poll_interval(cluster) {
            retry_failed_step(cluster, name, true);
            return true;
        }
        return false;
    }
    if state.action == "complete" {
        let ordered = policy.phases_in_order();
        // The phases after this one come from the policy the index names now, even when that
        // policy lacks the phase it just finished (its policy was switched meanwhile: ES's
        // `parseStepsFromPhase` puts the cached phase among the new policy's phases).
        let rank = |name: &str| PHASE_ORDER.iter().position(|p| *p == name);
        let next = match rank(&state.phase) {
            Some(current) => ordered.iter().copied().find(|p| rank(&p.name).is_some_and(|r| r > current)),
            None => ordered.first().copied(), // `new`
        };
        // The last phase stays at `complete` for good (ES's final PhaseCompleteStep).
        let Some(next) = next else { return false };
        let age = now - lifecycle_date(index, &state).unwrap_or(index.creation_millis);
        if age < next.min_age_millis() {
            return false;
        }
        let (action, step) = first_step(next);
        let new_state = IlmExecution {
            phase: next.name.clone(),
            action,
            step,
            phase_time_millis: now,
            action_time_millis: now,
            step_time_millis: now,
            phase_execution: Some(execution_info(Some(next))),
            lifecycle_date_millis: state.lifecycle_date_millis,
            ..Default::default()
        };
        set_state(cluster, name, new_state);
        return true;
    }

    // Inside an action: run it from the phase definition cached when the phase was entered.
    let Some(phase) = cached_phase(&state) else { return false };
    let actions = phase_actions(&phase);
    let Some(position) = actions.iter().position(|(a, _)| *a == state.action) else { return false };
    let (action, config) = &actions[position];
    // `check-rollover-ready` is an async wait step: ES evaluates it on its periodic trigger, not
    // in the same instant the index reached it. Waiting for the clock to move also keeps a
    // rollover that is due at once (`max_age: 0s`) from rolling the new index over in a loop.
    if state.step == "check-rollover-ready" && state.step_time_millis >= now {
        return false;
    }
    match execute_action(cluster, name, &phase.name, action, config) {
        Outcome::Done => {
            let (next_action, next_step) = match actions.get(position + 1) {
                Some((a, _)) => (a.clone(), action_steps(a).first().copied().unwrap_or(a).to_string()),
                None => ("complete".to_string(), "complete".to_string()),
            };
            update_state(cluster, name, |s| {
                s.action = next_action;
                s.step = next_step;
                s.action_time_millis = now;
                s.step_time_millis = now;
                clear_failure(s);
            });
            true
        }
        Outcome::Waiting(step, info) => {
            update_state(cluster, name, |s| {
                if s.step != step {
                    s.step = step.to_string();
                    s.step_time_millis = now;
                }
                s.step_info = info;
            });
            false
        }
        Outcome::Failed { step, error } => {
            update_state(cluster, name, |s| {
                s.failed_step = Some(step.to_string());
                s.step = "ERROR".to_string();
                s.step_time_millis = now;
                s.step_info = Some(json!({"type": error.kind, "reason": error.reason}));
                s.is_auto_retryable_error = Some(true);
            });
            false
        }
        Outcome::Deleted => false,
    }
}

/// `phase_execution`: the policy version and the phase definition cached when the index entered
/// the phase (`None` for the `new` phase, which has no definition).
fn phase_execution(policy_name: &str, stored: &StoredPolicy, phase: Option<&Phase>) -> Value {
    let mut info = Map::new();
    info.insert("policy".into(), json!(policy_name));
    if let Some(p) = phase {
        info.insert("phase_definition".into(), p.to_value());
    }
    info.insert("version".into(), json!(stored.version));
    info.insert("modified_date_in_millis".into(), json!(stored.modified_millis));
    Value::Object(info)
}

/// `InitializePolicyContextStep`: the `new` phase, aged from the creation date. ES initializes an
/// index as soon as it exists with an existing policy, or when the policy appears, so that is
/// the time recorded.
fn initial_state(index: &Index, policy_name: &str, stored: &StoredPolicy) -> IlmExecution {
    let at = index.creation_millis.max(stored.modified_millis);
    IlmExecution {
        phase: "new".into(),
        action: "complete".into(),
        step: "complete".into(),
        phase_time_millis: at,
        action_time_millis: at,
        step_time_millis: at,
        lifecycle_date_millis: Some(index.creation_millis),
        phase_execution: Some(phase_execution(policy_name, stored, None)),
        ..Default::default()
    }
}

/// The ILM state of an index as ES would report it now: what the engine recorded, or, for a
/// managed index the engine has not seen yet, the `new` state ES gives it on creation.
pub fn current_state(cluster: &Cluster, index: &Index) -> Option<IlmExecution> {
    if let Some(state) = index.ilm.clone().filter(|s| !s.phase.is_empty() || s.step_info.is_some()) {
        return Some(state);
    }
    let policy_name = policy_of(index)?;
    let stored = cluster.ilm_policies.get(policy_name)?;
    (cluster.ilm_operation_mode == "RUNNING").then(|| initial_state(index, policy_name, stored))
}

/// The first action and step of a phase (`complete`/`complete` for a phase without actions).
fn first_step(phase: &Phase) -> (String, String) {
    match phase_actions(phase).into_iter().next() {
        Some((action, _)) => {
            let step = action_steps(&action).first().copied().unwrap_or(&action).to_string();
            (action, step)
        }
        None => ("complete".into(), "complete".into()),
    }
}

/// The phase definition cached in `phase_execution` when the index entered its phase.
fn cached_phase(state: &IlmExecution) -> Option<Phase> {
    let definition = state.phase_execution.as_ref()?.get("phase_definition")?;
    Some(Phase::from_value(&state.phase, definition))
}

/// `indices.lifecycle.poll_interval`, millis: how often ILM runs (and retries failed steps).
pub(crate) fn poll_interval(cluster: &Cluster) -> i64 {
    let key = "indices.lifecycle.poll_interval";
    cluster.setting(key).and_then(|v| parse_time_millis(v, key).ok()).unwrap_or(DEFAULT_POLL_INTERVAL_MILLIS)
}

fn set_state(cluster: &mut Cluster, name: &str, state: IlmExecution) {
    if let Some(mut index) = cluster.indices.get_mut(name) {
        index.ilm = Some(state);
    }
}

fn update_state(cluster: &mut Cluster, name: &str, change: impl FnOnce(&mut IlmExecution)) {
    if let Some(state) = cluster.indices.get_mut(name).as_mut().and_then(|i| i.ilm.as_mut()) {
        change(state);
    }
}

/// Leaves the failure behind when the index changes step; ES keeps the last `step_info` as
/// `previous_step_info`.
fn clear_failure(state: &mut IlmExecution) {
    state.failed_step = None;
    if let Some(info) = state.step_info.take() {
        state.previous_step_info = Some(info);
    }
    state.is_auto_retryable_error = None;
    state.failed_step_retry_count = None;
}

/// ES's `AllocationRoutedStep` / `DataTierMigrationRoutedStep`: the action is done once every
/// shard copy is active and where the index's filters want it. An unassigned replica (one node,
/// one replica) keeps the index waiting, as on a real single-node cluster; so do `require` or
/// `include` filters on node attributes, which the sandbox's nodes do not have (the `_name`,
/// `_tier`… built-ins aside).
fn routed(cluster: &Cluster, name: &str, step: &'static str) -> Outcome {
    let Some(index) = cluster.indices.get(name) else { return Outcome::Done };
    let replicas = index.replicas(cluster.nodes);
    if replicas > index.assigned_replicas(cluster.nodes) {
        return Outcome::Waiting(
            step,
            Some(json!({"message": "Waiting for all shard copies to be active", "shards_left_to_allocate": -1,
                        "all_shards_active": false, "number_of_replicas": replicas})),
        );
    }
    let unmatched = ["require", "include"].iter().any(|kind| {
        let prefix = format!("index.routing.allocation.{kind}.");
        index.settings.keys().any(|k| k.strip_prefix(&prefix).is_some_and(|attribute| !attribute.starts_with('_')))
    });
    if step == "check-allocation" && unmatched {
        let copies = index.shards() * (1 + index.assigned_replicas(cluster.nodes));
        return Outcome::Waiting(
            step,
            Some(
                json!({"message": format!("Waiting for [{copies}] shards to be allocated to nodes matching the given filters"),
                        "shards_left_to_allocate": copies, "all_shards_active": true, "number_of_replicas": replicas}),
            ),
        );
    }
    Outcome::Done
}

fn set_setting(cluster: &mut Cluster, name: &str, key: &str, value: Value) {
    if let Some(mut index) = cluster.indices.get_mut(name) {
        if value.is_null() {
            index.settings.remove(key);
        } else {
            index.settings.insert(key.to_string(), value);
        }
    }
}

/// Runs one action against the index.
fn execute_action(cluster: &mut Cluster, name: &str, phase: &str, action: &str, config: &Value) -> Outcome {
    match action {
        "rollover" => rollover(cluster, name, config),
        "set_priority" => {
            let priority = config["priority"].as_i64().map(|p| json!(p.to_string())).unwrap_or(Value::Null);
            set_setting(cluster, name, "index.priority", priority);
            Outcome::Done
        }
        "allocate" => {
            if let Some(replicas) = config["number_of_replicas"].as_i64() {
                set_setting(cluster, name, "index.number_of_replicas", json!(replicas.to_string()));
            }
            if let Some(total) = config["total_shards_per_node"].as_i64() {
                set_setting(cluster, name, "index.routing.allocation.total_shards_per_node", json!(total.to_string()));
            }
            for kind in ["include", "exclude", "require"] {
                for (attribute, value) in config[kind].as_object().into_iter().flatten() {
                    let key = format!("index.routing.allocation.{kind}.{attribute}");
                    set_setting(cluster, name, &key, json!(scalar_string(value)));
                }
            }
            routed(cluster, name, "check-allocation")
        }
        "migrate" => {
            // MigrateAction sets the tier preference of the phase, falling back to warmer tiers.
            let preference = match phase {
                "warm" => Some("data_warm,data_hot"),
                "cold" => Some("data_cold,data_warm,data_hot"),
                _ => None,
            };
            if config["enabled"] == json!(false) {
                return Outcome::Done;
            }
            if let Some(p) = preference {
                set_setting(cluster, name, "index.routing.allocation.include._tier_preference", json!(p));
            }
            routed(cluster, name, "check-migration")
        }
        "readonly" => {
            set_setting(cluster, name, "index.blocks.write", json!("true"));
            Outcome::Done
        }
        "forcemerge" => {
            // Merging changes nothing the API shows, except the write block ES sets first and
            // the codec when one is requested.
            set_setting(cluster, name, "index.blocks.write", json!("true"));
            if let Some(codec) = config["index_codec"].as_str() {
                set_setting(cluster, name, "index.codec", json!(codec));
            }
            Outcome::Done
        }
        "shrink" => shrink(cluster, name, config),
        "delete" => delete(cluster, name),
        "wait_for_snapshot" => wait_for_snapshot(cluster, name, config["policy"].as_str().unwrap_or_default()),
        // unfollow: no index in the sandbox is a CCR follower. downsample: ES skips indices that
        // are not time series, and the sandbox has none. freeze: a no-op since 8.0.
        // searchable_snapshot: policies cannot reference it here (PUT fails: the sandbox's basic
        // licence does not cover searchable snapshots).
        _ => Outcome::Done,
    }
}

/// ES's `WaitForSnapshotStep`: the SLM policy's last successful snapshot must have started after
/// the index entered this action, and must hold the index.
fn wait_for_snapshot(cluster: &Cluster, name: &str, policy: &str) -> Outcome {
    let since = cluster.indices.get(name).and_then(|i| i.ilm.as_ref()).map_or(0, |s| s.action_time_millis);
    let Some(slm) = cluster.slm.policies.get(policy) else {
        let error = EsError::new(500, "illegal_state_exception", format!("configured policy '{policy}' not found"));
        return Outcome::Failed { step: "wait-for-snapshot", error: Box::new(error) };
    };
    let Some(success) = slm.last_success.as_ref().filter(|s| s.start_millis >= since) else {
        let message =
            format!("waiting for policy '{policy}' to be executed since {}", crate::datemath::format_iso_millis(since));
        return Outcome::Waiting("wait-for-snapshot", Some(json!({"message": message})));
    };
    let repository = slm.policy["repository"].as_str().unwrap_or_default();
    let holds_index = crate::snapshots::snapshots_of(cluster, repository)
        .find(|s| s.name == success.snapshot_name)
        .is_some_and(|s| crate::snapshots::index_in_snapshot(s, name));
    if !holds_index {
        let error = EsError::new(
            500,
            "illegal_state_exception",
            format!("the last successful snapshot of policy '{policy}' does not include index '{name}'"),
        );
        return Outcome::Failed { step: "wait-for-snapshot", error: Box::new(error) };
    }
    Outcome::Done
}

/// The shrink action, simplified: ES creates `shrink-<random>-<index>`, copies the data, moves
/// the aliases and deletes the source. The sandbox shrinks the index in place instead (same
/// name), setting `index.number_of_shards` to the target and keeping the write block ES leaves
/// on the shrunken index unless `allow_write_after_shrink` is set.
fn shrink(cluster: &mut Cluster, name: &str, config: &Value) -> Outcome {
    let Some(index) = cluster.indices.get(name) else { return Outcome::Deleted };
    let current: u64 =
        index.settings.get("index.number_of_shards").and_then(Value::as_str).and_then(|s| s.parse().ok()).unwrap_or(1);
    let target = match (config["number_of_shards"].as_u64(), config["max_primary_shard_size"].as_str()) {
        (Some(n), _) => n,
        (None, Some(size)) => {
            let max = parse_bytes(size, "max_primary_shard_size").unwrap_or(u64::MAX).max(1);
            // The smallest factor of the current shard count that keeps shards under the maximum.
            let needed = index.seeded_primary_bytes.div_ceil(max).max(1);
            (1..=current).find(|n| current.is_multiple_of(*n) && *n >= needed).unwrap_or(current)
        }
        _ => current,
    };
    if target >= current {
        // ES skips the shrink when the index already has the target number of shards or fewer.
        return Outcome::Done;
    }
    set_setting(cluster, name, "index.number_of_shards", json!(target.to_string()));
    if config["allow_write_after_shrink"] != json!(true) {
        set_setting(cluster, name, "index.blocks.write", json!("true"));
    }
    Outcome::Done
}

/// The delete action: removes the index, refusing a data stream's write index like ES.
fn delete(cluster: &mut Cluster, name: &str) -> Outcome {
    let policy = cluster.indices.get(name).and_then(policy_of).unwrap_or_default().to_string();
    if let Some(ds) = cluster.data_streams.values().find(|ds| ds.indices.last().is_some_and(|w| w == name)) {
        return Outcome::Failed {
            step: "delete",
            error: Box::new(EsError::new(
                500,
                "illegal_state_exception",
                format!(
                    "index [{name}] is the write index for data stream [{}]. stopping execution of lifecycle [{policy}] as a data stream's write index cannot be deleted. manually rolling over the index will resume the execution of the policy as the index will not be the data stream's write index anymore",
                    ds.name
                ),
            )),
        };
    }
    cluster.indices.remove(name);
    for ds in cluster.data_streams.values_mut() {
        ds.indices.retain(|i| i != name);
    }
    Outcome::Deleted
}

/// The rollover action: `WaitForRolloverReadyStep` (checks, then a dry-run rollover to evaluate
/// the conditions), `RolloverStep`, `UpdateRolloverLifecycleDateStep` and `SetIndexingCompleteStep`.
fn rollover(cluster: &mut Cluster, name: &str, config: &Value) -> Outcome {
    let Some(index) = cluster.indices.get(name) else { return Outcome::Deleted };
    let data_stream = cluster.data_streams.values().find(|ds| ds.indices.iter().any(|i| i == name));
    let target = match data_stream {
        Some(ds) if ds.indices.last().is_some_and(|w| w != name) => {
            // Already rolled over: only the lifecycle date still moves to the rollover time.
            return finish_rollover(cluster, name);
        }
        Some(ds) => ds.name.clone(),
        None => {
            // The checks of `WaitForRolloverReadyStep`, in its order.
            let settings = &index.settings;
            let alias = settings.get("index.lifecycle.rollover_alias").and_then(Value::as_str).unwrap_or_default();
            if alias.is_empty() {
                return check_failure(format!(
                    "setting [index.lifecycle.rollover_alias] for index [{name}] is empty or not defined"
                ));
            }
            if index.rolled_over_millis.is_some() {
                return finish_rollover(cluster, name);
            }
            let Some(alias_meta) = index.aliases.get(alias) else {
                return check_failure(format!(
                    "index.lifecycle.rollover_alias [{alias}] does not point to index [{name}]"
                ));
            };
            if settings.get("index.lifecycle.indexing_complete").and_then(Value::as_str) == Some("true") {
                return finish_rollover(cluster, name);
            }
            if alias_meta.is_write_index == Some(false) {
                return check_failure(format!("index [{name}] is not the write index for alias [{alias}]"));
            }
            alias.to_string()
        }
    };
    let mut conditions = config.as_object().cloned().unwrap_or_default();
    // Since 8.4 ILM does not roll over empty indices (`index.lifecycle.rollover.only_if_has_documents`).
    let only_if_has_documents = index
        .settings
        .get("index.lifecycle.rollover.only_if_has_documents")
        .and_then(Value::as_str)
        .is_none_or(|v| v == "true");
    if cluster.version.at_least(8, 4)
        && only_if_has_documents
        && !conditions.contains_key("min_docs")
        && !conditions.contains_key("min_primary_shard_docs")
    {
        conditions.insert("min_docs".into(), json!(1));
    }
    let conditions = Value::Object(conditions);
    let evaluation = rollover::parse_conditions(&conditions)
        .and_then(|parsed| Ok((rollover::rollover_target(cluster, &target, &conditions, true)?, parsed)));
    let (response, parsed) = match evaluation {
        Ok(evaluated) => evaluated,
        Err(error) => return Outcome::Failed { step: "check-rollover-ready", error: Box::new(error) },
    };
    let results = response["conditions"].as_object().cloned().unwrap_or_default();
    if !rollover::conditions_met(&parsed, &results) {
        return Outcome::Waiting("check-rollover-ready", None);
    }
    if let Err(error) = rollover::rollover_target(cluster, &target, &json!({}), false) {
        return Outcome::Failed { step: "attempt-rollover", error: Box::new(error) };
    }
    finish_rollover(cluster, name)
}

fn check_failure(reason: String) -> Outcome {
    Outcome::Failed { step: "check-rollover-ready", error: Box::new(EsError::illegal_argument(reason)) }
}

/// `update-rollover-lifecycle-date` and `set-indexing-complete`.
fn finish_rollover(cluster: &mut Cluster, name: &str) -> Outcome {
    let now = cluster.now_millis();
    let Some(mut index) = cluster.indices.get_mut(name) else { return Outcome::Deleted };
    // An index marked `indexing_complete` without a rollover ages from now, like ES's fallback.
    let rolled_over = index.rolled_over_millis.unwrap_or(now);
    index.settings.insert("index.lifecycle.indexing_complete".into(), json!("true"));
    if let Some(state) = index.ilm.as_mut() {
        state.lifecycle_date_millis = Some(rolled_over);
    }
    Outcome::Done
}

/// Moves a failed index back to the step that failed (`_ilm/retry`, or ES's automatic retry
/// of retryable errors, which also counts the attempts).
pub fn retry_failed_step(cluster: &mut Cluster, name: &str, automatic: bool) {
    let now = cluster.now_millis();
    update_state(cluster, name, |s| {
        let Some(failed) = s.failed_step.take() else { return };
        s.step = failed;
        s.step_time_millis = now;
        s.previous_step_info = s.step_info.take();
        s.failed_step_retry_count = if automatic { Some(s.failed_step_retry_count.unwrap_or(0) + 1) } else { Some(0) };
    });
}

/// Resolves a `_ilm/move` target (`action` and `name` optional since 8.x) to an existing step of
/// the policy, as `(action, step)`.
pub fn find_step(policy: &Policy, phase: &str, action: Option<&str>, step: Option<&str>) -> Option<(String, String)> {
    if phase == "new" {
        return match (action, step) {
            (None | Some("complete"), None | Some("complete")) => Some(("complete".into(), "complete".into())),
            (Some("init"), None | Some("init")) => Some(("init".into(), "init".into())),
            _ => None,
        };
    }
    let definition = policy.phase(phase)?;
    let Some(action) = action else { return Some(first_step(definition)) };
    if action == "complete" {
        return matches!(step, None | Some("complete")).then(|| ("complete".into(), "complete".into()));
    }
    phase_actions(definition).iter().find(|(a, _)| a == action)?;
    let steps = action_steps(action);
    let step = match step {
        None => steps.first().copied().unwrap_or(action),
        Some(s) if steps.contains(&s) || (steps.is_empty() && s == action) => s,
        Some(_) => return None,
    };
    Some((action.to_string(), step.to_string()))
}

/// Puts an index on a step (`_ilm/move`), caching the target phase's definition when the phase
/// changes, as ES does.
pub fn move_to(cluster: &mut Cluster, name: &str, phase: &str, action: &str, step: &str) {
    let now = cluster.now_millis();
    let Some(index) = cluster.indices.get(name) else { return };
    let Some(policy_name) = policy_of(index).map(str::to_string) else { return };
    let Some(stored) = cluster.ilm_policies.get(&policy_name) else { return };
    let policy = Policy::from_value(&stored.policy);
    let execution = phase_execution(&policy_name, stored, policy.phase(phase));
    let mut state = current_state(cluster, index).unwrap_or_default();
    if state.phase != phase {
        state.phase = phase.to_string();
        state.phase_time_millis = now;
        state.phase_execution = Some(execution);
    }
    state.action = action.to_string();
    state.action_time_millis = now;
    state.step = step.to_string();
    state.step_time_millis = now;
    state.lifecycle_date_millis.get_or_insert(index.creation_millis);
    clear_failure(&mut state);
    set_state(cluster, name, state);
}

/// After a policy update, indices inside a phase pick up the new definition of that phase when
/// their current action still exists in it (ES's `PhaseCacheManagement`). Others keep the cached
/// definition until they leave the phase. ES also compares the steps already executed; the
/// sandbox's actions run atomically, so the action is the unit compared here.
pub fn refresh_cached_phases(cluster: &mut Cluster, policy_name: &str) {
    let Some(stored) = cluster.ilm_policies.get(policy_name).cloned() else { return };
    let policy = Policy::from_value(&stored.policy);
    let managed: Vec<String> = cluster.indices.managed_by(policy_name).map(str::to_string).collect();
    for name in managed {
        let Some(mut index) = cluster.indices.get_mut(&name) else { continue };
        let Some(state) = index.ilm.as_mut() else { continue };
        let Some(phase) = policy.phase(&state.phase) else { continue };
        let action_kept = state.action == "complete" || phase_actions(phase).iter().any(|(a, _)| *a == state.action);
        if action_kept && state.phase_execution.as_ref().is_some_and(|e| e.get("phase_definition").is_some()) {
            state.phase_execution = Some(phase_execution(policy_name, &stored, Some(phase)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_origination_date_from_name() {
        assert_eq!(date_from_index_name("python-logs-2024.03.15"), Some(1_710_460_800_000));
        assert_eq!(date_from_index_name("logs-2024.03.15-000002"), Some(1_710_460_800_000));
        assert_eq!(date_from_index_name("logs-000002"), None);
    }

    #[test]
    fn migrate_is_injected_in_warm_and_cold_only() {
        let warm = Phase { name: "warm".into(), min_age: None, actions: Map::new() };
        assert_eq!(phase_actions(&warm).len(), 1);
        let hot = Phase { name: "hot".into(), min_age: None, actions: Map::new() };
        assert!(phase_actions(&hot).is_empty());
        let mut allocate = Map::new();
        allocate.insert("allocate".into(), json!({"include": {"box": "warm"}, "exclude": {}, "require": {}}));
        let warm_allocating = Phase { name: "warm".into(), min_age: None, actions: allocate };
        assert_eq!(phase_actions(&warm_allocating).len(), 1);
    }
}
