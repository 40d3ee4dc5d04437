//! `esops ilm attach|detach|switch` (which policy manages indices), `esops ilm move` (where one
//! index stands in its policy), `esops ilm start|stop|status` (ILM itself). Each shows what it
//! would do first and changes nothing without `--execute`; a change counts only when
//! Elasticsearch acknowledged it and the cluster reads back as asked.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anyhow::Context as _;
use serde::Serialize;
use serde_json::Value;

use super::{TEXT_WIDTH, listed, plural, read_explain};
use crate::cli::{
    DocumentFormat, IlmAttachArgs, IlmChangeRails, IlmDetachArgs, IlmModeArgs, IlmMoveArgs, IlmStatusArgs,
};
use crate::commands::confirm::{Confirmation, DataDeleted, confirm};
use crate::commands::{TargetCluster, document, read_target};
use esops_core::es::Client;
use esops_core::es::indices::{MAX_PATH_BYTES, index_list_batches, verb_suffix};
use esops_core::exit::ExitStatus;
use esops_core::lifecycle::ilm::{self, ExplainFilter, IlmCounts, IlmVerb, IndexIlmState};
use esops_core::lifecycle::ilm_change::{
    self, ChangeOutcome, ChangePlan, DueDeletion, IndexChange, IndexFacts, MovePlan, SkipReason,
};
use esops_core::printer::{Printer, styles};
use esops_core::reconcile::impact::{Effect, PhaseEffect};
use esops_core::render;
use esops_core::resources::ResourceKind;

/// The words each verb is told with.
struct VerbWords {
    /// `attach`: the flag hint and the confirmation's verb.
    name: &'static str,
    /// `attaching`.
    doing: &'static str,
    /// `attached`.
    done: &'static str,
}

fn words(verb: &IlmVerb) -> VerbWords {
    let (name, doing, done) = match verb {
        IlmVerb::Attach { .. } => ("attach", "attaching", "attached"),
        IlmVerb::Switch { .. } => ("switch", "switching", "switched"),
        IlmVerb::Detach => ("detach", "detaching", "detached"),
        IlmVerb::Retry => ("retry", "retrying", "retried"),
    };
    VerbWords { name, doing, done }
}

/// `esops ilm attach|switch|detach -o json`.
#[derive(Debug, Serialize)]
struct ChangeReport<'a> {
    cluster: &'a TargetCluster,
    #[serde(flatten)]
    verb: &'a IlmVerb,
    targets: &'a [String],
    /// The time ages were measured against.
    now: chrono::DateTime<chrono::Utc>,
    /// False for a dry run.
    executed: bool,
    #[serde(flatten)]
    plan: &'a ChangePlan,
    /// Per index, with --execute.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    results: Vec<ResultEntry<'a>>,
}

#[derive(Debug, Serialize)]
struct ResultEntry<'a> {
    index: &'a str,
    #[serde(flatten)]
    outcome: &'a ChangeOutcome,
}

/// Runs `esops ilm attach`.
pub async fn run_attach(client: &Client, args: &IlmAttachArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let verb = IlmVerb::Attach { policy: args.policy.clone() };
    run_change(client, &verb, &args.targets, &args.rails, printer).await
}

/// Runs `esops ilm switch`.
pub async fn run_switch(client: &Client, args: &IlmAttachArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let verb = IlmVerb::Switch { policy: args.policy.clone() };
    run_change(client, &verb, &args.targets, &args.rails, printer).await
}

/// Runs `esops ilm detach`.
pub async fn run_detach(client: &Client, args: &IlmDetachArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    run_change(client, &IlmVerb::Detach, &args.targets, &args.rails, printer).await
}

/// Every ILM policy body (`{"phases": {…}}`) by name, in one request.
async fn read_policies(client: &Client) -> anyhow::Result<BTreeMap<String, Value>> {
    let stored = client
        .stored_resources(ResourceKind::IlmPolicy)
        .await
        .with_context(|| format!("reading the ILM policies of {}", client.url()))?;
    Ok(stored.into_iter().map(|r| (r.name, r.body.get("policy").cloned().unwrap_or(Value::Null))).collect())
}

