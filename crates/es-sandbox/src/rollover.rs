//! Rollover of aliases and data streams (`POST /{target}/_rollover[/{new_index}]`), following
//! `MetadataRolloverService`: condition evaluation and the `"[max_docs: 1]"` keys, generated names
//! (`-000002`, date math kept in `provided_name`, `.ds-NAME-yyyy.MM.dd-00000N`), alias write-index
//! handover, and the error cases.

use serde_json::{Map, Value, json};

use super::data_streams::failure_store_ga;
use super::datemath;
use super::error::{EsError, EsResult};
use super::expression::{self, Abstraction};
use super::http::{SandboxRequest, SandboxResponse};
use super::ilm;
use super::indices::{self, Origin};
use super::state::{AliasMeta, Cluster};
use super::templates;
use super::units::{format_bytes, format_millis, parse_bytes, parse_time_millis};

/// What a rollover condition measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Measure {
    Age,
    Docs,
    Size,
    PrimaryShardSize,
    PrimaryShardDocs,
}

/// Every condition ES knows, in the order ES evaluates and prints them.
const CONDITIONS: [(&str, Measure); 10] = [
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

/// One parsed condition.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    name: &'static str,
    measure: Measure,
    threshold: u64,
    /// The value as ES prints it in the condition key.
    display: String,
}

impl Condition {
    /// `[max_docs: 1]`
    pub fn key(&self) -> String {
        format!("[{}: {}]", self.name, self.display)
    }

    fn is_max(&self) -> bool {
        self.name.starts_with("max_")
    }
}

/// The numbers rollover conditions are checked against (ES's `Condition.Stats`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RolloverStats {
    /// Primary documents.
    pub docs: u64,
    /// Index age, millis.
    pub age_millis: u64,
    /// Primary size (document bytes).
    pub size_bytes: u64,
    /// Largest primary shard size.
    pub max_primary_shard_bytes: u64,
    /// Largest primary shard document count.
    pub max_primary_shard_docs: u64,
}

/// Parses a `conditions` object.
pub fn parse_conditions(conditions: &Value) -> EsResult<Vec<Condition>> {
    let Some(map) = conditions.as_object() else {
        return if conditions.is_null() {
            Ok(Vec::new())
        } else {
            Err(EsError::x_content_parse("[conditions] must be an object"))
        };
    };
    let mut parsed = Vec::new();
    for (key, value) in map {
        let Some(&(name, measure)) = CONDITIONS.iter().find(|(n, _)| n == key) else {
            return Err(EsError::x_content_parse(format!("[conditions] unknown field [{key}]")));
        };
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            other => {
                return Err(EsError::x_content_parse(format!("[conditions] failed to parse field [{key}]: [{other}]")));
            }
        };
        let (threshold, display) = match measure {
            Measure::Age => {
                let millis = parse_time_millis(&text, key)?;
                (millis.max(0) as u64, format_millis(millis, 1))
            }
            Measure::Size | Measure::PrimaryShardSize => {
                let bytes = parse_bytes(&text, key)?;
                (bytes, format_bytes(bytes))
            }
            Measure::Docs | Measure::PrimaryShardDocs => {
                let n: u64 = text
                    .parse()
                    .map_err(|_| EsError::x_content_parse(format!("[conditions] failed to parse field [{key}]")))?;
                (n, n.to_string())
            }
        };
        parsed.push(Condition { name, measure, threshold, display });
    }
    parsed.sort_by_key(|c| CONDITIONS.iter().position(|(n, _)| *n == c.name));
    if !parsed.is_empty() && !parsed.iter().any(Condition::is_max) {
        return Err(EsError::validation(&[
            "at least one max_* rollover condition must be set when using min_* conditions".to_string(),
        ]));
    }
    Ok(parsed)
}

