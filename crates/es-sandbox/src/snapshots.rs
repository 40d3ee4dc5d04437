//! Snapshot repositories and snapshots: `/_snapshot/…` (register, get, verify, clean up and
//! delete repositories; create, get, status, clone, restore and delete snapshots).
//!
//! Storage is in memory, keyed by where the data would live (an `fs` repository's resolved
//! directory, a bucket and base path), so that as in ES a repository registered again at the
//! same location finds the snapshots (and the UUID) that are there. `fs` locations must lie
//! under the node setting `path.repo` (`SandboxConfig::path_repo`), as ES enforces.
//!
//! A snapshot takes time on the virtual clock: 50 ms plus its primary bytes at ES's default
//! `max_snapshot_bytes_per_sec` of 40 MB/s. It is `IN_PROGRESS` until the clock passes its end;
//! `wait_for_completion=true` waits, which moves the clock to the end. The outcome can be forced
//! with `/_sandbox/snapshot_faults` ([`SnapshotFault`]): `PARTIAL` (some indices' shards fail),
//! `FAILED`, or a repository whose storage cannot be reached (verification fails).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::datemath;
use super::error::{EsError, EsResult};
use super::expression::{self, Expand, IndicesOptions, split_list};
use super::http::{SandboxRequest, SandboxResponse};
use super::indices::new_uuid;
use super::settings;
use super::state::{Cluster, Index};
use es_syntax::glob::simple_match;

/// Repository types the default distribution ships (`hdfs` is a plugin it does not).
const TYPES: [&str; 6] = ["fs", "url", "source", "s3", "gcs", "azure"];

/// ES's default `max_snapshot_bytes_per_sec`.
const BYTES_PER_SECOND: u64 = 40 * 1024 * 1024;

/// A registered repository.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Repository {
    /// `fs`, `url`, `source`, `s3`, `gcs` or `azure`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Settings as ES stores them: flat keys, string values.
    pub settings: BTreeMap<String, Value>,
    /// Key of the storage in [`Cluster::repository_stores`].
    pub store: String,
}

impl Repository {
    fn read_only(&self) -> bool {
        self.kind == "url"
            || ["readonly", "read_only"].iter().any(|k| self.settings.get(*k).and_then(Value::as_str) == Some("true"))
    }
}

/// What one storage location holds.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RepositoryStore {
    /// The repository UUID, written with the first snapshot (ES's `RepositoryData` UUID).
    pub uuid: Option<String>,
    /// Snapshots by name.
    pub snapshots: BTreeMap<String, Snapshot>,
}

/// One snapshot.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Snapshot {
    /// Name.
    pub name: String,
    /// UUID.
    pub uuid: String,
    /// `IN_PROGRESS`, `SUCCESS`, `PARTIAL` or `FAILED`.
    pub state: String,
    /// Start, epoch millis (virtual clock).
    pub start_millis: i64,
    /// End, epoch millis: when it completes (or completed).
    pub end_millis: i64,
    /// The indices as they were when the snapshot started (what a restore brings back).
    pub indices: Vec<Index>,
    /// Data streams included.
    pub data_streams: Vec<String>,
    /// `include_global_state`.
    pub include_global_state: bool,
    /// User metadata (`metadata`), SLM's `policy` among it.
    pub metadata: Option<Value>,
    /// Indices whose shards fail (the `PARTIAL` outcome waiting at the end).
    pub failed_indices: Vec<String>,
    /// Why it failed (the `FAILED` outcome), shown as `reason`.
    pub reason: Option<String>,
}

impl Snapshot {
    fn shard_counts(&self) -> (u64, u64) {
        let total: u64 = self.indices.iter().map(Index::shards).sum();
        let failed: u64 = if self.state == "FAILED" {
            total
        } else {
            self.indices.iter().filter(|i| self.failed_indices.contains(&i.name)).map(Index::shards).sum()
        };
        (total, failed)
    }

    /// Bytes the snapshot stores: the primaries of its indices.
    pub fn size_bytes(&self) -> u64 {
        self.indices.iter().map(Index::primary_store_bytes).sum()
    }

    /// Its index names.
    pub fn index_names(&self) -> Vec<String> {
        self.indices.iter().map(|i| i.name.clone()).collect()
    }
}

/// An injected outcome, as posted to `/_sandbox/snapshot_faults`:
/// `{"repository":"nightly","state":"PARTIAL","indices":["logs-2024.01.01"],"count":1}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SnapshotFault {
    /// Repository the fault applies to; absent = any.
    #[serde(default)]
    pub repository: Option<String>,
    /// `PARTIAL` (the `indices`' shards fail; default: the first index), `FAILED` (the snapshot
    /// fails with `reason`) or `UNREACHABLE` (the storage cannot be reached: verification fails
    /// and snapshots fail, until the fault is cleared).
    pub state: String,
    /// Indices whose shards fail, for `PARTIAL`.
    #[serde(default)]
    pub indices: Vec<String>,
    /// The failure reason shown.
    #[serde(default)]
    pub reason: Option<String>,
    /// How many snapshots it affects; absent = all of them.
    #[serde(default)]
    pub count: Option<u64>,
}

/// Adds a fault rule from a `/_sandbox/snapshot_faults` body.
pub fn add_fault(cluster: &mut Cluster, body: Value) -> EsResult<()> {
    let fault: SnapshotFault =
        serde_json::from_value(body).map_err(|e| EsError::illegal_argument(format!("invalid snapshot fault: {e}")))?;
    if !["PARTIAL", "FAILED", "UNREACHABLE"].contains(&fault.state.as_str()) {
        return Err(EsError::illegal_argument(format!(
            "invalid snapshot fault state [{}]: one of PARTIAL, FAILED, UNREACHABLE",
            fault.state
        )));
    }
    cluster.snapshot_faults.push(fault);
    Ok(())
}

