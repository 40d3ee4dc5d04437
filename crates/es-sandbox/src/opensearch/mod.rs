//! The OpenSearch profile: the sandbox answering as an OpenSearch 2.x or 3.x cluster
//! (`esops sandbox --distribution opensearch`).
//!
//! OpenSearch forked from Elasticsearch 7.10.2, so the shared REST surface (indices, templates,
//! pipelines, aliases, `_cat`) is served by the same handlers as Elasticsearch's 7.17 profile.
//! What differs lives here: the `GET /` answer, no `X-Elastic-Product` header, the X-Pack APIs
//! (ILM, SLM, data stream lifecycle, license) answering "no handler", and Index State Management
//! (ISM, the index-management plugin) in [`ism`]. Its hooks into the rest of the sandbox are the
//! route table ([`route_table`]), index creation ([`ism::on_index_created`]), the periodic run
//! ([`ism::run`]) and the index settings ISM adds ([`index_setting_known`]).

pub mod ism;

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::error::EsResult;
use super::http::{Method, SandboxRequest, SandboxResponse};
use super::router::{self, Handler, Route};
use super::state::Cluster;
use super::version::EsVersion;

/// An OpenSearch release, `major.minor.patch` (2.x and 3.x).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct OpenSearchVersion {
    /// 2 or 3.
    pub major: u32,
    /// Minor release.
    pub minor: u32,
    /// Patch release.
    pub patch: u32,
}

impl OpenSearchVersion {
    /// The release emulated unless told otherwise: the last 2.x line, which most managed domains run.
    pub const DEFAULT: OpenSearchVersion = OpenSearchVersion { major: 2, minor: 19, patch: 1 };

    /// Parses `2.19`, `2.19.1` or `3`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let parts: Vec<&str> = s.trim().split('.').collect();
        let number = |i: usize| -> Result<u32, String> {
            parts.get(i).map_or(Ok(0), |p| p.parse().map_err(|_| format!("invalid OpenSearch version [{s}]")))
        };
        let v = OpenSearchVersion { major: number(0)?, minor: number(1)?, patch: number(2)? };
        if parts.len() > 3 || lucene_version(v).is_none() {
            return Err(format!(
                "unsupported OpenSearch version [{s}]: the sandbox emulates OpenSearch 2.11 to 2.19 and 3.0 to 3.2"
            ));
        }
        Ok(v)
    }
}

impl std::fmt::Display for OpenSearchVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The Lucene release each OpenSearch minor ships (its `buildSrc/version.properties`).
fn lucene_version(v: OpenSearchVersion) -> Option<&'static str> {
    Some(match (v.major, v.minor) {
        (2, 11) => "9.7.0",
        (2, 12) => "9.9.2",
        (2, 13..=15) => "9.10.0",
        (2, 16 | 17) => "9.11.1",
        (2, 18) => "9.12.0",
        (2, 19) => "9.12.1",
        (3, 0) => "10.1.0",
        (3, 1 | 2) => "10.2.1",
        _ => return None,
    })
}

/// What makes a sandbox an OpenSearch cluster: its release and its ISM state.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OpenSearch {
    /// The release `GET /` reports.
    pub version: OpenSearchVersion,
    /// Index State Management: policies, managed indices, the job runner's bookkeeping.
    #[serde(default)]
    pub ism: ism::Ism,
}

impl OpenSearch {
    /// The Elasticsearch behaviour the shared handlers follow: OpenSearch forked from 7.10.2, and
    /// the sandbox's 7.17 profile is its nearest emulated ancestor.
    pub const ES_BEHAVIOUR: EsVersion = EsVersion { major: 7, minor: 17, patch: 0 };

    /// A fresh OpenSearch profile at `version`, no ISM policies.
    pub fn new(version: OpenSearchVersion, now_millis: i64) -> Self {
        OpenSearch { version, ism: ism::Ism::new(now_millis) }
    }
}

