//! Typed reads of the whole cluster's index state, each one request whatever the number of
//! indices: `_cat/indices`, one `_ilm/explain` over every index, data streams, aliases, ILM
//! policies, disk watermark settings and the index settings the audit needs. Never one request
//! per index: at 100,000 indices that would be 100,000 requests.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::decode::{Entries, Field, Flag, InOrder, Items, Lenient, Text, count};
use super::indices::encode_expression;
use super::{Client, EsRequest, RequestError};

/// One index as `_cat/indices?format=json&bytes=b` lists it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CatIndex {
    /// Name.
    pub index: String,
    /// `green`, `yellow`, `red`, or empty when unknown.
    pub health: String,
    /// `open` or `close`.
    pub status: String,
    /// Primary shards.
    pub primaries: u32,
    /// Replicas per primary.
    pub replicas: u32,
    /// Documents in the primaries (null for closed indices).
    pub docs: Option<u64>,
    /// Bytes on disk, replicas included.
    pub store_bytes: Option<u64>,
    /// Bytes of the primaries.
    pub primary_store_bytes: Option<u64>,
    /// Creation date, epoch millis.
    pub creation_millis: Option<i64>,
}

/// What `_ilm/explain` says about one index (the fields an audit reads).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct IlmExplain {
    /// Whether a policy manages the index.
    #[serde(default)]
    pub managed: bool,
    /// The policy name.
    #[serde(default)]
    pub policy: Option<String>,
    /// The date ILM ages the index from: creation, or rollover once the index rolled over.
    #[serde(default)]
    pub lifecycle_date_millis: Option<i64>,
    /// Current phase.
    #[serde(default)]
    pub phase: Option<String>,
    /// Current action.
    #[serde(default)]
    pub action: Option<String>,
    /// Current step (`ERROR` when a step failed).
    #[serde(default)]
    pub step: Option<String>,
    /// The step that failed.
    #[serde(default)]
    pub failed_step: Option<String>,
    /// When the current step started, epoch millis.
    #[serde(default)]
    pub step_time_millis: Option<i64>,
    /// The error, as an ES error cause (`type`, `reason`).
    #[serde(default)]
    pub step_info: Option<Value>,
    /// Whether ES retries the failed step by itself.
    #[serde(default)]
    pub is_auto_retryable_error: Option<bool>,
    /// How often the failed step was retried.
    #[serde(default)]
    pub failed_step_retry_count: Option<u64>,
}

impl IlmExplain {
    /// `step_info.reason`, when the step carries one.
    pub fn reason(&self) -> Option<&str> {
        self.step_info.as_ref()?.get("reason")?.as_str()
    }

    /// What a waiting step says it waits for (`step_info.message`).
    pub fn waiting_for(&self) -> Option<&str> {
        self.step_info.as_ref()?.get("message")?.as_str()
    }
}

/// One data stream.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DataStreamInfo {
    /// Name.
    pub name: String,
    /// Backing indices, oldest first; the last one is the write index.
    pub indices: Vec<String>,
    /// `ilm_policy`, when its template sets one.
    pub ilm_policy: Option<String>,
    /// True when the data stream lifecycle (not ILM) manages it (8.11+ `next_generation_managed_by`).
    pub data_stream_lifecycle: bool,
    /// The data stream lifecycle's `data_retention`, when it has an enabled one that sets it:
    /// backing indices go that long after their rollover (nothing goes without it).
    pub data_retention: Option<String>,
    /// The retention the data stream lifecycle really applies (8.16+ `effective_retention`: the
    /// `data_retention`, or the global default or max retention), with the `retention_determined_by`
    /// that says which; before 8.16, the `data_retention`.
    pub effective_retention: Option<(String, Option<String>)>,
    /// The backing indices the data stream lifecycle manages, from the per-index `managed_by`
    /// (8.11+): not those ILM keeps (a policy with `index.lifecycle.prefer_ilm` not `false`).
    pub lifecycle_managed: Vec<String>,
}

impl DataStreamInfo {
    /// The [`Self::effective_retention`] in milliseconds.
    pub fn retention_millis(&self) -> Option<i64> {
        let (text, _) = self.effective_retention.as_ref()?;
        crate::reconcile::normalize::duration_nanos(&Value::String(text.clone()))
            .and_then(|n| i64::try_from(n / 1_000_000).ok())
    }

    /// When each backing index stopped being written to — the creation of the next generation,
    /// its rollover —, which the data stream lifecycle counts its retention from; `None` for the
    /// write index (and a next generation of unknown creation).
    pub fn rolled_over_millis<'a>(
        &'a self,
        creation: impl Fn(&str) -> Option<i64> + 'a,
    ) -> impl Iterator<Item = (&'a str, Option<i64>)> + 'a {
        self.indices
            .iter()
            .enumerate()
            .map(move |(i, index)| (index.as_str(), self.indices.get(i + 1).and_then(|next| creation(next))))
    }
}

/// A data stream's `lifecycle`, unless it is disabled.
fn enabled_lifecycle(ds: &Value) -> Option<&Value> {
    ds.get("lifecycle").filter(|l| l.get("enabled").and_then(Value::as_bool) != Some(false))
}

