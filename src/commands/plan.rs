//! `esops plan`: what `apply` would change, and what that does to existing indices.

use crate::cli::{PlanArgs, PlanFormat};
use crate::commands::{TreeForCluster, read_target, refuse_conflicts, write_private_file};
use esops_core::es::Client;
use esops_core::exit::ExitStatus;
use esops_core::printer::Printer;
use esops_core::reconcile::saved::SavedPlan;
use esops_core::reconcile::{self, render};

/// Runs `esops plan`.
pub async fn run(client: &Client, args: &PlanArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let tree = TreeForCluster::precheck(&args.tree, printer)?;
    let target = read_target(client, printer).await?;
    let declared = tree.for_cluster(&args.tree, &target, printer)?;
    let now = args.now.unwrap_or_else(chrono::Utc::now);
    let prepared =
        reconcile::prepare(client, &declared, args.prune, now.timestamp_millis(), target.resource_target()).await?;
    let (plan, impacts) = (&prepared.plan, &prepared.impacts);
    match args.output {
        PlanFormat::Table => printer.data(&render::text(plan, impacts, &|style, text| printer.paint(style, text)))?,
        PlanFormat::Markdown => printer.data(&render::markdown(plan, impacts))?,
        PlanFormat::Json => {
            printer.data(&format!("{}\n", serde_json::to_string_pretty(&render::document(plan, impacts))?))?
        }
    }
    super::note_ism_updates(plan, printer);
    refuse_conflicts(plan)?;
    if let Some(file) = &args.out {
        let saved = SavedPlan::new(plan, &target.cluster_uuid, &target.cluster_name, now.to_rfc3339());
        write_private_file(file, format!("{}\n", serde_json::to_string_pretty(&saved)?).as_bytes())?;
        printer.status(&format!(
            "Saved the plan to {}; `esops apply {}` carries out exactly this plan.",
            file.display(),
            file.display()
        ));
    }
    Ok(if args.detailed_exitcode && plan.has_changes() { ExitStatus::Attention } else { ExitStatus::Success })
}
