//! The fault-injection suite: esops against servers that answer badly (a small hostile server,
//! [`common::hostile`]) and against the sandbox's faults. Every case asserts the exact outcome:
//! no false success, no wait past the timeouts, no secret printed. The book's "Reliability" page (docs/src/reliability.md)
//! section gives the figures.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::common::hostile::{Hostile, Reply, Seen, store_pipeline};
use crate::common::{Outcome, TestCluster, esops, write_file};

const TREE: &str = "kind: ingest_pipeline\nname: p\ndescription: declared\nprocessors: []\n";

/// A one-file tree declaring pipeline `p`.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_file(dir.path(), "p.yaml", TREE);
    dir
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs esops against `url` with `args`, timing it.
fn timed(url: &str, args: &[&str]) -> (Outcome, Duration) {
    let started = Instant::now();
    let out = esops().env("ESOPS_URL", url).args(args).run();
    let took = started.elapsed();
    // Shown with --nocapture: the reliability page's figures come from these lines.
    eprintln!("timed: esops {} -> exit {} in {took:.1?}", args.join(" "), out.code);
    (out, took)
}

fn apply(server: &Hostile, dir: &Path) -> Outcome {
    timed(&server.url, &["apply", "--yes", "--timeout", "2s", path(dir)]).0
}

/// A scripted case: its name (or the path it faults), the reply, and the message it must give.
type Case = (&'static str, fn() -> Reply, &'static str);

fn is_pipeline_put(s: &Seen) -> bool {
    s.method == "PUT" && s.path() == "/_ingest/pipeline/p"
}

fn never_complete(out: Outcome) -> Outcome {
    assert!(!out.stderr.contains("Apply complete"), "false success:\n{}", out.stderr);
    out.failure()
}

// --- writes count only when Elasticsearch's success shape says so -------------------------------

#[test]
fn a_write_answered_with_anything_but_acknowledged_true_is_not_applied() {
    let cases: [Case; 5] = [
        (
            "empty 200",
            || Reply::raw(200, "application/json", ""),
            "expected {\"acknowledged\": true}, got an empty body",
        ),
        (
            "html 200",
            || Reply::raw(200, "text/html", "<html><body>Sign in</body></html>"),
            "expected {\"acknowledged\": true}, got \"<html><body>Sign in</body></html>\"",
        ),
        ("text 200", || Reply::raw(200, "text/plain", "OK"), "expected {\"acknowledged\": true}, got \"OK\""),
        (
            "other json",
            || Reply::json(200, json!({"ok": true})),
            "expected {\"acknowledged\": true}, got \"{\\\"ok\\\":true}\"",
        ),
        ("ack false", || Reply::json(200, json!({"acknowledged": false})), "the cluster answered acknowledged: false"),
    ];
    for (case, reply, message) in cases {
        let server = Hostile::start(move |seen, _| if is_pipeline_put(seen) { reply() } else { Reply::Cluster });
        let dir = tree();
        let out = never_complete(apply(&server, dir.path()));
        assert!(
            out.stdout.contains("Applied 0 of 1 change:\nFailed:\n  + ingest_pipeline/p"),
            "{case}: {}",
            out.stdout
        );
        assert!(out.stdout.contains(message), "{case}: {}", out.stdout);
        assert!(out.stderr.contains("applying ingest_pipeline/p failed"), "{case}: {}", out.stderr);
        assert_eq!(server.pipeline("p"), None, "{case}");
    }
}

#[test]
fn a_redirect_is_never_followed_and_never_turns_a_write_into_a_get() {
    for status in [301, 302, 303, 307, 308] {
        let server = Hostile::start(move |seen, _| match (seen.method.as_str(), seen.path()) {
            ("PUT", "/_ingest/pipeline/p") => {
                Reply::Send { status, headers: vec![("Location".into(), "/login?next=/".into())], body: Vec::new() }
            }
            ("GET", "/login") => Reply::json(200, json!({"acknowledged": true})),
            _ => Reply::Cluster,
        });
        let dir = tree();
        let out = never_complete(apply(&server, dir.path()));
        assert!(
            out.stdout.contains(&format!("PUT /_ingest/pipeline/p answered {status} ")),
            "{status}: {}",
            out.stdout
        );
        assert!(out.stdout.contains("redirect to /login?next=/"), "{status}: {}", out.stdout);
        assert!(out.stderr.contains("esops never follows redirects"), "{status}: {}", out.stderr);
        assert!(!server.seen().iter().any(|s| s.contains("/login")), "{status}: followed: {:?}", server.seen());
    }
}