/// The backing indices whose `managed_by` is the data stream lifecycle; without per-index
/// `managed_by`, every backing index when the next generation is (ES decides per index: an ILM
/// policy wins unless `index.lifecycle.prefer_ilm` is `false`).
fn lifecycle_managed(ds: &Value) -> Vec<String> {
    const DSL: &str = "Data stream lifecycle";
    let indices = ds.get("indices").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let stream_level = ds.get("next_generation_managed_by").and_then(Value::as_str) == Some(DSL);
    indices
        .iter()
        .filter(|i| match i.get("managed_by").and_then(Value::as_str) {
            Some(by) => by == DSL,
            None => stream_level,
        })
        .filter_map(|i| i.get("index_name")?.as_str().map(str::to_string))
        .collect()
}

/// One alias on an index.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IndexAlias {
    /// Alias name.
    pub alias: String,
    /// `is_write_index: true`.
    pub is_write_index: bool,
}

/// One phase of an ILM policy.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PolicyPhase {
    /// `min_age` in milliseconds (0 when absent).
    pub min_age_millis: i64,
    /// Action names (`rollover`, `delete`, …).
    pub actions: Vec<String>,
    /// The rollover action's `max_age` in milliseconds, when it sets one.
    pub rollover_max_age_millis: Option<i64>,
}

/// An ILM policy, reduced to its phases.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IlmPolicy {
    /// Phases by name.
    pub phases: BTreeMap<String, PolicyPhase>,
}

impl IlmPolicy {
    /// The delete phase's `min_age`, when the policy has a delete phase that deletes.
    pub fn delete_after_millis(&self) -> Option<i64> {
        self.phases.get("delete").filter(|p| p.actions.iter().any(|a| a == "delete")).map(|p| p.min_age_millis)
    }

    /// True when some phase rolls over.
    pub fn rolls_over(&self) -> bool {
        self.phases.values().any(|p| p.actions.iter().any(|a| a == "rollover"))
    }
}

/// The disk watermark settings as configured (persistent, transient or default), unparsed:
/// `85%`, `0.85` or an absolute free-space value such as `500mb`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WatermarkSettings {
    /// `cluster.routing.allocation.disk.watermark.low`.
    pub low: String,
    /// `…watermark.high`.
    pub high: String,
    /// `…watermark.flood_stage`.
    pub flood_stage: String,
    /// `cluster.routing.allocation.disk.threshold_enabled`.
    pub enabled: bool,
}

/// The cluster settings that bound what a cluster can hold: disk watermarks and the shard limit.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CapacitySettings {
    /// Disk watermarks in force.
    pub watermarks: WatermarkSettings,
    /// `cluster.max_shards_per_node` in force (ES's default: 1000).
    pub max_shards_per_node: u64,
}

impl Default for WatermarkSettings {
    /// Elasticsearch's defaults.
    fn default() -> Self {
        WatermarkSettings { low: "85%".into(), high: "90%".into(), flood_stage: "95%".into(), enabled: true }
    }
}

/// The index settings an audit reads (from one `_settings` request over all indices).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IndexSettings {
    /// `index.lifecycle.name`.
    pub lifecycle_name: Option<String>,
    /// `index.lifecycle.rollover_alias`.
    pub rollover_alias: Option<String>,
    /// `index.blocks.read_only_allow_delete`: the block ES sets at the flood stage.
    pub read_only_allow_delete: bool,
    /// `index.hidden`.
    pub hidden: bool,
    /// `index.blocks.write`: writes refused (what a shrink needs first).
    pub write_block: bool,
    /// `index.mapping.total_fields.limit`, when set (ES's default is 1000).
    pub total_fields_limit: Option<u64>,
    /// `index.mapping.ignore_malformed`: the fields' default.
    pub ignore_malformed: bool,
}

/// ES's default `index.mapping.total_fields.limit`.
pub const DEFAULT_TOTAL_FIELDS_LIMIT: u64 = 1000;

/// How a family's indices map their fields, from one `_field_caps` request over the family's
/// pattern (`include_unmapped`, no metadata fields).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FieldCaps {
    /// The indices the pattern matched.
    pub indices: Vec<String>,
    /// Field → its types, each with the indices that map it so. The type `unmapped` lists the
    /// indices without the field.
    pub fields: BTreeMap<String, Vec<FieldType>>,
}

/// One type of a field in `_field_caps`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FieldType {
    /// The type (`keyword`, `long`, `object`, `unmapped`, …).
    pub name: String,
    /// The indices that map the field so; `None`: every index of the request.
    pub indices: Option<Vec<String>>,
}

/// A field's types among some indices, with the indices of each.
pub type IndicesByType<'a> = Vec<(&'a str, Vec<&'a str>)>;

impl FieldCaps {
    /// The fields `index` maps (what counts toward `index.mapping.total_fields.limit`).
    pub fn field_count(&self, index: &str) -> usize {
        self.fields
            .values()
            .filter(|types| {
                types
                    .iter()
                    .any(|t| t.name != "unmapped" && t.indices.as_ref().is_none_or(|on| on.iter().any(|i| i == index)))
            })
            .count()
    }

