//! `esops rollover`: Elasticsearch's rollover dry run per target, each condition next to the write
//! index's current value, and with `--execute` the rollovers that are due.

use serde::Serialize;

use super::confirm::{self, Confirmation, confirm};
use crate::cli::RolloverArgs;
use esops_core::es::Client;
use esops_core::exit::ExitStatus;
use esops_core::lifecycle::rollover::{
    self, ConditionSource, CurrentValue, RolloverCheck, RolloverCondition, RolloverInventory, RolloverTarget,
};
use esops_core::printer::{Printer, styles};
use esops_core::render;

/// What happened to one target.
#[derive(Debug, Serialize)]
#[serde(rename_all = "snake_case")]
enum Outcome {
    /// Dry run only.
    DryRun,
    /// `--execute` and it rolled over.
    RolledOver,
    /// `--execute`, but not due.
    NotDue,
    /// `--execute`, due in the dry run, but Elasticsearch did not roll it over (its conditions were
    /// re-evaluated and no longer held).
    NotRolledOver,
    /// The dry run or the rollover failed.
    Failed,
}

/// One target's line of the report.
#[derive(Debug, Serialize)]
struct TargetReport {
    target: RolloverTarget,
    /// Elasticsearch's dry-run verdict; absent when the dry run itself failed.
    #[serde(flatten)]
    check: Option<RolloverCheck>,
    outcome: Outcome,
    /// The new write index after a rollover.
    #[serde(skip_serializing_if = "Option::is_none")]
    rolled_to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

impl TargetReport {
    fn new(target: RolloverTarget, check: Option<RolloverCheck>, outcome: Outcome) -> Self {
        TargetReport { target, check, outcome, rolled_to: None, error: None }
    }

    fn failed(target: RolloverTarget, check: Option<RolloverCheck>, error: esops_core::es::RequestError) -> Self {
        TargetReport {
            error: Some(format!("{:#}", anyhow::Error::from(error))),
            ..Self::new(target, check, Outcome::Failed)
        }
    }
}

/// The whole report, as `-o json` prints it.
#[derive(Debug, Serialize)]
struct RolloverReport {
    cluster: super::TargetCluster,
    execute: bool,
    targets: Vec<TargetReport>,
}

/// Runs `esops rollover`.
pub async fn run(client: &Client, args: &RolloverArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let now = args.now.unwrap_or_else(chrono::Utc::now).timestamp_millis();
    let flags = args
        .conditions
        .given()
        .into_iter()
        .map(|(name, value)| RolloverCondition::new(name, value))
        .collect::<Result<Vec<_>, _>>()
        .map_err(anyhow::Error::msg)?;
    rollover::check_conditions(&flags).map_err(anyhow::Error::msg)?;
    let cluster = super::read_target(client, printer).await?;

    let inventory = RolloverInventory {
        indices: client.cat_indices_all().await?,
        aliases: client.aliases_all().await?,
        data_streams: client.data_streams_all().await?,
        settings: client.index_settings_all().await?,
        policy_rollovers: if args.from.is_empty() {
            client.policy_rollover_conditions().await?
        } else {
            declared_rollovers(&args.from, printer)?
        },
    };
    let targets = rollover::resolve_targets(&args.targets, &inventory)?;
    // Every target's conditions are settled before the first request, so a target without any
    // stops the run before anything rolled.
    let planned = targets
        .into_iter()
        .map(|t| rollover::conditions_for(&t, &flags, args.force, &inventory).map(|(c, s)| (t, c, s)))
        .collect::<Result<Vec<_>, _>>()
        .map_err(anyhow::Error::msg)?;

    let run = RolloverRun { client, printer, cluster: &cluster, inventory: &inventory, now };
    let mut checked = Vec::new();
    for (target, conditions, source) in planned {
        let report = run.check(target, &conditions, source).await;
        checked.push((report, conditions));
    }
    if args.execute {
        let due: Vec<String> = checked
            .iter()
            .filter(|(r, _)| r.check.as_ref().is_some_and(|c| c.due))
            .map(|(r, _)| r.target.name.clone())
            .collect();
        if !due.is_empty() {
            let what = format!(
                "Roll over {} ({})",
                super::ilm::plural(due.len(), "target", "targets"),
                super::ilm::listed(&due)
            );
            let question =
                Confirmation::yes_no(&what, &format!("not rolling over {}", due.join(", ")), "roll over", &cluster);
            // Alone, a rollover is not asked about (it deletes nothing; cron runs it); a fleet asks once.
            confirm(args.yes || !confirm::in_fleet(), &question, &cluster, printer).await?;
        }
    }
    let mut reports = Vec::new();
    for (report, conditions) in checked {
        reports.push(if args.execute { run.roll(report, &conditions).await } else { report });
    }
    let failed = reports.iter().any(|r| matches!(r.outcome, Outcome::Failed));
    let report = RolloverReport { cluster, execute: args.execute, targets: reports };
    match super::document(&report, args.output)? {
        Some(doc) => printer.data(&doc)?,
        // Cron: nothing due and nobody watching means nothing to say on stdout.
        None if !printer.stdout_is_terminal() && !report.targets.iter().any(worth_showing) => {}
        None => printer.data(&table(&report, printer))?,
    }
    let count = |pred: fn(&TargetReport) -> bool| report.targets.iter().filter(|t| pred(t)).count();
    let due = count(|t| t.check.as_ref().is_some_and(|c| c.due));
    let targets = report.targets.len();
    let plural = if targets == 1 { "" } else { "s" };
    printer.status(&if args.execute {
        format!(
            "{targets} target{plural}, {due} due, {} rolled over",
            count(|t| matches!(t.outcome, Outcome::RolledOver))
        )
    } else {
        format!("{targets} target{plural}, {due} due (dry run: add --execute to roll over)")
    });
    Ok(if failed { ExitStatus::Failure } else { ExitStatus::Success })
}

fn worth_showing(t: &TargetReport) -> bool {
    matches!(t.outcome, Outcome::Failed | Outcome::RolledOver | Outcome::NotRolledOver)
        || t.check.as_ref().is_some_and(|c| c.due)
}

/// What every target's check needs.
struct RolloverRun<'a> {
    client: &'a Client,
    printer: &'a Printer,
    cluster: &'a super::TargetCluster,
    inventory: &'a RolloverInventory,
    now: i64,
}

