//! `esops apply`: show the plan, get a yes, carry it out.

use std::io::IsTerminal;

use crate::cli::ApplyArgs;
use crate::commands::{Interrupt, load_declared, read_target, refuse_conflicts};
use esops_core::es::Client;
use esops_core::exit::ExitStatus;
use esops_core::printer::{Printer, styles};
use esops_core::reconcile::plan::ChangeAction;
use esops_core::reconcile::{self, apply, render};
use esops_core::resources::ResourceKind;

/// Runs `esops apply`.
pub async fn run(client: &Client, args: &ApplyArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let declared = load_declared(&args.tree, printer)?;
    let target = read_target(client, printer).await?;
    let now = args.now.unwrap_or_else(chrono::Utc::now);
    let prepared = reconcile::prepare(client, &declared, args.prune, now.timestamp_millis()).await?;
    let paint = |style, text: &str| printer.paint(style, text);
    printer.data(&render::text(&prepared.plan, &prepared.impacts, &paint))?;
    refuse_conflicts(&prepared.plan)?;
    if !prepared.plan.has_changes() {
        return Ok(ExitStatus::Success);
    }
    if !args.yes {
        // A prompt nobody can answer would hang a CI job; refusing is the safe default.
        if !(std::io::stdin().is_terminal() && printer.stdout_is_terminal()) {
            anyhow::bail!(
                "not applying: no terminal to confirm on; pass --yes to apply without asking (nothing was changed)"
            );
        }
        let answer =
            printer.prompt(&format!("Apply these changes to {}? Only 'yes' is accepted: ", target.describe()))?;
        if answer.trim() != "yes" {
            printer.status("Not applied.");
            return Ok(ExitStatus::Failure);
        }
    }
    // Right before writing, the plan is checked against what the cluster holds now: another run
    // (or a person) may have changed it while the plan was shown or confirmed.
    let now_stored = reconcile::read_cluster(client, &ResourceKind::ALL).await?;
    let stale = apply::stale(&prepared.plan, &now_stored);
    if !stale.is_empty() {
        let list: Vec<String> = stale.iter().map(|(r, what)| format!("{r} {what}")).collect();
        anyhow::bail!(
            "not applying: the cluster changed since the plan was made ({}); nothing was changed. Run apply again \
             to plan from what the cluster holds now",
            list.join(", ")
        );
    }
    // Said again right before the first write, as a warning so that `-q` keeps it.
    printer.warn(&format!("applying the plan to {}", target.describe()));
    let interrupt = Interrupt::listen(printer);
    let report = apply::execute(
        client,
        &prepared.plan,
        |change| {
            let verb = match change.action {
                ChangeAction::Create => "creating",
                ChangeAction::Update => "updating",
                ChangeAction::Delete => "deleting",
                ChangeAction::Unchanged => "checking",
            };
            printer.status(&format!("{verb} {}", change.resource()));
        },
        || interrupt.requested(),
    )
    .await;
    printer.data(&render::apply_report(&report, &paint))?;
    if report.complete() {
        printer.status(&printer.paint(styles::GOOD, "Apply complete (read back: the cluster holds the plan)."));
        return Ok(ExitStatus::Success);
    }
    if let Some((change, error)) = report.failed {
        return Err(anyhow::Error::new(error).context(format!(
            "applying {} failed; the changes listed as applied are in place, the rest were not (re-run apply once fixed)",
            change.resource()
        )));
    }
    if report.interrupted {
        anyhow::bail!(
            "interrupted: {} change(s) applied and confirmed, {} not sent{}; re-run apply to finish",
            report.done.len(),
            report.not_attempted.len(),
            unknown_note(report.unknown.len())
        );
    }
    anyhow::bail!(
        "the outcome of {} change(s) is unknown (listed above, with what to check); `esops plan` shows what the \
         cluster holds",
        report.unknown.len()
    )
}

fn unknown_note(unknown: usize) -> String {
    if unknown == 0 { String::new() } else { format!(", {unknown} with an unknown outcome (listed above)") }
}
