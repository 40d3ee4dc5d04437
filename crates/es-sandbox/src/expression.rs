//! Index expressions: how a request's `{index}` (comma lists, `*` wildcards, `-` exclusions,
//! `_all`, aliases, data streams, date math) becomes a set of concrete indices, following ES's
//! `IndexNameExpressionResolver` and the `expand_wildcards` / `ignore_unavailable` /
//! `allow_no_indices` options.

use std::collections::BTreeSet;

use super::datemath;
use super::error::{EsError, EsResult};
use super::http::SandboxRequest;
use super::state::{Cluster, Index};

pub use es_syntax::glob::simple_match;

/// Splits a comma-separated list parameter (`a,b,c`), dropping empty items.
pub fn split_list(value: Option<&str>) -> Vec<String> {
    value.map(|v| v.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect()).unwrap_or_default()
}

/// Which indices a wildcard may expand to (`expand_wildcards`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expand {
    /// Open indices.
    pub open: bool,
    /// Closed indices.
    pub closed: bool,
    /// Hidden indices, aliases and data streams.
    pub hidden: bool,
}

/// How a request resolves its index expression (ES's `IndicesOptions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndicesOptions {
    /// Missing explicit names are skipped instead of failing with `index_not_found_exception`.
    pub ignore_unavailable: bool,
    /// A wildcard (or the whole expression) may resolve to nothing.
    pub allow_no_indices: bool,
    /// What wildcards expand to.
    pub expand: Expand,
    /// Aliases are not resolved (index deletion refuses them).
    pub ignore_aliases: bool,
    /// Data stream names resolve to their backing indices.
    pub data_streams: bool,
}

impl IndicesOptions {
    /// `strictExpandOpen`: the default of most read APIs.
    pub const STRICT_EXPAND_OPEN: IndicesOptions = IndicesOptions {
        ignore_unavailable: false,
        allow_no_indices: true,
        expand: Expand { open: true, closed: false, hidden: false },
        ignore_aliases: false,
        data_streams: true,
    };

    /// `strictExpand` (open and closed): `_cat/indices`, `_settings`, get index.
    pub const STRICT_EXPAND: IndicesOptions =
        IndicesOptions { expand: Expand { open: true, closed: true, hidden: false }, ..Self::STRICT_EXPAND_OPEN };

    /// Index deletion: open and closed; aliases and data stream names refused (their indices must
    /// be named).
    pub const DELETE: IndicesOptions =
        IndicesOptions { ignore_aliases: true, data_streams: false, ..Self::STRICT_EXPAND };

    /// Applies `ignore_unavailable`, `allow_no_indices` and `expand_wildcards` from the request.
    pub fn from_request(self, req: &SandboxRequest) -> EsResult<Self> {
        let mut opts = self;
        if req.param("ignore_unavailable").is_some() {
            opts.ignore_unavailable = req.flag("ignore_unavailable")?;
        }
        if req.param("allow_no_indices").is_some() {
            opts.allow_no_indices = req.flag("allow_no_indices")?;
        }
        if let Some(expand) = req.param("expand_wildcards") {
            opts.expand = parse_expand_wildcards(expand)?;
        }
        Ok(opts)
    }
}

/// Parses `expand_wildcards` (`open,hidden`, `all`, `none`).
pub fn parse_expand_wildcards(value: &str) -> EsResult<Expand> {
    let mut e = Expand { open: false, closed: false, hidden: false };
    for part in value.split(',').map(str::trim) {
        match part {
            "open" => e.open = true,
            "closed" => e.closed = true,
            "hidden" => e.hidden = true,
            "all" => e = Expand { open: true, closed: true, hidden: true },
            "none" => {}
            other => {
                return Err(EsError::illegal_argument(format!(
                    "No enum constant org.elasticsearch.action.support.IndicesOptions.WildcardStates.{}",
                    other.to_uppercase()
                )));
            }
        }
    }
    Ok(e)
}

/// True when the index has `index.hidden: true`.
pub fn is_hidden(index: &Index) -> bool {
    index.settings.get("index.hidden").and_then(|v| v.as_str()) == Some("true")
}

/// The names of the indices an alias points at, sorted.
pub fn alias_members<'a>(cluster: &'a Cluster, alias: &str) -> Vec<&'a str> {
    cluster.indices.carrying(alias).collect()
}

/// The index writes through an alias go to (ES's `IndexAbstraction.getWriteIndex()`): the one
/// with `is_write_index: true`, else the only index when the flag is not set at all.
pub fn alias_write_index(cluster: &Cluster, alias: &str) -> Option<String> {
    let members: Vec<(&str, Option<bool>)> = cluster
        .indices
        .carrying(alias)
        .filter_map(|name| Some((name, cluster.indices.get(name)?.aliases.get(alias)?.is_write_index)))
        .collect();
    if let Some((name, _)) = members.iter().find(|(_, w)| *w == Some(true)) {
        return Some(name.to_string());
    }
    match members.as_slice() {
        [(only, None)] => Some(only.to_string()),
        _ => None,
    }
}

