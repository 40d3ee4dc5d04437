//! What third-party clients (the official Python and Node clients, Beats, Curator) send and expect
//! on connect and in daily use, each answered as Elasticsearch answers it. Every test here pins a
//! failure those clients met (issue 11).

use es_sandbox::{BackgroundSandbox, SandboxConfig};

use crate::common::{TestCluster, esops};
use serde_json::{Value, json};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("test runtime")
}

/// Sends a request and reads its JSON answer.
async fn json_of(request: reqwest::RequestBuilder) -> Value {
    request.send().await.unwrap().json().await.unwrap()
}

/// The `Accept` header the Node client sends on every request.
const NODE_ACCEPT: &str = "application/vnd.elasticsearch+json; compatible-with=8,text/plain";

#[test]
fn an_accept_list_is_ignored_as_es_parsed_media_type_does() {
    let sandbox = BackgroundSandbox::start(SandboxConfig::default()).unwrap();
    let url = sandbox.url();
    runtime().block_on(async {
        let c = reqwest::Client::new();
        c.put(format!("{url}/logs-1")).send().await.unwrap();
        let info = c.get(&url).header("accept", NODE_ACCEPT).send().await.unwrap();
        assert_eq!(info.status(), 200);
        assert_eq!(info.headers()["content-type"], "application/json");
        let head = c.head(format!("{url}/logs-1")).header("accept", NODE_ACCEPT).send().await.unwrap();
        assert_eq!(head.status(), 200);
        // `_cat` without `format`: the list is ignored, so ES answers its text table.
        let cat = c.get(format!("{url}/_cat/indices?h=index")).header("accept", NODE_ACCEPT).send().await.unwrap();
        assert_eq!(cat.headers()["content-type"], "text/plain; charset=UTF-8");
        assert_eq!(cat.text().await.unwrap(), "logs-1\n");
        // One JSON media type still selects JSON, and a wrong version in one is still refused.
        let cat = json_of(
            c.get(format!("{url}/_cat/indices?h=index"))
                .header("accept", "application/vnd.elasticsearch+json; compatible-with=8"),
        )
        .await;
        assert_eq!(cat, json!([{"index": "logs-1"}]));
        let wrong = c.get(&url).header("accept", "application/vnd.elasticsearch+json; compatible-with=5").send().await;
        assert_eq!(wrong.unwrap().status(), 400);
    });
}

#[test]
fn the_clock_follows_wall_time_and_ilm_runs_every_poll_interval() {
    let sandbox = BackgroundSandbox::start(SandboxConfig::default()).unwrap();
    let url = sandbox.url();
    runtime().block_on(async {
        let c = reqwest::Client::new();
        let created = |name: &'static str| {
            let c = c.clone();
            let url = url.clone();
            async move {
                c.put(format!("{url}/{name}")).send().await.unwrap();
                let v = json_of(c.get(format!("{url}/{name}/_settings"))).await;
                v[name]["settings"]["index"]["creation_date"].as_str().unwrap().parse::<i64>().unwrap()
            }
        };
        let first = created("first").await;
        tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
        let second = created("second").await;
        assert!(second - first >= 1_100, "creation dates 1.1 s apart: {first} {second}");

        // `_advance` still moves it on, and it keeps following the wall clock from there.
        let before = json_of(c.get(format!("{url}/_sandbox/clock"))).await;
        let after = json_of(c.post(format!("{url}/_sandbox/clock/_advance?by=1d"))).await;
        let moved = after["now_millis"].as_i64().unwrap() - before["now_millis"].as_i64().unwrap();
        assert!((86_400_000..86_400_000 + 5_000).contains(&moved), "{moved}");
        assert_eq!(after["frozen"], false);

        // ILM runs every `indices.lifecycle.poll_interval` of the clock, without `_advance`.
        let put = |path: String, body: Value| c.put(format!("{url}{path}")).json(&body).send();
        put("/_cluster/settings".into(), json!({"persistent": {"indices.lifecycle.poll_interval": "1s"}}))
            .await
            .unwrap();
        let policy = json!({"policy": {"phases": {"delete": {"min_age": "1s", "actions": {"delete": {}}}}}});
        assert_eq!(put("/_ilm/policy/short".into(), policy).await.unwrap().status(), 200);
        put("/doomed".into(), json!({"settings": {"index.lifecycle.name": "short"}})).await.unwrap();
        assert_eq!(c.head(format!("{url}/doomed")).send().await.unwrap().status(), 200);
        tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;
        assert_eq!(c.head(format!("{url}/doomed")).send().await.unwrap().status(), 404, "ILM deleted it");
    });
}

#[test]
fn a_frozen_clock_stands_still() {
    let cfg = SandboxConfig { start_millis: Some(1_710_460_800_000), frozen_clock: true, ..Default::default() };
    let sandbox = BackgroundSandbox::start(cfg).unwrap();
    let url = sandbox.url();
    runtime().block_on(async {
        let c = reqwest::Client::new();
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        let clock = json_of(c.get(format!("{url}/_sandbox/clock"))).await;
        assert_eq!(
            clock,
            json!({"now_millis": 1_710_460_800_000i64, "now": "2024-03-15T00:00:00.000Z", "frozen": true})
        );
    });
}

