//! The ILM policy shorthand: each phase says until what age it lasts, and the next phase starts
//! then.
//!
//! ```yaml
//! phases:
//!   hot: 7d                         # until 7 days old
//!   warm: {until: 30d, forcemerge: 1, shrink: 1, replicas: 1}
//!   cold: 90d
//!   delete: true                    # when the last phase ends (90d)
//! ```
//!
//! A phase is a duration (its end), nothing, or a mapping of `until`, `priority` (set_priority),
//! `replicas` (allocate's number_of_replicas) and ILM actions by their Elasticsearch names, each
//! either in a short scalar form (`forcemerge: 1`, `searchable_snapshot: repo`, `readonly: true`)
//! or as the Elasticsearch action object. `delete` is `true`, `false`, an age (`delete: 90d`) or
//! `{after, delete_searchable_snapshot, wait_for_snapshot}`. Phases get Kibana's priorities
//! (hot 100, warm 50, cold 0) unless they say otherwise; nothing rolls over unless asked.
//!
//! The expansion is an ordinary Elasticsearch body, checked like any other; a [`SourceMap`] sends
//! every problem in it back to the shorthand key or value it came from.

use serde_json::{Map, Value, json};

use super::diagnostic::Code;
use super::ilm::{PHASES, action_fields, is_action, phase_actions};
use super::report::{At, Report, SourceMap, Span, child};
use super::schema::{Ty, unknown_key};
use super::units::{ByteSize, TimeValue};
use super::yaml::{Node, NodeValue, Pos};

/// Keys of a shorthand policy document besides `kind` and `name`.
pub const DOCUMENT_KEYS: [&str; 4] = ["kind", "name", "phases", "_meta"];

/// What a phase mapping may hold besides ILM actions.
const PHASE_OPTIONS: [&str; 3] = ["until", "priority", "replicas"];

/// What a `delete` mapping may hold.
const DELETE_OPTIONS: [&str; 3] = ["after", "delete_searchable_snapshot", "wait_for_snapshot"];

/// Kibana's default priorities: recover hot indices first after a restart.
fn default_priority(phase: &str) -> Option<i64> {
    match phase {
        "hot" => Some(100),
        "warm" => Some(50),
        "cold" => Some(0),
        _ => None,
    }
}

/// An age written in the shorthand, and where.
#[derive(Clone, Copy)]
struct Age {
    value: TimeValue,
    span: Span,
}

/// One action of a phase, and where it came from.
struct PlannedAction<'n> {
    name: String,
    config: Value,
    span: Span,
    /// The mapping it was written as, when it was one (so its parameters map back too).
    written: Option<&'n Node>,
}

/// One phase as the shorthand describes it.
struct PlannedPhase<'n> {
    name: &'static str,
    span: Span,
    /// Non-delete phases: when the phase ends. Delete: when it starts (`after`).
    age: Option<Age>,
    /// Whether an age was written (even an unreadable one, already reported).
    age_written: bool,
    actions: Vec<PlannedAction<'n>>,
}

