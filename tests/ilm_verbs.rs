//! `esops ilm attach|detach|switch|move|start|stop|status` end to end, under a unique prefix: the
//! dry run (impact shown, nothing changed), the rails (--execute, --yes off a terminal, --max),
//! the change read back per index, and each refusal.
//!
//! Runs against the sandbox, or a real cluster with `ESOPS_TEST_URL`. Ages in the previews are
//! measured against `--now` (the indices are created by the test, so "now" is moved instead of
//! their dates). Starting and stopping ILM is cluster-wide, so those tests run on a sandbox only.

use crate::common::{Outcome, Scoped, esops};
use serde_json::{Value, json};

crate::common::scoped_fixture!();

/// Index and policy names every test may create (deleted on real clusters when dropped).
const INDICES: [&str; 4] = ["a", "b", "c", "plain"];
const POLICIES: [&str; 3] = ["short", "long", "warm"];

impl Fixture {
    fn new(tag: &str) -> Self {
        let f = Fixture(Scoped::start("ilmverbs", tag));
        // short: deletes at 30d; long: warm at 7d, deletes at 365d; warm: a warm phase at 30d.
        f.policy("short", json!({"hot": {"actions": {}}, "delete": {"min_age": "30d", "actions": {"delete": {}}}}));
        f.policy(
            "long",
            json!({"hot": {"actions": {}}, "warm": {"min_age": "7d", "actions": {"set_priority": {"priority": 50}}},
                   "delete": {"min_age": "365d", "actions": {"delete": {}}}}),
        );
        f.policy(
            "warm",
            json!({"hot": {"actions": {"set_priority": {"priority": 100}}},
                   "warm": {"min_age": "30d", "actions": {"set_priority": {"priority": 50}}}}),
        );
        f
    }

    fn policy(&self, rest: &str, phases: Value) {
        self.request("PUT", &format!("/_ilm/policy/{}", self.name(rest)), Some(json!({"policy": {"phases": phases}})));
    }

    /// An index, managed by `policy` (a name under the prefix) or not.
    fn index(&self, rest: &str, policy: Option<&str>) -> String {
        let index = self.name(rest);
        let mut settings = json!({"number_of_replicas": 0});
        if let Some(p) = policy {
            settings["index.lifecycle.name"] = json!(self.name(p));
        }
        self.request("PUT", &format!("/{index}"), Some(json!({"settings": settings})));
        index
    }

    fn esops(&self, args: &[&str]) -> Outcome {
        esops().against(&self.cluster).args(args).run()
    }

    /// The policy an index names now (`index.lifecycle.name`), straight from the cluster.
    fn policy_of(&self, index: &str) -> Option<String> {
        let answer = self.request("GET", &format!("/{index}/_settings?flat_settings=true"), None);
        answer[index]["settings"]["index.lifecycle.name"].as_str().map(str::to_string)
    }

    fn explain(&self, index: &str) -> Value {
        self.request("GET", &format!("/{index}/_ilm/explain"), None)["indices"][index].clone()
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if !self.cluster.is_real() {
            return;
        }
        for rest in INDICES {
            let _ = self.cluster.raw("DELETE", &format!("/{}", self.name(rest)), None);
        }
        for rest in POLICIES {
            let _ = self.cluster.raw("DELETE", &format!("/_ilm/policy/{}", self.name(rest)), None);
        }
    }
}

