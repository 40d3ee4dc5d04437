//! What can be done to a selection of indices, and how a run of it is carried out and accounted
//! for. The selection is retention's ([`super::retention::select`]); the action decides which
//! selected indices it has something to do on, how they are batched, and what the cluster must
//! show afterwards for the action to count as done.
//!
//! Execution ([`act_in_batches`]) believes the cluster only when it says so: an answer counts when
//! Elasticsearch's success shape says so, and every batch whose answer is lost or unclear is
//! settled by reading the cluster back. A batch that fails for want of an answer is not re-sent
//! index by index (each with a fresh retry budget): the run stops there and says what it left
//! undone, so a dead or hanging cluster costs one request's budget, not one per index.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;

use serde::{Deserialize, Serialize};

use super::retention::{IndexFacts, RetentionSnapshot, is_explicit_name};

/// An action on a selection of indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum IndexAction {
    /// `DELETE /a,b,c`.
    Delete,
    /// `POST /a,b,c/_close`.
    Close,
    /// `POST /a,b,c/_open`.
    Open,
    /// `POST /a,b,c/_forcemerge?max_num_segments=N`.
    Forcemerge {
        /// Segments per shard.
        max_segments: u32,
    },
    /// `PUT /a,b,c/_settings` with `index.number_of_replicas`.
    SetReplicas {
        /// The replica count.
        replicas: u32,
    },
    /// `POST /{index}/_shrink/shrink-{index}`, one index per request.
    Shrink {
        /// Primary shards of the target.
        shards: u32,
    },
    /// `PUT /_snapshot/{repository}/{name}` of the whole selection at once, waited for and
    /// checked (see [`super::snapshot_first`]): the snapshot step every action can be preceded by,
    /// on its own. It sends nothing per batch ([`IndexAction::batches`] is empty).
    Snapshot,
}

/// Elasticsearch's limit on documents in one shard (`IndexWriter.MAX_DOCS`), which a shrink must
/// respect for the documents merged into each target shard.
const MAX_DOCS_PER_SHARD: u64 = 2_147_483_519;

/// What a shrink of `index` creates.
pub fn shrink_target(index: &str) -> String {
    format!("shrink-{index}")
}

