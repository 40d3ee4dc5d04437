//! `esops man`: man pages generated from the clap definitions, one per command.
//!
//! clap_mangen renders each command's NAME, SYNOPSIS, DESCRIPTION, OPTIONS and SUBCOMMANDS; the
//! sections an operator looks for in a tool's top page (ENVIRONMENT, EXIT STATUS, FILES, EXAMPLES)
//! come from the code that defines them — `esops_core::connect::ENV_VARS` and
//! `esops_core::exit::ExitStatus` — so they cannot drift from what the binary does.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;
use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use esops_core::connect::ENV_VARS;
use esops_core::exit::ExitStatus;
use esops_core::printer::Printer;

/// One generated page: its file name (`esops-ilm-explain.1`) and its roff source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManPage {
    /// The file name, section included: the command path joined with `-`, then `.1`.
    pub file_name: String,
    /// The page, in roff.
    pub roff: Vec<u8>,
}

/// Examples for the top page: what it does, then the command line.
const EXAMPLES: &[(&str, &str)] = &[
    (
        "Try esops without a cluster: serve an emulated one with 30 days of daily indices under ILM.",
        "esops sandbox --seed python-logs",
    ),
    ("Check the tree in ./policies offline, then compare it with the cluster.", "esops validate && esops plan"),
    (
        "In CI: a pull-request comment, exit 2 when the tree would change the cluster.",
        "esops plan -o markdown --detailed-exitcode",
    ),
    ("Carry out the plan without asking (CI, after review).", "esops apply --yes"),
    (
        "Disk use per index family, for cron: metrics on stdout, exit 2 on errors.",
        "esops audit -o prometheus --fail-on error",
    ),
    (
        "Which indices are past 30 days (dry run), then delete them.",
        "esops retention 'logs-*' --older-than 30d --execute",
    ),
    ("Indices whose ILM step failed, first; retry them.", "esops ilm explain 'logs-*' && esops ilm retry 'logs-*'"),
    ("Install every man page for the current user.", "esops man --out ~/.local/share/man/man1"),
];

/// Every page: `esops.1` first, then each command and nested command (`esops-ilm-explain.1`),
/// in the order `esops --help` lists them.
pub fn man_pages() -> anyhow::Result<Vec<ManPage>> {
    let mut cli = Cli::command().disable_help_subcommand(true);
    // Building sets each subcommand's display name (`esops-ilm-explain`) and propagates the
    // global options, so every page lists every flag its command accepts.
    cli.build();
    let mut pages = Vec::new();
    collect(&cli, None, &mut pages)?;
    Ok(pages)
}

/// The top page, `esops.1`.
pub fn man_page() -> anyhow::Result<Vec<u8>> {
    Ok(man_pages()?.swap_remove(0).roff)
}

/// Runs `esops man`: the top page on stdout, or every page into `--out DIR`.
pub fn run(args: &ManArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let Some(dir) = &args.out else {
        printer.data(&String::from_utf8_lossy(&man_page()?))?;
        return Ok(ExitStatus::Success);
    };
    let pages = man_pages()?;
    write_pages(dir, &pages)?;
    printer.status(&format!(
        "wrote {} man pages to {} (try: man {}/esops.1)",
        pages.len(),
        dir.display(),
        dir.display()
    ));
    Ok(ExitStatus::Success)
}

fn write_pages(dir: &Path, pages: &[ManPage]) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for page in pages {
        let path = dir.join(&page.file_name);
        std::fs::write(&path, &page.roff).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

fn collect(cmd: &clap::Command, parent: Option<&str>, pages: &mut Vec<ManPage>) -> anyhow::Result<()> {
    let name = display_name(cmd).to_owned();
    let children: Vec<&clap::Command> = cmd.get_subcommands().filter(|s| !s.is_hide_set()).collect();
    let mut roff = Vec::new();
    // The footer names the package on every page, not the subcommand.
    let man = clap_mangen::Man::new(cmd.clone()).source(format!("esops {}", env!("CARGO_PKG_VERSION")));
    man.render_title(&mut roff)?;
    man.render_name_section(&mut roff)?;
    man.render_synopsis_section(&mut roff)?;
    man.render_description_section(&mut roff)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut roff)?;
    }
    if !children.is_empty() {
        man.render_subcommands_section(&mut roff)?;
    }
    if parent.is_none() {
        top_page_sections(&mut roff)?;
    } else if cmd.get_after_help().is_some() || cmd.get_after_long_help().is_some() {
        // The top page's after-help repeats what ENVIRONMENT and EXIT STATUS say in full.
        man.render_extra_section(&mut roff)?;
    }
    // The pages above this one; the ones below are in SUBCOMMANDS already.
    let mut see_also: Vec<&str> = parent.into_iter().collect();
    if parent.is_some_and(|p| p != "esops") {
        see_also.insert(0, "esops");
    }
    if !see_also.is_empty() {
        writeln!(roff, ".SH \"SEE ALSO\"")?;
        let refs: Vec<String> = see_also.iter().map(|n| format!("\\fB{}\\fR(1)", escape(n))).collect();
        writeln!(roff, "{}", refs.join(", "))?;
    }
    if parent.is_none() {
        man.render_version_section(&mut roff)?;
    }
    pages.push(ManPage { file_name: format!("{name}.1"), roff });
    for child in children {
        collect(child, Some(&name), pages)?;
    }
    Ok(())
}

