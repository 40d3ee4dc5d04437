//! The analysis, family by family and finding by finding, on hand-built snapshots.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::report::{AuditReport, Confidence, Finding, FindingCode, Severity, WatermarkLevel};
use super::{AuditOptions, ClusterSnapshot, analyze};
use crate::es::api::NodeDisk;
use crate::es::cluster_state::{
    CatIndex, DataStreamInfo, IlmExplain, IlmPolicy, IndexAlias, IndexSettings, PolicyPhase, WatermarkSettings,
};

const GIB: u64 = 1 << 30;
const DAY: i64 = 86_400_000;

fn now() -> DateTime<Utc> {
    "2024-03-15T12:30:00Z".parse().unwrap()
}

fn millis(rfc3339: &str) -> i64 {
    rfc3339.parse::<DateTime<Utc>>().unwrap().timestamp_millis()
}

/// A snapshot built index by index.
#[derive(Clone)]
struct Cluster(ClusterSnapshot);

impl Cluster {
    fn new() -> Self {
        Cluster(ClusterSnapshot {
            cluster_name: "test".into(),
            nodes: vec![NodeDisk {
                node: "n1".into(),
                shards: 0,
                indices_bytes: None,
                used_bytes: Some(100 * GIB),
                total_bytes: Some(1000 * GIB),
                percent: Some(10),
            }],
            watermarks: WatermarkSettings::default(),
            ..Default::default()
        })
    }

    /// An open index with 1 primary, `bytes` of primary data and 550 bytes per doc, created at `created`.
    fn index(mut self, name: &str, bytes: u64, created: i64) -> Self {
        self.0.indices.push(CatIndex {
            index: name.into(),
            health: "green".into(),
            status: "open".into(),
            primaries: 1,
            replicas: 0,
            docs: Some(bytes / 550),
            store_bytes: Some(bytes),
            primary_store_bytes: Some(bytes),
            creation_millis: Some(created),
        });
        self
    }

    /// `days` daily indices `family-yyyy.MM.dd` ending today, `bytes` each, under `policy`.
    fn daily(mut self, family: &str, days: i64, bytes: u64, policy: Option<&str>) -> Self {
        for age in 0..days {
            let created = now().timestamp_millis() - now().timestamp_millis().rem_euclid(DAY) - age * DAY + 60_000;
            let date = DateTime::from_timestamp_millis(created).unwrap().format("%Y.%m.%d");
            let name = format!("{family}-{date}");
            self = self.index(&name, bytes, created);
            if let Some(p) = policy {
                self = self.managed(&name, p, "hot", created);
            }
        }
        self
    }

    fn managed(mut self, index: &str, policy: &str, phase: &str, lifecycle_date: i64) -> Self {
        self.0.settings.entry(index.into()).or_default().lifecycle_name = Some(policy.into());
        self.0.explain.insert(
            index.into(),
            IlmExplain {
                managed: true,
                policy: Some(policy.into()),
                lifecycle_date_millis: Some(lifecycle_date),
                phase: Some(phase.into()),
                action: Some("complete".into()),
                step: Some("complete".into()),
                ..Default::default()
            },
        );
        self
    }

    fn policy(mut self, name: &str, phases: &[(&str, i64, &[&str])]) -> Self {
        let phases = phases
            .iter()
            .map(|(p, min_age_days, actions)| {
                (
                    p.to_string(),
                    PolicyPhase {
                        min_age_millis: min_age_days * DAY,
                        actions: actions.iter().map(|a| a.to_string()).collect(),
                        ..Default::default()
                    },
                )
            })
            .collect();
        self.0.policies.insert(name.into(), IlmPolicy { phases });
        self
    }

    fn with(mut self, f: impl FnOnce(&mut ClusterSnapshot)) -> Self {
        f(&mut self.0);
        self
    }

    fn audit(&self) -> AuditReport {
        analyze(&self.0, now(), &AuditOptions::default())
    }
}

fn delete_after_90d(c: Cluster) -> Cluster {
    c.policy("logs", &[("hot", 0, &["set_priority"]), ("delete", 90, &["delete"])])
}

/// Subjects of the findings with `code`.
fn subjects(report: &AuditReport, code: FindingCode) -> Vec<String> {
    report.findings.iter().filter(|f| f.code == code).map(|f| f.subject.clone()).collect()
}