impl IndexAction {
    /// The verb, as the command line and the messages say it.
    pub fn verb(&self) -> &'static str {
        match self {
            IndexAction::Delete => "delete",
            IndexAction::Close => "close",
            IndexAction::Open => "open",
            IndexAction::Forcemerge { .. } => "forcemerge",
            IndexAction::SetReplicas { .. } => "set replicas of",
            IndexAction::Shrink { .. } => "shrink",
            IndexAction::Snapshot => "snapshot",
        }
    }

    /// The verb's -ing form, for progress lines.
    pub fn gerund(&self) -> &'static str {
        match self {
            IndexAction::Delete => "deleting",
            IndexAction::Close => "closing",
            IndexAction::Open => "opening",
            IndexAction::Forcemerge { .. } => "force-merging",
            IndexAction::SetReplicas { .. } => "setting the replicas of",
            IndexAction::Shrink { .. } => "shrinking",
            IndexAction::Snapshot => "snapshotting",
        }
    }

    /// What a done index is, in the results table.
    pub fn done_word(&self) -> String {
        match self {
            IndexAction::Delete => "deleted".into(),
            IndexAction::Close => "closed".into(),
            IndexAction::Open => "opened".into(),
            IndexAction::Forcemerge { max_segments } => format!("merged to ≤ {max_segments} segments per shard"),
            IndexAction::SetReplicas { replicas } => format!("replicas set to {replicas}"),
            IndexAction::Shrink { shards } => format!("shrunk into {shards} shard(s)"),
            IndexAction::Snapshot => "in the snapshot (SUCCESS)".into(),
        }
    }

    /// Why the action has nothing to do or cannot be done on `index`, in words an operator acts
    /// on; `None` when it can go ahead. For a shrink these are Elasticsearch's prerequisites.
    pub fn blocker(&self, index: &IndexFacts, snapshot: &RetentionSnapshot) -> Option<String> {
        match self {
            IndexAction::Delete => None,
            IndexAction::Close => (!index.is_open()).then(|| "already closed".into()),
            IndexAction::Open => index.is_open().then(|| "already open".into()),
            IndexAction::Forcemerge { .. } => {
                (!index.is_open()).then(|| "closed: a closed index cannot be merged (open it first)".into())
            }
            IndexAction::SetReplicas { replicas } => {
                (index.replicas == *replicas).then(|| format!("already has {replicas} replica(s)"))
            }
            IndexAction::Shrink { shards } => shrink_blocker(index, *shards, snapshot),
            // SnapshotsService marks a closed index's shards missing ("index is closed"): the
            // snapshot would fail for all of them.
            IndexAction::Snapshot => (!index.is_open())
                .then(|| "closed: Elasticsearch does not snapshot a closed index (open it first)".into()),
        }
    }

    /// Indices per request: a shrink creates one index per request; a snapshot has none (the
    /// snapshot step takes them all in one request, its body); the rest take lists.
    pub fn batches(&self, names: &[String], max_path_bytes: usize) -> Vec<Vec<String>> {
        match self {
            IndexAction::Shrink { .. } => names.iter().map(|n| vec![n.clone()]).collect(),
            IndexAction::Snapshot => Vec::new(),
            _ => crate::es::indices::index_list_batches(names, self.path_suffix(), max_path_bytes),
        }
    }

    fn path_suffix(&self) -> &'static str {
        match self {
            IndexAction::Delete | IndexAction::SetReplicas { .. } | IndexAction::Snapshot => "",
            IndexAction::Close => "/_close",
            IndexAction::Open => "/_open",
            IndexAction::Forcemerge { .. } => "/_forcemerge",
            IndexAction::Shrink { .. } => "/_shrink",
        }
    }

    /// Whether a re-read of the cluster shows the action done on `name` (`None`: a re-read cannot
    /// tell, as for a merge, whose segment counts `_cat/indices` does not show).
    pub fn shows_done(&self, name: &str, after: &BTreeMap<String, IndexState>) -> Option<bool> {
        let state = after.get(name);
        match self {
            IndexAction::Delete => Some(state.is_none()),
            IndexAction::Close => Some(state.is_some_and(|s| !s.open)),
            IndexAction::Open => Some(state.is_some_and(|s| s.open)),
            IndexAction::SetReplicas { replicas } => Some(state.is_some_and(|s| s.replicas == *replicas)),
            IndexAction::Shrink { .. } => Some(after.contains_key(&shrink_target(name))),
            IndexAction::Forcemerge { .. } | IndexAction::Snapshot => None,
        }
    }
}

