//! Pipelines and `_simulate`, mirroring Elasticsearch's ingest YAML tests.

use serde_json::{Value, json};

use super::*;
use crate::http::{Method, ResponseBody};
use crate::router::test_request as request;
use crate::version::EsVersion;

fn body_of(r: &SandboxResponse) -> Value {
    match &r.body {
        ResponseBody::Json(v) => v.clone(),
        other => panic!("not JSON: {other:?}"),
    }
}

fn cluster() -> Cluster {
    Cluster::new(EsVersion::DEFAULT, 1_700_000_000_000)
}

fn put(c: &mut Cluster, id: &str, body: Value) {
    put_pipeline(c, &request(Method::Put, &format!("/_ingest/pipeline/{id}"), body)).unwrap();
}

fn sim(c: &Cluster, path: &str, body: Value) -> Value {
    body_of(&simulate(c, &request(Method::Post, path, body)).unwrap())
}

fn doc(source: Value) -> Value {
    json!({"_index": "index", "_id": "id", "_source": source})
}

#[test]
fn crud_and_not_found_shapes() {
    let mut c = cluster();
    put(
        &mut c,
        "my_pipeline",
        json!({"description": "_description", "processors": [{"set": {"field": "f", "value": "v"}}]}),
    );
    let got = get_pipeline(&c, &request(Method::Get, "/_ingest/pipeline/my_pipeline", Value::Null)).unwrap();
    assert_eq!(body_of(&got)["my_pipeline"]["description"], "_description");
    let all = get_pipeline(&c, &request(Method::Get, "/_ingest/pipeline", Value::Null)).unwrap();
    assert!(body_of(&all).get("my_pipeline").is_some());
    delete_pipeline(&mut c, &request(Method::Delete, "/_ingest/pipeline/my_*", Value::Null)).unwrap();
    let missing = get_pipeline(&c, &request(Method::Get, "/_ingest/pipeline/my_pipeline", Value::Null)).unwrap();
    assert_eq!((missing.status, body_of(&missing)), (404, json!({})));
    let e = delete_pipeline(&mut c, &request(Method::Delete, "/_ingest/pipeline/my_*", Value::Null)).unwrap_err();
    assert_eq!((e.kind.as_str(), e.reason.as_str()), ("resource_not_found_exception", "pipeline [my_*] is missing"));
    let e = put_pipeline(
        &mut c,
        &request(
            Method::Put,
            "/_ingest/pipeline/p",
            json!({"processors": [{"set": {"field": "a", "value": 1}}], "on_failure": []}),
        ),
    )
    .unwrap_err();
    assert_eq!(e.reason, "pipeline [p] cannot have an empty on_failure option defined");
    let e = put_pipeline(&mut c, &request(Method::Put, "/_ingest/pipeline/p?if_version=2", json!({"processors": []})))
        .unwrap_err();
    assert_eq!(e.reason, "version conflict, required version [2] for pipeline [p] but no pipeline was found");
}

#[test]
fn simulate_stored_and_inline() {
    let mut c = cluster();
    put(&mut c, "my_pipeline", json!({"processors": [{"set": {"field": "field2", "value": "_value"}}]}));
    let out = sim(&c, "/_ingest/pipeline/my_pipeline/_simulate", json!({"docs": [doc(json!({"foo": "bar"}))]}));
    assert_eq!(
        out["docs"][0]["doc"],
        json!({"_index": "index", "_id": "id", "_version": "-3", "_source": {"foo": "bar", "field2": "_value"},
               "_ingest": {"timestamp": "2023-11-14T22:13:20.000Z"}})
    );
    let out = sim(
        &c,
        "/_ingest/pipeline/_simulate",
        json!({"pipeline": {"processors": [{"uppercase": {"field": "foo"}}]},
        "docs": [doc(json!({"not_foo": "bar"})), {"_source": {"foo": "bar"}}]}),
    );
    assert_eq!(out["docs"][0]["error"]["type"], "illegal_argument_exception");
    assert_eq!(out["docs"][0]["error"]["root_cause"][0]["reason"], "field [foo] not present as part of path [foo]");
    assert_eq!(out["docs"][1]["doc"]["_source"]["foo"], "BAR");
    assert_eq!(out["docs"][1]["doc"]["_index"], "_index");
    let e = simulate(&c, &request(Method::Post, "/_ingest/pipeline/_simulate", json!({"docs": []}))).unwrap_err();
    assert_eq!(
        (e.reason.as_str(), e.metadata["property_name"].as_str()),
        ("[pipeline] required property is missing", Some("pipeline"))
    );
    let e = simulate(
        &c,
        &request(
            Method::Post,
            "/_ingest/pipeline/_simulate",
            json!({"pipeline": {"processors": [{"set": {"tag": "fails", "value": 1}}]}, "docs": []}),
        ),
    )
    .unwrap_err();
    assert_eq!(e.metadata["processor_tag"], "fails");
}

