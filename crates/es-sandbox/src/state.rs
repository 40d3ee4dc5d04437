//! The cluster state the sandbox holds in memory. One `Cluster` per sandbox, behind a mutex.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::clock::Clock;
use super::disk::DiskTally;
use super::ingest::StoredPipeline;
use super::version::EsVersion;

/// The whole emulated cluster. Serializable so that `--state FILE` can persist it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cluster {
    /// The Elasticsearch version being emulated.
    pub version: EsVersion,
    /// `cluster_name`.
    pub name: String,
    /// `cluster_uuid`.
    pub uuid: String,
    /// Name of the node that answers HTTP (the first node).
    pub node_name: String,
    /// Data nodes in the cluster (1 unless started with more): replicas are assigned to other
    /// nodes than their primary, each node with a disk of `disk_total_bytes`.
    #[serde(default = "one_node")]
    pub nodes: u64,
    /// The virtual clock (read it with [`Cluster::now_millis`]).
    #[serde(default)]
    pub clock: Clock,
    /// When the cluster was created, epoch millis: its basic license's issue date.
    #[serde(default)]
    pub created_millis: i64,
    /// Whether requests need credentials (users or API keys configured): X-Pack security enabled.
    #[serde(skip)]
    pub security_enabled: bool,
    /// When ILM's periodic run last ran, clock millis (see [`super::clock`]).
    #[serde(default)]
    pub last_periodic_run_millis: i64,
    /// Persistent and transient cluster settings, flat keys, string values.
    pub persistent_settings: BTreeMap<String, Value>,
    /// Transient cluster settings.
    pub transient_settings: BTreeMap<String, Value>,
    /// Node settings (what `elasticsearch.yml` holds), flat keys, string values: the fallback
    /// for cluster settings, shown under `defaults`; given at start, not persisted.
    #[serde(skip)]
    pub node_settings: BTreeMap<String, Value>,
    /// Indices by name, with the indices each alias points at.
    pub indices: Indices,
    /// Data streams by name.
    pub data_streams: BTreeMap<String, DataStream>,
    /// Failure stores (options and failure indices) of data streams, by data stream name.
    #[serde(default)]
    pub failure_stores: BTreeMap<String, super::failure_store::FailureStore>,
    /// ILM policies by name, as stored (see `ilm.rs`).
    pub ilm_policies: BTreeMap<String, StoredPolicy>,
    /// `RUNNING`, `STOPPING` or `STOPPED`.
    pub ilm_operation_mode: String,
    /// Composable index templates by name (body as GET returns it).
    pub index_templates: BTreeMap<String, Value>,
    /// Component templates by name (body as GET returns it).
    pub component_templates: BTreeMap<String, Value>,
    /// Legacy `_template` templates by name (body as GET returns it, settings flat).
    #[serde(default)]
    pub legacy_templates: BTreeMap<String, Value>,
    /// Ingest pipelines by id, compiled when they were put.
    #[serde(with = "super::ingest::stored_form")]
    pub pipelines: BTreeMap<String, StoredPipeline>,
    /// Simulated disk size of each node.
    pub disk_total_bytes: u64,
    /// Bytes used on each node's disk by things other than indices (OS, logs…).
    pub disk_other_bytes: u64,
    /// True while the seed writes history, which the shard limit does not guard.
    #[serde(skip)]
    pub seeding: bool,
    /// The node setting `path.repo`: the directories `fs` repositories (and `file:` URLs) may
    /// live under; empty refuses every `fs` repository, as ES does.
    #[serde(default)]
    pub path_repo: Vec<String>,
    /// Registered snapshot repositories by name.
    #[serde(default)]
    pub repositories: BTreeMap<String, crate::snapshots::Repository>,
    /// What the repositories' storage holds, by storage location: it outlives a registration, so
    /// a repository registered again at the same location finds its snapshots (and UUID).
    #[serde(default)]
    pub repository_stores: BTreeMap<String, crate::snapshots::RepositoryStore>,
    /// Snapshot lifecycle management: policies, operation mode, statistics.
    #[serde(default)]
    pub slm: crate::slm::Slm,
    /// Injected snapshot outcomes (`/_sandbox/snapshot_faults`), first match wins.
    #[serde(skip)]
    pub snapshot_faults: Vec<crate::snapshots::SnapshotFault>,
    /// What the disk monitor last summed up over the indices (see [`DiskTally`]).
    #[serde(skip)]
    pub disk_tally: Option<DiskTally>,
    /// The OpenSearch profile (release, ISM), when the sandbox answers as OpenSearch.
    #[serde(default)]
    pub opensearch: Option<crate::opensearch::OpenSearch>,
}

