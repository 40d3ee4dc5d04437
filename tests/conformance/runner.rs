//! Executes tests: `do` steps become HTTP requests, assertions check the last response.
//!
//! Choices where the Java runner's behaviour is not copied:
//! - Warnings: every warning in `warnings` must come back (and every `warnings_regex` must match one),
//!   but warnings the test did not list are *ignored*, not failures. The corpus mixes files from many
//!   Elasticsearch versions whose deprecation warnings differ; an extra warning is not what these
//!   tests are here to measure.
//! - `error_trace=true` is not added to requests (it only adds stack traces to error bodies).
//! - Teardown failures are ignored (the next test starts from a fresh cluster anyway).

use std::sync::LazyLock;

use base64::Engine;
use regex::Regex;
use serde_json::Value;

use super::assertions::{self, brief_str, java_regex, regex_literal};
use super::prereq::{self, CapabilityCheck, Environment, SkipVerdict, Version};
use super::spec::ApiRegistry;
use super::stash::{Stash, evaluate, java_string};
use super::suite::{Assertion, DoStep, Prerequisite, Section, Step, TestCase, TestFile, scalar_text};
use super::target::{Http, HttpResponse, Target};

/// How one test ended.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Every step held.
    Passed,
    /// Not run.
    Skipped(SkipVerdict),
    /// A step did not hold.
    Failed(Failure),
}

/// Why a test failed.
#[derive(Debug, Clone)]
pub struct Failure {
    /// Report category (`sandbox-mismatch`, `needs-search`, `out-of-scope-api:<api>`, …).
    pub category: String,
    /// Which step, e.g. `setup #2 do indices.create` or `#5 match error.type`.
    pub step: String,
    /// Expected vs actual, compact.
    pub message: String,
}

/// What went wrong in a step, before categorization.
#[derive(Debug)]
struct StepError {
    kind: ErrorKind,
    message: String,
}

#[derive(Debug, PartialEq)]
enum ErrorKind {
    /// The response differs from what the test expects.
    Mismatch,
    /// The runner could not carry out the step (transport, stash, malformed step).
    Error,
    /// The step needs a runner feature this runner lacks.
    Unsupported(String),
}

impl StepError {
    fn mismatch(message: impl Into<String>) -> Self {
        StepError { kind: ErrorKind::Mismatch, message: message.into() }
    }

    fn error(message: impl Into<String>) -> Self {
        StepError { kind: ErrorKind::Error, message: message.into() }
    }
}

/// APIs that need the search engine the sandbox does not have.
const SEARCH_APIS: &[&str] = &[
    "search",
    "msearch",
    "count",
    "scroll",
    "clear_scroll",
    "search_template",
    "msearch_template",
    "field_caps",
    "open_point_in_time",
    "knn_search",
    "terms_enum",
];

/// What every "the sandbox does not emulate this" error of the sandbox says.
const SANDBOX_REFUSAL_MARKER: &str = "esops sandbox";

/// The sandbox's refusal of an ingest processor it does not implement (lower-cased text).
static UNIMPLEMENTED_PROCESSOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"does not implement the \[(\w+)\] processor").expect("valid regex"));

/// The last response, as the assertions see it.
struct LastResponse {
    method: String,
    status: u16,
    json: Option<Value>,
    text: String,
}

/// Runs the tests of one corpus against one target.
pub struct Runner<'a> {
    /// API specs.
    pub specs: &'a ApiRegistry,
    /// HTTP client, pointed at the current cluster.
    pub http: Http,
    /// The cluster.
    pub target: Target,
    /// The cluster's version (from `GET /`).
    pub version: Version,
}

