//! The route table: ES paths and methods to handlers, with ES's matching rules (a literal segment
//! beats a `{param}` at the same position; HEAD falls back to GET) and ES's answers when nothing
//! matches (400 "no handler found", 405 "Incorrect HTTP method").

use std::collections::BTreeMap;

use serde_json::json;

use super::error::{EsError, EsResult};
use super::http::{Method, SandboxRequest, SandboxResponse};
use super::state::Cluster;
use super::{
    aliases, cat, cluster_api, data_stream_lifecycle, data_streams, documents, failure_store, ilm, indices, ingest,
    mapping, nodes, rollover, segments, slm, snapshots, templates, xpack,
};
use Handler::{Read, Write};

/// A request handler: pure on the cluster state; path parameters arrive as request parameters,
/// as in ES (`req.param("index")`). What it may do to the state decides how it is served.
#[derive(Debug, Clone, Copy)]
pub enum Handler {
    /// Only reads the state: served under the shared lock, concurrently with other reads.
    Read(fn(&Cluster, &SandboxRequest) -> EsResult<SandboxResponse>),
    /// May change the state: served under the exclusive lock, alone.
    Write(fn(&mut Cluster, &SandboxRequest) -> EsResult<SandboxResponse>),
}

impl Handler {
    /// Runs the handler on a state the caller holds exclusively (unit tests).
    pub fn call(self, cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
        match self {
            Read(handler) => handler(cluster, req),
            Write(handler) => handler(cluster, req),
        }
    }
}

/// One route.
#[derive(Debug)]
pub struct Route {
    /// Method.
    pub method: Method,
    /// Path pattern, `{name}` for parameters.
    pub pattern: &'static str,
    /// ES's action name (for authorization errors).
    pub action: &'static str,
    /// Handler.
    pub handler: Handler,
}

macro_rules! routes {
    ($($method:ident $pattern:literal $action:literal => $handler:expr;)*) => {
        &[$(Route { method: Method::$method, pattern: $pattern, action: $action, handler: $handler },)*]
    };
}