#[test]
fn verbose_simulation_reports_each_processor() {
    let c = cluster();
    let out = sim(
        &c,
        "/_ingest/pipeline/_simulate?verbose=true",
        json!({
            "pipeline": {"processors": [
                {"set": {"tag": "setstatus-1", "field": "status", "value": 200}},
                {"rename": {"tag": "rename-1", "field": "foofield", "target_field": "field1", "on_failure": [
                    {"set": {"tag": "set on_failure rename", "field": "foofield", "value": "exists"}},
                    {"rename": {"field": "foofield2", "target_field": "field1", "on_failure": [
                        {"set": {"field": "foofield2", "value": "ran"}}
                    ]}}
                ]}}
            ]},
            "docs": [doc(json!({"field1": "123.42 400 <foo>"}))]
        }),
    );
    let results = out["docs"][0]["processor_results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    assert_eq!(results[0]["doc"]["_ingest"]["pipeline"], "_simulate_pipeline");
    assert_eq!(results[0]["doc"]["_source"]["status"], 200);
    assert_eq!((results[1]["tag"].as_str(), results[1]["status"].as_str()), (Some("rename-1"), Some("error")));
    assert_eq!(results[1]["error"]["reason"], "field [foofield] doesn't exist");
    assert_eq!(results[2]["doc"]["_ingest"]["on_failure_processor_tag"], "rename-1");
    assert_eq!(results[2]["doc"]["_ingest"]["on_failure_message"], "field [foofield] doesn't exist");
    assert!(results[3].get("tag").is_none());
    assert_eq!(
        results[4]["doc"]["_source"],
        json!({"field1": "123.42 400 <foo>", "status": 200, "foofield": "exists", "foofield2": "ran"})
    );
}

#[test]
fn verbose_ignore_failure_and_nested_pipelines() {
    let mut c = cluster();
    let out = sim(
        &c,
        "/_ingest/pipeline/_simulate?verbose",
        json!({
            "pipeline": {"processors": [{"rename": {"tag": "r", "field": "x", "target_field": "y", "ignore_failure": true}}]},
            "docs": [doc(json!({}))]
        }),
    );
    let result = &out["docs"][0]["processor_results"][0];
    assert_eq!(result["status"], "error_ignored");
    assert_eq!(result["ignored_error"]["error"]["reason"], "field [x] doesn't exist");
    assert!(result.get("doc").is_some());

    put(
        &mut c,
        "my_pipeline",
        json!({"processors": [{"rename": {"field": "does_not_exist", "target_field": "_value"}}]}),
    );
    let out = sim(
        &c,
        "/_ingest/pipeline/_simulate?verbose",
        json!({
            "pipeline": {"processors": [{"pipeline": {"name": "my_pipeline"}}]}, "docs": [doc(json!({}))]
        }),
    );
    let results = out["docs"][0]["processor_results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(
        (results[0]["processor_type"].as_str(), results[0]["status"].as_str()),
        (Some("pipeline"), Some("success"))
    );
    assert_eq!((results[1]["processor_type"].as_str(), results[1]["status"].as_str()), (Some("rename"), Some("error")));
}

/// ES 8.x `TrackingResultProcessor`: a `pipeline` processor records its own entry (no doc) before
/// the called pipeline's processors; a processor with `ignore_failure` that succeeds records one
/// ordinary entry (`processor_type`, `status`, `tag`, `doc`). The pre-7.x shape (no pipeline
/// entries, `{tag, doc}` only) that parts of `90_simulate.yml` still assert is not emulated.
#[test]
fn verbose_records_pipeline_processors_and_quiet_ignore_failure() {
    let mut c = cluster();
    put(
        &mut c,
        "pipeline1",
        json!({"processors": [{"set": {"field": "pipeline1", "value": true}}, {"pipeline": {"name": "pipeline2"}}]}),
    );
    put(&mut c, "pipeline2", json!({"processors": [{"set": {"field": "pipeline2", "value": true}}]}));
    let out = sim(
        &c,
        "/_ingest/pipeline/_simulate?verbose",
        json!({
            "pipeline": {"processors": [
                {"set": {"field": "pipeline0", "value": true}},
                {"pipeline": {"name": "pipeline1"}}
            ]},
            "docs": [doc(json!({}))]
        }),
    );
    let results = out["docs"][0]["processor_results"].as_array().unwrap();
    let types: Vec<&str> = results.iter().map(|r| r["processor_type"].as_str().unwrap()).collect();
    assert_eq!(types, ["set", "pipeline", "set", "pipeline", "set"]);
    assert!(results[1].get("doc").is_none());
    assert_eq!(results[4]["doc"]["_source"], json!({"pipeline0": true, "pipeline1": true, "pipeline2": true}));

    let out = sim(
        &c,
        "/_ingest/pipeline/_simulate?verbose",
        json!({
            "pipeline": {"processors": [
                {"set": {"tag": "setstatus-1", "field": "status", "value": 200}},
                {"rename": {"tag": "rename-1", "field": "status", "target_field": "new_status", "ignore_failure": true}}
            ]},
            "docs": [doc(json!({"field1": "123.42 400 <foo>"}))]
        }),
    );
    let results = out["docs"][0]["processor_results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let keys: Vec<&String> = results[1].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["processor_type", "status", "tag", "doc"]);
    assert_eq!(results[1]["status"], "success");
    assert_eq!(results[1]["doc"]["_source"]["new_status"], 200);
}

#[test]
fn pipeline_cycles_and_missing_pipelines() {
    let mut c = cluster();
    put(&mut c, "outer", json!({"processors": [{"pipeline": {"name": "inner"}}]}));
    put(&mut c, "inner", json!({"processors": [{"pipeline": {"name": "outer"}}]}));
    let out = sim(
        &c,
        "/_ingest/pipeline/_simulate?verbose",
        json!({
            "pipeline": {"processors": [{"pipeline": {"name": "outer"}}]}, "docs": [doc(json!({}))]
        }),
    );
    let results = out["docs"][0]["processor_results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["error"]["reason"], "Cycle detected for pipeline: outer");
    let e = run_default_pipelines(&c, "test", Some("outer"), json!({})).unwrap_err();
    assert_eq!((e.kind.as_str(), e.reason.as_str()), ("illegal_state_exception", "Cycle detected for pipeline: outer"));

    put(&mut c, "engineering-department", json!({"processors": [{"set": {"field": "manager", "value": "john"}}]}));
    put(&mut c, "dispatch", json!({"processors": [{"pipeline": {"name": "{{org}}-department"}}]}));
    let (_, out) = run_default_pipelines(&c, "test", Some("dispatch"), json!({"org": "engineering"})).unwrap().unwrap();
    assert_eq!(out["manager"], "john");
    let e = run_default_pipelines(&c, "test", Some("dispatch"), json!({"org": "legal"})).unwrap_err();
    assert_eq!(e.reason, "Pipeline processor configured for non-existent pipeline [legal-department]");
}

#[test]
fn pipeline_metadata_and_pipeline_level_on_failure() {
    let mut c = cluster();
    put(
        &mut c,
        "p1",
        json!({"processors": [{"append": {"field": "pipelines", "value": "{{_ingest.pipeline}}"}}, {"pipeline": {"name": "p2"}}]}),
    );
    put(&mut c, "p2", json!({"processors": [{"append": {"field": "pipelines", "value": "{{_ingest.pipeline}}"}}]}));
    let (_, out) = run_default_pipelines(&c, "test", Some("p1"), json!({})).unwrap().unwrap();
    assert_eq!(out["pipelines"], json!(["p1", "p2"]));

    put(
        &mut c,
        "guarded",
        json!({
            "processors": [{"set": {"field": "_executed", "value": true}}, {"date": {"field": "date", "target_field": "date", "formats": ["yyyy"]}}, {"uppercase": {"field": "field1"}}],
            "on_failure": [{"set": {"field": "_failed", "value": "{{_ingest.on_failure_processor_type}}: {{_ingest.on_failure_message}}"}}]
        }),
    );
    let (_, out) = run_default_pipelines(&c, "test", Some("guarded"), json!({"field1": "value1"})).unwrap().unwrap();
    assert_eq!(
        out,
        json!({"field1": "value1", "_executed": true, "_failed": "date: field [date] not present as part of path [date]"})
    );
}

#[test]
fn default_and_final_pipelines_from_index_settings() {
    let mut c = cluster();
    put(&mut c, "default", json!({"processors": [{"set": {"field": "d", "value": 1}}]}));
    put(&mut c, "final", json!({"processors": [{"set": {"field": "f", "value": 2}}]}));
    put(&mut c, "redirect", json!({"processors": [{"set": {"field": "_index", "value": "surprise"}}]}));
    put(&mut c, "drop", json!({"processors": [{"drop": {}}]}));
    crate::indices::create_index(
        &mut c,
        "logs",
        &json!({"settings": {"index.default_pipeline": "default", "index.final_pipeline": "final"}}),
        crate::indices::Origin::Api,
    )
    .unwrap();
    let (index, out) = run_default_pipelines(&c, "logs", None, json!({"x": 0})).unwrap().unwrap();
    assert_eq!((index.as_str(), out), ("logs", json!({"x": 0, "d": 1, "f": 2})));
    let (index, out) = run_default_pipelines(&c, "logs", Some("_none"), json!({})).unwrap().unwrap();
    assert_eq!((index.as_str(), out), ("logs", json!({"f": 2})));
    let (index, _) = run_default_pipelines(&c, "logs", Some("redirect"), json!({})).unwrap().unwrap();
    assert_eq!(index, "surprise");
    assert_eq!(run_default_pipelines(&c, "logs", Some("drop"), json!({})).unwrap(), None);
    let e = run_default_pipelines(&c, "logs", Some("nope"), json!({})).unwrap_err();
    assert_eq!(e.reason, "pipeline with id [nope] does not exist");
}

#[test]
fn empty_processor_config_is_refused() {
    let mut c = cluster();
    let e = put_pipeline(
        &mut c,
        &request(Method::Put, "/_ingest/pipeline/p", json!({"description": "d", "processors": [{"set": {}}]})),
    )
    .unwrap_err();
    assert_eq!(e.kind, "parse_exception");
}

#[test]
fn pipeline_bodies_are_checked_like_es() {
    let mut c = cluster();
    let e = put_pipeline(
        &mut c,
        &request(Method::Put, "/_ingest/pipeline/p", json!({"processors": [], "invalid_field": {}})),
    )
    .unwrap_err();
    assert_eq!(e.reason, "pipeline [p] doesn't support one or more provided configuration parameters [invalid_field]");
    put(&mut c, "p", json!({"processors": [{}, {}]}));
    let e = put_pipeline(
        &mut c,
        &request(Method::Put, "/_ingest/pipeline/p", json!({"processors": [{"grok": {}}, {"grok": {}, "date": {}}]})),
    )
    .unwrap_err();
    assert_eq!(e.reason, "[processors] contains nested objects but should be a list of single-entry objects");
    let summary = get_pipeline(&c, &request(Method::Get, "/_ingest/pipeline?summary=true", Value::Null)).unwrap();
    assert_eq!(body_of(&summary), json!({"p": {}}));
}

#[test]
fn nine_two_tracks_pipeline_dates() {
    let mut c = Cluster::new(EsVersion::new(9, 2, 0), 1_700_000_000_000);
    put(&mut c, "p", json!({"processors": []}));
    let got = body_of(&get_pipeline(&c, &request(Method::Get, "/_ingest/pipeline/p", Value::Null)).unwrap());
    assert_eq!(got["p"]["created_date"], "2023-11-14T22:13:20.000Z");
    let e = put_pipeline(
        &mut c,
        &request(Method::Put, "/_ingest/pipeline/p", json!({"processors": [], "created_date": "x"})),
    )
    .unwrap_err();
    assert_eq!(e.reason, "Provided a pipeline property which is managed by the system: created_date.");
}
