//! What an audit finds, as plain data. `-o json` serializes [`AuditReport`] as it is: field names
//! and finding codes are a documented interface (README, "Audit"), versioned by
//! [`SCHEMA_VERSION`]. Add fields freely; rename or remove only with a new version.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// Version of the JSON document `-o json` prints.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole audit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The "now" the audit was computed for.
    pub generated_at: DateTime<Utc>,
    /// Cluster name.
    pub cluster: String,
    /// Indices, families and bytes of the audited selection.
    pub totals: Totals,
    /// Disk per node, watermarks, blocks and the flood stage forecast (always the whole cluster:
    /// the disk is shared whatever `--pattern` selects).
    pub disk: DiskReport,
    /// Open shards against the cluster's shard limit (the whole cluster); `None` when the limit
    /// or the data nodes are unknown.
    pub shards: Option<ShardCapacity>,
    /// Families of the selection, largest first.
    pub families: Vec<FamilyReport>,
    /// Bytes per day of data over the last [`SERIES_DAYS`] days, all selected families together.
    pub days: Vec<DaySize>,
    /// Indices and bytes per ILM phase (`unmanaged` for indices without a policy).
    pub phases: Vec<PhaseSize>,
    /// Snapshot repositories: snapshots, size, verification (empty when there are none).
    pub repositories: Vec<super::backups::RepositoryReport>,
    /// Whether repositories, snapshots and SLM policies could be read (they need the
    /// `monitor_snapshot` and `read_slm` privileges); without them there are no backup findings.
    pub backups_read: bool,
    /// What needs attention, most severe first.
    pub findings: Vec<Finding>,
}

/// Days in the daily series ([`FamilyReport::daily`], [`AuditReport::days`]).
pub const SERIES_DAYS: i64 = 30;

/// Sums over the audited indices.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    /// Indices.
    pub indices: usize,
    /// Families.
    pub families: usize,
    /// Bytes on disk, replicas included.
    pub store_bytes: u64,
    /// Bytes of the primaries.
    pub primary_store_bytes: u64,
    /// Documents in the primaries.
    pub docs: u64,
}

/// One index family.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FamilyReport {
    /// Family name (the data stream's name for backing indices).
    pub name: String,
    /// True when the family is a data stream's backing indices.
    pub data_stream: bool,
    /// Number of indices.
    pub indices: usize,
    /// Oldest valid date in the members' names.
    pub oldest_date: Option<NaiveDate>,
    /// Newest valid date in the members' names.
    pub newest_date: Option<NaiveDate>,
    /// Bytes on disk, replicas included.
    pub store_bytes: u64,
    /// Bytes of the primaries.
    pub primary_store_bytes: u64,
    /// Documents in the primaries.
    pub docs: u64,
    /// Average bytes per day over the last 7 complete days (fewer when the family is younger).
    pub daily_average_7d_bytes: Option<u64>,
    /// Same over the last 30 complete days.
    pub daily_average_30d_bytes: Option<u64>,
    /// Bytes per day of data over the last [`SERIES_DAYS`] days, oldest first, today last.
    pub daily: Vec<DaySize>,
    /// Fraction (0–1) of the cluster's used disk this family takes.
    pub disk_share: f64,
    /// The ILM policy most members use (null when most have none).
    pub policy: Option<String>,
    /// True when every member uses the same policy (or none).
    pub policies_agree: bool,
    /// Members per ILM phase (`unmanaged` for members without a policy).
    pub phases: BTreeMap<String, usize>,
    /// When ILM will delete the oldest member: its lifecycle date plus the delete phase's min_age
    /// (for a data stream the data stream lifecycle manages: its rollover plus the retention).
    pub next_deletion: Option<PlannedDeletion>,
    /// The data stream lifecycle's `data_retention` (`30d`), when it manages the family's newest
    /// index and sets one; null otherwise.
    pub data_stream_retention: Option<String>,
    /// Days of retention this family could keep under the high watermark at its current growth
    /// (the 7-day average, replicas included), the other families staying as they are: its own
    /// bytes plus the room left under the high watermark, divided by a day of it. `None` without
    /// a daily average or node disks.
    pub retention_fit_days: Option<u64>,
}

/// A deletion ILM has scheduled by age.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedDeletion {
    /// The index.
    pub index: String,
    /// When its age reaches the delete phase (in the past for indices ILM is late with).
    pub at: DateTime<Utc>,
}

/// Bytes of data from one UTC day.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DaySize {
    /// The day (from the index name; the creation day for names without a daily date).
    pub date: NaiveDate,
    /// Bytes on disk, replicas included.
    pub bytes: u64,
}

