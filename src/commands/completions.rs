//! `esops completions SHELL` and `esops man`: generated from the clap definitions.

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

/// The man page (roff), as committed under `completions/esops.1`.
pub fn man_page() -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    Ok(out)
}

/// Runs `esops completions SHELL`.
pub fn run_completions(args: &CompletionsArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    printer.data(&String::from_utf8_lossy(&completion_script(args.shell)))?;
    Ok(ExitStatus::Success)
}

/// Runs `esops man`.
pub fn run_man(printer: &Printer) -> anyhow::Result<ExitStatus> {
    printer.data(&String::from_utf8_lossy(&man_page()?))?;
    Ok(ExitStatus::Success)
}
