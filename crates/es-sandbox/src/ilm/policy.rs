//! ILM policies: parsing a PUT body the way ES's object parsers do (unknown fields, required
//! fields, per-action checks), the `TimeseriesLifecycleType` validation rules, and the GET form
//! with server-side defaults.

use serde_json::{Map, Value, json};

use crate::error::{EsError, EsResult};
use crate::units::{parse_bytes, parse_time_millis};
use crate::version::EsVersion;
use crate::xcontent::{Location, name_location, unknown_field_message, value_location};

/// Phases in the order ILM runs them.
pub const PHASE_ORDER: [&str; 5] = ["hot", "warm", "cold", "frozen", "delete"];

/// Actions allowed per phase, in the order ILM executes them (current 9.x source).
pub fn ordered_actions(phase: &str) -> &'static [&'static str] {
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

/// Hot-phase actions that need a rollover in the same phase, in the order ES lists them.
const HOT_ACTIONS_THAT_REQUIRE_ROLLOVER: [&str; 5] =
    ["readonly", "shrink", "forcemerge", "downsample", "searchable_snapshot"];

/// Actions that may not follow a searchable snapshot in a later phase.
const ACTIONS_CANNOT_FOLLOW_SEARCHABLE_SNAPSHOT: [&str; 4] = ["forcemerge", "freeze", "shrink", "downsample"];

/// One phase of a parsed policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    /// `hot`, `warm`, …
    pub name: String,
    /// `min_age` as sent (its original unit is echoed on GET), `None` when not sent.
    pub min_age: Option<String>,
    /// Actions in request order, each with its GET form (defaults filled in).
    pub actions: Map<String, Value>,
}

impl Phase {
    /// `min_age` in milliseconds (0 when not set).
    pub fn min_age_millis(&self) -> i64 {
        self.min_age.as_deref().and_then(|m| parse_time_millis(m, "min_age").ok()).unwrap_or(0).max(0)
    }

    /// The phase as GET shows it (and as `phase_execution.phase_definition` caches it).
    pub fn to_value(&self) -> Value {
        json!({
            "min_age": self.min_age.clone().unwrap_or_else(|| "0ms".to_string()),
            "actions": Value::Object(self.actions.clone()),
        })
    }

    /// Reads a phase back from its GET form.
    pub fn from_value(name: &str, value: &Value) -> Phase {
        Phase {
            name: name.to_string(),
            min_age: value.get("min_age").and_then(Value::as_str).map(str::to_string),
            actions: value.get("actions").and_then(Value::as_object).cloned().unwrap_or_default(),
        }
    }

    /// The phase's actions in ILM execution order.
    pub fn actions_in_order(&self) -> Vec<(&'static str, &Value)> {
        ordered_actions(&self.name).iter().filter_map(|a| self.actions.get(*a).map(|v| (*a, v))).collect()
    }
}

/// A parsed policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// Phases in request order.
    pub phases: Vec<Phase>,
    /// `_meta`, when sent.
    pub meta: Option<Value>,
}

impl Policy {
    /// The policy as GET shows it under `policy`.
    pub fn to_value(&self) -> Value {
        let mut phases = Map::new();
        for phase in &self.phases {
            phases.insert(phase.name.clone(), phase.to_value());
        }
        let mut policy = Map::new();
        policy.insert("phases".into(), Value::Object(phases));
        if let Some(meta) = &self.meta {
            policy.insert("_meta".into(), meta.clone());
        }
        Value::Object(policy)
    }

    /// Reads a stored policy (its GET form) back.
    pub fn from_value(value: &Value) -> Policy {
        let phases = value
            .get("phases")
            .and_then(Value::as_object)
            .map(|m| m.iter().map(|(name, def)| Phase::from_value(name, def)).collect())
            .unwrap_or_default();
        Policy { phases, meta: value.get("_meta").cloned() }
    }

    /// The phases that exist, in execution order.
    pub fn phases_in_order(&self) -> Vec<&Phase> {
        PHASE_ORDER.iter().filter_map(|name| self.phases.iter().find(|p| p.name == *name)).collect()
    }

    /// The phase called `name`.
    pub fn phase(&self, name: &str) -> Option<&Phase> {
        self.phases.iter().find(|p| p.name == name)
    }
}

/// A parse failure and where the parser was when it happened: ES prefixes every enclosing
/// "failed to parse field" with that same location.
struct Located {
    at: Location,
    error: EsError,
}

impl Located {
    /// Wraps the failure in `[l:c] [parser] failed to parse field [field]`.
    fn wrap(self, parser: &str, field: &str) -> Located {
        let error = EsError::x_content_parse(format!("{} [{parser}] failed to parse field [{field}]", self.at))
            .caused_by(self.error);
        Located { at: self.at, error }
    }
}