/// True when some index carries the alias.
pub fn alias_exists(cluster: &Cluster, alias: &str) -> bool {
    cluster.indices.carrying(alias).next().is_some()
}

/// What an exact name refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Abstraction {
    /// A concrete index.
    Index,
    /// An alias over these indices.
    Alias(Vec<String>),
    /// A data stream with these backing indices.
    DataStream(Vec<String>),
}

/// Looks a name up the way ES's indices lookup does: index, then data stream, then alias.
pub fn lookup(cluster: &Cluster, name: &str) -> Option<Abstraction> {
    if cluster.indices.contains_key(name) {
        return Some(Abstraction::Index);
    }
    if let Some(ds) = cluster.data_streams.get(name) {
        return Some(Abstraction::DataStream(ds.indices.clone()));
    }
    let members = alias_members(cluster, name);
    (!members.is_empty()).then(|| Abstraction::Alias(members.into_iter().map(str::to_string).collect()))
}

/// Resolves `expressions` to concrete index names (sorted, deduplicated).
///
/// An empty list, `_all` and a lone `*` mean every index the wildcard options allow.
pub fn resolve(cluster: &Cluster, expressions: &[String], opts: IndicesOptions) -> EsResult<Vec<String>> {
    Ok(resolve_indices(cluster, expressions, opts)?.into_iter().map(|i| i.name.clone()).collect())
}

/// An empty list, `_all` and a lone `*`: every index the wildcard options allow.
fn names_everything(expressions: &[String]) -> bool {
    expressions.is_empty() || (expressions.len() == 1 && (expressions[0] == "_all" || expressions[0] == "*"))
}

/// Whether "everything" includes the index: its state and hiddenness are allowed (aliases play no part).
fn reachable(index: &Index, expand: Expand) -> bool {
    state_allowed(index, expand) && (expand.hidden || !is_hidden(index))
}

/// The error of "everything" reaching no index when that is not allowed.
fn nothing_reachable(expressions: &[String]) -> EsError {
    EsError::index_not_found(expressions.first().map_or("_all", String::as_str))
}

/// [`resolve_indices`] narrowed to the indices carrying an alias that `wanted` selects: the alias
/// read APIs' question. When the request names every index, the alias table answers it without
/// visiting the indices that carry none (`HEAD /_alias/NAME` at 100,000 indices).
pub fn resolve_alias_carriers<'a>(
    cluster: &'a Cluster,
    expressions: &[String],
    opts: IndicesOptions,
    wanted: &dyn Fn(&str) -> bool,
) -> EsResult<Vec<&'a Index>> {
    if !names_everything(expressions) {
        let indices = resolve_indices(cluster, expressions, opts)?;
        return Ok(indices.into_iter().filter(|i| i.aliases.keys().any(|a| wanted(a))).collect());
    }
    if !opts.allow_no_indices && !cluster.indices.values().any(|i| reachable(i, opts.expand)) {
        return Err(nothing_reachable(expressions));
    }
    let carriers: BTreeSet<&str> = cluster
        .indices
        .aliases()
        .filter(|(alias, _)| wanted(alias))
        .flat_map(|(_, carriers)| carriers.iter().map(String::as_str))
        .collect();
    Ok(carriers
        .into_iter()
        .filter_map(|name| cluster.indices.get(name))
        .filter(|i| reachable(i, opts.expand))
        .collect())
}

