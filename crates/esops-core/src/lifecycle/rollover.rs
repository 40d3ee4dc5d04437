//! Rollover evaluation: which aliases and data streams are rollover targets, which conditions
//! apply to each, and what Elasticsearch's own dry run says about them.
//!
//! Pure: the cluster's aliases, data streams, settings and policies come in as data, and so do
//! Elasticsearch's dry-run answers. Whether a condition is met is never computed here: that is
//! Elasticsearch's call (`POST /{target}/_rollover?dry_run=true`), so esops cannot disagree with
//! the rollover that would really happen. What esops adds is the current value next to each
//! condition, and the refusal of targets that cannot roll over.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{Map, Value};

use super::elapsed_millis;
use super::family::family_of;
use super::name_date::NameDate;
use crate::es::cluster_state::{CatIndex, DataStreamInfo, IndexAlias, IndexSettings};
// ES's own wildcard semantics (`Regex.simpleMatch`), as the sandbox emulates them.
use es_syntax::glob::simple_match;

/// What a rollover condition measures on the write index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Time since the index was created (rollover ages count from creation, not from rollover).
    Age,
    /// Documents in the primaries.
    Docs,
    /// Bytes of all primaries.
    Size,
    /// Bytes of the largest primary shard.
    PrimaryShardSize,
    /// Documents in the largest primary shard.
    PrimaryShardDocs,
}

/// The rollover conditions Elasticsearch knows, in the order it evaluates and prints them.
pub const CONDITION_NAMES: [(&str, Measure); 10] = [
    ("max_age", Measure::Age),
    ("max_docs", Measure::Docs),
    ("max_size", Measure::Size),
    ("max_primary_shard_size", Measure::PrimaryShardSize),
    ("max_primary_shard_docs", Measure::PrimaryShardDocs),
    ("min_age", Measure::Age),
    ("min_docs", Measure::Docs),
    ("min_size", Measure::Size),
    ("min_primary_shard_size", Measure::PrimaryShardSize),
    ("min_primary_shard_docs", Measure::PrimaryShardDocs),
];

/// One rollover condition as given (`max_age: 7d`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RolloverCondition {
    /// `max_age`, `min_docs`, …
    pub name: &'static str,
    /// The threshold as written (`7d`, `50gb`, `1000`); Elasticsearch parses it.
    pub value: String,
}

impl RolloverCondition {
    /// A condition from its name and value, checked the way Elasticsearch will check it, so that
    /// a typo fails before any request instead of once per target.
    pub fn new(name: &str, value: &str) -> Result<Self, String> {
        let (name, measure) = CONDITION_NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .copied()
            .ok_or_else(|| format!("unknown rollover condition [{name}]"))?;
        let valid = match measure {
            Measure::Age => es_syntax::units::parse_time_millis(value).is_ok_and(|m| m >= 0),
            Measure::Size | Measure::PrimaryShardSize => es_syntax::units::parse_bytes(value).is_ok(),
            Measure::Docs | Measure::PrimaryShardDocs => value.trim().parse::<u64>().is_ok(),
        };
        if !valid {
            let expected = match measure {
                Measure::Age => "a duration such as 7d or 12h",
                Measure::Size | Measure::PrimaryShardSize => "a byte size such as 50gb",
                Measure::Docs | Measure::PrimaryShardDocs => "a whole number of documents",
            };
            return Err(format!("{name}: {value:?} is not {expected}"));
        }
        Ok(RolloverCondition { name, value: value.trim().to_string() })
    }

    /// What the condition measures.
    pub fn measure(&self) -> Measure {
        CONDITION_NAMES.iter().find(|(n, _)| *n == self.name).map(|(_, m)| *m).unwrap_or(Measure::Age)
    }

    /// True for `max_*`: any met one triggers a rollover; `min_*` ones only hold it back.
    pub fn is_max(&self) -> bool {
        self.name.starts_with("max_")
    }
}

/// Checks a set of conditions as Elasticsearch would: `min_*` alone are refused (they can only
/// veto a rollover that some `max_*` triggers).
pub fn check_conditions(conditions: &[RolloverCondition]) -> Result<(), String> {
    if !conditions.is_empty() && !conditions.iter().any(RolloverCondition::is_max) {
        return Err("at least one max_* rollover condition must be set when using min_* conditions".into());
    }
    Ok(())
}

