//! Elasticsearch-shaped errors: what the sandbox answers when a request is refused.
//!
//! Every module of the sandbox returns [`EsError`] and the server renders it with
//! [`EsError::to_body`], so the wire shape (`{"error":{"root_cause":[…],"type","reason",…},"status"}`)
//! is produced in exactly one place.

use serde_json::{Map, Value, json};

/// One refused request, as Elasticsearch would describe it.
#[derive(Debug, Clone, PartialEq)]
pub struct EsError {
    /// HTTP status code.
    pub status: u16,
    /// The exception type in snake_case (`illegal_argument_exception`, …).
    pub kind: String,
    /// Human-readable reason.
    pub reason: String,
    /// Extra metadata flattened into the error object (`index`, `resource.id`, `processor_type`, …).
    pub metadata: Map<String, Value>,
    /// The wrapped cause, if any (rendered as `caused_by`).
    pub caused_by: Option<Box<EsError>>,
    /// Response headers that belong to the error (e.g. `WWW-Authenticate` on a 401).
    pub headers: Vec<(String, String)>,
    /// A body that is not the standard error object (e.g. `{"error":"alias [x] missing","status":404}`
    /// or the `{}` of a missing pipeline). When set, it is sent as-is.
    pub raw_body: Option<Value>,
    /// `root_cause` lists this error rather than its causes: ES reports the deepest
    /// *Elasticsearch* exception (`ElasticsearchException.guessRootCauses`), and a cause that is a
    /// plain Java exception (`IllegalArgumentException`, `NumberFormatException`) never is one.
    pub root_of_causes: bool,
}

impl EsError {
    /// An error with the given status, type and reason.
    pub fn new(status: u16, kind: impl Into<String>, reason: impl Into<String>) -> Self {
        EsError {
            status,
            kind: kind.into(),
            reason: reason.into(),
            metadata: Map::new(),
            caused_by: None,
            headers: Vec::new(),
            raw_body: None,
            root_of_causes: false,
        }
    }

    /// `illegal_argument_exception`, 400.
    pub fn illegal_argument(reason: impl Into<String>) -> Self {
        Self::new(400, "illegal_argument_exception", reason)
    }

    /// `action_request_validation_exception`, 400, with ES's `Validation Failed: 1: …;` framing.
    pub fn validation(messages: &[String]) -> Self {
        let mut reason = String::from("Validation Failed: ");
        for (i, m) in messages.iter().enumerate() {
            reason.push_str(&format!("{}: {};", i + 1, m));
        }
        Self::new(400, "action_request_validation_exception", reason)
    }

    /// `resource_not_found_exception`, 404.
    pub fn resource_not_found(reason: impl Into<String>) -> Self {
        Self::new(404, "resource_not_found_exception", reason)
    }

    /// `index_not_found_exception`, 404, with the metadata ES attaches.
    pub fn index_not_found(index: &str) -> Self {
        Self::new(404, "index_not_found_exception", format!("no such index [{index}]"))
            .with("resource.type", "index_or_alias")
            .with("resource.id", index)
            .with("index_uuid", "_na_")
            .with("index", index)
    }

    /// `parse_exception`, 400.
    pub fn parse(reason: impl Into<String>) -> Self {
        Self::new(400, "parse_exception", reason)
    }

    /// `x_content_parse_exception`, 400.
    pub fn x_content_parse(reason: impl Into<String>) -> Self {
        Self::new(400, "x_content_parse_exception", reason)
    }

    /// An error whose body is sent verbatim instead of the standard error object.
    pub fn raw(status: u16, body: Value) -> Self {
        let mut e = Self::new(status, "", "");
        e.raw_body = Some(body);
        e
    }

    /// Adds one metadata field (flattened into the error object).
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.metadata.insert(key.to_string(), value.into());
        self
    }

    /// Wraps `cause` as this error's `caused_by`.
    pub fn caused_by(mut self, cause: EsError) -> Self {
        self.caused_by = Some(Box::new(cause));
        self
    }

    /// Adds a response header.
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_string(), value.into()));
        self
    }

    /// The innermost cause: what ES lists in `root_cause`.
    fn root(&self) -> &EsError {
        match &self.caused_by {
            Some(c) if !self.root_of_causes => c.root(),
            _ => self,
        }
    }

    fn cause_object(&self) -> Value {
        let mut obj = Map::new();
        obj.insert("type".into(), json!(self.kind));
        obj.insert("reason".into(), json!(self.reason));
        for (k, v) in &self.metadata {
            obj.insert(k.clone(), v.clone());
        }
        if let Some(c) = &self.caused_by {
            obj.insert("caused_by".into(), c.cause_object());
        }
        Value::Object(obj)
    }

    /// The JSON body Elasticsearch sends for this error.
    pub fn to_body(&self) -> Value {
        if let Some(raw) = &self.raw_body {
            return raw.clone();
        }
        let root = self.root();
        let mut root_obj = Map::new();
        root_obj.insert("type".into(), json!(root.kind));
        root_obj.insert("reason".into(), json!(root.reason));
        for (k, v) in &root.metadata {
            root_obj.insert(k.clone(), v.clone());
        }
        let mut error = Map::new();
        error.insert("root_cause".into(), json!([Value::Object(root_obj)]));
        if let Value::Object(top) = self.cause_object() {
            error.extend(top);
        }
        if !self.headers.is_empty() {
            let mut h = Map::new();
            for (k, v) in &self.headers {
                let entry = h.entry(k.clone()).or_insert_with(|| json!([]));
                if let Value::Array(a) = entry {
                    a.push(json!(v));
                }
            }
            error.insert("header".into(), Value::Object(h));
        }
        json!({"error": Value::Object(error), "status": self.status})
    }
}

impl std::fmt::Display for EsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{}] {}: {}", self.status, self.kind, self.reason)
    }
}

impl std::error::Error for EsError {}

/// Result type of every sandbox operation.
pub type EsResult<T> = Result<T, EsError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_not_found_has_metadata_in_root_cause_and_top_level() {
        let body = EsError::index_not_found("foo").to_body();
        assert_eq!(body["status"], 404);
        assert_eq!(body["error"]["type"], "index_not_found_exception");
        assert_eq!(body["error"]["root_cause"][0]["resource.id"], "foo");
        assert_eq!(body["error"]["index"], "foo");
    }

    #[test]
    fn root_cause_is_innermost() {
        let e = EsError::x_content_parse("[1:2] outer")
            .caused_by(EsError::illegal_argument("invalid action [forcemerge] defined in phase [cold]"));
        let body = e.to_body();
        assert_eq!(body["error"]["root_cause"][0]["type"], "illegal_argument_exception");
        assert_eq!(body["error"]["caused_by"]["reason"], "invalid action [forcemerge] defined in phase [cold]");
    }

    #[test]
    fn validation_framing() {
        let e = EsError::validation(&["a".into(), "b".into()]);
        assert_eq!(e.reason, "Validation Failed: 1: a;2: b;");
    }
}