/// [`resolve`], answering the indices themselves (what 100k-index listings need: no name copies).
pub fn resolve_indices<'a>(
    cluster: &'a Cluster,
    expressions: &[String],
    opts: IndicesOptions,
) -> EsResult<Vec<&'a Index>> {
    if names_everything(expressions) {
        let all: Vec<&Index> = cluster.indices.values().filter(|i| reachable(i, opts.expand)).collect();
        if all.is_empty() && !opts.allow_no_indices {
            return Err(nothing_reachable(expressions));
        }
        return Ok(all);
    }
    let mut result: BTreeSet<String> = BTreeSet::new();
    let mut wildcard_seen = false;
    for raw in expressions {
        if let Some(excluded) = raw.strip_prefix('-').filter(|_| wildcard_seen) {
            let name = datemath::resolve_index_name(excluded, cluster.now_millis())?;
            if name.contains('*') {
                result.retain(|n| !simple_match(&name, n) && !alias_or_stream_matches(cluster, &name, n, opts));
            } else {
                let removed: BTreeSet<String> = match lookup(cluster, &name) {
                    Some(Abstraction::Index) => [name.clone()].into(),
                    Some(Abstraction::Alias(m)) | Some(Abstraction::DataStream(m)) => m.into_iter().collect(),
                    None => BTreeSet::new(),
                };
                result.retain(|n| !removed.contains(n));
            }
            continue;
        }
        // Index component selectors (8.19/9.1): `::failures` reads a data stream's failure
        // indices, `::data` its backing indices (the default).
        if crate::data_streams::failure_store_ga(cluster.version)
            && let Some(base) = raw.strip_suffix("::failures")
        {
            let streams = crate::failure_store::matching_streams(cluster, base, opts.expand.hidden);
            if streams.is_empty() && !base.contains('*') && !opts.ignore_unavailable {
                return Err(EsError::index_not_found(raw));
            }
            for ds in streams {
                result.extend(crate::failure_store::indices_of(cluster, ds).iter().cloned());
            }
            continue;
        }
        let raw = match raw.strip_suffix("::data") {
            Some(base) if crate::data_streams::failure_store_ga(cluster.version) => base,
            _ => raw.as_str(),
        };
        let name = datemath::resolve_index_name(raw, cluster.now_millis())?;
        if name.contains('*') {
            wildcard_seen = true;
            // 8.6+ (`WildcardExpressionResolver`): with `expand_wildcards=none` a wildcard is not
            // expanded but looked up as a name, which no index has.
            if !opts.expand.open && !opts.expand.closed && !opts.ignore_unavailable {
                return Err(EsError::index_not_found(&name));
            }
            let matched = expand_wildcard(cluster, &name, opts);
            if matched.is_empty() && !opts.allow_no_indices {
                return Err(EsError::index_not_found(&name));
            }
            result.extend(matched);
            continue;
        }
        match lookup(cluster, &name) {
            Some(Abstraction::Index) => {
                result.insert(name);
            }
            Some(Abstraction::Alias(members)) => {
                if opts.ignore_aliases {
                    if !opts.ignore_unavailable {
                        return Err(EsError::illegal_argument(format!(
                            "The provided expression [{name}] matches an alias, specify the corresponding concrete indices instead."
                        )));
                    }
                } else {
                    result.extend(members);
                }
            }
            Some(Abstraction::DataStream(backing)) => {
                if opts.data_streams {
                    result.extend(backing);
                } else if !opts.ignore_unavailable {
                    return Err(EsError::illegal_argument(format!(
                        "The provided expression [{name}] matches a data stream, specify the corresponding concrete indices instead."
                    )));
                }
            }
            None if opts.ignore_unavailable => {}
            None => return Err(EsError::index_not_found(&name)),
        }
    }
    if result.is_empty() && !opts.allow_no_indices {
        return Err(EsError::index_not_found(&expressions.join(",")));
    }
    Ok(result.iter().filter_map(|n| cluster.indices.get(n)).collect())
}

/// Whether a hidden thing named `name` may be matched by `pattern`: with `expand_wildcards=hidden`,
/// or when both the pattern and the name start with a dot (ES's dot-prefix exception).
fn hidden_visible(pattern: &str, name: &str, expand: Expand) -> bool {
    expand.hidden || (pattern.starts_with('.') && name.starts_with('.'))
}

fn state_allowed(index: &Index, expand: Expand) -> bool {
    if index.state == "close" { expand.closed } else { expand.open }
}

/// Every concrete index a wildcard reaches, directly or through aliases and data streams.
fn expand_wildcard(cluster: &Cluster, pattern: &str, opts: IndicesOptions) -> BTreeSet<String> {
    let expand = opts.expand;
    let mut out = BTreeSet::new();
    if !expand.open && !expand.closed {
        return out;
    }
    // Only names that start with the pattern's literal prefix can match: the sorted index and
    // alias tables are read from there (a family's pattern visits the family, not the cluster).
    let prefix = &pattern[..pattern.find('*').unwrap_or(pattern.len())];
    for index in cluster.indices.with_prefix(prefix) {
        if simple_match(pattern, &index.name)
            && state_allowed(index, expand)
            && (!is_hidden(index) || hidden_visible(pattern, &index.name, expand))
        {
            out.insert(index.name.clone());
        }
    }
    if !opts.ignore_aliases {
        for (alias, carriers) in cluster.indices.aliases_with_prefix(prefix) {
            if !simple_match(pattern, alias) {
                continue;
            }
            for index in carriers.iter().filter_map(|name| cluster.indices.get(name)) {
                let hidden = index.aliases.get(alias).is_some_and(|meta| meta.is_hidden == Some(true));
                if state_allowed(index, expand) && (!hidden || hidden_visible(pattern, alias, expand)) {
                    out.insert(index.name.clone());
                }
            }
        }
    }
    if opts.data_streams && !opts.ignore_aliases {
        for ds in cluster.data_streams.values() {
            if simple_match(pattern, &ds.name) && (!ds.hidden || hidden_visible(pattern, &ds.name, expand)) {
                out.extend(
                    ds.indices
                        .iter()
                        .filter(|i| cluster.indices.get(*i).is_some_and(|ix| state_allowed(ix, expand)))
                        .cloned(),
                );
            }
        }
    }
    out
}