/// Creation date and size of the targets' indices, in one `_cat/indices` request.
async fn read_facts(client: &Client, targets: &[String]) -> anyhow::Result<BTreeMap<String, IndexFacts>> {
    let rows = client.cat_indices(targets).await.with_context(|| match targets {
        [] => "reading the creation dates and sizes of every index".to_string(),
        _ => format!("reading the creation dates and sizes of {}", targets.join(", ")),
    })?;
    Ok(rows
        .into_iter()
        .map(|r| (r.index, IndexFacts { creation_millis: r.creation_millis, size_bytes: r.store_bytes.unwrap_or(0) }))
        .collect())
}

async fn run_change(
    client: &Client,
    verb: &IlmVerb,
    targets: &[String],
    rails: &IlmChangeRails,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let now = rails.now.unwrap_or_else(chrono::Utc::now);
    let w = words(verb);
    let cluster = read_target(client, printer).await?;
    let explain = read_explain(client, targets).await?;
    let states = ilm::index_states(&explain, now.timestamp_millis());
    let policies = read_policies(client).await?;
    if let Some(policy) = verb.policy_after()
        && !policies.contains_key(policy)
    {
        let known: Vec<&str> = policies.keys().map(String::as_str).filter(|p| !p.starts_with('.')).collect();
        anyhow::bail!(
            "policy [{policy}] does not exist on {}: nothing was changed (ILM would leave the indices blocked \
             with \"policy [{policy}] does not exist\"; its policies: {}; `esops apply` creates declared ones)",
            client.url(),
            if known.is_empty() { "none".to_string() } else { known.join(", ") }
        );
    }
    let facts = read_facts(client, targets).await?;
    let plan = ilm_change::plan_change(verb, &states, &facts, &policies, now.timestamp_millis());
    let changed = plan.changed();
    let mut report =
        ChangeReport { cluster: &cluster, verb, targets, now, executed: false, plan: &plan, results: vec![] };

    if !rails.rails.execute || changed.is_empty() {
        print_change(&report, printer, rails.rails.output)?;
        match (changed.is_empty(), rails.rails.execute) {
            (true, _) => {
                printer.status(&format!("nothing to {}: no index of {} qualifies", w.name, targets.join(", ")))
            }
            (false, false) => printer.status(&format!(
                "dry run: nothing was changed; add --execute to {} {}",
                w.name,
                plural(changed.len(), "index", "indices")
            )),
            (false, true) => {}
        }
        return Ok(ExitStatus::Success);
    }
    if changed.len() > rails.max {
        anyhow::bail!(
            "{} would be {}, more than --max {}: nothing was changed (raise --max or narrow the targets)",
            plural(changed.len(), "index", "indices"),
            w.done,
            rails.max
        );
    }
    if rails.rails.output == DocumentFormat::Table {
        printer.data(&plan_text(&report, printer))?;
    }
    let what = format!("{} ({})", plural(changed.len(), "index", "indices"), listed(&changed));
    let action = match verb {
        IlmVerb::Attach { policy } => format!("Attach ILM policy [{policy}] to {what}"),
        IlmVerb::Switch { policy } => format!("Switch {what} to ILM policy [{policy}]"),
        _ => format!("Remove the ILM policy of {what}"),
    };
    let question = Confirmation::yes_no(&action, &format!("not {} {what}", w.doing), w.name, &cluster);
    confirm(rails.rails.yes, &question, &cluster, printer).await?;
    printer.warn(&format!("{} {} on {}", w.doing, plural(changed.len(), "index", "indices"), cluster.describe()));
    let batches = index_list_batches(&changed, verb_suffix(verb), MAX_PATH_BYTES);
    let sent = ilm::send_in_batches(client, verb, &batches).await;
    // Read back before saying "done": an acknowledged write that does not show is not counted.
    let after = match client.ilm_explain(targets).await {
        Ok(explain) => Some(ilm::index_states(&explain, now.timestamp_millis())),
        Err(e) => {
            printer.warn(&format!("could not read the indices back ({e}): check them with `esops ilm explain`"));
            None
        }
    };
    let results = ilm_change::outcomes(&plan, verb, &sent, after.as_deref());
    report.executed = true;
    report.results = results.iter().map(|(index, outcome)| ResultEntry { index, outcome }).collect();
    match document(&report, rails.rails.output)? {
        Some(doc) => printer.data(&doc)?,
        None => printer.data(&results_text(&report, &w))?,
    }
    let bad =
        results.iter().any(|(_, o)| matches!(o, ChangeOutcome::Failed { .. } | ChangeOutcome::Unconfirmed { .. }));
    Ok(if bad { ExitStatus::Failure } else { ExitStatus::Success })
}