impl Runner<'_> {
    /// Cleans up after the last test.
    pub fn finish(&mut self) -> Result<(), String> {
        self.target.finish(&self.http)
    }

    /// Runs every test of a file, in order, on a cluster of `nodes` nodes.
    pub fn run_file(&mut self, file: &TestFile, nodes: u64) -> Vec<(String, Outcome)> {
        file.tests.iter().map(|test| (test.name.clone(), self.run_test(file, test, nodes))).collect()
    }

    fn run_test(&mut self, file: &TestFile, test: &TestCase, nodes: u64) -> Outcome {
        let prereqs: Vec<Prerequisite> = [&file.setup, &file.teardown, &test.section]
            .into_iter()
            .flat_map(|s| s.prerequisites.iter().cloned())
            .collect();
        if let Some(verdict) = self.check_prerequisites(&prereqs) {
            return Outcome::Skipped(verdict);
        }
        if let Err(e) = self.target.prepare(&mut self.http, nodes) {
            return Outcome::Failed(Failure { category: "error".into(), step: "prepare".into(), message: e });
        }
        let mut run = TestRun::new(self.specs, &self.http);
        let result = run.section("setup ", &file.setup).and_then(|()| run.section("", &test.section));
        let mut teardown = TestRun::new(self.specs, &self.http);
        let _ = teardown.section("teardown ", &file.teardown);
        match result {
            Ok(()) => Outcome::Passed,
            Err((step, error)) => Outcome::Failed(run.failure(step, error)),
        }
    }

    fn check_prerequisites(&mut self, prereqs: &[Prerequisite]) -> Option<SkipVerdict> {
        if prereqs.is_empty() {
            return None;
        }
        let http = &self.http;
        let mut has_capability = |check: &CapabilityCheck| capability_supported(http, check);
        let mut env = Environment { version: self.version, has_capability: &mut has_capability };
        prereq::evaluate(prereqs, &mut env)
    }
}

/// Asks `GET /_capabilities`, as the Java runner does; anything but `supported: true` is a no.
fn capability_supported(http: &Http, check: &CapabilityCheck) -> bool {
    let mut query = vec![("method".to_string(), check.method.clone()), ("path".to_string(), check.path.clone())];
    if !check.parameters.is_empty() {
        query.push(("parameters".into(), check.parameters.join(",")));
    }
    if !check.capabilities.is_empty() {
        query.push(("capabilities".into(), check.capabilities.join(",")));
    }
    http.send("GET", "/_capabilities", &query, &[], None)
        .ok()
        .filter(|r| r.status == 200)
        .and_then(|r| r.json())
        .and_then(|body| body.get("supported").and_then(Value::as_bool))
        .unwrap_or(false)
}

/// The state of one test while it runs: stash, last response, last `do` (for categorizing).
struct TestRun<'a> {
    specs: &'a ApiRegistry,
    http: &'a Http,
    stash: Stash,
    response: Option<LastResponse>,
    last_do: Option<DoStep>,
}

impl<'a> TestRun<'a> {
    fn new(specs: &'a ApiRegistry, http: &'a Http) -> Self {
        TestRun { specs, http, stash: Stash::default(), response: None, last_do: None }
    }

    /// Runs the steps of a section; on failure, the step's label and the error.
    fn section(&mut self, prefix: &str, section: &Section) -> Result<(), (String, StepError)> {
        for (i, step) in section.steps.iter().enumerate() {
            self.step(step).map_err(|e| (format!("{prefix}#{} {}", i + 1, describe(step)), e))?;
        }
        Ok(())
    }

    fn step(&mut self, step: &Step) -> Result<(), StepError> {
        match step {
            Step::Do(d) => self.run_do(d),
            Step::Assert(a) => self.run_assert(a),
            Step::Set(pairs) => {
                for (path, name) in pairs {
                    let value = self.actual(path)?;
                    self.stash.put(name, value);
                }
                Ok(())
            }
            Step::TransformAndSet(pairs) => {
                for (name, transform) in pairs {
                    let value = self.transform(transform)?;
                    self.stash.put(name, value);
                }
                Ok(())
            }
            Step::Unsupported(kind) => Err(StepError {
                kind: ErrorKind::Unsupported(kind.clone()),
                message: format!("step [{kind}] is not supported"),
            }),
            Step::Invalid(message) => Err(StepError::error(message.clone())),
        }
    }

