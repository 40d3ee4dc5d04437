//! Ingest pipelines: storage (`_ingest/pipeline`), `_simulate` (plain and verbose), and the
//! pipelines that run when documents are indexed ([`run_default_pipelines`]).
//!
//! - [`processors`]: processor configuration and execution.
//! - [`document`]: the document model and its field paths.
//! - [`date`], [`dissect`], [`mustache`]: the formats processors understand.

pub mod date;
pub mod dissect;
pub mod document;
pub mod mustache;
pub mod processors;

use std::borrow::Cow;
use std::cell::RefCell;

use chrono::Datelike;
use serde_json::{Map, Value, json};

use self::document::IngestDocument;
use self::processors::{Action, Flow, Processor};
use super::error::{EsError, EsResult};
use super::expression::{self, Abstraction, simple_match};
use super::http::{SandboxRequest, SandboxResponse};
use super::settings;
use super::state::Cluster;
use super::xcontent::strict_date_time;

/// The id `_simulate` gives an inline pipeline.
const SIMULATED_PIPELINE: &str = "_simulate_pipeline";

/// A compiled pipeline.
#[derive(Debug, Clone)]
pub struct Pipeline {
    /// Processors, in order.
    pub processors: Vec<Processor>,
    /// Pipeline-level `on_failure` handlers.
    pub on_failure: Vec<Processor>,
}

impl Pipeline {
    /// Compiles a pipeline body (`processors`, `on_failure`, …) with ES's configuration errors.
    pub fn compile(id: &str, body: &Value) -> EsResult<Pipeline> {
        const KNOWN: [&str; 8] = [
            "description",
            "version",
            "processors",
            "on_failure",
            "_meta",
            "deprecated",
            "created_date_millis",
            "modified_date_millis",
        ];
        let unknown: Vec<&str> = body
            .as_object()
            .into_iter()
            .flat_map(|m| m.keys())
            .map(String::as_str)
            .filter(|k| !KNOWN.contains(k))
            .collect();
        if !unknown.is_empty() {
            return Err(EsError::parse(format!(
                "pipeline [{id}] doesn't support one or more provided configuration parameters [{}]",
                unknown.join(", ")
            )));
        }
        let processors = match body.get("processors") {
            None | Some(Value::Null) => {
                return Err(
                    EsError::parse("[processors] required property is missing").with("property_name", "processors")
                );
            }
            Some(list) => processors::parse_list(list)?,
        };
        let on_failure = match body.get("on_failure") {
            None | Some(Value::Null) => Vec::new(),
            Some(list) => {
                let handlers = processors::parse_list(list)?;
                if handlers.is_empty() {
                    return Err(EsError::parse(format!(
                        "pipeline [{id}] cannot have an empty on_failure option defined"
                    )));
                }
                handlers
            }
        };
        Ok(Pipeline { processors, on_failure })
    }
}

/// A stored pipeline: the body as put (what GET answers and the state file holds) and the
/// pipeline compiled from it when it was put — once per version, not once per document.
#[derive(Debug, Clone)]
pub struct StoredPipeline {
    /// The body, as sent (with the 9.2+ tracking dates).
    pub body: Value,
    /// The processors compiled from `body`.
    pub compiled: Pipeline,
}

/// The state file's form of the stored pipelines: their bodies, compiled again on loading.
pub mod stored_form {
    use std::collections::BTreeMap;

    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};
    use serde_json::Value;

    use super::{Pipeline, StoredPipeline};

    /// Writes each pipeline's body.
    pub fn serialize<S: Serializer>(pipelines: &BTreeMap<String, StoredPipeline>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(pipelines.iter().map(|(id, stored)| (id, &stored.body)))
    }

    /// Reads the bodies and compiles them.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, StoredPipeline>, D::Error> {
        BTreeMap::<String, Value>::deserialize(d)?
            .into_iter()
            .map(|(id, body)| {
                let compiled = Pipeline::compile(&id, &body)
                    .map_err(|e| D::Error::custom(format!("ingest pipeline [{id}]: {}", e.reason)))?;
                Ok((id, StoredPipeline { body, compiled }))
            })
            .collect()
    }
}

fn segment(req: &SandboxRequest, i: usize) -> Option<&str> {
    req.segments.get(i).map(String::as_str)
}

