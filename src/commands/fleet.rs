//! Several clusters in one run (`--context a,b`, `--context 'prod-*'`, `--all-contexts`): the
//! read-only commands run on each context concurrently, within a bound, and print one combined
//! report (see `esops_core::fleet`). One cluster failing never stops the others.

use std::sync::Arc;

use anyhow::Context as _;
use esops_core::connect::{self, ConfigFile, ConnectError, ConnectionFlags};
use esops_core::es::Client;
use esops_core::exit::{self, ExitStatus};
use esops_core::fleet::{self, ClusterOutcome};
use esops_core::printer::Printer;

use crate::cli::{AuditFormat, Cli, Command, DocumentFormat, IlmCommand, IlmExplainFormat, PlanFormat};

/// How the combined report is put together, from the command's own output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReportFormat {
    /// A section per cluster.
    Text,
    /// A section per cluster, with Markdown headings.
    Markdown,
    /// One JSON document with a `clusters` array.
    Json,
    /// The same as YAML.
    Yaml,
    /// One CSV table with a `context` column first.
    Csv,
    /// One exposition with a `context` label on every sample.
    Prometheus,
}

/// True when the global flags ask for several clusters.
pub fn requested(cli: &Cli) -> bool {
    cli.global.all_contexts || cli.global.context.as_deref().is_some_and(fleet::is_fleet_spec)
}

/// The combined format for `command`, or why the command cannot run on several clusters.
fn report_format(command: &Command) -> anyhow::Result<ReportFormat> {
    let document = |f: DocumentFormat| match f {
        DocumentFormat::Table => ReportFormat::Text,
        DocumentFormat::Json => ReportFormat::Json,
        DocumentFormat::Yaml => ReportFormat::Yaml,
    };
    Ok(match command {
        Command::Info(args) => document(args.output),
        Command::Audit(args) => match args.output {
            AuditFormat::Table => ReportFormat::Text,
            AuditFormat::Json => ReportFormat::Json,
            AuditFormat::Csv => ReportFormat::Csv,
            AuditFormat::Prometheus => ReportFormat::Prometheus,
            AuditFormat::Markdown => ReportFormat::Markdown,
        },
        Command::Plan(args) => match args.output {
            PlanFormat::Table => ReportFormat::Text,
            PlanFormat::Json => ReportFormat::Json,
            PlanFormat::Markdown => ReportFormat::Markdown,
        },
        Command::Ilm(IlmCommand::Explain(args)) => match args.output {
            IlmExplainFormat::Table => ReportFormat::Text,
            IlmExplainFormat::Json => ReportFormat::Json,
            IlmExplainFormat::Csv => ReportFormat::Csv,
            IlmExplainFormat::Markdown => ReportFormat::Markdown,
        },
        Command::Retention(args) if !args.run.execute => document(args.run.output),
        Command::Apply(_) => ReportFormat::Text,
        Command::Retention(_) => anyhow::bail!(
            "retention --execute deletes on one cluster at a time: review the fleet's dry run \
             (`esops retention --context LIST`), then run --execute with one --context each"
        ),
        _ => anyhow::bail!(
            "several contexts work with info, audit, plan, ilm explain, retention (dry run) and apply; \
             give this command a single --context"
        ),
    })
}

/// Runs the command on every selected context and prints the combined report.
pub async fn run(cli: &Cli, flags: &ConnectionFlags, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let format = report_format(&cli.command)?;
    let (names, config_path) = selected_contexts(cli)?;
    if let Command::Apply(args) = &cli.command {
        return apply(args, flags, &names, config_path.as_deref(), printer).await;
    }
    printer.status(&format!("{} clusters: {}", names.len(), names.join(", ")));
    let bound = Arc::new(tokio::sync::Semaphore::new(cli.global.parallel.max(1)));
    let runs = names.iter().map(|name| {
        let bound = bound.clone();
        let config_path = config_path.clone();
        async move {
            let _permit = bound.acquire().await;
            run_one(cli, flags, name, config_path.as_deref(), printer).await
        }
    });
    let outcomes = futures_util::future::join_all(runs).await;
    let report = match format {
        ReportFormat::Text => fleet::text_report(&outcomes, false),
        ReportFormat::Markdown => fleet::text_report(&outcomes, true),
        ReportFormat::Csv => fleet::csv_report(&outcomes),
        ReportFormat::Prometheus => fleet::prometheus_report(&outcomes),
        ReportFormat::Json => {
            let doc = fleet::document_report(&outcomes, |t| serde_json::from_str(t).map_err(|e| e.to_string()));
            format!("{}\n", serde_json::to_string_pretty(&doc)?)
        }
        ReportFormat::Yaml => {
            let doc = fleet::document_report(&outcomes, |t| serde_saphyr::from_str(t).map_err(|e| e.to_string()));
            serde_saphyr::to_string(&doc)?
        }
    };
    printer.data(&report)?;
    Ok(fleet::worst_status(&outcomes))
}

