//! ILM handlers and the engine on a virtual timeline.

use serde_json::{Value, json};

use super::*;
use crate::http::{Method, ResponseBody};
use crate::indices::{Origin, create_index};
use crate::router::test_request as request;
use crate::state::DataStream;
use crate::version::EsVersion;

const DAY: i64 = 86_400_000;
const T0: i64 = 1_700_000_000_000;

fn json_of(response: &SandboxResponse) -> Value {
    match &response.body {
        ResponseBody::Json(v) => v.clone(),
        other => panic!("not JSON: {other:?}"),
    }
}

fn cluster() -> Cluster {
    Cluster::new(EsVersion::DEFAULT, T0)
}

fn put(cluster: &mut Cluster, name: &str, phases: Value) {
    put_policy(cluster, &request(Method::Put, &format!("/_ilm/policy/{name}"), json!({"policy": {"phases": phases}})))
        .unwrap();
}

fn create(cluster: &mut Cluster, name: &str, settings: Value, aliases: Value) {
    create_index(cluster, name, &json!({"settings": settings, "aliases": aliases}), Origin::Api).unwrap();
}

fn explain_one(cluster: &Cluster, index: &str) -> Value {
    let response = explain(cluster, &request(Method::Get, &format!("/{index}/_ilm/explain"), Value::Null)).unwrap();
    json_of(&response)["indices"][index].clone()
}

fn advance(cluster: &mut Cluster, millis: i64) {
    cluster.clock.advance(millis);
    run_engine(cluster);
}

fn error_reason(e: &EsError) -> String {
    e.to_body()["error"]["root_cause"][0]["reason"].as_str().unwrap().to_string()
}

#[test]
fn get_policy_shows_version_date_defaults_and_users() {
    let mut c = cluster();
    put(
        &mut c,
        "p",
        json!({"warm": {"min_age": "10d", "actions": {"forcemerge": {"max_num_segments": 1}}}, "delete": {"actions": {"delete": {}}}}),
    );
    create(&mut c, "logs-1", json!({"index.lifecycle.name": "p"}), json!({}));
    let body = json_of(&get_policy(&c, &request(Method::Get, "/_ilm/policy/p", Value::Null)).unwrap());
    let p = &body["p"];
    assert_eq!(p["version"], 1);
    assert_eq!(p["modified_date"], "2023-11-14T22:13:20Z");
    assert_eq!(
        p["policy"]["phases"]["delete"],
        json!({"min_age": "0ms", "actions": {"delete": {"delete_searchable_snapshot": true}}})
    );
    assert_eq!(p["in_use_by"], json!({"indices": ["logs-1"], "data_streams": [], "composable_templates": []}));
    let keys: Vec<&String> = p.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["version", "modified_date", "policy", "in_use_by"]);
}

#[test]
fn identical_put_keeps_version_and_changed_put_bumps_it() {
    let mut c = cluster();
    let phases = json!({"delete": {"min_age": "30d", "actions": {"delete": {}}}});
    put(&mut c, "p", phases.clone());
    c.clock.advance(1000);
    put(&mut c, "p", phases);
    assert_eq!(c.ilm_policies["p"].version, 1);
    assert_eq!(c.ilm_policies["p"].modified_millis, T0);
    put(&mut c, "p", json!({"delete": {"min_age": "40d", "actions": {"delete": {}}}}));
    assert_eq!(c.ilm_policies["p"].version, 2);
    assert_eq!(c.ilm_policies["p"].modified_millis, T0 + 1000);
}

#[test]
fn get_missing_and_wildcard_rules() {
    let mut c = cluster();
    put(&mut c, "a1", json!({}));
    let e = get_policy(&c, &request(Method::Get, "/_ilm/policy/missing", Value::Null)).unwrap_err();
    assert_eq!(
        (e.status, e.kind.as_str(), e.reason.as_str()),
        (404, "resource_not_found_exception", "Lifecycle policy not found: missing")
    );
    let e = get_policy(&c, &request(Method::Get, "/_ilm/policy/a*,b", Value::Null)).unwrap_err();
    assert!(e.reason.contains("wildcard only supports a single value"));
    let all = json_of(&get_policy(&c, &request(Method::Get, "/_ilm/policy/a*", Value::Null)).unwrap());
    assert!(all.get("a1").is_some());
    let e = get_policy(&c, &request(Method::Get, "/_ilm/policy/a1,nope", Value::Null)).unwrap_err();
    assert_eq!(e.status, 404);
}

