//! Checks across resources: duplicate names, references to templates, policies and pipelines that
//! are not declared, index templates that Elasticsearch would refuse for overlapping at equal
//! priority, and rollover policies on indices that cannot roll over.

use std::collections::BTreeMap;

use serde_json::Value;

use super::diagnostic::{Code, Diagnostic};
use super::load::Loaded;
use super::report::{At, Report, child};
use super::templates::{Setting, flatten_settings, patterns_overlap, setting, string_list};
use super::{Location, ResourceKind, Target, pipeline, snapshots};
use crate::suggest::did_you_mean;

/// Names Elastic ships with a default cluster (stack templates enabled): referring to them needs
/// no declaration.
const BUILT_IN: [(ResourceKind, &str); 24] = [
    (ResourceKind::IlmPolicy, "logs"),
    (ResourceKind::IlmPolicy, "metrics"),
    (ResourceKind::IlmPolicy, "synthetics"),
    (ResourceKind::IlmPolicy, "7-days-default"),
    (ResourceKind::IlmPolicy, "30-days-default"),
    (ResourceKind::IlmPolicy, "90-days-default"),
    (ResourceKind::IlmPolicy, "180-days-default"),
    (ResourceKind::IlmPolicy, "365-days-default"),
    (ResourceKind::IlmPolicy, "logs@lifecycle"),
    (ResourceKind::IlmPolicy, "metrics@lifecycle"),
    (ResourceKind::IlmPolicy, "synthetics@lifecycle"),
    (ResourceKind::IlmPolicy, "traces@lifecycle"),
    (ResourceKind::ComponentTemplate, "logs@settings"),
    (ResourceKind::ComponentTemplate, "logs@mappings"),
    (ResourceKind::ComponentTemplate, "metrics@settings"),
    (ResourceKind::ComponentTemplate, "metrics@mappings"),
    (ResourceKind::ComponentTemplate, "metrics@tsdb-settings"),
    (ResourceKind::ComponentTemplate, "traces@settings"),
    (ResourceKind::ComponentTemplate, "traces@mappings"),
    (ResourceKind::ComponentTemplate, "ecs@mappings"),
    (ResourceKind::ComponentTemplate, "data-streams@mappings"),
    (ResourceKind::IngestPipeline, "logs@default-pipeline"),
    (ResourceKind::IngestPipeline, "logs@json-pipeline"),
    (ResourceKind::IngestPipeline, "logs@json-message"),
];

/// Resources known to exist without being declared: `--assume-existing KIND/NAME` (`*` allowed in
/// NAME) and Elastic's built-ins.
#[derive(Debug, Clone, Default)]
pub struct AssumedExisting {
    patterns: Vec<(ResourceKind, String)>,
}

impl AssumedExisting {
    /// From `(kind, name pattern)` pairs.
    pub fn new(patterns: Vec<(ResourceKind, String)>) -> Self {
        AssumedExisting { patterns }
    }

    fn covers(&self, kind: ResourceKind, name: &str) -> bool {
        BUILT_IN.contains(&(kind, name))
            || self.patterns.iter().any(|(k, pattern)| *k == kind && patterns_overlap(pattern, name))
    }
}

/// Runs the checks across `loaded` resources, as checked for `target` (for OpenSearch, an ILM
/// policy's SLM and searchable-snapshot references are not looked up: ISM has neither, and the
/// translation reports them).
pub fn check(loaded: &[Loaded], assumed: &AssumedExisting, target: Target, out: &mut Vec<Diagnostic>) {
    duplicates(loaded, out);
    let declared = Declared { loaded, assumed };
    for l in loaded {
        let mut r = l.report(out);
        match l.resource.kind {
            ResourceKind::IndexTemplate => {
                let optional = string_list(l.resource.body.get("ignore_missing_component_templates"));
                let composed = l.resource.body.get("composed_of");
                for (i, name) in string_list(composed).iter().enumerate() {
                    if declared.has(ResourceKind::ComponentTemplate, name) || optional.contains(name) {
                        continue;
                    }
                    let at = if composed.is_some_and(Value::is_array) {
                        child("/composed_of", &i.to_string())
                    } else {
                        "/composed_of".into()
                    };
                    declared.missing(
                        &mut r,
                        &at,
                        Code::MissingComponentTemplate,
                        ResourceKind::ComponentTemplate,
                        name,
                    );
                }
                setting_references(&mut r, &l.resource.body, &declared);
            }
            ResourceKind::ComponentTemplate => setting_references(&mut r, &l.resource.body, &declared),
            ResourceKind::IngestPipeline => {
                for (name, at) in pipeline::called_pipelines(&l.resource.body) {
                    if !declared.has_called_pipeline(&name) {
                        declared.missing(&mut r, &at, Code::MissingPipeline, ResourceKind::IngestPipeline, &name);
                    }
                }
            }
            ResourceKind::IlmPolicy if target == Target::OpenSearch => {}
            ResourceKind::IlmPolicy => {
                for (name, at) in snapshots::waited_slm_policies(&l.resource.body) {
                    if !declared.has(ResourceKind::SlmPolicy, &name) {
                        declared.missing(&mut r, &at, Code::MissingSlmPolicy, ResourceKind::SlmPolicy, &name);
                    }
                }
                for (name, at) in snapshots::searchable_snapshot_repositories(&l.resource.body) {
                    if !declared.has(ResourceKind::SnapshotRepository, &name) {
                        declared.missing(
                            &mut r,
                            &at,
                            Code::MissingSnapshotRepository,
                            ResourceKind::SnapshotRepository,
                            &name,
                        );
                    }
                }
            }
            ResourceKind::SlmPolicy => {
                if let Some(name) = l.resource.body.get("repository").and_then(Value::as_str)
                    && !declared.has(ResourceKind::SnapshotRepository, name)
                {
                    declared.missing(
                        &mut r,
                        "/repository",
                        Code::MissingSnapshotRepository,
                        ResourceKind::SnapshotRepository,
                        name,
                    );
                }
            }
            ResourceKind::ClusterSettings
            | ResourceKind::SnapshotRepository
            | ResourceKind::DataStreamLifecycle
            | ResourceKind::IsmPolicy => {}
        }
    }
    equal_priority_overlaps(loaded, out);
    rollover_without_alias(loaded, out);
}