/// `GET /` on OpenSearch: `version.distribution: opensearch` (what clients tell the two apart by),
/// no `build_flavor`, OpenSearch's tagline, and the compatibility floor of the release (2.x
/// talks to 7.10 nodes and reads 7.x indices; 3.x talks to 2.19 and reads 2.x).
pub fn info(cluster: &Cluster, _req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let Some(os) = &cluster.opensearch else {
        return super::cluster_api::info(cluster, _req);
    };
    let (wire, index) = if os.version.major >= 3 { ("2.19.0", "2.0.0") } else { ("7.10.0", "7.0.0") };
    Ok(SandboxResponse::ok(json!({
        "name": cluster.node_name,
        "cluster_name": cluster.name,
        "cluster_uuid": cluster.uuid,
        "version": {
            "distribution": "opensearch",
            "number": os.version.to_string(),
            "build_type": "tar",
            "build_hash": "0000000000000000000000000000000000000000",
            "build_date": "2025-02-27T01:16:47.726162386Z",
            "build_snapshot": false,
            "lucene_version": lucene_version(os.version).unwrap_or("9.12.1"),
            "minimum_wire_compatibility_version": wire,
            "minimum_index_compatibility_version": index,
        },
        "tagline": "The OpenSearch Project: https://opensearch.org/",
    })))
}

/// Elasticsearch routes OpenSearch has no handler for: X-Pack's ILM, SLM, license and info, the
/// data stream lifecycle (8.11+), REST capabilities (8.14+) and the security realm's
/// `_authenticate` (OpenSearch's security plugin answers under `_plugins/_security`).
fn elasticsearch_only(pattern: &str) -> bool {
    pattern.starts_with("/_ilm")
        || pattern.starts_with("/{index}/_ilm")
        || pattern.starts_with("/_slm")
        || pattern.ends_with("/_lifecycle")
        || pattern == "/{index}/_lifecycle/explain"
        || matches!(pattern, "/_license" | "/_xpack" | "/_capabilities" | "/_security/_authenticate")
}

macro_rules! ism_routes {
    ($($method:ident $pattern:literal $action:literal => $handler:expr;)*) => {
        [$(Route { method: Method::$method, pattern: $pattern, action: $action, handler: $handler },)*]
    };
}

/// OpenSearch's route table: Elasticsearch's shared routes, its own `GET /`, and ISM under
/// `_plugins/_ism` (the plugin's `RestIndexPolicyAction`, `RestGetPolicyAction`, … — each also
/// registered under the legacy `_opendistro/_ism` prefix, as the plugin's replaced routes are).
static OPENSEARCH_ROUTES: LazyLock<Vec<Route>> = LazyLock::new(|| {
    use Handler::{Read, Write};
    let ism = ism_routes! {
        Put "/_plugins/_ism/policies/{policy_id}" "cluster:admin/opendistro/ism/policy/write" => Write(ism::api::put_policy);
        Get "/_plugins/_ism/policies" "cluster:admin/opendistro/ism/policy/search" => Read(ism::api::get_policies);
        Get "/_plugins/_ism/policies/{policy_id}" "cluster:admin/opendistro/ism/policy/get" => Read(ism::api::get_policy);
        Head "/_plugins/_ism/policies/{policy_id}" "cluster:admin/opendistro/ism/policy/get" => Read(ism::api::get_policy);
        Delete "/_plugins/_ism/policies/{policy_id}" "cluster:admin/opendistro/ism/policy/delete" => Write(ism::api::delete_policy);
        Post "/_plugins/_ism/add" "cluster:admin/opendistro/ism/managedindex/add" => Write(ism::api::add);
        Post "/_plugins/_ism/add/{index}" "cluster:admin/opendistro/ism/managedindex/add" => Write(ism::api::add);
        Post "/_plugins/_ism/remove" "cluster:admin/opendistro/ism/managedindex/remove" => Write(ism::api::remove);
        Post "/_plugins/_ism/remove/{index}" "cluster:admin/opendistro/ism/managedindex/remove" => Write(ism::api::remove);
        Post "/_plugins/_ism/change_policy" "cluster:admin/opendistro/ism/managedindex/change" => Write(ism::api::change_policy);
        Post "/_plugins/_ism/change_policy/{index}" "cluster:admin/opendistro/ism/managedindex/change" => Write(ism::api::change_policy);
        Post "/_plugins/_ism/retry" "cluster:admin/opendistro/ism/managedindex/retry" => Write(ism::api::retry);
        Post "/_plugins/_ism/retry/{index}" "cluster:admin/opendistro/ism/managedindex/retry" => Write(ism::api::retry);
        Get "/_plugins/_ism/explain" "cluster:admin/opendistro/ism/managedindex/explain" => Read(ism::api::explain);
        Get "/_plugins/_ism/explain/{index}" "cluster:admin/opendistro/ism/managedindex/explain" => Read(ism::api::explain);
        Post "/_plugins/_ism/explain" "cluster:admin/opendistro/ism/managedindex/explain" => Read(ism::api::explain);
        Post "/_plugins/_ism/explain/{index}" "cluster:admin/opendistro/ism/managedindex/explain" => Read(ism::api::explain);
    };
    let legacy: Vec<Route> = ism
        .iter()
        .map(|r| Route {
            method: r.method,
            pattern: r.pattern.replacen("/_plugins/", "/_opendistro/", 1).leak(),
            action: r.action,
            handler: r.handler,
        })
        .collect();
    router::ROUTES
        .iter()
        .filter(|r| !elasticsearch_only(r.pattern))
        .map(|r| match (r.method, r.pattern) {
            (Method::Get, "/") => Route { method: r.method, pattern: r.pattern, action: r.action, handler: Read(info) },
            _ => Route { method: r.method, pattern: r.pattern, action: r.action, handler: r.handler },
        })
        .chain(ism)
        .chain(legacy)
        .collect()
});

