//! Snapshot lifecycle management: `/_slm/…` (policies, execute, retention, stats, status,
//! start/stop) and the scheduler that runs policies and retention as the virtual clock moves.
//!
//! Schedules are ES's cron expressions in UTC (`es_syntax::cron`). A policy's snapshot is named
//! from its date-math `name` plus `-` and a random suffix, as ES names them, and carries
//! `metadata.policy`. Its outcome lands in `last_success` / `last_failure` when the snapshot
//! completes; `PARTIAL` counts as a failure, as in ES. Retention runs on
//! `slm.retention_schedule` (default `0 30 1 * * ?`) and on `_execute_retention`: successful
//! snapshots of a policy beyond `max_count`, or older than `expire_after`, are deleted while at
//! least `min_count` remain; unsuccessful ones once a newer successful snapshot exists.

use std::collections::BTreeMap;

use es_syntax::cron::Cron;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::datemath;
use super::error::{EsError, EsResult};
use super::expression::split_list;
use super::http::{SandboxRequest, SandboxResponse};
use super::indices::new_uuid;
use super::snapshots::{self, SnapshotRequest};
use super::state::Cluster;
use super::units::{format_millis, parse_time_millis};

/// ES's `slm.minimum_interval` default.
const DEFAULT_MINIMUM_INTERVAL: &str = "15m";
/// ES's `slm.retention_schedule` default.
const DEFAULT_RETENTION_SCHEDULE: &str = "0 30 1 * * ?";

/// SLM's part of the cluster state.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Slm {
    /// `RUNNING`, `STOPPING` or `STOPPED`.
    pub operation_mode: String,
    /// Policies by id.
    pub policies: BTreeMap<String, SlmPolicy>,
    /// Retention runs and totals (`GET /_slm/stats`).
    pub stats: SlmStats,
    /// When retention last ran on its schedule, epoch millis.
    #[serde(default)]
    pub retention_checked_millis: Option<i64>,
}

impl Default for Slm {
    fn default() -> Self {
        Slm {
            operation_mode: "RUNNING".to_string(),
            policies: BTreeMap::new(),
            stats: SlmStats::default(),
            retention_checked_millis: None,
        }
    }
}

/// Cluster-wide SLM statistics.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct SlmStats {
    /// Retention runs.
    pub retention_runs: u64,
    /// Retention runs that failed.
    pub retention_failed: u64,
    /// Time spent deleting, millis.
    pub retention_deletion_time_millis: i64,
    /// Snapshots deleted by retention of policies since removed.
    pub deleted_by_removed_policies: u64,
}

/// One stored policy with its run history.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SlmPolicy {
    /// The policy as GET shows it: `name`, `schedule`, `repository`, `config`, `retention`.
    pub policy: Value,
    /// Version, from 1.
    pub version: u64,
    /// Last change, epoch millis.
    pub modified_millis: i64,
    /// Next scheduled run, epoch millis.
    pub next_execution_millis: Option<i64>,
    /// Last successful snapshot: name, start and end.
    pub last_success: Option<Invocation>,
    /// Last failed snapshot: name, time and details.
    pub last_failure: Option<Invocation>,
    /// The snapshot running now, if any: (repository, name).
    pub in_progress: Option<(String, String)>,
    /// Snapshots taken (successfully).
    pub snapshots_taken: u64,
    /// Snapshots failed.
    pub snapshots_failed: u64,
    /// Snapshots deleted by retention.
    pub snapshots_deleted: u64,
    /// Retention deletions that failed.
    pub snapshot_deletion_failures: u64,
}

/// One policy run, as `last_success` / `last_failure` report it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Invocation {
    /// The snapshot's name.
    pub snapshot_name: String,
    /// When it started, epoch millis.
    pub start_millis: i64,
    /// When it ended, epoch millis.
    pub time_millis: i64,
    /// Why it failed (failures only).
    pub details: Option<String>,
}

fn schedule_of(policy: &Value) -> Option<Cron> {
    policy["schedule"].as_str().and_then(|s| Cron::parse(s).ok())
}

