//! Typed `_simulate` calls: running documents through an ingest pipeline without indexing them.

use serde_json::{Value, json};

use super::{Client, EsRequest, Method, RequestError};

/// Which pipeline `_simulate` runs.
#[derive(Debug, Clone, Copy)]
pub enum SimulatedPipeline<'a> {
    /// A definition sent with the request (`POST /_ingest/pipeline/_simulate`): nothing is stored.
    Inline(&'a Value),
    /// A pipeline stored on the cluster (`POST /_ingest/pipeline/{name}/_simulate`).
    Stored(&'a str),
}

/// What became of one simulated document.
#[derive(Debug, Clone, PartialEq)]
pub enum SimulatedDocument {
    /// The document came out with this `_source`.
    Processed(Value),
    /// The pipeline failed (no `on_failure` caught it): indexing would reject the document.
    Failed {
        /// The error type, e.g. `illegal_argument_exception`.
        error_type: String,
        /// The reason.
        reason: String,
    },
    /// A `drop` processor dropped it.
    Dropped,
}

impl Client {
    /// Runs `sources` through `pipeline`, one result per source, in order.
    pub async fn simulate(
        &self,
        pipeline: SimulatedPipeline<'_>,
        sources: &[Value],
    ) -> Result<Vec<SimulatedDocument>, RequestError> {
        let docs: Vec<Value> = sources.iter().map(|s| json!({ "_source": s })).collect();
        let (path, body) = match pipeline {
            SimulatedPipeline::Inline(definition) => {
                ("/_ingest/pipeline/_simulate".to_string(), json!({"pipeline": definition, "docs": docs}))
            }
            SimulatedPipeline::Stored(name) => (format!("/_ingest/pipeline/{name}/_simulate"), json!({"docs": docs})),
        };
        // A simulation changes nothing: safe to retry.
        let req = EsRequest::new(Method::Post, path).json(body).idempotent();
        let answer: Value = self.json(&req).await?;
        let results = answer.get("docs").and_then(Value::as_array).cloned().unwrap_or_default();
        Ok(results.iter().map(simulated_document).collect())
    }
}

impl Client {
    /// Indexes `sources` into `index` with one `_bulk` request (`create` actions, default
    /// pipeline skipped: the documents are a pipeline's output already) and answers, per
    /// document, `None` when it was indexed or ES's `type: reason` when it was refused.
    pub async fn index_outputs(&self, index: &str, sources: &[Value]) -> Result<Vec<Option<String>>, RequestError> {
        if sources.is_empty() {
            return Ok(Vec::new());
        }
        let mut body = String::new();
        for source in sources {
            body.push_str(&json!({"create": {"_index": index}}).to_string());
            body.push('\n');
            body.push_str(&source.to_string());
            body.push('\n');
        }
        let mut req = EsRequest::new(Method::Post, "/_bulk").query("pipeline", "_none").query("refresh", "true");
        req.body = Some(super::RequestBody::NdJson(body));
        let answer: Value = self.json(&req).await?;
        let items = answer.get("items").and_then(Value::as_array).cloned().unwrap_or_default();
        Ok(items
            .iter()
            .map(|item| {
                let error = item.get("create")?.get("error")?;
                let text = |key: &str| error.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
                let mut described = format!("{}: {}", text("type"), text("reason"));
                if let Some(cause) = error.get("caused_by").and_then(|c| c.get("reason")).and_then(Value::as_str) {
                    described.push_str(&format!(" (caused by: {cause})"));
                }
                Some(described)
            })
            .collect())
    }
}

/// One entry of `docs` in a `_simulate` answer: `{"doc": {"_source": …}}`, `{"error": {…}}`, or
/// `null` for a dropped document.
fn simulated_document(entry: &Value) -> SimulatedDocument {
    if let Some(error) = entry.get("error") {
        let text = |key: &str| error.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
        return SimulatedDocument::Failed { error_type: text("type"), reason: text("reason") };
    }
    match entry.get("doc").and_then(|d| d.get("_source")) {
        Some(source) => SimulatedDocument::Processed(source.clone()),
        None => SimulatedDocument::Dropped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_become_documents_failures_and_drops() {
        let doc = json!({"doc": {"_index": "_index", "_source": {"a": 1}, "_ingest": {"timestamp": "t"}}});
        assert_eq!(simulated_document(&doc), SimulatedDocument::Processed(json!({"a": 1})));
        let error = json!({"error": {"root_cause": [], "type": "illegal_argument_exception", "reason": "no"}});
        assert_eq!(
            simulated_document(&error),
            SimulatedDocument::Failed { error_type: "illegal_argument_exception".into(), reason: "no".into() }
        );
        assert_eq!(simulated_document(&Value::Null), SimulatedDocument::Dropped);
    }
}
