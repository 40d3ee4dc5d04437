//! Fleets: read-only commands over several contexts, against several sandboxes with one of them
//! down — one combined report, the worst exit code, the dead cluster reported without stopping
//! the others. Sandbox-only (it needs clusters to start and one to be down).

use es_sandbox::{SandboxConfig, SeedSpec};

use crate::common::{TestCluster, esops, write_file};

/// Three contexts: `eu` (seeded: the audit has findings), `us` (empty), `ap` (nothing listens).
struct Fleet {
    _eu: TestCluster,
    _us: TestCluster,
    dir: tempfile::TempDir,
}

impl Fleet {
    fn start() -> Self {
        let seed = SeedSpec {
            family: "app-logs".into(),
            days: 5,
            policy: Some("app-logs".into()),
            extras: true,
            ..SeedSpec::default()
        };
        let eu = TestCluster::sandbox(SandboxConfig { seed: Some(seed), ..SandboxConfig::default() });
        let us = TestCluster::sandbox(SandboxConfig::default());
        let dir = tempfile::tempdir().unwrap();
        write_file(
            dir.path(),
            "config.yaml",
            &format!(
                "current_context: prod-eu\ncontexts:\n  - name: prod-eu\n    url: {}\n  - name: prod-us\n    url: {}\n  - name: prod-ap\n    url: http://127.0.0.1:1\n  - name: staging\n    url: {}\n",
                eu.url(),
                us.url(),
                us.url()
            ),
        );
        Fleet { _eu: eu, _us: us, dir }
    }

    fn esops(&self) -> crate::common::Esops {
        esops().env("ESOPS_CONFIG", self.dir.path().join("config.yaml"))
    }
}

#[test]
fn info_on_a_pattern_reports_every_cluster_and_the_dead_one_without_stopping() {
    let fleet = Fleet::start();
    let out = fleet
        .esops()
        .args(["--context", "prod-*", "info"])
        .run()
        .failure()
        .stdout_has("=== context prod-eu (http://127.0.0.1:")
        .stdout_has("=== context prod-ap (http://127.0.0.1:1): failed ===")
        .stdout_has("error: cannot connect to http://127.0.0.1:1: connection refused")
        .stderr_has("3 clusters: prod-eu, prod-us, prod-ap")
        .stderr_has("[prod-ap] error: cannot connect");
    assert_eq!(out.stdout.matches("esops-sandbox").count(), 2, "{}", out.stdout);
    assert!(!out.stdout.contains("staging"), "the pattern must not select staging:\n{}", out.stdout);
}

#[test]
fn json_has_a_clusters_array_with_each_result_or_error() {
    let fleet = Fleet::start();
    let out = fleet.esops().args(["--all-contexts", "info", "-o", "json"]).run().failure();
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["exit_code"], 1);
    let clusters = doc["clusters"].as_array().unwrap();
    let contexts: Vec<&str> = clusters.iter().map(|c| c["context"].as_str().unwrap()).collect();
    assert_eq!(contexts, ["prod-eu", "prod-us", "prod-ap", "staging"]);
    assert_eq!(clusters[0]["result"]["cluster_name"], "esops-sandbox");
    assert_eq!(clusters[0]["exit_code"], 0);
    assert_eq!(clusters[2]["exit_code"], 1);
    assert!(clusters[2]["error"].as_str().unwrap().contains("connection refused"));
    assert!(clusters[2].get("result").is_none());
}

#[test]
fn the_exit_code_is_the_worst_of_the_clusters() {
    let fleet = Fleet::start();
    // Findings on prod-eu only: 2, although prod-us alone would be 0.
    fleet.esops().args(["--context", "prod-us", "audit", "--fail-on", "warn"]).run().success();
    fleet.esops().args(["--context", "prod-eu,prod-us", "audit", "--fail-on", "warn"]).run().code(2);
    // An unreachable cluster is worse than findings: we know nothing about it.
    fleet.esops().args(["--context", "prod-eu,prod-ap", "audit", "--fail-on", "warn"]).run().code(1);
}