/// The routes a cluster serves: Elasticsearch's, or OpenSearch's for the OpenSearch profile.
pub fn route_table(cluster: &Cluster) -> &'static [Route] {
    if cluster.opensearch.is_some() { &OPENSEARCH_ROUTES } else { router::ROUTES }
}

/// Routes a request on `cluster`; OpenSearch's "no handler" answer is the 7.10 one, without the
/// `status` field Elasticsearch 8 added (`RestController.handleBadRequest`).
pub fn find(cluster: &Cluster, req: &SandboxRequest, uri: &str) -> EsResult<router::Routed> {
    let found = router::find_in(route_table(cluster), req, uri);
    match found {
        Err(mut e) if cluster.opensearch.is_some() && e.status == 400 => {
            if let Some(serde_json::Value::Object(body)) = &mut e.raw_body
                && body.get("error").is_some_and(serde_json::Value::is_string)
            {
                body.remove("status");
            }
            Err(e)
        }
        other => other,
    }
}

/// Whether the server names its product in `X-Elastic-Product` (Elasticsearch 7.14+ does;
/// OpenSearch never does, and Elastic's clients refuse a server without it).
pub fn sends_product_header(cluster: &Cluster) -> bool {
    cluster.opensearch.is_none()
}

/// The index settings only one distribution knows, `None` for the shared ones: ISM's
/// (`index.plugins.index_state_management.*` and the legacy `index.opendistro.*` names, all
/// dynamic, `ManagedIndexSettings.kt`) exist on OpenSearch only, and ILM's `index.lifecycle.*`
/// on Elasticsearch only — OpenSearch refuses them as unknown settings.
pub fn index_setting_known(cluster: &Cluster, key: &str) -> Option<bool> {
    let ism = key.starts_with("index.plugins.index_state_management.")
        || key.starts_with("index.opendistro.index_state_management.");
    let ilm = key.starts_with("index.lifecycle.");
    match (cluster.opensearch.is_some(), ism, ilm) {
        (true, true, _) => Some(ISM_INDEX_SETTINGS.contains(&ism_setting_name(key))),
        (true, _, true) | (false, true, _) => Some(false),
        _ => None,
    }
}

/// ISM's cluster settings on OpenSearch (`plugins.index_state_management.*` and their legacy
/// `opendistro.index_state_management.*` names, `ManagedIndexSettings.kt`): the runner reads
/// `job_interval` and `enabled`.
pub fn cluster_setting_known(cluster: &Cluster, key: &str) -> bool {
    cluster.opensearch.is_some()
        && (key.starts_with("plugins.index_state_management.") || key.starts_with("opendistro.index_state_management."))
}

