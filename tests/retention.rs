//! `esops retention` against a cluster: each protection rule is attacked with `--execute --yes` and
//! a pattern that matches the protected index, which must survive; dry runs change nothing;
//! `--max`, batching, the re-check and failures midway behave as documented.
//!
//! Runs against the sandbox, or a real cluster with `ESOPS_TEST_URL` (unique name prefixes,
//! cleaned up); tests that need sandbox faults or request counts are skipped there.

use std::collections::BTreeSet;

use crate::common::{Outcome, Scoped, esops};
use serde_json::{Value, json};

/// "Now" for every run: index names carry 2024 dates, so ages do not depend on the real clock.
const NOW: &str = "2024-06-01T00:00:00Z";

crate::common::scoped_fixture!();

impl Fixture {
    fn new(tag: &str) -> Self {
        Fixture(Scoped::start("ret", tag))
    }

    fn create(&self, rest: &str, body: Value) -> String {
        let name = self.name(rest);
        self.request("PUT", &format!("/{name}"), Some(body));
        name
    }

    fn create_all(&self, rests: &[&str]) -> Vec<String> {
        rests.iter().map(|r| self.create(r, json!({}))).collect()
    }

    /// The test's indices as `_cat/indices` shows them (every column that could change).
    fn cat(&self) -> Vec<Value> {
        let v = self.request(
            "GET",
            &format!(
                "/_cat/indices/{p}*,.ds-{p}*?format=json&bytes=b&expand_wildcards=all&s=index\
                 &h=index,uuid,health,status,pri,rep,docs.count,store.size,creation.date",
                p = self.prefix
            ),
            None,
        );
        v.as_array().cloned().unwrap_or_default()
    }

    fn names(&self) -> BTreeSet<String> {
        self.cat().iter().map(|r| r["index"].as_str().unwrap().to_string()).collect()
    }

    fn retention(&self, args: &[&str]) -> Outcome {
        esops().against(&self.cluster).args(["retention", "--now", NOW]).args(args).run()
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if !self.cluster.is_real() {
            return;
        }
        // Explicit names only: real clusters refuse wildcard deletes (action.destructive_requires_name).
        let _ = self.cluster.raw("DELETE", &format!("/_data_stream/{}", self.name("stream")), None);
        let _ = self.cluster.raw("DELETE", &format!("/_index_template/{}", self.name("tpl")), None);
        let names: Vec<String> = self.names().into_iter().collect();
        if !names.is_empty() {
            let _ = self.cluster.raw("DELETE", &format!("/{}", names.join(",")), None);
        }
        let _ = self.cluster.raw("DELETE", &format!("/_ilm/policy/{}-policy", self.prefix), None);
    }
}