/// `--now` this many days ahead of the real clock: the test's fresh indices look that old.
fn days_ahead(days: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::days(days)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn json_of(outcome: &Outcome) -> Value {
    serde_json::from_str(&outcome.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", outcome.stdout))
}

fn result_of(doc: &Value, index: &str) -> Value {
    doc["results"].as_array().unwrap().iter().find(|r| r["index"] == index).cloned().unwrap_or(Value::Null)
}

#[test]
fn attach_dry_run_shows_what_becomes_due_and_changes_nothing() {
    let f = Fixture::new("attach-dry");
    let plain = f.index("plain", None);
    let managed = f.index("a", Some("long"));
    // Forty days and an hour: the index was created a moment after the test read the clock.
    let now = (chrono::Utc::now() + chrono::Duration::hours(40 * 24 + 1)).to_rfc3339();
    let out = f.esops(&["ilm", "attach", &f.name("short"), &f.name("*"), "--now", &now]).success();
    let text = flat(&out.stdout);
    let row = out.stdout.lines().find(|l| l.starts_with(&plain)).expect("the unmanaged index is listed");
    assert!(row.contains("hot, delete") && row.contains("now (due 10d 1h ago)"), "{row}");
    assert!(!out.stdout.lines().any(|l| l.starts_with(&managed)), "{}", out.stdout);
    assert!(
        text.contains(&format!("skipped, managed by {} (`esops ilm switch` changes that): {managed}", f.name("long")))
    );
    assert!(text.contains("ILM deletes 1 index"), "{text}");
    assert!(out.stderr.contains("dry run: nothing was changed; add --execute to attach 1 index"), "{}", out.stderr);
    assert_eq!(f.policy_of(&plain), None, "a dry run changes nothing");

    // Ten days old, the same policy deletes it in twenty.
    let young = f.esops(&["ilm", "attach", &f.name("short"), &plain, "--now", &days_ahead(10), "-o", "json"]).success();
    let doc = json_of(&young);
    assert_eq!(doc["executed"], false);
    let impact = &doc["indices"][0]["impact"];
    assert_eq!(impact["due_now"], json!(["hot"]));
    let in_days = (impact["deletes_at_millis"].as_i64().unwrap() - chrono::Utc::now().timestamp_millis()) / 86_400_000;
    assert!((28..=29).contains(&in_days), "{in_days} days: {impact}");
}

#[test]
fn attach_needs_yes_off_a_terminal_then_sets_the_policy_and_reads_it_back() {
    let f = Fixture::new("attach");
    let a = f.index("a", None);
    let b = f.index("b", None);
    let policy = f.name("long");
    let refused = f.esops(&["ilm", "attach", &policy, &f.name("*"), "--execute"]).failure();
    assert!(refused.stderr.contains("no terminal to confirm on; pass --yes to attach"), "{}", refused.stderr);
    assert_eq!(f.policy_of(&a), None);

    let over = f.esops(&["ilm", "attach", &policy, &f.name("*"), "--execute", "--yes", "--max", "1"]).failure();
    assert!(over.stderr.contains("2 indices would be attached, more than --max 1: nothing was changed"));
    assert_eq!(f.policy_of(&b), None);

    let out = f.esops(&["ilm", "attach", &policy, &f.name("*"), "--execute", "--yes", "-o", "json"]).success();
    let doc = json_of(&out);
    assert_eq!(doc["executed"], true);
    for index in [&a, &b] {
        assert_eq!(result_of(&doc, index)["result"], "changed", "{doc}");
        assert_eq!(f.policy_of(index).as_deref(), Some(policy.as_str()));
    }
    assert!(out.stderr.contains("warning: attaching 2 indices on"), "{}", out.stderr);

    // Again: nothing left to attach.
    let again = f.esops(&["ilm", "attach", &policy, &f.name("*"), "--execute", "--yes"]).success();
    assert!(again.stderr.contains("nothing to attach"), "{}", again.stderr);
    assert!(flat(&again.stdout).contains(&format!("skipped, already on {policy}")), "{}", again.stdout);
}

#[test]
fn attaching_a_policy_that_does_not_exist_is_refused() {
    let f = Fixture::new("ghost");
    let a = f.index("a", None);
    let out = f.esops(&["ilm", "attach", &f.name("ghost"), &a, "--execute", "--yes"]).failure();
    assert!(out.stderr.contains(&format!("policy [{}] does not exist", f.name("ghost"))), "{}", out.stderr);
    assert!(out.stderr.contains("nothing was changed"));
    assert_eq!(f.policy_of(&a), None);
}

#[test]
fn switch_keeps_the_cached_phase_and_says_what_the_new_policy_does() {
    let f = Fixture::new("switch");
    let a = f.index("a", Some("long"));
    let plain = f.index("plain", None);
    let short = f.name("short");
    let dry = f.esops(&["ilm", "switch", &short, &f.name("*"), "--now", &days_ahead(40)]).success();
    let text = flat(&dry.stdout);
    assert!(text.contains("skipped, not managed by ILM") && text.contains(&plain), "{text}");
    assert!(text.contains(&format!("delete (min_age 365d → 30d): 1 index of {}", f.name("long"))), "{text}");
    assert!(text.contains("each index finishes the phase it is in from the definition cached"), "{text}");
    assert!(text.contains(&format!("warm: 1 index of {} will not enter it", f.name("long"))), "{text}");

    let out = f.esops(&["ilm", "switch", &short, &f.name("*"), "--execute", "--yes"]).success();
    assert!(flat(&out.stdout).contains(&format!("{a}: switched to {short}")), "{}", out.stdout);
    assert!(flat(&out.stdout).contains("1 switched, 1 skipped"), "{}", out.stdout);
    let explain = f.explain(&a);
    assert_eq!(explain["policy"], json!(short), "{explain}");
}

#[test]
fn detach_lets_go_of_managed_indices_only() {
    let f = Fixture::new("detach");
    let a = f.index("a", Some("long"));
    let plain = f.index("plain", None);
    let dry = f.esops(&["ilm", "detach", &f.name("*")]).success();
    assert!(flat(&dry.stdout).contains("no policy deletes them any more"), "{}", dry.stdout);
    assert_eq!(f.policy_of(&a).as_deref(), Some(f.name("long").as_str()));

    let out = f.esops(&["ilm", "detach", &f.name("*"), "--execute", "--yes", "-o", "json"]).success();
    let doc = json_of(&out);
    assert_eq!(result_of(&doc, &a)["result"], "changed");
    assert_eq!(result_of(&doc, &plain), json!({"index": plain, "result": "skipped", "reason": "unmanaged"}));
    assert_eq!(f.policy_of(&a), None);
    assert_eq!(f.explain(&a)["managed"], false);
}

#[test]
fn a_target_that_names_nothing_is_an_error() {
    let f = Fixture::new("missing");
    let out = f.esops(&["ilm", "detach", &f.name("nope"), "--execute", "--yes"]).failure();
    assert!(out.stderr.contains("no such index, alias or data stream"), "{}", out.stderr);
}

#[test]
fn move_shows_current_and_target_and_refuses_what_elasticsearch_refuses() {
    let f = Fixture::new("move");
    let a = f.index("a", Some("warm"));
    let plain = f.index("plain", None);
    let to = |index: &str, step: &str| f.esops(&["ilm", "move", index, "--to", step]);

    let dry = to(&a, "warm").success();
    assert!(dry.stdout.contains("current: hot/"), "{}", dry.stdout);
    assert!(dry.stdout.contains("target:  warm"), "{}", dry.stdout);
    assert!(dry.stderr.contains("dry run: nothing was moved"), "{}", dry.stderr);
    assert!(f.explain(&a)["phase"] != "warm");

    let cold = to(&a, "cold").failure();
    assert!(
        cold.stderr.contains(&format!("step [cold] for index [{a}] with policy [{}] does not exist", f.name("warm"))),
        "{}",
        cold.stderr
    );
    assert!(to(&a, "warm/shrink").failure().stderr.contains("does not exist"));
    assert!(to(&plain, "hot").failure().stderr.contains("is not associated with an Index Lifecycle Policy"));
    assert!(to(&f.name("*"), "hot").failure().stderr.contains("is not one index"));
    assert!(to(&f.name("nope"), "hot").failure().stderr.contains("no such index"));
    let bad = to(&a, "lukewarm").failure();
    assert!(bad.stderr.contains("`lukewarm` is not an ILM phase"), "{}", bad.stderr);
    assert!(to(&a, "warm//x").failure().stderr.contains("expected PHASE[/ACTION[/STEP]]"));

    let out = f.esops(&["ilm", "move", &a, "--to", "warm", "--execute", "--yes", "-o", "json"]).success();
    let doc = json_of(&out);
    assert_eq!(doc["executed"], true);
    assert!(doc["now_at"].as_str().unwrap().starts_with("warm/"), "{doc}");
    assert_eq!(f.explain(&a)["phase"], "warm");
}

#[test]
fn a_move_into_delete_says_it_deletes_and_needs_yes() {
    let f = Fixture::new("move-delete");
    let a = f.index("a", Some("short"));
    let dry = f.esops(&["ilm", "move", &a, "--to", "delete"]).success();
    assert!(dry.stdout.contains("the delete phase deletes the index"), "{}", dry.stdout);
    let refused = f.esops(&["ilm", "move", &a, "--to", "delete", "--execute"]).failure();
    assert!(refused.stderr.contains("pass --yes to move"), "{}", refused.stderr);
    assert!(f.explain(&a)["managed"] == true, "still there");
}

#[test]
fn stop_and_start_are_dry_runs_until_executed_and_read_the_mode_back() {
    let f = Fixture::new("mode");
    if f.cluster.is_real() {
        return; // stopping ILM would stop it for every test sharing the cluster
    }
    let mode = || f.request("GET", "/_ilm/status", None)["operation_mode"].clone();
    let dry = f.esops(&["ilm", "stop"]).success();
    assert!(dry.stdout.starts_with("ILM is RUNNING"), "{}", dry.stdout);
    assert!(dry.stderr.contains("dry run: ILM was not stopped"), "{}", dry.stderr);
    assert_eq!(mode(), "RUNNING");

    let out = f.esops(&["ilm", "stop", "--execute", "--yes"]).success();
    assert!(out.stdout.contains("ILM is now STOPPED"), "{}", out.stdout);
    assert_eq!(mode(), "STOPPED");
    f.esops(&["ilm", "status", "--fail-on-stopped"]).code(2).stdout_has("ILM is STOPPED");
    f.esops(&["ilm", "stop", "--execute", "--yes"]).success().stderr_has("ILM is already STOPPED: nothing to stop");

    // While ILM is stopped, an index past its delete age waits; starting says it goes at once.
    let old = f.name("a");
    let forty_days_ago = chrono::Utc::now().timestamp_millis() - 40 * 86_400_000;
    f.request(
        "PUT",
        &format!("/{old}"),
        Some(json!({"settings": {"index.lifecycle.name": f.name("short"), "index.creation_date": forty_days_ago,
                                  "number_of_replicas": 0}})),
    );
    let start = f.esops(&["ilm", "start"]).success();
    assert!(
        flat(&start.stdout).contains(&format!(
            "ILM deletes 1 index at once when it starts: their delete phase came due while it was stopped ({old})"
        )),
        "{}",
        start.stdout
    );
    let status = json_of(&f.esops(&["ilm", "start", "--execute", "--yes", "-o", "json"]).success());
    assert_eq!((status["operation_mode"].as_str(), status["executed"].as_bool()), (Some("RUNNING"), Some(true)));
    assert_eq!(status["deletions"][0]["index"], json!(old));
    assert_eq!(mode(), "RUNNING");
    f.request("POST", "/_sandbox/clock/_advance?by=1m", Some(json!({})));
    assert_eq!(f.cluster.raw("GET", &format!("/{old}"), None).0, 404, "ILM deleted it once running");

    // Stopping names what waits: `short` deletes at 30d, so a 25-day-old index is due within 7 days.
    let soon = f.name("b");
    let twenty_five_days_ago = chrono::Utc::now().timestamp_millis() - 25 * 86_400_000;
    f.request(
        "PUT",
        &format!("/{soon}"),
        Some(json!({"settings": {"index.lifecycle.name": f.name("short"), "index.creation_date": twenty_five_days_ago,
                                  "number_of_replicas": 0}})),
    );
    let stop = f.esops(&["ilm", "stop"]).success();
    assert!(
        flat(&stop.stdout)
            .contains(&format!("1 index due for deletion in the next 7 days stay while ILM is stopped ({soon}")),
        "{}",
        stop.stdout
    );
}

#[test]
fn status_counts_what_ilm_manages() {
    let f = Fixture::new("status");
    f.index("a", Some("long"));
    let out = f.esops(&["ilm", "status", "-o", "json"]).success();
    let doc = json_of(&out);
    assert!(["RUNNING", "STOPPING", "STOPPED"].contains(&doc["operation_mode"].as_str().unwrap()));
    assert!(doc["counts"]["managed"].as_u64().unwrap() >= 1, "{doc}");
}
