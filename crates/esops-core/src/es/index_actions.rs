//! The requests of the index actions (`retention`, `indices close|open|forcemerge|set-replicas|
//! shrink`) and what counts as success for each: Elasticsearch's own success shape, never just a
//! 2xx. The disk model's reads (`_cat/allocation`, `_cat/shards`) for `--keep-disk-below` and the
//! shrink prerequisites live here too.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::indices::{encode_name, index_list_path};
use super::{Client, EsRequest, Method, RequestError};
use crate::lifecycle::index_action::{ActFailure, IndexAction, IndexActor, IndexState, shrink_target};
use crate::lifecycle::retention::{DiskModel, NodeUse, RetentionSnapshot, ShardCopy};

impl Client {
    /// The cluster as the selection sees it; with `disk`, also the nodes' disks and the shard
    /// placement (two more requests, whatever the number of indices).
    pub async fn selection_snapshot(&self, disk: bool) -> Result<RetentionSnapshot, RequestError> {
        if !disk {
            return self.retention_snapshot().await;
        }
        let (mut snapshot, nodes, shards) =
            tokio::try_join!(self.retention_snapshot(), self.node_disks(), self.shard_copies())?;
        let nodes = nodes
            .into_iter()
            .filter(|n| n.node != "UNASSIGNED")
            .filter_map(|n| Some(NodeUse { node: n.node, used_bytes: n.used_bytes?, total_bytes: n.total_bytes? }))
            .collect();
        snapshot.disk = Some(DiskModel::assemble(nodes, &shards));
        Ok(snapshot)
    }

    /// Every shard copy from `_cat/shards`, sizes in bytes.
    pub async fn shard_copies(&self) -> Result<Vec<ShardCopy>, RequestError> {
        let req = EsRequest::get("/_cat/shards")
            .query("format", "json")
            .query("bytes", "b")
            // `_cat/shards` takes no expand_wildcards: it lists hidden and closed indices' shards.
            .query("h", "index,shard,prirep,state,node,store");
        let rows: Vec<Value> = self.json(&req).await?;
        let text = |row: &Value, key: &str| row.get(key).and_then(Value::as_str).map(str::to_string);
        Ok(rows
            .iter()
            .filter_map(|row| {
                let started = text(row, "state").as_deref() == Some("STARTED");
                Some(ShardCopy {
                    index: text(row, "index")?,
                    shard: text(row, "shard")?.parse().ok()?,
                    node: text(row, "node").filter(|_| started),
                    store_bytes: text(row, "store").and_then(|s| s.parse().ok()),
                })
            })
            .collect())
    }

    /// The request carrying out `action` on `names`. Never retried by the transport: a write whose
    /// answer was lost is settled by a read-back, not by sending it again (a DELETE sent twice
    /// answers 404 the second time and hides what the first did). `None` for a snapshot, which
    /// the snapshot step takes for the whole selection ([`Client::snapshot_and_wait`]).
    fn action_request(action: IndexAction, names: &[String]) -> Option<EsRequest> {
        let list = index_list_path(names);
        let mut req = match action {
            IndexAction::Snapshot => return None,
            IndexAction::Delete => EsRequest::new(Method::Delete, list),
            IndexAction::Close => EsRequest::new(Method::Post, format!("{list}/_close")),
            IndexAction::Open => EsRequest::new(Method::Post, format!("{list}/_open")),
            IndexAction::Forcemerge { max_segments } => EsRequest::new(Method::Post, format!("{list}/_forcemerge"))
                .query("max_num_segments", max_segments.to_string()),
            IndexAction::SetReplicas { replicas } => EsRequest::new(Method::Put, format!("{list}/_settings"))
                .json(json!({"index": {"number_of_replicas": replicas}})),
            IndexAction::Shrink { shards } => {
                let source = names.first().map(String::as_str).unwrap_or_default();
                EsRequest::new(
                    Method::Post,
                    format!("/{}/_shrink/{}", encode_name(source), encode_name(&shrink_target(source))),
                )
                // The target copies the source's settings; the block and the allocation
                // filter that prepared the shrink must not follow it.
                .json(json!({"settings": {
                    "index.number_of_shards": shards,
                    "index.blocks.write": null,
                    "index.routing.allocation.require._name": null
                }}))
            }
        };
        req.idempotent = false;
        Some(req)
    }
}