/// The indices by name, the indices each alias points at (what ES's `IndicesLookup` holds) and
/// the indices each ILM policy manages: an alias lookup by name, or a policy update, must not
/// visit 100,000 indices. Reading derefs to the map; every change goes through the methods below,
/// which keep both tables in step with the indices' aliases and `index.lifecycle.name`.
#[derive(Debug, Clone, Default)]
pub struct Indices {
    by_name: BTreeMap<String, Index>,
    /// Alias name → the names of the indices carrying it; no empty entries.
    carriers: BTreeMap<String, BTreeSet<String>>,
    /// ILM policy name → the names of the indices whose `index.lifecycle.name` names it (see
    /// [`crate::ilm::policy_of`]); no empty entries.
    managed: BTreeMap<String, BTreeSet<String>>,
    /// Counts every change (insert, remove, `get_mut`): what is derived from the indices at one
    /// generation is still true at the same generation.
    generation: u64,
}

impl Deref for Indices {
    type Target = BTreeMap<String, Index>;

    fn deref(&self) -> &Self::Target {
        &self.by_name
    }
}

impl Indices {
    /// Adds (or replaces) an index under its name.
    pub fn insert(&mut self, name: String, index: Index) -> Option<Index> {
        self.generation += 1;
        let previous = self.remove(&name);
        link(&mut self.carriers, &name, index.aliases.keys());
        link(&mut self.managed, &name, crate::ilm::policy_of(&index));
        self.by_name.insert(name, index);
        previous
    }

    /// Removes an index.
    pub fn remove(&mut self, name: &str) -> Option<Index> {
        self.generation += 1;
        let index = self.by_name.remove(name)?;
        unlink(&mut self.carriers, name, index.aliases.keys());
        unlink(&mut self.managed, name, crate::ilm::policy_of(&index));
        Some(index)
    }

    /// An index to change in place; the alias and policy tables follow its aliases and policy
    /// when the guard drops.
    pub fn get_mut(&mut self, name: &str) -> Option<IndexMut<'_>> {
        self.generation += 1;
        let index = self.by_name.get_mut(name)?;
        let aliases_before = index.aliases.keys().cloned().collect();
        let policy_before = crate::ilm::policy_of(index).map(str::to_string);
        Some(IndexMut {
            index,
            carriers: &mut self.carriers,
            managed: &mut self.managed,
            aliases_before,
            policy_before,
        })
    }

    /// The change count (see the field): equal generations, equal indices.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The names of the indices carrying `alias`, sorted.
    pub fn carrying(&self, alias: &str) -> impl Iterator<Item = &str> {
        self.carriers.get(alias).into_iter().flatten().map(String::as_str)
    }

    /// Every alias name, sorted, with the names of the indices carrying it.
    pub fn aliases(&self) -> impl Iterator<Item = (&str, &BTreeSet<String>)> {
        self.carriers.iter().map(|(alias, carriers)| (alias.as_str(), carriers))
    }

    /// The indices whose names start with `prefix`, sorted: a range of the sorted map, so that a
    /// wildcard with a literal prefix visits only what it can match.
    pub fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a Index> + 'a {
        with_prefix(&self.by_name, prefix).map(|(_, index)| index)
    }

    /// [`Indices::aliases`] whose names start with `prefix`.
    pub fn aliases_with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a BTreeSet<String>)> {
        with_prefix(&self.carriers, prefix).map(|(alias, carriers)| (alias.as_str(), carriers))
    }

    /// The names of the indices managed by ILM policy `policy` (`index.lifecycle.name`), sorted.
    pub fn managed_by(&self, policy: &str) -> impl Iterator<Item = &str> {
        self.managed.get(policy).into_iter().flatten().map(String::as_str)
    }

    /// Every policy some index names, sorted, with the names of the indices it manages.
    pub fn managed(&self) -> impl Iterator<Item = (&str, &BTreeSet<String>)> {
        self.managed.iter().map(|(policy, indices)| (policy.as_str(), indices))
    }
}