    /// The fields mapped with more than one type among `members`, with the indices of each type.
    pub fn conflicts<'a>(&'a self, members: &[&'a str]) -> Vec<(&'a str, IndicesByType<'a>)> {
        self.fields
            .iter()
            .filter_map(|(field, types)| {
                let by_type: IndicesByType<'a> = types
                    .iter()
                    .filter(|t| t.name != "unmapped")
                    .map(|t| {
                        let on: Vec<&str> = match &t.indices {
                            Some(on) => on.iter().map(String::as_str).filter(|i| members.contains(i)).collect(),
                            None => members.to_vec(),
                        };
                        (t.name.as_str(), on)
                    })
                    .filter(|(_, on)| !on.is_empty())
                    .collect();
                (by_type.len() > 1).then_some((field.as_str(), by_type))
            })
            .collect()
    }
}

/// Documents of an index with values kept out of the index (`_ignored`: `ignore_malformed`,
/// `ignore_above`), and which fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IgnoredValues {
    /// Documents with an `_ignored` field.
    pub docs: u64,
    /// The fields named in `_ignored` (of a sample of the documents).
    pub fields: Vec<String>,
}

/// The body of the search [`Client::ignored_values`] sends, the same whatever the pattern.
pub fn ignored_values_search() -> Value {
    serde_json::json!({
        "size": 100,
        "_source": false,
        "track_total_hits": false,
        "query": {"exists": {"field": "_ignored"}},
        "aggs": {"indices": {"terms": {"field": "_index", "size": 10000}}}
    })
}

/// One `_cat/indices` row as sent. The large reads (100,000 rows and more) decode into types that
/// borrow their strings from the answer and skip what is not kept, so that nothing is allocated
/// for a value only parsed or looked at.
#[derive(Deserialize)]
struct RawCatIndex<'a> {
    #[serde(borrow)]
    index: Text<'a>,
    #[serde(borrow)]
    health: Option<Text<'a>>,
    #[serde(borrow)]
    status: Option<Text<'a>>,
    #[serde(borrow)]
    pri: Option<Text<'a>>,
    #[serde(borrow)]
    rep: Option<Text<'a>>,
    #[serde(rename = "docs.count", borrow)]
    docs_count: Option<Text<'a>>,
    #[serde(rename = "store.size", borrow)]
    store_size: Option<Text<'a>>,
    #[serde(rename = "pri.store.size", borrow)]
    pri_store_size: Option<Text<'a>>,
    #[serde(rename = "creation.date", borrow)]
    creation_date: Option<Text<'a>>,
}

/// The columns asked of `_cat/indices` (`h`), in [`RawCatIndex`]'s order.
const CAT_COLUMNS: [&str; 9] =
    ["index", "health", "status", "pri", "rep", "docs.count", "store.size", "pri.store.size", "creation.date"];

/// `_cat/indices` rows through serde.
fn cat_rows(answer: &super::EsResponse) -> Result<Vec<CatIndex>, RequestError> {
    let rows = count(&answer.body, r#""index":"#);
    answer.json_seed(Items::new(rows, |r: RawCatIndex<'_>| Some(cat_index(r))))
}

fn cat_index(r: RawCatIndex<'_>) -> CatIndex {
    CatIndex {
        health: r.health.map(|t| t.0.into_owned()).unwrap_or_default(),
        status: r.status.map(|t| t.0.into_owned()).unwrap_or_default(),
        primaries: number(r.pri).unwrap_or(0),
        replicas: number(r.rep).unwrap_or(0),
        docs: number(r.docs_count),
        store_bytes: number(r.store_size),
        primary_store_bytes: number(r.pri_store_size),
        creation_millis: number(r.creation_date),
        index: r.index.0.into_owned(),
    }
}

/// `_cat/indices` rows as Elasticsearch writes them — one array of flat objects, no whitespace,
/// each value a string without escapes or null — read without serde, in about a third of its
/// time at 100,000 indices. `None` for anything else (an escape, an unknown or repeated column,
/// a missing name, whitespace), which [`cat_rows`] then reads, or reports.
fn cat_rows_plain(body: &str) -> Option<Vec<CatIndex>> {
    let mut at = Plain { text: body, at: 0 };
    let mut rows = Vec::with_capacity(count(body, r#""index":"#));
    at.expect(b'[')?;
    if at.peek()? == b']' {
        at.at += 1;
    } else {
        loop {
            at.expect(b'{')?;
            let mut cells: [Option<Option<&str>>; CAT_COLUMNS.len()] = [None; CAT_COLUMNS.len()];
            loop {
                let name = at.string()?;
                let column = CAT_COLUMNS.iter().position(|c| *c == name)?;
                at.expect(b':')?;
                let value = match at.peek()? {
                    b'"' => Some(at.string()?),
                    _ => {
                        at.literal("null")?;
                        None
                    }
                };
                if cells[column].replace(value).is_some() {
                    return None;
                }
                match at.next()? {
                    b',' => continue,
                    b'}' => break,
                    _ => return None,
                }
            }
            let text = |column: usize| cells[column].flatten().map(|t| Text(Cow::Borrowed(t)));
            rows.push(cat_index(RawCatIndex {
                index: Text(Cow::Borrowed(cells[0].flatten()?)),
                health: text(1),
                status: text(2),
                pri: text(3),
                rep: text(4),
                docs_count: text(5),
                store_size: text(6),
                pri_store_size: text(7),
                creation_date: text(8),
            }));
            match at.next()? {
                b',' => continue,
                b']' => break,
                _ => return None,
            }
        }
    }
    body[at.at..].trim_ascii().is_empty().then_some(rows)
}

/// A reading position in [`cat_rows_plain`]'s text.
struct Plain<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Plain<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        Some(byte)
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.next()? == byte).then_some(())
    }

    fn literal(&mut self, word: &str) -> Option<()> {
        let rest = self.text.get(self.at..)?;
        rest.starts_with(word).then(|| self.at += word.len())
    }

    /// A string without escapes or control characters (JSON refuses those raw).
    fn string(&mut self) -> Option<&'a str> {
        self.expect(b'"')?;
        // Names and values are short: a plain scan beats a vectorised search's start-up.
        let rest = &self.text.as_bytes()[self.at..];
        let end = rest.iter().position(|b| matches!(b, b'"' | b'\\' | 0..0x20))?;
        if rest[end] != b'"' {
            return None;
        }
        let text = &self.text[self.at..self.at + end];
        self.at += end + 1;
        Some(text)
    }
}

fn number<T: std::str::FromStr>(value: Option<Text<'_>>) -> Option<T> {
    // `_cat` values are strings; null for closed indices.
    value.and_then(|s| s.as_str().parse().ok())
}

/// One index's entry in a `GET /_alias` answer: alias names and what is kept of each.
#[derive(Deserialize)]
struct RawIndexAliases<'a> {
    #[serde(default, borrow)]
    aliases: BTreeMap<Text<'a>, RawAlias>,
}

