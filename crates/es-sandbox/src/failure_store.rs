//! The data stream failure store (generally available in 8.19 and 9.1): a data stream whose
//! options enable it keeps the documents its mappings or ingest pipelines rejected in hidden
//! `.fs-` indices instead of refusing them, with the error beside the original document
//! (`FailureStoreDocumentConverter`), and the bulk item says `"failure_store": "used"`.
//! The options come from the template's `data_stream_options` when the data stream is created
//! and from `PUT /_data_stream/{name}/_options` later.

use serde_json::{Map, Value, json};

use crate::data_streams::{failure_store_ga, select};
use crate::datemath;
use crate::error::{EsError, EsResult};
use crate::expression::{self, simple_match, split_list};
use crate::http::{SandboxRequest, SandboxResponse};
use crate::indices::{self, Origin};
use crate::router::no_handler;
use crate::state::Cluster;
use crate::templates;
use crate::xcontent::strict_date_time;

/// A data stream's failure store state, kept beside the data stream by name.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FailureStore {
    /// The data stream options (`{"failure_store": {"enabled": …}}`), when any were set.
    pub options: Option<Value>,
    /// Failure indices, oldest first; the last one takes new failures.
    pub indices: Vec<String>,
}

/// The fixed mapping of failure indices (`DataStreamFailureStoreDefinition`): the original
/// document kept in `_source` only, the error's fields searchable.
fn failure_index_mappings() -> Value {
    json!({
        "dynamic": false,
        "properties": {
            "@timestamp": {"type": "date", "ignore_malformed": false},
            "document": {"properties": {
                "id": {"type": "keyword"},
                "routing": {"type": "keyword"},
                "index": {"type": "keyword"}
            }},
            "error": {"properties": {
                "message": {"type": "match_only_text"},
                "stack_trace": {"type": "text"},
                "type": {"type": "keyword"},
                "pipeline_trace": {"type": "keyword"},
                "pipeline": {"type": "keyword"},
                "processor_tag": {"type": "keyword"},
                "processor_type": {"type": "keyword"}
            }}
        }
    })
}

/// Whether a data stream's failure store is effectively enabled
/// (`DataStream#isFailureStoreEffectivelyEnabled`): its options say so explicitly, else the
/// cluster setting `data_streams.failure_store.enabled` lists a pattern matching its name.
pub fn enabled(cluster: &Cluster, data_stream: &str) -> bool {
    enabled_with(cluster, data_stream, cluster.failure_stores.get(data_stream).and_then(|s| s.options.as_ref()))
}

fn enabled_with(cluster: &Cluster, data_stream: &str, options: Option<&Value>) -> bool {
    if let Some(explicit) = options.and_then(|o| o.pointer("/failure_store/enabled")).and_then(Value::as_bool) {
        return explicit;
    }
    split_list(cluster.setting("data_streams.failure_store.enabled")).iter().any(|p| simple_match(p, data_stream))
}

/// The data stream whose failure store takes a document `target` rejected, if any: an existing
/// data stream's, or the one a data stream template would create for the name
/// (`DataStreamFailureStoreSettings` are resolved before the write creates it).
pub fn taking(cluster: &Cluster, target: &str) -> Option<String> {
    if !failure_store_ga(cluster.version) {
        return None;
    }
    let takes = if cluster.data_streams.contains_key(target) {
        enabled(cluster, target)
    } else if expression::lookup(cluster, target).is_none() {
        templates::resolve_for_new_index(cluster, target)
            .filter(|t| t.data_stream)
            .is_some_and(|t| enabled_with(cluster, target, t.data_stream_options.as_ref()))
    } else {
        false
    };
    takes.then(|| target.to_string())
}

/// What ES stores for a rejected document: when, the document as it was sent to `index`, and
/// the error (type and message).
pub fn failure_document(
    now_millis: i64,
    index: &str,
    id: Option<&str>,
    routing: Option<&str>,
    source: &Value,
    error: &EsError,
) -> Value {
    let mut document = Map::new();
    if let Some(id) = id {
        document.insert("id".into(), json!(id));
    }
    if let Some(routing) = routing {
        document.insert("routing".into(), json!(routing));
    }
    document.insert("index".into(), json!(index));
    document.insert("source".into(), source.clone());
    json!({
        "@timestamp": strict_date_time(now_millis),
        "document": document,
        "error": {"type": error.kind, "message": error.reason},
    })
}

