//! `esops ilm explain`: where ILM stands with each index, errors first. `esops ilm retry`: the
//! failed step of the named indices that are in ERROR, run again. The verbs that change which
//! policy manages indices, move them, or start and stop ILM are in [`change`].

pub mod change;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::cli::{IlmExplainArgs, IlmExplainFormat, IlmRetryArgs};
use esops_core::es::Client;
use esops_core::es::cluster_state::IlmExplain;
use esops_core::es::indices::{MAX_PATH_BYTES, index_list_batches, verb_suffix};
use esops_core::exit::ExitStatus;
use esops_core::lifecycle::ilm::{self, ExplainFilter, IlmOverview, IlmStatus, IlmVerb, IndexIlmState, RetryOutcome};
use esops_core::printer::{Printer, styles};
use esops_core::render;

use super::TargetCluster;
use super::confirm::{Confirmation, confirm};

/// Width the reason lines under ERROR rows, and the retry report, are kept to.
pub(crate) const TEXT_WIDTH: usize = 80;

/// Lines of reason under a row in ERROR: enough for most of Elasticsearch's reasons, few enough
/// to keep the table a table (the whole reason is in `-o json`).
const PROBLEM_LINES: usize = 3;

/// `esops ilm explain -o json`.
#[derive(Debug, Serialize)]
struct ExplainReport<'a> {
    /// The time ages are measured against.
    now: chrono::DateTime<chrono::Utc>,
    /// The targets as given (empty: every index).
    targets: &'a [String],
    #[serde(flatten)]
    overview: IlmOverview,
}

/// Runs `esops ilm explain`.
pub async fn run_explain(client: &Client, args: &IlmExplainArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let now = args.now.unwrap_or_else(chrono::Utc::now);
    let explain = read_explain(client, &args.targets).await?;
    let filter = ExplainFilter {
        only_errors: args.only_errors,
        policy: args.policy.clone(),
        include_unmanaged: args.unmanaged,
        named: ilm::named_indices(&args.targets),
    };
    let states = ilm::index_states(&explain, now.timestamp_millis());
    if let Some(skew) = ilm::clock_skew_millis(&states, now.timestamp_millis()) {
        printer.warn(&format!(
            "the cluster recorded ILM times up to {} after {} (this machine's clock, or --now): its clock runs \
             ahead, so those ages are unknown (shown as -); check the clocks (NTP) of both",
            render::human_age(skew.unsigned_abs()),
            now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        ));
    }
    let overview = ilm::overview(states, &filter);
    let report = ExplainReport { now, targets: &args.targets, overview };
    match args.output {
        // Cron: nothing to list and nobody watching means nothing on stdout.
        IlmExplainFormat::Table if report.overview.indices.is_empty() && !printer.stdout_is_terminal() => {
            printer.status(&summary(&report.overview, &args.targets, args.policy.as_deref()));
        }
        IlmExplainFormat::Table => printer.data(&explain_table(&report.overview, args, printer))?,
        IlmExplainFormat::Json => printer.data(&format!("{}\n", serde_json::to_string_pretty(&report)?))?,
        IlmExplainFormat::Csv => printer.data(&explain_csv(&report.overview))?,
        IlmExplainFormat::Markdown => printer.data(&explain_markdown(&report.overview, args))?,
    }
    Ok(if args.fail_on_error && report.overview.has_errors() { ExitStatus::Attention } else { ExitStatus::Success })
}

/// One `_ilm/explain` request over the targets, with what was asked in the error.
pub(crate) async fn read_explain(client: &Client, targets: &[String]) -> anyhow::Result<BTreeMap<String, IlmExplain>> {
    let what = if targets.is_empty() { "every index".to_string() } else { targets.join(", ") };
    client.ilm_explain(targets).await.map_err(|e| {
        // On `_ilm/explain` a 404 can only mean a name that does not exist (patterns that match
        // nothing are an empty answer); said first, whatever detail the body carries.
        let context = if e.refusal().is_some_and(|r| r.status == 404) {
            format!("{what}: no such index, alias or data stream on {}", client.url())
        } else {
            format!("reading the ILM state of {what} from {}", client.url())
        };
        anyhow::Error::new(e).context(context)
    })
}

