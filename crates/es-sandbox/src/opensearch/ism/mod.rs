//! Index State Management, as OpenSearch's index-management plugin does it
//! (opensearch-project/index-management, `indexstatemanagement/`).
//!
//! Policies live in the plugin's config index (`.opendistro-ism-config`), so every write of one
//! gets a `_seq_no`/`_primary_term`, and an update must name the ones it read (`if_seq_no`,
//! `if_primary_term`) or be refused as a version conflict. A managed index is a job document
//! holding a *copy* of its policy: updating a policy changes no managed index until
//! `change_policy`. The job runs every `plugins.index_state_management.job_interval` (5
//! minutes), and each run carries out one step ([`runner`]).

pub mod api;
pub mod policy;
pub mod runner;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::state::Cluster;

/// The name of ISM's config index, which error metadata and delete responses name.
pub const CONFIG_INDEX: &str = ".opendistro-ism-config";

/// The policy-id index setting explain reports under both its names.
pub const POLICY_ID_SETTING: &str = "index.plugins.index_state_management.policy_id";
/// The legacy (Open Distro) name of [`POLICY_ID_SETTING`].
pub const LEGACY_POLICY_ID_SETTING: &str = "index.opendistro.index_state_management.policy_id";

/// ISM's whole state in one cluster.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Ism {
    /// Policies by id.
    pub policies: BTreeMap<String, StoredPolicy>,
    /// Managed indices by index UUID (the job document's id).
    pub managed: BTreeMap<String, ManagedIndex>,
    /// The config index's next `_seq_no` (one per write to it, policies and jobs alike).
    pub next_seq_no: u64,
    /// When the jobs last ran, clock millis.
    pub last_run_millis: i64,
}

impl Ism {
    /// No policies, no managed index; the jobs count from `now_millis`.
    pub fn new(now_millis: i64) -> Self {
        Ism { last_run_millis: now_millis, ..Ism::default() }
    }

    /// Takes the config index's next sequence number.
    pub fn take_seq_no(&mut self) -> u64 {
        let seq_no = self.next_seq_no;
        self.next_seq_no += 1;
        seq_no
    }

    /// The managed index record of the index called `name`, if it is managed.
    pub fn managed_by_name(&self, name: &str) -> Option<&ManagedIndex> {
        self.managed.values().find(|m| m.index == name)
    }
}

/// One policy document in the config index.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StoredPolicy {
    /// The policy as GET shows it (`policy_id`, `description`, `last_updated_time`,
    /// `schema_version`, `error_notification`, `default_state`, `states`, `ism_template`).
    pub policy: Value,
    /// `_seq_no` of the write that stored it.
    pub seq_no: u64,
    /// `_primary_term` (1: the sandbox's config index never fails over).
    pub primary_term: u64,
    /// `_version`: 1 on creation, +1 on every update.
    pub version: u64,
}

/// A `change_policy` request waiting for a safe point (`ChangePolicy.kt`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ChangePolicy {
    /// The policy to switch to.
    pub policy_id: String,
    /// The state to start in; `None` keeps the current state's name.
    pub state: Option<String>,
}

/// One managed index: ISM's job document and its metadata.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ManagedIndex {
    /// Index name.
    pub index: String,
    /// Index UUID.
    pub index_uuid: String,
    /// The policy the job runs.
    pub policy_id: String,
    /// The job's copy of the policy (as stored when it was attached or changed).
    pub policy: Value,
    /// `_seq_no` of the policy copied.
    pub policy_seq_no: u64,
    /// `_primary_term` of the policy copied.
    pub policy_primary_term: u64,
    /// Whether the job is scheduled (a completed or failed policy disables it; retry enables it).
    pub enabled: bool,
    /// A pending change of policy.
    pub change_policy: Option<ChangePolicy>,
    /// What the runner has done so far; `None` until its first run initializes the policy.
    pub metadata: Option<Metadata>,
}

/// A managed index's metadata (`ManagedIndexMetaData.kt`): what explain reports.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Metadata {
    /// `index_creation_date`, epoch millis.
    pub index_creation_date: i64,
    /// The current state and when it was entered.
    pub state: Option<Timed>,
    /// The current action.
    pub action: Option<ActionMeta>,
    /// The current step.
    pub step: Option<StepMeta>,
    /// The state a completed transition goes to on the next run.
    pub transition_to: Option<String>,
    /// `policy_completed`: the last state has no transitions and finished its actions.
    pub policy_completed: bool,
    /// `rolled_over`.
    pub rolled_over: bool,
    /// `rolled_over_index_name`.
    pub rolled_over_index_name: Option<String>,
    /// `retry_info.failed`: the policy itself failed (not one action).
    pub policy_failed: bool,
    /// `info`: the last step's message and details.
    pub info: Value,
    /// `policy_seq_no` and `policy_primary_term` of the policy the metadata was made with.
    pub policy_seq_no: u64,
    /// See `policy_seq_no`.
    pub policy_primary_term: u64,
}

/// A name and when it started (`StateMetaData`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Timed {
    /// Name.
    pub name: String,
    /// Start, epoch millis.
    pub start_time: i64,
}

/// `ActionMetaData`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ActionMeta {
    /// Action type (`rollover`, …, or `transition`).
    pub name: String,
    /// Start, epoch millis; `None` after a retry until the action runs again.
    pub start_time: Option<i64>,
    /// Position of the action in its state (`-1`-free: transition is past the last action).
    pub index: usize,
    /// Failed for good (retries used up).
    pub failed: bool,
    /// Retries used.
    pub consumed_retries: u64,
    /// When the last retry ran, epoch millis.
    pub last_retry_time: Option<i64>,
}

