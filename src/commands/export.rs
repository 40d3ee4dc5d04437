//! `esops export`: the cluster's resources as an esops tree.

use std::path::Path;

use crate::cli::ExportArgs;
use crate::commands::write_private_file;
use esops_core::es::Client;
use esops_core::es::api::Distribution;
use esops_core::exit::ExitStatus;
use esops_core::printer::Printer;
use esops_core::reconcile::export::{ExportFilter, ExportedResource, export};
use esops_core::reconcile::read_cluster;
use esops_core::resources::Target;

/// Runs `esops export`.
pub async fn run(client: &Client, args: &ExportArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    // What the cluster has: ISM policies on OpenSearch, ILM and SLM on Elasticsearch.
    let target = match client.root_info().await?.distribution() {
        Distribution::OpenSearch => Target::OpenSearch,
        _ => Target::Elasticsearch,
    };
    let available = target.kinds();
    if let Some(missing) = args.kind.iter().find(|k| !available.contains(k)) {
        anyhow::bail!(
            "this cluster has no {missing} resources ({}); kinds it has: {}",
            if target == Target::OpenSearch { "OpenSearch" } else { "Elasticsearch" },
            available.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
        );
    }
    let kinds = if args.kind.is_empty() { available } else { args.kind.clone() };
    let stored = read_cluster(client, &kinds).await?;
    let filter = ExportFilter { kinds, names: args.names.clone(), include_managed: args.include_managed };
    let exported = export(&stored, &filter)?;
    match &args.out {
        None => {
            let stream: Vec<&str> = exported.iter().map(|e| e.yaml.as_str()).collect();
            printer.data(&stream.join("---\n"))?;
        }
        Some(dir) => write_tree(dir, &exported, args.force)?,
    }
    printer.status(&format!("Exported {} resource(s).", exported.len()));
    Ok(ExitStatus::Success)
}

/// Writes one file per resource; refuses, before writing anything, when a file exists and
/// `force` is off.
fn write_tree(dir: &Path, exported: &[ExportedResource], force: bool) -> anyhow::Result<()> {
    if !force {
        let existing: Vec<String> = exported
            .iter()
            .map(|e| dir.join(&e.path))
            .filter(|p| p.exists())
            .map(|p| p.display().to_string())
            .collect();
        if !existing.is_empty() {
            anyhow::bail!(
                "not exporting: {} file(s) exist and would be overwritten ({}); pass --force to overwrite them",
                existing.len(),
                existing.join(", ")
            );
        }
    }
    for e in exported {
        let path = dir.join(&e.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|err| anyhow::anyhow!("creating {}: {err}", parent.display()))?;
        }
        write_private_file(&path, e.yaml.as_bytes())?;
    }
    Ok(())
}
