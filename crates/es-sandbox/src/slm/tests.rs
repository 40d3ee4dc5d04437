use serde_json::{Value, json};

use crate::http::Method;
use crate::router::test_request;
use crate::state::Cluster;
use crate::version::EsVersion;

/// 2023-11-14T22:13:20Z
const START: i64 = 1_700_000_000_000;
const DAY: i64 = 86_400_000;

fn call(c: &mut Cluster, method: Method, uri: &str, body: Value) -> Result<Value, crate::EsError> {
    let req = test_request(method, uri, body);
    let routed = crate::router::find(&req, uri)?;
    match routed.route.handler.call(c, &routed.request)?.body {
        crate::http::ResponseBody::Json(v) => Ok(v),
        other => panic!("not JSON: {other:?}"),
    }
}

fn cluster_with_policy(retention: Value) -> Cluster {
    let mut c = Cluster::new(EsVersion::DEFAULT, START);
    c.path_repo = vec!["/srv/snapshots".to_string()];
    call(&mut c, Method::Put, "/_snapshot/nightly", json!({"type": "fs", "settings": {"location": "n"}})).unwrap();
    call(&mut c, Method::Put, "/logs-1", json!({})).unwrap();
    call(
        &mut c,
        Method::Put,
        "/_slm/policy/daily",
        json!({"schedule": "0 30 1 * * ?", "name": "<daily-{now/d}>", "repository": "nightly",
               "config": {"indices": ["logs-*"]}, "retention": retention}),
    )
    .unwrap();
    c
}

#[test]
fn put_checks_schedule_name_repository_and_frequency() {
    let mut c = cluster_with_policy(json!({"expire_after": "30d"}));
    let put = |c: &mut Cluster, body: Value| call(c, Method::Put, "/_slm/policy/p", body).unwrap_err();
    let e = put(&mut c, json!({"schedule": "0 * * * * ?", "name": "s", "repository": "nightly"}));
    assert_eq!(
        e.reason,
        "invalid schedule [0 * * * * ?]: schedule would be too frequent, executing more than every [15m]"
    );
    let e = put(&mut c, json!({"schedule": "* * * * * L", "name": "Snap", "repository": "nightly"}));
    assert_eq!(e.kind, "action_request_validation_exception");
    assert!(e.reason.contains("invalid snapshot name [Snap]: must be lowercase"), "{}", e.reason);
    assert!(e.reason.contains("invalid schedule: invalid cron expression [* * * * * L]"), "{}", e.reason);
    let e = put(&mut c, json!({"schedule": "0 0 1 * * ?", "name": "s", "repository": "missing"}));
    assert_eq!(e.reason, "no such repository [missing]");
    let got = call(&mut c, Method::Get, "/_slm/policy/daily", Value::Null).unwrap();
    assert_eq!(got["daily"]["version"], 1);
    assert_eq!(got["daily"]["next_execution_millis"], json!(START - START % DAY + DAY + 5_400_000));
}

#[test]
fn the_schedule_runs_as_the_clock_moves_and_retention_keeps_what_it_should() {
    let mut c = cluster_with_policy(json!({"expire_after": "2d", "min_count": 1}));
    crate::control::advance_clock_to(&mut c, START + 5 * DAY).unwrap();
    let got = call(&mut c, Method::Get, "/_slm/policy/daily", Value::Null).unwrap();
    assert_eq!(got["daily"]["stats"]["snapshots_taken"], 5);
    assert!(got["daily"]["last_success"]["snapshot_name"].as_str().unwrap().starts_with("daily-2023.11.19-"));
    // retention ran at 01:30 each day: snapshots older than two days are gone
    let listed = call(&mut c, Method::Get, "/_snapshot/nightly/_all", Value::Null).unwrap();
    assert!(listed["total"].as_u64().unwrap() <= 3, "{listed}");
    assert!(got["daily"]["stats"]["snapshots_deleted"].as_u64().unwrap() >= 2);
}

#[test]
fn a_partial_snapshot_is_the_policys_last_failure() {
    let mut c = cluster_with_policy(Value::Null);
    crate::snapshots::add_fault(&mut c, json!({"state": "PARTIAL"})).unwrap();
    let name = call(&mut c, Method::Put, "/_slm/policy/daily/_execute", Value::Null).unwrap()["snapshot_name"].clone();
    crate::control::advance_clock_to(&mut c, START + 60_000).unwrap();
    let got = call(&mut c, Method::Get, "/_slm/policy/daily", Value::Null).unwrap();
    assert_eq!(got["daily"]["last_failure"]["snapshot_name"], name);
    assert!(got["daily"].get("last_success").is_none());
    assert_eq!(call(&mut c, Method::Get, "/_slm/stats", Value::Null).unwrap()["total_snapshots_failed"], 1);
}

#[test]
fn ilm_wait_for_snapshot_holds_the_delete_until_the_policy_snapshots_the_index() {
    let mut c = cluster_with_policy(Value::Null);
    call(
        &mut c,
        Method::Put,
        "/_ilm/policy/logs",
        json!({"policy": {"phases": {"delete": {"min_age": "1d", "actions": {
            "wait_for_snapshot": {"policy": "daily"}, "delete": {}}}}}}),
    )
    .unwrap();
    call(&mut c, Method::Put, "/logs-2", json!({"settings": {"index.lifecycle.name": "logs"}})).unwrap();
    call(&mut c, Method::Post, "/_slm/stop", Value::Null).unwrap();
    crate::control::advance_clock_to(&mut c, START + 2 * DAY).unwrap();
    let step = c.indices["logs-2"].ilm.clone().unwrap();
    assert_eq!(step.step, "wait-for-snapshot");
    assert!(
        step.step_info.unwrap()["message"]
            .as_str()
            .unwrap()
            .starts_with("waiting for policy 'daily' to be executed since")
    );
    call(&mut c, Method::Post, "/_slm/start", Value::Null).unwrap();
    crate::control::advance_clock_to(&mut c, START + 3 * DAY).unwrap();
    assert!(!c.indices.contains_key("logs-2"), "deleted once a snapshot holding it succeeded");
    let e = call(
        &mut c,
        Method::Put,
        "/_ilm/policy/other",
        json!({"policy": {"phases": {"delete": {"actions": {"wait_for_snapshot": {"policy": "nope"}}}}}}),
    )
    .unwrap_err();
    assert!(e.reason.starts_with("no such snapshot lifecycle policy [nope]"));
}
