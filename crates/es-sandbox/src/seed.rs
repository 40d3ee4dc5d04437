//! Demo and benchmark data: a family of daily indices `NAME-yyyy.MM.dd` with realistic, growing
//! sizes (deterministic from a seed number), optionally under an ILM policy whose history is
//! replayed day by day on the virtual clock, plus a data stream and the clutter real clusters have.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::data_streams::create_data_stream;
use super::datemath::format_index_day;
use super::disk;
use super::error::{EsError, EsResult};
use super::expression;
use super::http::{Method, SandboxRequest};
use super::ilm;
use super::indices::{self, Origin};
use super::rollover::rollover_target;
use super::state::Cluster;
use super::templates;

const DAY_MILLIS: i64 = 86_400_000;

/// Average stored bytes per log document, to derive doc counts from sizes.
const BYTES_PER_DOC: u64 = 550;

/// What to seed (body of `POST /_sandbox/seed`, `--seed NAME --days N`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SeedSpec {
    /// Family name: indices are `FAMILY-yyyy.MM.dd`.
    #[serde(default = "default_family")]
    pub family: String,
    /// How many daily indices, ending today (by the virtual clock).
    #[serde(default = "default_days")]
    pub days: u32,
    /// ILM policy to attach (`index.lifecycle.name`); created with the esops default lifecycle
    /// (hot 7d → warm 30d → cold 90d → delete) when the cluster does not have it.
    #[serde(default)]
    pub policy: Option<String>,
    /// Primary bytes of today's full day; older days are smaller by `growth` per day.
    #[serde(default = "default_daily_bytes")]
    pub daily_bytes: u64,
    /// Daily growth rate (0.01 = 1 % per day).
    #[serde(default = "default_growth")]
    pub growth: f64,
    /// Primary shards per index.
    #[serde(default = "one")]
    pub shards: u32,
    /// Replicas per index; default: one when the cluster has a node to hold it, else none (a
    /// replica that cannot be assigned leaves the index yellow and keeps ILM waiting in warm's
    /// `check-migration`, as on a real single-node cluster).
    #[serde(default)]
    pub replicas: Option<u32>,
    /// Also create a data stream family and clutter (a reindex leftover, an empty index, a hidden
    /// `.kibana`-like system index).
    #[serde(default)]
    pub extras: bool,
    /// Seed of the size noise; the same spec always yields the same cluster.
    #[serde(default)]
    pub seed: u64,
}

fn default_family() -> String {
    "python-logs".to_string()
}
fn default_days() -> u32 {
    30
}
fn default_daily_bytes() -> u64 {
    2 * 1024 * 1024 * 1024
}
fn default_growth() -> f64 {
    0.01
}
fn one() -> u32 {
    1
}

impl Default for SeedSpec {
    fn default() -> Self {
        SeedSpec {
            family: default_family(),
            days: default_days(),
            policy: None,
            daily_bytes: default_daily_bytes(),
            growth: default_growth(),
            shards: 1,
            replicas: None,
            extras: false,
            seed: 0,
        }
    }
}

/// SplitMix64: tiny, deterministic, good enough for size noise.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// What seeding created.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct SeedReport {
    /// Indices that exist after seeding (ILM may have deleted old ones on the way).
    pub indices: Vec<String>,
    /// Data streams created.
    pub data_streams: Vec<String>,
}

/// Calls one of the sandbox's own handlers, as a client would.
fn call(
    cluster: &mut Cluster,
    handler: fn(&mut Cluster, &SandboxRequest) -> EsResult<super::http::SandboxResponse>,
    method: Method,
    uri: &str,
    body: Value,
) -> EsResult<()> {
    let req = SandboxRequest::from_uri(method, uri, Default::default(), body.to_string().into_bytes());
    handler(cluster, &req).map(|_| ())
}

/// The esops default lifecycle, as an operator would have put it by hand.
fn default_policy() -> Value {
    json!({"policy": {"phases": {
        "hot": {"actions": {"set_priority": {"priority": 100}}},
        "warm": {"min_age": "7d", "actions": {"set_priority": {"priority": 50}}},
        "cold": {"min_age": "30d", "actions": {"set_priority": {"priority": 0}}},
        "delete": {"min_age": "90d", "actions": {"delete": {}}},
    }}})
}