#[test]
fn delete_refuses_policy_in_use_before_checking_existence() {
    let mut c = cluster();
    put(&mut c, "p", json!({}));
    create(&mut c, "i2", json!({"index.lifecycle.name": "p"}), json!({}));
    create(&mut c, "i1", json!({"index.lifecycle.name": "p"}), json!({}));
    let e = delete_policy(&mut c, &request(Method::Delete, "/_ilm/policy/p", Value::Null)).unwrap_err();
    assert_eq!(e.reason, "Cannot delete policy [p]. It is in use by one or more indices: [i1, i2]");
    create(&mut c, "i3", json!({"index.lifecycle.name": "ghost"}), json!({}));
    let e = delete_policy(&mut c, &request(Method::Delete, "/_ilm/policy/ghost", Value::Null)).unwrap_err();
    assert_eq!(e.status, 400);
    let e = delete_policy(&mut c, &request(Method::Delete, "/_ilm/policy/none", Value::Null)).unwrap_err();
    assert_eq!((e.status, e.reason.as_str()), (404, "Lifecycle policy not found: none"));
}

#[test]
fn put_refuses_invalid_names_and_missing_repositories() {
    let mut c = cluster();
    let e =
        put_policy(&mut c, &request(Method::Put, "/_ilm/policy/_bad", json!({"policy": {"phases": {}}}))).unwrap_err();
    assert_eq!(e.reason, "invalid policy name [_bad]: must not start with '_'");
    let body =
        json!({"policy": {"phases": {"cold": {"actions": {"searchable_snapshot": {"snapshot_repository": "repo"}}}}}});
    let e = put_policy(&mut c, &request(Method::Put, "/_ilm/policy/p", body)).unwrap_err();
    assert_eq!(
        e.reason,
        "no such repository [repo], the snapshot repository referenced by the [searchable_snapshot] action in the [cold] phase must exist before it can be referenced by an ILM policy"
    );
}

#[test]
fn explain_new_unmanaged_and_missing_policy() {
    let mut c = cluster();
    put(&mut c, "p", json!({"warm": {"min_age": "10d", "actions": {}}}));
    create(&mut c, "managed", json!({"index.lifecycle.name": "p"}), json!({}));
    create(&mut c, "plain", json!({}), json!({}));
    create(&mut c, "orphan", json!({"index.lifecycle.name": "nope"}), json!({}));
    advance(&mut c, 15_000);
    let managed = explain_one(&c, "managed");
    let keys: Vec<&String> = managed.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "index",
            "managed",
            "policy",
            "index_creation_date_millis",
            "time_since_index_creation",
            "lifecycle_date_millis",
            "age",
            "phase",
            "phase_time_millis",
            "action",
            "action_time_millis",
            "step",
            "step_time_millis",
            "phase_execution"
        ]
    );
    assert_eq!(
        (managed["phase"].as_str(), managed["action"].as_str(), managed["step"].as_str()),
        (Some("new"), Some("complete"), Some("complete"))
    );
    assert_eq!(managed["age"], "15s");
    assert_eq!(managed["phase_execution"], json!({"policy": "p", "version": 1, "modified_date_in_millis": T0}));
    assert_eq!(explain_one(&c, "plain"), json!({"index": "plain", "managed": false}));
    let orphan = explain_one(&c, "orphan");
    assert_eq!(
        orphan["step_info"],
        json!({"type": "illegal_argument_exception", "reason": "policy [nope] does not exist"})
    );
    assert!(orphan.get("phase").is_none());

    let errors = json_of(&explain(&c, &request(Method::Get, "/*/_ilm/explain?only_errors=true", Value::Null)).unwrap());
    assert_eq!(errors["indices"].as_object().unwrap().keys().collect::<Vec<_>>(), ["orphan"]);
    let managed_only =
        json_of(&explain(&c, &request(Method::Get, "/*/_ilm/explain?only_managed", Value::Null)).unwrap());
    assert_eq!(managed_only["indices"].as_object().unwrap().len(), 2);
    let e = explain(&c, &request(Method::Get, "/missing/_ilm/explain", Value::Null)).unwrap_err();
    assert_eq!(e.kind, "index_not_found_exception");
}

