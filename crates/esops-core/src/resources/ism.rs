//! OpenSearch Index State Management (ISM): the checks of `PUT _plugins/_ism/policies/{id}` for
//! policies written for ISM (`kind: ism_policy`), and the translation of an ILM policy (shorthand
//! or Elasticsearch form) into an ISM policy for `--target opensearch`.
//!
//! Every rule follows opensearch-project/index-management (`indexstatemanagement/model/Policy.kt`,
//! `State.kt`, `Transition.kt`, `ISMTemplate.kt`, `ISMActionsParser.kt` and the action parsers in
//! `indexstatemanagement/action/`); each function names the file it follows.
//!
//! Translation, phase by phase: each ILM phase becomes a state of the same name, whose actions
//! are the phase's actions in ILM's execution order, and whose one transition leads to the next
//! phase when the index is as old as that phase's `min_age` — `min_rollover_age` when the hot
//! phase rolls over (ILM counts `min_age` from the rollover then), `min_index_age` otherwise (from
//! index creation, as ILM does). What ISM cannot do the way ILM does is refused, at the ILM key.

use serde_json::{Map, Value, json};

use super::diagnostic::Code;
use super::ilm::{PHASES, phase_actions};
use super::report::{At, Report, child, type_name};
use super::schema::{Field, Ty, check_object, check_type};
use super::templates::flatten_settings;
use super::units::TimeValue;
use crate::suggest::did_you_mean;

/// The ISM action types (`ISMActionsParser.kt`, the parser list).
pub const ACTIONS: [&str; 19] = [
    "alias",
    "allocation",
    "close",
    "delete",
    "force_merge",
    "index_priority",
    "notification",
    "open",
    "read_only",
    "read_write",
    "replica_count",
    "rollup",
    "rollover",
    "search_only",
    "shrink",
    "snapshot",
    "transform",
    "stop_replication",
    "convert_index_to_remote",
];

/// Parameters of the ISM actions esops checks field by field (each `*ActionParser.kt`); `None`
/// for actions whose bodies are taken as written (rollup, transform, notification, alias…: their
/// own large grammars, checked by OpenSearch on apply).
fn action_fields(action: &str) -> Option<&'static [Field]> {
    Some(match action {
        "rollover" => &[
            ("min_size", Ty::ByteSize),
            ("min_doc_count", Ty::Positive),
            ("min_index_age", Ty::Duration),
            ("min_primary_shard_size", Ty::ByteSize),
            ("copy_alias", Ty::Bool),
        ],
        "force_merge" => &[("max_num_segments", Ty::Positive)],
        "replica_count" => &[("number_of_replicas", Ty::NonNegative)],
        "index_priority" => &[("priority", Ty::NonNegative)],
        "allocation" => {
            &[("require", Ty::Object), ("include", Ty::Object), ("exclude", Ty::Object), ("wait_for", Ty::Bool)]
        }
        "snapshot" => &[("repository", Ty::Str), ("snapshot", Ty::Str)],
        "shrink" => &[
            ("num_new_shards", Ty::Positive),
            ("max_shard_size", Ty::ByteSize),
            ("percentage_of_source_shards", Ty::Any),
            ("target_index_name_template", Ty::Object),
            ("aliases", Ty::List),
            ("switch_aliases", Ty::Bool),
            ("force_unsafe", Ty::Bool),
        ],
        "delete" | "read_only" | "read_write" | "open" | "close" => &[],
        _ => return None,
    })
}

/// Required parameters (`requireNotNull` in the parsers).
fn required_fields(action: &str) -> &'static [&'static str] {
    match action {
        "force_merge" => &["max_num_segments"],
        "replica_count" => &["number_of_replicas"],
        "index_priority" => &["priority"],
        "snapshot" => &["repository", "snapshot"],
        _ => &[],
    }
}

/// Transition conditions (`Transition.kt`, `Conditions.parse`); at most one per transition.
const CONDITIONS: [Field; 7] = [
    ("min_index_age", Ty::Duration),
    ("min_doc_count", Ty::Positive),
    ("min_size", Ty::ByteSize),
    ("cron", Ty::Object),
    ("min_rollover_age", Ty::Duration),
    ("no_alias", Ty::Bool),
    ("min_state_age", Ty::Duration),
];

