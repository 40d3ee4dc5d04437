//! `esops retention` and `esops indices ACTION`: one selection (patterns, dates, families,
//! protections, count/size/disk limits, the `--min-age` floor), shown as a dry run; with
//! `--execute` the action on it — after a re-read of the cluster, within `--max`, with
//! confirmation, an audit trail written before and after each batch, and a read-back that
//! confirms what the cluster really did.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use crate::cli::{ActionRunArgs, AgeFromArg, RetentionArgs, SelectionArgs, TotalOfArg, TreeArgs};
use std::collections::BTreeMap;

use esops_core::es::Client;
use esops_core::es::cluster_state::parse_policy;
use esops_core::es::indices::template_info;
use esops_core::exit::ExitStatus;
use esops_core::lifecycle::date_format::parse_date_format;
use esops_core::lifecycle::index_action::{self, ActOutcome, BatchEvent, IndexAction, IndexActor};
use esops_core::lifecycle::retention::{
    self, AgeSource, DAY_MILLIS, ExcludedIndex, Exclusion, Pressure, Recheck, RetentionRule, RetentionSelection,
    SelectedIndex, SelectionOptions, SizeLimit, SizeScope,
};
use esops_core::printer::Printer;
use esops_core::render;
use esops_core::resources::{DeclaredResource, ResourceKind};

use super::TargetCluster;
use super::confirm::{Confirmation, DataDeleted, confirm};

/// The shortest `--older-than` or `--min-age` accepted: `--older-than 0` deleted everything in Curator.
const MIN_OLDER_THAN_SECS: u64 = 3_600;

/// The whole report, as `-o json` prints it.
#[derive(Debug, Serialize)]
struct RetentionReport {
    cluster: TargetCluster,
    #[serde(flatten)]
    action: IndexAction,
    now: chrono::DateTime<chrono::Utc>,
    rules: Vec<RetentionRule>,
    #[serde(flatten)]
    selection: RetentionSelection,
    total_bytes: u64,
    /// Present with `--execute`.
    #[serde(skip_serializing_if = "Option::is_none")]
    execution: Option<Execution>,
}

/// What `--execute` did.
#[derive(Debug, Serialize)]
struct Execution {
    recheck: Recheck,
    /// The snapshot taken first (`retention --snapshot-to`).
    #[serde(skip_serializing_if = "Option::is_none")]
    snapshot: Option<SnapshotTaken>,
    results: Vec<IndexResult>,
    /// Set when Ctrl-C stopped the run.
    interrupted: bool,
}

/// The snapshot that holds what was deleted.
#[derive(Debug, Serialize)]
struct SnapshotTaken {
    repository: String,
    snapshot: String,
    state: String,
    indices: Vec<String>,
}

impl SnapshotTaken {
    /// How the --log-file lines name it.
    fn reference(&self) -> serde_json::Value {
        serde_json::json!({"repository": self.repository, "name": self.snapshot})
    }
}

/// The snapshot step (`retention --snapshot-to`, `indices snapshot --to`): one snapshot of the
/// re-checked selection, which must succeed and hold every selected index before the action goes
/// on (for `indices snapshot`, it is the action).
pub struct SnapshotFirst<'a> {
    repository: &'a str,
    name: &'a str,
    timeout: std::time::Duration,
}

impl<'a> SnapshotFirst<'a> {
    /// Into `repository`, named `name` (date math allowed), waiting up to `timeout`.
    pub fn new(repository: &'a str, name: &'a str, timeout: std::time::Duration) -> Self {
        SnapshotFirst { repository, name, timeout }
    }
}

#[derive(Debug, Clone, Serialize)]
struct IndexResult {
    index: String,
    #[serde(flatten)]
    outcome: ActOutcome,
}

/// A reviewed plan, saved by `--plan-out` and carried out by `--execute --plan`: the resolved
/// selection (rules, options, "now") and what it selected, bound to one cluster.
#[derive(Debug, Serialize, Deserialize)]
struct SavedPlan {
    /// Format marker.
    esops_plan: u32,
    #[serde(flatten)]
    action: IndexAction,
    cluster_uuid: String,
    cluster_name: String,
    now: chrono::DateTime<chrono::Utc>,
    rules: Vec<RetentionRule>,
    options: SelectionOptions,
    selected: Vec<SelectedIndex>,
}

const PLAN_FORMAT: u32 = 1;

