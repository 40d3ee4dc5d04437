//! Shared by the benchmarks that drive the sandbox's handlers in process, without HTTP.

use std::collections::BTreeMap;

use es_sandbox::Cluster;
use es_sandbox::http::{Method, ResponseBody, SandboxRequest};
use serde_json::json;

/// Handles one `_bulk` request (`uri` with its query) in process; every item must succeed.
pub fn bulk(cluster: &mut Cluster, uri: &str, body: String) -> anyhow::Result<()> {
    let req = SandboxRequest::from_uri(Method::Post, uri, BTreeMap::new(), body.into_bytes());
    let routed = es_sandbox::router::find(&req, uri).map_err(|e| anyhow::anyhow!("{e}"))?;
    let response = routed.route.handler.call(cluster, &routed.request).map_err(|e| anyhow::anyhow!("{e}"))?;
    match response.body {
        ResponseBody::Json(v) if v["errors"] == json!(false) => Ok(()),
        ResponseBody::Json(v) => anyhow::bail!("bulk refused documents: {}", v["items"][0]),
        _ => anyhow::bail!("bulk answered no JSON"),
    }
}
