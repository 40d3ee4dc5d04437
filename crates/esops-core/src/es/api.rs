//! Typed calls for what esops reads from a cluster. Each returns plain data.

use serde::Deserialize;
use serde_json::Value;

use super::{Client, EsRequest, RequestError};

/// `GET /`.
#[derive(Debug, Clone, Deserialize)]
pub struct RootInfo {
    /// Node name.
    pub name: String,
    /// Cluster name.
    pub cluster_name: String,
    /// Cluster UUID.
    #[serde(default)]
    pub cluster_uuid: String,
    /// Version block.
    pub version: VersionInfo,
    /// Tagline.
    #[serde(default)]
    pub tagline: String,
}

/// `GET /` → `version`.
#[derive(Debug, Clone, Deserialize)]
pub struct VersionInfo {
    /// Version number (not meaningful on Serverless; `7.10.2` on OpenSearch in compatibility mode).
    pub number: String,
    /// `opensearch` on OpenSearch; absent on Elasticsearch.
    #[serde(default)]
    pub distribution: Option<String>,
    /// `default` on Elasticsearch, `serverless` on Elastic Cloud Serverless.
    #[serde(default)]
    pub build_flavor: Option<String>,
}

/// What kind of server answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Distribution {
    /// Elastic's Elasticsearch.
    Elasticsearch,
    /// Elastic Cloud Serverless (no ILM).
    ElasticsearchServerless,
    /// OpenSearch (ISM instead of ILM).
    #[serde(rename = "opensearch")]
    OpenSearch,
}

impl RootInfo {
    /// The distribution, from `version.distribution` and `build_flavor` — never from the version
    /// number, which OpenSearch can fake (`compatibility.override_main_response_version`).
    pub fn distribution(&self) -> Distribution {
        match (self.version.distribution.as_deref(), self.version.build_flavor.as_deref()) {
            (Some(d), _) if d.eq_ignore_ascii_case("opensearch") => Distribution::OpenSearch,
            (_, Some("serverless")) => Distribution::ElasticsearchServerless,
            _ => Distribution::Elasticsearch,
        }
    }
}

/// `GET /_cluster/health`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct ClusterHealth {
    /// green, yellow or red.
    pub status: String,
    /// Nodes.
    pub number_of_nodes: u64,
    /// Data nodes.
    pub number_of_data_nodes: u64,
    /// Active primary shards.
    pub active_primary_shards: u64,
    /// Active shards.
    pub active_shards: u64,
    /// Unassigned shards.
    pub unassigned_shards: u64,
}

/// One row of `GET /_cat/allocation?format=json&bytes=b`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NodeDisk {
    /// Node name (`UNASSIGNED` for the row of unassigned shards).
    pub node: String,
    /// Shards on the node.
    pub shards: u64,
    /// Bytes used by indices.
    pub indices_bytes: Option<u64>,
    /// Bytes used on the disk.
    pub used_bytes: Option<u64>,
    /// Disk size.
    pub total_bytes: Option<u64>,
    /// Percent used, as ES computes it.
    pub percent: Option<u64>,
}

fn cat_number(row: &Value, key: &str) -> Option<u64> {
    // `_cat` values are strings, or null for unassigned shards.
    row.get(key).and_then(Value::as_str).and_then(|s| s.parse().ok())
}

impl Client {
    /// `GET /`; remembers the distribution (see [`Client::distribution`]).
    pub async fn root_info(&self) -> Result<RootInfo, RequestError> {
        let info: RootInfo = self.json(&EsRequest::get("/")).await?;
        let _ = self.distribution.set(info.distribution());
        Ok(info)
    }

    /// `GET /_cluster/health`.
    pub async fn cluster_health(&self) -> Result<ClusterHealth, RequestError> {
        self.json(&EsRequest::get("/_cluster/health")).await
    }

    /// `GET /_ilm/status` → `RUNNING`, `STOPPING` or `STOPPED`.
    pub async fn ilm_operation_mode(&self) -> Result<String, RequestError> {
        let v: Value = self.json(&EsRequest::get("/_ilm/status")).await?;
        Ok(v.get("operation_mode").and_then(Value::as_str).unwrap_or("UNKNOWN").to_string())
    }

    /// Disk per node, from `_cat/allocation` in bytes.
    pub async fn node_disks(&self) -> Result<Vec<NodeDisk>, RequestError> {
        let req = EsRequest::get("/_cat/allocation")
            .query("format", "json")
            .query("bytes", "b")
            .query("h", "node,shards,disk.indices,disk.used,disk.total,disk.percent");
        let rows: Vec<Value> = self.json(&req).await?;
        Ok(rows
            .iter()
            .map(|row| NodeDisk {
                node: row.get("node").and_then(Value::as_str).unwrap_or("").to_string(),
                shards: cat_number(row, "shards").unwrap_or(0),
                indices_bytes: cat_number(row, "disk.indices"),
                used_bytes: cat_number(row, "disk.used"),
                total_bytes: cat_number(row, "disk.total"),
                percent: cat_number(row, "disk.percent"),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(version: Value) -> RootInfo {
        serde_json::from_value(serde_json::json!({
            "name": "n", "cluster_name": "c", "cluster_uuid": "u", "version": version, "tagline": "t"
        }))
        .unwrap()
    }

    #[test]
    fn distribution_comes_from_the_distribution_field_not_the_number() {
        assert_eq!(
            root(serde_json::json!({"number": "8.15.0", "build_flavor": "default"})).distribution(),
            Distribution::Elasticsearch
        );
        // OpenSearch in compatibility mode reports 7.10.2
        assert_eq!(
            root(serde_json::json!({"number": "7.10.2", "distribution": "opensearch"})).distribution(),
            Distribution::OpenSearch
        );
        assert_eq!(
            root(serde_json::json!({"number": "8.11.0", "build_flavor": "serverless"})).distribution(),
            Distribution::ElasticsearchServerless
        );
    }
}
