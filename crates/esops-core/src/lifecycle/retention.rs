//! Retention: which indices are past their retention and may be deleted, which are protected and
//! why, and how a deletion is carried out in batches.
//!
//! [`select`] is pure — a [`RetentionSnapshot`] of the cluster, the rules and "now" in, a
//! [`RetentionSelection`] out — so the same function computes the plan that is shown and the
//! re-check right before deleting ([`recheck`]). Deletion ([`delete_in_batches`]) talks to the
//! cluster only through [`IndexDeleter`].
//!
//! Ages: from the date in the name, counted from the **end** of the period the name covers
//! (`logs-2024.03.15` holds data until 2024-03-16T00:00Z, `logs-2024.03` until 2024-04-01T00:00Z),
//! so that no document younger than the retention is ever deleted; or from the creation date.
//! Always UTC.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::elapsed_millis;
use super::family::{self, NameParts};
use super::name_date::{DateFormat, NameDate};
use crate::es::cluster_state::{CatIndex, DataStreamInfo, IlmExplain, IlmPolicy, IndexAlias, IndexSettings};
use crate::es::indices::IndexTemplateInfo;
use es_syntax::glob::simple_match;

/// One day in milliseconds (the default `--min-age` floor).
pub const DAY_MILLIS: i64 = 86_400_000;

/// Indices matching `patterns`, selected once they are older than `delete_after` (when set) or
/// when a [`Pressure`] limit asks for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionRule {
    /// Index patterns (`*` wildcards, as in Elasticsearch).
    pub patterns: Vec<String>,
    /// The retention, in milliseconds; `None` when only the [`Pressure`] limits select.
    pub delete_after_millis: Option<i64>,
    /// Where the rule comes from, for the "why selected" column (`--older-than 90d`,
    /// `ILM policy python-logs (template python-logs)`).
    pub source: String,
}

/// What an index's age is measured from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeSource {
    /// The date in the name, format inferred per index (or the `--date-format`).
    NameDate,
    /// The index creation date.
    Creation,
}

/// How much of the total a size limit counts over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeScope {
    /// Each family on its own: every family is kept under the limit.
    Family,
    /// Every matched index together.
    Matched,
}

/// Limits beyond age ("retention bounded by space or count"). Each one selects the oldest
/// indices it needs, on top of what the age rule selects: an index goes when any limit asks for
/// it — but never across a protection or the [`SelectionOptions::min_age_millis`] floor.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Pressure {
    /// Keep the N newest indices of each family (`--keep-last`), select the older ones.
    pub keep_last: Option<usize>,
    /// Oldest first until the rest (replicas included) fits under this many bytes
    /// (`--keep-total-below`, Curator's `space` filter).
    pub keep_total_below: Option<SizeLimit>,
    /// Oldest first across the matched families until the fullest data node's projected disk
    /// use is under this percentage (`--keep-disk-below`); needs [`RetentionSnapshot::disk`].
    pub keep_disk_below_percent: Option<f64>,
}

impl Pressure {
    /// True when any limit is set.
    pub fn any(&self) -> bool {
        self.keep_last.is_some() || self.keep_total_below.is_some() || self.keep_disk_below_percent.is_some()
    }
}

/// `--keep-total-below SIZE` and what it counts over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SizeLimit {
    /// The most the kept indices may hold, replicas included.
    pub bytes: u64,
    /// Per family, or over every matched index.
    pub scope: SizeScope,
}

/// How to select (resolved from the command line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SelectionOptions {
    /// What ages count from.
    pub age_source: AgeSource,
    /// With [`AgeSource::NameDate`]: only names whose date has exactly this format qualify.
    pub date_format: Option<DateFormat>,
    /// The newest N indices of every family are never selected (at least 1).
    pub keep_newest: usize,
    /// Consider hidden and `.`-prefixed indices.
    pub include_hidden: bool,
    /// Select indices ILM or the data stream lifecycle manages instead of reporting them.
    pub include_managed: bool,
    /// The floor: nothing younger is ever selected, whatever a rule or limit asks.
    pub min_age_millis: i64,
    /// Count, size and disk limits.
    pub pressure: Pressure,
}

/// ILM's view of a managed index, reduced to what a retention report says about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IlmState {
    /// Policy name.
    pub policy: String,
    /// The date ILM ages the index from (creation, or rollover), epoch millis.
    pub lifecycle_date_millis: Option<i64>,
    /// `phase/action/step`.
    pub position: Option<String>,
    /// True when the index sits in the ERROR step.
    pub error: bool,
    /// `step_info.reason` of a failed step.
    pub reason: Option<String>,
}

/// The data stream lifecycle's view of a backing index it manages: what it deletes and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DslState {
    /// The data stream.
    pub data_stream: String,
    /// The retention it applies, as Elasticsearch reports it (`effective_retention`, else
    /// `data_retention`); `None`: it keeps the data forever.
    pub retention: Option<String>,
    /// [`Self::retention`] in milliseconds.
    pub retention_millis: Option<i64>,
    /// ES's `retention_determined_by` (8.16+): `data_stream_configuration`,
    /// `default_global_retention`, `max_global_retention`.
    pub determined_by: Option<String>,
    /// The data stream's own `data_retention`, when the effective one differs from it.
    pub configured: Option<String>,
    /// When the index was rolled over (the next generation's creation), epoch millis: the
    /// retention counts from there.
    pub rolled_over_millis: Option<i64>,
    /// When it becomes due for deletion, epoch millis (none without a retention, or when the
    /// rollover date is unknown).
    pub delete_due_millis: Option<i64>,
    /// An ILM policy set on the index that does not manage it (`index.lifecycle.prefer_ilm: false`).
    pub ilm_policy_ignored: Option<String>,
}

/// What retention knows about one index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFacts {
    /// Name.
    pub name: String,
    /// Primary documents.
    pub docs: Option<u64>,
    /// Bytes on disk, replicas included (what deleting frees).
    pub store_bytes: Option<u64>,
    /// Creation date, epoch millis.
    pub creation_millis: Option<i64>,
    /// `index.hidden` (data stream backing indices have it).
    pub hidden: bool,
    /// The aliases and data streams this index is the write index of.
    pub write_index_of: Vec<String>,
    /// Set when an ILM policy manages the index.
    pub ilm: Option<IlmState>,
    /// Set when the data stream lifecycle manages the index (it then wins over [`Self::ilm`]:
    /// Elasticsearch's per-index `managed_by` says so).
    pub dsl: Option<DslState>,
    /// `open`, or `close` for a closed index.
    pub status: String,
    /// `green`, `yellow`, `red` (empty when unknown).
    pub health: String,
    /// Primary shards.
    pub primaries: u32,
    /// Replicas per primary.
    pub replicas: u32,
    /// `index.blocks.write` is set (what a shrink needs).
    pub write_blocked: bool,
}

impl IndexFacts {
    /// True unless the index is closed.
    pub fn is_open(&self) -> bool {
        self.status != "close"
    }
}

/// One data node's disk, as `_cat/allocation` reports it (the audit's disk model).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NodeUse {
    /// Node name.
    pub node: String,
    /// Bytes used on the disk (indices and everything else).
    pub used_bytes: u64,
    /// Disk size.
    pub total_bytes: u64,
}

/// Where the bytes of each index sit: what deleting it frees on which node, replicas included.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiskModel {
    /// Every data node with a known disk.
    pub nodes: Vec<NodeUse>,
    /// Index → node → bytes of its shard copies on that node (from `_cat/shards`).
    pub placement: BTreeMap<String, BTreeMap<String, u64>>,
    /// Index → shard number → the nodes holding a started copy of it.
    pub copies: BTreeMap<String, BTreeMap<u32, Vec<String>>>,
}

impl DiskModel {
    /// Puts `_cat/allocation` and `_cat/shards` together.
    pub fn assemble(nodes: Vec<NodeUse>, shards: &[ShardCopy]) -> Self {
        let mut model = DiskModel { nodes, ..Default::default() };
        for copy in shards {
            let Some(node) = &copy.node else { continue };
            *model.placement.entry(copy.index.clone()).or_default().entry(node.clone()).or_default() +=
                copy.store_bytes.unwrap_or(0);
            model.copies.entry(copy.index.clone()).or_default().entry(copy.shard).or_default().push(node.clone());
        }
        model
    }
}

