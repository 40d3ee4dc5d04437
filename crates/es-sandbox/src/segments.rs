//! Lucene segments, as far as operators see them: `POST /{index}/_flush`, `POST /{index}/_forcemerge`,
//! `GET /{index}/_segments` and `GET /_cat/segments` (and `segments.count` in `_cat/indices`).
//!
//! The sandbox keeps no real segments. A shard with documents has the segments Lucene's
//! `TieredMergePolicy` tends to leave (about ten per tenfold of size above its 2 MiB floor
//! segment, so one for a small shard); an empty shard has none. A force merge to
//! `max_num_segments` caps that count until the index's documents change. Every segment is
//! committed: the sandbox has no translog to flush, so a flush only answers its shard counts.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::cat::{self, Cell, Column, num, text};
use super::error::{EsError, EsResult};
use super::expression::{self, IndicesOptions, split_list};
use super::http::{SandboxRequest, SandboxResponse};
use super::indices::ShardTotals;
use super::state::{Cluster, Index};

/// `TieredMergePolicy`'s default floor segment size (2 MiB).
const FLOOR_SEGMENT_BYTES: f64 = 2.0 * 1024.0 * 1024.0;

/// What a force merge left: the cap on segments per shard, while the document count is the one
/// it merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergedSegments {
    /// Documents in the index when it was merged.
    pub docs: u64,
    /// `max_num_segments` of the merge.
    pub max_segments: u64,
}

/// Segments of one copy of `shard` of `index`.
pub fn segment_count(index: &Index, shard: u64) -> u64 {
    let docs = index.shard_share(index.doc_count(), shard);
    if docs == 0 {
        return 0;
    }
    let bytes = index.shard_share(index.primary_store_bytes(), shard) as f64;
    let natural = 1 + (10.0 * (bytes.max(FLOOR_SEGMENT_BYTES) / FLOOR_SEGMENT_BYTES).log10()) as u64;
    match index.merged {
        Some(m) if m.docs == index.doc_count() => natural.min(m.max_segments),
        _ => natural,
    }
}

/// Segments of every copy (primaries and assigned replicas) of `index`.
pub fn total_segments(index: &Index, nodes: u64) -> u64 {
    index.assigned_copies(nodes).map(|(shard, _)| segment_count(index, shard)).sum()
}

/// Lucene's segment name of a generation: `_` and the generation in base 36.
fn segment_name(generation: u64) -> String {
    let mut digits = Vec::new();
    let mut n = generation;
    loop {
        digits.push(std::char::from_digit((n % 36) as u32, 36).unwrap_or('0'));
        n /= 36;
        if n == 0 {
            break;
        }
    }
    format!("_{}", digits.iter().rev().collect::<String>())
}

/// One segment of a shard: `(generation, docs, bytes)`, the shard's documents and bytes shared
/// out, the remainder to the oldest (largest) segment.
fn segments_of(index: &Index, shard: u64) -> Vec<(u64, u64, u64)> {
    let count = segment_count(index, shard);
    let docs = index.shard_share(index.doc_count(), shard);
    let bytes = index.shard_share(index.primary_store_bytes(), shard);
    (0..count)
        .map(|g| {
            let first = u64::from(g == 0);
            (g, docs / count + first * (docs % count), bytes / count + first * (bytes % count))
        })
        .collect()
}

/// The open indices a broadcast request (flush, force merge, segments) resolves to
/// (`strictExpandOpenAndForbidClosed`): a closed index named explicitly is ES's
/// `index_closed_exception`, or skipped under `ignore_unavailable`.
fn open_targets<'a>(cluster: &'a Cluster, req: &SandboxRequest) -> EsResult<Vec<&'a Index>> {
    let opts = IndicesOptions::STRICT_EXPAND_OPEN.from_request(req)?;
    let mut indices = expression::resolve_indices(cluster, &split_list(req.param("index")), opts)?;
    if opts.ignore_unavailable {
        indices.retain(|i| !i.is_closed());
    } else if let Some(closed) = indices.iter().find(|i| i.is_closed()) {
        return Err(super::indices::index_closed(closed));
    }
    Ok(indices)
}

/// `POST|GET /_flush`, `/{index}/_flush`: every segment is already committed; the flush is
/// counted (`_stats`' `flush.total`).
pub fn flush(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let force = req.flag("force")?;
    let wait_if_ongoing = req.param("wait_if_ongoing").is_none() || req.flag("wait_if_ongoing")?;
    // `FlushRequest.validate`.
    if force && !wait_if_ongoing {
        return Err(EsError::validation(&["wait_if_ongoing must be true for a force flush".to_string()]));
    }
    let names: Vec<String> = open_targets(cluster, req)?.iter().map(|i| i.name.clone()).collect();
    for name in &names {
        if let Some(mut index) = cluster.indices.get_mut(name) {
            index.flushes += 1;
        }
    }
    let indices = names.iter().filter_map(|n| cluster.indices.get(n));
    Ok(SandboxResponse::ok(json!({"_shards": ShardTotals::of(indices, cluster.nodes).header()})))
}