/// Parses and validates the body of `PUT /_ilm/policy/{name}`, returning the policy or the
/// error exactly as the emulated version reports it.
pub fn parse_put_body(raw: &[u8], body: &Value, version: EsVersion) -> EsResult<Policy> {
    let Some(request) = body.as_object() else {
        return Err(EsError::parse("request body is required"));
    };
    if let Some(key) = request.keys().find(|k| *k != "policy") {
        return Err(unknown_field(raw, &[key], "put_lifecycle_request", key, &["policy"]).error);
    }
    let Some(policy_value) = request.get("policy") else {
        return Err(EsError::illegal_argument("Required [policy]"));
    };
    let policy =
        parse_policy(raw, policy_value, version).map_err(|e| e.wrap("put_lifecycle_request", "policy").error)?;

    let structural = validate(&policy, version).err();
    // `PutLifecycleRequest.validate()` overwrites a structural error with the timing error.
    let timing = (version.at_least(7, 13)).then(|| phase_timing_error(&policy)).flatten();
    match (timing, structural) {
        (Some(message), _) => Err(EsError::validation(&[message])),
        (None, Some(message)) if version.major >= 8 => Err(EsError::validation(&[message])),
        (None, Some(message)) => {
            // 7.x validated inside the `LifecyclePolicy` constructor, during parsing.
            let built =
                EsError::x_content_parse("Failed to build [lifecycle_policy] after last required field arrived")
                    .caused_by(EsError::illegal_argument(message));
            let failure = Located { at: value_location(raw, &["policy", "phases"]), error: built };
            Err(failure.wrap("lifecycle_policy", "phases").wrap("put_lifecycle_request", "policy").error)
        }
        (None, None) => Ok(policy),
    }
}

/// `[l:c] [parser] unknown field [x]` (with ES's suggestions), located at the field's value.
fn unknown_field(raw: &[u8], path: &[&str], parser: &str, field: &str, known: &[&str]) -> Located {
    let error = EsError::x_content_parse(format!(
        "{} {}",
        name_location(raw, path),
        unknown_field_message(parser, field, known)
    ));
    Located { at: value_location(raw, path), error }
}

/// A value of the wrong JSON type where an object was expected.
fn not_an_object(raw: &[u8], path: &[&str], parser: &str) -> Located {
    let at = value_location(raw, path);
    let field = path.last().copied().unwrap_or_default();
    Located {
        at,
        error: EsError::x_content_parse(format!(
            "{at} [{parser}] {field} doesn't support values of type: VALUE_STRING"
        )),
    }
}

fn parse_policy(raw: &[u8], value: &Value, version: EsVersion) -> Result<Policy, Located> {
    let Some(map) = value.as_object() else {
        return Err(not_an_object(raw, &["policy"], "put_lifecycle_request"));
    };
    let mut phases = Vec::new();
    let mut meta = None;
    for (key, field) in map {
        match key.as_str() {
            "phases" => {
                let Some(phase_map) = field.as_object() else {
                    return Err(not_an_object(raw, &["policy", "phases"], "lifecycle_policy"));
                };
                for (phase_name, phase_value) in phase_map {
                    let phase = parse_phase(raw, phase_name, phase_value, version)
                        .map_err(|e| e.wrap("lifecycle_policy", "phases"))?;
                    phases.push(phase);
                }
            }
            "_meta" if version.at_least(7, 14) => meta = Some(field.clone()),
            _ => return Err(unknown_field(raw, &["policy", key], "lifecycle_policy", key, &["phases", "_meta"])),
        }
    }
    if !map.contains_key("phases") {
        let at = value_location(raw, &["policy"]);
        return Err(Located { at, error: EsError::illegal_argument("Required [phases]") });
    }
    Ok(Policy { phases, meta })
}

fn parse_phase(raw: &[u8], name: &str, value: &Value, version: EsVersion) -> Result<Phase, Located> {
    let Some(map) = value.as_object() else {
        return Err(not_an_object(raw, &["policy", "phases", name], "lifecycle_policy"));
    };
    let mut min_age = None;
    let mut actions = Map::new();
    for (key, field) in map {
        match key.as_str() {
            "min_age" => {
                let text = match field {
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    _ => String::new(),
                };
                if let Err(error) = parse_time_millis(&text, "min_age") {
                    let at = value_location(raw, &["policy", "phases", name, "min_age"]);
                    return Err(Located { at, error }.wrap("phase", "min_age"));
                }
                min_age = Some(text);
            }
            "actions" => {
                let Some(action_map) = field.as_object() else {
                    return Err(not_an_object(raw, &["policy", "phases", name, "actions"], "phase"));
                };
                for (action, config) in action_map {
                    let action_path = ["policy", "phases", name, "actions", action.as_str()];
                    let parsed = parse_action(raw, &action_path, action, config, version)
                        .map_err(|e| e.wrap("phase", "actions"))?;
                    actions.insert(action.clone(), parsed);
                }
            }
            _ => {
                return Err(unknown_field(
                    raw,
                    &["policy", "phases", name, key],
                    "phase",
                    key,
                    &["min_age", "actions"],
                ));
            }
        }
    }
    Ok(Phase { name: name.to_string(), min_age, actions })
}