fn codes(report: &AuditReport) -> Vec<FindingCode> {
    let mut c: Vec<FindingCode> = report.findings.iter().map(|f| f.code).collect();
    c.sort();
    c.dedup();
    c
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_healthy_managed_daily_family_has_no_findings() {
    let report = delete_after_90d(Cluster::new()).daily("python-logs", 20, 2 * GIB, Some("logs")).audit();
    assert_eq!(codes(&report), []);
    let f = &report.families[0];
    assert_eq!((f.name.as_str(), f.indices), ("python-logs", 20));
    assert_eq!(f.oldest_date, Some(day(2024, 2, 25)));
    assert_eq!(f.newest_date, Some(day(2024, 3, 15)));
    assert_eq!(f.daily_average_7d_bytes, Some(2 * GIB));
    // 30-day average over the 19 complete days the family has existed.
    assert_eq!(f.daily_average_30d_bytes, Some(2 * GIB));
    assert_eq!(f.policy.as_deref(), Some("logs"));
    assert!(f.policies_agree);
    assert_eq!(f.phases, BTreeMap::from([("hot".to_string(), 20)]));
    assert_eq!(f.daily.len(), 30);
    assert_eq!(f.daily.last().unwrap().date, day(2024, 3, 15));
    assert_eq!(f.daily[0].bytes, 0, "before the family existed");
    assert!((f.disk_share - 0.4).abs() < 1e-9, "40 GiB of 100 GiB used");
    let next = f.next_deletion.as_ref().unwrap();
    assert_eq!(next.index, "python-logs-2024.02.25");
    assert_eq!(next.at.date_naive(), day(2024, 5, 25));
    // 40 GiB held + 800 GiB left under the 90 % high watermark of a 1000 GiB disk, at 2 GiB a day.
    assert_eq!(f.retention_fit_days, Some(420));
}

#[test]
fn retention_that_fits_under_the_high_watermark() {
    use super::analyze::retention_fit_days;
    assert_eq!(retention_fit_days(40 * GIB, Some(2 * GIB), 800 * GIB as i64), Some(420));
    // Above the high watermark: less than the family holds now; far above it, nothing fits.
    assert_eq!(retention_fit_days(40 * GIB, Some(2 * GIB), -(10 * GIB as i64)), Some(15));
    assert_eq!(retention_fit_days(40 * GIB, Some(2 * GIB), -(50 * GIB as i64)), Some(0));
    assert_eq!(retention_fit_days(40 * GIB, None, 0), None);
    assert_eq!(retention_fit_days(40 * GIB, Some(0), 0), None);
}

#[test]
fn families_span_month_and_year_boundaries_and_mixed_formats() {
    let c = Cluster::new()
        .index("logs-2023.12.31", GIB, millis("2023-12-31T00:01:00Z"))
        .index("logs-2024-01-01", GIB, millis("2024-01-01T00:01:00Z"))
        .index("logs-20240229", GIB, millis("2024-02-29T00:01:00Z"))
        .index("logs-2024.03.01", GIB, millis("2024-03-01T00:01:00Z"));
    let report = c.audit();
    assert_eq!(report.families.len(), 1);
    let f = &report.families[0];
    assert_eq!(f.indices, 4);
    assert_eq!((f.oldest_date, f.newest_date), (Some(day(2023, 12, 31)), Some(day(2024, 3, 1))));
}

#[test]
fn a_family_of_one_has_no_daily_average_and_no_sizing_verdict() {
    let report = Cluster::new().index("solo-2024.03.10", 10, millis("2024-03-10T00:00:00Z")).audit();
    let f = &report.families[0];
    assert_eq!(f.indices, 1);
    assert_eq!(f.daily_average_7d_bytes, None);
    assert_eq!(subjects(&report, FindingCode::ShardTooSmall), Vec::<String>::new());
    assert_eq!(subjects(&report, FindingCode::UnmanagedIndex), ["solo"]);
}

#[test]
fn unparsable_and_future_dates_are_findings_not_crashes() {
    let c = Cluster::new()
        .index("logs-2024.03.14", GIB, millis("2024-03-14T00:00:00Z"))
        .index("logs-2024.02.30", GIB, millis("2024-03-01T00:00:00Z"))
        .index("logs-2023.02.29", GIB, millis("2023-03-01T00:00:00Z"))
        .index("logs-2024.13.01", GIB, millis("2024-03-01T00:00:00Z"))
        // 23:30 UTC on the 15th is the 16th in Berlin: a local-time shipper writes tomorrow's name.
        .index("logs-2024.03.16", GIB, millis("2024-03-15T23:30:00Z"))
        .index("logs-2024.02.29", GIB, millis("2024-02-29T00:00:00Z"));
    let report = c.audit();
    assert_eq!(report.families.len(), 1, "invalid dates stay in their family");
    let unparsable = report.findings.iter().find(|f| f.code == FindingCode::UnparsableDate).unwrap();
    assert_eq!(unparsable.indices, ["logs-2023.02.29", "logs-2024.02.30", "logs-2024.13.01"]);
    assert_eq!(unparsable.severity, Severity::Warn);
    let future = report.findings.iter().find(|f| f.code == FindingCode::FutureDate).unwrap();
    assert_eq!(future.indices, ["logs-2024.03.16"]);
}

#[test]
fn ilm_errors_carry_the_failed_step_and_reason() {
    let reason = "setting [index.lifecycle.rollover_alias] for index [stuck-2024.03.14] is empty or not defined";
    let c = Cluster::new()
        .policy("rolling", &[("hot", 0, &["rollover"]), ("delete", 30, &["delete"])])
        .index("stuck-2024.03.14", GIB, millis("2024-03-14T00:00:00Z"))
        .managed("stuck-2024.03.14", "rolling", "hot", millis("2024-03-14T00:00:00Z"))
        .with(|s| {
            let e = s.explain.get_mut("stuck-2024.03.14").unwrap();
            e.action = Some("rollover".into());
            e.step = Some("ERROR".into());
            e.failed_step = Some("check-rollover-ready".into());
            e.step_info = Some(serde_json::json!({"type": "illegal_argument_exception", "reason": reason}));
        });
    let report = c.audit();
    let f = report.findings.iter().find(|f| f.code == FindingCode::IlmStepError).unwrap();
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.indices, ["stuck-2024.03.14"]);
    assert!(f.evidence.contains("hot/rollover/check-rollover-ready"), "{}", f.evidence);
    assert!(f.evidence.contains(reason), "{}", f.evidence);
    assert!(f.action.starts_with("give the index its rollover alias"), "the usual fix for this reason: {}", f.action);
    assert!(f.action.ends_with(", then retry the failed step: esops ilm retry stuck-2024.03.14"), "{}", f.action);
    assert_eq!(subjects(&report, FindingCode::RolloverOnDateNamed), ["stuck"]);
    assert_eq!(codes(&report), [FindingCode::IlmStepError, FindingCode::RolloverOnDateNamed]);
}

