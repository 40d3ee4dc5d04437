//! `esops indices close|open|forcemerge|set-replicas|shrink|snapshot`: retention's selection,
//! another action.

use esops_core::es::Client;
use esops_core::exit::ExitStatus;
use esops_core::lifecycle::index_action::IndexAction;
use esops_core::printer::Printer;

use super::retention::SnapshotFirst;
use crate::cli::{IndicesAction, IndicesArgs};

/// Runs `esops indices ACTION`.
pub async fn run(client: &Client, args: &IndicesArgs, printer: &Printer) -> anyhow::Result<ExitStatus> {
    let (action, common, snapshot) = match &args.action {
        IndicesAction::Close(a) => (IndexAction::Close, a, None),
        IndicesAction::Open(a) => (IndexAction::Open, a, None),
        IndicesAction::Forcemerge(a) => (IndexAction::Forcemerge { max_segments: a.max_segments }, &a.common, None),
        IndicesAction::SetReplicas(a) => (IndexAction::SetReplicas { replicas: a.replicas }, &a.common, None),
        IndicesAction::Shrink(a) => (IndexAction::Shrink { shards: a.shards }, &a.common, None),
        IndicesAction::Snapshot(a) => {
            (IndexAction::Snapshot, &a.common, Some(SnapshotFirst::new(&a.to, &a.snapshot_name, a.snapshot_timeout)))
        }
    };
    super::retention::run_action(client, &common.selection, &common.run, action, snapshot, printer).await
}