/// One shard copy, as `_cat/shards` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShardCopy {
    /// Index.
    pub index: String,
    /// Shard number.
    pub shard: u32,
    /// The node holding it; `None` when unassigned.
    pub node: Option<String>,
    /// Its bytes on disk.
    pub store_bytes: Option<u64>,
}

impl DiskModel {
    /// The fullest node's use in percent once `freed` (node → bytes) is gone, and its name.
    pub fn fullest(&self, freed: &BTreeMap<String, u64>) -> Option<(String, f64)> {
        self.nodes
            .iter()
            .filter(|n| n.total_bytes > 0)
            .map(|n| {
                let used = n.used_bytes.saturating_sub(freed.get(&n.node).copied().unwrap_or(0));
                (n.node.clone(), used as f64 * 100.0 / n.total_bytes as f64)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))
    }
}

/// The cluster as retention sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RetentionSnapshot {
    /// Every index, sorted by name.
    pub indices: Vec<IndexFacts>,
    /// The delete phase `min_age` of each ILM policy that has a deleting delete phase.
    pub policy_delete_after: BTreeMap<String, i64>,
    /// Nodes and shard placement; read only when `--keep-disk-below` needs it.
    pub disk: Option<DiskModel>,
}

impl RetentionSnapshot {
    /// Puts the cluster reads together (see `commands::retention` for the requests).
    pub fn assemble(
        indices: Vec<CatIndex>,
        aliases: &BTreeMap<String, Vec<IndexAlias>>,
        data_streams: &[DataStreamInfo],
        settings: &BTreeMap<String, IndexSettings>,
        explain: &BTreeMap<String, IlmExplain>,
        policies: &BTreeMap<String, IlmPolicy>,
    ) -> Self {
        let mut write_of: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        let mut alias_members: BTreeMap<&str, Vec<(&str, bool)>> = BTreeMap::new();
        for (index, list) in aliases {
            for a in list {
                alias_members.entry(a.alias.as_str()).or_default().push((index.as_str(), a.is_write_index));
            }
        }
        for (alias, members) in &alias_members {
            // The explicit write index; and the only index of an alias, which Elasticsearch writes
            // to when no index is flagged (protected even if flagged `false`: cheap caution).
            let writes: Vec<&str> = match members.as_slice() {
                [(only, _)] => vec![*only],
                many => many.iter().filter(|(_, w)| *w).map(|(i, _)| *i).collect(),
            };
            for w in writes {
                write_of.entry(w).or_default().push(format!("alias {alias}"));
            }
        }
        let creation: BTreeMap<&str, i64> =
            indices.iter().filter_map(|c| Some((c.index.as_str(), c.creation_millis?))).collect();
        let mut dsl: BTreeMap<String, DslState> = BTreeMap::new();
        for ds in data_streams {
            if let Some(w) = ds.indices.last() {
                write_of.entry(w.as_str()).or_default().push(format!("data stream {}", ds.name));
            }
            for (index, rolled) in ds.rolled_over_millis(|next| creation.get(next).copied()) {
                if !ds.lifecycle_managed.iter().any(|m| m == index) {
                    continue;
                }
                let (retention, determined_by) = ds.effective_retention.clone().unzip();
                let retention_millis = ds.retention_millis();
                dsl.insert(
                    index.to_string(),
                    DslState {
                        data_stream: ds.name.clone(),
                        configured: ds.data_retention.clone().filter(|own| retention.as_ref() != Some(own)),
                        retention,
                        retention_millis,
                        determined_by: determined_by.flatten(),
                        rolled_over_millis: rolled,
                        delete_due_millis: rolled.zip(retention_millis).map(|(at, after)| at + after),
                        ilm_policy_ignored: None,
                    },
                );
            }
        }
        let mut facts: Vec<IndexFacts> = indices
            .into_iter()
            .map(|row| {
                let ilm = explain.get(&row.index).filter(|e| e.managed).map(|e| IlmState {
                    policy: e.policy.clone().unwrap_or_default(),
                    lifecycle_date_millis: e.lifecycle_date_millis,
                    position: e.phase.as_ref().map(|p| {
                        [Some(p.as_str()), e.action.as_deref(), e.step.as_deref()]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join("/")
                    }),
                    error: e.step.as_deref() == Some("ERROR"),
                    reason: e.reason().map(str::to_string),
                });
                let dsl = dsl.remove(&row.index).map(|mut d| {
                    d.ilm_policy_ignored = ilm.as_ref().map(|i| i.policy.clone());
                    d
                });
                IndexFacts {
                    dsl,
                    docs: row.docs,
                    store_bytes: row.store_bytes,
                    creation_millis: row.creation_millis,
                    hidden: settings.get(&row.index).is_some_and(|s| s.hidden),
                    write_blocked: settings.get(&row.index).is_some_and(|s| s.write_block),
                    status: row.status,
                    health: row.health,
                    primaries: row.primaries,
                    replicas: row.replicas,
                    write_index_of: write_of.remove(row.index.as_str()).unwrap_or_default(),
                    ilm,
                    name: row.index,
                }
            })
            .collect();
        facts.sort_by(|a, b| a.name.cmp(&b.name));
        let policy_delete_after =
            policies.iter().filter_map(|(name, p)| p.delete_after_millis().map(|d| (name.clone(), d))).collect();
        RetentionSnapshot { indices: facts, policy_delete_after, disk: None }
    }
}

/// Why an index that matched a rule is not selected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Exclusion {
    /// The write index of aliases or data streams: deleting it breaks writes.
    WriteIndex {
        /// `alias logs`, `data stream web`.
        of: Vec<String>,
    },
    /// `index.hidden` without `--include-hidden`.
    Hidden,
    /// A `.`-prefixed (system) index without `--include-hidden`.
    System,
    /// One of the newest `keep` indices of its family.
    NewestOfFamily {
        /// The family.
        family: String,
        /// `--keep-newest`.
        keep: usize,
    },
    /// The data stream lifecycle manages the index (and deletes it once its retention has passed
    /// since the rollover, or keeps it forever without one).
    DslManaged(Box<DslState>),
    /// ILM manages the index (and deletes it, or should).
    IlmManaged {
        /// Policy.
        policy: String,
        /// When ILM's delete phase starts for this index, epoch millis (none without a delete phase).
        delete_due_millis: Option<i64>,
        /// `phase/action/step`.
        position: Option<String>,
        /// The ERROR step's reason.
        error: Option<String>,
    },
    /// The name's date is after now.
    FutureDate {
        /// The date.
        date: NaiveDate,
    },
    /// Something in the date position that is not a valid date (`2024.02.30`).
    UnparsableDate {
        /// The text.
        text: String,
    },
    /// No date at the end of the name.
    NoDateInName,
    /// The name's date is not in the requested `--date-format`.
    OtherDateFormat {
        /// What the name has.
        found: DateFormat,
        /// What was asked for.
        wanted: DateFormat,
    },
    /// `--age-from creation` but the index has no creation date (closed indices on some versions).
    NoCreationDate,
    /// `--age-from creation` and the creation date is after now: the cluster's clock runs ahead of
    /// this machine's (or `--now` is earlier), so the age is unknown — never deleted by age.
    CreatedAfterNow {
        /// Creation date, epoch millis.
        creation_millis: i64,
    },
    /// Within its retention (seen in a re-check: an index deleted and created again since the plan).
    NotDue,
    /// A count, size or disk limit asked for it, but it is younger than the `--min-age` floor.
    BelowMinAge {
        /// The floor, milliseconds.
        min_age_millis: i64,
    },
    /// The action has nothing to do on it (already closed, already at that replica count, …).
    NothingToDo {
        /// What the index already is.
        why: String,
    },
}

/// Durations in words, the one format of every retention message (`4h 48m`, `90d`).
fn days(millis: i64) -> String {
    crate::render::human_age(u64::try_from(millis).unwrap_or(0))
}