/// What the tree declares (plus what `--assume-existing` vouches for), for reference checks.
struct Declared<'a> {
    loaded: &'a [Loaded],
    assumed: &'a AssumedExisting,
}

impl Declared<'_> {
    fn has(&self, kind: ResourceKind, name: &str) -> bool {
        self.loaded.iter().any(|l| l.resource.kind == kind && l.resource.name == name)
            || self.assumed.covers(kind, name)
    }

    /// A `pipeline` processor's name: a declared pipeline, or one a templated name can render to.
    fn has_called_pipeline(&self, called: &str) -> bool {
        self.has(ResourceKind::IngestPipeline, called)
            || (called.contains("{{")
                && self.loaded.iter().any(|l| {
                    l.resource.kind == ResourceKind::IngestPipeline && pipeline::calls(called, &l.resource.name)
                }))
    }

    /// A reference to an undeclared resource, with the closest declared name of that kind when
    /// one is near (a typo), as unknown keys get.
    fn missing(&self, r: &mut Report, pointer: &str, code: Code, kind: ResourceKind, name: &str) {
        let names: Vec<&str> =
            self.loaded.iter().filter(|l| l.resource.kind == kind).map(|l| l.resource.name.as_str()).collect();
        let hint = match did_you_mean(name, &names) {
            Some(near) => format!(
                "did you mean `{near}`? Otherwise declare it (kind: {kind}), or pass --assume-existing {kind}/{name} if it exists on the cluster"
            ),
            None => format!(
                "declare it (kind: {kind}), fix the name, or pass --assume-existing {kind}/{name} if it exists on the cluster"
            ),
        };
        r.error(code, At::Value(pointer), format!("{kind}/{name} is not declared in the tree")).hint(hint);
    }
}

/// `index.lifecycle.name`, `index.default_pipeline` and `index.final_pipeline` must name
/// declared (or assumed) resources.
fn setting_references(r: &mut Report, body: &Value, declared: &Declared<'_>) {
    let Some(settings) = body.get("template").and_then(|t| t.get("settings")) else { return };
    let flat = flatten_settings(settings, "/template/settings");
    if let Some((policy, at)) = setting(&flat, "index.lifecycle.name")
        && !declared.has(ResourceKind::IlmPolicy, policy)
    {
        declared.missing(r, &at, Code::MissingIlmPolicy, ResourceKind::IlmPolicy, policy);
    }
    for name in ["index.default_pipeline", "index.final_pipeline"] {
        // `_none` is ES's way of switching a pipeline off.
        if let Some((pipeline, at)) = setting(&flat, name)
            && pipeline != "_none"
            && !declared.has(ResourceKind::IngestPipeline, pipeline)
        {
            declared.missing(r, &at, Code::MissingPipeline, ResourceKind::IngestPipeline, pipeline);
        }
    }
}

fn duplicates(loaded: &[Loaded], out: &mut Vec<Diagnostic>) {
    let mut first: BTreeMap<(ResourceKind, &str), &Loaded> = BTreeMap::new();
    for l in loaded {
        let key = (l.resource.kind, l.resource.name.as_str());
        match first.get(&key) {
            None => {
                first.insert(key, l);
            }
            Some(earlier) => {
                let mut r = l.report(out);
                r.error(
                    Code::DuplicateName,
                    At::Pos(l.name_at),
                    format!(
                        "{}/{} is declared twice: here and at {}",
                        l.resource.kind,
                        l.resource.name,
                        earlier.name_location()
                    ),
                )
                .hint("names are unique per kind across the whole tree: rename or remove one");
            }
        }
    }
}

