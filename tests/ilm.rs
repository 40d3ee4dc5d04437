//! `esops ilm explain` and `esops ilm retry` end to end: an index stuck in ERROR (a rollover
//! policy on an index without `index.lifecycle.rollover_alias`), a healthy one and an unmanaged
//! one, under a unique prefix.
//!
//! Runs against the sandbox, whose virtual clock runs ILM when moved, or against a real cluster
//! with `ESOPS_TEST_URL`. There ILM moves by itself at every `indices.lifecycle.poll_interval`
//! (10m by default: set it to `1s` on a test cluster), and retries the rollover check by itself,
//! so an index stuck on it goes in and out of ERROR: every check that depends on ILM's timing is
//! retried until it holds (see [`Fixture::eventually`]). Tests that need sandbox faults, request
//! counts or a fixed clock are skipped there.

use std::time::{Duration, Instant};

use crate::common::{Outcome, Scoped, TestCluster, esops};
use es_sandbox::SandboxConfig;
use serde_json::{Value, json};

crate::common::scoped_fixture!();

impl Fixture {
    fn new(tag: &str) -> Self {
        Fixture(Scoped::start("ilm", tag))
    }

    fn esops(&self, args: &[&str]) -> Outcome {
        esops().against(&self.cluster).args(args).run()
    }

    /// A rollover policy on an index that has no rollover alias: ILM's rollover check fails and
    /// the index goes to the ERROR step (once ILM has run: moving the sandbox clock runs it).
    fn stuck_index(&self) -> String {
        self.stuck_index_named("stuck-2024.03.15")
    }

    /// [`Self::stuck_index`] under another name.
    fn stuck_index_named(&self, rest: &str) -> String {
        let policy = self.name("rolling");
        self.request(
            "PUT",
            &format!("/_ilm/policy/{policy}"),
            Some(json!({"policy": {"phases": {"hot": {"actions": {"rollover": {"max_age": "1d"}}}}}})),
        );
        let index = self.name(rest);
        self.request(
            "PUT",
            &format!("/{index}"),
            Some(json!({"settings": {"index.lifecycle.name": policy, "number_of_replicas": 0}})),
        );
        self.run_ilm();
        self.eventually("the index to reach the ERROR step", || {
            (self.step(&index).as_deref() == Some("ERROR")).then_some(())
        });
        index
    }

    /// An index whose policy only sets a priority: ILM has nothing to fail on.
    fn healthy_index(&self) -> String {
        let policy = self.name("keep");
        self.request(
            "PUT",
            &format!("/_ilm/policy/{policy}"),
            Some(json!({"policy": {"phases": {"hot": {"actions": {"set_priority": {"priority": 100}}}}}})),
        );
        let index = self.name("healthy-2024.03.15");
        self.request(
            "PUT",
            &format!("/{index}"),
            Some(json!({"settings": {"index.lifecycle.name": policy, "number_of_replicas": 0}})),
        );
        index
    }

    fn plain_index(&self) -> String {
        let index = self.name("plain");
        self.request("PUT", &format!("/{index}"), Some(json!({"settings": {"number_of_replicas": 0}})));
        index
    }

    /// Lets ILM run: the sandbox's clock moves a minute; a real cluster runs ILM by itself.
    fn run_ilm(&self) {
        if !self.cluster.is_real() {
            self.request("POST", "/_sandbox/clock/_advance?by=1m", Some(json!({})));
        }
    }

    /// The step `_ilm/explain` reports for `index` and when it entered it (`step_time_millis`).
    fn step_and_time(&self, index: &str) -> (Option<String>, i64) {
        let answer = self.request(
            "GET",
            &format!("/{index}/_ilm/explain?filter_path=indices.*.step,indices.*.step_time_millis"),
            None,
        );
        let entry = &answer["indices"][index];
        (entry["step"].as_str().map(str::to_string), entry["step_time_millis"].as_i64().unwrap_or_default())
    }