#[test]
fn phases_follow_the_clock_and_delete_removes_the_index() {
    let mut c = cluster();
    put(
        &mut c,
        "logs",
        json!({
            "hot": {"actions": {"set_priority": {"priority": 100}}},
            "warm": {"min_age": "7d", "actions": {"set_priority": {"priority": 50}, "allocate": {"number_of_replicas": 0}}},
            "cold": {"min_age": "30d", "actions": {"readonly": {}}},
            "delete": {"min_age": "90d", "actions": {"delete": {}}}
        }),
    );
    create(&mut c, "python-logs-2023.11.14", json!({"index.lifecycle.name": "logs"}), json!({}));
    run_engine(&mut c);
    let index = "python-logs-2023.11.14";
    assert_eq!(explain_one(&c, index)["phase"], "hot");
    assert_eq!(c.indices[index].settings["index.priority"], "100");

    advance(&mut c, 6 * DAY);
    assert_eq!(explain_one(&c, index)["phase"], "hot");
    advance(&mut c, DAY);
    let warm = explain_one(&c, index);
    assert_eq!(
        (warm["phase"].as_str(), warm["action"].as_str(), warm["step"].as_str()),
        (Some("warm"), Some("complete"), Some("complete"))
    );
    assert_eq!(warm["age"], "7d");
    assert_eq!(warm["phase_execution"]["phase_definition"]["min_age"], "7d");
    let settings = &c.indices[index].settings;
    assert_eq!(settings["index.priority"], "50");
    assert_eq!(settings["index.number_of_replicas"], "0");
    // allocate has no rules, so ES still injects migrate.
    assert_eq!(settings["index.routing.allocation.include._tier_preference"], "data_warm,data_hot");

    advance(&mut c, 23 * DAY);
    assert_eq!(explain_one(&c, index)["phase"], "cold");
    assert_eq!(c.indices[index].settings["index.blocks.write"], "true");
    advance(&mut c, 59 * DAY);
    assert!(c.indices.contains_key(index));
    advance(&mut c, DAY);
    assert!(!c.indices.contains_key(index));
}

#[test]
fn origination_date_counts_from_the_name() {
    let mut c = cluster();
    put(&mut c, "p", json!({"delete": {"min_age": "30d", "actions": {"delete": {}}}}));
    create(
        &mut c,
        "app-2023.01.01",
        json!({"index.lifecycle.name": "p", "index.lifecycle.parse_origination_date": true}),
        json!({}),
    );
    run_engine(&mut c);
    assert!(!c.indices.contains_key("app-2023.01.01"));
}

#[test]
fn rollover_without_alias_setting_is_an_error_step() {
    let mut c = cluster();
    put(&mut c, "ro", json!({"hot": {"actions": {"rollover": {"max_docs": 1}}}}));
    create(&mut c, "logs-000001", json!({"index.lifecycle.name": "ro"}), json!({}));
    run_engine(&mut c);
    // The readiness check runs on ILM's next periodic pass, once the clock has moved.
    assert_eq!(explain_one(&c, "logs-000001")["step"], "check-rollover-ready");
    advance(&mut c, 1000);
    let e = explain_one(&c, "logs-000001");
    assert_eq!(e["step"], "ERROR");
    assert_eq!(e["action"], "rollover");
    assert_eq!(e["failed_step"], "check-rollover-ready");
    assert_eq!(e["is_auto_retryable_error"], true);
    assert_eq!(
        e["step_info"],
        json!({"type": "illegal_argument_exception", "reason": "setting [index.lifecycle.rollover_alias] for index [logs-000001] is empty or not defined"})
    );
    assert!(e.get("failed_step_retry_count").is_none());

    // ES retries retryable steps on its own every poll interval and counts the attempts; the
    // retried wait step runs again on the following pass.
    advance(&mut c, 10 * 60 * 1000);
    let retried = explain_one(&c, "logs-000001");
    assert_eq!(
        (retried["step"].as_str(), retried["failed_step_retry_count"].as_u64()),
        (Some("check-rollover-ready"), Some(1))
    );
    advance(&mut c, 1000);
    let again = explain_one(&c, "logs-000001");
    assert_eq!((again["step"].as_str(), again["failed_step_retry_count"].as_u64()), (Some("ERROR"), Some(1)));

    c.indices.get_mut("logs-000001").unwrap().settings.insert("index.lifecycle.rollover_alias".into(), json!("logs"));
    retry(&mut c, &request(Method::Post, "/logs-000001/_ilm/retry", Value::Null)).unwrap();
    advance(&mut c, 1000);
    let e = explain_one(&c, "logs-000001");
    assert_eq!(e["step_info"]["reason"], "index.lifecycle.rollover_alias [logs] does not point to index [logs-000001]");
    // 8.15 does not show it yet (8.16+), but the state keeps the earlier error.
    assert!(e.get("previous_step_info").is_none());
    let previous = c.indices["logs-000001"].ilm.as_ref().unwrap().previous_step_info.clone().unwrap();
    assert_eq!(
        previous["reason"],
        "setting [index.lifecycle.rollover_alias] for index [logs-000001] is empty or not defined"
    );
}

