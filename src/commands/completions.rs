//! `esops completions SHELL`: generated from the clap definitions.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use esops_core::exit::ExitStatus;
use esops_core::printer::Printer;

/// The completion script for `shell`, as committed under `completions/`.
pub fn completion_script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "esops", &mut out);
    out
}

/// Runs `esops completions SHELL`.
pub fn run_completions(args: &CompletionsArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    printer.data(&String::from_utf8_lossy(&completion_script(args.shell)))?;
    Ok(ExitStatus::Success)
}