/// The snapshot name ES generates for a run: the resolved date math, `-`, a random suffix.
fn generate_name(cluster: &Cluster, pattern: &str, id: &str) -> EsResult<String> {
    let base = datemath::resolve_index_name(pattern, cluster.now_millis())?;
    let suffix: String = new_uuid(cluster, &format!("slm/{id}/{base}"))
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { 'x' })
        .collect();
    Ok(format!("{base}-{suffix}"))
}

/// ES's `SnapshotLifecyclePolicy.validate` messages for a policy body.
fn validation_errors(cluster: &Cluster, id: &str, body: &Value) -> Vec<String> {
    const FORBIDDEN: [char; 10] = [' ', '"', '*', '\\', '<', '|', ',', '>', '/', '?'];
    let listed = "[ , \", *, \\, <, |, ,, >, /, ?]";
    let mut errors = Vec::new();
    if id.contains(FORBIDDEN) {
        errors.push(format!("invalid policy id [{id}]: must not contain the following characters {listed}"));
    }
    if id.starts_with('_') {
        errors.push(format!("invalid policy id [{id}]: must not start with '_'"));
    }
    if id != id.to_lowercase() {
        errors.push(format!("invalid policy id [{id}]: must be lowercase"));
    }
    let name = body["name"].as_str().unwrap_or_default();
    match datemath::resolve_index_name(name, cluster.now_millis()) {
        Ok(resolved) => {
            if resolved.is_empty() {
                errors.push(format!("invalid snapshot name [{name}]: cannot be empty"));
            }
            if resolved.contains('#') {
                errors.push(format!("invalid snapshot name [{name}]: must not contain '#'"));
            }
            if resolved.starts_with('_') {
                errors.push(format!("invalid snapshot name [{name}]: must not start with '_'"));
            }
            if resolved != resolved.to_lowercase() {
                errors.push(format!("invalid snapshot name [{name}]: must be lowercase"));
            }
            if resolved.contains(FORBIDDEN) {
                errors.push(format!(
                    "invalid snapshot name [{name}]: must not contain contain the following characters {listed}"
                ));
            }
        }
        Err(e) => errors.push(format!("invalid snapshot name [{name}]: {}", e.reason)),
    }
    if body["repository"].as_str().is_none_or(|r| r.trim().is_empty()) {
        errors
            .push(format!("invalid repository name [{}]: cannot be empty", body["repository"].as_str().unwrap_or("")));
    }
    match body["schedule"].as_str() {
        Some(s) if !s.trim().is_empty() => {
            if let Err(why) = Cron::parse(s) {
                errors.push(format!("invalid schedule: {why}"));
            }
        }
        other => errors.push(format!("invalid schedule [{}]: must not be empty", other.unwrap_or(""))),
    }
    if let Some(metadata) = body["config"].get("metadata") {
        match metadata.as_object() {
            None => errors.push(format!("invalid configuration.metadata [{metadata}]: must be an object if present")),
            Some(m) if m.contains_key("policy") => {
                errors.push("invalid configuration.metadata: [policy] is a reserved key".to_string())
            }
            Some(_) => {}
        }
    }
    errors
}

/// Parses and checks `retention` the way `SnapshotRetentionConfiguration` does.
fn check_retention(retention: &Value) -> EsResult<()> {
    if retention.is_null() {
        return Ok(());
    }
    let obj = retention
        .as_object()
        .ok_or_else(|| EsError::x_content_parse("[snapshot_retention] retention must be an object"))?;
    for key in obj.keys() {
        if !["expire_after", "min_count", "max_count"].contains(&key.as_str()) {
            return Err(EsError::x_content_parse(format!("[snapshot_retention] unknown field [{key}]")));
        }
    }
    if let Some(expire) = obj.get("expire_after").and_then(Value::as_str) {
        parse_time_millis(expire, "expire_after")?;
    }
    let count = |key: &str| obj.get(key).and_then(Value::as_i64);
    if let Some(min) = count("min_count")
        && min < 1
    {
        return Err(EsError::illegal_argument(format!("minimum snapshot count must be at least 1, but was: {min}")));
    }
    if let Some(max) = count("max_count")
        && max < 1
    {
        return Err(EsError::illegal_argument(format!("maximum snapshot count must be at least 1, but was: {max}")));
    }
    if let (Some(min), Some(max)) = (count("min_count"), count("max_count"))
        && min > max
    {
        return Err(EsError::illegal_argument(format!(
            "minimum snapshot count {min} cannot be larger than maximum snapshot count {max}"
        )));
    }
    Ok(())
}