/// Checks the body of `PUT _plugins/_ism/policies/{id}`: `{"policy": {…}}`.
pub fn check(r: &mut Report, body: &Value) {
    let Some(top) = check_object(r, "", body, "an ism_policy", &[("policy", Ty::Object)], &["policy"]) else {
        return;
    };
    let Some(policy) = top.get("policy") else { return };
    // `Policy.parse`: these fields, anything else is "Invalid field"; policy_id, user and
    // last_updated_time are set by OpenSearch.
    let fields: [Field; 5] = [
        ("description", Ty::Str),
        ("default_state", Ty::Str),
        ("states", Ty::List),
        ("ism_template", Ty::Any),
        ("error_notification", Ty::Object),
    ];
    let Some(policy) = check_object(r, "/policy", policy, "`policy`", &fields, &["default_state", "states"]) else {
        return;
    };
    let states: &[Value] = policy.get("states").and_then(Value::as_array).map_or(&[], Vec::as_slice);
    let names: Vec<&str> = states.iter().filter_map(|s| s.get("name").and_then(Value::as_str)).collect();
    if policy.get("states").is_some_and(Value::is_array) && states.is_empty() {
        r.error(Code::IsmPolicy, At::Value("/policy/states"), "an ISM policy must contain at least one state");
    }
    for (i, state) in states.iter().enumerate() {
        check_state(r, &child("/policy/states", &i.to_string()), state, &names);
    }
    for (i, name) in names.iter().enumerate() {
        if names[..i].contains(name) {
            r.error(
                Code::IsmPolicy,
                At::Value(&format!("/policy/states/{i}/name")),
                format!("state `{name}` is declared twice (ISM: \"Policy cannot have duplicate state names\")"),
            );
        }
    }
    if let Some(default) = policy.get("default_state").and_then(Value::as_str)
        && !names.contains(&default)
    {
        unknown_state(r, "/policy/default_state", default, &names, "default_state");
    }
    if let Some(templates) = policy.get("ism_template") {
        check_ism_templates(r, templates);
    }
}

fn unknown_state(r: &mut Report, pointer: &str, name: &str, names: &[&str], what: &str) {
    let reported =
        r.error(Code::IsmPolicy, At::Value(pointer), format!("{what} `{name}` names no state of this policy"));
    match did_you_mean(name, names) {
        Some(best) => reported.hint(format!("did you mean `{best}`?")),
        None => reported.hint(format!("states: {}", names.join(", "))),
    }
}

/// `State.kt`: a name, actions run in order, transitions; nothing after a delete, and a state that
/// deletes has no transitions.
fn check_state(r: &mut Report, pointer: &str, state: &Value, names: &[&str]) {
    let fields: [Field; 3] = [("name", Ty::Str), ("actions", Ty::List), ("transitions", Ty::List)];
    let Some(map) = check_object(r, pointer, state, "a state", &fields, &["name"]) else { return };
    let name = map.get("name").and_then(Value::as_str).unwrap_or_default();
    if map.get("name").is_some_and(Value::is_string) && name.trim().is_empty() {
        r.error(Code::IsmPolicy, At::Value(&child(pointer, "name")), "a state needs a non-blank name");
    }
    let mut deleted_at: Option<String> = None;
    for (i, action) in map.get("actions").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let at = child(&child(pointer, "actions"), &i.to_string());
        if let Some(delete) = &deleted_at {
            r.error(Code::IsmPolicy, At::Value(&at), format!("state `{name}` has an action after its delete action"))
                .hint(format!("delete must be the last action (ISM: \"must not contain an action after a delete action\"); see {delete}"));
        }
        if check_action(r, &at, action) == Some("delete") {
            deleted_at = Some(format!("action {i}"));
        }
    }
    let transitions: &[Value] = map.get("transitions").and_then(Value::as_array).map_or(&[], Vec::as_slice);
    if deleted_at.is_some() && !transitions.is_empty() {
        r.error(
            Code::IsmPolicy,
            At::Key(&child(pointer, "transitions")),
            format!("state `{name}` deletes the index, so it cannot have transitions"),
        )
        .hint("remove the transitions, or move the delete into a state of its own");
    }
    for (i, transition) in transitions.iter().enumerate() {
        check_transition(r, &child(&child(pointer, "transitions"), &i.to_string()), transition, names);
    }
}

/// One action: `{TYPE: {…}, timeout?, retry?}` (`ISMActionsParser.parse`). Returns its type.
fn check_action<'v>(r: &mut Report, pointer: &str, action: &'v Value) -> Option<&'v str> {
    let Some(map) = action.as_object() else {
        r.error(
            Code::WrongType,
            At::Value(pointer),
            format!(
                "an action must be a mapping like `{{rollover: {{min_index_age: 1d}}}}`, not {}",
                type_name(action)
            ),
        );
        return None;
    };
    let mut found = None;
    for (key, value) in map {
        let at = child(pointer, key);
        match key.as_str() {
            "timeout" => check_type(r, &at, value, key, Ty::Duration),
            "retry" => {
                let fields: [Field; 3] = [("count", Ty::NonNegative), ("backoff", Ty::Str), ("delay", Ty::Duration)];
                if let Some(retry) = check_object(r, &at, value, "`retry`", &fields, &["count"])
                    && let Some(backoff) = retry.get("backoff").and_then(Value::as_str)
                    && !["exponential", "constant", "linear"].contains(&backoff.to_ascii_lowercase().as_str())
                {
                    r.error(
                        Code::InvalidValue,
                        At::Value(&child(&at, "backoff")),
                        format!("unknown backoff `{backoff}`"),
                    )
                    .hint("backoff is exponential (the default), constant or linear");
                }
            }
            name if ACTIONS.contains(&name) => {
                if let Some(first) = found {
                    r.error(
                        Code::IsmPolicy,
                        At::Key(&at),
                        format!("one action entry holds both `{first}` and `{name}`"),
                    )
                    .hint("write each action as its own list item");
                    continue;
                }
                found = Some(name);
                check_parameters(r, &at, name, value);
            }
            other => {
                let known: Vec<&str> = ACTIONS.iter().copied().chain(["timeout", "retry"]).collect();
                let reported = r.error(Code::IsmPolicy, At::Key(&at), format!("there is no ISM action `{other}`"));
                match did_you_mean(other, &known) {
                    Some(best) => reported.hint(format!("did you mean `{best}`?")),
                    None => reported.hint(format!("ISM actions: {}", ACTIONS.join(", "))),
                }
            }
        }
    }
    if found.is_none() && map.keys().all(|k| ACTIONS.contains(&k.as_str()) || k == "timeout" || k == "retry") {
        r.error(Code::MissingKey, At::Value(pointer), "this action names no action type")
            .hint(format!("add one of {}", ACTIONS.join(", ")));
    }
    found
}