fn print_change(report: &ChangeReport<'_>, printer: &Printer, format: DocumentFormat) -> anyhow::Result<()> {
    match document(report, format)? {
        Some(doc) => printer.data(&doc)?,
        None => printer.data(&plan_text(report, printer))?,
    }
    Ok(())
}

/// `now (15d ago)`, `in 28d (2024-05-11)`, `never`.
fn deletion(at: Option<i64>, now: i64) -> String {
    match at {
        None => "never".into(),
        Some(at) if at <= now => format!("now (due {} ago)", render::human_age(now.abs_diff(at))),
        Some(at) => {
            let date = chrono::DateTime::from_timestamp_millis(at).map(|d| d.format("%Y-%m-%d").to_string());
            format!("in {} ({})", render::human_age(at.abs_diff(now)), date.unwrap_or_default())
        }
    }
}

fn skip_text(reason: &SkipReason, verb: &IlmVerb) -> String {
    match reason {
        SkipReason::AlreadyOnPolicy => format!("already on {}", verb.policy_after().unwrap_or("it")),
        SkipReason::ManagedByOther { policy } => format!("managed by {policy} (`esops ilm switch` changes that)"),
        SkipReason::Unmanaged => "not managed by ILM".into(),
    }
}

/// One line per phase effect: `delete (min_age 180d → 30d): 1 index, 2.0 GiB due at once`.
fn effect_line(old_policy: &str, e: &PhaseEffect) -> String {
    let n = plural(e.indices.len(), "index", "indices");
    let size = render::human_bytes(e.bytes);
    let timing = match (&e.old_min_age, &e.new_min_age) {
        (Some(o), Some(n)) if o != n => format!(" (min_age {o} → {n})"),
        (None, Some(n)) => format!(" (min_age {n})"),
        _ => String::new(),
    };
    let from = if old_policy.is_empty() { String::new() } else { format!(" of {old_policy}") };
    match e.effect {
        Effect::DueNow => format!("{}{timing}: {n}{from}, {size}, due at once", e.phase),
        Effect::Postponed => format!("{}{timing}: {n}{from}, {size}, enter it later than they would have", e.phase),
        Effect::NoLongerEntered => {
            format!("{}: {n}{from} will not enter it (the new policy has no {})", e.phase, e.phase)
        }
        Effect::KeepCachedDefinition => format!(
            "{}: {n}{from} finish it from {old_policy}'s cached definition before the new policy applies",
            e.phase
        ),
        Effect::BlocksDelete => format!("{n}{from}"),
    }
}

/// The dry run: the indices changed (with what the policy will do to them), those skipped, and
/// what changes phase by phase.
fn plan_text(report: &ChangeReport<'_>, printer: &Printer) -> String {
    let plan = report.plan;
    let now = report.now.timestamp_millis();
    let mut out = String::new();
    let changed: Vec<&IndexChange> = plan.indices.iter().filter(|c| c.skipped.is_none()).collect();
    if !changed.is_empty() {
        let with_impact = report.verb.policy_after().is_some();
        let mut header = vec!["INDEX", "POLICY NOW", "STEP NOW"];
        if with_impact {
            header.extend(["AGE", "DUE AT ONCE", "DELETED"]);
        }
        let mut t = render::table(&header, false);
        for c in &changed {
            let mut row = vec![
                c.index.clone(),
                c.policy_before.clone().unwrap_or_else(|| "-".into()),
                c.position.clone().unwrap_or_else(|| "-".into()),
            ];
            if let Some(i) = &c.impact {
                let mut due = i.due_now.join(", ");
                if let Some(kept) = &i.keeps_phase
                    && !due.is_empty()
                {
                    due = format!("{due} (after {kept})");
                }
                row.extend([
                    render::age_cell(i.age_millis),
                    if due.is_empty() { "-".into() } else { due },
                    deletion(i.deletes_at_millis, now),
                ]);
            }
            t.add_row(row);
        }
        let _ = writeln!(out, "{}", render::table_text(&mut t));
    }
    // Skipped indices, one line per reason.
    let mut skipped: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in &plan.indices {
        if let Some(reason) = &c.skipped {
            skipped.entry(skip_text(reason, report.verb)).or_default().push(c.index.clone());
        }
    }
    for (reason, names) in &skipped {
        let line = format!("skipped, {reason}: {}", listed(names));
        let _ = writeln!(out, "{}", render::wrap(&line, 2, TEXT_WIDTH));
    }
    for (old, effects) in &plan.effects {
        for e in effects {
            let style =
                if matches!(e.effect, Effect::DueNow) && e.phase == "delete" { styles::BAD } else { styles::WARN };
            let line = render::wrap(&effect_line(old, e), 2, TEXT_WIDTH);
            let _ = writeln!(out, "{}", printer.paint(style, &line));
        }
    }
    let (deleted, bytes) = plan.deleted_now();
    if deleted > 0 {
        let line = format!(
            "ILM deletes {} ({}) at its next poll once the policy applies",
            plural(deleted, "index", "indices"),
            render::human_bytes(bytes)
        );
        let _ = writeln!(out, "{}", printer.paint(styles::BAD, &render::wrap(&line, 2, TEXT_WIDTH)));
    }
    if let IlmVerb::Switch { policy } = report.verb
        && !changed.is_empty()
    {
        let line = format!(
            "each index finishes the phase it is in from the definition cached when it entered it, then \
             follows {policy}; an index in ERROR stays there until retried"
        );
        let _ = writeln!(out, "{}", render::wrap(&line, 0, TEXT_WIDTH));
    }
    if matches!(report.verb, IlmVerb::Detach) && !changed.is_empty() {
        let line = "ILM lets go of them at once, whatever step they are in: no policy deletes them any more \
                    (`esops retention` can), and one in the middle of an action (a forcemerge's read-only \
                    block, a shrink) stays as the action left it";
        let _ = writeln!(out, "{}", printer.paint(styles::WARN, &render::wrap(line, 0, TEXT_WIDTH)));
    }
    if changed.is_empty() && skipped.is_empty() {
        let _ = writeln!(out, "no index matches {}", report.targets.join(", "));
    }
    out
}