/// The failure index new failures of `data_stream` go to, created on the first failure (the
/// failure store "rolls over on write"), taking the data stream's next generation.
pub fn write_index(cluster: &mut Cluster, data_stream: &str) -> EsResult<String> {
    if !cluster.data_streams.contains_key(data_stream) {
        crate::data_streams::create_data_stream(cluster, data_stream)?;
    }
    match cluster.failure_stores.get(data_stream).and_then(|s| s.indices.last()) {
        Some(current) => Ok(current.clone()),
        None => new_failure_index(cluster, data_stream),
    }
}

/// `POST /{data_stream}::failures/_rollover` (unconditional): a new failure index takes the
/// data stream's next generation and new failures.
pub fn rollover(cluster: &mut Cluster, data_stream: &str, dry_run: bool) -> EsResult<Value> {
    let Some(ds) = cluster.data_streams.get(data_stream) else {
        return Err(EsError::index_not_found(&format!("{data_stream}::failures")));
    };
    let old = indices_of(cluster, data_stream).last().cloned();
    let new = if dry_run {
        failure_index_name(data_stream, ds.generation + 1, cluster.now_millis())
    } else {
        new_failure_index(cluster, data_stream)?
    };
    Ok(json!({"acknowledged": !dry_run, "shards_acknowledged": !dry_run, "old_index": old, "new_index": new,
              "rolled_over": !dry_run, "dry_run": dry_run, "lazy": false, "conditions": {}}))
}

/// `.fs-{data stream}-{yyyy.MM.dd}-{generation}`, as backing indices are named.
fn failure_index_name(data_stream: &str, generation: u64, now_millis: i64) -> String {
    format!(".fs-{data_stream}-{}-{generation:06}", datemath::format_index_day(now_millis))
}

/// Creates the data stream's next failure index (hidden, the failure store mapping).
fn new_failure_index(cluster: &mut Cluster, data_stream: &str) -> EsResult<String> {
    let generation = cluster.data_streams.get(data_stream).map_or(1, |ds| ds.generation + 1);
    let name = failure_index_name(data_stream, generation, cluster.now_millis());
    let body = json!({"settings": {"index.hidden": true}, "mappings": failure_index_mappings()});
    let created = indices::create_index(cluster, &name, &body, Origin::Api)?;
    if let Some(ds) = cluster.data_streams.get_mut(data_stream) {
        ds.generation = generation;
    }
    cluster.failure_stores.entry(data_stream.to_string()).or_default().indices.push(created.clone());
    Ok(created)
}

/// The failure indices `GET /_data_stream` lists.
pub fn indices_of<'a>(cluster: &'a Cluster, data_stream: &str) -> &'a [String] {
    cluster.failure_stores.get(data_stream).map_or(&[], |s| s.indices.as_slice())
}

/// The data streams a `name::failures` expression's name part selects: one by name, or those a
/// wildcard matches (hidden ones only when `hidden` is expanded).
pub fn matching_streams<'a>(cluster: &'a Cluster, pattern: &str, hidden: bool) -> Vec<&'a str> {
    cluster
        .data_streams
        .values()
        .filter(|ds| {
            if pattern.contains('*') {
                simple_match(pattern, &ds.name) && (hidden || !ds.hidden)
            } else {
                ds.name == pattern
            }
        })
        .map(|ds| ds.name.as_str())
        .collect()
}

/// Forgets a deleted data stream's failure store, removing its failure indices.
pub fn remove(cluster: &mut Cluster, data_stream: &str) {
    if let Some(store) = cluster.failure_stores.remove(data_stream) {
        for index in store.indices {
            cluster.indices.remove(&index);
        }
    }
}

/// The routes exist from the failure store's GA on; before, ES has no handler for them.
fn check_available(cluster: &Cluster, req: &SandboxRequest) -> EsResult<()> {
    if failure_store_ga(cluster.version) { Ok(()) } else { Err(no_handler(req.method, &req.path)) }
}

