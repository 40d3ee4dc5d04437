//! Aliases: `_alias` GET/HEAD/PUT/DELETE and the atomic `POST /_aliases` actions, with ES's
//! string-error 404 (`{"error":"alias [x] missing","status":404}`) and write-index rules.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::datemath;
use super::error::{EsError, EsResult};
use super::expression::{self, Expand, IndicesOptions, simple_match, split_list};
use super::http::{ResponseBody, SandboxRequest, SandboxResponse};
use super::indices;
use super::state::{AliasMeta, Cluster};

/// Options of the alias read APIs: open, closed and hidden indices.
const READ_OPTIONS: IndicesOptions =
    IndicesOptions { expand: Expand { open: true, closed: true, hidden: true }, ..IndicesOptions::STRICT_EXPAND };

fn string_or_number(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn boolean(v: &Value, field: &str) -> EsResult<bool> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if s == "true" => Ok(true),
        Value::String(s) if s == "false" => Ok(false),
        other => Err(EsError::illegal_argument(format!("Failed to parse value [{other}] for field [{field}]"))),
    }
}

/// Parses an alias definition (`{"filter":…, "routing":…, "is_write_index":…, "is_hidden":…}`).
pub fn parse_alias_meta(spec: &Value) -> EsResult<AliasMeta> {
    let mut meta = AliasMeta::default();
    let Some(obj) = spec.as_object() else {
        return Ok(meta);
    };
    for (key, value) in obj {
        match key.as_str() {
            "filter" => meta.filter = Some(value.clone()),
            "routing" => {
                meta.index_routing = string_or_number(value);
                meta.search_routing = string_or_number(value);
            }
            "index_routing" => meta.index_routing = string_or_number(value),
            "search_routing" => meta.search_routing = string_or_number(value),
            "is_write_index" => meta.is_write_index = Some(boolean(value, key)?),
            "is_hidden" => meta.is_hidden = Some(boolean(value, key)?),
            other => {
                return Err(EsError::parse(format!("unknown field [{other}] in alias [{spec}]")));
            }
        }
    }
    Ok(meta)
}

/// Refuses an alias with more than one explicit write index (`alias [x] has more than one write
/// index [a,b]`). ES checks the state a request produces, so callers apply changes first.
pub fn check_write_index(cluster: &Cluster, alias: &str) -> EsResult<()> {
    let writers: Vec<&str> = cluster
        .indices
        .carrying(alias)
        .filter(|name| {
            cluster
                .indices
                .get(*name)
                .and_then(|i| i.aliases.get(alias))
                .is_some_and(|m| m.is_write_index == Some(true))
        })
        .collect();
    if writers.len() > 1 {
        return Err(EsError::illegal_argument(format!(
            "alias [{alias}] has more than one write index [{}]",
            writers.join(",")
        )));
    }
    Ok(())
}

/// The JSON of one alias as GET shows it (only fields that are set).
pub fn render_alias(meta: &AliasMeta) -> Value {
    let mut m = Map::new();
    if let Some(f) = &meta.filter {
        m.insert("filter".into(), f.clone());
    }
    if let Some(r) = &meta.index_routing {
        m.insert("index_routing".into(), json!(r));
    }
    if let Some(r) = &meta.search_routing {
        m.insert("search_routing".into(), json!(r));
    }
    if let Some(w) = meta.is_write_index {
        m.insert("is_write_index".into(), json!(w));
    }
    if let Some(h) = meta.is_hidden {
        m.insert("is_hidden".into(), json!(h));
    }
    Value::Object(m)
}

/// Renders an index's aliases, optionally only those `keep` selects.
pub fn render_aliases(aliases: &BTreeMap<String, AliasMeta>, keep: Option<&dyn Fn(&str) -> bool>) -> Value {
    Value::Object(
        aliases.iter().filter(|(n, _)| keep.is_none_or(|k| k(n))).map(|(n, m)| (n.clone(), render_alias(m))).collect(),
    )
}

/// Alias name expressions: wildcards, `_all`, and `-exclusions` (any `-name` after the first
/// expression, as ES's `Metadata.findAliases` reads them).
pub struct AliasSelector {
    patterns: Vec<String>,
}

