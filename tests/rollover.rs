//! `esops rollover` against a cluster: Elasticsearch's own dry run per condition, on aliases and
//! data streams, then `--execute`, checked against the names the cluster generates.
//!
//! Runs against the sandbox, or a real cluster with `ESOPS_TEST_URL` (unique prefixes, cleaned up).

use crate::common::{Outcome, Scoped, esops};
use serde_json::{Value, json};

crate::common::scoped_fixture!();

impl Fixture {
    fn new(tag: &str) -> Self {
        Fixture(Scoped::start("ro", tag))
    }

    /// `PREFIX-logs-000001` behind the write alias `PREFIX-logs`, with `docs` documents.
    fn alias_with_docs(&self, docs: usize) -> (String, String) {
        let alias = self.name("logs");
        let first = format!("{alias}-000001");
        self.request("PUT", &format!("/{first}"), Some(json!({"aliases": {alias.clone(): {"is_write_index": true}}})));
        for i in 0..docs {
            self.request("PUT", &format!("/{alias}/_doc/{i}?refresh=true"), Some(json!({"message": "hello"})));
        }
        (alias, first)
    }

    fn indices(&self) -> Vec<String> {
        let v = self.request(
            "GET",
            &format!("/_cat/indices/{p}*,.ds-{p}*?format=json&h=index&s=index&expand_wildcards=all", p = self.prefix),
            None,
        );
        v.as_array().unwrap().iter().map(|r| r["index"].as_str().unwrap().to_string()).collect()
    }

    fn rollover(&self, args: &[&str]) -> Outcome {
        esops().against(&self.cluster).args(["rollover"]).args(args).run()
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if !self.cluster.is_real() {
            return;
        }
        let _ = self.cluster.raw("DELETE", &format!("/_data_stream/{}", self.name("web")), None);
        let _ = self.cluster.raw("DELETE", &format!("/_index_template/{}", self.name("tpl")), None);
        let names = self.indices();
        if !names.is_empty() {
            let _ = self.cluster.raw("DELETE", &format!("/{}", names.join(",")), None);
        }
        let _ = self.cluster.raw("DELETE", &format!("/_ilm/policy/{}", self.name("policy")), None);
    }
}

fn json_of(outcome: &Outcome) -> Value {
    serde_json::from_str(&outcome.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", outcome.stdout))
}

/// `(condition name, met)` of the only target of a `-o json` report.
fn verdicts(doc: &Value) -> Vec<(String, bool)> {
    doc["targets"][0]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap().to_string(), c["met"].as_bool().unwrap()))
        .collect()
}

#[test]
fn each_condition_on_an_alias_is_shown_with_elasticsearchs_verdict() {
    let f = Fixture::new("conditions");
    let (alias, first) = f.alias_with_docs(3);
    let cases: [(&[&str], bool, &str); 8] = [
        (&["--max-docs", "2"], true, "max_docs"),
        (&["--max-docs", "5"], false, "max_docs"),
        (&["--max-age", "30d"], false, "max_age"),
        (&["--max-size", "1b"], true, "max_size"),
        (&["--max-primary-shard-size", "1b"], true, "max_primary_shard_size"),
        (&["--max-primary-shard-docs", "3"], true, "max_primary_shard_docs"),
        (&["--max-primary-shard-docs", "4"], false, "max_primary_shard_docs"),
        (&["--max-docs", "1", "--min-docs", "10"], false, "min_docs"),
    ];
    for (flags, due, condition) in cases {
        let mut args = vec![alias.as_str(), "-o", "json"];
        args.extend_from_slice(flags);
        let doc = json_of(&f.rollover(&args).success());
        let target = &doc["targets"][0];
        assert_eq!(target["due"], due, "{flags:?}: {target}");
        assert_eq!(target["new_index"], format!("{alias}-000002"), "{flags:?}");
        assert_eq!(target["target"]["write_index"], first);
        assert_eq!(target["outcome"], "dry_run");
        assert!(verdicts(&doc).iter().any(|(name, _)| name == condition), "{flags:?}: {target}");
    }
    let doc = json_of(&f.rollover(&[&alias, "--max-docs", "2", "--max-age", "30d", "-o", "json"]).success());
    assert_eq!(verdicts(&doc), [("max_age".to_string(), false), ("max_docs".to_string(), true)]);
    let docs = &doc["targets"][0]["conditions"][1]["current"];
    assert_eq!(docs, &json!({"unit": "docs", "value": 3}));
    // Dry runs changed nothing.
    assert_eq!(f.indices(), [first]);
}

