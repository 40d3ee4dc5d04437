//! The only module that talks HTTP. Wraps the official `elasticsearch` client's transport with
//! what esops needs around it: ES error bodies turned into errors, bounded retries with backoff
//! for idempotent requests, timeouts, and `-v`/`-vv` request traces with secrets redacted.

pub mod api;
pub mod cluster_state;
mod decode;
pub mod error;
pub mod index_actions;
pub mod indices;
pub mod ingest;
pub mod ism;
pub mod redact;
pub mod resources;
pub mod retry;
mod sigv4;
pub mod snapshots;
pub mod tls;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, LOCATION, USER_AGENT};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::connect::{Auth, ProxySetting, ResolvedConnection};
use crate::printer::Printer;

pub use error::{ClusterRefusal, RequestError};
use redact::Redactor;
pub use retry::RetryPolicy;

/// The largest answer esops reads (128 MiB). Every answer esops asks for is far smaller, even on
/// clusters with tens of thousands of indices; a body past this is a proxy streaming something
/// else, and reading on would only fill memory until the timeout.
pub const MAX_RESPONSE_BYTES: u64 = 128 * 1024 * 1024;

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

    fn reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Head => reqwest::Method::HEAD,
            Method::Put => reqwest::Method::PUT,
            Method::Post => reqwest::Method::POST,
            Method::Delete => reqwest::Method::DELETE,
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
    /// How long to wait for the answer, when not the connection's timeout (requests that wait
    /// server-side, such as a snapshot with `wait_for_completion`).
    pub timeout: Option<Duration>,
}