#[test]
fn rollover_through_the_alias_once_conditions_are_met() {
    let mut c = cluster();
    put(
        &mut c,
        "ro",
        json!({"hot": {"actions": {"rollover": {"max_docs": 5}}}, "delete": {"min_age": "1d", "actions": {"delete": {}}}}),
    );
    create(
        &mut c,
        "logs-000001",
        json!({"index.lifecycle.name": "ro", "index.lifecycle.rollover_alias": "logs"}),
        json!({"logs": {"is_write_index": true}}),
    );
    run_engine(&mut c);
    let waiting = explain_one(&c, "logs-000001");
    assert_eq!(
        (waiting["action"].as_str(), waiting["step"].as_str()),
        (Some("rollover"), Some("check-rollover-ready"))
    );

    c.indices.get_mut("logs-000001").unwrap().seeded_docs = 10;
    advance(&mut c, 3_600_000);
    assert!(c.indices.contains_key("logs-000002"));
    let old = &c.indices["logs-000001"];
    assert_eq!(old.settings["index.lifecycle.indexing_complete"], "true");
    assert_eq!(old.aliases["logs"].is_write_index, Some(false));
    let done = explain_one(&c, "logs-000001");
    assert_eq!((done["phase"].as_str(), done["step"].as_str()), (Some("hot"), Some("complete")));
    // The delete phase counts from the rollover, not from creation.
    assert_eq!(done["lifecycle_date_millis"], T0 + 3_600_000);
    advance(&mut c, DAY - 1);
    assert!(c.indices.contains_key("logs-000001"));
    advance(&mut c, 1);
    assert!(!c.indices.contains_key("logs-000001"));
}

#[test]
fn delete_refuses_a_data_stream_write_index() {
    let mut c = cluster();
    put(&mut c, "p", json!({"delete": {"actions": {"delete": {}}}}));
    let backing = ".ds-logs-app-2023.11.14-000001";
    create(&mut c, backing, json!({"index.lifecycle.name": "p", "index.hidden": true}), json!({}));
    c.data_streams.insert(
        "logs-app".into(),
        DataStream {
            name: "logs-app".into(),
            indices: vec![backing.into()],
            generation: 1,
            template: "t".into(),
            hidden: false,
            meta: None,
            lifecycle: None,
        },
    );
    run_engine(&mut c);
    let e = explain_one(&c, backing);
    assert_eq!(e["failed_step"], "delete");
    assert_eq!(e["step_info"]["type"], "illegal_state_exception");
    assert!(e["step_info"]["reason"].as_str().unwrap().starts_with(&format!(
        "index [{backing}] is the write index for data stream [logs-app]. stopping execution of lifecycle [p]"
    )));
}

