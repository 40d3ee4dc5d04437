//! The cluster under test and the HTTP client that talks to it.
//!
//! By default every test gets a fresh sandbox (so no test sees another's leftovers and a broken
//! delete API in the sandbox cannot cascade). With `ESOPS_TEST_URL` the tests run against a real
//! cluster instead; between tests, everything the tests created there is deleted (see [`Baseline`]).

use std::collections::BTreeSet;
use std::time::Duration;

use base64::Engine;
use serde_json::Value;

use super::spec::encode_path_part;

/// A response, fully read.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Headers, names lower-cased, in arrival order.
    pub headers: Vec<(String, String)>,
    /// Raw body.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// All values of a header.
    pub fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers.iter().filter(move |(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The body as JSON when the server says it is JSON.
    pub fn json(&self) -> Option<Value> {
        let is_json = self.header_values("content-type").any(|t| t.contains("json"));
        if is_json { serde_json::from_slice(&self.body).ok() } else { None }
    }
}

/// A blocking HTTP client over a private single-threaded runtime (the sandbox runs its own).
pub struct Http {
    runtime: tokio::runtime::Runtime,
    client: reqwest::Client,
    base: String,
    authorization: Option<String>,
}

impl Http {
    /// A client for `base` (`http://127.0.0.1:PORT`), sending `authorization` with every request.
    pub fn new(base: &str, authorization: Option<String>) -> Result<Self, String> {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
        let client = {
            let _guard = runtime.enter();
            reqwest::Client::builder()
                .timeout(Duration::from_secs(30))
                .build()
                .map_err(|e| format!("cannot build HTTP client: {e}"))?
        };
        Ok(Http { runtime, client, base: base.trim_end_matches('/').to_string(), authorization })
    }

    /// Points the client at another server (a fresh sandbox).
    pub fn set_base(&mut self, base: &str) {
        self.base = base.trim_end_matches('/').to_string();
    }

    /// Sends one request. `path` is already percent-encoded; `query` is not.
    pub fn send(
        &self,
        method: &str,
        path: &str,
        query: &[(String, String)],
        headers: &[(String, String)],
        body: Option<(Vec<u8>, &str)>,
    ) -> Result<HttpResponse, String> {
        let mut url = format!("{}{}", self.base, path);
        if !query.is_empty() {
            let encoded: String = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(query).finish();
            url.push('?');
            url.push_str(&encoded);
        }
        let method = reqwest::Method::from_bytes(method.as_bytes()).map_err(|e| format!("bad method {method}: {e}"))?;
        let mut request = self.client.request(method, &url);
        if let Some(auth) = &self.authorization {
            request = request.header("authorization", auth);
        }
        if let Some((bytes, content_type)) = body {
            // a Content-Type the test sets itself wins
            if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("content-type")) {
                request = request.header("content-type", content_type);
            }
            request = request.body(bytes);
        }
        for (name, value) in headers {
            request = request.header(name.as_str(), value.as_str());
        }
        self.runtime.block_on(async {
            let response = request.send().await.map_err(|e| format!("{url}: {e}"))?;
            let status = response.status().as_u16();
            let headers = response
                .headers()
                .iter()
                .map(|(k, v)| (k.as_str().to_ascii_lowercase(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
                .collect();
            let body = response.bytes().await.map_err(|e| format!("{url}: reading the body: {e}"))?.to_vec();
            Ok(HttpResponse { status, headers, body })
        })
    }

    /// GET returning JSON (for the runner's own bookkeeping requests).
    pub fn get_json(&self, path: &str) -> Result<Value, String> {
        let response = self.send("GET", path, &[], &[], None)?;
        if response.status >= 300 {
            return Err(format!("GET {path}: {} {}", response.status, String::from_utf8_lossy(&response.body)));
        }
        serde_json::from_slice(&response.body).map_err(|e| format!("GET {path}: not JSON: {e}"))
    }
}

/// Where the tests run.
pub enum Target {
    /// A fresh in-process sandbox per test.
    Sandbox(Option<SandboxHandle>),
    /// A real cluster from `ESOPS_TEST_URL`, with what it held before the run.
    Remote(Baseline),
}

impl Target {
    /// The target the environment asks for, with a client pointed at it.
    pub fn from_env() -> Result<(Target, Http), String> {
        match std::env::var("ESOPS_TEST_URL") {
            Ok(url) if !url.trim().is_empty() => {
                let http = Http::new(&url, authorization_from_env())?;
                Ok((Target::Remote(Baseline::take(&http)?), http))
            }
            _ => {
                let sandbox = start_sandbox(1)?;
                let http = Http::new(&sandbox.url(), None)?;
                Ok((Target::Sandbox(Some(sandbox)), http))
            }
        }
    }

    /// A short description for the report.
    pub fn describe(&self) -> &'static str {
        match self {
            Target::Sandbox(_) => "sandbox (fresh per test)",
            Target::Remote(_) => "ESOPS_TEST_URL (what tests create is deleted between tests)",
        }
    }

    /// Leaves the cluster as it was found (a sandbox simply stops).
    pub fn finish(&mut self, http: &Http) -> Result<(), String> {
        match self {
            Target::Sandbox(current) => {
                current.take();
                Ok(())
            }
            Target::Remote(baseline) => baseline.restore(http),
        }
    }

    /// Makes the cluster empty before a test; a sandbox gets the `nodes` data nodes the test's
    /// suite runs on in Elasticsearch's build (a real cluster has what it has).
    pub fn prepare(&mut self, http: &mut Http, nodes: u64) -> Result<(), String> {
        match self {
            Target::Sandbox(current) => {
                // drop the old one first: its port and thread go away before the next starts
                current.take();
                let fresh = start_sandbox(nodes)?;
                http.set_base(&fresh.url());
                *current = Some(fresh);
                Ok(())
            }
            Target::Remote(baseline) => baseline.restore(http),
        }
    }
}

/// `Authorization` from `ESOPS_TEST_API_KEY` or `ESOPS_TEST_USER`/`ESOPS_TEST_PASSWORD`.
fn authorization_from_env() -> Option<String> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if let Some(key) = var("ESOPS_TEST_API_KEY") {
        return Some(format!("ApiKey {key}"));
    }
    let user = var("ESOPS_TEST_USER")?;
    let password = var("ESOPS_TEST_PASSWORD").unwrap_or_default();
    Some(format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))))
}

