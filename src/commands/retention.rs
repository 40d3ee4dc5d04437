//! `esops retention`: select the indices past their retention, show why, and with `--execute`
//! delete them — after a re-read of the cluster, within `--max`, with confirmation.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, bail};
use serde::Serialize;

use crate::cli::{AgeFromArg, RetentionArgs, TreeArgs};
use std::collections::BTreeMap;

use esops_core::es::Client;
use esops_core::es::cluster_state::parse_policy;
use esops_core::es::indices::template_info;
use esops_core::exit::ExitStatus;
use esops_core::lifecycle::date_format::parse_date_format;
use esops_core::lifecycle::retention::{
    self, AgeSource, DeletionOutcome, Recheck, RetentionRule, RetentionSelection, SelectionOptions,
};
use esops_core::printer::Printer;
use esops_core::render;
use esops_core::resources::{DeclaredResource, ResourceKind};

use super::TargetCluster;

/// The shortest `--older-than` accepted: `--older-than 0` deleted everything in Curator.
const MIN_OLDER_THAN_SECS: u64 = 3_600;

/// The whole report, as `-o json` prints it.
#[derive(Debug, Serialize)]
struct RetentionReport {
    cluster: TargetCluster,
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
    results: Vec<IndexResult>,
}

#[derive(Debug, Serialize)]
struct IndexResult {
    index: String,
    #[serde(flatten)]
    outcome: DeletionOutcome,
}