/// With --execute: one line per index, then the counts.
fn results_text(report: &ChangeReport<'_>, w: &VerbWords) -> String {
    let mut out = String::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for entry in &report.results {
        let text = match entry.outcome {
            ChangeOutcome::Changed => match report.verb.policy_after() {
                Some(policy) => format!("{} to {policy}", w.done),
                None => w.done.to_string(),
            },
            ChangeOutcome::Skipped { reason } => format!("skipped: {}", skip_text(reason, report.verb)),
            ChangeOutcome::ChangedThenDeleted => format!(
                "{} to {}, and ILM deleted it at once (its delete phase was due)",
                w.done,
                report.verb.policy_after().unwrap_or("the policy")
            ),
            ChangeOutcome::Gone => "not changed: the index was deleted since it was read".into(),
            ChangeOutcome::Failed { error } => format!("FAILED: {error}"),
            ChangeOutcome::Unconfirmed { found } => format!(
                "UNCONFIRMED: sent, but it reads back {}; check with `esops ilm explain {}`",
                found.as_deref().map_or_else(|| "unmanaged or could not be read".to_string(), |p| format!("with {p}")),
                entry.index
            ),
        };
        let key = match entry.outcome {
            ChangeOutcome::Changed => w.done,
            ChangeOutcome::ChangedThenDeleted => "then deleted by ILM",
            ChangeOutcome::Skipped { .. } => "skipped",
            ChangeOutcome::Gone => "gone",
            ChangeOutcome::Failed { .. } => "failed",
            ChangeOutcome::Unconfirmed { .. } => "unconfirmed",
        };
        *counts.entry(key).or_default() += 1;
        let _ = writeln!(out, "{}", render::wrap(&format!("{}: {text}", entry.index), 2, TEXT_WIDTH));
    }
    let deleted = counts.remove("then deleted by ILM").unwrap_or(0);
    let done = counts.remove(w.done).unwrap_or(0) + deleted;
    let mut summary = vec![format!("{done} {}", w.done)];
    if deleted > 0 {
        summary[0] += &format!(" ({deleted} then deleted by ILM)");
    }
    summary.extend(counts.iter().map(|(k, n)| format!("{n} {k}")));
    let _ = writeln!(out, "{}", summary.join(", "));
    out
}

/// `esops ilm move -o json`.
#[derive(Debug, Serialize)]
struct MoveReport<'a> {
    cluster: &'a TargetCluster,
    #[serde(flatten)]
    plan: &'a MovePlan,
    /// Store size, replicas included.
    size_bytes: u64,
    /// False for a dry run.
    executed: bool,
    /// Where the index reads back after the move (`None`: dry run, or deleted).
    #[serde(skip_serializing_if = "Option::is_none")]
    now_at: Option<String>,
    /// With --execute: the index no longer exists (a move into delete).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    deleted: bool,
}