impl RolloverRun<'_> {
    /// Elasticsearch's dry run for `target`.
    async fn check(
        &self,
        target: RolloverTarget,
        conditions: &[RolloverCondition],
        source: ConditionSource,
    ) -> TargetReport {
        let answer = match self.client.rollover(&target.name, conditions, true).await {
            Ok(a) => a,
            Err(e) => return TargetReport::failed(target, None, e),
        };
        let write = self.inventory.indices.iter().find(|i| i.index == target.write_index);
        let check = rollover::evaluate(conditions, source, &answer, write, self.now);
        TargetReport::new(target, Some(check), Outcome::DryRun)
    }

    /// With `--execute`: the rollover of a checked target that is due.
    async fn roll(&self, checked: TargetReport, conditions: &[RolloverCondition]) -> TargetReport {
        match &checked.check {
            None => return checked,
            Some(check) if !check.due => return TargetReport { outcome: Outcome::NotDue, ..checked },
            Some(_) => {}
        }
        let TargetReport { target, check, .. } = checked;
        // The same conditions again: Elasticsearch re-evaluates them atomically, so a target that
        // stopped being due since the dry run is not rolled.
        self.printer.warn(&format!("rolling over {} on {}", target.name, self.cluster.describe()));
        match self.client.rollover(&target.name, conditions, false).await {
            Ok(done) if done.rolled_over => TargetReport {
                rolled_to: Some(done.new_index),
                ..TargetReport::new(target, check, Outcome::RolledOver)
            },
            Ok(_) => TargetReport::new(target, check, Outcome::NotRolledOver),
            Err(e) => TargetReport::failed(target, check, e),
        }
    }
}

fn current_text(value: Option<CurrentValue>, averaged: bool) -> String {
    let text = match value {
        None => return "-".into(),
        Some(CurrentValue::Millis(ms)) => render::age_cell(Some(ms)),
        Some(CurrentValue::Docs(n)) => n.to_string(),
        Some(CurrentValue::Bytes(b)) => render::human_bytes(b),
    };
    if averaged { format!("{text} (avg/primary)") } else { text }
}

fn table(report: &RolloverReport, printer: &Printer) -> String {
    let mut out = String::new();
    for t in &report.targets {
        let Some(check) = &t.check else {
            out.push_str(&format!(
                "{}  {}\n\n",
                printer.paint(styles::BOLD, &t.target.name),
                printer.paint(styles::BAD, &format!("failed: {}", t.error.as_deref().unwrap_or("")))
            ));
            continue;
        };
        let kind = match t.target.kind {
            rollover::TargetKind::Alias => "alias",
            rollover::TargetKind::DataStream => "data stream",
        };
        let source = match &check.source {
            ConditionSource::Flags => "conditions from flags".to_string(),
            ConditionSource::Policy(p) => format!("conditions from ILM policy {p}"),
            ConditionSource::Force => "unconditional (--force)".to_string(),
        };
        let verdict = match (&t.outcome, check.due) {
            (Outcome::RolledOver, _) => printer.paint(styles::GOOD, "rolled over"),
            (Outcome::NotRolledOver, _) => printer.paint(styles::WARN, "not rolled over: no longer due"),
            (Outcome::Failed, _) => {
                printer.paint(styles::BAD, &format!("failed: {}", t.error.as_deref().unwrap_or("")))
            }
            (_, true) => printer.paint(styles::WARN, "due"),
            (_, false) => "not due".to_string(),
        };
        let new_index = t.rolled_to.as_deref().unwrap_or(&check.new_index);
        out.push_str(&format!(
            "{} ({kind}, {source}): {verdict}\n  write index {} -> {}\n",
            printer.paint(styles::BOLD, &t.target.name),
            t.target.write_index,
            new_index
        ));
        if !check.conditions.is_empty() {
            let mut t = render::table(&["CONDITION", "CURRENT", "MET"], printer.stdout_is_terminal());
            for c in &check.conditions {
                // Plain text: escape codes inside cells would throw the column widths off.
                let met = match c.met {
                    Some(true) => "yes",
                    Some(false) => "no",
                    None => "?",
                };
                t.add_row(vec![
                    format!("{} {}", c.name, c.threshold),
                    current_text(c.current, c.per_shard_average),
                    met.to_string(),
                ]);
            }
            for line in render::table_text(&mut t).lines() {
                out.push_str(&format!("  {line}\n"));
            }
        }
        out.push('\n');
    }
    out
}

/// The rollover conditions of the ILM policies a declared tree holds, by policy name.
fn declared_rollovers(
    paths: &[std::path::PathBuf],
    printer: &Printer,
) -> anyhow::Result<std::collections::BTreeMap<String, Vec<RolloverCondition>>> {
    let tree = crate::cli::TreeArgs { paths: paths.to_vec(), assume_existing: Vec::new() };
    let declared = super::load_declared(&tree, printer)?;
    Ok(declared
        .iter()
        .filter(|r| r.kind == esops_core::resources::ResourceKind::IlmPolicy)
        .filter_map(|r| Some((r.name.clone(), rollover::policy_rollover_conditions(r.body.get("policy")?)?)))
        .collect())
}
