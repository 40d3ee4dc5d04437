use serde_json::{Value, json};

use crate::http::Method;
use crate::router::test_request;
use crate::state::Cluster;
use crate::version::EsVersion;

fn cluster() -> Cluster {
    let mut c = Cluster::new(EsVersion::DEFAULT, 1_700_000_000_000);
    c.path_repo = vec!["/srv/snapshots".to_string()];
    c
}

fn call(c: &mut Cluster, method: Method, uri: &str, body: Value) -> Result<Value, crate::EsError> {
    let req = test_request(method, uri, body);
    let routed = crate::router::find(&req, uri)?;
    let response = routed.route.handler.call(c, &routed.request)?;
    match response.body {
        crate::http::ResponseBody::Json(v) => Ok(v),
        other => panic!("not JSON: {other:?}"),
    }
}

fn fs_repo(c: &mut Cluster, name: &str, location: &str) -> Result<Value, crate::EsError> {
    call(c, Method::Put, &format!("/_snapshot/{name}"), json!({"type": "fs", "settings": {"location": location}}))
}

#[test]
fn fs_locations_must_lie_under_path_repo() {
    let mut c = cluster();
    fs_repo(&mut c, "nightly", "nightly").unwrap();
    fs_repo(&mut c, "abs", "/srv/snapshots/abs").unwrap();
    let e = fs_repo(&mut c, "outside", "/tmp/x").unwrap_err();
    assert_eq!((e.status, e.kind.as_str()), (500, "repository_exception"));
    assert_eq!(e.reason, "[outside] location [/tmp/x] doesn't match any of the locations specified by path.repo");
    let e = fs_repo(&mut c, "escape", "../etc").unwrap_err();
    assert!(e.reason.contains("doesn't match any of the locations"), "{}", e.reason);
    c.path_repo.clear();
    let e = fs_repo(&mut c, "none", "x").unwrap_err();
    assert!(e.reason.ends_with("because this setting is empty"), "{}", e.reason);
    let e = call(&mut c, Method::Put, "/_snapshot/h", json!({"type": "hdfs", "settings": {"uri": "hdfs://x"}}))
        .unwrap_err();
    assert_eq!(e.reason, "[h] repository type [hdfs] does not exist");
}

#[test]
fn snapshots_take_time_on_the_clock_and_land_in_the_repository() {
    let mut c = cluster();
    fs_repo(&mut c, "nightly", "nightly").unwrap();
    call(&mut c, Method::Put, "/logs-1", json!({"settings": {"number_of_shards": 2}})).unwrap();
    let started = call(&mut c, Method::Put, "/_snapshot/nightly/%3Csnap-%7Bnow%2Fd%7D%3E", json!({})).unwrap();
    assert_eq!(started, json!({"accepted": true}));
    let listed = call(&mut c, Method::Get, "/_snapshot/nightly/_all", Value::Null).unwrap();
    assert_eq!(listed["snapshots"][0]["state"], "IN_PROGRESS");
    assert_eq!(listed["snapshots"][0]["snapshot"], "snap-2023.11.14");
    let before = c.now_millis();
    let done =
        call(&mut c, Method::Put, "/_snapshot/nightly/second?wait_for_completion=true", json!({"indices": "logs-*"}))
            .unwrap();
    assert!(c.now_millis() > before, "waiting moves the virtual clock");
    assert_eq!(done["snapshot"]["state"], "SUCCESS");
    assert_eq!(done["snapshot"]["indices"], json!(["logs-1"]));
    assert_eq!(done["snapshot"]["shards"], json!({"total": 2, "failed": 0, "successful": 2}));
    let first = call(&mut c, Method::Get, "/_snapshot/nightly/snap-2023.11.14", Value::Null).unwrap();
    assert_eq!(first["snapshots"][0]["state"], "SUCCESS", "the first completed while the clock moved");
    let e = call(&mut c, Method::Get, "/_snapshot/nightly/nope", Value::Null).unwrap_err();
    assert_eq!((e.status, e.reason.as_str()), (404, "[nightly:nope] is missing"));
    // the storage outlives the registration, UUID included
    let uuid = call(&mut c, Method::Get, "/_snapshot/nightly", Value::Null).unwrap()["nightly"]["uuid"].clone();
    call(&mut c, Method::Delete, "/_snapshot/nightly", Value::Null).unwrap();
    fs_repo(&mut c, "again", "/srv/snapshots/nightly").unwrap();
    assert_eq!(call(&mut c, Method::Get, "/_snapshot/again", Value::Null).unwrap()["again"]["uuid"], uuid);
    assert_eq!(call(&mut c, Method::Get, "/_snapshot/again/*", Value::Null).unwrap()["total"], 2);
}

#[test]
fn injected_faults_end_snapshots_partial_or_failed_and_break_verification() {
    let mut c = cluster();
    fs_repo(&mut c, "nightly", "nightly").unwrap();
    call(&mut c, Method::Put, "/a", json!({})).unwrap();
    call(&mut c, Method::Put, "/b", json!({})).unwrap();
    super::add_fault(&mut c, json!({"repository": "nightly", "state": "PARTIAL", "indices": ["b"], "count": 1}))
        .unwrap();
    let partial = call(&mut c, Method::Put, "/_snapshot/nightly/one?wait_for_completion=true", json!({})).unwrap();
    assert_eq!(partial["snapshot"]["state"], "PARTIAL");
    assert_eq!(partial["snapshot"]["failures"][0]["index"], "b");
    let ok = call(&mut c, Method::Put, "/_snapshot/nightly/two?wait_for_completion=true", json!({})).unwrap();
    assert_eq!(ok["snapshot"]["state"], "SUCCESS", "the fault was used up");
    super::add_fault(&mut c, json!({"state": "FAILED", "reason": "disk full"})).unwrap();
    let failed = call(&mut c, Method::Put, "/_snapshot/nightly/three?wait_for_completion=true", json!({})).unwrap();
    assert_eq!(
        (failed["snapshot"]["state"].as_str(), failed["snapshot"]["reason"].as_str()),
        (Some("FAILED"), Some("disk full"))
    );
    call(&mut c, Method::Post, "/_snapshot/nightly/_verify", Value::Null).unwrap();
    super::add_fault(&mut c, json!({"repository": "nightly", "state": "UNREACHABLE"})).unwrap();
    let e = call(&mut c, Method::Post, "/_snapshot/nightly/_verify", Value::Null).unwrap_err();
    assert_eq!(e.kind, "repository_verification_exception");
}

#[test]
fn restore_refuses_open_indices_and_brings_back_deleted_ones() {
    let mut c = cluster();
    fs_repo(&mut c, "nightly", "nightly").unwrap();
    call(&mut c, Method::Put, "/logs-1", json!({})).unwrap();
    call(&mut c, Method::Put, "/_snapshot/nightly/s?wait_for_completion=true", json!({"indices": "logs-1"})).unwrap();
    let e = call(&mut c, Method::Post, "/_snapshot/nightly/s/_restore", json!({})).unwrap_err();
    assert_eq!(e.kind, "snapshot_restore_exception");
    call(&mut c, Method::Delete, "/logs-1", Value::Null).unwrap();
    let restored = call(
        &mut c,
        Method::Post,
        "/_snapshot/nightly/s/_restore?wait_for_completion=true",
        json!({"indices": "logs-1"}),
    )
    .unwrap();
    assert_eq!(restored["snapshot"]["indices"], json!(["logs-1"]));
    assert!(c.indices.contains_key("logs-1"));
}
