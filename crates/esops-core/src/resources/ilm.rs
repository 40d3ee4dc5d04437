//! ILM policy bodies (`{"policy": {"phases": …, "_meta": …}}`): the checks Elasticsearch runs on
//! `PUT /_ilm/policy` (`TimeseriesLifecycleType`, the action parsers, the phase-timing rule), all
//! of them reported at once, plus one it does not: a delete phase that deletes nothing.

use serde_json::Value;

use super::diagnostic::Code;
use super::report::{At, Report, child};
use super::schema::{Field, Ty, check_object};
use super::units::TimeValue;
use crate::suggest::did_you_mean;

/// Phases in the order ILM runs them.
pub const PHASES: [&str; 5] = ["hot", "warm", "cold", "frozen", "delete"];

/// The actions allowed in `phase`, in the order ILM executes them (Elasticsearch 9.x source).
pub fn phase_actions(phase: &str) -> &'static [&'static str] {
    match phase {
        "hot" => &[
            "set_priority",
            "unfollow",
            "rollover",
            "readonly",
            "downsample",
            "shrink",
            "forcemerge",
            "searchable_snapshot",
        ],
        "warm" => {
            &["set_priority", "unfollow", "readonly", "downsample", "allocate", "migrate", "shrink", "forcemerge"]
        }
        "cold" => &[
            "set_priority",
            "unfollow",
            "readonly",
            "downsample",
            "searchable_snapshot",
            "allocate",
            "migrate",
            "freeze",
        ],
        "frozen" => &["unfollow", "searchable_snapshot"],
        "delete" => &["wait_for_snapshot", "delete"],
        _ => &[],
    }
}

/// Every ILM action, for did-you-mean.
const ACTIONS: [&str; 13] = [
    "set_priority",
    "unfollow",
    "rollover",
    "readonly",
    "downsample",
    "shrink",
    "forcemerge",
    "searchable_snapshot",
    "allocate",
    "migrate",
    "freeze",
    "wait_for_snapshot",
    "delete",
];

/// Whether `name` is an ILM action in any phase.
pub fn is_action(name: &str) -> bool {
    ACTIONS.contains(&name)
}

/// The parameters of each action, with their types.
pub fn action_fields(action: &str) -> &'static [Field] {
    match action {
        "rollover" => &[
            ("max_age", Ty::Duration),
            ("max_docs", Ty::Positive),
            ("max_size", Ty::ByteSize),
            ("max_primary_shard_size", Ty::ByteSize),
            ("max_primary_shard_docs", Ty::Positive),
            ("min_age", Ty::Duration),
            ("min_docs", Ty::NonNegative),
            ("min_size", Ty::ByteSize),
            ("min_primary_shard_size", Ty::ByteSize),
            ("min_primary_shard_docs", Ty::NonNegative),
        ],
        "delete" => &[("delete_searchable_snapshot", Ty::Bool)],
        "allocate" => &[
            ("number_of_replicas", Ty::NonNegative),
            ("total_shards_per_node", Ty::Int),
            ("include", Ty::Object),
            ("exclude", Ty::Object),
            ("require", Ty::Object),
        ],
        "forcemerge" => &[("max_num_segments", Ty::Positive), ("index_codec", Ty::Str)],
        "shrink" => &[
            ("number_of_shards", Ty::Positive),
            ("max_primary_shard_size", Ty::ByteSize),
            ("allow_write_after_shrink", Ty::Bool),
        ],
        "set_priority" => &[("priority", Ty::NonNegative)],
        "migrate" => &[("enabled", Ty::Bool)],
        "wait_for_snapshot" => &[("policy", Ty::Str)],
        "searchable_snapshot" => &[
            ("snapshot_repository", Ty::Str),
            ("force_merge_index", Ty::Bool),
            ("total_shards_per_node", Ty::Int),
            ("replicate_for", Ty::Duration),
        ],
        "downsample" => &[("fixed_interval", Ty::Duration), ("wait_timeout", Ty::Duration)],
        _ => &[],
    }
}

fn required_fields(action: &str) -> &'static [&'static str] {
    match action {
        "forcemerge" => &["max_num_segments"],
        "set_priority" => &["priority"],
        "wait_for_snapshot" => &["policy"],
        "searchable_snapshot" => &["snapshot_repository"],
        "downsample" => &["fixed_interval"],
        _ => &[],
    }
}

/// Hot-phase actions that need a rollover in the hot phase (ES's order).
const NEED_ROLLOVER_IN_HOT: [&str; 5] = ["readonly", "shrink", "forcemerge", "downsample", "searchable_snapshot"];