/// `PUT /_slm/policy/{policy_id}`
pub fn put_policy(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let id = req.param("policy_id").unwrap_or_default().to_string();
    let body = req.json()?.ok_or_else(|| EsError::validation(&["request body is required".to_string()]))?;
    let obj = body.as_object().ok_or_else(|| EsError::x_content_parse("[snapshot_lifecycle] expected an object"))?;
    for key in obj.keys() {
        if !["name", "schedule", "repository", "config", "retention"].contains(&key.as_str()) {
            return Err(EsError::x_content_parse(format!("[snapshot_lifecycle] unknown field [{key}]")));
        }
    }
    check_retention(&body["retention"])?;
    let errors = validation_errors(cluster, &id, &body);
    if !errors.is_empty() {
        return Err(EsError::validation(&errors));
    }
    let repository = body["repository"].as_str().unwrap_or_default();
    if !cluster.repositories.contains_key(repository) {
        return Err(EsError::illegal_argument(format!("no such repository [{repository}]")));
    }
    let schedule = body["schedule"].as_str().unwrap_or_default();
    let cron = Cron::parse(schedule).map_err(EsError::illegal_argument)?;
    let minimum = cluster.setting("slm.minimum_interval").unwrap_or(DEFAULT_MINIMUM_INTERVAL).to_string();
    let minimum_millis = parse_time_millis(&minimum, "slm.minimum_interval")?;
    if let Some(first) = cron.next_after(cluster.now_millis())
        && let Some(second) = cron.next_after(first)
        && minimum_millis > 0
        && second - first < minimum_millis
    {
        return Err(EsError::illegal_argument(format!(
            "invalid schedule [{schedule}]: schedule would be too frequent, executing more than every [{minimum}]"
        )));
    }
    let mut stored = Map::new();
    for key in ["name", "schedule", "repository", "config", "retention"] {
        if let Some(v) = body.get(key).filter(|v| !v.is_null()) {
            stored.insert(key.to_string(), v.clone());
        }
    }
    let policy = Value::Object(stored);
    let now = cluster.now_millis();
    let next = cron.next_after(now);
    match cluster.slm.policies.get_mut(&id) {
        Some(existing) if existing.policy == policy => {}
        Some(existing) => {
            existing.policy = policy;
            existing.version += 1;
            existing.modified_millis = now;
            existing.next_execution_millis = next;
        }
        None => {
            cluster.slm.policies.insert(
                id,
                SlmPolicy {
                    policy,
                    version: 1,
                    modified_millis: now,
                    next_execution_millis: next,
                    last_success: None,
                    last_failure: None,
                    in_progress: None,
                    snapshots_taken: 0,
                    snapshots_failed: 0,
                    snapshots_deleted: 0,
                    snapshot_deletion_failures: 0,
                },
            );
        }
    }
    Ok(SandboxResponse::acknowledged())
}

fn policy_stats_json(id: &str, p: &SlmPolicy) -> Value {
    json!({"policy": id, "snapshots_taken": p.snapshots_taken, "snapshots_failed": p.snapshots_failed,
           "snapshots_deleted": p.snapshots_deleted, "snapshot_deletion_failures": p.snapshot_deletion_failures})
}