/// Runs `esops retention`: the selection, deleted.
pub async fn run(client: &Client, args: &RetentionArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let snapshot_first = args.snapshot_to.as_deref().map(|repository| SnapshotFirst {
        repository,
        name: &args.snapshot_name,
        timeout: args.snapshot_timeout,
    });
    run_action(client, &args.selection, &args.run, IndexAction::Delete, snapshot_first, printer).await
}

/// Resolves the selection flags into options.
fn selection_options(sel: &SelectionArgs) -> anyhow::Result<SelectionOptions> {
    let millis = |d: std::time::Duration| i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
    for (flag, value) in [("--older-than", sel.older_than), ("--min-age", sel.min_age)] {
        if let Some(age) = value
            && age.as_secs() < MIN_OLDER_THAN_SECS
        {
            bail!(
                "{flag} {} would select indices that are still being written to; the minimum is 1h",
                humantime::format_duration(age)
            );
        }
    }
    // The floor defaults to a day, or to --older-than when that is shorter (an explicit age rule
    // is its own floor; the default only guards the count, size and disk limits).
    let min_age_millis = match (sel.min_age, sel.older_than) {
        (Some(floor), _) => millis(floor),
        (None, Some(age)) => millis(age).min(DAY_MILLIS),
        (None, None) => DAY_MILLIS,
    };
    let options = SelectionOptions {
        age_source: match sel.age_from {
            AgeFromArg::Name => AgeSource::NameDate,
            AgeFromArg::Creation => AgeSource::Creation,
        },
        date_format: sel.date_format.as_deref().map(parse_date_format).transpose()?,
        keep_newest: sel.keep_newest as usize,
        include_hidden: sel.include_hidden,
        include_managed: sel.include_managed,
        min_age_millis,
        pressure: Pressure {
            keep_last: sel.keep_last,
            keep_total_below: sel.keep_total_below.map(|bytes| SizeLimit {
                bytes,
                scope: match sel.total_of {
                    TotalOfArg::Family => SizeScope::Family,
                    TotalOfArg::Matched => SizeScope::Matched,
                },
            }),
            keep_disk_below_percent: sel.keep_disk_below,
        },
    };
    if options.date_format.is_some() && options.age_source == AgeSource::Creation {
        bail!("--date-format reads dates from index names; it makes no sense with --age-from creation");
    }
    Ok(options)
}

/// The rules: from a declared tree, from `--older-than` (or the patterns alone, for the limits),
/// or from the cluster's policies.
async fn selection_rules(
    client: &Client,
    sel: &SelectionArgs,
    policy_delete_after: &BTreeMap<String, i64>,
    printer: &Printer,
) -> anyhow::Result<Vec<RetentionRule>> {
    if !sel.from.is_empty() {
        let tree = TreeArgs { paths: sel.from.clone(), assume_existing: Vec::new() };
        let declared = super::load_declared(&tree, printer)?;
        let rules = declared_rules(&declared);
        if rules.is_empty() {
            bail!(
                "no index template in {} attaches an ILM policy with a delete phase (index.lifecycle.name); \
                 nothing to derive retention from — give PATTERN… --older-than AGE instead",
                tree.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
            );
        }
        return Ok(rules);
    }
    if !sel.from_cluster_policies {
        let millis = sel.older_than.map(|age| i64::try_from(age.as_millis()).unwrap_or(i64::MAX));
        let source = match millis {
            Some(m) => format!("--older-than {}", render::human_age(u64::try_from(m).unwrap_or(u64::MAX))),
            None => sel.patterns.join(", "),
        };
        return Ok(vec![RetentionRule { patterns: sel.patterns.clone(), delete_after_millis: millis, source }]);
    }
    let templates = client.index_templates().await?;
    let rules = retention::rules_from_policies(&templates, policy_delete_after);
    if rules.is_empty() {
        bail!(
            "no index template attaches an ILM policy with a delete phase (index.lifecycle.name); \
             nothing to derive retention from — give PATTERN… --older-than AGE instead"
        );
    }
    Ok(rules)
}

