//! `esops apply`: show the plan, get a yes, carry it out.

use std::io::IsTerminal;

use crate::cli::ApplyArgs;
use crate::commands::{TargetCluster, load_declared, read_target};
use esops_core::es::Client;
use esops_core::exit::ExitStatus;
use esops_core::printer::{Printer, styles};
use esops_core::reconcile::plan::{ChangeAction, Plan};
use esops_core::reconcile::{self, apply, render};

/// Runs `esops apply`.
pub async fn run(client: &Client, args: &ApplyArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let declared = load_declared(&args.tree, printer)?;
    let target = read_target(client, printer).await?;
    let now = args.now.unwrap_or_else(chrono::Utc::now);
    let prepared = reconcile::prepare(client, &declared, args.prune, now.timestamp_millis()).await?;
    let paint = |style, text: &str| printer.paint(style, text);
    printer.data(&render::text(&prepared.plan, &prepared.impacts, &paint))?;
    if !prepared.plan.has_changes() {
        return Ok(ExitStatus::Success);
    }
    if !confirmed(args.yes, &format!("Apply these changes to {}?", target.describe()), printer)? {
        return Ok(ExitStatus::Failure);
    }
    execute(client, &target, &prepared.plan, printer).await
}

/// True when the changes may go ahead: `--yes`, or `yes` typed at the terminal. Without a
/// terminal and without `--yes` it refuses: a prompt nobody can answer would hang a CI job.
pub fn confirmed(yes: bool, question: &str, printer: &Printer) -> anyhow::Result<bool> {
    if yes {
        return Ok(true);
    }
    if !(std::io::stdin().is_terminal() && printer.stdout_is_terminal()) {
        anyhow::bail!(
            "not applying: no terminal to confirm on; pass --yes to apply without asking (nothing was changed)"
        );
    }
    let answer = printer.prompt(&format!("{question} Only 'yes' is accepted: "))?;
    if answer.trim() != "yes" {
        printer.status("Not applied.");
        return Ok(false);
    }
    Ok(true)
}

/// Carries out a reviewed plan on `target`, saying so first, and reports what was applied.
/// Shared by `apply` and the fleet's apply (cluster by cluster).
pub async fn execute(
    client: &Client,
    target: &TargetCluster,
    plan: &Plan,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let paint = |style, text: &str| printer.paint(style, text);
    // Said again right before the first write, as a warning so that `-q` keeps it.
    printer.warn(&format!("applying the plan to {}", target.describe()));
    let report = apply::execute(client, plan, |change| {
        let verb = match change.action {
            ChangeAction::Create => "creating",
            ChangeAction::Update => "updating",
            ChangeAction::Delete => "deleting",
            ChangeAction::Unchanged => "checking",
        };
        printer.status(&format!("{verb} {}", change.resource()));
    })
    .await;
    printer.data(&render::apply_report(&report, &paint))?;
    match report.failed {
        Some((change, error)) => Err(anyhow::Error::new(error).context(format!(
            "applying {} failed; the changes before it are in place, the rest were not sent (re-run apply once fixed)",
            change.resource()
        ))),
        None => {
            printer.status(&printer.paint(styles::GOOD, "Apply complete."));
            Ok(ExitStatus::Success)
        }
    }
}