/// ES refuses an index template whose patterns overlap another's at the same priority
/// (`index template [b] has index patterns [...] matching patterns from existing templates [a]`).
fn equal_priority_overlaps(loaded: &[Loaded], out: &mut Vec<Diagnostic>) {
    let templates: Vec<&Loaded> = loaded.iter().filter(|l| l.resource.kind == ResourceKind::IndexTemplate).collect();
    for (j, later) in templates.iter().enumerate() {
        let later_patterns = string_list(later.resource.body.get("index_patterns"));
        let later_priority = priority(&later.resource.body);
        for earlier in &templates[..j] {
            let earlier_patterns = string_list(earlier.resource.body.get("index_patterns"));
            if earlier.resource.name == later.resource.name || priority(&earlier.resource.body) != later_priority {
                continue;
            }
            let overlap = later_patterns
                .iter()
                .find_map(|p| earlier_patterns.iter().find(|q| patterns_overlap(p, q)).map(|q| (p, q)));
            if let Some((p, q)) = overlap {
                let mut r = later.report(out);
                r.error(
                    Code::TemplateOverlap,
                    At::Value("/index_patterns"),
                    format!(
                        "pattern `{p}` overlaps `{q}` of index_template/{} ({}) at the same priority {later_priority}: Elasticsearch refuses the second template",
                        earlier.resource.name,
                        earlier.name_location()
                    ),
                )
                .hint("give the more specific template a higher priority, so one template clearly wins for every index");
            }
        }
    }
}

fn priority(body: &Value) -> i64 {
    body.get("priority").and_then(Value::as_i64).unwrap_or(0)
}

/// A template attaching (directly or through a component template) an ILM policy that rolls over,
/// to indices with neither a rollover alias nor a data stream: ILM stops on every such index with
/// `index.lifecycle.rollover_alias [] does not point to index` — the most common ILM mistake with
/// date-named daily indices.
fn rollover_without_alias(loaded: &[Loaded], out: &mut Vec<Diagnostic>) {
    let find =
        |kind: ResourceKind, name: &str| loaded.iter().find(|l| l.resource.kind == kind && l.resource.name == name);
    for template in loaded.iter().filter(|l| l.resource.kind == ResourceKind::IndexTemplate) {
        let body = &template.resource.body;
        if body.get("data_stream").is_some() {
            continue;
        }
        // Composition order: component templates in `composed_of` order, then the template's own.
        let mut sources: Vec<(&Loaded, Vec<Setting>)> = Vec::new();
        for name in string_list(body.get("composed_of")) {
            if let Some(component) = find(ResourceKind::ComponentTemplate, &name) {
                sources.push((component, settings_of(&component.resource.body)));
            }
        }
        sources.push((template, settings_of(body)));
        let last = |name: &str| {
            sources.iter().rev().find_map(|(l, flat)| setting(flat, name).map(|(v, _)| (*l, v.to_string())))
        };
        let Some((attached_in, policy_name)) = last("index.lifecycle.name") else { continue };
        if last("index.lifecycle.rollover_alias").is_some() {
            continue;
        }
        let Some(policy) = find(ResourceKind::IlmPolicy, &policy_name) else { continue };
        let rolls_over = policy.resource.body.pointer("/policy/phases/hot/actions/rollover").is_some();
        if !rolls_over {
            continue;
        }
        let patterns = string_list(body.get("index_patterns")).join(", ");
        let via = if std::ptr::eq(attached_in, template) {
            String::new()
        } else {
            format!(" (through {}/{})", attached_in.resource.kind, attached_in.resource.name)
        };
        let mut r = template.report(out);
        r.error(
            Code::RolloverWithoutAlias,
            At::Value("/index_patterns"),
            format!(
                "indices matching {patterns} get ilm_policy/{policy_name}{via}, which rolls over, but they have no rollover alias and are not a data stream: ILM will stop with an error on every one of them"
            ),
        )
        .hint(format!(
            "for date-named daily indices ({}), remove the rollover from the policy's hot phase; otherwise add `data_stream: {{}}` to the template or set index.lifecycle.rollover_alias",
            example_daily_index(&patterns)
        ));
    }
}

fn settings_of(body: &Value) -> Vec<Setting<'_>> {
    body.get("template")
        .and_then(|t| t.get("settings"))
        .map(|s| flatten_settings(s, "/template/settings"))
        .unwrap_or_default()
}

/// `python-logs-*` → `python-logs-2024.06.01`, to show what a daily index looks like.
fn example_daily_index(patterns: &str) -> String {
    let first = patterns.split(", ").next().unwrap_or("logs-*");
    first.replacen('*', "2024.06.01", 1).replace('*', "")
}

impl Loaded {
    /// A report on this resource.
    pub fn report<'a>(&'a self, out: &'a mut Vec<Diagnostic>) -> Report<'a> {
        Report::new(&self.resource.location.file, Some(self.label()), &self.map, out)
    }

    /// Where its name is written.
    fn name_location(&self) -> Location {
        Location { file: self.resource.location.file.clone(), line: self.name_at.line, column: self.name_at.column }
    }
}
