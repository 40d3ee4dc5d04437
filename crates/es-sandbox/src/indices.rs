//! Indices: creation (with templates and date math), deletion rules, settings, mappings, stats,
//! open/close and the per-index numbers (`docs`, store sizes, health) that `_cat` and `_stats` show.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::aliases::{self, parse_alias_meta};
use super::datemath;
use super::documents::IndexingCounts;
use super::error::{EsError, EsResult};
use super::expression::{self, IndicesOptions, split_list};
use super::http::{SandboxRequest, SandboxResponse};
use super::ilm;
use super::mapping;
use super::settings::{self, FlatSettings};
use super::state::{Cluster, Index};
use super::templates;

/// Store size of an empty shard: what a fresh Lucene index occupies on disk in ES.
pub const EMPTY_SHARD_BYTES: u64 = 225;

/// On-disk overhead of one indexed document beyond its source (ids, doc values, postings).
const DOC_OVERHEAD_BYTES: u64 = 96;

/// Health of an index or the cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Health {
    /// All shards assigned.
    Green,
    /// Primaries assigned, some replicas not.
    Yellow,
    /// Some primary unassigned.
    Red,
}

impl Health {
    /// `green`, `yellow`, `red`.
    pub fn as_str(self) -> &'static str {
        match self {
            Health::Green => "green",
            Health::Yellow => "yellow",
            Health::Red => "red",
        }
    }

    /// Parses the `health` / `wait_for_status` parameter.
    pub fn parse(s: &str) -> EsResult<Health> {
        match s.to_ascii_lowercase().as_str() {
            "green" => Ok(Health::Green),
            "yellow" => Ok(Health::Yellow),
            "red" => Ok(Health::Red),
            _ => Err(EsError::illegal_argument(format!("unknown cluster health status [{s}]"))),
        }
    }
}

impl Index {
    /// A setting's string value.
    pub fn setting(&self, key: &str) -> Option<&str> {
        settings::get(&self.settings, key)
    }

    /// `index.number_of_shards`.
    pub fn shards(&self) -> u64 {
        self.setting("index.number_of_shards").and_then(|s| s.parse().ok()).unwrap_or(1)
    }

    /// `index.number_of_replicas`, or what `index.auto_expand_replicas` (`0-1`, `0-all`) makes of
    /// it on `nodes` data nodes: one fewer than the nodes, kept within the range.
    pub fn replicas(&self, nodes: u64) -> u64 {
        if let Some((low, high)) = self.setting("index.auto_expand_replicas").and_then(|r| r.split_once('-'))
            && let Ok(low) = low.parse::<u64>()
        {
            let high = if high == "all" { u64::MAX } else { high.parse().unwrap_or(low) };
            return nodes.saturating_sub(1).min(high).max(low);
        }
        self.setting("index.number_of_replicas").and_then(|s| s.parse().ok()).unwrap_or(1)
    }

    /// True for a closed index.
    pub fn is_closed(&self) -> bool {
        self.state == "close"
    }

    /// Document count: seeded plus indexed.
    pub fn doc_count(&self) -> u64 {
        self.seeded_docs + self.docs.len() as u64
    }

    /// `index.refresh_interval: -1`: no scheduled refresh, so writes wait for an explicit one.
    pub fn refresh_disabled(&self) -> bool {
        self.setting("index.refresh_interval") == Some("-1")
    }

    /// True when searches (and `realtime=false` GETs) see document `id`: it was refreshed, or
    /// the index refreshes on its own schedule.
    pub fn searchable(&self, id: &str) -> bool {
        !(self.refresh_disabled() && self.unrefreshed.contains(id))
    }

    /// The documents searches see: all but those waiting for a refresh.
    pub fn searchable_count(&self) -> u64 {
        let pending = if self.refresh_disabled() { self.unrefreshed.len() as u64 } else { 0 };
        self.doc_count() - pending
    }

    /// Size of the documents on the primaries (`docs.total_size_in_bytes`), which is what the
    /// rollover size conditions compare: 0 for an empty index.
    pub fn docs_bytes(&self) -> u64 {
        self.seeded_primary_bytes + self.docs.values().map(|d| d.source_len() as u64 + DOC_OVERHEAD_BYTES).sum::<u64>()
    }

    /// Primary store size: empty-shard overhead plus documents.
    pub fn primary_store_bytes(&self) -> u64 {
        EMPTY_SHARD_BYTES * self.shards() + self.docs_bytes()
    }

    /// Replica copies that can be assigned on `nodes` data nodes: ES never puts two copies of a
    /// shard on one node, so one node holds no replica at all.
    pub fn assigned_replicas(&self, nodes: u64) -> u64 {
        self.replicas(nodes).min(nodes.saturating_sub(1))
    }

    /// Store size of primaries and assigned replicas.
    pub fn total_store_bytes(&self, nodes: u64) -> u64 {
        self.primary_store_bytes() * (1 + self.assigned_replicas(nodes))
    }

    /// Green when every replica is assigned, yellow when some cannot be (too few nodes).
    pub fn health(&self, nodes: u64) -> Health {
        if self.replicas(nodes) > self.assigned_replicas(nodes) { Health::Yellow } else { Health::Green }
    }

    /// An evenly routed share of `total` (docs or bytes) for primary shard `shard`.
    pub fn shard_share(&self, total: u64, shard: u64) -> u64 {
        let shards = self.shards().max(1);
        total / shards + u64::from(shard < total % shards)
    }

    /// The node (0-based) that holds copy `copy` (0 is the primary) of shard `shard`: the copies
    /// of a shard on distinct nodes, shards spread round the nodes from a per-index offset, so
    /// that the placement is the same after a restart.
    pub fn node_of(&self, shard: u64, copy: u64, nodes: u64) -> usize {
        let offset =
            self.name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
        ((offset % nodes.max(1) + shard + copy) % nodes.max(1)) as usize
    }

    /// Every assigned copy on `nodes` nodes: (primary shard number, node).
    pub fn assigned_copies(&self, nodes: u64) -> impl Iterator<Item = (u64, usize)> + '_ {
        let copies = 1 + self.assigned_replicas(nodes);
        (0..self.shards()).flat_map(move |shard| (0..copies).map(move |copy| (shard, self.node_of(shard, copy, nodes))))
    }
}

/// Shard copies of a set of indices on the cluster's nodes, and their worst health: what cluster
/// health, `_cat/health`, `_cat/allocation` and the `_shards` headers count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardTotals {
    /// Primary shards (all assigned).
    pub primaries: u64,
    /// Assigned copies, primaries included.
    pub active: u64,
    /// Replica copies that cannot be assigned.
    pub unassigned: u64,
    /// Worst index health (green for none).
    pub status: Health,
}

