//! `esops apply`: show the plan, get a yes, carry it out.

use std::io::IsTerminal;

use crate::cli::ApplyArgs;
use crate::commands::{load_declared, read_target};
use esops_core::es::Client;
use esops_core::exit::ExitStatus;
use esops_core::printer::{Printer, styles};
use esops_core::reconcile::plan::ChangeAction;
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
    if !args.yes {
        // A prompt nobody can answer would hang a CI job; refusing is the safe default.
        if !(std::io::stdin().is_terminal() && printer.stdout_is_terminal()) {
            anyhow::bail!(
                "not applying: no terminal to confirm on; pass --yes to apply without asking (nothing was changed)"
            );
        }
        // Data loss asks for more than a reflex `yes`: the name of the cluster it happens on.
        let (deleted, bytes) = reconcile::impact::data_deleted(&prepared.impacts);
        let (question, expected) = if deleted.is_empty() {
            (format!("Apply these changes to {}? Only 'yes' is accepted: ", target.describe()), "yes")
        } else {
            printer.warn(&format!(
                "this plan makes ILM delete the data of {} ({}) at its next poll: {}",
                if deleted.len() == 1 { "1 index".to_owned() } else { format!("{} indices", deleted.len()) },
                esops_core::render::human_bytes(bytes),
                render::index_list(&deleted)
            ));
            (
                format!("Type the cluster name ({}) to apply and delete that data: ", target.cluster_name),
                target.cluster_name.as_str(),
            )
        };
        let answer = printer.prompt(&question)?;
        if answer.trim() != expected {
            printer.status("Not applied.");
            return Ok(ExitStatus::Failure);
        }
    }
    // Said again right before the first write, as a warning so that `-q` keeps it.
    printer.warn(&format!("applying the plan to {}", target.describe()));
    let report = apply::execute(client, &prepared.plan, |change| {
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