impl Exclusion {
    /// True for what an operator must hear about even when nothing is deleted: a date that is
    /// invalid or in the future (never deleted by age), ILM late or stuck in ERROR.
    pub fn needs_attention(&self, now_millis: i64) -> bool {
        match self {
            Exclusion::UnparsableDate { .. } | Exclusion::FutureDate { .. } | Exclusion::CreatedAfterNow { .. } => true,
            Exclusion::IlmManaged { error, delete_due_millis, .. } => {
                error.is_some() || delete_due_millis.is_some_and(|due| due <= now_millis)
            }
            Exclusion::DslManaged(dsl) => dsl.delete_due_millis.is_some_and(|due| due <= now_millis),
            _ => false,
        }
    }

    /// The reason in words, as the report prints it.
    pub fn message(&self, now_millis: i64) -> String {
        match self {
            Exclusion::WriteIndex { of } => format!("write index of {}", of.join(", ")),
            Exclusion::Hidden => "hidden index (--include-hidden to consider it)".into(),
            Exclusion::System => "system index, name starts with '.' (--include-hidden to consider it)".into(),
            Exclusion::NewestOfFamily { family, keep } => {
                if *keep == 1 {
                    format!("newest index of family {family}")
                } else {
                    format!("one of the {keep} newest indices of family {family} (--keep-newest)")
                }
            }
            Exclusion::IlmManaged { policy, delete_due_millis, position, error } => {
                let timing = match delete_due_millis {
                    None => format!("ILM policy {policy} manages it but has no delete phase"),
                    Some(due) if *due > now_millis => {
                        format!("ILM (policy {policy}) will delete this in {}", days(due - now_millis))
                    }
                    Some(due) => format!("ILM (policy {policy}) is {} late deleting this", days(now_millis - due)),
                };
                match (error, position) {
                    (Some(reason), Some(at)) => format!("{timing}: step ERROR at {at}: {reason}"),
                    (Some(reason), None) => format!("{timing}: step ERROR: {reason}"),
                    (None, Some(at)) => format!("{timing} (at {at}; --include-managed to delete it anyway)"),
                    (None, None) => format!("{timing} (--include-managed to delete it anyway)"),
                }
            }
            Exclusion::DslManaged(dsl) => {
                let DslState {
                    data_stream,
                    retention,
                    determined_by,
                    configured,
                    delete_due_millis,
                    ilm_policy_ignored,
                    ..
                } = dsl.as_ref();
                let who = format!("the data stream lifecycle of {data_stream}");
                let Some(retention) = retention else {
                    return format!(
                        "{who} manages it and keeps it forever (no data_retention; --include-managed to delete it anyway)"
                    );
                };
                let timing = match delete_due_millis {
                    Some(due) if *due > now_millis => format!("{who} will delete this in {}", days(due - now_millis)),
                    Some(due) => format!("{who} is {} late deleting this", days(now_millis - due)),
                    None => format!("{who} manages it"),
                };
                let source = match (determined_by.as_deref(), configured) {
                    (Some("default_global_retention"), _) => {
                        ", from data_streams.lifecycle.retention.default: the stream sets none".to_string()
                    }
                    (Some("max_global_retention"), Some(own)) => {
                        format!(", data_streams.lifecycle.retention.max capping its data_retention {own}")
                    }
                    (Some("max_global_retention"), None) => ", from data_streams.lifecycle.retention.max".to_string(),
                    _ => String::new(),
                };
                let ignored = ilm_policy_ignored
                    .as_ref()
                    .map(|p| format!("; its ILM policy {p} does not apply (index.lifecycle.prefer_ilm: false)"))
                    .unwrap_or_default();
                format!(
                    "{timing} (retention {retention} after rollover{source}{ignored}; --include-managed to delete it anyway)"
                )
            }
            Exclusion::FutureDate { date } => format!("date {date} in the name is in the future"),
            Exclusion::UnparsableDate { text } => format!("{text:?} in the name is not a valid date"),
            Exclusion::NoDateInName => "no date at the end of the name (--age-from creation to age it)".into(),
            Exclusion::OtherDateFormat { found, wanted } => {
                format!("name date is {found}, not the --date-format {wanted}")
            }
            Exclusion::NoCreationDate => "no creation date".into(),
            Exclusion::CreatedAfterNow { creation_millis } => format!(
                "created {} after now: the cluster's clock runs ahead of this machine's (or --now is earlier), \
                 so its age is unknown",
                crate::render::human_age(creation_millis.saturating_sub(now_millis).unsigned_abs())
            ),
            Exclusion::NotDue => "not past its retention".into(),
            Exclusion::BelowMinAge { min_age_millis } => {
                format!("younger than the --min-age floor {}: never selected", days(*min_age_millis))
            }
            Exclusion::NothingToDo { why } => why.clone(),
        }
    }
}

/// An index that will be deleted (or acted on).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectedIndex {
    /// Name.
    pub name: String,
    /// The date in the name (with [`AgeSource::NameDate`]).
    pub name_date: Option<NaiveDate>,
    /// Creation date, epoch millis.
    pub creation_millis: Option<i64>,
    /// Age in milliseconds (see the module docs for where it counts from).
    pub age_millis: i64,
    /// Bytes freed, replicas included.
    pub store_bytes: Option<u64>,
    /// Primary documents.
    pub docs: Option<u64>,
    /// The retention it is past, when the age rule selected it.
    pub delete_after_millis: Option<i64>,
    /// Which rule or limit selected it, in words.
    pub rule: String,
    /// Which selector chose it.
    pub selected_by: Selector,
}

/// The selector that chose an index (the first that did, in this order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Selector {
    /// Past the age of its rule.
    Age,
    /// Beyond the N newest of its family (`--keep-last`).
    Count,
    /// Its family (or the matched set) holds more than `--keep-total-below`.
    Size,
    /// The fullest node is above `--keep-disk-below`.
    Disk,
}

/// An index that matched a rule but is not selected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExcludedIndex {
    /// Name.
    pub name: String,
    /// Age, when it could be determined.
    pub age_millis: Option<i64>,
    /// Bytes on disk.
    pub store_bytes: Option<u64>,
    /// Why.
    pub reason: Exclusion,
}

/// The outcome of [`select`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RetentionSelection {
    /// To delete, by name.
    pub selected: Vec<SelectedIndex>,
    /// Matched and old enough (or of unknown age), but protected.
    pub excluded: Vec<ExcludedIndex>,
    /// Matched but younger than the retention.
    pub not_due: usize,
    /// Hidden or system indices matched by a pattern and skipped without further ado (their
    /// age is unknown or within the retention).
    pub hidden_skipped: usize,
    /// Limits that selecting everything allowed could not meet, in words (a family still over
    /// its size because the rest is protected or younger than the floor, …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unmet: Vec<String>,
}

impl RetentionSelection {
    /// Bytes the deletion frees.
    pub fn bytes(&self) -> u64 {
        self.selected.iter().filter_map(|s| s.store_bytes).sum()
    }

    /// Names of the selected indices.
    pub fn names(&self) -> Vec<String> {
        self.selected.iter().map(|s| s.name.clone()).collect()
    }
}

/// The age of `index` and the name date it came from, or why it has none.
fn age_of(
    index: &IndexFacts,
    key: &NameParts,
    options: &SelectionOptions,
    now: DateTime<Utc>,
) -> Result<(i64, Option<NaiveDate>), Exclusion> {
    let now_millis = now.timestamp_millis();
    match options.age_source {
        AgeSource::Creation => {
            let created = index.creation_millis.ok_or(Exclusion::NoCreationDate)?;
            let age =
                elapsed_millis(now_millis, created).ok_or(Exclusion::CreatedAfterNow { creation_millis: created })?;
            Ok((age, None))
        }
        AgeSource::NameDate => {
            let (date, format) = match &key.date {
                NameDate::Parsed(date, format) => (*date, *format),
                NameDate::Unparsable(text) => return Err(Exclusion::UnparsableDate { text: text.clone() }),
                NameDate::None => return Err(Exclusion::NoDateInName),
            };
            if let Some(wanted) = options.date_format
                && wanted != format
            {
                return Err(Exclusion::OtherDateFormat { found: format, wanted });
            }
            if key.date.is_future(now) {
                return Err(Exclusion::FutureDate { date });
            }
            let end = key.date.period_end().ok_or(Exclusion::FutureDate { date })?;
            let end_millis = end.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp_millis()).unwrap_or(i64::MAX);
            Ok((now_millis - end_millis, Some(date)))
        }
    }
}