/// Reads the typed fields of one action object, failing on unknown ones like ES's parser.
struct ActionFields<'a> {
    raw: &'a [u8],
    path: &'a [&'a str],
    action: &'a str,
    map: Map<String, Value>,
}

impl<'a> ActionFields<'a> {
    fn new(
        raw: &'a [u8],
        path: &'a [&'a str],
        action: &'a str,
        value: &Value,
        known: &[&str],
    ) -> Result<Self, Located> {
        let map = match value {
            Value::Object(m) => m.clone(),
            Value::Null => Map::new(),
            _ => return Err(not_an_object(raw, path, "actions")),
        };
        if let Some(unknown) = map.keys().find(|k| !known.contains(&k.as_str())) {
            let mut field_path = path.to_vec();
            field_path.push(unknown);
            return Err(unknown_field(raw, &field_path, action, unknown, known));
        }
        Ok(ActionFields { raw, path, action, map })
    }

    /// A bad field value, located at the value and wrapped by the action's parser.
    fn error(&self, field: &str, message: String) -> Located {
        let mut field_path = self.path.to_vec();
        field_path.push(field);
        let at = value_location(self.raw, &field_path);
        Located { at, error: EsError::illegal_argument(message) }.wrap(self.action, field)
    }

    /// A failure of the action as a whole (its constructor's checks).
    fn invalid(&self, message: impl Into<String>) -> Located {
        Located { at: value_location(self.raw, self.path), error: EsError::illegal_argument(message) }
    }

    fn integer(&self, field: &str) -> Result<Option<i64>, Located> {
        match self.map.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) if n.is_i64() => Ok(n.as_i64()),
            Some(Value::String(s)) if s.parse::<i64>().is_ok() => Ok(s.parse().ok()),
            Some(other) => {
                Err(self.error(field, format!("failed to parse field [{field}] value [{other}] as a number")))
            }
        }
    }

    fn boolean(&self, field: &str) -> Result<Option<bool>, Located> {
        match self.map.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(Value::String(s)) if s == "true" || s == "false" => Ok(Some(s == "true")),
            Some(other) => {
                Err(self
                    .error(field, format!("Failed to parse value [{other}] as only [true] or [false] are allowed.")))
            }
        }
    }

    fn string(&self, field: &str) -> Option<String> {
        match self.map.get(field) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        }
    }

    fn time(&self, field: &str) -> Result<Option<String>, Located> {
        let Some(text) = self.string(field) else { return Ok(None) };
        parse_time_millis(&text, field).map_err(|e| self.error(field, e.reason))?;
        Ok(Some(text))
    }

    fn bytes(&self, field: &str) -> Result<Option<String>, Located> {
        let Some(text) = self.string(field) else { return Ok(None) };
        parse_bytes(&text, field).map_err(|e| self.error(field, e.reason))?;
        Ok(Some(text))
    }

    fn object(&self, field: &str) -> Value {
        match self.map.get(field) {
            Some(Value::Object(m)) => {
                Value::Object(m.iter().map(|(k, v)| (k.clone(), json!(crate::settings::scalar_string(v)))).collect())
            }
            _ => json!({}),
        }
    }

    fn required(&self, field: &str) -> Located {
        self.invalid(format!("Required [{field}]"))
    }
}

