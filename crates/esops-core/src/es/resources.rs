//! Typed calls for the four declared kinds (ILM policies, component and index templates, ingest
//! pipelines), and the index lifecycle facts the plan's impact preview needs.
//!
//! Every read lists a whole kind in one request: a plan must cost the same number of requests for
//! three resources as for three hundred.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{Client, EsRequest, Method, RequestError};
use crate::resources::ResourceKind;

/// A resource as the cluster holds it, in the form esops would PUT it (an ILM policy is
/// `{"policy": {…}}`; the server's bookkeeping around it is left out).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredResource {
    /// Kind.
    pub kind: ResourceKind,
    /// Name.
    pub name: String,
    /// The body, as GET returns it (server defaults included).
    pub body: Value,
}

/// What ILM knows about one managed index, plus its size: the input of the impact preview.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexLifecycle {
    /// Index name.
    pub index: String,
    /// `index.lifecycle.name` (the policy may not exist yet).
    pub policy: String,
    /// The date ILM counts phase ages from (creation, rollover or origination date), epoch millis.
    pub lifecycle_date_millis: Option<i64>,
    /// The phase the index is in (`hot`, `warm`, …); `None` before ILM picked it up.
    pub phase: Option<String>,
    /// Store size, primaries and replicas, in bytes.
    pub size_bytes: u64,
}

