//! `esops bootstrap NAME…`: the first write index of a rollover family with its write alias, or a
//! data stream, as the matching index template says; refused when something owns the name.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anyhow::Context as _;
use serde::Serialize;
use serde_json::Value;

use super::confirm::{Confirmation, confirm};
use super::ilm::{TEXT_WIDTH, listed, plural};
use super::{TargetCluster, document, load_declared, read_target};
use crate::cli::{BootstrapArgs, DocumentFormat, TreeArgs};
use esops_core::es::Client;
use esops_core::exit::ExitStatus;
use esops_core::lifecycle::bootstrap::{self, BootstrapKind, BootstrapPlan, TemplateView};
use esops_core::printer::Printer;
use esops_core::render;
use esops_core::resources::ResourceKind;

/// One name of `esops bootstrap -o json`.
#[derive(Debug, Serialize)]
struct Entry<'a> {
    name: &'a str,
    /// The plan, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    plan: Option<&'a BootstrapPlan>,
    /// Why not, when refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    refused: Option<&'a str>,
    /// With --execute: what reads back (the write index, or the data stream's backing indices).
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<Vec<String>>,
    /// With --execute: the creation failed, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Debug, Serialize)]
struct Report<'a> {
    cluster: &'a TargetCluster,
    /// Where the templates came from: `cluster`, or the declared paths.
    templates_from: String,
    executed: bool,
    names: Vec<Entry<'a>>,
}

/// The templates as the cluster has them, in two requests.
async fn cluster_templates(client: &Client) -> anyhow::Result<Vec<TemplateView>> {
    let read = |kind| async move {
        client.stored_resources(kind).await.with_context(|| format!("reading the {kind}s of {}", client.url()))
    };
    let (templates, components) =
        tokio::try_join!(read(ResourceKind::IndexTemplate), read(ResourceKind::ComponentTemplate))?;
    let components: BTreeMap<String, Value> = components.into_iter().map(|c| (c.name, c.body)).collect();
    Ok(templates.iter().map(|t| bootstrap::template_view(&t.name, &t.body, &components)).collect())
}

/// Runs `esops bootstrap`.
pub async fn run(client: &Client, args: &BootstrapArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let declared = match args.from.is_empty() {
        true => None,
        false => Some(load_declared(&TreeArgs { paths: args.from.clone(), assume_existing: Vec::new() }, printer)?),
    };
    let cluster = read_target(client, printer).await?;
    let on_cluster = cluster_templates(client).await?;
    let templates = match &declared {
        None => on_cluster.clone(),
        Some(declared) => {
            let of_kind = |kind| declared.iter().filter(move |r| r.kind == kind);
            let components: BTreeMap<String, Value> =
                of_kind(ResourceKind::ComponentTemplate).map(|r| (r.name.clone(), r.body.clone())).collect();
            of_kind(ResourceKind::IndexTemplate)
                .map(|r| bootstrap::template_view(&r.name, &r.body, &components))
                .collect()
        }
    };
    let policies: BTreeMap<String, Value> = client
        .stored_resources(ResourceKind::IlmPolicy)
        .await
        .with_context(|| format!("reading the ILM policies of {}", client.url()))?
        .into_iter()
        .map(|r| (r.name, r.body.get("policy").cloned().unwrap_or(Value::Null)))
        .collect();

    let mut plans: Vec<(String, Result<BootstrapPlan, String>)> = Vec::new();
    for name in &args.names {
        let existing = client.existing_names(name).await.with_context(|| format!("looking up `{name}`"))?;
        let mut plan = bootstrap::plan_bootstrap(name, &templates, &existing, &policies);
        // A declared template acts only once it is on the cluster: ES applies the cluster's.
        if let (Some(_), Ok(p)) = (&declared, &plan)
            && !on_cluster.iter().any(|t| t.name == p.template)
        {
            plan = Err(format!(
                "template [{}] is declared but not on the cluster, and Elasticsearch applies the cluster's \
                 templates when it creates `{name}`: apply the tree first (`esops apply`)",
                p.template
            ));
        }
        plans.push((name.clone(), plan));
    }
    let refused = plans.iter().filter(|(_, p)| p.is_err()).count();
    let ready: Vec<&BootstrapPlan> = plans.iter().filter_map(|(_, p)| p.as_ref().ok()).collect();
    let templates_from = match &args.from {
        from if from.is_empty() => "cluster".to_string(),
        from => from.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "),
    };
    let mut report = Report {
        cluster: &cluster,
        templates_from,
        executed: false,
        names: plans
            .iter()
            .map(|(name, p)| Entry {
                name,
                plan: p.as_ref().ok(),
                refused: p.as_ref().err().map(String::as_str),
                created: None,
                error: None,
            })
            .collect(),
    };
    if !args.rails.execute || ready.is_empty() {
        print(&report, args.rails.output, printer)?;
        if args.rails.execute {
            printer.status("nothing was created");
        } else if !ready.is_empty() {
            printer.status(&format!(
                "dry run: nothing was created; add --execute to bootstrap {}",
                plural(ready.len(), "name", "names")
            ));
        }
        return Ok(if refused > 0 { ExitStatus::Failure } else { ExitStatus::Success });
    }
    if args.rails.output == DocumentFormat::Table {
        printer.data(&text(&report))?;
    }
    let names: Vec<String> = ready.iter().map(|p| p.name.clone()).collect();
    let what = format!("{} ({})", plural(names.len(), "name", "names"), listed(&names));
    let question =
        Confirmation::yes_no(&format!("Bootstrap {what}"), &format!("not bootstrapping {what}"), "bootstrap", &cluster);
    confirm(args.rails.yes, &question, &cluster, printer).await?;
    printer.warn(&format!("bootstrapping {what} on {}", cluster.describe()));
    let mut failed = refused;
    for entry in report.names.iter_mut() {
        let Some(plan) = entry.plan else { continue };
        match create_and_read_back(client, plan).await {
            Ok(created) => entry.created = Some(created),
            Err(e) => {
                failed += 1;
                entry.error = Some(format!("{e:#}"));
            }
        }
    }
    report.executed = true;
    match document(&report, args.rails.output)? {
        Some(doc) => printer.data(&doc)?,
        None => printer.data(&done_text(&report))?,
    }
    Ok(if failed > 0 { ExitStatus::Failure } else { ExitStatus::Success })
}