/// Actions that cannot run on a mounted searchable snapshot.
const NOT_AFTER_SEARCHABLE_SNAPSHOT: [&str; 4] = ["forcemerge", "freeze", "shrink", "downsample"];

/// How a policy was written; the shorthand checks its own phase order, in its own terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyForm {
    /// `policy: {phases: …}`, the Elasticsearch body.
    Elasticsearch,
    /// `phases: {hot: 7d, …}`.
    Shorthand,
}

/// One phase, as far as it could be read.
struct PhaseView<'v> {
    name: &'static str,
    pointer: String,
    min_age: Option<TimeValue>,
    actions: Vec<(&'static str, &'v Value)>,
}

impl PhaseView<'_> {
    fn action(&self, name: &str) -> Option<&Value> {
        self.actions.iter().find(|(a, _)| *a == name).map(|(_, v)| *v)
    }

    fn action_pointer(&self, name: &str) -> String {
        child(&child(&self.pointer, "actions"), name)
    }
}

/// Checks an ILM policy body.
pub fn check(r: &mut Report, body: &Value, form: PolicyForm) {
    let Some(top) = check_object(r, "", body, "an ilm_policy", &[("policy", Ty::Object)], &["policy"]) else {
        return;
    };
    let Some(policy) = top.get("policy") else { return };
    let Some(policy) =
        check_object(r, "/policy", policy, "`policy`", &[("phases", Ty::Object), ("_meta", Ty::Object)], &["phases"])
    else {
        return;
    };
    let Some(phases) = policy.get("phases").and_then(Value::as_object) else { return };
    let mut views = Vec::new();
    for (name, value) in phases {
        let pointer = child("/policy/phases", name);
        let Some(phase) = PHASES.iter().find(|p| *p == name) else {
            let reported = r.error(Code::IlmPhase, At::Key(&pointer), format!("there is no ILM phase `{name}`"));
            match did_you_mean(name, &PHASES) {
                Some(best) => reported.hint(format!("did you mean `{best}`? (phases: {})", PHASES.join(", "))),
                None => reported.hint(format!("phases are {}", PHASES.join(", "))),
            }
            continue;
        };
        if let Some(view) = check_phase(r, phase, pointer, value) {
            views.push(view);
        }
    }
    views.sort_by_key(|v| PHASES.iter().position(|p| *p == v.name));
    rollover_in_hot(r, &views);
    if form == PolicyForm::Elasticsearch {
        phase_timing(r, &views);
    }
    migrate_and_allocate(r, &views);
    after_searchable_snapshot(r, &views);
    same_repository(r, &views);
    frozen_needs_searchable_snapshot(r, &views);
    downsample_intervals(r, &views);
    delete_phase_deletes(r, &views);
}

fn check_phase<'v>(r: &mut Report, phase: &'static str, pointer: String, value: &'v Value) -> Option<PhaseView<'v>> {
    let what = format!("the {phase} phase");
    let map = check_object(r, &pointer, value, &what, &[("min_age", Ty::Duration), ("actions", Ty::Object)], &[])?;
    let min_age = map.get("min_age").and_then(|v| match v {
        Value::String(s) => TimeValue::parse(s).ok().filter(|p| p.es_native).map(|p| p.value),
        Value::Number(n) if n.as_i64() == Some(0) => Some(TimeValue::ZERO),
        _ => None,
    });
    let mut actions = Vec::new();
    let allowed = phase_actions(phase);
    for (name, config) in map.get("actions").and_then(Value::as_object).into_iter().flatten() {
        let at = child(&child(&pointer, "actions"), name);
        match allowed.iter().find(|a| *a == name) {
            Some(action) => {
                check_action(r, &at, action, config);
                actions.push((*action, config));
            }
            None if is_action(name) => {
                r.error(Code::IlmAction, At::Key(&at), format!("`{name}` is not allowed in the {phase} phase"))
                    .hint(format!("the {phase} phase allows {}", allowed.join(", ")));
            }
            None => {
                let reported = r.error(Code::IlmAction, At::Key(&at), format!("there is no ILM action `{name}`"));
                match did_you_mean(name, &ACTIONS) {
                    Some(best) => reported.hint(format!("did you mean `{best}`?")),
                    None => reported.hint(format!("the {phase} phase allows {}", allowed.join(", "))),
                }
            }
        }
    }
    Some(PhaseView { name: phase, pointer, min_age, actions })
}