/// The entries of a name-sorted map whose names start with `prefix`.
fn with_prefix<'a, V>(map: &'a BTreeMap<String, V>, prefix: &'a str) -> impl Iterator<Item = (&'a String, &'a V)> + 'a {
    use std::ops::Bound;
    map.range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
        .take_while(move |(name, _)| name.starts_with(prefix))
}

/// Adds `index` to the entries of `keys` (its aliases, or its policy) in a name → indices table.
fn link<'a, S: AsRef<str> + ?Sized + 'a>(
    table: &mut BTreeMap<String, BTreeSet<String>>,
    index: &str,
    keys: impl IntoIterator<Item = &'a S>,
) {
    for key in keys {
        table.entry(key.as_ref().to_string()).or_default().insert(index.to_string());
    }
}

/// Removes `index` from the entries of `keys`, dropping entries left empty.
fn unlink<'a, S: AsRef<str> + ?Sized + 'a>(
    table: &mut BTreeMap<String, BTreeSet<String>>,
    index: &str,
    keys: impl IntoIterator<Item = &'a S>,
) {
    for key in keys {
        if let Some(names) = table.get_mut(key.as_ref()) {
            names.remove(index);
            if names.is_empty() {
                table.remove(key.as_ref());
            }
        }
    }
}

impl FromIterator<(String, Index)> for Indices {
    fn from_iter<I: IntoIterator<Item = (String, Index)>>(iter: I) -> Self {
        let mut indices = Indices::default();
        for (name, index) in iter {
            indices.insert(name, index);
        }
        indices
    }
}

impl Serialize for Indices {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.by_name.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Indices {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(BTreeMap::<String, Index>::deserialize(d)?.into_iter().collect())
    }
}

/// An index borrowed for changing ([`Indices::get_mut`]): when dropped, moves the index's entries
/// in the alias and policy tables to follow the aliases and policy it has now.
pub struct IndexMut<'a> {
    index: &'a mut Index,
    carriers: &'a mut BTreeMap<String, BTreeSet<String>>,
    managed: &'a mut BTreeMap<String, BTreeSet<String>>,
    aliases_before: Vec<String>,
    policy_before: Option<String>,
}

impl Deref for IndexMut<'_> {
    type Target = Index;

    fn deref(&self) -> &Index {
        self.index
    }
}

impl DerefMut for IndexMut<'_> {
    fn deref_mut(&mut self) -> &mut Index {
        self.index
    }
}

impl Drop for IndexMut<'_> {
    fn drop(&mut self) {
        let policy = crate::ilm::policy_of(self.index);
        if policy != self.policy_before.as_deref() {
            unlink(self.managed, &self.index.name, &self.policy_before);
            link(self.managed, &self.index.name, policy);
        }
        if self.index.aliases.keys().eq(self.aliases_before.iter()) {
            return;
        }
        unlink(self.carriers, &self.index.name, self.aliases_before.iter());
        link(self.carriers, &self.index.name, self.index.aliases.keys());
    }
}

/// A stored ILM policy.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StoredPolicy {
    /// The policy body as GET shows it (`phases` with defaults, optional `_meta`).
    pub policy: Value,
    /// Version, starting at 1.
    pub version: u64,
    /// Last modification, epoch millis.
    pub modified_millis: i64,
}

