//! Fleets: one command over several clusters (contexts of the config file), and the one report
//! made of their outputs — a section per cluster for people, a `clusters` array in JSON and YAML,
//! a `context` label on every Prometheus sample. A command that changes clusters is a fleet
//! action: the question asked once for all of them ([`fleet_question`]) and where each ended
//! ([`ActionStep`], [`action_summary`]). Pure: the command layer runs the clusters and hands their
//! outputs here.

use serde::Serialize;
use serde_json::Value;

use crate::connect::{ConfigFile, ConnectError};
use crate::exit::ExitStatus;

/// True when a `--context` value names several contexts: a list (`a,b`) or a pattern (`prod-*`).
pub fn is_fleet_spec(spec: &str) -> bool {
    spec.contains(',') || spec.contains('*')
}

/// The contexts `spec` names, in the order of the config file: comma-separated names and
/// patterns (`*` matches any run of characters), or every context with `all`. A name that is not
/// defined and a pattern that matches nothing are errors, so that a typo never silently shrinks
/// the fleet.
pub fn select_contexts(spec: Option<&str>, all: bool, config: &ConfigFile) -> Result<Vec<String>, ConnectError> {
    let names = config.names();
    if all {
        return Ok(names);
    }
    let mut selected: Vec<String> = Vec::new();
    for entry in spec.unwrap_or_default().split(',').map(str::trim).filter(|e| !e.is_empty()) {
        let matched: Vec<&String> = names.iter().filter(|n| es_syntax::glob::simple_match(entry, n)).collect();
        if matched.is_empty() {
            return Err(ConnectError::UnknownContext {
                name: entry.to_string(),
                requested_by: Some(Box::new(crate::connect::SettingSource::Flag("--context"))),
                path: config.path.clone(),
                available: names.clone(),
            });
        }
        for name in matched {
            if !selected.contains(name) {
                selected.push(name.clone());
            }
        }
    }
    // File order, whatever the order of the list: reports of the same fleet compare line by line.
    selected.sort_by_key(|name| names.iter().position(|n| n == name));
    Ok(selected)
}

/// How one cluster of a fleet run ended.
#[derive(Debug, Clone)]
pub struct ClusterOutcome {
    /// The context name.
    pub context: String,
    /// The cluster URL (credentials removed), when the connection could be resolved.
    pub url: Option<String>,
    /// The exit status it would have had alone.
    pub status: ExitStatus,
    /// What the command printed on stdout.
    pub output: String,
    /// The error that ended it, and the hint, when it failed.
    pub error: Option<(String, Option<String>)>,
    /// In a fleet action: where it ended.
    pub step: Option<ActionStep>,
}

/// Where one cluster of a fleet action ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStep {
    /// Its plan changes nothing: it was not asked about.
    NothingToDo,
    /// It could not be planned (unreachable, refused, a conflict): nothing was changed on it.
    CannotPlan,
    /// The change was made.
    Done,
    /// The change was started and failed (part of it may be in place: its output says what).
    Failed,
    /// Planned, but not attempted: the confirmation was refused, a cluster could not be planned,
    /// or an earlier one failed (without `--keep-going`).
    NotAttempted,
}

impl ActionStep {
    /// True when the cluster ended as the person asked (changed, or nothing to change).
    pub fn succeeded(self) -> bool {
        matches!(self, ActionStep::NothingToDo | ActionStep::Done)
    }

    fn words(self) -> &'static str {
        match self {
            ActionStep::NothingToDo => "nothing to do",
            ActionStep::CannotPlan => "cannot plan",
            ActionStep::Done => "done",
            ActionStep::Failed => "FAILED",
            ActionStep::NotAttempted => "not attempted",
        }
    }
}

/// One cluster of a fleet action at its question: the change it would make.
#[derive(Debug, Clone)]
pub struct PlannedCluster {
    /// The context name.
    pub context: String,
    /// The change in the imperative (`Delete 3 indices (1.2 GB)`).
    pub what: String,
    /// Indices whose data the change deletes, and their size in bytes.
    pub deletes: Option<(usize, u64)>,
}

