//! The command line itself: help, usage errors, exit codes, completions, man page, pipes.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::esops;
use clap_complete::Shell;
use esops::commands::completions::{completion_script, man_page};

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