/// What the action has nothing to do on (already closed, …) or cannot do yet (a shrink's
/// prerequisites) leaves the selection, with the reason.
fn apply_blockers(action: IndexAction, selection: &mut RetentionSelection, snapshot: &retention::RetentionSnapshot) {
    let facts: BTreeMap<&str, &retention::IndexFacts> = snapshot.indices.iter().map(|i| (i.name.as_str(), i)).collect();
    let (keep, blocked): (Vec<SelectedIndex>, Vec<SelectedIndex>) = std::mem::take(&mut selection.selected)
        .into_iter()
        .partition(|s| facts.get(s.name.as_str()).is_none_or(|f| action.blocker(f, snapshot).is_none()));
    selection.selected = keep;
    for s in blocked {
        let why = facts.get(s.name.as_str()).and_then(|f| action.blocker(f, snapshot)).unwrap_or_default();
        selection.excluded.push(ExcludedIndex {
            name: s.name,
            age_millis: Some(s.age_millis),
            store_bytes: s.store_bytes,
            reason: Exclusion::NothingToDo { why },
        });
    }
    selection.excluded.sort_by(|a, b| a.name.cmp(&b.name));
}

/// Runs one action on the selection.
pub async fn run_action(
    client: &Client,
    sel: &SelectionArgs,
    run: &ActionRunArgs,
    action: IndexAction,
    snapshot_first: Option<SnapshotFirst<'_>>,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let saved = sel.plan.as_deref().map(read_plan).transpose()?;
    if let Some(plan) = &saved
        && plan.action != action
    {
        bail!("the plan is for `{}`, not `{}`: run the command that saved it", plan.action.verb(), action.verb());
    }
    let options = match &saved {
        Some(plan) => plan.options.clone(),
        None => selection_options(sel)?,
    };
    // "now" is read once, here: the plan and the re-check must age indices against the same instant.
    let now = saved.as_ref().map(|p| p.now).or(sel.now).unwrap_or_else(chrono::Utc::now);
    let cluster = super::read_target(client, printer).await?;
    if let Some(plan) = &saved
        && plan.cluster_uuid != cluster.cluster_uuid
    {
        bail!(
            "the plan was made for cluster {} ({}), this is {} ({}): nothing was done",
            plan.cluster_name,
            plan.cluster_uuid,
            cluster.cluster_name,
            cluster.cluster_uuid
        );
    }
    let needs_disk = options.pressure.keep_disk_below_percent.is_some() || matches!(action, IndexAction::Shrink { .. });
    let snapshot = client
        .selection_snapshot(needs_disk)
        .await
        .with_context(|| format!("reading the indices of {}", client.url()))?;
    let rules = match &saved {
        Some(plan) => plan.rules.clone(),
        None => selection_rules(client, sel, &snapshot.policy_delete_after, printer).await?,
    };
    let mut selection = retention::select(&snapshot, &rules, &options, now);
    apply_blockers(action, &mut selection, &snapshot);
    if let Some(plan) = &saved {
        // The reviewed list is what runs, not today's rule: the re-check below refuses any drift.
        selection.selected = plan.selected.clone();
    }
    warn_about_exclusions(&selection, now.timestamp_millis(), printer);
    for unmet in &selection.unmet {
        printer.warn(unmet);
    }
    let mut report =
        RetentionReport { cluster, action, now, rules, total_bytes: selection.bytes(), selection, execution: None };
    let table_wanted = run.output == crate::cli::DocumentFormat::Table;
    // Cron: with nothing to do and nobody watching, stdout stays empty.
    let quiet = report.selection.selected.is_empty() && !printer.stdout_is_terminal();
    if table_wanted && !quiet {
        printer.data(&plan_table(&report, printer))?;
    }
    if let Some(path) = &run.plan_out {
        write_plan(path, &report, &options)?;
        printer.status(&format!(
            "plan saved to {}: carry it out with --execute --plan {}",
            path.display(),
            path.display()
        ));
    }
    let count = report.selection.selected.len();
    if !run.execute || count == 0 {
        if table_wanted && !quiet {
            if count > 0 {
                printer.status(&format!(
                    "dry run: nothing was {}; add --execute to {} the selected indices",
                    if action == IndexAction::Delete { "deleted" } else { "changed" },
                    action.verb()
                ));
                match &snapshot_first {
                    Some(first) if action == IndexAction::Snapshot => printer.status(&format!(
                        "with --execute, one snapshot of them goes into repository {} as {}",
                        first.repository, first.name
                    )),
                    Some(first) => printer.status(&format!(
                        "with --execute, one snapshot of them goes into repository {} first; nothing is {} unless it succeeds",
                        first.repository,
                        if action == IndexAction::Delete { "deleted" } else { "changed" },
                    )),
                    None => {}
                }
            }
        } else {
            printer.status(&summary(&report, run.execute));
        }
        if !table_wanted {
            print_document(&report, run, printer)?;
        }
        return Ok(ExitStatus::Success);
    }

    if count > run.max {
        bail!(
            "refusing to {} {count} indices: more than --max {} (a safety cap against a pattern or rule that \
             selects far more than intended). Check the list above, then re-run with --max {count} if it is right",
            action.verb(),
            run.max
        );
    }
    let question = confirmation(action, count, report.total_bytes, &report.cluster);
    confirm(run.yes, &question, &report.cluster, printer).await?;
    let mut log = run.log_file.as_deref().map(open_log).transpose()?;

    // Re-read right before acting: minutes may have passed at the prompt, ILM or a colleague
    // may have deleted indices, a new index may have appeared or become a write index. Only what
    // was shown and is still selected goes.
    let fresh_snapshot = client
        .selection_snapshot(needs_disk)
        .await
        .with_context(|| format!("re-reading the indices of {}", client.url()))?;
    let mut fresh = retention::select(&fresh_snapshot, &report.rules, &options, now);
    apply_blockers(action, &mut fresh, &fresh_snapshot);
    let recheck = retention::recheck(&report.selection, &fresh_snapshot, &fresh);
    if !recheck.newly_selected.is_empty() {
        bail!(
            "the cluster changed since the plan was read: {} now also selected ({}) — nothing was done. \
             Re-run to see the new plan",
            recheck.newly_selected.len(),
            recheck.newly_selected.join(", ")
        );
    }
    if saved.is_some() {
        let recreated: Vec<&str> = report
            .selection
            .selected
            .iter()
            .filter(|s| {
                fresh_snapshot.indices.iter().any(|i| i.name == s.name && i.creation_millis != s.creation_millis)
            })
            .map(|s| s.name.as_str())
            .collect();
        let drift: Vec<String> = recheck
            .already_gone
            .iter()
            .map(|n| format!("{n} is gone"))
            .chain(
                recheck
                    .now_protected
                    .iter()
                    .map(|e| format!("{}: {}", e.name, e.reason.message(now.timestamp_millis()))),
            )
            .chain(recreated.iter().map(|n| format!("{n} was deleted and created again")))
            .collect();
        if !drift.is_empty() {
            bail!(
                "the cluster no longer matches the reviewed plan ({}) — nothing was done. Make and review a new plan",
                drift.join("; ")
            );
        }
    }
    for gone in &recheck.already_gone {
        printer.status(&format!("{gone}: already gone"));
    }
    for kept in &recheck.now_protected {
        printer.warn(&format!("{}: left alone, {}", kept.name, kept.reason.message(now.timestamp_millis())));
    }

    // The snapshot step: what is about to be acted on, snapshotted and verified first. Its intent
    // and, when it fails, its failure go to the --log-file like any batch's.
    let snapshot = match &snapshot_first {
        Some(first) if !recheck.delete.is_empty() => {
            let mut intent = log_intent(&report.cluster, IndexAction::Snapshot, 1, 1, &recheck.delete, None);
            intent["snapshot"] = serde_json::json!({"repository": first.repository, "name": first.name});
            write_log(&mut log, &intent)?;
            match take_snapshot_first(client, first, action, &recheck.delete, &report.cluster, printer).await {
                Ok(taken) => Some(taken),
                Err(e) => {
                    let mut failed = intent;
                    failed["event"] = "outcome".into();
                    failed["time"] = log_time().into();
                    failed["done"] = false.into();
                    failed["error"] = format!("{e:#}").into();
                    write_log(&mut log, &failed)?;
                    return Err(e);
                }
            }
        }
        _ => None,
    };

    let batches = action.batches(&recheck.delete, retention::MAX_DELETE_PATH_BYTES);
    if !recheck.delete.is_empty() && action != IndexAction::Snapshot {
        printer.warn(&format!("{} {} indices on {}", action.gerund(), recheck.delete.len(), report.cluster.describe()));
    }
    let selected: BTreeMap<&str, &SelectedIndex> =
        report.selection.selected.iter().map(|s| (s.name.as_str(), s)).collect();
    let interrupted = Arc::new(AtomicBool::new(false));
    let so_far: Arc<Mutex<Vec<(String, ActOutcome)>>> = Arc::default();
    let watcher = watch_interrupts(interrupted.clone(), so_far.clone(), printer.clone());
    let mut log_error = None;
    let mut trail = |line: serde_json::Value| {
        if let Some(file) = log.as_mut()
            && let Err(e) = writeln!(file, "{line}").and_then(|()| file.sync_data())
        {
            log_error.get_or_insert(e);
        }
    };
    let outcome_line = |name: &str, outcome: &ActOutcome| {
        log_outcome(&report.cluster, action, selected.get(name).copied(), name, outcome, snapshot.as_ref())
    };
    let mut results = if action == IndexAction::Snapshot && snapshot.is_some() {
        // The snapshot step was the action, and it checked that the snapshot holds every index.
        let results: Vec<(String, ActOutcome)> = recheck.delete.iter().map(|n| (n.clone(), ActOutcome::Done)).collect();
        for (name, outcome) in &results {
            trail(outcome_line(name, outcome));
        }
        results
    } else {
        index_action::act_in_batches(
            client,
            action,
            &batches,
            || interrupted.load(Ordering::SeqCst),
            |event| match event {
                BatchEvent::Intent { batch, batches, names } => {
                    trail(log_intent(&report.cluster, action, batch, batches, names, snapshot.as_ref()));
                }
                BatchEvent::Outcome { done, total, results, .. } => {
                    printer.progress(action.gerund(), done as u64, total as u64);
                    for (name, outcome) in results {
                        trail(outcome_line(name, outcome));
                    }
                    if let Ok(mut list) = so_far.lock() {
                        list.extend(results.iter().cloned());
                    }
                }
            },
        )
        .await
    };
    watcher.abort();
    // Believe the cluster only when it shows it: one read confirms every acknowledged index.
    if results.iter().any(|(_, o)| *o == ActOutcome::Done) {
        match client.read_back().await {
            Ok(after) => index_action::confirm(action, &mut results, &after),
            Err(e) => printer.warn(&format!("could not re-read the cluster to confirm the results: {e}")),
        }
    }
    if let Some(e) = log_error {
        printer.error(&format!("cannot write the --log-file: {e}"), None);
    }
    let mut results: Vec<IndexResult> =
        results.into_iter().map(|(index, outcome)| IndexResult { index, outcome }).collect();
    results.extend(
        recheck.already_gone.iter().map(|i| IndexResult { index: i.clone(), outcome: ActOutcome::AlreadyGone }),
    );
    let ok = results.iter().all(|r| r.outcome.done() || r.outcome == ActOutcome::AlreadyGone);
    let was_interrupted = interrupted.load(Ordering::SeqCst);
    report.execution = Some(Execution { recheck, snapshot, results, interrupted: was_interrupted });
    if table_wanted {
        printer.data(&results_table(&report))?;
    } else {
        print_document(&report, run, printer)?;
    }
    Ok(if ok && !was_interrupted { ExitStatus::Success } else { ExitStatus::Failure })
}