/// Expands a shorthand policy document into the body of `PUT /_ilm/policy/{name}`, reporting what
/// the shorthand grammar does not allow. Returns the body and where each part of it came from.
pub fn expand(r: &mut Report, doc: &Node) -> (Value, SourceMap) {
    let mut map = SourceMap::default();
    map.record("", Span { key: None, value: doc.at });
    for e in doc.entries().unwrap_or_default() {
        if !DOCUMENT_KEYS.contains(&e.key.as_str()) {
            unknown_key(r, At::Pos(e.key_at), &e.key, "an ilm_policy written in the shorthand", &DOCUMENT_KEYS);
        }
    }
    let mut policy = Map::new();
    let mut phases = Map::new();
    if let Some(entry) = doc.get("phases") {
        let span = Span { key: Some(entry.key_at), value: entry.value.at };
        map.record("/policy", span);
        map.record("/policy/phases", span);
        let mut plans = plan_phases(r, &entry.value);
        plans.sort_by_key(|p| PHASES.iter().position(|n| *n == p.name));
        for (plan, min_age) in timings(r, &plans) {
            let pointer = child("/policy/phases", plan.name);
            map.record(&pointer, plan.span);
            map.record(&child(&pointer, "min_age"), min_age.span);
            note_written(&mut map, &entry.value, &child(&pointer, "min_age"), min_age.span);
            map.record(&child(&pointer, "actions"), plan.span);
            let mut actions = Map::new();
            let order = |a: &PlannedAction| phase_actions(plan.name).iter().position(|n| *n == a.name);
            let mut ordered: Vec<&PlannedAction> = plan.actions.iter().collect();
            // Actions a phase does not allow go last, to be reported by the policy checks.
            ordered.sort_by_key(|a| order(a).unwrap_or(usize::MAX));
            for action in ordered {
                let at = child(&child(&pointer, "actions"), &action.name);
                note_written(&mut map, &entry.value, &at, action.span);
                match action.written {
                    Some(node) => map.record_tree(&at, action.span.key, node),
                    None => map.record(&at, action.span),
                }
                actions.insert(action.name.clone(), action.config.clone());
            }
            phases.insert(plan.name.to_string(), json!({"min_age": min_age.value.to_es(), "actions": actions}));
        }
    }
    policy.insert("phases".into(), Value::Object(phases));
    if let Some(meta) = doc.get("_meta") {
        map.record_tree("/policy/_meta", Some(meta.key_at), &meta.value);
        policy.insert("_meta".into(), meta.value.to_json());
    }
    (json!({ "policy": policy }), map)
}

/// Records how the part of the body at `pointer` was written in the shorthand (`phases.cold` for
/// `phases.delete.min_age`), found in `phases` by the position of `span`; the pointer is kept
/// relative to `policy`, as `plan` compares policies.
fn note_written(map: &mut SourceMap, phases: &Node, pointer: &str, span: Span) {
    fn find(node: &Node, prefix: &str, span: Span) -> Option<String> {
        node.entries()?.iter().find_map(|e| {
            let path = format!("{prefix}.{}", e.key);
            if Some(e.key_at) == span.key || e.value.at == span.value {
                Some(path)
            } else {
                find(&e.value, &path, span)
            }
        })
    }
    let Some(path) = find(phases, "phases", span) else { return };
    let compared = pointer.strip_prefix("/policy").unwrap_or(pointer);
    if path != compared.trim_start_matches('/').replace('/', ".") {
        let line = span.key.unwrap_or(span.value).line;
        map.record_written(compared, super::WrittenAs { path, line });
    }
}

fn plan_phases<'n>(r: &mut Report, phases: &'n Node) -> Vec<PlannedPhase<'n>> {
    let Some(entries) = phases.entries() else {
        r.error(
            Code::WrongType,
            At::Pos(phases.at),
            "`phases` must be a mapping of phase names to ages, e.g. `hot: 7d`",
        );
        return Vec::new();
    };
    let mut plans = Vec::new();
    for e in entries {
        let Some(name) = PHASES.iter().copied().find(|p| *p == e.key) else {
            unknown_key(r, At::Pos(e.key_at), &e.key, "`phases`", &PHASES);
            continue;
        };
        let span = Span { key: Some(e.key_at), value: e.value.at };
        let plan = if name == "delete" { plan_delete(r, span, &e.value) } else { plan_phase(r, name, span, &e.value) };
        plans.extend(plan);
    }
    plans
}

