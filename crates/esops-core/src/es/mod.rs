//! The only module that talks HTTP. Wraps the official `elasticsearch` client's transport with
//! what esops needs around it: ES error bodies turned into errors, bounded retries with backoff
//! for idempotent requests, timeouts, and `-v`/`-vv` request traces with secrets redacted.

pub mod api;
pub mod cluster_state;
pub mod error;
pub mod index_actions;
pub mod indices;
pub mod ingest;
pub mod redact;
pub mod resources;
pub mod retry;

use std::time::{Duration, Instant};

use elasticsearch::auth::Credentials;
use elasticsearch::cert::{Certificate, CertificateValidation};
use elasticsearch::http::Method as TransportMethod;
use elasticsearch::http::headers::{CONTENT_TYPE, HeaderMap, HeaderValue, USER_AGENT};
use elasticsearch::http::transport::{SingleNodeConnectionPool, Transport, TransportBuilder};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::connect::{Auth, ResolvedConnection};
use crate::printer::Printer;

pub use error::{ClusterRefusal, RequestError};
use redact::Redactor;
pub use retry::RetryPolicy;

/// HTTP methods esops sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET
    Get,
    /// HEAD
    Head,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }

    fn transport(self) -> TransportMethod {
        match self {
            Method::Get => TransportMethod::Get,
            Method::Head => TransportMethod::Head,
            Method::Put => TransportMethod::Put,
            Method::Post => TransportMethod::Post,
            Method::Delete => TransportMethod::Delete,
        }
    }
}

/// A request body.
#[derive(Debug, Clone)]
pub enum RequestBody {
    /// JSON.
    Json(Value),
    /// Newline-delimited JSON (`_bulk`).
    NdJson(String),
}

/// One request to the cluster.
#[derive(Debug, Clone)]
pub struct EsRequest {
    /// Method.
    pub method: Method,
    /// Path, starting with `/`, already percent-encoded where needed.
    pub path: String,
    /// Query parameters.
    pub query: Vec<(String, String)>,
    /// Body.
    pub body: Option<RequestBody>,
    /// Whether sending it twice has the same effect as once, which makes it safe to retry.
    /// Defaults by method: GET, HEAD, PUT and DELETE are; POST is not.
    pub idempotent: bool,
}

impl EsRequest {
    /// A request without body or query.
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        EsRequest { method, path: path.into(), query: Vec::new(), body: None, idempotent: method != Method::Post }
    }

    /// `GET path`.
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::Get, path)
    }

    /// Adds a query parameter.
    pub fn query(mut self, key: &str, value: impl Into<String>) -> Self {
        self.query.push((key.to_string(), value.into()));
        self
    }

    /// Sets a JSON body.
    pub fn json(mut self, body: Value) -> Self {
        self.body = Some(RequestBody::Json(body));
        self
    }

    /// Marks a POST that is safe to repeat (a dry run, a read expressed as POST).
    pub fn idempotent(mut self) -> Self {
        self.idempotent = true;
        self
    }

    fn describe(&self) -> String {
        format!("{} {}", self.method.as_str(), self.path)
    }
}

/// A successful (2xx) answer, or a 404 to a HEAD request.
#[derive(Debug, Clone)]
pub struct EsResponse {
    /// HTTP status.
    pub status: u16,
    /// Body as text.
    pub body: String,
    /// `METHOD /path`, for messages.
    request: String,
}

impl EsResponse {
    /// The body decoded as `T`.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, RequestError> {
        serde_json::from_str(&self.body).map_err(|e| RequestError::Decode {
            request: self.request.clone(),
            detail: format!("{e} (body starts with {:?})", self.body.chars().take(80).collect::<String>()),
        })
    }
}

/// A connection to one cluster.
pub struct Client {
    transport: Transport,
    url: String,
    context: Option<String>,
    timeout: Duration,
    retry: RetryPolicy,
    redactor: Redactor,
    printer: Printer,
}

