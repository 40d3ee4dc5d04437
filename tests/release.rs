//! What ships the tool but cannot run here (GitHub workflows, the Action, the container image, the
//! pre-commit hooks, the installer's download): each file parses, every `esops` command it runs is
//! one the current CLI accepts, and the paths and names they share agree.

use std::path::{Path, PathBuf};

use clap::Parser as _;
use serde_json::Value;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn yaml(path: &str) -> Value {
    serde_saphyr::from_str(&read(path)).unwrap_or_else(|e| panic!("{path} is not valid YAML: {e}"))
}

/// The `esops …` command lines of a shell script, cut at the first redirection, pipe or `&&`,
/// with the variables the files use replaced by a value of their kind.
fn esops_commands(script: &str) -> Vec<Vec<String>> {
    script
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("esops "))
        .map(|line| {
            line.split_whitespace()
                .take_while(|w| ![">", ">>", "|", "&&", ";", "||"].contains(w))
                .map(|w| match w.trim_matches('"') {
                    "$ESOPS_TREE" | "$file" => "policies".to_owned(),
                    "$man_dir" => "/tmp/man".to_owned(),
                    other => other.to_owned(),
                })
                .collect()
        })
        .collect()
}

fn assert_parses(origin: &str, words: &[String]) {
    if let Err(e) = esops::cli::Cli::try_parse_from(words) {
        panic!("{origin}: `{}` is not a command line esops accepts: {e}", words.join(" "));
    }
}

/// Every `run:` script of a workflow's jobs or a composite action's steps.
fn run_scripts(doc: &Value) -> Vec<String> {
    let mut steps: Vec<&Value> = Vec::new();
    if let Some(jobs) = doc["jobs"].as_object() {
        steps.extend(jobs.values().flat_map(|job| job["steps"].as_array().into_iter().flatten()));
    }
    steps.extend(doc["runs"]["steps"].as_array().into_iter().flatten());
    steps.iter().filter_map(|s| s["run"].as_str()).map(str::to_owned).collect()
}

#[test]
fn the_action_installs_esops_and_runs_validate_then_plan_as_markdown_with_detailed_exitcode() {
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    let scripts = run_scripts(&action);
    assert!(scripts[0].contains("$GITHUB_ACTION_PATH/.github/install.sh"), "{}", scripts[0]);
    let commands: Vec<Vec<String>> = scripts.iter().flat_map(|s| esops_commands(s)).collect();
    let lines: Vec<String> = commands.iter().map(|c| c.join(" ")).collect();
    assert_eq!(lines, ["esops validate policies", "esops plan policies -o markdown --detailed-exitcode"]);
    for command in &commands {
        assert_parses("action.yml", command);
    }
    for output in ["changes", "plan-file"] {
        assert!(action["outputs"][output]["value"].is_string(), "output {output}");
    }
    // Inputs reach scripts through env, never spliced into the script (no injection from a PR).
    for script in &scripts {
        assert!(!script.contains("${{"), "an expression inside a run script: {script}");
    }
}

#[test]
fn the_pre_commit_hooks_run_esops_validate_on_the_whole_tree() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_array().expect("a list of hooks");
    assert!(!hooks.is_empty());
    for hook in hooks {
        let entry = hook["entry"].as_str().unwrap();
        let words: Vec<String> = entry.split_whitespace().map(str::to_owned).collect();
        assert_parses(".pre-commit-hooks.yaml", &words);
        assert_eq!(words[1], "validate");
        assert_eq!(hook["pass_filenames"], false, "validate needs the whole tree to resolve references");
        assert!(["rust", "system"].contains(&hook["language"].as_str().unwrap()));
    }
}