/// Creates, then reads back what now carries the name: the alias's write index, or the data
/// stream's backing indices. Counted as done only when the read-back shows it.
async fn create_and_read_back(client: &Client, plan: &BootstrapPlan) -> anyhow::Result<Vec<String>> {
    let acknowledged = client.bootstrap(plan).await.with_context(|| format!("creating `{}`", plan.name))?;
    let created = match &plan.kind {
        BootstrapKind::DataStream => client.data_stream(&plan.name).await?.map(|d| d.indices).unwrap_or_default(),
        BootstrapKind::WriteAlias { .. } => {
            let aliases = client.aliases(std::slice::from_ref(&plan.name)).await?;
            aliases
                .into_iter()
                .filter(|(_, a)| a.iter().any(|a| a.alias == plan.name && a.is_write_index))
                .map(|(index, _)| index)
                .collect()
        }
    };
    if created.is_empty() {
        anyhow::bail!(
            "sent (acknowledged: {acknowledged}), but `{}` does not read back: check with GET /_alias/{0} or \
             GET /_data_stream/{0}",
            plan.name
        );
    }
    Ok(created)
}

fn print(report: &Report<'_>, format: DocumentFormat, printer: &Printer) -> anyhow::Result<()> {
    match document(report, format)? {
        Some(doc) => printer.data(&doc)?,
        None => printer.data(&text(report))?,
    }
    Ok(())
}

/// What each name would become, or why not.
fn text(report: &Report<'_>) -> String {
    let mut out = String::new();
    for entry in &report.names {
        let line = match (entry.plan, entry.refused) {
            (Some(plan), _) => describe(plan),
            (None, Some(why)) => format!("{}: REFUSED: {why}", entry.name),
            (None, None) => continue,
        };
        let _ = writeln!(out, "{}", render::wrap(&line, 2, TEXT_WIDTH));
        for note in entry.plan.map(|p| p.notes.as_slice()).unwrap_or_default() {
            let _ = writeln!(out, "{}", render::wrap(&format!("  note: {note}"), 4, TEXT_WIDTH));
        }
    }
    out
}

fn describe(plan: &BootstrapPlan) -> String {
    let policy = plan.policy.as_deref().map(|p| format!(", ILM policy {p}")).unwrap_or_default();
    match &plan.kind {
        BootstrapKind::DataStream => {
            format!("{}: data stream (PUT /_data_stream/{}), template {}{policy}", plan.name, plan.name, plan.template)
        }
        BootstrapKind::WriteAlias { first_index, sets_rollover_alias } => format!(
            "{}: index {first_index} with write alias {}{}, template {}{policy}",
            plan.name,
            plan.name,
            if *sets_rollover_alias {
                format!(" and index.lifecycle.rollover_alias {}", plan.name)
            } else {
                String::new()
            },
            plan.template
        ),
    }
}

/// With --execute: what was created, per name.
fn done_text(report: &Report<'_>) -> String {
    let mut out = String::new();
    for entry in &report.names {
        let line = match (&entry.plan, &entry.created, &entry.error) {
            (Some(plan), Some(created), _) => match &plan.kind {
                BootstrapKind::DataStream => format!(
                    "{}: created the data stream (backing index {}); it takes writes now{}",
                    plan.name,
                    created.join(", "),
                    plan.policy.as_deref().map(|p| format!(": ILM policy {p} rolls it over")).unwrap_or_default()
                ),
                BootstrapKind::WriteAlias { .. } => format!(
                    "{}: created {} as its write index; write to {} from now on{}",
                    plan.name,
                    created.join(", "),
                    plan.name,
                    plan.policy.as_deref().map(|p| format!(": ILM policy {p} rolls it over")).unwrap_or_default()
                ),
            },
            (_, _, Some(error)) => format!("{}: FAILED: {error}", entry.name),
            _ => continue,
        };
        let _ = writeln!(out, "{}", render::wrap(&line, 2, TEXT_WIDTH));
    }
    out
}
