//! Backups in the audit: snapshot count and size per repository, repositories that fail
//! verification, SLM policies that fail or have fallen silent, and ILM policies that delete data
//! no snapshot is known to hold.

use std::collections::BTreeMap;

use es_syntax::cron::Cron;
use es_syntax::glob::simple_match;
use serde::Serialize;

use super::report::{Finding, FindingCode, Severity};
use crate::es::cluster_state::IlmPolicy;
use crate::es::snapshots::{RepositoryInfo, SlmPolicyInfo, SnapshotInfo, Verification};

/// What the audit reads about backups (four requests plus one verification per repository).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Backups {
    /// Registered repositories.
    pub repositories: Vec<RepositoryInfo>,
    /// Every snapshot of every repository.
    pub snapshots: Vec<SnapshotInfo>,
    /// SLM policies.
    pub slm_policies: Vec<SlmPolicyInfo>,
    /// Verification outcome by repository (`None`: it passed); a repository esops may not verify
    /// (no privilege for `_verify`) is absent.
    pub verification: BTreeMap<String, Verification>,
}

/// One repository, as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepositoryReport {
    /// Name.
    pub name: String,
    /// Type (`fs`, `s3`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// Snapshots in it.
    pub snapshots: usize,
    /// Of which completed successfully.
    pub successful: usize,
    /// Bytes its snapshots hold, each index counted once at its latest snapshotted size (snapshots
    /// are incremental: an index's files are shared by the snapshots that hold it).
    pub size_bytes: u64,
    /// Start of the newest successful snapshot, epoch millis.
    pub newest_success_millis: Option<i64>,
    /// Whether every node can use it (`false`: see the `snapshot-repository-unverified` finding);
    /// `None` when esops may not verify it.
    pub verified: Option<bool>,
}

/// The repository reports and the backup findings. `selection` is the audited indices when the
/// audit is narrowed (`--family`, `--pattern`): SLM policies and repositories are then reported
/// only when they concern those indices.
pub fn analyze(
    backups: &Backups,
    policies: &BTreeMap<String, IlmPolicy>,
    policy_users: &BTreeMap<&str, Vec<&str>>,
    selection: Option<&[&str]>,
    now_millis: i64,
) -> (Vec<RepositoryReport>, Vec<Finding>) {
    let mut findings = Vec::new();
    let relevant_slm: Vec<&SlmPolicyInfo> = backups
        .slm_policies
        .iter()
        .filter(|slm| selection.is_none_or(|indices| indices.iter().any(|i| covers(&slm.indices, i))))
        .collect();
    let relevant_repository = |name: &str| selection.is_none() || relevant_slm.iter().any(|slm| slm.repository == name);
    let repositories = backups
        .repositories
        .iter()
        .map(|repo| {
            let own: Vec<&SnapshotInfo> = backups.snapshots.iter().filter(|s| s.repository == repo.name).collect();
            let mut latest_size: BTreeMap<&str, (i64, u64)> = BTreeMap::new();
            for s in own.iter().filter(|s| s.state == "SUCCESS" || s.state == "PARTIAL") {
                let start = s.start_millis.unwrap_or(0);
                for (index, bytes) in &s.index_bytes {
                    let entry = latest_size.entry(index).or_insert((start, *bytes));
                    if start >= entry.0 {
                        *entry = (start, *bytes);
                    }
                }
            }
            let checked = backups.verification.get(&repo.name);
            let verification = checked.cloned().flatten();
            if let Some(why) = verification.as_ref().filter(|_| relevant_repository(&repo.name)) {
                findings.push(Finding {
                    code: FindingCode::SnapshotRepositoryUnverified,
                    severity: Severity::Error,
                    subject: repo.name.clone(),
                    indices: Vec::new(),
                    evidence: format!("repository [{}] ({}) fails verification: {why}", repo.name, repo.kind),
                    action: format!(
                        "snapshots into it fail: check that every node can reach and write its storage, then `POST _snapshot/{}/_verify`",
                        repo.name
                    ),
                });
            }
            RepositoryReport {
                name: repo.name.clone(),
                kind: repo.kind.clone(),
                snapshots: own.len(),
                successful: own.iter().filter(|s| s.state == "SUCCESS").count(),
                size_bytes: latest_size.values().map(|(_, b)| b).sum(),
                newest_success_millis: own.iter().filter(|s| s.state == "SUCCESS").filter_map(|s| s.start_millis).max(),
                verified: checked.map(Option::is_none),
            }
        })
        .collect();
    for slm in relevant_slm {
        slm_findings(&mut findings, slm, now_millis);
    }
    unprotected_deletes(&mut findings, backups, policies, policy_users);
    (repositories, findings)
}