/// Every route the sandbox serves outside `/_sandbox`.
pub static ROUTES: &[Route] = routes! {
    Get "/" "cluster:monitor/main" => Read(cluster_api::info);
    Get "/_cluster/health" "cluster:monitor/health" => Read(cluster_api::health);
    Get "/_cluster/health/{index}" "cluster:monitor/health" => Read(cluster_api::health);
    Get "/_cluster/settings" "cluster:monitor/settings" => Read(cluster_api::get_settings);
    Put "/_cluster/settings" "cluster:admin/settings/update" => Write(cluster_api::put_settings);

    Put "/{index}" "indices:admin/create" => Write(indices::create);
    Get "/{index}" "indices:admin/get" => Read(indices::get);
    Head "/{index}" "indices:admin/get" => Read(indices::exists);
    Delete "/{index}" "indices:admin/delete" => Write(indices::delete);
    Post "/{index}/_open" "indices:admin/open" => Write(indices::open);
    Post "/{index}/_close" "indices:admin/close" => Write(indices::close);
    Post "/{index}/_shrink/{target}" "indices:admin/resize" => Write(indices::shrink);
    Put "/{index}/_shrink/{target}" "indices:admin/resize" => Write(indices::shrink);
    Get "/_settings" "indices:monitor/settings/get" => Read(indices::get_settings);
    Get "/_settings/{name}" "indices:monitor/settings/get" => Read(indices::get_settings);
    Get "/{index}/_settings" "indices:monitor/settings/get" => Read(indices::get_settings);
    Get "/{index}/_settings/{name}" "indices:monitor/settings/get" => Read(indices::get_settings);
    Put "/_settings" "indices:admin/settings/update" => Write(indices::put_settings);
    Put "/{index}/_settings" "indices:admin/settings/update" => Write(indices::put_settings);
    Get "/_mapping" "indices:admin/mappings/get" => Read(indices::get_mapping);
    Get "/{index}/_mapping" "indices:admin/mappings/get" => Read(indices::get_mapping);
    Put "/{index}/_mapping" "indices:admin/mapping/put" => Write(indices::put_mapping);
    Post "/{index}/_mapping" "indices:admin/mapping/put" => Write(indices::put_mapping);
    Get "/_mapping/field/{fields}" "indices:admin/mappings/fields/get" => Read(mapping::api::get_field_mapping);
    Get "/{index}/_mapping/field/{fields}" "indices:admin/mappings/fields/get" => Read(mapping::api::get_field_mapping);
    Get "/_field_caps" "indices:data/read/field_caps" => Read(mapping::api::field_caps);
    Post "/_field_caps" "indices:data/read/field_caps" => Read(mapping::api::field_caps);
    Get "/{index}/_field_caps" "indices:data/read/field_caps" => Read(mapping::api::field_caps);
    Post "/{index}/_field_caps" "indices:data/read/field_caps" => Read(mapping::api::field_caps);
    Get "/_stats" "indices:monitor/stats" => Read(indices::stats);
    Get "/_stats/{metric}" "indices:monitor/stats" => Read(indices::stats);
    Get "/{index}/_stats" "indices:monitor/stats" => Read(indices::stats);
    Get "/{index}/_stats/{metric}" "indices:monitor/stats" => Read(indices::stats);
    Post "/_refresh" "indices:admin/refresh" => Write(indices::refresh);
    Get "/_refresh" "indices:admin/refresh" => Write(indices::refresh);
    Post "/{index}/_refresh" "indices:admin/refresh" => Write(indices::refresh);
    Get "/{index}/_refresh" "indices:admin/refresh" => Write(indices::refresh);

    Post "/_flush" "indices:admin/flush" => Write(segments::flush);
    Get "/_flush" "indices:admin/flush" => Write(segments::flush);
    Post "/{index}/_flush" "indices:admin/flush" => Write(segments::flush);
    Get "/{index}/_flush" "indices:admin/flush" => Write(segments::flush);
    Post "/_forcemerge" "indices:admin/forcemerge" => Write(segments::forcemerge);
    Post "/{index}/_forcemerge" "indices:admin/forcemerge" => Write(segments::forcemerge);
    Get "/_segments" "indices:monitor/segments" => Read(segments::get);
    Get "/{index}/_segments" "indices:monitor/segments" => Read(segments::get);

    Get "/_alias" "indices:admin/aliases/get" => Read(aliases::get);
    Get "/_alias/{name}" "indices:admin/aliases/get" => Read(aliases::get);
    Head "/_alias/{name}" "indices:admin/aliases/get" => Read(aliases::exists);
    Get "/{index}/_alias" "indices:admin/aliases/get" => Read(aliases::get);
    Get "/{index}/_alias/{name}" "indices:admin/aliases/get" => Read(aliases::get);
    Head "/{index}/_alias/{name}" "indices:admin/aliases/get" => Read(aliases::exists);
    Put "/{index}/_alias/{name}" "indices:admin/aliases" => Write(aliases::put);
    Post "/{index}/_alias/{name}" "indices:admin/aliases" => Write(aliases::put);
    Put "/{index}/_aliases/{name}" "indices:admin/aliases" => Write(aliases::put);
    Post "/{index}/_aliases/{name}" "indices:admin/aliases" => Write(aliases::put);
    Delete "/{index}/_alias/{name}" "indices:admin/aliases" => Write(aliases::delete);
    Delete "/{index}/_aliases/{name}" "indices:admin/aliases" => Write(aliases::delete);
    Post "/_aliases" "indices:admin/aliases" => Write(aliases::update);

    Post "/{index}/_rollover" "indices:admin/rollover" => Write(rollover::handle);
    Post "/{index}/_rollover/{new_index}" "indices:admin/rollover" => Write(rollover::handle);

    Put "/_data_stream/{name}" "indices:admin/data_stream/create" => Write(data_streams::create);
    Get "/_data_stream" "indices:admin/data_stream/get" => Read(data_streams::get);
    Get "/_data_stream/{name}" "indices:admin/data_stream/get" => Read(data_streams::get);
    Delete "/_data_stream/{name}" "indices:admin/data_stream/delete" => Write(data_streams::delete);
    Put "/_data_stream/{name}/_lifecycle" "indices:admin/data_stream/lifecycle/put" => Write(data_stream_lifecycle::put);
    Get "/_data_stream/{name}/_lifecycle" "indices:admin/data_stream/lifecycle/get" => Read(data_stream_lifecycle::get);
    Delete "/_data_stream/{name}/_lifecycle" "indices:admin/data_stream/lifecycle/delete" => Write(data_stream_lifecycle::delete);
    Put "/_data_stream/{name}/_options" "indices:admin/data_stream/options/put" => Write(failure_store::put_options);
    Get "/_data_stream/{name}/_options" "indices:admin/data_stream/options/get" => Read(failure_store::get_options);
    Delete "/_data_stream/{name}/_options" "indices:admin/data_stream/options/delete" => Write(failure_store::delete_options);
    Get "/{index}/_lifecycle/explain" "indices:admin/data_stream/lifecycle/explain" => Read(data_stream_lifecycle::explain);

    Put "/{index}/_doc/{id}" "indices:data/write/index" => Write(documents::index_with_id);
    Post "/{index}/_doc/{id}" "indices:data/write/index" => Write(documents::index_with_id);
    Post "/{index}/_doc" "indices:data/write/index" => Write(documents::index_auto_id);
    Put "/{index}/_create/{id}" "indices:data/write/index" => Write(documents::create);
    Post "/{index}/_create/{id}" "indices:data/write/index" => Write(documents::create);
    Get "/{index}/_doc/{id}" "indices:data/read/get" => Write(documents::get);
    Delete "/{index}/_doc/{id}" "indices:data/write/delete" => Write(documents::delete);
    Post "/_bulk" "indices:data/write/bulk" => Write(documents::bulk);
    Put "/_bulk" "indices:data/write/bulk" => Write(documents::bulk);
    Post "/{index}/_bulk" "indices:data/write/bulk" => Write(documents::bulk);
    Put "/{index}/_bulk" "indices:data/write/bulk" => Write(documents::bulk);
    Get "/_count" "indices:data/read/search" => Read(documents::count);
    Post "/_count" "indices:data/read/search" => Read(documents::count);
    Get "/{index}/_count" "indices:data/read/search" => Read(documents::count);
    Post "/{index}/_count" "indices:data/read/search" => Read(documents::count);
    Get "/_search" "indices:data/read/search" => Read(documents::search);
    Post "/_search" "indices:data/read/search" => Read(documents::search);
    Get "/{index}/_search" "indices:data/read/search" => Read(documents::search);
    Post "/{index}/_search" "indices:data/read/search" => Read(documents::search);

    Put "/_ilm/policy/{policy}" "cluster:admin/ilm/put" => Write(ilm::put_policy);
    Get "/_ilm/policy" "cluster:admin/ilm/get" => Read(ilm::get_policy);
    Get "/_ilm/policy/{policy}" "cluster:admin/ilm/get" => Read(ilm::get_policy);
    Delete "/_ilm/policy/{policy}" "cluster:admin/ilm/delete" => Write(ilm::delete_policy);
    Get "/_ilm/status" "cluster:admin/ilm/operation_mode/get" => Read(ilm::get_status);
    Post "/_ilm/start" "cluster:admin/ilm/start" => Write(ilm::start);
    Post "/_ilm/stop" "cluster:admin/ilm/stop" => Write(ilm::stop);
    Get "/{index}/_ilm/explain" "indices:admin/ilm/explain" => Read(ilm::explain);
    Post "/_ilm/move/{index}" "cluster:admin/ilm/_move/post" => Write(ilm::move_to_step);
    Post "/{index}/_ilm/retry" "indices:admin/ilm/retry" => Write(ilm::retry);
    Post "/{index}/_ilm/remove" "indices:admin/ilm/remove_policy" => Write(ilm::remove_policy);

    Put "/_index_template/{name}" "indices:admin/index_template/put" => Write(templates::put_index_template);
    Post "/_index_template/{name}" "indices:admin/index_template/put" => Write(templates::put_index_template);
    Get "/_index_template" "indices:admin/index_template/get" => Read(templates::get_index_template);
    Get "/_index_template/{name}" "indices:admin/index_template/get" => Read(templates::get_index_template);
    Head "/_index_template/{name}" "indices:admin/index_template/get" => Read(templates::exists_index_template);
    Delete "/_index_template/{name}" "indices:admin/index_template/delete" => Write(templates::delete_index_template);
    Post "/_index_template/_simulate_index/{name}" "indices:admin/index_template/simulate_index" => Read(templates::simulate_index);
    Post "/_index_template/_simulate" "indices:admin/index_template/simulate" => Read(templates::simulate_template);
    Post "/_index_template/_simulate/{name}" "indices:admin/index_template/simulate" => Read(templates::simulate_template);
    Put "/_component_template/{name}" "cluster:admin/component_template/put" => Write(templates::put_component_template);
    Post "/_component_template/{name}" "cluster:admin/component_template/put" => Write(templates::put_component_template);
    Get "/_component_template" "cluster:admin/component_template/get" => Read(templates::get_component_template);
    Get "/_component_template/{name}" "cluster:admin/component_template/get" => Read(templates::get_component_template);
    Head "/_component_template/{name}" "cluster:admin/component_template/get" => Read(templates::exists_component_template);
    Delete "/_component_template/{name}" "cluster:admin/component_template/delete" => Write(templates::delete_component_template);
    Put "/_template/{name}" "indices:admin/template/put" => Write(templates::put_legacy_template);
    Post "/_template/{name}" "indices:admin/template/put" => Write(templates::put_legacy_template);
    Get "/_template" "indices:admin/template/get" => Read(templates::get_legacy_template);
    Get "/_template/{name}" "indices:admin/template/get" => Read(templates::get_legacy_template);
    Head "/_template/{name}" "indices:admin/template/get" => Read(templates::exists_legacy_template);
    Delete "/_template/{name}" "indices:admin/template/delete" => Write(templates::delete_legacy_template);

    Put "/_ingest/pipeline/{id}" "cluster:admin/ingest/pipeline/put" => Write(ingest::put_pipeline);
    Get "/_ingest/pipeline" "cluster:admin/ingest/pipeline/get" => Read(ingest::get_pipeline);
    Get "/_ingest/pipeline/{id}" "cluster:admin/ingest/pipeline/get" => Read(ingest::get_pipeline);
    Delete "/_ingest/pipeline/{id}" "cluster:admin/ingest/pipeline/delete" => Write(ingest::delete_pipeline);
    Get "/_ingest/pipeline/_simulate" "cluster:admin/ingest/pipeline/simulate" => Read(ingest::simulate);
    Post "/_ingest/pipeline/_simulate" "cluster:admin/ingest/pipeline/simulate" => Read(ingest::simulate);
    Get "/_ingest/pipeline/{id}/_simulate" "cluster:admin/ingest/pipeline/simulate" => Read(ingest::simulate);
    Post "/_ingest/pipeline/{id}/_simulate" "cluster:admin/ingest/pipeline/simulate" => Read(ingest::simulate);

    Put "/_snapshot/{repository}" "cluster:admin/repository/put" => Write(snapshots::put_repository);
    Post "/_snapshot/{repository}" "cluster:admin/repository/put" => Write(snapshots::put_repository);
    Get "/_snapshot" "cluster:admin/repository/get" => Write(snapshots::get_repository);
    Get "/_snapshot/{repository}" "cluster:admin/repository/get" => Write(snapshots::get_repository);
    Delete "/_snapshot/{repository}" "cluster:admin/repository/delete" => Write(snapshots::delete_repository);
    Post "/_snapshot/{repository}/_verify" "cluster:admin/repository/verify" => Write(snapshots::verify_repository);
    Post "/_snapshot/{repository}/_cleanup" "cluster:admin/repository/_cleanup" => Write(snapshots::cleanup_repository);
    Put "/_snapshot/{repository}/{snapshot}" "cluster:admin/snapshot/create" => Write(snapshots::create_snapshot);
    Post "/_snapshot/{repository}/{snapshot}" "cluster:admin/snapshot/create" => Write(snapshots::create_snapshot);
    Get "/_snapshot/{repository}/{snapshot}" "cluster:admin/snapshot/get" => Write(snapshots::get_snapshots);
    Delete "/_snapshot/{repository}/{snapshot}" "cluster:admin/snapshot/delete" => Write(snapshots::delete_snapshots);
    Get "/_snapshot/_status" "cluster:admin/snapshot/status" => Write(snapshots::snapshot_status);
    Get "/_snapshot/{repository}/_status" "cluster:admin/snapshot/status" => Write(snapshots::snapshot_status);
    Get "/_snapshot/{repository}/{snapshot}/_status" "cluster:admin/snapshot/status" => Write(snapshots::snapshot_status);
    Put "/_snapshot/{repository}/{snapshot}/_clone/{target_snapshot}" "cluster:admin/snapshot/clone" => Write(snapshots::clone_snapshot);
    Post "/_snapshot/{repository}/{snapshot}/_restore" "cluster:admin/snapshot/restore" => Write(snapshots::restore_snapshot);
    Get "/_recovery" "indices:monitor/recovery" => Write(snapshots::recovery);
    Get "/{index}/_recovery" "indices:monitor/recovery" => Write(snapshots::recovery);

    Put "/_slm/policy/{policy_id}" "cluster:admin/slm/put" => Write(slm::put_policy);
    Get "/_slm/policy" "cluster:admin/slm/get" => Write(slm::get_policy);
    Get "/_slm/policy/{policy_id}" "cluster:admin/slm/get" => Write(slm::get_policy);
    Delete "/_slm/policy/{policy_id}" "cluster:admin/slm/delete" => Write(slm::delete_policy);
    Put "/_slm/policy/{policy_id}/_execute" "cluster:admin/slm/execute" => Write(slm::execute_policy);
    Post "/_slm/policy/{policy_id}/_execute" "cluster:admin/slm/execute" => Write(slm::execute_policy);
    Post "/_slm/_execute_retention" "cluster:admin/slm/execute-retention" => Write(slm::execute_retention);
    Get "/_slm/stats" "cluster:admin/slm/stats" => Write(slm::stats);
    Get "/_slm/status" "cluster:admin/slm/status" => Write(slm::status);
    Post "/_slm/start" "cluster:admin/slm/start" => Write(slm::start);
    Post "/_slm/stop" "cluster:admin/slm/stop" => Write(slm::stop);
    Get "/_nodes" "cluster:monitor/nodes/info" => Read(nodes::info);
    Get "/_nodes/{node_id}" "cluster:monitor/nodes/info" => Read(nodes::info);
    Get "/_nodes/{node_id}/{metric}" "cluster:monitor/nodes/info" => Read(nodes::info);
    Get "/_license" "cluster:monitor/xpack/license/get" => Read(xpack::license);
    Get "/_xpack" "cluster:monitor/xpack/info" => Read(xpack::info);

    Get "/_capabilities" "cluster:monitor/nodes/capabilities" => Read(capabilities);
    Get "/_security/_authenticate" "cluster:admin/xpack/security/user/authenticate" => Read(security_disabled);

    Get "/_cat" "cluster:monitor/cat" => Read(cat::list);
    Get "/_cat/indices" "indices:monitor/stats" => Read(cat::indices);
    Get "/_cat/indices/{index}" "indices:monitor/stats" => Read(cat::indices);
    Get "/_cat/aliases" "indices:admin/aliases/get" => Read(cat::aliases);
    Get "/_cat/aliases/{name}" "indices:admin/aliases/get" => Read(cat::aliases);
    Get "/_cat/allocation" "cluster:monitor/state" => Read(cat::allocation);
    Get "/_cat/allocation/{node_id}" "cluster:monitor/state" => Read(cat::allocation);
    Get "/_cat/shards" "indices:monitor/stats" => Read(cat::shards);
    Get "/_cat/shards/{index}" "indices:monitor/stats" => Read(cat::shards);
    Get "/_cat/health" "cluster:monitor/health" => Read(cat::health);
    Get "/_cat/segments" "indices:monitor/segments" => Read(segments::cat);
    Get "/_cat/segments/{index}" "indices:monitor/segments" => Read(segments::cat);
};