#[test]
fn the_table_shows_each_condition_next_to_its_current_value() {
    let f = Fixture::new("table");
    let (alias, first) = f.alias_with_docs(3);
    let out = f.rollover(&[&alias, "--max-docs", "2", "--max-age", "30d"]).success();
    assert!(out.stdout.contains(&format!("{alias} (alias, conditions from flags): due")), "{}", out.stdout);
    assert!(out.stdout.contains(&format!("write index {first} -> {alias}-000002")), "{}", out.stdout);
    assert!(out.stdout.lines().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["max_docs", "2", "3", "yes"]));
    assert!(out.stderr.contains("1 target, 1 due (dry run: add --execute to roll over)"), "{}", out.stderr);
}

#[test]
fn execute_rolls_an_alias_over_to_the_generated_name() {
    let f = Fixture::new("exec");
    let (alias, first) = f.alias_with_docs(3);
    // Not due: --execute does nothing.
    let doc = json_of(&f.rollover(&[&alias, "--max-docs", "10", "--execute", "-o", "json"]).success());
    assert_eq!(doc["targets"][0]["outcome"], "not_due");
    assert_eq!(f.indices(), std::slice::from_ref(&first));
    let out = f.rollover(&[&alias, "--max-docs", "2", "--execute", "-o", "json"]).success();
    assert!(out.stderr.contains(&format!("rolling over {alias} on ")), "{}", out.stderr);
    let doc = json_of(&out);
    let second = format!("{alias}-000002");
    assert_eq!(doc["targets"][0]["outcome"], "rolled_over");
    assert_eq!(doc["targets"][0]["rolled_to"], second);
    assert_eq!(f.indices(), [first, second.clone()]);
    let aliases = f.request("GET", &format!("/{second}/_alias/{alias}"), None);
    assert_eq!(aliases[&second]["aliases"][&alias]["is_write_index"], true);
}