#[test]
fn many_indices_in_error_are_retried_by_the_family_pattern() {
    let mut c = Cluster::new().policy("rolling", &[("hot", 0, &["rollover"])]);
    for day in 10..14 {
        let name = format!("stuck-2024.03.{day}");
        c = c.index(&name, GIB, millis("2024-03-14T00:00:00Z")).managed(
            &name,
            "rolling",
            "hot",
            millis("2024-03-14T00:00:00Z"),
        );
        c = c.with(|s| {
            let e = s.explain.get_mut(&name).unwrap();
            e.step = Some("ERROR".into());
            e.step_info = Some(serde_json::json!({"type": "illegal_argument_exception", "reason": "same"}));
        });
    }
    let report = c.audit();
    let f = report.findings.iter().find(|f| f.code == FindingCode::IlmStepError).unwrap();
    assert_eq!(f.indices.len(), 4);
    assert!(f.action.ends_with("esops ilm retry 'stuck*'"), "{}", f.action);
}

#[test]
fn rollover_policies_on_generation_names_and_data_streams_are_fine() {
    let c = Cluster::new()
        .policy("rolling", &[("hot", 0, &["rollover"]), ("delete", 30, &["delete"])])
        .index("app-000001", GIB, millis("2024-03-14T00:00:00Z"))
        .managed("app-000001", "rolling", "hot", millis("2024-03-14T00:00:00Z"))
        .index(".ds-web-2024.03.14-000001", GIB, millis("2024-03-14T00:00:00Z"))
        .managed(".ds-web-2024.03.14-000001", "rolling", "hot", millis("2024-03-14T00:00:00Z"))
        .index("app-2024.03.14-000002", GIB, millis("2024-03-14T00:00:00Z"))
        .managed("app-2024.03.14-000002", "rolling", "hot", millis("2024-03-14T00:00:00Z"));
    assert_eq!(subjects(&c.audit(), FindingCode::RolloverOnDateNamed), Vec::<String>::new());
}