/// Parses one action and returns its GET form (with ES's defaults), or the parse error.
fn parse_action(raw: &[u8], path: &[&str], action: &str, value: &Value, version: EsVersion) -> Result<Value, Located> {
    let fields = |known: &[&str]| ActionFields::new(raw, path, action, value, known);
    match action {
        "rollover" => {
            let mut known = vec!["max_size", "max_age", "max_docs"];
            if version.at_least(7, 13) {
                known.push("max_primary_shard_size");
            }
            if version.at_least(8, 2) {
                known.push("max_primary_shard_docs");
            }
            if version.at_least(8, 4) {
                known.extend(["min_size", "min_primary_shard_size", "min_age", "min_docs", "min_primary_shard_docs"]);
            }
            let f = fields(&known)?;
            let mut out = Map::new();
            for name in ["max_size", "max_primary_shard_size", "min_size", "min_primary_shard_size"] {
                if let Some(v) = f.bytes(name)? {
                    out.insert(name.into(), json!(v));
                }
            }
            for name in ["max_age", "min_age"] {
                if let Some(v) = f.time(name)? {
                    out.insert(name.into(), json!(v));
                }
            }
            for name in ["max_docs", "max_primary_shard_docs", "min_docs", "min_primary_shard_docs"] {
                if let Some(v) = f.integer(name)? {
                    out.insert(name.into(), json!(v));
                }
            }
            // Keep ES's field order: the order of its toXContent, not of the request.
            let order = [
                "max_size",
                "max_primary_shard_size",
                "max_age",
                "max_docs",
                "max_primary_shard_docs",
                "min_size",
                "min_primary_shard_size",
                "min_age",
                "min_docs",
                "min_primary_shard_docs",
            ];
            let ordered: Map<String, Value> =
                order.iter().filter_map(|k| out.get(*k).map(|v| (k.to_string(), v.clone()))).collect();
            if !ordered.keys().any(|k| k.starts_with("max_")) {
                let message = if version.at_least(8, 4) {
                    "At least one max_* rollover condition must be set."
                } else {
                    "At least one rollover condition must be set."
                };
                return Err(f.invalid(message));
            }
            Ok(Value::Object(ordered))
        }
        "delete" => {
            let f = fields(&["delete_searchable_snapshot"])?;
            Ok(json!({"delete_searchable_snapshot": f.boolean("delete_searchable_snapshot")?.unwrap_or(true)}))
        }
        "allocate" => {
            let f = fields(&["number_of_replicas", "total_shards_per_node", "include", "exclude", "require"])?;
            let replicas = f.integer("number_of_replicas")?;
            let total = f.integer("total_shards_per_node")?;
            let (include, exclude, require) = (f.object("include"), f.object("exclude"), f.object("require"));
            let no_rules = [&include, &exclude, &require].iter().all(|m| m.as_object().is_none_or(Map::is_empty));
            if no_rules && replicas.is_none() && total.is_none() {
                return Err(f.invalid(
                    "At least one of include, exclude or require must contain attributes for action allocate. Otherwise the number_of_replicas or the total_shards_per_node options must be configured.",
                ));
            }
            if replicas.is_some_and(|r| r < 0) {
                return Err(f.invalid("[number_of_replicas] must be >= 0"));
            }
            if total.is_some_and(|t| t < -1) {
                return Err(f.invalid("[total_shards_per_node] must be >= -1"));
            }
            let mut out = Map::new();
            if let Some(r) = replicas {
                out.insert("number_of_replicas".into(), json!(r));
            }
            if let Some(t) = total {
                out.insert("total_shards_per_node".into(), json!(t));
            }
            out.insert("include".into(), include);
            out.insert("exclude".into(), exclude);
            out.insert("require".into(), require);
            Ok(Value::Object(out))
        }
        "forcemerge" => {
            let mut known = vec!["max_num_segments"];
            if version.major >= 8 {
                known.push("index_codec");
            }
            let f = fields(&known)?;
            let segments = f.integer("max_num_segments")?.ok_or_else(|| f.required("max_num_segments"))?;
            if segments <= 0 {
                return Err(f.invalid("[max_num_segments] must be a positive integer"));
            }
            let mut out = Map::new();
            out.insert("max_num_segments".into(), json!(segments));
            if let Some(codec) = f.string("index_codec") {
                out.insert("index_codec".into(), json!(codec));
            }
            Ok(Value::Object(out))
        }
        "shrink" => {
            let mut known = vec!["number_of_shards", "max_primary_shard_size"];
            if version.at_least(8, 14) {
                known.push("allow_write_after_shrink");
            }
            let f = fields(&known)?;
            let shards = f.integer("number_of_shards")?;
            let size = f.bytes("max_primary_shard_size")?;
            match (&shards, &size) {
                (Some(_), Some(_)) => {
                    return Err(f.invalid("Cannot set both [number_of_shards] and [max_primary_shard_size]"));
                }
                (None, None) => {
                    return Err(f.invalid("Either [number_of_shards] or [max_primary_shard_size] must be set"));
                }
                (Some(n), None) if *n <= 0 => {
                    return Err(f.invalid("[number_of_shards] must be greater than 0"));
                }
                (None, Some(s)) if parse_bytes(s, "max_primary_shard_size").map(|b| b == 0).unwrap_or(true) => {
                    return Err(f.invalid("[max_primary_shard_size] must be greater than 0"));
                }
                _ => {}
            }
            let mut out = Map::new();
            if let Some(n) = shards {
                out.insert("number_of_shards".into(), json!(n));
            }
            if let Some(s) = size {
                out.insert("max_primary_shard_size".into(), json!(s));
            }
            if version.at_least(8, 14) {
                out.insert(
                    "allow_write_after_shrink".into(),
                    json!(f.boolean("allow_write_after_shrink")?.unwrap_or(false)),
                );
            }
            Ok(Value::Object(out))
        }
        "set_priority" => {
            let f = fields(&["priority"])?;
            let priority = f.integer("priority")?;
            if priority.is_some_and(|p| p < 0) {
                return Err(f.invalid("[priority] must be 0 or greater"));
            }
            Ok(json!({"priority": priority}))
        }
        "migrate" => {
            let f = fields(&["enabled"])?;
            Ok(json!({"enabled": f.boolean("enabled")?.unwrap_or(true)}))
        }
        "readonly" | "freeze" | "unfollow" => {
            fields(&[])?;
            Ok(json!({}))
        }
        "wait_for_snapshot" => {
            let f = fields(&["policy"])?;
            let policy = f.string("policy").ok_or_else(|| f.required("policy"))?;
            Ok(json!({"policy": policy}))
        }
        "searchable_snapshot" => {
            let f = fields(&["snapshot_repository", "force_merge_index", "total_shards_per_node", "replicate_for"])?;
            let repository = f.string("snapshot_repository").ok_or_else(|| f.required("snapshot_repository"))?;
            let mut out = Map::new();
            out.insert("snapshot_repository".into(), json!(repository));
            out.insert("force_merge_index".into(), json!(f.boolean("force_merge_index")?.unwrap_or(true)));
            if let Some(t) = f.integer("total_shards_per_node")? {
                out.insert("total_shards_per_node".into(), json!(t));
            }
            if let Some(r) = f.time("replicate_for")? {
                out.insert("replicate_for".into(), json!(r));
            }
            Ok(Value::Object(out))
        }
        "downsample" if version.at_least(8, 5) => {
            let f = fields(&["fixed_interval", "wait_timeout"])?;
            let interval = f.string("fixed_interval").ok_or_else(|| f.required("fixed_interval"))?;
            Ok(
                json!({"fixed_interval": interval, "wait_timeout": f.time("wait_timeout")?.unwrap_or_else(|| "1d".into())}),
            )
        }
        _ => Err(Located {
            at: value_location(raw, path),
            error: EsError::new(
                400,
                "named_object_not_found_exception",
                format!("{} unknown field [{action}]", name_location(raw, path)),
            ),
        }),
    }
}