fn plan_phase<'n>(r: &mut Report, name: &'static str, span: Span, value: &'n Node) -> Option<PlannedPhase<'n>> {
    let mut plan = PlannedPhase { name, span, age: None, age_written: false, actions: Vec::new() };
    match &value.value {
        NodeValue::Null => {}
        NodeValue::Str(_) | NodeValue::Int(_) | NodeValue::Float(_) => {
            plan.age = age(r, value, None, name);
            plan.age_written = true;
        }
        NodeValue::Map(entries) => {
            let mut replicas = None;
            for e in entries {
                let entry_span = Span { key: Some(e.key_at), value: e.value.at };
                match e.key.as_str() {
                    "until" => {
                        plan.age = age(r, &e.value, Some(e.key_at), "until");
                        plan.age_written = true;
                    }
                    "priority" => {
                        if let Some(p) = whole_number(r, &e.value, "priority") {
                            plan.actions.push(PlannedAction {
                                name: "set_priority".into(),
                                config: json!({ "priority": p }),
                                span: entry_span,
                                written: None,
                            });
                        }
                    }
                    "replicas" => replicas = whole_number(r, &e.value, "replicas").map(|n| (n, entry_span)),
                    "min_age" | "actions" => {
                        r.error(
                            Code::UnknownKey,
                            At::Pos(e.key_at),
                            format!("`{}` belongs to the Elasticsearch form of a policy, not the shorthand", e.key),
                        )
                        .hint("write the whole policy as `policy: {phases: {…}}` (the body of PUT _ilm/policy), or use the shorthand: `warm: {until: 30d, forcemerge: 1}`");
                    }
                    action if is_action(action) => {
                        if let Some(config) = shortcut(r, action, &e.value) {
                            let written = e.value.entries().map(|_| &e.value);
                            plan.actions.push(PlannedAction { name: action.into(), config, span: entry_span, written });
                        }
                    }
                    other => {
                        let known: Vec<&str> = PHASE_OPTIONS.iter().chain(phase_actions(name)).copied().collect();
                        unknown_key(r, At::Pos(e.key_at), other, &format!("the {name} phase"), &known);
                    }
                }
            }
            if let Some((n, replica_span)) = replicas {
                merge_replicas(r, &mut plan, n, replica_span);
            }
        }
        NodeValue::Bool(_) | NodeValue::Seq(_) => {
            r.error(
                Code::WrongType,
                At::Pos(value.at),
                format!("the {name} phase must be an age (`{name}: 7d`) or a mapping"),
            )
            .hint(format!("e.g. `{name}: {{until: 30d, forcemerge: 1}}`"));
            return None;
        }
    }
    let has = |plan: &PlannedPhase, a: &str| plan.actions.iter().any(|x| x.name == a);
    if let Some(priority) = default_priority(name)
        && !has(&plan, "set_priority")
    {
        plan.actions.push(PlannedAction {
            name: "set_priority".into(),
            config: json!({ "priority": priority }),
            span,
            written: None,
        });
    }
    let duplicates: Vec<&PlannedAction> = plan.actions.iter().filter(|a| a.name == "set_priority").skip(1).collect();
    if let Some(dup) = duplicates.first() {
        r.error(
            Code::InvalidValue,
            At::Pos(dup.span.key.unwrap_or(dup.span.value)),
            "`priority` and `set_priority` both set the priority: keep one",
        );
    }
    Some(plan)
}

/// `replicas: N` is allocate's `number_of_replicas`, merged into an `allocate` written alongside.
fn merge_replicas(r: &mut Report, plan: &mut PlannedPhase, replicas: i64, span: Span) {
    match plan.actions.iter_mut().find(|a| a.name == "allocate") {
        Some(allocate) => match allocate.config.as_object_mut() {
            Some(config) if config.contains_key("number_of_replicas") => {
                r.error(
                    Code::InvalidValue,
                    At::Pos(span.key.unwrap_or(span.value)),
                    "`replicas` and `allocate.number_of_replicas` both set the replica count: keep one",
                );
            }
            Some(config) => {
                config.insert("number_of_replicas".into(), json!(replicas));
            }
            None => {}
        },
        None => plan.actions.push(PlannedAction {
            name: "allocate".into(),
            config: json!({ "number_of_replicas": replicas }),
            span,
            written: None,
        }),
    }
}

