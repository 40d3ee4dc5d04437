//! ISM's REST API (`resthandler/` and `transport/action/` of the plugin): policies with
//! optimistic concurrency, and the managed-index verbs add, remove, change_policy, retry and
//! explain, answering in the plugin's shapes (`ISMStatusResponse`: `updated_indices`,
//! `failures`, `failed_indices`).

use serde_json::{Map, Value, json};

use super::{
    CONFIG_INDEX, ChangePolicy, Ism, LEGACY_POLICY_ID_SETTING, ManagedIndex, POLICY_ID_SETTING, StoredPolicy, policy,
};
use crate::error::{EsError, EsResult};
use crate::expression::{self, IndicesOptions};
use crate::http::{Method, ResponseBody, SandboxRequest, SandboxResponse};
use crate::state::Cluster;

fn ism(cluster: &Cluster) -> EsResult<&Ism> {
    cluster.opensearch.as_ref().map(|os| &os.ism).ok_or_else(|| EsError::illegal_argument("ISM is OpenSearch's"))
}

fn ism_mut(cluster: &mut Cluster) -> EsResult<&mut Ism> {
    cluster.opensearch.as_mut().map(|os| &mut os.ism).ok_or_else(|| EsError::illegal_argument("ISM is OpenSearch's"))
}

fn policy_id(req: &SandboxRequest) -> EsResult<String> {
    match req.param("policy_id") {
        Some(id) if !id.is_empty() => Ok(id.to_string()),
        _ => Err(EsError::illegal_argument("Missing policy ID")),
    }
}

fn numeric_param(req: &SandboxRequest, name: &str) -> EsResult<Option<i64>> {
    req.param(name)
        .map(|v| {
            v.parse().map_err(|_| {
                EsError::illegal_argument(format!("Failed to parse long parameter [{name}] with value [{v}]"))
            })
        })
        .transpose()
}

/// The version conflict the config index answers (`VersionConflictEngineException`).
fn version_conflict(id: &str, reason: String) -> EsError {
    EsError::new(409, "version_conflict_engine_exception", format!("[{id}]: {reason}"))
        .with("index", CONFIG_INDEX)
        .with("shard", "0")
        .with("index_uuid", "aW5kZXgtbWFuYWdlbWVudA")
}

/// `PUT _plugins/_ism/policies/{id}[?if_seq_no=&if_primary_term=]`: without both parameters the
/// policy is created (a `create` of the config document, refused when it exists); with them it
/// replaces exactly that revision. 201 with `Location` on creation, 200 on update; the answer
/// echoes the policy as parsed (`IndexPolicyResponse`).
pub fn put_policy(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let id = policy_id(req)?;
    let body = req.json()?.ok_or_else(|| EsError::parse("request body is required"))?;
    let now = cluster.now_millis();
    let major = cluster.opensearch.as_ref().map_or(2, |os| os.version.major);
    let parsed = policy::parse(&id, &body, now, major)?;
    let if_seq_no = numeric_param(req, "if_seq_no")?;
    let if_primary_term = numeric_param(req, "if_primary_term")?;
    let ism = ism_mut(cluster)?;
    // `findConflictingPolicyTemplates`: another policy's template with the same priority and an
    // overlapping pattern would make auto-attachment ambiguous.
    for (patterns, priority) in policy::templates_of(&parsed) {
        let clash = ism.policies.iter().filter(|(other, _)| **other != id).any(|(_, stored)| {
            policy::templates_of(&stored.policy).iter().any(|(theirs, p)| {
                *p == priority
                    && patterns.iter().any(|a| theirs.iter().any(|b| crate::templates::patterns_overlap(a, b)))
            })
        });
        if clash {
            return Err(EsError::illegal_argument(format!(
                "New policy {id} has an ISM template with index pattern [{}] matching existing policy templates, please use a different priority than {priority}",
                patterns.join(", ")
            )));
        }
    }
    let existing = ism.policies.get(&id);
    let (version, status) = match (if_seq_no, if_primary_term, existing) {
        (Some(seq), Some(term), Some(stored)) => {
            if seq != stored.seq_no as i64 || term != stored.primary_term as i64 {
                return Err(version_conflict(
                    &id,
                    format!(
                        "version conflict, required seqNo [{seq}], primary term [{term}]. current document has seqNo [{}] and primary term [{}]",
                        stored.seq_no, stored.primary_term
                    ),
                ));
            }
            (stored.version + 1, 200)
        }
        (Some(seq), Some(term), None) => {
            return Err(version_conflict(
                &id,
                format!("version conflict, required seqNo [{seq}], primary term [{term}]. but no document was found"),
            ));
        }
        (_, _, Some(stored)) => {
            return Err(version_conflict(
                &id,
                format!("version conflict, document already exists (current version [{}])", stored.version),
            ));
        }
        (_, _, None) => (1, 201),
    };
    let seq_no = ism.take_seq_no();
    ism.policies.insert(id.clone(), StoredPolicy { policy: parsed.clone(), seq_no, primary_term: 1, version });
    let response = SandboxResponse::json(
        status,
        json!({"_id": id, "_version": version, "_primary_term": 1, "_seq_no": seq_no, "policy": {"policy": parsed}}),
    );
    Ok(if status == 201 { response.with_header("Location", format!("/_plugins/_ism/policies/{id}")) } else { response })
}

