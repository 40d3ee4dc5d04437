//! The sandbox answers over real TCP and TLS: wire headers, auth, faults, accounting, the clock,
//! and the state file surviving a restart.

use es_sandbox::{BackgroundSandbox, SandboxConfig};
use serde_json::{Value, json};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("test runtime")
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().build().expect("http client")
}

#[test]
fn serves_elasticsearch_over_http_with_product_header_and_es_errors() {
    let sandbox = BackgroundSandbox::start(SandboxConfig::default()).unwrap();
    let url = sandbox.url();
    assert!(url.starts_with("http://127.0.0.1:"));
    runtime().block_on(async {
        let c = client();
        let info = c.get(&url).header("x-opaque-id", "esops-1").send().await.unwrap();
        assert_eq!(info.status(), 200);
        assert_eq!(info.headers()["x-elastic-product"], "Elasticsearch");
        assert_eq!(info.headers()["x-opaque-id"], "esops-1");
        assert_eq!(info.headers()["content-type"], "application/json");
        let body: Value = info.json().await.unwrap();
        assert_eq!(body["version"]["number"], "8.15.0");
        assert_eq!(body["tagline"], "You Know, for Search");

        let created = c.put(format!("{url}/logs-1")).json(&json!({"aliases": {"logs": {}}})).send().await.unwrap();
        assert_eq!(created.status(), 200);
        let cat: Value = c
            .get(format!("{url}/_cat/indices?format=json&bytes=b&h=index,pri.store.size"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(cat, json!([{"index": "logs-1", "pri.store.size": "225"}]));
        let head = c.head(format!("{url}/logs-1")).send().await.unwrap();
        assert_eq!(head.status(), 200);
        let filtered: Value = c
            .get(format!("{url}/_cluster/health?filter_path=status,number_of_nodes"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(filtered, json!({"status": "yellow", "number_of_nodes": 1}));

        let missing = c.get(format!("{url}/nope/_settings")).send().await.unwrap();
        assert_eq!(missing.status(), 404);
        assert_eq!(missing.headers()["x-elastic-product"], "Elasticsearch");
        let body: Value = missing.json().await.unwrap();
        assert_eq!(body["error"]["type"], "index_not_found_exception");
        // Errors are never filtered (ES builds them with filtering off); answers with another
        // status than 200 that are not errors still are.
        let filtered_error =
            c.get(format!("{url}/nope/_ilm/explain?filter_path=indices.*.phase")).send().await.unwrap();
        assert_eq!(filtered_error.status(), 404);
        let body: Value = filtered_error.json().await.unwrap();
        assert_eq!((&body["error"]["type"], &body["status"]), (&json!("index_not_found_exception"), &json!(404)));
        let timed_out = c
            .get(format!("{url}/_cluster/health?wait_for_status=green&timeout=1ms&filter_path=status,timed_out"))
            .send()
            .await
            .unwrap();
        // 8.0 answers a health wait that timed out with 200 (7.x: 408), `timed_out` in the body.
        assert_eq!(timed_out.status(), 200);
        assert_eq!(timed_out.json::<Value>().await.unwrap(), json!({"status": "yellow", "timed_out": true}));

        let no_type = c.put(format!("{url}/typed")).body("{}").send().await.unwrap();
        assert_eq!(no_type.status(), 406);
        let body: Value = no_type.json().await.unwrap();
        assert_eq!(body, json!({"error": "Content-Type header is missing", "status": 406}));

        let many: Vec<String> = (0..400).map(|i| format!("logs-{i:06}")).collect();
        let too_long = c.delete(format!("{url}/{}", many.join(","))).send().await.unwrap();
        assert_eq!(too_long.status(), 400);
        let body: Value = too_long.json().await.unwrap();
        assert_eq!(body["error"]["reason"], "An HTTP line is larger than 4096 bytes.");

        let no_security = c.get(format!("{url}/_security/_authenticate")).send().await.unwrap();
        assert_eq!(no_security.status(), 500);

        let unknown = c.get(format!("{url}/_nothing/here/at/all")).send().await.unwrap();
        assert_eq!(unknown.status(), 400);
        let body: Value = unknown.json().await.unwrap();
        assert_eq!(
            body,
            json!({"error": "no handler found for uri [/_nothing/here/at/all] and method [GET]", "status": 400})
        );

        let compat =
            c.get(&url).header("accept", "application/vnd.elasticsearch+json; compatible-with=8").send().await.unwrap();
        assert_eq!(compat.status(), 200);
        assert_eq!(compat.headers()["content-type"], "application/vnd.elasticsearch+json;compatible-with=8");
    });
}

#[test]
fn serves_tls_with_the_generated_ca() {
    let dir = tempfile::tempdir().unwrap();
    let ca_path = dir.path().join("ca.pem");
    let sandbox =
        BackgroundSandbox::start(SandboxConfig { tls: true, ca_cert_out: Some(ca_path.clone()), ..Default::default() })
            .unwrap();
    let url = sandbox.url();
    assert!(url.starts_with("https://127.0.0.1:"));
    let pem = sandbox.ca_pem().unwrap();
    assert_eq!(std::fs::read_to_string(&ca_path).unwrap(), pem);
    runtime().block_on(async {
        let trusted = reqwest::Client::builder()
            .add_root_certificate(reqwest::Certificate::from_pem(pem.as_bytes()).unwrap())
            .build()
            .unwrap();
        let info = trusted.get(&url).send().await.unwrap();
        assert_eq!(info.status(), 200);
        let localhost = url.replace("127.0.0.1", "localhost");
        assert_eq!(trusted.get(&localhost).send().await.unwrap().status(), 200);
        assert!(client().get(&url).send().await.is_err(), "an untrusted CA must fail the handshake");
    });
}

#[test]
fn authenticates_like_es_security() {
    let cfg = SandboxConfig {
        users: vec![("elastic".into(), "changeme".into()), ("viewer".into(), "pw:readonly".into())],
        api_keys: vec![("kid".into(), "ksecret".into())],
        ..Default::default()
    };
    let sandbox = BackgroundSandbox::start(cfg).unwrap();
    let url = sandbox.url();
    runtime().block_on(async {
        let c = client();
        let anonymous = c.get(format!("{url}/_cat/indices")).send().await.unwrap();
        assert_eq!(anonymous.status(), 401);
        let challenges: Vec<_> =
            anonymous.headers().get_all("www-authenticate").iter().map(|v| v.to_str().unwrap().to_string()).collect();
        assert_eq!(challenges, ["Basic realm=\"security\", charset=\"UTF-8\"", "Bearer realm=\"security\"", "ApiKey"]);
        let body: Value = anonymous.json().await.unwrap();
        assert_eq!(body["error"]["reason"], "missing authentication credentials for REST request [/_cat/indices]");

        let wrong = c.get(&url).basic_auth("elastic", Some("nope")).send().await.unwrap();
        assert_eq!(wrong.status(), 401);
        assert_eq!(c.get(&url).basic_auth("elastic", Some("changeme")).send().await.unwrap().status(), 200);
        let me: Value = c
            .get(format!("{url}/_security/_authenticate"))
            .basic_auth("viewer", Some("pw"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!((me["username"].clone(), me["roles"].clone()), (json!("viewer"), json!(["viewer"])));
        let key = base64_encode("kid:ksecret");
        assert_eq!(c.get(&url).header("authorization", format!("ApiKey {key}")).send().await.unwrap().status(), 200);

        assert_eq!(
            c.put(format!("{url}/idx")).basic_auth("elastic", Some("changeme")).send().await.unwrap().status(),
            200
        );
        let denied = c.delete(format!("{url}/idx")).basic_auth("viewer", Some("pw")).send().await.unwrap();
        assert_eq!(denied.status(), 403);
        let body: Value = denied.json().await.unwrap();
        assert_eq!(body["error"]["type"], "security_exception");
        assert!(
            body["error"]["reason"]
                .as_str()
                .unwrap()
                .starts_with("action [indices:admin/delete] is unauthorized for user [viewer]")
        );
        // The sandbox's own endpoints need no credentials.
        assert_eq!(c.get(format!("{url}/_sandbox/clock")).send().await.unwrap().status(), 200);
    });
}

fn base64_encode(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(s)
}

#[test]
fn faults_accounting_and_clock() {
    let cfg = SandboxConfig { start_millis: Some(1_710_460_800_000), frozen_clock: true, ..Default::default() };
    let sandbox = BackgroundSandbox::start(cfg).unwrap();
    let url = sandbox.url();
    runtime().block_on(async {
        let c = client();
        let rule = json!({"status": 429, "body": {"error": "busy"}, "headers": {"Retry-After": "1"}, "count": 1, "path": "/_cat/", "method": "GET"});
        assert_eq!(c.post(format!("{url}/_sandbox/faults")).json(&rule).send().await.unwrap().status(), 200);
        let listed: Value = c.get(format!("{url}/_sandbox/faults")).send().await.unwrap().json().await.unwrap();
        assert_eq!(listed["faults"][0]["status"], 429);
        let faulted = c.get(format!("{url}/_cat/indices")).send().await.unwrap();
        assert_eq!(faulted.status(), 429);
        assert_eq!(faulted.headers()["retry-after"], "1");
        assert_eq!(c.get(format!("{url}/_cat/indices")).send().await.unwrap().status(), 200);

        c.post(format!("{url}/_sandbox/faults")).json(&json!({"drop_connection": true, "count": 1})).send().await.unwrap();
        assert!(c.get(&url).send().await.is_err(), "the connection is closed without an answer");

        let counts: Value = c.get(format!("{url}/_sandbox/requests")).send().await.unwrap().json().await.unwrap();
        assert_eq!(counts["by_route"]["GET /_cat/indices"], 2);
        assert_eq!(counts["total"], 3);
        c.delete(format!("{url}/_sandbox/requests")).send().await.unwrap();
        let counts: Value = c.get(format!("{url}/_sandbox/requests")).send().await.unwrap().json().await.unwrap();
        assert_eq!(counts["total"], 0);

        let clock: Value = c.post(format!("{url}/_sandbox/clock/_advance?by=7d")).send().await.unwrap().json().await.unwrap();
        assert_eq!(clock["now"], "2024-03-22T00:00:00.000Z");
        let clock: Value = c.post(format!("{url}/_sandbox/clock/_set?to=2024-03-15T00:00:00Z")).send().await.unwrap().json().await.unwrap();
        assert_eq!(clock["now_millis"], 1_710_460_800_000i64);
    });
}

#[test]
fn state_file_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let cfg = SandboxConfig { state_file: Some(state.clone()), nodes: Some(2), ..Default::default() };
    {
        let sandbox = BackgroundSandbox::start(cfg.clone()).unwrap();
        let url = sandbox.url();
        runtime().block_on(async { client().put(format!("{url}/kept")).send().await.unwrap() });
    }
    assert!(state.exists());
    let again = BackgroundSandbox::start(SandboxConfig { nodes: None, ..cfg.clone() }).unwrap();
    let cluster = again.cluster();
    let cluster = cluster.read().unwrap();
    assert!(cluster.indices.contains_key("kept"));
    assert_eq!(cluster.nodes, 2, "the node count is part of the state");
    drop(cluster);
    drop(again);
    let resized = BackgroundSandbox::start(SandboxConfig { nodes: Some(3), ..cfg }).unwrap();
    assert_eq!(resized.cluster().read().unwrap().nodes, 3, "--nodes overrides the state file");
}
