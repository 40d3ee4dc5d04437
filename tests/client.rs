//! How esops talks to a cluster: errors, retries, timeouts, TLS, authentication, secrets.
//! Faults are staged with the sandbox's `/_sandbox/faults` API, so these tests run on the sandbox
//! only (a real cluster cannot be told to answer 429 twice).

use std::time::{Duration, Instant};

use crate::common::{TestCluster, esops, write_file};
use es_sandbox::SandboxConfig;

fn inject(cluster: &TestCluster, fault: &str) {
    let (status, body) = cluster.raw("POST", "/_sandbox/faults", Some(fault));
    assert_eq!(status, 200, "fault injection refused: {body}");
}

#[test]
fn info_reports_cluster_version_health_and_disk() {
    let cluster = TestCluster::start();
    let out = esops().against(&cluster).args(["info"]).run().success();
    for field in ["cluster", "version", "health", "ilm", "DISK USED"] {
        assert!(out.stdout.contains(field), "missing {field}:\n{}", out.stdout);
    }
    // The node table's byte column is the index data on the node, not a count of indices.
    assert!(out.stdout.contains("INDEX DATA") && !out.stdout.contains("INDICES"), "{}", out.stdout);
    let json = esops().against(&cluster).args(["info", "-o", "json"]).run().success();
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("info -o json is JSON");
    assert_eq!(v["distribution"], "elasticsearch");
    assert!(v["nodes"].as_array().is_some_and(|n| !n.is_empty()), "{v}");
    assert!(v["health"]["status"].is_string());
    esops().against(&cluster).args(["info", "-o", "yaml"]).run().success().stdout_has("cluster_name:");
}

#[test]
fn unreachable_cluster_fails_fast_naming_the_url() {
    // Port 1 on loopback: nothing listens there.
    let started = Instant::now();
    esops()
        .args(["--url", "http://127.0.0.1:1", "--timeout", "5s", "info"])
        .run()
        .failure()
        .stderr_has("cannot connect to http://127.0.0.1:1")
        .stderr_has("connection refused")
        .stderr_has("hint: check that Elasticsearch is running");
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
}