/// Runs `esops ilm move`.
pub async fn run_move(client: &Client, args: &IlmMoveArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    if args.index.contains(['*', ',']) || args.index.starts_with('-') || args.index == "_all" {
        anyhow::bail!(
            "`{}` is not one index: `esops ilm move` moves one concrete index at a time (nothing was changed)",
            args.index
        );
    }
    let cluster = read_target(client, printer).await?;
    let explain = read_explain(client, std::slice::from_ref(&args.index)).await?;
    let states = ilm::index_states(&explain, chrono::Utc::now().timestamp_millis());
    let Some(state) = states.iter().find(|s| s.index == args.index) else {
        anyhow::bail!(
            "`{}` is not an index (an alias or data stream names several: move one of its indices; \
             `esops ilm explain {}` lists them); nothing was changed",
            args.index,
            args.index
        );
    };
    let policies = read_policies(client).await?;
    let policy = state.policy.as_ref().and_then(|p| policies.get(p));
    let root = client.root_info().await?;
    let full_key_required = root.version.number.split('.').next().and_then(|m| m.parse::<u32>().ok()).unwrap_or(8) < 8;
    let plan = ilm_change::plan_move(state, policy, &args.to, full_key_required)
        .map_err(|e| anyhow::anyhow!("{e}; nothing was changed"))?;
    let facts = read_facts(client, std::slice::from_ref(&args.index)).await?;
    let size_bytes = facts.get(&args.index).map_or(0, |f| f.size_bytes);
    let mut report =
        MoveReport { cluster: &cluster, plan: &plan, size_bytes, executed: false, now_at: None, deleted: false };
    if !args.rails.execute {
        match document(&report, args.rails.output)? {
            Some(doc) => printer.data(&doc)?,
            None => printer.data(&move_text(&report, state, printer))?,
        }
        printer.status("dry run: nothing was moved; add --execute to move it");
        return Ok(ExitStatus::Success);
    }
    if args.rails.output == DocumentFormat::Table {
        printer.data(&move_text(&report, state, printer))?;
    }
    let action = if plan.deletes {
        format!("Move {} to {} (ILM DELETES it, {})", plan.index, plan.target, render::human_bytes(size_bytes))
    } else {
        format!("Move {} from {} to {}", plan.index, plan.current, plan.target)
    };
    let mut question = Confirmation::yes_no(&action, &format!("not moving {}", plan.index), "move", &cluster);
    question.deletes = plan.deletes.then_some(DataDeleted { indices: 1, bytes: size_bytes });
    confirm(args.rails.yes, &question, &cluster, printer).await?;
    printer.warn(&format!("moving {} to {} on {}", plan.index, plan.target, cluster.describe()));
    let acknowledged = client
        .ilm_move(&plan.index, &plan.current, &plan.target)
        .await
        .with_context(|| format!("moving {} from {} to {}", plan.index, plan.current, plan.target))?;
    // Read back where the index stands; a move into delete may have deleted it already.
    let after = client.ilm_explain(std::slice::from_ref(&args.index)).await;
    report.executed = true;
    match after {
        Ok(explain) => {
            let states = ilm::index_states(&explain, chrono::Utc::now().timestamp_millis());
            report.now_at = states.first().map(IndexIlmState::position);
        }
        Err(e) if e.refusal().is_some_and(|r| r.status == 404) => report.deleted = true,
        Err(e) => printer.warn(&format!("could not read {} back ({e}): check it with `esops ilm explain`", plan.index)),
    }
    match document(&report, args.rails.output)? {
        Some(doc) => printer.data(&doc)?,
        None => {
            let line = match (&report.now_at, report.deleted) {
                (_, true) => format!("{}: moved to {}; ILM deleted it", plan.index, plan.target),
                (Some(at), _) if at.starts_with(&format!("{}/", plan.target.phase)) => {
                    format!("{}: moved; now at {at}", plan.index)
                }
                (Some(at), _) => format!(
                    "{}: moved; ILM carried it on from there to {at} at once (it had reached that phase's min_age)",
                    plan.index
                ),
                (None, _) => format!("{}: move sent; could not read it back", plan.index),
            };
            printer.data(&format!("{}\n", render::wrap(&line, 2, TEXT_WIDTH)))?;
        }
    }
    if !acknowledged {
        printer.warn("Elasticsearch did not acknowledge the move in time; the read-back above is what holds");
    }
    // Elasticsearch's acknowledgement is the success shape of a move; without it, only a
    // read-back that shows the index moved counts.
    let moved = report.deleted || report.now_at.as_ref().is_some_and(|at| *at != plan.current.to_string());
    Ok(if acknowledged || moved { ExitStatus::Success } else { ExitStatus::Failure })
}