fn plan_delete<'n>(r: &mut Report, span: Span, value: &'n Node) -> Option<PlannedPhase<'n>> {
    let mut plan = PlannedPhase { name: "delete", span, age: None, age_written: false, actions: Vec::new() };
    let mut delete = Map::new();
    match &value.value {
        NodeValue::Bool(false) => return None,
        NodeValue::Bool(true) | NodeValue::Null => {}
        NodeValue::Str(_) | NodeValue::Int(_) | NodeValue::Float(_) => plan.age = age(r, value, None, "delete"),
        NodeValue::Map(entries) => {
            for e in entries {
                match e.key.as_str() {
                    "after" => plan.age = age(r, &e.value, Some(e.key_at), "after"),
                    "delete_searchable_snapshot" => {
                        delete.insert(e.key.clone(), e.value.to_json());
                    }
                    "wait_for_snapshot" => {
                        let config = match &e.value.value {
                            NodeValue::Str(policy) => json!({ "policy": policy }),
                            _ => e.value.to_json(),
                        };
                        plan.actions.push(PlannedAction {
                            name: "wait_for_snapshot".into(),
                            config,
                            span: Span { key: Some(e.key_at), value: e.value.at },
                            written: e.value.entries().map(|_| &e.value),
                        });
                    }
                    other => unknown_key(r, At::Pos(e.key_at), other, "the delete phase", &DELETE_OPTIONS),
                }
            }
        }
        NodeValue::Seq(_) => {
            r.error(
                Code::WrongType,
                At::Pos(value.at),
                "`delete` must be true, false, an age (`delete: 90d`) or a mapping",
            )
            .hint("e.g. `delete: true` to delete when the last phase ends");
            return None;
        }
    }
    plan.actions.push(PlannedAction { name: "delete".into(), config: Value::Object(delete), span, written: None });
    Some(plan)
}

/// The `min_age` of each phase: when the phase before it ends (0 for the first), or for delete,
/// its own `after`. Reports phases that end before the ones before them, missing ends, and an end
/// that nothing follows.
fn timings<'p, 'n>(r: &mut Report, plans: &'p [PlannedPhase<'n>]) -> Vec<(&'p PlannedPhase<'n>, Age)> {
    let mut out = Vec::new();
    // The latest end so far, with the phase it belongs to.
    let mut latest: Option<(&PlannedPhase, Age)> = None;
    let mut previous: Option<&PlannedPhase> = None;
    let mut ends_of_last = None;
    for plan in plans {
        let start = match previous {
            None => Age { value: TimeValue::ZERO, span: plan.span },
            Some(prev) => match prev.age.filter(|_| prev.name != "delete") {
                Some(end) => end,
                // Unreadable (already reported), or delete, which may carry its own age.
                None if prev.age_written || plan.name == "delete" => Age { value: TimeValue::ZERO, span: plan.span },
                None => {
                    r.error(
                        Code::IlmPhaseOrder,
                        At::Pos(prev.span.key.unwrap_or(prev.span.value)),
                        format!("the {} phase has no end, but the {} phase follows it", prev.name, plan.name),
                    )
                    .hint(format!(
                        "say until what age the {} phase lasts, e.g. `{}: 7d` or `{}: {{until: 7d}}`",
                        prev.name, prev.name, prev.name
                    ));
                    Age { value: TimeValue::ZERO, span: plan.span }
                }
            },
        };
        if plan.name == "delete" {
            out.push((plan, delete_start(r, plan, previous, latest, start)));
            ends_of_last = None;
            break;
        }
        if let (Some(end), Some((earlier, latest_end))) = (plan.age, latest)
            && end.value <= latest_end.value
        {
            r.error(
                Code::IlmPhaseOrder,
                At::Pos(end.span.value),
                format!("{} ends at {} but {} already lasts {} (phases must not shrink)", plan.name, end.value, earlier.name, latest_end.value),
            )
            .hint(format!(
                "ages count from index creation, not from the previous phase: `{}: {}` means the index leaves {} when it is {} old; give {} an age above {}",
                plan.name, end.value, plan.name, end.value, plan.name, latest_end.value
            ));
        }
        if let Some(end) = plan.age {
            latest = Some((plan, end));
        }
        ends_of_last = plan.age.map(|a| (plan, a));
        out.push((plan, start));
        previous = Some(plan);
    }
    if let Some((last, end)) = ends_of_last {
        r.warning(
            Code::IlmPhaseEnd,
            At::Pos(end.span.value),
            format!(
                "the {} phase ends at {} but no phase follows: indices stay {} forever",
                last.name, end.value, last.name
            ),
        )
        .hint(format!("add `delete: true` to delete them at {}, or remove the age", end.value));
    }
    out
}