fn check_parameters(r: &mut Report, pointer: &str, action: &str, config: &Value) {
    let Some(fields) = action_fields(action) else {
        if !config.is_object() {
            r.error(
                Code::WrongType,
                At::Value(pointer),
                format!("the {action} action must be a mapping, not {}", type_name(config)),
            );
        }
        return;
    };
    let what = format!("the {action} action");
    let Some(map) = check_object(r, pointer, config, &what, fields, required_fields(action)) else { return };
    match action {
        // AllocationAction.kt: "At least one allocation parameter need to be specified."
        "allocation" => {
            let rules = ["require", "include", "exclude"]
                .iter()
                .any(|k| map.get(*k).and_then(Value::as_object).is_some_and(|m| !m.is_empty()));
            if !rules {
                r.error(
                    Code::InvalidValue,
                    At::Key(pointer),
                    "allocation needs at least one of require, include, exclude",
                )
                .hint("e.g. `allocation: {require: {box_type: warm}}`");
            }
        }
        // ShrinkAction.kt: "Exactly one option specifying the number of shards to shrink to must be used."
        "shrink" => {
            let set = ["num_new_shards", "max_shard_size", "percentage_of_source_shards"]
                .iter()
                .filter(|k| map.contains_key(**k))
                .count();
            if set != 1 {
                r.error(
                    Code::InvalidValue,
                    At::Key(pointer),
                    "shrink takes exactly one of num_new_shards, max_shard_size, percentage_of_source_shards",
                );
            }
            if let Some(p) = map.get("percentage_of_source_shards")
                && !p.as_f64().is_some_and(|p| p > 0.0 && p < 1.0)
            {
                r.error(
                    Code::InvalidValue,
                    At::Value(&child(pointer, "percentage_of_source_shards")),
                    "percentage_of_source_shards must be a number between 0 and 1 (exclusive)",
                );
            }
        }
        _ => {}
    }
}

/// `Transition.kt`: a target state that exists, and at most one condition.
fn check_transition(r: &mut Report, pointer: &str, transition: &Value, names: &[&str]) {
    let fields: [Field; 2] = [("state_name", Ty::Str), ("conditions", Ty::Object)];
    let Some(map) = check_object(r, pointer, transition, "a transition", &fields, &["state_name"]) else { return };
    if let Some(target) = map.get("state_name").and_then(Value::as_str)
        && !names.contains(&target)
    {
        unknown_state(r, &child(pointer, "state_name"), target, names, "the transition's state_name");
    }
    let Some(conditions) = map.get("conditions") else { return };
    let at = child(pointer, "conditions");
    if let Some(c) = check_object(r, &at, conditions, "`conditions`", &CONDITIONS, &[])
        && c.len() > 1
    {
        r.error(
            Code::IsmPolicy,
            At::Key(&at),
            "a transition takes one condition (ISM: \"Cannot provide more than one Transition condition\")",
        )
        .hint("write one transition per condition: the first whose condition is met is taken");
    }
}

/// `ISMTemplate.kt`: one template or a list, each with index patterns and a priority ≥ 0.
fn check_ism_templates(r: &mut Report, templates: &Value) {
    let fields: [Field; 3] =
        [("index_patterns", Ty::StrOrList), ("priority", Ty::NonNegative), ("last_updated_time", Ty::Any)];
    let check_one = |r: &mut Report, pointer: &str, t: &Value| {
        if let Some(map) = check_object(r, pointer, t, "an ism_template", &fields, &["index_patterns"])
            && map.get("index_patterns").and_then(Value::as_array).is_some_and(Vec::is_empty)
        {
            r.error(
                Code::IsmPolicy,
                At::Value(&child(pointer, "index_patterns")),
                "an ism_template needs at least one index pattern",
            );
        }
    };
    match templates {
        Value::Array(items) => {
            for (i, t) in items.iter().enumerate() {
                check_one(r, &child("/policy/ism_template", &i.to_string()), t);
            }
        }
        other => check_one(r, "/policy/ism_template", other),
    }
}