/// Takes one snapshot of `indices` into the repository and waits for it; an error (nothing may
/// be deleted) unless it succeeded and holds every one of them.
async fn take_snapshot_first(
    client: &Client,
    first: &SnapshotFirst<'_>,
    action: IndexAction,
    indices: &[String],
    cluster: &TargetCluster,
    printer: &Printer,
) -> anyhow::Result<SnapshotTaken> {
    let repository = first.repository;
    let (before, taken_by, nothing_done) = match action {
        IndexAction::Snapshot => ("", "esops indices snapshot", "the indices are not backed up by it"),
        IndexAction::Delete => (" before deleting", "esops retention", "nothing was deleted"),
        _ => (" before acting", "esops indices", "nothing was changed"),
    };
    printer.status(&format!(
        "snapshotting {} {} into repository {repository}{before} (waiting up to {})",
        indices.len(),
        if indices.len() == 1 { "index" } else { "indices" },
        humantime::format_duration(first.timeout)
    ));
    let metadata = serde_json::json!({"taken_by": taken_by, "cluster": cluster.cluster_name});
    let taken =
        client.snapshot_and_wait(repository, first.name, indices, metadata, first.timeout).await.map_err(|e| {
            let hint = match &e {
                esops_core::es::RequestError::Timeout { .. } => format!(
                    " It may still be running: see GET _snapshot/{repository}/_current, and re-run once it has ended."
                ),
                _ => String::new(),
            };
            anyhow::anyhow!("the snapshot into repository {repository} did not succeed: {e}; {nothing_done}.{hint}")
        })?;
    if let Err(shortfall) = esops_core::lifecycle::snapshot_first::check(&taken, indices) {
        bail!(
            "snapshot {repository}/{} cannot stand in for the indices: {shortfall}; {nothing_done}. Fix the cause (GET _snapshot/{repository}/{}), then re-run; delete the failed snapshot if it is not wanted",
            taken.name,
            taken.name
        );
    }
    printer.status(&format!("snapshot {repository}/{} holds all {} indices (SUCCESS)", taken.name, indices.len()));
    if action == IndexAction::Snapshot {
        let all = indices.join(",");
        printer.status(&format!(
            "to restore them: {}",
            esops_core::lifecycle::snapshot_first::restore_request(repository, &taken.name, &all)
        ));
    }
    Ok(SnapshotTaken {
        repository: repository.to_string(),
        snapshot: taken.name,
        state: taken.state,
        indices: taken.indices,
    })
}