/// Whether `body` is Elasticsearch's success shape for `action` on `names`.
fn succeeded(action: IndexAction, names: &[String], body: &Value) -> Result<(), String> {
    let acknowledged = body.get("acknowledged").and_then(Value::as_bool);
    match action {
        IndexAction::Forcemerge { .. } => {
            let shards = body.get("_shards").ok_or("no _shards in the answer")?;
            let failed = shards.get("failed").and_then(Value::as_u64).ok_or("no _shards.failed in the answer")?;
            if failed > 0 {
                return Err(format!(
                    "{failed} shard(s) failed to merge: {}",
                    shards.get("failures").unwrap_or(&Value::Null)
                ));
            }
            Ok(())
        }
        _ if acknowledged != Some(true) => Err(match acknowledged {
            Some(false) => "acknowledged: false (the cluster did not confirm in time; it may still apply)".into(),
            _ => "the answer has no acknowledged: true".into(),
        }),
        IndexAction::Close => {
            // 7.2+: a per-index result; older versions have only the acknowledgement.
            let Some(indices) = body.get("indices").and_then(Value::as_object) else { return Ok(()) };
            let not_closed: Vec<&String> = names
                .iter()
                .filter(|n| {
                    indices.get(n.as_str()).and_then(|i| i.get("closed")).and_then(Value::as_bool) == Some(false)
                })
                .collect();
            if not_closed.is_empty() { Ok(()) } else { Err(format!("not closed: {not_closed:?}")) }
        }
        _ => Ok(()),
    }
}

impl IndexActor for Client {
    async fn act(&self, action: IndexAction, names: &[String]) -> Result<(), ActFailure> {
        if names.is_empty() {
            return Ok(()); // an empty list names nothing; never let it become a broader target
        }
        let Some(req) = Client::action_request(action, names) else {
            return Err(ActFailure::Refused(format!("{} is not sent per batch", action.verb())));
        };
        match self.send(&req).await {
            Ok(resp) => {
                let body: Value = resp.json().map_err(|e| ActFailure::Unknown(e.to_string()))?;
                succeeded(action, names, &body).map_err(ActFailure::Unknown)
            }
            Err(e) => Err(match e.refusal() {
                Some(r) if r.status == 404 && r.error_type.as_deref() == Some("index_not_found_exception") => {
                    ActFailure::Missing
                }
                // A definite answer: the cluster looked at the request and did nothing.
                Some(r) if r.status < 500 && r.status != 408 && r.status != 429 => ActFailure::Refused(e.to_string()),
                _ => ActFailure::Unknown(e.to_string()),
            }),
        }
    }

    async fn read_back(&self) -> Result<BTreeMap<String, IndexState>, String> {
        let indices = self.cat_indices_all().await.map_err(|e| e.to_string())?;
        Ok(indices
            .into_iter()
            .map(|i| (i.index, IndexState { open: i.status != "close", replicas: i.replicas }))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn only_the_success_shape_counts() {
        let ab = names(&["a", "b"]);
        assert!(succeeded(IndexAction::Delete, &ab, &json!({"acknowledged": true})).is_ok());
        assert!(succeeded(IndexAction::Delete, &ab, &json!({"acknowledged": false})).is_err());
        assert!(succeeded(IndexAction::Delete, &ab, &json!({})).is_err());
        assert!(succeeded(IndexAction::Delete, &ab, &json!("<html>")).is_err());
        let closed = json!({"acknowledged": true, "shards_acknowledged": true,
            "indices": {"a": {"closed": true}, "b": {"closed": false, "failedShards": {}}}});
        assert!(succeeded(IndexAction::Close, &ab, &closed).unwrap_err().contains("\"b\""));
        let merged = json!({"_shards": {"total": 2, "successful": 2, "failed": 0}});
        assert!(succeeded(IndexAction::Forcemerge { max_segments: 1 }, &ab, &merged).is_ok());
        let half = json!({"_shards": {"total": 2, "successful": 1, "failed": 1, "failures": []}});
        assert!(succeeded(IndexAction::Forcemerge { max_segments: 1 }, &ab, &half).is_err());
    }

    #[test]
    fn action_requests_are_never_retried_by_the_transport() {
        for action in [
            IndexAction::Delete,
            IndexAction::Close,
            IndexAction::Open,
            IndexAction::Forcemerge { max_segments: 1 },
            IndexAction::SetReplicas { replicas: 0 },
            IndexAction::Shrink { shards: 1 },
        ] {
            assert!(!Client::action_request(action, &names(&["a"])).unwrap().idempotent, "{action:?}");
        }
        let shrink = Client::action_request(IndexAction::Shrink { shards: 1 }, &names(&["logs-2024.01.01"])).unwrap();
        assert_eq!(shrink.path, "/logs-2024.01.01/_shrink/shrink-logs-2024.01.01");
    }
}