#[test]
fn prometheus_and_csv_carry_the_context_of_every_sample_and_row() {
    let fleet = Fleet::start();
    let out = fleet.esops().args(["--context", "prod-eu,prod-us,prod-ap", "audit", "-o", "prometheus"]).run().failure();
    let text = &out.stdout;
    assert!(text.contains("esops_fleet_cluster_up{context=\"prod-ap\"} 0"), "{text}");
    assert!(text.contains("esops_fleet_cluster_up{context=\"prod-eu\"} 1"), "{text}");
    assert!(text.contains("esops_family_store_bytes{context=\"prod-eu\",family=\"app-logs\"}"), "{text}");
    // Each metric family once, its samples together (the exposition format requires it).
    assert_eq!(text.matches("# TYPE esops_audit_timestamp_seconds gauge").count(), 1, "{text}");
    let timestamps: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("esops_audit_timestamp_seconds{"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(timestamps.len(), 2);
    assert_eq!(timestamps[1], timestamps[0] + 1, "{text}");
    let csv = fleet.esops().args(["--context", "prod-eu,prod-us", "audit", "-o", "csv"]).run().success().stdout;
    assert!(csv.starts_with("context,family,"), "{csv}");
    assert!(csv.lines().skip(1).all(|l| l.starts_with("prod-eu,") || l.starts_with("prod-us,")), "{csv}");
}

#[test]
fn retention_dry_run_and_ilm_explain_run_on_a_fleet() {
    let fleet = Fleet::start();
    fleet
        .esops()
        .args(["--context", "prod-eu,prod-us", "retention", "app-logs-*", "--older-than", "2d"])
        .run()
        .success()
        .stdout_has("=== context prod-eu")
        .stdout_has("=== context prod-us");
    fleet
        .esops()
        .args(["--context", "prod-eu,prod-us", "ilm", "explain", "-o", "json"])
        .run()
        .success()
        .stdout_has("\"clusters\"");
}

#[test]
fn fleets_refuse_what_they_cannot_do_safely() {
    let fleet = Fleet::start();
    fleet
        .esops()
        .args(["--context", "prod-*", "export"])
        .run()
        .failure()
        .stderr_has("several contexts work with the commands that read or change clusters");
    fleet
        .esops()
        .args(["--context", "prod-eu,prod-us", "retention", "app-logs-*", "--older-than", "2d", "--plan-out", "p.json"])
        .run()
        .failure()
        .stderr_has("a saved plan (--plan, --plan-out) belongs to one cluster");
    fleet
        .esops()
        .args(["--context", "prod-*", "--url", "http://127.0.0.1:1", "info"])
        .run()
        .failure()
        .stderr_has("--url would send every context of the fleet to the same cluster");
    fleet
        .esops()
        .args(["--context", "prod-eu,dev-*", "info"])
        .run()
        .failure()
        .stderr_has("context `dev-*` (--context) is not defined")
        .stderr_has("available: prod-eu, prod-us, prod-ap, staging");
}

/// A cluster that refuses the write (a 403 on the policy PUT) before a writable one: `apply` plans
/// both, asks once, and stops at the refusing one unless `--keep-going`.
#[test]
fn apply_shows_every_plan_then_goes_cluster_by_cluster_stopping_at_the_first_failure() {
    let readonly = TestCluster::sandbox(SandboxConfig::default());
    let (status, body) = readonly.raw(
        "POST",
        "/_sandbox/faults",
        Some(r#"{"method":"PUT","path":"/_ilm/policy/fleet-logs","status":403,"body":{"error":{"type":"security_exception","reason":"action [cluster:admin/ilm/put] is unauthorized"},"status":403}}"#),
    );
    assert_eq!(status, 200, "{body}");
    let writable = TestCluster::sandbox(SandboxConfig::default());
    let dir = tempfile::tempdir().unwrap();
    let config = write_file(
        dir.path(),
        "config.yaml",
        &format!(
            "contexts:\n  - name: a-readonly\n    url: {}\n  - name: b-writable\n    url: {}\n",
            readonly.url(),
            writable.url()
        ),
    );
    write_file(
        dir.path(),
        "tree/policy.yaml",
        "kind: ilm_policy\nname: fleet-logs\nphases:\n  hot: 7d\n  delete: true\n",
    );
    let apply = |extra: &[&str]| {
        esops()
            .env("ESOPS_CONFIG", &config)
            .args(["--all-contexts", "apply"])
            .args([dir.path().join("tree")])
            .args(extra)
            .run()
    };
    // No terminal, no --yes: every plan is shown, nothing is applied.
    apply(&[])
        .failure()
        .stdout_has("=== context a-readonly: context a-readonly,")
        .stdout_has("=== context b-writable: context b-writable,")
        .stderr_has("not going ahead on any of the 2 clusters: no terminal to confirm on; pass --yes to apply");
    apply(&["--yes"])
        .failure()
        .stdout_has("=== context a-readonly: FAILED ===")
        .stdout_has("a-readonly  FAILED: applying ilm_policy/fleet-logs failed")
        .stdout_has("b-writable  not attempted: a-readonly failed first\nfleet: 1 FAILED, 1 not attempted\n")
        .stderr_has("[a-readonly] error:");
    assert_eq!(writable.raw("GET", "/_ilm/policy/fleet-logs", None).0, 404, "b-writable must not have been touched");
    apply(&["--yes", "--keep-going"])
        .failure()
        .stdout_has("=== context b-writable: done ===")
        .stdout_has("b-writable  done\nfleet: 1 FAILED, 1 done\n");
    assert_eq!(writable.raw("GET", "/_ilm/policy/fleet-logs", None).0, 200);
}

#[test]
fn the_fleet_ci_example_parses_and_its_config_names_no_secret() {
    use clap::Parser;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ci");
    let workflow: serde_json::Value =
        serde_saphyr::from_str(&std::fs::read_to_string(root.join("github-actions-fleet.yml")).unwrap()).unwrap();
    let mut commands = Vec::new();
    for job in workflow["jobs"].as_object().unwrap().values() {
        for step in job["steps"].as_array().unwrap() {
            let script = step["run"].as_str().unwrap_or_default();
            commands.extend(script.lines().map(str::trim).filter(|l| l.starts_with("esops ")).map(str::to_string));
        }
    }
    assert_eq!(commands.len(), 4, "{commands:?}");
    for command in commands {
        let words: Vec<&str> = command.split_whitespace().take_while(|w| *w != ">" && *w != ">>").collect();
        if let Err(e) = esops::cli::Cli::try_parse_from(&words) {
            panic!("`{command}` does not parse: {e}");
        }
    }
    let config = esops_core::connect::ConfigFile::load(&root.join("esops-fleet.yaml")).unwrap().unwrap();
    assert_eq!(config.names(), ["prod-eu", "prod-us", "prod-ap"]);
    assert!(config.contexts.iter().all(|c| matches!(c.api_key, Some(esops_core::connect::SecretRef::Env(_)))));
}

/// Three seeded clusters (`c1`, `c2`, `c3`, in that order) with six daily `app-logs` indices
/// each, no ILM: what `retention` deletes is what it was asked to.
struct Seeded {
    clusters: Vec<TestCluster>,
    dir: tempfile::TempDir,
}

impl Seeded {
    fn start(extra_context: &str) -> Self {
        let seed = SeedSpec { family: "app-logs".into(), days: 6, ..SeedSpec::default() };
        let clusters: Vec<TestCluster> = (0..3)
            .map(|_| TestCluster::sandbox(SandboxConfig { seed: Some(seed.clone()), ..SandboxConfig::default() }))
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let mut config = String::from("contexts:\n");
        for (i, cluster) in clusters.iter().enumerate() {
            config.push_str(&format!("  - name: c{}\n    url: {}\n", i + 1, cluster.url()));
        }
        config.push_str(extra_context);
        write_file(dir.path(), "config.yaml", &config);
        Seeded { clusters, dir }
    }

    fn esops(&self) -> crate::common::Esops {
        esops().env("ESOPS_CONFIG", self.dir.path().join("config.yaml"))
    }

    /// `esops --all-contexts retention app-logs-* --keep-last 3 --execute EXTRA…`: the oldest three.
    fn retention(&self, extra: &[&str]) -> crate::common::Outcome {
        self.esops()
            .args(["--all-contexts", "retention", "app-logs-*", "--keep-last", "3", "--execute"])
            .args(extra)
            .run()
    }

    /// How many `app-logs` indices each cluster holds.
    fn counts(&self) -> Vec<usize> {
        self.clusters
            .iter()
            .map(|c| {
                let (status, body) = c.raw("GET", "/_cat/indices/app-logs-*?h=index", None);
                assert_eq!(status, 200, "{body}");
                body.lines().filter(|l| !l.trim().is_empty()).count()
            })
            .collect()
    }

    /// Makes cluster `i` refuse every index deletion (a 403, as a missing privilege does).
    fn refuse_deletes(&self, i: usize) {
        let rule = r#"{"method":"DELETE","path":"/app-logs-","status":403,"body":{"error":{"type":"security_exception","reason":"action [indices:admin/delete] is unauthorized"},"status":403}}"#;
        let (status, body) = self.clusters[i].raw("POST", "/_sandbox/faults", Some(rule));
        assert_eq!(status, 200, "{body}");
    }
}

#[test]
fn retention_execute_on_a_fleet_shows_every_plan_asks_once_then_deletes_cluster_by_cluster() {
    let fleet = Seeded::start("");
    // No terminal and no --yes: every plan and the totals are shown, nothing is deleted anywhere.
    fleet
        .retention(&[])
        .failure()
        .stdout_has("=== context c1: context c1, http://127.0.0.1:")
        .stdout_has("=== context c3: context c3, http://127.0.0.1:")
        .stdout_has("c1  not attempted\nc2  not attempted\nc3  not attempted\nfleet: 3 not attempted\n")
        .stderr_has("warning: c1  Delete 3 indices (")
        .stderr_has("warning: The data of 9 indices (")
        .stderr_has("is deleted: 3 on c1 (")
        .stderr_has("not going ahead on any of the 3 clusters: no terminal to confirm on; pass --yes to delete");
    assert_eq!(fleet.counts(), [6, 6, 6]);
    let out = fleet
        .retention(&["--yes"])
        .success()
        .stdout_has("=== context c1: done ===")
        .stdout_has("3 deleted, 0 already gone, 0 failed")
        .stdout_has("c1  done\nc2  done\nc3  done\nfleet: 3 done\n");
    // Plans first (all three), then the deletions, cluster by cluster in the file's order.
    let plans = out.stdout.find("=== context c3: context c3").unwrap();
    let first_done = out.stdout.find("=== context c1: done ===").unwrap();
    let last_done = out.stdout.find("=== context c3: done ===").unwrap();
    assert!(plans < first_done && first_done < last_done, "{}", out.stdout);
    assert_eq!(fleet.counts(), [3, 3, 3]);
    // Nothing left to delete: nothing is asked, and all is well.
    fleet
        .retention(&[])
        .success()
        .stdout_has("fleet: 3 nothing to do\n")
        .stderr_has("Nothing to change on any cluster.");
}

#[test]
fn a_failure_in_cluster_2_of_3_stops_the_fleet_unless_keep_going() {
    let fleet = Seeded::start("");
    fleet.refuse_deletes(1);
    fleet.retention(&["--yes"]).failure().stdout_has("=== context c2: FAILED ===").stdout_has(
        "c1  done\nc2  FAILED (its section above says what failed)\nc3  not attempted: c2 failed first\nfleet: 1 done, 1 FAILED, 1 not attempted\n",
    );
    assert_eq!(fleet.counts(), [3, 6, 6], "c3 must not have been touched");
    fleet
        .retention(&["--yes", "--keep-going"])
        .failure()
        .stdout_has("c1  nothing to do\nc2  FAILED (its section above says what failed)\nc3  done\nfleet: 1 nothing to do, 1 FAILED, 1 done\n");
    assert_eq!(fleet.counts(), [3, 6, 3]);
}

#[test]
fn a_cluster_unreachable_at_plan_time_stops_everything_unless_keep_going() {
    let fleet = Seeded::start("  - name: down\n    url: http://127.0.0.1:1\n");
    fleet
        .retention(&["--yes"])
        .failure()
        .stdout_has("=== context down: cannot plan ===\nerror: cannot connect to http://127.0.0.1:1")
        .stdout_has("down  cannot plan: cannot connect")
        .stderr_has("nothing was changed on any cluster: down could not be planned; fix that, or pass --keep-going");
    assert_eq!(fleet.counts(), [6, 6, 6]);
    fleet.retention(&["--yes", "--keep-going"]).failure().stdout_has("fleet: 3 done, 1 cannot plan\n");
    assert_eq!(fleet.counts(), [3, 3, 3]);
}

#[test]
fn json_of_a_fleet_action_has_one_entry_per_cluster_with_its_step() {
    let fleet = Seeded::start("  - name: down\n    url: http://127.0.0.1:1\n");
    fleet.refuse_deletes(1);
    let out = fleet.retention(&["--yes", "--keep-going", "-o", "json"]).failure();
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["exit_code"], 1);
    let clusters = doc["clusters"].as_array().unwrap();
    let steps: Vec<(&str, &str)> =
        clusters.iter().map(|c| (c["context"].as_str().unwrap(), c["step"].as_str().unwrap())).collect();
    assert_eq!(steps, [("c1", "done"), ("c2", "failed"), ("c3", "done"), ("down", "cannot_plan")]);
    assert_eq!(clusters[0]["result"]["execution"]["results"].as_array().unwrap().len(), 3);
    assert_eq!(clusters[1]["exit_code"], 1);
    assert!(clusters[3]["error"].as_str().unwrap().contains("connection refused"));
}

#[test]
fn on_a_terminal_a_fleet_deletion_wants_the_count_not_yes() {
    let fleet = Seeded::start("");
    let config = fleet.dir.path().join("config.yaml");
    let env = [("ESOPS_CONFIG", config.to_str().unwrap())];
    let args = "--all-contexts retention 'app-logs-*' --keep-last 3 --execute";
    let Some((code, screen)) = crate::common::on_a_terminal(&env, args, "yes\n") else {
        eprintln!("no `script` command: cannot stage a terminal here");
        return;
    };
    assert_eq!(code, 1, "{screen}");
    assert!(
        screen.contains(
            "Type the number of indices whose data is deleted (9) to go ahead on 3 clusters (c1, c2, c3), one after the other:"
        ),
        "{screen}"
    );
    assert!(screen.contains("not confirmed (\"yes\")"), "{screen}");
    assert_eq!(fleet.counts(), [6, 6, 6]);
    let (code, screen) = crate::common::on_a_terminal(&env, args, "9\n").unwrap();
    assert_eq!(code, 0, "{screen}");
    assert_eq!(fleet.counts(), [3, 3, 3]);
}

#[test]
fn index_actions_and_ilm_verbs_run_on_a_fleet_too() {
    let fleet = Seeded::start("");
    let out = fleet
        .esops()
        .args(["--context", "c1,c3", "indices", "close", "app-logs-*", "--keep-last", "3", "--execute", "--yes"])
        .run()
        .success()
        .stdout_has("c1  done\nc3  done\nfleet: 2 done\n");
    assert!(!out.stderr.contains("data of"), "closing deletes no data: {}", out.stderr);
    let closed =
        |i: usize| fleet.clusters[i].raw("GET", "/_cat/indices/app-logs-*?h=status", None).1.matches("close").count();
    assert_eq!([closed(0), closed(1), closed(2)], [3, 0, 3]);
    // A verb that deletes nothing asks for `yes` on a terminal.
    fleet
        .esops()
        .args(["--all-contexts", "ilm", "stop", "--execute"])
        .run()
        .failure()
        .stderr_has("warning: c1  Stop ILM (")
        .stderr_has("no terminal to confirm on; pass --yes to stop without asking");
    fleet
        .esops()
        .args(["--all-contexts", "ilm", "stop", "--execute", "--yes", "-o", "json"])
        .run()
        .success()
        .stdout_has("\"step\": \"done\"");
    for cluster in &fleet.clusters {
        assert_ne!(cluster.request("GET", "/_ilm/status", None)["operation_mode"], "RUNNING");
    }
}

#[test]
fn rollover_execute_on_a_fleet_asks_once_and_rolls_cluster_by_cluster() {
    let fleet = Seeded::start("");
    for cluster in &fleet.clusters {
        let alias = serde_json::json!({"aliases": {"fleet-write": {"is_write_index": true}}});
        cluster.request("PUT", "/fleet-write-000001", Some(alias));
    }
    let rollover = |extra: &[&str]| {
        fleet.esops().args(["--context", "c1,c2", "rollover", "fleet-write", "--force", "--execute"]).args(extra).run()
    };
    rollover(&[])
        .failure()
        .stderr_has("warning: c1  Roll over 1 target (fleet-write)")
        .stderr_has("no terminal to confirm on; pass --yes to roll over without asking");
    let exists = |i: usize| fleet.clusters[i].raw("HEAD", "/fleet-write-000002", None).0 == 200;
    assert!(!exists(0) && !exists(1));
    rollover(&["--yes"]).success().stdout_has("c1  done\nc2  done\nfleet: 2 done\n");
    assert_eq!([exists(0), exists(1), exists(2)], [true, true, false]);
}

/// An apply that makes ILM delete data on two clusters: the fleet's question wants the number of
/// indices whose data goes, as retention's does, not a reflex `yes`.
#[test]
fn a_fleet_apply_that_makes_ilm_delete_data_asks_for_the_count() {
    let seed = SeedSpec { family: "app-logs".into(), days: 6, policy: Some("app-logs".into()), ..SeedSpec::default() };
    let clusters: Vec<TestCluster> = (0..2)
        .map(|_| TestCluster::sandbox(SandboxConfig { seed: Some(seed.clone()), ..SandboxConfig::default() }))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let config = write_file(
        dir.path(),
        "config.yaml",
        &format!(
            "contexts:\n  - name: eu\n    url: {}\n  - name: us\n    url: {}\n",
            clusters[0].url(),
            clusters[1].url()
        ),
    );
    write_file(
        dir.path(),
        "tree/policy.yaml",
        "kind: ilm_policy\nname: app-logs\nphases:\n  hot: 3d\n  delete: true\n",
    );
    let args = format!("--all-contexts apply {}", dir.path().join("tree").display());
    let refused = esops().env("ESOPS_CONFIG", &config).args(args.split(' ')).run().failure();
    assert!(refused.stderr.contains("warning: The data of "), "{}", refused.stderr);
    assert!(refused.stderr.contains("no terminal to confirm on; pass --yes to apply"), "{}", refused.stderr);
    let policy_deletes_after = |c: &TestCluster| {
        c.request("GET", "/_ilm/policy/app-logs", None)["app-logs"]["policy"]["phases"]["delete"]["min_age"].clone()
    };
    let before = policy_deletes_after(&clusters[0]);
    let env = [("ESOPS_CONFIG", config.to_str().unwrap())];
    let Some((code, screen)) = crate::common::on_a_terminal(&env, &args, "yes\n") else {
        eprintln!("no `script` command: cannot stage a terminal here");
        return;
    };
    assert_eq!(code, 1, "{screen}");
    let count = regex::Regex::new(
        r"Type the number of indices whose data is deleted \((\d+)\) to go ahead on 2 clusters \(eu, us\)",
    )
    .unwrap()
    .captures(&screen)
    .unwrap_or_else(|| panic!("{screen}"))[1]
        .to_string();
    assert_eq!(policy_deletes_after(&clusters[0]), before, "nothing may change on a `yes`");
    let (code, screen) = crate::common::on_a_terminal(&env, &args, &format!("{count}\n")).unwrap();
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("eu  done") && screen.contains("us  done"), "{screen}");
    assert_ne!(policy_deletes_after(&clusters[1]), before);
}