/// The ISM index settings, without their prefix (`ManagedIndexSettings.kt`,
/// `LegacyOpenDistroManagedIndexSettings.kt`).
const ISM_INDEX_SETTINGS: [&str; 4] = ["rollover_alias", "rollover_skip", "auto_manage", "policy_id"];

fn ism_setting_name(key: &str) -> &str {
    key.rsplit('.').next().unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn opensearch() -> Cluster {
        let mut c = Cluster::new(OpenSearch::ES_BEHAVIOUR, 1_700_000_000_000);
        c.opensearch = Some(OpenSearch::new(OpenSearchVersion::DEFAULT, 1_700_000_000_000));
        c
    }

    fn get(c: &Cluster, uri: &str) -> EsResult<router::Routed> {
        let req = SandboxRequest::from_uri(Method::Get, uri, BTreeMap::new(), vec![]);
        find(c, &req, uri)
    }

    #[test]
    fn versions_parse_within_the_emulated_releases() {
        assert_eq!(OpenSearchVersion::parse("2.19").unwrap(), OpenSearchVersion { major: 2, minor: 19, patch: 0 });
        assert_eq!(OpenSearchVersion::parse("3.1.0").unwrap().to_string(), "3.1.0");
        assert!(OpenSearchVersion::parse("1.3").unwrap_err().contains("2.11 to 2.19"));
        assert!(OpenSearchVersion::parse("x").is_err());
    }

    #[test]
    fn root_answers_as_opensearch() {
        let c = opensearch();
        let routed = get(&c, "/").unwrap();
        let body = match routed.route.handler.call(&mut c.clone(), &routed.request).unwrap().body {
            crate::http::ResponseBody::Json(v) => v,
            other => panic!("{other:?}"),
        };
        assert_eq!(body["version"]["distribution"], "opensearch");
        assert_eq!(body["version"]["number"], "2.19.1");
        assert_eq!(body["version"]["lucene_version"], "9.12.1");
        assert_eq!(body["version"]["minimum_wire_compatibility_version"], "7.10.0");
        assert!(body["version"].get("build_flavor").is_none());
        assert_eq!(body["tagline"], "The OpenSearch Project: https://opensearch.org/");
    }

    #[test]
    fn xpack_apis_have_no_handler_and_ism_is_served() {
        let c = opensearch();
        let e = get(&c, "/_ilm/policy").unwrap_err();
        assert_eq!(e.to_body(), json!({"error": "no handler found for uri [/_ilm/policy] and method [GET]"}));
        assert!(get(&c, "/logs/_ilm/explain").is_err());
        assert!(get(&c, "/_data_stream/logs/_lifecycle").is_err());
        assert_eq!(get(&c, "/_plugins/_ism/explain/logs").unwrap().route.pattern, "/_plugins/_ism/explain/{index}");
        assert_eq!(get(&c, "/_opendistro/_ism/policies").unwrap().route.pattern, "/_opendistro/_ism/policies");
        // Elasticsearch has no ISM: the path is an index name there.
        let es = Cluster::new(EsVersion::DEFAULT, 0);
        assert!(get(&es, "/_plugins/_ism/policies").is_err());
        assert!(get(&es, "/_ilm/policy").is_ok());
    }

    #[test]
    fn each_distribution_knows_its_own_lifecycle_settings() {
        let os = opensearch();
        let es = Cluster::new(EsVersion::DEFAULT, 0);
        assert_eq!(index_setting_known(&os, "index.plugins.index_state_management.rollover_alias"), Some(true));
        assert_eq!(index_setting_known(&os, "index.plugins.index_state_management.nope"), Some(false));
        assert_eq!(index_setting_known(&os, "index.lifecycle.name"), Some(false));
        assert_eq!(index_setting_known(&es, "index.plugins.index_state_management.rollover_alias"), Some(false));
        assert_eq!(index_setting_known(&es, "index.lifecycle.name"), None);
        assert_eq!(index_setting_known(&os, "index.number_of_replicas"), None);
    }
}