/// Indices and bytes in one ILM phase.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PhaseSize {
    /// `hot`, `warm`, … or `unmanaged`.
    pub phase: String,
    /// Indices.
    pub indices: usize,
    /// Bytes on disk.
    pub store_bytes: u64,
}

/// The cluster's disk.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiskReport {
    /// Watermarks in force.
    pub watermarks: Watermarks,
    /// Per data node.
    pub nodes: Vec<NodeReport>,
    /// Indices carrying `index.blocks.read_only_allow_delete` (set by ES at the flood stage).
    pub read_only_indices: Vec<String>,
    /// When the flood stage is reached at the observed growth.
    pub forecast: Forecast,
}

/// Open shard copies against ES's limit on them (`cluster.max_shards_per_node` × data nodes), which
/// refuses new indices — daily ones, rollovers, data stream generations — once reached.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ShardCapacity {
    /// Shard copies of open indices (primaries × (1 + replicas), assigned or not), as ES counts.
    pub open: u64,
    /// `cluster.max_shards_per_node` × `data_nodes`.
    pub limit: u64,
    /// `cluster.max_shards_per_node` in force.
    pub max_shards_per_node: u64,
    /// Data nodes (rows of `_cat/allocation`).
    pub data_nodes: u64,
}

impl ShardCapacity {
    /// `open` as a share of `limit`.
    pub fn used(&self) -> f64 {
        if self.limit == 0 { 1.0 } else { self.open as f64 / self.limit as f64 }
    }
}

/// Disk watermarks as configured (`85%`, `0.85`, or free space such as `500mb`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Watermarks {
    /// Low: no new shards on the node.
    pub low: String,
    /// High: shards move away.
    pub high: String,
    /// Flood stage: indices with a shard on the node become read-only.
    pub flood_stage: String,
    /// False when `cluster.routing.allocation.disk.threshold_enabled` is off.
    pub enabled: bool,
}

/// Which watermark a node is past.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WatermarkLevel {
    /// Past low.
    Low,
    /// Past high.
    High,
    /// Past flood stage.
    FloodStage,
}

impl WatermarkLevel {
    /// `low`, `high`, `flood_stage`.
    pub fn as_str(self) -> &'static str {
        match self {
            WatermarkLevel::Low => "low",
            WatermarkLevel::High => "high",
            WatermarkLevel::FloodStage => "flood_stage",
        }
    }
}

/// One node's disk.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeReport {
    /// Node name.
    pub node: String,
    /// Shards on it.
    pub shards: u64,
    /// Bytes used on the disk.
    pub used_bytes: u64,
    /// Disk size.
    pub total_bytes: u64,
    /// Used percent.
    pub percent: f64,
    /// Used bytes at which each watermark is reached.
    pub low_bytes: u64,
    /// See `low_bytes`.
    pub high_bytes: u64,
    /// See `low_bytes`.
    pub flood_stage_bytes: u64,
    /// The highest watermark the node is past.
    pub level: Option<WatermarkLevel>,
}

/// How sure a forecast is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Under 7 days of history.
    Low,
    /// 7 to 13 days.
    Medium,
    /// 14 days (the whole fit window).
    High,
}

/// Days until the flood stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    /// Days from now until the cluster's used disk reaches the flood stage; 0 when it already
    /// has; null when it does not within [`super::forecast::MAX_FORECAST_DAYS`] days or the disk is unknown.
    pub days_until_flood_stage: Option<u32>,
    /// The day that happens.
    pub flood_stage_date: Option<NaiveDate>,
    /// Net daily growth over the next day: projected new data minus what ILM deletes.
    pub net_daily_growth_bytes: i64,
    /// Days of history the fit had (up to 14).
    pub history_days: u32,
    /// How sure: from the days of history.
    pub confidence: Confidence,
    /// How it was computed, in words.
    pub method: String,
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Will hurt if left alone.
    Warn,
    /// Hurting now, or data at risk.
    Error,
}