/// When the delete phase starts: its `after`, else when the last phase ends.
fn delete_start(
    r: &mut Report,
    delete: &PlannedPhase,
    previous: Option<&PlannedPhase>,
    latest: Option<(&PlannedPhase, Age)>,
    fallback: Age,
) -> Age {
    let last_end = previous.and_then(|p| p.age.map(|a| (p, a)));
    match (delete.age, last_end) {
        (Some(after), Some((last, end))) if after.value != end.value => {
            r.error(
                Code::IlmPhaseOrder,
                At::Pos(after.span.value),
                format!("delete after {} contradicts the end of the {} phase at {}", after.value, last.name, end.value),
            )
            .hint(format!(
                "drop the age of delete to delete when {} ends ({}), or change when {} ends",
                last.name, end.value, last.name
            ));
            after
        }
        (Some(after), _) => {
            if let Some((earlier, latest_end)) = latest
                && after.value < latest_end.value
            {
                r.error(
                    Code::IlmPhaseOrder,
                    At::Pos(after.span.value),
                    format!(
                        "delete after {} but {} already lasts {} (phases must not shrink)",
                        after.value, earlier.name, latest_end.value
                    ),
                );
            }
            after
        }
        (None, Some(_)) => fallback,
        (None, None) => {
            let reported = r.error(
                Code::IlmPhaseOrder,
                At::Pos(delete.span.key.unwrap_or(delete.span.value)),
                "delete has no age: nothing says when to delete",
            );
            match previous {
                Some(last) => reported.hint(format!(
                    "give the {} phase an end (`{}: 90d`) so delete follows it, or write `delete: 90d`",
                    last.name, last.name
                )),
                None => reported.hint("write `delete: 90d` to delete indices when they are 90 days old"),
            }
            fallback
        }
    }
}

/// An age (`7d`), in ES units.
fn age(r: &mut Report, node: &Node, key: Option<Pos>, name: &str) -> Option<Age> {
    let text = match &node.value {
        NodeValue::Str(s) => s.clone(),
        NodeValue::Int(i) => i.to_string(),
        NodeValue::Float(f) => f.to_string(),
        _ => {
            r.error(Code::WrongType, At::Pos(node.at), format!("`{name}` must be an age like 30d"));
            return None;
        }
    };
    match TimeValue::parse(&text) {
        Ok(p) => Some(Age { value: p.value, span: Span { key, value: node.at } }),
        Err(e) => {
            r.error(Code::Duration, At::Pos(node.at), format!("`{name}`: {e}"))
                .hint("ages are a whole number and a unit, counted from index creation: 7d, 12h, 2w");
            None
        }
    }
}

fn whole_number(r: &mut Report, node: &Node, name: &str) -> Option<i64> {
    match node.value {
        NodeValue::Int(n) if n >= 0 => Some(n),
        _ => {
            r.error(Code::WrongType, At::Pos(node.at), format!("`{name}` must be a whole number, 0 or more"));
            None
        }
    }
}