/// `GET /_slm/policy` and `GET /_slm/policy/{policy_id}`
pub fn get_policy(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let ids = split_list(req.param("policy_id"));
    let human = req.flag("human")?;
    let selected: Vec<&String> = if ids.is_empty() || ids.iter().any(|i| i == "_all") {
        cluster.slm.policies.keys().collect()
    } else {
        cluster.slm.policies.keys().filter(|k| ids.iter().any(|i| es_syntax::glob::simple_match(i, k))).collect()
    };
    if selected.is_empty() && !ids.is_empty() {
        let suffix = if cluster.slm.policies.is_empty() { ", no policies are configured" } else { "" };
        return Err(EsError::resource_not_found(format!(
            "snapshot lifecycle policy or policies [{}] not found{suffix}",
            ids.join(", ")
        )));
    }
    let mut body = Map::new();
    for id in selected {
        let p = &cluster.slm.policies[id];
        let mut o = Map::new();
        o.insert("version".into(), json!(p.version));
        if human {
            o.insert("modified_date".into(), json!(datemath::format_iso_millis(p.modified_millis)));
        }
        o.insert("modified_date_millis".into(), json!(p.modified_millis));
        o.insert("policy".into(), p.policy.clone());
        if let Some(s) = &p.last_success {
            o.insert(
                "last_success".into(),
                json!({"snapshot_name": s.snapshot_name, "start_time": s.start_millis, "time": s.time_millis}),
            );
        }
        if let Some(f) = &p.last_failure {
            o.insert(
                "last_failure".into(),
                json!({"snapshot_name": f.snapshot_name, "time": f.time_millis, "details": f.details}),
            );
        }
        if let Some(next) = p.next_execution_millis {
            if human {
                o.insert("next_execution".into(), json!(datemath::format_iso_millis(next)));
            }
            o.insert("next_execution_millis".into(), json!(next));
        }
        if let Some((repository, name)) = &p.in_progress
            && let Some(s) = snapshots::snapshots_of(cluster, repository).find(|s| &s.name == name)
        {
            o.insert(
                "in_progress".into(),
                json!({"name": s.name, "uuid": s.uuid, "state": "STARTED", "start_time_millis": s.start_millis}),
            );
        }
        o.insert("stats".into(), policy_stats_json(id, p));
        body.insert(id.clone(), Value::Object(o));
    }
    Ok(SandboxResponse::ok(Value::Object(body)))
}

/// `DELETE /_slm/policy/{policy_id}`
pub fn delete_policy(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let id = req.param("policy_id").unwrap_or_default();
    if cluster.slm.policies.remove(id).is_none() {
        return Err(EsError::resource_not_found(format!("snapshot lifecycle policy not found: {id}")));
    }
    Ok(SandboxResponse::acknowledged())
}

/// `PUT|POST /_slm/policy/{policy_id}/_execute`
pub fn execute_policy(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let id = req.param("policy_id").unwrap_or_default().to_string();
    if !cluster.slm.policies.contains_key(&id) {
        return Err(EsError::resource_not_found(format!("no such snapshot lifecycle policy [{id}]")));
    }
    let name = run_policy(cluster, &id)?;
    Ok(SandboxResponse::ok(json!({"snapshot_name": name})))
}

/// Starts one snapshot for policy `id`; a refusal is recorded as the policy's last failure.
fn run_policy(cluster: &mut Cluster, id: &str) -> EsResult<String> {
    let policy = cluster.slm.policies[id].policy.clone();
    let name = generate_name(cluster, policy["name"].as_str().unwrap_or_default(), id)?;
    let repository = policy["repository"].as_str().unwrap_or_default().to_string();
    let config = policy.get("config").cloned().unwrap_or_else(|| json!({}));
    let mut request = SnapshotRequest::from_body(&config);
    let mut metadata = request.metadata.take().and_then(|m| m.as_object().cloned()).unwrap_or_default();
    metadata.insert("policy".into(), json!(id));
    request.metadata = Some(Value::Object(metadata));
    let now = cluster.now_millis();
    match snapshots::start_snapshot(cluster, &repository, &name, &request) {
        Ok(started) => {
            if let Some(p) = cluster.slm.policies.get_mut(id) {
                p.in_progress = Some((repository, started.clone()));
            }
            Ok(started)
        }
        Err(e) => {
            if let Some(p) = cluster.slm.policies.get_mut(id) {
                p.snapshots_failed += 1;
                p.last_failure = Some(Invocation {
                    snapshot_name: name,
                    start_millis: now,
                    time_millis: now,
                    details: Some(json!({"type": e.kind, "reason": e.reason}).to_string()),
                });
            }
            Err(e)
        }
    }
}

