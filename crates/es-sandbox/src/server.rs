//! The HTTP(S) server: decodes requests, applies the wire-level concerns (authentication, fault
//! injection, request accounting, `filter_path`, compatibility headers) and hands the rest to the
//! router. Handlers never see sockets; this module never sees cluster rules.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinSet;
use tokio_rustls::TlsAcceptor;

use super::auth::{self, Realm};
use super::clock;
use super::control;
use super::error::EsError;
use super::faults::{FaultAnswer, FaultBook, RequestLog};
use super::filter_path;
use super::http::{Method, ResponseBody, SandboxRequest, SandboxResponse};
use super::media_type::ParsedMediaType;
use super::params;
use super::router::{self, Handler};
use super::state::Cluster;

/// ES's default `http.max_initial_line_length` (4kb).
const MAX_INITIAL_LINE_LENGTH: usize = 4096;

/// Everything the connection tasks share.
pub struct Shared {
    /// The cluster state: read by any number of requests at once, changed by one at a time
    /// (see [`router::Handler`]).
    pub cluster: Arc<RwLock<Cluster>>,
    /// Queued faults.
    pub faults: Mutex<FaultBook>,
    /// Request counts.
    pub requests: Mutex<RequestLog>,
    /// Credentials.
    pub realm: Realm,
    /// Headers a gateway in front of the cluster requires (name, exact value).
    pub required_headers: Vec<(String, String)>,
    /// SigV4 checking in front of the cluster, as AWS does.
    pub aws_sigv4: Option<super::sigv4::AwsSigV4>,
}

/// Locks a mutex, recovering the data if a handler panicked while holding it: the sandbox keeps
/// serving rather than poisoning every later request.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Takes the cluster state's shared lock, recovering it as [`lock`] does.
pub fn read<T>(l: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    l.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Takes the cluster state's exclusive lock, recovering it as [`lock`] does.
pub fn write<T>(l: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    l.write().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The error a service returns to make hyper close the connection without answering.
#[derive(Debug)]
struct DroppedConnection;

impl std::fmt::Display for DroppedConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by an injected fault")
    }
}

impl std::error::Error for DroppedConnection {}

/// Accepts connections until `stop` fires, then ends every open connection.
/// The first byte of a TLS connection: a handshake record (a ClientHello).
const TLS_HANDSHAKE: u8 = 0x16;

/// Serves connections until `stop` fires.
pub async fn accept_loop(
    listener: TcpListener,
    tls: Option<TlsAcceptor>,
    shared: Arc<Shared>,
    mut stop: oneshot::Receiver<()>,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let shared = shared.clone();
                let tls = tls.clone();
                connections.spawn(async move {
                    let service = service_fn(move |req| handle(shared.clone(), req));
                    let builder = http1::Builder::new();
                    // Connection errors (client went away, injected drops) end only that connection.
                    match tls {
                        Some(acceptor) => {
                            // As Elasticsearch's Netty4HttpServerTransport: plain HTTP on the HTTPS
                            // port is logged and the connection closed, without an answer.
                            let mut first = [0u8; 1];
                            if stream.peek(&mut first).await.is_ok_and(|n| n == 1) && first[0] != TLS_HANDSHAKE {
                                tracing::warn!(
                                    target: "esops::sandbox",
                                    "received plaintext http traffic on an https channel, closing connection"
                                );
                                return;
                            }
                            if let Ok(stream) = acceptor.accept(stream).await {
                                let _ = builder.serve_connection(TokioIo::new(stream), service).await;
                            }
                        }
                        None => {
                            let _ = builder.serve_connection(TokioIo::new(stream), service).await;
                        }
                    }
                });
            }
            // Reap finished connections so the set does not grow without bound.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    connections.abort_all();
}