/// ENVIRONMENT, EXIT STATUS, FILES and EXAMPLES, from the code that defines them.
fn top_page_sections(roff: &mut Vec<u8>) -> std::io::Result<()> {
    writeln!(roff, ".SH ENVIRONMENT")?;
    writeln!(
        roff,
        "Connection settings are resolved in this order: flags, then these variables, then the context of the config file, then http://localhost:9200. An empty variable counts as unset."
    )?;
    for var in ENV_VARS {
        writeln!(roff, ".TP\n.B {}", escape(var.name))?;
        let mut text = inline(var.meaning);
        if !var.fallbacks.is_empty() {
            let names: Vec<String> = var.fallbacks.iter().map(|n| format!("\\fB{}\\fR", escape(n))).collect();
            text.push_str(&format!(". When unset: {}, in this order", names.join(", ")));
        }
        text.push('.');
        writeln!(roff, "{text}")?;
    }
    writeln!(roff, ".TP\n.B NO_COLOR\nWhen set (to anything), no colour with \\fB\\-\\-color auto\\fR.")?;

    writeln!(roff, ".SH \"EXIT STATUS\"")?;
    for status in ExitStatus::ALL {
        writeln!(roff, ".TP\n.B {}\n{}", status.code(), inline(status.meaning()))?;
    }

    writeln!(roff, ".SH FILES")?;
    writeln!(
        roff,
        ".TP\n.I $XDG_CONFIG_HOME/esops/config.yaml\nThe config file: named contexts (cluster URL, credentials or where to read them, CA certificate) and \\fBcurrent_context\\fR. \\fB$ESOPS_CONFIG\\fR names another file; without \\fB$XDG_CONFIG_HOME\\fR it is \\fI~/.config/esops/config.yaml\\fR. See \\fBesops\\-context\\fR(1)."
    )?;
    writeln!(
        roff,
        ".TP\n.I ./policies/\nThe config tree (ILM policies, templates, pipelines as YAML) that \\fBvalidate\\fR, \\fBrender\\fR, \\fBplan\\fR and \\fBapply\\fR read when given no path."
    )?;
    writeln!(
        roff,
        ".TP\n.I FILE \\fR(of \\fBesops sandbox \\-\\-state\\fR)\nThe sandbox cluster's state, loaded at start and saved on exit. See \\fBesops\\-sandbox\\fR(1)."
    )?;

    writeln!(roff, ".SH EXAMPLES")?;
    for (what, command) in EXAMPLES {
        writeln!(roff, ".PP\n{}\n.PP\n.RS 4\n.nf\n{}\n.fi\n.RE", inline(what), escape(command))?;
    }
    Ok(())
}

fn display_name(cmd: &clap::Command) -> &str {
    cmd.get_display_name().unwrap_or_else(|| cmd.get_name())
}

/// `text` as roff: backslashes and hyphens escaped, a leading `.` or `'` made literal.
fn escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) { format!("\\&{escaped}") } else { escaped }
}

/// `text` as roff, with `code` spans in bold.
fn inline(text: &str) -> String {
    escape(text)
        .split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { format!("\\fB{part}\\fR") } else { part.to_owned() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_makes_hyphens_and_leading_dots_literal() {
        assert_eq!(escape("--out"), "\\-\\-out");
        assert_eq!(escape(".policies"), "\\&.policies");
        assert_eq!(inline("the `encoded` value"), "the \\fBencoded\\fR value");
    }

    #[test]
    fn every_example_is_a_command_line_esops_accepts() {
        use clap::Parser as _;
        for (_, line) in EXAMPLES {
            for command in line.split("&&") {
                let words: Vec<String> = command.split_whitespace().map(|w| w.trim_matches('\'').to_owned()).collect();
                assert_eq!(words[0], "esops", "{command}");
                if let Err(err) = Cli::try_parse_from(&words) {
                    panic!("the man page example `{command}` does not parse: {err}");
                }
            }
        }
    }
}