/// The rollover conditions of an ILM policy body (`{"phases": …}`), when one of its phases rolls
/// over — from the cluster's `GET /_ilm/policy` or from a declared tree alike.
pub fn policy_rollover_conditions(policy: &Value) -> Option<Vec<RolloverCondition>> {
    let phases = policy.get("phases")?.as_object()?;
    let action = phases.values().find_map(|p| p.pointer("/actions/rollover"))?;
    Some(conditions_from_action(action))
}

/// The conditions of an ILM `rollover` action (`{"max_age": "1d", "max_primary_shard_size": "50gb"}`).
/// Unknown keys are skipped: a newer Elasticsearch may know conditions esops does not.
pub fn conditions_from_action(action: &Value) -> Vec<RolloverCondition> {
    let Some(map) = action.as_object() else { return Vec::new() };
    let mut conditions: Vec<RolloverCondition> = map
        .iter()
        .filter_map(|(name, value)| {
            let text = match value {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => return None,
            };
            RolloverCondition::new(name, &text).ok()
        })
        .collect();
    conditions.sort_by_key(|c| CONDITION_NAMES.iter().position(|(n, _)| *n == c.name));
    conditions
}

/// The `{"conditions": {…}}` body of a rollover request; no conditions = unconditional.
pub fn request_body(conditions: &[RolloverCondition]) -> Value {
    let map: Map<String, Value> =
        conditions.iter().map(|c| (c.name.to_string(), Value::String(c.value.clone()))).collect();
    serde_json::json!({ "conditions": map })
}

/// What kind of rollover target a name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// An alias with a write index.
    Alias,
    /// A data stream.
    DataStream,
}

/// An alias or data stream that can roll over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RolloverTarget {
    /// The alias or data stream name.
    pub name: String,
    /// Alias or data stream.
    pub kind: TargetKind,
    /// The index being written to, which a rollover replaces.
    pub write_index: String,
    /// The ILM policy of the write index (or of the data stream), if any.
    pub policy: Option<String>,
}

/// What the cluster says about aliases, data streams and indices, for target resolution.
#[derive(Debug, Clone, Default)]
pub struct RolloverInventory {
    /// Every index (hidden ones included).
    pub indices: Vec<CatIndex>,
    /// Aliases by index.
    pub aliases: BTreeMap<String, Vec<IndexAlias>>,
    /// Every data stream.
    pub data_streams: Vec<DataStreamInfo>,
    /// Lifecycle settings by index.
    pub settings: BTreeMap<String, IndexSettings>,
    /// The conditions of each policy's rollover action, for the policies that have one.
    pub policy_rollovers: BTreeMap<String, Vec<RolloverCondition>>,
}

impl RolloverInventory {
    /// Every alias and data stream that can roll over, by name.
    fn candidates(&self) -> BTreeMap<String, RolloverTarget> {
        let mut members: BTreeMap<&str, Vec<(&str, bool)>> = BTreeMap::new();
        for (index, aliases) in &self.aliases {
            for a in aliases {
                members.entry(a.alias.as_str()).or_default().push((index.as_str(), a.is_write_index));
            }
        }
        let policy_of = |index: &str| self.settings.get(index).and_then(|s| s.lifecycle_name.clone());
        let mut out = BTreeMap::new();
        for (alias, indices) in members {
            // An explicit write index, or the only index of an alias without one: what ES rolls.
            let write = match indices.iter().find(|(_, w)| *w) {
                Some((index, _)) => Some(*index),
                None if indices.len() == 1 => Some(indices[0].0),
                None => None,
            };
            if let Some(write) = write {
                let target = RolloverTarget {
                    name: alias.to_string(),
                    kind: TargetKind::Alias,
                    write_index: write.to_string(),
                    policy: policy_of(write),
                };
                out.insert(alias.to_string(), target);
            }
        }
        for ds in &self.data_streams {
            if let Some(write) = ds.indices.last() {
                let target = RolloverTarget {
                    name: ds.name.clone(),
                    kind: TargetKind::DataStream,
                    write_index: write.clone(),
                    policy: policy_of(write).or_else(|| ds.ilm_policy.clone()),
                };
                out.insert(ds.name.clone(), target);
            }
        }
        out
    }