/// Seeds `cluster`. The clock ends where it started; with a policy, ILM runs once per simulated day.
///
/// Seeding writes history: the shard limit, which guards new indices, does not apply to it (a
/// seeded cluster may hold more shards than `cluster.max_shards_per_node` allows, as a real one
/// can after the setting was lowered — and then refuses new indices, as ES does).
pub fn seed(cluster: &mut Cluster, spec: &SeedSpec) -> EsResult<SeedReport> {
    cluster.seeding = true;
    let report = seed_history(cluster, spec);
    cluster.seeding = false;
    report
}

fn seed_history(cluster: &mut Cluster, spec: &SeedSpec) -> EsResult<SeedReport> {
    if spec.days == 0 {
        return Err(EsError::illegal_argument("[days] must be at least 1"));
    }
    indices::validate_index_name(&spec.family)?;
    let now = cluster.now_millis();
    let clock = cluster.clock;
    let today = now - now.rem_euclid(DAY_MILLIS);
    let replicas = spec.replicas.unwrap_or(if cluster.nodes > 1 { 1 } else { 0 });
    let mut noise = Noise(
        spec.seed
            ^ spec.family.bytes().fold(0xCBF2_9CE4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)),
    );
    // The configuration predates the data: policy and template are put an hour before the first day.
    cluster.clock.set(today - i64::from(spec.days - 1) * DAY_MILLIS - 3_600_000);
    if let Some(policy) = &spec.policy
        && cluster.opensearch.is_some()
    {
        crate::opensearch::ism::seed_policy(cluster, policy, cluster.now_millis())?;
    } else if let Some(policy) = &spec.policy
        && !cluster.ilm_policies.contains_key(policy)
    {
        call(cluster, ilm::put_policy, Method::Put, &format!("/_ilm/policy/{policy}"), default_policy())?;
    }
    if spec.extras {
        let template = json!({"index_patterns": ["logs-app-*"], "data_stream": {}, "priority": 200,
            "template": {"settings": {"number_of_replicas": replicas}}});
        call(cluster, templates::put_index_template, Method::Put, "/_index_template/logs-app", template)?;
    }
    let data_stream = "logs-app-default";
    let mut report = SeedReport::default();
    let mut settings = json!({"number_of_shards": spec.shards, "number_of_replicas": replicas});
    if let Some(policy) = spec.policy.as_ref().filter(|_| cluster.opensearch.is_none()) {
        settings["index.lifecycle.name"] = json!(policy);
    }
    let day_name = |age_days: i64| format!("{}-{}", spec.family, format_index_day(today - age_days * DAY_MILLIS));
    // Checked up front for the whole family, so that a refused seed creates nothing.
    if let Some(taken) = (0..i64::from(spec.days)).map(day_name).find(|n| expression::alias_exists(cluster, n)) {
        return Err(EsError::new(
            400,
            "invalid_index_name_exception",
            format!("Invalid index name [{taken}], already exists as alias"),
        ));
    }
    // The disk monitor's sums, to which each new index is added (unless ILM or a data stream
    // changes other indices on the way: then the monitor sums up anew).
    let mut tally = disk::tally(cluster);
    let tallied = spec.policy.is_none() && !spec.extras;
    for day in 0..spec.days {
        let age_days = i64::from(spec.days - 1 - day);
        let day_start = today - age_days * DAY_MILLIS;
        // Indices appear a little after midnight (first event of the day), like Filebeat's.
        cluster.clock.set(day_start + (noise.next() * 120_000.0) as i64);
        if spec.extras && day == 0 {
            create_data_stream(cluster, data_stream)?;
        }
        let name = day_name(age_days);
        indices::create_index(cluster, &name, &json!({"settings": settings}), Origin::Api)?;
        // ILM picks a new managed index up right away (phase `hot` from its creation).
        ilm::engine::run_index(cluster, &name);
        let weekday = (day_start / DAY_MILLIS + 4).rem_euclid(7); // 0 = Sunday
        let weekend = if weekday == 0 || weekday == 6 { 0.6 } else { 1.0 };
        let trend = (1.0 + spec.growth).powf(-(age_days as f64));
        // Today's index is still being written: only the elapsed part of the day is in it.
        let elapsed = if age_days == 0 { ((now - day_start) as f64 / DAY_MILLIS as f64).clamp(0.01, 1.0) } else { 1.0 };
        let bytes = (spec.daily_bytes as f64 * trend * weekend * (0.9 + 0.2 * noise.next()) * elapsed) as u64;
        if let Some(mut index) = cluster.indices.get_mut(&name) {
            index.seeded_primary_bytes = bytes;
            index.seeded_docs = bytes / BYTES_PER_DOC;
        }
        if let Some(index) = cluster.indices.get(&name) {
            tally.add(index);
        }
        if spec.extras {
            grow_data_stream(cluster, data_stream, bytes / 4, day > 0)?;
        }
        if spec.policy.is_some() {
            // ILM's run at the end of the day; today's has not come yet, it runs now.
            cluster.clock.set((day_start + DAY_MILLIS - 1).min(now));
            ilm::run_engine(cluster);
            crate::opensearch::ism::runner::run(cluster);
        }
    }
    cluster.clock.set(now);
    if spec.extras {
        add_clutter(cluster, spec, now)?;
        report.data_streams.push(data_stream.to_string());
    }
    // Back to the clock as it was (a clock following the wall clock has moved on meanwhile).
    cluster.clock = clock;
    if spec.policy.is_some() {
        ilm::run_engine(cluster);
    }
    if tallied {
        tally.settle(cluster);
    }
    disk::apply_watermarks(cluster)?;
    let prefix = format!("{}-", spec.family);
    report.indices = cluster
        .indices
        .range(prefix.clone()..)
        .map(|(n, _)| n)
        .take_while(|n| n.starts_with(&prefix))
        .cloned()
        .collect();
    Ok(report)
}

