//! `esops sandbox` as a user runs it: serves until Ctrl-C, logs requests with -v, keeps its state.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// Starts `esops sandbox` on a free port and returns the child and its URL (read from stderr).
// The child is handed to the caller, which waits for it in `interrupt`.
#[allow(clippy::zombie_processes)]
fn start(args: &[&str]) -> (Child, String, BufReader<std::process::ChildStderr>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_esops"))
        .args(["sandbox", "--listen", "127.0.0.1:0"])
        .args(args)
        .env_clear()
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start esops sandbox");
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    loop {
        line.clear();
        if stderr.read_line(&mut line).unwrap_or(0) == 0 {
            let status = child.wait().expect("wait for esops sandbox");
            panic!("esops sandbox exited ({status}) before listening");
        }
        if let Some(at) = line.find("listening on ") {
            let url = line[at + "listening on ".len()..].trim().to_string();
            return (child, url, stderr);
        }
    }
}

/// Ctrl-C, then the rest of stderr and the exit code.
fn interrupt(mut child: Child, mut stderr: BufReader<std::process::ChildStderr>) -> (i32, String) {
    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    (child.wait().unwrap().code().unwrap_or(-1), rest)
}

fn esops(url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_esops")).env_clear().env("ESOPS_URL", url).args(args).output().unwrap()
}

#[test]
fn verbose_sandbox_logs_each_request_and_stops_on_ctrl_c() {
    let (child, url, stderr) = start(&["-v"]);
    let out = esops(&url, &["info"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (code, log) = interrupt(child, stderr);
    assert_eq!(code, 0, "{log}");
    assert!(log.contains("GET /_cluster/health -> 200"), "{log}");
}

#[test]
fn state_file_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("demo.json");
    let state_arg = state.to_str().unwrap();
    let (child, url, stderr) = start(&["--seed", "python-logs", "--days", "5", "--state", state_arg]);
    let before = esops(&url, &["info", "-o", "json"]);
    assert!(before.status.success());
    let (code, _) = interrupt(child, stderr);
    assert_eq!(code, 0);
    assert!(state.exists(), "state file not written on Ctrl-C");

    let (child, url, stderr) = start(&["--state", state_arg]);
    let (status, indices) = crate::common::raw_http(&url, "GET", "/_cat/indices/python-logs-*?h=index", None);
    let (code, _) = interrupt(child, stderr);
    assert_eq!(code, 0);
    assert_eq!(status, 200);
    assert_eq!(indices.lines().count(), 5, "seeded indices did not survive the restart:\n{indices}");
}

#[test]
fn refuses_to_listen_beyond_loopback() {
    let out = Command::new(env!("CARGO_BIN_EXE_esops"))
        .args(["sandbox", "--listen", "0.0.0.0:0"])
        .env_clear()
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("only listens on loopback"));
}

#[test]
fn a_mutual_tls_sandbox_behind_a_header_gateway_hands_out_what_clients_need() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let (child, url, mut stderr) = start(&[
        "--tls",
        "--ca-cert-out",
        &path("ca.pem"),
        "--require-client-cert",
        "--client-cert-out",
        &path("client.pem"),
        "--client-key-out",
        &path("client-key.pem"),
        "--require-header",
        "X-Tenant: acme",
    ]);
    // The lines after "listening on": the files are written by then.
    let mut fingerprint = None;
    let mut line = String::new();
    while !line.contains("press Ctrl-C to stop") {
        line.clear();
        assert!(stderr.read_line(&mut line).unwrap() > 0, "esops sandbox stopped early");
        if let Some(at) = line.find("HTTP CA certificate SHA-256 fingerprint: ") {
            fingerprint = Some(line[at + "HTTP CA certificate SHA-256 fingerprint: ".len()..].trim().to_string());
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path("client-key.pem")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the client key must be readable by its owner only");
    }
    let fingerprint = fingerprint.expect("the sandbox prints its CA fingerprint");
    let client = ["--client-cert", &path("client.pem"), "--client-key", &path("client-key.pem")];
    let out =
        esops(&url, &[&["info", "--ca-fingerprint", &fingerprint, "-H", "X-Tenant: acme"][..], &client[..]].concat());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = esops(&url, &[&["info", "--ca-cert", &path("ca.pem")][..], &client[..]].concat());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("missing header X-Tenant"), "{err}");
    let (code, _) = interrupt(child, stderr);
    assert_eq!(code, 0);
}