#[test]
fn move_to_step_errors_match_es() {
    let mut c = cluster();
    put(&mut c, "p", json!({"warm": {"min_age": "1000s", "actions": {"forcemerge": {"max_num_segments": 10000}}}}));
    // No replica: on one node it could not be assigned, and warm's migrate would wait for it.
    create(&mut c, "my_index", json!({"index.lifecycle.name": "p", "index.number_of_replicas": 0}), json!({}));
    create(&mut c, "no_policy", json!({}), json!({}));
    run_engine(&mut c);
    let step = |phase: &str, action: &str, name: &str| json!({"phase": phase, "action": action, "name": name});
    let body = json!({"current_step": step("warm", "forcemerge", "forcemerge"), "next_step": step("warm", "forcemerge", "forcemerge")});
    let e = move_to_step(&mut c, &request(Method::Post, "/_ilm/move/my_index", body)).unwrap_err();
    assert_eq!(
        error_reason(&e),
        r#"index [my_index] is not on current step [{"phase":"warm","action":"forcemerge","name":"forcemerge"}], currently: [{"phase":"new","action":"complete","name":"complete"}]"#
    );
    let body = json!({"current_step": step("new", "complete", "complete"), "next_step": step("invalid", "invalid", "invalid")});
    let e = move_to_step(&mut c, &request(Method::Post, "/_ilm/move/my_index", body)).unwrap_err();
    assert_eq!(
        error_reason(&e),
        r#"step [{"phase":"invalid","action":"invalid","name":"invalid"}] for index [my_index] with policy [p] does not exist"#
    );
    let body = json!({"current_step": step("hot", "x", "y"), "next_step": step("warm", "forcemerge", "forcemerge")});
    let e = move_to_step(&mut c, &request(Method::Post, "/_ilm/move/no_policy", body.clone())).unwrap_err();
    assert_eq!(error_reason(&e), "index [no_policy] is not associated with an Index Lifecycle Policy");
    let e = move_to_step(&mut c, &request(Method::Post, "/_ilm/move/does_not_exist", body)).unwrap_err();
    assert_eq!((e.status, error_reason(&e).as_str()), (400, "index [does_not_exist] does not exist"));

    // A valid move runs the target action at once.
    let body = json!({"current_step": step("new", "complete", "complete"), "next_step": {"phase": "warm"}});
    move_to_step(&mut c, &request(Method::Post, "/_ilm/move/my_index", body)).unwrap();
    let e = explain_one(&c, "my_index");
    assert_eq!((e["phase"].as_str(), e["action"].as_str()), (Some("warm"), Some("complete")));
}

#[test]
fn retry_errors_match_es() {
    let mut c = cluster();
    put(&mut c, "p", json!({}));
    create(&mut c, "my_index", json!({"index.lifecycle.name": "p"}), json!({}));
    run_engine(&mut c);
    let e = retry(&mut c, &request(Method::Post, "/my_index/_ilm/retry", Value::Null)).unwrap_err();
    assert_eq!(
        error_reason(&e),
        "cannot retry an action for an index [my_index] that has not encountered an error when running a Lifecycle Policy"
    );
    let e = retry(&mut c, &request(Method::Post, "/does_not_exist/_ilm/retry", Value::Null)).unwrap_err();
    assert_eq!((e.status, error_reason(&e).as_str()), (400, "index [does_not_exist] does not exist"));
}

#[test]
fn remove_policy_clears_lifecycle_settings() {
    let mut c = cluster();
    put(&mut c, "p", json!({}));
    create(&mut c, "a", json!({"index.lifecycle.name": "p", "index.lifecycle.rollover_alias": "x"}), json!({}));
    run_engine(&mut c);
    let body = json_of(&remove_policy(&mut c, &request(Method::Post, "/a/_ilm/remove", Value::Null)).unwrap());
    assert_eq!(body, json!({"has_failures": false, "failed_indexes": []}));
    assert!(c.indices["a"].settings.keys().all(|k| !k.starts_with("index.lifecycle.")));
    assert!(c.indices["a"].ilm.is_none());
    let e = remove_policy(&mut c, &request(Method::Post, "/doesnt_exist/_ilm/remove", Value::Null)).unwrap_err();
    assert_eq!(e.status, 404);
}