/// Evaluates each condition; the map is what the response's `conditions` shows.
pub fn evaluate(conditions: &[Condition], stats: &RolloverStats) -> Map<String, Value> {
    conditions
        .iter()
        .map(|c| {
            let value = match c.measure {
                Measure::Age => stats.age_millis,
                Measure::Docs => stats.docs,
                Measure::Size => stats.size_bytes,
                Measure::PrimaryShardSize => stats.max_primary_shard_bytes,
                Measure::PrimaryShardDocs => stats.max_primary_shard_docs,
            };
            (c.key(), json!(value >= c.threshold))
        })
        .collect()
}

/// ES's rule: no conditions, or any `max_*` met and every `min_*` met.
pub fn conditions_met(conditions: &[Condition], results: &Map<String, Value>) -> bool {
    if conditions.is_empty() {
        return true;
    }
    let met = |c: &Condition| results.get(&c.key()) == Some(&json!(true));
    conditions.iter().filter(|c| c.is_max()).any(met) && conditions.iter().filter(|c| !c.is_max()).all(met)
}

/// The stats of one index at the cluster's `now`.
pub fn stats_of(cluster: &Cluster, index: &str) -> Option<RolloverStats> {
    let ix = cluster.indices.get(index)?;
    let shards = ix.shards().max(1);
    let size = ix.docs_bytes();
    let docs = ix.doc_count();
    Some(RolloverStats {
        docs,
        age_millis: (cluster.now_millis() - ix.creation_millis).max(0) as u64,
        size_bytes: size,
        max_primary_shard_bytes: size.div_ceil(shards),
        max_primary_shard_docs: docs.div_ceil(shards),
    })
}