/// Starts a new day of the data stream (a rollover, except on its first day) and adds the day's data.
fn grow_data_stream(cluster: &mut Cluster, data_stream: &str, bytes: u64, roll: bool) -> EsResult<()> {
    if roll {
        rollover_target(cluster, data_stream, &json!({}), false)?;
    }
    if let Some(write) = cluster.data_streams.get(data_stream).and_then(|ds| ds.indices.last().cloned())
        && let Some(mut index) = cluster.indices.get_mut(&write)
    {
        index.seeded_primary_bytes += bytes;
        index.seeded_docs += bytes / BYTES_PER_DOC;
    }
    Ok(())
}

/// What real clusters also hold: a forgotten reindex target, an empty index, a system index.
fn add_clutter(cluster: &mut Cluster, spec: &SeedSpec, now: i64) -> EsResult<()> {
    let reindex = format!("tmp-reindex-{}-{}", spec.family, format_index_day(now - 40 * DAY_MILLIS));
    cluster.clock.set(now - 40 * DAY_MILLIS);
    indices::create_index(cluster, &reindex, &json!({"settings": {"number_of_replicas": 0}}), Origin::Api)?;
    if let Some(mut i) = cluster.indices.get_mut(&reindex) {
        i.seeded_primary_bytes = spec.daily_bytes * 3;
        i.seeded_docs = spec.daily_bytes * 3 / BYTES_PER_DOC;
    }
    cluster.clock.set(now - 3 * DAY_MILLIS);
    indices::create_index(cluster, "empty-index", &json!({"settings": {"number_of_replicas": 0}}), Origin::Api)?;
    let kibana = format!(".kibana_{}_001", cluster.version);
    indices::create_index(
        cluster,
        &kibana,
        &json!({"settings": {"number_of_replicas": 0, "index.hidden": true}, "aliases": {".kibana": {"is_hidden": true}}}),
        Origin::Api,
    )?;
    if let Some(mut i) = cluster.indices.get_mut(&kibana) {
        i.seeded_primary_bytes = 4 * 1024 * 1024;
        i.seeded_docs = 1_200;
    }
    cluster.clock.set(now);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::version::EsVersion;

    const NOW: i64 = 1_710_505_800_000; // 2024-03-15T12:30:00Z

    #[test]
    fn seeds_daily_family_deterministically_ending_today() {
        let spec = SeedSpec { days: 10, ..SeedSpec::default() };
        let mut a = Cluster::new(EsVersion::DEFAULT, NOW);
        let report = seed(&mut a, &spec).unwrap();
        assert_eq!(report.indices.len(), 10);
        assert_eq!(report.indices.last().unwrap(), "python-logs-2024.03.15");
        assert_eq!(report.indices[0], "python-logs-2024.03.06");
        let first = &a.indices["python-logs-2024.03.06"];
        assert!(first.creation_millis >= 1_709_683_200_000 && first.creation_millis < 1_709_683_200_000 + 120_000);
        assert!(first.seeded_primary_bytes > 1_000_000_000);
        // Today is half written at 12:30.
        assert!(a.indices["python-logs-2024.03.15"].seeded_primary_bytes < 1_400_000_000);
        assert_eq!(a.now_millis(), NOW);
        let mut b = Cluster::new(EsVersion::DEFAULT, NOW);
        seed(&mut b, &spec).unwrap();
        assert_eq!(first.seeded_primary_bytes, b.indices["python-logs-2024.03.06"].seeded_primary_bytes);
    }

    #[test]
    fn the_disk_monitor_sums_a_seed_as_it_would_sum_the_whole_cluster() {
        let mut c = Cluster::new(EsVersion::DEFAULT, NOW);
        c.nodes = 2;
        for (family, shards) in [("a", 1), ("b", 3), ("c", 2)] {
            let spec = SeedSpec { family: family.into(), days: 7, shards, replicas: Some(1), ..SeedSpec::default() };
            seed(&mut c, &spec).unwrap();
        }
        let remembered = disk::node_usage(&c);
        c.disk_tally = None;
        assert_eq!(remembered, disk::node_usage(&c));
        assert!(remembered.iter().all(|n| n.shards > 0));
    }

    #[test]
    fn extras_add_a_data_stream_and_clutter() {
        let spec = SeedSpec { days: 5, extras: true, replicas: Some(0), ..SeedSpec::default() };
        let mut c = Cluster::new(EsVersion::DEFAULT, NOW);
        let report = seed(&mut c, &spec).unwrap();
        assert_eq!(report.data_streams, vec!["logs-app-default"]);
        let ds = &c.data_streams["logs-app-default"];
        assert_eq!(ds.indices.len(), 5);
        assert_eq!(ds.indices.last().unwrap(), ".ds-logs-app-default-2024.03.15-000005");
        assert!(c.indices.contains_key("empty-index"));
        assert!(c.indices.contains_key(".kibana_8.15.0_001"));
    }

    #[test]
    fn seeding_writes_history_past_the_shard_limit_which_then_refuses_new_indices() {
        let mut c = Cluster::new(EsVersion::DEFAULT, NOW);
        c.persistent_settings.insert("cluster.max_shards_per_node".into(), json!("10"));
        seed(&mut c, &SeedSpec { days: 20, ..SeedSpec::default() }).unwrap();
        assert_eq!(c.indices.len(), 20);
        assert!(!c.seeding);
        let e = crate::indices::create_index(&mut c, "new", &json!({}), indices::Origin::Api).unwrap_err();
        assert_eq!(e.kind, "validation_exception");
    }

    #[test]
    fn a_policy_replays_ilm_history_day_by_day() {
        let spec = SeedSpec { days: 120, policy: Some("python-logs".into()), ..SeedSpec::default() };
        let mut c = Cluster::new(EsVersion::DEFAULT, NOW);
        let report = seed(&mut c, &spec).unwrap();
        assert!(c.ilm_policies.contains_key("python-logs"));
        // ILM deleted what aged past 90 days on the way; the rest is in the phase its age says.
        assert!((90..=92).contains(&report.indices.len()), "{} indices", report.indices.len());
        let phase = |name: &str| c.indices[name].ilm.as_ref().map(|s| s.phase.clone()).unwrap_or_default();
        assert_eq!(phase("python-logs-2024.03.15"), "hot");
        assert_eq!(phase("python-logs-2024.03.01"), "warm");
        assert_eq!(phase("python-logs-2024.01.20"), "cold");
        assert_eq!(c.now_millis(), NOW);
        // Nothing happened after the clock's time.
        for index in c.indices.values() {
            if let Some(state) = &index.ilm {
                assert!(state.step_time_millis <= NOW, "{} stepped in the future", index.name);
                assert!(state.phase_time_millis <= NOW, "{} entered its phase in the future", index.name);
            }
        }
    }
}