/// Indices that a policy should attach to on OpenSearch: the patterns of an index template that
/// names it in `index.lifecycle.name`, at that template's priority.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    /// `index_patterns` of the template.
    pub index_patterns: Vec<String>,
    /// The template's `priority` (0 when unset, as for composable templates).
    pub priority: i64,
}

/// Translates a checked ILM policy body (`{"policy": {"phases": …}}`) into the body of
/// `PUT _plugins/_ism/policies/{name}`, reporting at the ILM key everything ISM cannot do.
pub fn translate(r: &mut Report, name: &str, ilm: &Value, attachments: &[Attachment]) -> Value {
    let phases = ilm.pointer("/policy/phases").and_then(Value::as_object).cloned().unwrap_or_default();
    let mut order: Vec<&str> = PHASES.iter().copied().filter(|p| phases.contains_key(*p)).collect();
    order.retain(|p| phases[*p].is_object());
    let rolls_over = phases.get("hot").and_then(|h| h.pointer("/actions/rollover")).is_some();
    let start_of = |phase: &str| phases[phase].get("min_age").and_then(min_age).unwrap_or(TimeValue::ZERO);
    // `Transition.kt`: no conditions means transition at once.
    let transition_to = |next: &str| {
        let age = start_of(next);
        if age == TimeValue::ZERO {
            json!({"state_name": next})
        } else if rolls_over {
            json!({"state_name": next, "conditions": {"min_rollover_age": age.to_es()}})
        } else {
            json!({"state_name": next, "conditions": {"min_index_age": age.to_es()}})
        }
    };
    let mut states = Vec::new();
    // A first phase that starts later (`phases: {delete: 90d}`): until then the index is in ILM's
    // `new` phase, which becomes a state without actions.
    if let Some(first) = order.first()
        && start_of(first) != TimeValue::ZERO
    {
        states.push(json!({"name": "new", "actions": [], "transitions": [transition_to(first)]}));
    }
    for (i, phase) in order.iter().enumerate() {
        let pointer = child("/policy/phases", phase);
        let actions = translate_actions(r, phase, &pointer, &phases[*phase]);
        let transitions: Vec<Value> = order.get(i + 1).map(|next| transition_to(next)).into_iter().collect();
        states.push(json!({"name": phase, "actions": actions, "transitions": transitions}));
    }
    let mut policy = Map::new();
    // ISM has no `_meta` (`Policy.kt`); its description is the policy's own, when it has one.
    let description = match ilm.pointer("/policy/_meta/description").and_then(Value::as_str) {
        Some(text) => text.to_string(),
        None => format!("ilm_policy/{name}, translated by esops"),
    };
    policy.insert("description".into(), json!(description));
    let default_state = states.first().and_then(|s| s["name"].as_str()).unwrap_or("hot").to_string();
    policy.insert("default_state".into(), json!(default_state));
    policy.insert("states".into(), Value::Array(states));
    if !attachments.is_empty() {
        let templates: Vec<Value> =
            attachments.iter().map(|a| json!({"index_patterns": a.index_patterns, "priority": a.priority})).collect();
        policy.insert("ism_template".into(), Value::Array(templates));
    }
    json!({ "policy": policy })
}

fn min_age(v: &Value) -> Option<TimeValue> {
    match v {
        Value::String(s) => TimeValue::parse(s).ok().map(|p| p.value),
        Value::Number(n) if n.as_i64() == Some(0) => Some(TimeValue::ZERO),
        _ => None,
    }
}

/// The ISM actions for one phase's ILM actions, in ILM's execution order.
fn translate_actions(r: &mut Report, phase: &str, pointer: &str, value: &Value) -> Vec<Value> {
    let Some(actions) = value.get("actions").and_then(Value::as_object) else { return Vec::new() };
    let mut ordered: Vec<(&String, &Value)> = actions.iter().collect();
    ordered.sort_by_key(|(name, _)| phase_actions(phase).iter().position(|n| n == name).unwrap_or(usize::MAX));
    let mut out = Vec::new();
    for (name, config) in ordered {
        let at = child(&child(pointer, "actions"), name);
        translate_action(r, &at, name, config, &mut out);
    }
    out
}

/// Refuses `what` at `pointer` with `hint`.
fn refuse(r: &mut Report, pointer: &str, what: String, hint: &str) {
    r.error(Code::OpensearchUntranslatable, At::Key(pointer), what).hint(hint);
}

/// Renames the parameters of `config` per `renames` (ILM name → ISM name); parameters in
/// `refused` are reported with their hint, any other unknown one is refused generically.
fn rename(
    r: &mut Report,
    pointer: &str,
    action: &str,
    config: &Value,
    renames: &[(&str, &str)],
    refused: &[(&str, &str)],
) -> Map<String, Value> {
    let mut out = Map::new();
    for (key, value) in config.as_object().into_iter().flatten() {
        let at = child(pointer, key);
        if let Some((_, to)) = renames.iter().find(|(from, _)| from == key) {
            out.insert((*to).into(), value.clone());
        } else {
            let hint = refused
                .iter()
                .find(|(k, _)| k == key)
                .map_or("remove it, or write this policy as an ism_policy for OpenSearch", |(_, h)| *h);
            refuse(r, &at, format!("{action}'s `{key}` has no ISM equivalent"), hint);
        }
    }
    out
}