fn unreachable(cluster: &Cluster, repository: &str) -> Option<String> {
    cluster
        .snapshot_faults
        .iter()
        .find(|f| f.state == "UNREACHABLE" && f.repository.as_deref().is_none_or(|r| r == repository))
        .map(|f| f.reason.clone().unwrap_or_else(|| "the repository storage cannot be reached".to_string()))
}

/// Takes the first `PARTIAL`/`FAILED` fault for `repository`, using it up once.
fn take_outcome_fault(cluster: &mut Cluster, repository: &str) -> Option<SnapshotFault> {
    let position = cluster
        .snapshot_faults
        .iter()
        .position(|f| f.state != "UNREACHABLE" && f.repository.as_deref().is_none_or(|r| r == repository))?;
    let fault = cluster.snapshot_faults[position].clone();
    if let Some(count) = cluster.snapshot_faults[position].count.as_mut() {
        *count = count.saturating_sub(1);
        if *count == 0 {
            cluster.snapshot_faults.remove(position);
        }
    }
    Some(fault)
}

fn repository_exception(name: &str, why: &str) -> EsError {
    EsError::new(500, "repository_exception", format!("[{name}] {why}"))
}

fn repository_missing(name: &str) -> EsError {
    EsError::new(404, "repository_missing_exception", format!("[{name}] missing"))
}

fn snapshot_missing(repository: &str, snapshot: &str) -> EsError {
    EsError::new(404, "snapshot_missing_exception", format!("[{repository}:{snapshot}] is missing"))
}

/// The registered repository `name`.
pub fn repository<'a>(cluster: &'a Cluster, name: &str) -> EsResult<&'a Repository> {
    cluster.repositories.get(name).ok_or_else(|| repository_missing(name))
}

/// Where an `fs` location (or a `file:` URL's path) lives: under `path.repo`, relative locations
/// resolved against its first entry.
fn resolve_location(cluster: &Cluster, name: &str, location: &str) -> EsResult<String> {
    if cluster.path_repo.is_empty() {
        return Err(repository_exception(
            name,
            &format!(
                "location [{location}] doesn't match any of the locations specified by path.repo because this setting is empty"
            ),
        ));
    }
    let resolved = if location.starts_with('/') {
        normalize_path(location)
    } else {
        normalize_path(&format!("{}/{location}", cluster.path_repo[0].trim_end_matches('/')))
    };
    let inside = cluster.path_repo.iter().any(|root| {
        let root = normalize_path(root);
        resolved == root || resolved.starts_with(&format!("{}/", root.trim_end_matches('/')))
    });
    if !inside {
        return Err(repository_exception(
            name,
            &format!("location [{location}] doesn't match any of the locations specified by path.repo"),
        ));
    }
    Ok(resolved)
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalize_path(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

/// The storage key of a repository of `kind` with `settings`, after ES's per-type checks.
fn store_key(cluster: &Cluster, name: &str, kind: &str, settings: &BTreeMap<String, Value>) -> EsResult<String> {
    let get = |key: &str| settings.get(key).and_then(Value::as_str).filter(|v| !v.is_empty());
    let base_path = get("base_path").unwrap_or("").trim_matches('/').to_string();
    match kind {
        "fs" => {
            let location = get("location").ok_or_else(|| repository_exception(name, "missing location"))?;
            Ok(format!("fs:{}", resolve_location(cluster, name, location)?))
        }
        "url" => {
            let url = get("url").ok_or_else(|| repository_exception(name, "missing url"))?;
            match url.strip_prefix("file:") {
                Some(path) => {
                    let path = path.trim_start_matches("//");
                    let path = if path.starts_with('/') { path.to_string() } else { format!("/{path}") };
                    resolve_location(cluster, name, &path).map(|p| format!("fs:{p}")).map_err(|_| {
                        repository_exception(
                            name,
                            &format!("file url [{url}] doesn't match any of the locations specified by path.repo"),
                        )
                    })
                }
                // `repositories.url.allowed_urls` is a node setting, empty on the sandbox's node.
                None => Err(repository_exception(
                    name,
                    &format!(
                        "[{url}] doesn't match any of the locations specified by path.repo or repositories.url.allowed_urls"
                    ),
                )),
            }
        }
        "source" => {
            let delegate =
                get("delegate_type").ok_or_else(|| EsError::illegal_argument("delegate_type must be set"))?.to_string();
            if delegate == "source" || !TYPES.contains(&delegate.as_str()) {
                return Err(repository_exception(name, &format!("repository type [{delegate}] does not exist")));
            }
            store_key(cluster, name, &delegate, settings)
        }
        "s3" | "gcs" => {
            let bucket = get("bucket").ok_or_else(|| {
                EsError::illegal_argument(format!("No bucket defined for {kind} repository [{name}]"))
            })?;
            Ok(format!("{kind}:{bucket}/{base_path}"))
        }
        "azure" => {
            let container = get("container").unwrap_or("elasticsearch-snapshots");
            Ok(format!("azure:{container}/{base_path}"))
        }
        other => Err(repository_exception(name, &format!("repository type [{other}] does not exist"))),
    }
}

/// `PUT|POST /_snapshot/{repository}`
pub fn put_repository(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let name = req.param("repository").unwrap_or_default().to_string();
    let body = req.json()?.ok_or_else(|| EsError::validation(&["request body is required".to_string()]))?;
    let kind = body["type"].as_str().ok_or_else(|| EsError::validation(&["type is missing".to_string()]))?;
    if name.is_empty()
        || name.contains(['#', ' ', ',', '/', '\\', '*', '?', '"', '<', '>', '|'])
        || name.starts_with('_')
    {
        return Err(EsError::new(
            400,
            "invalid_repository_name_exception",
            format!("[{name}] Invalid repository name, must not contain whitespace, ',', '#', or start with '_'"),
        ));
    }
    let repo_settings = settings::flatten(&body["settings"])?;
    let store = store_key(cluster, &name, kind, &repo_settings)?;
    let verify = req.param("verify").is_none() || req.flag("verify")?;
    if verify && let Some(why) = unreachable(cluster, &name) {
        return Err(verification_failed(&name, &why));
    }
    let repository = Repository { kind: kind.to_string(), settings: repo_settings, store: store.clone() };
    if cluster.repositories.get(&name).is_some_and(|existing| existing.store != store)
        && in_progress(cluster, &name).is_some()
    {
        return Err(EsError::new(
            400,
            "illegal_state_exception",
            format!("trying to modify or unregister repository [{name}] that is currently used"),
        ));
    }
    cluster.repository_stores.entry(store).or_default();
    cluster.repositories.insert(name, repository);
    Ok(SandboxResponse::acknowledged())
}

fn verification_failed(name: &str, why: &str) -> EsError {
    EsError::new(500, "repository_verification_exception", format!("[{name}] path  is not accessible on master node"))
        .caused_by(EsError::new(500, "i_o_exception", why.to_string()))
}

/// A snapshot of repository `name` still running, if any.
fn in_progress<'a>(cluster: &'a Cluster, name: &str) -> Option<&'a Snapshot> {
    let repo = cluster.repositories.get(name)?;
    cluster.repository_stores.get(&repo.store)?.snapshots.values().find(|s| s.state == "IN_PROGRESS")
}