    fn run_do(&mut self, d: &DoStep) -> Result<(), StepError> {
        self.last_do = Some(d.clone());
        self.response = None;
        if d.catch.as_deref() == Some("param") {
            // the Java runner expects its client to refuse the call and sends nothing
            return Ok(());
        }
        let spec = self
            .specs
            .get(&d.api)
            .ok_or_else(|| StepError::error(format!("API [{}] is not in the REST spec", d.api)))?;
        let mut params = Vec::new();
        let mut ignore = Vec::new();
        for (name, value) in &d.params {
            let text = param_text(&self.substitute(value)?)
                .ok_or_else(|| StepError::error(format!("param [{name}] is not a scalar or list")))?;
            if name == "ignore" {
                ignore.extend(text.split(',').filter_map(|s| s.trim().parse::<u16>().ok()));
            } else {
                params.push((name.clone(), text));
            }
        }
        let mut headers = Vec::new();
        for (name, value) in &d.headers {
            headers.push((name.clone(), scalar_text(&self.substitute(value)?).unwrap_or_default()));
        }
        let body = match &d.body {
            Some(body) => Some(self.encode_body(body, spec.ndjson)?),
            None => None,
        };
        let call = spec.build(&params, body.is_some()).map_err(|e| StepError::error(format!("{}: {e}", d.api)))?;
        let response =
            self.http.send(&call.method, &call.path, &call.query, &headers, body).map_err(StepError::error)?;
        let is_error = response.status >= 300
            && !(call.method == "HEAD" && response.status == 404)
            && !ignore.contains(&response.status);
        let json = response.json();
        let text = String::from_utf8_lossy(&response.body).into_owned();
        // one line per failure: JSON arrives compact, text (cat) is shown escaped
        let shown = if json.is_some() { text.clone() } else { Value::String(text.clone()).to_string() };
        self.stash.put("body", json.clone().unwrap_or(Value::String(text.clone())));
        self.response =
            Some(LastResponse { method: call.method.clone(), status: response.status, json, text: text.clone() });
        let status_line = || format!("{} {} → {} {}", call.method, call.path, response.status, brief_str(&shown));
        match (d.catch.as_deref(), is_error) {
            (None, false) => check_warnings(d, &response),
            (None, true) => Err(StepError::mismatch(format!("expected 2xx, got {}", status_line()))),
            (Some(catch), false) => {
                Err(StepError::mismatch(format!("expected error [{catch}], got {}", status_line())))
            }
            (Some(catch), true) => self
                .check_catch(catch, response.status)
                .map_err(|m| StepError::mismatch(format!("{m}; {}", status_line()))),
        }
    }

    /// `catch`: a named status, or a regex over the `error` of the body.
    fn check_catch(&self, catch: &str, status: u16) -> Result<(), String> {
        let expected: Option<u16> = match catch {
            "bad_request" => Some(400),
            "unauthorized" => Some(401),
            "forbidden" => Some(403),
            "missing" => Some(404),
            "request_timeout" => Some(408),
            "conflict" => Some(409),
            "gone" => Some(410),
            "unavailable" => Some(503),
            _ => None,
        };
        if let Some(code) = expected {
            return if status == code { Ok(()) } else { Err(format!("expected [{catch}] = {code}")) };
        }
        if catch == "request" {
            let named = [400, 401, 403, 404, 408, 409, 410];
            return if status >= 400 && !named.contains(&status) {
                Ok(())
            } else {
                Err("expected [request] (an unnamed 4xx/5xx)".into())
            };
        }
        let Some(pattern) = regex_literal(catch) else {
            return Err(format!("catch value [{catch}] not supported"));
        };
        let error = self.response.as_ref().and_then(|r| r.json.as_ref()).and_then(|b| b.get("error")).cloned();
        let Some(error) = error else { return Err("error was expected in the response".into()) };
        let regex = java_regex(pattern, false)?;
        if regex.is_match(&java_string(&error)) { Ok(()) } else { Err(format!("error does not match /{pattern}/")) }
    }

