//! ISM end to end on a cluster state: policies with concurrency control, auto-attachment, the
//! runner on the virtual clock, and the managed-index verbs.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::clock;
use crate::http::{Method, ResponseBody, SandboxRequest};
use crate::indices::{Origin, create_index};
use crate::opensearch::{self, OpenSearch, OpenSearchVersion};
use crate::state::Cluster;

const DAY: i64 = 86_400_000;

fn cluster() -> Cluster {
    let mut c = Cluster::new(OpenSearch::ES_BEHAVIOUR, 1_700_000_000_000);
    c.opensearch = Some(OpenSearch::new(OpenSearchVersion::DEFAULT, 1_700_000_000_000));
    c
}

/// Sends a request as the server would route it; the status and the JSON body.
fn send(c: &mut Cluster, method: Method, uri: &str, body: Value) -> (u16, Value) {
    let bytes = if body.is_null() { Vec::new() } else { body.to_string().into_bytes() };
    let req = SandboxRequest::from_uri(method, uri, BTreeMap::new(), bytes);
    let answer = opensearch::find(c, &req, uri).and_then(|routed| routed.route.handler.call(c, &routed.request));
    let response = answer.unwrap_or_else(crate::http::SandboxResponse::from);
    let body = match response.body {
        ResponseBody::Json(v) => v,
        ResponseBody::Empty => Value::Null,
        other => panic!("{other:?}"),
    };
    (response.status, body)
}

fn advance(c: &mut Cluster, millis: i64) {
    c.clock.advance(millis);
    clock::run_periodic(c).unwrap();
}

fn hot_warm_delete() -> Value {
    json!({"policy": {
        "description": "hot, warm after 1d, delete after 3d",
        "default_state": "hot",
        "states": [
            {"name": "hot", "actions": [], "transitions": [{"state_name": "warm", "conditions": {"min_index_age": "1d"}}]},
            {"name": "warm", "actions": [{"replica_count": {"number_of_replicas": 0}}, {"force_merge": {"max_num_segments": 1}}],
             "transitions": [{"state_name": "delete", "conditions": {"min_index_age": "3d"}}]},
            {"name": "delete", "actions": [{"delete": {}}]}
        ],
        "ism_template": [{"index_patterns": ["logs-*"], "priority": 100}]
    }})
}

#[test]
fn policies_are_written_with_sequence_numbers_and_conflicts_refused() {
    let mut c = cluster();
    let (status, created) = send(&mut c, Method::Put, "/_plugins/_ism/policies/logs", hot_warm_delete());
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["_id"], "logs");
    assert_eq!(created["_version"], 1);
    assert_eq!(created["policy"]["policy"]["default_state"], "hot");
    let seq_no = created["_seq_no"].as_u64().unwrap();
    // A second create is a version conflict; an update must name the revision it read.
    let (status, conflict) = send(&mut c, Method::Put, "/_plugins/_ism/policies/logs", hot_warm_delete());
    assert_eq!(status, 409);
    assert_eq!(conflict["error"]["type"], "version_conflict_engine_exception");
    assert_eq!(conflict["error"]["reason"], "[logs]: version conflict, document already exists (current version [1])");
    let stale = format!("/_plugins/_ism/policies/logs?if_seq_no={}&if_primary_term=1", seq_no + 7);
    assert_eq!(send(&mut c, Method::Put, &stale, hot_warm_delete()).0, 409);
    let fresh = format!("/_plugins/_ism/policies/logs?if_seq_no={seq_no}&if_primary_term=1");
    let (status, updated) = send(&mut c, Method::Put, &fresh, hot_warm_delete());
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["_version"], 2);
    assert!(updated["_seq_no"].as_u64().unwrap() > seq_no);
    // GET shows the stored form, with the defaults the plugin fills in.
    let (status, got) = send(&mut c, Method::Get, "/_plugins/_ism/policies/logs", Value::Null);
    assert_eq!(status, 200);
    assert_eq!(got["_seq_no"], updated["_seq_no"]);
    assert_eq!(
        got["policy"]["states"][1]["actions"][0]["retry"],
        json!({"count": 3, "backoff": "exponential", "delay": "1m"})
    );
    let (_, all) = send(&mut c, Method::Get, "/_plugins/_ism/policies", Value::Null);
    assert_eq!(all["total_policies"], 1);
    assert_eq!(all["policies"][0]["_id"], "logs");
    // Overlapping templates at the same priority are refused.
    let (status, clash) = send(&mut c, Method::Put, "/_plugins/_ism/policies/other", hot_warm_delete());
    assert_eq!(status, 400);
    assert!(clash["error"]["reason"].as_str().unwrap().contains("matching existing policy templates"), "{clash}");
    let (status, missing) = send(&mut c, Method::Get, "/_plugins/_ism/policies/nope", Value::Null);
    assert_eq!((status, &missing["error"]["reason"]), (404, &json!("Policy not found")));
    let (status, deleted) = send(&mut c, Method::Delete, "/_plugins/_ism/policies/logs", Value::Null);
    assert_eq!((status, &deleted["result"]), (200, &json!("deleted")));
    assert_eq!(send(&mut c, Method::Delete, "/_plugins/_ism/policies/logs", Value::Null).0, 404);
}