/// ES's shrink prerequisites (the shrink index API's documentation and `MetadataCreateIndexService`
/// validation), checked before anything is sent so that each refusal comes with its fix.
fn shrink_blocker(index: &IndexFacts, shards: u32, snapshot: &RetentionSnapshot) -> Option<String> {
    let name = &index.name;
    if !index.is_open() {
        return Some("closed: open it first".into());
    }
    if shards >= index.primaries {
        return Some(format!("has {} primary shard(s): nothing to shrink to {shards}", index.primaries));
    }
    if !index.primaries.is_multiple_of(shards) {
        return Some(format!(
            "{shards} is not a factor of its {} primary shards (ES: the target's shard count must divide the source's)",
            index.primaries
        ));
    }
    if snapshot.indices.iter().any(|i| i.name == shrink_target(name)) {
        return Some(format!("the target {} already exists", shrink_target(name)));
    }
    if let Some(docs) = index.docs
        && docs / u64::from(shards) > MAX_DOCS_PER_SHARD
    {
        return Some(format!("{docs} documents exceed ES's {MAX_DOCS_PER_SHARD} per target shard"));
    }
    if !index.write_blocked {
        return Some(format!(
            "not write-blocked: PUT /{name}/_settings {{\"index.blocks.write\": true}} first (ES shrinks read-only indices)"
        ));
    }
    if index.health != "green" {
        return Some(format!("health {}: ES needs every shard copy active (green) to shrink", index.health));
    }
    let copies = snapshot.disk.as_ref().and_then(|d| d.copies.get(name));
    let one_node = copies.and_then(|by_shard| {
        let mut nodes: Option<BTreeSet<&String>> = None;
        for shard in 0..index.primaries {
            let here: BTreeSet<&String> = by_shard.get(&shard)?.iter().collect();
            nodes = Some(match nodes {
                None => here,
                Some(n) => n.intersection(&here).copied().collect(),
            });
        }
        nodes.and_then(|n| n.into_iter().next().cloned())
    });
    if one_node.is_none() {
        return Some(format!(
            "no node holds a copy of every shard: PUT /{name}/_settings {{\"index.routing.allocation.require._name\": \
             \"NODE\"}} and wait for the relocation (ES shrinks on one node)"
        ));
    }
    None
}

/// The state of an index after an action, as a re-read shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexState {
    /// Not closed.
    pub open: bool,
    /// Replicas per primary.
    pub replicas: u32,
}

impl IndexState {
    /// Each index of a snapshot's state.
    pub fn of(snapshot: &RetentionSnapshot) -> BTreeMap<String, IndexState> {
        snapshot
            .indices
            .iter()
            .map(|i| (i.name.clone(), IndexState { open: i.is_open(), replicas: i.replicas }))
            .collect()
    }
}

/// How one request of an action went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActFailure {
    /// An index of the request does not exist; Elasticsearch then did nothing to any of them.
    Missing,
    /// Elasticsearch refused: a definite answer (4xx), nothing was done.
    Refused(String),
    /// No usable answer (dropped connection, timeout, 5xx, an answer without the success shape):
    /// the request may or may not have been carried out.
    Unknown(String),
}

/// Sends one request of an action for explicit names.
pub trait IndexActor {
    /// Carries out `action` on `names` (all of them in one request).
    fn act(&self, action: IndexAction, names: &[String]) -> impl Future<Output = Result<(), ActFailure>>;
    /// The indices and their state now (one request), to settle what an unclear answer did.
    fn read_back(&self) -> impl Future<Output = Result<BTreeMap<String, IndexState>, String>>;
}

/// What happened to one index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", content = "detail", rename_all = "snake_case")]
pub enum ActOutcome {
    /// Done, as Elasticsearch acknowledged (and a read-back showed, where one can).
    Done,
    /// Done by this run although the answer was lost: the read-back shows it done.
    DoneAnswerLost(String),
    /// It did not exist any more (someone else deleted it).
    AlreadyGone,
    /// Refused, or the read-back shows it not done.
    Failed(String),
    /// Neither the answer nor a read-back could tell.
    Unknown(String),
    /// Not sent: the run stopped before (a lost answer, an interruption).
    NotAttempted,
}

impl ActOutcome {
    /// True when this run did the action on the index.
    pub fn done(&self) -> bool {
        matches!(self, ActOutcome::Done | ActOutcome::DoneAnswerLost(_))
    }
}

/// What is known before and after each batch, for the progress display and the audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchEvent<'a> {
    /// About to send this batch (written to the log before the request leaves).
    Intent {
        /// 1-based batch number.
        batch: usize,
        /// Number of batches.
        batches: usize,
        /// The indices.
        names: &'a [String],
    },
    /// The batch's outcome, settled.
    Outcome {
        /// 1-based batch number.
        batch: usize,
        /// Indices handled so far.
        done: usize,
        /// Indices in all batches.
        total: usize,
        /// This batch's results.
        results: &'a [(String, ActOutcome)],
    },
}