fn move_text(report: &MoveReport<'_>, state: &IndexIlmState, printer: &Printer) -> String {
    let plan = report.plan;
    let mut out =
        format!("index:   {} (policy {}, {})\n", plan.index, plan.policy, render::human_bytes(report.size_bytes));
    let _ = writeln!(out, "current: {}", plan.current);
    let _ = writeln!(out, "target:  {}", plan.target);
    if let Some(problem) = state.problem() {
        let _ = writeln!(out, "{}", render::wrap(&format!("it is failing: {problem}"), 2, TEXT_WIDTH));
    }
    if plan.deletes {
        let line = format!(
            "the delete phase deletes the index: {} of data are gone for good",
            render::human_bytes(report.size_bytes)
        );
        let _ = writeln!(out, "{}", printer.paint(styles::BAD, &render::wrap(&line, 2, TEXT_WIDTH)));
    } else if plan.goes_back {
        let line = format!(
            "{} comes before {}: ILM runs it again, and the phases after it, from the policy as it is now",
            plan.target.phase, plan.current.phase
        );
        let _ = writeln!(out, "{}", printer.paint(styles::WARN, &render::wrap(&line, 2, TEXT_WIDTH)));
    }
    out
}

/// `esops ilm status|start|stop -o json`.
#[derive(Debug, Serialize)]
struct ModeReport<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    cluster: Option<&'a TargetCluster>,
    /// `RUNNING`, `STOPPING` or `STOPPED`.
    operation_mode: String,
    /// What ILM manages.
    counts: IlmCounts,
    /// start/stop: the mode asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    requested: Option<&'static str>,
    /// start/stop: false for a dry run.
    #[serde(skip_serializing_if = "Option::is_none")]
    executed: Option<bool>,
    /// start: the deletions overdue now, which ILM makes at once when it runs again; stop: those
    /// due within [`HELD_DAYS`] days, which wait while ILM is stopped.
    #[serde(skip_serializing_if = "Option::is_none")]
    deletions: Option<Vec<DueDeletion>>,
}

/// How far ahead `esops ilm stop` looks for the deletions it holds back.
const HELD_DAYS: i64 = 7;

/// The mode, then the managed indices in a line: `RUNNING: 6 managed (hot 3, warm 2): 1 in ERROR`.
fn mode_text(report: &ModeReport<'_>) -> String {
    let o = ilm::IlmOverview { indices: Vec::new(), counts: report.counts.clone() };
    let summary = super::summary(&o, &[], None);
    let mut out = format!("{}\n", render::wrap(&format!("ILM is {}: {summary}", report.operation_mode), 2, TEXT_WIDTH));
    if let (Some(due), Some(requested)) = (&report.deletions, report.requested)
        && report.executed != Some(true)
    {
        let names: Vec<String> = due.iter().map(|d| d.index.clone()).collect();
        let line = match (requested, due.is_empty()) {
            ("RUNNING", true) => "no deletion is overdue: starting deletes nothing at once".to_string(),
            ("RUNNING", false) => format!(
                "ILM deletes {} at once when it starts: their delete phase came due while it was stopped ({})",
                plural(due.len(), "index", "indices"),
                listed(&names)
            ),
            (_, true) => format!("no deletion is due in the next {HELD_DAYS} days"),
            (_, false) => format!(
                "{} due for deletion in the next {HELD_DAYS} days stay while ILM is stopped ({}, the first {})",
                plural(due.len(), "index", "indices"),
                listed(&names),
                chrono::DateTime::from_timestamp_millis(due[0].at_millis)
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default()
            ),
        };
        let _ = writeln!(out, "{}", render::wrap(&line, 2, TEXT_WIDTH));
    }
    out
}