#[test]
fn the_release_builds_the_targets_the_installer_downloads() {
    let release = yaml(".github/workflows/release.yml");
    let targets: Vec<&str> = release["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["target"].as_str().unwrap())
        .collect();
    for wanted in
        ["x86_64-unknown-linux-musl", "aarch64-unknown-linux-musl", "x86_64-apple-darwin", "aarch64-apple-darwin"]
    {
        assert!(targets.contains(&wanted), "release.yml does not build {wanted}");
    }
    assert!(targets.iter().any(|t| t.contains("windows")), "a Windows binary");
    let installer = read(".github/install.sh");
    for target in targets.iter().filter(|t| !t.contains("windows")) {
        assert!(installer.contains(&format!("target=\"{target}\"")), "install.sh never picks {target}");
    }
    // Both sides name the archive esops-TARGET.tar.gz holding esops-TARGET/esops.
    let scripts = run_scripts(&release).join("\n");
    assert!(scripts.contains("dir=\"esops-$TARGET\"") && scripts.contains("tar -czf \"$dir.tar.gz\" \"$dir\""));
    assert!(
        installer.contains("archive=\"esops-$target.tar.gz\"") && installer.contains("\"$tmp/esops-$target/esops\"")
    );
    assert!(scripts.contains("\"$archive.sha256\"") && installer.contains("$archive.sha256"), "checksums");
    assert!(scripts.contains("cp .github/install.sh dist/install.sh"), "the installer is a release asset");
    // Each crate the workflow publishes exists in the workspace.
    let manifest = read("Cargo.toml");
    for krate in ["es-syntax", "es-sandbox", "esops-core"] {
        assert!(manifest.contains(&format!("crates/{krate}")) && scripts.contains(krate), "{krate}");
    }
    let status = std::process::Command::new("sh").args(["-n"]).arg(repo(".github/install.sh")).status().unwrap();
    assert!(status.success(), "install.sh has a shell syntax error");
}

#[test]
fn ci_runs_the_integration_tests_and_the_corpus_against_real_elasticsearch_7_8_and_9() {
    let ci = yaml(".github/workflows/ci.yml");
    let job = &ci["jobs"]["real-elasticsearch"];
    let versions: Vec<&str> =
        job["strategy"]["matrix"]["version"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    for major in ["7.17.", "8.", "9."] {
        assert!(versions.iter().any(|v| v.starts_with(major)), "no Elasticsearch {major}x in {versions:?}");
    }
    let service = &job["services"]["elasticsearch"];
    assert!(service["image"].as_str().unwrap().starts_with("docker.elastic.co/elasticsearch/elasticsearch:"));
    assert_eq!(service["env"]["action.destructive_requires_name"], "false");
    assert_eq!(service["env"]["indices.lifecycle.poll_interval"], "1s");
    assert_eq!(job["env"]["ESOPS_TEST_URL"], "http://localhost:9200");
    let scripts = run_scripts(&ci).join("\n");
    assert!(scripts.contains("cargo test --locked --test integration -- --skip conformance::"));
    assert!(scripts.contains("cargo test --locked --test integration conformance::"));
    assert!(repo(".ci/run").is_file(), "the check job runs .ci/run");
}

#[test]
fn the_container_copies_the_binary_the_build_stage_makes_and_runs_it_as_non_root() {
    let dockerfile = read("Dockerfile");
    let instructions: Vec<(&str, &str)> = dockerfile
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once(' '))
        .collect();
    let value = |key: &str| instructions.iter().filter(|(k, _)| *k == key).map(|(_, v)| *v).collect::<Vec<_>>();
    let froms = value("FROM");
    let last = froms.last().unwrap();
    assert!(*last == "scratch" || last.starts_with("gcr.io/distroless/static"), "final stage: {last}");
    let build_dir = value("WORKDIR")[0];
    let build = value("RUN").into_iter().find(|r| r.contains("cargo build")).expect("a cargo build");
    assert!(build.contains("--release") && !build.contains("--target"), "{build}");
    let copy = value("COPY").into_iter().find(|c| c.contains("esops") && c.starts_with("--from=")).unwrap();
    let parts: Vec<&str> = copy.split_whitespace().collect();
    assert_eq!(parts[1], format!("{build_dir}/target/release/esops"), "the COPY takes what cargo build wrote");
    let entrypoint = value("ENTRYPOINT")[0];
    assert_eq!(entrypoint, format!("[\"{}\"]", parts[2]), "the entrypoint is the copied binary");
    let user = value("USER")[0];
    assert!(!["0", "root"].contains(&user.split(':').next().unwrap()), "runs as root: {user}");
}

/// The installer, run for real on a local "release" (file://) holding this build of esops.
#[test]
fn the_installer_checks_the_sha256_and_installs_the_binary_and_man_pages() {
    let target = match (std::env::consts::OS, std::env::consts::ARCH) {
        ("linux", "x86_64") => "x86_64-unknown-linux-musl",
        ("linux", "aarch64") => "aarch64-unknown-linux-musl",
        ("macos", "x86_64") => "x86_64-apple-darwin",
        ("macos", "aarch64") => "aarch64-apple-darwin",
        _ => return,
    };
    let has = |tool: &str| std::process::Command::new("sh").args(["-c", &format!("command -v {tool}")]).output();
    if !["curl", "tar"].iter().all(|t| has(t).is_ok_and(|o| o.status.success())) {
        eprintln!("curl or tar missing: the installer cannot run here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let release = dir.path().join("release");
    let staged = release.join(format!("esops-{target}"));
    std::fs::create_dir_all(&staged).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_esops"), staged.join("esops")).unwrap();
    let archive = format!("esops-{target}.tar.gz");
    let sh = |script: &str| {
        let out = std::process::Command::new("sh").args(["-c", script]).current_dir(&release).output().unwrap();
        assert!(out.status.success(), "{script}: {}", String::from_utf8_lossy(&out.stderr));
    };
    sh(&format!("tar -czf {archive} esops-{target} && rm -r esops-{target}"));
    sh(&format!("(sha256sum {archive} 2>/dev/null || shasum -a 256 {archive}) > {archive}.sha256"));

    let install = |expect_ok: bool| {
        let out = std::process::Command::new("sh")
            .arg(repo(".github/install.sh"))
            .env("HOME", dir.path())
            .env("ESOPS_DOWNLOAD_URL", format!("file://{}", release.display()))
            .env("ESOPS_INSTALL_DIR", dir.path().join("bin"))
            .env("ESOPS_MAN_DIR", dir.path().join("man"))
            .output()
            .unwrap();
        assert_eq!(out.status.success(), expect_ok, "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    };
    let said = install(true);
    assert!(said.contains(&format!("installed esops {}", env!("CARGO_PKG_VERSION"))), "{said}");
    assert!(dir.path().join("bin/esops").is_file());
    assert!(dir.path().join("man/esops-ilm-explain.1").is_file(), "man pages installed");

    // A tampered archive is refused, and nothing is installed over the good binary.
    std::fs::remove_file(dir.path().join("bin/esops")).unwrap();
    std::fs::write(release.join(format!("{archive}.sha256")), format!("{} {archive}\n", "0".repeat(64))).unwrap();
    let said = install(false);
    assert!(said.contains("SHA-256 is") && said.contains("nothing installed"), "{said}");
    assert!(!dir.path().join("bin/esops").exists());
}