/// One index.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Index {
    /// Name.
    pub name: String,
    /// UUID.
    pub uuid: String,
    /// Creation date, epoch millis (virtual clock).
    pub creation_millis: i64,
    /// Settings, flat `index.`-prefixed keys, values as ES stores them (strings, or arrays of strings).
    pub settings: BTreeMap<String, Value>,
    /// Mappings (`{"properties": …}` or `{}`).
    pub mappings: Value,
    /// Aliases pointing at this index.
    pub aliases: BTreeMap<String, AliasMeta>,
    /// `open` or `close`.
    pub state: String,
    /// Documents indexed through the API, by id.
    pub docs: BTreeMap<String, StoredDoc>,
    /// Documents that exist only as numbers (seeded indices), on top of `docs`.
    pub seeded_docs: u64,
    /// Primary store size in bytes that seeding gave this index (documents add to it).
    pub seeded_primary_bytes: u64,
    /// ILM execution state, when the index is managed.
    pub ilm: Option<IlmExecution>,
    /// Rollover info: when this index was rolled over (epoch millis), which feeds ILM's lifecycle date.
    pub rolled_over_millis: Option<i64>,
    /// What the last force merge with `max_num_segments` left (see `segments`).
    #[serde(default)]
    pub merged: Option<super::segments::MergedSegments>,
    /// How often the index was flushed (`_stats` counts it per shard copy).
    #[serde(default)]
    pub flushes: u64,
    /// The next sequence number (ES's `_seq_no`: one per write operation on the index).
    #[serde(default)]
    pub next_seq_no: u64,
    /// Where the primaries last recovered from, as `_recovery` reports it: `None` for a new index
    /// (`EMPTY_STORE`), the snapshot `(repository, snapshot)` for a restored one.
    #[serde(default)]
    pub restored_from: Option<(String, String)>,
    /// Index, delete and no-op update operations on the primaries, as `_stats` counts them.
    #[serde(default)]
    pub indexing: super::documents::IndexingCounts,
    /// Ids written while `index.refresh_interval` is `-1` and not refreshed since: searches and
    /// `realtime=false` GETs do not see them yet (a refresh empties the set).
    #[serde(default)]
    pub unrefreshed: BTreeSet<String>,
}

/// One stored document: its `_source` as compact JSON text and ES's bookkeeping.
///
/// The text is what ES keeps too (`_source` is stored bytes); a parsed `Value` tree costs about
/// five times the document's size, which a sandbox holding 250k log lines cannot afford.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "StoredForm", into = "StoredForm")]
pub struct StoredDoc {
    source: Box<str>,
    /// `_version` and `_seq_no` of the last write.
    pub meta: DocMeta,
    /// The fields ES lists under `_ignored` (`ignore_malformed`, `ignore_above`, …).
    pub ignored: Box<[String]>,
    /// The custom `routing` it was written with, which decides its shard.
    pub routing: Option<Box<str>>,
}

impl StoredDoc {
    /// Stores `source` as written.
    pub fn new(source: &Value, meta: DocMeta, ignored: Vec<String>) -> Self {
        StoredDoc {
            // `to_string` writes straight into bytes; `Value`'s `Display` goes through a formatter.
            source: serde_json::to_string(source).unwrap_or_default().into_boxed_str(),
            meta,
            ignored: ignored.into_boxed_slice(),
            routing: None,
        }
    }

    /// The `_source`.
    pub fn source(&self) -> Value {
        serde_json::from_str(&self.source).unwrap_or(Value::Null)
    }

    /// Length of the `_source` in bytes (what the size statistics count).
    pub fn source_len(&self) -> usize {
        self.source.len()
    }
}

/// How a stored document is written to the state file; state files written before documents
/// carried their bookkeeping hold the bare source.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum StoredForm {
    Document {
        source: Box<str>,
        version: u64,
        seq_no: u64,
        #[serde(default, skip_serializing_if = "<[String]>::is_empty")]
        ignored: Box<[String]>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        routing: Option<Box<str>>,
    },
    Bare(Value),
}

impl From<StoredForm> for StoredDoc {
    fn from(form: StoredForm) -> Self {
        match form {
            StoredForm::Document { source, version, seq_no, ignored, routing } => {
                StoredDoc { source, meta: DocMeta { version, seq_no }, ignored, routing }
            }
            StoredForm::Bare(source) => StoredDoc::new(&source, DocMeta { version: 1, seq_no: 0 }, Vec::new()),
        }
    }
}

impl From<StoredDoc> for StoredForm {
    fn from(doc: StoredDoc) -> Self {
        StoredForm::Document {
            source: doc.source,
            version: doc.meta.version,
            seq_no: doc.meta.seq_no,
            ignored: doc.ignored,
            routing: doc.routing,
        }
    }
}

/// The version and sequence number of a document's last write.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct DocMeta {
    /// `_version`: 1 on creation, +1 on every overwrite.
    pub version: u64,
    /// `_seq_no` of the write that produced this version.
    pub seq_no: u64,
}

/// One alias as attached to an index.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct AliasMeta {
    /// `is_write_index`, when set explicitly.
    pub is_write_index: Option<bool>,
    /// `is_hidden`, when set.
    pub is_hidden: Option<bool>,
    /// Filter query, when set.
    pub filter: Option<Value>,
    /// `index_routing`.
    pub index_routing: Option<String>,
    /// `search_routing`.
    pub search_routing: Option<String>,
}

