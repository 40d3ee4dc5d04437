//! `esops audit`: collect → analyze → render. Collection reads the cluster in a constant number
//! of requests; the analysis is pure (snapshot and "now" in, [`report::AuditReport`] out); the
//! renderers turn the report into a table, JSON, CSV, Prometheus text or markdown.

pub mod analyze;
pub mod backups;
pub mod forecast;
pub mod mappings;
pub mod render;
pub mod report;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::es::api::NodeDisk;
use crate::es::cluster_state::{
    CatIndex, DataStreamInfo, FieldCaps, IgnoredValues, IlmExplain, IlmPolicy, IndexAlias, IndexSettings,
    WatermarkSettings,
};
use crate::es::{Client, RequestError};

pub use analyze::analyze;

/// Everything the audit reads from a cluster, as plain data.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ClusterSnapshot {
    /// Cluster name.
    pub cluster_name: String,
    /// Every index (hidden and closed too).
    pub indices: Vec<CatIndex>,
    /// Disk per node.
    pub nodes: Vec<NodeDisk>,
    /// ILM state by index, for the indices a policy manages.
    pub explain: BTreeMap<String, IlmExplain>,
    /// Data streams.
    pub data_streams: Vec<DataStreamInfo>,
    /// Aliases by index.
    pub aliases: BTreeMap<String, Vec<IndexAlias>>,
    /// ILM policies by name.
    pub policies: BTreeMap<String, IlmPolicy>,
    /// Disk watermarks in force.
    pub watermarks: WatermarkSettings,
    /// `cluster.max_shards_per_node` in force; `None` when not read (no shard limit finding).
    pub max_shards_per_node: Option<u64>,
    /// Lifecycle, block and hidden settings by index (only indices that set any).
    pub settings: BTreeMap<String, IndexSettings>,
    /// Repositories, snapshots and SLM policies; `None` when not read (no privilege to: no backup
    /// findings).
    pub backups: Option<backups::Backups>,
    /// How each family maps its fields, by family name (families of system indices are not read).
    pub mappings: BTreeMap<String, FamilyMappings>,
}

/// A family's mappings as read by [`collect`]: two requests per family, whatever its size.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FamilyMappings {
    /// The pattern the requests named.
    pub pattern: String,
    /// `_field_caps` over the pattern.
    pub field_caps: FieldCaps,
    /// Indices with ignored values, from one aggregation over `_ignored`.
    pub ignored: BTreeMap<String, IgnoredValues>,
}

/// Number of requests [`collect`] sends, whatever the number of indices: twelve, plus one
/// verification per snapshot repository and [`MAPPING_REQUESTS_PER_FAMILY`] per index family.
pub const COLLECT_REQUESTS: usize = 12;

/// Requests per index family for its mappings: `_field_caps` and one `_ignored` aggregation.
pub const MAPPING_REQUESTS_PER_FAMILY: usize = 2;

/// Reads the snapshot: twelve requests, independent of the number of indices (`GET /` first,
/// the others concurrently); then one verification per snapshot repository and
/// [`MAPPING_REQUESTS_PER_FAMILY`] per family for its mappings (families read concurrently,
/// from the moment `_cat/indices` has named them, alongside the other reads).
pub async fn collect(client: &Client) -> Result<ClusterSnapshot, RequestError> {
    read_snapshot(client, true).await
}

/// How many families' mapping reads are in flight at once (each is two requests).
pub const MAPPING_READS_IN_FLIGHT: usize = 4;

/// [`collect`] without the per-family mapping reads ([`ClusterSnapshot::mappings`] stays empty):
/// a constant [`COLLECT_REQUESTS`] plus one verification per repository, for what needs only
/// sizes, phases and disks (plan's impact preview).
pub async fn collect_without_mappings(client: &Client) -> Result<ClusterSnapshot, RequestError> {
    read_snapshot(client, false).await
}

