//! Typed calls for snapshot repositories, snapshots and SLM: what the audit reads about backups,
//! and what `retention --snapshot-to` sends.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;
use serde_json::{Value, json};

use super::{Client, EsRequest, Method, RequestError};

/// A registered repository.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepositoryInfo {
    /// Name.
    pub name: String,
    /// `fs`, `s3`, ….
    #[serde(rename = "type")]
    pub kind: String,
}

/// One snapshot, as a listing shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SnapshotInfo {
    /// Repository.
    pub repository: String,
    /// Name.
    pub name: String,
    /// `SUCCESS`, `PARTIAL`, `FAILED`, `IN_PROGRESS`, `INCOMPATIBLE`.
    pub state: String,
    /// Indices in it.
    pub indices: Vec<String>,
    /// Start, epoch millis.
    pub start_millis: Option<i64>,
    /// Size of each index in it, bytes (`index_details`).
    pub index_bytes: BTreeMap<String, u64>,
    /// Shards that failed, with the index and reason of each.
    pub failures: Vec<(String, String)>,
    /// Why a `FAILED` snapshot failed.
    pub reason: Option<String>,
}

impl SnapshotInfo {
    fn parse(repository_default: &str, s: &Value) -> Option<SnapshotInfo> {
        let strings = |v: &Value| -> Vec<String> {
            v.as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_string).collect()
        };
        Some(SnapshotInfo {
            repository: s["repository"].as_str().unwrap_or(repository_default).to_string(),
            name: s["snapshot"].as_str()?.to_string(),
            state: s["state"].as_str().unwrap_or("").to_string(),
            indices: strings(&s["indices"]),
            start_millis: s["start_time_in_millis"].as_i64(),
            index_bytes: s["index_details"]
                .as_object()
                .into_iter()
                .flatten()
                .filter_map(|(k, v)| Some((k.clone(), v["size_in_bytes"].as_u64()?)))
                .collect(),
            failures: s["failures"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|f| {
                    (f["index"].as_str().unwrap_or("").to_string(), f["reason"].as_str().unwrap_or("").to_string())
                })
                .collect(),
            reason: s["reason"].as_str().map(str::to_string),
        })
    }
}

/// An SLM policy with its last runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlmPolicyInfo {
    /// Id.
    pub name: String,
    /// Cron schedule.
    pub schedule: String,
    /// Repository it snapshots into.
    pub repository: String,
    /// `config.indices` (empty: all indices).
    pub indices: Vec<String>,
    /// Last change, epoch millis.
    pub modified_millis: Option<i64>,
    /// Start of the last successful snapshot, epoch millis.
    pub last_success_millis: Option<i64>,
    /// Time and details of the last failure.
    pub last_failure: Option<(i64, String)>,
}

/// Why a repository failed verification, or `None` when it passed.
pub type Verification = Option<String>;

/// A 404 or 400 from an API the cluster does not have (SLM on OpenSearch): nothing to read.
fn absent(e: &RequestError) -> bool {
    e.refusal().is_some_and(|r| matches!(r.status, 400 | 404 | 405))
}

/// A 401 or 403: the user may not read (or verify) this.
pub fn forbidden(e: &RequestError) -> bool {
    e.refusal().is_some_and(|r| matches!(r.status, 401 | 403))
}

impl Client {
    /// Every registered repository, in one request.
    pub async fn snapshot_repositories(&self) -> Result<Vec<RepositoryInfo>, RequestError> {
        match self.json::<BTreeMap<String, Value>>(&EsRequest::get("/_snapshot")).await {
            Ok(map) => Ok(map
                .into_iter()
                .map(|(name, v)| RepositoryInfo { name, kind: v["type"].as_str().unwrap_or("").to_string() })
                .collect()),
            Err(e) if absent(&e) => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    /// Every snapshot of every repository with per-index sizes, in one request.
    pub async fn snapshots_all(&self) -> Result<Vec<SnapshotInfo>, RequestError> {
        let req =
            EsRequest::get("/_snapshot/_all/_all").query("index_details", "true").query("ignore_unavailable", "true");
        match self.json::<Value>(&req).await {
            Ok(body) => Ok(body["snapshots"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| SnapshotInfo::parse("", s))
                .collect()),
            Err(e) if absent(&e) => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    /// Every SLM policy with its last success and failure, in one request.
    pub async fn slm_policies(&self) -> Result<Vec<SlmPolicyInfo>, RequestError> {
        let body = match self.json::<BTreeMap<String, Value>>(&EsRequest::get("/_slm/policy")).await {
            Ok(body) => body,
            Err(e) if absent(&e) => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        Ok(body
            .into_iter()
            .map(|(name, v)| {
                let policy = &v["policy"];
                let indices = match &policy["config"]["indices"] {
                    Value::String(s) => s.split(',').map(str::to_string).collect(),
                    Value::Array(a) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
                    _ => Vec::new(),
                };
                SlmPolicyInfo {
                    name,
                    schedule: policy["schedule"].as_str().unwrap_or("").to_string(),
                    repository: policy["repository"].as_str().unwrap_or("").to_string(),
                    indices,
                    modified_millis: v["modified_date_millis"].as_i64(),
                    last_success_millis: v["last_success"]["start_time"]
                        .as_i64()
                        .or_else(|| v["last_success"]["time"].as_i64()),
                    last_failure: v["last_failure"]["time"]
                        .as_i64()
                        .map(|t| (t, v["last_failure"]["details"].as_str().unwrap_or("").to_string())),
                }
            })
            .collect())
    }

    /// `POST /_snapshot/{repository}/_verify`: `None` when every node can use it, else why not.
    /// A refusal for want of privileges is an error, not a failed verification.
    pub async fn verify_repository(&self, repository: &str) -> Result<Verification, RequestError> {
        let req =
            EsRequest::new(Method::Post, format!("/_snapshot/{}/_verify", super::indices::encode_name(repository)));
        match self.send(&req).await {
            Ok(_) => Ok(None),
            Err(e) => match e.refusal() {
                Some(r) if r.status >= 500 || r.error_type.as_deref() == Some("repository_verification_exception") => {
                    Ok(Some(r.reason.clone()))
                }
                _ => Err(e),
            },
        }
    }

    /// Takes snapshot `name` (date math allowed) of exactly `indices` into `repository` and waits
    /// for it to end (`wait_for_completion`), for at most `timeout`. Answers the snapshot as ES
    /// reports it at its end.
    pub async fn snapshot_and_wait(
        &self,
        repository: &str,
        name: &str,
        indices: &[String],
        metadata: Value,
        timeout: Duration,
    ) -> Result<SnapshotInfo, RequestError> {
        let body = json!({
            "indices": indices,
            // An index missing now is a reason to stop, not to snapshot the rest silently.
            "ignore_unavailable": false,
            "include_global_state": false,
            "partial": false,
            "metadata": metadata,
        });
        let req = EsRequest::new(
            Method::Put,
            format!("/_snapshot/{}/{}", super::indices::encode_name(repository), super::indices::encode_name(name)),
        )
        .query("wait_for_completion", "true")
        .timeout(timeout)
        // Sent twice, the second would fail (the name exists) or snapshot again.
        .not_idempotent()
        .json(body);
        let answer: Value = self.json(&req).await?;
        SnapshotInfo::parse(repository, &answer["snapshot"]).ok_or_else(|| RequestError::Decode {
            request: format!("PUT /_snapshot/{repository}/{name}"),
            detail: "the answer has no `snapshot`".to_string(),
        })
    }
}