/// The one question of a fleet action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FleetQuestion {
    /// What each cluster would do, a line each, then the totals of what is deleted where.
    pub summary: String,
    /// The question, ending where the answer is typed.
    pub question: String,
    /// The one answer that lets the fleet go ahead: `yes`, or the number of indices whose data is
    /// deleted (a reflex `yes` must not delete data on several clusters).
    pub answer: String,
}

/// The question asked once before a fleet action changes `planned`, in their order.
pub fn fleet_question(planned: &[PlannedCluster]) -> FleetQuestion {
    let width = planned.iter().map(|p| p.context.len()).max().unwrap_or(0);
    let mut summary = String::new();
    for p in planned {
        summary.push_str(&format!("  {:width$}  {}\n", p.context, p.what));
    }
    let names = planned.iter().map(|p| p.context.as_str()).collect::<Vec<_>>().join(", ");
    let clusters = |n: usize| if n == 1 { "1 cluster".to_string() } else { format!("{n} clusters") };
    let deleting: Vec<(&str, usize, u64)> =
        planned.iter().filter_map(|p| p.deletes.map(|(n, b)| (p.context.as_str(), n, b))).filter(|d| d.1 > 0).collect();
    let total: usize = deleting.iter().map(|d| d.1).sum();
    if total == 0 {
        return FleetQuestion {
            summary,
            question: format!(
                "Go ahead on {} ({names}), one after the other? Only 'yes' is accepted:",
                clusters(planned.len())
            ),
            answer: "yes".into(),
        };
    }
    let bytes: u64 = deleting.iter().map(|d| d.2).sum();
    let per_cluster: Vec<String> =
        deleting.iter().map(|(c, n, b)| format!("{n} on {c} ({})", crate::render::human_bytes(*b))).collect();
    summary.push_str(&format!(
        "The data of {total} {} ({}) is deleted: {}\n",
        if total == 1 { "index" } else { "indices" },
        crate::render::human_bytes(bytes),
        per_cluster.join(", ")
    ));
    FleetQuestion {
        summary,
        question: format!(
            "Type the number of indices whose data is deleted ({total}) to go ahead on {} ({names}), one after the other:",
            clusters(planned.len())
        ),
        answer: total.to_string(),
    }
}

/// The last lines of a fleet action: one per cluster, where it ended (and why, when it did not
/// end well), then the counts.
pub fn action_summary(outcomes: &[ClusterOutcome]) -> String {
    let width = outcomes.iter().map(|o| o.context.len()).max().unwrap_or(0);
    let mut out = String::new();
    let mut counts: Vec<(ActionStep, usize)> = Vec::new();
    for o in outcomes {
        let step = o.step.unwrap_or(ActionStep::Failed);
        match counts.iter_mut().find(|(s, _)| *s == step) {
            Some((_, n)) => *n += 1,
            None => counts.push((step, 1)),
        }
        let why = match (&o.error, step) {
            (Some((message, _)), ActionStep::CannotPlan | ActionStep::Failed | ActionStep::NotAttempted) => {
                format!(": {message}")
            }
            (None, ActionStep::Failed) => " (its section above says what failed)".to_string(),
            _ => String::new(),
        };
        out.push_str(&format!("{:width$}  {}{why}\n", o.context, step.words()));
    }
    let counts: Vec<String> = counts.iter().map(|(s, n)| format!("{n} {}", s.words())).collect();
    out.push_str(&format!("fleet: {}\n", counts.join(", ")));
    out
}

/// The fleet's exit status: the worst of its clusters', where an error (`1`: a cluster we know
/// nothing about) is worse than findings or changes (`2`).
pub fn worst_status(outcomes: &[ClusterOutcome]) -> ExitStatus {
    let rank = |s: ExitStatus| match s {
        ExitStatus::Success => 0,
        ExitStatus::Attention => 1,
        ExitStatus::Failure => 2,
    };
    outcomes.iter().map(|o| o.status).max_by_key(|s| rank(*s)).unwrap_or(ExitStatus::Success)
}