impl ShardTotals {
    /// Totals over `indices` on `nodes` data nodes.
    pub fn of<'a>(indices: impl IntoIterator<Item = &'a Index>, nodes: u64) -> Self {
        let mut t = ShardTotals { primaries: 0, active: 0, unassigned: 0, status: Health::Green };
        for index in indices {
            let shards = index.shards();
            t.primaries += shards;
            t.active += shards * (1 + index.assigned_replicas(nodes));
            t.unassigned += shards * (index.replicas(nodes) - index.assigned_replicas(nodes));
            t.status = t.status.max(index.health(nodes));
        }
        t
    }

    /// `active_shards_percent`: 100 when there is nothing to assign.
    pub fn active_percent(&self) -> f64 {
        let total = self.active + self.unassigned;
        if total == 0 { 100.0 } else { self.active as f64 * 100.0 / total as f64 }
    }

    /// The `_shards` header of a broadcast over these copies.
    pub fn header(&self) -> Value {
        shards_header(self.active + self.unassigned, self.active)
    }
}

/// `_shards` header for `n` shard copies of which `ok` succeeded.
pub fn shards_header(total: u64, successful: u64) -> Value {
    json!({"total": total, "successful": successful, "failed": 0})
}

/// Validates an index name with ES's rules (`MetadataCreateIndexService.validateIndexOrAliasName`).
pub fn validate_index_name(name: &str) -> EsResult<()> {
    let invalid = |why: &str| {
        EsError::new(400, "invalid_index_name_exception", format!("Invalid index name [{name}], {why}"))
            .with("index_uuid", "_na_")
            .with("index", name)
    };
    const FORBIDDEN: [char; 11] = ['\\', '/', '*', '?', '"', '<', '>', '|', ' ', ',', '#'];
    if name.chars().any(|c| FORBIDDEN.contains(&c)) {
        return Err(invalid("must not contain the following characters [ , \", *, \\, <, |, ,, >, /, ?]"));
    }
    if name.contains(':') {
        return Err(invalid("must not contain ':'"));
    }
    if name.starts_with(['_', '-', '+']) {
        return Err(invalid("must not start with '_', '-', or '+'"));
    }
    if name != name.to_lowercase() {
        return Err(invalid("must be lowercase"));
    }
    if name == "." || name == ".." {
        return Err(invalid("must not be '.' or '..'"));
    }
    if name.is_empty() {
        return Err(invalid("must not be empty"));
    }
    if name.len() > 255 {
        return Err(invalid(&format!("index name is too long, ({} > 255)", name.len())));
    }
    Ok(())
}

/// Index settings ES lets clients change on an open index.
const DYNAMIC_SETTINGS: &[&str] = &[
    "index.number_of_replicas",
    "index.auto_expand_replicas",
    "index.refresh_interval",
    "index.max_result_window",
    "index.max_inner_result_window",
    "index.max_rescore_window",
    "index.max_docvalue_fields_search",
    "index.max_script_fields",
    "index.max_terms_count",
    "index.max_regex_length",
    "index.max_ngram_diff",
    "index.max_shingle_diff",
    "index.hidden",
    "index.priority",
    "index.default_pipeline",
    "index.final_pipeline",
    "index.query_string.lenient",
    "index.translog.durability",
    "index.translog.sync_interval",
    "index.translog.flush_threshold_size",
    "index.translog.retention.age",
    "index.translog.retention.size",
    "index.unassigned.node_left.delayed_timeout",
    "index.write.wait_for_active_shards",
    "index.gc_deletes",
    "index.soft_deletes.retention_lease.period",
    "index.search.idle.after",
    "index.search.throttled",
    "index.requests.cache.enable",
];

/// Prefixes of dynamic settings families.
const DYNAMIC_PREFIXES: &[&str] = &[
    "index.blocks.",
    "index.lifecycle.",
    "index.routing.",
    "index.merge.",
    "index.mapping.",
    "index.search.slowlog.",
    "index.indexing.slowlog.",
    "index.highlight.",
    "index.analyze.",
    "index.shard_limit.",
    "index.allocation.",
    "index.history.",
    "index.time_series.end_time",
];

/// Settings that exist but can only be set at creation (or on a closed index / with `reopen`).
const STATIC_SETTINGS: &[&str] = &[
    "index.number_of_shards",
    "index.number_of_routing_shards",
    "index.codec",
    "index.soft_deletes.enabled",
    "index.mode",
    "index.store.type",
    "index.shard.check_on_startup",
    "index.load_fixed_bitset_filters_eagerly",
    "index.routing_partition_size",
    "index.format",
    "index.creation_date",
    "index.version.created",
    "index.provided_name",
    "index.uuid",
];

const STATIC_PREFIXES: &[&str] =
    &["index.analysis.", "index.sort.", "index.similarity.", "index.time_series.", "index.store."];

/// Settings the server sets and clients may not.
const PRIVATE_SETTINGS: &[&str] = &["index.uuid", "index.version.created", "index.provided_name"];

fn is_dynamic(cluster: &Cluster, key: &str) -> bool {
    if let Some(known) = crate::opensearch::index_setting_known(cluster, key) {
        return known;
    }
    DYNAMIC_SETTINGS.contains(&key) || DYNAMIC_PREFIXES.iter().any(|p| key.starts_with(p))
}

fn is_known(cluster: &Cluster, key: &str) -> bool {
    is_dynamic(cluster, key) || STATIC_SETTINGS.contains(&key) || STATIC_PREFIXES.iter().any(|p| key.starts_with(p))
}

fn unknown_setting(key: &str) -> EsError {
    EsError::illegal_argument(format!(
        "unknown setting [{key}] please check that any required plugins are installed, or check the breaking changes documentation for removed settings"
    ))
}

/// Checks settings a client sends on index creation.
fn validate_creation_settings(cluster: &Cluster, flat: &FlatSettings) -> EsResult<()> {
    // Time series indices (dimensions, `_tsid` routing) are outside the sandbox: refused plainly
    // rather than taken as a standard index or called unknown.
    let time_series = settings::get(flat, "index.mode") == Some("time_series");
    if let Some(key) = flat.keys().find(|k| *k == "index.routing_path" || (time_series && *k == "index.mode")) {
        return Err(EsError::illegal_argument(format!(
            "the esops sandbox does not support time series indices ([{key}]); use a standard index"
        )));
    }
    for key in flat.keys() {
        if !is_known(cluster, key) {
            return Err(unknown_setting(key));
        }
        if PRIVATE_SETTINGS.contains(&key.as_str()) {
            return Err(EsError::illegal_argument(format!("private index setting [{key}] can not be set explicitly")));
        }
    }
    if settings::get(flat, "index.soft_deletes.enabled") == Some("false") {
        return Err(EsError::illegal_argument(
            "Creating indices with soft-deletes disabled is no longer supported. Please do not specify a value for setting [index.soft_deletes.enabled].",
        ));
    }
    if let Some(shards) = settings::get(flat, "index.number_of_shards") {
        let n: i64 = shards.parse().map_err(|_| {
            EsError::illegal_argument(format!("Failed to parse value [{shards}] for setting [index.number_of_shards]"))
        })?;
        if !(1..=1024).contains(&n) {
            return Err(EsError::illegal_argument(format!(
                "Failed to parse value [{n}] for setting [index.number_of_shards] must be {}",
                if n < 1 { ">= 1" } else { "<= 1024" }
            )));
        }
    }
    if let Some(replicas) = settings::get(flat, "index.number_of_replicas")
        && replicas.parse::<u64>().is_err()
    {
        return Err(EsError::illegal_argument(format!(
            "Failed to parse value [{replicas}] for setting [index.number_of_replicas] must be >= 0"
        )));
    }
    if settings::get(flat, "index.mode") == Some("lookup")
        && settings::get(flat, "index.number_of_shards").is_some_and(|s| s != "1")
    {
        return Err(EsError::illegal_argument(
            "index with [lookup] mode must have [index.number_of_shards] set to 1 or unset",
        ));
    }
    Ok(())
}