impl AliasSelector {
    /// Parses a `name` parameter; `None` when no names were given.
    pub fn parse(names: Option<&str>) -> Option<Self> {
        let patterns = split_list(names);
        (!patterns.is_empty()).then_some(AliasSelector { patterns })
    }

    /// Whether an alias name is selected.
    pub fn matches(&self, alias: &str) -> bool {
        let mut selected = false;
        for (i, p) in self.patterns.iter().enumerate() {
            match p.strip_prefix('-').filter(|_| i > 0) {
                Some(excluded) => {
                    if excluded == "_all" || simple_match(excluded, alias) {
                        selected = false;
                    }
                }
                None => selected |= p == "_all" || simple_match(p, alias),
            }
        }
        selected
    }

    /// Explicitly named aliases missing from `found` and not excluded later: ES's rule for the
    /// 404 of `RestGetAliasesAction` (an exclusion only counts after the first wildcard).
    pub fn missing(&self, found: &BTreeSet<String>) -> Vec<String> {
        let n = self.patterns.len();
        let first_wildcard = self.patterns.iter().position(|p| p.contains('*')).unwrap_or(n);
        let mut missing = Vec::new();
        for (i, p) in self.patterns.iter().enumerate() {
            if p == "_all" || p.contains('*') || (i > first_wildcard && p.starts_with('-')) {
                continue;
            }
            let excluded = ((i + 1).max(first_wildcard)..n)
                .any(|j| self.patterns[j].strip_prefix('-').is_some_and(|ex| ex == "_all" || simple_match(ex, p)));
            if !excluded && !found.contains(p) {
                missing.push(p.clone());
            }
        }
        missing.sort();
        missing
    }
}

/// `GET /_alias`, `/{index}/_alias`, `/_alias/{name}`, `/{index}/_alias/{name}`
pub fn get(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let opts = READ_OPTIONS.from_request(req)?;
    let expressions = split_list(req.param("index"));
    let selector = AliasSelector::parse(req.param("name"));
    let indices = match &selector {
        Some(sel) => expression::resolve_alias_carriers(cluster, &expressions, opts, &|alias| sel.matches(alias))?,
        None => expression::resolve_indices(cluster, &expressions, opts)?,
    };
    let mut body = Map::new();
    let mut found = BTreeSet::new();
    let mut entries = Map::new();
    for index in indices {
        let name = &index.name;
        match &selector {
            None => {
                entries.insert(name.clone(), json!({"aliases": render_aliases(&index.aliases, None)}));
            }
            Some(sel) => {
                let matching: Vec<&String> = index.aliases.keys().filter(|a| sel.matches(a)).collect();
                if matching.is_empty() {
                    continue;
                }
                found.extend(matching.iter().map(|s| s.to_string()));
                let keep = |a: &str| sel.matches(a);
                entries.insert(name.clone(), json!({"aliases": render_aliases(&index.aliases, Some(&keep))}));
            }
        }
    }
    let missing = selector.as_ref().map(|s| s.missing(&found)).unwrap_or_default();
    if missing.is_empty() {
        return Ok(SandboxResponse::ok(Value::Object(entries)));
    }
    let message = if missing.len() == 1 {
        format!("alias [{}] missing", missing[0])
    } else {
        format!("aliases [{}] missing", missing.join(","))
    };
    body.insert("error".into(), json!(message));
    body.insert("status".into(), json!(404));
    body.extend(entries);
    Ok(SandboxResponse::json(404, Value::Object(body)))
}

/// `HEAD /_alias/{name}`: 200 when any selected alias exists.
pub fn exists(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let response = get(cluster, req)?;
    let found =
        response.status == 200 && matches!(&response.body, ResponseBody::Json(Value::Object(m)) if !m.is_empty());
    Ok(SandboxResponse { status: if found { 200 } else { 404 }, body: ResponseBody::Empty, headers: vec![] })
}