/// A request matched to its route, with the path parameters merged into the request parameters.
#[derive(Debug)]
pub struct Routed {
    /// The matched route.
    pub route: &'static Route,
    /// The request, path parameters included in `query`.
    pub request: SandboxRequest,
}

/// A request as a handler receives it (path parameters in the query), for the handlers' unit
/// tests: routed when a route matches, as the server would route it.
#[cfg(test)]
pub fn test_request(method: Method, uri: &str, body: serde_json::Value) -> SandboxRequest {
    let bytes = if body.is_null() { Vec::new() } else { body.to_string().into_bytes() };
    let req = SandboxRequest::from_uri(method, uri, BTreeMap::new(), bytes);
    find(&req, uri).map(|routed| routed.request).unwrap_or(req)
}

/// Matches a request against [`ROUTES`].
///
/// `uri` is the path with its query string, quoted in ES's "no handler" and 405 errors.
pub fn find(req: &SandboxRequest, uri: &str) -> EsResult<Routed> {
    find_in(ROUTES, req, uri)
}

/// Matches a request against a route table (Elasticsearch's, or a profile's: see
/// [`crate::opensearch::route_table`]).
pub fn find_in(routes: &'static [Route], req: &SandboxRequest, uri: &str) -> EsResult<Routed> {
    let mut best: Option<(&'static Route, Vec<bool>, BTreeMap<String, String>)> = None;
    let mut allowed: Vec<&'static str> = Vec::new();
    let head_falls_back =
        !routes.iter().any(|r| r.method == Method::Head && match_pattern(r.pattern, &req.segments).is_some());
    for route in routes {
        let Some((score, params)) = match_pattern(route.pattern, &req.segments) else {
            continue;
        };
        let method_ok = route.method == req.method
            || (req.method == Method::Head && route.method == Method::Get && head_falls_back);
        if !method_ok {
            allowed.push(method_name(route.method));
            continue;
        }
        if best.as_ref().is_none_or(|(_, s, _)| score > *s) {
            best = Some((route, score, params));
        }
    }
    match best {
        Some((route, _, params)) => {
            let mut request = req.clone();
            request.query.extend(params);
            Ok(Routed { route, request })
        }
        None if !allowed.is_empty() => {
            allowed.sort_unstable();
            allowed.dedup();
            let allowed = allowed.join(", ");
            let message = format!(
                "Incorrect HTTP method for uri [{uri}] and method [{}], allowed: [{allowed}]",
                method_name(req.method)
            );
            Err(EsError::raw(405, json!({"error": message, "status": 405})).with_header("Allow", allowed))
        }
        None => Err(no_handler(req.method, uri)),
    }
}

/// The REST capabilities (ES's `RestHandler.supportedCapabilities`) of a route at the emulated
/// version: only behaviour the sandbox really has is claimed.
fn route_capabilities(route: &Route, version: super::version::EsVersion) -> Vec<&'static str> {
    let mut caps = Vec::new();
    match (route.method, route.pattern) {
        (Method::Get, "/_cluster/health") if version.at_least(8, 16) => caps.push("unassigned_pri_shard_count"),
        // The failure store's options in templates (`data_stream_options`), from its GA on.
        (Method::Post | Method::Put, "/_index_template/{name}") if super::data_streams::failure_store_ga(version) => {
            caps.push("failure_store_in_template")
        }
        (Method::Post, "/{index}/_rollover" | "/{index}/_rollover/{new_index}") => {
            if version.at_least(8, 15) {
                caps.push("return-404-on-missing-target");
            }
            if version.at_least(9, 3) {
                caps.push("max_size_deprecation");
            }
        }
        _ => {}
    }
    caps
}