#[test]
fn a_matching_index_is_attached_and_walks_its_states_on_the_clock() {
    let mut c = cluster();
    send(&mut c, Method::Put, "/_plugins/_ism/policies/logs", hot_warm_delete());
    c.clock.advance(1_000);
    create_index(&mut c, "logs-1", &json!({}), Origin::Api).unwrap();
    create_index(&mut c, "other", &json!({}), Origin::Api).unwrap();
    let (_, explain) = send(&mut c, Method::Get, "/_plugins/_ism/explain/logs-1,other", Value::Null);
    assert_eq!(explain["logs-1"]["index.plugins.index_state_management.policy_id"], "logs");
    assert_eq!(explain["logs-1"]["enabled"], true);
    assert!(explain["logs-1"].get("state").is_none(), "not initialized before the job runs: {explain}");
    assert_eq!(
        explain["other"],
        json!({"index.plugins.index_state_management.policy_id": null, "index.opendistro.index_state_management.policy_id": null, "enabled": null})
    );
    assert_eq!(explain["total_managed_indices"], 1);

    // The first run, a job interval later, initializes; the next one evaluates the transition.
    advance(&mut c, 5 * 60_000);
    let (_, explain) = send(&mut c, Method::Get, "/_plugins/_ism/explain/logs-1", Value::Null);
    assert_eq!(explain["logs-1"]["info"]["message"], "Successfully initialized policy: logs");
    assert_eq!(explain["logs-1"]["state"]["name"], "hot");
    advance(&mut c, 5 * 60_000);
    let (_, explain) = send(&mut c, Method::Get, "/_plugins/_ism/explain/logs-1", Value::Null);
    let e = &explain["logs-1"];
    assert_eq!(e["state"]["name"], "hot", "{e}");
    assert_eq!(e["action"]["name"], "transition", "{e}");
    assert_eq!(e["step"]["step_status"], "condition_not_met");
    assert_eq!(e["info"]["message"], "Evaluating transition conditions [index=logs-1]");

    advance(&mut c, DAY);
    let (_, explain) = send(&mut c, Method::Get, "/_plugins/_ism/explain/logs-1", Value::Null);
    let e = &explain["logs-1"];
    assert_eq!(e["state"]["name"], "warm", "{e}");
    assert_eq!(e["action"]["name"], "transition", "warm's actions are done: {e}");
    let index = &c.indices["logs-1"];
    assert_eq!(index.settings["index.number_of_replicas"], "0");
    assert_eq!(index.settings["index.blocks.write"], "true", "force_merge sets the index read-only first");
    assert_eq!(index.merged.as_ref().map(|m| m.max_segments), Some(1));

    advance(&mut c, 2 * DAY);
    assert!(!c.indices.contains_key("logs-1"), "deleted in the delete state");
    assert_eq!(c.opensearch.as_ref().unwrap().ism.managed.len(), 0);
    assert!(c.indices.contains_key("other"));
}

