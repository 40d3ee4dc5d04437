//! Plans for people (terminal text, Markdown for a pull-request comment) and machines (JSON).

use anstyle::Style;
use serde::Serialize;
use serde_json::Value;

use super::apply::ApplyReport;
use super::diff::FieldChange;
use super::impact::{Effect, PhaseEffect, PolicyImpact};
use super::plan::{ChangeAction, Plan, PlannedChange, ResourceRef, Totals};
use crate::printer::styles;
use crate::render::human_bytes;
use crate::resources::Location;

/// Colours text for the terminal (the printer's `paint`), or leaves it alone.
pub type Paint<'a> = &'a dyn Fn(Style, &str) -> String;

/// Version of the `plan -o json` document; bumped on incompatible changes.
pub const PLAN_FORMAT_VERSION: u32 = 1;

/// Told with every impact preview: ILM copies a phase's definition into the index when it enters
/// the phase, so changes to the phase an index is in reach it only when it moves on.
pub const CACHED_PHASE_NOTE: &str = "Indices already inside a phase keep its cached definition until they leave it; changes to that phase reach them only in the next one.";

/// `Plan: 1 to create, 2 to update, 0 to delete, 5 unchanged.`
pub fn totals_line(t: Totals) -> String {
    format!("Plan: {} to create, {} to update, {} to delete, {} unchanged.", t.create, t.update, t.delete, t.unchanged)
}

fn symbol(action: ChangeAction) -> (&'static str, Style) {
    match action {
        ChangeAction::Create => ("+", styles::GOOD),
        ChangeAction::Update => ("~", styles::WARN),
        ChangeAction::Delete => ("-", styles::BAD),
        ChangeAction::Unchanged => ("=", styles::DIM),
    }
}

/// A value as one line: compact JSON, long values cut.
fn value_text(value: Option<&Value>) -> String {
    const MAX: usize = 100;
    match value {
        None => "(absent)".into(),
        Some(v) => {
            let text = v.to_string();
            if text.chars().count() > MAX { format!("{}…", text.chars().take(MAX).collect::<String>()) } else { text }
        }
    }
}