async fn read_snapshot(client: &Client, with_mappings: bool) -> Result<ClusterSnapshot, RequestError> {
    // First, alone: it tells the other reads which distribution they talk to (ISM or ILM).
    let root = client.root_info().await?;
    let indices_then_mappings = async {
        let indices = client.cat_indices_all().await?;
        let mappings = if with_mappings { read_mappings(client, &indices).await? } else { BTreeMap::new() };
        Ok((indices, mappings))
    };
    let (((indices, mappings), nodes, explain, data_streams, aliases, policies, capacity, settings), backup_reads) = tokio::try_join!(
        async {
            tokio::try_join!(
                indices_then_mappings,
                client.node_disks(),
                client.ilm_explain_managed_all(),
                client.data_streams_all(),
                client.aliases_all(),
                client.ilm_policies(),
                client.capacity_settings(),
                client.index_settings_all(),
            )
        },
        async {
            // Reading backups needs the monitor_snapshot and read_slm privileges: without them the
            // audit goes on without its backup part rather than failing.
            match tokio::try_join!(client.snapshot_repositories(), client.snapshots_all(), client.slm_policies()) {
                Ok(read) => Ok(Some(read)),
                Err(e) if crate::es::snapshots::forbidden(&e) => Ok(None),
                Err(e) => Err(e),
            }
        },
    )?;
    let backups = match backup_reads {
        Some((repositories, snapshots, slm_policies)) => {
            let mut verification = BTreeMap::new();
            for repo in &repositories {
                match client.verify_repository(&repo.name).await {
                    Ok(outcome) => {
                        verification.insert(repo.name.clone(), outcome);
                    }
                    Err(e) if crate::es::snapshots::forbidden(&e) => {}
                    Err(e) => return Err(e),
                }
            }
            Some(backups::Backups { repositories, snapshots, slm_policies, verification })
        }
        None => None,
    };
    Ok(ClusterSnapshot {
        mappings,
        cluster_name: root.cluster_name,
        // Unassigned shards have a row of their own in `_cat/allocation`, with no disk.
        nodes: nodes.into_iter().filter(|n| n.node != "UNASSIGNED").collect(),
        indices,
        explain,
        data_streams,
        aliases,
        policies,
        watermarks: capacity.watermarks,
        max_shards_per_node: Some(capacity.max_shards_per_node),
        settings,
        backups,
    })
}

/// Each family's mappings: [`MAPPING_REQUESTS_PER_FAMILY`] requests per family,
/// [`MAPPING_READS_IN_FLIGHT`] families at a time.
async fn read_mappings(
    client: &Client,
    indices: &[CatIndex],
) -> Result<BTreeMap<String, FamilyMappings>, RequestError> {
    use futures_util::StreamExt as _;
    let reads = futures_util::stream::iter(mapping_patterns(indices).into_iter().map(|(family, pattern)| async move {
        let (field_caps, ignored) = tokio::try_join!(client.field_caps(&pattern), client.ignored_values(&pattern))?;
        Ok::<_, RequestError>((family, FamilyMappings { pattern, field_caps, ignored }))
    }));
    reads.buffer_unordered(MAPPING_READS_IN_FLIGHT).collect::<Vec<_>>().await.into_iter().collect()
}

/// Each family of non-system indices, with the pattern its mapping reads name: the data stream
/// for backing indices, `FAMILY*` otherwise (what else that matches is filtered out in the
/// analysis, by index name).
fn mapping_patterns(indices: &[CatIndex]) -> Vec<(String, String)> {
    crate::lifecycle::family::group(indices.iter().map(|i| i.index.as_str()), |name| name)
        .into_iter()
        .filter(|f| f.members.iter().any(|m| m.key.data_stream_backing || !m.index.starts_with('.')))
        .map(|f| {
            let stream = f.members.iter().any(|m| m.key.data_stream_backing);
            let pattern = if stream { f.name.clone() } else { format!("{}*", f.name) };
            (f.name, pattern)
        })
        .collect()
}

/// What to audit and how (resolved from the command line).
#[derive(Debug, Clone, PartialEq)]
pub struct AuditOptions {
    /// Only indices matching this pattern (`*` wildcards, as in Elasticsearch index patterns).
    pub pattern: Option<String>,
    /// Only this family.
    pub family: Option<String>,
    /// Report a flood stage forecast within this many days.
    pub horizon_days: u32,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions { pattern: None, family: None, horizon_days: 30 }
    }
}

impl AuditOptions {
    /// Whether the index `index` of family `family` is audited.
    pub fn selects(&self, family: &str, index: &str) -> bool {
        self.family.as_deref().is_none_or(|f| f == family)
            && self.pattern.as_deref().is_none_or(|p| es_syntax::glob::simple_match(p, index))
    }
}