/// An action written in its short form (`forcemerge: 1`) or as its Elasticsearch mapping.
/// `None` when the action is switched off (`readonly: false`) or unreadable (reported).
fn shortcut(r: &mut Report, action: &str, node: &Node) -> Option<Value> {
    let scalar = match (&node.value, action) {
        (NodeValue::Map(_), _) => {
            let mut config = node.to_json();
            normalize_units(action, &mut config);
            return Some(config);
        }
        (NodeValue::Null, _) | (NodeValue::Bool(true), "readonly" | "unfollow" | "freeze") => Some(json!({})),
        (NodeValue::Bool(false), "readonly" | "unfollow" | "freeze") => return None,
        (NodeValue::Bool(b), "migrate") => Some(json!({ "enabled": b })),
        (NodeValue::Int(n), "forcemerge") => Some(json!({ "max_num_segments": n })),
        (NodeValue::Int(n), "shrink") => Some(json!({ "number_of_shards": n })),
        (NodeValue::Int(n), "set_priority") => Some(json!({ "priority": n })),
        (NodeValue::Str(size), "shrink") => match ByteSize::parse(size) {
            Ok(p) => Some(json!({ "max_primary_shard_size": p.value.to_es() })),
            Err(e) => {
                r.error(Code::ByteSize, At::Pos(node.at), format!("`shrink`: {e}"))
                    .hint("shrink takes a shard count (`shrink: 1`) or a target shard size (`shrink: 50gb`)");
                return None;
            }
        },
        (NodeValue::Str(repo), "searchable_snapshot") => Some(json!({ "snapshot_repository": repo })),
        (NodeValue::Str(policy), "wait_for_snapshot") => Some(json!({ "policy": policy })),
        (NodeValue::Str(_), "downsample") => {
            let mut config = json!({ "fixed_interval": node.to_json() });
            normalize_units(action, &mut config);
            Some(config)
        }
        _ => None,
    };
    if scalar.is_none() {
        r.error(Code::WrongType, At::Pos(node.at), format!("`{action}` cannot be written this way"))
            .hint(format!("write {} or the action's Elasticsearch mapping", short_form(action)));
    }
    scalar
}

/// How an action's short form looks, for hints.
fn short_form(action: &str) -> &'static str {
    match action {
        "forcemerge" => "`forcemerge: 1` (segments)",
        "shrink" => "`shrink: 1` (shards) or `shrink: 50gb` (shard size)",
        "set_priority" => "`priority: 50`",
        "readonly" | "unfollow" | "freeze" => "`true`/`false`",
        "migrate" => "`migrate: false`",
        "searchable_snapshot" => "`searchable_snapshot: REPOSITORY`",
        "wait_for_snapshot" => "`wait_for_snapshot: SLM_POLICY`",
        "downsample" => "`downsample: 1h` (fixed interval)",
        "rollover" => "`rollover: {max_age: 1d, max_primary_shard_size: 50gb}`",
        "allocate" => "`replicas: 1`, or `allocate: {require: {data: warm}}`",
        _ => "`{}`",
    }
}