/// One ILM action → zero or more ISM actions (the parsers in `indexstatemanagement/action/`).
fn translate_action(r: &mut Report, at: &str, name: &str, config: &Value, out: &mut Vec<Value>) {
    match name {
        // IndexPriorityAction.kt: `index_priority: {priority}`.
        "set_priority" => {
            let c = rename(r, at, name, config, &[("priority", "priority")], &[]);
            out.push(json!({"index_priority": c}));
        }
        // RolloverAction.kt: its conditions are min_* and any one met rolls over, like ILM's max_*.
        "rollover" => {
            let hold_back = "ISM's rollover conditions are all `roll over when reached` (ILM's max_*); nothing holds a rollover back: remove it";
            let c = rename(
                r,
                at,
                name,
                config,
                &[
                    ("max_age", "min_index_age"),
                    ("max_docs", "min_doc_count"),
                    ("max_size", "min_size"),
                    ("max_primary_shard_size", "min_primary_shard_size"),
                ],
                &[
                    ("min_age", hold_back),
                    ("min_docs", hold_back),
                    ("min_size", hold_back),
                    ("min_primary_shard_size", hold_back),
                    ("min_primary_shard_docs", hold_back),
                    ("max_primary_shard_docs", "ISM rolls over on min_doc_count (documents of the whole index): use max_docs"),
                ],
            );
            out.push(json!({"rollover": c}));
        }
        // ReadOnlyAction: no parameters.
        "readonly" => out.push(json!({"read_only": {}})),
        // ForceMergeAction.kt: max_num_segments only.
        "forcemerge" => {
            let c = rename(r, at, name, config, &[("max_num_segments", "max_num_segments")], &[(
                "index_codec",
                "ISM's force_merge cannot change the codec: set `index.codec: best_compression` in the index template instead",
            )]);
            out.push(json!({"force_merge": c}));
        }
        // ReplicaCountAction.kt and AllocationAction.kt: ILM's allocate is both.
        "allocate" => {
            let mut c = rename(
                r,
                at,
                name,
                config,
                &[("number_of_replicas", "number_of_replicas"), ("include", "include"), ("exclude", "exclude"), ("require", "require")],
                &[("total_shards_per_node", "ISM has no action for index.routing.allocation.total_shards_per_node: set it in the index template")],
            );
            if let Some(replicas) = c.remove("number_of_replicas") {
                out.push(json!({"replica_count": {"number_of_replicas": replicas}}));
            }
            let rules: Map<String, Value> =
                c.into_iter().filter(|(_, v)| v.as_object().is_some_and(|m| !m.is_empty())).collect();
            if !rules.is_empty() {
                let mut allocation = rules;
                // ILM's allocate waits until the shards have moved; so does ISM's with wait_for.
                allocation.insert("wait_for".into(), json!(true));
                out.push(json!({"allocation": allocation}));
            }
        }
        "migrate" if config.get("enabled") == Some(&Value::Bool(false)) => {}
        "migrate" => refuse(
            r,
            at,
            "migrate has no ISM equivalent: OpenSearch has no data tiers".into(),
            "write `migrate: false` and move data with allocation rules, e.g. `allocate: {require: {temp: warm}}` (node attributes)",
        ),
        // DeleteAction: no parameters. delete_searchable_snapshot only concerns searchable snapshots,
        // which a translated policy never makes.
        "delete" => out.push(json!({"delete": {}})),
        "wait_for_snapshot" => refuse(
            r,
            at,
            "wait_for_snapshot has no ISM equivalent (ISM knows no SLM policies)".into(),
            "write an ism_policy whose delete state runs a `snapshot` action before `delete`, or remove wait_for_snapshot",
        ),
        "searchable_snapshot" => refuse(
            r,
            at,
            "searchable_snapshot has no ISM action".into(),
            "remove it (and the frozen phase); on OpenSearch, use remote-backed storage or a `snapshot` action in an ism_policy",
        ),
        "shrink" => refuse(
            r,
            at,
            "ILM's shrink has no faithful ISM equivalent: ISM's shrink writes a new index (`<index>_shrunken`) and keeps the original, where ILM replaces the index under its name".into(),
            "remove shrink from the policy, or write an ism_policy with a `shrink` action if a second, shrunken index is what you want",
        ),
        "downsample" => refuse(
            r,
            at,
            "downsample has no ISM equivalent".into(),
            "remove it; ISM's `rollup` action summarizes into another index and is written in an ism_policy",
        ),
        "unfollow" => refuse(
            r,
            at,
            "unfollow has no ISM equivalent (cross-cluster replication differs on OpenSearch)".into(),
            "remove it; ISM's `stop_replication` action, in an ism_policy, stops a follower index",
        ),
        "freeze" => refuse(r, at, "freeze has no ISM equivalent (it does nothing since Elasticsearch 8.0)".into(), "remove it"),
        other => refuse(r, at, format!("`{other}` has no ISM equivalent"), "remove it"),
    }
}