/// The first Ctrl-C stops the run after the batch in flight (whose outcome is then settled and
/// logged); a second one quits at once, printing what was done so far.
fn watch_interrupts(
    flag: Arc<AtomicBool>,
    so_far: Arc<Mutex<Vec<(String, ActOutcome)>>>,
    printer: Printer,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_err() {
            return;
        }
        flag.store(true, Ordering::SeqCst);
        printer.warn("interrupted: stopping after the request in flight (Ctrl-C again to quit at once)");
        if tokio::signal::ctrl_c().await.is_err() {
            return;
        }
        let list = so_far.lock().map(|l| l.clone()).unwrap_or_default();
        let done: Vec<&str> = list.iter().filter(|(_, o)| o.done()).map(|(n, _)| n.as_str()).collect();
        printer.warn(&format!(
            "quit: {} done so far by this run{}{}; the request in flight, if any, is unknown — the --log-file \
             holds its intent",
            done.len(),
            if done.is_empty() { "" } else { ": " },
            done.join(", ")
        ));
        std::process::exit(130);
    })
}

fn print_document(report: &RetentionReport, run: &ActionRunArgs, printer: &Printer) -> anyhow::Result<()> {
    if let Some(doc) = super::document(report, run.output)? {
        printer.data(&doc)?;
    }
    Ok(())
}