async fn handle(
    shared: Arc<Shared>,
    req: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, DroppedConnection> {
    // Elasticsearch carries on with a request whose client went away (a closed channel does not
    // cancel a write): the request runs as a task of its own, which the connection dropping its
    // future does not stop. That is what makes a lost answer possible, and testable.
    tokio::spawn(process(shared, req)).await.unwrap_or(Err(DroppedConnection))
}

async fn process(
    shared: Arc<Shared>,
    req: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, DroppedConnection> {
    let started = std::time::Instant::now();
    let (parts, body) = req.into_parts();
    // A body cut short is no request at all: nothing is carried out.
    // `Vec::from` takes the collected buffer over instead of copying it (bulk bodies are megabytes).
    let body = body.collect().await.map(|b| Vec::from(b.to_bytes())).map_err(|_| DroppedConnection)?;
    let uri = parts.uri.path_and_query().map_or_else(|| parts.uri.path().to_string(), |pq| pq.as_str().to_string());
    let headers: BTreeMap<String, String> = parts
        .headers
        .iter()
        .filter_map(|(k, v)| v.to_str().ok().map(|v| (k.as_str().to_ascii_lowercase(), v.to_string())))
        .collect();
    let method = match parts.method.as_str() {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        "PUT" => Method::Put,
        "POST" => Method::Post,
        "DELETE" => Method::Delete,
        other => {
            let body = json!({"error": format!("Incorrect HTTP method for uri [{uri}] and method [{other}], allowed: [GET, HEAD, PUT, POST, DELETE]"), "status": 405});
            return Ok(to_hyper(Method::Get, &BTreeMap::new(), SandboxResponse::json(405, body), None, true));
        }
    };
    // `http.max_initial_line_length`: ES's HTTP decoder refuses longer request lines, which is what
    // a client deleting many indices by name runs into.
    let request_line = parts.method.as_str().len() + 1 + uri.len() + " HTTP/1.1".len();
    if request_line > MAX_INITIAL_LINE_LENGTH {
        let error = EsError::new(
            400,
            "too_long_http_line_exception",
            format!("An HTTP line is larger than {MAX_INITIAL_LINE_LENGTH} bytes."),
        );
        return Ok(to_hyper(method, &BTreeMap::new(), SandboxResponse::from(error), None, true));
    }
    let req = SandboxRequest::from_uri(method, &uri, headers, body);
    let product_header = crate::opensearch::sends_product_header(&read(&shared.cluster));
    let compat = match compatible_content_type(&req, &shared) {
        Ok(c) => c,
        Err(e) => {
            return Ok(to_hyper(method, &req.query, SandboxResponse::from(e), None, product_header));
        }
    };
    let response = if req.segments.first().is_some_and(|s| s == "_sandbox") {
        control::handle(&shared, &req)
    } else {
        match serve_es(&shared, &req, &uri).await {
            Some(r) => r,
            None => return Err(DroppedConnection),
        }
    };
    // ES echoes the client's request id, which clients use to correlate logs and slow requests.
    let response = match req.headers.get("x-opaque-id") {
        Some(id) => response.with_header("X-Opaque-Id", id.clone()),
        None => response,
    };
    // A request log for `esops sandbox -v`; a library emits events, the binary decides where they go.
    tracing::info!(target: "esops::sandbox", "{} {} -> {} ({} ms)", parts.method, uri, response.status, started.elapsed().as_millis());
    Ok(to_hyper(method, &req.query, response, compat.as_deref(), product_header))
}

/// Serves one Elasticsearch request; `None` means "drop the connection".
///
/// Order as in ES's `RestController`: a path without handler is refused first, then a body
/// without a usable `Content-Type`, then security (401/403), then the handler. Faults sit in
/// front of all of it, like a proxy would, and every request is counted.
async fn serve_es(shared: &Shared, req: &SandboxRequest, uri: &str) -> Option<SandboxResponse> {
    if let Some(refusal) = gateway_check(&shared.required_headers, req) {
        return Some(refusal);
    }
    if let Some(aws) = &shared.aws_sigv4
        && let Some(refusal) = aws.check(req, uri, chrono::Utc::now().timestamp())
    {
        return Some(refusal);
    }
    let routed = crate::opensearch::find(&read(&shared.cluster), req, uri);
    let route_key = match &routed {
        Ok(r) => format!("{} {}", router::method_name(req.method), r.route.pattern),
        Err(_) => format!("{} {}", router::method_name(req.method), req.path),
    };
    lock(&shared.requests).record(route_key);
    let fault = lock(&shared.faults).take(router::method_name(req.method), uri);
    let mut routed = Some(routed);
    // The work happens, and then the answer is lost: what a client sees when a proxy times out
    // or the connection breaks after Elasticsearch carried the request out.
    let done = match &fault {
        Some(f) if f.after_work => routed.take().map(|r| answer(shared, req, uri, r)),
        _ => None,
    };
    if let Some(fault) = fault {
        if fault.latency_ms > 0 {
            tokio::time::sleep(Duration::from_millis(fault.latency_ms)).await;
        }
        if fault.drop_connection {
            return None;
        }
        if let Some(FaultAnswer { status, body, headers }) = fault.answer {
            let body = match body {
                Some(Value::String(text)) => ResponseBody::Text(text),
                Some(json) => ResponseBody::Json(json),
                None => ResponseBody::Empty,
            };
            return Some(SandboxResponse { status, body, headers });
        }
    }
    if let Some(done) = done {
        return Some(done);
    }
    routed.map(|r| answer(shared, req, uri, r))
}

/// Content type, security, parameters and the handler: the cluster's own answer to `req`.
fn answer(
    shared: &Shared,
    req: &SandboxRequest,
    uri: &str,
    routed: crate::error::EsResult<router::Routed>,
) -> SandboxResponse {
    let routed = match routed {
        Ok(r) => r,
        Err(e) => return e.into(),
    };
    if let Err(e) = check_content_type(req) {
        return e.into();
    }
    // Behind IAM, the signature was the authentication; the domain's own security is not asked.
    let realm = if shared.aws_sigv4.is_some() { &auth::Realm::default() } else { &shared.realm };
    let principal = match realm.authenticate(req, uri) {
        Ok(p) => p,
        Err(e) => return e.into(),
    };
    if let Err(e) = auth::authorize(&principal, routed.route.action, routed.request.param("index")) {
        return e.into();
    }
    if let Err(e) = params::check(routed.route, &routed.request) {
        return e.into();
    }
    if routed.route.pattern == "/_security/_authenticate" && !shared.realm.is_open() {
        return SandboxResponse::ok(principal.authenticate_body());
    }
    run_periodic_if_due(shared);
    let answer = match routed.route.handler {
        Handler::Read(handler) => handler(&read(&shared.cluster), &routed.request),
        Handler::Write(handler) => handler(&mut write(&shared.cluster), &routed.request),
    };
    answer.unwrap_or_else(SandboxResponse::from)
}

/// ILM's periodic run, when a poll interval has passed on the clock since the last one (see
/// [`clock`]): before the request, so that it sees the cluster as ILM left it. Whether it is due
/// is decided with what a read needs; the cluster is only changed (and checked again, another
/// request may have run it meanwhile) when it is.
fn run_periodic_if_due(shared: &Shared) {
    if !clock::periodic_due(&read(&shared.cluster)) {
        return;
    }
    let mut cluster = write(&shared.cluster);
    if clock::periodic_due(&cluster)
        && let Err(e) = clock::run_periodic(&mut cluster)
    {
        tracing::warn!(target: "esops::sandbox", "the periodic run failed: {}", e.reason);
    }
}

/// What a header-checking gateway in front of the cluster answers when a required header is
/// missing or wrong: 403 with the gateway's own JSON (not Elasticsearch's error shape), naming the
/// header but never echoing a value.
fn gateway_check(required: &[(String, String)], req: &SandboxRequest) -> Option<SandboxResponse> {
    let (name, _) = required
        .iter()
        .find(|(name, value)| req.headers.get(&name.to_ascii_lowercase()).is_none_or(|sent| sent != value))?;
    let message = match req.headers.get(&name.to_ascii_lowercase()) {
        None => format!("Forbidden: missing header {name}"),
        Some(_) => format!("Forbidden: wrong value for header {name}"),
    };
    Some(SandboxResponse::json(403, json!({ "message": message })))
}

/// Media types ES parses request bodies in.
const BODY_TYPES: [&str; 6] = [
    "application/json",
    "application/x-ndjson",
    "application/yaml",
    "application/cbor",
    "application/smile",
    "application/vnd.elasticsearch+",
];

/// ES answers a body without a (supported) `Content-Type` with a 406 string error.
fn check_content_type(req: &SandboxRequest) -> Result<(), EsError> {
    if req.body.is_empty() {
        return Ok(());
    }
    let message = match req.headers.get("content-type") {
        None => "Content-Type header is missing".to_string(),
        Some(ct) if BODY_TYPES.iter().any(|t| ct.trim().to_ascii_lowercase().starts_with(t)) => return Ok(()),
        Some(ct) => format!("Content-Type header [{ct}] is not supported"),
    };
    Err(EsError::raw(406, serde_json::json!({"error": message, "status": 406})))
}

/// Checks ES's REST compatibility headers; returns the media type to answer with when the client
/// asked for `application/vnd.elasticsearch+json; compatible-with=N`.
fn compatible_content_type(req: &SandboxRequest, shared: &Shared) -> Result<Option<String>, EsError> {
    let major = read(&shared.cluster).version.major;
    let mut answer = None;
    for header in ["accept", "content-type"] {
        let Some(value) = req.headers.get(header) else {
            continue;
        };
        // A list of media types is ignored, as if absent (`ParsedMediaType.parseMediaType`).
        let Some(media) = ParsedMediaType::parse(value).filter(ParsedMediaType::is_versioned) else {
            continue;
        };
        let requested = media.param("compatible-with").and_then(|v| v.parse::<u32>().ok());
        match requested {
            Some(v) if v == major || v + 1 == major => {
                if header == "accept" {
                    answer = Some(format!("application/vnd.elasticsearch+json;compatible-with={v}"));
                }
            }
            _ => {
                let name = if header == "accept" { "Accept" } else { "Content-Type" };
                let found = requested.map_or_else(|| "none".to_string(), |v| v.to_string());
                return Err(EsError::new(
                    400,
                    "media_type_header_exception",
                    format!("Invalid media-type value on headers [{name}]"),
                )
                .caused_by(EsError::new(
                    400,
                    "status_exception",
                    format!(
                        "{name} version must be either version {major} or {}, but found {found}. {name}={value}",
                        major - 1
                    ),
                )));
            }
        }
    }
    Ok(answer)
}

fn to_hyper(
    method: Method,
    query: &BTreeMap<String, String>,
    response: SandboxResponse,
    compat: Option<&str>,
    product_header: bool,
) -> hyper::Response<Full<Bytes>> {
    let json_type = compat.unwrap_or("application/json");
    let status = response.status;
    let (content_type, bytes) = match response.body {
        ResponseBody::Empty => (None, Vec::new()),
        ResponseBody::Text(t) => (Some("text/plain; charset=UTF-8".to_string()), t.into_bytes()),
        ResponseBody::JsonText(text) if !query.contains_key("filter_path") && !pretty(query) => {
            (Some(json_type.to_string()), text.into_bytes())
        }
        ResponseBody::JsonText(text) => {
            let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            (Some(json_type.to_string()), render_json(v, query, true))
        }
        ResponseBody::Json(v) => {
            // ES writes errors with a builder that ignores `filter_path` (AbstractRestChannel's
            // newErrorBuilder), so a filtered request still gets the whole error.
            let is_error = status >= 400 && v.get("error").is_some();
            (Some(json_type.to_string()), render_json(v, query, !is_error))
        }
    };
    let mut builder = hyper::Response::builder().status(response.status);
    if product_header {
        builder = builder.header("X-Elastic-Product", "Elasticsearch");
    }
    if let Some(ct) = content_type {
        builder = builder.header("content-type", ct);
    }
    for (k, v) in &response.headers {
        builder = builder.header(k.as_str(), v.as_str());
    }
    let body = if method == Method::Head { Vec::new() } else { bytes };
    builder.body(Full::new(Bytes::from(body))).unwrap_or_else(|_| {
        // Only an invalid header from a fault rule can get here; answer plainly instead of failing.
        let mut r = hyper::Response::new(Full::new(Bytes::from_static(
            b"{\"error\":\"invalid response header\",\"status\":500}",
        )));
        *r.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
        r
    })
}

fn pretty(query: &BTreeMap<String, String>) -> bool {
    query.get("pretty").is_some_and(|p| p != "false")
}

/// Serializes a JSON body, after `filter_path` when `filtered`, pretty-printed on `?pretty`.
fn render_json(v: Value, query: &BTreeMap<String, String>, filtered: bool) -> Vec<u8> {
    let v = match query.get("filter_path").filter(|_| filtered) {
        Some(f) => filter_path::apply(v, f),
        None => v,
    };
    let text =
        if pretty(query) { serde_json::to_string_pretty(&v).map(|s| s + "\n") } else { serde_json::to_string(&v) };
    text.unwrap_or_default().into_bytes()
}