/// `generateRolloverIndexName`: `logs-1` → `logs-000002`, `<logs-{now/d}-1>` → `<logs-{now/d}-000002>`.
pub fn next_index_name(source: &str, now_millis: i64) -> EsResult<String> {
    let resolved = datemath::resolve_index_name(source, now_millis)?;
    let is_date_math = resolved != source;
    let matches =
        resolved.rsplit_once('-').is_some_and(|(_, n)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if !matches {
        return Err(EsError::illegal_argument(format!("index name [{source}] does not match pattern '^.*-\\d+$'")));
    }
    let body = if is_date_math { &source[..source.len() - 1] } else { source };
    let (prefix, number) = body.rsplit_once('-').unwrap_or((body, "0"));
    let counter: u64 = number
        .parse()
        .map_err(|_| EsError::illegal_argument(format!("index name [{source}] does not match pattern '^.*-\\d+$'")))?;
    Ok(format!("{prefix}-{:06}{}", counter + 1, if is_date_math { ">" } else { "" }))
}

/// A data stream's backing index name for a generation, dated at `now_millis`.
pub fn backing_index_name(data_stream: &str, generation: u64, now_millis: i64) -> String {
    format!(".ds-{data_stream}-{}-{generation:06}", datemath::format_index_day(now_millis))
}

enum Target {
    Alias { name: String, write_index: String },
    DataStream { name: String, write_index: String, generation: u64 },
}

fn resolve_target(cluster: &Cluster, target: &str) -> EsResult<Target> {
    match expression::lookup(cluster, target) {
        None => {
            let reason = format!("rollover target [{target}] does not exist");
            // Recent versions answer 404; 7.9 to early 8.x answered 400 (exact boundary unverified).
            Err(if cluster.version.at_least(8, 15) {
                EsError::resource_not_found(reason)
            } else {
                EsError::illegal_argument(reason)
            })
        }
        Some(Abstraction::Index) => Err(EsError::illegal_argument(
            "rollover target is a [concrete index] but one of [alias,data_stream] was expected",
        )),
        Some(Abstraction::DataStream(indices)) => {
            let ds = &cluster.data_streams[target];
            let write_index = indices
                .last()
                .cloned()
                .ok_or_else(|| EsError::illegal_argument(format!("data stream [{target}] has no backing indices")))?;
            Ok(Target::DataStream { name: target.to_string(), write_index, generation: ds.generation })
        }
        Some(Abstraction::Alias(_)) => {
            let write_index = expression::alias_write_index(cluster, target).ok_or_else(|| {
                EsError::illegal_argument(format!("rollover target [{target}] does not point to a write index"))
            })?;
            Ok(Target::Alias { name: target.to_string(), write_index })
        }
    }
}

/// Rolls `target` over if `conditions` (a `conditions` object) are met; `dry_run` only evaluates.
/// Returns the rollover response body. Used by the REST handler and by ILM's rollover action.
pub fn rollover_target(cluster: &mut Cluster, target: &str, conditions: &Value, dry_run: bool) -> EsResult<Value> {
    rollover(cluster, target, None, &json!({"conditions": conditions}), dry_run)
}

fn rollover(
    cluster: &mut Cluster,
    target: &str,
    new_index: Option<&str>,
    body: &Value,
    dry_run: bool,
) -> EsResult<Value> {
    if let Some(obj) = body.as_object() {
        for key in obj.keys() {
            if !["conditions", "settings", "mappings", "aliases"].contains(&key.as_str()) {
                return Err(EsError::x_content_parse(format!("[rollover] unknown field [{key}]")));
            }
        }
    }
    let conditions = parse_conditions(body.get("conditions").unwrap_or(&Value::Null))?;
    let resolved = resolve_target(cluster, target)?;
    let now = cluster.now_millis();
    let (old_index, unresolved_new) = match &resolved {
        Target::Alias { write_index, .. } => {
            let source = cluster.indices[write_index].setting("index.provided_name").unwrap_or(write_index).to_string();
            let unresolved = match new_index {
                Some(n) => n.to_string(),
                None => next_index_name(&source, now)?,
            };
            (write_index.clone(), unresolved)
        }
        Target::DataStream { name, write_index, generation } => {
            if new_index.is_some() {
                return Err(EsError::illegal_argument(
                    "new index name may not be specified when rolling over a data stream",
                ));
            }
            if ["settings", "aliases"].iter().any(|k| body.get(k).is_some()) {
                return Err(EsError::illegal_argument(
                    "aliases, mappings, and index settings may not be specified when rolling over a data stream",
                ));
            }
            (write_index.clone(), backing_index_name(name, generation + 1, now))
        }
    };
    let new_name = datemath::resolve_index_name(&unresolved_new, now)?;
    indices::validate_index_name(&new_name)?;
    if let Target::Alias { name: alias, .. } = &resolved
        && let Some(template) = templates::resolve_for_new_index(cluster, &new_name)
        && template.aliases.contains_key(alias)
    {
        // `checkNoDuplicatedAliasInIndexTemplate`: the new index would get the alias twice.
        return Err(EsError::illegal_argument(format!(
            "Rollover alias [{alias}] can point to multiple indices, found duplicated alias [[{alias}]] in index template [{}]",
            template.name
        )));
    }
    if let Some(existing) = cluster.indices.get(&new_name) {
        return Err(EsError::new(
            400,
            "resource_already_exists_exception",
            format!("index [{new_name}/{}] already exists", existing.uuid),
        )
        .with("index_uuid", existing.uuid.clone())
        .with("index", new_name.clone()));
    }
    let stats = stats_of(cluster, &old_index).ok_or_else(|| EsError::index_not_found(&old_index))?;
    let results = evaluate(&conditions, &stats);
    let met = conditions_met(&conditions, &results);
    let mut response = Map::new();
    let rolled = met && !dry_run;
    response.insert("acknowledged".into(), json!(rolled));
    response.insert("shards_acknowledged".into(), json!(rolled));
    response.insert("old_index".into(), json!(old_index));
    response.insert("new_index".into(), json!(new_name));
    response.insert("rolled_over".into(), json!(rolled));
    response.insert("dry_run".into(), json!(dry_run));
    if cluster.version.at_least(8, 13) {
        response.insert("lazy".into(), json!(false));
    }
    response.insert("conditions".into(), Value::Object(results));
    if !rolled {
        return Ok(Value::Object(response));
    }
    match resolved {
        Target::Alias { name: alias, write_index } => {
            let create_body = json!({
                "settings": body.get("settings").cloned().unwrap_or_else(|| json!({})),
                "mappings": body.get("mappings").cloned().unwrap_or_else(|| json!({})),
                "aliases": body.get("aliases").cloned().unwrap_or_else(|| json!({})),
            });
            let created = indices::create_index(cluster, &unresolved_new, &create_body, Origin::Api)?;
            let old_meta = cluster.indices[&write_index].aliases.get(&alias).cloned().unwrap_or_default();
            let explicit = old_meta.is_write_index == Some(true);
            if let Some(mut old) = cluster.indices.get_mut(&write_index) {
                if explicit {
                    if let Some(m) = old.aliases.get_mut(&alias) {
                        m.is_write_index = Some(false);
                    }
                } else {
                    old.aliases.remove(&alias);
                }
                old.rolled_over_millis = Some(now);
            }
            if let Some(mut new) = cluster.indices.get_mut(&created) {
                let meta = AliasMeta { is_write_index: explicit.then_some(true), ..old_meta };
                new.aliases.insert(alias, meta);
            }
        }
        Target::DataStream { name, write_index, .. } => {
            let create_body = json!({"mappings": body.get("mappings").cloned().unwrap_or_else(|| json!({}))});
            let created =
                indices::create_index(cluster, &unresolved_new, &create_body, Origin::DataStreamBacking(name.clone()))?;
            if let Some(mut old) = cluster.indices.get_mut(&write_index) {
                old.rolled_over_millis = Some(now);
            }
            if let Some(ds) = cluster.data_streams.get_mut(&name) {
                ds.indices.push(created);
                ds.generation += 1;
            }
        }
    }
    Ok(Value::Object(response))
}

/// `POST /{target}/_rollover[/{new_index}]`
pub fn handle(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let target = req.param("index").unwrap_or_default().to_string();
    let body = req.json()?.unwrap_or_else(|| json!({}));
    let dry_run = req.flag("dry_run")?;
    if req.flag("lazy")? {
        return Err(EsError::illegal_argument("lazy rollover is not supported by the esops sandbox"));
    }
    if let Some(data_stream) = target.strip_suffix("::failures").filter(|_| failure_store_ga(cluster.version)) {
        if body.get("conditions").is_some() {
            return Err(EsError::illegal_argument(
                "the esops sandbox rolls a failure store over only without conditions; drop [conditions]",
            ));
        }
        return crate::failure_store::rollover(cluster, data_stream, dry_run).map(SandboxResponse::ok);
    }
    let response = rollover(cluster, &target, req.param("new_index"), &body, dry_run)?;
    if response["rolled_over"] == json!(true)
        && let Some(created) = response["new_index"].as_str()
    {
        ilm::engine::run_index(cluster, created);
    }
    let mut answer = SandboxResponse::ok(response);
    if cluster.version.at_least(9, 3) && body.pointer("/conditions/max_size").is_some() {
        answer = answer.with_warning(
            cluster.version,
            "Use of the [max_size] rollover condition has been deprecated in favour of the [max_primary_shard_size] condition and will be removed in a later version",
        );
    }
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::version::EsVersion;

    const NOW: i64 = 1_710_505_800_000; // 2024-03-15T12:30:00Z

    #[test]
    fn generated_names_follow_es_padding_and_date_math() {
        assert_eq!(next_index_name("logs-1", NOW).unwrap(), "logs-000002");
        assert_eq!(next_index_name("logs-000009", NOW).unwrap(), "logs-000010");
        assert_eq!(next_index_name("x-999999", NOW).unwrap(), "x-1000000");
        assert_eq!(next_index_name("<logs-{now/d}-000001>", NOW).unwrap(), "<logs-{now/d}-000002>");
        let e = next_index_name("foo", NOW).unwrap_err();
        assert_eq!(e.reason, "index name [foo] does not match pattern '^.*-\\d+$'");
        assert_eq!(backing_index_name("logs-app", 2, NOW), ".ds-logs-app-2024.03.15-000002");
    }

    #[test]
    fn condition_keys_and_semantics() {
        let c =
            parse_conditions(&json!({"max_age": "24h", "max_docs": 1, "max_size": "1024mb", "min_docs": 1})).unwrap();
        let keys: Vec<String> = c.iter().map(Condition::key).collect();
        assert_eq!(keys, vec!["[max_age: 1d]", "[max_docs: 1]", "[max_size: 1gb]", "[min_docs: 1]"]);
        let stats = RolloverStats {
            docs: 1,
            age_millis: 0,
            size_bytes: 10,
            max_primary_shard_bytes: 10,
            max_primary_shard_docs: 1,
        };
        let r = evaluate(&c, &stats);
        assert_eq!(r["[max_docs: 1]"], json!(true));
        assert_eq!(r["[max_age: 1d]"], json!(false));
        assert!(conditions_met(&c, &r));
        let empty = RolloverStats { docs: 0, ..stats };
        assert!(!conditions_met(&c, &evaluate(&c, &empty)));
        let e = parse_conditions(&json!({"min_docs": 1})).unwrap_err();
        assert_eq!(
            e.reason,
            "Validation Failed: 1: at least one max_* rollover condition must be set when using min_* conditions;"
        );
        assert!(parse_conditions(&json!({"max_bogus": 1})).is_err());
    }

    fn cluster_with_alias() -> Cluster {
        let mut c = Cluster::new(EsVersion::DEFAULT, NOW);
        indices::create_index(&mut c, "logs-1", &json!({"aliases": {"logs": {}, "search": {}}}), Origin::Api).unwrap();
        c
    }

    #[test]
    fn alias_rollover_moves_the_alias_and_reports_conditions() {
        let mut c = cluster_with_alias();
        let r = rollover_target(&mut c, "logs", &json!({"max_docs": 1}), false).unwrap();
        assert_eq!(r["rolled_over"], json!(false));
        assert_eq!(r["new_index"], "logs-000002");
        assert_eq!(r["conditions"]["[max_docs: 1]"], json!(false));
        let r = rollover_target(&mut c, "logs", &json!({}), false).unwrap();
        assert_eq!(r["rolled_over"], json!(true));
        assert!(c.indices["logs-000002"].aliases.contains_key("logs"));
        assert!(!c.indices["logs-1"].aliases.contains_key("logs"));
        assert!(c.indices["logs-1"].aliases.contains_key("search"));
    }

    #[test]
    fn explicit_write_index_keeps_the_alias_on_the_old_index() {
        let mut c = Cluster::new(EsVersion::DEFAULT, NOW);
        indices::create_index(
            &mut c,
            "<w-{now/d}-000001>",
            &json!({"aliases": {"w": {"is_write_index": true}}}),
            Origin::Api,
        )
        .unwrap();
        let r = rollover_target(&mut c, "w", &json!({}), false).unwrap();
        assert_eq!(r["new_index"], "w-2024.03.15-000002");
        assert_eq!(c.indices["w-2024.03.15-000001"].aliases["w"].is_write_index, Some(false));
        assert_eq!(c.indices["w-2024.03.15-000002"].aliases["w"].is_write_index, Some(true));
        assert_eq!(c.indices["w-2024.03.15-000002"].setting("index.provided_name"), Some("<w-{now/d}-000002>"));
    }

    #[test]
    fn rollover_errors() {
        let mut c = cluster_with_alias();
        assert_eq!(rollover_target(&mut c, "nope", &json!({}), false).unwrap_err().status, 404);
        let e = rollover_target(&mut c, "logs-1", &json!({}), false).unwrap_err();
        assert_eq!(e.reason, "rollover target is a [concrete index] but one of [alias,data_stream] was expected");
        indices::create_index(&mut c, "logs-000002", &json!({}), Origin::Api).unwrap();
        let e = rollover_target(&mut c, "logs", &json!({}), true).unwrap_err();
        assert_eq!(e.kind, "resource_already_exists_exception");
        indices::create_index(&mut c, "other-1", &json!({"aliases": {"two": {}}}), Origin::Api).unwrap();
        indices::create_index(&mut c, "other-2", &json!({"aliases": {"two": {}}}), Origin::Api).unwrap();
        let e = rollover_target(&mut c, "two", &json!({}), false).unwrap_err();
        assert_eq!(e.reason, "rollover target [two] does not point to a write index");
    }
}