/// The OpenSearch form of an index template body: `index.lifecycle.name` goes (the policy's
/// `ism_template` attaches it), `index.lifecycle.rollover_alias` becomes ISM's
/// `plugins.index_state_management.rollover_alias`, and any other `index.lifecycle.*` setting —
/// unknown to OpenSearch, which refuses unknown settings — is refused.
pub fn opensearch_template(r: &mut Report, body: &Value) -> Value {
    let mut out = body.clone();
    let Some(settings) = body.pointer("/template/settings") else { return out };
    let flat = flatten_settings(settings, "/template/settings");
    let lifecycle: Vec<_> = flat.iter().filter(|s| s.name.starts_with("index.lifecycle.")).collect();
    if lifecycle.is_empty() {
        return out;
    }
    let mut rollover_alias = None;
    for s in &lifecycle {
        match s.name.as_str() {
            "index.lifecycle.name" => {}
            "index.lifecycle.rollover_alias" => rollover_alias = Some(s.value.clone()),
            other => {
                r.error(
                    Code::OpensearchUntranslatable,
                    At::Key(&s.pointer),
                    format!("`{other}` has no OpenSearch equivalent"),
                )
                .hint("remove it: ISM counts min_index_age from the index creation date");
            }
        }
    }
    let Some(settings) = out.pointer_mut("/template/settings") else { return out };
    let pointers: Vec<String> =
        lifecycle.iter().map(|s| s.pointer.trim_start_matches("/template/settings").to_string()).collect();
    for p in pointers {
        remove_pointer(settings, &p);
    }
    if let (Some(alias), Some(map)) = (rollover_alias, settings.as_object_mut()) {
        // IndexManagementSettings.kt: `plugins.index_state_management.rollover_alias`.
        map.insert("plugins.index_state_management.rollover_alias".into(), alias);
    }
    out
}