    /// The targets an ILM policy rolls over: data streams under a policy with a rollover action,
    /// and aliases that are the `index.lifecycle.rollover_alias` of their write index.
    fn governed(&self) -> Vec<RolloverTarget> {
        self.candidates()
            .into_values()
            .filter(|t| t.policy.as_ref().is_some_and(|p| self.policy_rollovers.contains_key(p)))
            .filter(|t| match t.kind {
                TargetKind::DataStream => true,
                TargetKind::Alias => self
                    .settings
                    .get(&t.write_index)
                    .and_then(|s| s.rollover_alias.as_deref())
                    .is_some_and(|a| a == t.name),
            })
            .collect()
    }
}

/// Why a requested name cannot be rolled over.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    /// The name is a concrete index.
    #[error("{0}")]
    ConcreteIndex(String),
    /// An alias whose indices have no write index.
    #[error(
        "alias [{0}] points to several indices and none is its write index (is_write_index: true), so it cannot roll over"
    )]
    NoWriteIndex(String),
    /// Nothing of that name or pattern.
    #[error("[{0}] matches no alias with a write index and no data stream")]
    NotFound(String),
    /// No target given and no policy rolls anything over.
    #[error("no alias or data stream is governed by an ILM policy with a rollover action; name the targets")]
    NothingGoverned,
}

fn concrete_index_refusal(name: &str) -> TargetError {
    let (family, key) = family_of(name);
    let text = match key.date {
        NameDate::Parsed(date, format) => format!(
            "[{name}] is a daily (date-named) index, not a rollover target. Date-named indices get a new index \
             each {unit} because the shipper writes to {family}-<{pattern}>; rollover instead switches a write alias \
             or a data stream to a new index named {family}-000002, … when size, age or document conditions are \
             met. Daily indices need no rollover: delete old ones with `esops retention {family}-* --older-than …`, \
             or move the family to a data stream if you want size-based rollover. (Date read from the name: {date}.)",
            unit = if format.granularity() == super::name_date::Granularity::Month { "month" } else { "day" },
            pattern = format.pattern(),
        ),
        _ => format!(
            "[{name}] is a concrete index, not a rollover target: rollover works on an alias with a write index or \
             on a data stream (Elasticsearch: \"rollover target is a [concrete index] but one of [alias,data_stream] \
             was expected\")"
        ),
    };
    TargetError::ConcreteIndex(text)
}

/// Resolves the requested names and patterns to rollover targets; with none requested, every
/// target an ILM policy rolls over. Concrete indices are refused with an explanation (date-named
/// ones with the difference between daily indices and rollover).
pub fn resolve_targets(
    requested: &[String],
    inventory: &RolloverInventory,
) -> Result<Vec<RolloverTarget>, TargetError> {
    if requested.is_empty() {
        let governed = inventory.governed();
        return if governed.is_empty() { Err(TargetError::NothingGoverned) } else { Ok(governed) };
    }
    let candidates = inventory.candidates();
    let alias_names: BTreeSet<&str> = inventory.aliases.values().flatten().map(|a| a.alias.as_str()).collect();
    let mut chosen: BTreeMap<String, RolloverTarget> = BTreeMap::new();
    for req in requested {
        let matched: Vec<&RolloverTarget> = candidates.values().filter(|t| simple_match(req, &t.name)).collect();
        if !matched.is_empty() {
            chosen.extend(matched.into_iter().map(|t| (t.name.clone(), t.clone())));
            continue;
        }
        if !req.contains('*') && alias_names.contains(req.as_str()) {
            return Err(TargetError::NoWriteIndex(req.clone()));
        }
        if let Some(index) = inventory.indices.iter().find(|i| simple_match(req, &i.index)) {
            return Err(concrete_index_refusal(&index.index));
        }
        return Err(TargetError::NotFound(req.clone()));
    }
    Ok(chosen.into_values().collect())
}

/// Where the conditions of a target come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "policy", rename_all = "snake_case")]
pub enum ConditionSource {
    /// `--max-*`/`--min-*` flags.
    Flags,
    /// The rollover action of this ILM policy.
    Policy(String),
    /// `--force`: unconditional.
    Force,
}