/// An index that matched a rule and has an age: what the selectors decide over.
struct Candidate<'a> {
    index: &'a IndexFacts,
    family: &'a str,
    age: i64,
    name_date: Option<NaiveDate>,
    rule: &'a RetentionRule,
    /// Why it may not be selected (write index, newest of its family, ILM, …).
    protection: Option<Exclusion>,
    chosen: Option<(Selector, String)>,
}

impl Candidate<'_> {
    fn bytes(&self) -> u64 {
        self.index.store_bytes.unwrap_or(0)
    }
}

/// Selects the indices past their retention or beyond a [`Pressure`] limit. Pure: the same
/// snapshot, rules, options and `now` always give the same selection, sorted by name.
///
/// When several rules match an index, the longest retention wins: of two answers, the one that
/// deletes less. The limits then select oldest first — count and size per family (or over the
/// matched set), disk across every matched family — skipping protected indices, which still
/// count towards the limits (they hold data that stays), and stopping at the `min_age` floor.
pub fn select(
    snapshot: &RetentionSnapshot,
    rules: &[RetentionRule],
    options: &SelectionOptions,
    now: DateTime<Utc>,
) -> RetentionSelection {
    // Families over the whole cluster, not just the matched indices: "newest of its family"
    // must mean the newest that exists, or a pattern covering only old indices would
    // protect the wrong one.
    let families = family::group(snapshot.indices.iter(), |i| i.name.as_str());
    let mut newest: BTreeMap<&str, &str> = BTreeMap::new();
    let mut keys: BTreeMap<&str, (&str, NameParts)> = BTreeMap::new();
    for f in &families {
        // A future-dated name (a shipper's clock gone wrong) is excluded on its own; it must not
        // take the place of the real newest index, which is still being written to.
        let real = f.members.iter().rev().filter(|m| !m.key.date.is_future(now));
        for m in real.take(options.keep_newest.max(1)) {
            newest.insert(m.index.name.as_str(), f.name.as_str());
        }
        for m in &f.members {
            keys.insert(m.index.name.as_str(), (f.name.as_str(), m.key.clone()));
        }
    }
    let mut out = RetentionSelection::default();
    let mut candidates: Vec<Candidate<'_>> = Vec::new();
    // Bytes of every matched index by family, ageless ones included: they hold disk too.
    let mut matched_bytes: BTreeMap<&str, u64> = BTreeMap::new();
    for index in &snapshot.indices {
        let Some(rule) = rules
            .iter()
            .filter(|r| r.patterns.iter().any(|p| simple_match(p, &index.name)))
            .max_by_key(|r| r.delete_after_millis.unwrap_or(i64::MAX))
        else {
            continue;
        };
        let system = index.name.starts_with('.');
        let concealed = (index.hidden || system) && !options.include_hidden;
        let (family, key) = &keys[index.name.as_str()];
        if !concealed {
            *matched_bytes.entry(family).or_default() += index.store_bytes.unwrap_or(0);
        }
        let (age, name_date) = match age_of(index, key, options, now) {
            Ok(a) => a,
            Err(_) if concealed => {
                out.hidden_skipped += 1;
                continue;
            }
            Err(reason) => {
                out.excluded.push(excluded(index, reason, None));
                continue;
            }
        };
        let protection = if !index.write_index_of.is_empty() {
            Some(Exclusion::WriteIndex { of: index.write_index_of.clone() })
        } else if let Some(dsl) = index.dsl.as_ref().filter(|_| !options.include_managed) {
            // Before "hidden": every backing index is hidden, and who deletes it matters more.
            Some(Exclusion::DslManaged(Box::new(dsl.clone())))
        } else if concealed {
            Some(if index.hidden { Exclusion::Hidden } else { Exclusion::System })
        } else if let Some(family) = newest.get(index.name.as_str()) {
            Some(Exclusion::NewestOfFamily { family: family.to_string(), keep: options.keep_newest.max(1) })
        } else {
            index.ilm.as_ref().filter(|_| !options.include_managed).map(|ilm| Exclusion::IlmManaged {
                policy: ilm.policy.clone(),
                delete_due_millis: snapshot
                    .policy_delete_after
                    .get(&ilm.policy)
                    .and_then(|after| ilm.lifecycle_date_millis.map(|d| d + after)),
                position: ilm.position.clone(),
                error: ilm.error.then(|| ilm.reason.clone().unwrap_or_else(|| "no reason given".into())),
            })
        };
        if concealed && protection.is_some() && rule.delete_after_millis.is_none_or(|d| age <= d) {
            // Hidden indices only surface when the age rule alone would take them.
            out.hidden_skipped += 1;
            continue;
        }
        let chosen = rule.delete_after_millis.filter(|d| age > *d).map(|_| (Selector::Age, rule.source.clone()));
        candidates.push(Candidate { index, family, age, name_date, rule, protection, chosen });
    }
    // Oldest first; the name breaks ties so that the order never depends on the input's.
    candidates.sort_by(|a, b| b.age.cmp(&a.age).then_with(|| a.index.name.cmp(&b.index.name)));
    let floor = options.min_age_millis;
    let selectable = |c: &Candidate<'_>| c.protection.is_none() && c.age > floor;
    // Passed over by a limit although it asked for them: listed, so the operator sees why a
    // limit is not met.
    let mut passed_over: BTreeSet<usize> = BTreeSet::new();

    if let Some(keep) = options.pressure.keep_last {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        // Newest first: the first `keep` of each family stay.
        for i in (0..candidates.len()).rev() {
            let rank = seen.entry(candidates[i].family).or_default();
            *rank += 1;
            if *rank <= keep || candidates[i].chosen.is_some() {
                continue;
            }
            if selectable(&candidates[i]) {
                let why = format!("beyond the {keep} newest of family {} (--keep-last {keep})", candidates[i].family);
                candidates[i].chosen = Some((Selector::Count, why));
            } else {
                passed_over.insert(i);
            }
        }
    }

    if let Some(limit) = options.pressure.keep_total_below {
        let group_of = |c: &Candidate<'_>| -> String {
            match limit.scope {
                SizeScope::Family => c.family.to_string(),
                SizeScope::Matched => String::new(),
            }
        };
        let mut remaining: BTreeMap<String, u64> = BTreeMap::new();
        for (family, bytes) in &matched_bytes {
            let group = match limit.scope {
                SizeScope::Family => family.to_string(),
                SizeScope::Matched => String::new(),
            };
            *remaining.entry(group).or_default() += bytes;
        }
        for c in candidates.iter().filter(|c| c.chosen.is_some()) {
            if let Some(r) = remaining.get_mut(&group_of(c)) {
                *r = r.saturating_sub(c.bytes());
            }
        }
        let what = |group: &str| {
            if group.is_empty() { "the matched indices hold".to_string() } else { format!("family {group} holds") }
        };
        for (i, c) in candidates.iter_mut().enumerate() {
            let group = group_of(c);
            let left = remaining.get(&group).copied().unwrap_or(0);
            if left <= limit.bytes || c.chosen.is_some() {
                continue;
            }
            if selectable(c) {
                let why = format!(
                    "{} {} > {} (--keep-total-below)",
                    what(&group),
                    crate::render::human_bytes(left),
                    crate::render::human_bytes(limit.bytes)
                );
                remaining.insert(group, left.saturating_sub(c.bytes()));
                c.chosen = Some((Selector::Size, why));
            } else {
                passed_over.insert(i);
            }
        }
        for (group, left) in &remaining {
            if *left > limit.bytes {
                out.unmet.push(format!(
                    "{} {} after this selection, over --keep-total-below {}: the rest is protected or younger \
                     than the --min-age floor",
                    what(group),
                    crate::render::human_bytes(*left),
                    crate::render::human_bytes(limit.bytes)
                ));
            }
        }
    }

    if let (Some(percent), Some(disk)) = (options.pressure.keep_disk_below_percent, &snapshot.disk) {
        let mut freed: BTreeMap<String, u64> = BTreeMap::new();
        let free = |freed: &mut BTreeMap<String, u64>, name: &str| {
            for (node, bytes) in disk.placement.get(name).into_iter().flatten() {
                *freed.entry(node.clone()).or_default() += bytes;
            }
        };
        for c in candidates.iter().filter(|c| c.chosen.is_some()) {
            free(&mut freed, &c.index.name);
        }
        for (i, c) in candidates.iter_mut().enumerate() {
            let Some((node, used)) = disk.fullest(&freed) else { break };
            if used < percent {
                break;
            }
            if c.chosen.is_some() {
                continue;
            }
            if selectable(c) {
                let why = format!("node {node} projected at {used:.1}% ≥ {percent}% (--keep-disk-below)");
                free(&mut freed, &c.index.name);
                c.chosen = Some((Selector::Disk, why));
            } else {
                passed_over.insert(i);
            }
        }
        if let Some((node, used)) = disk.fullest(&freed)
            && used >= percent
        {
            out.unmet.push(format!(
                "node {node} stays at {used:.1}% after this selection, over --keep-disk-below {percent}%: \
                 the rest is protected or younger than the --min-age floor"
            ));
        }
    }

    for (i, c) in candidates.into_iter().enumerate() {
        match (c.chosen, c.protection) {
            (Some(_), Some(reason)) => out.excluded.push(excluded(c.index, reason, Some(c.age))),
            (Some(_), None) if c.age <= floor => {
                out.excluded.push(excluded(c.index, Exclusion::BelowMinAge { min_age_millis: floor }, Some(c.age)))
            }
            (Some((selected_by, why)), None) => out.selected.push(SelectedIndex {
                name: c.index.name.clone(),
                name_date: c.name_date,
                creation_millis: c.index.creation_millis,
                age_millis: c.age,
                store_bytes: c.index.store_bytes,
                docs: c.index.docs,
                delete_after_millis: c.rule.delete_after_millis.filter(|_| selected_by == Selector::Age),
                rule: why,
                selected_by,
            }),
            (None, protection) if passed_over.contains(&i) => {
                let reason = protection.unwrap_or(Exclusion::BelowMinAge { min_age_millis: floor });
                out.excluded.push(excluded(c.index, reason, Some(c.age)));
            }
            (None, _) => out.not_due += 1,
        }
    }
    out.selected.sort_by(|a, b| a.name.cmp(&b.name));
    out.excluded.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn excluded(index: &IndexFacts, reason: Exclusion, age: Option<i64>) -> ExcludedIndex {
    ExcludedIndex { name: index.name.clone(), age_millis: age, store_bytes: index.store_bytes, reason }
}