#[test]
fn data_streams_roll_over_to_the_next_backing_index() {
    let f = Fixture::new("ds");
    let stream = f.name("web");
    f.request(
        "PUT",
        &format!("/_index_template/{}", f.name("tpl")),
        Some(json!({"index_patterns": [format!("{stream}*")], "data_stream": {}, "priority": 500})),
    );
    f.request("PUT", &format!("/_data_stream/{stream}"), None);
    let backing = |f: &Fixture| -> Vec<String> {
        let ds = f.request("GET", &format!("/_data_stream/{stream}"), None);
        ds["data_streams"][0]["indices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["index_name"].as_str().unwrap().into())
            .collect()
    };
    let first = backing(&f);
    let doc = json_of(&f.rollover(&[&stream, "--max-docs", "0", "-o", "json"]).success());
    let target = &doc["targets"][0];
    assert_eq!(target["target"]["kind"], "data_stream");
    assert_eq!(target["due"], true);
    let expected = target["new_index"].as_str().unwrap().to_string();
    assert!(expected.starts_with(&format!(".ds-{stream}-")) && expected.ends_with("-000002"), "{expected}");
    assert_eq!(backing(&f), first);
    let doc = json_of(&f.rollover(&[&stream, "--force", "--execute", "-o", "json"]).success());
    assert_eq!(doc["targets"][0]["source"], json!({"kind": "force"}));
    assert_eq!(backing(&f), [first[0].clone(), expected]);
}

#[test]
fn date_named_indices_are_refused_with_the_difference_explained() {
    let f = Fixture::new("daily");
    let daily = f.name("2024.03.15");
    f.request("PUT", &format!("/{daily}"), Some(json!({})));
    f.rollover(&[&daily, "--max-age", "1d"])
        .failure()
        .stderr_has("is a daily (date-named) index, not a rollover target")
        .stderr_has(&format!("esops retention {}-*", f.prefix));
}

#[test]
fn conditions_come_from_the_governing_policy_when_no_flags_are_given() {
    let f = Fixture::new("policy");
    let policy = f.name("policy");
    f.request(
        "PUT",
        &format!("/_ilm/policy/{policy}"),
        Some(json!({"policy": {"phases": {"hot": {"actions": {"rollover": {"max_docs": 2, "max_age": "30d"}}}}}})),
    );
    let alias = f.name("logs");
    let first = format!("{alias}-000001");
    f.request(
        "PUT",
        &format!("/{first}"),
        Some(json!({"aliases": {alias.clone(): {"is_write_index": true}},
                    "settings": {"index.lifecycle.name": policy, "index.lifecycle.rollover_alias": alias}})),
    );
    for i in 0..3 {
        f.request("PUT", &format!("/{alias}/_doc/{i}?refresh=true"), Some(json!({"message": "hello"})));
    }
    // No target named: every alias and data stream a rollover policy governs.
    let doc = json_of(&f.rollover(&["-o", "json"]).success());
    let ours = doc["targets"].as_array().unwrap().iter().find(|t| t["target"]["name"] == alias).expect("governed");
    assert_eq!(ours["source"], json!({"kind": "policy", "policy": policy}));
    assert_eq!(ours["due"], true);
    assert_eq!(ours["conditions"].as_array().unwrap().len(), 2);
    // An alias without a policy needs flags.
    let bare = f.name("bare");
    f.request("PUT", &format!("/{bare}-000001"), Some(json!({"aliases": {bare.clone(): {}}})));
    f.rollover(&[&bare]).failure().stderr_has("--max-age");
}

/// `-f PATHS`: the conditions of the policy as the tree declares it (e.g. before `apply`), not as
/// the cluster holds it.
#[test]
fn conditions_come_from_a_declared_tree_with_from() {
    let f = Fixture::new("tree");
    let policy = f.name("policy");
    // On the cluster the policy rolls over at 100 docs; the tree says 2.
    f.request(
        "PUT",
        &format!("/_ilm/policy/{policy}"),
        Some(json!({"policy": {"phases": {"hot": {"actions": {"rollover": {"max_docs": 100}}}}}})),
    );
    let alias = f.name("logs");
    f.request(
        "PUT",
        &format!("/{alias}-000001"),
        Some(json!({"aliases": {alias.clone(): {"is_write_index": true}},
                    "settings": {"index.lifecycle.name": policy, "index.lifecycle.rollover_alias": alias}})),
    );
    for i in 0..3 {
        f.request("PUT", &format!("/{alias}/_doc/{i}?refresh=true"), Some(json!({"message": "hello"})));
    }
    let dir = tempfile::tempdir().unwrap();
    let tree = crate::common::write_file(
        dir.path(),
        "policy.yaml",
        &format!(
            "kind: ilm_policy\nname: {policy}\npolicy:\n  phases:\n    hot:\n      actions:\n        rollover:\n          max_docs: 2\n"
        ),
    );
    let cluster_view = json_of(&f.rollover(&[&alias, "-o", "json"]).success());
    assert_eq!(cluster_view["targets"][0]["due"], false, "{cluster_view}");
    let tree_view = json_of(&f.rollover(&[&alias, "-f", tree.to_str().unwrap(), "-o", "json"]).success());
    assert_eq!(tree_view["targets"][0]["due"], true, "{tree_view}");
    assert!(tree_view["targets"][0]["conditions"].to_string().contains("max_docs"), "{tree_view}");
}

#[test]
fn bad_conditions_fail_before_any_request() {
    let f = Fixture::new("bad");
    f.rollover(&["x", "--max-age", "soon"]).failure().stderr_has("max_age: \"soon\" is not a duration");
    f.rollover(&["x", "--min-docs", "1"]).failure().stderr_has("at least one max_* rollover condition");
    f.rollover(&["x", "--force", "--max-docs", "1"]).failure().stderr_has("cannot be used with");
}