    /// The step `_ilm/explain` reports for `index`, straight from the cluster.
    fn step(&self, index: &str) -> Option<String> {
        let answer = self.request("GET", &format!("/{index}/_ilm/explain?filter_path=indices.*.step"), None);
        answer["indices"][index]["step"].as_str().map(str::to_string)
    }

    /// `check` once on the sandbox (where ILM only moves with the clock, so it must hold at
    /// once); on a real cluster, until it holds, for up to two minutes.
    fn eventually<T>(&self, what: &str, mut check: impl FnMut() -> Option<T>) -> T {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if let Some(value) = check() {
                return value;
            }
            assert!(
                self.cluster.is_real() && Instant::now() < deadline,
                "waited in vain for {what} (on a real cluster, set indices.lifecycle.poll_interval to 1s)"
            );
            std::thread::sleep(Duration::from_millis(500));
        }
    }

    /// `esops ilm explain -o json` of this test's indices, until `check` accepts it. Ages are
    /// measured against the cluster's clock: the sandbox's runs ahead of this machine's by what
    /// `run_ilm` advanced it.
    fn explain_json_until(&self, what: &str, check: impl Fn(&Value) -> bool) -> Value {
        self.eventually(what, || {
            let mut args = vec!["ilm".to_string(), "explain".into(), self.name("*"), "-o".into(), "json".into()];
            if !self.cluster.is_real() {
                let clock = self.request("GET", "/_sandbox/clock", None);
                args.extend(["--now".to_string(), clock["now"].as_str().unwrap_or_default().to_string()]);
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let doc = json_of(&self.esops(&args).success());
            check(&doc).then_some(doc)
        })
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if !self.cluster.is_real() {
            return;
        }
        for rest in ["stuck-2024.03.15", "healthy-2024.03.15", "plain", "stuck-2024.03.16", "stuck-000001"] {
            let _ = self.cluster.raw("DELETE", &format!("/{}", self.name(rest)), None);
        }
        for policy in ["rolling", "keep"] {
            let _ = self.cluster.raw("DELETE", &format!("/_ilm/policy/{}", self.name(policy)), None);
        }
    }
}

/// `text` with every run of whitespace made one space: messages are wrapped at 80 columns.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn json_of(outcome: &Outcome) -> Value {
    serde_json::from_str(&outcome.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", outcome.stdout))
}

fn entry<'a>(doc: &'a Value, index: &str) -> &'a Value {
    let indices = doc["indices"].as_array().expect("indices");
    indices.iter().find(|i| i["index"] == index).unwrap_or_else(|| panic!("{index} not listed: {doc}"))
}

fn in_error(doc: &Value, index: &str) -> bool {
    doc["indices"].as_array().unwrap().iter().any(|i| i["index"] == index && i["status"] == "error")
}

#[test]
fn explain_lists_the_stuck_index_first_with_the_failed_step_and_the_reason() {
    let f = Fixture::new("first");
    let healthy = f.healthy_index();
    let stuck = f.stuck_index();
    f.plain_index();
    let out = f.eventually("a table with the index in ERROR", || {
        let out = f.esops(&["ilm", "explain", &f.name("*")]).success();
        out.stdout.contains(" ERROR ").then_some(out)
    });
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines[0].starts_with("INDEX") && lines[0].ends_with("IN STEP"), "{}", out.stdout);
    assert!(lines[2].starts_with(&stuck) && lines[2].contains(" hot ") && lines[2].contains(" rollover "));
    assert!(lines[3].starts_with("  check-rollover-ready failed"), "{}", out.stdout);
    let reason = lines[3..].iter().take_while(|l| l.starts_with("  ")).map(|l| l.trim()).collect::<Vec<_>>().join(" ");
    assert!(reason.contains("illegal_argument_exception: setting [index.lifecycle.rollover_alias]"), "{reason}");
    assert!(lines.iter().any(|l| l.starts_with(&healthy)), "{}", out.stdout);
    let text = flat(&out.stdout);
    assert!(text.contains("2 managed") && text.contains("1 in ERROR"), "{text}");
    assert!(text.contains("1 unmanaged not shown (--unmanaged lists them)"), "{text}");
    for line in &lines {
        if line.starts_with("  ") {
            assert!(line.chars().count() <= 80, "reason lines stay within 80 columns: {line:?}");
        }
    }
    let all = f.esops(&["ilm", "explain", &f.name("*"), "--unmanaged"]).success();
    let plain = all.stdout.lines().find(|l| l.starts_with(&f.name("plain"))).expect("--unmanaged lists it");
    assert!(plain.contains(" unmanaged "), "{plain}");
    let keep = f.esops(&["ilm", "explain", &f.name("*"), "--policy", &f.name("kee*")]).success();
    assert!(keep.stdout.contains(&healthy) && !keep.stdout.contains(&stuck), "{}", keep.stdout);
    assert!(flat(&keep.stdout).contains("1 managed"), "{}", keep.stdout);
}