/// `GET /_capabilities?method=…&path=…&capabilities=…` (8.14+): whether a route exists for the
/// method and path and has every named capability.
pub fn capabilities(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    if !cluster.version.at_least(8, 14) {
        return Err(no_handler(req.method, &req.path));
    }
    let method = match req.param("method").unwrap_or("GET").to_ascii_uppercase().as_str() {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        "PUT" => Method::Put,
        "POST" => Method::Post,
        "DELETE" => Method::Delete,
        _ => return Ok(SandboxResponse::ok(json!({"supported": false}))),
    };
    let path = req.param("path").unwrap_or("/");
    let probe = SandboxRequest::from_uri(method, path, BTreeMap::new(), Vec::new());
    let supported = match find(&probe, path) {
        Ok(routed) => {
            let has = route_capabilities(routed.route, cluster.version);
            super::expression::split_list(req.param("capabilities")).iter().all(|c| has.contains(&c.as_str()))
        }
        Err(_) => false,
    };
    Ok(SandboxResponse::ok(json!({"supported": supported})))
}

/// The security APIs on a cluster without security: the server answers them itself when users or
/// API keys are configured (it knows who is asking), and this is what ES says otherwise.
pub fn security_disabled(_cluster: &Cluster, _req: &SandboxRequest) -> EsResult<SandboxResponse> {
    Err(EsError::new(
        500,
        "security_exception",
        "Security must be explicitly enabled when using a [basic] license. Enable security by setting [xpack.security.enabled] to [true] in the elasticsearch.yml file and restart the node.",
    ))
}