/// `TimeseriesLifecycleType.validate`: the first rule a policy breaks.
fn validate(policy: &Policy, version: EsVersion) -> Result<(), String> {
    let fail = |m: String| Err(m);
    for phase in &policy.phases {
        if !PHASE_ORDER.contains(&phase.name.as_str()) || (phase.name == "frozen" && !version.at_least(7, 12)) {
            return fail(format!("Timeseries lifecycle does not support phase [{}]", phase.name));
        }
        let allowed = ordered_actions(&phase.name);
        if let Some(action) = phase.actions.keys().find(|a| !allowed.contains(&a.as_str())) {
            return fail(format!("invalid action [{action}] defined in phase [{}]", phase.name));
        }
    }
    if let Some(hot) = policy.phase("hot")
        && !hot.actions.contains_key("rollover")
    {
        let offending: Vec<&str> =
            HOT_ACTIONS_THAT_REQUIRE_ROLLOVER.iter().copied().filter(|a| hot.actions.contains_key(*a)).collect();
        if !offending.is_empty() {
            return fail(format!(
                "the [{}] action(s) may not be used in the [hot] phase without an accompanying [rollover] action",
                offending.join(", ")
            ));
        }
    }
    let ordered = policy.phases_in_order();
    if let Some(first_snapshot) = ordered.iter().position(|p| p.actions.contains_key("searchable_snapshot")) {
        let offending: Vec<&str> = ordered[first_snapshot + 1..]
            .iter()
            .filter(|p| ACTIONS_CANNOT_FOLLOW_SEARCHABLE_SNAPSHOT.iter().any(|a| p.actions.contains_key(*a)))
            .map(|p| p.name.as_str())
            .collect();
        if !offending.is_empty() {
            return fail(format!(
                "phases [{}] define one or more of [{}] actions which are not allowed after a managed index is mounted as a searchable snapshot",
                offending.join(","),
                ACTIONS_CANNOT_FOLLOW_SEARCHABLE_SNAPSHOT.join(", ")
            ));
        }
    }
    let conflicting: Vec<&str> = ordered
        .iter()
        .filter(|p| {
            let migrate_enabled = p.actions.get("migrate").is_some_and(|m| m["enabled"] != json!(false));
            let allocate_rules = p.actions.get("allocate").is_some_and(|a| {
                ["include", "exclude", "require"].iter().any(|k| a[*k].as_object().is_some_and(|m| !m.is_empty()))
            });
            migrate_enabled && allocate_rules
        })
        .map(|p| p.name.as_str())
        .collect();
    if !conflicting.is_empty() {
        return fail(format!(
            "phases [{}] specify an enabled migrate action and an allocate action with allocation rules. specify only a single data migration in each phase",
            conflicting.join(", ")
        ));
    }
    let repositories: Vec<&str> = ordered
        .iter()
        .filter_map(|p| p.actions.get("searchable_snapshot"))
        .filter_map(|a| a["snapshot_repository"].as_str())
        .collect();
    if repositories.windows(2).any(|w| w[0] != w[1]) {
        return fail(format!(
            "policy specifies [searchable_snapshot] action multiple times with differing repositories [{}], the same repository must be used for all searchable snapshot actions",
            repositories.join(", ")
        ));
    }
    if let Some(frozen) = policy.phase("frozen")
        && !frozen.actions.contains_key("searchable_snapshot")
    {
        return fail(
            "policy specifies the [frozen] phase without a corresponding [searchable_snapshot] action, but a searchable snapshot action is required in the frozen phase".into(),
        );
    }
    validate_downsample_intervals(&ordered)
}