/// `POST /_forcemerge`, `/{index}/_forcemerge` (`RestForceMergeAction`, `ForceMergeRequest`).
pub fn forcemerge(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let max_segments = match req.param("max_num_segments") {
        None => None,
        Some(v) => Some(v.parse::<i64>().map_err(|_| {
            EsError::illegal_argument(format!("Failed to parse int parameter [max_num_segments] with value [{v}]"))
        })?),
    };
    let only_expunge_deletes = req.flag("only_expunge_deletes")?;
    req.flag("flush")?;
    if only_expunge_deletes && max_segments.is_some_and(|m| m != -1) {
        return Err(EsError::validation(&[
            "cannot set only_expunge_deletes and max_num_segments at the same time, those two parameters are mutually exclusive".to_string(),
        ]));
    }
    let wait = req.param("wait_for_completion").is_none() || req.flag("wait_for_completion")?;
    let names: Vec<String> = open_targets(cluster, req)?.iter().map(|i| i.name.clone()).collect();
    // Without `max_num_segments` Lucene merges only what its policy wants, which the sandbox's
    // segment counts already are; `only_expunge_deletes` has no deleted documents to expunge.
    if let Some(max) = max_segments.filter(|m| *m > 0) {
        for name in &names {
            if let Some(mut index) = cluster.indices.get_mut(name) {
                index.merged = Some(MergedSegments { docs: index.doc_count(), max_segments: max.unsigned_abs() });
            }
        }
    }
    if !wait {
        // The merge is already done; ES answers the id of the task it started.
        let task = format!("{}:{}", cluster.node_id_of(0), cluster.now_millis().rem_euclid(1_000_000));
        return Ok(SandboxResponse::ok(json!({"task": task})));
    }
    let indices: Vec<&Index> = names.iter().filter_map(|n| cluster.indices.get(n)).collect();
    Ok(SandboxResponse::ok(json!({"_shards": ShardTotals::of(indices, cluster.nodes).header()})))
}

/// `GET /_segments`, `/{index}/_segments` (`IndicesSegmentResponse`).
pub fn get(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let indices = open_targets(cluster, req)?;
    let lucene = lucene_version(cluster);
    let nodes = cluster.nodes;
    let mut out = Map::new();
    for index in &indices {
        let mut shards = Map::new();
        for shard in 0..index.shards() {
            let copies: Vec<Value> = index
                .assigned_copies(nodes)
                .filter(|(s, _)| *s == shard)
                .enumerate()
                .map(|(copy, (_, node))| {
                    let segments: Map<String, Value> = segments_of(index, shard)
                        .into_iter()
                        .map(|(generation, docs, bytes)| {
                            let mut s = json!({"generation": generation, "num_docs": docs, "deleted_docs": 0,
                                "size_in_bytes": bytes});
                            if cluster.version.major == 7 {
                                s["memory_in_bytes"] = json!(0);
                            }
                            s["committed"] = json!(true);
                            s["search"] = json!(true);
                            s["version"] = json!(lucene);
                            s["compound"] = json!(bytes < 100 * 1024 * 1024);
                            s["attributes"] = json!({"Lucene90StoredFieldsFormat.mode": "BEST_SPEED"});
                            (segment_name(generation), s)
                        })
                        .collect();
                    let count = segments.len();
                    json!({
                        "routing": {"state": "STARTED", "primary": copy == 0, "node": cluster.node_id_of(node)},
                        "num_committed_segments": count,
                        "num_search_segments": count,
                        "segments": segments,
                    })
                })
                .collect();
            shards.insert(shard.to_string(), Value::Array(copies));
        }
        out.insert(index.name.clone(), json!({"shards": shards}));
    }
    Ok(SandboxResponse::ok(json!({
        "_shards": ShardTotals::of(indices, nodes).header(),
        "indices": out,
    })))
}

/// The Lucene version of the emulated release (what `GET /` reports).
fn lucene_version(cluster: &Cluster) -> &'static str {
    super::cluster_api::release_facts(cluster).0
}