/// One parsed `_aliases` action.
#[derive(Debug, Clone)]
enum AliasAction {
    Add { indices: Vec<String>, aliases: Vec<String>, meta: AliasMeta },
    Remove { indices: Vec<String>, aliases: Vec<String>, must_exist: Option<bool> },
    RemoveIndex { indices: Vec<String> },
}

fn names_field(obj: &Map<String, Value>, single: &str, plural: &str) -> EsResult<Vec<String>> {
    let mut out = Vec::new();
    for key in [single, plural] {
        match obj.get(key) {
            Some(Value::String(s)) => out.push(s.clone()),
            Some(Value::Array(items)) => out.extend(items.iter().filter_map(|v| v.as_str().map(str::to_string))),
            Some(other) => {
                return Err(EsError::illegal_argument(format!("[{key}] must be a string or an array, got [{other}]")));
            }
            None => {}
        }
    }
    Ok(out)
}

fn parse_actions(body: &Value, now_millis: i64) -> EsResult<Vec<AliasAction>> {
    let actions = body
        .get("actions")
        .and_then(Value::as_array)
        .ok_or_else(|| EsError::validation(&["no actions specified".to_string()]))?;
    if actions.is_empty() {
        return Err(EsError::validation(&["no actions specified".to_string()]));
    }
    let mut parsed = Vec::new();
    for action in actions {
        let Some((kind, spec)) = action.as_object().and_then(|o| o.iter().next()) else {
            return Err(EsError::parse("malformed alias action"));
        };
        let obj = spec.as_object().cloned().unwrap_or_default();
        let indices = names_field(&obj, "index", "indices")?;
        let aliases = names_field(&obj, "alias", "aliases")?
            .into_iter()
            .map(|a| datemath::resolve_index_name(&a, now_millis))
            .collect::<EsResult<Vec<_>>>()?;
        if indices.is_empty() {
            return Err(EsError::validation(&["One of [index] or [indices] is required".to_string()]));
        }
        let must_exist = obj.get("must_exist").map(|v| boolean(v, "must_exist")).transpose()?;
        parsed.push(match kind.as_str() {
            "add" => {
                if must_exist.is_some() {
                    return Err(EsError::illegal_argument("[must_exist] is unsupported for [add]"));
                }
                if aliases.is_empty() {
                    return Err(EsError::validation(&["One of [alias] or [aliases] is required".to_string()]));
                }
                let mut meta_spec = obj.clone();
                for k in ["index", "indices", "alias", "aliases"] {
                    meta_spec.remove(k);
                }
                AliasAction::Add { indices, aliases, meta: parse_alias_meta(&Value::Object(meta_spec))? }
            }
            "remove" => {
                if aliases.is_empty() {
                    return Err(EsError::validation(&["One of [alias] or [aliases] is required".to_string()]));
                }
                AliasAction::Remove { indices, aliases, must_exist }
            }
            "remove_index" => {
                if must_exist.is_some() {
                    return Err(EsError::illegal_argument("[must_exist] is unsupported for [remove_index]"));
                }
                AliasAction::RemoveIndex { indices }
            }
            other => return Err(EsError::parse(format!("Unsupported action [{other}]"))),
        });
    }
    Ok(parsed)
}

fn aliases_missing(aliases: &[String]) -> EsError {
    let joined = aliases.join(",");
    EsError::new(404, "aliases_not_found_exception", format!("aliases [{joined}] missing"))
        .with("resource.type", "aliases")
        .with("resource.id", joined)
}

/// Applies one add to `cluster` (already resolved to concrete indices).
fn add_alias(cluster: &mut Cluster, indices: &[String], alias: &str, meta: &AliasMeta) -> EsResult<()> {
    if cluster.indices.contains_key(alias) || cluster.data_streams.contains_key(alias) {
        return Err(EsError::new(
            400,
            "invalid_alias_name_exception",
            format!("Invalid alias name [{alias}]: an index or data stream exists with the same name as the alias"),
        ));
    }
    if alias.contains('*') || alias.starts_with('_') {
        return Err(EsError::new(
            400,
            "invalid_alias_name_exception",
            format!("Invalid alias name [{alias}]: must not contain '*' or start with '_'"),
        ));
    }
    for index in indices {
        if let Some(mut ix) = cluster.indices.get_mut(index) {
            ix.aliases.insert(alias.to_string(), meta.clone());
        }
    }
    Ok(())
}