#[test]
fn acknowledged_false_with_the_change_stored_is_reported_unknown_with_what_to_check() {
    let server = Hostile::start(|seen, st| {
        if is_pipeline_put(seen) {
            store_pipeline(seen, st);
            return Reply::json(200, json!({"acknowledged": false}));
        }
        Reply::Cluster
    });
    let dir = tree();
    let out = never_complete(apply(&server, dir.path()))
        .stdout_has("Applied 0 of 1 change:\nOutcome unknown:\n  + ingest_pipeline/p  PUT /_ingest/pipeline/p: the cluster answered acknowledged: false")
        .stdout_has("check `GET _cluster/health` and `GET _cluster/pending_tasks`, then run `esops plan`");
    assert!(out.stderr.contains("the outcome of 1 change(s) is unknown"), "{}", out.stderr);
}

#[test]
fn a_5xx_after_the_work_is_settled_by_the_read_back() {
    let server = Hostile::start(|seen, st| {
        if is_pipeline_put(seen) {
            store_pipeline(seen, st);
            return Reply::json(500, json!({"error": {"type": "exception", "reason": "node left"}, "status": 500}));
        }
        Reply::Cluster
    });
    let dir = tree();
    apply(&server, dir.path())
        .success()
        .stdout_has("Applied 1 of 1 change:\n  + ingest_pipeline/p  (the answer was lost (PUT /_ingest/pipeline/p answered 500 Internal Server Error: exception: node left); the read-back shows it in place)")
        .stderr_has("Apply complete (read back: the cluster holds the plan).");
}

#[test]
fn a_dropped_connection_after_the_work_is_settled_by_the_read_back() {
    let server = Hostile::start(|seen, st| {
        if is_pipeline_put(seen) {
            store_pipeline(seen, st);
            return Reply::Drop;
        }
        Reply::Cluster
    });
    let dir = tree();
    apply(&server, dir.path())
        .success()
        .stdout_has("(the answer was lost (gave up after 5 attempts")
        .stdout_has("the read-back shows it in place)")
        .stderr_has("Apply complete");
}

#[test]
fn a_dropped_connection_without_the_work_is_a_failure() {
    let server = Hostile::start(|seen, _| if is_pipeline_put(seen) { Reply::Drop } else { Reply::Cluster });
    let dir = tree();
    never_complete(apply(&server, dir.path()))
        .stdout_has("Failed:\n  + ingest_pipeline/p  gave up after 5 attempts")
        .stderr_has("applying ingest_pipeline/p failed");
}

#[test]
fn a_lost_answer_with_a_failing_read_back_is_unknown() {
    // The write's connection drops, and the pipeline listing fails once a write was seen.
    let server = Hostile::start(|seen, st| {
        let wrote = st.seen.iter().any(|s| s.method == "PUT");
        match (seen.method.as_str(), seen.path()) {
            ("PUT", _) => Reply::Drop,
            ("GET", p) if wrote && p.starts_with("/_ingest/pipeline") => {
                Reply::raw(502, "text/html", "<html>bad gateway</html>")
            }
            _ => Reply::Cluster,
        }
    });
    let dir = tree();
    let out = never_complete(timed(&server.url, &["apply", "--yes", "--timeout", "2s", path(dir.path())]).0)
        .stdout_has("Outcome unknown:\n  + ingest_pipeline/p  no clear answer (gave up after 5 attempts")
        .stdout_has("but reading it back failed (");
    assert!(out.stdout.contains("run `esops plan` to see whether it is in place"), "{}", out.stdout);
}

// --- every wait is bounded ----------------------------------------------------------------------

#[test]
fn a_body_that_drips_is_cut_off_at_the_timeout() {
    let server = Hostile::start(|seen, _| {
        if seen.path().starts_with("/_ilm/policy") {
            Reply::Drip { every: Duration::from_millis(200) }
        } else {
            Reply::Cluster
        }
    });
    let dir = tree();
    let (out, took) = timed(&server.url, &["plan", "--timeout", "2s", path(dir.path())]);
    out.failure().stderr_has("GET /_ilm/policy/* to http://").stderr_has("timed out after 2s");
    assert!(took < Duration::from_secs(8), "took {took:?}");
}