/// `PUT /_ingest/pipeline/{id}`
pub fn put_pipeline(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let id = segment(req, 2).unwrap_or_default().to_string();
    let body = req.json()?.ok_or_else(|| EsError::parse("request body is required"))?;
    if let Some(required) = req.param("if_version") {
        let current = cluster.pipelines.get(&id).map(|p| p.body.get("version").and_then(Value::as_i64));
        let reason = match current {
            None => Some(format!(
                "version conflict, required version [{required}] for pipeline [{id}] but no pipeline was found"
            )),
            Some(v) if v.map(|v| v.to_string()).as_deref() != Some(required) => Some(format!(
                "version conflict, required version [{required}] for pipeline [{id}] but current version is [{}]",
                v.map(|v| v.to_string()).unwrap_or_else(|| "null".into())
            )),
            Some(_) => None,
        };
        if let Some(reason) = reason {
            return Err(EsError::illegal_argument(reason));
        }
    }
    let mut body = body;
    if cluster.version.at_least(9, 2) {
        // 9.2+ tracks when pipelines were created and changed; clients may not set it.
        for property in ["created_date", "modified_date"] {
            if body.get(property).is_some() || body.get(format!("{property}_millis")).is_some() {
                return Err(EsError::illegal_argument(format!(
                    "Provided a pipeline property which is managed by the system: {property}."
                )));
            }
        }
        let created = cluster.pipelines.get(&id).and_then(|p| p.body.get("created_date_millis")).cloned();
        if let Some(map) = body.as_object_mut() {
            map.insert("created_date_millis".into(), created.unwrap_or(json!(cluster.now_millis())));
            map.insert("modified_date_millis".into(), json!(cluster.now_millis()));
        }
    }
    let compiled = Pipeline::compile(&id, &body)?;
    cluster.pipelines.insert(id, StoredPipeline { body, compiled });
    Ok(SandboxResponse::acknowledged())
}

/// `GET /_ingest/pipeline` and `GET /_ingest/pipeline/{id}` (comma lists and wildcards)
pub fn get_pipeline(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let ids = expression::split_list(segment(req, 2));
    let summary = req.flag("summary")?;
    let mut out = Map::new();
    for (id, stored) in &cluster.pipelines {
        if ids.is_empty() || ids.iter().any(|pattern| simple_match(pattern, id)) {
            out.insert(id.clone(), if summary { json!({}) } else { render_pipeline(&stored.body) });
        }
    }
    // ES answers 404 with the (empty) map whenever nothing was found.
    let status = if out.is_empty() { 404 } else { 200 };
    Ok(SandboxResponse::json(status, Value::Object(out)))
}

/// A stored pipeline as GET shows it: as sent, plus the 9.2+ tracking dates in both forms.
fn render_pipeline(stored: &Value) -> Value {
    let mut out = stored.clone();
    if let Some(map) = out.as_object_mut() {
        for property in ["created_date", "modified_date"] {
            if let Some(millis) = map.get(&format!("{property}_millis")).and_then(Value::as_i64) {
                map.insert(property.into(), json!(strict_date_time(millis)));
            }
        }
    }
    out
}

/// `DELETE /_ingest/pipeline/{id}` (comma lists and wildcards)
pub fn delete_pipeline(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let expression = segment(req, 2).unwrap_or_default();
    let mut doomed = Vec::new();
    for pattern in expression.split(',').filter(|p| !p.is_empty()) {
        let matched: Vec<String> = cluster.pipelines.keys().filter(|id| simple_match(pattern, id)).cloned().collect();
        if matched.is_empty() {
            return Err(EsError::resource_not_found(format!("pipeline [{pattern}] is missing")));
        }
        doomed.extend(matched);
    }
    for id in doomed {
        cluster.pipelines.remove(&id);
    }
    Ok(SandboxResponse::acknowledged())
}

/// A failed processor, with what `on_failure` handlers get to know about it.
struct Failure<'a> {
    error: EsError,
    processor_type: &'a str,
    processor_tag: Option<&'a str>,
    pipeline: Cow<'a, str>,
}

/// Runs pipelines over one document, tracking nesting (cycles) and, for verbose simulation,
/// every processor's result.
struct Runner<'a> {
    cluster: &'a Cluster,
    /// An inline pipeline (`_simulate` without an id), reachable under [`SIMULATED_PIPELINE`].
    inline: Option<&'a Pipeline>,
    /// The pipelines running, outermost first (their ids as stored).
    stack: Vec<&'a str>,
    results: Option<Vec<Value>>,
    now_year: i32,
}