fn dash(value: Option<&str>) -> String {
    value.unwrap_or("-").to_string()
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `6 managed (hot 3, warm 2): 1 in ERROR; 1 unmanaged not shown (--unmanaged lists them)`.
pub(crate) fn summary(o: &IlmOverview, targets: &[String], policy: Option<&str>) -> String {
    let c = &o.counts;
    if c.managed + c.unmanaged == 0 {
        let targets = targets.join(", ");
        return match (policy, targets.is_empty()) {
            (Some(p), true) => format!("no index is managed by a policy matching {p}"),
            (Some(p), false) => format!("no index matching {targets} is managed by a policy matching {p}"),
            (None, true) => "no indices".into(),
            (None, false) => format!("no index matches {targets}"),
        };
    }
    let mut out = format!("{} managed", c.managed);
    let phases = o.phases_in_order();
    if !phases.is_empty() {
        let list: Vec<String> = phases.iter().map(|(p, n)| format!("{p} {n}")).collect();
        let _ = write!(out, " ({})", list.join(", "));
    }
    let mut problems = Vec::new();
    if c.error > 0 {
        problems.push(format!("{} in ERROR", c.error));
    }
    if c.blocked > 0 {
        problems.push(plural(c.blocked, "blocked by its policy", "blocked by their policy"));
    }
    if c.managed > 0 {
        let _ = write!(out, ": {}", if problems.is_empty() { "none in ERROR".into() } else { problems.join(", ") });
    }
    if c.unmanaged_hidden > 0 {
        let _ = write!(
            out,
            "; {} not shown (--unmanaged lists them)",
            plural(c.unmanaged_hidden, "unmanaged", "unmanaged")
        );
    } else if c.unmanaged > 0 {
        let _ = write!(out, "; {} unmanaged", c.unmanaged);
    }
    out
}

/// The table, each problem on a line of its own right under its row (cut to 80 columns: the
/// whole reason is in `-o json`), and the counts.
fn explain_table(o: &IlmOverview, args: &IlmExplainArgs, printer: &Printer) -> String {
    let mut out = String::new();
    if !o.indices.is_empty() {
        let mut t = render::table(&["INDEX", "POLICY", "PHASE", "ACTION", "STEP", "AGE", "IN STEP"], false);
        // Two spaces between columns instead of three: seven columns of a daily index family fit
        // in 80.
        t.remove_style(comfy_table::TableComponent::MiddleHeaderIntersections);
        for s in &o.indices {
            let phase = if s.status == IlmStatus::Unmanaged { Some("unmanaged") } else { s.phase.as_deref() };
            t.add_row(vec![
                s.index.clone(),
                dash(s.policy.as_deref()),
                dash(phase),
                dash(s.action.as_deref()),
                dash(s.step.as_deref()),
                render::age_cell(s.age_millis),
                render::age_cell(s.time_in_step_millis),
            ]);
        }
        for column in [5, 6] {
            if let Some(c) = t.column_mut(column) {
                c.set_cell_alignment(comfy_table::CellAlignment::Right);
            }
        }
        // Without wrapping (the table is built for no terminal) every row is one line, after the
        // header and its rule.
        let text = render::table_text(&mut t);
        let lines: Vec<&str> = text.lines().collect();
        let _ = writeln!(out, "{}\n{}", lines[0], lines[1]);
        for (state, line) in o.indices.iter().zip(&lines[2..]) {
            let _ = writeln!(out, "{line}");
            if let Some(problem) = state.problem() {
                let style = if state.status == IlmStatus::Error { styles::BAD } else { styles::WARN };
                for line in clipped(&problem, PROBLEM_LINES) {
                    let _ = writeln!(out, "  {}", printer.paint(style, &line));
                }
            }
        }
        out.push('\n');
    }
    let summary = summary(o, &args.targets, args.policy.as_deref());
    let _ = writeln!(out, "{}", render::wrap(&summary, 0, TEXT_WIDTH));
    out
}

/// `text` wrapped to 80 columns under a two-space indent, at most `lines` lines: the last one
/// cut with `…` when there is more.
fn clipped(text: &str, lines: usize) -> Vec<String> {
    let width = TEXT_WIDTH - 2;
    let wrapped = render::wrap(text, 0, width);
    let all: Vec<&str> = wrapped.lines().collect();
    all.iter()
        .take(lines)
        .enumerate()
        .map(|(i, line)| {
            let more = i + 1 == lines && all.len() > lines;
            render::truncate(&if more { format!("{line} …") } else { line.to_string() }, width)
        })
        .collect()
}

fn explain_csv(o: &IlmOverview) -> String {
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    render::csv_rows(
        &[
            "index",
            "status",
            "policy",
            "phase",
            "action",
            "step",
            "failed_step",
            "age_millis",
            "time_in_step_millis",
            "error_type",
            "error_reason",
        ],
        o.indices
            .iter()
            .map(|s| {
                vec![
                    s.index.clone(),
                    status_name(s.status).into(),
                    s.policy.clone().unwrap_or_default(),
                    s.phase.clone().unwrap_or_default(),
                    s.action.clone().unwrap_or_default(),
                    s.step.clone().unwrap_or_default(),
                    s.failed_step.clone().unwrap_or_default(),
                    opt(s.age_millis),
                    opt(s.time_in_step_millis),
                    s.error.as_ref().map(|e| e.error_type.clone()).unwrap_or_default(),
                    s.error.as_ref().map(|e| e.reason.clone()).unwrap_or_default(),
                ]
            })
            .collect(),
    )
}

fn status_name(status: IlmStatus) -> &'static str {
    match status {
        IlmStatus::Error => "error",
        IlmStatus::Blocked => "blocked",
        IlmStatus::Ok => "ok",
        IlmStatus::Unmanaged => "unmanaged",
    }
}