#[test]
fn only_errors_filters_and_fail_on_error_exits_2() {
    let f = Fixture::new("errors");
    let healthy = f.healthy_index();
    let stuck = f.stuck_index();
    let out = f.eventually("--fail-on-error to find the index in ERROR", || {
        let out = f.esops(&["ilm", "explain", &f.name("*"), "--only-errors", "--fail-on-error"]);
        (out.code == 2).then_some(out)
    });
    assert!(out.stdout.contains(&stuck) && !out.stdout.contains(&healthy), "{}", out.stdout);
    // A healthy selection: exit 0, and a cron run (stdout is a pipe) prints nothing on stdout.
    let quiet = f.esops(&["ilm", "explain", &healthy, "--only-errors", "--fail-on-error"]).success();
    assert_eq!(quiet.stdout, "");
    assert!(quiet.stderr.contains("1 managed") && quiet.stderr.contains("none in ERROR"), "{}", quiet.stderr);
    // What examples/cron/ilm-errors.crontab relies on: nothing at all while ILM is healthy.
    let silent = f.esops(&["-q", "ilm", "explain", &healthy, "--only-errors", "--fail-on-error"]).success();
    assert_eq!((silent.stdout.as_str(), silent.stderr.as_str()), ("", ""), "a healthy cron run mails nothing");
}

#[test]
fn json_output_carries_every_field_and_the_whole_reason() {
    let f = Fixture::new("json");
    f.healthy_index();
    let stuck = f.stuck_index();
    f.plain_index();
    let doc = f.explain_json_until("the index in ERROR", |d| in_error(d, &stuck));
    let e = entry(&doc, &stuck);
    assert_eq!(doc["indices"][0]["index"], stuck, "errors come first");
    assert_eq!(
        (&e["status"], &e["phase"], &e["action"], &e["step"]),
        (&json!("error"), &json!("hot"), &json!("rollover"), &json!("ERROR"))
    );
    assert_eq!(e["policy"], f.name("rolling"));
    assert_eq!(e["failed_step"], "check-rollover-ready");
    assert_eq!(e["error"]["type"], "illegal_argument_exception");
    assert_eq!(
        e["error"]["reason"],
        format!("setting [index.lifecycle.rollover_alias] for index [{stuck}] is empty or not defined")
    );
    assert_eq!(e["step_info"]["reason"], e["error"]["reason"]);
    assert!(e["age_millis"].is_i64() && e["time_in_step_millis"].is_i64() && e["lifecycle_date_millis"].is_i64());
    for key in ["is_auto_retryable_error", "failed_step_retry_count", "step_time_millis"] {
        assert!(e.get(key).is_some(), "{key} is always present: {e}");
    }
    assert_eq!(doc["counts"]["managed"], 2);
    assert_eq!(doc["counts"]["error"], 1);
    assert_eq!(doc["counts"]["unmanaged_hidden"], 1);
    assert_eq!(doc["targets"], json!([f.name("*")]));
    assert!(doc["now"].is_string());
}