/// The report for people: a heading per cluster (a Markdown heading with `markdown`), then what
/// it printed or why it failed.
pub fn text_report(outcomes: &[ClusterOutcome], markdown: bool) -> String {
    let mut out = String::new();
    for (i, outcome) in outcomes.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let url = outcome.url.as_deref().map(|u| format!(" ({u})")).unwrap_or_default();
        let heading = format!("context {}{url}: {}", outcome.context, status_word(outcome));
        if markdown {
            out.push_str(&format!("## {heading}\n\n"));
        } else {
            out.push_str(&format!("=== {heading} ===\n"));
        }
        match &outcome.error {
            Some((message, hint)) => {
                out.push_str(&format!("error: {message}\n"));
                if let Some(hint) = hint {
                    out.push_str(&format!("hint: {hint}\n"));
                }
            }
            None => {
                out.push_str(&outcome.output);
                if !outcome.output.ends_with('\n') && !outcome.output.is_empty() {
                    out.push('\n');
                }
            }
        }
    }
    out
}

fn status_word(outcome: &ClusterOutcome) -> &'static str {
    match (outcome.status, &outcome.error) {
        (_, Some(_)) | (ExitStatus::Failure, None) => "failed",
        (ExitStatus::Attention, None) => "attention (exit 2)",
        (ExitStatus::Success, None) => "ok",
    }
}

/// One CSV table for the fleet: the header of the first cluster that answered with `context`
/// in front, then every cluster's rows with its context. Clusters that failed have no rows (their
/// errors are on stderr, and the exit code says so).
pub fn csv_report(outcomes: &[ClusterOutcome]) -> String {
    let mut out = String::new();
    for outcome in outcomes.iter().filter(|o| o.error.is_none()) {
        let mut lines = outcome.output.lines();
        let Some(header) = lines.next() else { continue };
        if out.is_empty() {
            out.push_str(&format!("context,{header}\n"));
        }
        let context = csv_field(&outcome.context);
        for row in lines {
            out.push_str(&format!("{context},{row}\n"));
        }
    }
    out
}

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value.to_string() }
}

/// One cluster in the JSON/YAML report.
#[derive(Debug, Serialize)]
struct ClusterEntry<'a> {
    context: &'a str,
    url: Option<&'a str>,
    exit_code: u8,
    /// The command's own document for this cluster.
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<&'a str>,
    /// In a fleet action: where it ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    step: Option<ActionStep>,
}

/// The document of a fleet run: `{"exit_code": N, "clusters": [{context, url, exit_code,
/// result | error, hint}]}`, each `result` being the command's own document for that cluster
/// (parsed from what it printed with `parse`).
pub fn document_report(outcomes: &[ClusterOutcome], parse: impl Fn(&str) -> Result<Value, String>) -> Value {
    let clusters: Vec<Value> = outcomes
        .iter()
        .map(|o| {
            let (result, parse_error) = match (&o.error, parse(&o.output)) {
                (Some(_), _) => (None, None),
                // A fleet action's cluster that stopped before printing its document.
                (None, _) if o.output.trim().is_empty() && o.step.is_some() => (None, None),
                (None, Ok(v)) => (Some(v), None),
                (None, Err(e)) => (None, Some(format!("the command's output is not a document: {e}"))),
            };
            let entry = ClusterEntry {
                context: &o.context,
                url: o.url.as_deref(),
                exit_code: o.status.code(),
                result,
                error: o.error.as_ref().map(|(m, _)| m.as_str()).or(parse_error.as_deref()),
                hint: o.error.as_ref().and_then(|(_, h)| h.as_deref()),
                step: o.step,
            };
            serde_json::to_value(entry).unwrap_or(Value::Null)
        })
        .collect();
    serde_json::json!({ "exit_code": worst_status(outcomes).code(), "clusters": clusters })
}

