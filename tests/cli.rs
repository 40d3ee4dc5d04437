//! The command line itself: help, usage errors, exit codes, completions, man page, pipes.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::esops;
use clap_complete::Shell;
use esops::commands::completions::completion_script;
use esops::commands::man::man_page;

#[test]
fn help_exits_zero_and_lists_commands() {
    esops().args(["--help"]).run().success().stdout_has("info").stdout_has("Exit codes: 0 success");
}

#[test]
fn version_exits_zero() {
    esops().args(["--version"]).run().success().stdout_has(env!("CARGO_PKG_VERSION"));
}

#[test]
fn usage_error_exits_one_with_clap_message() {
    esops().args(["info", "--no-such-flag"]).run().failure().stderr_has("--no-such-flag");
    esops().args(["--timeout", "soon", "info"]).run().failure().stderr_has("examples: 30s, 2m, 1h");
}

#[test]
fn no_arguments_prints_help_and_fails() {
    esops().run().failure().stderr_has("Usage:");
}

/// Each committed file under `completions/`, and what generates it.
fn generated_files() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("esops.bash", completion_script(Shell::Bash)),
        ("_esops", completion_script(Shell::Zsh)),
        ("esops.fish", completion_script(Shell::Fish)),
        ("_esops.ps1", completion_script(Shell::PowerShell)),
        ("esops.elv", completion_script(Shell::Elvish)),
        ("esops.1", man_page().expect("man page")),
    ]
}

/// The committed completions and man page match the CLI. Regenerate with
/// `ESOPS_BLESS=1 cargo test --test integration cli::completions`.
#[test]
fn completions_and_man_page_match_the_cli() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let bless = std::env::var_os("ESOPS_BLESS").is_some();
    for (name, content) in generated_files() {
        let path = dir.join(name);
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &content).unwrap();
            continue;
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == content,
            "completions/{name} is out of date with the CLI: run `ESOPS_BLESS=1 cargo test --test integration cli::completions` and commit"
        );
    }
}

#[test]
fn completions_command_prints_the_committed_script() {
    let out = esops().args(["completions", "bash"]).run().success();
    assert_eq!(out.stdout.as_bytes(), completion_script(Shell::Bash).as_slice());
    esops().args(["completions", "tcsh"]).run().failure().stderr_has("invalid value 'tcsh'");
}

#[test]
fn man_prints_roff() {
    esops().args(["man"]).run().success().stdout_has(".TH esops");
}

#[test]
fn broken_pipe_is_success() {
    // The reader is gone before esops writes, like `esops completions bash | true`.
    let mut child = Command::new(env!("CARGO_BIN_EXE_esops"))
        .args(["completions", "bash"])
        .env_clear()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "a broken pipe is not worth a message: {}", String::from_utf8_lossy(&out.stderr));
}

/// Every command path, `esops` first: `["esops"]`, `["esops", "ilm"]`, `["esops", "ilm", "explain"]`, …
fn command_paths(cmd: &clap::Command, prefix: &[String], out: &mut Vec<(Vec<String>, clap::Command)>) {
    let mut path = prefix.to_vec();
    path.push(cmd.get_name().to_owned());
    out.push((path.clone(), cmd.clone()));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        command_paths(sub, &path, out);
    }
}

#[test]
fn man_out_writes_a_page_per_command_with_every_flag_and_no_dangling_references() {
    use clap::CommandFactory;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    esops()
        .args([std::ffi::OsStr::new("man"), std::ffi::OsStr::new("--out"), out.as_os_str()])
        .run()
        .success()
        .stderr_has("man pages to");

    let mut cli = esops::cli::Cli::command();
    cli.build();
    let mut paths = Vec::new();
    command_paths(&cli, &[], &mut paths);
    assert!(paths.iter().any(|(p, _)| p.join("-") == "esops-ilm-explain"), "nested commands are walked");
    for (path, cmd) in &paths {
        let name = format!("{}.1", path.join("-"));
        let page = std::fs::read_to_string(out.join(&name)).unwrap_or_else(|_| panic!("{name} was not written"));
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            if let Some(long) = arg.get_long() {
                let roff = format!("\\-\\-{}", long.replace('-', "\\-"));
                assert!(page.contains(&roff), "{name} does not document --{long}");
            }
        }
    }
    let written: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(written.len(), paths.len(), "one page per command, no more: {written:?}");

    // Every `esops…(1)` a page mentions is a page that exists.
    let reference = regex::Regex::new(r"(esops(?:\\-[a-z]+)*)(?:\\fR)?\(1\)").unwrap();
    for file in &written {
        let page = std::fs::read_to_string(out.join(file)).unwrap();
        for cap in reference.captures_iter(&page) {
            let target = format!("{}.1", cap[1].replace("\\-", "-"));
            assert!(written.contains(&target), "{file} refers to {target}, which was not generated");
        }
    }
}

#[test]
fn top_man_page_has_environment_exit_status_files_and_examples_from_the_code() {
    let page = String::from_utf8(man_page().unwrap()).unwrap();
    for section in [".SH ENVIRONMENT", ".SH \"EXIT STATUS\"", ".SH FILES", ".SH EXAMPLES", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "top page lacks {section}");
    }
    for var in esops_core::connect::ENV_VARS {
        assert!(page.contains(&format!(".B {}", var.name.replace('-', "\\-"))), "ENVIRONMENT lacks {}", var.name);
        for fallback in var.fallbacks {
            assert!(page.contains(fallback), "ENVIRONMENT lacks the fallback {fallback}");
        }
    }
    for status in esops_core::exit::ExitStatus::ALL {
        assert!(page.contains(&format!(".B {}\n", status.code())), "EXIT STATUS lacks {}", status.code());
    }
    assert!(page.contains("esops\\-plan(1)"), "SUBCOMMANDS names the pages of the commands");
}