/// The time between two runs of a schedule, from `after` on.
fn period_millis(schedule: &str, after: i64) -> Option<i64> {
    let cron = Cron::parse(schedule).ok()?;
    let first = cron.next_after(after)?;
    Some(cron.next_after(first)? - first)
}

fn slm_findings(findings: &mut Vec<Finding>, slm: &SlmPolicyInfo, now_millis: i64) {
    let last_success = slm.last_success_millis;
    if let Some((failed_at, details)) = &slm.last_failure
        && last_success.is_none_or(|s| *failed_at > s)
    {
        findings.push(Finding {
            code: FindingCode::SlmPolicyFailing,
            severity: Severity::Error,
            subject: slm.name.clone(),
            indices: Vec::new(),
            evidence: format!(
                "the last run of SLM policy [{}] failed at {}: {}",
                slm.name,
                iso(*failed_at),
                first_line(details)
            ),
            action: format!(
                "fix the cause, then `POST _slm/policy/{}/_execute` and check `GET _slm/policy/{}`",
                slm.name, slm.name
            ),
        });
        return;
    }
    let Some(period) = period_millis(&slm.schedule, now_millis) else { return };
    // Two periods without a success: one run may be late or skipped, two means it is not running.
    let since = last_success.or(slm.modified_millis);
    if let Some(since) = since
        && now_millis - since > 2 * period
    {
        let evidence = match last_success {
            Some(s) => format!(
                "SLM policy [{}] last succeeded at {}, more than two schedule periods ago (`{}`)",
                slm.name,
                iso(s),
                slm.schedule
            ),
            None => format!(
                "SLM policy [{}] has never succeeded since it was set up at {} (schedule `{}`)",
                slm.name,
                iso(since),
                slm.schedule
            ),
        };
        findings.push(Finding {
            code: FindingCode::SlmPolicyStale,
            severity: Severity::Warn,
            subject: slm.name.clone(),
            indices: Vec::new(),
            evidence,
            action: "check that SLM is running (`GET _slm/status`, `POST _slm/start`) and the policy's history (`GET _slm/policy`)".into(),
        });
    }
}

/// Policies whose delete phase neither waits for a snapshot nor has an SLM policy covering the
/// indices it deletes.
fn unprotected_deletes(
    findings: &mut Vec<Finding>,
    backups: &Backups,
    policies: &BTreeMap<String, IlmPolicy>,
    policy_users: &BTreeMap<&str, Vec<&str>>,
) {
    for (name, indices) in policy_users {
        let Some(policy) = policies.get(*name) else { continue };
        let Some(delete_after) = policy.delete_after_millis() else { continue };
        if policy.phases.get("delete").is_some_and(|p| p.actions.iter().any(|a| a == "wait_for_snapshot")) {
            continue;
        }
        let uncovered: Vec<String> = indices
            .iter()
            .filter(|index| !backups.slm_policies.iter().any(|slm| covers(&slm.indices, index)))
            .map(|s| s.to_string())
            .collect();
        if uncovered.is_empty() {
            continue;
        }
        findings.push(Finding {
            code: FindingCode::DeleteWithoutSnapshot,
            severity: Severity::Warn,
            subject: (*name).to_string(),
            evidence: format!(
                "policy [{name}] deletes after {} with no wait_for_snapshot, and no SLM policy snapshots {}",
                crate::render::human_age(delete_after.max(0).unsigned_abs()),
                match (uncovered.len(), indices.len()) {
                    (_, 1) => "its index".to_string(),
                    (u, n) if u == n => format!("any of its {n} indices"),
                    (u, n) => format!("{u} of its {n} indices"),
                }
            ),
            indices: uncovered,
            action: "add `wait_for_snapshot: {policy: NAME}` to the delete phase, or an SLM policy whose config.indices covers these indices".into(),
        });
    }
}

/// Whether SLM `config.indices` patterns cover `index` (none, `*` or `_all`: every index).
fn covers(patterns: &[String], index: &str) -> bool {
    patterns.is_empty()
        || patterns.iter().any(|p| p == "_all" || (!p.starts_with('-') && simple_match(p, index)))
            && !patterns.iter().any(|p| p.strip_prefix('-').is_some_and(|x| simple_match(x, index)))
}