/// Durations and sizes inside an action written as a mapping, in ES units (`1w` → `7d`). Values
/// that do not parse are left alone for the policy checks to report where they are.
fn normalize_units(action: &str, config: &mut Value) {
    let Some(map) = config.as_object_mut() else { return };
    for (field, ty) in action_fields(action) {
        let Some(v) = map.get_mut(*field) else { continue };
        let Some(text) = v.as_str() else { continue };
        let normalized = match ty {
            Ty::Duration => TimeValue::parse(text).ok().map(|p| p.value.to_es()),
            Ty::ByteSize => ByteSize::parse(text).ok().map(|p| p.value.to_es()),
            _ => None,
        };
        if let Some(n) = normalized {
            *v = Value::String(n);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::resources::diagnostic::Diagnostic;
    use crate::resources::yaml::parse_documents;

    fn expand_text(text: &str) -> (Value, SourceMap, Vec<Diagnostic>) {
        let doc = parse_documents(text).unwrap().remove(0);
        let mut out = Vec::new();
        let empty = SourceMap::default();
        let mut r = Report::new(Path::new("p.yaml"), None, &empty, &mut out);
        let (body, map) = expand(&mut r, &doc);
        (body, map, out)
    }

    #[test]
    fn each_phase_starts_when_the_one_before_ends() {
        let (body, _, diagnostics) =
            expand_text("kind: ilm_policy\nname: p\nphases:\n  hot: 7d\n  warm: 30d\n  cold: 90d\n  delete: true\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let phases = &body["policy"]["phases"];
        let ages: Vec<&str> =
            ["hot", "warm", "cold", "delete"].iter().map(|p| phases[p]["min_age"].as_str().unwrap()).collect();
        assert_eq!(ages, ["0ms", "7d", "30d", "90d"]);
        assert_eq!(phases["hot"]["actions"], json!({"set_priority": {"priority": 100}}));
        assert_eq!(phases["cold"]["actions"], json!({"set_priority": {"priority": 0}}));
        assert_eq!(phases["delete"]["actions"], json!({"delete": {}}));
        assert!(phases["hot"]["actions"].get("rollover").is_none(), "no rollover unless asked");
    }

    #[test]
    fn short_forms_become_elasticsearch_actions_in_execution_order() {
        let (body, _, diagnostics) = expand_text(
            "phases:\n  warm: {until: 30d, forcemerge: 1, shrink: 50GiB, replicas: 1, priority: 10, readonly: true, migrate: false}\n  delete: true\n",
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let actions = &body["policy"]["phases"]["warm"]["actions"];
        let names: Vec<&String> = actions.as_object().unwrap().keys().collect();
        assert_eq!(names, ["set_priority", "readonly", "allocate", "migrate", "shrink", "forcemerge"]);
        assert_eq!(actions["shrink"], json!({"max_primary_shard_size": "50gb"}));
        assert_eq!(actions["allocate"], json!({"number_of_replicas": 1}));
        assert_eq!(actions["set_priority"], json!({"priority": 10}));
        assert_eq!(body["policy"]["phases"]["warm"]["min_age"], "0ms");
        assert_eq!(body["policy"]["phases"]["delete"]["min_age"], "30d");
    }

    #[test]
    fn rollover_units_are_normalized_and_delete_can_have_its_own_age() {
        let (body, _, diagnostics) =
            expand_text("phases:\n  hot: {rollover: {max_age: 1w, max_primary_shard_size: 51200mb}}\n  delete: 2w\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(
            body["policy"]["phases"]["hot"]["actions"]["rollover"],
            json!({"max_age": "7d", "max_primary_shard_size": "50gb"})
        );
        assert_eq!(body["policy"]["phases"]["delete"]["min_age"], "14d");
    }

    #[test]
    fn shrinking_phases_are_reported_at_the_offending_age() {
        let (_, _, diagnostics) = expand_text("phases:\n  hot: 7d\n  warm: 5d\n  delete: true\n");
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!((diagnostics[0].location.line, diagnostics[0].location.column), (3, 9));
        assert!(diagnostics[0].message.contains("warm ends at 5d but hot already lasts 7d"));
    }

    #[test]
    fn expanded_parts_map_back_to_the_shorthand() {
        let (_, map, _) = expand_text("phases:\n  hot: 7d\n  warm:\n    until: 30d\n    forcemerge: 1\n");
        // warm starts when hot ends: its min_age is hot's `7d`.
        assert_eq!(map.value("/policy/phases/warm/min_age"), Pos { line: 2, column: 8 });
        assert_eq!(map.key("/policy/phases/warm/actions/forcemerge"), Pos { line: 5, column: 5 });
        // A default esops adds is reported at its phase.
        assert_eq!(map.key("/policy/phases/warm/actions/set_priority"), Pos { line: 3, column: 3 });
    }

    #[test]
    fn a_last_phase_end_without_delete_is_a_warning() {
        let (_, _, diagnostics) = expand_text("phases:\n  hot: 7d\n");
        assert_eq!(diagnostics.len(), 1);
        assert!(!diagnostics[0].is_error());
        assert!(diagnostics[0].message.contains("no phase follows"));
    }
}
