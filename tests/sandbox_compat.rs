//! What third-party clients (the official Python and Node clients, Beats, Curator) send and expect
//! on connect and in daily use, each answered as Elasticsearch answers it. Every test here pins a
//! failure those clients met (issue 11).

use es_sandbox::{BackgroundSandbox, SandboxConfig};
use serde_json::{Value, json};

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("test runtime")
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
        let cat: Value = c
            .get(format!("{url}/_cat/indices?h=index"))
            .header("accept", "application/vnd.elasticsearch+json; compatible-with=8")
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(cat, json!([{"index": "logs-1"}]));
        let wrong = c.get(&url).header("accept", "application/vnd.elasticsearch+json; compatible-with=5").send().await;
        assert_eq!(wrong.unwrap().status(), 400);
    });
}