/// An alias as `GET /_alias` shows it; filters and routing are skipped unread.
#[derive(Deserialize)]
struct RawAlias {
    #[serde(default)]
    is_write_index: Flag,
}

/// One index's entry in the audit's `_settings` answer (flat settings, strings).
#[derive(Deserialize)]
struct RawIndexSettings<'a> {
    #[serde(default, borrow)]
    settings: RawFlatSettings<'a>,
}

/// The settings the audit reads; every other one is skipped unread.
#[derive(Default, Deserialize)]
struct RawFlatSettings<'a> {
    #[serde(rename = "index.lifecycle.name", default, borrow)]
    lifecycle_name: Lenient<'a>,
    #[serde(rename = "index.lifecycle.rollover_alias", default, borrow)]
    rollover_alias: Lenient<'a>,
    #[serde(rename = "index.blocks.read_only_allow_delete", default, borrow)]
    read_only_allow_delete: Lenient<'a>,
    #[serde(rename = "index.hidden", default, borrow)]
    hidden: Lenient<'a>,
    #[serde(rename = "index.blocks.write", default, borrow)]
    write_block: Lenient<'a>,
    #[serde(rename = "index.mapping.total_fields.limit", default, borrow)]
    total_fields_limit: Lenient<'a>,
    #[serde(rename = "index.mapping.ignore_malformed", default, borrow)]
    ignore_malformed: Lenient<'a>,
}

/// A `_field_caps` answer (`include_unmapped`): the indices, and each field's types in order.
#[derive(Deserialize)]
struct RawFieldCaps<'a> {
    #[serde(default, borrow)]
    indices: Vec<Text<'a>>,
    #[serde(default, borrow)]
    fields: BTreeMap<Text<'a>, InOrder<Text<'a>, RawFieldType<'a>>>,
}

/// One type of a field; its capabilities other than the indices are skipped unread.
#[derive(Deserialize)]
struct RawFieldType<'a> {
    #[serde(default, borrow)]
    indices: Option<Vec<Text<'a>>>,
}

/// The `_ignored` search's answer, trimmed by its `filter_path` (each part absent when empty).
#[derive(Default, Deserialize)]
struct RawIgnoredSearch<'a> {
    #[serde(default, borrow)]
    aggregations: RawIgnoredAggregations<'a>,
    #[serde(default, borrow)]
    hits: RawIgnoredHits<'a>,
}

#[derive(Default, Deserialize)]
struct RawIgnoredAggregations<'a> {
    #[serde(default, borrow)]
    indices: RawBuckets<'a>,
}

#[derive(Default, Deserialize)]
struct RawBuckets<'a> {
    #[serde(default, borrow)]
    buckets: Vec<RawIndexBucket<'a>>,
}

/// A `terms` bucket of the aggregation on `_index`.
#[derive(Deserialize)]
struct RawIndexBucket<'a> {
    #[serde(borrow)]
    key: Text<'a>,
    #[serde(default)]
    doc_count: u64,
}

#[derive(Default, Deserialize)]
struct RawIgnoredHits<'a> {
    #[serde(default, borrow)]
    hits: Vec<RawIgnoredHit<'a>>,
}

/// A hit: its index and the fields `_ignored` names.
#[derive(Deserialize)]
struct RawIgnoredHit<'a> {
    #[serde(rename = "_index", default, borrow)]
    index: Option<Text<'a>>,
    #[serde(rename = "_ignored", default, borrow)]
    ignored: Option<Vec<Text<'a>>>,
}

/// The value of a flat setting in a `_cluster/settings` or `_settings` answer.
fn setting_str<'a>(map: &'a Value, key: &str) -> Option<&'a str> {
    map.get(key).and_then(Value::as_str)
}