/// Regression: with the cluster's clock ahead of esops's "now", `ilm explain` printed
/// `IN STEP -9d 23h`. An age counted from a time after now is unknown, and said why once.
#[test]
fn a_cluster_clock_ahead_of_now_prints_no_negative_age() {
    let cfg = SandboxConfig { start_millis: Some(1_710_460_800_000), frozen_clock: true, ..Default::default() };
    let c = TestCluster::sandbox(cfg);
    c.request("PUT", "/_ilm/policy/logs", Some(json!({"policy": {"phases": {"hot": {"actions": {}}}}})));
    c.request("PUT", "/logs-1", Some(json!({"settings": {"index.lifecycle.name": "logs"}})));
    let out = esops()
        .against(&c)
        .args(["ilm", "explain", "--now", "2024-03-05T00:00:00Z"])
        .run()
        .success()
        .stderr_has("the cluster recorded ILM times up to 10d after 2024-03-05T00:00:00Z");
    let row = out.stdout.lines().find(|l| l.starts_with("logs-1")).expect("a row for logs-1");
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells[cells.len() - 2..], ["-", "-"], "AGE and IN STEP are unknown, not negative: {row}");
    let json = esops().against(&c).args(["ilm", "explain", "-o", "json", "--now", "2024-03-05T00:00:00Z"]).run();
    let v: Value = serde_json::from_str(&json.success().stdout).unwrap();
    assert_eq!((&v["indices"][0]["age_millis"], &v["indices"][0]["time_in_step_millis"]), (&Value::Null, &Value::Null));
}

/// What the official clients (sniffing), Beats, Logstash and Kibana call on connect.
#[test]
fn connect_time_apis_nodes_license_and_xpack() {
    let sandbox = BackgroundSandbox::start(SandboxConfig::default()).unwrap();
    let url = sandbox.url();
    runtime().block_on(async {
        let c = reqwest::Client::new();
        let get = |path: &str| c.get(format!("{url}{path}"));
        let nodes = json_of(get("/_nodes/_all/http")).await;
        let node = nodes["nodes"].as_object().unwrap().values().next().unwrap().clone();
        assert_eq!(node["http"]["publish_address"], url.trim_start_matches("http://"));
        let license = get("/_license").send().await.unwrap();
        assert_eq!(license.status(), 200);
        let license: Value = license.json().await.unwrap();
        assert_eq!(license["license"]["type"], "basic");
        let xpack = json_of(get("/_xpack")).await;
        assert_eq!(xpack["features"]["ilm"], json!({"available": true, "enabled": true}));
    });
}

#[test]
fn a_bulk_without_actions_is_refused_as_es_validates_it() {
    let c = TestCluster::start();
    let (status, body) = c.raw("POST", "/_bulk", Some("\n"));
    assert_eq!(status, 400);
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["error"]["type"], "action_request_validation_exception");
    assert_eq!(body["error"]["reason"], "Validation Failed: 1: no requests added;");
}

/// Regression: the read-only user was modelled by HTTP method, so searches by POST were refused
/// and `GET /_cluster/settings` allowed. ES's `viewer` is decided by action.
#[test]
fn the_read_only_user_is_es_viewer_role() {
    let cfg = SandboxConfig {
        users: vec![("elastic".into(), "changeme".into()), ("viewer".into(), "pw:readonly".into())],
        ..Default::default()
    };
    let sandbox = BackgroundSandbox::start(cfg).unwrap();
    let url = sandbox.url();
    runtime().block_on(async {
        let c = reqwest::Client::new();
        c.put(format!("{url}/logs")).basic_auth("elastic", Some("changeme")).send().await.unwrap();
        let as_viewer = |method: reqwest::Method, path: &str| {
            c.request(method, format!("{url}{path}")).basic_auth("viewer", Some("pw")).json(&json!({})).send()
        };
        assert_eq!(as_viewer(reqwest::Method::POST, "/logs/_search").await.unwrap().status(), 200);
        assert_eq!(as_viewer(reqwest::Method::POST, "/logs/_count").await.unwrap().status(), 200);
        let refused = as_viewer(reqwest::Method::GET, "/_cluster/settings").await.unwrap();
        assert_eq!(refused.status(), 403);
        let body: Value = refused.json().await.unwrap();
        assert_eq!(
            body["error"]["reason"],
            "action [cluster:monitor/settings] is unauthorized for user [viewer] with effective roles [viewer], \
             this action is granted by the cluster privileges [monitor,manage,all]"
        );
        assert_eq!(body["status"], 403);
    });
}

/// Curator's `close` flushes first and its `forcemerge` reads segments, then merges.
#[test]
fn flush_segments_and_forcemerge_as_curator_calls_them() {
    let c = TestCluster::start();
    let index = format!("esops-compat-merge-{}", std::process::id());
    c.request("PUT", &format!("/{index}"), Some(json!({"settings": {"number_of_shards": 1, "number_of_replicas": 0}})));
    for id in 0..3 {
        c.request("PUT", &format!("/{index}/_doc/{id}?refresh=true"), Some(json!({"n": id})));
    }
    let flushed = c.request("POST", &format!("/{index}/_flush"), None);
    assert_eq!(flushed["_shards"]["failed"], 0);
    let segments = c.request("GET", &format!("/{index}/_segments"), None);
    let copy = &segments["indices"][&index]["shards"]["0"][0];
    assert!(copy["num_search_segments"].as_u64().unwrap() >= 1, "{segments}");
    let merged = c.request("POST", &format!("/{index}/_forcemerge?max_num_segments=1"), None);
    assert_eq!(merged["_shards"]["failed"], 0);
    let (_, cat) = c.raw("GET", &format!("/_cat/segments/{index}?h=index,docs.count"), None);
    assert_eq!(cat, format!("{index} 3\n"));
    let cat = c.request("GET", &format!("/_cat/indices/{index}?h=segments.count&format=json"), None);
    assert_eq!(cat, json!([{"segments.count": "1"}]));
    c.request("DELETE", &format!("/{index}"), None);
}