/// Records the outcome of policy snapshots that completed.
pub fn record_completions(cluster: &mut Cluster) {
    let running: Vec<(String, String, String)> = cluster
        .slm
        .policies
        .iter()
        .filter_map(|(id, p)| p.in_progress.clone().map(|(r, n)| (id.clone(), r, n)))
        .collect();
    let now = cluster.now_millis();
    for (id, repository, name) in running {
        let snapshot = snapshots::snapshots_of(cluster, &repository).find(|s| s.name == name).cloned();
        let Some(p) = cluster.slm.policies.get_mut(&id) else { continue };
        match snapshot {
            Some(s) if s.state == "IN_PROGRESS" => continue,
            Some(s) if s.state == "SUCCESS" => {
                p.snapshots_taken += 1;
                p.last_success = Some(Invocation {
                    snapshot_name: s.name,
                    start_millis: s.start_millis,
                    time_millis: s.end_millis,
                    details: None,
                });
            }
            Some(s) => {
                p.snapshots_failed += 1;
                let (total, failed) = (s.indices.iter().map(|i| i.shards()).sum::<u64>(), s.failed_indices.len());
                let details = match &s.reason {
                    Some(reason) => format!("SnapshotException[[{repository}:{}] {reason}]", s.name),
                    None => format!(
                        "SnapshotException[[{repository}:{}] failed to create snapshot successfully, {failed} out of {total} total shards failed]",
                        s.name
                    ),
                };
                p.last_failure = Some(Invocation {
                    snapshot_name: s.name,
                    start_millis: s.start_millis,
                    time_millis: s.end_millis,
                    details: Some(details),
                });
            }
            // Deleted while running: ES reports the snapshot as aborted.
            None => {
                p.snapshots_failed += 1;
                p.last_failure = Some(Invocation {
                    snapshot_name: name.clone(),
                    start_millis: now,
                    time_millis: now,
                    details: Some(format!("SnapshotException[[{repository}:{name}] Snapshot was aborted by deletion]")),
                });
            }
        }
        p.in_progress = None;
    }
}

/// The next scheduled SLM event at or before `until`: a policy run (`Some(id)`) or retention (`None`).
fn next_event(cluster: &Cluster, until: i64) -> Option<(i64, Option<String>)> {
    if cluster.slm.operation_mode != "RUNNING" {
        return None;
    }
    let mut best: Option<(i64, Option<String>)> = cluster
        .slm
        .policies
        .iter()
        .filter_map(|(id, p)| p.next_execution_millis.map(|t| (t, Some(id.clone()))))
        .filter(|(t, _)| *t <= until)
        .min_by_key(|(t, _)| *t);
    let schedule = cluster.setting("slm.retention_schedule").unwrap_or(DEFAULT_RETENTION_SCHEDULE);
    if let (Ok(cron), Some(checked)) = (Cron::parse(schedule), cluster.slm.retention_checked_millis)
        && let Some(t) = cron.next_after(checked)
        && t <= until
        && best.as_ref().is_none_or(|(b, _)| t < *b)
    {
        best = Some((t, None));
    }
    best
}

/// Moves the clock to `until` through every scheduled SLM run and retention on the way,
/// completing snapshots as their ends pass.
pub fn run_scheduled(cluster: &mut Cluster, until: i64) {
    cluster.slm.retention_checked_millis.get_or_insert(cluster.now_millis());
    while let Some((at, event)) = next_event(cluster, until) {
        let reached = cluster.now_millis().max(at);
        cluster.clock.set(reached);
        snapshots::complete_due(cluster);
        record_completions(cluster);
        match event {
            Some(id) => {
                let next = schedule_of(&cluster.slm.policies[&id].policy).and_then(|c| c.next_after(at));
                if let Some(p) = cluster.slm.policies.get_mut(&id) {
                    p.next_execution_millis = next;
                }
                // ES skips a run while the policy's previous snapshot is still going.
                if cluster.slm.policies[&id].in_progress.is_none() {
                    let _ = run_policy(cluster, &id);
                }
            }
            None => {
                cluster.slm.retention_checked_millis = Some(at);
                run_retention(cluster);
            }
        }
    }
    let reached = cluster.now_millis().max(until);
    cluster.clock.set(reached);
    snapshots::complete_due(cluster);
    record_completions(cluster);
}

/// `POST /_slm/_execute_retention`
pub fn execute_retention(cluster: &mut Cluster, _req: &SandboxRequest) -> EsResult<SandboxResponse> {
    run_retention(cluster);
    Ok(SandboxResponse::acknowledged())
}