impl<'a> Runner<'a> {
    /// A runner for documents ingested at `now` (milliseconds).
    fn new(cluster: &'a Cluster, inline: Option<&'a Pipeline>, verbose: bool, now: i64) -> Self {
        let now_year = chrono::DateTime::from_timestamp_millis(now).map(|d| d.year()).unwrap_or(1970);
        Runner { cluster, inline, stack: Vec::new(), results: verbose.then(Vec::new), now_year }
    }

    fn lookup(&self, id: &str) -> Option<&'a Pipeline> {
        if id == SIMULATED_PIPELINE
            && let Some(inline) = self.inline
        {
            return Some(inline);
        }
        self.cluster.pipelines.get(id).map(|stored| &stored.compiled)
    }

    /// [`lookup`](Self::lookup), with the id as stored.
    fn lookup_entry(&self, id: &str) -> Option<(&'a str, &'a Pipeline)> {
        if id == SIMULATED_PIPELINE
            && let Some(inline) = self.inline
        {
            return Some((SIMULATED_PIPELINE, inline));
        }
        self.cluster.pipelines.get_key_value(id).map(|(id, stored)| (id.as_str(), &stored.compiled))
    }

    fn run_pipeline(&mut self, id: &str, doc: &mut IngestDocument) -> Result<Flow, Failure<'a>> {
        let failure = |error: EsError| Failure {
            error,
            processor_type: "pipeline",
            processor_tag: None,
            pipeline: Cow::Owned(id.to_string()),
        };
        if self.stack.contains(&id) {
            return Err(failure(cycle(id)));
        }
        let Some((id, pipeline)) = self.lookup_entry(id) else {
            return Err(failure(missing_pipeline(id)));
        };
        self.stack.push(id);
        let previous = doc.ingest.insert("pipeline".into(), json!(id));
        let result = self.run_compound(&pipeline.processors, &pipeline.on_failure, doc);
        match previous {
            Some(p) => doc.ingest.insert("pipeline".into(), p),
            None => doc.ingest.remove("pipeline"),
        };
        self.stack.pop();
        result
    }

    fn run_compound(
        &mut self,
        processors: &'a [Processor],
        on_failure: &'a [Processor],
        doc: &mut IngestDocument,
    ) -> Result<Flow, Failure<'a>> {
        for processor in processors {
            match self.run_processor(processor, doc) {
                Ok(Flow::Continue) => {}
                Ok(Flow::Dropped) => return Ok(Flow::Dropped),
                Err(failure) if on_failure.is_empty() => return Err(failure),
                Err(failure) => return self.handle_failure(on_failure, failure, doc),
            }
        }
        Ok(Flow::Continue)
    }

    /// Runs `on_failure` handlers with the `_ingest.on_failure_*` metadata of the failure.
    fn handle_failure(
        &mut self,
        handlers: &'a [Processor],
        failure: Failure<'a>,
        doc: &mut IngestDocument,
    ) -> Result<Flow, Failure<'a>> {
        // Handlers that cannot see the metadata (most: `set` a route, `rename` back) run without
        // it being written and taken back for them; verbose simulation shows it in every result.
        if self.results.is_none() && !handlers.iter().any(|h| h.reads_ingest_metadata) {
            return self.run_compound(handlers, &[], doc);
        }
        let keys =
            ["on_failure_message", "on_failure_processor_type", "on_failure_processor_tag", "on_failure_pipeline"];
        let saved: Vec<Option<Value>> = keys.iter().map(|k| doc.ingest.get(*k).cloned()).collect();
        doc.ingest.insert(keys[0].into(), json!(failure.error.reason));
        doc.ingest.insert(keys[1].into(), json!(failure.processor_type));
        match &failure.processor_tag {
            Some(tag) => doc.ingest.insert(keys[2].into(), json!(tag)),
            None => doc.ingest.remove(keys[2]),
        };
        doc.ingest.insert(keys[3].into(), json!(failure.pipeline.as_ref()));
        let result = self.run_compound(handlers, &[], doc);
        for (key, value) in keys.iter().zip(saved) {
            match value {
                Some(v) => doc.ingest.insert(key.to_string(), v),
                None => doc.ingest.remove(*key),
            };
        }
        result
    }

    fn record(&mut self, processor: &Processor, status: &str, doc: &IngestDocument, error: Option<&EsError>) {
        let Some(results) = self.results.as_mut() else { return };
        let mut entry = Map::new();
        entry.insert("processor_type".into(), json!(processor.kind));
        entry.insert("status".into(), json!(status));
        if let Some(d) = &processor.description {
            entry.insert("description".into(), json!(d));
        }
        if let Some(t) = &processor.tag {
            entry.insert("tag".into(), json!(t));
        }
        match (status, error) {
            ("error_ignored", Some(e)) => {
                entry.insert("ignored_error".into(), json!({"error": e.to_body()["error"]}));
                entry.insert("doc".into(), doc.to_simulate_value());
            }
            (_, Some(e)) => {
                entry.insert("error".into(), e.to_body()["error"].clone());
            }
            ("dropped", None) => {}
            _ => {
                entry.insert("doc".into(), doc.to_simulate_value());
            }
        }
        results.push(Value::Object(entry));
    }

    fn run_processor(&mut self, processor: &'a Processor, doc: &mut IngestDocument) -> Result<Flow, Failure<'a>> {
        // What a failure of this processor reports; built only when it fails.
        let own_failure = |error: EsError, stack: &[&'a str]| Failure {
            error,
            processor_type: &processor.kind,
            processor_tag: processor.tag.as_deref(),
            pipeline: Cow::Borrowed(stack.last().copied().unwrap_or_default()),
        };
        let outcome = match &processor.action {
            Action::Pipeline { name, ignore_missing_pipeline } => {
                let target = processors::render(name, doc);
                if self.lookup(&target).is_none() {
                    if *ignore_missing_pipeline {
                        self.record(processor, "success", doc, None);
                        return Ok(Flow::Continue);
                    }
                    Err(own_failure(missing_pipeline(&target), &self.stack))
                } else if let Some(repeated) = self.results.is_some().then(|| self.find_cycle(&target)).flatten() {
                    // Verbose simulation resolves nested pipelines before running them, so a
                    // cycle fails the first pipeline processor.
                    Err(own_failure(cycle(&repeated), &self.stack))
                } else {
                    // The pipeline processor is reported before what its pipeline does, without a
                    // document (`TrackingResultProcessor.decorateAndExecutePipeline`).
                    self.record(processor, "success", doc, None);
                    if let Some(Value::Object(entry)) = self.results.as_mut().and_then(|r| r.last_mut()) {
                        entry.remove("doc");
                    }
                    return match self.run_pipeline(&target, doc) {
                        Err(f) if processor.ignore_failure => {
                            self.record(processor, "error_ignored", doc, Some(&f.error));
                            Ok(Flow::Continue)
                        }
                        Err(f) if !processor.on_failure.is_empty() => {
                            self.handle_failure(&processor.on_failure, f, doc)
                        }
                        other => other,
                    };
                }
            }
            _ => processor.execute(doc, self.now_year).map_err(|e| own_failure(e, &self.stack)),
        };
        match outcome {
            Ok(flow) => {
                self.record(processor, if flow == Flow::Dropped { "dropped" } else { "success" }, doc, None);
                Ok(flow)
            }
            Err(failure) if processor.ignore_failure => {
                self.record(processor, "error_ignored", doc, Some(&failure.error));
                Ok(Flow::Continue)
            }
            Err(failure) => {
                self.record(processor, "error", doc, Some(&failure.error));
                if processor.on_failure.is_empty() {
                    Err(failure)
                } else {
                    self.handle_failure(&processor.on_failure, failure, doc)
                }
            }
        }
    }

    /// The first pipeline that would run twice when `target` runs from the current stack,
    /// following pipeline processors with fixed names.
    fn find_cycle(&self, target: &str) -> Option<String> {
        fn walk(runner: &Runner, id: &str, path: &mut Vec<String>) -> Option<String> {
            if path.iter().any(|p| p == id) {
                return Some(id.to_string());
            }
            let pipeline = runner.lookup(id)?;
            path.push(id.to_string());
            let nested = pipeline.processors.iter().chain(&pipeline.on_failure).find_map(|p| match &p.action {
                Action::Pipeline { name, .. } if !mustache::is_template(name) => walk(runner, name, path),
                _ => None,
            });
            path.pop();
            nested
        }
        walk(self, target, &mut self.stack.iter().map(|id| id.to_string()).collect())
    }
}