impl Client {
    /// Builds a client for `conn`. Fails on an unreadable CA file or an unusable URL.
    pub fn new(conn: &ResolvedConnection, printer: Printer) -> anyhow::Result<Self> {
        let mut url = conn.endpoint.0.url().clone();
        // The transport joins request paths onto the URL: without a trailing slash a path prefix
        // (`https://proxy/es`) would be replaced instead of extended.
        if !url.path().ends_with('/') {
            url.set_path(&format!("{}/", url.path()));
        }
        let mut builder = TransportBuilder::new(SingleNodeConnectionPool::new(url.clone()))
            .timeout(conn.timeout.0)
            .header(USER_AGENT, HeaderValue::from_static(concat!("esops/", env!("CARGO_PKG_VERSION"))));
        let mut secrets = Vec::new();
        match &conn.auth.0 {
            Auth::None => {}
            Auth::Basic { user, password } => {
                secrets.push(password.expose().to_string());
                builder = builder.auth(Credentials::Basic(user.clone(), password.expose().to_string()));
            }
            Auth::ApiKey(key) => {
                secrets.push(key.expose().to_string());
                builder = builder.auth(Credentials::EncodedApiKey(key.expose().to_string()));
            }
            Auth::Bearer(token) => {
                secrets.push(token.expose().to_string());
                builder = builder.auth(Credentials::Bearer(token.expose().to_string()));
            }
        }
        if conn.insecure.0 {
            builder = builder.cert_validation(CertificateValidation::None);
        } else if let Some((path, _)) = &conn.ca_cert {
            let pem = std::fs::read(path)
                .map_err(|e| anyhow::anyhow!("cannot read the CA certificate {}: {e}", path.display()))?;
            let cert = Certificate::from_pem(&pem).map_err(|e| {
                anyhow::anyhow!(
                    "{} is not a PEM certificate ({e}); --ca-cert expects the CA in PEM form",
                    path.display()
                )
            })?;
            builder = builder.cert_validation(CertificateValidation::Full(cert));
        }
        let transport = builder.build().map_err(|e| anyhow::anyhow!("cannot set up the HTTP client: {e}"))?;
        let mut shown = url.clone();
        let _ = shown.set_password(None);
        let _ = shown.set_username("");
        Ok(Client {
            transport,
            url: shown.as_str().trim_end_matches('/').to_string(),
            context: conn.context.as_ref().map(|(name, _)| name.clone()),
            timeout: conn.timeout.0,
            retry: RetryPolicy::default(),
            redactor: Redactor::new(secrets),
            printer,
        })
    }

    /// Replaces the retry bounds (tests use short ones).
    pub fn with_retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The cluster URL, without credentials.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The config-file context this connection came from, if any (shown before changes).
    pub fn context(&self) -> Option<&str> {
        self.context.as_deref()
    }

    /// Sends `req`, retrying transient failures of idempotent requests, and returns the 2xx answer.
    /// A HEAD answered 404 is returned as a response too: for HEAD, 404 is an answer, not an error.
    pub async fn send(&self, req: &EsRequest) -> Result<EsResponse, RequestError> {
        let started = Instant::now();
        let mut attempts = 0;
        loop {
            attempts += 1;
            let attempt_started = Instant::now();
            let outcome = self.send_once(req).await;
            let took = attempt_started.elapsed();
            let failure = match outcome {
                Ok(resp) => {
                    self.printer.verbose(&format!(
                        "{} -> {} ({} ms)",
                        self.redacted_line(req),
                        resp.status,
                        took.as_millis()
                    ));
                    self.printer.trace(|| format!("< {}", self.redactor.body(&resp.body)));
                    return Ok(resp);
                }
                Err(f) => f,
            };
            let (error, retry_after) = failure;
            let status = error.refusal().map(|r| r.status.to_string()).unwrap_or_else(|| "failed".into());
            self.printer.verbose(&format!("{} -> {} ({} ms)", self.redacted_line(req), status, took.as_millis()));
            if let Some(r) = error.refusal() {
                self.printer.trace(|| format!("< {}", self.redactor.body(&r.body.to_string())));
            }
            let transient = match &error {
                RequestError::Refused(r) => r.is_transient(),
                RequestError::Transport { .. } => true,
                _ => false,
            };
            if !transient || !req.idempotent {
                return Err(error);
            }
            let delay = self.retry.delay(attempts, retry_after, rand::random::<f64>());
            if !self.retry.allows(attempts, started.elapsed(), delay) {
                return Err(if attempts > 1 {
                    RequestError::RetriesExhausted { attempts, elapsed: started.elapsed(), last: Box::new(error) }
                } else {
                    error
                });
            }
            self.printer.verbose(&format!(
                "retry {}/{} of {} in {} ms: {}",
                attempts,
                self.retry.max_attempts - 1,
                req.describe(),
                delay.as_millis(),
                self.redactor.text(&error.to_string())
            ));
            tokio::time::sleep(delay).await;
        }
    }

