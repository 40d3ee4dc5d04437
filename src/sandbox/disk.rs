//! The single node's disk and ES's `DiskThresholdMonitor`: above the flood-stage watermark every
//! index gets `index.blocks.read_only_allow_delete`, and the block is released once usage falls
//! below the high watermark again (ES 7.4+). Watermarks come from the cluster settings (defaults
//! 85% / 90% / 95%), as percentages or as absolute free space, with 8.x's `max_headroom` caps.

use serde_json::{Value, json};

use super::error::{EsError, EsResult};
use super::state::Cluster;
use super::units::parse_bytes;

const BLOCK: &str = "index.blocks.read_only_allow_delete";

/// Bytes the node's disk holds: indices plus everything else.
pub fn used_bytes(cluster: &Cluster) -> u64 {
    let indices: u64 = cluster.indices.values().map(|i| i.total_store_bytes()).sum();
    (indices + cluster.disk_other_bytes).min(cluster.disk_total_bytes)
}

fn setting<'a>(cluster: &'a Cluster, key: &str) -> Option<&'a str> {
    cluster.transient_settings.get(key).or_else(|| cluster.persistent_settings.get(key)).and_then(Value::as_str)
}

/// The most a watermark lets the disk hold, in bytes: `95%` of the disk (capped by the default
/// headroom on large disks), or the disk minus an absolute free-space value (`10gb`).
fn watermark_limit(cluster: &Cluster, name: &str, default_percent: f64, default_headroom: u64) -> EsResult<u64> {
    let total = cluster.disk_total_bytes;
    let key = format!("cluster.routing.allocation.disk.watermark.{name}");
    let value = setting(cluster, &key).unwrap_or("");
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
            let headroom = match setting(cluster, &format!("{key}.max_headroom")) {
                Some(h) => parse_bytes(h, &format!("{key}.max_headroom"))?,
                None if value.is_empty() && cluster.version.at_least(8, 5) => default_headroom,
                None => u64::MAX,
            };
            total - by_percent.min(headroom)
        }
        None => total.saturating_sub(parse_bytes(value, &key)?),
    })
}

/// Applies or releases the flood-stage block, as ES's monitor does on its next run.
pub fn apply_watermarks(cluster: &mut Cluster) -> EsResult<()> {
    if setting(cluster, "cluster.routing.allocation.disk.threshold_enabled") == Some("false") {
        return Ok(());
    }
    let used = used_bytes(cluster);
    let flood = watermark_limit(cluster, "flood_stage", 95.0, 100 << 30)?;
    let high = watermark_limit(cluster, "high", 90.0, 150 << 30)?;
    if used >= flood {
        for index in cluster.indices.values_mut() {
            index.settings.insert(BLOCK.to_string(), json!("true"));
        }
    } else if used < high {
        for index in cluster.indices.values_mut() {
            index.settings.remove(BLOCK);
        }
    }
    Ok(())
}

/// `POST /_sandbox/disk?total=1tb&other=20gb`: resizes the simulated disk, then runs the monitor.
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

/// `GET /_sandbox/disk`
pub fn summary(cluster: &Cluster) -> Value {
    let used = used_bytes(cluster);
    json!({
        "total_bytes": cluster.disk_total_bytes,
        "other_bytes": cluster.disk_other_bytes,
        "used_bytes": used,
        "available_bytes": cluster.disk_total_bytes - used,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sandbox::indices::{Origin, create_index};
    use crate::sandbox::version::EsVersion;

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
}