/// What a cron job must not miss goes to stderr even when stdout stays quiet: names with invalid
/// or future dates, which are never deleted by age (one malformed name silently stopped Curator's
/// retention for days, curator#1593), and indices ILM is late to delete or stuck on.
fn warn_about_exclusions(selection: &RetentionSelection, now_millis: i64, printer: &Printer) {
    const SHOWN: usize = 10;
    let attention: Vec<String> = selection
        .excluded
        .iter()
        .filter(|e| e.reason.needs_attention(now_millis))
        .map(|e| format!("{}: {}", e.name, e.reason.message(now_millis)))
        .collect();
    for line in attention.iter().take(SHOWN) {
        printer.warn(line);
    }
    if attention.len() > SHOWN {
        printer.warn(&format!("… and {} more (see the EXCLUDED list)", attention.len() - SHOWN));
    }
}

/// The one-line summary, the same on a terminal and in a pipe.
fn summary_line(report: &RetentionReport) -> String {
    let s = &report.selection;
    let bytes = render::human_bytes(report.total_bytes);
    format!(
        "{} selected, {}; {} excluded; {} not selected{}",
        s.selected.len(),
        if report.action == IndexAction::Delete { format!("{bytes} to free") } else { bytes },
        s.excluded.len(),
        s.not_due,
        if s.hidden_skipped > 0 { format!("; {} hidden skipped", s.hidden_skipped) } else { String::new() }
    )
}

fn summary(report: &RetentionReport, execute: bool) -> String {
    let n = report.selection.selected.len();
    format!(
        "{}{}",
        summary_line(report),
        if execute || n == 0 { String::new() } else { format!("; dry run: add --execute to {}", report.action.verb()) }
    )
}

/// What `--execute` asks before it acts: the count (or `yes`) on one cluster; deleting counts as
/// deleting data, for the fleet's question.
fn confirmation(action: IndexAction, count: usize, bytes: u64, cluster: &TargetCluster) -> Confirmation {
    let indices = if count == 1 { "index" } else { "indices" };
    let size = if action == IndexAction::Delete { format!(" ({})", render::human_bytes(bytes)) } else { String::new() };
    Confirmation {
        what: format!("{} {count} {indices}{size}", capitalized(action.verb())),
        question: format!(
            "{} {count} {indices} of cluster {} ({})? Type {count} or yes to continue:",
            action.verb(),
            cluster.cluster_name,
            cluster.url
        ),
        answers: vec![count.to_string(), "yes".to_string()],
        not_doing: format!("not {} {count} {indices}", action.gerund()),
        verb: action.verb().to_string(),
        deletes: (action == IndexAction::Delete).then_some(DataDeleted { indices: count, bytes }),
    }
}

