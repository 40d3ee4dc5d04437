//! `GET /_license` and `GET /_xpack`: what Beats, Logstash and Kibana check on connect. The
//! sandbox runs under the self-generated `basic` license every new cluster starts with
//! (`StartBasicClusterTask`): it never expires, so it has no expiry fields.

use serde_json::{Map, Value, json};

use super::datemath;
use super::error::EsResult;
use super::expression::split_list;
use super::http::{SandboxRequest, SandboxResponse};
use super::state::Cluster;
use super::version::EsVersion;

/// The license's uid: stable per cluster, shaped like ES's UUIDs.
fn license_uid(cluster: &Cluster) -> String {
    let hex: String = cluster.uuid.bytes().map(|b| format!("{b:02x}")).collect::<String>();
    let hex = format!("{hex:0<32}");
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// `GET /_license` (`GetLicenseResponse`, `License.toXContent`): a basic license, issued when the
/// cluster was created, to the cluster's name.
pub fn license(cluster: &Cluster, _req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let mut license = Map::new();
    license.insert("status".into(), json!("active"));
    license.insert("uid".into(), json!(license_uid(cluster)));
    license.insert("type".into(), json!("basic"));
    license.insert("issue_date".into(), json!(datemath::format_iso_millis(cluster.created_millis)));
    license.insert("issue_date_in_millis".into(), json!(cluster.created_millis));
    license.insert("max_nodes".into(), json!(1000));
    // Enterprise licenses count resource units instead of nodes (7.11+); null for the others.
    if cluster.version.at_least(7, 11) {
        license.insert("max_resource_units".into(), Value::Null);
    }
    license.insert("issued_to".into(), json!(cluster.name));
    license.insert("issuer".into(), json!("elasticsearch"));
    license.insert("start_date_in_millis".into(), json!(-1));
    Ok(SandboxResponse::ok(json!({"license": license})))
}

/// The X-Pack features of `version` and whether a basic license makes each available
/// (`XPackLicenseState` / each feature's `XPackInfoFeatureAction`), sorted by name.
fn features(version: EsVersion) -> Vec<(&'static str, bool)> {
    let mut all = vec![
        ("aggregate_metric", true),
        ("analytics", true),
        ("ccr", false),
        ("data_streams", true),
        ("data_tiers", true),
        ("enrich", true),
        ("eql", true),
        ("frozen_indices", true),
        ("graph", false),
        ("ilm", true),
        ("logstash", false),
        ("ml", false),
        ("monitoring", true),
        ("rollup", true),
        ("searchable_snapshots", false),
        ("security", true),
        ("slm", true),
        ("spatial", true),
        ("sql", true),
        ("transform", true),
        ("voting_only", true),
        ("watcher", false),
    ];
    if version.major == 7 {
        all.extend([("flattened", true), ("vectors", true)]);
    }
    if version.at_least(8, 3) {
        all.push(("archive", false));
    }
    if version.at_least(8, 8) {
        all.push(("enterprise_search", true));
    }
    if version.at_least(8, 11) {
        all.push(("esql", true));
    }
    if version.at_least(8, 12) {
        all.push(("universal_profiling", true));
    }
    if version.at_least(8, 17) {
        all.push(("logsdb", false));
    }
    all.sort_by_key(|(name, _)| *name);
    all
}

/// `GET /_xpack` (`XPackInfoResponse`): build, license and features, or the `categories` asked
/// for. Security is enabled when the sandbox requires credentials.
pub fn info(cluster: &Cluster, req: &SandboxRequest) -> EsResult<SandboxResponse> {
    let asked = split_list(req.param("categories"));
    let wants = |c: &str| asked.is_empty() || asked.iter().any(|a| a == c || a == "_all");
    let mut body = Map::new();
    if wants("build") {
        body.insert("build".into(), json!({"hash": "00000000", "date": "2024-08-05T10:05:34.233336849Z"}));
    }
    if wants("license") {
        body.insert(
            "license".into(),
            json!({"uid": license_uid(cluster), "type": "basic", "mode": "basic", "status": "active"}),
        );
    }
    if wants("features") {
        let features: Map<String, Value> = features(cluster.version)
            .into_iter()
            .map(|(name, available)| {
                let enabled = if name == "security" { cluster.security_enabled } else { true };
                (name.to_string(), json!({"available": available, "enabled": enabled}))
            })
            .collect();
        body.insert("features".into(), Value::Object(features));
    }
    if req.param("human").is_none_or(|h| h != "false") {
        body.insert("tagline".into(), json!("You know, for X"));
    }
    Ok(SandboxResponse::ok(Value::Object(body)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::{Method, ResponseBody};
    use crate::router::test_request;

    fn body(r: SandboxResponse) -> Value {
        match r.body {
            ResponseBody::Json(v) => v,
            other => panic!("not JSON: {other:?}"),
        }
    }

    #[test]
    fn a_basic_license_that_never_expires() {
        let c = Cluster::new(EsVersion::DEFAULT, 1_710_460_800_000);
        let v = body(license(&c, &test_request(Method::Get, "/_license", Value::Null)).unwrap());
        let l = &v["license"];
        assert_eq!(
            (&l["type"], &l["status"], &l["issuer"]),
            (&json!("basic"), &json!("active"), &json!("elasticsearch"))
        );
        assert_eq!(l["issue_date"], "2024-03-15T00:00:00.000Z");
        assert_eq!(l["max_resource_units"], Value::Null);
        assert!(l.get("expiry_date_in_millis").is_none());
        assert_eq!(l["uid"].as_str().unwrap().len(), 36);
    }

    #[test]
    fn xpack_features_per_version_and_categories() {
        let c = Cluster::new(EsVersion::new(9, 1, 0), 0);
        let v = body(info(&c, &test_request(Method::Get, "/_xpack", Value::Null)).unwrap());
        assert_eq!(v["license"]["mode"], "basic");
        assert_eq!(v["features"]["ml"], json!({"available": false, "enabled": true}));
        assert_eq!(v["features"]["security"]["enabled"], false);
        assert_eq!(v["features"]["esql"]["available"], true);
        let v = body(info(&c, &test_request(Method::Get, "/_xpack?categories=license", Value::Null)).unwrap());
        assert_eq!(v.as_object().unwrap().keys().collect::<Vec<_>>(), ["license", "tagline"]);
        let old = Cluster::new(EsVersion::new(7, 17, 0), 0);
        let v = body(info(&old, &test_request(Method::Get, "/_xpack", Value::Null)).unwrap());
        assert!(v["features"].get("esql").is_none() && v["features"].get("vectors").is_some());
    }
}