#[test]
fn a_rollover_without_its_alias_fails_after_its_retries_and_retry_resumes_it() {
    let mut c = cluster();
    let policy = json!({"policy": {"description": "roll", "default_state": "hot",
        "states": [{"name": "hot", "actions": [{"retry": {"count": 1, "backoff": "constant", "delay": "1m"}, "rollover": {"min_doc_count": 1}}], "transitions": []}],
        "ism_template": {"index_patterns": ["app-*"], "priority": 1}}});
    assert_eq!(send(&mut c, Method::Put, "/_plugins/_ism/policies/roll", policy).0, 201);
    c.clock.advance(1);
    create_index(&mut c, "app-000001", &json!({}), Origin::Api).unwrap();
    for _ in 0..4 {
        advance(&mut c, 5 * 60_000);
    }
    let (_, explain) = send(&mut c, Method::Get, "/_plugins/_ism/explain/app-000001", Value::Null);
    let e = &explain["app-000001"];
    assert_eq!(e["action"]["name"], "rollover", "{e}");
    assert_eq!(e["action"]["failed"], true, "{e}");
    assert_eq!(e["action"]["consumed_retries"], 1);
    assert_eq!(e["step"]["step_status"], "failed");
    assert_eq!(e["info"]["message"], "Missing rollover_alias index setting [index=app-000001]");
    assert_eq!(e["enabled"], false, "a failed index's job is disabled");

    // Fix the cause, retry: the rollover happens on the next runs.
    let settings = json!({"index.plugins.index_state_management.rollover_alias": "app", });
    assert_eq!(send(&mut c, Method::Put, "/app-000001/_settings", settings).0, 200);
    send(
        &mut c,
        Method::Post,
        "/_aliases",
        json!({"actions": [{"add": {"index": "app-000001", "alias": "app", "is_write_index": true}}]}),
    );
    assert_eq!(send(&mut c, Method::Put, "/app-000001/_doc/1", json!({"message": "x"})).0, 201);
    let (_, retried) = send(&mut c, Method::Post, "/_plugins/_ism/retry/app-000001", Value::Null);
    assert_eq!(retried, json!({"updated_indices": 1, "failures": false, "failed_indices": []}));
    let (_, again) = send(&mut c, Method::Post, "/_plugins/_ism/retry/app-000001", Value::Null);
    assert_eq!(again["failures"], true);
    assert_eq!(again["failed_indices"][0]["reason"], "This index is not in failed state.");
    advance(&mut c, 5 * 60_000);
    let (_, explain) = send(&mut c, Method::Get, "/_plugins/_ism/explain/app-000001", Value::Null);
    let e = &explain["app-000001"];
    assert_eq!(e["rolled_over"], true, "{e}");
    assert_eq!(e["rolled_over_index_name"], "app-000002");
    assert!(c.indices.contains_key("app-000002"));
    // The new index matches the template and is managed too.
    assert!(c.opensearch.as_ref().unwrap().ism.managed_by_name("app-000002").is_some());
}