/// One line of the --log-file, on disk before the run goes on.
fn write_log(log: &mut Option<std::fs::File>, line: &serde_json::Value) -> anyhow::Result<()> {
    if let Some(file) = log.as_mut() {
        writeln!(file, "{line}").and_then(|()| file.sync_data()).context("writing the --log-file")?;
    }
    Ok(())
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn open_log(path: &Path) -> anyhow::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("opening the --log-file {}", path.display()))
}

fn log_time() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// What every audit-trail line starts with: when, what, and on which cluster.
fn log_head(cluster: &TargetCluster, action: IndexAction, event: &str) -> serde_json::Value {
    serde_json::json!({
        "time": log_time(),
        "event": event,
        "action": action.verb(),
        "cluster": cluster.cluster_name,
        "cluster_uuid": cluster.cluster_uuid,
        "url": cluster.url,
    })
}

/// The audit trail's line written before a batch leaves: a run killed mid-request leaves the
/// intent, so every index it may have touched is accounted for.
fn log_intent(
    cluster: &TargetCluster,
    action: IndexAction,
    batch: usize,
    batches: usize,
    names: &[String],
    snapshot: Option<&SnapshotTaken>,
) -> serde_json::Value {
    let mut line = log_head(cluster, action, "intent");
    line["batch"] = batch.into();
    line["batches"] = batches.into();
    line["indices"] = serde_json::json!(names);
    if let Some(taken) = snapshot {
        line["snapshot"] = taken.reference();
    }
    line
}

/// One index's settled outcome, written as soon as it is known.
fn log_outcome(
    cluster: &TargetCluster,
    action: IndexAction,
    selected: Option<&SelectedIndex>,
    index: &str,
    outcome: &ActOutcome,
    snapshot: Option<&SnapshotTaken>,
) -> serde_json::Value {
    let mut line = log_head(cluster, action, "outcome");
    if let Some(map) = line.as_object_mut() {
        map.extend([
            ("index".to_string(), serde_json::json!(index)),
            ("done".to_string(), serde_json::json!(outcome.done())),
            ("store_bytes".to_string(), serde_json::json!(selected.and_then(|s| s.store_bytes))),
            ("docs".to_string(), serde_json::json!(selected.and_then(|s| s.docs))),
            ("age".to_string(), serde_json::json!(selected.map(|s| render::age_cell(Some(s.age_millis))))),
            ("reason".to_string(), serde_json::json!(selected.map(|s| s.rule.as_str()))),
        ]);
        if let Ok(serde_json::Value::Object(result)) = serde_json::to_value(outcome) {
            map.extend(result);
        }
    }
    if let Some(taken) = snapshot {
        line["snapshot"] = taken.reference();
        line["restore"] = serde_json::json!(esops_core::lifecycle::snapshot_first::restore_request(
            &taken.repository,
            &taken.snapshot,
            index
        ));
    }
    line
}

fn write_plan(path: &Path, report: &RetentionReport, options: &SelectionOptions) -> anyhow::Result<()> {
    let plan = SavedPlan {
        esops_plan: PLAN_FORMAT,
        action: report.action,
        cluster_uuid: report.cluster.cluster_uuid.clone(),
        cluster_name: report.cluster.cluster_name.clone(),
        now: report.now,
        rules: report.rules.clone(),
        options: options.clone(),
        selected: report.selection.selected.clone(),
    };
    let text = serde_json::to_string_pretty(&plan).context("serializing the plan")?;
    std::fs::write(path, text + "\n").with_context(|| format!("writing the plan to {}", path.display()))
}

fn read_plan(path: &Path) -> anyhow::Result<SavedPlan> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading the plan {}", path.display()))?;
    let plan: SavedPlan = serde_json::from_str(&text).with_context(|| {
        format!("{} is not a plan saved by --plan-out (or was edited): nothing was done", path.display())
    })?;
    if plan.esops_plan != PLAN_FORMAT {
        bail!(
            "{}: plan format {} is not {PLAN_FORMAT}: make the plan again with this esops",
            path.display(),
            plan.esops_plan
        );
    }
    Ok(plan)
}