#[test]
fn retry_sends_the_index_back_to_the_failed_step_which_fails_again_while_the_cause_persists() {
    let f = Fixture::new("retry");
    let stuck = f.stuck_index();
    let out = f.eventually("a retry of the index in ERROR", || {
        let out = f.esops(&["ilm", "retry", &stuck, "--yes"]).success();
        out.stdout.contains("retried").then_some(out)
    });
    let text = flat(&out.stdout);
    assert!(
        text.contains(&format!(
            "{stuck}: retried (was failing at check-rollover-ready: illegal_argument_exception: setting \
             [index.lifecycle.rollover_alias] for index [{stuck}] is empty or not defined)"
        )),
        "{text}"
    );
    assert!(text.contains("1 retried, 0 skipped"), "{text}");
    assert!(out.stderr.contains("warning: retrying the failed ILM step of 1 index on"), "{}", out.stderr);
    assert!(out.stderr.contains("cluster: "), "the target cluster is named first: {}", out.stderr);
    if !f.cluster.is_real() {
        // Like Elasticsearch: the index is back at the step that failed, which ILM runs again on
        // its next pass (the sandbox's next clock move).
        assert_eq!(f.step(&stuck).as_deref(), Some("check-rollover-ready"));
    }
    f.run_ilm();
    f.explain_json_until("the index back in ERROR", |d| in_error(d, &stuck));
}

#[test]
fn retry_after_fixing_the_cause_lets_ilm_move_on() {
    let f = Fixture::new("fixed");
    // Named for rollover (`-000001`): a date-named index would next fail on its name, as on ES.
    let stuck = f.stuck_index_named("stuck-000001");
    let alias = f.name("write");
    f.request(
        "POST",
        "/_aliases",
        Some(json!({"actions": [{"add": {"index": stuck, "alias": alias, "is_write_index": true}}]})),
    );
    f.request("PUT", &format!("/{stuck}/_settings"), Some(json!({"index.lifecycle.rollover_alias": alias})));
    f.eventually("a retry of the index in ERROR", || {
        let out = f.esops(&["ilm", "retry", &stuck, "--yes"]).success();
        // On a real cluster ILM's own retry may get there first: the index left ERROR either way.
        let text = flat(&out.stdout);
        (text.contains("retried (was failing at") || text.contains("not in ERROR")).then_some(())
    });
    f.run_ilm();
    // The rollover check now passes and waits for its condition (max_age 1d): no ERROR any more.
    let doc = f.explain_json_until("the index waiting for its rollover", |d| {
        entry(d, &stuck)["step"] == "check-rollover-ready"
    });
    assert_eq!(entry(&doc, &stuck)["status"], "ok");
    assert_eq!(doc["counts"]["error"], 0);
}

#[test]
fn retry_skips_healthy_and_unmanaged_indices_and_says_so() {
    let f = Fixture::new("skip");
    let healthy = f.healthy_index();
    let plain = f.plain_index();
    f.run_ilm();
    f.cluster.raw("DELETE", "/_sandbox/requests", None);
    let out = f.esops(&["ilm", "retry", &healthy, &plain]).success();
    let hot = format!("{healthy}: not in ERROR (hot/complete/complete), skipped");
    let new = format!("{healthy}: not in ERROR (new/complete/complete), skipped");
    let text = flat(&out.stdout);
    assert!(text.contains(&hot) || text.contains(&new), "{text}");
    assert!(text.contains(&format!("{plain}: not managed by ILM, skipped")), "{text}");
    assert!(text.contains("nothing to retry: no index in ERROR"), "{text}");
    assert!(!out.stderr.contains("warning: retrying"), "{}", out.stderr);
    if !f.cluster.is_real() {
        let (_, counts) = f.cluster.raw("GET", "/_sandbox/requests", None);
        let counts: Value = serde_json::from_str(&counts).unwrap();
        assert_eq!(counts["by_route"].get("POST /{index}/_ilm/retry"), None, "nothing is sent: {counts}");
    }
    // A pattern's healthy matches are counted, not listed one by one.
    let out = f.esops(&["ilm", "retry", &f.name("*"), "--yes"]).success();
    assert!(flat(&out.stdout).contains("2 matching indices are not in ERROR, skipped"), "{}", out.stdout);
}