    fn encode_body(&self, body: &Value, ndjson: bool) -> Result<(Vec<u8>, &'static str), StepError> {
        let parts: Vec<Value> = match body {
            Value::String(text) => match parse_json_stream(text) {
                Some(parts) => parts,
                // not JSON: send it as written and let the server judge
                None => return Ok((text.as_bytes().to_vec(), "application/json")),
            },
            Value::Array(items) => items
                .iter()
                .flat_map(|item| match item {
                    Value::String(text) => parse_json_stream(text).unwrap_or_else(|| vec![item.clone()]),
                    other => vec![other.clone()],
                })
                .collect(),
            other => vec![other.clone()],
        };
        let parts: Vec<Value> = parts.iter().map(|p| self.substitute(p)).collect::<Result<_, _>>()?;
        if parts.len() == 1 && !ndjson {
            return Ok((parts[0].to_string().into_bytes(), "application/json"));
        }
        let mut out = String::new();
        for part in parts {
            out.push_str(&part.to_string());
            out.push('\n');
        }
        Ok((out.into_bytes(), "application/x-ndjson"))
    }

    fn run_assert(&mut self, a: &Assertion) -> Result<(), StepError> {
        let actual = self.actual(&a.path)?;
        let expected = self.substitute(&a.expected)?;
        assertions::check(&a.kind, &a.path, &actual, &expected).map_err(StepError::mismatch)
    }

    /// The value an assertion or `set` looks at: a stash reference, or a path into the last response.
    fn actual(&self, path: &str) -> Result<Value, StepError> {
        if Stash::is_reference(path) {
            return self.stash.resolve(path).map_err(StepError::error);
        }
        let Some(response) = &self.response else {
            return Err(StepError::error("no response to check (the last `do` sent nothing)"));
        };
        match &response.json {
            Some(body) => {
                evaluate(body, path, Some(&self.stash)).map(|v| v.unwrap_or(Value::Null)).map_err(StepError::mismatch)
            }
            // a HEAD answers with a status only: `is_true: ''` asks whether it was below 400
            None if path.is_empty() && response.method == "HEAD" => Ok(Value::Bool(response.status < 400)),
            None => Ok(Value::Null),
        }
    }

    /// `#base64EncodeCredentials(user_path,password_path)`; other transforms stash the text as is.
    fn transform(&self, transform: &str) -> Result<Value, StepError> {
        let Some(args) = transform.strip_prefix("#base64EncodeCredentials(").and_then(|r| r.strip_suffix(')')) else {
            return Ok(Value::String(transform.to_string()));
        };
        let (user, password) =
            args.split_once(',').ok_or_else(|| StepError::error(format!("bad transform {transform}")))?;
        let user = java_string(&self.actual(user.trim())?);
        let password = java_string(&self.actual(password.trim())?);
        Ok(Value::String(base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))))
    }

    fn substitute(&self, value: &Value) -> Result<Value, StepError> {
        self.stash.substitute(value).map_err(StepError::error)
    }

    /// Turns a step error into a reported failure with its category.
    fn failure(&self, step: String, error: StepError) -> Failure {
        let category = self.categorize(&error);
        Failure { category, step, message: error.message }
    }

    /// The category of a failure, from the step that failed and the last `do` before it.
    fn categorize(&self, error: &StepError) -> String {
        if let ErrorKind::Unsupported(feature) = &error.kind {
            return format!("needs-feature:{feature}");
        }
        if let Some(d) = &self.last_do {
            let body = d.body.clone().unwrap_or(Value::Null);
            let sends_credentials = d.headers.iter().any(|(k, _)| {
                k.eq_ignore_ascii_case("authorization") || k.to_ascii_lowercase().starts_with("es-security")
            });
            if d.api.starts_with("security.") || sends_credentials {
                return "needs-security".into();
            }
            if SEARCH_APIS.contains(&d.api.as_str())
                || d.api.starts_with("async_search.")
                || has_key(&body, &["aggs", "aggregations"])
            {
                return "needs-search".into();
            }
            if has_key(&body, &["script", "if"]) || self.sandbox_refusal().is_some_and(|r| r.contains("painless")) {
                return "needs-painless".into();
            }
            if self.specs.get(&d.api).is_none() || self.is_unknown_route() {
                return format!("out-of-scope-api:{}", d.api);
            }
            if let Some(refusal) = self.sandbox_refusal() {
                return match UNIMPLEMENTED_PROCESSOR.captures(&refusal) {
                    Some(c) => format!("out-of-scope-feature:processor:{}", &c[1]),
                    None => "out-of-scope-feature".into(),
                };
            }
        }
        match error.kind {
            ErrorKind::Error => "error".into(),
            _ => "sandbox-mismatch".into(),
        }
    }

    /// Whether the last response is Elasticsearch's answer to a route it does not have.
    fn is_unknown_route(&self) -> bool {
        let Some(response) = &self.response else { return false };
        let error = response.json.as_ref().and_then(|b| b.get("error")).and_then(Value::as_str).unwrap_or("");
        matches!(response.status, 400 | 404 | 405)
            && (error.contains("no handler found") || error.contains("Incorrect HTTP method"))
    }

    /// The last response's text, lower-cased, when the sandbox says in it that it does not emulate
    /// something (its refusals all name "the esops sandbox"; an ingest simulation reports them per
    /// document inside a 200, so the whole body is searched).
    fn sandbox_refusal(&self) -> Option<String> {
        let text = self.response.as_ref()?.text.to_lowercase();
        text.contains(SANDBOX_REFUSAL_MARKER).then_some(text)
    }
}

