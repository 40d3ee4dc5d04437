//! The cluster under test and the HTTP client that talks to it.
//!
//! By default every test gets a fresh sandbox (so no test sees another's leftovers and a broken
//! delete API in the sandbox cannot cascade). With `ESOPS_TEST_URL` the tests run against a real
//! cluster instead, which is wiped between tests the way Elasticsearch's own test framework does.

use std::time::Duration;

use base64::Engine;
use serde_json::Value;

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
    /// A real cluster from `ESOPS_TEST_URL`.
    Remote,
}

impl Target {
    /// The target the environment asks for, with a client pointed at it.
    pub fn from_env() -> Result<(Target, Http), String> {
        match std::env::var("ESOPS_TEST_URL") {
            Ok(url) if !url.trim().is_empty() => Ok((Target::Remote, Http::new(&url, authorization_from_env())?)),
            _ => {
                let sandbox = start_sandbox()?;
                let http = Http::new(&sandbox.url(), None)?;
                Ok((Target::Sandbox(Some(sandbox)), http))
            }
        }
    }

    /// A short description for the report.
    pub fn describe(&self) -> &'static str {
        match self {
            Target::Sandbox(_) => "sandbox (fresh per test)",
            Target::Remote => "ESOPS_TEST_URL (wiped between tests)",
        }
    }

    /// Makes the cluster empty before a test.
    pub fn prepare(&mut self, http: &mut Http) -> Result<(), String> {
        match self {
            Target::Sandbox(current) => {
                // drop the old one first: its port and thread go away before the next starts
                current.take();
                let fresh = start_sandbox()?;
                http.set_base(&fresh.url());
                *current = Some(fresh);
                Ok(())
            }
            Target::Remote => wipe(http),
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

/// Deletes what the tests create, like `ESRestTestCase.wipeCluster`: data streams, indices
/// (hidden ones too), composable/component/legacy templates, ILM policies, ingest pipelines.
/// Resources Elasticsearch manages itself (names starting with `.`, `_meta.managed: true`) stay.
fn wipe(http: &Http) -> Result<(), String> {
    let all = [("expand_wildcards".to_string(), "all".to_string())];
    let delete = |path: &str, query: &[(String, String)]| -> Result<(), String> {
        let r = http.send("DELETE", path, query, &[], None)?;
        match r.status {
            200..=299 | 404 => Ok(()),
            s => Err(format!("DELETE {path}: {s} {}", String::from_utf8_lossy(&r.body))),
        }
    };
    delete("/_data_stream/*", &all)?;
    delete("/*,-.*", &all)?;
    for (list, item_key, path) in [
        ("/_index_template", "index_templates", "/_index_template/"),
        ("/_component_template", "component_templates", "/_component_template/"),
    ] {
        let body = http.get_json(list).unwrap_or(Value::Null);
        for entry in body.get(item_key).and_then(Value::as_array).into_iter().flatten() {
            let name = entry.get("name").and_then(Value::as_str).unwrap_or_default();
            let managed =
                entry.pointer(&format!("/{}/_meta/managed", item_key.trim_end_matches('s'))).and_then(Value::as_bool);
            if !name.starts_with('.') && managed != Some(true) {
                delete(&format!("{path}{name}"), &[])?;
            }
        }
    }
    for (list, path) in
        [("/_template", "/_template/"), ("/_ilm/policy", "/_ilm/policy/"), ("/_ingest/pipeline", "/_ingest/pipeline/")]
    {
        let body = http.get_json(list).unwrap_or(Value::Null);
        for (name, def) in body.as_object().into_iter().flatten() {
            let managed =
                def.pointer("/policy/_meta/managed").or_else(|| def.pointer("/_meta/managed")).and_then(Value::as_bool);
            if !name.starts_with('.') && managed != Some(true) {
                delete(&format!("{path}{name}"), &[])?;
            }
        }
    }
    Ok(())
}

/// A running sandbox; stops when dropped.
pub struct SandboxHandle {
    inner: fake::FakeSandbox,
}

impl SandboxHandle {
    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        self.inner.url()
    }
}

/// The one place that knows how to start a sandbox.
fn start_sandbox() -> Result<SandboxHandle, String> {
    Ok(SandboxHandle { inner: fake::FakeSandbox::start()? })
}

/// Stand-in until `esops::sandbox::BackgroundSandbox` exists: answers `GET /` and refuses the rest
/// the way Elasticsearch refuses an unknown route.
mod fake {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpListener;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    pub struct FakeSandbox {
        port: u16,
        stop: Arc<AtomicBool>,
    }

    impl FakeSandbox {
        pub fn start() -> Result<Self, String> {
            let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
            let port = listener.local_addr().map_err(|e| e.to_string())?.port();
            let stop = Arc::new(AtomicBool::new(false));
            let stopped = stop.clone();
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stopped.load(Ordering::SeqCst) {
                        break;
                    }
                    if let Ok(stream) = stream {
                        let _ = serve(stream);
                    }
                }
            });
            Ok(FakeSandbox { port, stop })
        }

        pub fn url(&self) -> String {
            format!("http://127.0.0.1:{}", self.port)
        }
    }

    impl Drop for FakeSandbox {
        fn drop(&mut self) {
            self.stop.store(true, Ordering::SeqCst);
            let _ = std::net::TcpStream::connect(("127.0.0.1", self.port));
        }
    }

    fn serve(stream: std::net::TcpStream) -> std::io::Result<()> {
        let mut reader = BufReader::new(stream.try_clone()?);
        let mut writer = stream;
        loop {
            let mut request_line = String::new();
            if reader.read_line(&mut request_line)? == 0 {
                return Ok(());
            }
            let mut length = 0usize;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line)?;
                if line.trim().is_empty() {
                    break;
                }
                if let Some((k, v)) = line.split_once(':')
                    && k.eq_ignore_ascii_case("content-length")
                {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body)?;
            let mut parts = request_line.split_whitespace();
            let (method, uri) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            let (status, text) = if method == "GET" && uri == "/" {
                (200, r#"{"name":"fake","cluster_name":"fake","version":{"number":"8.15.0"},"tagline":"You Know, for Search"}"#.to_string())
            } else {
                (400, format!(r#"{{"error":"no handler found for uri [{uri}] and method [{method}]","status":400}}"#))
            };
            let body = if method == "HEAD" { String::new() } else { text.clone() };
            write!(
                writer,
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\nx-elastic-product: Elasticsearch\r\ncontent-length: {}\r\n\r\n{body}",
                if method == "HEAD" { text.len() } else { body.len() }
            )?;
        }
    }
}