#[test]
fn an_unknown_index_is_a_clear_error_and_nothing_is_retried() {
    let f = Fixture::new("missing");
    let stuck = f.stuck_index();
    let nope = f.name("nope");
    let out = f.esops(&["ilm", "explain", &nope]).failure();
    assert!(out.stderr.contains(&format!("{nope}: no such index, alias or data stream on")), "{}", out.stderr);
    assert!(out.stderr.contains("404 Not Found"), "{}", out.stderr);
    let out = f.esops(&["ilm", "retry", &stuck, &nope, "--yes"]).failure();
    assert!(out.stderr.contains("no such index, alias or data stream"), "{}", out.stderr);
    assert!(!out.stderr.contains("warning: retrying"), "{}", out.stderr);
    if !f.cluster.is_real() {
        assert_eq!(f.step(&stuck).as_deref(), Some("ERROR"), "nothing was retried");
    }
    // A pattern that matches nothing is no error.
    let out = f.esops(&["ilm", "explain", &format!("{nope}-*")]).success();
    assert!(out.stderr.contains(&format!("no index matches {nope}-*")), "{}", out.stderr);
}

#[test]
fn retry_without_a_terminal_needs_yes_and_changes_nothing() {
    let f = Fixture::new("yes");
    let stuck = f.stuck_index();
    let out = f.eventually("a refusal naming the index in ERROR", || {
        let out = f.esops(&["ilm", "retry", &stuck]).failure();
        out.stderr.contains(&stuck).then_some(out)
    });
    assert!(out.stderr.contains("no terminal to confirm on; pass --yes"), "{}", out.stderr);
    assert!(out.stderr.contains("nothing was changed"), "{}", out.stderr);
    if !f.cluster.is_real() {
        assert_eq!(f.step(&stuck).as_deref(), Some("ERROR"));
    }
}

#[test]
fn retry_needs_a_target() {
    esops().args(["ilm", "retry", "--yes"]).run().failure().stderr_has("<TARGET>");
}

/// One explain request whatever the number of indices; a retry adds the target announcement
/// and one retry request for all the indices in ERROR.
#[test]
fn request_counts_do_not_grow_with_the_indices() {
    let f = Fixture::new("count");
    if f.cluster.is_real() {
        return; // counts requests through the sandbox
    }
    let policy = f.name("rolling");
    f.request(
        "PUT",
        &format!("/_ilm/policy/{policy}"),
        Some(json!({"policy": {"phases": {"hot": {"actions": {"rollover": {"max_age": "1d"}}}}}})),
    );
    for i in 0..30 {
        let settings = if i % 3 == 0 { json!({"index.lifecycle.name": policy}) } else { json!({}) };
        f.request("PUT", &format!("/{}", f.name(&format!("{i:03}"))), Some(json!({"settings": settings})));
    }
    f.run_ilm();
    let count = |route: &str| -> Value {
        let (_, counts) = f.cluster.raw("GET", "/_sandbox/requests", None);
        serde_json::from_str::<Value>(&counts).unwrap()["by_route"][route].clone()
    };
    f.cluster.raw("DELETE", "/_sandbox/requests", None);
    f.esops(&["ilm", "explain", &f.name("*"), "--unmanaged"]).success();
    assert_eq!(count("GET /{index}/_ilm/explain"), json!(1));
    f.cluster.raw("DELETE", "/_sandbox/requests", None);
    let out = f.esops(&["ilm", "retry", &f.name("*"), "--yes"]).success();
    assert!(flat(&out.stdout).contains("10 retried, 20 skipped"), "{}", out.stdout);
    let (_, counts) = f.cluster.raw("GET", "/_sandbox/requests", None);
    assert_eq!(serde_json::from_str::<Value>(&counts).unwrap()["total"], json!(3), "{counts}");
    assert_eq!(count("POST /{index}/_ilm/retry"), json!(1));
}