#[test]
fn ilm_retry_on_a_fleet_asks_once_then_retries_cluster_by_cluster() {
    let fleet = Seeded::start("");
    let step = |c: &TestCluster| {
        let answer = c.request("GET", "/stuck-2024.03.15/_ilm/explain", None);
        answer["indices"]["stuck-2024.03.15"]["step"].as_str().unwrap_or_default().to_string()
    };
    // A rollover policy on an index without a rollover alias: ILM's check fails, the index goes to ERROR.
    for cluster in &fleet.clusters[..2] {
        let policy = serde_json::json!({"policy": {"phases": {"hot": {"actions": {"rollover": {"max_age": "1d"}}}}}});
        cluster.request("PUT", "/_ilm/policy/rolling", Some(policy));
        let settings = serde_json::json!({"settings": {"index.lifecycle.name": "rolling", "number_of_replicas": 0}});
        cluster.request("PUT", "/stuck-2024.03.15", Some(settings));
        cluster.request("POST", "/_sandbox/clock/_advance?by=1m", Some(serde_json::json!({})));
        assert_eq!(step(cluster), "ERROR");
    }
    let retry =
        |extra: &[&str]| fleet.esops().args(["--context", "c1,c2,c3", "ilm", "retry", "stuck-*"]).args(extra).run();
    retry(&[])
        .failure()
        .stderr_has("warning: c1  Retry the failed ILM step of the 1 index in ERROR (stuck-2024.03.15)")
        .stderr_has("not going ahead on any of the 2 clusters")
        .stderr_has("no terminal to confirm on; pass --yes to retry without asking");
    assert_eq!([step(&fleet.clusters[0]), step(&fleet.clusters[1])], ["ERROR", "ERROR"]);
    let entered = |c: &TestCluster| {
        let answer = c.request("GET", "/stuck-2024.03.15/_ilm/explain", None);
        answer["indices"]["stuck-2024.03.15"]["step_time_millis"].as_i64().unwrap_or_default()
    };
    let in_error_since = [entered(&fleet.clusters[0]), entered(&fleet.clusters[1])];
    retry(&["--yes"]).success().stdout_has("c1  done\nc2  done\nc3  nothing to do\nfleet: 2 done, 1 nothing to do\n");
    // Retried: out of ERROR, or (ILM having run the failing check again meanwhile) back in it later.
    for (cluster, since) in fleet.clusters[..2].iter().zip(in_error_since) {
        assert!(step(cluster) != "ERROR" || entered(cluster) > since, "{} not retried", cluster.url());
    }
}