#[test]
fn unmanaged_indices_but_not_system_ones_or_lifecycle_data_streams() {
    let c = Cluster::new()
        .index("clutter", GIB, millis("2024-01-01T00:00:00Z"))
        .index(".kibana_8.15.0_001", GIB, millis("2024-01-01T00:00:00Z"))
        .index("hidden-thing", GIB, millis("2024-01-01T00:00:00Z"))
        .index(".ds-dsl-2024.03.14-000001", GIB, millis("2024-03-14T00:00:00Z"))
        .index(".ds-dsl-2024.03.15-000002", GIB, millis("2024-03-15T00:00:00Z"))
        .with(|s| {
            s.settings.insert("hidden-thing".into(), IndexSettings { hidden: true, ..Default::default() });
            s.data_streams.push(DataStreamInfo {
                name: "dsl".into(),
                indices: vec![".ds-dsl-2024.03.14-000001".into(), ".ds-dsl-2024.03.15-000002".into()],
                ilm_policy: None,
                data_stream_lifecycle: true,
                data_retention: Some("30d".into()),
                effective_retention: Some(("30d".into(), None)),
                ..Default::default()
            });
        });
    let report = c.audit();
    assert_eq!(subjects(&report, FindingCode::UnmanagedIndex), ["clutter"]);
    let dsl = report.families.iter().find(|f| f.name == "dsl").unwrap();
    assert!(dsl.data_stream);
    assert_eq!(dsl.phases, BTreeMap::from([("data_stream_lifecycle".to_string(), 2)]));
    // The data stream lifecycle deletes the first backing index 30 days after its rollover (the
    // second one's creation); the write index is not deleted.
    assert_eq!(dsl.data_stream_retention.as_deref(), Some("30d"));
    let next = dsl.next_deletion.as_ref().unwrap();
    assert_eq!(
        (next.index.as_str(), next.at.to_rfc3339()),
        (".ds-dsl-2024.03.14-000001", "2024-04-14T00:00:00+00:00".into())
    );
}

#[test]
fn missing_policies_and_policies_that_never_delete() {
    let c = Cluster::new()
        .policy("forever", &[("hot", 0, &["set_priority"])])
        .policy("hollow", &[("hot", 0, &[]), ("delete", 30, &[])])
        .policy("unused", &[("hot", 0, &[])])
        .index("a-2024.03.14", GIB, millis("2024-03-14T00:00:00Z"))
        .managed("a-2024.03.14", "forever", "hot", millis("2024-03-14T00:00:00Z"))
        .index("b-2024.03.14", GIB, millis("2024-03-14T00:00:00Z"))
        .managed("b-2024.03.14", "hollow", "hot", millis("2024-03-14T00:00:00Z"))
        .index("c-2024.03.14", GIB, millis("2024-03-14T00:00:00Z"))
        .managed("c-2024.03.14", "gone", "hot", millis("2024-03-14T00:00:00Z"));
    let report = c.audit();
    assert_eq!(subjects(&report, FindingCode::PolicyWithoutDelete), ["forever", "hollow"]);
    let hollow = report.findings.iter().find(|f| f.subject == "hollow").unwrap();
    assert!(hollow.evidence.contains("delete phase without a delete action"), "{}", hollow.evidence);
    let missing = report.findings.iter().find(|f| f.code == FindingCode::PolicyMissing).unwrap();
    assert_eq!((missing.subject.as_str(), missing.indices.as_slice()), ("c", &["c-2024.03.14".to_string()][..]));
    assert_eq!(missing.severity, Severity::Error);
}

#[test]
fn indices_past_their_delete_age_that_still_exist() {
    let c = delete_after_90d(Cluster::new())
        // Exactly at the delete age: ILM gets a day of grace.
        .index("logs-2023.12.16", GIB, millis("2023-12-16T12:00:00Z"))
        .managed("logs-2023.12.16", "logs", "delete", millis("2023-12-16T12:00:00Z"))
        .index("logs-2023.12.01", GIB, millis("2023-12-01T00:00:00Z"))
        .managed("logs-2023.12.01", "logs", "warm", millis("2023-12-01T00:00:00Z"));
    let report = c.audit();
    let f = report.findings.iter().find(|f| f.code == FindingCode::PastRetention).unwrap();
    assert_eq!(f.indices, ["logs-2023.12.01"]);
    assert!(f.evidence.contains("is 15 days late and at warm/complete/complete"), "{}", f.evidence);
}