#[test]
fn stop_halts_the_engine_and_start_resumes_it() {
    let mut c = cluster();
    put(&mut c, "p", json!({"delete": {"actions": {"delete": {}}}}));
    stop(&mut c, &request(Method::Post, "/_ilm/stop", Value::Null)).unwrap();
    assert_eq!(
        json_of(&get_status(&c, &request(Method::Get, "/_ilm/status", Value::Null)).unwrap())["operation_mode"],
        "STOPPED"
    );
    create(&mut c, "doomed", json!({"index.lifecycle.name": "p"}), json!({}));
    run_engine(&mut c);
    assert!(c.indices.contains_key("doomed"));
    start(&mut c, &request(Method::Post, "/_ilm/start", Value::Null)).unwrap();
    run_engine(&mut c);
    assert!(!c.indices.contains_key("doomed"));
}

#[test]
fn policy_update_refreshes_the_cached_phase() {
    let mut c = cluster();
    put(
        &mut c,
        "p",
        json!({"warm": {"actions": {"set_priority": {"priority": 50}}}, "delete": {"min_age": "90d", "actions": {"delete": {}}}}),
    );
    create(&mut c, "i", json!({"index.lifecycle.name": "p"}), json!({}));
    run_engine(&mut c);
    assert_eq!(explain_one(&c, "i")["phase"], "warm");
    put(
        &mut c,
        "p",
        json!({"warm": {"actions": {"set_priority": {"priority": 10}}}, "delete": {"min_age": "30d", "actions": {"delete": {}}}}),
    );
    let e = explain_one(&c, "i");
    assert_eq!(e["phase_execution"]["version"], 2);
    assert_eq!(e["phase_execution"]["phase_definition"]["actions"]["set_priority"]["priority"], 10);
}

#[test]
fn a_policy_put_runs_the_indices_that_name_it_at_once() {
    let mut c = cluster();
    create(&mut c, "waiting", json!({"index.lifecycle.name": "late"}), json!({}));
    create(&mut c, "kept", json!({"index.lifecycle.name": "p"}), json!({}));
    put(&mut c, "p", json!({"delete": {"min_age": "90d", "actions": {"delete": {}}}}));
    advance(&mut c, 5 * DAY);
    assert!(explain_one(&c, "waiting").get("phase").is_none(), "it waits for its policy");
    // The policy appears: its index starts at once and, five days old, is deleted.
    put(&mut c, "late", json!({"delete": {"min_age": "1d", "actions": {"delete": {}}}}));
    assert!(!c.indices.contains_key("waiting"));
    // A policy made shorter deletes what is past it at once.
    put(&mut c, "p", json!({"delete": {"min_age": "2d", "actions": {"delete": {}}}}));
    assert!(!c.indices.contains_key("kept"));
    assert_eq!(c.indices.managed().count(), 0);
}

#[test]
fn a_new_managed_index_explains_as_new_before_the_engine_runs() {
    let mut c = cluster();
    put(&mut c, "p", json!({"warm": {"min_age": "1000s", "actions": {}}}));
    c.clock.advance(5_000);
    create(&mut c, "fresh", json!({"index.lifecycle.name": "p"}), json!({}));
    let e = explain_one(&c, "fresh");
    assert_eq!(
        (e["phase"].as_str(), e["action"].as_str(), e["step"].as_str()),
        (Some("new"), Some("complete"), Some("complete"))
    );
    assert_eq!(e["phase_time_millis"], T0 + 5_000);
    // The engine records the same state.
    run_engine(&mut c);
    assert_eq!(explain_one(&c, "fresh"), e);
}