/// Runs `esops retention`.
pub async fn run(client: &Client, args: &RetentionArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    // "now" is read once, here: the plan and the re-check must age indices against the same instant.
    let now = args.now.unwrap_or_else(chrono::Utc::now);
    let options = SelectionOptions {
        age_source: match args.age_from {
            AgeFromArg::Name => AgeSource::NameDate,
            AgeFromArg::Creation => AgeSource::Creation,
        },
        date_format: args.date_format.as_deref().map(parse_date_format).transpose()?,
        keep_newest: args.keep_newest as usize,
        include_hidden: args.include_hidden,
        include_managed: args.include_managed,
    };
    if options.date_format.is_some() && options.age_source == AgeSource::Creation {
        bail!("--date-format reads dates from index names; it makes no sense with --age-from creation");
    }
    if let Some(age) = args.older_than
        && age.as_secs() < MIN_OLDER_THAN_SECS
    {
        bail!(
            "--older-than {} would select indices that are still being written to; the minimum is 1h",
            humantime::format_duration(age)
        );
    }
    let cluster = super::read_target(client, printer).await?;

    let snapshot =
        client.retention_snapshot().await.with_context(|| format!("reading the indices of {}", client.url()))?;
    let rules = match args.older_than {
        _ if !args.from.is_empty() => {
            let tree = TreeArgs { paths: args.from.clone(), assume_existing: Vec::new() };
            let declared = super::load_declared(&tree, printer)?;
            let rules = declared_rules(&declared);
            if rules.is_empty() {
                bail!(
                    "no index template in {} attaches an ILM policy with a delete phase (index.lifecycle.name); \
                     nothing to derive retention from — give PATTERN… --older-than AGE instead",
                    tree.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
                );
            }
            rules
        }
        Some(age) => vec![RetentionRule {
            patterns: args.patterns.clone(),
            delete_after_millis: i64::try_from(age.as_millis()).unwrap_or(i64::MAX),
            source: format!("--older-than {}", render::human_age(u64::try_from(age.as_millis()).unwrap_or(u64::MAX))),
        }],
        None => {
            let templates = client.index_templates().await?;
            let rules = retention::rules_from_policies(&templates, &snapshot.policy_delete_after);
            if rules.is_empty() {
                bail!(
                    "no index template attaches an ILM policy with a delete phase (index.lifecycle.name); \
                     nothing to derive retention from — give PATTERN… --older-than AGE instead"
                );
            }
            rules
        }
    };
    let selection = retention::select(&snapshot, &rules, &options, now);
    warn_about_exclusions(&selection, now.timestamp_millis(), printer);
    let mut report =
        RetentionReport { cluster, now, rules, total_bytes: selection.bytes(), selection, execution: None };
    let table_wanted = args.output == crate::cli::DocumentFormat::Table;
    // Cron: with nothing to delete and nobody watching, stdout stays empty.
    let quiet = report.selection.selected.is_empty() && !printer.stdout_is_terminal();
    if table_wanted && !quiet {
        printer.data(&plan_table(&report, printer))?;
    }
    let count = report.selection.selected.len();
    if !args.execute || count == 0 {
        if table_wanted && !quiet {
            if count > 0 {
                printer.status("dry run: nothing was deleted; add --execute to delete the selected indices");
            }
        } else {
            printer.status(&summary(&report.selection, args.execute));
        }
        if !table_wanted {
            print_document(&report, args, printer)?;
        }
        return Ok(ExitStatus::Success);
    }

    if count > args.max {
        bail!(
            "refusing to delete {count} indices: more than --max {} (a safety cap against a pattern or rule that \
             selects far more than intended). Check the list above, then re-run with --max {count} if it is right",
            args.max
        );
    }
    confirm(args, count, &report.cluster, printer)?;
    let mut log = args.log_file.as_deref().map(open_log).transpose()?;

    // Re-read right before deleting: minutes may have passed at the prompt, ILM or a colleague
    // may have deleted indices, a new index may have appeared or become a write index. Only what
    // was shown and is still selected goes.
    let fresh_snapshot =
        client.retention_snapshot().await.with_context(|| format!("re-reading the indices of {}", client.url()))?;
    let fresh = retention::select(&fresh_snapshot, &report.rules, &options, now);
    let recheck = retention::recheck(&report.selection, &fresh_snapshot, &fresh);
    if !recheck.newly_selected.is_empty() {
        bail!(
            "the cluster changed since the plan was read: {} now also selected ({}) — nothing was deleted. \
             Re-run to see the new plan",
            recheck.newly_selected.len(),
            recheck.newly_selected.join(", ")
        );
    }
    for gone in &recheck.already_gone {
        printer.status(&format!("{gone}: already gone"));
    }
    for kept in &recheck.now_protected {
        printer.warn(&format!("{}: not deleted, {}", kept.name, kept.reason.message(now.timestamp_millis())));
    }

    let batches = retention::delete_batches(&recheck.delete, retention::MAX_DELETE_PATH_BYTES);
    if !recheck.delete.is_empty() {
        printer.warn(&format!("deleting {} indices from {}", recheck.delete.len(), report.cluster.describe()));
    }
    let reasons: std::collections::BTreeMap<&str, &retention::SelectedIndex> =
        report.selection.selected.iter().map(|s| (s.name.as_str(), s)).collect();
    let mut log_error = None;
    let results = retention::delete_in_batches(client, &batches, |progress| {
        printer.progress("deleting indices", progress.done as u64, progress.total as u64);
        if let Some(file) = log.as_mut() {
            for (name, outcome) in progress.results {
                if *outcome == DeletionOutcome::Deleted
                    && let Err(e) = log_line(file, &report.cluster, reasons.get(name.as_str()).copied(), name)
                {
                    log_error.get_or_insert(e);
                }
            }
        }
    })
    .await;
    if let Some(e) = log_error {
        printer.error(&format!("cannot write the --log-file: {e}"), None);
    }
    let mut results: Vec<IndexResult> =
        results.into_iter().map(|(index, outcome)| IndexResult { index, outcome }).collect();
    results.extend(
        recheck.already_gone.iter().map(|i| IndexResult { index: i.clone(), outcome: DeletionOutcome::AlreadyGone }),
    );
    let failed = results.iter().filter(|r| matches!(r.outcome, DeletionOutcome::Failed(_))).count();
    report.execution = Some(Execution { recheck, results });
    if table_wanted {
        printer.data(&results_table(&report))?;
    } else {
        print_document(&report, args, printer)?;
    }
    Ok(if failed > 0 { ExitStatus::Failure } else { ExitStatus::Success })
}

