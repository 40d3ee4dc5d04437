//! Several clusters in one run (`--context a,b`, `--context 'prod-*'`, `--all-contexts`): the
//! read-only commands run on each context concurrently, within a bound, and print one combined
//! report (see `esops_core::fleet`); one cluster failing never stops the others. Commands that
//! change clusters run as a fleet action: every plan, one question, then cluster by cluster.

use std::sync::Arc;

use anyhow::Context as _;
use esops_core::connect::{self, ConfigFile, ConnectError, ConnectionFlags};
use esops_core::es::Client;
use esops_core::exit::{self, ExitStatus};
use esops_core::fleet::{self, ActionStep, ClusterOutcome, PlannedCluster};
use esops_core::printer::Printer;
use tokio::sync::mpsc;

use super::confirm::{self, Ask, Confirmation, Seat};
use crate::cli::{
    AuditFormat, Cli, Command, DocumentFormat, IlmCommand, IlmExplainFormat, IndicesAction, IndicesActionArgs,
    IndicesArgs, PlanFormat, RetentionArgs,
};

/// The selection and run flags of any `indices` action, as a pattern.
macro_rules! indices_action {
    ($common:pat) => {
        IndicesAction::Close($common)
            | IndicesAction::Open($common)
            | IndicesAction::Forcemerge(crate::cli::ForcemergeArgs { common: $common, .. })
            | IndicesAction::SetReplicas(crate::cli::SetReplicasArgs { common: $common, .. })
            | IndicesAction::Shrink(crate::cli::ShrinkArgs { common: $common, .. })
    };
}

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

/// How a command runs on a fleet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FleetRun {
    /// Read-only: every cluster at once (within `--parallel`), one combined report.
    Report(ReportFormat),
    /// It changes clusters: every plan first, one question, then cluster by cluster.
    Act(ReportFormat),
}

/// True when the global flags ask for several clusters.
pub fn requested(cli: &Cli) -> bool {
    cli.global.all_contexts || cli.global.context.as_deref().is_some_and(fleet::is_fleet_spec)
}

/// How `command` runs on several clusters, or why it cannot.
fn fleet_run(command: &Command) -> anyhow::Result<FleetRun> {
    let document = |f: DocumentFormat| match f {
        DocumentFormat::Table => ReportFormat::Text,
        DocumentFormat::Json => ReportFormat::Json,
        DocumentFormat::Yaml => ReportFormat::Yaml,
    };
    let dry_run_or_act = |execute: bool, f: DocumentFormat| {
        if execute { FleetRun::Act(document(f)) } else { FleetRun::Report(document(f)) }
    };
    Ok(match command {
        Command::Info(args) => FleetRun::Report(document(args.output)),
        Command::Audit(args) => FleetRun::Report(match args.output {
            AuditFormat::Table => ReportFormat::Text,
            AuditFormat::Json => ReportFormat::Json,
            AuditFormat::Csv => ReportFormat::Csv,
            AuditFormat::Prometheus => ReportFormat::Prometheus,
            AuditFormat::Markdown => ReportFormat::Markdown,
        }),
        Command::Plan(args) => FleetRun::Report(match args.output {
            PlanFormat::Table => ReportFormat::Text,
            PlanFormat::Json => ReportFormat::Json,
            PlanFormat::Markdown => ReportFormat::Markdown,
        }),
        Command::Ilm(IlmCommand::Explain(args)) => FleetRun::Report(match args.output {
            IlmExplainFormat::Table => ReportFormat::Text,
            IlmExplainFormat::Json => ReportFormat::Json,
            IlmExplainFormat::Csv => ReportFormat::Csv,
            IlmExplainFormat::Markdown => ReportFormat::Markdown,
        }),
        Command::Ilm(IlmCommand::Status(args)) => FleetRun::Report(document(args.output)),
        Command::Apply(_) => FleetRun::Act(ReportFormat::Text),
        Command::Retention(RetentionArgs { selection, run, .. })
        | Command::Indices(IndicesArgs { action: indices_action!(IndicesActionArgs { selection, run }) }) => {
            if selection.plan.is_some() || run.plan_out.is_some() {
                anyhow::bail!(
                    "a saved plan (--plan, --plan-out) belongs to one cluster: give a single --context, or run the \
                     fleet without it (every cluster's plan is shown before anything is done)"
                );
            }
            dry_run_or_act(run.execute, run.output)
        }
        Command::Rollover(args) => dry_run_or_act(args.execute, args.output),
        Command::Ilm(IlmCommand::Retry(args)) => FleetRun::Act(document(args.output)),
        Command::Ilm(IlmCommand::Attach(args) | IlmCommand::Switch(args)) => {
            dry_run_or_act(args.rails.rails.execute, args.rails.rails.output)
        }
        Command::Ilm(IlmCommand::Detach(args)) => dry_run_or_act(args.rails.rails.execute, args.rails.rails.output),
        Command::Ilm(IlmCommand::Move(args)) => dry_run_or_act(args.rails.execute, args.rails.output),
        Command::Ilm(IlmCommand::Start(args) | IlmCommand::Stop(args)) => {
            dry_run_or_act(args.rails.execute, args.rails.output)
        }
        Command::Bootstrap(args) => dry_run_or_act(args.rails.execute, args.rails.output),
        Command::Export(_)
        | Command::Pipeline(_)
        | Command::Context(_)
        | Command::Validate(_)
        | Command::Render(_)
        | Command::Sandbox(_)
        | Command::Completions(_)
        | Command::Man(_) => anyhow::bail!(
            "several contexts work with the commands that read or change clusters (info, audit, plan, apply, \
             retention, indices, rollover, ilm, bootstrap); give this command a single --context"
        ),
    })
}