    /// Sends and decodes the JSON answer.
    pub async fn json<T: DeserializeOwned>(&self, req: &EsRequest) -> Result<T, RequestError> {
        self.send(req).await?.json()
    }

    fn redacted_line(&self, req: &EsRequest) -> String {
        if req.query.is_empty() {
            format!("{} {}", req.method.as_str(), self.redactor.text(&req.path))
        } else {
            format!("{} {}?{}", req.method.as_str(), self.redactor.text(&req.path), self.redactor.query(&req.query))
        }
    }

    /// One attempt. On failure also returns the server's `Retry-After`, if it sent one.
    async fn send_once(&self, req: &EsRequest) -> Result<EsResponse, (RequestError, Option<Duration>)> {
        let describe = req.describe();
        let mut headers = HeaderMap::new();
        if let Some(RequestBody::NdJson(_)) = &req.body {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/x-ndjson"));
        }
        let body: Option<String> = match &req.body {
            None => None,
            Some(RequestBody::Json(v)) => Some(v.to_string()),
            Some(RequestBody::NdJson(s)) => Some(s.clone()),
        };
        if let Some(b) = &body {
            self.printer.trace(|| format!("> {}", self.redactor.body(b)));
        }
        let query = if req.query.is_empty() { None } else { Some(&req.query) };
        let sent =
            self.transport.send(req.method.transport(), &req.path, headers, query, body, Some(self.timeout)).await;
        let response = match sent {
            Ok(r) => r,
            Err(e) => return Err((self.classify_transport_error(&describe, &e), None)),
        };
        let status = response.status_code().as_u16();
        let retry_after =
            response.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(retry::parse_retry_after);
        let text = match response.text().await {
            Ok(t) => t,
            Err(e) => return Err((self.classify_transport_error(&describe, &e), None)),
        };
        if (200..300).contains(&status) || (req.method == Method::Head && status == 404) {
            return Ok(EsResponse { status, body: text, request: describe });
        }
        let refusal = ClusterRefusal::from_response(status, describe, &self.redactor.text(&text));
        Err((RequestError::Refused(Box::new(refusal)), retry_after))
    }

    /// Sorts a transport failure into connect / TLS / timeout / broken connection by looking
    /// through the error chain (reqwest → hyper → io / rustls).
    fn classify_transport_error(&self, request: &str, err: &(dyn std::error::Error + 'static)) -> RequestError {
        let mut chain = Vec::new();
        let mut io_kind = None;
        let mut timed_out = false;
        let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(err);
        while let Some(e) = cur {
            chain.push(e.to_string());
            if let Some(io) = e.downcast_ref::<std::io::Error>() {
                io_kind.get_or_insert(io.kind());
            }
            if let Some(r) = e.downcast_ref::<reqwest::Error>() {
                timed_out |= r.is_timeout();
            }
            cur = e.source();
        }
        let full = chain.join(": ");
        let detail = self.redactor.text(chain.last().map(String::as_str).unwrap_or("unknown error"));
        let url = self.url.clone();
        let lower = full.to_ascii_lowercase();
        if timed_out {
            return RequestError::Timeout { url, request: request.to_string(), after: self.timeout };
        }
        if lower.contains("certificate")
            || lower.contains("tls")
            || lower.contains("handshake")
            || lower.contains("invalidcontenttype")
        {
            return RequestError::Tls { url, detail };
        }
        match io_kind {
            Some(std::io::ErrorKind::ConnectionRefused) => {
                RequestError::Connect { url, detail: "connection refused".into() }
            }
            Some(
                std::io::ErrorKind::ConnectionReset
                | std::io::ErrorKind::ConnectionAborted
                | std::io::ErrorKind::UnexpectedEof
                | std::io::ErrorKind::BrokenPipe,
            ) => RequestError::Transport { url, request: request.to_string(), detail },
            _ if lower.contains("dns error") || lower.contains("failed to lookup") => {
                RequestError::Connect { url, detail: format!("cannot resolve the host name ({detail})") }
            }
            _ if lower.contains("error trying to connect") || lower.contains("tcp connect error") => {
                RequestError::Connect { url, detail }
            }
            // hyper's "connection closed before message completed" and friends: the connection
            // broke under the request, which is worth a retry when the request is idempotent.
            _ => RequestError::Transport { url, request: request.to_string(), detail },
        }
    }
}