/// ES's answer to a path no handler serves.
pub fn no_handler(method: Method, uri: &str) -> EsError {
    EsError::raw(
        400,
        json!({"error": format!("no handler found for uri [{uri}] and method [{}]", method_name(method)), "status": 400}),
    )
}

/// The method's name on the wire.
pub fn method_name(method: Method) -> &'static str {
    match method {
        Method::Get => "GET",
        Method::Head => "HEAD",
        Method::Put => "PUT",
        Method::Post => "POST",
        Method::Delete => "DELETE",
    }
}

/// Matches path segments against a pattern; the score marks literal positions so that literals win.
fn match_pattern(pattern: &str, segments: &[String]) -> Option<(Vec<bool>, BTreeMap<String, String>)> {
    let parts: Vec<&str> = pattern.split('/').filter(|p| !p.is_empty()).collect();
    if parts.len() != segments.len() {
        return None;
    }
    let mut score = Vec::with_capacity(parts.len());
    let mut params = BTreeMap::new();
    for (part, seg) in parts.iter().zip(segments) {
        if let Some(name) = part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            params.insert(name.to_string(), seg.clone());
            score.push(false);
        } else if part == seg {
            score.push(true);
        } else {
            return None;
        }
    }
    Some((score, params))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(method: Method, path: &str) -> SandboxRequest {
        SandboxRequest {
            method,
            path: path.to_string(),
            segments: path.split('/').filter(|s| !s.is_empty()).map(str::to_string).collect(),
            query: BTreeMap::new(),
            headers: BTreeMap::new(),
            body: vec![],
        }
    }

    #[test]
    fn literals_beat_parameters_and_params_are_merged() {
        let r = find(&req(Method::Get, "/_alias/foo"), "/_alias/foo").unwrap();
        assert_eq!(r.route.pattern, "/_alias/{name}");
        let r = find(&req(Method::Get, "/logs/_alias"), "/logs/_alias").unwrap();
        assert_eq!(r.route.pattern, "/{index}/_alias");
        assert_eq!(r.request.param("index"), Some("logs"));
        let r = find(&req(Method::Head, "/logs"), "/logs").unwrap();
        assert_eq!(r.route.pattern, "/{index}");
        assert_eq!(r.route.method, Method::Head);
    }

    #[test]
    fn unknown_paths_and_wrong_methods_answer_like_es() {
        let e = find(&req(Method::Get, "/a/b/c/d/e"), "/a/b/c/d/e?v").unwrap_err();
        assert_eq!(
            e.to_body(),
            json!({"error": "no handler found for uri [/a/b/c/d/e?v] and method [GET]", "status": 400})
        );
        let e = find(&req(Method::Delete, "/_cat/indices"), "/_cat/indices").unwrap_err();
        assert_eq!(e.status, 405);
        assert_eq!(
            e.to_body()["error"],
            "Incorrect HTTP method for uri [/_cat/indices] and method [DELETE], allowed: [GET]"
        );
    }

    #[test]
    fn capabilities_are_claimed_per_route_and_version() {
        let mut c = Cluster::new(crate::version::EsVersion::DEFAULT, 0);
        let ask = |c: &mut Cluster, q: &str| {
            let r = capabilities(
                c,
                &SandboxRequest::from_uri(Method::Get, &format!("/_capabilities?{q}"), BTreeMap::new(), vec![]),
            )
            .unwrap();
            r.body
        };
        let yes = crate::http::ResponseBody::Json(json!({"supported": true}));
        let no = crate::http::ResponseBody::Json(json!({"supported": false}));
        assert_eq!(ask(&mut c, "method=POST&path=/{index}/_rollover&capabilities=return-404-on-missing-target"), yes);
        assert_eq!(ask(&mut c, "method=GET&path=/_cluster/health&capabilities=unassigned_pri_shard_count"), no);
        assert_eq!(ask(&mut c, "method=GET&path=/_cluster/health"), yes);
        assert_eq!(ask(&mut c, "method=GET&path=/_nope/x/y/z/w"), no);
    }
}