/// `POST /_aliases`
pub fn update(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let body = req.json()?.ok_or_else(|| EsError::validation(&["no actions specified".to_string()]))?;
    let actions = parse_actions(&body, cluster.now_millis())?;
    // All or nothing: work on a copy and commit at the end. Index removals go first, so that an
    // index can be replaced by an alias of the same name in one request (as ES orders them).
    let mut next = cluster.clone();
    for action in &actions {
        if let AliasAction::RemoveIndex { indices } = action {
            let names = expression::resolve(&next, indices, IndicesOptions::DELETE)?;
            indices::delete_indices(&mut next, &names);
        }
    }
    let mut results = Vec::new();
    let mut errors = false;
    for action in &actions {
        match action {
            AliasAction::Add { indices, aliases, meta } => {
                let names = expression::resolve(&next, indices, IndicesOptions::STRICT_EXPAND_OPEN)?;
                for alias in aliases {
                    add_alias(&mut next, &names, alias, meta)?;
                }
                results.push(json!({"action": {"type": "add", "indices": indices, "aliases": aliases}, "status": 200}));
            }
            AliasAction::Remove { indices, aliases, must_exist } => {
                let names = expression::resolve(&next, indices, IndicesOptions::STRICT_EXPAND_OPEN)?;
                let mut removed = false;
                for name in &names {
                    if let Some(mut ix) = next.indices.get_mut(name) {
                        let before = ix.aliases.len();
                        ix.aliases.retain(|a, _| !aliases.iter().any(|p| simple_match(p, a) || p == "_all"));
                        removed |= ix.aliases.len() != before;
                    }
                }
                if removed {
                    results.push(
                        json!({"action": {"type": "remove", "indices": indices, "aliases": aliases}, "status": 200}),
                    );
                } else if *must_exist == Some(true) {
                    return Err(aliases_missing(aliases));
                } else {
                    errors = true;
                    let e = aliases_missing(aliases).to_body()["error"].clone();
                    results.push(json!({"action": {"type": "remove", "indices": indices, "aliases": aliases}, "status": 404, "error": e}));
                }
            }
            AliasAction::RemoveIndex { indices } => {
                results.push(json!({"action": {"type": "remove_index", "indices": indices}, "status": 200}));
            }
        }
    }
    for action in &actions {
        if let AliasAction::Add { aliases, .. } = action {
            for alias in aliases {
                check_write_index(&next, alias)?;
            }
        }
    }
    *cluster = next;
    if !cluster.version.at_least(8, 14) {
        return Ok(SandboxResponse::acknowledged());
    }
    let mut response = json!({"acknowledged": true, "errors": errors});
    if errors {
        response["action_results"] = Value::Array(results);
    }
    Ok(SandboxResponse::ok(response))
}

/// `PUT /{index}/_alias/{name}`
pub fn put(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let alias = datemath::resolve_index_name(req.param("name").unwrap_or_default(), cluster.now_millis())?;
    let meta = parse_alias_meta(&req.json()?.unwrap_or_else(|| json!({})))?;
    let names = expression::resolve(
        cluster,
        &split_list(req.param("index")),
        IndicesOptions::STRICT_EXPAND_OPEN.from_request(req)?,
    )?;
    // Apply, check the result as ES does, and put the previous definitions back if it is refused.
    let previous: Vec<(String, Option<AliasMeta>)> = names
        .iter()
        .map(|n| (n.clone(), cluster.indices.get(n).and_then(|i| i.aliases.get(&alias).cloned())))
        .collect();
    let outcome = add_alias(cluster, &names, &alias, &meta).and_then(|()| check_write_index(cluster, &alias));
    if outcome.is_err() {
        for (name, meta) in previous {
            if let Some(mut index) = cluster.indices.get_mut(&name) {
                match meta {
                    Some(m) => index.aliases.insert(alias.clone(), m),
                    None => index.aliases.remove(&alias),
                };
            }
        }
    }
    outcome.map(|()| SandboxResponse::acknowledged())
}