/// One retention run over every policy with a `retention`.
fn run_retention(cluster: &mut Cluster) {
    cluster.slm.stats.retention_runs += 1;
    let now = cluster.now_millis();
    let ids: Vec<String> = cluster.slm.policies.keys().cloned().collect();
    for id in ids {
        let policy = cluster.slm.policies[&id].policy.clone();
        let retention = &policy["retention"];
        if retention.is_null() {
            continue;
        }
        let repository = policy["repository"].as_str().unwrap_or_default().to_string();
        let mut own: Vec<(String, i64, String)> = snapshots::snapshots_of(cluster, &repository)
            .filter(|s| s.metadata.as_ref().is_some_and(|m| m["policy"] == json!(id)) && s.state != "IN_PROGRESS")
            .map(|s| (s.name.clone(), s.start_millis, s.state.clone()))
            .collect();
        own.sort_by_key(|(_, start, _)| *start);
        let successful: Vec<&(String, i64, String)> = own.iter().filter(|(_, _, st)| st == "SUCCESS").collect();
        let min = retention["min_count"].as_u64().unwrap_or(0) as usize;
        let max = retention["max_count"].as_u64().map(|m| m as usize);
        let expire = retention["expire_after"].as_str().and_then(|e| parse_time_millis(e, "expire_after").ok());
        let mut doomed: Vec<String> = Vec::new();
        let mut remaining = successful.len();
        for (name, start, _) in &successful {
            if remaining <= min {
                break;
            }
            let over_max = max.is_some_and(|m| remaining > m);
            let expired = expire.is_some_and(|e| now - start > e);
            if over_max || expired {
                doomed.push(name.clone());
                remaining -= 1;
            }
        }
        if let Some(newest_success) = successful.last().map(|(_, start, _)| *start) {
            doomed.extend(
                own.iter()
                    .filter(|(_, start, st)| st != "SUCCESS" && *start < newest_success)
                    .map(|(n, _, _)| n.clone()),
            );
        }
        if doomed.is_empty() {
            continue;
        }
        snapshots::remove_snapshots(cluster, &repository, &doomed);
        if let Some(p) = cluster.slm.policies.get_mut(&id) {
            p.snapshots_deleted += doomed.len() as u64;
        }
    }
}

/// `GET /_slm/stats`
pub fn stats(cluster: &mut Cluster, _req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let s = &cluster.slm.stats;
    let policies = cluster.slm.policies.iter();
    let sum = |f: fn(&SlmPolicy) -> u64| cluster.slm.policies.values().map(f).sum::<u64>();
    let mut body = json!({
        "retention_runs": s.retention_runs,
        "retention_failed": s.retention_failed,
        "retention_timed_out": 0,
        "retention_deletion_time_millis": s.retention_deletion_time_millis,
        "total_snapshots_taken": sum(|p| p.snapshots_taken),
        "total_snapshots_failed": sum(|p| p.snapshots_failed),
        "total_snapshots_deleted": sum(|p| p.snapshots_deleted) + s.deleted_by_removed_policies,
        "total_snapshot_deletion_failures": sum(|p| p.snapshot_deletion_failures),
        "policy_stats": policies.map(|(id, p)| policy_stats_json(id, p)).collect::<Vec<_>>(),
    });
    body["retention_deletion_time"] = json!(format_millis(s.retention_deletion_time_millis, 1));
    Ok(SandboxResponse::ok(body))
}

/// `GET /_slm/status`
pub fn status(cluster: &mut Cluster, _req: &SandboxRequest) -> EsResult<SandboxResponse> {
    Ok(SandboxResponse::ok(json!({"operation_mode": cluster.slm.operation_mode})))
}

/// `POST /_slm/start`
pub fn start(cluster: &mut Cluster, _req: &SandboxRequest) -> EsResult<SandboxResponse> {
    cluster.slm.operation_mode = "RUNNING".to_string();
    Ok(SandboxResponse::acknowledged())
}

/// `POST /_slm/stop`: new runs stop at once; a running snapshot finishes.
pub fn stop(cluster: &mut Cluster, _req: &SandboxRequest) -> EsResult<SandboxResponse> {
    cluster.slm.operation_mode = "STOPPED".to_string();
    Ok(SandboxResponse::acknowledged())
}

#[cfg(test)]
mod tests;
