//! The nodes' disks and ES's `DiskThresholdMonitor`: every index with a shard copy on a node above
//! the flood-stage watermark gets `index.blocks.read_only_allow_delete`, and the block is released
//! once none of its nodes is above the high watermark (ES 7.4+). Watermarks come from the cluster
//! settings (defaults 85% / 90% / 95%), as percentages or as absolute free space, with 8.x's
//! `max_headroom` caps. Each node has a disk of `disk_total_bytes`, `disk_other_bytes` of it used
//! by other things than indices.

use serde_json::{Value, json};

use super::error::{EsError, EsResult};
use super::state::{Cluster, Index};
use super::units::parse_bytes;

const BLOCK: &str = "index.blocks.read_only_allow_delete";

/// What one node holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NodeDisk {
    /// Shard copies on the node.
    pub shards: u64,
    /// Bytes of those copies.
    pub indices_bytes: u64,
    /// Bytes the disk holds: indices plus everything else, at most the disk.
    pub used_bytes: u64,
}

/// The disk monitor's sums over the indices, valid while the indices stay at `generation`: a seed
/// of 100 indices adds its own to them instead of summing 100,000 indices again per call.
#[derive(Debug, Clone, Default)]
pub struct DiskTally {
    generation: u64,
    nodes: u64,
    /// Per node: shard copies and their bytes (`used_bytes` unset).
    usage: Vec<NodeDisk>,
    /// Indices carrying the flood-stage block.
    blocked: usize,
}

impl DiskTally {
    /// Adds an index's assigned copies.
    pub fn add(&mut self, index: &Index) {
        let store = index.primary_store_bytes();
        for (shard, node) in index.assigned_copies(self.nodes) {
            self.usage[node].shards += 1;
            self.usage[node].indices_bytes += index.shard_share(store, shard);
        }
        self.blocked += usize::from(index.settings.contains_key(BLOCK));
    }

    /// Declares the tally complete for the indices as they are now: the caller added every
    /// index created or changed since it was taken.
    pub fn settle(mut self, cluster: &mut Cluster) {
        self.generation = cluster.indices.generation();
        cluster.disk_tally = Some(self);
    }
}

/// The tally of the indices as they are: the remembered one while still valid, else summed anew.
pub fn tally(cluster: &Cluster) -> DiskTally {
    let nodes = cluster.nodes.max(1);
    if let Some(t) = &cluster.disk_tally
        && t.generation == cluster.indices.generation()
        && t.nodes == nodes
    {
        return t.clone();
    }
    let mut tally = DiskTally {
        generation: cluster.indices.generation(),
        nodes,
        usage: vec![NodeDisk::default(); nodes as usize],
        blocked: 0,
    };
    for index in cluster.indices.values() {
        tally.add(index);
    }
    tally
}

/// Each node's shards and disk use, in node order, from the placement of every assigned copy.
pub fn node_usage(cluster: &Cluster) -> Vec<NodeDisk> {
    let mut usage = tally(cluster).usage;
    for node in &mut usage {
        node.used_bytes = (node.indices_bytes + cluster.disk_other_bytes).min(cluster.disk_total_bytes);
    }
    usage
}

/// The most a watermark lets the disk hold, in bytes: `95%` of the disk (capped by the default
/// headroom on large disks), or the disk minus an absolute free-space value (`10gb`).
fn watermark_limit(cluster: &Cluster, name: &str, default_percent: f64, default_headroom: u64) -> EsResult<u64> {
    let total = cluster.disk_total_bytes;
    let key = format!("cluster.routing.allocation.disk.watermark.{name}");
    let value = cluster.setting(&key).unwrap_or("");
    let percent = match value.strip_suffix('%') {
        Some(p) => {
            Some(p.trim().parse::<f64>().map_err(|_| EsError::illegal_argument(format!("failed to parse [{key}]")))?)
        }
        None if value.is_empty() => Some(default_percent),
        None => None,
    };
    Ok(match percent {
        Some(p) => {
            let by_percent = (total as f64 * (100.0 - p) / 100.0) as u64;
            // 8.x: a percentage watermark never asks for more free space than its headroom.
            let headroom = match cluster.setting(&format!("{key}.max_headroom")) {
                Some(h) => parse_bytes(h, &format!("{key}.max_headroom"))?,
                None if value.is_empty() && cluster.version.at_least(8, 5) => default_headroom,
                None => u64::MAX,
            };
            total - by_percent.min(headroom)
        }
        None => total.saturating_sub(parse_bytes(value, &key)?),
    })
}

/// Applies or releases the flood-stage block, as ES's monitor does on its next run: blocked when
/// a copy sits on a node at or above the flood stage, released when no copy sits on a node at or
/// above the high watermark, left alone in between.
pub fn apply_watermarks(cluster: &mut Cluster) -> EsResult<()> {
    if cluster.setting("cluster.routing.allocation.disk.threshold_enabled") == Some("false") {
        return Ok(());
    }
    let flood = watermark_limit(cluster, "flood_stage", 95.0, 100 << 30)?;
    let high = watermark_limit(cluster, "high", 90.0, 150 << 30)?;
    let tally = tally(cluster);
    let blocked = tally.blocked;
    // Remembered for the next run (a seed's), valid until the indices change.
    cluster.disk_tally = Some(tally);
    let usage = node_usage(cluster);
    let above = |limit: u64| -> Vec<bool> { usage.iter().map(|n| n.used_bytes >= limit).collect() };
    let (above_flood, above_high) = (above(flood), above(high));
    if !above_high.contains(&true) && blocked == 0 {
        return Ok(());
    }
    let nodes = cluster.nodes.max(1);
    // Which blocks change, then only those indices: most runs change none.
    let changes: Vec<(String, Option<Value>)> = cluster
        .indices
        .values()
        .filter_map(|index| {
            let on = |marked: &[bool]| index.assigned_copies(nodes).any(|(_, node)| marked[node]);
            let block = if on(&above_flood) {
                Some(json!("true"))
            } else if !on(&above_high) {
                None
            } else {
                return None;
            };
            (index.settings.get(BLOCK) != block.as_ref()).then(|| (index.name.clone(), block))
        })
        .collect();
    for (name, block) in changes {
        if let Some(mut index) = cluster.indices.get_mut(&name) {
            match block {
                Some(value) => index.settings.insert(BLOCK.to_string(), value),
                None => index.settings.remove(BLOCK),
            };
        }
    }
    Ok(())
}

