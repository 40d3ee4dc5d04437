//! Typed calls for the four declared kinds (ILM policies, component and index templates, ingest
//! pipelines), and the index lifecycle facts the plan's impact preview needs.
//!
//! Every read lists a whole kind in one request: a plan must cost the same number of requests for
//! three resources as for three hundred.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use super::{Client, EsRequest, Method, RequestError};
use crate::resources::ResourceKind;
use crate::resources::schema::json_type;

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
    /// The revision the body was read at, for kinds whose updates must name it (ISM policies).
    pub revision: Option<Revision>,
}

/// A document's `_seq_no` and `_primary_term`: OpenSearch's ISM refuses to update a policy
/// unless the request names the revision it replaces (`if_seq_no`, `if_primary_term`), so two
/// writers cannot both win.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Revision {
    /// `_seq_no`.
    pub seq_no: u64,
    /// `_primary_term`.
    pub primary_term: u64,
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

/// The stored resources in a list-all answer of `kind`, or what in it does not have the shape
/// Elasticsearch gives that answer (export and plan must not take a proxy's page, or another
/// API's answer, for an empty cluster).
fn parse_listing(kind: ResourceKind, listing: Value) -> Result<Vec<StoredResource>, String> {
    let stored = |name: &str, body: Value| StoredResource { kind, name: name.to_string(), body, revision: None };
    let Value::Object(mut map) = listing else {
        return Err(format!("expected a JSON object, got {}", json_type(&listing)));
    };
    match kind {
        // `{"persistent": {…}, "transient": {…}}`: one resource, persistent only.
        ResourceKind::ClusterSettings => match map.remove("persistent") {
            Some(persistent @ Value::Object(_)) => Ok(vec![stored(
                crate::resources::cluster_settings::NAME,
                serde_json::json!({ "persistent": persistent }),
            )]),
            None => Ok(vec![stored(crate::resources::cluster_settings::NAME, serde_json::json!({ "persistent": {} }))]),
            Some(other) => Err(format!("\"persistent\" is {}, not an object", json_type(&other))),
        },
        // `{"name": {"type", "uuid", "settings"}}`
        ResourceKind::SnapshotRepository => map
            .into_iter()
            .map(|(name, entry)| match entry.get("type") {
                Some(kind @ Value::String(_)) => {
                    let settings = entry.get("settings").cloned().unwrap_or_else(|| serde_json::json!({}));
                    Ok(stored(&name, serde_json::json!({"type": kind, "settings": settings})))
                }
                _ => Err(format!("entry {name:?} has no \"type\" string")),
            })
            .collect(),
        // `{"name": {"version", "modified_date_millis", "policy": {…}, "stats", …}}`
        ResourceKind::SlmPolicy => map
            .into_iter()
            .map(|(name, mut entry)| match entry.get_mut("policy").map(Value::take) {
                Some(policy @ Value::Object(_)) => Ok(stored(&name, policy)),
                _ => Err(format!("entry {name:?} has no \"policy\" object")),
            })
            .collect(),
        // `{"name": {"version", "modified_date", "policy": {…}, "in_use_by"}}`
        ResourceKind::IlmPolicy => map
            .into_iter()
            .map(|(name, mut entry)| match entry.get_mut("policy").map(Value::take) {
                Some(policy @ Value::Object(_)) => Ok(stored(&name, serde_json::json!({ "policy": policy }))),
                _ => Err(format!("entry {name:?} has no \"policy\" object")),
            })
            .collect(),
        // `{"data_streams": [{"name", "lifecycle"?}]}`: a data stream without one has no resource.
        ResourceKind::DataStreamLifecycle => {
            let Some(Value::Array(items)) = map.remove("data_streams") else {
                return Err("no \"data_streams\" array".to_string());
            };
            Ok(items
                .into_iter()
                .filter_map(|mut item| {
                    let name = item.get("name")?.as_str()?.to_string();
                    let body = item.get_mut("lifecycle").map(Value::take)?;
                    Some(stored(&name, body))
                })
                .collect())
        }
        // OpenSearch: `{"policies": [{"_id", "_seq_no", "_primary_term", "policy": {…}}], "total_policies"}`
        ResourceKind::IsmPolicy => {
            let Some(Value::Array(items)) = map.remove("policies") else {
                return Err("no \"policies\" array".into());
            };
            items
                .into_iter()
                .map(|mut item| {
                    let name = item.get("_id").and_then(Value::as_str).map(str::to_string);
                    let revision = match (
                        item.get("_seq_no").and_then(Value::as_u64),
                        item.get("_primary_term").and_then(Value::as_u64),
                    ) {
                        (Some(seq_no), Some(primary_term)) => Some(Revision { seq_no, primary_term }),
                        _ => None,
                    };
                    match (name, item.get_mut("policy").map(Value::take)) {
                        (Some(name), Some(policy @ Value::Object(_))) => {
                            Ok(StoredResource { revision, ..stored(&name, serde_json::json!({ "policy": policy })) })
                        }
                        _ => Err("an item of \"policies\" lacks \"_id\" or \"policy\"".into()),
                    }
                })
                .collect()
        }
        // `{"id": {…}}`
        ResourceKind::IngestPipeline => map
            .into_iter()
            .map(|(name, body)| match body {
                Value::Object(_) => Ok(stored(&name, body)),
                other => Err(format!("entry {name:?} is {}, not a pipeline object", json_type(&other))),
            })
            .collect(),
        // `{"component_templates": [{"name", "component_template": {…}}]}`, same for index templates
        ResourceKind::ComponentTemplate | ResourceKind::IndexTemplate => {
            let (list_key, item_key) = match kind {
                ResourceKind::ComponentTemplate => ("component_templates", "component_template"),
                _ => ("index_templates", "index_template"),
            };
            let Some(Value::Array(items)) = map.remove(list_key) else {
                return Err(format!("no \"{list_key}\" array"));
            };
            items
                .into_iter()
                .map(|mut item| {
                    let name = item.get("name").and_then(Value::as_str).map(str::to_string);
                    match (name, item.get_mut(item_key).map(Value::take)) {
                        (Some(name), Some(body @ Value::Object(_))) => Ok(stored(&name, body)),
                        _ => Err(format!("an item of \"{list_key}\" lacks \"name\" or \"{item_key}\"")),
                    }
                })
                .collect()
        }
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
        // `*` lists everything, like no name at all (SLM, repositories and cluster settings take
        // no name: see `list_path`).
        let mut req = EsRequest::get(kind.list_path());
        if kind == ResourceKind::IsmPolicy {
            // ISM lists 20 policies unless asked for more; 10,000 is its search window.
            req = req.query("size", "10000");
        }
        match self.json::<Value>(&req).await {
            Ok(listing) => parse_listing(kind, listing).map_err(|detail| RequestError::Decode {
                request: req.describe(),
                detail: format!("not a listing of {kind}s: {detail}"),
            }),
            Err(e) if is_empty_listing(&e) => Ok(Vec::new()),
            // Before 8.11 the data stream lifecycle API does not exist: no such resources.
            Err(e) if kind == ResourceKind::DataStreamLifecycle && is_missing_api(&e) => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    /// `PUT` of `body` as resource `name` of `kind` (cluster settings have one path whatever the
    /// name); succeeds only on `{"acknowledged": true}`.
    pub async fn put_resource(&self, kind: ResourceKind, name: &str, body: &Value) -> Result<(), RequestError> {
        self.written(kind, name, &EsRequest::new(Method::Put, kind.api_path(name)).json(body.clone())).await
    }

    /// `PUT` of a resource over the `revision` the plan read (ISM policies: with `if_seq_no` and
    /// `if_primary_term`, so that a change made since is refused as a version conflict instead
    /// of overwritten); kinds without revisions are plainly put.
    pub async fn update_resource(
        &self,
        kind: ResourceKind,
        name: &str,
        body: &Value,
        revision: Option<Revision>,
    ) -> Result<(), RequestError> {
        let mut req = EsRequest::new(Method::Put, kind.api_path(name)).json(body.clone());
        if let Some(r) = revision {
            req = req.query("if_seq_no", r.seq_no.to_string()).query("if_primary_term", r.primary_term.to_string());
        }
        self.written(kind, name, &req).await
    }

    /// Whether a write of `kind` succeeded by its API's success shape: `{"acknowledged": true}`,
    /// or for an ISM policy the stored document's `_id` and `_seq_no` (`IndexPolicyResponse`).
    async fn written(&self, kind: ResourceKind, name: &str, req: &EsRequest) -> Result<(), RequestError> {
        if kind != ResourceKind::IsmPolicy {
            return self.acknowledged(req).await;
        }
        let answer: Value = self.json(req).await?;
        if answer.get("_id").and_then(Value::as_str) == Some(name) && answer.get("_seq_no").is_some() {
            Ok(())
        } else {
            Err(RequestError::Decode {
                request: req.describe(),
                detail: format!("expected the stored policy's _id and _seq_no, got {answer}"),
            })
        }
    }

    /// `PUT` of a resource the plan saw absent. Templates are sent with `create=true`, which ES
    /// refuses when the name exists by then: of two runs creating the same template at once, one
    /// fails instead of silently overwriting the other. (ILM policies and pipelines have no such
    /// flag; the read-back after apply is what catches an overwrite there.)
    pub async fn create_resource(&self, kind: ResourceKind, name: &str, body: &Value) -> Result<(), RequestError> {
        let mut req = EsRequest::new(Method::Put, kind.api_path(name)).json(body.clone());
        if matches!(kind, ResourceKind::ComponentTemplate | ResourceKind::IndexTemplate) {
            req = req.query("create", "true");
        }
        self.written(kind, name, &req).await
    }

    /// `DELETE` of resource `name` of `kind`; succeeds only on `{"acknowledged": true}`.
    pub async fn delete_resource(&self, kind: ResourceKind, name: &str) -> Result<(), RequestError> {
        self.acknowledged(&EsRequest::new(Method::Delete, kind.api_path(name))).await
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
        let Some(indices) = explained.get("indices").and_then(Value::as_object).filter(|i| !i.is_empty()) else {
            // Nothing is managed: no sizes to read (a cluster of 100,000 unmanaged indices).
            return Ok(Vec::new());
        };
        let cat = EsRequest::get("/_cat/indices")
            .query("format", "json")
            .query("bytes", "b")
            .query("h", "index,store.size")
            .query("expand_wildcards", "all");
        /// A `_cat/indices` row, its strings borrowed from the answer.
        #[derive(Deserialize)]
        struct SizeRow<'a> {
            #[serde(borrow)]
            index: Cow<'a, str>,
            #[serde(rename = "store.size", borrow, default)]
            size: Option<super::decode::Text<'a>>,
        }
        let answer = self.send(&cat).await?;
        let rows: Vec<SizeRow<'_>> = answer.json()?;
        let sizes: BTreeMap<&str, u64> = rows
            .iter()
            .map(|row| (row.index.as_ref(), row.size.as_ref().and_then(|s| s.as_str().parse().ok()).unwrap_or(0)))
            .collect();
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
            parse_listing(ResourceKind::IlmPolicy, ilm).unwrap(),
            vec![StoredResource {
                kind: ResourceKind::IlmPolicy,
                name: "p".into(),
                body: json!({"policy": {"phases": {"hot": {"min_age": "0ms", "actions": {}}}}}),
                revision: None,
            }]
        );
        let ct = json!({"component_templates": [{"name": "c", "component_template": {"template": {}}}]});
        assert_eq!(parse_listing(ResourceKind::ComponentTemplate, ct).unwrap()[0].body, json!({"template": {}}));
        let it = json!({"index_templates": [{"name": "i", "index_template": {"index_patterns": ["x-*"]}}]});
        assert_eq!(parse_listing(ResourceKind::IndexTemplate, it).unwrap()[0].name, "i");
        let pipelines = json!({"q": {"processors": []}});
        assert_eq!(parse_listing(ResourceKind::IngestPipeline, pipelines).unwrap()[0].name, "q");
        assert!(parse_listing(ResourceKind::IndexTemplate, json!({"index_templates": []})).unwrap().is_empty());
    }

    #[test]
    fn answers_of_the_wrong_shape_are_not_taken_for_listings() {
        let wrong = |kind, v: Value| parse_listing(kind, v).unwrap_err();
        assert_eq!(wrong(ResourceKind::IndexTemplate, json!({})), "no \"index_templates\" array");
        assert_eq!(wrong(ResourceKind::IlmPolicy, json!([])), "expected a JSON object, got an array");
        assert_eq!(wrong(ResourceKind::IlmPolicy, json!({"ok": true})), "entry \"ok\" has no \"policy\" object");
        assert_eq!(
            wrong(ResourceKind::IngestPipeline, json!({"status": "green"})),
            "entry \"status\" is a string, not a pipeline object"
        );
    }
}