/// `_cat/segments` columns (`RestSegmentsAction`).
const SEGMENT_COLUMNS: &[Column] = &[
    cat::col("index", &["i", "idx"], true, false, "index name"),
    cat::col("shard", &["s", "sh"], true, true, "shard name"),
    cat::col("prirep", &["p", "pr", "primaryOrReplica"], true, false, "primary or replica"),
    cat::col("ip", &[], true, false, "ip of node where it lives"),
    cat::col("id", &[], false, false, "unique id of node where it lives"),
    cat::col("segment", &["seg"], true, false, "segment name"),
    cat::col("generation", &["g", "gen"], true, true, "segment generation"),
    cat::col("docs.count", &["dc", "docsCount"], true, true, "number of docs in segment"),
    cat::col("docs.deleted", &["dd", "docsDeleted"], true, true, "number of deleted docs in segment"),
    cat::col("size", &["si"], true, true, "segment size in bytes"),
    cat::col("size.memory", &["sm", "sizeMemory"], true, true, "segment memory in bytes"),
    cat::col("committed", &["ic", "isCommitted"], true, false, "is segment committed"),
    cat::col("searchable", &["is", "isSearchable"], true, false, "is segment searched"),
    cat::col("version", &["v", "ver"], true, false, "version"),
    cat::col("compound", &["ico", "isCompound"], true, false, "is segment compound"),
];

/// `GET /_cat/segments[/{index}]`: one row per segment of every started copy.
pub fn cat(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let indices = open_targets(cluster, req)?;
    let lucene = lucene_version(cluster);
    let mut rows = Vec::new();
    for index in indices {
        for (shard, node) in index.assigned_copies(cluster.nodes) {
            let primary = index.node_of(shard, 0, cluster.nodes) == node;
            for (generation, docs, bytes) in segments_of(index, shard) {
                rows.push(vec![
                    text(index.name.as_str()),
                    num(shard),
                    text(if primary { "p" } else { "r" }),
                    text("127.0.0.1"),
                    text(cluster.node_id_of(node)),
                    text(segment_name(generation)),
                    num(generation),
                    num(docs),
                    num(0u8),
                    Cell::Bytes(bytes),
                    // A plain number: Lucene 9 segments hold no heap (`RestSegmentsAction`).
                    num(0u8),
                    text("true"),
                    text("true"),
                    text(lucene),
                    text(if bytes < 100 * 1024 * 1024 { "true" } else { "false" }),
                ]);
            }
        }
    }
    cat::respond_rows(SEGMENT_COLUMNS, rows, req)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::{Method, ResponseBody};
    use crate::router::test_request;
    use crate::version::EsVersion;

    fn body(r: SandboxResponse) -> Value {
        match r.body {
            ResponseBody::Json(v) => v,
            ResponseBody::JsonText(t) => serde_json::from_str(&t).unwrap(),
            other => panic!("not JSON: {other:?}"),
        }
    }

    #[test]
    fn names_are_base36_generations() {
        assert_eq!((segment_name(0), segment_name(35), segment_name(36)), ("_0".into(), "_z".into(), "_10".into()));
    }

    #[test]
    fn force_merge_caps_segments_until_documents_change() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 0);
        crate::indices::create_index(
            &mut c,
            "logs",
            &json!({"settings": {"number_of_shards": 1, "number_of_replicas": 0}}),
            crate::indices::Origin::Api,
        )
        .unwrap();
        assert_eq!(segment_count(&c.indices["logs"], 0), 0, "an empty shard has no segments");
        c.indices.get_mut("logs").unwrap().seeded_docs = 1_000_000;
        c.indices.get_mut("logs").unwrap().seeded_primary_bytes = 2 * 1024 * 1024 * 1024;
        assert_eq!(segment_count(&c.indices["logs"], 0), 31);
        let r = forcemerge(&mut c, &test_request(Method::Post, "/logs/_forcemerge?max_num_segments=1", Value::Null));
        assert_eq!(body(r.unwrap())["_shards"], json!({"total": 1, "successful": 1, "failed": 0}));
        let v = body(get(&c, &test_request(Method::Get, "/logs/_segments", Value::Null)).unwrap());
        let copy = &v["indices"]["logs"]["shards"]["0"][0];
        assert_eq!((&copy["num_search_segments"], &copy["segments"]["_0"]["num_docs"]), (&json!(1), &json!(1_000_000)));
        c.indices.get_mut("logs").unwrap().seeded_docs += 1;
        assert_eq!(segment_count(&c.indices["logs"], 0), 31, "new documents, new segments");
        let e = forcemerge(
            &mut c,
            &test_request(Method::Post, "/logs/_forcemerge?max_num_segments=1&only_expunge_deletes=true", Value::Null),
        )
        .unwrap_err();
        assert_eq!(e.kind, "action_request_validation_exception");
    }
}