#[test]
fn slow_cluster_times_out_with_the_timeout_named() {
    let cluster = TestCluster::sandbox(SandboxConfig::default());
    inject(&cluster, r#"{"path":"/_cluster/health","latency_ms":5000}"#);
    let started = Instant::now();
    esops().against(&cluster).args(["--timeout", "1s", "info"]).run().failure().stderr_has("timed out after 1s");
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
}

#[test]
fn rejected_credentials_explain_where_to_look() {
    let cluster = TestCluster::sandbox(SandboxConfig {
        users: vec![("elastic".into(), "right-password".into())],
        ..SandboxConfig::default()
    });
    esops()
        .against(&cluster)
        .args(["info"])
        .run()
        .failure()
        .stderr_has("401 Unauthorized: security_exception: missing authentication credentials")
        .stderr_has("hint: the cluster requires credentials and none were given");
    esops()
        .against(&cluster)
        .env("ESOPS_USERNAME", "elastic")
        .env("ESOPS_PASSWORD", "wrong-password")
        .args(["info"])
        .run()
        .failure()
        .stderr_has("unable to authenticate user [elastic]")
        .stderr_has("hint: the cluster did not accept the credentials");
    esops()
        .against(&cluster)
        .env("ESOPS_USERNAME", "elastic")
        .env("ESOPS_PASSWORD", "right-password")
        .args(["info"])
        .run()
        .success();
}

#[test]
fn api_key_in_both_forms_is_accepted() {
    let cluster = TestCluster::sandbox(SandboxConfig {
        api_keys: vec![("key-id".into(), "key-secret".into())],
        ..SandboxConfig::default()
    });
    esops().against(&cluster).args(["--api-key", "key-id:key-secret", "info"]).run().success();
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode("key-id:key-secret");
    esops().against(&cluster).env("ESOPS_API_KEY", &encoded).args(["info"]).run().success();
}

#[test]
fn forbidden_names_the_missing_privilege() {
    let cluster = TestCluster::sandbox(SandboxConfig::default());
    inject(
        &cluster,
        r#"{"path":"/_cluster/health","status":403,"count":1,"body":{"error":{"root_cause":[{"type":"security_exception","reason":"action [cluster:monitor/health] is unauthorized for user [viewer] with effective roles [none], this action is granted by the cluster privileges [monitor,manage,all]"}],"type":"security_exception","reason":"action [cluster:monitor/health] is unauthorized for user [viewer] with effective roles [none], this action is granted by the cluster privileges [monitor,manage,all]"},"status":403}}"#,
    );
    esops()
        .against(&cluster)
        .args(["info"])
        .run()
        .failure()
        .stderr_has("403 Forbidden: security_exception")
        .stderr_has("granted by the cluster privileges [monitor,manage,all]");
}

#[test]
fn too_many_requests_twice_then_success_is_retried() {
    let cluster = TestCluster::sandbox(SandboxConfig::default());
    inject(
        &cluster,
        r#"{"path":"/_cluster/health","status":429,"count":2,"body":{"error":{"root_cause":[{"type":"es_rejected_execution_exception","reason":"rejected execution"}],"type":"es_rejected_execution_exception","reason":"rejected execution"},"status":429}}"#,
    );
    let out = esops().against(&cluster).args(["-v", "info"]).run().success();
    let retries = out.stderr.lines().filter(|l| l.starts_with("retry ")).count();
    assert_eq!(retries, 2, "expected two retries logged:\n{}", out.stderr);
    assert!(out.stderr.contains("GET /_cluster/health -> 429"), "{}", out.stderr);
    assert!(out.stderr.contains("GET /_cluster/health -> 200"), "{}", out.stderr);
}

#[test]
fn retry_after_is_honoured() {
    let cluster = TestCluster::sandbox(SandboxConfig::default());
    inject(&cluster, r#"{"path":"/_cluster/health","status":503,"count":1,"headers":{"Retry-After":"1"}}"#);
    let started = Instant::now();
    let out = esops().against(&cluster).args(["-v", "info"]).run().success();
    assert!(started.elapsed() >= Duration::from_secs(1), "did not wait for Retry-After");
    assert!(out.stderr.contains("in 1000 ms"), "{}", out.stderr);
}

#[test]
fn unavailable_forever_gives_up_after_the_bound() {
    let cluster = TestCluster::sandbox(SandboxConfig::default());
    inject(&cluster, r#"{"path":"/_cluster/health","status":503}"#);
    esops()
        .against(&cluster)
        .args(["info"])
        .run()
        .failure()
        .stderr_has("gave up after 5 attempts")
        .stderr_has("503 Service Unavailable")
        .stderr_has("hint:");
}

#[test]
fn dropped_connection_is_retried_for_reads() {
    let cluster = TestCluster::sandbox(SandboxConfig::default());
    inject(&cluster, r#"{"path":"/_cluster/health","drop_connection":true,"count":1}"#);
    let out = esops().against(&cluster).args(["-v", "info"]).run().success();
    assert_eq!(out.stderr.lines().filter(|l| l.starts_with("retry ")).count(), 1, "{}", out.stderr);
}

#[test]
fn tls_with_an_unknown_ca_points_at_ca_cert() {
    let dir = tempfile::tempdir().unwrap();
    let ca_path = dir.path().join("ca.pem");
    let cluster = TestCluster::sandbox(SandboxConfig {
        tls: true,
        ca_cert_out: Some(ca_path.clone()),
        ..SandboxConfig::default()
    });
    assert!(cluster.url().starts_with("https://"));
    esops().against(&cluster).args(["info"]).run().failure().stderr_has("TLS").stderr_has("--ca-cert");
    esops().against(&cluster).args(["info", "--ca-cert"]).args([&ca_path]).run().success();
    esops().against(&cluster).env("ESOPS_CA_CERT", &ca_path).args(["info"]).run().success();
    esops()
        .against(&cluster)
        .args(["--insecure", "info"])
        .run()
        .success()
        .stderr_has("warning: TLS certificate verification is OFF");
}

#[test]
fn ca_cert_that_is_not_pem_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let bogus = write_file(dir.path(), "ca.pem", "not a certificate");
    esops()
        .args(["--url", "https://127.0.0.1:1", "--ca-cert"])
        .args([&bogus])
        .args(["info"])
        .run()
        .failure()
        .stderr_has("ca.pem");
}

/// A canary secret given through every channel never shows up in output, traces or errors.
#[test]
fn secrets_never_appear_in_output_traces_or_errors() {
    const CANARY: &str = "canary-Zx81-secret";
    let cluster = TestCluster::sandbox(SandboxConfig {
        users: vec![("elastic".into(), CANARY.into())],
        api_keys: vec![("kid".into(), CANARY.into())],
        ..SandboxConfig::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let password_file = write_file(dir.path(), "pw", CANARY);
    let config = write_file(
        dir.path(),
        "config.yaml",
        &format!(
            "current_context: file\ncontexts:\n  - name: file\n    url: {url}\n    user: elastic\n    password_file: {pw}\n  - name: inline\n    url: {url}\n    user: elastic\n    password: {CANARY}\n  - name: envref\n    url: {url}\n    api_key_env: MY_KEY\n",
            url = cluster.url(),
            pw = password_file.display()
        ),
    );
    let runs = [
        esops().against(&cluster).args(["-vv", "--user", "elastic", "--password", CANARY, "info"]),
        esops().against(&cluster).env("ESOPS_USERNAME", "elastic").env("ESOPS_PASSWORD", CANARY).args(["-vv", "info"]),
        esops().against(&cluster).env("ESOPS_API_KEY", format!("kid:{CANARY}")).args(["-vv", "info"]),
        esops().env("ESOPS_CONFIG", &config).args(["-vv", "info"]),
        esops().env("ESOPS_CONFIG", &config).args(["-vv", "--context", "inline", "info"]),
        esops().env("ESOPS_CONFIG", &config).env("MY_KEY", format!("kid:{CANARY}")).args([
            "-vv",
            "--context",
            "envref",
            "info",
        ]),
    ];
    for run in runs {
        run.run().success().nowhere(CANARY);
    }
    // Wrong secrets in error paths: the cluster refuses, the message must still not echo them.
    esops()
        .against(&cluster)
        .args(["-vv", "--user", "elastic", "--password", &format!("{CANARY}-wrong"), "info"])
        .run()
        .failure()
        .nowhere(CANARY);
    esops().against(&cluster).args(["-vv", "--bearer-token", CANARY, "info"]).run().failure().nowhere(CANARY);
    esops()
        .env("ESOPS_CONFIG", &config)
        .args(["--context", "file", "context", "show"])
        .run()
        .success()
        .nowhere(CANARY)
        .stdout_has("<redacted>");
}