/// The value a cluster setting has in force: transient over persistent over default.
fn cluster_setting<'a>(body: &'a Value, key: &str) -> Option<&'a str> {
    ["transient", "persistent", "defaults"].iter().find_map(|scope| setting_str(body.get(*scope)?, key))
}

/// `/a,b*` for `targets` (each split at commas and encoded, wildcards kept); empty for none.
pub(crate) fn expression_path(targets: &[String]) -> String {
    let parts: Vec<String> = targets
        .iter()
        .flat_map(|t| t.split(','))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(encode_expression)
        .collect();
    if parts.is_empty() { String::new() } else { format!("/{}", parts.join(",")) }
}

/// Reads an ILM policy body (`{"phases": {…}}`).
pub fn parse_policy(policy: &Value) -> IlmPolicy {
    let phases = policy
        .get("phases")
        .and_then(Value::as_object)
        .map(|phases| {
            phases
                .iter()
                .map(|(name, phase)| {
                    let min_age_millis = phase
                        .get("min_age")
                        .and_then(Value::as_str)
                        // ES's own grammar for time values, shared with the sandbox that emulates it.
                        .and_then(|s| es_syntax::units::parse_time_millis(s).ok())
                        .unwrap_or(0);
                    let actions = phase
                        .get("actions")
                        .and_then(Value::as_object)
                        .map(|a| a.keys().cloned().collect())
                        .unwrap_or_default();
                    let rollover_max_age_millis = phase
                        .pointer("/actions/rollover/max_age")
                        .and_then(Value::as_str)
                        .and_then(|s| es_syntax::units::parse_time_millis(s).ok());
                    (name.clone(), PolicyPhase { min_age_millis, actions, rollover_max_age_millis })
                })
                .collect()
        })
        .unwrap_or_default();
    IlmPolicy { phases }
}

impl Client {
    /// Every index (hidden and closed included) from `_cat/indices`, sizes in bytes.
    pub async fn cat_indices_all(&self) -> Result<Vec<CatIndex>, RequestError> {
        self.cat_indices(&[]).await
    }

    /// The indices of `targets` (names, aliases, data streams, patterns; none means every index)
    /// from one `_cat/indices`, hidden and closed included, sizes in bytes.
    pub async fn cat_indices(&self, targets: &[String]) -> Result<Vec<CatIndex>, RequestError> {
        let req = EsRequest::get(format!("/_cat/indices{}", expression_path(targets)))
            .query("format", "json")
            .query("bytes", "b")
            .query("expand_wildcards", "all")
            .query("h", CAT_COLUMNS.join(","))
            // Sorted by name, as the other whole-cluster reads are keyed: the audit then walks
            // them side by side instead of searching each index in each.
            .query("s", "index");
        self.decode_apart(&req, |answer| match cat_rows_plain(&answer.body) {
            Some(rows) => Ok(rows),
            None => cat_rows(answer),
        })
        .await
    }

    /// `_ilm/explain` over every index in one request (see [`Client::ilm_explain`]).
    pub async fn ilm_explain_all(&self) -> Result<BTreeMap<String, IlmExplain>, RequestError> {
        self.ilm_explain(&[]).await
    }

    /// `_ilm/explain` of `targets` (names, aliases, data streams, patterns; none means every
    /// index) in one request, hidden and closed indices included, trimmed by `filter_path` to the
    /// fields esops reads (the cached phase definitions would otherwise dominate the answer).
    /// A target that names nothing existing is Elasticsearch's 404 `index_not_found_exception`;
    /// a pattern that matches nothing is an empty answer.
    pub async fn ilm_explain(&self, targets: &[String]) -> Result<BTreeMap<String, IlmExplain>, RequestError> {
        self.explain_lifecycles(targets, false).await
    }

    /// [`Client::ilm_explain_all`] without the indices no policy manages, whose entry says no
    /// more than `managed: false` (the audit's read: on a cluster of unmanaged daily indices,
    /// 100,000 entries of nothing).
    pub async fn ilm_explain_managed_all(&self) -> Result<BTreeMap<String, IlmExplain>, RequestError> {
        self.explain_lifecycles(&[], true).await
    }