fn iso(millis: i64) -> String {
    chrono::DateTime::from_timestamp_millis(millis)
        .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::es::cluster_state::parse_policy;
    use serde_json::json;

    const DAY: i64 = 86_400_000;
    const NOW: i64 = 1_710_505_800_000;

    fn slm(indices: &[&str], success: Option<i64>, failure: Option<i64>) -> SlmPolicyInfo {
        SlmPolicyInfo {
            name: "nightly".into(),
            schedule: "0 30 1 * * ?".into(),
            repository: "backups".into(),
            indices: indices.iter().map(|s| s.to_string()).collect(),
            modified_millis: Some(NOW - 30 * DAY),
            last_success_millis: success,
            last_failure: failure.map(|t| (t, "SnapshotException[[backups:x] failed]".to_string())),
        }
    }

    fn codes(findings: &[Finding]) -> Vec<&str> {
        findings.iter().map(|f| f.code.as_str()).collect()
    }

    #[test]
    fn slm_policies_that_failed_last_or_fell_silent_are_findings() {
        let policies = BTreeMap::new();
        let users = BTreeMap::new();
        let run = |p: SlmPolicyInfo| {
            let backups = Backups { slm_policies: vec![p], ..Default::default() };
            analyze(&backups, &policies, &users, None, NOW).1
        };
        assert!(run(slm(&[], Some(NOW - DAY / 2), None)).is_empty());
        assert_eq!(codes(&run(slm(&[], Some(NOW - 2 * DAY), Some(NOW - DAY)))), ["slm-policy-failing"]);
        assert_eq!(codes(&run(slm(&[], Some(NOW - 3 * DAY), None))), ["slm-policy-stale"]);
        assert_eq!(codes(&run(slm(&[], None, None))), ["slm-policy-stale"], "never succeeded in 30 days");
    }

    #[test]
    fn deletes_without_wait_for_snapshot_or_covering_slm_are_findings_and_repositories_are_summed() {
        let deleting = parse_policy(&json!({"phases": {"delete": {"min_age": "90d", "actions": {"delete": {}}}}}));
        let waiting = parse_policy(
            &json!({"phases": {"delete": {"min_age": "90d", "actions": {"wait_for_snapshot": {"policy": "nightly"}, "delete": {}}}}}),
        );
        let policies: BTreeMap<String, IlmPolicy> =
            [("logs".to_string(), deleting), ("safe".to_string(), waiting)].into();
        let users: BTreeMap<&str, Vec<&str>> =
            [("logs", vec!["logs-2024.03.01", "audit-2024.03.01"]), ("safe", vec!["safe-1"])].into();
        let snapshot = |name: &str, start: i64, bytes: u64| SnapshotInfo {
            repository: "backups".into(),
            name: name.into(),
            state: "SUCCESS".into(),
            indices: vec!["logs-2024.03.01".into()],
            start_millis: Some(start),
            index_bytes: [("logs-2024.03.01".to_string(), bytes)].into(),
            failures: Vec::new(),
            reason: None,
        };
        let backups = Backups {
            repositories: vec![RepositoryInfo { name: "backups".into(), kind: "fs".into() }],
            snapshots: vec![snapshot("a", NOW - 2 * DAY, 100), snapshot("b", NOW - DAY, 150)],
            slm_policies: vec![slm(&["logs-*"], Some(NOW - DAY), None)],
            verification: [("backups".to_string(), Some("[backups] path is not accessible".to_string()))].into(),
        };
        let (repos, findings) = analyze(&backups, &policies, &users, None, NOW);
        assert_eq!(repos[0].snapshots, 2);
        assert_eq!(repos[0].size_bytes, 150, "an index counts once, at its latest size");
        assert_eq!(repos[0].verified, Some(false));
        assert_eq!(codes(&findings), ["snapshot-repository-unverified", "delete-without-snapshot"]);
        assert_eq!(findings[1].indices, ["audit-2024.03.01"], "logs-* is covered by the SLM policy");
        // narrowed to indices the SLM policy does not cover, its repository is none of our business
        let (_, narrowed) = analyze(&backups, &policies, &users, Some(&["audit-2024.03.01"]), NOW);
        assert_eq!(codes(&narrowed), ["delete-without-snapshot"]);
    }
}