/// The conditions to apply to `target`: the flags when given, else its policy's rollover action.
pub fn conditions_for(
    target: &RolloverTarget,
    flags: &[RolloverCondition],
    force: bool,
    inventory: &RolloverInventory,
) -> Result<(Vec<RolloverCondition>, ConditionSource), String> {
    if force {
        return Ok((Vec::new(), ConditionSource::Force));
    }
    if !flags.is_empty() {
        return Ok((flags.to_vec(), ConditionSource::Flags));
    }
    match target.policy.as_ref().and_then(|p| inventory.policy_rollovers.get(p).map(|c| (p, c))) {
        Some((policy, conditions)) => Ok((conditions.clone(), ConditionSource::Policy(policy.clone()))),
        None => Err(format!(
            "{} has no ILM policy with a rollover action to take conditions from: give --max-age, --max-docs, \
             --max-primary-shard-size, … or --force",
            target.name
        )),
    }
}

/// Elasticsearch's answer to a rollover request, reduced to what esops shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RolloverAnswer {
    /// The index the rollover creates (or would create).
    pub new_index: String,
    /// True when it rolled over.
    pub rolled_over: bool,
    /// Condition keys (`[max_age: 7d]`) and whether each is met.
    pub conditions: BTreeMap<String, bool>,
}

/// The current value of a measure on the write index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "unit", content = "value", rename_all = "snake_case")]
pub enum CurrentValue {
    /// Milliseconds.
    Millis(i64),
    /// Documents.
    Docs(u64),
    /// Bytes.
    Bytes(u64),
}

/// One condition of one target, with the write index's current value and Elasticsearch's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConditionStatus {
    /// `max_age`, …
    pub name: &'static str,
    /// The threshold as Elasticsearch printed it (`7d`, `50gb`).
    pub threshold: String,
    /// The write index's value now; per-shard values are the average over the primaries
    /// (`_cat/indices` does not show the largest shard), marked by `per_shard_average`.
    pub current: Option<CurrentValue>,
    /// True when `current` is an average over the primary shards rather than the largest one.
    pub per_shard_average: bool,
    /// Elasticsearch's verdict; `None` when its answer did not mention the condition.
    pub met: Option<bool>,
}

/// The dry-run evaluation of one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RolloverCheck {
    /// Where its conditions come from.
    pub source: ConditionSource,
    /// The index a rollover creates.
    pub new_index: String,
    /// Each condition.
    pub conditions: Vec<ConditionStatus>,
    /// True when a rollover would happen now: no conditions (`--force`), or some `max_*` met and
    /// every `min_*` met — Elasticsearch's rule.
    pub due: bool,
}

/// `("max_age", "7d")` from the key `[max_age: 7d]`.
fn split_condition_key(key: &str) -> Option<(&str, &str)> {
    let inner = key.strip_prefix('[')?.strip_suffix(']')?;
    let (name, value) = inner.split_once(": ")?;
    Some((name, value))
}

fn current_value(measure: Measure, write: &CatIndex, now_millis: i64) -> (Option<CurrentValue>, bool) {
    let shards = u64::from(write.primaries.max(1));
    let averaged = write.primaries > 1;
    match measure {
        // A creation date after now (a cluster clock ahead of ours) is an unknown age, not 0s.
        Measure::Age => {
            (write.creation_millis.and_then(|c| elapsed_millis(now_millis, c)).map(CurrentValue::Millis), false)
        }
        Measure::Docs => (write.docs.map(CurrentValue::Docs), false),
        Measure::Size => (write.primary_store_bytes.map(CurrentValue::Bytes), false),
        Measure::PrimaryShardSize => {
            (write.primary_store_bytes.map(|b| CurrentValue::Bytes(b.div_ceil(shards))), averaged)
        }
        Measure::PrimaryShardDocs => (write.docs.map(|d| CurrentValue::Docs(d.div_ceil(shards))), averaged),
    }
}