/// How a step ended (`Step.StepStatus`).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    /// Started, outcome not recorded.
    Starting,
    /// Done.
    Completed,
    /// Waiting for its conditions.
    ConditionNotMet,
    /// Failed.
    Failed,
}

impl StepStatus {
    /// As explain prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            StepStatus::Starting => "starting",
            StepStatus::Completed => "completed",
            StepStatus::ConditionNotMet => "condition_not_met",
            StepStatus::Failed => "failed",
        }
    }
}

/// `StepMetaData`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StepMeta {
    /// Step name (`attempt_rollover`, …).
    pub name: String,
    /// Start, epoch millis.
    pub start_time: i64,
    /// Outcome.
    pub step_status: StepStatus,
}

impl Metadata {
    /// `isFailed`: the policy failed, or an action failed for good.
    pub fn is_failed(&self) -> bool {
        self.policy_failed || self.action.as_ref().is_some_and(|a| a.failed)
    }
}

/// ISM's coordinator on index creation (`ManagedIndexCoordinator`): a new index matching an
/// `ism_template` index pattern — of a template updated before the index was created — is managed
/// by the policy with the highest-priority match. Hidden and dot-prefixed indices are skipped
/// unless they back a data stream, and `index.plugins.index_state_management.auto_manage: false`
/// opts an index out.
pub fn on_index_created(cluster: &mut Cluster, name: &str) {
    let Some(os) = &cluster.opensearch else {
        return;
    };
    let Some(index) = cluster.indices.get(name) else {
        return;
    };
    let setting = |key: &str| {
        crate::settings::get(&index.settings, &format!("index.plugins.index_state_management.{key}")).or_else(|| {
            crate::settings::get(&index.settings, &format!("index.opendistro.index_state_management.{key}"))
        })
    };
    if setting("auto_manage") == Some("false") {
        return;
    }
    let backs_data_stream = cluster.data_streams.values().any(|d| d.indices.iter().any(|i| i == name));
    let hidden = crate::settings::get(&index.settings, "index.hidden") == Some("true") || name.starts_with('.');
    if hidden && !backs_data_stream {
        return;
    }
    // A data stream's backing index matches the templates by the data stream's name.
    let matched_name =
        cluster.data_streams.values().find(|d| d.indices.iter().any(|i| i == name)).map_or(name, |d| d.name.as_str());
    let created = index.creation_millis;
    let mut best: Option<(i64, &String)> = None;
    for (id, stored) in &os.ism.policies {
        let templates = stored.policy.get("ism_template").and_then(Value::as_array).into_iter().flatten();
        for template in templates {
            let updated = template.get("last_updated_time").and_then(Value::as_i64).unwrap_or(0);
            let priority = template.get("priority").and_then(Value::as_i64).unwrap_or(0);
            let patterns: Vec<&str> = template
                .get("index_patterns")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            if updated < created
                && policy::matches_patterns(matched_name, &patterns)
                && best.is_none_or(|(p, _)| priority > p)
            {
                best = Some((priority, id));
            }
        }
    }
    let Some((_, policy_id)) = best else {
        return;
    };
    let policy_id = policy_id.clone();
    let uuid = index.uuid.clone();
    if let Some(os) = &mut cluster.opensearch {
        api::manage(&mut os.ism, name, &uuid, &policy_id);
    }
}

#[cfg(test)]
mod tests;

/// What `--seed FAMILY` puts on an OpenSearch sandbox instead of an ILM policy: the esops
/// default lifecycle as ISM states (hot, warm at 7 days, cold at 30, delete at 90, with the
/// index priorities Kibana's ILM defaults use), attached to `FAMILY-*` through its
/// `ism_template`; the jobs count from `now_millis`, where the seeded history starts.
pub fn seed_policy(cluster: &mut Cluster, family: &str, now_millis: i64) -> crate::error::EsResult<()> {
    let Some(os) = cluster.opensearch.as_mut() else {
        return Ok(());
    };
    os.ism.last_run_millis = now_millis;
    if os.ism.policies.contains_key(family) {
        return Ok(());
    }
    let state = |name: &str, priority: u32, next: Option<(&str, &str)>| {
        let transitions = next.map_or_else(Vec::new, |(to, age)| {
            vec![serde_json::json!({"state_name": to, "conditions": {"min_index_age": age}})]
        });
        serde_json::json!({"name": name, "actions": [{"index_priority": {"priority": priority}}], "transitions": transitions})
    };
    let body = serde_json::json!({"policy": {
        "description": "esops default lifecycle: hot 7d, warm until 30d, cold until 90d, then delete",
        "default_state": "hot",
        "states": [
            state("hot", 100, Some(("warm", "7d"))),
            state("warm", 50, Some(("cold", "30d"))),
            state("cold", 0, Some(("delete", "90d"))),
            {"name": "delete", "actions": [{"delete": {}}], "transitions": []}
        ],
        "ism_template": [{"index_patterns": [format!("{family}-*")], "priority": 100}]
    }});
    let major = os.version.major;
    let policy = policy::parse(family, &body, now_millis, major)?;
    let seq_no = os.ism.take_seq_no();
    os.ism.policies.insert(family.to_string(), StoredPolicy { policy, seq_no, primary_term: 1, version: 1 });
    Ok(())
}