#[test]
fn backing_indices_past_their_data_stream_lifecycle_retention_name_the_lifecycle_not_a_policy() {
    let c = Cluster::new()
        .index(".ds-late-2024.01.01-000001", GIB, millis("2024-01-01T00:00:00Z"))
        .index(".ds-late-2024.01.02-000002", GIB, millis("2024-01-02T00:00:00Z"))
        .index(".ds-late-2024.03.15-000003", GIB, millis("2024-03-15T00:00:00Z"))
        .with(|s| {
            s.data_streams.push(DataStreamInfo {
                name: "late".into(),
                indices: vec![
                    ".ds-late-2024.01.01-000001".into(),
                    ".ds-late-2024.01.02-000002".into(),
                    ".ds-late-2024.03.15-000003".into(),
                ],
                data_stream_lifecycle: true,
                data_retention: Some("30d".into()),
                effective_retention: Some(("30d".into(), None)),
                ..Default::default()
            });
        });
    let report = c.audit();
    let f = report.findings.iter().find(|f| f.code == FindingCode::PastRetention).unwrap();
    // The second rolled over on 2024-03-15: its 30 days have not passed.
    assert_eq!(f.indices, [".ds-late-2024.01.01-000001"]);
    assert!(f.evidence.contains("past the retention of its data stream lifecycle (30d)"), "{}", f.evidence);
    assert!(!f.evidence.contains('?') && !f.evidence.contains("policy"), "{}", f.evidence);
    assert!(f.action.contains("_lifecycle/explain"), "{}", f.action);
}

#[test]
fn shard_sizing_findings() {
    let mut c = Cluster::new()
        .daily("tiny", 5, 100 << 20, None)
        .index("huge-2024.03.13", 120 * GIB, millis("2024-03-13T00:00:00Z"))
        .index("wide-2024.03.13", 120 * GIB, millis("2024-03-13T00:00:00Z"));
    // Two primaries keep `wide` under 50 GiB and 200M documents per shard.
    c.0.indices.last_mut().unwrap().primaries = 3;
    let report = c.audit();
    assert_eq!(subjects(&report, FindingCode::ShardTooSmall), ["tiny"]);
    assert_eq!(subjects(&report, FindingCode::ShardTooLarge), ["huge"]);
    assert_eq!(subjects(&report, FindingCode::ShardTooManyDocs), ["huge"]);
    let small = report.findings.iter().find(|f| f.code == FindingCode::ShardTooSmall).unwrap();
    assert_eq!(small.severity, Severity::Info);
    assert_eq!(small.indices.len(), 4, "today's index is still growing and is not judged");
}

#[test]
fn empty_indices_older_than_a_day_except_write_indices() {
    let mut c = Cluster::new()
        .index("empty", 0, millis("2024-03-10T00:00:00Z"))
        .index("fresh", 0, millis("2024-03-15T06:00:00Z"))
        .index("writer-000001", 0, millis("2024-03-10T00:00:00Z"))
        .with(|s| {
            s.aliases.insert("writer-000001".into(), vec![IndexAlias { alias: "writer".into(), is_write_index: true }]);
        });
    for i in &mut c.0.indices {
        i.docs = Some(0);
    }
    let report = c.audit();
    assert_eq!(subjects(&report, FindingCode::EmptyIndex), ["empty"]);
}

#[test]
fn watermarks_percent_and_absolute_and_blocks() {
    let at = |low: &str, high: &str, flood: &str| {
        Cluster::new()
            .with(|s| {
                s.watermarks =
                    WatermarkSettings { low: low.into(), high: high.into(), flood_stage: flood.into(), enabled: true }
            })
            .audit()
    };
    assert_eq!(at("85%", "90%", "95%").disk.nodes[0].level, None);
    let r = at("5%", "90%", "95%");
    assert_eq!(r.disk.nodes[0].level, Some(WatermarkLevel::Low));
    assert_eq!(r.findings[0].severity, Severity::Warn);
    // Absolute values are free space: 950 GiB free needed on a 1000 GiB disk means 50 GiB used.
    let r = at("0.05", "950gb", "920gb");
    assert_eq!(r.disk.nodes[0].high_bytes, 50 * GIB);
    assert_eq!(r.disk.nodes[0].level, Some(WatermarkLevel::FloodStage));
    assert_eq!(subjects(&r, FindingCode::DiskWatermark), ["n1"]);
    assert_eq!(r.findings.iter().find(|f| f.code == FindingCode::DiskWatermark).unwrap().severity, Severity::Error);
    let blocked = Cluster::new()
        .index("x", GIB, millis("2024-03-10T00:00:00Z"))
        .with(|s| {
            s.settings.insert("x".into(), IndexSettings { read_only_allow_delete: true, ..Default::default() });
        })
        .audit();
    assert_eq!(blocked.disk.read_only_indices, ["x"]);
    assert_eq!(subjects(&blocked, FindingCode::ReadOnlyBlock), ["cluster"]);
}