/// The stored resources in a list-all answer of `kind`.
fn parse_listing(kind: ResourceKind, listing: Value) -> Vec<StoredResource> {
    let stored = |name: &str, body: Value| StoredResource { kind, name: name.to_string(), body };
    match kind {
        // `{"name": {"version", "modified_date", "policy": {…}, "in_use_by"}}`
        ResourceKind::IlmPolicy => object_entries(listing)
            .map(|(name, mut entry)| {
                let policy = entry.get_mut("policy").map(Value::take).unwrap_or(Value::Object(Default::default()));
                stored(&name, serde_json::json!({ "policy": policy }))
            })
            .collect(),
        // `{"data_streams": [{"name", "lifecycle"?}]}`: a data stream without one has no resource.
        ResourceKind::DataStreamLifecycle => match listing {
            Value::Object(mut map) => match map.remove("data_streams") {
                Some(Value::Array(items)) => items
                    .into_iter()
                    .filter_map(|mut item| {
                        let name = item.get("name")?.as_str()?.to_string();
                        let body = item.get_mut("lifecycle").map(Value::take)?;
                        Some(stored(&name, body))
                    })
                    .collect(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        },
        // `{"id": {…}}`
        ResourceKind::IngestPipeline => object_entries(listing).map(|(name, body)| stored(&name, body)).collect(),
        // `{"component_templates": [{"name", "component_template": {…}}]}`, same for index templates
        ResourceKind::ComponentTemplate | ResourceKind::IndexTemplate => {
            let (list_key, item_key) = match kind {
                ResourceKind::ComponentTemplate => ("component_templates", "component_template"),
                _ => ("index_templates", "index_template"),
            };
            let items = match listing {
                Value::Object(mut map) => map.remove(list_key),
                _ => None,
            };
            let Some(Value::Array(items)) = items else { return Vec::new() };
            items
                .into_iter()
                .filter_map(|mut item| {
                    let name = item.get("name")?.as_str()?.to_string();
                    let body = item.get_mut(item_key).map(Value::take)?;
                    Some(stored(&name, body))
                })
                .collect()
        }
    }
}

fn object_entries(value: Value) -> impl Iterator<Item = (String, Value)> {
    match value {
        Value::Object(map) => map.into_iter(),
        _ => serde_json::Map::new().into_iter(),
    }
}

/// True when `err` is the cluster saying "there are none": ES answers an empty listing with 404
/// and an empty body (`{}` for pipelines, `{"index_templates": []}` for a wildcard), and a cluster
/// without any ILM metadata with `resource_not_found_exception`. Any other 404 (a proxy's, a wrong
/// path prefix) stays an error rather than passing for an empty cluster.
fn is_empty_listing(err: &RequestError) -> bool {
    err.refusal().is_some_and(|r| {
        r.status == 404
            && ((r.body.is_object() && r.body.get("error").is_none())
                || r.error_type.as_deref() == Some("resource_not_found_exception"))
    })
}

/// True when `err` is Elasticsearch saying it has no such endpoint (`no handler found for uri`).
fn is_missing_api(err: &RequestError) -> bool {
    err.refusal().is_some_and(|r| {
        r.status == 400
            && (r.reason.starts_with("no handler found for uri")
                || r.body.get("error").and_then(Value::as_str).is_some_and(|e| e.starts_with("no handler found")))
    })
}

impl Client {
    /// Every resource of `kind` on the cluster, in one request.
    pub async fn stored_resources(&self, kind: ResourceKind) -> Result<Vec<StoredResource>, RequestError> {
        // `*` lists everything, like no name at all, on every version and for every kind.
        match self.json::<Value>(&EsRequest::get(kind.api_path("*"))).await {
            Ok(listing) => Ok(parse_listing(kind, listing)),
            Err(e) if is_empty_listing(&e) => Ok(Vec::new()),
            // Before 8.11 the data stream lifecycle API does not exist: no such resources.
            Err(e) if kind == ResourceKind::DataStreamLifecycle && is_missing_api(&e) => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    /// `PUT` of `body` as resource `name` of `kind`.
    pub async fn put_resource(&self, kind: ResourceKind, name: &str, body: &Value) -> Result<(), RequestError> {
        self.send(&EsRequest::new(Method::Put, kind.api_path(name)).json(body.clone())).await.map(drop)
    }

    /// `DELETE` of resource `name` of `kind`.
    pub async fn delete_resource(&self, kind: ResourceKind, name: &str) -> Result<(), RequestError> {
        self.send(&EsRequest::new(Method::Delete, kind.api_path(name))).await.map(drop)
    }

    /// Every index managed by (or pointing at) an ILM policy, with its lifecycle date, phase and
    /// size. Two requests whatever the number of indices: one `_ilm/explain` over all indices and
    /// one `_cat/indices`.
    pub async fn index_lifecycles(&self) -> Result<Vec<IndexLifecycle>, RequestError> {
        let explain = EsRequest::get("/_all/_ilm/explain")
            .query("only_managed", "true")
            .query("expand_wildcards", "all")
            .query("filter_path", "indices.*.index,indices.*.policy,indices.*.lifecycle_date_millis,indices.*.phase");
        let explained: Value = match self.json(&explain).await {
            Ok(v) => v,
            // No index at all: ES answers index_not_found for `_all` on some versions.
            Err(e) if e.refusal().is_some_and(|r| r.status == 404) => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let cat = EsRequest::get("/_cat/indices")
            .query("format", "json")
            .query("bytes", "b")
            .query("h", "index,store.size")
            .query("expand_wildcards", "all");
        let rows: Vec<Value> = self.json(&cat).await?;
        let sizes: BTreeMap<&str, u64> = rows
            .iter()
            .filter_map(|row| {
                let index = row.get("index")?.as_str()?;
                let size = row.get("store.size").and_then(Value::as_str).and_then(|s| s.parse().ok()).unwrap_or(0);
                Some((index, size))
            })
            .collect();
        let Some(indices) = explained.get("indices").and_then(Value::as_object) else { return Ok(Vec::new()) };
        Ok(indices
            .iter()
            .filter_map(|(index, entry)| {
                Some(IndexLifecycle {
                    index: index.clone(),
                    policy: entry.get("policy")?.as_str()?.to_string(),
                    lifecycle_date_millis: entry.get("lifecycle_date_millis").and_then(Value::as_i64),
                    phase: entry.get("phase").and_then(Value::as_str).map(str::to_string),
                    size_bytes: sizes.get(index.as_str()).copied().unwrap_or(0),
                })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn empty_listings_are_told_from_other_404s() {
        use crate::es::ClusterRefusal;
        let refused = |status, body: &str| {
            RequestError::Refused(Box::new(ClusterRefusal::from_response(status, "GET /x".into(), body)))
        };
        assert!(is_empty_listing(&refused(404, "{}")));
        assert!(is_empty_listing(&refused(404, r#"{"index_templates":[]}"#)));
        let rnf = r#"{"error":{"root_cause":[],"type":"resource_not_found_exception","reason":"Lifecycle policy not found: [*]"},"status":404}"#;
        assert!(is_empty_listing(&refused(404, rnf)));
        assert!(!is_empty_listing(&refused(404, "<html>Not Found</html>")));
        assert!(!is_empty_listing(&refused(400, "{}")));
    }

    #[test]
    fn listings_of_every_kind_become_put_bodies() {
        let ilm = json!({"p": {"version": 3, "modified_date": "2024-01-01T00:00Z",
            "policy": {"phases": {"hot": {"min_age": "0ms", "actions": {}}}}, "in_use_by": {"indices": []}}});
        assert_eq!(
            parse_listing(ResourceKind::IlmPolicy, ilm),
            vec![StoredResource {
                kind: ResourceKind::IlmPolicy,
                name: "p".into(),
                body: json!({"policy": {"phases": {"hot": {"min_age": "0ms", "actions": {}}}}}),
            }]
        );
        let ct = json!({"component_templates": [{"name": "c", "component_template": {"template": {}}}]});
        assert_eq!(parse_listing(ResourceKind::ComponentTemplate, ct)[0].body, json!({"template": {}}));
        let it = json!({"index_templates": [{"name": "i", "index_template": {"index_patterns": ["x-*"]}}]});
        assert_eq!(parse_listing(ResourceKind::IndexTemplate, it)[0].name, "i");
        assert_eq!(parse_listing(ResourceKind::IngestPipeline, json!({"q": {"processors": []}}))[0].name, "q");
        assert!(parse_listing(ResourceKind::IndexTemplate, json!({})).is_empty());
    }
}