fn alias_or_stream_matches(cluster: &Cluster, pattern: &str, index: &str, opts: IndicesOptions) -> bool {
    if opts.ignore_aliases {
        return false;
    }
    let via_alias = cluster.indices.get(index).is_some_and(|i| i.aliases.keys().any(|a| simple_match(pattern, a)));
    via_alias
        || cluster
            .data_streams
            .values()
            .any(|ds| simple_match(pattern, &ds.name) && ds.indices.iter().any(|i| i == index))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::state::AliasMeta;
    use crate::version::EsVersion;

    fn index(name: &str, hidden: bool, closed: bool, aliases: &[&str]) -> Index {
        let mut settings = BTreeMap::new();
        if hidden {
            settings.insert("index.hidden".to_string(), serde_json::json!("true"));
        }
        Index {
            name: name.to_string(),
            uuid: format!("uuid-{name}"),
            creation_millis: 0,
            settings,
            mappings: serde_json::json!({}),
            aliases: aliases.iter().map(|a| (a.to_string(), AliasMeta::default())).collect(),
            state: if closed { "close" } else { "open" }.to_string(),
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
        }
    }

    fn cluster() -> Cluster {
        let mut c = Cluster::new(EsVersion::DEFAULT, 0);
        for i in [
            index("logs-1", false, false, &["logs"]),
            index("logs-2", false, true, &["logs"]),
            index("other", false, false, &[]),
            index(".hidden-sys", true, false, &[]),
            index("hidden-user", true, false, &["visible"]),
        ] {
            c.indices.insert(i.name.clone(), i);
        }
        c
    }

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn simple_match_handles_multiple_stars() {
        assert!(simple_match("*", "x"));
        assert!(simple_match("lo*-*", "logs-1"));
        assert!(simple_match("*-1", "logs-1"));
        assert!(!simple_match("lo*-2", "logs-1"));
        assert!(simple_match(".ds-x-*000002", ".ds-x-2024.01.01-000002"));
    }

    #[test]
    fn wildcards_follow_expand_wildcards_and_hidden_rules() {
        let c = cluster();
        let open = resolve(&c, &names(&["*"]), IndicesOptions::STRICT_EXPAND_OPEN).unwrap();
        assert_eq!(open, names(&["logs-1", "other"]));
        let both = resolve(&c, &[], IndicesOptions::STRICT_EXPAND).unwrap();
        assert_eq!(both, names(&["logs-1", "logs-2", "other"]));
        let dot = resolve(&c, &names(&[".h*"]), IndicesOptions::STRICT_EXPAND).unwrap();
        assert_eq!(dot, names(&[".hidden-sys"]));
        // A visible alias reaches a hidden index through a wildcard, too.
        let via_alias = resolve(&c, &names(&["vis*"]), IndicesOptions::STRICT_EXPAND).unwrap();
        assert_eq!(via_alias, names(&["hidden-user"]));
    }

    #[test]
    fn exclusions_apply_after_a_wildcard() {
        let c = cluster();
        // A non-trivial wildcard also reaches hidden indices through visible aliases.
        let r = resolve(&c, &names(&["*", "-other"]), IndicesOptions::STRICT_EXPAND_OPEN).unwrap();
        assert_eq!(r, names(&["hidden-user", "logs-1"]));
        assert!(resolve(&c, &names(&["-other"]), IndicesOptions::STRICT_EXPAND_OPEN).is_err());
    }

    #[test]
    fn missing_names_and_aliases_follow_the_options() {
        let c = cluster();
        let e = resolve(&c, &names(&["nope"]), IndicesOptions::STRICT_EXPAND).unwrap_err();
        assert_eq!(e.kind, "index_not_found_exception");
        let lenient = IndicesOptions { ignore_unavailable: true, ..IndicesOptions::STRICT_EXPAND };
        assert!(resolve(&c, &names(&["nope"]), lenient).unwrap().is_empty());
        let e = resolve(&c, &names(&["logs"]), IndicesOptions::DELETE).unwrap_err();
        assert!(e.reason.contains("matches an alias"));
        assert!(resolve(&c, &names(&["log*"]), IndicesOptions::DELETE).unwrap().len() == 2);
        assert!(resolve(&c, &names(&["alia*"]), IndicesOptions::DELETE).unwrap().is_empty());
        let strict = IndicesOptions { allow_no_indices: false, ..IndicesOptions::DELETE };
        assert_eq!(resolve(&c, &names(&["zzz*"]), strict).unwrap_err().status, 404);
    }
}
