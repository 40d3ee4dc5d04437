//! Query parameters each route accepts. ES refuses a request with a parameter its handler does
//! not consume (`request [/x] contains unrecognized parameter: [fromat] -> did you mean
//! [format]?`), which is what catches a client's typo; the sandbox does the same for the routes
//! whose parameters are listed here (from the REST API specs), and lets the others through.

use std::collections::BTreeSet;

use super::error::EsError;
use super::http::{Method, SandboxRequest};
use super::router::Route;

/// Consumed by ES's REST layer for every request.
const GLOBAL: &[&str] = &["pretty", "human", "error_trace", "filter_path", "format", "source", "source_content_type"];

/// `AbstractCatAction`'s response parameters plus what every cat action reads.
const CAT: &[&str] =
    &["format", "h", "help", "s", "v", "bytes", "time", "ts", "pri", "size", "local", "master_timeout"];

const INDICES_OPTIONS: &[&str] = &["allow_no_indices", "expand_wildcards", "ignore_unavailable"];
const MASTER: &[&str] = &["master_timeout", "timeout"];
const DOC_WRITE: &[&str] = &[
    "if_primary_term",
    "if_seq_no",
    "op_type",
    "pipeline",
    "refresh",
    "routing",
    "timeout",
    "version",
    "version_type",
    "wait_for_active_shards",
    "require_alias",
    "require_data_stream",
];