/// Where a new index comes from; decides what the server adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// `PUT /{index}`, rollover of an alias, auto-creation.
    Api,
    /// A backing index of the named data stream (hidden, `data_hot` tier, `@timestamp` mapping,
    /// and the data stream's template rather than one matching the `.ds-` name).
    DataStreamBacking(String),
}

/// The UUID-like id ES gives indices (22 URL-safe base64 characters), derived from a counter so
/// that a seeded sandbox is reproducible.
pub fn new_uuid(cluster: &Cluster, salt: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (salt, cluster.now_millis(), cluster.indices.len()).hash(&mut hasher);
    let a = hasher.finish();
    (a, salt.len()).hash(&mut hasher);
    let b = hasher.finish();
    let bytes: Vec<u8> = a.to_le_bytes().iter().chain(b.to_le_bytes().iter()).copied().collect();
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes[..16]).chars().take(22).collect()
}

/// The `index.version.created` ES writes for the emulated version (the legacy numeric id form).
fn version_created(cluster: &Cluster) -> String {
    let v = cluster.version;
    (v.major * 1_000_000 + v.minor * 10_000 + v.patch * 100 + 99).to_string()
}

/// Creates an index from a create-index body (`settings`, `mappings`, `aliases`), applying the
/// matching index template first. Returns the concrete name (date math resolved).
pub fn create_index(cluster: &mut Cluster, provided_name: &str, body: &Value, origin: Origin) -> EsResult<String> {
    let name = datemath::resolve_index_name(provided_name, cluster.now_millis())?;
    if expression::alias_exists(cluster, &name) {
        validate_index_name(&name)?;
        return Err(EsError::new(
            400,
            "invalid_index_name_exception",
            format!("Invalid index name [{name}], already exists as alias"),
        )
        .with("index_uuid", "_na_")
        .with("index", name.clone()));
    }
    validate_index_name(&name)?;
    if let Some(existing) = cluster.indices.get(&name) {
        return Err(EsError::new(
            400,
            "resource_already_exists_exception",
            format!("index [{name}/{}] already exists", existing.uuid),
        )
        .with("index_uuid", existing.uuid.clone())
        .with("index", name.clone()));
    }
    if let Some(obj) = body.as_object() {
        for key in obj.keys() {
            if !["settings", "mappings", "aliases"].contains(&key.as_str()) {
                return Err(EsError::parse(format!("unknown key [{key}] for create index")));
            }
        }
    }
    let requested = settings::normalize(body.get("settings").unwrap_or(&Value::Null))?;
    validate_creation_settings(cluster, &requested)?;
    let mut mappings = body.get("mappings").cloned().unwrap_or_else(|| json!({}));

    let backing_of = match &origin {
        Origin::DataStreamBacking(ds) => Some(ds.as_str()),
        Origin::Api => None,
    };
    let template = templates::resolve_for_new_index(cluster, backing_of.unwrap_or(&name));
    let mut flat = FlatSettings::new();
    let mut alias_specs: Vec<(String, Value)> = Vec::new();
    if let Some(t) = &template {
        settings::merge(&mut flat, &t.settings);
        let mut merged = t.mappings.clone();
        templates::merge_mappings(&mut merged, &mappings);
        mappings = merged;
        if t.data_stream && backing_of.is_none() {
            return Err(EsError::illegal_argument(format!(
                "cannot create index with name [{name}], because it matches with template [{}] that creates data streams only, use create data stream api instead",
                t.name
            )));
        }
        // A data stream's template aliases belong to the data stream, not to its backing indices.
        if backing_of.is_none() {
            alias_specs.extend(t.aliases.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
    }
    settings::merge(&mut flat, &requested);
    flat.retain(|_, v| !v.is_null());
    if let Some(Value::Object(requested_aliases)) = body.get("aliases") {
        alias_specs.extend(requested_aliases.iter().map(|(k, v)| (k.clone(), v.clone())));
    }

    let now = cluster.now_millis();
    let uuid = new_uuid(cluster, &name);
    flat.entry("index.number_of_shards".into()).or_insert_with(|| json!("1"));
    flat.entry("index.number_of_replicas".into()).or_insert_with(|| json!("1"));
    flat.entry("index.creation_date".into()).or_insert_with(|| json!(now.to_string()));
    flat.insert("index.uuid".into(), json!(uuid));
    flat.insert("index.provided_name".into(), json!(provided_name));
    flat.insert("index.version.created".into(), json!(version_created(cluster)));
    let tier = if backing_of.is_some() { "data_hot" } else { "data_content" };
    flat.entry("index.routing.allocation.include._tier_preference".into()).or_insert_with(|| json!(tier));
    if backing_of.is_some() {
        flat.insert("index.hidden".into(), json!("true"));
        let props = mappings.as_object_mut().map(|m| m.entry("properties").or_insert_with(|| json!({})));
        if let Some(Value::Object(p)) = props {
            p.entry("@timestamp").or_insert_with(|| json!({"type": "date"}));
        }
        if let Value::Object(m) = &mut mappings {
            m.insert("_data_stream_timestamp".into(), json!({"enabled": true}));
        }
    }
    let creation_millis = settings::get(&flat, "index.creation_date").and_then(|s| s.parse().ok()).unwrap_or(now);

    let mut parsed_aliases = BTreeMap::new();
    for (alias_name, spec) in alias_specs {
        let alias_name = datemath::resolve_index_name(&alias_name, now)?;
        if alias_name == name || cluster.indices.contains_key(&alias_name) {
            return Err(EsError::new(
                400,
                "invalid_alias_name_exception",
                format!(
                    "Invalid alias name [{alias_name}]: an index or data stream exists with the same name as the alias"
                ),
            ));
        }
        parsed_aliases.insert(alias_name, parse_alias_meta(&spec)?);
    }
    let alias_names: Vec<String> = parsed_aliases.keys().cloned().collect();
    let index = Index {
        name: name.clone(),
        uuid,
        creation_millis,
        settings: flat,
        mappings,
        aliases: parsed_aliases,
        state: "open".to_string(),
        docs: BTreeMap::new(),
        seeded_docs: 0,
        seeded_primary_bytes: 0,
        ilm: None,
        rolled_over_millis: None,
        next_seq_no: 0,
        restored_from: None,
        merged: None,
        flushes: 0,
        indexing: Default::default(),
        unrefreshed: Default::default(),
    };
    // MetadataCreateIndexService: the merged mapping is parsed and checked against the new
    // index's `index.mapping.*` limits; failures read "Failed to parse mapping: …".
    mapping::types::validate(&index.mappings, cluster.version)
        .and_then(|()| {
            mapping::limits::check(&index.mappings, &mapping::Limits::of(&index, cluster.version), cluster.version)
        })
        .map_err(|cause| {
            EsError::new(400, "mapper_parsing_exception", format!("Failed to parse mapping: {}", cause.reason))
                .caused_by(cause)
        })?;
    if !cluster.seeding {
        check_shard_limit(cluster, index.shards() * (1 + index.replicas(cluster.nodes)))?;
    }
    cluster.indices.insert(name.clone(), index);
    if let Err(e) = alias_names.iter().try_for_each(|a| aliases::check_write_index(cluster, a)) {
        cluster.indices.remove(&name);
        return Err(e);
    }
    crate::opensearch::ism::on_index_created(cluster, &name);
    Ok(name)
}

/// `PUT /{index}`
pub fn create(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let provided = req.param("index").unwrap_or_default().to_string();
    let body = req.json()?.unwrap_or_else(|| json!({}));
    let name = create_index(cluster, &provided, &body, Origin::Api)?;
    // ILM initializes a managed index as soon as it exists (the cluster-state part of its steps).
    ilm::engine::run_index(cluster, &name);
    let shards_acknowledged = cluster
        .indices
        .get(&name)
        .is_some_and(|i| active_shards_reached(i, req.param("wait_for_active_shards"), cluster.nodes));
    Ok(SandboxResponse::ok(json!({"acknowledged": true, "shards_acknowledged": shards_acknowledged, "index": name})))
}

/// Whether `wait_for_active_shards` (default 1: the primary) is reached; ES answers
/// `shards_acknowledged: false` after its timeout when unassigned replicas are awaited.
fn active_shards_reached(index: &Index, wait_for: Option<&str>, nodes: u64) -> bool {
    let per_shard = 1 + index.assigned_replicas(nodes);
    match wait_for {
        Some("all") => per_shard == 1 + index.replicas(nodes),
        Some(n) => n.parse::<u64>().is_ok_and(|n| n <= per_shard) || n == "index-setting",
        None => true,
    }
}

fn targets(req: &SandboxRequest) -> Vec<String> {
    split_list(req.param("index"))
}

/// `HEAD /{index}`: 200 when the expression resolves to something, 404 otherwise.
pub fn exists(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let opts = IndicesOptions { allow_no_indices: false, ..IndicesOptions::STRICT_EXPAND }.from_request(req)?;
    let found = expression::resolve(cluster, &targets(req), opts).is_ok_and(|r| !r.is_empty());
    Ok(SandboxResponse {
        status: if found { 200 } else { 404 },
        body: super::http::ResponseBody::Empty,
        headers: vec![],
    })
}

/// `GET /{index}`
pub fn get(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let opts = IndicesOptions::STRICT_EXPAND.from_request(req)?;
    let flat = req.flag("flat_settings")?;
    let names = expression::resolve(cluster, &targets(req), opts)?;
    let mut out = Map::new();
    for name in names {
        let Some(index) = cluster.indices.get(&name) else {
            continue;
        };
        let mut entry = Map::new();
        entry.insert("aliases".into(), aliases::render_aliases(&index.aliases, None));
        entry.insert("mappings".into(), index.mappings.clone());
        entry.insert("settings".into(), settings::render(&index.settings, flat));
        if let Some(ds) = cluster.data_streams.values().find(|ds| ds.indices.contains(&name)) {
            entry.insert("data_stream".into(), json!(ds.name));
        }
        out.insert(name, Value::Object(entry));
    }
    Ok(SandboxResponse::ok(Value::Object(out)))
}

/// ES's `ShardLimitValidator`: the shard copies of open indices (primaries × (1 + replicas),
/// assigned or not) may not pass `cluster.max_shards_per_node` (default 1000) × the data nodes.
/// Index creation, rollovers (ILM's too) and data stream creation all meet it.
pub fn check_shard_limit(cluster: &Cluster, adding: u64) -> EsResult<()> {
    let per_node: u64 = cluster.setting("cluster.max_shards_per_node").and_then(|v| v.parse().ok()).unwrap_or(1000);
    let limit = per_node * cluster.nodes;
    let open: u64 =
        cluster.indices.values().filter(|i| !i.is_closed()).map(|i| i.shards() * (1 + i.replicas(cluster.nodes))).sum();
    if open + adding > limit {
        return Err(EsError::new(
            400,
            "validation_exception",
            format!(
                "Validation Failed: 1: this action would add [{adding}] shards, but this cluster currently has \
                 [{open}]/[{limit}] maximum normal shards open;"
            ),
        ));
    }
    Ok(())
}

/// True when `action.destructive_requires_name` is in force (default true since 8.0).
pub fn destructive_requires_name(cluster: &Cluster) -> bool {
    let key = "action.destructive_requires_name";
    match cluster.setting(key) {
        Some(v) => v == "true",
        None => cluster.version.major >= 8,
    }
}

/// ES's `DestructiveOperations` check on wildcard or `_all` targets.
pub fn check_destructive(cluster: &Cluster, expressions: &[String]) -> EsResult<()> {
    if !destructive_requires_name(cluster) {
        return Ok(());
    }
    let refused = || EsError::illegal_argument("Wildcard expressions or all indices are not allowed");
    let wildcard = |e: &String| e == "_all" || e.contains('*');
    if expressions.is_empty() {
        return Err(refused());
    }
    // `*,-*` is how clients say "match nothing"; ES lets it through.
    if expressions == ["*", "-*"] {
        return Ok(());
    }
    if expressions.iter().any(wildcard) {
        return Err(refused());
    }
    Ok(())
}

/// `DELETE /{index}`
pub fn delete(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let expressions = targets(req);
    check_destructive(cluster, &expressions)?;
    let opts = IndicesOptions::DELETE.from_request(req)?;
    let names = expression::resolve(cluster, &expressions, opts)?;
    for name in &names {
        if let Some(ds) = cluster.data_streams.values().find(|ds| ds.indices.last() == Some(name)) {
            return Err(EsError::illegal_argument(format!(
                "index [{name}] is the write index for data stream [{}] and cannot be deleted",
                ds.name
            )));
        }
    }
    delete_indices(cluster, &names);
    Ok(SandboxResponse::acknowledged())
}

/// Removes indices, taking them out of the data streams they backed (which bumps the generation,
/// as ES does for every data stream metadata change).
pub fn delete_indices(cluster: &mut Cluster, names: &[String]) {
    for name in names {
        cluster.indices.remove(name);
        for ds in cluster.data_streams.values_mut() {
            if let Some(pos) = ds.indices.iter().position(|i| i == name) {
                ds.indices.remove(pos);
                ds.generation += 1;
            }
        }
    }
}

/// `POST /{index}/_close`
pub fn close(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let expressions = targets(req);
    check_destructive(cluster, &expressions)?;
    let opts = IndicesOptions {
        expand: expression::Expand { open: true, closed: false, hidden: false },
        ..IndicesOptions::STRICT_EXPAND
    }
    .from_request(req)?;
    let names = expression::resolve(cluster, &expressions, opts)?;
    let mut result = Map::new();
    for name in &names {
        if let Some(ds) = cluster.data_streams.values().find(|ds| ds.indices.last() == Some(name)) {
            return Err(EsError::illegal_argument(format!(
                "cannot close index [{name}] because it is the write index for data stream [{}]",
                ds.name
            )));
        }
    }
    for name in names {
        if let Some(mut index) = cluster.indices.get_mut(&name) {
            index.state = "close".into();
            result.insert(name, json!({"closed": true}));
        }
    }
    Ok(SandboxResponse::ok(json!({"acknowledged": true, "shards_acknowledged": true, "indices": result})))
}

/// `POST /{index}/_open`
pub fn open(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let opts = IndicesOptions {
        expand: expression::Expand { open: false, closed: true, hidden: false },
        ..IndicesOptions::STRICT_EXPAND
    }
    .from_request(req)?;
    let names = expression::resolve(cluster, &targets(req), opts)?;
    // Opening brings the index's shards back under the shard limit.
    let adding = names
        .iter()
        .filter_map(|n| cluster.indices.get(n))
        .filter(|i| i.is_closed())
        .map(|i| i.shards() * (1 + i.replicas(cluster.nodes)))
        .sum();
    check_shard_limit(cluster, adding)?;
    for name in names {
        if let Some(mut index) = cluster.indices.get_mut(&name) {
            index.state = "open".into();
        }
    }
    Ok(SandboxResponse::ok(json!({"acknowledged": true, "shards_acknowledged": true})))
}

/// Defaults ES reports under `include_defaults` for settings the index does not set.
const SETTING_DEFAULTS: &[(&str, &str)] = &[
    ("index.refresh_interval", "1s"),
    ("index.max_result_window", "10000"),
    ("index.codec", "default"),
    ("index.translog.durability", "REQUEST"),
    ("index.hidden", "false"),
    ("index.priority", "1"),
    ("index.auto_expand_replicas", "false"),
    ("index.blocks.read_only", "false"),
    ("index.blocks.read_only_allow_delete", "false"),
    ("index.blocks.write", "false"),
    ("index.lifecycle.name", ""),
    ("index.lifecycle.rollover_alias", ""),
    ("index.lifecycle.indexing_complete", "false"),
    ("index.default_pipeline", "_none"),
    ("index.final_pipeline", "_none"),
    ("index.mapping.total_fields.limit", "1000"),
    ("index.soft_deletes.enabled", "true"),
];

/// `GET /{index}/_settings[/{name}]`
pub fn get_settings(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let opts = IndicesOptions::STRICT_EXPAND.from_request(req)?;
    let flat = req.flag("flat_settings")?;
    let include_defaults = req.flag("include_defaults")?;
    let filters: Vec<String> = split_list(req.param("name")).into_iter().filter(|n| n != "_all").collect();
    let wanted = |key: &str| filters.is_empty() || filters.iter().any(|f| expression::simple_match(f, key));
    let mut out = Map::new();
    for name in expression::resolve(cluster, &targets(req), opts)? {
        let Some(index) = cluster.indices.get(&name) else {
            continue;
        };
        let selected: FlatSettings =
            index.settings.iter().filter(|(k, _)| wanted(k)).map(|(k, v)| (k.clone(), v.clone())).collect();
        let mut entry = Map::new();
        entry.insert("settings".into(), settings::render(&selected, flat));
        if include_defaults {
            let defaults: FlatSettings = SETTING_DEFAULTS
                .iter()
                .filter(|(k, _)| !index.settings.contains_key(*k) && wanted(k))
                .map(|(k, v)| (k.to_string(), json!(v)))
                .collect();
            entry.insert("defaults".into(), settings::render(&defaults, flat));
        }
        out.insert(name, Value::Object(entry));
    }
    Ok(SandboxResponse::ok(Value::Object(out)))
}

/// `PUT /{index}/_settings`
pub fn put_settings(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let body = req.json()?.ok_or_else(|| EsError::validation(&["no settings to update".to_string()]))?;
    // The body may be wrapped in `settings` or not.
    let raw = body.get("settings").filter(|_| body.as_object().is_some_and(|o| o.len() == 1)).unwrap_or(&body);
    let update = settings::normalize(raw)?;
    if update.is_empty() {
        return Err(EsError::validation(&["no settings to update".to_string()]));
    }
    for key in update.keys() {
        if !is_known(cluster, key) {
            return Err(unknown_setting(key));
        }
        if PRIVATE_SETTINGS.contains(&key.as_str()) || key == "index.number_of_shards" || key == "index.creation_date" {
            return Err(EsError::illegal_argument(format!("final {key} setting [{key}], not updateable")));
        }
    }
    let preserve = req.flag("preserve_existing")?;
    let reopen = req.flag("reopen")?;
    let opts = IndicesOptions::STRICT_EXPAND.from_request(req)?;
    let names = expression::resolve(cluster, &targets(req), opts)?;
    let non_dynamic: Vec<&String> = update.keys().filter(|k| !is_dynamic(cluster, k)).collect();
    if !non_dynamic.is_empty() && !reopen {
        let open: Vec<String> = names
            .iter()
            .filter_map(|n| cluster.indices.get(n))
            .filter(|i| !i.is_closed())
            .map(|i| format!("[{}/{}]", i.name, i.uuid))
            .collect();
        if !open.is_empty() {
            let keys: Vec<&str> = non_dynamic.iter().map(|s| s.as_str()).collect();
            return Err(EsError::illegal_argument(format!(
                "Can't update non dynamic settings [[{}]] for open indices [{}]",
                keys.join(", "),
                open.join(", ")
            )));
        }
    }
    if update.keys().any(|k| !k.starts_with("index.blocks.")) {
        for index in names.iter().filter_map(|n| cluster.indices.get(n)) {
            check_block(index, BlockedOperation::MetadataWrite)?;
        }
    }
    // More replicas on open indices must fit under the shard limit.
    if let Some(replicas) = update.get("index.number_of_replicas").and_then(Value::as_str).and_then(|r| r.parse().ok())
    {
        let adding = names
            .iter()
            .filter_map(|n| cluster.indices.get(n))
            .filter(|i| !i.is_closed())
            .map(|i| i.shards() * u64::saturating_sub(replicas, i.replicas(cluster.nodes)))
            .sum();
        check_shard_limit(cluster, adding)?;
    }
    for name in &names {
        let Some(mut index) = cluster.indices.get_mut(name) else {
            continue;
        };
        for (key, value) in &update {
            if value.is_null() {
                index.settings.remove(key);
            } else if !(preserve && index.settings.contains_key(key)) {
                index.settings.insert(key.clone(), value.clone());
            }
        }
    }
    // ES's ILM service runs the cluster-state steps of an index whose policy was set or changed
    // right after the settings update (`runPolicyAfterStateChange`), as for a new index.
    if update.contains_key(crate::ilm::LIFECYCLE_NAME) {
        for name in &names {
            ilm::engine::run_index(cluster, name);
        }
    }
    Ok(SandboxResponse::acknowledged())
}

/// `GET /{index}/_mapping`
pub fn get_mapping(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let opts = IndicesOptions::STRICT_EXPAND_OPEN.from_request(req)?;
    let mut out = Map::new();
    for name in expression::resolve(cluster, &targets(req), opts)? {
        if let Some(index) = cluster.indices.get(&name) {
            out.insert(name, json!({"mappings": index.mappings}));
        }
    }
    Ok(SandboxResponse::ok(Value::Object(out)))
}

/// `PUT /{index}/_mapping`: the update is parsed (`MapperService#parseMapping`), merged into each
/// target's mapping (`MapperService#merge`, which refuses type changes and non-updateable
/// parameters) and the result checked against the index's limits — all targets or none.
pub fn put_mapping(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let body = req.json()?.ok_or_else(|| EsError::validation(&["mapping source is missing".to_string()]))?;
    // RestPutMappingAction: `MapperService.isMappingSourceTyped`.
    if body.as_object().is_some_and(|o| o.len() == 1 && o.get("_doc").is_some_and(Value::is_object)) {
        return Err(EsError::illegal_argument("Types cannot be provided in put mapping requests"));
    }
    let mut update = json!({});
    templates::merge_mappings(&mut update, &body);
    mapping::types::validate(&update, cluster.version)?;
    let opts = IndicesOptions::STRICT_EXPAND_OPEN.from_request(req)?;
    let version = cluster.version;
    let mut merged = Vec::new();
    for name in expression::resolve(cluster, &targets(req), opts)? {
        if let Some(index) = cluster.indices.get(&name) {
            mapping::types::check_merge(&index.mappings, &update)?;
            let mut result = index.mappings.clone();
            templates::merge_mappings(&mut result, &update);
            mapping::types::validate(&result, version)?;
            mapping::limits::check(&result, &mapping::Limits::of(index, version), version)?;
            merged.push((name, result));
        }
    }
    for (name, result) in merged {
        if let Some(mut index) = cluster.indices.get_mut(&name) {
            index.mappings = result;
        }
    }
    Ok(SandboxResponse::acknowledged())
}

/// `GET /{index}/_stats[/{metric}]`
pub fn stats(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let metrics = split_list(req.param("metric"));
    let want = |m: &str| metrics.is_empty() || metrics.iter().any(|x| x == m || x == "_all");
    // `strictExpandOpenAndForbidClosed`: a closed index named explicitly is an error.
    let names = expression::resolve(cluster, &targets(req), IndicesOptions::STRICT_EXPAND_OPEN.from_request(req)?)?;
    let forbid_closed = req.param("forbid_closed_indices").is_none() || req.flag("forbid_closed_indices")?;
    if forbid_closed && let Some(closed) = names.iter().filter_map(|n| cluster.indices.get(n)).find(|i| i.is_closed()) {
        return Err(index_closed(closed));
    }
    let section = |docs: u64, docs_bytes: u64, store: u64, flushes: u64, ops: IndexingCounts| {
        let mut s = Map::new();
        if want("docs") {
            s.insert("docs".into(), json!({"count": docs, "deleted": 0, "total_size_in_bytes": docs_bytes}));
        }
        if want("store") {
            s.insert(
                "store".into(),
                json!({"size_in_bytes": store, "total_data_set_size_in_bytes": store, "reserved_in_bytes": 0}),
            );
        }
        if want("indexing") {
            s.insert(
                "indexing".into(),
                json!({"index_total": ops.index_total, "index_time_in_millis": 0, "index_current": 0,
                       "index_failed": ops.index_failed, "delete_total": ops.delete_total, "delete_time_in_millis": 0,
                       "delete_current": 0, "noop_update_total": ops.noop_update_total, "is_throttled": false,
                       "throttle_time_in_millis": 0}),
            );
        }
        if want("flush") {
            // One per shard copy flushed (`FlushStats`); the sandbox never flushes by itself.
            s.insert("flush".into(), json!({"total": flushes, "periodic": 0, "total_time_in_millis": 0}));
        }
        Value::Object(s)
    };
    let (mut p_docs, mut p_docs_bytes, mut p_store, mut t_docs, mut t_docs_bytes, mut t_store) = (0, 0, 0, 0, 0, 0);
    let (mut p_flushes, mut t_flushes) = (0, 0);
    let (mut p_ops, mut t_ops) = (IndexingCounts::default(), IndexingCounts::default());
    let mut per_index = Map::new();
    for name in &names {
        let Some(index) = cluster.indices.get(name) else {
            continue;
        };
        if index.is_closed() {
            continue;
        }
        let copies = 1 + index.assigned_replicas(cluster.nodes);
        let (docs, docs_bytes, store) = (index.doc_count(), index.docs_bytes(), index.primary_store_bytes());
        p_docs += docs;
        p_docs_bytes += docs_bytes;
        p_store += store;
        t_docs += docs * copies;
        t_docs_bytes += docs_bytes * copies;
        t_store += index.total_store_bytes(cluster.nodes);
        let flushes = index.flushes * index.shards();
        p_flushes += flushes;
        t_flushes += flushes * copies;
        // Replicas apply every operation their primary did.
        let ops = index.indexing;
        p_ops += ops;
        t_ops += ops.times(copies);
        per_index.insert(
            name.clone(),
            json!({"uuid": index.uuid, "health": index.health(cluster.nodes).as_str(), "status": index.state,
                   "primaries": section(docs, docs_bytes, store, flushes, ops),
                   "total": section(docs * copies, docs_bytes * copies, index.total_store_bytes(cluster.nodes), flushes * copies, ops.times(copies))}),
        );
    }
    Ok(SandboxResponse::ok(json!({
        "_shards": ShardTotals::of(names.iter().filter_map(|n| cluster.indices.get(n)).filter(|i| !i.is_closed()), cluster.nodes).header(),
        "_all": {"primaries": section(p_docs, p_docs_bytes, p_store, p_flushes, p_ops),
                 "total": section(t_docs, t_docs_bytes, t_store, t_flushes, t_ops)},
        "indices": per_index,
    })))
}

/// What an index block stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockedOperation {
    /// Document writes and deletes.
    Write,
    /// Searches and gets.
    Read,
    /// Settings and mapping changes (`index.blocks.*` themselves stay changeable).
    MetadataWrite,
}

/// The `cluster_block_exception` an index's `index.blocks.*` settings raise for an operation, with
/// ES's block ids and statuses (`read_only_allow_delete`, set at the flood-stage watermark, is a 429).
pub fn check_block(index: &Index, operation: BlockedOperation) -> EsResult<()> {
    let set = |key: &str| index.setting(key) == Some("true");
    let blocks: &[(&str, &str, u16, &[BlockedOperation])] = &[
        (
            "index.blocks.read_only",
            "FORBIDDEN/5/index read-only (api)",
            403,
            &[BlockedOperation::Write, BlockedOperation::MetadataWrite],
        ),
        ("index.blocks.read", "FORBIDDEN/7/index read (api)", 403, &[BlockedOperation::Read]),
        ("index.blocks.write", "FORBIDDEN/8/index write (api)", 403, &[BlockedOperation::Write]),
        ("index.blocks.metadata", "FORBIDDEN/9/index metadata (api)", 403, &[BlockedOperation::MetadataWrite]),
        (
            "index.blocks.read_only_allow_delete",
            "TOO_MANY_REQUESTS/12/disk usage exceeded flood-stage watermark, index has read-only-allow-delete block",
            429,
            &[BlockedOperation::Write, BlockedOperation::MetadataWrite],
        ),
    ];
    match blocks.iter().find(|(key, _, _, ops)| set(key) && ops.contains(&operation)) {
        Some((_, description, status, _)) => Err(EsError::new(
            *status,
            "cluster_block_exception",
            format!("index [{}] blocked by: [{description}];", index.name),
        )),
        None => Ok(()),
    }
}

/// ES's `index_closed_exception` (400, reason `closed`).
pub fn index_closed(index: &Index) -> EsError {
    EsError::new(400, "index_closed_exception", "closed")
        .with("index_uuid", index.uuid.clone())
        .with("index", index.name.clone())
}

/// `POST /{index}/_refresh`: the writes an index held back (`refresh_interval: -1`) become
/// searchable; answers the shard counts.
pub fn refresh(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let opts = IndicesOptions {
        expand: expression::Expand { open: true, closed: false, hidden: false },
        ..IndicesOptions::STRICT_EXPAND_OPEN
    }
    .from_request(req)?;
    let indices = expression::resolve_indices(cluster, &targets(req), opts)?;
    let shards = ShardTotals::of(indices.iter().copied(), cluster.nodes).header();
    let names: Vec<String> = indices.iter().map(|i| i.name.clone()).collect();
    for name in names {
        if let Some(mut index) = cluster.indices.get_mut(&name) {
            index.unrefreshed.clear();
        }
    }
    Ok(SandboxResponse::ok(json!({"_shards": shards})))
}

/// `POST /{index}/_shrink/{target}`: ES's prerequisites (`MetadataCreateIndexService`'s resize
/// validation) with its errors, then a target holding the source's documents and settings on
/// fewer primary shards.
pub fn shrink(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let source_name = req.param("index").unwrap_or_default().to_string();
    let target = req.param("target").unwrap_or_default().to_string();
    let source = cluster.indices.get(&source_name).ok_or_else(|| EsError::index_not_found(&source_name))?.clone();
    if source.is_closed() {
        return Err(index_closed(&source));
    }
    let body = req.json()?.unwrap_or(Value::Null);
    let requested = body.get("settings").cloned().unwrap_or_else(|| json!({}));
    let flat = settings::flatten(&requested)?;
    let source_shards = source.shards();
    let target_shards =
        match flat.get("index.number_of_shards").map(|v| v.as_str().map(str::to_string).unwrap_or(v.to_string())) {
            Some(n) => n.parse::<u64>().map_err(|_| {
                EsError::illegal_argument(format!("Failed to parse value [{n}] for setting [index.number_of_shards]"))
            })?,
            None => 1,
        };
    if target_shards >= source_shards && source_shards > 1 || target_shards > source_shards {
        return Err(EsError::illegal_argument(format!(
            "the number of target shards [{target_shards}] must be less that the number of source shards [{source_shards}]"
        )));
    }
    if target_shards == 0 || source_shards % target_shards != 0 {
        return Err(EsError::illegal_argument(format!(
            "the number of source shards [{source_shards}] must be a multiple of [{target_shards}]"
        )));
    }
    if source.setting("index.blocks.write") != Some("true") {
        // ES throws an IllegalStateException here, which it answers with a 500.
        return Err(EsError::new(
            500,
            "illegal_state_exception",
            format!("index {source_name} must be read-only to resize index. use \"index.blocks.write=true\""),
        ));
    }
    let nodes = cluster.nodes;
    let mut common: Option<std::collections::BTreeSet<usize>> = None;
    for shard in 0..source_shards {
        let here: std::collections::BTreeSet<usize> =
            source.assigned_copies(nodes).filter(|(s, _)| *s == shard).map(|(_, n)| n).collect();
        common = Some(match common {
            None => here,
            Some(c) => c.intersection(&here).copied().collect(),
        });
    }
    if common.is_none_or(|c| c.is_empty()) {
        return Err(EsError::new(
            500,
            "illegal_state_exception",
            format!("index {source_name} must have all shards allocated on the same node to shrink index"),
        ));
    }
    // The target starts from the source's own settings, minus what identifies the source.
    let mut settings_body = Map::new();
    for (key, value) in &source.settings {
        if !matches!(
            key.as_str(),
            "index.uuid"
                | "index.creation_date"
                | "index.provided_name"
                | "index.version.created"
                | "index.number_of_shards"
        ) {
            settings_body.insert(key.clone(), value.clone());
        }
    }
    for (key, value) in flat.iter() {
        if value.is_null() {
            settings_body.remove(key);
        } else {
            settings_body.insert(key.clone(), value.clone());
        }
    }
    settings_body.insert("index.number_of_shards".into(), json!(target_shards.to_string()));
    let mut create_body = json!({"settings": settings_body, "mappings": source.mappings});
    if let Some(aliases) = body.get("aliases") {
        create_body["aliases"] = aliases.clone();
    }
    check_shard_limit(cluster, target_shards * (1 + source.replicas(nodes)))?;
    let name = create_index(cluster, &target, &create_body, Origin::Api)?;
    if let Some(mut created) = cluster.indices.get_mut(&name) {
        created.docs = source.docs.clone();
        created.seeded_docs = source.seeded_docs;
        created.seeded_primary_bytes = source.seeded_primary_bytes;
        created.next_seq_no = source.next_seq_no;
    }
    Ok(SandboxResponse::ok(json!({"acknowledged": true, "shards_acknowledged": true, "index": name})))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;
    use crate::router::test_request;
    use crate::version::EsVersion;

    fn cluster() -> Cluster {
        Cluster::new(EsVersion::DEFAULT, 1_710_460_800_000)
    }

    #[test]
    fn creation_normalizes_settings_and_adds_server_settings() {
        let mut c = cluster();
        let name = create_index(
            &mut c,
            "<logs-{now/d}-000001>",
            &json!({"settings": {"number_of_replicas": 0}, "aliases": {"logs": {"is_write_index": true}}}),
            Origin::Api,
        )
        .unwrap();
        assert_eq!(name, "logs-2024.03.15-000001");
        let index = &c.indices[&name];
        assert_eq!(index.setting("index.number_of_replicas"), Some("0"));
        assert_eq!(index.setting("index.number_of_shards"), Some("1"));
        assert_eq!(index.setting("index.provided_name"), Some("<logs-{now/d}-000001>"));
        assert_eq!(index.aliases["logs"].is_write_index, Some(true));
        assert_eq!(index.health(1), Health::Green);
        assert_eq!(index.uuid.len(), 22);
        let again = create_index(&mut c, &name, &json!({}), Origin::Api).unwrap_err();
        assert_eq!(again.kind, "resource_already_exists_exception");
    }

    #[test]
    fn creation_rejects_bad_names_and_settings() {
        let mut c = cluster();
        assert_eq!(
            create_index(&mut c, "Upper", &json!({}), Origin::Api).unwrap_err().kind,
            "invalid_index_name_exception"
        );
        assert_eq!(
            create_index(&mut c, "_x", &json!({}), Origin::Api).unwrap_err().kind,
            "invalid_index_name_exception"
        );
        let e = create_index(&mut c, "x", &json!({"settings": {"garbage": 1}}), Origin::Api).unwrap_err();
        assert!(e.reason.starts_with("unknown setting [index.garbage]"));
        let e =
            create_index(&mut c, "x", &json!({"settings": {"soft_deletes.enabled": false}}), Origin::Api).unwrap_err();
        assert_eq!(e.kind, "illegal_argument_exception");
    }

    #[test]
    fn destructive_operations_need_names_on_8x() {
        let mut c = cluster();
        assert!(check_destructive(&c, &["*".to_string()]).is_err());
        assert!(check_destructive(&c, &[]).is_err());
        assert!(check_destructive(&c, &["*".to_string(), "-*".to_string()]).is_ok());
        assert!(check_destructive(&c, &["logs-1".to_string()]).is_ok());
        c.persistent_settings.insert("action.destructive_requires_name".into(), json!("false"));
        assert!(check_destructive(&c, &["*".to_string()]).is_ok());
        let seven = Cluster::new(EsVersion::new(7, 17, 0), 0);
        assert!(check_destructive(&seven, &["_all".to_string()]).is_ok());
    }

    #[test]
    fn auto_expand_replicas_follow_the_node_count() {
        let mut c = cluster();
        create_index(&mut c, ".kibana_1", &json!({"settings": {"auto_expand_replicas": "0-1"}}), Origin::Api).unwrap();
        create_index(&mut c, ".all", &json!({"settings": {"auto_expand_replicas": "0-all"}}), Origin::Api).unwrap();
        let (kibana, all) = (&c.indices[".kibana_1"], &c.indices[".all"]);
        assert_eq!((kibana.replicas(1), kibana.health(1)), (0, Health::Green));
        assert_eq!((kibana.replicas(3), all.replicas(3)), (1, 2));
        assert_eq!(all.health(3), Health::Green);
        create_index(&mut c, "r", &json!({}), Origin::Api).unwrap();
        assert!(!active_shards_reached(&c.indices["r"], Some("all"), 1));
        assert!(active_shards_reached(&c.indices["r"], Some("all"), 2));
        assert!(active_shards_reached(&c.indices["r"], Some("1"), 1));
        assert!(active_shards_reached(&c.indices[".kibana_1"], Some("all"), 1));
    }

    #[test]
    fn new_indices_meet_the_shard_limit_of_open_indices() {
        let mut c = cluster();
        c.persistent_settings.insert("cluster.max_shards_per_node".into(), json!("3"));
        create_index(&mut c, "a", &json!({}), Origin::Api).unwrap(); // 1 primary + 1 replica
        let e = create_index(&mut c, "b", &json!({}), Origin::Api).unwrap_err();
        assert_eq!((e.status, e.kind.as_str()), (400, "validation_exception"));
        assert_eq!(
            e.reason,
            "Validation Failed: 1: this action would add [2] shards, but this cluster currently has [2]/[3] maximum normal shards open;"
        );
        create_index(&mut c, "c", &json!({"settings": {"number_of_replicas": 0}}), Origin::Api).unwrap();
        c.indices.get_mut("a").unwrap().state = "close".into();
        create_index(&mut c, "b", &json!({}), Origin::Api).unwrap();
        // Two nodes hold twice as many.
        c.nodes = 2;
        create_index(&mut c, "d", &json!({}), Origin::Api).unwrap();
        // Now 5 of 6: opening "a" (2 copies) or a second replica of "c" would pass it.
        let open = open(&mut c, &test_request(Method::Post, "/a/_open", Value::Null)).unwrap_err();
        assert_eq!(open.kind, "validation_exception");
        let more = json!({"index": {"number_of_replicas": 2}});
        let replicas = put_settings(&mut c, &test_request(Method::Put, "/c/_settings", more)).unwrap_err();
        assert!(replicas.reason.contains("would add [2] shards"), "{}", replicas.reason);
    }

    #[test]
    fn replicas_are_placed_on_other_nodes_than_their_primary() {
        let mut c = cluster();
        create_index(&mut c, "a", &json!({"settings": {"number_of_shards": 3, "number_of_replicas": 2}}), Origin::Api)
            .unwrap();
        let a = &c.indices["a"];
        for shard in 0..3 {
            let nodes: std::collections::BTreeSet<usize> = (0..=2).map(|copy| a.node_of(shard, copy, 3)).collect();
            assert_eq!(nodes.len(), 3, "shard {shard}: every copy on its own node");
        }
        assert_eq!(a.assigned_replicas(2), 1, "two nodes hold a primary and one replica");
        assert_eq!(a.health(2), Health::Yellow);
        assert_eq!(a.health(3), Health::Green);
    }

    #[test]
    fn store_sizes_count_replicas_only_when_assigned() {
        let mut c = cluster();
        create_index(&mut c, "a", &json!({"settings": {"number_of_shards": 2}}), Origin::Api).unwrap();
        let mut a = c.indices.get_mut("a").unwrap();
        a.seeded_primary_bytes = 1000;
        assert_eq!(a.primary_store_bytes(), 1000 + 2 * EMPTY_SHARD_BYTES);
        assert_eq!(a.total_store_bytes(1), a.primary_store_bytes());
        assert_eq!(a.total_store_bytes(2), 2 * a.primary_store_bytes());
        assert_eq!(a.health(1), Health::Yellow);
        assert_eq!(a.docs_bytes(), 1000);
    }

    #[test]
    fn shrink_refuses_as_elasticsearch_does_then_copies_the_documents() {
        let mut c = cluster();
        let four = json!({"settings": {"number_of_shards": 4, "number_of_replicas": 0}});
        create_index(&mut c, "src", &four, Origin::Api).unwrap();
        c.indices.get_mut("src").unwrap().seeded_docs = 10;
        let shrink = |c: &mut Cluster, target: &str, shards: u64| {
            let req = test_request(
                Method::Post,
                &format!("/src/_shrink/{target}"),
                json!({"settings": {"index.number_of_shards": shards, "index.blocks.write": null}}),
            );
            shrink(c, &req)
        };
        let err = shrink(&mut c, "t", 2).unwrap_err();
        assert_eq!((err.status, err.kind.as_str()), (500, "illegal_state_exception"));
        assert!(err.reason.contains("must be read-only to resize index"), "{}", err.reason);
        c.indices.get_mut("src").unwrap().settings.insert("index.blocks.write".into(), json!("true"));
        let err = shrink(&mut c, "t", 3).unwrap_err();
        assert_eq!(err.reason, "the number of source shards [4] must be a multiple of [3]");
        let err = shrink(&mut c, "t", 4).unwrap_err();
        assert!(err.reason.contains("must be less that the number of source shards [4]"), "{}", err.reason);
        // Two nodes: each shard has its only copy on one of them.
        c.nodes = 2;
        let err = shrink(&mut c, "t", 2).unwrap_err();
        assert!(err.reason.contains("must have all shards allocated on the same node"), "{}", err.reason);
        c.nodes = 1;
        shrink(&mut c, "t", 2).unwrap();
        let t = &c.indices["t"];
        assert_eq!((t.shards(), t.doc_count()), (2, 10));
        assert_eq!(t.setting("index.blocks.write"), None, "the block is not carried over");
        let err = shrink(&mut c, "t", 2).unwrap_err();
        assert_eq!(err.kind, "resource_already_exists_exception");
    }
}