fn cycle(id: &str) -> EsError {
    EsError::new(500, "illegal_state_exception", format!("Cycle detected for pipeline: {id}"))
}

fn missing_pipeline(id: &str) -> EsError {
    EsError::new(
        500,
        "illegal_state_exception",
        format!("Pipeline processor configured for non-existent pipeline [{id}]"),
    )
}

/// A simulated document from the request (`_index`, `_id`, `_routing`, `_source`, …).
fn simulated_document(doc: &Value, timestamp: &str) -> EsResult<IngestDocument> {
    let missing =
        |name: &str| EsError::parse(format!("[{name}] required property is missing")).with("property_name", name);
    let source = match doc.get("_source") {
        Some(Value::Object(s)) => s.clone(),
        _ => return Err(missing("_source")),
    };
    let mut metadata = Map::new();
    metadata.insert("_index".into(), doc.get("_index").cloned().unwrap_or(json!("_index")));
    metadata.insert("_id".into(), doc.get("_id").cloned().unwrap_or(json!("_id")));
    for field in ["_routing", "_version_type", "_if_seq_no", "_if_primary_term"] {
        if let Some(v) = doc.get(field) {
            metadata.insert(field.into(), v.clone());
        }
    }
    // Versions.MATCH_ANY
    metadata.insert("_version".into(), doc.get("_version").cloned().unwrap_or(json!(-3)));
    Ok(IngestDocument::new(source, metadata, timestamp))
}