/// Where ILM is with one index (what `_ilm/explain` reports).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct IlmExecution {
    /// Current phase (`new`, `hot`, …).
    pub phase: String,
    /// Current action.
    pub action: String,
    /// Current step (`ERROR` when failed).
    pub step: String,
    /// When the phase was entered.
    pub phase_time_millis: i64,
    /// When the action was entered.
    pub action_time_millis: i64,
    /// When the step was entered.
    pub step_time_millis: i64,
    /// The step that failed, in the ERROR state.
    pub failed_step: Option<String>,
    /// The error, in the ERROR state (an ES ErrorCause object).
    pub step_info: Option<Value>,
    /// Whether ES would retry the failed step by itself.
    pub is_auto_retryable_error: Option<bool>,
    /// How often the failed step was retried.
    pub failed_step_retry_count: Option<u64>,
    /// The cached phase definition (`phase_execution`): policy, phase_definition, version, modified_date_in_millis.
    pub phase_execution: Option<Value>,
    /// The date ILM ages the index from (creation, or rollover once the rollover action completed).
    #[serde(default)]
    pub lifecycle_date_millis: Option<i64>,
    /// The `step_info` the index had before its last step change (explain's `previous_step_info`, 8.16+).
    #[serde(default)]
    pub previous_step_info: Option<Value>,
}

/// A data stream.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DataStream {
    /// Name.
    pub name: String,
    /// Backing indices, oldest first; the last one is the write index.
    pub indices: Vec<String>,
    /// Generation.
    pub generation: u64,
    /// The index template that created it.
    pub template: String,
    /// `hidden`.
    pub hidden: bool,
    /// `_meta` from the template, if any.
    pub meta: Option<Value>,
    /// Its data stream lifecycle (8.11+): the template's when it was created, then what
    /// `PUT|DELETE /_data_stream/{name}/_lifecycle` made of it.
    #[serde(default)]
    pub lifecycle: Option<Value>,
}

fn one_node() -> u64 {
    1
}

impl Cluster {
    /// A fresh, empty cluster of the given version whose clock reads `now_millis`, frozen there
    /// (the sandbox makes it follow the wall clock unless configured otherwise).
    pub fn new(version: EsVersion, now_millis: i64) -> Self {
        Cluster {
            version,
            name: "esops-sandbox".to_string(),
            uuid: "c2FuZGJveC1jbHVzdGVy".to_string(),
            node_name: "sandbox-node-1".to_string(),
            nodes: 1,
            clock: Clock::frozen(now_millis),
            created_millis: now_millis,
            security_enabled: false,
            last_periodic_run_millis: now_millis,
            persistent_settings: BTreeMap::new(),
            transient_settings: BTreeMap::new(),
            node_settings: BTreeMap::new(),
            indices: Indices::default(),
            data_streams: BTreeMap::new(),
            failure_stores: BTreeMap::new(),
            ilm_policies: BTreeMap::new(),
            ilm_operation_mode: "RUNNING".to_string(),
            index_templates: BTreeMap::new(),
            component_templates: BTreeMap::new(),
            legacy_templates: BTreeMap::new(),
            pipelines: BTreeMap::new(),
            disk_total_bytes: 1024 * 1024 * 1024 * 1024,
            disk_other_bytes: 20 * 1024 * 1024 * 1024,
            seeding: false,
            path_repo: Vec::new(),
            repositories: BTreeMap::new(),
            repository_stores: BTreeMap::new(),
            slm: crate::slm::Slm::default(),
            snapshot_faults: Vec::new(),
            disk_tally: None,
            opensearch: None,
        }
    }
}

impl Cluster {
    /// What time the cluster believes it is, epoch millis.
    pub fn now_millis(&self) -> i64 {
        self.clock.now()
    }

    /// A cluster setting's value as configured: transient over persistent over the node's
    /// settings (ES's `ClusterSettings` reads node settings as the fallback), `None` when unset.
    pub fn setting(&self, key: &str) -> Option<&str> {
        self.transient_settings
            .get(key)
            .or_else(|| self.persistent_settings.get(key))
            .or_else(|| self.node_settings.get(key))
            .and_then(Value::as_str)
    }