/// One policy as the get APIs show it.
fn policy_entry(id: &str, stored: &StoredPolicy) -> Value {
    json!({"_id": id, "_version": stored.version, "_seq_no": stored.seq_no, "_primary_term": stored.primary_term, "policy": stored.policy})
}

/// `GET _plugins/_ism/policies/{id}`; HEAD answers 200 or 404 without a body.
pub fn get_policy(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let id = policy_id(req)?;
    let found = ism(cluster)?.policies.get(&id);
    if req.method == Method::Head {
        let status = if found.is_some() { 200 } else { 404 };
        return Ok(SandboxResponse { status, body: ResponseBody::Empty, headers: Vec::new() });
    }
    match found {
        Some(stored) => Ok(SandboxResponse::ok(policy_entry(&id, stored))),
        None => Err(EsError::new(404, "status_exception", "Policy not found")),
    }
}

/// `GET _plugins/_ism/policies[?queryString=&from=&size=&sortField=&sortOrder=]`: every policy
/// (sorted by id, `size` default 20), and the total.
pub fn get_policies(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let ism = ism(cluster)?;
    let query = req.param("queryString").unwrap_or("*").trim_matches('*');
    let from = numeric_param(req, "from")?.unwrap_or(0).max(0) as usize;
    let size = numeric_param(req, "size")?.unwrap_or(20).max(0) as usize;
    let matching: Vec<(&String, &StoredPolicy)> = ism.policies.iter().filter(|(id, _)| id.contains(query)).collect();
    let mut sorted = matching.clone();
    if req.param("sortOrder") == Some("desc") {
        sorted.reverse();
    }
    let policies: Vec<Value> =
        sorted.iter().skip(from).take(size).map(|(id, stored)| policy_entry(id, stored)).collect();
    Ok(SandboxResponse::ok(json!({"policies": policies, "total_policies": matching.len()})))
}

/// `DELETE _plugins/_ism/policies/{id}`: the config document's delete response, 404 with
/// `result: not_found` when there is none. Managed indices keep their copy of the policy.
pub fn delete_policy(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let id = policy_id(req)?;
    let ism = ism_mut(cluster)?;
    let removed = ism.policies.remove(&id);
    let seq_no = ism.take_seq_no();
    let (status, result, version) = match &removed {
        Some(stored) => (200, "deleted", stored.version + 1),
        None => (404, "not_found", 1),
    };
    Ok(SandboxResponse::json(
        status,
        json!({"_index": CONFIG_INDEX, "_id": id, "_version": version, "result": result, "forced_refresh": true,
               "_shards": {"total": 2, "successful": 1, "failed": 0}, "_seq_no": seq_no, "_primary_term": 1}),
    ))
}

/// Attaches `policy_id` to an index: a new job with a copy of the policy, enabled, not yet
/// initialized (the runner's first run does that).
pub fn manage(ism: &mut Ism, index: &str, uuid: &str, policy_id: &str) {
    let Some(stored) = ism.policies.get(policy_id).cloned() else {
        return;
    };
    ism.take_seq_no();
    ism.managed.insert(
        uuid.to_string(),
        ManagedIndex {
            index: index.to_string(),
            index_uuid: uuid.to_string(),
            policy_id: policy_id.to_string(),
            policy: stored.policy,
            policy_seq_no: stored.seq_no,
            policy_primary_term: stored.primary_term,
            enabled: true,
            change_policy: None,
            metadata: None,
        },
    );
}

/// The indices an ISM verb names: concrete indices from the path's expression (wildcards expand
/// to open and closed, hidden too when named), with their UUIDs.
fn target_indices(cluster: &Cluster, req: &SandboxRequest) -> EsResult<Vec<(String, String)>> {
    let expressions = expression::split_list(req.param("index"));
    if expressions.is_empty() {
        return Err(EsError::illegal_argument("Missing indices"));
    }
    let opts = IndicesOptions { ignore_unavailable: true, ..IndicesOptions::STRICT_EXPAND };
    let names = expression::resolve(cluster, &expressions, opts)?;
    Ok(names.into_iter().filter_map(|n| cluster.indices.get(&n).map(|i| (n.clone(), i.uuid.clone()))).collect())
}