async fn read_mode(client: &Client) -> anyhow::Result<(String, Vec<IndexIlmState>, IlmCounts)> {
    let (mode, explain) = tokio::try_join!(client.ilm_operation_mode(), client.ilm_explain_all())
        .with_context(|| format!("reading ILM's status from {}", client.url()))?;
    let states = ilm::index_states(&explain, chrono::Utc::now().timestamp_millis());
    let overview = ilm::overview(states.clone(), &ExplainFilter { only_errors: true, ..Default::default() });
    Ok((mode, states, overview.counts))
}

/// Runs `esops ilm status`.
pub async fn run_status(client: &Client, args: &IlmStatusArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let (operation_mode, _, counts) = read_mode(client).await?;
    let running = operation_mode == "RUNNING";
    let report = ModeReport { cluster: None, operation_mode, counts, requested: None, executed: None, deletions: None };
    match document(&report, args.output)? {
        Some(doc) => printer.data(&doc)?,
        None => printer.data(&mode_text(&report))?,
    }
    Ok(if args.fail_on_stopped && !running { ExitStatus::Attention } else { ExitStatus::Success })
}

/// Runs `esops ilm start` (`start`) or `esops ilm stop`.
pub async fn run_mode(
    client: &Client,
    args: &IlmModeArgs,
    start: bool,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    let cluster = read_target(client, printer).await?;
    let (operation_mode, states, counts) = read_mode(client).await?;
    let (verb, doing, done, requested) =
        if start { ("start", "starting", "started", "RUNNING") } else { ("stop", "stopping", "stopped", "STOPPED") };
    // STOPPING counts as stopped for `stop` (ES gets there by itself), as not running for `start`.
    let already = if start { operation_mode == "RUNNING" } else { operation_mode != "RUNNING" };
    let mut report = ModeReport {
        cluster: Some(&cluster),
        operation_mode,
        counts,
        requested: Some(requested),
        executed: Some(false),
        deletions: None,
    };
    let print = |report: &ModeReport<'_>| -> anyhow::Result<()> {
        match document(report, args.rails.output)? {
            Some(doc) => printer.data(&doc)?,
            None => printer.data(&mode_text(report))?,
        }
        Ok(())
    };
    if !already {
        let now = chrono::Utc::now().timestamp_millis();
        let until = if start { now } else { now + HELD_DAYS * 86_400_000 };
        let (policies, facts) = tokio::try_join!(read_policies(client), read_facts(client, &[]))?;
        report.deletions = Some(ilm_change::deletions_before(&states, &facts, &policies, until));
    }
    if already {
        print(&report)?;
        printer.status(&format!("ILM is already {}: nothing to {verb}", report.operation_mode));
        return Ok(ExitStatus::Success);
    }
    let effect = if start {
        "every managed index moves on again at ILM's next poll (what became due meanwhile, deletions included, runs then)"
    } else {
        "no managed index moves on (nothing ILM would delete is deleted) until ILM is started again"
    };
    if !args.rails.execute {
        print(&report)?;
        printer.status(&format!("dry run: ILM was not {done}; with --execute {effect}"));
        return Ok(ExitStatus::Success);
    }
    if args.rails.output == DocumentFormat::Table {
        print(&report)?;
    }
    let action = format!("{} ILM ({effect})", if start { "Start" } else { "Stop" });
    let question = Confirmation::yes_no(&action, &format!("not {doing} ILM"), verb, &cluster);
    confirm(args.rails.yes, &question, &cluster, printer).await?;
    printer.warn(&format!("{doing} ILM on {}", cluster.describe()));
    let acknowledged = client.ilm_set_running(start).await.with_context(|| format!("POST /_ilm/{verb}"))?;
    let mode = client.ilm_operation_mode().await.with_context(|| "reading ILM's status back")?;
    let landed = if start { mode == "RUNNING" } else { mode != "RUNNING" };
    report.operation_mode = mode;
    report.executed = Some(true);
    match document(&report, args.rails.output)? {
        Some(doc) => printer.data(&doc)?,
        None => {
            let line = match (start, report.operation_mode.as_str()) {
                (false, "STOPPING") => "ILM is now STOPPING: it stops once no index is inside an unsafe action",
                (_, mode) if landed => &format!("ILM is now {mode}"),
                (_, mode) => {
                    &format!("ILM reads back {mode} (acknowledged: {acknowledged}): check with `esops ilm status`")
                }
            };
            printer.data(&format!("{line}\n"))?;
        }
    }
    Ok(if landed { ExitStatus::Success } else { ExitStatus::Failure })
}