#[test]
fn add_remove_and_change_policy_answer_per_index() {
    let mut c = cluster();
    let mut policy = hot_warm_delete();
    policy["policy"]["ism_template"] = Value::Null;
    send(&mut c, Method::Put, "/_plugins/_ism/policies/a", policy.clone());
    send(&mut c, Method::Put, "/_plugins/_ism/policies/b", policy);
    create_index(&mut c, "x-1", &json!({}), Origin::Api).unwrap();
    create_index(&mut c, "x-2", &json!({}), Origin::Api).unwrap();
    let (_, added) = send(&mut c, Method::Post, "/_plugins/_ism/add/x-1", json!({"policy_id": "a"}));
    assert_eq!(added, json!({"updated_indices": 1, "failures": false, "failed_indices": []}));
    let (_, added) = send(&mut c, Method::Post, "/_plugins/_ism/add/x-*", json!({"policy_id": "a"}));
    assert_eq!(added["updated_indices"], 1);
    assert_eq!(
        added["failed_indices"][0]["reason"],
        "This index already has a policy, use the update policy API to update index policies"
    );
    let (status, missing) = send(&mut c, Method::Post, "/_plugins/_ism/add/x-1", json!({"policy_id": "zzz"}));
    assert_eq!(status, 404, "{missing}");
    advance(&mut c, 10 * 60_000);
    let (_, changed) =
        send(&mut c, Method::Post, "/_plugins/_ism/change_policy/x-1", json!({"policy_id": "b", "state": "warm"}));
    assert_eq!(changed["updated_indices"], 1);
    advance(&mut c, 5 * 60_000);
    let (_, explain) = send(&mut c, Method::Get, "/_plugins/_ism/explain/x-1", Value::Null);
    assert_eq!(explain["x-1"]["info"]["message"], "Attempting to change policy to b", "{explain}");
    assert_eq!(explain["x-1"]["transition_to"], "warm");
    advance(&mut c, 5 * 60_000);
    let (_, explain) = send(&mut c, Method::Get, "/_plugins/_ism/explain/x-1", Value::Null);
    assert_eq!(explain["x-1"]["policy_id"], "b", "{explain}");
    assert_eq!(explain["x-1"]["state"]["name"], "warm", "{explain}");
    let (_, removed) = send(&mut c, Method::Post, "/_plugins/_ism/remove/x-1,x-2", Value::Null);
    assert_eq!(removed["updated_indices"], 2);
    let (_, removed) = send(&mut c, Method::Post, "/_plugins/_ism/remove/x-1", Value::Null);
    assert_eq!(removed["failed_indices"][0]["reason"], "This index does not have a policy to remove");
    let (_, all) = send(&mut c, Method::Get, "/_plugins/_ism/explain", Value::Null);
    assert_eq!(all, json!({"total_managed_indices": 0}));
}

#[test]
fn ilm_settings_are_unknown_and_ism_settings_known_on_opensearch() {
    let mut c = cluster();
    let e = create_index(&mut c, "a", &json!({"settings": {"index.lifecycle.name": "p"}}), Origin::Api).unwrap_err();
    assert!(e.reason.starts_with("unknown setting [index.lifecycle.name]"), "{}", e.reason);
    create_index(
        &mut c,
        "b",
        &json!({"settings": {"plugins.index_state_management.rollover_alias": "b"}}),
        Origin::Api,
    )
    .unwrap();
}

#[test]
fn the_job_interval_is_isms_cluster_setting() {
    let mut c = cluster();
    let (status, _) = send(
        &mut c,
        Method::Put,
        "/_cluster/settings",
        json!({"persistent": {"plugins.index_state_management.job_interval": "1"}}),
    );
    assert_eq!(status, 200);
    send(&mut c, Method::Put, "/_plugins/_ism/policies/logs", hot_warm_delete());
    c.clock.advance(1_000);
    create_index(&mut c, "logs-1", &json!({}), Origin::Api).unwrap();
    advance(&mut c, 60_000);
    let (_, explain) = send(&mut c, Method::Get, "/_plugins/_ism/explain/logs-1", Value::Null);
    assert_eq!(
        explain["logs-1"]["info"]["message"], "Successfully initialized policy: logs",
        "a 1-minute job: {explain}"
    );
    let mut es = Cluster::new(crate::version::EsVersion::DEFAULT, 0);
    let (status, _) = send(
        &mut es,
        Method::Put,
        "/_cluster/settings",
        json!({"persistent": {"plugins.index_state_management.job_interval": "1"}}),
    );
    assert_eq!(status, 400, "Elasticsearch has no ISM setting");
}