/// `PUT /_data_stream/{name}/_options`: `{"failure_store": {"enabled": …, "lifecycle": …}}`.
pub fn put_options(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    check_available(cluster, req)?;
    let body = req.json()?.unwrap_or_else(|| json!({}));
    let Some(fields) = body.as_object() else {
        return Err(EsError::x_content_parse("[data_stream_options] expected an object"));
    };
    for (key, value) in fields {
        let known: &[&str] = match key.as_str() {
            "failure_store" => &["enabled", "lifecycle"],
            other => return Err(EsError::x_content_parse(format!("[data_stream_options] unknown field [{other}]"))),
        };
        for inner in value.as_object().into_iter().flatten().map(|(k, _)| k) {
            if !known.contains(&inner.as_str()) {
                return Err(EsError::x_content_parse(format!("[failure_store] unknown field [{inner}]")));
            }
        }
        if let Some(enabled) = value.get("enabled")
            && !enabled.is_boolean()
        {
            return Err(EsError::x_content_parse(format!(
                "[failure_store] failed to parse field [enabled]: expected a boolean, found [{enabled}]"
            )));
        }
    }
    for name in select(cluster, req)? {
        cluster.failure_stores.entry(name).or_default().options = Some(body.clone());
    }
    Ok(SandboxResponse::acknowledged())
}

/// `GET /_data_stream/{name}/_options`
pub fn get_options(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    check_available(cluster, req)?;
    let streams: Vec<Value> = select(cluster, req)?
        .into_iter()
        .map(|name| match cluster.failure_stores.get(&name).and_then(|s| s.options.clone()) {
            Some(options) => json!({"name": name, "options": options}),
            None => json!({"name": name}),
        })
        .collect();
    Ok(SandboxResponse::ok(json!({"data_streams": streams})))
}