fn print_document(report: &RetentionReport, args: &RetentionArgs, printer: &Printer) -> anyhow::Result<()> {
    if let Some(doc) = super::document(report, args.output)? {
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

fn summary(selection: &RetentionSelection, execute: bool) -> String {
    let n = selection.selected.len();
    format!(
        "{n} {} selected ({}), {} excluded, {} not yet due{}",
        if n == 1 { "index" } else { "indices" },
        render::human_bytes(selection.bytes()),
        selection.excluded.len(),
        selection.not_due,
        if execute || n == 0 { "" } else { "; dry run: add --execute to delete" }
    )
}

/// Asks on a terminal; elsewhere `--yes` is the confirmation.
fn confirm(args: &RetentionArgs, count: usize, cluster: &TargetCluster, printer: &Printer) -> anyhow::Result<()> {
    if args.yes {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() {
        bail!("refusing to delete without confirmation: stdin is not a terminal. Check the list, then add --yes");
    }
    printer.warn(&format!(
        "delete {count} {} from cluster {} ({})? Type {count} or yes to continue:",
        if count == 1 { "index" } else { "indices" },
        cluster.cluster_name,
        cluster.url
    ));
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).context("reading the confirmation")?;
    let answer = answer.trim();
    if answer == count.to_string() || answer.eq_ignore_ascii_case("yes") {
        Ok(())
    } else {
        bail!("not confirmed ({answer:?}); nothing was deleted")
    }
}

fn open_log(path: &Path) -> anyhow::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("opening the --log-file {}", path.display()))
}

/// One JSON line of the audit trail, written as soon as the index is gone.
fn log_line(
    file: &mut std::fs::File,
    cluster: &TargetCluster,
    selected: Option<&retention::SelectedIndex>,
    index: &str,
) -> std::io::Result<()> {
    let line = serde_json::json!({
        "time": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "cluster": cluster.cluster_name,
        "cluster_uuid": cluster.cluster_uuid,
        "url": cluster.url,
        "index": index,
        "store_bytes": selected.and_then(|s| s.store_bytes),
        "docs": selected.and_then(|s| s.docs),
        "age": selected.map(|s| render::age_cell(Some(s.age_millis))),
        "reason": selected.map(|s| s.rule.as_str()),
    });
    writeln!(file, "{line}")
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
    let s = &report.selection;
    out.push_str(&format!(
        "{} selected, {} to free; {} excluded; {} not yet due{}\n",
        s.selected.len(),
        render::human_bytes(report.total_bytes),
        s.excluded.len(),
        s.not_due,
        if s.hidden_skipped > 0 { format!("; {} hidden skipped", s.hidden_skipped) } else { String::new() }
    ));
    out
}

fn results_table(report: &RetentionReport) -> String {
    let Some(execution) = &report.execution else { return String::new() };
    let mut t = render::table(&["INDEX", "RESULT"], false);
    let (mut deleted, mut gone, mut failed) = (0, 0, 0);
    for r in &execution.results {
        let text = match &r.outcome {
            DeletionOutcome::Deleted => {
                deleted += 1;
                "deleted".to_string()
            }
            DeletionOutcome::AlreadyGone => {
                gone += 1;
                "already gone".to_string()
            }
            DeletionOutcome::Failed(e) => {
                failed += 1;
                format!("FAILED: {e}")
            }
        };
        t.add_row(vec![r.index.clone(), text]);
    }
    let mut out = format!("\n{}", render::table_text(&mut t));
    out.push_str(&format!(
        "\n{deleted} deleted, {gone} already gone, {failed} failed, {} kept (now protected)\n",
        execution.recheck.now_protected.len()
    ));
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