/// The parameters a route accepts besides [`GLOBAL`] and its path parameters; `None` when the
/// sandbox does not check them (routes not listed here).
fn accepted(method: Method, pattern: &str) -> Option<Vec<&'static str>> {
    let list: &[&[&str]] = match (method, pattern) {
        (Method::Get | Method::Head, "/") => &[],
        (Method::Get, "/_cluster/health" | "/_cluster/health/{index}") => &[&[
            "expand_wildcards",
            "level",
            "local",
            "master_timeout",
            "timeout",
            "wait_for_active_shards",
            "wait_for_events",
            "wait_for_no_initializing_shards",
            "wait_for_no_relocating_shards",
            "wait_for_nodes",
            "wait_for_status",
        ]],
        (Method::Get, "/_cluster/settings") => &[MASTER, &["flat_settings", "include_defaults", "local"]],
        (Method::Put, "/_cluster/settings") => &[MASTER, &["flat_settings"]],
        (Method::Put, "/{index}") => &[MASTER, &["wait_for_active_shards"]],
        (Method::Get, "/{index}") => {
            &[INDICES_OPTIONS, &["features", "flat_settings", "include_defaults", "local", "master_timeout"]]
        }
        (Method::Head, "/{index}") => &[INDICES_OPTIONS, &["flat_settings", "include_defaults", "local"]],
        (Method::Delete, "/{index}") => &[INDICES_OPTIONS, MASTER],
        (Method::Post, "/{index}/_open" | "/{index}/_close") => &[INDICES_OPTIONS, MASTER, &["wait_for_active_shards"]],
        (Method::Get, "/_settings" | "/_settings/{name}" | "/{index}/_settings" | "/{index}/_settings/{name}") => {
            &[INDICES_OPTIONS, &["flat_settings", "include_defaults", "local", "master_timeout"]]
        }
        (Method::Put, "/_settings" | "/{index}/_settings") => {
            &[INDICES_OPTIONS, MASTER, &["flat_settings", "preserve_existing", "reopen"]]
        }
        (Method::Get, "/_mapping" | "/{index}/_mapping") => &[INDICES_OPTIONS, &["local", "master_timeout"]],
        (Method::Get, "/_mapping/field/{fields}" | "/{index}/_mapping/field/{fields}") => {
            &[INDICES_OPTIONS, &["include_defaults", "local"]]
        }
        (Method::Get | Method::Post, "/_field_caps" | "/{index}/_field_caps") => {
            &[INDICES_OPTIONS, &["fields", "include_unmapped", "filters", "types", "include_empty_fields"]]
        }
        (Method::Put | Method::Post, "/{index}/_mapping") => &[INDICES_OPTIONS, MASTER, &["write_index_only"]],
        (Method::Get, "/_stats" | "/_stats/{metric}" | "/{index}/_stats" | "/{index}/_stats/{metric}") => &[&[
            "completion_fields",
            "expand_wildcards",
            "fielddata_fields",
            "fields",
            "forbid_closed_indices",
            "groups",
            "include_segment_file_sizes",
            "include_unloaded_segments",
            "level",
        ]],
        (Method::Get | Method::Post, "/_refresh" | "/{index}/_refresh") => &[INDICES_OPTIONS],
        (Method::Get | Method::Post, "/_flush" | "/{index}/_flush") => {
            &[INDICES_OPTIONS, &["force", "wait_if_ongoing"]]
        }
        (Method::Post, "/_forcemerge" | "/{index}/_forcemerge") => {
            &[INDICES_OPTIONS, &["flush", "max_num_segments", "only_expunge_deletes", "wait_for_completion"]]
        }
        (Method::Get, "/_segments" | "/{index}/_segments") => &[INDICES_OPTIONS],
        (Method::Get, "/_cat/segments" | "/_cat/segments/{index}") => &[CAT],
        (Method::Get, "/_nodes" | "/_nodes/{node_id}" | "/_nodes/{node_id}/{metric}") => {
            &[&["flat_settings", "timeout"]]
        }
        (Method::Get, "/_license") => &[&["local", "accept_enterprise"]],
        (Method::Get, "/_xpack") => &[&["categories", "accept_enterprise"]],
        (Method::Get | Method::Head, "/_alias" | "/_alias/{name}" | "/{index}/_alias" | "/{index}/_alias/{name}") => {
            &[INDICES_OPTIONS, &["local", "master_timeout"]]
        }
        (Method::Put | Method::Post | Method::Delete, "/{index}/_alias/{name}" | "/{index}/_aliases/{name}") => {
            &[MASTER]
        }
        (Method::Post, "/_aliases") => &[MASTER],
        (Method::Post, "/{index}/_rollover" | "/{index}/_rollover/{new_index}") => {
            &[MASTER, &["dry_run", "lazy", "wait_for_active_shards"]]
        }
        (Method::Put, "/_data_stream/{name}") => &[MASTER],
        (Method::Get, "/_data_stream" | "/_data_stream/{name}") => {
            &[&["expand_wildcards", "include_defaults", "master_timeout", "verbose"]]
        }
        (Method::Delete, "/_data_stream/{name}") => &[&["expand_wildcards", "master_timeout"]],
        (Method::Put | Method::Post, "/{index}/_doc/{id}" | "/{index}/_doc" | "/{index}/_create/{id}") => &[DOC_WRITE],
        (Method::Get | Method::Head, "/{index}/_doc/{id}") => &[&[
            "_source",
            "_source_excludes",
            "_source_includes",
            "force_synthetic_source",
            "preference",
            "realtime",
            "refresh",
            "routing",
            "stored_fields",
            "version",
            "version_type",
        ]],
        (Method::Delete, "/{index}/_doc/{id}") => &[DOC_WRITE],
        (Method::Put | Method::Post, "/_bulk" | "/{index}/_bulk") => {
            &[DOC_WRITE, &["_source", "_source_excludes", "_source_includes", "list_executed_pipelines", "type"]]
        }
        (Method::Get | Method::Post, "/_count" | "/{index}/_count") => &[
            INDICES_OPTIONS,
            &[
                "analyze_wildcard",
                "analyzer",
                "default_operator",
                "df",
                "ignore_throttled",
                "lenient",
                "min_score",
                "preference",
                "q",
                "routing",
                "terminate_after",
            ],
        ],
        (Method::Get, "/_cat/indices" | "/_cat/indices/{index}") => {
            &[CAT, &["expand_wildcards", "health", "include_unloaded_segments"]]
        }
        (Method::Get, "/_cat/aliases" | "/_cat/aliases/{name}") => &[CAT, &["expand_wildcards"]],
        (Method::Get, "/_cat/allocation" | "/_cat/allocation/{node_id}" | "/_cat/shards" | "/_cat/shards/{index}") => {
            &[CAT]
        }
        (Method::Get, "/_cat/health") => &[CAT],
        (Method::Get, "/_capabilities") => &[&["method", "path", "parameters", "capabilities"]],
        (Method::Put, "/_ilm/policy/{policy}") | (Method::Delete, "/_ilm/policy/{policy}") => &[MASTER],
        (Method::Get, "/_ilm/policy" | "/_ilm/policy/{policy}") => &[MASTER],
        (Method::Post, "/_ilm/start" | "/_ilm/stop") => &[MASTER],
        (Method::Get, "/_ilm/status")
        | (Method::Post, "/_ilm/move/{index}" | "/{index}/_ilm/retry" | "/{index}/_ilm/remove") => &[],
        // `RestExplainLifecycleAction` reads `IndicesOptions.fromRequest` besides its spec'd parameters.
        (Method::Get, "/{index}/_ilm/explain") => {
            &[INDICES_OPTIONS, &["master_timeout", "only_errors", "only_managed"]]
        }
        (Method::Put | Method::Post, "/_index_template/{name}" | "/_component_template/{name}") => {
            &[&["cause", "create", "master_timeout"]]
        }
        (
            Method::Get,
            "/_index_template" | "/_index_template/{name}" | "/_component_template" | "/_component_template/{name}",
        ) => &[&["flat_settings", "include_defaults", "local", "master_timeout"]],
        (Method::Head, "/_index_template/{name}" | "/_component_template/{name}" | "/_template/{name}") => {
            &[&["flat_settings", "local", "master_timeout"]]
        }
        (Method::Delete, "/_index_template/{name}" | "/_component_template/{name}" | "/_template/{name}") => &[MASTER],
        (
            Method::Post,
            "/_index_template/_simulate_index/{name}"
            | "/_index_template/_simulate"
            | "/_index_template/_simulate/{name}",
        ) => &[&["cause", "create", "include_defaults", "master_timeout"]],
        (Method::Put | Method::Post, "/_template/{name}") => &[&["cause", "create", "order", "master_timeout"]],
        (Method::Get, "/_template" | "/_template/{name}") => &[&["flat_settings", "local", "master_timeout"]],
        (Method::Put, "/_ingest/pipeline/{id}") => &[MASTER, &["if_version"]],
        (Method::Get, "/_ingest/pipeline" | "/_ingest/pipeline/{id}") => &[&["master_timeout", "summary"]],
        (Method::Delete, "/_ingest/pipeline/{id}") => &[MASTER],
        (Method::Get | Method::Post, "/_ingest/pipeline/_simulate" | "/_ingest/pipeline/{id}/_simulate") => {
            &[&["verbose"]]
        }
        (Method::Get, "/_security/_authenticate") => &[],
        _ => return None,
    };
    Some(list.iter().flat_map(|l| l.iter().copied()).collect())
}