fn explain_markdown(o: &IlmOverview, args: &IlmExplainArgs) -> String {
    let mut out = String::from("## esops ilm explain\n\n");
    let _ = writeln!(out, "{}\n", render::md_cell(&summary(o, &args.targets, args.policy.as_deref())));
    if o.indices.is_empty() {
        return out;
    }
    out.push_str("| Index | Policy | Phase | Action | Step | Age | In step | Problem |\n");
    out.push_str("|---|---|---|---|---|---:|---:|---|\n");
    for s in &o.indices {
        let cells = [
            format!("`{}`", s.index),
            dash(s.policy.as_deref()),
            dash(s.phase.as_deref()),
            dash(s.action.as_deref()),
            if s.status == IlmStatus::Error { "**ERROR**".into() } else { dash(s.step.as_deref()) },
            render::age_cell(s.age_millis),
            render::age_cell(s.time_in_step_millis),
            s.problem().unwrap_or_default(),
        ];
        let cells: Vec<String> = cells.iter().map(|c| render::md_cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

/// One index of `esops ilm retry -o json`.
#[derive(Debug, Serialize)]
struct RetryEntry<'a> {
    index: &'a str,
    #[serde(flatten)]
    outcome: &'a RetryOutcome,
    /// The index's ILM state as read before the retry.
    before: Option<&'a IndexIlmState>,
}

/// `esops ilm retry -o json`.
#[derive(Debug, Serialize)]
struct RetryReport<'a> {
    cluster: &'a TargetCluster,
    targets: &'a [String],
    results: Vec<RetryEntry<'a>>,
}

/// Runs `esops ilm retry`.
pub async fn run_retry(client: &Client, args: &IlmRetryArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let now = chrono::Utc::now().timestamp_millis();
    let cluster = super::read_target(client, printer).await?;
    let explain = read_explain(client, &args.targets).await?;
    let states = ilm::index_states(&explain, now);
    let plan = ilm::plan_retry(&states);
    let opensearch = client.distribution().await? == esops_core::es::api::Distribution::OpenSearch;
    let (engine, step) = if opensearch { ("ISM", "action") } else { ("ILM", "step") };

    let mut results: Vec<(String, RetryOutcome)> = Vec::new();
    if !plan.retry.is_empty() {
        let what = format!("{} in ERROR ({})", plural(plan.retry.len(), "index", "indices"), listed(&plan.retry));
        let question = Confirmation::yes_no(
            &format!("Retry the failed {engine} {step} of the {what}"),
            &format!("not retrying the {what}"),
            "retry",
            &cluster,
        );
        confirm(args.yes, &question, &cluster, printer).await?;
        printer.warn(&format!(
            "retrying the failed {engine} {step} of {} on {}",
            plural(plan.retry.len(), "index", "indices"),
            cluster.describe()
        ));
        let batches = index_list_batches(&plan.retry, verb_suffix(&IlmVerb::Retry), MAX_PATH_BYTES);
        results = ilm::retry_in_batches(client, &batches).await;
    }
    results.extend(plan.skipped);

    let by_name: BTreeMap<&str, &IndexIlmState> = states.iter().map(|s| (s.index.as_str(), s)).collect();
    let report = RetryReport {
        cluster: &cluster,
        targets: &args.targets,
        results: results
            .iter()
            .map(|(index, outcome)| RetryEntry { index, outcome, before: by_name.get(index.as_str()).copied() })
            .collect(),
    };
    match super::document(&report, args.output)? {
        Some(doc) => printer.data(&doc)?,
        None => printer.data(&retry_text(&report, &ilm::named_indices(&args.targets)))?,
    }
    let count = |pred: fn(&RetryOutcome) -> bool| results.iter().filter(|(_, o)| pred(o)).count();
    let retried = count(|o| *o == RetryOutcome::Retried);
    if retried > 0 {
        printer.status(if opensearch {
            "ISM runs each retried action again at the index's next job run \
             (plugins.index_state_management.job_interval, 5m by default); if the cause is still there the \
             index fails again (esops ism explain --only-errors)"
        } else {
            "ILM runs each retried step again, at once or at its next poll (indices.lifecycle.poll_interval, \
             10m by default); if the cause is still there the index goes back to ERROR \
             (esops ilm explain --only-errors)"
        });
    }
    Ok(if count(|o| matches!(o, RetryOutcome::Failed { .. })) > 0 { ExitStatus::Failure } else { ExitStatus::Success })
}

/// `a, b, c and 4 more`.
pub(crate) fn listed(names: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut listed = names.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > SHOWN {
        let _ = write!(listed, " and {} more", names.len() - SHOWN);
    }
    listed
}

/// What happened to one index, in words.
fn outcome_text(outcome: &RetryOutcome, before: Option<&IndexIlmState>) -> String {
    match outcome {
        RetryOutcome::Retried => {
            let failed_step = before.and_then(|s| s.failed_step.as_deref()).unwrap_or("?");
            let reason = before.and_then(|s| s.error.as_ref()).map(|e| e.describe());
            format!("retried (was failing at {failed_step}: {})", reason.unwrap_or_else(|| "no reason given".into()))
        }
        RetryOutcome::NotInError => {
            format!("not in ERROR ({}), skipped", before.map(IndexIlmState::position).unwrap_or_default())
        }
        RetryOutcome::Blocked => format!(
            "not in ERROR, skipped: {}; a retry cannot help (ILM resumes once the policy exists)",
            before.and_then(IndexIlmState::problem).unwrap_or_default()
        ),
        RetryOutcome::Unmanaged => "not managed by ILM, skipped".into(),
        RetryOutcome::LeftErrorMeanwhile => "not retried: it left ERROR between the read and the retry \
             (Elasticsearch's own retry or someone else got there first); nothing to do"
            .into(),
        RetryOutcome::Gone => "not retried: the index was deleted since it was read".into(),
        RetryOutcome::Failed { error } => format!("retry FAILED: {error}"),
    }
}

/// One line per index (wrapped at 80 columns) and the counts. Indices a pattern matched that
/// were merely skipped are only counted; what was named is always listed.
fn retry_text(report: &RetryReport<'_>, named: &BTreeSet<String>) -> String {
    let mut out = String::new();
    let (mut retried, mut skipped, mut unlisted, mut overtaken, mut failed) = (0, 0, 0, 0, 0);
    for entry in &report.results {
        let skip = matches!(entry.outcome, RetryOutcome::NotInError | RetryOutcome::Blocked | RetryOutcome::Unmanaged);
        match entry.outcome {
            RetryOutcome::Retried => retried += 1,
            RetryOutcome::LeftErrorMeanwhile | RetryOutcome::Gone => overtaken += 1,
            RetryOutcome::Failed { .. } => failed += 1,
            _ => skipped += 1,
        }
        if skip && !named.contains(entry.index) {
            unlisted += 1;
            continue;
        }
        let line = format!("{}: {}", entry.index, outcome_text(entry.outcome, entry.before));
        let _ = writeln!(out, "{}", render::wrap(&line, 2, TEXT_WIDTH));
    }
    if unlisted > 0 {
        let others = match out.is_empty() {
            true => plural(unlisted, "matching index is", "matching indices are"),
            false => plural(unlisted, "other matching index is", "other matching indices are"),
        };
        let _ = writeln!(out, "{others} not in ERROR, skipped (esops ilm explain lists them)");
    }
    if report.results.is_empty() {
        let _ = writeln!(out, "no index matches {}: nothing to retry", report.targets.join(", "));
        return out;
    }
    if retried + overtaken + failed == 0 {
        let _ = writeln!(out, "nothing to retry: no index in ERROR");
        return out;
    }
    let mut counts = vec![format!("{retried} retried"), format!("{skipped} skipped")];
    if overtaken > 0 {
        counts.push(format!("{overtaken} out of ERROR or gone before the retry"));
    }
    if failed > 0 {
        counts.push(format!("{failed} failed"));
    }
    let _ = writeln!(out, "{}", counts.join(", "));
    out
}