/// Rules from the cluster's own lifecycle configuration: for each index template that attaches an
/// ILM policy (`index.lifecycle.name`) with a deleting delete phase, its index patterns and the
/// delete phase's `min_age`. (ILM counts `min_age` from rollover or creation; esops applies it to
/// the date in the name, or the creation date with `--age-from creation`.)
pub fn rules_from_policies(
    templates: &[IndexTemplateInfo],
    policy_delete_after: &BTreeMap<String, i64>,
) -> Vec<RetentionRule> {
    templates
        .iter()
        .filter_map(|t| {
            let policy = t.lifecycle_name.as_ref()?;
            let after = *policy_delete_after.get(policy)?;
            Some(RetentionRule {
                patterns: t.patterns.clone(),
                delete_after_millis: Some(after),
                source: format!("ILM policy {policy} deletes after {} (template {})", days(after), t.name),
            })
        })
        .collect()
}

/// What the re-read of the cluster right before deleting found, compared to the plan shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Recheck {
    /// Shown and still selected: these are deleted.
    pub delete: Vec<String>,
    /// Shown, but no longer exist (someone or ILM deleted them): nothing to do.
    pub already_gone: Vec<String>,
    /// Shown, still there, but now protected (it became a write index, …): kept.
    pub now_protected: Vec<ExcludedIndex>,
    /// Selected now but not shown: the cluster changed beyond what the operator approved.
    pub newly_selected: Vec<String>,
}

/// Compares the selection that was shown with a fresh one computed from a re-read of the
/// cluster. Deleting less than was shown is fine; deleting anything that was not shown is not —
/// the operator approved a list, not a rule.
pub fn recheck(shown: &RetentionSelection, fresh_snapshot: &RetentionSnapshot, fresh: &RetentionSelection) -> Recheck {
    let fresh_selected: BTreeSet<&str> = fresh.selected.iter().map(|s| s.name.as_str()).collect();
    let shown_names: BTreeSet<&str> = shown.selected.iter().map(|s| s.name.as_str()).collect();
    let exists: BTreeSet<&str> = fresh_snapshot.indices.iter().map(|i| i.name.as_str()).collect();
    let mut out = Recheck::default();
    for name in &shown_names {
        if fresh_selected.contains(name) {
            out.delete.push(name.to_string());
        } else if !exists.contains(name) {
            out.already_gone.push(name.to_string());
        } else if let Some(excluded) = fresh.excluded.iter().find(|e| e.name == *name) {
            out.now_protected.push(excluded.clone());
        } else {
            out.now_protected.push(ExcludedIndex {
                name: name.to_string(),
                age_millis: None,
                store_bytes: None,
                reason: Exclusion::NotDue,
            });
        }
    }
    out.newly_selected = fresh_selected.difference(&shown_names).map(|s| s.to_string()).collect();
    out
}

/// The longest `DELETE` path esops sends: the same limit as every path that lists index names.
pub const MAX_DELETE_PATH_BYTES: usize = crate::es::indices::MAX_PATH_BYTES;

/// Splits `names` into batches whose `DELETE /a,b,c` path (names percent-encoded) stays within
/// `max_path_bytes`. Batches keep the deletion to a few requests for hundreds of indices while
/// each request stays under the URL limits of Elasticsearch and proxies.
pub fn delete_batches(names: &[String], max_path_bytes: usize) -> Vec<Vec<String>> {
    super::index_action::IndexAction::Delete.batches(names, max_path_bytes)
}