/// Refuses parameters the matched route does not accept, with ES's message and suggestions.
pub fn check(route: &Route, req: &SandboxRequest) -> Result<(), EsError> {
    // HEAD falls back to GET routes, which decide; the request's own method picks the list.
    let Some(mut candidates) = accepted(req.method, route.pattern).or_else(|| accepted(route.method, route.pattern))
    else {
        return Ok(());
    };
    let path_params: Vec<&str> =
        route.pattern.split('/').filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}'))).collect();
    candidates.extend_from_slice(GLOBAL);
    let invalid: BTreeSet<&str> =
        req.query.keys().map(String::as_str).filter(|k| !candidates.contains(k) && !path_params.contains(k)).collect();
    if invalid.is_empty() {
        return Ok(());
    }
    candidates.extend(path_params);
    Err(EsError::illegal_argument(unrecognized(&req.path, &invalid, &candidates)))
}

/// ES's `BaseRestHandler.unrecognized`: suggestions are the candidates more than half similar
/// (Lucene's Levenshtein similarity), most similar first.
fn unrecognized(path: &str, invalid: &BTreeSet<&str>, candidates: &[&str]) -> String {
    let mut message =
        format!("request [{path}] contains unrecognized parameter{}: ", if invalid.len() > 1 { "s" } else { "" });
    for (i, name) in invalid.iter().enumerate() {
        if i > 0 {
            message.push_str(", ");
        }
        message.push_str(&format!("[{name}]"));
        let mut scored: Vec<(f32, &str)> = candidates
            .iter()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(|c| (similarity(name, c), *c))
            .filter(|(s, _)| *s > 0.5)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        match scored.as_slice() {
            [] => {}
            [(_, only)] => message.push_str(&format!(" -> did you mean [{only}]?")),
            many => {
                let names: Vec<&str> = many.iter().map(|(_, n)| *n).collect();
                message.push_str(&format!(" -> did you mean any of [{}]?", names.join(", ")));
            }
        }
    }
    message
}

/// Lucene's `LevenshteinDistance.getDistance`: 1 - edits / longer length.
fn similarity(a: &str, b: &str) -> f32 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            current.push((previous[j] + cost).min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    let longest = a.len().max(b.len()).max(1);
    1.0 - previous[b.len()] as f32 / longest as f32
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::router::find;

    fn check_uri(method: Method, uri: &str) -> Result<(), EsError> {
        let req = SandboxRequest::from_uri(method, uri, BTreeMap::new(), Vec::new());
        let routed = find(&req, uri).unwrap();
        check(routed.route, &routed.request)
    }

    #[test]
    fn unknown_parameters_are_refused_with_suggestions() {
        assert!(check_uri(Method::Get, "/_cat/indices?format=json&bytes=b&h=index&expand_wildcards=all").is_ok());
        assert!(check_uri(Method::Get, "/logs/_settings?flat_settings&pretty").is_ok());
        let e = check_uri(Method::Get, "/_cat/indices?fromat=json").unwrap_err();
        assert_eq!(
            e.reason,
            "request [/_cat/indices] contains unrecognized parameter: [fromat] -> did you mean [format]?"
        );
        let e = check_uri(Method::Delete, "/logs?zzz=1&yyy=2").unwrap_err();
        assert_eq!(e.reason, "request [/logs] contains unrecognized parameters: [yyy], [zzz]");
        // ILM explain takes the indices options too (esops sends `expand_wildcards=all`).
        assert!(check_uri(Method::Get, "/_all/_ilm/explain?only_managed=true&expand_wildcards=all").is_ok());
        // Routes without a list are not checked.
        assert!(check_uri(Method::Get, "/_search?anything=1").is_ok());
    }

    #[test]
    fn similarity_is_lucenes() {
        assert_eq!(similarity("format", "format"), 1.0);
        assert!((similarity("fromat", "format") - (1.0 - 2.0 / 6.0)).abs() < 1e-6);
    }
}