/// Repository names matching a comma list of names and wildcards (`_all`, `*`, empty: all).
fn select_repositories(cluster: &Cluster, expression: Option<&str>, strict: bool) -> EsResult<Vec<String>> {
    let names = split_list(expression);
    if names.is_empty() || names.iter().any(|n| n == "_all") {
        return Ok(cluster.repositories.keys().cloned().collect());
    }
    let mut out = Vec::new();
    for name in &names {
        if name.contains('*') {
            out.extend(cluster.repositories.keys().filter(|k| simple_match(name, k)).cloned());
        } else if cluster.repositories.contains_key(name) {
            out.push(name.clone());
        } else if strict {
            return Err(repository_missing(name));
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// `GET /_snapshot` and `GET /_snapshot/{repository}`
pub fn get_repository(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let mut body = Map::new();
    for name in select_repositories(cluster, req.param("repository"), true)? {
        let repo = &cluster.repositories[&name];
        let mut entry = Map::new();
        entry.insert("type".into(), json!(repo.kind));
        if let Some(uuid) = cluster.repository_stores.get(&repo.store).and_then(|s| s.uuid.clone()) {
            entry.insert("uuid".into(), json!(uuid));
        }
        entry.insert("settings".into(), settings::nested(&repo.settings));
        body.insert(name, Value::Object(entry));
    }
    Ok(SandboxResponse::ok(Value::Object(body)))
}

/// `DELETE /_snapshot/{repository}`: unregisters; the storage keeps its snapshots.
pub fn delete_repository(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let names = select_repositories(cluster, req.param("repository"), true)?;
    if names.is_empty() {
        return Err(repository_missing(req.param("repository").unwrap_or_default()));
    }
    for name in &names {
        if in_progress(cluster, name).is_some() {
            return Err(EsError::new(
                400,
                "illegal_state_exception",
                format!("trying to modify or unregister repository [{name}] that is currently used"),
            ));
        }
    }
    for name in names {
        cluster.repositories.remove(&name);
    }
    Ok(SandboxResponse::acknowledged())
}

/// `POST /_snapshot/{repository}/_verify`: the nodes that could write to it.
pub fn verify_repository(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let name = req.param("repository").unwrap_or_default();
    repository(cluster, name)?;
    if let Some(why) = unreachable(cluster, name) {
        return Err(verification_failed(name, &why));
    }
    let nodes: Map<String, Value> = (0..cluster.nodes as usize)
        .map(|n| (cluster.node_id_of(n), json!({"name": cluster.node_name_of(n)})))
        .collect();
    Ok(SandboxResponse::ok(json!({"nodes": nodes})))
}

/// `POST /_snapshot/{repository}/_cleanup`: nothing is ever left unreferenced in the sandbox.
pub fn cleanup_repository(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let name = req.param("repository").unwrap_or_default();
    let repo = repository(cluster, name)?;
    if repo.read_only() {
        return Err(repository_exception(name, "cannot run cleanup on readonly repository"));
    }
    Ok(SandboxResponse::ok(json!({"results": {"deleted_bytes": 0, "deleted_blobs": 0}})))
}

/// ES's snapshot name rules (`createSnapshot` validation).
fn validate_snapshot_name(repository: &str, name: &str) -> EsResult<()> {
    let invalid = |why: &str| {
        EsError::new(
            400,
            "invalid_snapshot_name_exception",
            format!("[{repository}:{name}] Invalid snapshot name [{name}], {why}"),
        )
    };
    if name.is_empty() {
        return Err(invalid("cannot be empty"));
    }
    if name.contains(['#', ' ', ',', '\\', '/', '*', '?', '"', '<', '>', '|']) {
        return Err(invalid("must not contain whitespace, ',', '#', '\\', '/', '*', '?', '\"', '<', '>', '|'"));
    }
    if name.starts_with('_') {
        return Err(invalid("must not start with '_'"));
    }
    if name != name.to_lowercase() {
        return Err(invalid("must be lowercase"));
    }
    Ok(())
}

/// The indices a snapshot or restore request names: `indices` (string or list) in the body.
fn body_indices(body: &Value) -> Vec<String> {
    match &body["indices"] {
        Value::String(s) => split_list(Some(s)),
        Value::Array(items) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// What a create-snapshot request asks for, read from its body.
#[derive(Debug, Clone, Default)]
pub struct SnapshotRequest {
    /// Index expressions (empty: all).
    pub indices: Vec<String>,
    /// `ignore_unavailable`.
    pub ignore_unavailable: bool,
    /// `include_global_state` (default true).
    pub include_global_state: bool,
    /// `metadata`.
    pub metadata: Option<Value>,
}

impl SnapshotRequest {
    /// Reads a create-snapshot (or SLM `config`) body.
    pub fn from_body(body: &Value) -> Self {
        SnapshotRequest {
            indices: body_indices(body),
            ignore_unavailable: body["ignore_unavailable"].as_bool().unwrap_or(false),
            include_global_state: body["include_global_state"].as_bool().unwrap_or(true),
            metadata: body.get("metadata").filter(|m| !m.is_null()).cloned(),
        }
    }
}

/// Starts a snapshot; the caller completes it (now or when the clock passes its end).
pub fn start_snapshot(
    cluster: &mut Cluster,
    repository_name: &str,
    raw_name: &str,
    request: &SnapshotRequest,
) -> EsResult<String> {
    let repo = repository(cluster, repository_name)?.clone();
    let name = datemath::resolve_index_name(raw_name, cluster.now_millis())?;
    validate_snapshot_name(repository_name, &name)?;
    if repo.read_only() {
        return Err(repository_exception(repository_name, "cannot create snapshot in a readonly repository"));
    }
    let store = cluster.repository_stores.entry(repo.store.clone()).or_default();
    if store.snapshots.contains_key(&name) {
        return Err(EsError::new(
            400,
            "invalid_snapshot_name_exception",
            format!(
                "[{repository_name}:{name}] Invalid snapshot name [{name}], snapshot with the same name already exists"
            ),
        ));
    }
    let options = IndicesOptions {
        ignore_unavailable: request.ignore_unavailable,
        allow_no_indices: true,
        expand: Expand { open: true, closed: true, hidden: true },
        ignore_aliases: false,
        data_streams: true,
    };
    let names = expression::resolve(cluster, &request.indices, options)?;
    let snapshot_indices: Vec<Index> = names.iter().filter_map(|n| cluster.indices.get(n)).cloned().collect();
    let data_streams: Vec<String> = cluster
        .data_streams
        .values()
        .filter(|ds| ds.indices.iter().any(|i| names.contains(i)))
        .map(|ds| ds.name.clone())
        .collect();
    let bytes: u64 = snapshot_indices.iter().map(Index::primary_store_bytes).sum();
    let duration = 50 + (bytes.saturating_mul(1000) / BYTES_PER_SECOND) as i64;
    let now = cluster.now_millis();
    let uuid = new_uuid(cluster, &format!("snapshot/{repository_name}/{name}"));
    let mut snapshot = Snapshot {
        name: name.clone(),
        uuid,
        state: "IN_PROGRESS".to_string(),
        start_millis: now,
        end_millis: now + duration,
        indices: snapshot_indices,
        data_streams,
        include_global_state: request.include_global_state,
        metadata: request.metadata.clone(),
        failed_indices: Vec::new(),
        reason: None,
    };
    if let Some(why) = unreachable(cluster, repository_name) {
        snapshot.reason = Some(why);
    } else if let Some(fault) = take_outcome_fault(cluster, repository_name) {
        match fault.state.as_str() {
            "PARTIAL" => {
                let failing = if fault.indices.is_empty() {
                    snapshot.indices.first().map(|i| vec![i.name.clone()]).unwrap_or_default()
                } else {
                    fault.indices.clone()
                };
                snapshot.failed_indices = failing;
            }
            _ => snapshot.reason = Some(fault.reason.unwrap_or_else(|| "failed to finalize snapshot".to_string())),
        }
    }
    let store = cluster.repository_stores.entry(repo.store).or_default();
    store.uuid.get_or_insert_with(|| snapshot.uuid.chars().rev().collect());
    store.snapshots.insert(name.clone(), snapshot);
    Ok(name)
}

/// Completes every running snapshot whose end the clock has reached; returns the completed ones
/// as (repository store, snapshot name), for SLM's bookkeeping.
pub fn complete_due(cluster: &mut Cluster) -> Vec<(String, String)> {
    let now = cluster.now_millis();
    let mut done = Vec::new();
    for (key, store) in cluster.repository_stores.iter_mut() {
        for snapshot in store.snapshots.values_mut() {
            if snapshot.state == "IN_PROGRESS" && snapshot.end_millis <= now {
                snapshot.state = if snapshot.reason.is_some() {
                    "FAILED"
                } else if snapshot.failed_indices.is_empty() {
                    "SUCCESS"
                } else {
                    "PARTIAL"
                }
                .to_string();
                done.push((key.clone(), snapshot.name.clone()));
            }
        }
    }
    done
}

/// `PUT|POST /_snapshot/{repository}/{snapshot}`
pub fn create_snapshot(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let repository_name = req.param("repository").unwrap_or_default().to_string();
    let body = req.json()?.unwrap_or_else(|| json!({}));
    let request = SnapshotRequest::from_body(&body);
    let name = start_snapshot(cluster, &repository_name, req.param("snapshot").unwrap_or_default(), &request)?;
    if !req.flag("wait_for_completion")? {
        return Ok(SandboxResponse::ok(json!({"accepted": true})));
    }
    // Waiting lets the virtual clock run to the snapshot's end.
    let end = stored(cluster, &repository_name, &name).map(|s| s.end_millis).unwrap_or(cluster.now_millis());
    super::control::advance_clock_to(cluster, end)?;
    let snapshot = stored(cluster, &repository_name, &name).ok_or_else(|| snapshot_missing(&repository_name, &name))?;
    Ok(SandboxResponse::ok(json!({"snapshot": snapshot_info(cluster, &repository_name, snapshot, &InfoOptions::FULL)})))
}

fn stored<'a>(cluster: &'a Cluster, repository: &str, name: &str) -> Option<&'a Snapshot> {
    let repo = cluster.repositories.get(repository)?;
    cluster.repository_stores.get(&repo.store)?.snapshots.get(name)
}

/// The snapshots of a registered repository, by name.
pub fn snapshots_of<'a>(cluster: &'a Cluster, repository: &str) -> impl Iterator<Item = &'a Snapshot> + 'a {
    let store = cluster.repositories.get(repository).and_then(|r| cluster.repository_stores.get(&r.store));
    store.into_iter().flat_map(|s| s.snapshots.values())
}

/// What `GET /_snapshot` renders.
#[derive(Debug, Clone, Copy)]
struct InfoOptions {
    verbose: bool,
    index_details: bool,
    include_repository: bool,
    human: bool,
}

impl InfoOptions {
    const FULL: InfoOptions =
        InfoOptions { verbose: true, index_details: false, include_repository: true, human: false };
}

/// ES's `SnapshotInfo` as JSON.
fn snapshot_info(cluster: &Cluster, repository: &str, s: &Snapshot, opts: &InfoOptions) -> Value {
    let mut o = Map::new();
    o.insert("snapshot".into(), json!(s.name));
    o.insert("uuid".into(), json!(s.uuid));
    if opts.include_repository {
        o.insert("repository".into(), json!(repository));
    }
    if opts.verbose {
        let v = cluster.version;
        o.insert("version_id".into(), json!(v.major * 1_000_000 + v.minor * 10_000 + v.patch * 100 + 99));
        o.insert("version".into(), json!(v.to_string()));
    }
    o.insert("indices".into(), json!(s.index_names()));
    o.insert("data_streams".into(), json!(s.data_streams));
    if !opts.verbose {
        o.insert("state".into(), json!(s.state));
        return Value::Object(o);
    }
    o.insert("include_global_state".into(), json!(s.include_global_state));
    if let Some(metadata) = &s.metadata {
        o.insert("metadata".into(), metadata.clone());
    }
    if let Some(reason) = &s.reason
        && s.state == "FAILED"
    {
        o.insert("reason".into(), json!(reason));
    }
    if opts.index_details {
        let details: Map<String, Value> = s
            .indices
            .iter()
            .map(|i| {
                let size = i.primary_store_bytes();
                let mut d = json!({"shard_count": i.shards(), "size_in_bytes": size, "max_segments_per_shard": 1});
                if opts.human {
                    d["size"] = json!(super::units::format_bytes(size));
                }
                (i.name.clone(), d)
            })
            .collect();
        o.insert("index_details".into(), Value::Object(details));
    }
    o.insert("state".into(), json!(s.state));
    o.insert("start_time".into(), json!(datemath::format_iso_millis(s.start_millis)));
    o.insert("start_time_in_millis".into(), json!(s.start_millis));
    if s.state != "IN_PROGRESS" {
        o.insert("end_time".into(), json!(datemath::format_iso_millis(s.end_millis)));
        o.insert("end_time_in_millis".into(), json!(s.end_millis));
        if opts.human {
            o.insert("duration".into(), json!(super::units::format_millis(s.end_millis - s.start_millis, 1)));
        }
        o.insert("duration_in_millis".into(), json!(s.end_millis - s.start_millis));
    }
    let failures: Vec<Value> = if s.state == "PARTIAL" || s.state == "FAILED" {
        s.indices
            .iter()
            .filter(|i| s.state == "FAILED" || s.failed_indices.contains(&i.name))
            .flat_map(|i| {
                let reason = s.reason.clone().unwrap_or_else(|| "IndexShardSnapshotFailedException[failed to write shard data]".to_string());
                (0..i.shards()).map(move |shard| {
                    json!({"index": i.name, "index_uuid": i.uuid, "shard_id": shard, "reason": reason, "node_id": "c2FuZGJveC1ub2RlLTE", "status": "INTERNAL_SERVER_ERROR"})
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    o.insert("failures".into(), json!(failures));
    let (total, failed) = s.shard_counts();
    let successful = if s.state == "IN_PROGRESS" { 0 } else { total - failed };
    o.insert("shards".into(), json!({"total": total, "failed": failed, "successful": successful}));
    o.insert("feature_states".into(), json!([]));
    Value::Object(o)
}

/// The snapshots of one repository a name list selects (`_all`, `*`, wildcards, `_current`).
fn select_snapshots<'a>(
    cluster: &'a Cluster,
    repository: &str,
    expression: &[String],
    ignore_unavailable: bool,
) -> EsResult<Vec<&'a Snapshot>> {
    let all: Vec<&Snapshot> = snapshots_of(cluster, repository).collect();
    if expression.is_empty() || expression.iter().any(|e| e == "_all") {
        return Ok(all);
    }
    let mut out: Vec<&Snapshot> = Vec::new();
    for name in expression {
        if name == "_current" {
            out.extend(all.iter().filter(|s| s.state == "IN_PROGRESS"));
        } else if name.contains('*') {
            out.extend(all.iter().filter(|s| simple_match(name, &s.name)));
        } else if let Some(s) = all.iter().find(|s| &s.name == name) {
            out.push(s);
        } else if !ignore_unavailable {
            return Err(snapshot_missing(repository, name));
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out.dedup_by(|a, b| a.name == b.name);
    Ok(out)
}

/// `GET /_snapshot/{repository}/{snapshot}`
pub fn get_snapshots(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let names = split_list(req.param("snapshot"));
    let ignore_unavailable = req.flag("ignore_unavailable")?;
    let flag_or = |name: &str, default: bool| -> EsResult<bool> {
        if req.param(name).is_some() { req.flag(name) } else { Ok(default) }
    };
    let opts = InfoOptions {
        verbose: flag_or("verbose", true)?,
        index_details: req.flag("index_details")?,
        include_repository: flag_or("include_repository", true)?,
        human: req.flag("human")?,
    };
    let mut found: Vec<(String, &Snapshot)> = Vec::new();
    for repository in select_repositories(cluster, req.param("repository"), true)? {
        for s in select_snapshots(cluster, &repository, &names, ignore_unavailable)? {
            found.push((repository.clone(), s));
        }
    }
    match req.param("sort").unwrap_or("start_time") {
        "name" => found.sort_by(|a, b| a.1.name.cmp(&b.1.name)),
        "duration" => found.sort_by_key(|(_, s)| (s.end_millis - s.start_millis, s.name.clone())),
        "index_count" => found.sort_by_key(|(_, s)| (s.indices.len(), s.name.clone())),
        "repository" => found.sort_by(|a, b| (&a.0, &a.1.name).cmp(&(&b.0, &b.1.name))),
        "shard_count" => found.sort_by_key(|(_, s)| (s.shard_counts().0, s.name.clone())),
        "failed_shard_count" => found.sort_by_key(|(_, s)| (s.shard_counts().1, s.name.clone())),
        "start_time" => found.sort_by_key(|(_, s)| (s.start_millis, s.name.clone())),
        other => {
            return Err(EsError::illegal_argument(format!("No enum constant for sort [{other}]")));
        }
    }
    if req.param("order") == Some("desc") {
        found.reverse();
    }
    let total = found.len();
    let offset: usize = req.param("offset").and_then(|o| o.parse().ok()).unwrap_or(0);
    let size: Option<usize> = req.param("size").and_then(|s| s.parse().ok()).filter(|s: &usize| *s > 0);
    let shown: Vec<Value> = found
        .iter()
        .skip(offset)
        .take(size.unwrap_or(usize::MAX))
        .map(|(repo, s)| snapshot_info(cluster, repo, s, &opts))
        .collect();
    let remaining = total.saturating_sub(offset + shown.len());
    Ok(SandboxResponse::ok(json!({"snapshots": shown, "total": total, "remaining": remaining})))
}

/// `GET /_snapshot/{repository}/{snapshot}/_status`, `/_snapshot/{repository}/_status` and
/// `/_snapshot/_status` (the last two: running snapshots only).
pub fn snapshot_status(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let names = split_list(req.param("snapshot"));
    let ignore_unavailable = req.flag("ignore_unavailable")?;
    let repositories: Vec<String> = match req.param("repository") {
        Some(r) => vec![repository(cluster, r).map(|_| r.to_string())?],
        None => cluster.repositories.keys().cloned().collect(),
    };
    let mut out = Vec::new();
    for repository in repositories {
        let selected: Vec<&Snapshot> = if names.is_empty() {
            snapshots_of(cluster, &repository).filter(|s| s.state == "IN_PROGRESS").collect()
        } else {
            select_snapshots(cluster, &repository, &names, ignore_unavailable)?
        };
        for s in selected {
            out.push(status_of(cluster, &repository, s));
        }
    }
    Ok(SandboxResponse::ok(json!({"snapshots": out})))
}

/// Files of a shard holding `doc_bytes` of documents in the sandbox's model: the commit point
/// (`segments_N`, all an empty shard has) plus one segment file per started 10 MB of documents.
pub fn shard_files(doc_bytes: u64) -> u64 {
    1 + doc_bytes.div_ceil(10 * 1024 * 1024)
}

fn status_of(cluster: &Cluster, repository: &str, s: &Snapshot) -> Value {
    let done = s.state != "IN_PROGRESS";
    let elapsed = if done { s.end_millis - s.start_millis } else { cluster.now_millis() - s.start_millis };
    let stats = |files: u64, bytes: u64| {
        json!({"incremental": {"file_count": files, "size_in_bytes": bytes},
               "total": {"file_count": files, "size_in_bytes": bytes},
               "start_time_in_millis": s.start_millis, "time_in_millis": elapsed})
    };
    let shards_stats = |total: u64, failed: u64| {
        let finished = if done { total - failed } else { 0 };
        json!({"initializing": 0, "started": if done { 0 } else { total }, "finalizing": 0,
               "done": finished, "failed": failed, "total": total})
    };
    let mut indices = Map::new();
    let (mut all_files, mut all_bytes, mut all_shards, mut all_failed) = (0, 0, 0, 0);
    for index in &s.indices {
        let shards = index.shards();
        let failed_index = s.state == "FAILED" || s.failed_indices.contains(&index.name);
        let mut per_shard = Map::new();
        let (mut files, mut bytes) = (0, 0);
        for shard in 0..shards {
            let shard_bytes = index.shard_share(index.primary_store_bytes(), shard);
            let shard_files = shard_files(index.shard_share(index.docs_bytes(), shard));
            files += shard_files;
            bytes += shard_bytes;
            let stage = match (done, failed_index) {
                (false, _) => "STARTED",
                (true, true) => "FAILURE",
                (true, false) => "DONE",
            };
            per_shard.insert(shard.to_string(), json!({"stage": stage, "stats": stats(shard_files, shard_bytes)}));
        }
        let failed = if failed_index && done { shards } else { 0 };
        all_files += files;
        all_bytes += bytes;
        all_shards += shards;
        all_failed += failed;
        indices.insert(
            index.name.clone(),
            json!({"shards_stats": shards_stats(shards, failed), "stats": stats(files, bytes), "shards": per_shard}),
        );
    }
    json!({"snapshot": s.name, "repository": repository, "uuid": s.uuid, "state": s.state,
           "include_global_state": s.include_global_state,
           "shards_stats": shards_stats(all_shards, all_failed), "stats": stats(all_files, all_bytes),
           "indices": indices})
}

/// `DELETE /_snapshot/{repository}/{snapshot}` (comma list and wildcards).
pub fn delete_snapshots(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let repository_name = req.param("repository").unwrap_or_default().to_string();
    let repo = repository(cluster, &repository_name)?.clone();
    if repo.read_only() {
        return Err(repository_exception(&repository_name, "cannot delete snapshot from a readonly repository"));
    }
    req.flag("wait_for_completion")?;
    let names = split_list(req.param("snapshot"));
    let selected: Vec<String> =
        select_snapshots(cluster, &repository_name, &names, false)?.iter().map(|s| s.name.clone()).collect();
    let store = cluster.repository_stores.entry(repo.store).or_default();
    for name in selected {
        // Deleting a running snapshot aborts it, as in ES.
        store.snapshots.remove(&name);
    }
    Ok(SandboxResponse::acknowledged())
}

/// Deletes snapshots by name from a repository (SLM retention).
pub fn remove_snapshots(cluster: &mut Cluster, repository_name: &str, names: &[String]) {
    let Some(key) = cluster.repositories.get(repository_name).map(|r| r.store.clone()) else { return };
    if let Some(store) = cluster.repository_stores.get_mut(&key) {
        for name in names {
            store.snapshots.remove(name);
        }
    }
}

/// `PUT /_snapshot/{repository}/{snapshot}/_clone/{target_snapshot}`
pub fn clone_snapshot(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let repository_name = req.param("repository").unwrap_or_default().to_string();
    let source_name = req.param("snapshot").unwrap_or_default().to_string();
    let target = req.param("target_snapshot").unwrap_or_default().to_string();
    let body = req.json()?.unwrap_or_else(|| json!({}));
    let patterns = body_indices(&body);
    if patterns.is_empty() {
        return Err(EsError::validation(&["indices patterns are empty".to_string()]));
    }
    let repo = repository(cluster, &repository_name)?.clone();
    validate_snapshot_name(&repository_name, &target)?;
    let source = stored(cluster, &repository_name, &source_name)
        .ok_or_else(|| snapshot_missing(&repository_name, &source_name))?;
    if stored(cluster, &repository_name, &target).is_some() {
        return Err(EsError::new(
            400,
            "invalid_snapshot_name_exception",
            format!(
                "[{repository_name}:{target}] Invalid snapshot name [{target}], snapshot with the same name already exists"
            ),
        ));
    }
    let mut clone = source.clone();
    clone.indices.retain(|i| patterns.iter().any(|p| simple_match(p, &i.name)));
    clone.name = target.clone();
    clone.uuid = new_uuid(cluster, &format!("snapshot/{repository_name}/{target}"));
    clone.start_millis = cluster.now_millis();
    clone.end_millis = cluster.now_millis();
    cluster.repository_stores.entry(repo.store).or_default().snapshots.insert(target, clone);
    Ok(SandboxResponse::acknowledged())
}

/// `POST /_snapshot/{repository}/{snapshot}/_restore`
pub fn restore_snapshot(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let repository_name = req.param("repository").unwrap_or_default().to_string();
    let name = req.param("snapshot").unwrap_or_default().to_string();
    let body = req.json()?.unwrap_or_else(|| json!({}));
    repository(cluster, &repository_name)?;
    let snapshot =
        stored(cluster, &repository_name, &name).ok_or_else(|| snapshot_missing(&repository_name, &name))?.clone();
    let restore_error = |why: String| {
        EsError::new(500, "snapshot_restore_exception", format!("[{repository_name}:{name}/{}] {why}", snapshot.uuid))
    };
    if snapshot.state == "IN_PROGRESS" || snapshot.state == "FAILED" {
        return Err(restore_error(format!("unsupported snapshot state [{}]", snapshot.state)));
    }
    let patterns = body_indices(&body);
    let chosen: Vec<&Index> = snapshot
        .indices
        .iter()
        .filter(|i| {
            patterns.is_empty()
                || patterns.iter().any(|p| if p.contains('*') { simple_match(p, &i.name) } else { p == &i.name })
        })
        .collect();
    for p in patterns.iter().filter(|p| !p.contains('*')) {
        if !snapshot.indices.iter().any(|i| &i.name == p) && body["ignore_unavailable"] != json!(true) {
            return Err(EsError::index_not_found(p));
        }
    }
    let partial = body["partial"] == json!(true);
    let rename = match (body["rename_pattern"].as_str(), body["rename_replacement"].as_str()) {
        (Some(p), Some(r)) => Some((
            regex::Regex::new(p).map_err(|e| EsError::illegal_argument(format!("invalid rename_pattern: {e}")))?,
            r.to_string(),
        )),
        _ => None,
    };
    let mut plan: Vec<(String, Index)> = Vec::new();
    for index in chosen {
        if snapshot.failed_indices.contains(&index.name) && !partial {
            return Err(restore_error(format!("index [{}] wasn't fully snapshotted - cannot restore", index.name)));
        }
        let target = match &rename {
            Some((re, replacement)) => re.replace_all(&index.name, replacement.as_str()).into_owned(),
            None => index.name.clone(),
        };
        if let Some(existing) = cluster.indices.get(&target)
            && !existing.is_closed()
        {
            return Err(restore_error(format!(
                "cannot restore index [{target}] because an open index with same name already exists in the cluster. Either close or delete the existing index or restore the index under a different name by providing a rename pattern and replacement name"
            )));
        }
        plan.push((target, index.clone()));
    }
    let include_aliases = body["include_aliases"] != json!(false);
    let mut restored = Vec::new();
    let mut shards = 0;
    for (target, mut index) in plan {
        index.name = target.clone();
        index.state = "open".to_string();
        index.ilm = None;
        index.uuid = new_uuid(cluster, &format!("restore/{target}"));
        if !include_aliases || target != index.name {
            index.aliases.clear();
        }
        if let Some(extra) = body.get("index_settings") {
            for (k, v) in settings::normalize(extra)? {
                index.settings.insert(k, v);
            }
        }
        index.settings.insert("index.uuid".to_string(), json!(index.uuid));
        index.restored_from = Some((repository_name.clone(), name.clone()));
        shards += index.shards();
        restored.push(target.clone());
        cluster.indices.insert(target, index);
    }
    super::ilm::run_engine(cluster);
    if req.flag("wait_for_completion")? {
        Ok(SandboxResponse::ok(json!({"snapshot": {"snapshot": name, "indices": restored,
            "shards": {"total": shards, "failed": 0, "successful": shards}}})))
    } else {
        Ok(SandboxResponse::ok(json!({"accepted": true})))
    }
}

/// `GET /_recovery` and `GET /{index}/_recovery`: how each assigned shard copy came to be —
/// primaries from an empty store, or from the snapshot they were restored from; replicas from
/// their primary. Everything is done (`DONE`): the sandbox recovers at once.
pub fn recovery(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let expressions = split_list(req.param("index"));
    let options = IndicesOptions::STRICT_EXPAND_OPEN.from_request(req)?;
    let names = expression::resolve(cluster, &expressions, options)?;
    let active_only = req.flag("active_only")?;
    let mut body = Map::new();
    for name in names {
        let Some(index) = cluster.indices.get(&name) else { continue };
        if active_only || index.is_closed() {
            continue;
        }
        let mut shards = Vec::new();
        for (shard, node) in index.assigned_copies(cluster.nodes) {
            let primary = index.node_of(shard, 0, cluster.nodes) == node;
            let bytes = index.shard_share(index.primary_store_bytes(), shard);
            let files = shard_files(index.shard_share(index.docs_bytes(), shard));
            let (kind, source, recovered) = match (&index.restored_from, primary) {
                (_, false) => (
                    "PEER",
                    json!({"id": cluster.node_id_of(index.node_of(shard, 0, cluster.nodes)),
                    "name": cluster.node_name_of(index.node_of(shard, 0, cluster.nodes))}),
                    true,
                ),
                (Some((repository, snapshot)), true) => (
                    "SNAPSHOT",
                    json!({"repository": repository, "snapshot": snapshot, "version": cluster.version.to_string(), "index": name,
                           "restoreUUID": index.uuid}),
                    true,
                ),
                (None, true) => ("EMPTY_STORE", json!({}), false),
            };
            let (files_recovered, bytes_recovered) = if recovered { (files, bytes) } else { (0, 0) };
            let percent = if recovered || files == 0 { "100.0%" } else { "0.0%" };
            shards.push(json!({
                "id": shard, "type": kind, "stage": "DONE", "primary": primary,
                "start_time_in_millis": index.creation_millis, "stop_time_in_millis": index.creation_millis,
                "total_time_in_millis": 0, "source": source,
                "target": {"id": cluster.node_id_of(node), "host": "127.0.0.1", "transport_address": "127.0.0.1:9300",
                           "ip": "127.0.0.1", "name": cluster.node_name_of(node)},
                "index": {
                    "size": {"total_in_bytes": bytes_recovered, "reused_in_bytes": 0, "recovered_in_bytes": bytes_recovered,
                             "recovered_from_snapshot_in_bytes": if kind == "SNAPSHOT" { bytes_recovered } else { 0 },
                             "percent": percent},
                    "files": {"total": files_recovered, "reused": 0, "recovered": files_recovered, "percent": percent},
                    "total_time_in_millis": 0, "source_throttle_time_in_millis": 0, "target_throttle_time_in_millis": 0,
                },
                "translog": {"recovered": 0, "total": 0, "percent": "100.0%", "total_on_start": 0, "total_time_in_millis": 0},
                "verify_index": {"check_index_time_in_millis": 0, "total_time_in_millis": 0},
            }));
        }
        body.insert(name, json!({"shards": shards}));
    }
    Ok(SandboxResponse::ok(Value::Object(body)))
}

/// Whether an index is in a snapshot that completed successfully and started at or after `since`
/// in any repository (ILM's `wait_for_snapshot`, with SLM's policy filter applied by the caller).
pub fn index_in_snapshot(snapshot: &Snapshot, index: &str) -> bool {
    snapshot.state == "SUCCESS" && snapshot.indices.iter().any(|i| i.name == index)
}

#[cfg(test)]
mod tests;
