//! `esops validate` and `esops render`: the invalid-file corpus, the shipped stack, JSON output,
//! the rendered shorthand, and `--sandbox`.

use std::path::{Path, PathBuf};

use crate::common::{TestCluster, esops, write_file};
use es_sandbox::SandboxConfig;

fn fixtures(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(sub)
}

/// `# expect: LINE:COLUMN message` lines of a fixture: the diagnostics it must produce.
fn expectations(file: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines()
        .filter_map(|l| l.strip_prefix("# expect: "))
        .map(|l| {
            let (at, message) = l.split_once(' ').expect("# expect: LINE:COLUMN message");
            (format!("{}:{at}: ", file.display()), message.to_string())
        })
        .collect()
}

/// The `*.yaml` files a corpus entry (a file, or a folder validated as one tree) consists of.
fn files_of(entry: &Path) -> Vec<PathBuf> {
    if entry.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(entry).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        files
    } else {
        vec![entry.to_path_buf()]
    }
}

/// Every file of the corpus fails with exit 1 and the diagnostics its comments announce, each at
/// its `file:line:column` — and validation sends no request, even with a cluster configured.
#[test]
fn every_invalid_fixture_fails_with_its_expected_diagnostics_and_no_request() {
    let cluster = TestCluster::sandbox(SandboxConfig::default());
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(fixtures("invalid")).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    assert!(entries.len() >= 30, "the corpus has {} entries", entries.len());
    let mut failures = Vec::new();
    for entry in &entries {
        let outcome = esops().args(["validate"]).args([entry]).against(&cluster).run();
        if outcome.code != 1 {
            failures.push(format!("{}: exit {} instead of 1\n{}", entry.display(), outcome.code, outcome.stderr));
            continue;
        }
        let expected: Vec<(String, String)> = files_of(entry).iter().flat_map(|f| expectations(f)).collect();
        assert!(!expected.is_empty(), "{} announces no `# expect:`", entry.display());
        for (at, message) in expected {
            let found = outcome.stderr.lines().any(|l| l.contains(&at) && l.contains(&message));
            if !found {
                failures.push(format!("{}: no `{at}… {message}` in\n{}", entry.display(), outcome.stderr));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n\n{}",
        failures.len(),
        entries.len(),
        failures.join("\n\n")
    );
    let (status, body) = cluster.raw("GET", "/_sandbox/requests", None);
    assert_eq!(status, 200);
    let requests: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(requests["total"], 0, "validate sent requests: {body}");
}

#[test]
fn the_shipped_policies_are_clean() {
    let outcome = esops().args(["validate"]).args([fixtures("../../policies")]).run().success();
    assert!(!outcome.stderr.contains("warning:"), "{}", outcome.stderr);
    assert!(outcome.stderr.contains("14 resources, 0 errors, 0 warnings"), "{}", outcome.stderr);
}

#[test]
fn json_output_lists_diagnostics_for_machines() {
    let file = fixtures("invalid/ilm-phase-order-shorthand.yaml");
    let outcome = esops().args(["validate", "-o", "json"]).args([&file]).run().failure();
    let diagnostics: serde_json::Value = serde_json::from_str(&outcome.stdout).unwrap();
    let first = &diagnostics[0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["code"], "ilm-phase-order");
    assert_eq!(first["file"], file.display().to_string());
    assert_eq!((first["line"].as_u64(), first["column"].as_u64()), (Some(7), Some(9)));
    assert_eq!(first["resource"], "ilm_policy/python-logs");
    assert!(first["message"].as_str().unwrap().contains("warm ends at 5d but hot already lasts 7d"));
    assert!(first["hint"].as_str().unwrap().contains("ages count from index creation"));
}

#[test]
fn warnings_do_not_fail_validation() {
    esops()
        .args(["validate"])
        .args([fixtures("valid/painless-condition.yaml")])
        .run()
        .success()
        .stderr_has("warning:")
        .stderr_has("runs Painless");
}

#[test]
fn assume_existing_accepts_resources_declared_elsewhere() {
    let file = fixtures("invalid/template-missing-ilm-policy.yaml");
    esops().args(["validate", "--assume-existing", "ilm_policy/python-*"]).args([&file]).run().success();
    esops()
        .args(["validate", "--assume-existing", "ilm_policy"])
        .args([&file])
        .run()
        .failure()
        .stderr_has("expected KIND/NAME");
}

#[test]
fn a_missing_path_is_an_error() {
    esops().args(["validate", "/nonexistent/policies"]).run().failure().stderr_has("/nonexistent/policies");
}

/// The shorthand's expansion, as `render -o json` prints it. Regenerate with
/// `ESOPS_BLESS=1 cargo test --test integration validate::`.
#[test]
fn render_expands_the_shorthand() {
    let source = fixtures("valid/shorthand.yaml");
    let expected_path = fixtures("valid/shorthand.rendered.json");
    // The fixture names a repository and an SLM policy it does not declare.
    let outcome = esops()
        .args(["render", "-o", "json"])
        .args(["--assume-existing", "snapshot_repository/backups", "--assume-existing", "slm_policy/nightly-snapshots"])
        .args([&source])
        .run()
        .success();
    if std::env::var_os("ESOPS_BLESS").is_some() {
        std::fs::write(&expected_path, &outcome.stdout).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    assert_eq!(
        outcome.stdout, expected,
        "render output changed: run `ESOPS_BLESS=1 cargo test --test integration validate::`"
    );
}

#[test]
fn render_refuses_an_invalid_tree() {
    esops()
        .args(["render"])
        .args([fixtures("invalid/ilm-phase-order-shorthand.yaml")])
        .run()
        .failure()
        .stderr_has("warm ends at 5d");
}

#[test]
fn render_yaml_names_each_request() {
    esops()
        .args(["render"])
        .args([fixtures("../../policies")])
        .run()
        .success()
        .stdout_has("method: PUT\npath: /_ilm/policy/python-logs\n")
        .stdout_has("managed_by: esops");
}

/// What only a server notices (here: a snapshot repository that does not exist) comes back from
/// the sandbox at the resource's declaration.
#[test]
fn validate_sandbox_reports_server_side_refusals_at_the_resource() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_file(
        dir.path(),
        "policy.yaml",
        "# a policy that is valid offline\nkind: ilm_policy\nname: mounted\nphases:\n  hot: 7d\n  cold: {until: 30d, searchable_snapshot: no-such-repo}\n  delete: true\n",
    );
    // Offline, an undeclared repository is an error of its own; assumed to exist, the server decides.
    esops()
        .args(["validate"])
        .args([&file])
        .run()
        .failure()
        .stderr_has("ilm_policy/mounted: snapshot_repository/no-such-repo is not declared in the tree");
    esops()
        .args(["validate", "--sandbox", "--assume-existing", "snapshot_repository/no-such-repo"])
        .args([&file])
        .run()
        .failure()
        .stderr_has(&format!("{}:2:1: ilm_policy/mounted: the sandbox refused it", file.display()))
        .stderr_has("no-such-repo");
    esops().args(["validate", "--sandbox"]).args([fixtures("../../policies")]).run().success();
}

#[test]
fn plan_without_a_policies_folder_says_how_to_pass_a_path() {
    let dir = tempfile::tempdir().unwrap();
    for command in ["plan", "validate"] {
        esops()
            .current_dir(dir.path())
            .args([command])
            .run()
            .failure()
            .stderr_has("policies: no such file or folder in ")
            .stderr_has("`policies/` is the tree read when no path is given")
            .stderr_has("e.g. `esops plan infra/policies/`");
    }
    esops().args(["validate", "nowhere/"]).run().failure().stderr_has("nowhere/: no such file or folder");
}

#[test]
fn a_reference_to_a_missing_resource_suggests_the_declared_name_it_nearly_matches() {
    let dir = tempfile::tempdir().unwrap();
    write_file(dir.path(), "policy.yaml", "kind: ilm_policy\nname: python-logs\nphases: {hot: 7d, delete: true}\n");
    write_file(
        dir.path(),
        "template.yaml",
        "kind: component_template\nname: lifecycle\ntemplate:\n  settings:\n    index.lifecycle.name: python-log\n",
    );
    esops()
        .args(["validate", dir.path().to_str().unwrap()])
        .run()
        .failure()
        .stderr_has("ilm_policy/python-log is not declared in the tree")
        .stderr_has("did you mean `python-logs`?");
    // Nothing near: the plain hint.
    write_file(
        dir.path(),
        "template.yaml",
        "kind: component_template\nname: lifecycle\ntemplate:\n  settings:\n    index.lifecycle.name: audit-trail\n",
    );
    let out = esops().args(["validate", dir.path().to_str().unwrap()]).run().failure();
    assert!(out.stderr.contains("declare it (kind: ilm_policy), fix the name") && !out.stderr.contains("did you mean"));
}