/// Checks `warnings` and `warnings_regex` (see the module docs for unlisted warnings).
fn check_warnings(d: &DoStep, response: &HttpResponse) -> Result<(), StepError> {
    if d.warnings.is_empty() && d.warnings_regex.is_empty() {
        return Ok(());
    }
    let got: Vec<String> = response.header_values("warning").flat_map(warning_messages).collect();
    let missing: Vec<&String> = d.warnings.iter().filter(|w| !got.contains(w)).collect();
    let mut missing_regex = Vec::new();
    for pattern in &d.warnings_regex {
        let regex = java_regex(&format!("^(?:{pattern})$"), false).map_err(StepError::error)?;
        if !got.iter().any(|w| regex.is_match(w)) {
            missing_regex.push(pattern);
        }
    }
    if missing.is_empty() && missing_regex.is_empty() {
        return Ok(());
    }
    Err(StepError::mismatch(format!("missing warnings {missing:?} {missing_regex:?}; got {got:?}")))
}

/// The messages of a `Warning` header value: `299 Elasticsearch-8.15.0-abc "message" "date"`,
/// possibly several comma-separated.
fn warning_messages(header: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = header;
    while let Some(start) = rest.find("299 ") {
        let after = &rest[start + 4..];
        let Some(quote) = after.find('"') else { break };
        let mut message = String::new();
        let mut chars = after[quote + 1..].char_indices();
        let mut end = None;
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    if let Some((_, next)) = chars.next() {
                        message.push(next);
                    }
                }
                '"' => {
                    end = Some(quote + 1 + i + 1);
                    break;
                }
                _ => message.push(c),
            }
        }
        out.push(message);
        match end {
            Some(e) => rest = &after[e..],
            None => break,
        }
    }
    out
}

/// A request parameter's text: lists are comma-joined, like the Java runner does.
fn param_text(value: &Value) -> Option<String> {
    match value {
        Value::Array(items) => items.iter().map(scalar_text).collect::<Option<Vec<_>>>().map(|v| v.join(",")),
        other => scalar_text(other),
    }
}

/// Parses concatenated/newline-separated JSON values; `None` if the text is not JSON.
fn parse_json_stream(text: &str) -> Option<Vec<Value>> {
    let values: Result<Vec<Value>, _> = serde_json::Deserializer::from_str(text).into_iter::<Value>().collect();
    values.ok().filter(|v| !v.is_empty())
}

/// Whether any object inside `value` has one of `keys`.
fn has_key(value: &Value, keys: &[&str]) -> bool {
    match value {
        Value::Object(map) => map.iter().any(|(k, v)| keys.contains(&k.as_str()) || has_key(v, keys)),
        Value::Array(items) => items.iter().any(|v| has_key(v, keys)),
        _ => false,
    }
}