/// Puts Elasticsearch's dry-run answer next to the write index's current values.
pub fn evaluate(
    conditions: &[RolloverCondition],
    source: ConditionSource,
    answer: &RolloverAnswer,
    write: Option<&CatIndex>,
    now_millis: i64,
) -> RolloverCheck {
    let verdicts: BTreeMap<&str, (&str, bool)> = answer
        .conditions
        .iter()
        .filter_map(|(key, met)| split_condition_key(key).map(|(name, value)| (name, (value, *met))))
        .collect();
    let statuses: Vec<ConditionStatus> = conditions
        .iter()
        .map(|c| {
            let verdict = verdicts.get(c.name);
            let (current, per_shard_average) =
                write.map(|w| current_value(c.measure(), w, now_millis)).unwrap_or((None, false));
            ConditionStatus {
                name: c.name,
                threshold: verdict.map(|(v, _)| v.to_string()).unwrap_or_else(|| c.value.clone()),
                current,
                per_shard_average,
                met: verdict.map(|(_, m)| *m),
            }
        })
        .collect();
    let met = |s: &&ConditionStatus| s.met == Some(true);
    let (max, min): (Vec<&ConditionStatus>, Vec<&ConditionStatus>) =
        statuses.iter().partition(|s| s.name.starts_with("max_"));
    let due = statuses.is_empty() || (max.iter().any(met) && min.iter().all(met));
    RolloverCheck { source, new_index: answer.new_index.clone(), conditions: statuses, due }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn alias(name: &str, write: bool) -> IndexAlias {
        IndexAlias { alias: name.into(), is_write_index: write }
    }

    fn index(name: &str) -> CatIndex {
        CatIndex { index: name.into(), primaries: 1, ..CatIndex::default() }
    }

    fn inventory() -> RolloverInventory {
        let mut inv = RolloverInventory {
            indices: ["logs-000001", "logs-000002", "python-logs-2024.03.15", "solo-000001", "two-a", "two-b"]
                .into_iter()
                .map(index)
                .chain([index(".ds-web-2024.03.15-000001")])
                .collect(),
            ..RolloverInventory::default()
        };
        inv.aliases.insert("logs-000001".into(), vec![alias("logs", false)]);
        inv.aliases.insert("logs-000002".into(), vec![alias("logs", true)]);
        inv.aliases.insert("solo-000001".into(), vec![alias("solo", false)]);
        inv.aliases.insert("two-a".into(), vec![alias("two", false)]);
        inv.aliases.insert("two-b".into(), vec![alias("two", false)]);
        inv.data_streams.push(DataStreamInfo {
            name: "web".into(),
            indices: vec![".ds-web-2024.03.15-000001".into()],
            ilm_policy: Some("web-policy".into()),
            data_stream_lifecycle: false,
            data_retention: None,
            ..Default::default()
        });
        inv.settings.insert(
            "logs-000002".into(),
            IndexSettings {
                lifecycle_name: Some("logs-policy".into()),
                rollover_alias: Some("logs".into()),
                ..IndexSettings::default()
            },
        );
        inv.policy_rollovers.insert("logs-policy".into(), conditions_from_action(&json!({"max_age": "1d"})));
        inv.policy_rollovers.insert("web-policy".into(), conditions_from_action(&json!({"max_docs": 5})));
        inv
    }

    fn names(targets: &[RolloverTarget]) -> Vec<&str> {
        targets.iter().map(|t| t.name.as_str()).collect()
    }

    #[test]
    fn conditions_are_checked_before_any_request() {
        assert!(RolloverCondition::new("max_age", "7d").is_ok());
        assert!(RolloverCondition::new("max_age", "soon").unwrap_err().contains("duration"));
        assert!(RolloverCondition::new("max_size", "50 apples").is_err());
        assert!(RolloverCondition::new("max_docs", "1.5").is_err());
        assert!(RolloverCondition::new("max_bogus", "1").is_err());
        let min_only = [RolloverCondition::new("min_docs", "1").unwrap()];
        assert!(check_conditions(&min_only).unwrap_err().contains("at least one max_*"));
        assert!(check_conditions(&[]).is_ok());
    }

    #[test]
    fn policy_actions_give_conditions_in_es_order() {
        let c = conditions_from_action(&json!({"min_docs": 1, "max_primary_shard_size": "50gb", "max_age": "1d"}));
        let listed: Vec<(&str, &str)> = c.iter().map(|c| (c.name, c.value.as_str())).collect();
        assert_eq!(listed, [("max_age", "1d"), ("max_primary_shard_size", "50gb"), ("min_docs", "1")]);
        assert_eq!(request_body(&c)["conditions"]["min_docs"], "1");
        assert_eq!(request_body(&[]), json!({"conditions": {}}));
    }

    #[test]
    fn explicit_and_pattern_targets() {
        let inv = inventory();
        let t = resolve_targets(&["logs".into(), "web".into()], &inv).unwrap();
        assert_eq!(names(&t), ["logs", "web"]);
        assert_eq!(t[0].write_index, "logs-000002");
        assert_eq!(t[1].kind, TargetKind::DataStream);
        assert_eq!(t[1].write_index, ".ds-web-2024.03.15-000001");
        assert_eq!(t[1].policy.as_deref(), Some("web-policy"));
        // The only index of an alias without a write flag is its write index.
        assert_eq!(resolve_targets(&["s*".into()], &inv).unwrap()[0].write_index, "solo-000001");
        assert_eq!(resolve_targets(&["two".into()], &inv).unwrap_err(), TargetError::NoWriteIndex("two".into()));
        assert_eq!(resolve_targets(&["nope*".into()], &inv).unwrap_err(), TargetError::NotFound("nope*".into()));
    }

    #[test]
    fn governed_targets_need_a_rollover_policy_and_the_rollover_alias() {
        let mut inv = inventory();
        assert_eq!(names(&resolve_targets(&[], &inv).unwrap()), ["logs", "web"]);
        inv.settings.get_mut("logs-000002").unwrap().rollover_alias = None;
        assert_eq!(names(&resolve_targets(&[], &inv).unwrap()), ["web"]);
        inv.policy_rollovers.clear();
        assert_eq!(resolve_targets(&[], &inv).unwrap_err(), TargetError::NothingGoverned);
    }

    #[test]
    fn date_named_indices_are_refused_with_an_explanation() {
        let inv = inventory();
        let e = resolve_targets(&["python-logs-2024.03.15".into()], &inv).unwrap_err().to_string();
        assert!(e.contains("daily (date-named) index, not a rollover target"), "{e}");
        assert!(e.contains("esops retention python-logs-*"), "{e}");
        let e = resolve_targets(&["logs-000001".into()], &inv).unwrap_err().to_string();
        assert!(e.contains("concrete index"), "{e}");
    }

    #[test]
    fn conditions_come_from_flags_then_the_policy() {
        let inv = inventory();
        let targets = resolve_targets(&["logs".into(), "solo".into()], &inv).unwrap();
        let flags = vec![RolloverCondition::new("max_docs", "10").unwrap()];
        assert_eq!(conditions_for(&targets[0], &flags, false, &inv).unwrap().1, ConditionSource::Flags);
        let (c, source) = conditions_for(&targets[0], &[], false, &inv).unwrap();
        assert_eq!((c[0].name, source), ("max_age", ConditionSource::Policy("logs-policy".into())));
        assert!(conditions_for(&targets[1], &[], false, &inv).unwrap_err().contains("--force"));
        assert_eq!(conditions_for(&targets[1], &[], true, &inv).unwrap(), (vec![], ConditionSource::Force));
    }

    #[test]
    fn evaluation_follows_elasticsearch_verdicts() {
        let conditions = vec![
            RolloverCondition::new("max_age", "24h").unwrap(),
            RolloverCondition::new("max_primary_shard_docs", "10").unwrap(),
            RolloverCondition::new("min_docs", "1").unwrap(),
        ];
        let answer = RolloverAnswer {
            new_index: "logs-000003".into(),
            rolled_over: false,
            conditions: [("[max_age: 1d]", false), ("[max_primary_shard_docs: 10]", true), ("[min_docs: 1]", true)]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        };
        let write = CatIndex {
            index: "logs-000002".into(),
            primaries: 2,
            docs: Some(25),
            creation_millis: Some(1_000),
            ..CatIndex::default()
        };
        let check = evaluate(&conditions, ConditionSource::Flags, &answer, Some(&write), 3_601_000);
        assert!(check.due);
        assert_eq!(check.new_index, "logs-000003");
        assert_eq!(check.conditions[0].threshold, "1d");
        assert_eq!(check.conditions[0].current, Some(CurrentValue::Millis(3_600_000)));
        assert_eq!(check.conditions[1].current, Some(CurrentValue::Docs(13)));
        assert!(check.conditions[1].per_shard_average);
        let mut not_yet = answer.clone();
        not_yet.conditions.insert("[min_docs: 1]".into(), false);
        assert!(!evaluate(&conditions, ConditionSource::Flags, &not_yet, None, 0).due);
        assert!(evaluate(&[], ConditionSource::Force, &RolloverAnswer::default(), None, 0).due);
    }
}