/// `ISMStatusResponse`: how many indices were updated, and each failed one with its reason.
fn status_response(updated: usize, failed: Vec<(String, String, &str)>) -> SandboxResponse {
    let failed_indices: Vec<Value> = failed
        .into_iter()
        .map(|(name, uuid, reason)| json!({"index_name": name, "index_uuid": uuid, "reason": reason}))
        .collect();
    SandboxResponse::ok(
        json!({"updated_indices": updated, "failures": !failed_indices.is_empty(), "failed_indices": failed_indices}),
    )
}

fn body_field(req: &SandboxRequest, field: &str) -> EsResult<Option<String>> {
    Ok(req.json()?.and_then(|b| b.get(field).and_then(Value::as_str).map(str::to_string)))
}

/// `POST _plugins/_ism/add/{index}` with `{"policy_id"}`: manages each named index that is not
/// managed yet and is open (`TransportAddPolicyAction`).
pub fn add(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let policy_id = body_field(req, "policy_id")?.ok_or_else(|| EsError::illegal_argument("Missing policy_id"))?;
    let targets = target_indices(cluster, req)?;
    if !ism(cluster)?.policies.contains_key(&policy_id) {
        return Err(EsError::new(404, "status_exception", format!("Could not find policy=[{policy_id}]")));
    }
    let mut failed = Vec::new();
    let mut updated = 0;
    for (name, uuid) in targets {
        let closed = cluster.indices.get(&name).is_some_and(|i| i.is_closed());
        let ism = ism_mut(cluster)?;
        if closed {
            failed.push((name, uuid, "This index is closed"));
        } else if ism.managed.contains_key(&uuid) {
            failed.push((
                name,
                uuid,
                "This index already has a policy, use the update policy API to update index policies",
            ));
        } else {
            manage(ism, &name, &uuid, &policy_id);
            updated += 1;
        }
    }
    Ok(status_response(updated, failed))
}

/// `POST _plugins/_ism/remove/{index}`: stops managing each named index; its metadata goes too.
pub fn remove(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let targets = target_indices(cluster, req)?;
    let ism = ism_mut(cluster)?;
    let mut failed = Vec::new();
    let mut updated = 0;
    for (name, uuid) in targets {
        if ism.managed.remove(&uuid).is_some() {
            ism.take_seq_no();
            updated += 1;
        } else {
            failed.push((name, uuid, "This index does not have a policy to remove"));
        }
    }
    Ok(status_response(updated, failed))
}

/// `POST _plugins/_ism/change_policy/{index}` with `{"policy_id", "state"?, "include"?:
/// [{"state"}]}`: records the change on each managed index (in one of the `include`d states, if
/// given); the runner switches at a safe point — when the current state's actions are done
/// (`shouldChangePolicy`), or at once for an index not initialized yet.
pub fn change_policy(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let body = req.json()?.unwrap_or(Value::Null);
    let policy_id = body
        .get("policy_id")
        .and_then(Value::as_str)
        .ok_or_else(|| EsError::validation(&["policy_id is required".to_string()]))?
        .to_string();
    let state = body.get("state").and_then(Value::as_str).map(str::to_string);
    let include: Vec<String> = body
        .get("include")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|f| f.get("state").and_then(Value::as_str).map(str::to_string))
        .collect();
    let targets = target_indices(cluster, req)?;
    let ism = ism_mut(cluster)?;
    let Some(new_policy) = ism.policies.get(&policy_id) else {
        return Err(EsError::new(404, "status_exception", format!("Could not find policy=[{policy_id}]")));
    };
    if let Some(s) = &state
        && !new_policy.policy["states"].as_array().into_iter().flatten().any(|st| st["name"] == json!(s))
    {
        return Err(EsError::new(
            400,
            "status_exception",
            format!("Could not find state=[{s}] in policy=[{policy_id}]"),
        ));
    }
    let mut failed = Vec::new();
    let mut updated = 0;
    for (name, uuid) in targets {
        let Some(managed) = ism.managed.get_mut(&uuid) else {
            failed.push((name, uuid, "This index is not being managed"));
            continue;
        };
        let current = managed.metadata.as_ref().and_then(|m| m.state.as_ref()).map(|s| s.name.clone());
        if !include.is_empty() && !current.as_ref().is_some_and(|c| include.contains(c)) {
            continue;
        }
        managed.change_policy = Some(ChangePolicy { policy_id: policy_id.clone(), state: state.clone() });
        updated += 1;
    }
    Ok(status_response(updated, failed))
}