/// `DELETE /{index}/_alias/{name}`
pub fn delete(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let patterns = split_list(req.param("name"));
    let names = expression::resolve(cluster, &split_list(req.param("index")), READ_OPTIONS.from_request(req)?)?;
    let mut removed = false;
    for name in names {
        if let Some(mut ix) = cluster.indices.get_mut(&name) {
            let before = ix.aliases.len();
            ix.aliases.retain(|a, _| !patterns.iter().any(|p| p == "_all" || simple_match(p, a)));
            removed |= ix.aliases.len() != before;
        }
    }
    if !removed {
        return Err(aliases_missing(&patterns));
    }
    Ok(SandboxResponse::acknowledged())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selector_follows_es_exclusion_and_missing_rules() {
        let sel = AliasSelector::parse(Some("-test_alias_1,test_alias*,-test_alias_2")).unwrap();
        assert!(sel.matches("test_alias_3"));
        assert!(!sel.matches("test_alias_2"));
        let found: BTreeSet<String> = ["test_alias_1".to_string()].into();
        assert_eq!(sel.missing(&found), vec!["-test_alias_1".to_string()]);
        let sel = AliasSelector::parse(Some("test_alias_1,test_blias_2,-test_alias*,-test_blias_2")).unwrap();
        assert!(!sel.matches("test_alias_1"));
        assert!(sel.missing(&BTreeSet::new()).is_empty());
        let sel = AliasSelector::parse(Some("test_alias,non-existent,another-non-existent")).unwrap();
        let found: BTreeSet<String> = ["test_alias".to_string()].into();
        assert_eq!(sel.missing(&found), vec!["another-non-existent".to_string(), "non-existent".to_string()]);
    }

    #[test]
    fn alias_meta_parses_routing_and_flags() {
        let m =
            parse_alias_meta(&json!({"routing": "r", "is_write_index": "true", "filter": {"term": {"a": 1}}})).unwrap();
        assert_eq!(m.index_routing.as_deref(), Some("r"));
        assert_eq!(m.search_routing.as_deref(), Some("r"));
        assert_eq!(m.is_write_index, Some(true));
        assert_eq!(render_alias(&m)["filter"]["term"]["a"], 1);
        assert!(parse_alias_meta(&json!({"bogus": 1})).is_err());
    }

    #[test]
    fn write_index_moves_atomically_within_one_request() {
        use crate::http::Method;
        use crate::indices::{Origin, create_index};
        use crate::version::EsVersion;
        let mut c = Cluster::new(EsVersion::DEFAULT, 0);
        create_index(&mut c, "a", &json!({"aliases": {"w": {"is_write_index": true}}}), Origin::Api).unwrap();
        create_index(&mut c, "b", &json!({}), Origin::Api).unwrap();
        let body = json!({"actions": [
            {"add": {"index": "b", "alias": "w", "is_write_index": true}},
            {"add": {"index": "a", "alias": "w", "is_write_index": false}},
        ]});
        let req =
            SandboxRequest::from_uri(Method::Post, "/_aliases", Default::default(), body.to_string().into_bytes());
        update(&mut c, &req).unwrap();
        assert_eq!(c.indices["b"].aliases["w"].is_write_index, Some(true));
        assert_eq!(c.indices["a"].aliases["w"].is_write_index, Some(false));
        let put_request = SandboxRequest::from_uri(
            Method::Put,
            "/a/_alias/w?index=a&name=w",
            Default::default(),
            br#"{"is_write_index": true}"#.to_vec(),
        );
        let e = put(&mut c, &put_request).unwrap_err();
        assert_eq!(e.reason, "alias [w] has more than one write index [a,b]");
        assert_eq!(c.indices["a"].aliases["w"].is_write_index, Some(false), "a refused change leaves no trace");
        let e =
            create_index(&mut c, "c", &json!({"aliases": {"w": {"is_write_index": true}}}), Origin::Api).unwrap_err();
        assert!(e.reason.contains("more than one write index"));
        assert!(!c.indices.contains_key("c"));
    }
}