/// Carries out `action` batch after batch; `stop` is asked before each batch (an interruption).
///
/// - Acknowledged: done. A missing index (404): ES did nothing; the read-back tells which are
///   gone, and the rest is sent again once as one request.
/// - Refused (4xx): ES did nothing; a batch of several is split so the refusal lands on the
///   index that causes it (definite answers come fast; no retry budget is spent).
/// - No usable answer: one read-back settles the batch (done despite the lost answer, or
///   failed), and the run stops — the remaining batches are [`ActOutcome::NotAttempted`].
pub async fn act_in_batches<A: IndexActor>(
    actor: &A,
    action: IndexAction,
    batches: &[Vec<String>],
    mut stop: impl FnMut() -> bool,
    mut on_event: impl FnMut(BatchEvent<'_>),
) -> Vec<(String, ActOutcome)> {
    let total = batches.iter().map(Vec::len).sum();
    let mut all: Vec<(String, ActOutcome)> = Vec::with_capacity(total);
    let mut halted = false;
    for (i, batch) in batches.iter().enumerate() {
        if halted || stop() {
            halted = true;
            all.extend(batch.iter().map(|n| (n.clone(), ActOutcome::NotAttempted)));
            continue;
        }
        let (batch, suspicious): (Vec<String>, Vec<String>) = batch.iter().cloned().partition(|n| is_explicit_name(n));
        let mut results: Vec<(String, ActOutcome)> = suspicious
            .into_iter()
            .map(|n| (n, ActOutcome::Failed("not an explicit index name: never sent".into())))
            .collect();
        if !batch.is_empty() {
            on_event(BatchEvent::Intent { batch: i + 1, batches: batches.len(), names: &batch });
            let (settled, lost) = send_batch(actor, action, batch).await;
            results.extend(settled);
            halted = lost;
        }
        all.extend(results.iter().cloned());
        on_event(BatchEvent::Outcome { batch: i + 1, done: all.len(), total, results: &results });
    }
    all
}

/// One batch, settled; `true` when an answer was lost (the run must stop).
async fn send_batch<A: IndexActor>(
    actor: &A,
    action: IndexAction,
    batch: Vec<String>,
) -> (Vec<(String, ActOutcome)>, bool) {
    match actor.act(action, &batch).await {
        Ok(()) => (batch.into_iter().map(|n| (n, ActOutcome::Done)).collect(), false),
        Err(ActFailure::Missing) => {
            let Ok(now) = actor.read_back().await else {
                return (unknown(batch, "an index was missing and the re-read failed"), true);
            };
            let (gone, rest): (Vec<String>, Vec<String>) = batch.into_iter().partition(|n| !now.contains_key(n));
            let mut out: Vec<(String, ActOutcome)> = gone.into_iter().map(|n| (n, ActOutcome::AlreadyGone)).collect();
            if rest.is_empty() {
                return (out, false);
            }
            // Once, as one request: a second missing index is reported, not chased.
            let (settled, lost) = match actor.act(action, &rest).await {
                Ok(()) => (rest.into_iter().map(|n| (n, ActOutcome::Done)).collect(), false),
                Err(ActFailure::Unknown(e)) => settle(actor, action, rest, &e).await,
                Err(ActFailure::Missing) => (
                    rest.into_iter().map(|n| (n, ActOutcome::Failed("missing on the second try".into()))).collect(),
                    false,
                ),
                Err(ActFailure::Refused(e)) => split_refused(actor, action, rest, &e).await,
            };
            out.extend(settled);
            (out, lost)
        }
        Err(ActFailure::Refused(e)) => split_refused(actor, action, batch, &e).await,
        Err(ActFailure::Unknown(e)) => settle(actor, action, batch, &e).await,
    }
}

/// A refused batch of several, sent index by index so that the refusal lands on the index that
/// causes it (definite answers come fast; no retry budget is spent); one of one is just failed.
async fn split_refused<A: IndexActor>(
    actor: &A,
    action: IndexAction,
    batch: Vec<String>,
    error: &str,
) -> (Vec<(String, ActOutcome)>, bool) {
    if batch.len() == 1 {
        return (batch.into_iter().map(|n| (n, ActOutcome::Failed(error.to_string()))).collect(), false);
    }
    let mut out = Vec::with_capacity(batch.len());
    for name in batch {
        match actor.act(action, std::slice::from_ref(&name)).await {
            Ok(()) => out.push((name, ActOutcome::Done)),
            Err(ActFailure::Missing) => out.push((name, ActOutcome::AlreadyGone)),
            Err(ActFailure::Refused(e)) => out.push((name, ActOutcome::Failed(e))),
            Err(ActFailure::Unknown(e)) => {
                let (settled, _) = settle(actor, action, vec![name], &e).await;
                out.extend(settled);
                return (out, true);
            }
        }
    }
    (out, false)
}

/// Settles a batch whose answer was lost by reading the cluster back.
async fn settle<A: IndexActor>(
    actor: &A,
    action: IndexAction,
    batch: Vec<String>,
    error: &str,
) -> (Vec<(String, ActOutcome)>, bool) {
    let Ok(now) = actor.read_back().await else {
        return (unknown(batch, &format!("{error}; the re-read failed too")), true);
    };
    let out = batch
        .into_iter()
        .map(|n| {
            let outcome = match action.shows_done(&n, &now) {
                Some(true) => {
                    ActOutcome::DoneAnswerLost(format!("the answer was lost ({error}); the re-read shows it done"))
                }
                Some(false) => ActOutcome::Failed(format!("{error}; the re-read shows it not done")),
                None => ActOutcome::Unknown(format!("{error}; a re-read cannot tell whether it was done")),
            };
            (n, outcome)
        })
        .collect();
    (out, true)
}

fn unknown(batch: Vec<String>, why: &str) -> Vec<(String, ActOutcome)> {
    batch.into_iter().map(|n| (n, ActOutcome::Unknown(why.to_string()))).collect()
}

/// Checks acknowledged results against a final re-read: an index Elasticsearch acknowledged but
/// the cluster does not show done becomes [`ActOutcome::Unknown`].
pub fn confirm(action: IndexAction, results: &mut [(String, ActOutcome)], after: &BTreeMap<String, IndexState>) {
    for (name, outcome) in results.iter_mut() {
        if *outcome == ActOutcome::Done && action.shows_done(name, after) == Some(false) {
            *outcome = ActOutcome::Unknown("acknowledged, but a re-read does not show it done".into());
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;

    /// A cluster that does what it is told to the names in `present`, and answers as scripted.
    struct FakeCluster {
        present: RefCell<BTreeSet<String>>,
        refused: Vec<&'static str>,
        /// Names whose request is carried out but whose answer is lost.
        lost: Vec<&'static str>,
        calls: RefCell<Vec<Vec<String>>>,
        reads: RefCell<usize>,
    }

    impl FakeCluster {
        fn new(present: &[&str]) -> Self {
            FakeCluster {
                present: RefCell::new(present.iter().map(|s| s.to_string()).collect()),
                refused: Vec::new(),
                lost: Vec::new(),
                calls: RefCell::new(Vec::new()),
                reads: RefCell::new(0),
            }
        }
    }

    impl IndexActor for FakeCluster {
        async fn act(&self, _: IndexAction, names: &[String]) -> Result<(), ActFailure> {
            self.calls.borrow_mut().push(names.to_vec());
            if names.iter().any(|n| !self.present.borrow().contains(n)) {
                return Err(ActFailure::Missing);
            }
            if names.iter().any(|n| self.refused.contains(&n.as_str())) {
                return Err(ActFailure::Refused("snapshot_in_progress_exception".into()));
            }
            for n in names {
                self.present.borrow_mut().remove(n);
            }
            if names.iter().any(|n| self.lost.contains(&n.as_str())) {
                return Err(ActFailure::Unknown("504 Gateway Timeout".into()));
            }
            Ok(())
        }

        async fn read_back(&self) -> Result<BTreeMap<String, IndexState>, String> {
            *self.reads.borrow_mut() += 1;
            Ok(self.present.borrow().iter().map(|n| (n.clone(), IndexState { open: true, replicas: 1 })).collect())
        }
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn run(fake: &FakeCluster, batches: &[Vec<String>]) -> Vec<(String, ActOutcome)> {
        tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(act_in_batches(
            fake,
            IndexAction::Delete,
            batches,
            || false,
            |_| {},
        ))
    }

    #[test]
    fn a_refused_batch_is_split_so_the_refusal_lands_on_its_index() {
        let mut fake = FakeCluster::new(&["a", "c", "d"]);
        fake.refused = vec!["c"];
        let results = run(&fake, &[names(&["a", "b", "c"]), names(&["d", "e-*"])]);
        assert_eq!(
            results,
            [
                ("b".to_string(), ActOutcome::AlreadyGone),
                ("a".to_string(), ActOutcome::Done),
                ("c".to_string(), ActOutcome::Failed("snapshot_in_progress_exception".into())),
                ("e-*".to_string(), ActOutcome::Failed("not an explicit index name: never sent".into())),
                ("d".to_string(), ActOutcome::Done),
            ]
        );
        assert!(fake.calls.borrow().iter().flatten().all(|n| is_explicit_name(n)));
    }

    #[test]
    fn a_lost_answer_is_settled_by_one_read_back_and_stops_the_run() {
        let mut fake = FakeCluster::new(&["a", "b", "c", "d"]);
        fake.lost = vec!["a"];
        let results = run(&fake, &[names(&["a", "b"]), names(&["c", "d"])]);
        assert!(matches!(&results[0], (n, ActOutcome::DoneAnswerLost(why)) if n == "a" && why.contains("504")));
        assert!(matches!(&results[1].1, ActOutcome::DoneAnswerLost(_)));
        assert_eq!(
            results[2..],
            [("c".to_string(), ActOutcome::NotAttempted), ("d".to_string(), ActOutcome::NotAttempted)]
        );
        // One request for the failing batch, never one per index; one read to settle it.
        assert_eq!(fake.calls.borrow().len(), 1);
        assert_eq!(*fake.reads.borrow(), 1);
    }

    #[test]
    fn an_acknowledged_index_that_is_still_there_is_unknown() {
        let mut results = vec![("a".to_string(), ActOutcome::Done), ("b".to_string(), ActOutcome::Done)];
        let after = BTreeMap::from([("b".to_string(), IndexState { open: true, replicas: 1 })]);
        confirm(IndexAction::Delete, &mut results, &after);
        assert_eq!(results[0].1, ActOutcome::Done);
        assert!(matches!(results[1].1, ActOutcome::Unknown(_)));
    }

    #[test]
    fn a_snapshot_is_one_request_for_the_selection_and_skips_closed_indices() {
        let mut closed = super::super::retention::tests::facts("a");
        let snap = RetentionSnapshot::default();
        assert_eq!(IndexAction::Snapshot.blocker(&closed, &snap), None);
        closed.status = "close".into();
        assert!(IndexAction::Snapshot.blocker(&closed, &snap).unwrap().contains("open it first"));
        assert!(IndexAction::Snapshot.batches(&names(&["a", "b"]), 100).is_empty());
    }

    #[test]
    fn an_interruption_leaves_the_rest_not_attempted() {
        let fake = FakeCluster::new(&["a", "b"]);
        let mut asked = 0;
        let results = tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(act_in_batches(
            &fake,
            IndexAction::Delete,
            &[names(&["a"]), names(&["b"])],
            || {
                asked += 1;
                asked > 1
            },
            |_| {},
        ));
        assert_eq!(results, [("a".to_string(), ActOutcome::Done), ("b".to_string(), ActOutcome::NotAttempted)]);
    }
}