/// Each later downsample interval must be greater than, and a multiple of, the previous one.
fn validate_downsample_intervals(ordered: &[&Phase]) -> Result<(), String> {
    let mut previous: Option<(&str, &str, i64)> = None;
    for phase in ordered {
        let Some(interval) = phase.actions.get("downsample").and_then(|d| d["fixed_interval"].as_str()) else {
            continue;
        };
        let millis = parse_time_millis(interval, "fixed_interval").unwrap_or(0);
        if let Some((prev_phase, prev_interval, prev_millis)) = previous {
            if millis <= prev_millis {
                return Err(format!(
                    "Downsampling interval [{interval}] for phase [{}] must be greater than the interval [{prev_interval}] for phase [{prev_phase}]",
                    phase.name
                ));
            }
            if prev_millis > 0 && millis % prev_millis != 0 {
                return Err(format!(
                    "Downsampling interval [{interval}] for phase [{}] must be a multiple of the interval [{prev_interval}] for phase [{prev_phase}]",
                    phase.name
                ));
            }
        }
        previous = Some((&phase.name, interval, millis));
    }
    Ok(())
}

/// `validateMonotonicallyIncreasingPhaseTimings`: phases with a configured, non-zero `min_age`
/// must not run before an earlier phase's. `None` when the timings are fine.
fn phase_timing_error(policy: &Policy) -> Option<String> {
    let configured: Vec<&Phase> =
        policy.phases_in_order().into_iter().filter(|p| p.min_age.is_some() && p.min_age_millis() != 0).collect();
    let mut errors = Vec::new();
    // ES reports a phase as "bad" only once, and then no longer checks phases against it.
    let mut invalid: Vec<&str> = Vec::new();
    for (i, phase) in configured.iter().enumerate() {
        if invalid.contains(&phase.name.as_str()) {
            continue;
        }
        let bad: Vec<&&Phase> =
            configured[i + 1..].iter().filter(|later| later.min_age_millis() < phase.min_age_millis()).collect();
        if bad.is_empty() {
            continue;
        }
        invalid.extend(bad.iter().map(|p| p.name.as_str()));
        let described: Vec<String> =
            bad.iter().map(|p| format!("the {} phase (min_age: {})", p.name, time_value_string(p))).collect();
        errors.push(format!(
            "Your policy is configured to run {} before the {} phase (min_age: {}). You should change the phase timing so that the phases will execute in the order of hot, warm, then cold.",
            join_with_and(&described),
            phase.name,
            time_value_string(phase)
        ));
    }
    (!errors.is_empty()).then(|| errors.join(","))
}

/// `TimeValue.toString()` of a phase's `min_age`.
fn time_value_string(phase: &Phase) -> String {
    crate::units::format_millis(phase.min_age_millis(), 1)
}