#[test]
fn data_stream_backing_indices_roll_over_and_age_from_the_rollover() {
    let mut c = cluster();
    put(
        &mut c,
        "ds-policy",
        json!({"hot": {"actions": {"rollover": {"max_age": "1d"}}}, "delete": {"min_age": "2d", "actions": {"delete": {}}}}),
    );
    let template = json!({"index_patterns": ["logs-app-*"], "data_stream": {}, "template": {"settings": {"index.lifecycle.name": "ds-policy"}}});
    crate::templates::put_index_template(&mut c, &request(Method::Put, "/_index_template/logs", template)).unwrap();
    crate::data_streams::create_data_stream(&mut c, "logs-app-default").unwrap();
    let first = c.data_streams["logs-app-default"].indices[0].clone();
    c.indices.get_mut(&first).unwrap().seeded_docs = 3;
    run_engine(&mut c);
    assert_eq!(explain_one(&c, &first)["step"], "check-rollover-ready");

    advance(&mut c, DAY);
    let backing = c.data_streams["logs-app-default"].indices.clone();
    assert_eq!(backing.len(), 2);
    assert_eq!(explain_one(&c, &first)["lifecycle_date_millis"], T0 + DAY);
    // The new write index waits for its own rollover; the old one is deleted 2 days after its rollover.
    assert_eq!(explain_one(&c, &backing[1])["step"], "check-rollover-ready");
    advance(&mut c, 2 * DAY);
    assert!(!c.indices.contains_key(&first));
    // The empty write index does not roll over (ILM's implicit `min_docs: 1` since 8.4).
    assert_eq!(c.data_streams["logs-app-default"].indices, [backing[1].clone()]);
    assert_eq!(explain_one(&c, &backing[1])["step"], "check-rollover-ready");
}

#[test]
fn routed_steps_wait_for_every_copy_and_for_nodes_matching_the_filters() {
    let mut c = cluster();
    put(&mut c, "p", json!({"warm": {"actions": {"set_priority": {"priority": 50}}}}));
    // One node, one replica: warm's migrate waits in check-migration, as on a real single node.
    create(&mut c, "yellow", json!({"index.lifecycle.name": "p"}), json!({}));
    run_engine(&mut c);
    let e = explain_one(&c, "yellow");
    assert_eq!((e["action"].as_str(), e["step"].as_str()), (Some("migrate"), Some("check-migration")));
    assert_eq!(e["step_info"]["message"], "Waiting for all shard copies to be active");
    assert_eq!(e["step_info"]["all_shards_active"], false);
    // Once the copy can be assigned (a second node), ILM goes on at its next run.
    c.nodes = 2;
    c.clock.advance(600_000);
    run_engine(&mut c);
    assert_eq!(explain_one(&c, "yellow")["action"], "complete");

    // A filter on a node attribute no node has: check-allocation waits, saying how many copies.
    put(&mut c, "cold", json!({"cold": {"actions": {"allocate": {"require": {"box_type": "cold"}}}}}));
    create(&mut c, "filtered", json!({"index.lifecycle.name": "cold"}), json!({}));
    run_engine(&mut c);
    let e = explain_one(&c, "filtered");
    assert_eq!((e["action"].as_str(), e["step"].as_str()), (Some("allocate"), Some("check-allocation")));
    assert_eq!(e["step_info"]["message"], "Waiting for [2] shards to be allocated to nodes matching the given filters");
}

/// ES's `PolicyStepsRegistry.parseStepsFromPhase`: an index whose policy changed finishes its
/// phase from the cached definition, then takes the next phase of the new policy, even when the
/// new policy has no phase of the name it just finished.
#[test]
fn a_switched_index_finishes_its_cached_phase_then_follows_the_new_policy() {
    let mut c = cluster();
    put(
        &mut c,
        "old",
        json!({"warm": {"min_age": "1d", "actions": {"readonly": {}}}, "delete": {"min_age": "90d", "actions": {"delete": {}}}}),
    );
    put(&mut c, "new", json!({"hot": {"actions": {}}, "delete": {"min_age": "30d", "actions": {"delete": {}}}}));
    create(&mut c, "i", json!({"index.lifecycle.name": "old", "index.number_of_replicas": 0}), json!({}));
    advance(&mut c, 2 * DAY);
    assert_eq!(explain_one(&c, "i")["phase"], "warm");
    c.indices.get_mut("i").unwrap().settings.insert(LIFECYCLE_NAME.into(), json!("new"));
    advance(&mut c, DAY);
    let e = explain_one(&c, "i");
    assert_eq!((e["policy"].as_str(), e["phase"].as_str()), (Some("new"), Some("warm")), "{e}");
    assert_eq!(e["phase_execution"]["policy"], "old", "the cached phase is the old policy's");
    advance(&mut c, 30 * DAY);
    assert!(!c.indices.contains_key("i"), "the new policy's delete phase (30d) ran after warm");
}