#[test]
fn a_write_that_never_answers_is_cut_off_at_the_timeout() {
    let server = Hostile::start(|seen, _| if is_pipeline_put(seen) { Reply::Hang } else { Reply::Cluster });
    let dir = tree();
    let started = Instant::now();
    never_complete(apply(&server, dir.path()))
        .stdout_has("Failed:\n  + ingest_pipeline/p  PUT /_ingest/pipeline/p to http://")
        .stdout_has("timed out after 2s");
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
}

#[test]
fn an_endless_body_stops_at_the_size_limit() {
    let server = Hostile::start(|seen, _| if seen.path() == "/" { Reply::Endless } else { Reply::Cluster });
    let dir = tree();
    let (out, took) = timed(&server.url, &["plan", "--timeout", "60s", path(dir.path())]);
    out.failure()
        .stderr_has("the answer to GET / is larger than 128 MiB; esops stopped reading it")
        .stderr_has("check that --url points at the cluster");
    assert!(took < Duration::from_secs(30), "took {took:?}");
}

#[test]
fn a_server_that_keeps_answering_503_gets_a_bounded_number_of_retries() {
    let server = Hostile::start(|seen, _| {
        if seen.path().starts_with("/_ilm/policy") {
            Reply::Send { status: 503, headers: vec![("Retry-After".into(), "1".into())], body: Vec::new() }
        } else {
            Reply::Cluster
        }
    });
    let dir = tree();
    let (out, took) = timed(&server.url, &["plan", "--timeout", "10s", path(dir.path())]);
    // Four waits of Retry-After's second: "over 4s", or a little more on a loaded machine.
    out.failure()
        .stderr_has("gave up after 5 attempts over 4s")
        .stderr_has("GET /_ilm/policy/* answered 503 Service Unavailable");
    assert!(took < Duration::from_secs(8), "took {took:?}");
    let tries = server.seen().iter().filter(|s| s.starts_with("GET /_ilm/policy")).count();
    assert_eq!(tries, 5);
}

#[test]
fn the_deadline_bounds_the_whole_run() {
    let server =
        Hostile::start(|seen, _| if seen.path().starts_with("/_ilm/policy") { Reply::Hang } else { Reply::Cluster });
    let dir = tree();
    let (out, took) = timed(&server.url, &["plan", "--timeout", "60s", "--deadline", "2s", path(dir.path())]);
    out.failure()
        .stderr_has("GET /_ilm/policy/* was cut off: the run reached its --deadline")
        .stderr_has("raise --deadline");
    assert!(took < Duration::from_secs(6), "took {took:?}");
}

// --- reads of the wrong shape are errors, not empty clusters -----------------------------------

#[test]
fn export_fails_against_answers_of_the_wrong_shape() {
    let cases: [Case; 3] = [
        (
            "/_ilm/policy",
            || Reply::raw(200, "text/html", "<html>portal</html>"),
            "unexpected answer to GET /_ilm/policy/*",
        ),
        (
            "/_index_template",
            || Reply::json(200, json!({})),
            "not a listing of index_templates: no \"index_templates\" array",
        ),
        (
            "/_ingest/pipeline",
            || Reply::json(200, json!({"status": "green"})),
            "entry \"status\" is a string, not a pipeline object",
        ),
    ];
    for (prefix, reply, message) in cases {
        let server =
            Hostile::start(move |seen, _| if seen.path().starts_with(prefix) { reply() } else { Reply::Cluster });
        let out = timed(&server.url, &["export"]).0.failure();
        assert!(out.stderr.contains(message), "{prefix}: {}", out.stderr);
        assert!(!out.stderr.contains("Exported"), "{prefix}: {}", out.stderr);
    }
}

// --- secrets are never printed, whatever the server echoes -------------------------------------