fn json_of(outcome: &Outcome) -> Value {
    serde_json::from_str(&outcome.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", outcome.stdout))
}

/// The `code` of the reason `name` was excluded for, from a `-o json` report.
fn exclusion(doc: &Value, name: &str) -> Value {
    let excluded = doc["excluded"].as_array().unwrap();
    let entry = excluded.iter().find(|e| e["name"] == name).unwrap_or_else(|| panic!("{name} not excluded: {doc}"));
    entry["reason"].clone()
}

fn selected(doc: &Value) -> Vec<String> {
    doc["selected"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap().to_string()).collect()
}

#[test]
fn dry_run_shows_the_plan_and_leaves_the_cluster_unchanged() {
    let f = Fixture::new("dry");
    let names = f.create_all(&["2024.01.01", "2024.01.02", "2024.05.30", "2024.05.31"]);
    let before = f.cat();
    let out = f.retention(&[&f.name("*"), "--older-than", "30d"]).success();
    assert_eq!(f.cat(), before, "a dry run must not change the cluster");
    assert!(out.stdout.contains(&names[0]) && out.stdout.contains(&names[1]), "{}", out.stdout);
    assert!(out.stdout.contains("--older-than 30d"), "{}", out.stdout);
    assert!(out.stdout.contains("2 selected"), "{}", out.stdout);
    assert!(out.stderr.contains("dry run: nothing was deleted"), "{}", out.stderr);
    let doc = json_of(&f.retention(&[&f.name("*"), "--older-than", "30d", "-o", "json"]).success());
    assert_eq!(selected(&doc), names[..2]);
    assert_eq!(doc["not_due"], 2);
    assert_eq!(f.cat(), before);
}

#[test]
fn execute_deletes_exactly_the_selection_and_keeps_the_newest_of_each_family() {
    let f = Fixture::new("newest");
    // The family has stopped receiving data: every index is old, and the newest still stays.
    let names = f.create_all(&["2024.01.01", "2024.01.02", "2024.01.03"]);
    let log = tempfile::NamedTempFile::new().unwrap();
    let out = f
        .retention(&[
            &f.name("*"),
            "--older-than",
            "30d",
            "--execute",
            "--yes",
            "--log-file",
            log.path().to_str().unwrap(),
        ])
        .success()
        .stderr_has("deleting 2 indices on")
        .stdout_has("newest index of family");
    assert!(out.stdout.contains("2 deleted, 0 already gone, 0 failed"), "{}", out.stdout);
    assert_eq!(f.names(), BTreeSet::from([names[2].clone()]));
    let all: Vec<Value> =
        std::fs::read_to_string(log.path()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    // The intent before the batch, then one outcome per index.
    assert_eq!(all[0]["event"], "intent");
    assert_eq!(all[0]["indices"], json!([&names[0], &names[1]]));
    let lines: Vec<&Value> = all.iter().filter(|l| l["event"] == "outcome").collect();
    assert!(lines.iter().all(|l| l["done"] == true && l["result"] == "done"));
    assert_eq!(lines.iter().map(|l| l["index"].as_str().unwrap()).collect::<Vec<_>>(), [&names[0], &names[1]]);
    assert!(lines[0]["time"].is_string() && lines[0]["cluster"].is_string());
    assert_eq!(lines[0]["reason"], "--older-than 30d");
}

#[test]
fn the_write_index_of_an_alias_survives() {
    let f = Fixture::new("alias");
    let alias = f.name("write");
    let write = f.create("2024.01.01", json!({"aliases": {alias.clone(): {"is_write_index": true}}}));
    let old = f.create("2024.01.02", json!({"aliases": {alias.clone(): {"is_write_index": false}}}));
    f.create_all(&["2024.05.31"]);
    f.retention(&[&f.name("*"), "--older-than", "30d", "--execute", "--yes"])
        .success()
        .stdout_has(&format!("write index of alias {alias}"));
    let left = f.names();
    assert!(left.contains(&write), "{left:?}");
    assert!(!left.contains(&old), "{left:?}");
}

#[test]
fn the_write_index_of_a_data_stream_survives() {
    let f = Fixture::new("ds");
    let stream = f.name("stream");
    f.request(
        "PUT",
        &format!("/_index_template/{}", f.name("tpl")),
        Some(json!({"index_patterns": [format!("{stream}*")], "data_stream": {}, "priority": 500})),
    );
    f.request("PUT", &format!("/_data_stream/{stream}"), None);
    // Backing indices are hidden and named with today's date: age them against a far future.
    let out = esops()
        .against(&f.cluster)
        .args(["retention", &format!(".ds-{stream}*"), "--older-than", "1d", "--include-hidden"])
        .args(["--now", "2099-01-01T00:00:00Z", "--execute", "--yes", "-o", "json"])
        .run()
        .success();
    let write = f.names().into_iter().next().expect("the write index survives");
    assert_eq!(
        exclusion(&json_of(&out), &write),
        json!({"code": "write_index", "of": [format!("data stream {stream}")]})
    );
}

#[test]
fn hidden_and_system_indices_survive_unless_included() {
    let f = Fixture::new("hidden");
    let hidden = f.create("2024.01.01", json!({"settings": {"index.hidden": true}}));
    let newest = f.create_all(&["2024.05.31"]);
    let out = f.retention(&[&f.name("*"), "--older-than", "30d", "--execute", "--yes", "-o", "json"]).success();
    assert_eq!(exclusion(&json_of(&out), &hidden), json!({"code": "hidden"}));
    assert_eq!(f.names(), BTreeSet::from([hidden.clone(), newest[0].clone()]));
    f.retention(&[&f.name("*"), "--older-than", "30d", "--execute", "--yes", "--include-hidden"]).success();
    assert_eq!(f.names(), BTreeSet::from([newest[0].clone()]));
}

#[test]
fn dot_prefixed_system_indices_survive() {
    let f = Fixture::new("sys");
    if f.cluster.is_real() {
        return; // creating `.`-prefixed indices on a real cluster is deprecated and may be refused
    }
    let system = format!(".{}", f.name("2024.01.01"));
    f.request("PUT", &format!("/{system}"), Some(json!({})));
    f.request("PUT", &format!("/.{}", f.name("2024.05.31")), Some(json!({})));
    let out = esops()
        .against(&f.cluster)
        .args(["retention", &format!(".{}*", f.prefix), "--older-than", "30d", "--now", NOW, "--execute", "--yes"])
        .args(["-o", "json"])
        .run()
        .success();
    assert_eq!(exclusion(&json_of(&out), &system), json!({"code": "system"}));
    let (status, _) = f.cluster.raw("HEAD", &format!("/{system}"), None);
    assert_eq!(status, 200);
}

#[test]
fn invalid_and_future_dates_are_listed_warned_about_and_never_deleted() {
    let f = Fixture::new("dates");
    let keep = f.create_all(&["2024.02.30", "2024.13.01", "2099.01.01", "reindex-tmp"]);
    let old = f.create_all(&["2024.01.01"]);
    let newest = f.create_all(&["2024.05.31"]);
    let out = f.retention(&[&f.name("*"), "--older-than", "30d", "--execute", "--yes"]).success();
    assert!(out.stderr.contains("\"2024.02.30\" in the name is not a valid date"), "{}", out.stderr);
    assert!(out.stderr.contains("date 2099-01-01 in the name is in the future"), "{}", out.stderr);
    assert!(out.stdout.contains("no date at the end of the name"), "{}", out.stdout);
    let left = f.names();
    assert!(keep.iter().chain(&newest).all(|k| left.contains(k)), "{left:?}");
    assert!(!left.contains(&old[0]));
}

#[test]
fn ilm_managed_indices_are_reported_not_deleted() {
    let f = Fixture::new("ilm");
    let policy = format!("{}-policy", f.prefix);
    f.request(
        "PUT",
        &format!("/_ilm/policy/{policy}"),
        Some(json!({"policy": {"phases": {"delete": {"min_age": "3650d", "actions": {"delete": {}}}}}})),
    );
    let managed = f.create("2024.01.01", json!({"settings": {"index.lifecycle.name": policy}}));
    f.create_all(&["2024.05.31"]);
    let out = f.retention(&[&f.name("*"), "--older-than", "30d", "--execute", "--yes", "-o", "json"]).success();
    let reason = exclusion(&json_of(&out), &managed);
    assert_eq!((reason["code"].as_str(), reason["policy"].as_str()), (Some("ilm_managed"), Some(policy.as_str())));
    assert!(f.names().contains(&managed));
    f.retention(&[&f.name("*"), "--older-than", "30d", "--execute", "--yes", "--include-managed"]).success();
    assert!(!f.names().contains(&managed));
}

#[test]
fn more_than_max_is_refused_with_the_way_out() {
    let f = Fixture::new("max");
    f.create_all(&["2024.01.01", "2024.01.02", "2024.01.03", "2024.05.31"]);
    let before = f.cat();
    f.retention(&[&f.name("*"), "--older-than", "30d", "--execute", "--yes", "--max", "2"])
        .failure()
        .stderr_has("refusing to delete 3 indices: more than --max 2")
        .stderr_has("re-run with --max 3");
    assert_eq!(f.cat(), before);
}

#[test]
fn without_a_terminal_execute_needs_yes() {
    let f = Fixture::new("yes");
    f.create_all(&["2024.01.01", "2024.05.31"]);
    let before = f.cat();
    f.retention(&[&f.name("*"), "--older-than", "30d", "--execute"]).failure().stderr_has("no terminal to confirm on");
    assert_eq!(f.cat(), before);
}

#[test]
fn year_less_and_partial_date_formats_are_refused_before_any_request() {
    let f = Fixture::new("fmt");
    for (format, why) in [("%m.%d", "it has no year"), ("yy.MM.dd", "two-digit year"), ("%Y", "partial date")] {
        f.retention(&[&f.name("*"), "--older-than", "30d", "--date-format", format]).failure().stderr_has(why);
    }
    f.retention(&[&f.name("*"), "--older-than", "0s"]).failure().stderr_has("the minimum is 1h");
}

#[test]
fn an_explicit_date_format_only_accepts_complete_dates_in_that_format() {
    let f = Fixture::new("explicit");
    let monthly = f.create_all(&["2024.01", "2024.02"]);
    let daily = f.create_all(&["2024.01.15"]);
    let doc =
        json_of(&f.retention(&[&f.name("*"), "--older-than", "30d", "--date-format", "%Y.%m", "-o", "json"]).success());
    assert_eq!(selected(&doc), [monthly[0].clone()]);
    let excluded: Vec<&str> = doc["excluded"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert!(excluded.contains(&daily[0].as_str()), "{excluded:?}");
}

#[test]
fn ad_hoc_and_cluster_policy_modes_select_the_same_indices() {
    let f = Fixture::new("modes");
    let names = f.create_all(&["2024.01.01", "2024.04.15", "2024.04.20", "2024.05.31"]);
    let policy = format!("{}-policy", f.prefix);
    f.request(
        "PUT",
        &format!("/_ilm/policy/{policy}"),
        Some(json!({"policy": {"phases": {"delete": {"min_age": "30d", "actions": {"delete": {}}}}}})),
    );
    // The template arrives after the indices (the usual reason old indices are unmanaged).
    f.request(
        "PUT",
        &format!("/_index_template/{}", f.name("tpl")),
        Some(json!({"index_patterns": [f.name("*")], "priority": 500,
                    "template": {"settings": {"index.lifecycle.name": policy}}})),
    );
    let ad_hoc = json_of(&f.retention(&[&f.name("*"), "--older-than", "30d", "-o", "json"]).success());
    let from_policies = json_of(&f.retention(&["--from-cluster-policies", "-o", "json"]).success());
    let ours =
        |doc: &Value| -> Vec<String> { selected(doc).into_iter().filter(|n| n.starts_with(&f.prefix)).collect() };
    assert_eq!(ours(&ad_hoc), names[..3]);
    assert_eq!(ours(&from_policies), ours(&ad_hoc));
    assert!(from_policies["rules"].to_string().contains(&format!("ILM policy {policy} deletes after 30d")));
}

/// The usual layout (esops's own `policies/`): the policy is attached by a component template,
/// not by the index template itself. `--from-cluster-policies` used to miss it and find no rule.
#[test]
fn policies_attached_through_component_templates_drive_both_config_modes() {
    let f = Fixture::new("compose");
    let names = f.create_all(&["2024.01.01", "2024.04.15", "2024.04.20", "2024.05.31"]);
    let policy = format!("{}-policy", f.prefix);
    let component = f.name("settings");
    let tree = format!(
        "kind: ilm_policy\nname: {policy}\npolicy:\n  phases:\n    delete:\n      min_age: 30d\n      actions:\n        delete: {{}}\n\
         ---\nkind: component_template\nname: {component}\ntemplate:\n  settings:\n    index.lifecycle.name: {policy}\n\
         ---\nkind: index_template\nname: {tpl}\nindex_patterns: [\"{pattern}\"]\npriority: 500\ncomposed_of: [{component}]\n",
        tpl = f.name("tpl"),
        pattern = f.name("*"),
    );
    let dir = tempfile::tempdir().unwrap();
    let file = crate::common::write_file(dir.path(), "stack.yaml", &tree);
    let file = file.to_str().unwrap();
    let from_tree = json_of(&f.retention(&["-f", file, "-o", "json"]).success());
    esops().against(&f.cluster).args(["apply", "--yes", file]).run().success();
    let from_cluster = json_of(&f.retention(&["--from-cluster-policies", "-o", "json"]).success());
    let ad_hoc = json_of(&f.retention(&[&f.name("*"), "--older-than", "30d", "-o", "json"]).success());
    let ours =
        |doc: &Value| -> Vec<String> { selected(doc).into_iter().filter(|n| n.starts_with(&f.prefix)).collect() };
    assert_eq!(ours(&ad_hoc), names[..3]);
    assert_eq!(ours(&from_tree), ours(&ad_hoc));
    assert_eq!(ours(&from_cluster), ours(&ad_hoc));
    if f.cluster.is_real() {
        let _ = f.cluster.raw("DELETE", &format!("/_component_template/{component}"), None);
    }
}

/// Deleting 1,000 indices takes several `DELETE /a,b,c` requests, each under 4 KB.
#[test]
fn large_deletions_are_batched_under_the_url_limit() {
    let f = Fixture::new("batch");
    if f.cluster.is_real() {
        return; // counts requests through the sandbox
    }
    // 1,001 indices of two shard copies each pass the default limit of 1,000 shards per node, on
    // Elasticsearch as on the sandbox: such a cluster runs with a raised limit.
    let limit = json!({"persistent": {"cluster.max_shards_per_node": 3000}});
    f.cluster.request("PUT", "/_cluster/settings", Some(limit));
    let start = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let names: Vec<String> = (0..1001)
        .map(|i| f.create(&(start + chrono::Days::new(i)).format("%Y.%m.%d").to_string(), json!({})))
        .collect();
    f.cluster.raw("DELETE", "/_sandbox/requests", None);
    let out = esops()
        .against(&f.cluster)
        .args(["-v", "retention", &f.name("*"), "--older-than", "1d", "--now", "2030-01-01T00:00:00Z"])
        .args(["--execute", "--yes", "--max", "1000"])
        .run()
        .success();
    let deletes: Vec<&str> = out.stderr.lines().filter(|l| l.starts_with("DELETE /")).collect();
    assert!(deletes.len() > 1, "{}", out.stderr);
    for line in &deletes {
        let path = line.split_whitespace().nth(1).unwrap();
        assert!(path.len() < 4096 && !path.contains('*'), "{path}");
    }
    let (_, counts) = f.cluster.raw("GET", "/_sandbox/requests", None);
    let counts: Value = serde_json::from_str(&counts).unwrap();
    assert_eq!(counts["by_route"]["DELETE /{index}"], json!(deletes.len()));
    assert_eq!(f.names(), BTreeSet::from([names[1000].clone()]));
    // Reads are constant: the plan and the re-check (six requests each), and one read-back that
    // confirms the deletions.
    assert_eq!(counts["by_route"]["GET /_cat/indices"], json!(3));
}

/// Holds the re-read's `_cat/indices` for a moment and changes the cluster meanwhile.
fn run_with_change_before_the_recheck(f: &Fixture, args: &[&str], change: impl FnOnce()) -> Outcome {
    f.request("POST", "/_sandbox/faults", Some(json!({"path": "/_cat/indices", "count": 1})));
    f.request("POST", "/_sandbox/faults", Some(json!({"path": "/_cat/indices", "count": 1, "latency_ms": 1500})));
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_esops"));
    cmd.env_clear()
        .env("ESOPS_URL", f.cluster.url())
        .env("HOME", std::env::temp_dir())
        .args(["retention", "--now", NOW])
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let child = cmd.spawn().unwrap();
    // The first rule is used up by the plan's read; the re-read then waits 1.5 s in the sandbox.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let (_, faults) = f.cluster.raw("GET", "/_sandbox/faults", None);
        if serde_json::from_str::<Value>(&faults).unwrap()["faults"].as_array().unwrap().len() < 2 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "esops never read the cluster");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    change();
    let out = child.wait_with_output().unwrap();
    Outcome {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn a_new_index_selected_between_plan_and_execute_stops_the_deletion() {
    let f = Fixture::new("recheck-new");
    if f.cluster.is_real() {
        return; // needs sandbox fault injection
    }
    f.create_all(&["2024.01.02", "2024.01.03", "2024.05.31"]);
    let pattern = f.name("*");
    let out = run_with_change_before_the_recheck(&f, &[&pattern, "--older-than", "30d", "--execute", "--yes"], || {
        f.create("2024.01.01", json!({}));
    })
    .failure();
    assert!(out.stderr.contains("the cluster changed since the plan was read"), "{}", out.stderr);
    assert!(out.stderr.contains(&f.name("2024.01.01")) && out.stderr.contains("nothing was done"));
    assert_eq!(f.names().len(), 4);
}

#[test]
fn an_index_gone_between_plan_and_execute_is_reported_and_the_rest_deleted() {
    let f = Fixture::new("recheck-gone");
    if f.cluster.is_real() {
        return; // needs sandbox fault injection
    }
    let names = f.create_all(&["2024.01.01", "2024.01.02", "2024.05.31"]);
    let pattern = f.name("*");
    let out = run_with_change_before_the_recheck(&f, &[&pattern, "--older-than", "30d", "--execute", "--yes"], || {
        f.request("DELETE", &format!("/{}", names[0]), None);
    })
    .success();
    assert!(out.stderr.contains(&format!("{}: already gone", names[0])), "{}", out.stderr);
    assert!(out.stdout.contains("1 deleted, 1 already gone, 0 failed"), "{}", out.stdout);
    assert_eq!(f.names(), BTreeSet::from([names[2].clone()]));
}

#[test]
fn a_failure_midway_is_pinned_to_its_index_and_the_rest_continues() {
    let f = Fixture::new("fail");
    if f.cluster.is_real() {
        return; // needs sandbox fault injection
    }
    let names = f.create_all(&["2024.01.01", "2024.01.02", "2024.01.03", "2024.05.31"]);
    f.request(
        "POST",
        "/_sandbox/faults",
        Some(json!({"method": "DELETE", "path": names[1], "status": 400, "body": {
            "error": {"root_cause": [{"type": "snapshot_in_progress_exception", "reason": "Cannot delete indices that are being snapshotted"}],
                      "type": "snapshot_in_progress_exception", "reason": "Cannot delete indices that are being snapshotted"},
            "status": 400}})),
    );
    let out = f.retention(&[&f.name("*"), "--older-than", "30d", "--execute", "--yes", "-o", "json"]).failure();
    let doc = json_of(&out);
    let results = doc["execution"]["results"].as_array().unwrap();
    let result_of = |name: &str| results.iter().find(|r| r["index"] == name).unwrap()["result"].clone();
    assert_eq!(result_of(&names[0]), "done");
    assert_eq!(result_of(&names[1]), "failed");
    assert_eq!(result_of(&names[2]), "done");
    assert_eq!(f.names(), BTreeSet::from([names[1].clone(), names[3].clone()]));
}

#[test]
fn cron_runs_with_nothing_to_delete_print_nothing_on_stdout() {
    let f = Fixture::new("cron");
    f.create_all(&["2024.05.30", "2024.05.31"]);
    let out = f.retention(&["-q", &f.name("*"), "--older-than", "30d", "--execute", "--yes"]).success();
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("", ""), "a cron run with nothing to do mails nothing");
}

/// A count limit is a race too: a new index between the plan and the deletion pushes one more old
/// index beyond `--keep-last`, which the operator never saw.
#[test]
fn a_new_index_that_shifts_keep_last_between_plan_and_execute_stops_the_deletion() {
    let f = Fixture::new("recheck-count");
    if f.cluster.is_real() {
        return; // needs sandbox fault injection
    }
    let names = f.create_all(&["2024.05.01", "2024.05.02", "2024.05.03", "2024.05.04"]);
    let pattern = f.name("*");
    let out = run_with_change_before_the_recheck(&f, &[&pattern, "--keep-last", "2", "--execute", "--yes"], || {
        f.create("2024.05.05", json!({}));
    })
    .failure();
    assert!(out.stderr.contains("the cluster changed since the plan was read"), "{}", out.stderr);
    assert!(out.stderr.contains(&names[2]) && out.stderr.contains("nothing was done"), "{}", out.stderr);
    assert_eq!(f.names().len(), 5);
}