/// `a`, `a and b`, `a, b and c`: how ES enumerates the offending phases.
fn join_with_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Checks a policy name like `LifecyclePolicy.validatePolicyName`.
pub fn validate_name(name: &str) -> EsResult<()> {
    let problem = if name.is_empty() {
        Some("must not be null or empty".to_string())
    } else if name.contains(',') {
        Some("must not contain ','".to_string())
    } else if name.contains(' ') {
        Some("must not contain spaces".to_string())
    } else if name.starts_with('_') {
        Some("must not start with '_'".to_string())
    } else if name.len() > 255 {
        Some(format!("name is too long, ({} > 255)", name.len()))
    } else {
        None
    };
    match problem {
        Some(p) => Err(EsError::illegal_argument(format!("invalid policy name [{name}]: {p}"))),
        None => Ok(()),
    }
}

/// The deprecation warning ES (9.3+) attaches when a policy uses `max_size`.
pub fn max_size_deprecations(policy: &Policy) -> Vec<String> {
    policy
        .phases_in_order()
        .iter()
        .filter(|p| p.actions.get("rollover").is_some_and(|r| r.get("max_size").is_some()))
        .map(|p| {
            format!(
                "Use of the [max_size] rollover condition found in phase [{}]. This condition has been deprecated in favour of the [max_primary_shard_size] condition and will be removed in a later version",
                p.name
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const V8: EsVersion = EsVersion::new(8, 15, 0);

    fn put(body: Value) -> EsResult<Policy> {
        let raw = serde_json::to_vec(&body).unwrap();
        parse_put_body(&raw, &body, V8)
    }

    fn reason(e: &EsError) -> String {
        e.to_body()["error"]["root_cause"][0]["reason"].as_str().unwrap().to_string()
    }

    #[test]
    fn get_form_has_defaults() {
        let p = put(json!({"policy": {"phases": {
            "warm": {"min_age": "10d", "actions": {"allocate": {"number_of_replicas": 1}, "migrate": {}}},
            "delete": {"actions": {"delete": {}}}
        }}}))
        .unwrap();
        let v = p.to_value();
        assert_eq!(v["phases"]["delete"]["min_age"], "0ms");
        assert_eq!(v["phases"]["delete"]["actions"]["delete"], json!({"delete_searchable_snapshot": true}));
        assert_eq!(
            v["phases"]["warm"]["actions"]["allocate"],
            json!({"number_of_replicas": 1, "include": {}, "exclude": {}, "require": {}})
        );
        assert_eq!(v["phases"]["warm"]["actions"]["migrate"], json!({"enabled": true}));
        assert!(v.get("_meta").is_none());
    }

    #[test]
    fn hot_forcemerge_without_rollover_is_example_b() {
        let e = put(json!({"policy": {"phases": {"hot": {"actions": {"forcemerge": {"max_num_segments": 1}}}}}}))
            .unwrap_err();
        assert_eq!(e.kind, "action_request_validation_exception");
        assert_eq!(
            e.reason,
            "Validation Failed: 1: the [forcemerge] action(s) may not be used in the [hot] phase without an accompanying [rollover] action;"
        );
    }

    #[test]
    fn invalid_action_in_phase_and_unknown_phase() {
        let e = put(json!({"policy": {"phases": {"cold": {"actions": {"forcemerge": {"max_num_segments": 1}}}}}}))
            .unwrap_err();
        assert_eq!(e.reason, "Validation Failed: 1: invalid action [forcemerge] defined in phase [cold];");
        let e = put(json!({"policy": {"phases": {"foo": {"actions": {}}}}})).unwrap_err();
        assert_eq!(e.reason, "Validation Failed: 1: Timeseries lifecycle does not support phase [foo];");
    }

    #[test]
    fn seven_x_wraps_validation_in_parse_exceptions() {
        let body = json!({"policy": {"phases": {"cold": {"actions": {"forcemerge": {"max_num_segments": 1}}}}}});
        let raw = serde_json::to_vec(&body).unwrap();
        let e = parse_put_body(&raw, &body, EsVersion::new(7, 17, 0)).unwrap_err();
        assert_eq!(e.kind, "x_content_parse_exception");
        assert!(e.reason.ends_with("[put_lifecycle_request] failed to parse field [policy]"));
        assert_eq!(reason(&e), "invalid action [forcemerge] defined in phase [cold]");
    }

    #[test]
    fn min_age_ordering_message() {
        let e = put(json!({"policy": {"phases": {
            "warm": {"min_age": "10s", "actions": {}},
            "delete": {"min_age": "5s", "actions": {"delete": {}}}
        }}}))
        .unwrap_err();
        assert_eq!(
            e.reason,
            "Validation Failed: 1: Your policy is configured to run the delete phase (min_age: 5s) before the warm phase (min_age: 10s). You should change the phase timing so that the phases will execute in the order of hot, warm, then cold.;"
        );
    }

    #[test]
    fn min_age_ordering_lists_several_phases_and_ignores_zero() {
        let e = put(json!({"policy": {"phases": {
            "warm": {"min_age": "10d", "actions": {}},
            "cold": {"min_age": "1d", "actions": {}},
            "frozen": {"min_age": "0s", "actions": {"searchable_snapshot": {"snapshot_repository": "r"}}},
            "delete": {"min_age": "2d", "actions": {"delete": {}}}
        }}}))
        .unwrap_err();
        assert!(e.reason.contains("run the cold phase (min_age: 1d) and the delete phase (min_age: 2d) before the warm phase (min_age: 10d)"), "{}", e.reason);
    }

    #[test]
    fn timing_error_wins_over_structural_error() {
        let e = put(json!({"policy": {"phases": {
            "hot": {"actions": {"forcemerge": {"max_num_segments": 1}}},
            "warm": {"min_age": "10s", "actions": {}},
            "delete": {"min_age": "5s", "actions": {}}
        }}}))
        .unwrap_err();
        assert!(e.reason.contains("Your policy is configured to run the delete phase"));
    }

    #[test]
    fn unknown_fields_are_parse_errors_with_locations() {
        let e = put(json!({"policy": {"phases": {}, "name": "x"}})).unwrap_err();
        assert_eq!(e.kind, "x_content_parse_exception");
        assert_eq!(e.reason, "[1:31] [put_lifecycle_request] failed to parse field [policy]");
        assert_eq!(reason(&e), "[1:24] [lifecycle_policy] unknown field [name]");
        let e = put(json!({"policy": {"phases": {"hot": {"actions": {"rollover": {"max_foo": 1}}}}}})).unwrap_err();
        assert!(reason(&e).ends_with("[rollover] unknown field [max_foo] did you mean any of [max_docs, max_age]?"));
    }

    #[test]
    fn rollover_needs_a_max_condition() {
        let e = put(json!({"policy": {"phases": {"hot": {"actions": {"rollover": {"min_docs": 1}}}}}})).unwrap_err();
        assert_eq!(reason(&e), "At least one max_* rollover condition must be set.");
    }

    #[test]
    fn action_level_checks() {
        let shrink = put(json!({"policy": {"phases": {"warm": {"actions": {"shrink": {"number_of_shards": 0}}}}}}));
        assert_eq!(reason(&shrink.unwrap_err()), "[number_of_shards] must be greater than 0");
        let merge = put(json!({"policy": {"phases": {"warm": {"actions": {"forcemerge": {"max_num_segments": 0}}}}}}));
        assert_eq!(reason(&merge.unwrap_err()), "[max_num_segments] must be a positive integer");
        let allocate =
            put(json!({"policy": {"phases": {"warm": {"actions": {"allocate": {"number_of_replicas": -1}}}}}}));
        assert_eq!(reason(&allocate.unwrap_err()), "[number_of_replicas] must be >= 0");
    }

    #[test]
    fn migrate_with_allocate_rules_and_frozen_without_snapshot() {
        let e = put(json!({"policy": {"phases": {"warm": {"actions": {
            "migrate": {}, "allocate": {"include": {"box": "warm"}}
        }}}}}))
        .unwrap_err();
        assert!(e.reason.contains("phases [warm] specify an enabled migrate action and an allocate action"));
        let e = put(json!({"policy": {"phases": {"frozen": {"actions": {}}}}})).unwrap_err();
        assert!(e.reason.contains("without a corresponding [searchable_snapshot] action"));
    }

    #[test]
    fn searchable_snapshot_blocks_later_forcemerge() {
        let e = put(json!({"policy": {"phases": {
            "hot": {"actions": {"rollover": {"max_age": "1d"}, "searchable_snapshot": {"snapshot_repository": "r"}}},
            "warm": {"actions": {"forcemerge": {"max_num_segments": 1}}}
        }}}))
        .unwrap_err();
        assert!(e.reason.contains(
            "phases [warm] define one or more of [forcemerge, freeze, shrink, downsample] actions which are not allowed"
        ));
    }

    #[test]
    fn policy_names() {
        assert!(validate_name("ok-name").is_ok());
        assert_eq!(validate_name("_x").unwrap_err().reason, "invalid policy name [_x]: must not start with '_'");
        assert_eq!(validate_name("a b").unwrap_err().reason, "invalid policy name [a b]: must not contain spaces");
        assert_eq!(validate_name("a,b").unwrap_err().reason, "invalid policy name [a,b]: must not contain ','");
    }
}