/// Runs the command on every selected context: one combined report, or (for a command that
/// changes clusters) the fleet action.
pub async fn run(cli: &Cli, flags: &ConnectionFlags, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let how = fleet_run(&cli.command)?;
    let (names, config_path) = selected_contexts(cli)?;
    printer.status(&format!("{} clusters: {}", names.len(), names.join(", ")));
    let format = match how {
        FleetRun::Act(format) => return act(cli, flags, &names, config_path.as_deref(), format, printer).await,
        FleetRun::Report(format) => format,
    };
    let bound = Arc::new(tokio::sync::Semaphore::new(cli.global.parallel.max(1)));
    let runs = names.iter().map(|name| {
        let bound = bound.clone();
        let config_path = config_path.clone();
        async move {
            let _permit = bound.acquire().await;
            let cluster_printer = printer.for_cluster(name);
            let outcome = run_one(cli, flags, name, config_path.as_deref(), &cluster_printer).await;
            if let Some((message, hint)) = &outcome.error {
                cluster_printer.error(message, hint.as_deref());
            }
            outcome
        }
    });
    let outcomes = futures_util::future::join_all(runs).await;
    let report = match format {
        ReportFormat::Text => fleet::text_report(&outcomes, false),
        ReportFormat::Markdown => fleet::text_report(&outcomes, true),
        ReportFormat::Csv => fleet::csv_report(&outcomes),
        ReportFormat::Prometheus => fleet::prometheus_report(&outcomes),
        ReportFormat::Json | ReportFormat::Yaml => document(&outcomes, format)?,
    };
    printer.data(&report)?;
    Ok(fleet::worst_status(&outcomes))
}

/// The JSON or YAML document of a fleet run.
fn document(outcomes: &[ClusterOutcome], format: ReportFormat) -> anyhow::Result<String> {
    Ok(if format == ReportFormat::Yaml {
        let doc = fleet::document_report(outcomes, |t| serde_saphyr::from_str(t).map_err(|e| e.to_string()));
        serde_saphyr::to_string(&doc)?
    } else {
        let doc = fleet::document_report(outcomes, |t| serde_json::from_str(t).map_err(|e| e.to_string()));
        format!("{}\n", serde_json::to_string_pretty(&doc)?)
    })
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

/// A command that changes clusters, on several: every cluster plans at once (within
/// `--parallel`) and stops at its question (see `confirm`); every plan is shown; one question for
/// the fleet (the stronger one when data is deleted); then cluster by cluster in the config
/// file's order, stopping at the first failure unless `--keep-going`. A cluster that cannot be
/// planned stops everything before any change unless `--keep-going`: changing part of a fleet
/// should be a decision, not an accident.
async fn act(
    cli: &Cli,
    flags: &ConnectionFlags,
    names: &[String],
    config_path: Option<&std::path::Path>,
    format: ReportFormat,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let printers: Vec<Printer> = names.iter().map(|name| printer.for_cluster(name)).collect();
    let (ask_tx, asks) = mpsc::unbounded_channel();
    let (end_tx, ends) = mpsc::unbounded_channel();
    let bound = Arc::new(tokio::sync::Semaphore::new(cli.global.parallel.max(1)));
    let clusters = futures_util::future::join_all(names.iter().zip(&printers).enumerate().map(|(i, (name, p))| {
        let (ask_tx, end_tx, bound) = (ask_tx.clone(), end_tx.clone(), bound.clone());
        async move {
            let permit = bound.acquire_owned().await.ok();
            let outcome = Seat::new(i, ask_tx, permit).scope(run_one(cli, flags, name, config_path, p)).await;
            let _ = end_tx.send((i, outcome));
        }
    }));
    drop((ask_tx, end_tx));
    let turns = Turns { names, printers: &printers, asks, ends, format, keep_going: cli.global.keep_going, printer };
    let (_, result) = tokio::join!(clusters, turns.run());
    result
}

/// The fleet action's side of the clusters' questions.
struct Turns<'a> {
    names: &'a [String],
    printers: &'a [Printer],
    asks: mpsc::UnboundedReceiver<Ask>,
    ends: mpsc::UnboundedReceiver<(usize, ClusterOutcome)>,
    format: ReportFormat,
    keep_going: bool,
    printer: &'a Printer,
}