/// The kinds of resources tests create, in deletion order: how to list them, where to delete them.
const RESOURCE_KINDS: &[ResourceKind] = &[
    ResourceKind { list: "/_data_stream?expand_wildcards=all", delete: "/_data_stream/" },
    ResourceKind { list: "/_cat/indices?format=json&h=index&expand_wildcards=all", delete: "/" },
    ResourceKind { list: "/_index_template", delete: "/_index_template/" },
    ResourceKind { list: "/_component_template", delete: "/_component_template/" },
    ResourceKind { list: "/_template", delete: "/_template/" },
    ResourceKind { list: "/_ilm/policy", delete: "/_ilm/policy/" },
    ResourceKind { list: "/_ingest/pipeline", delete: "/_ingest/pipeline/" },
];

/// One kind of resource.
struct ResourceKind {
    list: &'static str,
    delete: &'static str,
}

/// The resource names a real cluster had before the run, per kind. Cleanup deletes only what is not
/// in it, so a shared test cluster keeps its own data (Elasticsearch's framework wipes everything,
/// which is only acceptable on a throwaway cluster).
pub struct Baseline(Vec<BTreeSet<String>>);

impl Baseline {
    /// Lists what exists now.
    fn take(http: &Http) -> Result<Self, String> {
        RESOURCE_KINDS.iter().map(|kind| list_names(http, kind.list)).collect::<Result<_, _>>().map(Baseline)
    }

    /// Deletes everything that is not part of the baseline, kind by kind.
    fn restore(&self, http: &Http) -> Result<(), String> {
        for (kind, before) in RESOURCE_KINDS.iter().zip(&self.0) {
            let extra: Vec<String> = list_names(http, kind.list)?.into_iter().filter(|n| !before.contains(n)).collect();
            // by name, in batches that keep the URL short (a wildcard could hit what we must keep)
            for batch in extra.chunks(40) {
                let names: Vec<String> = batch.iter().map(|n| encode_path_part(n)).collect();
                let path = format!("{}{}", kind.delete, names.join(","));
                let response = http.send("DELETE", &path, &[], &[], None)?;
                if response.status >= 300 && response.status != 404 {
                    return Err(format!(
                        "DELETE {path}: {} {}",
                        response.status,
                        String::from_utf8_lossy(&response.body)
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The names a listing endpoint returns: `[{"index": …}]` (cat), `{"data_streams": [{"name": …}]}`,
/// `{"index_templates": [{"name": …}]}`, or an object keyed by name (policies, pipelines, legacy templates).
fn list_names(http: &Http, list: &str) -> Result<BTreeSet<String>, String> {
    let (path, query) = list.split_once('?').unwrap_or((list, ""));
    let query: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let response = http.send("GET", path, &query, &[], None)?;
    if response.status == 404 {
        return Ok(BTreeSet::new());
    }
    let body = response.json().ok_or_else(|| format!("GET {list}: {} with no JSON body", response.status))?;
    let names = match &body {
        Value::Array(rows) => rows.iter().filter_map(|r| r.get("index")?.as_str().map(str::to_string)).collect(),
        Value::Object(map) => {
            match ["data_streams", "index_templates", "component_templates"].iter().find_map(|k| map.get(*k)) {
                Some(Value::Array(items)) => {
                    items.iter().filter_map(|i| i.get("name")?.as_str().map(str::to_string)).collect()
                }
                _ => map.keys().cloned().collect(),
            }
        }
        _ => BTreeSet::new(),
    };
    Ok(names)
}

/// A running sandbox; stops when dropped.
pub struct SandboxHandle(es_sandbox::BackgroundSandbox);

impl SandboxHandle {
    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        self.0.url()
    }
}

/// How many nodes the test cluster of the suite holding `corpus_path` has in Elasticsearch's build:
/// `DataStreamsClientYamlTestSuiteIT` (modules/data-streams) starts two nodes, so its tests wait
/// for green with one replica; the other suites here run on the test clusters' default of one.
pub fn test_cluster_nodes(corpus_path: &str) -> u64 {
    if corpus_path.starts_with("modules/data-streams/") { 2 } else { 1 }
}

/// The one place that knows how to start a sandbox: the default configuration (no security, the
/// default version profile, the real time as the virtual clock's start) on `nodes` nodes.
fn start_sandbox(nodes: u64) -> Result<SandboxHandle, String> {
    // The node settings of Elasticsearch's YAML test clusters (the `yamlRestTest` task's
    // `testClusters` configuration): wildcard deletes allowed, and the `testattr` attribute
    // tests read back.
    let node_settings = [("action.destructive_requires_name", "false"), ("node.attr.testattr", "test")]
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .to_vec();
    let config = es_sandbox::SandboxConfig { nodes: Some(nodes), node_settings, ..Default::default() };
    es_sandbox::BackgroundSandbox::start(config).map(SandboxHandle).map_err(|e| format!("starting the sandbox: {e:#}"))
}