fn opt_bytes(b: Option<u64>) -> String {
    b.map(render::human_bytes).unwrap_or_else(|| "-".into())
}

fn plan_table(report: &RetentionReport, printer: &Printer) -> String {
    let terminal = printer.stdout_is_terminal();
    let now = report.now.timestamp_millis();
    let mut out = String::new();
    if !report.selection.selected.is_empty() {
        let mut t = render::table(&["INDEX", "DATE", "AGE", "SIZE", "DOCS", "WHY"], terminal);
        render::keep_whole(&mut t, &[0]);
        for s in &report.selection.selected {
            let date = match (s.name_date, s.creation_millis) {
                (Some(d), _) => d.to_string(),
                (None, Some(c)) => chrono::DateTime::from_timestamp_millis(c)
                    .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_default(),
                (None, None) => "-".into(),
            };
            t.add_row(vec![
                s.name.clone(),
                date,
                render::age_cell(Some(s.age_millis)),
                opt_bytes(s.store_bytes),
                s.docs.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
                s.rule.clone(),
            ]);
        }
        out.push_str(&render::table_text(&mut t));
    }
    if !report.selection.excluded.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        let mut t = render::table(&["EXCLUDED", "AGE", "SIZE", "REASON"], terminal);
        render::keep_whole(&mut t, &[0]);
        for e in &report.selection.excluded {
            t.add_row(vec![
                e.name.clone(),
                render::age_cell(e.age_millis),
                opt_bytes(e.store_bytes),
                e.reason.message(now),
            ]);
        }
        out.push_str(&render::table_text(&mut t));
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&summary_line(report));
    out.push('\n');
    out
}

fn results_table(report: &RetentionReport) -> String {
    let Some(execution) = &report.execution else { return String::new() };
    let mut t = render::table(&["INDEX", "RESULT"], false);
    let (mut done, mut gone, mut failed, mut unknown, mut skipped) = (0, 0, 0, 0, 0);
    let done_word = report.action.done_word();
    for r in &execution.results {
        let text = match &r.outcome {
            ActOutcome::Done => {
                done += 1;
                done_word.clone()
            }
            ActOutcome::DoneAnswerLost(why) => {
                done += 1;
                format!("{done_word} ({why})")
            }
            ActOutcome::AlreadyGone => {
                gone += 1;
                "already gone".to_string()
            }
            ActOutcome::Failed(e) => {
                failed += 1;
                format!("FAILED: {e}")
            }
            ActOutcome::Unknown(e) => {
                unknown += 1;
                format!("UNKNOWN: {e} — check it before re-running")
            }
            ActOutcome::NotAttempted => {
                skipped += 1;
                "not attempted (the run stopped before it)".to_string()
            }
        };
        t.add_row(vec![r.index.clone(), text]);
    }
    let mut out = format!("\n{}", render::table_text(&mut t));
    let mut line = format!(
        "\n{done} {}, {gone} already gone, {failed} failed, {} kept (now protected)",
        if report.action == IndexAction::Delete { "deleted" } else { "done" },
        execution.recheck.now_protected.len()
    );
    if unknown > 0 {
        line.push_str(&format!(", {unknown} unknown"));
    }
    if skipped > 0 {
        line.push_str(&format!(", {skipped} not attempted"));
    }
    if execution.interrupted {
        line.push_str(" — interrupted");
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// Retention rules from a declared tree: the same derivation as `--from-cluster-policies`, fed
/// with the tree's index templates, component templates and ILM policies instead of the cluster's.
fn declared_rules(declared: &[DeclaredResource]) -> Vec<RetentionRule> {
    let of_kind = |kind: ResourceKind| declared.iter().filter(move |r| r.kind == kind);
    let components: BTreeMap<String, serde_json::Value> =
        of_kind(ResourceKind::ComponentTemplate).map(|r| (r.name.clone(), r.body.clone())).collect();
    let templates: Vec<_> =
        of_kind(ResourceKind::IndexTemplate).map(|r| template_info(&r.name, &r.body, &components)).collect();
    let delete_after: BTreeMap<String, i64> = of_kind(ResourceKind::IlmPolicy)
        .filter_map(|r| {
            let policy = parse_policy(r.body.get("policy").unwrap_or(&serde_json::Value::Null));
            policy.delete_after_millis().map(|d| (r.name.clone(), d))
        })
        .collect();
    retention::rules_from_policies(&templates, &delete_after)
}