impl Turns<'_> {
    async fn run(mut self) -> anyhow::Result<ExitStatus> {
        let n = self.names.len();
        let mut waiting: Vec<Option<Ask>> = (0..n).map(|_| None).collect();
        let mut ended: Vec<Option<ClusterOutcome>> = vec![None; n];
        // Every cluster plans, then waits at its question or ends (nothing to do, or cannot plan).
        while (0..n).any(|i| waiting[i].is_none() && ended[i].is_none()) {
            tokio::select! {
                Some(ask) = self.asks.recv() => {
                    let i = ask.index;
                    waiting[i] = Some(ask);
                }
                Some((i, outcome)) = self.ends.recv() => ended[i] = Some(outcome),
                else => break,
            }
        }
        for (i, outcome) in ended.iter_mut().enumerate() {
            if let Some(outcome) = outcome {
                let planned = outcome.error.is_none() && outcome.status != ExitStatus::Failure;
                outcome.step = Some(if planned { ActionStep::NothingToDo } else { ActionStep::CannotPlan });
                if !planned {
                    self.say_error(i, outcome);
                }
            }
        }
        self.show_plans(&waiting, &ended)?;
        let unplanned: Vec<&str> = (0..n)
            .filter(|&i| ended[i].as_ref().is_some_and(|o| o.step == Some(ActionStep::CannotPlan)))
            .map(|i| self.names[i].as_str())
            .collect();
        let refusal = if waiting.iter().all(Option::is_none) {
            self.printer.status("Nothing to change on any cluster.");
            None
        } else if !unplanned.is_empty() && !self.keep_going {
            Some(anyhow::anyhow!(
                "nothing was changed on any cluster: {} could not be planned; fix that, or pass --keep-going to go \
                 ahead on the others",
                unplanned.join(", ")
            ))
        } else {
            self.confirm(&waiting).err()
        };
        if let Some(refusal) = refusal {
            for ask in waiting.iter_mut().filter_map(Option::take) {
                let _ = ask.answer.send(Err("the fleet did not go ahead".into()));
            }
            self.wait_for_all(&mut ended).await;
            for outcome in ended.iter_mut().flatten().filter(|o| o.step.is_none()) {
                outcome.step = Some(ActionStep::NotAttempted);
                outcome.status = ExitStatus::Failure;
                outcome.error = None;
            }
            self.finish(&ended)?;
            return Err(refusal);
        }
        // Cluster by cluster, in the config file's order.
        let mut stopped_by: Option<String> = None;
        for i in 0..n {
            let Some(ask) = waiting[i].take() else { continue };
            if let Some(failed) = &stopped_by {
                let _ = ask.answer.send(Err(format!("{failed} failed first")));
                continue;
            }
            let _ = ask.answer.send(Ok(()));
            while ended[i].is_none() {
                let Some((j, outcome)) = self.ends.recv().await else { break };
                ended[j] = Some(outcome);
            }
            let Some(outcome) = ended[i].as_mut() else { continue };
            let failed = outcome.error.is_some() || outcome.status == ExitStatus::Failure;
            outcome.step = Some(if failed { ActionStep::Failed } else { ActionStep::Done });
            if failed {
                self.say_error(i, outcome);
                if !self.keep_going {
                    stopped_by = Some(self.names[i].clone());
                }
            }
            if self.format == ReportFormat::Text {
                let word = if failed { "FAILED" } else { "done" };
                self.printer.data(&format!("=== context {}: {word} ===\n{}", self.names[i], outcome.output))?;
            }
        }
        self.wait_for_all(&mut ended).await;
        for outcome in ended.iter_mut().flatten().filter(|o| o.step.is_none()) {
            outcome.step = Some(ActionStep::NotAttempted);
            outcome.status = ExitStatus::Failure;
            if let Some(failed) = &stopped_by {
                outcome.error =
                    Some((format!("{failed} failed first"), Some("--keep-going goes on past a failure".into())));
            }
        }
        self.finish(&ended)
    }

    /// Every plan, a section per cluster (text), before the question.
    fn show_plans(&self, waiting: &[Option<Ask>], ended: &[Option<ClusterOutcome>]) -> anyhow::Result<()> {
        for (i, name) in self.names.iter().enumerate() {
            let plan = self.printers[i].take_data();
            if self.format != ReportFormat::Text {
                continue;
            }
            let heading = match (&waiting[i], &ended[i]) {
                (Some(ask), _) => ask.cluster.describe(),
                (None, Some(o)) if o.step == Some(ActionStep::CannotPlan) => "cannot plan".to_string(),
                _ => "nothing to change".to_string(),
            };
            let output = ended[i].as_ref().map_or(plan.as_str(), |o| o.output.as_str());
            let error = ended[i].as_ref().and_then(|o| o.error.as_ref()).map(|(m, _)| format!("error: {m}\n"));
            self.printer.data(&format!("=== context {name}: {heading} ===\n{output}{}", error.unwrap_or_default()))?;
        }
        Ok(())
    }

    /// The fleet's one question, over every cluster waiting at its own.
    fn confirm(&self, waiting: &[Option<Ask>]) -> anyhow::Result<()> {
        let asks: Vec<&Ask> = waiting.iter().flatten().collect();
        let planned: Vec<PlannedCluster> = asks
            .iter()
            .map(|ask| PlannedCluster {
                context: self.names[ask.index].clone(),
                what: ask.confirmation.what.clone(),
                deletes: ask.confirmation.deletes.map(|d| (d.indices, d.bytes)),
            })
            .collect();
        let question = fleet::fleet_question(&planned);
        for line in question.summary.lines() {
            self.printer.warn(line.trim_start());
        }
        let confirmation = Confirmation {
            what: String::new(),
            question: question.question,
            answers: vec![question.answer],
            not_doing: format!("not going ahead on any of the {} clusters", asks.len()),
            verb: asks[0].confirmation.verb.clone(),
            deletes: None,
        };
        // Every cluster runs the same command line: the same --yes.
        confirm::ask_here(asks.iter().all(|a| a.yes), &confirmation, self.printer)
    }

    async fn wait_for_all(&mut self, ended: &mut [Option<ClusterOutcome>]) {
        while ended.iter().any(Option::is_none) {
            let Some((j, outcome)) = self.ends.recv().await else { break };
            ended[j] = Some(outcome);
        }
    }

    fn say_error(&self, i: usize, outcome: &ClusterOutcome) {
        if let Some((message, hint)) = &outcome.error {
            self.printers[i].error(message, hint.as_deref());
        }
    }

    /// The per-cluster summary (text) or the document (JSON, YAML), and the fleet's exit status.
    fn finish(&self, ended: &[Option<ClusterOutcome>]) -> anyhow::Result<ExitStatus> {
        let outcomes: Vec<ClusterOutcome> = ended.iter().flatten().cloned().collect();
        match self.format {
            ReportFormat::Json | ReportFormat::Yaml => self.printer.data(&document(&outcomes, self.format)?)?,
            _ => self.printer.data(&format!("=== fleet ===\n{}", fleet::action_summary(&outcomes)))?,
        }
        let all_well = outcomes.iter().all(|o| o.step.is_some_and(ActionStep::succeeded));
        Ok(if all_well { fleet::worst_status(&outcomes) } else { ExitStatus::Failure })
    }
}

/// One cluster: its own connection (the context, under the other flags), the command with
/// `cluster_printer`, which keeps its data, and how it ended.
async fn run_one(
    cli: &Cli,
    flags: &ConnectionFlags,
    name: &str,
    config_path: Option<&std::path::Path>,
    cluster_printer: &Printer,
) -> ClusterOutcome {
    let mut url = None;
    let result: anyhow::Result<ExitStatus> = async {
        let client = connect_context(flags, name, config_path, cluster_printer)?;
        url = Some(client.url().to_string());
        super::on_cluster(&cli.command, &client, false, cluster_printer).await
    }
    .await;
    let output = cluster_printer.take_data();
    let (status, error) = match result {
        Ok(status) => (status, None),
        Err(err) => {
            let report = exit::ErrorReport::from(&err);
            (ExitStatus::Failure, Some((report.message, report.hint)))
        }
    };
    ClusterOutcome { context: name.to_string(), url, status, output, error, step: None }
}