/// A short label for a step.
fn describe(step: &Step) -> String {
    match step {
        Step::Do(d) => format!("do {}", d.api),
        Step::Assert(a) if a.expected.is_null() => format!("{} {}", a.kind, a.path),
        Step::Assert(a) => {
            let expected = a.expected.to_string();
            let short: String = expected.chars().take(60).collect();
            let ellipsis = if short.len() < expected.len() { "…" } else { "" };
            format!("{} {}: {short}{ellipsis}", a.kind, a.path)
        }
        Step::Set(_) => "set".into(),
        Step::TransformAndSet(_) => "transform_and_set".into(),
        Step::Unsupported(kind) => kind.clone(),
        Step::Invalid(_) => "invalid step".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn warning_header_messages() {
        let h = r#"299 Elasticsearch-8.15.0-abc "index template [x] has \"quotes\"" "Mon, 01 Jan 2024 00:00:00 GMT""#;
        assert_eq!(warning_messages(h), vec![r#"index template [x] has "quotes""#.to_string()]);
        let two = r#"299 Elasticsearch-8 "a", 299 Elasticsearch-8 "b""#;
        assert_eq!(warning_messages(two), vec!["a".to_string(), "b".to_string()]);
    }

    fn categorize(api: &str, body: Value, status: u16, response: &str) -> String {
        let mut specs = ApiRegistry::default();
        specs
            .add_json(r#"{"indices.create": {"url": {"paths": [{"path": "/{index}", "methods": ["PUT"]}]}}}"#)
            .unwrap();
        let http = Http::new("http://127.0.0.1:9", None).unwrap();
        let mut run = TestRun::new(&specs, &http);
        run.last_do = Some(DoStep { api: api.into(), body: Some(body), ..DoStep::default() });
        run.response = Some(LastResponse {
            method: "PUT".into(),
            status,
            json: serde_json::from_str(response).ok(),
            text: response.into(),
        });
        run.categorize(&StepError::mismatch("x"))
    }

    #[test]
    fn failures_are_categorized_by_the_last_request() {
        assert_eq!(categorize("indices.create", json!({}), 400, r#"{"error":{"type":"x"}}"#), "sandbox-mismatch");
        assert_eq!(categorize("search", json!({}), 200, "{}"), "needs-search");
        assert_eq!(categorize("indices.create", json!({"aggs": {}}), 200, "{}"), "needs-search");
        assert_eq!(categorize("security.put_user", json!({}), 200, "{}"), "needs-security");
        assert_eq!(
            categorize("indices.create", json!({"processors": [{"set": {"if": "x"}}]}), 200, "{}"),
            "needs-painless"
        );
        assert_eq!(categorize("nodes.info", json!({}), 200, "{}"), "out-of-scope-api:nodes.info");
        let no_route = r#"{"error":"no handler found for uri [/x] and method [PUT]","status":400}"#;
        assert_eq!(categorize("indices.create", json!({}), 400, no_route), "out-of-scope-api:indices.create");
        let refusal = r#"{"error":{"reason":"the esops sandbox does not implement the [grok] processor"}}"#;
        assert_eq!(categorize("indices.create", json!({}), 400, refusal), "out-of-scope-feature:processor:grok");
        let painless = r#"{"error":{"reason":"the esops sandbox cannot run Painless"}}"#;
        assert_eq!(categorize("indices.create", json!({}), 400, painless), "needs-painless");
    }

    #[test]
    fn params_and_bodies() {
        assert_eq!(param_text(&json!(["a", "b"])).as_deref(), Some("a,b"));
        assert_eq!(param_text(&json!(true)).as_deref(), Some("true"));
        assert_eq!(parse_json_stream("{\"index\":{}}\n{\"f\":1}\n").map(|v| v.len()), Some(2));
        assert_eq!(parse_json_stream("not json"), None);
        assert!(has_key(&json!({"processors": [{"set": {"if": "ctx.x"}}]}), &["if"]));
    }
}