#[test]
fn secrets_echoed_by_the_server_are_never_printed() {
    let password = "s3cr3t p@ss/+word";
    let echo = |seen: &Seen, _: &mut _| {
        let auth = seen.headers.get("authorization").cloned().unwrap_or_default();
        let token = auth.split_once(' ').map(|(_, t)| t.to_string()).unwrap_or_default();
        let decoded = base64_decode(&token);
        let url_encoded: String = decoded.bytes().map(|b| format!("%{b:02X}")).collect();
        let text = format!("denied: header [{auth}] token [{token}] decoded [{decoded}] url [{url_encoded}]");
        if seen.path() == "/" {
            Reply::json(
                401,
                json!({"error": {"type": "security_exception", "reason": text, "header": {"Authorization": auth}}, "status": 401}),
            )
        } else {
            Reply::Cluster
        }
    };
    let server = Hostile::start(echo);
    let dir = tree();
    let basic = esops()
        .env("ESOPS_URL", &server.url)
        .env("ESOPS_USERNAME", "elastic")
        .env("ESOPS_PASSWORD", password)
        .args(["plan", "-vv", path(dir.path())])
        .run()
        .failure()
        .stderr_has("answered 401 Unauthorized")
        .nowhere(password)
        .nowhere(&base64_encode(&format!("elastic:{password}")))
        .nowhere("s3cr3t%20p%40ss%2F%2Bword")
        .nowhere("s3cr3t");
    assert!(basic.stderr.contains("<redacted>"), "{}", basic.stderr);

    let encoded = base64_encode("key-id-1:the-api-key-value");
    esops()
        .env("ESOPS_URL", &server.url)
        .env("ESOPS_API_KEY", &encoded)
        .args(["plan", "-vv", path(dir.path())])
        .run()
        .failure()
        .stderr_has("answered 401 Unauthorized")
        .nowhere(&encoded)
        .nowhere("the-api-key-value")
        .nowhere("key-id-1:the-api-key-value");
}

#[test]
fn a_secret_echoed_in_data_esops_prints_is_blanked_too() {
    let password = "s3cr3t p@ss/+word";
    // A cluster whose name is the password it was sent: printed in the target line.
    let server = Hostile::start(|seen, _| {
        let auth = seen.headers.get("authorization").cloned().unwrap_or_default();
        let decoded = base64_decode(auth.split_once(' ').map(|(_, t)| t).unwrap_or(""));
        let password = decoded.split_once(':').map(|(_, p)| p.to_string()).unwrap_or_default();
        if seen.path() == "/" {
            Reply::json(
                200,
                json!({"name": "n", "cluster_name": password, "cluster_uuid": "u", "version": {"number": "8.15.0"}}),
            )
        } else {
            Reply::Cluster
        }
    });
    let dir = tree();
    esops()
        .env("ESOPS_URL", &server.url)
        .env("ESOPS_USERNAME", "elastic")
        .env("ESOPS_PASSWORD", password)
        .args(["plan", path(dir.path())])
        .run()
        .success()
        .stderr_has("(cluster <redacted>, version 8.15.0)")
        .nowhere(password);
}

fn base64_encode(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(text)
}

fn base64_decode(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}

// --- concurrent runs ---------------------------------------------------------------------------

/// Requests of `route` the sandbox has received so far.
fn received(cluster: &TestCluster, route: &str) -> u64 {
    let (_, body) = cluster.raw("GET", "/_sandbox/requests", None);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    v["by_route"][route].as_u64().unwrap_or(0)
}