    async fn explain_lifecycles(
        &self,
        targets: &[String],
        managed_only: bool,
    ) -> Result<BTreeMap<String, IlmExplain>, RequestError> {
        if self.distribution().await? == super::api::Distribution::OpenSearch {
            let mut explain = self.ism_explain(targets).await?;
            explain.retain(|_, e| e.managed || !managed_only);
            return Ok(explain);
        }
        const FIELDS: [&str; 11] = [
            "managed",
            "policy",
            "lifecycle_date_millis",
            "phase",
            "action",
            "step",
            "failed_step",
            "step_time_millis",
            "step_info",
            "is_auto_retryable_error",
            "failed_step_retry_count",
        ];
        let expression = match expression_path(targets) {
            p if p.is_empty() => "/*".to_string(),
            p => p,
        };
        let filter: Vec<String> = FIELDS.iter().map(|f| format!("indices.*.{f}")).collect();
        let req = EsRequest::get(format!("{expression}/_ilm/explain"))
            .query("expand_wildcards", "all")
            .query("filter_path", filter.join(","));
        // Decoded in answer order, then built into the map at once (ES sends the indices sorted,
        // which `collect` builds without a search per insertion).
        self.decode_apart(&req, move |answer| {
            // Sized for what is kept: only the managed entries when the others are dropped.
            let indices = count(&answer.body, if managed_only { r#""managed":true"# } else { r#""managed":"# });
            let entries = answer.json_seed(Field::new(
                "indices",
                Entries::new(indices, |index: Text<'_>, explain: IlmExplain| {
                    (explain.managed || !managed_only).then(|| (index.0.into_owned(), explain))
                }),
            ))?;
            Ok(entries.unwrap_or_default().into_iter().collect())
        })
        .await
    }

    /// Every data stream, hidden ones included.
    pub async fn data_streams_all(&self) -> Result<Vec<DataStreamInfo>, RequestError> {
        self.data_streams(&[]).await
    }

    /// The data stream `name`, or `None` when there is none of that name.
    pub async fn data_stream(&self, name: &str) -> Result<Option<DataStreamInfo>, RequestError> {
        match self.data_streams(&[name.to_string()]).await {
            Ok(streams) => Ok(streams.into_iter().find(|d| d.name == name)),
            Err(e) if e.refusal().is_some_and(|r| r.status == 404) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The data streams of `targets` (none: all), hidden ones included, in one request.
    async fn data_streams(&self, targets: &[String]) -> Result<Vec<DataStreamInfo>, RequestError> {
        let req = EsRequest::get(format!("/_data_stream{}", expression_path(targets))).query("expand_wildcards", "all");
        let body: Value = self.json(&req).await?;
        let streams = body.get("data_streams").and_then(Value::as_array).cloned().unwrap_or_default();
        Ok(streams
            .iter()
            .map(|ds| DataStreamInfo {
                name: ds.get("name").and_then(Value::as_str).unwrap_or_default().to_string(),
                indices: ds
                    .get("indices")
                    .and_then(Value::as_array)
                    .map(|v| v.iter().filter_map(|i| i.get("index_name")?.as_str().map(str::to_string)).collect())
                    .unwrap_or_default(),
                ilm_policy: ds.get("ilm_policy").and_then(Value::as_str).map(str::to_string),
                data_stream_lifecycle: ds.get("next_generation_managed_by").and_then(Value::as_str)
                    == Some("Data stream lifecycle"),
                data_retention: enabled_lifecycle(ds)
                    .and_then(|l| l.get("data_retention"))
                    .and_then(Value::as_str)
                    .map(str::to_string),
                effective_retention: enabled_lifecycle(ds).and_then(|l| {
                    let text = |key: &str| l.get(key).and_then(Value::as_str).map(str::to_string);
                    match text("effective_retention") {
                        Some(effective) => Some((effective, text("retention_determined_by"))),
                        None => text("data_retention").map(|own| (own, None)),
                    }
                }),
                lifecycle_managed: lifecycle_managed(ds),
            })
            .collect())
    }

    /// How the indices matching `pattern` map their fields: one `_field_caps` request.
    pub async fn field_caps(&self, pattern: &str) -> Result<FieldCaps, RequestError> {
        let req = EsRequest::get(format!("/{}/_field_caps", encode_expression(pattern)))
            .query("fields", "*")
            .query("include_unmapped", "true")
            .query("filters", "-metadata")
            .query("ignore_unavailable", "true")
            .query("allow_no_indices", "true");
        let answer = self.send(&req).await?;
        let body: RawFieldCaps<'_> = answer.json()?;
        let owned = |texts: Vec<Text<'_>>| texts.into_iter().map(|t| t.0.into_owned()).collect::<Vec<_>>();
        let fields = body
            .fields
            .into_iter()
            .map(|(name, types)| {
                let types = types
                    .0
                    .into_iter()
                    .map(|(t, caps)| FieldType { name: t.0.into_owned(), indices: caps.indices.map(owned) })
                    .collect();
                (name.0.into_owned(), types)
            })
            .collect();
        Ok(FieldCaps { indices: owned(body.indices), fields })
    }

    /// The indices matching `pattern` that hold documents with ignored values (`_ignored`), with
    /// their counts (a `terms` aggregation on `_index`) and the fields named by a sample of 100
    /// such documents (`_ignored` is aggregatable only from 8.15): one search, no sources.
    pub async fn ignored_values(&self, pattern: &str) -> Result<BTreeMap<String, IgnoredValues>, RequestError> {
        let req = EsRequest::new(super::Method::Post, format!("/{}/_search", encode_expression(pattern)))
            .idempotent()
            .query("ignore_unavailable", "true")
            .query("allow_no_indices", "true")
            .query("filter_path", "hits.hits._index,hits.hits._ignored,aggregations")
            .json(ignored_values_search());
        let answer = self.send(&req).await?;
        let body: RawIgnoredSearch<'_> = answer.json()?;
        let mut found: BTreeMap<String, IgnoredValues> = BTreeMap::new();
        for bucket in body.aggregations.indices.buckets {
            found.entry(bucket.key.0.into_owned()).or_default().docs = bucket.doc_count;
        }
        for hit in body.hits.hits {
            let (Some(index), Some(fields)) = (hit.index, hit.ignored) else {
                continue;
            };
            let entry = found.entry(index.0.into_owned()).or_default();
            for field in fields {
                if !entry.fields.iter().any(|f| *f == field.0) {
                    entry.fields.push(field.0.into_owned());
                }
            }
        }
        Ok(found)
    }

    /// Aliases by index, for the indices that have any.
    pub async fn aliases_all(&self) -> Result<BTreeMap<String, Vec<IndexAlias>>, RequestError> {
        self.aliases(&[]).await
    }

    /// The indices the aliases of `names` (none: every alias) point to, and how, in one request.
    /// An alias that does not exist is an empty answer, not an error.
    pub async fn aliases(&self, names: &[String]) -> Result<BTreeMap<String, Vec<IndexAlias>>, RequestError> {
        let req = EsRequest::get(format!("/_alias{}", expression_path(names))).query("expand_wildcards", "all");
        let read = self.decode_apart(&req, |answer| {
            // Every index is listed, most with no alias: only those with aliases are kept.
            let with_aliases = answer.json_seed(Entries::new(0, |index: Text<'_>, entry: RawIndexAliases<'_>| {
                let aliases: Vec<IndexAlias> = entry
                    .aliases
                    .into_iter()
                    .map(|(alias, meta)| IndexAlias {
                        alias: alias.0.into_owned(),
                        is_write_index: meta.is_write_index.0,
                    })
                    .collect();
                (!aliases.is_empty()).then(|| (index.0.into_owned(), aliases))
            }))?;
            Ok(with_aliases.into_iter().collect())
        });
        match read.await {
            // `{"error": "alias [x] missing", "status": 404}`
            Err(e) if !names.is_empty() && e.refusal().is_some_and(|r| r.status == 404) => Ok(BTreeMap::new()),
            read => read,
        }
    }

    /// Every ILM policy, reduced to phases, min ages and action names.
    pub async fn ilm_policies(&self) -> Result<BTreeMap<String, IlmPolicy>, RequestError> {
        if self.distribution().await? == super::api::Distribution::OpenSearch {
            return self.ism_policies_as_ilm().await;
        }
        // `in_use_by` lists every index using the policy: filtered out, it is the bulk of the answer.
        let req = EsRequest::get("/_ilm/policy").query("filter_path", "*.policy");
        let body: BTreeMap<String, Value> = self.json(&req).await?;
        Ok(body
            .into_iter()
            .map(|(name, entry)| (name, parse_policy(entry.get("policy").unwrap_or(&Value::Null))))
            .collect())
    }

    /// The disk watermarks and the shard limit in force (configured, else Elasticsearch's
    /// defaults), in one request.
    pub async fn capacity_settings(&self) -> Result<CapacitySettings, RequestError> {
        const PREFIX: &str = "cluster.routing.allocation.disk.";
        const SHARD_LIMIT: &str = "cluster.max_shards_per_node";
        let req = EsRequest::get("/_cluster/settings")
            .query("include_defaults", "true")
            .query("flat_settings", "true")
            .query("filter_path", format!("*.{PREFIX}*,*.{SHARD_LIMIT}"));
        let body: Value = self.json(&req).await?;
        let defaults = WatermarkSettings::default();
        let get = |name: &str, default: String| {
            cluster_setting(&body, &format!("{PREFIX}{name}")).map(str::to_string).unwrap_or(default)
        };
        Ok(CapacitySettings {
            watermarks: WatermarkSettings {
                low: get("watermark.low", defaults.low),
                high: get("watermark.high", defaults.high),
                flood_stage: get("watermark.flood_stage", defaults.flood_stage),
                enabled: get("threshold_enabled", "true".into()) != "false",
            },
            max_shards_per_node: cluster_setting(&body, SHARD_LIMIT).and_then(|v| v.parse().ok()).unwrap_or(1000),
        })
    }

    /// Lifecycle, block and hidden settings of every index, for indices that set any of them.
    pub async fn index_settings_all(&self) -> Result<BTreeMap<String, IndexSettings>, RequestError> {
        let req = EsRequest::get(
            "/_all/_settings/index.lifecycle.*,index.blocks.*,index.hidden,index.mapping.total_fields.limit,index.mapping.ignore_malformed",
        )
            .query("flat_settings", "true")
            .query("expand_wildcards", "all")
            .query("filter_path", "*.settings");
        self.decode_apart(&req, |answer| {
            let indices = count(&answer.body, r#""settings":"#);
            let entries = answer.json_seed(Entries::new(indices, |index: Text<'_>, entry: RawIndexSettings<'_>| {
                let s = entry.settings;
                let text = |v: Lenient<'_>| v.0.filter(|v| !v.is_empty()).map(Cow::into_owned);
                let flag = |v: Lenient<'_>| v.0.as_deref() == Some("true");
                let settings = IndexSettings {
                    lifecycle_name: text(s.lifecycle_name),
                    rollover_alias: text(s.rollover_alias),
                    read_only_allow_delete: flag(s.read_only_allow_delete),
                    hidden: flag(s.hidden),
                    write_block: flag(s.write_block),
                    total_fields_limit: s.total_fields_limit.0.and_then(|v| v.parse().ok()),
                    ignore_malformed: flag(s.ignore_malformed),
                };
                (settings != IndexSettings::default()).then(|| (index.0.into_owned(), settings))
            }))?;
            Ok(entries.into_iter().collect())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn answer(body: &str) -> super::super::EsResponse {
        super::super::EsResponse {
            status: 200,
            body: body.into(),
            request: "GET /_cat/indices".into(),
            redactor: Default::default(),
        }
    }

    /// `_cat/indices` as Elasticsearch writes it is read without serde, into what serde reads;
    /// anything else is left to serde, which reads it or says what is wrong.
    #[test]
    fn cat_rows_read_plainly_are_the_rows_serde_reads() {
        let plain = [
            r#"[]"#,
            r#"[{"index":"logs-2024.03.15","health":"green","status":"open","pri":"1","rep":"0","docs.count":"12","store.size":"2048","pri.store.size":"1024","creation.date":"1710460800000"}]"#,
            // A closed index: its counts are null; a column left out; a name with unicode.
            r#"[{"index":"old","health":"red","status":"close","pri":"1","rep":"1","docs.count":null,"store.size":null,"pri.store.size":null,"creation.date":"1"},{"index":"é-1","pri":"x"}]"#,
        ];
        for body in plain {
            let rows = cat_rows_plain(body).unwrap_or_else(|| panic!("read plainly: {body}"));
            assert_eq!(rows, cat_rows(&answer(body)).unwrap(), "{body}");
        }
        let rows = cat_rows_plain(plain[2]).unwrap();
        assert_eq!((rows[0].docs, rows[0].creation_millis, rows[1].primaries), (None, Some(1), 0));
        let for_serde = [
            // Whitespace, an escape, an unknown or repeated column, a number, no name, a trailer.
            "[ ]",
            r#"[{"index": "a"}]"#,
            r#"[{"index":"a\u00e9"}]"#,
            r#"[{"index":"a","segments.count":"1"}]"#,
            r#"[{"index":"a","index":"b"}]"#,
            r#"[{"index":"a","pri":1}]"#,
            r#"[{"health":"green"}]"#,
            r#"[{"index":"a"}]x"#,
            r#"[{"index":"a"}"#,
        ];
        for body in for_serde {
            assert_eq!(cat_rows_plain(body), None, "{body}");
        }
        assert_eq!(cat_rows(&answer(for_serde[1])).unwrap()[0].index, "a");
        assert_eq!(cat_rows(&answer(for_serde[2])).unwrap()[0].index, "aé");
        assert_eq!(cat_rows(&answer(for_serde[3])).unwrap()[0].index, "a");
        for refused in &for_serde[4..] {
            assert!(cat_rows(&answer(refused)).is_err(), "{refused}");
        }
    }

    /// `_field_caps` with `include_unmapped`: a field's types list their indices only when the
    /// indices disagree; `unmapped` names those without the field.
    #[test]
    fn field_caps_count_fields_per_index_and_find_conflicts_among_members() {
        let t = |name: &str, on: Option<&[&str]>| FieldType {
            name: name.into(),
            indices: on.map(|on| on.iter().map(|i| i.to_string()).collect()),
        };
        let caps = FieldCaps {
            indices: vec!["a-1".into(), "a-2".into(), "ab-1".into()],
            fields: BTreeMap::from([
                ("message".into(), vec![t("text", None)]),
                ("status".into(), vec![t("long", Some(&["a-1"])), t("keyword", Some(&["a-2", "ab-1"]))]),
                ("only_ab".into(), vec![t("keyword", Some(&["ab-1"])), t("unmapped", Some(&["a-1", "a-2"]))]),
                ("other".into(), vec![t("long", Some(&["a-1", "a-2"])), t("keyword", Some(&["ab-1"]))]),
            ]),
        };
        assert_eq!((caps.field_count("a-1"), caps.field_count("ab-1")), (3, 4));
        // `ab-1` matched the pattern `a*` but belongs to another family: only the members count.
        assert_eq!(
            caps.conflicts(&["a-1", "a-2"]),
            vec![("status", vec![("long", vec!["a-1"]), ("keyword", vec!["a-2"])])]
        );
    }

    #[test]
    fn policies_reduce_to_phases_and_actions() {
        let p = parse_policy(&json!({"phases": {
            "hot": {"min_age": "0ms", "actions": {"rollover": {"max_age": "1d"}}},
            "delete": {"min_age": "90d", "actions": {"delete": {}}}
        }}));
        assert!(p.rolls_over());
        assert_eq!(p.delete_after_millis(), Some(90 * 86_400_000));
        let empty_delete = parse_policy(&json!({"phases": {"delete": {"min_age": "30d", "actions": {}}}}));
        assert_eq!(empty_delete.delete_after_millis(), None);
        assert!(!empty_delete.rolls_over());
    }

    #[test]
    fn cluster_settings_prefer_transient_then_persistent_then_defaults() {
        let body = json!({
            "persistent": {"a": "1", "b": "2"},
            "transient": {"a": "0"},
            "defaults": {"a": "9", "b": "9", "c": "3"}
        });
        assert_eq!(cluster_setting(&body, "a"), Some("0"));
        assert_eq!(cluster_setting(&body, "b"), Some("2"));
        assert_eq!(cluster_setting(&body, "c"), Some("3"));
        assert_eq!(cluster_setting(&body, "d"), None);
    }
}
