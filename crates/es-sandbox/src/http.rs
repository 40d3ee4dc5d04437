//! The request and response types every sandbox handler works with, independent of the HTTP server.

use std::collections::BTreeMap;

use serde_json::Value;

use super::error::{EsError, EsResult};

/// HTTP methods the sandbox answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// GET
    Get,
    /// HEAD (answered like GET, without a body)
    Head,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
}

/// One request, decoded: path segments percent-decoded, query parameters, body bytes.
#[derive(Debug, Clone)]
pub struct SandboxRequest {
    /// Method.
    pub method: Method,
    /// Raw path, without the query string.
    pub path: String,
    /// Path split on `/`, percent-decoded, empty segments dropped.
    pub segments: Vec<String>,
    /// Query parameters (last one wins).
    pub query: BTreeMap<String, String>,
    /// Request headers, names lower-cased.
    pub headers: BTreeMap<String, String>,
    /// Raw body (may be NDJSON for `_bulk`).
    pub body: Vec<u8>,
}

impl SandboxRequest {
    /// Builds a request from a URI (`/path?query`), percent-decoding path segments and query
    /// parameters as the server does. Used by the server and wherever the sandbox calls its own
    /// handlers (seeding).
    pub fn from_uri(method: Method, uri: &str, headers: BTreeMap<String, String>, body: Vec<u8>) -> Self {
        let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
        SandboxRequest {
            method,
            path: path.to_string(),
            segments: path.split('/').filter(|s| !s.is_empty()).map(percent_decode).collect(),
            query: url::form_urlencoded::parse(query.as_bytes()).into_owned().collect(),
            headers,
            body,
        }
    }

    /// The body parsed as JSON; `None` when the body is empty.
    pub fn json(&self) -> EsResult<Option<Value>> {
        if self.body.iter().all(|b| b.is_ascii_whitespace()) {
            return Ok(None);
        }
        serde_json::from_slice(&self.body)
            .map(Some)
            .map_err(|e| EsError::new(400, "x_content_parse_exception", format!("[{}:{}] {}", e.line(), e.column(), e)))
    }

    /// A query parameter.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query.get(name).map(String::as_str)
    }

    /// A boolean query parameter (`?dry_run`, `?dry_run=true`); ES rejects other values.
    pub fn flag(&self, name: &str) -> EsResult<bool> {
        match self.param(name) {
            None => Ok(false),
            Some("") | Some("true") => Ok(true),
            Some("false") => Ok(false),
            Some(other) => Err(EsError::illegal_argument(format!(
                "Failed to parse value [{other}] as only [true] or [false] are allowed."
            ))),
        }
    }
}

/// What a handler answers: a status and a JSON body, or plain text (`_cat` without `format=json`).
#[derive(Debug, Clone, PartialEq)]
pub struct SandboxResponse {
    /// HTTP status.
    pub status: u16,
    /// Body.
    pub body: ResponseBody,
    /// Extra headers (`Warning`, …).
    pub headers: Vec<(String, String)>,
}

/// A response body.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseBody {
    /// No body (HEAD, or ES's empty 200 of `_simulate_index` without a match).
    Empty,
    /// JSON.
    Json(Value),
    /// JSON already serialized (large `_cat` tables, where building a `Value` per row would cost
    /// more than the answer); `filter_path` and `pretty` parse it back.
    JsonText(String),
    /// text/plain.
    Text(String),
}

impl SandboxResponse {
    /// 200 with a JSON body.
    pub fn ok(body: Value) -> Self {
        Self::json(200, body)
    }

    /// `{"acknowledged": true}`.
    pub fn acknowledged() -> Self {
        Self::ok(serde_json::json!({"acknowledged": true}))
    }

    /// Any status with a JSON body.
    pub fn json(status: u16, body: Value) -> Self {
        SandboxResponse { status, body: ResponseBody::Json(body), headers: Vec::new() }
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    /// Adds a deprecation `Warning` header the way ES formats it:
    /// `299 Elasticsearch-<version>-<build hash> "<text>"`.
    pub fn with_warning(self, version: super::version::EsVersion, text: &str) -> Self {
        let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
        self.with_header("Warning", format!("299 Elasticsearch-{version}-00000000 \"{escaped}\""))
    }
}

impl From<EsError> for SandboxResponse {
    fn from(e: EsError) -> Self {
        SandboxResponse { status: e.status, body: ResponseBody::Json(e.to_body()), headers: e.headers.clone() }
    }
}

/// Decodes `%XX` escapes in one path segment (a `+` stays a `+` in paths, unlike in queries).
pub fn percent_decode(segment: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok());
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(hi * 16 + lo);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