/// `path: old → new`; a field written in the shorthand is named as written, with where, and the
/// Elasticsearch field it stands for.
fn field_line(change: &FieldChange, source: Option<&Location>) -> String {
    let values = format!("{} → {}", value_text(change.old.as_ref()), value_text(change.new.as_ref()));
    match (&change.written, source) {
        (Some(written), Some(source)) => {
            format!("{}: {values}  ({}:{}, {})", written.path, source.file.display(), written.line, change.path)
        }
        (Some(written), None) => format!("{}: {values}  ({})", written.path, change.path),
        (None, _) => format!("{}: {values}", change.path),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One effect as a sentence: `warm after 30d → 20d: 14 indices, 23.4 GiB become due now`; when ILM
/// will delete data, it says so in those words, with the indices.
pub fn effect_text(e: &PhaseEffect) -> String {
    let who = format!("{}, {}", plural(e.indices.len(), "index", "indices"), human_bytes(e.bytes));
    let timing = match (e.old_min_age.as_deref(), e.new_min_age.as_deref()) {
        (Some(o), Some(n)) if o != n => format!("{} after {o} → {n}", e.phase),
        (None, Some(n)) => format!("{} after {n} (phase added)", e.phase),
        (Some(o), None) => format!("{} phase removed (was after {o})", e.phase),
        _ => format!("{} actions change", e.phase),
    };
    match e.effect {
        Effect::DueNow if e.deletes_data() => {
            format!("{timing}: ILM will delete the data of {who} at its next poll: {}", index_list(&e.indices))
        }
        Effect::DueNow => format!("{timing}: {who} become due now"),
        Effect::Postponed => format!("{timing}: {who} enter it later than before"),
        Effect::NoLongerEntered => format!("{timing}: {who} will not enter it"),
        Effect::KeepCachedDefinition => format!("{timing}: {who} already in {} keep the old definition", e.phase),
        Effect::BlocksDelete => format!(
            "in use by {who}: Elasticsearch refuses to delete a policy in use (remove index.lifecycle.name from them first)"
        ),
    }
}

/// `disk: 27.0 GiB freed now, flood stage moves from 310 days to never`.
pub fn forecast_text(f: &super::impact::ForecastShift) -> String {
    let days = |d: Option<u32>| match d {
        None => "never".to_string(),
        Some(0) => "now".to_string(),
        Some(1) => "1 day".to_string(),
        Some(d) => format!("{d} days"),
    };
    let shift = if f.days_before == f.days_after {
        format!("flood stage stays at {}", days(f.days_before))
    } else {
        format!("flood stage moves from {} to {}", days(f.days_before), days(f.days_after))
    };
    if f.freed_now_bytes > 0 {
        format!("disk: {} freed now, {shift}", human_bytes(f.freed_now_bytes))
    } else {
        format!("disk: {shift}")
    }
}

/// The first few index names, then how many more: `a, b, c, d, e and 9 more`.
pub fn index_list(indices: &[impl AsRef<str>]) -> String {
    const SHOWN: usize = 5;
    let names = indices.iter().take(SHOWN).map(AsRef::as_ref).collect::<Vec<_>>().join(", ");
    match indices.len().saturating_sub(SHOWN) {
        0 => names,
        more => format!("{names} and {more} more"),
    }
}

/// `ilm_policy/python-logs`, `90 indices use it, 105.8 GiB`.
fn impact_heading(i: &PolicyImpact) -> (String, String) {
    (
        format!("ilm_policy/{}", i.policy),
        format!("{}, {}", plural(i.indices, "index uses it", "indices use it"), human_bytes(i.bytes)),
    )
}

/// The plan for a terminal: one line per created/deleted resource and per changed field.
pub fn text(plan: &Plan, impacts: &[PolicyImpact], paint: Paint) -> String {
    let mut out = String::new();
    for c in plan.changes.iter().filter(|c| c.action != ChangeAction::Unchanged) {
        let (sym, style) = symbol(c.action);
        let head = format!("{} {}", paint(style, sym), paint(styles::BOLD, &c.resource().to_string()));
        match c.action {
            ChangeAction::Update => {
                for f in &c.diff {
                    out.push_str(&format!("{head}  {}\n", field_line(f, c.source.as_ref())));
                }
            }
            ChangeAction::Create => out.push_str(&format!("{head}  {}\n", paint(styles::DIM, "(create)"))),
            ChangeAction::Delete => out.push_str(&format!("{head}  {}\n", paint(styles::DIM, "(delete)"))),
            ChangeAction::Unchanged => {}
        }
    }
    if !impacts.is_empty() {
        out.push_str("\nImpact on existing indices:\n");
        for i in impacts {
            let (name, users) = impact_heading(i);
            out.push_str(&format!("  {name} ({users})\n"));
            for e in &i.effects {
                let style = if e.effect == Effect::DueNow || e.effect == Effect::BlocksDelete {
                    styles::WARN
                } else {
                    Style::new()
                };
                out.push_str(&format!("    {}\n", paint(style, &effect_text(e))));
            }
            if let Some(f) = &i.forecast {
                out.push_str(&format!("    {}\n", forecast_text(f)));
            }
        }
        out.push_str(&format!("  {}\n", paint(styles::DIM, CACHED_PHASE_NOTE)));
    }
    out.push_str(&notes(plan).iter().map(|n| format!("\n{}\n", paint(styles::DIM, n))).collect::<String>());
    if !out.is_empty() {
        out.push('\n');
    }
    if !plan.has_changes() {
        out.push_str("No changes: the cluster matches the tree.\n");
    }
    out.push_str(&paint(styles::BOLD, &totals_line(plan.totals())));
    out.push('\n');
    out
}

fn ref_list(refs: &[ResourceRef]) -> String {
    refs.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

/// Side remarks: what `--prune` would delete, and adopted resources not yet marked as esops's.
fn notes(plan: &Plan) -> Vec<String> {
    let mut notes = Vec::new();
    if !plan.not_pruned.is_empty() {
        notes.push(format!("Not declared any more, kept without --prune: {}", ref_list(&plan.not_pruned)));
    }
    if !plan.unmarked.is_empty() {
        notes.push(format!(
            "Not marked _meta.managed_by: esops on the cluster (their next change adds it; --prune leaves them alone until then): {}",
            ref_list(&plan.unmarked)
        ));
    }
    notes
}

/// The plan as Markdown, for a pull-request comment.
pub fn markdown(plan: &Plan, impacts: &[PolicyImpact]) -> String {
    let mut out = String::from("### esops plan\n\n");
    out.push_str(&format!("**{}**\n", totals_line(plan.totals())));
    let changed: Vec<&PlannedChange> = plan.changes.iter().filter(|c| c.action != ChangeAction::Unchanged).collect();
    if changed.is_empty() {
        out.push_str("\nNo changes: the cluster matches the tree.\n");
    } else {
        out.push_str("\n| | resource | change |\n|---|---|---|\n");
        for c in &changed {
            let what = match c.action {
                ChangeAction::Update => plural(c.diff.len(), "field", "fields"),
                ChangeAction::Create => "create".into(),
                _ => "delete".into(),
            };
            out.push_str(&format!("| `{}` | `{}` | {what} |\n", symbol(c.action).0, c.resource()));
        }
        let updates: Vec<&&PlannedChange> = changed.iter().filter(|c| c.action == ChangeAction::Update).collect();
        if !updates.is_empty() {
            out.push_str("\n```diff\n");
            for c in updates {
                out.push_str(&format!("@@ {} @@\n", c.resource()));
                for f in &c.diff {
                    if f.old.is_some() {
                        out.push_str(&format!("- {}: {}\n", f.path, value_text(f.old.as_ref())));
                    }
                    if f.new.is_some() {
                        out.push_str(&format!("+ {}: {}\n", f.path, value_text(f.new.as_ref())));
                    }
                }
            }
            out.push_str("```\n");
        }
    }
    if !impacts.is_empty() {
        out.push_str("\n#### Impact on existing indices\n\n");
        for i in impacts {
            let (name, users) = impact_heading(i);
            out.push_str(&format!("- `{name}`: {users}\n"));
            for e in &i.effects {
                out.push_str(&format!("  - {}\n", effect_text(e)));
            }
            if let Some(f) = &i.forecast {
                out.push_str(&format!("  - {}\n", forecast_text(f)));
            }
        }
        out.push_str(&format!("\n> {CACHED_PHASE_NOTE}\n"));
    }
    for n in notes(plan) {
        out.push_str(&format!("\n_{n}_\n"));
    }
    out
}

/// `plan -o json`: a stable document (see docs/src/commands/plan.md, "JSON output").
#[derive(Debug, Serialize)]
pub struct PlanDocument<'a> {
    /// [`PLAN_FORMAT_VERSION`].
    pub format_version: u32,
    /// Counts per action.
    pub totals: Totals,
    /// True when applying would change anything.
    pub has_changes: bool,
    /// Every resource, unchanged ones included, in apply order of kinds.
    pub changes: Vec<ChangeEntry<'a>>,
    /// Impact of policy changes on existing indices.
    pub impact: &'a [PolicyImpact],
    /// esops's resources no longer declared, kept because `--prune` was not given.
    pub not_pruned: &'a [ResourceRef],
    /// Declared resources whose cluster copy lacks the `_meta.managed_by: esops` mark.
    pub unmarked: &'a [ResourceRef],
}

/// One resource in [`PlanDocument`].
#[derive(Debug, Serialize)]
pub struct ChangeEntry<'a> {
    /// Kind.
    pub kind: crate::resources::ResourceKind,
    /// Name.
    pub name: &'a str,
    /// `create`, `update`, `delete` or `unchanged`.
    pub action: ChangeAction,
    /// `file:line:column` of the declaration (null for deletes).
    pub source: Option<String>,
    /// Field changes of an update.
    pub diff: &'a [FieldChange],
}

/// The JSON document of `plan`.
pub fn document<'a>(plan: &'a Plan, impacts: &'a [PolicyImpact]) -> PlanDocument<'a> {
    PlanDocument {
        format_version: PLAN_FORMAT_VERSION,
        totals: plan.totals(),
        has_changes: plan.has_changes(),
        changes: plan
            .changes
            .iter()
            .map(|c| ChangeEntry {
                kind: c.kind,
                name: &c.name,
                action: c.action,
                source: c.source.as_ref().map(ToString::to_string),
                diff: &c.diff,
            })
            .collect(),
        impact: impacts,
        not_pruned: &plan.not_pruned,
        unmarked: &plan.unmarked,
    }
}

/// What `apply` did: every step done, the one that failed, and the ones not attempted.
pub fn apply_report(report: &ApplyReport, paint: Paint) -> String {
    let mut out = String::new();
    let line = |c: &PlannedChange| {
        let (sym, style) = symbol(c.action);
        format!("{} {}", paint(style, sym), c.resource())
    };
    let total = report.done.len() + report.failed.iter().count() + report.unknown.len() + report.not_attempted.len();
    out.push_str(&format!("Applied {} of {}:\n", report.done.len(), plural(total, "change", "changes")));
    for c in &report.done {
        match report.recovered.iter().find(|(r, _)| std::ptr::eq(*r, *c)) {
            Some((_, note)) => out.push_str(&format!("  {}  ({note})\n", line(c))),
            None => out.push_str(&format!("  {}\n", line(c))),
        }
    }
    if let Some((c, error)) = &report.failed {
        out.push_str(&format!("Failed:\n  {}  {}\n", line(c), paint(styles::BAD, &error.to_string())));
    }
    if !report.unknown.is_empty() {
        out.push_str("Outcome unknown:\n");
        for (c, why) in &report.unknown {
            out.push_str(&format!("  {}  {}\n", line(c), paint(styles::BAD, why)));
        }
    }
    if !report.not_attempted.is_empty() {
        out.push_str("Not applied:\n");
        for c in &report.not_attempted {
            out.push_str(&format!("  {}\n", line(c)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reconcile::plan::{plan, tests::declared, tests::stored};
    use crate::resources::ResourceKind;
    use serde_json::json;

    fn no_paint(_: Style, s: &str) -> String {
        s.to_string()
    }

    fn sample() -> Plan {
        let policy = |d: &str| json!({"policy": {"phases": {"delete": {"min_age": d, "actions": {"delete": {}}}}, "_meta": {"managed_by": "esops"}}});
        plan(
            &[
                declared(ResourceKind::IlmPolicy, "python-logs", policy("90d")),
                declared(
                    ResourceKind::ComponentTemplate,
                    "settings",
                    json!({"template": {"settings": {"number_of_replicas": 1}}}),
                ),
                declared(
                    ResourceKind::IngestPipeline,
                    "same",
                    json!({"processors": [], "_meta": {"managed_by": "esops"}}),
                ),
            ],
            &[
                stored(ResourceKind::IlmPolicy, "python-logs", policy("120d")),
                stored(
                    ResourceKind::IngestPipeline,
                    "same",
                    json!({"processors": [], "_meta": {"managed_by": "esops"}}),
                ),
                stored(
                    ResourceKind::IndexTemplate,
                    "gone",
                    json!({"index_patterns": ["x"], "_meta": {"managed_by": "esops"}}),
                ),
            ],
            true,
        )
    }

    fn impact() -> PolicyImpact {
        PolicyImpact {
            policy: "python-logs".into(),
            indices: 30,
            bytes: 40 << 30,
            effects: vec![PhaseEffect {
                phase: "delete".into(),
                effect: Effect::DueNow,
                old_min_age: Some("120d".into()),
                new_min_age: Some("90d".into()),
                indices: (0..14).map(|i| format!("python-logs-{i}")).collect(),
                bytes: 25_125_558_681,
            }],
            forecast: Some(crate::reconcile::impact::ForecastShift {
                freed_now_bytes: 25_125_558_681,
                days_before: Some(310),
                days_after: None,
            }),
        }
    }

    #[test]
    fn text_shows_one_line_per_field_change_and_totals() {
        let out = text(&sample(), &[impact()], &no_paint);
        assert_eq!(
            out,
            "\
+ component_template/settings  (create)
~ ilm_policy/python-logs  phases.delete.min_age: \"120d\" → \"90d\"
- index_template/gone  (delete)

Impact on existing indices:
  ilm_policy/python-logs (30 indices use it, 40.0 GiB)
    delete after 120d → 90d: ILM will delete the data of 14 indices, 23.4 GiB at its next poll: python-logs-0, python-logs-1, python-logs-2, python-logs-3, python-logs-4 and 9 more
    disk: 23.4 GiB freed now, flood stage moves from 310 days to never
  Indices already inside a phase keep its cached definition until they leave it; changes to that phase reach them only in the next one.

Plan: 1 to create, 1 to update, 1 to delete, 1 unchanged.
"
        );
    }

    #[test]
    fn no_changes_says_so() {
        let p = plan(&[], &[], false);
        assert!(text(&p, &[], &no_paint).contains("No changes: the cluster matches the tree.\nPlan: 0 to create"));
        assert!(markdown(&p, &[]).contains("No changes"));
    }

    #[test]
    fn markdown_has_a_table_a_diff_block_and_the_impact() {
        let md = markdown(&sample(), &[impact()]);
        assert!(md.contains("| `~` | `ilm_policy/python-logs` | 1 field |"), "{md}");
        assert!(md.contains("```diff\n@@ ilm_policy/python-logs @@\n- phases.delete.min_age: \"120d\"\n+ phases.delete.min_age: \"90d\"\n```"), "{md}");
        assert!(
            md.contains("  - delete after 120d → 90d: ILM will delete the data of 14 indices, 23.4 GiB at its next poll: python-logs-0,"),
            "{md}"
        );
    }

    #[test]
    fn json_document_lists_every_resource_with_its_diff() {
        let p = sample();
        let doc = serde_json::to_value(document(&p, &[])).unwrap();
        assert_eq!(doc["format_version"], 1);
        assert_eq!(doc["totals"], json!({"create": 1, "update": 1, "delete": 1, "unchanged": 1}));
        let update = &doc["changes"][1];
        assert_eq!(update["action"], "update");
        assert_eq!(update["source"], "ilm_policy/python-logs.yaml:1:1");
        assert_eq!(
            update["diff"][0],
            json!({"path": "phases.delete.min_age", "pointer": "/phases/delete/min_age", "old": "120d", "new": "90d"})
        );
    }

    #[test]
    fn long_values_are_cut_and_absent_ones_named() {
        assert_eq!(value_text(None), "(absent)");
        let long = json!("x".repeat(200));
        assert!(value_text(Some(&long)).ends_with('…'));
    }
}