fn check_action(r: &mut Report, pointer: &str, action: &str, config: &Value) {
    let what = format!("the {action} action");
    let Some(map) = check_object(r, pointer, config, &what, action_fields(action), required_fields(action)) else {
        return;
    };
    let has = |k: &str| map.contains_key(k);
    match action {
        "rollover" if !map.keys().any(|k| k.starts_with("max_")) => {
            r.error(Code::IlmRolloverCondition, At::Key(pointer), "rollover needs at least one max_* condition")
                .hint("e.g. `rollover: {max_age: 1d, max_primary_shard_size: 50gb}` (min_* conditions only hold a rollover back)");
        }
        "allocate" => {
            let rules = ["include", "exclude", "require"]
                .iter()
                .any(|k| map.get(*k).and_then(Value::as_object).is_some_and(|m| !m.is_empty()));
            if !rules && !has("number_of_replicas") && !has("total_shards_per_node") {
                r.error(
                    Code::InvalidValue,
                    At::Key(pointer),
                    "allocate does nothing: it has no rules and no replica or shard count",
                )
                .hint("set number_of_replicas, total_shards_per_node, or include/exclude/require attributes");
            }
            if let Some(total) = map.get("total_shards_per_node").and_then(Value::as_i64)
                && total < -1
            {
                r.error(
                    Code::InvalidValue,
                    At::Value(&child(pointer, "total_shards_per_node")),
                    format!("`total_shards_per_node` must be -1 (unbounded) or more, not {total}"),
                );
            }
            for rules in ["include", "exclude", "require"] {
                for (attr, v) in map.get(rules).and_then(Value::as_object).into_iter().flatten() {
                    if v.is_object() || v.is_array() || v.is_null() {
                        r.error(
                            Code::WrongType,
                            At::Value(&child(&child(pointer, rules), attr)),
                            format!("allocation attribute `{attr}` must be a string (a comma list for several values)"),
                        );
                    }
                }
            }
        }
        "forcemerge" => {
            if let Some(codec) = map.get("index_codec").and_then(Value::as_str)
                && codec != "best_compression"
            {
                r.error(
                    Code::InvalidValue,
                    At::Value(&child(pointer, "index_codec")),
                    format!("forcemerge's index_codec can only be `best_compression`, not `{codec}`"),
                );
            }
        }
        "shrink" => match (has("number_of_shards"), has("max_primary_shard_size")) {
            (true, true) => {
                r.error(
                    Code::InvalidValue,
                    At::Key(pointer),
                    "shrink takes number_of_shards or max_primary_shard_size, not both",
                );
            }
            (false, false) => {
                r.error(Code::MissingKey, At::Key(pointer), "shrink needs number_of_shards or max_primary_shard_size")
                    .hint("e.g. `shrink: {number_of_shards: 1}`");
            }
            _ => {}
        },
        "freeze" => {
            r.warning(Code::IlmAction, At::Key(pointer), "freeze does nothing since Elasticsearch 8.0 (deprecated)")
                .hint("remove it; searchable snapshots replace frozen indices");
        }
        _ => {}
    }
}

fn rollover_in_hot(r: &mut Report, phases: &[PhaseView]) {
    let Some(hot) = phases.iter().find(|p| p.name == "hot") else { return };
    if hot.action("rollover").is_some() {
        return;
    }
    let offending: Vec<&str> = NEED_ROLLOVER_IN_HOT.iter().copied().filter(|a| hot.action(a).is_some()).collect();
    let Some(first) = offending.first() else { return };
    r.error(
        Code::IlmRolloverRequired,
        At::Key(&hot.action_pointer(first)),
        format!(
            "{} in the hot phase needs a rollover action in the hot phase (Elasticsearch: the [{}] action(s) may not be used in the [hot] phase without an accompanying [rollover] action)",
            offending.join(", "),
            offending.join(", ")
        ),
    )
    .hint(format!(
        "move {} to the warm phase (right for date-named daily indices, which must not roll over), or add a rollover to hot (for aliases and data streams)",
        offending.join(", ")
    ));
}

/// ES's `validateMonotonicallyIncreasingPhaseTimings`: a phase with a non-zero `min_age` must not
/// start before an earlier phase with a non-zero `min_age`. Each late phase is reported once.
fn phase_timing(r: &mut Report, phases: &[PhaseView]) {
    let timed: Vec<(&PhaseView, TimeValue)> =
        phases.iter().filter_map(|p| p.min_age.filter(|a| *a != TimeValue::ZERO).map(|a| (p, a))).collect();
    for (i, (phase, age)) in timed.iter().enumerate() {
        let latest_before = timed[..i].iter().max_by_key(|(_, a)| *a);
        if let Some((earlier, earlier_age)) = latest_before
            && earlier_age > age
        {
            r.error(
                Code::IlmPhaseOrder,
                At::Value(&child(&phase.pointer, "min_age")),
                format!(
                    "the {} phase starts at {age}, before the {} phase at {earlier_age} (phases run in the order {}, so min_age must not decrease)",
                    phase.name,
                    earlier.name,
                    PHASES.join(", ")
                ),
            )
            .hint(format!(
                "min_age counts from index creation (or rollover), not from the previous phase: give {} a min_age of at least {earlier_age}",
                phase.name
            ));
        }
    }
}