#[test]
fn flood_stage_forecast_within_the_horizon() {
    // 10 GiB/day unmanaged on 100/1000 GiB used, flood at 95%: (950 - 100) / 10 = 85 days.
    let c = Cluster::new().daily("growing", 20, 10 * GIB, None);
    let report = c.audit();
    let f = &report.disk.forecast;
    assert_eq!(f.days_until_flood_stage, Some(85));
    assert_eq!(f.confidence, Confidence::High);
    assert_eq!(subjects(&report, FindingCode::FloodStageForecast), Vec::<String>::new());
    let within = analyze(&c.0, now(), &AuditOptions { horizon_days: 90, ..Default::default() });
    assert_eq!(subjects(&within, FindingCode::FloodStageForecast), ["cluster"]);
    let young = Cluster::new().daily("growing", 4, 10 * GIB, None).audit();
    assert_eq!(young.disk.forecast.confidence, Confidence::Low);
    assert_eq!(young.disk.forecast.history_days, 3);
}

#[test]
fn on_several_nodes_the_forecast_sums_their_disks_and_says_so() {
    let mut c = Cluster::new().daily("growing", 20, 10 * GIB, None);
    let single = c.audit();
    assert!(!single.disk.forecast.method.contains("nodes"), "{}", single.disk.forecast.method);
    let second = NodeDisk { node: "n2".into(), ..c.0.nodes[0].clone() };
    c.0.nodes.push(second);
    let two = c.audit();
    // (2 × 950 − 2 × 100) / 10 GiB a day.
    assert_eq!(two.disk.forecast.days_until_flood_stage, Some(170));
    assert!(
        two.disk
            .forecast
            .method
            .ends_with("over the 2 nodes' disks together, as if the balancer spread the data evenly")
    );
}

#[test]
fn filters_select_families_but_the_forecast_sees_the_whole_disk() {
    let c = Cluster::new().daily("a", 20, 10 * GIB, None).daily("b", 20, 10 * GIB, None);
    let all = c.audit();
    let only_a = analyze(&c.0, now(), &AuditOptions { family: Some("a".into()), ..Default::default() });
    assert_eq!(only_a.families.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["a"]);
    assert_eq!(subjects(&only_a, FindingCode::UnmanagedIndex), ["a"]);
    assert_eq!(only_a.disk.forecast, all.disk.forecast);
    let pattern = analyze(&c.0, now(), &AuditOptions { pattern: Some("b-2024.03.1*".into()), ..Default::default() });
    assert_eq!(pattern.totals.indices, 6);
}

#[test]
fn every_code_has_a_distinct_kebab_case_name() {
    let mut names: Vec<&str> = FindingCode::ALL.iter().map(|c| c.as_str()).collect();
    for (code, name) in FindingCode::ALL.iter().zip(&names) {
        assert_eq!(serde_json::to_value(code).unwrap(), serde_json::json!(name));
    }
    names.sort();
    names.dedup();
    assert_eq!(names.len(), FindingCode::ALL.len());
}

