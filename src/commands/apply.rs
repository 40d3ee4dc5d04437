//! `esops apply`: show the plan, get a yes, carry it out.

use crate::cli::ApplyArgs;
use crate::commands::confirm::{Confirmation, DataDeleted, Declined, confirm};
use crate::commands::{Interrupt, TargetCluster, load_declared, read_target, refuse_conflicts};
use esops_core::es::Client;
use esops_core::exit::ExitStatus;
use esops_core::printer::{Printer, styles};
use esops_core::reconcile::plan::{ChangeAction, Plan};
use esops_core::reconcile::saved::SavedPlan;
use esops_core::reconcile::{self, apply, render};
use esops_core::resources::input;
use std::path::PathBuf;

/// Runs `esops apply`.
pub async fn run(client: &Client, args: &ApplyArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let saved = saved_plan(&args.tree.paths)?;
    let prepared = match &saved {
        Some((file, saved)) => {
            if args.prune {
                anyhow::bail!(
                    "--prune is decided when the plan is made; `esops apply {}` takes no --prune",
                    file.display()
                );
            }
            let target = read_target(client, printer).await?;
            if saved.cluster_uuid != target.cluster_uuid {
                anyhow::bail!(
                    "not applying: {} was made for cluster {} ({}), not {}; nothing was changed",
                    file.display(),
                    saved.cluster_name,
                    saved.cluster_uuid,
                    target.describe()
                );
            }
            printer.status(&format!("carrying out the plan saved in {} at {}", file.display(), saved.created_at));
            (target, reconcile::PreparedPlan { plan: saved.to_plan(), impacts: Vec::new() })
        }
        None => {
            let declared = load_declared(&args.tree, printer)?;
            let target = read_target(client, printer).await?;
            let now = args.now.unwrap_or_else(chrono::Utc::now);
            (target, reconcile::prepare(client, &declared, args.prune, now.timestamp_millis()).await?)
        }
    };
    let (target, prepared) = prepared;
    let paint = |style, text: &str| printer.paint(style, text);
    printer.data(&render::text(&prepared.plan, &prepared.impacts, &paint))?;
    refuse_conflicts(&prepared.plan)?;
    if !prepared.plan.has_changes() {
        return Ok(ExitStatus::Success);
    }
    // Data loss asks for more than a reflex `yes`: the name of the cluster it happens on.
    let (deleted, bytes) = reconcile::impact::data_deleted(&prepared.impacts);
    let mut confirmation = Confirmation {
        what: "Apply these changes".to_string(),
        question: format!("Apply these changes to {}? Only 'yes' is accepted:", target.describe()),
        answers: vec!["yes".to_string()],
        not_doing: "not applying".to_string(),
        verb: "apply".to_string(),
        deletes: None,
    };
    if !deleted.is_empty() {
        let indices = if deleted.len() == 1 { "1 index".to_owned() } else { format!("{} indices", deleted.len()) };
        printer.warn(&format!(
            "this plan makes ILM delete the data of {indices} ({}) at its next poll: {}",
            esops_core::render::human_bytes(bytes),
            render::index_list(&deleted)
        ));
        confirmation.what = format!("Apply these changes (ILM then deletes the data of {indices})");
        confirmation.question =
            format!("Type the cluster name ({}) to apply and delete that data:", target.cluster_name);
        confirmation.answers = vec![target.cluster_name.clone()];
        confirmation.deletes = Some(DataDeleted { indices: deleted.len(), bytes });
    }
    if let Err(refused) = confirm(args.yes, &confirmation, &target, printer).await {
        // Declined at the prompt: said, and exit 1 (no error: the person chose).
        if refused.is::<Declined>() {
            printer.status("Not applied.");
            return Ok(ExitStatus::Failure);
        }
        return Err(refused);
    }
    execute(client, &target, &prepared.plan, saved.as_ref().map(|(file, _)| file.as_path()), printer).await
}

/// Carries out a reviewed (and confirmed) plan on `target`: checks it against what the cluster
/// holds now, says so, writes, reports. `saved` names the saved plan it came from, if any. Shared
/// by `apply` and the fleet's apply (cluster by cluster).
pub async fn execute(
    client: &Client,
    target: &TargetCluster,
    plan: &Plan,
    saved: Option<&std::path::Path>,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let paint = |style, text: &str| printer.paint(style, text);
    // Right before writing, the plan is checked against what the cluster holds now: another run
    // (or a person) may have changed it while the plan was shown or confirmed.
    let kinds = reconcile::kinds_to_read(plan.changes.iter().map(|c| c.kind));
    let now_stored = reconcile::read_cluster(client, &kinds).await?;
    let stale = apply::stale(plan, &now_stored);
    if !stale.is_empty() {
        let list: Vec<String> = stale.iter().map(|(r, what)| format!("{r} {what}")).collect();
        if let Some(file) = saved {
            anyhow::bail!(
                "not applying: the cluster no longer matches the plan saved in {} ({}); nothing was changed. \
                 Make and review a new plan",
                file.display(),
                list.join(", ")
            );
        }
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
        plan,
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

/// The saved plan named as apply's only path, if it is one (`plan --out FILE`).
fn saved_plan(paths: &[PathBuf]) -> anyhow::Result<Option<(PathBuf, SavedPlan)>> {
    let [file] = paths else { return Ok(None) };
    if input::not_a_regular_file(file).is_some() {
        return Ok(None);
    }
    match SavedPlan::parse(&input::read_text_file(file)?) {
        None => Ok(None),
        Some(Ok(saved)) => Ok(Some((file.clone(), saved))),
        Some(Err(e)) => anyhow::bail!("{}: {e}", file.display()),
    }
}

fn unknown_note(unknown: usize) -> String {
    if unknown == 0 { String::new() } else { format!(", {unknown} with an unknown outcome (listed above)") }
}