/// Prometheus text exposition of a fleet: every sample gets a `context` label, the samples of
/// each metric stay together under one `# HELP`/`# TYPE` (the format requires it), and
/// `esops_fleet_cluster_up{context}` says which clusters answered (0 for one that failed, whose
/// metrics are then absent rather than stale).
pub fn prometheus_report(outcomes: &[ClusterOutcome]) -> String {
    // Metric families in order of first appearance: (name, help/type lines, samples).
    let mut families: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
    let family_of = |families: &mut Vec<(String, Vec<String>, Vec<String>)>, name: &str| -> usize {
        match families.iter().position(|(n, _, _)| n == name) {
            Some(i) => i,
            None => {
                families.push((name.to_string(), Vec::new(), Vec::new()));
                families.len() - 1
            }
        }
    };
    let up = "esops_fleet_cluster_up";
    let i = family_of(&mut families, up);
    families[i].1.push(format!("# HELP {up} 1 when the cluster answered the fleet run, 0 when it failed."));
    families[i].1.push(format!("# TYPE {up} gauge"));
    for outcome in outcomes {
        let context = prometheus_label(&outcome.context);
        let answered = if outcome.error.is_none() { 1 } else { 0 };
        families[i].2.push(format!("{up}{{context=\"{context}\"}} {answered}"));
    }
    for outcome in outcomes.iter().filter(|o| o.error.is_none()) {
        let context = prometheus_label(&outcome.context);
        for line in outcome.output.lines().filter(|l| !l.trim().is_empty()) {
            if let Some(rest) = line.strip_prefix("# ") {
                let mut words = rest.split_whitespace();
                let (Some(_kind), Some(name)) = (words.next(), words.next()) else { continue };
                let at = family_of(&mut families, name);
                if !families[at].1.iter().any(|l| l == line) {
                    families[at].1.push(line.to_string());
                }
                continue;
            }
            let name_end = line.find(['{', ' ']).unwrap_or(line.len());
            let at = family_of(&mut families, &line[..name_end]);
            let labelled = match line[name_end..].strip_prefix('{') {
                Some(rest) if rest.starts_with('}') => format!("{}{{context=\"{context}\"{rest}", &line[..name_end]),
                Some(rest) => format!("{}{{context=\"{context}\",{rest}", &line[..name_end]),
                None => format!("{}{{context=\"{context}\"}}{}", &line[..name_end], &line[name_end..]),
            };
            families[at].2.push(labelled);
        }
    }
    let mut out = String::new();
    for (_, meta, samples) in families {
        for line in meta.iter().chain(samples.iter()) {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn prometheus_label(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(context: &str, status: ExitStatus, output: &str, error: Option<&str>) -> ClusterOutcome {
        ClusterOutcome {
            context: context.into(),
            url: Some(format!("http://{context}:9200")),
            status,
            output: output.into(),
            error: error.map(|e| (e.to_string(), None)),
            step: None,
        }
    }

    #[test]
    fn contexts_are_selected_by_names_and_patterns_in_file_order() {
        let config = ConfigFile::parse(
            "contexts:\n  - name: prod-eu\n  - name: staging\n  - name: prod-us\n",
            std::path::Path::new("/c.yaml"),
        )
        .unwrap();
        assert_eq!(select_contexts(Some("prod-us,prod-*"), false, &config).unwrap(), ["prod-eu", "prod-us"]);
        assert_eq!(select_contexts(Some("staging, prod-eu"), false, &config).unwrap(), ["prod-eu", "staging"]);
        assert_eq!(select_contexts(None, true, &config).unwrap().len(), 3);
        let err = select_contexts(Some("prod-*,dev-*"), false, &config).unwrap_err().to_string();
        assert!(err.contains("context `dev-*`") && err.contains("available: prod-eu, staging, prod-us"), "{err}");
    }

    #[test]
    fn an_error_is_worse_than_findings() {
        let outcomes = [
            outcome("a", ExitStatus::Attention, "", None),
            outcome("b", ExitStatus::Failure, "", Some("down")),
            outcome("c", ExitStatus::Success, "", None),
        ];
        assert_eq!(worst_status(&outcomes), ExitStatus::Failure);
        assert_eq!(worst_status(&outcomes[..1]), ExitStatus::Attention);
    }

    #[test]
    fn prometheus_samples_get_a_context_label_and_stay_grouped() {
        let text =
            "# HELP m_a A.\n# TYPE m_a gauge\nm_a 1\n# HELP m_b B.\n# TYPE m_b gauge\nm_b{family=\"x\"} 2\nm_b{} 3\n";
        let outcomes = [
            outcome("eu", ExitStatus::Success, text, None),
            outcome("us", ExitStatus::Success, text, None),
            outcome("down", ExitStatus::Failure, "", Some("refused")),
        ];
        let report = prometheus_report(&outcomes);
        assert_eq!(
            report,
            "# HELP esops_fleet_cluster_up 1 when the cluster answered the fleet run, 0 when it failed.\n\
             # TYPE esops_fleet_cluster_up gauge\n\
             esops_fleet_cluster_up{context=\"eu\"} 1\n\
             esops_fleet_cluster_up{context=\"us\"} 1\n\
             esops_fleet_cluster_up{context=\"down\"} 0\n\
             # HELP m_a A.\n# TYPE m_a gauge\n\
             m_a{context=\"eu\"} 1\nm_a{context=\"us\"} 1\n\
             # HELP m_b B.\n# TYPE m_b gauge\n\
             m_b{context=\"eu\",family=\"x\"} 2\nm_b{context=\"eu\"} 3\n\
             m_b{context=\"us\",family=\"x\"} 2\nm_b{context=\"us\"} 3\n"
        );
    }

    #[test]
    fn the_document_holds_each_result_or_error() {
        let outcomes = [
            outcome("a", ExitStatus::Success, "{\"x\": 1}", None),
            outcome("b", ExitStatus::Failure, "", Some("cannot connect")),
        ];
        let doc = document_report(&outcomes, |t| serde_json::from_str(t).map_err(|e| e.to_string()));
        assert_eq!(doc["exit_code"], 1);
        assert_eq!(doc["clusters"][0]["result"]["x"], 1);
        assert_eq!(doc["clusters"][1]["error"], "cannot connect");
        assert!(doc["clusters"][1].get("result").is_none());
    }

    #[test]
    fn deleting_data_on_a_fleet_asks_for_the_count_and_names_every_cluster() {
        let planned =
            |context: &str, what: &str, deletes| PlannedCluster { context: context.into(), what: what.into(), deletes };
        let quiet =
            fleet_question(&[planned("eu", "Close 2 indices", None), planned("us-east", "Close 1 index", None)]);
        assert_eq!(quiet.answer, "yes");
        assert_eq!(quiet.summary, "  eu       Close 2 indices\n  us-east  Close 1 index\n");
        assert!(quiet.question.starts_with("Go ahead on 2 clusters (eu, us-east), one after the other?"));
        let deleting = fleet_question(&[
            planned("eu", "Delete 3 indices (3.0 KiB)", Some((3, 3072))),
            planned("us", "Close 1 index", None),
            planned("ap", "Delete 1 index (1.0 KiB)", Some((1, 1024))),
        ]);
        assert_eq!(deleting.answer, "4");
        assert!(
            deleting
                .summary
                .ends_with("The data of 4 indices (4.0 KiB) is deleted: 3 on eu (3.0 KiB), 1 on ap (1.0 KiB)\n"),
            "{}",
            deleting.summary
        );
        assert!(deleting.question.contains("(4) to go ahead on 3 clusters (eu, us, ap)"), "{}", deleting.question);
    }

    #[test]
    fn the_summary_says_where_each_cluster_ended_and_why() {
        let mut failed = outcome("b", ExitStatus::Failure, "", Some("403 Forbidden"));
        failed.step = Some(ActionStep::Failed);
        let mut done = outcome("a", ExitStatus::Success, "", None);
        done.step = Some(ActionStep::Done);
        let mut skipped = outcome("c", ExitStatus::Failure, "", Some("b failed first"));
        skipped.step = Some(ActionStep::NotAttempted);
        assert_eq!(
            action_summary(&[done, failed, skipped]),
            "a  done\nb  FAILED: 403 Forbidden\nc  not attempted: b failed first\nfleet: 1 done, 1 FAILED, 1 not attempted\n"
        );
    }
}