/// Removes the value at `pointer` (relative, `/index/lifecycle/name`), and the mappings left empty.
fn remove_pointer(value: &mut Value, pointer: &str) {
    let Some((parent, last)) = pointer.rsplit_once('/') else { return };
    let last = last.replace("~1", "/").replace("~0", "~");
    if let Some(map) = value.pointer_mut(parent).and_then(Value::as_object_mut) {
        map.remove(&last);
        if map.is_empty() && !parent.is_empty() {
            remove_pointer(value, parent);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::resources::diagnostic::Diagnostic;
    use crate::resources::{CheckOptions, Checked, ResourceKind, SourceFile, Target, check as check_tree};

    fn checked(text: &str, target: Target) -> Checked {
        let files = [SourceFile { path: PathBuf::from("p.yaml"), text: text.to_string() }];
        check_tree(&files, &CheckOptions { target, ..CheckOptions::default() })
    }

    /// The ISM body of the one policy of `text`, rendered for OpenSearch, with no diagnostics.
    fn ism(text: &str) -> Value {
        let c = checked(text, Target::OpenSearch);
        assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
        c.resources.into_iter().find(|r| r.kind == ResourceKind::IsmPolicy).expect("an ISM policy").body
    }

    fn errors(text: &str, target: Target) -> Vec<Diagnostic> {
        checked(text, target).diagnostics.into_iter().filter(Diagnostic::is_error).collect()
    }

    fn state<'v>(body: &'v Value, name: &str) -> &'v Value {
        body["policy"]["states"].as_array().unwrap().iter().find(|s| s["name"] == name).unwrap()
    }

    #[test]
    fn each_phase_is_a_state_entered_at_its_min_age_from_creation() {
        let body = ism("kind: ilm_policy\nname: p\nphases:\n  hot: 7d\n  warm: 30d\n  cold: 90d\n  delete: true\n");
        let policy = &body["policy"];
        assert_eq!(policy["default_state"], "hot");
        let names: Vec<&str> =
            policy["states"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["hot", "warm", "cold", "delete"]);
        assert_eq!(
            state(&body, "hot")["transitions"],
            json!([{"state_name": "warm", "conditions": {"min_index_age": "7d"}}])
        );
        assert_eq!(
            state(&body, "warm")["transitions"],
            json!([{"state_name": "cold", "conditions": {"min_index_age": "30d"}}])
        );
        assert_eq!(
            state(&body, "cold")["transitions"],
            json!([{"state_name": "delete", "conditions": {"min_index_age": "90d"}}])
        );
        assert_eq!(state(&body, "hot")["actions"], json!([{"index_priority": {"priority": 100}}]));
        assert_eq!(state(&body, "delete"), &json!({"name": "delete", "actions": [{"delete": {}}], "transitions": []}));
        assert!(policy.get("_meta").is_none(), "ISM's Policy.kt refuses _meta");
        assert!(policy.get("ism_template").is_none(), "no template names the policy");
    }

    #[test]
    fn a_first_phase_that_starts_later_waits_in_ilms_new_phase() {
        let body = ism("kind: ilm_policy\nname: p\nphases:\n  delete: 90d\n");
        assert_eq!(body["policy"]["default_state"], "new");
        assert_eq!(
            body["policy"]["states"][0],
            json!({"name": "new", "actions": [], "transitions": [{"state_name": "delete", "conditions": {"min_index_age": "90d"}}]})
        );
        assert_eq!(body["policy"]["states"][1]["actions"], json!([{"delete": {}}]));
    }

    #[test]
    fn a_hot_rollover_makes_ages_count_from_the_rollover() {
        let body = ism(
            "kind: ilm_policy\nname: p\nphases:\n  hot: {until: 2d, rollover: {max_age: 1d, max_docs: 1000, max_size: 100gb, max_primary_shard_size: 50gb}}\n  delete: true\n",
        );
        assert_eq!(
            state(&body, "hot")["actions"][1],
            json!({"rollover": {"min_index_age": "1d", "min_doc_count": 1000, "min_size": "100gb", "min_primary_shard_size": "50gb"}})
        );
        assert_eq!(state(&body, "hot")["transitions"][0]["conditions"], json!({"min_rollover_age": "2d"}));
    }

    #[test]
    fn warm_actions_map_to_their_ism_actions_in_ilm_order() {
        let body = ism(
            "kind: ilm_policy\nname: p\nphases:\n  warm: {until: 30d, forcemerge: 1, readonly: true, priority: 10, allocate: {number_of_replicas: 1, require: {box: warm}}, migrate: false}\n  delete: true\n",
        );
        assert_eq!(
            state(&body, "warm")["actions"],
            json!([
                {"index_priority": {"priority": 10}},
                {"read_only": {}},
                {"replica_count": {"number_of_replicas": 1}},
                {"allocation": {"require": {"box": "warm"}, "wait_for": true}},
                {"force_merge": {"max_num_segments": 1}}
            ])
        );
        // A zero min_age: the transition is taken at once.
        assert_eq!(
            state(&body, "warm")["transitions"],
            json!([{"state_name": "delete", "conditions": {"min_index_age": "30d"}}])
        );
    }

    #[test]
    fn the_elasticsearch_form_translates_too_and_zero_ages_need_no_condition() {
        let body = ism(
            "kind: ilm_policy\nname: p\npolicy:\n  phases:\n    hot: {actions: {}}\n    cold: {min_age: 0ms, actions: {set_priority: {priority: 0}}}\n    delete: {min_age: 10d, actions: {delete: {}}}\n",
        );
        assert_eq!(state(&body, "hot")["transitions"], json!([{"state_name": "cold"}]));
        assert_eq!(
            state(&body, "cold")["transitions"],
            json!([{"state_name": "delete", "conditions": {"min_index_age": "10d"}}])
        );
    }

    #[test]
    fn templates_naming_the_policy_become_its_ism_template_and_lose_the_ilm_settings() {
        let c = checked(
            "kind: ilm_policy\nname: p\nphases: {hot: 7d, delete: true}\n---\nkind: component_template\nname: c\ntemplate: {settings: {index: {lifecycle: {name: p}, number_of_shards: 1}}}\n---\nkind: index_template\nname: a\nindex_patterns: [a-*]\npriority: 7\ncomposed_of: [c]\ntemplate: {settings: {index.lifecycle.rollover_alias: a}}\n",
            Target::OpenSearch,
        );
        assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
        let find = |kind| c.resources.iter().find(|r| r.kind == kind).unwrap();
        assert_eq!(
            find(ResourceKind::IsmPolicy).body["policy"]["ism_template"],
            json!([{"index_patterns": ["a-*"], "priority": 7}])
        );
        assert_eq!(
            find(ResourceKind::ComponentTemplate).body["template"]["settings"],
            json!({"index": {"number_of_shards": 1}})
        );
        assert_eq!(
            find(ResourceKind::IndexTemplate).body["template"]["settings"],
            json!({"plugins.index_state_management.rollover_alias": "a"})
        );
    }

    #[test]
    fn what_ism_cannot_do_is_refused_at_the_key_written() {
        let cases = [
            (
                "hot: {until: 1d, rollover: {max_age: 1d, min_docs: 1}}",
                "rollover's `min_docs` has no ISM equivalent",
                4,
            ),
            ("hot: {until: 1d, rollover: {max_primary_shard_docs: 10}}", "max_primary_shard_docs", 4),
            ("warm: {until: 1d, forcemerge: {max_num_segments: 1, index_codec: best_compression}}", "`index_codec`", 4),
            ("warm: {until: 1d, allocate: {total_shards_per_node: 1}}", "`total_shards_per_node`", 4),
            ("warm: {until: 1d, migrate: true}", "migrate has no ISM equivalent", 4),
            ("warm: {until: 1d, shrink: 1}", "ILM's shrink has no faithful ISM equivalent", 4),
            ("warm: {until: 1d, downsample: 1h}", "downsample", 4),
            ("warm: {until: 1d, unfollow: true}", "unfollow", 4),
            ("cold: {until: 1d, freeze: true}", "freeze", 4),
            ("cold: {until: 1d, searchable_snapshot: repo}", "searchable_snapshot has no ISM action", 4),
        ];
        for (phase, message, line) in cases {
            let text = format!("kind: ilm_policy\nname: p\nphases:\n  {phase}\n  delete: true\n");
            let refusals: Vec<Diagnostic> = checked(&text, Target::OpenSearch)
                .diagnostics
                .into_iter()
                .filter(|d| d.code == Code::OpensearchUntranslatable)
                .collect();
            assert_eq!(refusals.len(), 1, "{phase}: {refusals:?}");
            assert!(refusals[0].message.contains(message), "{phase}: {}", refusals[0].message);
            assert_eq!(refusals[0].location.line, line, "{phase}");
            assert!(refusals[0].hint.is_some(), "{phase}: a refusal says what to do");
            // The same tree is fine for Elasticsearch, as far as the translation goes.
            assert!(
                checked(&text, Target::Elasticsearch)
                    .diagnostics
                    .iter()
                    .all(|d| d.code != Code::OpensearchUntranslatable)
            );
        }
        let wait = "kind: ilm_policy\nname: p\nphases:\n  hot: 7d\n  delete: {wait_for_snapshot: nightly}\n";
        assert!(
            errors(wait, Target::OpenSearch)
                .iter()
                .any(|d| d.message.contains("wait_for_snapshot has no ISM equivalent") && d.location.line == 5)
        );
        let origination = "kind: index_template\nname: t\nindex_patterns: [t-*]\ntemplate: {settings: {index.lifecycle.parse_origination_date: true}}\n";
        assert!(errors(origination, Target::OpenSearch).iter().any(|d| d.message.contains("parse_origination_date")));
    }

    const NATIVE: &str = "kind: ism_policy\nname: n\npolicy:\n  description: hot then delete\n  default_state: hot\n  states:\n    - name: hot\n      actions:\n        - rollover: {min_index_age: 1d}\n          retry: {count: 3, backoff: constant, delay: 1m}\n          timeout: 1h\n      transitions:\n        - state_name: delete\n          conditions: {min_rollover_age: 7d}\n    - name: delete\n      actions:\n        - snapshot: {repository: r, snapshot: s}\n        - delete: {}\n  ism_template: {index_patterns: [n-*], priority: 1}\n";

    #[test]
    fn a_native_ism_policy_is_rendered_as_written_for_opensearch_only() {
        let c = checked(NATIVE, Target::OpenSearch);
        assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
        assert_eq!(c.resources[0].kind.api_path("n"), "/_plugins/_ism/policies/n");
        assert!(c.resources[0].body["policy"].get("_meta").is_none());
        let es = errors(NATIVE, Target::Elasticsearch);
        assert_eq!(es.len(), 1);
        assert_eq!(es[0].code, Code::WrongTarget);
        assert_eq!(es[0].location.line, 2);
    }

    #[test]
    fn native_policies_are_checked_like_ism_parses_them() {
        let cases = [
            ("default_state: hot", "default_state: hto", "default_state `hto` names no state"),
            ("state_name: delete", "state_name: gone", "state_name `gone` names no state"),
            ("- name: delete", "- name: hot", "state `hot` is declared twice"),
            ("min_index_age: 1d}", "min_age: 1d}", "unknown key `min_age` in the rollover action"),
            ("{min_rollover_age: 7d}", "{min_rollover_age: 7d, min_doc_count: 5}", "one condition"),
            ("{min_rollover_age: 7d}", "{min_rollover_age: 1w}", "not an Elasticsearch time value"),
            ("snapshot: {repository: r, snapshot: s}", "snapshot: {repository: r}", "needs `snapshot`"),
            (
                "- snapshot: {repository: r, snapshot: s}\n        - delete: {}",
                "- delete: {}\n        - read_only: {}",
                "an action after its delete action",
            ),
            ("backoff: constant", "backoff: random", "unknown backoff `random`"),
            ("- rollover:", "- rolover:", "there is no ISM action `rolover`"),
            ("priority: 1}", "priority: -1}", "must be 0 or more"),
        ];
        for (from, to, message) in cases {
            assert!(NATIVE.contains(from), "{from}");
            let text = NATIVE.replacen(from, to, 1);
            let found = errors(&text, Target::OpenSearch);
            assert!(found.iter().any(|d| d.message.contains(message)), "{to}: {found:?}");
        }
        let deleting_with_transition =
            NATIVE.replace("        - delete: {}\n", "        - delete: {}\n      transitions: [{state_name: hot}]\n");
        assert!(
            errors(&deleting_with_transition, Target::OpenSearch)
                .iter()
                .any(|d| d.message.contains("cannot have transitions"))
        );
        let allocation = NATIVE.replace("- delete: {}", "- allocation: {wait_for: true}");
        assert!(errors(&allocation, Target::OpenSearch).iter().any(|d| d.message.contains("at least one of require")));
        let shrink = NATIVE.replace("- delete: {}", "- shrink: {num_new_shards: 1, max_shard_size: 5gb}");
        assert!(errors(&shrink, Target::OpenSearch).iter().any(|d| d.message.contains("exactly one of")));
    }
}