#[test]
fn the_shard_limit_warns_from_80_percent_and_is_an_error_when_reached() {
    // 20 daily indices of one primary and no replica; the default limit is far away.
    let c = Cluster::new().daily("logs", 20, GIB, None).with(|s| s.max_shards_per_node = Some(1000));
    let report = c.audit();
    let shards = report.shards.expect("limit known");
    assert_eq!((shards.open, shards.limit, shards.data_nodes), (20, 1000, 1));
    assert_eq!(subjects(&report, FindingCode::ShardLimit), Vec::<String>::new());

    let near = c.clone().with(|s| s.max_shards_per_node = Some(24)).audit();
    let finding = near.findings.iter().find(|f| f.code == FindingCode::ShardLimit).expect("80 % and more");
    assert_eq!((finding.severity, finding.subject.as_str()), (Severity::Warn, "cluster"));
    assert!(finding.evidence.starts_with("20 of 24 shards open (83%"), "{}", finding.evidence);

    let full = c.clone().with(|s| s.max_shards_per_node = Some(20)).audit();
    let finding = full.findings.iter().find(|f| f.code == FindingCode::ShardLimit).expect("at the limit");
    assert_eq!(finding.severity, Severity::Error);

    // Replicas count whether assigned or not; closed indices do not count.
    let counted = c
        .clone()
        .with(|s| {
            s.max_shards_per_node = Some(1000);
            s.indices[0].replicas = 1;
            s.indices[1].status = "close".into();
        })
        .audit();
    assert_eq!(counted.shards.unwrap().open, 20);

    // Unknown limit (not read): no shard figures, no finding.
    assert_eq!(Cluster::new().daily("logs", 20, GIB, None).audit().shards, None);
}

#[test]
fn waiting_steps_held_far_too_long_are_stuck() {
    let now_ms = now().timestamp_millis();
    let wait = |index: &str, action: &str, step: &str, hours: i64, message: Option<&str>| {
        let (index, action, step) = (index.to_string(), action.to_string(), step.to_string());
        let message = message.map(str::to_string);
        move |s: &mut ClusterSnapshot| {
            let e = s.explain.get_mut(&index).unwrap();
            e.action = Some(action);
            e.step = Some(step);
            e.step_time_millis = Some(now_ms - hours * 3_600_000);
            e.step_info = message.map(|m| serde_json::json!({"message": m}));
        }
    };
    let c = Cluster::new()
        .policy("logs", &[("hot", 0, &["rollover"]), ("warm", 7, &["allocate"])])
        .with(|s| {
            s.policies.get_mut("logs").unwrap().phases.get_mut("hot").unwrap().rollover_max_age_millis = Some(DAY)
        })
        .daily("logs", 5, GIB, Some("logs"));
    let at = |days_ago: i64| format!("logs-{}", (now() - chrono::Days::new(days_ago as u64)).format("%Y.%m.%d"));
    let stuck = c
        .clone()
        .with(wait(
            &at(4),
            "allocate",
            "check-allocation",
            50,
            Some("Waiting for [1] shards to be allocated to nodes matching the given filters"),
        ))
        .with(wait(&at(3), "allocate", "check-allocation", 2, None))
        .with(wait(&at(2), "rollover", "check-rollover-ready", 72, None))
        .with(wait(&at(1), "rollover", "check-rollover-ready", 36, None))
        .audit();
    let found: Vec<&Finding> = stuck.findings.iter().filter(|f| f.code == FindingCode::IlmStepStuck).collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].indices, [at(4)], "a day is enough to call allocation stuck, two hours is not");
    assert!(found[0].evidence.contains("for 2 days; ES says: Waiting for [1] shards"), "{}", found[0].evidence);
    assert_eq!(found[1].indices, [at(2)], "past max_age + a day; 36 hours with max_age 1d is not");
    assert!(found[1].action.contains("write index"), "{}", found[1].action);
    // Without max_age, waiting for the rollover conditions is normal however long it takes.
    let no_max_age = c
        .clone()
        .with(|s| s.policies.get_mut("logs").unwrap().phases.get_mut("hot").unwrap().rollover_max_age_millis = None)
        .with(wait(&at(2), "rollover", "check-rollover-ready", 240, None))
        .audit();
    assert_eq!(subjects(&no_max_age, FindingCode::IlmStepStuck), Vec::<String>::new());
}

#[test]
fn common_ilm_failures_come_with_their_usual_fix() {
    use super::analyze::ilm_error_fix;
    let fix = |reason: &str| ilm_error_fix(reason).unwrap_or("-");
    assert!(
        fix("index.lifecycle.rollover_alias [logs] does not point to index [logs-000001]").starts_with("point the")
    );
    assert!(fix("index [logs-000001] is not the write index for alias [logs]").contains("indexing_complete"));
    assert!(fix(r"index name [foo] does not match pattern '^.*-\d+$'").starts_with("rollover needs index names"));
    assert!(fix("Validation Failed: 1: this action would add [2] shards, but this cluster currently has [1000]/[1000] maximum normal shards open;").contains("shard-limit"));
    assert!(fix("index [x] blocked by: [TOO_MANY_REQUESTS/12/disk usage exceeded flood-stage watermark, index has read-only-allow-delete block];").contains("flood stage"));
    assert_eq!(fix("something else entirely"), "-");
}