/// Waits until the sandbox has received `n` requests of `route` (a faulted one is counted when it
/// arrives, before its delay).
fn wait_for(cluster: &TestCluster, route: &str, n: u64) {
    let started = Instant::now();
    while received(cluster, route) < n {
        assert!(started.elapsed() < Duration::from_secs(30), "{route} never reached {n}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

const PIPELINE_LISTING: &str = "GET /_ingest/pipeline/{id}";

/// Runs `apply` of [`TREE`] while the `nth` (1-based) pipeline listing it sends is held for 3 s,
/// during which another writer puts its own pipeline `p`.
fn apply_racing_a_writer_at_listing(nth: u64) -> Outcome {
    let cluster = TestCluster::sandbox(Default::default());
    let dir = tree();
    let fault =
        format!(r#"{{"method":"GET","path":"/_ingest/pipeline","skip":{},"count":1,"latency_ms":3000}}"#, nth - 1);
    assert_eq!(cluster.raw("POST", "/_sandbox/faults", Some(&fault)).0, 200);
    let run = esops().against(&cluster).args(["apply", "--yes", path(dir.path())]).spawn();
    wait_for(&cluster, PIPELINE_LISTING, nth);
    cluster.request("PUT", "/_ingest/pipeline/p", Some(json!({"description": "someone else's", "processors": []})));
    let out = run.wait();
    assert_eq!(cluster.request("GET", "/_ingest/pipeline/p", None)["p"]["description"], "someone else's");
    out
}

#[test]
fn apply_refuses_when_the_cluster_changed_since_its_plan() {
    // The plan reads the pipelines once; the re-read right before writing is the second.
    never_complete(apply_racing_a_writer_at_listing(2)).stderr_has(
        "not applying: the cluster changed since the plan was made (ingest_pipeline/p created since the plan); nothing was changed",
    );
}

#[test]
fn a_change_overwritten_before_the_read_back_is_not_reported_applied() {
    // Plan read, pre-write re-read, then the read-back, held while the other writer overwrites.
    never_complete(apply_racing_a_writer_at_listing(3))
        .stdout_has(
            "Outcome unknown:\n  + ingest_pipeline/p  acknowledged, but the read-back shows a different description",
        )
        .stderr_has("the outcome of 1 change(s) is unknown");
}

#[test]
fn two_concurrent_applies_of_conflicting_trees_never_both_claim_a_create() {
    for round in 0..5 {
        let cluster = TestCluster::sandbox(Default::default());
        let trees: Vec<tempfile::TempDir> = ["a", "b"]
            .iter()
            .map(|who| {
                let dir = tempfile::tempdir().unwrap();
                let doc = format!(
                    "kind: index_template\nname: shared-{round}\nindex_patterns: [\"shared-{round}-*\"]\npriority: 7\n\
                     template: {{settings: {{number_of_replicas: 0}}}}\n_meta: {{writer: {who}}}\n"
                );
                write_file(dir.path(), "t.yaml", &doc);
                dir
            })
            .collect();
        let runs: Vec<_> =
            trees.iter().map(|t| esops().against(&cluster).args(["apply", "--yes", path(t.path())]).spawn()).collect();
        let outcomes: Vec<Outcome> = runs.into_iter().map(|r| r.wait()).collect();
        let winners: Vec<usize> = (0..2).filter(|&i| outcomes[i].code == 0).collect();
        assert!(!winners.is_empty(), "round {round}: neither succeeded: {outcomes:?}");
        let stored = cluster.request("GET", &format!("/_index_template/shared-{round}"), None);
        let holder = stored["index_templates"][0]["index_template"]["_meta"]["writer"].as_str().unwrap().to_string();
        let creators: Vec<usize> =
            winners.iter().copied().filter(|&i| outcomes[i].stdout.contains("+ index_template/")).collect();
        assert_eq!(creators.len(), 1, "round {round}: not exactly one run created the template: {outcomes:?}");
        // The run whose state the cluster holds: the only winner, or the one that updated what the
        // other had created (both may succeed only one after the other).
        let last = if winners.len() == 1 {
            winners[0]
        } else {
            let updater = winners.iter().copied().find(|i| !creators.contains(i)).unwrap();
            assert!(outcomes[updater].stdout.contains("~ index_template/"), "round {round}: {outcomes:?}");
            updater
        };
        assert_eq!(holder, ["a", "b"][last], "round {round}: the cluster holds another run's state: {outcomes:?}");
        for i in (0..2).filter(|i| !winners.contains(i)) {
            assert!(!outcomes[i].stderr.contains("Apply complete"), "round {round}: {outcomes:?}");
        }
    }
}

// --- Ctrl-C during apply -----------------------------------------------------------------------

#[test]
fn ctrl_c_during_apply_says_what_was_applied_and_what_was_not() {
    let cluster = TestCluster::sandbox(Default::default());
    let dir = tempfile::tempdir().unwrap();
    let docs: Vec<String> =
        ["p1", "p2", "p3"].iter().map(|n| format!("kind: ingest_pipeline\nname: {n}\nprocessors: []\n")).collect();
    write_file(dir.path(), "p.yaml", &docs.join("---\n"));
    // The first write is held long enough to interrupt the run during it.
    let fault = r#"{"method":"PUT","path":"/_ingest/pipeline/p1","count":1,"latency_ms":1500}"#;
    assert_eq!(cluster.raw("POST", "/_sandbox/faults", Some(fault)).0, 200);
    let run = esops().against(&cluster).args(["apply", "--yes", path(dir.path())]).spawn();
    wait_for(&cluster, "PUT /_ingest/pipeline/{id}", 1);
    let status = std::process::Command::new("kill").args(["-INT", &run.id().to_string()]).status().unwrap();
    assert!(status.success());
    never_complete(run.wait())
        .stdout_has("Applied 1 of 3 changes:\n  + ingest_pipeline/p1\nNot applied:\n  + ingest_pipeline/p2\n  + ingest_pipeline/p3\n")
        .stderr_has("interrupted: stopping after the request under way")
        .stderr_has("interrupted: 1 change(s) applied and confirmed, 2 not sent; re-run apply to finish");
    assert_eq!(cluster.raw("GET", "/_ingest/pipeline/p2", None).0, 404);
}

// --- reading the tree --------------------------------------------------------------------------

const LIMIT: Duration = Duration::from_secs(30);

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[test]
fn a_fifo_in_the_tree_is_an_error_for_every_command_that_reads_it() {
    let cluster = TestCluster::sandbox(Default::default());
    let dir = tree();
    let fifo = dir.path().join("pipe.yaml");
    mkfifo(&fifo);
    let message = format!("{}: is a FIFO (named pipe); esops reads only regular files", fifo.display());
    for args in [vec!["validate"], vec!["plan"], vec!["apply", "--yes"], vec!["pipeline", "test"]] {
        let mut all = args.clone();
        all.push(path(dir.path()));
        let out = esops().against(&cluster).args(&all).spawn().wait_within(LIMIT).failure();
        assert!(out.stderr.contains(&message), "{args:?}: {}", out.stderr);
    }
    // Named directly, too.
    esops().args(["validate", path(&fifo)]).spawn().wait_within(LIMIT).failure().stderr_has(&message);
}

#[test]
fn a_pipeline_case_that_is_a_fifo_is_an_error_not_a_wait() {
    let cluster = TestCluster::sandbox(Default::default());
    let dir = tree();
    let cases = dir.path().join("tests/p");
    std::fs::create_dir_all(&cases).unwrap();
    let fifo = cases.join("one.input.ndjson");
    mkfifo(&fifo);
    esops()
        .against(&cluster)
        .args(["pipeline", "test", path(dir.path())])
        .spawn()
        .wait_within(LIMIT)
        .failure()
        .stderr_has(&format!("{}: is a FIFO (named pipe)", fifo.display()));
}

#[test]
fn a_dangling_yaml_link_is_an_error_so_prune_cannot_delete_what_it_declared() {
    let cluster = TestCluster::sandbox(Default::default());
    let dir = tree();
    let link = dir.path().join("moved.yaml");
    std::os::unix::fs::symlink(dir.path().join("elsewhere/q.yaml"), &link).unwrap();
    let message = format!("{}: is a dangling symbolic link (its target does not exist)", link.display());
    esops()
        .against(&cluster)
        .args(["apply", "--prune", "--yes", path(dir.path())])
        .run()
        .failure()
        .stderr_has(&message);
    let looping = dir.path().join("loop.yml");
    std::os::unix::fs::symlink(&looping, &looping).unwrap();
    std::fs::remove_file(&link).unwrap();
    esops()
        .args(["validate", path(dir.path())])
        .run()
        .failure()
        .stderr_has(&format!("{}: is a symbolic link that loops", looping.display()));
}

#[test]
fn devices_and_oversized_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let zero = dir.path().join("zero.yaml");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    esops()
        .args(["validate", path(dir.path())])
        .spawn()
        .wait_within(LIMIT)
        .failure()
        .stderr_has(&format!("{}: is a character device; esops reads only regular files", zero.display()));
    std::fs::remove_file(&zero).unwrap();
    let big = dir.path().join("big.yaml");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(17 * 1024 * 1024).unwrap();
    esops().args(["validate", path(dir.path())]).run().failure().stderr_has(&format!(
        "{}: larger than 16 MiB, the most esops reads from one file; split it into several files",
        big.display()
    ));
}

#[test]
fn non_utf8_is_reported_with_file_line_and_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latin1.yaml");
    std::fs::write(&file, b"kind: ingest_pipeline\nname: caf\xe9\nprocessors: []\n").unwrap();
    esops()
        .args(["validate", path(dir.path())])
        .run()
        .failure()
        .stderr_has(&format!("{}:2:10: not UTF-8 (byte offset 31, byte 0xe9); save the file as UTF-8", file.display()));
}

#[test]
fn duplicate_keys_of_different_types_are_refused_at_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(
        dir.path(),
        "dup.yaml",
        "kind: ingest_pipeline\nname: d\nprocessors: []\n_meta:\n  1: one\n  \"1\": two\n",
    );
    let out = esops().args(["validate", path(dir.path())]).run().failure();
    assert!(out.stderr.contains(&format!("{}:", file.display())), "{}", out.stderr);
    assert!(
        out.stderr.contains("duplicate mapping key \"1\" at line 6, column 3 (first at line 5, column 3)"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_export_of_more_than_1024_resources_reads_back() {
    let cluster = TestCluster::sandbox(Default::default());
    for i in 0..1100 {
        cluster.request("PUT", &format!("/_ingest/pipeline/many-{i:04}"), Some(json!({"processors": []})));
    }
    let out = esops().against(&cluster).args(["export", "--kind", "ingest_pipeline"]).run().success();
    let dir = tempfile::tempdir().unwrap();
    write_file(dir.path(), "all.yaml", &out.stdout);
    esops().args(["validate", path(dir.path())]).run().success();
}

// --- ownership names the tree ------------------------------------------------------------------

fn owned_tree(owner: &str, pipelines: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut docs = vec![format!("kind: esops\nowner: {owner}\n")];
    docs.extend(pipelines.iter().map(|n| format!("kind: ingest_pipeline\nname: {n}\nprocessors: []\n")));
    write_file(dir.path(), "tree.yaml", &docs.join("---\n"));
    dir
}

#[test]
fn prune_of_one_tree_never_deletes_what_another_tree_applied() {
    let cluster = TestCluster::sandbox(Default::default());
    let a = owned_tree("team-a", &["a-logs"]);
    esops().against(&cluster).args(["apply", "--yes", path(a.path())]).run().success();
    assert_eq!(cluster.request("GET", "/_ingest/pipeline/a-logs", None)["a-logs"]["_meta"]["esops_owner"], "team-a");
    let b = owned_tree("team-b", &["b-logs"]);
    esops().against(&cluster).args(["apply", "--prune", "--yes", path(b.path())]).run().success();
    assert_eq!(cluster.raw("GET", "/_ingest/pipeline/a-logs", None).0, 200, "team-b's prune deleted team-a's pipeline");
    // Team a's own prune still works on its own resources.
    let a2 = owned_tree("team-a", &[]);
    write_file(a2.path(), "other.yaml", "kind: ingest_pipeline\nname: a-new\nprocessors: []\n");
    esops()
        .against(&cluster)
        .args(["apply", "--prune", "--yes", path(a2.path())])
        .run()
        .success()
        .stdout_has("- ingest_pipeline/a-logs");
    assert_eq!(cluster.raw("GET", "/_ingest/pipeline/b-logs", None).0, 200);
}

#[test]
fn a_tree_cannot_take_over_another_trees_resource() {
    let cluster = TestCluster::sandbox(Default::default());
    let a = owned_tree("team-a", &["shared"]);
    esops().against(&cluster).args(["apply", "--yes", path(a.path())]).run().success();
    let b = owned_tree("team-b", &["shared"]);
    let message = "1 declared resource(s) belong to another tree on this cluster: ingest_pipeline/shared (owner team-a); nothing was changed";
    esops().against(&cluster).args(["plan", path(b.path())]).run().failure().stderr_has(message);
    never_complete(esops().against(&cluster).args(["apply", "--yes", path(b.path())]).run()).stderr_has(message);
    assert_eq!(cluster.request("GET", "/_ingest/pipeline/shared", None)["shared"]["_meta"]["esops_owner"], "team-a");
}

// --- saved plans -------------------------------------------------------------------------------

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_saved_plan_is_carried_out_exactly_and_only_while_the_cluster_matches_it() {
    let cluster = TestCluster::sandbox(Default::default());
    let dir = tree();
    let saved = dir.path().join("reviewed.plan.json");
    esops()
        .against(&cluster)
        .args(["plan", "--out", path(&saved), path(dir.path())])
        .run()
        .success()
        .stderr_has(&format!("Saved the plan to {}", saved.display()));
    assert_eq!(mode(&saved), 0o600);
    // The tree changes after review: apply FILE still carries out the reviewed plan.
    write_file(dir.path(), "p.yaml", &TREE.replace("declared", "edited after review"));
    esops()
        .against(&cluster)
        .args(["apply", "--yes", path(&saved)])
        .run()
        .success()
        .stderr_has(&format!("carrying out the plan saved in {}", saved.display()))
        .stderr_has("Apply complete");
    assert_eq!(cluster.request("GET", "/_ingest/pipeline/p", None)["p"]["description"], "declared");

    // A second run of the same saved plan finds the cluster changed (by the first): refused.
    never_complete(esops().against(&cluster).args(["apply", "--yes", path(&saved)]).run()).stderr_has(&format!(
        "not applying: the cluster no longer matches the plan saved in {} (ingest_pipeline/p created since the plan); nothing was changed",
        saved.display()
    ));
    // Another cluster (the hostile server plays one with its own uuid): refused, nothing sent.
    let other = Hostile::start(|_, _| Reply::Cluster);
    never_complete(timed(&other.url, &["apply", "--yes", path(&saved)]).0).stderr_has(&format!(
        "not applying: {} was made for cluster esops-sandbox (c2FuZGJveC1jbHVzdGVy), not {} (cluster hostile, version 8.15.0); nothing was changed",
        saved.display(),
        other.url
    ));
    assert_eq!(other.seen(), ["GET /"]);
}

#[test]
fn files_esops_writes_with_cluster_data_are_private() {
    let cluster = TestCluster::sandbox(Default::default());
    cluster.request("PUT", "/_ingest/pipeline/p", Some(json!({"processors": []})));
    let out = tempfile::tempdir().unwrap();
    esops().against(&cluster).args(["export", "--out", path(out.path())]).run().success();
    let file = out.path().join("ingest_pipeline/p.yaml");
    assert!(file.exists(), "{:?}", std::fs::read_dir(out.path()).unwrap().collect::<Vec<_>>());
    assert_eq!(mode(&file), 0o600);
}

#[test]
fn the_sandbox_state_file_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let config = es_sandbox::SandboxConfig { state_file: Some(state.clone()), ..Default::default() };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let sandbox = es_sandbox::RunningSandbox::start(config).await.unwrap();
        sandbox.shutdown().await.unwrap();
    });
    assert_eq!(mode(&state), 0o600);
}

// --- the sandbox finishes what its client gave up on ---------------------------------------------

#[test]
fn a_write_whose_answer_comes_after_the_timeout_is_found_in_place() {
    let cluster = TestCluster::sandbox(Default::default());
    let dir = tree();
    // The sandbox carries the PUT out, then answers after 3 s; esops gives up after 1 s.
    let fault = r#"{"method":"PUT","path":"/_ingest/pipeline/p","count":1,"after_work":true,"latency_ms":3000}"#;
    assert_eq!(cluster.raw("POST", "/_sandbox/faults", Some(fault)).0, 200);
    esops()
        .against(&cluster)
        .args(["apply", "--yes", "--timeout", "1s", path(dir.path())])
        .run()
        .success()
        .stdout_has("  + ingest_pipeline/p  (the answer was lost (PUT /_ingest/pipeline/p to ")
        .stdout_has("timed out after 1s); the read-back shows it in place)")
        .stderr_has("Apply complete");
}

#[test]
fn a_write_whose_answer_is_dropped_is_found_in_place() {
    let cluster = TestCluster::sandbox(Default::default());
    let dir = tree();
    let fault = r#"{"method":"PUT","path":"/_ingest/pipeline/p","after_work":true,"drop_connection":true}"#;
    assert_eq!(cluster.raw("POST", "/_sandbox/faults", Some(fault)).0, 200);
    esops()
        .against(&cluster)
        .args(["apply", "--yes", path(dir.path())])
        .run()
        .success()
        .stdout_has("(the answer was lost (gave up after 5 attempts")
        .stdout_has("the read-back shows it in place)");
    assert_eq!(received(&cluster, "PUT /_ingest/pipeline/{id}"), 5);
}

#[test]
fn a_deadline_during_apply_says_what_was_done_and_what_was_left() {
    let cluster = TestCluster::sandbox(Default::default());
    let dir = tempfile::tempdir().unwrap();
    let docs: Vec<String> =
        ["p1", "p2"].iter().map(|n| format!("kind: ingest_pipeline\nname: {n}\nprocessors: []\n")).collect();
    write_file(dir.path(), "p.yaml", &docs.join("---\n"));
    let fault = r#"{"method":"PUT","path":"/_ingest/pipeline/p1","count":1,"latency_ms":4000}"#;
    assert_eq!(cluster.raw("POST", "/_sandbox/faults", Some(fault)).0, 200);
    let started = Instant::now();
    let out = never_complete(esops().against(&cluster).args(["apply", "--yes", "--deadline", "1500ms", path(dir.path())]).run())
        .stdout_has("Outcome unknown:\n  + ingest_pipeline/p1  no clear answer (PUT /_ingest/pipeline/p1 was cut off: the run reached its --deadline), but reading it back failed (GET /_ingest/pipeline/* was not sent: the run reached its --deadline)")
        .stdout_has("Not applied:\n  + ingest_pipeline/p2\n")
        .stderr_has("interrupted: 0 change(s) applied and confirmed, 1 not sent, 1 with an unknown outcome (listed above)");
    assert!(started.elapsed() < Duration::from_secs(4), "took {:?}: {out:?}", started.elapsed());
    // The sandbox finished the write its client gave up on.
    std::thread::sleep(Duration::from_millis(3000));
    assert_eq!(cluster.raw("GET", "/_ingest/pipeline/p1", None).0, 200);
}
