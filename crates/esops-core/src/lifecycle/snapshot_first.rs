//! Snapshot before delete (`retention --snapshot-to REPO`): the checks that decide whether a
//! snapshot may stand in for the indices about to be deleted, and the restore request that
//! brings one back. Pure: the snapshot comes in as Elasticsearch reported it.

use crate::es::snapshots::SnapshotInfo;

/// The snapshot name when none is given: date math resolved by Elasticsearch at creation, down
/// to the second, so that runs on the same day do not collide.
pub const DEFAULT_SNAPSHOT_NAME: &str = "<esops-retention-{now{yyyy.MM.dd-HH.mm.ss}}>";

/// The name `esops indices snapshot` gives by default: the same date math as SLM's usual
/// `<nightly-{now/d}>`, down to the second (resolved by Elasticsearch, in UTC), so that an ad hoc
/// run never collides with an earlier one (ES refuses a name that exists).
pub const DEFAULT_ACTION_SNAPSHOT_NAME: &str = "<esops-snapshot-{now{yyyy.MM.dd-HH.mm.ss}}>";

/// Why a snapshot cannot stand in for the indices: nothing may be deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotShortfall {
    /// The snapshot ended in another state than `SUCCESS` (`PARTIAL`, `FAILED`, …).
    NotSuccessful {
        /// The state.
        state: String,
        /// ES's reason, or the first shard failures.
        why: String,
    },
    /// The snapshot succeeded but lacks indices that were to be deleted.
    Missing(Vec<String>),
}

impl std::fmt::Display for SnapshotShortfall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SnapshotShortfall::NotSuccessful { state, why } => write!(f, "the snapshot ended {state}: {why}"),
            SnapshotShortfall::Missing(indices) => {
                write!(
                    f,
                    "the snapshot does not hold {} of the selected indices: {}",
                    indices.len(),
                    indices.join(", ")
                )
            }
        }
    }
}

/// Whether `snapshot` holds every one of `indices`, completely.
pub fn check(snapshot: &SnapshotInfo, indices: &[String]) -> Result<(), SnapshotShortfall> {
    if snapshot.state != "SUCCESS" {
        let why = match &snapshot.reason {
            Some(reason) => reason.clone(),
            None if !snapshot.failures.is_empty() => {
                let mut failed: Vec<String> = snapshot.failures.iter().map(|(i, r)| format!("{i} ({r})")).collect();
                failed.dedup();
                format!("shards failed in {}", failed.join(", "))
            }
            None => "no reason given".to_string(),
        };
        return Err(SnapshotShortfall::NotSuccessful { state: snapshot.state.clone(), why });
    }
    let missing: Vec<String> = indices.iter().filter(|i| !snapshot.indices.contains(i)).cloned().collect();
    if missing.is_empty() { Ok(()) } else { Err(SnapshotShortfall::Missing(missing)) }
}

/// The request that restores `index` from the snapshot, as Kibana's Dev Tools take it (and as
/// `curl -X POST URL/_snapshot/…/_restore -H 'Content-Type: application/json' -d BODY` sends it).
pub fn restore_request(repository: &str, snapshot: &str, index: &str) -> String {
    let body = serde_json::json!({"indices": index, "include_global_state": false, "include_aliases": false});
    format!("POST _snapshot/{repository}/{snapshot}/_restore {body}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn taken(state: &str, indices: &[&str], failures: &[(&str, &str)]) -> SnapshotInfo {
        SnapshotInfo {
            repository: "nightly".into(),
            name: "s".into(),
            state: state.into(),
            indices: indices.iter().map(|s| s.to_string()).collect(),
            start_millis: Some(0),
            index_bytes: BTreeMap::new(),
            failures: failures.iter().map(|(i, r)| (i.to_string(), r.to_string())).collect(),
            reason: None,
        }
    }

    #[test]
    fn only_a_successful_snapshot_holding_every_index_lets_the_delete_go() {
        let wanted = vec!["a".to_string(), "b".to_string()];
        assert_eq!(check(&taken("SUCCESS", &["a", "b", "c"], &[]), &wanted), Ok(()));
        assert_eq!(check(&taken("SUCCESS", &["a"], &[]), &wanted), Err(SnapshotShortfall::Missing(vec!["b".into()])));
        let partial = check(&taken("PARTIAL", &["a", "b"], &[("b", "disk full"), ("b", "disk full")]), &wanted);
        assert_eq!(partial.unwrap_err().to_string(), "the snapshot ended PARTIAL: shards failed in b (disk full)");
    }

    #[test]
    fn the_restore_request_names_one_index_and_leaves_the_cluster_state_alone() {
        assert_eq!(
            restore_request("nightly", "esops-retention-2024.03.15-00.00.00", "logs-2024.01.01"),
            r#"POST _snapshot/nightly/esops-retention-2024.03.15-00.00.00/_restore {"indices":"logs-2024.01.01","include_global_state":false,"include_aliases":false}"#
        );
    }
}