/// `DELETE /_data_stream/{name}/_options`: back to the cluster setting's default.
pub fn delete_options(cluster: &mut Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    check_available(cluster, req)?;
    for name in select(cluster, req)? {
        if let Some(store) = cluster.failure_stores.get_mut(&name) {
            store.options = None;
        }
    }
    Ok(SandboxResponse::acknowledged())
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use crate::documents::tests::call;
    use crate::http::Method;
    use crate::state::Cluster;
    use crate::version::EsVersion;

    fn logs_cluster(version: EsVersion, options: Value) -> Cluster {
        let mut c = Cluster::new(version, 1_752_000_000_000);
        let mut template = json!({"index_patterns": ["logs-*"], "data_stream": {},
            "template": {"mappings": {"properties": {"status": {"type": "long"}}}}});
        if !options.is_null() {
            template["template"]["data_stream_options"] = options;
        }
        assert_eq!(call(&mut c, Method::Put, "/_index_template/logs", &template.to_string()).0, 200);
        c
    }

    const BAD_LINE: &str =
        "{\"create\":{\"_index\":\"logs-app\"}}\n{\"@timestamp\":\"2025-07-08T00:00:00Z\",\"status\":\"timeout\"}\n";

    // The failure store docs ("Using the failure store"): a document the mapping refuses lands
    // in a `.fs-` index of the data stream, the item saying `failure_store: used`.
    #[test]
    fn a_rejected_document_lands_in_the_failure_store_from_9_1() {
        let mut c = logs_cluster(EsVersion::new(9, 1, 0), json!({"failure_store": {"enabled": true}}));
        let (_, v) = call(&mut c, Method::Post, "/_bulk", BAD_LINE);
        let item = &v["items"][0]["create"];
        assert_eq!(
            (v["errors"].clone(), item["status"].clone(), item["failure_store"].clone()),
            (json!(false), json!(201), json!("used"))
        );
        let failure_index = item["_index"].as_str().unwrap().to_string();
        assert!(failure_index.starts_with(".fs-logs-app-") && failure_index.ends_with("-000002"), "{failure_index}");
        let (_, ds) = call(&mut c, Method::Get, "/_data_stream/logs-app", "");
        let ds = &ds["data_streams"][0];
        assert_eq!(
            (ds["generation"].clone(), ds["failure_store"]["rollover_on_write"].clone()),
            (json!(2), json!(false))
        );
        assert_eq!(ds["failure_store"]["indices"][0]["index_name"], json!(failure_index));
        assert_eq!(call(&mut c, Method::Get, "/logs-app::failures/_count", "").1["count"], 1);
        assert_eq!(call(&mut c, Method::Get, "/logs-app/_count", "").1["count"], 0);
        let (_, hits) = call(&mut c, Method::Get, "/logs-app::failures/_search", "");
        let stored = &hits["hits"]["hits"][0]["_source"];
        assert_eq!(stored["error"]["type"], "document_parsing_exception");
        assert_eq!(stored["document"]["index"], "logs-app");
        assert_eq!(stored["document"]["source"]["status"], "timeout");
        assert!(stored["document"]["id"].is_string(), "the generated id is kept: {stored}");
        call(&mut c, Method::Delete, "/_data_stream/logs-app", "");
        assert!(!c.indices.contains_key(&failure_index) && c.failure_stores.is_empty());
    }

    // data_stream/230_data_stream_options.yml: `::failures` rolls over; options need a data stream.
    #[test]
    fn failure_stores_roll_over_and_options_need_a_data_stream_template() {
        let mut c = logs_cluster(EsVersion::new(9, 1, 0), json!({"failure_store": {"enabled": true}}));
        call(&mut c, Method::Put, "/_data_stream/logs-app", "");
        let (status, v) = call(&mut c, Method::Post, "/logs-app::failures/_rollover", "");
        assert_eq!((status, v["rolled_over"].clone(), v["old_index"].clone()), (200, json!(true), Value::Null));
        assert!(v["new_index"].as_str().unwrap().starts_with(".fs-logs-app-"));
        let (_, v) = call(&mut c, Method::Post, "/_bulk", BAD_LINE);
        assert_eq!(v["items"][0]["create"]["_index"], json!(crate::failure_store::indices_of(&c, "logs-app")[0]));
        let component = r#"{"template":{"data_stream_options":{"failure_store":{"enabled":true}}}}"#;
        call(&mut c, Method::Put, "/_component_template/fs", component);
        let plain = r#"{"index_patterns":["plain"],"composed_of":["fs"]}"#;
        let (status, v) = call(&mut c, Method::Put, "/_index_template/plain", plain);
        assert_eq!(status, 400);
        assert_eq!(
            v["error"]["reason"],
            "index template [plain] specifies data stream options that can only be used in combination with a data stream"
        );
        let reset = r#"{"index_patterns":["plain"],"composed_of":["fs"],"template":{"data_stream_options":null}}"#;
        assert_eq!(call(&mut c, Method::Put, "/_index_template/plain", reset).0, 200);
    }

    #[test]
    fn without_the_option_or_before_the_ga_the_document_is_refused() {
        let mut c = logs_cluster(EsVersion::new(9, 1, 0), Value::Null);
        let (_, v) = call(&mut c, Method::Post, "/_bulk", BAD_LINE);
        assert_eq!((v["errors"].clone(), v["items"][0]["create"]["status"].clone()), (json!(true), json!(400)));
        let (status, _) =
            call(&mut c, Method::Put, "/_data_stream/logs-app/_options", r#"{"failure_store":{"enabled":true}}"#);
        assert_eq!(status, 200);
        let (_, options) = call(&mut c, Method::Get, "/_data_stream/logs-app/_options", "");
        assert_eq!(options["data_streams"][0]["options"], json!({"failure_store": {"enabled": true}}));
        let (_, v) = call(&mut c, Method::Post, "/_bulk", BAD_LINE);
        assert_eq!(v["items"][0]["create"]["failure_store"], "used");
        let (status, _) =
            call(&mut c, Method::Put, "/_data_stream/logs-app/_options", r#"{"failure_store":{"on":true}}"#);
        assert_eq!(status, 400);

        let mut old = logs_cluster(EsVersion::new(9, 0, 0), Value::Null);
        let (_, v) = call(&mut old, Method::Post, "/_bulk", BAD_LINE);
        assert_eq!(v["items"][0]["create"]["status"], 400);
        assert_eq!(call(&mut old, Method::Get, "/_data_stream/logs-app/_options", "").0, 400);
    }
}