/// `POST /_ingest/pipeline/_simulate` and `POST /_ingest/pipeline/{id}/_simulate` (also GET)
pub fn simulate(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let id = match segment(req, 2) {
        Some("_simulate") | None => None,
        Some(id) => Some(id.to_string()),
    };
    let verbose = req.flag("verbose")?;
    let body = req.json()?.ok_or_else(|| EsError::parse("request body is required"))?;
    let inline = match &id {
        Some(id) => {
            if !cluster.pipelines.contains_key(id) {
                return Err(EsError::illegal_argument(format!("pipeline [{id}] does not exist")));
            }
            None
        }
        None => {
            let Some(definition) = body.get("pipeline") else {
                return Err(EsError::parse("[pipeline] required property is missing").with("property_name", "pipeline"));
            };
            Some(Pipeline::compile(SIMULATED_PIPELINE, definition)?)
        }
    };
    let Some(docs) = body.get("docs").and_then(Value::as_array) else {
        return Err(EsError::parse("[docs] required property is missing").with("property_name", "docs"));
    };
    let now = cluster.now_millis();
    let timestamp = strict_date_time(now);
    let documents = docs.iter().map(|d| simulated_document(d, &timestamp)).collect::<EsResult<Vec<_>>>()?;
    let pipeline_id = id.as_deref().unwrap_or(SIMULATED_PIPELINE);
    let mut results = Vec::new();
    for mut doc in documents {
        let mut runner = Runner::new(cluster, inline.as_ref(), verbose, now);
        let outcome = runner.run_pipeline(pipeline_id, &mut doc);
        results.push(match (runner.results, outcome) {
            (Some(processor_results), _) => json!({"processor_results": processor_results}),
            (None, Ok(Flow::Continue)) => json!({"doc": doc.to_simulate_value()}),
            (None, Ok(Flow::Dropped)) => Value::Null,
            (None, Err(failure)) => json!({"error": failure.error.to_body()["error"]}),
        });
    }
    Ok(SandboxResponse::ok(json!({"docs": results})))
}

/// The pipelines an indexing request runs by default: `index.default_pipeline` and
/// `index.final_pipeline` of the concrete index, of the write index of an alias or data stream, or
/// of what a new index would get from templates (`_none` counts as none).
struct IndexPipelines {
    default: Option<String>,
    last: Option<String>,
}