impl EsRequest {
    /// A request without body or query.
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        EsRequest {
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            idempotent: method != Method::Post,
            timeout: None,
        }
    }

    /// `GET path`.
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::Get, path)
    }

    /// Waits up to `timeout` for the answer instead of the connection's timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Marks the request as not safe to send twice (it is not retried).
    pub fn not_idempotent(mut self) -> Self {
        self.idempotent = false;
        self
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

    pub(crate) fn describe(&self) -> String {
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
    /// Keeps secrets a server echoes out of decode errors.
    redactor: Arc<Redactor>,
}

impl EsResponse {
    /// The body decoded as `T`, which may borrow strings from the body (the large reads decode
    /// what they keep without a copy of every string first).
    pub fn json<'a, T: Deserialize<'a>>(&'a self) -> Result<T, RequestError> {
        self.json_seed(std::marker::PhantomData)
    }

    /// The body decoded by `seed` (see [`decode`]: the large answers are turned into what is kept
    /// as they are read).
    pub(crate) fn json_seed<'a, S: serde::de::DeserializeSeed<'a>>(
        &'a self,
        seed: S,
    ) -> Result<S::Value, RequestError> {
        let mut decoder = serde_json::Deserializer::from_str(&self.body);
        seed.deserialize(&mut decoder).and_then(|value| decoder.end().map(|()| value)).map_err(|e| {
            RequestError::Decode {
                request: self.request.clone(),
                detail: format!("{e} (the body is {})", preview(&self.redactor.text(&self.body))),
            }
        })
    }
}

/// A connection to one cluster.
pub struct Client {
    http: reqwest::Client,
    /// The cluster URL with a trailing `/`, which request paths are joined onto.
    base: url::Url,
    url: String,
    /// The proxy requests go through, for messages (credentials removed).
    proxy: Option<String>,
    /// Where the TLS verifier leaves a pinned-fingerprint mismatch.
    pin_mismatches: tls::MismatchSlot,
    /// Signs each request for AWS, when the connection says so.
    signer: Option<sigv4::Signer>,
    context: Option<String>,
    timeout: Duration,
    retry: RetryPolicy,
    /// Time this client has spent on retries so far (waits and repeated attempts), in ms: the
    /// retry budget is for the whole run, so a command that sends many failing requests does not
    /// get a fresh budget for each.
    retry_spent_ms: AtomicU64,
    /// No request starts, and none runs on, past this instant (`--deadline`).
    deadline: Option<Instant>,
    redactor: Arc<Redactor>,
    printer: Printer,
    /// What answered `GET /`, once asked (see [`Client::distribution`]).
    distribution: std::sync::OnceLock<api::Distribution>,
}

impl Client {
    /// Builds a client for `conn`: TLS (trusted CAs, pinned fingerprint, client certificate),
    /// credentials and extra headers sent with every request, the proxy. Fails on an unreadable
    /// CA file or a setting the HTTP client refuses.
    pub fn new(conn: &ResolvedConnection, printer: Printer) -> anyhow::Result<Self> {
        let mut base = conn.endpoint.0.url().clone();
        // Request paths are joined onto the URL: without a trailing slash a path prefix
        // (`https://proxy/es`) would be replaced instead of extended.
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        let pin_mismatches = tls::MismatchSlot::default();
        let mut headers = HeaderMap::new();
        headers.insert(USER_AGENT, HeaderValue::from_static(concat!("esops/", env!("CARGO_PKG_VERSION"))));
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let mut secrets = Vec::new();
        let authorization = match &conn.auth.0 {
            Auth::None => None,
            Auth::Basic { user, password } => {
                secrets.extend(redact::basic_auth_forms(user, password.expose()));
                Some(format!("Basic {}", redact::base64(&format!("{user}:{}", password.expose()))))
            }
            Auth::ApiKey(key) => {
                secrets.extend(redact::api_key_forms(key.expose()));
                Some(format!("ApiKey {}", key.expose()))
            }
            Auth::Bearer(token) => {
                secrets.extend(redact::secret_forms(token.expose()));
                Some(format!("Bearer {}", token.expose()))
            }
            // Signed per request, in `send_once`.
            Auth::AwsSigV4(_) => None,
        };
        if let Some(value) = authorization {
            let mut value = HeaderValue::from_str(&value)
                .map_err(|_| anyhow::anyhow!("the credentials contain characters an HTTP header cannot carry"))?;
            value.set_sensitive(true);
            headers.insert(AUTHORIZATION, value);
        }
        // Checked when the connection was resolved; these conversions cannot fail for resolved headers.
        for header in &conn.headers {
            secrets.extend(redact::secret_forms(header.value.expose()));
            let name = HeaderName::from_bytes(header.name.as_bytes())
                .map_err(|_| anyhow::anyhow!("invalid header name `{}`", header.name))?;
            let mut value = HeaderValue::from_str(header.value.expose())
                .map_err(|_| anyhow::anyhow!("invalid value for header `{}`", header.name))?;
            value.set_sensitive(true);
            headers.insert(name, value);
        }
        if let Some(password) = base.password() {
            secrets.extend(redact::secret_forms(password));
        }
        // Proxies are decided by `connect` (flags, ESOPS_PROXY, the context, then the generic
        // variables with NO_PROXY), never by the HTTP client reading the environment on its own.
        let mut builder = reqwest::Client::builder()
            .default_headers(headers)
            .timeout(conn.timeout.0)
            .connect_timeout(conn.timeout.0)
            // Never follow a redirect: a 301/302/303 would turn a PUT or DELETE into a GET that
            // then "succeeds" (reqwest, like browsers, switches the method), and a 307/308 would
            // re-send a write to wherever the server points. A redirect is reported instead.
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .use_preconfigured_tls(tls::client_config(conn, &pin_mismatches)?);
        let mut proxy_shown = None;
        if let ProxySetting::Via { url, user, password } = &conn.proxy.0 {
            let mut proxy = reqwest::Proxy::all(url.clone())
                .map_err(|e| anyhow::anyhow!("cannot use the proxy {}: {e}", shown_url(url)))?;
            if let Some(user) = user {
                let password = password.as_ref().map(|p| p.expose()).unwrap_or("");
                if !password.is_empty() {
                    secrets.extend(redact::secret_forms(password));
                }
                proxy = proxy.basic_auth(user, password);
            }
            proxy_shown = Some(shown_url(url));
            builder = builder.proxy(proxy);
        }
        let http = builder.build().map_err(|e| anyhow::anyhow!("cannot set up the HTTP client: {e}"))?;
        let redactor = Redactor::new(secrets);
        printer.hide_secrets(&redactor);
        Ok(Client {
            http,
            url: shown_url(&base),
            base,
            proxy: proxy_shown,
            pin_mismatches,
            signer: match &conn.auth.0 {
                Auth::AwsSigV4(aws) => Some(sigv4::Signer::new(aws.clone())),
                _ => None,
            },
            context: conn.context.as_ref().map(|(name, _)| name.clone()),
            timeout: conn.timeout.0,
            retry: RetryPolicy::default(),
            retry_spent_ms: AtomicU64::new(0),
            deadline: None,
            redactor: Arc::new(redactor),
            distribution: std::sync::OnceLock::new(),
            printer,
        })
    }

    /// Bounds the whole run: no request starts after `deadline`, and one under way is cut off
    /// there, with [`RequestError::Deadline`].
    pub fn with_deadline(mut self, deadline: Instant) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// The redactor of this connection's secrets, for text that did not come through a request
    /// (a server's answer quoted in a report).
    pub fn redactor(&self) -> &Redactor {
        &self.redactor
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
            if self.deadline.is_some_and(|d| Instant::now() >= d) {
                return Err(RequestError::Deadline { request: req.describe(), sent: attempts > 0 });
            }
            attempts += 1;
            let attempt_started = Instant::now();
            let outcome = self.send_once(req).await;
            let took = attempt_started.elapsed();
            if attempts > 1 {
                self.retry_spent_ms.fetch_add(took.as_millis() as u64, Ordering::Relaxed);
            }
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
            // A connection that broke at once on a plain-HTTP URL: a TLS port, if it answers TLS.
            if let RequestError::Transport { .. } = &error
                && attempts == 1
                && self.proxy.is_none()
                && let Some(https) = self.tls_instead_of_http().await
            {
                return Err(RequestError::PlainHttpToTls { url: self.url.clone(), request: req.describe(), https });
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
            let spent = Duration::from_millis(self.retry_spent_ms.load(Ordering::Relaxed));
            let past_deadline = self.deadline.is_some_and(|d| Instant::now() + delay >= d);
            if past_deadline || !self.retry.allows(attempts, spent, delay) {
                return Err(if attempts > 1 || spent > Duration::ZERO {
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
            self.retry_spent_ms.fetch_add(delay.as_millis() as u64, Ordering::Relaxed);
            tokio::time::sleep(delay).await;
        }
    }

    /// Sends a write and checks Elasticsearch's success shape, `{"acknowledged": true}`. Any other
    /// 2xx answer (empty, HTML, another JSON, `acknowledged: false`) leaves the outcome unknown.
    pub async fn acknowledged(&self, req: &EsRequest) -> Result<(), RequestError> {
        let resp = self.send(req).await?;
        match serde_json::from_str::<Value>(&resp.body).ok().and_then(|b| b.get("acknowledged").cloned()) {
            Some(Value::Bool(true)) => Ok(()),
            Some(Value::Bool(false)) => Err(RequestError::NotAcknowledged { request: req.describe() }),
            _ => Err(RequestError::Decode {
                request: req.describe(),
                detail: format!(
                    "expected {{\"acknowledged\": true}}, got {}",
                    preview(&self.redactor.text(&resp.body))
                ),
            }),
        }
    }

    /// Sends and decodes the JSON answer.
    pub async fn json<T: DeserializeOwned>(&self, req: &EsRequest) -> Result<T, RequestError> {
        self.send(req).await?.json()
    }

    /// Sends `req` and decodes its answer with `decode` on a thread of the blocking pool: a
    /// whole-cluster answer takes tens of milliseconds to decode at 100,000 indices, during
    /// which the answers read alongside it (`tokio::try_join!` polls them in one task) would
    /// otherwise wait, undrained, and be decoded one after another.
    pub(crate) async fn decode_apart<T: Send + 'static>(
        &self,
        req: &EsRequest,
        decode: impl FnOnce(&EsResponse) -> Result<T, RequestError> + Send + 'static,
    ) -> Result<T, RequestError> {
        let answer = self.send(req).await?;
        match tokio::task::spawn_blocking(move || decode(&answer)).await {
            Ok(decoded) => decoded,
            Err(e) => match e.try_into_panic() {
                Ok(panic) => std::panic::resume_unwind(panic),
                // Only when the runtime shuts down, which ends the command anyway.
                Err(e) => Err(RequestError::Decode { request: req.describe(), detail: e.to_string() }),
            },
        }
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
        let url = self.base.join(req.path.trim_start_matches('/')).map_err(|e| {
            (RequestError::Decode { request: describe.clone(), detail: format!("cannot form the URL: {e}") }, None)
        })?;
        let mut builder = self.http.request(req.method.reqwest(), url);
        // The request's time is the shorter of its own (--timeout unless it waits server-side)
        // and what is left before --deadline.
        let requested = req.timeout.unwrap_or(self.timeout);
        let mut timeout = requested;
        if let Some(deadline) = self.deadline {
            timeout = timeout.min(deadline.saturating_duration_since(Instant::now()));
        }
        builder = builder.timeout(timeout);
        if !req.query.is_empty() {
            builder = builder.query(&req.query);
        }
        match &req.body {
            None => {}
            Some(RequestBody::Json(v)) => {
                let text = v.to_string();
                self.printer.trace(|| format!("> {}", self.redactor.body(&text)));
                builder = builder.header(CONTENT_TYPE, "application/json").body(text);
            }
            Some(RequestBody::NdJson(s)) => {
                self.printer.trace(|| format!("> {}", self.redactor.body(s)));
                builder = builder.header(CONTENT_TYPE, "application/x-ndjson").body(s.clone());
            }
        }
        let cut_off = |after: Duration| {
            if self.deadline.is_some_and(|d| Instant::now() >= d) && after < requested {
                RequestError::Deadline { request: describe.clone(), sent: true }
            } else {
                RequestError::Timeout { url: self.url.clone(), request: describe.clone(), after }
            }
        };
        let mut request = match builder.build() {
            Ok(r) => r,
            Err(e) => return Err((self.classify_transport_error(&describe, &e, timeout), None)),
        };
        if let Some(signer) = &self.signer
            && let Err(e) = signer.sign(&mut request).await
        {
            return Err((e, None));
        }
        let mut response = match self.http.execute(request).await {
            Ok(r) => r,
            Err(e) if e.is_timeout() => return Err((cut_off(timeout), None)),
            Err(e) => return Err((self.classify_transport_error(&describe, &e, timeout), None)),
        };
        let status = response.status().as_u16();
        // Elasticsearch never answers 407, and marks its answers with X-Elastic-Product: an error
        // without it, through a proxy, is the proxy's own.
        let from_proxy = status == 407
            || (status >= 400 && self.proxy.is_some() && !response.headers().contains_key("x-elastic-product"));
        if from_proxy && !matches!(status, 502..=504) {
            let proxy = self.proxy.clone().unwrap_or_else(|| "between esops and the cluster".into());
            let reason = reqwest::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or("");
            let detail = if status == 407 {
                "it answered 407 Proxy Authentication Required; put the credentials in the proxy URL: \
                 http://USER:PASSWORD@HOST:PORT"
                    .to_string()
            } else {
                format!("it answered {status} {reason}")
            };
            return Err((RequestError::Proxy { proxy, url: self.url.clone(), detail }, None));
        }
        let header = |name| response.headers().get(name).and_then(|v: &HeaderValue| v.to_str().ok());
        let retry_after = header(reqwest::header::RETRY_AFTER).and_then(retry::parse_retry_after);
        let location = header(LOCATION).map(str::to_string);
        if response.content_length().is_some_and(|n| n > MAX_RESPONSE_BYTES) {
            return Err((RequestError::TooLarge { request: describe, limit: MAX_RESPONSE_BYTES }, None));
        }
        // Read chunk by chunk so that an endless body stops at the size limit rather than at the
        // end of memory; the timeout set above covers the body too.
        let mut bytes = Vec::with_capacity(response.content_length().unwrap_or(0) as usize);
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if (bytes.len() + chunk.len()) as u64 > MAX_RESPONSE_BYTES {
                        return Err((RequestError::TooLarge { request: describe, limit: MAX_RESPONSE_BYTES }, None));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) if e.is_timeout() => return Err((cut_off(timeout), None)),
                Err(e) => return Err((self.classify_transport_error(&describe, &e, timeout), None)),
            }
        }
        // Valid UTF-8 (what Elasticsearch sends) becomes the text without a copy.
        let text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        if (200..300).contains(&status) || (req.method == Method::Head && status == 404) {
            return Ok(EsResponse { status, body: text, request: describe, redactor: self.redactor.clone() });
        }
        let mut refusal = ClusterRefusal::from_response(status, describe, &self.redactor.text(&text));
        if (300..400).contains(&status) {
            refusal.reason = match location {
                Some(to) => format!("redirect to {}", self.redactor.text(&to)),
                None => "redirect without a Location".to_string(),
            };
        }
        Err((RequestError::Refused(Box::new(refusal)), retry_after))
    }

    /// For an `http://` URL: whether the server speaks TLS instead, and then the `https://` URL.
    /// It is asked with a TLS ClientHello: a TLS server answers with a handshake record or an
    /// alert (`0x16`/`0x15`, then version `0x03`), whatever it makes of the offer.
    async fn tls_instead_of_http(&self) -> Option<String> {
        use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
        if self.base.scheme() != "http" {
            return None;
        }
        let host = self.base.host_str()?.trim_start_matches('[').trim_end_matches(']').to_string();
        let port = self.base.port_or_known_default()?;
        let probe = async {
            let mut stream = tokio::net::TcpStream::connect((host.as_str(), port)).await.ok()?;
            stream.write_all(&TLS_CLIENT_HELLO).await.ok()?;
            let mut answer = [0u8; 2];
            stream.read_exact(&mut answer).await.ok()?;
            Some(matches!(answer, [0x15 | 0x16, 0x03]))
        };
        let speaks_tls =
            tokio::time::timeout(Duration::from_millis(500).min(self.timeout), probe).await.ok().flatten()?;
        let mut https = self.base.clone();
        if !speaks_tls || https.set_scheme("https").is_err() {
            return None;
        }
        if self.base.port().is_none() {
            // http's default port 80 is not https's 443: keep the port the server answered on.
            let _ = https.set_port(Some(port));
        }
        Some(shown_url(&https))
    }

    /// Sorts a transport failure into connect / TLS / timeout / broken connection by looking
    /// through the error chain (reqwest → hyper → io / rustls).
    fn classify_transport_error(
        &self,
        request: &str,
        err: &(dyn std::error::Error + 'static),
        timeout: Duration,
    ) -> RequestError {
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
            return RequestError::Timeout { url, request: request.to_string(), after: timeout };
        }
        if let Some(mismatch) = self.pin_mismatches.take() {
            return RequestError::FingerprintMismatch { url, detail: mismatch.to_string() };
        }
        if let Some(proxy) = &self.proxy {
            // Every connection goes to the proxy: a refused connection or a failed tunnel is its doing.
            let tunnel = lower.contains("tunnel error");
            if tunnel || io_kind == Some(std::io::ErrorKind::ConnectionRefused) {
                let detail = if lower.contains("proxy authorization required") {
                    "it asks for credentials (407); put them in the proxy URL: http://USER:PASSWORD@HOST:PORT".into()
                } else if tunnel {
                    format!(
                        "it refused to open a tunnel to the cluster ({}); check that it allows CONNECT to this host and port",
                        self.redactor.text(&full)
                    )
                } else {
                    "connection refused".into()
                };
                return RequestError::Proxy { proxy: proxy.clone(), url, detail };
            }
        }
        if lower.contains("certificate")
            || lower.contains("alert")
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

/// A minimal TLS 1.2 ClientHello (three AES-GCM suites, no extensions): enough for any TLS server
/// to answer with a handshake record or an alert, which is all [`Client::tls_instead_of_http`] asks.
const TLS_CLIENT_HELLO: [u8; 54] = [
    0x16, 0x03, 0x01, 0x00, 0x31, // handshake record, 49 bytes
    0x01, 0x00, 0x00, 0x2d, // ClientHello, 45 bytes
    0x03, 0x03, // TLS 1.2
    0x65, 0x73, 0x6f, 0x70, 0x73, 0x2d, 0x74, 0x6c, 0x73, 0x2d, 0x70, 0x72, 0x6f, 0x62, 0x65, 0x2d, // random
    0x65, 0x73, 0x6f, 0x70, 0x73, 0x2d, 0x74, 0x6c, 0x73, 0x2d, 0x70, 0x72, 0x6f, 0x62, 0x65, 0x2d, // (32)
    0x00, // no session id
    0x00, 0x06, 0xc0, 0x2f, 0xc0, 0x2b, 0x13, 0x01, // cipher suites
    0x01, 0x00, // compression: none
];

/// A URL as messages show it: no credentials, no trailing `/`.
fn shown_url(url: &url::Url) -> String {
    let mut shown = url.clone();
    let _ = shown.set_password(None);
    let _ = shown.set_username("");
    shown.as_str().trim_end_matches('/').to_string()
}

/// The start of a body, for a message.
fn preview(body: &str) -> String {
    let trimmed = body.trim();
    if trimmed.is_empty() {
        return "an empty body".to_string();
    }
    let start: String = trimmed.chars().take(80).collect();
    if start.len() < trimmed.len() { format!("{start:?}…") } else { format!("{start:?}") }
}