/// `POST _plugins/_ism/retry/{index}` with optional `{"state"}`: a failed managed index gets its
/// retries back and runs again, from the failed action or from `state`
/// (`TransportRetryFailedManagedIndexAction`).
pub fn retry(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let state = body_field(req, "state")?;
    let targets = target_indices(cluster, req)?;
    let ism = ism_mut(cluster)?;
    let mut failed = Vec::new();
    let mut updated = 0;
    for (name, uuid) in targets {
        let Some(managed) = ism.managed.get_mut(&uuid) else {
            failed.push((name, uuid, "This index is not being managed."));
            continue;
        };
        let Some(meta) = managed.metadata.as_mut() else {
            failed.push((name, uuid, "This index has no metadata information"));
            continue;
        };
        if !meta.is_failed() {
            failed.push((name, uuid, "This index is not in failed state."));
            continue;
        }
        meta.step = None;
        meta.policy_failed = false;
        if let Some(action) = meta.action.as_mut() {
            action.failed = false;
            action.consumed_retries = 0;
            action.last_retry_time = None;
            action.start_time = None;
        }
        meta.transition_to = state.clone();
        meta.info = json!({"message": "Pending retry of failed managed index"});
        managed.enabled = true;
        updated += 1;
    }
    Ok(status_response(updated, failed))
}

/// `GET _plugins/_ism/explain[/{index}][?show_policy=true]`: each named index (managed or not),
/// or without a name every managed index, with its policy id under both setting names, its
/// metadata and `enabled`; and `total_managed_indices`.
pub fn explain(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let ism = ism(cluster)?;
    let show_policy = req.flag("show_policy")?;
    let names: Vec<String> = if req.param("index").is_some() {
        let expressions = expression::split_list(req.param("index"));
        expression::resolve(cluster, &expressions, IndicesOptions::STRICT_EXPAND)?
    } else {
        let mut managed: Vec<String> = ism.managed.values().map(|m| m.index.clone()).collect();
        managed.sort();
        managed
    };
    let mut out = Map::new();
    let mut total = 0;
    for name in names {
        let managed = cluster.indices.get(&name).and_then(|i| ism.managed.get(&i.uuid));
        let mut entry = Map::new();
        let policy_id = managed.map(|m| json!(m.policy_id)).unwrap_or(Value::Null);
        entry.insert(POLICY_ID_SETTING.into(), policy_id.clone());
        entry.insert(LEGACY_POLICY_ID_SETTING.into(), policy_id);
        match managed {
            Some(m) => {
                total += 1;
                explain_metadata(m, &mut entry);
                entry.insert("enabled".into(), json!(m.enabled));
                if show_policy {
                    entry.insert("policy".into(), m.policy.clone());
                }
            }
            None => {
                entry.insert("enabled".into(), Value::Null);
            }
        }
        out.insert(name, Value::Object(entry));
    }
    out.insert("total_managed_indices".into(), json!(total));
    Ok(SandboxResponse::ok(Value::Object(out)))
}

/// `ManagedIndexMetaData.toXContent`: what is known, in the plugin's order; a completed policy
/// stops after `policy_completed`, a pending transition shows `transition_to` instead of the
/// state, action and step.
fn explain_metadata(m: &ManagedIndex, entry: &mut Map<String, Value>) {
    entry.insert("index".into(), json!(m.index));
    entry.insert("index_uuid".into(), json!(m.index_uuid));
    entry.insert("policy_id".into(), json!(m.policy_id));
    let Some(meta) = &m.metadata else {
        return;
    };
    entry.insert("policy_seq_no".into(), json!(meta.policy_seq_no));
    entry.insert("policy_primary_term".into(), json!(meta.policy_primary_term));
    if meta.rolled_over || meta.action.as_ref().is_some_and(|a| a.name == "rollover") {
        entry.insert("rolled_over".into(), json!(meta.rolled_over));
        if let Some(new_index) = &meta.rolled_over_index_name {
            entry.insert("rolled_over_index_name".into(), json!(new_index));
        }
    }
    entry.insert("index_creation_date".into(), json!(meta.index_creation_date));
    if meta.policy_completed {
        entry.insert("policy_completed".into(), json!(true));
        return;
    }
    if let Some(to) = &meta.transition_to {
        entry.insert("transition_to".into(), json!(to));
    } else {
        if let Some(state) = &meta.state {
            entry.insert("state".into(), json!({"name": state.name, "start_time": state.start_time}));
        }
        if let Some(a) = &meta.action {
            entry.insert(
                "action".into(),
                json!({"name": a.name, "start_time": a.start_time, "index": a.index, "failed": a.failed,
                       "consumed_retries": a.consumed_retries, "last_retry_time": a.last_retry_time.unwrap_or(0)}),
            );
        }
        if let Some(s) = &meta.step {
            entry.insert(
                "step".into(),
                json!({"name": s.name, "start_time": s.start_time, "step_status": s.step_status.as_str()}),
            );
        }
    }
    entry.insert("retry_info".into(), json!({"failed": meta.policy_failed, "consumed_retries": 0}));
    entry.insert("info".into(), meta.info.clone());
}