/// True for a name that can only ever mean itself in a `DELETE` path: no wildcard, no list
/// separator, no `-` exclusion or `_all`-like leading character. Elasticsearch never names an index
/// otherwise; a name that does came from somewhere it should not have, and is never sent.
pub fn is_explicit_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(['-', '_', '+'])
        && !name.contains(['*', '?', ',', '/', '\\', ' ', '"', '<', '>', '|', '#'])
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::es::indices::index_list_path;

    fn at(rfc3339: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(rfc3339).unwrap().with_timezone(&Utc)
    }

    pub(crate) fn facts(name: &str) -> IndexFacts {
        IndexFacts {
            name: name.into(),
            docs: Some(10),
            store_bytes: Some(100),
            creation_millis: Some(0),
            hidden: false,
            write_index_of: Vec::new(),
            ilm: None,
            dsl: None,
            status: "open".into(),
            health: "green".into(),
            primaries: 1,
            replicas: 1,
            write_blocked: false,
        }
    }

    fn snapshot(indices: Vec<IndexFacts>) -> RetentionSnapshot {
        let mut indices = indices;
        indices.sort_by(|a, b| a.name.cmp(&b.name));
        RetentionSnapshot { indices, policy_delete_after: BTreeMap::new(), disk: None }
    }

    fn rule(pattern: &str, days: i64) -> RetentionRule {
        RetentionRule {
            patterns: vec![pattern.into()],
            delete_after_millis: Some(days * DAY_MILLIS),
            source: "test".into(),
        }
    }

    fn options() -> SelectionOptions {
        SelectionOptions {
            age_source: AgeSource::NameDate,
            date_format: None,
            keep_newest: 1,
            include_hidden: false,
            include_managed: false,
            min_age_millis: 0,
            pressure: Pressure::default(),
        }
    }

    fn selected(s: &RetentionSelection) -> Vec<&str> {
        s.selected.iter().map(|i| i.name.as_str()).collect()
    }

    fn reason<'a>(s: &'a RetentionSelection, name: &str) -> &'a Exclusion {
        &s.excluded.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("{name} not excluded: {s:?}")).reason
    }

    #[test]
    fn ages_count_from_the_end_of_the_named_day_in_utc() {
        let snap = snapshot(vec![facts("logs-2024.03.15"), facts("logs-2024.03.16"), facts("logs-2024.06.30")]);
        // 2024-03-16T00:00Z + 90d = 2024-06-14T00:00Z: exactly 90 days is not older than 90 days.
        let s = select(&snap, &[rule("logs-*", 90)], &options(), at("2024-06-14T00:00:00Z"));
        assert!(s.selected.is_empty());
        let s = select(&snap, &[rule("logs-*", 90)], &options(), at("2024-06-14T00:00:01Z"));
        assert_eq!(selected(&s), ["logs-2024.03.15"]);
        // An offset changes nothing: 00:59:59+01:00 is still the day before in UTC.
        let s = select(&snap, &[rule("logs-*", 90)], &options(), at("2024-06-14T00:59:59+01:00"));
        assert!(s.selected.is_empty());
    }

    #[test]
    fn month_indices_age_from_the_end_of_the_month() {
        let snap = snapshot(vec![facts("billing-2024.01"), facts("billing-2024.02"), facts("billing-2024.03")]);
        // billing-2024.02 holds data until 2024-03-01; 30 days later is 2024-03-31.
        let s = select(&snap, &[rule("billing-*", 30)], &options(), at("2024-03-31T12:00:00Z"));
        assert_eq!(selected(&s), ["billing-2024.01", "billing-2024.02"]);
        let s = select(&snap, &[rule("billing-*", 30)], &options(), at("2024-03-30T12:00:00Z"));
        assert_eq!(selected(&s), ["billing-2024.01"]);
    }

    #[test]
    fn invalid_future_and_missing_dates_are_listed_not_selected() {
        let snap = snapshot(vec![
            facts("logs-2024.02.30"),
            facts("logs-2024.13.01"),
            facts("logs-2099.01.01"),
            facts("logs-reindex-tmp"),
            facts("logs-2024.01.01"),
            facts("logs-2024.03.01"),
        ]);
        let s = select(&snap, &[rule("logs-*", 1)], &options(), at("2024-06-01T00:00:00Z"));
        assert_eq!(selected(&s), ["logs-2024.01.01"]);
        assert_eq!(reason(&s, "logs-2024.02.30"), &Exclusion::UnparsableDate { text: "2024.02.30".into() });
        assert_eq!(reason(&s, "logs-2024.13.01"), &Exclusion::UnparsableDate { text: "2024.13.01".into() });
        assert!(matches!(reason(&s, "logs-2099.01.01"), Exclusion::FutureDate { .. }));
        assert_eq!(reason(&s, "logs-reindex-tmp"), &Exclusion::NoDateInName);
        // The newest *valid* date of the family is kept, not the future one.
        assert!(matches!(reason(&s, "logs-2024.03.01"), Exclusion::NewestOfFamily { .. }));
        assert!(reason(&s, "logs-2024.02.30").needs_attention(0));
    }

    #[test]
    fn digits_in_family_names_and_date_formats() {
        let snap = snapshot(vec![
            facts("app2-logs-2024.03.15"),
            facts("app2-logs-2024.03.16"),
            facts("app2-logs-2024.03"),
            facts("app2-logs-20240310"),
        ]);
        let mut o = options();
        let s = select(&snap, &[rule("app2-logs-*", 10)], &o, at("2024-05-01T00:00:00Z"));
        assert_eq!(selected(&s), ["app2-logs-2024.03", "app2-logs-2024.03.15", "app2-logs-20240310"]);
        // `%Y.%m` does not match daily names (a Curator foot-gun): only the monthly index qualifies.
        o.date_format = Some(DateFormat::DottedMonth);
        let s = select(&snap, &[rule("app2-logs-*", 10)], &o, at("2024-05-01T00:00:00Z"));
        assert_eq!(selected(&s), ["app2-logs-2024.03"]);
        assert!(matches!(reason(&s, "app2-logs-2024.03.15"), Exclusion::OtherDateFormat { .. }));
    }

    #[test]
    fn protected_indices_are_never_selected() {
        let mut write = facts("a-2024.01.01");
        write.write_index_of = vec!["alias a".into()];
        let mut hidden = facts("b-2024.01.01");
        hidden.hidden = true;
        let mut managed = facts("c-2024.01.01");
        managed.ilm = Some(IlmState {
            policy: "p".into(),
            lifecycle_date_millis: Some(at("2024-01-01T00:00:00Z").timestamp_millis()),
            position: Some("hot/rollover/ERROR".into()),
            error: true,
            reason: Some("boom".into()),
        });
        let mut snap = snapshot(vec![
            write,
            facts("a-2024.06.01"),
            hidden,
            facts("b-2024.06.01"),
            managed,
            facts("c-2024.05.01"),
            facts("c-2024.06.01"),
            facts(".sys-2024.01.01"),
            facts(".sys-2024.06.01"),
            facts("d-2024.01.01"),
            facts("d-2024.01.02"),
            facts("d-2024.01.03"),
        ]);
        snap.policy_delete_after.insert("p".into(), 30 * DAY_MILLIS);
        let now = at("2024-07-01T00:00:00Z");
        let mut o = options();
        o.keep_newest = 2;
        let s = select(&snap, &[rule("*", 30)], &o, now);
        assert_eq!(selected(&s), ["d-2024.01.01"]);
        assert!(matches!(reason(&s, "a-2024.01.01"), Exclusion::WriteIndex { .. }));
        assert_eq!(reason(&s, "b-2024.01.01"), &Exclusion::Hidden);
        assert_eq!(reason(&s, ".sys-2024.01.01"), &Exclusion::System);
        assert!(matches!(reason(&s, "d-2024.01.02"), Exclusion::NewestOfFamily { keep: 2, .. }));
        let ilm = reason(&s, "c-2024.01.01");
        let text = ilm.message(now.timestamp_millis());
        assert!(text.contains("is 152d late") && text.contains("step ERROR at hot/rollover/ERROR: boom"), "{text}");
        assert!(ilm.needs_attention(now.timestamp_millis()));
        // Opting in: hidden and managed indices become selectable; write indices never do.
        o.include_hidden = true;
        o.include_managed = true;
        o.keep_newest = 1;
        let s = select(&snap, &[rule("*", 30)], &o, now);
        assert_eq!(
            selected(&s),
            [".sys-2024.01.01", "b-2024.01.01", "c-2024.01.01", "c-2024.05.01", "d-2024.01.01", "d-2024.01.02"]
        );
    }

    fn sized(name: &str, bytes: u64) -> IndexFacts {
        let mut f = facts(name);
        f.store_bytes = Some(bytes);
        f
    }

    fn pressure_only(pattern: &str) -> RetentionRule {
        RetentionRule { patterns: vec![pattern.into()], delete_after_millis: None, source: pattern.into() }
    }

    fn by(s: &RetentionSelection, name: &str) -> Selector {
        s.selected.iter().find(|i| i.name == name).unwrap_or_else(|| panic!("{name} not selected: {s:?}")).selected_by
    }

    #[test]
    fn keep_last_keeps_the_newest_of_each_family_and_counts_protected_ones() {
        let mut write = facts("b-2024.05.05");
        write.write_index_of = vec!["alias b".into()];
        let snap = snapshot(vec![
            facts("a-2024.05.01"),
            facts("a-2024.05.02"),
            facts("a-2024.05.03"),
            facts("a-2024.05.04"),
            facts("b-2024.05.01"),
            facts("b-2024.05.02"),
            write,
        ]);
        let mut o = options();
        o.pressure.keep_last = Some(2);
        let s = select(&snap, &[pressure_only("*")], &o, at("2024-06-01T00:00:00Z"));
        // b keeps its write index and one more: the write index counts as one of the two.
        assert_eq!(selected(&s), ["a-2024.05.01", "a-2024.05.02", "b-2024.05.01"]);
        assert_eq!(by(&s, "a-2024.05.01"), Selector::Count);
        assert!(s.selected[0].rule.contains("--keep-last 2"), "{}", s.selected[0].rule);
        assert_eq!(s.not_due, 4);
    }

    #[test]
    fn keep_total_below_selects_oldest_first_until_the_rest_fits() {
        let snap = snapshot(vec![
            sized("a-2024.05.01", 40),
            sized("a-2024.05.02", 30),
            sized("a-2024.05.03", 20),
            sized("a-2024.05.04", 10),
            sized("b-2024.05.01", 100),
            sized("b-2024.05.02", 10),
        ]);
        let now = at("2024-06-01T00:00:00Z");
        let mut o = options();
        o.pressure.keep_total_below = Some(SizeLimit { bytes: 35, scope: SizeScope::Family });
        let s = select(&snap, &[pressure_only("*")], &o, now);
        // a: 100 → 60 → 30 fits; b: 110 → 10 fits.
        assert_eq!(selected(&s), ["a-2024.05.01", "a-2024.05.02", "b-2024.05.01"]);
        assert_eq!(by(&s, "b-2024.05.01"), Selector::Size);
        // Over the matched set: 170 bytes, oldest first (a-05.01 and b-05.01 share the oldest day).
        o.pressure.keep_total_below = Some(SizeLimit { bytes: 35, scope: SizeScope::Matched });
        let s = select(&snap, &[pressure_only("*")], &o, now);
        assert_eq!(selected(&s), ["a-2024.05.01", "a-2024.05.02", "a-2024.05.03", "b-2024.05.01"]);
        assert!(s.unmet.is_empty(), "{:?}", s.unmet);
        // What the age rule already selects counts as freed.
        o.pressure.keep_total_below = Some(SizeLimit { bytes: 35, scope: SizeScope::Family });
        let s = select(&snap, &[rule("a-*", 29)], &o, now);
        assert_eq!(by(&s, "a-2024.05.01"), Selector::Age);
        assert_eq!(by(&s, "a-2024.05.02"), Selector::Size);
    }

    #[test]
    fn no_pressure_crosses_a_protection_or_the_floor() {
        let mut write = sized("w-2024.05.30", 1000);
        write.write_index_of = vec!["data stream w".into()];
        let snap =
            snapshot(vec![sized("w-2024.05.01", 1000), write, sized("y-2024.05.30", 1000), sized("y-2024.05.31", 1)]);
        let now = at("2024-05-31T12:00:00Z");
        let mut o = options();
        o.min_age_millis = DAY_MILLIS;
        o.pressure.keep_total_below = Some(SizeLimit { bytes: 1, scope: SizeScope::Family });
        o.pressure.keep_last = Some(0);
        let s = select(&snap, &[pressure_only("*")], &o, now);
        assert_eq!(selected(&s), ["w-2024.05.01"]);
        assert!(matches!(reason(&s, "w-2024.05.30"), Exclusion::WriteIndex { .. }));
        // y-2024.05.30 ended 12 h ago: under the 1 day floor.
        assert_eq!(reason(&s, "y-2024.05.30"), &Exclusion::BelowMinAge { min_age_millis: DAY_MILLIS });
        assert!(reason(&s, "y-2024.05.30").message(0).contains("floor 1d"));
        assert_eq!(s.unmet.len(), 2, "{:?}", s.unmet);
        assert!(s.unmet.iter().any(|u| u.contains("family y")), "{:?}", s.unmet);
    }

    #[test]
    fn keep_disk_below_frees_the_fullest_node_across_families_with_replicas() {
        let snap_indices = vec![
            sized("a-2024.05.01", 200),
            sized("b-2024.05.02", 200),
            sized("a-2024.05.03", 200),
            sized("b-2024.05.04", 200),
            sized("a-2024.05.05", 200),
            sized("b-2024.05.06", 200),
        ];
        let mut snap = snapshot(snap_indices);
        // Primary on n1, replica on n2 for a-*; b-* lives on n2 and n3.
        let place = |nodes: &[&str]| nodes.iter().map(|n| (n.to_string(), 100)).collect::<BTreeMap<_, _>>();
        let mut placement = BTreeMap::new();
        for d in ["01", "03", "05"] {
            placement.insert(format!("a-2024.05.{d}"), place(&["n1", "n2"]));
        }
        for d in ["02", "04", "06"] {
            placement.insert(format!("b-2024.05.{d}"), place(&["n2", "n3"]));
        }
        let node = |n: &str, used| NodeUse { node: n.into(), used_bytes: used, total_bytes: 1000 };
        // n2 holds 600 of index data + 300 other: 90 %.
        snap.disk = Some(DiskModel {
            nodes: vec![node("n1", 400), node("n2", 900), node("n3", 400)],
            placement,
            copies: BTreeMap::new(),
        });
        let mut o = options();
        o.pressure.keep_disk_below_percent = Some(75.0);
        let s = select(&snap, &[pressure_only("*")], &o, at("2024-06-01T00:00:00Z"));
        // 90 % → 80 % → 70 %: the two oldest, whatever their family.
        assert_eq!(selected(&s), ["a-2024.05.01", "b-2024.05.02"]);
        assert_eq!(by(&s, "b-2024.05.02"), Selector::Disk);
        assert!(s.selected[1].rule.contains("node n2 projected at 80.0%"), "{}", s.selected[1].rule);
        // Unreachable: everything selectable goes, the newest of each family stays, and it says so.
        o.pressure.keep_disk_below_percent = Some(10.0);
        let s = select(&snap, &[pressure_only("*")], &o, at("2024-06-01T00:00:00Z"));
        assert_eq!(s.selected.len(), 4);
        assert!(s.unmet[0].contains("node n2 stays at 50.0%"), "{:?}", s.unmet);
    }

    #[test]
    fn data_stream_lifecycle_indices_are_reported_with_what_it_deletes_and_when() {
        let day = |d: u32| at(&format!("2024-05-{d:02}T00:00:00Z")).timestamp_millis();
        let cat = |name: &str, created: i64| CatIndex {
            index: name.into(),
            health: "green".into(),
            status: "open".into(),
            primaries: 1,
            replicas: 0,
            docs: Some(1),
            store_bytes: Some(100),
            primary_store_bytes: Some(100),
            creation_millis: Some(created),
        };
        let backing = [".ds-web-2024.05.01-000001", ".ds-web-2024.05.02-000002", ".ds-web-2024.05.03-000003"];
        let mixed = [".ds-mix-2024.05.01-000001", ".ds-mix-2024.05.02-000002", ".ds-mix-2024.05.03-000003"];
        let indices: Vec<CatIndex> =
            backing.iter().chain(&mixed).enumerate().map(|(i, n)| cat(n, day(1 + (i % 3) as u32))).collect();
        let streams = vec![
            // 30d configured, capped to 7d by the global max retention.
            DataStreamInfo {
                name: "web".into(),
                indices: backing.iter().map(|s| s.to_string()).collect(),
                data_stream_lifecycle: true,
                data_retention: Some("30d".into()),
                effective_retention: Some(("7d".into(), Some("max_global_retention".into()))),
                lifecycle_managed: backing.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            },
            // The stream has a lifecycle, but its first index still belongs to ILM (prefer_ilm).
            DataStreamInfo {
                name: "mix".into(),
                indices: mixed.iter().map(|s| s.to_string()).collect(),
                data_stream_lifecycle: true,
                data_retention: None,
                effective_retention: None,
                lifecycle_managed: mixed[1..].iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            },
        ];
        let explain = BTreeMap::from([(
            mixed[0].to_string(),
            IlmExplain { managed: true, policy: Some("old".into()), ..Default::default() },
        )]);
        let snap = RetentionSnapshot::assemble(
            indices,
            &BTreeMap::new(),
            &streams,
            &BTreeMap::new(),
            &explain,
            &BTreeMap::new(),
        );
        let mut o = options();
        o.include_hidden = true;
        let now = at("2024-05-08T12:00:00Z");
        let s = select(&snap, &[rule(".ds-*", 1)], &o, now);
        assert!(s.selected.is_empty(), "{:?}", s.selected);
        // Rolled over on 05-02 (the next generation's creation), 7 days: due 05-09.
        let first = reason(&s, backing[0]);
        assert_eq!(
            first,
            &Exclusion::DslManaged(Box::new(DslState {
                data_stream: "web".into(),
                retention: Some("7d".into()),
                retention_millis: Some(7 * DAY_MILLIS),
                determined_by: Some("max_global_retention".into()),
                configured: Some("30d".into()),
                rolled_over_millis: Some(day(2)),
                delete_due_millis: Some(day(9)),
                ilm_policy_ignored: None,
            }))
        );
        let text = first.message(now.timestamp_millis());
        assert_eq!(
            text,
            "the data stream lifecycle of web will delete this in 12h (retention 7d after rollover, \
             data_streams.lifecycle.retention.max capping its data_retention 30d; \
             --include-managed to delete it anyway)"
        );
        assert!(!first.needs_attention(now.timestamp_millis()));
        assert!(first.needs_attention(day(10)), "late");
        assert!(reason(&s, mixed[1]).message(0).contains("keeps it forever"));
        assert!(matches!(reason(&s, mixed[0]), Exclusion::IlmManaged { policy, .. } if policy == "old"));
        assert!(matches!(reason(&s, backing[2]), Exclusion::WriteIndex { .. }));
        // Without --include-hidden, still reported as the lifecycle's, not as "hidden".
        o.include_hidden = false;
        let s = select(&snap, &[rule(".ds-*", 1)], &o, now);
        assert!(matches!(reason(&s, backing[0]), Exclusion::DslManaged(_)));
        // Opting in selects them, as for ILM; write indices never.
        o.include_hidden = true;
        o.include_managed = true;
        let s = select(&snap, &[rule(".ds-*", 1)], &o, now);
        assert_eq!(selected(&s), [mixed[0], mixed[1], backing[0], backing[1]]);
    }

    #[test]
    fn ilm_messages_say_when_ilm_deletes() {
        let e = Exclusion::IlmManaged {
            policy: "p".into(),
            delete_due_millis: Some(3 * DAY_MILLIS),
            position: None,
            error: None,
        };
        assert_eq!(e.message(0), "ILM (policy p) will delete this in 3d (--include-managed to delete it anyway)");
        assert!(!e.needs_attention(0));
        let none = Exclusion::IlmManaged { policy: "p".into(), delete_due_millis: None, position: None, error: None };
        assert!(none.message(0).contains("has no delete phase"));
    }

    #[test]
    fn creation_age_and_the_longest_rule_wins() {
        let mut old = facts("x-000001");
        old.creation_millis = Some(0);
        let mut young = facts("x-000002");
        young.creation_millis = Some(9 * DAY_MILLIS);
        let mut newest = facts("x-000003");
        newest.creation_millis = Some(DAY_MILLIS);
        let snap = snapshot(vec![old, young, newest]);
        let mut o = options();
        o.age_source = AgeSource::Creation;
        let now = DateTime::from_timestamp_millis(10 * DAY_MILLIS).unwrap();
        let s = select(&snap, &[rule("*", 5)], &o, now);
        assert_eq!(selected(&s), ["x-000001"]);
        assert_eq!(s.not_due, 1);
        assert!(matches!(reason(&s, "x-000003"), Exclusion::NewestOfFamily { .. }));
        let s = select(&snap, &[rule("*", 5), rule("x-000001", 20)], &o, now);
        assert!(s.selected.is_empty());
    }

    #[test]
    fn a_creation_date_after_now_is_an_unknown_age_not_a_negative_one() {
        let mut ahead = facts("x-000001");
        ahead.creation_millis = Some(11 * DAY_MILLIS);
        let mut newest = facts("x-000002");
        newest.creation_millis = Some(12 * DAY_MILLIS);
        let mut o = options();
        o.age_source = AgeSource::Creation;
        let now = 10 * DAY_MILLIS;
        let s =
            select(&snapshot(vec![ahead, newest]), &[rule("*", 0)], &o, DateTime::from_timestamp_millis(now).unwrap());
        let why = reason(&s, "x-000001");
        assert!(matches!(why, Exclusion::CreatedAfterNow { .. }), "{why:?}");
        assert!(why.needs_attention(now));
        assert!(
            why.message(now).starts_with("created 1d after now: the cluster's clock runs ahead"),
            "{}",
            why.message(now)
        );
        assert!(s.excluded.iter().all(|e| e.age_millis.is_none_or(|a| a >= 0)));
    }

    #[test]
    fn rules_from_policies_use_the_delete_phase_of_the_attached_policy() {
        let templates = vec![
            IndexTemplateInfo { name: "t".into(), patterns: vec!["logs-*".into()], lifecycle_name: Some("p".into()) },
            IndexTemplateInfo { name: "u".into(), patterns: vec!["other-*".into()], lifecycle_name: None },
        ];
        let delete_after = BTreeMap::from([("p".to_string(), 90 * DAY_MILLIS)]);
        let rules = rules_from_policies(&templates, &delete_after);
        assert_eq!(rules.len(), 1);
        assert_eq!(rules[0].patterns, ["logs-*"]);
        assert_eq!(rules[0].delete_after_millis, Some(90 * DAY_MILLIS));
        assert_eq!(rules[0].source, "ILM policy p deletes after 90d (template t)");
    }

    #[test]
    fn recheck_between_two_snapshots() {
        let now = at("2024-06-01T00:00:00Z");
        let plan_snap =
            snapshot(vec![facts("l-2024.01.01"), facts("l-2024.01.02"), facts("l-2024.01.03"), facts("l-2024.05.31")]);
        let shown = select(&plan_snap, &[rule("l-*", 30)], &options(), now);
        assert_eq!(selected(&shown), ["l-2024.01.01", "l-2024.01.02", "l-2024.01.03"]);

        // Someone deleted one, another became a write index: delete the rest, report both.
        let mut became_write = facts("l-2024.01.03");
        became_write.write_index_of = vec!["alias l".into()];
        let fresh_snap = snapshot(vec![facts("l-2024.01.01"), became_write, facts("l-2024.05.31")]);
        let fresh = select(&fresh_snap, &[rule("l-*", 30)], &options(), now);
        let r = recheck(&shown, &fresh_snap, &fresh);
        assert_eq!(r.delete, ["l-2024.01.01"]);
        assert_eq!(r.already_gone, ["l-2024.01.02"]);
        assert_eq!(r.now_protected[0].name, "l-2024.01.03");
        assert!(r.newly_selected.is_empty());

        // A new old index appeared (a restore, a backfill): it was not shown, so stop.
        let grown = snapshot(vec![
            facts("l-2023.12.31"),
            facts("l-2024.01.01"),
            facts("l-2024.01.02"),
            facts("l-2024.01.03"),
            facts("l-2024.05.31"),
        ]);
        let r = recheck(&shown, &grown, &select(&grown, &[rule("l-*", 30)], &options(), now));
        assert_eq!(r.newly_selected, ["l-2023.12.31"]);
    }

    #[test]
    fn batches_keep_every_delete_path_under_the_limit() {
        let names: Vec<String> = (0..1000).map(|i| format!("python-logs-{i:04}.01.01")).collect();
        let batches = delete_batches(&names, MAX_DELETE_PATH_BYTES);
        assert!(batches.len() > 1);
        assert!(batches.iter().all(|b| index_list_path(b).len() <= MAX_DELETE_PATH_BYTES));
        assert_eq!(batches.concat(), names);
        // Each batch is as full as the limit allows: one more name would cross it.
        for pair in batches.windows(2) {
            let mut fuller = pair[0].clone();
            fuller.push(pair[1][0].clone());
            assert!(index_list_path(&fuller).len() > MAX_DELETE_PATH_BYTES);
        }
        // Encoded names count with their encoded length.
        let wide: Vec<String> = (0..100).map(|i| format!("é-{i}")).collect();
        assert!(delete_batches(&wide, 100).iter().all(|b| index_list_path(b).len() <= 100));
        assert!(delete_batches(&[], 100).is_empty());
    }
}