#[test]
fn node_settings_and_a_frozen_clock_from_the_command_line() {
    let (child, url, stderr) = start(&[
        "--frozen-clock",
        "--node-setting",
        "action.destructive_requires_name=false",
        "--node-setting",
        "node.attr.rack=r1",
    ]);
    let (_, settings) = crate::common::raw_http(&url, "GET", "/_cluster/settings?include_defaults&flat_settings", None);
    let settings: serde_json::Value = serde_json::from_str(&settings).unwrap();
    assert_eq!(settings["defaults"]["action.destructive_requires_name"], "false");
    assert_eq!(settings["defaults"]["node.attr.rack"], "r1");
    assert_eq!(settings["persistent"], serde_json::json!({}), "node settings are not cluster settings");
    let (_, clock) = crate::common::raw_http(&url, "GET", "/_sandbox/clock", None);
    assert!(clock.contains("\"frozen\":true"), "{clock}");
    let (code, log) = interrupt(child, stderr);
    assert_eq!(code, 0, "{log}");
    let bad =
        Command::new(env!("CARGO_BIN_EXE_esops")).args(["sandbox", "--node-setting", "novalue"]).output().unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("expected KEY=VALUE"));
}

#[test]
fn sandbox_says_what_it_did_security_state_and_seed() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("demo.json");
    let state_arg = state.to_str().unwrap();
    let (child, _, stderr) = start(&["--seed", "python-logs", "--days", "5", "--state", state_arg]);
    let (code, said) = interrupt(child, stderr);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("security off: no credentials needed"), "{said}");
    assert!(
        said.contains(&format!("state: {state_arg} does not exist yet; the cluster is saved there on exit")),
        "{said}"
    );
    assert!(said.contains("seeded 5 daily indices (python-logs-"), "{said}");
    assert!(said.contains("under ILM policy python-logs; in all "), "{said}");
    assert!(said.contains(&format!("state saved to {state_arg}")), "{said}");

    // Restarted on that state, with a seed and a user: the seed is not applied, and it says so.
    let (child, _, stderr) =
        start(&["--seed", "other", "--state", state_arg, "--user", "elastic:changeme", "--api-key", "k1:secret"]);
    let (code, said) = interrupt(child, stderr);
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("--seed other ignored:"), "{said}");
    assert!(said.contains("security on: user elastic (basic), API key k1; requests without them get 401"), "{said}");
    assert!(said.contains(&format!("state loaded from {state_arg}: ")) && said.contains("indices"), "{said}");
    assert!(!said.contains("seeded"), "{said}");
}

#[test]
fn the_opensearch_profile_names_its_release() {
    let (child, url, stderr) = start(&["--distribution", "opensearch", "--version", "3.0"]);
    let (status, body) = crate::common::raw_http(&url, "GET", "/", None);
    assert_eq!(status, 200);
    let root: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(root["version"]["distribution"], "opensearch");
    assert_eq!(root["version"]["number"], "3.0.0");
    assert_eq!(root["version"]["minimum_wire_compatibility_version"], "2.19.0");
    let (code, _) = interrupt(child, stderr);
    assert_eq!(code, 0);
    let out = Command::new(env!("CARGO_BIN_EXE_esops"))
        .args(["sandbox", "--distribution", "opensearch", "--version", "1.3"])
        .env_clear()
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unsupported OpenSearch version [1.3]"));
}