/// The contexts the global flags select, and the config file they come from.
fn selected_contexts(cli: &Cli) -> anyhow::Result<(Vec<String>, Option<std::path::PathBuf>)> {
    if cli.global.sandbox {
        anyhow::bail!("--sandbox is one fresh cluster; it cannot be combined with several contexts");
    }
    if let Some(flag) = [("--url", cli.global.url.is_some()), ("--cloud-id", cli.global.cloud_id.is_some())]
        .into_iter()
        .find_map(|(flag, set)| set.then_some(flag))
    {
        anyhow::bail!("{flag} would send every context of the fleet to the same cluster; leave it out");
    }
    let config_path = connect::config_path(&super::process_env);
    let config = match config_path.as_deref() {
        Some(path) => ConfigFile::load(path)?,
        None => None,
    };
    let Some(config) = config else {
        return Err(ConnectError::NoConfigFile {
            name: cli.global.context.clone().unwrap_or_else(|| "--all-contexts".into()),
            requested_by: None,
            path: config_path,
        }
        .into());
    };
    let names = fleet::select_contexts(cli.global.context.as_deref(), cli.global.all_contexts, &config)?;
    if names.is_empty() {
        anyhow::bail!("{} defines no contexts", config.path.display());
    }
    Ok((names, config_path))
}

/// A client for one context of the fleet, under the other connection flags.
fn connect_context(
    flags: &ConnectionFlags,
    name: &str,
    config_path: Option<&std::path::Path>,
    printer: &Printer,
) -> anyhow::Result<Client> {
    let flags = ConnectionFlags { context: Some(name.to_string()), ..flags.clone() };
    let conn = connect::resolve(&flags, &super::process_env, config_path).with_context(|| format!("context {name}"))?;
    for warning in &conn.warnings {
        printer.warn(warning);
    }
    Client::new(&conn, printer.clone())
}