/// `POST /_sandbox/disk?total=1tb&other=20gb`: resizes every node's simulated disk, then runs the
/// monitor.
pub fn resize(cluster: &mut Cluster, total: Option<&str>, other: Option<&str>) -> EsResult<Value> {
    if let Some(t) = total {
        cluster.disk_total_bytes = parse_bytes(t, "total")?;
    }
    if let Some(o) = other {
        cluster.disk_other_bytes = parse_bytes(o, "other")?;
    }
    apply_watermarks(cluster)?;
    Ok(summary(cluster))
}

/// `GET /_sandbox/disk`: the disk size every node has, the fullest node's use, and each node's.
pub fn summary(cluster: &Cluster) -> Value {
    let usage = node_usage(cluster);
    let fullest = usage.iter().map(|n| n.used_bytes).max().unwrap_or(0);
    let nodes: Vec<Value> = usage
        .iter()
        .enumerate()
        .map(|(i, n)| {
            json!({"node": cluster.node_name_of(i), "shards": n.shards, "used_bytes": n.used_bytes,
                   "available_bytes": cluster.disk_total_bytes - n.used_bytes})
        })
        .collect();
    json!({
        "total_bytes": cluster.disk_total_bytes,
        "other_bytes": cluster.disk_other_bytes,
        "used_bytes": fullest,
        "available_bytes": cluster.disk_total_bytes - fullest,
        "nodes": nodes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indices::{Origin, create_index};
    use crate::version::EsVersion;

    fn cluster_with_data(bytes: u64) -> Cluster {
        let mut c = Cluster::new(EsVersion::DEFAULT, 0);
        create_index(&mut c, "logs", &json!({"settings": {"number_of_replicas": 0}}), Origin::Api).unwrap();
        c.indices.get_mut("logs").unwrap().seeded_primary_bytes = bytes;
        c.disk_other_bytes = 0;
        c
    }

    #[test]
    fn flood_stage_blocks_and_high_watermark_releases() {
        let mut c = cluster_with_data(96 << 30);
        resize(&mut c, Some("100gb"), None).unwrap();
        assert_eq!(c.indices["logs"].setting(BLOCK), Some("true"));
        // Between high and flood: the block stays.
        c.indices.get_mut("logs").unwrap().seeded_primary_bytes = 92 << 30;
        apply_watermarks(&mut c).unwrap();
        assert_eq!(c.indices["logs"].setting(BLOCK), Some("true"));
        c.indices.get_mut("logs").unwrap().seeded_primary_bytes = 50 << 30;
        apply_watermarks(&mut c).unwrap();
        assert_eq!(c.indices["logs"].setting(BLOCK), None);
    }

    #[test]
    fn headroom_caps_percentages_on_large_disks_and_absolute_values_mean_free_space() {
        let mut c = cluster_with_data(0);
        c.disk_total_bytes = 10 << 40;
        // 95% of 10tb would leave 512gb free; the 100gb headroom wins.
        assert_eq!(watermark_limit(&c, "flood_stage", 95.0, 100 << 30).unwrap(), (10 << 40) - (100 << 30));
        c.persistent_settings.insert("cluster.routing.allocation.disk.watermark.flood_stage".into(), json!("1tb"));
        assert_eq!(watermark_limit(&c, "flood_stage", 95.0, 100 << 30).unwrap(), 9 << 40);
        c.persistent_settings.insert("cluster.routing.allocation.disk.watermark.flood_stage".into(), json!("50%"));
        assert_eq!(watermark_limit(&c, "flood_stage", 95.0, 100 << 30).unwrap(), 5 << 40);
    }

    #[test]
    fn on_several_nodes_only_indices_with_a_copy_on_a_full_node_are_blocked() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 0);
        c.nodes = 2;
        c.disk_other_bytes = 0;
        let unreplicated = json!({"settings": {"number_of_replicas": 0}});
        create_index(&mut c, "big", &unreplicated, Origin::Api).unwrap();
        let full_node = c.indices["big"].node_of(0, 0, 2);
        // An index whose only shard lives on the other node.
        let other = (0..)
            .map(|i| format!("small-{i}"))
            .find(|name| {
                create_index(&mut c, name, &unreplicated, Origin::Api).unwrap();
                c.indices[name].node_of(0, 0, 2) != full_node
            })
            .unwrap();
        c.indices.get_mut("big").unwrap().seeded_primary_bytes = 96 << 30;
        resize(&mut c, Some("100gb"), None).unwrap();
        assert_eq!(c.indices["big"].setting(BLOCK), Some("true"));
        assert_eq!(c.indices[&other].setting(BLOCK), None, "its node has room");
        let usage = node_usage(&c);
        assert!(usage[full_node].used_bytes >= 96 << 30);
        assert!(usage[1 - full_node].used_bytes < 1 << 30);
        assert_eq!(usage.iter().map(|n| n.shards).sum::<u64>(), c.indices.len() as u64);
    }
}