impl IndexPipelines {
    fn of(cluster: &Cluster, target: &str) -> IndexPipelines {
        let read = |settings: &settings::FlatSettings| {
            let pipeline = |key: &str| settings::get(settings, key).filter(|p| *p != "_none").map(str::to_string);
            IndexPipelines { default: pipeline("index.default_pipeline"), last: pipeline("index.final_pipeline") }
        };
        match concrete_write_index(cluster, target).and_then(|c| cluster.indices.get(&c)) {
            // Read in place: a bulk request asks for every document.
            Some(index) => read(&index.settings),
            None => {
                read(&super::templates::resolve_for_new_index(cluster, target).map(|t| t.settings).unwrap_or_default())
            }
        }
    }
}

/// The index an indexing request for `target` writes to, when it exists: the concrete index, or
/// the write index of an alias or data stream.
fn concrete_write_index(cluster: &Cluster, target: &str) -> Option<String> {
    match expression::lookup(cluster, target) {
        Some(Abstraction::Index) => Some(target.to_string()),
        Some(Abstraction::DataStream(backing)) => backing.last().cloned(),
        Some(Abstraction::Alias(members)) => members
            .iter()
            .find(|m| cluster.indices[*m].aliases.get(target).and_then(|a| a.is_write_index) == Some(true))
            .or(members.first().filter(|_| members.len() == 1))
            .cloned(),
        None => None,
    }
}

thread_local! {
    /// The `_ingest.timestamp` of the last document indexed, and its instant (milliseconds):
    /// a bulk request indexes many documents per millisecond, and formatting the instant
    /// each time was a twentieth of the pipeline's cost.
    static INGEST_TIMESTAMP: RefCell<(Option<i64>, String)> = const { RefCell::new((None, String::new())) };
}

/// Runs the pipelines of an indexing request against `doc` (the source): `request_pipeline`
/// (`?pipeline=`) or the target's `index.default_pipeline`, then its `index.final_pipeline`.
/// Returns the index the document goes to (a pipeline may change `_index`) and the new source,
/// or `None` when a `drop` processor dropped it. ES runs the final pipeline of the index a
/// default pipeline redirected to, but refuses a final pipeline that redirects.
pub fn run_default_pipelines(
    cluster: &Cluster,
    index: &str,
    request_pipeline: Option<&str>,
    doc: Value,
) -> EsResult<Option<(String, Value)>> {
    let Value::Object(source) = doc else {
        return Err(EsError::parse("the document source must be an object"));
    };
    let configured = IndexPipelines::of(cluster, index);
    let default_pipeline = match request_pipeline {
        Some(requested) => Some(requested.to_string()).filter(|p| p != "_none"),
        None => configured.default,
    };
    let mut metadata = Map::new();
    metadata.insert("_index".into(), json!(index));
    let now = cluster.now_millis();
    let mut document = INGEST_TIMESTAMP.with_borrow_mut(|(at, timestamp)| {
        if *at != Some(now) {
            *at = Some(now);
            *timestamp = strict_date_time(now);
        }
        IngestDocument::new(source, metadata, timestamp)
    });
    let mut runner = Runner::new(cluster, None, false, now);
    if let Some(id) = default_pipeline {
        if !cluster.pipelines.contains_key(&id) {
            return Err(EsError::illegal_argument(format!("pipeline with id [{id}] does not exist")));
        }
        match runner.run_pipeline(&id, &mut document) {
            Ok(Flow::Dropped) => return Ok(None),
            Ok(Flow::Continue) => {}
            Err(failure) => return Err(failure.error),
        }
    }
    let target = document.metadata_string("_index").unwrap_or_else(|| index.to_string());
    let final_pipeline = if target == index { configured.last } else { IndexPipelines::of(cluster, &target).last };
    if let Some(id) = final_pipeline {
        if !cluster.pipelines.contains_key(&id) {
            return Err(EsError::illegal_argument(format!("pipeline with id [{id}] does not exist")));
        }
        match runner.run_pipeline(&id, &mut document) {
            Ok(Flow::Dropped) => return Ok(None),
            Ok(Flow::Continue) => {}
            Err(failure) => return Err(failure.error),
        }
        if document.metadata_string("_index").as_deref() != Some(target.as_str()) {
            return Err(EsError::new(
                500,
                "illegal_state_exception",
                format!(
                    "final pipeline [{id}] can't change the target index (from [{target}] to [{}])",
                    document.metadata_string("_index").unwrap_or_default()
                ),
            ));
        }
    }
    let final_index = document.metadata_string("_index").unwrap_or(target);
    Ok(Some((final_index, Value::Object(document.into_source()))))
}

#[cfg(test)]
mod tests;