fn migrate_and_allocate(r: &mut Report, phases: &[PhaseView]) {
    for phase in phases {
        let migrate = phase.action("migrate").is_some_and(|m| m.get("enabled") != Some(&Value::Bool(false)));
        let rules = phase.action("allocate").is_some_and(|a| {
            ["include", "exclude", "require"]
                .iter()
                .any(|k| a.get(*k).and_then(Value::as_object).is_some_and(|m| !m.is_empty()))
        });
        if migrate && rules {
            r.error(
                Code::IlmMigrateAllocate,
                At::Key(&phase.action_pointer("allocate")),
                format!("the {} phase has an enabled migrate action and an allocate action with allocation rules: only one may move data", phase.name),
            )
            .hint("set `migrate: {enabled: false}` to place shards by your own allocation rules");
        }
    }
}

fn after_searchable_snapshot(r: &mut Report, phases: &[PhaseView]) {
    let Some(first) = phases.iter().position(|p| p.action("searchable_snapshot").is_some()) else { return };
    let mounted_in = phases[first].name;
    for phase in &phases[first + 1..] {
        for action in NOT_AFTER_SEARCHABLE_SNAPSHOT.iter().filter(|a| phase.action(a).is_some()) {
            r.error(
                Code::IlmAfterSearchableSnapshot,
                At::Key(&phase.action_pointer(action)),
                format!("{action} in the {} phase cannot run: the index is a mounted searchable snapshot since the {mounted_in} phase", phase.name),
            )
            .hint(format!("run {action} before the {mounted_in} phase, or drop it"));
        }
    }
}

fn same_repository(r: &mut Report, phases: &[PhaseView]) {
    let mut first: Option<(&str, &str)> = None;
    for phase in phases {
        let Some(repo) =
            phase.action("searchable_snapshot").and_then(|a| a.get("snapshot_repository")).and_then(Value::as_str)
        else {
            continue;
        };
        match first {
            None => first = Some((phase.name, repo)),
            Some((first_phase, first_repo)) if first_repo != repo => {
                r.error(
                    Code::IlmSnapshotRepository,
                    At::Value(&child(&phase.action_pointer("searchable_snapshot"), "snapshot_repository")),
                    format!("searchable snapshots must all use one repository: the {} phase uses `{repo}`, the {first_phase} phase `{first_repo}`", phase.name),
                );
            }
            Some(_) => {}
        }
    }
}

fn frozen_needs_searchable_snapshot(r: &mut Report, phases: &[PhaseView]) {
    if let Some(frozen) = phases.iter().find(|p| p.name == "frozen")
        && frozen.action("searchable_snapshot").is_none()
    {
        r.error(Code::IlmFrozenPhase, At::Key(&frozen.pointer), "the frozen phase needs a searchable_snapshot action")
            .hint("add `searchable_snapshot: {snapshot_repository: REPO}` to the frozen phase's actions");
    }
}

fn downsample_intervals(r: &mut Report, phases: &[PhaseView]) {
    let mut previous: Option<(&str, TimeValue, String)> = None;
    for phase in phases {
        let Some(text) = phase.action("downsample").and_then(|d| d.get("fixed_interval")).and_then(Value::as_str)
        else {
            continue;
        };
        let Ok(interval) = TimeValue::parse(text).map(|p| p.value) else { continue };
        if let Some((prev_phase, prev, prev_text)) = &previous {
            let at = child(&phase.action_pointer("downsample"), "fixed_interval");
            if interval <= *prev {
                r.error(Code::IlmDownsample, At::Value(&at), format!("the downsampling interval {text} of the {} phase must be greater than {prev_text} of the {prev_phase} phase", phase.name));
            } else if !interval.nanos().is_multiple_of(prev.nanos().max(1)) {
                r.error(Code::IlmDownsample, At::Value(&at), format!("the downsampling interval {text} of the {} phase must be a multiple of {prev_text} of the {prev_phase} phase", phase.name));
            }
        }
        previous = Some((phase.name, interval, text.to_string()));
    }
}

fn delete_phase_deletes(r: &mut Report, phases: &[PhaseView]) {
    if let Some(delete) = phases.iter().find(|p| p.name == "delete")
        && delete.action("delete").is_none()
    {
        r.error(
            Code::IlmDeletePhase,
            At::Key(&delete.pointer),
            "the delete phase has no delete action: nothing would be deleted",
        )
        .hint("add `delete: {}` to the delete phase's actions, or remove the phase");
    }
}