    /// Name of node `n` (0-based): the first is `node_name`, the others `sandbox-node-2`, ….
    pub fn node_name_of(&self, n: usize) -> String {
        if n == 0 { self.node_name.clone() } else { format!("sandbox-node-{}", n + 1) }
    }

    /// The id of node `n` (ES ids are opaque strings): the base64 of its name, unpadded.
    pub fn node_id_of(&self, n: usize) -> String {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(self.node_name_of(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indices::{Origin, create_index};
    use serde_json::json;

    /// The alias table, recomputed the slow way: every index visited.
    fn scanned(cluster: &Cluster, alias: &str) -> Vec<String> {
        cluster.indices.values().filter(|i| i.aliases.contains_key(alias)).map(|i| i.name.clone()).collect()
    }

    #[test]
    fn the_alias_table_follows_every_change_of_the_indices() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 0);
        create_index(&mut c, "a", &json!({"aliases": {"x": {}, "y": {}}}), Origin::Api).unwrap();
        create_index(&mut c, "b", &json!({"aliases": {"x": {}}}), Origin::Api).unwrap();
        create_index(&mut c, "c", &json!({}), Origin::Api).unwrap();
        let check = |c: &Cluster| {
            for alias in ["x", "y", "z"] {
                assert_eq!(
                    c.indices.carrying(alias).map(str::to_string).collect::<Vec<_>>(),
                    scanned(c, alias),
                    "{alias}"
                );
            }
            assert!(c.indices.aliases().all(|(_, carriers)| !carriers.is_empty()));
        };
        check(&c);
        c.indices.get_mut("c").unwrap().aliases.insert("z".into(), AliasMeta::default());
        c.indices.get_mut("a").unwrap().aliases.remove("y");
        check(&c);
        c.indices.remove("b");
        check(&c);
        c.indices.get_mut("c").unwrap().aliases.insert("y".into(), AliasMeta::default());
        check(&c);
        let reloaded: Cluster = serde_json::from_value(serde_json::to_value(&c).unwrap()).unwrap();
        check(&reloaded);
        assert_eq!(reloaded.indices.carrying("y").collect::<Vec<_>>(), ["c"]);
    }

    /// The policy table, recomputed the slow way: every index visited.
    fn scanned_managed(cluster: &Cluster, policy: &str) -> Vec<String> {
        cluster.indices.values().filter(|i| crate::ilm::policy_of(i) == Some(policy)).map(|i| i.name.clone()).collect()
    }

    #[test]
    fn the_policy_table_follows_every_change_of_the_indices() {
        let mut c = Cluster::new(EsVersion::DEFAULT, 0);
        let managed = |policy: &str| json!({"settings": {"index.lifecycle.name": policy}});
        create_index(&mut c, "a", &managed("p"), Origin::Api).unwrap();
        create_index(&mut c, "b", &managed("p"), Origin::Api).unwrap();
        create_index(&mut c, "c", &managed("q"), Origin::Api).unwrap();
        create_index(&mut c, "d", &json!({}), Origin::Api).unwrap();
        let check = |c: &Cluster| {
            for policy in ["p", "q", "r", ""] {
                assert_eq!(
                    c.indices.managed_by(policy).map(str::to_string).collect::<Vec<_>>(),
                    scanned_managed(c, policy),
                    "{policy}"
                );
            }
            assert!(c.indices.managed().all(|(policy, indices)| !policy.is_empty() && !indices.is_empty()));
        };
        check(&c);
        c.indices.get_mut("a").unwrap().settings.insert("index.lifecycle.name".into(), json!("q"));
        c.indices.get_mut("d").unwrap().settings.insert("index.lifecycle.name".into(), json!("r"));
        // An empty setting manages nothing, as in ES.
        c.indices.get_mut("c").unwrap().settings.insert("index.lifecycle.name".into(), json!(""));
        check(&c);
        c.indices.get_mut("b").unwrap().settings.remove("index.lifecycle.name");
        c.indices.remove("d");
        check(&c);
        let reloaded: Cluster = serde_json::from_value(serde_json::to_value(&c).unwrap()).unwrap();
        check(&reloaded);
        assert_eq!(reloaded.indices.managed_by("q").collect::<Vec<_>>(), ["a"]);
    }
}