impl Severity {
    /// `info`, `warn`, `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The stable code of a finding, for alerts and scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingCode {
    /// An ILM step failed; the index is in the ERROR step.
    IlmStepError,
    /// ILM has waited in one step far longer than it should (allocation, shards, a late rollover).
    IlmStepStuck,
    /// No ILM policy manages the index.
    UnmanagedIndex,
    /// `index.lifecycle.name` names a policy that does not exist.
    PolicyMissing,
    /// A policy in use has no delete phase, or one without a delete action.
    PolicyWithoutDelete,
    /// An index is older than its policy's delete age and still exists.
    PastRetention,
    /// A rollover policy manages date-named indices (no rollover alias can point at them).
    RolloverOnDateNamed,
    /// Average primary shard under 1 GiB across a recurring family.
    ShardTooSmall,
    /// Primary shards over 50 GiB.
    ShardTooLarge,
    /// Over 200M documents per primary shard.
    ShardTooManyDocs,
    /// The open shards near or at the cluster's shard limit: new indices are refused at it.
    ShardLimit,
    /// A node is past a disk watermark.
    DiskWatermark,
    /// Indices carry the flood-stage read-only block.
    ReadOnlyBlock,
    /// The flood stage is forecast within the horizon.
    FloodStageForecast,
    /// The date in an index name is not a valid date.
    UnparsableDate,
    /// The date in an index name is in the future.
    FutureDate,
    /// An index older than a day holds no documents.
    EmptyIndex,
    /// A delete phase with no `wait_for_snapshot` and no SLM policy covering the indices.
    DeleteWithoutSnapshot,
    /// An SLM policy whose last run failed.
    SlmPolicyFailing,
    /// An SLM policy without a success for two schedule periods.
    SlmPolicyStale,
    /// A snapshot repository that fails verification.
    SnapshotRepositoryUnverified,
    /// A family's newest index maps 80 % or more of `index.mapping.total_fields.limit`.
    MappingFieldLimit,
    /// A field mapped with different types across a family's indices.
    MappingTypeConflict,
    /// Documents whose values were kept out of the index (`_ignored`).
    IgnoredValues,
}

impl FindingCode {
    /// Every code, in documentation order.
    pub const ALL: [FindingCode; 24] = [
        FindingCode::IlmStepError,
        FindingCode::IlmStepStuck,
        FindingCode::UnmanagedIndex,
        FindingCode::PolicyMissing,
        FindingCode::PolicyWithoutDelete,
        FindingCode::PastRetention,
        FindingCode::RolloverOnDateNamed,
        FindingCode::ShardTooSmall,
        FindingCode::ShardTooLarge,
        FindingCode::ShardTooManyDocs,
        FindingCode::ShardLimit,
        FindingCode::DiskWatermark,
        FindingCode::ReadOnlyBlock,
        FindingCode::FloodStageForecast,
        FindingCode::UnparsableDate,
        FindingCode::FutureDate,
        FindingCode::EmptyIndex,
        FindingCode::DeleteWithoutSnapshot,
        FindingCode::SlmPolicyFailing,
        FindingCode::SlmPolicyStale,
        FindingCode::SnapshotRepositoryUnverified,
        FindingCode::MappingFieldLimit,
        FindingCode::MappingTypeConflict,
        FindingCode::IgnoredValues,
    ];

    /// The code as printed: `ilm-step-error`.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingCode::IlmStepError => "ilm-step-error",
            FindingCode::IlmStepStuck => "ilm-step-stuck",
            FindingCode::UnmanagedIndex => "unmanaged-index",
            FindingCode::PolicyMissing => "policy-missing",
            FindingCode::PolicyWithoutDelete => "policy-without-delete",
            FindingCode::PastRetention => "past-retention",
            FindingCode::RolloverOnDateNamed => "rollover-on-date-named",
            FindingCode::ShardTooSmall => "shard-too-small",
            FindingCode::ShardTooLarge => "shard-too-large",
            FindingCode::ShardTooManyDocs => "shard-too-many-docs",
            FindingCode::ShardLimit => "shard-limit",
            FindingCode::DiskWatermark => "disk-watermark",
            FindingCode::ReadOnlyBlock => "read-only-block",
            FindingCode::FloodStageForecast => "flood-stage-forecast",
            FindingCode::UnparsableDate => "unparsable-date",
            FindingCode::FutureDate => "future-date",
            FindingCode::EmptyIndex => "empty-index",
            FindingCode::DeleteWithoutSnapshot => "delete-without-snapshot",
            FindingCode::SlmPolicyFailing => "slm-policy-failing",
            FindingCode::SlmPolicyStale => "slm-policy-stale",
            FindingCode::SnapshotRepositoryUnverified => "snapshot-repository-unverified",
            FindingCode::MappingFieldLimit => "mapping-field-limit",
            FindingCode::MappingTypeConflict => "mapping-type-conflict",
            FindingCode::IgnoredValues => "ignored-values",
        }
    }
}

impl fmt::Display for FindingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing that needs attention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable code.
    pub code: FindingCode,
    /// Severity.
    pub severity: Severity,
    /// What it is about: a family, a policy, a node or the cluster.
    pub subject: String,
    /// The affected indices (empty for node- and cluster-level findings).
    pub indices: Vec<String>,
    /// What was observed.
    pub evidence: String,
    /// What to do about it.
    pub action: String,
}

impl AuditReport {
    /// The most severe finding's severity.
    pub fn worst_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }

    /// Findings per severity.
    pub fn count_by_severity(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }
}