/// `apply` on several clusters: every cluster's plan first, one confirmation for all of them,
/// then cluster by cluster in the config file's order, stopping at the first failure unless
/// `--keep-going`. A cluster that cannot be planned stops everything before any change (unless
/// `--keep-going`): applying to part of a fleet should be a decision, not an accident.
async fn apply(
    args: &crate::cli::ApplyArgs,
    flags: &ConnectionFlags,
    names: &[String],
    config_path: Option<&std::path::Path>,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    // The tree as each distribution takes it (a fleet may mix Elasticsearch and OpenSearch).
    let tree = super::TreeForCluster::precheck(&args.tree, printer)?;
    let now = args.now.unwrap_or_else(chrono::Utc::now).timestamp_millis();
    let paint = |style, text: &str| printer.paint(style, text);
    let mut planned = Vec::new();
    let mut unplanned = Vec::new();
    for name in names {
        let cluster_printer = printer.for_cluster(name);
        let prepared: anyhow::Result<_> = async {
            let client = connect_context(flags, name, config_path, &cluster_printer)?;
            let target = super::read_target(&client, &cluster_printer).await?;
            let declared = tree.for_cluster(&args.tree, &target, printer)?;
            let prepared =
                esops_core::reconcile::prepare(&client, &declared, args.prune, now, target.resource_target()).await?;
            Ok((client, target, prepared))
        }
        .await;
        match prepared {
            Ok((client, target, prepared)) => {
                printer.data(&format!("=== context {name}: {} ===\n", target.describe()))?;
                printer.data(&esops_core::reconcile::render::text(&prepared.plan, &prepared.impacts, &paint))?;
                super::refuse_conflicts(&prepared.plan).with_context(|| format!("context {name}"))?;
                planned.push((name, client, target, prepared, cluster_printer));
            }
            Err(err) => {
                let report = exit::ErrorReport::from(&err);
                printer.data(&format!("=== context {name}: cannot plan ===\nerror: {}\n", report.message))?;
                cluster_printer.error(&report.message, report.hint.as_deref());
                unplanned.push(name.clone());
            }
        }
    }
    if !unplanned.is_empty() && !args.keep_going {
        anyhow::bail!(
            "not applying anything: {} could not be planned; fix that, or pass --keep-going to apply to the others",
            unplanned.join(", ")
        );
    }
    let changing: Vec<&String> =
        planned.iter().filter(|(_, _, _, p, _)| p.plan.has_changes()).map(|(name, ..)| *name).collect();
    if changing.is_empty() {
        printer.status("No changes on any cluster.");
        return Ok(if unplanned.is_empty() { ExitStatus::Success } else { ExitStatus::Failure });
    }
    let question = format!(
        "Apply these changes to {} cluster(s) ({}), one after the other?",
        changing.len(),
        changing.iter().map(|n| n.as_str()).collect::<Vec<_>>().join(", ")
    );
    if !super::apply::confirmed(args.yes, &super::apply::Confirmation::yes(question), printer)? {
        return Ok(ExitStatus::Failure);
    }
    let mut applied = Vec::new();
    let mut failed = unplanned;
    let mut remaining: Vec<String> = changing.iter().map(|n| n.to_string()).collect();
    for (name, client, target, prepared, cluster_printer) in &planned {
        if !prepared.plan.has_changes() {
            continue;
        }
        remaining.retain(|n| n != *name);
        printer.data(&format!("=== context {name}: applying ===\n"))?;
        let outcome = super::apply::execute(client, target, &prepared.plan, None, cluster_printer).await;
        printer.data(&cluster_printer.take_data())?;
        match outcome {
            Ok(_) => applied.push(name.to_string()),
            Err(err) => {
                let report = exit::ErrorReport::from(&err);
                cluster_printer.error(&report.message, report.hint.as_deref());
                failed.push(name.to_string());
                if !args.keep_going {
                    break;
                }
            }
        }
    }
    let list = |names: &[String]| if names.is_empty() { "none".to_string() } else { names.join(", ") };
    printer.data(&format!(
        "applied: {}; failed: {}; not attempted: {}\n",
        list(&applied),
        list(&failed),
        list(&remaining)
    ))?;
    Ok(if failed.is_empty() && remaining.is_empty() { ExitStatus::Success } else { ExitStatus::Failure })
}

/// One cluster: its own connection (the context, under the other flags), the command with a
/// printer that keeps its data, and how it ended.
async fn run_one(
    cli: &Cli,
    flags: &ConnectionFlags,
    name: &str,
    config_path: Option<&std::path::Path>,
    printer: &Printer,
) -> ClusterOutcome {
    let cluster_printer = printer.for_cluster(name);
    let mut url = None;
    let result: anyhow::Result<ExitStatus> = async {
        let client = connect_context(flags, name, config_path, &cluster_printer)?;
        url = Some(client.url().to_string());
        dispatch(&cli.command, &client, &cluster_printer).await
    }
    .await;
    let output = cluster_printer.take_data();
    match result {
        Ok(status) => ClusterOutcome { context: name.to_string(), url, status, output, error: None },
        Err(err) => {
            let report = exit::ErrorReport::from(&err);
            cluster_printer.error(&report.message, report.hint.as_deref());
            ClusterOutcome {
                context: name.to_string(),
                url,
                status: ExitStatus::Failure,
                output,
                error: Some((report.message, report.hint)),
            }
        }
    }
}

async fn dispatch(command: &Command, client: &Client, printer: &Printer) -> anyhow::Result<ExitStatus> {
    match command {
        Command::Info(args) => super::info::run(client, args, printer).await,
        Command::Audit(args) => super::audit::run(client, args, printer).await,
        Command::Plan(args) => super::plan::run(client, args, printer).await,
        Command::Ilm(IlmCommand::Explain(args)) => super::ilm::run_explain(client, args, printer).await,
        Command::Retention(args) => super::retention::run(client, args, printer).await,
        // `report_format` refused every other command before any cluster was contacted.
        _ => anyhow::bail!("this command does not run on several contexts"),
    }
}