/// Elasticsearch retries the named indices all or none: when one left ERROR (or was deleted)
/// between the read and the retry, the batch is refused, and each index is then retried alone.
#[test]
fn an_index_that_left_error_meanwhile_is_reported_and_the_others_are_retried() {
    let f = Fixture::new("race");
    if f.cluster.is_real() {
        return; // needs sandbox fault injection
    }
    let stuck = f.stuck_index();
    let other = f.name("stuck-2024.03.16");
    f.request(
        "PUT",
        &format!("/{other}"),
        Some(json!({"settings": {"index.lifecycle.name": f.name("rolling"), "number_of_replicas": 0}})),
    );
    f.run_ilm();
    f.eventually("the second index to reach the ERROR step", || {
        (f.step(&other).as_deref() == Some("ERROR")).then_some(())
    });
    let (_, error_since) = f.step_and_time(&other);
    let refusal = |reason: String| {
        json!({"error": {"root_cause": [{"type": "illegal_argument_exception", "reason": reason}],
            "type": "illegal_argument_exception", "reason": reason}, "status": 400})
    };
    let not_in_error = |index: &str| {
        refusal(format!(
            "cannot retry an action for an index [{index}] that has not encountered an error when running a Lifecycle Policy"
        ))
    };
    // The batch names both indices; then `stuck` alone is refused the same way.
    f.request(
        "POST",
        "/_sandbox/faults",
        Some(json!({"method": "POST", "path": "/,.*_ilm/retry/", "count": 1, "status": 400, "body": not_in_error(&stuck)})),
    );
    f.request(
        "POST",
        "/_sandbox/faults",
        Some(json!({"method": "POST", "path": format!("/{stuck}/_ilm/retry"), "count": 1, "status": 400, "body": not_in_error(&stuck)})),
    );
    let out = f.esops(&["ilm", "retry", &f.name("stuck-*"), "--yes", "-o", "json"]).success();
    let doc = json_of(&out);
    let result = |index: &str| {
        doc["results"].as_array().unwrap().iter().find(|r| r["index"] == index).unwrap()["result"].clone()
    };
    assert_eq!(result(&stuck), "left_error_meanwhile");
    assert_eq!(result(&other), "retried");
    // The retry took `other` back to its failed step. Other tests move this sandbox's clock too,
    // and ILM may already have failed the check again: then it is in ERROR with a newer step time.
    let (step, time) = f.step_and_time(&other);
    assert!(
        step.as_deref() == Some("check-rollover-ready") || (step.as_deref() == Some("ERROR") && time > error_since),
        "{step:?} at {time}, in ERROR since {error_since}"
    );
    let text = f.esops(&["ilm", "retry", &stuck, "--yes"]).success();
    assert!(text.stdout.contains("retried"), "the fault is used up: {}", text.stdout);
}

/// The table exactly as an operator sees it, on a sandbox with a fixed clock.
#[test]
fn the_table_as_an_operator_sees_it() {
    // 2024-03-15T12:30:00Z.
    let c = TestCluster::sandbox(SandboxConfig {
        start_millis: Some(1_710_505_800_000),
        frozen_clock: true,
        ..Default::default()
    });
    c.request(
        "POST",
        "/_sandbox/seed",
        Some(json!({"family": "python-logs", "days": 3, "policy": "python-logs", "replicas": 0})),
    );
    c.request(
        "PUT",
        "/_ilm/policy/rolling",
        Some(json!({"policy": {"phases": {"hot": {"actions": {"rollover": {"max_age": "1d"}}}}}})),
    );
    c.request("PUT", "/app-logs-2024.03.15", Some(json!({"settings": {"index.lifecycle.name": "rolling"}})));
    c.request("PUT", "/old-logs-2024.03.01", Some(json!({"settings": {"index.lifecycle.name": "gone"}})));
    c.request("PUT", "/scratch", Some(json!({})));
    c.request("POST", "/_sandbox/clock/_advance?by=2h", Some(json!({})));
    let out = esops().against(&c).args(["ilm", "explain", "--now", "2024-03-15T16:00:00Z"]).run().success();
    insta::assert_snapshot!("explain_table", out.stdout);
    let out = esops().against(&c).args(["ilm", "explain", "-o", "csv", "--now", "2024-03-15T16:00:00Z"]).run();
    insta::assert_snapshot!("explain_csv", out.success().stdout);
}
