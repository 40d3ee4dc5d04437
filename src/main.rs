//! The `esops` binary: parse, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

use esops::cli::Cli;
use esops::commands;
use esops_core::exit::{self, ExitStatus};

/// mimalloc rather than the system allocator: the sandbox (`esops sandbox`, `--sandbox`) allocates
/// per document and per field, and spent some 40 % of bulk indexing in glibc's malloc and free
/// (benches/sandbox_scale.rs: 10,105 → 17,843 docs/s through the python-logs pipeline).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    no_transparent_huge_pages();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are not errors; usage errors exit 1 like every other error.
            let status = if e.use_stderr() { ExitStatus::Failure } else { ExitStatus::Success };
            let _ = e.print();
            return status.into();
        }
    };
    let printer = commands::printer_for(&cli.global);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            printer.error(&format!("cannot start the async runtime: {e}"), None);
            return ExitStatus::Failure.into();
        }
    };
    match runtime.block_on(commands::run(cli, &printer)) {
        Ok(status) => status.into(),
        Err(err) if exit::is_broken_pipe(&err) => ExitStatus::Success.into(),
        Err(err) => {
            let report = exit::ErrorReport::from(&err);
            printer.error(&report.message, report.hint.as_deref());
            ExitStatus::Failure.into()
        }
    }
}

/// Turns transparent huge pages off for this process (Linux): where the system enables them
/// always, every first touch of memory mimalloc got back from the kernel zeroes 2 MiB, and decoding
/// large answers (the audit at 100,000 indices) or indexing (the sandbox) spent up to half its CPU
/// in the kernel zeroing pages (benches/audit.rs, benches/sandbox_scale.rs). Failure changes
/// nothing but speed, so it is ignored.
fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}