/// From 10,000 indices the families are grouped and audited on several threads: the report is
/// the one a single thread gives, in the same order, also for a family split between the parts
/// of the indices grouped apart.
#[test]
fn a_large_cluster_audited_on_threads_reports_as_one_thread_would() {
    // Two indices ahead of the 12,000 move the parts' bounds into families (svc-059 on 2 CPUs,
    // svc-029 and svc-089 on 4).
    let mut cluster = delete_after_90d(Cluster::new()).index("aaa-1", GIB, millis("2024-03-10T00:00:00Z")).index(
        "aaa-2",
        GIB,
        millis("2024-03-10T00:00:00Z"),
    );
    for family in 0..120 {
        let policy = (family % 3 == 0).then_some("logs");
        cluster = cluster.daily(&format!("svc-{family:03}-logs"), 100, GIB / 2, policy);
    }
    let report = cluster.audit();
    assert_eq!((report.totals.families, report.totals.indices), (122, 12_002));
    // Each family alone is below the threshold, so audited on one thread.
    for name in ["svc-000-logs", "svc-029-logs", "svc-059-logs", "svc-089-logs", "svc-119-logs"] {
        let alone = Cluster(ClusterSnapshot {
            indices: cluster.0.indices.iter().filter(|i| i.index.starts_with(name)).cloned().collect(),
            ..cluster.0.clone()
        });
        let expected = alone.audit();
        let family = |r: &AuditReport| r.families.iter().find(|f| f.name == name).cloned();
        assert_eq!(family(&report), family(&expected), "{name}");
        let of =
            |r: &AuditReport| -> Vec<Finding> { r.findings.iter().filter(|f| f.subject == name).cloned().collect() };
        assert_eq!(of(&report), of(&expected), "{name}");
        assert!(!of(&report).is_empty());
    }
    assert_eq!(subjects(&report, FindingCode::UnmanagedIndex).len(), 82);
}

#[test]
fn work_spread_over_threads_comes_back_in_the_families_order() {
    let names: Vec<String> = (0..500).map(|i| format!("f{i:03}-2024.03.15")).collect();
    // Families of 1 to 60 members: 15,000 indices, uneven chunks.
    let families: Vec<_> = names
        .iter()
        .enumerate()
        .flat_map(|(i, name)| std::iter::repeat_n(name.as_str(), 1 + i % 60))
        .collect::<Vec<_>>();
    let families = crate::lifecycle::family::group(families, |n| n);
    assert!(families.iter().map(|f| f.members.len()).sum::<usize>() >= 10_000);
    let spread = super::analyze::each_in_parallel(&families, |f| (f.name.clone(), f.members.len()));
    let one_thread: Vec<_> = families.iter().map(|f| (f.name.clone(), f.members.len())).collect();
    assert_eq!(spread, one_thread);
}

/// At 100,000 indices the JSON report's findings are written on a thread of their own; the text
/// is the one serde_json's pretty printer writes for the whole report, either way.
#[test]
fn the_json_report_written_in_parts_is_serde_jsons_pretty_text() {
    let mut cluster = delete_after_90d(Cluster::new());
    for family in 0..4 {
        let policy = (family % 2 == 0).then_some("logs");
        cluster = cluster.daily(&format!("svc-{family}-logs"), 20, GIB / 2, policy);
    }
    let report = cluster
        .index("blocked-2024.03.10", GIB, millis("2024-03-10T00:00:00Z"))
        .with(|s| {
            s.settings.entry("blocked-2024.03.10".into()).or_default().read_only_allow_delete = true;
        })
        .audit();
    assert!(!report.disk.read_only_indices.is_empty() && !report.families.is_empty() && !report.days.is_empty());
    assert!(report.findings.iter().any(|f| !f.indices.is_empty()), "{:?}", codes(&report));
    let whole = serde_json::to_string_pretty(&report).unwrap() + "\n";
    for apart in [false, true] {
        assert_eq!(super::render::json_document(&report, apart).unwrap(), whole, "apart: {apart}");
    }
    let empty = Cluster::new().audit();
    assert_eq!(super::render::to_json(&empty).unwrap(), serde_json::to_string_pretty(&empty).unwrap() + "\n");
}
